//! `faqbot check`: validate config and knowledge, as an operator would before a deploy.

use std::process::ExitCode;

use super::args::{Global, load, report_errors};
use crate::knowledge::coverage_gaps;

pub fn run(cli: &Global) -> ExitCode {
    match load(cli) {
        Ok((config, knowledge)) => {
            let gaps = coverage_gaps(&knowledge);
            for (section, paragraph) in &gaps {
                println!(
                    "warning: {}: paragraph {} of section {section:?} is not quoted by any FAQ entry, so no question can reach it",
                    config.knowledge_dir.join("faq.toml").display(),
                    paragraph + 1
                );
            }
            let alternates: usize = knowledge.faq.iter().map(|e| e.alternates.len()).sum();
            println!(
                "ok: {} sections, {} FAQ entries ({} alternate phrasings), {} topics not covered, {} synonym groups, {} triage rules",
                knowledge.article.sections.len(),
                knowledge.faq.len(),
                alternates,
                knowledge.not_covered.len(),
                knowledge.lexicon.groups.len(),
                knowledge.triage.rules.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            report_errors(&errors);
            eprintln!("check failed: {} problem(s)", errors.0.len());
            ExitCode::FAILURE
        }
    }
}
