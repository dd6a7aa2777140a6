//! `renja next-year [PLAN] [-o NEXT.json]`: next year's plan from this year's, and what
//! remains to fill in it.

use std::path::{Path, PathBuf};

use super::{Format, exit};
use crate::output;
use crate::tahun_depan;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Rencana tahun ini.
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Rencana tahun depan [bawaan: NAMA-<tahun baru>.json di samping rencana].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> u8 {
    let loaded = match super::load_or_report(&args.plan, Format::Teks) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let next = tahun_depan::dari(&loaded.plan);
    let output = args.output.clone().unwrap_or_else(|| default_output(&args.plan, next.plan.identitas.tahun));
    if output.canonicalize().ok().is_some_and(|o| args.plan.canonicalize().is_ok_and(|p| p == o)) {
        eprintln!("galat: berkas keluaran `{}` sama dengan rencana tahun ini", output.display());
        eprintln!(
            "  saran: pilih nama lain dengan -o, mis. -o {}",
            default_output(&args.plan, next.plan.identitas.tahun).display()
        );
        return exit::GALAT;
    }
    let mut text = match serde_json::to_string_pretty(&next.plan) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("galat: rencana tahun depan tidak dapat disusun ({error})");
            return exit::GALAT;
        }
    };
    text.push('\n');
    if let Err(error) = output::write_atomic(&output, text.as_bytes()) {
        eprintln!("galat: {error}");
        return exit::GALAT;
    }
    eprintln!(
        "rencana Tahun {} ditulis ke {} (tahap rancangan awal); yang masih harus diisi:",
        next.plan.identitas.tahun,
        output.display()
    );
    for isian in &next.isian {
        eprintln!("  - {}: {}", isian.path, isian.apa);
    }
    eprintln!("lalu: renja check {}", output.display());
    exit::OK
}

/// `plan.json` for 2020 → `plan-2020.json`, beside it.
fn default_output(plan: &Path, tahun: i32) -> PathBuf {
    let stem = plan.file_stem().map_or_else(|| "plan".into(), |s| s.to_string_lossy().into_owned());
    plan.with_file_name(format!("{stem}-{tahun}.json"))
}
