//! Every message of the moderator tools: the entry form, confirmations, results and
//! refusals, the unanswered list, history, reload reports and the moderator log channel.
//! Like the rest of [`super`], this only formats; the tools decide what to say.

use chrono::{DateTime, Utc};
use serenity::all::{
    ButtonStyle, CreateActionRow, CreateAttachment, CreateButton, CreateInputText,
    CreateInteractionResponse, CreateModal, CreateSelectMenu, CreateSelectMenuKind,
    CreateSelectMenuOption, InputTextStyle, Message,
};

use super::{EmbedSpec, Rendered, clamp, len, limits, quote, shorten_passage};
use crate::discord::moderation::{EntryForm, ModId, form_field};
use crate::error::SourceErrors;
use crate::knowledge::{
    Action, Applied, AuditRecord, EditError, EditErrorKind, Entry, ReloadSummary, ReloadTrigger,
    Submitted,
};
use crate::unanswered::UnansweredSummary;

/// Embed colours of the moderator tools.
pub mod colour {
    /// Something was refused or is broken.
    pub const PROBLEM: u32 = 0xE67E22;
    /// About to remove something.
    pub const DANGER: u32 = 0xE02B2B;
    /// Lists: unanswered questions, history.
    pub const INFO: u32 = 0x8E44AD;
}

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
/// The field that carries the question on the "add as an alternate phrasing" message.
pub const ALIAS_QUESTION_FIELD: &str = "Question";
/// Discord's limits for modals.
pub const MODAL_TITLE: usize = 45;
pub const INPUT_LABEL: usize = 45;
/// How many unanswered questions one list shows (one embed field each).
pub const UNANSWERED_MAX: usize = limits::EMBED_FIELDS;

/// The entry form: question, phrasings, passage, section, evidence note.
pub fn entry_form(title: &str, id: &ModId, form: &EntryForm) -> CreateInteractionResponse {
    let input = |style, label: &str, key: &'static str, value: &str, required: bool| {
        let mut input = CreateInputText::new(style, clamp(label, INPUT_LABEL), key)
            .required(required)
            .max_length(u16::try_from(EntryForm::max_len(key)).unwrap_or(4000));
        if !value.is_empty() {
            input = input.value(value);
        }
        input
    };
    let rows = [
        input(
            InputTextStyle::Short,
            "Question (as the answer's title)",
            form_field::QUESTION,
            &form.question,
            true,
        ),
        input(
            InputTextStyle::Paragraph,
            "Other ways patients ask it (one per line)",
            form_field::ALTERNATES,
            &form.alternates,
            false,
        ),
        input(
            InputTextStyle::Paragraph,
            "Passage (quoted exactly from the article)",
            form_field::PASSAGE,
            &form.passage,
            true,
        ),
        input(
            InputTextStyle::Short,
            "Section (id or title, e.g. cost)",
            form_field::SECTION,
            &form.section,
            true,
        ),
        input(
            InputTextStyle::Paragraph,
            "Evidence note (optional)",
            form_field::EVIDENCE_NOTE,
            &form.evidence_note,
            false,
        ),
    ]
    .into_iter()
    .map(CreateActionRow::InputText)
    .collect();
    CreateInteractionResponse::Modal(
        CreateModal::new(id.encode(), clamp(title, MODAL_TITLE)).components(rows),
    )
}

/// The title of the form for a new entry.
pub fn new_entry_title() -> &'static str {
    "New FAQ entry"
}

/// The title of the form editing `entry`: with its id when that fits.
pub fn edit_entry_title(entry_id: &str) -> String {
    let title = format!("Edit FAQ entry {entry_id}");
    if len(&title) <= MODAL_TITLE {
        title
    } else {
        "Edit FAQ entry".to_owned()
    }
}

pub mod notices {
    use super::super::Rendered;

    /// Someone without a moderator role used a moderator tool.
    pub fn not_moderator(roles_configured: bool) -> Rendered {
        let why = if roles_configured {
            "Only members with a moderator role can change the FAQ."
        } else {
            "No moderator roles are configured yet (`discord.moderator_role_ids`), so nobody can change the FAQ from Discord."
        };
        Rendered::notice(&format!("⛔ {why} Nothing was changed."))
    }

    pub fn id_too_long(entry_id: &str) -> Rendered {
        Rendered::notice(&format!(
            "The id `{entry_id}` is too long to carry in a Discord form. Use `faqbot faq` on the server for this entry, or choose a shorter id."
        ))
    }

    pub fn too_big_for_form(entry_id: &str) -> Rendered {
        Rendered::notice(&format!(
            "Entry `{entry_id}` has more text than a Discord form holds, so editing it here could lose some. Use `faqbot faq edit {entry_id}` on the server."
        ))
    }

    pub fn remove_cancelled() -> Rendered {
        Rendered::notice("Cancelled: nothing was removed.")
    }

    pub fn unanswered_empty() -> Rendered {
        Rendered::notice("No unanswered questions recently. 🎉")
    }

    pub fn question_gone() -> Rendered {
        Rendered::notice(
            "I couldn't read that question back from the list. Run `/faqmod unanswered` again.",
        )
    }

    pub fn store_unavailable() -> Rendered {
        Rendered::notice(
            "Sorry, the FAQ could not be reached just now. Nothing was changed; please try again.",
        )
    }
}

/// What an applied change did, for the moderator who made it.
pub fn applied(applied: &Applied) -> Rendered {
    let r = &applied.record;
    let question = r
        .after
        .as_ref()
        .or(r.before.as_ref())
        .map(|e| e.question.as_str())
        .unwrap_or_default();
    let mut text = match r.action {
        Action::Add => format!(
            "✅ Added **{}** (`{}`). It answers from the very next question.",
            clamp(question, 300),
            r.entry_id
        ),
        Action::Edit => format!(
            "✅ Saved `{}` ({}): {}. In effect from the very next question.",
            r.entry_id,
            clamp(question, 300),
            r.summary()
        ),
        Action::Remove => format!(
            "🗑️ Removed `{}` ({}). The audit log keeps its text.",
            r.entry_id,
            clamp(question, 300)
        ),
        Action::Alias => format!(
            "✅ `{}` ({}): {}.",
            r.entry_id,
            clamp(question, 300),
            clamp(&r.summary(), 600)
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
        content: None,
        embeds,
        components: Vec::new(),
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
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![spec],
        components: vec![CreateActionRow::Buttons(buttons)],
    }
}

/// The most frequent recent unanswered questions, with menus to turn one into a new entry
/// or an alternate phrasing. Each question is one field whose value is the question
/// itself, so a menu choice (its number) is read back from the message.
pub fn unanswered(list: &[UnansweredSummary]) -> Rendered {
    let list = &list[..list.len().min(UNANSWERED_MAX)];
    let fields = list
        .iter()
        .enumerate()
        .map(|(i, q)| {
            (
                clamp(
                    &format!(
                        "#{} · asked {}× · last {}",
                        i + 1,
                        q.count,
                        when(q.last_asked)
                    ),
                    limits::FIELD_NAME,
                ),
                clamp(non_blank(&q.question), limits::FIELD_VALUE),
                false,
            )
        })
        .collect();
    let spec = fit_fields(EmbedSpec {
        title: "Unanswered questions".to_owned(),
        description: "The most frequent recent questions the FAQ had no answer for. Turn one into a new entry, or into another phrasing of an existing entry, with the menus below.".to_owned(),
        colour: colour::INFO,
        fields,
        footer: String::new(),
    });
    let options = |verb: &str| {
        list.iter()
            .take(spec.fields.len())
            .enumerate()
            .map(|(i, q)| {
                CreateSelectMenuOption::new(
                    clamp(&format!("#{} {}", i + 1, q.question), limits::SELECT_LABEL),
                    (i + 1).to_string(),
                )
                .description(clamp(verb, limits::SELECT_DESCRIPTION))
            })
            .collect::<Vec<_>>()
    };
    let menus = vec![
        CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                ModId::UnansweredNew.encode(),
                CreateSelectMenuKind::String {
                    options: options("Opens the entry form with this question"),
                },
            )
            .placeholder("Make a new entry from…"),
        ),
        CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                ModId::UnansweredAlias.encode(),
                CreateSelectMenuKind::String {
                    options: options("Choose the entry it should lead to"),
                },
            )
            .placeholder("Add as another phrasing of an entry…"),
        ),
    ];
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![spec],
        components: menus,
    }
}

/// Question `n` (1-based) of an unanswered list message.
pub fn unanswered_question(message: &Message, n: usize) -> Option<String> {
    let field = message.embeds.first()?.fields.get(n.checked_sub(1)?)?;
    Some(field.value.clone()).filter(|q| !q.trim().is_empty())
}

/// "Add this question as a phrasing of…" with a menu of the entries it most resembles.
pub fn alias_choices(question: &str, entries: &[&Entry]) -> Rendered {
    let spec = EmbedSpec {
        title: "Add as another phrasing".to_owned(),
        description: "Choose the FAQ entry this question should lead to: patients asking it this way then get that entry's answer. Not listed? Use `/faqmod alias`.".to_owned(),
        colour: colour::INFO,
        fields: vec![(
            ALIAS_QUESTION_FIELD.to_owned(),
            clamp(non_blank(question), limits::FIELD_VALUE),
            false,
        )],
        footer: String::new(),
    };
    let options = entries
        .iter()
        .filter(|e| len(&e.id) <= limits::SELECT_VALUE)
        .take(limits::SELECT_OPTIONS)
        .map(|e| {
            CreateSelectMenuOption::new(clamp(&e.question, limits::SELECT_LABEL), e.id.clone())
                .description(clamp(&e.id, limits::SELECT_DESCRIPTION))
        })
        .collect();
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![spec],
        components: vec![CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                ModId::AliasTo.encode(),
                CreateSelectMenuKind::String { options },
            )
            .placeholder("The entry it should lead to"),
        )],
    }
}

/// The question on an "add as another phrasing" message.
pub fn alias_question(message: &Message) -> Option<String> {
    message
        .embeds
        .iter()
        .flat_map(|e| &e.fields)
        .find(|f| f.name == ALIAS_QUESTION_FIELD)
        .map(|f| f.value.clone())
}

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
    let spec = fit_fields(EmbedSpec {
        title,
        description: "Newest first. The audit log on the server has the full text.".to_owned(),
        colour: colour::INFO,
        fields,
        footer: String::new(),
    });
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![spec],
        components: Vec::new(),
    }
}

fn history_value(r: &AuditRecord) -> String {
    let mut out = format!(
        "by **{}** (`{}`) · <t:{}:f>\n{}",
        clamp(&r.actor.name, 80),
        clamp(&r.actor.id, 40),
        r.at.timestamp(),
        clamp(&r.summary(), 200)
    );
    match (&r.before, &r.after) {
        (Some(before), Some(after)) if r.action == Action::Edit => {
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

/// A short quoted excerpt of a field's value.
fn brief(text: &str) -> String {
    if text.is_empty() {
        "(none)".to_owned()
    } else {
        format!("“{}”", clamp(&text.replace('\n', " "), 90))
    }
}

/// A successful `/faqmod reload`.
pub fn reloaded(summary: &ReloadSummary) -> Rendered {
    Rendered::notice(&reload_text(summary))
}

fn reload_text(summary: &ReloadSummary) -> String {
    let mut text = format!(
        "🔄 Reloaded the knowledge files: {} entries are served.",
        summary.entries
    );
    if !summary.changed {
        text.push_str(" Nothing had changed.");
    }
    for (what, ids) in [
        ("Added", &summary.added),
        ("Edited", &summary.edited),
        ("Removed", &summary.removed),
    ] {
        if !ids.is_empty() {
            let list: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
            text.push_str(&format!("\n{what}: {}", list.join(", ")));
        }
    }
    if summary.changed
        && summary.added.is_empty()
        && summary.edited.is_empty()
        && summary.removed.is_empty()
    {
        text.push_str("\nThe article, vocabulary or triage rules changed.");
    }
    text
}

/// A reload that found invalid files: each error with its file and line, and the
/// reassurance that the last good version is still served.
pub fn reload_failed(errors: &SourceErrors, trigger: ReloadTrigger) -> Rendered {
    let lead = match trigger {
        ReloadTrigger::Explicit => "The knowledge files have errors, so they were not loaded.",
        ReloadTrigger::Watcher => {
            "The knowledge files were changed on disk, but they have errors, so they were not loaded."
        }
    };
    let list: Vec<String> = errors
        .0
        .iter()
        .map(|e| {
            let file = e.path.file_name().map_or_else(
                || e.path.display().to_string(),
                |f| f.to_string_lossy().into_owned(),
            );
            match e.line {
                Some(line) => format!("{file}:{line}: {}", e.message),
                None => format!("{file}: {}", e.message),
            }
        })
        .collect();
    let spec = EmbedSpec {
        title: "Knowledge not reloaded".to_owned(),
        description: format!(
            "{lead} Patients are still answered from the last good version.\n{}\nFix them and save again (or run `/faqmod reload`).",
            code_block(&list.join("\n"), "", 3000)
        ),
        colour: colour::PROBLEM,
        fields: Vec::new(),
        footer: String::new(),
    };
    Rendered {
        files: Vec::new(),
        content: None,
        embeds: vec![spec],
        components: Vec::new(),
    }
}

/// A file-watcher reload, for the moderator log channel.
pub fn log_reloaded(summary: &ReloadSummary) -> Rendered {
    Rendered::notice(&format!(
        "Knowledge files changed on disk and were loaded.\n{}",
        reload_text(summary)
    ))
}

/// `/faqmod export`: a note, with `text` attached as `file_name`.
pub fn export(entries: usize, file_name: &str, text: String) -> Rendered {
    let mut rendered = Rendered::notice(&format!(
        "The FAQ as it is served now: `{file_name}`, {entries} entries."
    ));
    rendered
        .files
        .push(CreateAttachment::bytes(text.into_bytes(), file_name));
    rendered
}

/// Drops trailing fields (never the first) until the embed fits Discord's total.
fn fit_fields(mut spec: EmbedSpec) -> EmbedSpec {
    while spec.total_len() > limits::EMBED_TOTAL && spec.fields.len() > 1 {
        spec.fields.pop();
    }
    spec
}

fn when(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y %H:%M UTC").to_string()
}

fn non_blank(s: &str) -> &str {
    if s.trim().is_empty() { "(empty)" } else { s }
}
