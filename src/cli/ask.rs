//! `faqbot ask`: one question, or a stream of them, answered as text or JSON lines.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use super::render;
use crate::FaqService;
use crate::config::Config;
use crate::knowledge::Knowledge;

pub fn run(
    config: Config,
    knowledge: Knowledge,
    json: bool,
    explain: bool,
    words: &[String],
) -> ExitCode {
    let service = FaqService::new(config, knowledge);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let answer = |question: &str, out: &mut dyn Write| -> std::io::Result<()> {
        let reply = service.ask(question);
        if explain {
            let engine = service.engine();
            let (known, unknown) = engine.explain_terms(question);
            let ranked: Vec<String> = engine
                .rank(question, 5)
                .iter()
                .map(|(id, s)| format!("{id} {s:.3}"))
                .collect();
            eprintln!(
                "{question:?} -> {} terms {known:?} unknown {unknown:?} [{}]",
                reply.kind(),
                ranked.join(", ")
            );
        }
        if json {
            writeln!(out, "{}", reply.to_json())
        } else {
            writeln!(out, "{}", render::reply_text(&reply))
        }
    };
    let result = if words.len() == 1 && words[0] == "-" {
        std::io::stdin().lock().lines().try_for_each(|line| {
            let line = line?;
            answer(line.trim_end_matches('\r'), &mut out)?;
            out.flush()
        })
    } else if words.is_empty() {
        eprintln!("usage: faqbot ask [--json] \"QUESTION\"   (or - to read questions from stdin)");
        return ExitCode::from(2);
    } else {
        answer(&words.join(" "), &mut out)
    };
    match result.and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // A closed pipe (e.g. `| head`) is a normal end, not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
