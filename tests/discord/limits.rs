//! Cooldowns, over-long questions, and replies that always fit Discord's limits with the
//! disclaimer intact.

use std::time::Duration;

use faqbot::discord::limits;
use faqbot::discord::render;
use faqbot::knowledge::{Entry, Section};
use faqbot::reply::{Match, Outcome, Reply, SectionRef};

use crate::helpers::*;
use crate::support::bot::TestBot;
use crate::support::fake_discord::payloads::{IN_GUILD, Place};
use crate::support::fake_discord::{DM_CHANNEL, FakeDiscord, alice, bob};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cooldown_gets_a_friendly_ephemeral_notice_per_user() {
    let (fake, bot) = start_bot(|c| c.discord.cooldown_seconds = 60).await;
    let first = ask(&fake, "what is acupuncture").await;
    assert_eq!(embed(&first)["title"], "What is acupuncture?");

    let refused = ask(&fake, "is acupuncture safe").await;
    assert_eq!(kind(&refused), MESSAGE);
    assert!(
        is_ephemeral(&refused),
        "the cooldown notice is for the asker only"
    );
    let content = notice(&refused);
    assert!(
        content.starts_with("You're asking a little quickly. Please wait "),
        "{content}"
    );
    assert!(
        content.ends_with(" seconds before your next question."),
        "{content}"
    );

    // Someone else is not held up.
    let other = ask_as(&fake, "is acupuncture safe", &bob(), IN_GUILD).await;
    assert_eq!(embed(&other)["title"], "Is acupuncture safe?");
    assert_eq!(
        bot.service.stats().snapshot().questions,
        2,
        "the refused question was not asked"
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn free_text_cooldown_warns_once_then_stays_quiet() {
    let (fake, bot) = start_bot(|c| c.discord.cooldown_seconds = 60).await;
    for q in ["what is acupuncture", "is it safe", "does it cost much"] {
        post_message(&fake, Place::Dm, &alice(), q);
    }
    fake.channel_message(DM_CHANNEL, 2).await;
    // The barrier: Bob's DM shares the channel id in the fake; once answered, all are handled.
    post_message(&fake, Place::Dm, &bob(), "what is acupuncture");
    fake.channel_message(DM_CHANNEL, 3).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = fake.channel_messages(DM_CHANNEL);
    assert_eq!(
        sent.len(),
        3,
        "answer, one notice, (silence), Bob's answer\n{}",
        fake.summary()
    );
    let notices: Vec<&str> = sent
        .iter()
        .map(|r| text(&r.body["embeds"][0]["description"]))
        .filter(|d| d.contains("Please wait"))
        .collect();
    assert_eq!(notices.len(), 1, "one cooldown notice: {notices:?}");
    assert!(notices[0].contains("Please wait"));
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_long_questions_are_refused_politely_and_not_asked() {
    let (fake, bot) = start_bot(|c| c.limits.max_question_chars = 50).await;
    let long = "is acupuncture safe ".repeat(4); // 80 characters
    let refused = ask(&fake, &long).await;
    assert!(is_ephemeral(&refused));
    assert_eq!(
        notice(&refused),
        "Sorry, that question is too long for me (79 characters; the limit is 50). \
         Please ask it in fewer words, one question at a time."
    );
    // Even a refusal carries the medical disclaimer.
    assert_carries_disclaimer(&refused, &bot);

    post_message(&fake, Place::Dm, &alice(), &long);
    let sent = fake.channel_message(DM_CHANNEL, 1).await;
    assert!(notice(&sent).starts_with("Sorry, that question is too long for me"));
    assert_eq!(bot.service.stats().snapshot().questions, 0);
    assert!(
        bot.service.unanswered().top(10).is_empty(),
        "refused questions are not logged"
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn urgent_questions_get_through_the_length_limit_and_the_cooldown() {
    let (fake, bot) = start_bot(|c| {
        c.limits.max_question_chars = 50;
        c.discord.cooldown_seconds = 60;
    })
    .await;
    let long_urgent = format!(
        "{}and now my groin feels numb",
        "my back has hurt for weeks ".repeat(3)
    );
    assert!(long_urgent.chars().count() > 50);
    let is_urgent = |r: &crate::support::fake_discord::Request| {
        embed(r)["color"] == 0xE02B2B && embed(r)["title"] == "🚨 Please get medical help now"
    };

    // A question starts Alice's cooldown; an urgent one over the length limit, and another
    // within the cooldown, are both answered with urgent guidance.
    let answer = ask(&fake, "what is acupuncture").await;
    assert_eq!(embed(&answer)["title"], "What is acupuncture?");
    for q in [long_urgent.as_str(), "my groin feels numb"] {
        let callback = ask(&fake, q).await;
        assert!(is_urgent(&callback), "{q}: {:#}", callback.body);
    }
    // A plain question in the cooldown is still refused.
    assert!(notice(&ask(&fake, "is it safe").await).contains("Please wait"));

    // Free text: a question, the cooldown notice, then silence — but never for a red flag.
    for (i, q) in ["what is acupuncture", "is it safe", "does it cost much"]
        .into_iter()
        .enumerate()
    {
        post_message(&fake, Place::Dm, &bob(), q);
        fake.channel_message(DM_CHANNEL, i.min(1) + 1).await;
    }
    post_message(&fake, Place::Dm, &bob(), "I can't control my bladder");
    let sent = fake.channel_message(DM_CHANNEL, 3).await;
    assert!(is_urgent(&sent), "{}", fake.summary());
    assert_eq!(bot.service.stats().snapshot().urgent, 3);
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_maximal_disclaimer_still_fits_and_is_never_cut() {
    let fake = FakeDiscord::start().await;
    let disclaimer = format!("{} End of disclaimer.", "Not medical advice. ".repeat(110));
    let disclaimer = disclaimer[disclaimer.len() - 2048..].to_owned();
    let bot = TestBot::start(&fake, |c| c.disclaimer = disclaimer.clone()).await;
    let callback = ask(&fake, "does acupuncture work for back pain").await;
    assert_eq!(
        footer(&callback),
        disclaimer,
        "the configured disclaimer, whole"
    );
    assert_clean_and_stop(&fake, bot).await;
}

fn long_answer(passage: String, note: Option<String>, disclaimer: String) -> Reply {
    let outcome = Outcome::Answer(Match {
        entry_id: "long".into(),
        question: "Q".repeat(256),
        score: 1.0,
        passage,
        evidence_note: note,
        section: SectionRef {
            id: "s".into(),
            title: "Section".into(),
            url: "https://example.org/#s".into(),
        },
    });
    plain_reply("q", outcome, &disclaimer)
}

#[test]
fn long_passages_are_shortened_at_a_sentence_and_the_disclaimer_kept_whole() {
    let audience = audience(true);
    // As long as knowledge validation allows: 3800 passage, 1024 note, 2048 disclaimer.
    let sentence = "Acupuncture was studied in a trial with many people who had back pain. ";
    let passage: String = sentence.repeat(60).chars().take(3800).collect();
    let note = "n".repeat(1024);
    let disclaimer = format!("{}END", "d".repeat(2045));
    let rendered = render::reply(
        &long_answer(passage, Some(note), disclaimer.clone()),
        &audience,
    );
    let spec = &rendered.embeds[0];
    assert!(spec.fits(), "total {} must fit", spec.total_len());
    assert!(spec.total_len() <= limits::EMBED_TOTAL);
    assert_eq!(spec.footer, disclaimer, "the disclaimer is never shortened");
    assert!(
        spec.description.ends_with("back pain. …"),
        "cut after a whole sentence: …{}",
        &spec.description[spec.description.len() - 40..]
    );
    assert!(spec.description.starts_with("> Acupuncture was studied"));

    // Multi-line passages stay quoted line by line, within 4096.
    let passage: String = "Line one of a paragraph.\n\nLine two.\n"
        .repeat(200)
        .chars()
        .take(3800)
        .collect();
    let rendered = render::reply(&long_answer(passage, None, "Short.".into()), &audience);
    let spec = &rendered.embeds[0];
    assert!(spec.fits());
    assert!(
        spec.description.lines().all(|l| l.starts_with('>')),
        "every line quoted"
    );
}

#[test]
fn clamp_and_shorten_respect_utf16_lengths() {
    assert_eq!(render::clamp("hello world", 20), "hello world");
    assert_eq!(
        render::clamp("hello wonderful world", 18),
        "hello wonderful…"
    );
    assert!(render::len(&render::clamp(&"🙂".repeat(100), 100)) <= 100);
    assert_eq!(
        render::shorten_passage("One. Two. Three.", 11),
        "One. Two. …"
    );
    assert_eq!(render::quote("a\n\nb"), "> a\n>\n> b");
}

#[test]
fn topics_fit_discord_however_many_and_long_the_sections_and_questions() {
    let mut k = crate::support::knowledge::repo_knowledge();
    let template = k.faq[0].clone();
    for i in 0..30 {
        let id = format!("extra-{i}");
        k.article.sections.push(Section {
            id: id.clone(),
            slug: id.clone(),
            title: format!("{i} {}", "A long section title 🙂 ".repeat(12)),
            label: None,
            paragraphs: vec!["Text.".into()],
        });
        for j in 0..3 {
            k.faq.push(Entry {
                id: format!("{id}-{j}"),
                section: id.clone(),
                question: "A long question about needles 🙂 ".repeat(10),
                ..template.clone()
            });
        }
    }
    let sections = k.article.sections.len();
    let rendered = render::topics(
        &k,
        |s| format!("https://example.org/article#{}", s.slug),
        "Not medical advice.",
    );
    let spec = &rendered.embeds[0];
    assert!(
        spec.fits(),
        "{} fields, {} in all",
        spec.fields.len(),
        spec.total_len()
    );
    assert_eq!(spec.footer, "Not medical advice.");
    let left_out = sections - spec.fields.len();
    assert!(left_out > 0);
    assert!(
        spec.description
            .contains(&format!("…and {left_out} more sections")),
        "{}",
        spec.description
    );
    // The repository's own sections all show, with no such note.
    let k = crate::support::knowledge::repo_knowledge();
    let spec = &render::topics(&k, |_| String::new(), "D.").embeds[0];
    assert_eq!(spec.fields.len(), k.article.sections.len());
    assert!(!spec.description.contains("more sections"));
}

#[test]
fn a_section_url_too_long_for_a_link_button_leaves_the_button_out() {
    let audience = audience(false);
    // Discord refuses a button whose url is over 512 characters: the whole message with it.
    let long_url = format!("https://example.org/{}#s", "a".repeat(600));
    let mut reply = long_answer("A passage.".into(), None, "D.".into());
    if let Outcome::Answer(m) = &mut reply.outcome {
        m.section.url = long_url.clone();
    }
    let rows = serde_json::to_string(&render::reply(&reply, &audience).components).unwrap();
    assert!(!rows.contains("example.org"), "{rows}");
    assert!(
        rows.contains("faq:fb:up:long"),
        "the feedback buttons stay: {rows}"
    );

    let section = Section {
        id: "s".into(),
        slug: "s".into(),
        title: "S".into(),
        label: None,
        paragraphs: vec!["Text.".into()],
    };
    for message in render::sections::messages(&section, &long_url, "D.", &audience) {
        let rows = serde_json::to_string(&message.components).unwrap();
        assert!(!rows.contains("example.org"), "{rows}");
    }
    // A URL of 512 is still a button.
    let url = format!("https://example.org/{}", "a".repeat(512 - 20));
    assert_eq!(url.len(), 512);
    if let Outcome::Answer(m) = &mut reply.outcome {
        m.section.url = url;
    }
    let rows = serde_json::to_string(&render::reply(&reply, &audience).components).unwrap();
    assert!(rows.contains("example.org"), "{rows}");
}

#[test]
fn entry_ids_too_long_for_a_custom_id_or_menu_value_are_never_cut() {
    let audience = audience(false);
    let long_id = "a-very-long-entry-id-".repeat(6); // 126 characters, a valid slug
    // An answer: no feedback buttons that would count a cut-off id; the link stays.
    let mut reply = long_answer("A passage.".into(), None, "D.".into());
    let Outcome::Answer(m) = &mut reply.outcome else {
        unreachable!()
    };
    m.entry_id = long_id.clone();
    let answer_match = m.clone();
    let rows = serde_json::to_string(&render::reply(&reply, &audience).components).unwrap();
    assert!(!rows.contains("faq:fb:"), "{rows}");
    assert!(rows.contains("example.org"), "{rows}");

    // "Did you mean": only ids that fit whole are menu values; none fit, no menu.
    let short = Match {
        entry_id: "short".into(),
        ..answer_match.clone()
    };
    let suggestions = |list: Vec<Match>| plain_reply("q", Outcome::Suggestions(list), "D.");
    let rendered = render::reply(&suggestions(vec![answer_match.clone(), short]), &audience);
    let rows = serde_json::to_value(&rendered.components).unwrap();
    let options = rows[0]["components"][0]["options"].as_array().unwrap();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0]["value"], "short");
    let rendered = render::reply(&suggestions(vec![answer_match]), &audience);
    assert!(rendered.components.is_empty(), "no empty menu");
    assert!(rendered.embeds[0].fits());
}
