//! The buttons under the bot's answers: related questions, 👍 / 👎 feedback and 🗑 remove,
//! their custom ids saying what a click means.

use serenity::all::{ButtonStyle, CreateActionRow, CreateButton, ReactionType, UserId};

use super::text::clamp;
use crate::discord::custom_id::ComponentAction;
use crate::discord::limits;
use crate::reply::Related;

/// 👍 or 👎 for `entry_id`; none when the id is too long to ride whole in a custom id (the
/// vote would be counted for a cut-off id).
pub fn feedback_button(helpful: bool, entry_id: &str) -> Option<CreateButton> {
    let action = ComponentAction::Feedback {
        helpful,
        entry_id: entry_id.to_owned(),
    };
    let custom_id = action.encode();
    if ComponentAction::parse(&custom_id).as_ref() != Some(&action) {
        return None;
    }
    let (emoji, label) = if helpful {
        ("👍", "Helpful")
    } else {
        ("👎", "Not helpful")
    };
    Some(
        CreateButton::new(custom_id)
            .style(ButtonStyle::Secondary)
            .emoji(ReactionType::Unicode(emoji.into()))
            .label(label),
    )
}

/// A related question under an answer, answering it when clicked; none when the entry id is
/// too long to ride whole in a custom id (a cut-off id would answer nothing, or the wrong
/// entry).
pub fn related_button(asker: UserId, related: &Related) -> Option<CreateButton> {
    let action = ComponentAction::Related {
        asker,
        entry_id: related.entry_id.clone(),
    };
    let custom_id = action.encode();
    if ComponentAction::parse(&custom_id).as_ref() != Some(&action) {
        return None;
    }
    Some(
        CreateButton::new(custom_id)
            .style(ButtonStyle::Primary)
            .label(clamp(&related.question, limits::BUTTON_LABEL)),
    )
}

/// The row of related questions under an answer (at most a row's worth), or none.
pub fn related_row(asker: UserId, related: &[Related]) -> Option<CreateActionRow> {
    let buttons: Vec<CreateButton> = related
        .iter()
        .filter_map(|r| related_button(asker, r))
        .take(limits::BUTTONS_PER_ROW)
        .collect();
    (!buttons.is_empty()).then_some(CreateActionRow::Buttons(buttons))
}

pub fn remove_button(asker: UserId) -> CreateButton {
    CreateButton::new(ComponentAction::Remove { asker }.encode())
        .style(ButtonStyle::Secondary)
        .emoji(ReactionType::Unicode("🗑".into()))
        .label("Remove")
}

pub fn remove_row(asker: UserId, public: bool) -> Vec<CreateActionRow> {
    if public {
        vec![CreateActionRow::Buttons(vec![remove_button(asker)])]
    } else {
        Vec::new()
    }
}
