//! The bot's shared state (poise's user data): the FAQ service every front end shares,
//! and the cooldowns. Nothing here outlives the process.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::UserId;

use super::checks::{self, Cooldown, Cooldowns};
use super::render::{Audience, Rendered, notices};
use crate::FaqService;
use crate::config::DiscordConfig;
use crate::knowledge::KnowledgeStore;

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

    /// Gatekeeping before `user`'s question reaches the engine: too long, or too soon after
    /// their last one. A question that trips a red-flag or crisis rule always gets through,
    /// so a limit never holds back urgent-care guidance.
    /// The medical disclaimer every reply to a patient carries.
    pub fn disclaimer(&self) -> &str {
        &self.service.config().disclaimer
    }

    pub fn gate(&self, user: UserId, question: &str) -> Gate {
        let max = self.max_question_chars();
        let refusal = if let Some(chars) = checks::too_long(question, max) {
            Gate::Refuse {
                notice: notices::too_long(chars, max).with_disclaimer(self.disclaimer()),
                tell: true,
                reason: "too long",
            }
        } else if let Cooldown::Wait { remaining, first } = self.cooldowns.check(user) {
            Gate::Refuse {
                notice: notices::cooldown(checks::wait_seconds(remaining))
                    .with_disclaimer(self.disclaimer()),
                tell: first,
                reason: "cooldown",
            }
        } else {
            return Gate::Ask;
        };
        if self.service.is_urgent(question) {
            tracing::info!("urgent question let through a limit");
            return Gate::Ask;
        }
        refusal
    }

    pub fn discord(&self) -> &DiscordConfig {
        &self.service.config().discord
    }

    pub fn max_question_chars(&self) -> usize {
        self.service.config().limits.max_question_chars
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
