//! The command line: parse, dispatch to one file per subcommand, print errors, exit.

mod build;
mod check;
mod diff;
mod init;
mod next_year;
mod preview;
mod schema;
mod tables;
mod watch;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Diagnostic;
use crate::plan::{self, LoadError, LoadedPlan};

#[derive(Debug, Parser)]
#[command(name = "renja", version, about = "Rencana Kerja Perangkat Daerah dari plan.json ke PDF siap tanda tangan")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Periksa rencana: semua galat dan peringatan sekaligus, dengan lokasinya.
    Check(check::Args),
    /// Susun lampiran keputusan sebagai PDF (PDF/A-2b) beserta NAMA.pdf.sha256.
    Build(build::Args),
    /// Pratinjau satu bab, tabel, atau lampiran sebagai draf bertanda air.
    Preview(preview::Args),
    /// Susun ulang otomatis setiap kali rencana atau templat disimpan.
    Watch(watch::Args),
    /// Buat kerangka rencana baru yang lolos pemeriksaan dan dapat disusun.
    Init(init::Args),
    /// Cetak JSON Schema plan.json (untuk validasi dan pelengkapan otomatis di editor).
    Schema(schema::Args),
    /// Perubahan antara dua revisi rencana, pada tingkat data.
    Diff(diff::Args),
    /// Semua tabel beserta kolom turunannya, sebagai xlsx, csv, atau json.
    Tables(tables::Args),
    /// Rencana tahun depan dari rencana tahun ini: tahun bergeser, yang harus diisi didaftar.
    NextYear(next_year::Args),
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

pub use init::KERANGKA;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::output::remove_partial_files_on_interrupt();
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Build(args) => build::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Init(args) => init::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Preview(args) => preview::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Tables(args) => tables::run(args),
        Command::NextYear(args) => next_year::run(args),
    };
    ExitCode::from(code)
}

pub(crate) fn color_stderr() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Loads a plan, printing a located error and returning the exit code when it cannot.
pub(crate) fn load_or_report(path: &Path, format: Format) -> Result<LoadedPlan, u8> {
    match plan::load(path) {
        Ok(loaded) => Ok(loaded),
        Err(error) => {
            let code = match error {
                LoadError::Io { .. } => exit::TIDAK_TERBACA,
                LoadError::Invalid { .. } => exit::GALAT,
            };
            report_load_error(&error, format);
            Err(code)
        }
    }
}

pub(crate) fn report_load_error(error: &LoadError, format: Format) {
    match (error, format) {
        (LoadError::Io { path, error }, Format::Teks) => {
            eprintln!("galat: berkas rencana `{}` tidak dapat dibaca ({})", path.display(), io_reason(error));
            eprintln!("  saran: {}", io_hint(path, error));
        }
        (LoadError::Io { path, error }, Format::Json) => {
            let diagnostic = Diagnostic::error(
                "plan.tidak_terbaca",
                format!("berkas rencana tidak dapat dibaca ({})", io_reason(error)),
            )
            .hint(io_hint(path, error));
            print_json(path, std::slice::from_ref(&diagnostic));
        }
        (LoadError::Invalid { path, source, diagnostic }, Format::Teks) => {
            eprint!("{}", diagnostic.render(path, source, color_stderr()));
        }
        (LoadError::Invalid { path, diagnostic, .. }, Format::Json) => {
            print_json(path, std::slice::from_ref(diagnostic));
        }
    }
}

pub(crate) fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "tidak ditemukan".to_owned(),
        std::io::ErrorKind::PermissionDenied => "akses ditolak".to_owned(),
        std::io::ErrorKind::IsADirectory => "itu sebuah direktori".to_owned(),
        _ => error.to_string(),
    }
}

fn io_hint(path: &Path, error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound if path == Path::new("plan.json") => {
            "jalankan dari direktori yang berisi plan.json, atau sebutkan berkasnya: renja check PATH".to_owned()
        }
        std::io::ErrorKind::NotFound => "periksa ejaan path-nya".to_owned(),
        _ => "periksa izin berkas".to_owned(),
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
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
