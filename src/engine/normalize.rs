//! Text normalisation shared by indexing, questions and triage: Unicode folding, case,
//! quotes and punctuation, so that "Acupuncture’s", "ACUPUNCTURE'S" and "acupunctures"
//! all become the same word.

/// Folding lives with the knowledge, which looks names up the same way (sections by
/// title); the engine folds questions and its index with it.
pub use crate::knowledge::fold;

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
    fn splits_sentences() {
        let s: Vec<_> = sentences("No fever. But numb legs!\nWhy?").collect();
        assert_eq!(s, vec!["No fever", " But numb legs", "Why"]);
    }
}
