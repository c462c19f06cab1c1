//! Questions the FAQ did not answer (no match, or suggestions nobody picked), kept for
//! moderators as an aggregate: one group per normalised (folded) question, with how often
//! and when it was last asked. Only the text, counts and times are stored — never who
//! asked.
//!
//! The queue is bounded, because anyone can add to it: at most `unanswered.max_questions`
//! groups (the least recently asked give way), none older than
//! `unanswered.retention_days`. Each question is appended to
//! `<data_dir>/unanswered.jsonl` so it survives restarts; the file is rewritten as the
//! aggregate (one line per group) on start-up and whenever it has grown past a few times
//! the cap, so it stays as bounded as the queue.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::config::UnansweredConfig;
use crate::jsonl::{self, JsonlFile};
use crate::knowledge::fold;

/// The file name under the data directory.
pub const UNANSWERED_FILE: &str = "unanswered.jsonl";

/// One line of the file: a question asked (`count` 1), or a group when the file was
/// rewritten as the aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnansweredRecord {
    pub at: DateTime<Utc>,
    pub question: String,
    /// `no_match`, `suggestions`, or `picked` (a suggestion was chosen after all).
    pub outcome: String,
    /// How many times it was asked (lines written before aggregation have none: 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// Questions grouped by their folded text, for moderators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnansweredSummary {
    /// The most recent wording.
    pub question: String,
    pub count: usize,
    pub last_asked: DateTime<Utc>,
}

/// One group of the aggregate.
#[derive(Debug, Clone)]
struct Group {
    summary: UnansweredSummary,
    /// When one of its suggestions was last picked: it is answered unless asked since.
    picked: Option<DateTime<Utc>>,
}

impl Group {
    fn is_open(&self) -> bool {
        self.picked.is_none_or(|at| at < self.summary.last_asked)
    }
}

struct Queue {
    groups: HashMap<String, Group>,
    /// Lines appended since the file was last rewritten.
    appended: usize,
}

pub struct UnansweredLog {
    path: Option<PathBuf>,
    limits: UnansweredConfig,
    queue: Mutex<Queue>,
    file: Option<JsonlFile>,
}

impl UnansweredLog {
    /// Opens (creating) the log under `data_dir`, reads back earlier records into the
    /// aggregate and rewrites the file as it. If the directory cannot be written the log
    /// still works in memory, with a warning.
    pub fn open(data_dir: &Path, limits: &UnansweredConfig) -> UnansweredLog {
        let path = data_dir.join(UNANSWERED_FILE);
        let records: Vec<UnansweredRecord> = jsonl::read(&path).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), error = %e, "could not read earlier unanswered questions");
            Vec::new()
        });
        let file = JsonlFile::create(&path)
            .map_err(|e| tracing::warn!(path = %path.display(), error = %e, "unanswered questions will be kept in memory only"))
            .ok();
        let log = UnansweredLog {
            path: Some(path),
            limits: limits.clone(),
            queue: Mutex::new(Queue {
                groups: HashMap::new(),
                appended: 0,
            }),
            file,
        };
        let read = records.len();
        {
            let mut queue = log.lock();
            for record in records {
                log.add(&mut queue, record);
            }
            log.expire(&mut queue, Utc::now());
            if read > queue.groups.len() {
                log.rewrite(&mut queue);
            }
        }
        log
    }

    /// A log that never touches disk (tests, one-off runs).
    pub fn in_memory() -> UnansweredLog {
        UnansweredLog {
            path: None,
            limits: UnansweredConfig::default(),
            queue: Mutex::new(Queue {
                groups: HashMap::new(),
                appended: 0,
            }),
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
            count: 1,
        };
        let mut queue = self.lock();
        if let Some(file) = &self.file {
            match file.append(&record) {
                Ok(()) => queue.appended += 1,
                Err(e) => {
                    tracing::warn!(path = %file.path().display(), error = %e, "could not append to the unanswered log")
                }
            }
        }
        let at = record.at;
        self.add(&mut queue, record);
        if queue.appended > self.limits.max_questions.max(100) * 4 {
            self.expire(&mut queue, at);
            self.rewrite(&mut queue);
        }
    }

    /// Marks a question whose suggestion someone picked, so it stops counting as unanswered.
    pub fn record_picked(&self, question: &str) {
        self.record(question, "picked");
    }

    /// The most frequent unanswered questions, most asked first, then most recent.
    pub fn top(&self, limit: usize) -> Vec<UnansweredSummary> {
        let queue = self.lock();
        let mut list: Vec<UnansweredSummary> = queue
            .groups
            .values()
            .filter(|g| g.is_open())
            .map(|g| g.summary.clone())
            .collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then(b.last_asked.cmp(&a.last_asked)));
        list.truncate(limit);
        list
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Counts one record into its group, making room under the cap for a new one.
    fn add(&self, queue: &mut Queue, r: UnansweredRecord) {
        let key = fold(&r.question);
        if r.outcome == "picked" {
            if let Some(g) = queue.groups.get_mut(&key) {
                g.picked = g.picked.max(Some(r.at));
            }
            return;
        }
        if !queue.groups.contains_key(&key) && queue.groups.len() >= self.limits.max_questions {
            let oldest = queue
                .groups
                .iter()
                .min_by_key(|(_, g)| g.summary.last_asked)
                .map(|(k, _)| k.clone());
            if let Some(oldest) = oldest {
                queue.groups.remove(&oldest);
            }
        }
        let g = queue.groups.entry(key).or_insert_with(|| Group {
            summary: UnansweredSummary {
                question: r.question.clone(),
                count: 0,
                last_asked: r.at,
            },
            picked: None,
        });
        g.summary.count += r.count;
        if r.at >= g.summary.last_asked {
            g.summary.last_asked = r.at;
            g.summary.question = r.question;
        }
    }

    /// Forgets groups not asked within the retention period, and answered ones.
    fn expire(&self, queue: &mut Queue, now: DateTime<Utc>) {
        let days = i64::try_from(self.limits.retention_days).unwrap_or(i64::MAX);
        let cutoff = Duration::try_days(days).and_then(|d| now.checked_sub_signed(d));
        queue.groups.retain(|_, g| {
            g.is_open() && cutoff.is_none_or(|cutoff| g.summary.last_asked >= cutoff)
        });
    }

    /// Replaces the file with the aggregate, one line per group.
    fn rewrite(&self, queue: &mut Queue) {
        let Some(file) = &self.file else { return };
        let records: Vec<UnansweredRecord> = queue
            .groups
            .values()
            .map(|g| UnansweredRecord {
                at: g.summary.last_asked,
                question: g.summary.question.clone(),
                outcome: "no_match".to_owned(),
                count: g.summary.count,
            })
            .collect();
        match file.replace_all(&records) {
            Ok(()) => queue.appended = 0,
            Err(e) => {
                tracing::warn!(path = %file.path().display(), error = %e, "could not rewrite the unanswered log")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max_questions: usize, retention_days: u64) -> UnansweredConfig {
        UnansweredConfig {
            max_questions,
            retention_days,
        }
    }

    #[test]
    fn counts_per_folded_question_and_survives_a_restart_as_the_aggregate() {
        let dir = tempfile::tempdir().unwrap();
        let log = UnansweredLog::open(dir.path(), &limits(100, 30));
        for q in [
            "Does it cure migraines?",
            "does it CURE migraines",
            "Can cats?",
        ] {
            log.record(q, "no_match");
        }
        let top = log.top(10);
        assert_eq!(top.len(), 2);
        assert_eq!(
            (top[0].question.as_str(), top[0].count),
            ("does it CURE migraines", 2)
        );
        drop(log);
        let again = UnansweredLog::open(dir.path(), &limits(100, 30));
        assert_eq!(again.top(10), top);
        let lines = std::fs::read_to_string(dir.path().join(UNANSWERED_FILE)).unwrap();
        assert_eq!(
            lines.lines().count(),
            2,
            "rewritten as one line per group: {lines}"
        );
    }

    #[test]
    fn the_queue_and_its_file_stay_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let log = UnansweredLog::open(dir.path(), &limits(10, 30));
        for n in 0..2_000 {
            log.record(&format!("question number {n}"), "no_match");
        }
        log.record("question number 1999", "no_match");
        let top = log.top(100);
        assert_eq!(top.len(), 10, "at most the cap");
        assert_eq!(top[0].question, "question number 1999");
        assert_eq!(top[0].count, 2);
        let lines = std::fs::read_to_string(dir.path().join(UNANSWERED_FILE)).unwrap();
        assert!(
            lines.lines().count() <= 10 + 400 + 1,
            "{}",
            lines.lines().count()
        );
    }

    #[test]
    fn old_questions_expire_and_picked_ones_leave_until_asked_again() {
        let dir = tempfile::tempdir().unwrap();
        let old = UnansweredRecord {
            at: Utc::now() - Duration::days(40),
            question: "an old question".into(),
            outcome: "no_match".into(),
            count: 3,
        };
        let recent = UnansweredRecord {
            at: Utc::now() - Duration::days(1),
            question: "a recent question".into(),
            outcome: "no_match".into(),
            count: 1,
        };
        let file = JsonlFile::new(dir.path().join(UNANSWERED_FILE));
        file.append(&old).unwrap();
        file.append(&recent).unwrap();
        let log = UnansweredLog::open(dir.path(), &limits(100, 30));
        let top = log.top(10);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].question, "a recent question");

        log.record_picked("A recent question!");
        assert!(log.top(10).is_empty(), "answered by a pick");
        log.record("a recent question", "no_match");
        assert_eq!(log.top(10)[0].count, 2, "asked again: back, with its count");
    }

    #[test]
    fn a_corrupt_line_loses_only_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(UNANSWERED_FILE);
        let good = r#"{"at":"2026-01-01T00:00:00Z","question":"q one","outcome":"no_match"}"#;
        let mut bytes = format!("{good}\n").into_bytes();
        bytes.extend_from_slice(b"{\"at\":\"\xff\"}\n");
        bytes.extend_from_slice(good.replace("q one", "q two").as_bytes());
        bytes.push(b'\n');
        std::fs::write(&path, bytes).unwrap();
        let log = UnansweredLog::open(dir.path(), &limits(100, 100_000));
        assert_eq!(log.top(10).len(), 2);
    }
}
