//! Would a new phrasing steal another entry's questions? Checked before an alias or a new
//! question is saved, so that, say, aliasing "does acupuncture hurt" to an entry cannot
//! silently break the "does it hurt" decline.

use super::Engine;
use super::score::rank;

/// What a phrasing would match instead of its own entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Collision {
    /// The phrasing checked.
    pub phrase: String,
    /// The entry or `[[not_covered]]` topic it matches best.
    pub other_id: String,
    /// Whether `other_id` is a not-covered topic rather than an entry.
    pub not_covered: bool,
    /// The phrasing's score against `other_id` and against its own entry (0 if the entry
    /// is new or not ranked at all).
    pub other_score: f32,
    pub own_score: f32,
}

impl std::fmt::Display for Collision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.not_covered {
            "the not-covered topic"
        } else {
            "entry"
        };
        write!(
            f,
            "{:?} matches {what} {:?} better (score {:.2}) than its own entry ({:.2})",
            self.phrase, self.other_id, self.other_score, self.own_score
        )
    }
}

impl Engine {
    /// Checks `phrase`, about to become a phrasing of entry `entry_id` (existing or new),
    /// against the knowledge as it is now: if another entry or a not-covered topic already
    /// matches it at least as well as suggestions need, and better than `entry_id` does,
    /// adding it would pull that document's questions to `entry_id`.
    pub fn phrasing_collision(&self, entry_id: &str, phrase: &str) -> Option<Collision> {
        let ranked = rank(&self.index, &self.question_query(phrase), 8);
        let own_score = ranked
            .iter()
            .find(|&&(i, _)| self.knowledge.faq.get(i).is_some_and(|e| e.id == entry_id))
            .map_or(0.0, |&(_, s)| s);
        let own_passage = self.knowledge.entry(entry_id).map(|e| e.passage.as_str());
        let &(top, other_score) = ranked.first()?;
        let (other_id, not_covered) = match self.not_covered(top) {
            Some(topic) => (topic.id.clone(), true),
            None => {
                let other = &self.knowledge.faq[top];
                // Same entry, or one quoting the same passage: the same answer either way.
                if other.id == entry_id || Some(other.passage.as_str()) == own_passage {
                    return None;
                }
                (other.id.clone(), false)
            }
        };
        (other_score >= self.matching.suggest_threshold && other_score > own_score).then(|| {
            Collision {
                phrase: phrase.to_owned(),
                other_id,
                not_covered,
                other_score,
                own_score,
            }
        })
    }
}
