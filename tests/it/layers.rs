//! The library's layers run one way: a module imports only modules below it in [`LAYERS`].
//!
//! Read from the source text (`crate::` paths, and `super::` paths that reach the crate root),
//! with comments, string and character literals blanked and `#[cfg(test)] mod … { … }` blocks
//! left out, so a doc link or a test helper is no import.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The top-level modules of `src/`, lowest first. Each may import only those before it.
const LAYERS: &[&str] = &[
    // Leaves: numbers and dates in Indonesian, files, the fonts' metrics, document dates.
    "format",
    "files",
    "fonts",
    "tanggal",
    "diagnostic",
    // The model, and what is read from it alone.
    "plan",
    "init",
    "kode",
    "kerangka",
    // Stages.
    "load",
    "compute",
    "prose",
    "check",
    "tabel",
    "render",
    "typeset",
    "document",
    // The document as Word: the same render context as the PDF, written by docx-rs.
    "docx",
    "output",
    // Beside the document: the commands' engines.
    "verify",
    "diff",
    "workbook",
    "import",
    "next_year",
    "serve",
    "cli",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text with comments and string/char literals replaced by spaces (lengths kept).
fn blank_literals(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = b.to_vec();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, from: usize, to: usize| {
        for c in &mut out[from..to.min(b.len())] {
            if *c != b'\n' {
                *c = b' ';
            }
        }
    };
    while i < b.len() {
        let word_before = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        if b[i..].starts_with(b"//") {
            let end = text[i..].find('\n').map_or(b.len(), |n| i + n);
            blank(&mut out, i, end);
            i = end;
        } else if b[i..].starts_with(b"/*") {
            let end = text[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'r' && !word_before && (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#')) {
            let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
            if b.get(i + 1 + hashes) != Some(&b'"') {
                i += 1;
                continue;
            }
            let close = format!("\"{}", "#".repeat(hashes));
            let start = i + 2 + hashes;
            let end = text[start..].find(&close).map_or(b.len(), |n| start + n + close.len());
            blank(&mut out, i, end);
            i = end;
        } else if b[i] == b'"' {
            let mut j = i + 1;
            while j < b.len() && b[j] != b'"' {
                j += if b[j] == b'\\' { 2 } else { 1 };
            }
            blank(&mut out, i, j + 1);
            i = j + 1;
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '\u{..}', '{'), not a lifetime ('a).
            let rest = &text[i + 1..];
            let len = if let Some(esc) = rest.strip_prefix('\\') {
                esc.find('\'').map(|n| n + 1)
            } else {
                rest.chars().next().filter(|_| rest.chars().nth(1) == Some('\'')).map(char::len_utf8)
            };
            match len {
                Some(n) => {
                    blank(&mut out, i, i + n + 2);
                    i += n + 2;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    String::from_utf8(out).expect("only ASCII was replaced")
}

/// The text without its `#[cfg(test)] mod name { … }` blocks.
fn without_test_modules(text: &str) -> String {
    let mut text = text.to_owned();
    while let Some(at) = text.find("#[cfg(test)]") {
        let rest = &text[at..];
        let Some(open) = rest.find('{') else { break };
        let head = &rest[..open];
        if !head.contains("mod ") {
            // Some other item under cfg(test): only its attribute goes.
            text.replace_range(at..at + "#[cfg(test)]".len(), "");
            continue;
        }
        let mut depth = 0usize;
        let mut end = text.len();
        for (k, c) in text[at + open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        text.replace_range(at..end, "");
    }
    text
}

/// The top-level modules a file names through `crate::` (`crate::a::…`, `crate::{a, b::…}`)
/// or through `super::` chains that reach the crate root from a file `depth` modules deep.
fn imports(text: &str, depth: usize) -> Vec<String> {
    let ident = |s: &str| s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect::<String>();
    let mut out = Vec::new();
    let mut roots: Vec<usize> = text.match_indices("crate::").map(|(i, _)| i + "crate::".len()).collect();
    let up = "super::".repeat(depth);
    if depth > 0 {
        roots.extend(
            text.match_indices(&up)
                .filter(|(i, _)| !text[..*i].ends_with("super::"))
                .map(|(i, _)| i + up.len())
                .filter(|&i| !text[i..].starts_with("super::")),
        );
    }
    for start in roots {
        let rest = &text[start..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut level = 0usize;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => level += 1,
                    '}' if level == 0 => break,
                    '}' => level -= 1,
                    ',' if level == 0 => {
                        out.push(ident(item.trim_start()));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            out.push(ident(item.trim_start()));
        } else {
            out.push(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

/// (module, file) → the modules it imports, for every file of `src/` but lib.rs and main.rs.
fn graph() -> BTreeMap<String, Vec<(PathBuf, String)>> {
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut graph: BTreeMap<String, Vec<(PathBuf, String)>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(&root).expect("under src/").to_owned();
        let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.len() == 1 && (parts[0] == "lib.rs" || parts[0] == "main.rs") {
            continue;
        }
        let top = parts[0].trim_end_matches(".rs").to_owned();
        let last = parts.last().expect("a file name");
        // How many modules deep the file's own module is: src/a.rs and src/a/mod.rs are 1.
        let depth = parts.len() - usize::from(last == "mod.rs");
        let text = std::fs::read_to_string(&file).expect("a source file is readable");
        let code = without_test_modules(&blank_literals(&text));
        for target in imports(&code, depth) {
            if target != top {
                graph.entry(top.clone()).or_default().push((rel.clone(), target));
            }
        }
        graph.entry(top).or_default();
    }
    graph
}

#[test]
fn every_module_of_src_has_a_layer() {
    let graph = graph();
    let missing: Vec<&String> = graph.keys().filter(|m| !LAYERS.contains(&m.as_str())).collect();
    assert!(missing.is_empty(), "modules without a layer in tests/it/layers.rs: {missing:?}");
    let gone: Vec<&&str> = LAYERS.iter().filter(|m| !graph.contains_key(**m)).collect();
    assert!(gone.is_empty(), "layers naming no module of src/: {gone:?}");
}

#[test]
fn no_module_imports_a_module_above_it() {
    let rank = |m: &str| LAYERS.iter().position(|l| *l == m);
    let mut upward = Vec::new();
    for (module, edges) in graph() {
        let Some(own) = rank(&module) else { continue };
        for (file, target) in edges {
            // Names that are no module of ours (`crate::Foo` re-exports) have no rank.
            if let Some(theirs) = rank(&target)
                && theirs > own
            {
                upward.push(format!("src/{} ({module}) imports {target}", file.display()));
            }
        }
    }
    assert!(upward.is_empty(), "imports against the layer order:\n{}", upward.join("\n"));
}

#[test]
fn the_reader_sees_every_form_of_import() {
    let text = "use crate::{a::X, b, c::{d, e}};\nfn f() { crate::g::h(); super::super::i::j(); }\n\
                // crate::comment\nconst S: &str = \"crate::string\";\n#[cfg(test)]\nmod tests { use crate::t; }\n";
    let code = without_test_modules(&blank_literals(text));
    let mut found = imports(&code, 2);
    found.sort();
    assert_eq!(found, ["a", "b", "c", "g", "i"]);
    // One level deep, `super::` is the crate root; two levels deep, one `super::` is not.
    assert_eq!(imports("super::k::l", 1), ["k"]);
    assert!(imports("super::k::l", 2).is_empty());
    assert_eq!(blank_literals("'{' '\\n' 'a x"), "         'a x");
}

/// The types a file defines: the name after every `struct`, `enum`, `trait` and `union`
/// keyword, and type aliases at a file's top level (an indented `type` is an associated type
/// of an impl or a trait, which names no new type), each with its line.
fn type_definitions(code: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let words: Vec<&str> =
            line.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
        for pair in words.windows(2) {
            let keyword = matches!(pair[0], "struct" | "enum" | "trait" | "union")
                || (pair[0] == "type" && !line.starts_with(char::is_whitespace));
            // `x.union(y)` or `let union = …` has no type name right after the word.
            let after = line.split(pair[0]).nth(1).unwrap_or("").trim_start();
            if keyword && after.starts_with(pair[1]) && pair[1].starts_with(char::is_uppercase) {
                out.push((pair[1].to_owned(), n + 1));
            }
        }
    }
    out
}

#[test]
fn no_type_name_is_defined_twice() {
    // README, Architecture: "A type name is defined once in the crate."
    let root = src();
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut places: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a source file is readable");
        let code = without_test_modules(&blank_literals(&text));
        let rel = file.strip_prefix(&root).expect("under src/").display().to_string();
        for (name, line) in type_definitions(&code) {
            places.entry(name).or_default().push(format!("src/{rel}:{line}"));
        }
    }
    assert!(places.len() > 100, "the reader found only {} type names", places.len());
    let twice: Vec<String> =
        places.iter().filter(|(_, at)| at.len() > 1).map(|(name, at)| format!("{name}: {}", at.join(", "))).collect();
    assert!(twice.is_empty(), "type names defined more than once:\n{}", twice.join("\n"));
}

#[test]
fn the_type_reader_sees_every_definition_and_nothing_else() {
    let text = "pub struct A;\npub(crate) enum B<'a> { X(&'a str) }\ntrait C {\n    type Output;\n}\n\
                type D = u8;\nimpl C for A {\n    type Output = u8;\n}\nfn f() { struct E; let union = 1; s.union(t); }\n\
                union F { a: u8 }\n// struct G\nconst S: &str = \"enum H\";\n#[cfg(test)]\nmod tests { struct I; }\n";
    let code = without_test_modules(&blank_literals(text));
    let names: Vec<String> = type_definitions(&code).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["A", "B", "C", "D", "E", "F"]);
}
