//! A per-client rate limit on `/ask`: each client address may ask `ask_burst` questions at
//! once and `ask_per_minute` a minute after that; more get "429 Too Many Requests" with a
//! `Retry-After`. The limiter is governor's keyed GCRA (no timers, constant memory per
//! client); clients that are back to a full allowance are forgotten as the table grows.
//! A question that needs urgent-care guidance is answered all the same: a limit never
//! holds that back.
//!
//! Behind a reverse proxy every request comes from the proxy's address: rate-limit there.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::Clock;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use crate::FaqService;

/// Past this many remembered clients, those with a full allowance again are dropped.
const FORGET_ABOVE: usize = 10_000;

/// The shared limiter state for one server.
#[derive(Clone)]
pub struct AskLimiter {
    limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    service: Arc<FaqService>,
}

/// The most of a form body read to find the question (the engine refuses far less).
const MAX_FORM_BYTES: usize = 64 * 1024;

impl AskLimiter {
    pub fn new(service: Arc<FaqService>) -> AskLimiter {
        let web = &service.config().web;
        let per_minute = NonZeroU32::new(web.ask_per_minute).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(web.ask_burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::per_minute(per_minute).allow_burst(burst);
        AskLimiter {
            limiter: Arc::new(RateLimiter::keyed(quota)),
            service,
        }
    }

    /// `Ok` when `client` may ask now, else how many whole seconds to wait.
    fn check(&self, client: IpAddr) -> Result<(), u64> {
        let outcome = self.limiter.check_key(&client);
        if self.limiter.len() > FORGET_ABOVE {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
        outcome.map_err(|not_until| {
            let wait = not_until.wait_time_from(self.limiter.clock().now());
            wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
        })
    }
}

/// Middleware over the pages that limits `/ask` (and nothing else: browsing the article
/// costs no matching).
pub async fn limit_ask(
    State(limiter): State<AskLimiter>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path() != "/ask" {
        return next.run(request).await;
    }
    let Some(client) = super::server::client_addr(&request) else {
        return next.run(request).await;
    };
    let Err(wait) = limiter.check(client.ip()) else {
        return next.run(request).await;
    };
    let (request, question) = question_of(request).await;
    if question.is_some_and(|q| limiter.service.is_urgent(&q)) {
        tracing::info!("urgent question let through the rate limit");
        return next.run(request).await;
    }
    too_many(wait.max(1), &limiter.service.config().disclaimer)
}

/// The `q` of the query string or of a form body, and the request to pass on (its body
/// read into memory when it had to be looked at).
async fn question_of(request: Request) -> (Request, Option<String>) {
    let first_q = |pairs: &[u8]| {
        url::form_urlencoded::parse(pairs)
            .find(|(k, _)| k == "q")
            .map(|(_, v)| v.into_owned())
    };
    if let Some(q) = request.uri().query().and_then(|qs| first_q(qs.as_bytes())) {
        return (request, Some(q));
    }
    let (parts, body) = request.into_parts();
    match axum::body::to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => {
            let q = first_q(&bytes);
            (Request::from_parts(parts, Body::from(bytes)), q)
        }
        Err(_) => (Request::from_parts(parts, Body::empty()), None),
    }
}

/// The 429 page: what happened, when to try again, and the disclaimer, as every reply has.
fn too_many(wait_seconds: u64, disclaimer: &str) -> Response {
    let body = maud::html! {
        (maud::DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "Too many questions at once" } }
            body {
                h1 { "Too many questions at once" }
                p { "Please wait " (wait_seconds) " seconds, then ask again." }
                p.disclaimer role="note" { strong { "Not medical advice. " } (disclaimer) }
            }
        }
    };
    let mut response = (StatusCode::TOO_MANY_REQUESTS, body).into_response();
    if let Ok(value) = HeaderValue::from_str(&wait_seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}
