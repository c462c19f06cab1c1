//! A reply from the engine as a Discord message: the answer (passage, evidence note,
//! section link, feedback buttons, a row of related questions), "did you mean" with its
//! menu, "not in the FAQ" with the topics, and urgent-care guidance.

use serenity::all::{
    CreateActionRow, CreateButton, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption,
    UserId,
};

use super::buttons::{feedback_button, related_row, remove_button, remove_row};
use super::care_card::care_card;
use super::colour;
use super::escape::escape_clamped;
use super::message::{EmbedSpec, Rendered};
use super::text::{clamp, is_link, len, non_empty, quote, shorten_passage};
use crate::discord::custom_id::ComponentAction;
use crate::discord::limits;
use crate::reply::{Match, NoMatchReason, Outcome, Related, Reply, Urgent};

/// The title of a "did you mean" embed.
pub const SUGGESTIONS_TITLE: &str = "Did you mean…";
/// The field that carries the asker's question on a "did you mean" embed, so a pick can
/// record it without the bot keeping any state.
pub const ASKED_FIELD: &str = "You asked";
/// The label of the link button under an answer.
pub const READ_SECTION_LABEL: &str = "Read the full section";

/// What a reply's rendering depends on besides the reply itself.
#[derive(Debug, Clone)]
pub struct Audience {
    /// Who asked: only they (or a moderator) may remove the answer, or pick a suggestion in place.
    pub asker: UserId,
    /// A public message gets a 🗑 button; an ephemeral one has Discord's own "dismiss".
    pub public: bool,
    /// The sections as topics patients recognise (their labels), listed when the FAQ has
    /// no answer.
    pub topics: Vec<String>,
}

/// Renders any reply from the engine.
pub fn reply(reply: &Reply, audience: &Audience) -> Rendered {
    let mut rendered = match &reply.outcome {
        Outcome::Answer(m) => answer(m, &reply.related, &reply.disclaimer, audience),
        Outcome::Suggestions(list) => {
            suggestions(&reply.question, list, &reply.disclaimer, audience)
        }
        Outcome::NoMatch { reason, message } => {
            no_match(*reason, message, &reply.disclaimer, audience)
        }
        Outcome::Urgent(u) => urgent(u, &reply.disclaimer, audience),
    };
    // The gentle support line for a passing mention of crisis, above the answer.
    if let Some(line) = &reply.support
        && rendered.content.is_none()
    {
        rendered.content = Some(clamp(line, limits::CONTENT));
    }
    rendered
}

fn answer(m: &Match, related: &[Related], disclaimer: &str, audience: &Audience) -> Rendered {
    let mut spec = EmbedSpec {
        title: clamp(&m.question, limits::EMBED_TITLE),
        description: String::new(),
        colour: colour::ANSWER,
        fields: Vec::new(),
        footer: disclaimer.to_owned(),
    };
    if let Some(note) = &m.evidence_note {
        spec.fields.push((
            "Evidence note".to_owned(),
            clamp(note, limits::FIELD_VALUE),
            false,
        ));
    }
    if !m.section.title.is_empty() {
        spec.fields.push((
            "From the article".to_owned(),
            clamp(&m.section.title, limits::FIELD_VALUE),
            false,
        ));
    }
    spec.description = fit_quote(&m.passage, &spec);
    let mut row = Vec::new();
    if is_link(&m.section.url) {
        row.push(CreateButton::new_link(&m.section.url).label(READ_SECTION_LABEL));
    }
    row.extend(
        [true, false]
            .map(|helpful| feedback_button(helpful, &m.entry_id))
            .into_iter()
            .flatten(),
    );
    if audience.public {
        row.push(remove_button(audience.asker));
    }
    // Discord refuses an empty row.
    let mut rows: Vec<CreateActionRow> = (!row.is_empty())
        .then_some(CreateActionRow::Buttons(row))
        .into_iter()
        .collect();
    rows.extend(related_row(audience.asker, related));
    Rendered::new(vec![spec], rows)
}

/// The passage as a quote that fits the description and the embed's total, shortened at a
/// sentence boundary when it must be. The footer (disclaimer) is never what gives way.
fn fit_quote(passage: &str, spec: &EmbedSpec) -> String {
    let room = limits::EMBED_TOTAL
        .saturating_sub(spec.total_len())
        .min(limits::EMBED_DESCRIPTION);
    let mut max = room;
    loop {
        let quoted = quote(&shorten_passage(passage, max));
        if len(&quoted) <= room || max == 0 {
            return quoted;
        }
        max = max.saturating_sub((len(&quoted) - room).max(8));
    }
}

fn suggestions(question: &str, list: &[Match], disclaimer: &str, audience: &Audience) -> Rendered {
    let mut description = match list {
        [only] => format!(
            "Is this what you mean?\n\n**{}**\n\nPick it below to see the answer.",
            clamp(&only.question, 300)
        ),
        _ => {
            let mut text = String::from("I'm not sure which of these you mean. Pick one below:\n");
            for (i, m) in list.iter().take(limits::SELECT_OPTIONS).enumerate() {
                text.push_str(&format!("\n{}. {}", i + 1, clamp(&m.question, 300)));
            }
            text
        }
    };
    description.truncate(description.trim_end().len());
    let spec = EmbedSpec {
        title: SUGGESTIONS_TITLE.to_owned(),
        description: clamp(&description, limits::EMBED_DESCRIPTION),
        colour: colour::SUGGESTIONS,
        fields: vec![(
            ASKED_FIELD.to_owned(),
            escape_clamped(non_empty(question), limits::FIELD_VALUE),
            false,
        )],
        footer: disclaimer.to_owned(),
    };
    // A menu value is the entry id, whole (a cut-off one would pick nothing).
    let options: Vec<CreateSelectMenuOption> = list
        .iter()
        .take(limits::SELECT_OPTIONS)
        .filter(|m| len(&m.entry_id) <= limits::SELECT_VALUE)
        .map(|m| {
            let mut option = CreateSelectMenuOption::new(
                clamp(&m.question, limits::SELECT_LABEL),
                m.entry_id.clone(),
            );
            if !m.section.title.is_empty() {
                option = option.description(clamp(
                    &format!("From: {}", m.section.title),
                    limits::SELECT_DESCRIPTION,
                ));
            }
            option
        })
        .collect();
    let mut components = Vec::new();
    if !options.is_empty() {
        let menu = CreateSelectMenu::new(
            ComponentAction::Pick {
                asker: audience.asker,
            }
            .encode(),
            CreateSelectMenuKind::String { options },
        )
        .placeholder(if list.len() == 1 {
            "Show this answer"
        } else {
            "Choose the question you meant"
        });
        components.push(CreateActionRow::SelectMenu(menu));
    }
    if audience.public {
        components.push(CreateActionRow::Buttons(vec![remove_button(
            audience.asker,
        )]));
    }
    Rendered::new(vec![spec.fit_description()], components)
}

fn no_match(
    reason: NoMatchReason,
    message: &str,
    disclaimer: &str,
    audience: &Audience,
) -> Rendered {
    let title = match reason {
        NoMatchReason::OutOfScope => "That's not in the FAQ",
        NoMatchReason::PersonalAdvice => "I can't give personal medical advice",
        NoMatchReason::Empty => "Ask me a question",
        NoMatchReason::WarningSigns => "Warning signs with back pain",
        NoMatchReason::SmallTalk => "Hello! Here's what I can help with",
    };
    // Knowledge texts are often TOML multi-line strings ending in a newline.
    let mut description = message.trim_end().to_owned();
    if !audience.topics.is_empty() {
        description.push_str("\n\n**What I can help with:**");
        for topic in &audience.topics {
            description.push_str(&format!("\n• {topic}"));
        }
        description.push_str(
            "\n\nUse `/faq topics` to see them, or `/ask` with a question about one of them.",
        );
    }
    let spec = EmbedSpec {
        title: title.to_owned(),
        description: clamp(&description, limits::EMBED_DESCRIPTION),
        colour: colour::NO_MATCH,
        fields: Vec::new(),
        footer: disclaimer.to_owned(),
    };
    Rendered::new(
        vec![spec.fit_description()],
        remove_row(audience.asker, audience.public),
    )
}

fn urgent(u: &Urgent, disclaimer: &str, audience: &Audience) -> Rendered {
    let title = if u.title.trim().is_empty() {
        "Please get medical help now"
    } else {
        u.title.as_str()
    };
    let spec = EmbedSpec {
        title: format!("🚨 {}", clamp(title, limits::EMBED_TITLE - 3)),
        description: clamp(&care_card(u), limits::EMBED_DESCRIPTION),
        colour: colour::URGENT,
        fields: Vec::new(),
        footer: disclaimer.to_owned(),
    };
    Rendered::new(
        vec![spec.fit_description()],
        remove_row(audience.asker, audience.public),
    )
}
