//! Reading a .docx package into the flat sequence of what its body holds: paragraphs with the
//! facts the importer needs (style, heading level, alignment, indent, list label, runs with
//! bold and italic) and tables, each with its place.
//!
//! The package is read with `zip` and its XML parts with `roxmltree` (no DTD, so no entity
//! expansion), each part bounded before it is parsed. Word's inheritance is resolved here:
//! a run's bold and italic from the run, its character style, the paragraph's style chain and
//! the document defaults; a paragraph's heading level from its own outline level or its style
//! chain (outline level, or a built-in "heading N" style whose name stays English in every
//! language of Word); a list label from `numbering.xml`'s levels and counters.

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document, Node};

use crate::diagnostic::Diagnostic;

/// WordprocessingML's main namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The most bytes `word/document.xml` may decompress to (a Renja of 300 pages is ~5 MB).
pub const DOKUMEN_BAIT_MAKS: u64 = 64 * 1024 * 1024;
/// The most bytes `styles.xml` or `numbering.xml` may decompress to.
const BAGIAN_BAIT_MAKS: u64 = 16 * 1024 * 1024;
/// The most XML nodes a part may hold (bounds memory whatever the compression).
const SIMPUL_MAKS: u32 = 5_000_000;
/// How deep content controls, insertions and hyperlinks may nest in one another.
const BERSARANG_MAKS: usize = 64;

/// A run of text with its emphasis; `\n` is a line break, `\t` a tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Penggalan {
    pub teks: String,
    pub tebal: bool,
    pub miring: bool,
}

/// One paragraph of the body.
#[derive(Debug, Clone, Default)]
pub struct ParagrafDocx {
    /// 1-based place among the body's paragraphs (tables' own paragraphs not counted).
    pub nomor: usize,
    pub gaya: Option<String>,
    /// 1 for a chapter-level heading ("heading 1", outline level 0), 2, 3 …
    pub tingkat_judul: Option<u8>,
    pub tengah: bool,
    /// Left indent in twentieths of a point.
    pub indentasi: i32,
    /// The list label Word prints before it ("1.", "a.", "BAB I", "-" for a bullet), and the
    /// list level (0 = outermost).
    pub label: Option<(String, u8)>,
    pub potongan: Vec<Penggalan>,
    /// Holds a picture, chart or other drawing.
    pub gambar: bool,
    /// Starts on a new page.
    pub halaman_baru: bool,
    /// Footnote and endnote references in it (their notes are not imported).
    pub catatan_kaki: usize,
}

impl ParagrafDocx {
    /// Its text, runs joined.
    pub fn teks(&self) -> String {
        self.potongan.iter().map(|p| p.teks.as_str()).collect()
    }

    /// Every character that is not white space is bold.
    pub fn semua_tebal(&self) -> bool {
        let mut any = false;
        for p in &self.potongan {
            if p.teks.trim().is_empty() {
                continue;
            }
            if !p.tebal {
                return false;
            }
            any = true;
        }
        any
    }
}

/// What the body holds, in order.
#[derive(Debug, Clone)]
pub enum Unsur {
    Paragraf(ParagrafDocx),
    /// A table, after the body paragraph numbered `setelah` (0: before any), with its size.
    Tabel {
        setelah: usize,
        baris: usize,
        kolom: usize,
        teks_awal: String,
    },
}

/// Whether the bytes are a Word package: a zip holding `word/document.xml`.
pub fn kenali(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        && zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .is_ok_and(|z| z.index_for_name("word/document.xml").is_some())
}

fn galat(pesan: impl Into<String>, letak: impl Into<String>) -> Diagnostic {
    Diagnostic::error("impor.docx", pesan).path(letak)
}

/// Reads the package's body. Every problem is a located error in Indonesian.
pub fn baca(bytes: &[u8]) -> Result<Vec<Unsur>, Box<Diagnostic>> {
    if !bytes.starts_with(b"PK\x03\x04") {
        let found = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            "dokumen Word 97-2003 (.doc) atau berkas Office lama lain".to_owned()
        } else if bytes.starts_with(b"%PDF") {
            "dokumen PDF".to_owned()
        } else if bytes.is_empty() {
            "berkas kosong".to_owned()
        } else {
            "berkas yang tidak diawali tanda arsip zip (PK)".to_owned()
        };
        return Err(galat("berkas bukan dokumen Word (.docx)", "bait 0")
            .expected("dokumen Word .docx (arsip zip berisi word/document.xml)")
            .found(found)
            .hint("buka berkasnya di Word atau LibreOffice, simpan sebagai \"Dokumen Word (.docx)\", lalu impor lagi")
            .into());
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        galat("arsip .docx rusak", "direktori arsip zip")
            .expected("arsip zip yang utuh")
            .found(format!("{e}"))
            .hint("simpan ulang dokumennya dari Word (Simpan Sebagai .docx), atau minta salinan yang utuh")
    })?;
    let dokumen = bagian(&mut zip, "word/document.xml", DOKUMEN_BAIT_MAKS)?.ok_or_else(|| {
        galat("arsip zip ini bukan dokumen Word", "word/document.xml")
            .expected("bagian word/document.xml")
            .found("arsip zip tanpa word/document.xml")
            .hint("impor dokumen Word .docx; buku kerja .xlsx diimpor tanpa narasi")
    })?;
    let styles = bagian(&mut zip, "word/styles.xml", BAGIAN_BAIT_MAKS)?;
    let numbering = bagian(&mut zip, "word/numbering.xml", BAGIAN_BAIT_MAKS)?;
    let styles_doc = styles.as_deref().map(|s| parse("word/styles.xml", s)).transpose()?;
    let numbering_doc = numbering.as_deref().map(|s| parse("word/numbering.xml", s)).transpose()?;
    let gaya = GayaDocx::dari(styles_doc.as_ref());
    let penomoran = Penomoran::dari(numbering_doc.as_ref());
    let doc = parse("word/document.xml", &dokumen)?;
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| galat("dokumen Word tanpa isi", "word/document.xml").expected("elemen w:body"))?;
    let mut pembaca = Pembaca { gaya, penomoran, unsur: Vec::new(), nomor: 0 };
    pembaca.blok(body, 0);
    Ok(pembaca.unsur)
}

/// One part as text, bounded; `None` when the package has no such part.
fn bagian<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    nama: &str,
    maks: u64,
) -> Result<Option<String>, Box<Diagnostic>> {
    let Ok(entry) = zip.by_name(nama) else { return Ok(None) };
    if entry.size() > maks {
        return Err(terlalu_besar(nama, entry.size(), maks).into());
    }
    let mut data = Vec::new();
    entry.take(maks + 1).read_to_end(&mut data).map_err(|e| {
        galat(format!("bagian {nama} rusak dan tidak dapat diekstrak"), nama)
            .found(e.to_string())
            .hint("simpan ulang dokumennya dari Word (Simpan Sebagai .docx), atau minta salinan yang utuh")
    })?;
    if data.len() as u64 > maks {
        return Err(terlalu_besar(nama, data.len() as u64, maks).into());
    }
    let data = data.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(data);
    let text = String::from_utf8(data).map_err(|e| {
        galat(format!("bagian {nama} bukan teks UTF-8"), format!("{nama}, bait {}", e.utf8_error().valid_up_to()))
            .hint("simpan ulang dokumennya dari Word (Simpan Sebagai .docx)")
    })?;
    Ok(Some(text))
}

fn terlalu_besar(nama: &str, bait: u64, maks: u64) -> Diagnostic {
    galat(format!("bagian {nama} terlalu besar setelah diekstrak"), nama)
        .expected(format!("paling banyak {} MB", maks / (1024 * 1024)))
        .found(format!("sedikitnya {} MB", bait.div_ceil(1024 * 1024)))
        .hint("simpan narasi Bab I–V saja sebagai dokumen tersendiri (tanpa gambar dan tabel besar), lalu impor")
}

fn parse<'i>(nama: &str, text: &'i str) -> Result<Document<'i>, Box<Diagnostic>> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: SIMPUL_MAKS, ..Default::default() };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        if matches!(e, roxmltree::Error::NodesLimitReached) {
            return galat(format!("bagian {nama} terlalu rumit"), nama)
                .expected(format!("paling banyak {SIMPUL_MAKS} simpul XML"))
                .found("lebih banyak")
                .hint("simpan narasi Bab I–V saja sebagai dokumen tersendiri, lalu impor");
        }
        let pos = e.pos();
        galat(format!("XML bagian {nama} tidak sah"), format!("{nama} baris {} kolom {}", pos.row, pos.col))
            .found(e.to_string())
            .hint("buka dokumennya di Word (Word menawarkan perbaikan), simpan sebagai .docx, lalu impor lagi")
    })?;
    Ok(doc)
}

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(n: &Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

fn val<'a>(n: &Node<'a, '_>) -> Option<&'a str> {
    n.attribute((W, "val"))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`) where present.
fn on_off(props: Option<Node>, name: &str) -> Option<bool> {
    let n = child(&props?, name)?;
    Some(!matches!(val(&n), Some("0" | "false" | "off" | "none")))
}

fn number<T: std::str::FromStr>(n: Option<Node>, attr: &str) -> Option<T> {
    n?.attribute((W, attr))?.parse().ok()
}

// --- Styles ----------------------------------------------------------------------------------

#[derive(Debug, Default, Clone)]
struct SatuGaya {
    induk: Option<String>,
    tingkat: Option<u8>,
    tebal: Option<bool>,
    miring: Option<bool>,
    num: Option<(String, Option<u8>)>,
}

#[derive(Debug, Default)]
struct GayaDocx {
    gaya: HashMap<String, SatuGaya>,
    /// The default paragraph style ("Normal").
    bawaan: Option<String>,
    tebal: bool,
    miring: bool,
}

impl GayaDocx {
    fn dari(doc: Option<&Document>) -> GayaDocx {
        let mut out = GayaDocx::default();
        let Some(doc) = doc else { return out };
        let root = doc.root_element();
        if let Some(rpr) =
            child(&root, "docDefaults").and_then(|d| child(&d, "rPrDefault")).and_then(|r| child(&r, "rPr"))
        {
            out.tebal = on_off(Some(rpr), "b").unwrap_or(false);
            out.miring = on_off(Some(rpr), "i").unwrap_or(false);
        }
        for s in root.children().filter(|c| is(c, "style")) {
            let Some(id) = s.attribute((W, "styleId")) else { continue };
            let nama = child(&s, "name").and_then(|n| val(&n)).unwrap_or("").to_owned();
            let ppr = child(&s, "pPr");
            let rpr = child(&s, "rPr");
            let outline = ppr.and_then(|p| child(&p, "outlineLvl")).and_then(|o| val(&o)?.parse::<u8>().ok());
            // Level 9 is "body text".
            let mut tingkat = outline.filter(|l| *l < 9).map(|l| l + 1);
            if tingkat.is_none() {
                tingkat = tingkat_nama(&nama).or_else(|| tingkat_nama(id));
            }
            let num = ppr.and_then(|p| child(&p, "numPr")).and_then(|n| {
                let id = child(&n, "numId").and_then(|v| val(&v).map(str::to_owned))?;
                Some((id, child(&n, "ilvl").and_then(|v| val(&v)?.parse().ok())))
            });
            if s.attribute((W, "type")) == Some("paragraph") && s.attribute((W, "default")) == Some("1") {
                out.bawaan = Some(id.to_owned());
            }
            out.gaya.insert(
                id.to_owned(),
                SatuGaya {
                    induk: child(&s, "basedOn").and_then(|b| val(&b).map(str::to_owned)),
                    tingkat,
                    tebal: on_off(rpr, "b"),
                    miring: on_off(rpr, "i"),
                    num,
                },
            );
        }
        out
    }

    /// The style and its ancestors, nearest first (bounded against a loop of `basedOn`).
    fn rantai(&self, id: Option<&str>) -> Vec<&SatuGaya> {
        let mut out = Vec::new();
        let mut at = id.or(self.bawaan.as_deref());
        while let Some(s) = at.and_then(|i| self.gaya.get(i)) {
            if out.len() >= 16 {
                break;
            }
            out.push(s);
            at = s.induk.as_deref();
        }
        out
    }
}

/// "heading 2" → 2 (also "Heading2", the id, and "Judul 2", an Indonesian name).
fn tingkat_nama(nama: &str) -> Option<u8> {
    let lower = nama.to_lowercase();
    let rest = lower.strip_prefix("heading").or_else(|| lower.strip_prefix("judul"))?;
    let n: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&n).then_some(n)
}

// --- Numbering -------------------------------------------------------------------------------

#[derive(Debug, Clone, Default)]
struct Aras {
    mulai: u32,
    format: String,
    teks: String,
    /// "Legal" numbering (`isLgl`): every level's number in digits ("3.1" under "BAB III").
    legal: bool,
}

#[derive(Debug, Default)]
struct Penomoran {
    /// numId → (abstract levels, start overrides per level).
    daftar: HashMap<String, (Vec<Aras>, HashMap<u8, u32>)>,
    /// numId → the counters of its levels so far.
    hitung: HashMap<String, [u32; 9]>,
}

impl Penomoran {
    fn dari(doc: Option<&Document>) -> Penomoran {
        let mut out = Penomoran::default();
        let Some(doc) = doc else { return out };
        let root = doc.root_element();
        let mut abstrak: HashMap<&str, Vec<Aras>> = HashMap::new();
        for a in root.children().filter(|c| is(c, "abstractNum")) {
            let Some(id) = a.attribute((W, "abstractNumId")) else { continue };
            let mut levels = vec![Aras::default(); 9];
            for l in a.children().filter(|c| is(c, "lvl")) {
                let Some(i) = l.attribute((W, "ilvl")).and_then(|v| v.parse::<usize>().ok()).filter(|i| *i < 9) else {
                    continue;
                };
                levels[i] = Aras {
                    mulai: number(child(&l, "start"), "val").unwrap_or(1),
                    format: child(&l, "numFmt").and_then(|n| val(&n)).unwrap_or("decimal").to_owned(),
                    teks: child(&l, "lvlText").and_then(|n| val(&n)).unwrap_or("").to_owned(),
                    legal: on_off(Some(l), "isLgl").unwrap_or(false),
                };
            }
            abstrak.insert(id, levels);
        }
        for n in root.children().filter(|c| is(c, "num")) {
            let Some(id) = n.attribute((W, "numId")) else { continue };
            let Some(levels) = child(&n, "abstractNumId").and_then(|a| val(&a)).and_then(|a| abstrak.get(a)) else {
                continue;
            };
            let mut mulai = HashMap::new();
            for o in n.children().filter(|c| is(c, "lvlOverride")) {
                if let (Some(i), Some(s)) =
                    (o.attribute((W, "ilvl")).and_then(|v| v.parse().ok()), number(child(&o, "startOverride"), "val"))
                {
                    mulai.insert(i, s);
                }
            }
            out.daftar.insert(id.to_owned(), (levels.clone(), mulai));
        }
        out
    }

    /// The label of the next paragraph of list `num` at `level`, counters moved on.
    fn label(&mut self, num: &str, level: u8) -> Option<String> {
        let (levels, mulai) = self.daftar.get(num)?;
        let level = usize::from(level.min(8));
        let start = |i: usize| mulai.get(&(i as u8)).copied().unwrap_or(levels[i].mulai);
        let hitung = self.hitung.entry(num.to_owned()).or_insert([0; 9]);
        for (i, h) in hitung.iter_mut().enumerate().take(level) {
            if *h == 0 {
                *h = start(i);
            }
        }
        hitung[level] = if hitung[level] == 0 { start(level) } else { hitung[level].saturating_add(1) };
        for h in hitung.iter_mut().skip(level + 1) {
            *h = 0;
        }
        let aras = &levels[level];
        match aras.format.as_str() {
            "bullet" => return Some("-".to_owned()),
            "none" => return None,
            _ => {}
        }
        let mut out = String::new();
        let mut chars = aras.teks.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let format = if aras.legal { "decimal" } else { levels[i].format.as_str() };
                    out.push_str(&format_angka(hitung[i].max(1), format));
                }
                _ => out.push(c),
            }
        }
        let out = out.trim().to_owned();
        (!out.is_empty()).then_some(out)
    }
}

/// A list number as Word prints it; letters past "zzz" and Roman numerals past 3999 (a
/// start value no list has) are written in digits, so no label grows with the number.
fn format_angka(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" if n <= 78 => huruf(n),
        "upperLetter" if n <= 78 => huruf(n).to_uppercase(),
        "lowerRoman" if n <= 3999 => crate::format::romawi(n as usize).to_lowercase(),
        "upperRoman" if n <= 3999 => crate::format::romawi(n as usize),
        _ => n.to_string(),
    }
}

/// a … z, then aa, bb … as Word letters a list.
fn huruf(n: u32) -> String {
    let n = n.max(1) - 1;
    let c = char::from(b'a' + (n % 26) as u8);
    std::iter::repeat_n(c, (n / 26) as usize + 1).collect()
}

// --- The body --------------------------------------------------------------------------------

struct Pembaca {
    gaya: GayaDocx,
    penomoran: Penomoran,
    unsur: Vec<Unsur>,
    nomor: usize,
}

impl Pembaca {
    /// The block-level children of the body (or of a content control or custom XML element).
    fn blok(&mut self, parent: Node, sarang: usize) {
        if sarang > BERSARANG_MAKS {
            return;
        }
        for n in parent.children().filter(Node::is_element) {
            if n.tag_name().namespace() != Some(W) {
                continue;
            }
            match n.tag_name().name() {
                "p" => {
                    let p = self.paragraf(n);
                    self.unsur.push(Unsur::Paragraf(p));
                }
                "tbl" => {
                    let rows: Vec<Node> = n.children().filter(|c| is(c, "tr")).collect();
                    let kolom = rows.iter().map(|r| r.children().filter(|c| is(c, "tc")).count()).max().unwrap_or(0);
                    // The first cells' text, a paragraph a word.
                    let mut teks_awal = String::new();
                    for para in n.descendants().filter(|d| is(d, "p")) {
                        if teks_awal.chars().count() >= 60 {
                            break;
                        }
                        let t: String = para.descendants().filter(|d| is(d, "t")).filter_map(|t| t.text()).collect();
                        if !t.trim().is_empty() {
                            teks_awal.push_str(t.trim());
                            teks_awal.push(' ');
                        }
                    }
                    let teks_awal: String = teks_awal.trim_end().chars().take(60).collect();
                    self.unsur.push(Unsur::Tabel { setelah: self.nomor, baris: rows.len(), kolom, teks_awal });
                }
                "sdt" => {
                    if let Some(content) = child(&n, "sdtContent") {
                        self.blok(content, sarang + 1);
                    }
                }
                "customXml" | "ins" | "smartTag" => self.blok(n, sarang + 1),
                _ => {}
            }
        }
    }

    fn paragraf(&mut self, p: Node) -> ParagrafDocx {
        self.nomor += 1;
        let ppr = child(&p, "pPr");
        let gaya_id = ppr.and_then(|x| child(&x, "pStyle")).and_then(|s| val(&s)).map(str::to_owned);
        let rantai = self.gaya.rantai(gaya_id.as_deref());
        let outline = ppr.and_then(|x| child(&x, "outlineLvl")).and_then(|o| val(&o)?.parse::<u8>().ok());
        let tingkat_judul = match outline {
            Some(l) if l < 9 => Some(l + 1),
            Some(_) => None,
            None => rantai.iter().find_map(|s| s.tingkat),
        };
        let jc = ppr.and_then(|x| child(&x, "jc")).and_then(|j| val(&j).map(str::to_owned));
        let indentasi = ppr
            .and_then(|x| child(&x, "ind"))
            .and_then(|i| i.attribute((W, "left")).or_else(|| i.attribute((W, "start"))))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let halaman_baru = on_off(ppr, "pageBreakBefore").unwrap_or(false);
        // The list: the paragraph's own numPr, else its style's.
        let own = ppr.and_then(|x| child(&x, "numPr")).map(|n| {
            let id = child(&n, "numId").and_then(|v| val(&v).map(str::to_owned));
            (id, child(&n, "ilvl").and_then(|v| val(&v)?.parse::<u8>().ok()))
        });
        let num = match own {
            Some((Some(id), level)) => Some((id, level.unwrap_or(0))),
            Some((None, _)) => None,
            None => rantai.iter().find_map(|s| s.num.clone()).map(|(id, l)| (id, l.unwrap_or(0))),
        };
        let label = num
            .filter(|(id, _)| id != "0")
            .and_then(|(id, level)| self.penomoran.label(&id, level).map(|l| (l, level)));
        let (tebal, miring) = {
            let tebal = rantai.iter().find_map(|s| s.tebal).unwrap_or(self.gaya.tebal);
            let miring = rantai.iter().find_map(|s| s.miring).unwrap_or(self.gaya.miring);
            (tebal, miring)
        };
        let mut out = ParagrafDocx {
            nomor: self.nomor,
            gaya: gaya_id,
            tingkat_judul,
            tengah: matches!(jc.as_deref(), Some("center")),
            indentasi,
            label,
            halaman_baru,
            ..ParagrafDocx::default()
        };
        self.isi(p, (tebal, miring), &mut out, 0);
        out
    }

    /// The runs under a paragraph (also inside hyperlinks, insertions, fields, content controls).
    fn isi(&self, parent: Node, dasar: (bool, bool), out: &mut ParagrafDocx, sarang: usize) {
        if sarang > BERSARANG_MAKS {
            return;
        }
        for n in parent.children().filter(Node::is_element) {
            if n.tag_name().namespace() != Some(W) {
                if matches!(n.tag_name().name(), "AlternateContent") {
                    out.gambar = true;
                }
                continue;
            }
            match n.tag_name().name() {
                "r" => self.run(n, dasar, out),
                "hyperlink" | "ins" | "smartTag" | "fldSimple" | "customXml" | "moveTo" | "bdo" | "dir" => {
                    self.isi(n, dasar, out, sarang + 1)
                }
                "sdt" => {
                    if let Some(content) = child(&n, "sdtContent") {
                        self.isi(content, dasar, out, sarang + 1);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&self, r: Node, (tebal_p, miring_p): (bool, bool), out: &mut ParagrafDocx) {
        let rpr = child(&r, "rPr");
        if on_off(rpr, "vanish").unwrap_or(false) {
            return;
        }
        let rgaya = rpr.and_then(|x| child(&x, "rStyle")).and_then(|s| val(&s));
        let char_chain = rgaya.map(|id| self.gaya.rantai(Some(id))).unwrap_or_default();
        let tebal = on_off(rpr, "b").or_else(|| char_chain.iter().find_map(|s| s.tebal)).unwrap_or(tebal_p);
        let miring = on_off(rpr, "i").or_else(|| char_chain.iter().find_map(|s| s.miring)).unwrap_or(miring_p);
        let mut teks = String::new();
        for c in r.children().filter(Node::is_element) {
            match c.tag_name().name() {
                "t" if c.tag_name().namespace() == Some(W) => teks.push_str(c.text().unwrap_or("")),
                "tab" | "ptab" => teks.push('\t'),
                "br" => {
                    if !matches!(c.attribute((W, "type")), Some("page" | "column")) {
                        teks.push('\n');
                    } else if teks.is_empty() && out.potongan.is_empty() {
                        out.halaman_baru = true;
                    }
                }
                "cr" => teks.push('\n'),
                "noBreakHyphen" => teks.push('-'),
                "drawing" | "pict" | "object" => out.gambar = true,
                "footnoteReference" | "endnoteReference" => out.catatan_kaki += 1,
                "AlternateContent" => out.gambar = true,
                _ => {}
            }
        }
        if teks.is_empty() {
            return;
        }
        match out.potongan.last_mut() {
            Some(last) if last.tebal == tebal && last.miring == miring => last.teks.push_str(&teks),
            _ => out.potongan.push(Penggalan { teks, tebal, miring }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_levels_come_from_names_in_english_and_indonesian() {
        assert_eq!(tingkat_nama("heading 2"), Some(2));
        assert_eq!(tingkat_nama("Heading1"), Some(1));
        assert_eq!(tingkat_nama("Judul 3"), Some(3));
        assert_eq!(tingkat_nama("Normal"), None);
        assert_eq!(huruf(1), "a");
        assert_eq!(huruf(27), "aa");
    }
}
