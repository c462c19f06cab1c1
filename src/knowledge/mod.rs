//! Knowledge: the model, loading from a folder, the validator everything shares, the
//! limits knowledge must respect, look-ups by name, and the store every change goes through.

mod apply;
mod audit;
mod audit_record;
mod edit;
mod edit_error;
mod events;
mod fold;
mod journal;
pub mod limits;
mod load;
mod lookup;
mod model;
pub(crate) mod persist;
mod problem;
mod store;
mod triage_check;
mod triage_rules;
mod validate;
mod validate_entry;
mod watch;

pub use fold::fold;
pub use load::{Sources, load_dir, parse};
pub use model::{
    Article, Entry, Knowledge, Lexicon, NegationRules, NotCovered, ReplyText, RuleKind, Section,
    SynonymGroup, TriageReplies, TriageRule, TriageRules,
};
pub use triage_rules::{CareStepText, ContactText, spelling_entry};
pub use validate::{KnowledgeFile, Problem, coverage_gaps, validate};
pub use validate_entry::entry_problems;

// The store: the one path for FAQ edits (Discord moderators, `faqbot faq`), hot reload and
// the audit log.
pub use apply::Applied;
pub use audit::{AUDIT_FILE, AuditLog};
pub use audit_record::{Actor, AuditAction, AuditRecord, FieldChange};
pub use edit::{EntryVersion, entry_snippet, parse_snippet};
pub use edit_error::{EditError, EditErrorKind, FieldProblem, StaleEdit, Submitted};
pub use events::{KnowledgeListener, ReloadSummary, ReloadTrigger, StoreEvent};
pub use journal::JOURNAL_FILE;
#[doc(hidden)]
pub use persist::FailPoint;
pub use persist::backup_path;
pub use store::KnowledgeStore;
pub use watch::{DEFAULT_DEBOUNCE, WatchHandle};
