//! Large tables typeset apart, so that no layout holds a thousand pages at once.
//!
//! Typst lays a document out whole and keeps every cell's memoised layout until it is done:
//! a plan of ten thousand rows took 2 GB. A landscape table of many rows stands on pages of
//! its own, and each of its pages begins with a node of its own (rows never split across
//! pages, [`TataTypst::baris_muat`](crate::tabel::typst::TataTypst::baris_muat)), so a page
//! depends only on the row it begins with. Such a table is typeset in parts of
//! [`Batas::langkah`] rows, each alone on the same pages (`potongan.typ.j2`): a part's pages
//! are kept up to the page where its last row begins, and the next part begins with the first
//! row of that page, so every kept page is the page the whole layout prints. Typst's caches
//! are emptied after each part (they are the process's: in a batch, other documents lose
//! theirs too, which costs time, never a wrong page), and the kept pages keep only their
//! markers' tags. The document is then laid out with as many marked blank pages
//! in each table's place (`tabel-pengganti` in `renja.typ`): they carry the header ("Tabel 4.1
//! (lanjutan)"), the page number and the watermark, and receive the parts' pages; the page
//! count, the numbering and everything after the table are as in the whole layout.

use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;
use typst::foundations::Label;
use typst::introspection::{Location, MetadataElem, Tag};
use typst::layout::{Frame, FrameItem, GroupItem, Point};
use typst::utils::PicoStr;
use typst_layout::{Page, PagedDocument};

use super::BuildError;
use crate::render::{RenderOptions, Renderer, Rendering};
use crate::typeset::{DocumentDate, RenjaWorld, TypstError, marked};

/// When a table is typeset apart, and in parts of how many rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Batas {
    /// A landscape table of more rows (nodes) than this is typeset apart.
    pub baris: usize,
    /// Rows (nodes) per part.
    pub langkah: usize,
}

impl Default for Batas {
    /// A table of more than 300 rows (about 25 landscape pages) is typeset apart, in parts of
    /// 250 rows. Measured on the 2,400-row synthetic plan: 2.96 s and 510 MB laid out whole,
    /// 2.33 s and 197 MB in parts; the 9,900-row plan 10.7 s and 1.89 GB, 9.6 s and 618 MB.
    fn default() -> Self {
        Batas { baris: 300, langkah: 250 }
    }
}

/// A document laid out with its large tables typeset apart.
pub struct LaidOut {
    pub document: PagedDocument,
    /// Typst's warnings, about the document's source and the parts'.
    pub warnings: Vec<String>,
    /// The tables typeset apart, by number.
    pub apart: Vec<String>,
    /// The world of the document's own source (the tables' places marked), which exports it.
    pub world: RenjaWorld,
}

/// The document laid out with its large tables typeset apart; None when it has no table larger
/// than `batas`.
pub(crate) fn typeset(
    renderer: &Renderer,
    rendering: &mut Rendering,
    options: &RenderOptions,
    date: DocumentDate,
    batas: Batas,
) -> Result<Option<LaidOut>, BuildError> {
    let besar = rendering.tabel_besar(batas.baris);
    if besar.is_empty() {
        return Ok(None);
    }
    // The tables side by side, as Typst lays out the page runs of a whole document; each
    // table's parts one after another.
    let shared: &Rendering = rendering;
    let typeset_apart: Vec<Result<Apart, BuildError>> = besar
        .par_iter()
        .map(|&(nomor, baris)| table_pages(renderer, shared, options, date, nomor, baris, batas.langkah))
        .collect();
    let mut parts: BTreeMap<String, Vec<Page>> = BTreeMap::new();
    let mut warnings = Vec::new();
    for ((nomor, _), apart) in besar.iter().zip(typeset_apart) {
        let apart = apart?;
        parts.insert((*nomor).to_owned(), apart.pages);
        warnings.extend(apart.warnings);
    }
    let mut options = options.clone();
    options.pengganti = parts.iter().map(|(nomor, pages)| (nomor.clone(), pages.len())).collect();
    let sources = renderer.render_built(rendering, &options).map_err(BuildError::Render)?;
    let world = RenjaWorld::new(&sources, date);
    let (mut document, main_warnings) = world.compile_warned().map_err(BuildError::Typst)?;
    // A warning about a template function is given by every part: said once.
    for warning in main_warnings {
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }

    let mut pages: Vec<Page> = document.pages().to_vec();
    let mut filled: BTreeMap<&str, usize> = BTreeMap::new();
    for (page, nomor) in marked(&document, "renja-pengganti") {
        let (Some((nomor, part)), Some(target)) = (parts.get_key_value(&nomor), pages.get_mut(page - 1)) else {
            return Err(mismatch(&nomor));
        };
        let next = filled.entry(nomor).or_default();
        let (Some(source), Some(body)) = (part.get(*next), body_index(&target.frame)) else {
            return Err(mismatch(nomor));
        };
        // Where the page's body stands among its items (after the background and the header,
        // before the footer), as in the whole layout.
        target.frame.insert(body, Point::zero(), FrameItem::Group(GroupItem::new(source.frame.clone())));
        *next += 1;
    }
    if let Some((nomor, _)) = parts.iter().find(|(nomor, part)| filled.get(nomor.as_str()) != Some(&part.len())) {
        return Err(mismatch(nomor));
    }
    let info = document.info_mut().clone();
    drop(document);
    Ok(Some(LaidOut {
        document: PagedDocument::new(pages.into_iter().collect(), info),
        warnings,
        apart: parts.into_keys().collect(),
        world,
    }))
}

fn mismatch(nomor: &str) -> BuildError {
    BuildError::Typst(TypstError::plain(format!(
        "halaman Tabel {nomor} yang ditata terpisah tidak cocok dengan tempatnya di dokumen (galat renja; \
         laporkan dengan rencananya)"
    )))
}

/// The pages of table `nomor` (`baris` rows), typeset in parts of `langkah` rows.
fn table_pages(
    renderer: &Renderer,
    rendering: &Rendering,
    options: &RenderOptions,
    date: DocumentDate,
    nomor: &str,
    baris: usize,
    langkah: usize,
) -> Result<Apart, BuildError> {
    let mut pages = Vec::new();
    let mut warnings = Vec::new();
    let mut world: Option<RenjaWorld> = None;
    let mut awal = 0;
    let mut langkah = langkah.max(1);
    while awal < baris {
        let akhir = baris.min(awal.saturating_add(langkah));
        let sources = renderer
            .render_potongan(rendering, options, nomor, awal..akhir)
            .map_err(BuildError::Render)?
            .ok_or_else(|| mismatch(nomor))?;
        let world = super::world_for(&mut world, &sources, date);
        let compiled = world.compile_warned();
        // The next part shares nothing with this one but the library: keep no cell of it.
        typst::comemo::evict(0);
        let (document, part_warnings) = compiled.map_err(BuildError::Typst)?;
        for warning in part_warnings {
            if !warnings.contains(&warning) {
                warnings.push(warning);
            }
        }
        if akhir == baris {
            pages.extend(document.pages().iter().cloned().map(markers_only));
            break;
        }
        // The page (from 1) where each row of the part begins, in order.
        let starts: Vec<usize> = marked(&document, "renja-baris").into_iter().map(|(page, _)| page).collect();
        let (Some(&last), true) = (starts.last(), starts.len() == akhir - awal) else {
            return Err(mismatch(nomor));
        };
        let first_on_last = starts.iter().position(|&p| p == last).unwrap_or(0);
        if first_on_last == 0 {
            // Every row of the part begins on its last page (one page, or one under a sentence
            // that fills the first): take more rows, so that the next part starts further on.
            langkah = langkah.saturating_mul(2);
            continue;
        }
        pages.extend(document.pages()[..last - 1].iter().cloned().map(markers_only));
        awal += first_on_last;
    }
    Ok(Apart { pages, warnings })
}

/// One table typeset apart: its pages, and Typst's warnings about its parts (each said once).
struct Apart {
    pages: Vec<Page>,
    warnings: Vec<String>,
}

/// The index of the item of a page standing in a table's place that holds its marker: the
/// page's body.
fn body_index(frame: &Frame) -> Option<usize> {
    fn holds_marker(item: &FrameItem, label: Label) -> bool {
        match item {
            FrameItem::Group(group) => group.frame.items().any(|(_, item)| holds_marker(item, label)),
            FrameItem::Tag(Tag::Start(elem, _)) => elem.label() == Some(label),
            _ => false,
        }
    }
    let label = Label::new(PicoStr::intern("renja-pengganti"))?;
    frame.items().position(|(_, item)| holds_marker(item, label))
}

/// A part's page with only its markers' tags (metadata: rows and captions, for the layout lint
/// and the reader of the layout): the tags of its cells and texts serve a tagged PDF, which
/// renja does not write, and each holds its element, a page's worth of memory again.
fn markers_only(mut page: Page) -> Page {
    fn strip(frame: &mut Frame, removed: &mut HashSet<Location>) {
        frame.retain(|item| match item {
            FrameItem::Group(group) => {
                strip(&mut group.frame, removed);
                true
            }
            FrameItem::Tag(Tag::Start(elem, _)) => {
                let keep = elem.is::<MetadataElem>();
                if let (false, Some(location)) = (keep, elem.location()) {
                    removed.insert(location);
                }
                keep
            }
            FrameItem::Tag(Tag::End(location, ..)) => !removed.contains(location),
            _ => true,
        });
    }
    strip(&mut page.frame, &mut HashSet::default());
    page
}
