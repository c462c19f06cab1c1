//! Every route over real HTTP: status, content type, anchors, escaping, 404s, metrics, and
//! pages following knowledge edits at once.

use std::process::{Command, Stdio};

use faqbot::knowledge::{Entry, Knowledge, RuleKind, Section};
use faqbot::reply::Outcome;

use crate::common::{Page, Server, esc, parse_metrics};
use crate::support::knowledge::{append_to_knowledge, knowledge_copy, load, repo_knowledge};

/// A question that is answered outright: the canonical question of an entry in `section`.
fn answered_question(server: &Server, section: &str) -> (String, Entry) {
    let engine = server.service.engine();
    let entry = engine
        .knowledge()
        .faq
        .iter()
        .find(|e| {
            e.section == section && matches!(engine.ask(&e.question).outcome, Outcome::Answer(_))
        })
        .unwrap_or_else(|| panic!("no entry of section {section} answers its own question"))
        .clone();
    (entry.question.clone(), entry)
}

/// A question triage sends to urgent care, built from the first red-flag rule.
fn urgent_question(knowledge: &Knowledge, server: &Server) -> String {
    let engine = server.service.engine();
    knowledge
        .triage
        .rules
        .iter()
        .filter(|r| r.kind == RuleKind::RedFlag)
        .flat_map(|r| r.any.iter())
        .map(|phrase| format!("my back hurts and I have {phrase}"))
        .find(|q| matches!(engine.ask(q).outcome, Outcome::Urgent(_)))
        .expect("a red-flag phrase that triage catches")
}

/// What every HTML page has: language, phone viewport, landmarks, a working skip link,
/// one h1, the disclaimer, and no script at all.
fn assert_page_basics(page: &Page, disclaimer: &str) {
    let b = &page.body;
    assert!(b.starts_with("<!DOCTYPE html>"), "doctype");
    assert!(b.contains(r#"<html lang="en">"#), "lang");
    assert!(b.contains(r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#));
    for landmark in ["<header>", "<nav ", "<main ", "<footer>"] {
        assert!(b.contains(landmark), "landmark {landmark}");
    }
    assert!(
        b.contains(r##"<a class="skip" href="#main_content">"##),
        "skip link"
    );
    assert!(b.contains(r#"<main id="main_content""#), "skip link target");
    assert_eq!(b.matches("<h1").count(), 1, "exactly one h1");
    assert!(b.contains(&esc(disclaimer)), "disclaimer on every page");
    assert!(
        !b.to_lowercase().contains("<script"),
        "no script on the page"
    );
    assert!(
        page.header("content-security-policy")
            .contains("default-src 'none'")
    );
    assert_eq!(page.header("x-content-type-options"), "nosniff");
}

#[tokio::test]
async fn every_page_has_landmarks_a_skip_link_and_the_disclaimer() {
    let server = Server::start().await;
    let k = repo_knowledge();
    let disclaimer = server.service.engine().disclaimer().to_owned();
    let (question, _) = answered_question(&server, &k.article.sections[0].id);
    let paths = [
        ("/".to_owned(), 200),
        ("/faq".to_owned(), 200),
        (format!("/sections/{}", k.article.sections[0].id), 200),
        ("/ask".to_owned(), 200),
        (format!("/ask?q={}", urlencode(&question)), 200),
        ("/sections/no-such-section".to_owned(), 404),
        ("/no/such/page".to_owned(), 404),
    ];
    for (path, status) in paths {
        let page = server.get(&path).await;
        page.assert_html(status);
        assert_page_basics(&page, &disclaimer);
    }
}

#[tokio::test]
async fn article_page_has_a_contents_list_and_every_section_at_its_slug() {
    let server = Server::start().await;
    let k = repo_knowledge();
    let page = server.get("/").await;
    page.assert_html(200);
    assert!(page.has(&format!("<h1>{}</h1>", esc(&k.article.title))));
    let toc = page.pos(r#"id="table_of_contents""#);
    let mut last = toc;
    for s in &k.article.sections {
        let link = page.pos(&format!(r##"<a href="#{}">{}</a>"##, s.slug, esc(&s.title)));
        assert!(
            link > toc,
            "contents link to {} after the contents heading",
            s.slug
        );
        let anchor = page.pos(&format!(
            r#"<section class="article-section" id="{}">"#,
            s.slug
        ));
        assert!(anchor > last, "sections in article order");
        last = anchor;
        for p in &s.paragraphs {
            assert!(
                page.pos(&esc(p)) > anchor,
                "paragraph of {} inside its section",
                s.id
            );
        }
    }
    assert!(page.has(r#"<form class="ask" action="/ask" method="post" role="search">"#));
}

#[tokio::test]
async fn an_answers_section_link_is_the_article_page_at_the_sections_anchor() {
    let server = Server::start().await;
    let k = repo_knowledge();
    let section = &k.article.sections[2];
    let (question, entry) = answered_question(&server, &section.id);
    let reply = server.service.ask(&question);
    let Outcome::Answer(m) = &reply.outcome else {
        panic!("expected an answer to {question:?}, got {reply:?}")
    };
    assert_eq!(m.entry_id, entry.id);
    assert_eq!(m.section.url, format!("{}/#{}", server.base, section.slug));
    let (page_url, fragment) = m.section.url.split_once('#').unwrap();
    let page = server
        .get(page_url.strip_prefix(&server.base).unwrap())
        .await;
    page.assert_html(200);
    assert!(page.has(&format!(r#"id="{fragment}""#)));
    assert!(
        page.has(&esc(&m.passage)),
        "the page holds the quoted passage"
    );
}

#[tokio::test]
async fn section_pages_show_one_section_and_the_questions_it_answers() {
    let server = Server::start().await;
    let k = repo_knowledge();
    for (i, s) in k.article.sections.iter().enumerate() {
        for path in [
            format!("/sections/{}", s.id),
            format!("/sections/{}", s.slug),
        ] {
            let page = server.get(&path).await;
            page.assert_html(200);
            assert!(page.has(&format!("<h1>{}</h1>", esc(&s.title))), "{path}");
            for p in &s.paragraphs {
                assert!(page.has(&esc(p)), "{path} has its paragraphs");
            }
            for other in k.article.sections.iter().filter(|o| o.id != s.id) {
                assert!(
                    !page.has(&esc(&other.paragraphs[0])),
                    "{path} shows only its own section"
                );
            }
            for e in k.faq.iter().filter(|e| e.section == s.id) {
                assert!(page.has(&format!(
                    r#"<a href="/faq#{}">{}</a>"#,
                    e.id,
                    esc(&e.question)
                )));
            }
            assert!(
                page.has(&format!(r##"<a href="/#{}">"##, s.slug)),
                "link into the whole article"
            );
            if let Some(next) = k.article.sections.get(i + 1) {
                assert!(page.has(&format!(r#"<a href="/sections/{}" rel="next">"#, next.id)));
            }
        }
    }
}

#[tokio::test]
async fn unknown_section_is_a_helpful_404_listing_the_sections() {
    let server = Server::start().await;
    let k = repo_knowledge();
    let page = server.get("/sections/acupuncture-and-cats").await;
    page.assert_html(404);
    assert!(page.has("Section not found"));
    assert!(page.has("acupuncture-and-cats"));
    for s in &k.article.sections {
        assert!(page.has(&format!(
            r#"<a href="/sections/{}">{}</a>"#,
            s.id,
            esc(&s.title)
        )));
    }
    let other = server.get("/contact").await;
    other.assert_html(404);
    assert!(other.has("Page not found"));
    assert!(other.has(&format!(
        r#"<a href="/sections/{}">"#,
        k.article.sections[0].id
    )));
}

#[tokio::test]
async fn hostile_text_in_urls_and_queries_is_escaped() {
    let server = Server::start().await;
    let attack = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
    let encoded =
        "%3Cscript%3Ealert(%22x%22)%3C%2Fscript%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E";
    for path in [
        format!("/sections/{encoded}"),
        format!("/{encoded}"),
        format!("/ask?q={encoded}"),
    ] {
        let page = server.get(&path).await;
        let lower = page.body.to_lowercase();
        assert!(
            !lower.contains("<script"),
            "{path}: raw script tag:\n{}",
            page.body
        );
        assert!(!lower.contains("<img"), "{path}: raw img tag");
        assert!(
            page.has("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
            "{path}: escaped text shown"
        );
    }
    // The question is also echoed into the search box's value attribute, escaped.
    let page = server.get(&format!("/ask?q={encoded}")).await;
    assert!(page.has(&format!(r#"value="{}""#, esc(attack))));
}

#[tokio::test]
async fn malformed_paths_and_queries_still_get_a_page_with_the_disclaimer() {
    let server = Server::start().await;
    let disclaimer = server.service.config().disclaimer.clone();
    // Not UTF-8 once decoded: a 404 page listing the sections, not a bare 400.
    let page = server.get("/sections/%FF%FE").await;
    page.assert_html(404);
    assert_page_basics(&page, &disclaimer);
    assert!(page.has("Section not found"));
    // `q` twice: the first is asked.
    let page = server.get("/ask?q=what+is+acupuncture&q=other").await;
    page.assert_html(200);
    assert_page_basics(&page, &disclaimer);
    assert!(
        page.has("You asked: “what is acupuncture”"),
        "{}",
        page.body
    );
    // Bad escapes in the query: still the ask page.
    let page = server.get("/ask?q=%FF%&x").await;
    page.assert_html(200);
    assert_page_basics(&page, &disclaimer);
}

#[tokio::test]
async fn hostile_text_in_knowledge_is_escaped_on_every_page() {
    let dir = knowledge_copy();
    let paragraph = r#"Beware <script>alert("kb")</script> & <b onmouseover="x">tags</b> in text."#;
    let section = Section {
        id: "hostile".into(),
        slug: "hostile-section".into(),
        title: r#"<script>alert("title")</script> Title"#.into(),
        label: None,
        paragraphs: vec![paragraph.into()],
    };
    let entry = Entry {
        id: "hostile-entry".into(),
        section: "hostile".into(),
        question: r#"What about <script>alert("q")</script>?"#.into(),
        alternates: vec!["tell me about hostile script tags".into()],
        passage: paragraph.into(),
        tags: vec![],
        evidence_note: Some(r#"<iframe src="https://evil.example"></iframe>"#.into()),
        summary: false,
    };
    append_to_knowledge(
        dir.path(),
        std::slice::from_ref(&section),
        std::slice::from_ref(&entry),
    );
    let knowledge = load(dir.path());
    let server = Server::start_with(knowledge, |_| {}).await;
    let ask = format!("/ask?q={}", "tell+me+about+hostile+script+tags");
    for path in ["/", "/faq", "/sections/hostile", ask.as_str()] {
        let page = server.get(path).await;
        page.assert_html(200);
        let lower = page.body.to_lowercase();
        assert!(
            !lower.contains("<script"),
            "{path}: raw script:\n{}",
            page.body
        );
        assert!(!lower.contains("<iframe"), "{path}: raw iframe");
        assert!(
            !page.has("<b onmouseover"),
            "{path}: raw attribute injection"
        );
        assert!(
            page.has(&esc(paragraph)),
            "{path}: the text itself is shown, escaped"
        );
    }
    let faq = server.get("/faq").await;
    assert!(faq.has(&esc(&entry.question)));
    assert!(faq.has(&esc(entry.evidence_note.as_deref().unwrap())));
    let index = server.get("/").await;
    assert!(index.has(&esc(&section.title)));
}

#[tokio::test]
async fn faq_page_groups_entries_by_section_each_linking_to_its_section() {
    let server = Server::start().await;
    let k = repo_knowledge();
    let page = server.get("/faq").await;
    page.assert_html(200);
    let with_entries: Vec<&Section> = k
        .article
        .sections
        .iter()
        .filter(|s| k.faq.iter().any(|e| e.section == s.id))
        .collect();
    let starts: Vec<usize> = with_entries
        .iter()
        .map(|s| {
            page.pos(&format!(
                r#"<section class="faq-group" id="section_{}">"#,
                s.id
            ))
        })
        .collect();
    assert!(
        starts.windows(2).all(|w| w[0] < w[1]),
        "groups in article order"
    );
    for e in &k.faq {
        let g = with_entries
            .iter()
            .position(|s| s.id == e.section)
            .expect("entry's section");
        let s = with_entries[g];
        let at = page.pos(&format!(r#"<article class="entry" id="{}">"#, e.id));
        assert!(at > starts[g], "{} inside its group", e.id);
        if let Some(next) = starts.get(g + 1) {
            assert!(at < *next, "{} inside its group", e.id);
        }
        let rest = &page.body[at..];
        let end = rest.find("</article>").unwrap();
        let card = &rest[..end];
        assert!(card.contains(&format!("<h3>{}</h3>", esc(&e.question))));
        assert!(card.contains(&esc(&e.passage)));
        assert!(
            card.contains(&format!(r##"<a href="/#{}">"##, s.slug)),
            "{} links to its section",
            e.id
        );
    }
}

#[tokio::test]
async fn healthz_says_ok() {
    let server = Server::start().await;
    let page = server.get("/healthz").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type(), "text/plain; charset=utf-8");
    assert_eq!(page.body, "ok\n");
}

#[tokio::test]
async fn metrics_are_prometheus_text_and_move_with_questions_edits_and_feedback() {
    let server = Server::start().await;
    let k = repo_knowledge();
    // Not on the patient port: on its own.
    server.get("/metrics").await.assert_html(404);
    let page = server.metrics_page().await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.content_type(),
        "text/plain; version=0.0.4; charset=utf-8"
    );
    for name in [
        "faqbot_questions_total",
        "faqbot_answers_total",
        "faqbot_suggestions_total",
        "faqbot_no_match_total",
        "faqbot_urgent_total",
        "faqbot_moderator_edits_total",
        "faqbot_feedback_total",
    ] {
        assert!(
            page.has(&format!("# TYPE {name} counter\n")),
            "{name} declared"
        );
    }
    assert!(page.has("# TYPE faqbot_match_latency_seconds histogram\n"));
    let before = parse_metrics(&page.body);
    assert_eq!(before["faqbot_questions_total"], 0.0);
    assert_eq!(before["faqbot_faq_entries"], k.faq.len() as f64);

    let (answered, _) = answered_question(&server, &k.article.sections[0].id);
    let questions = [
        answered.clone(),
        urgent_question(&k, &server),
        "how do I bake sourdough bread".to_owned(),
        "".to_owned(),
    ];
    let mut tally = std::collections::HashMap::<&str, f64>::new();
    for q in &questions {
        *tally.entry(server.service.ask(q).kind()).or_default() += 1.0;
    }
    assert_eq!(tally.get("answer"), Some(&1.0));
    assert_eq!(tally.get("urgent"), Some(&1.0));
    server.service.stats().record_edit();
    server.service.stats().record_feedback(true);
    server.service.stats().record_feedback(false);
    server.service.stats().record_feedback(false);

    let after = server.metrics().await;
    let delta = |name: &str| after[name] - before[name];
    assert_eq!(delta("faqbot_questions_total"), 4.0);
    for (kind, name) in [
        ("answer", "faqbot_answers_total"),
        ("suggestions", "faqbot_suggestions_total"),
        ("no_match", "faqbot_no_match_total"),
        ("urgent", "faqbot_urgent_total"),
    ] {
        assert_eq!(
            delta(name),
            tally.get(kind).copied().unwrap_or(0.0),
            "{name}"
        );
    }
    assert_eq!(delta("faqbot_moderator_edits_total"), 1.0);
    assert_eq!(delta(r#"faqbot_feedback_total{helpful="yes"}"#), 1.0);
    assert_eq!(delta(r#"faqbot_feedback_total{helpful="no"}"#), 2.0);

    // The histogram: one bucket per LATENCY_BUCKETS_US bound, cumulative, +Inf = count.
    let mut previous = 0.0;
    for bound in faqbot::service::stats::LATENCY_BUCKETS_US {
        let le = format!("{}", bound as f64 / 1e6);
        let key = format!(r#"faqbot_match_latency_seconds_bucket{{le="{le}"}}"#);
        let value = *after.get(&key).unwrap_or_else(|| panic!("{key} missing"));
        assert!(value >= previous, "cumulative buckets");
        previous = value;
    }
    let inf = after[r#"faqbot_match_latency_seconds_bucket{le="+Inf"}"#];
    assert!(inf >= previous);
    assert_eq!(inf, 4.0);
    assert_eq!(after["faqbot_match_latency_seconds_count"], 4.0);
    assert!(after["faqbot_match_latency_seconds_sum"] > 0.0);
}

#[tokio::test]
async fn ask_page_answers_with_the_passage_a_section_link_and_the_disclaimer() {
    let server = Server::start().await;
    let k = repo_knowledge();
    let section = &k.article.sections[1];
    let (question, entry) = answered_question(&server, &section.id);
    let before = server.metrics().await["faqbot_questions_total"];
    let page = server
        .get(&format!("/ask?q={}", urlencode(&question)))
        .await;
    page.assert_html(200);
    assert_eq!(page.header("cache-control"), "no-store");
    assert!(page.has(&format!("<h2>{}</h2>", esc(&entry.question))));
    assert!(page.has(&esc(&entry.passage)));
    assert!(page.has(&format!(
        r##"<a href="/#{}">Read the full section: {}</a>"##,
        section.slug,
        esc(&section.title)
    )));
    assert!(page.has(&format!(
        r#"<p class="disclaimer" role="note"><strong>Not medical advice. </strong>{}</p>"#,
        esc(server.service.engine().disclaimer())
    )));
    assert!(!page.has("role=\"alert\""));
    assert_eq!(
        server.metrics().await["faqbot_questions_total"],
        before + 1.0,
        "the web question is counted"
    );
}

#[tokio::test]
async fn with_an_article_url_the_ask_page_links_the_original_and_our_own_section() {
    let server = Server::start_with(repo_knowledge(), |c| {
        c.links.article_url = Some("https://example.org/acupuncture#top".into());
    })
    .await;
    let k = repo_knowledge();
    let section = &k.article.sections[3];
    let (question, _) = answered_question(&server, &section.id);
    let Outcome::Answer(m) = server.service.ask(&question).outcome else {
        panic!("an answer")
    };
    assert_eq!(
        m.section.url,
        format!("https://example.org/acupuncture#{}", section.slug)
    );
    let page = server
        .get(&format!("/ask?q={}", urlencode(&question)))
        .await;
    page.assert_html(200);
    assert!(page.has(&format!(
        r##"<a href="/#{}">Read the full section"##,
        section.slug
    )));
    assert!(page.has(&format!(
        r#"<a href="https://example.org/acupuncture#{}">In the original article</a>"#,
        section.slug
    )));
}

#[tokio::test]
async fn ask_page_shows_urgent_guidance_prominently_and_no_passage() {
    let server = Server::start().await;
    let k = repo_knowledge();
    let question = urgent_question(&k, &server);
    let reply = server.service.engine().ask(&question);
    let Outcome::Urgent(u) = &reply.outcome else {
        unreachable!()
    };
    let page = server
        .get(&format!("/ask?q={}", urlencode(&question)))
        .await;
    page.assert_html(200);
    // Urgent guidance is the first thing in the page's main content (the disclaimer is
    // above it, once, as on every page).
    let alert = page.pos(r#"<div class="urgent" role="alert">"#);
    assert!(
        page.pos(r#"<main id="main_content""#) < alert,
        "urgent guidance in the main content"
    );
    assert_eq!(page.body.matches(r#"<p class="disclaimer""#).count(), 1);
    assert!(page.has(&esc(&u.title)));
    for line in u.message.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match line.strip_prefix("- ") {
            Some(item) => assert!(
                page.has(&format!("<li>{}</li>", esc(item))),
                "bullet {item:?}"
            ),
            None => assert!(page.has(&esc(line)), "line {line:?}"),
        }
    }
    // The care card: numbers are tel: links, 111.nhs.uk a link, and it says what led to it.
    for step in &u.steps {
        for c in &step.contacts {
            assert!(
                page.has(&format!(r#"href="{}""#, esc(&c.href))),
                "{}",
                c.href
            );
        }
    }
    if let Some(said) = u.mentioned_sentence() {
        assert!(page.has(&esc(&said)), "{said}");
    }
    assert!(
        !page.has("<blockquote>"),
        "never a passage with urgent guidance"
    );
    assert!(page.has(&esc(&reply.disclaimer)));
}

#[tokio::test]
async fn ask_page_offers_suggestions_or_says_it_is_not_in_the_faq() {
    let server = Server::start().await;
    let page = server.get("/ask?q=how+do+I+bake+sourdough+bread").await;
    page.assert_html(200);
    assert!(page.has(&esc(&server.service.config().messages.out_of_scope)));
    assert!(page.has(r#"<a href="/faq">"#));

    // Whatever gives suggestions lists them as links to their FAQ entries.
    let engine = server.service.engine();
    let candidates = [
        "acupuncture",
        "acupuncture back pain",
        "nhs",
        "evidence",
        "cost",
    ];
    if let Some((q, list)) = candidates.iter().find_map(|q| match engine.ask(q).outcome {
        Outcome::Suggestions(list) => Some((*q, list)),
        _ => None,
    }) {
        let page = server.get(&format!("/ask?q={}", urlencode(q))).await;
        for m in list {
            assert!(page.has(&format!(
                r#"<a href="/faq#{}">{}</a>"#,
                m.entry_id,
                esc(&m.question)
            )));
        }
    }
}

#[tokio::test]
async fn ask_page_without_a_question_or_with_a_too_long_one_asks_nothing() {
    let server = Server::start().await;
    let max = server.service.config().limits.max_question_chars;
    for path in [
        "/ask".to_owned(),
        "/ask?q=".to_owned(),
        "/ask?q=+++".to_owned(),
        format!("/ask?q={}", "a".repeat(max + 1)),
    ] {
        let page = server.get(&path).await;
        page.assert_html(200);
        assert!(
            page.has(r#"<input id="q" type="search" name="q""#),
            "{path}: the form"
        );
    }
    let page = server.get(&format!("/ask?q={}", "a".repeat(max + 1))).await;
    assert!(page.has(&format!(
        "Please keep your question under {max} characters."
    )));
    assert_eq!(server.metrics().await["faqbot_questions_total"], 0.0);
}

#[tokio::test]
async fn a_too_long_question_that_needs_urgent_care_still_gets_the_urgent_guidance() {
    let server = Server::start().await;
    let k = repo_knowledge();
    let max = server.service.config().limits.max_question_chars;
    let urgent = urgent_question(&k, &server);
    let question = format!(
        "{} {urgent}",
        "my back has hurt for years and ".repeat(max / 20)
    );
    assert!(question.chars().count() > max);
    let page = server
        .get(&format!("/ask?q={}", urlencode(&question)))
        .await;
    page.assert_html(200);
    assert!(
        page.has(r#"<div class="urgent" role="alert">"#),
        "urgent guidance, not a length refusal"
    );
    assert!(!page.has("Please keep your question under"));
    assert!(page.has(&esc(&server.service.config().disclaimer)));
    assert_eq!(server.metrics().await["faqbot_urgent_total"], 1.0);
}

#[tokio::test]
async fn pages_follow_replaced_knowledge_on_the_next_request() {
    let server = Server::start().await;
    let mut k = repo_knowledge();
    let old_title = k.article.sections[0].title.clone();
    let old_question = k.faq[0].question.clone();
    let first_id = k.article.sections[0].id.clone();
    assert!(server.get("/").await.has(&esc(&old_title)));

    k.article.sections[0].title = "Introduction, revised by a moderator".into();
    k.faq[0].question = "What is acupuncture, in a few words?".into();
    let removed = k.faq.pop().unwrap();
    server.service.replace_knowledge(k.clone());

    let index = server.get("/").await;
    assert!(index.has("Introduction, revised by a moderator"));
    assert!(!index.has(&format!(">{}<", esc(&old_title))));
    let faq = server.get("/faq").await;
    assert!(faq.has("What is acupuncture, in a few words?"));
    assert!(!faq.has(&format!("<h3>{}</h3>", esc(&old_question))));
    assert!(!faq.has(&format!(r#"id="{}""#, removed.id)));
    let section = server.get(&format!("/sections/{first_id}")).await;
    assert!(section.has("<h1>Introduction, revised by a moderator</h1>"));
    assert_eq!(
        server.metrics().await["faqbot_faq_entries"],
        k.faq.len() as f64
    );

    // A section that goes away is a 404 at once.
    let gone = k.article.sections.pop().unwrap();
    k.faq.retain(|e| e.section != gone.id);
    server.service.replace_knowledge(k);
    server
        .get(&format!("/sections/{}", gone.id))
        .await
        .assert_html(404);
    assert!(!server.get("/").await.has(&format!(r#"id="{}""#, gone.slug)));
}

#[test]
fn faqbot_web_serves_the_pages_alone_and_stops_on_sigterm() {
    use std::io::{BufRead, BufReader};
    let cwd = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_faqbot"))
        .args([
            "--knowledge",
            crate::support::knowledge::repo_knowledge_dir()
                .to_str()
                .unwrap(),
        ])
        .args(["web", "--bind", "127.0.0.1:0"])
        .current_dir(cwd.path())
        .env_remove("FAQBOT_CONFIG")
        .env_remove("DISCORD_TOKEN")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start faqbot web");
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    let addr = loop {
        line.clear();
        if stderr.read_line(&mut line).unwrap() == 0 {
            let _ = child.kill();
            panic!("faqbot web exited before serving: {:?}", child.wait());
        }
        if let Some(rest) = line.trim().strip_prefix("Serving the FAQ pages on http://") {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (health, index) = rt.block_on(async {
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let health = client
            .get(format!("http://{addr}/healthz"))
            .send()
            .await
            .unwrap();
        let health = (health.status().as_u16(), health.text().await.unwrap());
        let index = client
            .get(format!("http://{addr}/"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        (health, index)
    });
    assert_eq!(health, (200, "ok\n".to_owned()));
    assert!(index.contains(r#"id="table_of_contents""#));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("faqbot web did not stop on SIGTERM");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(exit.success(), "clean exit on SIGTERM: {exit:?}");
}

/// Encodes a query value.
fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
