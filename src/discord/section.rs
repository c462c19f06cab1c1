//! `/section <name>`: posts a whole article section, split across embeds and messages
//! within Discord's limits (see [`sections`]), with a link to it on the web and the
//! disclaimer. Sections are found by the knowledge's one look-up
//! ([`Knowledge::find_section`](crate::knowledge::Knowledge::find_section)).
//!
//! Like `/faq show` it is a look-up, not a question: it does not count as one, is not held
//! by the question cooldown, and is ephemeral in guilds when `discord.ephemeral_answers` is
//! on (never in DMs), as `/ask` answers are.

use super::limits::AUTOCOMPLETE_CHOICES;
use super::render::sections;
use super::respond;
use super::state::{Context, Error, ephemeral_here};

/// Read a whole section of the article.
#[poise::command(slash_command, rename = "section")]
pub async fn section(
    ctx: Context<'_>,
    #[description = "The section's title"]
    #[autocomplete = "autocomplete_section"]
    name: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let engine = data.service.engine();
    let knowledge = engine.knowledge();
    let ephemeral = ephemeral_here(ctx);
    let Some(section) = knowledge.find_section(&name) else {
        tracing::info!(command = "section", "unknown section");
        let titles: Vec<&str> = knowledge
            .article
            .sections
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        let notice = sections::unknown(&titles).with_disclaimer(data.disclaimer());
        return respond::command(ctx, notice, true).await;
    };
    let messages = sections::messages(
        section,
        &engine.links().section_url(section),
        engine.disclaimer(),
        &data.audience(ctx.author().id, !ephemeral),
    );
    let count = messages.len();
    // The first is the interaction response; poise sends the rest as follow-ups.
    for rendered in messages {
        respond::command(ctx, rendered, ephemeral).await?;
    }
    tracing::info!(
        command = "section",
        section = %section.id,
        messages = count,
        ephemeral,
        "section posted"
    );
    Ok(())
}

/// Section titles that fit what is typed; the chosen value is the section id.
pub async fn autocomplete_section(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::all::CreateAutocompleteResponse {
    let engine = ctx.data().service.engine();
    sections::choices(
        engine
            .knowledge()
            .sections_matching(partial)
            .into_iter()
            .take(AUTOCOMPLETE_CHOICES),
    )
}
