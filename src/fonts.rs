//! The vendored fonts: the only ones a document can use (no system fonts), embedded in the
//! binary and parsed once per process. `check` asks them which characters can be printed at all.

use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// In a fixed order, so font indices (and so the PDF bytes) are stable.
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../fonts/texgyrebonum-regular.otf"),
    include_bytes!("../fonts/texgyrebonum-bold.otf"),
    include_bytes!("../fonts/texgyrebonum-italic.otf"),
    include_bytes!("../fonts/texgyrebonum-bolditalic.otf"),
    include_bytes!("../fonts/texgyrebonum-math.otf"),
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
];

pub(crate) struct Fonts {
    pub(crate) book: LazyHash<FontBook>,
    pub(crate) fonts: Vec<Font>,
}

/// Parsed once per process and shared by every build (batch builds, watch).
pub(crate) static FONTS: LazyLock<Arc<Fonts>> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
    Arc::new(Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts })
});

/// Whether some vendored font has a glyph for `c`. Typst falls back to any font of the book for
/// a character the chosen one lacks; a character none has is a hole PDF/A does not allow.
/// Coverage tables are not enough: our fonts map U+FFFD to glyph 0, the "missing" box itself.
pub fn has_glyph(c: char) -> bool {
    (c.is_ascii() && !c.is_ascii_control()) || FACES.iter().any(|face| has(face, c))
}

fn has(face: &ttf_parser::Face, c: char) -> bool {
    face.glyph_index(c).is_some_and(|glyph| glyph.0 != 0)
}

/// The fonts' character maps, read straight from the embedded files (one face per file).
static FACES: LazyLock<Vec<ttf_parser::Face<'static>>> =
    LazyLock::new(|| FONT_FILES.iter().filter_map(|data| ttf_parser::Face::parse(data, 0).ok()).collect());

/// Characters that take no glyph of their own: line breaks and tabs (turned into layout) and
/// the invisible format characters (joiners, variation selectors, bidi marks, BOM) that shaping
/// removes or folds into their neighbours.
pub fn needs_no_glyph(c: char) -> bool {
    c.is_control()
        || matches!(
            c as u32,
            0x00AD | 0x034F | 0x061C | 0x180B..=0x180F | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x206F
                | 0xFE00..=0xFE0F | 0xFEFF | 0xE0000..=0xE0FFF
        )
}

/// The table face (Liberation Sans), regular and bold, for widths renja needs before Typst
/// lays a table out.
static SANS: LazyLock<[Option<ttf_parser::Face<'static>>; 2]> =
    LazyLock::new(|| [FONT_FILES[5], FONT_FILES[6]].map(|data| ttf_parser::Face::parse(data, 0).ok()));

/// A glyph and its advance, in font units.
type Glyph = (ttf_parser::GlyphId, u16);

/// A character's glyph in `face` and its advance, in font units; None where the face lacks it.
fn glyph_advance(face: &ttf_parser::Face, c: char) -> Option<Glyph> {
    let glyph = face.glyph_index(c).filter(|g| g.0 != 0)?;
    Some((glyph, face.glyph_hor_advance(glyph).unwrap_or(0)))
}

/// [`glyph_advance`] of the table face (regular, bold) for Latin characters (up to U+024F), read
/// once: measuring every cell's words for the column widths looks them up many times.
static SANS_LATIN: LazyLock<[Vec<Option<Glyph>>; 2]> = LazyLock::new(|| {
    [0, 1].map(|i| match &SANS[i] {
        Some(face) => (0..0x250u32).map(|u| char::from_u32(u).and_then(|c| glyph_advance(face, c))).collect(),
        None => Vec::new(),
    })
});

/// Printable ASCII, the characters whose kerning pairs [`SANS_KERN_ASCII`] holds.
const ASCII_AWAL: u32 = 0x20;
const ASCII_AKHIR: u32 = 0x7F;
const ASCII_N: usize = (ASCII_AKHIR - ASCII_AWAL) as usize;

/// The table face's pair kerning (regular, bold) between printable ASCII characters, in font
/// units, read once: the kerning subtables are searched for a pair of any other characters.
static SANS_KERN_ASCII: LazyLock<[Vec<i16>; 2]> = LazyLock::new(|| {
    [0, 1].map(|i| {
        let (Some(face), latin) = (&SANS[i], &SANS_LATIN[i]) else { return Vec::new() };
        let glyph = |u: u32| latin.get(u as usize).copied().flatten().map(|(g, _)| g);
        if let Some(out) = kern_ascii_format0(face, glyph) {
            return out;
        }
        let mut out = vec![0_i16; ASCII_N * ASCII_N];
        for a in ASCII_AWAL..ASCII_AKHIR {
            for b in ASCII_AWAL..ASCII_AKHIR {
                if let (Some(left), Some(right)) = (glyph(a), glyph(b)) {
                    out[(a - ASCII_AWAL) as usize * ASCII_N + (b - ASCII_AWAL) as usize] = kern_pair(face, left, right);
                }
            }
        }
        out
    })
});

/// The face's horizontal kerning of a glyph pair, in font units.
/// [`SANS_KERN_ASCII`] of one face read from its kerning pairs' lists, when every subtable
/// [`kern_pair`] searches is such a list (format 0): a pass over the pairs instead of a search
/// for each of the 9,025 pairs of characters. The first subtable holding a pair gives its value,
/// as in [`kern_pair`]. None for any other kind of subtable.
fn kern_ascii_format0(face: &ttf_parser::Face, glyph: impl Fn(u32) -> Option<ttf_parser::GlyphId>) -> Option<Vec<i16>> {
    let mut out = vec![0_i16; ASCII_N * ASCII_N];
    let Some(kern) = face.tables().kern else { return Some(out) };
    let mut lists = Vec::new();
    for t in kern.subtables.into_iter().filter(|t| t.horizontal && !t.variable && !t.has_cross_stream) {
        match t.format {
            ttf_parser::kern::Format::Format0(list) => lists.push(list),
            _ => return None,
        }
    }
    // Per glyph, the printable ASCII characters drawn with it.
    let mut chars: std::collections::HashMap<u16, Vec<usize>> = std::collections::HashMap::new();
    for u in ASCII_AWAL..ASCII_AKHIR {
        if let Some(g) = glyph(u) {
            chars.entry(g.0).or_default().push((u - ASCII_AWAL) as usize);
        }
    }
    // The last subtable first, so that an earlier one's value stands.
    for list in lists.iter().rev() {
        for pair in list.pairs {
            let (Some(a), Some(b)) = (chars.get(&pair.left().0), chars.get(&pair.right().0)) else { continue };
            for &a in a {
                for &b in b {
                    out[a * ASCII_N + b] = pair.value;
                }
            }
        }
    }
    Some(out)
}

fn kern_pair(face: &ttf_parser::Face, left: ttf_parser::GlyphId, right: ttf_parser::GlyphId) -> i16 {
    face.tables()
        .kern
        .and_then(|k| {
            k.subtables
                .into_iter()
                .filter(|t| t.horizontal && !t.variable && !t.has_cross_stream)
                .find_map(|t| t.glyphs_kerning(left, right))
        })
        .unwrap_or(0)
}

/// The width of `teks` set in the table face, in em: its glyphs' advances and the face's pair
/// kerning (its `kern` table, the pairs of its GPOS kerning), as Typst sets a line, which
/// kerns by default ("Ta" is 0.07 em narrower than its advances). A character the face lacks
/// counts half an em; a soft hyphen and the other invisible characters take no room.
pub fn lebar_em_sans(teks: &str, tebal: bool) -> f64 {
    let Some(face) = &SANS[usize::from(tebal)] else { return teks.chars().count() as f64 * 0.5 };
    let latin = &SANS_LATIN[usize::from(tebal)];
    let kern_ascii = &SANS_KERN_ASCII[usize::from(tebal)];
    let per_em = f64::from(face.units_per_em());
    let ascii = |c: char| (ASCII_AWAL..ASCII_AKHIR).contains(&(c as u32));
    let mut units = 0_i64;
    let mut halves = 0_usize;
    let mut prev: Option<(char, ttf_parser::GlyphId)> = None;
    for c in teks.chars().filter(|c| !needs_no_glyph(*c)) {
        let found = match latin.get(c as usize) {
            Some(known) => *known,
            None => glyph_advance(face, c),
        };
        let Some((glyph, advance)) = found else {
            halves += 1;
            prev = None;
            continue;
        };
        units += i64::from(advance);
        if let Some((a, left)) = prev {
            units += i64::from(if ascii(a) && ascii(c) && !kern_ascii.is_empty() {
                kern_ascii[(a as u32 - ASCII_AWAL) as usize * ASCII_N + (c as u32 - ASCII_AWAL) as usize]
            } else {
                kern_pair(face, left, glyph)
            });
        }
        prev = Some((c, glyph));
    }
    units as f64 / per_em + halves as f64 * 0.5
}

/// The height of the table face's capitals, in em (the top of a line as Typst sets it).
pub fn tinggi_kapital_sans() -> f64 {
    SANS[0].as_ref().and_then(|f| f.capital_height().map(|h| f64::from(h) / f64::from(f.units_per_em()))).unwrap_or(0.7)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sans_advances_are_the_faces() {
        // Liberation Sans has Arial's metrics: digits 0.556 em, "i" 0.222, "m" 0.833.
        assert!((lebar_em_sans("0", false) - 0.556).abs() < 0.001);
        assert!((lebar_em_sans("im", false) - (0.222 + 0.833)).abs() < 0.002);
        assert!(lebar_em_sans("Penyelenggaraan", true) > lebar_em_sans("Penyelenggaraan", false));
        // A soft hyphen takes no room.
        assert_eq!(lebar_em_sans("a\u{ad}b", false), lebar_em_sans("ab", false));
        // Pairs are kerned as Typst sets them: "Ta" is narrower than "T" and "a" apart.
        assert!(lebar_em_sans("Ta", false) < lebar_em_sans("T", false) + lebar_em_sans("a", false) - 0.05);
        assert_eq!(lebar_em_sans("ab", false), lebar_em_sans("a", false) + lebar_em_sans("b", false));
    }

    #[test]
    fn the_kerning_pairs_read_from_the_lists_are_the_searched_ones() {
        for i in [0, 1] {
            let face = SANS[i].as_ref().unwrap();
            let latin = &SANS_LATIN[i];
            let glyph = |u: u32| latin.get(u as usize).copied().flatten().map(|(g, _)| g);
            // The faces' subtables are lists: the table is read from them.
            let table = kern_ascii_format0(face, glyph).expect("format 0 subtables");
            assert!(table.iter().any(|&k| k != 0));
            for a in ASCII_AWAL..ASCII_AKHIR {
                for b in ASCII_AWAL..ASCII_AKHIR {
                    let searched = match (glyph(a), glyph(b)) {
                        (Some(left), Some(right)) => kern_pair(face, left, right),
                        _ => 0,
                    };
                    assert_eq!(table[(a - ASCII_AWAL) as usize * ASCII_N + (b - ASCII_AWAL) as usize], searched);
                }
            }
        }
    }

    #[test]
    fn the_ascii_kerning_table_holds_the_faces_own_pairs() {
        // Printable ASCII pairs (from the table) and pairs with a character outside it (from
        // the subtables) kern as the face's subtables say.
        for tebal in [false, true] {
            let face = SANS[usize::from(tebal)].as_ref().unwrap();
            for a in ' '..='~' {
                for b in ['a', 'T', 'V', 'o', '.', 'y', '7'] {
                    let (ga, _) = glyph_advance(face, a).unwrap();
                    let (gb, _) = glyph_advance(face, b).unwrap();
                    let pasangan = f64::from(kern_pair(face, ga, gb)) / f64::from(face.units_per_em());
                    let sendiri = lebar_em_sans(&a.to_string(), tebal) + lebar_em_sans(&b.to_string(), tebal);
                    let teks = format!("{a}{b}");
                    assert!((lebar_em_sans(&teks, tebal) - (sendiri + pasangan)).abs() < 1e-9, "{teks:?}");
                }
            }
            for (a, b) in [('À', 'V'), ('T', 'á'), ('é', 'y')] {
                let (ga, _) = glyph_advance(face, a).unwrap();
                let (gb, _) = glyph_advance(face, b).unwrap();
                let pasangan = f64::from(kern_pair(face, ga, gb)) / f64::from(face.units_per_em());
                let sendiri = lebar_em_sans(&a.to_string(), tebal) + lebar_em_sans(&b.to_string(), tebal);
                assert!((lebar_em_sans(&format!("{a}{b}"), tebal) - (sendiri + pasangan)).abs() < 1e-9, "{a}{b}");
            }
        }
    }

    #[test]
    fn printable_ascii_has_glyphs_in_every_text_font() {
        assert_eq!(FACES.len(), FONT_FILES.len());
        // The fast path in `has_glyph` takes printable ASCII for granted; every text font has it.
        for (face, font) in FACES.iter().zip(FONTS.fonts.iter()).filter(|(_, f)| !f.info().family.ends_with("Math")) {
            for c in ' '..='~' {
                assert!(has(face, c), "{c:?} in {}", font.info().family);
            }
        }
    }

    #[test]
    fn glyphs_of_the_document_and_holes() {
        for c in ['a', 'É', 'ñ', '–', '—', '“', '”', '€', '²', '½', '≤', 'ʹ'] {
            assert!(has_glyph(c), "{c:?}");
        }
        for c in ['\u{FFFD}', '中', '🤝', 'ب', '\u{10FFFF}'] {
            assert!(!has_glyph(c), "{c:?}");
        }
        assert!(needs_no_glyph('\n') && needs_no_glyph('\u{200B}') && !needs_no_glyph('a'));
    }
}
