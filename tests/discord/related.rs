//! Related questions under every answer: buttons within Discord's limits that answer the
//! question they name — in place for the asker, privately for anyone else.

use serde_json::Value;

use crate::helpers::*;
use crate::support::bot::TestBot;
use crate::support::fake_discord::payloads::{self, IN_GUILD};
use crate::support::fake_discord::{ALICE, CHANNEL, FakeDiscord, Request, alice, bob};

/// The related-question buttons of a message.
fn related(r: &Request) -> Vec<Value> {
    components(r)
        .into_iter()
        .filter(|c| text(&c["custom_id"]).starts_with("faq:rel:"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn related_buttons_answer_in_place_for_the_asker_and_privately_for_others() {
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start(&fake, |c| c.discord.ephemeral_answers = false).await;
    let disclaimer = bot.service.config().disclaimer.clone();
    let id = fake.next_id();
    fake.interact(payloads::ask(id, "is acupuncture safe", &alice(), IN_GUILD));
    let answer = fake.callback(id).await;
    assert_eq!(embed(&answer)["title"], "Is acupuncture safe?");
    let buttons = related(&answer);
    assert!(
        (1..=3).contains(&buttons.len()),
        "two or three related questions: {:#}",
        message(&answer)
    );
    let rows = message(&answer)["components"].as_array().unwrap();
    assert!(rows.len() <= 5);
    for row in rows {
        assert!(row["components"].as_array().unwrap().len() <= 5);
    }
    let knowledge = bot.service.engine().knowledge().clone();
    for b in &buttons {
        let custom_id = text(&b["custom_id"]);
        assert!(custom_id.len() <= 100, "{custom_id}");
        assert!(custom_id.starts_with(&format!("faq:rel:{ALICE}:")));
        let entry_id = custom_id.rsplit(':').next().unwrap();
        let entry = knowledge.entry(entry_id).expect("a real entry");
        assert_ne!(entry_id, "is-it-safe", "never the answer itself");
        assert_eq!(
            b["label"],
            entry.question.as_str(),
            "labelled with its question"
        );
        assert!(text(&b["label"]).chars().count() <= 80);
    }

    // The asker clicks: the message becomes that answer, with the disclaimer.
    let posted = fake.message_from(&answer, CHANNEL);
    let first = text(&buttons[0]["custom_id"]).to_owned();
    let entry_id = first.rsplit(':').next().unwrap().to_owned();
    let question = knowledge.entry(&entry_id).unwrap().question.clone();
    let click = fake.next_id();
    fake.interact(payloads::button(click, &first, &posted, &alice(), IN_GUILD));
    let updated = fake.callback(click).await;
    assert_eq!(kind(&updated), UPDATE, "answered in place");
    assert_eq!(embed(&updated)["title"], question.as_str());
    assert_eq!(embed(&updated)["footer"]["text"], disclaimer.as_str());
    assert!(custom_id(&updated, "faq:fb:up:").ends_with(&format!(":{entry_id}")));
    assert!(has_component(&updated, "faq:rm:"), "still removable");
    assert!(
        related(&updated)
            .iter()
            .all(|b| !text(&b["custom_id"]).ends_with(&format!(":{entry_id}"))),
        "its own related questions, not itself"
    );

    // Someone else clicks the same button: a private answer; Alice's message is left be.
    let click = fake.next_id();
    fake.interact(payloads::button(click, &first, &posted, &bob(), IN_GUILD));
    let private = fake.callback(click).await;
    assert_eq!(kind(&private), MESSAGE);
    assert!(is_ephemeral(&private));
    assert_eq!(embed(&private)["title"], question.as_str());
    assert_eq!(embed(&private)["footer"]["text"], disclaimer.as_str());
    assert!(!has_component(&private, "faq:rm:"), "ephemeral: no 🗑");
    assert_eq!(
        bot.service.stats().snapshot().questions,
        1,
        "clicks are look-ups"
    );

    // A button for an entry removed since: a kind notice, nothing else.
    let click = fake.next_id();
    let stale = format!("faq:rel:{ALICE}:no-longer-here");
    fake.interact(payloads::button(click, &stale, &posted, &alice(), IN_GUILD));
    let gone = fake.callback(click).await;
    assert!(is_ephemeral(&gone));
    assert!(notice(&gone).contains("couldn't find that FAQ entry"));
    fake.assert_clean();
    bot.stop().await.expect("clean stop");
}
