//! The moderator tools (`/faqmod …`) through the fake Discord: adding, editing, aliasing
//! and removing entries with the very next `/ask` reflecting each change; refusals for
//! non-moderators (the FAQ file byte-for-byte unchanged); stale and invalid edits; the
//! unanswered list; history; reload, the moderator log channel and export. Every bot here
//! edits a temporary copy of the tests' fixture knowledge.

use std::path::{Path, PathBuf};

use faqbot::knowledge::{Actor, KnowledgeFile, KnowledgeStore};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::helpers::*;
use crate::support::bot::{TestBot, fixture_knowledge_dir};
use crate::support::fake_discord::payloads::{self, IN_GUILD};
use crate::support::fake_discord::{
    CHANNEL, FakeDiscord, MODERATOR, Person, Request, alice, bob, moderator,
};

/// The modal (form) interaction callback type.
const MODAL: u64 = 9;
/// Where the bot reports knowledge problems in these tests.
const LOG_CHANNEL: u64 = 700_000_000_000_000_042;
/// The refusal everyone without a moderator role gets.
const REFUSAL: &str =
    "⛔ Only members with a moderator role can change the FAQ. Nothing was changed.";

/// A bot over its own copy of the fixture knowledge (the other test modules use it too).
pub(crate) struct Moderated {
    pub(crate) fake: FakeDiscord,
    pub(crate) bot: TestBot,
    knowledge: TempDir,
}

impl Moderated {
    pub(crate) async fn start() -> Moderated {
        Self::start_with(|_| {}, false).await
    }

    pub(crate) async fn start_with(
        configure: impl FnOnce(&mut faqbot::Config),
        watching: bool,
    ) -> Moderated {
        let knowledge = tempfile::tempdir().expect("temp knowledge dir");
        for file in KnowledgeFile::ALL {
            let name = file.file_name();
            std::fs::copy(
                fixture_knowledge_dir().join(name),
                knowledge.path().join(name),
            )
            .expect("copy the fixture knowledge");
        }
        let fake = FakeDiscord::start().await;
        let dir = knowledge.path().to_path_buf();
        let configure = move |c: &mut faqbot::Config| {
            c.knowledge_dir = dir;
            configure(c);
        };
        let bot = if watching {
            TestBot::start_watching(&fake, configure).await
        } else {
            TestBot::start(&fake, configure).await
        };
        Moderated {
            fake,
            bot,
            knowledge,
        }
    }

    pub(crate) fn faq_path(&self) -> PathBuf {
        self.knowledge.path().join("faq.toml")
    }

    pub(crate) fn faq_bytes(&self) -> Vec<u8> {
        std::fs::read(self.faq_path()).expect("read faq.toml")
    }

    pub(crate) fn audit_path(&self) -> PathBuf {
        self.bot.service.config().data_dir.join("audit.jsonl")
    }

    /// Sends an interaction and returns the bot's callback.
    pub(crate) async fn send(&self, interaction: impl FnOnce(u64) -> Value) -> Request {
        send(&self.fake, interaction).await
    }

    /// `/faqmod <sub> [options]` by `who`.
    pub(crate) async fn faqmod(&self, sub: &str, options: Value, who: &Person) -> Request {
        self.send(|id| {
            payloads::slash(
                id,
                "faqmod",
                json!([{ "name": sub, "type": 1, "options": options }]),
                who,
                IN_GUILD,
            )
        })
        .await
    }

    /// Submits the form `custom_id` with `fields`, as `who`.
    pub(crate) async fn submit(
        &self,
        custom_id: &str,
        fields: &[(&str, &str)],
        who: &Person,
        from: Option<&Value>,
    ) -> Request {
        self.send(|id| payloads::modal_submit(id, custom_id, fields, who, IN_GUILD, from))
            .await
    }

    /// `/ask question` by alice.
    pub(crate) async fn ask(&self, question: &str) -> Request {
        self.send(|id| payloads::ask(id, question, &alice(), IN_GUILD))
            .await
    }

    /// The title of the answer `/ask question` gets, if it gets an answer (an embed with
    /// feedback buttons).
    pub(crate) async fn answer_title(&self, question: &str) -> Option<String> {
        let callback = self.ask(question).await;
        has_component(&callback, "faq:fb:up:").then(|| text(&embed(&callback)["title"]).to_owned())
    }

    /// A click on button `custom_id` of the message `sent`, by `who`.
    pub(crate) async fn click(&self, sent: &Request, custom_id: &str, who: &Person) -> Request {
        let message = self.fake.message_from(sent, CHANNEL);
        click(&self.fake, &message, custom_id, who).await
    }

    /// A choice of `value` in menu `custom_id` of the message `sent`, by `who`.
    pub(crate) async fn choose(
        &self,
        sent: &Request,
        custom_id: &str,
        value: &str,
        who: &Person,
    ) -> Request {
        let message = self.fake.message_from(sent, CHANNEL);
        choose(&self.fake, &message, custom_id, value, who).await
    }

    /// Panics unless `/ask question` gets the answer titled `title`: how these tests see
    /// that a change is in effect from the very next question.
    pub(crate) async fn assert_answered_as(&self, question: &str, title: &str) {
        assert_eq!(
            self.answer_title(question).await.as_deref(),
            Some(title),
            "/ask {question:?}"
        );
    }

    /// Ends the test as every test against the fake ends (see [`assert_clean_and_stop`]).
    pub(crate) async fn assert_clean_and_stop(self) {
        assert_clean_and_stop(&self.fake, self.bot).await;
    }
}

/// The text inputs of a form callback, by custom id.
fn inputs(callback: &Request) -> Vec<(String, Value)> {
    assert_eq!(kind(callback), MODAL, "a form: {:#}", callback.body);
    callback.body["data"]["components"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            let input = row["components"][0].clone();
            (text(&input["custom_id"]).to_owned(), input)
        })
        .collect()
}

/// The pre-filled value of input `key` ("" when blank).
pub(crate) fn value(callback: &Request, key: &str) -> String {
    inputs(callback)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, input)| text(&input["value"]).to_owned())
        .unwrap_or_else(|| panic!("no input {key}"))
}

pub(crate) fn content(callback: &Request) -> &str {
    text(&message(callback)["content"])
}

/// Asserts that `reply` is the ⛔ refusal, carrying the medical disclaimer like every message.
fn assert_refused(m: &Moderated, reply: &Request, what: &str) {
    assert_eq!(notice(reply), REFUSAL, "{what}");
    assert_eq!(
        embed(reply)["footer"]["text"],
        m.bot.service.config().disclaimer.as_str(),
        "the refusal carries the disclaimer: {what}"
    );
}

/// The form's values as submitted, taken from its pre-filled inputs with `changes` applied.
fn filled<'a>(form: &'a Request, changes: &[(&'a str, &'a str)]) -> Vec<(String, String)> {
    inputs(form)
        .into_iter()
        .map(|(key, input)| {
            let v = changes.iter().find(|(k, _)| *k == key).map_or_else(
                || text(&input["value"]).to_owned(),
                |(_, v)| (*v).to_owned(),
            );
            (key, v)
        })
        .collect()
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

fn audit_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("audit line is JSON"))
        .collect()
}

const NEW_QUESTION: &str = "Is acupuncture better than sham treatment?";
const NEW_ID: &str = "is-acupuncture-better-than-sham-treatment";
const NEW_PASSAGE: &str = "Other studies found little difference from sham treatment.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registers_faqmod_hidden_from_members_who_cannot_manage_the_server() {
    let m = Moderated::start().await;
    let put = m.fake.wait_ready().await;
    let commands = put.body.as_array().expect("commands");
    let faqmod = commands
        .iter()
        .find(|c| c["name"] == "faqmod")
        .expect("/faqmod registered");
    // MANAGE_GUILD (1 << 5): Discord shows it only to those who can manage the server.
    assert_eq!(faqmod["default_member_permissions"], "32");
    assert_eq!(faqmod["contexts"], json!([0]), "guild only");
    assert_eq!(
        texts_of(&faqmod["options"], "name"),
        [
            "add",
            "edit",
            "remove",
            "alias",
            "unanswered",
            "history",
            "reload",
            "export"
        ]
    );
    let faq = commands.iter().find(|c| c["name"] == "faq").expect("/faq");
    assert!(
        faq["default_member_permissions"].is_null(),
        "patients' /faq stays visible to everyone"
    );
    m.bot.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn moderator_adds_edits_aliases_and_removes_and_the_next_ask_follows() {
    let m = Moderated::start().await;
    let me = moderator();
    assert_eq!(
        m.answer_title(NEW_QUESTION).await,
        None,
        "not in the FAQ yet"
    );

    // Add: the form, pre-filled with the section chosen (with autocomplete) on the command.
    let id = m.fake.next_id();
    m.fake.interact(payloads::autocomplete(
        id,
        "faqmod",
        Some("add"),
        "section",
        "evid",
        &me,
    ));
    let choices = m.fake.callback(id).await;
    assert_eq!(
        choices.body["data"]["choices"],
        json!([{ "name": "What the evidence says (evidence)", "value": "evidence" }])
    );
    let form = m
        .faqmod(
            "add",
            json!([{ "name": "section", "type": 3, "value": "evidence" }]),
            &me,
        )
        .await;
    let modal = &form.body["data"];
    assert_eq!(modal["custom_id"], "faq:mod:new");
    assert_eq!(modal["title"], "New FAQ entry");
    let keys: Vec<String> = inputs(&form).into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        keys,
        [
            "question",
            "alternates",
            "passage",
            "section",
            "evidence_note"
        ]
    );
    assert_eq!(value(&form, "section"), "evidence");
    assert_eq!(value(&form, "question"), "");
    let added = m
        .submit(
            "faq:mod:new",
            &[
                ("question", NEW_QUESTION),
                (
                    "alternates",
                    "is it just placebo\n\nsham acupuncture comparison\n",
                ),
                ("passage", NEW_PASSAGE),
                ("section", "What the evidence says"),
                ("evidence_note", ""),
            ],
            &me,
            None,
        )
        .await;
    assert_eq!(kind(&added), MESSAGE);
    assert!(is_ephemeral(&added));
    assert_eq!(
        content(&added),
        format!(
            "✅ Added **{NEW_QUESTION}** (`{NEW_ID}`). It answers from the very next question."
        )
    );
    let answer = m.ask("is acupuncture better than sham treatment").await;
    assert_eq!(embed(&answer)["title"], NEW_QUESTION);
    assert_eq!(embed(&answer)["description"], format!("> {NEW_PASSAGE}"));
    assert_eq!(
        custom_id(&answer, "faq:fb:up:"),
        format!("faq:fb:up:{NEW_ID}")
    );
    let faq = String::from_utf8(m.faq_bytes()).unwrap();
    assert!(
        faq.ends_with(&format!(
            "\n[[entry]]\nid = \"{NEW_ID}\"\nsection = \"evidence\"\nquestion = \"{NEW_QUESTION}\"\nalternates = [\n  \"is it just placebo\",\n  \"sham acupuncture comparison\",\n]\npassage = \"{NEW_PASSAGE}\"\n"
        )),
        "appended as the file's own layout:\n{faq}"
    );

    // Edit: the same form, filled in, carrying the version it was opened at.
    let form = m.faqmod("edit", entry_option(NEW_ID), &me).await;
    let edit_id = text(&form.body["data"]["custom_id"]).to_owned();
    assert!(
        edit_id.starts_with("faq:mod:edit:") && edit_id.ends_with(&format!(":{NEW_ID}")),
        "{edit_id}"
    );
    assert_eq!(
        form.body["data"]["title"], "Edit FAQ entry",
        "the id is too long for a form title"
    );
    assert_eq!(value(&form, "question"), NEW_QUESTION);
    assert_eq!(
        value(&form, "alternates"),
        "is it just placebo\nsham acupuncture comparison"
    );
    assert_eq!(value(&form, "passage"), NEW_PASSAGE);
    assert_eq!(value(&form, "section"), "evidence");
    let new_question = "Does real acupuncture beat sham acupuncture?";
    let fields = filled(&form, &[("question", new_question)]);
    let saved = m.submit(&edit_id, &pairs(&fields), &me, None).await;
    assert_eq!(
        content(&saved),
        format!(
            "✅ Saved `{NEW_ID}` ({new_question}): edited question. In effect from the very next question."
        )
    );
    m.assert_answered_as("does real acupuncture beat sham acupuncture", new_question)
        .await;

    // Alias: one more phrasing, straight from the command.
    let phrase = "what will a visit set me back";
    assert_ne!(
        m.answer_title(phrase).await.as_deref(),
        Some("How much does acupuncture cost?"),
        "the phrase is new to the FAQ"
    );
    let aliased = m
        .faqmod(
            "alias",
            json!([
                { "name": "entry", "type": 3, "value": "cost" },
                { "name": "phrase", "type": 3, "value": phrase },
            ]),
            &me,
        )
        .await;
    assert!(is_ephemeral(&aliased));
    assert_eq!(
        content(&aliased),
        format!("✅ `cost` (How much does acupuncture cost?): added alternate \"{phrase}\".")
    );
    m.assert_answered_as(phrase, "How much does acupuncture cost?")
        .await;

    // Remove: a confirmation first; the entry goes only on "Remove".
    let confirm = m.faqmod("remove", entry_option(NEW_ID), &me).await;
    assert!(is_ephemeral(&confirm));
    assert_eq!(
        embed(&confirm)["title"],
        format!("Remove “{new_question}”?")
    );
    let remove_id = custom_id(&confirm, "faq:mod:rm:");
    assert!(remove_id.ends_with(&format!(":{NEW_ID}")), "{remove_id}");
    assert!(has_component(&confirm, "faq:mod:rmcancel"));
    let cancelled = m.click(&confirm, "faq:mod:rmcancel", &me).await;
    assert_eq!(kind(&cancelled), UPDATE);
    assert_eq!(content(&cancelled), "Cancelled: nothing was removed.");
    assert!(m.answer_title(new_question).await.is_some(), "still there");
    let removed = m.click(&confirm, &remove_id, &me).await;
    assert_eq!(kind(&removed), UPDATE);
    assert_eq!(
        content(&removed),
        format!("🗑️ Removed `{NEW_ID}` ({new_question}). The audit log keeps its text.")
    );
    assert_eq!(message(&removed)["components"], json!([]), "buttons gone");
    assert_ne!(
        m.answer_title(new_question).await.as_deref(),
        Some(new_question)
    );

    // Every change is in the audit log, with who made it, and counted.
    let audit = audit_lines(&m.audit_path());
    let actions: Vec<&str> = audit.iter().map(|r| text(&r["action"])).collect();
    assert_eq!(actions, ["add", "edit", "alias", "remove"]);
    for r in &audit {
        assert_eq!(
            r["actor"],
            json!({ "id": MODERATOR.to_string(), "name": "mod" })
        );
    }
    assert_eq!(m.bot.service.stats().snapshot().moderator_edits, 4);

    // History: who, when, what — newest first; and per entry.
    let history = m.faqmod("history", json!([]), &me).await;
    assert!(is_ephemeral(&history));
    let e = embed(&history);
    assert_eq!(e["title"], "Recent FAQ changes");
    assert_eq!(
        texts_of(&e["fields"], "name"),
        [
            format!("remove · {NEW_ID}"),
            "alias · cost".to_owned(),
            format!("edit · {NEW_ID}"),
            format!("add · {NEW_ID}"),
        ]
    );
    let edit = text(&e["fields"][2]["value"]);
    assert!(
        edit.starts_with(&format!("by **mod** (`{MODERATOR}`) · <t:")),
        "{edit}"
    );
    assert!(
        edit.ends_with(&format!(
            "\nedited question\nquestion: “{NEW_QUESTION}” → “{new_question}”"
        )),
        "{edit}"
    );
    let alias = text(&e["fields"][1]["value"]);
    assert!(
        alias.contains(&format!("added alternate \"{phrase}\"")),
        "{alias}"
    );
    let history = m.faqmod("history", entry_option("cost"), &me).await;
    assert_eq!(embed(&history)["title"], "Changes to cost");
    assert_eq!(embed(&history)["fields"].as_array().unwrap().len(), 1);
    m.assert_clean_and_stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn non_moderators_are_refused_and_the_faq_file_is_unchanged() {
    let m = Moderated::start().await;
    let before = m.faq_bytes();
    let knowledge_before = m.bot.service.engine().knowledge().clone();
    let cost = entry_option("cost");
    for who in [alice(), bob()] {
        for (sub, options) in [
            ("add", json!([])),
            ("edit", cost.clone()),
            ("remove", cost.clone()),
            (
                "alias",
                json!([
                    { "name": "entry", "type": 3, "value": "cost" },
                    { "name": "phrase", "type": 3, "value": "sneaky" },
                ]),
            ),
            ("unanswered", json!([])),
            ("history", json!([])),
            ("reload", json!([])),
            ("export", json!([])),
        ] {
            let reply = m.faqmod(sub, options, &who).await;
            assert_eq!(kind(&reply), MESSAGE, "{sub} by {}", who.name);
            assert!(is_ephemeral(&reply), "{sub}");
            assert_refused(&m, &reply, &format!("{sub} by {}", who.name));
            assert!(reply.files.is_empty(), "no export for {}", who.name);
        }
    }

    // Forms and buttons are checked again: a forged or stale one changes nothing either.
    let (entry, version) = m
        .bot
        .service
        .engine()
        .knowledge()
        .entry("cost")
        .map(|e| (e.clone(), faqbot::knowledge::EntryVersion::of(e)))
        .unwrap();
    let fields = [
        ("question", "How much does it cost?"),
        ("alternates", ""),
        ("passage", entry.passage.as_str()),
        ("section", "cost"),
        ("evidence_note", ""),
    ];
    for custom_id in [
        "faq:mod:new".to_owned(),
        format!("faq:mod:edit:{version}:cost"),
    ] {
        let reply = m.submit(&custom_id, &fields, &bob(), None).await;
        assert_refused(&m, &reply, &custom_id);
    }
    let confirm = m.faqmod("remove", cost.clone(), &moderator()).await;
    let remove_id = custom_id(&confirm, "faq:mod:rm:");
    let reply = m.click(&confirm, &remove_id, &bob()).await;
    assert_eq!(
        kind(&reply),
        MESSAGE,
        "a new private message, not an update"
    );
    assert_refused(&m, &reply, "remove click");

    assert_eq!(m.faq_bytes(), before, "faq.toml byte-for-byte unchanged");
    assert!(!m.audit_path().exists(), "no audit record");
    assert_eq!(*m.bot.service.engine().knowledge(), knowledge_before);
    assert_eq!(m.bot.service.stats().snapshot().moderator_edits, 0);
    m.assert_answered_as(
        "how much does acupuncture cost",
        "How much does acupuncture cost?",
    )
    .await;
    m.assert_clean_and_stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_moderator_roles_configured_nobody_may_edit_and_is_told_why() {
    let m = Moderated::start_with(|c| c.discord.moderator_role_ids.clear(), false).await;
    let reply = m.faqmod("reload", json!([]), &moderator()).await;
    assert_eq!(
        notice(&reply),
        "⛔ No moderator roles are configured yet (`discord.moderator_role_ids`), so nobody can change the FAQ from Discord. Nothing was changed."
    );
    assert_eq!(
        embed(&reply)["footer"]["text"],
        m.bot.service.config().disclaimer.as_str()
    );
    m.bot.stop().await.expect("clean stop");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_from_a_stale_form_is_refused_and_overwrites_nothing() {
    let m = Moderated::start().await;
    let me = moderator();
    let form = m.faqmod("edit", entry_option("cost"), &me).await;
    let edit_id = text(&form.body["data"]["custom_id"]).to_owned();

    // Meanwhile an operator changes the entry from the shell (`faqbot faq edit`).
    let other_data = tempfile::tempdir().unwrap();
    let cli = KnowledgeStore::open(m.knowledge.path(), other_data.path()).expect("open");
    let (mut entry, version) = cli.entry("cost").expect("cost");
    entry.question = "What does acupuncture cost?".to_owned();
    cli.edit("cost", entry, &version, &Actor::new("cli:op", "op"))
        .expect("the operator's edit");
    let after_operator = m.faq_bytes();

    let fields = filled(&form, &[("alternates", "price of a session\nis it pricey")]);
    let refused = m.submit(&edit_id, &pairs(&fields), &me, None).await;
    assert_eq!(kind(&refused), MESSAGE);
    assert!(is_ephemeral(&refused));
    let embeds = message(&refused)["embeds"].as_array().unwrap();
    assert_eq!(embeds[0]["title"], "Not saved");
    let why = text(&embeds[0]["description"]);
    assert!(
        why.starts_with(
            "Nothing was changed: entry \"cost\" was changed by someone else after you opened it"
        ),
        "{why}"
    );
    assert!(
        why.contains("reopen it and apply your change again"),
        "{why}"
    );
    let now = text(&embeds[0]["fields"][0]["value"]);
    assert!(
        now.contains("question = \"What does acupuncture cost?\""),
        "shows the entry as it is now: {now}"
    );
    assert!(
        text(&embeds[1]["description"]).contains("is it pricey"),
        "the moderator's text comes back"
    );
    assert_eq!(m.faq_bytes(), after_operator, "nothing overwritten");
    assert_eq!(m.bot.service.stats().snapshot().moderator_edits, 0);
    m.assert_clean_and_stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_entry_says_what_is_wrong_and_shows_the_text_back() {
    let m = Moderated::start().await;
    let me = moderator();
    let before = m.faq_bytes();
    let made_up = "Acupuncture cures every kind of back pain within a week.";

    let unknown_section = m
        .submit(
            "faq:mod:new",
            &[
                ("question", "Does acupuncture cure back pain?"),
                ("alternates", "cure my back"),
                ("passage", made_up),
                ("section", "miracles"),
                ("evidence_note", ""),
            ],
            &me,
            None,
        )
        .await;
    let embeds = message(&unknown_section)["embeds"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(
        embeds[0]["description"],
        "Nothing was changed. Please fix:\n• unknown section \"miracles\"; known sections: intro, evidence, safety, cost"
    );

    let not_verbatim = m
        .submit(
            "faq:mod:new",
            &[
                ("question", "Does acupuncture cure back pain?"),
                ("alternates", "cure my back"),
                ("passage", made_up),
                ("section", "evidence"),
                ("evidence_note", "Wishful."),
            ],
            &me,
            None,
        )
        .await;
    assert!(is_ephemeral(&not_verbatim));
    let embeds = message(&not_verbatim)["embeds"].as_array().unwrap().clone();
    assert_eq!(embeds[0]["title"], "Not saved");
    let why = text(&embeds[0]["description"]);
    assert!(
        why.starts_with(
            "Nothing was changed. Please fix:\n• passage is not verbatim in section \"evidence\""
        ),
        "{why}"
    );
    assert_eq!(
        embeds[1]["title"],
        "What you submitted (copy it, fix it and try again)"
    );
    assert_eq!(
        embeds[1]["description"],
        format!(
            "```toml\n[[entry]]\nid = \"does-acupuncture-cure-back-pain\"\nsection = \"evidence\"\nquestion = \"Does acupuncture cure back pain?\"\nalternates = [\n  \"cure my back\",\n]\npassage = \"{made_up}\"\nevidence_note = \"Wishful.\"\n```"
        )
    );
    assert_eq!(m.faq_bytes(), before);
    assert!(!m.audit_path().exists());

    // An id chosen on the command rides in the form's custom id; a taken one is refused.
    let form = m
        .faqmod(
            "add",
            json!([{ "name": "id", "type": 3, "value": "cost" }]),
            &me,
        )
        .await;
    assert_eq!(form.body["data"]["custom_id"], "faq:mod:new:cost");
    let duplicate = m
        .submit(
            "faq:mod:new:cost",
            &[
                ("question", "What is the price?"),
                ("alternates", ""),
                (
                    "passage",
                    "A session in a private clinic usually costs between £40 and £70.",
                ),
                ("section", "cost"),
                ("evidence_note", ""),
            ],
            &me,
            None,
        )
        .await;
    assert_eq!(
        embed(&duplicate)["description"],
        "Nothing was changed: an FAQ entry with id \"cost\" already exists: choose another id, or edit that entry."
    );

    // A long submission still comes back whole enough to fix, within Discord's limits.
    let long = "word ".repeat(700);
    let refused = m
        .submit(
            "faq:mod:new",
            &[
                ("question", "A very long one?"),
                ("alternates", &long),
                ("passage", &long),
                ("section", "evidence"),
                ("evidence_note", ""),
            ],
            &me,
            None,
        )
        .await;
    let shown = text(&message(&refused)["embeds"][1]["description"]);
    assert!(shown.starts_with("```toml\n[[entry]]"), "{shown}");
    assert!(shown.contains("(cut: "), "marked as cut");
    assert_eq!(
        message(&refused)["embeds"][1]["title"],
        "What you submitted (the whole text is attached)"
    );
    // Nothing typed is lost: the whole submission comes back as a file.
    assert_eq!(refused.files.len(), 1, "the submission attached");
    assert_eq!(refused.files[0].filename, "submitted-entry.toml");
    let back = faqbot::knowledge::parse_snippet(&String::from_utf8_lossy(&refused.files[0].bytes))
        .expect("the attached snippet reads back");
    assert_eq!(back.question, "A very long one?");
    assert_eq!(back.passage, long.trim());
    assert_eq!(back.alternates, [long.trim()]);
    assert!(
        not_verbatim.files.is_empty(),
        "a submission shown whole needs no file"
    );
    m.assert_clean_and_stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unanswered_questions_become_an_alias_or_a_new_entry() {
    let m = Moderated::start().await;
    let me = moderator();
    let often = "Does my HSA reimburse it?";
    let once = "Do they have parking at the clinic?";
    for q in [often, once, often] {
        let reply = m.ask(q).await;
        assert!(
            !has_component(&reply, "faq:fb:up:"),
            "{q:?} should not be answered yet: {:#}",
            reply.body
        );
    }

    let list = m
        .faqmod(
            "unanswered",
            json!([{ "name": "count", "type": 4, "value": 5 }]),
            &me,
        )
        .await;
    assert!(is_ephemeral(&list));
    let e = embed(&list);
    assert_eq!(e["title"], "Unanswered questions");
    let fields = e["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 2);
    assert!(text(&fields[0]["name"]).starts_with("#1 · asked 2× · last "));
    assert_eq!(fields[0]["value"], often);
    assert!(text(&fields[1]["name"]).starts_with("#2 · asked 1× · last "));
    assert_eq!(fields[1]["value"], once);

    // #1 becomes another phrasing of an entry the moderator picks.
    let choices = m.choose(&list, "faq:mod:ua:alias", "1", &me).await;
    assert_eq!(kind(&choices), MESSAGE);
    assert!(is_ephemeral(&choices));
    assert_eq!(
        embed(&choices)["fields"][0],
        json!({ "name": "Question", "value": often, "inline": false })
    );
    let menu = &components(&choices)[0];
    let offered = texts_of(&menu["options"], "value");
    assert!(offered.contains(&"insurance"), "{offered:?}");
    let done = m
        .choose(&choices, "faq:mod:aliasto", "insurance", &me)
        .await;
    assert_eq!(kind(&done), UPDATE);
    assert_eq!(
        content(&done),
        format!("✅ `insurance` (Does insurance cover acupuncture?): added alternate \"{often}\".")
    );
    m.assert_answered_as(often, "Does insurance cover acupuncture?")
        .await;

    // #2 becomes a new entry: the form opens with the question in it.
    let form = m.choose(&list, "faq:mod:ua:new", "2", &me).await;
    assert_eq!(form.body["data"]["custom_id"], "faq:mod:newq:2");
    assert_eq!(value(&form, "question"), once);
    let list_message = m.fake.message_from(&list, CHANNEL);
    let added = m
        .submit(
            "faq:mod:newq:2",
            &[
                ("question", "Is there parking at the clinic?"),
                ("alternates", once),
                (
                    "passage",
                    "It has been used in China for thousands of years.",
                ),
                ("section", "intro"),
                ("evidence_note", ""),
            ],
            &me,
            Some(&list_message),
        )
        .await;
    assert!(
        content(&added).starts_with("✅ Added **Is there parking at the clinic?**"),
        "{}",
        content(&added)
    );

    // Both are answered now, so the list is empty.
    let list = m.faqmod("unanswered", json!([]), &me).await;
    assert_eq!(content(&list), "No unanswered questions recently. 🎉");
    assert_eq!(m.bot.service.stats().snapshot().moderator_edits, 2);
    m.assert_clean_and_stop().await;
}

/// Breaks `faq.toml` with an entry that lacks its passage, after the file's last line.
fn break_faq(path: &Path) -> usize {
    let mut text = std::fs::read_to_string(path).unwrap();
    let line = text.lines().count() + 2;
    text.push_str("\n[[entry]]\nid = \"broken\"\nsection = \"intro\"\nquestion = \"Broken?\"\n");
    std::fs::write(path, text).unwrap();
    line
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_reports_invalid_files_keeps_serving_and_tells_the_log_channel() {
    let m = Moderated::start_with(
        |c| c.discord.moderator_log_channel_id = Some(LOG_CHANNEL),
        false,
    )
    .await;
    let me = moderator();
    let good = std::fs::read_to_string(m.faq_path()).unwrap();
    let line = break_faq(&m.faq_path());

    let reply = m.faqmod("reload", json!([]), &me).await;
    assert!(is_ephemeral(&reply));
    let e = embed(&reply);
    assert_eq!(e["title"], "Knowledge not reloaded");
    let description = text(&e["description"]);
    assert!(
        description.starts_with("The knowledge files have errors, so they were not loaded. Patients are still answered from the last good version.\n```\nfaq.toml:"),
        "{description}"
    );
    assert!(description.contains("passage"), "{description}");
    assert!(
        description.contains(&format!("faq.toml:{line}:")),
        "the line of the broken entry ({line}): {description}"
    );
    // Still serving.
    m.assert_answered_as("what is acupuncture", "What is acupuncture?")
        .await;
    let logged = m.fake.channel_message(LOG_CHANNEL, 1).await;
    assert_eq!(logged.body["embeds"][0]["title"], "Knowledge not reloaded");
    assert!(text(&logged.body["embeds"][0]["description"]).contains(&format!("faq.toml:{line}:")));

    // Fixed, with a change: reloaded, reported, and served from the next question.
    std::fs::write(
        m.faq_path(),
        good.replace(
            "question = \"How long has acupuncture been used?\"",
            "question = \"For how long has acupuncture been practised?\"",
        ),
    )
    .unwrap();
    let reply = m.faqmod("reload", json!([]), &me).await;
    assert_eq!(
        content(&reply),
        "🔄 Reloaded the knowledge files: 8 entries are served.\nEdited: `history`"
    );
    m.assert_answered_as(
        "for how long has acupuncture been practised",
        "For how long has acupuncture been practised?",
    )
    .await;
    assert_eq!(
        m.fake.channel_messages(LOG_CHANNEL).len(),
        1,
        "a reload a moderator asked for is reported to them, not the channel"
    );
    m.assert_clean_and_stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hand_edits_are_picked_up_and_invalid_ones_reported_to_the_log_channel() {
    let m = Moderated::start_with(
        |c| c.discord.moderator_log_channel_id = Some(LOG_CHANNEL),
        true,
    )
    .await;
    let good = std::fs::read_to_string(m.faq_path()).unwrap();
    let line = break_faq(&m.faq_path());
    let logged = m.fake.channel_message(LOG_CHANNEL, 1).await;
    let e = &logged.body["embeds"][0];
    assert_eq!(e["title"], "Knowledge not reloaded");
    assert!(
        text(&e["description"]).starts_with(
            "The knowledge files were changed on disk, but they have errors, so they were not loaded."
        ),
        "{e}"
    );
    assert!(text(&e["description"]).contains(&format!("faq.toml:{line}:")));
    assert_eq!(
        logged.body["allowed_mentions"],
        json!({ "parse": [], "users": [], "roles": [], "replied_user": false })
    );
    m.assert_answered_as("what is acupuncture", "What is acupuncture?")
        .await;

    std::fs::write(
        m.faq_path(),
        good.replace(
            "question = \"Does insurance cover acupuncture?\"",
            "question = \"Will my insurance cover acupuncture?\"",
        ),
    )
    .unwrap();
    let logged = m.fake.channel_message(LOG_CHANNEL, 2).await;
    assert_eq!(
        logged.body["content"],
        "Knowledge files changed on disk and were loaded.\n🔄 Reloaded the knowledge files: 8 entries are served.\nEdited: `insurance`"
    );
    m.assert_answered_as(
        "will my insurance cover acupuncture",
        "Will my insurance cover acupuncture?",
    )
    .await;
    m.assert_clean_and_stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_attaches_the_faq_file() {
    let m = Moderated::start().await;
    let reply = m.faqmod("export", json!([]), &moderator()).await;
    assert_eq!(kind(&reply), MESSAGE);
    assert!(is_ephemeral(&reply));
    assert_eq!(
        content(&reply),
        "The FAQ as it is served now: `faq.toml`, 8 entries."
    );
    assert_eq!(reply.files.len(), 1, "one attachment");
    let file = &reply.files[0];
    assert_eq!(file.field, "files[0]");
    assert_eq!(file.filename, "faq.toml");
    assert_eq!(file.bytes, m.faq_bytes(), "the file as it is on disk");
    assert_eq!(
        message(&reply)["attachments"],
        json!([{ "id": 0, "filename": "faq.toml", "description": null }])
    );
    m.assert_clean_and_stop().await;
}
