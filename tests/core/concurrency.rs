//! Many moderators at once: edits are serialised, none is lost, the file stays valid, the
//! audit log has one line per applied change, and questions keep being answered while the
//! engine is swapped underneath them.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use faqbot::knowledge::{Actor, EditErrorKind, load_dir};
use faqbot::reply::Outcome;

use crate::support::store_fixture::StoreFixture;

const THREADS: usize = 8;
const EDITS_PER_THREAD: usize = 4;
// Distinct words, so each new question is answered by its own entry.
const WHO: [&str; THREADS] = [
    "aardvark", "bison", "cheetah", "dingo", "emu", "ferret", "gecko", "heron",
];
const WHAT: [&str; EDITS_PER_THREAD] = ["trombone", "violin", "banjo", "harp"];

fn question(t: usize, n: usize) -> String {
    format!(
        "Does the {} play the {} after acupuncture?",
        WHO[t], WHAT[n]
    )
}

#[test]
fn concurrent_edits_from_threads_are_all_applied() {
    let f = StoreFixture::new();
    let entries_before = f.store.knowledge().faq.len();
    let alternates_before = f
        .store
        .entry("what-is-acupuncture")
        .unwrap()
        .0
        .alternates
        .len();

    // Readers ask all the time; they must never block for long or see a broken engine.
    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let service = f.service.clone();
            let stop = stop.clone();
            let answered = answered.clone();
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let reply = service.ask("Can I get acupuncture on the NHS?");
                    assert!(matches!(reply.outcome, Outcome::Answer(ref m) if m.entry_id == "nhs-availability"), "{reply:?}");
                    answered.fetch_add(1, Ordering::Relaxed);
                }
            })
        })
        .collect();

    std::thread::scope(|scope| {
        for t in 0..THREADS {
            let f = &f;
            scope.spawn(move || {
                let actor = Actor::new(format!("{t}"), format!("moderator-{t}"));
                for n in 0..EDITS_PER_THREAD {
                    let entry = f.new_entry(&format!("concurrent-{t}-{n}"), &question(t, n), &[]);
                    f.store.add(entry, &actor).expect("add");
                    f.store
                        .add_alias(
                            "what-is-acupuncture",
                            &format!("alias {n} from moderator {t}"),
                            &actor,
                        )
                        .expect("alias");
                }
            });
        }
    });
    stop.store(true, Ordering::Relaxed);
    for reader in readers {
        reader.join().expect("reader never panicked");
    }
    assert!(answered.load(Ordering::Relaxed) > 0);

    let applied = THREADS * EDITS_PER_THREAD * 2;
    let on_disk = load_dir(f.dir()).expect("the file parses and validates");
    assert_eq!(
        on_disk.faq.len(),
        entries_before + THREADS * EDITS_PER_THREAD,
        "no add was lost"
    );
    let aliases = &on_disk.entry("what-is-acupuncture").unwrap().alternates;
    assert_eq!(
        aliases.len(),
        alternates_before + THREADS * EDITS_PER_THREAD,
        "no alias was lost"
    );
    assert_eq!(
        *f.store.knowledge(),
        on_disk,
        "what is served is what is on disk"
    );
    assert_eq!(**f.service.engine().knowledge(), on_disk);

    let lines = f.audit_lines();
    assert_eq!(lines.len(), applied, "one audit line per applied change");
    let records = f.audit();
    assert_eq!(records.len(), applied, "every line is a whole record");
    let adds: HashSet<_> = records
        .iter()
        .filter(|r| r.entry_id.starts_with("concurrent-"))
        .map(|r| r.entry_id.clone())
        .collect();
    assert_eq!(adds.len(), THREADS * EDITS_PER_THREAD);
    // Serialised: each alias record adds exactly one phrase, every one of them is in the
    // file, and none was recorded twice.
    let added: Vec<&String> = records
        .iter()
        .filter(|r| r.entry_id == "what-is-acupuncture")
        .flat_map(|r| {
            let change = r.change("alternates").expect("an alias changes alternates");
            assert_eq!(change.added.len(), 1, "{r:?}");
            assert!(change.removed.is_empty(), "nothing was undone: {r:?}");
            &change.added
        })
        .collect();
    assert_eq!(added.len(), THREADS * EDITS_PER_THREAD);
    assert_eq!(added.iter().collect::<HashSet<_>>().len(), added.len());
    assert!(
        added.iter().all(|p| aliases.contains(p)),
        "edits were applied one after another"
    );
    for t in 0..THREADS {
        assert_eq!(
            f.answered_by(&question(t, 1)).as_deref(),
            Some(format!("concurrent-{t}-1").as_str())
        );
    }
}

#[test]
fn concurrent_edits_from_tokio_tasks_are_all_applied() {
    let f = StoreFixture::new();
    let entries_before = f.store.knowledge().faq.len();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    const TASKS: usize = 24;
    runtime.block_on(async {
        let mut tasks = Vec::new();
        for t in 0..TASKS {
            let store = f.store.clone();
            let entry = f.new_entry(
                &format!("task-{t}"),
                &format!("Question from async task {t}?"),
                &[],
            );
            // The store blocks (file I/O, re-indexing): async callers use spawn_blocking.
            tasks.push(tokio::task::spawn_blocking(move || {
                store.add(entry, &Actor::new(format!("task-{t}"), "async moderator"))
            }));
        }
        for task in tasks {
            task.await.expect("task").expect("add");
        }
    });
    let on_disk = load_dir(f.dir()).expect("valid");
    assert_eq!(on_disk.faq.len(), entries_before + TASKS);
    assert_eq!(f.audit_lines().len(), TASKS);
    assert_eq!(
        f.answered_by("Question from async task 7?").as_deref(),
        Some("task-7")
    );
}

#[test]
fn racing_edits_of_one_entry_from_the_same_view_let_exactly_one_win() {
    let f = StoreFixture::new();
    let (entry, version) = f.store.entry("nhs-availability").unwrap();
    let outcomes: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..6)
            .map(|t| {
                let (f, entry, version) = (&f, entry.clone(), version.clone());
                scope.spawn(move || {
                    let mut edit = entry;
                    edit.question = format!("Can I get acupuncture on the NHS? (edit {t})");
                    f.store.edit(
                        "nhs-availability",
                        edit,
                        &version,
                        &Actor::new(format!("{t}"), "racer"),
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let wins = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(wins, 1, "exactly one edit from the same view is applied");
    for outcome in outcomes.iter().filter_map(|o| o.as_ref().err()) {
        assert!(matches!(outcome.kind, EditErrorKind::Stale(_)), "{outcome}");
    }
    assert_eq!(f.audit_lines().len(), 1);
    let winner = outcomes.iter().find_map(|o| o.as_ref().ok()).unwrap();
    assert_eq!(
        load_dir(f.dir()).unwrap().entry("nhs-availability"),
        winner.entry.as_ref()
    );
    // Give any file-system stragglers a moment, then make sure nothing else happened.
    std::thread::sleep(Duration::from_millis(50));
    assert!(f.stray_files().is_empty(), "{:?}", f.stray_files());
}
