//! `/metrics`: the service's counters in Prometheus' text exposition format, on a router
//! of its own (served on `web.metrics_bind`, apart from the patient pages), behind a
//! bearer token when the operator sets one in the environment.

use std::fmt::Write;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::engine::Engine;
use crate::service::FaqService;
use crate::service::stats::{LATENCY_BUCKETS_US, StatsSnapshot};

/// The content type of `/metrics`: Prometheus' text exposition format.
pub const METRICS_CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// `/metrics` alone (anything else is 404). With `token`, every request needs
/// `Authorization: Bearer <token>`; without, the bind address is the only guard.
pub fn metrics_router(service: Arc<FaqService>, token: Option<String>) -> Router {
    let router = Router::new()
        .route("/metrics", get(handler))
        .with_state(service);
    match token {
        Some(token) => router.layer(axum::middleware::from_fn_with_state(
            Arc::<str>::from(token),
            require_bearer,
        )),
        None => router,
    }
}

async fn require_bearer(State(token): State<Arc<str>>, request: Request, next: Next) -> Response {
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if same_secret(presented.trim().as_bytes(), token.as_bytes()) {
        return next.run(request).await;
    }
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
        "a bearer token is required\n",
    )
        .into_response()
}

/// Compares without stopping at the first difference, so timing tells nothing.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn handler(State(service): State<Arc<FaqService>>) -> impl IntoResponse {
    let body = render(&service.stats().snapshot(), &service.engine());
    (
        [
            (header::CONTENT_TYPE, METRICS_CONTENT_TYPE),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
}

/// The exposition text for a snapshot of the counters, plus the size of the knowledge the
/// engine serves.
///
/// Names: `faqbot_questions_total`, `faqbot_answers_total`, `faqbot_suggestions_total`,
/// `faqbot_no_match_total`, `faqbot_urgent_total`, `faqbot_moderator_edits_total`,
/// `faqbot_feedback_total{helpful="yes"|"no"}`, the histogram
/// `faqbot_match_latency_seconds` (buckets from [`LATENCY_BUCKETS_US`]), and the gauges
/// `faqbot_faq_entries` and `faqbot_article_sections`.
pub fn render(s: &StatsSnapshot, engine: &Engine) -> String {
    let mut out = String::new();
    let counters = [
        (
            "faqbot_questions_total",
            "Questions asked, on every front end.",
            s.questions,
        ),
        (
            "faqbot_answers_total",
            "Questions answered with one FAQ entry.",
            s.answers,
        ),
        (
            "faqbot_suggestions_total",
            "Questions answered with \"did you mean\" suggestions.",
            s.suggestions,
        ),
        (
            "faqbot_no_match_total",
            "Questions the FAQ does not cover (or personal advice, or empty).",
            s.no_match,
        ),
        (
            "faqbot_urgent_total",
            "Questions that got urgent-care guidance (red flags, crisis).",
            s.urgent,
        ),
        (
            "faqbot_moderator_edits_total",
            "FAQ edits made by moderators.",
            s.moderator_edits,
        ),
    ];
    for (name, help, value) in counters {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
        );
    }
    let _ = writeln!(
        out,
        "# HELP faqbot_feedback_total Answers rated by the people who asked.\n\
         # TYPE faqbot_feedback_total counter\n\
         faqbot_feedback_total{{helpful=\"yes\"}} {}\n\
         faqbot_feedback_total{{helpful=\"no\"}} {}",
        s.feedback_up, s.feedback_down
    );

    let name = "faqbot_match_latency_seconds";
    let _ = writeln!(
        out,
        "# HELP {name} Time to decide a reply (triage and matching).\n# TYPE {name} histogram"
    );
    let count = s.latency_buckets.last().copied().unwrap_or(0);
    for (i, bound) in LATENCY_BUCKETS_US.iter().enumerate() {
        let cumulative = s.latency_buckets.get(i).copied().unwrap_or(count);
        let _ = writeln!(
            out,
            "{name}_bucket{{le=\"{}\"}} {cumulative}",
            seconds(*bound)
        );
    }
    let _ = writeln!(out, "{name}_bucket{{le=\"+Inf\"}} {count}");
    let _ = writeln!(out, "{name}_sum {}", seconds(s.latency_sum_us));
    let _ = writeln!(out, "{name}_count {count}");

    let knowledge = engine.knowledge();
    let _ = writeln!(
        out,
        "# HELP faqbot_faq_entries FAQ entries being served.\n# TYPE faqbot_faq_entries gauge\nfaqbot_faq_entries {}",
        knowledge.faq.len()
    );
    let _ = writeln!(
        out,
        "# HELP faqbot_article_sections Article sections being served.\n\
         # TYPE faqbot_article_sections gauge\nfaqbot_article_sections {}",
        knowledge.article.sections.len()
    );
    out
}

/// Microseconds as an exact decimal number of seconds: 10 → `0.00001`, 1_000_000 → `1`.
fn seconds(us: u64) -> String {
    let whole = us / 1_000_000;
    let frac = us % 1_000_000;
    if frac == 0 {
        return whole.to_string();
    }
    let digits = format!("{frac:06}");
    format!("{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::{same_secret, seconds};

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abc", b"abd"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }

    #[test]
    fn microseconds_print_as_exact_seconds() {
        assert_eq!(seconds(0), "0");
        assert_eq!(seconds(10), "0.00001");
        assert_eq!(seconds(250), "0.00025");
        assert_eq!(seconds(100_000), "0.1");
        assert_eq!(seconds(1_000_000), "1");
        assert_eq!(seconds(2_500_001), "2.500001");
    }
}
