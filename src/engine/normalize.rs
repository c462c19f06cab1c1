//! Text normalisation shared by indexing, questions and triage: Unicode folding, case,
//! quotes and punctuation, so that "Acupuncture’s", "ACUPUNCTURE'S" and "acupunctures"
//! all become the same word.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text to lower-case ASCII-ish words separated by single spaces: compatibility
/// forms and accents are folded (NFKD without combining marks), apostrophes are dropped
/// inside words ("don't" → "dont"), a dot between digits is kept ("1.1"), and every other
/// non-alphanumeric character becomes a word break.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.nfkd().filter(|c| !is_combining_mark(*c)).peekable();
    while let Some(c) = chars.next() {
        let kept = if c.is_alphanumeric() {
            Some(c)
        } else if is_apostrophe(c) {
            None // joins "don't" into "dont"
        } else if c == '.'
            && prev.is_some_and(|p| p.is_ascii_digit())
            && chars.peek().is_some_and(|n| n.is_ascii_digit())
        {
            Some('.')
        } else {
            Some(' ')
        };
        if let Some(k) = kept {
            if k == ' ' {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.extend(k.to_lowercase());
            }
            prev = Some(c);
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

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

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}' | '\u{ff07}'
    )
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
