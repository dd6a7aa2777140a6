//! `renja init [DIR]`: a new plan skeleton with guidance. It builds as a draft; its template
//! text ("(Ganti teks ini.)") keeps it from becoming a final document until replaced.

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

pub fn run(args: Args) -> Result<u8, super::Galat> {
    let plan = args.dir.join("plan.json");
    if plan.exists() {
        return Err(super::Galat::new(format!("`{}` sudah ada; renja init tidak menimpa rencana", plan.display()))
            .saran("pilih direktori lain, mis. renja init renja-baru"));
    }
    std::fs::create_dir_all(&args.dir).map_err(|error| output::WriteError::io(&args.dir, &error))?;
    let schema = super::schema::text();
    let schema_path = args.dir.join("plan.schema.json");
    // Both files or neither: a half-initialised directory would refuse a second `init`.
    output::write_set(&[(&plan, KERANGKA.as_bytes()), (&schema_path, schema.as_bytes())])?;
    eprintln!("kerangka rencana ditulis ke {} (beserta plan.schema.json untuk editor).", plan.display());
    eprintln!("langkah berikutnya:");
    eprintln!("  1. isi identitas, narasi bab, dan tabel di plan.json (teks bertanda \"(Ganti teks ini.)\");");
    eprintln!("  2. renja check {}", plan.display());
    eprintln!("  3. renja build {} --draf   (dokumen final setelah semua teks templat diganti)", plan.display());
    Ok(exit::OK)
}
