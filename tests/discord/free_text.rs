//! Plain messages: the bot answers when mentioned, in DMs and in configured channels, and
//! stays silent everywhere else. Message Content is requested only when it is needed.

use std::time::Duration;

use serde_json::json;

use crate::helpers::*;
use crate::support::fake_discord::payloads::{self, Place};
use crate::support::fake_discord::{
    ALICE, BOT_ID, DM_CHANNEL, FREE_TEXT_CHANNEL, QUIET_CHANNEL, alice, bob,
};

const MESSAGE_CONTENT: u64 = 1 << 15;
const QUIET: Place = Place::Guild {
    channel: QUIET_CHANNEL,
};
const FREE_TEXT: Place = Place::Guild {
    channel: FREE_TEXT_CHANNEL,
};

/// Makes [`FREE_TEXT_CHANNEL`] a channel where the bot answers plain messages.
fn with_free_text_channel(c: &mut faqbot::Config) {
    c.discord.free_text_channel_ids = vec![FREE_TEXT_CHANNEL];
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_a_mention_as_a_reply_without_pinging_anyone() {
    let (fake, bot) = start_bot(|_| {}).await;
    let msg_id = fake.next_id();
    fake.post(payloads::message(
        msg_id,
        QUIET,
        &alice(),
        &format!("<@{BOT_ID}> is acupuncture safe? @everyone"),
        vec![payloads::bot_user()],
    ));
    let sent = fake.channel_message(QUIET_CHANNEL, 1).await;
    assert_eq!(embed(&sent)["title"], "Is acupuncture safe?");
    assert_carries_disclaimer(&sent, &bot);
    assert_eq!(
        sent.body["message_reference"],
        json!({ "type": 0, "message_id": msg_id.to_string(), "channel_id": QUIET_CHANNEL.to_string(),
                "guild_id": crate::support::fake_discord::GUILD_ID.to_string(), "fail_if_not_exists": false })
    );
    assert_eq!(
        sent.body["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [], "replied_user": false })
    );
    assert_eq!(custom_id(&sent, "faq:rm:"), format!("faq:rm:{ALICE}"));
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_direct_messages() {
    let (fake, bot) = start_bot(|_| {}).await;
    post_message(
        &fake,
        Place::Dm,
        &alice(),
        "how long has acupuncture been used",
    );
    let sent = fake.channel_message(DM_CHANNEL, 1).await;
    assert_eq!(embed(&sent)["title"], "How long has acupuncture been used?");
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stays_silent_where_not_addressed_and_ignores_bots() {
    let (fake, bot) = start_bot(with_free_text_channel).await;
    // Not mentioned, in a channel that is not a free-text channel: silence.
    post_message(&fake, QUIET, &alice(), "what is acupuncture?");
    // Another user mentioned, not the bot: silence.
    fake.post(payloads::message(
        fake.next_id(),
        QUIET,
        &alice(),
        "<@600000000000000002> what is acupuncture?",
        vec![payloads::user(
            crate::support::fake_discord::BOB,
            "bob",
            false,
        )],
    ));
    // A bot in a free-text channel: silence (no bot loops).
    let mut from_bot = payloads::message(
        fake.next_id(),
        FREE_TEXT,
        &bob(),
        "what is acupuncture?",
        vec![],
    );
    from_bot["author"]["bot"] = json!(true);
    fake.post(from_bot);
    // Then a DM, which is answered: once it is, the messages before it have been handled.
    post_message(&fake, Place::Dm, &alice(), "what is acupuncture?");
    fake.channel_message(DM_CHANNEL, 1).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(
        fake.channel_messages(QUIET_CHANNEL).is_empty(),
        "no reply where not addressed\n{}",
        fake.summary()
    );
    assert!(
        fake.channel_messages(FREE_TEXT_CHANNEL).is_empty(),
        "no reply to a bot"
    );
    assert_eq!(
        bot.service.stats().snapshot().questions,
        1,
        "only the DM was a question"
    );
    bot.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn free_text_channels_need_and_get_the_message_content_intent() {
    let (fake, bot) = start_bot(with_free_text_channel).await;
    let identify = fake.wait_identify(1).await;
    let intents = identify["intents"].as_u64().expect("intents");
    assert_ne!(
        intents & MESSAGE_CONTENT,
        0,
        "free-text channels need Message Content"
    );
    post_message(&fake, FREE_TEXT, &alice(), "does insurance cover it");
    let sent = fake.channel_message(FREE_TEXT_CHANNEL, 1).await;
    assert_eq!(embed(&sent)["title"], "Does insurance cover acupuncture?");
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_free_text_channels_no_privileged_intent_and_slash_commands_work() {
    let (fake, bot) = start_bot(|_| {}).await;
    let identify = fake.wait_identify(1).await;
    let intents = identify["intents"].as_u64().expect("intents");
    assert_eq!(
        intents & MESSAGE_CONTENT,
        0,
        "Message Content is privileged: not requested"
    );
    assert_eq!(
        identify["token"],
        format!("Bot {}", crate::support::fake_discord::TOKEN)
    );
    let answer = ask(&fake, "is acupuncture safe").await;
    assert_eq!(embed(&answer)["title"], "Is acupuncture safe?");
    bot.stop().await.expect("clean stop");
}

/// In a free-text channel people talk among themselves: chat that is neither about the
/// FAQ nor urgent gets no reply at all (nor a place in the moderators' unanswered list),
/// while questions and red flags still do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn free_text_channels_answer_questions_but_let_chat_pass() {
    let (fake, bot) = start_bot(with_free_text_channel).await;
    fake.wait_identify(1).await;
    for chat in [
        "good morning everyone! anyone watching the match tonight?",
        "thanks!",
    ] {
        post_message(&fake, FREE_TEXT, &alice(), chat);
    }
    post_message(&fake, FREE_TEXT, &alice(), "does insurance cover it");
    post_message(
        &fake,
        FREE_TEXT,
        &bob(),
        "my back is agony and I can't control my bladder since this morning",
    );
    fake.channel_message(FREE_TEXT_CHANNEL, 2).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let posted = fake.channel_messages(FREE_TEXT_CHANNEL);
    assert_eq!(
        posted.len(),
        2,
        "only the question and the red flag\n{}",
        fake.summary()
    );
    let texts: Vec<String> = posted.iter().map(|m| m.body.to_string()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("Does insurance cover acupuncture?")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.contains("999")), "{texts:?}");
    // Chat the bot let pass is not a question the FAQ missed: moderators do not see it.
    let unanswered = bot.service.unanswered().top(10);
    assert!(
        unanswered
            .iter()
            .all(|u| !u.question.contains("match tonight")),
        "{:?}",
        unanswered.iter().map(|u| &u.question).collect::<Vec<_>>()
    );
    bot.stop().await.expect("clean stop");
}
