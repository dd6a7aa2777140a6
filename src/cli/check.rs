//! `renja check [PLAN]`: every problem of a plan in one run.

use std::path::PathBuf;

use super::{Format, exit};
use crate::check;
use crate::compute::compute;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Berkas rencana.
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

pub fn run(args: Args) -> u8 {
    let loaded = match super::load_or_report(&args.plan, args.format) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let computed = compute(&loaded.plan);
    let mut diagnostics = check::check(&loaded.plan, &computed);
    check::locate(&mut diagnostics, &loaded.source);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    match args.format {
        Format::Json => super::print_json(&args.plan, &diagnostics),
        Format::Teks => {
            let color = super::color_stderr();
            for diagnostic in &diagnostics {
                eprint!("{}", diagnostic.render(&args.plan, &loaded.source, color));
            }
            let warnings = diagnostics.len() - errors;
            eprintln!(
                "{}: {} program, {} kegiatan, jumlah pagu {}; {} galat, {} peringatan",
                args.plan.display(),
                computed.jumlah_program,
                computed.jumlah_kegiatan,
                crate::format::rupiah(computed.jumlah.pagu),
                errors,
                warnings
            );
        }
    }
    if errors > 0 { exit::GALAT } else { exit::OK }
}
