//! Applying one FAQ change, the one code path every edit takes (Discord moderators and
//! `faqbot faq` alike), in four steps under the store's lock and the folder lock:
//!
//! 1. **plan**: the request against the files as they are on disk now — the entry exists
//!    (or, for an add, does not), the version the moderator saw is still current, ids are
//!    not renamed;
//! 2. **validate**: [`entry_problems`] on the new entry (section, verbatim passage unless
//!    `summary = true`, lengths), then the whole new `faq.toml` text re-parsed with the
//!    same [`parse`] that `faqbot check` and start-up use, which must read back as exactly
//!    the old entries with this one change;
//! 3. **commit**: the audit record written durably to the journal of intent first (an
//!    edit whose record cannot be written is refused; see [`super::journal`]), then the
//!    file written atomically (temp file, fsync, rename; the old text kept as
//!    `faq.toml.bak`) and the listener (the service) told, so the next question sees it;
//! 4. **record**: one line in the audit log (what changed, not whole entries), the journal
//!    cleared, and an event for subscribers.
//!
//! A refused edit changes nothing and hands back an [`EditError`] carrying the
//! moderator's submission.

use std::sync::Arc;

use chrono::Utc;

use super::audit_record::{Actor, AuditAction, AuditRecord};
use super::edit::{EntryVersion, FaqDocument};
use super::edit_error::{EditError, EditErrorKind, FieldProblem, StaleEdit, Submitted};
use super::events::StoreEvent;
use super::journal::Intent;
use super::load::{Sources, parse};
use super::model::{Entry, Knowledge};
use super::persist::{self, FailPoint};
use super::store::{KnowledgeStore, State, fingerprint};
use super::validate_entry::entry_problems;

/// A change that was applied.
#[derive(Debug, Clone)]
pub struct Applied {
    /// What was written to the audit log (who, when, what changed).
    pub record: AuditRecord,
    /// The entry as it is now; `None` after a remove.
    pub entry: Option<Entry>,
    /// The entry's new version (for a follow-up edit); `None` after a remove.
    pub version: Option<EntryVersion>,
    /// Things that went wrong after the change was saved (the audit log could not be
    /// written). The change itself is in effect.
    pub warnings: Vec<String>,
}

/// What one edit changes: the entry before (`None` for an add) and after (`None` for a
/// remove).
struct Change {
    action: AuditAction,
    entry_id: String,
    before: Option<Entry>,
    after: Option<Entry>,
}

/// The new file and what it loads as, validated and not yet written.
struct Validated {
    sources: Sources,
    knowledge: Knowledge,
}

impl KnowledgeStore {
    /// Adds a new entry at the end of the FAQ.
    pub fn add(&self, entry: Entry, actor: &Actor) -> Result<Applied, EditError> {
        let submitted = Submitted::Entry(Box::new(entry.clone()));
        self.apply(Op::Add(entry), submitted, actor)
    }

    /// Replaces entry `entry_id` with `new_entry`, if it is still at `expected_version`.
    /// `new_entry.id` may be left empty (it keeps `entry_id`); it may not differ.
    pub fn edit(
        &self,
        entry_id: &str,
        new_entry: Entry,
        expected_version: &EntryVersion,
        actor: &Actor,
    ) -> Result<Applied, EditError> {
        let submitted = Submitted::Entry(Box::new(new_entry.clone()));
        self.apply(
            Op::Edit {
                id: entry_id,
                entry: new_entry,
                expected: expected_version,
            },
            submitted,
            actor,
        )
    }

    /// Removes entry `entry_id`, if it is still at `expected_version`.
    pub fn remove(
        &self,
        entry_id: &str,
        expected_version: &EntryVersion,
        actor: &Actor,
    ) -> Result<Applied, EditError> {
        let submitted = Submitted::Remove {
            entry_id: entry_id.to_owned(),
        };
        self.apply(
            Op::Remove {
                id: entry_id,
                expected: expected_version,
            },
            submitted,
            actor,
        )
    }

    /// Adds one alternate phrasing to entry `entry_id`. Needs no version: adding a phrase
    /// cannot undo anyone else's change.
    pub fn add_alias(
        &self,
        entry_id: &str,
        phrase: &str,
        actor: &Actor,
    ) -> Result<Applied, EditError> {
        let submitted = Submitted::Alias {
            entry_id: entry_id.to_owned(),
            phrase: phrase.to_owned(),
        };
        self.apply(
            Op::Alias {
                id: entry_id,
                phrase,
            },
            submitted,
            actor,
        )
    }

    fn apply(&self, op: Op<'_>, submitted: Submitted, actor: &Actor) -> Result<Applied, EditError> {
        let refuse = |kind: EditErrorKind| EditError {
            kind,
            submitted: submitted.clone(),
        };
        let mut state = self.lock();
        // Other processes (`faqbot faq` next to a running bot) take the same lock on the
        // folder, so their read-modify-write cycles never interleave with ours.
        let _folder_lock = persist::lock_dir(self.dir()).map_err(|e| {
            refuse(EditErrorKind::Write {
                path: self.faq_path(),
                message: format!("cannot lock the knowledge folder: {e}"),
            })
        })?;
        // A change interrupted earlier is completed or rolled back before this one.
        self.recover_journal()
            .map_err(|e| refuse(self.audit_error(&e)))?;
        // The files as they are on disk now: the truth, which a hand edit may have changed.
        let sources =
            Sources::read(self.dir()).map_err(|e| refuse(EditErrorKind::KnowledgeBroken(e)))?;
        let current = parse(&sources).map_err(|e| refuse(EditErrorKind::KnowledgeBroken(e)))?;

        let change = plan(op, &current).map_err(refuse)?;
        let validated = validate(&change, &current, &sources).map_err(refuse)?;
        let record = AuditRecord::new(
            Utc::now(),
            actor.clone(),
            change.action,
            change.entry_id.clone(),
            change.before.as_ref(),
            change.after.as_ref(),
        );
        self.journal(&record, &sources.faq, &validated.sources.faq)
            .map_err(refuse)?;
        self.commit(&mut state, &change, validated, actor)
            .map_err(refuse)?;
        let applied = self.record(record, change.after);
        drop(state);
        Ok(applied)
    }

    /// Step 3a: the record of the change, written durably before `faq.toml` is touched.
    /// When the audit log cannot be written the change is refused.
    fn journal(&self, record: &AuditRecord, old: &str, new: &str) -> Result<(), EditErrorKind> {
        let result = self.audit_log().writable().and_then(|()| {
            self.journal_file()
                .begin(&Intent::new(record.clone(), old, new))
        });
        result.map_err(|e| {
            tracing::error!(file = %self.journal_file().path().display(), error = %e, entry = %record.entry_id, "the audit record of an FAQ change cannot be written; the change is refused");
            self.audit_error(&e)
        })
    }

    fn audit_error(&self, e: &std::io::Error) -> EditErrorKind {
        EditErrorKind::Audit {
            path: self.audit_log().path().to_path_buf(),
            message: e.to_string(),
        }
    }

    /// Step 3b: writes the new file and serves it. A failure rolls the journal back.
    fn commit(
        &self,
        state: &mut State,
        change: &Change,
        new: Validated,
        actor: &Actor,
    ) -> Result<(), EditErrorKind> {
        let path = self.faq_path();
        let fail = state.fail_next.take();
        let crashed = || EditErrorKind::Internal("simulated crash".to_owned());
        if fail == Some(FailPoint::CrashAfterJournal) {
            return Err(crashed());
        }
        if let Err(e) = persist::write_atomic(&path, &new.sources.faq, fail) {
            tracing::error!(file = %path.display(), error = %e, entry = %change.entry_id, actor = %actor.id, "could not save an FAQ edit; the old file is intact");
            if let Err(e) = self.journal_file().finish() {
                // Left behind, it is rolled back when the store next opens or changes.
                tracing::warn!(error = %e, "could not remove the audit journal of a refused change");
            }
            return Err(EditErrorKind::Write {
                path,
                message: e.to_string(),
            });
        }
        if fail == Some(FailPoint::CrashAfterRename) {
            return Err(crashed());
        }
        state.seen = fingerprint(&new.sources);
        state.faq_text = new.sources.faq;
        state.knowledge = Arc::new(new.knowledge);
        self.notify_listener(&state.knowledge);
        Ok(())
    }

    /// Step 4: appends the record to the audit log, clears the journal, tells subscribers.
    fn record(&self, record: AuditRecord, entry: Option<Entry>) -> Applied {
        let audit = self.audit_log();
        let mut warnings = Vec::new();
        match audit.append(&record) {
            Ok(()) => {
                if let Err(e) = self.journal_file().finish() {
                    tracing::warn!(error = %e, "could not remove the audit journal of a recorded change");
                }
            }
            Err(e) => {
                tracing::error!(file = %audit.path().display(), error = %e, "an FAQ change was saved but its audit record could not be appended yet; the journal keeps it until it can be");
                warnings.push(format!(
                    "the change was saved, but the audit log {} could not be written: {e}; its record is kept and is added when the FAQ is next opened or changed",
                    audit.path().display()
                ));
            }
        }
        tracing::info!(action = record.action.as_str(), entry = %record.entry_id, actor_id = %record.actor.id, actor = %record.actor.name, "FAQ changed");
        self.send(StoreEvent::Applied(Box::new(record.clone())));
        Applied {
            version: entry.as_ref().map(EntryVersion::of),
            entry,
            record,
            warnings,
        }
    }
}

/// The request against the files as they are now.
fn plan(op: Op<'_>, current: &Knowledge) -> Result<Change, EditErrorKind> {
    let current_entry = |id: &str| {
        current
            .entry(id)
            .cloned()
            .ok_or_else(|| EditErrorKind::NotFound(id.to_owned()))
    };
    let check_version = |entry: &Entry, expected: &EntryVersion| {
        let now = EntryVersion::of(entry);
        if &now == expected {
            Ok(())
        } else {
            Err(EditErrorKind::Stale(Box::new(StaleEdit {
                entry_id: entry.id.clone(),
                expected: expected.clone(),
                current: now,
                current_entry: entry.clone(),
            })))
        }
    };
    let change = |action, id: &str, before, after| Change {
        action,
        entry_id: id.to_owned(),
        before,
        after,
    };
    Ok(match op {
        Op::Add(entry) => {
            let entry = tidy(entry);
            if current.entry(&entry.id).is_some() {
                return Err(EditErrorKind::DuplicateId(entry.id));
            }
            change(AuditAction::Add, &entry.id.clone(), None, Some(entry))
        }
        Op::Edit {
            id,
            entry,
            expected,
        } => {
            let before = current_entry(id)?;
            check_version(&before, expected)?;
            let mut entry = tidy(entry);
            if entry.id.is_empty() {
                entry.id = id.to_owned();
            } else if entry.id != id {
                return Err(EditErrorKind::IdChanged {
                    from: id.to_owned(),
                    to: entry.id,
                });
            }
            if entry == before {
                return Err(EditErrorKind::NoChange);
            }
            change(AuditAction::Edit, id, Some(before), Some(entry))
        }
        Op::Remove { id, expected } => {
            let before = current_entry(id)?;
            check_version(&before, expected)?;
            change(AuditAction::Remove, id, Some(before), None)
        }
        Op::Alias { id, phrase } => {
            let before = current_entry(id)?;
            let phrase = phrase.trim();
            if phrase.is_empty() {
                return Err(EditErrorKind::Invalid(vec![FieldProblem {
                    field: Some("alternates"),
                    message: "the phrase to add is empty".to_owned(),
                }]));
            }
            let mut after = before.clone();
            after.alternates.push(phrase.to_owned());
            change(AuditAction::Alias, id, Some(before), Some(after))
        }
    })
}

/// The validator, on the entry and then on the whole new file.
fn validate(
    change: &Change,
    current: &Knowledge,
    sources: &Sources,
) -> Result<Validated, EditErrorKind> {
    let Change {
        entry_id,
        before,
        after,
        ..
    } = change;
    if let Some(after) = after {
        let problems: Vec<FieldProblem> = entry_problems(after, current)
            .into_iter()
            .map(|(field, message)| FieldProblem {
                field: Some(field),
                message,
            })
            .collect();
        if !problems.is_empty() {
            return Err(EditErrorKind::Invalid(problems));
        }
    }
    let mut doc = FaqDocument::parse(&sources.faq).map_err(EditErrorKind::Internal)?;
    let found = match after {
        Some(entry) if before.is_none() => doc.append(entry).map(|()| true),
        Some(entry) => doc.replace(entry_id, entry),
        None => doc.remove(entry_id),
    }
    .map_err(EditErrorKind::Internal)?;
    if !found {
        return Err(EditErrorKind::Internal(format!(
            "entry {entry_id:?} loads but was not found as an [[entry]] table in faq.toml"
        )));
    }
    let new_sources = Sources {
        faq: doc.render(),
        ..sources.clone()
    };
    let new_knowledge = parse(&new_sources).map_err(|errors| {
        EditErrorKind::Invalid(errors.0.into_iter().map(FieldProblem::from).collect())
    })?;
    // The new file must hold exactly the old entries with this one change.
    let mut expected_faq = current.faq.clone();
    match (before, after) {
        (None, Some(entry)) => expected_faq.push(entry.clone()),
        (Some(_), Some(entry)) => {
            if let Some(slot) = expected_faq.iter_mut().find(|e| &e.id == entry_id) {
                *slot = entry.clone();
            }
        }
        _ => expected_faq.retain(|e| &e.id != entry_id),
    }
    if new_knowledge.faq != expected_faq {
        return Err(EditErrorKind::Internal(
            "the edited faq.toml did not read back as intended".to_owned(),
        ));
    }
    Ok(Validated {
        sources: new_sources,
        knowledge: new_knowledge,
    })
}

enum Op<'a> {
    Add(Entry),
    Edit {
        id: &'a str,
        entry: Entry,
        expected: &'a EntryVersion,
    },
    Remove {
        id: &'a str,
        expected: &'a EntryVersion,
    },
    Alias {
        id: &'a str,
        phrase: &'a str,
    },
}

/// Trims what a form adds around what a moderator meant: surrounding whitespace (a
/// verbatim quote never starts or ends with it) and blank alternate or tag lines.
fn tidy(mut entry: Entry) -> Entry {
    let trim = |s: &mut String| {
        let t = s.trim();
        if t.len() != s.len() {
            *s = t.to_owned();
        }
    };
    trim(&mut entry.id);
    trim(&mut entry.section);
    trim(&mut entry.question);
    trim(&mut entry.passage);
    entry.alternates.iter_mut().for_each(trim);
    entry.alternates.retain(|a| !a.is_empty());
    entry.tags.iter_mut().for_each(trim);
    entry.tags.retain(|t| !t.is_empty());
    if let Some(note) = &mut entry.evidence_note {
        trim(note);
    }
    entry
}
