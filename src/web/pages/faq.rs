//! `/faq`: every FAQ entry, grouped by section in article order; each entry has an anchor
//! (`/faq#<entry id>`), which is where suggestions and related questions link.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;

use super::ask::ask_form;
use super::layout::{Nav, layout, page};
use super::text::{encode, passage};
use crate::knowledge::{Entry, Section};
use crate::service::FaqService;

pub(crate) async fn faq(State(service): State<Arc<FaqService>>) -> Response {
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
