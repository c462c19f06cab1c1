//! Log output for the long-running commands (`faqbot run`, `faqbot web`): tracing to
//! stderr, pretty or JSON, with secrets scrubbed from every line at every level: the bot
//! token, and the short-lived interaction tokens that Discord URLs in HTTP errors, the
//! request spans serenity logs at `debug` (`token: "…"`) and the raw gateway frames it logs
//! at `trace` (`"token":"…"`) carry. Colour only on a terminal, and never with `NO_COLOR`.

use std::io::{IsTerminal, Write};
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
        .with_ansi(use_colour(
            std::io::stderr().is_terminal(),
            std::env::var_os("NO_COLOR"),
        ))
        .with_writer(Redacting {
            secret: Arc::from(secret),
        });
    let _ = match log.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}

/// Colour codes only for a person at a terminal: a file or a pipe (`faqbot web 2>log`)
/// gets plain text, and so does anyone who sets `NO_COLOR` (no-color.org: any non-empty
/// value).
fn use_colour(stderr_is_terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    stderr_is_terminal && no_color.is_none_or(|v| v.is_empty())
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
        let text = redact(&text, &self.secret);
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

/// One log line with every secret replaced: `secret` (the bot token, whatever its
/// length), interaction tokens in URLs, and the value of any field or JSON key named
/// `token`.
fn redact(text: &str, secret: &str) -> String {
    let text = if secret.is_empty() {
        text.to_owned()
    } else {
        text.replace(secret, REDACTED)
    };
    redact_token_fields(&redact_interaction_tokens(&text))
}

const REDACTED: &str = "[redacted]";

/// Replaces the value after a `token` key, in every form a log line may hold it: a Debug
/// struct (`token: "…"`), a tracing field (`token=…`, with or without colour codes), JSON
/// (`"token":"…"`) and JSON inside a JSON log line (`\"token\":\"…\"`). "token accepted"
/// has no `:` or `=` after the word, and stays.
fn redact_token_fields(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(found) = find_token_key(rest) {
        let after_key = found + "token".len();
        out.push_str(&rest[..after_key]);
        rest = &rest[after_key..];
        // Quotes, escapes, colour codes, spaces and one `:` or `=` before the value.
        let mut skipped = 0;
        let mut separated = false;
        let bytes = rest.as_bytes();
        while skipped < bytes.len() {
            match bytes[skipped] {
                b'"' | b'\\' | b' ' => skipped += 1,
                b':' | b'=' if !separated => {
                    separated = true;
                    skipped += 1;
                }
                0x1b => skipped += ansi_len(&rest[skipped..]),
                _ => break,
            }
        }
        if !separated {
            continue;
        }
        // `token: Some("…")`: the value is inside.
        if rest[skipped..].starts_with("Some(") {
            skipped += "Some(".len();
            while rest
                .as_bytes()
                .get(skipped)
                .is_some_and(|b| matches!(b, b'"' | b'\\'))
            {
                skipped += 1;
            }
        }
        out.push_str(&rest[..skipped]);
        rest = &rest[skipped..];
        let value_len = rest
            .find(['"', '\\', ',', ' ', '}', ')', ']', '\'', '\n', '\u{1b}'])
            .unwrap_or(rest.len());
        let value = &rest[..value_len];
        if value_len > 0 && value != REDACTED && !is_plain_word(value) {
            out.push_str(REDACTED);
        } else {
            out.push_str(value);
        }
        rest = &rest[value_len..];
    }
    out.push_str(rest);
    out
}

/// Where the next `token` key starts: `token` (any case) alone or ending a name (`"token"`,
/// `token=`, `access_token:`), not starting a longer one (`tokens`, `token_type`).
fn find_token_key(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("token") {
        let at = from + i;
        let before = without_trailing_ansi(&lower[..at]).chars().next_back();
        let after = lower[at + 5..].chars().next();
        let word_before = before.is_some_and(char::is_alphanumeric);
        let word_after = after.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !word_before && !word_after {
            return Some(at);
        }
        from = at + 5;
    }
    None
}

/// `text` without the colour codes it ends with (`…\x1b[3m` before an italic field name).
fn without_trailing_ansi(text: &str) -> &str {
    let mut text = text;
    while let Some(esc) = text.rfind('\u{1b}') {
        let tail = &text[esc..];
        let is_sgr = tail.len() >= 3
            && tail.as_bytes()[1] == b'['
            && tail.ends_with('m')
            && tail[2..tail.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b';');
        if !is_sgr {
            break;
        }
        text = &text[..esc];
    }
    text
}

/// The length of an ANSI escape sequence (`ESC [ … letter`) at the start of `text`.
fn ansi_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    if bytes.get(1) != Some(&b'[') {
        return 1;
    }
    bytes[2..]
        .iter()
        .position(u8::is_ascii_alphabetic)
        .map_or(bytes.len(), |end| end + 3)
}

/// `None`, `null` and other placeholders that are no secret: kept, so logs stay readable.
fn is_plain_word(value: &str) -> bool {
    matches!(value, "None" | "null" | "[REDACTED]")
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
    use super::{redact, redact_interaction_tokens, use_colour};

    #[test]
    fn token_fields_are_redacted_in_every_format() {
        let secret = "ab1";
        let lines = [
            // serenity's request span at debug: a Debug struct.
            "request{req=Request { route: InteractionResponse { interaction_id: 1, token: \"tok-9f\" } }}",
            "InteractionResponse { interaction_id: 1, token: tok-9f }",
            // the raw gateway frame at trace, and the same inside a JSON log line.
            "text={\"t\":\"INTERACTION_CREATE\",\"d\":{\"token\":\"tok-9f\",\"id\":\"5\"}}",
            "{\"fields\":{\"message\":\"{\\\"token\\\":\\\"tok-9f\\\"}\"}}",
            "{\"token\": \"tok-9f\"}",
            // a tracing field, plain and coloured.
            "token=tok-9f done",
            "\u{1b}[3mtoken\u{1b}[0m\u{1b}[2m=\u{1b}[0mtok-9f done",
            "Token: tok-9f",
            "token: Some(\"tok-9f\")",
            "access_token=tok-9f",
        ];
        for line in lines {
            let out = redact(line, secret);
            assert!(!out.contains("tok-9f"), "{line:?} -> {out:?}");
            assert!(out.contains("[redacted]"), "{line:?} -> {out:?}");
        }
        // The bot token is scrubbed however short it is.
        assert_eq!(
            redact("authorization: Bot ab1", secret),
            "authorization: Bot [redacted]"
        );
        // Words that are not a token field stay.
        for kept in [
            "token accepted",
            "tokens=3",
            "token_type=1",
            "bot_token_env=X",
            "token: None",
        ] {
            assert_eq!(redact(kept, "zzzzzzzzzz"), kept);
        }
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(use_colour(true, None));
        assert!(use_colour(true, Some("".into())));
        assert!(!use_colour(true, Some("1".into())));
        assert!(!use_colour(false, None));
    }

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
