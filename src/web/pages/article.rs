//! The article pages: `/` (the whole article with contents and section anchors), one page
//! per section, and the 404s that list the sections to help people on their way.

use std::sync::Arc;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::Response;
use maud::{Markup, html};

use super::ask::ask_form;
use super::layout::{Nav, TOC_ID, layout, page};
use super::text::{decode, encode, paragraphs};
use crate::engine::Engine;
use crate::knowledge::{Entry, Section};
use crate::service::FaqService;

/// `/`: the whole article.
pub(crate) async fn index(State(service): State<Arc<FaqService>>) -> Response {
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

/// `/sections/<id>`: one section, with the questions it answers. The slug is accepted too.
pub(crate) async fn section(
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
    let found = knowledge.find_section(&id);
    let Some(pos) = found.and_then(|f| sections.iter().position(|s| s.id == f.id)) else {
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
pub(crate) async fn not_found(State(service): State<Arc<FaqService>>, uri: Uri) -> Response {
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
