//! `faqbot web`: serves the built-in web pages alone, no Discord. Handy locally and for
//! operators who only want the article and FAQ online. Like `faqbot run`, it watches the
//! knowledge folder and serves hand edits at once (invalid files are logged, the last good
//! knowledge stays), and serves `/metrics` on `web.metrics_bind`, apart from the pages.

use std::process::ExitCode;
use std::sync::Arc;

use super::logging::init_logging;
use super::run::watched_store;
use super::signal::shutdown_signal;
use crate::FaqService;
use crate::config::Config;
use crate::knowledge::Knowledge;

pub fn run(mut config: Config, knowledge: Knowledge, bind: Option<String>) -> ExitCode {
    // No secret in play here: nothing to scrub.
    init_logging(&config.log, "");
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
        let listener = match crate::web::bind(&bind).await {
            Ok(listener) => listener,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        let metrics_bind = config.web.metrics_bind.trim().to_owned();
        let metrics = if metrics_bind.is_empty() {
            None
        } else {
            // The pages matter more to patients than the counters do to operators.
            crate::web::bind(&metrics_bind)
                .await
                .map_err(|e| tracing::error!(error = %e, "not serving /metrics (web.metrics_bind)"))
                .ok()
        };
        let addr = listener
            .local_addr()
            .map_or(bind.clone(), |a| a.to_string());
        // Section links fall back to the web address when no public base URL is set:
        // make that the address actually served (the port of `:0` is known only now).
        config.web.bind = addr.clone();
        let service = Arc::new(FaqService::new(config, knowledge));
        let (_store, _watch) = match watched_store(&service) {
            Ok(watched) => watched,
            Err(errors) => {
                super::args::report_errors(&errors);
                return ExitCode::FAILURE;
            }
        };
        eprintln!("Serving the FAQ pages on http://{addr}/ (Ctrl-C to stop)");
        if let Some(Ok(addr)) = metrics.as_ref().map(tokio::net::TcpListener::local_addr) {
            eprintln!("Serving /metrics on http://{addr}/metrics");
        }
        match crate::web::serve_all(service, listener, metrics, shutdown_signal()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: the web server stopped: {e}");
                ExitCode::FAILURE
            }
        }
    })
}
