//! `renja preview [PLAN] --bab II | --tabel 2.1 | --lampiran`: one part of the document, laid
//! out exactly as in the whole, marked as a draft.

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use super::{Format, exit};
use crate::document::{self, BuildOptions};
use crate::output;
use crate::plan::{Plan, ZonaWaktu};
use crate::render::{Pratinjau, Renderer, TABEL};
use crate::typeset::DocumentDate;

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("bagian").required(true).args(["bab", "tabel", "lampiran"]))]
pub struct PreviewArgs {
    /// Berkas rencana.
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Satu bab: I, II, III, IV atau V.
    #[arg(long, value_parser = parse_bab)]
    pub bab: Option<String>,
    /// Satu tabel: 2.1, 2.2, 2.3, 2.4, 3.1 atau 4.1.
    #[arg(long, value_parser = TABEL)]
    pub tabel: Option<String>,
    /// Lampiran (pohon kinerja dan indikator kinerja utama).
    #[arg(long)]
    pub lampiran: bool,
    /// Berkas PDF pratinjau [bawaan: NAMA.pratinjau-BAGIAN.pdf, tidak pernah menimpa PDF final].
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Tulis halaman sebagai PNG ke direktori ini, bukan PDF.
    #[arg(long, value_name = "DIR", conflicts_with = "svg")]
    pub png: Option<PathBuf>,
    /// Tulis halaman sebagai SVG ke direktori ini, bukan PDF.
    #[arg(long, value_name = "DIR")]
    pub svg: Option<PathBuf>,
    /// Resolusi PNG (piksel per inci).
    #[arg(long, default_value_t = 144.0)]
    pub ppi: f32,
    /// Direktori templat pengganti.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn parse_bab(text: &str) -> Result<String, String> {
    let number = match text.trim().to_uppercase().as_str() {
        "I" | "1" => "1",
        "II" | "2" => "2",
        "III" | "3" => "3",
        "IV" | "4" => "4",
        "V" | "5" => "5",
        _ => return Err(format!("bab \"{text}\" tidak ada; pilih I, II, III, IV atau V")),
    };
    Ok(number.to_owned())
}

impl PreviewArgs {
    fn pratinjau(&self) -> Pratinjau {
        match (&self.bab, &self.tabel) {
            (Some(bab), _) => Pratinjau::Bab(bab.clone()),
            (None, Some(tabel)) => Pratinjau::Tabel(tabel.clone()),
            (None, None) => Pratinjau::Lampiran,
        }
    }
}

/// A short name for the part, used in default file names: "bab-II", "tabel-2.1", "lampiran".
pub fn part_name(pratinjau: &Pratinjau) -> String {
    match pratinjau {
        Pratinjau::Bab(n) => format!("bab-{}", crate::format::romawi(n.parse().unwrap_or(1))),
        Pratinjau::Tabel(n) => format!("tabel-{n}"),
        Pratinjau::Lampiran => "lampiran".to_owned(),
    }
}

/// `plan.json` → `plan.pratinjau-bab-II.pdf`: never the name of the final PDF.
pub fn default_output(plan: &Path, pratinjau: &Pratinjau) -> PathBuf {
    plan.with_extension(format!("pratinjau-{}.pdf", part_name(pratinjau)))
}

/// Now in the plan's time zone (UTC without a plan), as printed in a preview's footer
/// ("28 November 2026 05:30 WIB"). Previews are drafts: the clock belongs here, never in a
/// final document.
pub fn printed_at(plan: Option<&Plan>) -> String {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    stamp(seconds, plan.map(ZonaWaktu::of))
}

/// A Unix time as a preview stamp in `zona` (None: UTC).
fn stamp(utc_seconds: i64, zona: Option<ZonaWaktu>) -> String {
    let seconds = utc_seconds + zona.map_or(0, |z| z.jam_dari_utc() * 3600);
    let date = DocumentDate::from_unix(seconds).unwrap_or(DocumentDate { year: 1970, month: 1, day: 1 });
    let of_day = seconds.rem_euclid(86_400);
    format!(
        "{} {:02}:{:02} {}",
        crate::format::tanggal(date.year, date.month, date.day),
        of_day / 3600,
        of_day % 3600 / 60,
        zona.map_or("UTC", ZonaWaktu::label)
    )
}

pub fn run(args: PreviewArgs) -> Result<u8, super::Galat> {
    let started = Instant::now();
    let pratinjau = args.pratinjau();
    let loaded = super::load_or_report(&args.plan, Format::Teks)?;
    let renderer = Renderer::with_overrides(args.templates.as_deref())?;
    let options = BuildOptions {
        tanda_air: Some(document::draft_mark(loaded.plan.identitas.tahap)),
        pratinjau: Some(pratinjau.clone()),
        dicetak: Some(printed_at(Some(&loaded.plan))),
        // A preview shows a chapter in progress even when other parts still have errors.
        paksa: true,
        ..Default::default()
    };
    let built = document::build(&loaded, &options, &renderer).map_err(|e| super::build_failure(&e))?;
    let color = super::color_stderr();
    for diagnostic in built.warnings.iter().filter(|d| d.is_error()) {
        eprint!("{}", diagnostic.render(&loaded.path, &loaded.source, color));
    }
    for warning in &built.typst_warnings {
        eprintln!("peringatan[typst]: {warning}");
    }
    let target = if let Some(dir) = &args.png {
        let pages = crate::typeset::png_pages(&built.document, args.ppi)
            .map_err(|reason| super::Galat::new(format!("halaman PNG tidak dapat dibuat ({reason})")))?;
        write_pages(dir, "png", pages.iter().map(Vec::as_slice))?
    } else if let Some(dir) = &args.svg {
        let pages = crate::typeset::svg_pages(&built.document);
        write_pages(dir, "svg", pages.iter().map(String::as_bytes))?
    } else {
        let out = match &args.output {
            Some(out) => out.clone(),
            None if crate::files::is_stdin(&args.plan) => PathBuf::from(crate::files::STDIN),
            None => default_output(&args.plan, &pratinjau),
        };
        output::write_atomic(&out, &built.pdf)?;
        out.display().to_string()
    };
    eprintln!(
        "pratinjau {} → {}: {} halaman ({:.2} s)",
        part_name(&pratinjau),
        target,
        built.pages,
        started.elapsed().as_secs_f64()
    );
    Ok(exit::OK)
}

/// Writes `halaman-01.png`, `halaman-02.png`, … into `dir`, each atomically.
fn write_pages<'a>(dir: &Path, ext: &str, pages: impl Iterator<Item = &'a [u8]>) -> Result<String, output::WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| output::WriteError::io(dir, &e))?;
    let mut count = 0;
    for (i, bytes) in pages.enumerate() {
        output::write_atomic(&dir.join(format!("halaman-{:02}.{ext}", i + 1)), bytes)?;
        count += 1;
    }
    Ok(format!("{} ({count} berkas {ext})", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stamp_is_in_the_plans_time_zone() {
        // 2026-11-27 22:30 UTC.
        let utc = 1_795_818_600;
        assert_eq!(stamp(utc, None), "27 November 2026 22:30 UTC");
        assert_eq!(stamp(utc, Some(ZonaWaktu::Wib)), "28 November 2026 05:30 WIB");
        assert_eq!(stamp(utc, Some(ZonaWaktu::Wita)), "28 November 2026 06:30 WITA");
        assert_eq!(stamp(utc, Some(ZonaWaktu::Wit)), "28 November 2026 07:30 WIT");
    }
}
