//! End-to-end tests of the Discord bot against a fake Discord (tests/support/fake_discord):
//! the real serenity/poise client and the real `discord::run` in-process, and the real
//! `faqbot` binary for the smoke tests, asserting the exact JSON the bot sends.

mod support;

#[path = "discord/helpers.rs"]
mod helpers;

#[path = "discord/ask.rs"]
mod ask;
#[path = "discord/binary.rs"]
mod binary;
#[path = "discord/buttons.rs"]
mod buttons;
#[path = "discord/faq.rs"]
mod faq;
#[path = "discord/free_text.rs"]
mod free_text;
#[path = "discord/help.rs"]
mod help;
#[path = "discord/limits.rs"]
mod limits;
#[path = "discord/moderation.rs"]
mod moderation;
#[path = "discord/related.rs"]
mod related;
#[path = "discord/resilience.rs"]
mod resilience;
#[path = "discord/safety.rs"]
mod safety;
#[path = "discord/section.rs"]
mod section;
#[path = "discord/wording.rs"]
mod wording;
