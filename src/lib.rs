//! # patient-faq-bot
//!
//! Answers patients' questions about acupuncture for back pain from a curated FAQ built
//! from one article, with a link to the full section and a medical disclaimer on every
//! reply.
//!
//! The flow, front to back:
//!
//! 1. [`config::Config`] says how to match, what to say and where data lives.
//! 2. [`knowledge`] loads and validates the article, the FAQ, the lay vocabulary and the
//!    triage rules from `knowledge/` (errors carry file and line).
//! 3. [`engine::Engine`] indexes them; [`engine::Engine::ask`] runs triage first, then
//!    matching, and returns a [`reply::Reply`].
//! 4. [`service::FaqService`] holds the engine being served (swapped whole when the
//!    [`knowledge::KnowledgeStore`] applies an edit or reloads), decides which questions are
//!    admitted, and counts and records what is asked.
//! 5. Front ends render the reply: the console ([`cli`]), Discord and the web pages.
//!    They never decide anything themselves.
//!
//! Dependencies point one way: front ends (`cli`, `discord`, `web`) → `service` →
//! `engine` → `knowledge`, with no import cycles between files (`tests/core/layering.rs`
//! checks both).
//!
//! ```
//! use faqbot::{Config, Engine, Outcome};
//!
//! let knowledge = faqbot::knowledge::load_dir("knowledge".as_ref()).expect("valid knowledge");
//! let engine = Engine::new(knowledge, &Config::default());
//!
//! let reply = engine.ask("Can I get acupuncture on the NHS?");
//! assert!(matches!(reply.outcome, Outcome::Answer(_)));
//! assert!(!reply.disclaimer.is_empty());
//!
//! // Red flags are triaged before any matching.
//! assert_eq!(engine.ask("I've lost control of my bladder").kind(), "urgent");
//! // Out of scope is said plainly rather than guessed at.
//! assert_eq!(engine.ask("does acupuncture cure migraines?").kind(), "no_match");
//! ```

pub mod cli;
pub mod config;
pub mod discord;
pub mod engine;
pub mod error;
pub mod jsonl;
pub mod knowledge;
pub mod reply;
pub mod service;
pub mod web;

pub use config::Config;
pub use engine::Engine;
pub use error::{SourceError, SourceErrors};
pub use knowledge::Knowledge;
pub use reply::{Outcome, Reply};
pub use service::FaqService;
