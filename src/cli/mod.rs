//! The `faqbot` command line: argument parsing and dispatch. Each subcommand lives in its
//! own module and only renders what the core library decides.

mod args;
mod ask;
mod chat;
mod check;
mod faq;
mod faq_tools;
mod logging;
pub mod render;
mod run;
mod signal;
mod web;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use args::Global;
use args::{load, report_errors};

use crate::config::Config;
use crate::knowledge::Knowledge;

#[derive(Debug, Parser)]
#[command(
    name = "faqbot",
    version,
    about = "Answers patients' questions about acupuncture for back pain from a curated FAQ."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Interactive console: ask questions, no Discord needed.
    Chat,
    /// Answer one question (or, with `--json -`, one per line from stdin).
    Ask {
        /// Print the reply as one JSON object (the contract in the README).
        #[arg(long)]
        json: bool,
        /// Also print, to stderr, the top candidates with both signals (lexical, semantic) and
        /// the fitted confidence that decided (for tuning the FAQ).
        #[arg(long)]
        explain: bool,
        /// Log unanswered questions to the moderators' queue (data/unanswered.jsonl), as
        /// Discord and the web pages do. Off by default: tuning runs are not patient traffic.
        #[arg(long)]
        record: bool,
        /// The question; `-` reads questions from stdin, one per line.
        question: Vec<String>,
    },
    /// Validate knowledge and config; exit non-zero with file:line errors.
    Check,
    /// List the article's sections with their ids and links.
    Sections,
    /// Run the Discord bot (token from DISCORD_TOKEN), and the web pages if `web.enabled`.
    /// Stops cleanly on Ctrl-C or SIGTERM.
    Run,
    /// Serve the web pages (article, sections, FAQ, /metrics) alone, without Discord.
    Web {
        /// Address to listen on [default: the config's web.bind]
        #[arg(long)]
        bind: Option<String>,
    },
    /// Curate the FAQ: add, edit, remove, alias, history, export (same checks and audit
    /// log as the Discord moderator commands).
    Faq {
        #[command(subcommand)]
        command: faq::FaqCommand,
    },
}

/// Runs the command line; the process exit code comes back.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Check) => check::run(&cli.global),
        Some(Command::Chat) => with_loaded(&cli.global, chat::run),
        Some(Command::Run) => with_loaded(&cli.global, run::run),
        // No subcommand: the Discord bot when a token is set, else the local console.
        None if crate::config::DiscordConfig::token_from_env().is_some() => {
            with_loaded(&cli.global, run::run)
        }
        None => with_loaded(&cli.global, chat::run),
        Some(Command::Ask {
            json,
            explain,
            record,
            ref question,
        }) => with_loaded(&cli.global, |config, knowledge| {
            let options = ask::AskOptions {
                json,
                explain,
                record,
                words: question,
            };
            ask::run(config, knowledge, &options)
        }),
        Some(Command::Sections) => with_loaded(&cli.global, |config, knowledge| {
            render::print_sections(&crate::Engine::new(knowledge, &config));
            ExitCode::SUCCESS
        }),
        Some(Command::Web { ref bind }) => with_loaded(&cli.global, |config, knowledge| {
            web::run(config, knowledge, bind.clone())
        }),
        Some(Command::Faq { ref command }) => faq::run(&cli.global, command.clone()),
    }
}

fn with_loaded(cli: &Global, run: impl FnOnce(Config, Knowledge) -> ExitCode) -> ExitCode {
    match load(cli) {
        Ok((config, knowledge)) => run(config, knowledge),
        Err(errors) => {
            report_errors(&errors);
            ExitCode::from(2)
        }
    }
}
