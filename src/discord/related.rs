//! A click on a related question under an answer: the bot answers that question in place
//! for the person who asked (the message becomes the new answer, with its own related
//! questions and the disclaimer), and privately for anyone else on a public message, who
//! must not be able to change someone else's answer. A look-up, like a picked suggestion:
//! not a new question, so neither counted as one nor held by the cooldown.

use serenity::all::{ComponentInteraction, Context as SerenityContext, MessageFlags, UserId};

use super::render;
use super::respond;
use super::state::{Data, Error};

pub async fn on_click(
    ctx: &SerenityContext,
    c: &ComponentInteraction,
    data: &Data,
    asker: UserId,
    entry_id: &str,
) -> Result<(), Error> {
    let engine = data.service.engine();
    let reply = engine
        .knowledge()
        .entry(entry_id)
        .and_then(|e| engine.answer_entry(&e.id, &e.question));
    let Some(reply) = reply else {
        // Removed since the answer was posted.
        return respond::entry_gone(&ctx.http, c, data.disclaimer()).await;
    };
    let ephemeral = c
        .message
        .flags
        .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
    let by_asker = c.user.id == asker;
    let response = if by_asker {
        render::reply(&reply, &data.audience(asker, !ephemeral)).to_update_response()
    } else {
        render::reply(&reply, &data.audience(c.user.id, false)).to_interaction_response(true)
    };
    respond::interaction(&ctx.http, c, response).await?;
    tracing::info!(entry = entry_id, by_asker, "related question answered");
    Ok(())
}
