//! The patients' slash commands: `/ask` and `/faq` (topics, show), with their
//! autocompletes. The full command list is in [`super`].

use std::time::Instant;

use super::limits::AUTOCOMPLETE_CHOICES;
use super::render::{self, notices};
use super::respond;
use super::state::{Context, Error, Gate, ephemeral_here};
use super::work::{AUTOCOMPLETE_WAIT, bounded_partial};
use crate::knowledge::Entry;
use crate::reply::{Outcome, Reply};

/// Ask a question about acupuncture for back pain.
#[poise::command(slash_command, rename = "ask")]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, in your own words"]
    #[autocomplete = "autocomplete_question"]
    question: String,
) -> Result<(), Error> {
    let started = Instant::now();
    let data = ctx.data();
    let in_guild = ctx.guild_id().is_some();
    let ephemeral = in_guild && data.discord().ephemeral_answers;
    let reply = match data.ask(ctx.author().id, &question).await? {
        Gate::Ask(reply) => reply,
        Gate::Refuse { notice, reason, .. } => {
            tracing::info!(command = "ask", reason, "question refused");
            return respond::command(ctx, notice, true).await;
        }
    };
    let rendered = render::reply(&reply, &data.audience(ctx.author().id, !ephemeral));
    respond::command(ctx, rendered, ephemeral).await?;
    tracing::info!(
        command = "ask",
        kind = reply.kind(),
        entry = entry_id(&reply),
        in_guild,
        ephemeral,
        took_us = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
        "answered"
    );
    Ok(())
}

/// FAQ questions that fit what the patient is typing.
pub async fn autocomplete_question(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::all::CreateAutocompleteResponse {
    autocomplete_with(ctx, partial, |entries| render::question_choices(entries)).await
}

/// Browse the FAQ.
#[poise::command(
    slash_command,
    rename = "faq",
    subcommands("topics", "show"),
    subcommand_required
)]
pub async fn faq(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// What the bot can answer: the article's sections.
#[poise::command(slash_command)]
pub async fn topics(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let engine = data.service.engine();
    let rendered = render::topics(
        engine.knowledge(),
        |s| engine.links().section_url(s),
        engine.disclaimer(),
    );
    respond::command(ctx, rendered, ephemeral_here(ctx)).await
}

/// Show one FAQ answer.
#[poise::command(slash_command)]
pub async fn show(
    ctx: Context<'_>,
    #[description = "The FAQ question"]
    #[autocomplete = "autocomplete_entry"]
    entry: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let engine = data.service.engine();
    let ephemeral = ephemeral_here(ctx);
    let Some(reply) = engine
        .knowledge()
        .find_entry(&entry)
        .and_then(|e| engine.answer_entry(&e.id, &e.question))
    else {
        let notice = notices::unknown_entry().with_disclaimer(data.disclaimer());
        return respond::command(ctx, notice, true).await;
    };
    let rendered = render::reply(&reply, &data.audience(ctx.author().id, !ephemeral));
    respond::command(ctx, rendered, ephemeral).await?;
    tracing::info!(command = "faq show", entry = entry_id(&reply), "shown");
    Ok(())
}

/// FAQ entries that fit what is typed; the chosen value is the entry id.
pub async fn autocomplete_entry(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::all::CreateAutocompleteResponse {
    autocomplete_with(ctx, partial, |entries| render::entry_choices(entries)).await
}

/// The FAQ entries that fit `partial`, rendered as choices by `choices`: matched on the
/// blocking pool and given up after [`AUTOCOMPLETE_WAIT`] (Discord drops a late answer),
/// when the patient sees no choices rather than an error.
async fn autocomplete_with(
    ctx: Context<'_>,
    partial: &str,
    choices: impl for<'a> FnOnce(Vec<&'a Entry>) -> serenity::all::CreateAutocompleteResponse
    + Send
    + 'static,
) -> serenity::all::CreateAutocompleteResponse {
    let engine = ctx.data().service.engine();
    let partial = bounded_partial(partial).to_owned();
    ctx.data()
        .work
        .run_within(AUTOCOMPLETE_WAIT, move || {
            choices(engine.autocomplete(&partial, AUTOCOMPLETE_CHOICES))
        })
        .await
        .unwrap_or_default()
}

fn entry_id(reply: &Reply) -> Option<&str> {
    match &reply.outcome {
        Outcome::Answer(m) => Some(m.entry_id.as_str()),
        _ => None,
    }
}
