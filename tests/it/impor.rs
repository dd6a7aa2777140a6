//! `renja workbook` and `renja import`: the round trip of every plan, a pagu edited in the
//! workbook moving the PDF's JUMLAH, and each malformed workbook with its located message.
//!
//! Workbooks are edited honestly: read back with calamine (values, formulas and their last
//! results), changed, and written anew with rust_xlsxwriter, as another spreadsheet tool would.

use std::path::{Path, PathBuf};

use calamine::{Data, DataType, Reader, Xlsx};
use renja::compute::compute;
use renja::format;
use rust_decimal::Decimal;

use crate::support::{flagship_path, load, renja, reparse, root, stderr};

// The synthetic plans of `examples/synth`, as `tata_letak` loads them (its module is private,
// and it belongs to the layout tests).
#[allow(clippy::duplicate_mod)]
#[path = "../../examples/synth/generator.rs"]
mod generator;

/// One cell as a spreadsheet tool sees it.
#[derive(Debug, Clone, PartialEq)]
enum Sel {
    Kosong,
    Teks(String),
    Angka(f64),
    /// A formula (without `=`) and the result last computed, if any.
    Rumus(String, Option<f64>),
}

/// A sheet as a dense grid of absolute rows and columns.
type Lembar = (String, Vec<Vec<Sel>>);

fn baca_buku(path: &Path) -> Vec<Lembar> {
    let mut buku: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let mut out = Vec::new();
    for name in buku.sheet_names() {
        let data = buku.worksheet_range(&name).unwrap();
        let rumus = buku.worksheet_formula(&name).unwrap();
        let (rows, cols) = data.end().map_or((0, 0), |(r, c)| (r as usize + 1, c as usize + 1));
        let mut grid = vec![vec![Sel::Kosong; cols]; rows];
        for (r, row) in grid.iter_mut().enumerate() {
            for (c, cell) in row.iter_mut().enumerate() {
                let pos = (r as u32, c as u32);
                let value = data.get_value(pos);
                *cell = match rumus.get_value(pos).filter(|f| !f.is_empty()) {
                    Some(f) => Sel::Rumus(f.clone(), value.and_then(|v| v.get_float())),
                    None => match value {
                        Some(Data::String(s)) => Sel::Teks(s.clone()),
                        Some(Data::Float(f)) => Sel::Angka(*f),
                        Some(Data::Int(i)) => Sel::Angka(*i as f64),
                        _ => Sel::Kosong,
                    },
                };
            }
        }
        out.push((name, grid));
    }
    out
}

fn tulis_buku(path: &Path, buku: &[Lembar]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for (name, grid) in buku {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        for (r, row) in grid.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Sel::Kosong => {}
                    Sel::Teks(t) => {
                        sheet.write_string(r, c, t).unwrap();
                    }
                    Sel::Angka(f) => {
                        sheet.write_number(r, c, *f).unwrap();
                    }
                    Sel::Rumus(f, hasil) => {
                        // A tool without a calculation engine stores no result.
                        let result = hasil.map_or_else(String::new, |h| h.to_string());
                        let formula = rust_xlsxwriter::Formula::new(format!("={f}")).set_result(result);
                        sheet.write_formula(r, c, formula).unwrap();
                    }
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// Recomputes every formula as a spreadsheet does on saving (renja writes only sums of cells:
/// `SUM(O7,O8)+SUM(…)`).
fn hitung_ulang(grid: &mut [Vec<Sel>]) {
    fn nilai(grid: &[Vec<Sel>], r: usize, c: usize) -> f64 {
        match grid.get(r).and_then(|row| row.get(c)) {
            Some(Sel::Angka(f)) => *f,
            Some(Sel::Rumus(f, _)) => hitung(grid, f),
            _ => 0.0,
        }
    }
    fn hitung(grid: &[Vec<Sel>], formula: &str) -> f64 {
        formula
            .split(['+', '(', ')', ','])
            .filter(|part| !part.is_empty() && *part != "SUM")
            .map(|cell| {
                let split = cell.find(|ch: char| ch.is_ascii_digit()).unwrap();
                let (letters, digits) = cell.split_at(split);
                let c = letters.bytes().fold(0, |acc, b| acc * 26 + usize::from(b - b'A' + 1)) - 1;
                nilai(grid, digits.parse::<usize>().unwrap() - 1, c)
            })
            .sum()
    }
    let snapshot = grid.to_vec();
    for row in grid.iter_mut() {
        for cell in row.iter_mut() {
            if let Sel::Rumus(f, hasil) = cell {
                *hasil = Some(hitung(&snapshot, f));
            }
        }
    }
}

/// Inserts a row before the 0-based row `at`, shifting every formula reference below it as a
/// spreadsheet does.
fn sisipkan(grid: &mut Vec<Vec<Sel>>, at: usize, row: Vec<Sel>) {
    let geser = |formula: &str| {
        let mut out = String::new();
        let mut token = String::new();
        let flush = |token: &mut String, out: &mut String| {
            match token.find(|ch: char| ch.is_ascii_digit()) {
                Some(split) if split > 0 && token[..split].bytes().all(|b| b.is_ascii_uppercase()) => {
                    let number: usize = token[split..].parse().unwrap();
                    let number = if number > at { number + 1 } else { number };
                    out.push_str(&format!("{}{number}", &token[..split]));
                }
                _ => out.push_str(token),
            }
            token.clear();
        };
        for ch in formula.chars() {
            if ch.is_ascii_alphanumeric() {
                token.push(ch);
            } else {
                flush(&mut token, &mut out);
                out.push(ch);
            }
        }
        flush(&mut token, &mut out);
        out
    };
    for line in grid.iter_mut() {
        for cell in line.iter_mut() {
            if let Sel::Rumus(f, _) = cell {
                *f = geser(f);
            }
        }
    }
    grid.insert(at, row);
}

fn lembar<'a>(buku: &'a mut [Lembar], name: &str) -> &'a mut Vec<Vec<Sel>> {
    &mut buku.iter_mut().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no sheet {name}")).1
}

/// The 0-based column with this header in row 2.
fn kolom(grid: &[Vec<Sel>], judul: &str) -> usize {
    grid[1].iter().position(|s| *s == Sel::Teks(judul.to_owned())).unwrap_or_else(|| panic!("no column {judul}"))
}

/// The 0-based row whose column `c` reads `text`.
fn baris(grid: &[Vec<Sel>], c: usize, text: &str) -> usize {
    grid.iter()
        .position(|row| row.get(c) == Some(&Sel::Teks(text.to_owned())))
        .unwrap_or_else(|| panic!("no row {text}"))
}

fn teks(sel: &Sel) -> &str {
    match sel {
        Sel::Teks(t) => t,
        _ => "",
    }
}

const PAGU: &str = "Pagu Indikatif Tahun n (Rp)";
const TINGKAT: &str = "Tingkat";
const KODE: &str = "Kode";

fn temanggung() -> PathBuf {
    root().join("examples/dinas-pupr-kabupaten-temanggung-2027.json")
}

/// Every plan the repository ships.
fn semua_rencana() -> Vec<PathBuf> {
    let mut plans = vec![flagship_path()];
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    examples.sort();
    plans.extend(examples);
    plans
}

fn workbook(plan: &Path, out: &Path) {
    let output = renja().arg("workbook").arg(plan).arg("-o").arg(out).output().unwrap();
    assert!(output.status.success(), "workbook {}: {}", plan.display(), stderr(&output));
}

/// The tables of a plan as renja reads them (defaults filled, numbers as loaded).
fn tabel(path: &Path) -> serde_json::Value {
    let plan = load(path).plan;
    serde_json::json!({
        "rencana": plan.rencana,
        "evaluasi": plan.evaluasi,
        "kinerja_pelayanan": plan.kinerja_pelayanan,
        "usulan_masyarakat": plan.usulan_masyarakat,
    })
}

#[test]
fn every_plan_survives_the_round_trip_through_its_workbook() {
    let dir = tempfile::tempdir().unwrap();
    for plan in semua_rencana() {
        let xlsx = dir.path().join("i.xlsx");
        let q = dir.path().join("q.json");
        workbook(&plan, &xlsx);
        let output = renja().arg("import").arg(&xlsx).arg("--into").arg(&plan).arg("-o").arg(&q).output().unwrap();
        assert!(output.status.success(), "import {}: {}", plan.display(), stderr(&output));
        let diff = renja().arg("diff").arg(&plan).arg(&q).output().unwrap();
        assert_eq!(diff.status.code(), Some(0), "{}: {}", plan.display(), String::from_utf8_lossy(&diff.stdout));
        // Stronger than diff: the tables load to the same values, field by field.
        assert_eq!(tabel(&plan), tabel(&q), "{}", plan.display());
        // Narrative and settings are the plan's own.
        let (a, b) = (load(&plan).plan, load(&q).plan);
        assert_eq!(serde_json::to_value(&a.bab_2).unwrap(), serde_json::to_value(&b.bab_2).unwrap());
        assert_eq!(serde_json::to_value(&a.pengaturan).unwrap(), serde_json::to_value(&b.pengaturan).unwrap());
        assert_eq!(serde_json::to_value(&a.pohon_kinerja).unwrap(), serde_json::to_value(&b.pohon_kinerja).unwrap());
    }
}

#[test]
fn synthetic_plans_survive_the_round_trip_in_the_library() {
    for (seed, sub_kegiatan) in [(1, None), (2, None), (3, Some(3)), (4, Some(5))] {
        let mut value = generator::generate(generator::Options { program: 12, kegiatan: 9, seed });
        if let Some(k) = sub_kegiatan {
            generator::sipd_era(&mut value, k, seed);
        }
        let plan = reparse(&value).plan;
        let isian = renja::workbook::susun(Some(&plan), false).unwrap();
        let tanggal = renja::tanggal::DocumentDate { year: 2019, month: 1, day: 1 };
        let bytes = renja::workbook::buku_kerja(&isian, tanggal).unwrap();
        let hasil = renja::import::impor(&bytes, Some(&plan)).unwrap_or_else(|d| panic!("seed {seed}: {d:#?}"));
        assert_eq!(serde_json::to_value(&plan).unwrap(), serde_json::to_value(&hasil.plan).unwrap(), "seed {seed}");
    }
}

#[test]
fn rarer_fields_survive_the_round_trip() {
    let mut value = crate::support::flagship_json();
    let kegiatan = &mut value["evaluasi"]["program"][0]["kegiatan"][1]["indikator"];
    kegiatan["realisasi_n2"] = serde_json::Value::Null;
    kegiatan["keterangan"] = serde_json::json!("tidak dilaksanakan karena refocusing anggaran");
    kegiatan["polaritas"] = serde_json::json!("negatif");
    kegiatan["kumulatif"] = serde_json::json!(false);
    let k = &mut value["rencana"]["program"][1]["kegiatan"][0];
    k["rkpd"] = serde_json::json!({ "pagu": 12500000, "lokasi": "Kec. Kepanjen\nKec. Pakisaji", "target": 7.25 });
    k["hasil_analisis"] = serde_json::json!({ "pagu": 13000000 });
    k["catatan"] = serde_json::json!("Kegiatan yang Responsif Gender");
    value["rencana"]["pagu_batas"] = serde_json::json!(1100000000);
    value["kinerja_pelayanan"]["program"][0]["nilai"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({ "satuan": "Dokumen", "target": [1, 2, null, 4], "realisasi": [1, null], "proyeksi": [3, 4] }));
    value["usulan_masyarakat"] = serde_json::json!([
        { "program_kegiatan": "Fasilitasi kerja sama desa", "lokasi": "Kec. Dau", "indikator": "Jumlah desa", "volume": "3 desa", "catatan": "" },
        { "program_kegiatan": "Pelatihan perjanjian kerja sama", "volume": "25" }
    ]);
    let plan = reparse(&value).plan;
    let isian = renja::workbook::susun(Some(&plan), false).unwrap();
    let tanggal = renja::tanggal::DocumentDate { year: 2019, month: 1, day: 1 };
    let bytes = renja::workbook::buku_kerja(&isian, tanggal).unwrap();
    let hasil = renja::import::impor(&bytes, Some(&plan)).unwrap_or_else(|d| panic!("{d:#?}"));
    assert_eq!(serde_json::to_value(&plan).unwrap(), serde_json::to_value(&hasil.plan).unwrap());
    // A Tabel 2.2 row's values in a second satuan come back as its second line.
    assert_eq!(hasil.plan.kinerja_pelayanan.program[0].nilai.len(), 2);
}

#[test]
fn the_workbook_has_its_sheets_frozen_headers_and_numbers_as_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("i.xlsx");
    workbook(&temanggung(), &xlsx);
    let buku = baca_buku(&xlsx);
    let names: Vec<&str> = buku.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["Petunjuk", "Identitas", "Rencana", "Tabel 2.1", "Tabel 2.2", "Tabel 2.3", "Tabel 2.4", "Daftar"]
    );
    let mut buku = buku;
    let rencana = lembar(&mut buku, "Rencana").clone();
    let (pagu, kode, tingkat) = (kolom(&rencana, PAGU), kolom(&rencana, KODE), kolom(&rencana, TINGKAT));
    // The printed columns under the header, with the plan's years.
    assert_eq!(teks(&rencana[2][pagu]), "2027: T3.1 kol. 6; T4.1 kol. 9");
    // A sub-kegiatan's pagu is a number; its kegiatan's is a live total of them.
    let plan = load(&temanggung()).plan;
    let k = &plan.rencana.program[0].kegiatan[0];
    let s = &k.sub_kegiatan[0];
    let r = baris(&rencana, kode, &s.kode);
    assert_eq!(teks(&rencana[r][tingkat]), "sub kegiatan");
    assert_eq!(rencana[r][pagu], Sel::Angka(s.pagu.unwrap().0.to_string().parse().unwrap()));
    let rk = baris(&rencana, kode, &k.kode);
    let computed = compute(&plan);
    match &rencana[rk][pagu] {
        Sel::Rumus(f, Some(hasil)) => {
            assert!(f.starts_with("SUM("), "{f}");
            assert_eq!(hasil.to_string(), computed.program[0].kegiatan[0].pagu.to_string());
        }
        other => panic!("kegiatan pagu is not a total: {other:?}"),
    }
    // The JUMLAH row totals the programs.
    let rj = baris(&rencana, tingkat, "jumlah");
    assert!(matches!(&rencana[rj][pagu], Sel::Rumus(_, Some(h)) if h.to_string() == computed.jumlah.pagu.to_string()));
    // The choice lists offer the 90/2019 levels.
    let daftar = lembar(&mut buku, "Daftar");
    let levels: Vec<&str> = daftar.iter().skip(1).map(|row| teks(&row[0])).filter(|t| !t.is_empty()).collect();
    assert_eq!(levels, ["urusan", "program", "kegiatan", "sub kegiatan", "jumlah"]);

    // The workbook's own XML: frozen header rows and drop-down lists from the sheet Daftar.
    let bytes = std::fs::read(&xlsx).unwrap();
    // The same plan gives the same bytes (the stored date is the plan's, never the clock).
    let again = xlsx.with_file_name("lagi.xlsx");
    workbook(&temanggung(), &again);
    assert!(std::fs::read(&again).unwrap() == bytes, "two workbooks of one plan differ");
    let mut zip = zip_sheet(&bytes, "xl/worksheets/sheet3.xml");
    assert!(
        zip.contains(r#"<pane xSplit="3" ySplit="3" topLeftCell="D4" activePane="bottomRight" state="frozen"/>"#),
        "{zip}"
    );
    assert!(zip.contains("<formula1>Daftar!$A$2:$A$6</formula1>"), "{zip}");
    zip.clear();
}

/// One member of the xlsx (a zip), read with the zip reader calamine already depends on.
fn zip_sheet(bytes: &[u8], member: &str) -> String {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive.by_name(member).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn a_pagu_changed_in_the_workbook_moves_the_pdf_jumlah_by_exactly_that_much() {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, edited, q) = (dir.path().join("i.xlsx"), dir.path().join("m.xlsx"), dir.path().join("q.json"));
    workbook(&flagship_path(), &xlsx);
    let mut buku = baca_buku(&xlsx);
    let rencana = lembar(&mut buku, "Rencana");
    let pagu = kolom(rencana, PAGU);
    let kode = kolom(rencana, KODE);
    // The first typed pagu: a kegiatan's.
    let r = rencana.iter().position(|row| matches!(row.get(pagu), Some(Sel::Angka(_)))).unwrap();
    let kegiatan = teks(&rencana[r][kode]).to_owned();
    let Sel::Angka(old) = rencana[r][pagu] else { unreachable!() };
    let tambah = 1_000_000.0;
    rencana[r][pagu] = Sel::Angka(old + tambah);
    // Saved by a spreadsheet: the totals recomputed.
    hitung_ulang(rencana);
    tulis_buku(&edited, &buku);
    let output =
        renja().arg("import").arg(&edited).arg("--into").arg(flagship_path()).arg("-o").arg(&q).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));

    // Exactly that kegiatan's pagu changed.
    let flagship = load(&flagship_path()).plan;
    let imported = load(&q).plan;
    let mut expected = flagship.clone();
    let k = expected.rencana.program.iter_mut().flat_map(|p| &mut p.kegiatan).find(|k| k.kode == kegiatan).unwrap();
    let delta = Decimal::from(1_000_000);
    k.pagu = Some(renja::plan::Rupiah(k.pagu.unwrap().0 + delta));
    assert_eq!(serde_json::to_value(&expected).unwrap(), serde_json::to_value(&imported).unwrap());

    // The PDF's JUMLAH, read back with pdftotext, moved by exactly the change.
    let total = compute(&flagship).jumlah.pagu;
    let before = pdf_text(&flagship_path(), dir.path());
    let after = pdf_text(&q, dir.path());
    let (old_total, new_total) = (format::rupiah(total), format::rupiah(total + delta));
    let printed = before.matches(&old_total).count();
    assert!(printed >= 3, "JUMLAH {old_total} printed {printed} times");
    assert_eq!(after.matches(&new_total).count(), printed, "JUMLAH {new_total}");
    assert!(!after.contains(&old_total));
}

fn pdf_text(plan: &Path, dir: &Path) -> String {
    let pdf = dir.join(format!("{}.pdf", plan.file_stem().unwrap().to_string_lossy()));
    let output = renja().arg("build").arg(plan).arg("-o").arg(&pdf).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let output = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: apt-get install poppler-utils");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// Writes the workbook of `plan`, edits it, imports it into `plan`, and returns the exit code
/// and standard error. An OUT that existed before must be untouched.
fn impor_salah(plan: &Path, edit: impl FnOnce(&mut Vec<Lembar>)) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, edited, out) = (dir.path().join("i.xlsx"), dir.path().join("m.xlsx"), dir.path().join("q.json"));
    workbook(plan, &xlsx);
    let mut buku = baca_buku(&xlsx);
    edit(&mut buku);
    tulis_buku(&edited, &buku);
    std::fs::write(&out, "lama\n").unwrap();
    let output = renja().arg("import").arg(&edited).arg("--into").arg(plan).arg("-o").arg(&out).output().unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "lama\n", "a failed import wrote its output");
    let files = crate::support::listing(dir.path());
    assert_eq!(files, ["i.xlsx", "m.xlsx", "q.json"], "a failed import left files behind");
    (output.status.code(), stderr(&output).replace(&format!("{}/", dir.path().display()), ""))
}

#[test]
fn rows_added_under_a_node_extend_it() {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, edited, q) = (dir.path().join("i.xlsx"), dir.path().join("m.xlsx"), dir.path().join("q.json"));
    workbook(&flagship_path(), &xlsx);
    let mut buku = baca_buku(&xlsx);
    let rencana = lembar(&mut buku, "Rencana");
    let col = |judul: &str| kolom(rencana, judul);
    let (jenis, indikator, satuan, target) =
        (col("Jenis Indikator"), col("Indikator (Tolok Ukur)"), col("Satuan"), col("Target Tahun n"));
    let (kode, tingkat) = (col(KODE), col(TINGKAT));
    let width = rencana[1].len();
    let baris_baru = |j: &str, uraian: &str, s: &str, t: f64| {
        let mut row = vec![Sel::Kosong; width];
        row[jenis] = Sel::Teks(j.into());
        row[indikator] = Sel::Teks(uraian.into());
        row[satuan] = Sel::Teks(s.into());
        row[target] = Sel::Angka(t);
        row
    };
    // Under program 4.5.1 a second capaian, under kegiatan 4.5.1.1 a second keluaran: rows
    // whose Tingkat and Kode are empty, as a planner inserts them.
    let program = baris(rencana, kode, "4.5.1");
    sisipkan(rencana, program + 1, baris_baru("capaian", "Indeks kepuasan layanan administrasi", "Indeks", 80.0));
    let kegiatan = baris(rencana, kode, "4.5.1.1");
    sisipkan(rencana, kegiatan + 1, baris_baru("", "Jumlah surat keluar yang diarsipkan", "Surat", 640.5));
    // Choices as people type them.
    rencana[kegiatan][tingkat] = Sel::Teks(" Kegiatan".into());
    rencana[program + 1][jenis] = Sel::Teks("Capaian".into());
    hitung_ulang(rencana);
    tulis_buku(&edited, &buku);
    let output =
        renja().arg("import").arg(&edited).arg("--into").arg(flagship_path()).arg("-o").arg(&q).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = load(&q).plan;
    let p = &plan.rencana.program[0];
    assert_eq!(p.indikator[0], load(&flagship_path()).plan.rencana.program[0].indikator[0], "the main indicator stays");
    assert_eq!(p.indikator.len(), 2);
    assert_eq!(p.indikator[1].uraian, "Indeks kepuasan layanan administrasi");
    assert_eq!(p.indikator[1].target.as_ref().unwrap().angka, Decimal::from(80));
    let k = &p.kegiatan[0];
    assert_eq!(k.indikator.len(), 2, "an empty Jenis on a kegiatan row is keluaran");
    assert_eq!(k.indikator[1].jenis(renja::plan::Tingkat::Kegiatan), renja::plan::JenisIndikator::Keluaran);
    assert_eq!(k.indikator[1].satuan, "Surat");
    assert_eq!(k.indikator[1].target.as_ref().unwrap().angka, "640.5".parse::<Decimal>().unwrap());
    assert_eq!(p.kegiatan.len(), load(&flagship_path()).plan.rencana.program[0].kegiatan.len());
}

/// The number of errors the import's last line states.
fn jumlah_galat(text: &str) -> usize {
    let line = text.lines().find(|l| l.starts_with("galat: m.xlsx: ")).unwrap_or_else(|| panic!("{text}"));
    line["galat: m.xlsx: ".len()..].split(' ').next().unwrap().parse().unwrap()
}

#[test]
fn a_tabel_2_1_row_named_by_kode_takes_its_name_from_the_plan_tree() {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, edited, q) = (dir.path().join("i.xlsx"), dir.path().join("m.xlsx"), dir.path().join("q.json"));
    let plan = load(&temanggung()).plan;
    let p = &plan.rencana.program[1];
    let k = &p.kegiatan[0];
    assert_eq!(
        plan.evaluasi.program[1].kegiatan[0].kode.as_deref(),
        Some(k.kode.as_str()),
        "the example names it by kode"
    );
    workbook(&temanggung(), &xlsx);
    let mut buku = baca_buku(&xlsx);
    // The sheet Tabel 2.1 leaves to the kode what the kode gives.
    let evaluasi = lembar(&mut buku, "Tabel 2.1");
    let r = baris(evaluasi, kolom(evaluasi, "Kode Rencana"), &k.kode);
    assert_eq!(evaluasi[r][kolom(evaluasi, "Urusan/ Bidang Urusan/ Program/ Kegiatan")], Sel::Kosong);
    // Renamed once, on the sheet Rencana.
    let rencana = lembar(&mut buku, "Rencana");
    let (kode, nama) = (kolom(rencana, KODE), kolom(rencana, "Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan"));
    let r = rencana
        .iter()
        .position(|row| row.get(kode) == Some(&Sel::Teks(k.kode.clone())) && row[nama] != Sel::Kosong)
        .unwrap();
    rencana[r][nama] = Sel::Teks("Rehabilitasi Jaringan Irigasi Permukaan (nama baru)".into());
    hitung_ulang(rencana);
    tulis_buku(&edited, &buku);
    let output = renja().arg("import").arg(&edited).arg("--into").arg(temanggung()).arg("-o").arg(&q).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let imported = load(&q).plan;
    assert_eq!(imported.rencana.program[1].kegiatan[0].nama, "Rehabilitasi Jaringan Irigasi Permukaan (nama baru)");
    assert_eq!(imported.evaluasi.program[1].kegiatan[0].nama, "Rehabilitasi Jaringan Irigasi Permukaan (nama baru)");
    // Written as a reference, not as a copy.
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&q).unwrap()).unwrap();
    let row = &written["evaluasi"]["program"][1]["kegiatan"][0];
    assert_eq!(row["kode"], serde_json::json!(k.kode));
    assert!(row.get("nama").is_none(), "{row}");
}

#[test]
fn text_in_a_pagu_cell_names_the_sheet_and_cell_and_writes_nothing() {
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        let rencana = lembar(buku, "Rencana");
        let pagu = kolom(rencana, PAGU);
        let r = rencana.iter().position(|row| matches!(row.get(pagu), Some(Sel::Angka(_)))).unwrap();
        rencana[r][pagu] = Sel::Teks("Rp 5.067.000".into());
    });
    assert_eq!(code, Some(1));
    assert_eq!(
        text,
        "galat[impor.angka]: m.xlsx: kolom \"Pagu Indikatif Tahun n (Rp)\" harus berisi rupiah\n \
         = di: Rencana!O7\n \
         = diharapkan: rupiah sebagai angka, mis. 1073384000\n \
         = ditemukan: teks \"Rp 5.067.000\"\n \
         = saran: ketik angkanya tanpa titik ribuan, \"Rp\" atau spasi; sel berformat angka\n\n\
         galat: m.xlsx: 1 galat; tidak ada berkas yang ditulis, `q.json` tidak diubah\n  \
         saran: perbaiki sel yang disebut di atas lalu impor lagi\n"
    );
}

#[test]
fn a_sheet_without_its_header_row_is_refused() {
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        let rencana = lembar(buku, "Rencana");
        rencana.remove(1);
    });
    assert_eq!(code, Some(1));
    assert!(
        text.starts_with(
            "galat[impor.kepala]: m.xlsx: baris kepala lembar Rencana tidak ditemukan\n \
             = di: Rencana!A1\n \
             = diharapkan: satu baris berjudul \"Tingkat\", \"Kode\", \"Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan\", \"Jenis Indikator\", …\n \
             = ditemukan: baris 1 dimulai dengan \"Rencana: urusan, program, kegiatan dan sub kegiatan tahun n (Tabel 3.1, 4.1 dan 2.3 kanan)\"\n"
        ),
        "{text}"
    );
    assert_eq!(jumlah_galat(&text), 1, "{text}");
}

#[test]
fn a_duplicate_kode_is_refused_with_both_places() {
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        let rencana = lembar(buku, "Rencana");
        let kode = kolom(rencana, KODE);
        let r = baris(rencana, kode, "4.5.1.3");
        rencana[r][kode] = Sel::Teks("4.5.1.1".into());
    });
    assert_eq!(code, Some(1));
    assert!(
        text.starts_with(
            "galat[impor.kode_ganda]: m.xlsx: kode 4.5.1.1 dipakai lebih dari sekali\n \
             = di: Rencana!B9\n \
             = diharapkan: setiap kode sekali saja (baris lanjutan berada tepat di bawah simpulnya)\n \
             = ditemukan: 4.5.1.1 juga di Rencana!B7\n"
        ),
        "{text}"
    );
    // And the Tabel 2.3 row of the kegiatan whose kode was overwritten.
    assert!(text.contains("galat[impor.kode_rkpd]: m.xlsx: kegiatan 4.5.1.3 tidak ada di lembar Rencana\n"), "{text}");
    assert_eq!(jumlah_galat(&text), 2, "{text}");
}

#[test]
fn a_sub_kegiatan_whose_kegiatan_row_is_missing_is_refused() {
    let plan = load(&temanggung()).plan;
    let k = &plan.rencana.program[0].kegiatan[0];
    let (kegiatan, first_sub, subs) = (k.kode.clone(), k.sub_kegiatan[0].kode.clone(), k.sub_kegiatan.len());
    let (code, text) = impor_salah(&temanggung(), |buku| {
        let rencana = lembar(buku, "Rencana");
        let kode = kolom(rencana, KODE);
        let tingkat = kolom(rencana, TINGKAT);
        rencana
            .retain(|row| !(row.get(kode) == Some(&Sel::Teks(kegiatan.clone())) && teks(&row[tingkat]) == "kegiatan"));
    });
    assert_eq!(code, Some(1));
    assert!(
        text.contains(&format!(
            "galat[impor.induk]: m.xlsx: kegiatan induk sub kegiatan {first_sub} tidak ada\n \
             = di: Rencana!B"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            " = diharapkan: baris kegiatan {kegiatan} tepat di atas sub kegiatannya\n \
             = ditemukan: tidak ada baris kegiatan di atasnya\n"
        )),
        "{text}"
    );
    assert_eq!(text.matches("galat[impor.induk]").count(), subs, "{text}");
    // And the Tabel 2.3 row of the kegiatan whose row is gone.
    assert!(
        text.contains(&format!("galat[impor.kode_rkpd]: m.xlsx: kegiatan {kegiatan} tidak ada di lembar Rencana\n"))
    );
    assert_eq!(jumlah_galat(&text), subs + 1, "{text}");
}

#[test]
fn a_total_that_disagrees_with_its_rows_is_reported_and_never_imported() {
    let plan = load(&flagship_path()).plan;
    let computed = compute(&plan);
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        let rencana = lembar(buku, "Rencana");
        let (pagu, tingkat) = (kolom(rencana, PAGU), kolom(rencana, TINGKAT));
        let r = baris(rencana, tingkat, "jumlah");
        // The JUMLAH formula loses its last program, as when a row is added below its range.
        let Sel::Rumus(f, _) = &rencana[r][pagu] else { panic!("JUMLAH is no formula") };
        let shorter = f.rsplit_once(',').unwrap().0.to_owned() + ")";
        let last = computed.program.last().unwrap().pagu.pagu;
        let shown: f64 = (computed.jumlah.pagu - last).to_string().parse().unwrap();
        rencana[r][pagu] = Sel::Rumus(shorter, Some(shown));
    });
    assert_eq!(code, Some(1));
    let shown = format::rupiah(computed.jumlah.pagu - computed.program.last().unwrap().pagu.pagu);
    assert!(
        text.starts_with(&format!(
            "galat[impor.jumlah]: m.xlsx: jumlah pada sel ini tidak sama dengan jumlah semua program\n \
             = di: Rencana!O27\n \
             = diharapkan: {} (jumlah barisnya)\n \
             = ditemukan: {shown}\n",
            format::rupiah(computed.jumlah.pagu)
        )),
        "{text}"
    );
    assert_eq!(jumlah_galat(&text), 1, "{text}");
}

#[test]
fn an_empty_sheet_is_refused() {
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        lembar(buku, "Tabel 2.4").clear();
    });
    assert_eq!(code, Some(1));
    assert!(
        text.starts_with(
            "galat[impor.lembar_kosong]: m.xlsx: lembar Tabel 2.4 kosong\n \
             = di: Tabel 2.4!A1\n \
             = diharapkan: baris kepala (\"No\", \"Program/Kegiatan\", \"Lokasi\", \"Indikator Kinerja\", …) lalu baris data\n \
             = ditemukan: lembar tanpa isi\n"
        ),
        "{text}"
    );
    assert_eq!(jumlah_galat(&text), 1, "{text}");
}

#[test]
fn a_pagu_on_a_node_with_children_is_refused() {
    let plan = load(&temanggung()).plan;
    let kegiatan = plan.rencana.program[0].kegiatan[0].kode.clone();
    let (code, text) = impor_salah(&temanggung(), |buku| {
        let rencana = lembar(buku, "Rencana");
        let (pagu, kode, tingkat) = (kolom(rencana, PAGU), kolom(rencana, KODE), kolom(rencana, TINGKAT));
        let r = rencana
            .iter()
            .position(|row| row.get(kode) == Some(&Sel::Teks(kegiatan.clone())) && teks(&row[tingkat]) == "kegiatan")
            .unwrap();
        rencana[r][pagu] = Sel::Angka(5e8);
    });
    assert_eq!(code, Some(1));
    assert!(
        text.contains(&format!(
            "galat[impor.pagu_induk]: m.xlsx: pagu ditulis pada kegiatan {kegiatan} yang memiliki sub kegiatan\n \
             = di: Rencana!O"
        )),
        "{text}"
    );
    assert!(
        text.contains(
            " = diharapkan: rumus jumlah atau sel kosong: pagu kegiatan adalah jumlah pagu sub kegiatannya\n \
             = ditemukan: angka 500000000\n"
        ),
        "{text}"
    );
    assert_eq!(jumlah_galat(&text), 1, "{text}");
    // And on a program of the flagship.
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        let rencana = lembar(buku, "Rencana");
        let (pagu, kode) = (kolom(rencana, PAGU), kolom(rencana, KODE));
        let r = baris(rencana, kode, "4.5.1");
        rencana[r][pagu] = Sel::Angka(1e6);
    });
    assert_eq!(code, Some(1));
    assert!(
        text.starts_with("galat[impor.pagu_induk]: m.xlsx: pagu ditulis pada program 4.5.1\n = di: Rencana!O6\n"),
        "{text}"
    );
    assert_eq!(jumlah_galat(&text), 1, "{text}");
}

#[test]
fn every_problem_of_a_workbook_is_reported_in_one_run() {
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        let rencana = lembar(buku, "Rencana");
        let pagu = kolom(rencana, PAGU);
        let target = kolom(rencana, "Target Tahun n");
        for row in rencana.iter_mut().skip(3) {
            if matches!(row.get(pagu), Some(Sel::Angka(_))) {
                row[pagu] = Sel::Teks("lima juta".into());
            }
        }
        rencana[5][target] = Sel::Teks("100%".into());
        lembar(buku, "Tabel 2.2").clear();
    });
    assert_eq!(code, Some(1));
    // 17 kegiatan pagu, one target, one empty sheet.
    assert!(text.contains("galat: m.xlsx: 19 galat;"), "{text}");
}

#[test]
fn a_plan_checked_with_errors_after_import_is_not_written_and_says_where() {
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        let rencana = lembar(buku, "Rencana");
        let nama = kolom(rencana, "Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan");
        let kode = kolom(rencana, KODE);
        let r = baris(rencana, kode, "4.5.1.1");
        rencana[r][nama] = Sel::Kosong;
    });
    assert_eq!(code, Some(1));
    assert!(
        text.starts_with(
            "galat[teks.kosong]: m.xlsx: teks wajib diisi\n = di: Rencana!C7 ($.rencana.program[0].kegiatan[0].nama)\n"
        ),
        "{text}"
    );
    assert_eq!(jumlah_galat(&text), 1, "{text}");
}

#[test]
fn a_workbook_of_another_year_is_not_imported_into_a_plan() {
    let (code, text) = impor_salah(&flagship_path(), |buku| {
        let identitas = lembar(buku, "Identitas");
        identitas[2][1] = Sel::Angka(2020.0);
    });
    assert_eq!(code, Some(1));
    assert!(
        text.starts_with(
            "galat[impor.identitas]: m.xlsx: Tahun rencana (n) di sumber berbeda dengan rencana tujuan\n \
             = di: Identitas!B3\n \
             = diharapkan: 2019, seperti rencana tujuan (--into)\n \
             = ditemukan: 2020\n"
        ),
        "{text}"
    );
    assert_eq!(jumlah_galat(&text), 1, "{text}");
}

#[test]
fn without_into_the_tables_join_the_init_skeleton() {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, out) = (dir.path().join("i.xlsx"), dir.path().join("baru.json"));
    workbook(&temanggung(), &xlsx);
    let output = renja().arg("import").arg(&xlsx).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let note = stderr(&output);
    assert_eq!(tabel(&out), tabel(&temanggung()));
    let plan = load(&out).plan;
    assert_eq!(plan.identitas.tahun, 2027);
    assert_eq!(plan.identitas.pemda, "Kabupaten Contoh");
    // check names only the skeleton's template text.
    let check = renja().arg("check").arg(&out).output().unwrap();
    let text = stderr(&check);
    let codes: Vec<&str> =
        text.lines().filter_map(|l| l.strip_prefix("galat[")).map(|l| l.split(']').next().unwrap()).collect();
    assert!(!codes.is_empty() && codes.iter().all(|c| *c == "teks.templat" || *c == "teks.contoh"), "{text}");
    // The skeleton's identity stays until edited, and is named as an example value.
    assert!(codes.contains(&"teks.contoh") && text.contains("= di: $.identitas.pemda\n"), "{text}");
    let catatan = format!("catatan: {} teks templat dan nilai contoh kerangka masih harus diganti", codes.len());
    assert!(note.contains(&catatan), "{catatan}\n{note}");
}

#[test]
fn an_unknown_source_says_which_sources_are_understood() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("laporan.csv");
    std::fs::write(&source, "kode;nama\n1.03;Pekerjaan Umum\n").unwrap();
    let output = renja().current_dir(dir.path()).arg("import").arg("laporan.csv").output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "galat[impor.sumber]: laporan.csv: sumber impor tidak dikenali\n \
         = diharapkan: buku kerja isian renja (.xlsx dari `renja workbook`), laporan Renja SIPD-RI (.xls, atau \
         disimpan ulang sebagai .xlsx), atau JSON sub kegiatan SIPD-RI\n \
         = ditemukan: teks yang diawali \"kode;nama 1.03;Pekerjaan Umum\"\n \
         = saran: buat buku kerjanya dengan renja workbook plan.json -o isian.xlsx (atau --kosong), isi, lalu impor\n\n\
         galat: laporan.csv: 1 galat; tidak ada berkas yang ditulis, `laporan.json` tidak diubah\n  \
         saran: perbaiki sel yang disebut di atas lalu impor lagi\n"
    );
    assert_eq!(crate::support::listing(dir.path()), ["laporan.csv"]);
}

#[test]
fn an_empty_workbook_has_the_headers_and_no_rows() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("kosong.xlsx");
    let output = renja().arg("workbook").arg("--kosong").arg("-o").arg(&xlsx).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let mut buku = baca_buku(&xlsx);
    let rencana = lembar(&mut buku, "Rencana");
    assert_eq!(rencana.len(), 3, "caption, header and printed columns only");
    assert_eq!(teks(&rencana[1][0]), "Tingkat");
    assert_eq!(teks(&rencana[2][kolom(rencana, PAGU)]), "n: T3.1 kol. 6; T4.1 kol. 9");
    let evaluasi = lembar(&mut buku, "Tabel 2.1");
    let levels: Vec<&str> = evaluasi.iter().skip(3).map(|r| teks(&r[0])).collect();
    assert_eq!(levels, ["jenis urusan", "urusan"]);
}

#[test]
fn a_value_a_spreadsheet_cannot_hold_exactly_is_refused_by_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut value = crate::support::flagship_json();
    value["rencana"]["program"][0]["target"] = serde_json::json!("80.123456789012345678");
    let plan = dir.path().join("plan.json");
    std::fs::write(&plan, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let out = dir.path().join("isian.xlsx");
    let output = renja().arg("workbook").arg(&plan).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output).replace(&format!("{}/", dir.path().display()), "");
    assert!(
        text.starts_with("galat[buku_kerja.angka]: angka ini tidak dapat disimpan tepat di lembar kerja\n"),
        "{text}"
    );
    // Located in the plan's text, with the offending line.
    assert!(text.contains("│         \"target\": \"80.123456789012345678\",\n"), "{text}");
    assert!(
        text.contains(
            "= di: $.rencana.program[0].target\n     \
             = diharapkan: paling banyak 15 digit bermakna (angka Excel)\n     \
             = ditemukan: 80.123456789012345678\n"
        ),
        "{text}"
    );
    assert!(
        text.ends_with(
            "galat: buku kerja tidak ditulis: 1 nilai tidak dapat disimpan di lembar kerja; `isian.xlsx` tidak diubah\n"
        ),
        "{text}"
    );
    assert!(!out.exists());
}

/// A kegiatan's pagu written as a formula by a tool that stores no result: named as such at its
/// cell, not reported as a kegiatan without pagu.
#[test]
fn an_uncached_pagu_formula_is_named_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (xlsx, edited) = (dir.path().join("i.xlsx"), dir.path().join("m.xlsx"));
    workbook(&flagship_path(), &xlsx);
    let mut buku = baca_buku(&xlsx);
    let rencana = lembar(&mut buku, "Rencana");
    let pagu = kolom(rencana, PAGU);
    let r = rencana.iter().position(|row| matches!(row.get(pagu), Some(Sel::Angka(_)))).unwrap();
    rencana[r][pagu] = Sel::Rumus("1000+2000".to_owned(), None);
    tulis_buku(&edited, &buku);
    // rust_xlsxwriter stores 0 as the result; a tool without a calculation engine (openpyxl)
    // stores none: the `<v>` element removed.
    tanpa_hasil(&edited, "<f>1000+2000</f>");
    let output = renja()
        .arg("import")
        .arg(&edited)
        .arg("--into")
        .arg(flagship_path())
        .arg("-o")
        .arg(dir.path().join("q.json"))
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    let letter = char::from(b'A' + u8::try_from(pagu).unwrap());
    let cell = format!("Rencana!{letter}{}", r + 1);
    // One error, at the cell, and no consequence of it (a missing pagu, totals that disagree).
    assert!(err.starts_with("galat[impor.rumus_tanpa_nilai]: "), "{err}");
    assert!(err.contains("m.xlsx: rumus pagu tanpa nilai tersimpan\n"), "{err}");
    assert!(err.contains(&format!("= di: {cell}\n")), "{cell}: {err}");
    assert_eq!(err.matches("galat[").count(), 1, "{err}");
    assert!(!err.contains("tanpa pagu"), "{err}");
    assert!(!dir.path().join("q.json").exists());
}

/// Rewrites the xlsx at `path` with the stored result after `formula` removed.
fn tanpa_hasil(path: &Path, formula: &str) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut removed = 0;
    for i in 0..archive.len() {
        let mut member = archive.by_index(i).unwrap();
        let name = member.name().unwrap().into_owned();
        let mut data = Vec::new();
        member.read_to_end(&mut data).unwrap();
        if let Ok(text) = String::from_utf8(data.clone())
            && text.contains(formula)
        {
            let cached = format!("{formula}<v>0</v>");
            removed += text.matches(&cached).count();
            data = text.replace(&cached, formula).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    assert_eq!(removed, 1, "the formula's stored result was not found");
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

/// A sub-kegiatan with one funding source (as SIPD gives it) takes a pagu edit in its one
/// cell: the source's amount follows, and nothing else changes.
#[test]
fn a_pagu_edit_of_a_sub_kegiatan_with_one_funding_source_takes_one_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, xlsx, edited, q) =
        (dir.path().join("p.json"), dir.path().join("i.xlsx"), dir.path().join("m.xlsx"), dir.path().join("q.json"));
    let source = root().join("tests/fixtures/sipd-ri/sub-bl-2023.json");
    let imported = renja().arg("import").arg(&source).arg("-o").arg(&plan).output().unwrap();
    assert!(imported.status.success(), "{}", stderr(&imported));
    workbook(&plan, &xlsx);
    let mut buku = baca_buku(&xlsx);
    let rencana = lembar(&mut buku, "Rencana");
    let (pagu, kode) = (kolom(rencana, PAGU), kolom(rencana, KODE));
    let r = rencana.iter().position(|row| teks(&row[kode]) == "7.01.02.2.01.02").unwrap();
    let Sel::Angka(old) = rencana[r][pagu] else { panic!("a typed pagu") };
    rencana[r][pagu] = Sel::Angka(old + 1_000_000.0);
    hitung_ulang(rencana);
    tulis_buku(&edited, &buku);
    let output = renja().arg("import").arg(&edited).arg("--into").arg(&plan).arg("-o").arg(&q).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let before = load(&plan).plan;
    let after = load(&q).plan;
    let mut expected = before.clone();
    let sub = expected
        .rencana
        .program
        .iter_mut()
        .flat_map(|p| &mut p.kegiatan)
        .flat_map(|k| &mut k.sub_kegiatan)
        .find(|s| s.kode == "7.01.02.2.01.02")
        .unwrap();
    let delta = Decimal::from(1_000_000);
    sub.pagu = Some(renja::plan::Rupiah(sub.pagu.unwrap().0 + delta));
    let renja::plan::SumberDana::Rincian(list) = &mut sub.sumber_dana else { panic!("one source with its amount") };
    assert_eq!(list.len(), 1);
    list[0].pagu = renja::plan::Rupiah(list[0].pagu.0 + delta);
    assert_eq!(serde_json::to_value(&expected.rencana).unwrap(), serde_json::to_value(&after.rencana).unwrap());
}

#[test]
fn every_urusan_line_of_tabel_2_1_prints_and_survives_the_workbook() {
    // A Perangkat Daerah serving two bidang writes both lines; Tabel 2.1 prints each under
    // "Jenis Urusan", and the workbook round trip keeps both, in order.
    let dir = tempfile::tempdir().unwrap();
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(flagship_path()).unwrap()).unwrap();
    let lines = ["1.03 Pekerjaan Umum dan Penataan Ruang", "1.04 Perumahan dan Kawasan Permukiman"];
    value["evaluasi"]["urusan"] = serde_json::json!(lines);
    let plan = dir.path().join("plan.json");
    std::fs::write(&plan, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let loaded = load(&plan);
    let tabel = renja::tabel::semua(&loaded.plan, &compute(&loaded.plan));
    let printed: Vec<&str> =
        tabel[0].baris.iter().map(|b| b.sel[0].teks_isi()).filter(|t| t.starts_with("Urusan")).collect();
    assert_eq!(printed, lines.map(|l| format!("Urusan : {l}")));
    let xlsx = dir.path().join("isian.xlsx");
    workbook(&plan, &xlsx);
    let out = dir.path().join("kembali.json");
    let output = renja().arg("import").arg(&xlsx).arg("--into").arg(&plan).arg("-o").arg(&out).output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let back: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(back["evaluasi"]["urusan"], serde_json::json!(lines));
    // One line stays a plain string, as plans have always written it.
    let flagship: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(flagship_path()).unwrap()).unwrap();
    let once = serde_json::to_value(&load(&flagship_path()).plan.evaluasi).unwrap();
    assert_eq!(once["urusan"], flagship["evaluasi"]["urusan"]);
}
