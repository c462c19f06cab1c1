//! The knowledge the bot answers from: the article's sections, the curated FAQ, the lay
//! vocabulary and the triage rules. Plain data; loading and checking live beside it.

use serde::{Deserialize, Serialize};

/// The source article, split into sections whose text is kept verbatim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author_note: Option<String>,
    /// When the FAQ was last reviewed against the article (`YYYY-MM-DD`), shown on the
    /// web pages as a trust signal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<String>,
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
}

impl Article {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Stable id used by FAQ entries and in URLs (`/sections/<id>`).
    pub id: String,
    /// The anchor (`#slug`) of this section on the article page.
    pub slug: String,
    pub title: String,
    /// What the section is about, in the words a patient would use ("Real vs fake (sham)
    /// acupuncture"), where its heading does not say it plainly. Listed as a topic in
    /// "what I can help with"; the title stands in when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub paragraphs: Vec<String>,
}

impl Section {
    /// The section's text as one string, paragraphs separated by a blank line. A passage is
    /// verbatim when it is a substring of this.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// The section as a topic patients recognise: its label, else its title.
    pub fn topic(&self) -> &str {
        self.label
            .as_deref()
            .filter(|l| !l.trim().is_empty())
            .unwrap_or(&self.title)
    }
}

/// One curated FAQ entry: a question, the ways patients ask it, and the article passage
/// that answers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    /// The id of the section the passage comes from.
    pub section: String,
    /// The canonical question, shown as the answer's title.
    pub question: String,
    /// Other ways patients ask the same thing; matched like the question.
    #[serde(default)]
    pub alternates: Vec<String>,
    /// The reply: verbatim article text, unless `summary` is set.
    pub passage: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Context a moderator curates, shown beside the passage (never instead of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_note: Option<String>,
    /// Marks a passage a moderator wrote as a curated summary; it is then exempt from the
    /// verbatim check. Off by default: answers quote the article.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary: bool,
}

/// A topic patients ask about that the article does not cover (the price of a session,
/// whether needles hurt). Matching such a question confidently gets a plain "not in the
/// FAQ" — with this topic's pointer if it has one — instead of a near-miss answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotCovered {
    pub id: String,
    /// Ways patients ask about it.
    pub phrasings: Vec<String>,
    /// Where to look instead, shown with the "not in the FAQ" reply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Lay vocabulary: stop words and synonym groups that matching folds together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    #[serde(default)]
    pub stopwords: Vec<String>,
    /// Words kept as written instead of stemmed, where the stem would merge two meanings
    /// ("painful" is not "pain": "are the needles painful?" is not about back pain).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unstemmed: Vec<String>,
    #[serde(default, rename = "group")]
    pub groups: Vec<SynonymGroup>,
}

/// Every variant phrase is read as the canonical phrase, in questions and FAQ text alike.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    pub canonical: String,
    #[serde(default)]
    pub variants: Vec<String>,
    /// Lists of words whose every combination, one from each list in order, is a variant
    /// too: "who said it" is 14 professions times 10 ways of saying, and a moderator should
    /// read two short lists rather than 140 phrases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub combine: Vec<Vec<String>>,
}

impl SynonymGroup {
    /// The written variants, then every combination of `combine`.
    pub fn all_variants(&self) -> Vec<String> {
        let mut out = self.variants.clone();
        if !self.combine.is_empty() {
            let combined = self
                .combine
                .iter()
                .fold(vec![String::new()], |phrases, list| {
                    phrases
                        .iter()
                        .flat_map(|start| {
                            list.iter()
                                .map(move |word| format!("{start} {word}").trim().to_owned())
                        })
                        .collect()
                });
            out.extend(combined);
        }
        out
    }
}

pub use super::triage_rules::{
    NegationRules, ReplyText, RuleKind, TriageReplies, TriageRule, TriageRules,
};

/// Everything loaded from a knowledge folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Knowledge {
    pub article: Article,
    pub faq: Vec<Entry>,
    /// Topics the FAQ knowingly does not cover (`[[not_covered]]` in `faq.toml`).
    pub not_covered: Vec<NotCovered>,
    pub lexicon: Lexicon,
    pub triage: TriageRules,
}

impl Knowledge {
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.faq.iter().find(|e| e.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.article.section(id)
    }
}
