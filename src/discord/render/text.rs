//! Cutting and quoting text to fit Discord: at word or sentence boundaries, counted as
//! Discord counts (UTF-16 units).

pub use crate::discord::limits::len;

/// Cuts `s` to at most `max` (Discord) characters at a word boundary, ending in "…" when cut.
pub fn clamp(s: &str, max: usize) -> String {
    if len(s) <= max {
        return s.to_owned();
    }
    let budget = max.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.len_utf16();
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    if let Some(space) = out.rfind(char::is_whitespace)
        && space > out.len() / 2
    {
        out.truncate(space);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// Shortens a passage to at most `max` characters, cutting after the last whole sentence
/// that fits ("… [shortened]" marks the cut); falls back to a word boundary when not even
/// the first sentence fits.
pub fn shorten_passage(text: &str, max: usize) -> String {
    const MARK: &str = " …";
    if len(text) <= max {
        return text.to_owned();
    }
    let budget = max.saturating_sub(len(MARK));
    let mut best = None;
    let mut used = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        // `text[..i]` is `used` long, within budget: a cut here keeps whole sentences.
        let ends_sentence =
            matches!(prev, Some('.' | '!' | '?' | '…' | ':' | ';')) && c.is_whitespace();
        if ends_sentence || c == '\n' {
            best = Some(i);
        }
        if used + c.len_utf16() > budget {
            break;
        }
        used += c.len_utf16();
        prev = Some(c);
    }
    match best {
        Some(end) if end > 0 => format!("{}{MARK}", text[..end].trim_end()),
        _ => clamp(text, max),
    }
}

/// Quotes text as a Discord block quote, line by line.
pub fn quote(text: &str) -> String {
    text.lines()
        .map(|l| {
            if l.trim().is_empty() {
                ">".to_owned()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `url` can be a link button: an absolute http(s) URL within Discord's 512.
pub fn is_link(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && len(url) <= crate::discord::limits::BUTTON_URL
}

/// `s`, or "(empty)" when it is blank: an embed field's value may not be empty.
pub fn non_empty(s: &str) -> &str {
    if s.trim().is_empty() { "(empty)" } else { s }
}
