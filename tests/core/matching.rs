//! Matching quality on the shipped knowledge and config, measured the way patients ask:
//! every phrasing reaches its own entry, questions the FAQ has never seen (our own set and
//! a leave-one-out over the alternates) mostly get the right answer and rarely a wrong one.

use std::path::Path;

use faqbot::reply::{NoMatchReason, Outcome};
use faqbot::{Config, Engine, Knowledge};

use crate::support::knowledge::repo_knowledge;

/// The shipped `config/default.toml`: quality is judged with the thresholds operators get.
fn shipped_config() -> Config {
    Config::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("config/default.toml"))
        .expect("config/default.toml loads")
}

fn answered_id(engine: &Engine, question: &str) -> Option<String> {
    match engine.ask(question).outcome {
        Outcome::Answer(m) => Some(m.entry_id),
        _ => None,
    }
}

/// Asserts that `question` gets no FAQ answer (nor suggestions), naming what it got.
fn assert_declined(engine: &Engine, question: &str) {
    let reply = engine.ask(question);
    assert!(
        matches!(reply.outcome, Outcome::NoMatch { .. }),
        "{question:?} got {} {:?}",
        reply.kind(),
        reply.to_json().get("entry_id")
    );
}

/// Asserts that `reference` is answered and that every one of `variants` gets the same
/// entry.
fn assert_same_entry(engine: &Engine, reference: &str, variants: &[&str]) {
    let expected = answered_id(engine, reference);
    assert!(expected.is_some(), "{reference:?} is not answered");
    for variant in variants {
        assert_eq!(answered_id(engine, variant), expected, "{variant:?}");
    }
}

#[test]
fn every_question_and_alternate_answers_its_own_entry() {
    let knowledge = repo_knowledge();
    let engine = Engine::new(knowledge.clone(), &shipped_config());
    let mut wrong = Vec::new();
    for entry in &knowledge.faq {
        for phrasing in std::iter::once(&entry.question).chain(&entry.alternates) {
            let got = answered_id(&engine, phrasing);
            if got.as_deref() != Some(entry.id.as_str()) {
                wrong.push(format!("{phrasing:?} -> {got:?}, want {}", entry.id));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} phrasings miss their entry:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[derive(serde::Deserialize)]
struct Case {
    q: String,
    expect: String,
    #[serde(default)]
    entries: Vec<String>,
}

/// The cases of a question fixture, one JSON object a line.
fn cases(jsonl: &str) -> Vec<Case> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Questions written the way patients write, none of them copied into the FAQ.
#[test]
fn patient_questions_get_the_right_kind_of_reply() {
    let cases = cases(include_str!("../fixtures/patient-questions.jsonl"));
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    let (mut answers, mut answers_ok, mut nones, mut nones_ok) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for case in &cases {
        let reply = engine.ask(&case.q);
        assert!(!reply.disclaimer.trim().is_empty());
        let ok = match case.expect.as_str() {
            "urgent" => {
                assert!(
                    matches!(reply.outcome, Outcome::Urgent(_)),
                    "red flag missed: {:?} -> {}",
                    case.q,
                    reply.kind()
                );
                true
            }
            "none" => {
                nones += 1;
                let ok = matches!(reply.outcome, Outcome::NoMatch { .. });
                nones_ok += usize::from(ok);
                ok
            }
            "answer" => {
                answers += 1;
                let ok = matches!(&reply.outcome, Outcome::Answer(m) if case.entries.contains(&m.entry_id));
                answers_ok += usize::from(ok);
                ok
            }
            other => panic!("unknown expectation {other}"),
        };
        if !ok {
            misses.push(format!(
                "{:?} -> {} {:?}",
                case.q,
                reply.kind(),
                reply.to_json().get("entry_id")
            ));
        }
    }
    eprintln!(
        "answers {answers_ok}/{answers}, out of scope {nones_ok}/{nones}\nmisses:\n{}",
        misses.join("\n")
    );
    assert!(
        answers_ok * 100 >= answers * 85,
        "answers {answers_ok}/{answers}:\n{}",
        misses.join("\n")
    );
    assert!(
        nones_ok * 100 >= nones * 90,
        "out of scope {nones_ok}/{nones}:\n{}",
        misses.join("\n")
    );
}

/// Out-of-scope messages of the kinds patients send (other conditions, what happens at a
/// session, medicines, children, other treatments, small talk): `tests/fixtures/
/// out-of-scope-probes.jsonl`, written on 2026-12-03 to probe the not-covered topics, and
/// not in the confidence fit. A few are still answered (3 of 79: a child's age in years, a
/// GP's private referral, colds and the immune system), so this keeps the number from
/// growing while that gap is open.
#[test]
fn out_of_scope_probes_are_mostly_declined() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    let answered: Vec<String> = cases(include_str!("../fixtures/out-of-scope-probes.jsonl"))
        .into_iter()
        .inspect(|case| assert_eq!(case.expect, "none", "{:?}", case.q))
        .filter_map(|case| match engine.ask(&case.q).outcome {
            Outcome::Answer(m) => Some(format!("{:?} -> {}", case.q, m.entry_id)),
            _ => None,
        })
        .collect();
    assert!(
        answered.len() <= 4,
        "{} out-of-scope probes answered:\n{}",
        answered.len(),
        answered.join("\n")
    );
}

/// Each alternate phrasing in turn is removed from the FAQ and asked as a new question: a
/// stand-in for the wordings patients will use that nobody wrote down. A wrong confident
/// answer is worse than none, so wrong answers are held lowest.
#[test]
fn unseen_phrasings_are_rarely_answered_wrongly() {
    let knowledge = repo_knowledge();
    let config = shipped_config();
    let (mut right, mut wrong, mut total) = (0usize, 0usize, 0usize);
    let mut wrong_list = Vec::new();
    for (e, entry) in knowledge.faq.iter().enumerate() {
        for a in 0..entry.alternates.len() {
            let mut held_out: Knowledge = knowledge.clone();
            let phrasing = held_out.faq[e].alternates.remove(a);
            let engine = Engine::new(held_out, &config);
            total += 1;
            match engine.ask(&phrasing).outcome {
                Outcome::Answer(m) if m.passage == entry.passage => right += 1,
                Outcome::Answer(m) => {
                    wrong += 1;
                    wrong_list.push(format!(
                        "{phrasing:?} -> {} (want {})",
                        m.entry_id, entry.id
                    ));
                }
                _ => {}
            }
        }
    }
    eprintln!(
        "leave-one-out: {right}/{total} right, {wrong} wrong\n{}",
        wrong_list.join("\n")
    );
    assert!(
        right * 100 >= total * 65,
        "only {right}/{total} unseen phrasings answered right"
    );
    // 8 % before the semantic signal; the fitted confidence trades a little here for many
    // more right answers to messages as patients write them (README, "Measured").
    assert!(
        wrong * 100 <= total * 9,
        "{wrong}/{total} unseen phrasings answered wrongly:\n{}",
        wrong_list.join("\n")
    );
}

#[test]
fn out_of_scope_and_personal_advice_are_told_apart() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    let reason = |q: &str| match engine.ask(q).outcome {
        Outcome::NoMatch { reason, .. } => Some(reason),
        _ => None,
    };
    assert_eq!(
        reason("does acupuncture help migraines?"),
        Some(NoMatchReason::OutOfScope)
    );
    assert_eq!(
        reason("is acupuncture painful"),
        Some(NoMatchReason::OutOfScope)
    );
    assert_eq!(
        reason("how much ibuprofen should I take?"),
        Some(NoMatchReason::PersonalAdvice)
    );
    assert_eq!(
        reason("what's wrong with my back?"),
        Some(NoMatchReason::PersonalAdvice)
    );
    assert_eq!(reason("   "), Some(NoMatchReason::Empty));
    assert_eq!(reason("🙂🙂"), Some(NoMatchReason::Empty));
}

#[test]
fn greetings_thanks_and_help_get_what_the_bot_does_not_a_passage() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    for chat in [
        "hi",
        "Hello there! 👋",
        "thanks!",
        "thank you so much",
        "help",
        "can you help me?",
        "what can you do?",
        "who are you, are you a bot",
        "good morning everyone",
    ] {
        let reply = engine.ask(chat);
        match reply.outcome {
            Outcome::NoMatch {
                reason: NoMatchReason::SmallTalk,
                message,
            } => assert!(
                message.contains("acupuncture for back pain"),
                "{chat}: {message}"
            ),
            other => panic!("{chat:?} should be small talk, got {other:?}"),
        }
        assert!(!reply.disclaimer.trim().is_empty());
    }
    // One topic word makes it a question; a red flag is still urgent.
    for question in [
        "help, does acupuncture work for back pain?",
        "thanks, is it on the nhs",
    ] {
        assert!(
            matches!(engine.ask(question).outcome, Outcome::Answer(_)),
            "{question}"
        );
    }
    assert!(matches!(
        engine
            .ask("help, I can't feel my legs and I've wet myself")
            .outcome,
        Outcome::Urgent(_)
    ));
}

#[test]
fn pasted_invisible_characters_and_run_together_words_reach_the_same_entry() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    assert_same_entry(
        &engine,
        "does acupuncture help back pain",
        &[
            "does acu\u{ad}puncture help back pain",
            "\u{feff}does acu\u{200b}puncture help back\u{200d} pain",
            "does acupuncture help backpain",
        ],
    );
    assert_same_entry(
        &engine,
        "does acupuncture help lower back pain",
        &[
            "does acupuncture help lowerback pain",
            "does acupuncture help lowerbackpain",
        ],
    );
}

#[test]
fn topics_the_article_does_not_cover_are_declined_with_a_pointer() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    // Close in words to "how much does back pain cost the NHS", but about something the
    // article never says: declined, with where to look instead.
    let reply = engine.ask("how much does an acupuncture session cost?");
    let Outcome::NoMatch { reason, message } = reply.outcome else {
        panic!("a session price is not in the article: {}", reply.kind());
    };
    assert_eq!(reason, NoMatchReason::OutOfScope);
    assert!(message.contains("does not give prices"), "{message}");
    // The neighbouring question the article does answer still gets its answer.
    assert_eq!(
        answered_id(&engine, "how much does back pain cost the NHS?").as_deref(),
        Some("nhs-cost-of-back-pain")
    );
    // Never offered as a "did you mean" choice.
    for q in ["acupuncture cost", "needles sessions", "safe acupuncture"] {
        if let Outcome::Suggestions(list) = engine.ask(q).outcome {
            let knowledge = repo_knowledge();
            assert!(
                list.iter().all(|m| knowledge.entry(&m.entry_id).is_some()),
                "{q}"
            );
        }
    }
}

#[test]
fn typos_lay_words_and_spellings_reach_the_same_entry() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    assert_same_entry(
        &engine,
        "can I get acupuncture on the NHS",
        &[
            "can i get accupuncture on the nhs",
            "can I get needles on the national health service",
            "acupunture nhs",
        ],
    );
    assert_same_entry(
        &engine,
        "what did the randomised controlled trials find",
        &["what did the randomized controlled trials find"],
    );
}

#[test]
fn ambiguous_questions_offer_suggestions_within_the_configured_bounds() {
    // With a band between the thresholds (the fitted one is narrow), questions close to
    // several entries get suggestions: distinct passages, at most max_suggestions, each at
    // least suggest_at confident.
    let mut config = shipped_config();
    config.confidence.answer_at = 0.9;
    config.confidence.suggest_at = 0.5;
    let engine = Engine::new(repo_knowledge(), &config);
    // Lexical scores are calibrated: an exact phrasing scores 1, and every score is within 0..1.
    let ranked = engine.rank("What is sham acupuncture?", 5);
    assert!((ranked[0].1 - 1.0).abs() < 1e-6, "{ranked:?}");
    assert!(ranked.iter().all(|(_, s)| (0.0..=1.0).contains(s)));
    let mut offered = 0;
    for q in [
        "acupuncture research",
        "exercise",
        "which treatments does nice not recommend",
    ] {
        if let Outcome::Suggestions(list) = engine.ask(q).outcome {
            offered += 1;
            assert!(!list.is_empty() && list.len() <= config.matching.max_suggestions);
            assert!(
                list.iter().all(|m| m.score >= config.confidence.suggest_at),
                "{q:?}: {list:?}"
            );
            let mut passages: Vec<_> = list.iter().map(|m| &m.passage).collect();
            passages.sort();
            passages.dedup();
            assert_eq!(
                passages.len(),
                list.len(),
                "suggestions repeat a passage for {q:?}"
            );
        }
    }
    assert!(
        offered >= 2,
        "only {offered} of 3 ambiguous questions got suggestions"
    );
}

/// The question is often one sentence of a story, or one of several questions: each
/// sentence is read on its own as well as the whole message.
#[test]
fn a_question_buried_in_a_story_or_among_others_is_still_answered() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    let cases = [
        (
            "will the needles sting? also is there proof it helps a bad back",
            "does-acupuncture-work",
        ),
        (
            "my mum has had sciatica for years. would acupuncture help her?",
            "does-acupuncture-work",
        ),
        // A negative question is not a denial set aside like "no numbness": before, the
        // first sentence was dropped and nothing was left to match.
        (
            "isn't it all just placebo tho. be honest with me",
            "just-a-placebo",
        ),
    ];
    for (question, want) in cases {
        assert_eq!(
            answered_id(&engine, question).as_deref(),
            Some(want),
            "{question:?}"
        );
    }
}

/// When one sentence asks about a topic the article does not cover, another sentence
/// that asks something it does cover is answered; a sentence that only tells (context
/// after the question) is not taken for a question of its own.
#[test]
fn the_covered_question_beside_a_declined_one_is_answered_but_context_is_not() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    let covered = answered_id(
        &engine,
        "how much is a session? and does acupuncture work for chronic back pain?",
    );
    assert!(covered.is_some(), "the second question is covered");
    for told in [
        "is acupuncture safe in pregnancy? 28 weeks and my lower back is killing me",
        "how much does a session cost. my lower back pain has been chronic for years",
    ] {
        assert_declined(&engine, told);
    }
}

/// Chat that shares one everyday word with one alternate ("last", "see") and nothing of
/// its meaning is not answered with that alternate's passage; a question whose everyday
/// words are what the FAQ is about still is.
#[test]
fn chat_sharing_only_an_everyday_word_with_one_alternate_is_not_answered() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    for chat in [
        "who won the match last night?",
        "see you all later, off to watch the game",
    ] {
        assert_declined(&engine, chat);
    }
    assert_eq!(
        answered_id(&engine, "how long does the improvement last?").as_deref(),
        Some("how-long-improvement-lasts")
    );
}

/// A sentence that only reacts to the one before ("true?", "it seems to say both lol")
/// shares one word with the knowledge at most: read alone, that word would pick the entry.
#[test]
fn a_reaction_to_the_sentence_before_does_not_pick_the_answer() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    for (question, not_this) in [
        (
            "my mate reckons acupuncture makes your body release endorphins or something. true?",
            "true-vs-non-true-debate",
        ),
        (
            "I'm confused, does the article say acupuncture works or not? it seems to say both lol",
            "chinese-origins",
        ),
    ] {
        let answered = answered_id(&engine, question);
        assert_ne!(answered.as_deref(), Some(not_this), "{question:?}");
    }
}

/// A covered sentence beside a declined one is answered only when it is not, read alone,
/// about an uncovered topic too: "any risks?" after a question on side effects is the same
/// question, not one for the entry that mentions a risk.
#[test]
fn a_second_sentence_on_the_same_uncovered_topic_is_not_answered_from_another_entry() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    let question = "what are the side effects? any risks to know about?";
    assert_declined(&engine, question);
}

/// Therapies and conditions the article never discusses decline, even beside words it
/// does use ("back pain", "needles"): the semantic signal must not carry them to the
/// nearest passage.
#[test]
fn topic_words_the_article_never_covers_still_decline() {
    let engine = Engine::new(repo_knowledge(), &shipped_config());
    for question in [
        "is yoga good for lower back pain?",
        "would pilates help my back more than needles",
        "does acupuncture help migraines",
        "can I have acupuncture while pregnant",
        "is dry needling the same as acupuncture",
        "any point paying extra for electroacupuncture?",
        "can kids get acupuncture for a bad back",
        "acupuncture for my dogs back legs",
    ] {
        assert_declined(&engine, question);
    }
}

/// `explain` shows the evidence the decision used: the answer's score is the top
/// candidate's fitted confidence, at or above `answer_at`, and both signals are in 0..1.
#[test]
fn explain_shows_the_evidence_and_confidence_the_answer_was_decided_on() {
    let config = shipped_config();
    let engine = Engine::new(repo_knowledge(), &config);
    let question = "is accupuncture available on the nhs";
    let Outcome::Answer(answer) = engine.ask(question).outcome else {
        panic!("{question:?} is answered");
    };
    let explained = engine.explain(question, 3);
    let top = &explained[0];
    assert_eq!(top.id, answer.entry_id);
    assert!((top.confidence - answer.score).abs() < 1e-6);
    assert!(top.confidence >= config.confidence.answer_at);
    for c in &explained {
        assert!((0.0..=1.0).contains(&c.evidence.lexical), "{c:?}");
        assert!((-1.0..=1.0).contains(&c.evidence.semantic), "{c:?}");
    }
    assert!(
        explained[1].evidence.margin < 0.0,
        "a runner-up trails the top"
    );
}
