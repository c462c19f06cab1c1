//! The transport-agnostic reply model: what the engine decided, which the console, Discord
//! and the web pages each render in their own way. Its JSON form is a pinned contract.

use serde_json::{Map, Value, json};

/// Length limits that keep every reply renderable on Discord, checked when knowledge is
/// loaded or edited so a reply never has to be cut at send time.
pub mod limits {
    /// An embed title holds 256 characters; the FAQ question is the title.
    pub const ENTRY_QUESTION: usize = 256;
    /// An embed description holds 4096; a quoted passage adds "> " per line.
    pub const PASSAGE: usize = 3800;
    /// An embed field value holds 1024; the evidence note is a field.
    pub const EVIDENCE_NOTE: usize = 1024;
    /// An embed footer holds 2048; the disclaimer is the footer.
    pub const DISCLAIMER: usize = 2048;
}

/// One reply to one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The question as the person asked it.
    pub question: String,
    pub outcome: Outcome,
    /// The medical disclaimer: on every reply, whatever the outcome.
    pub disclaimer: String,
    /// Other FAQ questions to read next (two or three under an answer, none otherwise),
    /// best first. Each names its entry, so a front end can offer it as a link, a numbered
    /// pick or a button whose id is the entry id, and answer it with `answer_entry`.
    pub related: Vec<Related>,
}

/// A related FAQ question offered under an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub entry_id: String,
    /// The entry's canonical question, as the offer's text.
    pub question: String,
}

/// What the engine decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// One entry answers the question with confidence.
    Answer(Match),
    /// Several entries fit about equally well: "did you mean…".
    Suggestions(Vec<Match>),
    /// The FAQ does not cover it, or it asks for personal advice, or it was empty.
    NoMatch {
        reason: NoMatchReason,
        message: String,
    },
    /// A red flag or a crisis: urgent-care guidance, never an FAQ passage.
    Urgent(Urgent),
}

/// An FAQ entry that fits the question, with what is needed to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub entry_id: String,
    /// The entry's canonical question.
    pub question: String,
    /// Calibrated confidence, 0..1.
    pub score: f32,
    pub passage: String,
    pub evidence_note: Option<String>,
    pub section: SectionRef,
}

/// The section a passage comes from, with an absolute link to it.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionRef {
    pub id: String,
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NoMatchReason {
    OutOfScope,
    PersonalAdvice,
    Empty,
}

impl NoMatchReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OutOfScope => "out_of_scope",
            Self::PersonalAdvice => "personal_advice",
            Self::Empty => "empty",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UrgentKind {
    RedFlag,
    Crisis,
}

impl UrgentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::RedFlag => "red_flag",
            Self::Crisis => "crisis",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Urgent {
    pub kind: UrgentKind,
    /// The triage rule that fired, for logs and tests.
    pub rule_id: String,
    pub title: String,
    pub message: String,
}

impl Outcome {
    /// The contract's `kind` string.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Answer(_) => "answer",
            Self::Suggestions(_) => "suggestions",
            Self::NoMatch { .. } => "no_match",
            Self::Urgent(_) => "urgent",
        }
    }
}

impl Reply {
    pub fn kind(&self) -> &'static str {
        self.outcome.kind()
    }

    /// The JSON contract other tools depend on (see README, "JSON contract").
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        out.insert("kind".into(), json!(self.kind()));
        out.insert("question".into(), json!(self.question));
        match &self.outcome {
            Outcome::Answer(m) => {
                out.insert("entry_id".into(), json!(m.entry_id));
                out.insert("faq_question".into(), json!(m.question));
                out.insert("score".into(), json!(round(m.score)));
                out.insert("passage".into(), json!(m.passage));
                if let Some(note) = &m.evidence_note {
                    out.insert("evidence_note".into(), json!(note));
                }
                out.insert("section".into(), section_json(&m.section));
            }
            Outcome::Suggestions(list) => {
                let items = list
                    .iter()
                    .map(|m| {
                        json!({
                            "entry_id": m.entry_id,
                            "question": m.question,
                            "score": round(m.score),
                            "passage": m.passage,
                            "section": section_json(&m.section),
                        })
                    })
                    .collect();
                out.insert("suggestions".into(), Value::Array(items));
            }
            Outcome::NoMatch { reason, message } => {
                out.insert("reason".into(), json!(reason.as_str()));
                out.insert("message".into(), json!(message));
            }
            Outcome::Urgent(u) => {
                out.insert("urgency".into(), json!(u.kind.as_str()));
                out.insert("rule_id".into(), json!(u.rule_id));
                out.insert("title".into(), json!(u.title));
                out.insert("message".into(), json!(u.message));
            }
        }
        let related: Vec<Value> = self
            .related
            .iter()
            .map(|r| json!({ "entry_id": r.entry_id, "question": r.question }))
            .collect();
        out.insert("related".into(), Value::Array(related));
        out.insert("disclaimer".into(), json!(self.disclaimer));
        Value::Object(out)
    }
}

fn section_json(s: &SectionRef) -> Value {
    json!({ "id": s.id, "title": s.title, "url": s.url })
}

/// Three decimals are plenty for a confidence and keep the JSON stable across platforms.
fn round(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}
