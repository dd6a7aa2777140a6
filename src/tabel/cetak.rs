//! A cell as the document prints it: the one place a table's figures become Indonesian text
//! (`1.073.384.000`, `94%`, `93,6%`, `1.325 Surat`, `-`). The PDF and `renja diff` print
//! through it; the workbook keeps numbers as numbers and CSV/JSON as plain decimals.

use std::borrow::Cow;

use super::{Isi, Sel};
use crate::format;

/// The text of a cell in a row whose values are in `satuan`, with percentages rounded half-up
/// to `desimal` decimals.
pub fn teks<'a>(isi: &'a Isi, satuan: Option<&str>, desimal: u32) -> Cow<'a, str> {
    match isi {
        Isi::Kosong => Cow::Borrowed(""),
        Isi::TidakAda | Isi::TakTerdefinisi => Cow::Borrowed("-"),
        Isi::Teks(t) => Cow::Borrowed(t),
        Isi::Angka(v) => Cow::Owned(format::nilai(*v, satuan.unwrap_or(""))),
        Isi::Rupiah(v) => Cow::Owned(format::rupiah(*v)),
        Isi::Persen(v) => Cow::Owned(format::persen(*v, desimal)),
    }
}

/// A cell's text as a key part: its text, or its printed figure in no unit.
pub(crate) fn teks_sel(sel: &Sel) -> String {
    teks(&sel.isi, None, 0).into_owned()
}

/// [`teks`] of a cell.
pub fn sel<'a>(sel: &'a Sel, satuan: Option<&str>, desimal: u32) -> Cow<'a, str> {
    teks(&sel.isi, satuan, desimal)
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;

    #[test]
    fn figures_print_the_indonesian_way() {
        assert_eq!(teks(&Isi::Rupiah(Decimal::new(1_073_384_000, 0)), None, 0), "1.073.384.000");
        assert_eq!(teks(&Isi::Angka(Decimal::new(1325, 0)), Some("Surat"), 0), "1.325 Surat");
        assert_eq!(teks(&Isi::Persen(Decimal::new(9355, 2)), None, 1), "93,6%");
        assert_eq!(teks(&Isi::Persen(Decimal::new(935, 1)), None, 0), "94%");
        assert_eq!(teks(&Isi::TakTerdefinisi, None, 0), "-");
        assert_eq!(teks(&Isi::TidakAda, Some("Buah"), 0), "-");
        assert_eq!(teks(&Isi::Kosong, Some("Buah"), 0), "");
    }
}
