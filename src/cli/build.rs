//! `renja build [PLAN…] [-o OUT] [--kertas a4|f4]`: the decree appendix as a PDF.
//!
//! One plan builds as it always has, with a line per stage. Several plans, or a directory of
//! them, build in one process on every core (one plan per rayon thread), sharing the fonts,
//! the templates and Typst's caches; each PDF goes beside its plan, and one plan's failure stops no other.

use std::fmt::Write as _;
use std::io::IsTerminal;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::{Galat, exit};
use crate::document::{self, BuildError, BuildOptions};
use crate::files::same_file;
use crate::load::LoadError;
use crate::output;
use crate::plan::{Kertas, Ttd};
use crate::render::Renderer;

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Berkas rencana, atau direktori berisi rencana (*.json, tidak rekursif). Beberapa rencana
    /// disusun sekaligus dengan semua inti prosesor; setiap PDF ditulis di samping rencananya.
    #[arg(value_name = "PLAN", default_values_os_t = [super::default_plan()])]
    pub plans: Vec<PathBuf>,
    /// Berkas keluaran [bawaan: nama rencana dengan akhiran .pdf atau .docx]; hanya untuk satu rencana.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Bentuk dokumen: PDF/A untuk ditandatangani, atau Word (.docx) untuk penyusunan dan telaah hukum.
    #[arg(long, value_enum, default_value_t = BentukDokumen::Pdf)]
    pub format: BentukDokumen,
    /// Ukuran kertas, menggantikan pengaturan.kertas di rencana (f4 = folio 215 × 330 mm).
    #[arg(long, value_enum)]
    pub kertas: Option<KertasArg>,
    /// Direktori templat pengganti (berkas yang sama namanya menggantikan templat bawaan).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Tulis juga sumber Typst yang dihasilkan ke direktori ini (untuk diperiksa atau dibandingkan);
    /// untuk beberapa rencana, ke DIR/<nama rencana>/.
    #[arg(long, value_name = "DIR")]
    pub emit_typst: Option<PathBuf>,
    /// Cara penandatanganan, menggantikan penandatangan.ttd di rencana.
    #[arg(long, value_enum)]
    pub ttd: Option<TtdArg>,
    /// Susun sebagai draf: tanda air diagonal di setiap halaman (bawaan: tahap rencana, mis. RANCANGAN).
    #[arg(long, value_name = "TEKS", num_args = 0..=1, default_missing_value = "")]
    pub draf: Option<String>,
    /// Tetap susun walaupun rencana memiliki galat; dokumen diberi tanda air "tidak final".
    #[arg(long)]
    pub paksa: bool,
    /// Tanggal dokumen bila rencana tidak memuat tanggal (detik Unix).
    #[arg(long, env = "SOURCE_DATE_EPOCH", hide_env_values = true)]
    pub source_date_epoch: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TtdArg {
    /// Tanda tangan basah dan stempel.
    Basah,
    /// Tanda tangan elektronik (BSrE): kotak tanda tangan/QR dan keterangan di kaki halaman.
    Elektronik,
}

impl From<TtdArg> for Ttd {
    fn from(arg: TtdArg) -> Ttd {
        match arg {
            TtdArg::Basah => Ttd::Basah,
            TtdArg::Elektronik => Ttd::Elektronik,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BentukDokumen {
    /// PDF/A-2b, dokumen yang ditandatangani.
    Pdf,
    /// Dokumen Word dari model yang sama: untuk penyusunan dan telaah Bagian Hukum, bukan untuk ditandatangani.
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KertasArg {
    A4,
    F4,
}

impl From<KertasArg> for Kertas {
    fn from(arg: KertasArg) -> Kertas {
        match arg {
            KertasArg::A4 => Kertas::A4,
            KertasArg::F4 => Kertas::F4,
        }
    }
}

/// The default output: the plan's name with `.pdf` (or `.docx`).
pub fn default_output(plan: &Path, bentuk: BentukDokumen) -> PathBuf {
    match bentuk {
        BentukDokumen::Pdf => plan.with_extension("pdf"),
        BentukDokumen::Docx => plan.with_extension("docx"),
    }
}

pub fn run(args: BuildArgs) -> Result<u8, Galat> {
    if let Some(text) = &args.draf {
        tanda_air_terlihat(text)?;
    }
    if args.format == BentukDokumen::Docx && args.emit_typst.is_some() {
        return Err(Galat::new("--emit-typst hanya untuk PDF: dokumen Word tidak disusun lewat Typst")
            .saran("hapus --emit-typst, atau susun PDF tanpa --format docx"));
    }
    match args.plans.as_slice() {
        [plan] if !plan.is_dir() => {
            let plan = plan.clone();
            run_single(&args, &plan).map(|()| exit::OK)
        }
        _ => run_batch(&args),
    }
}

/// A draft must look like one: a watermark text given to `--draf` holds at least one letter or
/// digit. Text made only of spaces, zero-width or other format characters (U+200B, U+2060,
/// U+00AD, …) would print nothing, and the draft would look final. An empty text means the
/// plan's stage.
fn tanda_air_terlihat(text: &str) -> Result<(), Galat> {
    if text.is_empty() || text.chars().any(char::is_alphanumeric) {
        return Ok(());
    }
    let ditemukan: Vec<String> = text.chars().map(|c| format!("U+{:04X}", u32::from(c))).collect();
    Err(Galat::new(format!(
        "--draf: teks tanda air tidak memuat huruf atau angka yang terlihat, sehingga draf akan tampak final \
         (diharapkan: teks dengan huruf, mis. RANCANGAN; ditemukan: {} karakter tak terlihat {})",
        text.chars().count(),
        ditemukan.join(" ")
    ))
    .saran("tulis teks tanda air yang terbaca, mis. --draf \"RANCANGAN AKHIR\", atau --draf saja untuk tahap rencana"))
}

/// Where a build's messages go: straight to stderr (one plan, as each stage ends), or into a
/// buffer printed whole when the plan is done (many plans, so their lines never interleave).
enum Log {
    Stderr,
    Buffer(String),
}

impl Log {
    fn line(&mut self, text: impl std::fmt::Display) {
        match self {
            Log::Stderr => eprintln!("{text}"),
            Log::Buffer(buffer) => {
                let _ = writeln!(buffer, "{text}");
            }
        }
    }

    fn text(&mut self, text: &str) {
        match self {
            Log::Stderr => eprint!("{text}"),
            Log::Buffer(buffer) => buffer.push_str(text),
        }
    }

    fn take(&mut self) -> String {
        match self {
            Log::Stderr => String::new(),
            Log::Buffer(buffer) => std::mem::take(buffer),
        }
    }
}

/// One plan: the historical behaviour, messages and exit codes.
fn run_single(args: &BuildArgs, plan: &Path) -> Result<(), Galat> {
    let started = Instant::now();
    let output = match &args.output {
        Some(output) => output.clone(),
        None if crate::files::is_stdin(plan) => {
            return Err(Galat::new("rencana dibaca dari masukan standar; sebutkan berkas keluarannya")
                .saran("tambahkan -o, mis. -o renja.pdf (atau -o - untuk keluaran standar)"));
        }
        None => default_output(plan, args.format),
    };
    if same_file(&output, plan) {
        return Err(super::same_as_plan(&output, "renja.pdf"));
    }
    let loaded = super::load_or_report(plan, super::Format::Teks)?;
    let renderer = Renderer::with_overrides(args.templates.as_deref())?;
    let job = Job { plan: &loaded.path, output: &output, emit_typst: args.emit_typst.clone(), stages: true, started };
    build_loaded(args, &job, &loaded, &renderer, &mut Log::Stderr)
}

/// What one build writes where.
struct Job<'a> {
    plan: &'a Path,
    output: &'a Path,
    emit_typst: Option<PathBuf>,
    /// Print a line per stage with its duration.
    stages: bool,
    started: Instant,
}

impl BuildArgs {
    fn options(&self, loaded: &crate::load::LoadedPlan) -> BuildOptions {
        let tanda_air = self.draf.as_ref().map(|text| match text.trim() {
            "" => document::draft_mark(loaded.plan.identitas.tahap),
            text => text.to_owned(),
        });
        BuildOptions {
            kertas: self.kertas.map(Kertas::from),
            ttd: self.ttd.map(Ttd::from),
            tanda_air,
            paksa: self.paksa,
            source_date_epoch: self.source_date_epoch,
            ..Default::default()
        }
    }
}

/// Builds a loaded plan and writes the PDF and its sidecars.
fn build_loaded(
    args: &BuildArgs,
    job: &Job,
    loaded: &crate::load::LoadedPlan,
    renderer: &Renderer,
    log: &mut Log,
) -> Result<(), Galat> {
    if args.format == BentukDokumen::Docx {
        return build_docx(args, job, loaded, renderer, log);
    }
    let (plan, output) = (job.plan, job.output);
    let options = args.options(loaded);
    let color = super::color_stderr();
    let result = {
        // Each stage's line is printed when it ends, with its duration.
        let mut current: Option<(document::Stage, Instant)> = None;
        let mut finish_stage = |next: Option<document::Stage>, log: &mut Log| {
            if let Some((stage, since)) = current.take()
                && job.stages
            {
                log.line(format_args!("  {}: {} ms", stage.label(), since.elapsed().as_millis()));
            }
            current = next.map(|stage| (stage, Instant::now()));
        };
        let result =
            document::build_with_progress(loaded, &options, renderer, |stage| finish_stage(Some(stage), &mut *log));
        finish_stage(None, log);
        result
    };
    let built = match result {
        Ok(built) => built,
        Err(BuildError::Plan(diagnostics)) => {
            log.text(&crate::diagnostic::render_all(&diagnostics, plan, &loaded.source, color));
            return Err(Galat::new(format!(
                "PDF tidak disusun karena rencana memiliki galat; `{}` tidak diubah",
                output.display()
            )));
        }
        Err(error) => {
            let mut galat = super::build_failure(&error);
            galat.pesan.push_str(&format!("; `{}` tidak diubah", output.display()));
            // A forced build of a plan with errors fails in Typst when those errors are what
            // PDF/A cannot hold (a character without a glyph): point at them in the plan.
            if matches!(error, BuildError::Typst(_)) && options.paksa {
                let computed = crate::compute::compute(&loaded.plan);
                let mut errors: Vec<_> =
                    crate::check::check(&loaded.plan, &computed).into_iter().filter(|d| d.is_error()).collect();
                crate::diagnostic::locate(&mut errors, &loaded.source);
                if !errors.is_empty() {
                    for diagnostic in &errors {
                        log.text(&diagnostic.render(plan, &loaded.source, color));
                    }
                    galat = galat.saran(
                        "perbaiki galat rencana di atas: --paksa menyusun rencana bergalat, tetapi PDF/A tidak dapat \
                         memuat karakter tanpa glyph atau teks sepanjang itu",
                    );
                }
            }
            return Err(galat);
        }
    };
    log.text(&crate::diagnostic::render_all(&built.warnings, plan, &loaded.source, color));
    for warning in &built.typst_warnings {
        log.line(format_args!("peringatan[typst]: {warning}"));
    }
    if let Some(dir) = &job.emit_typst {
        std::fs::create_dir_all(dir).map_err(|error| output::WriteError::io(dir, &error))?;
        for (name, text) in &built.sources.files {
            output::write_atomic(&dir.join(name), text.as_bytes())?;
        }
    }
    let record = output::BuildRecord {
        kertas: options.kertas.unwrap_or(loaded.plan.pengaturan.kertas),
        ttd: options.ttd.unwrap_or(loaded.plan.penandatangan.ttd),
        tanda_air: options.tanda_air.clone(),
        paksa: options.paksa,
        source_date_epoch: options.source_date_epoch,
        templat_bawaan: args.templates.is_none(),
    };
    let manifest = output::TtdManifest::new(output, &built, loaded, record);
    // PDF, checksum and placement are renamed into place together, or not at all.
    // The PDF is hashed once, for the placement sidecar and the checksum alike.
    let checksum = output::checksum_line_of(output, &manifest.pdf_sha256);
    let placement = manifest.to_json();
    let written = output::write_set(&[
        (output, &built.pdf),
        (&output::checksum_path(output), checksum.as_bytes()),
        (&output::ttd_path(output), placement.as_bytes()),
    ])?;
    if written == output::Written::Stream {
        log.line(output::stream_note(output));
    }
    if !built.final_ {
        log.line("catatan: dokumen ini DRAF (bertanda air), bukan dokumen final untuk ditandatangani");
    }
    log.line(format_args!(
        "{} → {}: {} halaman, {}, jumlah pagu {}, {} ({:.2} s)",
        plan.display(),
        output.display(),
        built.pages,
        built.computed.jumlah_tingkat(),
        crate::format::rupiah(built.computed.jumlah.pagu),
        temuan(&built.warnings),
        job.started.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// "N galat, M peringatan" of a build's diagnostics: a forced build carries its errors among
/// them, counted apart, never as warnings ("M peringatan" alone when there is none).
fn temuan(diagnostics: &[crate::diagnostic::Diagnostic]) -> String {
    let galat = diagnostics.iter().filter(|d| d.is_error()).count();
    let peringatan = diagnostics.len() - galat;
    if galat == 0 { format!("{peringatan} peringatan") } else { format!("{galat} galat, {peringatan} peringatan") }
}

/// Builds a loaded plan as a Word document and writes it through the same atomic path as the
/// PDF (no sidecars: the checksum and the signatures' placement belong to the signed PDF).
fn build_docx(
    args: &BuildArgs,
    job: &Job,
    loaded: &crate::load::LoadedPlan,
    renderer: &Renderer,
    log: &mut Log,
) -> Result<(), Galat> {
    let (plan, output) = (job.plan, job.output);
    let options = args.options(loaded);
    let color = super::color_stderr();
    let built = match crate::docx::build(loaded, &options, renderer) {
        Ok(built) => built,
        Err(crate::docx::DocxError::Build(BuildError::Plan(diagnostics))) => {
            log.text(&crate::diagnostic::render_all(&diagnostics, plan, &loaded.source, color));
            return Err(Galat::new(format!(
                "dokumen Word tidak disusun karena rencana memiliki galat; `{}` tidak diubah",
                output.display()
            )));
        }
        Err(crate::docx::DocxError::Build(error)) => {
            let mut galat = super::build_failure(&error);
            galat.pesan.push_str(&format!("; `{}` tidak diubah", output.display()));
            return Err(galat);
        }
        Err(error) => return Err(Galat::new(format!("{error}; `{}` tidak diubah", output.display()))),
    };
    log.text(&crate::diagnostic::render_all(&built.warnings, plan, &loaded.source, color));
    output::write_set(&[(output, &built.docx)])?;
    if let Some(tanda_air) = &built.tanda_air {
        log.line(format_args!(
            "catatan: dokumen ini DRAF (tanda air \"{tanda_air}\" di kepala halaman), bukan dokumen final"
        ));
    }
    log.line(format_args!(
        "{} → {}: dokumen Word, {} tabel, {}, jumlah pagu {}, {} ({:.2} s); dokumen yang \
         ditandatangani tetap PDF/A (renja build tanpa --format docx)",
        plan.display(),
        output.display(),
        built.tabel,
        built.computed.jumlah_tingkat(),
        crate::format::rupiah(built.computed.jumlah.pagu),
        temuan(&built.warnings),
        job.started.elapsed().as_secs_f64()
    ));
    Ok(())
}

/// How many of Typst's cache generations a batch keeps. Plans share no layout (every plan's
/// content differs), so older entries are garbage; but a build still in flight on another
/// thread needs its first layout pass's entries for its second pass, and the other threads may
/// finish a plan each meanwhile. One generation per thread keeps those, and no more.
fn cache_age() -> usize {
    rayon::current_num_threads().max(1)
}

/// The message of a caught panic, if it has one.
fn panic_reason(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// Many plans in one process, in parallel.
fn run_batch(args: &BuildArgs) -> Result<u8, Galat> {
    let started = Instant::now();
    if args.output.is_some() {
        return Err(Galat::new("-o hanya dapat dipakai untuk satu rencana")
            .saran("tanpa -o, setiap PDF ditulis di samping rencananya (NAMA.json → NAMA.pdf)"));
    }
    if args.plans.iter().any(|plan| crate::files::is_stdin(plan)) {
        return Err(Galat::new("masukan standar (`-`) hanya dapat dipakai untuk satu rencana")
            .saran("renja build - -o renja.pdf < rencana.json"));
    }
    let plans = expand(&args.plans)?;
    if plans.is_empty() {
        return Err(Galat::new("tidak ada rencana (*.json) untuk disusun")
            .saran("sebutkan berkas rencana, atau direktori yang berisi NAMA.json"));
    }
    let renderer = Renderer::with_overrides(args.templates.as_deref())?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(plans.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} rencana ({elapsed}) {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let emit_dirs = emit_dirs(args.emit_typst.as_deref(), &plans);
    let build_one = |index: usize| -> u8 {
        let plan = &plans[index];
        let mut log = Log::Buffer(String::new());
        let built =
            catch_unwind(AssertUnwindSafe(|| build_path(args, plan, emit_dirs[index].clone(), &renderer, &mut log)));
        let code = built.unwrap_or_else(|panic| {
            log.line(format_args!(
                "galat: penyusunan `{}` terhenti karena galat internal ({}); berkas keluarannya tidak diubah",
                plan.display(),
                panic_reason(&*panic)
            ));
            exit::GALAT
        });
        // Typst's memoised results are shared by every build in flight; drop the old ones.
        typst::comemo::evict(cache_age());
        let report = log.take();
        bar.suspend(|| eprint!("{report}"));
        bar.set_message(plan.display().to_string());
        bar.inc(1);
        code
    };
    // Every thread of rayon's pool runs this loop, taking the next plan until none is left.
    // Plans are deliberately not rayon tasks (`par_iter`): Typst parallelises inside a build
    // with rayon too, and a worker waiting for that inner work would steal the next plan and
    // build it on top of its own stack — builds then nest, none finishes until all nested ones
    // do, and all of them stay in memory (measured, 40 plans on one thread: 1.38 GB and 23.3 s
    // that way, 169 MB and 18.3 s this way).
    let next = AtomicUsize::new(0);
    let codes: Vec<(usize, u8)> = rayon::broadcast(|_| {
        let mut done = Vec::new();
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            if index >= plans.len() {
                break done;
            }
            done.push((index, build_one(index)));
        }
    })
    .into_iter()
    .flatten()
    .collect();
    let mut by_plan = vec![exit::OK; plans.len()];
    for (index, code) in codes {
        by_plan[index] = code;
    }
    let codes = by_plan;
    bar.finish_and_clear();
    let failed: Vec<&Path> =
        plans.iter().zip(&codes).filter(|(_, code)| **code != exit::OK).map(|(plan, _)| plan.as_path()).collect();
    if !failed.is_empty() {
        let names: Vec<String> = failed.iter().map(|p| format!("`{}`", p.display())).collect();
        eprintln!("gagal: {}", names.join(", "));
    }
    eprintln!(
        "{} berhasil, {} gagal ({:.2} s)",
        plans.len() - failed.len(),
        failed.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(codes.into_iter().max().unwrap_or(exit::OK))
}

/// One plan of a batch, from its path: load, build, write; messages into `log`.
fn build_path(args: &BuildArgs, plan: &Path, emit_typst: Option<PathBuf>, renderer: &Renderer, log: &mut Log) -> u8 {
    let started = Instant::now();
    let output = default_output(plan, args.format);
    let result = if same_file(&output, plan) {
        Err(super::same_as_plan(&output, "renja.pdf"))
    } else {
        match crate::load::load(plan) {
            Ok(loaded) => {
                let job = Job { plan, output: &output, emit_typst, stages: false, started };
                build_loaded(args, &job, &loaded, renderer, log)
            }
            Err(LoadError::Invalid { path, source, diagnostics }) => {
                log.text(&crate::diagnostic::render_all(&diagnostics, &path, &source, super::color_stderr()));
                Err(Galat::new(format!("PDF tidak disusun; `{}` tidak diubah", output.display())))
            }
            Err(error) => Err(super::load_failure(&error, super::Format::Teks)),
        }
    };
    match result {
        Ok(()) => exit::OK,
        Err(galat) => {
            log.text(&galat.render());
            galat.kode
        }
    }
}

/// The plans named on the command line: files as given, directories as every `*.json` plan in
/// them (not recursively, sorted, without `*.schema.json` and `*.ttd.json` sidecars), each once.
fn expand(args: &[PathBuf]) -> Result<Vec<PathBuf>, Galat> {
    let mut plans: Vec<PathBuf> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for arg in args {
        let found = if arg.is_dir() {
            let entries = std::fs::read_dir(arg).map_err(|error| {
                Galat::new(format!(
                    "direktori `{}` tidak dapat dibaca ({})",
                    arg.display(),
                    crate::files::io_reason(&error)
                ))
                .saran(crate::files::io_hint(arg, &error))
                .kode(exit::TIDAK_TERBACA)
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    name.ends_with(".json")
                        && !name.ends_with(".schema.json")
                        && !name.ends_with(".ttd.json")
                        && !name.starts_with('.')
                        && path.is_file()
                })
                .collect();
            found.sort();
            if found.is_empty() {
                eprintln!("peringatan: direktori `{}` tidak berisi rencana (*.json)", arg.display());
            }
            found
        } else {
            vec![arg.clone()]
        };
        for plan in found {
            if seen.insert(plan.canonicalize().unwrap_or_else(|_| plan.clone())) {
                plans.push(plan);
            }
        }
    }
    Ok(plans)
}

/// `--emit-typst DIR` for many plans: DIR/<plan name>/, numbered when two plans share a name.
fn emit_dirs(dir: Option<&Path>, plans: &[PathBuf]) -> Vec<Option<PathBuf>> {
    let Some(dir) = dir else { return vec![None; plans.len()] };
    let mut used = std::collections::HashSet::new();
    plans
        .iter()
        .map(|plan| {
            let stem = plan.file_stem().map_or_else(|| "rencana".to_owned(), |s| s.to_string_lossy().into_owned());
            let mut name = stem.clone();
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{stem}-{n}");
                n += 1;
            }
            Some(dir.join(name))
        })
        .collect()
}
