//! Related questions under an answer: what to read next, chosen by the engine's own
//! similarity, so every front end (console picks, web links, Discord buttons) offers the
//! same two or three.

use std::collections::HashSet;

use crate::knowledge::Entry;
use crate::reply::Related;

/// At most this many related questions under an answer.
pub const MAX_RELATED: usize = 3;

/// How much being in the same section counts, on the 0..1 similarity scale: enough to
/// prefer a neighbour in the same section, not enough to beat a much closer one elsewhere.
const SAME_SECTION_BONUS: f32 = 0.15;

/// How many ranked neighbours are considered before the same-section fill.
pub const NEIGHBOURS: usize = 16;

/// Up to [`MAX_RELATED`] other FAQ questions for `entry`, given the documents `neighbours`
/// ranked against its question (best first, indices into `faq` or beyond it for
/// not-covered topics): its nearest entries, those in the same section first, then the rest
/// of its section. Never an entry quoting the same passage (the reader has just read it),
/// nor two quoting the same passage as each other.
pub fn related(faq: &[Entry], entry: &Entry, neighbours: Vec<(usize, f32)>) -> Vec<Related> {
    let mut scored: Vec<(usize, f32)> = neighbours
        .into_iter()
        .filter(|&(i, _)| i < faq.len())
        .map(|(i, s)| {
            let bonus = if faq[i].section == entry.section {
                SAME_SECTION_BONUS
            } else {
                0.0
            };
            (i, s + bonus)
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let same_section = faq
        .iter()
        .enumerate()
        .filter(|(_, e)| e.section == entry.section)
        .map(|(i, _)| i);
    let mut passages: HashSet<&str> = HashSet::from([entry.passage.as_str()]);
    scored
        .into_iter()
        .map(|(i, _)| i)
        .chain(same_section)
        .filter(|&i| passages.insert(faq[i].passage.as_str()))
        .take(MAX_RELATED)
        .map(|i| Related {
            entry_id: faq[i].id.clone(),
            question: faq[i].question.clone(),
        })
        .collect()
}
