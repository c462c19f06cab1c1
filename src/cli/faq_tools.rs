//! Helpers for `faqbot faq …`: who the operator is, listing entries, "did you mean" for an
//! unknown id, confirming a removal, and warning about phrasings that collide with
//! another entry or a not-covered topic (the check itself is the engine's).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use crate::engine::Engine;
use crate::knowledge::{Actor, Entry, KnowledgeStore};

/// The operator, as `cli:$USER` (or `$LOGNAME`); with neither set, by user id
/// (`cli:uid:1000`), so the audit log still says who it was.
pub(super) fn operator() -> Actor {
    let named = Actor::cli();
    if named.name != "unknown" {
        return named;
    }
    use std::os::unix::fs::MetadataExt;
    match std::fs::metadata("/proc/self") {
        Ok(meta) => {
            let name = format!("uid:{}", meta.uid());
            Actor::new(format!("cli:{name}"), name)
        }
        Err(_) => named,
    }
}

/// `faq list`: id, section and question of every entry, in file order.
pub(super) fn list(store: &KnowledgeStore) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let entries = store.entries();
    let width = entries.iter().map(|(e, _)| e.id.len()).max().unwrap_or(0);
    let section_width = entries
        .iter()
        .map(|(e, _)| e.section.len())
        .max()
        .unwrap_or(0);
    for (entry, _) in &entries {
        let line = format!(
            "{:<width$}  {:<section_width$}  {}",
            entry.id, entry.section, entry.question
        );
        if writeln!(out, "{}", line.trim_end()).is_err() {
            break;
        }
    }
    ExitCode::SUCCESS
}

/// An unknown entry id, with the nearest ids as "did you mean".
pub(super) fn unknown_entry(store: &KnowledgeStore, id: &str) -> ExitCode {
    let mut near: Vec<(f64, String)> = store
        .entries()
        .into_iter()
        .map(|(e, _)| (strsim::jaro_winkler(id, &e.id), e.id))
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    near.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut message = format!("there is no FAQ entry with id {id:?}");
    if !near.is_empty() {
        let names: Vec<String> = near
            .iter()
            .take(3)
            .map(|(_, id)| format!("{id:?}"))
            .collect();
        message.push_str(&format!("; did you mean {}?", names.join(" or ")));
    }
    message.push_str(" (`faqbot faq list` lists them all)");
    fail(&message)
}

/// Asks on the terminal before removing an entry.
pub(super) fn confirm(entry: &Entry) -> bool {
    eprint!(
        "Remove entry {:?} (\"{}\")? This cannot be undone from here. [y/N] ",
        entry.id, entry.question
    );
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}

/// The question and alternates of `entry` that `current` (the entry before the edit)
/// does not already have.
pub(super) fn new_phrasings<'a>(entry: &'a Entry, current: Option<&Entry>) -> Vec<&'a str> {
    std::iter::once(&entry.question)
        .chain(&entry.alternates)
        .filter(|p| current.is_none_or(|c| c.question != **p && !c.alternates.contains(*p)))
        .map(String::as_str)
        .collect()
}

/// Warns (without refusing: the edit may be what fixes it) about new phrasings that match
/// another entry or a not-covered topic better than their own entry.
pub(super) fn warn_collisions(engine: &Engine, entry_id: &str, phrasings: Vec<&str>) {
    for phrase in phrasings {
        if let Some(collision) = engine.phrasing_collision(entry_id, phrase) {
            eprintln!(
                "warning: {collision}; questions meant for {:?} may now get {entry_id:?}",
                collision.other_id
            );
        }
    }
}

/// An operator-facing failure: the message on stderr, a failing exit code.
pub(super) fn fail(message: &str) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::FAILURE
}
