//! `/section <name>`: posts a whole article section, split across embeds and messages
//! within Discord's limits (see [`render::sections`]), with a link to it on the web and the
//! disclaimer.
//!
//! Like `/faq show` it is a look-up, not a question: it does not count as one, is not held
//! by the question cooldown, and is ephemeral in guilds when `discord.ephemeral_answers` is
//! on (never in DMs), as `/ask` answers are.

use super::commands::{ephemeral_here, respond};
use super::render::{self, sections};
use super::retry::with_retry;
use super::{Context, Error};
use crate::engine::fold;
use crate::knowledge::{Knowledge, Section};

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
    let Some(section) = find(knowledge, &name) else {
        tracing::info!(command = "section", "unknown section");
        let titles: Vec<&str> = knowledge
            .article
            .sections
            .iter()
            .map(|s| s.title.as_str())
            .collect();
        let notice = sections::unknown(&titles).with_disclaimer(data.disclaimer());
        return respond(ctx, notice, true).await;
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
        let reply = rendered.to_poise_reply(ephemeral);
        with_retry("section message", || ctx.send(reply.clone())).await?;
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
    sections::choices(matching(engine.knowledge(), partial))
}

/// The section `name` stands for: its id or slug (what autocomplete sends, or a link's
/// anchor) or its title, ignoring case (and, for titles, punctuation and accents).
pub fn find<'a>(knowledge: &'a Knowledge, name: &str) -> Option<&'a Section> {
    let name = name.trim().trim_start_matches('#');
    if name.is_empty() {
        return None;
    }
    let all = &knowledge.article.sections;
    let folded = fold(name);
    all.iter()
        .find(|s| s.id == name || s.slug == name)
        .or_else(|| {
            all.iter().find(|s| {
                s.id.eq_ignore_ascii_case(name)
                    || s.slug.eq_ignore_ascii_case(name)
                    || s.title.trim().to_lowercase() == name.to_lowercase()
            })
        })
        .or_else(|| {
            (!folded.is_empty())
                .then(|| all.iter().find(|s| fold(&s.title) == folded))
                .flatten()
        })
}

/// Sections whose title, id or slug contains what is typed (ignoring case, punctuation and
/// accents), titles that start with it first; every section (in article order) when
/// nothing is typed.
pub fn matching<'a>(knowledge: &'a Knowledge, partial: &str) -> Vec<&'a Section> {
    let all = &knowledge.article.sections;
    let needle = fold(partial);
    if needle.is_empty() {
        return all
            .iter()
            .take(render::limits::AUTOCOMPLETE_CHOICES)
            .collect();
    }
    let slug_needle = needle.replace(' ', "-");
    let mut hits: Vec<(bool, &Section)> = all
        .iter()
        .filter_map(|s| {
            let title = fold(&s.title);
            let hit = title.contains(&needle)
                || s.id.contains(&slug_needle)
                || s.slug.contains(&slug_needle);
            hit.then_some((!title.starts_with(&needle), s))
        })
        .collect();
    // Stable: article order within each group.
    hits.sort_by_key(|(later, _)| *later);
    hits.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knowledge() -> Knowledge {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        crate::knowledge::load_dir(&dir).expect("the repository's knowledge loads")
    }

    #[test]
    fn finds_by_id_slug_or_title_ignoring_case() {
        let k = knowledge();
        let s = &k.article.sections[1];
        for name in [
            s.id.clone(),
            s.slug.clone(),
            format!("#{}", s.slug),
            s.id.to_uppercase(),
            s.title.clone(),
            format!("  {}  ", s.title.to_uppercase()),
            s.title.to_lowercase().replace(['?', '.', ','], ""),
        ] {
            assert_eq!(find(&k, &name).map(|f| &f.id), Some(&s.id), "{name:?}");
        }
        for name in ["", "   ", "#", "no such section", "?!"] {
            assert!(find(&k, name).is_none(), "{name:?}");
        }
    }

    #[test]
    fn matching_puts_title_prefixes_first_and_lists_all_when_empty() {
        let k = knowledge();
        assert_eq!(matching(&k, "").len(), k.article.sections.len().min(25));
        assert_eq!(matching(&k, "  ").len(), k.article.sections.len().min(25));
        let s = &k.article.sections[2];
        let first_word = s.title.split_whitespace().next().unwrap();
        let found = matching(&k, &first_word.to_uppercase());
        assert!(found.iter().any(|f| f.id == s.id), "{first_word}");
        assert!(fold(&found[0].title).starts_with(&fold(first_word)));
        assert!(matching(&k, "zzzz-nothing").is_empty());
        assert_eq!(matching(&k, &s.id)[0].id, s.id);
    }
}
