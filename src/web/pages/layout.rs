//! The page skeleton every route shares: a skip link, a one-line header with the site
//! navigation, the disclaimer once right under it (so it is in the first screen of every
//! page), `main`, and a footer naming the source article, its author and when the
//! knowledge was last reviewed.
//!
//! `PreEscaped` is used for the fixed stylesheet alone.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::engine::Engine;

/// Element ids the pages use besides section slugs and entry ids. Slugs and entry ids are
/// lower-case letters, digits and dashes, so an underscore keeps these from ever clashing.
pub(super) const MAIN_ID: &str = "main_content";
pub(super) const TOC_ID: &str = "table_of_contents";

/// Which item of the site navigation is the current page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Nav {
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
header .wrap{display:flex;align-items:baseline;justify-content:space-between;gap:1rem;padding-top:.45rem;padding-bottom:.45rem;white-space:nowrap}
.site{color:#fff;font-weight:700;text-decoration:none;font-size:1.05rem;overflow:hidden;text-overflow:ellipsis}
header nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
header nav a{color:#fff}
header nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.short{display:none}
@media (max-width:34rem){.long{display:none}.short{display:inline}header .wrap{gap:.75rem}header nav ul{gap:.75rem}}
.disclaimer{background:#fff8e1;border-left:4px solid #b07800;padding:.45rem .8rem;margin:.75rem 0 0;font-size:.9rem;line-height:1.45}
main{padding:.5rem 0 2rem}
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
.related h3{font-size:1rem;margin:1rem 0 .25rem}
.related ul{margin:0;padding-left:1.2rem}
form.ask{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:1rem 0}
form.ask label{flex-basis:100%;font-weight:600}
form.ask input{flex:1 1 12rem;min-width:0;font:inherit;padding:.45rem .6rem;border:2px solid #5b6b7a;border-radius:4px}
form.ask button{font:inherit;font-weight:600;padding:.45rem 1rem;border:2px solid var(--brand);border-radius:4px;background:var(--brand);color:#fff;cursor:pointer}
.reply{margin:1rem 0}
.urgent{border:3px solid #a30000;background:#fff1f0;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.urgent h2{color:#8a0000}
.urgent h3{margin:.75rem 0 .25rem}.urgent a.contact{display:inline-block;margin:.25rem .5rem .25rem 0;padding:.4rem .75rem;border-radius:4px;background:#a30000;color:#fff;font-weight:bold}
.support{border-left:4px solid #005eb8;padding-left:.75rem}
.pager{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem;margin-top:1.5rem}
footer{border-top:1px solid var(--line);background:#f6f8fa;padding:.5rem 0 1.5rem;font-size:.95rem;color:var(--muted)}
"#;

/// The page skeleton every route shares.
pub(super) fn layout(engine: &Engine, title: &str, nav: Nav, body: Markup) -> Markup {
    let article = &engine.knowledge().article;
    let site = &article.title;
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
                        a.site href="/" {
                            span.long { "Acupuncture for back pain: patient FAQ" }
                            span.short { "Back pain FAQ" }
                        }
                        nav aria-label="Site" {
                            ul {
                                li { a href="/" aria-current=[current(Nav::Article)] { "Article" } }
                                li { a href="/faq" aria-current=[current(Nav::Faq)] { "FAQ" } }
                                li {
                                    a href="/ask" aria-current=[current(Nav::Ask)] {
                                        span.long { "Ask a question" } span.short { "Ask" }
                                    }
                                }
                            }
                        }
                    }
                }
                div.wrap {
                    p.disclaimer role="note" { strong { "Not medical advice. " } (engine.disclaimer()) }
                }
                main id=(MAIN_ID) tabindex="-1" {
                    div.wrap { (body) }
                }
                footer {
                    div.wrap { (source(engine)) }
                }
            }
        }
    }
}

/// Where the answers come from: the article, its author as the article gives it, and when
/// the knowledge was last reviewed (`reviewed` in `article.toml`).
fn source(engine: &Engine) -> Markup {
    let article = &engine.knowledge().article;
    html! {
        p {
            "Source: the article " cite { (article.title) }
            @if let Some(author) = &article.author_note { " (" (author) ")" }
            "."
            @if let Some(date) = &article.reviewed {
                " FAQ last reviewed " time datetime=(date) { (human_date(date)) } "."
            }
        }
    }
}

/// `2026-11-26` as "26 November 2026"; anything else as it is written.
fn human_date(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| date.to_owned(), |d| d.format("%-d %B %Y").to_string())
}

/// A page response with the HTML content type.
pub(super) fn page(status: StatusCode, markup: Markup) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        markup.into_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn review_dates_read_as_people_write_them() {
        assert_eq!(super::human_date("2026-11-26"), "26 November 2026");
        assert_eq!(super::human_date("autumn 2026"), "autumn 2026");
    }
}
