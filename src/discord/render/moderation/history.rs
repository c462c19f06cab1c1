//! `/faqmod history`: recent changes, who made them, when, and what changed.

use crate::discord::limits;
use crate::discord::render::colour;
use crate::discord::render::escape::escape_clamped;
use crate::discord::render::message::{EmbedSpec, Rendered};
use crate::discord::render::text::clamp;
use crate::knowledge::{AuditAction, AuditRecord, Entry};

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
    match (&r.before, &r.after) {
        (Some(before), Some(after)) if r.action == AuditAction::Edit => {
            for field in r.changed_fields() {
                out.push_str(&format!(
                    "\n{field}: {} → {}",
                    brief(&field_text(before, field)),
                    brief(&field_text(after, field))
                ));
            }
        }
        (None, Some(after)) => {
            out.push_str(&format!("\nafter: {}", brief(&after.question)));
        }
        (Some(before), None) => {
            out.push_str(&format!("\nbefore: {}", brief(&before.question)));
        }
        _ => {}
    }
    out
}

fn field_text(entry: &Entry, field: &str) -> String {
    match field {
        "id" => entry.id.clone(),
        "section" => entry.section.clone(),
        "question" => entry.question.clone(),
        "alternates" => entry.alternates.join(" | "),
        "passage" => entry.passage.clone(),
        "tags" => entry.tags.join(", "),
        "evidence_note" => entry.evidence_note.clone().unwrap_or_default(),
        "summary" => entry.summary.to_string(),
        _ => String::new(),
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
