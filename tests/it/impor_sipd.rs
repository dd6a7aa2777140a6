//! Reading SIPD-RI sources (`renja::import::sipd_ri`): the Renja report as the HTML table SIPD-RI and
//! wp-sipd save as `.xls`, the same re-saved as `.xlsx`, and `sub_bl` JSON records. Fixtures in
//! `tests/fixtures/sipd-ri/` (how each was made: its README).

use std::path::{Path, PathBuf};

use renja::diagnostic::Diagnostic;
use renja::import::sipd_ri::{self, ImporSipd, JenisSumber};
use renja::plan::{Dana, SubKegiatan, SumberDana};
use renja::plan::{Kegiatan, Program, Rencana};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook};
use scraper::{ElementRef, Html, Node, Selector};

use crate::support;

fn fixture(name: &str) -> PathBuf {
    support::root().join("tests/fixtures/sipd-ri").join(name)
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn laporan(name: &str, bytes: &[u8]) -> ImporSipd {
    sipd_ri::baca_laporan(Path::new(name), bytes).unwrap_or_else(|e| panic!("{}", tampil(&e)))
}

/// Diagnostics one per line, as `kode @ letak: pesan | diharapkan | ditemukan`.
fn tampil(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} @ {}: {} | {} | {}",
                d.code,
                d.path.as_deref().unwrap_or("-"),
                d.message,
                d.expected.as_deref().unwrap_or("-"),
                d.found.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn errors_of(result: Result<ImporSipd, Vec<Diagnostic>>) -> String {
    match result {
        Ok(_) => panic!("expected errors, the import succeeded"),
        Err(e) => tampil(&e),
    }
}

fn program<'r>(r: &'r Rencana, kode: &str) -> &'r Program {
    r.program.iter().find(|p| p.kode == kode).unwrap_or_else(|| panic!("no program {kode}"))
}

fn kegiatan<'r>(r: &'r Rencana, kode: &str) -> &'r Kegiatan {
    r.program.iter().flat_map(|p| &p.kegiatan).find(|k| k.kode == kode).unwrap_or_else(|| panic!("no kegiatan {kode}"))
}

fn sub<'r>(r: &'r Rencana, kode: &str) -> &'r SubKegiatan {
    r.program
        .iter()
        .flat_map(|p| &p.kegiatan)
        .flat_map(|k| &k.sub_kegiatan)
        .find(|s| s.kode == kode)
        .unwrap_or_else(|| panic!("no sub kegiatan {kode}"))
}

/// Σ sub-kegiatan pagu (year n, n+1) under a program, or of the whole plan.
fn pagu(programs: &[&Program]) -> (Decimal, Decimal) {
    let subs = programs.iter().flat_map(|p| &p.kegiatan).flat_map(|k| &k.sub_kegiatan);
    subs.fold((Decimal::ZERO, Decimal::ZERO), |(a, b), s| {
        (a + s.pagu.unwrap().0, b + s.pagu_maju.map_or(Decimal::ZERO, |p| p.0))
    })
}

fn nilai(v: &Option<renja::plan::Nilai>) -> Decimal {
    v.as_ref().expect("a value").angka
}

// ---------------------------------------------------------------------------------------------
// The report, clean

/// What every reading of `laporan-renja-2027.xls` must give; the figures are summed by hand
/// from the sub-kegiatan rows of `buat_laporan.py`.
fn assert_clean_report(r: &ImporSipd) {
    assert_eq!(r.identitas.tahun, Some(2027));
    assert_eq!(r.identitas.perangkat_daerah.as_deref(), Some("DINAS PEKERJAAN UMUM DAN PENATAAN RUANG"));
    assert_eq!(r.identitas.kode_bidang.as_deref(), Some("1.03"));
    assert!(r.peringatan.is_empty(), "{}", tampil(&r.peringatan));
    let rencana = &r.rencana;
    let headings: Vec<(&str, &str)> = rencana.urusan.iter().map(|u| (u.kode.as_str(), u.nama.as_str())).collect();
    assert_eq!(
        headings,
        [
            ("1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"),
            ("1.03", "URUSAN PEMERINTAHAN BIDANG PEKERJAAN UMUM DAN PENATAAN RUANG")
        ]
    );
    let codes: Vec<&str> = rencana.program.iter().map(|p| p.kode.as_str()).collect();
    assert_eq!(codes, ["1.03.01", "1.03.02", "1.03.03"]);

    // Two capaian lines: the first in the program's own fields, the second in `capaian`.
    let p1 = program(rencana, "1.03.01");
    assert_eq!(p1.nama, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA");
    assert_eq!(
        (p1.indikator[0].uraian.as_str(), p1.indikator[0].satuan.as_str(), nilai(&p1.indikator[0].target)),
        ("Nilai SAKIP Perangkat Daerah", "Nilai", d("78"))
    );
    assert_eq!((p1.indikator.len() - 1), 1);
    assert_eq!(p1.indikator[1].uraian, "Persentase pemenuhan layanan administrasi perkantoran");
    assert_eq!((p1.indikator[1].satuan.as_str(), nilai(&p1.indikator[1].target)), ("%", d("100")));
    // Indonesian numbers in targets: "72,5 %" and "1.275 Ha".
    let p2 = program(rencana, "1.03.02");
    assert_eq!((nilai(&p2.indikator[0].target), p2.indikator[0].satuan.as_str()), (d("72.5"), "%"));
    assert_eq!((nilai(&p2.indikator[1].target), p2.indikator[1].satuan.as_str()), (d("1275"), "Ha"));

    let k = kegiatan(rencana, "1.03.02.2.01");
    assert_eq!((nilai(&k.indikator[0].target), k.indikator[0].satuan.as_str()), (d("6"), "Unit"));
    assert_eq!((k.indikator.len() - 1), 1);
    assert_eq!((nilai(&k.indikator[1].target), k.indikator[1].satuan.as_str()), (d("85"), "%"));
    assert_eq!(k.penanggung_jawab, "Bidang Sumber Daya Air");
    assert!(k.pagu.is_none(), "a kegiatan with sub-kegiatan carries no pagu of its own");
    assert_eq!(nilai(&kegiatan(rencana, "1.03.02.2.02").indikator[0].target), d("146.2"));

    // A sub-kegiatan printed as a name row and an indicator row, with two indicators, two
    // locations and two funding sources.
    let s = sub(rencana, "1.03.02.2.01.0008");
    assert_eq!(s.nama, "Rehabilitasi Bendungan, Embung, Situ, dan Bangunan Penampung Air Lainnya");
    let ind: Vec<(&str, &str, Decimal)> =
        s.indikator.iter().map(|i| (i.uraian.as_str(), i.satuan.as_str(), nilai(&i.target))).collect();
    assert_eq!(
        ind,
        [
            ("Jumlah Embung dan Bangunan Penampung Air Lainnya yang Direhabilitasi", "Unit", d("2")),
            ("Volume tampungan yang dipulihkan", "M3", d("12500"))
        ]
    );
    assert_eq!(
        s.lokasi.0,
        ["Kabupaten Temanggung, Kec. Kledung, Semua Kel/Desa", "Kabupaten Temanggung, Kec. Bansari, Semua Kel/Desa"]
    );
    assert_eq!(s.sumber_dana, SumberDana::Teks("Dana Alokasi Umum, DAK Fisik - Reguler - Bidang Irigasi".into()));
    assert_eq!(s.prioritas.nasional, "PN 2: Ketahanan Pangan, Energi dan Air");
    assert_eq!(s.prioritas.daerah, "Prioritas 3: Infrastruktur dan Konektivitas Wilayah");
    assert_eq!(
        (s.kelompok_sasaran.as_str(), s.penanggung_jawab.as_str()),
        ("Petani pemakai air", "Bidang Sumber Daya Air")
    );
    assert_eq!((s.pagu.unwrap().0, s.pagu_maju.unwrap().0), (d("2450000000"), d("2600000000")));
    // One source: its amount is the pagu. A "-" priority is empty.
    let s1 = sub(rencana, "1.03.01.2.01.0001");
    assert_eq!(
        s1.sumber_dana,
        SumberDana::Rincian(vec![Dana { nama: "Dana Alokasi Umum".into(), pagu: s1.pagu.unwrap() }])
    );
    assert_eq!(s1.prioritas.nasional, "");

    // Totals, summed by hand from the sub-kegiatan rows:
    // 1.03.01: 68.500.000 + 45.350.000 + 21.846.300.000 = 21.960.150.000 (n+1: 22.549.000.000)
    // 1.03.02: 2.450.000.000 + 3.120.000.000 + 4.860.000.000 = 10.430.000.000 (11.000.000.000)
    // 1.03.03: 3.480.000.000 + 286.000.000 = 3.766.000.000 (3.900.000.000)
    assert_eq!(pagu(&[p1]), (d("21960150000"), d("22549000000")));
    assert_eq!(pagu(&[p2]), (d("10430000000"), d("11000000000")));
    assert_eq!(pagu(&[program(rencana, "1.03.03")]), (d("3766000000"), d("3900000000")));
    let all: Vec<&Program> = rencana.program.iter().collect();
    assert_eq!(pagu(&all), (d("36156150000"), d("37449000000")));
    let subs = rencana.program.iter().flat_map(|p| &p.kegiatan).map(|k| k.sub_kegiatan.len()).sum::<usize>();
    assert_eq!(subs, 8);
}

#[test]
fn the_report_saved_as_xls_is_read() {
    let bytes = read("laporan-renja-2027.xls");
    assert_eq!(sipd_ri::kenali(Path::new("laporan-renja-2027.xls"), &bytes), Some(JenisSumber::LaporanHtml));
    assert_clean_report(&laporan("laporan-renja-2027.xls", &bytes));
}

#[test]
fn the_report_re_saved_as_xlsx_reads_the_same() {
    let html = read("laporan-renja-2027.xls");
    let xlsx = xlsx_dari_html(&html);
    assert_eq!(sipd_ri::kenali(Path::new("laporan.xlsx"), &xlsx), Some(JenisSumber::LaporanBuku));
    let from_xlsx = laporan("laporan.xlsx", &xlsx);
    assert_clean_report(&from_xlsx);
    let from_html = laporan("laporan-renja-2027.xls", &html);
    assert_eq!(serde_json::to_value(&from_xlsx.rencana).unwrap(), serde_json::to_value(&from_html.rencana).unwrap());
}

/// What opening the HTML `.xls` in a spreadsheet and saving it as `.xlsx` gives: every cell as
/// text (wp-sipd marks every cell `mso-number-format:\@`), line breaks kept in the cell, and
/// each rowspan/colspan a merged range, laid out as a browser lays out the table.
fn xlsx_dari_html(html: &[u8]) -> Vec<u8> {
    let doc = Html::parse_document(std::str::from_utf8(html).unwrap());
    let tr = Selector::parse("table tr").unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Laporan Renja").unwrap();
    let wrap = Format::new().set_text_wrap();
    let mut taken = std::collections::HashSet::new();
    for (r, row) in doc.select(&tr).enumerate() {
        let mut c = 0u16;
        for cell in row.child_elements().filter(|e| matches!(e.value().name(), "td" | "th")) {
            while taken.contains(&(r as u32, c)) {
                c += 1;
            }
            let span = |name| cell.value().attr(name).map_or(1, |v: &str| v.parse::<u32>().unwrap());
            let (rows, cols) = (span("rowspan"), span("colspan") as u16);
            for dr in 0..rows {
                for dc in 0..cols {
                    taken.insert((r as u32 + dr, c + dc));
                }
            }
            let text = cell_text(cell);
            // A span overlapping another (only in mangled tables) keeps its first cell's text.
            let merged = (rows > 1 || cols > 1)
                && sheet.merge_range(r as u32, c, r as u32 + rows - 1, c + cols - 1, &text, &wrap).is_ok();
            if !merged && !text.is_empty() {
                sheet.write_string_with_format(r as u32, c, &text, &wrap).unwrap();
            }
            c += cols;
        }
    }
    workbook.save_to_buffer().unwrap()
}

fn cell_text(cell: ElementRef<'_>) -> String {
    let mut raw = String::new();
    for node in cell.descendants() {
        match node.value() {
            Node::Text(t) => raw.push_str(t),
            Node::Element(e) if e.name() == "br" => raw.push('\n'),
            _ => {}
        }
    }
    raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// A report typed into a workbook by hand: the header split over cells and merged
/// differently (the group heading merged over its columns, "Pagu Indikatif" and "(Rp)" in two
/// rows, "Kode" merged over three rows), no column-number row, codes written in front of the
/// names, typed numbers, blank spacer rows, and a second indicator on a row of its own.
fn buku_tangan(pagu_sub: Option<&str>) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("Renja 2027").unwrap();
    let f = Format::new();
    sheet.write_string(0, 0, "RENCANA KERJA DINAS PEKERJAAN UMUM DAN PENATAAN RUANG TAHUN ANGGARAN 2027").unwrap();
    // Header in rows 3–5 (0-based 2–4).
    for (c, text) in [(0, "No"), (1, "Kode"), (2, "Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan")] {
        sheet.merge_range(2, c, 4, c, text, &f).unwrap();
    }
    sheet.write_string(2, 3, "Indikator Program/").unwrap();
    sheet.merge_range(3, 3, 4, 3, "Kegiatan/ Sub Kegiatan", &f).unwrap();
    sheet.merge_range(2, 4, 2, 9, "Capaian Kinerja dan Kerangka Pendanaan", &f).unwrap();
    sheet.merge_range(3, 4, 4, 4, "Target", &f).unwrap();
    sheet.write_string(3, 5, "Pagu Indikatif").unwrap();
    sheet.write_string(4, 5, "(Rp)").unwrap();
    sheet.merge_range(3, 6, 4, 6, "Lokasi", &f).unwrap();
    sheet.merge_range(3, 7, 4, 7, "Sumber Dana", &f).unwrap();
    sheet.merge_range(3, 8, 3, 9, "Prioritas", &f).unwrap();
    sheet.write_string(4, 8, "Nasional").unwrap();
    sheet.write_string(4, 9, "Daerah").unwrap();
    sheet.merge_range(2, 10, 2, 11, "Prakiraan Maju Rencana Tahun 2028", &f).unwrap();
    sheet.merge_range(3, 10, 4, 10, "Target", &f).unwrap();
    sheet.merge_range(3, 11, 4, 11, "Pagu Indikatif (Rp)", &f).unwrap();
    // Data from row 7 (0-based 6); row 6 left blank.
    let rows: [(u32, [&str; 12]); 6] = [
        (
            6,
            [
                "1",
                "",
                "1.03.03 Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum",
                "Persentase rumah tangga dengan akses air minum layak",
                "93,5 %",
                "",
                "",
                "",
                "",
                "",
                "94 %",
                "",
            ],
        ),
        (7, ["", "", "", "Persentase kehilangan air PDAM", "28 %", "", "", "", "", "", "27 %", ""]),
        (
            9,
            [
                "",
                "1.03.03.2.01",
                "Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah Kabupaten/Kota",
                "Jumlah SPAM yang dibangun",
                "6 Unit",
                "",
                "",
                "",
                "",
                "",
                "6 Unit",
                "",
            ],
        ),
        (
            10,
            [
                "",
                "1.03.03.2.01.0005",
                "Pembangunan SPAM Jaringan Perpipaan di Kawasan Perdesaan",
                "Jumlah SPAM Jaringan Perpipaan Perdesaan yang Dibangun",
                "6 Unit",
                "#SUB1",
                "Kec. Tretep\nKec. Bejen",
                "DAU\nDAK Fisik",
                "PN 2: Ketahanan Pangan, Energi dan Air",
                "Prioritas 2",
                "6 Unit",
                "#MAJU1",
            ],
        ),
        (
            12,
            [
                "",
                "1.03.03.2.01.0016",
                "1.03.03.2.01.0016 Penyediaan Jasa Konsultansi Konstruksi SPAM",
                "Jumlah Dokumen Perencanaan Teknis SPAM",
                "4 Dokumen",
                "#SUB2",
                "Kabupaten Temanggung",
                "DAU",
                "-",
                "-",
                "4 Dokumen",
                "#MAJU2",
            ],
        ),
        (13, ["", "", "", "Persentase dokumen yang disetujui", "100 %", "", "", "", "", "", "100 %", ""]),
    ];
    for (r, cells) in rows {
        for (c, text) in cells.iter().enumerate() {
            let c = c as u16;
            match *text {
                "" => {}
                "#SUB1" => match pagu_sub {
                    Some(t) => sheet.write_string(r, c, t).map(|_| ()).unwrap(),
                    None => sheet.write_number(r, c, 3_480_000_000.0).map(|_| ()).unwrap(),
                },
                "#SUB2" => sheet.write_number(r, c, 286_000_000.0).map(|_| ()).unwrap(),
                "#MAJU1" => sheet.write_number(r, c, 3_600_000_000.0).map(|_| ()).unwrap(),
                "#MAJU2" => sheet.write_string(r, c, "300.000.000").map(|_| ()).unwrap(),
                t => sheet.write_string(r, c, t).map(|_| ()).unwrap(),
            }
        }
    }
    sheet.merge_range(15, 0, 15, 4, "JUMLAH", &f).unwrap();
    sheet.write_formula(15, 5, "=SUM(F11:F13)").unwrap();
    sheet.set_formula_result(15, 5, "3766000000");
    workbook.save_to_buffer().unwrap()
}

#[test]
fn a_header_split_over_merged_cells_is_read() {
    let r = laporan("renja.xlsx", &buku_tangan(None));
    assert_eq!(r.identitas.tahun, Some(2027));
    assert!(r.peringatan.is_empty(), "{}", tampil(&r.peringatan));
    let p = program(&r.rencana, "1.03.03");
    assert_eq!(p.nama, "Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum");
    assert_eq!(
        (nilai(&p.indikator[0].target), p.indikator[0].target_maju.as_ref().map(|n| n.angka)),
        (d("93.5"), Some(d("94")))
    );
    assert_eq!(p.indikator[1].uraian, "Persentase kehilangan air PDAM");
    let s = sub(&r.rencana, "1.03.03.2.01.0005");
    assert_eq!(s.lokasi.0, ["Kec. Tretep", "Kec. Bejen"]);
    assert_eq!(s.sumber_dana, SumberDana::Teks("DAU, DAK Fisik".into()));
    let s2 = sub(&r.rencana, "1.03.03.2.01.0016");
    assert_eq!(s2.nama, "Penyediaan Jasa Konsultansi Konstruksi SPAM");
    assert_eq!(s2.indikator.len(), 2);
    assert_eq!(s2.indikator[1].uraian, "Persentase dokumen yang disetujui");
    // 3.480.000.000 + 286.000.000 = 3.766.000.000, as the JUMLAH formula's value says;
    // n+1: 3.600.000.000 + 300.000.000.
    assert_eq!(pagu(&[p]), (d("3766000000"), d("3900000000")));
}

#[test]
fn text_in_a_pagu_cell_of_a_workbook_is_located() {
    let e = errors_of(sipd_ri::baca_laporan(Path::new("renja.xlsx"), &buku_tangan(Some("tiga miliar"))));
    assert_eq!(
        e,
        "angka.teks @ Renja 2027!F11: sel pagu berisi teks, bukan angka | rupiah bulat, mis. 1.073.384.000 | \"tiga miliar\""
    );
}

// ---------------------------------------------------------------------------------------------
// The report, malformed: every case with its exact located message

fn html_diubah(from: &str, to: &str) -> Vec<u8> {
    let text = String::from_utf8(read("laporan-renja-2027.xls")).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from} must occur once in the fixture");
    text.replacen(from, to, 1).into_bytes()
}

#[test]
fn a_report_without_its_header_row_is_refused() {
    let html = "<table><tr><td>1</td><td>1.03.02</td><td>PROGRAM PENGELOLAAN SUMBER DAYA AIR (SDA)</td>\
                <td>10.430.000.000</td></tr></table>";
    let e = errors_of(sipd_ri::baca_laporan(Path::new("laporan.xls"), html.as_bytes()));
    assert_eq!(
        e,
        "laporan.tanpa_judul @ Tabel!A1: baris judul kolom laporan Renja tidak ditemukan | baris judul berisi \
         \"Kode\", \"Indikator …\" dan \"Pagu Indikatif (Rp)\" | sel pertama yang berisi, Tabel!A1: \"1\""
    );
}

#[test]
fn text_in_a_number_cell_is_located() {
    let e = errors_of(sipd_ri::baca_laporan(
        Path::new("laporan.xls"),
        &html_diubah(">68.500.000<", ">enam puluh delapan juta<"),
    ));
    assert_eq!(
        e,
        "angka.teks @ Tabel!I13: sel pagu berisi teks, bukan angka | rupiah bulat, mis. 1.073.384.000 | \
         \"enam puluh delapan juta\""
    );
    let e = errors_of(sipd_ri::baca_laporan(Path::new("laporan.xls"), &html_diubah(">4 Laporan<", ">empat laporan<")));
    assert_eq!(
        e,
        "angka.teks @ Tabel!H15: sel target berisi teks, bukan angka | angka dengan satuannya, mis. \"12 Dokumen\" \
         atau \"94,5 %\" | \"empat laporan\""
    );
}

/// SIPD holds one sub-kegiatan code twice when it is carried out at two places or by two
/// sub-units: both rows are imported, in source order, both in the kegiatan's total, and the
/// warning names both rows without suggesting to delete one.
#[test]
fn a_sub_kegiatan_code_used_twice_is_two_rows_with_a_warning() {
    let html = html_diubah(">1.03.01.2.01.0007<", ">1.03.01.2.01.0001<");
    let r = laporan("laporan.xls", &html);
    assert_eq!(
        tampil(&r.peringatan),
        "kode.ganda @ Tabel!B14: sub kegiatan 1.03.01.2.01.0001 tercantum dua kali, di Tabel!B12 dan Tabel!B14 | \
         satu baris untuk setiap kode sub kegiatan, kecuali dilaksanakan di beberapa lokasi atau sub unit | \
         1.03.01.2.01.0001 di Tabel!B12 dan di Tabel!B14"
    );
    assert!(!r.peringatan[0].hint.as_deref().unwrap_or("").contains("hapus"));
    let clean = laporan("laporan-renja-2027.xls", &read("laporan-renja-2027.xls"));
    let before = kegiatan(&clean.rencana, "1.03.01.2.01");
    let after = kegiatan(&r.rencana, "1.03.01.2.01");
    // Same rows in the same order, the second now under the first's code, with its own pagu.
    assert_eq!(after.sub_kegiatan.len(), before.sub_kegiatan.len());
    for (a, b) in after.sub_kegiatan.iter().zip(&before.sub_kegiatan) {
        assert_eq!(a.pagu, b.pagu);
        assert_eq!(a.nama, b.nama);
    }
    let codes: Vec<&str> = after.sub_kegiatan.iter().map(|s| s.kode.as_str()).collect();
    assert_eq!(codes.iter().filter(|k| **k == "1.03.01.2.01.0001").count(), 2);
    assert_eq!(pagu(&[program(&r.rencana, "1.03.01")]), pagu(&[program(&clean.rencana, "1.03.01")]));
}

#[test]
fn a_program_code_used_twice_is_an_error_that_never_says_delete() {
    let e = errors_of(sipd_ri::baca_laporan(Path::new("laporan.xls"), &html_diubah(">1.03.02<", ">1.03.01<")));
    let first = e.lines().next().unwrap();
    assert!(first.starts_with("kode.duplikat @ Tabel!B"), "{e}");
    assert!(!e.contains("hapus"), "{e}");
}

#[test]
fn a_sub_kegiatan_whose_kegiatan_row_is_missing_is_reported() {
    let text = String::from_utf8(read("laporan-renja-2027.xls")).unwrap();
    let start = text[..text.find(">1.03.01.2.02<").unwrap()].rfind("<tr").unwrap();
    let end = start + text[start..].find("</tr>").unwrap() + "</tr>\n".len();
    let html = format!("{}{}", &text[..start], &text[end..]);
    let e = errors_of(sipd_ri::baca_laporan(Path::new("laporan.xls"), html.as_bytes()));
    // The kegiatan row (Tabel row 16) is gone, so the sub-kegiatan moved up to row 16.
    assert_eq!(
        e,
        "struktur.induk_hilang @ Tabel!B16: sub kegiatan 1.03.01.2.02.0001 tanpa baris kegiatan 1.03.01.2.02 | \
         baris kegiatan 1.03.01.2.02 di atas sub kegiatan ini | tidak ada baris berkode 1.03.01.2.02"
    );
}

#[test]
fn a_total_row_that_disagrees_is_reported_and_never_imported() {
    // The Jumlah row is Tabel row 34; its pagu n is 150.000 short of the rows above.
    let e = errors_of(sipd_ri::baca_laporan(
        Path::new("laporan.xls"),
        &html_diubah("\"nilai_penetapan\">36.156.150.000<", "\"nilai_penetapan\">36.156.000.000<"),
    ));
    assert_eq!(
        e,
        "jumlah.tidak_sama @ Tabel!I34: baris Jumlah tidak sama dengan jumlah baris di atasnya | \
         36.156.150.000 (jumlah pagu sub kegiatan) | 36.156.000.000 (kurang 150.000)"
    );
    // A program row's total is checked the same way.
    let e = errors_of(sipd_ri::baca_laporan(
        Path::new("laporan.xls"),
        &html_diubah(">10.430.000.000<", ">10.430.000.001<"),
    ));
    assert_eq!(
        e,
        "jumlah.tidak_sama @ Tabel!I19: pagu program 1.03.02 tidak sama dengan jumlah sub kegiatan di bawahnya | \
         10.430.000.000 (jumlah sub kegiatan di bawahnya) | 10.430.000.001 (lebih 1)"
    );
}

#[test]
fn an_empty_sheet_is_reported() {
    let mut workbook = Workbook::new();
    workbook.add_worksheet();
    let xlsx = workbook.save_to_buffer().unwrap();
    assert_eq!(sipd_ri::kenali(Path::new("kosong.xlsx"), &xlsx), None);
    let e = errors_of(sipd_ri::baca_laporan(Path::new("kosong.xlsx"), &xlsx));
    assert_eq!(
        e,
        "laporan.kosong @ Sheet1!A1: lembar Sheet1 kosong | tabel laporan Renja SIPD-RI (17 kolom), mulai dari \
         baris judulnya | tidak ada sel yang berisi"
    );
    // A header and nothing under it.
    let text = String::from_utf8(read("laporan-renja-2027.xls")).unwrap();
    let html = format!("{}</tbody></table>", &text[..text.find("<tbody>").unwrap() + "<tbody>".len()]);
    let e = errors_of(sipd_ri::baca_laporan(Path::new("laporan.xls"), html.as_bytes()));
    assert_eq!(
        e,
        "laporan.kosong @ Tabel!B6: tabel laporan Renja tanpa baris program, kegiatan atau sub kegiatan | baris \
         berkode di bawah baris judul, mis. 1.03.02 Program … | tidak ada baris berkode"
    );
}

#[test]
fn several_problems_are_reported_at_once() {
    let text = String::from_utf8(read("laporan-renja-2027.xls")).unwrap();
    let html = text
        .replacen(">68.500.000<", ">68,5 juta<", 1)
        .replacen(">1.03.03.2.01.0016<", ">1.03.03.2.01.0005<", 1)
        .replacen(">8 Km<", ">delapan<", 1);
    let e = errors_of(sipd_ri::baca_laporan(Path::new("laporan.xls"), html.as_bytes()));
    let codes: Vec<&str> = e.lines().map(|l| l.split(" @ ").next().unwrap()).collect();
    // The duplicate is kept as a row (a warning); the totals above the unreadable pagu are not
    // compared (their sum is unknown), so one bad cell is one error.
    assert_eq!(codes, ["angka.teks", "angka.teks", "kode.ganda"], "{e}");
}

// ---------------------------------------------------------------------------------------------
// sub_bl JSON

#[test]
fn sub_bl_records_are_read() {
    let bytes = read("sub-bl-2023.json");
    assert_eq!(sipd_ri::kenali(Path::new("sub-bl-2023.json"), &bytes), Some(JenisSumber::Json));
    let r = sipd_ri::baca_json(Path::new("sub-bl-2023.json"), &bytes).unwrap_or_else(|e| panic!("{}", tampil(&e)));
    assert!(r.peringatan.is_empty(), "{}", tampil(&r.peringatan));
    assert_eq!(r.identitas.tahun, Some(2023));
    assert_eq!(r.identitas.perangkat_daerah.as_deref(), Some("Kecamatan Kledung"));
    assert_eq!(r.identitas.kode_unit.as_deref(), Some("7.01.0.00.0.00.06.0000"));
    assert_eq!(r.identitas.kode_bidang.as_deref(), Some("7.01"));
    let rencana = &r.rencana;
    let headings: Vec<&str> = rencana.urusan.iter().map(|u| u.kode.as_str()).collect();
    assert_eq!(headings, ["7", "7.01"]);
    // X.XX resolved to the unit's bidang, codes off the names.
    let codes: Vec<&str> = rencana.program.iter().map(|p| p.kode.as_str()).collect();
    assert_eq!(codes, ["7.01.01", "7.01.02"]);
    let p1 = program(rencana, "7.01.01");
    assert_eq!(p1.nama, "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA");
    assert_eq!(sub(rencana, "7.01.01.2.01.01").nama, "Penyusunan Dokumen Perencanaan Perangkat Daerah");
    let p2 = program(rencana, "7.01.02");
    assert_eq!(
        (p2.indikator[0].uraian.as_str(), nilai(&p2.indikator[0].target)),
        (
            "Persentase desa yang mendapat pembinaan tentang lingkungan hidup, usaha ekonomi masyarakat, dan PKL",
            d("100")
        )
    );
    assert_eq!((p2.indikator.len() - 1), 2);
    assert_eq!(p2.indikator[1].target.as_ref().map(|n| n.angka), Some(d("0")));
    let k = kegiatan(rencana, "7.01.02.2.01");
    assert_eq!(k.nama, "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan");
    assert_eq!((nilai(&k.indikator[0].target), k.indikator[0].satuan.as_str()), (d("17"), "Laporan"));
    assert_eq!(k.indikator[1].jenis, Some(renja::plan::JenisIndikator::Hasil));
    assert_eq!((k.indikator[1].satuan.as_str(), nilai(&k.indikator[1].target)), ("Nilai", d("8.3")));
    assert_eq!(k.kelompok_sasaran, "Aparatur Kecamatan, Kelurahan, Desa dan Masyarakat");
    assert_eq!(k.sub_kegiatan.len(), 2);
    let s = sub(rencana, "7.01.02.2.01.01");
    assert_eq!(
        s.sumber_dana,
        SumberDana::Rincian(vec![
            Dana { nama: "PENDAPATAN ASLI DAERAH (PAD)".into(), pagu: renja::plan::Rupiah(d("96187500")) },
            Dana { nama: "DANA ALOKASI UMUM (DAU)".into(), pagu: renja::plan::Rupiah(d("200000000")) },
        ])
    );
    assert_eq!(s.lokasi.0, ["Kabupaten Temanggung, Kec. Kledung, Semua Kelurahan"]);
    assert_eq!(s.prioritas.nasional, "Mengembangkan Wilayah Untuk Mengurangi Kesenjangan Dan Menjamin Pemerataan");
    assert_eq!(s.waktu_pelaksanaan, "Januari-Desember");
    let s2 = sub(rencana, "7.01.02.2.01.02");
    assert_eq!(s2.indikator.len(), 2);
    assert_eq!(s2.waktu_pelaksanaan, "Maret-November");
    assert_eq!(s2.lokasi.0.len(), 2);
    assert_eq!(s2.prioritas.daerah, "Peningkatan Kualitas Pelayanan Publik");
    // 45.000.000 + 296.187.500 + 125.500.000 = 466.687.500;
    // n+1: 47.500.000 + 1.176.533.636 + 130.000.000 = 1.354.033.636.
    let all: Vec<&Program> = rencana.program.iter().collect();
    assert_eq!(pagu(&all), (d("466687500"), d("1354033636")));
}

#[test]
fn the_documented_wp_sipd_record_is_read() {
    let bytes = read("wp-sipd-get-sub-keg-2023.json");
    assert_eq!(sipd_ri::kenali(Path::new("x.json"), &bytes), Some(JenisSumber::Json));
    let r = sipd_ri::baca_json(Path::new("x.json"), &bytes).unwrap_or_else(|e| panic!("{}", tampil(&e)));
    let s = sub(&r.rencana, "7.01.02.2.01.01");
    assert_eq!(s.pagu.unwrap().0, d("296187500"));
    assert_eq!(s.pagu_maju.unwrap().0, d("1176533636"));
    assert_eq!(s.indikator[0].satuan, "Laporan");
    assert_eq!(
        s.sumber_dana,
        SumberDana::Rincian(vec![Dana { nama: "PENDAPATAN ASLI DAERAH (PAD)".into(), pagu: s.pagu.unwrap() }])
    );
    assert_eq!(s.lokasi.0, ["Kabupaten Temanggung, Kec. Kledung, Semua Kelurahan"]);
    let p = program(&r.rencana, "7.01.02");
    assert_eq!(
        ((p.indikator.len() - 1), nilai(&p.indikator[0].target), p.indikator[0].satuan.as_str()),
        (2, d("100"), "%")
    );
    let k = kegiatan(&r.rencana, "7.01.02.2.01");
    assert_eq!(
        (nilai(&k.indikator[0].target), k.indikator[1].target.as_ref().map(|n| n.angka)),
        (d("17"), Some(d("8.3")))
    );
    assert_eq!(k.indikator[1].jenis, Some(renja::plan::JenisIndikator::Hasil));
}

fn json_diubah(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let mut value: serde_json::Value = serde_json::from_slice(&read("sub-bl-2023.json")).unwrap();
    edit(&mut value);
    serde_json::to_vec_pretty(&value).unwrap()
}

#[test]
fn bad_sub_bl_records_are_located_by_json_path() {
    let bytes = json_diubah(|v| {
        v[1]["pagu_indikatif"] = "dua ratus juta".into();
        v[2]["kode_sub_giat"] = "7.01.02.2.01.01".into();
        v[0]["dana"][0]["pagu_dana"] = "40000000".into();
    });
    let e = errors_of(sipd_ri::baca_json(Path::new("sub-bl.json"), &bytes));
    assert_eq!(
        e,
        [
            "dana.tidak_sama @ $[0].dana: jumlah pagu_dana tidak sama dengan pagu sub kegiatan | jumlah 45.000.000 \
             (pagu) | 40.000.000 (kurang 5.000.000)",
            "angka.teks @ $[1].pagu_indikatif: pagu_indikatif berisi teks, bukan angka | rupiah bulat, mis. \
             296187500 | \"dua ratus juta\"",
            "kode.ganda @ $[2].kode_sub_giat: sub kegiatan 7.01.02.2.01.01 tercantum dua kali, di \
             $[1].kode_sub_giat dan $[2].kode_sub_giat | satu baris untuk setiap kode sub kegiatan, kecuali \
             dilaksanakan di beberapa lokasi atau sub unit | 7.01.02.2.01.01 di $[1].kode_sub_giat dan di \
             $[2].kode_sub_giat",
        ]
        .join("\n")
    );
    let e = errors_of(sipd_ri::baca_json(Path::new("kosong.json"), b"[]"));
    assert_eq!(e, "laporan.kosong @ $: JSON SIPD-RI tanpa sub kegiatan | sedikitnya satu objek sub kegiatan | []");
}

// ---------------------------------------------------------------------------------------------
// Sniffing, and the plan `check` accepts

#[test]
fn other_files_are_not_taken_for_sipd_sources() {
    let plan = std::fs::read(support::flagship_path()).unwrap();
    assert_eq!(sipd_ri::kenali(Path::new("plan.json"), &plan), None);
    let mut workbook = Workbook::new();
    workbook.add_worksheet().write_string(0, 0, "Kode program").unwrap();
    let xlsx = workbook.save_to_buffer().unwrap();
    assert_eq!(sipd_ri::kenali(Path::new("isian.xlsx"), &xlsx), None);
}

#[test]
fn an_imported_report_makes_a_plan_that_checks() {
    let imported = laporan("laporan-renja-2027.xls", &read("laporan-renja-2027.xls"));
    let mut plan = support::load(&support::root().join("examples/dinas-pupr-kabupaten-temanggung-2027.json")).plan;
    let rkpd_before = plan.rencana.program[1].kegiatan[0].rkpd.clone();
    plan.identitas.tahun = 2026;
    let notes = imported.terapkan(&mut plan);
    // The year follows the source, saying so; the plan's own name of the Perangkat Daerah
    // ("Dinas Pekerjaan Umum dan Penataan Ruang") is the report's in other letters: kept.
    assert_eq!(
        tampil(&notes),
        "impor.tahun @ $.identitas.tahun: tahun rencana diubah menjadi 2027 sesuai sumber | 2027 (tahun anggaran \
         sumber) | 2026 (tahun rencana sebelumnya)"
    );
    assert_eq!(plan.identitas.perangkat_daerah, "Dinas Pekerjaan Umum dan Penataan Ruang");
    assert_eq!(plan.identitas.kode_bidang.as_deref(), Some("1.03"));
    assert_eq!(plan.rencana.program.len(), 3);
    // The RKPD side of Tabel 2.3 (not in SIPD-RI's report) is kept by kode.
    assert_eq!(
        serde_json::to_value(&kegiatan(&plan.rencana, "1.03.02.2.01").rkpd).unwrap(),
        serde_json::to_value(&rkpd_before).unwrap()
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.json");
    std::fs::write(&out, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let output = support::renja().arg("check").arg(&out).output().unwrap();
    let code = output.status.code();
    assert!(matches!(code, Some(0 | 1)), "check exited {code:?}:\n{}", support::stderr(&output));
    // No rule fails on the imported tree; the example's prose still names the pagu of its
    // programs 4 to 8 (`{{ pagu_program_6 }}`), which the three imported programs do not have.
    let checked = renja::check::check(&plan, &renja::compute::compute(&plan));
    let errors: Vec<Diagnostic> = checked.into_iter().filter(Diagnostic::is_error).collect();
    let others: Vec<Diagnostic> = errors
        .iter()
        .filter(|d| !(d.code == "prosa.placeholder" && d.message.contains("pagu_program_")))
        .cloned()
        .collect();
    assert!(others.is_empty(), "{}", tampil(&others));
    assert_eq!(code, Some(if errors.is_empty() { 0 } else { 1 }));
}

#[test]
fn a_report_saved_in_windows_1252_keeps_its_letters() {
    // A spreadsheet's "save as web page" writes windows-1252: an en dash is byte 0x96.
    let text = String::from_utf8(read("laporan-renja-2027.xls")).unwrap();
    let html = text
        .replacen(
            "<div id=\"cetak\"",
            "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"><div id=\"cetak\"",
            1,
        )
        .replacen(">Evaluasi Kinerja Perangkat Daerah<", ">Evaluasi Kinerja Perangkat Daerah \u{2013} Triwulanan<", 1);
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&html);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not be UTF-8");
    let r = sipd_ri::baca(Path::new("laporan.xls"), &bytes).unwrap_or_else(|e| panic!("{}", tampil(&e)));
    assert_eq!(sub(&r.rencana, "1.03.01.2.01.0007").nama, "Evaluasi Kinerja Perangkat Daerah \u{2013} Triwulanan");
}

#[test]
fn json_errors_carry_line_and_column() {
    let bytes = json_diubah(|v| v[1]["pagu_indikatif"] = "dua ratus juta".into());
    let e = sipd_ri::baca(Path::new("sub-bl.json"), &bytes).unwrap_err();
    let text = String::from_utf8(bytes).unwrap();
    let line = text.lines().position(|l| l.contains("\"dua ratus juta\"")).unwrap() + 1;
    assert_eq!(e[0].location.map(|l| l.line), Some(line));
    let e = sipd_ri::baca_json(Path::new("potong.json"), b"[{\"kode_sub_giat\": \"1.03.02.2.01.0001\"").unwrap_err();
    assert_eq!(
        tampil(&e),
        "json.sintaks @ $: potong.json bukan JSON yang sah | larik JSON objek sub kegiatan SIPD-RI, dalam UTF-8 | \
         JSON terpotong (baris 1, kolom 38)"
    );
}

#[test]
fn an_unknown_file_is_not_guessed() {
    let e = sipd_ri::baca(Path::new("catatan.txt"), b"bukan laporan").unwrap_err();
    assert_eq!(
        tampil(&e),
        "sumber.jenis @ -: berkas bukan laporan Renja SIPD-RI atau JSON sub kegiatan SIPD-RI | tabel HTML (.xls dari \
         SIPD-RI), buku kerja .xlsx berjudul kolom Renja, atau JSON sub_bl | 13 bita yang tidak dikenali"
    );
}

#[test]
fn every_imported_figure_knows_its_cell() {
    let r = laporan("laporan-renja-2027.xls", &read("laporan-renja-2027.xls"));
    // Program 1.03.01, kegiatan 1.03.01.2.01, its first sub-kegiatan: name row 12, data row 13.
    let at = |path: &str| r.letak.get(path).map(String::as_str);
    assert_eq!(at("$.rencana.program[0]"), Some("Tabel!B10"));
    assert_eq!(at("$.rencana.program[0].kegiatan[0].sub_kegiatan[0]"), Some("Tabel!B12"));
    assert_eq!(at("$.rencana.program[0].kegiatan[0].sub_kegiatan[0].pagu"), Some("Tabel!I13"));
    assert_eq!(at("$.rencana.program[0].kegiatan[0].sub_kegiatan[0].pagu_maju"), Some("Tabel!P13"));
    assert_eq!(at("$.rencana.program[0].kegiatan[0].sub_kegiatan[0].indikator"), Some("Tabel!H13"));
    let j = sipd_ri::baca_json(Path::new("sub-bl.json"), &read("sub-bl-2023.json")).unwrap();
    assert_eq!(
        j.letak.get("$.rencana.program[1].kegiatan[0].sub_kegiatan[1]").map(String::as_str),
        Some("$[2].nama_sub_giat")
    );
}

#[test]
fn a_report_on_renja_inits_skeleton_checks_without_errors() {
    // What `renja import laporan.xls` without --into builds on: the skeleton of `renja init`.
    let mut plan = renja::load::parse_str(&renja::init::skeleton(Some("90/2019"))).unwrap();
    let imported = laporan("laporan-renja-2027.xls", &read("laporan-renja-2027.xls"));
    imported.terapkan(&mut plan);
    assert_eq!(plan.identitas.perangkat_daerah, "Dinas Contoh", "the skeleton's name stays until edited");
    let checked = renja::check::check(&plan, &renja::compute::compute(&plan));
    let blocking: Vec<Diagnostic> = checked.into_iter().filter(|d| d.is_error() && !d.final_only).collect();
    assert!(blocking.is_empty(), "{}", tampil(&blocking));
}

#[test]
fn a_shared_code_without_a_bidang_is_reported() {
    // Only the penunjang program, without the bidang row above it nor a unit code.
    let html = "<table><tr><td>Kode</td><td>Program/ Kegiatan/ Sub Kegiatan</td><td>Indikator</td><td>Target</td>\
                <td>Pagu Indikatif (Rp)</td></tr><tr><td>X.XX.01</td><td>PROGRAM PENUNJANG</td><td>Nilai SAKIP</td>\
                <td>78 Nilai</td><td>100.000</td></tr></table>";
    let e = errors_of(sipd_ri::baca_laporan(Path::new("laporan.xls"), html.as_bytes()));
    assert_eq!(
        e,
        "kode.bidang_kosong @ Tabel!A2: kode bersama X.XX.01 tanpa bidang urusan pengganti X.XX | bidang urusan \
         perangkat daerah (baris bidang, mis. 1.03, atau kode unit) | tidak ada di sumber"
    );
}

#[test]
fn a_hostile_table_is_refused_without_exhausting_memory() {
    let html = "<table><tr><td>Kode</td><td rowspan=\"65534\" colspan=\"1000\">Indikator Pagu</td></tr></table>";
    let e = errors_of(sipd_ri::baca_laporan(Path::new("laporan.xls"), html.as_bytes()));
    assert_eq!(
        e,
        "sumber.rusak @ -: tabel HTML laporan.xls tidak dapat dibaca | satu tabel laporan Renja SIPD-RI | tabel ke-1 \
         baris 1: tabel-tabel berkas ini melebihi 4000000 sel (rowspan dan colspan dihitung)"
    );
}

// ---------------------------------------------------------------------------------------------
// `renja import` on SIPD-RI sources

#[test]
fn import_writes_a_plan_from_the_report_that_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p.json");
    let output =
        support::renja().arg("import").arg(fixture("laporan-renja-2027.xls")).arg("-o").arg(&out).output().unwrap();
    let stderr = support::stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    // 3 programs, 5 kegiatan, 8 sub-kegiatan; 36.156.150.000 summed by hand above.
    assert!(stderr.contains("jumlah pagu 36.156.150.000"), "{stderr}");
    assert!(stderr.contains("impor.periode_renstra"), "{stderr}");
    let check = support::renja().arg("check").arg(&out).output().unwrap();
    assert!(matches!(check.status.code(), Some(0 | 1)), "{}", support::stderr(&check));
    let plan: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(plan["identitas"]["tahun"], 2027);
    assert_eq!(plan["identitas"]["perangkat_daerah"], "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG");
    assert_eq!(plan["identitas"]["periode_renstra"], serde_json::json!({ "awal": 2025, "akhir": 2029 }));
    assert_eq!(plan["rencana"]["program"][1]["kegiatan"][0]["sub_kegiatan"][0]["pagu"], 2_450_000_000_i64);

    // The same from the JSON export.
    let out_json = dir.path().join("q.json");
    let output =
        support::renja().arg("import").arg(fixture("sub-bl-2023.json")).arg("-o").arg(&out_json).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", support::stderr(&output));
    let check = support::renja().arg("check").arg(&out_json).output().unwrap();
    assert!(matches!(check.status.code(), Some(0 | 1)), "{}", support::stderr(&check));
}

#[test]
fn import_of_a_report_with_a_bad_cell_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("laporan.xls");
    std::fs::write(&source, html_diubah(">68.500.000<", ">enam puluh delapan juta<")).unwrap();
    let out = dir.path().join("p.json");
    std::fs::write(&out, "sebelumnya").unwrap();
    let output = support::renja().arg("import").arg(&source).arg("-o").arg(&out).output().unwrap();
    let stderr = support::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("galat[angka.teks]"), "{stderr}");
    assert!(stderr.contains("di: Tabel!I13"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "sebelumnya", "an earlier output stays as it was");
    let fresh = dir.path().join("baru.json");
    let output = support::renja().arg("import").arg(&source).arg("-o").arg(&fresh).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!fresh.exists(), "nothing is written");
}

#[test]
fn import_into_a_plan_of_the_same_year_keeps_its_narrative() {
    let dir = tempfile::tempdir().unwrap();
    let init = support::renja().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(init.status.code(), Some(0), "{}", support::stderr(&init));
    let plan = dir.path().join("plan.json");
    let out = dir.path().join("q.json");
    let output = support::renja()
        .arg("import")
        .arg(fixture("laporan-renja-2027.xls"))
        .arg("--into")
        .arg(&plan)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", support::stderr(&output));
    let before: serde_json::Value = serde_json::from_slice(&std::fs::read(&plan).unwrap()).unwrap();
    let after: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    // The narrative and identity as written (defaults the skeleton omits are written out).
    for section in ["latar_belakang", "landasan_hukum", "maksud_tujuan"] {
        assert_eq!(after["bab_1"][section]["isi"], before["bab_1"][section]["isi"]);
    }
    for key in ["pemda", "perangkat_daerah", "tahun", "periode_renstra"] {
        assert_eq!(after["identitas"][key], before["identitas"][key]);
    }
    assert_eq!(after["rencana"]["program"].as_array().unwrap().len(), 3);
}

#[test]
fn import_into_a_plan_of_another_year_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q.json");
    let output = support::renja()
        .arg("import")
        .arg(fixture("laporan-renja-2027.xls"))
        .arg("--into")
        .arg(support::flagship_path())
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = support::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "laporan-renja-2027.xls: Tahun rencana (n) di sumber berbeda dengan rencana tujuan\n \
             = di: tahun anggaran sumber SIPD-RI\n = diharapkan: 2019, seperti rencana tujuan (--into)\n = ditemukan: 2027"
        ),
        "{stderr}"
    );
    assert!(stderr.starts_with("galat[impor.identitas]: "), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn checks_findings_on_the_imported_plan_point_at_the_report() {
    // A sub-kegiatan without indicator reads (SIPD-RI prints it so) but does not check.
    let text = String::from_utf8(read("laporan-renja-2027.xls")).unwrap();
    let html = text.replacen(">Jumlah Dokumen Perencanaan Perangkat Daerah<", "><", 1).replacen(
        ">4 Dokumen</td><td class=\"kanan bawah text_kanan text_blok\">68.500.000<",
        "></td><td>68.500.000<",
        1,
    );
    assert_ne!(html, text);
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("laporan.xls");
    std::fs::write(&source, html).unwrap();
    let out = dir.path().join("p.json");
    let output = support::renja().arg("import").arg(&source).arg("-o").arg(&out).output().unwrap();
    let stderr = support::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("galat[indikator.kosong]"), "{stderr}");
    assert!(
        stderr.contains(" = di: Tabel!H13 ($.rencana.program[0].kegiatan[0].sub_kegiatan[0].indikator)"),
        "{stderr}"
    );
    assert!(!out.exists());
}

// ---------------------------------------------------------------------------------------------
// Never a panic: whatever a planner's copy of the report holds, the reader answers

/// What a mangled cell may hold: numbers in every notation, codes of every width, the words
/// the reader looks for, spans, and arbitrary text.
fn isi_sel() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        Just(String::new()),
        Just("-".to_owned()),
        Just("Jumlah".to_owned()),
        Just("Kode".to_owned()),
        Just("X.XX.01".to_owned()),
        Just("<td colspan=\"40\" rowspan=\"3\">Pagu</td>".to_owned()),
        "[0-9.,]{1,20}",
        "[0-9X]{1,2}(\\.[0-9X]{1,4}){0,8}",
        "[0-9]{1,6} ?[%A-Za-z/]{0,12}",
        "\\PC{0,40}",
    ]
}

#[test]
fn a_mangled_report_never_panics() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let text = String::from_utf8(read("laporan-renja-2027.xls")).unwrap();
    // Every cell's content, as byte ranges between `>` and `</td>`.
    let cells: Vec<(usize, usize)> = text
        .match_indices("</td>")
        .filter_map(|(end, _)| text[..end].rfind('>').map(|start| (start + 1, end)))
        .collect();
    let config =
        Config { cases: 96, failure_persistence: None, rng_seed: support::benih_typeset(), ..Config::default() };
    let mut runner = TestRunner::new(config);
    let edits = proptest::collection::vec((0..cells.len(), isi_sel()), 1..6);
    runner
        .run(&edits, |edits| {
            let mut edits = edits;
            edits.sort_by_key(|(i, _)| std::cmp::Reverse(*i));
            edits.dedup_by_key(|(i, _)| *i);
            let mut html = text.clone();
            for (i, content) in &edits {
                let (start, end) = cells[*i];
                html.replace_range(start..end, content);
            }
            let as_xlsx = xlsx_dari_html(html.as_bytes());
            for (name, bytes) in [("laporan.xls", html.into_bytes()), ("laporan.xlsx", as_xlsx)] {
                match sipd_ri::baca(Path::new(name), &bytes) {
                    Ok(r) => prop_assert!(r.rencana.program.iter().all(|p| !p.kode.is_empty())),
                    // Located, except where the whole file is meant (not a report, unreadable).
                    Err(e) => prop_assert!(
                        e.iter().all(|d| d.path.is_some() || d.code.starts_with("sumber.")),
                        "{}",
                        tampil(&e)
                    ),
                }
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn mangled_sub_bl_records_never_panic() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    let value: serde_json::Value = serde_json::from_slice(&read("sub-bl-2023.json")).unwrap();
    let keys: Vec<String> = value[1].as_object().unwrap().keys().cloned().collect();
    let nilai = prop_oneof![
        Just(serde_json::Value::Null),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        isi_sel().prop_map(serde_json::Value::from),
        Just(serde_json::json!([{ "tolok_ukur": "x", "target": "banyak" }, 3, null])),
        Just(serde_json::json!({})),
    ];
    let config =
        Config { cases: 96, failure_persistence: None, rng_seed: support::benih_typeset(), ..Config::default() };
    let mut runner = TestRunner::new(config);
    let edits = proptest::collection::vec((0..3usize, 0..keys.len(), nilai), 1..6);
    runner
        .run(&edits, |edits| {
            let mut v = value.clone();
            for (record, key, new) in edits {
                v[record][&keys[key]] = new;
            }
            let bytes = serde_json::to_vec(&v).unwrap();
            if let Err(e) = sipd_ri::baca(Path::new("sub-bl.json"), &bytes) {
                prop_assert!(e.iter().all(|d| d.path.is_some() || d.code.starts_with("sumber.")), "{}", tampil(&e));
            }
            Ok(())
        })
        .unwrap();
}

/// What SIPD-RI does not hold (the RKPD side of Tabel 2.3, catatan, the pagu ceiling) is carried
/// from the plan `--into` names, node by node of the same kode; a node new in SIPD has none.
#[test]
fn an_import_into_a_plan_keeps_what_sipd_does_not_hold() {
    let plan = &crate::sipd::SIPD.0.plan;
    let mut rencana = laporan("laporan-renja-2027.xls", &read("laporan-renja-2027.xls")).rencana;
    sipd_ri::bawa_yang_tidak_ada_di_sipd(&mut rencana, plan);
    let old = plan.rencana.program.iter().flat_map(|p| &p.kegiatan).find(|k| k.kode == "1.03.02.2.01").unwrap();
    let new = kegiatan(&rencana, "1.03.02.2.01");
    let pagu = |k: &Kegiatan| k.rkpd.as_ref().map(|r| r.pagu.0);
    assert!(pagu(old).is_some());
    assert_eq!(pagu(new), pagu(old));
    assert_eq!(new.catatan, old.catatan);
    assert_eq!(rencana.pagu_batas.map(|p| p.0), plan.rencana.pagu_batas.map(|p| p.0));
}
