//! Related questions under every answer: buttons within Discord's limits that answer the
//! question they name — in place for the asker, privately for anyone else.

use serde_json::Value;

use crate::helpers::*;
use crate::support::fake_discord::{ALICE, CHANNEL, Request, alice, bob};

/// The related-question buttons of a message.
fn related(r: &Request) -> Vec<Value> {
    components(r)
        .into_iter()
        .filter(|c| text(&c["custom_id"]).starts_with("faq:rel:"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn related_buttons_answer_in_place_for_the_asker_and_privately_for_others() {
    let (fake, bot) = start_bot(|c| c.discord.ephemeral_answers = false).await;
    let answer = ask(&fake, "is acupuncture safe").await;
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
    let updated = click(&fake, &posted, &first, &alice()).await;
    assert_eq!(kind(&updated), UPDATE, "answered in place");
    assert_eq!(embed(&updated)["title"], question.as_str());
    assert_carries_disclaimer(&updated, &bot);
    assert!(custom_id(&updated, "faq:fb:up:").ends_with(&format!(":{entry_id}")));
    assert!(has_component(&updated, "faq:rm:"), "still removable");
    assert!(
        related(&updated)
            .iter()
            .all(|b| !text(&b["custom_id"]).ends_with(&format!(":{entry_id}"))),
        "its own related questions, not itself"
    );

    // Someone else clicks the same button: a private answer; Alice's message is left be.
    let private = click(&fake, &posted, &first, &bob()).await;
    assert_eq!(kind(&private), MESSAGE);
    assert!(is_ephemeral(&private));
    assert_eq!(embed(&private)["title"], question.as_str());
    assert_carries_disclaimer(&private, &bot);
    assert!(!has_component(&private, "faq:rm:"), "ephemeral: no 🗑");
    assert_eq!(
        bot.service.stats().snapshot().questions,
        1,
        "clicks are look-ups"
    );

    // A button for an entry removed since: a kind notice, nothing else.
    let stale = format!("faq:rel:{ALICE}:no-longer-here");
    let gone = click(&fake, &posted, &stale, &alice()).await;
    assert!(is_ephemeral(&gone));
    assert!(notice(&gone).contains("couldn't find that FAQ entry"));
    assert_clean_and_stop(&fake, bot).await;
}
