//! The buttons under the bot's answers: 👍 / 👎 feedback and 🗑 remove, their custom ids
//! saying what a click means.

use serenity::all::{ButtonStyle, CreateActionRow, CreateButton, ReactionType, UserId};

use crate::discord::custom_id::ComponentAction;

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
