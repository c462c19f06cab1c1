//! The semantic signal: how close a question's meaning is to each document's, as the
//! cosine between sentence vectors ([`super::embed`], kept as 8-bit integers by
//! [`super::int8`]). A document's closeness is that of its closest phrasing, so one good
//! alternate is enough, as in the lexical agreement.
//!
//! Every phrasing is embedded when the engine is built, so an edit is live at once. Large
//! FAQs are scanned coarsely first: each document's mean phrasing vector, then its
//! phrasings only for the closest documents.

use super::embed::{Embedder, normalise};
use super::int8::{Probe, Rows};
use super::normalize::words;

/// Below this many phrasings every phrasing is compared (the default FAQ has about 830).
const FULL_SCAN_PHRASINGS: usize = 4096;
/// How many documents the coarse scan passes on to the phrasing comparison.
const COARSE_CANDIDATES: usize = 64;

pub struct SemanticIndex {
    /// Phrasing vectors grouped by document: document `d`'s phrasings are rows
    /// `starts[d]..starts[d + 1]`.
    phrasings: Rows,
    starts: Vec<usize>,
    /// Each document's normalised mean phrasing, for the coarse scan; empty when the index
    /// is small enough to be scanned in full.
    centroids: Rows,
}

impl SemanticIndex {
    /// `documents[d]` lists document `d`'s phrasings.
    pub fn build<'a>(
        embedder: &Embedder,
        documents: impl IntoIterator<Item = Vec<&'a str>>,
    ) -> SemanticIndex {
        let dims = embedder.dims();
        let mut phrasings = Rows::new(dims);
        let mut means = Vec::new();
        let mut starts = vec![0];
        for doc in documents {
            let mut mean = vec![0.0f32; dims];
            for text in doc {
                // Read as questions are read: the analyzer's folded words.
                let words = words(text);
                let vector = embedder.encode_words(words.iter().map(String::as_str));
                mean.iter_mut().zip(&vector).for_each(|(m, x)| *m += x);
                phrasings.push(&vector);
            }
            normalise(&mut mean);
            means.push(mean);
            starts.push(phrasings.len());
        }
        let mut centroids = Rows::new(dims);
        if phrasings.len() > FULL_SCAN_PHRASINGS {
            means.iter().for_each(|m| centroids.push(m));
        }
        SemanticIndex {
            phrasings,
            starts,
            centroids,
        }
    }

    fn scans_in_full(&self) -> bool {
        self.phrasings.len() <= FULL_SCAN_PHRASINGS
    }

    pub fn document_count(&self) -> usize {
        self.starts.len() - 1
    }

    /// The closeness of `query` to each document, by its closest phrasing; 0 for
    /// documents the coarse scan left out, and for all when the query has no vector.
    pub fn closeness(&self, query: &Probe) -> Vec<f32> {
        let n = self.document_count();
        let mut out = vec![0.0f32; n];
        if query.is_zero() {
            return out;
        }
        if self.scans_in_full() {
            for (d, slot) in out.iter_mut().enumerate() {
                *slot = self.best_phrasing(d, query);
            }
            return out;
        }
        let mut coarse: Vec<(usize, f32)> = (0..n)
            .map(|d| (d, self.centroids.cosine(d, query)))
            .collect();
        if coarse.len() > COARSE_CANDIDATES {
            coarse.select_nth_unstable_by(COARSE_CANDIDATES - 1, |a, b| b.1.total_cmp(&a.1));
            coarse.truncate(COARSE_CANDIDATES);
        }
        for (d, _) in coarse {
            out[d] = self.best_phrasing(d, query);
        }
        out
    }

    /// The closeness of `query` to document `d` alone (for documents the lexical signal
    /// found but the coarse scan did not).
    pub fn best_phrasing(&self, d: usize, query: &Probe) -> f32 {
        (self.starts[d]..self.starts[d + 1])
            .map(|row| self.phrasings.cosine(row, query))
            .fold(0.0f32, f32::max)
    }
}
