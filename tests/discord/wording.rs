//! The wording of replies: topics named as patients would know them (the sections'
//! labels), "did you mean" with one option, and knowledge texts without stray blank lines.

use std::path::Path;

use faqbot::discord::render::{self, Audience};
use faqbot::reply::{Match, Outcome, Reply, SectionRef};

use crate::helpers::*;
use crate::support::fake_discord::alice;
use crate::support::fake_discord::payloads::Place;

fn repo_knowledge() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// With the real knowledge: declines list labels (not headings), the personal-advice and
/// urgent texts have no triple blank line or trailing newline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_knowledge_replies_list_patient_topics_without_stray_blank_lines() {
    let (fake, bot) = start_bot(|c| c.knowledge_dir = repo_knowledge()).await;
    let knowledge = bot.service.engine().knowledge().clone();
    assert!(
        knowledge.article.sections.iter().all(|s| s.label.is_some()),
        "every real section has a patient-facing label"
    );
    let mut descriptions = Vec::new();
    for question in [
        "what dose of ibuprofen should i take for my back",
        "I can't control my bladder since my back went",
        "what is the capital of france",
    ] {
        let callback = ask_as(&fake, question, &alice(), Place::Dm).await;
        let d = text(&embed(&callback)["description"]).to_owned();
        assert!(!d.contains("\n\n\n"), "{question}: {d:?}");
        assert_eq!(d.trim_end(), d, "{question}: no trailing whitespace");
        descriptions.push(d);
    }
    let declined = &descriptions[0];
    assert!(declined.contains("**What I can help with:**"), "{declined}");
    for s in &knowledge.article.sections {
        assert!(declined.contains(&format!("• {}", s.topic())), "{declined}");
        if s.topic() != s.title {
            assert!(!declined.contains(&format!("• {}", s.title)), "{declined}");
        }
    }
    assert!(
        !declined.contains("future clinical integrity"),
        "{declined}"
    );
    assert_clean_and_stop(&fake, bot).await;
}

fn one_suggestion() -> Reply {
    let outcome = Outcome::Suggestions(vec![Match {
        entry_id: "does-it-hurt".into(),
        question: "Does acupuncture hurt?".into(),
        score: 0.4,
        passage: "P.".into(),
        evidence_note: None,
        section: SectionRef {
            id: "s".into(),
            title: "Section".into(),
            url: String::new(),
        },
    }]);
    plain_reply("needles", outcome, "D.")
}

#[test]
fn one_option_did_you_mean_asks_about_that_one() {
    let audience = audience(false);
    let mut reply = one_suggestion();
    let one = render::reply(&reply, &audience);
    let d = &one.embeds[0].description;
    assert!(!d.contains("which of these"), "{d}");
    assert!(d.contains("Does acupuncture hurt?"), "{d}");
    let Outcome::Suggestions(list) = &mut reply.outcome else {
        unreachable!()
    };
    let mut other = list[0].clone();
    other.entry_id = "side-effects".into();
    other.question = "Does it have side effects?".into();
    list.push(other);
    let two = render::reply(&reply, &audience);
    assert!(two.embeds[0].description.contains("which of these"));
}

#[test]
fn knowledge_texts_ending_in_a_newline_leave_no_gap() {
    let audience = Audience {
        topics: vec!["Is it safe?".into()],
        ..audience(false)
    };
    let reply = |outcome| plain_reply("q", outcome, "D.");
    let advice = render::reply(
        &reply(Outcome::NoMatch {
            reason: faqbot::reply::NoMatchReason::PersonalAdvice,
            message: "Ask your GP.\n".into(),
        }),
        &audience,
    );
    assert!(
        advice.embeds[0]
            .description
            .starts_with("Ask your GP.\n\n**What I can help with:**"),
        "{}",
        advice.embeds[0].description
    );
    let urgent = render::reply(
        &reply(Outcome::Urgent(faqbot::reply::Urgent {
            kind: faqbot::reply::UrgentKind::RedFlag,
            rule_id: "r".into(),
            title: "T".into(),
            message: "Call 999.\n".into(),
            steps: Vec::new(),
            mentioned: Vec::new(),
            note: String::new(),
        })),
        &audience,
    );
    assert_eq!(urgent.embeds[0].description, "Call 999.");
}

/// Labels are checked like everything else in the knowledge: said, short enough for a
/// button, one per topic — each problem with its file and line.
#[test]
fn bad_section_labels_are_refused_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    for file in ["article.toml", "faq.toml", "synonyms.toml", "triage.toml"] {
        std::fs::copy(repo_knowledge().join(file), dir.path().join(file)).unwrap();
    }
    let path = dir.path().join("article.toml");
    let original = std::fs::read_to_string(&path).unwrap();
    let labels: Vec<&str> = original
        .lines()
        .filter(|l| l.starts_with("label = "))
        .collect();
    assert!(labels.len() >= 3);
    for (broken, problem) in [
        (labels[0].to_owned(), "duplicate section label"),
        ("label = \"\"".to_owned(), "section label must not be empty"),
        (format!("label = \"{}\"", "x".repeat(81)), "at most 80"),
    ] {
        let text = original.replacen(labels[1], &broken, 1);
        std::fs::write(&path, &text).unwrap();
        let line = text
            .lines()
            .enumerate()
            .filter(|(_, l)| *l == broken)
            .map(|(i, _)| i + 1)
            .last()
            .unwrap();
        let errors = faqbot::knowledge::load_dir(dir.path()).expect_err(problem);
        let shown: Vec<String> = errors.0.iter().map(|e| e.to_string()).collect();
        assert!(
            shown
                .iter()
                .any(|e| e.contains(&format!("article.toml:{line}:")) && e.contains(problem)),
            "{problem} at line {line}: {shown:?}"
        );
    }
}
