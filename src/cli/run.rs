//! `faqbot run`: the Discord bot (and the web pages when `web.enabled`), until SIGINT or
//! SIGTERM, with the knowledge store watching the knowledge folder for hand edits. The token comes from `DISCORD_TOKEN` only, and is scrubbed from every log line.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tracing_subscriber::fmt::MakeWriter;

use crate::FaqService;
use crate::config::{Config, DiscordConfig, LogConfig, LogFormat};
use crate::discord::{self, DiscordError};
use crate::knowledge::{Knowledge, KnowledgeStore};

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
    let json_logs = config.log.format == LogFormat::Json;
    let web = config.web.enabled.then(|| config.web.bind.clone());
    let service = Arc::new(FaqService::new(config, knowledge));
    // The one way the FAQ changes (moderator tools), and the watcher that picks up hand
    // edits of the knowledge files; invalid files keep the last good knowledge served.
    let store = match KnowledgeStore::for_service(service.clone()) {
        Ok(store) => Arc::new(store),
        Err(errors) => {
            eprintln!("error: {}", DiscordError::Knowledge(errors.to_string()));
            return ExitCode::FAILURE;
        }
    };
    let _watch = match store.watch() {
        Ok(handle) => Some(handle),
        Err(e) => {
            tracing::warn!(error = %e, dir = %store.dir().display(), "cannot watch the knowledge files; use /faqmod reload after editing them");
            None
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
        let result =
            discord::run_with_store(service.clone(), store.clone(), &token, stopped(stop_rx)).await;
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

/// Completes once `stop` turns true (or its sender is gone).
async fn stopped(mut stop: watch::Receiver<bool>) {
    let _ = stop.wait_for(|&s| s).await;
}

/// Completes on Ctrl-C (SIGINT) or SIGTERM (how service managers stop a process).
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

/// Logs to stderr as `[log]` says (`RUST_LOG` wins), with `secret` replaced by
/// `[redacted]` wherever any library might print it. Does nothing if a subscriber is
/// already installed.
pub fn init_logging(log: &LogConfig, secret: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&log.level));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Redacting {
            secret: Arc::from(secret),
        });
    let _ = match log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

/// Makes stderr writers that scrub a secret from each log line before it is written.
struct Redacting {
    secret: Arc<str>,
}

impl<'a> MakeWriter<'a> for Redacting {
    type Writer = RedactingWriter;

    fn make_writer(&'a self) -> RedactingWriter {
        RedactingWriter {
            secret: self.secret.clone(),
            buf: Vec::new(),
        }
    }
}

/// Buffers one event and writes it, scrubbed, when dropped (tracing-subscriber makes one
/// writer per event).
struct RedactingWriter {
    secret: Arc<str>,
    buf: Vec<u8>,
}

impl Write for RedactingWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for RedactingWriter {
    fn drop(&mut self) {
        if self.buf.is_empty() {
            return;
        }
        let text = String::from_utf8_lossy(&self.buf);
        let text = if self.secret.len() >= 8 {
            text.replace(&*self.secret, "[redacted]")
        } else {
            text.into_owned()
        };
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}
