//! What a sentence says about its mentions: which are negated (a cue's reach, across list
//! items, stopped by breakers), and whether the sentence is about the past, something
//! resolved, something recent, or only asks about a condition.

use super::pattern::{Occurrences, PatternId, Patterns};
use super::text::Text;

/// The pattern ids of the negation settings and of the concepts the engine reads.
#[derive(Default)]
pub(super) struct ScopeRules {
    pub cues: Vec<PatternId>,
    pub breakers: Vec<PatternId>,
    pub list_words: Vec<PatternId>,
    pub reversers: Vec<PatternId>,
    pub window: usize,
    /// Patterns that carry meaning (rules and concepts): a cue inside one of them is part
    /// of it ("no feeling", "cant wee", "not wake up"), not a negation.
    pub meaningful: Vec<bool>,
    /// Patterns of the rules themselves (symptoms, events), not of status concepts.
    pub symptom: Vec<bool>,
    pub past: Vec<PatternId>,
    pub resolved: Vec<PatternId>,
    pub recent: Vec<PatternId>,
    pub asking: Vec<PatternId>,
    pub first_person: Vec<PatternId>,
    pub hearsay: Vec<PatternId>,
    /// How long something has lasted ("for years", "ever since"): neither past nor recent.
    pub duration: Vec<PatternId>,
    /// Per pattern, the [`Role`]s above it plays, so a sentence finds each role's spans in
    /// one pass over what it contains rather than one look-up per listed phrase.
    pub roles: Vec<u16>,
}

/// What a pattern does for the scope of a sentence, as bit flags.
#[derive(Clone, Copy)]
pub(super) enum Role {
    Cue,
    Breaker,
    ListWord,
    Reverser,
    Past,
    Resolved,
    Recent,
    Asking,
    FirstPerson,
    Hearsay,
    Duration,
}

impl ScopeRules {
    /// Fills the role table once every list is set; `count` is the number of patterns.
    pub(super) fn index_roles(&mut self, count: usize) {
        let mut roles = vec![0u16; count];
        let lists = [
            (&self.cues, Role::Cue),
            (&self.breakers, Role::Breaker),
            (&self.list_words, Role::ListWord),
            (&self.reversers, Role::Reverser),
            (&self.past, Role::Past),
            (&self.resolved, Role::Resolved),
            (&self.recent, Role::Recent),
            (&self.asking, Role::Asking),
            (&self.first_person, Role::FirstPerson),
            (&self.hearsay, Role::Hearsay),
            (&self.duration, Role::Duration),
        ];
        for (ids, role) in lists {
            for &id in ids {
                roles[id as usize] |= 1 << role as u16;
            }
        }
        self.roles = roles;
    }

    /// (start, end) of every occurrence of a pattern playing `role`.
    fn spans(
        &self,
        patterns: &Patterns,
        occurrences: &Occurrences,
        role: Role,
    ) -> Vec<(usize, usize)> {
        occurrences
            .iter()
            .filter(|&(id, _)| {
                self.roles
                    .get(id as usize)
                    .is_some_and(|r| r & (1 << role as u16) != 0)
            })
            .map(|(id, at)| (at, at + patterns.len(id)))
            .collect()
    }
}

/// A list item short enough to carry a negation across a comma ("no fever, chills or").
const LIST_ITEM_WORDS: usize = 4;

/// One sentence, read.
pub(super) struct Sentence {
    pub text: Text,
    pub occurrences: Occurrences,
    /// (start, end) of each cue that negates.
    cues: Vec<(usize, usize)>,
    breakers: Vec<(usize, usize)>,
    /// Where each list word ends.
    list_ends: Vec<usize>,
    clause_start: Vec<usize>,
    clause_len: Vec<usize>,
    clause_has_list: Vec<bool>,
    clause_reversed: Vec<bool>,
    /// Only about the past or something resolved, with nothing recent.
    pub history: bool,
    /// Says something resolved ("went away", "all clear"), with nothing recent.
    pub resolved: bool,
    /// Asks about a condition rather than reporting one.
    pub talk: bool,
    /// Per clause: only about the past or something resolved, with nothing recent in it
    /// ("fell off my bike as a kid, now my back aches from work").
    clause_history: Vec<bool>,
    /// The same for each part of a clause a contrast splits ("a crash years ago but…").
    part_history: Vec<bool>,
}

impl Sentence {
    pub(super) fn new(text: Text, patterns: &Patterns, rules: &ScopeRules) -> Sentence {
        let occurrences = patterns.occurrences(&text.words);
        let cues: Vec<(usize, usize)> = rules
            .spans(patterns, &occurrences, Role::Cue)
            .into_iter()
            .filter(|&(s, e)| {
                !occurrences.iter().any(|(id, at)| {
                    let len = patterns.len(id);
                    rules.meaningful.get(id as usize).copied().unwrap_or(false)
                        && len > e - s
                        && at <= s
                        && e <= at + len
                })
            })
            .collect();
        let clauses = text.clause.last().map_or(0, |&c| c as usize + 1);
        let mut clause_start = vec![usize::MAX; clauses];
        let mut clause_len = vec![0; clauses];
        for (i, &c) in text.clause.iter().enumerate() {
            let c = c as usize;
            clause_start[c] = clause_start[c].min(i);
            clause_len[c] += 1;
        }
        let mark = |role: Role| {
            let mut marks = vec![false; clauses];
            for (s, _) in rules.spans(patterns, &occurrences, role) {
                marks[text.clause[s] as usize] = true;
            }
            marks
        };
        let list_spans = rules.spans(patterns, &occurrences, Role::ListWord);
        let mut sentence = Sentence {
            clause_has_list: mark(Role::ListWord),
            clause_reversed: mark(Role::Reverser),
            breakers: rules.spans(patterns, &occurrences, Role::Breaker),
            list_ends: list_spans.iter().map(|&(_, e)| e).collect(),
            cues,
            clause_start,
            clause_len,
            history: false,
            resolved: false,
            talk: false,
            clause_history: vec![false; clauses],
            part_history: Vec::new(),
            text,
            occurrences,
        };
        sentence.read_status(patterns, rules);
        sentence
    }

    fn read_status(&mut self, patterns: &Patterns, rules: &ScopeRules) {
        let found = |role: Role| rules.spans(patterns, &self.occurrences, role);
        let past = found(Role::Past);
        let (resolved, not_resolved): (Vec<_>, Vec<_>) = found(Role::Resolved)
            .into_iter()
            .partition(|&(s, _)| !self.negated(s, rules.window));
        let settled: Vec<(usize, usize)> = past.iter().chain(&resolved).copied().collect();
        let neutral: Vec<(usize, usize)> = settled
            .iter()
            .copied()
            .chain(found(Role::Duration))
            .collect();
        // "fine now" is resolved, not recent: a recent word inside a past or resolved phrase
        // does not count; a negated resolution ("not gone away") is recent.
        let recent_spans: Vec<(usize, usize)> = found(Role::Recent)
            .into_iter()
            .filter(|&(s, e)| !neutral.iter().any(|&(ps, pe)| s < pe && ps < e))
            .collect();
        let recent = !not_resolved.is_empty() || !recent_spans.is_empty();
        let asks = !found(Role::Asking).is_empty();
        let personal = !found(Role::FirstPerson).is_empty();
        let recent_all: Vec<(usize, usize)> =
            not_resolved.iter().chain(&recent_spans).copied().collect();
        self.clause_history = history_by(&self.text.clause, &settled, &recent_all);
        self.part_history = history_by(&self.text.part, &settled, &recent_all);
        self.resolved = !resolved.is_empty() && !recent;
        self.history = !settled.is_empty() && !recent;
        let hearsay = !found(Role::Hearsay).is_empty();
        self.talk = ((asks && !personal) || hearsay) && !recent;
    }

    /// Whether the clause of word `at` is only about the past or something resolved.
    pub(super) fn past_at(&self, at: usize) -> bool {
        self.text
            .clause
            .get(at)
            .is_some_and(|&c| self.clause_history[c as usize])
    }

    /// Like [`Sentence::past_at`], for the part of the clause up to or after a contrast.
    pub(super) fn past_part_at(&self, at: usize) -> bool {
        self.text
            .part
            .get(at)
            .is_some_and(|&p| self.part_history[p as usize])
    }

    /// Whether the words `start..end` (a non-empty span) all lie in one clause.
    pub(super) fn in_one_clause(&self, start: usize, end: usize) -> bool {
        end > start && self.text.clause.get(start) == self.text.clause.get(end - 1)
    }

    /// The cues that negate: none inside a meaningful phrase.
    pub(super) fn cue_starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.cues.iter().map(|&(s, _)| s)
    }

    /// Whether the mention starting at `at` is negated: a cue before it in the same
    /// clause (or in a list running on across commas), with no breaker between, and the
    /// mention within `window` words of the cue or of the last list word.
    pub(super) fn negated(&self, at: usize, window: usize) -> bool {
        let Some(&to) = self.text.clause.get(at) else {
            return false;
        };
        let to = to as usize;
        self.cues.iter().any(|&(s, e)| {
            if e > at {
                return false;
            }
            let from = self.text.clause[s] as usize;
            if self.clause_reversed[from] || self.clause_reversed[to] {
                return false;
            }
            if to != from {
                let last = (to + 1).min(self.clause_len.len() - 1);
                let short = (from + 1..=to).all(|c| self.clause_len[c] <= LIST_ITEM_WORDS);
                if !short || !(from + 1..=last).any(|c| self.clause_has_list[c]) {
                    return false;
                }
            }
            if self.breakers.iter().any(|&(bs, be)| bs >= e && be <= at) {
                return false;
            }
            let mut start = e;
            if to != from {
                start = start.max(self.clause_start[to]);
            }
            for &end in &self.list_ends {
                if end <= at && end > start {
                    start = end;
                }
            }
            at - start < window
        })
    }
}

/// For each group of words (`group[word]`, numbered from 0 in order), whether something
/// past or resolved is said in it and nothing recent.
fn history_by(group: &[u16], settled: &[(usize, usize)], recent: &[(usize, usize)]) -> Vec<bool> {
    let groups = group.last().map_or(0, |&g| g as usize + 1);
    let (mut settled_in, mut recent_in) = (vec![false; groups], vec![false; groups]);
    for &(s, _) in settled {
        settled_in[group[s] as usize] = true;
    }
    for &(s, _) in recent {
        recent_in[group[s] as usize] = true;
    }
    (0..groups)
        .map(|g| settled_in[g] && !recent_in[g])
        .collect()
}
