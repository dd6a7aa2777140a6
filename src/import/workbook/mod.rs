//! Reading the input workbook that `renja workbook` writes (layout: [`crate::workbook::layout`]).
//! Every problem of every sheet is gathered, located as `Sheet!C12`; nothing is guessed.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

mod tables;
mod tree;

use super::{IdentitasBacaan, Letak, TabelImpor};
use crate::diagnostic::Diagnostic;
use crate::plan::Nomenklatur;
use crate::plan::{self, Nilai, Rupiah};
use crate::workbook::layout::{self, Jenis, KolomBuku};

/// What the workbook holds.
#[derive(Debug)]
pub struct BacaanBuku {
    pub tabel: TabelImpor,
    pub identitas: IdentitasBacaan,
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
            names.iter().any(|n| n == layout::PETUNJUK) && names.iter().any(|n| n == layout::RENCANA)
        })
}

/// One cell as read: its typed value or its formula with the value last computed.
#[derive(Debug, Clone, PartialEq)]
enum SelBacaan {
    Kosong,
    Teks(String),
    Angka(f64),
    Rumus { rumus: String, hasil: Option<f64> },
    Lain(String),
}

impl SelBacaan {
    fn kosong(&self) -> bool {
        match self {
            SelBacaan::Kosong => true,
            SelBacaan::Teks(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    fn ditemukan(&self) -> String {
        match self {
            SelBacaan::Kosong => "sel kosong".into(),
            SelBacaan::Teks(t) => format!("teks \"{t}\""),
            SelBacaan::Angka(f) => format!("angka {f}"),
            SelBacaan::Rumus { rumus, .. } => format!("rumus ={rumus}"),
            SelBacaan::Lain(what) => what.clone(),
        }
    }
}

/// An exact decimal of a double as a spreadsheet stores it: its shortest round-trip text.
fn desimal(f: f64) -> Option<Decimal> {
    Decimal::from_str_exact(&format!("{f}")).ok()
}

/// A table sheet with its columns found.
struct LembarBacaan {
    nama: &'static str,
    kolom: &'static [KolomBuku],
    data: Range<Data>,
    rumus: Range<String>,
    /// The sheet column of each layout column.
    posisi: Vec<usize>,
    /// Data rows (0-based sheet rows) that hold anything.
    baris: Vec<u32>,
}

impl LembarBacaan {
    fn sel(&self, row: u32, kunci: &str) -> SelBacaan {
        let col = self.posisi[layout::indeks(self.kolom, kunci)];
        baca_sel(&self.data, &self.rumus, row, col)
    }

    fn letak(&self, row: u32, kunci: &str) -> String {
        layout::sel(self.nama, row, self.posisi[layout::indeks(self.kolom, kunci)])
    }

    fn judul(&self, kunci: &str) -> &'static str {
        self.kolom[layout::indeks(self.kolom, kunci)].judul
    }

    fn galat(&self, code: &'static str, pesan: impl Into<String>, row: u32, kunci: &str) -> Diagnostic {
        Diagnostic::error(code, pesan).path(self.letak(row, kunci))
    }

    /// Text; a number typed in a text column is taken as written (its shortest form).
    fn teks(&self, row: u32, kunci: &str, galat: &mut Vec<Diagnostic>) -> String {
        match self.sel(row, kunci) {
            SelBacaan::Kosong => String::new(),
            SelBacaan::Teks(t) => t,
            SelBacaan::Angka(f) | SelBacaan::Rumus { hasil: Some(f), .. } if self.jenis(kunci) != Jenis::Kode => {
                format!("{f}")
            }
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
        self.kolom[layout::indeks(self.kolom, kunci)].jenis
    }

    /// A number, or None for an empty cell. A formula counts by the value it last computed.
    fn angka(&self, row: u32, kunci: &str, galat: &mut Vec<Diagnostic>) -> Option<Decimal> {
        let sel = self.sel(row, kunci);
        if sel.kosong() {
            return None;
        }
        let rupiah = self.jenis(kunci) == Jenis::Rupiah;
        let f = match &sel {
            SelBacaan::Angka(f) | SelBacaan::Rumus { hasil: Some(f), .. } => Some(*f),
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

fn baca_sel(data: &Range<Data>, rumus: &Range<String>, row: u32, col: usize) -> SelBacaan {
    let pos = (row, col as u32);
    let value = data.get_value(pos);
    if let Some(formula) = rumus.get_value(pos).filter(|f| !f.is_empty()) {
        let hasil = match value {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        };
        return SelBacaan::Rumus { rumus: formula.clone(), hasil };
    }
    match value {
        None | Some(Data::Empty) => SelBacaan::Kosong,
        Some(Data::String(s)) => SelBacaan::Teks(s.replace("\r\n", "\n")),
        Some(Data::Float(f)) => SelBacaan::Angka(*f),
        Some(Data::Int(i)) => SelBacaan::Angka(*i as f64),
        Some(Data::Bool(b)) => SelBacaan::Lain(format!("nilai logika {}", if *b { "TRUE" } else { "FALSE" })),
        Some(Data::DateTime(_) | Data::DateTimeIso(_)) => SelBacaan::Lain("tanggal".into()),
        Some(Data::DurationIso(_)) => SelBacaan::Lain("durasi".into()),
        Some(Data::Error(e)) => SelBacaan::Lain(format!("galat Excel {e}")),
    }
}

/// Finds a table sheet's header row and columns. The header is the row (among the first 20)
/// whose cell reads the first column's title; every title is then looked up in that row.
fn lembar(buku: &mut Buku, nama: &'static str, galat: &mut Vec<Diagnostic>) -> Option<LembarBacaan> {
    let kolom = layout::kolom(nama);
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
    let mut lembar = LembarBacaan { nama, kolom, data, rumus, posisi, baris: Vec::new() };
    let mut start = header + 1;
    // The row of printed-column notes under the header is not data.
    if matches!(lembar.sel(start, kolom[0].kunci), SelBacaan::Teks(t) if t == kolom[0].catatan) {
        start += 1;
    }
    lembar.baris = (start..=end).filter(|&r| !lembar.kosong(r)).collect();
    Some(lembar)
}

fn judul_daftar(kolom: &[KolomBuku]) -> String {
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
pub fn baca(bytes: &[u8]) -> Result<BacaanBuku, Vec<Diagnostic>> {
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
    let rencana = lembar(&mut buku, layout::RENCANA, &mut galat).map(|l| tree::rencana(&l, &mut letak, &mut galat));
    // Every kegiatan kode the sheet Rencana names, read or not: Tabel 2.3 is checked against
    // it, so that a kegiatan refused there is not reported again.
    let kode_kegiatan = rencana.as_ref().map(|(_, kode)| kode.clone());
    let rencana = rencana.map(|(r, _)| r);
    let evaluasi =
        lembar(&mut buku, layout::EVALUASI, &mut galat).map(|l| tables::evaluasi(&l, &mut letak, &mut galat));
    let kinerja = lembar(&mut buku, layout::KINERJA, &mut galat).map(|l| tables::kinerja(&l, &mut letak, &mut galat));
    let rkpd = lembar(&mut buku, layout::RKPD, &mut galat);
    let usulan = lembar(&mut buku, layout::USULAN, &mut galat).map(|l| tables::usulan(&l, &mut letak, &mut galat));
    let mut rencana = rencana.unwrap_or(plan::Rencana { urusan: Vec::new(), program: Vec::new(), pagu_batas: None });
    if let (Some(rkpd), Some(kode_kegiatan)) = (rkpd, kode_kegiatan) {
        tables::tabel_2_3(&rkpd, &mut rencana, &kode_kegiatan, &mut letak, &mut galat);
    }
    rencana.pagu_batas = identitas.pagu_batas.map(Rupiah);
    if !galat.is_empty() {
        return Err(galat);
    }
    Ok(BacaanBuku {
        tabel: TabelImpor { rencana, evaluasi, kinerja_pelayanan: kinerja, usulan_masyarakat: usulan },
        identitas,
        letak,
    })
}

fn baca_identitas(buku: &mut Buku, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> IdentitasBacaan {
    let mut out = IdentitasBacaan::default();
    let Some((data, rumus)) = isi_lembar(buku, layout::IDENTITAS, galat) else { return out };
    let end = data.end().map_or(0, |(r, _)| r);
    let find = |label: &str| {
        (0..=end)
            .find(|&r| matches!(data.get_value((r, 0)), Some(Data::String(s)) if s.trim().eq_ignore_ascii_case(label)))
    };
    let mut cells = HashMap::new();
    for label in layout::ISIAN_IDENTITAS {
        match find(label) {
            Some(r) => {
                cells.insert(label, r);
            }
            None => galat.push(
                Diagnostic::error("impor.identitas", format!("baris \"{label}\" tidak ada di lembar Identitas"))
                    .path(format!("{}!A1", layout::IDENTITAS))
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
            SelBacaan::Angka(f) | SelBacaan::Rumus { hasil: Some(f), .. } => desimal(f),
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
                    .path(layout::sel(layout::IDENTITAS, r, 1))
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
                    .path(layout::sel(layout::IDENTITAS, cells[label], 1))
                    .expected("tahun empat angka, mis. 2027")
                    .found(value.to_string())
                    .hint("ketik tahunnya saja"),
            );
        }
        year
    };
    out.tahun = year(layout::ISIAN_TAHUN, galat);
    out.renstra_awal = year(layout::ISIAN_RENSTRA_AWAL, galat);
    out.renstra_akhir = year(layout::ISIAN_RENSTRA_AKHIR, galat);
    out.pagu_batas = number(layout::ISIAN_PAGU_BATAS, galat, false);
    if let Some(&r) = cells.get(layout::ISIAN_NOMENKLATUR) {
        match baca_sel(&data, &rumus, r, 1) {
            sel if sel.kosong() => {}
            SelBacaan::Teks(t) if t.trim() == "86/2017" => out.nomenklatur = Some(Nomenklatur::P86_2017),
            SelBacaan::Teks(t) if t.trim() == "90/2019" => out.nomenklatur = Some(Nomenklatur::P90_2019),
            sel => galat.push(
                Diagnostic::error("impor.pilihan", "nomenklatur tidak dikenal")
                    .path(layout::sel(layout::IDENTITAS, r, 1))
                    .expected("86/2017 atau 90/2019 (sebagai teks), atau kosong")
                    .found(sel.ditemukan())
                    .hint("pilih dari daftar tarik-turun sel itu"),
            ),
        }
    }
    for (label, json) in [
        (layout::ISIAN_TAHUN, "$.identitas.tahun"),
        (layout::ISIAN_NOMENKLATUR, "$.identitas.nomenklatur"),
        (layout::ISIAN_RENSTRA_AWAL, "$.identitas.periode_renstra.awal"),
        (layout::ISIAN_RENSTRA_AKHIR, "$.identitas.periode_renstra.akhir"),
        (layout::ISIAN_PAGU_BATAS, "$.rencana.pagu_batas"),
    ] {
        if let Some(&r) = cells.get(label) {
            letak.catat(json, layout::sel(layout::IDENTITAS, r, 1));
        }
    }
    out.sel = cells.into_iter().map(|(label, r)| (label, layout::sel(layout::IDENTITAS, r, 1))).collect();
    out
}
