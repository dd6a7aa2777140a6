//! `renja init [DIR]`: a new plan skeleton that checks clean and builds, with guidance.

use std::path::PathBuf;

use super::exit;
use crate::output;

/// The skeleton: every chapter with a sentence of guidance, one program with one kegiatan.
pub const KERANGKA: &str = include_str!("../../templates/init/plan.json");

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Direktori tujuan (dibuat bila belum ada).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

pub fn run(args: Args) -> u8 {
    let plan = args.dir.join("plan.json");
    if plan.exists() {
        eprintln!("galat: `{}` sudah ada; renja init tidak menimpa rencana", plan.display());
        eprintln!("  saran: pilih direktori lain, mis. renja init renja-{}", env!("CARGO_PKG_NAME"));
        return exit::GALAT;
    }
    if let Err(error) = std::fs::create_dir_all(&args.dir) {
        eprintln!("galat: direktori `{}` tidak dapat dibuat ({})", args.dir.display(), super::io_reason(&error));
        return exit::GALAT;
    }
    let schema = super::schema::text();
    let written = output::write_atomic(&plan, KERANGKA.as_bytes())
        .and_then(|()| output::write_atomic(&args.dir.join("plan.schema.json"), schema.as_bytes()));
    if let Err(error) = written {
        eprintln!("galat: {error}");
        return exit::GALAT;
    }
    eprintln!("kerangka rencana ditulis ke {} (beserta plan.schema.json untuk editor).", plan.display());
    eprintln!("langkah berikutnya:");
    eprintln!("  1. isi identitas, narasi bab, dan tabel di plan.json (teks bertanda \"(Ganti teks ini.)\");");
    eprintln!("  2. renja check {}", plan.display());
    eprintln!("  3. renja build {}", plan.display());
    exit::OK
}
