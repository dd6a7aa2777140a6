//! `renja build --format docx`: the document as Word, read back with docx-rs's reader (the
//! parsed document tree, not the writer's API) and, for what that reader does not keep (the
//! `tblHeader` row property, the page size of a section that ends mid-document, the page
//! headers), the package's own XML parts.

use std::io::Read;
use std::path::Path;
use std::str::FromStr;

use docx_rs::{DocumentChild, Paragraph, Table, TableCellContent, TableChild, TableRowChild};
use rust_decimal::Decimal;

use crate::support::{Dir, flagship_path, root};

const TEMANGGUNG: &str = "examples/dinas-pupr-kabupaten-temanggung-2027.json";

/// A part of the package, as text.
fn part(docx: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut file = zip.by_name(name).ok()?;
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    Some(text)
}

/// The names of the package's parts.
fn parts(docx: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

fn cell_text(table: &Table) -> Vec<Vec<String>> {
    table
        .rows
        .iter()
        .map(|TableChild::TableRow(row)| {
            row.cells
                .iter()
                .map(|TableRowChild::TableCell(cell)| {
                    cell.children
                        .iter()
                        .filter_map(|c| match c {
                            TableCellContent::Paragraph(p) => Some(p.raw_text()),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                })
                .collect()
        })
        .collect()
}

fn style(p: &Paragraph) -> Option<&str> {
    p.property.style.as_ref().map(|s| s.val.as_str())
}

/// What the test reads of a document: its top-level paragraphs (style, text), its tables'
/// cells, and every text in order.
struct Terbaca {
    paragraphs: Vec<(Option<String>, String)>,
    tables: Vec<Vec<Vec<String>>>,
    text: String,
    /// Each style's id and, for a built-in heading style ("heading N"), its level.
    styles: Vec<(String, Option<usize>)>,
}

fn read(docx: &[u8]) -> Terbaca {
    let doc = docx_rs::read_docx(docx).expect("docx-rs reads the document back");
    let mut out = Terbaca { paragraphs: Vec::new(), tables: Vec::new(), text: String::new(), styles: Vec::new() };
    for child in &doc.document.children {
        match child {
            DocumentChild::Paragraph(p) => {
                let text = p.raw_text();
                out.text.push_str(&text);
                out.text.push('\n');
                out.paragraphs.push((style(p).map(str::to_owned), text));
            }
            DocumentChild::Table(t) => {
                let cells = cell_text(t);
                for row in &cells {
                    out.text.push_str(&row.join("\t"));
                    out.text.push('\n');
                }
                out.tables.push(cells);
            }
            _ => {}
        }
    }
    out.styles = doc
        .styles
        .styles
        .iter()
        .map(|s| (s.style_id.clone(), s.name.is_heading().then(|| s.name.get_heading_number()).flatten()))
        .collect();
    out
}

fn build_docx(dir: &Dir, plan: &Path, name: &str, extra: &[&str]) -> Vec<u8> {
    let mut args: Vec<std::ffi::OsString> = vec!["build".into(), plan.into(), "--format".into(), "docx".into()];
    args.extend(["-o", name].into_iter().chain(extra.iter().copied()).map(Into::into));
    dir.renja(args).exits(0);
    dir.read(name)
}

/// Every rupiah figure (a `pagu…` column) of `renja tables PLAN --format json`, printed the
/// Indonesian way.
fn rupiah_figures(dir: &Dir, plan: &Path) -> Vec<String> {
    let args: Vec<std::ffi::OsString> =
        vec!["tables".into(), plan.into(), "--format".into(), "json".into(), "-o".into(), "t.json".into()];
    dir.renja(args).exits(0);
    let doc: serde_json::Value = serde_json::from_slice(&dir.read("t.json")).unwrap();
    let mut out = Vec::new();
    for tabel in doc["tabel"].as_array().unwrap() {
        for baris in tabel["baris"].as_array().unwrap() {
            for (kunci, nilai) in baris["sel"].as_object().unwrap() {
                if let (true, Some(v)) = (kunci.starts_with("pagu"), nilai.as_str())
                    && let Ok(v) = Decimal::from_str(v)
                {
                    out.push(renja::format::rupiah(v));
                }
            }
        }
    }
    out
}

/// Converts with LibreOffice when it is installed and checks the figures in the PDF's text.
fn libreoffice_check(dir: &Dir, docx: &str, figures: &[String]) {
    let office = ["soffice", "libreoffice"].into_iter().find(|name| {
        std::env::var_os("PATH").is_some_and(|path| std::env::split_paths(&path).any(|d| d.join(name).is_file()))
    });
    let Some(office) = office else {
        // CI installs it (`.ci/run`): there the check must run, never skip.
        assert!(std::env::var_os("CI").is_none(), "CI: LibreOffice (soffice) is not on PATH");
        eprintln!("docx: LibreOffice (soffice) is not on PATH; the conversion check of {docx} was skipped");
        return;
    };
    let status = std::process::Command::new(office)
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(dir.join(docx))
        .status()
        .unwrap();
    assert!(status.success(), "{office} failed on {docx}");
    let pdf = dir.join(&docx.replace(".docx", ".pdf"));
    let doc = lopdf::Document::load(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    for f in figures {
        assert!(text.contains(f.as_str()), "{f} not in LibreOffice's PDF of {docx}");
    }
}

/// The checks every plan's .docx passes; returns what was read, for the plan's own checks.
fn check_plan(plan: &Path) -> (Terbaca, String) {
    let dir = Dir::new();
    let a = build_docx(&dir, plan, "a.docx", &[]);
    let b = build_docx(&dir, plan, "b.docx", &[]);
    assert!(a == b, "{}: two builds of the same plan differ", plan.display());
    assert!(a.starts_with(b"PK"), "a zip package");
    let doc = read(&a);

    // Bab I–V as built-in headings, in order; sections numbered as the outline.
    let bab: Vec<&str> =
        doc.paragraphs.iter().filter(|(s, _)| s.as_deref() == Some("Heading1")).map(|(_, t)| t.as_str()).collect();
    // Five chapters, then the Lampiran.
    assert_eq!(bab.len(), 6, "{bab:?}");
    assert_eq!(bab[5], "LAMPIRAN");
    for (t, n) in bab[..5].iter().zip(["I", "II", "III", "IV", "V"]) {
        assert!(t.starts_with(&format!("BAB {n}")), "{t:?}");
    }
    assert!(doc.paragraphs.iter().any(|(s, t)| s.as_deref() == Some("Heading2") && t.starts_with("1.1 ")));
    assert!(doc.paragraphs.iter().any(|(s, t)| s.as_deref() == Some("Heading2") && t.starts_with("3.3 ")));
    for (id, level) in [("Heading1", 1), ("Heading2", 2), ("Heading3", 3)] {
        assert!(doc.styles.iter().any(|(i, n)| i == id && *n == Some(level)), "{id} {:?}", doc.styles);
    }
    // The decree appendix's header.
    let lampiran = &doc.tables[0];
    assert_eq!(lampiran[0][0], "LAMPIRAN");
    for label in ["NOMOR", "TENTANG"] {
        assert!(lampiran.iter().any(|row| row[0] == label), "{label} in {lampiran:?}");
    }
    // Six tables of the model, each with its column-number row ("1", "2", …).
    let tables = doc.tables.iter().filter(|t| t.iter().any(|row| row.len() > 3 && row[0] == "1" && row[1] == "2"));
    assert!(tables.count() >= 6, "{} tables", doc.tables.len());
    // Every rupiah figure of the table model is in the text.
    let figures = rupiah_figures(&dir, plan);
    assert!(figures.len() > 20, "{}", figures.len());
    for f in &figures {
        assert!(doc.text.contains(f.as_str()), "{}: {f} not in the .docx", plan.display());
    }
    // Header rows repeat on each page; merged header cells; a landscape section.
    let xml = part(&a, "word/document.xml").unwrap();
    assert!(xml.matches("<w:tblHeader").count() >= 12, "two header rows at least per table");
    assert!(xml.contains("<w:gridSpan") && xml.contains("<w:vMerge"), "merged header cells");
    let landscape = xml.split("<w:sectPr").skip(1).filter(|s| s.contains("w:orient=\"landscape\"")).count();
    assert!(landscape >= 1, "a landscape section");
    // Fonts named as in the PDF: a Bookman body, Arial tables.
    assert!(part(&a, "word/styles.xml").unwrap().contains("Bookman Old Style"));
    assert!(xml.contains("w:ascii=\"Arial\""));
    // The parts are deflated (docx-rs alone stores them), all with one fixed time.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    for i in 0..zip.len() {
        let entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        assert_eq!(entry.last_modified(), Some(zip::DateTime::default()), "{name}");
        if name == "word/document.xml" {
            assert_eq!(entry.compression(), zip::CompressionMethod::Deflated);
            assert!(entry.compressed_size() * 4 < entry.size(), "{} of {}", entry.compressed_size(), entry.size());
        }
    }
    // 1.1's figure, drawn by the PDF's own Typst function, under its title in Word's caption
    // style; table titles in that style too, and generated text in renja's own style.
    let title = doc
        .paragraphs
        .iter()
        .position(|(s, t)| s.as_deref() == Some("Caption") && t == "KETERKAITAN ANTAR DOKUMEN PERENCANAAN");
    let title = title.expect("the figure's title");
    assert!(doc.paragraphs[..title].iter().any(|(s, t)| s.as_deref() == Some("Heading2") && t.starts_with("1.1 ")));
    assert!(xml.contains("r:embed=\"rIdImageKeterkaitan\""), "the figure in the document part");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    let mut png = Vec::new();
    zip.by_name("word/media/rIdImageKeterkaitan.png").unwrap().read_to_end(&mut png).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 10_000, "{} bytes", png.len());
    assert!(
        doc.paragraphs.iter().filter(|(s, t)| s.as_deref() == Some("Caption") && t.starts_with("Tabel ")).count() >= 6
    );
    assert!(doc.paragraphs.iter().any(|(s, t)| s.as_deref() == Some("TeksOtomatis") && t.starts_with("Bab I ")));
    // No clock: the core properties carry the document's date.
    let core = part(&a, "docProps/core.xml").unwrap();
    assert!(!core.contains("1970-01-01"), "{core}");
    libreoffice_check(&dir, "a.docx", &figures);
    (doc, xml)
}

#[test]
fn flagship_docx_has_the_outline_every_table_and_every_rupiah_figure() {
    let (doc, _) = check_plan(&flagship_path());
    assert!(doc.text.contains("1.073.384.000"), "the flagship's JUMLAH pagu");
    // The Lampiran: each tujuan and sasaran, a table of programs under each sasaran, the IKU.
    let plan = crate::support::load(&flagship_path()).plan;
    let lampiran = doc.paragraphs.iter().position(|(_, t)| t == "LAMPIRAN").expect("the Lampiran heading");
    let after: Vec<&str> = doc.paragraphs[lampiran..].iter().map(|(_, t)| t.as_str()).collect();
    for t in &plan.pohon_kinerja {
        assert!(after.contains(&t.uraian.as_str()), "{}", t.uraian);
        for s in &t.sasaran {
            assert!(after.contains(&s.uraian.as_str()), "{}", s.uraian);
        }
    }
    let programs = doc.tables.iter().filter(|t| t[0] == ["Program", "Indikator", "Rumus"]).count();
    assert_eq!(programs, plan.pohon_kinerja.iter().map(|t| t.sasaran.len()).sum::<usize>());
    let iku = doc.tables.iter().find(|t| t[0] == ["No", "Indikator Kinerja Utama", "Rumus"]).expect("the IKU table");
    assert_eq!(iku.len(), plan.indikator_kinerja_utama.len() + 1);
    let first = &plan.indikator_kinerja_utama[0];
    assert_eq!(
        iku[1],
        [
            "1".to_owned(),
            first.indikator.clone(),
            format!("{} / {} × 100%", first.rumus.pembilang, first.rumus.penyebut)
        ]
    );
    // Prose paragraphs, as the PDF prints them.
    assert!(doc.paragraphs.iter().filter(|(s, t)| s.is_none() && t.split_whitespace().count() > 30).count() > 10);
}

#[test]
fn sipd_era_docx_carries_the_17_column_tabel_4_1() {
    let (doc, xml) = check_plan(&root().join(TEMANGGUNG));
    let wide = doc.tables.iter().find(|t| t.iter().any(|row| row.len() == 17 && row[0] == "1")).expect("Tabel 4.1");
    assert!(wide.len() > 50, "{} rows", wide.len());
    assert!(xml.matches("<w:gridCol ").count() >= 17);
    assert!(doc.text.contains("104.805.250.000"), "Temanggung's JUMLAH pagu");
}

#[test]
fn draft_docx_carries_its_watermark_in_the_page_header_and_errors_refuse() {
    let dir = Dir::new();
    let plan = flagship_path();
    let draft = build_docx(&dir, &plan, "draf.docx", &["--draf", "RANCANGAN UJI"]);
    let headers: Vec<String> =
        parts(&draft).into_iter().filter(|n| n.starts_with("word/header")).filter_map(|n| part(&draft, &n)).collect();
    assert!(!headers.is_empty() && headers.iter().all(|h| h.contains("RANCANGAN UJI")), "{headers:?}");
    let final_ = build_docx(&dir, &plan, "final.docx", &[]);
    assert!(parts(&final_).iter().all(|n| !n.starts_with("word/header")));

    // A plan with errors: refused, and no file written; forced, it is marked not final.
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(&plan).unwrap()).unwrap();
    value["rencana"]["program"][0]["kegiatan"][1]["kode"] = "4.5.1.1".into();
    dir.create("salah.json", serde_json::to_vec(&value).unwrap());
    let ran = dir.renja(["build", "salah.json", "--format", "docx"]);
    ran.exits(1).says("galat[kode.duplikat]").says("dokumen Word tidak disusun");
    assert!(!dir.join("salah.docx").exists());
    dir.renja(["build", "salah.json", "--format", "docx", "--paksa"]).exits(0);
    let forced = dir.read("salah.docx");
    let header = parts(&forced).into_iter().find(|n| n.starts_with("word/header")).expect("a page header");
    assert!(part(&forced, &header).unwrap().contains("TIDAK FINAL: MEMUAT GALAT"));
}
