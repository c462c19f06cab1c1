//! `faqbot ask`: one question, or a stream of them, answered as text or JSON lines.
//!
//! Operators use it to tune the FAQ, so by default it leaves the moderators' unanswered
//! queue alone: only `--record` (replaying real patient traffic, say) logs misses there.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use serde_json::json;

use super::render;
use crate::FaqService;
use crate::config::Config;
use crate::engine::Engine;
use crate::knowledge::Knowledge;
use crate::reply::Reply;

/// What `faqbot ask` was asked to do.
pub struct AskOptions<'a> {
    pub json: bool,
    pub explain: bool,
    /// Log unanswered questions to the moderators' queue, as Discord and the web do.
    pub record: bool,
    pub words: &'a [String],
}

/// Answers through the service (counted, misses logged) or through the engine alone.
enum Answerer {
    Recording(Box<FaqService>),
    Quiet(Box<Engine>),
}

impl Answerer {
    fn ask(&self, question: &str) -> Reply {
        match self {
            Self::Recording(service) => service.ask(question),
            Self::Quiet(engine) => engine.ask(question),
        }
    }

    fn with_engine<R>(&self, f: impl FnOnce(&Engine) -> R) -> R {
        match self {
            Self::Recording(service) => f(&service.engine()),
            Self::Quiet(engine) => f(engine),
        }
    }

    fn disclaimer(&self) -> String {
        self.with_engine(|engine| engine.disclaimer().to_owned())
    }
}

pub fn run(config: Config, knowledge: Knowledge, options: &AskOptions) -> ExitCode {
    let answerer = if options.record {
        Answerer::Recording(Box::new(FaqService::new(config, knowledge)))
    } else {
        Answerer::Quiet(Box::new(Engine::new(knowledge, &config)))
    };
    let disclaimer = answerer.disclaimer();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let answer = |question: &str, out: &mut dyn Write| -> std::io::Result<()> {
        let reply = answerer.ask(question);
        if options.explain {
            explain(&answerer, question, &reply);
        }
        if options.json {
            writeln!(out, "{}", reply.to_json())
        } else {
            writeln!(out, "{}", render::reply_text(&reply))
        }
    };
    let words = options.words;
    let result = if words.len() == 1 && words[0] == "-" {
        let mut line_no = 0;
        std::io::stdin().lock().split(b'\n').try_for_each(|line| {
            line_no += 1;
            let line = line?;
            match std::str::from_utf8(&line) {
                Ok(text) => answer(text.trim_end_matches('\r'), &mut out)?,
                Err(_) => invalid_line(line_no, &line, options.json, &disclaimer, &mut out)?,
            }
            out.flush()
        })
    } else if words.is_empty() {
        eprintln!(
            "usage: faqbot ask [--json] [--record] \"QUESTION\"   (or - to read questions from stdin)"
        );
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

/// A stdin line that is not UTF-8 gets its own reply, in its place, and the stream goes
/// on: one bad line in a file of questions must not lose the rest.
fn invalid_line(
    line_no: usize,
    bytes: &[u8],
    as_json: bool,
    disclaimer: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let message = format!("line {line_no} is not valid UTF-8 text, so it was not answered");
    eprintln!("warning: {message}");
    if as_json {
        let question = String::from_utf8_lossy(bytes);
        let object = json!({
            "kind": "error",
            "reason": "invalid_utf8",
            "question": question.trim_end_matches('\r'),
            "line": line_no,
            "message": message,
            "disclaimer": disclaimer,
        });
        writeln!(out, "{object}")
    } else {
        writeln!(out, "({message}.)\n")
    }
}

fn explain(answerer: &Answerer, question: &str, reply: &Reply) {
    answerer.with_engine(|engine| explain_with(engine, question, reply));
}

fn explain_with(engine: &Engine, question: &str, reply: &Reply) {
    let (known, unknown) = engine.explain_terms(question);
    eprintln!(
        "{question:?} -> {}\n  terms {known:?}, never in the knowledge {unknown:?}",
        reply.kind()
    );
    for c in engine.explain(question, 5) {
        let e = &c.evidence;
        eprintln!(
            "  {:<40} confidence {:.3}  lexical {:.3}  semantic {:.3}  passage {:.3}  \
             margin {:+.3}  semantic lead {:+.3}  unknown {:.2}  not-covered {:.3}{}",
            c.id,
            c.confidence,
            e.lexical,
            e.semantic,
            e.passage,
            e.margin,
            e.semantic_lead,
            e.unknown_share,
            e.not_covered,
            if c.not_covered {
                "  (not covered)"
            } else if c.coincidental {
                "  (only everyday words in common: not answered)"
            } else {
                ""
            }
        );
    }
}
