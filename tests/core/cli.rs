//! The `faqbot` command line as operators and other tools use it: the JSON contract,
//! `check` with file:line errors, and `sections`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;
use tempfile::TempDir;

use crate::support::knowledge::knowledge_copy;

fn faqbot(data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_faqbot"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    let config = data_dir.join("config.toml");
    let shipped =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/config/default.toml"))
            .unwrap();
    let data = data_dir.join("data");
    std::fs::write(
        &config,
        format!(
            "{}\n",
            shipped.replace(
                "data_dir = \"data\"",
                &format!("data_dir = {:?}", data.display().to_string())
            )
        ),
    )
    .unwrap();
    cmd.arg("--config")
        .arg(&config)
        .env_remove("DISCORD_TOKEN")
        .env_remove("FAQBOT_CONFIG");
    cmd
}

/// Runs `faqbot check` on a knowledge folder that must fail; returns what it printed to stderr.
fn check_fails(data_dir: &std::path::Path, knowledge: &std::path::Path) -> String {
    let out = faqbot(data_dir)
        .arg("--knowledge")
        .arg(knowledge)
        .arg("check")
        .output()
        .unwrap();
    assert!(!out.status.success(), "check passed on broken knowledge");
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn ask_json_streams_one_object_per_line_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let questions = [
        "Can I get acupuncture on the NHS?",
        "does acupuncture help migraines",
        "",
        "I have numbness in my saddle area",
        "how much ibuprofen should I take",
        "nice",
    ];
    let mut child = faqbot(tmp.path())
        .args(["ask", "--json", "--record", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(questions.join("\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let replies: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(replies.len(), questions.len());
    for (q, r) in questions.iter().zip(&replies) {
        assert_eq!(r["question"], *q);
        assert!(!r["disclaimer"].as_str().unwrap().trim().is_empty());
    }
    let answer = &replies[0];
    assert_eq!(answer["kind"], "answer");
    assert_eq!(answer["entry_id"], "nhs-availability");
    assert!(
        answer["passage"]
            .as_str()
            .unwrap()
            .contains("NHS general practices")
    );
    assert!(answer["score"].as_f64().unwrap() > 0.5 && answer["score"].as_f64().unwrap() <= 1.0);
    assert_eq!(answer["section"]["id"], "how-it-works");
    assert!(
        answer["section"]["url"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );
    assert!(
        answer["section"]["url"]
            .as_str()
            .unwrap()
            .ends_with("#so-how-does-acupuncture-work")
    );
    assert_eq!(replies[1]["kind"], "no_match");
    assert_eq!(replies[1]["reason"], "out_of_scope");
    assert_eq!(replies[2]["reason"], "empty");
    assert_eq!(replies[3]["kind"], "urgent");
    assert!(replies[3]["message"].as_str().unwrap().contains("999"));
    assert_eq!(replies[4]["reason"], "personal_advice");
    let kind = replies[5]["kind"].as_str().unwrap();
    if kind == "suggestions" {
        for s in replies[5]["suggestions"].as_array().unwrap() {
            for key in ["entry_id", "question", "score", "passage", "section"] {
                assert!(s.get(key).is_some(), "suggestion lacks {key}");
            }
        }
    }
    // With --record, the unanswered log got the out-of-scope question, and nothing about who asked.
    let log = std::fs::read_to_string(tmp.path().join("data/unanswered.jsonl")).unwrap();
    assert!(log.contains("does acupuncture help migraines"));
    assert!(
        !log.contains("saddle"),
        "urgent questions are not 'unanswered'"
    );
}

#[test]
fn ask_prints_a_readable_answer_with_link_and_disclaimer() {
    let tmp = tempfile::tempdir().unwrap();
    let out = faqbot(tmp.path())
        .args(["ask", "What is sham acupuncture?"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("What is sham acupuncture?"));
    assert!(text.contains("Sham acupuncture (non-traditional acupuncture"));
    assert!(text.contains("#what-do-clinical-studies-suggest"));
    assert!(text.contains("not medical advice"));
}

#[test]
fn check_passes_on_the_shipped_knowledge_and_names_file_and_line_otherwise() {
    let tmp = tempfile::tempdir().unwrap();
    let out = faqbot(tmp.path()).arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok:"));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("warning"),
        "every paragraph is reachable"
    );

    let dir = knowledge_copy();
    let faq_path = dir.path().join("faq.toml");
    let faq = std::fs::read_to_string(&faq_path).unwrap();
    // Break one passage and one section id.
    let faq = faq
        .replacen("an ancient tool", "an ancient tol", 1)
        .replacen(
            "section = \"clinical-studies\"",
            "section = \"clinical-study\"",
            1,
        );
    std::fs::write(&faq_path, &faq).unwrap();
    let err = check_fails(tmp.path(), dir.path());
    let passage_line = faq
        .lines()
        .position(|l| l.contains("an ancient tol"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("faq.toml:{passage_line}: passage is not verbatim")),
        "{err}"
    );
    assert!(err.contains("unknown section \"clinical-study\""), "{err}");

    // A not-covered topic may not reuse an entry's id.
    let faq = std::fs::read_to_string(&faq_path).unwrap().replacen(
        "id = \"session-price\"",
        "id = \"what-is-acupuncture\"",
        1,
    );
    std::fs::write(&faq_path, &faq).unwrap();
    let err = check_fails(tmp.path(), dir.path());
    let topic_line = faq
        .lines()
        .position(|l| l == "id = \"what-is-acupuncture\"")
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "faq.toml:{topic_line}: id \"what-is-acupuncture\" is already used"
        )),
        "{err}"
    );
}

#[test]
fn check_reports_toml_syntax_errors_with_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = knowledge_copy();
    let path = dir.path().join("synonyms.toml");
    let original = std::fs::read_to_string(&path).unwrap();
    let mut text = original.clone();
    let line = text.lines().count() + 3; // blank, [[group]], then the broken string
    text.push_str("\n[[group]]\ncanonical = \"x\nvariants = []\n");
    std::fs::write(&path, text).unwrap();
    // Another file broken at the same time is reported too.
    let faq_path = dir.path().join("faq.toml");
    let faq = std::fs::read_to_string(&faq_path).unwrap();
    std::fs::write(&faq_path, format!("{faq}\n[[entry]\n")).unwrap();
    let err = check_fails(tmp.path(), dir.path());
    assert!(err.contains(&format!("synonyms.toml:{line}:")), "{err}");
    assert!(err.contains("faq.toml:"), "{err}");
    // The offending line is shown, with a caret under where it goes wrong.
    assert!(err.contains(&format!("{line} | canonical = \"x")), "{err}");
    assert!(err.lines().any(|l| l.trim_end().ends_with('^')), "{err}");

    // A duplicate id names the line of the first.
    std::fs::write(&path, original).unwrap();
    let knowledge = crate::support::knowledge::repo_knowledge();
    let (first, second) = (&knowledge.faq[0].id, &knowledge.faq[1].id);
    let first_line = faq
        .lines()
        .position(|l| l == format!("id = {first:?}"))
        .unwrap()
        + 1;
    let faq = faq.replacen(&format!("id = {second:?}"), &format!("id = {first:?}"), 1);
    std::fs::write(&faq_path, &faq).unwrap();
    let err = check_fails(tmp.path(), dir.path());
    assert!(
        err.contains(&format!("first defined at line {first_line}")),
        "{err}"
    );
}

#[test]
fn sections_lists_every_section_with_its_link() {
    let tmp = tempfile::tempdir().unwrap();
    let out = faqbot(tmp.path()).arg("sections").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for id in [
        "intro",
        "how-it-works",
        "clinical-studies",
        "true-vs-non-true",
        "future",
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(id) && l.contains("http")),
            "{id} missing:\n{text}"
        );
    }
}

#[test]
fn the_console_answers_lets_a_suggestion_be_picked_and_triages_first() {
    let tmp = tempfile::tempdir().unwrap();
    let mut console = faqbot(tmp.path());
    // The fitted confidence rarely leaves room for "did you mean": this test is about
    // picking one, so its config answers only the surest questions and suggests below.
    let config = tmp.path().join("config.toml");
    let fitted = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/config/confidence.toml"
    ))
    .unwrap();
    let banded: String = fitted
        .lines()
        .map(|l| match l.split(' ').next() {
            Some("answer_at") => "answer_at = 0.85",
            Some("suggest_at") => "suggest_at = 0.5",
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let shipped = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{shipped}\n{banded}\n")).unwrap();
    let mut child = console
        .arg("chat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"topics\nis acupuncture available on the nhs\nwhich treatments does nice not recommend\n1\nI have numbness in my groin\nquit\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("What do clinical studies suggest?"),
        "topics:\n{text}"
    );
    assert!(text.contains("NHS general practices"), "answer:\n{text}");
    // The second question is ambiguous: the console lists the choices and "1" shows the first.
    let picked = text
        .split("I'm not sure which of these you mean:")
        .nth(1)
        .unwrap_or_else(|| panic!("no suggestions shown:\n{text}"));
    let first = picked
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .trim_start_matches("1. ")
        .to_owned();
    let after_pick = picked.split("(type a number to pick one)").nth(1).unwrap();
    // The hint, then the reminder, then the prompt and the picked answer.
    let after_prompt = after_pick.split_once("\n> ").unwrap().1;
    assert!(after_prompt.starts_with(&first), "{after_pick}");
    assert!(
        text.contains("PLEASE GET URGENT MEDICAL HELP"),
        "triage:\n{text}"
    );
    let disclaimer_lines = text.to_lowercase().matches("not medical advice").count();
    assert!(
        disclaimer_lines >= 5,
        "every reply carries the disclaimer or its reminder:\n{text}"
    );
}

/// Runs `faqbot ask --json -` on raw stdin bytes; returns the JSON lines it printed.
fn ask_stream(data_dir: &std::path::Path, extra: &[&str], stdin: &[u8]) -> Vec<Value> {
    let mut child = faqbot(data_dir)
        .args(["ask", "--json"])
        .args(extra)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn ask_answers_a_line_of_invalid_utf8_with_an_error_object_and_goes_on() {
    let tmp = tempfile::tempdir().unwrap();
    let mut input = b"Can I get acupuncture on the NHS?\n".to_vec();
    input.extend_from_slice(b"is it \xff\xfe safe\r\n");
    input.extend_from_slice(b"What is sham acupuncture?\n");
    let replies = ask_stream(tmp.path(), &[], &input);
    assert_eq!(replies.len(), 3, "{replies:?}");
    assert_eq!(replies[0]["kind"], "answer");
    let error = &replies[1];
    assert_eq!(error["kind"], "error");
    assert_eq!(error["reason"], "invalid_utf8");
    assert_eq!(error["line"], 2);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("not valid UTF-8")
    );
    assert_eq!(error["question"], "is it \u{fffd}\u{fffd} safe");
    assert!(!error["disclaimer"].as_str().unwrap().trim().is_empty());
    assert_eq!(replies[2]["kind"], "answer");
    assert_eq!(replies[2]["question"], "What is sham acupuncture?");
}

#[test]
fn ask_leaves_the_unanswered_queue_alone_unless_told_to_record() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("data/unanswered.jsonl");
    let question = "does acupuncture help migraines";
    let replies = ask_stream(tmp.path(), &[], question.as_bytes());
    assert_eq!(replies[0]["kind"], "no_match");
    let out = faqbot(tmp.path()).args(["ask", question]).output().unwrap();
    assert!(out.status.success());
    let logged = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        !logged.contains("migraines"),
        "a tuning run was logged: {logged}"
    );

    ask_stream(tmp.path(), &["--record"], question.as_bytes());
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("migraines"), "{logged}");
}

/// `faqbot check` with `config` as the config file; what it printed to stderr.
fn check_config_fails(config: &str) -> (String, std::path::PathBuf, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("faqbot.toml");
    std::fs::write(&path, config).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--config")
        .arg(&path)
        .arg("check")
        .env_remove("FAQBOT_CONFIG")
        .output()
        .unwrap();
    assert!(!out.status.success(), "check accepted:\n{config}");
    (String::from_utf8(out.stderr).unwrap(), path, tmp)
}

#[test]
fn check_rejects_bad_operational_settings_with_file_and_line() {
    for (config, line, key) in [
        (
            "[discord]\nguild_ids = []\nhttp_proxy = \"localhost:3000\"\n",
            3,
            "discord.http_proxy",
        ),
        ("[web]\nbind = \"8080\"\n", 2, "web.bind"),
        ("[web]\nbind = \"localhost:80800\"\n", 2, "web.bind"),
        (
            "# limits\n\n[limits]\nmax_question_chars = 1000000000000\n",
            4,
            "limits.max_question_chars",
        ),
        ("[web]\nmax_connections = 0\n", 2, "web.max_connections"),
        (
            "[discord]\nrequest_timeout_seconds = 0\n",
            2,
            "discord.request_timeout_seconds",
        ),
    ] {
        let (err, path, _tmp) = check_config_fails(config);
        let expected = format!("{}:{line}: {key}", path.display());
        assert!(err.contains(&expected), "{expected:?} not in:\n{err}");
    }
}

/// `faqbot run` with a fake token, talking to Discord through a "proxy" that accepts
/// connections and never answers, with `request_timeout_seconds` as given. The temporary
/// folder lives as long as the child is needed.
fn run_behind_a_hung_proxy(request_timeout_seconds: u64) -> (std::process::Child, TempDir) {
    let hung = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy = format!("http://{}", hung.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in hung.incoming().take(8).flatten() {
            open.push(stream);
        }
        std::thread::sleep(std::time::Duration::from_secs(60));
    });
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("faqbot.toml");
    std::fs::write(
        &config,
        format!(
            "data_dir = {:?}\n[discord]\nhttp_proxy = {proxy:?}\nrequest_timeout_seconds = {request_timeout_seconds}\n",
            tmp.path().join("data").display().to_string()
        ),
    )
    .unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("--config")
        .arg(&config)
        .arg("run")
        .env("DISCORD_TOKEN", "hung.U0VDUkVU.check")
        .env_remove("FAQBOT_CONFIG")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    (child, tmp)
}

#[test]
fn a_signal_ends_faqbot_run_even_while_the_token_check_hangs() {
    let (mut child, _tmp) = run_behind_a_hung_proxy(600);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "still checking the token"
    );
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    // The bot gets a grace period of seconds to stop, then is left behind.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("faqbot run ignored SIGTERM while the token check hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn the_token_check_gives_up_after_the_request_timeout() {
    let (mut child, _tmp) = run_behind_a_hung_proxy(1);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the token check never timed out");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    assert!(
        !status.success(),
        "a token check that timed out is a failure"
    );
    assert!(stderr.contains("could not reach Discord"), "{stderr}");
    assert!(!stderr.contains("U0VDUkVU"), "the token leaked: {stderr}");
}
