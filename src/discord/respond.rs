//! Answering an interaction, retrying passing failures ([`with_retry`]): a slash command
//! through poise (which sends follow-ups after the first response), or a click on a
//! button or menu or a submitted form, whose response is built by the caller — or, when
//! the bot no longer knows what it was for, the private "this has expired" ([`expired`]),
//! so every interaction gets an answer.

use serenity::all::{ComponentInteraction, CreateInteractionResponse, Http, ModalInteraction};

use super::render::{Rendered, clamp, clicks, notices};
use super::retry::with_retry;
use super::state::{Context, Error};

/// Answers a slash command with `rendered` (as a follow-up if it was answered already).
pub async fn command(ctx: Context<'_>, rendered: Rendered, ephemeral: bool) -> Result<(), Error> {
    let reply = rendered.to_poise_reply(ephemeral);
    with_retry("interaction response", || ctx.send(reply.clone())).await?;
    Ok(())
}

/// An interaction that is answered with a [`CreateInteractionResponse`].
pub trait Answerable: Sync {
    /// What the call is named in logs.
    const WHAT: &'static str;
    /// The notice for one whose custom id the bot does not know.
    fn expired() -> Rendered;
    fn answer(
        &self,
        http: &Http,
        response: CreateInteractionResponse,
    ) -> impl Future<Output = Result<(), serenity::Error>> + Send;
}

/// Both kinds answer the same way; only the name in logs differs.
macro_rules! answerable {
    ($($kind:ty => $what:literal, $expired:path);* $(;)?) => {$(
        impl Answerable for $kind {
            const WHAT: &'static str = $what;
            fn expired() -> Rendered {
                $expired()
            }
            async fn answer(
                &self,
                http: &Http,
                response: CreateInteractionResponse,
            ) -> serenity::Result<()> {
                self.create_response(http, response).await
            }
        }
    )*};
}

answerable!(
    ComponentInteraction => "component response", clicks::expired_button;
    ModalInteraction => "form response", clicks::expired_form;
);

/// Answers a click or a submitted form with `response`.
pub async fn interaction<I: Answerable>(
    http: &Http,
    to: &I,
    response: CreateInteractionResponse,
) -> Result<(), Error> {
    with_retry(I::WHAT, || to.answer(http, response.clone())).await?;
    Ok(())
}

/// Answers a click or form whose custom id the bot does not know (an old message, a
/// forged id) with a private "this has expired" and the disclaimer, rather than leaving
/// Discord to show "This interaction failed".
pub async fn expired<I: Answerable>(
    http: &Http,
    to: &I,
    custom_id: &str,
    disclaimer: &str,
) -> Result<(), Error> {
    tracing::info!(what = I::WHAT, custom_id = %clamp(custom_id, 100), "unknown custom id: told it expired");
    let notice = I::expired().with_disclaimer(disclaimer);
    interaction(http, to, notice.to_interaction_response(true)).await
}

/// Answers a click on an entry removed since its message was posted (a pick or a related
/// question) with the private "that entry is gone" notice and the disclaimer.
pub async fn entry_gone(
    http: &Http,
    to: &ComponentInteraction,
    disclaimer: &str,
) -> Result<(), Error> {
    let notice = notices::unknown_entry().with_disclaimer(disclaimer);
    interaction(http, to, notice.to_interaction_response(true)).await
}
