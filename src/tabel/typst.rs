//! The projection of a [`Tabel`] that the PDF receives: every cell already printed, spanned
//! and aligned, every column's width on its page fixed and every long word that its column
//! cannot hold hyphenated ([`width`]), so that `templates/renja.typ` draws every table with one
//! generic function (`tabel`), never looks a column up by position and measures nothing.

use serde::{Deserialize, Serialize, Serializer};

use super::hyphenate::Aturan;
use super::width::{self, CM, INSET_Y, Kebutuhan, inset_x};
use super::{Baris, Isi, JenisBaris, Lebar, Rata, Sel, Tabel, cetak, hyphenate};
use crate::fonts::lebar_em_sans;
use crate::plan::Kertas;

/// A length in points, written into the Typst source as a length literal (`453.5pt`).
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Pt(pub f64);

impl Serialize for Pt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Inside a template context it stays a length (`render::typst_literal` writes it);
        // elsewhere (JSON) it is its number of points.
        if minijinja::value::serializing_for_value() {
            minijinja::Value::from_object(*self).serialize(s)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

impl minijinja::value::Object for Pt {}

/// A page's margins as Typst's `page(margin:)` takes them.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct MarginTypst {
    pub top: Pt,
    pub bottom: Pt,
    pub left: Pt,
    pub right: Pt,
}

impl From<width::Margin> for MarginTypst {
    fn from(m: width::Margin) -> Self {
        MarginTypst { top: Pt(m.atas), bottom: Pt(m.bawah), left: Pt(m.kiri), right: Pt(m.kanan) }
    }
}

/// The page of a document: paper and margins, portrait and landscape ([`width`]).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct HalamanTypst {
    pub lebar: Pt,
    pub tinggi: Pt,
    pub margin_tegak: MarginTypst,
    pub margin_datar: MarginTypst,
    /// The fewest lines of body text a page may hold ([`GARIS_HALAMAN_PALING_SEDIKIT`]): a
    /// list right before a landscape table keeps as many last items together.
    pub garis_paling_sedikit: usize,
}

impl HalamanTypst {
    pub fn of(kertas: Kertas) -> HalamanTypst {
        let (lebar, tinggi) = width::kertas(kertas);
        HalamanTypst {
            lebar: Pt(lebar),
            tinggi: Pt(tinggi),
            margin_tegak: width::MARGIN_TEGAK.into(),
            margin_datar: width::MARGIN_DATAR.into(),
            garis_paling_sedikit: GARIS_HALAMAN_PALING_SEDIKIT as usize,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct TabelTypst {
    pub nomor: &'static str,
    pub judul: Vec<String>,
    /// Text size ([`super::ukuran_teks`] of the printed columns).
    pub ukuran: Pt,
    /// The space between the lines of a cell ([`JARAK_BARIS_EM`]).
    pub jarak_baris: Pt,
    /// A cell's padding.
    pub inset: InsetTypst,
    /// The table set in portrait, under its sentence; for a landscape table of a few rows whose
    /// columns fit a portrait line, the layout tried there first. None when the table stands
    /// on landscape pages only.
    pub tegak: Option<TataTypst>,
    /// The table on landscape pages of its own; None for a portrait table.
    pub datar: Option<TataTypst>,
    /// Each printed column's alignment ("kiri-atas", "tengah-atas" or "kanan-atas"): the
    /// table's per-column `align`, which a cell given as text alone takes.
    pub rata: Vec<&'static str>,
    /// The column-number row under the header ("1", …, "8 = (7/6)", …).
    pub nomor_kolom: Vec<String>,
    /// Notes printed under the table.
    pub catatan: Vec<String>,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct InsetTypst {
    pub x: Pt,
    pub y: Pt,
}

/// A table laid out for one orientation: its columns' widths on that page and its cells' text
/// with the long words hyphenated where their column is too narrow for them.
#[derive(Debug, Serialize)]
pub struct TataTypst {
    pub lebar: Vec<Pt>,
    /// Header cells in flow order (row by row, each in the first free position).
    pub kepala: Vec<KepalaTypst>,
    /// The rows of the header grid (the column-number row under it not counted).
    pub tinggi_kepala: usize,
    pub baris: Vec<BarisTypst>,
    /// Where the page leaves room for the table: for portrait, the line's width and the lowest
    /// point of the text area (the page's height less its bottom margin), against which a
    /// landscape table is tried under its sentence; for landscape, the page's margins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bidang: Option<Pt>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batas: Option<Pt>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<MarginTypst>,
    /// Whether every node fits a page under the header (as estimated), so that each page the
    /// table fills begins with a node of its own: only then is it typeset in parts
    /// ([`TabelTypst::potongan`]).
    #[serde(skip)]
    pub baris_muat: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct KepalaTypst {
    pub teks: String,
    pub tinggi: usize,
    pub lebar: usize,
    /// The first printed column it stands over.
    #[serde(skip)]
    pub kolom: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct BarisTypst {
    /// "kelompok", "urusan", "bidang", "program", "kegiatan", "sub_kegiatan", "jumlah" or "nihil": decides weight, fill
    /// and padding in Typst.
    pub jenis: &'static str,
    /// The row's key in its table (`"program 4.5.2"`, [`Baris::kunci`]), carried by the row's
    /// marker in the layout for the layout lint's findings.
    pub kunci: String,
    /// How many table rows (indicator lines) from this node's first stand together on one
    /// page ([`ikat`]): its own lines for a node free to end a page, more at the first node of
    /// a group (a heading with its first child, the last rows with the total and the notes
    /// under the table, a line of its own), 0 for a node inside an earlier node's group.
    pub ikat: usize,
    /// The cells of the row's first line; a cell that stands for the whole node (its name,
    /// pagu, lokasi, …) spans every indicator line below (`tinggi`).
    pub sel: Vec<SelTypst>,
    /// Each further indicator line: its own cells, in the columns the spanning cells leave
    /// free, so that each indicator's values stand on the line of its text.
    pub susulan: Vec<Vec<SelTypst>>,
}

/// A body cell. It reaches Typst as its text alone when it is one line of text standing in one
/// column and one indicator line with its column's alignment ([`TabelTypst::rata`], the table's
/// per-column `align`), as most cells do, else with its alignment and spans: a table of a
/// thousand rows is then a list of strings Typst reads quickly, not a dictionary a cell.
#[derive(Debug, Clone)]
pub struct SelTypst {
    /// The printed text; lines of a multi-line cell are separated by "\n".
    pub teks: String,
    /// "kiri-atas", "tengah-atas" or "kanan-atas".
    pub rata: &'static str,
    /// Columns spanned.
    pub lebar: usize,
    /// Indicator lines spanned (1, or the node's number of lines for a cell of the whole node).
    pub tinggi: usize,
    /// Whether `rata` is its column's alignment.
    pub rata_kolom: bool,
}

impl SelTypst {
    /// A cell of one line over `lebar` columns, aligned by `rata`.
    fn baru(teks: String, rata: &'static str, lebar: usize) -> SelTypst {
        SelTypst { teks, rata, lebar, tinggi: 1, rata_kolom: false }
    }

    /// A cell of one line and one column, aligned as its column (`rata`).
    fn kolom(teks: String, rata: &'static str) -> SelTypst {
        SelTypst { teks, rata, lebar: 1, tinggi: 1, rata_kolom: true }
    }
}

impl Serialize for SelTypst {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.rata_kolom && self.lebar == 1 && self.tinggi == 1 && !self.teks.contains('\n') {
            return serializer.serialize_str(&self.teks);
        }
        let mut sel = serializer.serialize_struct("SelTypst", 4)?;
        sel.serialize_field("teks", &self.teks)?;
        sel.serialize_field("rata", self.rata)?;
        sel.serialize_field("lebar", &self.lebar)?;
        sel.serialize_field("tinggi", &self.tinggi)?;
        sel.end()
    }
}

impl BarisTypst {
    /// Every cell with its indicator line (None for a cell of the first line spanning them
    /// all, or of a row of one line) and the printed column it starts in.
    fn sel_di(&self) -> Vec<(Option<usize>, usize, &SelTypst)> {
        let mut out = Vec::with_capacity(self.sel.len() * (1 + self.susulan.len()));
        let mut kolom = 0;
        let mut bebas: Vec<usize> = Vec::new();
        let satu = self.susulan.is_empty();
        for s in &self.sel {
            let garis = (!satu && s.tinggi == 1).then_some(0);
            out.push((garis, kolom, s));
            if s.tinggi == 1 {
                bebas.extend(kolom..kolom + s.lebar);
            }
            kolom += s.lebar;
        }
        for (g, line) in self.susulan.iter().enumerate() {
            let mut i = 0;
            for s in line {
                out.push((Some(g + 1), bebas.get(i).copied().unwrap_or(kolom), s));
                i += s.lebar;
            }
        }
        out
    }

    /// The row with each cell's text replaced by `f(printed column, cell)`.
    fn ganti_teks(&self, mut f: impl FnMut(usize, &SelTypst) -> String) -> BarisTypst {
        let mut di = self.sel_di().into_iter().map(|(_, kolom, s)| SelTypst { teks: f(kolom, s), ..s.clone() });
        let sel = di.by_ref().take(self.sel.len()).collect();
        let susulan = self.susulan.iter().map(|line| di.by_ref().take(line.len()).collect()).collect();
        BarisTypst { jenis: self.jenis, kunci: self.kunci.clone(), ikat: self.ikat, sel, susulan }
    }

    /// The row as the width solver measures it, its text `ukuran` points.
    fn ukur(&self, ukuran: f64) -> width::BarisUkur {
        let tebal = self.tebal();
        let sel = self
            .sel_di()
            .into_iter()
            .map(|(garis, kolom, s)| width::SelUkur {
                kolom,
                lebar: s.lebar,
                garis,
                paragraf: s.teks.split('\n').map(|line| potongan_baris(line, tebal, ukuran)).collect(),
            })
            .collect();
        width::BarisUkur { sel, garis: 1 + self.susulan.len() }
    }

    /// Program, heading and total rows are set bold, kegiatan and sub-kegiatan rows regular,
    /// as `renja.typ` sets them.
    fn tebal(&self) -> bool {
        !matches!(self.jenis, "kegiatan" | "sub_kegiatan")
    }

    /// Whether its long words may be hyphenated: the rows of the plan's tree.
    fn penggal(&self) -> bool {
        matches!(self.jenis, "program" | "kegiatan" | "sub_kegiatan")
    }
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

/// The size of the column-number row's text, as `renja.typ` sets it (`ukuran-nomor-kolom`).
const UKURAN_NOMOR_KOLOM: f64 = 7.0;

/// The column-number row of the printed columns `tampil`.
fn tabel_nomor_kolom(tabel: &Tabel, tampil: &[usize]) -> Vec<String> {
    tampil.iter().map(|&c| tabel.kolom[c].nomor.clone()).collect()
}

/// The space between two lines of a cell, in em: tight, so that a row stays short.
const JARAK_BARIS_EM: f64 = 0.45;

/// The height of `baris` set in columns `lebar` (its header and caption left out), as the
/// width solver estimates it ([`width::BarisUkur::tinggi`]).
fn tinggi_baris(baris: &[BarisTypst], lebar: &[Pt], ukuran: f64) -> f64 {
    let lebar: Vec<f64> = lebar.iter().map(|w| w.0).collect();
    let huruf = huruf(ukuran);
    baris.iter().map(|b| b.ukur(ukuran).tinggi(&lebar, &huruf)).sum()
}

/// The table face's measures at `ukuran` points.
fn huruf(ukuran: f64) -> width::Huruf {
    width::Huruf {
        spasi: lebar_em_sans(" ", false) * ukuran,
        kapital: crate::fonts::tinggi_kapital_sans() * ukuran,
        jarak: JARAK_BARIS_EM * ukuran,
        inset_x: inset_x(ukuran),
    }
}

/// A line of a cell cut into the pieces a line cannot break inside, each with its width in
/// points and whether a space stands before it: words, split again after a hyphen or a
/// slash; a figure and its unit (joined by a no-break space) one piece.
fn potongan_baris(line: &str, tebal: bool, ukuran: f64) -> Vec<(f64, bool)> {
    let mut out = Vec::new();
    for (k, kata) in line.split(' ').filter(|k| !k.is_empty()).enumerate() {
        let mut awal = 0;
        let mut pertama = true;
        for (i, c) in kata.char_indices() {
            let akhir = i + c.len_utf8();
            if matches!(c, '-' | '/') && akhir < kata.len() && i > awal {
                out.push((lebar_em_sans(&kata[awal..akhir], tebal) * ukuran, k > 0 && pertama));
                pertama = false;
                awal = akhir;
            }
        }
        out.push((lebar_em_sans(&kata[awal..], tebal) * ukuran, k > 0 && pertama));
    }
    out
}

/// A landscape table of at most this many rows is tried in portrait under its sentence; a
/// longer one never fits there.
const BARIS_COBA_TEGAK: usize = 40;

/// The fewest lines of body text a page may hold (other than a chapter's first and last):
/// the last rows of a table that breaks across pages hold at least these many together.
pub const GARIS_HALAMAN_PALING_SEDIKIT: f64 = 6.0;

/// Whether row `atas` must stand on the page of the row after it, `bawah`: a heading (a group
/// heading, an urusan or a bidang) with what it introduces, a program or kegiatan with its
/// first child, a row with the total under it. So no parent row ends a page without its first
/// child, and no "(lanjutan)" page holds only a total.
fn tetap_bersama(atas: &str, bawah: &str) -> bool {
    const POHON: [&str; 6] = ["kelompok", "urusan", "bidang", "program", "kegiatan", "sub_kegiatan"];
    let tingkat = |jenis: &str| POHON.iter().position(|j| *j == jenis);
    match (tingkat(atas), tingkat(bawah)) {
        // A heading introduces any row of the tree under it, a heading of its own kind
        // included (a bidang under its urusan is printed as an urusan row in some tables).
        (Some(a), Some(b)) => a <= 2 || a < b,
        _ => bawah == "jumlah" && atas != "nihil",
    }
}

/// The share of the room under a table's repeated header that a group of rows kept together
/// may take at most (by its rows' estimated heights, which Typst's lines may exceed a little),
/// so that a group always fits a page.
const BAGIAN_HALAMAN_IKATAN: f64 = 0.98;

/// The room the first group of a table leaves, on its first page, for the table's caption and
/// the sentence introducing it: a share of the page's text area.
const BAGIAN_HALAMAN_JUDUL: f64 = 0.25;

/// The nodes kept on one page, as [`BarisTypst::ikat`] counts them (in table rows): each node
/// with the next one where [`tetap_bersama`] says so, the last node with the `catatan` notes
/// under the table (a further row after the nodes), and, from the end, as many nodes as make
/// [`GARIS_HALAMAN_PALING_SEDIKIT`] lines at least, so that the table's last page is never
/// near empty. A group is at most [`BAGIAN_HALAMAN_IKATAN`] of `ruang` high (the text area
/// under the repeated header; the first group, less [`BAGIAN_HALAMAN_JUDUL`] of `bidang`, the
/// text area), by the heights the width solver estimates: where a chain of such nodes is
/// higher, it is cut between its first nodes (the nodes nearest the child stay together),
/// except the table's first chain, cut after as many nodes as its room holds. A node whose
/// group began above it gets 0.
///
/// Returns the height of the tallest node.
fn ikat(baris: &mut [BarisTypst], lebar: &[Pt], ukuran: f64, catatan: usize, bidang: f64, ruang: f64) -> f64 {
    let n = baris.len();
    if n == 0 {
        return 0.0;
    }
    let lebar: Vec<f64> = lebar.iter().map(|w| w.0).collect();
    let huruf = huruf(ukuran);
    let tinggi: Vec<f64> = baris.iter().map(|b| b.ukur(ukuran).tinggi(&lebar, &huruf)).collect();
    // bersama[i]: node i stands on the page of node i + 1 (node n: the notes).
    let mut bersama: Vec<bool> =
        (0..n).map(|i| i + 1 < n && tetap_bersama(baris[i].jenis, baris[i + 1].jenis)).collect();
    // The lines of text a node's height holds: a line a capital's height with the cells' line
    // spacing, once the padding of each of its indicator lines is taken off (fewer where a
    // spanning cell is the tallest, so the count errs on the side of more rows kept).
    let garis = |b: &BarisTypst, h: f64| {
        let k = (1 + b.susulan.len()) as f64;
        ((h - k * (2.0 * INSET_Y - huruf.jarak)) / (huruf.kapital + huruf.jarak) + 1e-6).floor().max(k)
    };
    let mut jumlah_garis = 0.0;
    for i in (1..n).rev() {
        jumlah_garis += garis(&baris[i], tinggi[i]);
        if jumlah_garis >= GARIS_HALAMAN_PALING_SEDIKIT {
            break;
        }
        bersama[i - 1] = true;
    }
    let muat = |awal: usize, h: f64| {
        let ruang = if awal == 0 { ruang - BAGIAN_HALAMAN_JUDUL * bidang } else { ruang };
        h <= BAGIAN_HALAMAN_IKATAN * ruang
    };
    // The table's first group stands under its caption: where its chain is too high for the
    // room there, it is cut after as many nodes as fit, so the caption's page is not left
    // with a lone heading.
    let (mut akhir_awal, mut h) = (0, tinggi[0]);
    while akhir_awal + 1 < n && bersama[akhir_awal] && muat(0, h + tinggi[akhir_awal + 1]) {
        akhir_awal += 1;
        h += tinggi[akhir_awal];
    }
    if akhir_awal + 1 < n && bersama[akhir_awal] {
        bersama[akhir_awal] = false;
    }
    // Groups from the end: nodes awal..=akhir, and the notes with the last node.
    let mut akhir = n - 1;
    loop {
        let (mut awal, mut h) = (akhir, tinggi[akhir]);
        while awal > 0 && bersama[awal - 1] && muat(awal - 1, h + tinggi[awal - 1]) {
            awal -= 1;
            h += tinggi[awal];
        }
        let catatan_di_sini = usize::from(catatan > 0 && akhir == n - 1);
        let garis_tabel: usize = baris[awal..=akhir].iter().map(|b| 1 + b.susulan.len()).sum();
        baris[awal].ikat = garis_tabel + catatan_di_sini;
        for b in &mut baris[awal + 1..=akhir] {
            b.ikat = 0;
        }
        if awal == 0 {
            break;
        }
        akhir = awal - 1;
    }
    tinggi.into_iter().fold(0.0, f64::max)
}

/// A lower bound of the height of the header (bold text) and the column-number row under it
/// in columns `lebar`: in each column, the header cells that stand over it are stacked.
fn tinggi_kepala_paling_rendah(kepala: &[KepalaTypst], lebar: &[Pt], ukuran: f64) -> f64 {
    let huruf = huruf(ukuran);
    let mut kolom = vec![0.0; lebar.len()];
    for k in kepala {
        let ruang = lebar[k.kolom..k.kolom + k.lebar].iter().map(|w| w.0).sum::<f64>() - 2.0 * huruf.inset_x;
        let sel = width::SelUkur {
            kolom: k.kolom,
            lebar: k.lebar,
            garis: None,
            paragraf: k.teks.split('\n').map(|line| potongan_baris(line, true, ukuran)).collect(),
        };
        let n = sel.jumlah_baris(ruang, huruf.spasi) as f64;
        let h = 2.0 * INSET_Y + n * huruf.kapital + (n - 1.0) * huruf.jarak;
        for c in &mut kolom[k.kolom..k.kolom + k.lebar] {
            *c += h;
        }
    }
    kolom.into_iter().fold(0.0, f64::max) + 2.0 * INSET_Y
}

impl TabelTypst {
    /// The table as the PDF receives it on paper `kertas`.
    pub fn of(tabel: &Tabel, kertas: Kertas) -> TabelTypst {
        // The columns the PDF prints, in order (an export-only column is left out).
        let tampil: Vec<usize> = (0..tabel.kolom.len()).filter(|&c| tabel.kolom[c].di_pdf).collect();
        let kepala: Vec<KepalaTypst> = tabel
            .kepala
            .iter()
            .filter_map(|k| {
                let lebar = (k.kolom..k.kolom + k.lebar).filter(|c| tampil.contains(c)).count();
                let kolom = tampil.iter().position(|&c| c >= k.kolom)?;
                (lebar > 0).then(|| KepalaTypst { teks: k.teks.clone(), tinggi: k.tinggi, lebar, kolom })
            })
            .collect();
        let baris: Vec<BarisTypst> =
            tabel.kelompok_baris().into_iter().map(|rows| baris(tabel, &tampil, &tabel.baris[rows])).collect();
        let ukuran = super::ukuran_teks(tampil.len(), kertas);
        let hanya_tegak = !tabel.datar || baris.iter().all(|b| b.jenis == "nihil");
        let kebutuhan = kebutuhan(tabel, &tampil, &kepala, &baris, ukuran, width::bidang(kertas, !hanya_tegak));
        // What the widths are measured on: the rows, and the header as one row of cells
        // spanning its lines.
        let huruf = huruf(ukuran);
        let kepala_ukur = width::BarisUkur {
            sel: kepala
                .iter()
                .map(|k| width::SelUkur {
                    kolom: k.kolom,
                    lebar: k.lebar,
                    garis: None,
                    paragraf: vec![potongan_baris(&k.teks, true, ukuran)],
                })
                .collect(),
            garis: 1,
        };
        let baris_ukur: Vec<width::BarisUkur> = baris.iter().map(|b| b.ukur(ukuran)).collect();
        let (lebar_kertas, tinggi_kertas) = width::kertas(kertas);
        let ukur = |datar: bool| width::TabelUkur {
            kepala: kepala_ukur.clone(),
            baris: baris_ukur.clone(),
            tinggi_halaman: if datar {
                lebar_kertas - width::MARGIN_DATAR.atas - width::MARGIN_DATAR.bawah
            } else {
                tinggi_kertas - width::MARGIN_TEGAK.atas - width::MARGIN_TEGAK.bawah
            },
        };
        let lebar_kolom =
            |datar: bool| width::lebar_kolom(&kebutuhan, &ukur(datar), &huruf, width::bidang(kertas, datar));
        let tata = |datar: bool, lebar: Vec<f64>| {
            let (kepala, mut baris) = teks_pada_lebar(&kebutuhan, &lebar, &kepala, &baris, ukuran);
            let (_, tinggi) = width::kertas(kertas);
            let lebar: Vec<Pt> = lebar.into_iter().map(Pt).collect();
            let tinggi_bidang = if datar {
                width::kertas(kertas).0 - width::MARGIN_DATAR.atas - width::MARGIN_DATAR.bawah
            } else {
                tinggi - width::MARGIN_TEGAK.atas - width::MARGIN_TEGAK.bawah
            };
            let ruang = tinggi_bidang - tinggi_kepala_paling_rendah(&kepala, &lebar, ukuran);
            let tertinggi = ikat(&mut baris, &lebar, ukuran, tabel.catatan.len(), tinggi_bidang, ruang);
            let tinggi_kepala = kepala.iter().map(|k| k.tinggi * k.lebar).sum::<usize>() / lebar.len().max(1);
            TataTypst {
                lebar,
                tinggi_kepala,
                kepala,
                baris,
                bidang: (!datar).then_some(Pt(width::bidang(kertas, false))),
                batas: (!datar).then_some(Pt(tinggi - width::MARGIN_TEGAK.bawah)),
                margin: datar.then_some(width::MARGIN_DATAR.into()),
                // With a tenth of the room to spare for what the estimate misses.
                baris_muat: tertinggi <= 0.9 * ruang,
            }
        };
        let datar = (!hanya_tegak).then(|| tata(true, lebar_kolom(true)));
        let tegak = (hanya_tegak || baris.len() <= BARIS_COBA_TEGAK)
            .then(|| {
                // A landscape table is tried in portrait only if it is not a wide one (more
                // than 11 columns, as Tabel 2.2's 13), every column holds its widest whole word
                // there and its rows could fit a page's text area.
                if hanya_tegak {
                    return Some(tata(false, lebar_kolom(false)));
                }
                let (_, tinggi) = width::kertas(kertas);
                let area = tinggi - width::MARGIN_TEGAK.atas - width::MARGIN_TEGAK.bawah;
                (!super::tabel_lebar(tampil.len()) && width::muat_utuh(&kebutuhan, width::bidang(kertas, false)))
                    .then(|| tata(false, lebar_kolom(false)))
                    .filter(|t| tinggi_baris(&t.baris, &t.lebar, ukuran) <= area)
            })
            .flatten();
        TabelTypst {
            nomor: tabel.nomor.as_str(),
            judul: tabel.judul.clone(),
            ukuran: Pt(ukuran),
            jarak_baris: Pt(JARAK_BARIS_EM * ukuran),
            inset: InsetTypst { x: Pt(inset_x(ukuran)), y: Pt(INSET_Y) },
            tegak,
            datar,
            rata: tampil.iter().map(|&c| rata(tabel.kolom[c].rata)).collect(),
            nomor_kolom: tabel_nomor_kolom(tabel, tampil.as_slice()),
            catatan: tabel.catatan.clone(),
        }
    }

    /// Rows `baris` (nodes) of a table set on landscape pages only, as a table of their own
    /// that prints like those rows of the whole one ([`crate::document::segment`]): the same
    /// columns and header; the notes only under a part that ends the table; a group that
    /// runs past the part's last row held only as far as that row. None for a portrait table
    /// or rows it does not have.
    pub fn potongan(&self, baris: std::ops::Range<usize>) -> Option<TabelTypst> {
        let datar = self.datar.as_ref().filter(|d| self.tegak.is_none() && d.baris_muat)?;
        let rows = datar.baris.get(baris.clone())?;
        let akhir = baris.end == datar.baris.len();
        let mut rows = rows.to_vec();
        if !akhir {
            // Lines from each row to the part's end: no group may span rows the part lacks.
            let mut sisa = 0;
            for b in rows.iter_mut().rev() {
                sisa += 1 + b.susulan.len();
                b.ikat = b.ikat.min(sisa);
            }
        }
        Some(TabelTypst {
            nomor: self.nomor,
            judul: self.judul.clone(),
            ukuran: self.ukuran,
            jarak_baris: self.jarak_baris,
            inset: self.inset,
            tegak: None,
            datar: Some(TataTypst {
                lebar: datar.lebar.clone(),
                kepala: datar.kepala.clone(),
                tinggi_kepala: datar.tinggi_kepala,
                baris: rows,
                bidang: datar.bidang,
                batas: datar.batas,
                margin: datar.margin,
                baris_muat: datar.baris_muat,
            }),
            rata: self.rata.clone(),
            nomor_kolom: self.nomor_kolom.clone(),
            catatan: if akhir { self.catatan.clone() } else { Vec::new() },
        })
    }

    /// The rows as printed on the table's own pages: landscape if it has them, else portrait.
    pub fn baris(&self) -> &[BarisTypst] {
        self.datar.as_ref().or(self.tegak.as_ref()).map_or(&[], |t| &t.baris)
    }
}

/// The body cells that stand in one column: (printed column, row, cell).
fn sel_satu_kolom(baris: &[BarisTypst]) -> impl Iterator<Item = (usize, &BarisTypst, &SelTypst)> {
    baris
        .iter()
        .flat_map(|b| b.sel_di().into_iter().filter(|(_, _, s)| s.lebar == 1).map(move |(_, kolom, s)| (kolom, b, s)))
}

/// What each printed column needs, in points with the cell's inset, from its single-column
/// header cells (bold) and every body cell that spans one column (bold on program, heading and
/// total rows): its widest whole word, its widest piece with the body's long words cut where
/// Indonesian allows (the header whole), then with units cut at their syllables too, then with
/// every plain word of the body cut at its syllables, then with the header's too, and its
/// longest line. The pieces are measured only when a line `bidang` points wide cannot hold
/// every column's widest whole word; else each is that word, all the widths need.
fn kebutuhan(
    tabel: &Tabel,
    tampil: &[usize],
    kepala: &[KepalaTypst],
    baris: &[BarisTypst],
    ukuran: f64,
    bidang: f64,
) -> Vec<Kebutuhan> {
    let kosong = 2.0 * inset_x(ukuran);
    let mut out: Vec<Kebutuhan> = tampil
        .iter()
        .map(|&c| {
            let (tetap, fr) = match tabel.kolom[c].lebar_pdf {
                Lebar::Cm(v) => (Some(v * CM), 0.0),
                Lebar::Fr(v) => (None, v),
            };
            Kebutuhan {
                tetap,
                fr,
                utuh: kosong,
                suku: kosong,
                suku_longgar: kosong,
                suku_darurat: kosong,
                suku_kepala: kosong,
                isi: kosong,
            }
        })
        .collect();
    let pt = |teks: &str, tebal: bool| lebar_em_sans(teks, tebal) * ukuran + kosong;
    let terlebar = |teks: &str, tebal: bool| kata_utuh(teks).iter().map(|k| pt(k, tebal)).fold(0.0, f64::max);
    // A figure with its unit ("3.715 Buah") counts as one word while whole words fit.
    let terlebar_bersatuan =
        |teks: &str, tebal: bool| kata(teks, &[' ', '\n', '\t']).iter().map(|k| pt(k, tebal)).fold(0.0, f64::max);
    // The column-number row ("10 = (5+7+9)") is set whole, in 7 pt, and so is the header's
    // every word but by the last resort: what no cutting of the body makes narrower.
    let mut nomor = vec![kosong; tampil.len()];
    for (i, n) in tabel_nomor_kolom(tabel, tampil).iter().enumerate() {
        nomor[i] = nomor[i].max(lebar_em_sans(n, false) * UKURAN_NOMOR_KOLOM + kosong);
    }
    let mut lantai = nomor.clone();
    for k in kepala.iter().filter(|k| k.lebar == 1) {
        lantai[k.kolom] = lantai[k.kolom].max(terlebar(&k.teks, true));
    }
    for (kolom, &w) in out.iter_mut().zip(&lantai) {
        kolom.utuh = w;
    }
    for (k, b, s) in sel_satu_kolom(baris) {
        let tebal = b.tebal();
        let kolom = &mut out[k];
        kolom.utuh = kolom.utuh.max(terlebar(&s.teks, tebal).max(terlebar_bersatuan(&s.teks, tebal)));
        kolom.isi = kolom.isi.max(s.teks.split('\n').map(|line| pt(line, tebal)).fold(0.0, f64::max));
    }
    for kolom in &mut out {
        (kolom.suku, kolom.suku_longgar, kolom.suku_darurat, kolom.suku_kepala) =
            (kolom.utuh, kolom.utuh, kolom.utuh, kolom.utuh);
    }
    // Words are cut only where the line cannot hold them whole: the cut pieces are measured
    // only then.
    if width::muat_utuh(&out, bidang) {
        return out;
    }
    for ((kolom, &w), &n) in out.iter_mut().zip(&lantai).zip(&nomor) {
        (kolom.suku, kolom.suku_longgar, kolom.suku_darurat, kolom.suku_kepala) = (w, w, w, n);
    }
    for k in kepala.iter().filter(|k| k.lebar == 1) {
        let kolom = &mut out[k.kolom];
        kolom.suku_kepala = kolom.suku_kepala.max(terlebar(&hyphenate::sisipkan(&k.teks, Aturan::Darurat), true));
    }
    for (k, b, s) in sel_satu_kolom(baris) {
        let tebal = b.tebal();
        let kolom = &mut out[k];
        let utuh = terlebar(&s.teks, tebal).max(terlebar_bersatuan(&s.teks, tebal));
        let suku = |aturan| if b.penggal() { terlebar(&hyphenate::sisipkan(&s.teks, aturan), tebal) } else { utuh };
        kolom.suku = kolom.suku.max(suku(Aturan::Ketat));
        kolom.suku_longgar = kolom.suku_longgar.max(suku(Aturan::Longgar));
        let darurat = suku(Aturan::Darurat);
        kolom.suku_darurat = kolom.suku_darurat.max(darurat);
        kolom.suku_kepala = kolom.suku_kepala.max(darurat);
    }
    out
}

/// The header and the rows with their text for columns `lebar` points wide: where a column is
/// narrower than its widest whole word, each long word wider than the column is hyphenated
/// (one soft hyphen where a line must break, [`width::penggal`]); every other word keeps its
/// plain text, in the PDF's text too. A figure and its unit ("1.325 Surat", joined by a
/// no-break space) stay on one line unless the column is too narrow for them.
fn teks_pada_lebar(
    kebutuhan: &[Kebutuhan],
    lebar: &[f64],
    kepala: &[KepalaTypst],
    baris: &[BarisTypst],
    ukuran: f64,
) -> (Vec<KepalaTypst>, Vec<BarisTypst>) {
    // Per column, the line's width in em where its words must be cut, and by which rule: where
    // Indonesian allows, or, in a column narrower than that needs, units at their syllables
    // too, or, narrower still, every plain word.
    let muat: Vec<Option<(f64, Aturan)>> = lebar
        .iter()
        .zip(kebutuhan)
        .map(|(&w, k)| {
            let aturan = if w >= k.suku {
                Aturan::Ketat
            } else if w >= k.suku_longgar {
                Aturan::Longgar
            } else {
                Aturan::Darurat
            };
            (w < k.utuh).then(|| ((w - 2.0 * inset_x(ukuran)) / ukuran, aturan))
        })
        .collect();
    // The header is never cut, unless its column is narrower than its words (the last resort
    // of a page that cannot hold the table otherwise): only a word wider than the line is cut.
    let kepala = kepala
        .iter()
        .map(|k| match muat[k.kolom] {
            Some((muat, _)) if k.lebar == 1 => {
                KepalaTypst { teks: penggal_teks(&k.teks, true, muat, Aturan::Darurat), ..k.clone() }
            }
            _ => k.clone(),
        })
        .collect();
    let baris = baris
        .iter()
        .map(|b| {
            let tebal = b.tebal();
            b.ganti_teks(|di, s| {
                let mut teks = match muat[di] {
                    Some((muat, aturan)) if s.lebar == 1 && b.penggal() => penggal_teks(&s.teks, tebal, muat, aturan),
                    _ => s.teks.clone(),
                };
                if s.teks.contains('\u{a0}') {
                    let ruang = lebar[di..di + s.lebar].iter().sum::<f64>() - 2.0 * inset_x(ukuran);
                    if s.teks.split('\n').any(|line| lebar_em_sans(line, tebal) * ukuran > ruang) {
                        teks = teks.replace('\u{a0}', " ");
                    }
                }
                teks
            })
        })
        .collect();
    (kepala, baris)
}

/// `teks` with each word that `aturan` lets break and that is wider than `muat` em broken for
/// that line: one soft hyphen, where [`width::penggal`] puts it (a morpheme boundary
/// preferred), so that the PDF's text keeps the word in two pieces at most; only a column too
/// narrow for that gets a word over more lines.
fn penggal_teks(teks: &str, tebal: bool, muat: f64, aturan: Aturan) -> String {
    let tanda_hubung = lebar_em_sans("-", tebal);
    let mut out = String::with_capacity(teks.len() + 4);
    for hyphenate::PotonganKata { teks: kata, titik } in hyphenate::potong(teks, aturan) {
        if titik.is_empty() || lebar_em_sans(&kata, tebal) <= muat {
            out.push_str(&kata);
            continue;
        }
        // The start measured with its hyphen, as `kata_utuh` gives it to the column widths.
        let calon: Vec<width::Calon> = titik
            .iter()
            .map(|t| width::Calon {
                awal: lebar_em_sans(&format!("{}-", &kata[..t.posisi]), tebal),
                sisa: lebar_em_sans(&kata[t.posisi..], tebal),
                morfem: t.jenis == hyphenate::JenisTitik::Morfem,
            })
            .collect();
        if let Some(j) = width::penggal(&calon, muat) {
            let p = titik[j].posisi;
            out.push_str(&kata[..p]);
            out.push(hyphenate::TANDA_PENGGAL);
            out.push_str(&kata[p..]);
            continue;
        }
        let mut awal = 0;
        let suku: Vec<&str> = titik
            .iter()
            .map(|t| t.posisi)
            .chain([kata.len()])
            .map(|p| {
                let s = &kata[awal..p];
                awal = p;
                s
            })
            .collect();
        let em: Vec<f64> = suku.iter().map(|s| lebar_em_sans(s, tebal)).collect();
        out.push_str(&width::penggal_rakus(&suku, &em, muat, tanda_hubung));
    }
    out
}

/// The pieces of a text a line cannot break inside: split at spaces, after a hyphen or a
/// slash as Unicode line breaking allows, at a soft hyphen (the piece then ends in "-"), and
/// between a figure and its unit (kept together only where the column has room,
/// [`teks_pada_lebar`]); "Tahun ke-5" stays whole as the header sets it.
fn kata_utuh(teks: &str) -> Vec<String> {
    kata(teks, &[' ', '\n', '\t', '\u{a0}'])
}

/// [`kata_utuh`], with words separated by `spasi` only.
fn kata(teks: &str, spasi: &[char]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for kata in teks.split(spasi).filter(|k| !k.is_empty()) {
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
            } else if c == hyphenate::TANDA_PENGGAL {
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
        JenisBaris::Kelompok => vec![SelTypst::baru(text(first, 0), KIRI, n)],
        JenisBaris::Nihil => vec![SelTypst::baru(text(first, 0), TENGAH, n)],
        JenisBaris::Urusan => {
            vec![SelTypst::baru(text(first, 0), KIRI, 1), SelTypst::baru(text(first, 1), KIRI, n - 1)]
        }
        JenisBaris::Jumlah => jumlah(tabel, tampil, first),
        // An urusan or bidang heading of the SIPD-RI layout: its name runs on over the empty
        // columns after it up to its first figure (its pagu), as SIPD-RI prints it, instead of
        // standing in the name column's width alone.
        JenisBaris::Bidang if tabel.kolom_ke("nama").is_some_and(|nama| tampil.contains(&nama)) => {
            let mut sel: Vec<SelTypst> = Vec::new();
            let mut sambung = false;
            for &c in tampil {
                let k = &tabel.kolom[c];
                if sambung
                    && first.sel[c].isi == Isi::Kosong
                    && let Some(nama) = sel.last_mut()
                {
                    nama.lebar += 1;
                    continue;
                }
                sambung = k.kunci == "nama";
                sel.push(SelTypst::kolom(text(first, c), rata(k.rata)));
            }
            sel
        }
        JenisBaris::Bidang | JenisBaris::Program | JenisBaris::Kegiatan | JenisBaris::SubKegiatan => {
            // The node's cells span its indicator lines; each further line holds its own
            // indicator cells (a table without such columns keeps one line).
            let per_garis: Vec<usize> = tampil.iter().copied().filter(|&c| !tabel.kolom[c].gabung).collect();
            let lines = if per_garis.is_empty() { &lines[..1] } else { lines };
            let sel = tampil
                .iter()
                .map(|&c| {
                    let k = &tabel.kolom[c];
                    let tinggi = if k.gabung { lines.len() } else { 1 };
                    SelTypst { teks: text(first, c), rata: rata(k.rata), lebar: 1, tinggi, rata_kolom: true }
                })
                .collect();
            let susulan: Vec<Vec<SelTypst>> = lines[1..]
                .iter()
                .map(|b| per_garis.iter().map(|&c| SelTypst::kolom(text(b, c), rata(tabel.kolom[c].rata))).collect())
                .collect();
            return BarisTypst {
                jenis: first.jenis.label(),
                kunci: first.kunci.clone().unwrap_or_default(),
                ikat: 1 + susulan.len(),
                sel,
                susulan,
            };
        }
    };
    BarisTypst {
        jenis: first.jenis.label(),
        kunci: first.kunci.clone().unwrap_or_default(),
        ikat: 1,
        sel,
        susulan: Vec::new(),
    }
}

/// A total row: its label centred across the columns up to the first figure, then each figure
/// in its column and every run of empty columns as one empty cell.
fn jumlah(tabel: &Tabel, tampil: &[usize], b: &Baris) -> Vec<SelTypst> {
    let n = tampil.len();
    let kosong = |i: usize| b.sel[tampil[i]].isi == Isi::Kosong;
    let first_figure = (1..n).find(|&i| !kosong(i)).unwrap_or(n);
    let mut out = vec![SelTypst::baru(
        cetak::sel(&b.sel[tampil[0]], None, tabel.desimal_persen).into_owned(),
        TENGAH,
        first_figure,
    )];
    for (i, &c) in tampil.iter().enumerate().skip(first_figure) {
        let sel = &b.sel[c];
        if sel.isi == Isi::Kosong {
            match out.last_mut() {
                Some(empty) if i > first_figure && kosong(i - 1) => empty.lebar += 1,
                _ => out.push(SelTypst::baru(String::new(), KIRI, 1)),
            }
        } else {
            let k = &tabel.kolom[c];
            out.push(SelTypst::kolom(pdf(sel, b.satuan.as_deref(), tabel.desimal_persen), rata(k.rata)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHY: char = hyphenate::TANDA_PENGGAL;

    fn em(teks: &str) -> f64 {
        lebar_em_sans(teks, false)
    }

    #[test]
    fn a_word_wider_than_its_column_gets_one_soft_hyphen_at_a_morpheme_where_it_fits() {
        // "Ke|wenang|an" on a line as wide as "Kewenang-": both boundaries fit, the fuller wins.
        let muat = em("Kewenang-");
        assert!(em("wenangan") <= muat && em("Kewenangan") > muat);
        assert_eq!(penggal_teks("Kewenangan", false, muat, Aturan::Ketat), format!("Kewenang{SHY}an"));
        // On a line as wide as "wenangan" only "Ke-" fits, and the rest on the next line.
        let muat = em("wenangan");
        assert!(em("Kewenang-") > muat);
        assert_eq!(penggal_teks("Kewenangan", false, muat, Aturan::Ketat), format!("Ke{SHY}wenangan"));
        // Lowercase, on a line as wide as "nangan": "ke-" would leave "wenangan", too wide; the
        // syllable "kewe-".
        let muat = em("kewe-").max(em("nangan"));
        assert!(em("wenangan") > muat && em("kewenang-") > muat);
        assert_eq!(penggal_teks("kewenangan", false, muat, Aturan::Ketat), format!("kewe{SHY}nangan"));
    }

    #[test]
    fn names_units_and_words_that_fit_keep_their_plain_text() {
        let muat = em("Temang");
        assert_eq!(penggal_teks("Kabupaten Temanggung", false, muat, Aturan::Ketat), "Kabupaten Temanggung");
        assert_eq!(penggal_teks("12\u{a0}Dokumen", false, muat, Aturan::Ketat), "12\u{a0}Dokumen");
        assert_eq!(
            penggal_teks("12\u{a0}Dokumen", false, em("Doku-"), Aturan::Longgar),
            format!("12\u{a0}Doku{SHY}men")
        );
        let teks = "Penyediaan jasa penunjang";
        assert_eq!(penggal_teks(teks, false, em("Penyediaan"), Aturan::Ketat), teks);
        // "Penyelenggara-" does not fit a line as wide as "Penyelenggara": "Penye-"; the shorter
        // "pembangunan" fits whole.
        let dipenggal = penggal_teks("Penyelenggaraan pembangunan", false, em("Penyelenggara"), Aturan::Ketat);
        assert!(em("pembangunan") <= em("Penyelenggara"));
        assert_eq!(dipenggal, format!("Penye{SHY}lenggaraan pembangunan"));
    }

    fn row(jenis: &'static str, teks: &str) -> BarisTypst {
        BarisTypst {
            jenis,
            kunci: String::new(),
            ikat: 1,
            sel: vec![SelTypst::baru(teks.to_owned(), KIRI, 1)],
            susulan: Vec::new(),
        }
    }

    #[test]
    fn a_heading_or_node_stays_with_its_first_child_and_a_total_with_the_row_above() {
        assert!(tetap_bersama("kelompok", "kelompok"));
        assert!(tetap_bersama("urusan", "urusan"));
        assert!(tetap_bersama("bidang", "program"));
        assert!(tetap_bersama("program", "kegiatan"));
        assert!(tetap_bersama("kegiatan", "sub_kegiatan"));
        assert!(tetap_bersama("sub_kegiatan", "jumlah"));
        assert!(tetap_bersama("jumlah", "jumlah"));
        assert!(!tetap_bersama("program", "program"));
        assert!(!tetap_bersama("kegiatan", "program"));
        assert!(!tetap_bersama("sub_kegiatan", "kegiatan"));
        assert!(!tetap_bersama("jumlah", "program"));
        assert!(!tetap_bersama("nihil", "jumlah"));
    }

    #[test]
    fn rows_are_grouped_from_the_headings_and_the_table_end() {
        let mut baris: Vec<BarisTypst> = ["urusan", "urusan", "program", "kegiatan", "kegiatan", "program"]
            .into_iter()
            .chain(std::iter::repeat_n("kegiatan", 7))
            .chain(["jumlah"])
            .map(|j| row(j, "x"))
            .collect();
        ikat(&mut baris, &[Pt(300.0)], 9.0, 2, 1000.0, 1000.0);
        let ikat: Vec<usize> = baris.iter().map(|b| b.ikat).collect();
        // Urusan, bidang, program and its first kegiatan; a lone kegiatan; a program with its
        // first kegiatan; a kegiatan; the last six one-line rows (the total among them) with
        // the notes.
        assert_eq!(ikat, [4, 0, 0, 0, 1, 2, 0, 1, 7, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn a_node_of_several_indicator_lines_counts_them_in_its_group() {
        let mut program = row("program", "P");
        program.susulan = vec![vec![SelTypst::baru("i2".into(), KIRI, 1)], vec![SelTypst::baru("i3".into(), KIRI, 1)]];
        let sepuluh = (0..10).map(|i| i.to_string()).collect::<Vec<_>>().join("\n");
        let mut baris = vec![program, row("kegiatan", &sepuluh), row("kegiatan", &sepuluh)];
        ikat(&mut baris, &[Pt(300.0)], 9.0, 0, 1000.0, 1000.0);
        let ikat: Vec<usize> = baris.iter().map(|b| b.ikat).collect();
        // The program's three lines with its first kegiatan; the last kegiatan (ten lines) alone.
        assert_eq!(ikat, [4, 0, 1]);
    }

    #[test]
    fn a_chain_too_high_for_a_page_is_cut_at_its_top_or_under_the_caption_at_its_bottom() {
        let sepuluh = (0..10).map(|i| i.to_string()).collect::<Vec<_>>().join("\n");
        let chain = ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan"];
        let mut baris: Vec<BarisTypst> = ["sub_kegiatan"].into_iter().chain(chain).map(|j| row(j, &sepuluh)).collect();
        let h = tinggi_baris(&baris[..1], &[Pt(300.0)], 9.0);
        // Two rows fit under the header, three do not.
        ikat(&mut baris, &[Pt(300.0)], 9.0, 0, 0.0, 2.5 * h / BAGIAN_HALAMAN_IKATAN);
        let kelompok: Vec<usize> = baris.iter().map(|b| b.ikat).collect();
        assert_eq!(kelompok, [1, 1, 2, 0, 1]);

        // Opening the table, under its caption, the chain keeps its first rows instead.
        let mut baris: Vec<BarisTypst> = chain.into_iter().map(|j| row(j, &sepuluh)).collect();
        ikat(&mut baris, &[Pt(300.0)], 9.0, 0, 0.0, 2.5 * h / BAGIAN_HALAMAN_IKATAN);
        let kelompok: Vec<usize> = baris.iter().map(|b| b.ikat).collect();
        assert_eq!(kelompok, [2, 0, 1, 1]);
    }

    #[test]
    fn the_header_is_at_least_as_high_as_the_cells_stacked_in_a_column() {
        let kepala = |teks: &str, tinggi, lebar, kolom| KepalaTypst { teks: teks.into(), tinggi, lebar, kolom };
        let satu = tinggi_kepala_paling_rendah(&[kepala("A", 1, 2, 0)], &[Pt(100.0), Pt(100.0)], 9.0);
        let dua = tinggi_kepala_paling_rendah(
            &[kepala("A", 1, 2, 0), kepala("B", 1, 1, 0), kepala("C", 1, 1, 1)],
            &[Pt(100.0), Pt(100.0)],
            9.0,
        );
        assert!(dua > satu + 2.0 * INSET_Y, "{satu} {dua}");
    }
}
