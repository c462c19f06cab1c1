//! Triage, checked before any FAQ matching: red flags and crisis words get urgent-care
//! guidance, requests for a personal diagnosis or dose get a polite refusal. Mentions
//! are negation-aware: "no numbness" does not fire, "no fever but numb groin" does.
//!
//! Rules come from `knowledge/triage.toml`; see [`crate::knowledge::TriageRule`].

use super::normalize::{fold, sentences};
use crate::knowledge::{RuleKind, TriageRules};

/// One word of a pattern: exact, or a stem ending in `*` that matches any continuation.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatternWord {
    Exact(String),
    Prefix(String),
}

impl PatternWord {
    fn matches(&self, word: &str) -> bool {
        match self {
            Self::Exact(w) => w == word,
            Self::Prefix(p) => word.starts_with(p.as_str()),
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
                    PatternWord::Prefix(part)
                } else {
                    PatternWord::Exact(part)
                });
            }
        }
        Pattern(words)
    }

    /// Start positions where the pattern matches `words`.
    fn find<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = usize> + 'a {
        let n = self.0.len();
        (0..words.len().saturating_sub(n.saturating_sub(1)))
            .filter(move |&i| n > 0 && self.0.iter().zip(&words[i..]).all(|(p, w)| p.matches(w)))
    }

    fn len(&self) -> usize {
        self.0.len()
    }
}

struct CompiledRule {
    id: String,
    kind: RuleKind,
    any: Vec<Pattern>,
    all: Vec<Vec<Pattern>>,
    except: Vec<Pattern>,
}

/// What triage decided about a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriageHit {
    pub rule_id: String,
    pub kind: RuleKind,
}

/// The compiled triage rules.
pub struct Triage {
    rules: Vec<CompiledRule>,
    cues: Vec<Pattern>,
    breakers: Vec<Pattern>,
    window: usize,
}

/// How many words may stand before a negation cue for its clause to count as negated
/// ("I don't have…": one).
const NEGATED_CLAUSE_LEAD: usize = 2;

/// A word no pattern matches, put where an `except` phrase was.
const BLANK: &str = "\u{0}";

impl Triage {
    pub fn new(rules: &TriageRules) -> Triage {
        let compile = |list: &[String]| {
            list.iter()
                .map(|p| Pattern::parse(p))
                .filter(|p| p.len() > 0)
                .collect::<Vec<_>>()
        };
        Triage {
            rules: rules
                .rules
                .iter()
                .map(|r| CompiledRule {
                    id: r.id.clone(),
                    kind: r.kind,
                    any: compile(&r.any),
                    all: r.all.iter().map(|g| compile(g)).collect(),
                    except: compile(&r.except),
                })
                .collect(),
            cues: compile(&rules.negation.cues),
            breakers: compile(&rules.negation.breakers),
            window: rules.negation.window,
        }
    }

    /// The most serious rule that fires: crisis, then red flag, then personal advice.
    pub fn check(&self, text: &str) -> Option<TriageHit> {
        let sentences: Vec<Vec<String>> = sentences(text)
            .map(|s| {
                fold(s)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .collect();
        let mut best: Option<&CompiledRule> = None;
        for rule in &self.rules {
            if best.is_some_and(|b| severity(b.kind) >= severity(rule.kind)) {
                continue;
            }
            if sentences.iter().any(|words| self.fires(rule, words)) {
                best = Some(rule);
            }
        }
        best.map(|r| TriageHit {
            rule_id: r.id.clone(),
            kind: r.kind,
        })
    }

    fn fires(&self, rule: &CompiledRule, words: &[String]) -> bool {
        let mut words = words.to_vec();
        for except in &rule.except {
            let starts: Vec<usize> = except.find(&words).collect();
            for start in starts {
                for w in &mut words[start..start + except.len()] {
                    *w = BLANK.to_owned();
                }
            }
        }
        let present = |p: &Pattern| p.find(&words).any(|at| !self.negated(&words, at));
        rule.any.iter().any(present)
            || (!rule.all.is_empty() && rule.all.iter().all(|group| group.iter().any(present)))
    }

    /// A mention at `at` is negated when a cue ends at most `window` words before it and no
    /// breaker stands between.
    fn negated(&self, words: &[String], at: usize) -> bool {
        self.cues.iter().any(|cue| {
            cue.find(words).any(|start| {
                let end = start + cue.len(); // first word after the cue
                end <= at
                    && at - end < self.window
                    && !self
                        .breakers
                        .iter()
                        .any(|b| b.find(&words[end..at]).next().is_some())
            })
        })
    }

    /// The question with clauses that only say what the person does *not* have removed
    /// ("No bladder problems, just a sore back" → "just a sore back"), so matching looks at
    /// what they ask about. Returns the text unchanged when nothing would be left.
    pub fn without_negated_clauses(&self, text: &str) -> String {
        let kept: Vec<&str> = text
            .split(['.', '!', '?', ';', ',', '\n'])
            .map(str::trim)
            .filter(|clause| !clause.is_empty())
            .filter(|clause| {
                let words: Vec<String> = fold(clause)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned)
                    .collect();
                // "No fever", "I don't have any numbness": a cue near the start of the clause.
                !self.cues.iter().any(|cue| {
                    cue.find(&words)
                        .next()
                        .is_some_and(|at| at <= NEGATED_CLAUSE_LEAD)
                })
            })
            .collect();
        let joined = kept.join(". ");
        if joined.trim().is_empty() {
            text.to_owned()
        } else {
            joined
        }
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
