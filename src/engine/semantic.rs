//! The semantic signal: how close a question's meaning is to each document's, as the
//! cosine between sentence vectors ([`super::embed`]). A document's closeness is that of
//! its closest phrasing, so one good alternate is enough, as in the lexical agreement.
//!
//! Every phrasing is embedded when the engine is built, so an edit is live at once. Large
//! FAQs are scanned coarsely first: each document's mean phrasing vector, then its
//! phrasings only for the closest documents.

use super::embed::{Embedder, Vector, cosine};
use super::normalize::words;

/// Below this many phrasings every phrasing is compared (the default FAQ has about 450).
const FULL_SCAN_PHRASINGS: usize = 4096;
/// How many documents the coarse scan passes on to the phrasing comparison.
const COARSE_CANDIDATES: usize = 64;

pub struct SemanticIndex {
    dims: usize,
    /// Phrasing vectors, row after row, grouped by document: document `d`'s phrasings are
    /// rows `starts[d]..starts[d + 1]`.
    phrasings: Vec<f32>,
    starts: Vec<usize>,
    /// Each document's normalised mean phrasing, for the coarse scan; empty when the index
    /// is small enough to be scanned in full.
    centroids: Vec<f32>,
}

impl SemanticIndex {
    /// `documents[d]` lists document `d`'s phrasings.
    pub fn build<'a>(
        embedder: &Embedder,
        documents: impl IntoIterator<Item = Vec<&'a str>>,
    ) -> SemanticIndex {
        let dims = embedder.dims();
        let mut phrasings = Vec::new();
        let mut starts = vec![0];
        for doc in documents {
            for text in doc {
                // Read as questions are read: the analyzer's folded words.
                let words = words(text);
                phrasings.extend(embedder.encode_words(words.iter().map(String::as_str)));
            }
            starts.push(phrasings.len() / dims);
        }
        let mut index = SemanticIndex {
            dims,
            phrasings,
            starts,
            centroids: Vec::new(),
        };
        if !index.scans_in_full() {
            index.centroids = (0..index.document_count())
                .flat_map(|d| index.centroid(d))
                .collect();
        }
        index
    }

    fn scans_in_full(&self) -> bool {
        self.phrasings.len() / self.dims <= FULL_SCAN_PHRASINGS
    }

    /// Document `d`'s phrasings, one vector each.
    fn rows(&self, d: usize) -> std::slice::ChunksExact<'_, f32> {
        self.phrasings[self.starts[d] * self.dims..self.starts[d + 1] * self.dims]
            .chunks_exact(self.dims)
    }

    fn centroid(&self, d: usize) -> Vector {
        let mut centroid = vec![0.0f32; self.dims];
        for row in self.rows(d) {
            centroid.iter_mut().zip(row).for_each(|(c, x)| *c += x);
        }
        super::embed::normalise(&mut centroid);
        centroid
    }

    pub fn document_count(&self) -> usize {
        self.starts.len() - 1
    }

    /// The closeness of `query` to each document, by its closest phrasing; 0 for
    /// documents the coarse scan left out, and for all when the query has no vector.
    pub fn closeness(&self, query: &Vector) -> Vec<f32> {
        let n = self.document_count();
        let mut out = vec![0.0f32; n];
        if query.iter().all(|&x| x == 0.0) {
            return out;
        }
        if self.scans_in_full() {
            for (d, slot) in out.iter_mut().enumerate() {
                *slot = self.best_phrasing(d, query);
            }
            return out;
        }
        let mut coarse: Vec<(usize, f32)> = self
            .centroids
            .chunks_exact(self.dims)
            .map(|c| cosine(c, query))
            .enumerate()
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
    pub fn best_phrasing(&self, d: usize, query: &[f32]) -> f32 {
        self.rows(d)
            .map(|p| cosine(p, query))
            .fold(0.0f32, f32::max)
    }
}
