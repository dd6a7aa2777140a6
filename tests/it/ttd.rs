//! Signing-ready output: final vs draft, the electronic signature box and its sidecar.

use renja::document::{BuildError, BuildOptions, build};
use renja::plan::{Kertas, Ttd};
use renja::render::Renderer;
use renja::typeset::{KotakTtd, page_texts, text_runs};
use serde_json::json;

use crate::support::{FLAGSHIP, FLAGSHIP_PDF, all_text, flagship_json, reparse};

fn electronic(kertas: Kertas) -> renja::document::Built {
    let options = BuildOptions { ttd: Some(Ttd::Elektronik), kertas: Some(kertas), ..Default::default() };
    build(&FLAGSHIP.0, &options, &Renderer::new()).unwrap()
}

/// The tag's glyph box (bottom-left origin) lies inside the signature box.
fn assert_tag_inside(built: &renja::document::Built, tag: &str) -> KotakTtd {
    assert_eq!(built.ttd.len(), 1, "one signer, one box");
    let kotak = built.ttd[0].clone();
    let runs: Vec<_> = text_runs(&built.document).into_iter().filter(|r| r.text.contains(tag)).collect();
    assert_eq!(runs.len(), 1, "the tag occurs exactly once: {runs:?}");
    let run = &runs[0];
    assert_eq!(run.page, kotak.halaman);
    let height = built.document.pages()[run.page - 1].frame.height().to_pt();
    let baseline = height - run.y;
    assert!(run.x >= kotak.x && run.x + run.width <= kotak.x + kotak.lebar, "{run:?} outside {kotak:?}");
    assert!(baseline >= kotak.y && baseline + 8.0 <= kotak.y + kotak.tinggi, "{run:?} outside {kotak:?}");
    kotak
}

#[test]
fn electronic_box_holds_the_tag_on_a4_and_folio() {
    for kertas in [Kertas::A4, Kertas::F4] {
        let built = electronic(kertas);
        assert!(built.final_);
        let kotak = assert_tag_inside(&built, "^");
        assert!(kotak.elektronik);
        assert_eq!((kotak.jabatan.as_str(), kotak.nama.as_str()), ("Bupati Malang", "H. RENDRA KRESNA"));
        // The box is the size the plan asks for (50 × 25 mm by default).
        assert!((kotak.lebar - 50.0 / 25.4 * 72.0).abs() < 0.1, "{kotak:?}");
        assert!((kotak.tinggi - 25.0 / 25.4 * 72.0).abs() < 0.1, "{kotak:?}");
        let text = all_text(&built);
        assert!(text.contains("Balai Besar Sertifikasi Elektronik (BSrE)"), "footer statement");
        assert!(!text.to_lowercase().contains("tidak final") && !text.contains("DRAF"));
    }
}

#[test]
fn wet_signature_keeps_its_space_and_no_electronic_marks() {
    let built = &*FLAGSHIP_PDF;
    assert_eq!(built.ttd.len(), 1);
    let kotak = &built.ttd[0];
    assert!(!kotak.elektronik);
    // 6 × 2.4 cm left blank for signature and stamp.
    assert!((kotak.lebar - 6.0 / 2.54 * 72.0).abs() < 0.1 && (kotak.tinggi - 2.4 / 2.54 * 72.0).abs() < 0.1);
    let text = all_text(built);
    assert!(!text.contains('^'), "no tag in a wet-signed document");
    assert!(!text.contains("BSrE"));
}

#[test]
fn electronic_mode_has_no_wet_signature_space() {
    let built = electronic(Kertas::A4);
    assert_eq!(built.ttd.len(), 1, "one signer, one box");
    assert!(built.ttd.iter().all(|k| k.elektronik));
}

#[test]
fn a_tag_used_elsewhere_is_an_error() {
    let mut value = flagship_json();
    value["rencana"]["program"][0]["kegiatan"][0]["catatan"] = json!("lihat ^ di bawah");
    let loaded = reparse(&value);
    let options = BuildOptions { ttd: Some(Ttd::Elektronik), ..Default::default() };
    match build(&loaded, &options, &Renderer::new()) {
        Err(BuildError::Plan(diagnostics)) => {
            let d = diagnostics.iter().find(|d| d.code == "ttd.tag").expect("ttd.tag reported");
            assert_eq!(d.path.as_deref(), Some("$.rencana.program[0].kegiatan[0].catatan"));
        }
        Err(other) => panic!("unexpected error {other}"),
        Ok(_) => panic!("a tag that occurs twice must not build"),
    }
}

#[test]
fn forced_builds_and_drafts_are_never_final() {
    let mut value = flagship_json();
    value["rencana"]["program"][0]["kegiatan"][0]["kode"] = json!("4.5.9.1");
    let loaded = reparse(&value);
    assert!(matches!(build(&loaded, &BuildOptions::default(), &Renderer::new()), Err(BuildError::Plan(_))));
    let forced = build(&loaded, &BuildOptions { paksa: true, ..Default::default() }, &Renderer::new()).unwrap();
    assert!(!forced.final_);
    let texts = page_texts(&forced.document);
    assert!(texts.iter().all(|t| t.contains("TIDAK FINAL: MEMUAT GALAT")), "watermark on every page");

    let draft = build(
        &FLAGSHIP.0,
        &BuildOptions { tanda_air: Some("Rancangan Akhir".into()), ..Default::default() },
        &Renderer::new(),
    )
    .unwrap();
    assert!(!draft.final_);
    assert!(page_texts(&draft.document).iter().all(|t| t.contains("RANCANGAN AKHIR")));
}

#[test]
fn cli_writes_pdf_checksum_and_placement_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let output = assert_cmd::Command::cargo_bin("renja")
        .unwrap()
        .current_dir(crate::support::root())
        .args(["build", "--ttd", "elektronik", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    crate::support::qpdf_check(&out);
    let pdf = std::fs::read(&out).unwrap();
    assert!(dir.path().join("x.pdf.sha256").exists());
    let sidecar: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("x.ttd.json")).unwrap()).unwrap();
    assert_eq!(sidecar["pdf_sha256"], renja::files::sha256_hex(&pdf));
    assert_eq!(
        sidecar["rencana_sha256"],
        renja::files::sha256_hex(&std::fs::read(crate::support::flagship_path()).unwrap())
    );
    assert_eq!(sidecar["final"], true);
    assert_eq!(sidecar["renja_versi"], env!("CARGO_PKG_VERSION"));
    let kotak = &sidecar["tanda_tangan"][0];
    // Poppler's own reading of the PDF must put the tag inside the box.
    let bbox = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&out)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed: apt-get install poppler-utils");
    assert!(bbox.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&bbox.stderr));
    let html = String::from_utf8_lossy(&bbox.stdout);
    let pages: Vec<&str> = html.split("<page ").skip(1).collect();
    let page = pages[kotak["halaman"].as_u64().unwrap() as usize - 1];
    let height: f64 = attr(page, "height");
    let word = page.split("<word ").find(|w| w.contains(">^<")).expect("tag extractable by pdftotext");
    let (x0, x1) = (attr(word, "xMin"), attr(word, "xMax"));
    let (y0, y1) = (height - attr(word, "yMax"), height - attr(word, "yMin"));
    let f = |k: &str| kotak[k].as_f64().unwrap();
    assert!(x0 >= f("x") && x1 <= f("x") + f("lebar"), "x {x0}..{x1} vs {kotak}");
    assert!(y0 >= f("y") && y1 <= f("y") + f("tinggi"), "y {y0}..{y1} vs {kotak}");
    assert_eq!(html.matches(">^<").count(), 1);
}

fn attr(tag: &str, name: &str) -> f64 {
    let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}
