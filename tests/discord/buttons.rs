//! Buttons under answers: 👍 / 👎 feedback counted in stats, and 🗑 that only the asker or
//! a moderator may use.

use std::time::Duration;

use crate::helpers::*;
use crate::support::fake_discord::{ALICE, CHANNEL, Person, alice, bob, moderator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedback_buttons_are_counted_and_thanked_privately() {
    let (fake, bot) = start_bot(|_| {}).await;
    let answer = ask(&fake, "is acupuncture safe").await;
    let posted = fake.message_from(&answer, CHANNEL);
    // Three people, one vote each (one person's repeated or changed votes: tests/discord/safety.rs).
    for (who, button) in [
        (alice(), "faq:fb:up:"),
        (bob(), "faq:fb:down:"),
        (moderator(), "faq:fb:up:"),
    ] {
        let custom_id = custom_id(&answer, button);
        assert!(
            custom_id.ends_with(":is-it-safe"),
            "feedback names the entry: {custom_id}"
        );
        let thanks = click(&fake, &posted, &custom_id, &who).await;
        assert_eq!(kind(&thanks), MESSAGE);
        assert!(is_ephemeral(&thanks));
        assert!(notice(&thanks).starts_with("Thanks for letting us know"));
        assert_carries_disclaimer(&thanks, &bot);
    }
    let stats = bot.service.stats().snapshot();
    assert_eq!((stats.feedback_up, stats.feedback_down), (2, 1));
    let tally = bot.service.feedback().tally("is-it-safe");
    assert_eq!((tally.helpful, tally.not_helpful), (2, 1), "kept per entry");
    assert_clean_and_stop(&fake, bot).await;
}

/// Alice asks publicly; `who` clicks 🗑. Returns whether the message was deleted.
async fn remove_as(who: Person) -> bool {
    let (fake, bot) = start_bot(|c| c.discord.ephemeral_answers = false).await;
    let answer = ask(&fake, "is acupuncture safe").await;
    let posted = fake.message_from(&answer, CHANNEL);
    let message_id = posted["id"].as_str().unwrap().to_owned();
    let response = click(&fake, &posted, &format!("faq:rm:{ALICE}"), &who).await;
    let deleted = if kind(&response) == ACK {
        let delete = fake
            .wait_request("the delete", |r| {
                r.method == "DELETE"
                    && r.path == format!("/api/v10/channels/{CHANNEL}/messages/{message_id}")
            })
            .await;
        assert_eq!(delete.status, 204);
        true
    } else {
        assert_eq!(kind(&response), MESSAGE);
        assert!(is_ephemeral(&response));
        assert_eq!(
            notice(&response),
            "Only the person who asked, or a moderator, can remove this answer."
        );
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert!(
            fake.requests().iter().all(|r| r.method != "DELETE"),
            "nothing deleted"
        );
        false
    };
    assert_clean_and_stop(&fake, bot).await;
    deleted
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_asker_can_remove_their_answer() {
    assert!(remove_as(alice()).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_user_cannot_remove_it() {
    assert!(!remove_as(bob()).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderator_can_remove_it() {
    assert!(remove_as(moderator()).await);
}
