//! The HTML pages (maud templates). One layout for all: a skip link, a header with the site
//! navigation, `main`, and a footer carrying the disclaimer.
//!
//! Knowledge and request text is only ever interpolated with `(...)`, which maud escapes;
//! `PreEscaped` is used for the fixed stylesheet alone.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::engine::Engine;
use crate::knowledge::{Entry, Section};
use crate::reply::{Match, Outcome, Reply, UrgentKind};
use crate::service::FaqService;

/// Element ids the pages use besides section slugs and entry ids. Slugs and entry ids are
/// lower-case letters, digits and dashes, so an underscore keeps these from ever clashing.
const MAIN_ID: &str = "main_content";
const TOC_ID: &str = "table_of_contents";

/// Which item of the site navigation is the current page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Nav {
    Article,
    Faq,
    Ask,
    None,
}

/// The stylesheet: small, phone first, high contrast, visible focus.
const CSS: &str = r#"
:root{--fg:#1a1a1a;--muted:#474747;--link:#0b4f8a;--brand:#0a3d62;--soft:#eef3f8;--line:#c9d3dd}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--fg);font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.wrap{max-width:44rem;margin:0 auto;padding:0 1rem}
a{color:var(--link);text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #c75000;outline-offset:2px}
.skip{position:absolute;left:.5rem;top:-3rem;background:#fff;color:var(--brand);padding:.5rem .75rem;border:2px solid var(--brand);z-index:10}
.skip:focus{top:.5rem}
header{background:var(--brand);color:#fff}
header .wrap{display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem 1.25rem;padding-top:.6rem;padding-bottom:.6rem}
.site{color:#fff;font-weight:700;text-decoration:none;font-size:1.05rem}
header nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
header nav a{color:#fff}
header nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{padding:1rem 0 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .75rem}
h2{font-size:1.3rem;line-height:1.3;margin:0 0 .5rem}
h3{font-size:1.1rem;line-height:1.35;margin:0 0 .4rem}
.lede{color:var(--muted);margin-top:0}
.toc{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:1rem 0 1.5rem}
.toc h2{font-size:1.05rem;margin:0}
.toc ol{margin:.4rem 0 0;padding-left:1.4rem}
.toc li{margin:.2rem 0}
.article-section{padding:.75rem 0 .5rem;border-top:1px solid var(--line);scroll-margin-top:.5rem}
.article-section:target{background:#fff8e1;box-shadow:0 0 0 .5rem #fff8e1;border-top-color:#e0b000}
.more{font-size:.95rem;color:var(--muted)}
.more a{margin-right:1rem;display:inline-block}
.entry{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem;margin:.75rem 0;scroll-margin-top:.5rem}
.entry:target{border-color:#e0b000;background:#fffdf3}
.faq-group{margin:1.5rem 0}
blockquote{margin:.5rem 0;padding:.25rem 1rem;border-left:4px solid var(--line);background:#f7f9fb}
blockquote p{margin:.5rem 0}
.note{font-size:.95rem}
form.ask{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:1rem 0}
form.ask label{flex-basis:100%;font-weight:600}
form.ask input{flex:1 1 12rem;min-width:0;font:inherit;padding:.45rem .6rem;border:2px solid #5b6b7a;border-radius:4px}
form.ask button{font:inherit;font-weight:600;padding:.45rem 1rem;border:2px solid var(--brand);border-radius:4px;background:var(--brand);color:#fff;cursor:pointer}
.reply{margin:1rem 0}
.urgent{border:3px solid #a30000;background:#fff1f0;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.urgent h2{color:#8a0000}
.disclaimer{background:var(--soft);border-left:4px solid var(--brand);padding:.6rem 1rem;margin:1rem 0;font-size:.95rem}
.pager{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;margin-top:1.5rem}
footer{border-top:1px solid var(--line);background:#f6f8fa;padding:.5rem 0 1.5rem;font-size:.95rem}
footer .disclaimer{background:#fff}
"#;

/// The page skeleton every route shares.
fn layout(engine: &Engine, title: &str, nav: Nav, body: Markup) -> Markup {
    let site = &engine.knowledge().article.title;
    let page_title = if title == site.as_str() {
        site.clone()
    } else {
        format!("{title} · {site}")
    };
    let current = |item: Nav| (nav == item).then_some("page");
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (page_title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                a.skip href={ "#" (MAIN_ID) } { "Skip to main content" }
                header {
                    div.wrap {
                        a.site href="/" { "Acupuncture for back pain: patient FAQ" }
                        nav aria-label="Site" {
                            ul {
                                li { a href="/" aria-current=[current(Nav::Article)] { "Article" } }
                                li { a href="/faq" aria-current=[current(Nav::Faq)] { "FAQ" } }
                                li { a href="/ask" aria-current=[current(Nav::Ask)] { "Ask a question" } }
                            }
                        }
                    }
                }
                main id=(MAIN_ID) tabindex="-1" {
                    div.wrap { (body) }
                }
                footer {
                    div.wrap {
                        p.disclaimer role="note" { strong { "Not medical advice. " } (engine.disclaimer()) }
                        p { "From the article " cite { (site) } "." }
                    }
                }
            }
        }
    }
}

/// A page response with the HTML content type.
fn page(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response()
}

/// `/`: the whole article.
pub(super) async fn index(State(service): State<Arc<FaqService>>) -> Response {
    let engine = service.engine();
    let knowledge = engine.knowledge();
    let article = &knowledge.article;
    let body = html! {
        h1 { (article.title) }
        @if let Some(note) = &article.author_note {
            p.lede { (note) }
        }
        (ask_form(&service, ""))
        (toc(&article.sections))
        @for s in &article.sections {
            section.article-section id=(s.slug) {
                h2 { (s.title) }
                (paragraphs(&s.paragraphs))
                p.more {
                    @if knowledge.faq.iter().any(|e| e.section == s.id) {
                        a href={ "/faq#section_" (encode(&s.id)) } { "Questions about this section" }
                    }
                    a href={ "/sections/" (encode(&s.id)) } { "This section on its own page" }
                    a href={ "#" (TOC_ID) } { "Back to contents" }
                }
            }
        }
    };
    page(
        StatusCode::OK,
        layout(&engine, &article.title, Nav::Article, body),
    )
}

fn toc(sections: &[Section]) -> Markup {
    html! {
        nav.toc id=(TOC_ID) aria-labelledby="toc_heading" {
            h2 id="toc_heading" { "Contents" }
            ol {
                @for s in sections {
                    li { a href={ "#" (encode(&s.slug)) } { (s.title) } }
                }
            }
        }
    }
}

fn paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Markup {
    html! {
        @for p in paragraphs {
            p { (p.as_ref()) }
        }
    }
}

/// `/sections/<id>`: one section, with the questions it answers. The slug is accepted too.
pub(super) async fn section(
    State(service): State<Arc<FaqService>>,
    id: Result<Path<String>, PathRejection>,
    uri: Uri,
) -> Response {
    // An id that is not UTF-8 once decoded matches no section: the same helpful 404.
    let id = id.map_or_else(
        |_| decode(uri.path().trim_start_matches("/sections/")),
        |Path(id)| id,
    );
    let engine = service.engine();
    let knowledge = engine.knowledge();
    let sections = &knowledge.article.sections;
    let Some(pos) = sections
        .iter()
        .position(|s| s.id == id)
        .or_else(|| sections.iter().position(|s| s.slug == id))
    else {
        return missing_section(&engine, &id);
    };
    let s = &sections[pos];
    let entries: Vec<&Entry> = knowledge.faq.iter().filter(|e| e.section == s.id).collect();
    let body = html! {
        p.lede { "A section of " a href="/" { (knowledge.article.title) } }
        article.article-section id=(s.slug) {
            h1 { (s.title) }
            (paragraphs(&s.paragraphs))
        }
        @if !entries.is_empty() {
            section aria-labelledby="questions_heading" {
                h2 id="questions_heading" { "Questions this section answers" }
                ul {
                    @for e in &entries {
                        li { a href={ "/faq#" (encode(&e.id)) } { (e.question) } }
                    }
                }
            }
        }
        p.more {
            a href={ "/#" (encode(&s.slug)) } { "Read it in the whole article" }
        }
        nav.pager aria-label="Sections" {
            @if let Some(prev) = pos.checked_sub(1).and_then(|i| sections.get(i)) {
                a href={ "/sections/" (encode(&prev.id)) } rel="prev" { "← " (prev.title) }
            }
            @if let Some(next) = sections.get(pos + 1) {
                a href={ "/sections/" (encode(&next.id)) } rel="next" { (next.title) " →" }
            }
        }
    };
    page(StatusCode::OK, layout(&engine, &s.title, Nav::None, body))
}

/// The 404 for an unknown section id: says so and lists the sections.
fn missing_section(engine: &Engine, id: &str) -> Response {
    let body = html! {
        h1 { "Section not found" }
        p { "There is no section called “" code { (id) } "”." }
        (section_list(engine))
    };
    page(
        StatusCode::NOT_FOUND,
        layout(engine, "Section not found", Nav::None, body),
    )
}

fn section_list(engine: &Engine) -> Markup {
    html! {
        h2 { "The article’s sections" }
        ul {
            @for s in &engine.knowledge().article.sections {
                li {
                    a href={ "/sections/" (encode(&s.id)) } { (s.title) }
                }
            }
        }
        p {
            "You can also read " a href="/" { "the whole article" } ", browse "
            a href="/faq" { "the questions it answers" } " or " a href="/ask" { "ask a question" } "."
        }
    }
}

/// Any other path: a 404 that helps people find their way.
pub(super) async fn not_found(State(service): State<Arc<FaqService>>, uri: Uri) -> Response {
    let engine = service.engine();
    let body = html! {
        h1 { "Page not found" }
        p { "There is no page at " code { (decode(uri.path())) } "." }
        (section_list(&engine))
    };
    page(
        StatusCode::NOT_FOUND,
        layout(&engine, "Page not found", Nav::None, body),
    )
}

/// `/faq`: every entry, grouped by section in article order.
pub(super) async fn faq(State(service): State<Arc<FaqService>>) -> Response {
    let engine = service.engine();
    let knowledge = engine.knowledge();
    let mut by_section: HashMap<&str, Vec<&Entry>> = HashMap::new();
    for e in &knowledge.faq {
        by_section.entry(e.section.as_str()).or_default().push(e);
    }
    let groups: Vec<(&Section, &Vec<&Entry>)> = knowledge
        .article
        .sections
        .iter()
        .filter_map(|s| by_section.get(s.id.as_str()).map(|es| (s, es)))
        .collect();
    let body = html! {
        h1 { "Frequently asked questions" }
        p.lede {
            "Each answer quotes " a href="/" { (knowledge.article.title) }
            " and links to the section it comes from."
        }
        (ask_form(&service, ""))
        nav.toc aria-labelledby="faq_toc_heading" {
            h2 id="faq_toc_heading" { "Sections" }
            ol {
                @for (s, entries) in &groups {
                    li { a href={ "#section_" (encode(&s.id)) } { (s.title) } " (" (entries.len()) ")" }
                }
            }
        }
        @for (s, entries) in &groups {
            section.faq-group id={ "section_" (s.id) } {
                h2 { (s.title) }
                @for e in entries.iter() {
                    article.entry id=(e.id) {
                        h3 { (e.question) }
                        (passage(&e.passage))
                        @if let Some(note) = &e.evidence_note {
                            p.note { strong { "Note: " } (note) }
                        }
                        p.more {
                            a href={ "/#" (encode(&s.slug)) } { "Read the full section: " (s.title) }
                        }
                    }
                }
            }
        }
    };
    page(
        StatusCode::OK,
        layout(&engine, "Frequently asked questions", Nav::Faq, body),
    )
}

fn passage(text: &str) -> Markup {
    let parts: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    html! { blockquote { (paragraphs(&parts)) } }
}

fn ask_form(service: &FaqService, question: &str) -> Markup {
    let max = service.config().limits.max_question_chars;
    html! {
        form.ask action="/ask" method="get" role="search" {
            label for="q" { "Ask a question about acupuncture for back pain" }
            input #q type="search" name="q" value=(question) maxlength=(max) autocomplete="off"
                placeholder="e.g. Is it used in the NHS?";
            button type="submit" { "Ask" }
        }
    }
}

/// `/ask?q=`: the reply to one question, rendered like the other front ends render it:
/// urgent guidance first and alone, the passage with a link to its section, suggestions,
/// or the "not in the FAQ" message; the disclaimer with every reply.
pub(super) async fn ask(
    State(service): State<Arc<FaqService>>,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    // Any query string gets the page: the first `q` is the question, the rest is ignored.
    let question = params
        .ok()
        .and_then(|Query(pairs)| pairs.into_iter().find(|(k, _)| k == "q"))
        .map(|(_, q)| q)
        .unwrap_or_default();
    let max = service.config().limits.max_question_chars;
    let trimmed = question.trim();
    // Too long is refused, unless it needs urgent-care guidance: that is never held back.
    let too_long = crate::engine::question_len(trimmed) > max;
    let (engine, result) = if trimmed.is_empty() {
        (service.engine(), None)
    } else if too_long && !service.is_urgent(trimmed) {
        (service.engine(), Some(Err(max)))
    } else {
        let reply = service.ask(trimmed);
        (service.engine(), Some(Ok(reply)))
    };
    let shown = if too_long { "" } else { trimmed };
    let body = html! {
        h1 { "Ask a question" }
        (ask_form(&service, shown))
        @match &result {
            None => p.lede { (service.config().messages.empty) " You can also browse " a href="/faq" { "all the questions" } "." },
            Some(Err(max)) => div.reply role="status" {
                p { "Please keep your question under " (max) " characters." }
                p.disclaimer role="note" { (engine.disclaimer()) }
            },
            Some(Ok(reply)) => (render_reply(&engine, &service, reply)),
        }
    };
    let mut response = page(
        StatusCode::OK,
        layout(&engine, "Ask a question", Nav::Ask, body),
    );
    // A health question is personal: keep it out of caches.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

fn render_reply(engine: &Engine, service: &FaqService, reply: &Reply) -> Markup {
    html! {
        div.reply {
            p.lede { "You asked: “" (reply.question) "”" }
            @match &reply.outcome {
                Outcome::Urgent(u) => div.urgent role="alert" {
                    h2 {
                        @if !u.title.trim().is_empty() { (u.title) }
                        @else if u.kind == UrgentKind::Crisis { "Please reach out for help now" }
                        @else { "Please get urgent medical help" }
                    }
                    (rich_text(&u.message))
                },
                Outcome::Answer(m) => (render_match(engine, service, m)),
                Outcome::Suggestions(list) => div role="status" {
                    h2 { "Did you mean one of these?" }
                    ul {
                        @for m in list {
                            li { a href={ "/faq#" (encode(&m.entry_id)) } { (m.question) } }
                        }
                    }
                },
                Outcome::NoMatch { message, .. } => div role="status" {
                    (rich_text(message))
                    p { "Browse " a href="/faq" { "all the questions the FAQ answers" } "." }
                },
            }
            p.disclaimer role="note" { strong { "Not medical advice. " } (reply.disclaimer) }
        }
    }
}

/// Triage and "not in the FAQ" texts: paragraphs separated by a blank line, and lines
/// starting with "- " as a bulleted list.
fn rich_text(text: &str) -> Markup {
    enum Block<'a> {
        Para(Vec<&'a str>),
        List(Vec<&'a str>),
    }
    let mut blocks: Vec<Block> = Vec::new();
    for chunk in text.split("\n\n") {
        let mut last_was_list = false;
        for line in chunk.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match (line.strip_prefix("- "), blocks.last_mut()) {
                (Some(item), Some(Block::List(items))) if last_was_list => items.push(item),
                (Some(item), _) => blocks.push(Block::List(vec![item])),
                (None, Some(Block::Para(lines))) if !last_was_list && !lines.is_empty() => {
                    lines.push(line)
                }
                (None, _) => blocks.push(Block::Para(vec![line])),
            }
            last_was_list = line.starts_with("- ");
        }
        // A blank line always starts a new paragraph.
        blocks.push(Block::Para(Vec::new()));
    }
    html! {
        @for block in &blocks {
            @match block {
                Block::Para(lines) => @if !lines.is_empty() { p { (lines.join(" ")) } },
                Block::List(items) => ul { @for item in items { li { (item) } } },
            }
        }
    }
}

fn render_match(engine: &Engine, service: &FaqService, m: &Match) -> Markup {
    // Our own page for the section (relative, so it works behind any host name), and the
    // configured link too when it points elsewhere (the original article).
    let local = engine
        .knowledge()
        .section(&m.section.id)
        .map(|s| format!("/#{}", encode(&s.slug)));
    let external = service
        .config()
        .links
        .article_url
        .is_some()
        .then_some(&m.section.url);
    html! {
        article.entry {
            h2 { (m.question) }
            (passage(&m.passage))
            @if let Some(note) = &m.evidence_note {
                p.note { strong { "Note: " } (note) }
            }
            p.more {
                @if let Some(href) = &local {
                    a href=(href) { "Read the full section: " (m.section.title) }
                }
                @if let Some(url) = external.filter(|u| is_http_url(u)) {
                    a href=(url) { "In the original article" }
                }
            }
        }
    }
}

fn is_http_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Percent-encodes everything but unreserved characters, for a path segment or fragment.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes for display (invalid UTF-8 becomes U+FFFD); the result is
/// escaped like any other text when rendered.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{decode, encode, rich_text};

    #[test]
    fn rich_text_makes_paragraphs_and_bullet_lists_escaped() {
        let html = rich_text("First line\nsecond line.\n\n- one <b>\n- two\nAfter.\n\nLast.")
            .into_string();
        assert_eq!(
            html,
            "<p>First line second line.</p><ul><li>one &lt;b&gt;</li><li>two</li></ul><p>After.</p><p>Last.</p>"
        );
    }

    #[test]
    fn decode_undoes_percent_escapes_and_tolerates_bad_ones() {
        assert_eq!(decode("/a%20b/%3Cx%3E"), "/a b/<x>");
        assert_eq!(decode("%C3%A9%"), "é%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }

    #[test]
    fn encode_keeps_slugs_and_escapes_the_rest() {
        assert_eq!(encode("how-it-works"), "how-it-works");
        assert_eq!(encode("a b/<c>\"é"), "a%20b%2F%3Cc%3E%22%C3%A9");
    }
}
