//! Related questions under an answer, per entry: worked out from the engine's own ranking
//! the first time an entry's are needed, then kept (they depend on the knowledge only).

use super::Engine;
use super::related;
use super::score::rank;
use crate::knowledge::Entry;
use crate::reply::{Outcome, Related};

impl Engine {
    /// Related questions for a reply: only answers have them.
    pub fn related_to(&self, outcome: &Outcome) -> Vec<Related> {
        match outcome {
            Outcome::Answer(m) => self.related(&m.entry_id),
            _ => Vec::new(),
        }
    }

    /// Up to [`MAX_RELATED`] other FAQ questions to read after entry `entry_id`'s answer,
    /// chosen by the engine's own similarity between questions (see [`related::related`]).
    pub fn related(&self, entry_id: &str) -> Vec<Related> {
        self.knowledge
            .faq
            .iter()
            .position(|e| e.id == entry_id)
            .map(|i| {
                self.related[i]
                    .get_or_init(|| self.find_related(&self.knowledge.faq[i]))
                    .clone()
            })
            .unwrap_or_default()
    }

    fn find_related(&self, entry: &Entry) -> Vec<Related> {
        let neighbours = rank(
            &self.index,
            &self.question_query(&entry.question),
            related::NEIGHBOURS,
        );
        related::related(&self.knowledge.faq, entry, neighbours)
    }
}
