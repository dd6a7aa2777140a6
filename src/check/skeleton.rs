//! Nothing from the skeleton reaches a final document: every example value `renja init` writes
//! (identity, decree, signer, example table rows, Lampiran guidance), which an import without
//! `--into` keeps too, is template text, and a decree number is either one a Bagian Hukum
//! assigns or left blank for hand-writing.

use crate::diagnostic::Diagnostic;

/// Each string of the plan equal to one of the skeleton's example values (or holding one that
/// names "Contoh"), as an error of a final document.
pub(super) fn nilai_contoh(texts: &[(String, String)], out: &mut Vec<Diagnostic>) {
    // Sorted and without duplicates: an exact match is found by bisection.
    let contoh = crate::init::contoh();
    // The values marked "Contoh", in the same order, found inside a longer text.
    let bertanda: Vec<&String> = contoh.iter().filter(|c| c.split_whitespace().any(|w| w == "Contoh")).collect();
    let mut found: Vec<(&str, &str)> = Vec::new();
    for (path, text) in texts.iter().filter(|(path, _)| !path.starts_with("$.pengaturan.teks_templat")) {
        let trimmed = text.trim();
        let hit = contoh
            .binary_search_by(|c| c.as_str().cmp(trimmed))
            .ok()
            .map(|i| &contoh[i])
            .or_else(|| bertanda.iter().copied().find(|c| trimmed.contains(c.as_str())));
        if let Some(hit) = hit {
            found.push((path, hit));
        }
    }
    found.sort();
    for (path, hit) in found {
        out.push(
            Diagnostic::error("teks.contoh", "nilai contoh dari kerangka renja init belum diganti")
                .final_only()
                .path(path)
                .expected("nilai rencana yang sebenarnya")
                .found(format!("\"{hit}\" (contoh dari kerangka)"))
                .hint(
                    "ganti dengan nilai rencana ini (nama daerah, penandatangan, baris tabel, isi Lampiran); draf \
                     (--draf) dan pratinjau tetap dapat disusun, dokumen final tidak",
                ),
        );
    }
}

/// A decree number as a Bagian Hukum assigns it (`188.45/ /KEP/35.07.013/2018`), or blank for
/// writing by hand; not a pattern with placeholder segments (`000`, `XXX`, `...`), nor words
/// without a digit. Its characters are otherwise free (plain text, printed as written).
pub(super) fn nomor_keputusan(nomor: &str, out: &mut Vec<Diagnostic>) {
    // The skeleton's own pattern is reported as an example value already.
    if nomor.trim().is_empty() || crate::init::contoh().iter().any(|c| c == nomor.trim()) {
        return;
    }
    let placeholder = nomor.split('/').map(str::trim).find(|segment| {
        let all = |f: fn(char) -> bool| !segment.is_empty() && segment.chars().all(f);
        all(|c| c == '0') || all(|c| c == 'x' || c == 'X') || all(|c| c == '.' || c == '…')
    });
    let problem = if let Some(segment) = placeholder {
        Some(format!("bagian \"{segment}\" adalah pola contoh, bukan nomor"))
    } else if !nomor.chars().any(|c| c.is_ascii_digit()) {
        Some("tanpa angka".to_owned())
    } else {
        None
    };
    if let Some(problem) = problem {
        out.push(
            Diagnostic::error("keputusan.nomor", "nomor keputusan bukan nomor yang diberikan Bagian Hukum")
                .final_only()
                .path("$.keputusan.nomor")
                .expected("nomor seperti 188.45/     /KEP/35.07.013/2026 (bagian yang diisi tangan boleh kosong), atau kosong seluruhnya")
                .found(format!("\"{nomor}\": {problem}"))
                .hint("tulis nomor dari Bagian Hukum, atau kosongkan (\"\") agar nomor ditulis tangan saat penetapan"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nomor(text: &str) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        nomor_keputusan(text, &mut out);
        out
    }

    #[test]
    fn a_decree_number_is_assigned_or_blank() {
        for ok in ["", "   ", "188.45/ /KEP/35.07.013/2018", "050/     /2026", "188.45/123/KEP/422.012/2024"] {
            assert!(nomor(ok).is_empty(), "{ok:?} refused");
        }
        for bad in ["000/ /KEP/2027", "XXX/ /KEP/2026", "188.45/.../KEP/2026", "NOMOR", "Nomor belum ada"] {
            assert_eq!(nomor(bad).len(), 1, "{bad:?} accepted");
        }
    }

    #[test]
    fn example_values_are_found_whole_or_inside_text() {
        let texts = vec![
            ("$.identitas.pemda".to_owned(), "Kabupaten Contoh".to_owned()),
            ("$.penandatangan.nama".to_owned(), " NAMA KEPALA DAERAH ".to_owned()),
            ("$.bab_5.isi".to_owned(), "Demikian Renja Kabupaten Contoh ini disusun.".to_owned()),
            ("$.identitas.perangkat_daerah".to_owned(), "Dinas Kesehatan".to_owned()),
            ("$.bab_5.penutup".to_owned(), "Demikian untuk dilaksanakan.".to_owned()),
        ];
        let mut out = Vec::new();
        nilai_contoh(&texts, &mut out);
        let paths: Vec<&str> = out.iter().filter_map(|d| d.path.as_deref()).collect();
        assert_eq!(paths, ["$.bab_5.isi", "$.identitas.pemda", "$.penandatangan.nama"]);
    }
}
