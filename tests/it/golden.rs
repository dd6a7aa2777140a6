//! Goldens: the generated Typst source and the text of every page of the flagship and the
//! Batu example, and the page texts of the Temanggung (SIPD-era) example, pinned so that any change to what the document says shows up as a readable diff.
//! Refresh deliberately with `RENJA_BLESS=1 cargo test --test it golden::` and review the diff.

use std::path::PathBuf;

use crate::pretty::pretty;
use crate::support::{EXAMPLE, FLAGSHIP_PDF, build_plan, root};

fn golden(name: &str) -> PathBuf {
    root().join("tests/golden").join(name)
}

/// Lines of unified diff shown when a golden differs, and characters of each line.
const SHOWN_LINES: usize = 80;
const SHOWN_CHARS: usize = 200;

/// Compares `got` with the golden file `name`, or rewrites it under `RENJA_BLESS=1`.
fn assert_golden(name: &str, got: &str) {
    let path = golden(name);
    if std::env::var_os("RENJA_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (create it with RENJA_BLESS=1)", path.display()));
    if let Some(report) = difference(&want, got) {
        panic!("{name} differs from its golden (RENJA_BLESS=1 to accept):\n{report}");
    }
}

/// Where `got` first departs from `want`, then a unified diff with both line numbers on every
/// line, bounded to [`SHOWN_LINES`] lines of [`SHOWN_CHARS`] characters; `None` if equal.
fn difference(want: &str, got: &str) -> Option<String> {
    if want == got {
        return None;
    }
    let (want_lines, got_lines): (Vec<&str>, Vec<&str>) = (want.lines().collect(), got.lines().collect());
    let first =
        want_lines.iter().zip(&got_lines).position(|(a, b)| a != b).unwrap_or(want_lines.len().min(got_lines.len()));
    let mut report = format!("first difference at line {}:\n", first + 1);
    for (label, lines) in [("golden", &want_lines), ("now", &got_lines)] {
        let line = lines.get(first).map_or("(end of file)".to_owned(), |l| {
            excerpt(l, column_of_change(want_lines.get(first), got_lines.get(first)))
        });
        report.push_str(&format!("  {label:>6} {:>6} | {line}\n", first + 1));
    }
    let diff = similar::TextDiff::from_lines(want, got);
    let mut shown = 0;
    'hunks: for group in diff.grouped_ops(2) {
        let (old, new) = (&group[0].old_range(), &group[0].new_range());
        report.push_str(&format!("@@ golden line {}, now line {} @@\n", old.start + 1, new.start + 1));
        for op in &group {
            for change in diff.iter_changes(op) {
                if shown == SHOWN_LINES {
                    report.push_str("… (diff cut here)\n");
                    break 'hunks;
                }
                let number = |n: Option<usize>| n.map_or(String::new(), |n| (n + 1).to_string());
                let sign = match change.tag() {
                    similar::ChangeTag::Equal => ' ',
                    similar::ChangeTag::Delete => '-',
                    similar::ChangeTag::Insert => '+',
                };
                let text = change.value().trim_end_matches('\n');
                report.push_str(&format!(
                    "{:>6} {:>6} {sign}| {}\n",
                    number(change.old_index()),
                    number(change.new_index()),
                    excerpt(text, 0)
                ));
                shown += 1;
            }
        }
    }
    Some(report)
}

/// The character column where two lines first differ.
fn column_of_change(a: Option<&&str>, b: Option<&&str>) -> usize {
    match (a, b) {
        (Some(a), Some(b)) => a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count(),
        _ => 0,
    }
}

/// At most [`SHOWN_CHARS`] characters of `line`, starting a little before `column`.
fn excerpt(line: &str, column: usize) -> String {
    let start = column.saturating_sub(SHOWN_CHARS / 4);
    let count = line.chars().count();
    let mut text: String = line.chars().skip(start).take(SHOWN_CHARS).collect();
    if start > 0 {
        text.insert(0, '…');
    }
    if start + SHOWN_CHARS < count {
        text.push('…');
    }
    text
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
    assert_golden("flagship.main.typ", &pretty(FLAGSHIP_PDF.sources.main()));
}

#[test]
fn flagship_page_texts_are_pinned() {
    assert_golden("flagship.halaman.txt", &pages(&FLAGSHIP_PDF.document));
}

#[test]
fn example_typst_source_and_page_texts_are_pinned() {
    let built = build_plan(&EXAMPLE.0);
    assert_golden("contoh-batu.halaman.txt", &pages(&built.document));
    assert_golden("contoh-batu.main.typ", &pretty(built.sources.main()));
}

#[test]
fn temanggung_page_texts_are_pinned() {
    assert_golden("contoh-temanggung.halaman.txt", &pages(&crate::sipd::SIPD_PDF.document));
}

#[test]
fn a_golden_difference_is_shown_by_line_number_and_bounded() {
    let want: String = (1..=400).map(|n| format!("baris {n}\n")).collect();
    let long = format!("baris 50 {}", "panjang ".repeat(1000));
    let got = want.replacen("baris 50\n", &format!("{long}\n"), 1).replacen("baris 300\n", "", 1);
    assert_eq!(difference(&want, &want), None);
    let report = difference(&want, &got).expect("the texts differ");
    assert!(report.starts_with("first difference at line 50:\n"), "{report}");
    assert!(report.contains("\n  golden     50 | baris 50\n"), "{report}");
    assert!(report.contains("\n     now     50 | baris 50 panjang panjang"), "{report}");
    // Both hunks, with both line numbers on every line: 48 and 49 around the change, 300 deleted.
    assert!(report.contains("@@ golden line 48, now line 48 @@\n    48     48  | baris 48\n"), "{report}");
    assert!(report.contains("\n    50        -| baris 50\n           50 +| baris 50 panjang"), "{report}");
    assert!(report.contains("\n   300        -| baris 300\n"), "{report}");
    assert!(report.contains("\n   301    300  | baris 301\n"), "{report}");
    // A long line is cut, and so is a long diff.
    assert!(report.lines().all(|l| l.chars().count() <= SHOWN_CHARS + 20), "{report}");
    let everything: String = (1..=400).map(|n| format!("lain {n}\n")).collect();
    let report = difference(&want, &everything).unwrap();
    assert!(report.lines().count() <= SHOWN_LINES + 5, "{} lines", report.lines().count());
    assert!(report.ends_with("… (diff cut here)\n"), "{report}");
}
