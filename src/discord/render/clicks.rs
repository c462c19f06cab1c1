//! Replies to a click or a form that does not do what it was for: one the bot no longer
//! knows (an old or unknown custom id), and a vote that was already counted.

use super::message::Rendered;
use crate::service::feedback::Vote;

/// A button or menu whose custom id the bot does not know (an old message, a forged click).
pub fn expired_button() -> Rendered {
    Rendered::notice(
        "This button has expired. Please run the command again (for example `/ask`) to get a fresh one.",
    )
}

/// A submitted form whose custom id the bot does not know.
pub fn expired_form() -> Rendered {
    Rendered::notice(
        "This form has expired, so nothing was saved. Please run the command again to get a fresh one.",
    )
}

/// The reply to a 👍 / 👎 that moved or repeated a vote (a new one gets the usual thanks).
pub fn vote_counted_already(vote: Vote, helpful: bool) -> Option<Rendered> {
    let rating = if helpful { "helpful" } else { "not helpful" };
    match vote {
        Vote::New => None,
        Vote::Changed => Some(Rendered::notice(&format!(
            "Thanks: your rating of this answer is now \u{201c}{rating}\u{201d}."
        ))),
        Vote::Unchanged => Some(Rendered::notice(&format!(
            "You have already rated this answer \u{201c}{rating}\u{201d}; it is counted once."
        ))),
    }
}
