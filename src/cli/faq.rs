//! `faqbot faq …`: operators curate the FAQ from a shell, through the same
//! [`KnowledgeStore`] the Discord moderator commands use — same validator, same atomic
//! write, same audit log (the actor is `cli:$USER`). A bot running on the same folder picks
//! the change up with its file watcher.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::args::{Global, report_errors};
use super::faq_tools::{
    confirm, fail, list, new_phrasings, operator, unknown_entry, warn_collisions,
};
use crate::config::Config;
use crate::engine::Engine;
use crate::knowledge::{
    Applied, AuditLog, EditError, Entry, EntryVersion, KnowledgeStore, Submitted, entry_snippet,
    parse_snippet,
};

#[derive(Debug, Clone, Subcommand)]
pub enum FaqCommand {
    /// List the entries: id, section and question, one per line.
    List,
    /// Print one entry as a TOML snippet, with its version.
    Show {
        /// The entry id.
        id: String,
    },
    /// Add an entry, from a TOML snippet (--file) or from flags.
    Add {
        /// A TOML file holding the entry (`[[entry]]` and its fields, as `faq show` prints); `-` reads stdin.
        #[arg(long, conflicts_with_all = ["id", "section", "question", "alternates", "passage", "tags", "evidence_note", "summary", "not_summary"])]
        file: Option<PathBuf>,
        /// The new entry's id: lower-case letters, digits and dashes.
        #[arg(long)]
        id: Option<String>,
        #[command(flatten)]
        fields: EntryFields,
    },
    /// Edit an entry: --file replaces it whole; flags change only the fields they name.
    Edit {
        /// The entry id.
        id: String,
        /// Refuse the edit unless the entry is still at this version (from `faq show`).
        #[arg(long)]
        expected_version: Option<String>,
        /// A TOML file holding the whole new entry; `-` reads stdin.
        #[arg(long, conflicts_with_all = ["section", "question", "alternates", "passage", "tags", "evidence_note", "summary", "not_summary"])]
        file: Option<PathBuf>,
        #[command(flatten)]
        fields: EntryFields,
    },
    /// Remove an entry.
    Remove {
        /// The entry id.
        id: String,
        /// Refuse unless the entry is still at this version (from `faq show`).
        #[arg(long)]
        expected_version: Option<String>,
        /// Do not ask for confirmation (it is only asked on a terminal).
        #[arg(long, short)]
        yes: bool,
    },
    /// Add one alternate phrasing to an entry.
    Alias {
        /// The entry id.
        id: String,
        /// Add it even if it matches another entry or a not-covered topic better.
        #[arg(long)]
        force: bool,
        /// The phrasing, as a patient would type it.
        #[arg(required = true)]
        phrase: Vec<String>,
    },
    /// Recent changes, newest first: who, when, what.
    History {
        /// Only changes to this entry.
        id: Option<String>,
        /// How many changes to show.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// Print the audit records as JSON lines.
        #[arg(long)]
        json: bool,
    },
    /// Print the current faq.toml (or write it to a file).
    Export {
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

/// An entry's fields as flags. When editing, only the flags given change anything; a
/// repeated flag (--alternate, --tag) replaces the whole list.
#[derive(Debug, Clone, Default, Args)]
pub struct EntryFields {
    /// The id of the article section the passage comes from (see `faqbot sections`).
    #[arg(long)]
    section: Option<String>,
    /// The canonical question.
    #[arg(long)]
    question: Option<String>,
    /// Another way patients ask it; repeat for several.
    #[arg(long = "alternate", value_name = "PHRASE")]
    alternates: Vec<String>,
    /// The answer: verbatim article text unless --summary true.
    #[arg(long)]
    passage: Option<String>,
    /// A grouping label; repeat for several.
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Moderator context shown beside the passage; an empty value removes it.
    #[arg(long)]
    evidence_note: Option<String>,
    /// Mark the passage as a curated summary (exempt from the verbatim check).
    #[arg(long, overrides_with = "not_summary")]
    summary: bool,
    /// Mark the passage as verbatim article text again (when editing a summary).
    #[arg(long)]
    not_summary: bool,
}

impl EntryFields {
    fn apply_to(self, mut entry: Entry) -> Entry {
        if let Some(section) = self.section {
            entry.section = section;
        }
        if let Some(question) = self.question {
            entry.question = question;
        }
        if !self.alternates.is_empty() {
            entry.alternates = self.alternates;
        }
        if let Some(passage) = self.passage {
            entry.passage = passage;
        }
        if !self.tags.is_empty() {
            entry.tags = self.tags;
        }
        if let Some(note) = self.evidence_note {
            entry.evidence_note = (!note.trim().is_empty()).then_some(note);
        }
        if self.summary {
            entry.summary = true;
        } else if self.not_summary {
            entry.summary = false;
        }
        entry
    }

    fn is_empty(&self) -> bool {
        self.section.is_none()
            && self.question.is_none()
            && self.alternates.is_empty()
            && self.passage.is_none()
            && self.tags.is_empty()
            && self.evidence_note.is_none()
            && !self.summary
            && !self.not_summary
    }
}

pub fn run(cli: &Global, command: FaqCommand) -> ExitCode {
    let config = match Config::discover(cli.config.as_deref()) {
        Ok(mut config) => {
            if let Some(dir) = &cli.knowledge {
                config.knowledge_dir = dir.clone();
            }
            config
        }
        Err(e) => {
            report_errors(&e.into());
            return ExitCode::from(2);
        }
    };
    // History needs only the audit log, so it works even while the files are broken.
    if let FaqCommand::History { id, limit, json } = &command {
        return history(
            &AuditLog::new(&config.data_dir),
            id.as_deref(),
            *limit,
            *json,
        );
    }
    let store = match KnowledgeStore::open(config.knowledge_dir.clone(), &config.data_dir) {
        Ok(store) => store,
        Err(errors) => {
            report_errors(&errors);
            return ExitCode::from(2);
        }
    };
    let actor = operator();
    // The engine as it is now, to check new phrasings against.
    let engine = || Engine::new((*store.knowledge()).clone(), &config);
    match command {
        FaqCommand::List => list(&store),
        FaqCommand::Show { id } => match store.entry(&id) {
            Some((entry, version)) => {
                print!("# version: {version}\n{}", entry_snippet(&entry));
                ExitCode::SUCCESS
            }
            None => unknown_entry(&store, &id),
        },
        FaqCommand::Add { file, id, fields } => {
            let entry = match file {
                Some(path) => match read_snippet(&path) {
                    Ok(entry) => entry,
                    Err(code) => return code,
                },
                None => {
                    let Some(id) = id else {
                        return fail("give the new entry's --id (or a --file holding the entry)");
                    };
                    fields.apply_to(Entry {
                        id,
                        section: String::new(),
                        question: String::new(),
                        alternates: Vec::new(),
                        passage: String::new(),
                        tags: Vec::new(),
                        evidence_note: None,
                        summary: false,
                    })
                }
            };
            warn_collisions(&engine(), &entry.id, new_phrasings(&entry, None));
            report(store.add(entry, &actor))
        }
        FaqCommand::Edit {
            id,
            expected_version,
            file,
            fields,
        } => {
            let Some((current, current_version)) = store.entry(&id) else {
                return unknown_entry(&store, &id);
            };
            let expected = match parse_version(expected_version.as_deref(), current_version) {
                Ok(v) => v,
                Err(code) => return code,
            };
            let entry = match file {
                Some(path) => match read_snippet(&path) {
                    Ok(entry) => entry,
                    Err(code) => return code,
                },
                None if fields.is_empty() => {
                    return fail(
                        "nothing to change: give --file, or flags such as --question or --alternate",
                    );
                }
                None => fields.apply_to(current.clone()),
            };
            warn_collisions(&engine(), &id, new_phrasings(&entry, Some(&current)));
            report(store.edit(&id, entry, &expected, &actor))
        }
        FaqCommand::Remove {
            id,
            expected_version,
            yes,
        } => {
            let Some((entry, current_version)) = store.entry(&id) else {
                return unknown_entry(&store, &id);
            };
            let expected = match parse_version(expected_version.as_deref(), current_version) {
                Ok(v) => v,
                Err(code) => return code,
            };
            if !yes && std::io::stdin().is_terminal() && !confirm(&entry) {
                eprintln!("Nothing was removed.");
                return ExitCode::FAILURE;
            }
            report(store.remove(&id, &expected, &actor))
        }
        FaqCommand::Alias { id, phrase, force } => {
            let phrase = phrase.join(" ");
            if store.entry(&id).is_none() {
                return unknown_entry(&store, &id);
            }
            if let Some(collision) = engine().phrasing_collision(&id, &phrase)
                && !force
            {
                return fail(&format!(
                    "{collision}: as an alias of {id:?} it would take that {}'s questions. \
                     Nothing was saved; add the alias to {:?} instead, or pass --force to add it anyway.",
                    if collision.not_covered {
                        "topic"
                    } else {
                        "entry"
                    },
                    collision.other_id
                ));
            }
            report(store.add_alias(&id, &phrase, &actor))
        }
        FaqCommand::Export { output } => {
            let text = store.export();
            match output {
                Some(path) => match std::fs::write(&path, text) {
                    Ok(()) => {
                        eprintln!("wrote {}", path.display());
                        ExitCode::SUCCESS
                    }
                    Err(e) => fail(&format!("cannot write {}: {e}", path.display())),
                },
                None => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
            }
        }
        FaqCommand::History { .. } => unreachable!("handled above"),
    }
}

fn history(log: &AuditLog, id: Option<&str>, limit: usize, json: bool) -> ExitCode {
    let records = match log.history(id, limit) {
        Ok(records) => records,
        Err(e) => return fail(&format!("cannot read {}: {e}", log.path().display())),
    };
    let mut out = std::io::stdout().lock();
    for record in &records {
        let line = if json {
            serde_json::to_string(record).unwrap_or_default()
        } else {
            format!(
                "{}  {} ({})  {}  {}",
                record.at_rfc3339(),
                record.actor.name,
                record.actor.id,
                record.entry_id,
                record.summary()
            )
        };
        if writeln!(out, "{line}").is_err() {
            break;
        }
    }
    if records.is_empty() && !json {
        eprintln!("no changes recorded in {}", log.path().display());
    }
    ExitCode::SUCCESS
}

fn parse_version(given: Option<&str>, current: EntryVersion) -> Result<EntryVersion, ExitCode> {
    match given {
        None => Ok(current),
        Some(text) => text.parse().map_err(|e: String| fail(&e)),
    }
}

fn read_snippet(path: &Path) -> Result<Entry, ExitCode> {
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(path)
    };
    let text = text.map_err(|e| fail(&format!("cannot read {}: {e}", path.display())))?;
    parse_snippet(&text).map_err(|e| fail(&format!("{}: {e}", path.display())))
}

fn report(result: Result<Applied, EditError>) -> ExitCode {
    match result {
        Ok(applied) => {
            let r = &applied.record;
            match &applied.version {
                Some(v) => println!(
                    "{} {:?}: {} (version {v})",
                    r.action.as_str(),
                    r.entry_id,
                    r.summary()
                ),
                None => println!("{} {:?}: {}", r.action.as_str(), r.entry_id, r.summary()),
            }
            for warning in &applied.warnings {
                eprintln!("warning: {warning}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            if let Submitted::Entry(_) = &err.submitted {
                eprintln!(
                    "\nNothing was saved. Your entry, to fix and resend with --file:\n\n{}",
                    err.submitted_text()
                );
            }
            ExitCode::FAILURE
        }
    }
}
