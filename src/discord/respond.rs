//! Answering an interaction, retrying passing failures ([`with_retry`]): a slash command
//! through poise (which sends follow-ups after the first response), or a click on a
//! button or menu or a submitted form, whose response is built by the caller.

use serenity::all::{ComponentInteraction, CreateInteractionResponse, Http, ModalInteraction};

use super::render::Rendered;
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
    fn answer(
        &self,
        http: &Http,
        response: CreateInteractionResponse,
    ) -> impl Future<Output = Result<(), serenity::Error>> + Send;
}

/// Both kinds answer the same way; only the name in logs differs.
macro_rules! answerable {
    ($($kind:ty => $what:literal),* $(,)?) => {$(
        impl Answerable for $kind {
            const WHAT: &'static str = $what;
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

answerable!(ComponentInteraction => "component response", ModalInteraction => "form response");

/// Answers a click or a submitted form with `response`.
pub async fn interaction<I: Answerable>(
    http: &Http,
    to: &I,
    response: CreateInteractionResponse,
) -> Result<(), Error> {
    with_retry(I::WHAT, || to.answer(http, response.clone())).await?;
    Ok(())
}
