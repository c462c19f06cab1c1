//! Text helpers for the pages: paragraphs, quoted passages, the triage texts' light
//! markup, and percent-encoding for links. Everything interpolated goes through maud's
//! escaping.

use maud::{Markup, html};

pub(super) fn paragraphs<S: AsRef<str>>(paragraphs: &[S]) -> Markup {
    html! {
        @for p in paragraphs {
            p { (p.as_ref()) }
        }
    }
}

/// A passage as a quote, one paragraph per blank-line-separated part.
pub(super) fn passage(text: &str) -> Markup {
    let parts: Vec<&str> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    html! { blockquote { (paragraphs(&parts)) } }
}

/// Triage and "not in the FAQ" texts: paragraphs separated by a blank line, and lines
/// starting with "- " as a bulleted list.
pub(super) fn rich_text(text: &str) -> Markup {
    enum Block<'a> {
        Para(Vec<&'a str>),
        List(Vec<&'a str>),
    }
    let mut blocks: Vec<Block> = Vec::new();
    for chunk in text.split("\n\n") {
        let mut last_was_list = false;
        for line in chunk.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match (line.strip_prefix("- "), blocks.last_mut()) {
                (Some(item), Some(Block::List(items))) if last_was_list => items.push(item),
                (Some(item), _) => blocks.push(Block::List(vec![item])),
                (None, Some(Block::Para(lines))) if !last_was_list && !lines.is_empty() => {
                    lines.push(line)
                }
                (None, _) => blocks.push(Block::Para(vec![line])),
            }
            last_was_list = line.starts_with("- ");
        }
        // A blank line always starts a new paragraph.
        blocks.push(Block::Para(Vec::new()));
    }
    html! {
        @for block in &blocks {
            @match block {
                Block::Para(lines) => @if !lines.is_empty() { p { (lines.join(" ")) } },
                Block::List(items) => ul { @for item in items { li { (item) } } },
            }
        }
    }
}

pub(super) fn is_http_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Percent-encodes everything but unreserved characters, for a path segment or fragment.
pub(super) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes for display (invalid UTF-8 becomes U+FFFD); the result is
/// escaped like any other text when rendered.
pub(super) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::{decode, encode, rich_text};

    #[test]
    fn rich_text_makes_paragraphs_and_bullet_lists_escaped() {
        let html = rich_text("First line\nsecond line.\n\n- one <b>\n- two\nAfter.\n\nLast.")
            .into_string();
        assert_eq!(
            html,
            "<p>First line second line.</p><ul><li>one &lt;b&gt;</li><li>two</li></ul><p>After.</p><p>Last.</p>"
        );
    }

    #[test]
    fn decode_undoes_percent_escapes_and_tolerates_bad_ones() {
        assert_eq!(decode("/a%20b/%3Cx%3E"), "/a b/<x>");
        assert_eq!(decode("%C3%A9%"), "é%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }

    #[test]
    fn encode_keeps_slugs_and_escapes_the_rest() {
        assert_eq!(encode("how-it-works"), "how-it-works");
        assert_eq!(encode("a b/<c>\"é"), "a%20b%2F%3Cc%3E%22%C3%A9");
    }
}
