//! Large tables typeset apart (`renja::document::segment`) print exactly what the whole layout
//! prints: the same pages, the same text at the same places, the same pixels, the same
//! signature boxes, and a layout the lint finds clean. Each case lowers the threshold so that
//! a document of test size has tables typeset in several parts.

use renja::document::segment::Batas;
use renja::document::{BuildOptions, Built, build};
use renja::plan::{Kertas, Ttd};
use renja::render::Renderer;
use renja::typeset::{page_texts, text_runs};

use crate::support::{FLAGSHIP, reparse};
use crate::tata_letak::{assert_clean, generator};

fn build_with(loaded: &renja::load::LoadedPlan, options: BuildOptions) -> Built {
    build(loaded, &options, &Renderer::new()).unwrap_or_else(|e| panic!("build failed: {e}"))
}

/// Builds `loaded` whole and with its tables of more than `batas.baris` rows typeset apart,
/// and compares the two.
fn same_as_whole(name: &str, loaded: &renja::load::LoadedPlan, options: BuildOptions, batas: Batas, apart: &[&str]) {
    let whole = build_with(
        loaded,
        BuildOptions { batas_segmen: Some(Batas { baris: usize::MAX, langkah: 1 }), ..options.clone() },
    );
    let parts = build_with(loaded, BuildOptions { batas_segmen: Some(batas), ..options });
    assert!(whole.apart.is_empty(), "{name}: nothing is typeset apart above usize::MAX rows");
    assert_eq!(parts.apart, apart, "{name}: the tables typeset apart");
    assert_eq!(parts.pages, whole.pages, "{name}: page count");
    let (texts, whole_texts) = (page_texts(&parts.document), page_texts(&whole.document));
    for (i, (a, b)) in texts.iter().zip(&whole_texts).enumerate() {
        assert_eq!(a, b, "{name}: the text of page {}", i + 1);
    }
    let (runs, whole_runs) = (text_runs(&parts.document), text_runs(&whole.document));
    assert_eq!(runs.len(), whole_runs.len(), "{name}: text runs");
    // The same place to a millionth of a point: the parts' pages sum a run's offsets through
    // one more group, which moves the last bit of a coordinate and nothing else.
    let moved = |a: &renja::typeset::TextRun, b: &renja::typeset::TextRun| {
        a.page != b.page
            || a.text != b.text
            || (a.x - b.x).abs() > 1e-6
            || (a.y - b.y).abs() > 1e-6
            || (a.width - b.width).abs() > 1e-6
    };
    if let Some((a, b)) = runs.iter().zip(&whole_runs).find(|(a, b)| moved(a, b)) {
        panic!("{name}: a text run moved: {a:?} laid out whole at {b:?}");
    }
    // The same pixels at 36 dpi, each channel to within 2 of 255: that last bit of a glyph's
    // position shades a few edge pixels one level apart; a moved row or rule changes them by
    // the whole range.
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(0.5), render_bleed: false };
    for (i, (a, b)) in parts.document.pages().iter().zip(whole.document.pages()).enumerate() {
        let (a, b) = (typst_render::render(a, &options), typst_render::render(b, &options));
        let far = a.data().iter().zip(b.data()).filter(|(x, y)| x.abs_diff(**y) > 2).count();
        assert!(
            a.width() == b.width() && far == 0,
            "{name}: page {} differs from the whole layout in {far} bytes",
            i + 1
        );
    }
    assert_eq!(parts.ttd, whole.ttd, "{name}: signature boxes");
    assert_clean(name, &parts.document);
}

/// The SIPD-era example: its 17-column Tabel 4.1 with nodes of several indicator lines, in
/// parts of 7 rows.
#[test]
fn sipd_era_tables_typeset_apart_print_as_laid_out_whole() {
    same_as_whole(
        "contoh Temanggung, bagian 7 baris",
        &crate::sipd::SIPD.0,
        BuildOptions::default(),
        Batas { baris: 12, langkah: 7 },
        &["2.1", "2.3", "3.1", "4.1"],
    );
}

/// A draft on A4: the watermark and the continuation captions fall on the parts' pages.
#[test]
fn a_draft_with_tables_typeset_apart_prints_as_laid_out_whole() {
    let plan = generator::generate(generator::Options { program: 6, kegiatan: 5, seed: 3 });
    same_as_whole(
        "rencana sintetis 6 × 5, draf A4",
        &reparse(&plan),
        BuildOptions { kertas: Some(Kertas::A4), tanda_air: Some("DRAF".into()), ..Default::default() },
        Batas { baris: 20, langkah: 13 },
        &["2.1", "2.2", "2.3", "3.1", "4.1"],
    );
}

/// The flagship, signed electronically (the statement in every footer), in parts of 2 rows:
/// a part that fits one page takes more rows.
#[test]
fn flagship_tables_typeset_apart_in_tiny_parts_print_as_laid_out_whole() {
    same_as_whole(
        "rencana utama, bagian 2 baris",
        &FLAGSHIP.0,
        BuildOptions { ttd: Some(Ttd::Elektronik), kertas: Some(Kertas::F4), ..Default::default() },
        Batas { baris: 4, langkah: 2 },
        &["2.1", "2.2", "2.3", "3.1", "4.1"],
    );
}
