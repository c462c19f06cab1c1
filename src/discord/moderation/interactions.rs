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
        other => {
            tracing::debug!(?other, "not a form id");
            return Ok(());
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
            let knowledge = engine.knowledge();
            // The entries the engine ranks closest first, then whatever autocomplete adds.
            let mut choices: Vec<&Entry> = engine
                .rank(&question, ALIAS_CHOICES)
                .into_iter()
                .filter_map(|(id, _)| knowledge.entry(id))
                .collect();
            for e in engine.autocomplete(&question, ALIAS_CHOICES * 2) {
                if choices.len() >= ALIAS_CHOICES {
                    break;
                }
                if !choices.iter().any(|c| c.id == e.id) {
                    choices.push(e);
                }
            }
            // Nothing resembles it: offer the FAQ in file order (`/faqmod alias` reaches any entry).
            for e in &knowledge.faq {
                if choices.len() >= ALIAS_CHOICES {
                    break;
                }
                if !choices.iter().any(|c| c.id == e.id) {
                    choices.push(e);
                }
            }
            respond::interaction(
                &ctx.http,
                c,
                view::alias_choices(&question, &choices).to_interaction_response(true),
            )
            .await
        }
        ModId::AliasTo => {
            let ComponentInteractionDataKind::StringSelect { values } = &c.data.kind else {
                return Ok(());
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
            tracing::debug!(custom_id = %c.data.custom_id, "a form id on a component");
            Ok(())
        }
    }
}

/// What a moderator form or click is for, checked: `None` when the id is not a moderator
/// tool's (ignored) or the user is not a moderator (refused with a private notice: a form
/// or a button can outlive a role).
async fn checked_id<I: Answerable>(
    ctx: &SerenityContext,
    data: &Data,
    interaction: &I,
    custom_id: &str,
    member: Option<&Member>,
    user: &User,
) -> Result<Option<ModId>, Error> {
    let Some(id) = ModId::parse(custom_id) else {
        tracing::debug!(%custom_id, what = I::WHAT, "ignoring an unknown moderator id");
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
