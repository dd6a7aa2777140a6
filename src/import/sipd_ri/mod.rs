//! Reading what SIPD-RI gives a planner: the Renja report (the 17-column matrix, saved as an
//! HTML table named `.xls` or re-saved as `.xlsx`) and the JSON export of `sub_bl` records
//! (one object per sub-kegiatan). Both become the plan tree [`Rencana`] (urusan/bidang headings
//! → program → kegiatan → sub-kegiatan) plus what the source tells of the plan's identity.
//!
//! Every problem is reported at once, located as `Sheet!C12` (for an HTML table: `Tabel!C12`,
//! counting the table's rows and its columns after merged cells) or as a JSON path (`$[3].pagu`).

mod json;
mod report;
mod sheet;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::format;
use crate::plan::{
    Dana, Indikator, JenisIndikator, Nomenklatur, Prioritas, SatuAtauBanyak, SubKegiatan, SumberDana, Tingkat,
};
use crate::plan::{Kegiatan, Plan, Program, Rencana, Rupiah, Urusan};

pub use json::{baca_json, baca_json_lengkap};
pub use report::{baca_laporan, baca_laporan_lengkap};

/// What a SIPD-RI source holds: the plan tree, what it tells of the plan's identity, and the
/// warnings of reading it (errors stop the import: see [`baca`]).
#[derive(Debug, Clone)]
pub struct ImporSipd {
    pub identitas: IdentitasSumber,
    pub rencana: Rencana,
    /// Where each node and figure of `rencana` was read: its JSON path in the plan
    /// (`$.rencana.program[0].kegiatan[1].sub_kegiatan[0].pagu`) → the place in the source
    /// (`Tabel!I13`, or `$[3].pagu` in a JSON source), so that `check`'s findings on the
    /// imported plan can point into the source. A path not listed falls to its nearest listed
    /// ancestor (the node's kode cell).
    pub letak: BTreeMap<String, String>,
    pub peringatan: Vec<Diagnostic>,
    /// When the read found errors while the tree could still be read (a text in a pagu cell, a
    /// total that disagrees): every finding, errors and warnings, in source order; empty
    /// otherwise. [`baca`] refuses on them; [`baca_lengkap`] returns them with the tree so that
    /// every problem is reported in one run.
    pub galat: Vec<Diagnostic>,
}

/// The identity a source states, each part only when it states it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct IdentitasSumber {
    /// Tahun anggaran (n).
    pub tahun: Option<i32>,
    /// The Perangkat Daerah (SKPD) as SIPD names it.
    pub perangkat_daerah: Option<String>,
    /// The SKPD's unit code, e.g. `1.03.0.00.0.00.01.0000`.
    pub kode_unit: Option<String>,
    /// The Perangkat Daerah's own bidang urusan (`1.03`), which replaced `X.XX` in shared codes.
    pub kode_bidang: Option<String>,
    /// The regional government as the source names it ("Provinsi Jawa Tengah").
    pub pemda: Option<String>,
}

/// The kinds of SIPD-RI source [`kenali`] tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JenisSumber {
    /// The Renja report as an HTML table (what SIPD-RI and wp-sipd save as `.xls`).
    LaporanHtml,
    /// The Renja report in a real workbook (`.xlsx`, or a binary `.xls`).
    LaporanBuku,
    /// `sub_bl` records: a JSON array of sub-kegiatan objects.
    Json,
}

/// `C12` for the zero-based cell (11, 2).
pub(crate) fn alamat_sel(r: usize, c: usize) -> String {
    sheet::a1(r, c)
}

/// Tells whether `isi` is a SIPD-RI source, cheaply: HTML with a table, a workbook one of whose
/// sheets has the report's header row, or JSON holding `kode_sub_giat`. None for anything else
/// (an input workbook, a plan).
pub fn kenali(nama: &Path, isi: &[u8]) -> Option<JenisSumber> {
    let _ = nama;
    let head = &isi[..isi.len().min(64 * 1024)];
    // UTF-16 (with its byte-order mark, as a spreadsheet's "Unicode text" or web page saves it)
    // is decoded before looking; UTF-8 and windows-1252 read alike for the ASCII looked for.
    let text = match encoding_rs::Encoding::for_bom(head) {
        Some((encoding, bom)) => encoding.decode_without_bom_handling(&head[bom..]).0,
        None => String::from_utf8_lossy(head),
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if isi.starts_with(b"PK\x03\x04") || isi.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return sheet::buku_berjudul_laporan(isi).then_some(JenisSumber::LaporanBuku);
    }
    if trimmed.starts_with('<') && text.to_ascii_lowercase().contains("<table") {
        return Some(JenisSumber::LaporanHtml);
    }
    if (trimmed.starts_with('[') || trimmed.starts_with('{')) && text.contains("\"kode_sub_giat\"") {
        return Some(JenisSumber::Json);
    }
    None
}

/// Reads any SIPD-RI source [`kenali`] recognises. `Err` holds every error (and the warnings
/// found with them); `Ok` holds the warnings in [`ImporSipd::peringatan`].
pub fn baca(nama: &Path, isi: &[u8]) -> Result<ImporSipd, Vec<Diagnostic>> {
    baca_lengkap(nama, isi).and_then(ImporSipd::tanpa_galat)
}

/// Reads any SIPD-RI source [`kenali`] recognises, keeping the tree when it holds errors
/// ([`ImporSipd::galat`]); `Err` only when no tree could be read at all.
pub fn baca_lengkap(nama: &Path, isi: &[u8]) -> Result<ImporSipd, Vec<Diagnostic>> {
    match kenali(nama, isi) {
        Some(JenisSumber::Json) => baca_json_lengkap(nama, isi),
        Some(_) => baca_laporan_lengkap(nama, isi),
        None => Err(vec![
            Diagnostic::error("sumber.jenis", "berkas bukan laporan Renja SIPD-RI atau JSON sub kegiatan SIPD-RI")
                .expected("tabel HTML (.xls dari SIPD-RI), buku kerja .xlsx berjudul kolom Renja, atau JSON sub_bl")
                .found(format!("{} bita yang tidak dikenali", isi.len()))
                .hint("simpan laporan Renja SIPD-RI apa adanya (.xls), atau buka lalu simpan ulang sebagai .xlsx"),
        ]),
    }
}

impl ImporSipd {
    /// The read as it stands when it has no error; else every error with the warnings.
    pub fn tanpa_galat(self) -> Result<ImporSipd, Vec<Diagnostic>> {
        if self.galat.is_empty() { Ok(self) } else { Err(self.galat) }
    }

    /// Puts the imported plan tree into `plan`: its `rencana` is replaced (the ceiling
    /// `pagu_batas` kept), `nomenklatur` becomes 90/2019, and the identity the source states is
    /// written: `tahun` and `kode_bidang`, and the Perangkat Daerah's name where the plan has
    /// none. What SIPD does not hold is carried over from the plan's own kegiatan and
    /// sub-kegiatan of the same kode: the RKPD side of Tabel 2.3 (`rkpd`, `hasil_analisis`),
    /// `catatan`, `waktu_pelaksanaan` and the provincial priority. Returns a warning for each
    /// identity the source contradicts (a year changed, another Perangkat Daerah's name).
    pub fn terapkan(self, plan: &mut Plan) -> Vec<Diagnostic> {
        let mut rencana = self.rencana;
        bawa_yang_tidak_ada_di_sipd(&mut rencana, plan);
        plan.rencana = rencana;
        let mut out = Vec::new();
        let id = self.identitas;
        if let Some(tahun) = id.tahun
            && tahun != plan.identitas.tahun
        {
            out.push(
                Diagnostic::warning("impor.tahun", format!("tahun rencana diubah menjadi {tahun} sesuai sumber"))
                    .path("$.identitas.tahun")
                    .expected(format!("{tahun} (tahun anggaran sumber)"))
                    .found(format!("{} (tahun rencana sebelumnya)", plan.identitas.tahun))
                    .hint("periksa narasi dan tabel lain yang masih menyebut tahun lama"),
            );
            plan.identitas.tahun = tahun;
        }
        if let Some(pd) = id.perangkat_daerah {
            let own = &plan.identitas.perangkat_daerah;
            if own.trim().is_empty() {
                plan.identitas.perangkat_daerah = pd;
            } else if rapikan(own).to_lowercase() != rapikan(&pd).to_lowercase() {
                out.push(
                    Diagnostic::warning("impor.perangkat_daerah", "sumber menyebut perangkat daerah lain")
                        .path("$.identitas.perangkat_daerah")
                        .expected(format!("\"{own}\" (rencana)"))
                        .found(format!("\"{pd}\" (sumber)"))
                        .hint("pastikan laporan SIPD-RI yang diimpor milik perangkat daerah ini"),
                );
            }
        }
        if id.kode_bidang.is_some() {
            plan.identitas.kode_bidang = id.kode_bidang;
        }
        plan.identitas.nomenklatur = Some(Nomenklatur::P90_2019);
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers and codes as SIPD-RI writes them

/// A number as SIPD-RI and spreadsheets write it: Indonesian (`1.073.384.000`, `94,5`,
/// `1.234,5`), plain (`296187500`), or with a decimal point where it cannot be a thousands
/// separator (`8.3`, `0.125`: a leading `0` group is never a thousands group). `1.275` is one
/// thousand two hundred and seventy-five ([`ambigu`] tells such a text). A leading `Rp` is
/// dropped.
pub fn angka(teks: &str) -> Option<Decimal> {
    let t: String = teks.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    let t = t.strip_prefix("Rp.").or_else(|| t.strip_prefix("Rp")).unwrap_or(&t);
    if t.is_empty() {
        return None;
    }
    let body = t.strip_prefix('-').unwrap_or(t);
    if let Some(("0", frac)) = body.split_once('.')
        && !frac.is_empty()
        && frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Decimal::from_str_exact(t).ok();
    }
    if let Some(n) = format::parse_angka(t) {
        return Some(n);
    }
    let plain = match body.split_once('.') {
        None => body.bytes().all(|b| b.is_ascii_digit()),
        Some((int, frac)) => {
            !int.is_empty()
                && !frac.is_empty()
                && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
                && frac.len() != 3
        }
    };
    if !plain || body.is_empty() {
        return None;
    }
    Decimal::from_str_exact(t).ok()
}

/// Whether a number's text could be read two ways: one dot followed by exactly three digits
/// and no comma (`1.275`: 1275 the Indonesian way, 1.275 the English way). [`angka`] reads it
/// as thousands; a target read so deserves a warning that says which reading was taken.
pub fn ambigu(teks: &str) -> bool {
    let t = teks.trim();
    let t = t.strip_prefix('-').unwrap_or(t);
    match t.split_once('.') {
        Some((int, frac)) => {
            !int.is_empty()
                && int.len() <= 3
                && int != "0"
                && !int.starts_with('0')
                && frac.len() == 3
                && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

/// The warning for a target whose text [`ambigu`] finds two readings of.
pub(crate) fn peringatan_ambigu(letak: String, teks: &str, dibaca: Decimal) -> Diagnostic {
    let inggris = teks.trim().to_owned();
    Diagnostic::warning("angka.ambigu", format!("angka \"{inggris}\" dapat dibaca dua cara"))
        .path(letak)
        .expected("angka yang hanya dapat dibaca satu cara, mis. \"1.275\" (ribuan) atau \"1,275\" (desimal)")
        .found(format!(
            "\"{inggris}\", dibaca sebagai {dibaca} (titik pemisah ribuan), bukan {} (titik desimal)",
            inggris.replace('.', ",")
        ))
        .hint("bila maksudnya pecahan, tulis dengan koma desimal (1,275) lalu impor lagi")
}

/// A value with its unit as SIPD prints a target: `12 Dokumen`, `100 %`, `94,5%`, `1.275 HOK`.
/// A number in exponent notation (`1e3 BULAN`, as a spreadsheet may show a large number) is read
/// as the number it writes, never split into a target `1` and a satuan `e3 BULAN`.
/// `Ok(None)` for an empty cell or a dash, `Err` when it does not start with a number.
pub(crate) fn nilai_bersatuan(teks: &str) -> Result<Option<(Decimal, String)>, ()> {
    let t = teks.trim();
    if t.is_empty() || t == "-" {
        return Ok(None);
    }
    let end = t.find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))).unwrap_or(t.len());
    let (number, unit) = t.split_at(end);
    if let Some(exponent) = unit.strip_prefix(['e', 'E']) {
        let digits = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        let len = digits.bytes().take_while(u8::is_ascii_digit).count();
        if len > 0 {
            let tail = &digits[len..];
            if tail.is_empty() || tail.starts_with(char::is_whitespace) || tail.starts_with('%') {
                let whole = &t[..t.len() - tail.len()];
                let n = Decimal::from_scientific(&whole.replace(',', ".")).map_err(|_| ())?;
                return Ok(Some((n.normalize(), tail.trim().to_owned())));
            }
        }
    }
    let number = number.trim_end_matches(['.', ',']);
    match angka(number) {
        Some(n) if !number.is_empty() => Ok(Some((n, unit.trim().to_owned()))),
        _ => Err(()),
    }
}

/// A JSON number as the decimal it writes (`0.125`, `1.275`, `1e3`), never through the
/// Indonesian reading of text.
pub(crate) fn angka_json(n: &serde_json::Number) -> Option<Decimal> {
    let text = n.to_string();
    Decimal::from_str_exact(&text).ok().or_else(|| Decimal::from_scientific(&text).ok()).map(|d| d.normalize())
}

/// A 90/2019 code as SIPD printed it without its leading zeros (`1.3.2.2.1.9`) is the padded
/// code it unambiguously means (`1.03.02.2.01.0009` from TA 2024): that code, with a warning
/// that shows both. A code of the wrong shape otherwise is left for `check` to report; a
/// sub-kegiatan code is padded only when the year (which sets its last segment's width) is
/// known.
pub(crate) fn lengkapi_kode(
    kode: String,
    tingkat: TingkatKode,
    tahun: Option<i32>,
    letak: &str,
    out: &mut Vec<Diagnostic>,
) -> String {
    let model = match tingkat {
        TingkatKode::Program => Tingkat::Program,
        TingkatKode::Kegiatan => Tingkat::Kegiatan,
        TingkatKode::SubKegiatan if tahun.is_some() => Tingkat::SubKegiatan,
        TingkatKode::Bidang => {
            let Some((u, b)) = kode.split_once('.') else { return kode };
            if b.len() == 1 && b.bytes().all(|c| c.is_ascii_digit()) && u.len() == 1 {
                let padded = format!("{u}.0{b}");
                out.push(tanpa_nol(&kode, &padded, tingkat, letak));
                return padded;
            }
            return kode;
        }
        _ => return kode,
    };
    match crate::kode::periksa_kode(&kode, model, tahun.unwrap_or(2024)) {
        Err(crate::kode::KodeSalah { perbaikan: Some(padded) }) => {
            if padded.len() > kode.len() {
                out.push(tanpa_nol(&kode, &padded, tingkat, letak));
                padded
            } else {
                kode
            }
        }
        _ => kode,
    }
}

fn tanpa_nol(kode: &str, padded: &str, tingkat: TingkatKode, letak: &str) -> Diagnostic {
    Diagnostic::warning(
        "kode.tanpa_nol",
        format!("kode {} {kode} ditulis tanpa nol di depan; dibaca sebagai {padded}", tingkat.label()),
    )
    .path(letak.to_owned())
    .expected(format!("{padded} (bentuk Permendagri 90/2019)"))
    .found(kode.to_owned())
    .hint(format!("rencana memakai dan mencetak {padded}; tidak perlu mengubah sumbernya"))
}

/// A code written in front of a name ("1.05.02 Program …", as SIPD's `nama_*` fields and some
/// reports write it), split off: `(Some("1.05.02"), "Program …")`. Only a code of several
/// segments (or SIPD's `X`) is taken for one: a name may start with a number.
pub(crate) fn pisah_kode(nama: &str) -> (Option<&str>, &str) {
    let t = nama.trim();
    let (first, rest) = t.split_once(char::is_whitespace).unwrap_or((t, ""));
    if seperti_kode(first) && (first.contains('.') || first.eq_ignore_ascii_case("x")) {
        (Some(first), rest.trim_start())
    } else {
        (None, t)
    }
}

/// A name without the row's own code in front ("1 URUSAN …" under kode `1`).
pub(crate) fn lepas_kode_depan<'n>(nama: &'n str, kode: &str) -> &'n str {
    let t = nama.trim();
    match t.split_once(char::is_whitespace) {
        Some((first, rest)) if !kode.is_empty() && first == kode => rest.trim_start(),
        _ => t,
    }
}

/// Digits (or SIPD's `X`/`XX` placeholders) in dot-separated segments.
pub(crate) fn seperti_kode(teks: &str) -> bool {
    !teks.is_empty()
        && teks.split('.').all(|s| {
            !s.is_empty() && (s.bytes().all(|b| b.is_ascii_digit()) || s.bytes().all(|b| b == b'X' || b == b'x'))
        })
        && teks.bytes().any(|b| b.is_ascii_digit() || b == b'X' || b == b'x')
}

/// The level of a node from its code's segment count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TingkatKode {
    Urusan,
    Bidang,
    Program,
    Kegiatan,
    SubKegiatan,
    /// An SKPD or sub-unit code (`1.03.0.00.0.00.01.0000`): a heading, not a plan node.
    Unit,
}

impl TingkatKode {
    pub(crate) fn dari_kode(kode: &str) -> Option<TingkatKode> {
        Some(match kode.split('.').count() {
            1 => TingkatKode::Urusan,
            2 => TingkatKode::Bidang,
            3 => TingkatKode::Program,
            5 => TingkatKode::Kegiatan,
            6 => TingkatKode::SubKegiatan,
            8 => TingkatKode::Unit,
            _ => return None,
        })
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            TingkatKode::Urusan => "urusan",
            TingkatKode::Bidang => "bidang urusan",
            TingkatKode::Program => "program",
            TingkatKode::Kegiatan => "kegiatan",
            TingkatKode::SubKegiatan => "sub kegiatan",
            TingkatKode::Unit => "unit",
        }
    }
}

/// The first `n` segments of a code.
pub(crate) fn induk(kode: &str, n: usize) -> String {
    kode.split('.').take(n).collect::<Vec<_>>().join(".")
}

/// A shared code with `X.XX` (and an urusan `X`) replaced by the Perangkat Daerah's bidang.
pub(crate) fn selesaikan_kode(kode: &str, bidang: Option<&str>) -> String {
    let kode = kode.trim();
    match (bidang, kode) {
        (Some(b), "X.XX") => b.to_owned(),
        (Some(b), "X") => induk(b, 1),
        _ => crate::kode::kode_cetak(kode, bidang),
    }
}

/// The bidang urusan of a unit code (`1.03.0.00.0.00.01.0000` → `1.03`), as SIPD reports
/// resolve `X.XX`.
pub(crate) fn bidang_unit(kode_unit: &str) -> Option<String> {
    let bidang = induk(kode_unit.trim(), 2);
    crate::kode::periksa_bidang(&bidang).then_some(bidang)
}

/// A whole, non-negative rupiah amount, or why not.
pub(crate) fn rupiah_bulat(n: Decimal) -> Result<Decimal, &'static str> {
    if n.is_sign_negative() && !n.is_zero() {
        Err("bernilai negatif")
    } else if n.fract() != Decimal::ZERO {
        Err("berpecahan")
    } else {
        Ok(n.normalize())
    }
}

// ---------------------------------------------------------------------------------------------
// The tree both readers build

/// One node of the tree as read from either source.
#[derive(Debug, Clone, Default)]
pub(crate) struct SimpulSumber {
    pub kode: String,
    pub nama: String,
    /// Where the node was read, e.g. `Tabel!B12` or `$[3]`.
    pub letak: String,
    /// Where its target would be, for the message when it is missing.
    pub letak_target: String,
    /// Capaian (program), keluaran (kegiatan, sub-kegiatan).
    pub indikator: Vec<Indikator>,
    /// Hasil (kegiatan).
    pub hasil: Vec<Indikator>,
    /// Pagu of year n and n+1: data on a sub-kegiatan (or a kegiatan without any), a stated
    /// total above, checked against the sum.
    pub pagu: Option<Decimal>,
    pub pagu_maju: Option<Decimal>,
    pub letak_pagu: String,
    pub letak_pagu_maju: String,
    pub lokasi: Vec<String>,
    /// Funding sources, each with its amount where the source states one.
    pub dana: Vec<(String, Option<Decimal>)>,
    pub prioritas: Prioritas,
    pub kelompok_sasaran: String,
    pub penanggung_jawab: String,
    pub waktu_pelaksanaan: String,
}

/// A kegiatan with its sub-kegiatan.
pub(crate) type KegiatanBaca = (SimpulSumber, Vec<SimpulSumber>);

/// A program with its kegiatan.
pub(crate) type ProgramBaca = (SimpulSumber, Vec<KegiatanBaca>);

/// The programs with their kegiatan and sub-kegiatan, in the order read.
#[derive(Debug, Default)]
pub(crate) struct PohonSumber {
    pub urusan: Vec<Urusan>,
    pub program: Vec<ProgramBaca>,
}

impl PohonSumber {
    pub(crate) fn tambah_judul(&mut self, kode: &str, nama: &str) {
        if !self.urusan.iter().any(|u| u.kode == kode) {
            self.urusan.push(Urusan { kode: kode.to_owned(), nama: nama.to_owned() });
        }
    }

    pub(crate) fn cari_program(&self, kode: &str) -> Option<usize> {
        self.program.iter().position(|(p, _)| p.kode == kode)
    }

    pub(crate) fn cari_kegiatan(&self, kode: &str) -> Option<(usize, usize)> {
        self.program
            .iter()
            .enumerate()
            .find_map(|(i, (_, ks))| ks.iter().position(|(k, _)| k.kode == kode).map(|j| (i, j)))
    }

    /// The sum of the sub-kegiatan pagu under a node (a kegiatan without sub-kegiatan counts its
    /// own), for both years; None where no row states one.
    pub(crate) fn jumlah_kegiatan(kegiatan: &KegiatanBaca) -> (Decimal, Option<Decimal>) {
        let (k, subs) = kegiatan;
        if subs.is_empty() {
            return (k.pagu.unwrap_or_default(), k.pagu_maju);
        }
        let pagu = subs.iter().filter_map(|s| s.pagu).sum();
        let maju = subs.iter().filter_map(|s| s.pagu_maju).reduce(|a, b| a + b);
        (pagu, maju)
    }

    pub(crate) fn jumlah_program(program: &ProgramBaca) -> (Decimal, Option<Decimal>) {
        tambah(program.1.iter().map(PohonSumber::jumlah_kegiatan))
    }

    pub(crate) fn jumlah(&self) -> (Decimal, Option<Decimal>) {
        tambah(self.program.iter().map(PohonSumber::jumlah_program))
    }

    /// The plan tree and where each of its nodes was read, with every node whose primary
    /// indicator cannot be written reported.
    pub(crate) fn susun(self, out: &mut Vec<Diagnostic>) -> (Rencana, BTreeMap<String, String>) {
        let mut letak = BTreeMap::new();
        let mut program = Vec::with_capacity(self.program.len());
        for (i, (p, kegiatan)) in self.program.into_iter().enumerate() {
            let base = format!("$.rencana.program[{i}]");
            let mut list = Vec::with_capacity(kegiatan.len());
            for (j, (k, subs)) in kegiatan.into_iter().enumerate() {
                let base = format!("{base}.kegiatan[{j}]");
                let mut sub_kegiatan = Vec::with_capacity(subs.len());
                for (n, s) in subs.into_iter().enumerate() {
                    catat_letak(&mut letak, &format!("{base}.sub_kegiatan[{n}]"), &s);
                    sub_kegiatan.push(susun_sub(s));
                }
                catat_letak(&mut letak, &base, &k);
                list.push(susun_kegiatan(k, sub_kegiatan, out));
            }
            catat_letak(&mut letak, &base, &p);
            program.push(susun_program(p, list, out));
        }
        (Rencana { urusan: self.urusan, program, pagu_batas: None }, letak)
    }
}

/// Where a node, its figures and its indicators were read.
fn catat_letak(letak: &mut BTreeMap<String, String>, path: &str, s: &SimpulSumber) {
    let mut put = |suffix: &str, place: &str| {
        if !place.is_empty() {
            letak.insert(format!("{path}{suffix}"), place.to_owned());
        }
    };
    put("", &s.letak);
    put(".pagu", &s.letak_pagu);
    put(".pagu_maju", &s.letak_pagu_maju);
    put(".sumber_dana", &s.letak_pagu);
    for field in [".indikator", ".target", ".satuan", ".capaian", ".keluaran", ".hasil"] {
        put(field, &s.letak_target);
    }
}

fn tambah(items: impl Iterator<Item = (Decimal, Option<Decimal>)>) -> (Decimal, Option<Decimal>) {
    items.fold((Decimal::ZERO, None), |(a, am), (b, bm)| {
        (
            a + b,
            match (am, bm) {
                (Some(x), Some(y)) => Some(x + y),
                (x, y) => x.or(y),
            },
        )
    })
}

/// A node's indicators; a program or kegiatan without any is reported at the place it was read.
fn indikator_simpul(
    node: &SimpulSumber,
    tingkat: Tingkat,
    list: Vec<Indikator>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Indikator> {
    if list.is_empty() {
        out.push(
            Diagnostic::error("indikator.kosong", format!("{} {} tanpa indikator", tingkat.label(), node.kode))
                .path(node.letak.clone())
                .expected(format!("sedikitnya satu indikator {} dengan targetnya", tingkat.label()))
                .found("tidak ada indikator")
                .hint("isi kolom 4 (indikator) dan kolom 8 (target) baris ini"),
        );
    }
    list
}

fn susun_program(mut p: SimpulSumber, kegiatan: Vec<Kegiatan>, out: &mut Vec<Diagnostic>) -> Program {
    let indikator = std::mem::take(&mut p.indikator);
    Program {
        indikator: indikator_simpul(&p, Tingkat::Program, indikator, out),
        kode: p.kode,
        nama: p.nama,
        lokasi: p.lokasi.join(", "),
        sumber_dana: p.dana.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
        catatan: String::new(),
        kegiatan,
    }
}

fn susun_kegiatan(mut k: SimpulSumber, sub_kegiatan: Vec<SubKegiatan>, out: &mut Vec<Diagnostic>) -> Kegiatan {
    // Keluaran first, then hasil, each printed on its own line.
    // A hasil that repeats a keluaran (SIPD fills both lists with it) is printed once, as the
    // keluaran it is.
    let mut indikator = std::mem::take(&mut k.indikator);
    let keluaran: Vec<String> = indikator.iter().map(|i| i.uraian.to_lowercase()).collect();
    indikator.extend(
        std::mem::take(&mut k.hasil)
            .into_iter()
            .filter(|h| !keluaran.contains(&h.uraian.to_lowercase()))
            .map(|i| Indikator { jenis: Some(JenisIndikator::Hasil), ..i }),
    );
    let (pagu, pagu_maju) =
        if sub_kegiatan.is_empty() { (k.pagu.map(Rupiah), k.pagu_maju.map(Rupiah)) } else { (None, None) };
    Kegiatan {
        indikator: indikator_simpul(&k, Tingkat::Kegiatan, indikator, out),
        kode: k.kode,
        nama: k.nama,
        lokasi: k.lokasi.join(", "),
        pagu,
        sumber_dana: k.dana.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", "),
        pagu_maju,
        catatan: String::new(),
        rkpd: None,
        hasil_analisis: None,
        kelompok_sasaran: k.kelompok_sasaran,
        penanggung_jawab: k.penanggung_jawab,
        sub_kegiatan,
    }
}

fn susun_sub(s: SimpulSumber) -> SubKegiatan {
    let sumber_dana = match s.dana.as_slice() {
        [] => SumberDana::default(),
        // Amounts for every source, or one source (whose amount is the pagu): the itemised form.
        list if list.iter().all(|(_, p)| p.is_some()) => SumberDana::Rincian(
            list.iter().map(|(nama, p)| Dana { nama: nama.clone(), pagu: Rupiah(p.unwrap_or_default()) }).collect(),
        ),
        [(nama, None)] => match s.pagu {
            Some(pagu) => SumberDana::Rincian(vec![Dana { nama: nama.clone(), pagu: Rupiah(pagu) }]),
            None => SumberDana::Teks(nama.clone()),
        },
        list => SumberDana::Teks(list.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(", ")),
    };
    SubKegiatan {
        kode: s.kode,
        nama: s.nama,
        indikator: s.indikator,
        lokasi: SatuAtauBanyak(s.lokasi),
        sumber_dana,
        kelompok_sasaran: s.kelompok_sasaran,
        penanggung_jawab: s.penanggung_jawab,
        waktu_pelaksanaan: s.waktu_pelaksanaan,
        prioritas: s.prioritas,
        pagu: s.pagu.map(Rupiah),
        pagu_maju: s.pagu_maju.map(Rupiah),
        catatan: String::new(),
    }
}

/// Ends a read: the tree with its errors and warnings apart.
pub(crate) fn selesai(
    identitas: IdentitasSumber,
    pohon: PohonSumber,
    mut diagnostik: Vec<Diagnostic>,
) -> Result<ImporSipd, Vec<Diagnostic>> {
    let (rencana, letak) = pohon.susun(&mut diagnostik);
    let peringatan = diagnostik.iter().filter(|d| !d.is_error()).cloned().collect();
    let galat = if diagnostik.iter().any(Diagnostic::is_error) { diagnostik } else { Vec::new() };
    Ok(ImporSipd { identitas, rencana, letak, peringatan, galat })
}

/// An indicator's uraian without the label the printed tables put in front ("Outcome : …").
/// Returns whether the label names a hasil (outcome) indicator.
pub(crate) fn lepas_label(uraian: &str) -> (bool, &str) {
    let t = uraian.trim();
    for (label, hasil) in
        [("outcome", true), ("hasil", true), ("output", false), ("keluaran", false), ("capaian", false)]
    {
        if t.len() > label.len()
            && t.is_char_boundary(label.len())
            && t[..label.len()].eq_ignore_ascii_case(label)
            && let Some(rest) = t[label.len()..].trim_start().strip_prefix(':')
        {
            return (hasil, rest.trim_start());
        }
    }
    (false, t)
}

/// One whitespace between words, none at the ends (SIPD names carry doubled spaces and line
/// breaks: "Koordinasi Penyelenggaraan Kegiatan\n\nPemerintahan …").
pub(crate) fn rapikan(teks: &str) -> String {
    teks.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// What SIPD does not hold, carried from `plan` into a `rencana` read from SIPD, node by node of
/// the same kode: the RKPD side of Tabel 2.3 (`rkpd`, `hasil_analisis`), `catatan`,
/// `waktu_pelaksanaan`, the provincial priority, and the plan's `pagu_batas`.
pub fn bawa_yang_tidak_ada_di_sipd(rencana: &mut Rencana, plan: &Plan) {
    let bidang = crate::kode::kode_bidang(plan);
    let cetak = |kode: &str| crate::kode::kode_cetak(kode, bidang.as_deref());
    let mut old_kegiatan: HashMap<String, &Kegiatan> = HashMap::new();
    let mut old_sub: HashMap<String, &SubKegiatan> = HashMap::new();
    let mut old_program: HashMap<String, &Program> = HashMap::new();
    for program in &plan.rencana.program {
        old_program.insert(cetak(&program.kode), program);
        for kegiatan in &program.kegiatan {
            old_kegiatan.insert(cetak(&kegiatan.kode), kegiatan);
            for sub in &kegiatan.sub_kegiatan {
                old_sub.insert(cetak(&sub.kode), sub);
            }
        }
    }
    for program in &mut rencana.program {
        if let Some(old) = old_program.get(&program.kode) {
            program.catatan.clone_from(&old.catatan);
        }
        for kegiatan in &mut program.kegiatan {
            if let Some(old) = old_kegiatan.get(&kegiatan.kode) {
                kegiatan.rkpd.clone_from(&old.rkpd);
                kegiatan.hasil_analisis.clone_from(&old.hasil_analisis);
                kegiatan.catatan.clone_from(&old.catatan);
            }
            for sub in &mut kegiatan.sub_kegiatan {
                if let Some(old) = old_sub.get(&sub.kode) {
                    sub.catatan.clone_from(&old.catatan);
                    if sub.waktu_pelaksanaan.is_empty() {
                        sub.waktu_pelaksanaan.clone_from(&old.waktu_pelaksanaan);
                    }
                    if sub.prioritas.provinsi.is_empty() {
                        sub.prioritas.provinsi.clone_from(&old.prioritas.provinsi);
                    }
                }
            }
        }
    }
    rencana.pagu_batas = plan.rencana.pagu_batas;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn numbers_are_read_the_indonesian_way() {
        assert_eq!(angka("1.073.384.000"), Some(d("1073384000")));
        assert_eq!(angka("Rp 1.073.384.000"), Some(d("1073384000")));
        assert_eq!(angka("296187500"), Some(d("296187500")));
        assert_eq!(angka("94,5"), Some(d("94.5")));
        assert_eq!(angka("1.234,5"), Some(d("1234.5")));
        assert_eq!(angka("8.3"), Some(d("8.3")));
        assert_eq!(angka("1.275"), Some(d("1275")));
        assert_eq!(angka("1.2.3"), None);
        // A leading 0 group is never a thousands group.
        assert_eq!(angka("0.125"), Some(d("0.125")));
        assert_eq!(angka("-0.5"), Some(d("-0.5")));
        assert!(ambigu("1.275") && ambigu("12.500") && !ambigu("0.125") && !ambigu("1.275.000"));
        assert!(!ambigu("1,275") && !ambigu("8.3") && !ambigu("1275"));
        let n = |t: &str| angka_json(&serde_json::from_str::<serde_json::Number>(t).unwrap());
        assert_eq!(n("0.125"), Some(d("0.125")));
        assert_eq!(n("1.275"), Some(d("1.275")));
        assert_eq!(n("1e3"), Some(d("1000")));
        assert_eq!(n("296187500"), Some(d("296187500")));
        assert_eq!(angka("seratus"), None);
        assert_eq!(angka(""), None);
    }

    #[test]
    fn targets_split_into_value_and_unit() {
        assert_eq!(nilai_bersatuan("12 Dokumen"), Ok(Some((d("12"), "Dokumen".into()))));
        assert_eq!(nilai_bersatuan("94,5%"), Ok(Some((d("94.5"), "%".into()))));
        assert_eq!(nilai_bersatuan("1.275 HOK"), Ok(Some((d("1275"), "HOK".into()))));
        assert_eq!(nilai_bersatuan("-"), Ok(None));
        // An exponent is part of the number, never the start of the satuan.
        assert_eq!(nilai_bersatuan("1e3 BULAN"), Ok(Some((d("1000"), "BULAN".into()))));
        assert_eq!(nilai_bersatuan("2,5E2 Ha"), Ok(Some((d("250"), "Ha".into()))));
        assert_eq!(nilai_bersatuan("12 Eksemplar"), Ok(Some((d("12"), "Eksemplar".into()))));
        assert_eq!(nilai_bersatuan("Tersedia"), Err(()));
    }

    #[test]
    fn codes_come_off_names_and_tell_the_level() {
        assert_eq!(pisah_kode("1.05.02 Program Pencegahan"), (Some("1.05.02"), "Program Pencegahan"));
        assert_eq!(pisah_kode("X.XX.01 PROGRAM PENUNJANG"), (Some("X.XX.01"), "PROGRAM PENUNJANG"));
        assert_eq!(pisah_kode("Program 2 Tahun"), (None, "Program 2 Tahun"));
        assert_eq!(pisah_kode("1000 Ha Sawah Baru"), (None, "1000 Ha Sawah Baru"));
        assert_eq!(lepas_kode_depan("1 URUSAN WAJIB", "1"), "URUSAN WAJIB");
        assert_eq!(lepas_kode_depan("1000 Ha Sawah Baru", "1.03.02"), "1000 Ha Sawah Baru");
        assert_eq!(TingkatKode::dari_kode("1.03.02.2.01.0001"), Some(TingkatKode::SubKegiatan));
        assert_eq!(TingkatKode::dari_kode("1.03.02.2"), None);
        assert_eq!(selesaikan_kode("X.XX.01.2.01.0001", Some("1.03")), "1.03.01.2.01.0001");
        assert_eq!(selesaikan_kode("X", Some("1.03")), "1");
        assert_eq!(bidang_unit("7.01.0.00.0.00.06.0000").as_deref(), Some("7.01"));
        assert_eq!(lepas_label("Outcome : Nilai SAKIP"), (true, "Nilai SAKIP"));
        assert_eq!(lepas_label("Jumlah dokumen"), (false, "Jumlah dokumen"));
    }

    #[test]
    fn an_unpadded_code_is_read_as_the_padded_one_with_a_warning() {
        let mut out = Vec::new();
        let padded = lengkapi_kode("1.3.2.2.1.9".into(), TingkatKode::SubKegiatan, Some(2027), "Tabel!B9", &mut out);
        assert_eq!(padded, "1.03.02.2.01.0009");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].code, "kode.tanpa_nol");
        assert_eq!(out[0].found.as_deref(), Some("1.3.2.2.1.9"));
        assert_eq!(out[0].path.as_deref(), Some("Tabel!B9"));
        assert!(!out[0].is_error());
        // TA 2023: two digits.
        let old = lengkapi_kode("7.01.02.2.01.1".into(), TingkatKode::SubKegiatan, Some(2023), "x", &mut out);
        assert_eq!(old, "7.01.02.2.01.01");
        // Without a year the width of the last segment is unknown: left as written.
        let open = lengkapi_kode("1.03.02.2.01.9".into(), TingkatKode::SubKegiatan, None, "x", &mut out);
        assert_eq!(open, "1.03.02.2.01.9");
        assert_eq!(lengkapi_kode("1.3".into(), TingkatKode::Bidang, None, "x", &mut out), "1.03");
        // A correct code, and one too wide, are not touched.
        let before = out.len();
        assert_eq!(lengkapi_kode("1.03.02".into(), TingkatKode::Program, Some(2027), "x", &mut out), "1.03.02");
        assert_eq!(lengkapi_kode("1.003.02".into(), TingkatKode::Program, Some(2027), "x", &mut out), "1.003.02");
        assert_eq!(out.len(), before);
    }
}
