//! Hot reload: hand edits on disk are picked up by the file watcher (debounced); invalid
//! ones keep the last good knowledge and are reported with file and line; the store's own
//! writes are not reloaded a second time. Also the explicit `/faq reload`.

use std::time::Duration;

use faqbot::knowledge::{EditErrorKind, ReloadTrigger, StoreEvent};

use crate::support::store_fixture::{StoreFixture, events_within, moderator, next_event};

/// Generous: CI machines can be slow; the debounce itself is 300 ms.
const WAIT: Duration = Duration::from_secs(10);

#[test]
fn a_valid_hand_edit_is_picked_up() {
    let f = StoreFixture::new();
    let mut events = f.store.subscribe();
    let _watch = f.store.watch().expect("watch the knowledge folder");
    assert_ne!(
        f.answered_by("kangaroo marsupial pouch").as_deref(),
        Some("what-is-acupuncture")
    );

    // An operator edits the file by hand: a new alternate phrasing, written in two steps
    // like an editor might (the debounce turns them into one reload).
    let text = f.faq_text().replacen(
        "  \"wat is acupuncure\",\n",
        "  \"wat is acupuncure\",\n  \"kangaroo marsupial pouch\",\n",
        1,
    );
    std::fs::write(f.faq_path(), &text.as_bytes()[..text.len() / 2]).unwrap();
    std::fs::write(f.faq_path(), &text).unwrap();

    let event = next_event(&mut events, WAIT).expect("a reload within the timeout");
    let StoreEvent::Reloaded(summary) = event else {
        panic!("{event:?}")
    };
    assert_eq!(summary.trigger, ReloadTrigger::Watcher);
    assert_eq!(summary.edited, vec!["what-is-acupuncture".to_owned()]);
    assert!(summary.added.is_empty() && summary.removed.is_empty());
    assert!(summary.changed);
    assert_eq!(
        f.answered_by("kangaroo marsupial pouch").as_deref(),
        Some("what-is-acupuncture")
    );
    assert_eq!(f.store.export(), text);
    // The half-written state never surfaced as a separate (failed) reload.
    let later = events_within(&mut events, Duration::from_millis(800));
    assert!(later.is_empty(), "{later:?}");
}

#[test]
fn an_invalid_hand_edit_keeps_the_old_knowledge_and_is_reported() {
    let f = StoreFixture::new();
    let mut events = f.store.subscribe();
    let _watch = f.store.watch().expect("watch");
    let good = f.faq_text();
    let served = f.store.knowledge();

    // A typo in the passage of the first entry: no longer verbatim.
    let broken = good.replacen(
        "is an ancient tool that triggers",
        "is an ancient tool which triggers",
        1,
    );
    assert_ne!(broken, good);
    std::fs::write(f.faq_path(), &broken).unwrap();
    let event = next_event(&mut events, WAIT).expect("a report within the timeout");
    let StoreEvent::ReloadFailed { trigger, errors } = event else {
        panic!("{event:?}")
    };
    assert_eq!(trigger, ReloadTrigger::Watcher);
    assert_eq!(errors.0.len(), 1, "{errors}");
    let error = &errors.0[0];
    assert!(error.path.ends_with("faq.toml"), "{error}");
    let passage_line = broken
        .lines()
        .position(|l| l.contains("which triggers"))
        .unwrap()
        + 1;
    assert_eq!(error.line, Some(passage_line), "{error}");
    assert!(error.message.contains("not verbatim"), "{error}");

    // Still serving the last good knowledge, and exporting it.
    assert_eq!(f.store.knowledge(), served);
    assert_eq!(
        f.answered_by("What is acupuncture?").as_deref(),
        Some("what-is-acupuncture")
    );
    assert!(
        f.answer("What is acupuncture?")
            .unwrap()
            .passage
            .contains("that triggers")
    );
    assert_eq!(f.store.export(), good);
    // Edits wait for the fix rather than overwrite the operator's file.
    let err = f
        .store
        .add_alias("nhs-availability", "nhs needles please", &moderator())
        .unwrap_err();
    assert!(
        matches!(err.kind, EditErrorKind::KnowledgeBroken(_)),
        "{err}"
    );
    assert!(err.to_string().contains("faq.toml:"), "{err}");
    assert_eq!(f.faq_text(), broken);

    // Broken TOML is reported with its line too.
    let syntax = good.replacen(
        "question = \"What is acupuncture?\"",
        "question = \"What is acupuncture?",
        1,
    );
    std::fs::write(f.faq_path(), &syntax).unwrap();
    let event = next_event(&mut events, WAIT).expect("a report");
    let StoreEvent::ReloadFailed { errors, .. } = event else {
        panic!("{event:?}")
    };
    let line = syntax
        .lines()
        .position(|l| l == "question = \"What is acupuncture?")
        .unwrap()
        + 1;
    assert_eq!(errors.0[0].line, Some(line), "{errors}");
    assert_eq!(f.store.knowledge(), served);

    // Fixed: picked up.
    std::fs::write(f.faq_path(), &good).unwrap();
    let event = next_event(&mut events, WAIT).expect("a reload");
    let StoreEvent::Reloaded(summary) = event else {
        panic!("{event:?}")
    };
    assert!(!summary.changed, "the fix restores what was served");
    f.store
        .add_alias("nhs-availability", "nhs needles please", &moderator())
        .expect("edits work again");
}

#[test]
fn the_stores_own_writes_are_not_reloaded_again() {
    let f = StoreFixture::new();
    let mut events = f.store.subscribe();
    let _watch = f.store.watch().expect("watch");
    f.store
        .add_alias(
            "what-is-acupuncture",
            "echidna needle meaning",
            &moderator(),
        )
        .unwrap();
    let event = next_event(&mut events, WAIT).expect("the applied edit");
    assert!(
        matches!(event, StoreEvent::Applied(ref r) if r.entry_id == "what-is-acupuncture"),
        "{event:?}"
    );
    let later = events_within(&mut events, Duration::from_millis(1200));
    assert!(
        later.is_empty(),
        "no reload after the store's own write: {later:?}"
    );

    // A touch that does not change the content is ignored too.
    let text = f.faq_text();
    std::fs::write(f.faq_path(), &text).unwrap();
    let later = events_within(&mut events, Duration::from_millis(1200));
    assert!(later.is_empty(), "{later:?}");
}

#[test]
fn a_hand_edit_to_another_knowledge_file_is_picked_up() {
    let f = StoreFixture::new();
    let mut events = f.store.subscribe();
    let _watch = f.store.watch().expect("watch");
    let path = f.dir().join("article.toml");
    let article = std::fs::read_to_string(&path).unwrap();
    let first_title = &f.store.knowledge().article.sections[0].title.clone();
    let edited = article.replacen(
        &format!("title = \"{first_title}\""),
        "title = \"Introduction (revised)\"",
        1,
    );
    assert_ne!(edited, article, "the section title is written as expected");
    std::fs::write(&path, edited).unwrap();
    let event = next_event(&mut events, WAIT).expect("a reload");
    let StoreEvent::Reloaded(summary) = event else {
        panic!("{event:?}")
    };
    assert!(summary.changed && summary.edited.is_empty());
    assert_eq!(
        f.store.knowledge().article.sections[0].title,
        "Introduction (revised)"
    );
    assert_eq!(
        f.service.engine().knowledge().article.sections[0].title,
        "Introduction (revised)"
    );
}

#[test]
fn explicit_reload() {
    let f = StoreFixture::new();
    let mut events = f.store.subscribe();
    let summary = f.store.reload().expect("valid");
    assert_eq!(summary.trigger, ReloadTrigger::Explicit);
    assert!(!summary.changed);
    assert_eq!(summary.entries, f.store.knowledge().faq.len());

    let good = f.faq_text();
    let (removed, _) = f.store.entry("chinese-origins").unwrap();
    let start = good.find("[[entry]]\nid = \"chinese-origins\"").unwrap();
    let end = start + 1 + good[start + 1..].find("[[entry]]").unwrap();
    std::fs::write(f.faq_path(), format!("{}{}", &good[..start], &good[end..])).unwrap();
    let summary = f.store.reload().expect("valid");
    assert_eq!(summary.removed, vec!["chinese-origins".to_owned()]);
    assert_ne!(
        f.answered_by(&removed.question).as_deref(),
        Some("chinese-origins")
    );

    std::fs::write(f.faq_path(), "[[entry]]\nid = 3\n").unwrap();
    let errors = f.store.reload().expect_err("invalid");
    assert!(
        errors
            .0
            .iter()
            .all(|e| e.path.ends_with("faq.toml") && e.line.is_some()),
        "{errors}"
    );
    assert!(
        f.store.knowledge().entry("what-is-acupuncture").is_some(),
        "last good knowledge kept"
    );
    assert_eq!(
        f.answered_by("What is acupuncture?").as_deref(),
        Some("what-is-acupuncture")
    );
    // Reported to listeners as well (after the two successful reloads).
    let all = events_within(&mut events, Duration::from_millis(200));
    assert!(
        matches!(
            all.last(),
            Some(StoreEvent::ReloadFailed {
                trigger: ReloadTrigger::Explicit,
                ..
            })
        ),
        "{all:?}"
    );
}
