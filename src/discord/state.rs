//! The bot's shared state (poise's user data): the FAQ service every front end shares,
//! and the cooldowns. Nothing here outlives the process.

use std::sync::Arc;
use std::time::Duration;

use serenity::all::UserId;

use super::checks::Cooldowns;
use super::render::Audience;
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
