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

    /// Converts a TOML parse error, keeping its line and its own short message, followed
    /// by the offending line with a caret under the column, as toml's own display shows it.
    pub fn from_toml(path: &Path, text: &str, err: &toml::de::Error) -> Self {
        let line = err.span().map(|span| line_of(text, span.start));
        let mut message = err.message().trim().to_owned();
        if let (Some(span), Some(line)) = (err.span(), line) {
            message.push_str(&snippet(text, line, span.start));
        }
        Self::new(path, line, message)
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

/// The 1-based `line` of `text` with a caret under the byte `offset`, indented under a
/// gutter with the line number:
///
/// ```text
///    |
/// 12 | canonical = "x
///    |             ^
/// ```
fn snippet(text: &str, line: usize, offset: usize) -> String {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let Some(source) = text[start..].lines().next() else {
        return String::new();
    };
    let column = text[start..offset].chars().count();
    let gutter = " ".repeat(line.to_string().len());
    format!(
        "\n{gutter} |\n{line} | {source}\n{gutter} | {}^",
        " ".repeat(column)
    )
}

/// The 1-based line where `dotted_key` (`table.key`, or a top-level `key`) is set in TOML
/// `text`, from toml_edit's spans: for pointing a check that runs after parsing at the
/// line it is about.
pub fn key_line(text: &str, dotted_key: &str) -> Option<usize> {
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut item = doc.as_item();
    for part in dotted_key.split('.') {
        item = item.get(part)?;
    }
    Some(line_of(text, item.span()?.start))
}

#[cfg(test)]
mod tests {
    #[test]
    fn toml_errors_show_the_line_with_a_caret() {
        let text = "a = 1\nb = \"x\nc = 2\n";
        let err = toml::from_str::<toml::Value>(text).unwrap_err();
        let e = super::SourceError::from_toml(std::path::Path::new("f.toml"), text, &err);
        assert_eq!(e.line, Some(2), "{e}");
        let shown = e.to_string();
        assert!(shown.contains("\n2 | b = \"x\n"), "{shown}");
        assert!(
            shown.lines().last().unwrap().trim_end().ends_with('^'),
            "{shown}"
        );
    }

    #[test]
    fn keys_are_found_under_their_table() {
        let text =
            "disclaimer = \"d\"\n[matching]\nanswer_threshold = 2\n[links]\nanswer_threshold = 1\n";
        assert_eq!(super::key_line(text, "matching.answer_threshold"), Some(3));
        assert_eq!(super::key_line(text, "disclaimer"), Some(1));
        assert_eq!(super::key_line(text, "matching.max_suggestions"), None);
    }
}
