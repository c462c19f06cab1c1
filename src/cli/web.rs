//! `faqbot web`: serves the built-in web pages alone, no Discord. Handy locally and for
//! operators who only want the article and FAQ online.

use std::process::ExitCode;
use std::sync::Arc;

use super::logging::init_logging;
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
