//! The first words of the urgent rules' phrases: a cheap look at a clause's words tells
//! whether it could name an urgent event at all, before it is read in full.

use rustc_hash::FxHashSet;

use super::pattern::phrase_words;
use crate::engine::normalize::fold;

/// The first words of the urgent rules' phrases, as written (a `stem*` as a prefix).
pub(super) struct EventWords {
    exact: FxHashSet<String>,
    prefixes: Vec<String>,
}

impl EventWords {
    pub(super) fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> EventWords {
        let mut words = EventWords {
            exact: FxHashSet::default(),
            prefixes: Vec::new(),
        };
        for phrase in phrases.into_iter().filter(|p| !p.starts_with('@')) {
            match phrase_words(phrase).into_iter().next() {
                Some((stem, true)) => words.prefixes.push(stem),
                Some((word, false)) => {
                    words.exact.insert(word);
                }
                None => {}
            }
        }
        words
    }

    /// Whether a phrase could start at one of the clause's words (typos aside).
    pub(super) fn may_start_in(&self, clause: &str) -> bool {
        fold(clause).split(' ').any(|word| {
            self.exact.contains(word) || self.prefixes.iter().any(|p| word.starts_with(p.as_str()))
        })
    }
}
