//! `renja build [PLAN] [-o OUT] [--kertas a4|f4]`: the decree appendix as a PDF.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Format, exit};
use crate::document::{self, BuildError, BuildOptions};
use crate::output;
use crate::plan::{Kertas, Tahap, Ttd};
use crate::render::Renderer;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Berkas rencana.
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Berkas PDF keluaran [bawaan: nama rencana dengan akhiran .pdf].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Ukuran kertas, menggantikan pengaturan.kertas di rencana (f4 = folio 215 × 330 mm).
    #[arg(long, value_enum)]
    pub kertas: Option<KertasArg>,
    /// Direktori templat pengganti (berkas yang sama namanya menggantikan templat bawaan).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Tulis juga sumber Typst yang dihasilkan ke direktori ini (untuk diperiksa atau dibandingkan).
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

/// The default output: the plan's name with `.pdf`.
pub fn default_output(plan: &Path) -> PathBuf {
    plan.with_extension("pdf")
}

pub fn run(args: Args) -> u8 {
    let started = Instant::now();
    let output = args.output.clone().unwrap_or_else(|| default_output(&args.plan));
    if same_file(&output, &args.plan) {
        eprintln!("galat: berkas keluaran `{}` sama dengan berkas rencana", output.display());
        eprintln!("  saran: pilih nama lain dengan -o, mis. -o renja.pdf");
        return exit::GALAT;
    }
    let loaded = match super::load_or_report(&args.plan, Format::Teks) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let renderer = match Renderer::with_overrides(args.templates.as_deref()) {
        Ok(renderer) => renderer,
        Err(error) => {
            eprintln!("galat: {error}");
            return exit::GALAT;
        }
    };
    let tanda_air = args.draf.as_ref().map(|text| match text.trim() {
        "" => match loaded.plan.identitas.tahap {
            Tahap::Final => "Draf".to_owned(),
            tahap => tahap.label().to_owned(),
        },
        text => text.to_owned(),
    });
    let options = BuildOptions {
        kertas: args.kertas.map(Kertas::from),
        ttd: args.ttd.map(Ttd::from),
        tanda_air,
        paksa: args.paksa,
        source_date_epoch: args.source_date_epoch,
    };
    let color = super::color_stderr();
    // Each stage's line is printed when it ends, with its duration.
    let mut current: Option<(document::Stage, Instant)> = None;
    let mut finish_stage = |next: Option<document::Stage>| {
        if let Some((stage, since)) = current.take() {
            eprintln!("  {}: {} ms", stage.label(), since.elapsed().as_millis());
        }
        current = next.map(|stage| (stage, Instant::now()));
    };
    let result = document::build_with_progress(&loaded, &options, &renderer, |stage| finish_stage(Some(stage)));
    finish_stage(None);
    let built = match result {
        Ok(built) => built,
        Err(BuildError::Plan(diagnostics)) => {
            for diagnostic in &diagnostics {
                eprint!("{}", diagnostic.render(&args.plan, &loaded.source, color));
            }
            eprintln!("galat: PDF tidak disusun karena rencana memiliki galat; `{}` tidak diubah", output.display());
            return exit::GALAT;
        }
        Err(error) => {
            eprintln!("galat: {error}");
            eprintln!("  `{}` tidak diubah", output.display());
            return exit::GALAT;
        }
    };
    for warning in &built.warnings {
        eprint!("{}", warning.render(&args.plan, &loaded.source, color));
    }
    if let Some(dir) = &args.emit_typst {
        if let Err(error) = std::fs::create_dir_all(dir) {
            eprintln!("galat: direktori `{}` tidak dapat dibuat ({})", dir.display(), super::io_reason(&error));
            return exit::GALAT;
        }
        for (name, text) in &built.sources.files {
            if let Err(error) = output::write_atomic(&dir.join(name), text.as_bytes()) {
                eprintln!("galat: {error}");
                return exit::GALAT;
            }
        }
    }
    let manifest = output::TtdManifest::new(&output, &built, loaded.source.as_bytes());
    let written = output::write_pdf(&output, &built.pdf)
        .and_then(|()| output::write_atomic(&output::ttd_path(&output), manifest.to_json().as_bytes()));
    if let Err(error) = written {
        eprintln!("galat: {error}");
        return exit::GALAT;
    }
    if !built.final_ {
        eprintln!("catatan: dokumen ini DRAF (bertanda air), bukan dokumen final untuk ditandatangani");
    }
    eprintln!(
        "{} → {}: {} halaman, {} program, {} kegiatan, jumlah pagu {}, {} peringatan ({:.2} s)",
        args.plan.display(),
        output.display(),
        built.pages,
        built.computed.jumlah_program,
        built.computed.jumlah_kegiatan,
        crate::format::rupiah(built.computed.jumlah.pagu),
        built.warnings.len(),
        started.elapsed().as_secs_f64()
    );
    exit::OK
}

/// Whether two paths name the same file (also when spelled differently).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
