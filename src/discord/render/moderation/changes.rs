//! Replies to a change: what an applied edit did, a refused one with exactly what is wrong
//! and the moderator's submission handed back (attached when too long to show), and the
//! confirmation before a remove.

use serenity::all::{ButtonStyle, CreateActionRow, CreateAttachment, CreateButton};

use crate::discord::limits;
use crate::discord::moderation::ids::ModId;
use crate::discord::render::colour;
use crate::discord::render::message::{EmbedSpec, Rendered};
use crate::discord::render::text::{clamp, len, quote, shorten_passage};
use crate::knowledge::{Applied, AuditAction, EditError, EditErrorKind, Entry, Submitted};

/// The title of a refused change's first embed.
pub const NOT_SAVED_TITLE: &str = "Not saved";
/// The title of the embed that shows a refused submission back.
pub const SUBMITTED_TITLE: &str = "What you submitted (copy it, fix it and try again)";
/// That title when the submission was too long to show whole (it is no longer than
/// [`SUBMITTED_TITLE`], which the room for the text is reckoned with).
pub const SUBMITTED_CUT_TITLE: &str = "What you submitted (the whole text is attached)";
/// The file a refused entry too long to show whole is attached as (a TOML snippet that
/// `faqbot faq add --file` reads).
pub const SUBMITTED_ENTRY_FILE: &str = "submitted-entry.toml";
/// The file a refused phrase too long to show whole is attached as.
pub const SUBMITTED_PHRASE_FILE: &str = "submitted-phrase.txt";

/// What an applied change did, for the moderator who made it.
pub fn applied(applied: &Applied) -> Rendered {
    let r = &applied.record;
    let question = applied
        .entry
        .as_ref()
        .or(r.entry.as_ref())
        .map(|e| e.question.as_str())
        .unwrap_or_default();
    let mut text = match r.action {
        AuditAction::Add => format!(
            "✅ Added **{}** (`{}`). It answers from the very next question.",
            clamp(question, 300),
            r.entry_id
        ),
        AuditAction::Edit => format!(
            "✅ Saved `{}` ({}): {}. In effect from the very next question.",
            r.entry_id,
            clamp(question, 300),
            r.summary()
        ),
        AuditAction::Remove => format!(
            "🗑️ Removed `{}` ({}). The audit log keeps its text.",
            r.entry_id,
            clamp(question, 300)
        ),
        AuditAction::Alias => format!(
            "✅ `{}` ({}): {}.",
            r.entry_id,
            clamp(question, 300),
            // The added phrasing may be a patient's words (from `/faqmod unanswered`).
            crate::discord::render::escape::escape_clamped(&r.summary(), 600)
        ),
    };
    for warning in &applied.warnings {
        text.push_str(&format!("\n⚠️ {warning}"));
    }
    Rendered::notice(&text)
}

/// A refused change: exactly what is wrong, and the moderator's text back so nothing they
/// typed is lost.
pub fn rejected(error: &EditError) -> Rendered {
    let description = match &error.kind {
        EditErrorKind::Invalid(problems) => {
            let mut text = String::from("Nothing was changed. Please fix:");
            for p in problems {
                text.push_str(&format!("\n• {p}"));
            }
            text
        }
        other => format!("Nothing was changed: {other}."),
    };
    let mut first = EmbedSpec {
        title: NOT_SAVED_TITLE.to_owned(),
        description: clamp(&description, 2500),
        colour: colour::PROBLEM,
        fields: Vec::new(),
        footer: String::new(),
    };
    if let EditErrorKind::Stale(stale) = &error.kind {
        first.fields.push((
            "The entry now".to_owned(),
            clamp(
                &code_block(
                    &crate::knowledge::entry_snippet(&stale.current_entry),
                    "toml",
                    900,
                ),
                limits::FIELD_VALUE,
            ),
            false,
        ));
    }
    let mut embeds = vec![first];
    let mut files = Vec::new();
    let shown_as = match error.submitted {
        Submitted::Entry(_) => Some(("toml", SUBMITTED_ENTRY_FILE)),
        Submitted::Alias { .. } => Some(("", SUBMITTED_PHRASE_FILE)),
        Submitted::Remove { .. } => None,
    };
    if let Some((lang, file_name)) = shown_as {
        let room = limits::EMBED_TOTAL
            .saturating_sub(embeds[0].total_len() + len(SUBMITTED_TITLE))
            .min(limits::EMBED_DESCRIPTION);
        let text = error.submitted_text();
        let description = code_block(&text, lang, room);
        // Cut to fit the message: the whole text goes along as a file, so none is lost.
        let cut = !description.ends_with("```");
        if cut {
            files.push(CreateAttachment::bytes(text.into_bytes(), file_name));
        }
        embeds.push(EmbedSpec {
            title: if cut {
                SUBMITTED_CUT_TITLE
            } else {
                SUBMITTED_TITLE
            }
            .to_owned(),
            description,
            colour: colour::PROBLEM,
            fields: Vec::new(),
            footer: String::new(),
        });
    }
    Rendered {
        files,
        ..Rendered::new(embeds, Vec::new())
    }
}

/// `text` in a code block of at most `max` characters (as Discord counts), cut with a note
/// when it does not fit. Backtick fences inside are broken up so the block stays one block.
pub fn code_block(text: &str, lang: &str, max: usize) -> String {
    let text = text.trim_end().replace("```", "`\u{200b}``");
    let full = format!("```{lang}\n{text}\n```");
    if len(&full) <= max {
        return full;
    }
    let total = text.chars().count();
    let note_room = 60;
    let keep = clamp(
        &text,
        max.saturating_sub(len(lang) + len("```\n\n```") + note_room),
    );
    let kept = keep.chars().count().saturating_sub(1);
    format!(
        "```{lang}\n{keep}\n```(cut: {} more characters)",
        total.saturating_sub(kept)
    )
}

/// "Remove this entry?" with Remove and Cancel buttons.
pub fn confirm_remove(entry: &Entry, confirm: &ModId) -> Rendered {
    let spec = EmbedSpec {
        title: clamp(
            &format!("Remove “{}”?", entry.question),
            limits::EMBED_TITLE,
        ),
        description: quote(&shorten_passage(&entry.passage, 1500)),
        colour: colour::DANGER,
        fields: vec![
            (
                "Id".to_owned(),
                format!("`{}`", clamp(&entry.id, 200)),
                true,
            ),
            ("Section".to_owned(), clamp(&entry.section, 200), true),
            (
                "Phrasings".to_owned(),
                entry.alternates.len().to_string(),
                true,
            ),
        ],
        footer: "Patients stop getting this answer at once. The audit log keeps its text."
            .to_owned(),
    };
    let buttons = vec![
        CreateButton::new(confirm.encode())
            .style(ButtonStyle::Danger)
            .label("Remove"),
        CreateButton::new(ModId::CancelRemove.encode())
            .style(ButtonStyle::Secondary)
            .label("Cancel"),
    ];
    Rendered::new(vec![spec], vec![CreateActionRow::Buttons(buttons)])
}
