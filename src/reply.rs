//! The transport-agnostic reply model: what the engine decided, which the console, Discord
//! and the web pages each render in their own way. Its JSON form is a pinned contract.

use serde_json::{Map, Value, json};

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
    /// One gentle support line (Samaritans) shown with the reply when the message
    /// mentions suicide or self-harm only in passing or to deny it ("I'm not suicidal,
    /// just fed up"): not the crisis reply, and not nothing.
    pub support: Option<String>,
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
    /// The question is *about* red flags ("what is cauda equina?"), not a report of one:
    /// a calm list of the warning signs and when to call 999 or 111.
    WarningSigns,
    /// A greeting, thanks or "help" with nothing asked: what the bot answers and how.
    SmallTalk,
}

impl NoMatchReason {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OutOfScope => "out_of_scope",
            Self::PersonalAdvice => "personal_advice",
            Self::Empty => "empty",
            Self::WarningSigns => "warning_signs",
            Self::SmallTalk => "small_talk",
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

/// Urgent-care guidance, shaped like an NHS care card: what to do first (the steps, most
/// urgent first), then what in the message led to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Urgent {
    pub kind: UrgentKind,
    /// The most serious triage rule that fired, for logs and tests.
    pub rule_id: String,
    pub title: String,
    /// The whole guidance as plain text (the steps, "You mentioned …", then the closing
    /// note): what text-only surfaces show and the JSON `message`.
    pub message: String,
    /// "Call 999 now if you:" with its bullets, then "Call 111 … today if:", and so on.
    /// Empty when the rules give the reply as a message only.
    pub steps: Vec<CareStep>,
    /// What in the message led to the reply, one per rule that fired.
    pub mentioned: Vec<Mention>,
    /// The closing note after the card.
    pub note: String,
}

/// One step of the care card.
#[derive(Debug, Clone, PartialEq)]
pub struct CareStep {
    pub heading: String,
    pub bullets: Vec<String>,
    /// Numbers and links for the step: `tel:999`, `https://111.nhs.uk`.
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    pub label: String,
    pub href: String,
}

/// Something the message said that triage acted on.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    pub rule_id: String,
    /// In plain words: "not being able to pee".
    pub what: String,
    /// The words of the message it was read from, as folded for matching.
    pub quote: String,
}

impl Urgent {
    /// Builds the guidance and its plain-text form from its parts.
    pub fn new(
        kind: UrgentKind,
        rule_id: String,
        title: String,
        steps: Vec<CareStep>,
        mentioned: Vec<Mention>,
        note: String,
    ) -> Urgent {
        let mut message = String::new();
        for step in &steps {
            message.push_str(&step.heading);
            message.push('\n');
            for bullet in &step.bullets {
                message.push_str("- ");
                message.push_str(bullet);
                message.push('\n');
            }
            message.push('\n');
        }
        // With a card: what to do, why, then the note. Without one the note says what
        // to do, so why comes after it.
        let said = mentioned_sentence(&mentioned).unwrap_or_default();
        if steps.is_empty() {
            message.push_str(note.trim());
            message.push_str("\n\n");
            message.push_str(&said);
        } else {
            message.push_str(&said);
            message.push_str("\n\n");
            message.push_str(note.trim());
        }
        Urgent {
            kind,
            rule_id,
            title,
            message: message.trim().to_owned(),
            steps,
            mentioned,
            note,
        }
    }

    /// "You mentioned not being able to pee (“cant wee”)." — `None` when nothing is known.
    pub fn mentioned_sentence(&self) -> Option<String> {
        mentioned_sentence(&self.mentioned)
    }
}

fn mentioned_sentence(mentioned: &[Mention]) -> Option<String> {
    let parts: Vec<String> = mentioned
        .iter()
        .filter(|m| !m.what.trim().is_empty())
        .map(|m| {
            if m.quote.is_empty() {
                m.what.clone()
            } else {
                format!("{} (\u{201c}{}\u{201d})", m.what, m.quote)
            }
        })
        .collect();
    let list = match parts.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    Some(format!("You mentioned {list}."))
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
    /// Whether to post this reply to a message nobody addressed to the bot (a free-text
    /// channel): not for "not in the FAQ", small talk or an empty message, which in a
    /// channel of people talking are most likely not questions for it at all. Urgent
    /// guidance, answers, suggestions and personal-advice or warning-sign notices are.
    pub fn worth_posting_unasked(&self) -> bool {
        !matches!(
            self.outcome,
            Outcome::NoMatch {
                reason: NoMatchReason::OutOfScope | NoMatchReason::SmallTalk | NoMatchReason::Empty,
                ..
            }
        )
    }

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
                out.insert("steps".into(), steps_json(&u.steps));
                let mentioned = u
                    .mentioned
                    .iter()
                    .map(|m| json!({ "rule_id": m.rule_id, "what": m.what, "quote": m.quote }))
                    .collect();
                out.insert("mentioned".into(), Value::Array(mentioned));
            }
        }
        let related: Vec<Value> = self
            .related
            .iter()
            .map(|r| json!({ "entry_id": r.entry_id, "question": r.question }))
            .collect();
        out.insert("related".into(), Value::Array(related));
        if let Some(line) = &self.support {
            out.insert("support".into(), json!(line));
        }
        out.insert("disclaimer".into(), json!(self.disclaimer));
        Value::Object(out)
    }
}

fn steps_json(steps: &[CareStep]) -> Value {
    steps
        .iter()
        .map(|s| {
            let contacts: Vec<Value> = s
                .contacts
                .iter()
                .map(|c| json!({ "label": c.label, "href": c.href }))
                .collect();
            json!({ "heading": s.heading, "bullets": s.bullets, "contacts": contacts })
        })
        .collect()
}

fn section_json(s: &SectionRef) -> Value {
    json!({ "id": s.id, "title": s.title, "url": s.url })
}

/// Three decimals are plenty for a confidence and keep the JSON stable across platforms.
fn round(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}
