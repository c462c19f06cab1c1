//! Plain-text rendering of replies for the console.

use std::fmt::Write;

use crate::engine::Engine;
use crate::reply::{Match, Outcome, Reply};

/// A reply as a person reads it in a terminal.
pub fn reply_text(reply: &Reply) -> String {
    let mut out = String::new();
    match &reply.outcome {
        Outcome::Answer(m) => write_match(&mut out, m),
        Outcome::Suggestions(list) => {
            out.push_str("I'm not sure which of these you mean:\n");
            for (i, m) in list.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", i + 1, m.question);
            }
        }
        Outcome::NoMatch { message, .. } => {
            let _ = writeln!(out, "{message}");
        }
        Outcome::Urgent(u) => {
            let _ = writeln!(out, "!! {} !!", u.title.to_uppercase());
            let _ = writeln!(out, "{}", u.message);
        }
    }
    if let Some(line) = &reply.support {
        let _ = writeln!(out, "\n{line}");
    }
    let _ = write!(out, "\n-- {}", reply.disclaimer);
    out
}

fn write_match(out: &mut String, m: &Match) {
    let _ = writeln!(out, "{}\n", m.question);
    for line in m.passage.lines() {
        let _ = writeln!(out, "  > {line}");
    }
    if let Some(note) = &m.evidence_note {
        let _ = writeln!(out, "\n  Evidence note: {note}");
    }
    let _ = writeln!(out, "\n  From \"{}\": {}", m.section.title, m.section.url);
}

/// `faqbot sections`.
pub fn print_sections(engine: &Engine) {
    for s in &engine.knowledge().article.sections {
        println!(
            "{:<18} {:<45} {}",
            s.id,
            s.title,
            engine.links().section_url(s)
        );
    }
}
