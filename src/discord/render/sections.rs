//! `/section`: a whole article section as one or more Discord messages, its autocomplete
//! choices and the reply to an unknown section.
//!
//! The text is split by [`split_section`] (between paragraphs, else sentences, else words)
//! into embed descriptions; the embeds are packed into messages within Discord's limits
//! (4096 per description, 6000 per message, 10 embeds per message). The first embed of
//! every message carries the section title, the last embed of the last message carries the
//! disclaimer, which is never shortened, and the last message has the "Read on the web"
//! link button.

use serenity::all::{
    AutocompleteChoice, CreateActionRow, CreateAutocompleteResponse, CreateButton,
};

use super::{Audience, EmbedSpec, Rendered, clamp, colour, is_link, len, limits, remove_button};
use crate::knowledge::Section;
use crate::sections::split_section;

/// The label of the link button under a section.
pub const READ_ON_WEB_LABEL: &str = "Read on the web";
/// What follows the section title on the messages after the first.
pub const CONTINUED: &str = " (continued)";
/// The most a section embed carries when the section needs more than one: three such
/// embeds and a title fit one message (6000), so messages are nearly full.
pub const CHUNK: usize = 1900;
/// The most embeds one message carries (Discord's limit).
pub const EMBEDS_PER_MESSAGE: usize = 10;

/// The whole of `section` as messages, in the order to send them. `url` is where the
/// "Read on the web" button points (left out unless it is an absolute http(s) URL); a
/// public reply gets a 🗑 button on every message, as answers do.
pub fn messages(
    section: &Section,
    url: &str,
    disclaimer: &str,
    audience: &Audience,
) -> Vec<Rendered> {
    let title = clamp(&section.title, limits::EMBED_TITLE);
    let continued = format!(
        "{}{CONTINUED}",
        clamp(&section.title, limits::EMBED_TITLE - len(CONTINUED))
    );
    let embed = |title: &str, description: String| EmbedSpec {
        title: title.to_owned(),
        description,
        colour: colour::ANSWER,
        fields: Vec::new(),
        footer: String::new(),
    };

    // A section that fits one embed beside its title and the disclaimer is one embed.
    let room = limits::EMBED_DESCRIPTION
        .min(limits::EMBED_TOTAL.saturating_sub(len(&title) + len(disclaimer)));
    let whole = split_units(section, room);
    let mut pages: Vec<Vec<EmbedSpec>> = if whole.len() <= 1 {
        vec![vec![embed(
            &title,
            whole.into_iter().next().unwrap_or_default(),
        )]]
    } else {
        pack(split_units(section, CHUNK), |first_page, description| {
            embed(if first_page { &title } else { &continued }, description)
        })
    };

    // The disclaimer goes on the very last embed; if the last message has no room for it,
    // its last embed moves to a message of its own (a title, one chunk and the disclaimer
    // always fit).
    let fits_footer = |page: &[EmbedSpec]| {
        page.iter().map(EmbedSpec::total_len).sum::<usize>() + len(disclaimer)
            <= limits::EMBED_TOTAL
    };
    if let Some(last) = pages.last_mut()
        && !fits_footer(last)
        && last.len() > 1
    {
        let mut moved = last.pop().expect("more than one embed");
        moved.title = continued.clone();
        pages.push(vec![moved]);
    }
    if let Some(last) = pages.last_mut().and_then(|p| p.last_mut()) {
        last.footer = disclaimer.to_owned();
    }

    let count = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, embeds)| {
            let mut row = Vec::new();
            if i + 1 == count && is_link(url) {
                row.push(CreateButton::new_link(url).label(READ_ON_WEB_LABEL));
            }
            if audience.public {
                row.push(remove_button(audience.asker));
            }
            Rendered {
                content: None,
                embeds,
                components: if row.is_empty() {
                    Vec::new()
                } else {
                    vec![CreateActionRow::Buttons(row)]
                },
            }
        })
        .collect()
}

/// Greedily packs description chunks into messages: each message's first embed gets a
/// title (`make(first_message, chunk)`), and a message takes chunks while it stays within
/// 6000 and 10 embeds.
fn pack(chunks: Vec<String>, make: impl Fn(bool, String) -> EmbedSpec) -> Vec<Vec<EmbedSpec>> {
    let mut pages: Vec<Vec<EmbedSpec>> = Vec::new();
    let mut used = 0;
    for chunk in chunks {
        let room = pages.last().is_some_and(|page| {
            page.len() < EMBEDS_PER_MESSAGE && used + len(&chunk) <= limits::EMBED_TOTAL
        });
        if room {
            used += len(&chunk);
            let spec = EmbedSpec {
                title: String::new(),
                ..make(false, chunk)
            };
            pages.last_mut().expect("a page").push(spec);
        } else {
            let spec = make(pages.is_empty(), chunk);
            used = spec.total_len();
            pages.push(vec![spec]);
        }
    }
    pages
}

/// [`split_section`] with `max` counted as Discord counts (UTF-16 units): text with
/// characters outside the Basic Multilingual Plane (two units each) is split at half
/// the size, so no chunk can exceed `max` units.
fn split_units(section: &Section, max: usize) -> Vec<String> {
    let wide = section
        .paragraphs
        .iter()
        .any(|p| p.chars().any(|c| c.len_utf16() > 1));
    split_section(section, if wide { max / 2 } else { max })
}

/// Autocomplete for `/section`: section titles; choosing one submits the section id.
pub fn choices<'a>(sections: impl IntoIterator<Item = &'a Section>) -> CreateAutocompleteResponse {
    let choices = sections
        .into_iter()
        .filter(|s| (1..=limits::AUTOCOMPLETE_VALUE).contains(&len(&s.id)))
        .take(limits::AUTOCOMPLETE_CHOICES)
        .map(|s| AutocompleteChoice::new(clamp(&s.title, limits::AUTOCOMPLETE_NAME), s.id.clone()))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// The reply to a section name that matches none: what there is, and how to pick one.
pub fn unknown(titles: &[&str]) -> Rendered {
    const HEAD: &str = "I couldn't find that section. Pick one from the list as you type \
                        `/section`, or use one of these titles:";
    let mut text = HEAD.to_owned();
    for (i, title) in titles.iter().enumerate() {
        let line = format!("\n• {}", clamp(title, 200));
        let more = format!("\n…and {} more", titles.len() - i);
        if len(&text) + len(&line) + len(&more) > limits::CONTENT {
            text.push_str(&more);
            break;
        }
        text.push_str(&line);
    }
    Rendered::notice(&text)
}
