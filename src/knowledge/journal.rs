//! The audit journal of intent, which makes an FAQ change and its audit record one unit.
//!
//! Before `faq.toml` is replaced, the record of the change is written durably to
//! `<data_dir>/audit.pending.json` with fingerprints of the file before and after; once
//! the record is in the audit log, the journal is removed. If the process dies in between,
//! the next store to open the folder (or the next edit) finds the journal and either
//! completes the record (`faq.toml` holds the change) or drops it (`faq.toml` is still the
//! old file: the change never happened). An edit whose journal cannot be written is
//! refused, so no change is ever saved without its audit record.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::audit::AuditLog;
use super::audit_record::AuditRecord;
use super::edit::fnv1a;
use super::persist;

/// The journal's file name under the data directory.
pub const JOURNAL_FILE: &str = "audit.pending.json";

/// A change about to be made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(super) struct Intent {
    pub record: AuditRecord,
    /// Fingerprints of `faq.toml` before and after the change.
    pub before: u64,
    pub after: u64,
}

impl Intent {
    pub fn new(record: AuditRecord, before: &str, after: &str) -> Intent {
        Intent {
            record,
            before: fnv1a(before.as_bytes()),
            after: fnv1a(after.as_bytes()),
        }
    }
}

/// What recovery found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Recovered {
    Nothing,
    /// The change was in `faq.toml`: its record is in the audit log now.
    Completed,
    /// The change never reached `faq.toml`: it is forgotten.
    RolledBack,
}

#[derive(Debug, Clone)]
pub(super) struct Journal {
    path: PathBuf,
}

impl Journal {
    pub fn new(data_dir: &Path) -> Journal {
        Journal {
            path: data_dir.join(JOURNAL_FILE),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Records the intent durably; the change may go ahead once this returns.
    pub fn begin(&self, intent: &Intent) -> io::Result<()> {
        let json = serde_json::to_vec(intent).map_err(io::Error::other)?;
        persist::replace_file(&self.path, &json)
    }

    /// The change and its record are both on disk: forget the intent.
    pub fn finish(&self) -> io::Result<()> {
        persist::remove_durably(&self.path)
    }

    /// Completes or rolls back an unfinished change, given `faq.toml`'s text now. Call it
    /// holding the folder lock, before any new change.
    pub fn recover(&self, faq_now: &[u8], audit: &AuditLog) -> io::Result<Recovered> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Recovered::Nothing),
            Err(e) => return Err(e),
        };
        let intent: Intent = match serde_json::from_slice(&bytes) {
            Ok(intent) => intent,
            Err(e) => {
                // Written atomically, so this is not a torn write of ours: keep it for a person.
                let aside = self.path.with_extension("json.unreadable");
                tracing::error!(file = %self.path.display(), error = %e, moved_to = %aside.display(), "unreadable audit journal set aside");
                std::fs::rename(&self.path, &aside)?;
                return Ok(Recovered::Nothing);
            }
        };
        let now = fnv1a(faq_now);
        let outcome = if now == intent.after {
            let last = audit.history(None, 1)?;
            if last.first() != Some(&intent.record) {
                audit.append(&intent.record)?;
            }
            tracing::warn!(entry = %intent.record.entry_id, action = intent.record.action.as_str(), "completed the audit record of an FAQ change that was interrupted");
            Recovered::Completed
        } else {
            if now != intent.before {
                tracing::warn!(entry = %intent.record.entry_id, "faq.toml changed by hand since an interrupted FAQ change; that change is dropped");
            }
            tracing::warn!(entry = %intent.record.entry_id, action = intent.record.action.as_str(), "rolled back an FAQ change that was interrupted before it was saved");
            Recovered::RolledBack
        };
        self.finish()?;
        Ok(outcome)
    }
}
