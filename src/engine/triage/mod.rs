//! Triage, checked before any FAQ matching: red flags and crisis get urgent-care
//! guidance, questions *about* red flags get the warning signs calmly, requests for a
//! personal diagnosis or dose get a polite refusal, and a passing or denied mention of
//! suicide gets one support line with the normal answer.
//!
//! Rules come from `knowledge/triage.toml` ([`crate::knowledge::TriageRules`]): each red
//! flag is a combination of concepts (a body part or function, a change, a time) matched
//! within one sentence, on words whose typos are corrected ([`text`]); a mention does not
//! count when it is negated, only in the past or resolved, or only asked about
//! ([`scope`]).

mod denials;
mod pattern;
mod reply;
mod scope;
#[cfg(test)]
mod tests;
mod text;

use std::collections::{HashMap, HashSet};

use pattern::{PatternId, Patterns, phrase_words};
use scope::{ScopeRules, Sentence};
use text::{Corrector, prepare, sentences};

use crate::engine::normalize::{fold, words};
use crate::knowledge::{Knowledge, RuleKind, TriageRule, spelling_entry};

/// What triage decided about a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageHit {
    pub rule_id: String,
    pub kind: RuleKind,
}

struct CompiledRule {
    /// Index in the knowledge's rule list.
    index: usize,
    kind: RuleKind,
    history_counts: bool,
    any: Vec<PatternId>,
    all: Vec<Vec<PatternId>>,
    except: Vec<PatternId>,
    unless: Vec<PatternId>,
}

/// What triage found in a whole message.
#[derive(Debug, Default)]
pub(super) struct Assessment {
    /// Rules that fired for real, with the words that fired them: (rule index, quote).
    fired: Vec<(usize, RuleKind, String)>,
    /// A red flag was only asked about ("what is cauda equina?").
    talk: bool,
    /// Crisis words were only denied, past or asked about.
    support: bool,
}

/// The compiled triage rules.
pub struct Triage {
    patterns: Patterns,
    /// Per pattern, whether it names an urgent event or symptom outright (a red flag's or
    /// crisis rule's `any`), for setting aside clauses only about one in the past.
    events: Vec<bool>,
    rules: Vec<CompiledRule>,
    scope: ScopeRules,
    warning_signs: Vec<PatternId>,
    distress: Vec<PatternId>,
    corrector: Corrector,
    /// For each pattern, the rules (positions in `rules`) that name it in `any` or `all`:
    /// a sentence is checked only against the rules whose words it contains.
    rules_naming: Vec<Vec<u32>>,
    /// Ids and plain words of every rule, by index, for replies.
    rule_ids: Vec<String>,
    rule_said: Vec<String>,
}

/// The longest quote of the message shown in "You mentioned …".
const QUOTE_WORDS: usize = 10;

/// Concepts the engine itself reads (all optional).
const PAST: &str = "past";
const RESOLVED: &str = "resolved";
const RECENT: &str = "recent";
const ASKING: &str = "asking";
const FIRST_PERSON: &str = "first-person";
const HEARSAY: &str = "hearsay";
const DURATION: &str = "duration";
const DISTRESS: &str = "distress";
const WARNING_SIGNS: &str = "warning-signs";
const REAL_WORDS: &str = "real-words";

struct Compiler<'a> {
    patterns: Patterns,
    concepts: HashMap<&'a str, Vec<PatternId>>,
}

impl Compiler<'_> {
    fn compile(&mut self, phrases: &[String]) -> Vec<PatternId> {
        let mut ids = Vec::new();
        for phrase in phrases {
            match phrase.trim().strip_prefix('@') {
                Some(name) => ids.extend(self.concepts.get(name).into_iter().flatten()),
                None => ids.extend(self.patterns.add(phrase)),
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn concept(&self, name: &str) -> Vec<PatternId> {
        self.concepts.get(name).cloned().unwrap_or_default()
    }
}

impl Triage {
    pub fn new(knowledge: &Knowledge) -> Triage {
        let rules = &knowledge.triage;
        let mut c = Compiler {
            patterns: Patterns::default(),
            concepts: HashMap::new(),
        };
        for rule in rules.rules.iter().filter(|r| r.kind == RuleKind::Concept) {
            let ids = c.compile(&rule.any);
            c.concepts.insert(rule.id.as_str(), ids);
        }
        let mut meaningful: Vec<PatternId> = c.concepts.values().flatten().copied().collect();
        let mut symptoms: Vec<PatternId> = Vec::new();
        let compiled: Vec<CompiledRule> = rules
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.kind.decides())
            .map(|(index, r)| {
                let rule = CompiledRule {
                    index,
                    kind: r.kind,
                    history_counts: r.history_counts,
                    any: c.compile(&r.any),
                    all: r.all.iter().map(|g| c.compile(g)).collect(),
                    except: c.compile(&r.except),
                    unless: c.compile(&r.unless),
                };
                symptoms.extend(rule.any.iter().chain(rule.all.iter().flatten()));
                rule
            })
            .collect();
        let n = &rules.negation;
        let mut scope = ScopeRules {
            cues: c.compile(&n.cues),
            breakers: c.compile(&n.breakers),
            list_words: c.compile(&n.list_words),
            reversers: c.compile(&n.reversers),
            window: n.window.max(1),
            meaningful: Vec::new(),
            symptom: Vec::new(),
            past: c.concept(PAST),
            resolved: c.concept(RESOLVED),
            recent: c.concept(RECENT),
            asking: c.concept(ASKING),
            first_person: c.concept(FIRST_PERSON),
            hearsay: c.concept(HEARSAY),
            duration: c.concept(DURATION),
            roles: Vec::new(),
        };
        let flags = |ids: &[PatternId]| {
            let mut flags = vec![false; c.patterns.count()];
            for &id in ids {
                flags[id as usize] = true;
            }
            flags
        };
        let events: Vec<PatternId> = compiled
            .iter()
            .filter(|r| r.kind.is_urgent())
            .flat_map(|r| r.any.iter().copied())
            .collect();
        let events = flags(&events);
        let mut rules_naming = vec![Vec::new(); c.patterns.count()];
        for (position, rule) in compiled.iter().enumerate() {
            for &id in rule.any.iter().chain(rule.all.iter().flatten()) {
                let naming: &mut Vec<u32> = &mut rules_naming[id as usize];
                if naming.last() != Some(&(position as u32)) {
                    naming.push(position as u32);
                }
            }
        }
        meaningful.extend(&symptoms);
        scope.meaningful = flags(&meaningful);
        scope.symptom = flags(&symptoms);
        scope.index_roles(c.patterns.count());
        Triage {
            events,
            warning_signs: c.concept(WARNING_SIGNS),
            distress: c.concept(DISTRESS),
            corrector: corrector(knowledge),
            rules_naming,
            patterns: c.patterns,
            rules: compiled,
            scope,
            rule_ids: rules.rules.iter().map(|r| r.id.clone()).collect(),
            rule_said: rules.rules.iter().map(said).collect(),
        }
    }

    /// The most serious rule that fires for real: crisis, red flag, personal advice.
    pub fn check(&self, text: &str) -> Option<TriageHit> {
        let assessment = self.assess(text);
        let (index, kind, _) = assessment
            .fired
            .iter()
            .max_by_key(|(i, kind, _)| (severity(*kind), std::cmp::Reverse(*i)))?;
        Some(TriageHit {
            rule_id: self.rule_ids[*index].clone(),
            kind: *kind,
        })
    }

    fn read(&self, text: &str) -> Vec<Sentence> {
        sentences(&prepare(text))
            .map(|s| Sentence::new(self.corrector.read(s), &self.patterns, &self.scope))
            .collect()
    }

    pub(super) fn assess(&self, text: &str) -> Assessment {
        let sentences = self.read(text);
        let mut out = Assessment::default();
        for (i, sentence) in sentences.iter().enumerate() {
            let next_resolved = sentences.get(i + 1).is_some_and(|n| n.resolved);
            let mut candidates: Vec<u32> = sentence
                .occurrences
                .iter()
                .flat_map(|(id, _)| &self.rules_naming[id as usize])
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            for rule in candidates.iter().map(|&r| &self.rules[r as usize]) {
                let Some(mut found) = self.fires(rule, sentence, true, false) else {
                    if rule.kind == RuleKind::Crisis
                        && self.fires(rule, sentence, false, false).is_some()
                    {
                        out.support = true;
                    }
                    continue;
                };
                // "a car crash years ago but fell down the stairs today": a mention in a
                // clause about the past does not settle a later, current one.
                let mut in_past = in_past(rule, sentence, found.1);
                if in_past
                    && !rule.history_counts
                    && let Some(current) = self.fires(rule, sentence, true, true)
                {
                    (found, in_past) = (current, false);
                }
                let (span, _) = found;
                let urgent = rule.kind.is_urgent();
                let settled =
                    (sentence.history || next_resolved || in_past) && !rule.history_counts;
                // Asking what a symptom means is not having it; asking about suicide is
                // treated as having the thought.
                let talk = rule.kind == RuleKind::RedFlag && sentence.talk;
                if urgent && (talk || settled) {
                    out.support |= rule.kind == RuleKind::Crisis;
                    out.talk |= talk;
                    continue;
                }
                if !out.fired.iter().any(|(r, _, _)| *r == rule.index) {
                    out.fired
                        .push((rule.index, rule.kind, quote(sentence, span)));
                }
            }
            let mentions = |ids: &[PatternId]| {
                occurring(sentence, ids).any(|(_, at)| !sentence.negated(at, self.scope.window))
            };
            out.talk |= mentions(&self.warning_signs);
            out.support |= mentions(&self.distress);
        }
        out
    }

    /// Where `rule` fires in `sentence`, if it does: the span of the words that fire it,
    /// and where its first group (the symptom or event itself) was found. With
    /// `outside_past`, mentions in a clause only about the past are passed over.
    fn fires(
        &self,
        rule: &CompiledRule,
        sentence: &Sentence,
        respect_negation: bool,
        outside_past: bool,
    ) -> Option<((usize, usize), usize)> {
        let occurs = |ids: &[PatternId]| occurring(sentence, ids).next().is_some();
        // Skip a rule the sentence cannot fire before any negation or look-alike work.
        let could_fire =
            occurs(&rule.any) || (!rule.all.is_empty() && rule.all.iter().all(|g| occurs(g)));
        if !could_fire || occurs(&rule.unless) {
            return None;
        }
        // Spans of look-alike phrases ("hay fever") where this rule's mentions don't count,
        // each within one clause: "can't wee, bit worried" is not "a wee bit".
        let excepted: Vec<(usize, usize)> = occurring(sentence, &rule.except)
            .map(|(id, at)| (at, at + self.patterns.len(id)))
            .filter(|&(at, end)| sentence.in_one_clause(at, end))
            .collect();
        let present = |ids: &[PatternId]| -> Option<(usize, usize)> {
            occurring(sentence, ids)
                .map(|(id, at)| (at, at + self.patterns.len(id)))
                .find(|&(at, end)| {
                    let looks_alike = excepted.iter().any(|&(s, e)| at < e && s < end);
                    let denied = respect_negation && sentence.negated(at, self.scope.window);
                    let past = outside_past && in_past(rule, sentence, at);
                    !looks_alike && !denied && !past
                })
        };
        if let Some(span) = present(&rule.any) {
            return Some((span, span.0));
        }
        let mut span = (usize::MAX, 0);
        let mut anchor = None;
        for group in &rule.all {
            let (s, e) = present(group)?;
            anchor.get_or_insert(s);
            span = (span.0.min(s), span.1.max(e));
        }
        anchor.map(|a| (span, a))
    }
}

/// The occurrences in `sentence` of the patterns in `ids` (sorted, as compiled), in
/// pattern order: a pass over the sentence's few occurrences rather than a look-up for
/// each of a concept's many phrases.
fn occurring<'s>(
    sentence: &'s Sentence,
    ids: &'s [PatternId],
) -> impl Iterator<Item = (PatternId, usize)> + 's {
    sentence
        .occurrences
        .iter()
        .filter(move |(id, _)| ids.binary_search(id).is_ok())
}

/// Whether the mention at word `at` is only about the past, as `rule` reads it. A red
/// flag reads the part of the clause up to or after a contrast ("a crash years ago but
/// this backache is new": the crash is past). Crisis words read the whole clause, so
/// "wanted to end it all years ago but now…" is not set aside as past.
fn in_past(rule: &CompiledRule, sentence: &Sentence, at: usize) -> bool {
    match rule.kind {
        RuleKind::Crisis => sentence.past_at(at),
        _ => sentence.past_part_at(at),
    }
}

/// What a rule's mention is called in "You mentioned …".
fn said(rule: &TriageRule) -> String {
    if rule.mentioned.trim().is_empty() {
        rule.label.trim().to_lowercase()
    } else {
        rule.mentioned.trim().to_owned()
    }
}

fn quote(sentence: &Sentence, (start, end): (usize, usize)) -> String {
    let words = &sentence.text.words;
    let end = end.min(words.len()).min(start + QUOTE_WORDS);
    words[start.min(end)..end]
        .iter()
        .map(|w| w.raw.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The typo corrector over the triage vocabulary. Words the knowledge uses, and the
/// `real-words` concept, are real words and never corrected.
fn corrector(knowledge: &Knowledge) -> Corrector {
    let rules = &knowledge.triage;
    let mut vocabulary = HashSet::new();
    let mut spellings = HashMap::new();
    let n = &rules.negation;
    let settings = n
        .cues
        .iter()
        .chain(&n.breakers)
        .chain(&n.list_words)
        .chain(&n.reversers);
    for rule in &rules.rules {
        if rule.kind == RuleKind::Spelling {
            for (word, variants) in rule.any.iter().filter_map(|p| spelling_entry(p)) {
                let word = fold(word);
                for v in variants {
                    spellings.insert(fold(v), word.clone());
                }
                vocabulary.insert(word);
            }
            continue;
        }
        if rule.id == REAL_WORDS {
            continue;
        }
        for (_, phrase) in rule.phrases() {
            for (w, _) in phrase_words(phrase) {
                vocabulary.insert(w);
            }
        }
    }
    for phrase in settings {
        vocabulary.extend(phrase_words(phrase).into_iter().map(|(w, _)| w));
    }
    let mut known: HashSet<String> = rules
        .concept(REAL_WORDS)
        .into_iter()
        .flat_map(|r| &r.any)
        .flat_map(|p| words(p))
        .collect();
    let texts = knowledge
        .faq
        .iter()
        .flat_map(|e| std::iter::once(&e.question).chain(&e.alternates))
        .chain(
            knowledge
                .article
                .sections
                .iter()
                .flat_map(|s| &s.paragraphs),
        );
    for text in texts {
        known.extend(words(text));
    }
    Corrector::new(spellings, vocabulary, known)
}

fn severity(kind: RuleKind) -> u8 {
    match kind {
        RuleKind::Crisis => 3,
        RuleKind::RedFlag => 2,
        RuleKind::PersonalAdvice => 1,
        RuleKind::Concept | RuleKind::Spelling => 0,
    }
}
