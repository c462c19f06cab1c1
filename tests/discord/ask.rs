//! `/ask`: an answer, "did you mean" and picking a suggestion, no match, urgent, and where
//! replies are ephemeral.

use serde_json::json;

use crate::helpers::*;
use crate::support::bot::PUBLIC_BASE_URL;
use crate::support::fake_discord::payloads::Place;
use crate::support::fake_discord::{ALICE, CHANNEL, alice, bob};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_is_the_exact_embed_with_link_button_disclaimer_and_no_pings() {
    let (fake, bot) = start_bot(|_| {}).await;
    let callback = ask(&fake, "what is acupuncture?").await;
    let disclaimer = bot.service.config().disclaimer.clone();
    let expected = json!({
        "type": 4,
        "data": {
            "allowed_mentions": { "parse": [], "users": [], "roles": [], "replied_user": false },
            "attachments": [],
            "components": [{
                "type": 1,
                "components": [
                    { "type": 2, "style": 5, "label": "Read the full section",
                      "url": format!("{PUBLIC_BASE_URL}/#introduction"), "disabled": false },
                    { "type": 2, "style": 2, "label": "Helpful", "emoji": { "name": "👍" },
                      "custom_id": "faq:fb:up:what-is-acupuncture", "disabled": false },
                    { "type": 2, "style": 2, "label": "Not helpful", "emoji": { "name": "👎" },
                      "custom_id": "faq:fb:down:what-is-acupuncture", "disabled": false },
                ],
            }, {
                // Related questions: the same section first, then the nearest elsewhere.
                "type": 1,
                "components": [
                    { "type": 2, "style": 1, "label": "How long has acupuncture been used?",
                      "custom_id": format!("faq:rel:{ALICE}:history"), "disabled": false },
                    { "type": 2, "style": 1, "label": "Is acupuncture safe?",
                      "custom_id": format!("faq:rel:{ALICE}:is-it-safe"), "disabled": false },
                    { "type": 2, "style": 1, "label": "How much does acupuncture cost?",
                      "custom_id": format!("faq:rel:{ALICE}:cost"), "disabled": false },
                ],
            }],
            "embeds": [{
                "type": "rich",
                "title": "What is acupuncture?",
                "description": "> Acupuncture is a treatment in which thin needles are placed in the skin at specific points on the body.",
                "color": 0x2E86C1,
                "fields": [{ "name": "From the article", "value": "Introduction", "inline": false }],
                "footer": { "text": disclaimer },
            }],
            "flags": 64,
        },
    });
    assert_eq!(callback.body, expected, "the /ask answer callback");
    let stats = bot.service.stats().snapshot();
    assert_eq!((stats.questions, stats.answers), (1, 1));
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answer_shows_evidence_note_and_section_and_is_public_when_configured() {
    let (fake, bot) = start_bot(|c| c.discord.ephemeral_answers = false).await;
    let callback = ask(&fake, "Does acupuncture work for back pain?").await;
    assert_eq!(kind(&callback), MESSAGE);
    assert!(
        !is_ephemeral(&callback),
        "ephemeral_answers = false: public"
    );
    let e = embed(&callback);
    assert_eq!(e["title"], "Does acupuncture work for back pain?");
    assert!(text(&e["description"]).starts_with("> Some studies found"));
    assert_eq!(
        e["fields"][0],
        json!({ "name": "Evidence note", "value": "Results vary between studies and between people.", "inline": false })
    );
    assert_eq!(e["fields"][1]["value"], "What the evidence says");
    assert_carries_disclaimer(&callback, &bot);
    // A public answer can be removed by its asker.
    assert_eq!(custom_id(&callback, "faq:rm:"), format!("faq:rm:{ALICE}"));
    let link = &components(&callback)[0];
    assert_eq!(
        link["url"],
        format!("{PUBLIC_BASE_URL}/#what-the-evidence-says")
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dm_answers_are_never_ephemeral() {
    let (fake, bot) = start_bot(|_| {}).await;
    let callback = ask_as(&fake, "how much does acupuncture cost", &alice(), Place::Dm).await;
    assert!(!is_ephemeral(&callback), "a DM is already private");
    assert_eq!(embed(&callback)["title"], "How much does acupuncture cost?");
    assert!(
        has_component(&callback, "faq:rm:"),
        "a non-ephemeral answer has 🗑"
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_offer_a_menu_and_picking_one_shows_that_answer() {
    // A wide "did you mean" band: this test is about the menu, not about the fitted rule.
    let (fake, bot) = start_bot(suggest_widely).await;
    let callback = ask(&fake, "risks").await;
    assert_eq!(kind(&callback), MESSAGE);
    assert!(is_ephemeral(&callback));
    let e = embed(&callback);
    assert_eq!(e["title"], "Did you mean…");
    assert_eq!(
        e["fields"][0],
        json!({ "name": "You asked", "value": "risks", "inline": false })
    );
    assert_carries_disclaimer(&callback, &bot);
    let menu = &components(&callback)[0];
    assert_eq!(menu["type"], 3, "a string select menu");
    assert_eq!(menu["custom_id"], format!("faq:pick:{ALICE}"));
    assert_eq!(
        texts_of(&menu["options"], "value"),
        ["is-it-safe", "side-effects"]
    );
    assert_eq!(
        menu["options"][1]["label"],
        "Does acupuncture have side effects?"
    );
    assert_eq!(
        bot.service.unanswered().top(10).len(),
        1,
        "unpicked suggestions count as unanswered"
    );

    // Alice picks the second: her "did you mean" turns into that answer.
    let posted = fake.message_from(&callback, CHANNEL);
    let update = pick(&fake, &posted, "side-effects", &alice()).await;
    assert_eq!(kind(&update), UPDATE, "the menu message becomes the answer");
    assert_eq!(
        embed(&update)["title"],
        "Does acupuncture have side effects?"
    );
    assert!(text(&embed(&update)["description"]).starts_with("> Serious side effects are rare"));
    assert_eq!(custom_id(&update, "faq:fb:up:"), "faq:fb:up:side-effects");
    assert!(
        bot.service.unanswered().top(10).is_empty(),
        "a picked suggestion is answered after all"
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn someone_else_picking_on_a_public_menu_gets_a_private_answer() {
    let (fake, bot) = start_bot(|c| c.discord.ephemeral_answers = false).await;
    let callback = ask(&fake, "risks").await;
    assert!(!is_ephemeral(&callback));
    let posted = fake.message_from(&callback, CHANNEL);
    let reply = pick(&fake, &posted, "is-it-safe", &bob()).await;
    assert_eq!(kind(&reply), MESSAGE, "Alice's message is left alone");
    assert!(is_ephemeral(&reply));
    assert_eq!(embed(&reply)["title"], "Is acupuncture safe?");
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_match_is_kind_lists_topics_and_is_logged_for_moderators() {
    let (fake, bot) = start_bot(|_| {}).await;
    let callback = ask(&fake, "What is the capital of France?").await;
    let e = embed(&callback);
    assert_eq!(e["title"], "That's not in the FAQ");
    let description = text(&e["description"]);
    assert!(
        description.starts_with("Sorry, I don't have that in the FAQ."),
        "{description}"
    );
    for topic in [
        "Introduction",
        "What the evidence says",
        "Is it safe?",
        "Cost and access",
    ] {
        assert!(
            description.contains(&format!("• {topic}")),
            "topic {topic} listed: {description}"
        );
    }
    assert!(description.contains("/faq topics"));
    assert_carries_disclaimer(&callback, &bot);
    assert_eq!(e["color"], 0x95A5A6);
    let unanswered = bot.service.unanswered().top(10);
    assert_eq!(unanswered.len(), 1);
    assert_eq!(unanswered[0].question, "What is the capital of France?");
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn urgent_is_red_never_a_passage_and_public_when_answers_are_public() {
    let (fake, bot) = start_bot(|c| c.discord.ephemeral_answers = false).await;
    let callback = ask(&fake, "does acupuncture help? my groin feels numb").await;
    assert_eq!(kind(&callback), MESSAGE);
    assert!(
        !is_ephemeral(&callback),
        "urgent guidance is public when answers are"
    );
    let e = embed(&callback);
    assert_eq!(e["color"], 0xE02B2B);
    assert_eq!(e["title"], "🚨 Please get medical help now");
    // What to do first, then what in the question led to it.
    let description = e["description"].as_str().unwrap();
    assert!(
        description.starts_with(
            "What you describe can be a sign of a serious problem. Call 999 or go to A&E now. If you are unsure, call NHS 111."
        ),
        "{description}"
    );
    assert!(
        description.ends_with(
            "You mentioned numbness in the groin or saddle area (\u{201c}groin feels numb\u{201d})."
        ),
        "{description}"
    );
    assert_carries_disclaimer(&callback, &bot);
    assert!(
        e.get("fields")
            .is_none_or(|f| f.as_array().is_some_and(|f| f.is_empty())),
        "no FAQ section"
    );
    assert!(
        !has_component(&callback, "faq:fb:"),
        "no feedback on triage"
    );
    assert!(
        components(&callback).iter().all(|c| c.get("url").is_none()),
        "no section link"
    );
    assert_eq!(bot.service.stats().snapshot().urgent, 1);
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn personal_advice_is_declined_with_the_disclaimer() {
    let (fake, bot) = start_bot(|_| {}).await;
    let callback = ask_as(
        &fake,
        "what dose of ibuprofen should i take",
        &alice(),
        Place::Dm,
    )
    .await;
    let e = embed(&callback);
    assert_eq!(e["title"], "I can't give personal medical advice");
    assert!(
        text(&e["description"])
            .starts_with("I can't give personal medical advice, like what you should take")
    );
    assert_carries_disclaimer(&callback, &bot);
    assert_clean_and_stop(&fake, bot).await;
}
