//! Editing `faq.toml` as a document rather than as data: [`toml_edit`] keeps the comments,
//! key order and layout of every entry an edit does not touch, so a moderator's change is a
//! small, reviewable diff. New entries go at the end; alternate phrasings are written one
//! per line, like the hand-written file.
//!
//! Also here: [`EntryVersion`], the fingerprint that stale edits are detected with, and the
//! TOML snippet form of one entry that the CLI reads and a rejected edit is shown back in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value, value};

use super::model::Entry;

/// The version of one FAQ entry: a stable hash of its content (not of its layout, so
/// re-indenting the file by hand does not make open edits stale). An edit carries the
/// version it was made against; if the entry changed since, the edit is refused.
///
/// It is 16 lower-case hex digits, short enough to ride in a Discord modal's custom id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryVersion(String);

impl EntryVersion {
    /// The version of an entry as it is now.
    pub fn of(entry: &Entry) -> EntryVersion {
        // serde_json writes fields in declaration order: a canonical form of the content.
        let json = serde_json::to_string(entry).unwrap_or_default();
        EntryVersion(format!("{:016x}", fnv1a(json.as_bytes())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EntryVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for EntryVersion {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(EntryVersion(s.to_ascii_lowercase()))
        } else {
            Err(format!(
                "{s:?} is not an entry version (16 hex digits, as `faqbot faq show` prints)"
            ))
        }
    }
}

/// FNV-1a, 64 bit: stable across Rust versions and processes, unlike `DefaultHasher`.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// One entry as a TOML snippet (`[[entry]]` and its fields, laid out like faq.toml). This
/// is what `faqbot faq show` prints, what `faqbot faq add --file` reads, and how a rejected
/// edit gives a moderator's text back.
pub fn entry_snippet(entry: &Entry) -> String {
    let mut doc = DocumentMut::new();
    let mut aot = ArrayOfTables::new();
    aot.push(entry_table(entry));
    doc.insert("entry", Item::ArrayOfTables(aot));
    doc.to_string()
}

/// Reads one entry from a TOML snippet: either `[[entry]]` with one entry, or the entry's
/// fields at the top level. Errors say the line.
pub fn parse_snippet(text: &str) -> Result<Entry, String> {
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wrapped {
        entry: Vec<Entry>,
    }
    let describe = |e: &toml::de::Error| match e.span() {
        Some(span) => format!(
            "line {}: {}",
            crate::error::line_of(text, span.start),
            e.message().trim()
        ),
        None => e.message().trim().to_owned(),
    };
    let table: toml::Table = toml::from_str(text).map_err(|e| describe(&e))?;
    if table.contains_key("entry") {
        let wrapped: Wrapped = toml::from_str(text).map_err(|e| describe(&e))?;
        match <[Entry; 1]>::try_from(wrapped.entry) {
            Ok([entry]) => Ok(entry),
            Err(v) => Err(format!("expected exactly one [[entry]], found {}", v.len())),
        }
    } else {
        toml::from_str::<Entry>(text).map_err(|e| describe(&e))
    }
}

/// A fresh `[[entry]]` table with the fields in the file's usual order.
fn entry_table(entry: &Entry) -> Table {
    let mut table = Table::new();
    set_fields(&mut table, entry);
    table
}

/// Makes `table` hold `entry`, touching only the fields whose value changes, so their
/// comments and layout stay as they were.
fn set_fields(table: &mut Table, entry: &Entry) {
    set_str(table, "id", &entry.id);
    set_str(table, "section", &entry.section);
    set_str(table, "question", &entry.question);
    set_list(table, "alternates", &entry.alternates, true);
    set_str(table, "passage", &entry.passage);
    if entry.tags.is_empty() {
        table.remove("tags");
    } else {
        set_list(table, "tags", &entry.tags, false);
    }
    match &entry.evidence_note {
        Some(note) => set_str(table, "evidence_note", note),
        None => {
            table.remove("evidence_note");
        }
    }
    if entry.summary {
        if table.get("summary").and_then(Item::as_bool) != Some(true) {
            table["summary"] = value(true);
        }
    } else {
        table.remove("summary");
    }
}

fn set_str(table: &mut Table, key: &str, text: &str) {
    if table.get(key).and_then(Item::as_str) != Some(text) {
        table[key] = value(text);
    }
}

fn set_list(table: &mut Table, key: &str, items: &[String], one_per_line: bool) {
    let existing: Option<Vec<&str>> = table
        .get(key)
        .and_then(Item::as_array)
        .and_then(|a| a.iter().map(Value::as_str).collect());
    if let Some(existing) = &existing {
        if existing
            .iter()
            .copied()
            .eq(items.iter().map(String::as_str))
        {
            return;
        }
        // Only phrasings added at the end (an alias): append them in the array's own style.
        if !existing.is_empty()
            && existing.len() < items.len()
            && existing
                .iter()
                .copied()
                .eq(items[..existing.len()].iter().map(String::as_str))
        {
            let extra: Vec<String> = items[existing.len()..].to_vec();
            if let Some(array) = table.get_mut(key).and_then(Item::as_array_mut) {
                let (prefix, suffix) = array
                    .iter()
                    .last()
                    .map(|v| {
                        let d = v.decor();
                        (raw(d.prefix()), raw(d.suffix()))
                    })
                    .unwrap_or_default();
                for item in extra {
                    let mut v = Value::from(item);
                    v.decor_mut().set_prefix(prefix.clone());
                    v.decor_mut().set_suffix(suffix.clone());
                    array.push_formatted(v);
                }
                return;
            }
        }
    }
    let mut array = Array::new();
    if one_per_line && !items.is_empty() {
        for item in items {
            let mut v = Value::from(item.as_str());
            v.decor_mut().set_prefix("\n  ");
            array.push_formatted(v);
        }
        array.set_trailing("\n");
        array.set_trailing_comma(true);
    } else {
        array.extend(items.iter().map(String::as_str));
    }
    table[key] = value(array);
}

fn raw(s: Option<&toml_edit::RawString>) -> String {
    s.and_then(|r| r.as_str()).unwrap_or("").to_owned()
}

/// `faq.toml` open for editing.
pub(crate) struct FaqDocument {
    doc: DocumentMut,
}

impl FaqDocument {
    pub(crate) fn parse(text: &str) -> Result<FaqDocument, String> {
        let doc: DocumentMut = text
            .parse()
            .map_err(|e: toml_edit::TomlError| e.to_string())?;
        Ok(FaqDocument { doc })
    }

    fn entries(&mut self) -> Result<&mut ArrayOfTables, String> {
        if !self.doc.contains_key("entry") {
            self.doc
                .insert("entry", Item::ArrayOfTables(ArrayOfTables::new()));
        }
        self.doc["entry"].as_array_of_tables_mut().ok_or_else(|| {
            "faq.toml writes its entries in a form the editor does not handle (expected [[entry]] tables); edit it by hand".to_owned()
        })
    }

    fn position(&mut self, id: &str) -> Result<Option<usize>, String> {
        Ok(self
            .entries()?
            .iter()
            .position(|t| t.get("id").and_then(Item::as_str) == Some(id)))
    }

    /// Appends a new entry at the end of the file.
    pub(crate) fn append(&mut self, entry: &Entry) -> Result<(), String> {
        self.entries()?.push(entry_table(entry));
        Ok(())
    }

    /// Rewrites the entry with id `id` in place; false if there is none.
    pub(crate) fn replace(&mut self, id: &str, entry: &Entry) -> Result<bool, String> {
        let Some(i) = self.position(id)? else {
            return Ok(false);
        };
        let table = self.entries()?.get_mut(i).expect("position is in range");
        set_fields(table, entry);
        Ok(true)
    }

    /// Removes the entry with id `id`; false if there is none. The file's header comment,
    /// which TOML attaches to the first entry, is kept.
    pub(crate) fn remove(&mut self, id: &str) -> Result<bool, String> {
        let Some(i) = self.position(id)? else {
            return Ok(false);
        };
        let entries = self.entries()?;
        if i == 0 {
            let prefix = raw(entries.get(0).expect("in range").decor().prefix());
            // The header is everything up to the last blank line; what follows it is the
            // removed entry's own comment.
            let header = prefix
                .rfind("\n\n")
                .map(|end| prefix[..end + 2].to_owned())
                .unwrap_or_default();
            if !header.is_empty() {
                if let Some(next) = entries.get_mut(1) {
                    let own = raw(next.decor().prefix());
                    next.decor_mut()
                        .set_prefix(format!("{header}{}", own.trim_start_matches('\n')));
                } else {
                    let trailing = raw(Some(self.doc.trailing()));
                    self.doc.set_trailing(format!("{header}{trailing}"));
                }
            }
        }
        self.entries()?.remove(i);
        Ok(true)
    }

    pub(crate) fn render(&self) -> String {
        self.doc.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> Entry {
        Entry {
            id: id.to_owned(),
            section: "intro".to_owned(),
            question: "Q?".to_owned(),
            alternates: vec!["one".to_owned(), "two".to_owned()],
            passage: "P “quoted” – £5\u{a0}x".to_owned(),
            tags: vec!["a".to_owned(), "b".to_owned()],
            evidence_note: None,
            summary: false,
        }
    }

    #[test]
    fn snippet_round_trips() {
        let mut e = entry("x");
        e.passage.push_str("\n\nsecond paragraph");
        e.summary = true;
        e.evidence_note = Some("note".to_owned());
        let text = entry_snippet(&e);
        assert!(text.starts_with("[[entry]]\nid = \"x\"\n"), "{text}");
        assert!(
            text.contains("alternates = [\n  \"one\",\n  \"two\",\n]\n"),
            "{text}"
        );
        assert!(text.contains("tags = [\"a\", \"b\"]\n"), "{text}");
        assert_eq!(parse_snippet(&text).unwrap(), e);
        let bare = text.trim_start_matches("[[entry]]\n");
        assert_eq!(parse_snippet(bare).unwrap(), e);
    }

    #[test]
    fn snippet_errors_have_lines() {
        let err = parse_snippet("id = \"x\"\nsection = \"intro\"\nquestion = \"q\"\npassage = \"p\"\nsummary = \"yes\"\n").unwrap_err();
        assert!(err.starts_with("line 5:"), "{err}");
        let one = entry_snippet(&entry("x"));
        let err = parse_snippet(&format!("{one}\n{one}")).unwrap_err();
        assert!(err.contains("exactly one"), "{err}");
    }

    #[test]
    fn version_is_stable_and_content_based() {
        let a = entry("x");
        let mut b = a.clone();
        assert_eq!(EntryVersion::of(&a), EntryVersion::of(&b));
        b.alternates.push("three".to_owned());
        assert_ne!(EntryVersion::of(&a), EntryVersion::of(&b));
        let v = EntryVersion::of(&a);
        assert_eq!(v.as_str().parse::<EntryVersion>().unwrap(), v);
        assert!("nope".parse::<EntryVersion>().is_err());
    }

    #[test]
    fn edits_keep_untouched_layout() {
        let text = "# header\n# more\n\n# about a\n[[entry]]\nid = \"a\" # keep\nalternates = [\"x\", \"y\"]\n\n# about b\n[[entry]]\nid = \"b\"\nalternates = [\n  \"p\",\n]\n";
        let mut doc = FaqDocument::parse(text).unwrap();
        let mut b = entry("b");
        b.alternates = vec!["p".to_owned(), "q".to_owned()];
        b.tags.clear();
        assert!(doc.replace("b", &b).unwrap());
        let out = doc.render();
        assert!(out.starts_with("# header\n# more\n\n# about a\n[[entry]]\nid = \"a\" # keep\nalternates = [\"x\", \"y\"]\n\n# about b\n[[entry]]\nid = \"b\"\n"), "{out}");
        assert!(
            out.contains("alternates = [\n  \"p\",\n  \"q\",\n]\n"),
            "{out}"
        );
        assert!(!out.contains("tags"), "{out}");

        let mut doc = FaqDocument::parse(text).unwrap();
        assert!(doc.remove("a").unwrap());
        let out = doc.render();
        assert!(
            out.starts_with("# header\n# more\n\n# about b\n[[entry]]\nid = \"b\""),
            "{out}"
        );
        assert!(!doc.remove("zzz").unwrap());

        let mut doc = FaqDocument::parse(text).unwrap();
        doc.append(&entry("c")).unwrap();
        let out = doc.render();
        assert!(out.starts_with(text), "{out}");
        assert!(
            out[text.len()..].starts_with("\n[[entry]]\nid = \"c\"\nsection = \"intro\""),
            "{out}"
        );
    }
}
