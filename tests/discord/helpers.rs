//! Small readers for what the bot sent.
//!
//! Also what the tests share around them, so that each test reads as what it checks: how
//! a test starts and ends against the fake, the interactions most tests send (each
//! returns the bot's callback), and the plain values the renderer tests build on.

use faqbot::Config;
use faqbot::discord::render::Audience;
use faqbot::reply::{Outcome, Reply};
use serde_json::{Value, json};
use serenity::all::UserId;

use crate::support::bot::TestBot;
use crate::support::fake_discord::payloads::{self, IN_GUILD, Person, Place};
use crate::support::fake_discord::{ALICE, FakeDiscord, Request, alice};

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

/// The text at `key` of every item of the JSON array `list`: the names of commands or
/// fields, the values of a menu's options.
pub fn texts_of<'a>(list: &'a Value, key: &str) -> Vec<&'a str> {
    let items = list
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {list:#}"));
    items.iter().map(|item| text(&item[key])).collect()
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
    custom_ids(r)
        .into_iter()
        .find(|id| id.starts_with(prefix))
        .unwrap_or_else(|| panic!("no component {prefix}* in {:#}", message(r)))
}

pub fn has_component(r: &Request, prefix: &str) -> bool {
    custom_ids(r).iter().any(|id| id.starts_with(prefix))
}

/// The custom ids of the components that have one (link buttons have none).
fn custom_ids(r: &Request) -> Vec<String> {
    components(r)
        .iter()
        .filter_map(|c| c["custom_id"].as_str().map(str::to_owned))
        .collect()
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

/// A fake Discord and the bot against it, configured by `configure`, once the bot has
/// registered its commands: every test talks to a ready bot.
pub async fn start_bot(configure: impl FnOnce(&mut Config)) -> (FakeDiscord, TestBot) {
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start(&fake, configure).await;
    (fake, bot)
}

/// Sends the interaction `make` builds for a fresh id and waits for the bot's callback:
/// most tests look only at the reply, not at the id that ties the two together.
pub async fn send(fake: &FakeDiscord, make: impl FnOnce(u64) -> Value) -> Request {
    let id = fake.next_id();
    fake.interact(make(id));
    fake.callback(id).await
}

/// `/ask question` by Alice in the guild channel: the asker and place most tests need.
pub async fn ask(fake: &FakeDiscord, question: &str) -> Request {
    ask_as(fake, question, &alice(), IN_GUILD).await
}

/// `/ask question` by `who` in `place`, for the tests where who asks, or where, matters.
pub async fn ask_as(fake: &FakeDiscord, question: &str, who: &Person, place: Place) -> Request {
    send(fake, |id| payloads::ask(id, question, who, place)).await
}

/// The `entry:<id>` option of `/faq show` and of the `/faqmod` subcommands.
pub fn entry_option(id: &str) -> Value {
    json!([{ "name": "entry", "type": 3, "value": id }])
}

/// `/faq show entry:<entry>` by Alice in the guild channel.
pub async fn faq_show(fake: &FakeDiscord, entry: &str) -> Request {
    send(fake, |id| {
        payloads::faq(id, "show", entry_option(entry), &alice(), IN_GUILD)
    })
    .await
}

/// Alice typing `partial` into `option` of `/command [sub]`; the callback holds the choices.
pub async fn autocomplete(
    fake: &FakeDiscord,
    command: &str,
    sub: Option<&str>,
    option: &str,
    partial: &str,
) -> Request {
    send(fake, |id| {
        payloads::autocomplete(id, command, sub, option, partial, &alice())
    })
    .await
}

/// The choices of an autocomplete callback.
pub fn choices_in(r: &Request) -> &[Value] {
    r.body["data"]["choices"].as_array().expect("choices")
}

/// A click by `who` on button `custom_id` of `posted` (a message as
/// `FakeDiscord::message_from` delivers it) in the guild channel.
pub async fn click(fake: &FakeDiscord, posted: &Value, custom_id: &str, who: &Person) -> Request {
    send(fake, |id| {
        payloads::button(id, custom_id, posted, who, IN_GUILD)
    })
    .await
}

/// A choice of `value` by `who` in menu `custom_id` of `posted`, in the guild channel.
pub async fn choose(
    fake: &FakeDiscord,
    posted: &Value,
    custom_id: &str,
    value: &str,
    who: &Person,
) -> Request {
    send(fake, |id| {
        payloads::select(id, custom_id, &[value], posted, who, IN_GUILD)
    })
    .await
}

/// `who` picks `entry` in the "did you mean" menu of `posted`, the menu Alice was offered.
pub async fn pick(fake: &FakeDiscord, posted: &Value, entry: &str, who: &Person) -> Request {
    choose(fake, posted, &format!("faq:pick:{ALICE}"), entry, who).await
}

/// The footer of the first embed: where every reply carries the disclaimer.
pub fn footer(r: &Request) -> &str {
    text(&embed(r)["footer"]["text"])
}

/// Panics unless `r` carries `bot`'s configured disclaimer whole, as every reply must.
pub fn assert_carries_disclaimer(r: &Request, bot: &TestBot) {
    assert_eq!(
        footer(r),
        bot.service.config().disclaimer,
        "the disclaimer: {:#}",
        message(r)
    );
}

/// How every test against the fake ends: nothing the bot sent could ping or be refused by
/// Discord, and the bot stops cleanly.
pub async fn assert_clean_and_stop(fake: &FakeDiscord, bot: TestBot) {
    fake.assert_clean();
    bot.stop().await.expect("clean stop");
}

/// A plain message (mentioning nobody) by `who` in `place`, as free text reaches the bot.
pub fn post_message(fake: &FakeDiscord, place: Place, who: &Person, content: &str) {
    fake.post(payloads::message(
        fake.next_id(),
        place,
        who,
        content,
        vec![],
    ));
}

/// A "did you mean" band so wide that almost nothing is answered outright and almost any
/// question gets suggestions: for tests about the menu, not about where the rule draws
/// the line.
pub fn suggest_widely(c: &mut Config) {
    c.confidence.answer_at = 0.99;
    c.confidence.suggest_at = 0.05;
}

/// Who a reply is rendered for in the tests that call the renderer directly: user 1,
/// privately unless `public`, with no topics to list.
pub fn audience(public: bool) -> Audience {
    Audience {
        asker: UserId::new(1),
        public,
        topics: vec![],
    }
}

/// A reply with nothing beside its outcome (no related questions, no support line), for
/// the tests that call the renderer directly.
pub fn plain_reply(question: &str, outcome: Outcome, disclaimer: &str) -> Reply {
    Reply {
        question: question.into(),
        outcome,
        disclaimer: disclaimer.into(),
        related: Vec::new(),
        support: None,
    }
}
