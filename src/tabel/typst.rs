//! The projection of a [`Tabel`] that the PDF receives: every cell already printed, spanned
//! and aligned, so that `templates/renja.typ` draws every table with one generic function
//! (`tabel`) and never looks a column up by position.

use serde::Serialize;

use super::{Baris, Isi, JenisBaris, Lebar, Rata, Sel, Tabel, cetak};

#[derive(Debug, Serialize)]
pub struct TabelTypst {
    pub nomor: &'static str,
    pub judul: Vec<String>,
    /// On a landscape page of its own.
    pub datar: bool,
    /// Text size in points ([`super::ukuran_teks`] of the printed columns).
    pub ukuran_pt: f64,
    pub kolom: Vec<LebarTypst>,
    /// Header cells in flow order (row by row, each in the first free position).
    pub kepala: Vec<KepalaTypst>,
    /// The column-number row under the header ("1", …, "8 = (7/6)", …).
    pub nomor_kolom: Vec<String>,
    pub baris: Vec<BarisTypst>,
    /// Notes printed under the table.
    pub catatan: Vec<String>,
}

/// `(cm: 0.8)` or `(fr: 3.6)` in Typst.
#[derive(Debug, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LebarTypst {
    Cm(f64),
    Fr(f64),
}

#[derive(Debug, Serialize)]
pub struct KepalaTypst {
    pub teks: String,
    pub tinggi: usize,
    pub lebar: usize,
}

#[derive(Debug, Serialize)]
pub struct BarisTypst {
    /// "kelompok", "urusan", "program", "kegiatan", "sub_kegiatan", "jumlah" or "nihil": decides weight, fill
    /// and padding in Typst.
    pub jenis: &'static str,
    pub sel: Vec<SelTypst>,
}

#[derive(Debug, Serialize)]
pub struct SelTypst {
    /// The printed text; lines of a multi-line cell are separated by "\n".
    pub teks: String,
    /// "kiri-atas", "tengah-atas" or "kanan-atas".
    pub rata: &'static str,
    /// Columns spanned.
    pub lebar: usize,
}

const KIRI: &str = "kiri-atas";
const TENGAH: &str = "tengah-atas";

/// How a column's cells stand: from the top, figures like text, so a row reads on one line.
fn rata(rata: Rata) -> &'static str {
    match rata {
        Rata::Kiri => KIRI,
        Rata::Tengah => TENGAH,
        Rata::Kanan => "kanan-atas",
    }
}

impl TabelTypst {
    pub fn of(tabel: &Tabel) -> TabelTypst {
        // The columns the PDF prints, in order (an export-only column is left out).
        let tampil: Vec<usize> = (0..tabel.kolom.len()).filter(|&c| tabel.kolom[c].di_pdf).collect();
        TabelTypst {
            nomor: tabel.nomor.as_str(),
            judul: tabel.judul.clone(),
            datar: tabel.datar,
            ukuran_pt: super::ukuran_teks(tampil.len()),
            kolom: tampil
                .iter()
                .map(|&c| match tabel.kolom[c].lebar_pdf {
                    Lebar::Cm(v) => LebarTypst::Cm(v),
                    Lebar::Fr(v) => LebarTypst::Fr(v),
                })
                .collect(),
            kepala: tabel
                .kepala
                .iter()
                .filter_map(|k| {
                    let lebar = (k.kolom..k.kolom + k.lebar).filter(|c| tampil.contains(c)).count();
                    (lebar > 0).then(|| KepalaTypst { teks: k.teks.clone(), tinggi: k.tinggi, lebar })
                })
                .collect(),
            nomor_kolom: tampil.iter().map(|&c| tabel.kolom[c].nomor.clone()).collect(),
            baris: tabel.kelompok_baris().into_iter().map(|rows| baris(tabel, &tampil, &tabel.baris[rows])).collect(),
            catatan: tabel.catatan.clone(),
        }
    }
}

/// A cell as the PDF prints it: a figure and its unit ("1.325 Surat") joined by a no-break
/// space, so that a line never ends between them.
fn pdf(sel: &Sel, satuan: Option<&str>, desimal: u32) -> String {
    let teks = cetak::sel(sel, satuan, desimal);
    match sel.isi {
        // A printed number holds no space: the first one starts the unit.
        Isi::Angka(_) => teks.replacen(' ', "\u{a0}", 1),
        _ => teks.into_owned(),
    }
}

/// One printed row from a row and its continuation lines, over the printed columns `tampil`.
fn baris(tabel: &Tabel, tampil: &[usize], lines: &[Baris]) -> BarisTypst {
    let first = &lines[0];
    let n = tampil.len();
    let text = |b: &Baris, c: usize| pdf(&b.sel[c], b.satuan.as_deref(), tabel.desimal_persen);
    let sel = match first.jenis {
        JenisBaris::Kelompok => vec![SelTypst { teks: text(first, 0), rata: KIRI, lebar: n }],
        JenisBaris::Nihil => vec![SelTypst { teks: text(first, 0), rata: TENGAH, lebar: n }],
        JenisBaris::Urusan => vec![
            SelTypst { teks: text(first, 0), rata: KIRI, lebar: 1 },
            SelTypst { teks: text(first, 1), rata: KIRI, lebar: n - 1 },
        ],
        JenisBaris::Jumlah => jumlah(tabel, tampil, first),
        JenisBaris::Program | JenisBaris::Kegiatan | JenisBaris::SubKegiatan => tampil
            .iter()
            .map(|&c| {
                let k = &tabel.kolom[c];
                let teks = if k.gabung {
                    text(first, c)
                } else {
                    let printed: Vec<String> = lines.iter().map(|b| text(b, c)).collect();
                    // A cell empty on every line prints one "-", not a stack of them.
                    if printed.iter().all(|t| t == "-") { "-".to_owned() } else { printed.join("\n") }
                };
                SelTypst { teks, rata: rata(k.rata), lebar: 1 }
            })
            .collect(),
    };
    BarisTypst { jenis: first.jenis.label(), sel }
}

/// A total row: its label centred across the columns up to the first figure, then each figure
/// in its column and every run of empty columns as one empty cell.
fn jumlah(tabel: &Tabel, tampil: &[usize], b: &Baris) -> Vec<SelTypst> {
    let n = tampil.len();
    let kosong = |i: usize| b.sel[tampil[i]].isi == Isi::Kosong;
    let first_figure = (1..n).find(|&i| !kosong(i)).unwrap_or(n);
    let mut out = vec![SelTypst {
        teks: cetak::sel(&b.sel[tampil[0]], None, tabel.desimal_persen).into_owned(),
        rata: TENGAH,
        lebar: first_figure,
    }];
    for (i, &c) in tampil.iter().enumerate().skip(first_figure) {
        let sel = &b.sel[c];
        if sel.isi == Isi::Kosong {
            match out.last_mut() {
                Some(empty) if i > first_figure && kosong(i - 1) => empty.lebar += 1,
                _ => out.push(SelTypst { teks: String::new(), rata: KIRI, lebar: 1 }),
            }
        } else {
            let k = &tabel.kolom[c];
            out.push(SelTypst {
                teks: pdf(sel, b.satuan.as_deref(), tabel.desimal_persen),
                rata: rata(k.rata),
                lebar: 1,
            });
        }
    }
    out
}
