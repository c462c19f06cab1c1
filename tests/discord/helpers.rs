//! Small readers for what the bot sent.

use serde_json::Value;

use crate::support::fake_discord::Request;

/// Interaction callback types.
pub const MESSAGE: u64 = 4;
pub const ACK: u64 = 6;
pub const UPDATE: u64 = 7;
pub const AUTOCOMPLETE: u64 = 8;
/// The ephemeral message flag.
pub const EPHEMERAL: u64 = 64;

/// The message part of a callback (its `data`) or of a channel message (the body).
pub fn message(r: &Request) -> &Value {
    if r.path.ends_with("/callback") {
        &r.body["data"]
    } else {
        &r.body
    }
}

pub fn kind(r: &Request) -> u64 {
    r.body["type"].as_u64().expect("callback type")
}

pub fn is_ephemeral(r: &Request) -> bool {
    message(r)["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

pub fn embed(r: &Request) -> &Value {
    &message(r)["embeds"][0]
}

pub fn text(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// Every component of every action row.
pub fn components(r: &Request) -> Vec<Value> {
    message(r)["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .collect()
}

/// The custom id of the component whose custom id starts with `prefix`.
pub fn custom_id(r: &Request, prefix: &str) -> String {
    components(r)
        .iter()
        .filter_map(|c| c["custom_id"].as_str())
        .find(|id| id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no component {prefix}* in {:#}", message(r)))
        .to_owned()
}

pub fn has_component(r: &Request, prefix: &str) -> bool {
    components(r)
        .iter()
        .filter_map(|c| c["custom_id"].as_str())
        .any(|id| id.starts_with(prefix))
}

/// A patient notice ("thanks", "please wait", "too long"…) in its one compact shape: no
/// text content, one embed with the notice as its description and the disclaimer as its
/// footer, no title. Returns the notice.
pub fn notice(r: &Request) -> &str {
    let m = message(r);
    assert!(
        text(&m["content"]).is_empty(),
        "a notice has no text content: {m:#}"
    );
    let embeds = m["embeds"].as_array().expect("embeds");
    assert_eq!(embeds.len(), 1, "one embed: {m:#}");
    let e = &embeds[0];
    assert!(e.get("title").is_none(), "no title: {m:#}");
    assert!(
        !text(&e["footer"]["text"]).is_empty(),
        "the disclaimer: {m:#}"
    );
    let description = text(&e["description"]);
    assert!(!description.is_empty(), "the notice: {m:#}");
    description
}
