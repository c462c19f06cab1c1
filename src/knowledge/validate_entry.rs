//! The rules for one FAQ entry (the validator's part that moderators' edits meet first):
//! id, lengths as Discord counts them, a known section and a verbatim passage.

use std::collections::HashSet;

use super::limits::{self, len};
use super::model::{Entry, Knowledge};

/// What is wrong with one entry against the rest of the knowledge (its section, lengths,
/// verbatim passage). Returns (field, message) pairs. Id uniqueness is the caller's
/// concern because it depends on which entry is being replaced.
pub fn entry_problems(entry: &Entry, k: &Knowledge) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if entry.id.trim().is_empty() {
        out.push(("id", "id must not be empty".to_owned()));
    } else if !is_slug(&entry.id) {
        out.push((
            "id",
            format!(
                "id {:?} must be lower-case letters, digits and dashes (e.g. \"nice-guidance\")",
                entry.id
            ),
        ));
    }
    if entry.question.trim().is_empty() {
        out.push(("question", "question must not be empty".to_owned()));
    } else if len(&entry.question) > limits::ENTRY_QUESTION {
        out.push((
            "question",
            format!(
                "question is {} characters; Discord titles allow {}",
                len(&entry.question),
                limits::ENTRY_QUESTION
            ),
        ));
    }
    for (n, alt) in entry.alternates.iter().enumerate() {
        if alt.trim().is_empty() {
            out.push(("alternates", format!("alternate {} is empty", n + 1)));
        } else if len(alt) > limits::ENTRY_QUESTION {
            out.push((
                "alternates",
                format!(
                    "alternate {} is longer than {} characters",
                    n + 1,
                    limits::ENTRY_QUESTION
                ),
            ));
        }
    }
    let mut seen = HashSet::new();
    for alt in &entry.alternates {
        if !seen.insert(alt.trim().to_lowercase()) {
            out.push((
                "alternates",
                format!("alternate {:?} is listed twice", alt.trim()),
            ));
        }
    }
    if entry.passage.trim().is_empty() {
        out.push(("passage", "passage must not be empty".to_owned()));
    } else if len(&entry.passage) > limits::PASSAGE {
        out.push((
            "passage",
            format!(
                "passage is {} characters; an answer holds at most {} so it fits a Discord embed",
                len(&entry.passage),
                limits::PASSAGE
            ),
        ));
    }
    if let Some(note) = &entry.evidence_note {
        if note.trim().is_empty() {
            out.push((
                "evidence_note",
                "evidence_note is empty; remove it or write it".to_owned(),
            ));
        } else if len(note) > limits::EVIDENCE_NOTE {
            out.push((
                "evidence_note",
                format!(
                    "evidence_note is longer than {} characters",
                    limits::EVIDENCE_NOTE
                ),
            ));
        }
    }
    match k.section(&entry.section) {
        None => out.push((
            "section",
            format!(
                "unknown section {:?}; known sections: {}",
                entry.section,
                k.article
                    .sections
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        Some(section) => {
            if !entry.summary
                && !entry.passage.trim().is_empty()
                && !section.text().contains(&entry.passage)
            {
                out.push((
                    "passage",
                    format!(
                        "passage is not verbatim in section {:?}{}; quote the article exactly, or set summary = true for a curated summary",
                        section.id,
                        first_divergence(&entry.passage, &section.text())
                    ),
                ));
            }
        }
    }
    out
}

/// Whether `s` is lower-case letters, digits and dashes, not starting or ending with one.
pub(super) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// Helps a moderator find a typo: where the passage stops agreeing with the article.
fn first_divergence(passage: &str, section: &str) -> String {
    let mut best = 0;
    for (start, _) in section.char_indices() {
        let common = passage
            .chars()
            .zip(section[start..].chars())
            .take_while(|(a, b)| a == b)
            .count();
        best = best.max(common);
    }
    if best == 0 {
        return String::new();
    }
    let agreed: String = passage.chars().take(best).collect();
    let tail: String = agreed
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!(" (it agrees with the article up to \"…{tail}\", then differs)")
}
