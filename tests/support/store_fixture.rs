//! A running service and its knowledge store over a temporary copy of the repository's
//! knowledge folder (the repository's files are never touched), with helpers to edit and
//! to watch what happens.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use faqbot::FaqService;
use faqbot::config::Config;
use faqbot::knowledge::{Actor, AuditRecord, Entry, KnowledgeStore, StoreEvent};
use faqbot::reply::{Match, Outcome};
use tempfile::TempDir;
use tokio::sync::broadcast;

use super::knowledge::{knowledge_copy, load};

pub struct StoreFixture {
    pub knowledge: TempDir,
    pub data: TempDir,
    pub service: Arc<FaqService>,
    pub store: Arc<KnowledgeStore>,
}

impl StoreFixture {
    pub fn new() -> StoreFixture {
        let knowledge = knowledge_copy();
        let data = tempfile::tempdir().expect("temp data dir");
        let config = Config {
            knowledge_dir: knowledge.path().to_path_buf(),
            data_dir: data.path().join("data"),
            ..Config::default()
        };
        let service = Arc::new(FaqService::new(config, load(knowledge.path())));
        let store = Arc::new(service.open_store().expect("the copied knowledge loads"));
        StoreFixture {
            knowledge,
            data,
            service,
            store,
        }
    }

    pub fn dir(&self) -> &Path {
        self.knowledge.path()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.data.path().join("data")
    }

    pub fn faq_path(&self) -> PathBuf {
        self.dir().join("faq.toml")
    }

    pub fn faq_text(&self) -> String {
        std::fs::read_to_string(self.faq_path()).expect("read faq.toml")
    }

    pub fn faq_bytes(&self) -> Vec<u8> {
        std::fs::read(self.faq_path()).expect("read faq.toml")
    }

    /// The entry that answers `question` outright, if one does.
    pub fn answer(&self, question: &str) -> Option<Match> {
        match self.service.ask(question).outcome {
            Outcome::Answer(m) => Some(m),
            _ => None,
        }
    }

    /// The id of the entry that answers `question` outright, if one does.
    pub fn answered_by(&self, question: &str) -> Option<String> {
        self.answer(question).map(|m| m.entry_id)
    }

    /// The audit log's records, oldest first.
    pub fn audit(&self) -> Vec<AuditRecord> {
        let mut records = self
            .store
            .history(None, usize::MAX)
            .expect("read the audit log");
        records.reverse();
        records
    }

    /// The raw lines of the audit log.
    pub fn audit_lines(&self) -> Vec<String> {
        match std::fs::read_to_string(self.store.audit_log().path()) {
            Ok(text) => text.lines().map(str::to_owned).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// Files in the knowledge folder other than the four knowledge files and the backup:
    /// leftovers of a failed write would show here.
    pub fn stray_files(&self) -> Vec<String> {
        let known = [
            "article.toml",
            "faq.toml",
            "synonyms.toml",
            "triage.toml",
            "faq.toml.bak",
        ];
        std::fs::read_dir(self.dir())
            .expect("list knowledge dir")
            .map(|e| {
                e.expect("dir entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| !known.contains(&name.as_str()))
            .collect()
    }

    /// A new entry quoting `paragraph` of `section` verbatim (so it is valid).
    pub fn new_entry(&self, id: &str, question: &str, alternates: &[&str]) -> Entry {
        let knowledge = self.store.knowledge();
        let section = &knowledge.article.sections[0];
        Entry {
            id: id.to_owned(),
            section: section.id.clone(),
            question: question.to_owned(),
            alternates: alternates.iter().map(|s| (*s).to_owned()).collect(),
            passage: first_sentence(&section.paragraphs[0]),
            tags: vec!["test".to_owned()],
            evidence_note: None,
            summary: false,
        }
    }
}

impl Default for StoreFixture {
    fn default() -> Self {
        Self::new()
    }
}

/// A moderator as Discord would name one.
pub fn moderator() -> Actor {
    Actor::new("112233445566778899", "alice")
}

/// The first sentence of a paragraph (a verbatim passage).
pub fn first_sentence(paragraph: &str) -> String {
    match paragraph.find(". ") {
        Some(end) => paragraph[..=end].to_owned(),
        None => paragraph.to_owned(),
    }
}

/// Calls `f` until it returns something, or `timeout` passes.
pub fn wait_for<T>(timeout: Duration, mut f: impl FnMut() -> Option<T>) -> Option<T> {
    let start = Instant::now();
    loop {
        if let Some(value) = f() {
            return Some(value);
        }
        if start.elapsed() >= timeout {
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The next store event within `timeout`.
pub fn next_event(
    rx: &mut broadcast::Receiver<StoreEvent>,
    timeout: Duration,
) -> Option<StoreEvent> {
    wait_for(timeout, || match rx.try_recv() {
        Ok(event) => Some(Some(event)),
        Err(broadcast::error::TryRecvError::Empty) => None,
        Err(broadcast::error::TryRecvError::Lagged(_)) => None,
        Err(broadcast::error::TryRecvError::Closed) => Some(None),
    })
    .flatten()
}

/// Every event that arrives within `window`.
pub fn events_within(
    rx: &mut broadcast::Receiver<StoreEvent>,
    window: Duration,
) -> Vec<StoreEvent> {
    let mut events = Vec::new();
    let start = Instant::now();
    while start.elapsed() < window {
        match rx.try_recv() {
            Ok(event) => events.push(event),
            Err(_) => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    events
}

/// Whether this process can be stopped by file permissions (root cannot).
pub fn permissions_apply(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = dir.join(".uid-probe");
    std::fs::write(&probe, b"").expect("write probe");
    let uid = std::fs::metadata(&probe).expect("probe metadata").uid();
    let _ = std::fs::remove_file(&probe);
    uid != 0
}
