//! The inverted index over FAQ entries: for each term, which entries hold it and whether
//! in a phrasing (the question or an alternate, a strong signal) or only in the passage
//! (a weaker one), plus each phrasing's terms for whole-phrasing comparison.

use std::collections::HashMap;

use super::analyze::Analyzer;
use crate::config::MatchingConfig;

pub type TermId = u32;

/// What the index knows of one thing it can match: the ways people ask for it (strong
/// evidence) and its text (weaker evidence).
pub struct Document<'a> {
    pub phrasings: Vec<&'a str>,
    pub text: String,
}

pub struct Index {
    terms: HashMap<String, TermId>,
    /// Inverse document frequency of each term, over entries.
    idf: Vec<f32>,
    /// Term → (entry, weight): 1.0 in a phrasing, `passage_weight` in the passage only.
    postings: Vec<Vec<(u32, f32)>>,
    /// Entry → its phrasings, each a sorted, deduplicated term list with its idf mass.
    phrasings: Vec<Vec<Phrasing>>,
    /// The weight of a word the index has never seen: like a term in half an entry.
    unknown_idf: f32,
}

pub struct Phrasing {
    pub terms: Vec<TermId>,
    pub mass: f32,
}

impl Index {
    pub fn build(
        documents: &[Document<'_>],
        analyzer: &Analyzer,
        matching: &MatchingConfig,
    ) -> Index {
        let mut terms: HashMap<String, TermId> = HashMap::new();
        let mut intern = |t: String| {
            let next = terms.len() as TermId;
            *terms.entry(t).or_insert(next)
        };
        // (phrasing term lists, passage terms) per document
        let mut raw: Vec<(Vec<Vec<TermId>>, Vec<TermId>)> = Vec::with_capacity(documents.len());
        for doc in documents {
            let phrasings = doc
                .phrasings
                .iter()
                .map(|p| {
                    let mut ids: Vec<TermId> = analyzer
                        .terms(&analyzer.words(p))
                        .into_iter()
                        .map(&mut intern)
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                })
                .filter(|ids| !ids.is_empty())
                .collect();
            let passage: Vec<TermId> = analyzer
                .terms(&analyzer.words(&doc.text))
                .into_iter()
                .map(&mut intern)
                .collect();
            raw.push((phrasings, passage));
        }
        let n_terms = terms.len();
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n_terms];
        for (e, (phrasings, passage)) in raw.iter().enumerate() {
            let mut weights: HashMap<TermId, f32> = HashMap::new();
            for &t in passage {
                weights.insert(t, matching.passage_weight);
            }
            for &t in phrasings.iter().flatten() {
                weights.insert(t, 1.0);
            }
            let mut sorted: Vec<_> = weights.into_iter().collect();
            sorted.sort_unstable_by_key(|&(t, _)| t);
            for (t, w) in sorted {
                postings[t as usize].push((e as u32, w));
            }
        }
        let n = documents.len().max(1) as f32;
        let idf: Vec<f32> = postings
            .iter()
            .map(|p| (1.0 + n / p.len().max(1) as f32).ln())
            .collect();
        let phrasings = raw
            .into_iter()
            .map(|(phrasings, _)| {
                phrasings
                    .into_iter()
                    .map(|terms| Phrasing {
                        mass: terms.iter().map(|&t| idf[t as usize]).sum(),
                        terms,
                    })
                    .collect()
            })
            .collect();
        Index {
            terms,
            idf,
            postings,
            phrasings,
            unknown_idf: matching.unknown_word_weight * (1.0 + n / 0.5).ln(),
        }
    }

    pub fn term(&self, stem: &str) -> Option<TermId> {
        self.terms.get(stem).copied()
    }

    pub fn idf(&self, t: TermId) -> f32 {
        self.idf[t as usize]
    }

    pub fn unknown_idf(&self) -> f32 {
        self.unknown_idf
    }

    pub fn postings(&self, t: TermId) -> &[(u32, f32)] {
        &self.postings[t as usize]
    }

    pub fn phrasings(&self, entry: usize) -> &[Phrasing] {
        &self.phrasings[entry]
    }

    pub fn term_count(&self) -> usize {
        self.idf.len()
    }

    pub fn entry_count(&self) -> usize {
        self.phrasings.len()
    }
}
