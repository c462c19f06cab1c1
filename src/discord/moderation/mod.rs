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

mod form;
mod ids;
mod interactions;
mod log;

use std::sync::Arc;
use std::sync::atomic::Ordering;

use serenity::all::{
    AutocompleteChoice, CreateAutocompleteResponse, CreateInteractionResponse, Member, User,
};

pub use form::{EntryForm, field as form_field, new_entry_id, resolve_section};
pub use ids::ModId;
pub use interactions::{handles_component, on_component, on_modal};
pub use log::forward_store_events;

use super::checks;
use super::commands::respond;
use super::render::{self, Rendered, limits, moderation as view};
use super::retry::with_retry;
use super::{Context, Data, Error};
use crate::knowledge::{Actor, Applied, EditError, Entry, EntryVersion, KnowledgeStore};

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
    if !allowed(ctx).await? {
        return Ok(());
    }
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
    #[autocomplete = "super::commands::autocomplete_entry"]
    entry: String,
) -> Result<(), Error> {
    if !allowed(ctx).await? {
        return Ok(());
    }
    let Some((entry, version)) = find_entry(ctx.data(), &entry) else {
        return respond(ctx, render::notices::unknown_entry(), true).await;
    };
    let modal_id = ModId::Edit {
        version,
        entry_id: entry.id.clone(),
    };
    if !modal_id.fits() {
        return respond(ctx, view::notices::id_too_long(&entry.id), true).await;
    }
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
    #[autocomplete = "super::commands::autocomplete_entry"]
    entry: String,
) -> Result<(), Error> {
    if !allowed(ctx).await? {
        return Ok(());
    }
    let Some((entry, version)) = find_entry(ctx.data(), &entry) else {
        return respond(ctx, render::notices::unknown_entry(), true).await;
    };
    let confirm = ModId::ConfirmRemove {
        version,
        entry_id: entry.id.clone(),
    };
    if !confirm.fits() {
        return respond(ctx, view::notices::id_too_long(&entry.id), true).await;
    }
    respond(ctx, view::confirm_remove(&entry, &confirm), true).await
}

/// Add another way patients ask an FAQ question.
#[poise::command(slash_command)]
async fn alias(
    ctx: Context<'_>,
    #[description = "The FAQ entry"]
    #[autocomplete = "super::commands::autocomplete_entry"]
    entry: String,
    #[description = "The phrasing, as a patient would type it"] phrase: String,
) -> Result<(), Error> {
    if !allowed(ctx).await? {
        return Ok(());
    }
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
    if !allowed(ctx).await? {
        return Ok(());
    }
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
    #[autocomplete = "super::commands::autocomplete_entry"]
    entry: Option<String>,
) -> Result<(), Error> {
    if !allowed(ctx).await? {
        return Ok(());
    }
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
            respond(ctx, render::notices::failed(), true).await
        }
    }
}

/// Re-read the knowledge files from disk.
#[poise::command(slash_command)]
async fn reload(ctx: Context<'_>) -> Result<(), Error> {
    if !allowed(ctx).await? {
        return Ok(());
    }
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
    if !allowed(ctx).await? {
        return Ok(());
    }
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
    let needle = partial.trim().to_lowercase();
    let choices = engine
        .knowledge()
        .article
        .sections
        .iter()
        .filter(|s| {
            needle.is_empty()
                || s.id.to_lowercase().contains(&needle)
                || s.title.to_lowercase().contains(&needle)
        })
        .filter(|s| render::len(&s.id) <= limits::AUTOCOMPLETE_VALUE)
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|s| {
            AutocompleteChoice::new(
                render::clamp(
                    &format!("{} ({})", s.title, s.id),
                    limits::AUTOCOMPLETE_NAME,
                ),
                s.id.clone(),
            )
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// Whether the command's user is a moderator; if not, they are told so (and it is logged).
async fn allowed(ctx: Context<'_>) -> Result<bool, Error> {
    let data = ctx.data();
    if is_moderator(ctx_member(ctx), data) {
        return Ok(true);
    }
    tracing::info!(command = %ctx.command().qualified_name, user = %ctx.author().id, "moderator command refused: not a moderator");
    respond(ctx, refusal(data), true).await?;
    Ok(false)
}

pub(crate) fn is_moderator(member: Option<&Member>, data: &Data) -> bool {
    checks::is_moderator(member, &data.discord().moderator_role_ids)
}

pub(crate) fn refusal(data: &Data) -> Rendered {
    view::notices::not_moderator(!data.discord().moderator_role_ids.is_empty())
}

fn ctx_member<'a>(ctx: Context<'a>) -> Option<&'a Member> {
    match ctx {
        poise::Context::Application(app) => app.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    }
}

/// Who made a change, for the audit log: the Discord user id and the name people see.
pub(crate) fn actor_of(member: Option<&Member>, user: &User) -> Actor {
    let name = member
        .and_then(|m| m.nick.clone())
        .or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone());
    Actor::new(user.id.to_string(), name)
}

/// An entry by id, or by its question typed out in full, with its current version.
pub(crate) fn find_entry(data: &Data, typed: &str) -> Option<(Entry, EntryVersion)> {
    let engine = data.service.engine();
    super::commands::find_entry(engine.knowledge(), typed).map(|e| (e.clone(), EntryVersion::of(e)))
}

/// Runs `f` on the store on a blocking thread (store calls do file I/O).
pub(crate) async fn blocking<T: Send + 'static>(
    data: &Data,
    f: impl FnOnce(&KnowledgeStore) -> T + Send + 'static,
) -> Result<T, Error> {
    let store: Arc<KnowledgeStore> = data.store.clone();
    Ok(tokio::task::spawn_blocking(move || f(&store)).await?)
}

/// The reply to an edit, counting it when it was applied.
pub(crate) fn outcome(data: &Data, result: Result<Applied, EditError>) -> Rendered {
    match result {
        Ok(applied) => {
            data.service.stats().record_edit();
            view::applied(&applied)
        }
        Err(error) => {
            tracing::info!(error = %error, "FAQ change refused");
            view::rejected(&error)
        }
    }
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
