//! The SIPD-RI Renja report, the 17-column matrix, as planners save it: the HTML table SIPD-RI
//! (and wp-sipd) download as `.xls`, or that table re-saved as a workbook.
//!
//! Tolerant of what copying and re-saving do to it: the header is found by its words wherever
//! it starts and however its cells are merged; a row's level comes from its code's segment
//! count; codes in front of names come off; `X.XX` takes the Perangkat Daerah's bidang; numbers
//! may be Indonesian text or typed; blank rows are skipped; a node's further indicator lines
//! may share its cells (line breaks) or follow in rows without a code (as wp-sipd prints a
//! sub-kegiatan: a row with its code and name, then a row with everything else).

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;

use super::sheet::{self, LembarSumber};
use super::{
    IdentitasSumber, ImporSipd, PohonSumber, SimpulSumber, TingkatKode, angka, bidang_unit, induk, lepas_kode_depan,
    lepas_label, nilai_bersatuan, pisah_kode, rupiah_bulat, selesai, selesaikan_kode, seperti_kode,
};
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::plan::{Indikator, Nilai};

/// The columns of the report, found by the words of their headers.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct KolomLaporan {
    no: Option<usize>,
    kode: Option<usize>,
    nama: Option<usize>,
    indikator: Option<usize>,
    target_renstra: Option<usize>,
    realisasi_n2: Option<usize>,
    prakiraan_n1: Option<usize>,
    target: Option<usize>,
    pagu: Option<usize>,
    lokasi: Option<usize>,
    sumber_dana: Option<usize>,
    nasional: Option<usize>,
    provinsi: Option<usize>,
    daerah: Option<usize>,
    kelompok_sasaran: Option<usize>,
    target_maju: Option<usize>,
    pagu_maju: Option<usize>,
    penanggung_jawab: Option<usize>,
}

/// Where the header is and what it says.
#[derive(Debug, Clone)]
pub(crate) struct Judul {
    /// First header row.
    baris: usize,
    /// First row after the header (and after the column-number row, if any).
    data: usize,
    kolom: KolomLaporan,
    /// The header text of each column, lowercase, for the year it may name.
    label: Vec<String>,
}

/// Finds the header: the first row (of the first 60) with a cell saying "kode" and, within the
/// next rows, cells saying "indikator" and "pagu". Merged header cells count for every column
/// they cover, so a group heading ("Capaian Kinerja dan Kerangka Pendanaan") qualifies the
/// columns under it.
pub(crate) fn cari_judul(l: &LembarSumber) -> Option<Judul> {
    let lebar = l.lebar();
    for r in 0..l.baris.len().min(60) {
        let Some(kode) = (0..lebar).find(|&c| kata(l.teks_judul(r, c)).iter().any(|w| w == "kode")) else {
            continue;
        };
        // Header rows run until a code, the column-number row, or a blank row.
        let mut akhir = r + 1;
        while akhir < l.baris.len() && akhir < r + 4 {
            if seperti_kode(baris_pertama(l.teks(akhir, kode))) || baris_nomor(l, akhir) || baris_kosong(l, akhir) {
                break;
            }
            akhir += 1;
        }
        let label: Vec<String> = (0..lebar)
            .map(|c| {
                let mut parts: Vec<&str> = Vec::new();
                for rr in r..akhir {
                    let t = l.teks_judul(rr, c);
                    if !t.is_empty() && parts.last() != Some(&t) {
                        parts.push(t);
                    }
                }
                parts.join(" ").replace('\n', " ").to_lowercase()
            })
            .collect();
        if !label.iter().any(|t| t.contains("indikator")) || !label.iter().any(|t| t.contains("pagu")) {
            continue;
        }
        let mut kolom = KolomLaporan { kode: Some(kode), ..KolomLaporan::default() };
        for (c, t) in label.iter().enumerate() {
            if c != kode {
                golongkan(&mut kolom, c, t);
            }
        }
        let data = if akhir < l.baris.len() && baris_nomor(l, akhir) { akhir + 1 } else { akhir };
        return Some(Judul { baris: r, data, kolom, label });
    }
    None
}

/// Assigns a header text to the first free column field it names.
fn golongkan(k: &mut KolomLaporan, c: usize, t: &str) {
    let slot = if t.contains("penanggung") {
        &mut k.penanggung_jawab
    } else if t.trim_end_matches('.') == "no" || t == "nomor" {
        &mut k.no
    } else if t.contains("indikator") {
        &mut k.indikator
    } else if t.contains("urusan") || t.contains("program") || t.contains("sub kegiatan") {
        &mut k.nama
    } else if t.contains("renstra") || t.contains("akhir periode") {
        &mut k.target_renstra
    } else if t.contains("realisasi") {
        &mut k.realisasi_n2
    } else if t.contains("maju") || t.contains("n+1") {
        if t.contains("pagu") {
            &mut k.pagu_maju
        } else if t.contains("target") {
            &mut k.target_maju
        } else {
            return;
        }
    } else if t.contains("prakiraan") {
        &mut k.prakiraan_n1
    } else if t.contains("pagu") {
        &mut k.pagu
    } else if t.contains("target") {
        &mut k.target
    } else if t.contains("lokasi") {
        &mut k.lokasi
    } else if t.contains("sumber dana") {
        &mut k.sumber_dana
    } else if t.contains("nasional") || t.contains("pusat") {
        &mut k.nasional
    } else if t.contains("provinsi") {
        &mut k.provinsi
    } else if t.contains("daerah") || t.contains("kab") {
        &mut k.daerah
    } else if t.contains("sasaran") {
        &mut k.kelompok_sasaran
    } else {
        return;
    };
    slot.get_or_insert(c);
}

fn kata(t: &str) -> Vec<String> {
    t.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

fn baris_pertama(t: &str) -> &str {
    t.lines().next().unwrap_or("").trim()
}

/// The row of column numbers under the header: "1", "2", "3", … (or "(1)").
fn baris_nomor(l: &LembarSumber, r: usize) -> bool {
    let cells: Vec<&str> = (0..l.lebar()).map(|c| l.teks(r, c)).filter(|t| !t.is_empty()).collect();
    cells.len() >= 3
        && cells.iter().all(|t| t.trim_matches(['(', ')']).parse::<u32>().is_ok_and(|n| n <= 40))
        && cells.first().is_some_and(|t| t.trim_matches(['(', ')']) == "1")
}

fn baris_kosong(l: &LembarSumber, r: usize) -> bool {
    (0..l.lebar()).all(|c| l.teks(r, c).is_empty() && l.angka(r, c).is_none())
}

/// Reads the report from the bytes of a `.xls` (HTML or binary), `.xlsx` or `.html` file;
/// `Err` holds every problem when there is an error.
pub fn baca_laporan(nama: &Path, isi: &[u8]) -> Result<ImporSipd, Vec<Diagnostic>> {
    baca_laporan_lengkap(nama, isi).and_then(ImporSipd::tanpa_galat)
}

/// Reads the report, keeping the tree read when the report holds errors
/// ([`ImporSipd::galat`]); `Err` only when no table could be read.
pub fn baca_laporan_lengkap(nama: &Path, isi: &[u8]) -> Result<ImporSipd, Vec<Diagnostic>> {
    crate::import::batas::periksa_buku(isi)?;
    let buku = isi.starts_with(b"PK\x03\x04") || isi.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let (lembar, luar) = if buku {
        let lembar = sheet::dari_buku(isi).map_err(|e| {
            vec![
                Diagnostic::error("sumber.rusak", format!("buku kerja {} tidak dapat dibaca", nama.display()))
                    .expected("buku kerja .xlsx atau .xls yang utuh")
                    .found(e)
                    .hint("buka berkasnya di aplikasi lembar kerja lalu simpan ulang sebagai .xlsx"),
            ]
        })?;
        (lembar, String::new())
    } else {
        sheet::dari_html(isi).map_err(|e| {
            vec![
                Diagnostic::error("sumber.rusak", format!("tabel HTML {} tidak dapat dibaca", nama.display()))
                    .expected("satu tabel laporan Renja SIPD-RI")
                    .found(e)
                    .hint("simpan ulang laporan dari SIPD-RI"),
            ]
        })?
    };
    let Some((l, judul)) = lembar.iter().find_map(|l| cari_judul(l).map(|j| (l, j))) else {
        return Err(vec![tanpa_judul(&lembar)]);
    };
    PembacaLaporan::new(l, judul, &luar).baca()
}

fn tanpa_judul(lembar: &[LembarSumber]) -> Diagnostic {
    let isi = lembar.iter().find(|l| !l.kosong());
    match isi {
        None => {
            let nama = lembar.first().map_or("Tabel", |l| l.nama.as_str());
            Diagnostic::error("laporan.kosong", format!("lembar {nama} kosong"))
                .path(format!("{nama}!A1"))
                .expected("tabel laporan Renja SIPD-RI (17 kolom), mulai dari baris judulnya")
                .found("tidak ada sel yang berisi")
                .hint("salin tabel laporan Renja dari SIPD-RI ke lembar ini, atau simpan laporannya apa adanya (.xls)")
        }
        Some(l) => {
            let (r, c) = (0..l.baris.len())
                .find_map(|r| (0..l.lebar()).find(|&c| !l.teks(r, c).is_empty()).map(|c| (r, c)))
                .unwrap_or((0, 0));
            Diagnostic::error("laporan.tanpa_judul", "baris judul kolom laporan Renja tidak ditemukan")
                .path(format!("{}!A1", l.nama))
                .expected("baris judul berisi \"Kode\", \"Indikator …\" dan \"Pagu Indikatif (Rp)\"")
                .found(format!("sel pertama yang berisi, {}: \"{}\"", l.alamat(r, c), ringkas(l.teks(r, c))))
                .hint("sertakan baris judul tabel SIPD-RI saat menyalin; urutan kolom boleh berbeda")
        }
    }
}

fn ringkas(t: &str) -> String {
    let one = t.replace('\n', " ");
    if one.chars().count() > 60 { format!("{}…", one.chars().take(60).collect::<String>()) } else { one }
}

/// Where the row being read attaches its continuation rows.
#[derive(Debug, Clone, Copy)]
enum Posisi {
    Tidak,
    Judul,
    Program(usize),
    Kegiatan(usize, usize),
    Sub(usize, usize, usize),
}

/// A heading row (urusan, bidang) with the total it states.
struct TotalJudul {
    kode: String,
    tingkat: TingkatKode,
    pagu: Option<Decimal>,
    letak: String,
}

struct PembacaLaporan<'a> {
    l: &'a LembarSumber,
    j: Judul,
    k: KolomLaporan,
    luar: &'a str,
    pohon: PohonSumber,
    out: Vec<Diagnostic>,
    identitas: IdentitasSumber,
    bidang: Option<String>,
    /// First place of each code, for duplicates.
    kode: HashMap<String, String>,
    judul_total: Vec<TotalJudul>,
    posisi: Posisi,
    /// Targets such as `1.275` (thousands the Indonesian way, a fraction the English way),
    /// warned about when the report writes a decimal point elsewhere (`8.3`).
    ambigu: Vec<Diagnostic>,
    titik_desimal: bool,
    /// Codes of rows whose pagu could not be read or that have no parent row: a stated total
    /// above them is not compared (the sum is unknown), so one bad cell is one error.
    cacat: Vec<String>,
}

impl<'a> PembacaLaporan<'a> {
    fn new(l: &'a LembarSumber, j: Judul, luar: &'a str) -> Self {
        let k = j.kolom;
        PembacaLaporan {
            l,
            j,
            k,
            luar,
            pohon: PohonSumber::default(),
            out: Vec::new(),
            identitas: IdentitasSumber::default(),
            bidang: None,
            kode: HashMap::new(),
            judul_total: Vec::new(),
            posisi: Posisi::Tidak,
            ambigu: Vec::new(),
            titik_desimal: false,
            cacat: Vec::new(),
        }
    }

    fn teks(&self, r: usize, c: Option<usize>) -> &'a str {
        c.map_or("", |c| self.l.teks(r, c))
    }

    fn baca(mut self) -> Result<ImporSipd, Vec<Diagnostic>> {
        self.kolom_wajib();
        self.identitas.tahun = self.tahun();
        self.bidang = self.cari_bidang();
        self.identitas.kode_bidang.clone_from(&self.bidang);
        let mut jumlah: Option<(usize, Option<Decimal>, Option<Decimal>)> = None;
        let mut ada_data = false;
        for r in self.j.data..self.l.baris.len() {
            if baris_kosong(self.l, r) {
                continue;
            }
            if self.baris_jumlah(r) {
                let pagu = self.rupiah(r, self.k.pagu);
                let maju = self.rupiah(r, self.k.pagu_maju);
                jumlah = Some((r, pagu, maju));
                break;
            }
            ada_data |= self.baris(r);
        }
        if !ada_data && self.out.iter().all(|d| !d.is_error()) {
            let r = self.j.data.min(self.l.baris.len());
            self.out.push(
                Diagnostic::error(
                    "laporan.kosong",
                    "tabel laporan Renja tanpa baris program, kegiatan atau sub kegiatan",
                )
                .path(self.l.alamat(r, self.k.kode.unwrap_or(0)))
                .expected("baris berkode di bawah baris judul, mis. 1.03.02 Program …")
                .found("tidak ada baris berkode")
                .hint("salin seluruh tabel laporan Renja, bukan hanya judulnya"),
            );
        }
        // Totals are checked in the same run as everything else: a planner sees a Jumlah that
        // disagrees together with the rows' own problems, not after fixing them.
        self.periksa_total(jumlah);
        if self.titik_desimal {
            let ambigu = std::mem::take(&mut self.ambigu);
            self.out.extend(ambigu);
        }
        let judul = self.judul_luar();
        let PembacaLaporan { pohon, out, mut identitas, .. } = self;
        if identitas.perangkat_daerah.is_none() {
            identitas.perangkat_daerah = nama_dari_judul(&judul);
        }
        identitas.pemda = pemda_dari_judul(&judul);
        selesai(identitas, pohon, out)
    }

    fn kolom_wajib(&mut self) {
        let k = self.k;
        for (col, nama) in [
            (k.nama, "Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan"),
            (k.target, "Target (tahun n)"),
            (k.pagu, "Pagu Indikatif (Rp) tahun n"),
        ] {
            if col.is_none() {
                self.out.push(
                    Diagnostic::error(
                        "laporan.kolom_hilang",
                        format!("kolom \"{nama}\" tidak ditemukan di baris judul"),
                    )
                    .path(self.l.alamat(self.j.baris, 0))
                    .expected(format!("judul kolom \"{nama}\""))
                    .found(format!(
                        "judul: {}",
                        self.j.label.iter().filter(|t| !t.is_empty()).cloned().collect::<Vec<_>>().join(" | ")
                    ))
                    .hint("sertakan seluruh kolom tabel SIPD-RI saat menyalin"),
                );
            }
        }
    }

    /// The titles above the table: the document's text before it and the rows above the header.
    fn judul_luar(&self) -> String {
        let mut judul = self.luar.to_owned();
        for r in 0..self.j.baris {
            for c in 0..self.l.lebar() {
                judul.push('\n');
                judul.push_str(self.l.teks(r, c));
            }
        }
        judul
    }

    /// The plan year: "TAHUN ANGGARAN 2023" in a title, else the year a header names.
    fn tahun(&self) -> Option<i32> {
        let judul = self.judul_luar();
        let lower = judul.to_lowercase();
        if let Some(i) = lower.find("tahun anggaran")
            && let Some(y) = tahun_di(&lower[i + "tahun anggaran".len()..])
        {
            return Some(y);
        }
        let of = |c: Option<usize>| c.and_then(|c| tahun_di(&self.j.label[c]));
        let k = self.k;
        of(k.target)
            .or_else(|| of(k.target_maju).map(|y| y - 1))
            .or_else(|| of(k.pagu_maju).map(|y| y - 1))
            .or_else(|| of(k.realisasi_n2).map(|y| y + 2))
            .or_else(|| of(k.prakiraan_n1).map(|y| y + 1))
    }

    /// The Perangkat Daerah's bidang: from a unit code in the kode column, else the first
    /// bidang row (`N.NN`).
    fn cari_bidang(&self) -> Option<String> {
        let codes: Vec<&str> =
            (self.j.data..self.l.baris.len()).map(|r| baris_pertama(self.teks(r, self.k.kode))).collect();
        codes
            .iter()
            .filter(|c| TingkatKode::dari_kode(c) == Some(TingkatKode::Unit))
            .find_map(|c| bidang_unit(c))
            .or_else(|| codes.iter().find(|c| crate::kode::periksa_bidang(c)).map(|c| (*c).to_owned()))
    }

    fn baris_jumlah(&self, r: usize) -> bool {
        [self.k.no, self.k.kode, self.k.nama].into_iter().flatten().chain(0..1).any(|c| {
            let t = self.l.teks(r, c).to_lowercase();
            let t = t.trim().trim_end_matches(':').trim();
            t.starts_with("jumlah") || t == "total" || t.starts_with("total ")
        })
    }

    /// Reads one row; returns whether it held a plan node.
    fn baris(&mut self, r: usize) -> bool {
        let k = self.k;
        let mut kode = baris_pertama(self.teks(r, k.kode)).to_owned();
        let mut nama = super::rapikan(self.teks(r, k.nama));
        // A code written in front of the name, or a name written after the code in its cell.
        if let (Some(code), rest) = pisah_kode(&nama) {
            if kode.is_empty() {
                kode = code.to_owned();
            }
            nama = rest.to_owned();
        }
        if let (Some(code), rest) = pisah_kode(&kode.clone())
            && !rest.is_empty()
        {
            kode = code.to_owned();
            if nama.is_empty() {
                nama = rest.to_owned();
            }
        }
        let nama = lepas_kode_depan(&nama, &kode).to_owned();
        if kode.is_empty() {
            self.tanpa_kode(r, nama);
            return false;
        }
        let letak = self.l.alamat(r, k.kode.unwrap_or(0));
        if !seperti_kode(&kode) {
            self.out.push(
                Diagnostic::error("kode.tidak_dikenali", format!("kode \"{kode}\" tidak dikenali"))
                    .path(letak)
                    .expected("kode bertitik, mis. 1.03.02.2.01.0001")
                    .found(format!("\"{kode}\""))
                    .hint("kolom Kode hanya berisi kode urusan, bidang, program, kegiatan atau sub kegiatan"),
            );
            self.posisi = Posisi::Tidak;
            return false;
        }
        let Some(tingkat) = TingkatKode::dari_kode(&kode) else {
            self.out.push(
                Diagnostic::error(
                    "kode.tingkat",
                    format!("kode {kode} bukan kode urusan, bidang, program, kegiatan atau sub kegiatan"),
                )
                .path(letak)
                .expected("1, 2, 3, 5 atau 6 segmen: 1 / 1.03 / 1.03.02 / 1.03.02.2.01 / 1.03.02.2.01.0001")
                .found(format!("{kode} ({} segmen)", kode.split('.').count()))
                .hint("periksa apakah kodenya terpotong atau tergabung dengan kode lain"),
            );
            self.posisi = Posisi::Tidak;
            return false;
        };
        if tingkat == TingkatKode::Unit {
            self.identitas.kode_unit.get_or_insert(kode);
            if !nama.is_empty() {
                self.identitas.perangkat_daerah.get_or_insert(nama);
            }
            return false;
        }
        let kode = selesaikan_kode(&kode, self.bidang.as_deref());
        if kode.starts_with(['X', 'x']) {
            self.out.push(bidang_tak_diketahui(&kode, letak));
            self.posisi = Posisi::Tidak;
            return false;
        }
        let kode = super::lengkapi_kode(kode, tingkat, self.identitas.tahun, &letak, &mut self.out);
        if let Some(first) = self.kode.get(&kode) {
            if tingkat == TingkatKode::SubKegiatan {
                // SIPD prints a sub-kegiatan carried out at two places or by two sub-units as two
                // rows of one code, each with its own keluaran, lokasi and pagu: both are plan
                // rows, both counted in the kegiatan's total.
                self.out.push(kode_ganda(&kode, &letak, first));
            } else {
                self.out.push(
                    Diagnostic::error("kode.duplikat", format!("kode {kode} muncul lebih dari sekali"))
                        .path(letak)
                        .expected(format!("satu baris {} untuk setiap kode", tingkat.label()))
                        .found(format!("{kode}, sudah ada di {first}"))
                        .hint(format!(
                            "letakkan semua sub kegiatan {kode} di bawah baris pertamanya ({first}), lalu kosongkan kode \
                             baris ini; pagunya tetap dijumlah dari sub kegiatan"
                        )),
                );
                self.posisi = Posisi::Tidak;
                return false;
            }
        } else {
            self.kode.insert(kode.clone(), letak.clone());
        }
        let mut simpul = SimpulSumber {
            kode: kode.clone(),
            nama: nama.clone(),
            letak: letak.clone(),
            letak_target: self.l.alamat(r, k.target.unwrap_or(0)),
            ..SimpulSumber::default()
        };
        self.isi(r, &mut simpul, tingkat);
        match tingkat {
            TingkatKode::Urusan | TingkatKode::Bidang => {
                self.pohon.tambah_judul(&kode, &nama);
                self.judul_total.push(TotalJudul { kode, tingkat, pagu: simpul.pagu, letak: simpul.letak_pagu });
                self.posisi = Posisi::Judul;
                return false;
            }
            TingkatKode::Program => {
                self.pohon.program.push((simpul, Vec::new()));
                self.posisi = Posisi::Program(self.pohon.program.len() - 1);
            }
            TingkatKode::Kegiatan => {
                let parent = induk(&kode, 3);
                match self.pohon.cari_program(&parent) {
                    Some(i) => {
                        self.pohon.program[i].1.push((simpul, Vec::new()));
                        self.posisi = Posisi::Kegiatan(i, self.pohon.program[i].1.len() - 1);
                    }
                    None => self.induk_hilang(&letak, &kode, tingkat, &parent),
                }
            }
            TingkatKode::SubKegiatan => {
                let parent = induk(&kode, 5);
                match self.pohon.cari_kegiatan(&parent) {
                    Some((i, j)) => {
                        let subs = &mut self.pohon.program[i].1[j].1;
                        subs.push(simpul);
                        self.posisi = Posisi::Sub(i, j, subs.len() - 1);
                    }
                    None => self.induk_hilang(&letak, &kode, tingkat, &parent),
                }
            }
            TingkatKode::Unit => unreachable!("handled above"),
        }
        true
    }

    fn induk_hilang(&mut self, letak: &str, kode: &str, tingkat: TingkatKode, parent: &str) {
        self.cacat.push(kode.to_owned());
        let induk = if tingkat == TingkatKode::SubKegiatan { "kegiatan" } else { "program" };
        self.out.push(
            Diagnostic::error(
                "struktur.induk_hilang",
                format!("{} {kode} tanpa baris {induk} {parent}", tingkat.label()),
            )
            .path(letak.to_owned())
            .expected(format!("baris {induk} {parent} di atas {} ini", tingkat.label()))
            .found(format!("tidak ada baris berkode {parent}"))
            .hint(format!("salin juga baris {induk} {parent} dari laporan SIPD-RI, atau periksa kode {kode}")),
        );
        self.posisi = Posisi::Tidak;
    }

    /// A row without a code: a unit heading (a name and perhaps totals), or a continuation of
    /// the node above (further indicator lines, or the data of a sub-kegiatan printed on the
    /// row after its name).
    fn tanpa_kode(&mut self, r: usize, nama: String) {
        let k = self.k;
        let isian = [k.indikator, k.target, k.lokasi, k.sumber_dana, k.target_maju]
            .into_iter()
            .any(|c| !self.teks(r, c).is_empty());
        if !nama.is_empty() && !isian {
            self.identitas.perangkat_daerah.get_or_insert(nama);
            return;
        }
        if !nama.is_empty() {
            self.out.push(
                Diagnostic::error("kode.kosong", format!("baris \"{}\" tanpa kode", ringkas(&nama)))
                    .path(self.l.alamat(r, k.kode.unwrap_or(0)))
                    .expected("kode program, kegiatan atau sub kegiatan di kolom Kode")
                    .found("sel kosong")
                    .hint("isi kodenya seperti di SIPD-RI, mis. 1.03.02.2.01.0001"),
            );
            return;
        }
        let posisi = self.posisi;
        let mut simpul = std::mem::take(match posisi {
            Posisi::Program(i) => &mut self.pohon.program[i].0,
            Posisi::Kegiatan(i, j) => &mut self.pohon.program[i].1[j].0,
            Posisi::Sub(i, j, s) => &mut self.pohon.program[i].1[j].1[s],
            Posisi::Judul | Posisi::Tidak => {
                // Totals or notes under a heading, or rows before the first node: nothing to keep.
                return;
            }
        });
        let tingkat = match posisi {
            Posisi::Program(_) => TingkatKode::Program,
            Posisi::Kegiatan(..) => TingkatKode::Kegiatan,
            _ => TingkatKode::SubKegiatan,
        };
        if simpul.indikator.is_empty() && simpul.hasil.is_empty() {
            simpul.letak_target = self.l.alamat(r, k.target.unwrap_or(0));
        }
        self.isi(r, &mut simpul, tingkat);
        *match posisi {
            Posisi::Program(i) => &mut self.pohon.program[i].0,
            Posisi::Kegiatan(i, j) => &mut self.pohon.program[i].1[j].0,
            Posisi::Sub(i, j, s) => &mut self.pohon.program[i].1[j].1[s],
            Posisi::Judul | Posisi::Tidak => unreachable!("returned above"),
        } = simpul;
    }

    /// Adds what row `r` states to a node: indicator lines, pagu, and a sub-kegiatan's details.
    fn isi(&mut self, r: usize, s: &mut SimpulSumber, tingkat: TingkatKode) {
        let k = self.k;
        for ind in self.indikator(r) {
            let (hasil, ind) = ind;
            if hasil && tingkat == TingkatKode::Kegiatan { s.hasil.push(ind) } else { s.indikator.push(ind) }
        }
        for (col, pagu, letak) in
            [(k.pagu, &mut s.pagu, &mut s.letak_pagu), (k.pagu_maju, &mut s.pagu_maju, &mut s.letak_pagu_maju)]
        {
            let before = self.out.len();
            let read = self.rupiah(r, col);
            if self.out.len() > before {
                self.cacat.push(s.kode.clone());
            }
            if let Some(value) = read {
                let here = self.l.alamat(r, col.unwrap_or(0));
                if let Some(before) = pagu {
                    self.out.push(
                        Diagnostic::error("pagu.ganda", format!("{} {} berpagu dua kali", tingkat.label(), s.kode))
                            .path(here)
                            .expected(format!("satu pagu, sudah ada di {letak}"))
                            .found(format!("{} dan {}", format::rupiah(*before), format::rupiah(value)))
                            .hint("hapus salah satunya; pagu kegiatan dan program dijumlah dari sub kegiatan"),
                    );
                } else {
                    *pagu = Some(value);
                    *letak = here;
                }
            }
        }
        let lines = |c: Option<usize>| -> Vec<String> {
            self.teks(r, c).lines().map(str::trim).filter(|t| !t.is_empty() && *t != "-").map(str::to_owned).collect()
        };
        s.lokasi.extend(lines(k.lokasi));
        s.dana.extend(lines(k.sumber_dana).into_iter().map(|n| (n, None)));
        for (col, field) in [
            (k.nasional, &mut s.prioritas.nasional),
            (k.provinsi, &mut s.prioritas.provinsi),
            (k.daerah, &mut s.prioritas.daerah),
            (k.kelompok_sasaran, &mut s.kelompok_sasaran),
            (k.penanggung_jawab, &mut s.penanggung_jawab),
        ] {
            let t = lines(col).join(" ");
            if field.is_empty() && !t.is_empty() {
                *field = t;
            }
        }
    }

    /// The indicator lines of a row, each with whether its label marks it a hasil indicator.
    fn indikator(&mut self, r: usize) -> Vec<(bool, Indikator)> {
        let k = self.k;
        let uraian: Vec<(bool, String)> = self
            .teks(r, k.indikator)
            .lines()
            .map(str::trim)
            .filter(|t| !t.is_empty() && *t != "-")
            .map(|t| {
                let (hasil, u) = lepas_label(t);
                (hasil, u.to_owned())
            })
            .collect();
        let target = self.nilai(r, k.target);
        let maju = self.nilai(r, k.target_maju);
        let renstra = self.nilai(r, k.target_renstra);
        let realisasi = self.nilai(r, k.realisasi_n2);
        let prakiraan = self.nilai(r, k.prakiraan_n1);
        let most = [&target, &maju, &renstra, &realisasi, &prakiraan].iter().map(|v| v.len()).max().unwrap_or(0);
        if most > uraian.len() {
            let col = [(k.target, &target), (k.target_maju, &maju), (k.target_renstra, &renstra)]
                .into_iter()
                .find(|(_, v)| v.len() == most)
                .and_then(|(c, _)| c)
                .or(k.target)
                .unwrap_or(0);
            self.out.push(
                Diagnostic::error("indikator.tanpa_uraian", "nilai tanpa indikator")
                    .path(self.l.alamat(r, col))
                    .expected(format!("{most} baris indikator di kolom Indikator, satu untuk setiap nilai"))
                    .found(format!("{} baris indikator", uraian.len()))
                    .hint("setiap target ditulis di baris yang sama dengan indikatornya"),
            );
        }
        uraian
            .into_iter()
            .enumerate()
            .map(|(i, (hasil, uraian))| {
                let pick = |v: &Vec<Option<(Decimal, String)>>| v.get(i).cloned().flatten();
                let values = [pick(&target), pick(&maju), pick(&renstra), pick(&realisasi), pick(&prakiraan)];
                let satuan =
                    values.iter().flatten().map(|(_, u)| u.clone()).find(|u| !u.is_empty()).unwrap_or_default();
                let [target, target_maju, target_renstra, realisasi_n2, prakiraan_n1] = values.map(|v| {
                    v.map(|(angka, unit)| Nilai {
                        angka,
                        satuan: (!unit.is_empty() && !unit.eq_ignore_ascii_case(&satuan)).then_some(unit),
                    })
                });
                (
                    hasil,
                    Indikator {
                        uraian,
                        satuan,
                        target,
                        target_maju,
                        target_renstra,
                        realisasi_n2,
                        prakiraan_n1,
                        ..Indikator::default()
                    },
                )
            })
            .collect()
    }

    /// The values of a cell, one per line; a line that is not a number is reported.
    fn nilai(&mut self, r: usize, col: Option<usize>) -> Vec<Option<(Decimal, String)>> {
        let Some(c) = col else { return Vec::new() };
        if let Some(n) = self.l.angka(r, c) {
            return vec![Some((n, String::new()))];
        }
        let text = self.l.teks(r, c);
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            match nilai_bersatuan(line) {
                Ok(v) => {
                    let angka_teks = line.trim().split(|c: char| c.is_whitespace() || c == '%').next().unwrap_or("");
                    if let Some((n, _)) = &v {
                        if super::ambigu(angka_teks) {
                            self.ambigu.push(super::peringatan_ambigu(self.l.alamat(r, c), angka_teks, *n));
                        } else if titik_desimal(angka_teks) {
                            self.titik_desimal = true;
                        }
                    }
                    out.push(v)
                }
                Err(()) => {
                    let baris =
                        if text.lines().count() > 1 { format!(" (baris ke-{} sel)", i + 1) } else { String::new() };
                    self.out.push(
                        Diagnostic::error("angka.teks", "sel target berisi teks, bukan angka")
                            .path(self.l.alamat(r, c))
                            .expected("angka dengan satuannya, mis. \"12 Dokumen\" atau \"94,5 %\"")
                            .found(format!("\"{}\"{baris}", ringkas(line)))
                            .hint("tulis targetnya sebagai angka; keterangan lain masuk ke uraian indikator"),
                    );
                    out.push(None);
                }
            }
        }
        out
    }

    /// A rupiah cell: typed number or Indonesian text; anything else is reported.
    fn rupiah(&mut self, r: usize, col: Option<usize>) -> Option<Decimal> {
        let c = col?;
        let (value, text) = match self.l.angka(r, c) {
            Some(n) => (Some(n), n.to_string()),
            None => {
                let t = self.l.teks(r, c).trim();
                if t.is_empty() || t == "-" {
                    return None;
                }
                (angka(t), t.to_owned())
            }
        };
        let problem = match value.map(rupiah_bulat) {
            Some(Ok(n)) => return Some(n),
            Some(Err(why)) => format!("angka {why}"),
            None => "teks, bukan angka".to_owned(),
        };
        self.out.push(
            Diagnostic::error("angka.teks", format!("sel pagu berisi {problem}"))
                .path(self.l.alamat(r, c))
                .expected("rupiah bulat, mis. 1.073.384.000")
                .found(format!("\"{}\"", ringkas(&text)))
                .hint("tulis pagu sebagai angka; titik sebagai pemisah ribuan boleh"),
        );
        None
    }

    /// Stated totals (kegiatan, program, urusan and bidang rows, the Jumlah row) against the
    /// sums of the rows below them. A total is never data: only the lowest pagu is imported.
    fn periksa_total(&mut self, jumlah: Option<(usize, Option<Decimal>, Option<Decimal>)>) {
        let mut selisih = Vec::new();
        let cacat = &self.cacat;
        // A row under `kode` (or the row itself, for a total stated on it) could not be summed.
        let tak_tentu = |kode: &str| cacat.iter().any(|c| c == kode || c.starts_with(&format!("{kode}.")));
        for program in &self.pohon.program {
            for kegiatan in program.1.iter().filter(|k| !k.1.is_empty() && !tak_tentu(&k.0.kode)) {
                let (pagu, maju) = PohonSumber::jumlah_kegiatan(kegiatan);
                selisih.push(banding(&kegiatan.0, "kegiatan", pagu, maju));
            }
            if !tak_tentu(&program.0.kode) {
                let (pagu, maju) = PohonSumber::jumlah_program(program);
                selisih.push(banding(&program.0, "program", pagu, maju));
            }
        }
        for judul in self.judul_total.iter().filter(|j| !tak_tentu(&j.kode)) {
            let segmen = if judul.tingkat == TingkatKode::Urusan { 1 } else { 2 };
            let (pagu, _) = super::tambah(
                self.pohon
                    .program
                    .iter()
                    .filter(|p| induk(&p.0.kode, segmen) == judul.kode)
                    .map(PohonSumber::jumlah_program),
            );
            if let Some(stated) = judul.pagu
                && stated != pagu
            {
                selisih.push(vec![beda(
                    &judul.letak,
                    &format!("pagu {} {}", judul.tingkat.label(), judul.kode),
                    stated,
                    pagu,
                    "sub kegiatan di bawahnya",
                )]);
            }
        }
        if let Some((r, pagu, maju)) = jumlah.filter(|_| cacat.is_empty()) {
            let (total, total_maju) = self.pohon.jumlah();
            for (col, stated, sum) in [(self.k.pagu, pagu, Some(total)), (self.k.pagu_maju, maju, total_maju)] {
                if let (Some(c), Some(stated)) = (col, stated)
                    && stated != sum.unwrap_or_default()
                {
                    let mut d = beda(
                        &self.l.alamat(r, c),
                        "baris Jumlah",
                        stated,
                        sum.unwrap_or_default(),
                        "pagu sub kegiatan",
                    );
                    d.message = "baris Jumlah tidak sama dengan jumlah baris di atasnya".to_owned();
                    d.hint = Some("baris Jumlah tidak diimpor; periksa pagu sub kegiatan atau angka Jumlah".to_owned());
                    selisih.push(vec![d]);
                }
            }
        }
        self.out.extend(selisih.into_iter().flatten());
    }
}

fn banding(s: &SimpulSumber, tingkat: &str, pagu: Decimal, maju: Option<Decimal>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let label = format!("pagu {tingkat} {}", s.kode);
    if let Some(stated) = s.pagu
        && stated != pagu
    {
        out.push(beda(&s.letak_pagu, &label, stated, pagu, "sub kegiatan di bawahnya"));
    }
    if let Some(stated) = s.pagu_maju
        && stated != maju.unwrap_or_default()
    {
        out.push(beda(
            &s.letak_pagu_maju,
            &format!("pagu prakiraan maju {tingkat} {}", s.kode),
            stated,
            maju.unwrap_or_default(),
            "sub kegiatan di bawahnya",
        ));
    }
    out
}

fn beda(letak: &str, apa: &str, stated: Decimal, sum: Decimal, dari: &str) -> Diagnostic {
    let (arah, selisih) = if stated > sum { ("lebih", stated - sum) } else { ("kurang", sum - stated) };
    Diagnostic::error("jumlah.tidak_sama", format!("{apa} tidak sama dengan jumlah {dari}"))
        .path(letak.to_owned())
        .expected(format!("{} (jumlah {dari})", format::rupiah(sum)))
        .found(format!("{} ({arah} {})", format::rupiah(stated), format::rupiah(selisih)))
        .hint("angka ini hanya diperiksa, tidak diimpor; periksa pagu sub kegiatan atau angka jumlahnya")
}

/// A shared `X.XX` code in a source that names no bidang to put in its place.
pub(crate) fn bidang_tak_diketahui(kode: &str, letak: String) -> Diagnostic {
    Diagnostic::error("kode.bidang_kosong", format!("kode bersama {kode} tanpa bidang urusan pengganti X.XX"))
        .path(letak)
        .expected("bidang urusan perangkat daerah (baris bidang, mis. 1.03, atau kode unit)")
        .found("tidak ada di sumber")
        .hint("sertakan baris bidang urusan di atas program, atau tulis kodenya dengan bidangnya (mis. 1.03.01)")
}

/// The first year 2000–2100 written in a text.
fn tahun_di(t: &str) -> Option<i32> {
    t.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (2000..=2100).contains(y))
}

/// A number written with a decimal point that cannot be a thousands separator (`8.3`,
/// `0.125`): the report uses the English convention somewhere.
fn titik_desimal(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    match t.split_once('.') {
        Some((int, frac)) => {
            !int.is_empty()
                && !frac.is_empty()
                && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
                && !frac.contains('.')
                && (frac.len() != 3 || int == "0")
        }
        None => false,
    }
}

/// A "Kode … muncul dua kali" warning: both rows are kept.
pub(crate) fn kode_ganda(kode: &str, letak: &str, first: &str) -> Diagnostic {
    Diagnostic::warning("kode.ganda", format!("sub kegiatan {kode} tercantum dua kali, di {first} dan {letak}"))
        .path(letak.to_owned())
        .expected("satu baris untuk setiap kode sub kegiatan, kecuali dilaksanakan di beberapa lokasi atau sub unit")
        .found(format!("{kode} di {first} dan di {letak}"))
        .hint("keduanya diimpor sebagai baris sendiri dan dijumlah dalam pagu kegiatan; bedakan lokasi atau penanggung jawabnya bila sama")
}

/// "PEMERINTAH PROVINSI JAWA TENGAH" (or KABUPATEN …, KOTA …) in a title above the table: the
/// regional government, as "Provinsi Jawa Tengah".
fn pemda_dari_judul(judul: &str) -> Option<String> {
    judul.lines().find_map(pemda_dari_teks)
}

/// A regional government named in a text: "PEMERINTAH KABUPATEN TEMANGGUNG", "Kota Batu".
pub(crate) fn pemda_dari_teks(teks: &str) -> Option<String> {
    let words: Vec<&str> = teks.split_whitespace().collect();
    // Every place a kind of region is named: "DINAS TATA KOTA TAHUN … KABUPATEN X" names
    // Kabupaten X, not a Kota without a name.
    words.iter().enumerate().find_map(|(start, w)| {
        let jenis = match w.to_lowercase().trim_end_matches([':', '.']) {
            "provinsi" => "Provinsi",
            "kota" => "Kota",
            "kabupaten" | "kab" => "Kabupaten",
            _ => return None,
        };
        let nama: Vec<String> = words[start + 1..]
            .iter()
            .take_while(|w| {
                let l = w.to_lowercase();
                !matches!(l.as_str(), "tahun" | "-" | "–" | "renja" | "rencana")
                    && !w.starts_with(|c: char| c.is_ascii_digit())
            })
            .map(|w| kapital(w))
            .collect();
        (!nama.is_empty()).then(|| format!("{jenis} {}", nama.join(" ")))
    })
}

/// "JAWA" → "Jawa"; "DKI" stays; "PANGKAJENE-KEPULAUAN" → "Pangkajene-Kepulauan".
fn kapital(w: &str) -> String {
    if w.len() <= 3 && w.chars().all(|c| c.is_uppercase()) {
        return w.to_owned();
    }
    let mut out = String::with_capacity(w.len());
    let mut awal = true;
    for c in w.chars() {
        if awal {
            out.extend(c.to_uppercase())
        } else {
            out.extend(c.to_lowercase())
        }
        awal = !c.is_alphanumeric();
    }
    out
}

/// "RENJA DINAS …" in a title above the table: the Perangkat Daerah's name.
fn nama_dari_judul(luar: &str) -> Option<String> {
    luar.lines().map(str::trim).find_map(|line| {
        let rest = line.strip_prefix("RENJA ").or_else(|| line.strip_prefix("Renja "))?;
        let rest = super::rapikan(rest);
        (!rest.is_empty() && !rest.to_lowercase().starts_with("tahun")).then_some(rest)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_pemda_is_told_from_a_title() {
        let p = super::pemda_dari_teks;
        assert_eq!(p("TAHUN ANGGARAN 2027 KABUPATEN TEMANGGUNG").as_deref(), Some("Kabupaten Temanggung"));
        assert_eq!(p("PEMERINTAH PROVINSI JAWA TENGAH").as_deref(), Some("Provinsi Jawa Tengah"));
        assert_eq!(p("DINAS TATA KOTA TAHUN 2027 KOTA BATU").as_deref(), Some("Kota Batu"));
        assert_eq!(p("Kab. Malang").as_deref(), Some("Kabupaten Malang"));
        assert_eq!(p("PROVINSI DKI JAKARTA").as_deref(), Some("Provinsi DKI Jakarta"));
        assert_eq!(p("RENJA DINAS PEKERJAAN UMUM"), None);
    }
}
