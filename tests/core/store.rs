//! Edits through the knowledge store: each is seen by the very next question, rejected
//! edits change nothing and give the moderator's text back, stale edits are refused, and
//! the file keeps its layout.

use faqbot::knowledge::{
    AuditAction, EditErrorKind, EntryVersion, StaleEdit, Submitted, load_dir, parse_snippet,
};

use crate::support::store_fixture::{StoreFixture, first_sentence, moderator};

const NEW_QUESTION: &str = "Does acupuncture help a quokka with a sore tail?";

#[test]
fn add_is_answered_by_the_next_question() {
    let f = StoreFixture::new();
    assert_ne!(f.answered_by(NEW_QUESTION).as_deref(), Some("quokka-tail"));
    let entry = f.new_entry("quokka-tail", NEW_QUESTION, &["quokka tail needles"]);
    let applied = f
        .store
        .add(entry.clone(), &moderator())
        .expect("a valid entry is added");
    assert_eq!(applied.version, Some(EntryVersion::of(&entry)));
    assert!(applied.warnings.is_empty(), "{:?}", applied.warnings);
    assert_eq!(f.answered_by(NEW_QUESTION).as_deref(), Some("quokka-tail"));
    assert_eq!(
        f.answered_by("quokka tail needles").as_deref(),
        Some("quokka-tail")
    );

    // On disk, valid, at the end, laid out like the rest of the file.
    let text = f.faq_text();
    let block = "\n\n[[entry]]\nid = \"quokka-tail\"\nsection = \"intro\"\nquestion = \"Does acupuncture help a quokka with a sore tail?\"\nalternates = [\n  \"quokka tail needles\",\n]\npassage = ";
    let at = text
        .find(block)
        .unwrap_or_else(|| panic!("{}", &text[text.len().saturating_sub(600)..]));
    assert_eq!(
        text.rfind("[[entry]]"),
        Some(at + 2),
        "the new entry is last"
    );
    assert!(text.ends_with("tags = [\"test\"]\n"), "{}", &text[at..]);
    let reloaded = load_dir(f.dir()).expect("the new file loads");
    assert_eq!(reloaded.faq.last(), Some(&entry));

    // Audited.
    let audit = f.audit();
    assert_eq!(audit.len(), 1);
    let record = &audit[0];
    assert_eq!(record.action, AuditAction::Add);
    assert_eq!(record.entry_id, "quokka-tail");
    assert_eq!(record.actor, moderator());
    assert_eq!(
        record.entry.as_ref(),
        Some(&entry),
        "an add keeps the entry added"
    );
    assert!(record.changes.is_empty());
    let line: serde_json::Value = serde_json::from_str(&f.audit_lines()[0]).unwrap();
    assert!(line["at"].as_str().unwrap().ends_with('Z'), "{line}");
    assert!(chrono::DateTime::parse_from_rfc3339(line["at"].as_str().unwrap()).is_ok());
    assert_eq!(line["actor"]["id"], "112233445566778899");
    assert_eq!(line["actor"]["name"], "alice");
    assert_eq!(line["action"], "add");
    assert_eq!(line["entry_id"], "quokka-tail");
    assert!(line.get("before").is_none() && line.get("changes").is_none());
    assert_eq!(line["entry"]["question"], NEW_QUESTION);
}

#[test]
fn edit_is_answered_by_the_next_question() {
    let f = StoreFixture::new();
    let (before, version) = f.store.entry("nhs-availability").expect("entry exists");
    assert_ne!(
        f.answered_by("wombat clinic needles").as_deref(),
        Some("nhs-availability")
    );
    let old_passage = f.answer(&before.question).expect("answered").passage;

    // A new phrasing and a different verbatim passage from the same section.
    let knowledge = f.store.knowledge();
    let section = knowledge.section(&before.section).unwrap();
    let new_passage = section
        .paragraphs
        .iter()
        .map(|p| first_sentence(p))
        .find(|s| *s != before.passage && !before.passage.starts_with(s.as_str()))
        .expect("another sentence");
    let mut after = before.clone();
    after.alternates.push("wombat clinic needles".to_owned());
    after.passage = new_passage.clone();
    let applied = f
        .store
        .edit("nhs-availability", after.clone(), &version, &moderator())
        .expect("edit applies");
    assert_eq!(applied.version, Some(EntryVersion::of(&after)));

    assert_eq!(
        f.answered_by("wombat clinic needles").as_deref(),
        Some("nhs-availability")
    );
    let answer = f.answer(&before.question).expect("still answered");
    assert_eq!(answer.entry_id, "nhs-availability");
    assert_eq!(answer.passage, new_passage);
    assert_ne!(answer.passage, old_passage);

    let record = &f.audit()[0];
    assert_eq!(record.action, AuditAction::Edit);
    assert_eq!(record.entry, None, "an edit keeps only what changed");
    assert_eq!(record.changed_fields(), vec!["alternates", "passage"]);
    let alternates = record.change("alternates").unwrap();
    assert_eq!(alternates.added, ["wombat clinic needles"]);
    assert!(alternates.removed.is_empty());
    let passage = record.change("passage").unwrap();
    assert_eq!(passage.before, Some(before.passage.clone().into()));
    assert_eq!(passage.after, Some(after.passage.clone().into()));
    let line = &f.audit_lines()[0];
    assert!(
        !line.contains(&before.question)
            && line.len() < 2 * (before.passage.len() + new_passage.len()) + 600,
        "the line holds the change, not whole entries: {line}"
    );
}

#[test]
fn alias_is_answered_by_the_next_question() {
    let f = StoreFixture::new();
    let phrase = "numbat wombat quokka";
    assert_ne!(
        f.answered_by(phrase).as_deref(),
        Some("what-is-acupuncture")
    );
    let applied = f
        .store
        .add_alias("what-is-acupuncture", &format!("  {phrase} "), &moderator())
        .expect("alias added");
    assert_eq!(
        f.answered_by(phrase).as_deref(),
        Some("what-is-acupuncture")
    );
    let after = applied.entry.as_ref().unwrap();
    assert_eq!(after.alternates.last().map(String::as_str), Some(phrase));
    assert_eq!(applied.record.action, AuditAction::Alias);
    assert_eq!(
        applied.record.summary(),
        format!("added alternate {phrase:?}")
    );
    // Written as one more line of the existing list.
    assert!(
        f.faq_text()
            .contains(&format!("  \"define acupunture\",\n  \"{phrase}\",\n]\n"))
            || f.faq_text().contains(&format!("\n  \"{phrase}\",\n]\n"))
    );

    // The same phrase twice is refused by the validator.
    let err = f
        .store
        .add_alias("what-is-acupuncture", phrase, &moderator())
        .unwrap_err();
    assert!(
        matches!(&err.kind, EditErrorKind::Invalid(p) if p[0].field == Some("alternates")),
        "{err}"
    );
    assert!(err.to_string().contains("listed twice"), "{err}");
    assert_eq!(
        err.submitted,
        Submitted::Alias {
            entry_id: "what-is-acupuncture".into(),
            phrase: phrase.into()
        }
    );
    assert_eq!(f.audit().len(), 1);
}

#[test]
fn remove_is_seen_by_the_next_question() {
    let f = StoreFixture::new();
    let (entry, version) = f.store.entry("chinese-origins").expect("entry exists");
    assert_eq!(
        f.answered_by(&entry.question).as_deref(),
        Some("chinese-origins")
    );
    let applied = f
        .store
        .remove("chinese-origins", &version, &moderator())
        .expect("removed");
    assert_eq!(applied.version, None);
    assert_ne!(
        f.answered_by(&entry.question).as_deref(),
        Some("chinese-origins")
    );
    assert!(f.store.entry("chinese-origins").is_none());
    assert!(
        load_dir(f.dir())
            .unwrap()
            .entry("chinese-origins")
            .is_none()
    );
    let record = &f.audit()[0];
    assert_eq!(record.action, AuditAction::Remove);
    assert_eq!(
        record.entry.as_ref(),
        Some(&entry),
        "a remove keeps the text removed"
    );
    assert!(record.changes.is_empty());
}

#[test]
fn rejected_edits_change_nothing_and_give_the_text_back() {
    let f = StoreFixture::new();
    let original = f.faq_bytes();
    let served = f.store.knowledge();
    let check_untouched = |what: &str| {
        assert_eq!(f.faq_bytes(), original, "{what}: faq.toml changed");
        assert!(
            !f.store.backup_path().exists(),
            "{what}: a backup was written"
        );
        assert!(f.audit_lines().is_empty(), "{what}: audited");
        assert_eq!(
            *f.store.knowledge(),
            *served,
            "{what}: served knowledge changed"
        );
        assert!(f.stray_files().is_empty(), "{what}: {:?}", f.stray_files());
    };

    // A paraphrased passage: not verbatim.
    let mut entry = f.new_entry(
        "paraphrase",
        "Is acupuncture old?",
        &["how old is acupuncture"],
    );
    entry.passage = "Acupuncture is a very old tool that helps the body with pain.".to_owned();
    let err = f.store.add(entry.clone(), &moderator()).unwrap_err();
    let EditErrorKind::Invalid(problems) = &err.kind else {
        panic!("{err}")
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, Some("passage"));
    assert!(
        problems[0]
            .message
            .contains("not verbatim in section \"intro\""),
        "{}",
        problems[0].message
    );
    assert!(err.to_string().contains("set summary = true"), "{err}");
    assert_eq!(err.submitted, Submitted::Entry(Box::new(entry.clone())));
    let text = err.submitted_text();
    assert!(
        text.contains("Acupuncture is a very old tool that helps the body with pain."),
        "{text}"
    );
    assert_eq!(
        parse_snippet(&text).unwrap(),
        entry,
        "the text given back reads back as the entry"
    );
    check_untouched("paraphrase");

    // Unknown section, empty question, bad id: every problem at once.
    let mut entry = f.new_entry("Bad Id", "", &[]);
    entry.section = "nowhere".to_owned();
    let err = f.store.add(entry, &moderator()).unwrap_err();
    let EditErrorKind::Invalid(problems) = &err.kind else {
        panic!("{err}")
    };
    let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
    assert!(
        fields.contains(&Some("id"))
            && fields.contains(&Some("question"))
            && fields.contains(&Some("section")),
        "{problems:?}"
    );
    assert!(
        err.to_string().contains("unknown section \"nowhere\""),
        "{err}"
    );
    check_untouched("several problems");

    // Over the Discord limit.
    let mut entry = f.new_entry("long-question", &"why ".repeat(100), &[]);
    entry.question = entry.question.trim().to_owned();
    let err = f.store.add(entry, &moderator()).unwrap_err();
    assert!(
        err.to_string().contains("Discord titles allow 256"),
        "{err}"
    );
    check_untouched("long question");

    // Duplicate id, renamed id, missing entry, unchanged entry.
    let existing = f.store.entry("what-is-acupuncture").unwrap();
    let err = f.store.add(existing.0.clone(), &moderator()).unwrap_err();
    assert!(
        matches!(err.kind, EditErrorKind::DuplicateId(ref id) if id == "what-is-acupuncture"),
        "{err}"
    );
    let mut renamed = existing.0.clone();
    renamed.id = "acupuncture-defined".to_owned();
    let err = f
        .store
        .edit("what-is-acupuncture", renamed, &existing.1, &moderator())
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::IdChanged { .. }), "{err}");
    let err = f
        .store
        .edit(
            "no-such-entry",
            existing.0.clone(),
            &existing.1,
            &moderator(),
        )
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::NotFound(_)), "{err}");
    let err = f
        .store
        .remove("no-such-entry", &existing.1, &moderator())
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::NotFound(_)), "{err}");
    let err = f
        .store
        .add_alias("no-such-entry", "hello", &moderator())
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::NotFound(_)), "{err}");
    let err = f
        .store
        .edit(
            "what-is-acupuncture",
            existing.0.clone(),
            &existing.1,
            &moderator(),
        )
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::NoChange), "{err}");
    let err = f
        .store
        .add_alias("what-is-acupuncture", "   ", &moderator())
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::Invalid(_)), "{err}");
    check_untouched("request errors");
}

#[test]
fn a_curated_summary_is_exempt_from_the_verbatim_check() {
    let f = StoreFixture::new();
    let mut entry = f.new_entry(
        "summary-entry",
        "What is the short version of the acupuncture story?",
        &[],
    );
    entry.passage =
        "In short: an old technique, widely used for back pain, with mixed evidence.".to_owned();
    entry.summary = true;
    f.store
        .add(entry.clone(), &moderator())
        .expect("a summary needs no verbatim passage");
    assert!(f.faq_text().contains("\nsummary = true\n"));
    assert_eq!(
        load_dir(f.dir()).unwrap().entry("summary-entry"),
        Some(&entry)
    );
}

#[test]
fn stale_edits_are_refused() {
    let f = StoreFixture::new();
    // Two moderators open the same entry.
    let (seen_by_alice, v_alice) = f.store.entry("nhs-availability").unwrap();
    let (seen_by_bob, v_bob) = f.store.entry("nhs-availability").unwrap();
    assert_eq!(v_alice, v_bob);

    let mut alice = seen_by_alice.clone();
    alice
        .alternates
        .push("alice's phrasing of the nhs question".to_owned());
    let applied = f
        .store
        .edit("nhs-availability", alice.clone(), &v_alice, &moderator())
        .expect("first edit wins");

    let mut bob = seen_by_bob.clone();
    bob.question = "Is acupuncture available on the NHS?".to_owned();
    let before = f.faq_bytes();
    let err = f
        .store
        .edit(
            "nhs-availability",
            bob.clone(),
            &v_bob,
            &faqbot::knowledge::Actor::new("42", "bob"),
        )
        .unwrap_err();
    let EditErrorKind::Stale(stale) = &err.kind else {
        panic!("{err}")
    };
    let StaleEdit {
        entry_id,
        expected,
        current,
        current_entry,
    } = &**stale;
    assert_eq!(entry_id, "nhs-availability");
    assert_eq!(expected, &v_bob);
    assert_eq!(Some(current), applied.version.as_ref());
    assert_eq!(*current_entry, alice);
    assert!(err.to_string().contains("changed by someone else"), "{err}");
    assert_eq!(
        err.submitted,
        Submitted::Entry(Box::new(bob.clone())),
        "bob's text comes back"
    );
    assert_eq!(f.faq_bytes(), before, "alice's edit is not overwritten");

    // A stale remove is refused too; with the current version it goes through.
    let err = f
        .store
        .remove("nhs-availability", &v_bob, &moderator())
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::Stale(_)), "{err}");
    f.store
        .remove(
            "nhs-availability",
            applied.version.as_ref().unwrap(),
            &moderator(),
        )
        .expect("current version");

    // A hand edit on disk also makes an open edit stale, even before any reload.
    let (entry, version) = f.store.entry("what-is-acupuncture").unwrap();
    let text = f.faq_text().replace(
        "\"What is acupuncture?\"",
        "\"What exactly is acupuncture?\"",
    );
    std::fs::write(f.faq_path(), text).unwrap();
    let mut edit = entry.clone();
    edit.tags.push("edited".to_owned());
    let err = f
        .store
        .edit("what-is-acupuncture", edit, &version, &moderator())
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::Stale(_)), "{err}");
    assert!(
        f.faq_text().contains("\"What exactly is acupuncture?\""),
        "the hand edit is kept"
    );
    assert_eq!(f.audit().len(), 2);
}

#[test]
fn untouched_entries_keep_their_comments_and_layout() {
    let f = StoreFixture::new();
    // Comments on two entries, as a moderator might write them by hand.
    let original = f.faq_text();
    let with_comments = original
        .replacen(
            "[[entry]]\nid = \"used-for-back-pain\"",
            "# Reviewed by Dr. K, 2024.\n[[entry]]\nid = \"used-for-back-pain\"",
            1,
        )
        .replacen(
            "id = \"worth-trying\"",
            "id = \"worth-trying\" # the closing entry",
            1,
        );
    assert_ne!(with_comments, original);
    std::fs::write(f.faq_path(), &with_comments).unwrap();
    f.store.reload().expect("valid");

    let block = |text: &str, id: &str| -> (usize, usize) {
        let start = text
            .find(&format!("[[entry]]\nid = \"{id}\""))
            .expect("entry in file");
        let end = text[start + 1..]
            .find("[[entry]]")
            .map_or(text.len(), |e| start + 1 + e);
        (start, end)
    };
    // Edit an entry in the middle of the file.
    let (entry, version) = f.store.entry("how-does-acupuncture-work").unwrap();
    let mut edited = entry.clone();
    edited.question = "How does acupuncture actually work?".to_owned();
    f.store
        .edit(&entry.id, edited, &version, &moderator())
        .unwrap();
    let text = f.faq_text();
    let (s0, e0) = block(&with_comments, "how-does-acupuncture-work");
    let (s1, e1) = block(&text, "how-does-acupuncture-work");
    assert_eq!(
        &text[..s1],
        &with_comments[..s0],
        "everything before the edited entry is byte-for-byte the same"
    );
    assert_eq!(&text[e1..], &with_comments[e0..], "everything after it too");
    assert_eq!(
        text[s1..e1].replace(
            "How does acupuncture actually work?",
            "How does acupuncture work?"
        ),
        with_comments[s0..e0],
        "only the question line changed"
    );

    // Alias, remove (of the first entry, which carries the file's header comment) and add.
    f.store
        .add_alias("worth-trying", "is it worth it for my back", &moderator())
        .unwrap();
    let (_, v) = f.store.entry("what-is-acupuncture").unwrap();
    f.store
        .remove("what-is-acupuncture", &v, &moderator())
        .unwrap();
    f.store
        .add(
            f.new_entry("last-one", "Is this the last entry in the FAQ file?", &[]),
            &moderator(),
        )
        .unwrap();
    let text = f.faq_text();
    let header_end = original.find("\n[[entry]]").unwrap() + 1;
    assert!(
        text.starts_with(&original[..header_end]),
        "the header comment is kept"
    );
    assert!(
        text[header_end..].starts_with("[[entry]]\nid = \"body-heals-itself\""),
        "{}",
        &text[header_end - 100..header_end + 100]
    );
    assert!(text.contains("# Reviewed by Dr. K, 2024.\n[[entry]]\nid = \"used-for-back-pain\""));
    assert!(text.contains("id = \"worth-trying\" # the closing entry"));
    assert!(text.contains("  \"is it worth it for my back\",\n]\n"));
    assert!(
        text.trim_end().ends_with("tags = [\"test\"]"),
        "the new entry is last"
    );
    load_dir(f.dir()).expect("still valid");
}

#[test]
fn export_history_and_backup() {
    let f = StoreFixture::new();
    assert_eq!(f.store.export(), f.faq_text());
    let first = f.faq_bytes();
    f.store
        .add_alias("what-is-acupuncture", "first alias phrase", &moderator())
        .unwrap();
    assert_eq!(
        std::fs::read(f.store.backup_path()).unwrap(),
        first,
        "the previous version is kept"
    );
    let second = f.faq_bytes();
    f.store
        .add_alias("nhs-availability", "second alias phrase", &moderator())
        .unwrap();
    let before_third = f.faq_bytes();
    assert_ne!(before_third, second);
    f.store
        .add_alias("what-is-acupuncture", "third alias phrase", &moderator())
        .unwrap();
    assert_eq!(
        std::fs::read(f.store.backup_path()).unwrap(),
        before_third,
        "the backup is always the version just replaced"
    );
    assert_eq!(
        f.store.export(),
        f.faq_text(),
        "export is the file being served"
    );

    let all = f.store.history(None, 10).unwrap();
    let ids: Vec<_> = all.iter().map(|r| r.entry_id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "what-is-acupuncture",
            "nhs-availability",
            "what-is-acupuncture"
        ],
        "newest first"
    );
    assert!(
        all[0]
            .change("alternates")
            .unwrap()
            .added
            .contains(&"third alias phrase".to_owned())
    );
    let one = f.store.history(Some("what-is-acupuncture"), 10).unwrap();
    assert_eq!(one.len(), 2);
    assert!(one[0].at >= one[1].at);
    assert_eq!(f.store.history(None, 1).unwrap().len(), 1);
    assert!(
        f.store
            .history(Some("nothing-here"), 10)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn form_input_is_tidied_and_an_edit_may_leave_the_id_out() {
    let f = StoreFixture::new();
    let (entry, version) = f.store.entry("nhs-availability").unwrap();
    // What a Discord modal sends: no id field, stray whitespace, blank lines in the
    // "one phrasing per line" box.
    let mut form = entry.clone();
    form.id = String::new();
    form.question = format!("  {}\n", entry.question);
    form.passage = format!("\n{}\n\n", entry.passage);
    form.alternates = vec!["".into(), " nhs acupuncture near me ".into(), "   ".into()];
    let applied = f
        .store
        .edit("nhs-availability", form.clone(), &version, &moderator())
        .expect("tidied input is valid");
    let after = applied.entry.clone().unwrap();
    assert_eq!(after.id, "nhs-availability");
    assert_eq!(after.question, entry.question);
    assert_eq!(after.passage, entry.passage);
    assert_eq!(after.alternates, ["nhs acupuncture near me"]);
    assert_eq!(applied.record.changed_fields(), ["alternates"]);
    assert_eq!(
        load_dir(f.dir()).unwrap().entry("nhs-availability"),
        Some(&after)
    );
}
