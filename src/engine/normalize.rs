//! Text normalisation shared by indexing, questions and triage: Unicode folding, case,
//! quotes and punctuation, so that "Acupuncture’s", "ACUPUNCTURE'S" and "acupunctures"
//! all become the same word.

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
