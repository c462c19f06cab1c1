//! The Discord front end: a thin layer from Discord input to [`FaqService::ask`] and from
//! the reply model back to a Discord message (all formatting lives in [`render`]). The
//! command list is here; the modules below it import one another, never this one.
//!
//! [`run`] connects with the bot token and serves until told to stop. When
//! `discord.http_proxy` is set, REST calls and the gateway URL look-up go through that
//! proxy with serenity's rate limiter off (the proxy holds the limits); the end-to-end
//! tests point the same setting at a fake Discord.

mod checks;
mod commands;
mod custom_id;
mod error;
mod events;
mod help;
pub mod limits;
mod localise;
mod moderation;
mod related;
pub mod render;
mod respond;
mod retry;
mod section;
mod state;
mod work;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serenity::all::{ChannelId, ClientBuilder, GatewayIntents, GuildId, HttpBuilder};

pub use checks::{Cooldown, Cooldowns, is_moderator};
pub use custom_id::ComponentAction;
pub use error::DiscordError;
pub use retry::with_retry;
pub use state::{Command, Context, Data, Error};

use crate::config::DiscordConfig;
use crate::knowledge::KnowledgeStore;
use crate::service::FaqService;

/// Every command the bot registers, with descriptions in British and American English.
pub fn commands() -> Vec<Command> {
    let mut list = vec![
        commands::ask(),
        commands::faq(),
        section::section(),
        moderation::faqmod(),
        help::help(),
    ];
    for path in localise::apply(&mut list) {
        tracing::warn!(%path, "command without localised descriptions");
    }
    list
}

/// How long shards get to close their connections on shutdown.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// The gateway intents the bot needs. Message Content (privileged) only when free-text
/// channels are configured; mentions, DMs and slash commands work without it.
pub fn intents(config: &DiscordConfig) -> GatewayIntents {
    let mut intents =
        GatewayIntents::GUILDS | GatewayIntents::GUILD_MESSAGES | GatewayIntents::DIRECT_MESSAGES;
    if !config.free_text_channel_ids.is_empty() {
        intents |= GatewayIntents::MESSAGE_CONTENT;
    }
    intents
}

/// Connects to Discord with `token` and serves until `shutdown` completes (then closes the
/// shards cleanly) or the connection fails for good. The moderator tools edit the FAQ
/// through a [`KnowledgeStore`] opened here on the service's knowledge folder; `faqbot run`
/// uses [`run_with_store`] to share its store (and file watcher) instead.
pub async fn run(
    service: Arc<FaqService>,
    token: &str,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), DiscordError> {
    let store = service
        .open_store()
        .map_err(|e| DiscordError::Knowledge(e.to_string()))?;
    run_with_store(service, Arc::new(store), token, shutdown).await
}

/// [`run`] with the knowledge store the moderator tools edit through (it must be the
/// store for `service`). Store events — knowledge files that failed to load, hand edits
/// the file watcher loaded — go to `discord.moderator_log_channel_id` when it is set.
pub async fn run_with_store(
    service: Arc<FaqService>,
    store: Arc<KnowledgeStore>,
    token: &str,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), DiscordError> {
    let config = service.config().discord.clone();
    if token.trim().is_empty() {
        return Err(DiscordError::MissingToken);
    }
    let proxy = config.http_proxy.as_deref();
    if let Some(p) = proxy
        && !(p.starts_with("http://") || p.starts_with("https://"))
    {
        return Err(DiscordError::Config(format!(
            "discord.http_proxy must be an http:// or https:// URL, not {p:?}"
        )));
    }
    let mut http = HttpBuilder::new(token)
        .client(rest_client(&config)?)
        .default_allowed_mentions(render::allowed_mentions());
    if let Some(p) = proxy {
        // The rate limiter must be off, or serenity ignores the proxy.
        http = http
            .proxy(p.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    let http = http.build();

    // Check the token first, so a wrong one is a clear error rather than a reconnect loop.
    let me = http
        .get_current_user()
        .await
        .map_err(|e| DiscordError::from_serenity("token check", &e, proxy))?;
    tracing::info!(bot = %me.name, proxy = proxy.is_some(), "token accepted");

    let intents = intents(&config);
    let store_events = store.subscribe();
    let shards = config.shard_range.zip(config.shard_total);
    let guilds = config.guild_ids.clone();
    let framework = poise::Framework::builder()
        .options(framework_options())
        .initialize_owners(false)
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                let commands =
                    poise::builtins::create_application_commands(&framework.options().commands);
                tokio::spawn(register_commands(ctx.http.clone(), guilds, commands));
                Ok(Data::new(service, store))
            })
        })
        .build();

    let mut client = ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .await
        .map_err(|e| DiscordError::from_serenity("client start-up", &e, proxy))?;
    let manager = client.shard_manager.clone();
    let log_channel = config.moderator_log_channel_id.map(|id| {
        tokio::spawn(moderation::forward_store_events(
            client.http.clone(),
            store_events,
            ChannelId::new(id),
        ))
    });
    let _stop_log = AbortOnDrop(log_channel);
    let start = async {
        match shards {
            // Serenity's range end is inclusive.
            Some(([first, last], total)) => client.start_shard_range(first..last, total).await,
            None => client.start_autosharded().await,
        }
    };
    tokio::pin!(start);
    tokio::select! {
        result = &mut start => result.map_err(|e| DiscordError::from_serenity("gateway", &e, proxy)),
        () = shutdown => {
            tracing::info!("shutting down: closing the Discord connection");
            manager.shutdown_all().await;
            match tokio::time::timeout(SHUTDOWN_GRACE, start).await {
                Ok(Err(e)) => tracing::warn!(error = %e, "error while shutting down"),
                Err(_) => tracing::warn!("shards did not close in time"),
                Ok(Ok(())) => {}
            }
            tracing::info!("disconnected from Discord");
            Ok(())
        }
    }
}

/// The HTTP client for Discord's REST API (the token check included), with bounded
/// connect and request times: serenity's default client has none, so a hung proxy would
/// stall start-up for ever.
fn rest_client(config: &DiscordConfig) -> Result<reqwest::Client, DiscordError> {
    reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(Duration::from_secs(config.connect_timeout_seconds))
        .timeout(Duration::from_secs(config.request_timeout_seconds))
        .build()
        .map_err(|e| DiscordError::Config(format!("cannot build the HTTP client: {e}")))
}

/// Stops a background task when dropped, however [`run_with_store`] returns.
struct AbortOnDrop(Option<tokio::task::JoinHandle<()>>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(task) = &self.0 {
            task.abort();
        }
    }
}

/// The poise options: our commands, error reporting, event handling and no pings.
fn framework_options() -> poise::FrameworkOptions<Data, Error> {
    poise::FrameworkOptions {
        commands: commands(),
        on_error: |error| Box::pin(on_error(error)),
        event_handler: |framework, event| {
            Box::pin(events::handle(
                framework.serenity_context,
                event,
                framework.user_data,
            ))
        },
        allowed_mentions: Some(render::allowed_mentions()),
        prefix_options: poise::PrefixFrameworkOptions {
            prefix: None,
            mention_as_prefix: false,
            ..Default::default()
        },
        ..Default::default()
    }
}

/// Registers the commands in the configured guilds (instant), or globally when there are none.
async fn register_commands(
    http: Arc<serenity::all::Http>,
    guilds: Vec<u64>,
    commands: Vec<serenity::all::CreateCommand>,
) {
    if guilds.is_empty() {
        let result = with_retry("register commands", || {
            serenity::all::Command::set_global_commands(&http, commands.clone())
        })
        .await;
        match result {
            Ok(_) => tracing::info!(count = commands.len(), "registered commands globally"),
            Err(e) => tracing::error!(error = %e, "could not register commands globally"),
        }
        return;
    }
    for guild in guilds {
        let id = GuildId::new(guild);
        match with_retry("register commands", || {
            id.set_commands(&http, commands.clone())
        })
        .await
        {
            Ok(_) => tracing::info!(
                guild,
                count = commands.len(),
                "registered commands in guild"
            ),
            Err(e) => tracing::error!(guild, error = %e, "could not register commands in guild"),
        }
    }
}

/// Logs what went wrong; tells the person when a command of theirs failed.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(command = %ctx.command().qualified_name, error = %error, "command failed");
            if let Some(status) = error
                .downcast_ref::<serenity::Error>()
                .and_then(retry::status_of)
            {
                // Discord itself refused the response; another try would fail the same way.
                tracing::debug!(
                    status = status.as_u16(),
                    "not reporting the failure to the user"
                );
                return;
            }
            let notice = render::notices::failed().with_disclaimer(ctx.data().disclaimer());
            let _ = respond::command(ctx, notice, true).await;
        }
        poise::FrameworkError::CommandCheckFailed {
            error: None, ctx, ..
        } => {
            // The check has told the person why already.
            tracing::debug!(command = %ctx.command().qualified_name, "command check refused");
        }
        poise::FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(event = event.snake_case_name(), error = %error, "event handling failed");
        }
        poise::FrameworkError::Setup { error, .. } => {
            tracing::error!(error = %error, "bot setup failed");
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!(error = %e, "could not report an error");
            }
        }
    }
}
