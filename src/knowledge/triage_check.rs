//! The checks `faqbot check` runs on the triage rules (`knowledge/triage.toml`).

use std::collections::{HashMap, HashSet};

use super::model::Knowledge;
use super::problem::{KnowledgeFile, Problem};
use super::triage_rules::{RuleKind, spelling_entry};

/// Checks the triage rules; problems name the rule (item) and field so the loader can
/// give their line.
pub fn problems(k: &Knowledge, out: &mut Vec<Problem>) {
    let t = &k.triage;
    let mut file_problem = |message: String| {
        out.push(Problem {
            file: KnowledgeFile::Triage,
            item: None,
            field: None,
            message,
        })
    };
    for (name, text) in [
        ("reply.urgent", &t.reply.urgent),
        ("reply.crisis", &t.reply.crisis),
        ("reply.personal_advice", &t.reply.personal_advice),
    ] {
        if text.message.trim().is_empty() {
            file_problem(format!("{name}.message must not be empty"));
        }
        for step in &text.steps {
            if step.heading.trim().is_empty() {
                file_problem(format!("{name}.step has an empty heading"));
            }
            for c in &step.contacts {
                if c.label.trim().is_empty() || !is_contact_href(&c.href) {
                    file_problem(format!(
                        "{name}.step contact {:?} needs a label and an href starting tel:, sms:, https:// or mailto:",
                        c.href
                    ));
                }
            }
        }
    }
    if !t.reply.personal_advice.steps.is_empty() {
        file_problem("reply.personal_advice cannot have a care card (step)".to_owned());
    }
    if t.reply
        .warning_signs
        .as_ref()
        .is_some_and(|w| w.message.trim().is_empty())
    {
        file_problem("reply.warning_signs.message must not be empty".to_owned());
    }
    if t.reply
        .support_line
        .as_ref()
        .is_some_and(|s| s.trim().is_empty())
    {
        file_problem("reply.support_line must not be empty".to_owned());
    }
    if t.negation.window == 0 {
        file_problem("negation.window must be at least 1".to_owned());
    }
    rule_problems(k, out);
}

fn is_contact_href(href: &str) -> bool {
    ["tel:", "sms:", "https://", "mailto:"]
        .iter()
        .any(|p| href.starts_with(p) && href.len() > p.len())
}

fn rule_problems(k: &Knowledge, out: &mut Vec<Problem>) {
    let t = &k.triage;
    let concepts: HashMap<&str, usize> = t
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RuleKind::Concept)
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut ids = HashSet::new();
    for (i, rule) in t.rules.iter().enumerate() {
        let mut problem = |field: &'static str, message: String| {
            out.push(Problem {
                file: KnowledgeFile::Triage,
                item: Some(i),
                field: Some(field),
                message,
            })
        };
        if !ids.insert(rule.id.as_str()) {
            problem("id", format!("duplicate rule id {:?}", rule.id));
        }
        if rule.any.is_empty() && rule.all.is_empty() {
            problem(
                "id",
                format!("rule {:?} has neither `any` nor `all`", rule.id),
            );
        }
        if rule.all.iter().any(|g| g.is_empty()) {
            problem(
                "all",
                format!("rule {:?} has an empty group in `all`", rule.id),
            );
        }
        if !rule.kind.decides() && (!rule.all.is_empty() || !rule.except.is_empty()) {
            problem(
                "id",
                format!(
                    "{:?} is a {}: only `any` is read",
                    rule.id,
                    kind_name(rule.kind)
                ),
            );
        }
        for (field, phrase) in rule.phrases() {
            if phrase.trim().is_empty() || phrase.trim() == "*" {
                problem(field, format!("rule {:?} has an empty phrase", rule.id));
            } else if let Some(name) = phrase.trim().strip_prefix('@') {
                if rule.kind == RuleKind::Concept {
                    problem(
                        field,
                        format!(
                            "concept {:?} refers to @{name}: concepts list words, not other concepts",
                            rule.id
                        ),
                    );
                } else if !concepts.contains_key(name) {
                    problem(
                        field,
                        format!("rule {:?}: unknown concept @{name}", rule.id),
                    );
                }
            } else if phrase.contains('@') {
                problem(
                    field,
                    format!(
                        "rule {:?}: {phrase:?} - a concept is written alone, as \"@name\"",
                        rule.id
                    ),
                );
            } else if rule.kind == RuleKind::Spelling && spelling_entry(phrase).is_none() {
                problem(
                    field,
                    format!("spelling {phrase:?} should read \"word: variant variant\""),
                );
            }
        }
    }
}

fn kind_name(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Concept => "concept",
        RuleKind::Spelling => "spelling list",
        _ => "rule",
    }
}
