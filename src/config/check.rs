//! Range and form checks on the operational settings (addresses, URLs, limits, timeouts),
//! and finding the line of the key a problem is about, so `faqbot check` can say
//! `config/default.toml:41: web.bind …` instead of a bare message.

use std::net::SocketAddr;

use super::settings::Config;

/// The longest question Discord can deliver (a slash-command option holds 6,000
/// characters): a higher limit only lets pastes through.
const MAX_QUESTION_CHARS: usize = 6_000;
/// A day: any timeout or cooldown beyond it is a typo, not a setting.
const MAX_SECONDS: u64 = 86_400;

impl Config {
    /// The checks beyond matching and texts. Every message starts with the key it is
    /// about ([`line_of_key`] relies on that).
    pub(super) fn check_operations(&self) -> Result<(), String> {
        let limit = self.limits.max_question_chars;
        if !(1..=MAX_QUESTION_CHARS).contains(&limit) {
            return Err(format!(
                "limits.max_question_chars must be between 1 and {MAX_QUESTION_CHARS}, not {limit}"
            ));
        }
        if let Some(proxy) = &self.discord.http_proxy {
            check_http_url("discord.http_proxy", proxy)?;
        }
        for (name, url) in [
            ("links.article_url", &self.links.article_url),
            ("links.public_base_url", &self.links.public_base_url),
        ] {
            if let Some(url) = url {
                check_http_url(name, url)?;
            }
        }
        check_bind("web.bind", &self.web.bind)?;
        if !self.web.metrics_bind.trim().is_empty() {
            check_bind("web.metrics_bind", &self.web.metrics_bind)?;
            if self.web.metrics_bind.trim() == self.web.bind.trim() {
                return Err(format!(
                    "web.metrics_bind must differ from web.bind ({}): /metrics is kept off the patient port",
                    self.web.bind
                ));
            }
        }
        let w = &self.web;
        let d = &self.discord;
        for (name, value) in [
            ("web.header_timeout_seconds", w.header_timeout_seconds),
            ("web.request_timeout_seconds", w.request_timeout_seconds),
            ("web.shutdown_grace_seconds", w.shutdown_grace_seconds),
            ("discord.connect_timeout_seconds", d.connect_timeout_seconds),
            ("discord.request_timeout_seconds", d.request_timeout_seconds),
        ] {
            if !(1..=MAX_SECONDS).contains(&value) {
                return Err(format!(
                    "{name} must be between 1 and {MAX_SECONDS} seconds, not {value}"
                ));
            }
        }
        if d.cooldown_seconds > MAX_SECONDS {
            return Err(format!(
                "discord.cooldown_seconds must be at most {MAX_SECONDS}, not {}",
                d.cooldown_seconds
            ));
        }
        if !(1..=65_536).contains(&w.max_connections) {
            return Err(format!(
                "web.max_connections must be between 1 and 65536, not {}",
                w.max_connections
            ));
        }
        if w.ask_per_minute == 0 || w.ask_burst == 0 {
            return Err(format!(
                "web.ask_per_minute and web.ask_burst must be at least 1, not {} and {}",
                w.ask_per_minute, w.ask_burst
            ));
        }
        if self.discord.shard_total == Some(0) {
            return Err("discord.shard_total must be at least 1".to_owned());
        }
        if let Err(e) = tracing_subscriber::EnvFilter::try_new(&self.log.level) {
            return Err(format!(
                "log.level is not a tracing filter ({e}): {:?}",
                self.log.level
            ));
        }
        Ok(())
    }
}

/// An absolute `http://` or `https://` URL with a host ("localhost:3000" is not one: it
/// reads as the scheme "localhost").
fn check_http_url(name: &str, text: &str) -> Result<(), String> {
    let bad = |why: &str| {
        Err(format!(
            "{name} must be an absolute http:// or https:// URL, not {text:?} ({why})"
        ))
    };
    match url::Url::parse(text) {
        Ok(url) if !matches!(url.scheme(), "http" | "https") => bad("no http:// or https://"),
        Ok(url) if url.host_str().is_none_or(str::is_empty) => bad("no host"),
        Ok(_) => Ok(()),
        Err(e) => bad(&e.to_string()),
    }
}

/// `IP:port` or `host:port` with a port number (0 picks a free port).
fn check_bind(name: &str, text: &str) -> Result<(), String> {
    if text.parse::<SocketAddr>().is_ok() {
        return Ok(());
    }
    let valid_host = |host: &str| {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    };
    match text.rsplit_once(':') {
        Some((host, port)) if valid_host(host) && port.parse::<u16>().is_ok() => Ok(()),
        _ => Err(format!(
            "{name} must be an address to listen on, such as \"127.0.0.1:8080\" or \"[::]:8080\", not {text:?}"
        )),
    }
}

/// The line of the key a check message starts with ("web.bind must …" → the line of
/// `bind` in `[web]`), if the file sets it.
pub(super) fn line_of_key(text: &str, message: &str) -> Option<usize> {
    crate::error::key_line(text, message.split_whitespace().next()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn error_for(text: &str) -> String {
        Config::parse(Path::new("c.toml"), text)
            .expect_err("the config must be refused")
            .to_string()
    }

    #[test]
    fn operational_settings_are_range_checked_with_file_and_line() {
        let err = error_for("[discord]\nguild_ids = []\nhttp_proxy = \"localhost:3000\"\n");
        assert!(err.starts_with("c.toml:3: discord.http_proxy"), "{err}");
        let err = error_for("[web]\nbind = \"not an address\"\n");
        assert!(err.starts_with("c.toml:2: web.bind"), "{err}");
        let err = error_for("[web]\nbind = \"127.0.0.1:99999\"\n");
        assert!(err.starts_with("c.toml:2: web.bind"), "{err}");
        let err = error_for("\n[limits]\nmax_question_chars = 1000000000000\n");
        assert!(
            err.starts_with("c.toml:3: limits.max_question_chars"),
            "{err}"
        );
        let err = error_for("[limits]\nmax_question_chars = 0\n");
        assert!(
            err.starts_with("c.toml:2: limits.max_question_chars"),
            "{err}"
        );
        let err = error_for("[web]\nheader_timeout_seconds = 0\n");
        assert!(
            err.starts_with("c.toml:2: web.header_timeout_seconds"),
            "{err}"
        );
        let err =
            error_for("[web]\nbind = \"127.0.0.1:9000\"\nmetrics_bind = \"127.0.0.1:9000\"\n");
        assert!(err.starts_with("c.toml:3: web.metrics_bind"), "{err}");
        let err = error_for("[log]\nlevel = \"info,[[[\"\n");
        assert!(err.starts_with("c.toml:2: log.level"), "{err}");
        let err = error_for("[links]\narticle_url = \"example.org/a\"\n");
        assert!(err.starts_with("c.toml:2: links.article_url"), "{err}");
    }

    #[test]
    fn sensible_settings_pass() {
        let text = "[discord]\nhttp_proxy = \"http://127.0.0.1:3000\"\n\
                    [web]\nbind = \"localhost:8080\"\nmetrics_bind = \"[::1]:9464\"\n\
                    [limits]\nmax_question_chars = 2000\n";
        assert!(Config::parse(Path::new("c.toml"), text).is_ok());
        assert!(Config::parse(Path::new("c.toml"), "[web]\nmetrics_bind = \"\"\n").is_ok());
    }
}
