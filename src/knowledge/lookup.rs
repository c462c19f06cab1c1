//! Finding an entry or a section by what someone typed: the one look-up `/section`,
//! `/faq show`, the moderator tools (commands, autocomplete, the entry form) and the web
//! pages share. Section names are compared folded (case, accents, punctuation), and a
//! section answers to its id, its slug (a link's anchor, with or without `#`) or its title.

use super::fold::fold;
use super::model::{Entry, Knowledge, Section};

impl Knowledge {
    /// The entry `typed` names: its id (what autocomplete sends) or its question typed out
    /// in full, ignoring case.
    pub fn find_entry(&self, typed: &str) -> Option<&Entry> {
        let typed = typed.trim();
        self.entry(typed).or_else(|| {
            self.faq
                .iter()
                .find(|e| e.question.eq_ignore_ascii_case(typed))
        })
    }

    /// The section `name` stands for: its id or slug exactly (what autocomplete sends, or a
    /// link's anchor), then its id, slug or title ignoring case, accents and punctuation.
    pub fn find_section(&self, name: &str) -> Option<&Section> {
        let name = name.trim().trim_start_matches('#');
        if name.is_empty() {
            return None;
        }
        let all = &self.article.sections;
        let folded = fold(name);
        let slug_folded = folded.replace(' ', "-");
        all.iter()
            .find(|s| s.id == name || s.slug == name)
            .or_else(|| {
                all.iter().find(|s| {
                    s.id.eq_ignore_ascii_case(name)
                        || s.slug.eq_ignore_ascii_case(name)
                        || s.title.trim().to_lowercase() == name.to_lowercase()
                })
            })
            .or_else(|| {
                (!folded.is_empty())
                    .then(|| {
                        all.iter().find(|s| {
                            fold(&s.title) == folded || s.id == slug_folded || s.slug == slug_folded
                        })
                    })
                    .flatten()
            })
    }

    /// Sections whose title, id or slug contains what is typed (ignoring case, punctuation
    /// and accents), titles that start with it first, then in article order; every section
    /// when nothing is typed.
    pub fn sections_matching(&self, partial: &str) -> Vec<&Section> {
        let all = &self.article.sections;
        let needle = fold(partial);
        if needle.is_empty() {
            return all.iter().collect();
        }
        let slug_needle = needle.replace(' ', "-");
        let mut hits: Vec<(bool, &Section)> = all
            .iter()
            .filter_map(|s| {
                let title = fold(&s.title);
                let hit = title.contains(&needle)
                    || s.id.contains(&slug_needle)
                    || s.slug.contains(&slug_needle);
                hit.then_some((!title.starts_with(&needle), s))
            })
            .collect();
        // Stable: article order within each group.
        hits.sort_by_key(|(later, _)| *later);
        hits.into_iter().map(|(_, s)| s).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn knowledge() -> Knowledge {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("knowledge");
        crate::knowledge::load_dir(&dir).expect("the repository's knowledge loads")
    }

    #[test]
    fn finds_by_id_slug_or_title_ignoring_case_accents_and_punctuation() {
        let k = knowledge();
        let s = &k.article.sections[1];
        for name in [
            s.id.clone(),
            s.slug.clone(),
            format!("#{}", s.slug),
            s.id.to_uppercase(),
            s.title.clone(),
            format!("  {}  ", s.title.to_uppercase()),
            s.title.to_lowercase().replace(['?', '.', ','], ""),
            s.slug.replace('-', " "),
        ] {
            assert_eq!(
                k.find_section(&name).map(|f| &f.id),
                Some(&s.id),
                "{name:?}"
            );
        }
        for name in ["", "   ", "#", "no such section", "?!"] {
            assert!(k.find_section(name).is_none(), "{name:?}");
        }
    }

    #[test]
    fn matching_puts_title_prefixes_first_and_lists_all_when_empty() {
        let k = knowledge();
        assert_eq!(k.sections_matching("").len(), k.article.sections.len());
        assert_eq!(k.sections_matching("  ").len(), k.article.sections.len());
        let s = &k.article.sections[2];
        let first_word = s.title.split_whitespace().next().unwrap();
        let found = k.sections_matching(&first_word.to_uppercase());
        assert!(found.iter().any(|f| f.id == s.id), "{first_word}");
        assert!(fold(&found[0].title).starts_with(&fold(first_word)));
        assert!(k.sections_matching("zzzz-nothing").is_empty());
        assert_eq!(k.sections_matching(&s.id)[0].id, s.id);
    }
}
