//! The urgent-care reply as embed markdown, in the NHS care-card pattern.

use super::text::is_link;
use crate::reply::Urgent;

/// Each step in bold with its bullets (web links as links; Discord cannot dial a `tel:`),
/// then "You mentioned …", then the closing note.
pub fn care_card(u: &Urgent) -> String {
    if u.steps.is_empty() {
        return u.message.trim().to_owned();
    }
    let mut out = String::new();
    for step in &u.steps {
        out.push_str(&format!("**{}**\n", step.heading.trim()));
        for bullet in &step.bullets {
            out.push_str(&format!("• {}\n", bullet.trim()));
        }
        let links: Vec<String> = step
            .contacts
            .iter()
            .filter(|c| is_link(&c.href))
            .map(|c| format!("[{}]({})", c.label, c.href))
            .collect();
        if !links.is_empty() {
            out.push_str(&format!("{}\n", links.join(" · ")));
        }
        out.push('\n');
    }
    if let Some(said) = u.mentioned_sentence() {
        out.push_str(&said);
        out.push_str("\n\n");
    }
    out.push_str(u.note.trim());
    out.trim().to_owned()
}
