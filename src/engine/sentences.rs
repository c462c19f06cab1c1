//! Cuts a message into the sentences the decision may read on their own: at sentence
//! ends, but never inside brackets ("(NICE i think??)"), and a sentence that points back
//! at the one before ("could acupuncture have helped with that?") stays joined to it,
//! since alone it would read as a bare "does acupuncture help". Triage cuts finer, at
//! every stop ([`super::normalize::sentences`]): a negation never reaches past one.

use super::normalize::words;

/// Words that, right after a demonstrative, show it stands for something said before
/// rather than for a noun that follows ("is that true", "does that even work").
const AFTER_A_POINTER: &[&str] = &[
    "is", "does", "do", "did", "even", "work", "works", "help", "helps", "mean", "means", "really",
    "actually", "will", "would", "can", "could", "kind", "sort", "true", "right", "normal", "ok",
    "okay", "good", "bad", "safe", "legit", "too", "as", "at", "all", "a", "an", "the", "just",
    "only", "still", "because", "cos", "so", "and", "or", "have", "has", "had", "got",
];

/// Words that, right before a demonstrative, show it is a pronoun ("helped with that"); a
/// verb like "does" does not ("does this treatment help").
const BEFORE_A_POINTER: &[&str] = &[
    "with", "for", "about", "like", "of", "from", "after", "on", "treat", "help", "fix", "ease",
];

/// The message's sentences (at most `limit`), each with only the text it needs to be read
/// alone.
pub fn sentences(message: &str, limit: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in message.chars() {
        current.push(c);
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '\n' => {
                // A bracket left open ends with its line.
                depth = 0;
                push_sentence(&mut out, std::mem::take(&mut current));
            }
            '.' | '!' | '?' | ';' if depth == 0 => {
                push_sentence(&mut out, std::mem::take(&mut current));
            }
            _ => {}
        }
    }
    push_sentence(&mut out, current);
    out.truncate(limit);
    out
}

/// The words of a tag that asks about the sentence before ("…endorphins or something.
/// true?", "is that right? or not?"). Alone, "true" would be read as true versus sham
/// acupuncture.
const TAG_WORDS: &[&str] = &[
    "true",
    "really",
    "legit",
    "right",
    "correct",
    "real",
    "seriously",
    "fr",
    "is",
    "it",
    "that",
    "thats",
    "or",
    "not",
    "nah",
    "so",
    "lol",
    "then",
    "though",
    "tho",
];

/// Adds a finished piece: punctuation runs ("??") and bracket closers stay with the
/// sentence before; so does a sentence that points back at it or is only a tag on it.
fn push_sentence(out: &mut Vec<String>, piece: String) {
    let has_words = piece.chars().any(char::is_alphanumeric);
    let follows = |piece: &str| points_back(piece) || is_tag(piece);
    match out.last_mut() {
        Some(previous) if !has_words || follows(&piece) => previous.push_str(&piece),
        _ if has_words => out.push(piece),
        _ => {}
    }
}

/// Whether a sentence is only a tag question ("true?", "is it really?").
fn is_tag(sentence: &str) -> bool {
    words(sentence)
        .iter()
        .all(|w| TAG_WORDS.contains(&w.as_str()))
}

/// Whether a sentence uses "that", "this", "those" or "these" as a pronoun for what was
/// said before.
fn points_back(sentence: &str) -> bool {
    let words = words(sentence);
    words.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "that" | "this" | "those" | "these" | "thats")
            && (w == "thats"
                || i + 1 == words.len()
                || AFTER_A_POINTER.contains(&words[i + 1].as_str())
                || (i > 0 && BEFORE_A_POINTER.contains(&words[i - 1].as_str())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            sentences("my mum has sciatica. would acupuncture help her?", 6),
            ["my mum has sciatica.", " would acupuncture help her?"]
        );
    }

    #[test]
    fn never_splits_inside_brackets() {
        assert_eq!(
            sentences(
                "what do the guideline people (NICE i think??) say about needles",
                6
            ),
            ["what do the guideline people (NICE i think??) say about needles"]
        );
    }

    #[test]
    fn a_sentence_pointing_back_stays_with_the_one_before() {
        let joined =
            "had my wisdom teeth out and it was agony. could acupuncture have helped with that?";
        assert_eq!(sentences(joined, 6), [joined]);
        assert_eq!(
            sentences("a friend swears by it. is that true?", 6).len(),
            1
        );
        assert_eq!(
            sentences("it speeds up nerve signals? is that a real thing", 6).len(),
            1
        );
        assert_eq!(
            sentences("fake needles? how does that even work", 6).len(),
            1
        );
        assert_eq!(
            sentences("BDNF?? what has that got to do with needles", 6).len(),
            1
        );
        assert_eq!(
            sentences("my mate says it releases endorphins. true?", 6).len(),
            1
        );
        // Alone, "is it better" would be read as a question about which treatment is best.
        assert_eq!(
            sentences(
                "they want to try dry needling. whats that and is it better?",
                6
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_demonstrative_before_a_noun_does_not_join() {
        assert_eq!(
            sentences("my back is bad. does this treatment help back pain?", 6).len(),
            2
        );
    }

    #[test]
    fn keeps_at_most_the_limit() {
        assert_eq!(sentences("a. b. c. d.", 2), ["a.", " b."]);
    }
}
