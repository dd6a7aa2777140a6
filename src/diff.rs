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
    BarisKinerja, Evaluasi, HasilAnalisis, IndikatorEvaluasi, Kegiatan, KegiatanEvaluasi, KegiatanRkpd, Kertas,
    KinerjaPelayanan, LoadedPlan, Nilai, Plan, Polaritas, Program, ProgramEvaluasi, Rencana, Tahap,
};
use crate::render::{RenderError, Renderer, TypstSources};
use crate::typeset::RenjaWorld;

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

// --- Matching rows ----------------------------------------------------------------------------

/// One row of an alignment of two lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pasangan {
    lama: Option<usize>,
    baru: Option<usize>,
    /// A matched row whose place among the others changed.
    pindah: bool,
}

/// Aligns two lists: rows match by `kunci` first, then what is left by `alt`. The result is in
/// the new list's order, each removed row where it stood in the old one.
fn pasangkan(kunci_lama: &[String], kunci_baru: &[String], alt_lama: &[String], alt_baru: &[String]) -> Vec<Pasangan> {
    let mut pair: Vec<Option<usize>> = vec![None; kunci_baru.len()];
    let mut taken = vec![false; kunci_lama.len()];
    for (old_keys, new_keys) in [(kunci_lama, kunci_baru), (alt_lama, alt_baru)] {
        let mut index: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for (i, key) in old_keys.iter().enumerate().filter(|(i, _)| !taken[*i]) {
            index.entry(key.as_str()).or_default().push_back(i);
        }
        for (j, key) in new_keys.iter().enumerate() {
            if pair[j].is_none()
                && let Some(i) = index.get_mut(key.as_str()).and_then(VecDeque::pop_front)
            {
                pair[j] = Some(i);
                taken[i] = true;
            }
        }
    }
    // The matched rows outside a longest common subsequence of both orders have moved.
    let new_order: Vec<usize> = pair.iter().flatten().copied().collect();
    let mut old_order = new_order.clone();
    old_order.sort_unstable();
    let mut moved = vec![false; kunci_lama.len()];
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_order, &new_order) {
        if let DiffOp::Insert { new_index, new_len, .. } | DiffOp::Replace { new_index, new_len, .. } = op {
            for &i in &new_order[new_index..new_index + new_len] {
                moved[i] = true;
            }
        }
    }
    let mut out = Vec::with_capacity(kunci_lama.len().max(kunci_baru.len()));
    let mut cursor = 0;
    let flush_until = |end: usize, cursor: &mut usize, out: &mut Vec<Pasangan>| {
        while *cursor < end {
            if !taken[*cursor] {
                out.push(Pasangan { lama: Some(*cursor), baru: None, pindah: false });
            }
            *cursor += 1;
        }
    };
    for (j, p) in pair.iter().enumerate() {
        let anchored = p.filter(|i| !moved[*i]);
        if let Some(i) = anchored {
            flush_until(i, &mut cursor, &mut out);
        }
        out.push(Pasangan { lama: *p, baru: Some(j), pindah: p.is_some_and(|i| moved[i]) });
        if let Some(i) = anchored {
            // The rows removed right after this one follow it.
            cursor = cursor.max(i + 1);
            let next = (cursor..kunci_lama.len()).find(|&k| taken[k]).unwrap_or(kunci_lama.len());
            flush_until(next, &mut cursor, &mut out);
        }
    }
    flush_until(kunci_lama.len(), &mut cursor, &mut out);
    out
}

/// Names compared loosely: case and runs of whitespace do not count.
fn nama_longgar(nama: &str) -> String {
    nama.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn positions(n: usize) -> Vec<String> {
    (0..n).map(|i| i.to_string()).collect()
}

// --- Fields -----------------------------------------------------------------------------------

/// A field's value, typed enough to print and subtract.
#[derive(Debug, Clone, PartialEq)]
enum Isi<'a> {
    Teks(Option<String>),
    /// A value and the satuan of its indicator.
    Nilai(Option<&'a Nilai>, &'a str),
    Rupiah(Option<Decimal>),
}

struct Isian<'a> {
    kunci: &'static str,
    label: String,
    isi: Isi<'a>,
}

fn isian<'a>(kunci: &'static str, label: impl Into<String>, isi: Isi<'a>) -> Isian<'a> {
    Isian { kunci, label: label.into(), isi }
}

fn teks(text: &str) -> Isi<'static> {
    Isi::Teks(Some(text.to_owned()))
}

fn teks_opsional(text: Option<&String>) -> Isi<'static> {
    Isi::Teks(text.cloned())
}

impl Bidang {
    fn new(kunci: &str, label: &str, path: String) -> Bidang {
        Bidang {
            kunci: kunci.to_owned(),
            label: label.to_owned(),
            path,
            semula: None,
            menjadi: None,
            selisih: None,
            angka: None,
            turunan: false,
        }
    }
}

/// The change of one field, if any.
fn bandingkan_isi(kunci: &str, label: &str, path: String, lama: &Isi, baru: &Isi) -> Option<Bidang> {
    let same = match (lama, baru) {
        // A value compares by itself: a new satuan of its indicator is that field's change.
        (Isi::Nilai(x, _), Isi::Nilai(y, _)) => x == y,
        _ => lama == baru,
    };
    if same {
        return None;
    }
    let mut b = Bidang::new(kunci, label, path);
    match (lama, baru) {
        (Isi::Teks(x), Isi::Teks(y)) => {
            b.semula = x.clone();
            b.menjadi = y.clone();
        }
        (Isi::Nilai(x, sx), Isi::Nilai(y, sy)) => {
            let satuan = |n: &Nilai, s: &'_ str| n.satuan.clone().unwrap_or_else(|| s.to_owned());
            b.semula = x.map(|n| format::nilai(n.angka, &satuan(n, sx)));
            b.menjadi = y.map(|n| format::nilai(n.angka, &satuan(n, sy)));
            let selisih = match (x, y) {
                (Some(x), Some(y)) if satuan(x, sx).trim() == satuan(y, sy).trim() => y.angka.checked_sub(x.angka),
                _ => None,
            };
            b.selisih = selisih
                .filter(|d| !d.is_zero())
                .map(|d| nilai_bertanda(d, &y.map_or_else(String::new, |n| satuan(n, sy))));
            b.angka = Some(Angka {
                semula: x.map(|n| n.angka.normalize()),
                menjadi: y.map(|n| n.angka.normalize()),
                selisih: selisih.map(|d| d.normalize()),
            });
        }
        (Isi::Rupiah(x), Isi::Rupiah(y)) => return Some(rupiah(kunci, label, b.path, *x, *y, false)),
        _ => {
            b.semula = Some(format!("{lama:?}"));
            b.menjadi = Some(format!("{baru:?}"));
        }
    }
    Some(b)
}

/// An amount before and after; a missing amount counts as zero in the difference.
fn rupiah(
    kunci: &str,
    label: &str,
    path: String,
    lama: Option<Decimal>,
    baru: Option<Decimal>,
    turunan: bool,
) -> Bidang {
    let selisih = baru.unwrap_or_default().checked_sub(lama.unwrap_or_default());
    Bidang {
        semula: lama.map(format::rupiah),
        menjadi: baru.map(format::rupiah),
        selisih: selisih.filter(|d| !d.is_zero()).map(bertanda),
        angka: Some(Angka {
            semula: lama.map(|d| d.normalize()),
            menjadi: baru.map(|d| d.normalize()),
            selisih: selisih.map(|d| d.normalize()),
        }),
        turunan,
        ..Bidang::new(kunci, label, path)
    }
}

/// "+100.000" / "-100.000".
pub fn bertanda(d: Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() { format!("+{}", format::angka(d)) } else { format::angka(d) }
}

fn nilai_bertanda(d: Decimal, satuan: &str) -> String {
    let text = format::nilai(d, satuan);
    if d.is_sign_positive() && !d.is_zero() { format!("+{text}") } else { text }
}

fn bandingkan_isian(base: &str, lama: &[Isian], baru: &[Isian]) -> Vec<Bidang> {
    lama.iter()
        .zip(baru)
        .filter_map(|(a, b)| bandingkan_isi(b.kunci, &b.label, format!("{base}.{}", b.kunci), &a.isi, &b.isi))
        .collect()
}

fn urutan(path: &str, lama: usize, baru: usize) -> Bidang {
    Bidang {
        semula: Some(format!("ke-{}", lama + 1)),
        menjadi: Some(format!("ke-{}", baru + 1)),
        ..Bidang::new("urutan", "Urutan", path.to_owned())
    }
}

// --- Rencana: Tabel 2.3, 3.1, 4.1 --------------------------------------------------------------

fn isian_program(p: &Program, tahun: i32) -> Vec<Isian<'_>> {
    let Program { kode, nama, indikator, satuan, target, target_maju, lokasi, sumber_dana, catatan, kegiatan: _ } = p;
    vec![
        isian("kode", "Kode", teks(kode)),
        isian("nama", "Nama program", teks(nama)),
        isian("indikator", "Indikator kinerja (outcome)", teks(indikator)),
        isian("satuan", "Satuan", teks(satuan)),
        isian("target", format!("Target {tahun}"), Isi::Nilai(Some(target), satuan)),
        isian("target_maju", format!("Target prakiraan maju {}", tahun + 1), Isi::Nilai(target_maju.as_ref(), satuan)),
        isian("lokasi", "Lokasi", teks(lokasi)),
        isian("sumber_dana", "Sumber dana", teks(sumber_dana)),
        isian("catatan", "Catatan penting", teks(catatan)),
    ]
}

fn isian_kegiatan(k: &Kegiatan, tahun: i32) -> Vec<Isian<'_>> {
    let Kegiatan {
        kode,
        nama,
        indikator,
        satuan,
        target,
        lokasi,
        pagu,
        sumber_dana,
        target_maju,
        pagu_maju,
        catatan,
        rkpd,
        hasil_analisis,
    } = k;
    let (rkpd_pagu, rkpd_lokasi, rkpd_target) = match rkpd {
        Some(KegiatanRkpd { pagu, lokasi, target }) => (Some(pagu.0), lokasi.as_ref(), target.as_ref()),
        None => (None, None, None),
    };
    let (analisis_lokasi, analisis_target, analisis_pagu) = match hasil_analisis {
        Some(HasilAnalisis { lokasi, target, pagu }) => (lokasi.as_ref(), target.as_ref(), pagu.map(|p| p.0)),
        None => (None, None, None),
    };
    vec![
        isian("kode", "Kode", teks(kode)),
        isian("nama", "Nama kegiatan", teks(nama)),
        isian("indikator", "Indikator kinerja (output)", teks(indikator)),
        isian("satuan", "Satuan", teks(satuan)),
        isian("target", format!("Target {tahun}"), Isi::Nilai(Some(target), satuan)),
        isian("lokasi", "Lokasi", teks(lokasi)),
        isian("pagu", format!("Pagu indikatif {tahun}"), Isi::Rupiah(Some(pagu.0))),
        isian("sumber_dana", "Sumber dana", teks(sumber_dana)),
        isian("target_maju", format!("Target prakiraan maju {}", tahun + 1), Isi::Nilai(target_maju.as_ref(), satuan)),
        isian("pagu_maju", format!("Pagu prakiraan maju {}", tahun + 1), Isi::Rupiah(pagu_maju.map(|p| p.0))),
        isian("catatan", "Catatan penting", teks(catatan)),
        isian("rkpd.pagu", "Pagu Rancangan Awal RKPD", Isi::Rupiah(rkpd_pagu)),
        isian("rkpd.lokasi", "Lokasi Rancangan Awal RKPD", teks_opsional(rkpd_lokasi)),
        isian("rkpd.target", "Target Rancangan Awal RKPD", Isi::Nilai(rkpd_target, satuan)),
        isian("hasil_analisis.lokasi", "Lokasi hasil analisis kebutuhan", teks_opsional(analisis_lokasi)),
        isian("hasil_analisis.target", "Target hasil analisis kebutuhan", Isi::Nilai(analisis_target, satuan)),
        isian("hasil_analisis.pagu", "Kebutuhan dana hasil analisis", Isi::Rupiah(analisis_pagu)),
    ]
}

/// Picks one total of a program.
type Pilih = fn(&PaguProgram) -> Option<Decimal>;

/// The totals of Tabel 2.3, 3.1 and 4.1 that moved (`jumlah` labels the JUMLAH row).
fn bandingkan_pagu(
    path: &str,
    lama: Option<&PaguProgram>,
    baru: Option<&PaguProgram>,
    tahun: i32,
    jumlah: bool,
) -> Vec<Bidang> {
    let awal = if jumlah { "JUMLAH" } else { "Jumlah" };
    let rows: [(&str, String, Pilih); 4] = [
        ("pagu", format!("{awal} pagu {tahun}"), |p| Some(p.pagu)),
        ("pagu_maju", format!("{awal} pagu prakiraan maju {}", tahun + 1), |p| p.pagu_maju),
        ("pagu_rkpd", format!("{awal} pagu RKPD (Tabel 2.3)"), |p| Some(p.pagu_rkpd)),
        ("pagu_analisis", format!("{awal} kebutuhan dana (Tabel 2.3)"), |p| Some(p.pagu_analisis)),
    ];
    rows.into_iter()
        .filter_map(|(kunci, label, pick)| {
            let (a, b) = (lama.and_then(pick), baru.and_then(pick));
            (a != b).then(|| rupiah(kunci, &label, path.to_owned(), a, b, true))
        })
        .collect()
}

fn compare_rencana(lama: &Plan, baru: &Plan, cl: &Computed, cb: &Computed, out: &mut Perubahan) {
    let (
        Rencana { urusan: _, program: pl, pagu_batas: batas_lama },
        Rencana { urusan: _, program: pb, pagu_batas: batas_baru },
    ) = (&lama.rencana, &baru.rencana);
    let (tl, tb) = (lama.identitas.tahun, baru.identitas.tahun);
    let kode = |ps: &[Program]| ps.iter().map(|p| p.kode.trim().to_owned()).collect::<Vec<_>>();
    let nama = |ps: &[Program]| ps.iter().map(|p| p.nama.trim().to_owned()).collect::<Vec<_>>();
    for pasangan in pasangkan(&kode(pl), &kode(pb), &nama(pl), &nama(pb)) {
        let berubah = match (pasangan.lama, pasangan.baru) {
            (Some(i), Some(j)) => {
                let path = format!("$.rencana.program[{j}]");
                let mut bidang = bandingkan_isian(&path, &isian_program(&pl[i], tl), &isian_program(&pb[j], tb));
                if pasangan.pindah {
                    bidang.push(urutan(&path, i, j));
                }
                let kegiatan = compare_kegiatan(&pl[i], &pb[j], (i, j), tl, tb);
                let jumlah = bandingkan_pagu(&path, cl.program.get(i), cb.program.get(j), tb, false);
                let status = if bidang.is_empty() { Status::Tetap } else { Status::Diubah };
                (!bidang.is_empty() || !kegiatan.is_empty() || !jumlah.is_empty()).then(|| ProgramBerubah {
                    program: Butir { kode: pb[j].kode.clone(), nama: pb[j].nama.clone(), status, path, bidang },
                    jumlah,
                    kegiatan,
                })
            }
            (None, Some(j)) => {
                let path = format!("$.rencana.program[{j}]");
                let kegiatan = pb[j]
                    .kegiatan
                    .iter()
                    .enumerate()
                    .map(|(jj, k)| kegiatan_sepihak(k, format!("{path}.kegiatan[{jj}]"), Status::Ditambah, tb))
                    .collect();
                Some(ProgramBerubah {
                    jumlah: bandingkan_pagu(&path, None, cb.program.get(j), tb, false),
                    program: Butir {
                        kode: pb[j].kode.clone(),
                        nama: pb[j].nama.clone(),
                        status: Status::Ditambah,
                        path,
                        bidang: vec![],
                    },
                    kegiatan,
                })
            }
            (Some(i), None) => {
                let path = format!("$.rencana.program[{i}]");
                let kegiatan = pl[i]
                    .kegiatan
                    .iter()
                    .enumerate()
                    .map(|(ii, k)| kegiatan_sepihak(k, format!("{path}.kegiatan[{ii}]"), Status::Dihapus, tl))
                    .collect();
                Some(ProgramBerubah {
                    jumlah: bandingkan_pagu(&path, cl.program.get(i), None, tb, false),
                    program: Butir {
                        kode: pl[i].kode.clone(),
                        nama: pl[i].nama.clone(),
                        status: Status::Dihapus,
                        path,
                        bidang: vec![],
                    },
                    kegiatan,
                })
            }
            (None, None) => None,
        };
        out.program.extend(berubah);
    }
    out.jumlah = bandingkan_pagu("$.rencana", Some(&cl.jumlah), Some(&cb.jumlah), tb, true);
    if batas_lama.map(|p| p.0) != batas_baru.map(|p| p.0) {
        out.lainnya.push(LainBerubah {
            bagian: "Rencana".to_owned(),
            nama: String::new(),
            bidang: rupiah(
                "rencana.pagu_batas",
                "Pagu batas (RKPD)",
                "$.rencana.pagu_batas".to_owned(),
                batas_lama.map(|p| p.0),
                batas_baru.map(|p| p.0),
                false,
            ),
        });
    }
}

/// A kegiatan that exists on one side only, shown with its pagu.
fn kegiatan_sepihak(k: &Kegiatan, path: String, status: Status, tahun: i32) -> Butir {
    let label = format!("Pagu indikatif {tahun}");
    let pagu = match status {
        Status::Ditambah => rupiah("pagu", &label, format!("{path}.pagu"), None, Some(k.pagu.0), false),
        _ => rupiah("pagu", &label, format!("{path}.pagu"), Some(k.pagu.0), None, false),
    };
    Butir { kode: k.kode.clone(), nama: k.nama.clone(), status, path, bidang: vec![pagu] }
}

/// The kegiatan of a program present in both plans, at index `i` in the old and `j` in the new.
fn compare_kegiatan(lama: &Program, baru: &Program, (i, j): (usize, usize), tl: i32, tb: i32) -> Vec<Butir> {
    let (kl, kb) = (&lama.kegiatan, &baru.kegiatan);
    let kode = |ks: &[Kegiatan]| ks.iter().map(|k| k.kode.trim().to_owned()).collect::<Vec<_>>();
    let nama = |ks: &[Kegiatan]| ks.iter().map(|k| k.nama.trim().to_owned()).collect::<Vec<_>>();
    let program_path = format!("$.rencana.program[{j}]");
    let old_path = format!("$.rencana.program[{i}]");
    let mut out = Vec::new();
    for pasangan in pasangkan(&kode(kl), &kode(kb), &nama(kl), &nama(kb)) {
        match (pasangan.lama, pasangan.baru) {
            (Some(ii), Some(jj)) => {
                let path = format!("{program_path}.kegiatan[{jj}]");
                let mut bidang = bandingkan_isian(&path, &isian_kegiatan(&kl[ii], tl), &isian_kegiatan(&kb[jj], tb));
                if pasangan.pindah {
                    bidang.push(urutan(&path, ii, jj));
                }
                if !bidang.is_empty() {
                    out.push(Butir {
                        kode: kb[jj].kode.clone(),
                        nama: kb[jj].nama.clone(),
                        status: Status::Diubah,
                        path,
                        bidang,
                    });
                }
            }
            (None, Some(jj)) => {
                out.push(kegiatan_sepihak(&kb[jj], format!("{program_path}.kegiatan[{jj}]"), Status::Ditambah, tb))
            }
            (Some(ii), None) => {
                // The old path: the kegiatan is gone from the new plan.
                out.push(kegiatan_sepihak(&kl[ii], format!("{old_path}.kegiatan[{ii}]"), Status::Dihapus, tl))
            }
            (None, None) => {}
        }
    }
    out
}

// --- Evaluasi: Tabel 2.1 ----------------------------------------------------------------------

/// Years that label Tabel 2.1's columns.
#[derive(Clone, Copy)]
struct Tahun {
    n: i32,
    renstra_akhir: i32,
}

fn isian_indikator(ind: &IndikatorEvaluasi, t: Tahun) -> Vec<Isian<'_>> {
    let IndikatorEvaluasi {
        uraian,
        satuan,
        kumulatif,
        polaritas,
        target_renstra,
        realisasi_sd_n3,
        target_n2,
        realisasi_n2,
        target_n1,
    } = ind;
    let kumulatif = kumulatif.map(|k| if k { "ya" } else { "tidak" }.to_owned());
    let polaritas = match polaritas {
        Polaritas::Positif => "positif",
        Polaritas::Negatif => "negatif",
    };
    let n = t.n;
    vec![
        isian("indikator.uraian", "Indikator", teks(uraian)),
        isian("indikator.satuan", "Satuan", teks(satuan)),
        isian("indikator.kumulatif", "Kumulatif", Isi::Teks(kumulatif)),
        isian("indikator.polaritas", "Polaritas", teks(polaritas)),
        isian(
            "indikator.target_renstra",
            format!("Target Renstra {} (kolom 4)", t.renstra_akhir),
            Isi::Nilai(target_renstra.as_ref(), satuan),
        ),
        isian(
            "indikator.realisasi_sd_n3",
            format!("Realisasi s/d {} (kolom 5)", n - 3),
            Isi::Nilai(realisasi_sd_n3.as_ref(), satuan),
        ),
        isian("indikator.target_n2", format!("Target {} (kolom 6)", n - 2), Isi::Nilai(target_n2.as_ref(), satuan)),
        isian(
            "indikator.realisasi_n2",
            format!("Realisasi {} (kolom 7)", n - 2),
            Isi::Nilai(realisasi_n2.as_ref(), satuan),
        ),
        isian("indikator.target_n1", format!("Target {} (kolom 9)", n - 1), Isi::Nilai(target_n1.as_ref(), satuan)),
    ]
}

/// One side of a Tabel 2.1 row's derived columns.
struct Turunan<'a> {
    hasil: &'a BarisEvaluasi,
    satuan: &'a str,
    desimal: u32,
}

fn cetak_rasio(r: Rasio, desimal: u32) -> Option<String> {
    match r {
        Rasio::Nilai(v) => Some(format::persen(v, desimal)),
        Rasio::TakTerdefinisi => Some("-".to_owned()),
        Rasio::TidakBerlaku => None,
    }
}

/// Columns 8, 10 and 11 whose printed value moved.
fn bandingkan_turunan(path: &str, a: &Turunan, b: &Turunan, t: Tahun) -> Vec<Bidang> {
    let mut out = Vec::new();
    let rasio = |kunci: &str, label: String, x: Rasio, y: Rasio, out: &mut Vec<Bidang>| {
        let (sx, sy) = (cetak_rasio(x, a.desimal), cetak_rasio(y, b.desimal));
        if sx == sy {
            return;
        }
        let desimal = a.desimal.max(b.desimal);
        let selisih = match (x, y) {
            (Rasio::Nilai(x), Rasio::Nilai(y)) => {
                format::bulatkan(y, b.desimal).checked_sub(format::bulatkan(x, a.desimal))
            }
            _ => None,
        };
        out.push(Bidang {
            semula: sx,
            menjadi: sy,
            selisih: selisih.filter(|d| !d.is_zero()).map(|d| {
                let text = format::persen(d, desimal);
                if d.is_sign_positive() { format!("+{text}") } else { text }
            }),
            // Exact rates; the printed difference above is that of the rounded ones.
            angka: Some(Angka {
                semula: x.nilai(),
                menjadi: y.nilai(),
                selisih: x.nilai().zip(y.nilai()).and_then(|(x, y)| y.checked_sub(x)),
            }),
            turunan: true,
            ..Bidang::new(kunci, &label, path.to_owned())
        });
    };
    rasio(
        "kolom_8",
        format!("Tingkat realisasi {} (kolom 8)", t.n - 2),
        a.hasil.tingkat_realisasi,
        b.hasil.tingkat_realisasi,
        &mut out,
    );
    let (x, y) = (a.hasil.realisasi_sd_n1, b.hasil.realisasi_sd_n1);
    let cetak = |v: Option<Decimal>, satuan: &str| v.map_or_else(|| "-".to_owned(), |v| format::nilai(v, satuan));
    let (sx, sy) = (cetak(x, a.satuan), cetak(y, b.satuan));
    if sx != sy {
        let selisih = match (x, y) {
            (Some(x), Some(y)) if a.satuan.trim() == b.satuan.trim() => y.checked_sub(x),
            _ => None,
        };
        out.push(Bidang {
            semula: Some(sx),
            menjadi: Some(sy),
            selisih: selisih.filter(|d| !d.is_zero()).map(|d| nilai_bertanda(d, b.satuan)),
            angka: Some(Angka { semula: x, menjadi: y, selisih }),
            turunan: true,
            ..Bidang::new("kolom_10", &format!("Realisasi capaian s/d {} (kolom 10)", t.n - 1), path.to_owned())
        });
    }
    rasio(
        "kolom_11",
        "Tingkat capaian target Renstra (kolom 11)".to_owned(),
        a.hasil.capaian_renstra,
        b.hasil.capaian_renstra,
        &mut out,
    );
    out
}

fn compare_evaluasi(lama: &Plan, baru: &Plan, cl: &Computed, cb: &Computed, out: &mut Perubahan) {
    let (el, eb) = (&lama.evaluasi.program, &baru.evaluasi.program);
    let t = Tahun { n: baru.identitas.tahun, renstra_akhir: baru.identitas.periode_renstra.akhir };
    let tl = Tahun { n: lama.identitas.tahun, renstra_akhir: lama.identitas.periode_renstra.akhir };
    let (dl, db) = (lama.pengaturan.desimal_persen, baru.pengaturan.desimal_persen);
    let nama = |ps: &[ProgramEvaluasi]| ps.iter().map(|p| nama_longgar(&p.nama)).collect::<Vec<_>>();
    for pasangan in pasangkan(&nama(el), &nama(eb), &positions(el.len()), &positions(eb.len())) {
        let berubah = match (pasangan.lama, pasangan.baru) {
            (Some(i), Some(j)) => {
                let ProgramEvaluasi { nama: nama_lama, indikator: ind_lama, kegiatan: _ } = &el[i];
                let ProgramEvaluasi { nama: nama_baru, indikator: ind_baru, kegiatan: _ } = &eb[j];
                let path = format!("$.evaluasi.program[{j}]");
                let mut bidang: Vec<Bidang> =
                    bandingkan_isi("nama", "Nama program", format!("{path}.nama"), &teks(nama_lama), &teks(nama_baru))
                        .into_iter()
                        .collect();
                bidang.extend(bandingkan_isian(&path, &isian_indikator(ind_lama, tl), &isian_indikator(ind_baru, t)));
                if pasangan.pindah {
                    bidang.push(urutan(&path, i, j));
                }
                let status = if bidang.is_empty() { Status::Tetap } else { Status::Diubah };
                if let (Some(hl), Some(hb)) = (cl.evaluasi.get(i), cb.evaluasi.get(j)) {
                    bidang.extend(bandingkan_turunan(
                        &path,
                        &Turunan { hasil: &hl.program, satuan: &ind_lama.satuan, desimal: dl },
                        &Turunan { hasil: &hb.program, satuan: &ind_baru.satuan, desimal: db },
                        t,
                    ));
                }
                let kegiatan = compare_kegiatan_evaluasi(
                    (&el[i], cl.evaluasi.get(i), dl, tl),
                    (&eb[j], cb.evaluasi.get(j), db, t),
                    (i, j),
                );
                (!bidang.is_empty() || !kegiatan.is_empty()).then(|| EvaluasiBerubah {
                    program: Butir { kode: format::romawi(j + 1), nama: nama_baru.clone(), status, path, bidang },
                    kegiatan,
                })
            }
            (None, Some(j)) => Some(evaluasi_sepihak(&eb[j], j, Status::Ditambah)),
            (Some(i), None) => Some(evaluasi_sepihak(&el[i], i, Status::Dihapus)),
            (None, None) => None,
        };
        out.evaluasi.extend(berubah);
    }
}

fn evaluasi_sepihak(p: &ProgramEvaluasi, i: usize, status: Status) -> EvaluasiBerubah {
    let path = format!("$.evaluasi.program[{i}]");
    let nomor = format::romawi(i + 1);
    EvaluasiBerubah {
        kegiatan: p
            .kegiatan
            .iter()
            .enumerate()
            .map(|(ii, k)| Butir {
                kode: format!("{nomor}.{}", ii + 1),
                nama: k.nama.clone(),
                status,
                path: format!("{path}.kegiatan[{ii}]"),
                bidang: vec![],
            })
            .collect(),
        program: Butir { kode: nomor, nama: p.nama.clone(), status, path, bidang: vec![] },
    }
}

type SisiEvaluasi<'a> = (&'a ProgramEvaluasi, Option<&'a crate::compute::ProgramEvaluasi>, u32, Tahun);

/// The kegiatan rows of a Tabel 2.1 program present in both plans, at `i` in the old and `j` in
/// the new; a removed row keeps its old path and number.
fn compare_kegiatan_evaluasi(lama: SisiEvaluasi, baru: SisiEvaluasi, (i, j): (usize, usize)) -> Vec<Butir> {
    let (pl, hl, dl, tl) = lama;
    let (pb, hb, db, t) = baru;
    let (kl, kb) = (&pl.kegiatan, &pb.kegiatan);
    let nama = |ks: &[KegiatanEvaluasi]| ks.iter().map(|k| nama_longgar(&k.nama)).collect::<Vec<_>>();
    let program_path = format!("$.evaluasi.program[{j}]");
    let nomor = format::romawi(j + 1);
    let (old_path, old_nomor) = (format!("$.evaluasi.program[{i}]"), format::romawi(i + 1));
    let mut out = Vec::new();
    for pasangan in pasangkan(&nama(kl), &nama(kb), &positions(kl.len()), &positions(kb.len())) {
        match (pasangan.lama, pasangan.baru) {
            (Some(ii), Some(jj)) => {
                let KegiatanEvaluasi { nama: nama_lama, indikator: ind_lama } = &kl[ii];
                let KegiatanEvaluasi { nama: nama_baru, indikator: ind_baru } = &kb[jj];
                let path = format!("{program_path}.kegiatan[{jj}]");
                let mut bidang: Vec<Bidang> =
                    bandingkan_isi("nama", "Nama kegiatan", format!("{path}.nama"), &teks(nama_lama), &teks(nama_baru))
                        .into_iter()
                        .collect();
                bidang.extend(bandingkan_isian(&path, &isian_indikator(ind_lama, tl), &isian_indikator(ind_baru, t)));
                if pasangan.pindah {
                    bidang.push(urutan(&path, ii, jj));
                }
                let status = if bidang.is_empty() { Status::Tetap } else { Status::Diubah };
                if let (Some(a), Some(b)) = (hl.and_then(|h| h.kegiatan.get(ii)), hb.and_then(|h| h.kegiatan.get(jj))) {
                    bidang.extend(bandingkan_turunan(
                        &path,
                        &Turunan { hasil: a, satuan: &ind_lama.satuan, desimal: dl },
                        &Turunan { hasil: b, satuan: &ind_baru.satuan, desimal: db },
                        t,
                    ));
                }
                if !bidang.is_empty() {
                    out.push(Butir {
                        kode: format!("{nomor}.{}", jj + 1),
                        nama: nama_baru.clone(),
                        status,
                        path,
                        bidang,
                    });
                }
            }
            (None, Some(jj)) => out.push(Butir {
                kode: format!("{nomor}.{}", jj + 1),
                nama: kb[jj].nama.clone(),
                status: Status::Ditambah,
                path: format!("{program_path}.kegiatan[{jj}]"),
                bidang: vec![],
            }),
            (Some(ii), None) => out.push(Butir {
                kode: format!("{old_nomor}.{}", ii + 1),
                nama: kl[ii].nama.clone(),
                status: Status::Dihapus,
                path: format!("{old_path}.kegiatan[{ii}]"),
                bidang: vec![],
            }),
            (None, None) => {}
        }
    }
    out
}

// --- Walking JSON: identity, prose and every other part -----------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Kunci(String),
    Indeks(usize),
}

fn path_text(segs: &[Seg]) -> String {
    let mut out = String::from("$");
    for seg in segs {
        match seg {
            Seg::Kunci(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Indeks(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A leaf that differs: a scalar, or a whole object or array present on one side only.
struct Daun<'a> {
    segs: Vec<Seg>,
    lama: Option<&'a Value>,
    baru: Option<&'a Value>,
    /// The name of the row it belongs to.
    nama: String,
}

/// The name that identifies an object row (its indikator, nama, uraian…).
fn nama_baris(value: Option<&Value>) -> Option<String> {
    let object = value?.as_object()?;
    ["nama", "indikator", "uraian", "program_kegiatan", "pembilang"]
        .iter()
        .find_map(|k| object.get(*k).and_then(Value::as_str).filter(|s| !s.trim().is_empty()))
        .map(str::to_owned)
}

/// Every leaf where `lama` and `baru` differ. Null and absent are the same; arrays compare
/// position by position.
fn jalan<'a>(
    segs: &mut Vec<Seg>,
    lama: Option<&'a Value>,
    baru: Option<&'a Value>,
    nama: &str,
    out: &mut Vec<Daun<'a>>,
) {
    let lama = lama.filter(|v| !v.is_null());
    let baru = baru.filter(|v| !v.is_null());
    if lama == baru {
        return;
    }
    let nama = nama_baris(baru).or_else(|| nama_baris(lama)).unwrap_or_else(|| nama.to_owned());
    match (lama, baru) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
            for key in keys {
                segs.push(Seg::Kunci(key.clone()));
                jalan(segs, a.get(key), b.get(key), &nama, out);
                segs.pop();
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            for i in 0..a.len().max(b.len()) {
                segs.push(Seg::Indeks(i));
                jalan(segs, a.get(i), b.get(i), &nama, out);
                segs.pop();
            }
        }
        _ => out.push(Daun { segs: segs.clone(), lama, baru, nama }),
    }
}

/// A JSON value as a reader would want to see it.
fn tampil(value: Option<&Value>) -> Option<String> {
    let value = value?;
    Some(match value {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "ya" } else { "tidak" }.to_owned(),
        Value::Array(items) => format!("{} butir", items.len()),
        Value::Object(o) => match (o.get("nilai"), o.get("satuan").and_then(Value::as_str)) {
            (Some(n), Some(satuan)) => format!("{} {satuan}", tampil(Some(n)).unwrap_or_default()),
            _ => nama_baris(Some(value)).unwrap_or_else(|| {
                let text = value.to_string();
                if text.chars().count() > 80 {
                    format!("{}…", text.chars().take(80).collect::<String>())
                } else {
                    text
                }
            }),
        },
    })
}

/// Labels of the identity fields, in the order a reader meets them.
const LABEL_IDENTITAS: &[(&str, &str)] = &[
    ("identitas.pemda", "Pemerintah daerah"),
    ("identitas.kepala_daerah", "Kepala daerah"),
    ("identitas.perangkat_daerah", "Perangkat daerah"),
    ("identitas.tahun", "Tahun rencana"),
    ("identitas.tahap", "Tahap"),
    ("identitas.periode_renstra.awal", "Awal periode Renstra"),
    ("identitas.periode_renstra.akhir", "Akhir periode Renstra"),
    ("keputusan.jenis", "Jenis keputusan"),
    ("keputusan.nomor", "Nomor keputusan"),
    ("keputusan.tanggal", "Tanggal keputusan"),
    ("keputusan.tentang", "Tentang"),
    ("penandatangan.jabatan", "Jabatan penanda tangan"),
    ("penandatangan.nama", "Nama penanda tangan"),
    ("penandatangan.pangkat", "Pangkat penanda tangan"),
    ("penandatangan.nip", "NIP penanda tangan"),
    ("penandatangan.tempat", "Tempat penandatanganan"),
    ("penandatangan.tanggal", "Tanggal penandatanganan"),
    ("penandatangan.ttd", "Cara penandatanganan"),
    ("penandatangan.ttd_elektronik.lebar_mm", "Lebar kotak tanda tangan elektronik (mm)"),
    ("penandatangan.ttd_elektronik.tinggi_mm", "Tinggi kotak tanda tangan elektronik (mm)"),
    ("penandatangan.ttd_elektronik.tag", "Tag tanda tangan elektronik"),
    ("penandatangan.ttd_elektronik.keterangan", "Keterangan tanda tangan elektronik"),
    ("pengaturan.desimal_persen", "Desimal persentase"),
    ("pengaturan.kertas", "Ukuran kertas"),
];

fn compare_identitas(lama: &Value, baru: &Value) -> Vec<Bidang> {
    let mut leaves = Vec::new();
    jalan(&mut Vec::new(), Some(lama), Some(baru), "", &mut leaves);
    let mut out: Vec<(usize, Bidang)> = leaves
        .into_iter()
        .map(|leaf| {
            let path = path_text(&leaf.segs);
            let kunci = path.trim_start_matches("$.").to_owned();
            let found = LABEL_IDENTITAS.iter().position(|(k, _)| *k == kunci);
            let label = found.map_or(kunci.as_str(), |i| LABEL_IDENTITAS[i].1).to_owned();
            let show = |v: Option<&Value>| {
                if kunci == "identitas.tahap" {
                    v.cloned().and_then(|v| serde_json::from_value::<Tahap>(v).ok()).map(|t| match t {
                        Tahap::Final => "Final".to_owned(),
                        t => t.label().to_owned(),
                    })
                } else {
                    tampil(v)
                }
            };
            let b = Bidang { semula: show(leaf.lama), menjadi: show(leaf.baru), ..Bidang::new(&kunci, &label, path) };
            (found.unwrap_or(usize::MAX), b)
        })
        .collect();
    out.sort_by_key(|(order, _)| *order);
    out.into_iter().map(|(_, b)| b).collect()
}

/// Section numbers and standard titles of Permendagri 86/2017 (as `render` prints them).
const BAGIAN: &[(&str, &str, &str)] = &[
    ("bab_1", "BAB I", "Pendahuluan"),
    ("bab_1.latar_belakang", "1.1", "Latar Belakang"),
    ("bab_1.landasan_hukum", "1.2", "Landasan Hukum"),
    ("bab_1.maksud_tujuan", "1.3", "Maksud dan Tujuan"),
    ("bab_1.sistematika", "1.4", "Sistematika Penulisan"),
    ("bab_2", "BAB II", "Hasil Evaluasi Renja Perangkat Daerah Tahun Lalu"),
    (
        "bab_2.evaluasi",
        "2.1",
        "Evaluasi Pelaksanaan Renja Perangkat Daerah Tahun Lalu dan Capaian Renstra Perangkat Daerah",
    ),
    ("bab_2.kinerja_pelayanan", "2.2", "Analisis Kinerja Pelayanan Perangkat Daerah"),
    ("bab_2.isu_penting", "2.3", "Isu-isu Penting Penyelenggaraan Tugas dan Fungsi Perangkat Daerah"),
    ("bab_2.review_rkpd", "2.4", "Review terhadap Rancangan Awal RKPD"),
    ("bab_2.usulan_masyarakat", "2.5", "Penelaahan Usulan Program dan Kegiatan Masyarakat"),
    ("bab_3", "BAB III", "Tujuan dan Sasaran Perangkat Daerah"),
    ("bab_3.telaahan_kebijakan", "3.1", "Telaahan terhadap Kebijakan Nasional"),
    ("bab_3.tujuan_sasaran", "3.2", "Tujuan dan Sasaran Renja Perangkat Daerah"),
    ("bab_3.tujuan", "3.2.1", "Tujuan"),
    ("bab_3.sasaran", "3.2.2", "Sasaran"),
    ("bab_3.program_kegiatan", "3.3", "Program dan Kegiatan"),
    ("bab_4", "BAB IV", "Rencana Kerja dan Pendanaan Perangkat Daerah"),
    ("bab_5", "BAB V", "Penutup"),
];

fn label_prosa(kunci: &str) -> String {
    match kunci {
        "isi" => "Isi".to_owned(),
        "isi_lanjutan" => "Isi lanjutan".to_owned(),
        "judul" => "Judul".to_owned(),
        "penutup" => "Kalimat penutup".to_owned(),
        other => manusiawi(other),
    }
}

fn compare_prosa(lama: &Value, baru: &Value, options: Options) -> Vec<ProsaBerubah> {
    let mut leaves = Vec::new();
    jalan(&mut Vec::new(), Some(lama), Some(baru), "", &mut leaves);
    let mut out: Vec<((usize, usize), ProsaBerubah)> = leaves
        .into_iter()
        .map(|leaf| {
            let path = path_text(&leaf.segs);
            let dotted = path.trim_start_matches("$.");
            // The section: the longest known prefix; the field: what follows it.
            let (order, (prefix, nomor, standar)) = BAGIAN
                .iter()
                .enumerate()
                .filter(|(_, (p, _, _))| dotted.strip_prefix(p).is_some_and(|rest| rest.starts_with('.')))
                .max_by_key(|(_, (p, _, _))| p.len())
                .map_or((usize::MAX, ("", "", "")), |(i, b)| (i, *b));
            let kunci = dotted.strip_prefix(prefix).unwrap_or(dotted).trim_start_matches('.').to_owned();
            // A title override in the new plan (else the old one) names the section as printed.
            let judul_path: Vec<&str> = prefix.split('.').chain(["judul"]).collect();
            let judul = [baru, lama]
                .iter()
                .find_map(|v| {
                    judul_path.iter().try_fold(*v, |v, k| v.get(k)).and_then(Value::as_str).map(str::to_owned)
                })
                .filter(|_| !prefix.is_empty())
                .unwrap_or_else(|| standar.to_owned());
            let (semula, menjadi) = (tampil(leaf.lama), tampil(leaf.baru));
            let kata = beda_kata(semula.as_deref().unwrap_or(""), menjadi.as_deref().unwrap_or(""), options.kata);
            let field_order = ["judul", "isi", "isi_lanjutan", "penutup"].iter().position(|k| *k == kunci);
            let prosa = ProsaBerubah {
                path,
                nomor: nomor.to_owned(),
                bagian: judul,
                label: label_prosa(&kunci),
                kunci,
                kata_semula: semula.as_deref().map_or(0, |t| t.split_whitespace().count()),
                kata_menjadi: menjadi.as_deref().map_or(0, |t| t.split_whitespace().count()),
                semula,
                menjadi,
                kata_dihapus: kata.dihapus,
                kata_ditambah: kata.ditambah,
                potongan: kata.potongan,
            };
            ((order, field_order.unwrap_or(usize::MAX)), prosa)
        })
        .collect();
    // In the order of the document, not of the JSON keys.
    out.sort_by_key(|(order, _)| *order);
    out.into_iter().map(|(_, p)| p).collect()
}

/// "program_kegiatan" → "Program kegiatan".
fn manusiawi(key: &str) -> String {
    let text = key.replace('_', " ");
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn label_lain(akar: &str, rel: &[Seg], tahun: i32) -> String {
    let tahun_kolom = |k: &str, i: usize| -> Option<String> {
        let i = i32::try_from(i).ok()?;
        match k {
            "target" => Some(format!("Target Renstra {}", tahun - 2 + i)),
            "realisasi" => Some(format!("Realisasi {}", tahun - 2 + i)),
            "proyeksi" => Some(format!("Proyeksi {}", tahun + i)),
            _ => None,
        }
    };
    let kinerja = akar == "kinerja_pelayanan";
    let field = |k: &str| match k {
        "spm" => "SPM/Standar Nasional".to_owned(),
        "ikk" => "IKK".to_owned(),
        "pembilang" => "Pembilang rumus".to_owned(),
        "penyebut" => "Penyebut rumus".to_owned(),
        "program_kegiatan" => "Program/Kegiatan".to_owned(),
        other => manusiawi(other),
    };
    match rel {
        [.., Seg::Kunci(k), Seg::Indeks(i)] if kinerja => {
            tahun_kolom(k, *i).unwrap_or_else(|| format!("Baris ke-{}", i + 1))
        }
        [.., Seg::Kunci(k), Seg::Indeks(i), Seg::Kunci(x)] if kinerja && tahun_kolom(k, *i).is_some() => {
            format!("{} ({})", tahun_kolom(k, *i).unwrap_or_default(), field(x).to_lowercase())
        }
        [.., Seg::Indeks(i)] => format!("Baris ke-{}", i + 1),
        [.., Seg::Kunci(k)] => field(k),
        [] => manusiawi(akar.rsplit('.').next().unwrap_or(akar)),
    }
}

fn compare_lain(bagian: &str, akar: &[Seg], lama: &Value, baru: &Value, tahun: i32, out: &mut Vec<LainBerubah>) {
    let mut leaves = Vec::new();
    let mut segs = akar.to_vec();
    jalan(&mut segs, Some(lama), Some(baru), "", &mut leaves);
    let root = match akar.first() {
        Some(Seg::Kunci(k)) => k.as_str(),
        _ => "",
    };
    for leaf in leaves {
        let rel = &leaf.segs[akar.len()..];
        let label = label_lain(root, rel, tahun);
        let path = path_text(&leaf.segs);
        let kunci = path.trim_start_matches("$.").to_owned();
        // Tabel 2.2's values are numbers in their unit: print them the Indonesian way.
        let show = |v: Option<&Value>| {
            let text = tampil(v)?;
            match (root, Decimal::from_str_exact(&text)) {
                ("kinerja_pelayanan", Ok(d)) if v.is_some_and(Value::is_string) => Some(format::angka(d)),
                _ => Some(text),
            }
        };
        out.push(LainBerubah {
            bagian: bagian.to_owned(),
            nama: leaf.nama,
            bidang: Bidang { semula: show(leaf.lama), menjadi: show(leaf.baru), ..Bidang::new(&kunci, &label, path) },
        });
    }
}

// --- Words ------------------------------------------------------------------------------------

struct BedaKata {
    dihapus: usize,
    ditambah: usize,
    potongan: Option<Vec<Potongan>>,
}

/// Words of context kept around a changed passage.
const KONTEKS: usize = 6;
/// Unchanged runs shorter than this (in words) join the changes on both sides of them.
const SAMBUNG: usize = 3;

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn rapikan(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts the words removed and added, and (if asked) the changed passages with context.
fn beda_kata(lama: &str, baru: &str, potongan: bool) -> BedaKata {
    let diff = TextDiff::from_words(lama, baru);
    // Runs: alternately unchanged text (both sides) and changed text (old side, new side).
    #[derive(Default)]
    struct Run {
        sama: bool,
        lama: String,
        baru: String,
    }
    let mut runs: Vec<Run> = Vec::new();
    let (mut dihapus, mut ditambah) = (0, 0);
    for change in diff.iter_all_changes() {
        let text = change.value();
        let sama = change.tag() == ChangeTag::Equal;
        if runs.last().is_none_or(|r| r.sama != sama) {
            runs.push(Run { sama, ..Run::default() });
        }
        let run = runs.last_mut().expect("just pushed");
        match change.tag() {
            ChangeTag::Equal => {
                run.lama.push_str(text);
                run.baru.push_str(text);
            }
            ChangeTag::Delete => {
                dihapus += words(text);
                run.lama.push_str(text);
            }
            ChangeTag::Insert => {
                ditambah += words(text);
                run.baru.push_str(text);
            }
        }
    }
    if !potongan {
        return BedaKata { dihapus, ditambah, potongan: None };
    }
    // A short unchanged run between two changes joins them into one passage.
    let mut merged: Vec<Run> = Vec::new();
    let count = runs.len();
    for (i, run) in runs.into_iter().enumerate() {
        let between = i > 0 && i + 1 < count;
        if run.sama && between && words(&run.lama) < SAMBUNG
            || !run.sama && merged.last().is_some_and(|r: &Run| !r.sama)
        {
            let last = merged.last_mut().expect("a change precedes");
            last.lama.push_str(&run.lama);
            last.baru.push_str(&run.baru);
        } else {
            merged.push(run);
        }
    }
    let mut out = Vec::new();
    for (i, run) in merged.iter().enumerate().filter(|(_, r)| !r.sama) {
        let sebelum = i.checked_sub(1).and_then(|p| merged.get(p)).map_or_else(String::new, |r| {
            let w: Vec<&str> = r.lama.split_whitespace().collect();
            let tail = w[w.len().saturating_sub(KONTEKS)..].join(" ");
            if w.len() > KONTEKS { format!("… {tail}") } else { tail }
        });
        let sesudah = merged.get(i + 1).map_or_else(String::new, |r| {
            let w: Vec<&str> = r.lama.split_whitespace().collect();
            let head = w[..w.len().min(KONTEKS)].join(" ");
            if w.len() > KONTEKS { format!("{head} …") } else { head }
        });
        out.push(Potongan { sebelum, semula: rapikan(&run.lama), menjadi: rapikan(&run.baru), sesudah });
    }
    BedaKata { dihapus, ditambah, potongan: Some(out) }
}

// ---------------------------------------------------------------------------------------------
// Rows: what the table on the terminal and the PDF appendix both show

/// How a row is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisBaris {
    /// A heading spanning the table.
    Kelompok,
    Program,
    Kegiatan,
    /// A JUMLAH row.
    Jumlah,
    /// The one row of a comparison without changes.
    Nihil,
}

/// One row of the "Daftar Perubahan": Kode | Program/Kegiatan | Uraian | Semula | Menjadi | Selisih.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baris {
    pub jenis: JenisBaris,
    pub kode: String,
    pub nama: String,
    pub uraian: String,
    pub semula: String,
    pub menjadi: String,
    pub selisih: String,
    /// A further row of the same program, kegiatan or section (kode and nama as above).
    pub lanjutan: bool,
    pub status: Option<Status>,
    /// A changed passage of prose; `semula`/`menjadi` then hold it as plain text with the
    /// changed words marked `[-…-]` and `{+…+}`.
    pub potongan: Option<Potongan>,
}

/// Words of a changed passage shown at most (the JSON keeps them all).
const POTONGAN_MAKS: usize = 40;

fn singkat(text: &str) -> String {
    let w: Vec<&str> = text.split_whitespace().collect();
    if w.len() <= POTONGAN_MAKS {
        return w.join(" ");
    }
    let half = POTONGAN_MAKS / 2;
    format!("{} … {}", w[..half].join(" "), w[w.len() - half..].join(" "))
}

impl Potongan {
    /// The passage shown: both sides cut to a readable length.
    pub fn singkat(&self) -> Potongan {
        Potongan { semula: singkat(&self.semula), menjadi: singkat(&self.menjadi), ..self.clone() }
    }

    /// "… konteks [-lama-] konteks …" (`baru` false) or "… konteks {+baru+} konteks …".
    pub fn tandai(&self, baru: bool) -> String {
        let changed = if baru { &self.menjadi } else { &self.semula };
        let mark = if changed.is_empty() {
            String::new()
        } else if baru {
            format!("{{+{changed}+}}")
        } else {
            format!("[-{changed}-]")
        };
        [self.sebelum.as_str(), mark.as_str(), self.sesudah.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn isi(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "-".to_owned())
}

/// Texts up to this many characters are shown whole; longer prose by its word counts.
const TEKS_PENDEK: usize = 160;

impl Perubahan {
    /// The rows of the "Daftar Perubahan", grouped under headings.
    pub fn rows(&self) -> Vec<Baris> {
        let mut rows = Vec::new();
        let row = |jenis, kode: &str, nama: &str, uraian: &str| Baris {
            jenis,
            kode: kode.to_owned(),
            nama: nama.to_owned(),
            uraian: uraian.to_owned(),
            semula: String::new(),
            menjadi: String::new(),
            selisih: String::new(),
            lanjutan: false,
            status: None,
            potongan: None,
        };
        let with = |mut r: Baris, b: &Bidang| {
            r.semula = isi(&b.semula);
            r.menjadi = isi(&b.menjadi);
            r.selisih = b.selisih.clone().unwrap_or_default();
            r
        };
        if self.is_empty() {
            rows.push(row(JenisBaris::Nihil, "", "", "Tidak ada perubahan"));
            return rows;
        }
        if !self.identitas.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Identitas, keputusan dan penandatangan", ""));
            for b in &self.identitas {
                rows.push(with(row(JenisBaris::Kegiatan, "", "", &b.label), b));
            }
        }
        if !self.program.is_empty() || !self.jumlah.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Program dan kegiatan (Tabel 2.3, 3.1 dan 4.1)", ""));
            for p in &self.program {
                butir_rows(&mut rows, JenisBaris::Program, &p.program, &p.jumlah, "Program");
                for k in &p.kegiatan {
                    butir_rows(&mut rows, JenisBaris::Kegiatan, k, &[], "Kegiatan");
                }
            }
            for b in &self.jumlah {
                rows.push(with(row(JenisBaris::Jumlah, "", "JUMLAH", &b.label), b));
            }
        }
        if !self.evaluasi.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Evaluasi Renja tahun lalu (Tabel 2.1)", ""));
            for p in &self.evaluasi {
                butir_rows(&mut rows, JenisBaris::Program, &p.program, &[], "Program");
                for k in &p.kegiatan {
                    butir_rows(&mut rows, JenisBaris::Kegiatan, k, &[], "Kegiatan");
                }
            }
        }
        if !self.prosa.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Narasi", ""));
            for p in &self.prosa {
                let kosong = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
                let uraian = match (kosong(&p.semula), kosong(&p.menjadi)) {
                    (true, _) => format!("{} ditambahkan", p.label),
                    (_, true) => format!("{} dihapus", p.label),
                    _ => format!("{}: {} kata dihapus, {} kata ditambah", p.label, p.kata_dihapus, p.kata_ditambah),
                };
                let mut r = row(JenisBaris::Kegiatan, &p.nomor, &p.bagian, &uraian);
                r.status = Some(Status::Diubah);
                let pendek = |t: &Option<String>| t.as_ref().is_none_or(|t| t.chars().count() <= TEKS_PENDEK);
                if pendek(&p.semula) && pendek(&p.menjadi) {
                    let teks = |t: &Option<String>| if kosong(t) { "-".to_owned() } else { isi(t) };
                    r.semula = teks(&p.semula);
                    r.menjadi = teks(&p.menjadi);
                } else {
                    let kata = |n: usize| format!("{} kata", format::angka(Decimal::from(n)));
                    r.semula = kata(p.kata_semula);
                    r.menjadi = kata(p.kata_menjadi);
                    let delta = i64::try_from(p.kata_menjadi).unwrap_or(0) - i64::try_from(p.kata_semula).unwrap_or(0);
                    r.selisih = match delta {
                        0 => String::new(),
                        d if d > 0 => format!("+{d} kata"),
                        d => format!("{d} kata"),
                    };
                }
                rows.push(r);
                for potongan in p.potongan.iter().flatten() {
                    let shown = potongan.singkat();
                    let mut r = row(JenisBaris::Kegiatan, &p.nomor, &p.bagian, "");
                    r.lanjutan = true;
                    r.status = Some(Status::Diubah);
                    r.semula = shown.tandai(false);
                    r.menjadi = shown.tandai(true);
                    r.potongan = Some(shown);
                    rows.push(r);
                }
            }
        }
        if !self.lainnya.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Tabel dan lampiran lainnya", ""));
            for l in &self.lainnya {
                rows.push(with(row(JenisBaris::Kegiatan, &l.bagian, &l.nama, &l.bidang.label), &l.bidang));
            }
        }
        rows
    }
}

/// The rows of one program or kegiatan: one per changed field, or one for a row added or
/// removed (with its pagu, where it has one).
fn butir_rows(rows: &mut Vec<Baris>, jenis: JenisBaris, b: &Butir, jumlah: &[Bidang], apa: &str) {
    let base = Baris {
        jenis,
        kode: b.kode.clone(),
        nama: b.nama.clone(),
        uraian: String::new(),
        semula: String::new(),
        menjadi: String::new(),
        selisih: String::new(),
        lanjutan: false,
        status: Some(b.status),
        potongan: None,
    };
    let fill = |mut r: Baris, f: &Bidang| {
        r.semula = isi(&f.semula);
        r.menjadi = isi(&f.menjadi);
        r.selisih = f.selisih.clone().unwrap_or_default();
        r
    };
    match b.status {
        Status::Ditambah | Status::Dihapus => {
            let verb = if b.status == Status::Ditambah { "ditambahkan" } else { "dihapus" };
            let mut r = Baris { uraian: format!("{apa} {verb}"), ..base };
            // The program's total, or the kegiatan's pagu.
            if let Some(pagu) = b.bidang.iter().chain(jumlah).find(|f| f.kunci == "pagu") {
                r = fill(r, pagu);
            }
            rows.push(r);
        }
        Status::Diubah | Status::Tetap => {
            let fields: Vec<&Bidang> = b.bidang.iter().chain(jumlah).collect();
            if fields.is_empty() {
                rows.push(Baris { uraian: format!("Perubahan pada {}", apa_bawahan(apa)), ..base.clone() });
            }
            for (i, f) in fields.into_iter().enumerate() {
                rows.push(fill(Baris { uraian: f.label.clone(), lanjutan: i > 0, ..base.clone() }, f));
            }
        }
    }
}

fn apa_bawahan(apa: &str) -> &'static str {
    if apa == "Program" { "kegiatan" } else { "rincian" }
}

// ---------------------------------------------------------------------------------------------
// The PDF appendix

/// The template of the appendix (built in, or from a `--templates` directory).
pub const TEMPLATE: &str = "perubahan.typ.j2";

#[derive(Debug, Serialize)]
struct KonteksDaftar {
    meta: MetaDaftar,
    judul: Vec<String>,
    keterangan: Vec<String>,
    baris: Vec<BarisDaftar>,
}

/// What `dokumen` in renja.typ reads.
#[derive(Debug, Serialize)]
struct MetaDaftar {
    judul: String,
    penulis: String,
    subjek: String,
    kata_kunci: Vec<String>,
    kertas: &'static str,
    tanda_air: Option<String>,
    keterangan_ttd: Option<String>,
    /// A "printed on" stamp in the footer (drafts only); never on this appendix.
    dicetak: Option<String>,
}

/// A row as `tabel-data` in renja.typ takes it: its kind and its cells.
#[derive(Debug, Serialize)]
struct BarisDaftar {
    jenis: JenisBaris,
    status: Option<Status>,
    sel: Vec<Sel>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Sel {
    Teks(String),
    /// A changed passage, laid out with the changed words struck through or underlined.
    Potongan {
        sebelum: String,
        ubah: String,
        sesudah: String,
        jenis: &'static str,
    },
}

fn revisi(plan: &Plan) -> String {
    let id = &plan.identitas;
    let tahap = match id.tahap {
        Tahap::Final => String::new(),
        t => format!("{} ", t.label()),
    };
    format!("{tahap}Renja Tahun {}, lampiran {} Nomor {}", id.tahun, plan.keputusan.jenis, plan.keputusan.nomor)
}

/// The Typst sources of the "Daftar Perubahan" appendix.
pub fn render_daftar(
    perubahan: &Perubahan,
    lama: &Plan,
    baru: &Plan,
    renderer: &Renderer,
) -> Result<TypstSources, RenderError> {
    let id = &baru.identitas;
    let pd = format!("{} {}", id.perangkat_daerah, id.pemda);
    let baris = perubahan
        .rows()
        .into_iter()
        .map(|r| {
            let sel = match r.jenis {
                JenisBaris::Kelompok | JenisBaris::Nihil => {
                    vec![Sel::Teks(if r.jenis == JenisBaris::Nihil { r.uraian.to_uppercase() } else { r.nama })]
                }
                JenisBaris::Jumlah => {
                    vec![
                        Sel::Teks(r.nama),
                        Sel::Teks(r.uraian),
                        Sel::Teks(r.semula),
                        Sel::Teks(r.menjadi),
                        Sel::Teks(r.selisih),
                    ]
                }
                JenisBaris::Program | JenisBaris::Kegiatan => {
                    // A further row of the same program or kegiatan keeps its kode (the table may
                    // continue on the next page) but not its name.
                    let nama = if r.lanjutan { String::new() } else { r.nama };
                    let kode = r.kode;
                    let (semula, menjadi) = match &r.potongan {
                        Some(p) => (
                            Sel::Potongan {
                                sebelum: p.sebelum.clone(),
                                ubah: p.semula.clone(),
                                sesudah: p.sesudah.clone(),
                                jenis: "hapus",
                            },
                            Sel::Potongan {
                                sebelum: p.sebelum.clone(),
                                ubah: p.menjadi.clone(),
                                sesudah: p.sesudah.clone(),
                                jenis: "tambah",
                            },
                        ),
                        None => (Sel::Teks(r.semula), Sel::Teks(r.menjadi)),
                    };
                    vec![Sel::Teks(kode), Sel::Teks(nama), Sel::Teks(r.uraian), semula, menjadi, Sel::Teks(r.selisih)]
                }
            };
            BarisDaftar { jenis: r.jenis, status: r.status, sel }
        })
        .collect();
    let context = KonteksDaftar {
        meta: MetaDaftar {
            judul: format!("Daftar Perubahan Rencana Kerja {pd} Tahun {}", id.tahun),
            penulis: id.perangkat_daerah.clone(),
            subjek: format!("Daftar perubahan antara dua revisi Renja: {} dan {}", revisi(lama), revisi(baru)),
            kata_kunci: vec![
                "Renja".into(),
                "Daftar Perubahan".into(),
                id.perangkat_daerah.clone(),
                id.pemda.clone(),
                id.tahun.to_string(),
            ],
            kertas: match baru.pengaturan.kertas {
                Kertas::A4 => "a4",
                Kertas::F4 => "f4",
            },
            tanda_air: None,
            keterangan_ttd: None,
            dicetak: None,
        },
        judul: vec![
            "Daftar Perubahan".into(),
            format!("Rencana Kerja {}", id.perangkat_daerah),
            format!("{} Tahun {}", id.pemda, id.tahun),
        ],
        keterangan: vec![format!("Semula : {}", revisi(lama)), format!("Menjadi : {}", revisi(baru))],
        baris,
    };
    renderer.render_template(TEMPLATE, &context)
}

/// The laid-out and exported appendix.
pub struct DaftarPdf {
    pub pdf: Vec<u8>,
    pub document: PagedDocument,
    pub sources: TypstSources,
}

/// Lays out and exports the "Daftar Perubahan" as PDF/A-2b, dated like a build of the new plan.
pub fn daftar_pdf(
    perubahan: &Perubahan,
    lama: &LoadedPlan,
    baru: &LoadedPlan,
    renderer: &Renderer,
    source_date_epoch: Option<i64>,
) -> Result<DaftarPdf, BuildError> {
    let sources = render_daftar(perubahan, &lama.plan, &baru.plan, renderer).map_err(BuildError::Render)?;
    let world = RenjaWorld::new(&sources, document_date(baru, source_date_epoch));
    let document = world.compile().map_err(BuildError::Typst)?;
    let pdf = world.pdf(&document).map_err(BuildError::Typst)?;
    Ok(DaftarPdf { pdf, document, sources })
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
