//! The built-in web pages (issue 5): every route over real HTTP on loopback, and an
//! answer's "Read the full section" link opened in headless Chromium.
//!
//! Run with `cargo test --test web`. The browser test needs Debian's chromium
//! (`scripts/install-chromium.sh`); where it cannot be had, it prints why and skips.

mod support;

#[path = "web/browser.rs"]
mod browser;
#[path = "web/common.rs"]
mod common;
#[path = "web/routes.rs"]
mod routes;
#[path = "web/screens.rs"]
mod screens;
#[path = "web/server.rs"]
mod server;
