//! The projection of a [`Tabel`] that the PDF receives: every cell already printed, spanned
//! and aligned, so that `templates/renja.typ` draws every table with one generic function
//! (`tabel`) and never looks a column up by position.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Baris, Isi, JenisBaris, Lebar, Rata, Sel, Tabel, cetak, penggalan};

#[derive(Debug, Serialize)]
pub struct TabelTypst {
    pub nomor: &'static str,
    pub judul: Vec<String>,
    /// On a landscape page of its own.
    pub datar: bool,
    /// Text size in points ([`super::ukuran_teks`] of the printed columns).
    pub ukuran_pt: f64,
    pub kolom: Vec<LebarTypst>,
    /// Per printed column, the few words most likely to be its widest (see [`kata_terlebar`]):
    /// Typst measures them and widens a column that a word would overrun.
    pub kata_terlebar: Vec<Vec<KataTypst>>,
    /// The same with the body's hyphenable words cut at their syllables ("Penye-"), the header's
    /// whole: the narrowest a column may be when the page is too narrow for whole words.
    pub suku_terlebar: Vec<Vec<KataTypst>>,
    /// The same with the header's words cut too: only when even that is too wide (17 columns
    /// on A4) is a header word hyphenated.
    pub suku_kepala_terlebar: Vec<Vec<KataTypst>>,
    /// Per printed column, its longest line unbroken, in em of the table face: where
    /// words must be hyphenated, columns share the page by their content.
    pub lebar_isi_em: Vec<f64>,
    /// Each word of [`Self::kata_kolom`] cut at its syllable breaks ([`penggalan`]), which Typst
    /// uses only where the word is wider than its column: Typst has no Indonesian hyphenation,
    /// and a soft hyphen elsewhere would stay in the PDF's text.
    pub penggalan: BTreeMap<String, Penggalan>,
    /// Per printed column, its distinct hyphenable words: Typst decides each once per column.
    pub kata_kolom: Vec<Vec<String>>,
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

/// A long word's syllables and their widths, regular and bold, in em of the table face: Typst
/// decides by arithmetic whether the word fits its column and, if not, where to break it.
#[derive(Debug, Serialize)]
pub struct Penggalan {
    pub suku: Vec<String>,
    pub em: Vec<f64>,
    pub em_tebal: Vec<f64>,
}

impl Penggalan {
    fn of(kata: &str) -> Penggalan {
        let suku: Vec<String> = penggalan::sisipkan(kata).split(penggalan::TANDA_PENGGAL).map(str::to_owned).collect();
        let em = suku.iter().map(|s| crate::fonts::lebar_em_sans(s, false)).collect();
        let em_tebal = suku.iter().map(|s| crate::fonts::lebar_em_sans(s, true)).collect();
        Penggalan { suku, em, em_tebal }
    }
}

/// A word as it is set: its text and whether it is bold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KataTypst {
    pub teks: String,
    pub tebal: bool,
}

#[derive(Debug, Serialize)]
pub struct KepalaTypst {
    pub teks: String,
    pub tinggi: usize,
    pub lebar: usize,
    /// The first printed column it stands over.
    pub kolom: usize,
    /// As a body cell's ([`SelTypst::potongan`]): a one-column header is hyphenated like its
    /// column where whole words do not fit the page.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub potongan: Vec<String>,
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
    /// The text cut around its hyphenable words ([`penggalan::potong`]; keys of
    /// [`TabelTypst::penggalan`] at odd places), for Typst to hyphenate those wider than the
    /// column; empty when the cell has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub potongan: Vec<String>,
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
        let kepala: Vec<KepalaTypst> = tabel
            .kepala
            .iter()
            .filter_map(|k| {
                let lebar = (k.kolom..k.kolom + k.lebar).filter(|c| tampil.contains(c)).count();
                let kolom = tampil.iter().position(|&c| c >= k.kolom)?;
                let potongan = if lebar == 1 { penggalan::potong(&k.teks) } else { Vec::new() };
                (lebar > 0).then(|| KepalaTypst { teks: k.teks.clone(), tinggi: k.tinggi, lebar, kolom, potongan })
            })
            .collect();
        let baris: Vec<BarisTypst> =
            tabel.kelompok_baris().into_iter().map(|rows| baris(tabel, &tampil, &tabel.baris[rows])).collect();
        let kata_kolom = kata_kolom(tampil.len(), &kepala, &baris);
        TabelTypst {
            kata_terlebar: kata_terlebar(tabel, &tampil, &baris, false, false),
            suku_terlebar: kata_terlebar(tabel, &tampil, &baris, true, false),
            suku_kepala_terlebar: kata_terlebar(tabel, &tampil, &baris, true, true),
            lebar_isi_em: lebar_isi_em(tampil.len(), &baris),
            // The words Typst may hyphenate are exactly the columns' words.
            penggalan: kata_kolom.iter().flatten().map(|kata| (kata.clone(), Penggalan::of(kata))).collect(),
            kata_kolom,
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
            kepala,
            nomor_kolom: tampil.iter().map(|&c| tabel.kolom[c].nomor.clone()).collect(),
            baris,
            catatan: tabel.catatan.clone(),
        }
    }
}

/// The body cells that stand in one column: (printed column, set bold, cell). Program and
/// heading rows are bold, kegiatan and sub-kegiatan rows regular, as `renja.typ` sets them.
fn sel_satu_kolom(baris: &[BarisTypst]) -> impl Iterator<Item = (usize, bool, &SelTypst)> {
    baris.iter().flat_map(|b| {
        let tebal = !matches!(b.jenis, "kegiatan" | "sub_kegiatan");
        b.sel
            .iter()
            .scan(0, |kolom, s| {
                let di = *kolom;
                *kolom += s.lebar;
                Some((di, s))
            })
            .filter(|(_, s)| s.lebar == 1)
            .map(move |(kolom, s)| (kolom, tebal, s))
    })
}

/// How many candidates per column Typst measures: enough that the estimate's error cannot hide
/// the widest word, few enough that a 2,000-row table costs nothing.
const CALON_PER_KOLOM: usize = 3;

/// The candidates for each printed column's widest unbreakable word: from the single-column
/// header cells (bold) and every body cell that spans one column (bold on program and heading
/// rows), ranked by their advance in the table face; with `suku_isi` (`suku_kepala`), body
/// (header) words are cut at their syllable breaks first.
fn kata_terlebar(
    tabel: &Tabel,
    tampil: &[usize],
    baris: &[BarisTypst],
    suku_isi: bool,
    suku_kepala: bool,
) -> Vec<Vec<KataTypst>> {
    let mut calon: Vec<Vec<(f64, KataTypst)>> = vec![Vec::new(); tampil.len()];
    let mut tambah = |kolom: usize, teks: &str, tebal: bool, suku: bool| {
        let teks = if suku { penggalan::sisipkan(teks) } else { teks.to_owned() };
        for kata in kata_utuh(&teks) {
            let em = crate::fonts::lebar_em_sans(&kata, tebal);
            let daftar = &mut calon[kolom];
            let k = KataTypst { teks: kata, tebal };
            if daftar.iter().any(|(_, d)| *d == k) {
                continue;
            }
            daftar.push((em, k));
            daftar.sort_by(|a, b| b.0.total_cmp(&a.0));
            daftar.truncate(CALON_PER_KOLOM);
        }
    };
    for k in tabel.kepala.iter().filter(|k| k.lebar == 1) {
        if let Some(i) = tampil.iter().position(|&c| c == k.kolom) {
            tambah(i, &k.teks, true, suku_kepala);
        }
    }
    for (kolom, tebal, s) in sel_satu_kolom(baris) {
        tambah(kolom, &s.teks, tebal, suku_isi);
    }
    calon.into_iter().map(|d| d.into_iter().map(|(_, k)| k).collect()).collect()
}

/// Each printed column's distinct hyphenable words, from its one-column header and body cells.
fn kata_kolom(kolom: usize, kepala: &[KepalaTypst], baris: &[BarisTypst]) -> Vec<Vec<String>> {
    let mut kata = vec![std::collections::BTreeSet::new(); kolom];
    for k in kepala.iter().filter(|k| k.lebar == 1) {
        kata[k.kolom].extend(k.potongan.iter().skip(1).step_by(2).cloned());
    }
    for (k, _, s) in sel_satu_kolom(baris) {
        kata[k].extend(s.potongan.iter().skip(1).step_by(2).cloned());
    }
    kata.into_iter().map(|k| k.into_iter().collect()).collect()
}

/// Each printed column's longest line of a one-column body cell, unbroken, in em.
fn lebar_isi_em(kolom: usize, baris: &[BarisTypst]) -> Vec<f64> {
    let mut lebar = vec![0.0_f64; kolom];
    for (k, tebal, s) in sel_satu_kolom(baris) {
        let em = s.teks.split('\n').map(|line| crate::fonts::lebar_em_sans(line, tebal)).fold(0.0, f64::max);
        lebar[k] = lebar[k].max(em);
    }
    lebar
}

/// The pieces of a text a line cannot break inside: split at spaces, after a hyphen or a
/// slash as Unicode line breaking allows, at a soft hyphen (the piece then ends in "-"), and
/// between a figure and its unit (the template keeps them together only where the column has
/// room); "Tahun ke-5" stays whole as the header sets it.
fn kata_utuh(teks: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for kata in teks.split([' ', '\n', '\t', '\u{a0}']).filter(|k| !k.is_empty()) {
        if kata.starts_with("ke-") && out.last().is_some_and(|w| w == "Tahun") {
            let tahun = out.pop().unwrap_or_default();
            out.push(format!("{tahun} {kata}"));
            continue;
        }
        let mut awal = 0;
        for (i, c) in kata.char_indices() {
            let akhir = i + c.len_utf8();
            if matches!(c, '-' | '/') && akhir < kata.len() && i > awal {
                out.push(kata[awal..akhir].to_owned());
                awal = akhir;
            } else if c == penggalan::TANDA_PENGGAL {
                // Broken there, the line ends in a printed hyphen.
                out.push(format!("{}-", &kata[awal..i]));
                awal = akhir;
            }
        }
        out.push(kata[awal..].to_owned());
    }
    out
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
        JenisBaris::Kelompok => vec![SelTypst { teks: text(first, 0), rata: KIRI, lebar: n, potongan: Vec::new() }],
        JenisBaris::Nihil => vec![SelTypst { teks: text(first, 0), rata: TENGAH, lebar: n, potongan: Vec::new() }],
        JenisBaris::Urusan => vec![
            SelTypst { teks: text(first, 0), rata: KIRI, lebar: 1, potongan: Vec::new() },
            SelTypst { teks: text(first, 1), rata: KIRI, lebar: n - 1, potongan: Vec::new() },
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
                let potongan = penggalan::potong(&teks);
                SelTypst { teks, rata: rata(k.rata), lebar: 1, potongan }
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
        potongan: Vec::new(),
    }];
    for (i, &c) in tampil.iter().enumerate().skip(first_figure) {
        let sel = &b.sel[c];
        if sel.isi == Isi::Kosong {
            match out.last_mut() {
                Some(empty) if i > first_figure && kosong(i - 1) => empty.lebar += 1,
                _ => out.push(SelTypst { teks: String::new(), rata: KIRI, lebar: 1, potongan: Vec::new() }),
            }
        } else {
            let k = &tabel.kolom[c];
            out.push(SelTypst {
                teks: pdf(sel, b.satuan.as_deref(), tabel.desimal_persen),
                rata: rata(k.rata),
                lebar: 1,
                potongan: Vec::new(),
            });
        }
    }
    out
}
