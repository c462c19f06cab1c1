//! The core test crate: the knowledge base, the engine and the console, without Discord.
//! Each area is a module under `tests/core/`; add new ones here with a `#[path]` line.
//!
//! Run with `cargo test --test core`.

mod support;

// The knowledge store: moderators' and operators' edits, crash safety, concurrency, hot reload.
#[path = "core/concurrency.rs"]
mod concurrency;
#[path = "core/crash.rs"]
mod crash;
#[path = "core/faq_cli.rs"]
mod faq_cli;
#[path = "core/reload.rs"]
mod reload;
#[path = "core/store.rs"]
mod store;

// How the source is laid out: layering, no import cycles, small files.
#[path = "core/layering.rs"]
mod layering;

// The engine and the console.
#[path = "core/cli.rs"]
mod cli;
#[path = "core/console.rs"]
mod console;
#[path = "core/matching.rs"]
mod matching;
#[path = "core/robustness.rs"]
mod robustness;
#[path = "core/triage.rs"]
mod triage;
