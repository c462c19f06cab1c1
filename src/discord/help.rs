//! `/help`: what the commands do. Moderators (by the bot's own role check, the one that
//! guards `/faqmod`) also see the moderator tools. A look-up like `/faq topics`: private in
//! servers when answers are, never held by the question cooldown.

use serenity::all::Member;

use super::checks::is_moderator;
use super::render::help;
use super::respond;
use super::state::{Context, Error, ephemeral_here};

/// How to use the bot: /ask, /section, /faq and, for moderators, /faqmod.
#[poise::command(slash_command, rename = "help")]
pub async fn help(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let moderator = is_moderator(member(ctx), &data.discord().moderator_role_ids);
    let rendered = help::help(moderator, data.disclaimer());
    respond::command(ctx, rendered, ephemeral_here(ctx)).await?;
    tracing::info!(command = "help", moderator, "help shown");
    Ok(())
}

fn member<'a>(ctx: Context<'a>) -> Option<&'a Member> {
    match ctx {
        poise::Context::Application(app) => app.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    }
}
