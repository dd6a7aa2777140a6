//! `renja tables`: the workbook's derived cells are live formulas whose cached results are the
//! engine's figures; CSV and JSON carry the reference's figures.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Range, Reader, Xlsx, open_workbook_from_rs};
use renja::compute::{Computed, Rasio};
use renja::load::LoadedPlan;
use renja::tabel::{self as tables, InfoBuku, TIDAK_FINAL};
use renja::typeset::DocumentDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::support::{EXAMPLE, FLAGSHIP, FLAGSHIP_PDF, all_text, example_path, flagship_json, flagship_path};
use crate::support::{renja, stderr};

const SHEETS: [&str; 6] = ["Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Tabel 2.4", "Tabel 3.1", "Tabel 4.1"];

fn xlsx_bytes(loaded: &LoadedPlan, computed: &Computed) -> Vec<u8> {
    let tabel = tables::semua(&loaded.plan, computed);
    let info = InfoBuku::of(&loaded.plan, DocumentDate { year: 2018, month: 11, day: 30 }, true);
    tables::xlsx(&tabel, &info).unwrap()
}

/// One sheet read back: cached values and formulas, by absolute (row, column).
struct Lembar {
    values: Range<Data>,
    formulas: Range<String>,
}

impl Lembar {
    fn value(&self, row: u32, col: u32) -> Data {
        self.values.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    fn number(&self, row: u32, col: u32) -> f64 {
        match self.value(row, col) {
            Data::Float(v) => v,
            Data::Int(v) => v as f64,
            other => panic!("({row}, {col}) is not a number: {other:?}"),
        }
    }

    fn text(&self, row: u32, col: u32) -> String {
        match self.value(row, col) {
            Data::String(s) => s,
            Data::Empty => String::new(),
            other => other.to_string(),
        }
    }

    fn formula(&self, row: u32, col: u32) -> String {
        self.formulas.get_value((row, col)).cloned().unwrap_or_default()
    }

    /// The first row whose cell in `col` equals `text`.
    fn row(&self, col: u32, text: &str) -> u32 {
        self.rows_where(col, |t| t == text).first().copied().unwrap_or_else(|| panic!("no row with {text:?}"))
    }

    fn rows_where(&self, col: u32, pred: impl Fn(&str) -> bool) -> Vec<u32> {
        let (start, end) = (self.values.start().unwrap(), self.values.end().unwrap());
        (start.0..=end.0).filter(|&r| pred(&self.text(r, col))).collect()
    }
}

fn open(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes)).expect("the workbook opens")
}

fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Lembar {
    Lembar { values: book.worksheet_range(name).unwrap(), formulas: book.worksheet_formula(name).unwrap() }
}

/// A rate as the workbook stores it: a fraction.
fn fraction(rate: Rasio) -> Option<f64> {
    rate.nilai().map(|v| (v / Decimal::ONE_HUNDRED).to_f64().unwrap())
}

fn cell(row: u32, col: &str) -> String {
    format!("{col}{}", row + 1)
}

#[test]
fn xlsx_has_one_sheet_per_table_with_the_pdf_header() {
    let (loaded, computed) = &*FLAGSHIP;
    let mut book = open(xlsx_bytes(loaded, computed));
    assert_eq!(book.sheet_names(), SHEETS);
    let s = sheet(&mut book, "Tabel 2.1");
    assert_eq!(s.text(0, 0), "Tabel 2.1");
    // Captions and headers take their years from identitas.tahun (2019) and the Renstra period.
    assert!(s.text(1, 0).ends_with("s/d Tahun 2018"), "{}", s.text(1, 0));
    let merges = book.merge_cells_by_sheet_name("Tabel 2.1").unwrap();
    let group = s.row(0, "No.");
    let spans: Vec<_> = merges.iter().filter(|d| d.start.0 == group).map(|d| (d.start, d.end)).collect();
    // "No." spans two rows; "Target & Realisasi … Tahun 2017" spans columns 5–7 (F:H).
    assert!(spans.contains(&((group, 0), (group + 1, 0))), "{spans:?}");
    assert!(spans.contains(&((group, 5), (group, 7))), "{spans:?}");
    assert_eq!(s.text(group, 5), "Target & Realisasi Kinerja Program dan Keluaran Kegiatan Tahun 2017");
    assert_eq!(s.text(group, 3), "Target Capaian Kinerja Renstra PD Tahun 2021 (akhir periode Renstra PD)");
    assert_eq!(s.text(group + 2, 7), "8 = (7/6)");
    // Tabel 2.4 of the flagship is empty: NIHIL across the table.
    let s = sheet(&mut book, "Tabel 2.4");
    assert_eq!(s.rows_where(0, |t| t == "NIHIL").len(), 1);
}

#[test]
fn xlsx_tabel_2_1_derived_columns_are_formulas_with_the_engines_results() {
    let (loaded, computed) = &*FLAGSHIP;
    let mut book = open(xlsx_bytes(loaded, computed));
    let s = sheet(&mut book, "Tabel 2.1");

    // The reference's 94% row: 1200 of 1275 Surat.
    let r = s.row(1, "Penyediaan Jasa Surat Menyurat");
    let (f, g) = (cell(r, "F"), cell(r, "G"));
    assert_eq!(s.formula(r, 7), format!("IF(AND(ISNUMBER({g}),N({f})<>0),{g}/{f},\"-\")"));
    assert_eq!(s.number(r, 7), fraction(computed.evaluasi[0].kegiatan[0].baris.tingkat_realisasi).unwrap());
    assert!((s.number(r, 7) - 1200.0 / 1275.0).abs() < 1e-12);
    // Column 10 = 5+7+9 = 3715, column 11 = 10/4 = 47%.
    assert!(s.formula(r, 9).contains(&format!("{}+{}+{}", cell(r, "E"), g, cell(r, "I"))), "{}", s.formula(r, 9));
    assert_eq!(s.number(r, 9), 3715.0);
    assert_eq!(
        s.formula(r, 10),
        format!("IF(AND(ISNUMBER({j}),N({d})<>0),{j}/{d},\"-\")", j = cell(r, "J"), d = cell(r, "D"))
    );
    assert!((s.number(r, 10) - 3715.0 / 7875.0).abs() < 1e-12);

    // A program's column 8 is the mean of its kegiatan's; its level indicator has no column 11.
    let p = s.row(1, "Program Peningkatan Administrasi Perkantoran");
    assert_eq!(p + 1, r);
    let range = format!("{}:{}", cell(p + 1, "H"), cell(p + 10, "H"));
    assert_eq!(s.formula(p, 7), format!("IF(COUNT({range})=0,\"-\",AVERAGE({range}))"));
    assert_eq!(s.number(p, 7), fraction(computed.evaluasi[0].program.tingkat_realisasi).unwrap());
    assert!(s.formula(p, 9).starts_with("IF(ISNUMBER("), "{}", s.formula(p, 9));
    assert_eq!(s.number(p, 9), 100.0);
    assert_eq!(s.value(p, 10), Data::Empty);

    // Every one of the 21 rows: column 8 a formula whose cached value is the engine's.
    let rows = s.rows_where(2, |t| t.starts_with("Outcome : ") || t.starts_with("Output : "));
    let engine: Vec<Rasio> = computed
        .evaluasi
        .iter()
        .flat_map(|p| {
            std::iter::once(p.program.tingkat_realisasi).chain(p.kegiatan.iter().map(|k| k.baris.tingkat_realisasi))
        })
        .collect();
    assert_eq!(rows.len(), 21);
    for (row, rate) in rows.iter().zip(engine) {
        assert!(!s.formula(*row, 7).is_empty(), "row {row} has no formula");
        assert_eq!(Some(s.number(*row, 7)), fraction(rate), "row {row}");
    }
}

#[test]
fn xlsx_pagu_of_programs_and_jumlah_are_sums() {
    let (loaded, computed) = &*FLAGSHIP;
    let mut book = open(xlsx_bytes(loaded, computed));

    for name in ["Tabel 3.1", "Tabel 4.1"] {
        let s = sheet(&mut book, name);
        let p = s.row(1, "Program Pelayanan Administrasi Perkantoran");
        assert_eq!(s.formula(p, 5), format!("SUM({}:{})", cell(p + 1, "F"), cell(p + 10, "F")), "{name}");
        assert_eq!(s.number(p, 5), 346_523_000.0, "{name}");
        let programs = s.rows_where(0, |t| t.matches('.').count() == 2);
        assert_eq!(programs.len(), 4, "{name}");
        for (row, pagu) in programs.iter().zip(&computed.program) {
            assert!(s.formula(*row, 5).starts_with("SUM("), "{name} row {row}");
            assert_eq!(s.number(*row, 5), pagu.pagu.pagu.to_f64().unwrap(), "{name} row {row}");
        }
        let j = s.row(0, "JUMLAH");
        let sum: Vec<String> = programs.iter().map(|r| cell(*r, "F")).collect();
        assert_eq!(s.formula(j, 5), format!("SUM({})", sum.join(",")), "{name}");
        assert_eq!(s.number(j, 5), 1_073_384_000.0, "{name}");
        if name == "Tabel 3.1" {
            assert!(s.formula(j, 9).contains("SUM("), "{}", s.formula(j, 9));
            assert_eq!(s.number(j, 9), 1_435_410_925.0);
        }
    }

    let s = sheet(&mut book, "Tabel 2.3");
    let j = s.row(0, "JUMLAH DANA");
    // The RKPD side may lack a pagu: its totals are "-" when no row has one, else the sum.
    assert!(s.formula(j, 5).starts_with("IF(COUNT(") && s.formula(j, 5).contains(",SUM("), "{}", s.formula(j, 5));
    assert_eq!(s.number(j, 5), 1_304_919_050.0);
    assert_eq!(s.number(j, 10), 1_073_384_000.0);
    let p = s.row(1, "Program Pelayanan Administrasi Perkantoran");
    let range = format!("{}:{}", cell(p + 1, "F"), cell(p + 10, "F"));
    assert_eq!(s.formula(p, 5), format!("IF(COUNT({range})=0,\"-\",SUM({range}))"));
    assert_eq!(s.number(p, 5), 421_268_250.0);
}

/// The model is built apart from the PDF's rows (render.rs): every figure and every caption it
/// holds must be one the PDF prints, so the two cannot drift apart unnoticed.
#[test]
fn every_figure_and_caption_of_the_model_is_printed_in_the_pdf() {
    use renja::format;
    use renja::tabel::Isi;
    let (loaded, computed) = &*FLAGSHIP;
    // Typst may break a line inside a cell; compare without line breaks.
    let text = all_text(&FLAGSHIP_PDF).split_whitespace().collect::<Vec<_>>().join(" ");
    let desimal = loaded.plan.pengaturan.desimal_persen;
    let mut checked = 0;
    for tabel in tables::semua(&loaded.plan, computed) {
        for line in &tabel.judul {
            assert!(text.contains(line.as_str()), "Tabel {}: caption {line:?} not in the PDF", tabel.nomor);
        }
        for baris in &tabel.baris {
            for sel in &baris.sel {
                let printed = match &sel.isi {
                    Isi::Angka(v) | Isi::Rupiah(v) => format::angka(*v),
                    Isi::Persen(v) => format::persen(*v, desimal),
                    _ => continue,
                };
                assert!(text.contains(&printed), "Tabel {}: {printed} not in the PDF", tabel.nomor);
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "{checked}");
}

#[test]
fn xlsx_is_reproducible() {
    let (loaded, computed) = &*FLAGSHIP;
    assert_eq!(xlsx_bytes(loaded, computed), xlsx_bytes(loaded, computed));
}

#[test]
fn example_exports_negative_polarity_zero_target_and_one_decimal() {
    let (loaded, computed) = &*EXAMPLE;
    let mut book = open(xlsx_bytes(loaded, computed));
    assert_eq!(book.sheet_names(), SHEETS);
    let s = sheet(&mut book, "Tabel 2.1");

    // Lower is better: target/realisasi, F/G.
    let r = s.row(1, "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota");
    let (f, g) = (cell(r, "F"), cell(r, "G"));
    assert_eq!(s.formula(r, 7), format!("IF(AND(ISNUMBER({f}),N({g})<>0),{f}/{g},\"-\")"));
    assert!((s.number(r, 7) - 7.8 / 8.4).abs() < 1e-12);

    // A zero target: undefined, "-" in the cache as in the PDF, never 0% or 100%.
    let r = s.row(1, "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota");
    assert!(!s.formula(r, 7).is_empty());
    assert_eq!(s.value(r, 7), Data::String("-".into()));

    // A missing year adds nothing: 5 is empty, 10 = 7+9.
    let r = s.row(1, "Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi");
    assert_eq!(s.value(r, 4), Data::Empty);
    assert!(s.formula(r, 9).contains('+'));
    let kegiatan = &computed.evaluasi[1].kegiatan[2].baris;
    assert_eq!(s.number(r, 9), kegiatan.realisasi_sd_n1.unwrap().to_f64().unwrap());

    // Every program's pagu and the JUMLAH of Tabel 4.1.
    let s = sheet(&mut book, "Tabel 4.1");
    let j = s.row(0, "JUMLAH");
    assert_eq!(s.number(j, 5), computed.jumlah.pagu.to_f64().unwrap());
}

fn csv_files(plan: &Path, dir: &Path) -> Vec<(String, String)> {
    let output = renja().arg("tables").arg(plan).args(["--format", "csv", "-o"]).arg(dir).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names.into_iter().map(|n| (n.clone(), std::fs::read_to_string(dir.join(&n)).unwrap())).collect()
}

fn csv_line<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line with {needle:?}"))
}

#[test]
fn csv_has_one_file_per_table_with_the_reference_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    let files = csv_files(&flagship_path(), &out);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "plan-tabel-2.1.csv",
            "plan-tabel-2.2.csv",
            "plan-tabel-2.3.csv",
            "plan-tabel-2.4.csv",
            "plan-tabel-3.1.csv",
            "plan-tabel-4.1.csv"
        ]
    );
    let text = |n: &str| &files.iter().find(|(name, _)| name == n).unwrap().1;

    let t21 = text("plan-tabel-2.1.csv");
    assert!(t21.starts_with("Jenis,No.,"), "{t21}");
    assert!(t21.contains("\r\n"));
    // Columns 4..11, the predikat of column 8 (94% > 90: sangat tinggi), then Satuan:
    // 7875, 1215, 1275, 1200, 94%, 1300, 3715, 47%.
    let row = csv_line(t21, "Penyediaan Jasa Surat Menyurat");
    assert!(row.starts_with("kegiatan,1,"), "{row}");
    assert!(row.ends_with(",7875,1215,1275,1200,94,1300,3715,47,Sangat Tinggi,Buah"), "{row}");
    let row = csv_line(t21, "Program Peningkatan Administrasi Perkantoran");
    assert!(row.ends_with(",100,,100,100,99,100,100,,Sangat Tinggi,%"), "{row}");

    let t31 = text("plan-tabel-3.1.csv");
    let jumlah = csv_line(t31, "JUMLAH");
    assert_eq!(jumlah, "jumlah,JUMLAH,,,,,1073384000,,,,1435410925,");
    assert!(csv_line(t31, "Program Pelayanan Administrasi Perkantoran").contains(",346523000,"));
    assert!(csv_line(text("plan-tabel-2.3.csv"), "JUMLAH DANA").contains(",1304919050,"));
    assert!(csv_line(text("plan-tabel-4.1.csv"), "JUMLAH").contains(",1073384000,"));
    assert!(text("plan-tabel-2.4.csv").contains("nihil,NIHIL,"));
    // Tabel 2.2: one line per unit, the indicator repeated.
    let t22 = text("plan-tabel-2.2.csv");
    let lines: Vec<&str> = t22.lines().filter(|l| l.contains("Persentase Peningkatan Kuantitas")).collect();
    assert_eq!(lines.len(), 2, "{t22}");
    assert!(lines[0].ends_with(",%") && lines[1].ends_with(",Dokumen Kerja Sama"), "{lines:?}");
}

#[test]
fn json_carries_every_table_with_its_derived_columns() {
    // Default output beside the plan: NAMA.tabel.json (NAMA.json is the plan itself).
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(flagship_path(), dir.path().join("plan.json")).unwrap();
    let output = renja().current_dir(dir.path()).args(["tables", "--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("plan.json → plan.tabel.json: 6 tabel"), "{}", stderr(&output));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("plan.tabel.json")).unwrap()).unwrap();
    assert_eq!(doc["final"], true);
    let tabel = doc["tabel"].as_array().unwrap();
    let nomor: Vec<&str> = tabel.iter().map(|t| t["nomor"].as_str().unwrap()).collect();
    assert_eq!(nomor, ["2.1", "2.2", "2.3", "2.4", "3.1", "4.1"]);

    let t21 = &tabel[0];
    let derived: Vec<&str> = t21["kolom"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["turunan"] == true)
        .map(|k| k["kunci"].as_str().unwrap())
        .collect();
    assert_eq!(derived, ["tingkat_realisasi", "realisasi_sd_n1", "capaian_renstra", "predikat"]);
    let row = t21["baris"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["sel"]["program_kegiatan"] == "Penyediaan Jasa Surat Menyurat")
        .unwrap();
    assert_eq!(row["jenis"], "kegiatan");
    assert_eq!(row["satuan"], "Buah");
    assert!(row["sel"]["tingkat_realisasi"].as_str().unwrap().starts_with("94.117647058823529411764705"));
    assert_eq!(row["sel"]["realisasi_sd_n1"], "3715");
    assert!(row["sel"]["capaian_renstra"].as_str().unwrap().starts_with("47.17"));
    // Cells come in column order.
    let keys: Vec<&String> = row["sel"].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 12);
    assert_eq!(row["sel"]["predikat"], "Sangat Tinggi");

    let jumlah = |t: &serde_json::Value| t["baris"].as_array().unwrap().last().unwrap()["sel"].clone();
    assert_eq!(jumlah(&tabel[4])["pagu"], "1073384000");
    assert_eq!(jumlah(&tabel[4])["pagu_maju"], "1435410925");
    assert_eq!(jumlah(&tabel[5])["pagu"], "1073384000");
    assert_eq!(jumlah(&tabel[2])["pagu_rkpd"], "1304919050");
    assert_eq!(jumlah(&tabel[2])["pagu_analisis"], "1073384000");
}

#[test]
fn example_exports_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let files = csv_files(&example_path(), &dir.path().join("csv"));
    assert_eq!(files.len(), 6);
    let t21 = &files[0].1;
    // One decimal, negative polarity: 7.8/8.4 = 92.857…% prints 92.9; a zero target prints "-".
    let row = csv_line(t21, "Rujukan Tingkat Daerah");
    assert!(row.contains(",7.8,8.4,92.9,"), "{row}");
    let row = csv_line(t21, "Kewenangan Daerah Kabupaten/Kota");
    assert!(row.contains(",0,0,-,"), "{row}");

    let json = dir.path().join("tabel.json");
    let output =
        renja().arg("tables").arg(example_path()).args(["--format", "json", "-o"]).arg(&json).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["desimal_persen"], 1);
    assert_eq!(doc["tabel"].as_array().unwrap().len(), 6);

    let xlsx = dir.path().join("tabel.xlsx");
    let output = renja().arg("tables").arg(example_path()).arg("-o").arg(&xlsx).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut book = open(std::fs::read(&xlsx).unwrap());
    assert_eq!(book.sheet_names(), SHEETS);
    let (_, computed) = &*EXAMPLE;
    let s = sheet(&mut book, "Tabel 3.1");
    assert_eq!(s.number(s.row(0, "JUMLAH"), 5), computed.jumlah.pagu.to_f64().unwrap());
}

/// The flagship with a duplicate kode: a check error.
fn plan_with_error(dir: &Path) -> PathBuf {
    let mut plan = flagship_json();
    plan["rencana"]["program"][0]["kegiatan"][1]["kode"] = "4.5.1.1".into();
    let path = dir.join("plan.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    path
}

#[test]
fn plan_with_errors_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_with_error(dir.path());
    let out = dir.path().join("plan.xlsx");
    std::fs::write(&out, b"old").unwrap();
    let output = renja().arg("tables").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("galat[kode.duplikat]"), "{err}");
    assert!(err.contains("plan.json:"), "{err}");
    assert!(err.contains("--paksa"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), b"old", "a refused export leaves the old file");

    let output = renja().arg("tables").arg(&plan).arg("--paksa").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("TIDAK FINAL"), "{}", stderr(&output));
    let mut book = open(std::fs::read(&out).unwrap());
    let s = sheet(&mut book, "Tabel 2.1");
    assert_eq!(s.rows_where(0, |t| t == TIDAK_FINAL).len(), 1);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn unreadable_and_invalid_plans_exit_two_and_one() {
    let dir = tempfile::tempdir().unwrap();
    let output = renja().current_dir(dir.path()).arg("tables").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`plan.json` tidak dapat dibaca"), "{}", stderr(&output));

    let plan = dir.path().join("p.json");
    std::fs::write(&plan, "{\n  \"identitas\": {\n    \"pemda\": \"x\",\n  }\n}\n").unwrap();
    let output = renja().arg("tables").arg(&plan).args(["--format", "json"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("p.json:4:3"), "{}", stderr(&output));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "nothing is written");

    // The plan itself is never the output.
    let output = renja().arg("tables").arg(&plan).args(["--format", "json", "-o"]).arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("sama dengan berkas rencana"), "{}", stderr(&output));
}

#[test]
fn default_format_is_xlsx_beside_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(flagship_path(), dir.path().join("plan.json")).unwrap();
    let output = renja().current_dir(dir.path()).arg("tables").output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut book = open(std::fs::read(dir.path().join("plan.xlsx")).unwrap());
    let s = sheet(&mut book, "Tabel 4.1");
    let j = s.row(0, "JUMLAH");
    assert!(s.formula(j, 5).starts_with("SUM("));
    assert_eq!(s.number(j, 5), 1_073_384_000.0);
}

#[test]
fn a_tables_header_is_written_in_exactly_one_file() {
    let needle = "Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan";
    let mut found = Vec::new();
    let mut dirs = vec![crate::support::root().join("src"), crate::support::root().join("templates")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if std::fs::read_to_string(&path).is_ok_and(|text| text.contains(needle)) {
                found.push(path);
            }
        }
    }
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].ends_with("src/tabel/susun/evaluasi.rs"), "{found:?}");
}

#[test]
fn csv_for_an_indonesian_excel_uses_semicolons_decimal_commas_and_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    let mut plan: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(flagship_path()).unwrap()).unwrap();
    plan["pengaturan"]["desimal_persen"] = 1.into();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let out = dir.path().join("csv");
    let output = renja()
        .arg("tables")
        .arg(&path)
        .args(["--format", "csv", "--excel-indonesia", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let t21 = std::fs::read_to_string(out.join("plan-tabel-2.1.csv")).unwrap();
    assert!(t21.starts_with("\u{FEFF}Jenis;No.;"), "{t21}");
    // Columns 4..11: 7875, 1215, 1275, 1200, 94,1% (1200/1275), 1300, 3715, 47,2% (3715/7875).
    let row = csv_line(&t21, "Penyediaan Jasa Surat Menyurat");
    assert!(row.ends_with(";7875;1215;1275;1200;94,1;1300;3715;47,2;Sangat Tinggi;Buah"), "{row}");
}

/// Sub-kegiatan → kegiatan → program → JUMLAH: every level above the sub-kegiatan is a live SUM
/// whose cached result is the engine's, in Tabel 3.1 and the SIPD-RI Tabel 4.1.
#[test]
fn xlsx_sums_run_over_three_levels() {
    let loaded =
        crate::support::load(&crate::support::root().join("examples/dinas-pupr-kabupaten-temanggung-2027.json"));
    let computed = renja::compute::compute(&loaded.plan);
    let mut book = open(xlsx_bytes(&loaded, &computed));
    // (sheet, kode column, pagu column)
    for (name, kode, pagu) in [("Tabel 3.1", 0, 5), ("Tabel 4.1", 1, 8)] {
        let s = sheet(&mut book, name);
        let total = |row: u32| -> f64 {
            // Evaluates a SUM of single cells and ranges over the sheet's cached values.
            let formula = s.formula(row, pagu);
            let inner = formula
                .strip_prefix("SUM(")
                .and_then(|f| f.strip_suffix(')'))
                .unwrap_or_else(|| panic!("{name}: {formula}"));
            let at = |c: &str| c.trim_start_matches(char::is_alphabetic).parse::<u32>().unwrap() - 1;
            inner
                .split(',')
                .map(|part| match part.split_once(':') {
                    Some((a, b)) => (at(a)..=at(b))
                        .map(|r| s.value(r, pagu))
                        .map(|v| if let Data::Float(f) = v { f } else { 0.0 })
                        .sum(),
                    None => s.number(at(part), pagu),
                })
                .sum()
        };
        let kegiatan = s.row(kode, "1.03.02.2.02");
        assert_eq!(s.number(kegiatan, pagu), 10_134_500_000.0, "{name}");
        assert_eq!(total(kegiatan), 10_134_500_000.0, "{name}: {}", s.formula(kegiatan, pagu));
        let program = s.row(kode, "1.03.02");
        assert_eq!(total(program), 12_969_500_000.0, "{name}: {}", s.formula(program, pagu));
        let sub = s.row(kode, "1.03.02.2.02.0003");
        assert!(s.formula(sub, pagu).is_empty(), "a sub-kegiatan's pagu is source data");
        let jumlah = s.rows_where(0, |t| t.eq_ignore_ascii_case("jumlah"))[0];
        assert_eq!(total(jumlah), 104_805_250_000.0, "{name}");
    }
}

#[test]
fn a_total_over_rows_without_rkpd_pagu_prints_a_dash_and_the_rows_are_named() {
    let mut plan = flagship_json();
    for kegiatan in plan["rencana"]["program"][0]["kegiatan"].as_array_mut().unwrap() {
        kegiatan.as_object_mut().unwrap().remove("rkpd");
    }
    let loaded = crate::support::reparse(&plan);
    let computed = renja::compute::compute(&loaded.plan);
    // Program 1 has no RKPD pagu at all; JUMLAH DANA adds the other three programs:
    // 113.371.450 + 11.000.000 + 759.279.350 (the reference's Tabel 2.3).
    assert_eq!(computed.program[0].pagu.pagu_rkpd, None);
    assert_eq!(computed.jumlah.pagu_rkpd, Some(Decimal::from(883_650_800)));
    let tabel = &tables::semua(&loaded.plan, &computed)[2];
    let typst = tables::typst::TabelTypst::of(tabel, renja::plan::Kertas::A4);
    let row = |jenis: &str, i: usize| {
        typst
            .baris()
            .iter()
            .filter(|b| b.jenis == jenis)
            .nth(i)
            .map(|b| b.sel.iter().map(|s| s.teks.clone()).collect::<Vec<_>>())
    };
    let program = row("program", 0).unwrap();
    assert_eq!(program[5], "-", "{program:?}");
    assert!(row("jumlah", 0).unwrap().contains(&"883.650.800".to_owned()));
    // Every kegiatan without one is named, since the totals leave it out.
    let diagnostics = renja::check::check(&loaded.plan, &computed);
    let named: Vec<&str> =
        diagnostics.iter().filter(|d| d.code == "rkpd.kosong").filter_map(|d| d.path.as_deref()).collect();
    assert_eq!(named.len(), plan["rencana"]["program"][0]["kegiatan"].as_array().unwrap().len());
    assert_eq!(named[0], "$.rencana.program[0].kegiatan[0]");
}

#[test]
fn a_missing_realisation_prints_its_reason_and_the_mean_names_what_it_leaves_out() {
    let mut plan = flagship_json();
    let indikator = &mut plan["evaluasi"]["program"][1]["kegiatan"][0]["indikator"];
    indikator.as_object_mut().unwrap().remove("realisasi_n2");
    indikator["keterangan"] = serde_json::json!("tidak dilaksanakan");
    let loaded = crate::support::reparse(&plan);
    let computed = renja::compute::compute(&loaded.plan);
    // The reason excuses the row in a final document…
    let diagnostics = renja::check::check(&loaded.plan, &computed);
    assert!(!diagnostics.iter().any(|d| d.is_error()), "{diagnostics:#?}");
    // …stands in column 7, and the footnote names the row the program's mean leaves out.
    let text = all_text(&crate::support::build_plan(&loaded));
    // Column 7 is narrow: the reason may wrap there.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("tidak dilaksanakan"), "no reason in Tabel 2.1");
    assert!(flat.contains("dengan target nol): II.1."), "no footnote naming II.1");
}

#[test]
fn the_predikat_is_a_live_formula_in_the_workbook_and_printed_only_when_asked() {
    // The workbook: column 12 of Tabel 2.1 classifies column 8 with the engine's bands.
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx_bytes(&FLAGSHIP.0, &FLAGSHIP.1))).unwrap();
    let s = sheet(&mut book, "Tabel 2.1");
    let r = s.row(1, "Penyediaan Jasa Surat Menyurat");
    let formula = s.formula(r, 11);
    assert!(formula.starts_with("IF(ISNUMBER(") && formula.contains("<=0.9,\"Tinggi\",\"Sangat Tinggi\""), "{formula}");
    // The PDF: no Predikat column by default (the reference has none), one when asked.
    assert!(!all_text(&FLAGSHIP_PDF).contains("Predikat"));
    let mut plan = flagship_json();
    plan["pengaturan"]["predikat_di_pdf"] = serde_json::json!(true);
    let built = crate::support::build_plan(&crate::support::reparse(&plan));
    // The column is narrow: "Sangat Tinggi" may wrap.
    let text = all_text(&built).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Predikat") && text.contains("Sangat Tinggi"), "no predikat column");
}

/// Split one CSV record (RFC 4180 quoting) into its fields.
fn csv_fields(line: &str, pemisah: char) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            '"' => quoted = !quoted,
            c if c == pemisah && !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

/// Plan text that would start a spreadsheet formula (CSV injection) is written as text, with a
/// leading apostrophe, in both dialects; numbers, negative ones included, stay numbers.
#[test]
fn csv_cells_never_start_a_formula() {
    let dir = tempfile::tempdir().unwrap();
    let hyperlink = "=HYPERLINK(\"http://contoh.invalid/x\",\"klik\")";
    let dde = "=cmd|' /C calc'!A0";
    let mut plan = flagship_json();
    plan["rencana"]["program"][0]["kegiatan"][0]["lokasi"] = hyperlink.into();
    plan["rencana"]["program"][0]["kegiatan"][1]["lokasi"] = dde.into();
    plan["rencana"]["program"][0]["kegiatan"][2]["lokasi"] = "+62 341 1234".into();
    plan["rencana"]["program"][0]["kegiatan"][3]["lokasi"] = "@Kepanjen".into();
    plan["rencana"]["program"][1]["kegiatan"][0]["lokasi"] = "-Kepanjen".into();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    for (gaya, pemisah) in [(None, ','), (Some("--excel-indonesia"), ';')] {
        let out = dir.path().join(format!("csv{pemisah}"));
        let output =
            renja().arg("tables").arg(&path).args(["--format", "csv", "-o"]).arg(&out).args(gaya).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let mut fields = Vec::new();
        for entry in std::fs::read_dir(&out).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            // Records are CRLF-terminated; a field may hold a bare LF inside quotes.
            for record in text.trim_start_matches('\u{FEFF}').split("\r\n") {
                fields.extend(csv_fields(record, pemisah));
            }
        }
        for field in &fields {
            let starts_formula = field.starts_with(['=', '+', '-', '@', '\t', '\r']);
            let number = field.replace(',', ".").parse::<Decimal>().is_ok();
            assert!(!starts_formula || number || field == "-", "{pemisah:?}: a cell starts a formula: {field:?}");
        }
        for payload in [hyperlink, dde, "+62 341 1234", "@Kepanjen", "-Kepanjen"] {
            let guarded = format!("'{payload}");
            assert!(fields.contains(&guarded), "{pemisah:?}: {guarded:?} missing from the CSV");
        }
    }
}
