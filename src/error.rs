//! Errors that point at a place in a file: what operators and moderators see when a
//! knowledge or config file is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one file, at a line when it is known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SourceError {
    pub path: PathBuf,
    /// 1-based line number.
    pub line: Option<usize>,
    pub message: String,
}

impl SourceError {
    pub fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Self::new(path, None, format!("cannot read: {err}"))
    }

    /// Converts a TOML parse error, keeping its line and its own short message.
    pub fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        let line = err.span().map(|span| line_of(text, span.start));
        Self::new(path, line, err.message().trim().to_owned())
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Every problem found in a set of files, so one `faqbot check` lists them all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SourceErrors(pub Vec<SourceError>);

impl fmt::Display for SourceErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, err) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{err}")?;
        }
        Ok(())
    }
}

impl From<SourceError> for SourceErrors {
    fn from(err: SourceError) -> Self {
        SourceErrors(vec![err])
    }
}

/// The 1-based line of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
