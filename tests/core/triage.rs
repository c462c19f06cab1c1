//! Safety: red flags and crisis words get urgent guidance before any FAQ matching,
//! negated mentions do not, and ordinary questions never do.

use faqbot::reply::{Outcome, UrgentKind};
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
