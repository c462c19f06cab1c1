//! The clauses of a message that only deny a symptom ("no fever") or only tell of an
//! urgent event long past ("a car crash years ago"), which matching leaves out so that it
//! looks at what the person asks about.

use super::Triage;
use super::scope::Sentence;
use super::text::{Word, split_units};
use crate::engine::normalize::fold;

/// Words that may stand before a negation cue in a negated clause ("I don't have…": 1).
const NEGATED_CLAUSE_LEAD: usize = 2;

/// A clause opening with one of these and then its subject asks, it does not deny: "isn't
/// it all just placebo", "doesn't it hurt", "aren't the studies tiny". Apostrophes are
/// already dropped.
const NEGATIVE_QUESTION_AUXILIARIES: &[&str] = &[
    "isnt", "arent", "wasnt", "werent", "doesnt", "dont", "didnt", "wont", "wouldnt", "cant",
    "couldnt", "shouldnt", "hasnt", "havent", "aint",
];
const QUESTION_SUBJECTS: &[&str] = &[
    "it",
    "they",
    "you",
    "i",
    "we",
    "he",
    "she",
    "that",
    "this",
    "those",
    "these",
    "there",
    "the",
    "a",
    "an",
    "acupuncture",
    "needles",
    "doctors",
    "studies",
    "people",
];

impl Triage {
    /// The question with clauses that only say what the person does *not* have removed
    /// ("No bladder problems, just a sore back" → "just a sore back"), so matching looks at
    /// what they ask about. Returns the text unchanged when nothing would be left.
    pub fn without_negated_clauses(&self, text: &str) -> String {
        let kept = self.affirmed_clauses(text);
        if kept.trim().is_empty() {
            text.to_owned()
        } else {
            kept
        }
    }

    /// The clauses of `text` that do not only deny something, joined; empty when all do.
    pub fn affirmed_clauses(&self, text: &str) -> String {
        let kept: Vec<&str> = text
            .split(['.', '!', '?', ';', ',', ':', '\n'])
            .map(str::trim)
            .filter(|clause| !clause.is_empty())
            .filter(|clause| !self.only_denies(clause) && !self.only_past_event(clause))
            .collect();
        kept.join(". ")
    }

    /// "No fever", "I don't have any numbness": a cue near the start of the clause that
    /// negates a symptom.
    fn only_denies(&self, clause: &str) -> bool {
        // Most clauses open with no cue: tell from their first words before reading all.
        let lead = self.corrector.leading(clause, NEGATED_CLAUSE_LEAD + 1);
        let may_open_with_cue = lead.iter().any(|word| {
            self.scope
                .cues
                .iter()
                .any(|&id| self.patterns.starts_with(id, word))
        });
        if !may_open_with_cue || asks_back(&lead) {
            return false;
        }
        let sentence = Sentence::new(self.corrector.read(clause), &self.patterns, &self.scope);
        sentence.cue_starts().any(|s| s <= NEGATED_CLAUSE_LEAD)
            && sentence.occurrences.iter().any(|(id, at)| {
                self.scope.symptom[id as usize] && sentence.negated(at, self.scope.window)
            })
    }

    /// "my uncle took his own life years ago", "had a car crash years ago": a clause only
    /// about an urgent event in the past says nothing about what is asked.
    fn only_past_event(&self, clause: &str) -> bool {
        // Most clauses name no urgent event: look for the start of one in the words as
        // written before reading (and correcting) them all.
        let may_name_one = fold(clause)
            .split(' ')
            .flat_map(split_units)
            .map(Word::plain)
            .any(|word| {
                self.patterns
                    .starting_at(&word)
                    .any(|id| self.events[id as usize] && self.patterns.starts_with(id, &word))
            });
        if !may_name_one {
            return false;
        }
        let sentence = Sentence::new(self.corrector.read(clause), &self.patterns, &self.scope);
        sentence.history
            && sentence
                .occurrences
                .iter()
                .any(|(id, _)| self.events[id as usize])
    }
}

/// Whether a clause opens as a negative question ("isn't it…", "doesn't acupuncture…").
fn asks_back(lead: &[Word]) -> bool {
    match lead {
        [auxiliary, subject, ..] => {
            NEGATIVE_QUESTION_AUXILIARIES.contains(&auxiliary.raw.as_str())
                && QUESTION_SUBJECTS.contains(&subject.raw.as_str())
        }
        _ => false,
    }
}
