//! Retrying Discord REST calls that failed for a passing reason: a 429 (rate limited) or a
//! 5xx. With `discord.http_proxy` set serenity's own rate limiter is off (the proxy holds
//! the limits), so the bot backs off briefly itself; anything else is reported, not retried.

use std::future::Future;
use std::time::Duration;

use serenity::all::{HttpError, StatusCode};

/// How many times a rate-limited call is tried again.
const RATE_LIMIT_RETRIES: u32 = 3;
/// How many times a call that met a server error is tried again.
const SERVER_ERROR_RETRIES: u32 = 1;

/// Runs `op`, retrying it on 429 and 5xx with short backoffs that stay well inside
/// Discord's 3-second interaction deadline. `what` names the call in logs.
pub async fn with_retry<T, F, Fut>(what: &'static str, mut op: F) -> Result<T, serenity::Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, serenity::Error>>,
{
    let mut attempt = 0;
    loop {
        match op().await {
            Ok(value) => {
                if attempt > 0 {
                    tracing::info!(
                        call = what,
                        attempts = attempt + 1,
                        "Discord call succeeded after retrying"
                    );
                }
                return Ok(value);
            }
            Err(error) => {
                let status = status_of(&error);
                let Some(delay) = backoff(status, attempt) else {
                    return Err(error);
                };
                tracing::warn!(
                    call = what,
                    status = status.map(|s| s.as_u16()),
                    attempt = attempt + 1,
                    delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                    "Discord call failed; retrying"
                );
                tokio::time::sleep(delay).await;
                attempt += 1;
            }
        }
    }
}

/// The HTTP status of a failed call, if Discord (or the proxy) answered at all.
pub fn status_of(error: &serenity::Error) -> Option<StatusCode> {
    match error {
        serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
            Some(response.status_code)
        }
        _ => None,
    }
}

/// How long to wait before the next try, or `None` to give up. A 429's `retry_after` is
/// out of reach: serenity 0.12's error keeps only the status, URL, method and the body's
/// `code`/`message`/`errors`, dropping the headers and the body's `retry_after`. So the
/// wait grows from a quarter second (0.25 + 0.5 + 0.75 s: 1.5 s in all, inside Discord's
/// 3-second interaction deadline). Without a proxy, serenity's own rate limiter reads
/// `Retry-After` and waits itself on the routes it tracks, before any error comes back.
fn backoff(status: Option<StatusCode>, attempt: u32) -> Option<Duration> {
    let status = status?;
    if status == StatusCode::TOO_MANY_REQUESTS && attempt < RATE_LIMIT_RETRIES {
        return Some(Duration::from_millis(250 * u64::from(attempt + 1)));
    }
    if status.is_server_error() && attempt < SERVER_ERROR_RETRIES {
        return Some(Duration::from_millis(200));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backs_off_on_429_and_5xx_only() {
        let s = |n| Some(StatusCode::from_u16(n).unwrap());
        assert_eq!(backoff(s(429), 0), Some(Duration::from_millis(250)));
        assert_eq!(backoff(s(429), 2), Some(Duration::from_millis(750)));
        assert_eq!(backoff(s(429), 3), None);
        assert_eq!(backoff(s(500), 0), Some(Duration::from_millis(200)));
        assert_eq!(backoff(s(502), 1), None);
        assert_eq!(backoff(s(400), 0), None);
        assert_eq!(backoff(s(401), 0), None);
        assert_eq!(backoff(None, 0), None);
    }
}
