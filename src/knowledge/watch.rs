//! Hot reload: watches the knowledge folder and reloads when one of its files changes,
//! once the changes have settled (an editor's save is often several events).
//!
//! Valid files are served from the next question on. Invalid files leave the last good
//! knowledge in place; the errors are logged with file and line and sent to
//! [`KnowledgeStore::subscribe`]rs as [`StoreEvent::ReloadFailed`](super::StoreEvent).
//! Events for content the store already has — its own atomic writes, an editor touching a
//! file — are ignored, so an edit made through the store is not reloaded a second time.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Weak};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::store::KnowledgeStore;
use super::validate::KnowledgeFile;

/// How long the files must be quiet before a reload.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(300);

/// Watching stops when this is dropped.
pub struct WatchHandle {
    watcher: Option<RecommendedWatcher>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for WatchHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.watcher.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl KnowledgeStore {
    /// Starts watching the knowledge folder with the default debounce (300 ms).
    pub fn watch(self: &Arc<Self>) -> notify::Result<WatchHandle> {
        self.watch_with_debounce(DEFAULT_DEBOUNCE)
    }

    /// Starts watching, reloading once no file has changed for `debounce`.
    pub fn watch_with_debounce(
        self: &Arc<Self>,
        debounce: Duration,
    ) -> notify::Result<WatchHandle> {
        let (tx, rx) = mpsc::channel::<()>();
        let mut watcher =
            notify::recommended_watcher(move |result: notify::Result<Event>| match result {
                Ok(event) if is_relevant(&event) => {
                    let _ = tx.send(());
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "knowledge file watcher error"),
            })?;
        watcher.watch(self.dir(), RecursiveMode::NonRecursive)?;
        tracing::info!(dir = %self.dir().display(), "watching the knowledge files for changes");
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let store = Arc::downgrade(self);
            let stop = stop.clone();
            std::thread::Builder::new()
                .name("faqbot-knowledge-watch".to_owned())
                .spawn(move || debounce_loop(&rx, &store, &stop, debounce))
                .map_err(|e| notify::Error::generic(&e.to_string()))?
        };
        Ok(WatchHandle {
            watcher: Some(watcher),
            stop,
            thread: Some(thread),
        })
    }
}

fn debounce_loop(
    rx: &mpsc::Receiver<()>,
    store: &Weak<KnowledgeStore>,
    stop: &AtomicBool,
    debounce: Duration,
) {
    const POLL: Duration = Duration::from_millis(100);
    let mut last_event: Option<Instant> = None;
    loop {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let wait = match last_event {
            Some(at) => debounce.saturating_sub(at.elapsed()).min(POLL),
            None => POLL,
        };
        match rx.recv_timeout(wait) {
            Ok(()) => last_event = Some(Instant::now()),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        if last_event.is_some_and(|at| at.elapsed() >= debounce) {
            last_event = None;
            let Some(store) = store.upgrade() else { return };
            // Errors are logged and sent to subscribers by the store itself.
            let _ = store.reload_if_changed();
        }
    }
}

/// An event that may have changed one of the four knowledge files (not reads, not the
/// store's temporary and backup files).
fn is_relevant(event: &Event) -> bool {
    let is_write = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    is_write && event.paths.iter().any(|p| is_knowledge_file(p))
}

fn is_knowledge_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|name| KnowledgeFile::ALL.iter().any(|f| f.file_name() == name))
}
