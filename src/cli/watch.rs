//! `renja watch [PLAN] [--bab …]`: rebuild whenever the plan or a template is saved, in one
//! long-lived process that keeps Typst's incremental caches warm.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use super::exit;
use crate::document::{self, BuildError, BuildOptions};
use crate::output;
use crate::render::{Pratinjau, Renderer, TABEL};
use crate::typeset::RenjaWorld;

/// Editors save in bursts (write, rename, chmod); wait this long for the burst to end.
const BATCH_TIMEOUT: Duration = Duration::from_millis(15);
/// How many compilations Typst's cache may remember between rebuilds.
const CACHE_AGE: usize = 10;

#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Berkas rencana.
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Pratinjau satu bab saja (I–V) alih-alih dokumen lengkap.
    #[arg(long, conflicts_with_all = ["tabel", "lampiran"])]
    pub bab: Option<String>,
    /// Pratinjau satu tabel saja.
    #[arg(long, value_parser = TABEL, conflicts_with = "lampiran")]
    pub tabel: Option<String>,
    /// Pratinjau lampiran saja.
    #[arg(long)]
    pub lampiran: bool,
    /// Berkas PDF keluaran.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Direktori templat pengganti (ikut dipantau).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

struct Session {
    args: WatchArgs,
    pratinjau: Option<Pratinjau>,
    output: PathBuf,
    world: Option<RenjaWorld>,
}

pub fn run(args: WatchArgs) -> Result<u8, super::Galat> {
    let pratinjau = match (&args.bab, &args.tabel, args.lampiran) {
        (Some(bab), _, _) => Some(Pratinjau::Bab(super::preview::parse_bab(bab).map_err(super::Galat::new)?)),
        (None, Some(tabel), _) => Some(Pratinjau::Tabel(tabel.clone())),
        (None, None, true) => Some(Pratinjau::Lampiran),
        (None, None, false) => None,
    };
    let output = args.output.clone().unwrap_or_else(|| match &pratinjau {
        Some(part) => super::preview::default_output(&args.plan, part),
        None => super::build::default_output(&args.plan, super::build::BentukDokumen::Pdf),
    });
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(event);
    })
    .map_err(|error| super::Galat::new(format!("pemantauan berkas tidak tersedia ({})", notify_reason(&error))))?;
    // Watch the plan's directory: editors often save by writing a new file and renaming it.
    let plan_dir = parent(&args.plan);
    let unwatchable = |dir: &Path, error: notify::Error| {
        super::Galat::new(format!("`{}` tidak dapat dipantau ({})", dir.display(), notify_reason(&error)))
            .saran("periksa path-nya; pada Linux, batas inotify dapat dinaikkan (fs.inotify.max_user_watches)")
    };
    watcher.watch(&plan_dir, RecursiveMode::NonRecursive).map_err(|error| unwatchable(&plan_dir, error))?;
    if let Some(dir) = &args.templates {
        watcher.watch(dir, RecursiveMode::Recursive).map_err(|error| unwatchable(dir, error))?;
    }
    let mut session = Session { args, pratinjau, output, world: None };
    eprintln!("memantau {} → {} (Ctrl-C untuk berhenti)", session.args.plan.display(), session.output.display());
    session.rebuild(Instant::now());
    while let Ok(event) = events.recv() {
        let started = Instant::now();
        let mut relevant = session.relevant(event);
        // Collect the rest of the burst.
        while let Ok(event) = events.recv_timeout(BATCH_TIMEOUT) {
            relevant |= session.relevant(event);
        }
        if relevant {
            session.rebuild(started);
        }
    }
    Ok(exit::OK)
}

/// A file-watching error in Indonesian: notify's own text is English.
fn notify_reason(error: &notify::Error) -> String {
    match &error.kind {
        notify::ErrorKind::Io(io) => crate::files::io_reason(io),
        notify::ErrorKind::PathNotFound => "tidak ditemukan".to_owned(),
        notify::ErrorKind::MaxFilesWatch => "batas jumlah berkas yang dipantau tercapai".to_owned(),
        notify::ErrorKind::WatchNotFound | notify::ErrorKind::InvalidConfig(_) | notify::ErrorKind::Generic(_) => {
            "sistem operasi menolak pemantauan".to_owned()
        }
    }
}

fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

impl Session {
    /// Whether an event touches the plan or a template (never our own output).
    fn relevant(&self, event: notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else { return false };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return false;
        }
        event.paths.iter().any(|path| {
            let name = path.file_name();
            let is_plan = name.is_some() && name == self.args.plan.file_name();
            let in_templates = self.args.templates.as_ref().is_some_and(|dir| {
                let dir = dir.canonicalize().unwrap_or_else(|_| dir.clone());
                path.starts_with(&dir) || path.starts_with(self.args.templates.as_ref().unwrap_or(&dir))
            });
            is_plan || in_templates
        })
    }

    /// Rebuilds; on any failure prints why and leaves the last good PDF in place.
    fn rebuild(&mut self, started: Instant) {
        let clock = super::preview::printed_at(None);
        let stamp = clock.rsplit(' ').nth(1).unwrap_or("").to_owned();
        match self.try_rebuild() {
            Ok((pages, warnings)) => {
                eprint!("{warnings}");
                eprintln!(
                    "[{stamp}] {} disusun ulang: {} halaman dalam {} ms",
                    self.output.display(),
                    pages,
                    started.elapsed().as_millis()
                );
            }
            Err(message) => {
                eprint!("{message}");
                eprintln!("[{stamp}] gagal; PDF terakhir `{}` dibiarkan", self.output.display());
            }
        }
        typst::comemo::evict(CACHE_AGE);
    }

    /// One rebuild through the same pipeline as `build`: the page count and the warnings to
    /// show (the plan's, then Typst's), or why it failed.
    fn try_rebuild(&mut self) -> Result<(usize, String), String> {
        let color = super::color_stderr();
        let loaded = crate::load::load(&self.args.plan).map_err(|error| match &error {
            crate::load::LoadError::Invalid { path, source, diagnostics } => {
                crate::diagnostic::render_all(diagnostics, path, source, color)
            }
            crate::load::LoadError::Io { path, error } => {
                format!("galat: `{}` tidak dapat dibaca ({})\n", path.display(), error.reason())
            }
        })?;
        let renderer = Renderer::with_overrides(self.args.templates.as_deref()).map_err(|e| format!("galat: {e}\n"))?;
        let options = match &self.pratinjau {
            Some(part) => BuildOptions {
                tanda_air: Some(crate::document::draft_mark(loaded.plan.identitas.tahap)),
                pratinjau: Some(part.clone()),
                dicetak: Some(super::preview::printed_at(Some(&loaded.plan))),
                ..Default::default()
            },
            None => BuildOptions::default(),
        };
        let built =
            document::build_in(&mut self.world, &loaded, &options, &renderer, |_| {}).map_err(|error| match error {
                BuildError::Plan(diagnostics) => diagnostics
                    .iter()
                    .filter(|d| d.is_error())
                    .map(|d| d.render(&self.args.plan, &loaded.source, color))
                    .collect(),
                other => format!("galat: {other}\n"),
            })?;
        let mut warnings: String =
            built.warnings.iter().map(|d| d.render(&self.args.plan, &loaded.source, color)).collect();
        for warning in &built.typst_warnings {
            warnings.push_str(&format!("peringatan[typst]: {warning}\n"));
        }
        let written = if self.pratinjau.is_some() {
            output::write_atomic(&self.output, &built.pdf)
        } else {
            output::write_pdf(&self.output, &built.pdf).map(|_| ())
        };
        written.map_err(|e| format!("galat: {e}\n"))?;
        Ok((built.pages, warnings))
    }
}
