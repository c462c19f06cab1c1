//! The answer engine: a question in, a [`Reply`] out.
//!
//! `ask` runs, in order: empty check → triage (red flags and crisis words, then requests
//! for personal advice) → analysis (normalise, correct typos, rewrite lay terms, drop stop
//! words, stem), of the whole message and of each sentence → two signals per document,
//! lexical (`score`) and semantic (`semantic`) → a decision between answer, suggestions and
//! no match by the fitted confidence (`decide`, `confidence`). Triage always comes first:
//! a question with a red flag never gets an FAQ passage.

mod analyze;
mod collision;
mod confidence;
mod decide;
pub mod embed;
mod follow_up;
mod generic;
mod index;
mod int8;
mod links;
mod normalize;
mod reading;
mod related;
mod score;
mod semantic;
mod sentences;
mod spell;
mod triage;

use std::collections::HashMap;
use std::sync::Arc;

pub use collision::Collision;
pub use confidence::Evidence;
pub use links::Links;
pub use normalize::{fold, question_len, words};
pub use reading::Candidate;
pub use related::MAX_RELATED;
pub use triage::TriageHit;

use analyze::Analyzer;
use index::{Document, Index};
use score::{Query, rank};
use semantic::SemanticIndex;
use spell::Speller;
use triage::Triage;

use crate::config::{ConfidenceConfig, Config, MatchingConfig, MessagesConfig};
use crate::knowledge::{Entry, Knowledge, NotCovered};
use crate::reply::{Match, NoMatchReason, Outcome, Related, Reply, SectionRef};

/// How much of a partial question [`Engine::autocomplete`] reads: as much as the longest
/// FAQ question may be (`reply::limits::ENTRY_QUESTION`).
pub const AUTOCOMPLETE_MAX_CHARS: usize = 256;

/// A loaded, indexed knowledge set, ready to answer. Immutable: an edit builds a new one
/// and swaps it in, so readers never see a half-built index.
pub struct Engine {
    knowledge: Arc<Knowledge>,
    analyzer: Analyzer,
    speller: Speller,
    index: Index,
    semantic: SemanticIndex,
    passages: SemanticIndex,
    triage: Triage,
    matching: MatchingConfig,
    confidence: ConfidenceConfig,
    messages: MessagesConfig,
    /// `messages.small_talk_words`, folded.
    small_talk_words: std::collections::HashSet<String>,
    /// Per document, which answer it gives: documents quoting the same passage share one
    /// number (a not-covered topic has its own), so candidates are deduplicated by number.
    answer_keys: Vec<usize>,
    /// Per FAQ entry, its related questions: they depend on the knowledge only, so each
    /// entry's are worked out the first time they are needed and kept.
    related: Vec<std::sync::OnceLock<Vec<Related>>>,
    disclaimer: String,
    links: Links,
}

impl Engine {
    /// Indexes `knowledge` (already validated) with the operator's settings.
    pub fn new(knowledge: Knowledge, config: &Config) -> Engine {
        let analyzer = Analyzer::new(&knowledge.lexicon);
        let documents = documents(&knowledge);
        let index = Index::build(&documents, &analyzer, &config.matching);
        let semantic =
            SemanticIndex::build(&embed::MODEL, documents.iter().map(|d| d.phrasings.clone()));
        let passages = SemanticIndex::build(
            &embed::MODEL,
            documents.iter().map(|d| vec![d.text.as_str()]),
        );
        let speller = Speller::new(vocabulary(&knowledge, &analyzer));
        let triage = Triage::new(&knowledge);
        let answer_keys = answer_keys(&knowledge);
        let related = knowledge.faq.iter().map(|_| Default::default()).collect();
        Engine {
            knowledge: Arc::new(knowledge),
            analyzer,
            speller,
            index,
            semantic,
            passages,
            triage,
            matching: config.matching.clone(),
            confidence: config.confidence.clone(),
            messages: config.messages.clone(),
            small_talk_words: config
                .messages
                .small_talk_words
                .iter()
                .flat_map(|w| words(w))
                .collect(),
            disclaimer: config.disclaimer.clone(),
            links: Links::from_config(config),
            answer_keys,
            related,
        }
    }

    pub fn knowledge(&self) -> &Arc<Knowledge> {
        &self.knowledge
    }

    pub fn links(&self) -> &Links {
        &self.links
    }

    pub fn disclaimer(&self) -> &str {
        &self.disclaimer
    }

    /// Answers one question. Never panics, whatever the text.
    pub fn ask(&self, question: &str) -> Reply {
        // Triage first: a red flag never gets an FAQ passage.
        let triaged = self.triage.respond(question, &self.knowledge.triage.reply);
        let outcome = triaged.outcome.unwrap_or_else(|| self.decide(question));
        Reply {
            question: question.to_owned(),
            related: self.related_to(&outcome),
            outcome,
            disclaimer: self.disclaimer.clone(),
            support: triaged.support,
        }
    }

    /// The answer reply for a chosen entry (a picked suggestion, `/faq show`), or `None`
    /// if the entry does not exist (any more).
    pub fn answer_entry(&self, entry_id: &str, question: &str) -> Option<Reply> {
        let entry = self.knowledge.entry(entry_id)?;
        Some(Reply {
            question: question.to_owned(),
            outcome: Outcome::Answer(self.to_match(entry, 1.0)),
            disclaimer: self.disclaimer.clone(),
            related: self.related(entry_id),
            support: None,
        })
    }

    /// FAQ entries that fit what someone is typing, best first: for autocomplete. Only the
    /// first [`AUTOCOMPLETE_MAX_CHARS`] characters count: Discord sends the partial text
    /// on every keystroke, up to 6,000 characters of it.
    pub fn autocomplete(&self, partial: &str, limit: usize) -> Vec<&Entry> {
        let faq = &self.knowledge.faq;
        let partial = match partial.char_indices().nth(AUTOCOMPLETE_MAX_CHARS) {
            Some((cut, _)) => &partial[..cut],
            None => partial,
        };
        if partial.trim().is_empty() {
            return faq.iter().take(limit).collect();
        }
        let needle = fold(partial);
        let mut out: Vec<&Entry> = faq
            .iter()
            .filter(|e| fold(&e.question).contains(&needle) || e.id.contains(&needle))
            .take(limit)
            .collect();
        for (i, _) in rank(&self.index, &self.question_query(partial), limit) {
            if out.len() >= limit {
                break;
            }
            if let Some(entry) = faq.get(i)
                && !out.iter().any(|e| e.id == entry.id)
            {
                out.push(entry);
            }
        }
        out
    }

    /// The ranking `ask` decides on (entry or not-covered topic id, score), best first:
    /// for tools and tuning.
    pub fn rank(&self, question: &str, limit: usize) -> Vec<(&str, f32)> {
        rank(&self.index, &self.question_query(question), limit)
            .into_iter()
            .map(|(i, s)| match self.not_covered(i) {
                Some(topic) => (topic.id.as_str(), s),
                None => (self.knowledge.faq[i].id.as_str(), s),
            })
            .collect()
    }

    /// The triage decision alone.
    pub fn triage(&self, question: &str) -> Option<TriageHit> {
        self.triage.check(question)
    }

    /// Which answer a document gives, as a number shared by documents that give the same.
    pub(super) fn answer_key(&self, document: usize) -> usize {
        self.answer_keys[document]
    }

    /// The article section an entry's answer comes from; `None` for a not-covered topic.
    pub(super) fn section_of(&self, document: usize) -> Option<&str> {
        self.knowledge.faq.get(document).map(|e| e.section.as_str())
    }

    /// Checks `phrase`, about to become a phrasing of entry `entry_id` (existing or new),
    /// against the knowledge as it is now: `Some` if another entry or a not-covered topic
    /// would take it (see [`collision::judge`]).
    pub fn phrasing_collision(&self, entry_id: &str, phrase: &str) -> Option<Collision> {
        let ranked = rank(&self.index, &self.question_query(phrase), 8);
        let own_score = ranked
            .iter()
            .find(|&&(i, _)| self.knowledge.faq.get(i).is_some_and(|e| e.id == entry_id))
            .map_or(0.0, |&(_, s)| s);
        let own_passage = self.knowledge.entry(entry_id).map(|e| e.passage.as_str());
        let &(top, top_score) = ranked.first()?;
        let standing = match self.not_covered(top) {
            Some(topic) => collision::Standing {
                own_score,
                top_id: &topic.id,
                top_not_covered: true,
                top_score,
                top_is_own_answer: false,
            },
            None => {
                let other = &self.knowledge.faq[top];
                collision::Standing {
                    own_score,
                    top_id: &other.id,
                    top_not_covered: false,
                    top_score,
                    top_is_own_answer: other.id == entry_id
                        || Some(other.passage.as_str()) == own_passage,
                }
            }
        };
        collision::judge(phrase, standing, self.matching.suggest_threshold)
    }

    /// "hi", "thanks!", "help", "what can you do?": only small-talk words, nothing asked.
    fn is_small_talk(&self, question: &str) -> bool {
        let words = words(question);
        !words.is_empty()
            && words
                .iter()
                .all(|w| self.small_talk_words.contains(w.as_str()))
    }

    /// The not-covered topic behind a ranked document, if it is one (they are indexed
    /// after the FAQ entries).
    fn not_covered(&self, document: usize) -> Option<&NotCovered> {
        document
            .checked_sub(self.knowledge.faq.len())
            .and_then(|i| self.knowledge.not_covered.get(i))
    }

    fn no_match(&self, reason: NoMatchReason) -> Outcome {
        let message = match reason {
            NoMatchReason::Empty => self.messages.empty.clone(),
            NoMatchReason::OutOfScope => self.messages.out_of_scope.clone(),
            NoMatchReason::SmallTalk => self.messages.small_talk.clone(),
            NoMatchReason::PersonalAdvice => {
                self.knowledge.triage.reply.personal_advice.message.clone()
            }
            NoMatchReason::WarningSigns => self
                .knowledge
                .triage
                .reply
                .warning_signs
                .as_ref()
                .map_or_else(String::new, |w| w.message.clone()),
        };
        Outcome::NoMatch { reason, message }
    }

    /// The query for a question: what it asks about, without the clauses that only say
    /// what the person does not have.
    pub(super) fn question_query(&self, question: &str) -> Query {
        Query::new(
            &self.index,
            &self.terms(&self.triage.without_negated_clauses(question)),
        )
    }

    /// The candidates `ask` weighs for a question, best first, each with its evidence and
    /// fitted confidence (none when it declines before weighing: empty, small talk, not
    /// one known word): for `faqbot ask --explain` and for fitting the confidence.
    pub fn explain(&self, question: &str, limit: usize) -> Vec<Explained<'_>> {
        let Ok((reading, ranked)) = self.weigh(question) else {
            return Vec::new();
        };
        ranked
            .iter()
            .take(limit)
            .map(|&c| {
                let evidence = self.evidence(&reading, &ranked, c);
                Explained {
                    id: match self.not_covered(c.document) {
                        Some(topic) => topic.id.as_str(),
                        None => self.knowledge.faq[c.document].id.as_str(),
                    },
                    not_covered: c.document >= self.knowledge.faq.len(),
                    coincidental: self.coincidental(&reading, c),
                    candidate: c,
                    confidence: evidence.confidence(&self.confidence),
                    evidence,
                }
            })
            .collect()
    }

    /// What matching sees of a question: its terms, and those the knowledge never uses
    /// (which count against every entry). For `faqbot ask --explain`.
    pub fn explain_terms(&self, question: &str) -> (Vec<String>, Vec<String>) {
        self.terms(&self.triage.without_negated_clauses(question))
            .into_iter()
            .partition(|t| self.index.term(t).is_some())
    }

    /// The words of `text`, those the knowledge never uses corrected to a near one it does.
    fn corrected_words(&self, text: &str) -> Vec<analyze::Word> {
        let mut words = self.analyzer.words(text);
        for word in &mut words {
            if self.speller.is_known(&word.surface)
                || self.index.term(&word.stem).is_some()
                || generic::is_everyday(&word.stem)
            {
                continue;
            }
            if let Some(fixed) = self.speller.correct(&word.surface) {
                word.stem = self.analyzer.stem(fixed);
                word.surface = fixed.to_owned();
            }
        }
        words
    }

    /// Analyses text into terms, correcting words the knowledge never uses.
    fn terms(&self, text: &str) -> Vec<String> {
        self.analyzer.terms(&self.corrected_words(text))
    }

    fn to_match(&self, entry: &Entry, score: f32) -> Match {
        let section = self.knowledge.section(&entry.section);
        Match {
            entry_id: entry.id.clone(),
            question: entry.question.clone(),
            score,
            passage: entry.passage.clone(),
            evidence_note: entry.evidence_note.clone(),
            section: SectionRef {
                id: entry.section.clone(),
                title: section.map(|s| s.title.clone()).unwrap_or_default(),
                url: section
                    .map(|s| self.links.section_url(s))
                    .unwrap_or_default(),
            },
        }
    }
}

/// One candidate as [`Engine::explain`] shows it.
#[derive(Debug, Clone)]
pub struct Explained<'a> {
    pub id: &'a str,
    pub not_covered: bool,
    /// Found only through everyday words and far in meaning: never answered.
    pub coincidental: bool,
    pub candidate: Candidate,
    pub evidence: Evidence,
    pub confidence: f32,
}

/// What the index matches: every FAQ entry (its question and alternates; its passage and
/// section title), then every not-covered topic (its phrasings).
fn documents(knowledge: &Knowledge) -> Vec<Document<'_>> {
    let entries = knowledge.faq.iter().map(|entry| {
        let section_title = knowledge
            .section(&entry.section)
            .map_or("", |s| s.title.as_str());
        Document {
            phrasings: std::iter::once(&entry.question)
                .chain(&entry.alternates)
                .map(String::as_str)
                .collect(),
            text: format!("{} {}", entry.passage, section_title),
        }
    });
    let topics = knowledge.not_covered.iter().map(|topic| Document {
        phrasings: topic.phrasings.iter().map(String::as_str).collect(),
        text: String::new(),
    });
    entries.chain(topics).collect()
}

/// How often each surface word occurs in the knowledge, for typo correction.
fn vocabulary(knowledge: &Knowledge, analyzer: &Analyzer) -> HashMap<String, u32> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let texts = knowledge
        .faq
        .iter()
        .flat_map(|e| {
            std::iter::once(&e.question)
                .chain(&e.alternates)
                .chain(std::iter::once(&e.passage))
        })
        .chain(knowledge.not_covered.iter().flat_map(|t| &t.phrasings))
        .chain(knowledge.article.sections.iter().map(|s| &s.title));
    for text in texts {
        for w in words(text) {
            *counts.entry(w).or_default() += 1;
        }
    }
    for w in analyzer.known_surfaces(&knowledge.lexicon) {
        counts.entry(w).or_insert(1);
    }
    counts
}

/// Per document (entries, then not-covered topics), a number naming its answer: entries
/// quoting the same passage share one.
fn answer_keys(knowledge: &Knowledge) -> Vec<usize> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let entries = knowledge.faq.iter().enumerate();
    let topics = knowledge.faq.len()..knowledge.faq.len() + knowledge.not_covered.len();
    entries
        .map(|(i, e)| *first.entry(e.passage.as_str()).or_insert(i))
        .chain(topics)
        .collect()
}
