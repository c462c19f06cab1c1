//! The console as a person meets it: the real binary in a pseudo-terminal 60 columns wide,
//! driven key by key. No line is wider than the terminal, the pick hint sits right under
//! the choices, Up recalls the last question, and the console's own keys and commands
//! never reach the moderators' unanswered queue.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use expectrl::Session;
use faqbot::FaqService;
use faqbot::reply::Outcome;

use crate::support::knowledge::{repo_knowledge, test_config};

const WIDTH: usize = 60;
const HINT: &str = "(type a number to pick one)";
const PROMPT: &str = "> ";
const NEXT_PROMPT: &str = "\u{1b}[?2004h";

/// The console on a pseudo-terminal, and everything it has printed so far.
struct Console {
    session: Session,
    transcript: String,
}

impl Console {
    fn start(config: &Path) -> Console {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_faqbot"));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("--config")
            .arg(config)
            .arg("chat")
            .env_remove("DISCORD_TOKEN")
            .env_remove("FAQBOT_CONFIG")
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color")
            .env("COLUMNS", WIDTH.to_string());
        let mut session = Session::spawn(cmd).expect("spawn the console in a pty");
        session
            .get_process_mut()
            .set_window_size(WIDTH as u16, 24)
            .expect("set the pty size");
        session.set_expect_timeout(Some(Duration::from_secs(20)));
        let mut console = Console {
            session,
            transcript: String::new(),
        };
        console.until("Type \"help\"");
        console.until(PROMPT);
        console
    }

    /// Waits for `text`, keeping what came before it in the transcript; returns that output.
    fn until(&mut self, text: &str) -> String {
        let found = self.session.expect(text).unwrap_or_else(|e| {
            panic!(
                "waiting for {text:?}: {e}\n--- so far:\n{}",
                self.transcript
            )
        });
        let chunk = format!(
            "{}{}",
            String::from_utf8_lossy(found.before()),
            String::from_utf8_lossy(&found[0])
        );
        self.transcript.push_str(&chunk);
        plain(&chunk)
    }

    /// Types a line and returns what the console printed up to its next prompt.
    fn ask(&mut self, line: &str) -> String {
        self.session.send(format!("{line}\r")).unwrap();
        // rustyline turns bracketed paste on as each new prompt starts.
        self.until(NEXT_PROMPT)
    }
}

/// Terminal output as a person sees it: escape sequences removed, and of a line redrawn
/// after a carriage return, only what is left.
fn plain(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&c) {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' if chars.peek() != Some(&'\n') => {
                let start = out.rfind('\n').map_or(0, |i| i + 1);
                out.truncate(start);
            }
            c if c == '\n' || !c.is_control() => out.push(c),
            _ => {}
        }
    }
    out
}

/// Text with its line breaks and runs of spaces made single spaces, to find wrapped text.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line right before the hint must be an item of the list it belongs to.
fn assert_hint_under_choices(output: &str) {
    let lines: Vec<&str> = output.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.trim_end() == HINT)
        .unwrap_or_else(|| panic!("no pick hint:\n{output}"));
    assert!(at > 0, "{output}");
    let above = lines[..at]
        .iter()
        .rev()
        .find(|l| !l.starts_with("     "))
        .unwrap();
    assert!(
        above.trim_start().starts_with(|c: char| c.is_ascii_digit()),
        "the hint is right under the numbered choices:\n{output}"
    );
}

#[test]
fn the_console_in_a_60_column_terminal_wraps_numbers_picks_and_recalls_with_up() {
    let (config, data) = test_config();
    let config_path = data.path().join("config.toml");
    std::fs::write(
        &config_path,
        format!(
            "knowledge_dir = {:?}\ndata_dir = {:?}\n",
            config.knowledge_dir.display().to_string(),
            config.data_dir.display().to_string()
        ),
    )
    .unwrap();

    // From the FAQ itself: a question answered with related questions, and a question
    // the FAQ does not cover (which must be logged: the log works at all).
    let service = FaqService::new(config.clone(), repo_knowledge());
    let knowledge = repo_knowledge();
    let answered = knowledge
        .faq
        .iter()
        .map(|e| e.question.clone())
        .find(|q| {
            let reply = service.engine().ask(q);
            matches!(reply.outcome, Outcome::Answer(_)) && reply.related.len() >= 2
        })
        .expect("an FAQ question answered with related questions");

    let mut console = Console::start(&config_path);
    let help = console.ask("help");
    assert!(help.contains("topics"), "{help}");

    let topics = console.ask("topics");
    assert_hint_under_choices(&topics);
    let first_topic = knowledge
        .article
        .sections
        .iter()
        .find(|s| knowledge.faq.iter().any(|e| e.section == s.id))
        .unwrap();
    assert!(topics.contains(&first_topic.title), "{topics}");
    let picked_topic = console.ask("1");
    assert!(
        picked_topic.contains(&format!("Questions about \"{}\"", first_topic.title)),
        "picking a topic lists its questions:\n{picked_topic}"
    );
    assert_hint_under_choices(&picked_topic);

    let answer = console.ask(&answered);
    assert!(answer.contains("Related questions:"), "{answer}");
    assert_hint_under_choices(&answer);
    assert!(
        answer.contains("Not medical advice"),
        "the reminder:\n{answer}"
    );
    assert!(
        !answer.contains("http://"),
        "no dead link without a web server:\n{answer}"
    );
    assert!(answer.contains("faqbot web"), "{answer}");

    // Up, then Enter: the last question again, answered again.
    console.session.send("\u{1b}[A").unwrap();
    let again = console.ask("");
    assert!(
        flat(&again).contains(&flat(&answered)) && again.contains("Related questions:"),
        "Up recalls the last question:\n{again}"
    );

    // A related question picked by its number answers it.
    let related = service.engine().ask(&answered).related;
    let picked = console.ask("1");
    assert!(flat(&picked).contains(&related[0].question), "{picked}");

    // Keys that are not text: Left, Right, Down, a lone Escape, Ctrl-C.
    console.session.send("\u{1b}[D\u{1b}[C\u{1b}[B").unwrap();
    let nothing = console.ask("");
    assert!(!nothing.contains("not in the FAQ"), "{nothing}");
    console.session.send("\u{3}").unwrap();
    console.until(NEXT_PROMPT);
    console.ask("read");
    console.ask("disclaimer");
    console.ask("clear");
    console.session.send("quit\r").unwrap();
    console.session.expect(expectrl::Eof).unwrap();

    let shown = plain(&console.transcript);
    for line in shown.lines() {
        assert!(
            line.chars().count() <= WIDTH,
            "line wider than {WIDTH} columns ({}): {line:?}\n---\n{shown}",
            line.chars().count()
        );
    }
    let log = std::fs::read_to_string(config.data_dir.join("unanswered.jsonl")).unwrap_or_default();
    for word in [
        "help",
        "topics",
        "read",
        "disclaimer",
        "clear",
        "quit",
        "[A",
        "\\u001b",
    ] {
        assert!(
            !log.contains(word),
            "{word:?} was logged as unanswered:\n{log}"
        );
    }
    assert!(!log.contains(&answered), "{log}");
}
