//! The one validator every path goes through: `faqbot check`, loading at start-up, hot
//! reloads and moderators' edits. It reports problems by item and field; the loader turns
//! them into file and line.

use std::collections::{HashMap, HashSet};

use super::limits;
use super::model::Knowledge;
pub use super::problem::{KnowledgeFile, Problem};
use super::validate_entry::{entry_problems, is_slug};

/// Checks a whole knowledge set; an empty list means it may be served.
pub fn validate(k: &Knowledge) -> Vec<Problem> {
    let mut problems = Vec::new();
    article_problems(k, &mut problems);
    let mut seen = HashMap::new();
    for (i, entry) in k.faq.iter().enumerate() {
        if let Some(first) = seen.insert(entry.id.as_str(), i) {
            problems.push(Problem::new(
                KnowledgeFile::Faq,
                Some(i),
                Some("id"),
                format!(
                    "duplicate entry id {:?} (first used by entry {})",
                    entry.id,
                    first + 1
                ),
            ));
        }
        for (field, message) in entry_problems(entry, k) {
            problems.push(Problem::new(
                KnowledgeFile::Faq,
                Some(i),
                Some(field),
                message,
            ));
        }
    }
    not_covered_problems(k, &mut problems);
    lexicon_problems(k, &mut problems);
    super::triage_check::problems(k, &mut problems);
    problems
}

/// `[[not_covered]]` topics live in `faq.toml` after the entries; their problems are
/// numbered after the entries' so the loader finds their lines.
fn not_covered_problems(k: &Knowledge, out: &mut Vec<Problem>) {
    let mut seen: HashSet<&str> = k.faq.iter().map(|e| e.id.as_str()).collect();
    for (i, topic) in k.not_covered.iter().enumerate() {
        let item = Some(k.faq.len() + i);
        let mut problem = |field, message: String| {
            out.push(Problem::new(KnowledgeFile::Faq, item, Some(field), message));
        };
        if !is_slug(&topic.id) {
            problem(
                "id",
                format!(
                    "not_covered id {:?} must be lower-case letters, digits and dashes",
                    topic.id
                ),
            );
        } else if !seen.insert(topic.id.as_str()) {
            problem(
                "id",
                format!("id {:?} is already used by an entry or topic", topic.id),
            );
        }
        if topic.phrasings.is_empty() || topic.phrasings.iter().any(|p| p.trim().is_empty()) {
            problem(
                "phrasings",
                format!("not_covered {:?} needs non-empty phrasings", topic.id),
            );
        }
        if let Some(message) = &topic.message
            && (message.trim().is_empty() || limits::len(message) > limits::PASSAGE)
        {
            problem(
                "message",
                format!(
                    "message must be non-empty and at most {} characters",
                    limits::PASSAGE
                ),
            );
        }
    }
}

/// Paragraphs of the article that no entry quotes from: patients could never reach them.
/// Returns (section id, paragraph index) pairs.
pub fn coverage_gaps(k: &Knowledge) -> Vec<(String, usize)> {
    let mut gaps = Vec::new();
    for section in &k.article.sections {
        for (i, paragraph) in section.paragraphs.iter().enumerate() {
            let covered = k.faq.iter().any(|e| {
                e.section == section.id
                    && (paragraph.contains(e.passage.as_str())
                        || e.passage.contains(paragraph.as_str()))
            });
            if !covered {
                gaps.push((section.id.clone(), i));
            }
        }
    }
    gaps
}

fn article_problems(k: &Knowledge, out: &mut Vec<Problem>) {
    use KnowledgeFile::Article;
    if k.article.title.trim().is_empty() {
        out.push(Problem::new(
            Article,
            None,
            None,
            "title must not be empty".to_owned(),
        ));
    }
    if k.article.sections.is_empty() {
        out.push(Problem::new(
            Article,
            None,
            None,
            "the article has no [[section]]".to_owned(),
        ));
    }
    let mut ids = HashSet::new();
    let mut slugs = HashSet::new();
    let mut labels = HashSet::new();
    for (i, s) in k.article.sections.iter().enumerate() {
        if !is_slug(&s.id) {
            out.push(Problem::new(
                Article,
                Some(i),
                Some("id"),
                format!(
                    "section id {:?} must be lower-case letters, digits and dashes",
                    s.id
                ),
            ));
        } else if !ids.insert(s.id.as_str()) {
            out.push(Problem::new(
                Article,
                Some(i),
                Some("id"),
                format!("duplicate section id {:?}", s.id),
            ));
        }
        if !is_slug(&s.slug) {
            out.push(Problem::new(
                Article,
                Some(i),
                Some("slug"),
                format!(
                    "slug {:?} must be lower-case letters, digits and dashes",
                    s.slug
                ),
            ));
        } else if !slugs.insert(s.slug.as_str()) {
            out.push(Problem::new(
                Article,
                Some(i),
                Some("slug"),
                format!("duplicate slug {:?}", s.slug),
            ));
        }
        if s.title.trim().is_empty() {
            out.push(Problem::new(
                Article,
                Some(i),
                Some("title"),
                "section title must not be empty".to_owned(),
            ));
        }
        if let Some(label) = &s.label {
            label_problems(i, label, &mut labels, out);
        }
        if s.paragraphs.is_empty() {
            out.push(Problem::new(
                Article,
                Some(i),
                Some("paragraphs"),
                "section has no paragraphs".to_owned(),
            ));
        }
        for (n, p) in s.paragraphs.iter().enumerate() {
            if p.trim().is_empty() {
                out.push(Problem::new(
                    Article,
                    Some(i),
                    Some("paragraphs"),
                    format!("paragraph {} is empty", n + 1),
                ));
            }
        }
    }
}

/// A section's topic label: said, short enough to be a button label, and not the same as
/// another section's (two topics patients cannot tell apart).
fn label_problems(item: usize, label: &str, seen: &mut HashSet<String>, out: &mut Vec<Problem>) {
    let problem = if label.trim().is_empty() {
        Some("section label must not be empty (leave it out to list the title)".to_owned())
    } else if limits::len(label) > limits::SECTION_LABEL {
        Some(format!(
            "section label is {} characters; at most {} fit a Discord button",
            limits::len(label),
            limits::SECTION_LABEL
        ))
    } else if !seen.insert(label.trim().to_lowercase()) {
        Some(format!("duplicate section label {label:?}"))
    } else {
        None
    };
    if let Some(message) = problem {
        out.push(Problem::new(
            KnowledgeFile::Article,
            Some(item),
            Some("label"),
            message,
        ));
    }
}

fn lexicon_problems(k: &Knowledge, out: &mut Vec<Problem>) {
    use KnowledgeFile::Lexicon;
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (i, g) in k.lexicon.groups.iter().enumerate() {
        if g.canonical.trim().is_empty() {
            out.push(Problem::new(
                Lexicon,
                Some(i),
                Some("canonical"),
                "canonical must not be empty".to_owned(),
            ));
        }
        if g.combine
            .iter()
            .any(|list| list.iter().all(|w| w.trim().is_empty()))
        {
            out.push(Problem::new(
                Lexicon,
                Some(i),
                Some("combine"),
                format!("group {:?} has an empty list to combine", g.canonical),
            ));
        }
        let variants = g.all_variants();
        if variants.is_empty() {
            out.push(Problem::new(
                Lexicon,
                Some(i),
                Some("variants"),
                format!("group {:?} has no variants", g.canonical),
            ));
        }
        for v in &variants {
            let key = v.trim().to_lowercase();
            if key.is_empty() {
                out.push(Problem::new(
                    Lexicon,
                    Some(i),
                    Some("variants"),
                    "a variant is empty".to_owned(),
                ));
            } else if key == g.canonical.trim().to_lowercase() {
                out.push(Problem::new(
                    Lexicon,
                    Some(i),
                    Some("variants"),
                    format!("variant {v:?} is the canonical itself"),
                ));
            } else if let Some(first) = owner.insert(key, i)
                && first != i
            {
                out.push(Problem::new(
                    Lexicon,
                    Some(i),
                    Some("variants"),
                    format!(
                        "variant {v:?} is also in group {:?}; a variant can mean only one thing",
                        k.lexicon.groups[first].canonical
                    ),
                ));
            }
        }
    }
}
