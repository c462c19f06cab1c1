//! Triage, checked before any FAQ matching: red flags and crisis words get urgent-care
//! guidance, requests for a personal diagnosis or dose get a polite refusal. Mentions
//! are negation-aware: "no numbness" does not fire, "no fever but numb groin" does.
//!
//! Rules come from `knowledge/triage.toml`; see [`crate::knowledge::TriageRule`].

use std::collections::HashMap;

use super::normalize::{fold, sentences};
use crate::knowledge::{RuleKind, TriageRules};

/// Words at least this long also match with doubled letters undone ("sadle" is
/// "saddle", "controll" is "control"): people in distress type fast. Shorter words
/// would collide ("wee", "we").
const LOOSE_MIN: usize = 5;

/// A word of the text, as written and with doubled letters collapsed.
struct TextWord {
    raw: String,
    loose: String,
}

impl TextWord {
    fn new(raw: &str) -> TextWord {
        TextWord {
            loose: loosen(raw),
            raw: raw.to_owned(),
        }
    }
}

/// Collapses runs of the same letter in words of [`LOOSE_MIN`] or more letters.
fn loosen(word: &str) -> String {
    if word.chars().count() < LOOSE_MIN {
        return word.to_owned();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// One word of a pattern: exact, or a stem ending in `*` that matches any continuation;
/// each also in its loosened form.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatternWord {
    Exact { word: String, loose: String },
    Prefix { stem: String, loose: String },
}

impl PatternWord {
    fn exact(word: String) -> PatternWord {
        PatternWord::Exact {
            loose: loosen(&word),
            word,
        }
    }

    fn prefix(stem: String) -> PatternWord {
        PatternWord::Prefix {
            loose: loosen(&stem),
            stem,
        }
    }

    fn matches(&self, text: &TextWord) -> bool {
        match self {
            Self::Exact { word, loose } => {
                text.raw == *word || (word.chars().count() >= LOOSE_MIN && text.loose == *loose)
            }
            Self::Prefix { stem, loose } => {
                text.raw.starts_with(stem.as_str())
                    || (stem.chars().count() >= LOOSE_MIN && text.loose.starts_with(loose.as_str()))
            }
        }
    }
}

/// A phrase of pattern words, matched on consecutive words.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern(Vec<PatternWord>);

impl Pattern {
    fn parse(phrase: &str) -> Pattern {
        let mut words = Vec::new();
        for raw in phrase.split_whitespace() {
            let (body, prefix) = match raw.strip_suffix('*') {
                Some(body) => (body, true),
                None => (raw, false),
            };
            let parts: Vec<String> = fold(body)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            let last = parts.len().saturating_sub(1);
            for (i, part) in parts.into_iter().enumerate() {
                words.push(if prefix && i == last {
                    PatternWord::prefix(part)
                } else {
                    PatternWord::exact(part)
                });
            }
        }
        Pattern(words)
    }

    fn matches_at(&self, words: &[TextWord], at: usize) -> bool {
        words.len() >= at + self.0.len()
            && self.0.iter().zip(&words[at..]).all(|(p, w)| p.matches(w))
    }
}

type PatternId = u32;

/// Every phrase of every rule, cue and breaker, indexed by its first word so that a
/// sentence is matched against the few phrases that can start at each of its words rather
/// than against all of them.
#[derive(Default)]
struct Patterns {
    all: Vec<Pattern>,
    by_first_word: HashMap<String, Vec<PatternId>>,
    /// Patterns whose first word is a prefix (`numb*`): checked at every word.
    by_prefix: Vec<PatternId>,
}

impl Patterns {
    fn compile(&mut self, phrases: &[String]) -> Vec<PatternId> {
        phrases
            .iter()
            .filter_map(|p| self.add(Pattern::parse(p)))
            .collect()
    }

    fn add(&mut self, pattern: Pattern) -> Option<PatternId> {
        let id = self.all.len() as PatternId;
        match pattern.0.first()? {
            PatternWord::Exact { word, loose } => {
                self.by_first_word.entry(word.clone()).or_default().push(id);
                if loose != word {
                    self.by_first_word
                        .entry(loose.clone())
                        .or_default()
                        .push(id);
                }
            }
            PatternWord::Prefix { .. } => self.by_prefix.push(id),
        }
        self.all.push(pattern);
        Some(id)
    }

    fn len(&self, id: PatternId) -> usize {
        self.all[id as usize].0.len()
    }

    /// Every (pattern, start) that occurs in `words`, sorted.
    fn occurrences(&self, words: &[TextWord]) -> Occurrences {
        let mut found = Vec::new();
        for (at, word) in words.iter().enumerate() {
            let loose = (word.loose != word.raw).then_some(&word.loose);
            let candidates = self
                .by_first_word
                .get(&word.raw)
                .into_iter()
                .chain(loose.and_then(|l| self.by_first_word.get(l)))
                .flatten()
                .chain(&self.by_prefix);
            for &id in candidates {
                if self.all[id as usize].matches_at(words, at) {
                    found.push((id, at));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        Occurrences(found)
    }
}

/// Where patterns occur in one sentence.
struct Occurrences(Vec<(PatternId, usize)>);

impl Occurrences {
    fn starts(&self, id: PatternId) -> impl Iterator<Item = usize> + '_ {
        let from = self.0.partition_point(|&(p, _)| p < id);
        self.0[from..]
            .iter()
            .take_while(move |&&(p, _)| p == id)
            .map(|&(_, at)| at)
    }
}

struct CompiledRule {
    id: String,
    kind: RuleKind,
    any: Vec<PatternId>,
    all: Vec<Vec<PatternId>>,
    except: Vec<PatternId>,
}

/// What triage decided about a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageHit {
    pub rule_id: String,
    pub kind: RuleKind,
}

/// The compiled triage rules.
pub struct Triage {
    patterns: Patterns,
    rules: Vec<CompiledRule>,
    cues: Vec<PatternId>,
    breakers: Vec<PatternId>,
    window: usize,
}

/// How many words may stand before a negation cue for its clause to count as negated
/// ("I don't have…": one).
const NEGATED_CLAUSE_LEAD: usize = 2;

/// One sentence, with the spans of negation cues and breakers found in it.
struct Sentence {
    occurrences: Occurrences,
    /// Where each cue ends (the first word after it).
    cue_ends: Vec<usize>,
    /// (start, end) of each breaker.
    breakers: Vec<(usize, usize)>,
}

impl Triage {
    pub fn new(rules: &TriageRules) -> Triage {
        let mut patterns = Patterns::default();
        let compiled = rules
            .rules
            .iter()
            .map(|r| CompiledRule {
                id: r.id.clone(),
                kind: r.kind,
                any: patterns.compile(&r.any),
                all: r.all.iter().map(|g| patterns.compile(g)).collect(),
                except: patterns.compile(&r.except),
            })
            .collect();
        let cues = patterns.compile(&rules.negation.cues);
        let breakers = patterns.compile(&rules.negation.breakers);
        Triage {
            patterns,
            rules: compiled,
            cues,
            breakers,
            window: rules.negation.window,
        }
    }

    /// The most serious rule that fires: crisis, then red flag, then personal advice.
    pub fn check(&self, text: &str) -> Option<TriageHit> {
        let sentences: Vec<Sentence> = sentences(text).map(|s| self.sentence(&fold(s))).collect();
        let mut best: Option<&CompiledRule> = None;
        for rule in &self.rules {
            if best.is_some_and(|b| severity(b.kind) >= severity(rule.kind)) {
                continue;
            }
            if sentences.iter().any(|sentence| self.fires(rule, sentence)) {
                best = Some(rule);
            }
        }
        best.map(|r| TriageHit {
            rule_id: r.id.clone(),
            kind: r.kind,
        })
    }

    fn sentence(&self, folded: &str) -> Sentence {
        let words: Vec<TextWord> = folded
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(TextWord::new)
            .collect();
        let occurrences = self.patterns.occurrences(&words);
        let spans = |ids: &[PatternId]| -> Vec<(usize, usize)> {
            ids.iter()
                .flat_map(|&id| {
                    occurrences
                        .starts(id)
                        .map(move |at| (at, at + self.patterns.len(id)))
                })
                .collect()
        };
        let cue_ends = spans(&self.cues).into_iter().map(|(_, end)| end).collect();
        let breakers = spans(&self.breakers);
        Sentence {
            occurrences,
            cue_ends,
            breakers,
        }
    }

    fn fires(&self, rule: &CompiledRule, sentence: &Sentence) -> bool {
        // Spans of look-alike phrases ("hay fever") where this rule's mentions don't count.
        let excepted: Vec<(usize, usize)> = rule
            .except
            .iter()
            .flat_map(|&id| {
                sentence
                    .occurrences
                    .starts(id)
                    .map(move |at| (at, at + self.patterns.len(id)))
            })
            .collect();
        let present = |&id: &PatternId| {
            let len = self.patterns.len(id);
            sentence.occurrences.starts(id).any(|at| {
                !excepted.iter().any(|&(s, e)| at < e && s < at + len)
                    && !self.negated(sentence, at)
            })
        };
        rule.any.iter().any(present)
            || (!rule.all.is_empty() && rule.all.iter().all(|group| group.iter().any(present)))
    }

    /// A mention at `at` is negated when a cue ends fewer than `window` words before it
    /// and no breaker stands between.
    fn negated(&self, sentence: &Sentence, at: usize) -> bool {
        sentence.cue_ends.iter().any(|&end| {
            end <= at
                && at - end < self.window
                && !sentence.breakers.iter().any(|&(s, e)| s >= end && e <= at)
        })
    }

    /// The question with clauses that only say what the person does *not* have removed
    /// ("No bladder problems, just a sore back" → "just a sore back"), so matching looks at
    /// what they ask about. Returns the text unchanged when nothing would be left.
    pub fn without_negated_clauses(&self, text: &str) -> String {
        let kept: Vec<&str> = text
            .split(['.', '!', '?', ';', ',', ':', '\n'])
            .map(str::trim)
            .filter(|clause| !clause.is_empty())
            .filter(|clause| {
                // "No fever", "I don't have any numbness": a cue near the start of the clause.
                let sentence = self.sentence(&fold(clause));
                !self
                    .cue_starts(&sentence)
                    .any(|start| start <= NEGATED_CLAUSE_LEAD)
            })
            .collect();
        let joined = kept.join(". ");
        if joined.trim().is_empty() {
            text.to_owned()
        } else {
            joined
        }
    }

    fn cue_starts<'a>(&'a self, sentence: &'a Sentence) -> impl Iterator<Item = usize> + 'a {
        self.cues
            .iter()
            .flat_map(|&id| sentence.occurrences.starts(id))
    }
}

fn severity(kind: RuleKind) -> u8 {
    match kind {
        RuleKind::Crisis => 3,
        RuleKind::RedFlag => 2,
        RuleKind::PersonalAdvice => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{NegationRules, ReplyText, TriageReplies, TriageRule};

    fn rules() -> TriageRules {
        let text = |m: &str| ReplyText {
            title: String::new(),
            message: m.into(),
        };
        TriageRules {
            negation: NegationRules {
                cues: vec!["no".into(), "without".into(), "don't have".into()],
                window: 4,
                breakers: vec!["but".into()],
            },
            reply: TriageReplies {
                urgent: text("u"),
                crisis: text("c"),
                personal_advice: text("p"),
            },
            rules: vec![
                TriageRule {
                    id: "saddle".into(),
                    kind: RuleKind::RedFlag,
                    label: String::new(),
                    any: vec![],
                    all: vec![vec!["numb*".into()], vec!["saddle".into(), "groin".into()]],
                    except: vec![],
                },
                TriageRule {
                    id: "fever".into(),
                    kind: RuleKind::RedFlag,
                    label: String::new(),
                    any: vec!["fever*".into()],
                    all: vec![],
                    except: vec!["hay fever".into()],
                },
                TriageRule {
                    id: "self-harm".into(),
                    kind: RuleKind::Crisis,
                    label: String::new(),
                    any: vec!["hurt myself".into(), "self-harm".into()],
                    all: vec![],
                    except: vec![],
                },
            ],
        }
    }

    #[test]
    fn fires_on_mentions_and_respects_negation_and_exceptions() {
        let t = Triage::new(&rules());
        let id = |q: &str| t.check(q).map(|h| h.rule_id);
        assert_eq!(id("My groin feels numb"), Some("saddle".into()));
        assert_eq!(id("numbness in the saddle area"), Some("saddle".into()));
        assert_eq!(id("No numbness in my groin"), None);
        assert_eq!(id("I don't have a fever"), None);
        assert_eq!(id("no fever but my saddle is numb"), Some("saddle".into()));
        assert_eq!(id("Does it help hay fever?"), None);
        assert_eq!(id("I have a fever"), Some("fever".into()));
        assert_eq!(
            id("numb toes. my groin is fine"),
            None,
            "groups must meet in one sentence"
        );
        assert_eq!(
            id("I want to self harm and I have a fever"),
            Some("self-harm".into()),
            "crisis outranks"
        );
        assert_eq!(id("I want to hurt myself"), Some("self-harm".into()));
        // Doubled letters typed or missed in longer words still match...
        assert_eq!(id("numbnes in the sadle area"), Some("saddle".into()));
        assert_eq!(id("a feverr"), Some("fever".into()));
        assert_eq!(id("numb in the groinn"), Some("saddle".into()));
        // ...but a prefix shorter than five letters stays exact.
        assert_eq!(id("nummbness in the groin"), None);
    }

    #[test]
    fn drops_negated_clauses_for_matching() {
        let t = Triage::new(&rules());
        assert_eq!(
            t.without_negated_clauses("No fever, just a sore back. Does it help?"),
            "just a sore back. Does it help"
        );
        assert_eq!(t.without_negated_clauses("no fever"), "no fever");
    }
}
