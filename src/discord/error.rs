//! Why the bot could not start or had to stop, in words an operator can act on. No message
//! here ever contains the token: errors are built from status codes and our own text.

use serenity::all::{GatewayError, HttpError};

#[derive(Debug, thiserror::Error)]
pub enum DiscordError {
    #[error(
        "DISCORD_TOKEN is not set: put the bot token in the environment (never in the config file)"
    )]
    MissingToken,
    #[error(
        "Discord rejected the bot token (HTTP {0}); check DISCORD_TOKEN in the Developer Portal"
    )]
    TokenRejected(u16),
    #[error(
        "Discord rejected the bot token on the gateway; check DISCORD_TOKEN in the Developer Portal"
    )]
    GatewayTokenRejected,
    #[error(
        "Discord refused the gateway intents: enable the Message Content intent in the Developer Portal, \
         or remove discord.free_text_channel_ids"
    )]
    Intents,
    #[error("could not reach Discord{via}: {reason}")]
    Unreachable { via: String, reason: String },
    #[error("Discord answered HTTP {status} to {call}")]
    Http { call: &'static str, status: u16 },
    #[error("the Discord connection failed: {0}")]
    Gateway(String),
    #[error("invalid discord settings: {0}")]
    Config(String),
    #[error("the knowledge files do not load, so the FAQ cannot be served or edited:\n{0}")]
    Knowledge(String),
}

impl DiscordError {
    /// Classifies a serenity error from `call` (a short name) during start-up or running.
    pub fn from_serenity(
        call: &'static str,
        error: &serenity::Error,
        proxy: Option<&str>,
    ) -> DiscordError {
        match error {
            serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
                let status = response.status_code.as_u16();
                if status == 401 || (status == 403 && call == "token check") {
                    DiscordError::TokenRejected(status)
                } else {
                    DiscordError::Http { call, status }
                }
            }
            serenity::Error::Http(HttpError::Request(e)) => DiscordError::Unreachable {
                via: proxy
                    .map(|p| format!(" through the proxy {p}"))
                    .unwrap_or_default(),
                reason: without_url(&e.to_string()),
            },
            serenity::Error::Http(other) => DiscordError::Gateway(other.to_string()),
            serenity::Error::Gateway(
                GatewayError::InvalidAuthentication | GatewayError::NoAuthentication,
            ) => DiscordError::GatewayTokenRejected,
            serenity::Error::Gateway(
                GatewayError::InvalidGatewayIntents | GatewayError::DisallowedGatewayIntents,
            ) => DiscordError::Intents,
            other => DiscordError::Gateway(other.to_string()),
        }
    }
}

/// reqwest errors name the URL; keep the reason only.
fn without_url(message: &str) -> String {
    match message.find(" for url (") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}
