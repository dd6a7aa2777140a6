//! `renja init [DIR]`: a new plan skeleton with guidance. It builds as a draft; its template
//! text ("(Ganti teks ini.)") keeps it from becoming a final document until replaced.

use std::path::PathBuf;

use super::exit;
use crate::output;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Direktori tujuan (dibuat bila belum ada).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Nomenklatur kode: 90/2019 (sejak TA 2021: pagu pada sub kegiatan, Tabel 4.1 SIPD-RI) atau
    /// 86/2017; tanpa opsi ini mengikuti tahun rencana
    #[arg(long, value_parser = ["86/2017", "90/2019"])]
    pub nomenklatur: Option<String>,
}

pub fn run(args: InitArgs) -> Result<u8, super::Galat> {
    let plan = args.dir.join("plan.json");
    if plan.exists() {
        return Err(super::Galat::new(format!("`{}` sudah ada; renja init tidak menimpa rencana", plan.display()))
            .saran("pilih direktori lain, mis. renja init renja-baru"));
    }
    std::fs::create_dir_all(&args.dir).map_err(|error| output::WriteError::io(&args.dir, &error))?;
    let schema = super::schema::text();
    let schema_path = args.dir.join("plan.schema.json");
    // Both files or neither: a half-initialised directory would refuse a second `init`.
    let skeleton = crate::init::skeleton(args.nomenklatur.as_deref());
    output::write_set(&[(&plan, skeleton.as_bytes()), (&schema_path, schema.as_bytes())])?;
    eprintln!("kerangka rencana ditulis ke {} (beserta plan.schema.json untuk editor).", plan.display());
    eprintln!("langkah berikutnya:");
    eprintln!(
        "  1. isi identitas, narasi bab, dan tabel di plan.json (teks bertanda \"(Ganti teks ini.)\" dan nilai \
         contoh seperti \"Kabupaten Contoh\", \"NAMA KEPALA DAERAH\", nomor 000/…);"
    );
    eprintln!("  2. renja check {}", plan.display());
    eprintln!("  3. renja build {} --draf   (dokumen final setelah semua teks templat diganti)", plan.display());
    Ok(exit::OK)
}
