//! The evidence the engine weighs, as JSON lines, for `scripts/fit_confidence.py`.
//!
//! `confidence_evidence FILE.jsonl...` reads questions (`{"q": ...}` per line) and prints,
//! for each, its top candidates with their evidence. `--leave-one-out` instead asks every
//! alternate phrasing of every entry with that phrasing taken out of the knowledge: how a
//! new patient's wording of a known question looks to the engine. `--blend B` ranks with
//! another blend of the two signals than the config's.

use std::path::Path;

use faqbot::knowledge::{Knowledge, load_dir};
use faqbot::{Config, Engine};
use serde_json::{Value, json};

const TOP: usize = 6;

fn main() {
    let mut config = Config::load(Path::new("config/default.toml")).expect("config/default.toml");
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--blend") {
        config.confidence.blend = args[at + 1].parse().expect("--blend takes a number");
        args.drain(at..=at + 1);
    }
    let knowledge = load_dir(Path::new("knowledge")).expect("run from the repository root");
    if args.iter().any(|a| a == "--leave-one-out") {
        leave_one_out(&knowledge, &config);
        return;
    }
    let engine = Engine::new(knowledge, &config);
    for file in args {
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let row: Value = serde_json::from_str(line).expect("a JSON line");
            let question = row["q"].as_str().expect("a \"q\" field");
            println!(
                "{}",
                record(&engine, question, json!({ "file": file, "row": row }))
            );
        }
    }
}

fn leave_one_out(knowledge: &Knowledge, config: &Config) {
    for (e, entry) in knowledge.faq.iter().enumerate() {
        for (a, alternate) in entry.alternates.iter().enumerate() {
            let mut without = knowledge.clone();
            without.faq[e].alternates.remove(a);
            let engine = Engine::new(without, config);
            let source = json!({ "file": "leave-one-out", "entry": entry.id });
            println!("{}", record(&engine, alternate, source));
        }
    }
}

fn record(engine: &Engine, question: &str, source: Value) -> Value {
    let knowledge = engine.knowledge();
    let candidates: Vec<Value> = engine
        .explain(question, TOP)
        .into_iter()
        .map(|c| {
            let passage = knowledge.entry(c.id).map(|e| e.passage.clone());
            json!({
                "id": c.id,
                "not_covered": c.not_covered,
                "coincidental": c.coincidental,
                "passage": passage,
                "blended": c.candidate.blended,
                "features": c.evidence.values(),
                "confidence": c.confidence,
            })
        })
        .collect();
    let reply = engine.ask(question);
    json!({
        "q": question,
        "source": source,
        "kind": reply.kind(),
        "features": faqbot::engine::Evidence::NAMES,
        "candidates": candidates,
    })
}
