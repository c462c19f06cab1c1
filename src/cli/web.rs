//! `faqbot web`: serves the built-in web pages alone, no Discord. Handy locally and for
//! operators who only want the article and FAQ online.

use std::process::ExitCode;
use std::sync::Arc;

use crate::FaqService;
use crate::config::{Config, LogFormat};
use crate::knowledge::Knowledge;

pub fn run(mut config: Config, knowledge: Knowledge, bind: Option<String>) -> ExitCode {
    init_logging(&config);
    let bind = bind.unwrap_or_else(|| config.web.bind.clone());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let listener = match tokio::net::TcpListener::bind(&bind).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("error: cannot listen on {bind}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let addr = listener
            .local_addr()
            .map_or(bind.clone(), |a| a.to_string());
        // Section links fall back to the web address when no public base URL is set:
        // make that the address actually served (the port of `:0` is known only now).
        config.web.bind = addr.clone();
        let service = Arc::new(FaqService::new(config, knowledge));
        eprintln!("Serving the FAQ pages on http://{addr}/ (Ctrl-C to stop)");
        match crate::web::serve_on(service, listener, shutdown_signal()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: the web server stopped: {e}");
                ExitCode::FAILURE
            }
        }
    })
}

/// Completes on Ctrl-C, or on SIGTERM (how service managers stop a process).
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

/// Logs to stderr as the config's `[log]` says (`RUST_LOG` wins). Does nothing if a
/// subscriber is already installed.
fn init_logging(config: &Config) {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&config.log.level));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match config.log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}
