//! Text folding: Unicode compatibility forms, accents, case, quotes and punctuation, so
//! that "Acupuncture’s", "ACUPUNCTURE'S" and "acupunctures" all become the same word. The
//! engine folds questions and its index with it; the knowledge looks names up with it.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text to lower-case ASCII-ish words separated by single spaces: compatibility
/// forms and accents are folded (NFKD without combining marks), apostrophes are dropped
/// inside words ("don't" → "dont"), a dot between digits is kept ("1.1"), and every other
/// non-alphanumeric character becomes a word break.
pub fn fold(text: &str) -> String {
    // ASCII is its own NFKD with no combining marks; most messages are ASCII, and the
    // decomposition is most of the cost of folding.
    if text.is_ascii() {
        fold_chars(text.chars(), text.len())
    } else {
        fold_chars(text.nfkd().filter(|c| !is_combining_mark(*c)), text.len())
    }
}

fn fold_chars(chars: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut prev: Option<char> = None;
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        let kept = if is_invisible(c) {
            continue; // copy-pasted text hides these inside words ("acu\u{ad}puncture")
        } else if c.is_alphanumeric() {
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

/// Characters that show nothing and join or split nothing a reader sees: the soft hyphen,
/// zero-width space and joiners, the word joiner and the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{180e}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}' | '\u{ff07}'
    )
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn invisible_characters_inside_words_are_dropped_not_word_breaks() {
        assert_eq!(fold("acu\u{ad}puncture"), "acupuncture");
        assert_eq!(
            fold("\u{feff}does acu\u{200b}punc\u{200d}ture help"),
            "does acupuncture help"
        );
        assert_eq!(fold("back\u{2060}pain"), "backpain");
        // A visible hyphen still splits.
        assert_eq!(fold("low-back"), "low back");
    }
}
