//! A message as triage reads it: sentences, the clauses inside them (commas, brackets,
//! colons) and the parts of a clause a contrast splits ("but"), and words with their
//! typos corrected against the triage vocabulary — by the engine's speller for longer
//! words, and by the moderators' spelling lists for text-speak the speller cannot reach
//! ("cnt", "lst nite", "legz").

use std::collections::{HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::engine::normalize::fold;
use crate::engine::spell::Speller;

/// Words at least this long also match with doubled letters undone ("sadle" is
/// "saddle", "controll" is "control"). Shorter words would collide ("wee", "we").
pub(super) const LOOSE_MIN: usize = 5;

/// Collapses runs of the same letter in words of [`LOOSE_MIN`] or more letters.
pub(super) fn loosen(word: &str) -> String {
    if word.chars().count() < LOOSE_MIN {
        return word.to_owned();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// `word` with doubled letters undone, only when that changes it (most words have none,
/// and this runs for every word of every message).
fn loosened(word: &str) -> Option<String> {
    // Equal neighbouring bytes are necessary for a doubled letter (and cheap to find).
    let maybe_doubled = word.as_bytes().windows(2).any(|pair| pair[0] == pair[1]);
    let loose = (maybe_doubled && word.chars().count() >= LOOSE_MIN).then(|| loosen(word))?;
    (loose != word).then_some(loose)
}

/// A word of the text: as written, with doubled letters collapsed, and corrected when it
/// is a typo of a triage word.
pub(super) struct Word {
    pub raw: String,
    /// With doubled letters collapsed, when that differs from `raw`.
    loosened: Option<String>,
    pub fixed: Option<String>,
}

impl Word {
    /// The word as written, with no typo correction.
    pub(super) fn plain(raw: &str) -> Word {
        Word {
            loosened: loosened(raw),
            fixed: None,
            raw: raw.to_owned(),
        }
    }

    /// The word with doubled letters collapsed (the word itself when it has none).
    pub(super) fn loose(&self) -> &str {
        self.loosened.as_deref().unwrap_or(&self.raw)
    }
}

/// One sentence: its words and the clause and part each word is in.
pub(super) struct Text {
    pub words: Vec<Word>,
    pub clause: Vec<u16>,
    /// Clauses split again before each contrast word (see [`CONTRASTS`]).
    pub part: Vec<u16>,
}

/// Splits text into sentences at sentence punctuation and line breaks.
pub(super) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    crate::engine::normalize::sentences(text).filter(|s| s.chars().any(char::is_alphanumeric))
}

/// The text with what would wrongly end a sentence or join clauses made explicit: a
/// decimal point ("38.5") is not a full stop, and a spaced dash (" - ") ends a clause.
pub(super) fn prepare(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let between =
            |f: fn(&char) -> bool| prev.as_ref().is_some_and(f) && next.as_ref().is_some_and(f);
        match c {
            '.' if between(char::is_ascii_digit) => out.push(' '),
            '-' if between(|c| c.is_whitespace()) => out.push(','),
            _ => out.push(c),
        }
        prev = Some(c);
    }
    out
}

/// A folded word, with a number glued to its unit split off ("8kg" → "8", "kg"; "39c" →
/// "39", "c"), so rules can name units as words.
pub(super) fn split_units(word: &str) -> impl Iterator<Item = &str> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let glued =
        digits > 0 && digits < word.len() && word[digits..].bytes().all(|b| b.is_ascii_lowercase());
    let (number, unit) = if glued {
        word.split_at(digits)
    } else {
        (word, "")
    };
    [number, unit].into_iter().filter(|w| !w.is_empty())
}

/// Words that start a new part of a clause: what follows a contrast is told apart from
/// what came before in time ("was in a car crash years ago but this backache is new": the
/// crash is still in the past). Not "yet", which also ends a denial ("not yet").
const CONTRASTS: [&str; 5] = ["but", "however", "although", "though", "tho"];

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        ',' | ':' | '(' | ')' | '[' | ']' | '\u{2013}' | '\u{2014}'
    )
}

/// The shortest word the speller corrects...
const SPELLER_MIN: usize = 6;
/// ...and the shortest it corrects to.
const SPELLER_TARGET_MIN: usize = 7;

/// Turns typos into the triage words they were meant to be.
pub(super) struct Corrector {
    /// Text-speak and short misspellings → the word ("cnt" → "cant").
    spellings: FxHashMap<String, String>,
    /// Every word the triage rules use: never corrected, and what corrections aim at.
    vocabulary: FxHashSet<String>,
    /// Real words that are not typos even when one letter from a triage word ("fewer").
    known: FxHashSet<String>,
    speller: Speller,
}

impl Corrector {
    pub(super) fn new(
        spellings: HashMap<String, String>,
        vocabulary: HashSet<String>,
        known: HashSet<String>,
    ) -> Corrector {
        // Only long words are corrected by the speller: one letter from a short triage word
        // is usually another real word ("swears" is not "sweats"); short typos are listed.
        let long = vocabulary
            .iter()
            .filter(|w| w.chars().count() >= SPELLER_TARGET_MIN)
            .map(|w| (w.clone(), 1))
            .collect();
        let speller = Speller::new(long);
        Corrector {
            spellings: spellings.into_iter().collect(),
            vocabulary: vocabulary.into_iter().collect(),
            known: known.into_iter().collect(),
            speller,
        }
    }

    fn fix(&self, word: &str) -> Option<String> {
        if let Some(fixed) = self.spellings.get(word) {
            return Some(fixed.clone());
        }
        if self.vocabulary.contains(word) || self.known.contains(word) {
            return None;
        }
        if let Some(loose) = loosened(word).filter(|l| self.vocabulary.contains(l)) {
            return Some(loose);
        }
        if word.chars().count() < SPELLER_MIN {
            return None;
        }
        self.speller.correct(word).map(str::to_owned)
    }

    /// The sentence's words, corrected, with their clauses.
    pub(super) fn read(&self, sentence: &str) -> Text {
        let mut words = Vec::new();
        let (mut clause, mut part) = (Vec::new(), Vec::new());
        let mut parts: u16 = 0;
        for (n, text) in sentence.split(is_clause_break).enumerate() {
            for (i, raw) in fold(text).split(' ').flat_map(split_units).enumerate() {
                if i == 0 && n > 0 || i > 0 && CONTRASTS.contains(&raw) {
                    parts = parts.saturating_add(1);
                }
                words.push(self.word(raw));
                clause.push(n.min(u16::MAX as usize) as u16);
                part.push(parts);
            }
        }
        Text {
            words,
            clause,
            part,
        }
    }

    /// The first `n` words of `sentence`, read as [`Corrector::read`] reads them, without
    /// correcting the rest.
    pub(super) fn leading(&self, sentence: &str, n: usize) -> Vec<Word> {
        let mut words = Vec::with_capacity(n);
        for part in sentence.split(is_clause_break) {
            for raw in fold(part).split(' ').flat_map(split_units) {
                if words.len() == n {
                    return words;
                }
                words.push(self.word(raw));
            }
        }
        words
    }

    fn word(&self, raw: &str) -> Word {
        Word {
            fixed: self.fix(raw),
            ..Word::plain(raw)
        }
    }
}
