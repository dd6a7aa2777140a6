//! The `renja` binary: exit codes, located messages, outputs never damaged.

use std::path::Path;

use crate::support::{Dir, FLAGSHIP_PLAN, flagship_path, root};
use crate::support::{renja, stderr};

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn check_flagship_exits_zero_and_summarises() {
    let output = renja().current_dir(root()).arg("check").output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("4 program, 17 kegiatan, jumlah pagu 1.073.384.000; 0 galat"), "{err}");
    assert!(!err.contains("panicked"));
}

#[test]
fn check_json_format_parses() {
    let output = renja().arg("check").arg(flagship_path()).args(["--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["galat"], 0);
    let first = &report["diagnostik"][0];
    // Every key in Indonesian (the README's "Keluaran JSON" lists them).
    const KEYS: [&str; 9] =
        ["tingkat", "kode", "pesan", "jalur", "lokasi", "diharapkan", "ditemukan", "saran", "hanya_dokumen_final"];
    for diagnostic in report["diagnostik"].as_array().unwrap() {
        let keys: Vec<&String> = diagnostic.as_object().unwrap().keys().collect();
        assert!(keys.iter().all(|k| KEYS.contains(&k.as_str())), "{keys:?}");
        assert!(["tingkat", "kode", "pesan"].iter().all(|k| diagnostic.get(k).is_some()), "{keys:?}");
    }
    assert_eq!(first["tingkat"], "peringatan");
    assert!(first["lokasi"]["baris"].as_u64().unwrap() > 1);
    assert!(first["lokasi"]["kolom"].as_u64().unwrap() >= 1);
}

#[test]
fn missing_plan_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let output = renja().current_dir(dir.path()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(err.contains("berkas rencana `plan.json` tidak dapat dibaca (tidak ditemukan)"), "{err}");
    assert!(err.contains("saran:"), "{err}");
}

#[test]
fn syntax_error_names_line_column_and_shows_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let plan = write(dir.path(), "p.json", "{\n  \"identitas\": {\n    \"pemda\": \"x\",\n  }\n}\n");
    let output = renja().arg("check").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("koma berlebih sebelum penutup"), "{err}");
    assert!(err.contains("p.json:4:3"), "{err}");
    assert!(err.contains("hapus koma"), "{err}");
}

#[test]
fn misspelled_key_gets_a_suggestion() {
    let text =
        std::fs::read_to_string(flagship_path()).unwrap().replacen("\"perangkat_daerah\"", "\"perangkat_dearah\"", 1);
    let dir = tempfile::tempdir().unwrap();
    let plan = write(dir.path(), "p.json", &text);
    let output = renja().arg("check").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("kunci tidak dikenal \"perangkat_dearah\""), "{err}");
    assert!(err.contains("mungkin maksudnya \"perangkat_daerah\"?"), "{err}");
    assert!(err.contains("di: $.identitas"), "{err}");
}

#[test]
fn pagu_with_separators_is_a_located_type_error() {
    let text =
        std::fs::read_to_string(flagship_path()).unwrap().replacen("\"pagu\": 5067000", "\"pagu\": \"5.067.000\"", 1);
    let dir = tempfile::tempdir().unwrap();
    let plan = write(dir.path(), "p.json", &text);
    let output = renja().arg("check").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("rupiah tidak valid: \"5.067.000\""), "{err}");
    assert!(err.contains("$.rencana.program[0].kegiatan[0].pagu"), "{err}");
}

#[test]
fn byte_order_mark_is_accepted() {
    let dir = Dir::new();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(flagship_path()).unwrap());
    dir.create("p.json", bytes);
    // The whole plan was read past the mark, as without it.
    dir.renja(["check", "p.json"]).exits(0).says("4 program, 17 kegiatan, jumlah pagu 1.073.384.000; 0 galat");
}

#[test]
fn build_writes_pdf_and_checksum_and_a_failed_build_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("renja.pdf");
    let output = renja().arg("build").arg(flagship_path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let pdf = std::fs::read(&out).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let sidecar = std::fs::read_to_string(dir.path().join("renja.pdf.sha256")).unwrap();
    assert_eq!(sidecar, renja::output::checksum_line(&out, &pdf));
    assert!(stderr(&output).contains("halaman"), "{}", stderr(&output));

    // A plan with an error: exit 1, the earlier PDF and sidecar stay byte-identical.
    let text =
        std::fs::read_to_string(flagship_path()).unwrap().replacen("\"kode\": \"4.5.1.1\"", "\"kode\": \"4.5.9.1\"", 1);
    let bad = write(dir.path(), "bad.json", &text);
    let output = renja().arg("build").arg(&bad).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("tidak berada di bawah programnya"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&out).unwrap(), pdf);
    assert_eq!(std::fs::read_to_string(dir.path().join("renja.pdf.sha256")).unwrap(), sidecar);
}

#[test]
fn build_refuses_to_overwrite_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::copy(flagship_path(), &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let output = renja().arg("build").arg(&plan).arg("-o").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("sama dengan berkas rencana"));
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[test]
fn build_into_missing_directory_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tidak/ada/renja.pdf");
    let output = renja().arg("build").arg(flagship_path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("tidak ada"), "{err}");
    assert!(!err.contains("panicked"));
}

fn build_with_templates(files: &[(&str, &str)]) -> (std::process::Output, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templat");
    std::fs::create_dir(&templates).unwrap();
    for (name, text) in files {
        std::fs::write(templates.join(name), text).unwrap();
    }
    let out = dir.path().join("out.pdf");
    let output = renja()
        .arg("build")
        .arg(flagship_path())
        .arg("-o")
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .output()
        .unwrap();
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    (output, dir)
}

#[test]
fn a_broken_minijinja_template_is_reported_by_file_and_line() {
    let (output, dir) = build_with_templates(&[("lampiran.typ.j2", "#pagebreak()\n{% for x in %}\n")]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("templat lampiran.typ.j2:2:"), "{err}");
    assert!(!dir.path().join("out.pdf").exists());
}

#[test]
fn a_broken_typst_library_is_reported_by_file_and_line() {
    let library = format!("{}\n#let rusak = (\n", renja::render::TYPST_LIBRARY.1);
    let line = library.lines().count();
    let (output, _dir) = build_with_templates(&[("renja.typ", &library)]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains(&format!("renja.typ:{line}:")), "{err}");
}

#[test]
fn templates_cannot_include_files_outside_their_directory() {
    let (output, _dir) = build_with_templates(&[("lampiran.typ.j2", "{% include \"../../../etc/passwd\" %}\n")]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("hanya templat bawaan dan berkas di dalam direktori --templates"), "{err}");
    assert!(!err.contains("root:"), "{err}");
}

#[test]
fn typst_warnings_about_a_template_reach_the_user() {
    let (output, _dir) = build_with_templates(&[("lampiran.typ.j2", "#text(font: \"Huruf Tidak Ada\")[x]\n")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("peringatan[typst]: main.typ:"), "{err}");
    assert!(err.contains("huruf tidak ada"), "{err}");
}

#[test]
fn a_template_override_changes_only_its_part() {
    let (output, dir) = build_with_templates(&[("lampiran.typ.j2", "#pagebreak()\n= Lampiran Pemda\n")]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let base = lopdf::Document::load_mem(&crate::support::FLAGSHIP_PDF.pdf).unwrap();
    let over = lopdf::Document::load(dir.path().join("out.pdf")).unwrap();
    let text = |d: &lopdf::Document, n: u32| d.extract_text(&[n]).unwrap_or_default();
    let lampiran = (1..=base.get_pages().len() as u32)
        .find(|&n| text(&base, n).contains("POHON"))
        .expect("the built-in Lampiran has its pohon kinerja");
    // Every page before the Lampiran reads exactly as without the override…
    for n in 1..lampiran {
        assert_eq!(text(&base, n), text(&over, n), "page {n} changed");
    }
    // …and the Lampiran is the override's single page.
    assert_eq!(over.get_pages().len() as u32, lampiran);
    let last = text(&over, lampiran);
    assert!(last.contains("Lampiran Pemda") && !last.contains("POHON"), "{last}");
}

/// Ctrl-C while the output set is half written (every temporary file written, none renamed):
/// the handler removes the temporary files and the lock, says so, and exits 130, and the earlier
/// output is untouched. Without the handler the signal would kill the process and leave them.
#[cfg(unix)]
#[test]
fn interrupting_a_build_while_it_writes_leaves_the_earlier_output_and_no_temporary_file() {
    let dir = Dir::new();
    dir.create("renja.pdf", "versi lama");
    let held = dir.renja_held(["build", FLAGSHIP_PLAN, "-o", "renja.pdf"], "RENJA_TEST_HOLD_WRITTEN");
    // Half written: the new set's temporary files and the output's lock are there.
    let during = dir.listing();
    let temporary: Vec<_> = during.iter().filter(|n| n.starts_with(".renja-") && n.ends_with(".tmp")).collect();
    assert_eq!(temporary.len(), 3, "PDF, checksum and placement sidecar: {during:?}");
    assert!(during.contains(&".renja.pdf.renja-lock".to_owned()), "{during:?}");

    held.signal("INT").exits(130).says("dibatalkan; tidak ada berkas yang ditulis sebagian");
    assert_eq!(dir.listing(), ["renja.pdf"]);
    assert_eq!(dir.read("renja.pdf"), b"versi lama");
}

#[test]
fn a_failing_sidecar_leaves_the_earlier_pdf_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.pdf");
    std::fs::write(&out, b"versi lama").unwrap();
    // A directory where the checksum sidecar should go: the set fails before anything is renamed.
    std::fs::create_dir(dir.path().join("out.pdf.sha256")).unwrap();
    let output = renja().arg("build").arg(flagship_path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert_eq!(std::fs::read(&out).unwrap(), b"versi lama");
    assert!(!dir.path().join("out.ttd.json").exists());
}

#[test]
fn an_absurd_year_is_a_located_load_error_not_a_panic() {
    let text =
        std::fs::read_to_string(flagship_path()).unwrap().replacen("\"tahun\": 2019", "\"tahun\": 2147483647", 1);
    let dir = tempfile::tempdir().unwrap();
    let plan = write(dir.path(), "p.json", &text);
    let output = renja().arg("check").arg(&plan).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("tahun 2147483647 tidak wajar"), "{err}");
    assert!(err.contains("$.identitas.tahun") && !err.contains("panicked"), "{err}");
}
