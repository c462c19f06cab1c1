//! The running FAQ service every front end shares: the current engine (swapped whole when
//! knowledge changes), the rule for which questions are admitted, the unanswered-question
//! and feedback logs and the counters behind `/metrics`. Front ends call
//! [`FaqService::admit`] and [`FaqService::ask`], never the engine directly, so every
//! question is gated, counted and recorded the same way.

pub mod feedback;
pub mod stats;
pub mod unanswered;

use std::sync::Arc;
use std::time::Instant;

use arc_swap::ArcSwap;

use feedback::FeedbackLog;
use stats::Stats;
use unanswered::UnansweredLog;

use crate::config::Config;
use crate::engine::Engine;
use crate::error::SourceErrors;
use crate::knowledge::{Knowledge, KnowledgeListener, KnowledgeStore};
use crate::reply::{NoMatchReason, Outcome, Reply};

pub struct FaqService {
    engine: ArcSwap<Engine>,
    config: Config,
    unanswered: UnansweredLog,
    feedback: FeedbackLog,
    stats: Stats,
}

impl FaqService {
    /// Builds the service; the unanswered log goes under `config.data_dir`.
    pub fn new(config: Config, knowledge: Knowledge) -> FaqService {
        let engine = Engine::new(knowledge, &config);
        let unanswered = UnansweredLog::open(&config.data_dir, &config.unanswered);
        let feedback = FeedbackLog::open(&config.data_dir);
        FaqService {
            engine: ArcSwap::from_pointee(engine),
            config,
            unanswered,
            feedback,
            stats: Stats::default(),
        }
    }

    /// Answers a question, counting it and logging it for moderators if it went unanswered.
    pub fn ask(&self, question: &str) -> Reply {
        let reply = self.answer(question);
        self.log_unanswered(question, &reply);
        reply
    }

    /// Answers a message nobody addressed to the bot (a free-text channel): logged for
    /// moderators only if it gets a reply, since chat the bot stays quiet on ("anyone
    /// watching the match?") is not a question the FAQ missed.
    pub fn ask_overheard(&self, question: &str) -> Reply {
        let reply = self.answer(question);
        if reply.worth_posting_unasked() {
            self.log_unanswered(question, &reply);
        }
        reply
    }

    fn answer(&self, question: &str) -> Reply {
        let started = Instant::now();
        let reply = self.engine.load().ask(question);
        self.stats.record_reply(&reply, started.elapsed());
        reply
    }

    fn log_unanswered(&self, question: &str, reply: &Reply) {
        match &reply.outcome {
            Outcome::NoMatch { reason, .. } if *reason == NoMatchReason::OutOfScope => {
                self.unanswered.record(question, "no_match");
            }
            Outcome::Suggestions(_) => self.unanswered.record(question, "suggestions"),
            _ => {}
        }
    }

    /// Opens the knowledge store on this service's folders: every applied change and every
    /// reload that changes something swaps this service's engine before it returns.
    pub fn open_store(self: &Arc<Self>) -> Result<KnowledgeStore, SourceErrors> {
        let store = KnowledgeStore::open(self.config.knowledge_dir.clone(), &self.config.data_dir)?;
        let knowledge = store.knowledge();
        if **self.engine().knowledge() != *knowledge {
            self.replace_knowledge((*knowledge).clone());
        }
        Ok(store.with_listener(self.clone()))
    }

    /// The one admission rule every front end applies before [`ask`](Self::ask): a question
    /// longer than `limits.max_question_chars` is refused, and so is one the front end
    /// holds back for its own reason (`held`: Discord's cooldown; asked only when the
    /// question is not too long). A question that trips a red-flag or crisis rule is always
    /// admitted: a limit never holds back urgent-care guidance.
    pub fn admit(&self, question: &str, held: impl FnOnce() -> bool) -> Admission {
        let max = self.config.limits.max_question_chars;
        let refusal = if let Some(chars) = too_long(question, max) {
            Refusal::TooLong { chars, max }
        } else if held() {
            Refusal::Held
        } else {
            return Admission::Ask;
        };
        if self.is_urgent(question) {
            tracing::info!("urgent question let through a limit");
            return Admission::Ask;
        }
        Admission::Refuse(refusal)
    }

    /// Whether `question` trips a red-flag or crisis rule.
    pub fn is_urgent(&self, question: &str) -> bool {
        self.engine()
            .triage(question)
            .is_some_and(|hit| hit.kind.is_urgent())
    }

    /// The engine as it is now. Hold it for one request; an edit may swap in a newer one.
    pub fn engine(&self) -> Arc<Engine> {
        self.engine.load_full()
    }

    /// Re-indexes new (already validated) knowledge and swaps it in atomically: the very
    /// next question sees it, and a question already running finishes on the old one.
    pub fn replace_knowledge(&self, knowledge: Knowledge) {
        self.engine
            .store(Arc::new(Engine::new(knowledge, &self.config)));
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// `voter`'s 👍 / 👎 on an answer from `entry_id`: `None` (nothing recorded) when no
    /// such entry exists; otherwise one vote per voter per entry, changeable (see
    /// [`FeedbackLog::vote`]), counted in stats when it is new or changed.
    pub fn record_feedback(
        &self,
        voter: impl std::hash::Hash,
        entry_id: &str,
        helpful: bool,
    ) -> Option<feedback::Vote> {
        self.engine().knowledge().entry(entry_id)?;
        let vote = self.feedback.vote(voter, entry_id, helpful);
        if vote != feedback::Vote::Unchanged {
            self.stats.record_feedback(helpful);
        }
        Some(vote)
    }

    pub fn feedback(&self) -> &FeedbackLog {
        &self.feedback
    }

    pub fn unanswered(&self) -> &UnansweredLog {
        &self.unanswered
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }
}

/// The question's length in characters (surrounding space aside, counted after Unicode
/// folding, see [`crate::engine::question_len`]) when it is over `max`.
pub fn too_long(question: &str, max: usize) -> Option<usize> {
    let chars = crate::engine::question_len(question.trim());
    (chars > max).then_some(chars)
}

impl KnowledgeListener for FaqService {
    fn knowledge_changed(&self, knowledge: &Knowledge) {
        self.replace_knowledge(knowledge.clone());
    }
}

/// What [`FaqService::admit`] says about a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    Ask,
    Refuse(Refusal),
}

/// Why a question was not admitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Longer than the limit: `chars` characters where `max` are allowed.
    TooLong { chars: usize, max: usize },
    /// Held back by the front end (asked too soon).
    Held,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_is_counted_in_characters_without_surrounding_space() {
        assert_eq!(too_long("abc", 3), None);
        assert_eq!(too_long("  abcd ", 3), Some(4));
        assert_eq!(too_long("ééé", 3), None);
    }
}
