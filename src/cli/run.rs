//! `faqbot run`: the Discord bot (and the web pages when `web.enabled`), until SIGINT or
//! SIGTERM, with the knowledge store watching the knowledge folder for hand edits. The
//! token comes from `DISCORD_TOKEN` only, and is scrubbed from every log line. A signal
//! always ends it: the bot gets [`STOP_GRACE`] to close cleanly, whatever it was waiting
//! for (a hung proxy during the token check, say), and is then left behind.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;

use super::logging::init_logging;
use super::signal::shutdown_signal;
use crate::FaqService;
use crate::config::{Config, DiscordConfig, LogFormat};
use crate::discord::{self, DiscordError};
use crate::error::SourceErrors;
use crate::knowledge::{Knowledge, KnowledgeStore, WatchHandle};

/// How long the bot may take to stop after a signal: the shards' own close (5 s) and a
/// margin.
pub const STOP_GRACE: Duration = Duration::from_secs(8);

pub fn run(config: Config, knowledge: Knowledge) -> ExitCode {
    let Some(token) = DiscordConfig::token_from_env() else {
        eprintln!("error: {}", DiscordError::MissingToken);
        eprintln!("hint: `faqbot chat` answers questions in the terminal without Discord");
        return ExitCode::from(2);
    };
    init_logging(&config.log, &token);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("faqbot")
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    if config.links.article_url.is_none() && config.links.public_base_url.is_none() {
        tracing::warn!(
            example = %crate::engine::Links::from_config(&config).site_base(),
            "neither links.article_url nor links.public_base_url is set: \"Read the full section\" buttons point at this machine's web address, which patients cannot reach"
        );
    }
    let json_logs = config.log.format == LogFormat::Json;
    let web = config.web.enabled.then(|| config.web.bind.clone());
    let service = Arc::new(FaqService::new(config, knowledge));
    let (store, _watch) = match watched_store(&service) {
        Ok(watched) => watched,
        Err(errors) => {
            eprintln!("error: {}", DiscordError::Knowledge(errors.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        // One signal stops everything: the bot and, when enabled, the web pages.
        let (stop_tx, stop_rx) = watch::channel(false);
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("stop signal received");
            let _ = stop_tx.send(true);
        });
        let web_task = web.map(|bind| {
            let service = service.clone();
            let stopped = stopped(stop_rx.clone());
            tokio::spawn(async move {
                if let Err(e) = crate::web::serve(service, &bind, stopped).await {
                    tracing::error!(error = %e, "the web pages stopped");
                }
            })
        });
        let bot = discord::run_with_store(
            service.clone(),
            store.clone(),
            &token,
            stopped(stop_rx.clone()),
        );
        let result = tokio::select! {
            result = bot => result,
            () = async {
                stopped(stop_rx).await;
                tokio::time::sleep(STOP_GRACE).await;
            } => {
                tracing::warn!(grace = ?STOP_GRACE, "the bot did not stop in time after the signal; leaving it");
                Ok(())
            }
        };
        if let Some(task) = web_task {
            task.abort();
        }
        result
    });
    runtime.shutdown_timeout(Duration::from_secs(2));
    match result {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(e) => {
            if json_logs {
                tracing::error!(error = %e, "the bot stopped");
            }
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The one way the FAQ changes (moderator tools) for `service`, and the watcher that
/// picks up hand edits of the knowledge files (invalid files are logged and keep the last
/// good knowledge served). `faqbot run` and `faqbot web` both serve through this.
pub(super) fn watched_store(
    service: &Arc<FaqService>,
) -> Result<(Arc<KnowledgeStore>, Option<WatchHandle>), SourceErrors> {
    let store = Arc::new(service.open_store()?);
    let handle = match store.watch() {
        Ok(handle) => Some(handle),
        Err(e) => {
            tracing::warn!(error = %e, dir = %store.dir().display(), "cannot watch the knowledge files; restart (or /faqmod reload) after editing them");
            None
        }
    };
    Ok((store, handle))
}

/// Completes once `stop` turns true (or its sender is gone).
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|&s| s).await;
}
