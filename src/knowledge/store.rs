//! The knowledge store: the one code path every FAQ change goes through, whether it comes
//! from a Discord moderator command, the `faqbot faq` CLI, a hand edit picked up by the
//! file watcher, or `/faq reload`.
//!
//! An edit, under one lock so concurrent edits are serialised (a mutex within the process,
//! and an advisory lock on the knowledge folder across processes):
//!
//! 1. re-reads the knowledge files from disk (the truth; a hand edit is never overwritten
//!    by a stale in-memory copy) and parses them;
//! 2. checks the request: the entry exists (or, for an add, does not), the version the
//!    moderator saw is still current, ids are not renamed;
//! 3. validates the new entry with [`entry_problems`] (section, verbatim passage unless
//!    `summary = true`, lengths), then re-parses the whole new `faq.toml` text with the
//!    same [`parse`] that `faqbot check` and start-up use;
//! 4. writes the file atomically (temp file, fsync, rename; old text kept as `faq.toml.bak`);
//! 5. swaps the service's engine, so the very next question sees the change;
//! 6. appends one line to the audit log.
//!
//! A refused edit changes nothing and hands back an [`EditError`] that says what is wrong
//! and carries the moderator's submission, so nothing they typed is lost.
//!
//! The methods block (file I/O and re-indexing, a few milliseconds); from async code call
//! them inside `tokio::task::spawn_blocking`.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::Utc;
use tokio::sync::broadcast;

use super::audit::{Action, Actor, AuditLog, AuditRecord};
use super::edit::{EntryVersion, FaqDocument, entry_snippet, fnv1a};
use super::load::{Sources, parse};
use super::model::{Entry, Knowledge};
use super::persist::{self, FailPoint};
use super::validate::{KnowledgeFile, entry_problems};
use crate::error::{SourceError, SourceErrors};
use crate::service::FaqService;

/// The FAQ knowledge on disk, and the one way to change it. Share it with `Arc`.
pub struct KnowledgeStore {
    dir: PathBuf,
    audit: AuditLog,
    service: Option<Arc<FaqService>>,
    state: Mutex<State>,
    events: broadcast::Sender<StoreEvent>,
}

struct State {
    /// The last good knowledge: what is being served.
    knowledge: Arc<Knowledge>,
    /// The `faq.toml` text that knowledge came from.
    faq_text: String,
    /// A fingerprint of the files as last read or written, so the watcher ignores events
    /// for content the store already has (its own writes above all).
    seen: u64,
    /// An injected failure for the next write (tests only).
    fail_next: Option<FailPoint>,
}

/// A change that was applied.
#[derive(Debug, Clone)]
pub struct Applied {
    /// What was written to the audit log (who, when, what, before and after).
    pub record: AuditRecord,
    /// The entry's new version (for a follow-up edit); `None` after a remove.
    pub version: Option<EntryVersion>,
    /// Things that went wrong after the change was saved (the audit log could not be
    /// written). The change itself is in effect.
    pub warnings: Vec<String>,
}

/// What a moderator submitted, handed back with every refusal.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    /// The entry of an add or an edit, exactly as submitted.
    Entry(Box<Entry>),
    Alias {
        entry_id: String,
        phrase: String,
    },
    Remove {
        entry_id: String,
    },
}

impl Submitted {
    /// The submission as text to show back: the entry as a TOML snippet (which
    /// `faqbot faq add --file` reads), the phrase of an alias, the id of a remove.
    pub fn text(&self) -> String {
        match self {
            Submitted::Entry(entry) => entry_snippet(entry),
            Submitted::Alias { phrase, .. } => phrase.clone(),
            Submitted::Remove { entry_id } => entry_id.clone(),
        }
    }

    /// The submitted entry, to pre-fill a form again.
    pub fn entry(&self) -> Option<&Entry> {
        match self {
            Submitted::Entry(entry) => Some(entry),
            _ => None,
        }
    }
}

/// A refused edit: nothing was changed.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{kind}")]
pub struct EditError {
    pub kind: EditErrorKind,
    /// What the moderator submitted, to show back so it can be fixed and resent.
    pub submitted: Submitted,
}

impl EditError {
    /// The submission as text (see [`Submitted::text`]).
    pub fn submitted_text(&self) -> String {
        self.submitted.text()
    }
}

/// One thing wrong with a submitted entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The entry field (`question`, `passage`, `section`, …) when the problem is in one.
    pub field: Option<&'static str>,
    pub message: String,
}

impl std::fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn bullet_list(items: &[impl std::fmt::Display]) -> String {
    items.iter().map(|p| format!("\n  - {p}")).collect()
}

/// Why an edit was refused.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EditErrorKind {
    /// The entry breaks a rule of the validator (the same one `faqbot check` runs).
    #[error("the entry was not saved because:{}", bullet_list(.0))]
    Invalid(Vec<FieldProblem>),
    #[error("there is no FAQ entry with id {0:?} (it may have just been removed)")]
    NotFound(String),
    #[error("an FAQ entry with id {0:?} already exists: choose another id, or edit that entry")]
    DuplicateId(String),
    #[error(
        "entry ids never change (logs and links refer to them): {from:?} cannot become {to:?}; remove the entry and add a new one instead"
    )]
    IdChanged { from: String, to: String },
    /// The entry changed after the moderator opened it.
    #[error("{0}")]
    Stale(Box<StaleEdit>),
    #[error("nothing to save: the entry is unchanged")]
    NoChange,
    /// The files on disk do not load right now (e.g. a broken hand edit); edits wait until
    /// they are fixed, so that fix is never overwritten.
    #[error("the knowledge files on disk have errors, so no edit can be saved until they are fixed:{}", bullet_list(&.0.0))]
    KnowledgeBroken(SourceErrors),
    /// Writing the file failed; the old file is intact and still served.
    #[error("could not save {}: {message}; nothing was changed", .path.display())]
    Write { path: PathBuf, message: String },
    #[error("internal error, nothing was saved: {0}")]
    Internal(String),
}

/// An edit made against an old version of an entry.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "entry {entry_id:?} was changed by someone else after you opened it (you had version {expected}, it is now {current}); nothing was overwritten: reopen it and apply your change again"
)]
pub struct StaleEdit {
    pub entry_id: String,
    /// The version the edit was made against.
    pub expected: EntryVersion,
    /// The version on disk now.
    pub current: EntryVersion,
    /// The entry as it is now.
    pub current_entry: Entry,
}

/// What the store reports to whoever listens (the Discord layer forwards failures to the
/// moderator log channel).
#[derive(Debug, Clone)]
pub enum StoreEvent {
    /// An edit was applied.
    Applied(Box<AuditRecord>),
    /// The files were re-read and are valid; they are being served.
    Reloaded(ReloadSummary),
    /// The files were re-read and are invalid; the last good knowledge is still served.
    ReloadFailed {
        trigger: ReloadTrigger,
        errors: SourceErrors,
    },
}

/// Why the files were re-read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReloadTrigger {
    /// The file watcher saw them change.
    Watcher,
    /// `/faq reload` or [`KnowledgeStore::reload`].
    Explicit,
}

/// What a successful reload changed in the FAQ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadSummary {
    pub trigger: ReloadTrigger,
    /// Entries now served.
    pub entries: usize,
    pub added: Vec<String>,
    pub edited: Vec<String>,
    pub removed: Vec<String>,
    /// Whether anything at all (any file's content) changed what is served.
    pub changed: bool,
}

impl KnowledgeStore {
    /// Opens the knowledge in `knowledge_dir`, validating it; the audit log goes under
    /// `data_dir`. Without [`with_service`](Self::with_service) edits only change the files
    /// (the CLI's case: a running bot's watcher picks them up).
    pub fn open(
        knowledge_dir: impl Into<PathBuf>,
        data_dir: &Path,
    ) -> Result<KnowledgeStore, SourceErrors> {
        let dir = knowledge_dir.into();
        let sources = Sources::read(&dir)?;
        let knowledge = parse(&sources)?;
        let (events, _) = broadcast::channel(256);
        Ok(KnowledgeStore {
            audit: AuditLog::new(data_dir),
            service: None,
            state: Mutex::new(State {
                knowledge: Arc::new(knowledge),
                seen: fingerprint(&sources),
                faq_text: sources.faq,
                fail_next: None,
            }),
            events,
            dir,
        })
    }

    /// The store for a running service: the directories come from its config, and every
    /// applied change or valid reload swaps the service's engine.
    pub fn for_service(service: Arc<FaqService>) -> Result<KnowledgeStore, SourceErrors> {
        let config = service.config();
        let store = KnowledgeStore::open(config.knowledge_dir.clone(), &config.data_dir)?;
        let knowledge = store.knowledge();
        if **service.engine().knowledge() != *knowledge {
            service.replace_knowledge((*knowledge).clone());
        }
        Ok(store.with_service(service))
    }

    /// Makes applied changes and reloads swap `service`'s engine.
    pub fn with_service(mut self, service: Arc<FaqService>) -> KnowledgeStore {
        self.service = Some(service);
        self
    }

    /// The knowledge folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The FAQ file edits write.
    pub fn faq_path(&self) -> PathBuf {
        self.dir.join(KnowledgeFile::Faq.file_name())
    }

    /// Where the previous `faq.toml` is kept.
    pub fn backup_path(&self) -> PathBuf {
        persist::backup_path(&self.faq_path())
    }

    pub fn audit_log(&self) -> &AuditLog {
        &self.audit
    }

    /// Events: applied edits, reloads, invalid files. Subscribe before they happen.
    pub fn subscribe(&self) -> broadcast::Receiver<StoreEvent> {
        self.events.subscribe()
    }

    /// The last good knowledge: what is being served.
    pub fn knowledge(&self) -> Arc<Knowledge> {
        self.lock().knowledge.clone()
    }

    /// One entry as served, with the version an edit or remove of it must quote.
    pub fn entry(&self, entry_id: &str) -> Option<(Entry, EntryVersion)> {
        let knowledge = self.knowledge();
        knowledge
            .entry(entry_id)
            .map(|e| (e.clone(), EntryVersion::of(e)))
    }

    /// All entries as served, in file order, with their versions.
    pub fn entries(&self) -> Vec<(Entry, EntryVersion)> {
        self.knowledge()
            .faq
            .iter()
            .map(|e| (e.clone(), EntryVersion::of(e)))
            .collect()
    }

    /// The `faq.toml` text being served (for `/faq export`).
    pub fn export(&self) -> String {
        self.lock().faq_text.clone()
    }

    /// Recent changes, newest first, all or to one entry; at most `limit`.
    pub fn history(&self, entry_id: Option<&str>, limit: usize) -> io::Result<Vec<AuditRecord>> {
        self.audit.history(entry_id, limit)
    }

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

    /// Re-reads the knowledge files (`/faq reload`). Valid: they are served from the next
    /// question on. Invalid: the last good knowledge stays, and the errors (file and line)
    /// are logged, sent to subscribers and returned.
    pub fn reload(&self) -> Result<ReloadSummary, SourceErrors> {
        self.reload_inner(ReloadTrigger::Explicit, true)
            .expect("a forced reload always runs")
    }

    /// Makes the next write fail at `point` (tests of crash safety). One-shot.
    #[doc(hidden)]
    pub fn fail_next_write(&self, point: FailPoint) {
        self.lock().fail_next = Some(point);
    }

    /// The watcher's reload: does nothing if the files hold what the store last read or
    /// wrote (its own writes, an editor touching a file).
    pub(crate) fn reload_if_changed(&self) -> Option<Result<ReloadSummary, SourceErrors>> {
        self.reload_inner(ReloadTrigger::Watcher, false)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the files half-written (writes are
        // atomic), so the state is still usable.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn reload_inner(
        &self,
        trigger: ReloadTrigger,
        force: bool,
    ) -> Option<Result<ReloadSummary, SourceErrors>> {
        let mut state = self.lock();
        let read = Sources::read(&self.dir);
        let seen = match &read {
            Ok(sources) => fingerprint(sources),
            Err(errors) => !fnv1a(errors.to_string().as_bytes()),
        };
        if !force && seen == state.seen {
            return None;
        }
        state.seen = seen;
        match read.and_then(|sources| parse(&sources).map(|k| (sources, k))) {
            Ok((sources, knowledge)) => {
                let summary = summarise(trigger, &state.knowledge, &knowledge);
                state.faq_text = sources.faq;
                if summary.changed {
                    state.knowledge = Arc::new(knowledge.clone());
                    if let Some(service) = &self.service {
                        service.replace_knowledge(knowledge);
                    }
                }
                tracing::info!(
                    dir = %self.dir.display(),
                    ?trigger,
                    entries = summary.entries,
                    added = ?summary.added,
                    edited = ?summary.edited,
                    removed = ?summary.removed,
                    changed = summary.changed,
                    "knowledge reloaded"
                );
                let _ = self.events.send(StoreEvent::Reloaded(summary.clone()));
                Some(Ok(summary))
            }
            Err(errors) => {
                for e in &errors.0 {
                    tracing::error!(
                        file = %e.path.display(),
                        line = e.line,
                        ?trigger,
                        "invalid knowledge, still serving the last good version: {}",
                        e.message
                    );
                }
                let _ = self.events.send(StoreEvent::ReloadFailed {
                    trigger,
                    errors: errors.clone(),
                });
                Some(Err(errors))
            }
        }
    }

    fn apply(&self, op: Op<'_>, submitted: Submitted, actor: &Actor) -> Result<Applied, EditError> {
        let refuse = |kind: EditErrorKind| EditError {
            kind,
            submitted: submitted.clone(),
        };
        let mut state = self.lock();
        // Other processes (`faqbot faq` next to a running bot) take the same lock on the
        // folder, so their read-modify-write cycles never interleave with ours.
        let _folder_lock = persist::lock_dir(&self.dir).map_err(|e| {
            refuse(EditErrorKind::Write {
                path: self.faq_path(),
                message: format!("cannot lock the knowledge folder: {e}"),
            })
        })?;

        // 1. The files as they are on disk now.
        let sources =
            Sources::read(&self.dir).map_err(|e| refuse(EditErrorKind::KnowledgeBroken(e)))?;
        let current = parse(&sources).map_err(|e| refuse(EditErrorKind::KnowledgeBroken(e)))?;

        // 2. The request against them.
        let current_entry = |id: &str| {
            current
                .entry(id)
                .cloned()
                .ok_or_else(|| refuse(EditErrorKind::NotFound(id.to_owned())))
        };
        let check_version = |entry: &Entry, expected: &EntryVersion| {
            let now = EntryVersion::of(entry);
            if &now == expected {
                Ok(())
            } else {
                Err(refuse(EditErrorKind::Stale(Box::new(StaleEdit {
                    entry_id: entry.id.clone(),
                    expected: expected.clone(),
                    current: now,
                    current_entry: entry.clone(),
                }))))
            }
        };
        let (action, entry_id, before, after) = match op {
            Op::Add(entry) => {
                let entry = tidy(entry);
                if current.entry(&entry.id).is_some() {
                    return Err(refuse(EditErrorKind::DuplicateId(entry.id)));
                }
                (Action::Add, entry.id.clone(), None, Some(entry))
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
                    return Err(refuse(EditErrorKind::IdChanged {
                        from: id.to_owned(),
                        to: entry.id,
                    }));
                }
                if entry == before {
                    return Err(refuse(EditErrorKind::NoChange));
                }
                (Action::Edit, id.to_owned(), Some(before), Some(entry))
            }
            Op::Remove { id, expected } => {
                let before = current_entry(id)?;
                check_version(&before, expected)?;
                (Action::Remove, id.to_owned(), Some(before), None)
            }
            Op::Alias { id, phrase } => {
                let before = current_entry(id)?;
                let phrase = phrase.trim();
                if phrase.is_empty() {
                    return Err(refuse(EditErrorKind::Invalid(vec![FieldProblem {
                        field: Some("alternates"),
                        message: "the phrase to add is empty".to_owned(),
                    }])));
                }
                let mut after = before.clone();
                after.alternates.push(phrase.to_owned());
                (Action::Alias, id.to_owned(), Some(before), Some(after))
            }
        };

        // 3. The validator, on the entry and then on the whole new file.
        if let Some(after) = &after {
            let problems: Vec<FieldProblem> = entry_problems(after, &current)
                .into_iter()
                .map(|(field, message)| FieldProblem {
                    field: Some(field),
                    message,
                })
                .collect();
            if !problems.is_empty() {
                return Err(refuse(EditErrorKind::Invalid(problems)));
            }
        }
        let mut doc =
            FaqDocument::parse(&sources.faq).map_err(|m| refuse(EditErrorKind::Internal(m)))?;
        let found = match &after {
            Some(entry) if before.is_none() => doc.append(entry).map(|()| true),
            Some(entry) => doc.replace(&entry_id, entry),
            None => doc.remove(&entry_id),
        }
        .map_err(|m| refuse(EditErrorKind::Internal(m)))?;
        if !found {
            return Err(refuse(EditErrorKind::Internal(format!(
                "entry {entry_id:?} loads but was not found as an [[entry]] table in faq.toml"
            ))));
        }
        let new_sources = Sources {
            faq: doc.render(),
            ..sources.clone()
        };
        let new_knowledge = parse(&new_sources).map_err(|errors| {
            refuse(EditErrorKind::Invalid(
                errors.0.into_iter().map(FieldProblem::from).collect(),
            ))
        })?;
        // The new file must hold exactly the old entries with this one change.
        let mut expected_faq = current.faq.clone();
        match (&before, &after) {
            (None, Some(entry)) => expected_faq.push(entry.clone()),
            (Some(_), Some(entry)) => {
                if let Some(slot) = expected_faq.iter_mut().find(|e| e.id == entry_id) {
                    *slot = entry.clone();
                }
            }
            _ => expected_faq.retain(|e| e.id != entry_id),
        }
        if new_knowledge.faq != expected_faq {
            return Err(refuse(EditErrorKind::Internal(
                "the edited faq.toml did not read back as intended".to_owned(),
            )));
        }

        // 4. Persist.
        let path = self.faq_path();
        let fail = state.fail_next.take();
        if let Err(e) = persist::write_atomic(&path, &new_sources.faq, fail) {
            tracing::error!(file = %path.display(), error = %e, entry = %entry_id, actor = %actor.id, "could not save an FAQ edit; the old file is intact");
            return Err(refuse(EditErrorKind::Write {
                path,
                message: e.to_string(),
            }));
        }

        // 5. Serve it.
        state.seen = fingerprint(&new_sources);
        state.faq_text = new_sources.faq;
        state.knowledge = Arc::new(new_knowledge);
        if let Some(service) = &self.service {
            service.replace_knowledge((*state.knowledge).clone());
        }

        // 6. Record it.
        let record = AuditRecord {
            at: Utc::now(),
            actor: actor.clone(),
            action,
            entry_id,
            before,
            after,
        };
        let mut warnings = Vec::new();
        if let Err(e) = self.audit.append(&record) {
            tracing::error!(file = %self.audit.path().display(), error = %e, "an FAQ change was saved but could not be written to the audit log");
            warnings.push(format!(
                "the change was saved, but the audit log {} could not be written: {e}",
                self.audit.path().display()
            ));
        }
        tracing::info!(action = record.action.as_str(), entry = %record.entry_id, actor_id = %actor.id, actor = %actor.name, "FAQ changed");
        let _ = self
            .events
            .send(StoreEvent::Applied(Box::new(record.clone())));
        drop(state);
        Ok(Applied {
            version: record.after.as_ref().map(EntryVersion::of),
            record,
            warnings,
        })
    }
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

/// A fingerprint of the four texts.
fn fingerprint(sources: &Sources) -> u64 {
    let mut bytes = Vec::new();
    for file in KnowledgeFile::ALL {
        let text = sources.text(file);
        bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
        bytes.extend_from_slice(text.as_bytes());
    }
    fnv1a(&bytes)
}

fn summarise(trigger: ReloadTrigger, old: &Knowledge, new: &Knowledge) -> ReloadSummary {
    let added = new
        .faq
        .iter()
        .filter(|e| old.entry(&e.id).is_none())
        .map(|e| e.id.clone())
        .collect();
    let edited = new
        .faq
        .iter()
        .filter(|e| old.entry(&e.id).is_some_and(|o| o != *e))
        .map(|e| e.id.clone())
        .collect();
    let removed = old
        .faq
        .iter()
        .filter(|e| new.entry(&e.id).is_none())
        .map(|e| e.id.clone())
        .collect();
    ReloadSummary {
        trigger,
        entries: new.faq.len(),
        added,
        edited,
        removed,
        changed: old != new,
    }
}

impl From<SourceError> for FieldProblem {
    fn from(e: SourceError) -> Self {
        FieldProblem {
            field: None,
            message: e.to_string(),
        }
    }
}
