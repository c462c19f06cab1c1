//! `/faqmod history`: recent changes, who made them, when, and what changed.

use serde_json::Value;

use crate::discord::limits;
use crate::discord::render::colour;
use crate::discord::render::escape::escape_clamped;
use crate::discord::render::message::{EmbedSpec, Rendered};
use crate::discord::render::text::clamp;
use crate::knowledge::{AuditAction, AuditRecord};

/// Recent changes: who, when, and what changed, before and after.
pub fn history(records: &[AuditRecord], entry_id: Option<&str>) -> Rendered {
    let title = match entry_id {
        Some(id) => clamp(&format!("Changes to {id}"), limits::EMBED_TITLE),
        None => "Recent FAQ changes".to_owned(),
    };
    if records.is_empty() {
        return Rendered::notice(&match entry_id {
            Some(id) => format!("No recorded changes to `{id}`."),
            None => "No FAQ changes have been recorded yet.".to_owned(),
        });
    }
    let fields = records
        .iter()
        .take(limits::EMBED_FIELDS)
        .map(|r| {
            (
                clamp(
                    &format!("{} · {}", r.action.as_str(), r.entry_id),
                    limits::FIELD_NAME,
                ),
                clamp(&history_value(r), 500),
                false,
            )
        })
        .collect();
    let spec = EmbedSpec {
        title,
        description: "Newest first. The audit log on the server has the full text.".to_owned(),
        colour: colour::INFO,
        fields,
        footer: String::new(),
    }
    .fit_fields();
    Rendered::new(vec![spec], Vec::new())
}

fn history_value(r: &AuditRecord) -> String {
    let mut out = format!(
        "by **{}** (`{}`) · <t:{}:f>\n{}",
        escape_clamped(&r.actor.name, 80),
        clamp(&r.actor.id, 40),
        r.at.timestamp(),
        escape_clamped(&r.summary(), 200)
    );
    match (r.action, &r.entry) {
        (AuditAction::Edit, _) => {
            for change in &r.changes {
                let (before, after) = if change.added.is_empty() && change.removed.is_empty() {
                    (
                        value_text(change.before.as_ref()),
                        value_text(change.after.as_ref()),
                    )
                } else {
                    (
                        format!("−{}", change.removed.join(" | ")),
                        format!("+{}", change.added.join(" | ")),
                    )
                };
                out.push_str(&format!(
                    "\n{}: {} → {}",
                    change.field,
                    brief(&before),
                    brief(&after)
                ));
            }
        }
        (AuditAction::Add, Some(entry)) => {
            out.push_str(&format!("\nafter: {}", brief(&entry.question)));
        }
        (AuditAction::Remove, Some(entry)) => {
            out.push_str(&format!("\nbefore: {}", brief(&entry.question)));
        }
        _ => {}
    }
    out
}

/// A field's value as text (`None`: unset).
fn value_text(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A short quoted excerpt of a field's value, escaped: phrasings may be patients' words.
fn brief(text: &str) -> String {
    if text.is_empty() {
        "(none)".to_owned()
    } else {
        format!("“{}”", escape_clamped(&text.replace('\n', " "), 90))
    }
}
