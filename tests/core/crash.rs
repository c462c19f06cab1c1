//! Crash safety: a write that fails at any step (after the temp file is written, in a
//! read-only directory, on a full disk, while keeping the backup) leaves the old faq.toml
//! byte-for-byte intact and the service answering from it; the moderator gets their text
//! back; the next edit works.

use std::os::unix::fs::PermissionsExt;

use faqbot::knowledge::{EditErrorKind, FailPoint, Submitted, load_dir};

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
fn an_unwritable_audit_log_does_not_undo_a_saved_change() {
    let f = StoreFixture::new();
    // A directory where the audit file should be: appending to it fails, even for root.
    std::fs::create_dir_all(f.store.audit_log().path()).unwrap();
    let applied = f
        .store
        .add_alias(
            "what-is-acupuncture",
            "sugar glider needle meaning",
            &moderator(),
        )
        .expect("the change is saved");
    assert_eq!(applied.warnings.len(), 1, "{:?}", applied.warnings);
    assert!(
        applied.warnings[0].contains("audit log"),
        "{}",
        applied.warnings[0]
    );
    assert_eq!(
        f.answered_by("sugar glider needle meaning").as_deref(),
        Some("what-is-acupuncture")
    );
}
