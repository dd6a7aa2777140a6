//! The whole pipeline for one plan: check, compute, render, typeset, export.

use crate::check;
use crate::compute::{Computed, compute};
use crate::diagnostic::Diagnostic;
use crate::load::LoadedPlan;
use crate::plan::{Kertas, Ttd};
use crate::render::{RenderError, RenderOptions, Renderer, TypstSources};
use crate::typeset::{DocumentDate, KotakTtd, RenjaWorld, TypstError};
use typst_layout::PagedDocument;

pub mod segment;

/// Choices a build makes beyond the plan.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides the plan's paper size.
    pub kertas: Option<Kertas>,
    /// Overrides the plan's way of signing.
    pub ttd: Option<Ttd>,
    /// A draft: every page carries this watermark.
    pub tanda_air: Option<String>,
    /// Build even when the plan has errors; the document is then marked as not final.
    pub paksa: bool,
    /// Only one part of the document (a preview).
    pub pratinjau: Option<crate::render::Pratinjau>,
    /// "dicetak <tanggal jam>" in the footer (previews).
    pub dicetak: Option<String>,
    /// SOURCE_DATE_EPOCH, if set: the date when the plan gives none.
    pub source_date_epoch: Option<i64>,
    /// Which tables are typeset apart ([`segment`]); None for [`segment::Batas::default`].
    pub batas_segmen: Option<segment::Batas>,
}

/// A built document.
pub struct Built {
    pub pdf: Vec<u8>,
    /// The laid-out pages, for page images and for reading the text back in tests.
    pub document: PagedDocument,
    pub pages: usize,
    pub computed: Computed,
    /// Every diagnostic of the plan: warnings, and errors when the build was forced.
    pub warnings: Vec<Diagnostic>,
    /// Typst's own warnings about the generated source (a template problem, not the plan's).
    pub typst_warnings: Vec<String>,
    pub sources: TypstSources,
    /// Where each signature goes, read from the layout.
    pub ttd: Vec<KotakTtd>,
    /// Whether this is a final document: no errors, no watermark.
    pub final_: bool,
    /// The large tables typeset apart ([`segment`]), by number; empty for most documents.
    pub apart: Vec<String>,
}

/// The watermark of a draft when none is named: the plan's stage ("RANCANGAN AKHIR"), or
/// "Draf" for a final plan.
pub fn draft_mark(tahap: crate::plan::Tahap) -> String {
    match tahap {
        crate::plan::Tahap::Final => "Draf".to_owned(),
        other => other.label().to_owned(),
    }
}

/// The watermark of a forced build of a plan with errors.
pub const TANDA_AIR_GALAT: &str = "Tidak final: memuat galat";

#[derive(Debug)]
pub enum BuildError {
    /// The plan has errors: nothing is typeset.
    Plan(Vec<Diagnostic>),
    Render(RenderError),
    Typst(TypstError),
    /// The signing tag is missing from the layout or occurs more than once.
    Tag(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            BuildError::Plan(d) => write!(f, "rencana memiliki {} galat", d.iter().filter(|d| d.is_error()).count()),
            BuildError::Render(e) => e.fmt(f),
            BuildError::Typst(e) => e.fmt(f),
            BuildError::Tag(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for BuildError {}

/// The date a document carries: the signing date, the decree date, SOURCE_DATE_EPOCH, or else
/// 1 January of year n-1, when a Renja for year n is drafted. Never the clock, so a rebuild of
/// the same plan gives the same bytes.
pub fn document_date(loaded: &LoadedPlan, source_date_epoch: Option<i64>) -> DocumentDate {
    let plan = &loaded.plan;
    let from_plan = plan.penandatangan.tanggal.or(plan.keputusan.tanggal);
    if let Some(t) = from_plan {
        return DocumentDate { year: t.tahun, month: t.bulan, day: t.hari };
    }
    if let Some(date) = source_date_epoch.and_then(DocumentDate::from_unix) {
        return date;
    }
    DocumentDate { year: plan.identitas.tahun.saturating_sub(1).clamp(1, 9998), month: 1, day: 1 }
}

/// Checks, computes and renders a plan to Typst sources.
pub fn prepare(loaded: &LoadedPlan, options: &BuildOptions, renderer: &Renderer) -> Result<Prepared, BuildError> {
    prepare_in(&mut None, loaded, options, renderer)
}

/// [`prepare`], laying out the whole document of a preview (to find where its part starts) in
/// the world kept in `whole`, so a long-lived process (`serve`) lays out only what changed.
pub fn prepare_in(
    whole: &mut Option<RenjaWorld>,
    loaded: &LoadedPlan,
    options: &BuildOptions,
    renderer: &Renderer,
) -> Result<Prepared, BuildError> {
    prepare_with(whole, loaded, options, renderer, false)
}

/// [`prepare_in`]; with `apart`, a whole document's large tables are also typeset apart
/// ([`segment`]) and the document laid out around them ([`Prepared::laid_out`]).
fn prepare_with(
    whole: &mut Option<RenjaWorld>,
    loaded: &LoadedPlan,
    options: &BuildOptions,
    renderer: &Renderer,
    apart: bool,
) -> Result<Prepared, BuildError> {
    let mut plan = loaded.plan.clone();
    if let Some(kertas) = options.kertas {
        plan.pengaturan.kertas = kertas;
    }
    if let Some(ttd) = options.ttd {
        plan.penandatangan.ttd = ttd;
    }
    let computed = compute(&plan);
    // The checks and the tables' columns, each on its own core: the rendering is only needed
    // when the checks let the build go on.
    let (mut diagnostics, mut rendering) = rayon::join(
        || {
            let mut diagnostics = check::check(&plan, &computed);
            crate::diagnostic::locate(&mut diagnostics, &loaded.source);
            diagnostics
        },
        || crate::render::Rendering::build(&plan, &computed),
    );
    // Template text and unexplained gaps stop only a final document: a draft or a preview is
    // where a planner looks at them.
    if options.tanda_air.is_some() || options.pratinjau.is_some() {
        for diagnostic in diagnostics.iter_mut().filter(|d| d.final_only) {
            diagnostic.severity = crate::diagnostic::Severity::Warning;
        }
    }
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    if has_errors && !options.paksa {
        return Err(BuildError::Plan(diagnostics));
    }
    // A plan with errors never yields a document that looks final.
    let tanda_air = if has_errors { Some(TANDA_AIR_GALAT.to_owned()) } else { options.tanda_air.clone() };
    let final_ = tanda_air.is_none();
    let mut render_options = RenderOptions { tanda_air, dicetak: options.dicetak.clone(), ..RenderOptions::default() };
    if let Some(pratinjau) = &options.pratinjau {
        // A preview is numbered like the whole document: lay the whole out to find where the
        // part starts (a whole document that fails to lay out numbers the preview from 1).
        let sources = renderer.render_built(&mut rendering, &render_options).map_err(BuildError::Render)?;
        let world = world_for(whole, &sources, document_date(loaded, options.source_date_epoch));
        render_options.halaman_awal =
            world.compile().ok().and_then(|document| crate::typeset::start_page(&document, pratinjau));
        render_options.pratinjau = Some(pratinjau.clone());
    }
    let sources = renderer.render_built(&mut rendering, &render_options).map_err(BuildError::Render)?;
    let laid_out = if apart && options.pratinjau.is_none() {
        let date = document_date(loaded, options.source_date_epoch);
        let batas = options.batas_segmen.unwrap_or_default();
        segment::typeset(renderer, &mut rendering, &render_options, date, batas)?
    } else {
        None
    };
    let tag =
        (plan.penandatangan.ttd == Ttd::Elektronik).then(|| plan.penandatangan.ttd_elektronik.tag.clone()).flatten();
    Ok(Prepared { computed, diagnostics, sources, final_, tag, laid_out })
}

/// A plan checked, computed and rendered, ready for Typst.
pub struct Prepared {
    pub computed: Computed,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: TypstSources,
    pub final_: bool,
    /// The signing tag the layout must hold exactly once, if any.
    pub tag: Option<String>,
    /// The document already laid out, with Typst's warnings, when its large tables were
    /// typeset apart ([`segment`]); `sources` is then the whole document's source as one.
    pub laid_out: Option<segment::LaidOut>,
}

/// The stages of a build, reported as they start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Check,
    Compile,
    Export,
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::Check => "memeriksa dan menghitung",
            Stage::Compile => "menata halaman (Typst)",
            Stage::Export => "menyusun PDF/A-2b",
        }
    }
}

/// Builds the PDF of a plan.
pub fn build(loaded: &LoadedPlan, options: &BuildOptions, renderer: &Renderer) -> Result<Built, BuildError> {
    build_with_progress(loaded, options, renderer, |_| {})
}

/// Builds the PDF of a plan, calling `progress` as each stage starts.
pub fn build_with_progress(
    loaded: &LoadedPlan,
    options: &BuildOptions,
    renderer: &Renderer,
    progress: impl FnMut(Stage),
) -> Result<Built, BuildError> {
    build_in(&mut None, loaded, options, renderer, progress)
}

/// The one pipeline: check, compute, render, typeset and export a plan. `world` keeps Typst's
/// world between builds of the same process (`watch`), so a rebuild only lays out what changed;
/// None starts afresh.
pub fn build_in(
    world: &mut Option<RenjaWorld>,
    loaded: &LoadedPlan,
    options: &BuildOptions,
    renderer: &Renderer,
    mut progress: impl FnMut(Stage),
) -> Result<Built, BuildError> {
    progress(Stage::Check);
    let Prepared { computed, diagnostics, sources, final_, tag, laid_out } =
        prepare_with(&mut None, loaded, options, renderer, true)?;
    progress(Stage::Compile);
    // A document whose large tables were typeset apart comes laid out, with the world of its
    // own source, which exports it under the whole source's identifier: the whole source is
    // never parsed for it.
    let apart_world;
    let (world, document, typst_warnings, apart) = match laid_out {
        Some(laid_out) => {
            apart_world = laid_out.world;
            (&apart_world, laid_out.document, laid_out.warnings, laid_out.apart)
        }
        None => {
            let world = world_for(world, &sources, document_date(loaded, options.source_date_epoch));
            let (document, warnings) = world.compile_warned().map_err(BuildError::Typst)?;
            (world, document, warnings, Vec::new())
        }
    };
    let ttd = crate::typeset::signature_boxes(&document);
    if let Some(tag) = &tag {
        let count: usize = crate::typeset::page_texts(&document).iter().map(|t| t.matches(tag.as_str()).count()).sum();
        if count != ttd.len() {
            return Err(BuildError::Tag(format!(
                "tag tanda tangan \"{tag}\" muncul {count} kali di dokumen, seharusnya {} kali (sekali per penanda \
                 tangan); pilih tag yang tidak dipakai di teks mana pun",
                ttd.len()
            )));
        }
    }
    progress(Stage::Export);
    let pdf = world.pdf_of(&document, &sources).map_err(BuildError::Typst)?;
    Ok(Built {
        pdf,
        pages: document.pages().len(),
        document,
        computed,
        warnings: diagnostics,
        typst_warnings,
        sources,
        ttd,
        final_,
        apart,
    })
}

/// The world in `slot` with these sources (its caches kept), or a new one when there is none
/// or its document date differs.
fn world_for<'w>(slot: &'w mut Option<RenjaWorld>, sources: &TypstSources, date: DocumentDate) -> &'w RenjaWorld {
    let world = match slot.take() {
        Some(mut world) if world.date() == date => {
            world.update(sources);
            world
        }
        _ => RenjaWorld::new(sources, date),
    };
    slot.insert(world)
}

/// Typst sources that are not a Renja (the "Daftar Perubahan" of `diff --pdf`), laid out and
/// exported like one.
pub fn typeset_sources(sources: &TypstSources, date: DocumentDate) -> Result<(PagedDocument, Vec<u8>), BuildError> {
    let world = RenjaWorld::new(sources, date);
    let document = world.compile().map_err(BuildError::Typst)?;
    let pdf = world.pdf(&document).map_err(BuildError::Typst)?;
    Ok((document, pdf))
}
