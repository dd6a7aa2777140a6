//! Properties that hold for any input, not only for the fixtures: loading never panics and
//! always locates its complaint, numbers print and read back, totals are sums, and plan text
//! reaches the PDF literally.

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::Config;
use renja::compute::{Rasio, compute};
use renja::format::{angka, parse_angka};
use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::support::{FLAGSHIP_PDF, build_plan, flagship_json, reparse, root};

/// No regression files are written into the repository; a failure prints its minimal input.
fn cheap() -> Config {
    Config { cases: 256, failure_persistence: None, ..Config::default() }
}

/// Each case typesets a whole document (0.2–1 s).
fn typesetting() -> Config {
    Config {
        cases: 12,
        max_shrink_iters: 64,
        failure_persistence: None,
        rng_seed: crate::support::benih_typeset(),
        ..Config::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Loading

/// Keys of the plan, so that random objects sometimes look like parts of one.
const KEYS: &[&str] = &[
    "identitas",
    "tahun",
    "pemda",
    "rencana",
    "program",
    "kegiatan",
    "kode",
    "nama",
    "pagu",
    "target",
    "satuan",
    "nilai",
    "indikator",
    "evaluasi",
    "realisasi",
    "proyeksi",
    "tanggal",
    "isi",
    "bab_5",
    "$schema",
    "awal",
    "akhir",
];

fn json_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::sample::select(vec![0.5, -0.0, 1e-7, 5.067e6, 1e30, 1e300, f64::MAX, f64::MIN_POSITIVE, 2147483648.0])
            .prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "-?[0-9]{0,32}(\\.[0-9]{0,30})?".prop_map(Value::String),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}".prop_map(Value::String),
        prop::sample::select(KEYS).prop_map(|k| Value::String(k.to_owned())),
    ]
}

/// Any JSON value, at most six levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![prop::sample::select(KEYS).prop_map(str::to_owned), any::<String>()];
    json_leaf().prop_recursive(6, 96, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Replaces (or, with `None`, removes) the value that `choices` lead to inside `value`: each
/// choice picks a child (modulo their number) until the choices or the containers run out.
fn graft(value: &mut Value, choices: &[usize], new: Option<Value>) {
    let Some((&choice, rest)) = choices.split_first() else {
        *value = new.unwrap_or(Value::Null);
        return;
    };
    let descend = |child: &Value| !rest.is_empty() && matches!(child, Value::Object(_) | Value::Array(_));
    match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(choice % map.len()).unwrap().clone();
            if descend(&map[&key]) {
                graft(map.get_mut(&key).unwrap(), rest, new);
            } else if let Some(new) = new {
                map[&key] = new;
            } else {
                map.remove(&key);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = choice % items.len();
            if descend(&items[i]) {
                graft(&mut items[i], rest, new);
            } else if let Some(new) = new {
                items[i] = new;
            } else {
                items.remove(i);
            }
        }
        _ => *value = new.unwrap_or(Value::Null),
    }
}

/// Parses plan text and checks the outcome: a plan, or diagnostics that each point into the
/// text and render.
fn loads_or_locates(text: &str) -> Result<(), TestCaseError> {
    for diagnostic in renja::load::parse_str(text).err().into_iter().flatten() {
        let location = diagnostic.location.ok_or_else(|| TestCaseError::fail(format!("unlocated: {diagnostic:?}")))?;
        prop_assert!(location.line <= text.split('\n').count(), "line out of the text: {diagnostic:?}");
        let rendered = diagnostic.render(Path::new("plan.json"), text, false);
        let position = format!("plan.json:{}:{}", location.line, location.column);
        prop_assert!(rendered.contains(&position), "{position} missing from\n{rendered}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(cheap())]

    #[test]
    fn any_json_loads_or_fails_with_a_location(value in json_value(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) };
        loads_or_locates(&text.unwrap())?;
    }

    #[test]
    fn any_json_grafted_into_the_flagship_loads_or_fails_with_a_location(
        choices in prop::collection::vec(any::<usize>(), 1..9),
        new in prop::option::weighted(0.9, json_value()),
    ) {
        let mut plan = flagship_json();
        graft(&mut plan, &choices, new);
        loads_or_locates(&serde_json::to_string_pretty(&plan).unwrap())?;
    }

    #[test]
    fn any_bytes_spliced_into_the_flagship_load_or_fail_with_a_location(
        at in any::<prop::sample::Index>(),
        cut in 0usize..16,
        bytes in prop::collection::vec(any::<u8>(), 0..8),
    ) {
        let mut text = std::fs::read(root().join("plan.json")).unwrap();
        let start = at.index(text.len());
        let end = (start + cut).min(text.len());
        text.splice(start..end, bytes);
        match renja::load::parse_bytes(Path::new("plan.json"), &text) {
            Ok(_) => {}
            Err(renja::load::LoadError::Invalid { diagnostics, source, .. }) => {
                prop_assert!(!diagnostics.is_empty());
                for diagnostic in diagnostics {
                    prop_assert!(diagnostic.location.is_some(), "unlocated: {diagnostic:?}");
                    let rendered = diagnostic.render(Path::new("plan.json"), &source, false);
                    prop_assert!(rendered.contains("plan.json:"), "{rendered}");
                }
            }
            Err(other) => prop_assert!(false, "{other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Indonesian numbers

proptest! {
    #![proptest_config(cheap())]

    #[test]
    fn indonesian_numbers_read_back(mantissa in any::<i64>(), scale in 0u32..=6) {
        let x = Decimal::new(mantissa, scale);
        let text = angka(x);
        // Exactly up to DESIMAL_MAKS decimals; float noise beyond is rounded away, half-up.
        let shown = if scale <= renja::format::DESIMAL_MAKS { x } else { renja::format::bulatkan(x, renja::format::DESIMAL_MAKS) };
        prop_assert_eq!(parse_angka(&text), Some(shown.normalize()), "{} printed as {:?}", x, text);
    }
}

// ---------------------------------------------------------------------------------------------
// Derived figures

/// Columns 4, 5, 6, 7 and 9 of one Tabel 2.1 indicator, its kumulatif flag and polarity.
#[derive(Debug, Clone)]
struct Indikator {
    values: [Option<Decimal>; 5],
    kumulatif: Option<bool>,
    negatif: bool,
}

fn nilai() -> impl Strategy<Value = Option<Decimal>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(Decimal::ZERO)),
        7 => (0i64..10_000_000, 0u32..=3).prop_map(|(m, s)| Some(Decimal::new(m, s))),
    ]
}

fn indikator() -> impl Strategy<Value = Indikator> {
    (prop::array::uniform5(nilai()), prop::option::of(any::<bool>()), any::<bool>())
        .prop_map(|(values, kumulatif, negatif)| Indikator { values, kumulatif, negatif })
}

/// pagu, pagu_maju and the RKPD pagu of one kegiatan.
#[derive(Debug, Clone)]
struct Pagu {
    pagu: u64,
    maju: Option<u64>,
    rkpd: Option<u64>,
}

fn pagu() -> impl Strategy<Value = Pagu> {
    const MAX: u64 = 1_000_000_000_000;
    (0..=MAX, prop::option::of(0..=MAX), prop::option::of(0..=MAX)).prop_map(|(pagu, maju, rkpd)| Pagu {
        pagu,
        maju,
        rkpd,
    })
}

fn json_nilai(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, |d| Value::String(d.to_string()))
}

fn set_indikator(indikator: &mut Value, random: &Indikator) {
    const COLUMNS: [&str; 5] = ["target_renstra", "realisasi_sd_n3", "target_n2", "realisasi_n2", "target_n1"];
    for (column, value) in COLUMNS.iter().zip(random.values) {
        indikator[*column] = json_nilai(value);
    }
    indikator["kumulatif"] = random.kumulatif.map_or(Value::Null, Value::Bool);
    indikator["polaritas"] = Value::from(if random.negatif { "negatif" } else { "positif" });
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.sum()
}

fn sum_present(values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.flatten().fold(None, |acc, v| Some(acc.unwrap_or_default() + v))
}

/// Checks one Tabel 2.1 row against its random source columns; returns its col 8 rate.
fn check_row(
    row: &renja::compute::BarisEvaluasi,
    random: &Indikator,
    satuan: &str,
    what: &str,
) -> Result<(), TestCaseError> {
    let [renstra, sd_n3, _, realisasi_n2, target_n1] = random.values;
    let kumulatif = random.kumulatif.unwrap_or(satuan.trim() != "%");
    if kumulatif {
        let expected = sum_present([sd_n3, realisasi_n2, target_n1].into_iter());
        prop_assert_eq!(row.realisasi_sd_n1, expected, "{}: col 10 = 5+7+9", what);
        let (numerator, denominator) = if random.negatif { (renstra, expected) } else { (expected, renstra) };
        match row.capaian_renstra {
            Rasio::Nilai(v) => {
                let (n, d) = (numerator.unwrap(), denominator.unwrap());
                prop_assert!(!d.is_zero(), "{}: col 11 with a zero denominator", what);
                prop_assert_eq!(v, n / d * Decimal::ONE_HUNDRED, "{}: col 11", what);
            }
            Rasio::TakTerdefinisi => {
                prop_assert!(
                    numerator.is_none() || denominator.is_none_or(|d| d.is_zero()),
                    "{}: col 11 undefined",
                    what
                )
            }
            Rasio::TidakBerlaku => prop_assert!(false, "{}: col 11 of a cumulative row is not applicable", what),
        }
    } else {
        prop_assert_eq!(row.realisasi_sd_n1, target_n1.or(realisasi_n2).or(sd_n3), "{}: col 10 = latest", what);
        prop_assert_eq!(row.capaian_renstra, Rasio::TidakBerlaku, "{}: col 11", what);
    }
    Ok(())
}

proptest! {
    #![proptest_config(cheap())]

    #[test]
    fn totals_are_sums_and_rates_have_denominators(
        pagu in prop::collection::vec(pagu(), 64),
        indikator in prop::collection::vec(indikator(), 64),
    ) {
        let mut plan = flagship_json();
        // Tabel 4.1, 3.1 and 2.3: every kegiatan gets random amounts.
        let mut amounts = pagu.iter();
        let mut expected_programs = Vec::new();
        for program in plan["rencana"]["program"].as_array_mut().unwrap() {
            let mut mine = Vec::new();
            for kegiatan in program["kegiatan"].as_array_mut().unwrap() {
                let random = amounts.next().expect("at most 64 kegiatan").clone();
                kegiatan["pagu"] = Value::from(random.pagu);
                kegiatan["pagu_maju"] = random.maju.map_or(Value::Null, Value::from);
                match random.rkpd {
                    Some(p) => kegiatan["rkpd"] = serde_json::json!({ "pagu": p }),
                    None => {
                        kegiatan.as_object_mut().unwrap().remove("rkpd");
                    }
                }
                mine.push(random);
            }
            expected_programs.push(mine);
        }
        // Tabel 2.1: every indicator gets random columns, flags and polarity.
        let mut randoms = indikator.iter();
        let mut expected_rows = Vec::new();
        for program in plan["evaluasi"]["program"].as_array_mut().unwrap() {
            let own = randoms.next().expect("at most 64 rows").clone();
            set_indikator(&mut program["indikator"], &own);
            let mut rows = vec![(own, program["indikator"]["satuan"].as_str().unwrap().to_owned())];
            for kegiatan in program["kegiatan"].as_array_mut().unwrap() {
                let random = randoms.next().expect("at most 64 rows").clone();
                set_indikator(&mut kegiatan["indikator"], &random);
                rows.push((random, kegiatan["indikator"]["satuan"].as_str().unwrap().to_owned()));
            }
            expected_rows.push(rows);
        }

        let loaded = reparse(&plan);
        let computed = compute(&loaded.plan);

        let d = Decimal::from;
        prop_assert_eq!(computed.program.len(), expected_programs.len());
        for (i, (got, kegiatan)) in computed.program.iter().map(|h| &h.pagu).zip(&expected_programs).enumerate() {
            prop_assert_eq!(got.pagu, sum(kegiatan.iter().map(|k| d(k.pagu))), "program {} pagu", i);
            let maju = sum_present(kegiatan.iter().map(|k| k.maju.map(d)));
            prop_assert_eq!(got.pagu_maju, maju, "program {} pagu_maju", i);
            // No kegiatan with an RKPD pagu: no total (printed "-"), not 0.
            let rkpd = sum_present(kegiatan.iter().map(|k| k.rkpd.map(d)));
            prop_assert_eq!(got.pagu_rkpd, rkpd, "program {} pagu_rkpd", i);
        }
        prop_assert_eq!(computed.jumlah.pagu, sum(computed.program.iter().map(|h| &h.pagu).map(|p| p.pagu)), "JUMLAH pagu");
        let maju = sum_present(computed.program.iter().map(|h| &h.pagu).map(|p| p.pagu_maju));
        prop_assert_eq!(computed.jumlah.pagu_maju, maju, "JUMLAH pagu_maju");
        let rkpd = sum_present(computed.program.iter().map(|h| &h.pagu).map(|p| p.pagu_rkpd));
        prop_assert_eq!(computed.jumlah.pagu_rkpd, rkpd, "JUMLAH pagu_rkpd");

        prop_assert_eq!(computed.evaluasi.len(), expected_rows.len());
        for (i, (got, rows)) in computed.evaluasi.iter().zip(&expected_rows).enumerate() {
            let (own, satuan) = &rows[0];
            check_row(&got.program, own, satuan, &format!("program {i}"))?;
            let mut rates = Vec::new();
            for (j, (row, (random, satuan))) in got.kegiatan.iter().map(|k| &k.baris).zip(&rows[1..]).enumerate() {
                let what = format!("program {i} kegiatan {j}");
                check_row(row, random, satuan, &what)?;
                // Col 8: realisasi/target (negative polarity: target/realisasi), defined exactly
                // when both are there and the denominator is not zero.
                let [_, _, target, realisasi, _] = random.values;
                let (numerator, denominator) = if random.negatif { (target, realisasi) } else { (realisasi, target) };
                match (numerator, denominator.filter(|d| !d.is_zero())) {
                    (Some(n), Some(den)) => {
                        let rate = n / den * Decimal::ONE_HUNDRED;
                        prop_assert_eq!(row.tingkat_realisasi, Rasio::Nilai(rate), "{} col 8", what);
                        rates.push(rate);
                    }
                    _ => prop_assert_eq!(row.tingkat_realisasi, Rasio::TakTerdefinisi, "{} col 8", what),
                }
            }
            // A program's col 8 is the mean of its kegiatan's defined rates.
            let expected = if rates.is_empty() {
                Rasio::TakTerdefinisi
            } else {
                Rasio::Nilai(sum(rates.iter().copied()) / Decimal::from(rates.len()))
            };
            prop_assert_eq!(got.program.tingkat_realisasi, expected, "program {} col 8", i);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text in the PDF

/// The vendored fonts, to know which characters can be typeset at all.
static FONTS: LazyLock<Vec<typst::text::Font>> = LazyLock::new(|| {
    let mut fonts = Vec::new();
    for entry in std::fs::read_dir(root().join("fonts")).unwrap() {
        let path = entry.unwrap().path();
        if matches!(path.extension().and_then(|e| e.to_str()), Some("otf" | "ttf")) {
            let bytes = typst::foundations::Bytes::new(std::fs::read(&path).unwrap());
            fonts.extend(typst::text::Font::iter(bytes));
        }
    }
    assert!(!fonts.is_empty(), "no fonts in fonts/");
    fonts
});

/// Whether some vendored font has a glyph for `c`.
fn typesettable(c: char) -> bool {
    FONTS.iter().any(|font| font.info().coverage.contains(c as u32))
}

/// Whether a character, placed anywhere in plain text, is typeset and reads back as itself.
/// Left out, each a finding of its own:
/// - characters no vendored font has a glyph for, U+FFFD � among them (the fonts map it to their
///   "missing" box): PDF/A forbids a missing glyph, and `check` reports them
///   (`teks.karakter_tidak_tersedia`, cases 73 and 74 of tests/bad); U+20BF ₿ and U+0374 ʹ,
///   which a font has, failed the build in an earlier run of this property and stay out until
///   that is understood;
/// - combining marks: they join the character before them, which may come from another font or
///   from the template, and that font lacks the mark (the same PDF/A failure);
/// - right-to-left letters (Hebrew, Arabic, …) and bidirectional controls: the layout holds a
///   line in visual order, so the punctuation around a right-to-left word moves (`"` next to a
///   Hebrew letter comes out on its other side). `any::<String>()` produces no controls anyway:
///   they are format characters, like the zero-width ones Typst may drop.
fn reads_back(c: char) -> bool {
    let is_combining = |c: char| {
        matches!(
            c as u32,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
                | 0xFE20..=0xFE2F
        )
    };
    let combining = is_combining(c);
    // Bidirectional controls and zero-width characters are refused by `check` (hidden text).
    let bidi = matches!(
        c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF
            | 0x200B..=0x200F | 0x2060 | 0x202A..=0x202E | 0x2066..=0x2069
    );
    // Some texts print in capitals (the signer's name), so the capital must be typeset too.
    typesettable(c)
        && c.to_uppercase().all(|u| typesettable(u) && (u == c || !is_combining(u)))
        && !c.is_control()
        && !combining
        && !bidi
        && !['\u{20BF}', '\u{0374}', '\u{FFFD}'].contains(&c)
}

/// Up to 40 characters of any Unicode text that can be typeset, not blank.
fn plain_text() -> impl Strategy<Value = String> {
    any::<String>()
        .prop_map(|s| s.chars().filter(|c| reads_back(*c)).take(40).collect::<String>())
        .prop_filter("blank", |s| !s.trim().is_empty())
}

/// Like [`plain_text`], without Markdown or placeholder syntax, on one line.
fn prose_text() -> impl Strategy<Value = String> {
    plain_text()
        .prop_map(|s| s.chars().filter(|c| !"*_`[]<>#!\\{}|~&\n\r\u{2028}\u{2029}".contains(*c)).collect::<String>())
        .prop_filter("blank or a list marker", |s| {
            s.trim_start().chars().next().is_some_and(|c| !c.is_ascii_digit() && c != '-' && c != '+')
        })
}

/// The text without any whitespace. Table cells and the signature block are narrow, and Typst
/// wraps a long word at any break opportunity (after "-" or "/", between symbols or ideographs);
/// `page_texts` shows such a wrap as a line break where the plan has no space. So the comparison
/// ignores whitespace altogether: every other character must appear, in order, contiguously.
fn compact(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The flagship without anything that makes arbitrary text an error (a signing tag must not
/// occur in other text).
fn base_plan() -> Value {
    let mut plan = flagship_json();
    if let Some(ttd) = plan["penandatangan"].get_mut("ttd_elektronik").and_then(Value::as_object_mut) {
        ttd.remove("tag");
    }
    plan
}

proptest! {
    #![proptest_config(typesetting())]

    #[test]
    fn plain_text_reaches_the_pdf_literally(
        nama in plain_text(),
        lokasi in plain_text(),
        penandatangan in plain_text(),
        isi in prose_text(),
    ) {
        let mut plan = base_plan();
        plan["rencana"]["program"][0]["kegiatan"][1]["nama"] = Value::from(nama.as_str());
        plan["rencana"]["program"][0]["kegiatan"][1]["lokasi"] = Value::from(lokasi.as_str());
        plan["penandatangan"]["nama"] = Value::from(penandatangan.as_str());
        plan["bab_5"]["isi"] = Value::from(isi.as_str());
        let built = build_plan(&reparse(&plan));
        let text = compact(&renja::typeset::page_texts(&built.document).join("\n"));
        let fields =
            [("kegiatan nama", &nama), ("lokasi", &lokasi), ("penandatangan", &penandatangan), ("bab_5.isi", &isi)];
        for (field, value) in fields {
            // A kepala daerah (no NIP) signs in capitals.
            let shown = if field == "penandatangan" { value.to_uppercase() } else { value.to_string() };
            prop_assert!(text.contains(&compact(&shown)), "{} {:?} not found literally", field, value);
        }
        let pages = FLAGSHIP_PDF.pages;
        prop_assert!(built.pages.abs_diff(pages) <= 2, "{} pages, flagship has {}", built.pages, pages);
    }
}
