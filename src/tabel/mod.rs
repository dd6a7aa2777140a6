//! Every table of a Renja, defined once: caption, header grid, columns, rows and the rule of
//! every derived cell.
//!
//! [`semua`] builds one [`Tabel`] per table (2.1, 2.2, 2.3, 2.4, 3.1, 4.1) from the plan and
//! [`crate::compute`]'s figures ([`susun`] is the only place rows, headers and columns are
//! written down). Numbers stay numbers ([`Isi`]) and every derived cell carries both the engine's
//! figure and the rule that derives it ([`Rumus`]). Everything that shows a table reads this
//! model:
//! - [`typst`]: the projection the PDF's one generic table function draws (text of every cell
//!   printed by [`cetak`], spans, alignment, orientation, and the columns' widths on the page
//!   and the long words' hyphenation decided by [`width`] and [`hyphenate`]);
//! - [`xlsx`]: one sheet per table with the PDF's merged multi-row headers, Indonesian number
//!   formats, percentages as numbers in a percent format, and every derived cell a live formula
//!   whose cached result is the engine's figure (viewers that never recalculate show the same
//!   numbers as the PDF);
//! - [`csv`]: one RFC 4180 file per table: a `Jenis` column (program, kegiatan, …), the table's
//!   columns, then `Satuan`; numbers without separators and with a decimal point, percentages
//!   rounded half-up to `pengaturan.desimal_persen` as the PDF prints them;
//! - [`json`]: one document with every table; numbers are strings of exact decimals (rupiah are
//!   whole numbers, percentages are the engine's unrounded rates in percent), `null` is an empty
//!   or missing cell and `"-"` an undefined ratio;
//! - `renja diff`, which pairs the rows of two revisions by their [`Baris::kunci`] and compares
//!   their cells by [`Kolom::kunci`], as [`cetak`] prints them; its "Daftar Perubahan" appendix
//!   is itself a [`Tabel`] ([`NomorTabel::Perubahan`]).

pub mod cetak;
mod csv;
pub mod hyphenate;
mod json;
mod susun;
pub mod typst;
pub mod width;
mod xlsx;

use std::ops::Range;

use crate::plan::Kertas;

use rust_decimal::Decimal;
use serde::Serialize;

pub use csv::{GayaCsv, csv, nama_csv};
pub use json::json;
pub use susun::semua;
pub use xlsx::{InfoBuku, TIDAK_FINAL, format_angka, format_persen, xlsx};

pub use crate::kerangka::NomorTabel;

/// Table text in points for a table of `kolom_tercetak` printed columns on paper `kertas`: 9,
/// 8 for the wide tables (more than 11 columns) so that they fit their page, and for the 17
/// columns of the SIPD-RI Tabel 4.1 (more than 15) 7 on F4 and 6.5 on A4. At 8 pt their
/// header's words, the names and the units whole take 789 of the 822 pt of an F4 landscape line
/// and leave the name and indicator columns a word wide (Temanggung's table: 17 pages on F4); at
/// 7 pt it fills 10. A4's landscape line is 257 mm against F4's 290: at 7 pt the whole words
/// take 701 of its 729 pt and the table 15 pages; the type scaled towards the line, 6.5 pt,
/// leaves the name and indicator columns room and the table 12 pages. The PDF sets it, and the
/// widths that depend on it (a Kode column) are computed with it.
pub fn ukuran_teks(kolom_tercetak: usize, kertas: Kertas) -> f64 {
    if kolom_tercetak > 15 {
        match kertas {
            Kertas::F4 => 7.0,
            Kertas::A4 => 6.5,
        }
    } else if tabel_lebar(kolom_tercetak) {
        8.0
    } else {
        9.0
    }
}

/// A wide table: more than 11 printed columns, set in 8 pt and on landscape pages only.
pub fn tabel_lebar(kolom_tercetak: usize) -> bool {
    kolom_tercetak > 11
}

/// One table: caption, header, columns and rows.
#[derive(Debug, Clone)]
pub struct Tabel {
    pub nomor: NomorTabel,
    /// The caption lines under "Tabel 2.1".
    pub judul: Vec<String>,
    /// Header cells, positioned on a grid of `tinggi_kepala` rows.
    pub kepala: Vec<Kepala>,
    pub tinggi_kepala: usize,
    pub kolom: Vec<Kolom>,
    pub baris: Vec<Baris>,
    /// Decimals of the plan's percentages (`pengaturan.desimal_persen`).
    pub desimal_persen: u32,
    /// Set on a landscape page of its own.
    pub datar: bool,
    /// Notes printed under the table (how derived figures are computed).
    pub catatan: Vec<String>,
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

/// What a column holds, which decides how its cells stand in the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JenisKolom {
    /// Text (names, indicators, notes), set from the top of the cell.
    Teks,
    /// Figures (values with their unit, rupiah, rates), right-aligned, from the top like text.
    Angka,
}

/// Horizontal alignment of a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rata {
    Kiri,
    Tengah,
    Kanan,
}

/// A column's width in the PDF: fixed, or a share of what the fixed ones leave.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lebar {
    Cm(f64),
    Fr(f64),
}

#[derive(Debug, Clone)]
pub struct Kolom {
    /// The key of the column in JSON, e.g. "tingkat_realisasi".
    pub kunci: &'static str,
    /// The header as one line, e.g. "Target Renstra PD Tahun ke- 2019".
    pub judul: String,
    /// The column number row of the reference, e.g. "8 = (7/6)".
    pub nomor: String,
    pub jenis: JenisKolom,
    pub rata: Rata,
    pub lebar_pdf: Lebar,
    /// Width in the workbook, in characters.
    pub lebar_xlsx: f64,
    /// Merged down over a row's continuation lines (Tabel 2.2's text columns).
    pub gabung: bool,
    /// Printed in the PDF; a column only for the exports (the predikat of Tabel 2.1) is not.
    pub di_pdf: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisBaris {
    /// A heading spanning the table ("Jenis Urusan : …").
    Kelompok,
    /// An urusan heading of Tabel 3.1/4.1: kode, then the name spanning the rest.
    Urusan,
    /// An urusan or bidang heading of the SIPD-RI Tabel 4.1, which fills each column: its kode,
    /// its name, and the pagu subtotals of the programs under it.
    Bidang,
    Program,
    Kegiatan,
    /// A sub-kegiatan (Permendagri 90/2019) under its kegiatan.
    SubKegiatan,
    Jumlah,
    /// An empty table: "NIHIL" spanning the table.
    Nihil,
}

impl JenisBaris {
    /// The name used in CSV, JSON and the Typst projection (as serde writes it).
    pub fn label(self) -> &'static str {
        match self {
            JenisBaris::Kelompok => "kelompok",
            JenisBaris::Urusan => "urusan",
            JenisBaris::Bidang => "bidang",
            JenisBaris::Program => "program",
            JenisBaris::Kegiatan => "kegiatan",
            JenisBaris::SubKegiatan => "sub_kegiatan",
            JenisBaris::Jumlah => "jumlah",
            JenisBaris::Nihil => "nihil",
        }
    }

    /// A heading or total that spans columns rather than filling each.
    pub fn membentang(self) -> bool {
        matches!(self, JenisBaris::Kelompok | JenisBaris::Urusan | JenisBaris::Jumlah | JenisBaris::Nihil)
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
    /// the first line's and are merged with it in the workbook and the PDF.
    pub lanjutan: bool,
    /// What identifies the row across two revisions of a plan, unique within its table: the
    /// row's level and its kode (`"kegiatan 1.03.01.2.01"`), or its indicator or name where a
    /// table has no kode; a further line of a node adds its position (`"… #2"`); a key met
    /// again adds its occurrence (`"… (2)"`). A builder sets the identifying part (or none for
    /// headings and totals, which are named by their text); [`Tabel::beri_kunci`] completes it,
    /// so every row [`semua`] returns has one. `renja diff` pairs rows by it, never by position.
    pub kunci: Option<String>,
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
    /// Nothing: a column that does not apply to the row. Prints nothing anywhere.
    Kosong,
    /// A source value the plan leaves out: "-" in the PDF, blank in the workbook, null in JSON.
    TidakAda,
    Teks(String),
    /// A target or realisation in the row's `satuan`.
    Angka(Decimal),
    Rupiah(Decimal),
    /// A rate in percent, unrounded (94.117… for 94%).
    Persen(Decimal),
    /// A ratio with a zero or missing denominator: printed "-".
    TakTerdefinisi,
}

impl Isi {
    /// The number the cell holds, if any.
    pub fn angka(&self) -> Option<Decimal> {
        match self {
            Isi::Angka(v) | Isi::Rupiah(v) | Isi::Persen(v) => Some(*v),
            _ => None,
        }
    }
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
    RataRata(Vec<usize>),
    /// The sum of the same column over these rows. `opsional`: "-" when none holds a number
    /// (a prakiraan maju that no kegiatan states).
    Total { baris: Vec<usize>, opsional: bool },
    /// The predikat of the rate in this column of the same row (≤50 sangat rendah, ≤65 rendah,
    /// ≤75 sedang, ≤90 tinggi, above sangat tinggi); "-" when the rate is undefined.
    Predikat { rasio: usize },
}

impl Sel {
    fn kosong() -> Sel {
        Sel { isi: Isi::Kosong, rumus: None }
    }

    fn tidak_ada() -> Sel {
        Sel { isi: Isi::TidakAda, rumus: None }
    }

    fn teks(text: impl Into<String>) -> Sel {
        Sel { isi: Isi::Teks(text.into()), rumus: None }
    }

    fn nilai(nilai: Option<&crate::plan::Nilai>) -> Sel {
        Sel { isi: nilai.map_or(Isi::TidakAda, |n| Isi::Angka(n.angka)), rumus: None }
    }

    fn rupiah(value: Decimal) -> Sel {
        Sel { isi: Isi::Rupiah(value), rumus: None }
    }

    fn turunan(isi: Isi, rumus: Rumus) -> Sel {
        Sel { isi, rumus: Some(rumus) }
    }

    /// The cell's text, for a text cell.
    pub fn teks_isi(&self) -> &str {
        match &self.isi {
            Isi::Teks(t) => t,
            _ => "",
        }
    }
}

impl Baris {
    fn new(jenis: JenisBaris, sel: Vec<Sel>) -> Baris {
        Baris { jenis, sel, satuan: None, lanjutan: false, kunci: None }
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

    fn kunci(mut self, kunci: impl Into<String>) -> Baris {
        self.kunci = Some(kunci.into());
        self
    }
}

impl Tabel {
    /// Completes every row's [`Baris::kunci`]: the level before what the builder set (else the
    /// row's first text), a further line keyed by its node and position, duplicates numbered by
    /// occurrence.
    pub(crate) fn beri_kunci(&mut self) {
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let (mut node, mut line) = (String::new(), 1);
        for b in &mut self.baris {
            let kunci = if b.lanjutan && !node.is_empty() {
                line += 1;
                format!("{node} #{line}")
            } else {
                let dasar = match b.kunci.take() {
                    Some(k) => k,
                    None => b.sel.iter().map(cetak::teks_sel).find(|t| !t.trim().is_empty()).unwrap_or_default(),
                };
                let dasar = format!("{} {}", b.jenis.label(), dasar.split_whitespace().collect::<Vec<_>>().join(" "));
                let n = seen.entry(dasar.clone()).or_insert(0);
                *n += 1;
                node = if *n > 1 { format!("{dasar} ({n})") } else { dasar };
                line = 1;
                node.clone()
            };
            b.kunci = Some(kunci);
        }
    }

    /// The index of the column with this JSON key.
    pub fn kolom_ke(&self, kunci: &str) -> Option<usize> {
        self.kolom.iter().position(|k| k.kunci == kunci)
    }

    /// The rows of one logical line: a row and the continuation lines under it.
    pub fn kelompok_baris(&self) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        for (i, b) in self.baris.iter().enumerate() {
            match out.last_mut() {
                Some(last) if b.lanjutan => last.end = i + 1,
                _ => out.push(i..i + 1),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_gets_a_key_unique_in_its_table() {
        let row = |jenis, kunci: Option<&str>, lanjutan, teks: &str| Baris {
            jenis,
            sel: vec![Sel::teks(teks), Sel::kosong()],
            satuan: None,
            lanjutan,
            kunci: kunci.map(str::to_owned),
        };
        let mut t = Tabel {
            nomor: NomorTabel::T4_1,
            judul: Vec::new(),
            kepala: Vec::new(),
            tinggi_kepala: 1,
            kolom: Vec::new(),
            baris: vec![
                row(JenisBaris::Program, Some("1.01"), false, "1.01"),
                row(JenisBaris::Program, None, true, ""),
                row(JenisBaris::Program, None, true, ""),
                row(JenisBaris::Kegiatan, Some("1.01"), false, "1.01"),
                row(JenisBaris::Kegiatan, Some("1.01"), false, "1.01"),
                row(JenisBaris::Kegiatan, Some("1.01"), true, ""),
                row(JenisBaris::Jumlah, None, false, "JUMLAH"),
            ],
            desimal_persen: 0,
            datar: false,
            catatan: Vec::new(),
        };
        t.beri_kunci();
        let keys: Vec<&str> = t.baris.iter().map(|b| b.kunci.as_deref().unwrap_or("?")).collect();
        assert_eq!(
            keys,
            [
                "program 1.01",
                "program 1.01 #2",
                "program 1.01 #3",
                "kegiatan 1.01",
                "kegiatan 1.01 (2)",
                "kegiatan 1.01 (2) #2",
                "jumlah JUMLAH"
            ]
        );
    }

    #[test]
    fn table_numbers_round_trip() {
        for n in NomorTabel::SEMUA {
            assert_eq!(NomorTabel::parse(n.as_str()), Some(n));
        }
        assert_eq!(NomorTabel::parse("5.1"), None);
    }
}
