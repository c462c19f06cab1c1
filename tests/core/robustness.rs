//! Bad input never panics and always gets a reply with the disclaimer, and hostile input
//! (one huge pasted word, characters that fold into many letters) is answered in time
//! linear in its length (issue 12; the `hostile-length` benchmark measures it): before,
//! typo correction made a 100,000-letter word never finish.

use faqbot::{Config, Engine};
use proptest::prelude::*;

use crate::support::knowledge::repo_knowledge;

fn check(engine: &Engine, q: &str) {
    let reply = engine.ask(q);
    assert!(!reply.disclaimer.trim().is_empty());
    assert_eq!(reply.question, q);
    let json = reply.to_json();
    assert!(json["kind"].is_string());
}

#[test]
fn hostile_inputs_get_a_reply() {
    let engine = Engine::new(repo_knowledge(), &Config::default());
    let long = "acupuncture back pain ".repeat(5_000); // ~100 KB
    let inputs = [
        "",
        " \t\n ",
        "\u{0}\u{1}\u{7f}\u{1b}[31m",
        "🙂🔥💉🤷‍♀️",
        "ＡＣＵＰＵＮＣＴＵＲＥ ＮＨＳ",
        "акупунктура спина 针灸 腰痛 العلاج بالإبر",
        "a\u{301}cupuncture\u{200b} nhs\u{feff}",
        "'''\"\"\"```<script>alert(1)</script>",
        "@everyone @here <@123> <#456>",
        long.as_str(),
    ];
    for q in inputs {
        check(&engine, q);
    }
    assert_eq!(
        engine.ask("ＡＣＵＰＵＮＣＴＵＲＥ ＮＨＳ").kind(),
        engine.ask("acupuncture nhs").kind()
    );
}

/// The pastes of issue 12, as a patient or an attacker might send them.
fn hostile_pastes() -> Vec<String> {
    vec![
        "a".repeat(100_000),
        "acupuncturx".repeat(9_000),
        format!("a{}", "㌖".repeat(499)),
        "㌖".repeat(6_000),
        "ﬄ".repeat(10_000),
        "\u{fdfa}".repeat(5_000), // one character, 18 letters folded
        format!("{} my back hurts", "x".repeat(64_000)),
    ]
}

#[test]
fn huge_words_and_folding_bombs_get_a_reply() {
    let engine = Engine::new(repo_knowledge(), &Config::default());
    for paste in hostile_pastes() {
        check(&engine, &paste);
        // Autocomplete reads a bounded prefix, whatever is typed.
        assert!(engine.autocomplete(&paste, 25).len() <= 25);
    }
}

#[test]
fn an_urgent_mention_after_a_huge_paste_still_gets_urgent_care() {
    let engine = Engine::new(repo_knowledge(), &Config::default());
    let question = format!("{}. I have lost control of my bladder", "ﬄ".repeat(10_000));
    assert_eq!(engine.ask(&question).kind(), "urgent");
}

#[test]
fn the_length_limit_counts_what_a_question_folds_to() {
    let limit = Config::default().limits.max_question_chars;
    let expands = format!("a{}", "㌖".repeat(limit - 1));
    assert_eq!(expands.chars().count(), limit);
    assert!(faqbot::engine::question_len(&expands) > limit);
    assert!(faqbot::engine::question_len(&"ﬄ".repeat(limit / 2)) > limit);
    let plain = "does acupuncture help back pain";
    assert_eq!(faqbot::engine::question_len(plain), plain.chars().count());
}

#[test]
fn autocomplete_reads_only_a_bounded_prefix() {
    let engine = Engine::new(repo_knowledge(), &Config::default());
    let ids = |partial: &str| -> Vec<String> {
        engine
            .autocomplete(partial, 25)
            .iter()
            .map(|e| e.id.clone())
            .collect()
    };
    let typed = "is acupuncture available on the nhs";
    let padded = format!(
        "{typed}{}",
        " ".repeat(faqbot::engine::AUTOCOMPLETE_MAX_CHARS)
    );
    // What lies past the bound changes nothing.
    assert_eq!(ids(&format!("{padded}㌖㌖㌖ migraine")), ids(&padded));
    assert!(!ids(typed).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn any_text_gets_a_reply(q in "\\PC{0,200}") {
        thread_local!(static ENGINE: Engine = Engine::new(repo_knowledge(), &Config::default()));
        ENGINE.with(|engine| check(engine, &q));
    }

    #[test]
    fn any_mix_of_known_words_gets_a_reply(words in proptest::collection::vec(
        prop::sample::select(vec!["acupuncture", "no", "numb", "back", "pain", "nice", "fever", "not", "but", "sham", "ñ", "?", ".", ",", "don't"]), 0..30)) {
        thread_local!(static ENGINE: Engine = Engine::new(repo_knowledge(), &Config::default()));
        ENGINE.with(|engine| check(engine, &words.join(" ")));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn any_long_run_of_one_character_gets_a_reply(c in any::<char>(), n in 1_000usize..20_000) {
        thread_local!(static ENGINE: Engine = Engine::new(repo_knowledge(), &Config::default()));
        let text: String = std::iter::repeat_n(c, n).collect();
        ENGINE.with(|engine| {
            check(engine, &text);
            prop_assert!(engine.autocomplete(&text, 25).len() <= 25);
            Ok(())
        })?;
    }
}
