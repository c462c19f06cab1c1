//! The bot's shared state (poise's user data) and the types every command and handler is
//! written against: the FAQ service every front end shares, the knowledge store the
//! moderator tools edit through, and the cooldowns. Nothing here outlives the process.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::UserId;

use super::checks::{self, Cooldown, Cooldowns};
use super::render::notices;
use super::render::{Audience, Rendered};
use crate::config::DiscordConfig;
use crate::knowledge::KnowledgeStore;
use crate::service::{Admission, FaqService, Refusal};

/// The error type of commands and event handlers.
pub type Error = anyhow::Error;
/// A command's context.
pub type Context<'a> = poise::Context<'a, Data, Error>;
/// One command, as [`super::commands()`] lists them.
pub type Command = poise::Command<Data, Error>;

pub struct Data {
    pub service: Arc<FaqService>,
    /// The one way to change the FAQ (the moderator tools), swapping `service`'s engine.
    pub store: Arc<KnowledgeStore>,
    pub cooldowns: Cooldowns,
}

impl Data {
    pub fn new(service: Arc<FaqService>, store: Arc<KnowledgeStore>) -> Data {
        let period = Duration::from_secs(service.config().discord.cooldown_seconds);
        Data {
            service,
            store,
            cooldowns: Cooldowns::new(period),
        }
    }

    /// The medical disclaimer every reply to a patient carries.
    pub fn disclaimer(&self) -> &str {
        &self.service.config().disclaimer
    }

    /// Gatekeeping before `user`'s question reaches the engine: the service's admission
    /// rule, with the per-user cooldown as Discord's own reason to hold a question back.
    pub fn gate(&self, user: UserId, question: &str) -> Gate {
        let mut wait = None;
        let admission = self
            .service
            .admit(question, || match self.cooldowns.check(user) {
                Cooldown::Wait { remaining, first } => {
                    wait = Some((remaining, first));
                    true
                }
                Cooldown::Ready => false,
            });
        match admission {
            Admission::Ask => Gate::Ask,
            Admission::Refuse(Refusal::TooLong { chars, max }) => Gate::Refuse {
                notice: notices::too_long(chars, max).with_disclaimer(self.disclaimer()),
                tell: true,
                reason: "too long",
            },
            Admission::Refuse(Refusal::Held) => {
                let (remaining, first) = wait.unwrap_or_default();
                Gate::Refuse {
                    notice: notices::cooldown(checks::wait_seconds(remaining))
                        .with_disclaimer(self.disclaimer()),
                    tell: first,
                    reason: "cooldown",
                }
            }
        }
    }

    pub fn discord(&self) -> &DiscordConfig {
        &self.service.config().discord
    }

    /// Who a reply is for, and what it may list.
    pub fn audience(&self, asker: UserId, public: bool) -> Audience {
        let topics = self
            .service
            .engine()
            .knowledge()
            .article
            .sections
            .iter()
            .map(|s| s.title.clone())
            .collect();
        Audience {
            asker,
            public,
            topics,
        }
    }
}

/// Whether replies here are ephemeral: in guilds when the operator says so; never in DMs.
pub fn ephemeral_here(ctx: Context<'_>) -> bool {
    ctx.guild_id().is_some() && ctx.data().discord().ephemeral_answers
}

/// What [`Data::gate`] says about a question.
pub enum Gate {
    /// Ask it.
    Ask,
    /// Refuse it with `notice`. `tell` is false for a repeated cooldown refusal in the same
    /// window: channels get one notice, not one per message.
    Refuse {
        notice: Rendered,
        tell: bool,
        reason: &'static str,
    },
}
