//! Gateway events that are not slash commands: free-text questions (mentions, DMs and the
//! configured channels — nowhere else) and clicks on the bot's buttons and menus.

use serenity::all::{
    ComponentInteraction, ComponentInteractionDataKind, Context as SerenityContext,
    CreateInteractionResponse, FullEvent, Interaction, Message, MessageFlags,
};

use super::checks;
use super::custom_id::ComponentAction;
use super::moderation;
use super::related;
use super::render::{self, Rendered, clamp, clicks, notices};
use super::respond;
use super::retry::with_retry;
use super::state::{Data, Error, Gate};

/// Handles every event poise passes on.
pub async fn handle(ctx: &SerenityContext, event: &FullEvent, data: &Data) -> Result<(), Error> {
    match event {
        FullEvent::Ready { data_about_bot } => {
            tracing::info!(
                bot = %data_about_bot.user.name,
                guilds = data_about_bot.guilds.len(),
                shard = ?data_about_bot.shard.map(|s| s.id.0),
                "connected to Discord"
            );
            Ok(())
        }
        FullEvent::Resume { .. } => {
            tracing::info!("gateway session resumed");
            Ok(())
        }
        FullEvent::Message { new_message } => on_message(ctx, new_message, data).await,
        FullEvent::InteractionCreate {
            interaction: Interaction::Component(component),
        } if moderation::handles_component(&component.data.custom_id) => {
            moderation::on_component(ctx, component, data).await
        }
        FullEvent::InteractionCreate {
            interaction: Interaction::Component(component),
        } => on_component(ctx, component, data).await,
        FullEvent::InteractionCreate {
            interaction: Interaction::Modal(modal),
        } => moderation::on_modal(ctx, modal, data).await,
        _ => Ok(()),
    }
}

/// Where a plain message came from, and so whether the bot answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Dm,
    Mention,
    FreeTextChannel,
}

async fn on_message(ctx: &SerenityContext, msg: &Message, data: &Data) -> Result<(), Error> {
    let me = ctx.cache.current_user().id;
    if msg.author.bot || msg.author.id == me || msg.webhook_id.is_some() {
        return Ok(());
    }
    let mentioned = msg.mentions.iter().any(|u| u.id == me);
    let place = if msg.guild_id.is_none() {
        Place::Dm
    } else if mentioned {
        Place::Mention
    } else if data
        .discord()
        .free_text_channel_ids
        .contains(&msg.channel_id.get())
    {
        Place::FreeTextChannel
    } else {
        // Not addressed to the bot: no surprise replies.
        return Ok(());
    };
    let question = strip_mentions(&msg.content);
    let asked = if place == Place::FreeTextChannel {
        data.ask_overheard(msg.author.id, &question).await?
    } else {
        data.ask(msg.author.id, &question).await?
    };
    let reply = match asked {
        Gate::Ask(reply) => reply,
        Gate::Refuse {
            notice,
            tell,
            reason,
        } => {
            tracing::info!(source = ?place, reason, "question refused");
            return if tell {
                send_channel(ctx, msg, &notice).await
            } else {
                Ok(())
            };
        }
    };
    if place == Place::FreeTextChannel && !reply.worth_posting_unasked() {
        // Chat among people ("anyone watching the match tonight?"), not a question the
        // FAQ could answer: no public "not in the FAQ".
        tracing::debug!(source = ?place, kind = reply.kind(), "not posted: chat, not a question");
        return Ok(());
    }
    let rendered = render::reply(&reply, &data.audience(msg.author.id, true));
    send_channel(ctx, msg, &rendered).await?;
    tracing::info!(source = ?place, kind = reply.kind(), "answered free text");
    Ok(())
}

/// The question without mentions: the bot's own, and any other user, role, channel,
/// `@everyone` or `@here` — they say who is addressed, not what is asked.
fn strip_mentions(content: &str) -> String {
    content
        .split_whitespace()
        .filter(|word| !is_mention(word))
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_mention(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '>');
    matches!(word, "@everyone" | "@here")
        || ((word.starts_with("<@") || word.starts_with("<#")) && word.ends_with('>'))
}

async fn send_channel(
    ctx: &SerenityContext,
    original: &Message,
    rendered: &Rendered,
) -> Result<(), Error> {
    let message = rendered.to_channel_message(Some(original));
    with_retry("channel message", || {
        original.channel_id.send_message(&ctx.http, message.clone())
    })
    .await?;
    Ok(())
}

async fn on_component(
    ctx: &SerenityContext,
    c: &ComponentInteraction,
    data: &Data,
) -> Result<(), Error> {
    let Some(action) = ComponentAction::parse(&c.data.custom_id) else {
        // An old component, or a forged one: it still gets an answer.
        return respond::expired(&ctx.http, c, &c.data.custom_id, data.disclaimer()).await;
    };
    match action {
        ComponentAction::Feedback { helpful, entry_id } => {
            let service = data.service.clone();
            let voter = c.user.id.get();
            let entry = entry_id.clone();
            // The log is fsynced: file I/O stays off the async workers.
            let vote = tokio::task::spawn_blocking(move || {
                service.record_feedback(voter, &entry, helpful)
            })
            .await?;
            let Some(vote) = vote else {
                tracing::info!(entry = %clamp(&entry_id, 100), "feedback for no such entry: not recorded");
                return respond::expired(&ctx.http, c, &c.data.custom_id, data.disclaimer()).await;
            };
            tracing::info!(entry = %entry_id, helpful, ?vote, "feedback");
            let notice = clicks::vote_counted_already(vote, helpful)
                .unwrap_or_else(|| notices::feedback_thanks(helpful));
            respond::interaction(
                &ctx.http,
                c,
                notice
                    .with_disclaimer(data.disclaimer())
                    .to_interaction_response(true),
            )
            .await
        }
        ComponentAction::Remove { asker } => {
            let allowed = c.user.id == asker
                || checks::is_moderator(c.member.as_ref(), &data.discord().moderator_role_ids);
            if !allowed {
                tracing::info!("remove refused: not the asker or a moderator");
                return respond::interaction(
                    &ctx.http,
                    c,
                    notices::not_allowed_to_remove()
                        .with_disclaimer(data.disclaimer())
                        .to_interaction_response(true),
                )
                .await;
            }
            respond::interaction(&ctx.http, c, CreateInteractionResponse::Acknowledge).await?;
            if c.message
                .flags
                .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL))
            {
                with_retry("delete response", || c.delete_response(&ctx.http)).await?;
            } else {
                with_retry("delete message", || {
                    c.channel_id.delete_message(&ctx.http, c.message.id)
                })
                .await?;
            }
            tracing::info!(by_asker = c.user.id == asker, "answer removed");
            Ok(())
        }
        ComponentAction::Related { asker, entry_id } => {
            related::on_click(ctx, c, data, asker, &entry_id).await
        }
        ComponentAction::Pick { asker } => {
            let ComponentInteractionDataKind::StringSelect { values } = &c.data.kind else {
                return respond::expired(&ctx.http, c, &c.data.custom_id, data.disclaimer()).await;
            };
            let engine = data.service.engine();
            let asked = asked_question(&c.message);
            let picked = values.first().and_then(|id| {
                let question = asked
                    .clone()
                    .or_else(|| engine.knowledge().entry(id).map(|e| e.question.clone()))?;
                engine.answer_entry(id, &question)
            });
            let Some(reply) = picked else {
                return respond::entry_gone(&ctx.http, c, data.disclaimer()).await;
            };
            if let Some(question) = &asked {
                data.service.unanswered().record_picked(question);
            }
            let ephemeral = c
                .message
                .flags
                .is_some_and(|f| f.contains(MessageFlags::EPHEMERAL));
            let response = if c.user.id == asker {
                // The asker's own "did you mean": it becomes the answer.
                render::reply(&reply, &data.audience(asker, !ephemeral)).to_update_response()
            } else {
                // Someone else picked on a public message: answer them privately, leave it be.
                render::reply(&reply, &data.audience(c.user.id, false))
                    .to_interaction_response(true)
            };
            respond::interaction(&ctx.http, c, response).await?;
            tracing::info!(
                entry = values.first().map(String::as_str),
                by_asker = c.user.id == asker,
                "suggestion picked"
            );
            Ok(())
        }
    }
}

/// The question a "did you mean" message was for, as its embed carries it (escaped).
fn asked_question(message: &Message) -> Option<String> {
    message
        .embeds
        .iter()
        .flat_map(|e| &e.fields)
        .find(|f| f.name == render::ASKED_FIELD)
        .map(|f| render::escape::unescape(&f.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_mentions_from_the_question() {
        assert_eq!(
            strip_mentions("<@99> what is acupuncture?"),
            "what is acupuncture?"
        );
        assert_eq!(
            strip_mentions("hey <@!99>  does it   hurt"),
            "hey does it hurt"
        );
        assert_eq!(strip_mentions("<@12> and <@99>"), "and");
        assert_eq!(
            strip_mentions("<@99> is it safe? @everyone <@&5> <#7>, @here."),
            "is it safe?"
        );
    }
}
