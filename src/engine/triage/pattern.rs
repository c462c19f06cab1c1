//! Phrases of the triage rules compiled into word patterns, and finding where they occur
//! in a sentence: exact words, `stem*` prefixes, doubled letters forgiven and typos
//! corrected (see [`super::text::Word`]).

use rustc_hash::FxHashMap as HashMap;

use super::text::{LOOSE_MIN, Word, loosen, split_units};
use crate::engine::normalize::fold;

/// One word of a pattern: exact, or a stem ending in `*` that matches any continuation;
/// each also in its loosened form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatternWord {
    Exact {
        word: String,
        loose: String,
        loose_ok: bool,
    },
    Prefix {
        stem: String,
        loose: String,
        loose_ok: bool,
    },
}

impl PatternWord {
    fn new(word: String, prefix: bool) -> PatternWord {
        let loose = loosen(&word);
        // Only long enough words forgive doubled letters.
        let loose_ok = word.chars().count() >= LOOSE_MIN;
        if prefix {
            PatternWord::Prefix {
                stem: word,
                loose,
                loose_ok,
            }
        } else {
            PatternWord::Exact {
                word,
                loose,
                loose_ok,
            }
        }
    }

    fn matches(&self, text: &Word) -> bool {
        let fixed = text.fixed.as_deref();
        match self {
            Self::Exact {
                word,
                loose,
                loose_ok,
            } => {
                text.raw == *word
                    || fixed == Some(word.as_str())
                    || (*loose_ok && text.loose() == loose)
            }
            Self::Prefix {
                stem,
                loose,
                loose_ok,
            } => {
                text.raw.starts_with(stem.as_str())
                    || fixed.is_some_and(|f| f.starts_with(stem.as_str()))
                    || (*loose_ok && text.loose().starts_with(loose.as_str()))
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
    /// Patterns whose first word is a prefix (`numb*`), by the stem's first
    /// [`KEY_CHARS`] characters (and its loosened form's).
    by_prefix: HashMap<String, Vec<PatternId>>,
    /// Prefix patterns whose stem is shorter than that: checked at every word.
    short_prefix: Vec<PatternId>,
}

/// How many leading characters key the prefix patterns.
const KEY_CHARS: usize = 2;

/// The first [`KEY_CHARS`] characters of `word`, if it has that many.
fn prefix_key(word: &str) -> Option<&str> {
    let end = word
        .char_indices()
        .nth(KEY_CHARS)
        .map_or(word.len(), |(i, _)| i);
    (word[..end].chars().count() == KEY_CHARS).then(|| &word[..end])
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
            PatternWord::Exact { word, loose, .. } => {
                self.by_first_word.entry(word.clone()).or_default().push(id);
                if loose != word {
                    self.by_first_word
                        .entry(loose.clone())
                        .or_default()
                        .push(id);
                }
            }
            PatternWord::Prefix { stem, loose, .. } => {
                match (prefix_key(stem), prefix_key(loose)) {
                    (Some(k), Some(l)) => {
                        self.by_prefix.entry(k.to_owned()).or_default().push(id);
                        if l != k {
                            self.by_prefix.entry(l.to_owned()).or_default().push(id);
                        }
                    }
                    _ => self.short_prefix.push(id),
                }
            }
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

    /// Whether pattern `id` could start at `word`.
    pub(super) fn starts_with(&self, id: PatternId, word: &Word) -> bool {
        self.all[id as usize]
            .first()
            .is_some_and(|p| p.matches(word))
    }

    fn matches_at(&self, id: PatternId, words: &[Word], at: usize) -> bool {
        let pattern = &self.all[id as usize];
        words.len() >= at + pattern.len()
            && pattern.iter().zip(&words[at..]).all(|(p, w)| p.matches(w))
    }

    /// The patterns that may start at `word`, from the first-word index: a superset of
    /// those whose first word matches it (a prefix pattern is keyed by its first letters).
    pub(super) fn starting_at<'a>(
        &'a self,
        word: &'a Word,
    ) -> impl Iterator<Item = PatternId> + 'a {
        let loose = (word.loose() != word.raw).then(|| word.loose());
        let forms = move || {
            std::iter::once(word.raw.as_str())
                .chain(loose)
                .chain(word.fixed.as_deref())
        };
        forms()
            .filter_map(|form| self.by_first_word.get(form))
            .chain(
                forms()
                    .filter_map(|form| prefix_key(form))
                    .filter_map(|k| self.by_prefix.get(k)),
            )
            .flatten()
            .chain(&self.short_prefix)
            .copied()
    }

    /// Every (pattern, start) that occurs in `words`, sorted.
    pub(super) fn occurrences(&self, words: &[Word]) -> Occurrences {
        let mut found = Vec::new();
        for (at, word) in words.iter().enumerate() {
            for id in self.starting_at(word) {
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
    pub(super) fn iter(&self) -> impl Iterator<Item = (PatternId, usize)> + '_ {
        self.0.iter().copied()
    }
}
