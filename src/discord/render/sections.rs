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

use super::buttons::remove_button;
use super::colour;
use super::message::{EmbedSpec, Rendered};
use super::reply::Audience;
use super::split::split_section;
use super::text::{clamp, is_link, len};
use crate::discord::limits;
use crate::knowledge::Section;

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
            let components = if row.is_empty() {
                Vec::new()
            } else {
                vec![CreateActionRow::Buttons(row)]
            };
            Rendered::new(embeds, components)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serenity::all::UserId;

    fn audience(public: bool) -> Audience {
        Audience {
            asker: UserId::new(7),
            public,
            topics: Vec::new(),
        }
    }

    fn section(title: &str, paragraphs: Vec<String>) -> Section {
        Section {
            id: "s".into(),
            slug: "s-anchor".into(),
            title: title.into(),
            label: None,
            paragraphs,
        }
    }

    /// Checks every message against Discord's limits and the section's layout rules.
    fn check(messages: &[Rendered], s: &Section, disclaimer: &str) {
        assert!(!messages.is_empty());
        let mut descriptions = Vec::new();
        for (m, r) in messages.iter().enumerate() {
            assert!(!r.embeds.is_empty() && r.embeds.len() <= EMBEDS_PER_MESSAGE);
            let total: usize = r.embeds.iter().map(EmbedSpec::total_len).sum();
            assert!(total <= limits::EMBED_TOTAL, "message {m}: {total}");
            for (e, spec) in r.embeds.iter().enumerate() {
                assert!(spec.fits(), "message {m} embed {e}");
                assert_eq!(spec.title.is_empty(), e > 0, "titles on first embeds only");
                let last = m + 1 == messages.len() && e + 1 == r.embeds.len();
                assert_eq!(spec.footer, if last { disclaimer } else { "" });
                descriptions.push(spec.description.clone());
            }
        }
        let joined = descriptions.join(" ");
        assert_eq!(
            joined.split_whitespace().collect::<Vec<_>>(),
            s.text().split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_short_section_is_one_embed_with_its_text_title_and_disclaimer() {
        let s = section("Short", vec!["One.".into(), "Two.".into()]);
        let out = messages(
            &s,
            "https://x.org/#s-anchor",
            "Not advice.",
            &audience(false),
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].embeds.len(), 1);
        let spec = &out[0].embeds[0];
        assert_eq!(
            (
                spec.title.as_str(),
                spec.description.as_str(),
                spec.footer.as_str()
            ),
            ("Short", "One.\n\nTwo.", "Not advice.")
        );
        assert_eq!(out[0].components.len(), 1, "the link button");
        let no_link = messages(&s, "not a url", "Not advice.", &audience(false));
        assert!(no_link[0].components.is_empty(), "no button for a bad URL");
    }

    #[test]
    fn the_disclaimer_moves_to_a_message_of_its_own_when_the_last_is_full() {
        // Three full chunks fill the first message; a maximal disclaimer cannot join them.
        let sentence = "Needles are placed in the skin at points on the body. ";
        let para = sentence
            .repeat(CHUNK / sentence.len())
            .trim_end()
            .to_owned();
        let s = section("T", vec![para.clone(), para.clone(), para]);
        let disclaimer = "d".repeat(2048);
        let out = messages(&s, "https://x.org/", &disclaimer, &audience(true));
        check(&out, &s, &disclaimer);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].embeds[0].title, format!("T{CONTINUED}"));
        // Each public message can be removed; only the last has the link.
        assert_eq!(out[0].components.len(), 1);
        assert_eq!(out[1].components.len(), 1);
    }

    #[test]
    fn characters_discord_counts_twice_still_fit() {
        let s = section("🙂", vec!["🙂🙂 word. ".repeat(3000)]);
        let out = messages(&s, "https://x.org/", "D.", &audience(false));
        check(&out, &s, "D.");
    }

    #[test]
    fn choices_use_ids_and_clamped_titles() {
        let mut long = section(&"t".repeat(300), vec!["x.".into()]);
        long.id = "long".into();
        let mut bad = section("Bad", vec!["x.".into()]);
        bad.id = "i".repeat(101);
        let response = choices([&long, &bad]);
        let json = serde_json::to_value(&response).unwrap();
        let list = json["choices"].as_array().expect("choices");
        assert_eq!(list.len(), 1, "an id over 100 cannot be a choice value");
        assert_eq!(list[0]["value"], "long");
        assert_eq!(len(list[0]["name"].as_str().unwrap()), 100);
    }

    #[test]
    fn the_unknown_section_list_fits_a_message() {
        let titles: Vec<String> = (0..500).map(|i| format!("Topic number {i}")).collect();
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let notice = unknown(&refs);
        let content = notice.content.unwrap();
        assert!(len(&content) <= limits::CONTENT);
        assert!(content.contains("\n• Topic number 0\n"));
        assert!(content.contains(" more"));
        assert!(!unknown(&["A", "B"]).content.unwrap().contains("more"));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_section_fits_discord_with_the_disclaimer_last(
            paras in proptest::collection::vec(
                proptest::collection::vec("[A-Z][a-zé🙂]{0,14}[.!?]?", 1..200)
                    .prop_map(|ws| ws.join(" ")),
                1..30,
            ),
            title_len in 1usize..400,
            disclaimer_len in 1usize..=2048,
            public in any::<bool>(),
        ) {
            let s = section(&"T".repeat(title_len), paras);
            let disclaimer = "d".repeat(disclaimer_len);
            let out = messages(&s, "https://x.org/#s", &disclaimer, &audience(public));
            check(&out, &s, &disclaimer);
        }
    }
}
