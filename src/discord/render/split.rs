//! Splitting a whole article section into chunks that each fit a length limit (a Discord
//! embed description, a message), without cutting a word or a sentence where that can be
//! avoided.
//!
//! The caller ([`super::sections`]) picks the limit and decides how to send the chunks.

use crate::knowledge::Section;

/// Splits `section`'s text (its paragraphs, separated by a blank line as in
/// [`Section::text`]) into chunks of at most `max_chars` characters (Unicode scalar values),
/// in order.
///
/// Whole paragraphs are packed together while they fit. A paragraph that does not fit on
/// its own is split between sentences; a sentence that does not fit on its own is split
/// between words; only a single word longer than `max_chars` is ever cut, as the last
/// resort that keeps every chunk within the limit. Non-breaking spaces never count as a
/// place to split. No chunk is empty, and none starts or ends with whitespace; joining the
/// chunks' words gives back the section's words exactly.
///
/// A section with no text gives no chunks. A `max_chars` of 0 is treated as 1.
pub fn split_section(section: &Section, max_chars: usize) -> Vec<String> {
    let max = max_chars.max(1);
    let mut packer = Packer::new(max);
    for paragraph in &section.paragraphs {
        let paragraph = paragraph.trim_matches(is_break);
        if paragraph.is_empty() {
            continue;
        }
        let mut sep = Sep::Paragraph;
        for piece in pieces(paragraph, max) {
            packer.push(sep, piece);
            sep = Sep::Space;
        }
    }
    packer.finish()
}

/// What joins a piece to the one before it, when both land in the same chunk.
#[derive(Clone, Copy)]
enum Sep {
    Paragraph,
    Space,
}

impl Sep {
    fn as_str(self) -> &'static str {
        match self {
            Sep::Paragraph => "\n\n",
            Sep::Space => " ",
        }
    }
}

/// Greedy packing: each piece goes into the current chunk if it fits, else starts a new one.
struct Packer {
    max: usize,
    chunks: Vec<String>,
    current: String,
    current_chars: usize,
}

impl Packer {
    fn new(max: usize) -> Packer {
        Packer {
            max,
            chunks: Vec::new(),
            current: String::new(),
            current_chars: 0,
        }
    }

    fn push(&mut self, sep: Sep, piece: &str) {
        let piece_chars = piece.chars().count();
        debug_assert!(piece_chars <= self.max);
        if self.current.is_empty() {
            self.current.push_str(piece);
            self.current_chars = piece_chars;
            return;
        }
        let sep = sep.as_str();
        let joined = self.current_chars + sep.chars().count() + piece_chars;
        if joined <= self.max {
            self.current.push_str(sep);
            self.current.push_str(piece);
            self.current_chars = joined;
        } else {
            self.chunks.push(std::mem::take(&mut self.current));
            self.current.push_str(piece);
            self.current_chars = piece_chars;
        }
    }

    fn finish(mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.chunks.push(self.current);
        }
        self.chunks
    }
}

/// A paragraph as pieces of at most `max` characters: the whole paragraph if it fits, else
/// its sentences, else (for a long sentence) its words, else (for a long word) slices.
/// Consecutive pieces of one paragraph were separated by whitespace in the source, except
/// the slices of one over-long word.
fn pieces(paragraph: &str, max: usize) -> Vec<&str> {
    if paragraph.chars().count() <= max {
        return vec![paragraph];
    }
    let mut out = Vec::new();
    for sentence in sentences(paragraph) {
        if sentence.chars().count() <= max {
            out.push(sentence);
            continue;
        }
        for word in sentence.split(is_break).filter(|w| !w.is_empty()) {
            if word.chars().count() <= max {
                out.push(word);
            } else {
                out.extend(hard_split(word, max));
            }
        }
    }
    out
}

/// Whitespace a chunk may be split at: any but the non-breaking kinds.
fn is_break(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2060}')
}

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "e.g", "i.e", "eg", "ie", "vs", "approx", "no", "fig",
    "cf",
];

/// The sentences of a paragraph, trimmed, in order. A sentence ends at `.`, `!`, `?` or `…`
/// (plus any closing quotes or brackets) followed by whitespace and then a capital letter,
/// a digit or an opening quote or bracket; a full stop after a common abbreviation or a
/// single letter does not end one.
fn sentences(paragraph: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Closing punctuation that belongs to the sentence.
        let mut end = i + 1;
        while end < chars.len()
            && matches!(
                chars[end].1,
                '.' | '!' | '?' | '…' | '"' | '\'' | '’' | '”' | ')' | ']'
            )
        {
            end += 1;
        }
        // Then a breakable space, then the start of a new sentence.
        let mut next = end;
        while next < chars.len() && is_break(chars[next].1) {
            next += 1;
        }
        let starts_sentence = next > end
            && next < chars.len()
            && (chars[next].1.is_uppercase()
                || chars[next].1.is_ascii_digit()
                || matches!(chars[next].1, '"' | '\'' | '‘' | '“' | '(' | '['));
        if starts_sentence && !(c == '.' && is_abbreviation(&paragraph[start..chars[i].0])) {
            let end_byte = chars.get(end).map_or(paragraph.len(), |(b, _)| *b);
            out.push(paragraph[start..end_byte].trim_matches(is_break));
            start = chars[next].0;
            i = next;
        } else {
            i = end;
        }
    }
    let rest = paragraph[start..].trim_matches(is_break);
    if !rest.is_empty() {
        out.push(rest);
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Whether the text before a full stop ends with an abbreviation or a lone letter.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| is_break(c) || c == '(')
        .next()
        .unwrap_or("")
        .to_lowercase();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && word.chars().count() == 1) || ABBREVIATIONS.contains(&word.as_str())
}

/// A word longer than `max` characters, cut into slices of `max` (the last may be shorter).
fn hard_split(word: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut count = 0;
    for (byte, _) in word.char_indices() {
        if count == max {
            out.push(&word[start..byte]);
            start = byte;
            count = 0;
        }
        count += 1;
    }
    out.push(&word[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(paragraphs: &[&str]) -> Section {
        Section {
            id: "s".into(),
            slug: "s".into(),
            title: "S".into(),
            label: None,
            paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
        }
    }

    fn words(text: &str) -> Vec<String> {
        text.split(is_break)
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    }

    fn chars(s: &str) -> usize {
        s.chars().count()
    }

    #[test]
    fn a_section_that_fits_is_one_chunk_equal_to_its_text() {
        let s = section(&["First paragraph.", "Second one."]);
        assert_eq!(split_section(&s, 1000), vec![s.text()]);
        assert_eq!(split_section(&s, chars(&s.text())), vec![s.text()]);
    }

    #[test]
    fn an_empty_section_gives_no_chunks() {
        assert!(split_section(&section(&[]), 100).is_empty());
        assert!(split_section(&section(&["", "  \n "]), 100).is_empty());
    }

    #[test]
    fn whole_paragraphs_are_packed_while_they_fit() {
        let s = section(&["Aaaa aaaa.", "Bbbb bbbb.", "Cccc cccc."]);
        // 10 + 2 + 10 = 22 fits; adding the third (34) does not.
        assert_eq!(
            split_section(&s, 25),
            vec!["Aaaa aaaa.\n\nBbbb bbbb.", "Cccc cccc."]
        );
    }

    #[test]
    fn a_long_paragraph_is_split_between_sentences() {
        let s = section(&["One two three. Four five six! Seven eight nine? Ten."]);
        assert_eq!(
            split_section(&s, 30),
            vec!["One two three. Four five six!", "Seven eight nine? Ten."]
        );
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_a_sentence() {
        let s = section(&[
            "Ask Dr. Smith about it. It affects 1.1 million people e.g. adults. Done here.",
        ]);
        assert_eq!(
            split_section(&s, 45),
            vec![
                "Ask Dr. Smith about it.",
                "It affects 1.1 million people e.g. adults.",
                "Done here."
            ]
        );
    }

    #[test]
    fn a_long_sentence_is_split_between_words_never_inside_one() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda";
        let chunks = split_section(&section(&[text]), 17);
        for c in &chunks {
            assert!(chars(c) <= 17, "{c:?}");
            for w in words(c) {
                assert!(words(text).contains(&w), "cut word {w:?} in {chunks:?}");
            }
        }
        assert_eq!(words(&chunks.join(" ")), words(text));
    }

    #[test]
    fn non_breaking_spaces_are_not_split_points() {
        let s = section(&["costs £1\u{a0}623\u{a0}million here"]);
        let chunks = split_section(&s, 16);
        assert!(
            chunks.contains(&"£1\u{a0}623\u{a0}million".to_owned()),
            "{chunks:?}"
        );
    }

    #[test]
    fn a_word_longer_than_the_limit_is_cut_as_a_last_resort() {
        let chunks = split_section(&section(&["ab Pneumonoultramicroscopic cd"]), 10);
        assert!(chunks.iter().all(|c| chars(c) <= 10), "{chunks:?}");
        assert_eq!(
            chunks.concat().replace(' ', ""),
            "abPneumonoultramicroscopiccd"
        );
    }

    #[test]
    fn multibyte_text_is_counted_in_characters() {
        let s = section(&["‘True’ – or ‘non-true’? Ça va. Über alles."]);
        for c in split_section(&s, 12) {
            assert!(chars(&c) <= 12, "{c:?}");
        }
        assert_eq!(
            split_section(&section(&["ééééé"]), 2),
            vec!["éé", "éé", "é"]
        );
    }

    #[test]
    fn zero_limit_is_treated_as_one() {
        assert_eq!(split_section(&section(&["ab c"]), 0), vec!["a", "b", "c"]);
    }

    #[test]
    fn the_real_article_sections_split_at_sentences_within_discord_limits() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge/article.toml");
        let text = std::fs::read_to_string(dir).expect("knowledge/article.toml");
        let article: crate::knowledge::Article = toml::from_str(&text).expect("article parses");
        for s in &article.sections {
            // Down to the longest sentence: every chunk can still end a sentence.
            let longest = s
                .paragraphs
                .iter()
                .flat_map(|p| sentences(p))
                .map(chars)
                .max()
                .unwrap();
            for max in [4096, 1024, longest] {
                let chunks = split_section(s, max);
                assert!(!chunks.is_empty());
                assert!(chunks.iter().all(|c| chars(c) <= max));
                assert_eq!(
                    words(&chunks.join(" ")),
                    words(&s.text()),
                    "section {}",
                    s.id
                );
                for c in &chunks {
                    let last = c
                        .trim_end_matches(['"', '’', '”', ')'])
                        .chars()
                        .last()
                        .unwrap();
                    assert!(
                        matches!(last, '.' | '!' | '?' | ':'),
                        "section {} max {max}: {c:?}",
                        s.id
                    );
                }
            }
            if chars(&s.text()) <= 4096 {
                assert_eq!(split_section(s, 4096), vec![s.text()]);
            }
        }
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        fn paragraph() -> impl Strategy<Value = String> {
            proptest::collection::vec("[A-Za-zé£0-9]{1,12}[.?!,]?", 0..40)
                .prop_map(|ws| ws.join(" "))
        }

        proptest! {
            #[test]
            fn chunks_fit_keep_every_word_and_cut_none_that_fits(
                paras in proptest::collection::vec(paragraph(), 0..6),
                max in 1usize..120,
            ) {
                let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
                let s = section(&refs);
                let chunks = split_section(&s, max);
                for c in &chunks {
                    prop_assert!(!c.is_empty());
                    prop_assert!(chars(c) <= max, "{:?} over {}", c, max);
                    prop_assert_eq!(c.trim(), c.as_str());
                }
                let original = words(&s.text());
                if original.iter().all(|w| chars(w) <= max) {
                    prop_assert_eq!(words(&chunks.join(" ")), original);
                } else {
                    prop_assert_eq!(chunks.concat().split_whitespace().collect::<String>(),
                                    s.text().split_whitespace().collect::<String>());
                }
            }
        }
    }
}
