//! The spread of `Engine::ask` latency over messages written the way patients write: the
//! median and the tail (p99) that criterion's mean-centred report does not show.
//!
//! Run with `cargo bench --bench latency`. It asks every message of the repository's
//! question fixtures (`tests/fixtures/*-questions.jsonl`: stories, typos, two questions in
//! one, out of scope) and of the triage fixture, many rounds each after a warm-up, times
//! each call on its own, and prints percentiles over all calls. Targets (issue 11): median
//! ≤ 50 µs, p99 ≤ 500 µs on the default knowledge.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use faqbot::knowledge::load_dir;
use faqbot::{Config, Engine};

const ROUNDS: usize = 200;

fn messages() -> Vec<String> {
    let mut out = Vec::new();
    let dir = Path::new("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("run benches from the repository root")
        .map(|e| e.expect("a fixture").path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a readable fixture");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            if let Some(q) = row["q"].as_str() {
                out.push(q.to_owned());
            }
        }
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is accepted and ignored.
    let config = Config::load(Path::new("config/default.toml")).expect("config/default.toml");
    let engine = Engine::new(
        load_dir(Path::new("knowledge")).expect("knowledge/"),
        &config,
    );
    let messages = messages();
    for m in &messages {
        black_box(engine.ask(m));
    }
    let mut times = Vec::with_capacity(messages.len() * ROUNDS);
    for _ in 0..ROUNDS {
        for m in &messages {
            let start = Instant::now();
            black_box(engine.ask(black_box(m)));
            times.push(start.elapsed());
        }
    }
    times.sort_unstable();
    println!(
        "ask latency over {} messages x {ROUNDS} rounds: median {:.1?}  p90 {:.1?}  p99 {:.1?}  max {:.1?}",
        messages.len(),
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        percentile(&times, 0.99),
        times[times.len() - 1],
    );
}
