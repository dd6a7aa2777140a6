//! Reading the input workbook that `renja workbook` writes (layout: [`crate::isian::tata`]).
//! Every problem of every sheet is gathered, located as `Sheet!C12`; nothing is guessed.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{Identitas, Letak, TabelImpor};
use crate::diagnostic::Diagnostic;
use crate::isian::tata::{self, Jenis, Kolom};
use crate::plan::{self, Nilai, Rupiah};
use crate::sipd::{Dana, Indikator, Nomenklatur, Prioritas, SatuAtauBanyak, SubKegiatan, SumberDana};

/// What the workbook holds.
#[derive(Debug)]
pub struct Bacaan {
    pub tabel: TabelImpor,
    pub identitas: Identitas,
    pub letak: Letak,
}

type Buku = Xlsx<Cursor<Vec<u8>>>;

fn buka(bytes: &[u8]) -> Option<Buku> {
    calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).ok()
}

/// Whether the bytes are a renja input workbook: an xlsx with the sheets Petunjuk and Rencana.
pub fn kenali(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && buka(bytes).is_some_and(|b| {
            let names = b.sheet_names();
            names.iter().any(|n| n == tata::PETUNJUK) && names.iter().any(|n| n == tata::RENCANA)
        })
}

/// One cell as read: its typed value or its formula with the value last computed.
#[derive(Debug, Clone, PartialEq)]
enum Sel {
    Kosong,
    Teks(String),
    Angka(f64),
    Rumus { rumus: String, hasil: Option<f64> },
    Lain(String),
}

impl Sel {
    fn kosong(&self) -> bool {
        match self {
            Sel::Kosong => true,
            Sel::Teks(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    fn ditemukan(&self) -> String {
        match self {
            Sel::Kosong => "sel kosong".into(),
            Sel::Teks(t) => format!("teks \"{t}\""),
            Sel::Angka(f) => format!("angka {f}"),
            Sel::Rumus { rumus, .. } => format!("rumus ={rumus}"),
            Sel::Lain(what) => what.clone(),
        }
    }
}

/// An exact decimal of a double as a spreadsheet stores it: its shortest round-trip text.
fn desimal(f: f64) -> Option<Decimal> {
    Decimal::from_str_exact(&format!("{f}")).ok()
}

/// A table sheet with its columns found.
struct Lembar {
    nama: &'static str,
    kolom: &'static [Kolom],
    data: Range<Data>,
    rumus: Range<String>,
    /// The sheet column of each layout column.
    posisi: Vec<usize>,
    /// Data rows (0-based sheet rows) that hold anything.
    baris: Vec<u32>,
}

impl Lembar {
    fn sel(&self, row: u32, kunci: &str) -> Sel {
        let col = self.posisi[tata::indeks(self.kolom, kunci)];
        baca_sel(&self.data, &self.rumus, row, col)
    }

    fn letak(&self, row: u32, kunci: &str) -> String {
        tata::sel(self.nama, row, self.posisi[tata::indeks(self.kolom, kunci)])
    }

    fn judul(&self, kunci: &str) -> &'static str {
        self.kolom[tata::indeks(self.kolom, kunci)].judul
    }

    fn galat(&self, code: &'static str, pesan: impl Into<String>, row: u32, kunci: &str) -> Diagnostic {
        Diagnostic::error(code, pesan).path(self.letak(row, kunci))
    }

    /// Text; a number typed in a text column is taken as written (its shortest form).
    fn teks(&self, row: u32, kunci: &str, galat: &mut Vec<Diagnostic>) -> String {
        match self.sel(row, kunci) {
            Sel::Kosong => String::new(),
            Sel::Teks(t) => t,
            Sel::Angka(f) | Sel::Rumus { hasil: Some(f), .. } if self.jenis(kunci) != Jenis::Kode => format!("{f}"),
            other => {
                let (expected, hint) = if self.jenis(kunci) == Jenis::Kode {
                    (
                        "kode sebagai teks, mis. 1.03.02",
                        "format sel sebagai Teks lalu ketik ulang kodenya; sebagai angka, 1.10 menjadi 1,1",
                    )
                } else {
                    ("teks", "ketik teksnya langsung di sel")
                };
                galat.push(
                    self.galat("impor.teks", format!("kolom \"{}\" harus berisi teks", self.judul(kunci)), row, kunci)
                        .expected(expected)
                        .found(other.ditemukan())
                        .hint(hint),
                );
                String::new()
            }
        }
    }

    fn jenis(&self, kunci: &str) -> Jenis {
        self.kolom[tata::indeks(self.kolom, kunci)].jenis
    }

    /// A number, or None for an empty cell. A formula counts by the value it last computed.
    fn angka(&self, row: u32, kunci: &str, galat: &mut Vec<Diagnostic>) -> Option<Decimal> {
        let sel = self.sel(row, kunci);
        if sel.kosong() {
            return None;
        }
        let rupiah = self.jenis(kunci) == Jenis::Rupiah;
        let f = match &sel {
            Sel::Angka(f) | Sel::Rumus { hasil: Some(f), .. } => Some(*f),
            _ => None,
        };
        if let Some(value) = f.and_then(desimal) {
            return Some(value);
        }
        let (expected, hint) = if rupiah {
            (
                "rupiah sebagai angka, mis. 1073384000",
                "ketik angkanya tanpa titik ribuan, \"Rp\" atau spasi; sel berformat angka",
            )
        } else {
            ("angka, mis. 80,5", "ketik angkanya saja; satuannya ditulis di kolom Satuan")
        };
        let what = if rupiah { "rupiah" } else { "angka" };
        galat.push(
            self.galat("impor.angka", format!("kolom \"{}\" harus berisi {what}", self.judul(kunci)), row, kunci)
                .expected(expected)
                .found(sel.ditemukan())
                .hint(hint),
        );
        None
    }

    fn nilai(&self, row: u32, kunci: &str, galat: &mut Vec<Diagnostic>) -> Option<Nilai> {
        self.angka(row, kunci, galat).map(Nilai::new)
    }

    fn rupiah(&self, row: u32, kunci: &str, galat: &mut Vec<Diagnostic>) -> Option<Rupiah> {
        self.angka(row, kunci, galat).map(Rupiah)
    }

    fn kosong(&self, row: u32) -> bool {
        self.kolom.iter().all(|k| self.sel(row, k.kunci).kosong())
    }

    /// A choice, lower-cased; empty when the cell is.
    fn pilihan(&self, row: u32, kunci: &str, boleh: &[&str], galat: &mut Vec<Diagnostic>) -> Option<String> {
        // "Sub Kegiatan", "sub_kegiatan" and "sub  kegiatan" are one choice.
        let text = self.teks(row, kunci, galat).to_lowercase().replace(['_', '-'], " ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() || boleh.contains(&text.as_str()) {
            return Some(text);
        }
        galat.push(
            self.galat("impor.pilihan", format!("isi kolom \"{}\" tidak dikenal", self.judul(kunci)), row, kunci)
                .expected(format!("salah satu dari: {}", boleh.join(", ")))
                .found(format!("\"{text}\""))
                .hint("pilih dari daftar tarik-turun sel itu (lembar Daftar)"),
        );
        None
    }
}

fn baca_sel(data: &Range<Data>, rumus: &Range<String>, row: u32, col: usize) -> Sel {
    let pos = (row, col as u32);
    let value = data.get_value(pos);
    if let Some(formula) = rumus.get_value(pos).filter(|f| !f.is_empty()) {
        let hasil = match value {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        };
        return Sel::Rumus { rumus: formula.clone(), hasil };
    }
    match value {
        None | Some(Data::Empty) => Sel::Kosong,
        Some(Data::String(s)) => Sel::Teks(s.replace("\r\n", "\n")),
        Some(Data::Float(f)) => Sel::Angka(*f),
        Some(Data::Int(i)) => Sel::Angka(*i as f64),
        Some(Data::Bool(b)) => Sel::Lain(format!("nilai logika {}", if *b { "TRUE" } else { "FALSE" })),
        Some(Data::DateTime(_) | Data::DateTimeIso(_)) => Sel::Lain("tanggal".into()),
        Some(Data::DurationIso(_)) => Sel::Lain("durasi".into()),
        Some(Data::Error(e)) => Sel::Lain(format!("galat Excel {e}")),
    }
}

/// Finds a table sheet's header row and columns. The header is the row (among the first 20)
/// whose cell reads the first column's title; every title is then looked up in that row.
fn lembar(buku: &mut Buku, nama: &'static str, galat: &mut Vec<Diagnostic>) -> Option<Lembar> {
    let kolom = tata::kolom(nama);
    let (data, rumus) = isi_lembar(buku, nama, galat)?;
    if data.is_empty() || data.used_cells().all(|(_, _, v)| matches!(v, Data::Empty)) {
        galat.push(
            Diagnostic::error("impor.lembar_kosong", format!("lembar {nama} kosong"))
                .path(format!("{nama}!A1"))
                .expected(format!("baris kepala ({}) lalu baris data", judul_daftar(kolom)))
                .found("lembar tanpa isi")
                .hint("salin baris kepala dari buku kerja kosong (renja workbook --kosong -o kosong.xlsx)"),
        );
        return None;
    }
    let end = data.end().map_or(0, |(r, _)| r);
    let width = data.end().map_or(0, |(_, c)| c as usize) + 1;
    let cell_text = |r: u32, c: usize| match data.get_value((r, c as u32)) {
        Some(Data::String(s)) => s.trim().to_lowercase(),
        _ => String::new(),
    };
    let first = kolom[0].judul.to_lowercase();
    let header = (0..=end.min(20)).find(|&r| (0..width).any(|c| cell_text(r, c) == first));
    let Some(header) = header else {
        let found = (0..=end)
            .find_map(|r| {
                (0..width).find_map(|c| match data.get_value((r, c as u32)) {
                    Some(Data::Empty) | None => None,
                    Some(v) => Some(format!("baris {} dimulai dengan \"{v}\"", r + 1)),
                })
            })
            .unwrap_or_default();
        galat.push(
            Diagnostic::error("impor.kepala", format!("baris kepala lembar {nama} tidak ditemukan"))
                .path(format!("{nama}!A1"))
                .expected(format!("satu baris berjudul {}", judul_daftar(kolom)))
                .found(found)
                .hint("kembalikan baris kepala seperti di buku kerja dari renja workbook; renja mencari kolom menurut judulnya"),
        );
        return None;
    };
    let mut posisi = Vec::with_capacity(kolom.len());
    let mut missing = false;
    for k in kolom {
        let want = k.judul.to_lowercase();
        match (0..width).find(|&c| cell_text(header, c) == want) {
            Some(c) => posisi.push(c),
            None => {
                missing = true;
                galat.push(
                    Diagnostic::error("impor.kolom", format!("kolom \"{}\" tidak ada di lembar {nama}", k.judul))
                        .path(format!("{nama}!A{}", header + 1))
                        .expected(format!("judul \"{}\" di baris kepala", k.judul))
                        .found("tidak ada sel berjudul itu")
                        .hint("kembalikan kolom itu dengan judul yang sama persis; kolom lain boleh ditambahkan"),
                );
            }
        }
    }
    if missing {
        return None;
    }
    let mut lembar = Lembar { nama, kolom, data, rumus, posisi, baris: Vec::new() };
    let mut start = header + 1;
    // The row of printed-column notes under the header is not data.
    if matches!(lembar.sel(start, kolom[0].kunci), Sel::Teks(t) if t == kolom[0].catatan) {
        start += 1;
    }
    lembar.baris = (start..=end).filter(|&r| !lembar.kosong(r)).collect();
    Some(lembar)
}

fn judul_daftar(kolom: &[Kolom]) -> String {
    kolom.iter().take(4).map(|k| format!("\"{}\"", k.judul)).collect::<Vec<_>>().join(", ") + ", …"
}

fn isi_lembar(buku: &mut Buku, nama: &str, galat: &mut Vec<Diagnostic>) -> Option<(Range<Data>, Range<String>)> {
    if !buku.sheet_names().iter().any(|n| n == nama) {
        galat.push(
            Diagnostic::error("impor.lembar", format!("lembar {nama} tidak ada"))
                .path(nama.to_owned())
                .expected(format!("lembar bernama \"{nama}\""))
                .found(format!("lembar: {}", buku.sheet_names().join(", ")))
                .hint("jangan menghapus atau mengganti nama lembar; buat buku kerja baru dengan renja workbook"),
        );
        return None;
    }
    match (buku.worksheet_range(nama), buku.worksheet_formula(nama)) {
        (Ok(data), Ok(rumus)) => Some((data, rumus)),
        (Err(error), _) | (_, Err(error)) => {
            galat.push(
                Diagnostic::error("impor.lembar", format!("lembar {nama} tidak dapat dibaca"))
                    .path(nama.to_owned())
                    .found(error.to_string())
                    .hint("buka dan simpan ulang buku kerja di Excel atau LibreOffice sebagai .xlsx"),
            );
            None
        }
    }
}

/// Reads the whole workbook, or every problem found in it.
pub fn baca(bytes: &[u8]) -> Result<Bacaan, Vec<Diagnostic>> {
    let mut galat = Vec::new();
    let Some(mut buku) = buka(bytes) else {
        return Err(vec![
            Diagnostic::error("impor.buku_kerja", "buku kerja tidak dapat dibuka")
                .expected("berkas .xlsx")
                .hint("simpan ulang sebagai Excel Workbook (.xlsx)"),
        ]);
    };
    let mut letak = Letak::default();
    let identitas = baca_identitas(&mut buku, &mut letak, &mut galat);
    let rencana = lembar(&mut buku, tata::RENCANA, &mut galat).map(|l| rencana(&l, &mut letak, &mut galat));
    // Every kegiatan kode the sheet Rencana names, read or not: Tabel 2.3 is checked against
    // it, so that a kegiatan refused there is not reported again.
    let kode_kegiatan = rencana.as_ref().map(|(_, kode)| kode.clone());
    let rencana = rencana.map(|(r, _)| r);
    let evaluasi = lembar(&mut buku, tata::EVALUASI, &mut galat).map(|l| evaluasi(&l, &mut letak, &mut galat));
    let kinerja = lembar(&mut buku, tata::KINERJA, &mut galat).map(|l| kinerja(&l, &mut letak, &mut galat));
    let rkpd = lembar(&mut buku, tata::RKPD, &mut galat);
    let usulan = lembar(&mut buku, tata::USULAN, &mut galat).map(|l| usulan(&l, &mut letak, &mut galat));
    let mut rencana = rencana.unwrap_or(plan::Rencana { urusan: Vec::new(), program: Vec::new(), pagu_batas: None });
    if let (Some(rkpd), Some(kode_kegiatan)) = (rkpd, kode_kegiatan) {
        tabel_2_3(&rkpd, &mut rencana, &kode_kegiatan, &mut letak, &mut galat);
    }
    rencana.pagu_batas = identitas.pagu_batas.map(Rupiah);
    if !galat.is_empty() {
        return Err(galat);
    }
    Ok(Bacaan {
        tabel: TabelImpor { rencana, evaluasi, kinerja_pelayanan: kinerja, usulan_masyarakat: usulan },
        identitas,
        letak,
    })
}

fn baca_identitas(buku: &mut Buku, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> Identitas {
    let mut out = Identitas::default();
    let Some((data, rumus)) = isi_lembar(buku, tata::IDENTITAS, galat) else { return out };
    let end = data.end().map_or(0, |(r, _)| r);
    let find = |label: &str| {
        (0..=end)
            .find(|&r| matches!(data.get_value((r, 0)), Some(Data::String(s)) if s.trim().eq_ignore_ascii_case(label)))
    };
    let mut cells = HashMap::new();
    for label in tata::ISIAN_IDENTITAS {
        match find(label) {
            Some(r) => {
                cells.insert(label, r);
            }
            None => galat.push(
                Diagnostic::error("impor.identitas", format!("baris \"{label}\" tidak ada di lembar Identitas"))
                    .path(format!("{}!A1", tata::IDENTITAS))
                    .expected(format!("baris berlabel \"{label}\" di kolom A, nilainya di kolom B"))
                    .found("tidak ada")
                    .hint("kembalikan baris itu seperti di buku kerja dari renja workbook"),
            ),
        }
    }
    let number = |label: &str, galat: &mut Vec<Diagnostic>, whole: bool| -> Option<Decimal> {
        let r = *cells.get(label)?;
        let sel = baca_sel(&data, &rumus, r, 1);
        if sel.kosong() {
            return None;
        }
        let value = match sel {
            Sel::Angka(f) | Sel::Rumus { hasil: Some(f), .. } => desimal(f),
            _ => None,
        };
        match value {
            Some(v) if !whole || v.fract().is_zero() => Some(v),
            _ => {
                galat.push(
                    Diagnostic::error(
                        "impor.angka",
                        format!("\"{label}\" harus berisi {}", if whole { "bilangan bulat" } else { "angka" }),
                    )
                    .path(tata::sel(tata::IDENTITAS, r, 1))
                    .expected(if whole { "bilangan bulat, mis. 2027" } else { "angka" })
                    .found(sel.ditemukan())
                    .hint("ketik angkanya saja"),
                );
                None
            }
        }
    };
    let year = |label: &str, galat: &mut Vec<Diagnostic>| {
        let value = number(label, galat, true)?;
        let year = value.to_i32().filter(|y| (1..=9999).contains(y));
        if year.is_none() {
            galat.push(
                Diagnostic::error("impor.tahun", format!("\"{label}\" bukan tahun"))
                    .path(tata::sel(tata::IDENTITAS, cells[label], 1))
                    .expected("tahun empat angka, mis. 2027")
                    .found(value.to_string())
                    .hint("ketik tahunnya saja"),
            );
        }
        year
    };
    out.tahun = year(tata::ISIAN_TAHUN, galat);
    out.renstra_awal = year(tata::ISIAN_RENSTRA_AWAL, galat);
    out.renstra_akhir = year(tata::ISIAN_RENSTRA_AKHIR, galat);
    out.pagu_batas = number(tata::ISIAN_PAGU_BATAS, galat, false);
    if let Some(&r) = cells.get(tata::ISIAN_NOMENKLATUR) {
        match baca_sel(&data, &rumus, r, 1) {
            sel if sel.kosong() => {}
            Sel::Teks(t) if t.trim() == "86/2017" => out.nomenklatur = Some(Nomenklatur::P86_2017),
            Sel::Teks(t) if t.trim() == "90/2019" => out.nomenklatur = Some(Nomenklatur::P90_2019),
            sel => galat.push(
                Diagnostic::error("impor.pilihan", "nomenklatur tidak dikenal")
                    .path(tata::sel(tata::IDENTITAS, r, 1))
                    .expected("86/2017 atau 90/2019 (sebagai teks), atau kosong")
                    .found(sel.ditemukan())
                    .hint("pilih dari daftar tarik-turun sel itu"),
            ),
        }
    }
    for (label, json) in [
        (tata::ISIAN_TAHUN, "$.identitas.tahun"),
        (tata::ISIAN_NOMENKLATUR, "$.identitas.nomenklatur"),
        (tata::ISIAN_RENSTRA_AWAL, "$.identitas.periode_renstra.awal"),
        (tata::ISIAN_RENSTRA_AKHIR, "$.identitas.periode_renstra.akhir"),
        (tata::ISIAN_PAGU_BATAS, "$.rencana.pagu_batas"),
    ] {
        if let Some(&r) = cells.get(label) {
            letak.catat(json, tata::sel(tata::IDENTITAS, r, 1));
        }
    }
    out.sel = cells.into_iter().map(|(label, r)| (label, tata::sel(tata::IDENTITAS, r, 1))).collect();
    out
}

/// Columns of the sheet Rencana that belong to a node (its first row), not to an indicator.
const KOLOM_SIMPUL: [&str; 13] = [
    "nama",
    "lokasi",
    "sumber_dana",
    "pagu_dana",
    "pagu",
    "pagu_maju",
    "prioritas_nasional",
    "prioritas_provinsi",
    "prioritas_daerah",
    "kelompok_sasaran",
    "penanggung_jawab",
    "waktu_pelaksanaan",
    "catatan",
];

const KOLOM_INDIKATOR: [&str; 8] = [
    "jenis_indikator",
    "indikator",
    "satuan",
    "target",
    "target_maju",
    "target_renstra",
    "realisasi_n2",
    "prakiraan_n1",
];

/// The node columns a level may fill (besides its indicators).
fn kolom_tingkat(tingkat: &str) -> &'static [&'static str] {
    match tingkat {
        tata::URUSAN => &["nama"],
        tata::PROGRAM => &["nama", "lokasi", "sumber_dana", "catatan", "pagu", "pagu_maju"],
        tata::KEGIATAN => {
            &["nama", "lokasi", "sumber_dana", "catatan", "kelompok_sasaran", "penanggung_jawab", "pagu", "pagu_maju"]
        }
        tata::SUB_KEGIATAN => &KOLOM_SIMPUL,
        _ => &["nama", "pagu", "pagu_maju"],
    }
}

/// One node of the sheet Rencana: its level, kode, and rows.
struct Blok {
    tingkat: String,
    kode: String,
    rows: Vec<u32>,
}

/// A total cell's formula result, to compare with the rows it stands for.
/// The node a total stands for: a program, a kegiatan (with sub-kegiatan), or all programs.
type Simpul = Option<(usize, Option<usize>)>;

struct Total {
    sel: String,
    hasil: Option<Decimal>,
}

fn rencana(l: &Lembar, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> (plan::Rencana, HashSet<String>) {
    let errors_before = galat.len();
    let mut blok: Vec<Blok> = Vec::new();
    let tingkat_boleh = [tata::URUSAN, tata::PROGRAM, tata::KEGIATAN, tata::SUB_KEGIATAN, tata::JUMLAH];
    for &r in &l.baris {
        let Some(tingkat) = l.pilihan(r, "tingkat", &tingkat_boleh, galat) else { continue };
        let kode = l.teks(r, "kode", galat).trim().to_owned();
        if tingkat.is_empty() && kode.is_empty() {
            match blok.last_mut() {
                Some(b) => b.rows.push(r),
                None => galat.push(
                    l.galat("impor.lanjutan", "baris lanjutan tanpa simpul di atasnya", r, "tingkat")
                        .expected("baris urusan, program, kegiatan atau sub kegiatan dengan kodenya di atas baris ini")
                        .found("Tingkat dan Kode kosong di baris data pertama")
                        .hint("isi Tingkat dan Kode baris ini"),
                ),
            }
            continue;
        }
        if tingkat.is_empty() {
            galat.push(
                l.galat("impor.tingkat", "tingkat baris kosong", r, "tingkat")
                    .expected(format!("salah satu dari: {}", tingkat_boleh.join(", ")))
                    .found(format!("sel kosong di baris berkode {kode}"))
                    .hint("pilih tingkat dari daftar tarik-turun"),
            );
            continue;
        }
        if kode.is_empty() && tingkat != tata::JUMLAH {
            galat.push(
                l.galat("impor.kode", format!("kode {tingkat} kosong"), r, "kode")
                    .expected("kode, mis. 1.03.02.2.01")
                    .found("sel kosong")
                    .hint("setiap baris simpul memuat kodenya; baris lanjutan mengosongkan Tingkat dan Kode"),
            );
            continue;
        }
        match blok.last_mut() {
            Some(b) if b.tingkat == tingkat && b.kode == kode && tingkat != tata::JUMLAH => b.rows.push(r),
            _ => blok.push(Blok { tingkat, kode, rows: vec![r] }),
        }
    }

    let kode_kegiatan = blok.iter().filter(|b| b.tingkat == tata::KEGIATAN).map(|b| b.kode.clone()).collect();
    // A kode names one node: a second block with it is a duplicate, however far below.
    let mut seen: HashMap<&str, u32> = HashMap::new();
    let mut dup = vec![false; blok.len()];
    for (i, b) in blok.iter().enumerate() {
        if b.tingkat == tata::JUMLAH {
            continue;
        }
        match seen.get(b.kode.as_str()) {
            Some(&first) => {
                dup[i] = true;
                galat.push(
                    l.galat(
                        "impor.kode_ganda",
                        format!("kode {} dipakai lebih dari sekali", b.kode),
                        b.rows[0],
                        "kode",
                    )
                    .expected("setiap kode sekali saja (baris lanjutan berada tepat di bawah simpulnya)")
                    .found(format!("{} juga di {}", b.kode, l.letak(first, "kode")))
                    .hint("perbaiki salah satu kode, atau pindahkan baris ini tepat di bawah simpul aslinya"),
                );
            }
            None => {
                seen.insert(&b.kode, b.rows[0]);
            }
        }
    }

    let mut rencana = plan::Rencana { urusan: Vec::new(), program: Vec::new(), pagu_batas: None };
    // Totals read from the sheet: (program, kegiatan or None, pagu column?) → cell.
    let mut total_pagu: Vec<(Simpul, &str, Total)> = Vec::new();
    // Kegiatan pagu typed as numbers, to refuse where the kegiatan has sub-kegiatan.
    let mut pagu_kegiatan: HashMap<(usize, usize), Vec<(&str, u32)>> = HashMap::new();
    for (b, is_dup) in blok.iter().zip(dup) {
        if is_dup {
            continue;
        }
        let first = b.rows[0];
        sel_simpul(l, b, galat);
        match b.tingkat.as_str() {
            tata::URUSAN => {
                let path = format!("$.rencana.urusan[{}]", rencana.urusan.len());
                letak.catat(&path, l.letak(first, "kode"));
                letak.catat(&format!("{path}.kode"), l.letak(first, "kode"));
                letak.catat(&format!("{path}.nama"), l.letak(first, "nama"));
                tidak_berindikator(l, b, galat);
                rencana.urusan.push(plan::Urusan { kode: b.kode.clone(), nama: l.teks(first, "nama", galat) });
            }
            tata::PROGRAM => {
                let i = rencana.program.len();
                let path = format!("$.rencana.program[{i}]");
                let ind = indikator_blok(l, b, &[tata::CAPAIAN], galat);
                let (utama, capaian) = utama(l, b, ind, tata::CAPAIAN, &path, "capaian", letak, galat);
                for kunci in ["pagu", "pagu_maju"] {
                    if let Some(total) = total(l, first, kunci, tata::PROGRAM, &b.kode, galat) {
                        total_pagu.push((Some((i, None)), kunci, total));
                    }
                }
                catat_simpul(letak, l, first, &path, &["kode", "nama", "lokasi", "sumber_dana", "catatan"]);
                rencana.program.push(plan::Program {
                    kode: b.kode.clone(),
                    nama: l.teks(first, "nama", galat),
                    indikator: utama.uraian,
                    satuan: utama.satuan,
                    target: utama.target.unwrap_or_default(),
                    target_maju: utama.target_maju,
                    lokasi: l.teks(first, "lokasi", galat),
                    sumber_dana: l.teks(first, "sumber_dana", galat),
                    catatan: l.teks(first, "catatan", galat),
                    capaian,
                    kegiatan: Vec::new(),
                });
            }
            tata::KEGIATAN => {
                let Some(i) = rencana.program.len().checked_sub(1) else {
                    galat.push(
                        l.galat("impor.induk", format!("kegiatan {} tanpa program di atasnya", b.kode), first, "kode")
                            .expected("baris program di atas kegiatannya")
                            .found("tidak ada baris program di atas baris ini")
                            .hint("tambahkan baris program (Tingkat \"program\") di atas kegiatan ini"),
                    );
                    continue;
                };
                let j = rencana.program[i].kegiatan.len();
                let path = format!("$.rencana.program[{i}].kegiatan[{j}]");
                let ind = indikator_blok(l, b, &[tata::KELUARAN, tata::HASIL], galat);
                let (keluaran, hasil): (Vec<_>, Vec<_>) = ind.into_iter().partition(|(jenis, ..)| jenis != tata::HASIL);
                let (utama, keluaran) = utama(l, b, keluaran, tata::KELUARAN, &path, "keluaran", letak, galat);
                let hasil = tambahan(hasil, l, &path, "hasil", letak);
                let mut pagu = None;
                let mut pagu_maju = None;
                for kunci in ["pagu", "pagu_maju"] {
                    match l.sel(first, kunci) {
                        Sel::Rumus { hasil, .. } => total_pagu.push((
                            Some((i, Some(j))),
                            kunci,
                            Total { sel: l.letak(first, kunci), hasil: hasil.and_then(desimal) },
                        )),
                        sel if sel.kosong() => {}
                        _ => {
                            let value = l.rupiah(first, kunci, galat);
                            pagu_kegiatan.entry((i, j)).or_default().push((kunci, first));
                            if kunci == "pagu" { pagu = value } else { pagu_maju = value }
                        }
                    }
                }
                catat_simpul(
                    letak,
                    l,
                    first,
                    &path,
                    &[
                        "kode",
                        "nama",
                        "lokasi",
                        "sumber_dana",
                        "catatan",
                        "kelompok_sasaran",
                        "penanggung_jawab",
                        "pagu",
                        "pagu_maju",
                    ],
                );
                rencana.program[i].kegiatan.push(plan::Kegiatan {
                    kode: b.kode.clone(),
                    nama: l.teks(first, "nama", galat),
                    indikator: utama.uraian,
                    satuan: utama.satuan,
                    target: utama.target.unwrap_or_default(),
                    lokasi: l.teks(first, "lokasi", galat),
                    pagu,
                    sumber_dana: l.teks(first, "sumber_dana", galat),
                    target_maju: utama.target_maju,
                    pagu_maju,
                    catatan: l.teks(first, "catatan", galat),
                    rkpd: None,
                    hasil_analisis: None,
                    keluaran,
                    hasil,
                    kelompok_sasaran: l.teks(first, "kelompok_sasaran", galat),
                    penanggung_jawab: l.teks(first, "penanggung_jawab", galat),
                    sub_kegiatan: Vec::new(),
                });
            }
            tata::SUB_KEGIATAN => {
                let induk = b.kode.rsplit_once('.').map_or("", |(head, _)| head);
                let current = rencana.program.last().and_then(|p| p.kegiatan.last()).map(|k| k.kode.as_str());
                if current != Some(induk) {
                    let found = match current {
                        Some(k) => format!("di bawah kegiatan {k}"),
                        None => "tidak ada baris kegiatan di atasnya".to_owned(),
                    };
                    galat.push(
                        l.galat("impor.induk", format!("kegiatan induk sub kegiatan {} tidak ada", b.kode), first, "kode")
                            .expected(format!("baris kegiatan {induk} tepat di atas sub kegiatannya"))
                            .found(found)
                            .hint(format!(
                                "tambahkan baris kegiatan {induk} (Tingkat \"kegiatan\") di atas sub kegiatan ini, atau perbaiki kodenya"
                            )),
                    );
                    continue;
                }
                let i = rencana.program.len() - 1;
                let j = rencana.program[i].kegiatan.len() - 1;
                let k = rencana.program[i].kegiatan[j].sub_kegiatan.len();
                let path = format!("$.rencana.program[{i}].kegiatan[{j}].sub_kegiatan[{k}]");
                let sub = sub_kegiatan(l, b, &path, letak, galat);
                rencana.program[i].kegiatan[j].sub_kegiatan.push(sub);
            }
            _ => {
                tidak_berindikator(l, b, galat);
                for kunci in ["pagu", "pagu_maju"] {
                    if let Some(total) = total(l, first, kunci, tata::JUMLAH, "", galat) {
                        total_pagu.push((None, kunci, total));
                    }
                }
            }
        }
    }

    // Pagu is typed only on the lowest level.
    for ((i, j), cells) in &pagu_kegiatan {
        let k = &mut rencana.program[*i].kegiatan[*j];
        if k.sub_kegiatan.is_empty() {
            continue;
        }
        for (kunci, row) in cells {
            galat.push(
                l.galat(
                    "impor.pagu_induk",
                    format!("pagu ditulis pada kegiatan {} yang memiliki sub kegiatan", k.kode),
                    *row,
                    kunci,
                )
                .expected("rumus jumlah atau sel kosong: pagu kegiatan adalah jumlah pagu sub kegiatannya")
                .found(l.sel(*row, kunci).ditemukan())
                .hint("tulis pagu pada sub kegiatannya; kosongkan sel ini atau kembalikan rumus jumlahnya"),
            );
        }
        k.pagu = None;
        k.pagu_maju = None;
    }
    // Totals are never imported, but one that disagrees with its rows means a row is missing
    // from the formula or was typed over: say so. Rows that could not be read make any sum
    // meaningless, so totals are compared only over a sheet read without error.
    let readable = galat.len() == errors_before;
    for (node, kunci, total) in total_pagu.into_iter().filter(|_| readable) {
        let Some(shown) = total.hasil else { continue };
        let pagu = |k: &plan::Kegiatan| {
            let p = crate::compute::pagu_kegiatan(k);
            if kunci == "pagu" { p.pagu } else { p.pagu_maju.unwrap_or_default() }
        };
        let (sum, what) = match node {
            Some((i, Some(j))) => {
                let k = &rencana.program[i].kegiatan[j];
                if k.sub_kegiatan.is_empty() {
                    // A formula on a kegiatan without sub-kegiatan is its own figure.
                    let value = Some(Rupiah(shown));
                    if kunci == "pagu" {
                        rencana.program[i].kegiatan[j].pagu = value
                    } else {
                        rencana.program[i].kegiatan[j].pagu_maju = value
                    }
                    continue;
                }
                (pagu(k), format!("sub kegiatan {}", k.kode))
            }
            Some((i, None)) => (
                rencana.program[i].kegiatan.iter().map(pagu).sum(),
                format!("kegiatan program {}", rencana.program[i].kode),
            ),
            None => (rencana.program.iter().flat_map(|p| &p.kegiatan).map(pagu).sum(), "semua program".to_owned()),
        };
        if sum != shown {
            galat.push(
                Diagnostic::error("impor.jumlah", format!("jumlah pada sel ini tidak sama dengan jumlah {what}"))
                    .path(total.sel)
                    .expected(format!("{} (jumlah barisnya)", crate::format::rupiah(sum)))
                    .found(crate::format::rupiah(shown))
                    .hint("rumus jumlah tidak mencakup semua barisnya atau tertimpa angka; kembalikan rumusnya (jumlah tidak diimpor, renja menghitungnya sendiri)"),
            );
        }
    }
    (rencana, kode_kegiatan)
}

/// A total cell of a program or the JUMLAH row: a formula (compared later), or empty. A typed
/// figure there is an error: such a node has no pagu of its own.
fn total(l: &Lembar, row: u32, kunci: &str, tingkat: &str, kode: &str, galat: &mut Vec<Diagnostic>) -> Option<Total> {
    match l.sel(row, kunci) {
        Sel::Rumus { hasil, .. } => Some(Total { sel: l.letak(row, kunci), hasil: hasil.and_then(desimal) }),
        sel if sel.kosong() => None,
        sel => {
            let what = if tingkat == tata::JUMLAH { "baris jumlah".to_owned() } else { format!("{tingkat} {kode}") };
            galat.push(
                l.galat("impor.pagu_induk", format!("pagu ditulis pada {what}"), row, kunci)
                    .expected("rumus jumlah atau sel kosong: pagu program adalah jumlah pagu kegiatannya")
                    .found(sel.ditemukan())
                    .hint("tulis pagu pada kegiatan (atau sub kegiatan); kosongkan sel ini atau kembalikan rumus jumlahnya"),
            );
            None
        }
    }
}

/// Node columns a level does not have, and node columns on a continuation row that differ from
/// the node's first row, are errors.
fn sel_simpul(l: &Lembar, b: &Blok, galat: &mut Vec<Diagnostic>) {
    let boleh = kolom_tingkat(&b.tingkat);
    let first = b.rows[0];
    for kunci in KOLOM_SIMPUL {
        if b.tingkat == tata::SUB_KEGIATAN && ["sumber_dana", "pagu_dana"].contains(&kunci) {
            continue;
        }
        for (n, &r) in b.rows.iter().enumerate() {
            let sel = l.sel(r, kunci);
            if sel.kosong() {
                continue;
            }
            if !boleh.contains(&kunci) {
                let label = if b.tingkat == tata::JUMLAH { "baris jumlah".to_owned() } else { b.tingkat.clone() };
                galat.push(
                    l.galat(
                        "impor.kolom_tingkat",
                        format!("kolom \"{}\" tidak berlaku untuk {label}", l.judul(kunci)),
                        r,
                        kunci,
                    )
                    .expected("sel kosong")
                    .found(sel.ditemukan())
                    .hint(format!("kolom ini diisi pada: {}", tingkat_kolom(kunci))),
                );
            } else if n > 0 && sel != l.sel(first, kunci) {
                galat.push(
                    l.galat(
                        "impor.lanjutan",
                        format!("baris lanjutan {} {} mengisi kolom simpulnya", b.tingkat, b.kode),
                        r,
                        kunci,
                    )
                    .expected(format!(
                        "sel kosong (kolom \"{}\" diisi di baris pertama simpul, {})",
                        l.judul(kunci),
                        l.letak(first, kunci)
                    ))
                    .found(sel.ditemukan())
                    .hint("pindahkan isinya ke baris pertama simpul, atau beri baris ini Tingkat dan Kode simpul lain"),
                );
            }
        }
    }
}

/// The levels a node column belongs to, for a hint.
fn tingkat_kolom(kunci: &str) -> String {
    [tata::URUSAN, tata::PROGRAM, tata::KEGIATAN, tata::SUB_KEGIATAN]
        .iter()
        .filter(|t| kolom_tingkat(t).contains(&kunci))
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Urusan and JUMLAH rows carry no indicator.
fn tidak_berindikator(l: &Lembar, b: &Blok, galat: &mut Vec<Diagnostic>) {
    for &r in &b.rows {
        for kunci in KOLOM_INDIKATOR {
            let sel = l.sel(r, kunci);
            if !sel.kosong() {
                galat.push(
                    l.galat(
                        "impor.kolom_tingkat",
                        format!("kolom \"{}\" tidak berlaku untuk {}", l.judul(kunci), b.tingkat),
                        r,
                        kunci,
                    )
                    .expected("sel kosong")
                    .found(sel.ditemukan())
                    .hint("indikator ditulis pada program, kegiatan dan sub kegiatan"),
                );
            }
        }
    }
}

/// One indicator row: its kind, row, and values.
type BarisIndikator = (String, u32, Indikator);

/// The indicator rows of a node: every row with any indicator cell filled. An empty Jenis takes
/// the level's first kind.
fn indikator_blok(l: &Lembar, b: &Blok, boleh: &[&str], galat: &mut Vec<Diagnostic>) -> Vec<BarisIndikator> {
    let mut out = Vec::new();
    for &r in &b.rows {
        if KOLOM_INDIKATOR.iter().all(|k| l.sel(r, k).kosong()) {
            continue;
        }
        let Some(jenis) = l.pilihan(r, "jenis_indikator", boleh, galat) else { continue };
        let jenis = if jenis.is_empty() { boleh[0].to_owned() } else { jenis };
        let ind = Indikator {
            uraian: l.teks(r, "indikator", galat),
            satuan: l.teks(r, "satuan", galat),
            target: l.nilai(r, "target", galat),
            target_maju: l.nilai(r, "target_maju", galat),
            target_renstra: l.nilai(r, "target_renstra", galat),
            realisasi_n2: l.nilai(r, "realisasi_n2", galat),
            prakiraan_n1: l.nilai(r, "prakiraan_n1", galat),
        };
        out.push((jenis, r, ind));
    }
    out
}

const KOLOM_INDIKATOR_JSON: [(&str, &str); 7] = [
    ("uraian", "indikator"),
    ("satuan", "satuan"),
    ("target", "target"),
    ("target_maju", "target_maju"),
    ("target_renstra", "target_renstra"),
    ("realisasi_n2", "realisasi_n2"),
    ("prakiraan_n1", "prakiraan_n1"),
];

fn catat_indikator(letak: &mut Letak, l: &Lembar, row: u32, path: &str) {
    letak.catat(path, l.letak(row, "indikator"));
    for (json, kunci) in KOLOM_INDIKATOR_JSON {
        letak.catat(&format!("{path}.{json}"), l.letak(row, kunci));
    }
}

fn catat_simpul(letak: &mut Letak, l: &Lembar, row: u32, path: &str, kolom: &[&str]) {
    letak.catat(path, l.letak(row, "kode"));
    for kunci in kolom {
        letak.catat(&format!("{path}.{kunci}"), l.letak(row, kunci));
    }
}

/// The main indicator of a program or kegiatan (its first row of the kind) and the others. The
/// main one has a required target and no SIPD columns 5–7.
#[allow(clippy::too_many_arguments)]
fn utama(
    l: &Lembar,
    b: &Blok,
    rows: Vec<BarisIndikator>,
    jenis: &str,
    path: &str,
    field: &str,
    letak: &mut Letak,
    galat: &mut Vec<Diagnostic>,
) -> (Indikator, Vec<Indikator>) {
    let mut rows = rows.into_iter();
    let Some((_, r, main)) = rows.next() else {
        galat.push(
            l.galat(
                "impor.indikator",
                format!("{} {} tanpa indikator {jenis}", b.tingkat, b.kode),
                b.rows[0],
                "indikator",
            )
            .expected(format!("baris pertama {} berjenis \"{jenis}\" dengan indikator, satuan dan target", b.tingkat))
            .found("tidak ada indikator")
            .hint("isi Indikator, Satuan dan Target di baris pertama simpul ini"),
        );
        return (
            Indikator {
                uraian: String::new(),
                satuan: String::new(),
                target: None,
                target_maju: None,
                target_renstra: None,
                realisasi_n2: None,
                prakiraan_n1: None,
            },
            Vec::new(),
        );
    };
    letak.catat(&format!("{path}.indikator"), l.letak(r, "indikator"));
    letak.catat(&format!("{path}.satuan"), l.letak(r, "satuan"));
    letak.catat(&format!("{path}.target"), l.letak(r, "target"));
    letak.catat(&format!("{path}.target_maju"), l.letak(r, "target_maju"));
    if main.target.is_none() && !l.sel(r, "target").kosong() {
        // Already reported as not a number.
    } else if main.target.is_none() {
        galat.push(
            l.galat("impor.target", format!("target indikator utama {} {} kosong", b.tingkat, b.kode), r, "target")
                .expected("target tahun n sebagai angka")
                .found("sel kosong")
                .hint("isi targetnya; indikator utama program dan kegiatan selalu bertarget"),
        );
    }
    for kunci in ["target_renstra", "realisasi_n2", "prakiraan_n1"] {
        let sel = l.sel(r, kunci);
        if !sel.kosong() {
            galat.push(
                l.galat(
                    "impor.kolom_tingkat",
                    format!("kolom \"{}\" tidak berlaku untuk indikator utama {}", l.judul(kunci), b.tingkat),
                    r,
                    kunci,
                )
                .expected("sel kosong")
                .found(sel.ditemukan())
                .hint("kolom 5–7 SIPD-RI diisi untuk indikator tambahan (baris berikutnya) dan sub kegiatan"),
            );
        }
    }
    (main, tambahan(rows.collect(), l, path, field, letak))
}

fn tambahan(rows: Vec<BarisIndikator>, l: &Lembar, path: &str, field: &str, letak: &mut Letak) -> Vec<Indikator> {
    rows.into_iter()
        .enumerate()
        .map(|(c, (_, r, ind))| {
            catat_indikator(letak, l, r, &format!("{path}.{field}[{c}]"));
            ind
        })
        .collect()
}

fn sub_kegiatan(l: &Lembar, b: &Blok, path: &str, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> SubKegiatan {
    let first = b.rows[0];
    let rows = indikator_blok(l, b, &[tata::KELUARAN], galat);
    let single = rows.len() == 1;
    let indikator: Vec<Indikator> = rows
        .into_iter()
        .enumerate()
        .map(|(c, (_, r, ind))| {
            let ipath = if single { format!("{path}.indikator") } else { format!("{path}.indikator[{c}]") };
            catat_indikator(letak, l, r, &ipath);
            ind
        })
        .collect();
    // Funding: one name, or one source per row with its amount.
    let mut dana: Vec<(u32, String, Option<Rupiah>)> = Vec::new();
    for &r in &b.rows {
        let nama = l.teks(r, "sumber_dana", galat);
        let pagu = l.rupiah(r, "pagu_dana", galat);
        if !nama.trim().is_empty() || !l.sel(r, "pagu_dana").kosong() {
            dana.push((r, nama, pagu));
        }
    }
    letak.catat(&format!("{path}.sumber_dana"), l.letak(first, "sumber_dana"));
    let sumber_dana = if dana.iter().all(|(r, _, _)| l.sel(*r, "pagu_dana").kosong()) {
        match dana.as_slice() {
            [] => SumberDana::Teks(String::new()),
            [(_, nama, _)] => SumberDana::Teks(nama.clone()),
            [_, (r, _, _), ..] => {
                galat.push(
                    l.galat(
                        "impor.dana",
                        format!("sub kegiatan {} memiliki beberapa sumber dana tanpa pagunya", b.kode),
                        *r,
                        "pagu_dana",
                    )
                    .expected("pagu setiap sumber dana (jumlahnya sama dengan pagu sub kegiatan)")
                    .found("sel kosong")
                    .hint("isi Pagu Sumber Dana di setiap baris sumber dana, atau tulis satu sumber dana saja"),
                );
                SumberDana::Teks(String::new())
            }
        }
    } else {
        let mut list = Vec::new();
        for (d, (r, nama, pagu)) in dana.into_iter().enumerate() {
            letak.catat(&format!("{path}.sumber_dana[{d}]"), l.letak(r, "sumber_dana"));
            letak.catat(&format!("{path}.sumber_dana[{d}].nama"), l.letak(r, "sumber_dana"));
            letak.catat(&format!("{path}.sumber_dana[{d}].pagu"), l.letak(r, "pagu_dana"));
            if nama.trim().is_empty() {
                galat.push(
                    l.galat("impor.dana", format!("sumber dana sub kegiatan {} tanpa nama", b.kode), r, "sumber_dana")
                        .expected("nama sumber dana, mis. DAU")
                        .found("sel kosong di samping pagunya")
                        .hint("tulis nama sumber dananya"),
                );
            }
            match pagu {
                Some(pagu) => list.push(Dana { nama, pagu }),
                None if l.sel(r, "pagu_dana").kosong() => galat.push(
                    l.galat(
                        "impor.dana",
                        format!("sumber dana {nama} sub kegiatan {} tanpa pagu", b.kode),
                        r,
                        "pagu_dana",
                    )
                    .expected("pagu sumber dana, seperti sumber dana lain sub kegiatan ini")
                    .found("sel kosong")
                    .hint("isi pagunya; bila sumber dana ditulis per baris, semuanya berpagu"),
                ),
                None => {}
            }
        }
        SumberDana::Rincian(list)
    };
    let lokasi = l.teks(first, "lokasi", galat);
    let lokasi: Vec<String> = lokasi.split('\n').filter(|x| !x.trim().is_empty()).map(str::to_owned).collect();
    catat_simpul(
        letak,
        l,
        first,
        path,
        &[
            "kode",
            "nama",
            "lokasi",
            "pagu",
            "pagu_maju",
            "kelompok_sasaran",
            "penanggung_jawab",
            "waktu_pelaksanaan",
            "catatan",
        ],
    );
    for (json, kunci) in
        [("nasional", "prioritas_nasional"), ("provinsi", "prioritas_provinsi"), ("daerah", "prioritas_daerah")]
    {
        letak.catat(&format!("{path}.prioritas.{json}"), l.letak(first, kunci));
    }
    for kunci in ["pagu", "pagu_maju"] {
        if let Sel::Rumus { rumus, .. } = l.sel(first, kunci) {
            galat.push(
                l.galat("impor.rumus", format!("pagu sub kegiatan {} berupa rumus", b.kode), first, kunci)
                    .expected("pagu sebagai angka")
                    .found(format!("rumus ={rumus}"))
                    .hint("salin lalu tempel sebagai nilai (Paste Special → Values)"),
            );
        }
    }
    SubKegiatan {
        kode: b.kode.clone(),
        nama: l.teks(first, "nama", galat),
        indikator: SatuAtauBanyak(indikator),
        lokasi: SatuAtauBanyak(lokasi),
        sumber_dana,
        kelompok_sasaran: l.teks(first, "kelompok_sasaran", galat),
        penanggung_jawab: l.teks(first, "penanggung_jawab", galat),
        waktu_pelaksanaan: l.teks(first, "waktu_pelaksanaan", galat),
        prioritas: Prioritas {
            nasional: l.teks(first, "prioritas_nasional", galat),
            provinsi: l.teks(first, "prioritas_provinsi", galat),
            daerah: l.teks(first, "prioritas_daerah", galat),
        },
        pagu: match l.sel(first, "pagu") {
            Sel::Rumus { .. } => None,
            _ => l.rupiah(first, "pagu", galat),
        },
        pagu_maju: match l.sel(first, "pagu_maju") {
            Sel::Rumus { .. } => None,
            _ => l.rupiah(first, "pagu_maju", galat),
        },
        catatan: l.teks(first, "catatan", galat),
    }
}

fn evaluasi(l: &Lembar, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> plan::Evaluasi {
    let boleh = [tata::JENIS_URUSAN, tata::URUSAN, tata::PROGRAM, tata::KEGIATAN];
    let mut jenis_urusan: Option<(u32, String)> = None;
    let mut urusan: Option<(u32, String)> = None;
    let mut program: Vec<plan::ProgramEvaluasi> = Vec::new();
    for &r in &l.baris {
        let Some(tingkat) = l.pilihan(r, "tingkat", &boleh, galat) else { continue };
        let nama = l.teks(r, "nama", galat);
        match tingkat.as_str() {
            tata::JENIS_URUSAN | tata::URUSAN => {
                let (slot, json) = if tingkat == tata::JENIS_URUSAN {
                    (&mut jenis_urusan, "$.evaluasi.jenis_urusan")
                } else {
                    (&mut urusan, "$.evaluasi.urusan")
                };
                if let Some((first, _)) = slot {
                    galat.push(
                        l.galat("impor.ganda", format!("baris {tingkat} lebih dari satu"), r, "tingkat")
                            .expected(format!("satu baris {tingkat}"))
                            .found(format!("juga di {}", l.letak(*first, "tingkat")))
                            .hint("Tabel 2.1 memuat satu jenis urusan dan satu urusan; hapus baris ini"),
                    );
                } else {
                    letak.catat(json, l.letak(r, "nama"));
                    *slot = Some((r, nama));
                }
            }
            tata::PROGRAM => {
                let path = format!("$.evaluasi.program[{}]", program.len());
                let indikator = indikator_evaluasi(l, r, &path, letak, galat);
                program.push(plan::ProgramEvaluasi { nama, indikator, kegiatan: Vec::new() });
            }
            tata::KEGIATAN => {
                let Some(p) = program.last() else {
                    galat.push(
                        l.galat("impor.induk", "kegiatan Tabel 2.1 tanpa program di atasnya", r, "tingkat")
                            .expected("baris program di atas kegiatannya")
                            .found(format!("kegiatan \"{nama}\" sebelum baris program mana pun"))
                            .hint("tambahkan baris program (Tingkat \"program\") di atasnya"),
                    );
                    continue;
                };
                let path = format!("$.evaluasi.program[{}].kegiatan[{}]", program.len() - 1, p.kegiatan.len());
                let indikator = indikator_evaluasi(l, r, &path, letak, galat);
                let p = program.last_mut().expect("checked above");
                p.kegiatan.push(plan::KegiatanEvaluasi { nama, indikator });
            }
            _ => galat.push(
                l.galat("impor.tingkat", "tingkat baris kosong", r, "tingkat")
                    .expected(format!("salah satu dari: {}", boleh.join(", ")))
                    .found("sel kosong")
                    .hint("pilih tingkat dari daftar tarik-turun"),
            ),
        }
    }
    let first_row = l.baris.first().copied().unwrap_or(tata::BARIS_DATA);
    let mut wajib = |slot: Option<(u32, String)>, tingkat: &str| match slot {
        Some((_, nama)) => nama,
        None => {
            galat.push(
                l.galat("impor.tabel_2_1", format!("baris {tingkat} Tabel 2.1 tidak ada"), first_row, "tingkat")
                    .expected(format!("satu baris bertingkat \"{tingkat}\" dengan namanya"))
                    .found("tidak ada")
                    .hint("tambahkan barisnya di atas program pertama"),
            );
            String::new()
        }
    };
    let jenis_urusan = wajib(jenis_urusan, tata::JENIS_URUSAN);
    let urusan = wajib(urusan, tata::URUSAN);
    plan::Evaluasi { jenis_urusan, urusan, program }
}

fn indikator_evaluasi(
    l: &Lembar,
    r: u32,
    path: &str,
    letak: &mut Letak,
    galat: &mut Vec<Diagnostic>,
) -> plan::IndikatorEvaluasi {
    letak.catat(path, l.letak(r, "nama"));
    letak.catat(&format!("{path}.nama"), l.letak(r, "nama"));
    letak.catat(&format!("{path}.indikator"), l.letak(r, "indikator"));
    for (json, kunci) in [
        ("uraian", "indikator"),
        ("satuan", "satuan"),
        ("kumulatif", "kumulatif"),
        ("polaritas", "polaritas"),
        ("target_renstra", "target_renstra"),
        ("realisasi_sd_n3", "realisasi_sd_n3"),
        ("target_n2", "target_n2"),
        ("realisasi_n2", "realisasi_n2"),
        ("target_n1", "target_n1"),
        ("keterangan", "keterangan"),
    ] {
        letak.catat(&format!("{path}.indikator.{json}"), l.letak(r, kunci));
    }
    let kumulatif = match l.pilihan(r, "kumulatif", &[tata::YA, tata::TIDAK], galat).as_deref() {
        Some(tata::YA) => Some(true),
        Some(tata::TIDAK) => Some(false),
        _ => None,
    };
    let polaritas = match l.pilihan(r, "polaritas", &["positif", "negatif"], galat).as_deref() {
        Some("negatif") => plan::Polaritas::Negatif,
        _ => plan::Polaritas::Positif,
    };
    let keterangan = l.teks(r, "keterangan", galat);
    plan::IndikatorEvaluasi {
        uraian: l.teks(r, "indikator", galat),
        satuan: l.teks(r, "satuan", galat),
        kumulatif,
        polaritas,
        target_renstra: l.nilai(r, "target_renstra", galat),
        realisasi_sd_n3: l.nilai(r, "realisasi_sd_n3", galat),
        target_n2: l.nilai(r, "target_n2", galat),
        realisasi_n2: l.nilai(r, "realisasi_n2", galat),
        target_n1: l.nilai(r, "target_n1", galat),
        keterangan: (!keterangan.is_empty()).then_some(keterangan),
    }
}

/// Where the last Tabel 2.2 row went, so that a continuation line joins it.
#[derive(Clone, Copy)]
enum Terakhir {
    Iku(usize),
    Program(usize),
    Kegiatan(usize, usize),
}

fn kinerja(l: &Lembar, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> plan::KinerjaPelayanan {
    let mut out = plan::KinerjaPelayanan { indikator_utama: Vec::new(), program: Vec::new() };
    let mut last: Option<Terakhir> = None;
    const ANGKA: [&str; 8] = [
        "target_n2",
        "target_n1",
        "target_n",
        "target_maju",
        "realisasi_n2",
        "realisasi_n1",
        "proyeksi_n",
        "proyeksi_maju",
    ];
    for &r in &l.baris {
        let Some(kelompok) = l.pilihan(r, "kelompok", &[tata::IKU, tata::PROGRAM, tata::KEGIATAN], galat) else {
            continue;
        };
        let indikator = l.teks(r, "indikator", galat);
        let lanjutan = kelompok.is_empty() && indikator.trim().is_empty();
        let target = if lanjutan {
            for kunci in ["spm", "ikk", "catatan"] {
                let sel = l.sel(r, kunci);
                if !sel.kosong() {
                    galat.push(
                        l.galat("impor.lanjutan", "baris nilai lanjutan mengisi kolom indikatornya", r, kunci)
                            .expected("sel kosong: baris lanjutan hanya memuat satuan dan nilai")
                            .found(sel.ditemukan())
                            .hint("tulis isinya di baris indikator di atasnya"),
                    );
                }
            }
            match last {
                Some(t) => t,
                None => {
                    galat.push(
                        l.galat("impor.lanjutan", "baris nilai lanjutan tanpa indikator di atasnya", r, "kelompok")
                            .expected("baris indikator (Kelompok dan Indikator terisi) di atasnya")
                            .found("Kelompok dan Indikator kosong di baris data pertama")
                            .hint("isi Kelompok dan Indikator baris ini"),
                    );
                    continue;
                }
            }
        } else {
            let row = plan::BarisKinerja {
                indikator,
                spm: l.teks(r, "spm", galat),
                ikk: l.teks(r, "ikk", galat),
                nilai: Vec::new(),
                catatan: l.teks(r, "catatan", galat),
                kegiatan: Vec::new(),
            };
            let t = match kelompok.as_str() {
                tata::IKU => {
                    out.indikator_utama.push(row);
                    Terakhir::Iku(out.indikator_utama.len() - 1)
                }
                tata::PROGRAM => {
                    out.program.push(row);
                    Terakhir::Program(out.program.len() - 1)
                }
                tata::KEGIATAN => match out.program.len().checked_sub(1) {
                    Some(i) => {
                        out.program[i].kegiatan.push(row);
                        Terakhir::Kegiatan(i, out.program[i].kegiatan.len() - 1)
                    }
                    None => {
                        galat.push(
                            l.galat("impor.induk", "kegiatan Tabel 2.2 tanpa program di atasnya", r, "kelompok")
                                .expected("baris program di atas kegiatannya")
                                .found(format!("kegiatan \"{}\" sebelum baris program mana pun", row.indikator))
                                .hint("tambahkan baris program (Kelompok \"program\") di atasnya"),
                        );
                        continue;
                    }
                },
                _ => {
                    galat.push(
                        l.galat("impor.tingkat", "kelompok baris kosong", r, "kelompok")
                            .expected(
                                "iku, program atau kegiatan; kosong hanya bersama Indikator kosong (baris lanjutan)",
                            )
                            .found(format!("indikator \"{}\" tanpa kelompok", row.indikator))
                            .hint("pilih kelompok dari daftar tarik-turun"),
                    );
                    continue;
                }
            };
            let path = path_kinerja(t);
            letak.catat(&path, l.letak(r, "indikator"));
            for kunci in ["indikator", "spm", "ikk", "catatan"] {
                letak.catat(&format!("{path}.{kunci}"), l.letak(r, kunci));
            }
            last = Some(t);
            t
        };
        let has_line = !l.sel(r, "satuan").kosong() || ANGKA.iter().any(|k| !l.sel(r, k).kosong());
        if !has_line {
            continue;
        }
        let v = |kunci: &str, galat: &mut Vec<Diagnostic>| l.nilai(r, kunci, galat);
        let line = plan::NilaiKinerja {
            satuan: l.teks(r, "satuan", galat),
            target: [v("target_n2", galat), v("target_n1", galat), v("target_n", galat), v("target_maju", galat)],
            realisasi: [v("realisasi_n2", galat), v("realisasi_n1", galat)],
            proyeksi: [v("proyeksi_n", galat), v("proyeksi_maju", galat)],
        };
        let row = match target {
            Terakhir::Iku(i) => &mut out.indikator_utama[i],
            Terakhir::Program(i) => &mut out.program[i],
            Terakhir::Kegiatan(i, j) => &mut out.program[i].kegiatan[j],
        };
        let lpath = format!("{}.nilai[{}]", path_kinerja(target), row.nilai.len());
        letak.catat(&lpath, l.letak(r, "satuan"));
        letak.catat(&format!("{lpath}.satuan"), l.letak(r, "satuan"));
        for (json, kunci) in [
            ("target[0]", "target_n2"),
            ("target[1]", "target_n1"),
            ("target[2]", "target_n"),
            ("target[3]", "target_maju"),
            ("realisasi[0]", "realisasi_n2"),
            ("realisasi[1]", "realisasi_n1"),
            ("proyeksi[0]", "proyeksi_n"),
            ("proyeksi[1]", "proyeksi_maju"),
        ] {
            letak.catat(&format!("{lpath}.{json}"), l.letak(r, kunci));
        }
        row.nilai.push(line);
    }
    out
}

fn path_kinerja(t: Terakhir) -> String {
    match t {
        Terakhir::Iku(i) => format!("$.kinerja_pelayanan.indikator_utama[{i}]"),
        Terakhir::Program(i) => format!("$.kinerja_pelayanan.program[{i}]"),
        Terakhir::Kegiatan(i, j) => format!("$.kinerja_pelayanan.program[{i}].kegiatan[{j}]"),
    }
}

fn tabel_2_3(
    l: &Lembar,
    rencana: &mut plan::Rencana,
    kode_kegiatan: &HashSet<String>,
    letak: &mut Letak,
    galat: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, u32> = HashMap::new();
    for &r in &l.baris {
        let kode = l.teks(r, "kode", galat).trim().to_owned();
        let found = rencana
            .program
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.kegiatan.iter().position(|k| k.kode == kode).map(|j| (i, j)));
        let Some((i, j)) = found else {
            if kode_kegiatan.contains(&kode) {
                // Refused on the sheet Rencana, and reported there.
                continue;
            }
            galat.push(
                l.galat("impor.kode_rkpd", format!("kegiatan {kode} tidak ada di lembar Rencana"), r, "kode")
                    .expected("kode kegiatan yang ada di lembar Rencana")
                    .found(if kode.is_empty() { "sel kosong".to_owned() } else { kode.clone() })
                    .hint("perbaiki kodenya, atau tambahkan kegiatan itu di lembar Rencana"),
            );
            continue;
        };
        if let Some(first) = seen.insert(kode.clone(), r) {
            galat.push(
                l.galat(
                    "impor.kode_ganda",
                    format!("kegiatan {kode} ditulis lebih dari sekali di Tabel 2.3"),
                    r,
                    "kode",
                )
                .expected("satu baris per kegiatan")
                .found(format!("{kode} juga di {}", l.letak(first, "kode")))
                .hint("gabungkan kedua baris"),
            );
            continue;
        }
        let path = format!("$.rencana.program[{i}].kegiatan[{j}]");
        for (json, kunci) in [
            ("rkpd", "rkpd_pagu"),
            ("rkpd.pagu", "rkpd_pagu"),
            ("rkpd.lokasi", "rkpd_lokasi"),
            ("rkpd.target", "rkpd_target"),
            ("hasil_analisis", "analisis_pagu"),
            ("hasil_analisis.pagu", "analisis_pagu"),
            ("hasil_analisis.lokasi", "analisis_lokasi"),
            ("hasil_analisis.target", "analisis_target"),
        ] {
            letak.catat(&format!("{path}.{json}"), l.letak(r, kunci));
        }
        let opsional = |kunci: &str, galat: &mut Vec<Diagnostic>| {
            let text = l.teks(r, kunci, galat);
            (!l.sel(r, kunci).kosong()).then_some(text)
        };
        let kegiatan = &mut rencana.program[i].kegiatan[j];
        let lokasi = opsional("rkpd_lokasi", galat);
        let target = l.nilai(r, "rkpd_target", galat);
        match l.rupiah(r, "rkpd_pagu", galat) {
            Some(pagu) => kegiatan.rkpd = Some(plan::KegiatanRkpd { pagu, lokasi, target }),
            None if l.sel(r, "rkpd_pagu").kosong() && (lokasi.is_some() || target.is_some()) => galat.push(
                l.galat("impor.rkpd", format!("pagu RKPD kegiatan {kode} kosong"), r, "rkpd_pagu")
                    .expected("pagu indikatif Rancangan Awal RKPD, karena lokasi atau target RKPD diisi")
                    .found("sel kosong")
                    .hint("isi pagunya, atau kosongkan lokasi dan target RKPD bila kegiatan ini tidak ada di RKPD"),
            ),
            None => {}
        }
        let analisis = plan::HasilAnalisis {
            lokasi: opsional("analisis_lokasi", galat),
            target: l.nilai(r, "analisis_target", galat),
            pagu: l.rupiah(r, "analisis_pagu", galat),
        };
        if analisis.lokasi.is_some() || analisis.target.is_some() || analisis.pagu.is_some() {
            kegiatan.hasil_analisis = Some(analisis);
        }
    }
}

fn usulan(l: &Lembar, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> Vec<plan::UsulanMasyarakat> {
    // The row number alone (a numbered empty form) is no usulan.
    let isi: Vec<u32> = l
        .baris
        .iter()
        .copied()
        .filter(|&r| l.kolom.iter().any(|k| k.kunci != "no" && !l.sel(r, k.kunci).kosong()))
        .collect();
    isi.iter()
        .enumerate()
        .map(|(i, &r)| {
            let path = format!("$.usulan_masyarakat[{i}]");
            letak.catat(&path, l.letak(r, "program_kegiatan"));
            for k in tata::KOLOM_USULAN {
                letak.catat(&format!("{path}.{}", k.kunci), l.letak(r, k.kunci));
            }
            plan::UsulanMasyarakat {
                program_kegiatan: l.teks(r, "program_kegiatan", galat),
                lokasi: l.teks(r, "lokasi", galat),
                indikator: l.teks(r, "indikator", galat),
                volume: l.teks(r, "volume", galat),
                catatan: l.teks(r, "catatan", galat),
            }
        })
        .collect()
}
