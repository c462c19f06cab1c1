//! Speed of answering: `Engine::ask` on the default knowledge and on a generated FAQ of
//! 10,000 entries, and the cost of loading and indexing the default knowledge.
//!
//! Run with `cargo bench --bench ask`. Targets (issue 2): median under 20 µs per question
//! on the default knowledge, under 300 µs at 10,000 entries, load + index under 20 ms.
//! Triage alone (issue 10): under 10 µs per message, on typical and long messages.
//! The `hostile-length` group (issue 12) asks pastes of 100 to 100,000 characters and
//! reports the time per input character, which must stay flat: the engine is linear.

use std::hint::black_box;
use std::path::Path;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use faqbot::knowledge::{Entry, Knowledge, load_dir};
use faqbot::{Config, Engine};

/// A mix of what patients send: answers, typos, lay words, out of scope, red flags.
const QUESTIONS: &[&str] = &[
    "does acupuncture work for a bad back",
    "is accupuncture on the nhs",
    "what did nice decide about needles for lbp",
    "is fake acupuncture as good as the real thing",
    "how much does back pain cost the health service every year",
    "can acupuncture help my migraines",
    "I have numbness around my groin and back pain",
    "what is the evidence from randomized trials",
];

/// Messages as triage sees them: short and long, clean and misspelt, calm and urgent.
const TRIAGE_MESSAGES: &[&str] = &[
    "does acupuncture work for a bad back",
    "no numbness, no fever or weakness, just stiff in the mornings. how many sessions?",
    "cnt wee since lst nite and my bak is killin me",
    "I had a car accident years ago, fully recovered, but my back still gets stiff at work",
    "what is cauda equina?",
    "My back has been bad for months. I've tried physio, massage and two lots of tablets \
     and nothing helps. My GP says it's muscular. Would acupuncture be worth a go, or is it \
     just a placebo? I'm not suicidal or anything, just fed up.",
];

fn default_knowledge() -> Knowledge {
    load_dir(Path::new("knowledge")).expect("run benches from the repository root")
}

/// The default knowledge plus synthetic entries up to `total`, built from the article's
/// own words so term statistics stay realistic. Deterministic (a fixed LCG).
fn generated_knowledge(total: usize) -> Knowledge {
    let mut k = default_knowledge();
    let vocabulary: Vec<String> = k
        .article
        .sections
        .iter()
        .flat_map(|s| s.paragraphs.iter())
        .flat_map(|p| faqbot::engine::words(p))
        .filter(|w| w.len() > 3)
        .collect();
    let sentences: Vec<(String, String)> = k
        .faq
        .iter()
        .map(|e| (e.section.clone(), e.passage.clone()))
        .collect();
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let phrase = |len: usize, next: &mut dyn FnMut(usize) -> usize| {
        (0..len)
            .map(|_| vocabulary[next(vocabulary.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut i = 0;
    while k.faq.len() < total {
        let (section, passage) = sentences[next(sentences.len())].clone();
        let question = format!("{}?", phrase(6, &mut next));
        let alternates = (0..6).map(|_| phrase(5, &mut next)).collect();
        k.faq.push(Entry {
            id: format!("generated-{i}"),
            section,
            question,
            alternates,
            passage,
            tags: Vec::new(),
            evidence_note: None,
            summary: false,
        });
        i += 1;
    }
    k
}

fn bench(c: &mut Criterion) {
    let config = Config::default();
    let engine = Engine::new(default_knowledge(), &config);
    c.bench_function("ask/default", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % QUESTIONS.len();
            black_box(engine.ask(black_box(QUESTIONS[i])))
        })
    });

    c.bench_function("triage/default", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % TRIAGE_MESSAGES.len();
            black_box(engine.triage(black_box(TRIAGE_MESSAGES[i])))
        })
    });

    let big = Engine::new(generated_knowledge(10_000), &config);
    c.bench_function("ask/10k-entries", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % QUESTIONS.len();
            black_box(big.ask(black_box(QUESTIONS[i])))
        })
    });

    c.bench_function("load+index/default", |b| {
        b.iter(|| black_box(Engine::new(default_knowledge(), &config)))
    });
}

/// Pastes of `chars` characters of the kinds that once cost quadratic time: prose, one
/// long unknown word, and compatibility characters that fold into longer words.
fn hostile_inputs(chars: usize) -> Vec<(&'static str, String)> {
    let fill = |unit: &str| -> String { unit.chars().cycle().take(chars).collect() };
    vec![
        (
            "prose",
            fill("my bad back hurts, would acupuncture on the nhs help? "),
        ),
        ("one-word", fill("acupuncturx")),
        (
            "km-squared",
            format!("a{}", fill("㌖").chars().skip(1).collect::<String>()),
        ),
        ("ffl-ligature", fill("ﬄ")),
        ("red-flag", fill("I cannot feel my saddle area and ")),
    ]
}

/// Time per input character from 100 to 100,000 characters: flat if the engine is linear.
fn hostile_length(c: &mut Criterion) {
    let engine = Engine::new(default_knowledge(), &Config::default());
    let mut group = c.benchmark_group("hostile-length");
    group.sample_size(10);
    group.warm_up_time(std::time::Duration::from_millis(300));
    group.measurement_time(std::time::Duration::from_secs(1));
    for chars in [100, 1_000, 10_000, 100_000] {
        group.throughput(Throughput::Elements(chars as u64));
        for (kind, text) in hostile_inputs(chars) {
            group.bench_with_input(BenchmarkId::new(kind, chars), &text, |b, text| {
                b.iter(|| black_box(engine.ask(black_box(text))))
            });
            group.bench_with_input(
                BenchmarkId::new(format!("{kind}/autocomplete"), chars),
                &text,
                |b, text| b.iter(|| black_box(engine.autocomplete(black_box(text), 25).len())),
            );
        }
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_group!(length, hostile_length);
criterion_main!(benches, length);
