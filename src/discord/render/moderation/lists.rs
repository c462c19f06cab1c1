//! The unanswered-questions list, with menus to turn a question into a new entry or an
//! alternate phrasing, and the "add as another phrasing of…" message. Questions ride in
//! the messages themselves (one embed field each), so a menu choice is read back from them.

use chrono::{DateTime, Utc};
use serenity::all::{
    CreateActionRow, CreateSelectMenu, CreateSelectMenuKind, CreateSelectMenuOption, Message,
};

use crate::discord::limits;
use crate::discord::moderation::ids::ModId;
use crate::discord::render::colour;
use crate::discord::render::message::{EmbedSpec, Rendered};
use crate::discord::render::text::{clamp, len, non_empty};
use crate::knowledge::Entry;
use crate::service::unanswered::UnansweredSummary;

/// The field that carries the question on the "add as an alternate phrasing" message.
pub const ALIAS_QUESTION_FIELD: &str = "Question";
/// How many unanswered questions one list shows (one embed field each).
pub const UNANSWERED_MAX: usize = limits::EMBED_FIELDS;

/// The most frequent recent unanswered questions, with menus to turn one into a new entry
/// or an alternate phrasing. Each question is one field whose value is the question
/// itself, so a menu choice (its number) is read back from the message.
pub fn unanswered(list: &[UnansweredSummary]) -> Rendered {
    let list = &list[..list.len().min(UNANSWERED_MAX)];
    let fields = list
        .iter()
        .enumerate()
        .map(|(i, q)| {
            (
                clamp(
                    &format!(
                        "#{} · asked {}× · last {}",
                        i + 1,
                        q.count,
                        when(q.last_asked)
                    ),
                    limits::FIELD_NAME,
                ),
                clamp(non_empty(&q.question), limits::FIELD_VALUE),
                false,
            )
        })
        .collect();
    let spec = EmbedSpec {
        title: "Unanswered questions".to_owned(),
        description: "The most frequent recent questions the FAQ had no answer for. Turn one into a new entry, or into another phrasing of an existing entry, with the menus below.".to_owned(),
        colour: colour::INFO,
        fields,
        footer: String::new(),
    }
    .fit_fields();
    let options = |verb: &str| {
        list.iter()
            .take(spec.fields.len())
            .enumerate()
            .map(|(i, q)| {
                CreateSelectMenuOption::new(
                    clamp(&format!("#{} {}", i + 1, q.question), limits::SELECT_LABEL),
                    (i + 1).to_string(),
                )
                .description(clamp(verb, limits::SELECT_DESCRIPTION))
            })
            .collect::<Vec<_>>()
    };
    let menus = vec![
        CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                ModId::UnansweredNew.encode(),
                CreateSelectMenuKind::String {
                    options: options("Opens the entry form with this question"),
                },
            )
            .placeholder("Make a new entry from…"),
        ),
        CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                ModId::UnansweredAlias.encode(),
                CreateSelectMenuKind::String {
                    options: options("Choose the entry it should lead to"),
                },
            )
            .placeholder("Add as another phrasing of an entry…"),
        ),
    ];
    Rendered::new(vec![spec], menus)
}

/// Question `n` (1-based) of an unanswered list message.
pub fn unanswered_question(message: &Message, n: usize) -> Option<String> {
    let field = message.embeds.first()?.fields.get(n.checked_sub(1)?)?;
    Some(field.value.clone()).filter(|q| !q.trim().is_empty())
}

/// "Add this question as a phrasing of…" with a menu of the entries it most resembles.
pub fn alias_choices(question: &str, entries: &[&Entry]) -> Rendered {
    let spec = EmbedSpec {
        title: "Add as another phrasing".to_owned(),
        description: "Choose the FAQ entry this question should lead to: patients asking it this way then get that entry's answer. Not listed? Use `/faqmod alias`.".to_owned(),
        colour: colour::INFO,
        fields: vec![(
            ALIAS_QUESTION_FIELD.to_owned(),
            clamp(non_empty(question), limits::FIELD_VALUE),
            false,
        )],
        footer: String::new(),
    };
    let options = entries
        .iter()
        .filter(|e| len(&e.id) <= limits::SELECT_VALUE)
        .take(limits::SELECT_OPTIONS)
        .map(|e| {
            CreateSelectMenuOption::new(clamp(&e.question, limits::SELECT_LABEL), e.id.clone())
                .description(clamp(&e.id, limits::SELECT_DESCRIPTION))
        })
        .collect();
    Rendered::new(
        vec![spec],
        vec![CreateActionRow::SelectMenu(
            CreateSelectMenu::new(
                ModId::AliasTo.encode(),
                CreateSelectMenuKind::String { options },
            )
            .placeholder("The entry it should lead to"),
        )],
    )
}

/// The question on an "add as another phrasing" message.
pub fn alias_question(message: &Message) -> Option<String> {
    message
        .embeds
        .iter()
        .flat_map(|e| &e.fields)
        .find(|f| f.name == ALIAS_QUESTION_FIELD)
        .map(|f| f.value.clone())
}

fn when(at: DateTime<Utc>) -> String {
    at.format("%-d %b %Y %H:%M UTC").to_string()
}
