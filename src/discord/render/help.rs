//! `/help`: what each command does, as fields of one embed, with the moderator tools
//! listed only to moderators (others cannot use them, and Discord hides `/faqmod` from
//! them).

use super::colour;
use super::message::{EmbedSpec, Rendered};

/// The title of the `/help` embed.
pub const HELP_TITLE: &str = "How to use this bot";

/// The commands everyone may use, as (name, what it does).
const PATIENT_COMMANDS: [(&str, &str); 4] = [
    (
        "/ask question:<your question>",
        "Ask about acupuncture for back pain in your own words. I reply with the passage of \
         the article that answers it, a link to the full section and, when I'm not sure, a \
         short \u{201c}did you mean\u{201d} list. You can also mention me or send me a direct message.",
    ),
    (
        "/section name:<section>",
        "Read a whole section of the article, with a link to it on the web. Start typing to \
         see the sections.",
    ),
    (
        "/faq topics",
        "What I can help with: the topics I know about and some of the questions for each.",
    ),
    (
        "/faq show entry:<question>",
        "Look up one FAQ answer: start typing and pick a question.",
    ),
];

/// The moderators' tools, shown only to moderators.
const MODERATOR_COMMANDS: (&str, &str) = (
    "/faqmod (moderators)",
    "`add`, `edit`, `remove` and `alias` change FAQ entries (every change is checked, saved \
     and live at once); `unanswered` lists what people asked that the FAQ missed; `history` \
     shows recent changes; `reload` re-reads the knowledge files; `export` attaches the FAQ file.",
);

/// The `/help` message. `moderator` adds the moderator tools.
pub fn help(moderator: bool, disclaimer: &str) -> Rendered {
    let mut fields: Vec<(String, String, bool)> = PATIENT_COMMANDS
        .iter()
        .map(|(name, what)| ((*name).to_owned(), (*what).to_owned(), false))
        .collect();
    if moderator {
        let (name, what) = MODERATOR_COMMANDS;
        fields.push((name.to_owned(), what.to_owned(), false));
    }
    let spec = EmbedSpec {
        title: HELP_TITLE.to_owned(),
        description: "I answer general questions about acupuncture for back pain from a \
                      curated FAQ built from one article. I can't give personal medical \
                      advice; if something sounds urgent I'll point you to urgent care first."
            .to_owned(),
        colour: colour::ANSWER,
        fields,
        footer: disclaimer.to_owned(),
    };
    Rendered::new(vec![spec], Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_fits_and_shows_moderator_tools_only_to_moderators() {
        let patient = help(false, "D.");
        let moderator = help(true, "D.");
        for rendered in [&patient, &moderator] {
            assert!(rendered.embeds.iter().all(EmbedSpec::fits));
        }
        let names = |r: &Rendered| -> Vec<String> {
            r.embeds[0].fields.iter().map(|f| f.0.clone()).collect()
        };
        assert!(names(&patient).iter().all(|n| !n.starts_with("/faqmod")));
        assert!(names(&moderator).iter().any(|n| n.starts_with("/faqmod")));
        assert_eq!(patient.embeds[0].footer, "D.");
    }
}
