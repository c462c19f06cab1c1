//! Text normalisation shared by indexing, questions and triage: Unicode folding, case,
//! quotes and punctuation, so that "Acupuncture’s", "ACUPUNCTURE'S" and "acupunctures"
//! all become the same word.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folding lives with the knowledge, which looks names up the same way (sections by
/// title); the engine folds questions and its index with it.
pub use crate::knowledge::fold;

/// A question's length as a length limit must count it: its characters, or the characters
/// it folds to when that is more. Compatibility forms expand ("㌖" is six letters, "ﬄ"
/// three), and matching works on the folded text, so a limit on characters alone lets a
/// short paste become a very long question.
pub fn question_len(text: &str) -> usize {
    let folded = text.nfkd().filter(|c| !is_combining_mark(*c)).count();
    text.chars().count().max(folded)
}

/// The text without the handles it is addressed to ("@dan nah mate, NICE dropped it",
/// "replying to @jen_k"): whom a message answers says nothing about what it asks, and a
/// name would count against every entry as a word the knowledge never uses. Real Discord
/// mentions are gone before the engine sees the text; these are typed. A lone "@" ("free
/// @ my gp?") and an e-mail address stay.
pub fn without_handles(text: &str) -> Cow<'_, str> {
    if !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let is_name = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    let mut in_handle = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_handle && is_name(c) {
            continue;
        }
        in_handle = false;
        let starts_handle = c == '@'
            && (previous.is_whitespace() || matches!(previous, '(' | '[' | ','))
            && chars.peek().is_some_and(|&next| is_name(next));
        if starts_handle {
            in_handle = true;
            out.push(' ');
        } else {
            out.push(c);
        }
        previous = c;
    }
    Cow::Owned(out)
}

/// The words of a text after [`fold`].
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Splits text into sentences (or clauses) at sentence punctuation and line breaks.
/// Triage looks for symptom combinations within one sentence.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', '!', '?', ';', '\n', '\r'])
        .filter(|s| !s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_handles_are_dropped_but_not_a_lone_at_or_an_address() {
        assert_eq!(
            without_handles("@dan nah mate, replying to @jen_k: is it free @ my gp?"),
            "  nah mate, replying to  : is it free @ my gp?"
        );
        assert_eq!(
            without_handles("mail me@example.com"),
            "mail me@example.com"
        );
        assert!(matches!(without_handles("no handles"), Cow::Borrowed(_)));
    }

    #[test]
    fn folds_case_quotes_accents_and_punctuation() {
        assert_eq!(
            fold("Acupuncture’s “true” effect—really?"),
            "acupunctures true effect really"
        );
        assert_eq!(fold("Café NAÏVE"), "cafe naive");
        assert_eq!(fold("I don't know"), "i dont know");
        assert_eq!(fold("about 1.1 million. Then"), "about 1.1 million then");
        assert_eq!(fold("ｆｕｌｌｗｉｄｔｈ"), "fullwidth");
        assert_eq!(fold("  \t\n "), "");
    }

    #[test]
    fn question_length_counts_what_the_text_folds_to() {
        assert_eq!(question_len("back pain"), 9);
        assert_eq!(question_len("café"), 4);
        assert_eq!(question_len("cafe\u{301}"), 5);
        let expands = format!("a{}", "㌖".repeat(499));
        assert_eq!(expands.chars().count(), 500);
        assert_eq!(question_len(&expands), 1 + 6 * 499);
        assert_eq!(question_len(&"ﬄ".repeat(10_000)), 30_000);
    }

    #[test]
    fn splits_sentences() {
        let s: Vec<_> = sentences("No fever. But numb legs!\nWhy?").collect();
        assert_eq!(s, vec!["No fever", " But numb legs", "Why"]);
    }
}
