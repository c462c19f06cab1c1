//! `faqbot chat`: the local console, the first thing anyone sees. Questions in plain
//! words; numbers pick from the list just shown (suggestions, related questions, topics,
//! a topic's questions); a few commands (`help`, `topics`, `read`, `disclaimer`, `clear`,
//! `quit`) that are never sent to the FAQ or logged as unanswered.
//!
//! On a terminal, lines are edited with `rustyline` (Up recalls earlier questions, kept in
//! memory only: health questions are not written to a history file), text wraps to the
//! terminal width and urgent replies are coloured unless `NO_COLOR` is set. Piped, it
//! reads plain lines and writes plain text.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

use rustyline::error::ReadlineError;

use super::render::{self, Layout};
use crate::FaqService;
use crate::config::Config;
use crate::knowledge::Knowledge;
use crate::reply::{Outcome, Reply};

/// Columns to wrap to when the terminal does not say.
const DEFAULT_WIDTH: usize = 80;

/// What a number typed next picks.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pick {
    /// An FAQ entry, answered as if asked with this question.
    Entry { id: String, asked: String },
    /// A section: list its questions.
    Section(String),
}

/// What the console remembers between lines.
#[derive(Default)]
struct State {
    picks: Vec<Pick>,
    /// Whether the picks are suggestions for a question someone asked (a pick then counts
    /// as answering it, for the unanswered log).
    suggested: bool,
    /// The section `read` shows.
    section: Option<String>,
}

pub fn run(config: Config, knowledge: Knowledge) -> ExitCode {
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut layout = Layout {
        width: width(),
        color: terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        live_links: config.links.article_url.is_some() || config.links.public_base_url.is_some(),
    };
    let service = FaqService::new(config, knowledge);
    let mut input = Input::open(terminal);
    println!(
        "{}",
        render::greeting(&service.config().disclaimer, &layout)
    );
    let mut state = State::default();
    while let Some(line) = input.next_line() {
        let Some(line) = clean(&line) else { continue };
        // The window may have been resized since.
        layout.width = width();
        match line.to_lowercase().as_str() {
            "quit" | "exit" | "q" | "bye" => break,
            "help" | "?" | "commands" => say(&render::help(&layout)),
            "disclaimer" => say(&layout.fill(&format!("-- {}", service.config().disclaimer), "")),
            "clear" | "cls" => input.clear_screen(),
            "topics" | "topic" | "sections" => topics(&service, &layout, &mut state),
            "read" => read(&service, &layout, &state),
            _ => {
                if let Ok(n) = line.parse::<usize>() {
                    pick(&service, &layout, &mut state, n);
                } else {
                    input.remember(&line);
                    let reply = service.ask(&line);
                    show(&reply, &layout, &mut state, true);
                }
            }
        }
    }
    ExitCode::SUCCESS
}

fn say(text: &str) {
    println!("{text}");
}

/// The terminal's width, else `$COLUMNS`, else 80.
fn width() -> usize {
    terminal_size::terminal_size()
        .map(|(w, _)| usize::from(w.0))
        .or_else(|| std::env::var("COLUMNS").ok()?.parse().ok())
        .filter(|&w| w >= 20)
        .unwrap_or(DEFAULT_WIDTH)
}

/// A line as typed, without escape sequences (arrow keys on a terminal without line
/// editing) or other control characters; `None` when nothing is left to ask.
fn clean(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI (`ESC [ … final`) and SS3 (`ESC O x`) sequences, or a lone ESC.
            match chars.peek() {
                Some('[') => {
                    chars.next();
                    for c in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&c) {
                            break;
                        }
                    }
                }
                Some('O') => {
                    chars.next();
                    chars.next();
                }
                _ => {}
            }
        } else if !c.is_control() {
            out.push(c);
        }
    }
    let trimmed = out.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Prints a reply and remembers what its numbers pick.
fn show(reply: &Reply, layout: &Layout, state: &mut State, asked: bool) {
    say(&render::console_reply(reply, layout));
    state.suggested = false;
    state.picks = match &reply.outcome {
        Outcome::Suggestions(list) => {
            state.suggested = asked;
            list.iter()
                .map(|m| Pick::Entry {
                    id: m.entry_id.clone(),
                    asked: reply.question.clone(),
                })
                .collect()
        }
        _ => reply
            .related
            .iter()
            .map(|r| Pick::Entry {
                id: r.entry_id.clone(),
                asked: r.question.clone(),
            })
            .collect(),
    };
    if let Outcome::Answer(m) = &reply.outcome {
        state.section = Some(m.section.id.clone());
    }
}

fn pick(service: &FaqService, layout: &Layout, state: &mut State, n: usize) {
    let Some(choice) = n.checked_sub(1).and_then(|i| state.picks.get(i)).cloned() else {
        let text = if state.picks.is_empty() {
            "There is no list to pick from just now: please type a question, or \"topics\"."
                .to_owned()
        } else {
            format!("Please pick a number from 1 to {}.", state.picks.len())
        };
        say(&format!("{}\n{}", layout.fill(&text, ""), render::REMINDER));
        return;
    };
    match choice {
        Pick::Entry { id, asked } => match service.engine().answer_entry(&id, &asked) {
            Some(reply) => {
                if state.suggested {
                    service.unanswered().record_picked(&reply.question);
                }
                show(&reply, layout, state, false);
            }
            None => say(&layout.fill(
                "That entry has just been removed from the FAQ: please ask again.",
                "",
            )),
        },
        Pick::Section(id) => section_questions(service, layout, state, &id),
    }
}

/// `topics`: the article's sections, numbered; a number lists that section's questions.
fn topics(service: &FaqService, layout: &Layout, state: &mut State) {
    let engine = service.engine();
    let knowledge = engine.knowledge();
    let sections: Vec<_> = knowledge
        .article
        .sections
        .iter()
        .filter(|s| knowledge.faq.iter().any(|e| e.section == s.id))
        .collect();
    say(&format!(
        "What I can help with:\n{}{}",
        layout.numbered(sections.iter().map(|s| s.title.as_str())),
        render::REMINDER
    ));
    state.picks = sections
        .iter()
        .map(|s| Pick::Section(s.id.clone()))
        .collect();
    state.suggested = false;
}

fn section_questions(service: &FaqService, layout: &Layout, state: &mut State, id: &str) {
    let engine = service.engine();
    let knowledge = engine.knowledge();
    let Some(section) = knowledge.section(id) else {
        return;
    };
    let entries: Vec<_> = knowledge.faq.iter().filter(|e| e.section == id).collect();
    say(&format!(
        "{}\n{}{}\n{}",
        layout.fill(&format!("Questions about \"{}\":", section.title), ""),
        layout.numbered(entries.iter().map(|e| e.question.as_str())),
        layout.fill("Type \"read\" to read the whole section.", ""),
        render::REMINDER
    ));
    state.picks = entries
        .iter()
        .map(|e| Pick::Entry {
            id: e.id.clone(),
            asked: e.question.clone(),
        })
        .collect();
    state.suggested = false;
    state.section = Some(id.to_owned());
}

/// `read`: the whole section of the last answer (or topic), here in the console.
fn read(service: &FaqService, layout: &Layout, state: &State) {
    let engine = service.engine();
    match state
        .section
        .as_deref()
        .and_then(|id| engine.knowledge().section(id))
    {
        Some(section) => say(&render::console_section(section, layout)),
        None => say(&layout.fill(
            "Ask a question first (or pick a topic): \"read\" then shows the whole section it comes from.",
            "",
        )),
    }
}

/// Where lines come from: a line editor on a terminal, plain lines otherwise.
enum Input {
    Editor(Box<rustyline::DefaultEditor>),
    Plain(std::io::StdinLock<'static>),
}

impl Input {
    fn open(terminal: bool) -> Input {
        if terminal {
            let config = rustyline::Config::builder()
                .auto_add_history(false)
                .max_history_size(200)
                .map(|b| b.build());
            if let Ok(editor) = config.and_then(rustyline::DefaultEditor::with_config) {
                return Input::Editor(Box::new(editor));
            }
        }
        Input::Plain(std::io::stdin().lock())
    }

    /// The next line, or `None` at the end (Ctrl-D, end of input, a read error).
    fn next_line(&mut self) -> Option<String> {
        match self {
            Input::Editor(editor) => loop {
                println!();
                match editor.readline("> ") {
                    Ok(line) => return Some(line),
                    Err(ReadlineError::Interrupted) => {
                        println!("(type \"quit\" or press Ctrl-D to leave)");
                    }
                    Err(_) => return None,
                }
            },
            Input::Plain(stdin) => {
                print!("\n> ");
                let _ = std::io::stdout().flush();
                let mut line = String::new();
                match stdin.read_line(&mut line) {
                    Ok(0) | Err(_) => None,
                    Ok(_) => Some(line),
                }
            }
        }
    }

    /// Adds a question to the history Up recalls.
    fn remember(&mut self, line: &str) {
        if let Input::Editor(editor) = self {
            let _ = editor.add_history_entry(line);
        }
    }

    fn clear_screen(&mut self) {
        match self {
            Input::Editor(editor) => {
                let _ = editor.clear_screen();
            }
            Input::Plain(_) => println!(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn escape_sequences_and_control_keys_are_never_questions() {
        assert_eq!(clean("\u{1b}[A"), None);
        assert_eq!(clean("\u{1b}[1;5D\u{1b}OA \t"), None);
        assert_eq!(clean("\u{7f}\u{8}"), None);
        assert_eq!(
            clean("does it \u{1b}[Chelp\r").as_deref(),
            Some("does it help")
        );
    }
}
