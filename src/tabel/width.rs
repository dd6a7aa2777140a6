//! The page a table is set on and its columns' widths, decided before Typst lays the table
//! out: from the paper (`pengaturan.kertas`), the orientation, the margins, the text size
//! ([`super::ukuran_teks`]), the cell inset and the table face's own metrics
//! ([`crate::fonts::lebar_em_sans`]). Typst receives fixed widths and measures nothing.
//!
//! The rules, as a reader expects of a printed table:
//! - a column is never narrower than its widest whole word, which would run over its edge;
//! - a column of fixed width (`Lebar::Cm`) keeps it, the others share what is left by their
//!   fractions (`Lebar::Fr`), a column that needs more being fixed at its need and the rest
//!   shared again;
//! - when the page cannot hold the whole words (17 columns on A4), the body's long words are
//!   cut where Indonesian allows ([`super::hyphenate`]: morphemes, syllables, names and units
//!   whole, the header whole); only when even that is too wide, units at their syllables too,
//!   then every plain word of the body, names too, and last the header's words; and the columns
//!   share the page by content, as a browser's automatic table layout does: each column
//!   between its widest piece and its longest line, in proportion to the room that line would
//!   want.

use crate::plan::Kertas;

/// Points per centimetre.
pub const CM: f64 = 72.0 / 2.54;
/// Points per millimetre.
const MM: f64 = CM / 10.0;

/// A page's margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margin {
    pub atas: f64,
    pub bawah: f64,
    pub kiri: f64,
    pub kanan: f64,
}

/// Margins after Tata Naskah Dinas: wider on the binding side. Portrait pages (the body text).
pub const MARGIN_TEGAK: Margin = Margin { atas: 2.5 * CM, bawah: 2.2 * CM, kiri: 3.0 * CM, kanan: 2.0 * CM };
/// Landscape pages (wide tables, the Daftar Perubahan).
pub const MARGIN_DATAR: Margin = Margin { atas: 3.0 * CM, bawah: 2.0 * CM, kiri: 2.0 * CM, kanan: 2.0 * CM };

/// A table cell's padding, in points, left and right: 3 pt, and 2 pt in the wide tables set in
/// 8 or 7 pt (the 17 columns of the SIPD-RI Tabel 4.1 gain a column's width from it).
pub fn inset_x(ukuran: f64) -> f64 {
    if ukuran < 9.0 { 2.0 } else { 3.0 }
}
/// A table cell's padding, in points, top and bottom.
pub const INSET_Y: f64 = 3.5;

/// The paper, portrait: width and height in points. A4, and F4/folio (215 × 330 mm) as used in
/// many Indonesian offices.
pub fn kertas(kertas: Kertas) -> (f64, f64) {
    match kertas {
        Kertas::A4 => (210.0 * MM, 297.0 * MM),
        Kertas::F4 => (215.0 * MM, 330.0 * MM),
    }
}

/// The width a line of text has on a page of `kertas`: between the margins, in points.
pub fn bidang(kertas: Kertas, datar: bool) -> f64 {
    let (lebar, tinggi) = self::kertas(kertas);
    if datar { tinggi - MARGIN_DATAR.kiri - MARGIN_DATAR.kanan } else { lebar - MARGIN_TEGAK.kiri - MARGIN_TEGAK.kanan }
}

/// What a column needs, in points with its inset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kebutuhan {
    /// A fixed width (`Lebar::Cm`), or None for a column that takes its share of the rest.
    pub tetap: Option<f64>,
    /// Its fraction of the rest (`Lebar::Fr`); unused for a fixed column.
    pub fr: f64,
    /// Its widest whole word.
    pub utuh: f64,
    /// Its widest piece when the body's long words are cut where Indonesian allows
    /// ([`super::hyphenate::Aturan::Ketat`]: names, units and the header whole).
    pub suku: f64,
    /// Its widest piece when units are cut at their syllables too
    /// ([`super::hyphenate::Aturan::Longgar`]), names and the header still whole: for a page
    /// that cannot hold the table otherwise.
    pub suku_longgar: f64,
    /// Its widest piece when every plain word of the body, names too, is cut at its syllables
    /// ([`super::hyphenate::Aturan::Darurat`]), the header still whole.
    pub suku_darurat: f64,
    /// The same with the header's words cut too: the last resort.
    pub suku_kepala: f64,
    /// Its longest line, unbroken.
    pub isi: f64,
}

/// Each column's least width on a line `bidang` points wide: a fixed column its width (or its
/// widest word), a free one its widest whole word, or, when the line cannot hold every column's
/// widest word, its widest piece with the body's long words cut where Indonesian allows (names,
/// units and the header whole), or, when even that is too wide, with units cut at their
/// syllables too, or every plain word of the body, or, still too wide, the header's words too.
/// Returns the widths and whether words are cut.
fn lebar_paling_kecil(kolom: &[Kebutuhan], bidang: f64) -> (Vec<f64>, bool) {
    let tetap: f64 = kolom.iter().filter_map(|k| k.tetap.map(|w| w.max(k.utuh))).sum();
    let bebas = |f: fn(&Kebutuhan) -> f64| kolom.iter().filter(|k| k.tetap.is_none()).map(f).sum::<f64>();
    let perlu: fn(&Kebutuhan) -> f64 = if tetap + bebas(|k| k.utuh) <= bidang {
        |k| k.utuh
    } else if tetap + bebas(|k| k.suku) <= bidang {
        |k| k.suku
    } else if tetap + bebas(|k| k.suku_longgar) <= bidang {
        |k| k.suku_longgar
    } else if tetap + bebas(|k| k.suku_darurat) <= bidang {
        |k| k.suku_darurat
    } else {
        |k| k.suku_kepala
    };
    let lebar = kolom.iter().map(|k| k.tetap.map_or_else(|| perlu(k), |w| w.max(k.utuh))).collect();
    (lebar, tetap + bebas(|k| k.utuh) > bidang)
}

/// Whether a line `bidang` points wide holds every column at its widest whole word: a wide
/// table is tried on a portrait page only then, never squeezed into cut words there.
pub fn muat_utuh(kolom: &[Kebutuhan], bidang: f64) -> bool {
    !lebar_paling_kecil(kolom, bidang).1
}

/// Each column's width on a line `bidang` points wide, for the rows `baris`: every free column
/// starts at its least width ([`lebar_paling_kecil`]), then the rest of the line goes, a few
/// points at a time, to the column where it saves the most height of the table (each row as
/// tall as its tallest cell, each indicator line as tall as its tallest value); what saves
/// nothing more is shared by the columns whose longest line is still wrapped, in proportion to
/// what they lack, else by their fractions. So a long text column gets the room its rows need
/// and an empty one keeps its header's width, as a browser's automatic table layout would,
/// with the table's height as the measure.
///
/// A row is as tall as its tallest cell, so room given to one of two columns that wrap alike
/// saves nothing until the other gets room too, and steps taken one column at a time can stop
/// short of the widths that shorten every row. The solver therefore also starts from the
/// narrowest widths that keep most cells of every column within the same number of lines
/// ([`Ukuran::awal_sebaris`]), and keeps whichever start ends with the lower table.
pub fn lebar_kolom(kolom: &[Kebutuhan], tabel: &TabelUkur, huruf: &Huruf, bidang: f64) -> Vec<f64> {
    let (lebar, _) = lebar_paling_kecil(kolom, bidang);
    let bebas: Vec<usize> = (0..kolom.len()).filter(|&i| kolom[i].tetap.is_none()).collect();
    let sisa = bidang - lebar.iter().sum::<f64>();
    if bebas.is_empty() || sisa <= 0.0 {
        return lebar;
    }
    let ukuran = Ukuran::new(tabel, huruf, &lebar);
    // The smallest step: a two-hundredth of what is shared, at least a point.
    let satuan = (sisa / 200.0).max(1.0);
    let mut terbaik = ukuran.rakus(kolom, &bebas, lebar.clone(), bidang, satuan);
    if ukuran.contoh.len() > 1 {
        let mut nilai = ukuran.nilai(&terbaik);
        let mut dicoba: Vec<Vec<f64>> = vec![lebar.clone()];
        for bagian in [1.0, 0.9, 0.75] {
            let Some(awal) = ukuran.awal_sebaris(&bebas, &lebar, bidang, bagian) else { continue };
            // A start tried already ends where it ended.
            if dicoba.contains(&awal) {
                continue;
            }
            dicoba.push(awal.clone());
            let calon = ukuran.rakus(kolom, &bebas, awal, bidang, satuan);
            let n = ukuran.nilai(&calon);
            if n < nilai - 1e-6 {
                (terbaik, nilai) = (calon, n);
            }
        }
    }
    terbaik
}

/// A table's rows as the width solver weighs them: a sample of at most [`BARIS_UKUR_MAKS`]
/// rows, each standing for the rows it was drawn from, and the header for every page.
struct Ukuran<'a> {
    contoh: Vec<&'a BarisUkur>,
    berat: Vec<f64>,
    /// Per column, the cells over it: (sampled row, cell), in row order.
    di_kolom: Vec<Vec<(usize, usize)>>,
    /// Per sampled cell, its widest paragraph on one line, in points.
    alami: Vec<Vec<f64>>,
    huruf: &'a Huruf,
}

impl<'a> Ukuran<'a> {
    /// The sample of `tabel`, its header weighted by the pages its rows fill at widths `lebar`.
    fn new(tabel: &'a TabelUkur, huruf: &'a Huruf, lebar: &[f64]) -> Self {
        let baris = &tabel.baris;
        // A long table is measured on an even sample of its rows: the same widths, bounded time.
        let langkah = baris.len().div_ceil(BARIS_UKUR_MAKS).max(1);
        let mut contoh: Vec<&BarisUkur> = baris.iter().step_by(langkah).collect();
        let halaman = (contoh.iter().map(|b| b.tinggi(lebar, huruf)).sum::<f64>() * langkah as f64
            / tabel.tinggi_halaman.max(1.0))
        .max(1.0);
        let mut berat = vec![langkah as f64; contoh.len()];
        contoh.push(&tabel.kepala);
        berat.push(halaman);
        let mut di_kolom: Vec<Vec<(usize, usize)>> = vec![Vec::new(); lebar.len()];
        for (r, b) in contoh.iter().enumerate() {
            for (i, s) in b.sel.iter().enumerate() {
                for sel_di in di_kolom.iter_mut().take(s.kolom + s.lebar).skip(s.kolom) {
                    sel_di.push((r, i));
                }
            }
        }
        // Each cell's widest paragraph set on one line.
        let alami = contoh
            .iter()
            .map(|b| {
                b.sel
                    .iter()
                    .map(|s| {
                        s.paragraf
                            .iter()
                            .map(|p| p.iter().map(|&(w, spasi)| w + if spasi { huruf.spasi } else { 0.0 }).sum::<f64>())
                            .fold(0.0, f64::max)
                    })
                    .collect()
            })
            .collect();
        Ukuran { contoh, berat, di_kolom, alami, huruf }
    }

    /// The room inside cell `s` at widths `lebar`.
    fn ruang(&self, lebar: &[f64], s: &SelUkur) -> f64 {
        lebar[s.kolom..(s.kolom + s.lebar).min(lebar.len())].iter().sum::<f64>() - 2.0 * self.huruf.inset_x
    }

    /// [`SelUkur::beban`] of cell `i` of sampled row `r` at widths `lebar`: its paragraphs when
    /// each fits a line whole (as most cells do at a generous trial width).
    fn beban(&self, lebar: &[f64], r: usize, i: usize) -> usize {
        let s = &self.contoh[r].sel[i];
        let ruang = self.ruang(lebar, s);
        if ruang + 1e-6 >= self.alami[r][i] { s.paragraf.len().max(1) } else { s.beban(ruang, self.huruf.spasi) }
    }

    fn garis(&self, lebar: &[f64], r: usize) -> Vec<usize> {
        (0..self.contoh[r].sel.len()).map(|i| self.beban(lebar, r, i)).collect()
    }

    /// What the starts are compared by: the weighted height of the table at widths `lebar`,
    /// then its weighted lines ([`BarisUkur::biaya`]).
    fn nilai(&self, lebar: &[f64]) -> f64 {
        (0..self.contoh.len()).map(|r| self.berat[r] * self.contoh[r].biaya(&self.garis(lebar, r), self.huruf)).sum()
    }

    /// From widths `lebar`, the rest of the line `bidang` goes, a step at a time, to the column
    /// where it saves the most; what saves nothing is shared by what the columns' longest lines
    /// lack, else by their fractions.
    ///
    /// Each step tries every free column widened by `satuan` doubled up to six times, and by all
    /// that is left. A cell's lines at a column's trial widths depend only on the widths of the
    /// columns it spans, so they are kept per column and step ([`Coba`]) and measured again only
    /// for the column that grew and for the cells spanning it.
    fn rakus(&self, kolom: &[Kebutuhan], bebas: &[usize], mut lebar: Vec<f64>, bidang: f64, satuan: f64) -> Vec<f64> {
        let (contoh, berat, huruf) = (&self.contoh, &self.berat, self.huruf);
        let mut sisa = bidang - lebar.iter().sum::<f64>();
        let mut garis: Vec<Vec<usize>> = (0..contoh.len()).map(|r| self.garis(&lebar, r)).collect();
        let mut biaya: Vec<f64> = contoh.iter().zip(&garis).map(|(b, g)| b.biaya(g, huruf)).collect();
        let langkah: Vec<f64> = (0..LANGKAH).map(|k| satuan * f64::from(1u32 << k)).collect();
        let beban_di = |lebar: &mut [f64], c: usize, l: f64, (r, i): (usize, usize)| {
            lebar[c] += l;
            let n = self.beban(lebar, r, i);
            lebar[c] -= l;
            n
        };
        // Per free column, per step, the lines of each cell over the column widened by the step.
        let garis_sekarang = &garis;
        let mut coba: Vec<Coba> = bebas
            .iter()
            .map(|&c| {
                let garis = langkah
                    .iter()
                    .map(|&l| self.di_kolom[c].iter().map(|&sel| beban_di(&mut lebar, c, l, sel)).collect())
                    .collect();
                // The cells over the column that span others too: measured again when one grows.
                let lintas = (0..self.di_kolom[c].len())
                    .filter(|&j| {
                        let (r, i) = self.di_kolom[c][j];
                        contoh[r].sel[i].lebar > 1
                    })
                    .collect();
                let mut coba = Coba { garis, lintas, berubah: vec![true; LANGKAH] };
                coba.banding(&self.di_kolom[c], garis_sekarang);
                coba
            })
            .collect();
        let mut baris_coba: Vec<usize> = Vec::new();
        let mut semua: Vec<usize> = Vec::new();
        while sisa > 0.25 {
            // (saving per point, column's place among the free ones, step: None for all that is left)
            let mut terbaik: Option<(f64, usize, Option<usize>)> = None;
            for (j, &c) in bebas.iter().enumerate() {
                semua.clear();
                semua.extend(self.di_kolom[c].iter().map(|&sel| beban_di(&mut lebar, c, sisa, sel)));
                let pilihan = (0..LANGKAH).filter(|&k| langkah[k] < sisa).map(Some).chain([None]);
                for k in pilihan {
                    if k.is_some_and(|k| !coba[j].berubah[k]) {
                        continue;
                    }
                    let (l, baru) = match k {
                        Some(k) => (langkah[k], &coba[j].garis[k]),
                        None => (sisa, &semua),
                    };
                    let mut hemat = 0.0;
                    // The cells over the column, row by row (pushed in row order).
                    let mut awal = 0;
                    for potong in self.di_kolom[c].chunk_by(|a, b| a.0 == b.0) {
                        let r = potong[0].0;
                        let baru = &baru[awal..awal + potong.len()];
                        awal += potong.len();
                        // A row whose cells keep their lines keeps its height.
                        if potong.iter().zip(baru).all(|(&(_, i), &n)| garis[r][i] == n) {
                            continue;
                        }
                        baris_coba.clear();
                        baris_coba.extend_from_slice(&garis[r]);
                        for (&(_, i), &n) in potong.iter().zip(baru) {
                            baris_coba[i] = n;
                        }
                        hemat += berat[r] * (biaya[r] - contoh[r].biaya(&baris_coba, huruf));
                    }
                    let per_pt = hemat / l;
                    if per_pt > 1e-6 && terbaik.is_none_or(|(t, _, _)| per_pt > t + 1e-9) {
                        terbaik = Some((per_pt, j, k));
                    }
                }
            }
            let Some((_, j, k)) = terbaik else { break };
            let c = bebas[j];
            let l = k.map_or(sisa, |k| langkah[k]);
            lebar[c] += l;
            sisa -= l;
            for &(r, i) in &self.di_kolom[c] {
                garis[r][i] = self.beban(&lebar, r, i);
            }
            for potong in self.di_kolom[c].chunk_by(|a, b| a.0 == b.0) {
                let r = potong[0].0;
                biaya[r] = contoh[r].biaya(&garis[r], huruf);
            }
            // The grown column's trials from its new width; the other columns' trials of the
            // cells that span the grown column too.
            for (j2, &c2) in bebas.iter().enumerate() {
                if c2 == c {
                    for (k2, &l2) in langkah.iter().enumerate() {
                        for (n, &sel) in self.di_kolom[c].iter().enumerate() {
                            coba[j2].garis[k2][n] = beban_di(&mut lebar, c, l2, sel);
                        }
                    }
                    coba[j2].banding(&self.di_kolom[c], &garis);
                    continue;
                }
                let mut lintas = false;
                for idx in 0..coba[j2].lintas.len() {
                    let n = coba[j2].lintas[idx];
                    let (r, i) = self.di_kolom[c2][n];
                    let s = &contoh[r].sel[i];
                    if (s.kolom..s.kolom + s.lebar).contains(&c) {
                        lintas = true;
                        for (k2, &l2) in langkah.iter().enumerate() {
                            coba[j2].garis[k2][n] = beban_di(&mut lebar, c2, l2, (r, i));
                        }
                    }
                }
                if lintas {
                    coba[j2].banding(&self.di_kolom[c2], &garis);
                }
            }
        }
        if sisa > 0.0 {
            let kurang: Vec<f64> = bebas.iter().map(|&c| (kolom[c].isi - lebar[c]).max(0.0)).collect();
            let jumlah_kurang: f64 = kurang.iter().sum();
            let jumlah_fr: f64 = bebas.iter().map(|&c| kolom[c].fr).sum();
            for (j, &c) in bebas.iter().enumerate() {
                lebar[c] += if jumlah_kurang > 1e-6 {
                    sisa * kurang[j] / jumlah_kurang
                } else if jumlah_fr > 0.0 {
                    sisa * kolom[c].fr / jumlah_fr
                } else {
                    sisa / bebas.len() as f64
                };
            }
        }
        lebar
    }

    /// The narrowest widths, from the least `lebar`, at which the share `bagian` of each free
    /// column's body cells (by weight) takes at most the same number of lines, for the fewest
    /// lines the line `bidang` allows; None when no number of lines fits.
    fn awal_sebaris(&self, bebas: &[usize], lebar: &[f64], bidang: f64, bagian: f64) -> Option<Vec<f64>> {
        let tubuh = self.contoh.len() - 1;
        // Per free column, its single-column body cells: (row weight, cell).
        let sel: Vec<Vec<(f64, &SelUkur)>> = bebas
            .iter()
            .map(|&c| {
                self.di_kolom[c]
                    .iter()
                    .filter(|&&(r, _)| r < tubuh)
                    .map(|&(r, i)| (self.berat[r], &self.contoh[r].sel[i]))
                    .filter(|(_, s)| s.lebar == 1)
                    .collect()
            })
            .collect();
        let sisa = bidang - lebar.iter().sum::<f64>();
        let spasi = self.huruf.spasi;
        let inset = 2.0 * self.huruf.inset_x;
        // Per free column, the weight its cells must reach.
        let perlu: Vec<f64> = sel.iter().map(|sel| bagian * sel.iter().map(|(b, _)| b).sum::<f64>() - 1e-9).collect();
        // Whether the `j`-th free column's cells `sel` reach it at most `n` lines `w` points wide.
        let cukup = |j: usize, sel: &[(f64, &SelUkur)], w: f64, n: usize| {
            sel.iter().filter(|(_, s)| s.beban(w - inset, spasi) <= n).map(|(b, _)| b).sum::<f64>() >= perlu[j]
        };
        let paling_banyak = sel
            .iter()
            .zip(bebas)
            .flat_map(|(sel, &c)| sel.iter().map(move |(_, s)| s.beban(lebar[c] - inset, spasi)))
            .max()
            .unwrap_or(1);
        (1..=paling_banyak).find_map(|n| {
            let mut awal = lebar.to_vec();
            let mut dipakai = 0.0;
            for (j, (sel, &c)) in sel.iter().zip(bebas).enumerate() {
                let (mut rendah, mut tinggi) = (lebar[c], lebar[c] + sisa - dipakai);
                if !cukup(j, sel, tinggi, n) {
                    // This many lines do not fit the line: try one more.
                    return None;
                }
                if cukup(j, sel, rendah, n) {
                    continue;
                }
                while tinggi - rendah > 0.5 {
                    let tengah = (rendah + tinggi) / 2.0;
                    if cukup(j, sel, tengah, n) { tinggi = tengah } else { rendah = tengah }
                }
                dipakai += tinggi - lebar[c];
                awal[c] = tinggi;
            }
            Some(awal)
        })
    }
}

/// A table as the width solver measures it.
#[derive(Debug, Clone)]
pub struct TabelUkur {
    /// Its header, as one row of cells each spanning its lines; repeated on every page.
    pub kepala: BarisUkur,
    pub baris: Vec<BarisUkur>,
    /// The height a page leaves for its rows (the text area less the header), in points.
    pub tinggi_halaman: f64,
}

/// The steps the width solver tries on a column besides all that is left: its smallest step
/// doubled up to six times.
const LANGKAH: usize = 7;

/// A free column's trial widths as [`Ukuran::rakus`] keeps them.
struct Coba {
    /// Per step, the lines of each cell over the column (in the order of `Ukuran::di_kolom`)
    /// with the column widened by the step.
    garis: Vec<Vec<usize>>,
    /// The places (in that order) of the cells that span other columns too.
    lintas: Vec<usize>,
    /// Per step, whether some cell's lines differ from its present ones: a step that changes
    /// none saves nothing and is not weighed.
    berubah: Vec<bool>,
}

impl Coba {
    /// Sets `berubah` against the present lines `garis` of the cells `di_kolom` (the column's).
    fn banding(&mut self, di_kolom: &[(usize, usize)], garis: &[Vec<usize>]) {
        for (berubah, coba) in self.berubah.iter_mut().zip(&self.garis) {
            *berubah = di_kolom.iter().zip(coba).any(|(&(r, i), &n)| garis[r][i] != n);
        }
    }
}

/// At most this many rows of a table are measured to size its columns.
const BARIS_UKUR_MAKS: usize = 400;

/// The face's measures a cell's height depends on, in points.
#[derive(Debug, Clone, Copy)]
pub struct Huruf {
    /// A space's width.
    pub spasi: f64,
    /// A line's height: the capitals' height, as Typst sets table text.
    pub kapital: f64,
    /// The space between two lines of a cell.
    pub jarak: f64,
    /// A cell's padding left and right ([`inset_x`]).
    pub inset_x: f64,
}

/// A cell as the width solver measures it.
#[derive(Debug, Clone)]
pub struct SelUkur {
    /// The first column it stands in, and how many it spans.
    pub kolom: usize,
    pub lebar: usize,
    /// The indicator line it stands on, or None for a cell spanning the row's every line.
    pub garis: Option<usize>,
    /// Its text's lines, each a run of pieces no line breaks inside: the piece's width in
    /// points and whether a space stands before it.
    pub paragraf: Vec<Vec<(f64, bool)>>,
}

/// A row (a node with its indicator lines) as the width solver measures it.
#[derive(Debug, Clone)]
pub struct BarisUkur {
    pub sel: Vec<SelUkur>,
    /// Its number of indicator lines (1 for a row without them).
    pub garis: usize,
}

impl SelUkur {
    /// Lines it takes `ruang` points wide, each line filled with as many pieces as it holds;
    /// a piece wider than the line takes the lines it would be cut into.
    /// What the width solver counts for it `ruang` points wide: its lines, and one more for
    /// each word it must cut, so that room goes first where it keeps words whole.
    fn beban(&self, ruang: f64, spasi: f64) -> usize {
        let (baris, potong) = self.baris_dan_potong(ruang, spasi);
        baris + potong
    }

    pub fn jumlah_baris(&self, ruang: f64, spasi: f64) -> usize {
        self.baris_dan_potong(ruang, spasi).0
    }

    /// Its lines `ruang` points wide, and the pieces wider than the line (cut), in one pass.
    fn baris_dan_potong(&self, ruang: f64, spasi: f64) -> (usize, usize) {
        let ruang = ruang.max(1.0);
        let mut dipotong = 0;
        let baris = self
            .paragraf
            .iter()
            .map(|potongan| {
                let mut baris = 1;
                let mut x: Option<f64> = None;
                for &(w, spasi_depan) in potongan {
                    let tambah = if spasi_depan { spasi + w } else { w };
                    match x {
                        Some(at) if at + tambah <= ruang + 1e-6 => x = Some(at + tambah),
                        Some(_) | None => {
                            if x.is_some() {
                                baris += 1;
                            }
                            if w <= ruang {
                                // A piece that fits a line (most do) starts one, uncut.
                                x = Some(w);
                                continue;
                            }
                            // A piece wider than the line never follows another on it.
                            if w > ruang + 1e-6 {
                                dipotong += 1;
                            }
                            let potong = ((w / ruang) - 1e-9).ceil().max(1.0) as usize;
                            baris += potong - 1;
                            x = Some(w - (potong - 1) as f64 * ruang);
                        }
                    }
                }
                baris
            })
            .sum::<usize>()
            .max(1);
        (baris, dipotong)
    }
}

impl BarisUkur {
    /// Its height set in columns `lebar` (inset included).
    pub fn tinggi(&self, lebar: &[f64], huruf: &Huruf) -> f64 {
        let garis: Vec<usize> = self
            .sel
            .iter()
            .map(|s| {
                let ruang =
                    lebar[s.kolom..(s.kolom + s.lebar).min(lebar.len())].iter().sum::<f64>() - 2.0 * huruf.inset_x;
                s.jumlah_baris(ruang, huruf.spasi)
            })
            .collect();
        self.tinggi_dari(&garis, huruf)
    }

    /// What the solver minimises: its height, and a twentieth of every cell's lines, so that
    /// a column whose wrapping is not yet the row's tallest still gains from room (two columns
    /// tied at a row's height are widened one after the other, never stalled).
    fn biaya(&self, garis: &[usize], huruf: &Huruf) -> f64 {
        self.tinggi_dari(garis, huruf) + 0.05 * huruf.kapital * garis.iter().sum::<usize>() as f64
    }

    /// Its height when its cells take `garis` lines each: the taller of its spanning cells and
    /// its indicator lines stacked, each as tall as its tallest cell.
    fn tinggi_dari(&self, garis: &[usize], huruf: &Huruf) -> f64 {
        let tinggi = |n: usize| 2.0 * INSET_Y + n as f64 * huruf.kapital + n.saturating_sub(1) as f64 * huruf.jarak;
        let mut rentang = 1usize;
        if self.garis <= 1 {
            // One line: no stacking, no list of lines (the solver asks this many times).
            for &n in garis {
                rentang = rentang.max(n);
            }
            return tinggi(rentang);
        }
        // Each line's tallest cell; on the stack for a node of a few indicators.
        let mut di_tumpuk = [1usize; 8];
        let mut di_heap = Vec::new();
        let per_garis: &mut [usize] = if self.garis <= di_tumpuk.len() {
            &mut di_tumpuk[..self.garis]
        } else {
            di_heap.resize(self.garis, 1usize);
            &mut di_heap
        };
        for (s, &n) in self.sel.iter().zip(garis) {
            match s.garis {
                Some(g) if g < per_garis.len() => per_garis[g] = per_garis[g].max(n),
                _ => rentang = rentang.max(n),
            }
        }
        tinggi(rentang).max(per_garis.iter().map(|&n| tinggi(n)).sum())
    }
}

/// A point where a word that starts a line may be broken, measured in em: `awal` the word's
/// start with its hyphen, `sisa` the rest; `morfem` whether it is a morpheme boundary
/// ([`super::hyphenate::Jenis`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calon {
    pub awal: f64,
    pub sisa: f64,
    pub morfem: bool,
}

/// How much emptier, as a share of the line, a line ending at a morpheme boundary may be than
/// the fullest line a syllable break gives, and still be preferred.
pub const KELONGGARAN_MORFEM: f64 = 0.25;

/// Where a word that starts a line `muat` em wide is broken, once: at a point whose two pieces
/// each fit a line; of those, the one that fills the first line most, unless a morpheme
/// boundary leaves that line at most [`KELONGGARAN_MORFEM`] of its width emptier ("Ke-/wenangan"
/// rather than "Kewe-/nangan" on a line of 8 letters; "penyeleng-/garaan" rather than
/// "penye-/lenggaraan" only where "penye-" would leave more than a quarter of the line empty).
/// The quarter: a line ending a little short is common in a ragged table cell, a break that
/// cuts a root is what a reader stumbles on.
/// One soft hyphen a word, not one per syllable: Typst's line breaker would try each, and each
/// would stay in the PDF's text. None when no single break lets both pieces fit.
pub fn penggal(calon: &[Calon], muat: f64) -> Option<usize> {
    let muat_semua = |c: &&Calon| c.awal <= muat && c.sisa <= muat;
    let terpenuh = |morfem: bool| {
        calon
            .iter()
            .enumerate()
            .filter(|(_, c)| muat_semua(c) && (c.morfem || !morfem))
            .max_by(|a, b| a.1.awal.total_cmp(&b.1.awal))
    };
    let (i, c) = terpenuh(false)?;
    match terpenuh(true) {
        Some((m, cm)) if c.awal - cm.awal <= KELONGGARAN_MORFEM * muat => Some(m),
        _ => Some(i),
    }
}

/// `kata` (pieces `suku` between its break points, with their widths `em`, in em) broken for a
/// line `muat` em wide where one break is not enough: as many pieces on each line as fit with
/// their hyphen. Only for a column narrower than [`super::hyphenate::sisipkan`] allows.
pub fn penggal_rakus(suku: &[&str], em: &[f64], muat: f64, tanda_hubung_em: f64) -> String {
    let mut baris = 0.0;
    let mut keluar = String::new();
    for (j, s) in suku.iter().enumerate() {
        let hubung = if j + 1 < em.len() { tanda_hubung_em } else { 0.0 };
        if j > 0 && baris + em[j] + hubung > muat {
            keluar.push(super::hyphenate::TANDA_PENGGAL);
            baris = 0.0;
        }
        keluar.push_str(s);
        baris += em[j];
    }
    keluar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(fr: f64, utuh: f64) -> Kebutuhan {
        Kebutuhan {
            tetap: None,
            fr,
            utuh,
            suku: utuh,
            suku_longgar: utuh,
            suku_darurat: utuh,
            suku_kepala: utuh,
            isi: utuh,
        }
    }

    #[test]
    fn paper_and_margins() {
        // A4 portrait: 210 mm less 3 + 2 cm = 16 cm; landscape: 297 mm less 2 + 2 cm = 25.7 cm.
        assert!((bidang(Kertas::A4, false) - 160.0 * MM).abs() < 1e-9);
        assert!((bidang(Kertas::A4, true) - 257.0 * MM).abs() < 1e-9);
        assert!((bidang(Kertas::F4, true) - 290.0 * MM).abs() < 1e-9);
    }

    const HURUF: Huruf = Huruf { spasi: 0.0, kapital: 10.0, jarak: 0.0, inset_x: 3.0 };

    #[test]
    fn without_rows_the_rest_goes_by_fractions() {
        // 100 pt: a fixed 20 pt column, then two free columns of 5 pt words share the other 70
        // 1 : 3 on top of their 5 pt: 5 + 17.5 and 5 + 52.5.
        let kolom = [Kebutuhan { tetap: Some(20.0), ..fr(0.0, 10.0) }, fr(1.0, 5.0), fr(3.0, 5.0)];
        assert_eq!(lebar_kolom(&kolom, &tabel(Vec::new()), &HURUF, 100.0), vec![20.0, 22.5, 57.5]);
        // A fixed column widens to its word.
        let kolom = [Kebutuhan { tetap: Some(20.0), ..fr(0.0, 25.0) }, fr(1.0, 30.0), fr(3.0, 5.0)];
        assert_eq!(lebar_kolom(&kolom, &tabel(Vec::new()), &HURUF, 105.0)[0], 25.0);
    }

    /// A table of `baris` under an empty header, on pages of 500 pt.
    fn tabel(baris: Vec<BarisUkur>) -> TabelUkur {
        TabelUkur { kepala: BarisUkur { sel: Vec::new(), garis: 1 }, baris, tinggi_halaman: 500.0 }
    }

    /// A cell of `n` pieces of `w` points in column `kolom`.
    fn sel(kolom: usize, garis: Option<usize>, n: usize, w: f64) -> SelUkur {
        SelUkur { kolom, lebar: 1, garis, paragraf: vec![vec![(w, true); n]] }
    }

    #[test]
    fn the_room_goes_where_it_saves_height_and_an_empty_column_keeps_its_word() {
        // Column 0 holds ten 10 pt words (100 pt on one line), column 1 one 10 pt word: each
        // needs 16 pt with its inset. On 122 pt the text column gets all the rest and sets its
        // text on one line; the other keeps its word's width.
        let kolom = [Kebutuhan { isi: 106.0, ..fr(1.0, 16.0) }, Kebutuhan { isi: 16.0, ..fr(5.0, 16.0) }];
        let baris = [BarisUkur { sel: vec![sel(0, None, 10, 10.0), sel(1, None, 1, 10.0)], garis: 1 }];
        assert_eq!(lebar_kolom(&kolom, &tabel(baris.to_vec()), &HURUF, 122.0), vec![106.0, 16.0]);
        assert_eq!(baris[0].tinggi(&[106.0, 16.0], &HURUF), 2.0 * INSET_Y + 10.0);
        assert_eq!(baris[0].tinggi(&[56.0, 66.0], &HURUF), 2.0 * INSET_Y + 20.0);
    }

    #[test]
    fn the_even_start_is_the_narrowest_that_keeps_every_column_within_the_fewest_lines() {
        // Two text columns of four 10 pt words per row on 120 pt: two columns of 16 pt take
        // four lines a row; one line needs 46 pt each (four words and three spaces of 0 pt
        // plus the 6 pt inset) and 92 pt fits: the start is one line, both columns at 46 pt.
        let kolom = [Kebutuhan { isi: 46.0, ..fr(1.0, 16.0) }, Kebutuhan { isi: 46.0, ..fr(1.0, 16.0) }];
        let baris: Vec<BarisUkur> =
            (0..3).map(|_| BarisUkur { sel: vec![sel(0, None, 4, 10.0), sel(1, None, 4, 10.0)], garis: 1 }).collect();
        let t = tabel(baris);
        let ukuran = Ukuran::new(&t, &HURUF, &[16.0, 16.0]);
        let awal = ukuran.awal_sebaris(&[0, 1], &[16.0, 16.0], 120.0, 1.0).unwrap();
        assert!(awal.iter().all(|w| (46.0..46.5).contains(w)), "{awal:?}");
        // On 80 pt one line does not fit both columns, two lines (26 pt each) do.
        let awal = ukuran.awal_sebaris(&[0, 1], &[16.0, 16.0], 80.0, 1.0).unwrap();
        assert!(awal.iter().all(|w| (26.0..26.5).contains(w)), "{awal:?}");
        // The solver ends no higher than the plain steps from the least widths.
        let lebar = lebar_kolom(&kolom, &t, &HURUF, 120.0);
        let dari_kecil = ukuran.rakus(&kolom, &[0, 1], vec![16.0, 16.0], 120.0, 1.0);
        assert!(ukuran.nilai(&lebar) <= ukuran.nilai(&dari_kecil) + 1e-9);
        assert_eq!(baris_tinggi(&t, &lebar), 3.0 * (2.0 * INSET_Y + 10.0));
    }

    fn baris_tinggi(t: &TabelUkur, lebar: &[f64]) -> f64 {
        t.baris.iter().map(|b| b.tinggi(lebar, &HURUF)).sum()
    }

    #[test]
    fn indicator_lines_stack_under_a_node_cell_that_spans_them() {
        // A node cell of 3 lines beside two indicator lines of 1 and 2 lines: the row is as tall
        // as the lines stacked (1 + 2 lines and two insets), not as the node cell alone.
        let b = BarisUkur {
            sel: vec![sel(0, None, 3, 10.0), sel(1, Some(0), 1, 10.0), sel(1, Some(1), 2, 10.0)],
            garis: 2,
        };
        let w = [16.0, 16.0];
        assert_eq!(b.tinggi(&w, &HURUF), (2.0 * INSET_Y + 10.0) + (2.0 * INSET_Y + 20.0));
        // A node cell of 6 lines is taller than its lines stacked.
        let b = BarisUkur {
            sel: vec![sel(0, None, 6, 10.0), sel(1, Some(0), 1, 10.0), sel(1, Some(1), 2, 10.0)],
            garis: 2,
        };
        assert_eq!(b.tinggi(&w, &HURUF), 2.0 * INSET_Y + 60.0);
    }

    #[test]
    fn without_room_for_whole_words_columns_share_by_content() {
        // Whole words need 60 + 60 > 100: the columns take their syllable minimum (20, 30) plus
        // a share of the rest in proportion to what their longest line lacks (80 and 50).
        let a = Kebutuhan {
            tetap: None,
            fr: 1.0,
            utuh: 60.0,
            suku: 20.0,
            suku_longgar: 20.0,
            suku_darurat: 20.0,
            suku_kepala: 20.0,
            isi: 100.0,
        };
        let b = Kebutuhan {
            tetap: None,
            fr: 1.0,
            utuh: 60.0,
            suku: 30.0,
            suku_longgar: 30.0,
            suku_darurat: 30.0,
            suku_kepala: 30.0,
            isi: 80.0,
        };
        let w = lebar_kolom(&[a, b], &tabel(Vec::new()), &HURUF, 100.0);
        assert!((w[0] - (20.0 + 80.0 * 50.0 / 130.0)).abs() < 1e-9, "{w:?}");
        assert!((w[1] - (30.0 + 50.0 * 50.0 / 130.0)).abs() < 1e-9, "{w:?}");
        // Too narrow for the body's words cut where Indonesian allows: each next rule in turn
        // gives the same shares.
        let longgar = Kebutuhan { suku: 80.0, ..a };
        assert_eq!(lebar_kolom(&[longgar, b], &tabel(Vec::new()), &HURUF, 100.0), w);
        let darurat = Kebutuhan { suku: 80.0, suku_longgar: 80.0, ..a };
        assert_eq!(lebar_kolom(&[darurat, b], &tabel(Vec::new()), &HURUF, 100.0), w);
        let kepala = Kebutuhan { suku: 80.0, suku_longgar: 80.0, suku_darurat: 80.0, ..a };
        assert_eq!(lebar_kolom(&[kepala, b], &tabel(Vec::new()), &HURUF, 100.0), w);
    }

    #[test]
    fn a_word_is_cut_once_preferring_a_morpheme_not_much_worse() {
        // "Ke|we-nang|an", one em a letter and the hyphen: on a 6 em line "Ke-" (3) and "Kewe-"
        // (5) fit with their rest ("wenangan" 8 does not, "nangan" 6 does): only "Kewe-".
        let calon = |awal: f64, n: f64, morfem| Calon { awal: awal + 1.0, sisa: n - awal, morfem };
        let kewenangan = [calon(2.0, 10.0, true), calon(4.0, 10.0, false), calon(8.0, 10.0, true)];
        assert_eq!(penggal(&kewenangan, 6.0), Some(1));
        // On 8 em: "Ke-" (rest 8) fits and is 2 em emptier than "Kewe-", a quarter of the line:
        // the morpheme wins. On 9 em "Kewenang-" (9) and "an" fit: the fullest, a morpheme.
        assert_eq!(penggal(&kewenangan, 8.0), Some(0));
        assert_eq!(penggal(&kewenangan, 9.0), Some(2));
        // "pe-nye|leng-ga-ra|an" on 10.5 em: "penyeleng-" (10) against "penye-" (6), 4 em and
        // more than a quarter emptier: the syllable.
        let penyelenggaraan = [
            calon(2.0, 15.0, false),
            calon(5.0, 15.0, true),
            calon(9.0, 15.0, false),
            calon(11.0, 15.0, false),
            calon(13.0, 15.0, true),
        ];
        assert_eq!(penggal(&penyelenggaraan, 10.5), Some(2));
        // Too narrow for two lines: no single break.
        assert_eq!(penggal(&penyelenggaraan, 5.0), None);
    }

    #[test]
    fn a_word_too_long_for_two_lines_is_cut_where_each_line_must_break() {
        // "Pe|nye|leng|ga|ra|an" with widths 1 em each, 3 em a line (hyphen 0.3 em): "Penye-" fits
        // (2 + 0.3), a third syllable would not (3.3).
        let suku = ["Pe", "nye", "leng", "ga", "ra", "an"];
        let em = [1.0; 6];
        assert_eq!(penggal_rakus(&suku, &em, 3.0, 0.3), "Penye\u{ad}lengga\u{ad}raan");
        assert_eq!(penggal_rakus(&suku, &em, 10.0, 0.3), "Penyelenggaraan");
    }
}
