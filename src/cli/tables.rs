//! `renja tables [PLAN] --format xlsx|csv|json [-o OUT]`: every table with its derived columns.

use std::path::{Path, PathBuf};

use super::{Format, exit};
use crate::check;
use crate::compute::compute;
use crate::document::document_date;
use crate::output;
use crate::tabel::{self, InfoBuku};

const BANTUAN: &str = "\
Keluaran:
  xlsx  Satu lembar per tabel (\"Tabel 2.1\" … \"Tabel 4.1\") dengan kepala bertingkat dan sel
        gabungan seperti di PDF. Kolom turunan berupa rumus hidup yang hasil tersimpannya sama
        dengan angka renja: Tabel 2.1 kolom 8 (=G/F, polaritas negatif =F/G; program: rata-rata
        kegiatannya), 10 (=E+G+I, atau nilai terakhir untuk indikator non-kumulatif), 11 (=J/D);
        pagu program (=SUM kegiatannya) dan JUMLAH (=SUM program) di Tabel 2.3, 3.1 dan 4.1.
        Persen disimpan sebagai angka berformat persen; rasio tak terdefinisi berisi \"-\".
        Bawaan OUT: NAMA.xlsx di samping rencana.
  csv   Satu berkas per tabel, NAMA-tabel-2.1.csv … NAMA-tabel-4.1.csv, di direktori OUT (dibuat
        bila belum ada; bawaan: direktori rencana). UTF-8, pemisah koma, baris CRLF (RFC 4180).
        Kolom pertama \"Jenis\" (kelompok, urusan, program, kegiatan, jumlah, nihil), kolom terakhir
        \"Satuan\". Angka tanpa pemisah ribuan dengan titik desimal (1073384000, 80.5); persen
        dibulatkan seperti di PDF (pengaturan.desimal_persen), tanpa tanda %. Dengan
        --excel-indonesia: pemisah titik koma, koma desimal (80,5) dan BOM UTF-8, sehingga Excel
        berbahasa Indonesia membukanya dengan benar.
  json  Satu dokumen berisi semua tabel. Angka berupa string desimal eksak (rupiah bilangan
        bulat \"1073384000\"; persen tanpa pembulatan, \"94.117647…\"); null = sel kosong,
        \"-\" = rasio tak terdefinisi. Bawaan OUT: NAMA.tabel.json di samping rencana.

Rencana yang memiliki galat tidak diekspor (galat ditampilkan dengan lokasinya) kecuali dengan
--paksa; hasilnya lalu ditandai TIDAK FINAL. Teks templat yang belum diganti (narasi) tidak
menghalangi ekspor tabel. Untuk csv, OUT adalah direktori; nama berakhiran .csv ditolak. Setiap berkas ditulis lewat berkas sementara dan
penggantian nama, sehingga kegagalan tidak meninggalkan berkas setengah jadi.

Kode keluar: 0 berhasil, 1 rencana bergalat atau gagal menulis, 2 rencana tidak dapat dibaca.";

#[derive(Debug, clap::Args)]
#[command(after_long_help = BANTUAN)]
pub struct TablesArgs {
    /// Berkas rencana.
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Bentuk keluaran.
    #[arg(long, value_enum, default_value_t = Bentuk::Xlsx)]
    pub format: Bentuk,
    /// Berkas keluaran (xlsx, json) atau direktori keluaran (csv) [bawaan: NAMA.xlsx, direktori
    /// rencana untuk csv, NAMA.tabel.json].
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// CSV untuk Excel berbahasa Indonesia: pemisah titik koma, koma desimal, BOM UTF-8.
    #[arg(long)]
    pub excel_indonesia: bool,
    /// Tetap ekspor walaupun rencana memiliki galat; setiap tabel ditandai TIDAK FINAL.
    #[arg(long)]
    pub paksa: bool,
    /// Tanggal pembuatan buku kerja bila rencana tidak memuat tanggal (detik Unix).
    #[arg(long, env = "SOURCE_DATE_EPOCH", hide_env_values = true)]
    pub source_date_epoch: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Bentuk {
    /// Buku kerja Excel dengan rumus hidup.
    Xlsx,
    /// Satu berkas CSV per tabel.
    Csv,
    /// Satu dokumen JSON berisi semua tabel.
    Json,
}

/// The default output: `NAMA.xlsx`, the plan's directory for csv, `NAMA.tabel.json` (the plan
/// itself is `NAMA.json`).
pub fn default_output(plan: &Path, bentuk: Bentuk) -> PathBuf {
    match bentuk {
        Bentuk::Xlsx => plan.with_extension("xlsx"),
        Bentuk::Csv => match plan.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        },
        Bentuk::Json => plan.with_extension("tabel.json"),
    }
}

pub fn run(args: TablesArgs) -> Result<u8, super::Galat> {
    let output = match &args.output {
        Some(output) => output.clone(),
        None if crate::files::is_stdin(&args.plan) => {
            return Err(super::Galat::new("rencana dibaca dari masukan standar; sebutkan keluarannya")
                .saran("tambahkan -o, mis. -o tabel.xlsx"));
        }
        None => default_output(&args.plan, args.format),
    };
    if args.format != Bentuk::Csv && crate::files::same_file(&output, &args.plan) {
        return Err(super::same_as_plan(&output, "tabel.json"));
    }
    let loaded = super::load_or_report(&args.plan, Format::Teks)?;
    let plan = &loaded.plan;
    let computed = compute(plan);
    let mut diagnostics = check::check(plan, &computed);
    crate::diagnostic::locate(&mut diagnostics, &loaded.source);
    let color = super::color_stderr();
    for diagnostic in &diagnostics {
        eprint!("{}", diagnostic.render(&loaded.path, &loaded.source, color));
    }
    // Template text (narrative still to write), the skeleton's example values and a decree
    // number still to assign stop only a final document, not the tables: they are exported, and
    // marked final, as the tables hold no narrative, decree or signer.
    let document_only = ["teks.templat", "teks.contoh", "keputusan.nomor"];
    let errors = diagnostics.iter().filter(|d| d.is_error() && !document_only.contains(&d.code)).count();
    if errors > 0 && !args.paksa {
        return Err(super::Galat::new(format!(
            "tabel tidak diekspor karena rencana memiliki {errors} galat; `{}` tidak diubah",
            output.display()
        ))
        .saran("perbaiki galat di atas, atau ekspor draf bertanda TIDAK FINAL dengan --paksa"));
    }
    let final_ = errors == 0;
    let tabel = tabel::semua(plan, &computed);

    match args.format {
        Bentuk::Xlsx => {
            let info = InfoBuku::of(plan, document_date(&loaded, args.source_date_epoch), final_);
            let bytes = tabel::xlsx(&tabel, &info)
                .map_err(|error| super::Galat::new(format!("buku kerja tidak dapat disusun ({error})")))?;
            output::write_atomic(&output, &bytes)?;
        }
        Bentuk::Json => output::write_atomic(&output, tabel::json(plan, &tabel, final_).as_bytes())?,
        Bentuk::Csv => {
            let gaya = if args.excel_indonesia { tabel::GayaCsv::ExcelIndonesia } else { tabel::GayaCsv::Rfc4180 };
            write_csv(&loaded.path, &output, &tabel, gaya)?
        }
    }
    if !final_ {
        eprintln!("catatan: rencana memiliki {errors} galat; tabel ditandai TIDAK FINAL");
    }
    let target = match args.format {
        Bentuk::Csv => format!("{} ({} berkas CSV)", output.display(), tabel.len()),
        _ => output.display().to_string(),
    };
    eprintln!(
        "{} → {}: {} tabel, {}, jumlah pagu {}, {} peringatan",
        loaded.path.display(),
        target,
        tabel.len(),
        computed.jumlah_tingkat(),
        crate::format::rupiah(computed.jumlah.pagu),
        diagnostics.iter().filter(|d| !d.is_error()).count()
    );
    Ok(exit::OK)
}

/// Writes `NAMA-tabel-N.csv` for every table into `dir`, each atomically.
fn write_csv(plan: &Path, dir: &Path, tabel: &[tabel::Tabel], gaya: tabel::GayaCsv) -> Result<(), super::Galat> {
    if dir.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) && !dir.is_dir() {
        let stem = dir.with_extension("");
        return Err(super::Galat::new(format!(
            "`{}` bernama berkas .csv, padahal csv menulis satu berkas per tabel ke sebuah direktori",
            dir.display()
        ))
        .saran(format!("sebutkan direktorinya, mis. -o {}", stem.display())));
    }
    if dir.is_file() {
        return Err(super::Galat::new(format!("`{}` adalah berkas; untuk csv, -o menyebut direktori", dir.display()))
            .saran("sebutkan direktori, mis. -o tabel-csv"));
    }
    std::fs::create_dir_all(dir).map_err(|e| output::WriteError::io(dir, &e))?;
    let stem = plan.file_stem().map_or_else(|| "plan".to_owned(), |s| s.to_string_lossy().into_owned());
    // Every file is prepared first, then all are written as one set.
    let files: Vec<(PathBuf, String)> =
        tabel.iter().map(|t| (dir.join(tabel::nama_csv(&stem, t)), tabel::csv(t, gaya))).collect();
    let set: Vec<(&Path, &[u8])> = files.iter().map(|(path, text)| (path.as_path(), text.as_bytes())).collect();
    output::write_set(&set)?;
    Ok(())
}
