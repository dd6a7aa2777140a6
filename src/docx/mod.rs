//! `renja build --format docx`: the decree appendix as a Word document, for drafting and the
//! Bagian Hukum's review (the signed artefact stays the PDF/A).
//!
//! One document model, two renderers: the writer reads the very render context the Typst
//! templates receive ([`crate::render::Rendering::data`]) — the LAMPIRAN block, the chapters and
//! sections of [`crate::kerangka::DOKUMEN`] with their numbers and parsed prose, every table as
//! [`crate::tabel::typst::TabelTypst`] (cells printed by [`crate::tabel::cetak`], spans, column
//! widths in points, orientation) and the signature block — so the .docx can never print
//! another figure than the PDF.
//!
//! Word's own means carry the layout: chapter and section titles in the built-in "heading 1/2/3"
//! styles (navigation pane, table of contents), header cells merged by `gridSpan`/`vMerge`, the
//! header and column-number rows repeated on every page (`tblHeader`), a section of landscape
//! pages for every table the PDF sets on landscape pages only, the body in Bookman Old Style
//! (the face TeX Gyre Bonum, the PDF's, was made after) and tables in Arial (Liberation Sans,
//! the PDF's, has Arial's metrics), a draft's watermark text in every page header. The figure of
//! 1.1 is the PDF's own Typst drawing rasterised ([`gambar_keterkaitan`]); the Lampiran follows
//! the signature as in the PDF. Table and figure titles carry Word's "caption" style
//! ([`GAYA_JUDUL_SISIPAN`]) and what renja generates from the data its own style
//! ([`GAYA_OTOMATIS`]), so `renja import` reads the narrative back alone.
//! docx-rs writes the package; its one gap, the `tblHeader` row property, is added to the
//! built `word/document.xml` ([`ulang_kepala`]), and the package it stores uncompressed is
//! deflated ([`mampatkan`]). No clock is read: the core properties carry
//! the document's date, so the same plan gives the same bytes.

use std::collections::BTreeMap;
use std::io::Cursor;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, Header, PageMargin, PageOrientationType, PageSize, Paragraph, Run,
    RunFonts, Section, Shading, SpecialIndentType, Style, StyleType, Table, TableAlignmentType, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VMergeType, WidthType,
};
use serde::Deserialize;

use crate::document::{BuildError, BuildOptions, TANDA_AIR_GALAT};
use crate::load::LoadedPlan;
use crate::prose::{Block, Inline};
use crate::render::{Lampiran, Meta, Renderer};

/// A table's rule, in points, as the PDF's (`stroke: 0.5pt`).
const GARIS_PT: f64 = 0.5;

/// The body's face: Bookman, as the PDF's TeX Gyre Bonum.
pub const HURUF_ISI: &str = "Bookman Old Style";
/// The tables' face: Arial, whose metrics the PDF's Liberation Sans shares.
pub const HURUF_TABEL: &str = "Arial";

/// A built Word document.
pub struct BuiltDocx {
    pub docx: Vec<u8>,
    pub computed: crate::compute::Computed,
    /// Every diagnostic of the plan: warnings, and errors when the build was forced.
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
    /// The watermark text in the page headers of a draft; None for a final document.
    pub tanda_air: Option<String>,
    /// How many tables the document holds (the LAMPIRAN block's not counted).
    pub tabel: usize,
}

/// Why a .docx could not be written.
#[derive(Debug)]
pub enum DocxError {
    Build(BuildError),
    /// The render context did not read as the writer expects, or docx-rs failed to pack.
    Tulis(String),
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            DocxError::Build(e) => e.fmt(f),
            DocxError::Tulis(m) => write!(f, "dokumen Word tidak dapat disusun: {m}"),
        }
    }
}

impl std::error::Error for DocxError {}

/// Checks, computes and writes the plan as a .docx, with the same rules as the PDF: a plan with
/// errors is refused unless forced, and then carries the "not final" watermark.
pub fn build(loaded: &LoadedPlan, options: &BuildOptions, renderer: &Renderer) -> Result<BuiltDocx, DocxError> {
    let prepared = crate::document::prepare(loaded, options, renderer).map_err(DocxError::Build)?;
    let has_errors = prepared.diagnostics.iter().any(crate::diagnostic::Diagnostic::is_error);
    let tanda_air = if has_errors { Some(TANDA_AIR_GALAT.to_owned()) } else { options.tanda_air.clone() };
    let mut plan = loaded.plan.clone();
    if let Some(kertas) = options.kertas {
        plan.pengaturan.kertas = kertas;
    }
    if let Some(ttd) = options.ttd {
        plan.penandatangan.ttd = ttd;
    }
    let data = crate::render::Rendering::build(&plan, &prepared.computed).data().map_err(tulis)?;
    let konteks: Konteks = serde_json::from_value(data).map_err(tulis)?;
    let date = crate::document::document_date(loaded, options.source_date_epoch);
    let created = format!("{:04}-{:02}-{:02}T00:00:00Z", date.year, date.month, date.day);
    let gambar = gambar_keterkaitan(renderer, date)?;
    let docx = tulis_docx(&konteks, tanda_air.as_deref(), &created, gambar)?;
    Ok(BuiltDocx {
        docx,
        computed: prepared.computed,
        warnings: prepared.diagnostics,
        tanda_air,
        tabel: konteks.tabel.len(),
    })
}

fn tulis(e: impl std::fmt::Display) -> DocxError {
    DocxError::Tulis(e.to_string())
}

/// The figure "Keterkaitan antar dokumen perencanaan" as a PNG, drawn by the PDF's own Typst
/// function (`gambar-keterkaitan` of renja.typ) and rasterised at 200 pixels per inch.
struct Gambar {
    png: Vec<u8>,
    lebar_px: u32,
    tinggi_px: u32,
}

fn gambar_keterkaitan(renderer: &Renderer, date: crate::tanggal::DocumentDate) -> Result<Gambar, DocxError> {
    let main = "#import \"renja.typ\": *\n\
                #set page(width: 15.4cm, height: auto, margin: 0.2cm, fill: white)\n\
                #set text(font: huruf-serif, lang: \"id\")\n\
                #gambar-keterkaitan()\n"
        .to_owned();
    let world = crate::typeset::RenjaWorld::new(&renderer.with_library(main), date);
    let document = world.compile().map_err(tulis)?;
    let png = crate::typeset::png_pages(&document, 200.0).map_err(tulis)?.into_iter().next();
    let png = png.ok_or_else(|| DocxError::Tulis("gambar keterkaitan tanpa halaman".to_owned()))?;
    // The PNG's own size, from its IHDR chunk.
    let dim = |at: usize| png.get(at..at + 4).and_then(|b| b.try_into().ok()).map(u32::from_be_bytes);
    match (dim(16), dim(20)) {
        (Some(lebar_px), Some(tinggi_px)) => Ok(Gambar { lebar_px, tinggi_px, png }),
        _ => Err(DocxError::Tulis("gambar keterkaitan bukan PNG".to_owned())),
    }
}

// --- The render context, as the writer reads it ------------------------------------------------

#[derive(Debug, Deserialize)]
struct Konteks {
    meta: Meta,
    lampiran: Lampiran,
    judul_dokumen: Vec<String>,
    bab: Vec<BabWord>,
    sistematika: Vec<Sistematika>,
    tabel: BTreeMap<String, TabelData>,
    penutup: PenutupWord,
    pohon_kinerja: Vec<TujuanLampiran>,
    iku: Vec<IkuLampiran>,
}

/// Lampiran 1: tujuan → sasaran → program with its indicator and formula.
#[derive(Debug, Deserialize)]
struct TujuanLampiran {
    uraian: String,
    sasaran: Vec<SasaranLampiran>,
}

#[derive(Debug, Deserialize)]
struct SasaranLampiran {
    uraian: String,
    program: Vec<ProgramLampiran>,
}

#[derive(Debug, Deserialize)]
struct ProgramLampiran {
    #[serde(default)]
    nama: String,
    #[serde(default)]
    indikator: String,
    #[serde(default)]
    rumus: Option<RumusLampiran>,
}

#[derive(Debug, Deserialize)]
struct RumusLampiran {
    pembilang: String,
    penyebut: String,
}

impl RumusLampiran {
    /// The ratio on one line, as a reader of the Word text says it.
    fn teks(&self) -> String {
        format!("{} / {} × 100%", self.pembilang, self.penyebut)
    }
}

/// Lampiran 2: an Indikator Kinerja Utama.
#[derive(Debug, Deserialize)]
struct IkuLampiran {
    indikator: String,
    rumus: RumusLampiran,
}

#[derive(Debug, Deserialize)]
struct BabWord {
    nomor: String,
    judul: String,
    halaman_baru: bool,
    bagian: Vec<BagianWord>,
}

#[derive(Debug, Deserialize)]
struct BagianWord {
    nomor: String,
    judul: String,
    tingkat: u8,
    isi: Vec<Block>,
    sisipan: Vec<SisipanWord>,
    isi_lanjutan: Vec<Block>,
    penutup: Vec<SisipanWord>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "jenis", rename_all = "snake_case")]
enum SisipanWord {
    /// The figure's title.
    GambarKeterkaitan {
        judul: String,
    },
    Sistematika,
    Tabel {
        nomor: String,
    },
    Daftar {
        nomor: String,
        judul: String,
        butir: Vec<String>,
    },
    TandaTangan,
}

#[derive(Debug, Deserialize)]
struct Sistematika {
    bab: String,
    judul: String,
    bagian: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct TabelData {
    nomor: String,
    judul: Vec<String>,
    ukuran: f64,
    /// A cell's padding in points, as the PDF's.
    inset: Inset,
    tegak: Option<Tata>,
    datar: Option<Tata>,
    /// Each printed column's alignment.
    rata: Vec<String>,
    nomor_kolom: Vec<String>,
    catatan: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Inset {
    x: f64,
    y: f64,
}

#[derive(Debug, Deserialize)]
struct Tata {
    lebar: Vec<f64>,
    kepala: Vec<SelData>,
    tinggi_kepala: usize,
    baris: Vec<BarisData>,
}

#[derive(Debug, Deserialize)]
struct BarisData {
    jenis: String,
    sel: Vec<SelData>,
    susulan: Vec<Vec<SelData>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(from = "SelMasuk")]
struct SelData {
    teks: String,
    /// None for a cell aligned as its column ([`TabelData::rata`]).
    rata: Option<String>,
    lebar: usize,
    tinggi: usize,
}

/// A cell as the render context carries it: its text alone for a cell of one column and one
/// line aligned as its column ([`crate::tabel::typst::SelTypst`]), else in full.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SelMasuk {
    Teks(String),
    Penuh {
        teks: String,
        #[serde(default)]
        rata: Option<String>,
        lebar: usize,
        tinggi: usize,
    },
}

impl From<SelMasuk> for SelData {
    fn from(sel: SelMasuk) -> SelData {
        match sel {
            SelMasuk::Teks(teks) => SelData { teks, rata: None, lebar: 1, tinggi: 1 },
            SelMasuk::Penuh { teks, rata, lebar, tinggi } => SelData { teks, rata, lebar, tinggi },
        }
    }
}

#[derive(Debug, Deserialize)]
struct PenutupWord {
    kalimat: Option<String>,
    tempat_tanggal: Option<String>,
    jabatan: String,
    nama: String,
    pangkat: Option<String>,
    nip: Option<String>,
    ttd: TtdWord,
}

#[derive(Debug, Deserialize)]
struct TtdWord {
    elektronik: bool,
    tinggi_mm: u32,
}

// --- Writing ------------------------------------------------------------------------------------

/// Points to twentieths of a point, Word's unit of length.
fn twip(pt: f64) -> i32 {
    (pt * 20.0).round() as i32
}

/// Points to Word's half-points of a text size.
fn setengah_pt(pt: f64) -> usize {
    (pt * 2.0).round() as usize
}

fn huruf(nama: &str) -> RunFonts {
    RunFonts::new().ascii(nama).hi_ansi(nama).cs(nama).east_asia(nama)
}

/// What goes into one section of pages.
enum Anak {
    Paragraf(Box<Paragraph>),
    Tabel(Box<Table>),
}

/// The document under construction: the children of the current section and the sections
/// closed before it.
struct Penulis<'k> {
    k: &'k Konteks,
    docx: Docx,
    anak: Vec<Anak>,
    kepala_halaman: Option<Header>,
    kaki_halaman: Option<Footer>,
    /// The figure of 1.1, placed once.
    gambar: Option<Gambar>,
}

fn tulis_docx(k: &Konteks, tanda_air: Option<&str>, created: &str, gambar: Gambar) -> Result<Vec<u8>, DocxError> {
    // docx-rs numbers paragraphs from a per-thread counter that only `json` resets: reset it, so
    // the same plan gives the same paragraph ids in any process and on any thread.
    let _ = Docx::new().json();
    let ukuran = setengah_pt(f64::from(k.meta.ukuran_huruf));
    let kepala_halaman = tanda_air.map(|teks| {
        Header::new().add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(
            Run::new().add_text(teks.to_uppercase()).bold().size(28).color("A6A6A6").fonts(huruf(HURUF_TABEL)),
        ))
    });
    let kaki_halaman = k.meta.keterangan_ttd.as_ref().map(|teks| {
        Footer::new().add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(teks).size(14).color("3C3C3C").fonts(huruf(HURUF_TABEL))),
        )
    });
    let docx = Docx::new()
        .created_at(created)
        .updated_at(created)
        .default_fonts(huruf(HURUF_ISI))
        .default_size(ukuran)
        .add_style(judul_gaya("Heading1", "heading 1", 0, ukuran).align(AlignmentType::Center))
        .add_style(judul_gaya("Heading2", "heading 2", 1, ukuran))
        .add_style(judul_gaya("Heading3", "heading 3", 2, ukuran))
        .add_style(gaya_polos(GAYA_JUDUL_SISIPAN, "caption"))
        .add_style(gaya_polos(GAYA_OTOMATIS, "Teks Otomatis Renja"));
    let mut p = Penulis { k, docx, anak: Vec::new(), kepala_halaman, kaki_halaman, gambar: Some(gambar) };
    p.lampiran();
    for baris in &k.judul_dokumen {
        p.paragraf(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(baris.to_uppercase()).bold().size(24)),
        );
    }
    for bab in &k.bab {
        p.bab(bab)?;
    }
    p.lampiran_akhir();
    p.selesai()
}

/// The titles of tables and of the figure: Word's built-in "caption" style (its id stays
/// `Caption` in every language), so a list of tables can be made from them and `renja import`
/// tells them from the narrative.
pub const GAYA_JUDUL_SISIPAN: &str = "Caption";

/// What renja writes from the plan's data rather than from its narrative (1.4 Sistematika, the
/// lists of 3.3.1 and 3.3.2, the notes under a table, the closing formula and the signature
/// block): `renja import` of a .docx leaves paragraphs of this style out.
pub const GAYA_OTOMATIS: &str = "TeksOtomatis";

/// A paragraph style that only names what a paragraph is; its look stays the paragraph's own.
fn gaya_polos(id: &str, nama: &str) -> Style {
    Style::new(id, StyleType::Paragraph).name(nama).based_on("Normal").next("Normal").q_format(true)
}

fn judul_gaya(id: &str, nama: &str, tingkat: usize, ukuran: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(nama)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .outline_lvl(tingkat)
        .bold()
        .size(ukuran)
        .fonts(huruf(HURUF_ISI))
}

impl Penulis<'_> {
    fn paragraf(&mut self, p: Paragraph) {
        self.anak.push(Anak::Paragraf(Box::new(p)));
    }

    /// Portrait page size and margins of the document's pages.
    fn halaman(&self, datar: bool) -> (PageSize, PageMargin) {
        let h = &self.k.meta.halaman;
        let (lebar, tinggi) = (twip(h.lebar.0) as u32, twip(h.tinggi.0) as u32);
        let m = if datar { h.margin_datar } else { h.margin_tegak };
        let margin = PageMargin {
            top: twip(m.top.0),
            bottom: twip(m.bottom.0),
            left: twip(m.left.0),
            right: twip(m.right.0),
            header: 567,
            footer: 567,
            gutter: 0,
        };
        if datar {
            (PageSize::new().size(tinggi, lebar).orient(PageOrientationType::Landscape), margin)
        } else {
            (PageSize::new().size(lebar, tinggi).orient(PageOrientationType::Portrait), margin)
        }
    }

    /// Closes the children so far as one section of pages.
    fn tutup_bagian(&mut self, datar: bool) {
        if self.anak.is_empty() {
            return;
        }
        let (size, margin) = self.halaman(datar);
        let mut section = Section::new().page_size(size).page_margin(margin);
        if datar {
            section = section.page_orient(PageOrientationType::Landscape);
        }
        if let Some(h) = &self.kepala_halaman {
            section = section.header(h.clone());
        }
        if let Some(f) = &self.kaki_halaman {
            section = section.footer(f.clone());
        }
        for anak in std::mem::take(&mut self.anak) {
            section = match anak {
                Anak::Paragraf(p) => section.add_paragraph(*p),
                Anak::Tabel(t) => section.add_table(*t),
            };
        }
        self.docx = std::mem::take(&mut self.docx).add_section(section);
    }

    /// The last section: the document's own section properties (portrait).
    fn selesai(mut self) -> Result<Vec<u8>, DocxError> {
        let (_, margin) = self.halaman(false);
        let h = &self.k.meta.halaman;
        let mut docx = std::mem::take(&mut self.docx)
            .page_size(twip(h.lebar.0) as u32, twip(h.tinggi.0) as u32)
            .page_orient(PageOrientationType::Portrait)
            .page_margin(margin);
        if let Some(h) = self.kepala_halaman.take() {
            docx = docx.header(h);
        }
        if let Some(f) = self.kaki_halaman.take() {
            docx = docx.footer(f);
        }
        for anak in std::mem::take(&mut self.anak) {
            docx = match anak {
                Anak::Paragraf(p) => docx.add_paragraph(*p),
                Anak::Tabel(t) => docx.add_table(*t),
            };
        }
        let mut xml = docx.build();
        xml.document = ulang_kepala(&xml.document);
        let mut out = Cursor::new(Vec::new());
        xml.pack(&mut out).map_err(tulis)?;
        mampatkan(&out.into_inner()).map_err(tulis)
    }

    /// The LAMPIRAN block, top right of the first page, as `lampiran-keputusan` prints it.
    fn lampiran(&mut self) {
        let l = &self.k.lampiran;
        let sel = |teks: &str, lebar: usize| {
            TableCell::new()
                .grid_span(lebar)
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text(teks).size(20)))
        };
        let mut baris = vec![
            TableRow::new(vec![sel("LAMPIRAN", 3)]),
            TableRow::new(vec![sel(&l.jenis.to_uppercase(), 3)]),
            TableRow::new(vec![sel("NOMOR", 1), sel(":", 1), sel(&l.nomor, 1)]),
        ];
        if let Some(tanggal) = &l.tanggal {
            baris.push(TableRow::new(vec![sel("TANGGAL", 1), sel(":", 1), sel(&tanggal.to_uppercase(), 1)]));
        }
        baris.push(TableRow::new(vec![sel("TENTANG", 1), sel(":", 1), sel(&l.tentang.to_uppercase(), 1)]));
        // 10 cm wide, as in the PDF: the labels, the colon, the rest.
        let grid = vec![1_300, 300, 4_070];
        let table = Table::without_borders(baris)
            .set_grid(grid)
            .align(TableAlignmentType::Right)
            .layout(TableLayoutType::Fixed)
            .width(5_670, WidthType::Dxa);
        self.anak.push(Anak::Tabel(Box::new(table)));
        self.paragraf(Paragraph::new());
    }

    /// The Lampiran after the signature, as `lampiran.typ.j2` lays it out: the pohon kinerja
    /// (each tujuan and sasaran, then a table of its programs) and the IKU table, or NIHIL.
    fn lampiran_akhir(&mut self) {
        let k = self.k;
        self.paragraf(
            Paragraph::new().style("Heading1").page_break_before(true).add_run(Run::new().add_text("LAMPIRAN")),
        );
        self.paragraf(Paragraph::new().style("Heading2").add_run(Run::new().add_text("1. POHON KINERJA")));
        let label = |teks: &str| {
            Paragraph::new().style(GAYA_OTOMATIS).keep_next(true).add_run(Run::new().add_text(teks).bold())
        };
        let uraian = |teks: &str| {
            Paragraph::new()
                .style(GAYA_OTOMATIS)
                .keep_next(true)
                .indent(Some(454), None, None, None)
                .add_run(Run::new().add_text(teks))
        };
        for t in &k.pohon_kinerja {
            self.paragraf(label("Tujuan :"));
            self.paragraf(uraian(&t.uraian));
            for s in &t.sasaran {
                self.paragraf(label("Sasaran :"));
                self.paragraf(uraian(&s.uraian));
                self.paragraf(label("Program :"));
                let rows = s
                    .program
                    .iter()
                    .map(|p| {
                        [
                            p.nama.clone(),
                            p.indikator.clone(),
                            p.rumus.as_ref().map_or("-".to_owned(), RumusLampiran::teks),
                        ]
                    })
                    .collect();
                let table = self.tabel_lampiran(&[3.8, 4.6], ["Program", "Indikator", "Rumus"], rows);
                self.anak.push(Anak::Tabel(Box::new(table)));
            }
        }
        self.paragraf(Paragraph::new());
        self.paragraf(Paragraph::new().style("Heading2").add_run(Run::new().add_text("2. INDIKATOR KINERJA UTAMA")));
        if k.iku.is_empty() {
            self.paragraf(Paragraph::new().style(GAYA_OTOMATIS).add_run(Run::new().add_text("NIHIL")));
        } else {
            let rows = k
                .iku
                .iter()
                .enumerate()
                .map(|(i, x)| [(i + 1).to_string(), x.indikator.clone(), x.rumus.teks()])
                .collect();
            let table = self.tabel_lampiran(&[0.8, 6.5], ["No", "Indikator Kinerja Utama", "Rumus"], rows);
            self.anak.push(Anak::Tabel(Box::new(table)));
        }
    }

    /// A three-column table of the Lampiran: the first two columns `cm` wide, the third the
    /// rest of the line; the header row repeated on every page.
    fn tabel_lampiran(&self, cm: &[f64; 2], kepala: [&str; 3], rows: Vec<[String; 3]>) -> Table {
        let h = &self.k.meta.halaman;
        let garis = twip(h.lebar.0 - h.margin_tegak.left.0 - h.margin_tegak.right.0).max(0) as usize;
        let lebar_cm = |c: f64| twip(c * 72.0 / 2.54).max(0) as usize;
        let (a, b) = (lebar_cm(cm[0]), lebar_cm(cm[1]));
        let lebar = vec![a, b, garis.saturating_sub(a + b).max(567)];
        let sel = |teks: &str, w: usize, tebal: bool| {
            let cell = TableCell::new().width(w, WidthType::Dxa);
            let cell = if tebal { cell.shading(Shading::new().fill("D7D7D7")) } else { cell };
            let align = if tebal { AlignmentType::Center } else { AlignmentType::Left };
            cell.add_paragraph(Paragraph::new().align(align).add_run(teks_sel(teks, 20, tebal)))
        };
        let mut baris =
            vec![TableRow::new(kepala.iter().zip(&lebar).map(|(t, &w)| sel(t, w, true)).collect()).cant_split()];
        for row in rows {
            baris.push(TableRow::new(row.iter().zip(&lebar).map(|(t, &w)| sel(t, w, false)).collect()));
        }
        let total = lebar.iter().sum();
        Table::new(baris).set_grid(lebar).layout(TableLayoutType::Fixed).width(total, WidthType::Dxa)
    }

    fn bab(&mut self, bab: &BabWord) -> Result<(), DocxError> {
        self.paragraf(
            Paragraph::new().style("Heading1").page_break_before(bab.halaman_baru).add_run(
                Run::new()
                    .add_text(format!("BAB {}", bab.nomor))
                    .add_break(BreakType::TextWrapping)
                    .add_text(bab.judul.to_uppercase()),
            ),
        );
        for bagian in &bab.bagian {
            if !bagian.nomor.is_empty() {
                let gaya = format!("Heading{}", bagian.tingkat.clamp(2, 3));
                self.paragraf(
                    Paragraph::new()
                        .style(&gaya)
                        .add_run(Run::new().add_text(format!("{} {}", bagian.nomor, bagian.judul))),
                );
            }
            self.blok_semua(&bagian.isi);
            for s in &bagian.sisipan {
                self.sisipan(s)?;
            }
            self.blok_semua(&bagian.isi_lanjutan);
            for s in &bagian.penutup {
                self.sisipan(s)?;
            }
        }
        Ok(())
    }

    fn blok_semua(&mut self, blok: &[Block]) {
        for b in blok {
            self.blok(b, 0);
        }
    }

    /// A block of prose; `tingkat` is its list depth.
    fn blok(&mut self, blok: &Block, tingkat: i32) {
        match blok {
            Block::Paragraf { isi } => {
                let p = Paragraph::new().align(AlignmentType::Both);
                let p = if tingkat == 0 {
                    p.indent(None, Some(SpecialIndentType::FirstLine(709)), None, None)
                } else {
                    p.indent(Some(567 * tingkat), None, None, None)
                };
                self.paragraf(runs(p, isi, false, false));
            }
            Block::Daftar { butir } => {
                for b in butir {
                    let mut p = Paragraph::new()
                        .align(AlignmentType::Both)
                        .indent(Some(567 * (tingkat + 1)), Some(SpecialIndentType::Hanging(567)), None, None)
                        .add_run(Run::new().add_text(&b.penanda).add_tab());
                    let mut sisa = b.isi.iter();
                    if let Some(Block::Paragraf { isi }) = b.isi.first() {
                        p = runs(p, isi, false, false);
                        sisa.next();
                    }
                    self.paragraf(p);
                    for lanjut in sisa {
                        self.blok(lanjut, tingkat + 1);
                    }
                }
            }
        }
    }

    fn sisipan(&mut self, s: &SisipanWord) -> Result<(), DocxError> {
        match s {
            SisipanWord::GambarKeterkaitan { judul } => {
                // Its title above it, as in the PDF.
                self.paragraf(
                    Paragraph::new()
                        .style(GAYA_JUDUL_SISIPAN)
                        .align(AlignmentType::Center)
                        .keep_next(true)
                        .add_run(Run::new().add_text(judul.to_uppercase()).bold()),
                );
                if let Some(g) = self.gambar.take() {
                    // 15 cm wide as in the PDF; the relationship id fixed, so the bytes are too
                    // (docx-rs numbers pictures from a process-wide counter).
                    let lebar_emu = 15 * 360_000;
                    let tinggi_emu =
                        (u64::from(lebar_emu) * u64::from(g.tinggi_px) / u64::from(g.lebar_px.max(1))) as u32;
                    let pic = docx_rs::Pic::new_with_dimensions(g.png, g.lebar_px, g.tinggi_px)
                        .id("rIdImageKeterkaitan")
                        .size(lebar_emu, tinggi_emu);
                    self.paragraf(
                        Paragraph::new()
                            .align(AlignmentType::Center)
                            .keep_next(true)
                            .add_run(Run::new().add_image(pic)),
                    );
                }
            }
            SisipanWord::Sistematika => {
                for s in &self.k.sistematika {
                    self.paragraf(
                        Paragraph::new()
                            .style(GAYA_OTOMATIS)
                            .keep_next(true)
                            .add_run(Run::new().add_text(format!("{}  {}", s.bab, s.judul)).bold()),
                    );
                    for b in &s.bagian {
                        self.paragraf(
                            Paragraph::new()
                                .style(GAYA_OTOMATIS)
                                .indent(Some(567), None, None, None)
                                .add_run(Run::new().add_text(b)),
                        );
                    }
                }
            }
            SisipanWord::Tabel { nomor } => {
                let t = self
                    .k
                    .tabel
                    .get(nomor)
                    .ok_or_else(|| DocxError::Tulis(format!("Tabel {nomor} tidak ada di model tabel")))?;
                self.tabel(t);
            }
            SisipanWord::Daftar { nomor, judul, butir } => {
                self.paragraf(
                    Paragraph::new().style("Heading3").add_run(Run::new().add_text(format!("{nomor} {judul}"))),
                );
                for (i, b) in butir.iter().enumerate() {
                    self.paragraf(
                        Paragraph::new()
                            .style(GAYA_OTOMATIS)
                            .indent(Some(567), Some(SpecialIndentType::Hanging(567)), None, None)
                            .add_run(Run::new().add_text(format!("{}.", i + 1)).add_tab().add_text(b)),
                    );
                }
            }
            SisipanWord::TandaTangan => self.tanda_tangan(),
        }
        Ok(())
    }

    /// One table: on pages of its own in landscape when the PDF sets it so, else where it stands.
    fn tabel(&mut self, t: &TabelData) {
        let (tata, datar) = match (&t.tegak, &t.datar) {
            (Some(tegak), _) => (tegak, false),
            (None, Some(datar)) => (datar, true),
            (None, None) => return,
        };
        if datar {
            self.tutup_bagian(false);
        }
        let judul =
            t.judul.iter().fold(Run::new().add_text(format!("Tabel {}", t.nomor)).bold().size(20), |run, baris| {
                run.add_break(BreakType::TextWrapping).add_text(baris)
            });
        self.paragraf(
            Paragraph::new().style(GAYA_JUDUL_SISIPAN).align(AlignmentType::Center).keep_next(true).add_run(judul),
        );
        let table = tabel_word(t, tata);
        self.anak.push(Anak::Tabel(Box::new(table)));
        for c in &t.catatan {
            self.paragraf(
                Paragraph::new()
                    .style(GAYA_OTOMATIS)
                    .add_run(Run::new().add_text(c).italic().size(setengah_pt(t.ukuran)).fonts(huruf(HURUF_TABEL))),
            );
        }
        if datar {
            self.tutup_bagian(true);
        } else {
            self.paragraf(Paragraph::new());
        }
    }

    /// The closing sentence and the signature block, centred in the right half of the line.
    fn tanda_tangan(&mut self) {
        let p = &self.k.penutup;
        if let Some(kalimat) = &p.kalimat {
            self.paragraf(
                Paragraph::new()
                    .style(GAYA_OTOMATIS)
                    .align(AlignmentType::Both)
                    .indent(None, Some(SpecialIndentType::FirstLine(709)), None, None)
                    .add_run(Run::new().add_text(kalimat)),
            );
        }
        self.paragraf(Paragraph::new());
        let h = &self.k.meta.halaman;
        let garis = h.lebar.0 - h.margin_tegak.left.0 - h.margin_tegak.right.0;
        let kiri = twip(garis) - twip(7.5 * 72.0 / 2.54);
        let blok = |run: Run| {
            Paragraph::new()
                .style(GAYA_OTOMATIS)
                .align(AlignmentType::Center)
                .indent(Some(kiri), None, None, None)
                .keep_next(true)
                .add_run(run)
        };
        if let Some(tt) = &p.tempat_tanggal {
            self.paragraf(blok(Run::new().add_text(tt)));
        }
        self.paragraf(blok(Run::new().add_text(format!("{},", p.jabatan.to_uppercase()))));
        // The room for the signature and stamp (6 × 2.4 cm), or the electronic signature's box.
        let tinggi_mm = if p.ttd.elektronik { f64::from(p.ttd.tinggi_mm) } else { 24.0 };
        let baris = (tinggi_mm / 6.0).ceil() as usize;
        for _ in 0..baris {
            self.paragraf(blok(Run::new()));
        }
        let nama = if p.nip.is_none() {
            Run::new().add_text(p.nama.to_uppercase())
        } else {
            Run::new().add_text(&p.nama).underline("single")
        };
        self.paragraf(blok(nama.bold()));
        if let Some(pangkat) = &p.pangkat {
            self.paragraf(blok(Run::new().add_text(pangkat)));
        }
        if let Some(nip) = &p.nip {
            self.paragraf(blok(Run::new().add_text(format!("NIP. {nip}"))));
        }
    }
}

/// The prose's runs appended to a paragraph.
fn runs(mut p: Paragraph, isi: &[Inline], tebal: bool, miring: bool) -> Paragraph {
    for s in isi {
        p = match s {
            Inline::Teks(t) => {
                let mut run = Run::new().add_text(t);
                if tebal {
                    run = run.bold();
                }
                if miring {
                    run = run.italic();
                }
                p.add_run(run)
            }
            Inline::Tebal(dalam) => runs(p, dalam, true, miring),
            Inline::Miring(dalam) => runs(p, dalam, tebal, true),
            Inline::BarisBaru => p.add_run(Run::new().add_break(BreakType::TextWrapping)),
        };
    }
    p
}

/// A cell placed on a grid: its first line and column and its spans.
struct LetakSel<'s> {
    baris: usize,
    kolom: usize,
    sel: &'s SelData,
}

/// Places cells given line by line in flow order, each in the first free column of its line,
/// as Typst's table does: `garis[i]` are the cells that start on line `i`.
fn letakkan<'s>(garis: &[&'s [SelData]], kolom: usize) -> Vec<LetakSel<'s>> {
    let mut terisi = vec![vec![false; kolom]; garis.len()];
    let mut out = Vec::new();
    for (i, sel) in garis.iter().enumerate() {
        let mut c = 0;
        for s in sel.iter() {
            while c < kolom && terisi[i][c] {
                c += 1;
            }
            if c >= kolom {
                break;
            }
            for line in terisi.iter_mut().skip(i).take(s.tinggi.max(1)) {
                for t in line.iter_mut().skip(c).take(s.lebar.max(1)) {
                    *t = true;
                }
            }
            out.push(LetakSel { baris: i, kolom: c, sel: s });
            c += s.lebar.max(1);
        }
    }
    out
}

/// The Word rows of placed cells: a cell spanning lines starts a vertical merge continued on
/// the lines below it; columns spanned are one cell with `gridSpan`.
fn baris_word(
    letak: &[LetakSel],
    garis: usize,
    lebar: &[usize],
    sel_word: &dyn Fn(&SelData, usize) -> TableCell,
) -> Vec<Vec<TableCell>> {
    let mut out = Vec::with_capacity(garis);
    for i in 0..garis {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < lebar.len() {
            let mulai = letak.iter().find(|l| l.kolom == c && l.baris <= i && i < l.baris + l.sel.tinggi.max(1));
            match mulai {
                Some(l) => {
                    let span = l.sel.lebar.max(1).min(lebar.len() - c);
                    let w: usize = lebar[c..c + span].iter().sum();
                    let cell = if l.baris == i {
                        let cell = sel_word(l.sel, c);
                        if l.sel.tinggi > 1 { cell.vertical_merge(VMergeType::Restart) } else { cell }
                    } else {
                        TableCell::new().vertical_merge(VMergeType::Continue).add_paragraph(Paragraph::new())
                    };
                    cells.push(cell.grid_span(span).width(w, WidthType::Dxa));
                    c += span;
                }
                None => {
                    cells.push(TableCell::new().width(lebar[c], WidthType::Dxa).add_paragraph(Paragraph::new()));
                    c += 1;
                }
            }
        }
        out.push(cells);
    }
    out
}

/// The text of a printed cell as runs: its lines, without the PDF's soft hyphens (Word breaks
/// lines itself).
fn teks_sel(teks: &str, ukuran: usize, tebal: bool) -> Run {
    let mut run = Run::new().size(ukuran).fonts(huruf(HURUF_TABEL));
    if tebal {
        run = run.bold();
    }
    for (i, line) in teks.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line.replace(crate::tabel::hyphenate::TANDA_PENGGAL, ""));
    }
    run
}

fn rata(rata: Option<&str>) -> AlignmentType {
    match rata.unwrap_or("") {
        r if r.starts_with("kanan") => AlignmentType::Right,
        r if r.starts_with("tengah") => AlignmentType::Center,
        _ => AlignmentType::Left,
    }
}

/// A table of the model as a Word table: the header grid and the column-number row repeated on
/// every page, then the body rows, bold where the PDF's are (headings, programs, totals).
fn tabel_word(t: &TabelData, tata: &Tata) -> Table {
    let ukuran = setengah_pt(t.ukuran);
    let lebar: Vec<usize> = tata.lebar.iter().map(|&w| twip(w).max(0) as usize).collect();
    let kolom = lebar.len();
    let mut rows = Vec::new();
    // The header: its cells flow into a grid of `tinggi_kepala` lines.
    let mut garis_kepala: Vec<Vec<SelData>> = vec![Vec::new(); tata.tinggi_kepala.max(1)];
    {
        let mut terisi = vec![vec![false; kolom]; garis_kepala.len()];
        for k in &tata.kepala {
            let posisi =
                (0..garis_kepala.len()).flat_map(|i| (0..kolom).map(move |c| (i, c))).find(|&(i, c)| !terisi[i][c]);
            let Some((i, c)) = posisi else { break };
            for line in terisi.iter_mut().skip(i).take(k.tinggi.max(1)) {
                for x in line.iter_mut().skip(c).take(k.lebar.max(1)) {
                    *x = true;
                }
            }
            garis_kepala[i].push(k.clone());
        }
    }
    let refs: Vec<&[SelData]> = garis_kepala.iter().map(Vec::as_slice).collect();
    let letak = letakkan(&refs, kolom);
    let sel_kepala = |s: &SelData, _kolom: usize| {
        TableCell::new()
            .shading(Shading::new().fill("D7D7D7"))
            .vertical_align(docx_rs::VAlignType::Center)
            .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(teks_sel(&s.teks, ukuran, true)))
    };
    for cells in baris_word(&letak, refs.len(), &lebar, &sel_kepala) {
        rows.push(TableRow::new(cells).cant_split());
    }
    // The column-number row ("1", …, "8 = (7/6)").
    let nomor: Vec<TableCell> = t
        .nomor_kolom
        .iter()
        .zip(&lebar)
        .map(|(n, &w)| {
            TableCell::new()
                .width(w, WidthType::Dxa)
                .shading(Shading::new().fill("D7D7D7"))
                .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(teks_sel(n, ukuran, false)))
        })
        .collect();
    if nomor.len() == kolom {
        rows.push(TableRow::new(nomor).cant_split());
    }
    for b in &tata.baris {
        let tebal = !matches!(b.jenis.as_str(), "kegiatan" | "sub_kegiatan");
        let mut garis: Vec<&[SelData]> = vec![b.sel.as_slice()];
        garis.extend(b.susulan.iter().map(Vec::as_slice));
        let letak = letakkan(&garis, kolom);
        let sel_isi = |s: &SelData, kolom: usize| {
            let perataan = s.rata.as_deref().or(t.rata.get(kolom).map(String::as_str));
            TableCell::new()
                .add_paragraph(Paragraph::new().align(rata(perataan)).add_run(teks_sel(&s.teks, ukuran, tebal)))
        };
        for cells in baris_word(&letak, garis.len(), &lebar, &sel_isi) {
            rows.push(TableRow::new(cells));
        }
    }
    let total: usize = lebar.iter().sum();
    // The PDF's cell padding, not Word's default (0.19 cm left and right): the columns' widths
    // were decided for the PDF's, and with Word's a figure that fits its PDF column wraps. Less
    // the half-point border, which LibreOffice sets inside the cell where Typst strokes the edge.
    let (x, y) = (((t.inset.x - GARIS_PT) * 20.0).round() as usize, (t.inset.y * 20.0).round() as usize);
    Table::new(rows)
        .set_grid(lebar)
        .margins(TableCellMargins::new().margin(y, x, y, x))
        .layout(TableLayoutType::Fixed)
        .width(total, WidthType::Dxa)
        .align(TableAlignmentType::Center)
}

/// The package with every part deflated: docx-rs stores its parts uncompressed (the flagship's
/// document part alone is 0.6 MB). Parts keep their order and names, and every entry the fixed
/// time 1980-01-01, so the bytes stay the same for the same plan.
fn mampatkan(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let name = entry.name()?.into_owned();
        if entry.is_dir() {
            writer.add_directory(name, options)?;
        } else {
            writer.start_file(name, options)?;
            std::io::copy(&mut entry, &mut writer)?;
        }
    }
    Ok(writer.finish()?.into_inner())
}

/// Marks the header rows (written with `cantSplit`, which only they carry) to repeat at the top
/// of every page: docx-rs has no `tblHeader`, so it is added to the built document part.
fn ulang_kepala(document: &[u8]) -> Vec<u8> {
    const TANDA: &str = "<w:cantSplit />";
    let text = String::from_utf8_lossy(document);
    text.replace(TANDA, "<w:cantSplit /><w:tblHeader />").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(teks: &str, lebar: usize, tinggi: usize) -> SelData {
        SelData { teks: teks.to_owned(), rata: None, lebar, tinggi }
    }

    #[test]
    fn cells_flow_into_the_first_free_column_of_their_line() {
        // A 3-line header over 4 columns: "No" spans 3 lines, "Target" spans 2 columns, etc.
        let l0 = [sel("No", 1, 3), sel("Target", 2, 1), sel("Ket", 1, 3)];
        let l1 = [sel("Fisik", 1, 2), sel("Uang", 1, 2)];
        let letak = letakkan(&[&l0, &l1, &[]], 4);
        let posisi: Vec<(usize, usize, &str)> = letak.iter().map(|l| (l.baris, l.kolom, l.sel.teks.as_str())).collect();
        assert_eq!(posisi, [(0, 0, "No"), (0, 1, "Target"), (0, 3, "Ket"), (1, 1, "Fisik"), (1, 2, "Uang")]);
    }

    #[test]
    fn header_rows_alone_are_marked_to_repeat() {
        let xml = b"<w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr></w:trPr></w:tr>";
        let out = String::from_utf8(ulang_kepala(xml)).unwrap();
        assert_eq!(out.matches("<w:tblHeader />").count(), 1);
        assert!(out.starts_with("<w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>"));
    }
}
