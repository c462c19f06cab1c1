//! Questions the FAQ did not answer (no match, or suggestions nobody picked), kept for
//! moderators: in memory for `/faq unanswered`, and appended to
//! `<data_dir>/unanswered.jsonl` so they survive restarts. Only the text and the time are
//! stored — never who asked.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::jsonl::{self, JsonlFile};
use crate::knowledge::fold;

/// The file name under the data directory.
pub const UNANSWERED_FILE: &str = "unanswered.jsonl";

/// One unanswered question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnansweredRecord {
    pub at: DateTime<Utc>,
    pub question: String,
    /// `no_match`, `suggestions`, or `picked` (a suggestion was chosen after all).
    pub outcome: String,
}

/// Questions grouped by their folded text, for moderators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnansweredSummary {
    /// The most recent wording.
    pub question: String,
    pub count: usize,
    pub last_asked: DateTime<Utc>,
}

pub struct UnansweredLog {
    path: Option<PathBuf>,
    records: Mutex<Vec<UnansweredRecord>>,
    file: Option<JsonlFile>,
}

impl UnansweredLog {
    /// Opens (creating) the log under `data_dir` and reads back earlier records. If the
    /// directory cannot be written the log still works in memory, with a warning.
    pub fn open(data_dir: &Path) -> UnansweredLog {
        let path = data_dir.join(UNANSWERED_FILE);
        let records = jsonl::read(&path).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), error = %e, "could not read earlier unanswered questions");
            Vec::new()
        });
        let file = JsonlFile::create(&path)
            .map_err(|e| tracing::warn!(path = %path.display(), error = %e, "unanswered questions will be kept in memory only"))
            .ok();
        UnansweredLog {
            path: Some(path),
            records: Mutex::new(records),
            file,
        }
    }

    /// A log that never touches disk (tests, one-off runs).
    pub fn in_memory() -> UnansweredLog {
        UnansweredLog {
            path: None,
            records: Mutex::new(Vec::new()),
            file: None,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn record(&self, question: &str, outcome: &str) {
        let record = UnansweredRecord {
            at: Utc::now(),
            question: question.trim().to_owned(),
            outcome: outcome.to_owned(),
        };
        if let Some(file) = &self.file
            && let Err(e) = file.append(&record)
        {
            tracing::warn!(path = %file.path().display(), error = %e, "could not append to the unanswered log");
        }
        self.records
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(record);
    }

    /// Marks a question whose suggestion someone picked, so it stops counting as unanswered.
    pub fn record_picked(&self, question: &str) {
        self.record(question, "picked");
    }

    /// The most frequent unanswered questions, most asked first, then most recent.
    pub fn top(&self, limit: usize) -> Vec<UnansweredSummary> {
        let records = self.records.lock().unwrap_or_else(|p| p.into_inner());
        let mut groups: HashMap<String, UnansweredSummary> = HashMap::new();
        let mut picked: HashMap<String, DateTime<Utc>> = HashMap::new();
        for r in records.iter() {
            let key = fold(&r.question);
            if r.outcome == "picked" {
                picked.insert(key, r.at);
                continue;
            }
            let g = groups.entry(key).or_insert_with(|| UnansweredSummary {
                question: r.question.clone(),
                count: 0,
                last_asked: r.at,
            });
            g.count += 1;
            if r.at >= g.last_asked {
                g.last_asked = r.at;
                g.question = r.question.clone();
            }
        }
        let mut list: Vec<UnansweredSummary> = groups
            .into_iter()
            .filter(|(key, g)| picked.get(key).is_none_or(|at| *at < g.last_asked))
            .map(|(_, g)| g)
            .collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then(b.last_asked.cmp(&a.last_asked)));
        list.truncate(limit);
        list
    }
}
