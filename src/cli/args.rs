//! The global flags every `faqbot` command takes (`--config`, `--knowledge`), loading the
//! config and knowledge they select, and reporting file:line errors.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_ENV, Config};
use crate::error::SourceErrors;
use crate::knowledge::{self, Knowledge};

/// Where the config and the knowledge come from.
#[derive(Debug, Clone, clap::Args)]
pub struct Global {
    /// Config file [default: $FAQBOT_CONFIG, else config/default.toml, else built-in defaults]
    #[arg(long, global = true, env = CONFIG_ENV)]
    pub config: Option<PathBuf>,
    /// Knowledge folder [default: the config's knowledge_dir, "knowledge"]
    #[arg(long, global = true)]
    pub knowledge: Option<PathBuf>,
}

/// The config and knowledge a command runs on, as the global flags select them.
pub fn load(cli: &Global) -> Result<(Config, Knowledge), SourceErrors> {
    let mut config = Config::discover(cli.config.as_deref())?;
    if let Some(dir) = &cli.knowledge {
        config.knowledge_dir = dir.clone();
    }
    let knowledge = knowledge::load_dir(&config.knowledge_dir)?;
    Ok((config, knowledge))
}

/// Prints file:line errors to stderr, one per line.
pub fn report_errors(errors: &SourceErrors) {
    for e in &errors.0 {
        eprintln!("error: {e}");
    }
    if !errors.0.is_empty()
        && errors
            .0
            .iter()
            .any(|e| e.path == Path::new(crate::config::DEFAULT_CONFIG_PATH))
    {
        eprintln!("hint: run from the repository root, or pass --config");
    }
}
