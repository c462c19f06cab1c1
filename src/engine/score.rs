//! Ranking with calibrated 0..1 scores. Two views of "this entry answers the question",
//! each in 0..1 and weighted by how informative each term is (idf):
//! - coverage: how much of the question the entry explains (phrasings count fully,
//!   the passage half). Words the knowledge has never seen count against every entry,
//!   which is what keeps "does acupuncture help migraines?" out of scope.
//! - agreement: the weighted Dice overlap between the question and the entry's closest
//!   phrasing, so a question that says what a phrasing says, no more and no less, scores 1.
//!
//! The score is their mean: 1.0 only when the question is one of the entry's phrasings.

use super::generic;
use super::index::{Index, TermId};

/// A question reduced to index terms.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    /// Known terms, sorted and deduplicated.
    pub known: Vec<TermId>,
    /// The distinct words the index has never seen, each counted by how topical it is
    /// (a tenth for everyday English, 1 for a rare word, 0 for a number): see
    /// [`super::generic::unknown_weight`].
    pub unknown: f32,
    /// Whether a known term says what the question is about: one that two or more
    /// documents use, or one that is not everyday English. Without one, what the question
    /// shares with the knowledge is a coincidence of everyday words ("who won the
    /// football last night" and the one alternate that says "last").
    pub anchored: bool,
}

impl Query {
    /// Terms (stems) looked up in the index: the known ones, and how much topic the ones
    /// it has never seen carry (everyday words like "dad" or "week" next to none, a rare
    /// word like "migraine" fully).
    pub fn new(index: &Index, terms: &[String]) -> Query {
        let mut known = Vec::new();
        let mut unknown = Vec::new();
        let mut anchored = false;
        for term in terms {
            match index.term(term) {
                Some(t) => {
                    anchored |= index.postings(t).len() >= 2 || generic::topicality(term) > 0.0;
                    known.push(t);
                }
                None => unknown.push(term),
            }
        }
        known.sort_unstable();
        known.dedup();
        unknown.sort_unstable();
        unknown.dedup();
        Query {
            known,
            unknown: unknown.iter().map(|t| generic::unknown_weight(t)).sum(),
            anchored,
        }
    }

    fn mass(&self, index: &Index) -> f32 {
        self.known.iter().map(|&t| index.idf(t)).sum::<f32>() + self.unknown * index.unknown_idf()
    }
}

/// How many entries get the full (phrasing) comparison after the coverage pass.
const CANDIDATES: usize = 32;

/// Entries with their scores, best first, at most `limit`.
pub fn rank(index: &Index, query: &Query, limit: usize) -> Vec<(usize, f32)> {
    let q_mass = query.mass(index);
    if q_mass <= 0.0 {
        return Vec::new();
    }
    let mut coverage = vec![0.0f32; index.entry_count()];
    for &t in &query.known {
        let idf = index.idf(t);
        for &(e, w) in index.postings(t) {
            coverage[e as usize] += idf * w;
        }
    }
    let mut candidates: Vec<(usize, f32)> = coverage
        .into_iter()
        .enumerate()
        .filter(|&(_, c)| c > 0.0)
        .collect();
    if candidates.len() > CANDIDATES {
        candidates.select_nth_unstable_by(CANDIDATES - 1, |a, b| b.1.total_cmp(&a.1));
        candidates.truncate(CANDIDATES);
    }
    // The query's terms as a table to look up, rather than searched for each phrasing term
    // of every candidate's every phrasing.
    let mut weight_in_query = vec![0.0f32; index.term_count()];
    for &t in &query.known {
        weight_in_query[t as usize] = index.idf(t);
    }
    let mut scored: Vec<(usize, f32)> = candidates
        .into_iter()
        .map(|(e, covered)| {
            let coverage = covered / q_mass;
            let agreement = index
                .phrasings(e)
                .iter()
                .map(|p| {
                    let shared: f32 = p.terms.iter().map(|&t| weight_in_query[t as usize]).sum();
                    2.0 * shared / (q_mass + p.mass)
                })
                .fold(0.0f32, f32::max);
            (e, (0.5 * coverage + 0.5 * agreement).clamp(0.0, 1.0))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}
