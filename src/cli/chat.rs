//! `faqbot chat`: the local console. Ask in plain words; pick a suggestion by its number.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use super::render;
use crate::FaqService;
use crate::config::Config;
use crate::knowledge::Knowledge;
use crate::reply::Outcome;

pub fn run(config: Config, knowledge: Knowledge) -> ExitCode {
    let service = FaqService::new(config, knowledge);
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    println!(
        "Ask a question about acupuncture for back pain (\"topics\" lists what I know, \"quit\" or Ctrl-D to leave).\n-- {}",
        service.config().disclaimer
    );
    // The suggestions last shown, so "2" picks the second.
    let mut last: Option<(String, Vec<String>)> = None;
    loop {
        print!("\n> ");
        let _ = stdout.flush();
        let mut line = String::new();
        match stdin.lock().read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let input = line.trim();
        if matches!(input, "quit" | "exit" | "q") {
            break;
        }
        if input.eq_ignore_ascii_case("topics") {
            for section in &service.engine().knowledge().article.sections {
                println!("  {}", section.title);
            }
            println!("\n-- {}", service.config().disclaimer);
            continue;
        }
        let picked = match (input.parse::<usize>(), &last) {
            (Ok(n), Some((question, ids))) => n
                .checked_sub(1)
                .and_then(|i| ids.get(i))
                .and_then(|id| service.engine().answer_entry(id, question)),
            _ => None,
        };
        if let Some(reply) = picked {
            service.unanswered().record_picked(&reply.question);
            println!("{}", render::reply_text(&reply));
            last = None;
            continue;
        }
        if input.parse::<usize>().is_ok() {
            println!(
                "There is no list to pick from just now: please type a question.\n\n-- {}",
                service.config().disclaimer
            );
            continue;
        }
        let reply = service.ask(input);
        last = match &reply.outcome {
            Outcome::Suggestions(list) => Some((
                input.to_owned(),
                list.iter().map(|m| m.entry_id.clone()).collect(),
            )),
            _ => None,
        };
        println!("{}", render::reply_text(&reply));
        if last.is_some() {
            println!("(type a number to pick one)");
        }
    }
    ExitCode::SUCCESS
}
