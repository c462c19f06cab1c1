//! Autocomplete for `/ask` and `/faq show`, `/faq topics`, `/faq show`, and the commands
//! the bot registers.

use serde_json::json;

use crate::helpers::*;
use crate::support::fake_discord::payloads::{self, IN_GUILD};
use crate::support::fake_discord::{APP_ID, GUILD_ID, alice};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_ask_and_faq_in_the_configured_guild() {
    let (fake, bot) = start_bot(|_| {}).await;
    let put = fake.wait_ready().await;
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{APP_ID}/guilds/{GUILD_ID}/commands")
    );
    let commands = put.body.as_array().expect("array of commands");
    let names: Vec<&str> = commands.iter().map(|c| text(&c["name"])).collect();
    assert_eq!(names, ["ask", "faq", "section", "faqmod", "help"]);
    let ask = &commands[0];
    assert_eq!(ask["options"][0]["name"], "question");
    assert_eq!(ask["options"][0]["autocomplete"], true);
    assert_eq!(ask["options"][0]["required"], true);
    assert_eq!(
        texts_of(&commands[1]["options"], "name"),
        ["topics", "show"]
    );
    bot.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_globally_without_guild_ids() {
    let (fake, bot) = start_bot(|c| c.discord.guild_ids.clear()).await;
    let put = fake.wait_ready().await;
    assert_eq!(put.path, format!("/api/v10/applications/{APP_ID}/commands"));
    bot.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_autocomplete_suggests_faq_questions_within_limits() {
    let (fake, bot) = start_bot(|_| {}).await;

    let callback = autocomplete(&fake, "ask", None, "question", "insur").await;
    assert_eq!(kind(&callback), AUTOCOMPLETE);
    assert_eq!(
        choices_in(&callback)[0],
        json!({ "name": "Does insurance cover acupuncture?", "value": "Does insurance cover acupuncture?" })
    );

    // Nothing typed yet: some questions, never more than Discord allows.
    let callback = autocomplete(&fake, "ask", None, "question", "").await;
    let choices = choices_in(&callback);
    assert!(
        !choices.is_empty() && choices.len() <= 25,
        "{} choices",
        choices.len()
    );
    for c in choices {
        let (name, value) = (text(&c["name"]), text(&c["value"]));
        assert!(
            (1..=100).contains(&name.chars().count()) && (1..=100).contains(&value.chars().count()),
            "{c}"
        );
    }
    assert_eq!(
        bot.service.stats().snapshot().questions,
        0,
        "autocomplete is not a question"
    );
    bot.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faq_show_autocompletes_entry_ids_and_shows_the_entry() {
    let (fake, bot) = start_bot(|_| {}).await;
    let callback = autocomplete(&fake, "faq", Some("show"), "entry", "cost").await;
    assert_eq!(
        choices_in(&callback)[0],
        json!({ "name": "How much does acupuncture cost?", "value": "cost" })
    );

    let callback = faq_show(&fake, "cost").await;
    assert_eq!(kind(&callback), MESSAGE);
    assert!(is_ephemeral(&callback));
    assert_eq!(embed(&callback)["title"], "How much does acupuncture cost?");
    assert_eq!(
        embed(&callback)["description"],
        "> A session in a private clinic usually costs between £40 and £70."
    );

    let callback = faq_show(&fake, "no-such-entry").await;
    assert!(is_ephemeral(&callback));
    assert!(notice(&callback).contains("couldn't find that FAQ entry"));
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faq_topics_lists_sections_with_questions_and_links() {
    let (fake, bot) = start_bot(|_| {}).await;
    let callback = send(&fake, |id| {
        payloads::faq(id, "topics", json!([]), &alice(), IN_GUILD)
    })
    .await;
    let e = embed(&callback);
    assert_eq!(e["title"], "What I can answer");
    let fields = e["fields"].as_array().expect("fields");
    assert_eq!(
        texts_of(&e["fields"], "name"),
        [
            "Introduction",
            "What the evidence says",
            "Is it safe?",
            "Cost and access"
        ]
    );
    let cost = text(&fields[3]["value"]);
    assert!(
        cost.starts_with("2 questions\n• How much does acupuncture cost?"),
        "{cost}"
    );
    assert!(
        cost.contains("(https://faq.example.org/#cost-and-access)"),
        "{cost}"
    );
    assert_carries_disclaimer(&callback, &bot);
    assert_clean_and_stop(&fake, bot).await;
}
