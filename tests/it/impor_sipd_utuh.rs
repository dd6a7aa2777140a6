//! Real SIPD-RI exports in whole (issue 22): what SIPD produced imports (a code used twice, an
//! unpadded code), every problem in one run, numbers read exactly, limits that answer with a
//! located error, the unit's identity from the source. Fixtures are the shapes of real exports
//! built from `tests/fixtures/sipd-ri/` (the wp-sipd report template and its documented record).

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use rust_xlsxwriter::Workbook;

use renja::diagnostic::Diagnostic;
use renja::import::{self, OpsiImpor, sipd_ri};
use renja::plan::{Plan, Rencana, SubKegiatan};

use crate::support;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sipd-ri").join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn html(edits: &[(&str, &str)]) -> Vec<u8> {
    let mut text = String::from_utf8(read("laporan-renja-2027.xls")).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture holds {from}");
        text = text.replacen(from, to, 1);
    }
    text.into_bytes()
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics.iter().map(|d| format!("{}{}", if d.is_error() { "galat " } else { "" }, d.code)).collect()
}

fn subs<'r>(r: &'r Rencana, kode: &str) -> Vec<&'r SubKegiatan> {
    r.program.iter().flat_map(|p| &p.kegiatan).flat_map(|k| &k.sub_kegiatan).filter(|s| s.kode == kode).collect()
}

fn total(r: &Rencana) -> Decimal {
    r.program.iter().flat_map(|p| &p.kegiatan).flat_map(|k| &k.sub_kegiatan).filter_map(|s| s.pagu.map(|p| p.0)).sum()
}

/// The report's stated Jumlah (`nilai_penetapan` of the Jumlah row), read from the fixture's
/// text, not from the engine.
const JUMLAH: &str = "36156150000";

// ---------------------------------------------------------------------------------------------
// What SIPD produced imports whole

/// A report in the shape of the real one: one sub-kegiatan code twice (another lokasi and pagu)
/// and one code printed without its leading zeros. Both are warnings; the plan holds every row,
/// padded, and its total is the report's Jumlah.
#[test]
fn a_report_with_a_repeated_and_an_unpadded_code_imports_with_every_rupiah() {
    let bytes = html(&[(">1.03.01.2.01.0007<", ">1.03.01.2.01.0001<"), (">1.03.03.2.01.0016<", ">1.3.3.2.1.16<")]);
    let hasil = import::impor(&bytes, None).unwrap_or_else(|e| panic!("{e:#?}"));
    let found = codes(&hasil.catatan);
    assert!(found.contains(&"kode.ganda".to_owned()), "{found:?}");
    assert!(found.contains(&"kode.tanpa_nol".to_owned()), "{found:?}");
    assert!(
        !found.iter().any(|c| c.starts_with("galat ") && !c.ends_with("teks.templat") && !c.ends_with("teks.contoh")),
        "{found:?}"
    );
    let r = &hasil.plan.rencana;
    assert_eq!(subs(r, "1.03.01.2.01.0001").len(), 2);
    assert_eq!(subs(r, "1.03.03.2.01.0016").len(), 1, "the unpadded code is read padded");
    assert!(subs(r, "1.3.3.2.1.16").is_empty());
    assert_eq!(total(r), d(JUMLAH));
    // The warning shows both spellings.
    let pad = hasil.catatan.iter().find(|d| d.code == "kode.tanpa_nol").unwrap();
    assert_eq!(pad.found.as_deref(), Some("1.3.3.2.1.16"));
    assert!(pad.message.contains("1.03.03.2.01.0016"), "{}", pad.message);
    // check on the written plan: the repeated code is a warning naming both rows.
    let plan = renja::load::parse_str(&hasil.teks).unwrap();
    let computed = renja::compute::compute(&plan);
    let found = renja::check::check(&plan, &computed);
    let twice: Vec<_> = found.iter().filter(|d| d.code == "kode.ganda").collect();
    assert_eq!(twice.len(), 1, "{found:#?}");
    assert!(!twice[0].is_error());
    let both = twice[0].found.as_deref().unwrap();
    assert!(both.contains(".sub_kegiatan[0].kode") && both.contains(".sub_kegiatan["), "{both}");
    assert!(!found.iter().any(|d| d.code == "kode.duplikat"), "{found:#?}");
}

/// A repeated code, an unpadded code and a Jumlah that disagrees: all three in the first run,
/// the Jumlah error naming the stated figure.
#[test]
fn every_problem_of_a_report_comes_in_one_run() {
    let bytes = html(&[
        (">1.03.01.2.01.0007<", ">1.03.01.2.01.0001<"),
        (">1.03.03.2.01.0016<", ">1.3.3.2.1.16<"),
        ("\"nilai_penetapan\">36.156.150.000<", "\"nilai_penetapan\">36.156.000.000<"),
    ]);
    let all = import::impor(&bytes, None).unwrap_err();
    let found = codes(&all);
    for code in ["kode.ganda", "kode.tanpa_nol", "galat jumlah.tidak_sama"] {
        assert!(found.contains(&code.to_owned()), "{code} in {found:?}");
    }
    let jumlah = all.iter().find(|d| d.code == "jumlah.tidak_sama").unwrap();
    assert_eq!(jumlah.path.as_deref(), Some("Tabel!I34"));
    assert_eq!(jumlah.found.as_deref(), Some("36.156.000.000 (kurang 150.000)"));
}

/// `import --paksa` writes the plan of a report with an error, marked so that only a draft
/// builds from it; without it nothing is written.
#[test]
fn import_paksa_writes_a_plan_that_only_a_draft_builds_from() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("laporan.xls");
    std::fs::write(&source, html(&[("\"nilai_penetapan\">36.156.150.000<", "\"nilai_penetapan\">36.156.000.000<")]))
        .unwrap();
    let out = dir.path().join("plan.json");
    let refused = support::renja().arg("import").arg(&source).arg("-o").arg(&out).output().unwrap();
    assert_eq!(refused.status.code(), Some(1), "{}", support::stderr(&refused));
    assert!(!out.exists());
    let forced = support::renja().arg("import").arg(&source).arg("-o").arg(&out).arg("--paksa").output().unwrap();
    let stderr = support::stderr(&forced);
    assert_eq!(forced.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("galat[jumlah.tidak_sama]"), "{stderr}");
    let plan: Plan = renja::load::parse_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(plan.pengaturan.teks_templat.iter().any(|t| t == import::TANDA_GALAT_IMPOR));
    assert!(
        plan.rencana.program[0].catatan.contains("GALAT IMPOR: baris Jumlah"),
        "{}",
        plan.rencana.program[0].catatan
    );
    // The mark is template text: a final document is refused (final-only), a draft is not.
    let computed = renja::compute::compute(&plan);
    let found = renja::check::check(&plan, &computed);
    let mark =
        found.iter().find(|d| d.code == "teks.templat" && d.path.as_deref() == Some("$.rencana.program[0].catatan"));
    assert!(mark.is_some_and(|d| d.is_error() && d.final_only), "{found:#?}");
}

// ---------------------------------------------------------------------------------------------
// Numbers read exactly

fn sub_bl(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut v: serde_json::Value = serde_json::from_slice(&read("sub-bl-2023.json")).unwrap();
    edit(&mut v);
    serde_json::to_vec_pretty(&v).unwrap()
}

#[test]
fn json_number_targets_are_their_decimals() {
    let bytes = sub_bl(|v| {
        v[0]["output_sub_giat"][0]["target"] = serde_json::from_str("0.125").unwrap();
        v[1]["output_sub_giat"][0]["target"] = serde_json::from_str("1.275").unwrap();
        v[2]["output_sub_giat"][0]["target"] = "0.125".into();
        v[0]["capaian_prog"][0]["target"] = "1.275".into();
    });
    let r = sipd_ri::baca_json(Path::new("sub-bl.json"), &bytes).unwrap_or_else(|e| panic!("{e:#?}"));
    let target = |kode: &str| subs(&r.rencana, kode)[0].indikator[0].target.as_ref().unwrap().angka;
    assert_eq!(target("7.01.02.2.01.01"), d("1.275"), "a JSON number never goes through text");
    assert_eq!(target("7.01.02.2.01.02"), d("0.125"), "a leading 0 group is no thousands group");
    let shared = &r.rencana.program[0];
    assert_eq!(shared.kegiatan[0].sub_kegiatan[0].indikator[0].target.as_ref().unwrap().angka, d("0.125"));
    // Text "1.275" reads as thousands, with a located warning saying so.
    assert_eq!(shared.indikator[0].target.as_ref().unwrap().angka, d("1275"));
    let w = r.peringatan.iter().find(|w| w.code == "angka.ambigu").expect("a warning");
    assert!(w.path.as_deref().unwrap().starts_with("$[0].capaian_prog[0].target"), "{w:?}");
    assert!(w.found.as_deref().unwrap().contains("dibaca sebagai 1275"), "{w:?}");
}

#[test]
fn an_exponent_is_read_as_a_number_never_as_a_satuan() {
    let bytes = html(&[(">8 Km<", ">1e3 Km<")]);
    let r = sipd_ri::baca_laporan(Path::new("laporan.xls"), &bytes).unwrap_or_else(|e| panic!("{e:#?}"));
    let ind = r
        .rencana
        .program
        .iter()
        .flat_map(|p| &p.kegiatan)
        .flat_map(|k| &k.sub_kegiatan)
        .flat_map(|s| &s.indikator)
        .find(|i| i.target.as_ref().is_some_and(|t| t.angka == d("1000")))
        .expect("the target 1e3 read as 1000");
    assert_eq!(ind.satuan, "Km");
}

// ---------------------------------------------------------------------------------------------
// Bounded, located, never an abort

/// One far-away cell in an otherwise small `.xlsx`: refused from the zip and the cell addresses
/// before calamine lays the sheet out (it would ask for 17 billion cells).
#[test]
fn a_far_away_cell_in_an_xlsx_is_a_located_error() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Renja").unwrap();
    sheet.write_string(0, 0, "Kode").unwrap();
    sheet.write_string(0, 1, "Indikator").unwrap();
    sheet.write_string(0, 2, "Pagu Indikatif").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    assert!(bytes.len() < 64 * 1024);
    let e = import::baca(&bytes).unwrap_err();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].code, "sumber.terlalu_besar");
    assert_eq!(e[0].path.as_deref(), Some("Renja!XFD1048576"));
    assert_eq!(e[0].found.as_deref(), Some("1048576 baris × 16384 kolom = 17179869184 sel"));
    // The SIPD reader on its own answers the same.
    let e = sipd_ri::baca_laporan(Path::new("x.xlsx"), &bytes).unwrap_err();
    assert_eq!(e[0].path.as_deref(), Some("Renja!XFD1048576"));
}

#[test]
fn a_utf16_report_is_recognised_and_reads_as_the_utf8_one() {
    let utf8 = read("laporan-renja-2027.xls");
    let text = String::from_utf8(utf8.clone()).unwrap();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    assert!(sipd_ri::kenali(Path::new("x.xls"), &utf16).is_some());
    let a = sipd_ri::baca(Path::new("x.xls"), &utf8).unwrap();
    let b = sipd_ri::baca(Path::new("x.xls"), &utf16).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(serde_json::to_value(&a.rencana).unwrap(), serde_json::to_value(&b.rencana).unwrap());
}

// ---------------------------------------------------------------------------------------------
// Identity from the source

#[test]
fn a_new_plan_takes_the_pemda_and_unit_the_report_names() {
    let hasil = import::impor(&read("laporan-renja-2027.xls"), None).unwrap_or_else(|e| panic!("{e:#?}"));
    let id = &hasil.plan.identitas;
    // The title: "RENJA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG / TAHUN ANGGARAN 2027 KABUPATEN TEMANGGUNG".
    assert_eq!(id.pemda, "Kabupaten Temanggung");
    assert_eq!(id.kepala_daerah, "Bupati Temanggung");
    assert_eq!(id.perangkat_daerah.to_uppercase(), "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG");
    assert!(!hasil.teks.contains("Kabupaten Contoh\","), "the skeleton's pemda is gone from identitas");
}

#[test]
fn into_a_plan_of_another_unit_is_refused_unless_told() {
    let mut plan = import::kerangka(2027, None, renja::plan::Periode { awal: 2025, akhir: 2029 });
    plan.identitas.perangkat_daerah = "Dinas Pendidikan".into();
    let e = import::impor(&read("laporan-renja-2027.xls"), Some(&plan)).unwrap_err();
    let unit = e.iter().find(|d| d.code == "impor.unit_lain").expect("refused");
    assert_eq!(unit.expected.as_deref(), Some("\"Dinas Pendidikan\" (rencana tujuan --into)"));
    assert_eq!(unit.found.as_deref(), Some("\"DINAS PEKERJAAN UMUM DAN PENATAAN RUANG\" (sumber)"));
    let ok = import::impor_dengan(
        &read("laporan-renja-2027.xls"),
        Some(&plan),
        OpsiImpor { unit_berbeda: true, ..OpsiImpor::default() },
    );
    assert!(ok.is_ok(), "{:#?}", ok.err());
}

// ---------------------------------------------------------------------------------------------
// Nothing dropped

#[test]
fn every_distinct_capaian_is_kept_and_a_near_duplicate_warned() {
    let bytes = sub_bl(|v| {
        let extra =
            serde_json::json!({ "tolak_ukur": "Persentase Aplikasi dan Layanan", "target": "80", "satuan": "%" });
        let typo = serde_json::json!({ "tolak_ukur": "Persentase Aplikasidan Layanan", "target": "80", "satuan": "%" });
        v[1]["capaian_prog"].as_array_mut().unwrap().push(extra);
        v[2]["capaian_prog"].as_array_mut().unwrap().push(typo);
        // The kegiatan's hasil repeats its keluaran, as SIPD fills both lists.
        let keluaran = v[1]["output_giat"][0].clone();
        v[2]["hasil_giat"].as_array_mut().unwrap().push(keluaran);
    });
    let r = sipd_ri::baca_json(Path::new("sub-bl.json"), &bytes).unwrap_or_else(|e| panic!("{e:#?}"));
    let program = r.rencana.program.iter().find(|p| p.kode == "7.01.02").unwrap();
    let uraian: Vec<&str> = program.indikator.iter().map(|i| i.uraian.as_str()).collect();
    assert_eq!(uraian.len(), 5, "three from every record, one new in the second, one typo in the third: {uraian:?}");
    assert_eq!(uraian[3], "Persentase Aplikasi dan Layanan");
    assert_eq!(uraian[4], "Persentase Aplikasidan Layanan");
    let near: Vec<_> = r.peringatan.iter().filter(|w| w.code == "indikator.mirip").collect();
    assert_eq!(near.len(), 1, "{:#?}", r.peringatan);
    assert!(near[0].path.as_deref().unwrap().starts_with("$[2].capaian_prog[3]"), "{near:?}");
    let kegiatan = &program.kegiatan[0];
    let same = kegiatan.indikator.iter().filter(|i| i.uraian.starts_with("Jumlah laporan hasil koordinasi")).count();
    assert_eq!(same, 1, "a keluaran repeated as hasil is printed once: {:#?}", kegiatan.indikator);
}

// ---------------------------------------------------------------------------------------------
// Around import

/// `next-year` on a plan imported from SIPD: a single funding source moves with the pagu;
/// several are left to fill, each listed as a hole, so the new plan has no `dana.tidak_sama`.
#[test]
fn next_year_rolls_funding_sources_with_the_pagu() {
    let bytes = sub_bl(|v| {
        v[1]["dana"] = serde_json::json!([
            { "nama_dana": "DAU", "pagu_dana": "200000000" },
            { "nama_dana": "PAD", "pagu_dana": "96187500" }
        ]);
    });
    let hasil = import::impor(&bytes, None).unwrap_or_else(|e| panic!("{e:#?}"));
    let old = &hasil.plan;
    let next = renja::next_year::dari(old);
    let computed = renja::compute::compute(&next.plan);
    let found = renja::check::check(&next.plan, &computed);
    assert!(!found.iter().any(|d| d.code == "dana.tidak_sama"), "{found:#?}");
    // The record's own pagu_n_depan (47.500.000) is next year's pagu, and its one source's.
    let single = subs(&next.plan.rencana, "7.01.01.2.01.01")[0];
    assert_eq!(single.pagu.unwrap().0, d("47500000"));
    match &single.sumber_dana {
        renja::plan::SumberDana::Rincian(list) => assert_eq!(list[0].pagu.0, d("47500000")),
        other => panic!("{other:?}"),
    }
    let two = subs(&next.plan.rencana, "7.01.02.2.01.01")[0];
    assert_eq!(two.sumber_dana, renja::plan::SumberDana::Teks("DAU, PAD".into()));
    let hole = next.isian.iter().find(|h| h.path.ends_with(".sumber_dana")).expect("listed");
    assert!(hole.apa.contains("DAU Rp200.000.000") || hole.apa.contains("DAU 200.000.000"), "{}", hole.apa);
}

/// `tables` runs on a plan just imported, whose narrative is still the skeleton's template
/// text; `-o x.csv` for the per-table CSV files is refused with the directory to name instead.
#[test]
fn tables_run_before_the_narrative_is_written_and_csv_wants_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let imported =
        support::renja().arg("import").arg(fixture("laporan-renja-2027.xls")).arg("-o").arg(&plan).output().unwrap();
    assert_eq!(imported.status.code(), Some(0), "{}", support::stderr(&imported));
    let xlsx = dir.path().join("tabel.xlsx");
    let tables = support::renja().arg("tables").arg(&plan).arg("-o").arg(&xlsx).output().unwrap();
    assert_eq!(tables.status.code(), Some(0), "{}", support::stderr(&tables));
    assert!(xlsx.is_file());
    let named = dir.path().join("x.csv");
    let csv = support::renja().arg("tables").arg(&plan).args(["--format", "csv", "-o"]).arg(&named).output().unwrap();
    let stderr = support::stderr(&csv);
    assert_eq!(csv.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("bernama berkas .csv"), "{stderr}");
    assert!(stderr.contains(&format!("-o {}", dir.path().join("x").display())), "{stderr}");
    assert!(!named.exists(), "no directory named x.csv is made");
}

/// A report re-saved as `.xlsx` keeps a percent target as the number 1 with a `0%` format: it is
/// read as 100 with satuan %, as the `.xls` prints it ("100 %"), never as 1 without a satuan.
#[test]
fn a_percent_formatted_cell_keeps_its_percent() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let persen = rust_xlsxwriter::Format::new().set_num_format("0%");
    let persen_desimal = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    sheet.write_string(0, 0, "RENJA DINAS PEKERJAAN UMUM TAHUN ANGGARAN 2027").unwrap();
    let header = [
        "No",
        "Kode",
        "Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan",
        "Indikator",
        "Target",
        "Pagu Indikatif (Rp)",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, &str); 3] = [
        ("1.03.02", "Program Pengelolaan Sumber Daya Air", "Persentase irigasi dalam kondisi baik"),
        ("1.03.02.2.01", "Pengelolaan SDA dan Bangunan Pengaman Pantai", "Jumlah dokumen"),
        ("1.03.02.2.01.0001", "Penyusunan Pola Pengelolaan SDA", "Persentase layanan sesuai standar"),
    ];
    for (i, (kode, nama, indikator)) in rows.iter().enumerate() {
        let r = 2 + i as u32;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, *kode).unwrap();
        sheet.write_string(r, 2, *nama).unwrap();
        sheet.write_string(r, 3, *indikator).unwrap();
        sheet.write_number(r, 5, 500_000_000.0).unwrap();
    }
    sheet.write_number_with_format(2, 4, 1.0, &persen).unwrap();
    sheet.write_string(3, 4, "12 Dokumen").unwrap();
    sheet.write_number_with_format(4, 4, 0.905, &persen_desimal).unwrap();
    sheet.write_string(5, 0, "JUMLAH").unwrap();
    sheet.write_number(5, 5, 500_000_000.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let r = sipd_ri::baca_laporan(Path::new("renja.xlsx"), &bytes).unwrap_or_else(|e| panic!("{e:#?}"));
    let program = &r.rencana.program[0];
    assert_eq!(program.indikator[0].target.as_ref().unwrap().angka, d("100"));
    assert_eq!(program.indikator[0].satuan, "%");
    let kegiatan = &program.kegiatan[0];
    assert_eq!(kegiatan.indikator[0].target.as_ref().unwrap().angka, d("12"));
    assert_eq!(kegiatan.indikator[0].satuan, "Dokumen");
    let sub = &kegiatan.sub_kegiatan[0];
    assert_eq!(sub.indikator[0].target.as_ref().unwrap().angka, d("90.5"));
    assert_eq!(sub.indikator[0].satuan, "%");
    assert_eq!(sub.pagu.unwrap().0, d("500000000"), "a plain number cell stays a number");
}

/// The cell cap counts every table of a file together: ten tables of 3.999.000 cells each
/// (each under the cap alone) are refused at the second, naming it.
#[test]
fn the_html_cell_cap_is_per_file() {
    let one = "<table><tr><td>Kode</td><td rowspan=3999 colspan=1000>Indikator Pagu</td></tr></table>";
    let html = one.repeat(10);
    let e = sipd_ri::baca_laporan(Path::new("laporan.xls"), html.as_bytes()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].code, "sumber.rusak");
    assert_eq!(
        e[0].found.as_deref(),
        Some("tabel ke-2 baris 1: tabel-tabel berkas ini melebihi 4000000 sel (rowspan dan colspan dihitung)")
    );
}

/// Tables nested 20.000 deep (1 MB) are refused in one pass over the text, before a browser-like
/// layout that would take quadratic time and gigabytes.
#[test]
fn deeply_nested_tables_are_refused_before_layout() {
    let mut html = String::from("<html><body>\n");
    for _ in 0..20_000 {
        html.push_str("<table><tr><td>");
    }
    let e = sipd_ri::baca_laporan(Path::new("laporan.xls"), html.as_bytes()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].found.as_deref(),
        Some("tabel bersarang 17 tingkat di baris 2, lebih dari 16 tingkat yang diterima")
    );
}

/// A plan holding one sub-kegiatan code twice goes through the input workbook and back
/// unchanged: the rows are told apart by their position, not their code.
#[test]
fn a_repeated_code_survives_the_input_workbook() {
    let bytes = html(&[(">1.03.01.2.01.0007<", ">1.03.01.2.01.0001<")]);
    let hasil = import::impor(&bytes, None).unwrap_or_else(|e| panic!("{e:#?}"));
    let plan = hasil.plan;
    let isian = renja::workbook::susun(Some(&plan), false).unwrap();
    let tanggal = renja::tanggal::DocumentDate { year: 2026, month: 1, day: 1 };
    let buku = renja::workbook::buku_kerja(&isian, tanggal).unwrap();
    let back = import::impor(&buku, Some(&plan)).unwrap_or_else(|e| panic!("{e:#?}"));
    assert_eq!(subs(&back.plan.rencana, "1.03.01.2.01.0001").len(), 2);
    assert_eq!(
        serde_json::to_value(&back.plan.rencana).unwrap(),
        serde_json::to_value(&plan.rencana).unwrap(),
        "the tree comes back as it went"
    );
}
