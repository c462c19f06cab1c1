//! The audit log of FAQ changes: one JSON object per line in `<data_dir>/audit.jsonl`,
//! appended for every change a moderator or operator applies (`/faq history`,
//! `faqbot faq history`).
//!
//! A line looks like:
//!
//! ```json
//! {"at":"2026-05-01T09:30:00.123Z","actor":{"id":"123456789","name":"alice"},"action":"edit",
//!  "entry_id":"nhs-availability","before":{…entry…},"after":{…entry…}}
//! ```
//!
//! `before` is `null` for an add, `after` is `null` for a remove.

use std::io;
use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::model::Entry;
use crate::jsonl::JsonlFile;

/// The file name under the data directory.
pub const AUDIT_FILE: &str = "audit.jsonl";

/// Who made a change: a Discord user (id and name), or an operator at the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// A Discord user id, or `cli:<user>` for the console.
    pub id: String,
    /// A display name, for people reading the history.
    pub name: String,
}

impl Actor {
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
        }
    }

    /// The operator running `faqbot faq …`: `cli:$USER`.
    pub fn cli() -> Actor {
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .ok()
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| "unknown".to_owned());
        Actor {
            id: format!("cli:{user}"),
            name: user,
        }
    }
}

/// What a change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    Add,
    Edit,
    Remove,
    /// One alternate phrasing added to an entry.
    Alias,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Add => "add",
            AuditAction::Edit => "edit",
            AuditAction::Remove => "remove",
            AuditAction::Alias => "alias",
        }
    }
}

/// One applied change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditRecord {
    /// When it was applied (RFC 3339, UTC).
    #[serde(with = "rfc3339")]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub action: AuditAction,
    pub entry_id: String,
    /// The entry before the change; `None` for an add.
    pub before: Option<Entry>,
    /// The entry after the change; `None` for a remove.
    pub after: Option<Entry>,
}

mod rfc3339 {
    use chrono::{DateTime, SecondsFormat, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.to_rfc3339_opts(SecondsFormat::Millis, true))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let text = String::deserialize(d)?;
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(serde::de::Error::custom)
    }
}

impl AuditRecord {
    /// `at` as RFC 3339 text, as it is stored.
    pub fn at_rfc3339(&self) -> String {
        self.at.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// The fields an edit changed, in file order (all fields for an add or a remove).
    pub fn changed_fields(&self) -> Vec<&'static str> {
        let (Some(before), Some(after)) = (&self.before, &self.after) else {
            return ENTRY_FIELDS.to_vec();
        };
        let mut out = Vec::new();
        let mut check = |name: &'static str, changed: bool| {
            if changed {
                out.push(name);
            }
        };
        check("id", before.id != after.id);
        check("section", before.section != after.section);
        check("question", before.question != after.question);
        check("alternates", before.alternates != after.alternates);
        check("passage", before.passage != after.passage);
        check("tags", before.tags != after.tags);
        check("evidence_note", before.evidence_note != after.evidence_note);
        check("summary", before.summary != after.summary);
        out
    }

    /// One line for people: "added", "edited question, alternates", "added alternate
    /// \"…\"", "removed".
    pub fn summary(&self) -> String {
        match self.action {
            AuditAction::Add => "added".to_owned(),
            AuditAction::Remove => "removed".to_owned(),
            AuditAction::Edit => format!("edited {}", self.changed_fields().join(", ")),
            AuditAction::Alias => {
                let added: Vec<String> = match (&self.before, &self.after) {
                    (Some(b), Some(a)) => a
                        .alternates
                        .iter()
                        .filter(|p| !b.alternates.contains(p))
                        .map(|p| format!("{p:?}"))
                        .collect(),
                    _ => Vec::new(),
                };
                format!("added alternate {}", added.join(", "))
            }
        }
    }
}

const ENTRY_FIELDS: [&str; 8] = [
    "id",
    "section",
    "question",
    "alternates",
    "passage",
    "tags",
    "evidence_note",
    "summary",
];

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
