//! What the moderator tools' commands and their forms and buttons share: who is a
//! moderator (asked again on every submission and click), who made a change, the store
//! call on a blocking thread, and the reply to an edit.

use std::sync::Arc;

use serenity::all::{Member, User};

use crate::discord::checks;
use crate::discord::render::Rendered;
use crate::discord::render::moderation::{self as view, notices};
use crate::discord::state::{Data, Error};
use crate::knowledge::{Actor, Applied, EditError, Entry, EntryVersion, KnowledgeStore};

pub fn is_moderator(member: Option<&Member>, data: &Data) -> bool {
    checks::is_moderator(member, &data.discord().moderator_role_ids)
}

pub fn refusal(data: &Data) -> Rendered {
    notices::not_moderator(!data.discord().moderator_role_ids.is_empty())
}

/// Who made a change, for the audit log: the Discord user id and the name people see.
pub fn actor_of(member: Option<&Member>, user: &User) -> Actor {
    let name = member
        .and_then(|m| m.nick.clone())
        .or_else(|| user.global_name.clone())
        .unwrap_or_else(|| user.name.clone());
    Actor::new(user.id.to_string(), name)
}

/// An entry by id, or by its question typed out in full, with its current version.
pub fn find_entry(data: &Data, typed: &str) -> Option<(Entry, EntryVersion)> {
    let engine = data.service.engine();
    engine
        .knowledge()
        .find_entry(typed)
        .map(|e| (e.clone(), EntryVersion::of(e)))
}

/// Runs `f` on the store on a blocking thread (store calls do file I/O).
pub async fn blocking<T: Send + 'static>(
    data: &Data,
    f: impl FnOnce(&KnowledgeStore) -> T + Send + 'static,
) -> Result<T, Error> {
    let store: Arc<KnowledgeStore> = data.store.clone();
    Ok(tokio::task::spawn_blocking(move || f(&store)).await?)
}

/// The reply to an edit, counting it when it was applied.
pub fn outcome(data: &Data, result: Result<Applied, EditError>) -> Rendered {
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
