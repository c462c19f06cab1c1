//! The repository's knowledge and a config that writes only to a temporary folder.

use std::path::{Path, PathBuf};

use faqbot::config::Config;
use faqbot::knowledge::{self, Entry, Knowledge, KnowledgeFile, Section};
use tempfile::TempDir;

/// The repository's `knowledge/` folder.
pub fn repo_knowledge_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// The repository's knowledge, loaded and validated as the bot loads it.
pub fn repo_knowledge() -> Knowledge {
    load(&repo_knowledge_dir())
}

/// Loads and validates a knowledge folder, panicking with every file:line error.
pub fn load(dir: &Path) -> Knowledge {
    knowledge::load_dir(dir).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.0.iter().map(|e| e.to_string()).collect();
        panic!(
            "knowledge in {} does not load:\n{}",
            dir.display(),
            lines.join("\n")
        )
    })
}

/// The built-in default config, reading the repository's knowledge and writing its data
/// (unanswered log, audit log) under a fresh temporary folder, which lives as long as the
/// returned guard.
pub fn test_config() -> (Config, TempDir) {
    let data = tempfile::tempdir().expect("temp data dir");
    let config = Config {
        knowledge_dir: repo_knowledge_dir(),
        data_dir: data.path().join("data"),
        ..Config::default()
    };
    (config, data)
}

/// A temporary copy of the repository's knowledge folder, to edit freely.
pub fn knowledge_copy() -> TempDir {
    let dir = tempfile::tempdir().expect("temp knowledge dir");
    for file in KnowledgeFile::ALL {
        let name = file.file_name();
        std::fs::copy(repo_knowledge_dir().join(name), dir.path().join(name))
            .unwrap_or_else(|e| panic!("copy knowledge/{name}: {e}"));
    }
    dir
}

/// Appends sections to `article.toml` and entries to `faq.toml` in a knowledge folder,
/// written as TOML the way an operator would.
pub fn append_to_knowledge(dir: &Path, sections: &[Section], entries: &[Entry]) {
    #[derive(serde::Serialize)]
    struct Sections<'a> {
        section: &'a [Section],
    }
    #[derive(serde::Serialize)]
    struct Entries<'a> {
        entry: &'a [Entry],
    }
    let append = |file: KnowledgeFile, text: String| {
        let path = dir.join(file.file_name());
        let mut all = std::fs::read_to_string(&path).expect("read knowledge file");
        all.push('\n');
        all.push_str(&text);
        std::fs::write(&path, all).expect("write knowledge file");
    };
    if !sections.is_empty() {
        append(
            KnowledgeFile::Article,
            toml::to_string(&Sections { section: sections }).expect("sections as TOML"),
        );
    }
    if !entries.is_empty() {
        append(
            KnowledgeFile::Faq,
            toml::to_string(&Entries { entry: entries }).expect("entries as TOML"),
        );
    }
}
