//! Discord's limits, in UTF-16 code units (how Discord counts), which is never fewer than
//! characters: counting this way can only leave room to spare. A leaf: it imports nothing
//! else from the Discord layer, so every part of it can use these.

/// The length of a text as Discord counts it.
pub use crate::knowledge::limits::len;

pub const CONTENT: usize = 2000;
pub const EMBED_TITLE: usize = 256;
pub const EMBED_DESCRIPTION: usize = 4096;
pub const EMBED_TOTAL: usize = 6000;
pub const EMBED_FIELDS: usize = 25;
pub const FIELD_NAME: usize = 256;
pub const FIELD_VALUE: usize = 1024;
pub const FOOTER: usize = 2048;
pub const ACTION_ROWS: usize = 5;
pub const BUTTONS_PER_ROW: usize = 5;
pub const SELECT_OPTIONS: usize = 25;
pub const SELECT_LABEL: usize = 100;
pub const SELECT_VALUE: usize = 100;
pub const SELECT_DESCRIPTION: usize = 100;
pub const BUTTON_LABEL: usize = 80;
pub const BUTTON_URL: usize = 512;
pub const CUSTOM_ID: usize = 100;
pub const AUTOCOMPLETE_CHOICES: usize = 25;
pub const AUTOCOMPLETE_NAME: usize = 100;
pub const AUTOCOMPLETE_VALUE: usize = 100;
/// A modal's title.
pub const MODAL_TITLE: usize = 45;
/// A text input's label.
pub const INPUT_LABEL: usize = 45;
/// A text input's value.
pub const INPUT_VALUE: usize = 4000;
