//! `renja check [PLAN]`: every problem of a plan in one run.

use std::path::PathBuf;

use super::{Format, exit};
use crate::check;
use crate::compute::compute;

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Berkas rencana.
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: CheckArgs) -> Result<u8, super::Galat> {
    let loaded = super::load_or_report(&args.plan, args.format)?;
    let computed = compute(&loaded.plan);
    let mut diagnostics = check::check(&loaded.plan, &computed);
    crate::diagnostic::locate(&mut diagnostics, &loaded.source);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    match args.format {
        Format::Json => super::print_json(&loaded.path, &diagnostics),
        Format::Teks => {
            let color = super::color_stderr();
            // One write: a plan with a hundred thousand warnings prints them in one go.
            let text = crate::diagnostic::render_all(&diagnostics, &loaded.path, &loaded.source, color);
            let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), text.as_bytes());
            let warnings = diagnostics.len() - errors;
            eprintln!(
                "{}: {}, jumlah pagu {}; {} galat, {} peringatan",
                loaded.path.display(),
                computed.jumlah_tingkat(),
                crate::format::rupiah(computed.jumlah.pagu),
                errors,
                warnings
            );
        }
    }
    Ok(if errors > 0 { exit::GALAT } else { exit::OK })
}
