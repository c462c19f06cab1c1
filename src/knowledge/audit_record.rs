//! One line of the audit log: who changed which entry, when, and what changed. An add
//! keeps the entry added and a remove the entry removed (so its text is never lost); an
//! edit or an alias keeps only the fields that changed, before and after (a list field:
//! the items added and removed), so a line is as small as the change.
//!
//! ```json
//! {"at":"2026-05-01T09:30:00.123Z","actor":{"id":"123456789","name":"alice"},"action":"edit",
//!  "entry_id":"nhs-availability","changes":[{"field":"passage","before":"…","after":"…"}]}
//! ```
//!
//! Lines written before this format (whole `before` and `after` entries) are read too.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::Entry;

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
#[serde(from = "StoredRecord")]
pub struct AuditRecord {
    /// When it was applied (RFC 3339, UTC).
    #[serde(with = "rfc3339")]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub action: AuditAction,
    pub entry_id: String,
    /// The entry added (an add) or removed (a remove); `None` for an edit or an alias.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Entry>,
    /// What an edit or an alias changed, field by field in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<FieldChange>,
}

/// One field an edit changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    /// A single-valued field's old value (`None` where it was unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    /// A single-valued field's new value (`None` where it is now unset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
    /// The items a list field (alternates, tags) gained.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// The items a list field lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
}

/// A line as stored: this format, or the earlier one with whole entries.
#[derive(Deserialize)]
struct StoredRecord {
    #[serde(with = "rfc3339")]
    at: DateTime<Utc>,
    actor: Actor,
    action: AuditAction,
    entry_id: String,
    #[serde(default)]
    entry: Option<Entry>,
    #[serde(default)]
    changes: Vec<FieldChange>,
    #[serde(default)]
    before: Option<Entry>,
    #[serde(default)]
    after: Option<Entry>,
}

impl From<StoredRecord> for AuditRecord {
    fn from(s: StoredRecord) -> AuditRecord {
        if s.entry.is_none() && s.changes.is_empty() && (s.before.is_some() || s.after.is_some()) {
            return AuditRecord::new(
                s.at,
                s.actor,
                s.action,
                s.entry_id,
                s.before.as_ref(),
                s.after.as_ref(),
            );
        }
        AuditRecord {
            at: s.at,
            actor: s.actor,
            action: s.action,
            entry_id: s.entry_id,
            entry: s.entry,
            changes: s.changes,
        }
    }
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
    /// The record of a change from `before` (`None` for an add) to `after` (`None` for a
    /// remove).
    pub fn new(
        at: DateTime<Utc>,
        actor: Actor,
        action: AuditAction,
        entry_id: String,
        before: Option<&Entry>,
        after: Option<&Entry>,
    ) -> AuditRecord {
        let (entry, changes) = match (before, after) {
            (Some(before), Some(after)) => (None, diff(before, after)),
            (None, added) => (added.cloned(), Vec::new()),
            (removed, None) => (removed.cloned(), Vec::new()),
        };
        AuditRecord {
            at,
            actor,
            action,
            entry_id,
            entry,
            changes,
        }
    }

    /// `at` as RFC 3339 text, as it is stored.
    pub fn at_rfc3339(&self) -> String {
        self.at.to_rfc3339_opts(SecondsFormat::Millis, true)
    }

    /// The fields an edit changed, in file order (all fields for an add or a remove).
    pub fn changed_fields(&self) -> Vec<&str> {
        if matches!(self.action, AuditAction::Add | AuditAction::Remove) {
            return ENTRY_FIELDS.to_vec();
        }
        self.changes.iter().map(|c| c.field.as_str()).collect()
    }

    /// The change to one field, if it changed.
    pub fn change(&self, field: &str) -> Option<&FieldChange> {
        self.changes.iter().find(|c| c.field == field)
    }

    /// One line for people: "added", "edited question, alternates", "added alternate
    /// \"…\"", "removed".
    pub fn summary(&self) -> String {
        match self.action {
            AuditAction::Add => "added".to_owned(),
            AuditAction::Remove => "removed".to_owned(),
            AuditAction::Edit => format!("edited {}", self.changed_fields().join(", ")),
            AuditAction::Alias => {
                let added: Vec<String> = self
                    .change("alternates")
                    .map(|c| c.added.iter().map(|p| format!("{p:?}")).collect())
                    .unwrap_or_default();
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

/// The fields that differ between two versions of an entry, in file order.
fn diff(before: &Entry, after: &Entry) -> Vec<FieldChange> {
    let text = |s: &str| Value::from(s);
    let note = |e: &Entry| e.evidence_note.as_deref().map_or(Value::Null, Value::from);
    [
        scalar("id", text(&before.id), text(&after.id)),
        scalar("section", text(&before.section), text(&after.section)),
        scalar("question", text(&before.question), text(&after.question)),
        list_change("alternates", &before.alternates, &after.alternates),
        scalar("passage", text(&before.passage), text(&after.passage)),
        list_change("tags", &before.tags, &after.tags),
        scalar("evidence_note", note(before), note(after)),
        scalar("summary", before.summary.into(), after.summary.into()),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// A single-valued field's change (null standing for unset), or `None` when it is the same.
fn scalar(field: &str, before: Value, after: Value) -> Option<FieldChange> {
    (before != after).then(|| FieldChange {
        field: field.to_owned(),
        before: Some(before).filter(|v| !v.is_null()),
        after: Some(after).filter(|v| !v.is_null()),
        added: Vec::new(),
        removed: Vec::new(),
    })
}

/// A list field's change as the items gained and lost, or `None` when it is the same.
fn list_change(field: &str, before: &[String], after: &[String]) -> Option<FieldChange> {
    if before == after {
        return None;
    }
    Some(FieldChange {
        field: field.to_owned(),
        before: None,
        after: None,
        added: after
            .iter()
            .filter(|x| !before.contains(x))
            .cloned()
            .collect(),
        removed: before
            .iter()
            .filter(|x| !after.contains(x))
            .cloned()
            .collect(),
    })
}
