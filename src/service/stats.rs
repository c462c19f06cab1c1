//! Counters for operators (`/metrics`): what was asked, how it was answered, how long
//! matching took. Lock-free, so counting never slows an answer.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Duration;

use crate::reply::{Outcome, Reply};

/// Upper bounds (in microseconds) of the matching-latency histogram buckets.
pub const LATENCY_BUCKETS_US: [u64; 8] = [10, 25, 50, 100, 250, 1_000, 10_000, 100_000];

#[derive(Debug, Default)]
pub struct Stats {
    pub questions: AtomicU64,
    pub answers: AtomicU64,
    pub suggestions: AtomicU64,
    pub no_match: AtomicU64,
    pub urgent: AtomicU64,
    pub moderator_edits: AtomicU64,
    pub feedback_up: AtomicU64,
    pub feedback_down: AtomicU64,
    /// Cumulative counts per bucket of [`LATENCY_BUCKETS_US`], then +Inf.
    latency_buckets: [AtomicU64; LATENCY_BUCKETS_US.len() + 1],
    latency_sum_us: AtomicU64,
}

/// A consistent-enough copy of the counters for rendering.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatsSnapshot {
    pub questions: u64,
    pub answers: u64,
    pub suggestions: u64,
    pub no_match: u64,
    pub urgent: u64,
    pub moderator_edits: u64,
    pub feedback_up: u64,
    pub feedback_down: u64,
    /// Cumulative bucket counts, the last being +Inf (= all observations).
    pub latency_buckets: Vec<u64>,
    pub latency_sum_us: u64,
}

impl Stats {
    pub fn record_reply(&self, reply: &Reply, took: Duration) {
        self.questions.fetch_add(1, Relaxed);
        let counter = match reply.outcome {
            Outcome::Answer(_) => &self.answers,
            Outcome::Suggestions(_) => &self.suggestions,
            Outcome::NoMatch { .. } => &self.no_match,
            Outcome::Urgent(_) => &self.urgent,
        };
        counter.fetch_add(1, Relaxed);
        let us = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        self.latency_sum_us.fetch_add(us, Relaxed);
        for (i, bound) in LATENCY_BUCKETS_US.iter().enumerate() {
            if us <= *bound {
                self.latency_buckets[i].fetch_add(1, Relaxed);
            }
        }
        self.latency_buckets[LATENCY_BUCKETS_US.len()].fetch_add(1, Relaxed);
    }

    pub fn record_edit(&self) {
        self.moderator_edits.fetch_add(1, Relaxed);
    }

    pub fn record_feedback(&self, helpful: bool) {
        let counter = if helpful {
            &self.feedback_up
        } else {
            &self.feedback_down
        };
        counter.fetch_add(1, Relaxed);
    }

    pub fn snapshot(&self) -> StatsSnapshot {
        StatsSnapshot {
            questions: self.questions.load(Relaxed),
            answers: self.answers.load(Relaxed),
            suggestions: self.suggestions.load(Relaxed),
            no_match: self.no_match.load(Relaxed),
            urgent: self.urgent.load(Relaxed),
            moderator_edits: self.moderator_edits.load(Relaxed),
            feedback_up: self.feedback_up.load(Relaxed),
            feedback_down: self.feedback_down.load(Relaxed),
            latency_buckets: self
                .latency_buckets
                .iter()
                .map(|b| b.load(Relaxed))
                .collect(),
            latency_sum_us: self.latency_sum_us.load(Relaxed),
        }
    }
}
