//! The running FAQ service every front end shares: the current engine (swapped whole when
//! knowledge changes), the unanswered-question log and the counters behind `/metrics`.
//! Front ends call [`FaqService::ask`], never the engine directly, so every question is
//! counted and every miss is recorded the same way.

use std::sync::Arc;
use std::time::Instant;

use arc_swap::ArcSwap;

use crate::config::Config;
use crate::engine::Engine;
use crate::feedback::FeedbackLog;
use crate::knowledge::{Knowledge, RuleKind};
use crate::reply::{Outcome, Reply};
use crate::stats::Stats;
use crate::unanswered::UnansweredLog;

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
        let unanswered = UnansweredLog::open(&config.data_dir);
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
        let started = Instant::now();
        let reply = self.engine.load().ask(question);
        self.stats.record_reply(&reply, started.elapsed());
        match &reply.outcome {
            Outcome::NoMatch { reason, .. }
                if *reason == crate::reply::NoMatchReason::OutOfScope =>
            {
                self.unanswered.record(question, "no_match");
            }
            Outcome::Suggestions(_) => self.unanswered.record(question, "suggestions"),
            _ => {}
        }
        reply
    }

    /// Whether `question` trips a red-flag or crisis rule. Front ends ask this before they
    /// refuse a question (too long, asked too soon): urgent-care guidance is never held back
    /// by a limit, so such a question is answered all the same.
    pub fn is_urgent(&self, question: &str) -> bool {
        self.engine()
            .triage(question)
            .is_some_and(|hit| matches!(hit.kind, RuleKind::RedFlag | RuleKind::Crisis))
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

    /// A patient's 👍 / 👎 on an answer: counted in stats and kept per entry.
    pub fn record_feedback(&self, entry_id: &str, helpful: bool) {
        self.stats.record_feedback(helpful);
        self.feedback.record(entry_id, helpful);
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
