//! Reload reports (`/faqmod reload`, and the moderator log channel for the file watcher's
//! reloads) and `/faqmod export`.

use serenity::all::CreateAttachment;

use super::changes::code_block;
use crate::discord::render::colour;
use crate::discord::render::message::{EmbedSpec, Rendered};
use crate::error::SourceErrors;
use crate::knowledge::{ReloadSummary, ReloadTrigger};

/// A successful `/faqmod reload`.
pub fn reloaded(summary: &ReloadSummary) -> Rendered {
    Rendered::notice(&reload_text(summary))
}

fn reload_text(summary: &ReloadSummary) -> String {
    let mut text = format!(
        "🔄 Reloaded the knowledge files: {} entries are served.",
        summary.entries
    );
    if !summary.changed {
        text.push_str(" Nothing had changed.");
    }
    for (what, ids) in [
        ("Added", &summary.added),
        ("Edited", &summary.edited),
        ("Removed", &summary.removed),
    ] {
        if !ids.is_empty() {
            let list: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
            text.push_str(&format!("\n{what}: {}", list.join(", ")));
        }
    }
    if summary.changed
        && summary.added.is_empty()
        && summary.edited.is_empty()
        && summary.removed.is_empty()
    {
        text.push_str("\nThe article, vocabulary or triage rules changed.");
    }
    text
}

/// A reload that found invalid files: each error with its file and line, and the
/// reassurance that the last good version is still served.
pub fn reload_failed(errors: &SourceErrors, trigger: ReloadTrigger) -> Rendered {
    let lead = match trigger {
        ReloadTrigger::Explicit => "The knowledge files have errors, so they were not loaded.",
        ReloadTrigger::Watcher => {
            "The knowledge files were changed on disk, but they have errors, so they were not loaded."
        }
    };
    let list: Vec<String> = errors
        .0
        .iter()
        .map(|e| {
            let file = e.path.file_name().map_or_else(
                || e.path.display().to_string(),
                |f| f.to_string_lossy().into_owned(),
            );
            match e.line {
                Some(line) => format!("{file}:{line}: {}", e.message),
                None => format!("{file}: {}", e.message),
            }
        })
        .collect();
    let spec = EmbedSpec {
        title: "Knowledge not reloaded".to_owned(),
        description: format!(
            "{lead} Patients are still answered from the last good version.\n{}\nFix them and save again (or run `/faqmod reload`).",
            code_block(&list.join("\n"), "", 3000)
        ),
        colour: colour::PROBLEM,
        fields: Vec::new(),
        footer: String::new(),
    };
    Rendered::new(vec![spec], Vec::new())
}

/// A file-watcher reload, for the moderator log channel.
pub fn log_reloaded(summary: &ReloadSummary) -> Rendered {
    Rendered::notice(&format!(
        "Knowledge files changed on disk and were loaded.\n{}",
        reload_text(summary)
    ))
}

/// `/faqmod export`: a note, with `text` attached as `file_name`.
pub fn export(entries: usize, file_name: &str, text: String) -> Rendered {
    Rendered::notice(&format!(
        "The FAQ as it is served now: `{file_name}`, {entries} entries."
    ))
    .with_file(CreateAttachment::bytes(text.into_bytes(), file_name))
}
