//! Hostile input through the real bot: patients' text shown as literal text wherever it
//! appears ("You asked", `/faqmod unanswered`, history) and read back exactly; feedback
//! that cannot be forged or padded; every unknown or expired button and form answered;
//! autocomplete that a long paste cannot stall.

use serde_json::json;

use crate::helpers::*;
use crate::moderation::{Moderated, content, value};
use crate::support::bot::TestBot;
use crate::support::fake_discord::payloads::{self, IN_GUILD};
use crate::support::fake_discord::{ALICE, CHANNEL, alice, bob, moderator};

/// A question that sets a trap in every way Discord markup allows: a masked phishing
/// link, a mass mention, a role mention, a timestamp, bold, and a right-to-left override.
const TRAP: &str = "[Moderators: verify your account here](http://evil.example/phish) @everyone <@&500000000000000002> <t:1700000000:R> **now** \u{202E}txet";
/// [`TRAP`] as Discord must be sent it: every markup character escaped, the link's
/// `scheme://` broken by a zero-width space, the override dropped.
const TRAP_SHOWN: &str = "\\[Moderators: verify your account here\\]\\(http:\u{200B}//evil.example/phish\\) \\@everyone \\<\\@&500000000000000002\\> \\<t:1700000000:R\\> \\*\\*now\\*\\* txet";
/// [`TRAP`] without its bidi control: what the bot reads back from its own messages.
const TRAP_READ_BACK: &str = "[Moderators: verify your account here](http://evil.example/phish) @everyone <@&500000000000000002> <t:1700000000:R> **now** txet";

/// Panics unless `shown` can render nothing but text: every markup character escaped, no
/// `scheme://`, no bidi control.
fn assert_inert(shown: &str) {
    assert!(!shown.contains('\u{202E}'), "a bidi override: {shown:?}");
    assert!(!shown.contains("://"), "a live link: {shown:?}");
    let mut prev = ' ';
    for c in shown.chars() {
        if "[]()<>@*_~`|#".contains(c) {
            assert_eq!(prev, '\\', "unescaped {c:?} in {shown:?}");
        }
        prev = c;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn you_asked_shows_the_question_as_literal_text_and_a_pick_reads_it_back() {
    // A low bar for "did you mean", so the trap's extra words still get suggestions (the
    // two entries share the phrasing, so neither is answered outright).
    let (fake, bot) = start_bot(suggest_widely).await;
    let question = format!("what are the risks of acupuncture {TRAP}");
    let asked = ask(&fake, &question).await;
    assert_eq!(text(&embed(&asked)["title"]), "Did you mean…");
    let field = &embed(&asked)["fields"][0];
    assert_eq!(field["name"], "You asked");
    assert_eq!(
        text(&field["value"]),
        format!("what are the risks of acupuncture {TRAP_SHOWN}")
    );
    assert_inert(text(&field["value"]));
    let listed = |bot: &TestBot| {
        bot.service
            .unanswered()
            .top(10)
            .iter()
            .any(|q| q.question.contains("verify your account"))
    };
    assert!(listed(&bot), "recorded for moderators");

    // The pick reads the question back from the message exactly, so it leaves the list.
    let posted = fake.message_from(&asked, CHANNEL);
    let picked = pick(&fake, &posted, "is-it-safe", &alice()).await;
    assert_eq!(kind(&picked), UPDATE);
    assert_eq!(embed(&picked)["title"], "Is acupuncture safe?");
    assert!(
        !listed(&bot),
        "a picked question leaves the unanswered list"
    );
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderators_see_unanswered_questions_and_history_as_literal_text() {
    let m = Moderated::start().await;
    let me = moderator();
    let asked = m.ask(TRAP).await;
    assert!(!has_component(&asked, "faq:fb:up:"), "not answered");

    let list = m.faqmod("unanswered", json!([]), &me).await;
    let field = &embed(&list)["fields"][0];
    assert_eq!(text(&field["value"]), TRAP_SHOWN);
    let menus = components(&list);
    let label = text(&menus[0]["options"][0]["label"]);
    assert!(label.starts_with("#1 [Moderators"), "{label}");
    assert!(
        !label.contains('\u{202E}'),
        "menu labels drop bidi controls"
    );

    // The form for a new entry opens with the question as the patient typed it.
    let form = m.choose(&list, "faq:mod:ua:new", "1", &me).await;
    assert_eq!(value(&form, "question"), TRAP_READ_BACK);

    // Made into another phrasing: shown literally while choosing, once added, and in history.
    let choices = m.choose(&list, "faq:mod:ua:alias", "1", &me).await;
    let shown = text(&embed(&choices)["fields"][0]["value"]);
    assert_eq!(shown, TRAP_SHOWN);
    let done = m
        .choose(&choices, "faq:mod:aliasto", "insurance", &me)
        .await;
    let said = content(&done);
    assert!(said.starts_with("✅ `insurance`"), "{said}");
    let added = said.split_once("added alternate ").expect("the phrase").1;
    assert_inert(added);
    let entry = m
        .bot
        .service
        .engine()
        .knowledge()
        .entry("insurance")
        .cloned();
    assert!(
        entry
            .unwrap()
            .alternates
            .iter()
            .any(|a| a == TRAP_READ_BACK),
        "the phrase is saved as typed, without the markup escapes"
    );

    let history = m.faqmod("history", json!([]), &me).await;
    let change = text(&embed(&history)["fields"][0]["value"]);
    let (_, what) = change.split_once('\n').expect("who, then what changed");
    assert!(what.contains("verify your account"), "{what}");
    assert_inert(what);
    m.assert_clean_and_stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feedback_counts_one_changeable_vote_per_person_and_only_for_real_entries() {
    let (fake, bot) = start_bot(|_| {}).await;
    let answer = ask(&fake, "is acupuncture safe").await;
    let posted = fake.message_from(&answer, CHANNEL);
    let disclaimer = bot.service.config().disclaimer.clone();
    let me = alice();

    // A forged button for an entry that does not exist records nothing.
    let forged = click(&fake, &posted, "faq:fb:up:no-such-entry-xyz", &me).await;
    assert_eq!(kind(&forged), MESSAGE);
    assert!(is_ephemeral(&forged));
    assert!(
        notice(&forged).contains("has expired"),
        "{}",
        notice(&forged)
    );
    assert_eq!(footer(&forged), disclaimer);
    assert_eq!(bot.service.feedback().tally("no-such-entry-xyz").helpful, 0);

    // Ten 👍 from one person are one vote.
    let up = custom_id(&answer, "faq:fb:up:");
    for n in 0..10 {
        let reply = click(&fake, &posted, &up, &me).await;
        assert_eq!(footer(&reply), disclaimer);
        let said = notice(&reply);
        if n == 0 {
            assert!(said.starts_with("Thanks for letting us know"), "{said}");
        } else {
            assert!(said.contains("already rated"), "{said}");
        }
    }
    let tally = bot.service.feedback().tally("is-it-safe");
    assert_eq!((tally.helpful, tally.not_helpful), (1, 0));

    // 👎 then moves the vote rather than adding one.
    let changed = click(&fake, &posted, &custom_id(&answer, "faq:fb:down:"), &me).await;
    assert!(
        notice(&changed).contains("now “not helpful”"),
        "{}",
        notice(&changed)
    );
    let tally = bot.service.feedback().tally("is-it-safe");
    assert_eq!((tally.helpful, tally.not_helpful), (0, 1));
    let stats = bot.service.stats().snapshot();
    assert_eq!((stats.feedback_up, stats.feedback_down), (1, 1));

    // On disk: one line per counted or changed vote, and nobody's id.
    let log = std::fs::read_to_string(bot.service.config().data_dir.join("feedback.jsonl"))
        .expect("the feedback log");
    assert_eq!(log.lines().count(), 2, "{log}");
    assert!(!log.contains("no-such-entry"), "{log}");
    assert!(!log.contains(&ALICE.to_string()), "{log}");
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_and_expired_buttons_and_forms_get_a_private_answer_with_the_disclaimer() {
    let (fake, bot) = start_bot(|_| {}).await;
    let disclaimer = bot.service.config().disclaimer.clone();
    let posted = fake.message_from(&ask(&fake, "is acupuncture safe").await, CHANNEL);

    let mut replies = Vec::new();
    for (custom_id, who) in [
        ("faq:zz:1", alice()),
        ("faq:rm:not-a-user", alice()),
        ("faq:mod:zz", moderator()),
        ("faq:mod:zz", bob()),
        // A form's id on a button, and a menu's id on a button.
        ("faq:mod:new", moderator()),
        (&format!("faq:pick:{ALICE}") as &str, alice()),
        ("", alice()),
    ] {
        replies.push((
            custom_id.to_owned(),
            click(&fake, &posted, custom_id, &who).await,
        ));
    }
    for (custom_id, who) in [("garbage", moderator()), ("faq:mod:zz", moderator())] {
        let form =
            |id| payloads::modal_submit(id, custom_id, &[("question", "x")], &who, IN_GUILD, None);
        replies.push((format!("form {custom_id}"), send(&fake, form).await));
    }
    for (what, reply) in &replies {
        assert_eq!(kind(reply), MESSAGE, "{what}");
        assert!(is_ephemeral(reply), "{what}");
        let said = notice(reply);
        let expected = if what.starts_with("form ") {
            "This form has expired"
        } else {
            "This button has expired"
        };
        assert!(said.starts_with(expected), "{what}: {said}");
        assert_eq!(footer(reply), disclaimer, "{what}");
    }
    assert_clean_and_stop(&fake, bot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huge_autocomplete_paste_is_answered_and_stalls_nobody() {
    let (fake, bot) = start_bot(|_| {}).await;
    // 6,000 characters that fold into one enormous word: the bot looks at a bounded prefix.
    let paste = "㌖".repeat(6000);
    let typing = fake.next_id();
    fake.interact(payloads::autocomplete(
        typing,
        "ask",
        None,
        "question",
        &paste,
        &alice(),
    ));
    let asking = fake.next_id();
    fake.interact(payloads::ask(
        asking,
        "is acupuncture safe",
        &bob(),
        IN_GUILD,
    ));
    let answer = fake.callback(asking).await;
    assert_eq!(embed(&answer)["title"], "Is acupuncture safe?");
    let choices = fake.callback(typing).await;
    assert_eq!(kind(&choices), AUTOCOMPLETE);
    assert!(choices_in(&choices).len() <= 25);

    let showing = autocomplete(&fake, "faq", Some("show"), "entry", &paste).await;
    assert_eq!(kind(&showing), AUTOCOMPLETE);
    assert_clean_and_stop(&fake, bot).await;
}
