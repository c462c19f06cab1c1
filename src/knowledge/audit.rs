//! The audit log of FAQ changes: one JSON object per line in `<data_dir>/audit.jsonl`
//! (see [`AuditRecord`] for a line), appended for every change a moderator or operator
//! applies (`/faqmod history`, `faqbot faq history`), written and read as every log of the
//! bot is ([`crate::jsonl`]).

use std::io;
use std::path::Path;

use super::audit_record::AuditRecord;
use crate::jsonl::JsonlFile;

/// The file name under the data directory.
pub const AUDIT_FILE: &str = "audit.jsonl";

/// The append-only log file (written and read as every log of the bot is: [`crate::jsonl`]).
#[derive(Debug, Clone)]
pub struct AuditLog {
    file: JsonlFile,
}

impl AuditLog {
    /// The log under `data_dir` (created on the first append).
    pub fn new(data_dir: &Path) -> AuditLog {
        AuditLog {
            file: JsonlFile::new(data_dir.join(AUDIT_FILE)),
        }
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Whether a record could be appended now.
    pub fn writable(&self) -> io::Result<()> {
        self.file.writable()
    }

    /// Appends one record as one line, flushed to disk before returning.
    pub fn append(&self, record: &AuditRecord) -> io::Result<()> {
        self.file.append(record)
    }

    /// Recent changes, newest first: all of them, or those to one entry. At most `limit`.
    /// Lines that cannot be read are skipped with a warning.
    pub fn history(&self, entry_id: Option<&str>, limit: usize) -> io::Result<Vec<AuditRecord>> {
        let records: Vec<AuditRecord> = self.file.read()?;
        Ok(records
            .into_iter()
            .rev()
            .filter(|r| entry_id.is_none_or(|id| r.entry_id == id))
            .take(limit)
            .collect())
    }
}
