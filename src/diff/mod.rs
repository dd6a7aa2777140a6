//! What changed between two revisions of a plan, at the data level (`renja diff`).
//!
//! [`compare`] is pure: two plans in, one serialisable [`Perubahan`] out. Printing it (an aligned
//! table or JSON) is the CLI's business; [`Perubahan::rows`] gives the rows that both the table
//! and the PDF appendix show, and [`render_daftar`]/[`daftar_pdf`] lay them out as the
//! "Daftar Perubahan" through `templates/perubahan.typ.j2`.
//!
//! Two plans are identical at the data level when every value renja reads from them is the
//! same: formatting, key order, `"5067000"` against `5067000` or `100` against `100.0` do not
//! count, and neither does `$schema`. Every field of the plan is compared; the typed parts
//! (`rencana`, `evaluasi`) destructure their structs exhaustively, so a field added to
//! [`crate::plan`] does not compile until it is compared here too.
//!
//! # The JSON structure (`renja diff --format json`, `versi` 1)
//!
//! ```text
//! { "versi": 1, "lama": "plan.json", "baru": "p2.json", "identik": false,
//!   "perubahan": {
//!     "ringkasan": { "program_ditambah": 0, "program_dihapus": 0, "program_diubah": 0,
//!                    "kegiatan_ditambah": 0, "kegiatan_dihapus": 0, "kegiatan_diubah": 1,
//!                    "evaluasi_ditambah": 0, "evaluasi_dihapus": 0, "evaluasi_diubah": 0,
//!                    "prosa": 0, "identitas": 0, "lainnya": 0 },
//!     "identitas": [Bidang],                 // identitas, keputusan, penandatangan, pengaturan
//!     "program": [ { "kode", "nama", "status", "path", "bidang": [Bidang],
//!                    "jumlah": [Bidang],      // the program's totals that moved (derived)
//!                    "kegiatan": [ { "kode", "nama", "status", "path", "bidang": [Bidang] } ] } ],
//!     "jumlah": [Bidang],                    // JUMLAH of Tabel 3.1/4.1 and 2.3 (derived)
//!     "evaluasi": [ same shape as "program" without "jumlah"; "kode" is the Tabel 2.1 row
//!                   number ("I", "I.3"); derived columns 8, 10, 11 are Bidang with
//!                   "turunan": true ],
//!     "prosa": [ { "path", "nomor", "bagian", "kunci", "label", "semula", "menjadi",
//!                  "kata_semula", "kata_menjadi", "kata_dihapus", "kata_ditambah",
//!                  "potongan": null | [ { "sebelum", "semula", "menjadi", "sesudah" } ] } ],
//!     "lainnya": [ { "bagian", "nama", "bidang": Bidang } ]   // Tabel 2.2, 2.4, Lampiran…
//! } }
//! ```
//!
//! A `Bidang` is one changed field: `{ "kunci", "label", "path", "semula", "menjadi", "selisih",
//! "angka", "turunan" }`. `kunci` is a stable machine key (`"pagu"`, `"target"`, `"rkpd.pagu"`,
//! `"kolom_8"`, `"urutan"`, `"keputusan.nomor"`; in `lainnya` the path without `$.`), `label`
//! its Indonesian name, `path` the JSON path in the new plan (the old one for something removed;
//! a derived figure's row). `semula`/`menjadi`/`selisih` are printed the Indonesian way
//! (`"5.067.000"`, `"94%"`, `"+100.000"`), null where a value is absent; `angka` holds the exact
//! figures of a numeric field as decimal strings (`{ "semula": "5067000", "menjadi": "5167000",
//! "selisih": "100000" }`), else null. `turunan` marks a figure renja computes.
//!
//! `status` is `"ditambah"`, `"dihapus"` (such a kegiatan carries one Bidang: its pagu),
//! `"diubah"` (the row's own data changed) or `"tetap"` (only its kegiatan or derived figures
//! moved). Rows come in the new plan's order, a removed row where it stood in the old one; a row
//! that changed place among the others has a Bidang `"urutan"`. Programs and kegiatan match by
//! kode (then by exact name, which reports a new kode); Tabel 2.1 rows by name (ignoring case
//! and spacing), then by position (a rename).

use std::collections::{HashMap, VecDeque};

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};
use typst_layout::PagedDocument;

use crate::compute::{BarisEvaluasi, Computed, PaguProgram, Rasio, compute};
use crate::document::{BuildError, document_date};
use crate::format;
use crate::plan::{
    BarisKinerja, Evaluasi, HasilAnalisis, Indikator, IndikatorEvaluasi, Kegiatan, KegiatanEvaluasi, KegiatanRkpd,
    KinerjaPelayanan, Nilai, Plan, Polaritas, Program, ProgramEvaluasi, Rencana, SubKegiatanEvaluasi, Tahap, Tingkat,
};
use crate::render::{RenderError, Renderer, TypstSources};

mod baris;
mod daftar;
mod isian;
mod jalan;
mod kata;
mod pasangan;

use crate::load::LoadedPlan;
use crate::plan::SubKegiatan;
pub use baris::{Baris, JenisBaris};
pub use daftar::{DaftarPdf, daftar_pdf, render_daftar};
use isian::*;
use jalan::*;
use kata::*;
use pasangan::*;

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
    /// Programs of `rencana` (Tabel 2.3, 3.1, 4.1) with their kegiatan, matched by kode.
    pub program: Vec<ProgramBerubah>,
    /// JUMLAH rows that moved.
    pub jumlah: Vec<Bidang>,
    /// Rows of Tabel 2.1, matched by position and name.
    pub evaluasi: Vec<EvaluasiBerubah>,
    /// Narrative fields of Bab I–V.
    pub prosa: Vec<ProsaBerubah>,
    /// Every other table and list: Tabel 2.2, 2.4, urusan headings, pagu batas, the Lampiran.
    pub lainnya: Vec<LainBerubah>,
}

/// Counts for a one-line summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ringkasan {
    pub program_ditambah: usize,
    pub program_dihapus: usize,
    pub program_diubah: usize,
    pub kegiatan_ditambah: usize,
    pub kegiatan_dihapus: usize,
    pub kegiatan_diubah: usize,
    pub evaluasi_ditambah: usize,
    pub evaluasi_dihapus: usize,
    pub evaluasi_diubah: usize,
    pub prosa: usize,
    pub identitas: usize,
    pub lainnya: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ditambah,
    Dihapus,
    /// The row's own data changed.
    Diubah,
    /// Only its kegiatan or its derived figures moved.
    Tetap,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bidang {
    /// Stable machine key: "pagu", "target", "rkpd.pagu", "kolom_8", "keputusan.nomor"…
    pub kunci: String,
    /// Indonesian label, e.g. "Pagu indikatif 2019".
    pub label: String,
    /// JSON path in the new plan (in the old one for something removed).
    pub path: String,
    /// As printed; None where the value is absent.
    pub semula: Option<String>,
    pub menjadi: Option<String>,
    /// Signed difference as printed ("+100.000", "-75 Buah", "+6%"), for numbers.
    pub selisih: Option<String>,
    /// The exact figures of a numeric field.
    pub angka: Option<Angka>,
    /// A figure renja computes (a total, a rate), not one typed in the plan.
    pub turunan: bool,
}

/// Exact figures of a numeric change (serialised as decimal strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Angka {
    pub semula: Option<Decimal>,
    pub menjadi: Option<Decimal>,
    pub selisih: Option<Decimal>,
}

/// A program, kegiatan or Tabel 2.1 row that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Butir {
    /// The kode; in Tabel 2.1 (which has none) the row number, "I" or "I.3".
    pub kode: String,
    /// The name in the new plan (in the old one when removed).
    pub nama: String,
    pub status: Status,
    pub path: String,
    pub bidang: Vec<Bidang>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramBerubah {
    #[serde(flatten)]
    pub program: Butir,
    /// The program's totals that moved (Tabel 2.3, 3.1, 4.1).
    pub jumlah: Vec<Bidang>,
    pub kegiatan: Vec<Butir>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluasiBerubah {
    #[serde(flatten)]
    pub program: Butir,
    pub kegiatan: Vec<Butir>,
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

/// A change in any other part of the plan, found by walking its JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LainBerubah {
    /// "Tabel 2.2", "Tabel 2.4", "Lampiran: Pohon Kinerja"…
    pub bagian: String,
    /// The row it belongs to (its indikator, nama or uraian).
    pub nama: String,
    pub bidang: Bidang,
}

impl Perubahan {
    /// Whether the two plans are identical at the data level.
    pub fn is_empty(&self) -> bool {
        self.identitas.is_empty()
            && self.program.is_empty()
            && self.jumlah.is_empty()
            && self.evaluasi.is_empty()
            && self.prosa.is_empty()
            && self.lainnya.is_empty()
    }
}

// ---------------------------------------------------------------------------------------------
// Comparison

/// Compares two revisions of a plan.
pub fn compare(lama: &Plan, baru: &Plan, options: Options) -> Perubahan {
    let (cl, cb) = (compute(lama), compute(baru));
    let mut out = Perubahan::default();
    let (sl, sb) = (Sisi::of(lama), Sisi::of(baru));
    out.identitas = compare_identitas(&sl.identitas, &sb.identitas);
    compare_rencana(lama, baru, &cl, &cb, &mut out);
    compare_evaluasi(lama, baru, &cl, &cb, &mut out);
    out.prosa = compare_prosa(&sl.prosa, &sb.prosa, options);
    for ((bagian, akar, a), (_, _, b)) in sl.lainnya.iter().zip(&sb.lainnya) {
        compare_lain(bagian, akar, a, b, baru.identitas.tahun, &mut out.lainnya);
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
    let count = |status: Status, added: &mut usize, removed: &mut usize, changed: &mut usize| match status {
        Status::Ditambah => *added += 1,
        Status::Dihapus => *removed += 1,
        Status::Diubah => *changed += 1,
        Status::Tetap => {}
    };
    for p in &p.program {
        count(p.program.status, &mut r.program_ditambah, &mut r.program_dihapus, &mut r.program_diubah);
        for k in &p.kegiatan {
            count(k.status, &mut r.kegiatan_ditambah, &mut r.kegiatan_dihapus, &mut r.kegiatan_diubah);
        }
    }
    for e in &p.evaluasi {
        for b in std::iter::once(&e.program).chain(&e.kegiatan) {
            count(b.status, &mut r.evaluasi_ditambah, &mut r.evaluasi_dihapus, &mut r.evaluasi_diubah);
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
            evaluasi,
            kinerja_pelayanan,
            usulan_masyarakat,
            rencana,
            pohon_kinerja,
            indikator_kinerja_utama,
        } = plan;
        let Evaluasi { jenis_urusan, urusan: urusan_evaluasi, program: _ } = evaluasi;
        let Rencana { urusan, program: _, pagu_batas: _ } = rencana;
        let key = |k: &str| vec![Seg::Kunci(k.to_owned())];
        let keys = |a: &str, b: &str| vec![Seg::Kunci(a.to_owned()), Seg::Kunci(b.to_owned())];
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
                ("Tabel 2.1", keys("evaluasi", "jenis_urusan"), json(jenis_urusan)),
                ("Tabel 2.1", keys("evaluasi", "urusan"), json(urusan_evaluasi)),
                ("Urusan", keys("rencana", "urusan"), json(urusan)),
                ("Tabel 2.2", key("kinerja_pelayanan"), json(&normal_kinerja(kinerja_pelayanan))),
                ("Tabel 2.4", key("usulan_masyarakat"), json(usulan_masyarakat)),
                ("Lampiran: Pohon Kinerja", key("pohon_kinerja"), json(pohon_kinerja)),
                ("Lampiran: Indikator Kinerja Utama", key("indikator_kinerja_utama"), json(indikator_kinerja_utama)),
            ],
        }
    }
}

fn json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// Tabel 2.2 with every value normalised (`100.0` → `100`), so that only real changes show.
fn normal_kinerja(kinerja: &KinerjaPelayanan) -> KinerjaPelayanan {
    fn walk(rows: &mut [BarisKinerja]) {
        for row in rows {
            for line in &mut row.nilai {
                let values = line.target.iter_mut().chain(line.realisasi.iter_mut()).chain(line.proyeksi.iter_mut());
                for nilai in values.flatten() {
                    nilai.angka = nilai.angka.normalize();
                }
            }
            walk(&mut row.kegiatan);
        }
    }
    let mut kinerja = kinerja.clone();
    walk(&mut kinerja.indikator_utama);
    walk(&mut kinerja.program);
    kinerja
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(items: &[&str]) -> Vec<String> {
        items.iter().map(|t| (*t).to_owned()).collect()
    }

    fn pairs(p: &[Pasangan]) -> Vec<(Option<usize>, Option<usize>, bool)> {
        p.iter().map(|p| (p.lama, p.baru, p.pindah)).collect()
    }

    #[test]
    fn rows_match_by_key_then_by_alternative() {
        // b renamed to x (same alt key), c removed, d added.
        let p = pasangkan(&s(&["a", "b", "c"]), &s(&["a", "x", "d"]), &s(&["1", "2", "3"]), &s(&["1", "2", "9"]));
        assert_eq!(
            pairs(&p),
            vec![(Some(0), Some(0), false), (Some(1), Some(1), false), (Some(2), None, false), (None, Some(2), false)]
        );
    }

    #[test]
    fn removed_rows_stay_where_they_stood_and_moves_are_flagged() {
        let none = s(&[]);
        let p = pairs(&pasangkan(&s(&["a", "b", "c", "d"]), &s(&["a", "d", "c"]), &none, &none));
        // b is removed right after a; one of c and d moved.
        assert_eq!(p[..2], [(Some(0), Some(0), false), (Some(1), None, false)]);
        assert_eq!(p.len(), 4);
        assert_eq!(p.iter().filter(|x| x.2).count(), 1);
        let p = pairs(&pasangkan(&s(&["a", "b", "c"]), &s(&["c", "a", "b"]), &none, &none));
        assert_eq!(p, vec![(Some(2), Some(0), true), (Some(0), Some(1), false), (Some(1), Some(2), false)]);
        let p = pairs(&pasangkan(&s(&["x", "a"]), &s(&["a", "y"]), &none, &none));
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
