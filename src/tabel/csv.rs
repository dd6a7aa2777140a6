//! One RFC 4180 file per table.

use super::{Isi, Tabel};
use crate::format;

/// `NAMA-tabel-2.1.csv`.
pub fn nama_csv(stem: &str, tabel: &Tabel) -> String {
    format!("{stem}-tabel-{}.csv", tabel.nomor)
}

/// One table as RFC 4180 CSV (UTF-8, comma, CRLF).
pub fn csv(tabel: &Tabel) -> String {
    let mut out = String::new();
    let mut header = vec!["Jenis".to_owned()];
    header.extend(tabel.kolom.iter().map(|k| k.judul.clone()));
    header.push("Satuan".to_owned());
    csv_line(&header, &mut out);
    for b in &tabel.baris {
        let mut line = vec![b.jenis.label().to_owned()];
        line.extend(b.sel.iter().map(|s| teks_csv(&s.isi, tabel.desimal_persen)));
        line.push(b.satuan.clone().unwrap_or_default());
        csv_line(&line, &mut out);
    }
    out
}

fn teks_csv(isi: &Isi, desimal: u32) -> String {
    match isi {
        Isi::Kosong | Isi::TidakAda => String::new(),
        Isi::Teks(t) => t.clone(),
        Isi::Angka(v) | Isi::Rupiah(v) => v.normalize().to_string(),
        Isi::Persen(v) => {
            let mut rounded = format::bulatkan(*v, desimal);
            rounded.rescale(desimal);
            rounded.to_string()
        }
        Isi::TakTerdefinisi => "-".to_owned(),
    }
}

fn csv_line(fields: &[String], out: &mut String) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
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
    fn csv_quotes_only_what_needs_it() {
        let mut out = String::new();
        csv_line(&["a".into(), "b,c".into(), "say \"x\"".into(), "l1\nl2".into()], &mut out);
        assert_eq!(out, "a,\"b,c\",\"say \"\"x\"\"\",\"l1\nl2\"\r\n");
    }
}
