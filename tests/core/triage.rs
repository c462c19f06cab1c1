//! Safety: red flags and crisis words get urgent guidance before any FAQ matching,
//! negated, past and asked-about mentions do not, and ordinary questions never do. The
//! fixture `tests/fixtures/triage-cases.jsonl` holds the wordings patients use.

use faqbot::reply::{NoMatchReason, Outcome, UrgentKind};
use faqbot::{Config, Engine};

use crate::support::knowledge::repo_knowledge;

fn engine() -> Engine {
    Engine::new(repo_knowledge(), &Config::default())
}

fn urgency(engine: &Engine, q: &str) -> Option<UrgentKind> {
    match engine.ask(q).outcome {
        Outcome::Urgent(u) => {
            assert!(!u.message.trim().is_empty());
            Some(u.kind)
        }
        _ => None,
    }
}

#[test]
fn red_flags_get_urgent_care_guidance() {
    let engine = engine();
    for q in [
        "I can't control my bladder since my back went",
        "numb around my bottom and groin with back pain",
        "my left leg has gone weak all of a sudden",
        "I fell off a ladder and hurt my back",
        "back pain and a high fever",
        "I had breast cancer and I've lost a lot of weight, now my back hurts",
        "crushing chest pain going into my back",
        "Does acupuncture help? I have saddle numbness.",
        "no fever but my groin is numb",
    ] {
        assert_eq!(urgency(&engine, q), Some(UrgentKind::RedFlag), "{q}");
    }
}

#[test]
fn misspelled_red_flags_still_fire() {
    let engine = engine();
    for q in [
        "numbnes in my sadle area",
        "lost controll of my bowels",
        "incontinance and back pain",
        "back pain and a feaver",
        "chest pian",
        "my legs are gettin weeker",
    ] {
        assert_eq!(urgency(&engine, q), Some(UrgentKind::RedFlag), "{q}");
    }
    for q in ["sucidal", "i want to kil myself"] {
        assert_eq!(urgency(&engine, q), Some(UrgentKind::Crisis), "{q}");
    }
    // Real words one letter away from a red flag are not red flags.
    for q in [
        "fewer sessions of acupuncture?",
        "how do I cancel my gym membership",
        "I never had a fever",
    ] {
        assert_eq!(urgency(&engine, q), None, "{q}");
    }
}

#[test]
fn suicide_and_self_harm_get_crisis_support_first() {
    let engine = engine();
    for q in [
        "I want to kill myself",
        "I've been self-harming because of the pain",
        "sometimes I think everyone would be better off if I ended my life",
        "I feel suicidal and I have back pain and a fever",
    ] {
        assert_eq!(urgency(&engine, q), Some(UrgentKind::Crisis), "{q}");
    }
    let reply = engine.ask("I want to end it all");
    let Outcome::Urgent(u) = reply.outcome else {
        panic!("crisis missed");
    };
    assert!(
        u.message.contains("116 123"),
        "Samaritans' number by default"
    );
}

#[test]
fn negated_and_ordinary_mentions_do_not_fire() {
    let engine = engine();
    for q in [
        "No numbness, no bladder problems. Is acupuncture on the NHS?",
        "I don't have a fever, does acupuncture work for back pain?",
        "without any leg weakness, is acupuncture better than exercise?",
        "does acupuncture help hay fever",
        "does acupuncture help pain after surgery",
        "how much does back pain cost the NHS",
        "what does NICE say about acupuncture",
    ] {
        assert_eq!(urgency(&engine, q), None, "{q}");
    }
}

#[test]
fn triage_comes_before_matching() {
    let engine = engine();
    // A question the FAQ answers word for word still gets urgent guidance when it
    // carries a red flag, and never an FAQ passage.
    let reply = engine.ask("Can I get acupuncture on the NHS? I've lost control of my bowels.");
    assert_eq!(reply.kind(), "urgent");
    assert!(reply.to_json().get("passage").is_none());
}

// ---------------------------------------------------------------- the fixture

/// One case of `tests/fixtures/triage-cases.jsonl`.
#[derive(serde::Deserialize)]
struct Case {
    q: String,
    /// `red_flag`, `crisis`, `warning_signs`, `support` or `none`.
    expect: String,
    group: String,
    /// A red flag said in so many words: it must never be missed.
    #[serde(default)]
    explicit: bool,
}

fn cases() -> Vec<Case> {
    fixture("triage-cases.jsonl")
}

/// The JSON lines of `tests/fixtures/<name>`, one case each.
fn fixture<T: serde::de::DeserializeOwned>(name: &str) -> Vec<T> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path)
        .expect("fixture")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// What a reply amounts to, in the fixture's words.
fn verdict(reply: &faqbot::Reply) -> &'static str {
    match &reply.outcome {
        Outcome::Urgent(u) if u.kind == UrgentKind::Crisis => "crisis",
        Outcome::Urgent(_) => "red_flag",
        Outcome::NoMatch {
            reason: NoMatchReason::WarningSigns,
            ..
        } => "warning_signs",
        _ if reply.support.is_some() => "support",
        _ => "none",
    }
}

#[test]
fn the_fixture_is_big_and_covers_every_group() {
    let cases = cases();
    assert!(cases.len() >= 200, "{} cases", cases.len());
    for expect in ["red_flag", "crisis", "warning_signs", "support", "none"] {
        assert!(cases.iter().any(|c| c.expect == expect), "no {expect} case");
    }
    for group in [
        "bladder",
        "saddle",
        "legs",
        "trauma",
        "fever",
        "cancer",
        "chest",
        "negated",
        "past",
        "lookalike",
    ] {
        assert!(
            cases.iter().filter(|c| c.group == group).count() >= 3,
            "group {group}"
        );
    }
}

#[test]
fn triage_catches_real_flags_and_only_real_flags() {
    let engine = engine();
    let cases = cases();
    let mut misses = Vec::new();
    let (mut urgent, mut caught, mut calm, mut false_urgent) = (0, 0, 0, 0);
    for case in &cases {
        let got = verdict(&engine.ask(&case.q));
        let wants_urgent = matches!(case.expect.as_str(), "red_flag" | "crisis");
        let is_urgent = matches!(got, "red_flag" | "crisis");
        if wants_urgent {
            urgent += 1;
            caught += usize::from(is_urgent);
        } else {
            calm += 1;
            false_urgent += usize::from(is_urgent);
        }
        if got != case.expect {
            misses.push(format!(
                "[{}] {:?}: want {}, got {got}",
                case.group, case.q, case.expect
            ));
        }
        assert!(
            !(case.explicit && got != case.expect),
            "an explicit flag was missed: {:?} -> {got}",
            case.q
        );
    }
    let recall = caught as f64 / urgent as f64;
    let false_rate = false_urgent as f64 / calm as f64;
    println!(
        "triage fixture: recall {caught}/{urgent} = {recall:.3}, false urgent {false_urgent}/{calm} = {false_rate:.3}"
    );
    assert!(
        misses.is_empty(),
        "{} of {} cases wrong:\n{}",
        misses.len(),
        cases.len(),
        misses.join("\n")
    );
}

// ---------------------------------------------------------------- the replies

fn urgent_of(engine: &Engine, q: &str) -> faqbot::reply::Urgent {
    match engine.ask(q).outcome {
        Outcome::Urgent(u) => u,
        other => panic!("{q}: not urgent: {other:?}"),
    }
}

#[test]
fn the_urgent_reply_is_a_care_card_that_says_what_led_to_it() {
    let engine = engine();
    let u = urgent_of(&engine, "cant pee since yesterday and my back is agony");
    assert_eq!(u.rule_id, "bladder-bowel");
    assert!(u.steps[0].heading.starts_with("Call 999"), "999 first");
    assert!(u.steps[1].heading.starts_with("Call 111"), "then 111");
    assert!(u.steps[0].contacts.iter().any(|c| c.href == "tel:999"));
    assert!(u.steps[1].contacts.iter().any(|c| c.href == "tel:111"));
    assert!(
        u.steps[1]
            .contacts
            .iter()
            .any(|c| c.href == "https://111.nhs.uk")
    );
    let said = u.mentioned_sentence().expect("says what led to it");
    assert!(said.starts_with("You mentioned"), "{said}");
    assert!(said.contains("cant pee"), "quotes the message: {said}");
    // The plain text keeps the order: what to do first, then why.
    let m = &u.message;
    assert!(m.find("Call 999").unwrap() < m.find("Call 111").unwrap());
    assert!(m.find("Call 111").unwrap() < m.find("You mentioned").unwrap());
    // Every rule that fired is named.
    let u = urgent_of(&engine, "my groin is numb and both legs are weak");
    let rules: Vec<&str> = u.mentioned.iter().map(|m| m.rule_id.as_str()).collect();
    assert!(
        rules.contains(&"saddle-numbness") && rules.contains(&"leg-weakness"),
        "{rules:?}"
    );
}

#[test]
fn the_json_contract_keeps_its_fields_and_adds_the_card() {
    let engine = engine();
    let json = engine.ask("I have a high fever and back pain").to_json();
    assert_eq!(json["kind"], "urgent");
    assert_eq!(json["urgency"], "red_flag");
    assert_eq!(json["rule_id"], "fever");
    for field in ["message", "title", "disclaimer"] {
        assert!(
            json[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field}"
        );
    }
    assert!(json["steps"][0]["contacts"][0]["href"].as_str().is_some());
    assert_eq!(json["mentioned"][0]["rule_id"], "fever");
    let talk = engine.ask("what is cauda equina?").to_json();
    assert_eq!(talk["kind"], "no_match");
    assert_eq!(talk["reason"], "warning_signs");
    assert!(talk["message"].as_str().unwrap().contains("999"));
    let support = engine
        .ask("I'm not suicidal, just fed up with my back")
        .to_json();
    assert_ne!(support["kind"], "urgent");
    assert!(support["support"].as_str().unwrap().contains("116 123"));
    assert!(
        engine
            .ask("does acupuncture work")
            .to_json()
            .get("support")
            .is_none()
    );
}

#[test]
fn a_passing_mention_of_crisis_keeps_the_normal_answer() {
    let engine = engine();
    let reply = engine.ask("I'm not suicidal or anything, is acupuncture available on the NHS?");
    assert!(!matches!(reply.outcome, Outcome::Urgent(_)));
    assert!(
        reply
            .support
            .as_deref()
            .is_some_and(|s| s.contains("Samaritans"))
    );
}

// ---------------------------------------------------------------- the stress set

/// One message of `tests/fixtures/triage-stress.jsonl`: seventeen sets, of 90 and 16 × 100
/// messages written by separate sessions that saw neither the knowledge nor the other
/// fixtures, red flags and crises said indirectly, beside look-alikes that must stay calm.
#[derive(serde::Deserialize)]
struct StressCase {
    q: String,
    /// `urgent` or `not_urgent`.
    expect: String,
}

/// Calm messages the triage reads as urgent, accepted as caution: someone else's cancer
/// history said beside the writer's own back pain reads as the writer's; a cancer history
/// counts however long ago ("finished chemo 10 years ago", as the NHS red flags have it);
/// and self-harm or an overdose long past ("haven't for over 20 years", "years ago and is
/// doing brilliantly now") is read whole, as crisis words are, so that "wanted to end it
/// all years ago but now..." is never missed; and a symptom named in a question about the
/// future ("what should i tell the acupuncturist if i ever get numbness down below?") is
/// read as the writer's, when in doubt. The fifteenth set, long hedged stories, adds nine
/// such: a denial said after the symptom ("asked if I had numbness down below or trouble
/// peeing and I don't", "lost weight or night sweats? nope, neither"), "no chest pain or
/// anything like that" ("like that" reads as news, as in "never had numbness like that"),
/// a leaflet's list of red flags said in the first person, breathlessness or jelly legs
/// after exercise that passed, a foot drop long recovered beside "now", and a mother's chemo.
/// The sixteenth adds a general question about cancer for a care home's leaflet and jelly
/// legs after a session. The seventeenth (red flags said in passing, clinical terms,
/// regional slang) adds eight: suicide, self-harm or overdose named in a charity or a
/// training course (any mention counts, by the safety rules), a hypothetical saddle
/// anaesthesia "for exam revision" (read as "asking for a friend"), a mastectomy ten years
/// ago, a grandad's prostate cancer, chemo for an oncology ward's information sheet, and a
/// dog's drop foot. The bound is where the triage stands: a regression guard, not a target.
const CAUTIOUS_AT_MOST: usize = 25;

#[test]
fn the_stress_set_misses_no_emergency() {
    let engine = engine();
    let cases: Vec<StressCase> = fixture("triage-stress.jsonl");
    assert!(cases.len() >= 1050, "{} cases", cases.len());
    let (mut missed, mut cautious) = (Vec::new(), Vec::new());
    for case in &cases {
        let urgent = matches!(engine.ask(&case.q).outcome, Outcome::Urgent(_));
        match (case.expect.as_str(), urgent) {
            ("urgent", false) => missed.push(&case.q),
            ("not_urgent", true) => cautious.push(&case.q),
            ("urgent" | "not_urgent", _) => {}
            (other, _) => panic!("{:?}: unknown expect {other}", case.q),
        }
    }
    assert!(missed.is_empty(), "emergencies missed: {missed:#?}");
    assert!(
        cautious.len() <= CAUTIOUS_AT_MOST,
        "calm messages read as urgent: {cautious:#?}"
    );
}
