//! Knowledge: the model, loading from a folder, and the validator everything shares.

mod audit;
mod edit;
mod load;
mod model;
mod persist;
mod store;
mod triage_rules;
mod validate;
mod watch;

pub use load::{Sources, load_dir, parse};
pub use model::{
    Article, Entry, Knowledge, Lexicon, NegationRules, NotCovered, ReplyText, RuleKind, Section,
    SynonymGroup, TriageReplies, TriageRule, TriageRules,
};
pub use triage_rules::{CareStepText, ContactText, spelling_entry};
pub use validate::{KnowledgeFile, Problem, coverage_gaps, entry_problems, validate};

// The store: the one path for FAQ edits (Discord moderators, `faqbot faq`), hot reload and
// the audit log.
pub use audit::{AUDIT_FILE, Action, Actor, AuditLog, AuditRecord};
pub use edit::{EntryVersion, entry_snippet, parse_snippet};
#[doc(hidden)]
pub use persist::FailPoint;
pub use persist::backup_path;
pub use store::{
    Applied, EditError, EditErrorKind, FieldProblem, KnowledgeStore, ReloadSummary, ReloadTrigger,
    StaleEdit, StoreEvent, Submitted,
};
pub use watch::{DEFAULT_DEBOUNCE, WatchHandle};
