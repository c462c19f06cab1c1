//! The moderator log channel (`discord.moderator_log_channel_id`): knowledge files that
//! failed to load (from the file watcher or `/faqmod reload`) and hand edits the watcher
//! loaded are reported there, with no mentions. The store already logs each with tracing.

use std::sync::Arc;

use serenity::all::{ChannelId, Http};
use tokio::sync::broadcast::{self, error::RecvError};

use crate::discord::render::{Rendered, moderation as view};
use crate::discord::retry::with_retry;
use crate::knowledge::{ReloadTrigger, StoreEvent};

/// What the channel hears about an event, if anything.
pub fn log_message(event: &StoreEvent) -> Option<Rendered> {
    match event {
        StoreEvent::ReloadFailed { trigger, errors } => Some(view::reload_failed(errors, *trigger)),
        StoreEvent::Reloaded(summary)
            if summary.changed && summary.trigger == ReloadTrigger::Watcher =>
        {
            Some(view::log_reloaded(summary))
        }
        _ => None,
    }
}

/// Posts store events to `channel` until the store is gone.
pub async fn forward_store_events(
    http: Arc<Http>,
    mut events: broadcast::Receiver<StoreEvent>,
    channel: ChannelId,
) {
    loop {
        let event = match events.recv().await {
            Ok(event) => event,
            Err(RecvError::Lagged(missed)) => {
                tracing::warn!(missed, "moderator log: missed some knowledge events");
                continue;
            }
            Err(RecvError::Closed) => return,
        };
        let Some(rendered) = log_message(&event) else {
            continue;
        };
        let message = rendered.to_channel_message(None);
        match with_retry("moderator log message", || {
            channel.send_message(&http, message.clone())
        })
        .await
        {
            Ok(_) => {
                tracing::info!(channel = %channel, "reported a knowledge event to the moderator log channel")
            }
            Err(e) => {
                tracing::error!(channel = %channel, error = %e, "could not post to the moderator log channel")
            }
        }
    }
}
