//! What changed between two revisions of a plan, as the document prints it (`renja diff`).
//!
//! [`compare`] is pure: two plans in, one serialisable [`Perubahan`] out. Printing it (an aligned
//! table or JSON) is the CLI's business; [`Perubahan::rows`] gives the rows that both the table
//! and the PDF appendix show, and [`appendix_table`]/[`appendix_pdf`] lay them out as the
//! "Daftar Perubahan", itself a [`crate::tabel::Tabel`] drawn like every table of the document.
//!
//! Every table is compared as the PDF prints it: [`crate::tabel::semua`] of both plans, rows
//! paired by [`crate::tabel::Baris::kunci`] (kode and level; indicator position; name where a
//! table has no kode) and then, for a row whose key changed, by level and name; each printed
//! cell compared by its column's key, as [`crate::tabel::cetak`] prints it. Captions, headers
//! and notes under a table are compared too. Identity, decree, signer and settings, the
//! narrative, the Lampiran and the pagu batas are compared by walking their JSON, with numbers
//! normalised (`100` and `100.0` are one value). So two plans are identical ([`Perubahan::is_empty`],
//! exit 0 of `renja diff`) when the two documents print the same text: formatting, key order,
//! `$schema`, or a field no page prints (the kode of a Tabel 2.1 row, a polarity that leaves
//! every rate as it was) do not count.
//!
//! # The JSON structure (`renja diff --format json`, `versi` 2)
//!
//! ```text
//! { "versi": 2, "lama": "plan.json", "baru": "p2.json", "identik": false,
//!   "perubahan": {
//!     "ringkasan": { "baris_ditambah": 0, "baris_dihapus": 0, "baris_diubah": 1,
//!                    "prosa": 0, "identitas": 0, "lainnya": 0 },
//!     "identitas": [Bidang],                 // identitas, keputusan, penandatangan, pengaturan
//!     "tabel": [ { "nomor": "4.1", "judul": "Rumusan Rencana Kerja dan Pendanaan Tahun 2019",
//!                  "bidang": [Bidang],       // "judul", "kepala", "nomor_kolom", "catatan"
//!                  "baris": [ { "kunci": "kegiatan 4.5.1.1", "jenis": "kegiatan",
//!                               "kode": "4.5.1.1", "nama": "…", "baris_ke": 1,
//!                               "status": "diubah", "bidang": [Bidang] } ] } ],
//!     "prosa": [ { "path", "nomor", "bagian", "kunci", "label", "semula", "menjadi",
//!                  "kata_semula", "kata_menjadi", "kata_dihapus", "kata_ditambah",
//!                  "potongan": null | [ { "sebelum", "semula", "menjadi", "sesudah" } ] } ],
//!     "lainnya": [ { "bagian", "nama", "bidang": Bidang } ]   // Lampiran, pagu batas
//! } }
//! ```
//!
//! A table row (`baris`) is one printed line: `kunci` is its [`crate::tabel::Baris::kunci`],
//! `jenis` its level (`kelompok`, `urusan`, `program`, `kegiatan`, `sub_kegiatan`, `jumlah`,
//! `nihil`), `kode` and `nama` those of its node (its row number where a table has no kode),
//! `baris_ke` its line within the node (2 and on: a further indicator, or Tabel 2.2's further
//! satuan). `status` is `"ditambah"` or `"dihapus"` (its `bidang` then hold its printed cells on
//! that side), `"diubah"` (a printed cell of its own changed, or it moved) or `"tetap"` (only
//! derived cells changed). Rows come in the new table's order, a removed row where it stood in
//! the old one; a row that changed place among the others has a Bidang `"urutan"`. The running
//! "No." column is not compared: it follows the rows' places.
//!
//! A `Bidang` is one changed field: `{ "kunci", "label", "path", "semula", "menjadi", "selisih",
//! "angka", "turunan" }`. In a table `kunci` is the column's key (`"pagu"`, `"target"`,
//! `"tingkat_realisasi"`, as `renja tables --format json` names it), `label` its header and
//! number (`"Rencana Tahun 2019 / Target Capaian Kinerja (kolom 5)"`) and `path` null;
//! elsewhere `kunci` is the JSON path without `$.` (`"keputusan.nomor"`) and `path` the JSON path
//! in the new plan (the old one for something removed). `semula`/`menjadi` are printed as the
//! PDF prints them (`"5.067.000"`, `"94%"`, `"1.275 Buah"`), null where the cell is empty;
//! `selisih` is the signed difference (`"+100.000"`, `"-75 Buah"`, `"+6%"`) of two figures in
//! one unit; `angka` holds the exact figures as decimal strings (`{ "semula": "5067000",
//! "menjadi": "5167000", "selisih": "100000" }`), else null. `turunan` marks a cell renja
//! computes (a total, a rate).
//!
//! Version 1 (until this version) grouped `program`/`kegiatan`, `jumlah` and `evaluasi` from the
//! plan's own fields, and missed the indicators a table prints but that model did not compare.

use std::collections::{HashMap, VecDeque};

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};
use typst_layout::PagedDocument;

use crate::compute::compute;
use crate::document::{BuildError, document_date};
use crate::format;
use crate::load::LoadedPlan;
use crate::plan::{Evaluasi, Plan, Rencana, Tahap};
use crate::render::{RenderError, Renderer, TypstSources};
use crate::tabel::JenisBaris;

mod appendix;
mod fields;
mod json;
mod pairing;
mod rows;
mod words;

pub use appendix::{AppendixPdf, TEMPLATE, appendix_pdf, appendix_table, render_appendix};
pub use fields::bertanda;
use fields::*;
use json::*;
use pairing::*;
pub use rows::{Row, RowKind};
use words::*;

/// The version of `renja diff --format json` (see the module documentation).
pub const VERSI_JSON: u32 = 2;

/// Choices of a comparison.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Include the changed passages, word by word, of every changed prose field.
    pub kata: bool,
}

/// Everything that changed between two revisions of a plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Perubahan {
    pub ringkasan: Ringkasan,
    /// Identity, decree, signer and settings fields.
    pub identitas: Vec<Bidang>,
    /// Every table whose printed text changed (2.1, 2.2, 2.3, 2.4, 3.1, 4.1).
    pub tabel: Vec<TabelBerubah>,
    /// Narrative fields of Bab I–V.
    pub prosa: Vec<ProsaBerubah>,
    /// What no table prints: the Lampiran (pohon kinerja, IKU) and the pagu batas.
    pub lainnya: Vec<LainBerubah>,
}

/// Counts for a one-line summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ringkasan {
    /// Printed table lines added, removed or changed (their own cells), over all tables.
    pub baris_ditambah: usize,
    pub baris_dihapus: usize,
    pub baris_diubah: usize,
    pub prosa: usize,
    pub identitas: usize,
    pub lainnya: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ditambah,
    Dihapus,
    /// A printed cell of the row's own changed, or the row moved.
    Diubah,
    /// Only its derived cells changed.
    Tetap,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bidang {
    /// A table column's key ("pagu", "target", "tingkat_realisasi"), else the JSON path without
    /// `$.` ("keputusan.nomor"), or "urutan".
    pub kunci: String,
    /// Indonesian label, e.g. "Kebutuhan Dana/ Pagu Indikatif (kolom 6)".
    pub label: String,
    /// JSON path in the new plan (in the old one for something removed); None in a table.
    pub path: Option<String>,
    /// As printed; None where the value is absent or the cell empty.
    pub semula: Option<String>,
    pub menjadi: Option<String>,
    /// Signed difference as printed ("+100.000", "-75 Buah", "+6%"), for numbers.
    pub selisih: Option<String>,
    /// The exact figures of a numeric field.
    pub angka: Option<Exact>,
    /// A figure renja computes (a total, a rate), not one typed in the plan.
    pub turunan: bool,
}

/// Exact figures of a numeric change (serialised as decimal strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Exact {
    pub semula: Option<Decimal>,
    pub menjadi: Option<Decimal>,
    pub selisih: Option<Decimal>,
}

/// A table whose printed text changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TabelBerubah {
    /// "2.1", as printed after "Tabel".
    pub nomor: String,
    /// The caption's first line in the new plan.
    pub judul: String,
    /// Caption, header, column numbers or notes that changed.
    pub bidang: Vec<Bidang>,
    pub baris: Vec<BarisBerubah>,
}

/// A table row that changed, was added, removed or moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BarisBerubah {
    /// The row's key in its table ([`crate::tabel::Baris::kunci`]).
    pub kunci: String,
    pub jenis: JenisBaris,
    /// The kode of its node, or its row number where the table has none.
    pub kode: String,
    /// The name of its node (its heading's text).
    pub nama: String,
    /// Its line within its node, from 1 (2 and on: a further indicator or satuan).
    pub baris_ke: usize,
    pub status: Status,
    pub bidang: Vec<Bidang>,
}

/// A changed prose field (or a section or chapter title).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProsaBerubah {
    pub path: String,
    /// "1.1", or "BAB I" for a chapter's own fields.
    pub nomor: String,
    /// The section title, e.g. "Latar Belakang".
    pub bagian: String,
    /// "isi", "isi_lanjutan", "judul", "penutup".
    pub kunci: String,
    pub label: String,
    pub semula: Option<String>,
    pub menjadi: Option<String>,
    pub kata_semula: usize,
    pub kata_menjadi: usize,
    pub kata_dihapus: usize,
    pub kata_ditambah: usize,
    /// The changed passages with a little context; only when asked for ([`Options::kata`]).
    pub potongan: Option<Vec<Potongan>>,
}

/// One changed passage of a prose field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Potongan {
    /// Unchanged words before ("…" when cut).
    pub sebelum: String,
    /// The words removed (empty for a pure insertion).
    pub semula: String,
    /// The words added (empty for a pure deletion).
    pub menjadi: String,
    /// Unchanged words after.
    pub sesudah: String,
}

/// A change in a part of the plan no table prints, found by walking its JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LainBerubah {
    /// "Lampiran: Pohon Kinerja", "Lampiran: Indikator Kinerja Utama", "Rencana".
    pub bagian: String,
    /// The row it belongs to (its indikator, nama or uraian).
    pub nama: String,
    pub bidang: Bidang,
}

impl Perubahan {
    /// Whether the two plans print the same document.
    pub fn is_empty(&self) -> bool {
        self.identitas.is_empty() && self.tabel.is_empty() && self.prosa.is_empty() && self.lainnya.is_empty()
    }

    /// The changed rows of one table ("4.1"), if it changed.
    pub fn tabel(&self, nomor: &str) -> Option<&TabelBerubah> {
        self.tabel.iter().find(|t| t.nomor == nomor)
    }
}

impl TabelBerubah {
    /// The changed row with this key.
    pub fn baris(&self, kunci: &str) -> Option<&BarisBerubah> {
        self.baris.iter().find(|b| b.kunci == kunci)
    }
}

impl BarisBerubah {
    /// The changed field of this column (or "urutan").
    pub fn bidang(&self, kunci: &str) -> Option<&Bidang> {
        self.bidang.iter().find(|b| b.kunci == kunci)
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison

/// Compares two revisions of a plan.
pub fn compare(lama: &Plan, baru: &Plan, options: Options) -> Perubahan {
    let (tl, tb) = (crate::tabel::semua(lama, &compute(lama)), crate::tabel::semua(baru, &compute(baru)));
    let mut out = Perubahan::default();
    let (sl, sb) = (Sisi::of(lama), Sisi::of(baru));
    out.identitas = compare_identitas(&sl.identitas, &sb.identitas);
    out.tabel = compare_tables(&tl, &tb);
    out.prosa = compare_prosa(&sl.prosa, &sb.prosa, options);
    for ((bagian, akar, a), (_, _, b)) in sl.lainnya.iter().zip(&sb.lainnya) {
        compare_lain(bagian, akar, a, b, &mut out.lainnya);
    }
    let (batas_lama, batas_baru) = (lama.rencana.pagu_batas.map(|p| p.0), baru.rencana.pagu_batas.map(|p| p.0));
    if batas_lama != batas_baru {
        out.lainnya.push(LainBerubah {
            bagian: "Rencana".to_owned(),
            nama: String::new(),
            bidang: rupiah(
                "rencana.pagu_batas",
                "Pagu batas (RKPD)",
                "$.rencana.pagu_batas".to_owned(),
                batas_lama,
                batas_baru,
            ),
        });
    }
    out.ringkasan = ringkasan(&out);
    out
}

fn ringkasan(p: &Perubahan) -> Ringkasan {
    let mut r = Ringkasan {
        prosa: p.prosa.len(),
        identitas: p.identitas.len(),
        lainnya: p.lainnya.len(),
        ..Ringkasan::default()
    };
    for b in p.tabel.iter().flat_map(|t| &t.baris) {
        match b.status {
            Status::Ditambah => r.baris_ditambah += 1,
            Status::Dihapus => r.baris_dihapus += 1,
            Status::Diubah => r.baris_diubah += 1,
            Status::Tetap => {}
        }
    }
    r
}

/// The parts of a plan compared by walking their JSON, with every number normalised so that
/// `100` and `100.0` are the same value.
struct Sisi {
    identitas: Value,
    prosa: Value,
    lainnya: Vec<(&'static str, Vec<Seg>, Value)>,
}

impl Sisi {
    fn of(plan: &Plan) -> Sisi {
        // Every field of the plan, so that a new one cannot be forgotten here.
        let Plan {
            schema: _,
            identitas,
            keputusan,
            penandatangan,
            pengaturan,
            bab_1,
            bab_2,
            bab_3,
            bab_4,
            bab_5,
            // Printed by the tables, compared through them.
            evaluasi: Evaluasi { jenis_urusan: _, urusan: _, program: _ },
            kinerja_pelayanan: _,
            usulan_masyarakat: _,
            rencana: Rencana { urusan: _, program: _, pagu_batas: _ },
            pohon_kinerja,
            indikator_kinerja_utama,
        } = plan;
        let key = |k: &str| vec![Seg::Kunci(k.to_owned())];
        Sisi {
            identitas: serde_json::json!({
                "identitas": json(identitas),
                "keputusan": json(keputusan),
                "penandatangan": json(penandatangan),
                "pengaturan": json(pengaturan),
            }),
            prosa: serde_json::json!({
                "bab_1": json(bab_1),
                "bab_2": json(bab_2),
                "bab_3": json(bab_3),
                "bab_4": json(bab_4),
                "bab_5": json(bab_5),
            }),
            lainnya: vec![
                ("Lampiran: Pohon Kinerja", key("pohon_kinerja"), json(pohon_kinerja)),
                ("Lampiran: Indikator Kinerja Utama", key("indikator_kinerja_utama"), json(indikator_kinerja_utama)),
            ],
        }
    }
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(items: &[&str]) -> Vec<String> {
        items.iter().map(|t| (*t).to_owned()).collect()
    }

    fn pairs(p: &[Pair]) -> Vec<(Option<usize>, Option<usize>, bool)> {
        p.iter().map(|p| (p.lama, p.baru, p.pindah)).collect()
    }

    #[test]
    fn rows_match_by_key_then_by_alternative() {
        // b renamed to x (same alt key), c removed, d added.
        let p = pair_rows(&s(&["a", "b", "c"]), &s(&["a", "x", "d"]), &s(&["1", "2", "3"]), &s(&["1", "2", "9"]));
        assert_eq!(
            pairs(&p),
            vec![(Some(0), Some(0), false), (Some(1), Some(1), false), (Some(2), None, false), (None, Some(2), false)]
        );
    }

    #[test]
    fn removed_rows_stay_where_they_stood_and_moves_are_flagged() {
        let none = s(&[]);
        let p = pairs(&pair_rows(&s(&["a", "b", "c", "d"]), &s(&["a", "d", "c"]), &none, &none));
        // b is removed right after a; one of c and d moved.
        assert_eq!(p[..2], [(Some(0), Some(0), false), (Some(1), None, false)]);
        assert_eq!(p.len(), 4);
        assert_eq!(p.iter().filter(|x| x.2).count(), 1);
        let p = pairs(&pair_rows(&s(&["a", "b", "c"]), &s(&["c", "a", "b"]), &none, &none));
        assert_eq!(p, vec![(Some(2), Some(0), true), (Some(0), Some(1), false), (Some(1), Some(2), false)]);
        let p = pairs(&pair_rows(&s(&["x", "a"]), &s(&["a", "y"]), &none, &none));
        assert_eq!(p, vec![(Some(0), None, false), (Some(1), Some(0), false), (None, Some(1), false)]);
    }

    #[test]
    fn word_diff_counts_and_cuts_passages() {
        let lama = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas";
        let baru = "satu dua tiga empat lima enam TUJUH delapan sembilan sepuluh sebelas dua belas";
        let d = beda_kata(lama, baru, true);
        assert_eq!((d.dihapus, d.ditambah), (1, 3));
        let p = d.potongan.unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].semula, "tujuh");
        assert_eq!(p[0].menjadi, "TUJUH");
        assert_eq!(p[0].sebelum, "satu dua tiga empat lima enam");
        assert_eq!(p[1].menjadi, "dua belas");
        assert_eq!(p[1].semula, "");
        assert_eq!(p[0].tandai(false), "satu dua tiga empat lima enam [-tujuh-] delapan sembilan sepuluh sebelas");
    }

    #[test]
    fn signed_amounts() {
        assert_eq!(bertanda(Decimal::from(100_000)), "+100.000");
        assert_eq!(bertanda(Decimal::from(-100_000)), "-100.000");
    }
}
