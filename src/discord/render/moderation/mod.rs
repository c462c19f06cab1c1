//! Every message of the moderator tools, one file per view: the entry form, notices,
//! replies to changes, the unanswered list, history, reload reports and export. Like the
//! rest of [`super`], this only formats; the tools decide what to say.

pub mod changes;
pub mod form;
pub mod history;
pub mod lists;
pub mod notices;
pub mod reload;

pub use changes::{
    NOT_SAVED_TITLE, SUBMITTED_CUT_TITLE, SUBMITTED_ENTRY_FILE, SUBMITTED_PHRASE_FILE,
    SUBMITTED_TITLE, applied, code_block, confirm_remove, rejected,
};
pub use form::{edit_entry_title, entry_form, new_entry_title};
pub use history::history;
pub use lists::{
    ALIAS_QUESTION_FIELD, UNANSWERED_MAX, alias_choices, alias_question, unanswered,
    unanswered_question,
};
pub use reload::{export, log_reloaded, reload_failed, reloaded};
