//! The moderator tools: `/faqmod add | edit | remove | alias | unanswered | history |
//! reload | export`, the forms, buttons and menus they bring up, and the moderator log
//! channel. The layer is thin: Discord input → a [`KnowledgeStore`] call (on a blocking
//! thread: edits do file I/O and re-index) → a reply built by [`render::moderation`].
//!
//! Who may: the command carries `default_member_permissions = MANAGE_GUILD`, so Discord
//! shows it only to members who can manage the server — and, because Discord sets that
//! per top-level command, not per subcommand, the tools are their own `/faqmod` command
//! rather than more `/faq` subcommands (which patients must see). The real authority is
//! the runtime check against `discord.moderator_role_ids`, made again on every form
//! submission and every click: anyone else gets an ephemeral refusal and nothing changes.
//! Every reply is ephemeral.

pub mod form;
pub mod ids;
mod interactions;
mod log;
mod shared;

use std::sync::atomic::Ordering;

use serenity::all::{
    AutocompleteChoice, CreateAutocompleteResponse, CreateInteractionResponse, Member,
};

pub use interactions::{handles_component, on_component, on_modal};
pub use log::forward_store_events;

use form::{EntryForm, resolve_section};
use ids::ModId;
use shared::{actor_of, blocking, find_entry, is_moderator, outcome, refusal};

use crate::discord::limits;
use crate::discord::render::Rendered;
use crate::discord::render::moderation as view;
use crate::discord::render::{clamp, len, notices};
use crate::discord::respond::command as respond;
use crate::discord::retry::with_retry;
use crate::discord::state::{Context, Data, Error};
use crate::knowledge::{Entry, EntryVersion};

/// How many changes `/faqmod history` shows.
const HISTORY_LIMIT: usize = 10;
/// How many unanswered questions `/faqmod unanswered` shows unless asked for another number.
const UNANSWERED_DEFAULT: usize = 10;
/// The file name `/faqmod export` attaches.
pub const EXPORT_FILE_NAME: &str = "faq.toml";

/// FAQ moderator tools (moderators only).
#[poise::command(
    slash_command,
    rename = "faqmod",
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "moderators_only",
    subcommands(
        "add",
        "edit",
        "remove",
        "alias",
        "unanswered",
        "history",
        "reload",
        "export"
    ),
    subcommand_required
)]
pub async fn faqmod(_ctx: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Add an FAQ entry (opens a form).
#[poise::command(slash_command)]
async fn add(
    ctx: Context<'_>,
    #[description = "The article section the passage is quoted from (you can also type it in the form)"]
    #[autocomplete = "autocomplete_section"]
    section: Option<String>,
    #[description = "The new entry's id, lower-case words and dashes (default: made from the question)"]
    id: Option<String>,
) -> Result<(), Error> {
    let knowledge = ctx.data().service.engine().knowledge().clone();
    let form = EntryForm {
        section: section
            .map(|s| resolve_section(&s, &knowledge))
            .unwrap_or_default(),
        ..EntryForm::default()
    };
    let id = id.map(|i| i.trim().to_owned()).filter(|i| !i.is_empty());
    let modal_id = ModId::NewEntry { id: id.clone() };
    if !modal_id.fits() {
        return respond(
            ctx,
            view::notices::id_too_long(&id.unwrap_or_default()),
            true,
        )
        .await;
    }
    open_form(
        ctx,
        view::entry_form(view::new_entry_title(), &modal_id, &form),
    )
    .await
}

/// Edit an FAQ entry (opens the form filled in).
#[poise::command(slash_command)]
async fn edit(
    ctx: Context<'_>,
    #[description = "The FAQ entry"]
    #[autocomplete = "crate::discord::commands::autocomplete_entry"]
    entry: String,
) -> Result<(), Error> {
    let (entry, modal_id) = match entry_and_id(ctx.data(), &entry, |version, entry_id| {
        ModId::Edit { version, entry_id }
    }) {
        Ok(found) => found,
        Err(notice) => return respond(ctx, notice, true).await,
    };
    let form = EntryForm::from_entry(&entry);
    if !form.fits() {
        return respond(ctx, view::notices::too_big_for_form(&entry.id), true).await;
    }
    open_form(
        ctx,
        view::entry_form(&view::edit_entry_title(&entry.id), &modal_id, &form),
    )
    .await
}

/// Remove an FAQ entry (asks for confirmation).
#[poise::command(slash_command)]
async fn remove(
    ctx: Context<'_>,
    #[description = "The FAQ entry"]
    #[autocomplete = "crate::discord::commands::autocomplete_entry"]
    entry: String,
) -> Result<(), Error> {
    let (entry, confirm) = match entry_and_id(ctx.data(), &entry, |version, entry_id| {
        ModId::ConfirmRemove { version, entry_id }
    }) {
        Ok(found) => found,
        Err(notice) => return respond(ctx, notice, true).await,
    };
    respond(ctx, view::confirm_remove(&entry, &confirm), true).await
}

/// Add another way patients ask an FAQ question.
#[poise::command(slash_command)]
async fn alias(
    ctx: Context<'_>,
    #[description = "The FAQ entry"]
    #[autocomplete = "crate::discord::commands::autocomplete_entry"]
    entry: String,
    #[description = "The phrasing, as a patient would type it"] phrase: String,
) -> Result<(), Error> {
    let data = ctx.data();
    let entry_id = find_entry(data, &entry).map_or_else(|| entry.trim().to_owned(), |(e, _)| e.id);
    let actor = actor_of(ctx_member(ctx), ctx.author());
    let result = blocking(data, move |store| {
        store.add_alias(&entry_id, &phrase, &actor)
    })
    .await?;
    respond(ctx, outcome(data, result), true).await
}

/// The most frequent recent questions the FAQ could not answer.
#[poise::command(slash_command)]
async fn unanswered(
    ctx: Context<'_>,
    #[description = "How many to show (default 10)"]
    #[min = 1]
    #[max = 25]
    count: Option<u8>,
) -> Result<(), Error> {
    let n = count
        .map_or(UNANSWERED_DEFAULT, usize::from)
        .min(view::UNANSWERED_MAX);
    let list = ctx.data().service.unanswered().top(n);
    if list.is_empty() {
        return respond(ctx, view::notices::unanswered_empty(), true).await;
    }
    respond(ctx, view::unanswered(&list), true).await
}

/// Recent FAQ changes: who, when, what.
#[poise::command(slash_command)]
async fn history(
    ctx: Context<'_>,
    #[description = "Only changes to this entry"]
    #[autocomplete = "crate::discord::commands::autocomplete_entry"]
    entry: Option<String>,
) -> Result<(), Error> {
    let data = ctx.data();
    let entry = entry
        .map(|e| find_entry(data, &e).map_or_else(|| e.trim().to_owned(), |(e, _)| e.id))
        .filter(|e| !e.is_empty());
    let wanted = entry.clone();
    let records = blocking(data, move |store| {
        store.history(wanted.as_deref(), HISTORY_LIMIT)
    })
    .await?;
    match records {
        Ok(records) => respond(ctx, view::history(&records, entry.as_deref()), true).await,
        Err(e) => {
            tracing::error!(error = %e, "could not read the audit log");
            respond(ctx, notices::failed(), true).await
        }
    }
}

/// Re-read the knowledge files from disk.
#[poise::command(slash_command)]
async fn reload(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let rendered = match blocking(data, |store| store.reload()).await? {
        Ok(summary) => {
            tracing::info!(by = %ctx.author().id, entries = summary.entries, "knowledge reloaded from Discord");
            view::reloaded(&summary)
        }
        Err(errors) => view::reload_failed(&errors, crate::knowledge::ReloadTrigger::Explicit),
    };
    respond(ctx, rendered, true).await
}

/// The current FAQ file, as an attachment.
#[poise::command(slash_command)]
async fn export(ctx: Context<'_>) -> Result<(), Error> {
    let data = ctx.data();
    let text = blocking(data, |store| store.export()).await?;
    let entries = data.service.engine().knowledge().faq.len();
    let rendered = view::export(entries, EXPORT_FILE_NAME, text);
    respond(ctx, rendered, true).await?;
    tracing::info!(by = %ctx.author().id, "FAQ exported");
    Ok(())
}

/// Article sections that fit what is typed; the chosen value is the section id.
async fn autocomplete_section(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let engine = ctx.data().service.engine();
    let choices = engine
        .knowledge()
        .sections_matching(partial)
        .into_iter()
        .filter(|s| len(&s.id) <= limits::AUTOCOMPLETE_VALUE)
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|s| {
            AutocompleteChoice::new(
                clamp(
                    &format!("{} ({})", s.title, s.id),
                    limits::AUTOCOMPLETE_NAME,
                ),
                s.id.clone(),
            )
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// poise's check on `/faqmod`, and so on every subcommand: whether the command's user is a
/// moderator; if not, they are told so (and it is logged), and the command does not run.
async fn moderators_only(ctx: Context<'_>) -> Result<bool, Error> {
    let data = ctx.data();
    if is_moderator(ctx_member(ctx), data) {
        return Ok(true);
    }
    tracing::info!(command = %ctx.command().qualified_name, user = %ctx.author().id, "moderator command refused: not a moderator");
    respond(ctx, refusal(data), true).await?;
    Ok(false)
}

fn ctx_member<'a>(ctx: Context<'a>) -> Option<&'a Member> {
    match ctx {
        poise::Context::Application(app) => app.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    }
}

/// The entry `typed` names and the custom id `make` builds for it at its current version,
/// or the notice to send instead (no such entry; an id too long to ride in a custom id).
fn entry_and_id(
    data: &Data,
    typed: &str,
    make: impl FnOnce(EntryVersion, String) -> ModId,
) -> Result<(Entry, ModId), Rendered> {
    let (entry, version) = find_entry(data, typed).ok_or_else(notices::unknown_entry)?;
    let id = make(version, entry.id.clone());
    if !id.fits() {
        return Err(view::notices::id_too_long(&entry.id));
    }
    Ok((entry, id))
}

/// Answers a slash command with a form (a modal must be the first response).
async fn open_form(ctx: Context<'_>, modal: CreateInteractionResponse) -> Result<(), Error> {
    let poise::Context::Application(app) = ctx else {
        return Ok(());
    };
    with_retry("open form", || {
        app.interaction
            .create_response(ctx.serenity_context(), modal.clone())
    })
    .await?;
    app.has_sent_initial_response.store(true, Ordering::SeqCst);
    Ok(())
}
