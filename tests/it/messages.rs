//! Figures a verifier can trust and messages a planner can act on (issue 15): one test per
//! point, each with the exact message.

use std::path::{Path, PathBuf};

use renja::check::check;
use renja::compute::{Rasio, compute};
use renja::diagnostic::locate;
use renja::diagnostic::{Diagnostic, Severity};
use renja::document::{BuildOptions, build};
use renja::load::{LoadError, parse_bytes};
use renja::render::Renderer;
use serde_json::{Value, json};

use crate::support::{all_text, flagship_json, renja, reparse, stderr};

/// The diagnostics `check` gives a mutated flagship, located.
fn diagnostics(value: &Value) -> Vec<Diagnostic> {
    let loaded = reparse(value);
    let mut found = check(&loaded.plan, &compute(&loaded.plan));
    locate(&mut found, &loaded.source);
    found
}

fn with_code<'d>(found: &'d [Diagnostic], code: &str) -> Vec<&'d Diagnostic> {
    found.iter().filter(|d| d.code == code).collect()
}

/// Writes a plan into a fresh directory; returns the directory (kept alive) and the path.
fn written(text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn pretty(value: &Value) -> Vec<u8> {
    serde_json::to_string_pretty(value).unwrap().into_bytes()
}

// 1. Indicators ------------------------------------------------------------------------------

#[test]
fn a_level_unit_is_not_summed_over_the_years() {
    let mut plan = flagship_json();
    let indikator = &mut plan["evaluasi"]["program"][0]["indikator"];
    indikator["satuan"] = json!("persen");
    indikator.as_object_mut().unwrap().remove("kumulatif");
    let loaded = reparse(&plan);
    let row = compute(&loaded.plan).evaluasi[0].program;
    // 100 persen each year: the level is 100, never 100 + 100 = 200.
    assert_eq!(row.realisasi_sd_n1.map(renja::format::angka).as_deref(), Some("100"));
    assert_eq!(row.capaian_renstra, Rasio::TidakBerlaku);
    let found = diagnostics(&plan);
    assert!(with_code(&found, "indikator.sifat").is_empty(), "{found:#?}");
    for satuan in ["Indeks Kepuasan", "Nilai SAKIP", "rasio", "skor", "Predikat", "Opini BPK", "peringkat", "Tingkat"] {
        assert_eq!(renja::plan::sifat_satuan(satuan), renja::plan::SifatSatuan::Tingkat, "{satuan}");
    }
}

#[test]
fn an_indicator_of_unknown_nature_warns_which_rule_applied() {
    let mut plan = flagship_json();
    let indikator = &mut plan["evaluasi"]["program"][1]["kegiatan"][0]["indikator"];
    indikator["satuan"] = json!("Naskah Akademik Terpadu");
    indikator.as_object_mut().unwrap().remove("kumulatif");
    // "Naskah" is a count word: cumulative, no warning.
    assert!(with_code(&diagnostics(&plan), "indikator.sifat").is_empty());
    plan["evaluasi"]["program"][1]["kegiatan"][0]["indikator"]["satuan"] = json!("Fasilitasi");
    let found = diagnostics(&plan);
    let warning = with_code(&found, "indikator.sifat");
    assert_eq!(warning.len(), 1, "{found:#?}");
    assert_eq!(warning[0].severity, Severity::Warning);
    assert_eq!(
        warning[0].message,
        "sifat indikator tidak dapat dipastikan dari satuannya; dianggap kumulatif (kolom 10 = 5 + 7 + 9)"
    );
    assert_eq!(warning[0].path.as_deref(), Some("$.evaluasi.program[1].kegiatan[0].indikator.satuan"));
    assert_eq!(warning[0].found.as_deref(), Some("satuan \"Fasilitasi\" tanpa \"kumulatif\""));
    assert!(warning[0].location.is_some());
}

#[test]
fn a_cumulative_level_far_past_its_renstra_target_warns() {
    let mut plan = flagship_json();
    plan["evaluasi"]["program"][0]["indikator"]["kumulatif"] = json!(true);
    let found = diagnostics(&plan);
    let warning = with_code(&found, "indikator.kumulatif_tingkat");
    assert_eq!(warning.len(), 1, "{found:#?}");
    assert_eq!(
        warning[0].message,
        "indikator kumulatif bersatuan tingkat: realisasi s/d n-1 (kolom 10) jauh melebihi target akhir Renstra (kolom 4)"
    );
    assert_eq!(warning[0].found.as_deref(), Some("200% (jumlah kolom 5 + 7 + 9)"));
    assert_eq!(warning[0].expected.as_deref(), Some("kolom 10 sekitar kolom 4 (100%)"));
}

// 2. Missing realisations ---------------------------------------------------------------------

#[test]
fn a_missing_realisation_is_named_and_stops_only_a_final_document() {
    let mut plan = flagship_json();
    plan["evaluasi"]["program"][0]["kegiatan"][1]["indikator"].as_object_mut().unwrap().remove("realisasi_n2");
    let found = diagnostics(&plan);
    let error = with_code(&found, "realisasi.kosong");
    assert_eq!(error.len(), 1, "{found:#?}");
    assert_eq!(error[0].severity, Severity::Error);
    assert!(error[0].final_only);
    assert_eq!(error[0].message, "realisasi 2017 (kolom 7) tidak diisi");
    assert_eq!(error[0].path.as_deref(), Some("$.evaluasi.program[0].kegiatan[1].indikator.realisasi_n2"));
    assert!(error[0].location.is_some());
    // The denominator is not blamed for a missing numerator.
    assert!(found.iter().all(|d| !d.path.as_deref().unwrap_or("").ends_with("kegiatan[1].indikator.target_n2")));
    // The program's mean leaves the row out, and says which.
    let loaded = reparse(&plan);
    assert_eq!(compute(&loaded.plan).evaluasi[0].di_luar_rata_rata, vec![1]);

    let (_dir, path) = written(&pretty(&plan));
    let output = renja().arg("build").arg(&path).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("galat[realisasi.kosong]: realisasi 2017 (kolom 7) tidak diisi"), "{err}");
    let output = renja().arg("build").arg(&path).arg("--draf").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // With the reason given, a final document is allowed.
    plan["evaluasi"]["program"][0]["kegiatan"][1]["indikator"]["keterangan"] = json!("tidak dilaksanakan");
    assert!(with_code(&diagnostics(&plan), "realisasi.kosong").is_empty());
}

// 3. Drafts never lose text --------------------------------------------------------------------

#[test]
fn an_unknown_placeholder_prints_literally_in_a_forced_build() {
    let mut plan = flagship_json();
    plan["bab_5"]["isi"] = json!("Terdapat {{ jumlah_progam }} program dan {{ jumlah_kegiatan }} kegiatan.");
    let loaded = reparse(&plan);
    let options = BuildOptions { paksa: true, ..Default::default() };
    let built = build(&loaded, &options, &Renderer::new()).unwrap_or_else(|e| panic!("{e}"));
    let text = all_text(&built);
    assert!(text.contains("Terdapat {{ jumlah_progam }} program dan 17 kegiatan."), "{text}");
    let errors: Vec<&Diagnostic> = built.warnings.iter().filter(|d| d.code == "prosa.placeholder").collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].message, "placeholder tidak dikenal {{ jumlah_progam }}");
    assert_eq!(errors[0].hint.as_deref().map(|h| h.starts_with("mungkin maksudnya {{ jumlah_program }}?")), Some(true));
}

#[test]
fn text_the_plan_marks_as_template_stops_a_final_build() {
    let mut plan = flagship_json();
    plan["pengaturan"]["teks_templat"] = json!(["[isi]"]);
    plan["bab_4"]["isi_lanjutan"] = json!("Anggaran [isi] dan [isi].");
    let found = diagnostics(&plan);
    let errors = with_code(&found, "teks.templat");
    assert_eq!(errors.len(), 2, "{found:#?}");
    assert!(errors.iter().all(|d| d.message == "teks templat belum diganti" && d.final_only));
    assert_eq!(errors[0].found.as_deref(), Some("\"Anggaran [isi]\""));
    assert_eq!(errors[1].found.as_deref(), Some("\"Anggaran [isi] dan [isi]\""));
    assert!(errors.iter().all(|d| d.path.as_deref() == Some("$.bab_4.isi_lanjutan") && d.location.is_some()));
}

// 4. Every load error at once -----------------------------------------------------------------

#[test]
fn three_type_mistakes_are_reported_in_one_run() {
    let mut plan = flagship_json();
    plan["identitas"]["tahun"] = json!("2019");
    plan["rencana"]["program"][1]["kegiatan"][0]["nama"] = json!(42);
    plan["rencana"]["program"][0]["kegiatan"][0]["pagu"] = json!("5.067.000");
    let text = pretty(&plan);
    let Err(LoadError::Invalid { diagnostics, .. }) = parse_bytes(Path::new("plan.json"), &text) else {
        panic!("loaded")
    };
    let summary: Vec<(&str, &str, &str)> =
        diagnostics.iter().map(|d| (d.code, d.path.as_deref().unwrap_or(""), d.message.as_str())).collect();
    assert_eq!(
        summary,
        [
            ("plan.tipe", "$.identitas.tahun", "tipe nilai salah: string \"2019\""),
            ("plan.nilai", "$.rencana.program[0].kegiatan[0].pagu", "nilai tidak valid: string \"5.067.000\""),
            ("plan.tipe", "$.rencana.program[1].kegiatan[0].nama", "tipe nilai salah: angka 42"),
        ]
    );
    assert!(diagnostics.iter().all(|d| d.location.is_some()));
    let (_dir, path) = written(&text);
    let output = renja().arg("check").arg(&path).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(err.matches("galat[plan.").count(), 3, "{err}");
    assert!(err.contains("3 galat; rencana tidak dapat dimuat"), "{err}");
    assert!(err.contains("diharapkan: Rupiah bulat: angka JSON atau string angka, tanpa pemisah ribuan (mis"), "{err}");
}

#[test]
fn a_comment_gets_its_own_message() {
    let text = String::from_utf8(pretty(&flagship_json())).unwrap();
    let text = text.replacen("\"tahun\": 2019", "// tahun rencana\n    \"tahun\": 2019", 1);
    let Err(LoadError::Invalid { diagnostics, .. }) = parse_bytes(Path::new("plan.json"), text.as_bytes()) else {
        panic!("loaded")
    };
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, "plan.komentar");
    assert_eq!(diagnostics[0].message, "komentar tidak diizinkan di JSON");
    assert_eq!(diagnostics[0].found.as_deref(), Some("// tahun rencana"));
    let location = diagnostics[0].location.unwrap();
    assert_eq!(&text[location.range.0..location.range.0 + 2], "//");
}

// 5. Diagnostics on long lines ----------------------------------------------------------------

#[test]
fn a_one_line_plan_with_one_error_gets_a_short_diagnostic() {
    let mut plan = flagship_json();
    plan["rencana"]["program"][3]["kegiatan"][2]["kode"] = json!("4.5.4.3a");
    let text = serde_json::to_string(&plan).unwrap();
    assert!(text.len() > 60_000 && !text.contains('\n'));
    let (_dir, path) = written(text.as_bytes());
    let output = renja().arg("check").arg(&path).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let diagnostic = err.split("galat[kode.format]").nth(1).unwrap().split("peringatan[").next().unwrap();
    assert!(diagnostic.chars().count() < 2_000, "{} characters:\n{diagnostic}", diagnostic.chars().count());
    assert!(diagnostic.contains("\"4.5.4.3a\"") && diagnostic.contains('…'), "{diagnostic}");
    // The column is the plan's, not the excerpt's.
    let column = text[..text.find("\"4.5.4.3a\"").unwrap()].chars().count() + 1 - "\"kode\": ".len() + 1;
    assert!(diagnostic.contains(&format!("plan.json:1:{column}")), "{column}\n{diagnostic}");
}

// 6. Counts and words ---------------------------------------------------------------------------

#[test]
fn labels_and_counts_are_indonesian_and_separate() {
    let mut plan = flagship_json();
    plan["rencana"]["program"][0]["kegiatan"][1]["kode"] = json!("4.5.1.1");
    plan["penandatangan"]["nama"] = json!("  ");
    let (dir, path) = written(&pretty(&plan));
    let output = renja().arg("check").arg(&path).output().unwrap();
    let err = stderr(&output);
    assert!(err.contains("galat[kode.duplikat]") && err.contains("peringatan[analisis.berbeda]"), "{err}");
    assert!(!err.contains("error[") && !err.contains("warning["), "{err}");
    assert!(err.contains("galat[teks.kosong]: teks wajib diisi"), "{err}");
    assert!(err.contains("saran: isi teks ini; bagian ini dicetak di dokumen dan tidak boleh kosong"), "{err}");
    let out = dir.path().join("paksa.pdf");
    let output = renja().arg("build").arg(&path).arg("--paksa").arg("-o").arg(&out).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("jumlah pagu 1.073.384.000, 2 galat, 1 peringatan ("), "{err}");
}

// 7–9. Decimals, predikat, dates ------------------------------------------------------------------

#[test]
fn float_noise_is_trimmed_with_a_warning_and_written_decimals_are_kept() {
    assert_eq!(renja::format::nilai(rust_decimal::Decimal::from_str_exact("80.50").unwrap(), "%"), "80,50%");
    let mut plan = flagship_json();
    plan["evaluasi"]["program"][0]["kegiatan"][3]["indikator"]["target_n1"] = json!(86.66666666666667);
    let found = diagnostics(&plan);
    let warning = with_code(&found, "nilai.desimal");
    assert_eq!(warning.len(), 1, "{found:#?}");
    assert_eq!(warning[0].message, "nilai dengan 14 desimal; dicetak dibulatkan: 86,6667 Jenis");
    assert_eq!(warning[0].path.as_deref(), Some("$.evaluasi.program[0].kegiatan[3].indikator.target_n1"));
}

#[test]
fn predikat_is_a_placeholder() {
    let (loaded, computed) = &*crate::support::FLAGSHIP;
    let facts = renja::prose::Facts::of(&loaded.plan, computed);
    assert_eq!(facts.get("predikat_program_1"), Some("sangat tinggi"));
    assert_eq!(facts.get("predikat_program_3"), Some("sangat rendah"));
    assert_eq!(facts.get("predikat_kegiatan_1_1"), Some("sangat tinggi"));
}

#[test]
fn dates_outside_the_plan_years_warn() {
    let mut plan = flagship_json();
    plan["keputusan"]["tanggal"] = json!("2016-11-30");
    plan["penandatangan"]["tanggal"] = json!("2019-01-02");
    let found = diagnostics(&plan);
    let warning = with_code(&found, "tanggal.di_luar_tahun");
    assert_eq!(warning.len(), 1, "{found:#?}");
    assert_eq!(warning[0].message, "tanggal keputusan di luar tahun 2018–2019");
    assert_eq!(warning[0].found.as_deref(), Some("2016-11-30"));
    plan["identitas"]["tahun"] = json!(2023);
    let found = diagnostics(&plan);
    let outside = with_code(&found, "renstra.di_luar_periode");
    assert_eq!(outside.len(), 1);
    assert_eq!(outside[0].message, "tahun rencana di luar periode Renstra");
}

#[test]
fn a_letter_whose_capital_cannot_be_printed_is_refused_where_a_plain_accent_is_not() {
    // The signer's name prints in capitals: "ΐ" becomes Ι + U+0308 + U+0301, which no font
    // stacks; a decomposed "é" (e + U+0301) stays as written and prints.
    let mut plan = flagship_json();
    plan["penandatangan"]["nama"] = json!("H. RENDRA \u{390}");
    let found = diagnostics(&plan);
    let refused = with_code(&found, "teks.karakter_tidak_tersedia");
    assert_eq!(refused.len(), 1, "{found:#?}");
    assert_eq!(refused[0].path.as_deref(), Some("$.penandatangan.nama"));
    let mut plan = flagship_json();
    plan["penandatangan"]["nama"] = json!("H. Jose\u{301}");
    assert!(with_code(&diagnostics(&plan), "teks.karakter_tidak_tersedia").is_empty());
}
