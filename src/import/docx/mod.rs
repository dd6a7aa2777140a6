//! `renja import LAST.docx --into PLAN`: the narrative of a Renja written in Word into the
//! plan's Bab I–V fields.
//!
//! [`package`] reads the body into paragraphs and tables. Headings are found by style (an
//! outline level or a built-in "heading N"), else by their text (`BAB <roman> <title>`, the
//! title possibly in the next paragraph; `N.N[.N] <title>`, also typed bold in Normal), the
//! text including Word's own list label; each is matched to [`crate::kerangka::DOKUMEN`] by
//! number and confirmed by title similarity (a mismatch is a located warning). Within a
//! section, prose before its first insertion (a table, a caption, a picture, renja's own
//! generated text) is `isi`, after it `isi_lanjutan`. Paragraphs, lists, bold and italic
//! become the plan's Markdown subset ([`crate::prose`]), checked by parsing it back; literal
//! years of the document's plan year become `{{ tahun }}` relatives.
//!
//! A field whose imported text prints exactly as the plan's text already prints (with the
//! plan's year, or with the document's) is left as written, its placeholders and Markdown kept:
//! the .docx renja writes, imported back, changes nothing, and last year's .docx imported into
//! the plan `renja next-year` made keeps the fields last year's plan already held. Nothing is dropped silently: each table, each paragraph that fits no
//! section and the front matter are reported with their place (`paragraf 37`).

pub mod package;

use std::collections::BTreeMap;

use package::{ParagrafDocx, Penggalan, Unsur};

use crate::diagnostic::Diagnostic;
use crate::kerangka::{Bab, DOKUMEN, Sisipan, Subbab};
use crate::plan::Plan;
use crate::prose::{Block, Facts, Inline};

pub use package::kenali;

/// The outcome of a narrative import.
#[derive(Debug)]
pub struct ImporNarasi {
    pub hasil: super::Hasil,
    /// Fields given the document's text.
    pub diisi: Vec<String>,
    /// Fields whose text in the document prints as the plan's already does (left as written).
    pub tetap: usize,
    /// Sections of the outline the document does not have (their fields left as they were).
    pub tidak_ditemukan: Vec<String>,
    /// Paragraphs with text that went into no field.
    pub tidak_ditempatkan: usize,
    /// Tables of the document (not imported).
    pub tabel: usize,
}

/// One printed line of prose: a paragraph or a list item, its list depth (0 = body text) and
/// its marker, its text in runs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BarisProsa {
    kedalaman: usize,
    penanda: Option<String>,
    isi: Vec<Penggalan>,
}

/// Where a paragraph's text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TahapIsi {
    Isi,
    Lanjutan,
}

/// A section of the outline found in the document.
#[derive(Debug, Clone, Copy)]
struct BagianDitemukan {
    bab: &'static Bab,
    bagian: &'static Subbab,
}

impl BagianDitemukan {
    fn path(&self) -> String {
        self.bagian.path(self.bab)
    }

    fn nama(&self) -> String {
        if self.bagian.nomor.is_empty() { format!("BAB {}", self.bab.romawi()) } else { self.bagian.nomor.to_owned() }
    }
}

/// A heading found in the document.
#[derive(Debug, Clone)]
enum JudulDocx {
    Bab { bab: &'static Bab, judul: String },
    Bagian { nomor: String, judul: String, gaya: bool },
}

/// The prose of one field, with the places of its paragraphs.
#[derive(Debug, Default)]
struct Kumpulan {
    baris: Vec<BarisProsa>,
    paragraf: Vec<usize>,
}

/// Imports the narrative of a .docx into a copy of `into`. Errors (an unreadable document, a
/// result `check` refuses) come back located; warnings travel with the result.
pub fn impor(bytes: &[u8], into: &Plan) -> Result<ImporNarasi, Vec<Diagnostic>> {
    let unsur = package::baca(bytes).map_err(|d| vec![*d])?;
    let computed = crate::compute::compute(into);
    let facts = Facts::of(into, &computed);
    let mut catatan = Vec::new();
    let susun = susun(&unsur, into, &facts, &mut catatan);
    let tahun_dokumen = tahun_dokumen(&unsur, susun.bab_pertama, into, &mut catatan);
    // The facts as the document's own year printed them: last year's text, rolled on by
    // `renja next-year`, prints as last year's Word does.
    let facts_dokumen = if tahun_dokumen == into.identitas.tahun {
        None
    } else {
        let mut lalu = into.clone();
        lalu.identitas.tahun = tahun_dokumen;
        Some(Facts::of(&lalu, &crate::compute::compute(&lalu)))
    };

    let mut value = serde_json::to_value(into)
        .map_err(|e| vec![Diagnostic::error("impor.json", format!("rencana tidak dapat dibaca ({e})"))])?;
    let mut diisi = Vec::new();
    let mut tetap = 0;
    let mut letak = super::Letak::default();
    for (path, kumpulan) in &susun.bidang {
        let lama = pointer(&value, path).and_then(serde_json::Value::as_str).unwrap_or("").to_owned();
        let tempat = tempat_paragraf(&kumpulan.paragraf);
        if !tempat.is_empty() {
            letak.catat(path, tempat.clone());
        }
        let sama = |facts: &Facts| dari_prosa(&lama, facts) == kumpulan.baris;
        if sama(&facts) || facts_dokumen.as_ref().is_some_and(sama) {
            tetap += 1;
            continue;
        }
        let markdown = markdown_terperiksa(&kumpulan.baris, path, &tempat, &mut catatan);
        let (teks, diganti) = crate::prose::tahun_relatif(&markdown, tahun_dokumen);
        if !diganti.is_empty() {
            let daftar: Vec<String> =
                diganti.iter().map(|d| format!("{} → {{{{ {} }}}}", d.tahun, d.placeholder)).collect();
            catatan.push(
                Diagnostic::warning("impor.tahun_relatif", format!("{} tahun harfiah ditulis relatif", diganti.len()))
                    .path(format!("{tempat} ({path})"))
                    .found(daftar.join(", "))
                    .hint("periksa hasilnya: tahun yang memang tetap (mis. tahun sebuah peraturan) tulis kembali sebagai angka"),
            );
        }
        if let Some(slot) = pointer_mut(&mut value, path) {
            *slot = serde_json::Value::String(teks);
            diisi.push(path.clone());
        }
    }
    let plan: Plan = serde_json::from_value(value)
        .map_err(|e| vec![Diagnostic::error("impor.json", format!("rencana hasil impor tidak sah ({e})"))])?;
    // The plan is checked as `renja check` will load it; only findings in the fields the
    // document filled concern the import (the plan's own, elsewhere, are `check`'s to report),
    // and an error among them refuses it.
    let mut hasil = super::selesaikan_dengan(plan, &letak, true)?;
    let check = std::mem::take(&mut hasil.catatan);
    let (ours, _): (Vec<_>, Vec<_>) = check.into_iter().partition(|d| {
        // A path placed in the document reads "paragraf 3 ($.bab_1.latar_belakang.isi)".
        let ours = |p: &String| diisi.iter().any(|f| p == f || p.ends_with(&format!("({f})")));
        d.path.as_ref().is_some_and(ours) || d.code == "teks.tahun_asal"
    });
    let refused = ours.iter().any(|d| d.is_error() && !d.final_only);
    catatan.extend(ours);
    if refused {
        return Err(catatan);
    }
    hasil.catatan = catatan;
    Ok(ImporNarasi {
        hasil,
        diisi,
        tetap,
        tidak_ditemukan: susun.tidak_ditemukan,
        tidak_ditempatkan: susun.tidak_ditempatkan,
        tabel: susun.tabel,
    })
}

fn pointer<'v>(value: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    value.pointer(&json_pointer(path))
}

fn pointer_mut<'v>(value: &'v mut serde_json::Value, path: &str) -> Option<&'v mut serde_json::Value> {
    value.pointer_mut(&json_pointer(path))
}

/// `$.bab_1.latar_belakang.isi` → `/bab_1/latar_belakang/isi`.
fn json_pointer(path: &str) -> String {
    path.trim_start_matches('$').replace('.', "/")
}

/// "paragraf 12", "paragraf 12–20".
fn tempat_paragraf(nomor: &[usize]) -> String {
    match (nomor.iter().min(), nomor.iter().max()) {
        (Some(a), Some(b)) if a == b => format!("paragraf {a}"),
        (Some(a), Some(b)) => format!("paragraf {a}–{b}"),
        _ => String::new(),
    }
}

// --- Placing the body in the outline -----------------------------------------------------------

/// The document laid onto the outline.
#[derive(Debug, Default)]
struct SusunanDocx {
    /// Field path → its prose, for every field of every section found.
    bidang: BTreeMap<String, Kumpulan>,
    tidak_ditemukan: Vec<String>,
    tidak_ditempatkan: usize,
    tabel: usize,
    /// The index in the body of the first chapter heading.
    bab_pertama: Option<usize>,
}

/// Whether a paragraph is renja's own generated text or a caption: not narrative.
fn gaya_otomatis(p: &ParagrafDocx) -> bool {
    p.gaya.as_deref() == Some(crate::docx::GAYA_OTOMATIS)
}

fn judul_sisipan(p: &ParagrafDocx, teks: &str) -> bool {
    if p.gaya.as_deref().is_some_and(|g| g.eq_ignore_ascii_case(crate::docx::GAYA_JUDUL_SISIPAN)) {
        return true;
    }
    let lower = teks.to_lowercase();
    let Some(rest) = ["tabel ", "gambar ", "grafik ", "bagan ", "diagram "].iter().find_map(|k| lower.strip_prefix(k))
    else {
        return false;
    };
    teks.chars().count() <= 200 && rest.starts_with(|c: char| c.is_ascii_digit())
}

/// Whitespace collapsed, line breaks as spaces.
fn rata(teks: &str) -> String {
    teks.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraph's text as printed: Word's list label, then its text.
fn teks_cetak(p: &ParagrafDocx) -> String {
    match &p.label {
        Some((label, _)) if label != "-" => rata(&format!("{label} {}", p.teks())),
        _ => rata(&p.teks()),
    }
}

/// `BAB IV Rencana Kerja` → (4, "Rencana Kerja").
fn pola_bab(teks: &str) -> Option<(u8, String)> {
    let mut words = teks.splitn(3, ' ');
    if !words.next()?.eq_ignore_ascii_case("bab") {
        return None;
    }
    let nomor = words.next()?.trim_end_matches(['.', ':', ',']);
    let angka = (1..=9u8)
        .find(|n| crate::format::romawi(usize::from(*n)).eq_ignore_ascii_case(nomor) || nomor == n.to_string())?;
    let judul = words.next().unwrap_or("").trim_start_matches(['.', ':', '-', '–', '—', ' ']).trim().to_owned();
    Some((angka, judul))
}

/// `1.2 Landasan Hukum`, `3.2.1. Tujuan` → ("1.2", "Landasan Hukum").
fn pola_bagian(teks: &str) -> Option<(String, String)> {
    let (nomor, judul) = teks.split_once(' ')?;
    let nomor = nomor.trim_end_matches('.');
    let parts: Vec<&str> = nomor.split('.').collect();
    let ok = (2..=3).contains(&parts.len())
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit()));
    let judul = judul.trim();
    (ok && !judul.is_empty() && teks.chars().count() <= 200 && !judul.ends_with([';', ',']))
        .then(|| (nomor.to_owned(), judul.to_owned()))
}

fn normal(teks: &str) -> String {
    teks.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How alike two titles are, from 0 to 1; one contained in the other counts as alike (0.8 and
/// more).
fn kemiripan(a: &str, b: &str) -> f64 {
    let (a, b) = (normal(a), normal(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    // One inside the other: alike, the more so the closer their lengths ("Tujuan" is nearer to
    // "Tujuan" than to "Tujuan dan Sasaran Renja").
    if a.contains(&b) || b.contains(&a) {
        let (short, long) = (a.len().min(b.len()) as f64, a.len().max(b.len()) as f64);
        return 0.8 + 0.2 * short / long;
    }
    strsim::sorensen_dice(&a, &b)
}

/// The titles a chapter may carry: the plan's (placeholders filled) and the standard one.
fn judul_bab(bab: &Bab, plan: &Plan, facts: &Facts) -> Vec<String> {
    let mut out = vec![bab.judul_baku.to_owned()];
    if let Some(j) = (bab.judul)(plan) {
        out.push(facts.fill(&j.0).unwrap_or_else(|_| j.0.clone()));
    }
    out
}

fn judul_bagian(bagian: &Subbab, plan: &Plan, facts: &Facts) -> Vec<String> {
    let mut out = vec![bagian.judul_baku.to_owned()];
    if let Some(j) = (bagian.isian)(plan).judul {
        out.push(facts.fill(&j.0).unwrap_or_else(|_| j.0.clone()));
    }
    out
}

fn mirip_terbaik(teks: &str, juduls: &[String]) -> f64 {
    juduls.iter().map(|j| kemiripan(teks, j)).fold(0.0, f64::max)
}

/// The least title similarity that confirms a heading matched by number.
const MIRIP_MIN: f64 = 0.5;

/// A chapter heading candidate: its body index, chapter, title, strength, and whether the title
/// was taken from the next paragraph.
struct CalonBab {
    i: usize,
    bab: &'static Bab,
    judul: String,
    kuat: u8,
    judul_berikut: Option<usize>,
}

fn paragraf_at(unsur: &[Unsur], i: usize) -> Option<&ParagrafDocx> {
    match unsur.get(i) {
        Some(Unsur::Paragraf(p)) => Some(p),
        _ => None,
    }
}

fn calon_bab(unsur: &[Unsur], plan: &Plan, facts: &Facts) -> Vec<CalonBab> {
    let mut out = Vec::new();
    for (i, u) in unsur.iter().enumerate() {
        let Unsur::Paragraf(p) = u else { continue };
        if gaya_otomatis(p) || daftar_isi(p) {
            continue;
        }
        let teks = teks_cetak(p);
        if teks.is_empty() || teks.chars().count() > 200 {
            continue;
        }
        let gaya = p.tingkat_judul == Some(1);
        let kuat = if gaya {
            4
        } else if p.tengah || p.semua_tebal() || p.halaman_baru {
            2
        } else {
            1
        };
        if let Some((angka, judul)) = pola_bab(&teks) {
            let Some(bab) = crate::kerangka::bab(angka) else { continue };
            let (judul, judul_berikut) = if judul.is_empty() {
                // The title in the next paragraph with text.
                let next = (i + 1..unsur.len().min(i + 4))
                    .find(|&j| paragraf_at(unsur, j).is_some_and(|q| !teks_cetak(q).is_empty()));
                match next.and_then(|j| paragraf_at(unsur, j).map(|q| (j, teks_cetak(q)))) {
                    Some((j, t)) if t.chars().count() <= 150 && pola_bab(&t).is_none() && pola_bagian(&t).is_none() => {
                        (t, Some(j))
                    }
                    _ => (String::new(), None),
                }
            } else {
                (judul, None)
            };
            // A chapter's heading is soon followed by its first section; a line of 1.4's
            // outline by the next chapter's line.
            let kuat = kuat + u8::from(diikuti_bagian(unsur, i + 1 + usize::from(judul_berikut.is_some()), angka));
            out.push(CalonBab { i, bab, judul, kuat, judul_berikut });
        } else if gaya {
            // A chapter heading without "BAB": known by its title.
            let best = DOKUMEN
                .iter()
                .map(|b| (b, mirip_terbaik(&teks, &judul_bab(b, plan, facts))))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((bab, skor)) = best
                && skor >= 0.75
            {
                out.push(CalonBab { i, bab, judul: teks, kuat, judul_berikut: None });
            }
        }
    }
    // One heading per chapter: the strongest, the last among equals (a list of chapters in
    // 1.4 comes before the chapters themselves); then in increasing order.
    let mut best: BTreeMap<u8, CalonBab> = BTreeMap::new();
    for c in out {
        match best.get(&c.bab.angka) {
            Some(b) if b.kuat > c.kuat => {}
            _ => {
                best.insert(c.bab.angka, c);
            }
        }
    }
    let mut chosen: Vec<CalonBab> = best.into_values().collect();
    chosen.sort_by_key(|c| c.i);
    let mut kept: Vec<CalonBab> = Vec::new();
    for c in chosen {
        if kept.last().is_none_or(|k| k.bab.angka < c.bab.angka) {
            kept.push(c);
        }
    }
    kept
}

/// Whether a section heading of chapter `angka` (by style, or `N.N` text) comes within a few
/// paragraphs from `from`, before any other `BAB` line.
fn diikuti_bagian(unsur: &[Unsur], from: usize, angka: u8) -> bool {
    for u in unsur.iter().skip(from).take(8) {
        let Unsur::Paragraf(p) = u else { continue };
        let teks = teks_cetak(p);
        if pola_bab(&teks).is_some() {
            return false;
        }
        let bagian = pola_bagian(&teks).is_some_and(|(nomor, _)| nomor.split('.').next() == Some(&angka.to_string()));
        if bagian || (p.tingkat_judul.is_some_and(|t| t >= 2) && !teks.is_empty()) {
            return true;
        }
    }
    false
}

/// A line of a table of contents: a TOC style, or a title ending in its page number after a
/// tab or dot leaders ("1.1 Latar Belakang ........ 3").
fn daftar_isi(p: &ParagrafDocx) -> bool {
    let gaya = p.gaya.as_deref().unwrap_or("").to_lowercase();
    if gaya.starts_with("toc") || gaya.starts_with("daftarisi") {
        return true;
    }
    let teks = p.teks();
    let tanpa_angka = teks.trim_end().trim_end_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
    tanpa_angka.len() < teks.trim_end().len()
        && (tanpa_angka.ends_with("....")
            || teks
                .trim_end()
                .rsplit_once('\t')
                .is_some_and(|(_, n)| n.trim().bytes().all(|b| b.is_ascii_digit()) && !n.trim().is_empty()))
}

/// Finds the sections and lays every paragraph into a field (or reports it).
fn susun(unsur: &[Unsur], plan: &Plan, facts: &Facts, catatan: &mut Vec<Diagnostic>) -> SusunanDocx {
    let mut out = SusunanDocx::default();
    let bab_list = calon_bab(unsur, plan, facts);
    out.bab_pertama = bab_list.first().map(|c| c.i);
    let mut judul_at: BTreeMap<usize, JudulDocx> = BTreeMap::new();
    let mut dilewati: Vec<usize> = Vec::new();
    for c in &bab_list {
        judul_at.insert(c.i, JudulDocx::Bab { bab: c.bab, judul: c.judul.clone() });
        dilewati.extend(c.judul_berikut);
    }
    let mut ditemukan: Vec<String> = Vec::new();
    let mut bab: Option<&'static Bab> = None;
    let mut tujuan: Option<BagianDitemukan> = None;
    let mut tahap = TahapIsi::Isi;
    // Inside 3.3.1/3.3.2, generated from the plan: list items there are not narrative.
    let mut dihasilkan = false;
    // Paragraphs with text that fit no field, in runs: (first, last, what came before).
    let mut lepas: Vec<(usize, usize, String)> = Vec::new();
    let mut konteks = String::from("awal dokumen");
    let mut depan: Vec<usize> = Vec::new();
    let mut otomatis = 0usize;
    // After a first-level heading that is no chapter.
    let mut di_luar = false;
    for (i, u) in unsur.iter().enumerate() {
        let p = match u {
            Unsur::Tabel { setelah, baris, kolom, teks_awal } => {
                out.tabel += 1;
                let letak = match tujuan {
                    Some(t) => format!(" di {}", t.nama()),
                    None => String::new(),
                };
                catatan.push(
                    Diagnostic::warning("impor.tabel", format!("tabel ke-{} tidak diimpor{letak}", out.tabel))
                        .path(match setelah {
                            0 => format!("tabel ke-{} (sebelum paragraf 1)", out.tabel),
                            n => format!("tabel ke-{} (setelah paragraf {n})", out.tabel),
                        })
                        .found(format!("{baris} baris × {kolom} kolom, diawali \"{}\"", rata(teks_awal)))
                        .hint(
                            "tabel Renja disusun renja dari data rencana; isi datanya dengan renja workbook atau \
                             impor SIPD-RI",
                        ),
                );
                tahap = TahapIsi::Lanjutan;
                continue;
            }
            Unsur::Paragraf(p) => p,
        };
        if dilewati.contains(&i) {
            continue;
        }
        let teks = teks_cetak(p);
        // A heading of the first level that is no chapter (LAMPIRAN, DAFTAR PUSTAKA): what
        // follows it belongs to no section until the next chapter; headings under it only name
        // the place of what is reported.
        if bab.is_some() && !judul_at.contains_key(&i) && p.tingkat_judul.is_some() && !teks.is_empty() {
            if p.tingkat_judul == Some(1) {
                di_luar = true;
            }
            if di_luar {
                tujuan = None;
                konteks = format!("setelah judul \"{}\", paragraf {}", potong(&teks, 50), p.nomor);
                continue;
            }
        }
        let judul_baru = match judul_at.get(&i) {
            Some(j) => Some(j.clone()),
            None if di_luar => None,
            None => judul_bagian_di(p, &teks, bab, plan, facts),
        };
        if let Some(judul) = judul_baru {
            di_luar = false;
            tahap = TahapIsi::Isi;
            dihasilkan = false;
            konteks = format!("setelah judul \"{}\", paragraf {}", potong(&teks, 50), p.nomor);
            match judul {
                JudulDocx::Bab { bab: b, judul } => {
                    bab = Some(b);
                    let juduls = judul_bab(b, plan, facts);
                    if !judul.is_empty() && mirip_terbaik(&judul, &juduls) < MIRIP_MIN {
                        catatan.push(beda_judul(&format!("BAB {}", b.romawi()), &judul, &juduls, p.nomor));
                    }
                    // Bab IV and V: prose stands directly under the chapter.
                    tujuan =
                        b.bagian.iter().find(|s| s.nomor.is_empty()).map(|s| BagianDitemukan { bab: b, bagian: s });
                    if let Some(t) = tujuan {
                        mulai(&mut out, t, &mut ditemukan);
                    }
                }
                JudulDocx::Bagian { nomor, judul, gaya } => {
                    let Some(b) = bab else { continue };
                    let generated = b.bagian.iter().find_map(|s| {
                        s.sisipan.iter().find_map(|x| match x {
                            Sisipan::DaftarProgram { nomor: n, judul }
                            | Sisipan::DaftarKegiatan { nomor: n, judul }
                                if *n == nomor =>
                            {
                                Some((s, *judul))
                            }
                            _ => None,
                        })
                    });
                    if let Some((s, _)) = generated {
                        // A list renja makes from the plan; prose after it is the section's isi_lanjutan.
                        tujuan = Some(BagianDitemukan { bab: b, bagian: s });
                        tahap = TahapIsi::Lanjutan;
                        dihasilkan = true;
                        continue;
                    }
                    match b.bagian.iter().find(|s| s.nomor == nomor) {
                        Some(s) => {
                            let juduls = judul_bagian(s, plan, facts);
                            if mirip_terbaik(&judul, &juduls) < MIRIP_MIN {
                                catatan.push(beda_judul(&nomor, &judul, &juduls, p.nomor));
                            }
                            let t = BagianDitemukan { bab: b, bagian: s };
                            tujuan = Some(t);
                            mulai(&mut out, t, &mut ditemukan);
                        }
                        None => {
                            let asal = if gaya { "bergaya judul" } else { "bernomor" };
                            catatan.push(
                                Diagnostic::warning(
                                    "impor.judul_tidak_dikenal",
                                    format!("judul {nomor} tidak ada di kerangka Renja"),
                                )
                                .path(format!("paragraf {}", p.nomor))
                                .found(format!("\"{}\" ({asal})", potong(&teks, 80)))
                                .expected(format!(
                                    "salah satu bagian BAB {}: {}",
                                    b.romawi(),
                                    b.bagian
                                        .iter()
                                        .filter(|s| !s.nomor.is_empty())
                                        .map(|s| format!("{} {}", s.nomor, s.judul_baku))
                                        .collect::<Vec<_>>()
                                        .join("; ")
                                ))
                                .hint("paragraf di bawahnya tidak diimpor; pindahkan isinya ke bagian yang sesuai di rencana"),
                            );
                            tujuan = None;
                        }
                    }
                }
            }
            continue;
        }
        if teks.is_empty() && !p.gambar {
            continue;
        }
        if bab.is_none() {
            depan.push(p.nomor);
            continue;
        }
        if gaya_otomatis(p) {
            otomatis += 1;
            tahap = TahapIsi::Lanjutan;
            continue;
        }
        if daftar_isi(p) {
            match lepas.last_mut() {
                Some((_, last, k)) if *k == konteks => *last = p.nomor,
                _ => lepas.push((p.nomor, p.nomor, konteks.clone())),
            }
            continue;
        }
        if judul_sisipan(p, &teks) || (p.gambar && teks.is_empty()) {
            tahap = TahapIsi::Lanjutan;
            if p.gambar && teks.is_empty() {
                catatan.push(
                    Diagnostic::warning("impor.gambar", "gambar tidak diimpor")
                        .path(format!("paragraf {}", p.nomor))
                        .hint("gambar Keterkaitan antar dokumen perencanaan dibuat renja sendiri"),
                );
            }
            continue;
        }
        if dihasilkan && (p.label.is_some() || penanda_ketik(&p.teks()).is_some()) {
            otomatis += 1;
            continue;
        }
        dihasilkan = false;
        if p.catatan_kaki > 0 {
            catatan.push(
                Diagnostic::warning("impor.catatan_kaki", format!("{} catatan kaki tidak diimpor", p.catatan_kaki))
                    .path(format!("paragraf {}", p.nomor))
                    .hint("narasi Renja tidak memakai catatan kaki; tulis isinya di paragraf bila perlu"),
            );
        }
        let Some(t) = tujuan else {
            match lepas.last_mut() {
                Some((_, last, k)) if *k == konteks => *last = p.nomor,
                _ => lepas.push((p.nomor, p.nomor, konteks.clone())),
            }
            continue;
        };
        let isian = (t.bagian.isian)(plan);
        let field = if tahap == TahapIsi::Lanjutan && isian.isi_lanjutan.is_some() { "isi_lanjutan" } else { "isi" };
        let kumpulan = out.bidang.entry(format!("{}.{field}", t.path())).or_default();
        let b = baris(p, kumpulan.baris.last());
        kumpulan.baris.push(b);
        kumpulan.paragraf.push(p.nomor);
    }
    if !depan.is_empty() {
        catatan.push(
            Diagnostic::warning(
                "impor.sebelum_bab",
                format!("{} paragraf sebelum BAB I tidak diimpor (sampul, kata pengantar, daftar isi)", depan.len()),
            )
            .path(tempat_paragraf(&depan)),
        );
    }
    for (a, b, k) in &lepas {
        out.tidak_ditempatkan += b - a + 1;
        catatan.push(
            Diagnostic::warning("impor.tidak_ditempatkan", "paragraf tidak masuk bagian mana pun dan tidak diimpor")
                .path(format!("{} ({k})", tempat_paragraf(&[*a, *b])))
                .hint("beri paragraf itu judul bagian Renja yang sesuai (mis. 1.1 Latar Belakang), lalu impor lagi"),
        );
    }
    out.tidak_ditempatkan += depan.len();
    if otomatis > 0 {
        catatan.push(
            Diagnostic::warning(
                "impor.otomatis",
                format!("{otomatis} paragraf teks otomatis (disusun renja dari data rencana) tidak diimpor"),
            )
            .hint("Sistematika, daftar program dan kegiatan, catatan tabel dan blok tanda tangan dibuat renja"),
        );
    }
    for b in DOKUMEN {
        for s in b.bagian {
            let t = BagianDitemukan { bab: b, bagian: s };
            if !ditemukan.contains(&t.path()) {
                out.tidak_ditemukan.push(t.nama());
            }
            // A section renja lists itself (1.4's outline of chapters): an outline typed in Word
            // would print twice.
            if s.sisipan.contains(&Sisipan::Sistematika) {
                daftar_bab_diketik(&out, &t, catatan);
            }
        }
    }
    out
}

fn daftar_bab_diketik(out: &SusunanDocx, t: &BagianDitemukan, catatan: &mut Vec<Diagnostic>) {
    let Some(k) = out.bidang.get(&format!("{}.isi", t.path())) else { return };
    let baris: Vec<usize> = k
        .baris
        .iter()
        .zip(&k.paragraf)
        .filter(|(b, _)| {
            let teks: String = b.isi.iter().map(|p| p.teks.as_str()).collect();
            pola_bab(&rata(&teks)).is_some()
        })
        .map(|(_, n)| *n)
        .collect();
    if !baris.is_empty() {
        catatan.push(
            Diagnostic::warning(
                "impor.sistematika",
                format!("{} menyebut bab demi bab, padahal renja menyusunnya sendiri", t.nama()),
            )
            .path(format!("{} ({}.isi)", tempat_paragraf(&baris), t.path()))
            .found(format!("{} baris \"BAB …\"", baris.len()))
            .hint("daftar bab tercetak dua kali; sisakan pengantarnya saja di rencana"),
        );
    }
}

/// A section heading at this paragraph: by style or by its `N.N` text, in the current chapter.
fn judul_bagian_di(
    p: &ParagrafDocx,
    teks: &str,
    bab: Option<&'static Bab>,
    plan: &Plan,
    facts: &Facts,
) -> Option<JudulDocx> {
    let bab = bab?;
    if gaya_otomatis(p) || daftar_isi(p) || teks.is_empty() {
        return None;
    }
    let gaya = p.tingkat_judul.is_some_and(|t| t >= 2);
    if let Some((nomor, judul)) = pola_bagian(teks) {
        let first: u8 = nomor.split('.').next()?.parse().ok()?;
        if first != bab.angka {
            return None;
        }
        // A numbered line is a heading when styled, bold, centred or short as a title is.
        let kuat = gaya || p.semua_tebal() || p.tengah || p.label.is_some() || judul.chars().count() <= 80;
        return kuat.then_some(JudulDocx::Bagian { nomor, judul, gaya });
    }
    if gaya {
        // A heading without its number: known by its title among the chapter's sections.
        let best = bab
            .bagian
            .iter()
            .filter(|s| !s.nomor.is_empty())
            .map(|s| (s, mirip_terbaik(teks, &judul_bagian(s, plan, facts))))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        return match best {
            Some((s, skor)) if skor >= 0.6 => {
                Some(JudulDocx::Bagian { nomor: s.nomor.to_owned(), judul: teks.to_owned(), gaya })
            }
            _ => Some(JudulDocx::Bagian { nomor: format!("\"{}\"", potong(teks, 40)), judul: teks.to_owned(), gaya }),
        };
    }
    None
}

fn mulai(out: &mut SusunanDocx, t: BagianDitemukan, ditemukan: &mut Vec<String>) {
    ditemukan.push(t.path());
    // A section found has its fields, even when empty: the document says it has no prose.
    out.bidang.entry(format!("{}.isi", t.path())).or_default();
    let isian_lanjutan = t.bagian.kunci.is_some() || t.bab.kunci == "bab_4";
    if isian_lanjutan {
        out.bidang.entry(format!("{}.isi_lanjutan", t.path())).or_default();
    }
}

fn beda_judul(nomor: &str, judul: &str, juduls: &[String], paragraf: usize) -> Diagnostic {
    Diagnostic::warning("impor.judul_berbeda", format!("judul {nomor} di dokumen berbeda dengan kerangka"))
        .path(format!("paragraf {paragraf}"))
        .expected(juduls.iter().map(|j| format!("\"{j}\"")).collect::<Vec<_>>().join(" atau "))
        .found(format!("\"{}\"", potong(judul, 80)))
        .hint("isinya tetap diimpor ke bagian bernomor itu; periksa apakah nomornya benar")
}

fn potong(teks: &str, n: usize) -> String {
    if teks.chars().count() <= n { teks.to_owned() } else { format!("{}…", teks.chars().take(n).collect::<String>()) }
}

// --- Paragraphs as lines of prose ----------------------------------------------------------------

/// A marker typed before a tab ("1.\t", "a)\t", "(2)\t", "-\t"), and the rest of the text.
fn penanda_ketik(teks: &str) -> Option<(String, &str)> {
    let (label, rest) = teks.split_once('\t')?;
    let label = label.trim();
    let core = label
        .strip_prefix('(')
        .and_then(|l| l.strip_suffix(')'))
        .or_else(|| label.strip_suffix('.'))
        .or_else(|| label.strip_suffix(')'));
    let ok = match core {
        Some(c) => !c.is_empty() && c.chars().count() <= 4 && c.chars().all(char::is_alphanumeric),
        None => matches!(label, "-" | "•" | "–" | "▪" | "◦" | "o" | "*" | "·"),
    };
    ok.then(|| (if core.is_some() { label.to_owned() } else { "-".to_owned() }, rest))
}

/// One paragraph as a line of prose. A paragraph indented after a list item continues it.
fn baris(p: &ParagrafDocx, sebelumnya: Option<&BarisProsa>) -> BarisProsa {
    // Word's list levels: nine at most, whatever the indent.
    let level = |indent: i32| usize::try_from((i64::from(indent) + 283) / 567).unwrap_or(0).min(9);
    if let Some((label, level_list)) = &p.label {
        return BarisProsa {
            kedalaman: usize::from(*level_list) + 1,
            penanda: Some(label.clone()),
            isi: rapikan(&p.potongan),
        };
    }
    let teks = p.teks();
    if let Some((label, _)) = penanda_ketik(&teks) {
        // The runs after the first tab.
        let mut sisa = Vec::new();
        let mut found = false;
        for pot in &p.potongan {
            if found {
                sisa.push(pot.clone());
            } else if let Some((_, after)) = pot.teks.split_once('\t') {
                found = true;
                sisa.push(Penggalan { teks: after.to_owned(), ..pot.clone() });
            }
        }
        return BarisProsa { kedalaman: level(p.indentasi).max(1), penanda: Some(label), isi: rapikan(&sisa) };
    }
    let kedalaman = match sebelumnya {
        Some(prev) if prev.kedalaman > 0 && p.indentasi >= 400 => level(p.indentasi).min(prev.kedalaman).max(1),
        _ => 0,
    };
    BarisProsa { kedalaman, penanda: None, isi: rapikan(&p.potongan) }
}

/// Runs in a canonical form: tabs as spaces, white space collapsed (line breaks kept, without
/// spaces around them), trimmed, a space emphasised only between two runs of its emphasis,
/// neighbours of one style joined.
fn rapikan(potongan: &[Penggalan]) -> Vec<Penggalan> {
    let mut out: Vec<Penggalan> = Vec::new();
    let mut spasi = false;
    let mut awal = true;
    for p in potongan {
        for c in p.teks.chars() {
            if c == '\n' {
                // A line break swallows the spaces before and after it.
                if let Some(last) = out.last_mut() {
                    let trimmed = last.teks.trim_end_matches(' ').len();
                    last.teks.truncate(trimmed);
                }
                tambah(&mut out, '\n', false, false);
                spasi = false;
                awal = true;
                continue;
            }
            if c.is_whitespace() {
                spasi = !awal;
                continue;
            }
            if spasi {
                // A space between two runs of one emphasis is emphasised with them.
                let (tebal, miring) = match out.last() {
                    Some(last) if last.tebal == p.tebal && last.miring == p.miring => (p.tebal, p.miring),
                    _ => (false, false),
                };
                tambah(&mut out, ' ', tebal, miring);
                spasi = false;
            }
            awal = false;
            tambah(&mut out, c, p.tebal, p.miring);
        }
    }
    // No trailing line break, and nothing empty.
    while let Some(last) = out.last_mut() {
        let trimmed = last.teks.trim_end_matches(['\n', ' ']).len();
        last.teks.truncate(trimmed);
        if last.teks.is_empty() {
            out.pop();
        } else {
            break;
        }
    }
    if let Some(first) = out.first_mut() {
        let t = first.teks.trim_start_matches(['\n', ' ']).to_owned();
        first.teks = t;
    }
    out.retain(|p| !p.teks.is_empty());
    gabung(out)
}

fn tambah(out: &mut Vec<Penggalan>, c: char, tebal: bool, miring: bool) {
    match out.last_mut() {
        Some(last) if last.tebal == tebal && last.miring == miring => last.teks.push(c),
        _ => out.push(Penggalan { teks: c.to_string(), tebal, miring }),
    }
}

fn gabung(potongan: Vec<Penggalan>) -> Vec<Penggalan> {
    let mut out: Vec<Penggalan> = Vec::new();
    for p in potongan {
        match out.last_mut() {
            Some(last) if last.tebal == p.tebal && last.miring == p.miring => last.teks.push_str(&p.teks),
            _ => out.push(p),
        }
    }
    out
}

/// A prose field as the lines it prints.
fn dari_prosa(teks: &str, facts: &Facts) -> Vec<BarisProsa> {
    let parsed = crate::prose::parse(teks, facts);
    let mut out = Vec::new();
    dari_blok(&parsed.blocks, 0, &mut out);
    out
}

fn dari_blok(blocks: &[Block], kedalaman: usize, out: &mut Vec<BarisProsa>) {
    for b in blocks {
        match b {
            Block::Paragraf { isi } => {
                out.push(BarisProsa { kedalaman, penanda: None, isi: rapikan(&sebaris(isi, false, false)) })
            }
            Block::Daftar { butir } => {
                for item in butir {
                    let mut rest = item.isi.as_slice();
                    let isi = match item.isi.first() {
                        Some(Block::Paragraf { isi }) => {
                            rest = &item.isi[1..];
                            rapikan(&sebaris(isi, false, false))
                        }
                        _ => Vec::new(),
                    };
                    out.push(BarisProsa { kedalaman: kedalaman + 1, penanda: Some(item.penanda.clone()), isi });
                    dari_blok(rest, kedalaman + 1, out);
                }
            }
        }
    }
}

fn sebaris(isi: &[Inline], tebal: bool, miring: bool) -> Vec<Penggalan> {
    let mut out = Vec::new();
    for i in isi {
        match i {
            Inline::Teks(t) => out.push(Penggalan { teks: t.clone(), tebal, miring }),
            Inline::Tebal(v) => out.extend(sebaris(v, true, miring)),
            Inline::Miring(v) => out.extend(sebaris(v, tebal, true)),
            Inline::BarisBaru => out.push(Penggalan { teks: "\n".into(), tebal, miring }),
        }
    }
    out
}

// --- Lines of prose as Markdown ------------------------------------------------------------------

/// The Markdown of a field, checked by parsing it back: if emphasis or list numbering cannot be
/// written so that it prints the same, lists are written with their labels and then emphasis
/// left out, and a warning says so.
fn markdown_terperiksa(baris: &[BarisProsa], path: &str, tempat: &str, catatan: &mut Vec<Diagnostic>) -> String {
    let facts = Facts::default();
    let sama = |md: &str| dari_prosa(md, &facts) == baris;
    let md = markdown(baris, false);
    if sama(&md) {
        return md;
    }
    let md = markdown(baris, true);
    if sama(&md) {
        return md;
    }
    let polos: Vec<BarisProsa> = baris
        .iter()
        .map(|b| BarisProsa {
            isi: gabung(b.isi.iter().map(|p| Penggalan { tebal: false, miring: false, ..p.clone() }).collect()),
            ..b.clone()
        })
        .collect();
    let md = markdown(&polos, true);
    let (pesan, hint) = if dari_prosa(&md, &facts) == polos {
        (
            "huruf tebal/miring tidak dapat ditulis sebagai Markdown dan ditinggalkan",
            "tandai kembali istilahnya dengan *miring* atau **tebal** di rencana",
        )
    } else {
        (
            "susunan daftar tidak sepenuhnya dapat ditulis sebagai Markdown",
            "periksa penomoran daftar di bagian ini setelah impor",
        )
    };
    catatan.push(Diagnostic::warning("impor.markdown", pesan).path(format!("{tempat} ({path})")).hint(hint));
    md
}

fn markdown(baris: &[BarisProsa], berlabel: bool) -> String {
    let mut out = String::new();
    // The content column of each list level.
    let mut kolom: Vec<usize> = vec![0];
    // Ordered lists: (level, next number) of the list being written.
    let mut urut: Option<(usize, u64)> = None;
    for b in baris {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let text = inline_md(&b.isi);
        match &b.penanda {
            None => {
                let indent = kolom.get(b.kedalaman).copied().unwrap_or_else(|| kolom.last().copied().unwrap_or(0));
                let indent = if b.kedalaman == 0 { 0 } else { indent };
                out.push_str(&" ".repeat(indent));
                out.push_str(&text);
                if b.kedalaman == 0 {
                    urut = None;
                }
            }
            Some(penanda) => {
                let level = b.kedalaman.max(1);
                kolom.truncate(level);
                while kolom.len() < level {
                    let last = kolom.last().copied().unwrap_or(0);
                    kolom.push(last);
                }
                let indent = kolom[level - 1];
                let ordered = if berlabel { None } else { nomor_urut(penanda, level) };
                let marker = match ordered {
                    Some((n, paren)) if urut.is_none_or(|(l, next)| l != level || next == n) => {
                        urut = Some((level, n + 1));
                        format!("{n}{}", if paren { ')' } else { '.' })
                    }
                    _ => {
                        urut = None;
                        if penanda == "-" { "-".to_owned() } else { format!("- {}", escape_label(penanda)) }
                    }
                };
                out.push_str(&" ".repeat(indent));
                out.push_str(&marker);
                out.push(' ');
                out.push_str(&text);
                let content = indent + if marker.starts_with("- ") { 2 } else { marker.chars().count() + 1 };
                kolom.push(content);
            }
        }
    }
    out
}

/// An ordered list's number as Markdown writes it: "3." at the first level, "c." or "(3)"
/// nested (the parser prints nested numbers as letters, or in parentheses with ")").
fn nomor_urut(penanda: &str, level: usize) -> Option<(u64, bool)> {
    if level == 1 {
        let (core, paren) =
            penanda.strip_suffix('.').map(|c| (c, false)).or_else(|| penanda.strip_suffix(')').map(|c| (c, true)))?;
        return (core.len() <= 3 && !core.is_empty() && core.bytes().all(|b| b.is_ascii_digit()))
            .then(|| (core.parse().ok(), paren))
            .and_then(|(n, p)| n.map(|n| (n, p)));
    }
    if let Some(core) = penanda.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
        return core.parse().ok().filter(|_| core.len() <= 3).map(|n| (n, true));
    }
    let core = penanda.strip_suffix('.')?;
    let mut chars = core.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_lowercase() => Some((u64::from(c as u8 - b'a' + 1), false)),
        _ => None,
    }
}

/// A label written after a bullet so that it stays text ("1." → "1\.").
fn escape_label(label: &str) -> String {
    label.replace('.', "\\.").replace(')', "\\)").replace('(', "\\(")
}

fn inline_md(isi: &[Penggalan]) -> String {
    let mut out = String::new();
    for p in isi {
        let text = escape(&p.teks);
        let marker = match (p.tebal, p.miring) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        if marker.is_empty() {
            out.push_str(&text);
            continue;
        }
        // Emphasis cannot open or close on white space: spaces go outside the markers.
        let trimmed = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        out.push_str(lead);
        out.push_str(marker);
        out.push_str(trimmed);
        out.push_str(marker);
        out.push_str(trail);
    }
    // A line that starts like a block (a heading, a list, a quote) is escaped.
    out.split('\n').map(escape_awal_baris).collect::<Vec<_>>().join("\\\n")
}

fn escape(teks: &str) -> String {
    let mut out = String::with_capacity(teks.len());
    for c in teks.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '#' | '!' | '|' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn escape_awal_baris(line: &str) -> String {
    if line.starts_with(['-', '+', '=']) {
        return format!("\\{line}");
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

// --- The document's year -------------------------------------------------------------------------

/// The plan year the document was written for: "Tahun 2019" in its title (before BAB I), else
/// the plan's `tahun_asal` (set by `renja next-year`), else the year before the plan's.
fn tahun_dokumen(unsur: &[Unsur], bab_pertama: Option<usize>, plan: &Plan, catatan: &mut Vec<Diagnostic>) -> i32 {
    let depan = &unsur[..bab_pertama.unwrap_or(0).min(unsur.len())];
    for u in depan {
        let Unsur::Paragraf(p) = u else { continue };
        let teks = rata(&p.teks());
        let lower = teks.to_lowercase();
        let found = lower.match_indices("tahun ").find_map(|(i, _)| {
            let rest = &lower[i + 6..];
            let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
            (year.len() == 4).then(|| year.parse::<i32>().ok()).flatten()
        });
        if let Some(year) = found {
            return year;
        }
    }
    let (tahun, asal) = match plan.identitas.tahun_asal {
        Some(asal) => (asal, "identitas.tahun_asal rencana tujuan"),
        None => (plan.identitas.tahun - 1, "setahun sebelum tahun rencana tujuan"),
    };
    catatan.push(
        Diagnostic::warning("impor.tahun_dokumen", format!("tahun dokumen dianggap {tahun}"))
            .path("judul dokumen (sebelum BAB I)")
            .expected("judul yang menyebut \"Tahun <tahun>\"")
            .found(format!("tidak ada; dipakai {asal}"))
            .hint("tahun harfiah dokumen ditulis relatif terhadap tahun itu; periksa hasilnya"),
    );
    tahun
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pot(teks: &str, tebal: bool, miring: bool) -> Penggalan {
        Penggalan { teks: teks.to_owned(), tebal, miring }
    }

    fn p(nomor: usize, teks: &str) -> Unsur {
        Unsur::Paragraf(ParagrafDocx {
            nomor,
            potongan: vec![Penggalan { teks: teks.to_owned(), tebal: false, miring: false }],
            ..ParagrafDocx::default()
        })
    }

    #[test]
    fn a_chapter_is_the_line_its_sections_follow_not_a_line_of_the_outline_or_the_contents() {
        let plan = crate::load::parse_str(include_str!("../../../plan.json")).unwrap();
        let facts = Facts::default();
        let unsur = vec![
            p(1, "DAFTAR ISI"),
            p(2, "BAB I PENDAHULUAN ............ 1"),
            p(3, "BAB II HASIL EVALUASI\t7"),
            p(4, "BAB I PENDAHULUAN"),
            p(5, "1.1 Latar Belakang"),
            p(6, "Isi."),
            p(7, "1.4 Sistematika Penulisan"),
            p(8, "BAB I PENDAHULUAN"),
            p(9, "Berisi latar belakang."),
            p(10, "BAB II HASIL EVALUASI"),
            p(11, "Berisi evaluasi."),
            p(12, "BAB II HASIL EVALUASI RENJA"),
            p(13, "2.1 Evaluasi"),
        ];
        let chosen: Vec<(usize, u8)> =
            calon_bab(&unsur, &plan, &facts).iter().map(|c| (c.i + 1, c.bab.angka)).collect();
        assert_eq!(chosen, [(4, 1), (12, 2)]);
    }

    #[test]
    fn a_styled_heading_without_its_number_is_known_by_its_title() {
        let plan = crate::load::parse_str(include_str!("../../../plan.json")).unwrap();
        let facts = Facts::default();
        let heading = |teks: &str| ParagrafDocx {
            tingkat_judul: Some(2),
            potongan: vec![Penggalan { teks: teks.to_owned(), tebal: false, miring: false }],
            ..ParagrafDocx::default()
        };
        let nomor = |teks: &str| match judul_bagian_di(&heading(teks), teks, crate::kerangka::bab(1), &plan, &facts) {
            Some(JudulDocx::Bagian { nomor, .. }) => nomor,
            other => panic!("{other:?}"),
        };
        assert_eq!(nomor("Maksud dan Tujuan"), "1.3");
        assert_eq!(nomor("LANDASAN HUKUM"), "1.2");
        let nomor_3 = |teks: &str| match judul_bagian_di(&heading(teks), teks, crate::kerangka::bab(3), &plan, &facts) {
            Some(JudulDocx::Bagian { nomor, .. }) => nomor,
            other => panic!("{other:?}"),
        };
        assert_eq!(nomor_3("Tujuan dan Sasaran"), "3.2");
        assert_eq!(nomor_3("Tujuan"), "3.2.1");
        assert_eq!(nomor_3("Sasaran"), "3.2.2");
        // Unknown: named by its text, so the warning says which heading.
        assert_eq!(nomor("Daftar Singkatan"), "\"Daftar Singkatan\"");
        // A plain paragraph of body text is no heading.
        let mut plain = heading("Maksud dan Tujuan");
        plain.tingkat_judul = None;
        assert!(judul_bagian_di(&plain, "Maksud dan Tujuan", crate::kerangka::bab(1), &plan, &facts).is_none());
    }

    #[test]
    fn headings_are_read_from_their_text() {
        assert_eq!(pola_bab("BAB II HASIL EVALUASI"), Some((2, "HASIL EVALUASI".to_owned())));
        assert_eq!(pola_bab("Bab iv"), Some((4, String::new())));
        assert_eq!(pola_bab("Babak baru"), None);
        assert_eq!(pola_bagian("1.2 Landasan Hukum"), Some(("1.2".to_owned(), "Landasan Hukum".to_owned())));
        assert_eq!(pola_bagian("3.2.1. Tujuan"), Some(("3.2.1".to_owned(), "Tujuan".to_owned())));
        assert_eq!(pola_bagian("1. Undang-Undang Nomor 17"), None);
        assert_eq!(pola_bagian("2019 adalah tahun"), None);
    }

    #[test]
    fn markdown_round_trips_through_the_prose_parser() {
        let baris = vec![
            BarisProsa {
                kedalaman: 0,
                penanda: None,
                isi: vec![
                    pot("Kata ", false, false),
                    pot("asing", false, true),
                    pot(" dan *bintang* 1. [x]", false, false),
                ],
            },
            BarisProsa {
                kedalaman: 1,
                penanda: Some("1.".into()),
                isi: vec![pot("satu ", false, false), pot("tebal", true, false)],
            },
            BarisProsa { kedalaman: 2, penanda: Some("a.".into()), isi: vec![pot("anak", false, false)] },
            BarisProsa { kedalaman: 2, penanda: Some("b.".into()), isi: vec![pot("anak dua", false, false)] },
            BarisProsa { kedalaman: 1, penanda: Some("2.".into()), isi: vec![pot("dua", false, false)] },
            BarisProsa { kedalaman: 0, penanda: None, isi: vec![pot("- bukan daftar\n2019. baris", false, false)] },
            BarisProsa { kedalaman: 1, penanda: Some("-".into()), isi: vec![pot("butir", false, false)] },
            BarisProsa { kedalaman: 1, penanda: Some("(3)".into()), isi: vec![pot("berlabel", false, false)] },
        ];
        let mut catatan = Vec::new();
        let md = markdown_terperiksa(&baris, "$.x", "paragraf 1", &mut catatan);
        assert!(catatan.is_empty(), "{md}\n{catatan:?}");
        assert_eq!(dari_prosa(&md, &Facts::default()), baris, "{md}");
    }

    #[test]
    fn white_space_and_styles_are_made_canonical() {
        let r = rapikan(&[
            pot("  a\t b ", false, false),
            pot(" ", true, false),
            pot("c", true, false),
            pot(" \n d ", false, false),
        ]);
        assert_eq!(r, vec![pot("a b ", false, false), pot("c", true, false), pot("\nd", false, false)]);
    }
}
