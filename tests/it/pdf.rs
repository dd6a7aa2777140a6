//! The produced PDF: figures, layout, fonts, PDF/A, determinism, literal text.

use renja::typeset::{is_landscape, page_texts};
use serde_json::json;

use crate::support::{FLAGSHIP, FLAGSHIP_PDF, all_text, build_plan, flagship_json, reparse};

/// Figures of the reference's tables, as the reference prints them (Indonesian format).
const FIGURES: &[&str] = &[
    "1.073.384.000",
    "1.435.410.925",
    "1.304.919.050",
    "346.523.000",
    "93.255.000",
    "9.048.000",
    "624.558.000",
    "463.395.025",
    "124.708.600",
    "12.100.000",
    "835.207.300",
    "421.268.250",
    "113.371.450",
    "11.000.000",
    "759.279.350",
    "5.067.000",
    "405.282.000",
    "6.776.000",
    "492.704.200",
    "3.715 Buah",
    "27.840 HOK",
    "7.875 Buah",
    "55.680 HOK",
    "94%",
    "138%",
    "114%",
    "104%",
    "99%",
    "47%",
    "22%",
    "10%",
    "88 KS/PKS",
    "8 = (7/6)",
    "10 = (5+7+9)",
    "11 = (10/4)",
    "NIHIL",
];

#[test]
fn every_reference_figure_appears() {
    let text = all_text(&FLAGSHIP_PDF);
    let missing: Vec<_> = FIGURES.iter().filter(|f| !text.contains(**f)).collect();
    assert!(missing.is_empty(), "missing {missing:?}");
}

#[test]
fn the_reference_contents_appear_in_order() {
    let text = all_text(&FLAGSHIP_PDF);
    let order = [
        "LAMPIRAN",
        "KEPUTUSAN BUPATI MALANG",
        "188.45/ /KEP/35.07.013/2018",
        "BAB I",
        "PENDAHULUAN",
        "1.1",
        "KETERKAITAN ANTAR DOKUMEN PERENCANAAN",
        "1.4",
        "BAB II",
        "Tabel 2.1",
        "Tabel 2.2",
        "Tabel 2.3",
        "Tabel 2.4",
        "BAB III",
        "3.3.1",
        "3.3.2",
        "Tabel 3.1",
        "BAB IV",
        "Tabel 4.1",
        "BAB V",
        "BUPATI MALANG,",
        "H. RENDRA KRESNA",
        "POHON KINERJA",
        "INDIKATOR KINERJA UTAMA",
    ];
    let mut from = 0;
    for needle in order {
        let at = text[from..].find(needle).unwrap_or_else(|| panic!("{needle:?} missing after byte {from}"));
        from += at + needle.len();
    }
}

/// The flagship's tables with the column-number row their header ends with.
const NUMBER_ROWS: [(&str, &str); 5] = [
    ("Tabel 2.1", "8 = (7/6)"),
    ("Tabel 2.2", "1 2 3 4 5 6 7 8 9 10 11 12 13"),
    ("Tabel 2.3", "1 2 3 4 5 6 7 8 9 10 11 12"),
    ("Tabel 3.1", "1 2 3 4 5 6 7 8 9 10"),
    ("Tabel 4.1", "1 2 3 4 5 6 7 8"),
];

/// The numbers (from 1) of the pages a table fills: the first holds its caption (under the
/// sentence introducing the table, which goes with it), `(lanjutan)` opens each further one.
fn pages_of(texts: &[String], caption: &str) -> Vec<usize> {
    let continued = format!("{caption} (lanjutan)");
    texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.lines().next() == Some(continued.as_str()) || t.lines().any(|line| line == caption))
        .map(|(i, _)| i + 1)
        .collect()
}

#[test]
fn tables_sit_on_landscape_pages_and_prose_on_portrait() {
    let built = &*FLAGSHIP_PDF;
    let texts = page_texts(&built.document);
    let pages = built.document.pages();
    let tables: Vec<usize> = NUMBER_ROWS.iter().flat_map(|(caption, _)| pages_of(&texts, caption)).collect();
    assert!(tables.len() >= NUMBER_ROWS.len(), "table pages: {tables:?}");
    for (i, (page, text)) in pages.iter().zip(&texts).enumerate() {
        let first = text.lines().next().unwrap_or("");
        if tables.contains(&(i + 1)) {
            assert!(is_landscape(page), "page {} ({first}) holds a table and is portrait", i + 1);
        } else {
            assert!(!is_landscape(page), "page {} ({first}) holds no table and is landscape", i + 1);
        }
    }
    // The prose pages this means include the opening of Bab I and its 1.1 Latar Belakang.
    let bab_1 = texts.iter().position(|t| t.contains("BAB I\n") && t.contains("1.1 Latar Belakang"));
    assert!(bab_1.is_some_and(|i| !is_landscape(&pages[i])), "Bab I opens on page {bab_1:?}");
}

#[test]
fn header_and_number_rows_repeat_on_every_page_of_a_table() {
    let texts = page_texts(&FLAGSHIP_PDF.document);
    for (caption, number_row) in NUMBER_ROWS {
        let pages = pages_of(&texts, caption);
        // Every table of the flagship is longer than a page, so each has a continuation page.
        assert!(pages.len() >= 2, "{caption} fills pages {pages:?}");
        assert!(pages.windows(2).all(|w| w[1] == w[0] + 1), "{caption} fills pages {pages:?}, not in a run");
        assert!(texts[pages[0] - 1].lines().any(|line| line == caption), "{caption} opens with its caption");
        for page in &pages {
            let text = &texts[page - 1];
            assert!(
                text.lines()
                    .any(|line| line.trim_end() == number_row || line.contains(number_row) && number_row.contains('=')),
                "page {page} of {caption} lacks the number row {number_row:?}"
            );
        }
    }
    // Tabel 2.1's header also repeats its column titles and the sum rule of column 10.
    for page in pages_of(&texts, "Tabel 2.1") {
        let text = &texts[page - 1];
        assert!(text.contains("Perkiraan Realisasi") && text.contains("10 = (5+7+9)"), "page {page}");
    }
}

#[test]
fn fonts_are_embedded_and_pdf_a_is_declared() {
    let pdf = lopdf::Document::load_mem(&FLAGSHIP_PDF.pdf).unwrap();
    let mut fonts = 0;
    for object in pdf.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
            fonts += 1;
            assert!(
                dict.has(b"FontFile") || dict.has(b"FontFile2") || dict.has(b"FontFile3"),
                "font not embedded: {:?}",
                dict.get(b"FontName")
            );
        }
    }
    assert!(fonts >= 2, "expected serif and sans fonts, found {fonts}");
    let xmp = String::from_utf8_lossy(&FLAGSHIP_PDF.pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "no PDF/A part");
    assert!(xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "no PDF/A conformance");
    assert!(
        xmp.contains("Rencana Kerja Bagian Administrasi Kerja Sama Sekretariat Daerah Kabupaten Malang Tahun 2019")
    );
}

#[test]
fn identical_input_gives_identical_bytes() {
    let again = build_plan(&FLAGSHIP.0);
    assert!(again.pdf == FLAGSHIP_PDF.pdf, "two builds differ");
}

#[test]
fn one_more_million_moves_every_total_that_contains_it() {
    let mut value = flagship_json();
    let pagu = value["rencana"]["program"][0]["kegiatan"][0]["pagu"].as_u64().unwrap();
    value["rencana"]["program"][0]["kegiatan"][0]["pagu"] = json!(pagu + 1_000_000);
    let text = all_text(&build_plan(&reparse(&value)));
    // Program total and JUMLAH in Tabel 2.3 (hasil analisis), 3.1 and 4.1.
    assert_eq!(text.matches("347.523.000").count(), 3, "program total");
    assert_eq!(text.matches("1.074.384.000").count(), 3, "JUMLAH");
    assert_eq!(text.matches("6.067.000").count(), 3, "kegiatan pagu");
    assert!(!text.contains("1.073.384.000"));
    assert!(!text.contains("346.523.000"));
}

const PLAIN_INJECTION: &str = "#read(\"/etc/hostname\") *x* $y$ {{ z }} {% if %} @ref <l> \\ ` ~";
const PROSE_INJECTION: &str = "#read(\"/etc/hostname\") $y$ @ref #{1+1}";

#[test]
fn plan_text_is_always_literal() {
    let mut value = flagship_json();
    value["identitas"]["perangkat_daerah"] = json!(format!("Dinas {PLAIN_INJECTION}"));
    value["rencana"]["program"][0]["kegiatan"][0]["nama"] = json!(PLAIN_INJECTION);
    value["rencana"]["program"][0]["kegiatan"][0]["lokasi"] = json!("</table> <b>x</b> {# c #}");
    value["evaluasi"]["program"][0]["kegiatan"][0]["indikator"]["uraian"] = json!(PLAIN_INJECTION);
    value["penandatangan"]["nama"] = json!(PLAIN_INJECTION);
    value["bab_5"]["isi"] = json!(PROSE_INJECTION);
    value["bab_1"]["landasan_hukum"]["isi"] = json!(format!("1. {PROSE_INJECTION}"));
    let built = build_plan(&reparse(&value));
    let text = all_text(&built);
    // Cells wrap; compare with runs of whitespace collapsed, as a reader would.
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [PLAIN_INJECTION, PROSE_INJECTION, "</table> <b>x</b> {# c #}"] {
        let around = collapsed
            .find(&needle[..5])
            .map_or("", |i| &collapsed[i.saturating_sub(40)..(i + 120).min(collapsed.len())]);
        assert!(collapsed.contains(needle), "{needle:?} not literal; found {around:?}");
    }
}

#[test]
fn folio_paper_is_215_by_330_mm() {
    let options = renja::document::BuildOptions { kertas: Some(renja::plan::Kertas::F4), ..Default::default() };
    let built = renja::document::build(&FLAGSHIP.0, &options, &renja::render::Renderer::new()).unwrap();
    let mm = |pt: f64| pt / 72.0 * 25.4;
    let sizes: Vec<(i64, i64)> = built
        .document
        .pages()
        .iter()
        .map(|p| (mm(p.frame.width().to_pt()).round() as i64, mm(p.frame.height().to_pt()).round() as i64))
        .collect();
    assert_eq!(sizes[0], (215, 330));
    assert!(sizes.contains(&(330, 215)), "landscape folio pages for the tables");
    assert!(sizes.iter().all(|s| *s == (215, 330) || *s == (330, 215)));
}
