//! When Discord misbehaves: the gateway drops (the bot resumes and misses nothing), REST
//! answers 429 or 500 (the bot retries, or reports and carries on), the token is wrong.

use std::time::Duration;

use faqbot::discord::DiscordError;
use serde_json::json;

use crate::helpers::*;
use crate::support::bot::TestBot;
use crate::support::fake_discord::payloads::{self, IN_GUILD};
use crate::support::fake_discord::{Disconnect, FakeDiscord, GatewayFrame, Request, alice};

/// Alice asks `question` and gets the answer titled `title`. Returns the interaction's
/// id, for the tests that count its callback attempts.
async fn ask_and_expect_answer(fake: &FakeDiscord, question: &str, title: &str) -> u64 {
    let id = fake.next_id();
    fake.interact(payloads::ask(id, question, &alice(), IN_GUILD));
    assert_eq!(embed(&fake.callback(id).await)["title"], title);
    id
}

/// The HTTP status the fake answered each of `attempts` with, in order.
fn statuses(attempts: &[Request]) -> Vec<u16> {
    attempts.iter().map(|r| r.status).collect()
}

/// Makes the next `times` interaction callbacks fail with Discord's bare 500.
fn fail_callbacks_with_server_error(fake: &FakeDiscord, times: u32) {
    let body = json!({ "message": "500: Internal Server Error", "code": 0 });
    fake.fail("POST", "/callback", 500, body, times);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resumes_after_the_gateway_closes_and_after_it_vanishes() {
    let (fake, bot) = start_bot(|_| {}).await;
    ask_and_expect_answer(&fake, "what is acupuncture", "What is acupuncture?").await;

    // Discord closes with a resumable code.
    fake.drop_gateway(Disconnect::Close(4000));
    let resume = fake.wait_resume(1).await;
    assert_eq!(resume["session_id"], "fake-session-1");
    assert_eq!(resume["seq"], 2, "READY and one interaction were received");
    ask_and_expect_answer(&fake, "is acupuncture safe", "Is acupuncture safe?").await;

    // The connection just goes away, and an interaction arrives meanwhile: Discord replays
    // it on RESUME, and the bot answers it.
    fake.drop_gateway(Disconnect::Abrupt);
    let id = fake.next_id();
    fake.interact(payloads::ask(
        id,
        "how much does acupuncture cost",
        &alice(),
        IN_GUILD,
    ));
    fake.wait_resume(2).await;
    assert_eq!(
        embed(&fake.callback(id).await)["title"],
        "How much does acupuncture cost?"
    );
    let identifies = fake
        .frames()
        .iter()
        .filter(|f| matches!(f, GatewayFrame::Identify(_)))
        .count();
    assert_eq!(identifies, 1, "resumed, not re-identified");
    assert!(bot.is_running());
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_a_rate_limited_callback_after_waiting() {
    let (fake, bot) = start_bot(|_| {}).await;
    fake.fail(
        "POST",
        "/callback",
        429,
        json!({ "message": "You are being rate limited.", "retry_after": 0.1, "global": false }),
        1,
    );
    let id = ask_and_expect_answer(&fake, "what is acupuncture", "What is acupuncture?").await;
    let attempts = fake.callback_attempts(id);
    assert_eq!(statuses(&attempts), [429, 204]);
    assert!(
        attempts[1].at - attempts[0].at >= Duration::from_millis(100),
        "waited at least retry_after"
    );
    assert_eq!(
        attempts[0].body, attempts[1].body,
        "the same response, again"
    );
    assert!(bot.is_running());
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_a_server_error_once() {
    let (fake, bot) = start_bot(|_| {}).await;
    fail_callbacks_with_server_error(&fake, 1);
    let id = ask_and_expect_answer(&fake, "what is acupuncture", "What is acupuncture?").await;
    assert_eq!(statuses(&fake.callback_attempts(id)), [500, 204]);
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_a_lasting_failure_and_keeps_serving() {
    let (fake, bot) = start_bot(|_| {}).await;
    fail_callbacks_with_server_error(&fake, 3);
    let id = fake.next_id();
    fake.interact(payloads::ask(id, "what is acupuncture", &alice(), IN_GUILD));
    fake.wait_nth_request("the retried callback", 2, |r| r.path.ends_with("/callback"))
        .await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        fake.callback_attempts(id).len(),
        2,
        "one retry, then the bot gives up (and does not post an error it cannot deliver)"
    );
    assert!(bot.is_running(), "a failed response never stops the bot");
    // The failure budget has one left: the next interaction's first try fails and its retry lands.
    ask_and_expect_answer(&fake, "is acupuncture safe", "Is acupuncture safe?").await;
    // Free text through a failing channel endpoint is reported the same way.
    fake.fail(
        "POST",
        "/messages",
        503,
        json!({ "message": "unavailable", "code": 0 }),
        2,
    );
    post_message(&fake, payloads::Place::Dm, &alice(), "what is acupuncture");
    fake.wait_nth_request("the retried message", 2, |r| r.path.ends_with("/messages"))
        .await;
    ask_and_expect_answer(
        &fake,
        "how much does acupuncture cost",
        "How much does acupuncture cost?",
    )
    .await;
    assert!(bot.is_running());
    bot.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_token_is_a_clear_error_that_does_not_contain_it() {
    let fake = FakeDiscord::start().await;
    let wrong = "wrong-token.c2VjcmV0.do-not-print-me";
    let bot = TestBot::spawn(&fake, |_| {}, wrong);
    let error = bot
        .finished(Duration::from_secs(5))
        .await
        .expect_err("a wrong token must fail");
    assert!(
        matches!(error, DiscordError::TokenRejected(401)),
        "{error:?}"
    );
    let shown = format!("{error} {error:?}");
    assert!(shown.contains("rejected the bot token"), "{shown}");
    assert!(
        !shown.contains(wrong) && !shown.contains("c2VjcmV0"),
        "the token leaked: {shown}"
    );
    assert!(
        fake.frames().is_empty(),
        "no gateway connection with a rejected token"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_proxy_is_a_clear_error() {
    let fake = FakeDiscord::start().await;
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let bot = TestBot::spawn(
        &fake,
        |c| c.discord.http_proxy = Some(format!("http://{closed}")),
        crate::support::fake_discord::TOKEN,
    );
    let error = bot
        .finished(Duration::from_secs(5))
        .await
        .expect_err("nothing listens there");
    let shown = error.to_string();
    assert!(
        shown.starts_with(&format!(
            "could not reach Discord through the proxy http://{closed}"
        )),
        "{shown}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_the_gateway_refuses_ends_the_run_with_a_clear_error() {
    let fake = FakeDiscord::start().await;
    fake.set_gateway_token("some-other-token");
    let bot = TestBot::spawn(&fake, |_| {}, crate::support::fake_discord::TOKEN);
    let error = bot
        .finished(Duration::from_secs(5))
        .await
        .expect_err("the gateway refused the token");
    assert!(
        matches!(error, DiscordError::GatewayTokenRejected),
        "{error:?}"
    );
    assert!(error.to_string().contains("check DISCORD_TOKEN"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_the_configured_shard_range_instead_of_autosharding() {
    let (fake, bot) = start_bot(|c| {
        c.discord.shard_range = Some([1, 1]);
        c.discord.shard_total = Some(2);
    })
    .await;
    let identify = fake.wait_identify(1).await;
    assert_eq!(identify["shard"], json!([1, 2]), "shard 1 of 2");
    assert!(
        fake.requests()
            .iter()
            .all(|r| r.path != "/api/v10/gateway/bot"),
        "no autosharding look-up with a configured range"
    );
    ask_and_expect_answer(&fake, "what is acupuncture", "What is acupuncture?").await;
    bot.stop().await.expect("clean stop");
}
