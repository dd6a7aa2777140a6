//! `renja verify`: does a PDF match its sidecars, and was it made from this plan?
//!
//! The question a Bappeda verifier asks before a Bupati signs. The `.sha256` and `.ttd.json`
//! sidecars both name the PDF's SHA-256, and the placement sidecar records the plan's SHA-256 and
//! every choice the build made beyond the plan (paper, signing, draft watermark, date), so the
//! plan can be built again in-process and compared byte for byte.

use std::path::Path;

use crate::document::{self, BuildOptions};
use crate::load::LoadedPlan;
use crate::output::{self, BuildRecord, TtdManifest};
use crate::render::Renderer;

/// One thing checked, and whether it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub cocok: bool,
    pub teks: String,
}

impl Finding {
    fn ok(teks: impl Into<String>) -> Finding {
        Finding { cocok: true, teks: teks.into() }
    }

    fn mismatch(teks: impl Into<String>) -> Finding {
        Finding { cocok: false, teks: teks.into() }
    }
}

/// Everything checked about one PDF.
#[derive(Debug, Default)]
pub struct Verdict {
    /// The draft watermark the PDF's own metadata names; `None`: a final document.
    pub tanda_air: Option<String>,
    pub findings: Vec<Finding>,
}

impl Verdict {
    pub fn holds(&self) -> bool {
        self.findings.iter().all(|f| f.cocok)
    }

    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }
}

/// The watermark of a draft, read from the PDF itself: renja writes `Draf: <text>` among the
/// keywords of the XMP metadata of every draft, and none in a final document.
pub fn tanda_air_pdf(pdf: &[u8]) -> Option<String> {
    let (buka, tutup) = (b"<pdf:Keywords>".as_slice(), b"</pdf:Keywords>".as_slice());
    let start = find(pdf, buka, 0)? + buka.len();
    let end = find(pdf, tutup, start)?;
    let keywords = unescape_xml(&String::from_utf8_lossy(&pdf[start..end]));
    let penanda = crate::render::KATA_KUNCI_DRAF;
    let at =
        if keywords.starts_with(penanda) { Some(0) } else { keywords.find(&format!(", {penanda}")).map(|i| i + 2) };
    at.map(|i| keywords[i + penanda.len()..].to_owned())
}

fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// The first occurrence of `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// The options a build recorded, as options for building again.
pub fn options_of(record: &BuildRecord) -> BuildOptions {
    BuildOptions {
        kertas: Some(record.kertas),
        ttd: Some(record.ttd),
        tanda_air: record.tanda_air.clone(),
        paksa: record.paksa,
        source_date_epoch: record.source_date_epoch,
        ..Default::default()
    }
}

/// Reads the placement sidecar, if it is there and readable.
fn manifest(pdf_path: &Path, verdict: &mut Verdict) -> Option<TtdManifest> {
    let path = output::ttd_path(pdf_path);
    let bytes = match crate::files::read_input(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            verdict.push(Finding::mismatch(format!("`{}` tidak dapat dibaca ({})", path.display(), error.reason())));
            return None;
        }
    };
    match serde_json::from_slice::<TtdManifest>(&bytes) {
        Ok(manifest) => Some(manifest),
        Err(_) => {
            verdict.push(Finding::mismatch(format!(
                "`{}` bukan berkas pendamping renja yang utuh (JSON rusak atau dari versi lain)",
                path.display()
            )));
            None
        }
    }
}

/// Checks a PDF's bytes against its sidecars and, given its plan, against a fresh build.
pub fn verify(pdf_path: &Path, pdf: &[u8], plan: Option<&LoadedPlan>, renderer: Option<&Renderer>) -> Verdict {
    let mut verdict = Verdict { tanda_air: tanda_air_pdf(pdf), ..Verdict::default() };
    let sha = crate::files::sha256_hex(pdf);
    let name = pdf_path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());

    let checksum_path = output::checksum_path(pdf_path);
    match crate::files::read_input(&checksum_path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let mut words = text.split_whitespace();
            let (hex, named) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            if hex.eq_ignore_ascii_case(&sha) && named.trim_start_matches('*') == name {
                verdict.push(Finding::ok(format!("`{}` cocok dengan PDF", checksum_path.display())));
            } else if !hex.eq_ignore_ascii_case(&sha) {
                verdict.push(Finding::mismatch(format!(
                    "`{}` mencatat SHA-256 {hex}, PDF ini {sha}",
                    checksum_path.display()
                )));
            } else {
                verdict.push(Finding::mismatch(format!(
                    "`{}` menyebut berkas `{named}`, bukan `{name}`",
                    checksum_path.display()
                )));
            }
        }
        Err(error) => verdict.push(Finding::mismatch(format!(
            "`{}` tidak dapat dibaca ({})",
            checksum_path.display(),
            error.reason()
        ))),
    }

    let manifest = manifest(pdf_path, &mut verdict);
    if let Some(manifest) = &manifest {
        let path = output::ttd_path(pdf_path);
        if manifest.pdf_sha256 == sha && manifest.pdf == name {
            verdict.push(Finding::ok(format!("`{}` cocok dengan PDF", path.display())));
        } else if manifest.pdf_sha256 != sha {
            verdict.push(Finding::mismatch(format!(
                "`{}` mencatat pdf_sha256 {}, PDF ini {sha}",
                path.display(),
                manifest.pdf_sha256
            )));
        } else {
            verdict.push(Finding::mismatch(format!(
                "`{}` menyebut PDF `{}`, bukan `{name}`",
                path.display(),
                manifest.pdf
            )));
        }
    }

    if let Some(manifest) = &manifest
        && manifest.final_ != verdict.tanda_air.is_none()
    {
        let pdf_says = if verdict.tanda_air.is_some() { "draf" } else { "final" };
        let record_says = if manifest.final_ { "final" } else { "draf" };
        verdict.push(Finding::mismatch(format!(
            "`{}` mencatat dokumen {record_says}, metadata PDF menyatakan {pdf_says}",
            output::ttd_path(pdf_path).display()
        )));
    }

    let Some(plan) = plan else { return verdict };
    let Some(manifest) = manifest else {
        verdict.push(Finding::mismatch(
            "tanpa berkas pendamping .ttd.json, pilihan penyusunan (kertas, tanda tangan, draf) tidak diketahui; \
             PDF tidak dapat disusun ulang untuk dibandingkan",
        ));
        return verdict;
    };
    if plan.sha256 == manifest.rencana_sha256 {
        verdict.push(Finding::ok(format!("SHA-256 rencana `{}` sama dengan yang tercatat", plan.path.display())));
    } else {
        verdict.push(Finding::mismatch(format!(
            "rencana `{}` ber-SHA-256 {}, yang tercatat {}",
            plan.path.display(),
            plan.sha256,
            manifest.rencana_sha256
        )));
    }
    let Some(renderer) = renderer else {
        verdict.push(Finding::mismatch(
            "PDF disusun dengan --templates; sebutkan direktori templat yang sama untuk menyusun ulang",
        ));
        return verdict;
    };
    match document::build(plan, &options_of(&manifest.opsi), renderer) {
        Ok(built) if built.pdf == pdf => verdict.push(Finding::ok(format!(
            "disusun ulang dari `{}`: {} byte, identik byte demi byte",
            plan.path.display(),
            pdf.len()
        ))),
        Ok(built) => {
            let at = built.pdf.iter().zip(pdf).position(|(a, b)| a != b).unwrap_or(built.pdf.len().min(pdf.len()));
            let mut teks = format!(
                "disusun ulang dari `{}`: {} byte, PDF ini {} byte, berbeda mulai byte ke-{at}",
                plan.path.display(),
                built.pdf.len(),
                pdf.len()
            );
            if manifest.renja_versi != env!("CARGO_PKG_VERSION") {
                teks.push_str(&format!(
                    " (PDF disusun dengan renja {}, pemeriksa ini renja {})",
                    manifest.renja_versi,
                    env!("CARGO_PKG_VERSION")
                ));
            }
            verdict.push(Finding::mismatch(teks));
        }
        Err(error) => verdict
            .push(Finding::mismatch(format!("rencana `{}` tidak dapat disusun ulang ({error})", plan.path.display()))),
    }
    verdict
}
