//! Typo tolerance: a question word the knowledge has never seen is replaced by the closest
//! known word ("acupunture" → "acupuncture", "pian" → "pain"), using strsim's optimal
//! string alignment distance. Candidates come from a deletion index (SymSpell's idea), so
//! the cost does not grow with the vocabulary.
//!
//! The cost is bounded by the word, too: building the deletions of a word is quadratic in
//! its length, so a word longer than any vocabulary word plus the edit distance (which no
//! vocabulary word can be within reach of, as SymSpell reasons) is never looked at, and
//! neither is anything past [`MAX_WORD_CHARS`]. One pasted 100,000-letter "word" costs
//! what reading it costs.

use std::collections::{HashMap, HashSet};

use super::generic;

/// The most edits a correction may make (words of 8 letters or more; shorter ones get 1).
const MAX_EDITS: usize = 2;
/// No word longer than this is indexed for correction or corrected, whatever the
/// vocabulary holds: the longest English words in medical use have about 45 letters.
pub const MAX_WORD_CHARS: usize = 48;

/// The known vocabulary and a way to find near neighbours fast.
pub struct Speller {
    known: HashSet<String>,
    /// Vocabulary words in a stable order, with how often each occurs in the knowledge.
    vocab: Vec<(String, u32)>,
    /// Each vocabulary word's everyday-English frequency ([`generic::zipf`]), by index.
    everyday: Vec<f32>,
    /// A word with one character deleted → indexes into `vocab` of words producing it.
    deletes: HashMap<String, Vec<u32>>,
    /// Words longer than this (the longest indexed word plus [`MAX_EDITS`]) are out of
    /// reach of every vocabulary word.
    max_correctable: usize,
}

impl Speller {
    /// Builds from (word, frequency) pairs.
    pub fn new(counts: HashMap<String, u32>) -> Speller {
        let mut vocab: Vec<(String, u32)> = counts.into_iter().collect();
        vocab.sort();
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::new();
        let mut longest = 0;
        for (i, (word, _)) in vocab.iter().enumerate() {
            let len = word.chars().count();
            if !(4..=MAX_WORD_CHARS).contains(&len) || !word.chars().all(char::is_alphabetic) {
                continue;
            }
            longest = longest.max(len);
            for key in deletions(word) {
                let ids = deletes.entry(key).or_default();
                if ids.last() != Some(&(i as u32)) {
                    ids.push(i as u32);
                }
            }
            deletes.entry(word.clone()).or_default().push(i as u32);
        }
        let known = vocab.iter().map(|(w, _)| w.clone()).collect();
        let everyday = vocab.iter().map(|(w, _)| generic::zipf(w)).collect();
        Speller {
            known,
            vocab,
            everyday,
            deletes,
            max_correctable: (longest + MAX_EDITS).min(MAX_WORD_CHARS),
        }
    }

    pub fn is_known(&self, word: &str) -> bool {
        self.known.contains(word)
    }

    /// The most frequent known word within reach of `word`, if `word` is unknown and
    /// long enough to correct safely. Short words get only the likeliest slips fixed: a
    /// transposition in four letters ("pian"), a dropped letter in three ("bak"), since
    /// any other edit turns most short words into other real words (the caller keeps
    /// real English words away from here). Words too long to be within reach of any
    /// vocabulary word are left alone at once, so the cost never grows faster than the
    /// word's length.
    pub fn correct(&self, word: &str) -> Option<&str> {
        // Counting stops just past the bound: a huge word costs no more than a long one.
        let len = word.chars().take(self.max_correctable + 1).count();
        if len < 3
            || len > self.max_correctable
            || self.is_known(word)
            || !word.chars().all(char::is_alphabetic)
        {
            return None;
        }
        let mut candidates: Vec<u32> = Vec::new();
        for key in deletions(word)
            .into_iter()
            .chain(std::iter::once(word.to_owned()))
        {
            if let Some(ids) = self.deletes.get(&key) {
                candidates.extend(ids);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let max_distance = if len >= 8 { MAX_EDITS } else { 1 };
        candidates
            .into_iter()
            .map(|i| {
                let (candidate, count) = &self.vocab[i as usize];
                let distance = strsim::osa_distance(word, candidate);
                (distance, candidate, *count, self.everyday[i as usize])
            })
            .filter(|&(distance, candidate, _, _)| {
                distance >= 1
                    && distance <= max_distance
                    && match len {
                        3 => candidate.chars().count() == 4,
                        4 => is_transposition(word, candidate),
                        _ => true,
                    }
            })
            // The nearest; between equally near words, the one more common in everyday
            // English (people slip on the words they use most), then in the knowledge.
            .max_by(|(da, a, a_count, a_zipf), (db, b, b_count, b_zipf)| {
                db.cmp(da)
                    .then(a_zipf.total_cmp(b_zipf))
                    .then(a_count.cmp(b_count))
                    .then(b.cmp(a))
            })
            .map(|(_, w, _, _)| w.as_str())
    }
}

/// Every string made by deleting one character.
fn deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != skip)
                .map(|(_, c)| *c)
                .collect()
        })
        .collect()
}

fn is_transposition(a: &str, b: &str) -> bool {
    let mut x: Vec<char> = a.chars().collect();
    let mut y: Vec<char> = b.chars().collect();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speller(words: &[(&str, u32)]) -> Speller {
        Speller::new(words.iter().map(|(w, n)| (w.to_string(), *n)).collect())
    }

    #[test]
    fn corrects_common_typos() {
        let s = speller(&[
            ("acupuncture", 40),
            ("pain", 30),
            ("back", 30),
            ("placebo", 3),
            ("paid", 1),
        ]);
        assert_eq!(s.correct("acupunture"), Some("acupuncture"));
        assert_eq!(s.correct("accupuncture"), Some("acupuncture"));
        assert_eq!(s.correct("acupuncure"), Some("acupuncture"));
        assert_eq!(s.correct("pian"), Some("pain"));
        assert_eq!(s.correct("placbo"), Some("placebo"));
    }

    #[test]
    fn between_equally_near_words_the_everyday_one_wins() {
        // The knowledge uses "real" and "offer" more, but people write "really" and
        // "often" far more: a slip on one of those is likelier.
        let s = speller(&[("real", 30), ("really", 2), ("offer", 20), ("often", 3)]);
        assert_eq!(s.correct("realy"), Some("really"));
        assert_eq!(s.correct("offen"), Some("often"));
    }

    #[test]
    fn leaves_known_short_and_distant_words_alone() {
        let s = speller(&[("acupuncture", 40), ("pain", 30), ("back", 9), ("hurt", 1)]);
        assert_eq!(s.correct("pain"), None);
        assert_eq!(s.correct("pa"), None);
        assert_eq!(
            s.correct("bak"),
            Some("back"),
            "three letters: one dropped letter"
        );
        assert_eq!(s.correct("bck"), Some("back"));
        assert_eq!(
            s.correct("hurl"),
            None,
            "four letters: only a transposition"
        );
        assert_eq!(s.correct("pani"), Some("pain"));
        assert_eq!(
            s.correct("paid"),
            None,
            "a 4-letter word is only corrected by a transposition"
        );
        assert_eq!(s.correct("migraine"), None);
    }

    #[test]
    fn words_out_of_reach_of_the_vocabulary_are_not_corrected() {
        let s = speller(&[("acupuncture", 40), ("pain", 30)]);
        // One letter too many: in reach.
        assert_eq!(s.correct("acupuncturee"), Some("acupuncture"));
        // 14 letters cannot be within two edits of an 11-letter word: not even looked at.
        assert_eq!(s.max_correctable, 11 + MAX_EDITS);
        assert_eq!(s.correct("acupunctureeee"), None);
        let huge = "a".repeat(100_000);
        assert_eq!(s.correct(&huge), None);
        let folded = "キロメートル".repeat(500);
        assert_eq!(s.correct(&folded), None);
    }

    #[test]
    fn vocabulary_words_past_the_bound_are_not_indexed() {
        let long = "b".repeat(MAX_WORD_CHARS + 10);
        let s = speller(&[(long.as_str(), 5), ("pain", 30)]);
        assert_eq!(s.max_correctable, 4 + MAX_EDITS);
        assert!(
            s.deletes
                .keys()
                .all(|k| k.chars().count() <= MAX_WORD_CHARS)
        );
        assert_eq!(s.correct(&"b".repeat(MAX_WORD_CHARS + 9)), None);
    }
}
