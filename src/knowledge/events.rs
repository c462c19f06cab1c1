//! What the store tells the rest of the program: the listener that serves each change
//! (called synchronously, so the very next question sees it), and the events that anyone
//! may subscribe to (the Discord layer forwards failures to the moderator log channel).

use super::audit_record::AuditRecord;
use super::model::Knowledge;
use crate::error::SourceErrors;

/// Whoever serves the knowledge (the FAQ service): told of every applied edit and every
/// reload that changed something, before the store's lock is released, so the change is
/// served from the very next question. Events on a channel can be dropped; this cannot.
pub trait KnowledgeListener: Send + Sync {
    /// `knowledge` is valid (it passed the validator) and is now the truth on disk.
    fn knowledge_changed(&self, knowledge: &Knowledge);
}

/// What the store reports to whoever listens (the Discord layer forwards failures to the
/// moderator log channel).
#[derive(Debug, Clone)]
pub enum StoreEvent {
    /// An edit was applied.
    Applied(Box<AuditRecord>),
    /// The files were re-read and are valid; they are being served.
    Reloaded(ReloadSummary),
    /// The files were re-read and are invalid; the last good knowledge is still served.
    ReloadFailed {
        trigger: ReloadTrigger,
        errors: SourceErrors,
    },
}

/// Why the files were re-read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReloadTrigger {
    /// The file watcher saw them change.
    Watcher,
    /// `/faq reload` or [`KnowledgeStore::reload`].
    Explicit,
}

/// What a successful reload changed in the FAQ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadSummary {
    pub trigger: ReloadTrigger,
    /// Entries now served.
    pub entries: usize,
    pub added: Vec<String>,
    pub edited: Vec<String>,
    pub removed: Vec<String>,
    /// Whether anything at all (any file's content) changed what is served.
    pub changed: bool,
}

pub(super) fn summarise(trigger: ReloadTrigger, old: &Knowledge, new: &Knowledge) -> ReloadSummary {
    let added = new
        .faq
        .iter()
        .filter(|e| old.entry(&e.id).is_none())
        .map(|e| e.id.clone())
        .collect();
    let edited = new
        .faq
        .iter()
        .filter(|e| old.entry(&e.id).is_some_and(|o| o != *e))
        .map(|e| e.id.clone())
        .collect();
    let removed = old
        .faq
        .iter()
        .filter(|e| new.entry(&e.id).is_none())
        .map(|e| e.id.clone())
        .collect();
    ReloadSummary {
        trigger,
        entries: new.faq.len(),
        added,
        edited,
        removed,
        changed: old != new,
    }
}
