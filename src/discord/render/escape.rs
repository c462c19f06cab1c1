//! Patient text shown in Discord as the literal text it is: the one place that escapes
//! markdown and neutralises masked links, bare links, mentions, timestamps and bidi
//! controls in anything a patient typed ("You asked", `/faqmod unanswered`, history), and
//! reads such text back out of a message exactly.
//!
//! Markdown characters get a backslash (Discord shows `\*` as `*`; `\<@1>` and `\<t:1:R>`
//! show as typed, not as a pill or a date), so a masked link loses its brackets; a bare
//! `scheme://` gets a zero-width space after its colon, so nothing is clickable; bidi
//! controls (U+202E and friends) are dropped, so text cannot reorder what follows it.
//! Zero-width spaces in the input are dropped too, so [`unescape`] can remove the ones
//! added here: `unescape(escape(s)) == plain(s)` for every `s`.

use super::text::{clamp, len};

/// Characters Discord markdown gives a meaning to, escaped with a backslash wherever they
/// are (a backslash before any punctuation is hidden by Discord, so this is never seen).
const MARKUP: &[char] = &[
    '\\', '*', '_', '~', '`', '|', '>', '<', '#', '-', '+', '[', ']', '(', ')', '@',
];
/// Added after a link's `scheme:` so Discord does not make it a link.
const LINK_BREAK: char = '\u{200B}';

/// Whether `c` changes the direction of the text around it (embeddings, overrides,
/// isolates and marks).
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// `text` without bidi controls and zero-width spaces: for places that show text without
/// markdown (menu labels), and what [`unescape`] gives back.
pub fn plain(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_bidi_control(c) && c != LINK_BREAK)
        .collect()
}

/// Patient text as literal Discord markdown: no formatting, no links, no mentions, no
/// timestamps, no bidi reordering.
pub fn escape(text: &str) -> String {
    let text = plain(text);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // "1." is a numbered list at the start of a line; escaping every dot after a digit
        // is simpler than finding line starts, and Discord hides the backslash.
        if MARKUP.contains(&c) || (c == '.' && prev.is_some_and(|p| p.is_ascii_digit())) {
            out.push('\\');
        }
        out.push(c);
        if c == ':' && chars.peek() == Some(&'/') && prev.is_some_and(|p| p.is_alphanumeric()) {
            out.push(LINK_BREAK);
        }
        prev = Some(c);
    }
    out
}

/// [`escape`]d text cut to at most `max` Discord characters (at a word boundary, ending in
/// "…"), never cutting an escape in two.
pub fn escape_clamped(text: &str, max: usize) -> String {
    let mut budget = max;
    loop {
        let escaped = escape(&clamp(text, budget));
        let over = len(&escaped).saturating_sub(max);
        if over == 0 || budget == 0 {
            return escaped;
        }
        budget = budget.saturating_sub(over.div_ceil(2).max(1));
    }
}

/// The text [`escape`] was given (less its bidi controls), from what a message shows.
pub fn unescape(shown: &str) -> String {
    let mut out = String::with_capacity(shown.len());
    let mut chars = shown.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) if MARKUP.contains(&next) || next == '.' => out.push(next),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            LINK_BREAK => {}
            c => out.push(c),
        }
    }
    plain(&out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn markup_links_mentions_and_timestamps_are_literal() {
        let shown = escape(
            "[Moderators: verify here](http://evil.example/phish) @everyone <@&123> <t:1:R> **hi** 1. x",
        );
        assert_eq!(
            shown,
            "\\[Moderators: verify here\\]\\(http:\u{200B}//evil.example/phish\\) \\@everyone \\<\\@&123\\> \\<t:1:R\\> \\*\\*hi\\*\\* 1\\. x"
        );
        assert!(!shown.contains("](") && !shown.contains("://"));
    }

    #[test]
    fn bidi_controls_are_dropped() {
        assert_eq!(escape("abc\u{202E}fed\u{2066}x\u{200F}"), "abcfedx");
        assert_eq!(plain("a\u{202E}b\u{200B}c"), "abc");
    }

    #[test]
    fn clamped_escapes_fit_and_are_never_cut_in_two() {
        let text = "*".repeat(50);
        let shown = escape_clamped(&text, 21);
        assert!(len(&shown) <= 21, "{shown}");
        assert!(shown.ends_with("\\*…"), "{shown}");
        assert_eq!(escape_clamped("short", 21), "short");
    }

    proptest! {
        #[test]
        fn unescape_gives_back_what_was_escaped(s in "\\PC{0,40}|[\\\\*_~`|<>@#:/.0-9a-z\\[\\]()\u{200B}\u{202E} -]{0,40}") {
            prop_assert_eq!(unescape(&escape(&s)), plain(&s));
        }
    }
}
