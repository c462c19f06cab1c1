//! The house rules, checked from the source so they stay true: no import cycle between
//! files of `src/`, dependencies pointing one way (`engine` and `knowledge` never import a
//! front end or the service; `knowledge` never imports `engine`), no file over 450 lines,
//! and every file opening with a `//!` line.
//!
//! "Imports" are `use` items and inline paths starting with `crate::`, `super::`, `self::`
//! or a child module's name, each resolved to the file that defines the module it
//! names (an item of a module resolves to that module's file). A module's own `mod x;`
//! declarations are not imports; `#[cfg(test)]` modules inside a file are skipped.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a file in `src/` may be.
const MAX_LINES: usize = 450;

/// Files over [`MAX_LINES`] that are being split on another branch right now (issue 8):
/// remove each one from this list when it is.
const BEING_SPLIT: &[&str] = &[];

/// Layers that must never be imported from the given layer.
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("engine", &["discord", "web", "cli", "service"]),
    ("knowledge", &["discord", "web", "cli", "service", "engine"]),
];

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[test]
fn no_import_cycles_between_files() {
    let graph = Graph::read(&src_dir());
    let cycles = graph.cycles();
    assert!(
        cycles.is_empty(),
        "import cycles between files of src/:\n{}",
        cycles
            .iter()
            .map(|c| format!("  {}", c.join(" → ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn lower_layers_never_import_higher_ones() {
    let graph = Graph::read(&src_dir());
    let mut wrong = Vec::new();
    for (from, targets) in &graph.edges {
        let Some(layer) = from.first() else { continue };
        for (lower, banned) in FORBIDDEN {
            if layer != lower {
                continue;
            }
            for to in targets {
                if to.first().is_some_and(|t| banned.contains(&t.as_str())) {
                    wrong.push(format!("  {} imports {}", show(from), show(to)));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn files_are_small_and_say_what_they_are_for() {
    let mut problems = Vec::new();
    for file in rust_files(&src_dir()) {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.strip_prefix(src_dir()).unwrap().display().to_string();
        let lines = text.lines().count();
        if lines > MAX_LINES && !BEING_SPLIT.contains(&name.as_str()) {
            problems.push(format!("  {name}: {lines} lines (at most {MAX_LINES})"));
        }
        if !text.trim_start().starts_with("//!") {
            problems.push(format!("  {name}: does not open with a `//!` line"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_sees_cycles_and_layering_it_is_meant_to_catch() {
    // A small tree with a cycle a → b → a (through `super::` and `crate::`), and knowledge
    // reaching up into the service.
    let dir = std::env::temp_dir().join(format!("faqbot-layering-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("knowledge")).unwrap();
    let write = |path: &str, text: &str| std::fs::write(dir.join(path), text).unwrap();
    write("lib.rs", "//! x\nmod knowledge;\nmod service;\n");
    write(
        "knowledge/mod.rs",
        "//! x\nmod a;\nmod b;\npub use a::A;\n/* crate::service::Fake */\n",
    );
    write(
        "knowledge/a.rs",
        "//! x\nuse super::b::{B, C};\n// use crate::service::S;\npub struct A;\n",
    );
    write(
        "knowledge/b.rs",
        "//! x\npub struct B;\nfn f() { let _ = crate::knowledge::a::A; }\n\
         #[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::service::S;\n}\n",
    );
    write(
        "service.rs",
        "//! x\nuse crate::knowledge::{self, A};\nfn g() -> &'static str { \"crate::knowledge::b\" }\n",
    );
    let graph = Graph::read(&dir);
    let k = |s: &str| s.split("::").map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(
        graph.edges[&k("knowledge::a")],
        BTreeSet::from([k("knowledge::b")])
    );
    assert_eq!(
        graph.edges[&k("knowledge::b")],
        BTreeSet::from([k("knowledge::a")]),
        "inline paths count; test modules and strings do not"
    );
    assert_eq!(
        graph.edges[&k("service")],
        BTreeSet::from([k("knowledge")]),
        "an item re-exported by a module resolves to that module's file"
    );
    assert_eq!(graph.cycles().len(), 1, "{:?}", graph.cycles());
    std::fs::remove_dir_all(&dir).unwrap();
}

fn show(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_owned()
    } else {
        module.join("::")
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Module path (`["discord", "render"]`) of each file, and which files each imports.
struct Graph {
    edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

impl Graph {
    fn read(src: &Path) -> Graph {
        let mut files = BTreeMap::new();
        for path in rust_files(src) {
            let rel = path.strip_prefix(src).unwrap().with_extension("");
            let mut module: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            if rel == Path::new("main") {
                continue; // the binary is its own crate
            }
            files.insert(module, std::fs::read_to_string(&path).unwrap());
        }
        let known: BTreeSet<Vec<String>> = files.keys().cloned().collect();
        let mut edges = BTreeMap::new();
        for (module, text) in &files {
            let mut targets = BTreeSet::new();
            for path in referenced_paths(&strip(text)) {
                if let Some(target) = resolve(module, &path, &known)
                    && &target != module
                {
                    targets.insert(target);
                }
            }
            edges.insert(module.clone(), targets);
        }
        Graph { edges }
    }

    /// Every cycle, once, as the modules along it (Tarjan's strongly connected components).
    fn cycles(&self) -> Vec<Vec<String>> {
        struct Walk<'a> {
            graph: &'a Graph,
            index: BTreeMap<&'a Vec<String>, usize>,
            low: BTreeMap<&'a Vec<String>, usize>,
            stack: Vec<&'a Vec<String>>,
            on_stack: BTreeSet<&'a Vec<String>>,
            out: Vec<Vec<String>>,
        }
        impl<'a> Walk<'a> {
            fn visit(&mut self, v: &'a Vec<String>) {
                let n = self.index.len();
                self.index.insert(v, n);
                self.low.insert(v, n);
                self.stack.push(v);
                self.on_stack.insert(v);
                for w in self.graph.edges.get(v).into_iter().flatten() {
                    if !self.graph.edges.contains_key(w) {
                        continue;
                    }
                    if !self.index.contains_key(w) {
                        self.visit(w);
                        let low = self.low[v].min(self.low[w]);
                        self.low.insert(v, low);
                    } else if self.on_stack.contains(w) {
                        let low = self.low[v].min(self.index[w]);
                        self.low.insert(v, low);
                    }
                }
                if self.low[v] == self.index[v] {
                    let mut component = Vec::new();
                    while let Some(w) = self.stack.pop() {
                        self.on_stack.remove(w);
                        component.push(show(w));
                        if w == v {
                            break;
                        }
                    }
                    if component.len() > 1 {
                        component.reverse();
                        self.out.push(component);
                    }
                }
            }
        }
        let mut walk = Walk {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            out: Vec::new(),
        };
        for v in self.edges.keys() {
            if !walk.index.contains_key(v) {
                walk.visit(v);
            }
        }
        walk.out
    }
}

/// The source without comments, string and char literals, and `#[cfg(test)]` items.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && matches!(next, Some('"' | '#')) && !prev_is_ident(&chars, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A char literal ('x', '\n', '\u{1F642}') or a lifetime ('a).
            let close = if next == Some('\\') {
                (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(j) => {
                    out.push_str("' '");
                    i = j + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    remove_test_items(&out)
}

fn prev_is_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Drops each `#[cfg(test)]` item (up to its matching closing brace, or its `;`).
fn remove_test_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let mut depth = 0usize;
        let mut end = after.len();
        for (i, c) in after.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// A path as written: where it starts, and its segments.
#[derive(Debug)]
enum Written {
    /// `crate::a::b`
    Crate(Vec<String>),
    /// `super::a` (one `super` per level), relative to the inline module depth it sits in.
    Super { levels: usize, rest: Vec<String> },
    /// `self::a`
    SelfPath(Vec<String>),
    /// `a::b` where `a` may be a child module (edition 2018+ relative paths).
    Relative(Vec<String>),
}

/// Every `crate::`, `super::`, `self::` and child-module path in the (stripped) source, with `use`
/// trees expanded (`use super::{a::B, c}` → `super::a::B`, `super::c`). Paths inside an
/// inline `mod x { … }` get one more level of `super` to climb.
fn referenced_paths(text: &str) -> Vec<Written> {
    let tokens = tokenize(text);
    let mut out = Vec::new();
    let mut inline_depth: Vec<usize> = Vec::new(); // brace depths where inline mods opened
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i].as_str();
        match t {
            "{" => depth += 1,
            "}" => {
                depth = depth.saturating_sub(1);
                if inline_depth.last() == Some(&depth) {
                    inline_depth.pop();
                }
            }
            "mod" if tokens.get(i + 2).map(String::as_str) == Some("{") => {
                inline_depth.push(depth);
            }
            "use" => {
                let end = (i..tokens.len())
                    .find(|&j| tokens[j] == ";")
                    .unwrap_or(tokens.len());
                let mut paths = Vec::new();
                expand_tree(&tokens[i + 1..end], Vec::new(), &mut paths);
                for p in paths {
                    if let Some(w) = classify(p, inline_depth.len()) {
                        out.push(w);
                    }
                }
                i = end;
                continue;
            }
            t if is_ident(t)
                && tokens.get(i + 1).map(String::as_str) == Some("::")
                && tokens.get(i.wrapping_sub(1)).map(String::as_str) != Some("::") =>
            {
                let mut segs = vec![t.to_owned()];
                let mut j = i + 1;
                while tokens.get(j).map(String::as_str) == Some("::")
                    && tokens.get(j + 1).is_some_and(|s| is_ident(s))
                {
                    segs.push(tokens[j + 1].clone());
                    j += 2;
                }
                if let Some(w) = classify(segs, inline_depth.len()) {
                    out.push(w);
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn is_ident(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
}

fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_owned());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// Expands a `use` tree (tokens after `use`, before `;`) into whole paths.
fn expand_tree(tokens: &[String], prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i].as_str() {
            "::" => {}
            "{" => {
                // Split the group at top-level commas.
                let mut depth = 0;
                let mut start = i + 1;
                let mut j = i + 1;
                while j < tokens.len() {
                    match tokens[j].as_str() {
                        "{" => depth += 1,
                        "}" if depth == 0 => break,
                        "}" => depth -= 1,
                        "," if depth == 0 => {
                            expand_tree(&tokens[start..j], path.clone(), out);
                            start = j + 1;
                        }
                        _ => {}
                    }
                    j += 1;
                }
                expand_tree(&tokens[start..j.min(tokens.len())], path.clone(), out);
                return;
            }
            "as" => break,
            "*" => break,
            "self" if !path.is_empty() => {}
            "pub" | "(" | ")" => {}
            s if is_ident(s) => path.push(s.to_owned()),
            _ => {}
        }
        i += 1;
    }
    if !path.is_empty() {
        out.push(path);
    }
}

fn classify(path: Vec<String>, inline: usize) -> Option<Written> {
    let first = path.first()?.as_str();
    match first {
        "crate" => Some(Written::Crate(path[1..].to_vec())),
        "super" => {
            let levels = path.iter().take_while(|s| *s == "super").count();
            // Inside an inline module the first `super`s climb out of it, not the file.
            let levels = levels.checked_sub(inline)?;
            if levels == 0 {
                return None;
            }
            Some(Written::Super {
                levels,
                rest: path[path.iter().take_while(|s| *s == "super").count()..].to_vec(),
            })
        }
        "self" if inline == 0 => Some(Written::SelfPath(path[1..].to_vec())),
        _ if inline == 0 => Some(Written::Relative(path)),
        _ => None,
    }
}

/// The file a path lands in: the longest prefix of it that is a module with a file.
fn resolve(
    module: &[String],
    written: &Written,
    known: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let absolute: Vec<String> = match written {
        Written::Crate(rest) => rest.clone(),
        Written::Super { levels, rest } => {
            let keep = module.len().checked_sub(*levels)?;
            module[..keep].iter().chain(rest).cloned().collect()
        }
        Written::SelfPath(rest) => module.iter().chain(rest).cloned().collect(),
        Written::Relative(path) => {
            let child: Vec<String> = module.iter().chain(&path[..1]).cloned().collect();
            if !known.contains(&child) {
                return None;
            }
            module.iter().chain(path).cloned().collect()
        }
    };
    (0..=absolute.len())
        .rev()
        .map(|n| absolute[..n].to_vec())
        .find(|prefix| known.contains(prefix))
}
