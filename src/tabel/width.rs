//! The page a table is set on and its columns' widths, decided before Typst lays the table
//! out: from the paper (`pengaturan.kertas`), the orientation, the margins, the text size
//! ([`super::ukuran_teks`]), the cell inset and the table face's own metrics
//! ([`crate::fonts::lebar_em_sans`]). Typst receives fixed widths and measures nothing.
//!
//! The rules, as a reader expects of a printed table:
//! - a column is never narrower than its widest whole word, which would run over its edge;
//! - a column of fixed width (`Lebar::Cm`) keeps it, the others share what is left by their
//!   fractions (`Lebar::Fr`), a column that needs more being fixed at its need and the rest
//!   shared again;
//! - when the page cannot hold the whole words (17 columns at 8 pt), the body's long words are
//!   cut where Indonesian allows ([`super::hyphenate`]: morphemes, syllables, names and units
//!   whole, the header whole), units at their syllables only when even that is too wide,
//!   every plain word, names and the header's too, only when that is still too wide, and the columns share the page by content, as a browser's automatic table layout
//!   does: each column between its widest piece and its longest line, in proportion to the room
//!   that line would want.

use crate::plan::Kertas;

/// Points per centimetre.
pub const CM: f64 = 72.0 / 2.54;
/// Points per millimetre.
const MM: f64 = CM / 10.0;

/// A page's margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margin {
    pub atas: f64,
    pub bawah: f64,
    pub kiri: f64,
    pub kanan: f64,
}

/// Margins after Tata Naskah Dinas: wider on the binding side. Portrait pages (the body text).
pub const MARGIN_TEGAK: Margin = Margin { atas: 2.5 * CM, bawah: 2.2 * CM, kiri: 3.0 * CM, kanan: 2.0 * CM };
/// Landscape pages (wide tables, the Daftar Perubahan).
pub const MARGIN_DATAR: Margin = Margin { atas: 3.0 * CM, bawah: 2.0 * CM, kiri: 2.0 * CM, kanan: 2.0 * CM };

/// A table cell's padding, in points: left and right, top and bottom.
pub const INSET_X: f64 = 3.0;
pub const INSET_Y: f64 = 3.5;

/// The paper, portrait: width and height in points. A4, and F4/folio (215 × 330 mm) as used in
/// many Indonesian offices.
pub fn kertas(kertas: Kertas) -> (f64, f64) {
    match kertas {
        Kertas::A4 => (210.0 * MM, 297.0 * MM),
        Kertas::F4 => (215.0 * MM, 330.0 * MM),
    }
}

/// The width a line of text has on a page of `kertas`: between the margins, in points.
pub fn bidang(kertas: Kertas, datar: bool) -> f64 {
    let (lebar, tinggi) = self::kertas(kertas);
    if datar { tinggi - MARGIN_DATAR.kiri - MARGIN_DATAR.kanan } else { lebar - MARGIN_TEGAK.kiri - MARGIN_TEGAK.kanan }
}

/// What a column needs, in points with its inset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Kebutuhan {
    /// A fixed width (`Lebar::Cm`), or None for a column that takes its share of the rest.
    pub tetap: Option<f64>,
    /// Its fraction of the rest (`Lebar::Fr`); unused for a fixed column.
    pub fr: f64,
    /// Its widest whole word.
    pub utuh: f64,
    /// Its widest piece when the body's long words are cut where Indonesian allows
    /// ([`super::hyphenate::Aturan::Ketat`]: names, units and the header whole).
    pub suku: f64,
    /// Its widest piece when units are cut at their syllables too
    /// ([`super::hyphenate::Aturan::Longgar`]), names and the header still whole: for a page
    /// that cannot hold the table otherwise.
    pub suku_longgar: f64,
    /// Its widest piece when every plain word, names and the header's too, is cut at its
    /// syllables ([`super::hyphenate::Aturan::Darurat`]): the last resort.
    pub suku_darurat: f64,
    /// Its longest line, unbroken.
    pub isi: f64,
}

/// Each column's width on a line `bidang` points wide.
pub fn lebar_kolom(kolom: &[Kebutuhan], bidang: f64) -> Vec<f64> {
    let mut tetap: Vec<Option<f64>> = kolom.iter().map(|k| k.tetap.map(|cm| cm.max(k.utuh))).collect();
    let bebas: Vec<usize> = (0..kolom.len()).filter(|&i| tetap[i].is_none()).collect();
    let sisa = bidang - tetap.iter().flatten().sum::<f64>();
    if bebas.iter().map(|&i| kolom[i].utuh).sum::<f64>() <= sisa {
        // Whole words fit: the free columns share the rest by their fractions; one whose share
        // is narrower than its widest word takes that width, and the others share again.
        loop {
            let sisa = bidang - tetap.iter().flatten().sum::<f64>();
            let pecahan: f64 = bebas.iter().filter(|&&i| tetap[i].is_none()).map(|&i| kolom[i].fr).sum();
            let sempit: Vec<usize> = bebas
                .iter()
                .copied()
                .filter(|&i| tetap[i].is_none() && sisa * kolom[i].fr / pecahan < kolom[i].utuh)
                .collect();
            if sempit.is_empty() {
                return tetap.iter().zip(kolom).map(|(w, k)| w.unwrap_or_else(|| sisa * k.fr / pecahan)).collect();
            }
            for i in sempit {
                tetap[i] = Some(kolom[i].utuh);
            }
        }
    }
    // Words must be cut: where Indonesian allows (names, units and the header whole); if even
    // then the columns are too wide, units at their syllables too; and only if that is still
    // too wide, every plain word, names and the header's words too.
    let jumlah = |f: fn(&Kebutuhan) -> f64| bebas.iter().map(|&i| f(&kolom[i])).sum::<f64>();
    let perlu: fn(&Kebutuhan) -> f64 = if jumlah(|k| k.suku) <= sisa {
        |k| k.suku
    } else if jumlah(|k| k.suku_longgar) <= sisa {
        |k| k.suku_longgar
    } else {
        |k| k.suku_darurat
    };
    let maks = |k: &Kebutuhan| k.isi.max(perlu(k));
    let jumlah_perlu = jumlah(perlu);
    let jumlah_maks = bebas.iter().map(|&i| maks(&kolom[i])).sum::<f64>();
    for &i in &bebas {
        let k = &kolom[i];
        tetap[i] = Some(if jumlah_maks <= sisa {
            maks(k) + (sisa - jumlah_maks) * (maks(k) / jumlah_maks)
        } else if jumlah_perlu >= sisa {
            perlu(k)
        } else {
            perlu(k) + (maks(k) - perlu(k)) * ((sisa - jumlah_perlu) / (jumlah_maks - jumlah_perlu))
        });
    }
    tetap.into_iter().map(|w| w.unwrap_or(0.0)).collect()
}

/// A point where a word that starts a line may be broken, measured in em: `awal` the word's
/// start with its hyphen, `sisa` the rest; `morfem` whether it is a morpheme boundary
/// ([`super::hyphenate::Jenis`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calon {
    pub awal: f64,
    pub sisa: f64,
    pub morfem: bool,
}

/// How much emptier, as a share of the line, a line ending at a morpheme boundary may be than
/// the fullest line a syllable break gives, and still be preferred.
pub const KELONGGARAN_MORFEM: f64 = 0.25;

/// Where a word that starts a line `muat` em wide is broken, once: at a point whose two pieces
/// each fit a line; of those, the one that fills the first line most, unless a morpheme
/// boundary leaves that line at most [`KELONGGARAN_MORFEM`] of its width emptier ("Ke-/wenangan"
/// rather than "Kewe-/nangan" when both fit; "Penyeleng-/garaan" rather than "Penye-/lenggaraan"
/// only where the line is so short that the morpheme leaves more than a quarter of it empty).
/// One soft hyphen a word, not one per syllable: Typst's line breaker would try each, and each
/// would stay in the PDF's text. None when no single break lets both pieces fit.
pub fn penggal(calon: &[Calon], muat: f64) -> Option<usize> {
    let muat_semua = |c: &&Calon| c.awal <= muat && c.sisa <= muat;
    let terpenuh = |morfem: bool| {
        calon
            .iter()
            .enumerate()
            .filter(|(_, c)| muat_semua(c) && (c.morfem || !morfem))
            .max_by(|a, b| a.1.awal.total_cmp(&b.1.awal))
    };
    let (i, c) = terpenuh(false)?;
    match terpenuh(true) {
        Some((m, cm)) if c.awal - cm.awal <= KELONGGARAN_MORFEM * muat => Some(m),
        _ => Some(i),
    }
}

/// `kata` (pieces `suku` between its break points, with their widths `em`, in em) broken for a
/// line `muat` em wide where one break is not enough: as many pieces on each line as fit with
/// their hyphen. Only for a column narrower than [`super::hyphenate::sisipkan`] allows.
pub fn penggal_rakus(suku: &[&str], em: &[f64], muat: f64, tanda_hubung_em: f64) -> String {
    let mut baris = 0.0;
    let mut keluar = String::new();
    for (j, s) in suku.iter().enumerate() {
        let hubung = if j + 1 < em.len() { tanda_hubung_em } else { 0.0 };
        if j > 0 && baris + em[j] + hubung > muat {
            keluar.push(super::hyphenate::TANDA_PENGGAL);
            baris = 0.0;
        }
        keluar.push_str(s);
        baris += em[j];
    }
    keluar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr(fr: f64, utuh: f64) -> Kebutuhan {
        Kebutuhan { tetap: None, fr, utuh, suku: utuh, suku_longgar: utuh, suku_darurat: utuh, isi: utuh }
    }

    #[test]
    fn paper_and_margins() {
        // A4 portrait: 210 mm less 3 + 2 cm = 16 cm; landscape: 297 mm less 2 + 2 cm = 25.7 cm.
        assert!((bidang(Kertas::A4, false) - 160.0 * MM).abs() < 1e-9);
        assert!((bidang(Kertas::A4, true) - 257.0 * MM).abs() < 1e-9);
        assert!((bidang(Kertas::F4, true) - 290.0 * MM).abs() < 1e-9);
    }

    #[test]
    fn fractions_share_the_rest_and_a_wide_word_is_fixed_at_its_need() {
        // 100 pt: a fixed 20 pt column, then 1 : 3 of 80 pt = 20 and 60.
        let kolom = [Kebutuhan { tetap: Some(20.0), ..fr(0.0, 10.0) }, fr(1.0, 5.0), fr(3.0, 5.0)];
        assert_eq!(lebar_kolom(&kolom, 100.0), vec![20.0, 20.0, 60.0]);
        // A fixed column widens to its word; a 1 fr column whose word needs 30 pt takes 30, the
        // other gets the remaining 50.
        let kolom = [Kebutuhan { tetap: Some(20.0), ..fr(0.0, 25.0) }, fr(1.0, 30.0), fr(3.0, 5.0)];
        assert_eq!(lebar_kolom(&kolom, 105.0), vec![25.0, 30.0, 50.0]);
    }

    #[test]
    fn without_room_for_whole_words_columns_share_by_content() {
        // Whole words need 60 + 60 > 100: the columns take their syllable minimum (20, 30) plus
        // a share of the rest in proportion to what their longest line would add (80 and 50).
        let a = Kebutuhan {
            tetap: None,
            fr: 1.0,
            utuh: 60.0,
            suku: 20.0,
            suku_longgar: 20.0,
            suku_darurat: 20.0,
            isi: 100.0,
        };
        let b = Kebutuhan {
            tetap: None,
            fr: 1.0,
            utuh: 60.0,
            suku: 30.0,
            suku_longgar: 30.0,
            suku_darurat: 30.0,
            isi: 80.0,
        };
        let w = lebar_kolom(&[a, b], 100.0);
        assert!((w[0] - (20.0 + 80.0 * 50.0 / 130.0)).abs() < 1e-9, "{w:?}");
        assert!((w[1] - (30.0 + 50.0 * 50.0 / 130.0)).abs() < 1e-9, "{w:?}");
        // Too narrow for the body's words cut where Indonesian allows: the next rule, then the
        // last, give the same shares.
        let longgar = lebar_kolom(&[Kebutuhan { suku: 80.0, ..a }, b], 100.0);
        assert_eq!(longgar, w);
        let darurat = lebar_kolom(&[Kebutuhan { suku: 80.0, suku_longgar: 80.0, ..a }, b], 100.0);
        assert_eq!(darurat, w);
    }

    #[test]
    fn a_word_is_cut_once_preferring_a_morpheme_not_much_worse() {
        // "Ke|we-nang|an", one em a letter and the hyphen: on a 6 em line "Ke-" (3) and "Kewe-"
        // (5) fit with their rest ("wenangan" 8 does not, "nangan" 6 does): only "Kewe-".
        let calon = |awal: f64, n: f64, morfem| Calon { awal: awal + 1.0, sisa: n - awal, morfem };
        let kewenangan = [calon(2.0, 10.0, true), calon(4.0, 10.0, false), calon(8.0, 10.0, true)];
        assert_eq!(penggal(&kewenangan, 6.0), Some(1));
        // On 8 em: "Ke-" (rest 8) fits and is 2 em emptier than "Kewe-", a quarter of the line:
        // the morpheme wins. On 9 em "Kewenang-" (9) and "an" fit: the fullest, a morpheme.
        assert_eq!(penggal(&kewenangan, 8.0), Some(0));
        assert_eq!(penggal(&kewenangan, 9.0), Some(2));
        // "pe-nye|leng-ga-ra|an" on 10.5 em: "penyeleng-" (10) against "penye-" (6), 4 em and
        // more than a quarter emptier: the syllable.
        let penyelenggaraan = [
            calon(2.0, 15.0, false),
            calon(5.0, 15.0, true),
            calon(9.0, 15.0, false),
            calon(11.0, 15.0, false),
            calon(13.0, 15.0, true),
        ];
        assert_eq!(penggal(&penyelenggaraan, 10.5), Some(2));
        // Too narrow for two lines: no single break.
        assert_eq!(penggal(&penyelenggaraan, 5.0), None);
    }

    #[test]
    fn a_word_too_long_for_two_lines_is_cut_where_each_line_must_break() {
        // "Pe|nye|leng|ga|ra|an" with widths 1 em each, 3 em a line (hyphen 0.3 em): "Penye-" fits
        // (2 + 0.3), a third syllable would not (3.3).
        let suku = ["Pe", "nye", "leng", "ga", "ra", "an"];
        let em = [1.0; 6];
        assert_eq!(penggal_rakus(&suku, &em, 3.0, 0.3), "Penye\u{ad}lengga\u{ad}raan");
        assert_eq!(penggal_rakus(&suku, &em, 10.0, 0.3), "Penyelenggaraan");
    }
}
