//! Goldens: the generated Typst source and the text of every page of the flagship and the
//! Batu example, and the page texts of the Temanggung (SIPD-era) example, pinned so that any change to what the document says shows up as a readable diff.
//! Refresh deliberately with `RENJA_BLESS=1 cargo test --test it golden::` and review the diff.

use std::path::PathBuf;

use crate::support::{EXAMPLE, FLAGSHIP_PDF, build_plan, root};

fn golden(name: &str) -> PathBuf {
    root().join("tests/golden").join(name)
}

/// Compares `got` with the golden file `name`, or rewrites it under `RENJA_BLESS=1`.
fn assert_golden(name: &str, got: &str) {
    let path = golden(name);
    if std::env::var_os("RENJA_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (create it with RENJA_BLESS=1)", path.display()));
    if want != got {
        let diff = similar::TextDiff::from_lines(&want, got);
        let shown: String = diff
            .unified_diff()
            .context_radius(2)
            .header("golden", "now")
            .to_string()
            .lines()
            .take(120)
            .map(|line| match line.char_indices().nth(200) {
                Some((cut, _)) => format!("{}…", &line[..cut]),
                None => line.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        panic!("{name} differs from its golden (RENJA_BLESS=1 to accept):\n{shown}");
    }
}

/// Page texts, each under a `--- halaman N ---` line.
fn pages(document: &typst_layout::PagedDocument) -> String {
    renja::typeset::page_texts(document)
        .iter()
        .enumerate()
        .map(|(i, text)| format!("--- halaman {} ---\n{}\n", i + 1, text.trim_end()))
        .collect()
}

#[test]
fn flagship_typst_source_is_pinned() {
    assert_golden("flagship.main.typ", FLAGSHIP_PDF.sources.main());
}

#[test]
fn flagship_page_texts_are_pinned() {
    assert_golden("flagship.halaman.txt", &pages(&FLAGSHIP_PDF.document));
}

#[test]
fn example_typst_source_and_page_texts_are_pinned() {
    let built = build_plan(&EXAMPLE.0);
    assert_golden("contoh-batu.halaman.txt", &pages(&built.document));
    assert_golden("contoh-batu.main.typ", built.sources.main());
}

#[test]
fn temanggung_page_texts_are_pinned() {
    assert_golden("contoh-temanggung.halaman.txt", &pages(&crate::sipd::SIPD_PDF.document));
}
