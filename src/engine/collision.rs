//! Would a new phrasing steal another entry's questions? Checked before an alias or a new
//! question is saved, so that, say, aliasing "does acupuncture hurt" to an entry cannot
//! silently break the "does it hurt" decline.

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

/// What the phrasing's own entry and the best-ranked other document are, for [`judge`].
pub struct Standing<'a> {
    /// The phrasing's score against its own entry (0 if new or not ranked).
    pub own_score: f32,
    /// The best-ranked document's id, whether it is a not-covered topic, and its score.
    pub top_id: &'a str,
    pub top_not_covered: bool,
    pub top_score: f32,
    /// Whether the top document is the phrasing's own entry or quotes the same passage:
    /// the same answer either way.
    pub top_is_own_answer: bool,
}

/// Decides whether `phrase`, about to become a phrasing of its entry, would pull another
/// document's questions to it: the other document already matches it at least as well as
/// suggestions need (`suggest_threshold`), and better than its own entry does.
pub fn judge(phrase: &str, standing: Standing<'_>, suggest_threshold: f32) -> Option<Collision> {
    if standing.top_is_own_answer {
        return None;
    }
    (standing.top_score >= suggest_threshold && standing.top_score > standing.own_score).then(
        || Collision {
            phrase: phrase.to_owned(),
            other_id: standing.top_id.to_owned(),
            not_covered: standing.top_not_covered,
            other_score: standing.top_score,
            own_score: standing.own_score,
        },
    )
}
