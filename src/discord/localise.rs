//! Slash command descriptions in British and American English, the two English locales
//! Discord supports (`en-GB`, `en-US`), so a patient's client shows the wording and
//! spelling they read naturally. One table for every command, subcommand and option,
//! applied to the command list before registration; a test keeps it complete. Command
//! names are the same in both, so they carry no name localisations.

use std::borrow::Cow;

use super::state::Command;

/// Discord's locale codes for British and American English.
pub const LOCALES: [&str; 2] = ["en-GB", "en-US"];

/// (command path with options after a `.`, en-GB, en-US). Discord allows 100 characters.
const DESCRIPTIONS: &[(&str, &str, &str)] = &[
    (
        "ask",
        "Ask a question about acupuncture for back pain",
        "Ask a question about acupuncture for back pain",
    ),
    (
        "ask.question",
        "Your question, in your own words (e.g. does it hurt? is it safe in pregnancy?)",
        "Your question, in your own words (for example: does it hurt? is it safe in pregnancy?)",
    ),
    (
        "faq",
        "Browse the FAQ: the topics it covers, or one answer",
        "Browse the FAQ: the topics it covers, or one answer",
    ),
    (
        "faq topics",
        "What I can help with, by topic",
        "What I can help with, by topic",
    ),
    ("faq show", "Show one FAQ answer", "Show one FAQ answer"),
    (
        "faq show.entry",
        "Start typing, then pick the FAQ question",
        "Start typing, then pick the FAQ question",
    ),
    (
        "section",
        "Read a whole section of the article",
        "Read an entire section of the article",
    ),
    (
        "section.name",
        "The section: start typing its title",
        "The section: start typing its title",
    ),
    (
        "help",
        "How to use this bot: what each command does",
        "How to use this bot: what each command does",
    ),
    (
        "faqmod",
        "FAQ moderator tools (moderators only)",
        "FAQ moderator tools (moderators only)",
    ),
    (
        "faqmod add",
        "Add an FAQ entry (opens a form)",
        "Add an FAQ entry (opens a form)",
    ),
    (
        "faqmod add.section",
        "The article section the passage is quoted from (you can also type it in the form)",
        "The article section the passage is quoted from (you can also type it in the form)",
    ),
    (
        "faqmod add.id",
        "The new entry's id, lower-case words and dashes (default: made from the question)",
        "The new entry's ID, lowercase words and hyphens (default: made from the question)",
    ),
    (
        "faqmod edit",
        "Edit an FAQ entry (opens the form filled in)",
        "Edit an FAQ entry (opens the form filled out)",
    ),
    ("faqmod edit.entry", "The FAQ entry", "The FAQ entry"),
    (
        "faqmod remove",
        "Remove an FAQ entry (asks for confirmation)",
        "Remove an FAQ entry (asks for confirmation)",
    ),
    ("faqmod remove.entry", "The FAQ entry", "The FAQ entry"),
    (
        "faqmod alias",
        "Add another way patients ask an FAQ question",
        "Add another way patients ask an FAQ question",
    ),
    ("faqmod alias.entry", "The FAQ entry", "The FAQ entry"),
    (
        "faqmod alias.phrase",
        "The phrasing, as a patient would type it",
        "The phrasing, as a patient would type it",
    ),
    (
        "faqmod unanswered",
        "The most frequent recent questions the FAQ could not answer",
        "The most frequent recent questions the FAQ couldn't answer",
    ),
    (
        "faqmod unanswered.count",
        "How many to show (default 10)",
        "How many to show (default: 10)",
    ),
    (
        "faqmod history",
        "Recent FAQ changes: who, when, what",
        "Recent FAQ changes: who, when, what",
    ),
    (
        "faqmod history.entry",
        "Only changes to this entry",
        "Only changes to this entry",
    ),
    (
        "faqmod reload",
        "Re-read the knowledge files from disk",
        "Reread the knowledge files from disk",
    ),
    (
        "faqmod export",
        "The current FAQ file, as an attachment",
        "The current FAQ file, as an attachment",
    ),
];

/// The (en-GB, en-US) descriptions of `path`, if the table has it.
pub fn descriptions(path: &str) -> Option<(&'static str, &'static str)> {
    DESCRIPTIONS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|&(_, gb, us)| (gb, us))
}

/// Sets the localised descriptions on `commands`, their subcommands and options. Returns
/// the paths the table lacks (none, as the tests require).
pub fn apply(commands: &mut [Command]) -> Vec<String> {
    let mut missing = Vec::new();
    for command in commands {
        apply_one(command, "", &mut missing);
    }
    missing
}

fn apply_one(command: &mut Command, parent: &str, missing: &mut Vec<String>) {
    let path = if parent.is_empty() {
        command.name.to_string()
    } else {
        format!("{parent} {}", command.name)
    };
    match descriptions(&path) {
        Some(texts) => command.description_localizations = localized(texts),
        None => missing.push(path.clone()),
    }
    for parameter in &mut command.parameters {
        let option = format!("{path}.{}", parameter.name);
        match descriptions(&option) {
            Some(texts) => parameter.description_localizations = localized(texts),
            None => missing.push(option),
        }
    }
    for sub in &mut command.subcommands {
        apply_one(sub, &path, missing);
    }
}

fn localized(
    (gb, us): (&'static str, &'static str),
) -> Cow<'static, [(Cow<'static, str>, Cow<'static, str>)]> {
    Cow::Owned(vec![
        (Cow::Borrowed(LOCALES[0]), Cow::Borrowed(gb)),
        (Cow::Borrowed(LOCALES[1]), Cow::Borrowed(us)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Registration checks completeness end to end (tests/discord/help.rs); here, the
    /// table itself: both texts said, within Discord's 100, and each path once.
    #[test]
    fn descriptions_fit_discord_and_paths_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (path, gb, us) in DESCRIPTIONS {
            assert!(seen.insert(path), "{path} twice");
            for text in [gb, us] {
                assert!(
                    !text.trim().is_empty() && text.encode_utf16().count() <= 100,
                    "{path}: {text:?}"
                );
            }
        }
        assert_eq!(
            descriptions("ask.question").map(|d| d.0.is_empty()),
            Some(false)
        );
        assert_eq!(descriptions("no such command"), None);
    }
}
