//! Submitted entry forms and clicks on the moderator tools' buttons and menus. Each one is
//! checked for a moderator again (a form or a button can outlive a role), then becomes one
//! store call and one reply.

use serenity::all::{
    ComponentInteraction, ComponentInteractionDataKind, Context as SerenityContext, Member,
    ModalInteraction, User,
};

use super::form::{self, EntryForm, new_entry_id};
use super::ids::{ModId, PREFIX};
use super::shared::{actor_of, blocking, is_moderator, outcome, refusal};
use crate::discord::render::{clamp, moderation as view};
use crate::discord::respond::{self, Answerable};
use crate::discord::state::{Data, Error};
use crate::engine::Engine;
use crate::knowledge::Entry;

/// How many entries the "add as another phrasing" menu offers.
const ALIAS_CHOICES: usize = 10;

/// Whether a component belongs to the moderator tools.
pub fn handles_component(custom_id: &str) -> bool {
    custom_id.starts_with(PREFIX)
}

/// A submitted entry form: add or edit through the store.
pub async fn on_modal(
    ctx: &SerenityContext,
    m: &ModalInteraction,
    data: &Data,
) -> Result<(), Error> {
    let Some(id) = checked_id(ctx, data, m, &m.data.custom_id, m.member.as_ref(), &m.user).await?
    else {
        return Ok(());
    };
    let form = EntryForm::from_modal(&m.data);
    let actor = actor_of(m.member.as_ref(), &m.user);
    let knowledge = data.service.engine().knowledge().clone();
    let result = match id {
        ModId::NewEntry { .. } | ModId::NewFromUnanswered { .. } => {
            let entry_id = match &id {
                ModId::NewEntry { id: Some(chosen) } => chosen.clone(),
                _ => new_entry_id(&form.question, &knowledge),
            };
            let entry = form.to_entry(&entry_id, None, &knowledge);
            let result = blocking(data, move |store| store.add(entry, &actor)).await?;
            if let (Ok(_), ModId::NewFromUnanswered { n }) = (&result, &id)
                && let Some(question) = m
                    .message
                    .as_deref()
                    .and_then(|msg| view::unanswered_question(msg, *n))
            {
                // Answered now: it leaves the unanswered list.
                data.service.unanswered().record_picked(&question);
            }
            result
        }
        ModId::Edit { version, entry_id } => {
            let entry = form.to_entry(&entry_id, knowledge.entry(&entry_id), &knowledge);
            blocking(data, move |store| {
                store.edit(&entry_id, entry, &version, &actor)
            })
            .await?
        }
        _ => {
            return respond::expired(&ctx.http, m, &m.data.custom_id, data.disclaimer()).await;
        }
    };
    respond::interaction(
        &ctx.http,
        m,
        outcome(data, result).to_interaction_response(true),
    )
    .await
}

/// A click on a moderator button or menu.
pub async fn on_component(
    ctx: &SerenityContext,
    c: &ComponentInteraction,
    data: &Data,
) -> Result<(), Error> {
    let Some(id) = checked_id(ctx, data, c, &c.data.custom_id, c.member.as_ref(), &c.user).await?
    else {
        return Ok(());
    };
    let actor = actor_of(c.member.as_ref(), &c.user);
    match id {
        ModId::ConfirmRemove { version, entry_id } => {
            let result =
                blocking(data, move |store| store.remove(&entry_id, &version, &actor)).await?;
            respond::interaction(&ctx.http, c, outcome(data, result).to_update_response()).await
        }
        ModId::CancelRemove => {
            respond::interaction(
                &ctx.http,
                c,
                view::notices::remove_cancelled().to_update_response(),
            )
            .await
        }
        ModId::UnansweredNew => {
            let Some((n, question)) = chosen_question(c) else {
                return respond::interaction(
                    &ctx.http,
                    c,
                    view::notices::question_gone().to_interaction_response(true),
                )
                .await;
            };
            let form = EntryForm {
                question: clamp(&question, EntryForm::max_len(form::field::QUESTION)),
                ..EntryForm::default()
            };
            let modal = view::entry_form(
                view::new_entry_title(),
                &ModId::NewFromUnanswered { n },
                &form,
            );
            respond::interaction(&ctx.http, c, modal).await
        }
        ModId::UnansweredAlias => {
            let Some((_, question)) = chosen_question(c) else {
                return respond::interaction(
                    &ctx.http,
                    c,
                    view::notices::question_gone().to_interaction_response(true),
                )
                .await;
            };
            let engine = data.service.engine();
            let asked = question.clone();
            // Matching a patient's text is engine work: off the async workers.
            let rendered = data
                .work
                .run(move || view::alias_choices(&asked, &alias_candidates(&engine, &asked)))
                .await?;
            respond::interaction(&ctx.http, c, rendered.to_interaction_response(true)).await
        }
        ModId::AliasTo => {
            let ComponentInteractionDataKind::StringSelect { values } = &c.data.kind else {
                return respond::expired(&ctx.http, c, &c.data.custom_id, data.disclaimer()).await;
            };
            let (Some(entry_id), Some(question)) =
                (values.first().cloned(), view::alias_question(&c.message))
            else {
                return respond::interaction(
                    &ctx.http,
                    c,
                    view::notices::question_gone().to_interaction_response(true),
                )
                .await;
            };
            let phrase = question.clone();
            let result = blocking(data, move |store| {
                store.add_alias(&entry_id, &phrase, &actor)
            })
            .await?;
            if result.is_ok() {
                // Answered now: it leaves the unanswered list.
                data.service.unanswered().record_picked(&question);
            }
            respond::interaction(&ctx.http, c, outcome(data, result).to_update_response()).await
        }
        ModId::NewEntry { .. } | ModId::NewFromUnanswered { .. } | ModId::Edit { .. } => {
            // A form's id on a button: forged, or from a version of the bot long gone.
            respond::expired(&ctx.http, c, &c.data.custom_id, data.disclaimer()).await
        }
    }
}

/// The entries a question could become another phrasing of: those the engine ranks
/// closest first, then whatever autocomplete adds, then the FAQ in file order
/// (`/faqmod alias` reaches any entry).
fn alias_candidates<'a>(engine: &'a Engine, question: &str) -> Vec<&'a Entry> {
    let knowledge = engine.knowledge();
    let mut choices: Vec<&Entry> = engine
        .rank(question, ALIAS_CHOICES)
        .into_iter()
        .filter_map(|(id, _)| knowledge.entry(id))
        .collect();
    let more = engine
        .autocomplete(question, ALIAS_CHOICES * 2)
        .into_iter()
        .chain(&knowledge.faq);
    for e in more {
        if choices.len() >= ALIAS_CHOICES {
            break;
        }
        if !choices.iter().any(|c| c.id == e.id) {
            choices.push(e);
        }
    }
    choices
}

/// What a moderator form or click is for, checked: `None` when the id is unknown (told it
/// has expired) or the user is not a moderator (refused with a private notice: a form or
/// a button can outlive a role); either way the interaction has been answered.
async fn checked_id<I: Answerable>(
    ctx: &SerenityContext,
    data: &Data,
    interaction: &I,
    custom_id: &str,
    member: Option<&Member>,
    user: &User,
) -> Result<Option<ModId>, Error> {
    let Some(id) = ModId::parse(custom_id) else {
        respond::expired(&ctx.http, interaction, custom_id, data.disclaimer()).await?;
        return Ok(None);
    };
    if !is_moderator(member, data) {
        tracing::info!(user = %user.id, what = I::WHAT, "moderator tool refused: not a moderator");
        let refusal = refusal(data).to_interaction_response(true);
        respond::interaction(&ctx.http, interaction, refusal).await?;
        return Ok(None);
    }
    Ok(Some(id))
}

/// The question number chosen in an unanswered list's menu, and the question.
fn chosen_question(c: &ComponentInteraction) -> Option<(usize, String)> {
    let ComponentInteractionDataKind::StringSelect { values } = &c.data.kind else {
        return None;
    };
    let n: usize = values.first()?.parse().ok()?;
    Some((n, view::unanswered_question(&c.message, n)?))
}
