//! What the validator reports: a problem with one item of one knowledge file.

/// Which knowledge file a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KnowledgeFile {
    Article,
    Faq,
    Lexicon,
    Triage,
}

impl KnowledgeFile {
    pub const ALL: [KnowledgeFile; 4] = [Self::Article, Self::Faq, Self::Lexicon, Self::Triage];

    pub fn file_name(self) -> &'static str {
        match self {
            Self::Article => "article.toml",
            Self::Faq => "faq.toml",
            Self::Lexicon => "synonyms.toml",
            Self::Triage => "triage.toml",
        }
    }
}

/// One problem with one item (section, entry, synonym group or rule) of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: KnowledgeFile,
    /// Index of the item in its file's list; `None` for file-level problems.
    pub item: Option<usize>,
    /// The field the problem is in, to point at its line.
    pub field: Option<&'static str>,
    pub message: String,
}

impl Problem {
    pub(super) fn new(
        file: KnowledgeFile,
        item: Option<usize>,
        field: Option<&'static str>,
        message: String,
    ) -> Self {
        Self {
            file,
            item,
            field,
            message,
        }
    }
}
