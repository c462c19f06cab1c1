//! Why an FAQ edit was refused, in words a moderator can act on, with what they submitted
//! handed back so nothing they typed is lost.

use std::path::PathBuf;

use super::edit::{EntryVersion, entry_snippet};
use super::model::Entry;
use crate::error::{SourceError, SourceErrors};

/// What a moderator submitted, handed back with every refusal.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    /// The entry of an add or an edit, exactly as submitted.
    Entry(Box<Entry>),
    Alias {
        entry_id: String,
        phrase: String,
    },
    Remove {
        entry_id: String,
    },
}

impl Submitted {
    /// The submission as text to show back: the entry as a TOML snippet (which
    /// `faqbot faq add --file` reads), the phrase of an alias, the id of a remove.
    pub fn text(&self) -> String {
        match self {
            Submitted::Entry(entry) => entry_snippet(entry),
            Submitted::Alias { phrase, .. } => phrase.clone(),
            Submitted::Remove { entry_id } => entry_id.clone(),
        }
    }

    /// The submitted entry, to pre-fill a form again.
    pub fn entry(&self) -> Option<&Entry> {
        match self {
            Submitted::Entry(entry) => Some(entry),
            _ => None,
        }
    }
}

/// A refused edit: nothing was changed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{kind}")]
pub struct EditError {
    pub kind: EditErrorKind,
    /// What the moderator submitted, to show back so it can be fixed and resent.
    pub submitted: Submitted,
}

impl EditError {
    /// The submission as text (see [`Submitted::text`]).
    pub fn submitted_text(&self) -> String {
        self.submitted.text()
    }
}

/// One thing wrong with a submitted entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The entry field (`question`, `passage`, `section`, …) when the problem is in one.
    pub field: Option<&'static str>,
    pub message: String,
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn bullet_list(items: &[impl std::fmt::Display]) -> String {
    items.iter().map(|p| format!("\n  - {p}")).collect()
}

/// Why an edit was refused.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EditErrorKind {
    /// The entry breaks a rule of the validator (the same one `faqbot check` runs).
    #[error("the entry was not saved because:{}", bullet_list(.0))]
    Invalid(Vec<FieldProblem>),
    #[error("there is no FAQ entry with id {0:?} (it may have just been removed)")]
    NotFound(String),
    #[error("an FAQ entry with id {0:?} already exists: choose another id, or edit that entry")]
    DuplicateId(String),
    #[error(
        "entry ids never change (logs and links refer to them): {from:?} cannot become {to:?}; remove the entry and add a new one instead"
    )]
    IdChanged { from: String, to: String },
    /// The entry changed after the moderator opened it.
    #[error("{0}")]
    Stale(Box<StaleEdit>),
    #[error("nothing to save: the entry is unchanged")]
    NoChange,
    /// The files on disk do not load right now (e.g. a broken hand edit); edits wait until
    /// they are fixed, so that fix is never overwritten.
    #[error("the knowledge files on disk have errors, so no edit can be saved until they are fixed:{}", bullet_list(&.0.0))]
    KnowledgeBroken(SourceErrors),
    /// The audit record of the change could not be written, so the change was not made.
    #[error("the audit log {} cannot be written ({message}), so the change was not saved; nothing was changed", .path.display())]
    Audit { path: PathBuf, message: String },
    /// Writing the file failed; the old file is intact and still served.
    #[error("could not save {}: {message}; nothing was changed", .path.display())]
    Write { path: PathBuf, message: String },
    #[error("internal error, nothing was saved: {0}")]
    Internal(String),
}

/// An edit made against an old version of an entry.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "entry {entry_id:?} was changed by someone else after you opened it (you had version {expected}, it is now {current}); nothing was overwritten: reopen it and apply your change again"
)]
pub struct StaleEdit {
    pub entry_id: String,
    /// The version the edit was made against.
    pub expected: EntryVersion,
    /// The version on disk now.
    pub current: EntryVersion,
    /// The entry as it is now.
    pub current_entry: Entry,
}

impl From<SourceError> for FieldProblem {
    fn from(e: SourceError) -> Self {
        FieldProblem {
            field: None,
            message: e.to_string(),
        }
    }
}
