//! The HTTP/1.1 server under the web pages, with the limits a public server needs: hyper's
//! header-read timeout (which also closes a kept-alive connection that sends nothing
//! more, and a client that never sends a byte), a whole-request timeout (tower-http), a
//! cap on open connections, and a graceful shutdown with a deadline. Built on hyper's
//! connection builder because `axum::serve` offers none of these settings.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower_service::Service;

use crate::config::WebConfig;

/// How the server guards itself against slow, silent and too many clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerLimits {
    /// Time to send a request's headers, and between requests on one connection.
    pub header_timeout: Duration,
    /// Time for a whole request, its body and the answer included.
    pub request_timeout: Duration,
    /// Connections open at once; the next waits in the listen queue.
    pub max_connections: usize,
    /// Time requests in flight get to finish after the stop signal.
    pub shutdown_grace: Duration,
}

impl ServerLimits {
    pub fn from_config(web: &WebConfig) -> ServerLimits {
        ServerLimits {
            header_timeout: Duration::from_secs(web.header_timeout_seconds),
            request_timeout: Duration::from_secs(web.request_timeout_seconds),
            max_connections: web.max_connections.max(1),
            shutdown_grace: Duration::from_secs(web.shutdown_grace_seconds),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then stops accepting, lets
/// requests in flight finish for up to `limits.shutdown_grace`, and returns. Handlers can
/// read the client's address as `ConnectInfo<SocketAddr>`.
pub async fn serve_router<F>(
    listener: TcpListener,
    router: Router,
    limits: ServerLimits,
    shutdown: F,
) -> io::Result<()>
where
    F: Future<Output = ()> + Send + 'static,
{
    let router = router.layer(tower_http::timeout::TimeoutLayer::with_status_code(
        axum::http::StatusCode::REQUEST_TIMEOUT,
        limits.request_timeout,
    ));
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout);
    tokio::pin!(shutdown);
    loop {
        // A free slot first: past the cap, new clients wait in the kernel's queue rather
        // than each costing a file descriptor here.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment, never spin.
                    tracing::warn!(error = %e, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            let mut router = router.clone();
            async move { Ok::<_, Infallible>(router.call(request).await.unwrap_or_else(|e| match e {})) }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = connection.await {
                tracing::debug!(error = %e, client = %peer, "connection closed with an error");
            }
            drop(slot);
        });
    }
    drop(listener);
    let open = graceful.count();
    if open > 0 {
        tracing::info!(connections = open, "finishing requests in flight");
    }
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            grace = ?limits.shutdown_grace,
            "connections still open after the shutdown grace period were dropped"
        );
    }
    Ok(())
}

/// The client address a request came from, as [`serve_router`] records it.
pub fn client_addr(request: &Request) -> Option<SocketAddr> {
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| *addr)
}
