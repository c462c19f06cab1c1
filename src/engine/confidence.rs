//! One calibrated confidence that a candidate answers the question, from the lexical and
//! semantic evidence together: a logistic regression whose weights are fitted offline by
//! `scripts/fit_confidence.py` (k-fold cross-validated) and kept in `config/confidence.toml`.
//!
//! Neither signal is enough alone: the lexical score is sure of the FAQ's own words and
//! blind to new ones; the semantic closeness reads new wordings but finds every sentence
//! about health a little close. What decides is how they agree, and by how much the
//! candidate stands out from the next different answer.

use crate::config::{CONFIDENCE_FEATURES, ConfidenceConfig};

/// What the engine knows about one candidate for one question. Every value is in roughly
/// 0..1, so fitted weights compare.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Evidence {
    /// The lexical score ([`super::score::rank`]): idf-weighted coverage and agreement.
    pub lexical: f32,
    /// Cosine to the candidate's closest phrasing ([`super::semantic`]).
    pub semantic: f32,
    /// Cosine to the candidate's passage and section title.
    pub passage: f32,
    /// How far the candidate's blended score leads the best candidate with an answer from
    /// another section of the article, or any not-covered topic (negative when it trails).
    pub margin: f32,
    /// How far its semantic closeness leads the best other answer's.
    pub semantic_lead: f32,
    /// The share of the question's words the knowledge never uses.
    pub unknown_share: f32,
    /// The semantic closeness of the text the candidate was found in (the message, or one
    /// of its sentences) to the nearest topic the article does not cover.
    pub not_covered: f32,
}

impl Evidence {
    /// The feature names, in the order of [`Evidence::values`] and of the fitted weights:
    /// the contract between the engine and the fitting script.
    pub const NAMES: [&'static str; CONFIDENCE_FEATURES.len()] = CONFIDENCE_FEATURES;

    pub fn values(&self) -> [f32; CONFIDENCE_FEATURES.len()] {
        [
            self.lexical,
            self.semantic,
            self.passage,
            self.margin,
            self.semantic_lead,
            self.unknown_share,
            self.not_covered,
        ]
    }

    /// The fitted probability that this candidate is a right answer.
    pub fn confidence(&self, fitted: &ConfidenceConfig) -> f32 {
        let z = fitted.bias
            + fitted
                .weights
                .by_feature()
                .iter()
                .zip(self.values())
                .map(|(w, x)| w * x)
                .sum::<f32>();
        1.0 / (1.0 + (-z).exp())
    }
}
