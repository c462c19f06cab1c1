//! Browsing the FAQ: `/faq topics` and the autocomplete choices of `/ask` and `/faq show`.

use serenity::all::{AutocompleteChoice, CreateAutocompleteResponse};

use super::colour;
use super::message::{EmbedSpec, Rendered};
use super::text::{clamp, is_link, len};
use crate::discord::limits;
use crate::knowledge::{Entry, Knowledge, Section};

/// `/faq topics`: the article's sections as topics patients recognise (their labels, the
/// heading beside), with how many questions each answers.
pub fn topics(
    knowledge: &Knowledge,
    section_url: impl Fn(&Section) -> String,
    disclaimer: &str,
) -> Rendered {
    let sections = &knowledge.article.sections;
    let mut fields = Vec::new();
    for s in sections.iter().take(limits::EMBED_FIELDS) {
        let entries: Vec<&Entry> = knowledge.faq.iter().filter(|e| e.section == s.id).collect();
        let mut value = format!(
            "{} question{}",
            entries.len(),
            if entries.len() == 1 { "" } else { "s" }
        );
        for e in entries.iter().take(3) {
            value.push_str(&format!("\n• {}", clamp(&e.question, 200)));
        }
        // The heading too, when the topic is not it: what `/section` and the web call it.
        let heading = if s.topic() == s.title {
            String::new()
        } else {
            format!(": \u{201c}{}\u{201d}", clamp(&s.title, 200))
        };
        let url = section_url(s);
        if is_link(&url) {
            value.push_str(&format!("\n[Read the section{heading}]({url})"));
        } else if !heading.is_empty() {
            value.push_str(&format!("\nIn the article{heading}"));
        }
        fields.push((
            clamp(s.topic(), limits::FIELD_NAME),
            clamp(&value, limits::FIELD_VALUE),
            false,
        ));
    }
    let intro = clamp(
        &format!(
            "I answer questions from the article \u{201c}{}\u{201d}. Ask with `/ask`, or look up a question with `/faq show`.",
            knowledge.article.title
        ),
        3000,
    );
    let mut spec = EmbedSpec {
        title: "What I can answer".to_owned(),
        description: intro.clone(),
        colour: colour::ANSWER,
        fields,
        footer: disclaimer.to_owned(),
    };
    // Within the 6000 in all: drop trailing sections, and say how many are not listed.
    loop {
        let left_out = sections.len() - spec.fields.len();
        spec.description = if left_out == 0 {
            intro.clone()
        } else {
            format!("{intro}\n\n…and {left_out} more sections: `/section` lists them all.")
        };
        if spec.total_len() <= limits::EMBED_TOTAL || spec.fields.len() <= 1 {
            break;
        }
        spec.fields.pop();
    }
    Rendered::new(vec![spec.fit_description()], Vec::new())
}

/// Autocomplete for `/ask`: FAQ questions; choosing one submits its text.
pub fn question_choices<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
) -> CreateAutocompleteResponse {
    let choices = entries
        .into_iter()
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|e| {
            AutocompleteChoice::new(
                clamp(&e.question, limits::AUTOCOMPLETE_NAME),
                clamp(&e.question, limits::AUTOCOMPLETE_VALUE),
            )
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// Autocomplete for `/faq show`: FAQ questions; choosing one submits the entry id.
pub fn entry_choices<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
) -> CreateAutocompleteResponse {
    let choices = entries
        .into_iter()
        .filter(|e| len(&e.id) <= limits::AUTOCOMPLETE_VALUE)
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|e| {
            AutocompleteChoice::new(clamp(&e.question, limits::AUTOCOMPLETE_NAME), e.id.clone())
        })
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}
