//! The moderator tools' short notices: not a moderator, an id or entry too big for a form,
//! cancelled, nothing unanswered, a list that cannot be read back.

use crate::discord::render::message::Rendered;

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
