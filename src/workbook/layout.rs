//! The layout of the input workbook, shared by its writer ([`super::buku_kerja`]) and its reader
//! ([`crate::import`]): sheet names, columns with their Indonesian headers, the printed columns
//! each one fills, and the choice lists.

use crate::tabel::NomorTabel;

/// Sheet names. The reader recognises a renja input workbook by [`PETUNJUK`] and [`RENCANA`].
pub const PETUNJUK: &str = "Petunjuk";
pub const IDENTITAS: &str = "Identitas";
pub const RENCANA: &str = "Rencana";
pub const EVALUASI: &str = "Tabel 2.1";
pub const KINERJA: &str = "Tabel 2.2";
pub const RKPD: &str = "Tabel 2.3";
pub const USULAN: &str = "Tabel 2.4";
pub const DAFTAR: &str = "Daftar";

/// Rows above the data of a table sheet: caption, header, the printed columns (Excel rows 1–3).
pub const BARIS_KEPALA: u32 = 1;
pub const BARIS_DATA: u32 = 3;

/// What a column holds, which decides its number format, its validation and how it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jenis {
    /// Free text, stored as text (a typed `1.10` stays `1.10`).
    Teks,
    /// A code: text, never a number.
    Kode,
    /// A target or realisation in the row's satuan.
    Angka,
    /// Whole rupiah.
    Rupiah,
    /// One of a list.
    Pilihan(Daftar),
}

/// The choice lists, each a column of the sheet [`DAFTAR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Daftar {
    TingkatRencana,
    JenisIndikator,
    /// Suggestions only: any other satuan is accepted.
    Satuan,
    Polaritas,
    Kumulatif,
    TingkatEvaluasi,
    KelompokKinerja,
    Nomenklatur,
}

impl Daftar {
    pub const SEMUA: [Daftar; 8] = [
        Daftar::TingkatRencana,
        Daftar::JenisIndikator,
        Daftar::Satuan,
        Daftar::Polaritas,
        Daftar::Kumulatif,
        Daftar::TingkatEvaluasi,
        Daftar::KelompokKinerja,
        Daftar::Nomenklatur,
    ];

    pub fn judul(self) -> &'static str {
        match self {
            Daftar::TingkatRencana => "Tingkat (Rencana)",
            Daftar::JenisIndikator => "Jenis indikator",
            Daftar::Satuan => "Satuan (saran)",
            Daftar::Polaritas => "Polaritas",
            Daftar::Kumulatif => "Kumulatif",
            Daftar::TingkatEvaluasi => "Tingkat (Tabel 2.1)",
            Daftar::KelompokKinerja => "Kelompok (Tabel 2.2)",
            Daftar::Nomenklatur => "Nomenklatur",
        }
    }

    /// The choices; `sipd` adds the Permendagri 90/2019 ones (sub kegiatan, hasil kegiatan).
    pub fn pilihan(self, sipd: bool) -> Vec<String> {
        let fixed: &[&str] = match self {
            Daftar::TingkatRencana if sipd => &[URUSAN, PROGRAM, KEGIATAN, SUB_KEGIATAN, JUMLAH],
            Daftar::TingkatRencana => &[URUSAN, PROGRAM, KEGIATAN, JUMLAH],
            Daftar::JenisIndikator if sipd => &[CAPAIAN, KELUARAN, HASIL],
            Daftar::JenisIndikator => &[CAPAIAN, KELUARAN],
            Daftar::Satuan => return satuan_saran(),
            Daftar::Polaritas => &["positif", "negatif"],
            Daftar::Kumulatif => &[YA, TIDAK],
            Daftar::TingkatEvaluasi if sipd => &[JENIS_URUSAN, URUSAN, PROGRAM, KEGIATAN, SUB_KEGIATAN],
            Daftar::TingkatEvaluasi => &[JENIS_URUSAN, URUSAN, PROGRAM, KEGIATAN],
            Daftar::KelompokKinerja => &[IKU, PROGRAM, KEGIATAN],
            Daftar::Nomenklatur => &["86/2017", "90/2019"],
        };
        fixed.iter().map(|s| (*s).to_owned()).collect()
    }

    /// Only a suggestion list accepts other values.
    pub fn ketat(self) -> bool {
        self != Daftar::Satuan
    }
}

/// The satuan words renja knows (a level: %, Persen, Indeks…; a count: Dokumen, Unit…).
fn satuan_saran() -> Vec<String> {
    crate::plan::SATUAN_TINGKAT
        .iter()
        .chain(crate::plan::SATUAN_JUMLAH.iter())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) if w.len() > 3 => first.to_uppercase().chain(chars).collect(),
                _ if *w == "%" => (*w).to_owned(),
                _ => w.to_uppercase(),
            }
        })
        .collect()
}

pub const URUSAN: &str = "urusan";
pub const JENIS_URUSAN: &str = "jenis urusan";
pub const PROGRAM: &str = "program";
pub const KEGIATAN: &str = "kegiatan";
pub const SUB_KEGIATAN: &str = "sub kegiatan";
pub const JUMLAH: &str = "jumlah";
pub const IKU: &str = "iku";
pub const CAPAIAN: &str = "capaian";
pub const KELUARAN: &str = "keluaran";
pub const HASIL: &str = "hasil";
pub const YA: &str = "ya";
pub const TIDAK: &str = "tidak";

/// One column of a table sheet.
#[derive(Debug, Clone, Copy)]
pub struct KolomBuku {
    /// Stable name used by the code.
    pub kunci: &'static str,
    /// The header the reader looks for (exactly, ignoring case and surrounding blanks).
    pub judul: &'static str,
    pub jenis: Jenis,
    pub lebar: f64,
    /// A note under the header, before the printed columns: `{n}`, `{n+1}`, `{n-1}`, `{n-2}`,
    /// `{n-3}` and `{akhir}` become the plan's years.
    pub catatan: &'static str,
    /// The printed columns this one fills, by table and column key of [`crate::tabel`]: their
    /// numbers are read from the table model, so they follow it.
    pub cetak: &'static [(NomorTabel, &'static str)],
}

const fn k(
    kunci: &'static str,
    judul: &'static str,
    jenis: Jenis,
    lebar: f64,
    catatan: &'static str,
    cetak: &'static [(NomorTabel, &'static str)],
) -> KolomBuku {
    KolomBuku { kunci, judul, jenis, lebar, catatan, cetak }
}

use NomorTabel::{T2_1, T2_2, T2_3, T2_4, T3_1, T4_1};

/// The plan tree: one row per indicator (and per funding source) of each node, the node's kode
/// repeated on each of its rows. (Tabel 4.1 is the T-C.33 or the SIPD-RI layout, per plan.)
pub const KOLOM_RENCANA: [KolomBuku; 23] = [
    k("tingkat", "Tingkat", Jenis::Pilihan(Daftar::TingkatRencana), 13.0, "jenis baris", &[]),
    k("kode", "Kode", Jenis::Kode, 19.0, "", &[(T3_1, "kode"), (T4_1, "kode")]),
    k(
        "nama",
        "Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan",
        Jenis::Teks,
        40.0,
        "",
        &[(T3_1, "program_kegiatan"), (T4_1, "program_kegiatan"), (T4_1, "nama")],
    ),
    k(
        "jenis_indikator",
        "Jenis Indikator",
        Jenis::Pilihan(Daftar::JenisIndikator),
        12.0,
        "capaian/keluaran/hasil",
        &[],
    ),
    k("indikator", "Indikator (Tolok Ukur)", Jenis::Teks, 40.0, "", &[(T3_1, "indikator"), (T4_1, "indikator")]),
    k("satuan", "Satuan", Jenis::Pilihan(Daftar::Satuan), 12.0, "satuan target", &[]),
    k("target", "Target Tahun n", Jenis::Angka, 11.0, "{n}", &[(T3_1, "target"), (T4_1, "target")]),
    k("target_maju", "Target Tahun n+1", Jenis::Angka, 11.0, "{n+1}", &[(T3_1, "target_maju"), (T4_1, "target_maju")]),
    k("target_renstra", "Target Akhir Renstra", Jenis::Angka, 11.0, "{akhir}", &[(T4_1, "target_renstra")]),
    k("realisasi_n2", "Realisasi Tahun n-2", Jenis::Angka, 11.0, "{n-2}", &[(T4_1, "realisasi_n2")]),
    k("prakiraan_n1", "Prakiraan Capaian Tahun n-1", Jenis::Angka, 11.0, "{n-1}", &[(T4_1, "prakiraan_n1")]),
    k("lokasi", "Lokasi", Jenis::Teks, 18.0, "", &[(T3_1, "lokasi"), (T4_1, "lokasi")]),
    k("sumber_dana", "Sumber Dana", Jenis::Teks, 14.0, "", &[(T3_1, "sumber_dana"), (T4_1, "sumber_dana")]),
    k("pagu_dana", "Pagu Sumber Dana (Rp)", Jenis::Rupiah, 16.0, "rincian sumber dana", &[]),
    k("pagu", "Pagu Indikatif Tahun n (Rp)", Jenis::Rupiah, 17.0, "{n}", &[(T3_1, "pagu"), (T4_1, "pagu")]),
    k(
        "pagu_maju",
        "Pagu Indikatif Tahun n+1 (Rp)",
        Jenis::Rupiah,
        17.0,
        "{n+1}",
        &[(T3_1, "pagu_maju"), (T4_1, "pagu_maju")],
    ),
    k("prioritas_nasional", "Prioritas Nasional", Jenis::Teks, 16.0, "", &[(T4_1, "prioritas_nasional")]),
    k("prioritas_provinsi", "Prioritas Provinsi", Jenis::Teks, 16.0, "label provinsi", &[]),
    k("prioritas_daerah", "Prioritas Daerah", Jenis::Teks, 16.0, "", &[(T4_1, "prioritas_daerah")]),
    k("kelompok_sasaran", "Kelompok Sasaran", Jenis::Teks, 16.0, "", &[(T4_1, "kelompok_sasaran")]),
    k("penanggung_jawab", "Perangkat Daerah Penanggung Jawab", Jenis::Teks, 18.0, "", &[(T4_1, "penanggung_jawab")]),
    k("waktu_pelaksanaan", "Waktu Pelaksanaan", Jenis::Teks, 14.0, "bulan pelaksanaan", &[]),
    k("catatan", "Catatan Penting", Jenis::Teks, 20.0, "", &[(T3_1, "catatan"), (T4_1, "catatan"), (T2_3, "catatan")]),
];

/// Tabel 2.1: one row per program and kegiatan, under a jenis urusan and an urusan row.
pub const KOLOM_EVALUASI: [KolomBuku; 13] = [
    k("tingkat", "Tingkat", Jenis::Pilihan(Daftar::TingkatEvaluasi), 13.0, "jenis baris", &[]),
    k("kode", "Kode Rencana", Jenis::Kode, 16.0, "nama, indikator, satuan kosong: dari lembar Rencana", &[]),
    k("nama", "Urusan/ Bidang Urusan/ Program/ Kegiatan", Jenis::Teks, 40.0, "", &[(T2_1, "program_kegiatan")]),
    k(
        "indikator",
        "Indikator Kinerja Program (outcome)/ Kegiatan (output)",
        Jenis::Teks,
        40.0,
        "",
        &[(T2_1, "indikator")],
    ),
    k("satuan", "Satuan", Jenis::Pilihan(Daftar::Satuan), 12.0, "satuan nilai", &[]),
    k("kumulatif", "Kumulatif", Jenis::Pilihan(Daftar::Kumulatif), 10.0, "kosong: menurut satuan", &[]),
    k("polaritas", "Polaritas", Jenis::Pilihan(Daftar::Polaritas), 10.0, "kosong: positif", &[]),
    k("target_renstra", "Target Renstra Akhir Periode", Jenis::Angka, 12.0, "{akhir}", &[(T2_1, "target_renstra")]),
    k("realisasi_sd_n3", "Realisasi s/d Tahun n-3", Jenis::Angka, 12.0, "{n-3}", &[(T2_1, "realisasi_sd_n3")]),
    k("target_n2", "Target Renja Tahun n-2", Jenis::Angka, 12.0, "{n-2}", &[(T2_1, "target_n2")]),
    k("realisasi_n2", "Realisasi Renja Tahun n-2", Jenis::Angka, 12.0, "{n-2}", &[(T2_1, "realisasi_n2")]),
    k("target_n1", "Target Renja Tahun n-1", Jenis::Angka, 12.0, "{n-1}", &[(T2_1, "target_n1")]),
    k("keterangan", "Keterangan", Jenis::Teks, 24.0, "alasan nilai kosong", &[]),
];

/// Tabel 2.2: one row per line of values; a line whose Kelompok and Indikator are empty
/// continues the row above in another satuan.
pub const KOLOM_KINERJA: [KolomBuku; 15] = [
    k("kelompok", "Kelompok", Jenis::Pilihan(Daftar::KelompokKinerja), 11.0, "jenis baris", &[]),
    k("kode", "Kode Rencana", Jenis::Kode, 16.0, "indikator kosong: dari lembar Rencana", &[]),
    k("indikator", "Indikator", Jenis::Teks, 40.0, "", &[(T2_2, "indikator")]),
    k("spm", "SPM/ Standar Nasional", Jenis::Teks, 12.0, "", &[(T2_2, "spm")]),
    k("ikk", "IKK", Jenis::Teks, 10.0, "", &[(T2_2, "ikk")]),
    k("satuan", "Satuan", Jenis::Pilihan(Daftar::Satuan), 12.0, "satuan nilai", &[]),
    k("target_n2", "Target Renstra Tahun n-2", Jenis::Angka, 11.0, "{n-2}", &[(T2_2, "target_n2")]),
    k("target_n1", "Target Renstra Tahun n-1", Jenis::Angka, 11.0, "{n-1}", &[(T2_2, "target_n1")]),
    k("target_n", "Target Renstra Tahun n", Jenis::Angka, 11.0, "{n}", &[(T2_2, "target_n")]),
    k("target_maju", "Target Renstra Tahun n+1", Jenis::Angka, 11.0, "{n+1}", &[(T2_2, "target_maju")]),
    k("realisasi_n2", "Realisasi Tahun n-2", Jenis::Angka, 11.0, "{n-2}", &[(T2_2, "realisasi_n2")]),
    k("realisasi_n1", "Realisasi Tahun n-1", Jenis::Angka, 11.0, "{n-1}", &[(T2_2, "realisasi_n1")]),
    k("proyeksi_n", "Proyeksi Tahun n", Jenis::Angka, 11.0, "{n}", &[(T2_2, "proyeksi_n")]),
    k("proyeksi_maju", "Proyeksi Tahun n+1", Jenis::Angka, 11.0, "{n+1}", &[(T2_2, "proyeksi_maju")]),
    k("catatan", "Catatan Analisis", Jenis::Teks, 26.0, "", &[(T2_2, "catatan")]),
];

/// Tabel 2.3: per kegiatan of the sheet Rencana, the Rancangan Awal RKPD and, where it differs
/// from the plan, the needs analysis.
pub const KOLOM_RKPD: [KolomBuku; 8] = [
    k("kode", "Kode Kegiatan", Jenis::Kode, 19.0, "kunci ke lembar Rencana", &[]),
    k(
        "nama",
        "Kegiatan (dari lembar Rencana, tidak diimpor)",
        Jenis::Teks,
        40.0,
        "",
        &[(T2_3, "program_kegiatan_rkpd"), (T2_3, "program_kegiatan_analisis")],
    ),
    k("rkpd_lokasi", "Lokasi RKPD", Jenis::Teks, 18.0, "kosong: lokasi rencana", &[(T2_3, "lokasi_rkpd")]),
    k("rkpd_target", "Target RKPD", Jenis::Angka, 12.0, "kosong: target rencana", &[(T2_3, "target_rkpd")]),
    k("rkpd_pagu", "Pagu Indikatif RKPD (Rp)", Jenis::Rupiah, 17.0, "", &[(T2_3, "pagu_rkpd")]),
    k(
        "analisis_lokasi",
        "Lokasi Hasil Analisis",
        Jenis::Teks,
        18.0,
        "kosong: lokasi rencana",
        &[(T2_3, "lokasi_analisis")],
    ),
    k(
        "analisis_target",
        "Target Hasil Analisis",
        Jenis::Angka,
        12.0,
        "kosong: target rencana",
        &[(T2_3, "target_analisis")],
    ),
    k(
        "analisis_pagu",
        "Kebutuhan Dana Hasil Analisis (Rp)",
        Jenis::Rupiah,
        17.0,
        "kosong: pagu rencana",
        &[(T2_3, "pagu_analisis")],
    ),
];

/// Tabel 2.4: one row per usulan; no row prints NIHIL.
pub const KOLOM_USULAN: [KolomBuku; 6] = [
    k("no", "No", Jenis::Teks, 5.0, "urutan", &[]),
    k("program_kegiatan", "Program/Kegiatan", Jenis::Teks, 40.0, "", &[(T2_4, "program_kegiatan")]),
    k("lokasi", "Lokasi", Jenis::Teks, 22.0, "", &[(T2_4, "lokasi")]),
    k("indikator", "Indikator Kinerja", Jenis::Teks, 40.0, "", &[(T2_4, "indikator")]),
    k("volume", "Volume", Jenis::Teks, 14.0, "", &[(T2_4, "volume")]),
    k("catatan", "Catatan", Jenis::Teks, 30.0, "", &[(T2_4, "catatan")]),
];

/// The sheet Identitas: the facts that fix the tables' years and code list, and the ceiling.
pub const ISIAN_TAHUN: &str = "Tahun rencana (n)";
pub const ISIAN_NOMENKLATUR: &str = "Nomenklatur kode";
pub const ISIAN_RENSTRA_AWAL: &str = "Awal periode Renstra";
pub const ISIAN_RENSTRA_AKHIR: &str = "Akhir periode Renstra";
pub const ISIAN_PAGU_BATAS: &str = "Pagu batas RKPD (Rp)";
pub const ISIAN_IDENTITAS: [&str; 5] =
    [ISIAN_TAHUN, ISIAN_NOMENKLATUR, ISIAN_RENSTRA_AWAL, ISIAN_RENSTRA_AKHIR, ISIAN_PAGU_BATAS];

/// The data columns of each table sheet.
pub fn kolom(lembar: &str) -> &'static [KolomBuku] {
    match lembar {
        RENCANA => &KOLOM_RENCANA,
        EVALUASI => &KOLOM_EVALUASI,
        KINERJA => &KOLOM_KINERJA,
        RKPD => &KOLOM_RKPD,
        USULAN => &KOLOM_USULAN,
        _ => &[],
    }
}

/// The index of a column by its key.
pub fn indeks(kolom: &[KolomBuku], kunci: &str) -> usize {
    kolom.iter().position(|k| k.kunci == kunci).unwrap_or_else(|| panic!("no column {kunci}"))
}

/// A column's letters: 0 → A, 26 → AA.
pub fn huruf_kolom(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// `Rencana!C12` for the 0-based row and column.
pub fn sel(lembar: &str, baris: u32, kolom: usize) -> String {
    format!("{lembar}!{}{}", huruf_kolom(kolom), baris + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_and_cells() {
        assert_eq!(huruf_kolom(0), "A");
        assert_eq!(huruf_kolom(25), "Z");
        assert_eq!(huruf_kolom(26), "AA");
        assert_eq!(huruf_kolom(27), "AB");
        assert_eq!(huruf_kolom(701), "ZZ");
        assert_eq!(huruf_kolom(702), "AAA");
        assert_eq!(sel(RENCANA, 11, 2), "Rencana!C12");
    }

    #[test]
    fn the_first_column_of_a_sheet_marks_the_printed_columns_row_with_a_fixed_note() {
        // The reader recognises that row by this note, without knowing the plan.
        for lembar in [RENCANA, EVALUASI, KINERJA, RKPD, USULAN] {
            let first = kolom(lembar)[0];
            assert!(first.cetak.is_empty() && !first.catatan.is_empty() && !first.catatan.contains('{'), "{lembar}");
        }
    }

    #[test]
    fn headers_are_unique_within_a_sheet() {
        for lembar in [RENCANA, EVALUASI, KINERJA, RKPD, USULAN] {
            let kolom = kolom(lembar);
            for (i, a) in kolom.iter().enumerate() {
                for b in &kolom[i + 1..] {
                    assert_ne!(a.judul.to_lowercase(), b.judul.to_lowercase(), "{lembar}");
                    assert_ne!(a.kunci, b.kunci, "{lembar}");
                }
            }
        }
    }
}
