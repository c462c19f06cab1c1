//! Plain-text rendering of replies: `faqbot ask`'s text form, and the console's, which
//! wraps to the terminal width, keeps quotes indented, numbers what can be picked with the
//! hint right under the list, and colours urgent replies when the terminal allows.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

use crate::engine::Engine;
use crate::knowledge::Section;
use crate::reply::{Match, Outcome, Reply, Urgent};

/// A reply as a person reads it from `faqbot ask`.
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
    if !reply.related.is_empty() {
        out.push_str("\nRelated questions:\n");
        for r in &reply.related {
            let _ = writeln!(out, "  - {}", r.question);
        }
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

/// The one-line reminder after each console reply; the full disclaimer is shown at the
/// start, with urgent replies and on `disclaimer`.
pub const REMINDER: &str = "-- Not medical advice. Type \"disclaimer\" for the full text.";

/// The hint right under a numbered list.
pub const PICK_HINT: &str = "(type a number to pick one)";

/// How the console lays text out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Columns to wrap to.
    pub width: usize,
    /// Whether ANSI colour may be used (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// Whether section URLs lead anywhere: a configured article or public site. Otherwise
    /// the console offers `read` (the section here) and `faqbot web` instead of a dead link.
    pub live_links: bool,
}

impl Layout {
    /// Wraps `text` to the width, every line starting with `indent`.
    pub fn fill(&self, text: &str, indent: &str) -> String {
        self.fill_hanging(text, indent, indent)
    }

    /// Wraps `text` with a different first-line indent (a list number, say).
    pub fn fill_hanging(&self, text: &str, first: &str, rest: &str) -> String {
        let options = textwrap::Options::new(self.width.max(20))
            .initial_indent(first)
            .subsequent_indent(rest);
        textwrap::fill(text, options)
    }

    /// Paragraphs (separated by blank lines) wrapped, one blank line between them.
    /// Lines starting with "- " stay list items, wrapped under their text.
    fn paragraphs(&self, text: &str, indent: &str) -> String {
        text.split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| self.paragraph(p, indent))
            .collect::<Vec<_>>()
            .join(format!("\n{}\n", indent.trim_end()).as_str())
    }

    fn paragraph(&self, text: &str, indent: &str) -> String {
        let mut blocks: Vec<(bool, String)> = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match (line.strip_prefix("- "), blocks.last_mut()) {
                (Some(item), _) => blocks.push((true, item.to_owned())),
                (None, Some((false, words))) => {
                    words.push(' ');
                    words.push_str(line);
                }
                (None, _) => blocks.push((false, line.to_owned())),
            }
        }
        let bullet = format!("{indent}- ");
        let under = format!("{indent}  ");
        blocks
            .iter()
            .map(|(item, words)| match item {
                true => self.fill_hanging(words, &bullet, &under),
                false => self.fill(words, indent),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// A numbered list with the pick hint right under it.
    pub fn numbered<'a>(&self, items: impl IntoIterator<Item = &'a str>) -> String {
        let mut out = String::new();
        for (i, item) in items.into_iter().enumerate() {
            let number = format!("  {}. ", i + 1);
            let rest = " ".repeat(number.len());
            let _ = writeln!(out, "{}", self.fill_hanging(item, &number, &rest));
        }
        out.push_str(PICK_HINT);
        out.push('\n');
        out
    }

    fn bold_red(&self, text: &str) -> String {
        if self.color {
            let style = Style::new().bold().fg_color(Some(AnsiColor::Red.into()));
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
}

/// The console's reply: the answer (or list, or message), numbered related questions or
/// suggestions with the pick hint under them, then the reminder — or, for urgent replies,
/// the full disclaimer.
pub fn console_reply(reply: &Reply, layout: &Layout) -> String {
    let mut out = String::new();
    match &reply.outcome {
        Outcome::Urgent(u) => return urgent(u, &reply.disclaimer, layout),
        Outcome::Answer(m) => console_match(&mut out, m, layout),
        Outcome::Suggestions(list) => {
            out.push_str(&layout.fill("I'm not sure which of these you mean:", ""));
            out.push('\n');
            out.push_str(&layout.numbered(list.iter().map(|m| m.question.as_str())));
        }
        Outcome::NoMatch { message, .. } => {
            out.push_str(&layout.paragraphs(message, ""));
            out.push('\n');
        }
    }
    if !reply.related.is_empty() {
        out.push_str("\nRelated questions:\n");
        out.push_str(&layout.numbered(reply.related.iter().map(|r| r.question.as_str())));
    }
    out.push_str(&layout.fill(REMINDER, ""));
    out
}

/// Urgent-care guidance: the title stands out (in red where colour is allowed), the
/// message follows, and the full disclaimer, not the reminder.
fn urgent(u: &Urgent, disclaimer: &str, layout: &Layout) -> String {
    let title = layout.fill(&format!("!! {} !!", u.title.to_uppercase()), "");
    format!(
        "{}\n{}\n\n{}",
        layout.bold_red(&title),
        layout.paragraphs(&u.message, ""),
        layout.fill(&format!("-- {disclaimer}"), "")
    )
}

fn console_match(out: &mut String, m: &Match, layout: &Layout) {
    let _ = writeln!(out, "{}\n", layout.fill(&m.question, ""));
    let _ = writeln!(out, "{}", layout.paragraphs(&m.passage, "  > "));
    if let Some(note) = &m.evidence_note {
        let _ = writeln!(
            out,
            "\n{}",
            layout.fill(&format!("Evidence note: {note}"), "  ")
        );
    }
    let from = format!("From \"{}\".", m.section.title);
    if layout.live_links {
        let _ = writeln!(out, "\n{}\n  {}", layout.fill(&from, "  "), m.section.url);
    } else {
        let hint = format!(
            "{from} Type \"read\" to see the whole section here, or run `faqbot web` to read it in a browser."
        );
        let _ = writeln!(out, "\n{}", layout.fill(&hint, "  "));
    }
}

/// A whole section, for `read`.
pub fn console_section(section: &Section, layout: &Layout) -> String {
    let mut out = format!("{}\n\n", layout.fill(&section.title.to_uppercase(), ""));
    out.push_str(&layout.paragraphs(&section.text(), "  "));
    out.push('\n');
    out.push_str(&layout.fill(REMINDER, ""));
    out
}

/// The greeting: what to type, and the full disclaimer once.
pub fn greeting(disclaimer: &str, layout: &Layout) -> String {
    format!(
        "{}\n\n{}",
        layout.fill(
            "Ask a question about acupuncture for back pain, in your own words. \
             Type \"help\" for what else you can type, \"quit\" or Ctrl-D to leave.",
            ""
        ),
        layout.fill(&format!("-- {disclaimer}"), "")
    )
}

/// `help`.
pub fn help(layout: &Layout) -> String {
    let commands = [
        ("a number", "pick from the list just shown"),
        ("topics", "the article's topics, numbered"),
        ("read", "the whole section of the last answer"),
        ("disclaimer", "the full disclaimer"),
        ("clear", "clear the screen"),
        ("help", "this list"),
        ("quit", "leave (Ctrl-D works too)"),
    ];
    let mut out = layout.fill("Type a question in your own words, or:", "");
    out.push('\n');
    for (name, what) in commands {
        let first = format!("  {name:<12}");
        let _ = writeln!(
            out,
            "{}",
            layout.fill_hanging(what, &first, &" ".repeat(first.len()))
        );
    }
    out.push_str(&layout.fill("The Up and Down arrows bring back earlier questions.", ""));
    out.push('\n');
    out.push_str(&layout.fill(REMINDER, ""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(width: usize) -> Layout {
        Layout {
            width,
            color: false,
            live_links: false,
        }
    }

    #[test]
    fn numbered_lists_wrap_under_their_text_and_end_with_the_hint() {
        let text = layout(30).numbered(["one short", "a much longer question that has to wrap"]);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "  1. one short");
        assert!(lines[2].starts_with("     "), "{text}");
        assert_eq!(lines.last(), Some(&PICK_HINT));
        assert!(lines.iter().all(|l| l.chars().count() <= 30), "{text}");
    }

    #[test]
    fn colour_only_when_allowed() {
        let mut l = layout(40);
        assert_eq!(l.bold_red("x"), "x");
        l.color = true;
        assert!(l.bold_red("x").starts_with('\u{1b}'));
    }
}
