//! `/section`: a short section in one message, a long one split across embeds and messages
//! within Discord's limits without cutting words or sentences, autocomplete on titles,
//! unknown sections; and where every answer's "Read the full section" button points.

use std::path::Path;
use std::time::Duration;

use faqbot::discord::render::sections::{CONTINUED, READ_ON_WEB_LABEL};
use faqbot::engine::Links;
use faqbot::knowledge::Section;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::helpers::*;
use crate::support::bot::{PUBLIC_BASE_URL, fixture_knowledge_dir};
use crate::support::fake_discord::payloads::{self, IN_GUILD, Place};
use crate::support::fake_discord::{
    ALICE, APP_ID, CHANNEL, DM_CHANNEL, FakeDiscord, Request, alice,
};
use crate::support::knowledge::append_to_knowledge;

const NO_MENTIONS: &str = r#"{"parse":[],"users":[],"roles":[],"replied_user":false}"#;

fn no_mentions() -> Value {
    serde_json::from_str(NO_MENTIONS).unwrap()
}

/// `/section name:<name>` by Alice in `place`. Returns the interaction's id, for
/// [`sent_for`]: a long section comes as the callback and follow-ups.
fn open_section(fake: &FakeDiscord, name: &str, place: Place) -> u64 {
    let id = fake.next_id();
    let options = json!([{ "name": "name", "type": 3, "value": name }]);
    fake.interact(payloads::slash(id, "section", options, &alice(), place));
    id
}

/// `/section name:<name>` by Alice in `place`, and the bot's callback: all there is of a
/// short section.
async fn section(fake: &FakeDiscord, name: &str, place: Place) -> Request {
    fake.callback(open_section(fake, name, place)).await
}

/// Everything the bot sent for interaction `id`, in order: the callback, then follow-ups.
/// Waits for the message that carries the disclaimer (the last), then a little longer to
/// catch anything sent after it.
async fn sent_for(fake: &FakeDiscord, id: u64) -> Vec<Request> {
    let token = payloads::interaction_token(id);
    let callback = format!("/api/v10/interactions/{id}/{token}/callback");
    let followup = format!("/api/v10/webhooks/{APP_ID}/{token}");
    let ours = move |r: &Request| {
        r.status < 300 && r.method == "POST" && (r.path == callback || r.path == followup)
    };
    let has_footer = |r: &Request| {
        message(r)["embeds"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|e| e.get("footer").is_some())
    };
    fake.wait_request("the message with the disclaimer", |r| {
        ours(r) && has_footer(r)
    })
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let sent: Vec<Request> = fake.requests().into_iter().filter(|r| ours(r)).collect();
    assert!(
        sent[0].path.ends_with("/callback"),
        "the first message is the interaction response\n{}",
        fake.summary()
    );
    assert!(
        sent[1..].iter().all(|r| r.path.contains("/webhooks/")),
        "one response, then follow-ups\n{}",
        fake.summary()
    );
    assert!(
        has_footer(sent.last().unwrap()),
        "nothing after the disclaimer\n{}",
        fake.summary()
    );
    sent
}

fn embeds(r: &Request) -> Vec<Value> {
    message(r)["embeds"].as_array().cloned().unwrap_or_default()
}

fn units(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.encode_utf16().count())
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

fn link_buttons(r: &Request) -> Vec<Value> {
    components(r)
        .into_iter()
        .filter(|c| c.get("url").is_some())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_section_is_one_message_with_title_link_and_disclaimer() {
    let (fake, bot) = start_bot(|_| {}).await;
    let sent = sent_for(&fake, open_section(&fake, "cost", IN_GUILD)).await;
    assert_eq!(sent.len(), 1, "one message");
    let disclaimer = bot.service.config().disclaimer.clone();
    let expected = json!({
        "type": 4,
        "data": {
            "allowed_mentions": no_mentions(),
            "attachments": [],
            "components": [{
                "type": 1,
                "components": [
                    { "type": 2, "style": 5, "label": "Read on the web",
                      "url": format!("{PUBLIC_BASE_URL}/#cost-and-access"), "disabled": false },
                ],
            }],
            "embeds": [{
                "type": "rich",
                "title": "Cost and access",
                "description": "A session in a private clinic usually costs between £40 and £70.\n\nSome private insurance companies cover the fees for a certain number of treatments.",
                "color": 0x2E86C1,
                "footer": { "text": disclaimer },
            }],
            "flags": 64,
        },
    });
    assert_eq!(sent[0].body, expected, "the /section callback");
    assert_eq!(
        bot.service.stats().snapshot().questions,
        0,
        "reading a section is not a question"
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_section_is_found_by_id_slug_or_title_ignoring_case() {
    let (fake, bot) = start_bot(|_| {}).await;
    for name in [
        "safety",
        "is-it-safe",
        "IS-IT-SAFE",
        "Is it safe?",
        "  is IT safe?  ",
        "is it safe",
    ] {
        let callback = section(&fake, name, IN_GUILD).await;
        assert_eq!(embed(&callback)["title"], "Is it safe?", "{name:?}");
        assert!(
            text(&embed(&callback)["description"]).starts_with("Acupuncture is generally safe"),
            "{name:?}"
        );
    }
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sections_follow_ephemeral_answers_like_ask() {
    let (fake, bot) = start_bot(|c| c.discord.ephemeral_answers = false).await;

    // Public in a guild when answers are: removable by the asker, as answers are.
    let callback = section(&fake, "intro", IN_GUILD).await;
    assert!(!is_ephemeral(&callback));
    assert_eq!(custom_id(&callback, "faq:rm:"), format!("faq:rm:{ALICE}"));
    assert_eq!(
        link_buttons(&callback)[0]["url"],
        format!("{PUBLIC_BASE_URL}/#introduction")
    );

    // The 🗑 button removes it like an answer.
    let posted = fake.message_from(&callback, CHANNEL);
    let removed = click(&fake, &posted, &format!("faq:rm:{ALICE}"), &alice()).await;
    assert_eq!(kind(&removed), ACK);
    let message_id = text(&posted["id"]).to_owned();
    fake.wait_request("the section message deleted", |r| {
        r.method == "DELETE" && r.path.ends_with(&format!("/messages/{message_id}"))
    })
    .await;

    // Never ephemeral in a DM (already private), and no 🗑 needed on an ephemeral one.
    assert!(!is_ephemeral(&section(&fake, "intro", Place::Dm).await));
    assert_clean_and_stop(&fake, bot).await;

    let (fake, bot) = start_bot(|_| {}).await;
    let callback = section(&fake, "intro", IN_GUILD).await;
    assert!(
        is_ephemeral(&callback),
        "ephemeral_answers = true (default)"
    );
    assert!(!has_component(&callback, "faq:rm:"));
    assert!(!is_ephemeral(&section(&fake, "intro", Place::Dm).await));
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_section_gets_a_private_list_of_sections() {
    let (fake, bot) = start_bot(|c| c.discord.ephemeral_answers = false).await;
    for (name, place) in [
        ("no such section", IN_GUILD),
        ("@everyone", IN_GUILD),
        ("   ", Place::Dm),
    ] {
        let callback = section(&fake, name, place).await;
        assert_eq!(kind(&callback), MESSAGE);
        assert!(is_ephemeral(&callback), "only the asker sees it: {name:?}");
        assert_eq!(message(&callback)["allowed_mentions"], no_mentions());
        let content = notice(&callback);
        assert!(
            content.starts_with("I couldn't find that section."),
            "{content}"
        );
        assert!(!content.contains(name.trim()) || name.trim().is_empty());
        for title in [
            "Introduction",
            "What the evidence says",
            "Is it safe?",
            "Cost and access",
        ] {
            assert!(content.contains(&format!("\n• {title}")), "{content}");
        }
        assert_carries_disclaimer(&callback, &bot);
    }
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn section_is_registered_with_an_autocompleted_name() {
    let (fake, bot) = start_bot(|_| {}).await;
    let put = fake.wait_ready().await;
    let section = put
        .body
        .as_array()
        .expect("commands")
        .iter()
        .find(|c| c["name"] == "section")
        .expect("/section registered")
        .clone();
    let option = &section["options"][0];
    assert_eq!(option["name"], "name");
    assert_eq!(option["type"], 3);
    assert_eq!(option["required"], true);
    assert_eq!(option["autocomplete"], true);
    bot.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_section_titles_and_submits_ids() {
    let (fake, bot) = start_bot(|_| {}).await;
    let complete = |partial: &'static str| autocomplete(&fake, "section", None, "name", partial);
    let callback = complete("SAFE").await;
    assert_eq!(kind(&callback), AUTOCOMPLETE);
    assert_eq!(
        callback.body["data"]["choices"],
        json!([{ "name": "Is it safe?", "value": "safety" }])
    );
    // Title prefixes first, then other matches (here by slug).
    assert_eq!(
        complete("cost").await.body["data"]["choices"],
        json!([{ "name": "Cost and access", "value": "cost" }])
    );
    let everything = complete("").await;
    assert_eq!(
        texts_of(&everything.body["data"]["choices"], "name"),
        [
            "Introduction",
            "What the evidence says",
            "Is it safe?",
            "Cost and access"
        ]
    );
    assert_eq!(
        complete("nothing like this").await.body["data"]["choices"],
        json!([])
    );
    assert_eq!(bot.service.stats().snapshot().questions, 0);
    assert_clean_and_stop(&fake, bot).await;
}

// ---- Long sections -------------------------------------------------------------------

/// A deterministic paragraph of `sentences` sentences, each 8–40 words from a small
/// vocabulary, ending in `.`, `!` or `?`.
fn paragraph(seed: &mut u64, sentences: usize, extra: &str) -> String {
    const WORDS: &[&str] = &[
        "acupuncture",
        "needles",
        "back",
        "pain",
        "patients",
        "trial",
        "treatment",
        "practitioner",
        "session",
        "evidence",
        "placebo",
        "sham",
        "results",
        "muscles",
        "nerves",
        "points",
        "relief",
        "weeks",
        "clinic",
        "guidance",
        "months",
        "people",
        "studies",
        "effect",
    ];
    let mut next = |n: u64| {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (*seed >> 33) % n
    };
    let mut out = Vec::new();
    for _ in 0..sentences {
        let count = 8 + next(33) as usize;
        let mut words: Vec<String> = (0..count)
            .map(|_| WORDS[next(WORDS.len() as u64) as usize].to_owned())
            .collect();
        if !extra.is_empty() && next(3) == 0 {
            words.insert(1, extra.to_owned());
        }
        let mut first = words[0].chars();
        let head = first.next().unwrap().to_uppercase().collect::<String>();
        words[0] = head + first.as_str();
        let end = ['.', '.', '.', '!', '?'][next(5) as usize];
        out.push(format!("{}{end}", words.join(" ")));
    }
    out.join(" ")
}

/// A section of `paragraphs` generated paragraphs, one of them far longer than an embed
/// (so it must be split between sentences).
fn long_section(id: &str, title: &str, seed: u64, paragraphs: usize, extra: &str) -> Section {
    let mut seed = seed;
    let mut out: Vec<String> = (0..paragraphs)
        .map(|i| paragraph(&mut seed, 1 + i % 7, extra))
        .collect();
    out.insert(paragraphs / 3, paragraph(&mut seed, 60, extra));
    Section {
        id: id.to_owned(),
        slug: format!("{id}-anchor"),
        title: title.to_owned(),
        label: None,
        paragraphs: out,
    }
}

/// The fixture knowledge plus a very long section, a long one full of characters Discord
/// counts twice, and enough sections (one with a 300-character title) to overflow
/// autocomplete.
fn long_knowledge() -> (TempDir, Vec<Section>) {
    let dir = tempfile::tempdir().expect("temp knowledge dir");
    for entry in std::fs::read_dir(fixture_knowledge_dir()).expect("fixture knowledge") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).expect("copy");
    }
    let mut sections = vec![
        long_section("long", "A very long section", 7, 40, ""),
        long_section("wide", "Wide characters", 11, 30, "🙂ç𝄞"),
    ];
    for i in 0..25 {
        let title = if i == 0 {
            format!("Generated topic {i}: {}", "very ".repeat(60))
        } else {
            format!("Generated topic {i}")
        };
        sections.push(Section {
            id: format!("generated-{i}"),
            slug: format!("generated-{i}"),
            title: title.trim().to_owned(),
            label: None,
            paragraphs: vec![format!("Generated text number {i}.")],
        });
    }
    append_to_knowledge(dir.path(), &sections, &[]);
    (dir, sections)
}

fn set_knowledge(dir: &Path) -> impl FnOnce(&mut faqbot::config::Config) + '_ {
    move |c| c.knowledge_dir = dir.to_path_buf()
}

/// Checks the messages of a split section: limits, titles, order and completeness, whole
/// sentences, one disclaimer at the very end, the link on the last message.
fn check_split(sent: &[Request], section: &Section, disclaimer: &str, url: &str) {
    let mut descriptions = Vec::new();
    for (m, r) in sent.iter().enumerate() {
        assert_eq!(message(r)["allowed_mentions"], no_mentions(), "message {m}");
        assert!(is_ephemeral(r), "message {m} is ephemeral like the rest");
        assert!(units(&message(r)["content"]) <= 2000);
        let list = embeds(r);
        assert!(!list.is_empty() && list.len() <= 10, "message {m}");
        let mut total = 0;
        for (e, embed) in list.iter().enumerate() {
            let d = units(&embed["description"]);
            assert!((1..=4096).contains(&d), "message {m} embed {e}: {d}");
            assert!(units(&embed["title"]) <= 256);
            total += units(&embed["title"]) + d + units(&embed["footer"]["text"]);
            let title = embed.get("title").map(|t| text(t).to_owned());
            match (m, e) {
                (0, 0) => assert_eq!(title.as_deref(), Some(section.title.as_str())),
                (_, 0) => assert_eq!(
                    title,
                    Some(format!("{}{CONTINUED}", section.title)),
                    "message {m}"
                ),
                _ => assert_eq!(title, None, "only a message's first embed has a title"),
            }
            let last = m + 1 == sent.len() && e + 1 == list.len();
            if last {
                assert_eq!(embed["footer"]["text"], disclaimer, "the disclaimer, whole");
            } else {
                assert!(embed.get("footer").is_none(), "one disclaimer, at the end");
            }
            descriptions.push(text(&embed["description"]).to_owned());
        }
        assert!(total <= 6000, "message {m}: {total}");
        let links = link_buttons(r);
        if m + 1 == sent.len() {
            assert_eq!(links.len(), 1);
            assert_eq!(links[0]["url"], url);
            assert_eq!(links[0]["label"], READ_ON_WEB_LABEL);
        } else {
            assert!(links.is_empty(), "the link is on the last message");
        }
    }
    // Every chunk is whole sentences: it starts one and ends one.
    for d in &descriptions {
        assert!(
            d.starts_with(|c: char| c.is_uppercase()),
            "starts mid-sentence: {:?}",
            d.chars().take(40).collect::<String>()
        );
        assert!(
            d.ends_with(['.', '!', '?']),
            "ends mid-sentence: …{:?}",
            d.chars()
                .rev()
                .take(40)
                .collect::<String>()
                .chars()
                .rev()
                .collect::<String>()
        );
    }
    // Nothing lost, added or reordered, and no word cut.
    let joined = descriptions.join("\n\n");
    assert_eq!(words(&joined), words(&section.text()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_section_is_split_into_embeds_and_messages_within_limits() {
    let (dir, sections) = long_knowledge();
    let (fake, bot) = start_bot(set_knowledge(dir.path())).await;
    let disclaimer = bot.service.config().disclaimer.clone();
    let links = Links::from_config(bot.service.config());
    for section in &sections[..2] {
        assert!(
            section.text().chars().count() > 3 * 6000,
            "the fixture is long enough"
        );
        let sent = sent_for(&fake, open_section(&fake, &section.title, IN_GUILD)).await;
        assert!(sent.len() >= 3, "several messages: {}", sent.len());
        assert!(
            sent.iter().any(|r| embeds(r).len() > 1),
            "several embeds in a message"
        );
        let url = links.section_url(section);
        assert_eq!(url, format!("{PUBLIC_BASE_URL}/#{}-anchor", section.id));
        check_split(&sent, section, &disclaimer, &url);
    }
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_section_keeps_a_maximal_disclaimer_whole() {
    let (dir, sections) = long_knowledge();
    let disclaimer = format!("{} End of disclaimer.", "Not medical advice. ".repeat(110));
    let disclaimer = disclaimer[disclaimer.len() - 2048..].to_owned();
    let (fake, bot) = start_bot(|c| {
        c.knowledge_dir = dir.path().to_path_buf();
        c.disclaimer = disclaimer.clone();
    })
    .await;
    let links = Links::from_config(bot.service.config());
    let sent = sent_for(&fake, open_section(&fake, "long", IN_GUILD)).await;
    check_split(
        &sent,
        &sections[0],
        &disclaimer,
        &links.section_url(&sections[0]),
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_stays_within_discord_limits_with_many_sections() {
    let (dir, sections) = long_knowledge();
    let (fake, bot) = start_bot(set_knowledge(dir.path())).await;
    for partial in ["", "generated", "GENERATED TOPIC 0"] {
        let callback = autocomplete(&fake, "section", None, "name", partial).await;
        let choices = choices_in(&callback);
        assert!(
            !choices.is_empty() && choices.len() <= 25,
            "{partial:?}: {}",
            choices.len()
        );
        for c in choices {
            assert!((1..=100).contains(&units(&c["name"])), "{c}");
            assert!((1..=100).contains(&units(&c["value"])), "{c}");
        }
        if partial.starts_with("GENERATED") {
            assert_eq!(choices[0]["value"], "generated-0");
            assert!(text(&choices[0]["name"]).ends_with('…'));
        }
    }
    // Posting the section with the 300-character title clamps the embed title.
    let callback = section(&fake, "generated-0", IN_GUILD).await;
    assert!(units(&embed(&callback)["title"]) <= 256);
    assert!(sections[2].title.chars().count() > 256);
    assert_clean_and_stop(&fake, bot).await;
}

// ---- Where "Read the full section" points ----------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_links_the_original_article_when_article_url_is_set() {
    const ARTICLE: &str = "https://example.org/articles/acupuncture-back-pain";
    let (fake, bot) = start_bot(|c| {
        // A fragment in the configured URL is replaced by the section's anchor.
        c.links.article_url = Some(format!("{ARTICLE}#top"));
        c.discord.ephemeral_answers = false;
    })
    .await;
    let full_section = |r: &Request| -> String {
        let links = link_buttons(r);
        assert_eq!(links.len(), 1, "{:#}", message(r));
        assert_eq!(links[0]["label"], "Read the full section");
        text(&links[0]["url"]).to_owned()
    };

    // /ask
    let answer = ask(&fake, "what is acupuncture").await;
    assert_eq!(full_section(&answer), format!("{ARTICLE}#introduction"));

    // /faq show
    assert_eq!(
        full_section(&faq_show(&fake, "cost").await),
        format!("{ARTICLE}#cost-and-access")
    );

    // A picked suggestion.
    let menu = fake.message_from(&ask(&fake, "risks").await, CHANNEL);
    let picked = pick(&fake, &menu, "side-effects", &alice()).await;
    assert_eq!(full_section(&picked), format!("{ARTICLE}#is-it-safe"));

    // A plain message in a DM.
    post_message(
        &fake,
        Place::Dm,
        &alice(),
        "Does acupuncture work for back pain?",
    );
    let sent = fake.channel_message(DM_CHANNEL, 1).await;
    assert_eq!(
        full_section(&sent),
        format!("{ARTICLE}#what-the-evidence-says")
    );

    // /section links the same place.
    assert_eq!(
        link_buttons(&section(&fake, "evidence", IN_GUILD).await)[0]["url"],
        format!("{ARTICLE}#what-the-evidence-says")
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_any_link_settings_answers_link_the_built_in_page() {
    let (fake, bot) = start_bot(|c| {
        c.links.public_base_url = None;
        c.links.article_url = None;
    })
    .await;
    let config = bot.service.config();
    let expected = format!("http://{}/#introduction", config.web.bind);
    let intro = bot
        .service
        .engine()
        .knowledge()
        .section("intro")
        .unwrap()
        .clone();
    assert_eq!(Links::from_config(config).section_url(&intro), expected);

    let answer = ask(&fake, "what is acupuncture").await;
    assert_eq!(link_buttons(&answer)[0]["url"], expected.as_str());
    assert_eq!(
        link_buttons(&section(&fake, "Introduction", IN_GUILD).await)[0]["url"],
        expected.as_str()
    );
    assert_clean_and_stop(&fake, bot).await;
}
