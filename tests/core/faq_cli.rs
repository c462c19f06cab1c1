//! `faqbot faq …`: the operators' way to the same store the Discord commands use.

use std::path::Path;
use std::process::{Command, Output};

use faqbot::knowledge::{AuditAction, AuditLog, load_dir, parse_snippet};

use crate::support::knowledge::knowledge_copy;

struct Cli {
    knowledge: tempfile::TempDir,
    data: tempfile::TempDir,
    config: std::path::PathBuf,
}

impl Cli {
    fn new() -> Cli {
        let knowledge = knowledge_copy();
        let data = tempfile::tempdir().unwrap();
        let config = data.path().join("config.toml");
        std::fs::write(
            &config,
            format!(
                "knowledge_dir = {:?}\ndata_dir = {:?}\n",
                knowledge.path().display().to_string(),
                data.path().join("data").display().to_string()
            ),
        )
        .unwrap();
        Cli {
            knowledge,
            data,
            config,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_faqbot"))
            .arg("--config")
            .arg(&self.config)
            .arg("faq")
            .args(args)
            .env("USER", "operator")
            .env_remove("FAQBOT_CONFIG")
            .output()
            .expect("run faqbot")
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "faqbot faq {args:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn faq(&self) -> String {
        std::fs::read_to_string(self.knowledge.path().join("faq.toml")).unwrap()
    }

    fn audit(&self) -> AuditLog {
        AuditLog::new(&self.data.path().join("data"))
    }
}

fn version_of(show: &str) -> &str {
    show.lines()
        .next()
        .unwrap()
        .strip_prefix("# version: ")
        .expect("version line")
}

#[test]
fn show_add_edit_alias_remove_history_export() {
    let cli = Cli::new();

    // show: the entry as a snippet, with its version.
    let show = cli.ok(&["show", "what-is-acupuncture"]);
    let entry = parse_snippet(&show).expect("show prints a snippet that reads back");
    assert_eq!(entry.id, "what-is-acupuncture");
    assert_eq!(version_of(&show).len(), 16);

    // add from a snippet file.
    let mut new = entry.clone();
    new.id = "cli-added".to_owned();
    new.question = "Was this entry added from the command line?".to_owned();
    new.alternates = vec!["added by an operator".to_owned()];
    let file = cli.data.path().join("new.toml");
    std::fs::write(&file, faqbot::knowledge::entry_snippet(&new)).unwrap();
    let out = cli.ok(&["add", "--file", file.to_str().unwrap()]);
    assert!(
        out.starts_with("add \"cli-added\": added (version "),
        "{out}"
    );
    assert_eq!(
        load_dir(cli.knowledge.path()).unwrap().entry("cli-added"),
        Some(&new)
    );

    // edit with flags: only the fields given change.
    let show = cli.ok(&["show", "cli-added"]);
    let out = cli.ok(&[
        "edit",
        "cli-added",
        "--expected-version",
        version_of(&show),
        "--question",
        "Was this entry edited from the command line?",
    ]);
    assert!(out.contains("edited question"), "{out}");
    let edited = load_dir(cli.knowledge.path())
        .unwrap()
        .entry("cli-added")
        .cloned()
        .unwrap();
    assert_eq!(
        edited.question,
        "Was this entry edited from the command line?"
    );
    assert_eq!(edited.passage, new.passage);

    // A stale version is refused, and nothing changes.
    let before = cli.faq();
    let out = cli.run(&[
        "remove",
        "cli-added",
        "--expected-version",
        version_of(&show),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("changed by someone else"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(cli.faq(), before);

    // alias, then remove at the current version.
    cli.ok(&["alias", "cli-added", "typed", "at", "the", "console"]);
    assert!(
        load_dir(cli.knowledge.path())
            .unwrap()
            .entry("cli-added")
            .unwrap()
            .alternates
            .contains(&"typed at the console".to_owned())
    );
    let show = cli.ok(&["show", "cli-added"]);
    cli.ok(&[
        "remove",
        "cli-added",
        "--expected-version",
        version_of(&show),
    ]);
    assert!(
        load_dir(cli.knowledge.path())
            .unwrap()
            .entry("cli-added")
            .is_none()
    );

    // history: audited as the operator, newest first.
    let records = cli.audit().history(None, 10).unwrap();
    let actions: Vec<_> = records.iter().map(|r| r.action).collect();
    assert_eq!(
        actions,
        [
            AuditAction::Remove,
            AuditAction::Alias,
            AuditAction::Edit,
            AuditAction::Add
        ]
    );
    assert!(
        records
            .iter()
            .all(|r| r.actor.id == "cli:operator" && r.actor.name == "operator")
    );
    let text = cli.ok(&["history", "cli-added", "--limit", "2"]);
    let lines: Vec<_> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].contains("operator (cli:operator)  cli-added  removed"),
        "{text}"
    );
    assert!(
        lines[1].contains("added alternate \"typed at the console\""),
        "{text}"
    );
    let json = cli.ok(&["history", "--json", "--limit", "1"]);
    let record: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(record["action"], "remove");

    // export: the file being served.
    assert_eq!(cli.ok(&["export"]), cli.faq());
    let exported = cli.data.path().join("export.toml");
    cli.ok(&["export", "--output", exported.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(exported).unwrap(), cli.faq());
}

#[test]
fn a_rejected_add_prints_the_entry_back_and_changes_nothing() {
    let cli = Cli::new();
    let before = cli.faq();
    let out = cli.run(&[
        "add",
        "--id",
        "made-up",
        "--section",
        "intro",
        "--question",
        "Does acupuncture cure everything?",
        "--alternate",
        "cure all",
        "--passage",
        "Acupuncture cures everything, always.",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("passage is not verbatim in section \"intro\""),
        "{stderr}"
    );
    assert!(stderr.contains("Nothing was saved"), "{stderr}");
    let snippet = &stderr[stderr.find("[[entry]]").expect("the entry is printed back")..];
    let entry = parse_snippet(snippet).expect("and reads back");
    assert_eq!(entry.passage, "Acupuncture cures everything, always.");
    assert_eq!(entry.alternates, ["cure all"]);
    assert_eq!(cli.faq(), before);
    assert!(!Path::new(&cli.data.path().join("data/audit.jsonl")).exists());
}

#[test]
fn concurrent_cli_processes_lose_no_edit() {
    let cli = Cli::new();
    let before = load_dir(cli.knowledge.path()).unwrap();
    let passage = before.entry("what-is-acupuncture").unwrap().passage.clone();
    const PROCESSES: usize = 6;
    let children: Vec<_> = (0..PROCESSES)
        .map(|n| {
            Command::new(env!("CARGO_BIN_EXE_faqbot"))
                .arg("--config")
                .arg(&cli.config)
                .args([
                    "faq",
                    "add",
                    "--id",
                    &format!("process-{n}"),
                    "--section",
                    "intro",
                ])
                .args([
                    "--question",
                    &format!("Which process added entry number {n}?"),
                ])
                .args(["--passage", &passage])
                .env("USER", format!("operator{n}"))
                .env_remove("FAQBOT_CONFIG")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn faqbot")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after = load_dir(cli.knowledge.path()).expect("the file parses");
    assert_eq!(
        after.faq.len(),
        before.faq.len() + PROCESSES,
        "no process's add was lost"
    );
    for n in 0..PROCESSES {
        assert!(after.entry(&format!("process-{n}")).is_some());
    }
    assert_eq!(cli.audit().history(None, 100).unwrap().len(), PROCESSES);
}

#[test]
fn list_names_every_entry_and_unknown_ids_get_did_you_mean() {
    let cli = Cli::new();
    let knowledge = load_dir(cli.knowledge.path()).unwrap();
    let list = cli.ok(&["list"]);
    assert_eq!(list.lines().count(), knowledge.faq.len(), "{list}");
    for (line, entry) in list.lines().zip(&knowledge.faq) {
        let columns: Vec<&str> = line.split("  ").filter(|c| !c.is_empty()).collect();
        assert_eq!(columns[0].trim(), entry.id, "{line}");
        assert_eq!(columns[1].trim(), entry.section, "{line}");
        assert!(line.ends_with(&entry.question), "{line}");
    }

    // A typo in an id: the nearest ids, for show, edit and remove alike.
    for command in [
        vec!["show", "what-is-acupunture"],
        vec!["edit", "what-is-acupunture", "--question", "x"],
        vec!["remove", "what-is-acupunture"],
    ] {
        let out = cli.run(&command);
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("did you mean \"what-is-acupuncture\""),
            "{command:?}: {stderr}"
        );
    }
}

#[test]
fn an_alias_that_another_topic_matches_better_is_refused_naming_it() {
    let cli = Cli::new();
    let before = cli.faq();
    let out = cli.run(&[
        "alias",
        "what-is-acupuncture",
        "do",
        "the",
        "needles",
        "hurt",
        "a",
        "lot",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("not-covered topic \"needles-hurt\""),
        "the collision is named: {stderr}"
    );
    assert_eq!(cli.faq(), before, "nothing saved");

    // --force adds it all the same.
    cli.ok(&[
        "alias",
        "--force",
        "what-is-acupuncture",
        "do the needles hurt a lot",
    ]);
    assert!(cli.faq().contains("do the needles hurt a lot"));

    // A new entry whose question another entry answers: added, with a warning naming it.
    let knowledge = load_dir(cli.knowledge.path()).unwrap();
    let other = &knowledge.faq[0];
    let out = cli.run(&[
        "add",
        "--id",
        "near-copy",
        "--section",
        &other.section,
        "--question",
        &other.question,
        "--passage",
        &knowledge.section(&other.section).unwrap().paragraphs[0],
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "warning: {:?} matches entry {:?}",
            other.question, other.id
        )),
        "{stderr}"
    );
}

#[test]
fn without_user_the_audit_names_the_uid_and_summary_is_a_plain_flag() {
    use std::os::unix::fs::MetadataExt;
    let cli = Cli::new();
    let out = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .arg("--config")
        .arg(&cli.config)
        .args(["faq", "edit", "what-is-acupuncture", "--summary"])
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("FAQBOT_CONFIG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let entry = load_dir(cli.knowledge.path()).unwrap();
    assert!(entry.entry("what-is-acupuncture").unwrap().summary);
    let uid = std::fs::metadata("/proc/self").unwrap().uid();
    let record = &cli.audit().history(None, 1).unwrap()[0];
    assert_eq!(record.actor.id, format!("cli:uid:{uid}"));

    cli.ok(&["edit", "what-is-acupuncture", "--not-summary"]);
    let entry = load_dir(cli.knowledge.path()).unwrap();
    assert!(!entry.entry("what-is-acupuncture").unwrap().summary);
}
