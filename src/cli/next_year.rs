//! `renja next-year [PLAN] [-o NEXT.json]`: next year's plan from this year's, and what
//! remains to fill in it.

use std::path::{Path, PathBuf};

use super::{Format, exit};
use crate::next_year;
use crate::output;

#[derive(Debug, clap::Args)]
pub struct NextYearArgs {
    /// Rencana tahun ini.
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Rencana tahun depan [bawaan: NAMA-<tahun baru>.json di samping rencana].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: NextYearArgs) -> Result<u8, super::Galat> {
    let loaded = super::load_or_report(&args.plan, Format::Teks)?;
    let next = next_year::dari(&loaded.plan);
    let output = args.output.clone().unwrap_or_else(|| default_output(&args.plan, next.plan.identitas.tahun));
    if crate::files::same_file(&output, &args.plan) {
        return Err(super::Galat::new(format!("berkas keluaran `{}` sama dengan rencana tahun ini", output.display()))
            .saran(format!(
                "pilih nama lain dengan -o, mis. -o {}",
                default_output(&args.plan, next.plan.identitas.tahun).display()
            )));
    }
    let mut text = serde_json::to_string_pretty(&next.plan)
        .map_err(|error| super::Galat::new(format!("rencana tahun depan tidak dapat disusun ({error})")))?;
    text.push('\n');
    output::write_atomic(&output, text.as_bytes())?;
    eprintln!(
        "rencana Tahun {} ditulis ke {} (tahap rancangan awal); yang masih harus diisi:",
        next.plan.identitas.tahun,
        output.display()
    );
    for isian in &next.isian {
        eprintln!("  - {}: {}", isian.path, isian.apa);
    }
    eprintln!("lalu: renja check {}", output.display());
    Ok(exit::OK)
}

/// `plan.json` for 2020 → `plan-2020.json`, beside it.
fn default_output(plan: &Path, tahun: i32) -> PathBuf {
    let stem = plan.file_stem().map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    plan.with_file_name(format!("{stem}-{tahun}.json"))
}
