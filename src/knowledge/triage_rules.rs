//! The triage rules as moderators write them in `knowledge/triage.toml` (red flags,
//! crisis, personal advice, and the named concepts and spellings they are built from).

use serde::{Deserialize, Serialize};

/// Red flags, crisis words and requests for personal advice, with the replies they get.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageRules {
    pub negation: NegationRules,
    pub reply: TriageReplies,
    #[serde(rename = "rule")]
    pub rules: Vec<TriageRule>,
}

impl TriageRules {
    /// The concept (a `kind = "concept"` rule) called `id`.
    pub fn concept(&self, id: &str) -> Option<&TriageRule> {
        self.rules
            .iter()
            .find(|r| r.kind == RuleKind::Concept && r.id == id)
    }
}

/// How "no numbness" is told from "numbness".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NegationRules {
    /// Words or phrases that negate a mention that follows them.
    pub cues: Vec<String>,
    /// How many words after a cue (or after a list word) a mention may stand.
    pub window: usize,
    /// Words that end a cue's reach ("no fever but numbness": "but").
    pub breakers: Vec<String>,
    /// Words that carry a negation on to the next item of a list, across commas too
    /// ("no fever, chills or numbness": "or").
    #[serde(default)]
    pub list_words: Vec<String>,
    /// Words anywhere in a clause that turn its negation into news ("never had this
    /// before").
    #[serde(default)]
    pub reversers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageReplies {
    pub urgent: ReplyText,
    pub crisis: ReplyText,
    pub personal_advice: ReplyText,
    /// The calm reply to someone asking *about* red flags ("what is cauda equina?").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning_signs: Option<ReplyText>,
    /// One gentle line added to an ordinary answer when crisis words are negated or
    /// passing ("I'm not suicidal, just fed up").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support_line: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyText {
    #[serde(default)]
    pub title: String,
    /// The reply; after a care card, the closing note.
    pub message: String,
    /// The care card (urgent and crisis replies): what to do first, in order.
    #[serde(default, rename = "step", skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<CareStepText>,
}

/// One step of a care card: "Call 999 now if you:" and its bullets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareStepText {
    pub heading: String,
    #[serde(default)]
    pub bullets: Vec<String>,
    /// Numbers and links for this step, shown as tappable links where a surface can.
    #[serde(default)]
    pub contacts: Vec<ContactText>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactText {
    /// What a person reads: "Call 999".
    pub label: String,
    /// `tel:999`, `https://111.nhs.uk`, `sms:85258`.
    pub href: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// A symptom that needs urgent medical care.
    RedFlag,
    /// Suicide or self-harm.
    Crisis,
    /// A request for a diagnosis, dose or treatment plan.
    PersonalAdvice,
    /// A named list of words and phrases other rules use as `@id`; the engine also reads
    /// the concepts `past`, `resolved`, `recent`, `asking`, `generic` and `first-person`.
    Concept,
    /// Text-speak and short misspellings the speller cannot reach: each phrase is
    /// `"word: variant variant"`.
    Spelling,
}

impl RuleKind {
    /// Whether a rule of this kind decides a reply (concepts and spellings only help).
    pub fn decides(self) -> bool {
        matches!(self, Self::RedFlag | Self::Crisis | Self::PersonalAdvice)
    }

    /// Whether a rule of this kind gets the urgent-care reply.
    pub fn is_urgent(self) -> bool {
        matches!(self, Self::RedFlag | Self::Crisis)
    }
}

/// One triage rule: it fires when any `any` phrase, or one phrase from every `all` group
/// within one sentence, is mentioned and not negated. A phrase `@name` stands for every
/// phrase of the concept `name`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageRule {
    pub id: String,
    pub kind: RuleKind,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub any: Vec<String>,
    #[serde(default)]
    pub all: Vec<Vec<String>>,
    /// Phrases that look like a trigger but are not ("hay fever"): removed before matching.
    #[serde(default)]
    pub except: Vec<String>,
    /// Phrases that, anywhere in the sentence, explain the mention away ("pins and
    /// needles from sitting on it").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unless: Vec<String>,
    /// Plain words for "You mentioned …" ("not being able to pee").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mentioned: String,
    /// A past or resolved mention still counts (a history of cancer).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub history_counts: bool,
}

impl TriageRule {
    /// Every phrase of the rule, with the field it is in.
    pub fn phrases(&self) -> impl Iterator<Item = (&'static str, &String)> {
        let any = self.any.iter().map(|p| ("any", p));
        let all = self.all.iter().flatten().map(|p| ("all", p));
        let except = self.except.iter().map(|p| ("except", p));
        let unless = self.unless.iter().map(|p| ("unless", p));
        any.chain(all).chain(except).chain(unless)
    }
}

/// Splits a spelling phrase `"word: variant variant"` into the word and its variants.
pub fn spelling_entry(phrase: &str) -> Option<(&str, Vec<&str>)> {
    let (word, variants) = phrase.split_once(':')?;
    let word = word.trim();
    let variants: Vec<&str> = variants.split_whitespace().collect();
    (!word.is_empty() && !word.contains(' ') && !variants.is_empty()).then_some((word, variants))
}
