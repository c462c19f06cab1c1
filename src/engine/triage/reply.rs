//! Turns what triage found into the reply: the care card for red flags and crisis (with
//! what in the message led to it), the warning signs for a question about them, the
//! personal-advice refusal, and the support line for a passing mention of crisis.

use super::{Assessment, Triage, severity};
use crate::knowledge::{ReplyText, RuleKind, TriageReplies};
use crate::reply::{CareStep, Contact, Mention, NoMatchReason, Outcome, Urgent, UrgentKind};

/// Triage's part of a reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Triaged {
    /// The reply triage gives instead of matching, if any.
    pub outcome: Option<Outcome>,
    /// The support line to show with whatever reply is given.
    pub support: Option<String>,
}

impl Triage {
    /// Triage's reply to `text`, worded by `replies`.
    pub fn respond(&self, text: &str, replies: &TriageReplies) -> Triaged {
        let assessment = self.assess(text);
        let outcome = self.outcome(&assessment, replies);
        let crisis = matches!(&outcome, Some(Outcome::Urgent(u)) if u.kind == UrgentKind::Crisis);
        Triaged {
            support: (assessment.support && !crisis)
                .then(|| replies.support_line.clone())
                .flatten(),
            outcome,
        }
    }

    fn outcome(&self, a: &Assessment, replies: &TriageReplies) -> Option<Outcome> {
        let top = a.fired.iter().map(|(_, k, _)| severity(*k)).max();
        let urgent = |kind: RuleKind, urgency: UrgentKind, text: &ReplyText| {
            // In the rules' order: the first is the most specific ("bladder-bowel").
            let mut fired: Vec<&(usize, RuleKind, String)> =
                a.fired.iter().filter(|(_, k, _)| *k == kind).collect();
            fired.sort_by_key(|(i, _, _)| *i);
            let mentioned = fired
                .iter()
                .map(|(i, _, quote)| Mention {
                    rule_id: self.rule_ids[*i].clone(),
                    what: self.rule_said[*i].clone(),
                    quote: quote.clone(),
                })
                .collect();
            Outcome::Urgent(Urgent::new(
                urgency,
                fired
                    .first()
                    .map(|(i, _, _)| self.rule_ids[*i].clone())
                    .unwrap_or_default(),
                text.title.clone(),
                text.steps
                    .iter()
                    .map(|s| CareStep {
                        heading: s.heading.clone(),
                        bullets: s.bullets.clone(),
                        contacts: s
                            .contacts
                            .iter()
                            .map(|c| Contact {
                                label: c.label.clone(),
                                href: c.href.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
                mentioned,
                text.message.clone(),
            ))
        };
        if top == Some(severity(RuleKind::Crisis)) {
            return Some(urgent(
                RuleKind::Crisis,
                UrgentKind::Crisis,
                &replies.crisis,
            ));
        }
        if top == Some(severity(RuleKind::RedFlag)) {
            return Some(urgent(
                RuleKind::RedFlag,
                UrgentKind::RedFlag,
                &replies.urgent,
            ));
        }
        if a.talk
            && let Some(signs) = &replies.warning_signs
        {
            return Some(Outcome::NoMatch {
                reason: NoMatchReason::WarningSigns,
                message: signs.message.clone(),
            });
        }
        top.map(|_| Outcome::NoMatch {
            reason: NoMatchReason::PersonalAdvice,
            message: replies.personal_advice.message.clone(),
        })
    }
}
