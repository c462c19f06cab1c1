//! Helpers shared by the integration test crates. Each crate uses some of them.
#![allow(dead_code)]

pub mod bot;
pub mod fake_discord;
pub mod knowledge;
pub mod store_fixture;
