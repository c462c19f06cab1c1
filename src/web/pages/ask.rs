//! `/ask`: the "ask a question" page for patients without Discord. The form posts the
//! question, so it stays out of the address bar, browser history and access logs (a
//! `?q=` link still works, for old bookmarks). The reply is rendered like the other front
//! ends render it: urgent guidance first and alone, the passage with a link to its
//! section and related questions, suggestions, or the "not in the FAQ" message.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use maud::{Markup, html};

use super::layout::{Nav, layout, page};
use super::text::{encode, is_http_url, passage, rich_text};
use crate::engine::Engine;
use crate::reply::{Match, Outcome, Related, Reply, Urgent, UrgentKind};
use crate::service::{Admission, FaqService, too_long};

pub(super) fn ask_form(service: &FaqService, question: &str) -> Markup {
    let max = service.config().limits.max_question_chars;
    html! {
        form.ask action="/ask" method="post" role="search" {
            label for="q" { "Ask a question about acupuncture for back pain" }
            input #q type="search" name="q" value=(question) maxlength=(max) autocomplete="off"
                placeholder="e.g. Is it used in the NHS?";
            button type="submit" { "Ask" }
        }
    }
}

/// `GET /ask` (the empty form, or `?q=` from an old link: the first `q` is asked).
pub(crate) async fn ask(
    State(service): State<Arc<FaqService>>,
    params: Result<Query<Vec<(String, String)>>, QueryRejection>,
) -> Response {
    let question = params
        .ok()
        .and_then(|Query(pairs)| pairs.into_iter().find(|(k, _)| k == "q"))
        .map(|(_, q)| q)
        .unwrap_or_default();
    answer_page(&service, &question)
}

/// `POST /ask` from the form. A body that is not a form asks nothing.
pub(crate) async fn ask_post(
    State(service): State<Arc<FaqService>>,
    form: Result<Form<HashMap<String, String>>, FormRejection>,
) -> Response {
    let question = form
        .ok()
        .and_then(|Form(mut fields)| fields.remove("q"))
        .unwrap_or_default();
    answer_page(&service, &question)
}

fn answer_page(service: &FaqService, question: &str) -> Response {
    let max = service.config().limits.max_question_chars;
    let trimmed = question.trim();
    // The service's admission rule: too long is refused, unless it needs urgent-care
    // guidance (that is never held back).
    let too_long = too_long(trimmed, max).is_some();
    let (engine, result) = if trimmed.is_empty() {
        (service.engine(), None)
    } else if let Admission::Refuse(_) = service.admit(trimmed, || false) {
        (service.engine(), Some(Err(max)))
    } else {
        let reply = service.ask(trimmed);
        (service.engine(), Some(Ok(reply)))
    };
    let shown = if too_long { "" } else { trimmed };
    let body = html! {
        h1 { "Ask a question" }
        (ask_form(service, shown))
        @match &result {
            None => p.lede { (service.config().messages.empty) " You can also browse " a href="/faq" { "all the questions" } "." },
            Some(Err(max)) => div.reply role="status" {
                p { "Please keep your question under " (max) " characters." }
            },
            Some(Ok(reply)) => (render_reply(&engine, service, reply)),
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

/// One reply. The disclaimer is not repeated here: the layout shows it above every page.
fn render_reply(engine: &Engine, service: &FaqService, reply: &Reply) -> Markup {
    html! {
        div.reply {
            p.lede { "You asked: “" (reply.question) "”" }
            @match &reply.outcome {
                Outcome::Urgent(u) => (urgent(u)),
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
            @if let Some(line) = &reply.support { p.support role="note" { (line) } }
            (related(&reply.related))
        }
    }
}

/// Urgent-care guidance as a care card, alone, prominent, announced to screen readers: what
/// to do first (each step's heading, bullets and its numbers as `tel:` links), then what in
/// the message led to it.
fn urgent(u: &Urgent) -> Markup {
    html! {
        div.urgent role="alert" {
            h2 {
                @if !u.title.trim().is_empty() { (u.title) }
                @else if u.kind == UrgentKind::Crisis { "Please reach out for help now" }
                @else { "Please get urgent medical help" }
            }
            @if u.steps.is_empty() {
                (rich_text(&u.message))
            } @else {
                @for step in &u.steps {
                    section.step {
                        h3 { (step.heading) }
                        ul { @for bullet in &step.bullets { li { (bullet) } } }
                        @if !step.contacts.is_empty() {
                            p.contacts {
                                @for c in &step.contacts { a.contact href=(c.href) { (c.label) } " " }
                            }
                        }
                    }
                }
                @if let Some(said) = u.mentioned_sentence() { p.mentioned { (said) } }
                (rich_text(&u.note))
            }
        }
    }
}

/// Related questions under an answer, each a link to its entry on `/faq`.
fn related(list: &[Related]) -> Markup {
    html! {
        @if !list.is_empty() {
            nav.related aria-labelledby="related_heading" {
                h3 id="related_heading" { "Related questions" }
                ul {
                    @for r in list {
                        li { a href={ "/faq#" (encode(&r.entry_id)) } { (r.question) } }
                    }
                }
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
