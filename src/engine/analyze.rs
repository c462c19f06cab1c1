//! Turns text into the terms the index and the scorer compare: words, then lay terms
//! rewritten to their canonical phrase (on stems, so plurals match), then stop words
//! dropped. Index and questions go through the same steps; questions also get typo
//! correction first (see [`super::spell`]).

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};

use super::normalize::words;
use crate::knowledge::Lexicon;

/// A word as written (folded) and its stem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub surface: String,
    pub stem: String,
}

/// Variants keyed by their first stem: (variant stems, canonical words), longest first.
type SynonymTable = HashMap<String, Vec<(Vec<String>, Vec<Word>)>>;

/// The compiled lexicon: stemmer, stop words and synonym phrases.
pub struct Analyzer {
    stemmer: Stemmer,
    stopwords: HashSet<String>,
    unstemmed: HashSet<String>,
    /// First stem of a variant → (variant stems, canonical words), longest variant first.
    synonyms: SynonymTable,
}

impl Analyzer {
    pub fn new(lexicon: &Lexicon) -> Analyzer {
        let stemmer = Stemmer::create(Algorithm::English);
        let stopwords = lexicon.stopwords.iter().flat_map(|w| words(w)).collect();
        let mut analyzer = Analyzer {
            stemmer,
            stopwords,
            unstemmed: lexicon.unstemmed.iter().flat_map(|w| words(w)).collect(),
            synonyms: HashMap::new(),
        };
        let mut synonyms: SynonymTable = HashMap::new();
        for group in &lexicon.groups {
            let canonical = analyzer.words(&group.canonical);
            for variant in &group.all_variants() {
                let stems: Vec<String> = analyzer
                    .words(variant)
                    .into_iter()
                    .map(|w| w.stem)
                    .collect();
                if let Some(first) = stems.first() {
                    synonyms
                        .entry(first.clone())
                        .or_default()
                        .push((stems, canonical.clone()));
                }
            }
        }
        for list in synonyms.values_mut() {
            list.sort_by_key(|(variant, _)| std::cmp::Reverse(variant.len()));
        }
        analyzer.synonyms = synonyms;
        analyzer
    }

    pub fn stem(&self, word: &str) -> String {
        if self.unstemmed.contains(word) {
            word.to_owned()
        } else {
            self.stemmer.stem(word).into_owned()
        }
    }

    /// Folded words with their stems, nothing dropped or rewritten.
    pub fn words(&self, text: &str) -> Vec<Word> {
        words(text)
            .into_iter()
            .map(|surface| Word {
                stem: self.stem(&surface),
                surface,
            })
            .collect()
    }

    pub fn is_stopword(&self, surface: &str) -> bool {
        self.stopwords.contains(surface)
    }

    /// Rewrites lay phrases to their canonical phrase and drops stop words; returns stems.
    pub fn terms(&self, words: &[Word]) -> Vec<String> {
        let mut out = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let rewritten = self.synonyms.get(&words[i].stem).and_then(|candidates| {
                candidates.iter().find(|(variant, _)| {
                    variant.len() <= words.len() - i
                        && variant.iter().zip(&words[i..]).all(|(v, w)| *v == w.stem)
                })
            });
            match rewritten {
                Some((variant, canonical)) => {
                    out.extend(
                        canonical
                            .iter()
                            .filter(|w| !self.is_stopword(&w.surface))
                            .map(|w| w.stem.clone()),
                    );
                    i += variant.len();
                }
                None => {
                    if !self.is_stopword(&words[i].surface) {
                        out.push(words[i].stem.clone());
                    }
                    i += 1;
                }
            }
        }
        out
    }

    /// Every surface word the lexicon knows (variants, canonicals, stop words), so typo
    /// correction can aim at lay words too and never "corrects" a stop word.
    pub fn known_surfaces(&self, lexicon: &Lexicon) -> Vec<String> {
        let mut out: Vec<String> = self.stopwords.iter().cloned().collect();
        for group in &lexicon.groups {
            out.extend(words(&group.canonical));
            for v in &group.all_variants() {
                out.extend(words(v));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::SynonymGroup;

    fn lexicon() -> Lexicon {
        Lexicon {
            stopwords: vec!["my".into(), "the".into(), "is".into(), "a".into()],
            unstemmed: vec!["painful".into()],
            groups: vec![
                SynonymGroup {
                    canonical: "acupuncture".into(),
                    variants: vec!["needles".into(), "needle therapy".into()],
                    combine: vec![],
                },
                SynonymGroup {
                    canonical: "lower back pain".into(),
                    variants: vec!["bad back".into(), "lbp".into()],
                    combine: vec![],
                },
                SynonymGroup {
                    canonical: "the".into(),
                    variants: vec![],
                    combine: vec![
                        vec!["gp".into(), "physio".into()],
                        vec!["said".into(), "told me".into()],
                    ],
                },
            ],
        }
    }

    #[test]
    fn rewrites_lay_phrases_on_stems_and_drops_stop_words() {
        let a = Analyzer::new(&lexicon());
        let terms = a.terms(&a.words("Is needle therapy good for my bad back?"));
        assert_eq!(
            terms,
            vec!["acupunctur", "good", "for", "lower", "back", "pain"]
        );
        // A plural variant matches through its stem.
        assert_eq!(a.terms(&a.words("the needle")), vec!["acupunctur"]);
        assert_eq!(a.terms(&a.words("LBP")), vec!["lower", "back", "pain"]);
        // An unstemmed word keeps its own meaning.
        assert_eq!(a.terms(&a.words("painful pains")), vec!["painful", "pain"]);
    }

    #[test]
    fn every_combination_of_the_combine_lists_is_a_variant() {
        let a = Analyzer::new(&lexicon());
        // "the" is a stop word, so a rewritten reporter leaves nothing behind.
        for reporter in [
            "my gp said",
            "my physio told me",
            "my gp told me",
            "physio said",
        ] {
            assert_eq!(
                a.terms(&a.words(&format!("{reporter} needles work"))),
                vec!["acupunctur", "work"],
                "{reporter}"
            );
        }
        // Only whole combinations, in order: "said gp" is not one.
        assert_eq!(a.terms(&a.words("said gp")), vec!["said", "gp"]);
    }
}
