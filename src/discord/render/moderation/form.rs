//! The moderators' entry form (a Discord modal): question, phrasings, passage, section and
//! evidence note, each input as long as the validator allows.

use serenity::all::{
    CreateActionRow, CreateInputText, CreateInteractionResponse, CreateModal, InputTextStyle,
};

use crate::discord::limits::{INPUT_LABEL, MODAL_TITLE};
use crate::discord::moderation::form::{EntryForm, field as form_field};
use crate::discord::moderation::ids::ModId;
use crate::discord::render::text::{clamp, len};

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
