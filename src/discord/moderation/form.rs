//! The entry form (a Discord modal) as plain data: what it is filled in with, what came
//! back, and the [`Entry`] a submission stands for. Modals cannot autocomplete, so the
//! section is a text field that takes a section id, slug or title (any case) and is
//! resolved here; anything else goes to the store as typed, and its validator names the
//! known sections.

use serenity::all::{ActionRowComponent, ModalInteractionData};

use crate::discord::limits::{INPUT_VALUE, len};
use crate::knowledge::{Entry, Knowledge, limits};

/// The text inputs' custom ids.
pub mod field {
    pub const QUESTION: &str = "question";
    pub const ALTERNATES: &str = "alternates";
    pub const PASSAGE: &str = "passage";
    pub const SECTION: &str = "section";
    pub const EVIDENCE_NOTE: &str = "evidence_note";
}

/// What the entry form holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryForm {
    pub question: String,
    /// One phrasing per line.
    pub alternates: String,
    pub passage: String,
    pub section: String,
    pub evidence_note: String,
}

impl EntryForm {
    /// The form filled in with an entry, to edit it.
    pub fn from_entry(entry: &Entry) -> EntryForm {
        EntryForm {
            question: entry.question.clone(),
            alternates: entry.alternates.join("\n"),
            passage: entry.passage.clone(),
            section: entry.section.clone(),
            evidence_note: entry.evidence_note.clone().unwrap_or_default(),
        }
    }

    /// What a submitted form holds (missing inputs read as empty).
    pub fn from_modal(data: &ModalInteractionData) -> EntryForm {
        let value = |id: &str| {
            data.components
                .iter()
                .flat_map(|row| &row.components)
                .find_map(|c| match c {
                    ActionRowComponent::InputText(t) if t.custom_id == id => {
                        Some(t.value.clone().unwrap_or_default())
                    }
                    _ => None,
                })
                .unwrap_or_default()
        };
        EntryForm {
            question: value(field::QUESTION),
            alternates: value(field::ALTERNATES),
            passage: value(field::PASSAGE),
            section: value(field::SECTION),
            evidence_note: value(field::EVIDENCE_NOTE),
        }
    }

    /// The longest each input may be: the validator's limits, within Discord's 4000.
    pub fn max_len(input: &str) -> usize {
        match input {
            field::QUESTION => limits::ENTRY_QUESTION,
            field::PASSAGE => limits::PASSAGE.min(INPUT_VALUE),
            field::SECTION => 100,
            field::EVIDENCE_NOTE => limits::EVIDENCE_NOTE,
            _ => INPUT_VALUE,
        }
    }

    /// Whether every value fits its input (counted as Discord counts, in UTF-16 units), so
    /// pre-filling loses nothing and Discord does not refuse the form. An entry that does
    /// not fit (say, very many phrasings) is edited with `faqbot faq edit` instead.
    pub fn fits(&self) -> bool {
        [
            (field::QUESTION, &self.question),
            (field::ALTERNATES, &self.alternates),
            (field::PASSAGE, &self.passage),
            (field::SECTION, &self.section),
            (field::EVIDENCE_NOTE, &self.evidence_note),
        ]
        .iter()
        .all(|(input, value)| len(value) <= Self::max_len(input))
    }

    /// The entry this form stands for: `base` (the entry being edited) keeps its id, tags
    /// and summary flag; a new entry gets `id`.
    pub fn to_entry(&self, id: &str, base: Option<&Entry>, knowledge: &Knowledge) -> Entry {
        let note = self.evidence_note.trim();
        Entry {
            id: id.to_owned(),
            section: resolve_section(&self.section, knowledge),
            question: self.question.trim().to_owned(),
            alternates: self
                .alternates
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            passage: self.passage.trim().to_owned(),
            tags: base.map(|b| b.tags.clone()).unwrap_or_default(),
            evidence_note: (!note.is_empty()).then(|| note.to_owned()),
            summary: base.is_some_and(|b| b.summary),
        }
    }
}

/// A section id from what a moderator typed: the id, or a section's slug or title in any
/// case (as `/section` finds them). Unknown text is returned trimmed, for the validator to
/// refuse by name.
pub fn resolve_section(typed: &str, knowledge: &Knowledge) -> String {
    knowledge
        .find_section(typed)
        .map_or_else(|| typed.trim().to_owned(), |s| s.id.clone())
}

/// An id for a new entry made from its question ("How much does it cost?" →
/// `how-much-does-it-cost`), unique among `knowledge`'s entries.
pub fn new_entry_id(question: &str, knowledge: &Knowledge) -> String {
    const MAX: usize = 60;
    let mut slug = String::new();
    for c in question.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    if slug.len() > MAX {
        slug.truncate(MAX);
        if let Some(dash) = slug.rfind('-')
            && dash > MAX / 2
        {
            slug.truncate(dash);
        }
    }
    let slug = slug.trim_matches('-');
    let base = if slug.is_empty() { "entry" } else { slug };
    let taken = |id: &str| knowledge.entry(id).is_some();
    if !taken(base) && base != "entry" {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Discord tests' small knowledge: sections intro, evidence, safety, cost.
    fn knowledge() -> Knowledge {
        crate::knowledge::load_dir(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/support/fixtures/knowledge"
        )))
        .expect("fixture knowledge")
    }

    #[test]
    fn sections_resolve_by_id_slug_or_title() {
        let k = knowledge();
        for typed in ["cost", " COST ", "cost-and-access", "cost and ACCESS"] {
            assert_eq!(resolve_section(typed, &k), "cost", "{typed:?}");
        }
        assert_eq!(resolve_section(" nope ", &k), "nope");
    }

    #[test]
    fn new_ids_are_slugs_and_unique() {
        let k = knowledge();
        assert_eq!(
            new_entry_id("How much does it cost, roughly?", &k),
            "how-much-does-it-cost-roughly"
        );
        assert_eq!(new_entry_id("Cost?", &k), "cost-2");
        assert_eq!(new_entry_id("¿¿??", &k), "entry-2");
        let long = new_entry_id(&"word ".repeat(40), &k);
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn form_to_entry_keeps_base_tags_and_summary() {
        let k = knowledge();
        let mut base = k.entry("cost").unwrap().clone();
        base.tags = vec!["money".into()];
        base.summary = true;
        let form = EntryForm {
            question: " Q? ".into(),
            alternates: "one\n\n  two \n".into(),
            passage: " p ".into(),
            section: "Cost and access".into(),
            evidence_note: "  ".into(),
        };
        let edited = form.to_entry("cost", Some(&base), &k);
        assert_eq!(edited.question, "Q?");
        assert_eq!(edited.alternates, ["one", "two"]);
        assert_eq!(edited.passage, "p");
        assert_eq!(edited.section, "cost");
        assert_eq!(edited.evidence_note, None);
        assert_eq!((edited.tags.len(), edited.summary), (1, true));
        let new = form.to_entry("x", None, &k);
        assert_eq!((new.tags.len(), new.summary), (0, false));
        assert_eq!(EntryForm::from_entry(&base).section, "cost");
        assert!(EntryForm::from_entry(&edited).fits());
        let huge = EntryForm {
            alternates: "a\n".repeat(2001),
            ..EntryForm::default()
        };
        assert!(!huge.fits());
        // 200 characters, but 400 UTF-16 units: over the question input's 256.
        let wide = EntryForm {
            question: "🙂".repeat(200),
            ..EntryForm::default()
        };
        assert!(!wide.fits());
    }
}
