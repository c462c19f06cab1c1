//! Operator configuration: one TOML file (default `config/default.toml`) that says how
//! the bot matches, what it tells people, where it keeps data and how it talks to Discord.
//!
//! Secrets never live here: the Discord token comes from the environment only (see
//! [`DiscordConfig::token_from_env`]).

mod check;
mod settings;

pub use settings::*;

use std::path::Path;

use crate::error::SourceError;
use crate::knowledge::limits;

impl Config {
    /// Reads and checks a config file. Errors name the file and line.
    pub fn load(path: &Path) -> Result<Config, SourceError> {
        let text = std::fs::read_to_string(path).map_err(|e| SourceError::io(path, &e))?;
        Self::parse(path, &text)
    }

    /// Parses config text; `path` is only used in error messages.
    pub fn parse(path: &Path, text: &str) -> Result<Config, SourceError> {
        let config: Config =
            toml::from_str(text).map_err(|e| SourceError::from_toml(path, text, &e))?;
        config
            .check()
            .and_then(|()| config.check_operations())
            .map_err(|msg| SourceError::new(path, check::line_of_key(text, &msg), msg))?;
        Ok(config)
    }

    /// Finds the config the way the CLI documents: `--config`, then `FAQBOT_CONFIG`, then
    /// `config/default.toml` if it exists, else built-in defaults.
    pub fn discover(explicit: Option<&Path>) -> Result<Config, SourceError> {
        if let Some(path) = explicit {
            return Self::load(path);
        }
        if let Some(path) = std::env::var_os(CONFIG_ENV) {
            return Self::load(Path::new(&path));
        }
        let default = Path::new(DEFAULT_CONFIG_PATH);
        if default.exists() {
            Self::load(default)
        } else {
            Ok(Config::default())
        }
    }

    fn check(&self) -> Result<(), String> {
        let m = &self.matching;
        let c = &self.confidence;
        for (name, value) in [
            ("matching.suggest_threshold", m.suggest_threshold),
            ("matching.passage_weight", m.passage_weight),
            ("confidence.blend", c.blend),
            ("confidence.answer_at", c.answer_at),
            ("confidence.suggest_at", c.suggest_at),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(format!("{name} must be between 0 and 1, not {value}"));
            }
        }
        if c.suggest_at > c.answer_at {
            return Err(format!(
                "confidence.suggest_at ({}) must not exceed confidence.answer_at ({})",
                c.suggest_at, c.answer_at
            ));
        }
        if !(0.0..=10.0).contains(&m.unknown_word_weight) {
            return Err(format!(
                "matching.unknown_word_weight must be between 0 and 10, not {}",
                m.unknown_word_weight
            ));
        }
        if m.max_suggestions == 0 || m.max_suggestions > 25 {
            return Err("matching.max_suggestions must be between 1 and 25".to_owned());
        }
        if self.disclaimer.trim().is_empty() {
            return Err("disclaimer must not be empty: every reply carries it".to_owned());
        }
        // Counted as Discord counts (UTF-16 units): the footer is never shortened.
        if limits::len(&self.disclaimer) > limits::DISCLAIMER {
            return Err(format!(
                "disclaimer is longer than {} characters (a Discord embed footer)",
                limits::DISCLAIMER
            ));
        }
        if self.messages.out_of_scope.trim().is_empty() || self.messages.empty.trim().is_empty() {
            return Err("messages.out_of_scope and messages.empty must not be empty".to_owned());
        }
        if !(1..=100_000).contains(&self.unanswered.max_questions) {
            return Err("unanswered.max_questions must be between 1 and 100000".to_owned());
        }
        if !(1..=3650).contains(&self.unanswered.retention_days) {
            return Err("unanswered.retention_days must be between 1 and 3650".to_owned());
        }
        for (name, url) in [
            ("links.article_url", &self.links.article_url),
            ("links.public_base_url", &self.links.public_base_url),
        ] {
            if let Some(url) = url
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                return Err(format!(
                    "{name} must be an absolute http:// or https:// URL, not {url:?}"
                ));
            }
        }
        if let Some([first, last]) = self.discord.shard_range {
            let Some(total) = self.discord.shard_total else {
                return Err("discord.shard_range needs discord.shard_total".to_owned());
            };
            if first > last || last >= total {
                return Err(format!(
                    "discord.shard_range [{first}, {last}] must be ascending and below shard_total {total}"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_disclaimer_is_measured_as_discord_measures_a_footer() {
        let with = |disclaimer: String| Config {
            disclaimer,
            ..Config::default()
        };
        assert!(with("d".repeat(2048)).check().is_ok());
        assert!(with("d".repeat(2049)).check().is_err());
        // 1500 characters, 3000 UTF-16 units: Discord would refuse every reply.
        let err = with("🙂".repeat(1500)).check().unwrap_err();
        assert!(err.starts_with("disclaimer is longer than 2048"), "{err}");
    }

    /// The built-in confidence is the fitted file, and a config file's `[confidence]`
    /// table replaces it whole (a partial table is refused: the weights go together).
    #[test]
    fn the_fitted_confidence_is_built_in_and_overridden_whole() {
        let fitted = ConfidenceConfig::default();
        assert!(fitted.suggest_at <= fitted.answer_at);
        assert!(Config::default().check().is_ok());
        let shipped: Config = toml::from_str(include_str!("../config/default.toml")).unwrap();
        assert_eq!(shipped.confidence, fitted);
        let own: String = include_str!("../config/confidence.toml")
            .lines()
            .map(|l| {
                if l.starts_with("answer_at") {
                    "answer_at = 0.99"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let overridden: Config = toml::from_str(&own).unwrap();
        assert_eq!(overridden.confidence.answer_at, 0.99);
        assert_eq!(overridden.confidence.weights, fitted.weights);
        assert!(toml::from_str::<Config>("[confidence]\nanswer_at = 0.5\n").is_err());
    }

    /// `config/default.toml` is what an operator copies and edits, and the built-in
    /// defaults are what runs without it: the two say the same, or a fresh machine and a
    /// configured one behave differently for no reason anyone wrote down.
    #[test]
    fn the_shipped_config_file_says_what_the_built_in_defaults_say() {
        let shipped: Config = toml::from_str(include_str!("../config/default.toml")).unwrap();
        assert_eq!(format!("{shipped:#?}"), format!("{:#?}", Config::default()));
    }

    /// The weights are a table keyed by feature name: a misspelt or a missing name is an
    /// error that names it and its line, not a weight silently zero.
    #[test]
    fn a_weights_table_with_a_wrong_or_missing_feature_is_refused_by_name() {
        let fitted = include_str!("../config/confidence.toml");
        let edit = |from: &str, to: &str| {
            let text = fitted.replace(from, to);
            assert_ne!(text, fitted, "{from} is in config/confidence.toml");
            toml::from_str::<Config>(&text).unwrap_err().to_string()
        };
        let misspelt = edit("\nlexical =", "\nlexicl =");
        assert!(
            misspelt.contains("lexicl") && misspelt.contains("line"),
            "{misspelt}"
        );
        let line = fitted
            .lines()
            .find(|l| l.starts_with("not_covered"))
            .unwrap();
        let missing = edit(line, "");
        assert!(missing.contains("not_covered"), "{missing}");
    }
}
