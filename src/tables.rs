//! Every table of a Renja as data, and its export as a workbook (xlsx), CSV or JSON.
//!
//! [`semua`] builds one [`Tabel`] per table (2.1, 2.2, 2.3, 2.4, 3.1, 4.1) from the plan and
//! [`crate::compute`]'s figures: the rows and headers the PDF prints, but with numbers kept as
//! numbers and every derived cell carrying both the engine's figure and the rule that derives it
//! ([`Rumus`]). The writers turn that model into
//! - [`xlsx`]: one sheet per table with the PDF's merged multi-row headers, Indonesian number
//!   formats, percentages as numbers in a percent format, and every derived cell a live formula
//!   whose cached result is the engine's figure (viewers that never recalculate show the same
//!   numbers as the PDF);
//! - [`csv`]: one RFC 4180 file per table: a `Jenis` column (program, kegiatan, …), the table's
//!   columns, then `Satuan`; numbers without separators and with a decimal point, percentages
//!   rounded half-up to `pengaturan.desimal_persen` as the PDF prints them;
//! - [`json`]: one document with every table; numbers are strings of exact decimals (rupiah are
//!   whole numbers, percentages are the engine's unrounded rates in percent), `null` is an empty
//!   cell and `"-"` an undefined ratio.

use std::fmt::Write as _;
use std::ops::Range;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::compute::{self, BarisEvaluasi, Computed, Rasio};
use crate::format;
use crate::plan::{self, BarisKinerja, IndikatorEvaluasi, Kertas, Plan, Polaritas};
use crate::typeset::DocumentDate;

// ---------------------------------------------------------------------------------------------
// The model

/// One table: caption, header, columns and rows.
#[derive(Debug, Clone)]
pub struct Tabel {
    /// "2.1", "3.1", …; the sheet is named "Tabel 2.1".
    pub nomor: &'static str,
    /// The caption lines under "Tabel 2.1".
    pub judul: Vec<String>,
    /// Header cells, positioned on a grid of `tinggi_kepala` rows.
    pub kepala: Vec<Kepala>,
    pub tinggi_kepala: usize,
    pub kolom: Vec<Kolom>,
    pub baris: Vec<Baris>,
    /// Decimals of the plan's percentages (`pengaturan.desimal_persen`).
    pub desimal_persen: u32,
}

/// A header cell spanning `tinggi` rows and `lebar` columns from (`baris`, `kolom`).
#[derive(Debug, Clone)]
pub struct Kepala {
    pub baris: usize,
    pub kolom: usize,
    pub tinggi: usize,
    pub lebar: usize,
    pub teks: String,
}

#[derive(Debug, Clone)]
pub struct Kolom {
    /// The key of the column in JSON, e.g. "tingkat_realisasi".
    pub kunci: &'static str,
    /// The header as one line, e.g. "Target Renstra PD Tahun ke- 2019".
    pub judul: String,
    /// The column number row of the reference, e.g. "8 = (7/6)".
    pub nomor: String,
    /// Width in the workbook, in characters.
    pub lebar: f64,
    /// Centred (No.) rather than left-aligned text.
    pub tengah: bool,
    /// Merged down over a row's continuation lines (Tabel 2.2's text columns).
    pub gabung: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisBaris {
    /// A heading spanning the table ("Jenis Urusan : …").
    Kelompok,
    /// An urusan heading of Tabel 3.1/4.1: kode, then the name spanning the rest.
    Urusan,
    Program,
    Kegiatan,
    Jumlah,
    /// An empty table: "NIHIL" spanning the table.
    Nihil,
}

impl JenisBaris {
    fn label(self) -> &'static str {
        match self {
            JenisBaris::Kelompok => "kelompok",
            JenisBaris::Urusan => "urusan",
            JenisBaris::Program => "program",
            JenisBaris::Kegiatan => "kegiatan",
            JenisBaris::Jumlah => "jumlah",
            JenisBaris::Nihil => "nihil",
        }
    }
}

/// One row; `sel` has one cell per column (a heading row's text is in its first cells).
#[derive(Debug, Clone)]
pub struct Baris {
    pub jenis: JenisBaris,
    pub sel: Vec<Sel>,
    /// The unit of the row's values (every row has at most one).
    pub satuan: Option<String>,
    /// A further line of the row above (Tabel 2.2: one line per unit); its text cells repeat
    /// the first line's and are merged with it in the workbook.
    pub lanjutan: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sel {
    pub isi: Isi,
    /// How the cell derives from others, for a live formula; None for source data.
    pub rumus: Option<Rumus>,
}

/// What a cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Isi {
    /// Nothing: a missing source value, or a column that does not apply.
    Kosong,
    Teks(String),
    /// A target or realisation in the row's `satuan`.
    Angka(Decimal),
    Rupiah(Decimal),
    /// A rate in percent, unrounded (94.117… for 94%).
    Persen(Decimal),
    /// A ratio with a zero or missing denominator: printed "-".
    TakTerdefinisi,
}

/// The rule of a derived cell. Columns and rows are indices into the same [`Tabel`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rumus {
    /// pembilang / penyebut of the same row as a rate; "-" when the denominator is zero or
    /// empty or the numerator is not a number.
    Rasio { pembilang: usize, penyebut: usize },
    /// The sum of these columns of the same row (an empty cell adds nothing); "-" when all are
    /// empty.
    Jumlah(Vec<usize>),
    /// The first of these columns of the same row that holds a number; "-" when none does.
    Terakhir(Vec<usize>),
    /// The mean of the same column over these rows, ignoring "-"; "-" when none is a number.
    RataRata(Range<usize>),
    /// The sum of the same column over these rows. `opsional`: "-" when none holds a number
    /// (a prakiraan maju that no kegiatan states).
    Total { baris: Vec<usize>, opsional: bool },
}

impl Sel {
    fn kosong() -> Sel {
        Sel { isi: Isi::Kosong, rumus: None }
    }

    fn teks(text: impl Into<String>) -> Sel {
        Sel { isi: Isi::Teks(text.into()), rumus: None }
    }

    fn nilai(nilai: Option<&plan::Nilai>) -> Sel {
        Sel { isi: nilai.map_or(Isi::Kosong, |n| Isi::Angka(n.angka)), rumus: None }
    }

    fn rupiah(value: Decimal) -> Sel {
        Sel { isi: Isi::Rupiah(value), rumus: None }
    }

    fn turunan(isi: Isi, rumus: Rumus) -> Sel {
        Sel { isi, rumus: Some(rumus) }
    }
}

fn isi_rasio(rasio: Rasio) -> Isi {
    match rasio {
        Rasio::Nilai(v) => Isi::Persen(v),
        Rasio::TakTerdefinisi => Isi::TakTerdefinisi,
        Rasio::TidakBerlaku => Isi::Kosong,
    }
}

impl Baris {
    fn new(jenis: JenisBaris, sel: Vec<Sel>) -> Baris {
        Baris { jenis, sel, satuan: None, lanjutan: false }
    }

    /// A heading or NIHIL row: the text in the first cell, the rest empty.
    fn judul(jenis: JenisBaris, teks: String, kolom: usize) -> Baris {
        let mut sel = vec![Sel::kosong(); kolom];
        sel[0] = Sel::teks(teks);
        Baris::new(jenis, sel)
    }

    fn satuan(mut self, satuan: &str) -> Baris {
        self.satuan = Some(satuan.to_owned());
        self
    }
}

/// Builds the header grid from rows of (text, rowspan, colspan), placing each cell in the
/// first free position like an HTML table.
fn kepala(rows: &[&[(&str, usize, usize)]], lebar: usize) -> (Vec<Kepala>, usize) {
    let tinggi = rows.len();
    let mut taken = vec![vec![false; lebar]; tinggi];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for &(teks, rs, cs) in *row {
            while taken[r][c] {
                c += 1;
            }
            for line in taken.iter_mut().skip(r).take(rs) {
                for cell in line.iter_mut().skip(c).take(cs) {
                    *cell = true;
                }
            }
            out.push(Kepala { baris: r, kolom: c, tinggi: rs, lebar: cs, teks: teks.to_owned() });
            c += cs;
        }
    }
    (out, tinggi)
}

/// The one-line header of each column: its own header cell, under its group's when it has one.
fn judul_kolom(kepala: &[Kepala], tinggi: usize, c: usize) -> String {
    let mut parts: Vec<&str> = kepala
        .iter()
        .filter(|k| (k.kolom..k.kolom + k.lebar).contains(&c))
        .map(|k| (k.baris, k.teks.as_str()))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    if tinggi == 1 || parts.len() == 1 {
        return parts.pop().unwrap_or_default().to_owned();
    }
    let leaf = parts.pop().unwrap_or_default();
    let group = parts.join(" / ");
    // A year under "Tahun ke-" reads as one phrase.
    if leaf.parse::<i32>().is_ok() { format!("{group} {leaf}") } else { format!("{group} / {leaf}") }
}

struct Spek {
    kunci: &'static str,
    nomor: &'static str,
    lebar: f64,
    tengah: bool,
    gabung: bool,
}

const fn spek(kunci: &'static str, nomor: &'static str, lebar: f64) -> Spek {
    Spek { kunci, nomor, lebar, tengah: false, gabung: false }
}

const fn tengah(mut s: Spek) -> Spek {
    s.tengah = true;
    s
}

const fn gabung(mut s: Spek) -> Spek {
    s.gabung = true;
    s
}

fn kolom(spek: &[Spek], kepala: &[Kepala], tinggi: usize) -> Vec<Kolom> {
    spek.iter()
        .enumerate()
        .map(|(c, s)| Kolom {
            kunci: s.kunci,
            judul: judul_kolom(kepala, tinggi, c),
            nomor: if s.nomor.is_empty() { (c + 1).to_string() } else { s.nomor.to_owned() },
            lebar: s.lebar,
            tengah: s.tengah,
            gabung: s.gabung,
        })
        .collect()
}

/// Year n + `d` (saturating: `check` rejects implausible years, but a forced export still runs).
fn tahun(id: &plan::Identitas, d: i32) -> i32 {
    id.tahun.saturating_add(d)
}

/// Every table of the plan, in document order: 2.1, 2.2, 2.3, 2.4, 3.1, 4.1.
pub fn semua(plan: &Plan, computed: &Computed) -> Vec<Tabel> {
    vec![
        tabel_2_1(plan, computed),
        tabel_2_2(plan),
        tabel_2_3(plan, computed),
        tabel_2_4(plan),
        tabel_rencana(plan, computed, true),
        tabel_rencana(plan, computed, false),
    ]
}

// Tabel 2.1's columns, 0-based (column "4" of the reference is index 3).
const K4: usize = 3;
const K5: usize = 4;
const K6: usize = 5;
const K7: usize = 6;
const K8: usize = 7;
const K9: usize = 8;
const K10: usize = 9;

fn tabel_2_1(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let (n1, n2, n3) = (tahun(id, -1), tahun(id, -2), tahun(id, -3));
    let t = [
        format!("Target Capaian Kinerja Renstra PD Tahun {} (akhir periode Renstra PD)", id.periode_renstra.akhir),
        format!("Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun {n3}"),
        format!("Target & Realisasi Kinerja Program dan Keluaran Kegiatan Tahun {n2}"),
        format!("Target Program dan Kegiatan Renja PD Tahun Berjalan (Tahun {n1})"),
        format!("Perkiraan Realisasi Capaian Target Renstra Program/ Kegiatan s/d Tahun {n1} (Tahun Berjalan)"),
        format!("Target Renja PD Tahun {n2}"),
        format!("Realisasi Renja PD Tahun {n2}"),
        format!("Realisasi Capaian Program dan Kegiatan s/d Tahun {n1}"),
    ];
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("No.", 2, 1),
                ("Urusan/Bidang Urusan Pemerintah Daerah/ Program/Kegiatan", 2, 1),
                ("Indikator Kinerja Program (outcomes)/ Kegiatan (output)", 2, 1),
                (&t[0], 2, 1),
                (&t[1], 2, 1),
                (&t[2], 1, 3),
                (&t[3], 2, 1),
                (&t[4], 1, 2),
            ],
            &[
                (&t[5], 1, 1),
                (&t[6], 1, 1),
                ("Tingkat Realisasi (%)", 1, 1),
                (&t[7], 1, 1),
                ("Tingkat Capaian Realisasi Target Renstra (%)", 1, 1),
            ],
        ],
        11,
    );
    let kolom = kolom(
        &[
            tengah(spek("no", "", 5.0)),
            spek("program_kegiatan", "", 28.0),
            spek("indikator", "", 32.0),
            spek("target_renstra", "", 13.0),
            spek("realisasi_sd_n3", "", 13.0),
            spek("target_n2", "", 11.0),
            spek("realisasi_n2", "", 11.0),
            spek("tingkat_realisasi", "8 = (7/6)", 11.0),
            spek("target_n1", "", 12.0),
            spek("realisasi_sd_n1", "10 = (5+7+9)", 13.0),
            spek("capaian_renstra", "11 = (10/4)", 12.0),
        ],
        &kepala,
        tinggi,
    );
    let ev = &plan.evaluasi;
    let n = kolom.len();
    let mut baris = vec![
        Baris::judul(JenisBaris::Kelompok, format!("Jenis Urusan : {}", ev.jenis_urusan), n),
        Baris::judul(JenisBaris::Kelompok, format!("Urusan : {}", ev.urusan), n),
    ];
    for (i, (program, hasil)) in ev.program.iter().zip(&computed.evaluasi).enumerate() {
        let p = baris.len();
        let mut row = baris_evaluasi(
            JenisBaris::Program,
            format::romawi(i + 1),
            &program.nama,
            "Outcome",
            &program.indikator,
            &hasil.program,
        );
        // A program's rate is the mean of its kegiatan's rates, not its own 7/6.
        let kegiatan = p + 1..p + 1 + program.kegiatan.len();
        row.sel[K8] = Sel::turunan(isi_rasio(hasil.program.tingkat_realisasi), Rumus::RataRata(kegiatan));
        baris.push(row);
        for (j, (kegiatan, h)) in program.kegiatan.iter().zip(&hasil.kegiatan).enumerate() {
            baris.push(baris_evaluasi(
                JenisBaris::Kegiatan,
                (j + 1).to_string(),
                &kegiatan.nama,
                "Output",
                &kegiatan.indikator,
                h,
            ));
        }
    }
    Tabel {
        nomor: "2.1",
        judul: vec![
            format!(
                "Rekapitulasi Hasil Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra s/d Tahun {}",
                tahun(id, -1)
            ),
            format!("{} {}", id.perangkat_daerah, id.pemda),
        ],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
    }
}

fn baris_evaluasi(
    jenis: JenisBaris,
    no: String,
    nama: &str,
    prefix: &str,
    ind: &IndikatorEvaluasi,
    hasil: &BarisEvaluasi,
) -> Baris {
    // Positive polarity: realisasi/target; negative (lower is better): target/realisasi.
    let rasio = |realisasi: usize, target: usize| match ind.polaritas {
        Polaritas::Positif => Rumus::Rasio { pembilang: realisasi, penyebut: target },
        Polaritas::Negatif => Rumus::Rasio { pembilang: target, penyebut: realisasi },
    };
    let realisasi_sd_n1 = hasil.realisasi_sd_n1.map_or(Isi::TakTerdefinisi, Isi::Angka);
    let (k10, k11) = if ind.is_kumulatif() {
        (
            Sel::turunan(realisasi_sd_n1, Rumus::Jumlah(vec![K5, K7, K9])),
            Sel::turunan(isi_rasio(hasil.capaian_renstra), rasio(K10, K4)),
        )
    } else {
        (Sel::turunan(realisasi_sd_n1, Rumus::Terakhir(vec![K9, K7, K5])), Sel::kosong())
    };
    Baris::new(
        jenis,
        vec![
            Sel::teks(no),
            Sel::teks(nama),
            Sel::teks(format!("{prefix} : {}", ind.uraian)),
            Sel::nilai(ind.target_renstra.as_ref()),
            Sel::nilai(ind.realisasi_sd_n3.as_ref()),
            Sel::nilai(ind.target_n2.as_ref()),
            Sel::nilai(ind.realisasi_n2.as_ref()),
            Sel::turunan(isi_rasio(hasil.tingkat_realisasi), rasio(K7, K6)),
            Sel::nilai(ind.target_n1.as_ref()),
            k10,
            k11,
        ],
    )
    .satuan(&ind.satuan)
}

fn tabel_2_2(plan: &Plan) -> Tabel {
    let id = &plan.identitas;
    let years = [-2, -1, 0, 1].map(|d| tahun(id, d)).map(|y| y.to_string());
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("No.", 2, 1),
                ("Indikator", 2, 1),
                ("SPM/ Standar Nasional", 2, 1),
                ("IKK", 2, 1),
                ("Target Renstra PD Tahun ke-", 1, 4),
                ("Realisasi Capaian Tahun ke-", 1, 2),
                ("Proyeksi Tahun ke-", 1, 2),
                ("Catatan Analisis", 2, 1),
            ],
            &[
                (&years[0], 1, 1),
                (&years[1], 1, 1),
                (&years[2], 1, 1),
                (&years[3], 1, 1),
                (&years[0], 1, 1),
                (&years[1], 1, 1),
                (&years[2], 1, 1),
                (&years[3], 1, 1),
            ],
        ],
        13,
    );
    let kolom = kolom(
        &[
            gabung(tengah(spek("no", "", 5.0))),
            gabung(spek("indikator", "", 36.0)),
            gabung(spek("spm", "", 11.0)),
            gabung(spek("ikk", "", 9.0)),
            spek("target_n2", "", 11.0),
            spek("target_n1", "", 11.0),
            spek("target_n", "", 11.0),
            spek("target_maju", "", 11.0),
            spek("realisasi_n2", "", 11.0),
            spek("realisasi_n1", "", 11.0),
            spek("proyeksi_n", "", 11.0),
            spek("proyeksi_maju", "", 11.0),
            gabung(spek("catatan", "", 26.0)),
        ],
        &kepala,
        tinggi,
    );
    let n = kolom.len();
    let lines = |jenis: JenisBaris, no: String, row: &BarisKinerja, out: &mut Vec<Baris>| {
        let mut first = true;
        let mut push = |line: Option<&plan::NilaiKinerja>| {
            let v = |pick: fn(&plan::NilaiKinerja) -> Option<&plan::Nilai>| Sel::nilai(line.and_then(pick));
            let mut b = Baris::new(
                jenis,
                vec![
                    Sel::teks(no.clone()),
                    Sel::teks(&row.indikator),
                    Sel::teks(&row.spm),
                    Sel::teks(&row.ikk),
                    v(|l| l.target[0].as_ref()),
                    v(|l| l.target[1].as_ref()),
                    v(|l| l.target[2].as_ref()),
                    v(|l| l.target[3].as_ref()),
                    v(|l| l.realisasi[0].as_ref()),
                    v(|l| l.realisasi[1].as_ref()),
                    v(|l| l.proyeksi[0].as_ref()),
                    v(|l| l.proyeksi[1].as_ref()),
                    Sel::teks(&row.catatan),
                ],
            );
            b.satuan = line.map(|l| l.satuan.clone());
            b.lanjutan = !first;
            first = false;
            out.push(b);
        };
        if row.nilai.is_empty() {
            push(None);
        }
        for line in &row.nilai {
            push(Some(line));
        }
    };
    let kp = &plan.kinerja_pelayanan;
    let mut baris = Vec::new();
    if !kp.indikator_utama.is_empty() {
        baris.push(Baris::judul(JenisBaris::Kelompok, "Indikator Kinerja Utama".into(), n));
        for (i, row) in kp.indikator_utama.iter().enumerate() {
            lines(JenisBaris::Kegiatan, (i + 1).to_string(), row, &mut baris);
        }
    }
    if !kp.program.is_empty() {
        baris.push(Baris::judul(JenisBaris::Kelompok, "Indikator Program dan Kegiatan".into(), n));
        for (i, program) in kp.program.iter().enumerate() {
            lines(JenisBaris::Program, format::romawi(i + 1), program, &mut baris);
            for (j, kegiatan) in program.kegiatan.iter().enumerate() {
                lines(JenisBaris::Kegiatan, (j + 1).to_string(), kegiatan, &mut baris);
            }
        }
    }
    Tabel {
        nomor: "2.2",
        judul: vec![format!("Pencapaian Kinerja Pelayanan {}", id.perangkat_daerah), id.pemda.clone()],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
    }
}

/// Emits each urusan heading once, right before the first program under it (as the PDF does).
struct UrusanHeadings<'p> {
    pending: Vec<&'p plan::Urusan>,
}

impl<'p> UrusanHeadings<'p> {
    fn new(plan: &'p Plan) -> Self {
        UrusanHeadings { pending: plan.rencana.urusan.iter().collect() }
    }

    fn before(&mut self, kode: &str) -> Vec<&'p plan::Urusan> {
        let (now, later): (Vec<_>, Vec<_>) = self
            .pending
            .iter()
            .partition(|u| kode.strip_prefix(u.kode.as_str()).is_some_and(|rest| rest.starts_with('.')));
        self.pending = later;
        now
    }
}

/// Rows `from..to` as a list.
fn rows(range: Range<usize>) -> Vec<usize> {
    range.collect()
}

fn tabel_2_3(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let analisis = format!("Hasil Analisis Kebutuhan {}", id.tahun);
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("NO", 2, 1),
                ("Rancangan Awal Rencana Kerja Perangkat Daerah", 1, 5),
                (&analisis, 1, 5),
                ("Catatan Penting", 2, 1),
            ],
            &[
                ("Program/ Kegiatan", 1, 1),
                ("Lokasi", 1, 1),
                ("Indikator Kinerja", 1, 1),
                ("Target Capaian Kinerja", 1, 1),
                ("Pagu Indikatif (Rp.)", 1, 1),
                ("Program/ Kegiatan", 1, 1),
                ("Lokasi", 1, 1),
                ("Indikator Kinerja", 1, 1),
                ("Target Capaian Kinerja", 1, 1),
                ("Kebutuhan Dana (Rp.)", 1, 1),
            ],
        ],
        12,
    );
    let kolom = kolom(
        &[
            tengah(spek("no", "", 5.0)),
            spek("program_kegiatan_rkpd", "", 24.0),
            spek("lokasi_rkpd", "", 14.0),
            spek("indikator_rkpd", "", 26.0),
            spek("target_rkpd", "", 12.0),
            spek("pagu_rkpd", "", 15.0),
            spek("program_kegiatan_analisis", "", 24.0),
            spek("lokasi_analisis", "", 14.0),
            spek("indikator_analisis", "", 26.0),
            spek("target_analisis", "", 12.0),
            spek("pagu_analisis", "", 15.0),
            spek("catatan", "", 16.0),
        ],
        &kepala,
        tinggi,
    );
    const PAGU_RKPD: usize = 5;
    const PAGU_ANALISIS: usize = 10;
    let n = kolom.len();
    let mut baris: Vec<Baris> = Vec::new();
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    for (i, (program, pagu)) in plan.rencana.program.iter().zip(&computed.program).enumerate() {
        let before = headings.before(&program.kode);
        if !before.is_empty() {
            for u in before {
                let label = if u.kode.contains('.') { "URUSAN" } else { "JENIS URUSAN" };
                baris.push(Baris::judul(JenisBaris::Kelompok, format!("{label} : {}", u.nama), n));
            }
            baris.push(Baris::judul(JenisBaris::Kelompok, format!("PERANGKAT DAERAH : {}", id.perangkat_daerah), n));
        }
        let p = baris.len();
        program_rows.push(p);
        let kegiatan = rows(p + 1..p + 1 + program.kegiatan.len());
        let total =
            |isi: Decimal| Sel::turunan(Isi::Rupiah(isi), Rumus::Total { baris: kegiatan.clone(), opsional: false });
        baris.push(
            Baris::new(
                JenisBaris::Program,
                vec![
                    Sel::teks((i + 1).to_string()),
                    Sel::teks(&program.nama),
                    Sel::teks(""),
                    Sel::teks(&program.indikator),
                    Sel::nilai(Some(&program.target)),
                    total(pagu.pagu_rkpd),
                    Sel::teks(&program.nama),
                    Sel::teks(""),
                    Sel::teks(&program.indikator),
                    Sel::nilai(Some(&program.target)),
                    total(pagu.pagu_analisis),
                    Sel::teks(&program.catatan),
                ],
            )
            .satuan(&program.satuan),
        );
        for (j, k) in program.kegiatan.iter().enumerate() {
            let indikator = format!("Output : {}", k.indikator);
            let analisis = k.hasil_analisis.clone().unwrap_or_default();
            let (rkpd_lokasi, rkpd_target, rkpd_pagu) = match &k.rkpd {
                Some(r) => (
                    Sel::teks(r.lokasi.clone().unwrap_or_else(|| k.lokasi.clone())),
                    Sel::nilai(Some(r.target.as_ref().unwrap_or(&k.target))),
                    Sel::rupiah(r.pagu.0),
                ),
                None => (Sel::kosong(), Sel::kosong(), Sel::kosong()),
            };
            baris.push(
                Baris::new(
                    JenisBaris::Kegiatan,
                    vec![
                        Sel::teks((j + 1).to_string()),
                        Sel::teks(&k.nama),
                        rkpd_lokasi,
                        Sel::teks(&indikator),
                        rkpd_target,
                        rkpd_pagu,
                        Sel::teks(&k.nama),
                        Sel::teks(analisis.lokasi.unwrap_or_else(|| k.lokasi.clone())),
                        Sel::teks(indikator),
                        Sel::nilai(Some(compute::target_analisis(k))),
                        Sel::rupiah(compute::pagu_analisis(k)),
                        Sel::teks(&k.catatan),
                    ],
                )
                .satuan(&k.satuan),
            );
        }
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks("JUMLAH DANA");
    jumlah[PAGU_RKPD] = Sel::turunan(
        Isi::Rupiah(computed.jumlah.pagu_rkpd),
        Rumus::Total { baris: program_rows.clone(), opsional: false },
    );
    jumlah[PAGU_ANALISIS] =
        Sel::turunan(Isi::Rupiah(computed.jumlah.pagu_analisis), Rumus::Total { baris: program_rows, opsional: false });
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
    Tabel {
        nomor: "2.3",
        judul: vec![format!("Review Terhadap Rancangan Awal RKPD Tahun {}", id.tahun), id.pemda.clone()],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
    }
}

fn tabel_2_4(plan: &Plan) -> Tabel {
    let (kepala, tinggi) = kepala(
        &[&[
            ("No", 1, 1),
            ("Program/Kegiatan", 1, 1),
            ("Lokasi", 1, 1),
            ("Indikator Kinerja", 1, 1),
            ("Volume", 1, 1),
            ("Catatan", 1, 1),
        ]],
        6,
    );
    let kolom = kolom(
        &[
            tengah(spek("no", "", 5.0)),
            spek("program_kegiatan", "", 40.0),
            spek("lokasi", "", 22.0),
            spek("indikator", "", 40.0),
            spek("volume", "", 14.0),
            spek("catatan", "", 30.0),
        ],
        &kepala,
        tinggi,
    );
    let baris = if plan.usulan_masyarakat.is_empty() {
        vec![Baris::judul(JenisBaris::Nihil, "NIHIL".into(), kolom.len())]
    } else {
        plan.usulan_masyarakat
            .iter()
            .enumerate()
            .map(|(i, u)| {
                Baris::new(
                    JenisBaris::Kegiatan,
                    vec![
                        Sel::teks((i + 1).to_string()),
                        Sel::teks(&u.program_kegiatan),
                        Sel::teks(&u.lokasi),
                        Sel::teks(&u.indikator),
                        Sel::teks(&u.volume),
                        Sel::teks(&u.catatan),
                    ],
                )
            })
            .collect()
    };
    Tabel {
        nomor: "2.4",
        judul: vec![format!("Penelaahan Usulan Program dan Kegiatan Masyarakat Tahun {}", plan.identitas.tahun)],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
    }
}

/// Tabel 3.1 (with prakiraan maju) and Tabel 4.1 (without): the same rows.
fn tabel_rencana(plan: &Plan, computed: &Computed, maju: bool) -> Tabel {
    let id = &plan.identitas;
    let rencana = format!("Rencana Tahun {}", id.tahun);
    let prakiraan = format!("Prakiraan Maju Rencana Tahun {}", tahun(id, 1));
    let mut top: Vec<(&str, usize, usize)> = vec![
        ("KODE", 2, 1),
        ("Urusan/Bidang Urusan/ Program/Kegiatan", 2, 1),
        ("Indikator Kinerja Program (Outcome) dan Kegiatan (Output)", 2, 1),
        (&rencana, 1, 4),
        ("Catatan Penting", 2, 1),
    ];
    let mut bottom: Vec<(&str, usize, usize)> = vec![
        ("Lokasi", 1, 1),
        ("Target Capaian Kinerja", 1, 1),
        ("Kebutuhan Dana/ Pagu Indikatif", 1, 1),
        ("Sumber Dana", 1, 1),
    ];
    let mut spek = vec![
        spek("kode", "", 12.0),
        spek("program_kegiatan", "", if maju { 32.0 } else { 36.0 }),
        spek("indikator", "", if maju { 36.0 } else { 40.0 }),
        spek("lokasi", "", 18.0),
        spek("target", "", 12.0),
        spek("pagu", "", 15.0),
        tengah(spek("sumber_dana", "", 10.0)),
        spek("catatan", "", 16.0),
    ];
    if maju {
        top.push((&prakiraan, 1, 2));
        bottom.extend([("Target Capaian Kinerja", 1, 1), ("Pagu Indikatif", 1, 1)]);
        spek.extend([self::spek("target_maju", "", 12.0), self::spek("pagu_maju", "", 15.0)]);
    }
    let (kepala, tinggi) = kepala(&[&top, &bottom], spek.len());
    let kolom = kolom(&spek, &kepala, tinggi);
    const PAGU: usize = 5;
    const PAGU_MAJU: usize = 9;
    let n = kolom.len();
    let mut baris: Vec<Baris> = Vec::new();
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    for (program, pagu) in plan.rencana.program.iter().zip(&computed.program) {
        for u in headings.before(&program.kode) {
            let mut sel = vec![Sel::kosong(); n];
            sel[0] = Sel::teks(&u.kode);
            sel[1] = Sel::teks(u.nama.to_uppercase());
            baris.push(Baris::new(JenisBaris::Urusan, sel));
        }
        let p = baris.len();
        program_rows.push(p);
        let kegiatan = rows(p + 1..p + 1 + program.kegiatan.len());
        let mut sel = vec![
            Sel::teks(&program.kode),
            Sel::teks(&program.nama),
            Sel::teks(format!("Outcome : {}", program.indikator)),
            Sel::teks(&program.lokasi),
            Sel::nilai(Some(&program.target)),
            Sel::turunan(Isi::Rupiah(pagu.pagu), Rumus::Total { baris: kegiatan.clone(), opsional: false }),
            Sel::teks(&program.sumber_dana),
            Sel::teks(&program.catatan),
        ];
        if maju {
            sel.push(Sel::nilai(program.target_maju.as_ref()));
            sel.push(Sel::turunan(
                pagu.pagu_maju.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
                Rumus::Total { baris: kegiatan, opsional: true },
            ));
        }
        baris.push(Baris::new(JenisBaris::Program, sel).satuan(&program.satuan));
        for k in &program.kegiatan {
            let mut sel = vec![
                Sel::teks(&k.kode),
                Sel::teks(&k.nama),
                Sel::teks(format!("Output : {}", k.indikator)),
                Sel::teks(&k.lokasi),
                Sel::nilai(Some(&k.target)),
                Sel::rupiah(k.pagu.0),
                Sel::teks(&k.sumber_dana),
                Sel::teks(&k.catatan),
            ];
            if maju {
                sel.push(Sel::nilai(k.target_maju.as_ref()));
                sel.push(k.pagu_maju.map_or_else(Sel::kosong, |p| Sel::rupiah(p.0)));
            }
            baris.push(Baris::new(JenisBaris::Kegiatan, sel).satuan(&k.satuan));
        }
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks("JUMLAH");
    jumlah[PAGU] =
        Sel::turunan(Isi::Rupiah(computed.jumlah.pagu), Rumus::Total { baris: program_rows.clone(), opsional: false });
    if maju {
        jumlah[PAGU_MAJU] = Sel::turunan(
            computed.jumlah.pagu_maju.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
            Rumus::Total { baris: program_rows, opsional: true },
        );
    }
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
    let pd = format!("{} {}", id.perangkat_daerah, id.pemda);
    let (nomor, judul) = if maju {
        (
            "3.1",
            vec![
                format!(
                    "Rumusan Rencana Program dan Kegiatan Tahun {} dan Prakiraan Maju Tahun {}",
                    id.tahun,
                    tahun(id, 1)
                ),
                pd,
            ],
        )
    } else {
        ("4.1", vec![format!("Rumusan Rencana Kerja dan Pendanaan Tahun {}", id.tahun), pd])
    };
    Tabel { nomor, judul, kepala, tinggi_kepala: tinggi, kolom, baris, desimal_persen: plan.pengaturan.desimal_persen }
}

// ---------------------------------------------------------------------------------------------
// xlsx

/// What the workbook says about itself beyond the tables.
#[derive(Debug, Clone)]
pub struct InfoBuku {
    pub judul: String,
    pub penulis: String,
    /// The creation date stored in the file (never the clock, so the same plan gives the same
    /// bytes).
    pub tanggal: DocumentDate,
    /// False for a plan with errors exported anyway: every sheet says so under its caption.
    pub final_: bool,
    pub kertas: Kertas,
}

impl InfoBuku {
    pub fn of(plan: &Plan, tanggal: DocumentDate, final_: bool) -> InfoBuku {
        let id = &plan.identitas;
        InfoBuku {
            judul: format!("Tabel Rencana Kerja {} {} Tahun {}", id.perangkat_daerah, id.pemda, id.tahun),
            penulis: id.perangkat_daerah.clone(),
            tanggal,
            final_,
            kertas: plan.pengaturan.kertas,
        }
    }
}

/// The line every sheet carries under its caption when the plan has errors.
pub const TIDAK_FINAL: &str = "TIDAK FINAL: rencana memuat galat";

/// Excel's limits: the text of one cell, the text of one formula, the arguments of a function.
const MAKS_TEKS: usize = 32_767;
const MAKS_RUMUS: usize = 8_192;
const MAKS_ARGUMEN: usize = 255;

const WARNA_KEPALA: u32 = 0xD7D7D7;
const WARNA_PROGRAM: u32 = 0xE8E8E8;
const HURUF: &str = "Arial";
/// Points per line of 10-point text.
const TINGGI_BARIS: f64 = 12.75;

/// The workbook of every table, as bytes.
pub fn xlsx(tabel: &[Tabel], info: &InfoBuku) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let t = info.tanggal;
    let created = u16::try_from(t.year)
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, t.month, t.day).ok())
        .map_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1), Ok)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&info.judul)
            .set_author(&info.penulis)
            .set_comment("Disusun oleh renja; sel turunan adalah rumus")
            .set_creation_datetime(&created),
    );
    for tabel in tabel {
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("Tabel {}", tabel.nomor))?;
        tulis_lembar(sheet, tabel, info)?;
    }
    workbook.save_to_buffer()
}

fn dasar() -> Format {
    Format::new().set_font_name(HURUF).set_font_size(10)
}

fn bingkai() -> Format {
    dasar().set_border(FormatBorder::Thin).set_align(FormatAlign::Top)
}

/// Lines a text needs in a cell `lebar` units wide (the width of Calibri 11's "0", Excel's
/// unit), wrapped at spaces: an estimate, since a file cannot ask the viewer to fit its rows.
fn baris_teks(teks: &str, lebar: f64, tebal: bool) -> usize {
    // 10-point Arial is narrower than the unit; bold text less so; the cell pads both sides.
    let cap = (((lebar - 1.0) * if tebal { 1.15 } else { 1.25 }).max(1.0)) as usize;
    teks.split('\n')
        .map(|line| {
            let (mut lines, mut used) = (1, 0);
            for word in line.split_whitespace() {
                let w = word.chars().count();
                if used > 0 && used + 1 + w <= cap {
                    used += 1 + w;
                    continue;
                }
                if used > 0 {
                    lines += 1;
                }
                // A word longer than the line breaks anywhere.
                lines += (w.max(1) - 1) / cap;
                used = (w.max(1) - 1) % cap + 1;
            }
            lines
        })
        .sum()
}

/// Column widths: the model's, widened where a figure with its unit would not fit (a number
/// never wraps: Excel shows ### instead).
fn lebar_kolom(tabel: &Tabel) -> Vec<f64> {
    let d = tabel.desimal_persen;
    tabel
        .kolom
        .iter()
        .enumerate()
        .map(|(c, k)| {
            let longest = tabel
                .baris
                .iter()
                .filter_map(|b| {
                    let text = match b.sel[c].isi {
                        Isi::Angka(v) => format::nilai(v, b.satuan.as_deref().unwrap_or("")),
                        Isi::Rupiah(v) => format::rupiah(v),
                        Isi::Persen(v) => format::persen(v, d),
                        _ => return None,
                    };
                    Some(text.chars().count())
                })
                .max()
                .unwrap_or(0);
            k.lebar.max(longest as f64 * 1.1 + 2.0).min(60.0)
        })
        .collect()
}

fn tinggi(lines: usize) -> f64 {
    (lines.max(1) as f64 * TINGGI_BARIS + 3.0).min(409.0)
}

fn potong(teks: &str) -> &str {
    match teks.char_indices().nth(MAKS_TEKS) {
        Some((i, _)) => &teks[..i],
        None => teks,
    }
}

fn row_num(r: usize) -> Result<u32, XlsxError> {
    u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)
}

fn col_num(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn tulis_lembar(sheet: &mut Worksheet, tabel: &Tabel, info: &InfoBuku) -> Result<(), XlsxError> {
    let n = tabel.kolom.len();
    let last = col_num(n - 1)?;
    let lebar = lebar_kolom(tabel);
    let lebar_total: f64 = lebar.iter().sum();
    for (c, w) in lebar.iter().enumerate() {
        sheet.set_column_width(col_num(c)?, *w)?;
    }

    // Caption: "Tabel 2.1", its lines, and the not-final warning, each across the table.
    let mut r: u32 = 0;
    let mut caption = vec![format!("Tabel {}", tabel.nomor)];
    caption.extend(tabel.judul.iter().cloned());
    if !info.final_ {
        caption.push(TIDAK_FINAL.to_owned());
    }
    let f_judul = dasar().set_bold().set_font_size(11).set_align(FormatAlign::Center).set_text_wrap();
    for line in &caption {
        sheet.merge_range(r, 0, r, last, potong(line), &f_judul)?;
        sheet.set_row_height(r, tinggi(baris_teks(line, lebar_total, true)).max(15.0))?;
        r += 1;
    }
    r += 1;

    // Header: merged like the PDF's, then the row of column numbers.
    let top = r;
    let f_kepala = bingkai()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color(Color::RGB(WARNA_KEPALA));
    let mut lines = vec![1usize; tabel.tinggi_kepala];
    for k in &tabel.kepala {
        let (r0, c0) = (top + row_num(k.baris)?, col_num(k.kolom)?);
        let (r1, c1) = (r0 + row_num(k.tinggi - 1)?, c0 + col_num(k.lebar - 1)?);
        if r0 == r1 && c0 == c1 {
            sheet.write_string_with_format(r0, c0, &k.teks, &f_kepala)?;
        } else {
            sheet.merge_range(r0, c0, r1, c1, &k.teks, &f_kepala)?;
        }
        let width: f64 = lebar[k.kolom..k.kolom + k.lebar].iter().sum();
        let need = baris_teks(&k.teks, width, true).div_ceil(k.tinggi);
        for l in &mut lines[k.baris..k.baris + k.tinggi] {
            *l = (*l).max(need);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        sheet.set_row_height(top + row_num(i)?, tinggi(*l))?;
    }
    r = top + row_num(tabel.tinggi_kepala)?;
    let f_nomor =
        bingkai().set_font_size(8).set_align(FormatAlign::Center).set_background_color(Color::RGB(WARNA_KEPALA));
    for (c, k) in tabel.kolom.iter().enumerate() {
        sheet.write_string_with_format(r, col_num(c)?, &k.nomor, &f_nomor)?;
    }
    r += 1;
    sheet.set_freeze_panes(r, 0)?;
    sheet.set_repeat_rows(top, r - 1)?;

    let data_top = r;
    let mut i = 0;
    while i < tabel.baris.len() {
        let b = &tabel.baris[i];
        let sr = data_top + row_num(i)?;
        let tebal = b.jenis != JenisBaris::Kegiatan;
        let isian = (b.jenis == JenisBaris::Program).then_some(WARNA_PROGRAM);
        match b.jenis {
            JenisBaris::Kelompok | JenisBaris::Nihil => {
                let teks = teks_sel(&b.sel[0]);
                let mut f = bingkai().set_bold().set_text_wrap();
                if b.jenis == JenisBaris::Nihil {
                    f = f.set_align(FormatAlign::Center);
                }
                sheet.merge_range(sr, 0, sr, last, potong(teks), &f)?;
                sheet.set_row_height(sr, tinggi(baris_teks(teks, lebar_total, true)))?;
            }
            JenisBaris::Urusan => {
                tulis_sel(sheet, tabel, data_top, i, 0, tebal, isian)?;
                let teks = teks_sel(&b.sel[1]);
                sheet.merge_range(sr, 1, sr, last, potong(teks), &bingkai().set_bold().set_text_wrap())?;
                sheet.set_row_height(sr, tinggi(baris_teks(teks, lebar_total - lebar[0], true)))?;
            }
            JenisBaris::Jumlah => {
                // The label spans every column up to the first figure.
                let span = b.sel.iter().skip(1).position(|s| s.isi != Isi::Kosong).map_or(n, |p| p + 1);
                let f = bingkai().set_bold().set_align(FormatAlign::Center);
                if span > 1 {
                    sheet.merge_range(sr, 0, sr, col_num(span - 1)?, potong(teks_sel(&b.sel[0])), &f)?;
                } else {
                    sheet.write_string_with_format(sr, 0, potong(teks_sel(&b.sel[0])), &f)?;
                }
                for c in span..n {
                    tulis_sel(sheet, tabel, data_top, i, c, tebal, isian)?;
                }
            }
            JenisBaris::Program | JenisBaris::Kegiatan => {
                // Continuation lines below this one (Tabel 2.2's units) share its text cells.
                let extra = tabel.baris[i + 1..].iter().take_while(|x| x.lanjutan).count();
                let mut merged = 1;
                for (c, k) in tabel.kolom.iter().enumerate() {
                    if k.gabung && extra > 0 {
                        let teks = teks_sel(&b.sel[c]);
                        let f = gaya_teks(k.tengah, tebal, isian);
                        sheet.merge_range(sr, col_num(c)?, sr + row_num(extra)?, col_num(c)?, potong(teks), &f)?;
                        merged = merged.max(baris_teks(teks, lebar[c], tebal));
                    } else {
                        tulis_sel(sheet, tabel, data_top, i, c, tebal, isian)?;
                    }
                }
                for line in 1..=extra {
                    for (c, k) in tabel.kolom.iter().enumerate() {
                        if !k.gabung {
                            tulis_sel(sheet, tabel, data_top, i + line, c, tebal, isian)?;
                        }
                    }
                }
                // Viewers fit no row to its wrapped text on opening a file (and none ever fits
                // merged cells): every line gets the height its text needs.
                let each = merged.div_ceil(extra + 1);
                for line in 0..=extra {
                    let row = &tabel.baris[i + line];
                    let need = tabel
                        .kolom
                        .iter()
                        .zip(lebar.iter().zip(&row.sel))
                        .filter(|(k, _)| !(k.gabung && extra > 0))
                        .map(|(_, (w, s))| baris_teks(teks_sel(s), *w, tebal))
                        .max()
                        .unwrap_or(1);
                    sheet.set_row_height(sr + row_num(line)?, tinggi(need.max(each)))?;
                }
                i += extra;
            }
        }
        i += 1;
    }

    sheet.set_landscape();
    sheet.set_paper_size(match info.kertas {
        Kertas::A4 => 9,
        // Folio 8½ × 13 in, the closest standard size to F4 (215 × 330 mm).
        Kertas::F4 => 14,
    });
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer(format!("&LTabel {}&RHalaman &P dari &N", tabel.nomor));
    Ok(())
}

fn teks_sel(sel: &Sel) -> &str {
    match &sel.isi {
        Isi::Teks(t) => t,
        _ => "",
    }
}

fn gaya_teks(tengah: bool, tebal: bool, isian: Option<u32>) -> Format {
    let mut f = bingkai().set_text_wrap().set_align(if tengah { FormatAlign::Center } else { FormatAlign::Left });
    if tebal {
        f = f.set_bold();
    }
    if let Some(color) = isian {
        f = f.set_background_color(Color::RGB(color));
    }
    f
}

fn gaya_angka(num_format: &str, tebal: bool, isian: Option<u32>) -> Format {
    let mut f = bingkai().set_align(FormatAlign::Right).set_num_format(num_format);
    if tebal {
        f = f.set_bold();
    }
    if let Some(color) = isian {
        f = f.set_background_color(Color::RGB(color));
    }
    f
}

/// `#,##0`, with as many decimals as the value has, then the unit as literal text:
/// `#,##0.0" Buah"`, `#,##0"%"` (a unit "%" is text here: the value 5 means 5%).
pub fn format_angka(value: Option<Decimal>, satuan: Option<&str>) -> String {
    let decimals = value.map_or(0, |v| v.normalize().scale().min(10));
    let mut out = String::from("#,##0");
    if decimals > 0 {
        out.push('.');
        out.extend(std::iter::repeat_n('0', decimals as usize));
    }
    let satuan = satuan.map(str::trim).unwrap_or("");
    if !satuan.is_empty() {
        let text = if satuan == "%" { "%".to_owned() } else { format!(" {satuan}") };
        // A double quote cannot appear inside a quoted literal: close, escape it, reopen.
        let _ = write!(out, "\"{}\"", text.replace('"', "\"\\\"\""));
    }
    out
}

/// `0%`, `0.0%`, … for `desimal` decimals.
pub fn format_persen(desimal: u32) -> String {
    let desimal = desimal.min(10) as usize;
    if desimal == 0 { "0%".to_owned() } else { format!("0.{}%", "0".repeat(desimal)) }
}

const FORMAT_RUPIAH: &str = "#,##0";

fn f64_of(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

/// The number a cell stores: rates as fractions (0.94 shown as 94%), the rest as they are.
fn angka_sel(isi: &Isi) -> Option<f64> {
    match isi {
        Isi::Angka(v) | Isi::Rupiah(v) => Some(f64_of(*v)),
        Isi::Persen(v) => Some(f64_of(*v / Decimal::ONE_HUNDRED)),
        _ => None,
    }
}

fn tulis_sel(
    sheet: &mut Worksheet,
    tabel: &Tabel,
    data_top: u32,
    i: usize,
    c: usize,
    tebal: bool,
    isian: Option<u32>,
) -> Result<(), XlsxError> {
    let b = &tabel.baris[i];
    let sel = &b.sel[c];
    let k = &tabel.kolom[c];
    let (row, col) = (data_top + row_num(i)?, col_num(c)?);
    let satuan = b.satuan.as_deref();
    let num_format = match (&sel.isi, &sel.rumus) {
        (Isi::Angka(v), _) => Some(format_angka(Some(*v), satuan)),
        (Isi::Rupiah(_), _) => Some(FORMAT_RUPIAH.to_owned()),
        (Isi::Persen(_), _) => Some(format_persen(tabel.desimal_persen)),
        // An undefined derived cell keeps the format of what it would hold once defined.
        (Isi::TakTerdefinisi, Some(Rumus::Rasio { .. } | Rumus::RataRata(_))) => {
            Some(format_persen(tabel.desimal_persen))
        }
        (Isi::TakTerdefinisi, Some(Rumus::Jumlah(_) | Rumus::Terakhir(_))) => Some(format_angka(None, satuan)),
        (Isi::TakTerdefinisi, Some(Rumus::Total { .. })) => Some(FORMAT_RUPIAH.to_owned()),
        _ => None,
    };
    let f = match &num_format {
        Some(nf) => gaya_angka(nf, tebal, isian),
        None => gaya_teks(k.tengah, tebal, isian),
    };
    if let Some(rumus) = &sel.rumus
        && let Some(text) = teks_rumus(rumus, data_top, i, c)?
    {
        let result = match &sel.isi {
            Isi::TakTerdefinisi => "-".to_owned(),
            isi => angka_sel(isi).map_or_else(String::new, |v| v.to_string()),
        };
        sheet.write_formula_with_format(row, col, Formula::new(text).set_result(result), &f)?;
        return Ok(());
    }
    match &sel.isi {
        Isi::Kosong => {
            sheet.write_blank(row, col, &f)?;
        }
        Isi::Teks(t) if t.is_empty() => {
            sheet.write_blank(row, col, &f)?;
        }
        Isi::Teks(t) => {
            sheet.write_string_with_format(row, col, potong(t), &f)?;
        }
        Isi::TakTerdefinisi => {
            sheet.write_string_with_format(row, col, "-", &f.set_align(FormatAlign::Right))?;
        }
        isi => {
            let value = angka_sel(isi).unwrap_or(f64::NAN);
            sheet.write_number_with_format(row, col, value, &f)?;
        }
    }
    Ok(())
}

fn a1(row: u32, col: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, col)
}

/// `FUN(args)`, split into `SUM(FUN(…),FUN(…))` beyond Excel's 255 arguments (right for SUM and
/// COUNT, the only functions it is used with).
fn panggil(fun: &str, args: &[String]) -> String {
    if args.len() <= MAKS_ARGUMEN {
        return format!("{fun}({})", args.join(","));
    }
    let parts: Vec<String> = args.chunks(MAKS_ARGUMEN).map(|chunk| panggil(fun, chunk)).collect();
    panggil("SUM", &parts)
}

/// The cells of one column over some rows, consecutive rows joined into ranges.
fn rentang(rows: &[usize], data_top: u32, col: u16) -> Result<Vec<String>, XlsxError> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let mut end = k;
        while end + 1 < rows.len() && rows[end + 1] == rows[end] + 1 {
            end += 1;
        }
        let (first, last) = (data_top + row_num(rows[k])?, data_top + row_num(rows[end])?);
        out.push(if first == last {
            a1(first, col)
        } else {
            rust_xlsxwriter::utility::cell_range(first, col, last, col)
        });
        k = end + 1;
    }
    Ok(out)
}

/// The Excel formula of a derived cell, or None when Excel could not hold it (longer than
/// 8,192 characters: then the cell keeps the engine's figure as a plain value).
fn teks_rumus(rumus: &Rumus, data_top: u32, i: usize, c: usize) -> Result<Option<String>, XlsxError> {
    let row = data_top + row_num(i)?;
    let col = col_num(c)?;
    let here = |c: usize| -> Result<String, XlsxError> { Ok(a1(row, col_num(c)?)) };
    let text = match rumus {
        Rumus::Rasio { pembilang, penyebut } => {
            let (p, q) = (here(*pembilang)?, here(*penyebut)?);
            format!("IF(AND(ISNUMBER({p}),N({q})<>0),{p}/{q},\"-\")")
        }
        Rumus::Jumlah(cols) => {
            let refs = cols.iter().map(|c| here(*c)).collect::<Result<Vec<_>, _>>()?;
            format!("IF(COUNT({})=0,\"-\",{})", refs.join(","), refs.join("+"))
        }
        Rumus::Terakhir(cols) => {
            let mut text = "\"-\"".to_owned();
            for c in cols.iter().rev() {
                let r = here(*c)?;
                text = format!("IF(ISNUMBER({r}),{r},{text})");
            }
            text
        }
        Rumus::RataRata(rows) if rows.is_empty() => "\"-\"".to_owned(),
        Rumus::RataRata(rows) => {
            let range = rust_xlsxwriter::utility::cell_range(
                data_top + row_num(rows.start)?,
                col,
                data_top + row_num(rows.end - 1)?,
                col,
            );
            format!("IF(COUNT({range})=0,\"-\",AVERAGE({range}))")
        }
        Rumus::Total { baris, opsional } => {
            let args = rentang(baris, data_top, col)?;
            match (args.is_empty(), opsional) {
                (true, false) => "0".to_owned(),
                (true, true) => "\"-\"".to_owned(),
                (false, false) => panggil("SUM", &args),
                (false, true) => format!("IF({}=0,\"-\",{})", panggil("COUNT", &args), panggil("SUM", &args)),
            }
        }
    };
    Ok((text.len() < MAKS_RUMUS).then_some(text))
}

// ---------------------------------------------------------------------------------------------
// CSV

/// `NAMA-tabel-2.1.csv`.
pub fn nama_csv(stem: &str, tabel: &Tabel) -> String {
    format!("{stem}-tabel-{}.csv", tabel.nomor)
}

/// One table as RFC 4180 CSV (UTF-8, comma, CRLF).
pub fn csv(tabel: &Tabel) -> String {
    let mut out = String::new();
    let mut header = vec!["Jenis".to_owned()];
    header.extend(tabel.kolom.iter().map(|k| k.judul.clone()));
    header.push("Satuan".to_owned());
    csv_line(&header, &mut out);
    for b in &tabel.baris {
        let mut line = vec![b.jenis.label().to_owned()];
        line.extend(b.sel.iter().map(|s| teks_csv(&s.isi, tabel.desimal_persen)));
        line.push(b.satuan.clone().unwrap_or_default());
        csv_line(&line, &mut out);
    }
    out
}

fn teks_csv(isi: &Isi, desimal: u32) -> String {
    match isi {
        Isi::Kosong => String::new(),
        Isi::Teks(t) => t.clone(),
        Isi::Angka(v) | Isi::Rupiah(v) => v.normalize().to_string(),
        Isi::Persen(v) => {
            let mut rounded = format::bulatkan(*v, desimal);
            rounded.rescale(desimal);
            rounded.to_string()
        }
        Isi::TakTerdefinisi => "-".to_owned(),
    }
}

fn csv_line(fields: &[String], out: &mut String) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

// ---------------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct DokumenJson<'a> {
    renja_versi: &'static str,
    pemda: &'a str,
    perangkat_daerah: &'a str,
    tahun: i32,
    #[serde(rename = "final")]
    final_: bool,
    desimal_persen: u32,
    tabel: Vec<TabelJson<'a>>,
}

#[derive(Serialize)]
struct TabelJson<'a> {
    nomor: &'a str,
    judul: &'a [String],
    kolom: Vec<KolomJson<'a>>,
    baris: Vec<BarisJson<'a>>,
}

#[derive(Serialize)]
struct KolomJson<'a> {
    kunci: &'a str,
    judul: &'a str,
    nomor: &'a str,
    /// Whether the column holds derived figures (a formula in the workbook).
    turunan: bool,
}

struct BarisJson<'a> {
    baris: &'a Baris,
    kolom: &'a [Kolom],
}

impl Serialize for BarisJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.baris;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("jenis", &b.jenis)?;
        if let Some(satuan) = &b.satuan {
            map.serialize_entry("satuan", satuan)?;
        }
        if b.lanjutan {
            map.serialize_entry("lanjutan", &true)?;
        }
        map.serialize_entry("sel", &SelJson(self))?;
        map.end()
    }
}

/// The cells of a row as an object in column order.
struct SelJson<'a>(&'a BarisJson<'a>);

impl Serialize for SelJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.kolom.len()))?;
        for (k, sel) in self.0.kolom.iter().zip(&self.0.baris.sel) {
            let value: Option<String> = match &sel.isi {
                Isi::Kosong => None,
                Isi::Teks(t) => Some(t.clone()),
                Isi::Angka(v) | Isi::Rupiah(v) | Isi::Persen(v) => Some(v.normalize().to_string()),
                Isi::TakTerdefinisi => Some("-".to_owned()),
            };
            map.serialize_entry(k.kunci, &value)?;
        }
        map.end()
    }
}

/// Every table as one JSON document (pretty-printed, ending in a newline).
pub fn json(plan: &Plan, tabel: &[Tabel], final_: bool) -> String {
    let id = &plan.identitas;
    let doc = DokumenJson {
        renja_versi: env!("CARGO_PKG_VERSION"),
        pemda: &id.pemda,
        perangkat_daerah: &id.perangkat_daerah,
        tahun: id.tahun,
        final_,
        desimal_persen: plan.pengaturan.desimal_persen,
        tabel: tabel
            .iter()
            .map(|t| TabelJson {
                nomor: t.nomor,
                judul: &t.judul,
                kolom: t
                    .kolom
                    .iter()
                    .enumerate()
                    .map(|(c, k)| KolomJson {
                        kunci: k.kunci,
                        judul: &k.judul,
                        nomor: &k.nomor,
                        turunan: t.baris.iter().any(|b| b.sel[c].rumus.is_some()),
                    })
                    .collect(),
                baris: t.baris.iter().map(|b| BarisJson { baris: b, kolom: &t.kolom }).collect(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_quote_the_unit() {
        assert_eq!(format_angka(Some(Decimal::new(1215, 0)), Some("Buah")), "#,##0\" Buah\"");
        assert_eq!(format_angka(Some(Decimal::new(805, 1)), Some("%")), "#,##0.0\"%\"");
        assert_eq!(format_angka(Some(Decimal::new(800, 1)), None), "#,##0");
        assert_eq!(format_angka(None, Some("a\"b")), "#,##0\" a\"\\\"\"b\"");
        assert_eq!(format_persen(0), "0%");
        assert_eq!(format_persen(1), "0.0%");
    }

    #[test]
    fn long_sums_split_at_255_arguments() {
        let args: Vec<String> = (1..=600).map(|i| format!("A{i}")).collect();
        let text = panggil("SUM", &args);
        assert!(text.starts_with("SUM(SUM(A1,"), "{text}");
        assert_eq!(text.matches("SUM(").count(), 4);
        assert_eq!(panggil("COUNT", &args[..2]), "COUNT(A1,A2)");
        assert!(panggil("COUNT", &args).starts_with("SUM(COUNT(A1,"));
    }

    #[test]
    fn consecutive_rows_become_ranges() {
        assert_eq!(rentang(&[0, 1, 2, 5, 7, 8], 4, 5).unwrap(), ["F5:F7", "F10", "F12:F13"]);
    }

    #[test]
    fn header_cells_flow_around_row_spans() {
        let (cells, tinggi) = kepala(&[&[("a", 2, 1), ("b", 1, 2), ("c", 2, 1)], &[("d", 1, 1), ("e", 1, 1)]], 4);
        assert_eq!(tinggi, 2);
        let at: Vec<_> = cells.iter().map(|k| (k.teks.as_str(), k.baris, k.kolom)).collect();
        assert_eq!(at, [("a", 0, 0), ("b", 0, 1), ("c", 0, 3), ("d", 1, 1), ("e", 1, 2)]);
        assert_eq!(judul_kolom(&cells, tinggi, 2), "b / e");
        assert_eq!(judul_kolom(&cells, tinggi, 3), "c");
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut out = String::new();
        csv_line(&["a".into(), "b,c".into(), "say \"x\"".into(), "l1\nl2".into()], &mut out);
        assert_eq!(out, "a,\"b,c\",\"say \"\"x\"\"\",\"l1\nl2\"\r\n");
    }
}
