//! Every kind of page in headless Chromium at phone (390×844) and desktop (1280×900) size:
//! the disclaimer once, and in the first screen; a one-line header; no sideways
//! scrolling; the source and review date in the footer; related questions under an
//! answer; urgent guidance in the first screen. The `/ask` pages are reached the way a
//! patient reaches them, by typing into the form and submitting it (a POST).
//!
//! Screenshots go to `target/test-artifacts/web-<page>-<phone|desktop>.png`, to look at.
//! Skips like the anchor test where no Chromium can be found.

use std::io::Write;

use faqbot::knowledge::RuleKind;
use faqbot::reply::Outcome;
use serde_json::Value;

use crate::browser::{Browser, Viewport, artifacts_dir, find_chromium};
use crate::common::Server;
use crate::support::knowledge::repo_knowledge;

/// What a page shows in its first screen.
const FIRST_SCREEN_PROBE: &str = r#"(() => {
  const all = [...document.querySelectorAll('.disclaimer')];
  const d = all[0] ? all[0].getBoundingClientRect() : null;
  const header = document.querySelector('header').getBoundingClientRect();
  const site = document.querySelector('header .site').getBoundingClientRect();
  const nav = document.querySelector('header nav').getBoundingClientRect();
  const urgent = document.querySelector('.urgent');
  const doc = document.documentElement;
  return {
    disclaimers: all.length,
    disclaimerText: all[0] ? all[0].textContent : null,
    disclaimerTop: d ? d.top : null,
    disclaimerBottom: d ? d.bottom : null,
    innerHeight: window.innerHeight,
    headerHeight: header.height,
    headerOneLine: Math.abs(site.top - nav.top) < 12,
    overflowX: doc.scrollWidth > window.innerWidth,
    h1: document.querySelector('h1') ? document.querySelector('h1').textContent : null,
    urgentTop: urgent ? urgent.getBoundingClientRect().top : null,
    related: [...document.querySelectorAll('.related a')].map(a => a.getAttribute('href')),
    footer: document.querySelector('footer').textContent,
    url: location.href,
  };
})()"#;

fn submit_question(question: &str) -> String {
    format!(
        "(() => {{ document.querySelector('#q').value = {}; document.querySelector('form.ask').submit(); return true; }})()",
        serde_json::to_string(question).unwrap()
    )
}

#[test]
fn every_page_shows_the_disclaimer_once_in_the_first_screen_on_phone_and_desktop() {
    let Some(chromium) = find_chromium() else {
        let message = "SKIPPED every_page_shows_the_disclaimer_once_in_the_first_screen_on_phone_and_desktop: \
                       no Chromium found. Install it with scripts/install-chromium.sh.";
        if std::env::var_os("FAQBOT_REQUIRE_BROWSER").is_some_and(|v| v == "1") {
            panic!("{message} FAQBOT_REQUIRE_BROWSER=1 makes this a failure.");
        }
        let _ = writeln!(std::io::stderr(), "{message}");
        return;
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(Server::start());
    let knowledge = repo_knowledge();
    let engine = server.service.engine();
    let answered = knowledge
        .faq
        .iter()
        .map(|e| e.question.clone())
        .find(|q| {
            let reply = engine.ask(q);
            matches!(reply.outcome, Outcome::Answer(_)) && reply.related.len() >= 2
        })
        .expect("an FAQ question answered with related questions");
    let urgent = knowledge
        .triage
        .rules
        .iter()
        .filter(|r| r.kind == RuleKind::RedFlag)
        .flat_map(|r| r.any.iter())
        .map(|phrase| format!("my back hurts and I have {phrase}"))
        .find(|q| matches!(engine.ask(q).outcome, Outcome::Urgent(_)))
        .expect("a red-flag phrase that triage catches");
    let section = &knowledge.article.sections[1];
    let disclaimer = engine.disclaimer().to_owned();

    // (name, path to open, question to type into its form)
    let pages: Vec<(&str, String, Option<&str>)> = vec![
        ("index", "/".to_owned(), None),
        ("faq", "/faq".to_owned(), None),
        ("section", format!("/sections/{}", section.id), None),
        ("ask-answer", "/ask".to_owned(), Some(answered.as_str())),
        ("ask-urgent", "/ask".to_owned(), Some(urgent.as_str())),
        ("not-found", "/no/such/page".to_owned(), None),
    ];

    let profile = tempfile::tempdir().unwrap();
    let mut browser = Browser::launch(&chromium, profile.path());
    let artifacts = artifacts_dir();
    for viewport in [Viewport::PHONE, Viewport::DESKTOP] {
        for (name, path, question) in &pages {
            let session = browser.new_page();
            browser.call(
                Some(&session),
                "Emulation.setDeviceMetricsOverride",
                serde_json::json!({
                    "width": viewport.width,
                    "height": viewport.height,
                    "deviceScaleFactor": viewport.scale,
                    "mobile": viewport.mobile,
                }),
            );
            browser.navigate(&session, &format!("{}{path}", server.base));
            if let Some(q) = question {
                browser.navigate_by_script(&session, &submit_question(q));
            }
            let shown: Value = browser.evaluate(&session, FIRST_SCREEN_PROBE);
            let context = format!("{name} at {}: {shown}", viewport.name);
            let png = browser.screenshot(&session);
            let file = artifacts.join(format!("web-{name}-{}.png", viewport.name));
            std::fs::write(&file, &png).unwrap();
            println!("screenshot: {}", file.display());

            assert_eq!(shown["disclaimers"], 1, "one disclaimer: {context}");
            assert!(
                shown["disclaimerText"]
                    .as_str()
                    .unwrap()
                    .contains(disclaimer.as_str()),
                "{context}"
            );
            let bottom = shown["disclaimerBottom"].as_f64().unwrap();
            let height = shown["innerHeight"].as_f64().unwrap();
            assert!(
                shown["disclaimerTop"].as_f64().unwrap() >= 0.0 && bottom <= height,
                "the disclaimer is in the first screen: {context}"
            );
            assert_eq!(shown["headerOneLine"], true, "a one-line header: {context}");
            assert!(
                shown["headerHeight"].as_f64().unwrap() <= 56.0,
                "a compact header: {context}"
            );
            assert_eq!(
                shown["overflowX"], false,
                "no sideways scrolling: {context}"
            );
            let footer = shown["footer"].as_str().unwrap();
            assert!(
                footer.contains(&knowledge.article.title) && footer.contains("last reviewed"),
                "the source and its review date: {context}"
            );
            if let Some(author) = &knowledge.article.author_note {
                assert!(footer.contains(author.as_str()), "{context}");
            }
            if *name == "ask-answer" {
                assert!(
                    shown["url"].as_str().unwrap().ends_with("/ask"),
                    "the question is not in the address: {context}"
                );
                let related = shown["related"].as_array().unwrap();
                assert!(
                    (2..=3).contains(&related.len()),
                    "related questions under the answer: {context}"
                );
            }
            if *name == "ask-urgent" {
                let top = shown["urgentTop"].as_f64().expect("urgent guidance shown");
                assert!(
                    top < height,
                    "urgent guidance in the first screen: {context}"
                );
            }
        }
    }
    browser.close();
    drop(server);
}
