//! Crash safety: a write that fails at any step (after the temp file is written, in a
//! read-only directory, on a full disk, while keeping the backup) leaves the old faq.toml
//! byte-for-byte intact and the service answering from it; the moderator gets their text
//! back; the next edit works. A change and its audit record are one unit: an edit whose
//! record cannot be written is refused, and one killed half-way is completed or rolled
//! back. Torn logs and temporary files left by a killed writer cost nothing else.

use std::os::unix::fs::PermissionsExt;

use faqbot::knowledge::{
    AuditAction, EditErrorKind, FailPoint, JOURNAL_FILE, KnowledgeStore, Submitted, load_dir,
};

use crate::support::store_fixture::{StoreFixture, moderator, permissions_apply};

const QUESTION: &str = "Can acupuncture calm an echidna's back?";

/// Makes the next add fail at `point` and checks that nothing changed.
fn failed_add_changes_nothing(point: FailPoint, expected_message: &str) {
    let f = StoreFixture::new();
    let original = f.faq_bytes();
    let before = f.store.knowledge();
    let served_before = f.answered_by("What is acupuncture?");
    assert_eq!(served_before.as_deref(), Some("what-is-acupuncture"));

    f.store.fail_next_write(point);
    let entry = f.new_entry("echidna-back", QUESTION, &[]);
    let err = f.store.add(entry.clone(), &moderator()).unwrap_err();
    let EditErrorKind::Write { path, message } = &err.kind else {
        panic!("{point:?}: {err}")
    };
    assert!(path.ends_with("faq.toml"), "{}", path.display());
    assert!(message.contains(expected_message), "{point:?}: {message}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    assert_eq!(
        err.submitted,
        Submitted::Entry(Box::new(entry.clone())),
        "the moderator's entry comes back"
    );

    assert_eq!(
        f.faq_bytes(),
        original,
        "{point:?}: faq.toml is byte-for-byte the old file"
    );
    assert!(
        f.stray_files().is_empty(),
        "{point:?}: temporary files left: {:?}",
        f.stray_files()
    );
    load_dir(f.dir()).expect("the old file still loads");
    assert_eq!(
        f.store.knowledge(),
        before,
        "{point:?}: the served knowledge did not change"
    );
    assert_eq!(
        f.answered_by("What is acupuncture?"),
        served_before,
        "still serving"
    );
    assert_ne!(f.answered_by(QUESTION).as_deref(), Some("echidna-back"));
    assert!(
        f.audit_lines().is_empty(),
        "{point:?}: a failed write is not audited"
    );
    assert_eq!(f.store.export().as_bytes(), &original[..]);

    // The failure was one-shot: the same entry goes in now.
    f.store
        .add(entry, &moderator())
        .expect("the next write works");
    assert_eq!(f.answered_by(QUESTION).as_deref(), Some("echidna-back"));
    assert_eq!(
        std::fs::read(f.store.backup_path()).unwrap(),
        original,
        "the backup holds the old file"
    );
    assert_eq!(f.audit_lines().len(), 1);
}

#[test]
fn failure_after_the_temp_file_is_written_leaves_the_old_file() {
    failed_add_changes_nothing(FailPoint::AfterTempWritten, "Input/output error");
}

#[test]
fn disk_full_half_way_leaves_the_old_file() {
    failed_add_changes_nothing(FailPoint::DiskFull, "No space left on device");
}

#[test]
fn failing_to_keep_the_backup_leaves_the_old_file() {
    failed_add_changes_nothing(FailPoint::Backup, "No space left on device");
}

#[test]
fn read_only_directory_injected_leaves_the_old_file() {
    failed_add_changes_nothing(FailPoint::ReadOnlyDir, "Permission denied");
}

#[test]
fn read_only_directory_for_real_leaves_the_old_file() {
    let f = StoreFixture::new();
    if !permissions_apply(f.dir()) {
        eprintln!(
            "skipped: running as root, whom a read-only directory does not stop; \
             read_only_directory_injected_leaves_the_old_file covers this case"
        );
        return;
    }
    let original = f.faq_bytes();
    let mode = std::fs::metadata(f.dir()).unwrap().permissions().mode();
    std::fs::set_permissions(f.dir(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let result = f
        .store
        .add(f.new_entry("echidna-back", QUESTION, &[]), &moderator());
    std::fs::set_permissions(f.dir(), std::fs::Permissions::from_mode(mode)).unwrap();
    let err = result.unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::Write { .. }), "{err}");
    assert_eq!(f.faq_bytes(), original);
    assert!(f.stray_files().is_empty(), "{:?}", f.stray_files());
    assert_eq!(
        f.answered_by("What is acupuncture?").as_deref(),
        Some("what-is-acupuncture")
    );
    assert!(f.audit_lines().is_empty());
}

#[test]
fn an_unwritable_audit_log_refuses_the_change() {
    let f = StoreFixture::new();
    let original = f.faq_bytes();
    // A directory where the audit file should be: appending to it fails, even for root.
    std::fs::create_dir_all(f.store.audit_log().path()).unwrap();
    let err = f
        .store
        .add_alias(
            "what-is-acupuncture",
            "sugar glider needle meaning",
            &moderator(),
        )
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::Audit { .. }), "{err}");
    assert!(err.to_string().contains("nothing was changed"), "{err}");
    assert_eq!(
        f.faq_bytes(),
        original,
        "no change without its audit record"
    );
    assert_ne!(
        f.answered_by("sugar glider needle meaning").as_deref(),
        Some("what-is-acupuncture")
    );
    assert!(f.stray_files().is_empty(), "{:?}", f.stray_files());
}

#[test]
fn a_change_whose_journal_cannot_be_written_is_refused() {
    let f = StoreFixture::new();
    let original = f.faq_bytes();
    // As on a full data directory: the journal of intent cannot be written.
    std::fs::create_dir_all(f.data_dir().join(JOURNAL_FILE).join("in-the-way")).unwrap();
    let err = f
        .store
        .add(f.new_entry("echidna-back", QUESTION, &[]), &moderator())
        .unwrap_err();
    assert!(matches!(err.kind, EditErrorKind::Audit { .. }), "{err}");
    assert_eq!(f.faq_bytes(), original);
    assert!(f.audit_lines().is_empty());
}

#[test]
fn a_change_killed_after_the_rename_is_audited_when_the_store_next_opens() {
    let f = StoreFixture::new();
    f.store.fail_next_write(FailPoint::CrashAfterRename);
    let entry = f.new_entry("echidna-back", QUESTION, &[]);
    assert!(
        f.store.add(entry.clone(), &moderator()).is_err(),
        "the process died"
    );
    assert!(f.audit_lines().is_empty(), "killed before the audit append");
    assert_eq!(
        load_dir(f.dir()).unwrap().entry("echidna-back"),
        Some(&entry)
    );

    let reopened = KnowledgeStore::open(f.dir(), &f.data_dir()).expect("opens");
    let history = reopened.history(None, 10).unwrap();
    assert_eq!(history.len(), 1, "the change has its audit record");
    assert_eq!(history[0].action, AuditAction::Add);
    assert_eq!(history[0].entry.as_ref(), Some(&entry));
    assert!(
        !f.data_dir().join(JOURNAL_FILE).exists(),
        "the journal is done"
    );
    drop(reopened);
    KnowledgeStore::open(f.dir(), &f.data_dir()).expect("opens again");
    assert_eq!(f.audit_lines().len(), 1, "completed once, not again");
}

#[test]
fn a_change_killed_before_the_rename_is_rolled_back_and_the_next_edit_works() {
    let f = StoreFixture::new();
    let original = f.faq_bytes();
    f.store.fail_next_write(FailPoint::CrashAfterJournal);
    let entry = f.new_entry("echidna-back", QUESTION, &[]);
    assert!(
        f.store.add(entry.clone(), &moderator()).is_err(),
        "the process died"
    );
    assert!(
        f.data_dir().join(JOURNAL_FILE).exists(),
        "the intent was recorded"
    );
    assert_eq!(f.faq_bytes(), original);

    // The next edit (no restart) rolls the unfinished one back first.
    f.store
        .add_alias("what-is-acupuncture", "wombat needle meaning", &moderator())
        .expect("the next edit works");
    let history = f.store.history(None, 10).unwrap();
    assert_eq!(history.len(), 1, "only the edit that happened is audited");
    assert_eq!(history[0].action, AuditAction::Alias);
    assert!(!f.data_dir().join(JOURNAL_FILE).exists());
    assert!(load_dir(f.dir()).unwrap().entry("echidna-back").is_none());
}

#[test]
fn a_torn_or_corrupt_audit_log_loses_only_its_bad_lines() {
    let f = StoreFixture::new();
    f.store
        .add_alias("what-is-acupuncture", "wombat needle meaning", &moderator())
        .expect("first change");
    // A crash mid-append left a stub with no newline, and something wrote a line that is
    // not UTF-8 before it.
    let path = f.store.audit_log().path().to_path_buf();
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"at\":\"\xff\xfe\"}\n{\"at\":\"2026-");
    std::fs::write(&path, bytes).unwrap();

    f.store
        .add_alias("what-is-acupuncture", "quokka needle meaning", &moderator())
        .expect("the next change is saved and audited");
    let phrases: Vec<String> = f.audit().iter().map(|r| r.summary()).collect();
    assert_eq!(
        phrases,
        [
            "added alternate \"wombat needle meaning\"",
            "added alternate \"quokka needle meaning\""
        ],
        "both good records read back; the next one did not land on the stub"
    );
    let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
    assert!(text.ends_with("\"}\n") || text.ends_with("}\n"), "{text}");
    assert_eq!(text.lines().count(), 4, "{text}");
}

#[test]
fn temporary_files_left_by_a_killed_writer_are_swept_when_the_store_opens() {
    let f = StoreFixture::new();
    let leftovers = [".faq.toml.tmp-99999-1", ".faq.toml.bak.tmp-99999-0"];
    for name in leftovers {
        std::fs::write(f.dir().join(name), "half a file").unwrap();
    }
    std::fs::write(f.dir().join("notes.txt"), "an operator's notes").unwrap();
    assert_eq!(f.stray_files().len(), 3);

    let reopened = KnowledgeStore::open(f.dir(), &f.data_dir()).expect("the knowledge opens");
    assert_eq!(
        f.stray_files(),
        ["notes.txt"],
        "only the temporary files are gone"
    );
    assert_eq!(reopened.knowledge(), f.store.knowledge());
}
