//! From a plan and its computed figures to Typst source, through minijinja templates.
//!
//! The templates are ours; plan text is never a template. Every value a template prints with
//! `{{ … }}` becomes a Typst *literal* (a string in quotes, an array, a dictionary): the Typst
//! library in `templates/renja.typ` lays them out, so plan text is always data and never markup.
//! Prose arrives already parsed into blocks (see [`crate::prose`]), as data too.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, UndefinedBehavior};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::compute::Computed;
use crate::format;
use crate::kerangka::{self, Sisipan};
use crate::plan::{self, Kertas, Plan, Prosa, Teks, Ttd};
use crate::prose::{self, Block, Facts};
use crate::tabel::NomorTabel;
use crate::tabel::typst::{HalamanTypst, Pt, TabelTypst};

/// The built-in templates, embedded so the binary needs no files at run time.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("main.typ.j2", include_str!("../templates/main.typ.j2")),
    ("bab.typ.j2", include_str!("../templates/bab.typ.j2")),
    ("bagian.typ.j2", include_str!("../templates/bagian.typ.j2")),
    ("sisipan.typ.j2", include_str!("../templates/sisipan.typ.j2")),
    ("lampiran.typ.j2", include_str!("../templates/lampiran.typ.j2")),
    ("perubahan.typ.j2", include_str!("../templates/perubahan.typ.j2")),
    ("potongan.typ.j2", include_str!("../templates/potongan.typ.j2")),
];

/// The Typst library the generated source imports; layout lives there.
pub const TYPST_LIBRARY: (&str, &str) = ("renja.typ", include_str!("../templates/renja.typ"));

/// Choices of a rendering beyond the plan.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A diagonal watermark on every page ("DRAF", "RANCANGAN AKHIR"); None for a final document.
    pub tanda_air: Option<String>,
    /// Only one part of the document, for a preview.
    pub pratinjau: Option<Pratinjau>,
    /// "dicetak <tanggal jam>" in the footer of a preview.
    pub dicetak: Option<String>,
    /// The page number of a preview's first page in the whole document.
    pub halaman_awal: Option<usize>,
    /// Large tables typeset apart ([`crate::document::segment`]), by number: how many pages
    /// stand in each one's place.
    pub pengganti: BTreeMap<String, usize>,
}

/// The part of the document a preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "jenis", content = "nomor", rename_all = "snake_case")]
pub enum Pratinjau {
    /// A chapter, "1" … "5".
    Bab(String),
    /// A table, "2.1" … "4.1".
    Tabel(String),
    Lampiran,
}

/// The tables a preview can show.
pub const TABEL: [&str; 6] = NomorTabel::TEKS;

/// Generated Typst sources: the main file and the library, by virtual path.
#[derive(Debug, Clone)]
pub struct TypstSources {
    pub files: Vec<(String, String)>,
}

impl TypstSources {
    pub fn main(&self) -> &str {
        &self.files[0].1
    }
}

/// A template error, located in its template file.
#[derive(Debug)]
pub struct RenderError {
    pub template: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "templat {}:{}: {}", self.template, line, self.message),
            None => write!(f, "templat {}: {}", self.template, self.message),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<minijinja::Error> for RenderError {
    fn from(error: minijinja::Error) -> Self {
        let mut message = error.detail().map_or_else(|| error.kind().to_string(), str::to_owned);
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            let _ = write!(message, " ({cause})");
            source = cause.source();
        }
        if message.contains("template not found") || message.contains("non-existing template") {
            message.push_str("; hanya templat bawaan dan berkas di dalam direktori --templates yang dapat disertakan");
        }
        RenderError { template: error.name().unwrap_or("?").to_owned(), line: error.line(), message }
    }
}

/// Renders plans with the built-in templates, or with a directory of overrides.
pub struct Renderer {
    env: Environment<'static>,
    library: String,
}

impl Renderer {
    /// The built-in templates.
    pub fn new() -> Self {
        Renderer::with_overrides(None).expect("built-in templates are valid")
    }

    /// Templates from `dir` replace the built-in ones of the same name; includes reach only
    /// files inside `dir` (after resolving symbolic links) or the built-in set.
    pub fn with_overrides(dir: Option<&Path>) -> Result<Self, RenderError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(|out, _state, value| {
            let mut text = String::new();
            typst_literal(value, &mut text)?;
            out.write_str(&text).map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "output"))
        });
        // Resolved once: every template must resolve to a path under this one.
        let overrides = match dir {
            Some(dir) => Some(TemplateDir::open(dir)?),
            None => None,
        };
        let mut library = TYPST_LIBRARY.1.to_owned();
        if let Some(dir) = &overrides
            && let Some(text) = read_override(dir, TYPST_LIBRARY.0)?
        {
            library = text;
        }
        env.set_loader(move |name| {
            if let Some(dir) = &overrides
                && let Some(text) = read_override(dir, name)
                    .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, e.message))?
            {
                return Ok(Some(text));
            }
            Ok(BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned()))
        });
        Ok(Renderer { env, library })
    }

    /// Renders the whole document.
    pub fn render(&self, plan: &Plan, computed: &Computed) -> Result<TypstSources, RenderError> {
        self.render_with(plan, computed, &RenderOptions::default())
    }

    /// Renders the whole document, with a watermark if asked.
    pub fn render_with(
        &self,
        plan: &Plan,
        computed: &Computed,
        options: &RenderOptions,
    ) -> Result<TypstSources, RenderError> {
        self.render_built(&mut Rendering::build(plan, computed), options)
    }

    /// Renders a context built once ([`Rendering::build`]) with these options; a preview
    /// renders the same context twice (the whole document, to find where its part starts, then
    /// the part), so the tables are measured and laid out in Rust once.
    pub fn render_built(
        &self,
        rendering: &mut Rendering,
        options: &RenderOptions,
    ) -> Result<TypstSources, RenderError> {
        let context = &mut rendering.context;
        context.meta.kata_kunci.truncate(rendering.kata_kunci);
        context.meta.tanda_air = options.tanda_air.clone();
        // A draft says so in the PDF's own metadata (XMP and Info keywords), where `verify`
        // reads it: the last keyword is `Draf: <watermark>`.
        if let Some(tanda_air) = &options.tanda_air {
            context.meta.kata_kunci.push(format!("{KATA_KUNCI_DRAF}{tanda_air}"));
        }
        context.penutup.ttd.bingkai = options.tanda_air.is_some();
        context.meta.dicetak = options.dicetak.clone();
        context.meta.halaman_awal = options.halaman_awal;
        context.pratinjau = options.pratinjau.clone();
        context.pengganti = options.pengganti.clone();
        let template = self.env.get_template("main.typ.j2")?;
        let main = template.render(Value::from(minijinja::value::Serde(&context)))?;
        Ok(TypstSources {
            files: vec![("main.typ".to_owned(), main), (TYPST_LIBRARY.0.to_owned(), self.library.clone())],
        })
    }
}

impl Renderer {
    /// Renders one named template (built-in or overridden) with any serialisable context, e.g.
    /// a "Daftar Perubahan" appendix; the result imports the same Typst library.
    pub fn render_template<C: Serialize>(&self, name: &str, context: &C) -> Result<TypstSources, RenderError> {
        let template = self.env.get_template(name)?;
        let main = template.render(Value::from(minijinja::value::Serde(context)))?;
        Ok(TypstSources {
            files: vec![("main.typ".to_owned(), main), (TYPST_LIBRARY.0.to_owned(), self.library.clone())],
        })
    }
}

/// What `potongan.typ.j2` reads: one part of a large table, alone on its pages.
#[derive(Serialize)]
struct PotonganKonteks<'a> {
    meta: Meta,
    tabel: TabelTypst,
    pengantar: Option<&'a [Block]>,
    /// Whether the part opens the table (its sentence and caption above it).
    judul: bool,
}

impl Renderer {
    /// The Typst sources of rows `baris` (nodes) of landscape table `nomor`, typeset alone
    /// ([`crate::document::segment`]): the same page, text and columns as in the whole
    /// document; the sentence and caption when the part opens the table, the notes when it
    /// closes it. None when the document has no such table.
    pub fn render_potongan(
        &self,
        rendering: &Rendering,
        options: &RenderOptions,
        nomor: &str,
        baris: std::ops::Range<usize>,
    ) -> Result<Option<TypstSources>, RenderError> {
        let Some(tabel) = rendering.context.tabel.get(nomor).and_then(|t| t.potongan(baris.clone())) else {
            return Ok(None);
        };
        let mut meta = rendering.context.meta.clone();
        meta.kata_kunci.truncate(rendering.kata_kunci);
        meta.tanda_air = options.tanda_air.clone();
        meta.potongan = true;
        let judul = baris.start == 0;
        let context = PotonganKonteks {
            meta,
            tabel,
            pengantar: if judul { rendering.pengantar_tabel(nomor) } else { None },
            judul,
        };
        self.render_template("potongan.typ.j2", &context).map(Some)
    }
}

impl Renderer {
    /// Typst source written by hand (`main`, which may `#import "renja.typ": *`) beside this
    /// renderer's library, e.g. one figure drawn alone for the .docx.
    pub fn with_library(&self, main: String) -> TypstSources {
        TypstSources { files: vec![("main.typ".to_owned(), main), (TYPST_LIBRARY.0.to_owned(), self.library.clone())] }
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

/// A `--templates` directory: as given (for messages) and resolved (for the sandbox).
struct TemplateDir {
    given: PathBuf,
    resolved: PathBuf,
}

impl TemplateDir {
    fn open(dir: &Path) -> Result<TemplateDir, RenderError> {
        let refuse = |message: String| RenderError { template: dir.display().to_string(), line: None, message };
        let resolved = dir.canonicalize().map_err(|e| {
            refuse(format!("direktori --templates tidak dapat dibuka ({})", crate::files::io_reason(&e)))
        })?;
        if !resolved.is_dir() {
            return Err(refuse("--templates harus berupa direktori".to_owned()));
        }
        Ok(TemplateDir { given: dir.to_owned(), resolved })
    }
}

/// Reads `dir/name` if it exists, refusing names that would leave `dir`, also through a
/// symbolic link (a linked file or subdirectory), and anything but a regular file of sane size.
fn read_override(dir: &TemplateDir, name: &str) -> Result<Option<String>, RenderError> {
    let refuse = |message: String| RenderError { template: name.to_owned(), line: None, message };
    let safe = !name.is_empty() && Path::new(name).components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !safe {
        return Err(refuse(
            "hanya templat bawaan dan berkas di dalam direktori --templates yang dapat disertakan".to_owned(),
        ));
    }
    let path = dir.given.join(name);
    let resolved = match path.canonicalize() {
        Ok(resolved) => resolved,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(&path).is_err() => {
            return Ok(None);
        }
        Err(e) => {
            return Err(refuse(format!("`{}` tidak dapat dibuka ({})", path.display(), crate::files::io_reason(&e))));
        }
    };
    if !resolved.starts_with(&dir.resolved) {
        return Err(refuse(format!(
            "`{}` menunjuk ke `{}`, di luar direktori --templates `{}` (melalui tautan simbolik); hanya berkas \
             di dalam direktori itu yang boleh dipakai",
            path.display(),
            resolved.display(),
            dir.given.display()
        )));
    }
    let text =
        crate::files::read_input(&resolved).map_err(|e| refuse(format!("`{}` {}", path.display(), e.reason())))?;
    String::from_utf8(text).map(Some).map_err(|_| refuse(format!("`{}` bukan teks UTF-8", path.display())))
}

/// Writes a template value as a Typst literal.
fn typst_literal(value: &Value, out: &mut String) -> Result<(), minijinja::Error> {
    if let Some(Pt(pt)) = value.downcast_object_ref::<Pt>() {
        // A length: columns' widths, margins, sizes decided in Rust.
        let _ = write!(out, "{}pt", if pt.is_finite() { *pt } else { 0.0 });
        return Ok(());
    }
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            // Numbers in the context are counts and years; print them as Typst integers/floats.
            let text = value.to_string();
            if text.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'.') {
                out.push_str(&text);
            } else {
                typst_string(&text, out);
            }
        }
        ValueKind::String | ValueKind::Plain | ValueKind::Bytes | ValueKind::Invalid => {
            typst_string(value.as_str().unwrap_or(&value.to_string()), out)
        }
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                typst_literal(&item, out)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut empty = true;
            for key in value.try_iter()? {
                empty = false;
                typst_string(&key.to_string(), out);
                out.push_str(": ");
                typst_literal(&value.get_item(&key)?, out)?;
                out.push_str(", ");
            }
            if empty {
                out.push(':');
            }
            out.push(')');
        }
        // Kinds minijinja may add later: print their text, quoted, which is always safe.
        _ => typst_string(&value.to_string(), out),
    }
    Ok(())
}

/// A Typst string literal: only `\` and `"` are special inside, plus control characters.
pub fn typst_string(text: &str, out: &mut String) {
    out.reserve(text.len() + 2);
    out.push('"');
    // Most texts need no escape: no quote, backslash or control character (C0, DEL, or C1,
    // whose UTF-8 starts with 0xC2); they are copied whole.
    if !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7F || b == 0xC2) {
        out.push_str(text);
        out.push('"');
        return;
    }
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------------------------
// The template context: every figure already formatted, every text already data. It borrows
// from the plan wherever the plan's own shape is what the layout needs.

#[derive(Debug, Serialize)]
struct Context<'p> {
    meta: Meta,
    tahun: TahunCetak,
    identitas: IdentitasCetak<'p>,
    lampiran: Lampiran,
    judul_dokumen: Vec<String>,
    /// The chapters in order, from [`kerangka::DOKUMEN`].
    bab: Vec<BabKonteks<'p>>,
    sistematika: Vec<SistematikaBab>,
    /// Every table by number ("2.1"), as [`TabelTypst`].
    tabel: BTreeMap<&'static str, TabelTypst>,
    penutup: Penutup<'p>,
    pohon_kinerja: &'p [plan::Tujuan],
    iku: &'p [plan::IndikatorKinerjaUtama],
    pratinjau: Option<Pratinjau>,
    /// [`RenderOptions::pengganti`].
    pengganti: BTreeMap<String, usize>,
}

/// A plan's render context, built once, rendered with any [`RenderOptions`] by
/// [`Renderer::render_built`].
pub struct Rendering<'p> {
    context: Context<'p>,
    /// The keywords the plan itself gives (a draft's keyword follows them).
    kata_kunci: usize,
}

impl<'p> Rendering<'p> {
    pub fn build(plan: &'p Plan, computed: &Computed) -> Rendering<'p> {
        let context = Context::build(plan, computed);
        let kata_kunci = context.meta.kata_kunci.len();
        Rendering { context, kata_kunci }
    }

    /// The tables the outline inserts, set on landscape pages only, every node fitting a page,
    /// that have more than `baris` rows (nodes), by number, with their number of rows: those
    /// [`crate::document::segment`] typesets apart.
    pub fn tabel_besar(&self, baris: usize) -> Vec<(&'static str, usize)> {
        let disisipkan = |nomor: &str| {
            self.context
                .bab
                .iter()
                .flat_map(|b| &b.bagian)
                .flat_map(|s| s.sisipan.iter().chain(&s.penutup))
                .any(|x| matches!(x, SisipanKonteks::Tabel { nomor: n } if *n == nomor))
        };
        self.context
            .tabel
            .iter()
            .filter(|(nomor, t)| t.tegak.is_none() && disisipkan(nomor))
            .filter_map(|(nomor, t)| Some((*nomor, t.datar.as_ref().filter(|d| d.baris_muat)?.baris.len())))
            .filter(|&(_, n)| n > baris)
            .collect()
    }

    /// The prose that introduces table `nomor` and stands above it on its first page, as the
    /// whole document sets it (the last [`BagianKonteks::pengantar`] blocks of its section).
    fn pengantar_tabel(&self, nomor: &str) -> Option<&[Block]> {
        let tabel = |x: Option<&SisipanKonteks>| matches!(x, Some(SisipanKonteks::Tabel { nomor: n }) if *n == nomor);
        self.context.bab.iter().flat_map(|b| &b.bagian).find_map(|s| {
            if tabel(s.sisipan.first()) && s.pengantar > 0 {
                Some(&s.isi[s.isi.len() - s.pengantar..])
            } else if tabel(s.penutup.first()) && s.pengantar_lanjutan > 0 {
                Some(&s.isi_lanjutan[s.isi_lanjutan.len() - s.pengantar_lanjutan..])
            } else {
                None
            }
        })
    }

    /// The context as data (lengths as their points), for a renderer beside Typst: the .docx
    /// reads the same chapters, prose, tables and signature block as the PDF.
    pub fn data(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::to_value(&self.context)
    }
}

/// The keyword that marks a draft in the PDF's metadata, followed by its watermark text.
pub const KATA_KUNCI_DRAF: &str = "Draf: ";

/// What `dokumen` in renja.typ reads: the PDF's metadata and what every page carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    pub judul: String,
    pub penulis: String,
    pub subjek: String,
    pub kata_kunci: Vec<String>,
    pub kertas: Kertas,
    /// The paper and the margins, portrait and landscape.
    pub halaman: HalamanTypst,
    pub tahap: String,
    pub tanda_air: Option<String>,
    /// Body text size in points (`pengaturan.ukuran_huruf`).
    pub ukuran_huruf: u8,
    /// A preview's first page number in the whole document.
    pub halaman_awal: Option<usize>,
    /// The footer statement of an electronically signed document.
    pub keterangan_ttd: Option<String>,
    /// "dicetak <tanggal jam>" in the footer (previews).
    pub dicetak: Option<String>,
    /// A part of a large table typeset apart: pages with the body alone (no header, footer or
    /// watermark; the document's pages in its place carry them).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub potongan: bool,
}

impl Meta {
    /// The metadata of a document about `plan`; `jenis` names what it is among the keywords
    /// ("Rencana Kerja Perangkat Daerah", "Daftar Perubahan").
    pub fn of(plan: &Plan, judul: String, subjek: String, jenis: &str) -> Meta {
        let id = &plan.identitas;
        Meta {
            judul,
            penulis: id.perangkat_daerah.clone(),
            subjek,
            kata_kunci: vec![
                "Renja".into(),
                jenis.into(),
                id.perangkat_daerah.clone(),
                id.pemda.clone(),
                id.tahun.to_string(),
            ],
            kertas: plan.pengaturan.kertas,
            halaman: HalamanTypst::of(plan.pengaturan.kertas),
            tahap: id.tahap.label().to_owned(),
            tanda_air: None,
            ukuran_huruf: plan.pengaturan.ukuran_huruf.into(),
            halaman_awal: None,
            keterangan_ttd: None,
            dicetak: None,
            potongan: false,
        }
    }
}

#[derive(Debug, Serialize)]
struct TahunCetak {
    n: i32,
    n1: i32,
    n2: i32,
    n3: i32,
    maju: i32,
    renstra_awal: i32,
    renstra_akhir: i32,
}

#[derive(Debug, Serialize)]
struct IdentitasCetak<'p> {
    pemda: &'p str,
    perangkat_daerah: &'p str,
    kepala_daerah: &'p str,
}

/// The LAMPIRAN block above the first chapter: which decree the document is the appendix of.
#[derive(Debug, Serialize, Deserialize)]
pub struct Lampiran {
    pub jenis: String,
    pub nomor: String,
    pub tanggal: Option<String>,
    pub tentang: String,
}

#[derive(Debug, Serialize)]
struct BabKonteks<'p> {
    /// 1 … 5, as `preview --bab` names it.
    angka: u8,
    /// "I" … "V".
    nomor: String,
    judul: String,
    /// Every chapter but the first opens a new page.
    halaman_baru: bool,
    bagian: Vec<BagianKonteks<'p>>,
}

#[derive(Debug, Serialize)]
struct BagianKonteks<'p> {
    /// `bagian_<templat>.typ.j2` overrides this section's layout.
    templat: String,
    /// Empty for a chapter's unnumbered body.
    nomor: &'static str,
    judul: String,
    tingkat: u8,
    isi: Vec<Block>,
    sisipan: Vec<SisipanKonteks<'p>>,
    isi_lanjutan: Vec<Block>,
    penutup: Vec<SisipanKonteks<'p>>,
    /// How many last blocks of `isi` introduce the first insertion, a table, and go with it
    /// ([`pengantar`]); of `isi_lanjutan` for the first closing insertion.
    pengantar: usize,
    pengantar_lanjutan: usize,
}

/// How many last blocks of `isi` introduce `sisipan`'s first insertion when it is a table and
/// go with it: the paragraph right before it, or the list right before it with the paragraph
/// that opens the list; none when that would leave a section with a heading (`berjudul`)
/// nothing under it of its own.
fn pengantar(isi: &[Block], sisipan: &[SisipanKonteks], berjudul: bool) -> usize {
    if isi.is_empty() || !matches!(sisipan.first(), Some(SisipanKonteks::Tabel { .. })) {
        return 0;
    }
    let n = match isi {
        [.., Block::Paragraf { .. }, Block::Daftar { .. }] => 2,
        _ => 1,
    };
    if isi.len() > n || !berjudul { n } else { 0 }
}

/// What stands in a section besides its prose, as the template places it.
#[derive(Debug, Serialize)]
#[serde(tag = "jenis", rename_all = "snake_case")]
enum SisipanKonteks<'p> {
    GambarKeterkaitan {
        judul: &'static str,
    },
    Sistematika,
    /// The table is `tabel[nomor]` in the context.
    Tabel {
        nomor: &'static str,
    },
    Daftar {
        nomor: &'static str,
        judul: &'static str,
        butir: Vec<&'p str>,
    },
    TandaTangan,
}

#[derive(Debug, Serialize)]
struct SistematikaBab {
    bab: String,
    judul: String,
    bagian: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Penutup<'p> {
    kalimat: Option<&'p str>,
    tempat_tanggal: Option<String>,
    jabatan: &'p str,
    nama: &'p str,
    pangkat: Option<&'p str>,
    nip: Option<&'p str>,
    ttd: BlokTtd<'p>,
}

#[derive(Debug, Serialize)]
struct BlokTtd<'p> {
    elektronik: bool,
    lebar_mm: u32,
    tinggi_mm: u32,
    tag: Option<&'p str>,
    /// The box's frame is drawn in drafts only: a final PDF leaves the area blank.
    bingkai: bool,
}

impl<'p> Context<'p> {
    fn build(plan: &'p Plan, computed: &Computed) -> Context<'p> {
        let facts = Facts::of(plan, computed);
        let id = &plan.identitas;
        let teks = |t: &Teks| facts.fill(&t.0).unwrap_or_else(|_| t.0.clone());
        let prosa = |text: &Prosa| prose::parse(&text.0, &facts).blocks;
        let sisipan = |s: &Sisipan| match *s {
            Sisipan::GambarKeterkaitan => {
                SisipanKonteks::GambarKeterkaitan { judul: "Keterkaitan antar dokumen perencanaan" }
            }
            Sisipan::Sistematika => SisipanKonteks::Sistematika,
            Sisipan::Tabel(nomor) => SisipanKonteks::Tabel { nomor: nomor.as_str() },
            Sisipan::DaftarProgram { nomor, judul } => SisipanKonteks::Daftar {
                nomor,
                judul,
                butir: plan.rencana.program.iter().map(|p| p.nama.as_str()).collect(),
            },
            Sisipan::DaftarKegiatan { nomor, judul } => SisipanKonteks::Daftar {
                nomor,
                judul,
                butir: plan.rencana.program.iter().flat_map(|p| &p.kegiatan).map(|k| k.nama.as_str()).collect(),
            },
            Sisipan::TandaTangan => SisipanKonteks::TandaTangan,
        };

        let bab: Vec<BabKonteks> = kerangka::DOKUMEN
            .iter()
            .enumerate()
            .map(|(i, b)| BabKonteks {
                angka: b.angka,
                nomor: b.romawi(),
                judul: (b.judul)(plan).map_or_else(|| b.judul_baku.to_owned(), teks),
                halaman_baru: i > 0,
                bagian: b
                    .bagian
                    .iter()
                    .map(|s| {
                        let isian = (s.isian)(plan);
                        let isi = prosa(isian.isi);
                        let isi_lanjutan = isian.isi_lanjutan.map(prosa).unwrap_or_default();
                        let di_tengah: Vec<SisipanKonteks> = s.sisipan.iter().map(sisipan).collect();
                        let penutup: Vec<SisipanKonteks> = s.penutup.iter().map(sisipan).collect();
                        BagianKonteks {
                            templat: s.kunci.unwrap_or(b.kunci).to_owned(),
                            nomor: s.nomor,
                            judul: isian.judul.map_or_else(|| s.judul_baku.to_owned(), teks),
                            tingkat: s.tingkat,
                            pengantar: pengantar(&isi, &di_tengah, !s.nomor.is_empty()),
                            pengantar_lanjutan: pengantar(&isi_lanjutan, &penutup, false),
                            isi,
                            sisipan: di_tengah,
                            isi_lanjutan,
                            penutup,
                        }
                    })
                    .collect(),
            })
            .collect();
        // 1.4 lists every numbered section of the second level, as the headings print them.
        let sistematika = bab
            .iter()
            .map(|b| SistematikaBab {
                bab: format!("Bab {}", b.nomor),
                judul: b.judul.to_uppercase(),
                bagian: b
                    .bagian
                    .iter()
                    .filter(|s| s.tingkat == 2 && !s.nomor.is_empty())
                    .map(|s| format!("{} {}", s.nomor, s.judul))
                    .collect(),
            })
            .collect();

        let pd_pemda = format!("{} {}", id.perangkat_daerah, id.pemda);
        let judul = format!("Rencana Kerja {} Tahun {}", pd_pemda, id.tahun);
        // Each table's columns are solved on its own, on every core; the map is ordered by
        // number, so the source is the same whichever finishes first.
        let tabel = crate::tabel::semua(plan, computed)
            .par_iter()
            .map(|t| (t.nomor.as_str(), TabelTypst::of(t, plan.pengaturan.kertas)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        let ttd = &plan.penandatangan;
        Context {
            meta: Meta {
                keterangan_ttd: (ttd.ttd == Ttd::Elektronik).then(|| ttd.ttd_elektronik.keterangan.clone()),
                ..Meta::of(
                    plan,
                    judul,
                    format!("Lampiran {} Nomor {}", plan.keputusan.jenis, plan.keputusan.nomor),
                    "Rencana Kerja Perangkat Daerah",
                )
            },
            tahun: TahunCetak {
                n: id.tahun,
                n1: id.tahun - 1,
                n2: id.tahun - 2,
                n3: id.tahun - 3,
                maju: id.tahun + 1,
                renstra_awal: id.periode_renstra.awal,
                renstra_akhir: id.periode_renstra.akhir,
            },
            identitas: IdentitasCetak {
                pemda: &id.pemda,
                perangkat_daerah: &id.perangkat_daerah,
                kepala_daerah: &id.kepala_daerah,
            },
            lampiran: Lampiran {
                jenis: plan.keputusan.jenis.clone(),
                nomor: plan.keputusan.nomor.clone(),
                tanggal: plan.keputusan.tanggal.map(|t| format::tanggal(t.tahun, t.bulan, t.hari)),
                tentang: teks(&plan.keputusan.tentang),
            },
            judul_dokumen: vec![
                "Rencana Kerja".into(),
                id.perangkat_daerah.clone(),
                format!("{} Tahun {}", id.pemda, id.tahun),
            ],
            bab,
            sistematika,
            tabel,
            penutup: Penutup {
                kalimat: plan.bab_5.penutup.as_deref(),
                tempat_tanggal: match (&ttd.tempat, ttd.tanggal) {
                    (Some(tempat), Some(t)) => Some(format!("{tempat}, {}", format::tanggal(t.tahun, t.bulan, t.hari))),
                    (Some(tempat), None) => Some(format!("{tempat},")),
                    (None, Some(t)) => Some(format::tanggal(t.tahun, t.bulan, t.hari)),
                    (None, None) => None,
                },
                jabatan: &ttd.jabatan,
                nama: &ttd.nama,
                pangkat: ttd.pangkat.as_deref(),
                nip: ttd.nip.as_deref(),
                ttd: BlokTtd {
                    elektronik: ttd.ttd == Ttd::Elektronik,
                    lebar_mm: ttd.ttd_elektronik.lebar_mm,
                    tinggi_mm: ttd.ttd_elektronik.tinggi_mm,
                    tag: ttd.ttd_elektronik.tag.as_deref(),
                    bingkai: false,
                },
            },
            pohon_kinerja: &plan.pohon_kinerja,
            iku: &plan.indikator_kinerja_utama,
            pratinjau: None,
            pengganti: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_become_inert_typst_literals() {
        let mut out = String::new();
        typst_string("#read(\"/etc/passwd\") \\ \n {{ x }}", &mut out);
        assert_eq!(out, r##""#read(\"/etc/passwd\") \\ \n {{ x }}""##);
        // Control characters (C1 too) are escaped; other text is copied as it is.
        out.clear();
        typst_string("a\u{85}b\u{7f}\u{a0}é", &mut out);
        assert_eq!(out, "\"a\\u{85}b\\u{7f}\u{a0}é\"");
        out.clear();
        typst_string("Tahun ke-2 (Rp.) – é", &mut out);
        assert_eq!(out, "\"Tahun ke-2 (Rp.) – é\"");
    }

    #[test]
    fn values_map_to_typst_data() {
        let mut out = String::new();
        let value = Value::from_serialize_compat(&serde_json::json!({"a": [1, "x"], "b": null, "c": {}}));
        typst_literal(&value, &mut out).unwrap();
        assert_eq!(out, r#"("a": (1, "x", ), "b": none, "c": (:), )"#);
    }

    trait Compat {
        fn from_serialize_compat<T: Serialize>(v: &T) -> Value;
    }

    impl Compat for Value {
        fn from_serialize_compat<T: Serialize>(v: &T) -> Value {
            Value::from(minijinja::value::Serde(v))
        }
    }
}
