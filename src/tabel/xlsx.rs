//! The workbook: one sheet per table with the PDF's merged multi-row headers, Indonesian number
//! formats, and every derived cell a live formula whose cached result is the engine's figure.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::{Isi, JenisBaris, Rata, Rumus, Sel, Tabel};
use crate::format;
use crate::plan::{Kertas, Plan};
use crate::tanggal::DocumentDate;

/// What the workbook says about itself beyond the tables.
#[derive(Debug, Clone)]
pub struct InfoBuku {
    pub judul: String,
    pub penulis: String,
    /// The creation date stored in the file (never the clock, so the same plan gives the same
    /// bytes).
    pub tanggal: DocumentDate,
    /// False for a plan with errors exported anyway: every sheet says so under its caption.
    pub final_: bool,
    pub kertas: Kertas,
}

impl InfoBuku {
    pub fn of(plan: &Plan, tanggal: DocumentDate, final_: bool) -> InfoBuku {
        let id = &plan.identitas;
        InfoBuku {
            judul: format!("Tabel Rencana Kerja {} {} Tahun {}", id.perangkat_daerah, id.pemda, id.tahun),
            penulis: id.perangkat_daerah.clone(),
            tanggal,
            final_,
            kertas: plan.pengaturan.kertas,
        }
    }
}

/// The line every sheet carries under its caption when the plan has errors.
pub const TIDAK_FINAL: &str = "TIDAK FINAL: rencana memuat galat";

/// Excel's limits: the text of one cell, the text of one formula, the arguments of a function.
const MAKS_TEKS: usize = 32_767;
const MAKS_RUMUS: usize = 8_192;
const MAKS_ARGUMEN: usize = 255;

const WARNA_KEPALA: u32 = 0xD7D7D7;
const WARNA_PROGRAM: u32 = 0xE8E8E8;
const HURUF: &str = "Arial";
/// Points per line of 10-point text.
const TINGGI_BARIS: f64 = 12.75;

/// The workbook of every table, as bytes.
pub fn xlsx(tabel: &[Tabel], info: &InfoBuku) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let t = info.tanggal;
    let created = u16::try_from(t.year)
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, t.month, t.day).ok())
        .map_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1), Ok)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&info.judul)
            .set_author(&info.penulis)
            .set_comment("Disusun oleh renja; sel turunan adalah rumus")
            .set_creation_datetime(&created),
    );
    for tabel in tabel {
        let sheet = workbook.add_worksheet();
        sheet.set_name(format!("Tabel {}", tabel.nomor))?;
        tulis_lembar(sheet, tabel, info)?;
    }
    workbook.save_to_buffer()
}

fn dasar() -> Format {
    Format::new().set_font_name(HURUF).set_font_size(10)
}

fn bingkai() -> Format {
    dasar().set_border(FormatBorder::Thin).set_align(FormatAlign::Top)
}

/// Lines a text needs in a cell `lebar` units wide (the width of Calibri 11's "0", Excel's
/// unit), wrapped at spaces: an estimate, since a file cannot ask the viewer to fit its rows.
fn baris_teks(teks: &str, lebar: f64, tebal: bool) -> usize {
    // 10-point Arial is narrower than the unit; bold text less so; the cell pads both sides.
    let cap = (((lebar - 1.0) * if tebal { 1.15 } else { 1.25 }).max(1.0)) as usize;
    teks.split('\n')
        .map(|line| {
            let (mut lines, mut used) = (1, 0);
            for word in line.split_whitespace() {
                let w = word.chars().count();
                if used > 0 && used + 1 + w <= cap {
                    used += 1 + w;
                    continue;
                }
                if used > 0 {
                    lines += 1;
                }
                // A word longer than the line breaks anywhere.
                lines += (w.max(1) - 1) / cap;
                used = (w.max(1) - 1) % cap + 1;
            }
            lines
        })
        .sum()
}

/// Column widths: the model's, widened where a figure with its unit would not fit (a number
/// never wraps: Excel shows ### instead).
fn lebar_kolom(tabel: &Tabel) -> Vec<f64> {
    let d = tabel.desimal_persen;
    tabel
        .kolom
        .iter()
        .enumerate()
        .map(|(c, k)| {
            let longest = tabel
                .baris
                .iter()
                .filter_map(|b| {
                    let text = match b.sel[c].isi {
                        Isi::Angka(v) => format::nilai(v, b.satuan.as_deref().unwrap_or("")),
                        Isi::Rupiah(v) => format::rupiah(v),
                        Isi::Persen(v) => format::persen(v, d),
                        _ => return None,
                    };
                    Some(text.chars().count())
                })
                .max()
                .unwrap_or(0);
            k.lebar_xlsx.max(longest as f64 * 1.1 + 2.0).min(60.0)
        })
        .collect()
}

fn tinggi(lines: usize) -> f64 {
    (lines.max(1) as f64 * TINGGI_BARIS + 3.0).min(409.0)
}

fn potong(teks: &str) -> &str {
    match teks.char_indices().nth(MAKS_TEKS) {
        Some((i, _)) => &teks[..i],
        None => teks,
    }
}

fn row_num(r: usize) -> Result<u32, XlsxError> {
    u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)
}

fn col_num(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn tulis_lembar(sheet: &mut Worksheet, tabel: &Tabel, info: &InfoBuku) -> Result<(), XlsxError> {
    let n = tabel.kolom.len();
    let last = col_num(n - 1)?;
    let lebar = lebar_kolom(tabel);
    let lebar_total: f64 = lebar.iter().sum();
    for (c, w) in lebar.iter().enumerate() {
        sheet.set_column_width(col_num(c)?, *w)?;
    }

    // Caption: "Tabel 2.1", its lines, and the not-final warning, each across the table.
    let mut r: u32 = 0;
    let mut caption = vec![format!("Tabel {}", tabel.nomor)];
    caption.extend(tabel.judul.iter().cloned());
    if !info.final_ {
        caption.push(TIDAK_FINAL.to_owned());
    }
    let f_judul = dasar().set_bold().set_font_size(11).set_align(FormatAlign::Center).set_text_wrap();
    for line in &caption {
        sheet.merge_range(r, 0, r, last, potong(line), &f_judul)?;
        sheet.set_row_height(r, tinggi(baris_teks(line, lebar_total, true)).max(15.0))?;
        r += 1;
    }
    r += 1;

    // Header: merged like the PDF's, then the row of column numbers.
    let top = r;
    let f_kepala = bingkai()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap()
        .set_background_color(Color::RGB(WARNA_KEPALA));
    let mut lines = vec![1usize; tabel.tinggi_kepala];
    for k in &tabel.kepala {
        let (r0, c0) = (top + row_num(k.baris)?, col_num(k.kolom)?);
        let (r1, c1) = (r0 + row_num(k.tinggi - 1)?, c0 + col_num(k.lebar - 1)?);
        if r0 == r1 && c0 == c1 {
            sheet.write_string_with_format(r0, c0, &k.teks, &f_kepala)?;
        } else {
            sheet.merge_range(r0, c0, r1, c1, &k.teks, &f_kepala)?;
        }
        let width: f64 = lebar[k.kolom..k.kolom + k.lebar].iter().sum();
        let need = baris_teks(&k.teks, width, true).div_ceil(k.tinggi);
        for l in &mut lines[k.baris..k.baris + k.tinggi] {
            *l = (*l).max(need);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        sheet.set_row_height(top + row_num(i)?, tinggi(*l))?;
    }
    r = top + row_num(tabel.tinggi_kepala)?;
    let f_nomor =
        bingkai().set_font_size(8).set_align(FormatAlign::Center).set_background_color(Color::RGB(WARNA_KEPALA));
    for (c, k) in tabel.kolom.iter().enumerate() {
        sheet.write_string_with_format(r, col_num(c)?, &k.nomor, &f_nomor)?;
    }
    r += 1;
    sheet.set_freeze_panes(r, 0)?;
    sheet.set_repeat_rows(top, r - 1)?;

    let data_top = r;
    let mut i = 0;
    while i < tabel.baris.len() {
        let b = &tabel.baris[i];
        let sr = data_top + row_num(i)?;
        let tebal = !matches!(b.jenis, JenisBaris::Kegiatan | JenisBaris::SubKegiatan);
        let isian = (b.jenis == JenisBaris::Program).then_some(WARNA_PROGRAM);
        match b.jenis {
            JenisBaris::Kelompok | JenisBaris::Nihil => {
                let teks = Sel::teks_isi(&b.sel[0]);
                let mut f = bingkai().set_bold().set_text_wrap();
                if b.jenis == JenisBaris::Nihil {
                    f = f.set_align(FormatAlign::Center);
                }
                sheet.merge_range(sr, 0, sr, last, potong(teks), &f)?;
                sheet.set_row_height(sr, tinggi(baris_teks(teks, lebar_total, true)))?;
            }
            JenisBaris::Urusan => {
                tulis_sel(sheet, tabel, data_top, i, 0, tebal, isian)?;
                let teks = Sel::teks_isi(&b.sel[1]);
                sheet.merge_range(sr, 1, sr, last, potong(teks), &bingkai().set_bold().set_text_wrap())?;
                sheet.set_row_height(sr, tinggi(baris_teks(teks, lebar_total - lebar[0], true)))?;
            }
            JenisBaris::Jumlah => {
                // The label spans every column up to the first figure.
                let span = b.sel.iter().skip(1).position(|s| s.isi != Isi::Kosong).map_or(n, |p| p + 1);
                let f = bingkai().set_bold().set_align(FormatAlign::Center);
                if span > 1 {
                    sheet.merge_range(sr, 0, sr, col_num(span - 1)?, potong(Sel::teks_isi(&b.sel[0])), &f)?;
                } else {
                    sheet.write_string_with_format(sr, 0, potong(Sel::teks_isi(&b.sel[0])), &f)?;
                }
                for c in span..n {
                    tulis_sel(sheet, tabel, data_top, i, c, tebal, isian)?;
                }
            }
            JenisBaris::Bidang | JenisBaris::Program | JenisBaris::Kegiatan | JenisBaris::SubKegiatan => {
                // Continuation lines below this one (Tabel 2.2's units) share its text cells.
                let extra = tabel.baris[i + 1..].iter().take_while(|x| x.lanjutan).count();
                let mut merged = 1;
                for (c, k) in tabel.kolom.iter().enumerate() {
                    if k.gabung && extra > 0 {
                        let teks = Sel::teks_isi(&b.sel[c]);
                        let f = gaya_teks(k.rata == Rata::Tengah, tebal, isian);
                        sheet.merge_range(sr, col_num(c)?, sr + row_num(extra)?, col_num(c)?, potong(teks), &f)?;
                        merged = merged.max(baris_teks(teks, lebar[c], tebal));
                        // A merged figure (a node's pagu beside its indicator lines) keeps its
                        // number or live formula in the merge's first cell.
                        if !matches!(b.sel[c].isi, Isi::Teks(_) | Isi::Kosong) {
                            tulis_sel(sheet, tabel, data_top, i, c, tebal, isian)?;
                        }
                    } else {
                        tulis_sel(sheet, tabel, data_top, i, c, tebal, isian)?;
                    }
                }
                for line in 1..=extra {
                    for (c, k) in tabel.kolom.iter().enumerate() {
                        if !k.gabung {
                            tulis_sel(sheet, tabel, data_top, i + line, c, tebal, isian)?;
                        }
                    }
                }
                // Viewers fit no row to its wrapped text on opening a file (and none ever fits
                // merged cells): every line gets the height its text needs.
                let each = merged.div_ceil(extra + 1);
                for line in 0..=extra {
                    let row = &tabel.baris[i + line];
                    let need = tabel
                        .kolom
                        .iter()
                        .zip(lebar.iter().zip(&row.sel))
                        .filter(|(k, _)| !(k.gabung && extra > 0))
                        .map(|(_, (w, s))| baris_teks(s.teks_isi(), *w, tebal))
                        .max()
                        .unwrap_or(1);
                    sheet.set_row_height(sr + row_num(line)?, tinggi(need.max(each)))?;
                }
                i += extra;
            }
        }
        i += 1;
    }

    // The table's notes under it, each across the table.
    let below = data_top + row_num(tabel.baris.len())? + 1;
    for (r, (i, catatan)) in (below..).zip(tabel.catatan.iter().enumerate()) {
        let line = format!("{}. {catatan}", i + 1);
        sheet.merge_range(r, 0, r, last, potong(&line), &dasar().set_text_wrap())?;
        sheet.set_row_height(r, tinggi(baris_teks(&line, lebar_total, false)))?;
    }

    sheet.set_landscape();
    sheet.set_paper_size(match info.kertas {
        Kertas::A4 => 9,
        // Folio 8½ × 13 in, the closest standard size to F4 (215 × 330 mm).
        Kertas::F4 => 14,
    });
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer(format!("&LTabel {}&RHalaman &P dari &N", tabel.nomor));
    Ok(())
}

fn gaya_teks(tengah: bool, tebal: bool, isian: Option<u32>) -> Format {
    let mut f = bingkai().set_text_wrap().set_align(if tengah { FormatAlign::Center } else { FormatAlign::Left });
    if tebal {
        f = f.set_bold();
    }
    if let Some(color) = isian {
        f = f.set_background_color(Color::RGB(color));
    }
    f
}

fn gaya_angka(num_format: &str, tebal: bool, isian: Option<u32>) -> Format {
    let mut f = bingkai().set_align(FormatAlign::Right).set_num_format(num_format);
    if tebal {
        f = f.set_bold();
    }
    if let Some(color) = isian {
        f = f.set_background_color(Color::RGB(color));
    }
    f
}

/// `#,##0`, with as many decimals as the value has, then the unit as literal text:
/// `#,##0.0" Buah"`, `#,##0"%"` (a unit "%" is text here: the value 5 means 5%).
pub fn format_angka(value: Option<Decimal>, satuan: Option<&str>) -> String {
    let decimals = value.map_or(0, |v| v.normalize().scale().min(10));
    let mut out = String::from("#,##0");
    if decimals > 0 {
        out.push('.');
        out.extend(std::iter::repeat_n('0', decimals as usize));
    }
    let satuan = satuan.map(str::trim).unwrap_or("");
    if !satuan.is_empty() {
        let text = if satuan == "%" { "%".to_owned() } else { format!(" {satuan}") };
        // A double quote cannot appear inside a quoted literal: close, escape it, reopen.
        let _ = write!(out, "\"{}\"", text.replace('"', "\"\\\"\""));
    }
    out
}

/// `0%`, `0.0%`, … for `desimal` decimals.
pub fn format_persen(desimal: u32) -> String {
    let desimal = desimal.min(10) as usize;
    if desimal == 0 { "0%".to_owned() } else { format!("0.{}%", "0".repeat(desimal)) }
}

const FORMAT_RUPIAH: &str = "#,##0";

fn f64_of(value: Decimal) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

/// The number a cell stores: rates as fractions (0.94 shown as 94%), the rest as they are.
fn angka_sel(isi: &Isi) -> Option<f64> {
    match isi {
        Isi::Angka(v) | Isi::Rupiah(v) => Some(f64_of(*v)),
        Isi::Persen(v) => Some(f64_of(*v / Decimal::ONE_HUNDRED)),
        _ => None,
    }
}

fn tulis_sel(
    sheet: &mut Worksheet,
    tabel: &Tabel,
    data_top: u32,
    i: usize,
    c: usize,
    tebal: bool,
    isian: Option<u32>,
) -> Result<(), XlsxError> {
    let b = &tabel.baris[i];
    let sel = &b.sel[c];
    let k = &tabel.kolom[c];
    let (row, col) = (data_top + row_num(i)?, col_num(c)?);
    let satuan = b.satuan.as_deref();
    let num_format = match (&sel.isi, &sel.rumus) {
        (Isi::Angka(v), _) => Some(format_angka(Some(*v), satuan)),
        (Isi::Rupiah(_), _) => Some(FORMAT_RUPIAH.to_owned()),
        (Isi::Persen(_), _) => Some(format_persen(tabel.desimal_persen)),
        // An undefined derived cell keeps the format of what it would hold once defined.
        (Isi::TakTerdefinisi, Some(Rumus::Rasio { .. } | Rumus::RataRata(_))) => {
            Some(format_persen(tabel.desimal_persen))
        }
        (Isi::TakTerdefinisi, Some(Rumus::Jumlah(_) | Rumus::Terakhir(_))) => Some(format_angka(None, satuan)),
        (Isi::TakTerdefinisi, Some(Rumus::Total { .. })) => Some(FORMAT_RUPIAH.to_owned()),
        _ => None,
    };
    let f = match &num_format {
        Some(nf) => gaya_angka(nf, tebal, isian),
        None => gaya_teks(k.rata == Rata::Tengah, tebal, isian),
    };
    if let Some(rumus) = &sel.rumus
        && let Some(text) = teks_rumus(rumus, data_top, i, c)?
    {
        let result = match &sel.isi {
            Isi::TakTerdefinisi => "-".to_owned(),
            Isi::Teks(t) => t.clone(),
            isi => angka_sel(isi).map_or_else(String::new, |v| v.to_string()),
        };
        sheet.write_formula_with_format(row, col, Formula::new(text).set_result(result), &f)?;
        return Ok(());
    }
    match &sel.isi {
        Isi::Kosong | Isi::TidakAda => {
            sheet.write_blank(row, col, &f)?;
        }
        Isi::Teks(t) if t.is_empty() => {
            sheet.write_blank(row, col, &f)?;
        }
        Isi::Teks(t) => {
            sheet.write_string_with_format(row, col, potong(t), &f)?;
        }
        Isi::TakTerdefinisi => {
            sheet.write_string_with_format(row, col, "-", &f.set_align(FormatAlign::Right))?;
        }
        isi => {
            let value = angka_sel(isi).unwrap_or(f64::NAN);
            sheet.write_number_with_format(row, col, value, &f)?;
        }
    }
    Ok(())
}

fn a1(row: u32, col: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, col)
}

/// `FUN(args)`, split into `SUM(FUN(…),FUN(…))` beyond Excel's 255 arguments (right for SUM and
/// COUNT, the only functions it is used with).
fn panggil(fun: &str, args: &[String]) -> String {
    if args.len() <= MAKS_ARGUMEN {
        return format!("{fun}({})", args.join(","));
    }
    let parts: Vec<String> = args.chunks(MAKS_ARGUMEN).map(|chunk| panggil(fun, chunk)).collect();
    panggil("SUM", &parts)
}

/// The cells of one column over some rows, consecutive rows joined into ranges.
fn rentang(rows: &[usize], data_top: u32, col: u16) -> Result<Vec<String>, XlsxError> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let mut end = k;
        while end + 1 < rows.len() && rows[end + 1] == rows[end] + 1 {
            end += 1;
        }
        let (first, last) = (data_top + row_num(rows[k])?, data_top + row_num(rows[end])?);
        out.push(if first == last {
            a1(first, col)
        } else {
            rust_xlsxwriter::utility::cell_range(first, col, last, col)
        });
        k = end + 1;
    }
    Ok(out)
}

/// The Excel formula of a derived cell, or None when Excel could not hold it (longer than
/// 8,192 characters: then the cell keeps the engine's figure as a plain value).
fn teks_rumus(rumus: &Rumus, data_top: u32, i: usize, c: usize) -> Result<Option<String>, XlsxError> {
    let row = data_top + row_num(i)?;
    let col = col_num(c)?;
    let here = |c: usize| -> Result<String, XlsxError> { Ok(a1(row, col_num(c)?)) };
    let text = match rumus {
        Rumus::Rasio { pembilang, penyebut } => {
            let (p, q) = (here(*pembilang)?, here(*penyebut)?);
            format!("IF(AND(ISNUMBER({p}),N({q})<>0),{p}/{q},\"-\")")
        }
        Rumus::Predikat { rasio } => {
            // Rates are stored as fractions (0.94 for 94%); the bands are the engine's.
            let r = here(*rasio)?;
            format!(
                "IF(ISNUMBER({r}),IF({r}<=0.5,\"Sangat Rendah\",IF({r}<=0.65,\"Rendah\",IF({r}<=0.75,\"Sedang\",\
                 IF({r}<=0.9,\"Tinggi\",\"Sangat Tinggi\")))),\"-\")"
            )
        }
        Rumus::Jumlah(cols) => {
            let refs = cols.iter().map(|c| here(*c)).collect::<Result<Vec<_>, _>>()?;
            format!("IF(COUNT({})=0,\"-\",{})", refs.join(","), refs.join("+"))
        }
        Rumus::Terakhir(cols) => {
            let mut text = "\"-\"".to_owned();
            for c in cols.iter().rev() {
                let r = here(*c)?;
                text = format!("IF(ISNUMBER({r}),{r},{text})");
            }
            text
        }
        Rumus::RataRata(rows) if rows.is_empty() => "\"-\"".to_owned(),
        Rumus::RataRata(rows) => {
            let args = rentang(rows, data_top, col)?;
            let count = panggil("COUNT", &args);
            if args.len() <= MAKS_ARGUMEN {
                format!("IF({count}=0,\"-\",AVERAGE({}))", args.join(","))
            } else {
                format!("IF({count}=0,\"-\",{}/{count})", panggil("SUM", &args))
            }
        }
        Rumus::Total { baris, opsional } => {
            let args = rentang(baris, data_top, col)?;
            match (args.is_empty(), opsional) {
                (true, false) => "0".to_owned(),
                (true, true) => "\"-\"".to_owned(),
                (false, false) => panggil("SUM", &args),
                (false, true) => format!("IF({}=0,\"-\",{})", panggil("COUNT", &args), panggil("SUM", &args)),
            }
        }
    };
    Ok((text.len() < MAKS_RUMUS).then_some(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_quote_the_unit() {
        assert_eq!(format_angka(Some(Decimal::new(1215, 0)), Some("Buah")), "#,##0\" Buah\"");
        assert_eq!(format_angka(Some(Decimal::new(805, 1)), Some("%")), "#,##0.0\"%\"");
        assert_eq!(format_angka(Some(Decimal::new(800, 1)), None), "#,##0");
        assert_eq!(format_angka(None, Some("a\"b")), "#,##0\" a\"\\\"\"b\"");
        assert_eq!(format_persen(0), "0%");
        assert_eq!(format_persen(1), "0.0%");
    }

    #[test]
    fn long_sums_split_at_255_arguments() {
        let args: Vec<String> = (1..=600).map(|i| format!("A{i}")).collect();
        let text = panggil("SUM", &args);
        assert!(text.starts_with("SUM(SUM(A1,"), "{text}");
        assert_eq!(text.matches("SUM(").count(), 4);
        assert_eq!(panggil("COUNT", &args[..2]), "COUNT(A1,A2)");
        assert!(panggil("COUNT", &args).starts_with("SUM(COUNT(A1,"));
    }

    #[test]
    fn consecutive_rows_become_ranges() {
        assert_eq!(rentang(&[0, 1, 2, 5, 7, 8], 4, 5).unwrap(), ["F5:F7", "F10", "F12:F13"]);
    }
}
