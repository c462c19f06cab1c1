//! Phrases of the triage rules compiled into word patterns, and finding where they occur
//! in a sentence: exact words, `stem*` prefixes, doubled letters forgiven and typos
//! corrected (see [`super::text::Word`]).

use std::collections::HashMap;

use super::text::{LOOSE_MIN, Word, loosen, split_units};
use crate::engine::normalize::fold;

/// One word of a pattern: exact, or a stem ending in `*` that matches any continuation;
/// each also in its loosened form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatternWord {
    Exact { word: String, loose: String },
    Prefix { stem: String, loose: String },
}

impl PatternWord {
    fn new(word: String, prefix: bool) -> PatternWord {
        let loose = loosen(&word);
        if prefix {
            PatternWord::Prefix { stem: word, loose }
        } else {
            PatternWord::Exact { word, loose }
        }
    }

    fn matches(&self, text: &Word) -> bool {
        let fixed = text.fixed.as_deref();
        match self {
            Self::Exact { word, loose } => {
                text.raw == *word
                    || fixed == Some(word.as_str())
                    || (word.chars().count() >= LOOSE_MIN && text.loose == *loose)
            }
            Self::Prefix { stem, loose } => {
                text.raw.starts_with(stem.as_str())
                    || fixed.is_some_and(|f| f.starts_with(stem.as_str()))
                    || (stem.chars().count() >= LOOSE_MIN && text.loose.starts_with(loose.as_str()))
            }
        }
    }
}

/// The folded words of a phrase, each marked when it ends in `*`.
pub(super) fn phrase_words(phrase: &str) -> Vec<(String, bool)> {
    let mut words = Vec::new();
    for raw in phrase.split_whitespace() {
        let (body, prefix) = match raw.strip_suffix('*') {
            Some(body) => (body, true),
            None => (raw, false),
        };
        let parts: Vec<String> = fold(body)
            .split(' ')
            .flat_map(split_units)
            .map(str::to_owned)
            .collect();
        let last = parts.len().saturating_sub(1);
        for (i, part) in parts.into_iter().enumerate() {
            words.push((part, prefix && i == last));
        }
    }
    words
}

pub(super) type PatternId = u32;

/// Every phrase of every rule, concept, cue and breaker, each compiled once and indexed
/// by its first word, so a sentence is matched against the few phrases that can start at
/// each of its words rather than against all of them.
#[derive(Default)]
pub(super) struct Patterns {
    all: Vec<Vec<PatternWord>>,
    ids: HashMap<String, PatternId>,
    by_first_word: HashMap<String, Vec<PatternId>>,
    /// Patterns whose first word is a prefix (`numb*`): checked at every word.
    by_prefix: Vec<PatternId>,
}

impl Patterns {
    /// The id of `phrase`, compiling it the first time; `None` for a phrase with no words.
    pub(super) fn add(&mut self, phrase: &str) -> Option<PatternId> {
        let key = phrase.trim().to_lowercase();
        if let Some(&id) = self.ids.get(&key) {
            return Some(id);
        }
        let words: Vec<PatternWord> = phrase_words(phrase)
            .into_iter()
            .map(|(w, prefix)| PatternWord::new(w, prefix))
            .collect();
        let id = self.all.len() as PatternId;
        match words.first()? {
            PatternWord::Exact { word, loose } => {
                self.by_first_word.entry(word.clone()).or_default().push(id);
                if loose != word {
                    self.by_first_word
                        .entry(loose.clone())
                        .or_default()
                        .push(id);
                }
            }
            PatternWord::Prefix { .. } => self.by_prefix.push(id),
        }
        self.all.push(words);
        self.ids.insert(key, id);
        Some(id)
    }

    /// How many patterns there are (ids run from 0).
    pub(super) fn count(&self) -> usize {
        self.all.len()
    }

    pub(super) fn len(&self, id: PatternId) -> usize {
        self.all[id as usize].len()
    }

    fn matches_at(&self, id: PatternId, words: &[Word], at: usize) -> bool {
        let pattern = &self.all[id as usize];
        words.len() >= at + pattern.len()
            && pattern.iter().zip(&words[at..]).all(|(p, w)| p.matches(w))
    }

    /// Every (pattern, start) that occurs in `words`, sorted.
    pub(super) fn occurrences(&self, words: &[Word]) -> Occurrences {
        let mut found = Vec::new();
        for (at, word) in words.iter().enumerate() {
            let loose = (word.loose != word.raw).then_some(&word.loose);
            let candidates = self
                .by_first_word
                .get(&word.raw)
                .into_iter()
                .chain(loose.and_then(|l| self.by_first_word.get(l)))
                .chain(word.fixed.as_ref().and_then(|f| self.by_first_word.get(f)))
                .flatten()
                .chain(&self.by_prefix);
            for &id in candidates {
                if self.matches_at(id, words, at) {
                    found.push((id, at));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        Occurrences(found)
    }
}

/// Where patterns occur in one sentence.
pub(super) struct Occurrences(Vec<(PatternId, usize)>);

impl Occurrences {
    pub(super) fn starts(&self, id: PatternId) -> impl Iterator<Item = usize> + '_ {
        let from = self.0.partition_point(|&(p, _)| p < id);
        self.0[from..]
            .iter()
            .take_while(move |&&(p, _)| p == id)
            .map(|&(_, at)| at)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = (PatternId, usize)> + '_ {
        self.0.iter().copied()
    }
}
