//! `renja verify NAME.pdf [--plan PLAN]`: was this PDF made from this plan? Signed PDFs
//! included (`crate::verify`).

use std::path::PathBuf;

use super::{Format, Galat, exit};
use crate::render::Renderer;

#[derive(Debug, clap::Args)]
#[command(after_help = "PDF bertanda tangan elektronik (pembaruan bertahap setelah susunan renja): setiap tanda \
    tangan dilaporkan (medan, penanda tangan, waktu, rentang byte, keutuhan message digest); revisi pertama \
    dibandingkan dengan susunan ulang rencana. Rantai sertifikat (BSrE) tidak diperiksa: gunakan \
    pyhanko sign validate atau pdfsig.\n\nKode keluar: 0 cocok, 1 tidak cocok, 2 PDF atau rencana tidak dapat dibaca.")]
pub struct VerifyArgs {
    /// PDF yang diperiksa; NAMA.pdf.sha256 dan NAMA.ttd.json dibaca dari sampingnya.
    #[arg(value_name = "NAMA.pdf")]
    pub pdf: PathBuf,
    /// Rencana yang diklaim sebagai sumber PDF: disusun ulang dengan pilihan yang tercatat di
    /// NAMA.ttd.json, lalu dibandingkan byte demi byte.
    #[arg(long, value_name = "PLAN")]
    pub plan: Option<PathBuf>,
    /// Direktori templat yang dipakai saat PDF disusun (bila bukan templat bawaan).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn run(args: VerifyArgs) -> Result<u8, Galat> {
    let pdf = crate::files::read_input(&args.pdf).map_err(|error| {
        Galat::new(format!("PDF `{}` tidak dapat dibaca ({})", args.pdf.display(), error.reason()))
            .saran(error.hint(&args.pdf))
            .kode(exit::TIDAK_TERBACA)
    })?;
    let loaded = match &args.plan {
        Some(plan) => Some(super::load_or_report(plan, Format::Teks).map_err(|galat| galat.kode(exit::TIDAK_TERBACA))?),
        None => None,
    };
    let renderer = Renderer::with_overrides(args.templates.as_deref())?;
    // A PDF built with --templates can only be rebuilt with them.
    let record_wants_templates = std::fs::read(crate::output::ttd_path(&args.pdf))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<crate::output::TtdManifest>(&bytes).ok())
        .is_some_and(|manifest| !manifest.opsi.templat_bawaan);
    let usable = !(record_wants_templates && args.templates.is_none());
    let verdict = crate::verify::verify(&args.pdf, &pdf, loaded.as_ref(), usable.then_some(&renderer));
    // First line: what the document is, read from the PDF itself.
    match &verdict.tanda_air {
        None => println!("dokumen: final (tanpa tanda air draf, menurut metadata PDF)"),
        Some(teks) => println!("dokumen: draf, bertanda air \"{teks}\" (menurut metadata PDF); bukan dokumen final"),
    }
    for finding in &verdict.findings {
        let mark = if finding.cocok { "cocok" } else { "TIDAK COCOK" };
        println!("{mark}: {}", finding.teks);
    }
    for catatan in &verdict.catatan {
        println!("catatan: {catatan}");
    }
    let pdf = args.pdf.display();
    if verdict.holds() {
        match &loaded {
            Some(plan) if verdict.bertahap => println!(
                "hasil: `{pdf}` ditandatangani; revisi pertamanya identik byte demi byte dengan susunan ulang dari `{}`, \
                 dan tidak diubah sesudah tanda tangan",
                plan.path.display()
            ),
            Some(plan) => {
                println!("hasil: `{pdf}` utuh dan disusun dari `{}` (identik byte demi byte)", plan.path.display())
            }
            None => println!(
                "hasil: `{pdf}` cocok dengan berkas pendampingnya; sumbernya belum dipastikan (tambahkan --plan PLAN)"
            ),
        }
        Ok(exit::OK)
    } else {
        println!("hasil: `{pdf}` TIDAK dapat dipastikan; jangan ditandatangani atau diterima sebelum diperiksa");
        Ok(exit::GALAT)
    }
}
