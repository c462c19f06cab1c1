//! Log output for the long-running commands (`faqbot run`, `faqbot web`): tracing to
//! stderr, pretty or JSON, with secrets scrubbed from every line: the bot token, and the
//! short-lived interaction tokens that Discord URLs in HTTP errors carry.

use std::io::Write;
use std::sync::Arc;

use tracing_subscriber::fmt::MakeWriter;

use crate::config::{LogConfig, LogFormat};

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
        let text = redact_interaction_tokens(&text);
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// Replaces the interaction token in Discord URLs (`/interactions/{id}/{token}/…`,
/// `/webhooks/{application}/{token}…`): for 15 minutes it lets anyone answer as the bot.
fn redact_interaction_tokens(text: &str) -> String {
    let mut out = text.to_owned();
    for marker in ["/interactions/", "/webhooks/"] {
        let mut from = 0;
        while let Some(found) = out[from..].find(marker) {
            let id_start = from + found + marker.len();
            let Some(id_len) = out[id_start..].find('/') else {
                break;
            };
            let token_start = id_start + id_len + 1;
            let token_len = out[token_start..]
                .find(['/', '?', '"', '\'', ')', ' ', '\n'])
                .unwrap_or(out.len() - token_start);
            if token_len == 0 || out[token_start..token_start + token_len] == *"[redacted]" {
                from = token_start;
                continue;
            }
            out.replace_range(token_start..token_start + token_len, "[redacted]");
            from = token_start + "[redacted]".len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::redact_interaction_tokens;

    #[test]
    fn interaction_tokens_in_urls_are_redacted() {
        assert_eq!(
            redact_interaction_tokens(
                "POST https://discord.com/api/v10/interactions/123/aW50ZXJhY3Rpb24.tok/callback failed"
            ),
            "POST https://discord.com/api/v10/interactions/123/[redacted]/callback failed"
        );
        assert_eq!(
            redact_interaction_tokens("url=\"/api/v10/webhooks/99/abc.def?wait=true\" status=404"),
            "url=\"/api/v10/webhooks/99/[redacted]?wait=true\" status=404"
        );
        assert_eq!(
            redact_interaction_tokens("/webhooks/99/t1 and /webhooks/98/t2"),
            "/webhooks/99/[redacted] and /webhooks/98/[redacted]"
        );
        assert_eq!(redact_interaction_tokens("no urls here"), "no urls here");
        assert_eq!(redact_interaction_tokens("/webhooks/"), "/webhooks/");
    }
}
