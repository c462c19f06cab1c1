//! The built-in web pages: the article with a table of contents and stable section
//! anchors (what "Read the full section" links point at), one page per section, the FAQ,
//! an "ask a question" page for patients without Discord, and `/healthz`. `/metrics` is
//! served apart, on `web.metrics_bind` (loopback by default), never on the patient port.
//! The server itself ([`server`]) closes slow and silent clients, caps connections and
//! stops within a deadline; `/ask` is rate-limited per client ([`rate`]).
//!
//! Every page is rendered on the server from the engine as it is *now*
//! ([`FaqService::engine`], loaded once per request), so a moderator's edit shows on the
//! very next request. All knowledge and request text goes through maud's escaping.

mod metrics;
mod pages;
mod rate;
mod server;

use std::future::Future;
use std::io;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::service::FaqService;

pub use metrics::{METRICS_CONTENT_TYPE, metrics_router, render as render_metrics};
pub use server::{ServerLimits, serve_router};

/// All routes, sharing one service:
///
/// | route | what |
/// | --- | --- |
/// | `/` | the article: table of contents, every section at `#<slug>`, a question box |
/// | `/sections/<id>` | one section (a helpful 404 listing the sections if unknown) |
/// | `/faq` | every FAQ entry grouped by section, each linking to its section |
/// | `/ask` | the question form; POSTed, the reply as Discord would give it (`?q=` still works) |
/// | `/healthz` | `ok` |
///
/// `/metrics` is in [`metrics_router`], for its own address.
pub fn router(service: Arc<FaqService>) -> Router {
    let limiter = rate::AskLimiter::new(service.clone());
    Router::new()
        .route("/", get(pages::index))
        .route("/sections/:id", get(pages::section))
        .route("/faq", get(pages::faq))
        .route("/ask", get(pages::ask).post(pages::ask_post))
        .route("/healthz", get(healthz))
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn_with_state(
            limiter,
            rate::limit_ask,
        ))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(service)
}

/// Binds an address, with the address in the error.
pub async fn bind(addr: &str) -> io::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {addr}: {e}")))
}

/// Listens on `bind` (e.g. `127.0.0.1:8080`) for the pages and on `web.metrics_bind`
/// (unless empty) for `/metrics`, and serves both until `shutdown` completes. When the
/// metrics address cannot be had, the pages are served all the same, with an error logged.
pub async fn serve<F>(service: Arc<FaqService>, bind_addr: &str, shutdown: F) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let pages = bind(bind_addr).await?;
    let metrics_bind = service.config().web.metrics_bind.trim().to_owned();
    let metrics = if metrics_bind.is_empty() {
        None
    } else {
        bind(&metrics_bind)
            .await
            .map_err(|e| tracing::error!(error = %e, "not serving /metrics (web.metrics_bind)"))
            .ok()
    };
    serve_all(service, pages, metrics, shutdown).await
}

/// Serves the pages on `pages` and, when given, `/metrics` on `metrics`, until `shutdown`
/// completes; both stop together.
pub async fn serve_all<F>(
    service: Arc<FaqService>,
    pages: TcpListener,
    metrics: Option<TcpListener>,
    shutdown: F,
) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        let _ = stop_tx.send(true);
    });
    let stopped = move || {
        let mut rx = stop_rx.clone();
        async move {
            let _ = rx.wait_for(|&stop| stop).await;
        }
    };
    let metrics_task = metrics.map(|listener| {
        let service = service.clone();
        tokio::spawn(serve_metrics_on(service, listener, stopped()))
    });
    let result = serve_on(service, pages, stopped()).await;
    if let Some(task) = metrics_task {
        match task.await {
            Ok(Err(e)) => tracing::error!(error = %e, "the metrics server stopped"),
            Err(e) => tracing::error!(error = %e, "the metrics server failed"),
            Ok(Ok(())) => {}
        }
    }
    result
}

/// Serves the pages ([`router`]) on a listener the caller bound (to learn the port of
/// `127.0.0.1:0` before the service is built, say), with the limits of `[web]`, until
/// `shutdown` completes.
pub async fn serve_on<F>(
    service: Arc<FaqService>,
    listener: TcpListener,
    shutdown: F,
) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(address = %addr, "serving the web pages");
    }
    let limits = ServerLimits::from_config(&service.config().web);
    serve_router(listener, router(service), limits, shutdown).await
}

/// Serves [`metrics_router`] (bearer token from `FAQBOT_METRICS_TOKEN` if set) on a
/// listener, with the same limits, until `shutdown` completes.
pub async fn serve_metrics_on<F>(
    service: Arc<FaqService>,
    listener: TcpListener,
    shutdown: F,
) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let token = std::env::var(crate::config::METRICS_TOKEN_ENV)
        .ok()
        .filter(|t| !t.trim().is_empty());
    if let Ok(addr) = listener.local_addr() {
        tracing::info!(address = %addr, bearer_token = token.is_some(), "serving /metrics");
    }
    let limits = ServerLimits::from_config(&service.config().web);
    serve_router(listener, metrics_router(service, token), limits, shutdown).await
}

async fn healthz() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "ok\n",
    )
}

/// Headers every response carries: no scripts or outside resources at all (the pages need
/// none), no framing, no sniffing, and no referrer (a question may be in the URL).
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let set = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("x-frame-options"), "DENY"),
    ];
    for (name, value) in set {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
