//! Bad input never panics and always gets a reply with the disclaimer.

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
