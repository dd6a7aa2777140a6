//! One CSV file per table: RFC 4180 (comma, decimal point), or the dialect an Excel set to
//! Indonesian opens correctly (semicolon, decimal comma, UTF-8 byte-order mark).
//!
//! No text cell starts a formula: a spreadsheet evaluates a cell that begins with `=`, `+`, `-`,
//! `@`, a tab or a carriage return (CSV injection), so such text is written with a leading
//! apostrophe, which Excel and LibreOffice read as "this cell is text". Number cells are
//! written as numbers, a negative one with its minus sign.

use super::{Isi, Tabel};
use crate::format;

/// Which CSV a reader expects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum GayaCsv {
    /// RFC 4180: comma separator, decimal point (`1073384000`, `80.5`); for programs.
    #[default]
    Rfc4180,
    /// Excel with Indonesian regional settings: `;` separator, decimal comma (`80,5`), and a
    /// UTF-8 byte-order mark so that Excel reads the text as UTF-8.
    ExcelIndonesia,
}

impl GayaCsv {
    fn pemisah(self) -> char {
        match self {
            GayaCsv::Rfc4180 => ',',
            GayaCsv::ExcelIndonesia => ';',
        }
    }
}

/// `NAMA-tabel-2.1.csv`.
pub fn nama_csv(stem: &str, tabel: &Tabel) -> String {
    format!("{stem}-tabel-{}.csv", tabel.nomor)
}

/// One table as CSV (UTF-8, CRLF) in the given dialect.
pub fn csv(tabel: &Tabel, gaya: GayaCsv) -> String {
    let mut out = String::new();
    if gaya == GayaCsv::ExcelIndonesia {
        out.push('\u{FEFF}');
    }
    let mut header = vec!["Jenis".to_owned()];
    header.extend(tabel.kolom.iter().map(|k| k.judul.clone()));
    header.push("Satuan".to_owned());
    let header: Vec<String> = header.iter().map(|h| teks_aman(h)).collect();
    csv_line(&header, gaya, &mut out);
    for b in &tabel.baris {
        let mut line = vec![teks_aman(b.jenis.label())];
        line.extend(b.sel.iter().map(|s| teks_csv(&s.isi, tabel.desimal_persen, gaya)));
        line.push(teks_aman(b.satuan.as_deref().unwrap_or_default()));
        csv_line(&line, gaya, &mut out);
    }
    out
}

fn teks_csv(isi: &Isi, desimal: u32, gaya: GayaCsv) -> String {
    let angka = |text: String| match gaya {
        GayaCsv::Rfc4180 => text,
        GayaCsv::ExcelIndonesia => text.replace('.', ","),
    };
    match isi {
        Isi::Kosong | Isi::TidakAda => String::new(),
        Isi::Teks(t) => teks_aman(t),
        Isi::Angka(v) | Isi::Rupiah(v) => angka(v.normalize().to_string()),
        Isi::Persen(v) => {
            let mut rounded = format::bulatkan(*v, desimal);
            rounded.rescale(desimal);
            angka(rounded.to_string())
        }
        Isi::TakTerdefinisi => "-".to_owned(),
    }
}

/// Text as a spreadsheet reads it back as text: a leading apostrophe before a character that
/// would start a formula (`=`, `+`, `-`, `@`, tab, carriage return). A lone `-` (the tables'
/// "nothing here") starts no formula and stays as it is.
fn teks_aman(text: &str) -> String {
    let memicu = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if memicu && text != "-" { format!("'{text}") } else { text.to_owned() }
}

fn csv_line(fields: &[String], gaya: GayaCsv, out: &mut String) {
    let pemisah = gaya.pemisah();
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(pemisah);
        }
        if field.contains([pemisah, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_would_start_a_formula_gets_an_apostrophe() {
        for payload in
            ["=HYPERLINK(\"http://x\",\"klik\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
        {
            assert_eq!(teks_aman(payload), format!("'{payload}"));
        }
        assert_eq!(teks_aman("-"), "-");
        assert_eq!(teks_aman("Kecamatan Kepanjen = 1"), "Kecamatan Kepanjen = 1");
        assert_eq!(teks_aman("'=a"), "'=a");
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let mut out = String::new();
        csv_line(&["a".into(), "b,c".into(), "say \"x\"".into(), "l1\nl2".into()], GayaCsv::Rfc4180, &mut out);
        assert_eq!(out, "a,\"b,c\",\"say \"\"x\"\"\",\"l1\nl2\"\r\n");
        let mut out = String::new();
        csv_line(&["a;b".into(), "1,5".into()], GayaCsv::ExcelIndonesia, &mut out);
        assert_eq!(out, "\"a;b\";1,5\r\n");
    }
}
