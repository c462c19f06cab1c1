//! Reads a knowledge folder, and turns every problem the validator finds into file, line
//! and message.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;

use super::model::{
    Article, Entry, Knowledge, Lexicon, NotCovered, Section, SynonymGroup, TriageRule, TriageRules,
};
use super::validate::{KnowledgeFile, Problem, validate};
use crate::error::{SourceError, SourceErrors, line_of};

/// The texts of a knowledge folder's four files, as read from disk (or as an edit would
/// write them).
#[derive(Debug, Clone)]
pub struct Sources {
    pub dir: PathBuf,
    pub article: String,
    pub faq: String,
    pub lexicon: String,
    pub triage: String,
}

impl Sources {
    pub fn read(dir: &Path) -> Result<Sources, SourceErrors> {
        let mut errors = Vec::new();
        let mut read = |file: KnowledgeFile| {
            let path = dir.join(file.file_name());
            std::fs::read_to_string(&path).unwrap_or_else(|e| {
                errors.push(SourceError::io(&path, &e));
                String::new()
            })
        };
        let sources = Sources {
            dir: dir.to_path_buf(),
            article: read(KnowledgeFile::Article),
            faq: read(KnowledgeFile::Faq),
            lexicon: read(KnowledgeFile::Lexicon),
            triage: read(KnowledgeFile::Triage),
        };
        if errors.is_empty() {
            Ok(sources)
        } else {
            Err(SourceErrors(errors))
        }
    }

    pub fn text(&self, file: KnowledgeFile) -> &str {
        match file {
            KnowledgeFile::Article => &self.article,
            KnowledgeFile::Faq => &self.faq,
            KnowledgeFile::Lexicon => &self.lexicon,
            KnowledgeFile::Triage => &self.triage,
        }
    }

    pub fn path(&self, file: KnowledgeFile) -> PathBuf {
        self.dir.join(file.file_name())
    }
}

/// Loads and validates the knowledge in `dir`.
pub fn load_dir(dir: &Path) -> Result<Knowledge, SourceErrors> {
    parse(&Sources::read(dir)?)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFile {
    title: String,
    #[serde(default)]
    author_note: Option<String>,
    #[serde(default)]
    reviewed: Option<String>,
    #[serde(default)]
    section: Vec<Spanned<Section>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FaqFile {
    #[serde(default)]
    entry: Vec<Spanned<Entry>>,
    #[serde(default)]
    not_covered: Vec<Spanned<NotCovered>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    stopwords: Vec<String>,
    #[serde(default)]
    unstemmed: Vec<String>,
    #[serde(default)]
    group: Vec<Spanned<SynonymGroup>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TriageFile {
    negation: super::model::NegationRules,
    reply: super::model::TriageReplies,
    #[serde(default)]
    rule: Vec<Spanned<TriageRule>>,
}

/// Where each item of each file starts and ends, to put line numbers on problems.
#[derive(Default)]
struct Spans {
    article: Vec<(usize, usize)>,
    faq: Vec<(usize, usize)>,
    lexicon: Vec<(usize, usize)>,
    triage: Vec<(usize, usize)>,
}

fn span_of<T>(s: &Spanned<T>) -> (usize, usize) {
    (s.span().start, s.span().end)
}

/// Parses and validates the four texts. All problems in all files are reported together.
pub fn parse(sources: &Sources) -> Result<Knowledge, SourceErrors> {
    let mut errors = Vec::new();
    let mut spans = Spans::default();
    let article: Option<ArticleFile> = parse_file(sources, KnowledgeFile::Article, &mut errors);
    let faq: Option<FaqFile> = parse_file(sources, KnowledgeFile::Faq, &mut errors);
    let lexicon: Option<LexiconFile> = parse_file(sources, KnowledgeFile::Lexicon, &mut errors);
    let triage: Option<TriageFile> = parse_file(sources, KnowledgeFile::Triage, &mut errors);
    let (Some(article), Some(faq), Some(lexicon), Some(triage)) = (article, faq, lexicon, triage)
    else {
        return Err(SourceErrors(errors));
    };
    spans.article = article.section.iter().map(span_of).collect();
    // Problems index `[[not_covered]]` topics after the entries (see `validate`).
    spans.faq = faq
        .entry
        .iter()
        .map(span_of)
        .chain(faq.not_covered.iter().map(span_of))
        .collect();
    spans.lexicon = lexicon.group.iter().map(span_of).collect();
    spans.triage = triage.rule.iter().map(span_of).collect();
    let knowledge = Knowledge {
        article: Article {
            title: article.title,
            author_note: article.author_note,
            reviewed: article.reviewed,
            sections: article
                .section
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
        },
        faq: faq.entry.into_iter().map(Spanned::into_inner).collect(),
        not_covered: faq
            .not_covered
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        lexicon: Lexicon {
            stopwords: lexicon.stopwords,
            unstemmed: lexicon.unstemmed,
            groups: lexicon.group.into_iter().map(Spanned::into_inner).collect(),
        },
        triage: TriageRules {
            negation: triage.negation,
            reply: triage.reply,
            rules: triage
                .rule
                .into_iter()
                .map(Spanned::into_inner)
                .collect::<Vec<TriageRule>>(),
        },
    };
    for problem in validate(&knowledge) {
        errors.push(locate(sources, &spans, &problem));
    }
    if let Some(date) = &knowledge.article.reviewed
        && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err()
    {
        let text = sources.text(KnowledgeFile::Article);
        errors.push(SourceError::new(
            &sources.path(KnowledgeFile::Article),
            crate::error::key_line(text, "reviewed"),
            format!("reviewed {date:?} is not a date written YYYY-MM-DD"),
        ));
    }
    if errors.is_empty() {
        Ok(knowledge)
    } else {
        Err(SourceErrors(errors))
    }
}

fn parse_file<T: DeserializeOwned>(
    sources: &Sources,
    file: KnowledgeFile,
    errors: &mut Vec<SourceError>,
) -> Option<T> {
    let text = sources.text(file);
    match toml::from_str(text) {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(SourceError::from_toml(&sources.path(file), text, &e));
            None
        }
    }
}

/// Turns a problem into an error at the line of the offending field (or item).
fn locate(sources: &Sources, spans: &Spans, problem: &Problem) -> SourceError {
    let text = sources.text(problem.file);
    let item_spans = match problem.file {
        KnowledgeFile::Article => &spans.article,
        KnowledgeFile::Faq => &spans.faq,
        KnowledgeFile::Lexicon => &spans.lexicon,
        KnowledgeFile::Triage => &spans.triage,
    };
    let line = problem
        .item
        .and_then(|i| item_spans.get(i))
        .map(|&(start, end)| {
            let offset = problem
                .field
                .and_then(|field| field_offset(&text[start..end.min(text.len())], field))
                .map_or(start, |o| start + o);
            line_of(text, offset)
        });
    let mut message = problem.message.clone();
    if let (Some(line), Some(item)) = (line, problem.item)
        && (message.starts_with("duplicate") || message.contains("already used"))
        && let Some(first) = first_with_same_field(text, item_spans, item, problem.field, line)
    {
        message.push_str(&format!("; first defined at line {first}"));
    }
    SourceError::new(&sources.path(problem.file), line, message)
}

/// For a duplicate: the line of the first earlier item whose `field` line reads exactly as
/// the duplicate's (line `line`), so the message can point at both.
fn first_with_same_field(
    text: &str,
    item_spans: &[(usize, usize)],
    item: usize,
    field: Option<&str>,
    line: usize,
) -> Option<usize> {
    let field = field?;
    let wanted = text.lines().nth(line - 1)?.trim();
    item_spans.get(..item)?.iter().find_map(|&(start, end)| {
        let offset = start + field_offset(&text[start..end.min(text.len())], field)?;
        let first = line_of(text, offset);
        (text.lines().nth(first - 1)?.trim() == wanted).then_some(first)
    })
}

/// Finds `field = ` at the start of a line within an item's text.
fn field_offset(item: &str, field: &str) -> Option<usize> {
    let mut offset = 0;
    for line in item.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(field)
            && rest.trim_start().starts_with('=')
        {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}
