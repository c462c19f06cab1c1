//! Where "Read the full section" points: the one place that builds section URLs, so Discord
//! buttons, the console and the web pages always agree.

use crate::config::Config;
use crate::knowledge::Section;

/// Builds absolute section URLs from the operator's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Links {
    article_url: Option<String>,
    site_base: String,
}

impl Links {
    /// The original article plus `#anchor` when `links.article_url` is set; otherwise the
    /// built-in article page at `links.public_base_url` (or the local web address).
    pub fn from_config(config: &Config) -> Links {
        let site_base = config
            .links
            .public_base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", reachable(&config.web.bind)));
        Links {
            article_url: config.links.article_url.clone(),
            site_base: site_base.trim_end_matches('/').to_owned(),
        }
    }

    /// The absolute URL of a section.
    pub fn section_url(&self, section: &Section) -> String {
        match &self.article_url {
            Some(url) => {
                let base = url.split('#').next().unwrap_or(url);
                format!("{base}#{}", section.slug)
            }
            None => format!("{}/#{}", self.site_base, section.slug),
        }
    }

    /// The built-in site's base URL (no trailing slash).
    pub fn site_base(&self) -> &str {
        &self.site_base
    }
}

/// A listening address as a browser can reach it: "listen everywhere" (`0.0.0.0`, `[::]`)
/// is no address to visit, so links use `localhost` instead. Operators who serve the pages
/// to patients set `links.public_base_url`.
fn reachable(bind: &str) -> String {
    for any in ["0.0.0.0:", "[::]:"] {
        if let Some(port) = bind.strip_prefix(any) {
            return format!("localhost:{port}");
        }
    }
    bind.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn section() -> Section {
        Section {
            id: "intro".into(),
            slug: "introduction".into(),
            title: "Introduction".into(),
            label: None,
            paragraphs: vec!["Text.".into()],
        }
    }

    #[test]
    fn article_url_wins_then_public_base_then_the_local_address() {
        let mut config = Config::default();
        config.web.bind = "0.0.0.0:8080".into();
        assert_eq!(
            Links::from_config(&config).section_url(&section()),
            "http://localhost:8080/#introduction"
        );
        config.links.public_base_url = Some("https://faq.example.org/".into());
        assert_eq!(
            Links::from_config(&config).section_url(&section()),
            "https://faq.example.org/#introduction"
        );
        config.links.article_url = Some("https://example.org/article#top".into());
        assert_eq!(
            Links::from_config(&config).section_url(&section()),
            "https://example.org/article#introduction"
        );
    }
}
