//! The input workbook as xlsx: frozen headers, the printed columns under each header, choice
//! lists from the sheet Daftar, number formats that keep numbers numbers, live totals.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::layout::{self, Daftar, Jenis};
use super::{BukuKerja, Gaya, IsiBuku, Lembar};
use crate::tanggal::DocumentDate;

const HURUF: &str = "Arial";
const WARNA_KEPALA: u32 = 0xD7D7D7;
const WARNA_PROGRAM: u32 = 0xE8E8E8;
/// Totals are formulas: shaded so nobody types over them.
const WARNA_RUMUS: u32 = 0xFFF2CC;
/// Validation and formats reach this many rows below the data, so new rows get them too.
const BARIS_CADANGAN: u32 = 2000;
const FORMAT_RUPIAH: &str = "#,##0";
/// As typed: 100, 80.5, 0.25.
const FORMAT_ANGKA: &str = "General";

/// The workbook's bytes; `tanggal` is its stored creation date (never the clock).
pub fn buku_kerja(isian: &BukuKerja, tanggal: DocumentDate) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let created = u16::try_from(tanggal.year)
        .ok()
        .and_then(|y| ExcelDateTime::from_ymd(y, tanggal.month, tanggal.day).ok())
        .map_or_else(|| ExcelDateTime::from_ymd(2000, 1, 1), Ok)?;
    let judul = match isian.identitas.tahun {
        Some(tahun) => format!("Isian Renja {} Tahun {tahun}", isian.perangkat_daerah),
        None => "Isian Renja".to_owned(),
    };
    workbook.set_properties(
        &DocProperties::new()
            .set_title(judul.trim())
            .set_author(&isian.perangkat_daerah)
            .set_comment("Buku kerja isian renja: ubah tabelnya lalu renja import")
            .set_creation_datetime(&created),
    );
    petunjuk(workbook.add_worksheet(), isian)?;
    identitas(workbook.add_worksheet(), isian)?;
    for lembar in &isian.lembar {
        tulis_lembar(workbook.add_worksheet(), lembar, isian)?;
    }
    daftar(workbook.add_worksheet(), isian)?;
    workbook.save_to_buffer()
}

fn dasar() -> Format {
    Format::new().set_font_name(HURUF).set_font_size(10)
}

fn kepala() -> Format {
    dasar()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(WARNA_KEPALA))
}

fn row_num(r: usize) -> Result<u32, XlsxError> {
    u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)
}

fn col_num(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn f64_of(value: Decimal) -> f64 {
    // The decimal text parses to the nearest double; super::tepat made sure it is exact.
    value.to_string().parse().unwrap_or(f64::NAN)
}

/// The text of the sheet Petunjuk, one paragraph per row.
fn teks_petunjuk(isian: &BukuKerja) -> Vec<(bool, String)> {
    let tahun = isian.identitas.tahun.map_or_else(|| "n".to_owned(), |t| t.to_string());
    let mut out = vec![
        (true, format!("Petunjuk buku kerja isian Renja (tahun rencana n = {tahun})")),
        (false, "Buku kerja ini memuat tabel sumber rencana. Narasi bab, identitas, keputusan dan penandatangan tetap di plan.json.".into()),
        (false, "Alur kerja: renja workbook plan.json -o isian.xlsx → ubah isian.xlsx → renja import isian.xlsx --into plan.json -o plan-baru.json → renja check plan-baru.json → renja build plan-baru.json.".into()),
        (false, "Angka ditulis sebagai angka (bukan teks), tanpa satuan: 80,5 atau 1073384000; rupiah bilangan bulat. Kode ditulis sebagai teks (kolom Kode berformat teks, sehingga 1.10 tidak menjadi 1,1).".into()),
        (false, "Baris kepala (baris 2) dan baris nomor kolom cetak (baris 3) jangan diubah; renja mencari kolom menurut judulnya. Sel berwarna kuning adalah rumus jumlah: dihitung ulang, dibandingkan dengan baris-barisnya, dan tidak pernah diimpor.".into()),
        (true, "Lembar Identitas".into()),
        (false, "Tahun rencana, nomenklatur kode, periode Renstra dan pagu batas RKPD. Dengan --into, tahun, nomenklatur dan periode harus sama dengan rencananya; tanpa --into, rencana baru disusun dari kerangka renja init dengan nilai-nilai ini.".into()),
        (true, "Lembar Rencana (Tabel 3.1, 4.1, dan sisi kanan Tabel 2.3)".into()),
        (false, "Satu baris per indikator: setiap baris memuat Tingkat dan Kode simpulnya (urusan, program, kegiatan, sub kegiatan); kolom milik simpul (nama, lokasi, pagu, prioritas, kelompok sasaran, penanggung jawab, waktu, catatan) diisi pada baris pertamanya saja.".into()),
        (false, "Program: baris pertama berjenis \"capaian\" adalah indikator utama program; baris capaian berikutnya adalah indikator tambahan. Kegiatan: baris \"keluaran\" pertama adalah indikator utamanya, lalu keluaran dan \"hasil\" tambahan. Sub kegiatan: setiap baris \"keluaran\" satu indikator.".into()),
        (false, "Target Akhir Renstra, Realisasi n-2 dan Prakiraan n-1 hanya untuk indikator tambahan dan sub kegiatan (kolom 5–7 tabel SIPD-RI).".into()),
        (false, "Pagu ditulis hanya pada tingkat terendah: kegiatan tanpa sub kegiatan, atau sub kegiatan. Pagu program dan kegiatan yang memiliki sub kegiatan adalah rumus jumlah.".into()),
        (false, "Sumber dana sub kegiatan: satu nama di kolom Sumber Dana, atau satu sumber per baris dengan pagunya di kolom Pagu Sumber Dana (jumlahnya harus sama dengan pagu). Lokasi sub kegiatan: satu lokasi per baris di dalam sel (Alt+Enter).".into()),
        (false, "Baris dengan Tingkat dan Kode kosong melanjutkan simpul di atasnya (mis. indikator atau sumber dana tambahan). Baris kosong dilewati. Urusan ditulis sebagai baris \"urusan\" dengan kodenya (X atau X.XX).".into()),
        (true, "Lembar Tabel 2.1".into()),
        (false, "Baris \"jenis urusan\" dan \"urusan\" sekali saja, lalu setiap program diikuti kegiatannya. Kolom 8, 10, 11 dan predikat dihitung renja. Kumulatif: \"ya\", \"tidak\", atau kosong (menurut satuan). Polaritas: \"positif\" (makin tinggi makin baik) atau \"negatif\".".into()),
        (false, "Kode Rencana (boleh kosong) menunjuk program atau kegiatan lembar Rencana: nama, indikator dan satuan yang dikosongkan diambil darinya, sehingga cukup ditulis sekali. Program tahun lalu yang tidak ada di rencana tahun ini menulis namanya sendiri.".into()),
        (true, "Lembar Tabel 2.2".into()),
        (false, "Kelompok \"iku\" (Indikator Kinerja Utama), \"program\", atau \"kegiatan\" (di bawah program di atasnya). Baris dengan Kelompok dan Indikator kosong adalah baris nilai berikutnya dari indikator di atasnya, dalam satuan lain.".into()),
        (false, "Kode Rencana (boleh kosong) menunjuk program atau kegiatan lembar Rencana; indikator yang dikosongkan diambil darinya.".into()),
        (true, "Lembar Tabel 2.3".into()),
        (false, "Per kegiatan (menurut Kode lembar Rencana): lokasi, target dan pagu pada Rancangan Awal RKPD (pagu wajib bila baris diisi; lokasi dan target kosong = sama dengan rencana), dan hasil analisis kebutuhan bila berbeda dengan rencana. Kolom nama hanya pengingat.".into()),
        (true, "Lembar Tabel 2.4".into()),
        (false, "Satu baris per usulan program/kegiatan dari masyarakat; tanpa baris, Tabel 2.4 tercetak NIHIL.".into()),
        (true, "Lembar Daftar".into()),
        (false, "Pilihan untuk kolom berdaftar (tingkat, jenis indikator, polaritas, kumulatif, nomenklatur) dan saran satuan; satuan lain tetap boleh.".into()),
    ];
    if !isian.sipd {
        out.push((
            false,
            "Rencana ini bernomenklatur Permendagri 86/2017: tanpa sub kegiatan; pagu ditulis pada kegiatan.".into(),
        ));
    }
    out
}

fn petunjuk(sheet: &mut Worksheet, isian: &BukuKerja) -> Result<(), XlsxError> {
    sheet.set_name(layout::PETUNJUK)?;
    sheet.set_column_width(0, 120)?;
    let biasa = dasar().set_text_wrap().set_align(FormatAlign::Top);
    let tebal = dasar().set_bold().set_font_size(11);
    for (r, (judul, text)) in teks_petunjuk(isian).iter().enumerate() {
        let r = row_num(r)?;
        if *judul {
            sheet.write_string_with_format(r, 0, text, &tebal)?;
        } else {
            sheet.write_string_with_format(r, 0, text, &biasa)?;
            // 120 units hold about 140 characters of 10-point Arial.
            let lines = text.chars().count().div_ceil(140).max(1);
            sheet.set_row_height(r, lines as f64 * 12.75 + 3.0)?;
        }
    }
    sheet.set_active(true);
    Ok(())
}

fn identitas(sheet: &mut Worksheet, isian: &BukuKerja) -> Result<(), XlsxError> {
    sheet.set_name(layout::IDENTITAS)?;
    sheet.set_column_width(0, 26)?;
    sheet.set_column_width(1, 20)?;
    sheet.set_column_width(2, 70)?;
    sheet.merge_range(0, 0, 0, 2, "Identitas rencana", &dasar().set_bold().set_font_size(11))?;
    for (c, text) in ["Isian", "Nilai", "Keterangan"].iter().enumerate() {
        sheet.write_string_with_format(layout::BARIS_KEPALA, col_num(c)?, *text, &kepala())?;
    }
    let id = &isian.identitas;
    let teks = dasar().set_border(FormatBorder::Thin).set_num_format("@");
    let angka = dasar().set_border(FormatBorder::Thin).set_num_format("0");
    let rupiah = dasar().set_border(FormatBorder::Thin).set_num_format(FORMAT_RUPIAH);
    let label = dasar().set_border(FormatBorder::Thin).set_bold();
    let catatan = dasar().set_border(FormatBorder::Thin).set_text_wrap();
    let rows: [(&str, Option<Decimal>, Option<String>, &str); 5] = [
        (layout::ISIAN_TAHUN, id.tahun.map(Decimal::from), None, "n: tahun Renja; n-1, n-2, n+1 tabel mengikutinya"),
        (
            layout::ISIAN_NOMENKLATUR,
            None,
            Some(
                id.nomenklatur
                    .map_or("", |n| match n {
                        crate::plan::Nomenklatur::P86_2017 => "86/2017",
                        crate::plan::Nomenklatur::P90_2019 => "90/2019",
                    })
                    .to_owned(),
            ),
            "86/2017 atau 90/2019; kosong: menurut tahun (90/2019 sejak TA 2021)",
        ),
        (layout::ISIAN_RENSTRA_AWAL, id.renstra_awal.map(Decimal::from), None, "tahun awal periode Renstra PD"),
        (
            layout::ISIAN_RENSTRA_AKHIR,
            id.renstra_akhir.map(Decimal::from),
            None,
            "tahun akhir; kolom 4 Tabel 2.1 adalah targetnya",
        ),
        (
            layout::ISIAN_PAGU_BATAS,
            id.pagu_batas,
            None,
            "plafon Perangkat Daerah di RKPD; kosong bila tidak dinyatakan",
        ),
    ];
    for (i, (nama, number, text, keterangan)) in rows.iter().enumerate() {
        let r = layout::BARIS_KEPALA + 1 + row_num(i)?;
        sheet.write_string_with_format(r, 0, *nama, &label)?;
        let f = if *nama == layout::ISIAN_PAGU_BATAS { &rupiah } else { &angka };
        match (number, text) {
            (Some(v), _) => {
                sheet.write_number_with_format(r, 1, f64_of(*v), f)?;
            }
            (None, Some(t)) if !t.is_empty() => {
                sheet.write_string_with_format(r, 1, t, &teks)?;
            }
            (None, Some(_)) => {
                sheet.write_blank(r, 1, &teks)?;
            }
            (None, None) => {
                sheet.write_blank(r, 1, f)?;
            }
        }
        sheet.write_string_with_format(r, 2, *keterangan, &catatan)?;
        if *nama == layout::ISIAN_NOMENKLATUR {
            let list = pilihan(Daftar::Nomenklatur, isian)?;
            sheet.add_data_validation(r, 1, r, 1, &list)?;
        }
    }
    sheet.set_freeze_panes(layout::BARIS_KEPALA + 1, 0)?;
    Ok(())
}

/// The validation of a listed column: a drop-down from the sheet Daftar.
fn pilihan(daftar: Daftar, isian: &BukuKerja) -> Result<DataValidation, XlsxError> {
    let c = Daftar::SEMUA.iter().position(|d| *d == daftar).unwrap_or(0);
    let n = daftar.pilihan(isian.sipd).len();
    let huruf = layout::huruf_kolom(c);
    let range = format!("={}!${huruf}$2:${huruf}${}", quoted(layout::DAFTAR), n + 1);
    let mut validation = DataValidation::new().allow_list_formula(Formula::new(range));
    if daftar.ketat() {
        validation = validation
            .set_error_title("Pilihan tidak dikenal")?
            .set_error_message(format!("Pilih salah satu dari daftar \"{}\" (lembar Daftar).", daftar.judul()))?;
    } else {
        validation = validation.set_error_style(DataValidationErrorStyle::Information).show_error_message(false);
    }
    Ok(validation)
}

/// A sheet name as a formula reference: quoted when it holds a space.
fn quoted(name: &str) -> String {
    if name.contains(' ') { format!("'{name}'") } else { name.to_owned() }
}

fn tulis_lembar(sheet: &mut Worksheet, lembar: &Lembar, isian: &BukuKerja) -> Result<(), XlsxError> {
    sheet.set_name(lembar.nama)?;
    let n = lembar.kolom.len();
    let last = col_num(n - 1)?;
    sheet.merge_range(0, 0, 0, last, &lembar.judul, &dasar().set_bold().set_font_size(11))?;
    let nomor = dasar()
        .set_font_size(8)
        .set_italic()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
        .set_background_color(Color::RGB(WARNA_KEPALA));
    for (c, kolom) in lembar.kolom.iter().enumerate() {
        let c16 = col_num(c)?;
        sheet.set_column_width(c16, kolom.lebar)?;
        sheet.write_string_with_format(layout::BARIS_KEPALA, c16, kolom.judul, &kepala())?;
        sheet.write_string_with_format(layout::BARIS_KEPALA + 1, c16, isian.rujukan(kolom), &nomor)?;
    }
    let longest =
        lembar.kolom.iter().map(|k| (k.judul.chars().count() as f64 / (k.lebar * 1.1)).ceil()).fold(1.0, f64::max);
    sheet.set_row_height(layout::BARIS_KEPALA, longest * 12.75 + 4.0)?;
    sheet.set_row_height(layout::BARIS_KEPALA + 1, 24.0)?;
    sheet.set_freeze_panes(layout::BARIS_DATA, lembar.bekukan)?;

    let top = layout::BARIS_DATA;
    let bottom = top + row_num(lembar.baris.len())? + BARIS_CADANGAN;
    for (c, kolom) in lembar.kolom.iter().enumerate() {
        let c16 = col_num(c)?;
        // Empty rows below the data keep the column's format, so typed values land right.
        sheet.set_column_format(c16, &format_kolom(kolom.jenis, Gaya::Biasa))?;
        let validation = match kolom.jenis {
            Jenis::Pilihan(daftar) => Some(pilihan(daftar, isian)?),
            Jenis::Angka => Some(
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
                    .set_error_title("Bukan angka")?
                    .set_error_message("Tulis angka saja, tanpa satuan; satuannya di kolom Satuan.")?,
            ),
            Jenis::Rupiah => Some(
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                    .set_error_title("Bukan rupiah")?
                    .set_error_message("Tulis rupiah sebagai angka bulat tanpa pemisah ribuan, mis. 1073384000.")?,
            ),
            Jenis::Teks | Jenis::Kode => None,
        };
        if let Some(validation) = validation {
            sheet.add_data_validation(top, c16, bottom, c16, &validation)?;
        }
    }
    for (i, (gaya, sel)) in lembar.baris.iter().enumerate() {
        let r = top + row_num(i)?;
        let mut lines = 1;
        for (c, (isi, kolom)) in sel.iter().zip(lembar.kolom).enumerate() {
            let c16 = col_num(c)?;
            let f = format_kolom(kolom.jenis, *gaya);
            match isi {
                IsiBuku::Kosong => {
                    sheet.write_blank(r, c16, &f)?;
                }
                IsiBuku::Teks(text) => {
                    sheet.write_string_with_format(r, c16, text, &f)?;
                    let per_line = (kolom.lebar * 1.2).max(1.0) as usize;
                    let need: usize = text.split('\n').map(|l| l.chars().count().div_ceil(per_line).max(1)).sum();
                    lines = lines.max(need);
                }
                IsiBuku::Angka(v) | IsiBuku::Rupiah(v) => {
                    sheet.write_number_with_format(r, c16, f64_of(*v), &f)?;
                }
                IsiBuku::Jumlah { baris, hasil } => {
                    let huruf = layout::huruf_kolom(c);
                    let cells: Vec<String> =
                        baris.iter().map(|&b| format!("{huruf}{}", top as usize + b + 1)).collect();
                    let formula = rumus_jumlah(&cells);
                    let f = f.set_background_color(Color::RGB(WARNA_RUMUS));
                    sheet.write_formula_with_format(r, c16, Formula::new(formula).set_result(hasil.to_string()), &f)?;
                }
            }
        }
        sheet.set_row_height(r, (lines.min(20) as f64) * 12.75 + 3.0)?;
    }
    sheet.set_landscape();
    sheet.set_paper_size(9);
    Ok(())
}

/// `=SUM(O5,O9,O14)`, in SUMs of at most 255 arguments; `=0` over no rows.
fn rumus_jumlah(cells: &[String]) -> String {
    if cells.is_empty() {
        return "=0".to_owned();
    }
    let parts: Vec<String> = cells.chunks(255).map(|chunk| format!("SUM({})", chunk.join(","))).collect();
    format!("={}", parts.join("+"))
}

fn format_kolom(jenis: Jenis, gaya: Gaya) -> Format {
    let mut f = dasar().set_border(FormatBorder::Thin).set_align(FormatAlign::Top);
    f = match jenis {
        Jenis::Teks | Jenis::Kode | Jenis::Pilihan(_) => f.set_num_format("@").set_text_wrap(),
        Jenis::Angka => f.set_num_format(FORMAT_ANGKA),
        Jenis::Rupiah => f.set_num_format(FORMAT_RUPIAH),
    };
    match gaya {
        Gaya::Biasa => f,
        Gaya::Tebal => f.set_bold(),
        Gaya::Kepala => f.set_bold().set_background_color(Color::RGB(WARNA_PROGRAM)),
        Gaya::Jumlah => f.set_bold().set_background_color(Color::RGB(WARNA_KEPALA)),
    }
}

fn daftar(sheet: &mut Worksheet, isian: &BukuKerja) -> Result<(), XlsxError> {
    sheet.set_name(layout::DAFTAR)?;
    for (c, daftar) in Daftar::SEMUA.iter().enumerate() {
        let c16 = col_num(c)?;
        sheet.set_column_width(c16, 20)?;
        sheet.write_string_with_format(0, c16, daftar.judul(), &kepala())?;
        for (r, value) in daftar.pilihan(isian.sipd).iter().enumerate() {
            sheet.write_string_with_format(row_num(r + 1)?, c16, value, &dasar().set_num_format("@"))?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::rumus_jumlah;

    #[test]
    fn totals_split_into_sums_excel_accepts() {
        assert_eq!(rumus_jumlah(&[]), "=0");
        assert_eq!(rumus_jumlah(&["O5".into(), "O9".into()]), "=SUM(O5,O9)");
        let many: Vec<String> = (0..300).map(|i| format!("O{i}")).collect();
        let formula = rumus_jumlah(&many);
        assert!(formula.starts_with("=SUM(O0,"));
        assert!(formula.contains(",O254)+SUM(O255,"));
    }
}
