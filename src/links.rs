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
            .unwrap_or_else(|| format!("http://{}", config.web.bind));
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
