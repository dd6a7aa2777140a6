//! `renja verify`: does a PDF match its sidecars, and was it made from this plan?
//!
//! The question a Bappeda verifier asks before a Bupati signs. The `.sha256` and `.ttd.json`
//! sidecars both name the PDF's SHA-256, and the placement sidecar records the plan's SHA-256 and
//! every choice the build made beyond the plan (paper, signing, draft watermark, date), so the
//! plan can be built again in-process and compared byte for byte.

use std::path::{Path, PathBuf};

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

mod signature;

pub use signature::{Revisi, TandaTangan, revisi, tanda_tangan};

/// Everything checked about one PDF.
#[derive(Debug, Default)]
pub struct Verdict {
    /// The draft watermark the PDF's own metadata names; `None`: a final document.
    pub tanda_air: Option<String>,
    /// The PDF continues its build with incremental updates (signatures, or other changes).
    pub bertahap: bool,
    /// The signatures found, in file order.
    pub tanda_tangan: Vec<TandaTangan>,
    /// Statements of what was not checked, and how to check it.
    pub catatan: Vec<String>,
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

/// Reads a placement sidecar, if it is there and readable.
fn read_manifest(path: &Path) -> Result<TtdManifest, String> {
    let bytes = crate::files::read_input(path)
        .map_err(|error| format!("`{}` tidak dapat dibaca ({})", path.display(), error.reason()))?;
    serde_json::from_slice::<TtdManifest>(&bytes).map_err(|_| {
        format!("`{}` bukan berkas pendamping renja yang utuh (JSON rusak atau dari versi lain)", path.display())
    })
}

/// Checks the two sidecars of the PDF `base` (whose bytes have SHA-256 `sha` and whose file
/// name the sidecars must state as `name`), and returns the placement record.
fn sidecars(base: &Path, sha: &str, name: &str, verdict: &mut Verdict) -> Option<TtdManifest> {
    let checksum_path = output::checksum_path(base);
    match crate::files::read_input(&checksum_path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let mut words = text.split_whitespace();
            let (hex, named) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            if hex.eq_ignore_ascii_case(sha) && named.trim_start_matches('*') == name {
                verdict.push(Finding::ok(format!("`{}` cocok dengan PDF", checksum_path.display())));
            } else if !hex.eq_ignore_ascii_case(sha) {
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
    let path = output::ttd_path(base);
    let manifest = match read_manifest(&path) {
        Ok(manifest) => manifest,
        Err(teks) => {
            verdict.push(Finding::mismatch(teks));
            return None;
        }
    };
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
    Some(manifest)
}

/// For a signed PDF: the placement sidecar of its build, found beside it (its own name's, or
/// any `*.ttd.json` of the directory) by the build's SHA-256.
fn build_sidecar(pdf_path: &Path, shas: &[String]) -> Option<(PathBuf, TtdManifest)> {
    let own = output::ttd_path(pdf_path);
    let dir = pdf_path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut candidates = vec![own];
    let mut others: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.to_string_lossy().ends_with(".ttd.json"))
                .collect()
        })
        .unwrap_or_default();
    others.sort();
    candidates.extend(others);
    candidates.into_iter().find_map(|path| {
        let manifest = read_manifest(&path).ok()?;
        shas.contains(&manifest.pdf_sha256).then(|| (dir.join(&manifest.pdf), manifest))
    })
}

/// Checks a PDF's bytes against its sidecars and, given its plan, against a fresh build. A PDF
/// that continues with incremental updates (a signed PDF) is checked revision by revision: its
/// first revision is the build, every signature's byte range and message digest are checked,
/// and anything after the last signature is reported.
pub fn verify(pdf_path: &Path, pdf: &[u8], plan: Option<&LoadedPlan>, renderer: Option<&Renderer>) -> Verdict {
    let revisions = revisi(pdf);
    let signatures = tanda_tangan(pdf);
    let bertahap = revisions.len() > 1 || !signatures.is_empty();
    // The build: the whole file, or its first revision (with or without the end-of-line after
    // its `%%EOF`) when updates follow.
    let builds: Vec<&[u8]> = match revisions.first() {
        Some(first) if bertahap && first.akhir_eol > first.akhir => vec![&pdf[..first.akhir], &pdf[..first.akhir_eol]],
        Some(first) if bertahap => vec![&pdf[..first.akhir]],
        _ => vec![pdf],
    };
    let mut verdict = Verdict { tanda_air: tanda_air_pdf(builds[0]), bertahap, ..Verdict::default() };
    let name = pdf_path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if bertahap {
        signature_findings(pdf, &revisions, &signatures, &mut verdict);
    }
    verdict.tanda_tangan = signatures;

    let shas: Vec<String> = builds.iter().map(|b| crate::files::sha256_hex(b)).collect();
    let manifest = if !bertahap {
        sidecars(pdf_path, &shas[0], &name, &mut verdict)
    } else if let Some((base, manifest)) = build_sidecar(pdf_path, &shas) {
        let sha = manifest.pdf_sha256.clone();
        verdict.catatan.push(format!(
            "revisi pertama PDF ini adalah `{}`, menurut berkas pendampingnya `{}`",
            manifest.pdf,
            output::ttd_path(&base).display()
        ));
        sidecars(&base, &sha, &manifest.pdf.clone(), &mut verdict)
    } else {
        verdict.catatan.push(
            "berkas pendamping build (.pdf.sha256, .ttd.json) tidak ditemukan di samping PDF; pilihan penyusunan \
             dibaca dari PDF dan rencana"
                .to_owned(),
        );
        None
    };

    if let Some(manifest) = &manifest
        && manifest.final_ != verdict.tanda_air.is_none()
    {
        let pdf_says = if verdict.tanda_air.is_some() { "draf" } else { "final" };
        let record_says = if manifest.final_ { "final" } else { "draf" };
        verdict.push(Finding::mismatch(format!(
            "berkas pendamping mencatat dokumen {record_says}, metadata PDF menyatakan {pdf_says}"
        )));
    }

    let Some(plan) = plan else {
        verdict.catatan.push(
            "tanpa --plan: dapat dipastikan hanya bahwa PDF cocok dengan berkas pendampingnya (keduanya dapat diganti \
             bersama); TIDAK dipastikan bahwa PDF disusun dari rencana tertentu; tambahkan --plan PLAN"
                .to_owned(),
        );
        return verdict;
    };
    let options: Vec<BuildOptions> = match &manifest {
        Some(manifest) => {
            if plan.sha256 == manifest.rencana_sha256 {
                verdict
                    .push(Finding::ok(format!("SHA-256 rencana `{}` sama dengan yang tercatat", plan.path.display())));
            } else {
                verdict.push(Finding::mismatch(format!(
                    "rencana `{}` ber-SHA-256 {}, yang tercatat {}",
                    plan.path.display(),
                    plan.sha256,
                    manifest.rencana_sha256
                )));
            }
            vec![options_of(&manifest.opsi)]
        }
        None if bertahap => inferred_options(plan, verdict.tanda_air.as_deref()),
        None => {
            verdict.push(Finding::mismatch(
                "tanpa berkas pendamping .ttd.json, pilihan penyusunan (kertas, tanda tangan, draf) tidak diketahui; \
                 PDF tidak dapat disusun ulang untuk dibandingkan",
            ));
            return verdict;
        }
    };
    let Some(renderer) = renderer else {
        verdict.push(Finding::mismatch(
            "PDF disusun dengan --templates; sebutkan direktori templat yang sama untuk menyusun ulang",
        ));
        return verdict;
    };
    let what = if bertahap { "revisi pertama PDF ini" } else { "PDF ini" };
    let ours = builds[0];
    let first_difference =
        |pdf: &[u8]| pdf.iter().zip(ours).position(|(a, b)| a != b).unwrap_or(pdf.len().min(ours.len()));
    // Of several candidate builds, the closest (longest common start) is the one reported.
    let mut last: Option<Result<document::Built, document::BuildError>> = None;
    for option in &options {
        match document::build(plan, option, renderer) {
            Ok(built) if builds.contains(&built.pdf.as_slice()) => {
                verdict.push(Finding::ok(format!(
                    "disusun ulang dari `{}`: {} byte, identik byte demi byte dengan {what}",
                    plan.path.display(),
                    built.pdf.len()
                )));
                return verdict;
            }
            Ok(built) => {
                if !matches!(&last, Some(Ok(closer)) if first_difference(&closer.pdf) >= first_difference(&built.pdf)) {
                    last = Some(Ok(built));
                }
            }
            Err(error) => {
                if last.is_none() {
                    last = Some(Err(error));
                }
            }
        }
    }
    match last {
        Some(Ok(built)) => {
            let at = first_difference(&built.pdf);
            let mut teks = format!(
                "disusun ulang dari `{}`: {} byte, {what} {} byte, berbeda mulai byte ke-{at}",
                plan.path.display(),
                built.pdf.len(),
                ours.len()
            );
            if let Some(manifest) = &manifest
                && manifest.renja_versi != env!("CARGO_PKG_VERSION")
            {
                teks.push_str(&format!(
                    " (PDF disusun dengan renja {}, pemeriksa ini renja {})",
                    manifest.renja_versi,
                    env!("CARGO_PKG_VERSION")
                ));
            }
            verdict.push(Finding::mismatch(teks));
        }
        Some(Err(error)) => verdict
            .push(Finding::mismatch(format!("rencana `{}` tidak dapat disusun ulang ({error})", plan.path.display()))),
        None => {}
    }
    verdict
}

/// Without the build's sidecar: the plan's own paper, its signing either way, and the draft
/// watermark the PDF names (the errors' watermark is what `--paksa` prints).
fn inferred_options(plan: &LoadedPlan, tanda_air: Option<&str>) -> Vec<BuildOptions> {
    let paksa = tanda_air == Some(document::TANDA_AIR_GALAT);
    let tanda_air = tanda_air.filter(|_| !paksa).map(str::to_owned);
    let own = plan.plan.penandatangan.ttd;
    let other = match own {
        crate::plan::Ttd::Basah => crate::plan::Ttd::Elektronik,
        crate::plan::Ttd::Elektronik => crate::plan::Ttd::Basah,
    };
    [own, other]
        .into_iter()
        .map(|ttd| BuildOptions { ttd: Some(ttd), tanda_air: tanda_air.clone(), paksa, ..Default::default() })
        .collect()
}

/// One finding per signature, one on what follows the last, and the statement of what renja
/// does not check (the signature value and the certificate chain).
fn signature_findings(pdf: &[u8], revisions: &[Revisi], signatures: &[TandaTangan], verdict: &mut Verdict) {
    for (i, ttd) in signatures.iter().enumerate() {
        let [a, b, c, d] = ttd.rentang;
        let mut teks = format!(
            "tanda tangan {} di medan \"{}\", penanda tangan \"{}\" (dari sertifikatnya), waktu {}, rentang byte \
             [{a} {b} {c} {d}]",
            i + 1,
            ttd.medan.as_deref().unwrap_or("(tanpa nama)"),
            ttd.penanda_tangan.as_deref().unwrap_or("(tidak terbaca)"),
            ttd.waktu.as_deref().unwrap_or("(tidak tercatat)"),
        );
        teks.push_str(if ttd.menyeluruh {
            ", mencakup seluruh berkas sampai revisinya (kecuali nilai tanda tangannya)"
        } else {
            ", TIDAK mencakup seluruh berkas sampai revisinya"
        });
        let digest_ok = ttd.digest == Ok(true);
        match &ttd.digest {
            Ok(true) => teks.push_str("; message digest CMS sama dengan hash bagian yang ditandatangani"),
            Ok(false) => teks.push_str("; message digest CMS BERBEDA dengan hash bagian yang ditandatangani"),
            Err(why) => teks.push_str(&format!("; keutuhan tidak dapat diperiksa: {why}")),
        }
        verdict.push(Finding { cocok: ttd.menyeluruh && digest_ok, teks });
    }
    let last_signed = signatures.iter().map(TandaTangan::akhir).max();
    let later: Vec<&Revisi> = revisions.iter().filter(|r| last_signed.is_none_or(|end| r.akhir > end)).collect();
    let file_end = revisions.last().map_or(0, |r| r.akhir_eol);
    match last_signed {
        Some(_) if later.is_empty() && file_end >= pdf.len() => verdict
            .push(Finding::ok(format!("tidak ada apa pun setelah tanda tangan terakhir (berkas {} byte)", pdf.len()))),
        Some(end) => verdict.push(Finding::mismatch(format!(
            "setelah tanda tangan terakhir (byte ke-{end}) menyusul {} pembaruan bukan tanda tangan sampai byte ke-{}; \
             renja tidak dapat memastikan pembaruan itu tidak mengubah isi dokumen",
            later.len().max(1),
            pdf.len()
        ))),
        None => verdict.push(Finding::mismatch(format!(
            "PDF memuat {} pembaruan bertahap setelah penyusunannya, tanpa tanda tangan; isinya dapat telah diubah",
            revisions.len().saturating_sub(1)
        ))),
    }
    if !signatures.is_empty() {
        verdict.catatan.push(
            "renja memeriksa keutuhan (message digest) dan cakupan tanda tangan, bukan keabsahan kriptografis \
             nilai tanda tangan maupun rantai sertifikat penanda tangan (BSrE); periksa itu dengan \
             `pyhanko sign validate --pretty-print --trust AKAR.pem NAMA.pdf` atau `pdfsig NAMA.pdf`"
                .to_owned(),
        );
    }
}
