//! Builders for what Discord sends a bot: users, members, messages and interactions, shaped
//! as Discord documents them. [`super::FakeDiscord::dispatch`] checks each one against
//! serenity's own types before sending it.

use serde_json::{Value, json};

use super::ids::*;

/// Someone who talks to the bot.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: u64,
    pub name: &'static str,
    pub roles: Vec<u64>,
}

pub fn alice() -> Person {
    Person {
        id: ALICE,
        name: "alice",
        roles: vec![OTHER_ROLE],
    }
}

pub fn bob() -> Person {
    Person {
        id: BOB,
        name: "bob",
        roles: vec![],
    }
}

pub fn moderator() -> Person {
    Person {
        id: MODERATOR,
        name: "mod",
        roles: vec![MOD_ROLE],
    }
}

/// Where an interaction or message happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Guild { channel: u64 },
    Dm,
}

impl Place {
    pub fn channel(self) -> u64 {
        match self {
            Place::Guild { channel } => channel,
            Place::Dm => DM_CHANNEL,
        }
    }
}

pub const IN_GUILD: Place = Place::Guild { channel: CHANNEL };

pub fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({
        "id": id.to_string(),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": null,
        "bot": bot,
    })
}

pub fn bot_user() -> Value {
    user(BOT_ID, BOT_NAME, true)
}

pub fn member(p: &Person) -> Value {
    json!({
        "user": user(p.id, p.name, false),
        "nick": null,
        "avatar": null,
        "roles": p.roles.iter().map(u64::to_string).collect::<Vec<_>>(),
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": "2147483647",
        "communication_disabled_until": null,
    })
}

/// The fields every interaction has, for `who` in `place`.
fn interaction(id: u64, kind: u8, data: Value, who: &Person, place: Place) -> Value {
    let mut v = json!({
        "id": id.to_string(),
        "application_id": APP_ID.to_string(),
        "type": kind,
        "data": data,
        "channel_id": place.channel().to_string(),
        "channel": { "id": place.channel().to_string(), "type": if place == Place::Dm { 1 } else { 0 } },
        "token": interaction_token(id),
        "version": 1,
        "locale": "en-GB",
        "app_permissions": "2147483647",
        "entitlements": [],
        "authorizing_integration_owners": { "0": GUILD_ID.to_string() },
        "attachment_size_limit": 26_214_400,
    });
    let obj = v.as_object_mut().expect("object");
    match place {
        Place::Guild { .. } => {
            obj.insert("guild_id".into(), json!(GUILD_ID.to_string()));
            obj.insert("guild_locale".into(), json!("en-GB"));
            obj.insert("member".into(), member(who));
            obj.insert("context".into(), json!(0));
        }
        Place::Dm => {
            obj.insert("user".into(), user(who.id, who.name, false));
            obj.insert("context".into(), json!(1));
        }
    }
    v
}

/// The token of interaction `id` (what callbacks and follow-ups are addressed with).
pub fn interaction_token(id: u64) -> String {
    format!("interaction-token-{id}")
}

/// A slash command invocation (type 2).
pub fn slash(id: u64, name: &str, options: Value, who: &Person, place: Place) -> Value {
    let data = json!({
        "id": COMMAND_ID.to_string(),
        "name": name,
        "type": 1,
        "options": options,
    });
    interaction(id, 2, data, who, place)
}

/// `/ask question:<question>`.
pub fn ask(id: u64, question: &str, who: &Person, place: Place) -> Value {
    slash(
        id,
        "ask",
        json!([{ "name": "question", "type": 3, "value": question }]),
        who,
        place,
    )
}

/// `/faq <sub> [options]`.
pub fn faq(id: u64, sub: &str, options: Value, who: &Person, place: Place) -> Value {
    slash(
        id,
        "faq",
        json!([{ "name": sub, "type": 1, "options": options }]),
        who,
        place,
    )
}

/// Autocomplete (type 4) while typing `partial` into `option` of `command` (with an
/// optional subcommand).
pub fn autocomplete(
    id: u64,
    command: &str,
    sub: Option<&str>,
    option: &str,
    partial: &str,
    who: &Person,
) -> Value {
    let focused = json!([{ "name": option, "type": 3, "value": partial, "focused": true }]);
    let options = match sub {
        Some(sub) => json!([{ "name": sub, "type": 1, "options": focused }]),
        None => focused,
    };
    let data =
        json!({ "id": COMMAND_ID.to_string(), "name": command, "type": 1, "options": options });
    interaction(id, 4, data, who, IN_GUILD)
}

/// A click on a button (type 3, component 2) on `message`.
pub fn button(id: u64, custom_id: &str, message: &Value, who: &Person, place: Place) -> Value {
    let data = json!({ "custom_id": custom_id, "component_type": 2 });
    with_message(interaction(id, 3, data, who, place), message)
}

/// A choice in a string select menu (type 3, component 3) on `message`.
pub fn select(
    id: u64,
    custom_id: &str,
    values: &[&str],
    message: &Value,
    who: &Person,
    place: Place,
) -> Value {
    let data = json!({ "custom_id": custom_id, "component_type": 3, "values": values });
    with_message(interaction(id, 3, data, who, place), message)
}

/// A submitted modal (type 5): `fields` are (text input custom id, value) pairs. `message`
/// is the message whose component opened the modal, if one did.
pub fn modal_submit(
    id: u64,
    custom_id: &str,
    fields: &[(&str, &str)],
    who: &Person,
    place: Place,
    message: Option<&Value>,
) -> Value {
    let rows: Vec<Value> = fields
        .iter()
        .map(|(input, value)| {
            json!({ "type": 1, "components": [{ "type": 4, "custom_id": input, "value": value }] })
        })
        .collect();
    let data = json!({ "custom_id": custom_id, "components": rows });
    let v = interaction(id, 5, data, who, place);
    match message {
        Some(message) => with_message(v, message),
        None => v,
    }
}

fn with_message(mut interaction: Value, message: &Value) -> Value {
    interaction["message"] = message.clone();
    interaction
}

/// A message someone posts (MESSAGE_CREATE). `mentions` are user objects.
pub fn message(
    id: u64,
    place: Place,
    author: &Person,
    content: &str,
    mentions: Vec<Value>,
) -> Value {
    let mut v = json!({
        "id": id.to_string(),
        "channel_id": place.channel().to_string(),
        "author": user(author.id, author.name, false),
        "content": content,
        "timestamp": "2024-01-01T00:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": mentions,
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "type": 0,
        "flags": 0,
    });
    if let Place::Guild { .. } = place {
        v["guild_id"] = json!(GUILD_ID.to_string());
        let mut m = member(author);
        m.as_object_mut().expect("member").remove("user");
        v["member"] = m;
    }
    v
}

/// A message the bot posted, as Discord would show it: `data` is what the bot sent (the
/// `data` of an interaction callback, or a channel message body).
pub fn bot_message(id: u64, channel: u64, data: &Value) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": channel.to_string(),
        "author": bot_user(),
        "content": data.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2024-01-01T00:00:01.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": data.get("embeds").cloned().unwrap_or(json!([])),
        "components": data.get("components").cloned().unwrap_or(json!([])),
        "pinned": false,
        "type": 20,
        "flags": data.get("flags").cloned().unwrap_or(json!(0)),
        "application_id": APP_ID.to_string(),
    })
}
