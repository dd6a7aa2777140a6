//! `renja import SOURCE [--into PLAN] [-o OUT.json]`: a plan whose tables come from a source,
//! written only when the source has no problem and `check` admits the result.

use std::path::{Path, PathBuf};

use super::exit;
use crate::import;
use crate::output;
use crate::plan::Plan;

const BANTUAN: &str = "\
Sumber yang dikenali:
  Buku kerja isian renja (.xlsx dari renja workbook): lembar Identitas, Rencana, Tabel 2.1,
  Tabel 2.2, Tabel 2.3 dan Tabel 2.4.
  Laporan Renja SIPD-RI (tabel 17 kolom) seperti disimpan dari SIPD-RI (.xls berisi tabel HTML),
  atau disimpan ulang sebagai .xlsx: pohon rencana (program, kegiatan, sub kegiatan).
  JSON sub kegiatan SIPD-RI (renja/sub_bl, satu objek per sub kegiatan): pohon rencana.
  Dokumen Word (.docx) Renja tahun lalu, dengan --into: narasi Bab I–V (lihat di bawah).
  Tanpa --into, periode Renstra (tidak ada di SIPD-RI) diisi dua tahun sebelum dan sesudah
  tahun rencana; sesuaikan.

Dengan --into, hasilnya salinan PLAN yang tabel-tabelnya diganti isi sumber; narasi, identitas,
keputusan, penandatangan dan pengaturan tidak berubah (tahun, nomenklatur dan periode Renstra
buku kerja harus sama dengan PLAN). Tanpa --into, rencana baru disusun dari kerangka renja init
dengan tabel dari sumber; narasinya masih teks templat.

Setiap masalah sumber dilaporkan sekaligus dengan letaknya (Rencana!O12): apa yang diharapkan,
apa yang ditemukan, dan saran. Hasilnya diperiksa seperti renja check sebelum ditulis; bila ada
galat (selain teks templat yang hanya menghalangi dokumen final), tidak ada berkas yang ditulis
dan OUT lama tidak berubah. Bawaan OUT: NAMA.json di samping sumber (isian.xlsx → isian.json).

Dengan --paksa, rencana tetap ditulis walau bergalat: setiap galat sumber dicatat di rencana
dengan tanda \"GALAT IMPOR:\", sehingga hanya draf (build --draf atau --paksa) yang dapat dibangun
sampai catatan itu diselesaikan dan dihapus. Dengan --into, sumber milik perangkat daerah lain
(nama atau bidang urusan berbeda) ditolak, kecuali dengan --unit-berbeda.

Dokumen Word (.docx): narasi Bab I–V masuk ke bidang isi dan isi_lanjutan tiap bagian rencana
--into; tabel, identitas dan judul bagian tidak berubah. Judul dikenali dari gayanya (Heading 1–3
atau tingkat kerangka), dari teksnya (\"BAB II\" beserta judul di paragraf berikutnya, \"1.2 Landasan
Hukum\" walau diketik tebal di gaya Normal) atau dari penomoran daftarnya, lalu dicocokkan dengan
kerangka Renja menurut nomor dan kemiripan judul. Paragraf, daftar bernomor dan berbutir, huruf
tebal dan miring menjadi Markdown narasi; tahun harfiah dokumen (n-3 sampai n+1) ditulis relatif
({{ tahun }}, {{ tahun_n1 }} …). Tabel, gambar, paragraf di luar bagian mana pun dan halaman
sebelum BAB I tidak diimpor dan masing-masing disebut letaknya (paragraf 37). Bidang yang isinya
di dokumen tercetak sama dengan rencana tidak diubah.

Kode keluar: 0 ditulis (peringatan saja tidak menggagalkan), 1 sumber atau hasil bergalat (dengan
--paksa: ditulis juga), atau gagal menulis, 2 sumber atau rencana tidak dapat dibaca, atau argumen salah.";

#[derive(Debug, clap::Args)]
#[command(after_long_help = BANTUAN)]
pub struct ImportArgs {
    /// Berkas sumber (buku kerja isian renja, laporan Renja SIPD-RI, JSON sub kegiatan SIPD-RI, atau dokumen Word .docx).
    pub sumber: PathBuf,
    /// Rencana yang tabel-tabelnya diganti (narasi dan pengaturannya tetap); untuk .docx: rencana yang narasinya diisi.
    #[arg(long, value_name = "PLAN")]
    pub into: Option<PathBuf>,
    /// Rencana keluaran (-: keluaran standar) [bawaan: NAMA.json di samping sumber].
    #[arg(short, long, value_name = "OUT.json")]
    pub output: Option<PathBuf>,
    /// Tulis rencananya walau bergalat; setiap galat dicatat di rencana sehingga hanya draf yang dapat dibangun.
    #[arg(long)]
    pub paksa: bool,
    /// Terima sumber milik perangkat daerah lain daripada rencana --into.
    #[arg(long)]
    pub unit_berbeda: bool,
}

pub fn run(args: ImportArgs) -> Result<u8, super::Galat> {
    let output = args.output.clone().unwrap_or_else(|| args.sumber.with_extension("json"));
    if crate::files::same_file(&output, &args.sumber) {
        return Err(super::Galat::new(format!("berkas keluaran `{}` sama dengan sumbernya", output.display()))
            .saran("pilih nama lain dengan -o, mis. -o plan-baru.json"));
    }
    if let Some(into) = &args.into
        && crate::files::same_file(&output, into)
    {
        return Err(super::same_as_plan(&output, "plan-baru.json"));
    }
    let bytes = crate::files::read_input(&args.sumber).map_err(|error| {
        super::Galat::new(format!("sumber `{}` tidak dapat dibaca ({})", args.sumber.display(), error.reason()))
            .saran(error.hint(&args.sumber))
            .kode(exit::TIDAK_TERBACA)
    })?;
    if import::docx::kenali(&bytes) || args.sumber.extension().is_some_and(|e| e.eq_ignore_ascii_case("docx")) {
        return narasi(&args, &bytes, &output);
    }
    let into: Option<Plan> = match &args.into {
        Some(path) => Some(super::load_or_report(path, super::Format::Teks)?.plan),
        None => None,
    };
    let color = super::color_stderr();
    let opsi = import::OpsiImpor { paksa: args.paksa, unit_berbeda: args.unit_berbeda };
    match import::impor_dengan(&bytes, into.as_ref(), opsi) {
        Err(diagnostics) => {
            // A JSON source's diagnostics carry line:column: show its line. Template text only
            // stops a final document: counted apart, never as an error of the import.
            let (templat, shown): (Vec<_>, Vec<_>) = diagnostics.into_iter().partition(|d| d.code == "teks.templat");
            let source = std::str::from_utf8(&bytes).unwrap_or("");
            eprint!("{}", crate::diagnostic::render_all(&shown, &args.sumber, source, color));
            if !templat.is_empty() {
                eprintln!("catatan: {} teks templat masih harus diganti sebelum dokumen final", templat.len());
            }
            let errors = shown.iter().filter(|d| d.is_error() && !d.final_only).count();
            Err(super::Galat::new(format!(
                "{}: {errors} galat; tidak ada berkas yang ditulis, `{}` tidak diubah",
                args.sumber.display(),
                output.display()
            ))
            .saran("perbaiki sel yang disebut di atas lalu impor lagi"))
        }
        Ok(hasil) => {
            output::write_atomic(&output, hasil.teks.as_bytes())?;
            report(&args.sumber, &output, &hasil, color);
            let errors = hasil.catatan.iter().filter(|d| d.is_error() && !d.final_only).count();
            if errors > 0 || hasil.plan.pengaturan.teks_templat.iter().any(|t| t == import::TANDA_GALAT_IMPOR) {
                eprintln!(
                    "{}: {errors} galat ditulis ke `{}` (--paksa); hanya draf yang dapat dibangun sampai setiap \"{}\" diselesaikan",
                    args.sumber.display(),
                    output.display(),
                    import::TANDA_GALAT_IMPOR
                );
                return Ok(exit::GALAT);
            }
            Ok(exit::OK)
        }
    }
}

/// Warnings about the imported tables are shown; the skeleton's template text and example
/// values are counted.
fn report(sumber: &Path, output: &Path, hasil: &import::Hasil, color: bool) {
    let (templat, lain): (Vec<_>, Vec<_>) =
        hasil.catatan.iter().partition(|d| d.code == "teks.templat" || d.code == "teks.contoh");
    let shown: Vec<_> = lain.into_iter().cloned().collect();
    eprint!("{}", crate::diagnostic::render_all(&shown, sumber, "", color));
    let computed = crate::compute::compute(&hasil.plan);
    eprintln!(
        "{} → {}: {}, jumlah pagu {}; {} peringatan",
        sumber.display(),
        output.display(),
        computed.jumlah_tingkat(),
        crate::format::rupiah(computed.jumlah.pagu),
        shown.iter().filter(|d| !d.is_error()).count()
    );
    if !templat.is_empty() {
        eprintln!(
            "catatan: {} teks templat dan nilai contoh kerangka masih harus diganti sebelum dokumen final (renja check {})",
            templat.len(),
            output.display()
        );
    }
    eprintln!("lalu: renja check {} && renja build {}", output.display(), output.display());
}

/// `renja import LAST.docx --into PLAN`: the narrative of a Word document into the plan.
fn narasi(args: &ImportArgs, bytes: &[u8], output: &Path) -> Result<u8, super::Galat> {
    let Some(into_path) = &args.into else {
        return Err(super::Galat::new(format!(
            "{}: dokumen Word hanya membawa narasi; sebutkan rencana tujuannya dengan --into",
            args.sumber.display()
        ))
        .saran(format!("renja import {} --into plan.json -o plan-baru.json", args.sumber.display()))
        .kode(exit::TIDAK_TERBACA));
    };
    let into = super::load_or_report(into_path, super::Format::Teks)?.plan;
    let color = super::color_stderr();
    match import::docx::impor(bytes, &into) {
        Err(diagnostics) => {
            eprint!("{}", crate::diagnostic::render_all(&diagnostics, &args.sumber, "", color));
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let kode =
                if diagnostics.iter().any(|d| d.code == "impor.docx") { exit::TIDAK_TERBACA } else { exit::GALAT };
            Err(super::Galat::new(format!(
                "{}: {errors} galat; tidak ada berkas yang ditulis, `{}` tidak diubah",
                args.sumber.display(),
                output.display()
            ))
            .saran("perbaiki yang disebut di atas lalu impor lagi")
            .kode(kode))
        }
        Ok(n) => {
            output::write_atomic(output, n.hasil.teks.as_bytes())?;
            eprint!("{}", crate::diagnostic::render_all(&n.hasil.catatan, &args.sumber, "", color));
            let hilang = if n.tidak_ditemukan.is_empty() {
                String::new()
            } else {
                format!("; tidak ada di dokumen (tetap): {}", n.tidak_ditemukan.join(", "))
            };
            eprintln!(
                "{} → {}: {} bidang narasi diisi, {} sama dengan rencana (tidak diubah){hilang}; {} paragraf tidak \
                 ditempatkan, {} tabel tidak diimpor",
                args.sumber.display(),
                output.display(),
                n.diisi.len(),
                n.tetap,
                n.tidak_ditempatkan,
                n.tabel
            );
            for path in &n.diisi {
                eprintln!("  diisi: {path}");
            }
            eprintln!(
                "lalu: renja diff {} {} && renja check {}",
                into_path.display(),
                output.display(),
                output.display()
            );
            Ok(exit::OK)
        }
    }
}
