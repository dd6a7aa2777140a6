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
    /// Nomenklatur kode: 90/2019 (sejak TA 2021: pagu pada sub kegiatan, Tabel 4.1 SIPD-RI) atau
    /// 86/2017; tanpa opsi ini mengikuti tahun rencana
    #[arg(long, value_parser = ["86/2017", "90/2019"])]
    pub nomenklatur: Option<String>,
}

/// The skeleton. With a stated era it says so in `identitas.nomenklatur`; under 90/2019 the
/// kegiatan's pagu moves onto a sub-kegiatan and Tabel 4.1 takes the SIPD-RI layout. Edited as
/// text so that the skeleton keeps its order and its guidance.
pub fn kerangka(nomenklatur: Option<&str>) -> String {
    let Some(era) = nomenklatur else { return KERANGKA.to_owned() };
    let mut text = KERANGKA.replacen(
        "    \"tahap\": \"rancangan_awal\",\n",
        &format!("    \"tahap\": \"rancangan_awal\",\n    \"nomenklatur\": \"{era}\",\n"),
        1,
    );
    if era == "90/2019" {
        text =
            text.replacen("    \"kertas\": \"a4\"\n", "    \"kertas\": \"a4\",\n    \"tabel_bab_4\": \"sipd-ri\"\n", 1);
        text = text.replacen(KEGIATAN_86, KEGIATAN_90, 1);
    }
    text
}

/// The kegiatan's money in the skeleton, and the same money on its one sub-kegiatan.
const KEGIATAN_86: &str = r#"            "lokasi": "Kabupaten Contoh",
            "pagu": 1000000000,
            "pagu_maju": 1050000000,
            "sumber_dana": "DAU",
"#;
const KEGIATAN_90: &str = r#"            "lokasi": "Kabupaten Contoh",
            "sub_kegiatan": [
              {
                "kode": "1.01.01.2.02.0001",
                "nama": "Penyediaan Gaji dan Tunjangan ASN",
                "indikator": {
                  "uraian": "Jumlah bulan pemenuhan gaji dan tunjangan ASN",
                  "satuan": "Bulan",
                  "target": 12,
                  "target_maju": 12
                },
                "lokasi": "Kabupaten Contoh",
                "sumber_dana": "DAU",
                "kelompok_sasaran": "Aparatur Sipil Negara",
                "penanggung_jawab": "Sekretariat",
                "waktu_pelaksanaan": "Januari-Desember",
                "pagu": 1000000000,
                "pagu_maju": 1050000000
              }
            ],
"#;

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
    let skeleton = kerangka(args.nomenklatur.as_deref());
    output::write_set(&[(&plan, skeleton.as_bytes()), (&schema_path, schema.as_bytes())])?;
    eprintln!("kerangka rencana ditulis ke {} (beserta plan.schema.json untuk editor).", plan.display());
    eprintln!("langkah berikutnya:");
    eprintln!("  1. isi identitas, narasi bab, dan tabel di plan.json (teks bertanda \"(Ganti teks ini.)\");");
    eprintln!("  2. renja check {}", plan.display());
    eprintln!("  3. renja build {} --draf   (dokumen final setelah semua teks templat diganti)", plan.display());
    Ok(exit::OK)
}
