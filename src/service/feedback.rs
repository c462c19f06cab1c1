//! 👍 / 👎 on answers, per FAQ entry: counted in memory (for moderators and stats) and
//! appended to `<data_dir>/feedback.jsonl` (entry id, helpful, time — never who clicked).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::jsonl::{self, JsonlFile};

/// The file name under the data directory.
pub const FEEDBACK_FILE: &str = "feedback.jsonl";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRecord {
    pub at: DateTime<Utc>,
    pub entry_id: String,
    pub helpful: bool,
}

/// How an entry's answers were rated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub helpful: u64,
    pub not_helpful: u64,
}

pub struct FeedbackLog {
    tallies: Mutex<HashMap<String, Tally>>,
    file: Option<JsonlFile>,
}

impl FeedbackLog {
    /// Opens (creating) the log under `data_dir` and counts earlier records. If the
    /// directory cannot be written, feedback is still counted in memory, with a warning.
    pub fn open(data_dir: &Path) -> FeedbackLog {
        let path = data_dir.join(FEEDBACK_FILE);
        let mut tallies: HashMap<String, Tally> = HashMap::new();
        let records = jsonl::read::<FeedbackRecord>(&path).unwrap_or_else(|e| {
            tracing::warn!(path = %path.display(), error = %e, "could not read earlier feedback");
            Vec::new()
        });
        for r in records {
            count(&mut tallies, &r.entry_id, r.helpful);
        }
        let file = JsonlFile::create(&path)
            .map_err(|e| tracing::warn!(path = %path.display(), error = %e, "feedback will be kept in memory only"))
            .ok();
        FeedbackLog {
            tallies: Mutex::new(tallies),
            file,
        }
    }

    pub fn record(&self, entry_id: &str, helpful: bool) {
        let record = FeedbackRecord {
            at: Utc::now(),
            entry_id: entry_id.to_owned(),
            helpful,
        };
        if let Some(file) = &self.file
            && let Err(e) = file.append(&record)
        {
            tracing::warn!(path = %file.path().display(), error = %e, "could not append to the feedback log");
        }
        count(
            &mut self.tallies.lock().unwrap_or_else(|p| p.into_inner()),
            entry_id,
            helpful,
        );
    }

    /// How one entry has been rated so far.
    pub fn tally(&self, entry_id: &str) -> Tally {
        self.tallies
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(entry_id)
            .copied()
            .unwrap_or_default()
    }
}

fn count(tallies: &mut HashMap<String, Tally>, entry_id: &str, helpful: bool) {
    let t = tallies.entry(entry_id.to_owned()).or_default();
    if helpful {
        t.helpful += 1;
    } else {
        t.not_helpful += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_entry_and_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let log = FeedbackLog::open(dir.path());
        log.record("nhs-availability", true);
        log.record("nhs-availability", false);
        log.record("nhs-availability", true);
        assert_eq!(
            log.tally("nhs-availability"),
            Tally {
                helpful: 2,
                not_helpful: 1
            }
        );
        drop(log);
        let again = FeedbackLog::open(dir.path());
        assert_eq!(
            again.tally("nhs-availability"),
            Tally {
                helpful: 2,
                not_helpful: 1
            }
        );
        assert_eq!(again.tally("other"), Tally::default());
        let text = std::fs::read_to_string(dir.path().join(FEEDBACK_FILE)).unwrap();
        assert!(!text.contains("user"), "no one's identity is stored");
    }
}
