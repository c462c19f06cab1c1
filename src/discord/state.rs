//! The bot's shared state (poise's user data) and the types every command and handler is
//! written against: the FAQ service every front end shares, the knowledge store the
//! moderator tools edit through, the cooldowns and the bound on engine work. Nothing here
//! outlives the process.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::UserId;

use super::checks::{self, Cooldown, Cooldowns};
use super::render::notices;
use super::render::{Audience, Rendered};
use super::work::EngineWork;
use crate::config::DiscordConfig;
use crate::knowledge::KnowledgeStore;
use crate::reply::Reply;
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
    pub cooldowns: Arc<Cooldowns>,
    /// Where questions and autocompletes are matched: off the async workers, bounded.
    pub work: EngineWork,
}

impl Data {
    pub fn new(service: Arc<FaqService>, store: Arc<KnowledgeStore>) -> Data {
        let period = Duration::from_secs(service.config().discord.cooldown_seconds);
        Data {
            service,
            store,
            cooldowns: Arc::new(Cooldowns::new(period)),
            work: EngineWork::per_core(),
        }
    }

    /// The medical disclaimer every reply to a patient carries.
    pub fn disclaimer(&self) -> &str {
        &self.service.config().disclaimer
    }

    /// `user`'s question, gated (see [`gate`]) and, if admitted, answered — both on
    /// [`EngineWork`], since triage and matching cost time in proportion to the text.
    pub async fn ask(&self, user: UserId, question: &str) -> Result<Gate, Error> {
        self.ask_as(user, question, FaqService::ask).await
    }

    /// [`Data::ask`] for a message in a free-text channel that did not address the bot.
    pub async fn ask_overheard(&self, user: UserId, question: &str) -> Result<Gate, Error> {
        self.ask_as(user, question, FaqService::ask_overheard).await
    }

    async fn ask_as(
        &self,
        user: UserId,
        question: &str,
        ask: fn(&FaqService, &str) -> Reply,
    ) -> Result<Gate, Error> {
        let service = self.service.clone();
        let cooldowns = self.cooldowns.clone();
        let question = question.to_owned();
        self.work
            .run(move || match gate(&service, &cooldowns, user, &question) {
                Gate::Ask(()) => Gate::Ask(ask(&service, &question)),
                Gate::Refuse {
                    notice,
                    tell,
                    reason,
                } => Gate::Refuse {
                    notice,
                    tell,
                    reason,
                },
            })
            .await
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
            .map(|s| s.topic().to_owned())
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

/// Gatekeeping before `user`'s question reaches the engine: the service's admission
/// rule, with the per-user cooldown as Discord's own reason to hold a question back.
fn gate(service: &FaqService, cooldowns: &Cooldowns, user: UserId, question: &str) -> Gate<()> {
    let mut wait = None;
    let admission = service.admit(question, || match cooldowns.check(user) {
        Cooldown::Wait { remaining, first } => {
            wait = Some((remaining, first));
            true
        }
        Cooldown::Ready => false,
    });
    let disclaimer = &service.config().disclaimer;
    match admission {
        Admission::Ask => Gate::Ask(()),
        Admission::Refuse(Refusal::TooLong { chars, max }) => Gate::Refuse {
            notice: notices::too_long(chars, max).with_disclaimer(disclaimer),
            tell: true,
            reason: "too long",
        },
        Admission::Refuse(Refusal::Held) => {
            let (remaining, first) = wait.unwrap_or_default();
            Gate::Refuse {
                notice: notices::cooldown(checks::wait_seconds(remaining))
                    .with_disclaimer(disclaimer),
                tell: first,
                reason: "cooldown",
            }
        }
    }
}

/// What [`Data::ask`] did with a question: answered it (`Gate<Reply>`), or refused it.
pub enum Gate<T = Reply> {
    /// Admitted: asked, with this answer.
    Ask(T),
    /// Refuse it with `notice`. `tell` is false for a repeated cooldown refusal in the same
    /// window: channels get one notice, not one per message.
    Refuse {
        notice: Rendered,
        tell: bool,
        reason: &'static str,
    },
}
