//! Unit tests of the scope rules on the repository's rules: negation lists, cues inside
//! phrases, past and resolved, and talking about a condition. The full fixture lives in
//! `tests/core/triage.rs`.

use std::path::Path;

use super::*;
use crate::knowledge::load_dir;

fn triage() -> Triage {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
    Triage::new(&load_dir(&dir).expect("repository knowledge loads"))
}

fn fired(t: &Triage, q: &str) -> Option<String> {
    t.check(q).map(|h| h.rule_id)
}

#[test]
fn a_cue_negates_every_item_of_a_list() {
    let t = triage();
    assert_eq!(
        fired(&t, "no chest pain or temperature with my back ache"),
        None
    );
    assert_eq!(
        fired(&t, "no numbness, weakness or fever, just a sore back"),
        None
    );
    assert_eq!(fired(&t, "neither numb nor weak in the legs"), None);
    assert_eq!(fired(&t, "my legs arent numb and my bladder is fine"), None);
    // ...but not past a comma without a list, nor past a breaker.
    assert_eq!(
        fired(&t, "no fever, numb bum since yesterday").as_deref(),
        Some("saddle-numbness")
    );
    assert_eq!(
        fired(&t, "no fever but my groin is numb").as_deref(),
        Some("saddle-numbness")
    );
}

#[test]
fn a_cue_inside_a_symptom_phrase_is_part_of_it() {
    let t = triage();
    assert_eq!(
        fired(&t, "no feeling in my legs").as_deref(),
        Some("leg-numbness")
    );
    assert_eq!(
        fired(&t, "no urge to go at all").as_deref(),
        Some("bladder-bowel")
    );
    assert_eq!(
        fired(&t, "I just want to sleep and not wake up").as_deref(),
        Some("suicide")
    );
}

#[test]
fn past_resolved_and_asked_about_do_not_fire() {
    let t = triage();
    assert_eq!(
        fired(&t, "I had a car crash years ago, fully recovered"),
        None
    );
    assert_eq!(fired(&t, "I had a fever last month. It went away."), None);
    assert_eq!(fired(&t, "what is cauda equina?"), None);
    assert!(t.assess("what is cauda equina?").talk);
    // A history of cancer still counts; something recent makes the past current.
    assert_eq!(
        fired(&t, "had breast cancer years ago and my back aches").as_deref(),
        Some("cancer")
    );
    assert!(fired(&t, "I fell off a ladder years ago and now my legs are numb").is_some());
    // What follows a "but" is read apart: new pain does not make an old crash recent, and
    // an old crash does not settle a new one.
    assert_eq!(
        fired(&t, "was in a car crash years ago but this backache is new"),
        None
    );
    assert!(
        fired(
            &t,
            "had a car crash years ago but fell down the stairs today"
        )
        .is_some()
    );
    // Crisis words are not set aside that way.
    assert_eq!(
        fired(&t, "I wanted to end it all years ago but now I'm doing ok").as_deref(),
        Some("suicide")
    );
}

#[test]
fn typos_and_text_speak_reach_the_rules() {
    let t = triage();
    assert_eq!(
        fired(&t, "cnt wee since lst nite").as_deref(),
        Some("bladder-bowel")
    );
    assert_eq!(
        fired(&t, "both legz gone numb").as_deref(),
        Some("leg-numbness")
    );
    assert_eq!(
        fired(&t, "chst pains going into my arm").as_deref(),
        Some("chest-breathing")
    );
    assert_eq!(fired(&t, "fewer sessions for back pain?"), None);
}

#[test]
fn only_clauses_that_deny_a_symptom_are_dropped_for_matching() {
    let t = triage();
    assert_eq!(
        t.without_negated_clauses("No fever, just a sore back. Does it help?"),
        "just a sore back. Does it help"
    );
    assert_eq!(
        t.without_negated_clauses("isnt acupuncture just an old chinese thing"),
        "isnt acupuncture just an old chinese thing"
    );
    assert_eq!(t.without_negated_clauses("no fever"), "no fever");
    // A clause only about an urgent event in the past is set aside too; a current one is
    // not (triage has answered it before matching).
    assert_eq!(
        t.without_negated_clauses("my uncle took his own life years ago, does it help back pain"),
        "does it help back pain"
    );
    assert_eq!(
        t.without_negated_clauses("had a car crash last week, does acupuncture help"),
        "had a car crash last week. does acupuncture help"
    );
}
