//! The command line: parse, dispatch to one file per subcommand, print errors, exit.

mod build;
mod check;
mod diff;
mod help;
mod import;
mod init;
mod next_year;
mod preview;
mod schema;
mod serve;
mod tables;
mod verify;
mod watch;
mod workbook;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

pub use help::command;

use crate::diagnostic::Diagnostic;
use crate::load::{LoadError, LoadedPlan};

#[derive(Debug, Parser)]
#[command(name = "renja", version, about = "Rencana Kerja Perangkat Daerah dari plan.json ke PDF siap tanda tangan")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Periksa rencana: semua galat dan peringatan sekaligus, dengan lokasinya.
    Check(check::CheckArgs),
    /// Susun lampiran keputusan sebagai PDF (PDF/A-2b) beserta NAMA.pdf.sha256.
    Build(build::BuildArgs),
    /// Pratinjau satu bab, tabel, atau lampiran sebagai draf bertanda air.
    Preview(preview::PreviewArgs),
    /// Susun ulang otomatis setiap kali rencana atau templat disimpan.
    Watch(watch::WatchArgs),
    /// Sunting rencana di peramban: formulir, pemeriksaan langsung, dan pratinjau halaman.
    Serve(serve::ServeArgs),
    /// Buat kerangka rencana baru; dapat disusun sebagai draf sampai teks templatnya diganti.
    Init(init::InitArgs),
    /// Cetak JSON Schema plan.json (untuk validasi dan pelengkapan otomatis di editor).
    Schema(schema::SchemaArgs),
    /// Perubahan antara dua revisi rencana, sebagaimana dokumennya tercetak.
    Diff(diff::Args),
    /// Semua tabel beserta kolom turunannya, sebagai xlsx, csv, atau json.
    Tables(tables::TablesArgs),
    /// Buku kerja isian (xlsx) berisi tabel-tabel sumber rencana, untuk diubah di Excel lalu diimpor.
    Workbook(workbook::WorkbookArgs),
    /// Rencana dari buku kerja isian: tabelnya masuk ke rencana (--into) atau ke kerangka baru.
    Import(import::ImportArgs),
    /// Rencana tahun depan dari rencana tahun ini: tahun bergeser, yang harus diisi didaftar.
    NextYear(next_year::NextYearArgs),
    /// Periksa PDF terhadap berkas pendampingnya dan, bila rencana diberikan, apakah PDF itu
    /// disusun dari rencana tersebut (disusun ulang dan dibandingkan byte demi byte).
    Verify(verify::VerifyArgs),
}

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text with the offending line.
    #[default]
    Teks,
    /// One JSON document for machines.
    Json,
}

/// Exit codes shared by every subcommand.
pub mod exit {
    /// Clean, or warnings only.
    pub const OK: u8 = 0;
    /// The plan has errors, or the build failed.
    pub const GALAT: u8 = 1;
    /// The plan file cannot be read.
    pub const TIDAK_TERBACA: u8 = 2;
}

/// A failure the user can act on: what happened, what to do, which exit code. Subcommands
/// return it; [`main`] prints it, once. Located diagnostics are reports, printed by the
/// subcommand; a failure after them carries only its exit code.
#[derive(Debug)]
pub struct Galat {
    /// "galat: …", or empty when everything was already reported.
    pub pesan: String,
    pub saran: Option<String>,
    pub kode: u8,
}

impl Galat {
    pub fn new(pesan: impl Into<String>) -> Galat {
        Galat { pesan: pesan.into(), saran: None, kode: exit::GALAT }
    }

    /// A failure already reported (diagnostics printed): only the exit code remains.
    pub fn dilaporkan(kode: u8) -> Galat {
        Galat { pesan: String::new(), saran: None, kode }
    }

    pub fn saran(mut self, saran: impl Into<String>) -> Galat {
        self.saran = Some(saran.into());
        self
    }

    pub fn kode(mut self, kode: u8) -> Galat {
        self.kode = kode;
        self
    }

    /// The lines printed for this failure.
    pub fn render(&self) -> String {
        let mut text = String::new();
        if !self.pesan.is_empty() {
            text.push_str(&format!("galat: {}\n", self.pesan));
        }
        if let Some(saran) = &self.saran {
            text.push_str(&format!("  saran: {saran}\n"));
        }
        text
    }
}

impl From<crate::output::WriteError> for Galat {
    fn from(error: crate::output::WriteError) -> Galat {
        let saran = error.hint.clone();
        Galat { pesan: error.to_string(), saran, kode: exit::GALAT }
    }
}

impl From<crate::render::RenderError> for Galat {
    fn from(error: crate::render::RenderError) -> Galat {
        Galat::new(error.to_string()).saran("perbaiki templat itu di direktori --templates")
    }
}

/// The single exit point: run the subcommand, print its failure if any, exit with its code.
pub fn main() -> ExitCode {
    let cli = help::parse();
    crate::output::remove_partial_files_on_interrupt();
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Init(args) => init::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Preview(args) => preview::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Tables(args) => tables::run(args),
        Command::NextYear(args) => next_year::run(args),
        Command::Workbook(args) => workbook::run(args),
        Command::Import(args) => import::run(args),
        Command::Verify(args) => verify::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(galat) => {
            eprint!("{}", galat.render());
            ExitCode::from(galat.kode)
        }
    }
}

/// An output that would overwrite the plan it is made from.
pub(crate) fn same_as_plan(output: &Path, example: &str) -> Galat {
    Galat::new(format!("berkas keluaran `{}` sama dengan berkas rencana", output.display()))
        .saran(format!("pilih nama lain dengan -o, mis. -o {example}"))
}

/// A build that failed after the plan loaded: plan errors are printed by the caller.
pub(crate) fn build_failure(error: &crate::document::BuildError) -> Galat {
    use crate::document::BuildError;
    match error {
        BuildError::Plan(_) => Galat::new(error.to_string()),
        BuildError::Render(error) => {
            Galat::new(error.to_string()).saran("perbaiki templat itu di direktori --templates")
        }
        BuildError::Typst(_) => Galat::new(error.to_string())
            .saran("bila galat ini menunjuk ke templat bawaan, laporkan sebagai kutu renja beserta rencananya"),
        BuildError::Tag(_) => Galat::new(error.to_string()),
    }
}

pub(crate) fn color_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Loads a plan (`-`: standard input); when it cannot, prints the located error (as text or
/// JSON) and returns a failure carrying the exit code.
pub(crate) fn load_or_report(path: &Path, format: Format) -> Result<LoadedPlan, Galat> {
    crate::load::load(path).map_err(|error| load_failure(&error, format))
}

/// A plan that cannot be loaded, as a failure: the located diagnostic is printed here (it is a
/// report), an unreadable file becomes the message.
pub(crate) fn load_failure(error: &LoadError, format: Format) -> Galat {
    match (error, format) {
        (LoadError::Io { path, error }, Format::Teks) => {
            Galat::new(format!("berkas rencana `{}` tidak dapat dibaca ({})", path.display(), error.reason()))
                .saran(error.hint(path))
                .kode(exit::TIDAK_TERBACA)
        }
        (LoadError::Io { path, error }, Format::Json) => {
            let diagnostic = Diagnostic::error(
                "plan.tidak_terbaca",
                format!("berkas rencana tidak dapat dibaca ({})", error.reason()),
            )
            .hint(error.hint(path));
            print_json(path, std::slice::from_ref(&diagnostic));
            Galat::dilaporkan(exit::TIDAK_TERBACA)
        }
        (LoadError::Invalid { path, source, diagnostics }, Format::Teks) => {
            eprint!("{}", crate::diagnostic::render_all(diagnostics, path, source, color_stderr()));
            if diagnostics.len() > 1 {
                eprintln!("{}: {} galat; rencana tidak dapat dimuat", path.display(), diagnostics.len());
            }
            Galat::dilaporkan(exit::GALAT)
        }
        (LoadError::Invalid { path, diagnostics, .. }, Format::Json) => {
            print_json(path, diagnostics);
            Galat::dilaporkan(exit::GALAT)
        }
    }
}

pub(crate) fn print_json(path: &Path, diagnostics: &[Diagnostic]) {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let report = serde_json::json!({
        "berkas": path.display().to_string(),
        "galat": errors,
        "peringatan": diagnostics.len() - errors,
        "diagnostik": diagnostics,
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
}

pub(crate) fn default_plan() -> PathBuf {
    PathBuf::from("plan.json")
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_consistent() {
        super::help::command().debug_assert();
    }
}
