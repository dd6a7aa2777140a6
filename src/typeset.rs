//! Typst in-process: a `World` that sees only our generated sources, our templates and the
//! vendored fonts (no file system, no packages, no clock), and the PDF/A-2b export.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, LazyLock};

use sha2::{Digest, Sha256};
use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::fonts::{self, Fonts};
use crate::render::TypstSources;

pub use crate::tanggal::DocumentDate;

fn datetime(date: DocumentDate) -> Option<Datetime> {
    Datetime::from_ymd(date.year, date.month, date.day)
}

/// Typst's standard library, built and hashed once per process and shared by every world
/// (a batch builds many documents; the library is the same for all of them).
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::builder().build()));

/// The world of one document: generated main source, the Typst library, the fonts.
pub struct RenjaWorld {
    library: &'static LazyHash<Library>,
    fonts: Arc<Fonts>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    date: DocumentDate,
}

fn file_id(name: &str) -> FileId {
    // Our names are fixed, simple and absolute-able; a failure here is a programming error.
    let path = VirtualPath::new(format!("/{name}")).expect("valid virtual path");
    RootedPath::new(VirtualRoot::Project, path).intern()
}

impl RenjaWorld {
    pub fn new(sources: &TypstSources, date: DocumentDate) -> Self {
        let mut world = RenjaWorld {
            library: &LIBRARY,
            fonts: Arc::clone(&fonts::FONTS),
            main: file_id(&sources.files[0].0),
            sources: HashMap::new(),
            date,
        };
        world.update(sources);
        world
    }

    /// Replaces the sources in place, so a recompile reuses Typst's incremental caches.
    pub fn update(&mut self, sources: &TypstSources) {
        self.main = file_id(&sources.files[0].0);
        for (name, text) in &sources.files {
            let id = file_id(name);
            match self.sources.get_mut(&id) {
                Some(source) => {
                    if source.text() != text {
                        source.replace(text);
                    }
                }
                None => {
                    self.sources.insert(id, Source::new(id, text.clone()));
                }
            }
        }
    }

    pub fn date(&self) -> DocumentDate {
        self.date
    }

    /// Lays the document out.
    pub fn compile(&self) -> Result<PagedDocument, TypstError> {
        self.compile_warned().map(|(document, _)| document)
    }

    /// Lays the document out, with Typst's warnings (located in the generated source).
    pub fn compile_warned(&self) -> Result<(PagedDocument, Vec<String>), TypstError> {
        let warned = typst::compile::<PagedDocument>(self);
        let warnings = warned.warnings.iter().map(|d| describe(self, d)).collect();
        let document = warned.output.map_err(|errors| TypstError::new(self, &errors))?;
        Ok((document, warnings))
    }

    /// Exports a laid-out document as PDF/A-2b, byte-identical for identical input.
    pub fn pdf(&self, document: &PagedDocument) -> Result<Vec<u8>, TypstError> {
        // The identifier derives from the content, so rebuilding the same plan gives the same PDF.
        let ident = ident(self.sources.values().map(|s| (s.id().vpath().get_without_slash().to_owned(), s.text())));
        self.pdf_identified(document, ident)
    }

    /// Exports a document laid out from other sources than this world's (a document whose
    /// large tables were typeset apart, `document::segment`), identified by `sources`, the
    /// source it stands for: its PDF is the one the whole source gives.
    pub fn pdf_of(&self, document: &PagedDocument, sources: &TypstSources) -> Result<Vec<u8>, TypstError> {
        self.pdf_identified(document, ident(sources.files.iter().map(|(name, text)| (name.clone(), text.as_str()))))
    }

    fn pdf_identified(&self, document: &PagedDocument, ident: String) -> Result<Vec<u8>, TypstError> {
        let datetime = datetime(self.date).ok_or_else(|| TypstError::plain("tanggal dokumen tidak valid"))?;
        let standards = PdfStandards::new(&[PdfStandard::A_2b])
            .map_err(|e| TypstError::plain(format!("standar PDF/A tidak tersedia ({e:?})")))?;
        let options = PdfOptions {
            ident: Smart::Custom(ident),
            creator: Smart::Custom(Some(format!("renja {}", env!("CARGO_PKG_VERSION")))),
            timestamp: Some(Timestamp::new_utc(datetime)),
            page_ranges: None,
            standards,
            // Untagged keeps the appendix ~5× smaller; PDF/A-2b does not require tags.
            tagged: false,
            pretty: false,
        };
        typst_pdf::pdf(document, &options).map_err(|errors| TypstError::new(self, &errors))
    }
}

/// A PDF's identifier: the first 16 bytes of the SHA-256 of its sources' texts, in the order of
/// their names.
fn ident<'a>(sources: impl Iterator<Item = (String, &'a str)>) -> String {
    let mut sources: Vec<(String, &str)> = sources.collect();
    sources.sort_by(|a, b| a.0.cmp(&b.0));
    let mut hasher = Sha256::new();
    for (_, text) in sources {
        hasher.update(text.as_bytes());
    }
    crate::files::hex(&hasher.finalize()[..16])
}

/// One run of text as laid out: page (from 1), position of its baseline start in points from
/// the page's top-left corner, width, and text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    pub page: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub text: String,
}

/// Every text run of a document, page by page in layout order (a table cell's lines stay
/// together).
pub fn text_runs(document: &PagedDocument) -> Vec<TextRun> {
    fn walk(frame: &typst::layout::Frame, page: usize, out: &mut Vec<TextRun>, dx: f64, dy: f64) {
        for (pos, item) in frame.items() {
            let (x, y) = (dx + pos.x.to_pt(), dy + pos.y.to_pt());
            match item {
                typst::layout::FrameItem::Group(group) => {
                    let t = group.transform;
                    walk(&group.frame, page, out, x + t.tx.to_pt(), y + t.ty.to_pt())
                }
                typst::layout::FrameItem::Text(text) => {
                    out.push(TextRun { page, x, y, width: text.width().to_pt(), text: text.text.to_string() })
                }
                _ => {}
            }
        }
    }
    let mut runs = Vec::new();
    for (i, page) in document.pages().iter().enumerate() {
        walk(&page.frame, i + 1, &mut runs, 0.0, 0.0);
    }
    runs
}

/// The text of each page: a newline wherever the baseline changes and a space wherever runs
/// on one line leave a gap — what a reader sees, read from Typst's own layout rather than
/// re-parsed from the PDF.
pub fn page_texts(document: &PagedDocument) -> Vec<String> {
    let mut texts = vec![String::new(); document.pages().len()];
    let mut previous: Option<TextRun> = None;
    for run in text_runs(document) {
        let text = &mut texts[run.page - 1];
        if let Some(prev) = previous.as_ref().filter(|p| p.page == run.page) {
            if (run.y - prev.y).abs() > 0.5 {
                text.push('\n');
            } else if run.x - (prev.x + prev.width) > 1.0 {
                text.push(' ');
            }
        }
        // A no-break space (between a figure and its unit) reads as a space.
        text.push_str(&run.text.replace('\u{a0}', " "));
        previous = Some(run);
    }
    texts
}

/// A signature area as laid out: page (from 1) and rectangle in PDF points, origin at the
/// page's bottom-left corner, as signing services expect.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KotakTtd {
    pub halaman: usize,
    pub x: f64,
    pub y: f64,
    pub lebar: f64,
    pub tinggi: f64,
    pub jabatan: String,
    pub nama: String,
    pub elektronik: bool,
}

/// Reads the signature areas back from the layout: the corners the template marked with
/// `<renja-ttd-awal>` and `<renja-ttd-akhir>`. Measured, never estimated.
pub fn signature_boxes(document: &PagedDocument) -> Vec<KotakTtd> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::utils::PicoStr;

    let introspector = document.introspector();
    let query = |name: &str| -> Vec<typst::foundations::Content> {
        Label::new(PicoStr::intern(name))
            .map(|l| introspector.query(&Selector::Label(l)).into_iter().collect())
            .unwrap_or_default()
    };
    let field = |value: &Value, key: &str| -> Option<Value> {
        match value {
            Value::Dict(dict) => dict.get(key).ok().cloned(),
            _ => None,
        }
    };
    let text = |value: Option<Value>| match value {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    let mut boxes = Vec::new();
    for (start, end) in query("renja-ttd-awal").into_iter().zip(query("renja-ttd-akhir")) {
        let (Some(a), Some(b)) = (start.location(), end.location()) else { continue };
        let (Some(a), Some(b)) = (introspector.position(a), introspector.position(b)) else { continue };
        if a.page != b.page {
            continue;
        }
        let Some(page) = document.pages().get(a.page.get() - 1) else { continue };
        let height = page.frame.height().to_pt();
        let value = start.to_packed::<MetadataElem>().map(|m| m.value.clone()).unwrap_or(Value::None);
        let (x0, y0, x1, y1) = (a.point.x.to_pt(), a.point.y.to_pt(), b.point.x.to_pt(), b.point.y.to_pt());
        boxes.push(KotakTtd {
            halaman: a.page.get(),
            x: round2(x0.min(x1)),
            y: round2(height - y0.max(y1)),
            lebar: round2((x1 - x0).abs()),
            tinggi: round2((y1 - y0).abs()),
            jabatan: text(field(&value, "jabatan")),
            nama: text(field(&value, "nama")),
            elektronik: matches!(field(&value, "elektronik"), Some(Value::Bool(true))),
        });
    }
    boxes
}

/// The page (from 1) where a preview's part starts in the whole document: the chapter heading
/// (`<renja-judul>` "bab": Bab I–V, then LAMPIRAN) or the table caption (`<renja-tabel>`).
pub fn start_page(document: &PagedDocument, part: &crate::render::Pratinjau) -> Option<usize> {
    use crate::render::Pratinjau;

    let marked = |name: &str| marked(document, name);
    match part {
        Pratinjau::Tabel(nomor) => marked("renja-tabel").into_iter().find(|(_, n)| n == nomor).map(|(page, _)| page),
        Pratinjau::Bab(n) => {
            let index = n.parse::<usize>().ok()?.checked_sub(1)?;
            marked("renja-judul").into_iter().filter(|(_, v)| v == "bab").nth(index).map(|(page, _)| page)
        }
        Pratinjau::Lampiran => marked("renja-judul").into_iter().rfind(|(_, v)| v == "bab").map(|(page, _)| page),
    }
}

/// The metadata labelled `name`, in layout order: the page (from 1) each stands on and its
/// value as text (empty when it is not a string).
pub fn marked(document: &PagedDocument, name: &str) -> Vec<(usize, String)> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector, MetadataElem};
    use typst::utils::PicoStr;

    let introspector = document.introspector();
    let Some(label) = Label::new(PicoStr::intern(name)) else { return vec![] };
    introspector
        .query(&Selector::Label(label))
        .into_iter()
        .filter_map(|content| {
            let page = introspector.page(content.location()?)?.get();
            let value = match content.to_packed::<MetadataElem>().map(|m| m.value.clone()) {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            Some((page, value))
        })
        .collect()
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Each page as a PNG at `ppi` pixels per inch.
pub fn png_pages(document: &PagedDocument, ppi: f32) -> Result<Vec<Vec<u8>>, String> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(ppi) / 72.0),
        render_bleed: false,
    };
    document
        .pages()
        .iter()
        .map(|page| typst_render::render(page, &options).encode_png().map_err(|e| e.to_string()))
        .collect()
}

/// Each page as an SVG document.
pub fn svg_pages(document: &PagedDocument) -> Vec<String> {
    let options = typst_svg::SvgOptions { render_bleed: false, pretty: false };
    document.pages().iter().map(|page| typst_svg::svg(page, &options)).collect()
}

/// Whether a page is set landscape (wider than tall).
pub fn is_landscape(page: &typst_layout::Page) -> bool {
    let size = page.frame.size();
    size.x > size.y
}

impl World for RenjaWorld {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let VirtualRoot::Package(spec) = id.root() {
            return Err(FileError::Package(PackageError::NotFound(spec.clone())));
        }
        self.sources.get(&id).cloned().ok_or_else(|| {
            FileError::Other(Some(
                format!("berkas {:?} tidak tersedia: dokumen renja tidak membaca berkas lain", id.vpath()).into(),
            ))
        })
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        // Only our own sources exist; `read()`, `image()` and friends see nothing else.
        self.source(id).map(|source| Bytes::from_string(source.text().to_owned()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        datetime(self.date)
    }
}

/// Typst's errors, located in our template files and free of typst-cli hints.
#[derive(Debug, Clone)]
pub struct TypstError {
    pub messages: Vec<String>,
}

impl TypstError {
    pub fn plain(message: impl Into<String>) -> Self {
        TypstError { messages: vec![message.into()] }
    }

    fn new(world: &RenjaWorld, diagnostics: &[SourceDiagnostic]) -> Self {
        let mut messages: Vec<String> = Vec::new();
        // The same glyph missing on many pages is one problem, said once.
        for message in diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| describe(world, d)) {
            if !messages.contains(&message) {
                messages.push(message);
            }
        }
        TypstError { messages }
    }
}

/// A Typst diagnostic with its place in the generated source and its hints.
fn describe(world: &RenjaWorld, d: &SourceDiagnostic) -> String {
    let mut text = String::new();
    let said = indonesian(&d.message);
    if let Some(id) = d.span.id()
        && let Ok(source) = world.source(id)
        && let Some(range) = world.range(d.span)
    {
        let (line, column) = source.lines().byte_to_line_column(range.start).unwrap_or((0, 0));
        let name = id.vpath().get_without_slash().to_owned();
        let line_text = source.text().lines().nth(line).unwrap_or("").trim();
        let quoted: String = line_text.chars().take(100).collect();
        let message = said.clone().unwrap_or_else(|| format!("pesan Typst: {}", d.message));
        text.push_str(&format!("{name}:{}:{}: {message}\n    | {quoted}", line + 1, column + 1));
    } else {
        text.push_str(&said.clone().unwrap_or_else(|| format!("pesan Typst: {}", d.message)));
    }
    // typst-cli's hints name its flags (--root, --font-path), which mean nothing here; a
    // message said in Indonesian carries its own hint.
    for hint in d.hints.iter().map(|h| &h.v).filter(|h| !h.contains("--") && said.is_none()) {
        text.push_str(&format!("\n    saran Typst: {hint}"));
    }
    text
}

/// Typst's messages are English. The ones a plan can cause (through `--paksa`, which builds a
/// plan with errors) are said in Indonesian with what to do; any other keeps Typst's words,
/// marked as such, since it points at a template.
fn indonesian(message: &str) -> Option<String> {
    let detail = message.split_once(" error: ").map_or(message, |(_, detail)| detail);
    let quoted = |text: &str| text.split('`').nth(1).map(str::to_owned).unwrap_or_default();
    let said = if detail.contains("PDF string is longer than") {
        "PDF/A-2b: sebuah teks melebihi batas string PDF (32.767 byte): nama di metadata PDF (judul, penulis, \
         subjek) atau satu kata tanpa spasi yang sangat panjang; perpendek teks itu (renja check melaporkannya \
         sebagai teks.nama_terlalu_panjang atau teks.kata_terlalu_panjang)"
            .to_owned()
    } else if detail.contains("could not be displayed with") {
        format!(
            "PDF/A-2b: teks {} tidak dapat dicetak dengan huruf dokumen (tidak ada glyph-nya); hapus atau ganti \
             karakter itu di rencana (renja check melaporkannya sebagai teks.karakter_tidak_tersedia)",
            quoted(detail)
        )
    } else if detail.contains("disallowed codepoint") || detail.contains("contains the codepoint") {
        format!(
            "PDF/A-2b: teks memuat karakter {} yang dilarang PDF/A; hapus karakter itu dari rencana",
            quoted(detail)
        )
    } else if detail.contains("codepoint") || detail.contains("code point") {
        "PDF/A-2b: ada teks yang tidak dapat dipetakan ke Unicode (aksara kompleks); ganti teks itu di rencana"
            .to_owned()
    } else {
        return None;
    };
    Some(said)
}

impl fmt::Display for TypstError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "penyusunan dengan Typst gagal")?;
        for message in &self.messages {
            write!(f, "\n  {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TypstError {}
