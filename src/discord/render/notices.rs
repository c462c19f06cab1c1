//! The short notices a patient may get instead of an answer (too long, please wait,
//! unknown entry, thanks for the feedback, not allowed, failure), kept together so their
//! wording is in one place.

use super::message::Rendered;

pub fn too_long(chars: usize, max: usize) -> Rendered {
    Rendered::notice(&format!(
        "Sorry, that question is too long for me ({chars} characters; the limit is {max}). \
         Please ask it in fewer words, one question at a time."
    ))
}

pub fn cooldown(seconds: u64) -> Rendered {
    let unit = if seconds == 1 { "second" } else { "seconds" };
    Rendered::notice(&format!(
        "You're asking a little quickly. Please wait {seconds} {unit} before your next question."
    ))
}

pub fn unknown_entry() -> Rendered {
    Rendered::notice("I couldn't find that FAQ entry. Try `/faq topics` to see what I can answer.")
}

pub fn feedback_thanks(helpful: bool) -> Rendered {
    Rendered::notice(if helpful {
        "Thanks for letting us know this helped."
    } else {
        "Thanks for letting us know. Your feedback helps the moderators improve the FAQ."
    })
}

pub fn not_allowed_to_remove() -> Rendered {
    Rendered::notice("Only the person who asked, or a moderator, can remove this answer.")
}

pub fn failed() -> Rendered {
    Rendered::notice("Sorry, something went wrong on my side. Please try again in a moment.")
}
