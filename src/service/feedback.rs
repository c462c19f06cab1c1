//! 👍 / 👎 on answers, per FAQ entry: counted in memory (for moderators and stats) and
//! appended to `<data_dir>/feedback.jsonl` (entry id, helpful, time — never who clicked).
//!
//! One vote per person per entry, which they may change: a second click on the same
//! button changes nothing, a click on the other one moves their vote. Who voted is kept
//! only in memory and only as a keyed hash (the key is random per process), so neither
//! the file nor the process holds anyone's id; after a restart a person may vote once more.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, RandomState};
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
    /// A changed vote: the rating it replaces, taken off the tally when the log is read back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<bool>,
}

/// What a click did to someone's vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vote {
    /// Their first vote on this entry: counted.
    New,
    /// They had voted the other way: their vote moved.
    Changed,
    /// They had voted the same way already: nothing changed.
    Unchanged,
}

/// How many voters are remembered before the oldest half is forgotten (memory stays
/// bounded; a forgotten voter may vote once more).
const MAX_VOTERS: usize = 100_000;

/// How an entry's answers were rated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub helpful: u64,
    pub not_helpful: u64,
}

pub struct FeedbackLog {
    tallies: Mutex<HashMap<String, Tally>>,
    /// Each voter's current vote per entry, keyed by a hash of (voter, entry) under
    /// `hasher`'s random key, with the order votes were first cast (for forgetting).
    votes: Mutex<Votes>,
    hasher: RandomState,
    file: Option<JsonlFile>,
}

#[derive(Default)]
struct Votes {
    current: HashMap<u64, (bool, u64)>,
    cast: u64,
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
            count(&mut tallies, &r.entry_id, r.helpful, r.replaces);
        }
        let file = JsonlFile::create(&path)
            .map_err(|e| tracing::warn!(path = %path.display(), error = %e, "feedback will be kept in memory only"))
            .ok();
        FeedbackLog {
            tallies: Mutex::new(tallies),
            votes: Mutex::new(Votes::default()),
            hasher: RandomState::new(),
            file,
        }
    }

    /// `voter`'s 👍 or 👎 on `entry_id` (the caller checks the entry exists): counted when
    /// it is their first on the entry, moved when they change it, ignored when repeated.
    pub fn vote(&self, voter: impl Hash, entry_id: &str, helpful: bool) -> Vote {
        let key = self.hasher.hash_one((voter, entry_id));
        let previous = {
            let mut votes = self.votes.lock().unwrap_or_else(|p| p.into_inner());
            let cast = votes.cast;
            votes.cast += 1;
            let previous = votes.current.insert(key, (helpful, cast)).map(|(v, _)| v);
            if votes.current.len() > MAX_VOTERS {
                let oldest_kept = cast - (MAX_VOTERS as u64) / 2;
                votes.current.retain(|_, (_, at)| *at >= oldest_kept);
            }
            previous
        };
        match previous {
            Some(before) if before == helpful => Vote::Unchanged,
            Some(before) => {
                self.record(entry_id, helpful, Some(before));
                Vote::Changed
            }
            None => {
                self.record(entry_id, helpful, None);
                Vote::New
            }
        }
    }

    fn record(&self, entry_id: &str, helpful: bool, replaces: Option<bool>) {
        let record = FeedbackRecord {
            at: Utc::now(),
            entry_id: entry_id.to_owned(),
            helpful,
            replaces,
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
            replaces,
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

/// Counts a vote, taking the one it `replaces` (a changed vote) off first.
fn count(
    tallies: &mut HashMap<String, Tally>,
    entry_id: &str,
    helpful: bool,
    replaces: Option<bool>,
) {
    let t = tallies.entry(entry_id.to_owned()).or_default();
    match replaces {
        Some(true) => t.helpful = t.helpful.saturating_sub(1),
        Some(false) => t.not_helpful = t.not_helpful.saturating_sub(1),
        None => {}
    }
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
        assert_eq!(log.vote(1u64, "nhs-availability", true), Vote::New);
        assert_eq!(log.vote(2u64, "nhs-availability", false), Vote::New);
        assert_eq!(log.vote(3u64, "nhs-availability", true), Vote::New);
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

    #[test]
    fn one_vote_per_person_per_entry_changeable_and_kept_across_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let log = FeedbackLog::open(dir.path());
        let voter = 600_000_000_000_000_001u64;
        for _ in 0..10 {
            log.vote(voter, "cost", true);
        }
        assert_eq!(
            log.tally("cost"),
            Tally {
                helpful: 1,
                not_helpful: 0
            }
        );
        assert_eq!(log.vote(voter, "cost", false), Vote::Changed);
        assert_eq!(log.vote(voter, "cost", false), Vote::Unchanged);
        assert_eq!(
            log.tally("cost"),
            Tally {
                helpful: 0,
                not_helpful: 1
            }
        );
        assert_eq!(log.vote(voter, "other", true), Vote::New, "per entry");
        drop(log);
        let again = FeedbackLog::open(dir.path());
        assert_eq!(
            again.tally("cost"),
            Tally {
                helpful: 0,
                not_helpful: 1
            }
        );
        assert_eq!(
            again.tally("other"),
            Tally {
                helpful: 1,
                not_helpful: 0
            }
        );
        let text = std::fs::read_to_string(dir.path().join(FEEDBACK_FILE)).unwrap();
        assert!(
            !text.contains(&voter.to_string()),
            "no voter ids on disk: {text}"
        );
        assert_eq!(text.lines().count(), 3, "repeats write nothing: {text}");
    }
}
