//! The input workbook (`renja workbook`): the plan's source tables as sheets a planner edits in
//! Excel or LibreOffice and brings back with `renja import`. One sheet per source table (the
//! plan tree, Tabel 2.1, 2.2, 2.3's RKPD side, 2.4), the facts that fix their years, a
//! "Petunjuk" sheet and the choice lists. Narrative stays in plan.json.
//!
//! Only source data is written as values; the totals of the plan tree are live formulas, which
//! the importer compares with their rows but never imports.

pub mod layout;
mod write;

use std::collections::HashMap;

use rust_decimal::Decimal;

pub use write::buku_kerja;

use crate::diagnostic::Diagnostic;
use crate::load::resolve::Pohon;
use crate::plan::Tingkat;
use crate::plan::{self, Nilai, Plan, Rupiah};
use crate::plan::{Indikator, JenisIndikator, Nomenklatur, SumberDana};
use crate::tabel::NomorTabel;
use layout::{KolomBuku, indeks};

/// What one cell of a table sheet holds.
#[derive(Debug, Clone, PartialEq)]
pub enum IsiBuku {
    Kosong,
    Teks(String),
    Angka(Decimal),
    Rupiah(Decimal),
    /// The sum of the same column in the given data rows (0-based), with its value.
    Jumlah {
        baris: Vec<usize>,
        hasil: Decimal,
    },
}

/// How a data row is set off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gaya {
    Biasa,
    /// Urusan and program rows: bold and shaded, like the printed tables.
    Kepala,
    /// The first row of a kegiatan.
    Tebal,
    Jumlah,
}

/// A table sheet: caption, columns, and data rows.
#[derive(Debug, Clone)]
pub struct Lembar {
    pub nama: &'static str,
    pub judul: String,
    pub kolom: &'static [KolomBuku],
    pub baris: Vec<(Gaya, Vec<IsiBuku>)>,
    /// Columns kept in view while scrolling right.
    pub bekukan: u16,
}

/// The facts on the sheet Identitas; empty in a blank workbook.
#[derive(Debug, Clone, Default)]
pub struct IdentitasBuku {
    pub tahun: Option<i32>,
    pub nomenklatur: Option<Nomenklatur>,
    pub renstra_awal: Option<i32>,
    pub renstra_akhir: Option<i32>,
    pub pagu_batas: Option<Decimal>,
}

/// The whole workbook as data.
#[derive(Debug, Clone)]
pub struct BukuKerja {
    pub identitas: IdentitasBuku,
    /// Whether the Permendagri 90/2019 choices (sub kegiatan, hasil) are offered.
    pub sipd: bool,
    pub lembar: Vec<Lembar>,
    /// For the document properties.
    pub perangkat_daerah: String,
    /// The printed column numbers (see [`BukuKerja::rujukan`]).
    pub cetak: HashMap<(NomorTabel, &'static str), String>,
}

impl BukuKerja {
    /// The line under a column's header: its note with the plan's years, then the printed
    /// columns it fills (`2027: T3.1 kol. 6; T4.1 kol. 9`).
    pub fn rujukan(&self, kolom: &KolomBuku) -> String {
        let mut text = kolom.catatan.to_owned();
        let years = [("{n+1}", 1), ("{n-1}", -1), ("{n-2}", -2), ("{n-3}", -3), ("{n}", 0)];
        for (mark, d) in years {
            let year =
                self.identitas.tahun.map_or_else(|| mark.trim_matches(['{', '}']).to_owned(), |t| (t + d).to_string());
            text = text.replace(mark, &year);
        }
        let akhir = self.identitas.renstra_akhir.map_or_else(|| "akhir Renstra".to_owned(), |t| t.to_string());
        text = text.replace("{akhir}", &akhir);
        let cetak: Vec<String> = kolom
            .cetak
            .iter()
            .filter_map(|key| self.cetak.get(key).map(|nomor| format!("T{} kol. {nomor}", key.0)))
            .collect();
        match (text.is_empty(), cetak.is_empty()) {
            (_, true) => text,
            (true, false) => cetak.join("; "),
            (false, false) => format!("{text}: {}", cetak.join("; ")),
        }
    }
}

/// The number of every printed column by table and key, as the table model has them for this
/// plan (Tabel 4.1 in its own layout).
fn nomor_cetak(plan: &Plan) -> HashMap<(NomorTabel, &'static str), String> {
    let computed = crate::compute::compute(plan);
    crate::tabel::semua(plan, &computed)
        .iter()
        .flat_map(|t| t.kolom.iter().map(move |k| ((t.nomor, k.kunci), k.nomor.clone())))
        .collect()
}

/// The workbook of a plan's tables, or (`kosong`) the same sheets without rows. A plan value a
/// spreadsheet cannot hold exactly is an error located by its JSON path.
pub fn susun(plan: Option<&Plan>, kosong: bool) -> Result<BukuKerja, Vec<Diagnostic>> {
    let mut galat = Vec::new();
    let identitas = plan.map_or_else(IdentitasBuku::default, |p| IdentitasBuku {
        tahun: Some(p.identitas.tahun),
        nomenklatur: p.identitas.nomenklatur,
        renstra_awal: Some(p.identitas.periode_renstra.awal),
        renstra_akhir: Some(p.identitas.periode_renstra.akhir),
        pagu_batas: if kosong { None } else { p.rencana.pagu_batas.map(|r| r.0) },
    });
    let sipd = plan.is_none_or(|p| Nomenklatur::of(p) == Nomenklatur::P90_2019);
    let isi = if kosong { None } else { plan };
    let lembar = vec![
        Lembar {
            nama: layout::RENCANA,
            judul: "Rencana: urusan, program, kegiatan dan sub kegiatan tahun n (Tabel 3.1, 4.1 dan 2.3 kanan)".into(),
            kolom: &layout::KOLOM_RENCANA,
            baris: isi.map(|p| baris_rencana(p, &mut galat)).unwrap_or_default(),
            bekukan: 3,
        },
        Lembar {
            nama: layout::EVALUASI,
            judul: "Tabel 2.1 Evaluasi pelaksanaan Renja tahun lalu dan capaian Renstra (kolom sumber)".into(),
            kolom: &layout::KOLOM_EVALUASI,
            baris: baris_evaluasi(isi, &mut galat),
            bekukan: 3,
        },
        Lembar {
            nama: layout::KINERJA,
            judul: "Tabel 2.2 Pencapaian kinerja pelayanan".into(),
            kolom: &layout::KOLOM_KINERJA,
            baris: isi.map(|p| baris_kinerja(p, &mut galat)).unwrap_or_default(),
            bekukan: 3,
        },
        Lembar {
            nama: layout::RKPD,
            judul: "Tabel 2.3 Rancangan Awal RKPD dan hasil analisis kebutuhan, per kegiatan".into(),
            kolom: &layout::KOLOM_RKPD,
            baris: isi.map(|p| baris_rkpd(p, &mut galat)).unwrap_or_default(),
            bekukan: 2,
        },
        Lembar {
            nama: layout::USULAN,
            judul: "Tabel 2.4 Usulan program dan kegiatan dari para pemangku kepentingan (tanpa baris: NIHIL)".into(),
            kolom: &layout::KOLOM_USULAN,
            baris: isi.map(baris_usulan).unwrap_or_default(),
            bekukan: 1,
        },
    ];
    if !galat.is_empty() {
        return Err(galat);
    }
    let perangkat_daerah = plan.map_or_else(String::new, |p| p.identitas.perangkat_daerah.clone());
    let cetak = match plan {
        Some(plan) => nomor_cetak(plan),
        // Without a plan, the layout of a plan of today (90/2019, the SIPD-RI Tabel 4.1).
        None => nomor_cetak(
            &crate::load::parse_str(&crate::init::skeleton(Some("90/2019")))
                .expect("renja init's skeleton is a valid plan"),
        ),
    };
    Ok(BukuKerja { identitas, sipd, lembar, perangkat_daerah, cetak })
}

/// A row of `n` empty cells.
fn kosong(n: usize) -> Vec<IsiBuku> {
    vec![IsiBuku::Kosong; n]
}

fn teks(text: &str) -> IsiBuku {
    if text.is_empty() { IsiBuku::Kosong } else { IsiBuku::Teks(text.to_owned()) }
}

/// A number as a spreadsheet stores it (an IEEE double), when that keeps it exactly.
pub fn tepat(value: Decimal) -> bool {
    value.to_string().parse::<f64>().ok().and_then(|f| Decimal::from_str_exact(&format!("{f}")).ok()) == Some(value)
}

fn tidak_tepat(path: &str, value: Decimal) -> Diagnostic {
    Diagnostic::error("buku_kerja.angka", "angka ini tidak dapat disimpan tepat di lembar kerja")
        .path(path)
        .expected("paling banyak 15 digit bermakna (angka Excel)")
        .found(value.to_string())
        .hint("bulatkan nilainya di plan.json; Excel menyimpan angka sebagai bilangan berpresisi 15 digit")
}

fn rupiah(value: Option<Rupiah>, path: &str, galat: &mut Vec<Diagnostic>) -> IsiBuku {
    match value {
        None => IsiBuku::Kosong,
        Some(r) if tepat(r.0) => IsiBuku::Rupiah(r.0),
        Some(r) => {
            galat.push(tidak_tepat(path, r.0));
            IsiBuku::Kosong
        }
    }
}

/// A value in its row's satuan. A value with its own satuan other than the row's cannot be a
/// plain number in the row (and `check` refuses it anyway).
fn angka(value: Option<&Nilai>, satuan: &str, path: &str, galat: &mut Vec<Diagnostic>) -> IsiBuku {
    let Some(value) = value else { return IsiBuku::Kosong };
    if let Some(own) = &value.satuan
        && !own.trim().eq_ignore_ascii_case(satuan.trim())
    {
        galat.push(
            Diagnostic::error("buku_kerja.satuan", "nilai bersatuan lain tidak dapat ditulis ke lembar kerja")
                .path(path)
                .expected(format!("nilai dalam satuan baris \"{satuan}\""))
                .found(format!("satuan \"{own}\""))
                .hint("konversikan nilainya ke satuan indikator di plan.json"),
        );
        return IsiBuku::Kosong;
    }
    if !tepat(value.angka) {
        galat.push(tidak_tepat(path, value.angka));
        return IsiBuku::Kosong;
    }
    IsiBuku::Angka(value.angka)
}

struct BarisBuku<'a> {
    kolom: &'a [KolomBuku],
    sel: Vec<IsiBuku>,
}

impl<'a> BarisBuku<'a> {
    fn new(kolom: &'a [KolomBuku]) -> Self {
        BarisBuku { kolom, sel: kosong(kolom.len()) }
    }

    fn set(&mut self, kunci: &str, isi: IsiBuku) {
        self.sel[indeks(self.kolom, kunci)] = isi;
    }
}

/// The indicator cells of one row of the sheet Rencana: the `posisi`-th indicator of the node at
/// `node` on level `tingkat`.
fn isi_indikator(
    row: &mut BarisBuku,
    tingkat: Tingkat,
    ind: &Indikator,
    node: &str,
    posisi: usize,
    galat: &mut Vec<Diagnostic>,
) {
    let jenis = match ind.jenis(tingkat) {
        JenisIndikator::Capaian => layout::CAPAIAN,
        JenisIndikator::Keluaran => layout::KELUARAN,
        JenisIndikator::Hasil => layout::HASIL,
    };
    row.set("jenis_indikator", teks(jenis));
    row.set("indikator", teks(&ind.uraian));
    row.set("satuan", teks(&ind.satuan));
    for (kunci, value) in [
        ("target", &ind.target),
        ("target_maju", &ind.target_maju),
        ("target_renstra", &ind.target_renstra),
        ("realisasi_n2", &ind.realisasi_n2),
        ("prakiraan_n1", &ind.prakiraan_n1),
    ] {
        row.set(kunci, angka(value.as_ref(), &ind.satuan, &ind.jalur(node, posisi, kunci), galat));
    }
}

/// A node's rows (at least one per indicator, `lain` more where another list is longer), each
/// indicator on its own row.
fn node_rows(
    label: &str,
    tingkat: Tingkat,
    kode: &str,
    indikator: &[Indikator],
    lain: usize,
    path: &str,
    galat: &mut Vec<Diagnostic>,
) -> Vec<BarisBuku<'static>> {
    let mut rows = node(label, kode, indikator.len().max(lain));
    for (c, ind) in indikator.iter().enumerate() {
        isi_indikator(&mut rows[c], tingkat, ind, path, c, galat);
    }
    rows
}

/// The rows of one node: its first row carries the node's own columns, every row its kode.
fn node(tingkat: &str, kode: &str, count: usize) -> Vec<BarisBuku<'static>> {
    (0..count.max(1))
        .map(|_| {
            let mut row = BarisBuku::new(&layout::KOLOM_RENCANA);
            row.set("tingkat", IsiBuku::Teks(tingkat.to_owned()));
            row.set("kode", IsiBuku::Teks(kode.to_owned()));
            row
        })
        .collect()
}

fn baris_rencana(plan: &Plan, galat: &mut Vec<Diagnostic>) -> Vec<(Gaya, Vec<IsiBuku>)> {
    let mut out: Vec<(Gaya, Vec<IsiBuku>)> = Vec::new();
    let pagu_col = indeks(&layout::KOLOM_RENCANA, "pagu");
    let maju_col = indeks(&layout::KOLOM_RENCANA, "pagu_maju");
    for u in &plan.rencana.urusan {
        let mut rows = node(layout::URUSAN, &u.kode, 1);
        rows[0].set("nama", teks(&u.nama));
        out.extend(rows.into_iter().map(|r| (Gaya::Kepala, r.sel)));
    }
    // The first rows of the programs, for the JUMLAH row.
    let mut program_rows = Vec::new();
    for (i, p) in plan.rencana.program.iter().enumerate() {
        let path = format!("$.rencana.program[{i}]");
        let mut rows = node_rows(layout::PROGRAM, Tingkat::Program, &p.kode, &p.indikator, 1, &path, galat);
        let first = &mut rows[0];
        first.set("nama", teks(&p.nama));
        first.set("lokasi", teks(&p.lokasi));
        first.set("sumber_dana", teks(&p.sumber_dana));
        first.set("catatan", teks(&p.catatan));
        let at = out.len();
        program_rows.push(at);
        out.extend(rows.into_iter().map(|r| (Gaya::Kepala, r.sel)));
        let mut kegiatan_rows = Vec::new();
        for (j, k) in p.kegiatan.iter().enumerate() {
            let kpath = format!("{path}.kegiatan[{j}]");
            kegiatan_rows.push(out.len());
            let k_at = out.len();
            let mut rows = node_rows(layout::KEGIATAN, Tingkat::Kegiatan, &k.kode, &k.indikator, 1, &kpath, galat);
            let first = &mut rows[0];
            first.set("nama", teks(&k.nama));
            first.set("lokasi", teks(&k.lokasi));
            first.set("sumber_dana", teks(&k.sumber_dana));
            first.set("catatan", teks(&k.catatan));
            first.set("kelompok_sasaran", teks(&k.kelompok_sasaran));
            first.set("penanggung_jawab", teks(&k.penanggung_jawab));
            if k.sub_kegiatan.is_empty() {
                first.set("pagu", rupiah(k.pagu, &format!("{kpath}.pagu"), galat));
                first.set("pagu_maju", rupiah(k.pagu_maju, &format!("{kpath}.pagu_maju"), galat));
            }
            out.extend(rows.into_iter().map(|r| (Gaya::Tebal, r.sel)));
            let mut sub_rows = Vec::new();
            for (l, s) in k.sub_kegiatan.iter().enumerate() {
                let spath = format!("{kpath}.sub_kegiatan[{l}]");
                sub_rows.push(out.len());
                let dana: &[crate::plan::Dana] = match &s.sumber_dana {
                    SumberDana::Rincian(list) => list,
                    SumberDana::Teks(_) => &[],
                };
                let mut rows = node_rows(
                    layout::SUB_KEGIATAN,
                    Tingkat::SubKegiatan,
                    &s.kode,
                    &s.indikator,
                    dana.len(),
                    &spath,
                    galat,
                );
                let first = &mut rows[0];
                first.set("nama", teks(&s.nama));
                first.set("lokasi", teks(&s.lokasi.0.join("\n")));
                if let SumberDana::Teks(t) = &s.sumber_dana {
                    first.set("sumber_dana", teks(t));
                }
                first.set("pagu", rupiah(s.pagu, &format!("{spath}.pagu"), galat));
                first.set("pagu_maju", rupiah(s.pagu_maju, &format!("{spath}.pagu_maju"), galat));
                first.set("prioritas_nasional", teks(&s.prioritas.nasional));
                first.set("prioritas_provinsi", teks(&s.prioritas.provinsi));
                first.set("prioritas_daerah", teks(&s.prioritas.daerah));
                first.set("kelompok_sasaran", teks(&s.kelompok_sasaran));
                first.set("penanggung_jawab", teks(&s.penanggung_jawab));
                first.set("waktu_pelaksanaan", teks(&s.waktu_pelaksanaan));
                first.set("catatan", teks(&s.catatan));
                for (d, dana) in dana.iter().enumerate() {
                    rows[d].set("sumber_dana", teks(&dana.nama));
                    rows[d].set("pagu_dana", rupiah(Some(dana.pagu), &format!("{spath}.sumber_dana[{d}].pagu"), galat));
                }
                out.extend(rows.into_iter().map(|r| (Gaya::Biasa, r.sel)));
            }
            if !sub_rows.is_empty() {
                out[k_at].1[pagu_col] = jumlah(&out, &sub_rows, pagu_col);
                out[k_at].1[maju_col] = jumlah(&out, &sub_rows, maju_col);
            }
        }
        out[at].1[pagu_col] = jumlah(&out, &kegiatan_rows, pagu_col);
        out[at].1[maju_col] = jumlah(&out, &kegiatan_rows, maju_col);
    }
    if !program_rows.is_empty() {
        let mut row = BarisBuku::new(&layout::KOLOM_RENCANA);
        row.set("tingkat", IsiBuku::Teks(layout::JUMLAH.to_owned()));
        row.set("nama", IsiBuku::Teks("JUMLAH".to_owned()));
        let mut sel = row.sel;
        sel[pagu_col] = jumlah(&out, &program_rows, pagu_col);
        sel[maju_col] = jumlah(&out, &program_rows, maju_col);
        out.push((Gaya::Jumlah, sel));
    }
    out
}

/// The total of a column over some rows, as a live formula with its value.
fn jumlah(out: &[(Gaya, Vec<IsiBuku>)], rows: &[usize], col: usize) -> IsiBuku {
    let hasil = rows
        .iter()
        .map(|&r| match &out[r].1[col] {
            IsiBuku::Rupiah(v) | IsiBuku::Angka(v) | IsiBuku::Jumlah { hasil: v, .. } => *v,
            _ => Decimal::ZERO,
        })
        .sum();
    IsiBuku::Jumlah { baris: rows.to_vec(), hasil }
}

fn baris_evaluasi(plan: Option<&Plan>, galat: &mut Vec<Diagnostic>) -> Vec<(Gaya, Vec<IsiBuku>)> {
    let kolom = &layout::KOLOM_EVALUASI;
    let jenis_urusan = plan.map_or("", |p| p.evaluasi.jenis_urusan.as_str());
    // One row per urusan line; a blank workbook has one of each to fill.
    let urusan: Vec<&str> = match plan {
        Some(p) if !p.evaluasi.urusan.is_empty() => p.evaluasi.urusan.iter().map(String::as_str).collect(),
        _ => vec![""],
    };
    let mut out = Vec::new();
    let kepala =
        std::iter::once((layout::JENIS_URUSAN, jenis_urusan)).chain(urusan.into_iter().map(|u| (layout::URUSAN, u)));
    for (tingkat, nama) in kepala {
        let mut row = BarisBuku::new(kolom);
        row.set("tingkat", IsiBuku::Teks(tingkat.to_owned()));
        row.set("nama", teks(nama));
        out.push((Gaya::Kepala, row.sel));
    }
    let Some(plan) = plan else { return out };
    let simpul = Pohon::of(plan);
    let indikator = |tingkat: &str,
                     kode: Option<&str>,
                     nama: &str,
                     ind: &plan::IndikatorEvaluasi,
                     path: &str,
                     galat: &mut Vec<Diagnostic>| {
        let mut row = BarisBuku::new(kolom);
        row.set("tingkat", IsiBuku::Teks(tingkat.to_owned()));
        // What the row's kode gives is left to it, so that the name follows the plan tree.
        let node = kode.and_then(|k| simpul.cari(tingkat_rujukan(tingkat), k));
        let sendiri = |own: &str, given: Option<&str>| if given == Some(own) { IsiBuku::Kosong } else { teks(own) };
        row.set("kode", kode.map_or(IsiBuku::Kosong, |k| IsiBuku::Teks(k.to_owned())));
        row.set("nama", sendiri(nama, node.map(|n| n.nama.as_str())));
        row.set("indikator", sendiri(&ind.uraian, node.map(|n| n.indikator.as_str())));
        row.set("satuan", sendiri(&ind.satuan, node.map(|n| n.satuan.as_str())));
        row.set(
            "kumulatif",
            match ind.kumulatif {
                None => IsiBuku::Kosong,
                Some(true) => IsiBuku::Teks(layout::YA.to_owned()),
                Some(false) => IsiBuku::Teks(layout::TIDAK.to_owned()),
            },
        );
        row.set(
            "polaritas",
            IsiBuku::Teks(if ind.polaritas == plan::Polaritas::Negatif { "negatif" } else { "positif" }.to_owned()),
        );
        for (kunci, value) in [
            ("target_renstra", &ind.target_renstra),
            ("realisasi_sd_n3", &ind.realisasi_sd_n3),
            ("target_n2", &ind.target_n2),
            ("realisasi_n2", &ind.realisasi_n2),
            ("target_n1", &ind.target_n1),
        ] {
            row.set(kunci, angka(value.as_ref(), &ind.satuan, &format!("{path}.indikator.{kunci}"), galat));
        }
        row.set("keterangan", teks(ind.keterangan.as_deref().unwrap_or("")));
        row.sel
    };
    for (i, p) in plan.evaluasi.program.iter().enumerate() {
        let path = format!("$.evaluasi.program[{i}]");
        out.push((Gaya::Kepala, indikator(layout::PROGRAM, p.kode.as_deref(), &p.nama, &p.indikator, &path, galat)));
        for (j, k) in p.kegiatan.iter().enumerate() {
            let kpath = format!("{path}.kegiatan[{j}]");
            out.push((
                Gaya::Biasa,
                indikator(layout::KEGIATAN, k.kode.as_deref(), &k.nama, &k.indikator, &kpath, galat),
            ));
            for (l, s) in k.sub_kegiatan.iter().enumerate() {
                let spath = format!("{kpath}.sub_kegiatan[{l}]");
                out.push((
                    Gaya::Biasa,
                    indikator(layout::SUB_KEGIATAN, s.kode.as_deref(), &s.nama, &s.indikator, &spath, galat),
                ));
            }
        }
    }
    out
}

/// The level of `crate::rujukan` a row of this tingkat names (an IKU row names a program).
fn tingkat_rujukan(tingkat: &str) -> Tingkat {
    match tingkat {
        layout::KEGIATAN => Tingkat::Kegiatan,
        layout::SUB_KEGIATAN => Tingkat::SubKegiatan,
        _ => Tingkat::Program,
    }
}

fn baris_kinerja(plan: &Plan, galat: &mut Vec<Diagnostic>) -> Vec<(Gaya, Vec<IsiBuku>)> {
    let kolom = &layout::KOLOM_KINERJA;
    let simpul = Pohon::of(plan);
    let mut out = Vec::new();
    let mut push =
        |kelompok: &str, row: &plan::BarisKinerja, path: &str, gaya: Gaya, out: &mut Vec<(Gaya, Vec<IsiBuku>)>| {
            let lines = row.nilai.len().max(1);
            // An indicator the row's kode gives is left to it.
            let node = row.kode.as_deref().and_then(|k| simpul.cari(tingkat_rujukan(kelompok), k));
            let indikator =
                if node.is_some_and(|n| n.indikator == row.indikator) { IsiBuku::Kosong } else { teks(&row.indikator) };
            for l in 0..lines {
                let mut b = BarisBuku::new(kolom);
                if l == 0 {
                    b.set("kelompok", IsiBuku::Teks(kelompok.to_owned()));
                    b.set("kode", row.kode.as_deref().map_or(IsiBuku::Kosong, |k| IsiBuku::Teks(k.to_owned())));
                    b.set("indikator", indikator.clone());
                    b.set("spm", teks(&row.spm));
                    b.set("ikk", teks(&row.ikk));
                    b.set("catatan", teks(&row.catatan));
                }
                if let Some(line) = row.nilai.get(l) {
                    let lpath = format!("{path}.nilai[{l}]");
                    b.set("satuan", teks(&line.satuan));
                    let values = [
                        ("target_n2", line.target[0].as_ref(), "target[0]"),
                        ("target_n1", line.target[1].as_ref(), "target[1]"),
                        ("target_n", line.target[2].as_ref(), "target[2]"),
                        ("target_maju", line.target[3].as_ref(), "target[3]"),
                        ("realisasi_n2", line.realisasi[0].as_ref(), "realisasi[0]"),
                        ("realisasi_n1", line.realisasi[1].as_ref(), "realisasi[1]"),
                        ("proyeksi_n", line.proyeksi[0].as_ref(), "proyeksi[0]"),
                        ("proyeksi_maju", line.proyeksi[1].as_ref(), "proyeksi[1]"),
                    ];
                    for (kunci, value, field) in values {
                        b.set(kunci, angka(value, &line.satuan, &format!("{lpath}.{field}"), galat));
                    }
                }
                out.push((gaya, b.sel));
            }
        };
    let kp = &plan.kinerja_pelayanan;
    for (i, row) in kp.indikator_utama.iter().enumerate() {
        push(layout::IKU, row, &format!("$.kinerja_pelayanan.indikator_utama[{i}]"), Gaya::Biasa, &mut out);
    }
    for (i, p) in kp.program.iter().enumerate() {
        let path = format!("$.kinerja_pelayanan.program[{i}]");
        push(layout::PROGRAM, p, &path, Gaya::Kepala, &mut out);
        for (j, k) in p.kegiatan.iter().enumerate() {
            push(layout::KEGIATAN, k, &format!("{path}.kegiatan[{j}]"), Gaya::Biasa, &mut out);
        }
    }
    out
}

fn baris_rkpd(plan: &Plan, galat: &mut Vec<Diagnostic>) -> Vec<(Gaya, Vec<IsiBuku>)> {
    let kolom = &layout::KOLOM_RKPD;
    let mut out = Vec::new();
    for (i, p) in plan.rencana.program.iter().enumerate() {
        for (j, k) in p.kegiatan.iter().enumerate() {
            let path = format!("$.rencana.program[{i}].kegiatan[{j}]");
            let mut row = BarisBuku::new(kolom);
            row.set("kode", IsiBuku::Teks(k.kode.clone()));
            row.set("nama", teks(&k.nama));
            if let Some(r) = &k.rkpd {
                row.set("rkpd_lokasi", r.lokasi.as_deref().map_or(IsiBuku::Kosong, |l| IsiBuku::Teks(l.to_owned())));
                row.set(
                    "rkpd_target",
                    angka(r.target.as_ref(), &k.indikator_utama().satuan, &format!("{path}.rkpd.target"), galat),
                );
                row.set("rkpd_pagu", rupiah(Some(r.pagu), &format!("{path}.rkpd.pagu"), galat));
            }
            if let Some(h) = &k.hasil_analisis {
                row.set(
                    "analisis_lokasi",
                    h.lokasi.as_deref().map_or(IsiBuku::Kosong, |l| IsiBuku::Teks(l.to_owned())),
                );
                row.set(
                    "analisis_target",
                    angka(
                        h.target.as_ref(),
                        &k.indikator_utama().satuan,
                        &format!("{path}.hasil_analisis.target"),
                        galat,
                    ),
                );
                row.set("analisis_pagu", rupiah(h.pagu, &format!("{path}.hasil_analisis.pagu"), galat));
            }
            out.push((Gaya::Biasa, row.sel));
        }
    }
    out
}

fn baris_usulan(plan: &Plan) -> Vec<(Gaya, Vec<IsiBuku>)> {
    plan.usulan_masyarakat
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let mut row = BarisBuku::new(&layout::KOLOM_USULAN);
            row.set("no", IsiBuku::Teks((i + 1).to_string()));
            row.set("program_kegiatan", teks(&u.program_kegiatan));
            row.set("lokasi", teks(&u.lokasi));
            row.set("indikator", teks(&u.indikator));
            row.set("volume", teks(&u.volume));
            row.set("catatan", teks(&u.catatan));
            (Gaya::Biasa, row.sel)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_numbers_a_double_keeps_are_written_as_numbers() {
        assert!(tepat(Decimal::from(1_073_384_000_i64)));
        assert!(tepat("80.5".parse().unwrap()));
        assert!(tepat("0.1".parse().unwrap()));
        assert!(tepat("999999999999999".parse().unwrap()));
        assert!(!tepat("12345678901234567890".parse().unwrap()));
        assert!(!tepat("0.12345678901234567890".parse().unwrap()));
    }
}
