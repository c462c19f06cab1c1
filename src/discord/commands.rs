//! The slash commands: `/ask` and `/faq` (topics, show). `/faq` is a parent command whose
//! subcommands come from [`faq_subcommands`], so more (moderator tools) slot in there.

use std::time::Instant;

use super::render::{self, Rendered, notices};
use super::retry::with_retry;
use super::state::Gate;
use super::{Command, Context, Error};
use crate::knowledge::{Entry, Knowledge};

/// Every command the bot registers.
pub fn commands() -> Vec<Command> {
    vec![
        ask(),
        faq(),
        super::section::section(),
        super::moderation::faqmod(),
    ]
}

/// `/faq` with all of its subcommands.
pub fn faq() -> Command {
    let mut faq = faq_root();
    faq.subcommands = faq_subcommands();
    faq.subcommand_required = true;
    faq
}

/// The subcommands of `/faq`. Add new ones here.
pub fn faq_subcommands() -> Vec<Command> {
    vec![topics(), show()]
}

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
    if let Gate::Refuse { notice, reason, .. } = data.gate(ctx.author().id, &question) {
        tracing::info!(command = "ask", reason, "question refused");
        return respond(ctx, notice, true).await;
    }
    let reply = data.service.ask(&question);
    let rendered = render::reply(&reply, &data.audience(ctx.author().id, !ephemeral));
    respond(ctx, rendered, ephemeral).await?;
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
    let engine = ctx.data().service.engine();
    render::question_choices(engine.autocomplete(partial, render::limits::AUTOCOMPLETE_CHOICES))
}

/// Browse the FAQ.
#[poise::command(slash_command, rename = "faq")]
pub async fn faq_root(_ctx: Context<'_>) -> Result<(), Error> {
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
    respond(ctx, rendered, ephemeral_here(ctx)).await
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
    let Some(reply) = find_entry(engine.knowledge(), &entry)
        .and_then(|e| engine.answer_entry(&e.id, &e.question))
    else {
        let notice = notices::unknown_entry().with_disclaimer(data.disclaimer());
        return respond(ctx, notice, true).await;
    };
    let rendered = render::reply(&reply, &data.audience(ctx.author().id, !ephemeral));
    respond(ctx, rendered, ephemeral).await?;
    tracing::info!(command = "faq show", entry = entry_id(&reply), "shown");
    Ok(())
}

/// The entry `typed` names: its id (what autocomplete sends) or its question typed out in
/// full, ignoring case.
pub fn find_entry<'a>(knowledge: &'a Knowledge, typed: &str) -> Option<&'a Entry> {
    let typed = typed.trim();
    knowledge.entry(typed).or_else(|| {
        knowledge
            .faq
            .iter()
            .find(|e| e.question.eq_ignore_ascii_case(typed))
    })
}

/// FAQ entries that fit what is typed; the chosen value is the entry id.
pub async fn autocomplete_entry(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::all::CreateAutocompleteResponse {
    let engine = ctx.data().service.engine();
    render::entry_choices(engine.autocomplete(partial, render::limits::AUTOCOMPLETE_CHOICES))
}

/// Whether replies here are ephemeral: in guilds when the operator says so; never in DMs.
pub fn ephemeral_here(ctx: Context<'_>) -> bool {
    ctx.guild_id().is_some() && ctx.data().discord().ephemeral_answers
}

/// Sends the interaction response, retrying passing failures.
pub async fn respond(ctx: Context<'_>, rendered: Rendered, ephemeral: bool) -> Result<(), Error> {
    let reply = rendered.to_poise_reply(ephemeral);
    with_retry("interaction response", || ctx.send(reply.clone())).await?;
    Ok(())
}

fn entry_id(reply: &crate::Reply) -> Option<&str> {
    match &reply.outcome {
        crate::Outcome::Answer(m) => Some(m.entry_id.as_str()),
        _ => None,
    }
}
