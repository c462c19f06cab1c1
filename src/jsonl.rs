//! The append-only JSON Lines files the bot keeps (the audit log, feedback, unanswered
//! questions): one writer and one reader for all of them, so they are all written,
//! flushed and read back the same way.
//!
//! - A record is one line, written with one `write` on a file opened for appending, so
//!   appends from several threads or processes never interleave, and flushed to disk
//!   (`fdatasync`) before [`JsonlFile::append`] returns.
//! - A file whose last line was torn (a crash or a full disk mid-write left no newline) is
//!   continued on a fresh line, so the next record is not glued onto the stub and lost.
//! - [`read`] skips a line that cannot be used (torn, not JSON, not UTF-8) with a warning
//!   naming the file and line, and keeps every other record.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::knowledge::persist;

/// One JSON Lines file that records are appended to.
#[derive(Debug, Clone)]
pub struct JsonlFile {
    path: PathBuf,
}

impl JsonlFile {
    /// The file at `path`; nothing is created until the first append.
    pub fn new(path: impl Into<PathBuf>) -> JsonlFile {
        JsonlFile { path: path.into() }
    }

    /// The file at `path`, created now (with its directory) so that a directory that
    /// cannot be written is found at start-up rather than at the first record.
    pub fn create(path: impl Into<PathBuf>) -> io::Result<JsonlFile> {
        let file = JsonlFile::new(path);
        file.open()?;
        Ok(file)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `record` as one line and flushes it to disk.
    pub fn append<T: Serialize>(&self, record: &T) -> io::Result<()> {
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        let mut file = self.open()?;
        if ends_torn(&file)? {
            line.insert(0, b'\n');
        }
        // One write of the whole line: appends from several writers never interleave.
        file.write_all(&line)?;
        file.sync_data()
    }

    /// Whether a record could be appended now (the file opens for appending).
    pub fn writable(&self) -> io::Result<()> {
        self.open().map(drop)
    }

    /// Replaces the whole file with `records`, atomically (a log rotated into a summary of
    /// itself): at any moment the file holds the old lines or the new ones.
    pub fn replace_all<T: Serialize>(&self, records: &[T]) -> io::Result<()> {
        let mut text = Vec::new();
        for record in records {
            serde_json::to_writer(&mut text, record).map_err(io::Error::other)?;
            text.push(b'\n');
        }
        persist::replace_file(&self.path, &text)
    }

    /// Every readable record, in file order (see [`read`]).
    pub fn read<T: DeserializeOwned>(&self) -> io::Result<Vec<T>> {
        read(&self.path)
    }

    fn open(&self) -> io::Result<File> {
        if let Some(dir) = self.path.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)?;
        }
        OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&self.path)
    }
}

/// Whether the file is non-empty and its last byte is not a newline.
fn ends_torn(file: &File) -> io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(false);
    }
    let mut last = [0u8; 1];
    file.read_exact_at(&mut last, len - 1)?;
    Ok(last[0] != b'\n')
}

/// The records of the JSON Lines file at `path`, in order; none if it does not exist.
/// A line that is not valid UTF-8, not JSON, or not a `T` is skipped with a warning.
pub fn read<T: DeserializeOwned>(path: &Path) -> io::Result<Vec<T>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(parse_lines(path, &bytes))
}

fn parse_lines<T: DeserializeOwned>(path: &Path, bytes: &[u8]) -> Vec<T> {
    let mut out = Vec::new();
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = std::str::from_utf8(line)
            .map_err(|e| e.to_string())
            .and_then(|text| serde_json::from_str::<T>(text).map_err(|e| e.to_string()));
        match parsed {
            Ok(record) => out.push(record),
            Err(error) => tracing::warn!(
                path = %path.display(),
                line = n + 1,
                %error,
                "skipping an unreadable line"
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Rec {
        n: u32,
    }

    #[test]
    fn appends_read_back_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let log = JsonlFile::new(dir.path().join("sub/log.jsonl"));
        assert!(
            log.read::<Rec>().unwrap().is_empty(),
            "no file yet: no records"
        );
        for n in 0..3 {
            log.append(&Rec { n }).unwrap();
        }
        let text = std::fs::read_to_string(log.path()).unwrap();
        assert_eq!(text, "{\"n\":0}\n{\"n\":1}\n{\"n\":2}\n");
        assert_eq!(
            log.read::<Rec>().unwrap(),
            [Rec { n: 0 }, Rec { n: 1 }, Rec { n: 2 }]
        );
    }

    #[test]
    fn a_torn_last_line_is_skipped_and_the_next_record_starts_on_a_fresh_line() {
        let dir = tempfile::tempdir().unwrap();
        let log = JsonlFile::new(dir.path().join("log.jsonl"));
        std::fs::write(log.path(), "{\"n\":1}\n{\"n\":").unwrap();
        assert_eq!(log.read::<Rec>().unwrap(), [Rec { n: 1 }]);
        log.append(&Rec { n: 2 }).unwrap();
        log.append(&Rec { n: 3 }).unwrap();
        assert_eq!(
            log.read::<Rec>().unwrap(),
            [Rec { n: 1 }, Rec { n: 2 }, Rec { n: 3 }]
        );
        let text = std::fs::read_to_string(log.path()).unwrap();
        assert!(
            text.ends_with("{\"n\":\n{\"n\":2}\n{\"n\":3}\n"),
            "{text:?}"
        );
    }

    #[test]
    fn bad_lines_lose_only_themselves() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log.jsonl");
        let mut bytes = b"{\"n\":1}\nnot json\n".to_vec();
        bytes.extend_from_slice(b"{\"n\":\xff\xfe}\n"); // invalid UTF-8
        bytes.extend_from_slice(b"{\"other\":true}\n\n   \n{\"n\":2}\n");
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(read::<Rec>(&path).unwrap(), [Rec { n: 1 }, Rec { n: 2 }]);
    }

    #[test]
    fn a_directory_that_cannot_be_made_is_an_error_at_create() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        assert!(JsonlFile::create(blocker.join("log.jsonl")).is_err());
    }
}
