//! Log output for the long-running commands (`faqbot run`, `faqbot web`): tracing to
//! stderr, pretty or JSON, with a secret scrubbed from every line.

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
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}
