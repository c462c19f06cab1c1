//! Knowledge: the model, loading from a folder, and the validator everything shares.

mod load;
mod model;
mod validate;

pub use load::{Sources, load_dir, parse};
pub use model::{
    Article, Entry, Knowledge, Lexicon, NegationRules, ReplyText, RuleKind, Section, SynonymGroup, TriageReplies,
    TriageRule, TriageRules,
};
pub use validate::{KnowledgeFile, Problem, coverage_gaps, entry_problems, validate};
