//! `renja workbook [PLAN] -o isian.xlsx [--kosong]`: the input workbook of a plan's tables, to
//! edit in a spreadsheet and bring back with `renja import`.

use std::path::{Path, PathBuf};

use super::{Format, exit};
use crate::document::document_date;
use crate::output;
use crate::tanggal::DocumentDate;
use crate::workbook;

const BANTUAN: &str = "\
Isi buku kerja:
  Petunjuk    cara mengisi setiap lembar, dan alur kerja workbook → ubah → import → check → build
  Identitas   tahun rencana, nomenklatur kode, periode Renstra, pagu batas RKPD
  Rencana     urusan, program, kegiatan, sub kegiatan: satu baris per indikator (dan per sumber
              dana), kode simpul diulang di setiap barisnya; pagu hanya pada tingkat terendah,
              pagu program dan kegiatan bersub kegiatan berupa rumus jumlah (tidak diimpor)
  Tabel 2.1   evaluasi: kolom sumber 4, 5, 6, 7, 9 per program dan kegiatan
  Tabel 2.2   kinerja pelayanan: satu baris per satuan nilai
  Tabel 2.3   Rancangan Awal RKPD dan hasil analisis kebutuhan, per kode kegiatan
  Tabel 2.4   usulan masyarakat (tanpa baris: NIHIL)
  Daftar      pilihan kolom berdaftar dan saran satuan
Setiap kolom berjudul bahasa Indonesia dengan nomor kolom tabel cetaknya di bawah judul; baris
kepala dibekukan; angka dan rupiah tersimpan sebagai angka. Narasi tetap di plan.json.
Bawaan OUT: NAMA.isian.xlsx di samping rencana (dengan --kosong tanpa rencana: isian.xlsx).

Kode keluar: 0 berhasil, 1 rencana tidak dapat dituliskan atau gagal menulis, 2 rencana tidak
dapat dibaca atau argumen salah.";

#[derive(Debug, clap::Args)]
#[command(after_long_help = BANTUAN)]
pub struct WorkbookArgs {
    /// Berkas rencana [bawaan: plan.json; dengan --kosong boleh tanpa rencana].
    pub plan: Option<PathBuf>,
    /// Buku kerja keluaran [bawaan: NAMA.isian.xlsx].
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Buku kerja tanpa baris data (tahun dan judul kolom dari rencana bila diberikan).
    #[arg(long)]
    pub kosong: bool,
    /// Tanggal pembuatan buku kerja bila rencana tidak memuat tanggal (detik Unix).
    #[arg(long, env = "SOURCE_DATE_EPOCH", hide_env_values = true)]
    pub source_date_epoch: Option<i64>,
}

/// `plan.json` → `plan.isian.xlsx`.
fn default_output(plan: &Path) -> PathBuf {
    plan.with_extension("isian.xlsx")
}

pub fn run(args: WorkbookArgs) -> Result<u8, super::Galat> {
    let plan_path = match (&args.plan, args.kosong) {
        (Some(path), _) => Some(path.clone()),
        (None, false) => Some(super::default_plan()),
        (None, true) => None,
    };
    let output = match (&args.output, &plan_path) {
        (Some(output), _) => output.clone(),
        (None, Some(plan)) if !crate::files::is_stdin(plan) => default_output(plan),
        (None, Some(_)) => {
            return Err(super::Galat::new("rencana dibaca dari masukan standar; sebutkan keluarannya")
                .saran("tambahkan -o, mis. -o isian.xlsx"));
        }
        (None, None) => PathBuf::from("isian.xlsx"),
    };
    if let Some(plan) = &plan_path
        && crate::files::same_file(&output, plan)
    {
        return Err(super::same_as_plan(&output, "isian.xlsx"));
    }
    let loaded = match &plan_path {
        Some(path) => Some(super::load_or_report(path, Format::Teks)?),
        None => None,
    };
    let isian = workbook::susun(loaded.as_ref().map(|l| &l.plan), args.kosong).map_err(|diagnostics| {
        let loaded = loaded.as_ref().expect("only a plan's values can fail");
        let mut diagnostics = diagnostics;
        crate::diagnostic::locate(&mut diagnostics, &loaded.source);
        let color = super::color_stderr();
        eprint!("{}", crate::diagnostic::render_all(&diagnostics, &loaded.path, &loaded.source, color));
        super::Galat::new(format!(
            "buku kerja tidak ditulis: {} nilai tidak dapat disimpan di lembar kerja; `{}` tidak diubah",
            diagnostics.len(),
            output.display()
        ))
    })?;
    let tanggal = match &loaded {
        Some(loaded) => document_date(loaded, args.source_date_epoch),
        None => args.source_date_epoch.and_then(DocumentDate::from_unix).unwrap_or(DocumentDate {
            year: 2000,
            month: 1,
            day: 1,
        }),
    };
    let bytes = workbook::buku_kerja(&isian, tanggal)
        .map_err(|error| super::Galat::new(format!("buku kerja tidak dapat disusun ({error})")))?;
    output::write_atomic(&output, &bytes)?;
    if let Some(loaded) = &loaded {
        // An input form may well be written for a plan under repair; say so, once.
        let errors = crate::check::check(&loaded.plan, &crate::compute::compute(&loaded.plan))
            .iter()
            .filter(|d| d.is_error() && !d.final_only)
            .count();
        if errors > 0 {
            eprintln!(
                "catatan: rencana memiliki {errors} galat (renja check {}); impor berhasil setelah semuanya diperbaiki, di buku kerja atau di rencana",
                loaded.path.display()
            );
        }
    }
    let baris: Vec<String> = isian.lembar.iter().map(|l| format!("{} {} baris", l.nama, l.baris.len())).collect();
    let asal = loaded.as_ref().map_or_else(|| "buku kerja kosong".to_owned(), |l| l.path.display().to_string());
    eprintln!("{asal} → {}: {}", output.display(), baris.join(", "));
    eprintln!("lalu: ubah tabelnya, dan renja import {} --into RENCANA -o RENCANA-BARU.json", output.display());
    Ok(exit::OK)
}
