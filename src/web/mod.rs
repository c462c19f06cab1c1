//! The built-in web pages: the article with a table of contents and stable section
//! anchors (what "Read the full section" links point at), one page per section, the FAQ,
//! an "ask a question" page for patients without Discord, `/healthz` and `/metrics`.
//!
//! Every page is rendered on the server from the engine as it is *now*
//! ([`FaqService::engine`], loaded once per request), so a moderator's edit shows on the
//! very next request. All knowledge and request text goes through maud's escaping.

mod metrics;
mod pages;

use std::future::Future;
use std::io;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::net::TcpListener;

use crate::service::FaqService;

pub use metrics::render as render_metrics;

/// The content type of `/metrics`: Prometheus' text exposition format.
pub const METRICS_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// All routes, sharing one service:
///
/// | route | what |
/// | --- | --- |
/// | `/` | the article: table of contents, every section at `#<slug>`, a question box |
/// | `/sections/<id>` | one section (a helpful 404 listing the sections if unknown) |
/// | `/faq` | every FAQ entry grouped by section, each linking to its section |
/// | `/ask` | the question form; POSTed, the reply as Discord would give it (`?q=` still works) |
/// | `/healthz` | `ok` |
/// | `/metrics` | the counters in Prometheus text format |
pub fn router(service: Arc<FaqService>) -> Router {
    Router::new()
        .route("/", get(pages::index))
        .route("/sections/:id", get(pages::section))
        .route("/faq", get(pages::faq))
        .route("/ask", get(pages::ask).post(pages::ask_post))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics::handler))
        .fallback(pages::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(service)
}

/// Listens on `bind` (e.g. `127.0.0.1:8080`) and serves [`router`] until `shutdown`
/// completes; requests in flight are finished first.
pub async fn serve<F>(service: Arc<FaqService>, bind: &str, shutdown: F) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind(bind)
        .await
        .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {bind}: {e}")))?;
    serve_on(service, listener, shutdown).await
}

/// Like [`serve`], on a listener the caller bound (to learn the port of `127.0.0.1:0`
/// before the service is built, say).
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
    axum::serve(listener, router(service))
        .with_graceful_shutdown(shutdown)
        .await
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
