//! `/help` (moderator tools only for moderators) and the command descriptions in British
//! and American English, as registered with Discord.

use serde_json::{Value, json};

use crate::helpers::*;
use crate::support::fake_discord::payloads::{self, IN_GUILD, Person, Place};
use crate::support::fake_discord::{FakeDiscord, Request, alice, moderator};

/// `/help` by `who` in `place`: what it shows depends on both.
async fn help(fake: &FakeDiscord, who: &Person, place: Place) -> Request {
    send(fake, |id| {
        payloads::slash(id, "help", json!([]), who, place)
    })
    .await
}

fn field_names(r: &Request) -> Vec<String> {
    let names = texts_of(&embed(r)["fields"], "name");
    names.into_iter().map(str::to_owned).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_explains_the_commands_and_shows_faqmod_only_to_moderators() {
    let (fake, bot) = start_bot(|_| {}).await;

    let patient = help(&fake, &alice(), IN_GUILD).await;
    assert_eq!(kind(&patient), MESSAGE);
    assert!(is_ephemeral(&patient), "private in servers, as answers are");
    assert_eq!(message(&patient)["allowed_mentions"]["parse"], json!([]));
    assert_eq!(embed(&patient)["title"], "How to use this bot");
    assert_carries_disclaimer(&patient, &bot);
    let names = field_names(&patient);
    for command in ["/ask", "/section", "/faq topics", "/faq show"] {
        assert!(
            names.iter().any(|n| n.starts_with(command)),
            "{command} in {names:?}"
        );
    }
    assert!(
        names.iter().all(|n| !n.contains("faqmod")),
        "patients are not shown the moderator tools: {names:?}"
    );

    let names = field_names(&help(&fake, &moderator(), IN_GUILD).await);
    let faqmod = names.iter().position(|n| n.starts_with("/faqmod"));
    assert!(faqmod.is_some(), "moderators see /faqmod: {names:?}");

    // In a DM there is no member and so no moderator; the reply is not ephemeral.
    let dm = help(&fake, &moderator(), Place::Dm).await;
    assert!(!is_ephemeral(&dm));
    assert!(field_names(&dm).iter().all(|n| !n.contains("faqmod")));
    assert_eq!(
        bot.service.stats().snapshot().questions,
        0,
        "not a question"
    );
    assert_clean_and_stop(&fake, bot).await;
}

/// Every localisable text of a registered command (or option), by path.
fn walk(node: &Value, path: &str, out: &mut Vec<(String, Value, Value)>) {
    out.push((
        path.to_owned(),
        node["description"].clone(),
        node["description_localizations"].clone(),
    ));
    for option in node["options"].as_array().into_iter().flatten() {
        walk(option, &format!("{path} {}", text(&option["name"])), out);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_and_option_has_british_and_american_descriptions() {
    let (fake, bot) = start_bot(|_| {}).await;
    let put = fake.wait_ready().await;
    let commands = put.body.as_array().expect("commands");
    assert!(
        commands.iter().any(|c| c["name"] == "help"),
        "/help is registered"
    );
    let mut texts = Vec::new();
    for c in commands {
        walk(c, text(&c["name"]), &mut texts);
    }
    assert!(
        texts.len() > 20,
        "commands, subcommands and options: {}",
        texts.len()
    );
    let mut differ = 0;
    for (path, description, localised) in &texts {
        assert!(!text(description).is_empty(), "{path}: no description");
        let (gb, us) = (text(&localised["en-GB"]), text(&localised["en-US"]));
        for (locale, s) in [("en-GB", gb), ("en-US", us)] {
            assert!(
                !s.is_empty() && s.encode_utf16().count() <= 100,
                "{path} {locale}: {s:?} ({localised})"
            );
        }
        differ += usize::from(gb != us);
    }
    assert!(differ > 0, "some wording differs between the two");
    let section = commands.iter().find(|c| c["name"] == "section").unwrap();
    assert_eq!(
        section["description_localizations"]["en-GB"],
        "Read a whole section of the article"
    );
    bot.stop().await.expect("clean stop");
}
