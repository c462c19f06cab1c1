//! The HTML pages (maud templates), one module per kind of page over one shared layout.
//!
//! Knowledge and request text is only ever interpolated with `(...)`, which maud escapes.

mod article;
mod ask;
mod faq;
mod layout;
mod text;

pub(super) use article::{index, not_found, section};
pub(super) use ask::{ask, ask_post};
pub(super) use faq::faq;
