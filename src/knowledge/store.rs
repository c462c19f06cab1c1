//! The knowledge store: the FAQ knowledge on disk and the one code path every change to it
//! goes through, whether it comes from a Discord moderator command, the `faqbot faq` CLI,
//! a hand edit picked up by the file watcher, or `/faq reload`. Edits are applied in
//! [`apply`](super::apply) (plan → validate → commit → record); reloads are here.
//!
//! Everything happens under one lock, so concurrent changes are serialised (a mutex within
//! the process, and an advisory lock on the knowledge folder across processes). The store
//! knows nothing of who serves the knowledge: it tells a [`KnowledgeListener`] (the FAQ
//! service) synchronously, before the lock is released.
//!
//! The methods block (file I/O and re-indexing, a few milliseconds); from async code call
//! them inside `tokio::task::spawn_blocking`.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::broadcast;

use super::audit::AuditLog;
use super::audit_record::AuditRecord;
use super::edit::{EntryVersion, fnv1a};
use super::events::{KnowledgeListener, ReloadSummary, ReloadTrigger, StoreEvent, summarise};
use super::journal::Journal;
use super::load::{Sources, parse};
use super::model::{Entry, Knowledge};
use super::persist::{self, FailPoint};
use super::validate::KnowledgeFile;
use crate::error::SourceErrors;

/// The FAQ knowledge on disk, and the one way to change it. Share it with `Arc`.
pub struct KnowledgeStore {
    dir: PathBuf,
    audit: AuditLog,
    journal: Journal,
    listener: Option<Arc<dyn KnowledgeListener>>,
    state: Mutex<State>,
    events: broadcast::Sender<StoreEvent>,
}

pub(super) struct State {
    /// The last good knowledge: what is being served.
    pub(super) knowledge: Arc<Knowledge>,
    /// The `faq.toml` text that knowledge came from.
    pub(super) faq_text: String,
    /// A fingerprint of the files as last read or written, so the watcher ignores events
    /// for content the store already has (its own writes above all).
    pub(super) seen: u64,
    /// An injected failure for the next write (tests only).
    pub(super) fail_next: Option<FailPoint>,
}

impl KnowledgeStore {
    /// Opens the knowledge in `knowledge_dir`, validating it; the audit log goes under
    /// `data_dir`. Without [`with_listener`](Self::with_listener) edits only change the files
    /// (the CLI's case: a running bot's watcher picks them up).
    pub fn open(
        knowledge_dir: impl Into<PathBuf>,
        data_dir: &Path,
    ) -> Result<KnowledgeStore, SourceErrors> {
        let dir = knowledge_dir.into();
        sweep_temp_files(&dir);
        let sources = Sources::read(&dir)?;
        let knowledge = parse(&sources)?;
        let (events, _) = broadcast::channel(256);
        let store = KnowledgeStore {
            audit: AuditLog::new(data_dir),
            journal: Journal::new(data_dir),
            listener: None,
            state: Mutex::new(State {
                knowledge: Arc::new(knowledge),
                seen: fingerprint(&sources),
                faq_text: sources.faq,
                fail_next: None,
            }),
            events,
            dir,
        };
        // An edit interrupted by a crash is completed or rolled back now. If that fails
        // (say, the data directory is full) it is tried again before the next edit.
        let recovered = persist::lock_dir(&store.dir).and_then(|_lock| store.recover_journal());
        if let Err(e) = recovered {
            tracing::error!(file = %store.journal.path().display(), error = %e, "could not complete an interrupted FAQ change's audit record; edits wait until it can be");
        }
        Ok(store)
    }

    /// Completes or rolls back a change that was interrupted (see [`Journal`]). Call it
    /// holding the folder lock.
    pub(super) fn recover_journal(&self) -> io::Result<()> {
        let faq = match std::fs::read(self.faq_path()) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(e),
        };
        self.journal.recover(&faq, &self.audit).map(drop)
    }

    pub(super) fn journal_file(&self) -> &Journal {
        &self.journal
    }

    /// Makes applied changes and reloads that change something call `listener` (the FAQ
    /// service swaps its engine), synchronously, before the change is reported done.
    pub fn with_listener(mut self, listener: Arc<dyn KnowledgeListener>) -> KnowledgeStore {
        self.listener = Some(listener);
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

    /// Tells the listener (the service) that `knowledge` is now the truth.
    pub(super) fn notify_listener(&self, knowledge: &Knowledge) {
        if let Some(listener) = &self.listener {
            listener.knowledge_changed(knowledge);
        }
    }

    /// Tells subscribers, if any (nobody listening is fine).
    pub(super) fn send(&self, event: StoreEvent) {
        let _ = self.events.send(event);
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
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
                    state.knowledge = Arc::new(knowledge);
                    self.notify_listener(&state.knowledge);
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
                self.send(StoreEvent::Reloaded(summary.clone()));
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
                self.send(StoreEvent::ReloadFailed {
                    trigger,
                    errors: errors.clone(),
                });
                Some(Err(errors))
            }
        }
    }
}

/// Removes temporary files a killed writer left in the knowledge folder, under the folder
/// lock so no live writer's file is touched. A failure is only worth a warning: the files
/// are never read.
fn sweep_temp_files(dir: &Path) {
    let faq = dir.join(KnowledgeFile::Faq.file_name());
    let swept = persist::lock_dir(dir).and_then(|_lock| persist::sweep_temp_files(&faq));
    match swept {
        Ok(removed) => {
            for path in removed {
                tracing::info!(file = %path.display(), "removed a temporary file left by an interrupted write");
            }
        }
        Err(e) => {
            tracing::warn!(dir = %dir.display(), error = %e, "could not sweep temporary files")
        }
    }
}

/// A fingerprint of the four texts.
pub(super) fn fingerprint(sources: &Sources) -> u64 {
    let mut bytes = Vec::new();
    for file in KnowledgeFile::ALL {
        let text = sources.text(file);
        bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
        bytes.extend_from_slice(text.as_bytes());
    }
    fnv1a(&bytes)
}
