//! Every piece of Discord formatting: embeds, buttons, select menus, autocomplete choices
//! and the always-empty allowed mentions, one file per view. Nothing else in the bot builds
//! a message; everything else decides *what* to say and calls in here.
//!
//! The files below import one another directly, never this module, which only lists them
//! and names what the rest of the bot uses.

pub mod browse;
pub mod buttons;
pub mod care_card;
pub mod clicks;
pub mod colour;
pub mod escape;
pub mod help;
pub mod message;
pub mod moderation;
pub mod notices;
pub mod reply;
pub mod sections;
pub mod split;
pub mod text;

pub use browse::{entry_choices, question_choices, topics};
pub use message::{EmbedSpec, Rendered, allowed_mentions};
pub use reply::{ASKED_FIELD, Audience, READ_SECTION_LABEL, SUGGESTIONS_TITLE, reply};
pub use text::{clamp, len, quote, shorten_passage};
