//! The plan: everything a Renja is made of, as typed in `plan.json`.
//!
//! A plan holds source data only. Every derived column, total, count and rate is computed by
//! [`crate::compute`]; nothing in here is ever a sum or a ratio typed by hand.
//!
//! Text comes in three kinds, and the type says which:
//! - [`String`]: plain text, printed exactly as written (names, indicators, lokasi, catatan…);
//! - [`Prosa`]: a chapter's narrative, a small Markdown subset plus `{{ nama }}` placeholders;
//! - [`Teks`]: a one-line title or phrase that may hold placeholders but no Markdown.

use std::fmt;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Location};

/// The whole plan.json.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Lets editors find the JSON Schema; ignored by renja.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub identitas: Identitas,
    pub keputusan: Keputusan,
    pub penandatangan: Penandatangan,
    #[serde(default)]
    pub pengaturan: Pengaturan,
    pub bab_1: Bab1,
    pub bab_2: Bab2,
    pub bab_3: Bab3,
    pub bab_4: Bab4,
    pub bab_5: Bab5,
    /// Tabel 2.1: evaluation of the Renja of n-2 and of the Renstra up to n-1.
    pub evaluasi: Evaluasi,
    /// Tabel 2.2: kinerja pelayanan.
    pub kinerja_pelayanan: KinerjaPelayanan,
    /// Tabel 2.4: usulan program dan kegiatan masyarakat; empty means NIHIL.
    #[serde(default)]
    pub usulan_masyarakat: Vec<UsulanMasyarakat>,
    /// The program/kegiatan plan of year n: Tabel 3.1, 4.1 and the right half of Tabel 2.3.
    pub rencana: Rencana,
    /// Lampiran 1: tujuan → sasaran → program → indikator.
    pub pohon_kinerja: Vec<Tujuan>,
    /// Lampiran 2: Indikator Kinerja Utama with their formulas.
    #[serde(default)]
    pub indikator_kinerja_utama: Vec<IndikatorKinerjaUtama>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identitas {
    /// e.g. "Kabupaten Malang".
    pub pemda: String,
    /// e.g. "Bupati Malang": the head of the region whose decree this document is appended to.
    pub kepala_daerah: String,
    /// e.g. "Bagian Administrasi Kerja Sama Sekretariat Daerah".
    pub perangkat_daerah: String,
    /// Tahun rencana, n. Every n-1, n-2, n-3 and n+1 label derives from it.
    #[serde(deserialize_with = "tahun_terbatas")]
    pub tahun: i32,
    pub tahap: Tahap,
    /// The Renstra period, e.g. 2016–2021; Tabel 2.1 column 4 is its end-of-period target.
    pub periode_renstra: Periode,
    /// "86/2017" or "90/2019": the code list the plan uses. When absent: 90/2019 from TA 2021.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nomenklatur: Option<crate::sipd::Nomenklatur>,
    /// The Perangkat Daerah's own bidang urusan, e.g. "1.02": replaces `X.XX` in shared
    /// programs. When absent: the first urusan heading written `X.XX`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode_bidang: Option<String>,
    /// The year of the plan this one was rolled on from (`renja next-year` writes it): `check`
    /// warns at each literal mention of that year in the narrative until the field is removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tahun_asal: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Tahap {
    RancanganAwal,
    Rancangan,
    RancanganAkhir,
    Perubahan,
    Final,
}

impl Tahap {
    /// The stage as it appears in a decree title ("Rancangan Akhir").
    pub fn label(self) -> &'static str {
        match self {
            Tahap::RancanganAwal => "Rancangan Awal",
            Tahap::Rancangan => "Rancangan",
            Tahap::RancanganAkhir => "Rancangan Akhir",
            Tahap::Perubahan => "Perubahan",
            Tahap::Final => "",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Periode {
    pub awal: i32,
    pub akhir: i32,
}

/// The decree this document is the LAMPIRAN of.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Keputusan {
    /// e.g. "Keputusan Bupati Malang".
    pub jenis: String,
    /// The number exactly as registered, blanks kept: "188.45/ /KEP/35.07.013/2018".
    pub nomor: String,
    /// Date of the decree (YYYY-MM-DD), if already known.
    #[serde(default)]
    pub tanggal: Option<Tanggal>,
    /// What the decree is about; may use placeholders such as `{{ tahun }}`.
    pub tentang: Teks,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penandatangan {
    /// e.g. "Bupati Malang".
    pub jabatan: String,
    pub nama: String,
    #[serde(default)]
    pub pangkat: Option<String>,
    #[serde(default)]
    pub nip: Option<String>,
    /// Place of signing, e.g. "Kepanjen".
    #[serde(default)]
    pub tempat: Option<String>,
    /// Date of signing (YYYY-MM-DD).
    #[serde(default)]
    pub tanggal: Option<Tanggal>,
    /// How the appendix is signed: by hand and stamp, or electronically (BSrE).
    #[serde(default)]
    pub ttd: Ttd,
    /// The reserved box and statement of an electronic signature.
    #[serde(default)]
    pub ttd_elektronik: TtdElektronik,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Ttd {
    /// Wet ink and stamp: blank space above the name.
    #[default]
    Basah,
    /// Electronic signature: a reserved box for the visual signature or QR code.
    Elektronik,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TtdElektronik {
    /// Width of the reserved box, in millimetres.
    #[serde(default = "TtdElektronik::default_lebar")]
    pub lebar_mm: u32,
    /// Height of the reserved box, in millimetres.
    #[serde(default = "TtdElektronik::default_tinggi")]
    pub tinggi_mm: u32,
    /// A character placed in the box for tag-based placement (e.g. "^"); it may occur nowhere
    /// else in the document.
    #[serde(default)]
    pub tag: Option<String>,
    /// The statement e-signed documents carry in their footer.
    #[serde(default = "TtdElektronik::default_keterangan")]
    pub keterangan: String,
}

impl TtdElektronik {
    fn default_lebar() -> u32 {
        50
    }

    fn default_tinggi() -> u32 {
        25
    }

    fn default_keterangan() -> String {
        "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan \
         oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara, sesuai Undang-Undang \
         Nomor 11 Tahun 2008 tentang Informasi dan Transaksi Elektronik beserta perubahannya."
            .to_owned()
    }
}

impl Default for TtdElektronik {
    fn default() -> Self {
        TtdElektronik {
            lebar_mm: Self::default_lebar(),
            tinggi_mm: Self::default_tinggi(),
            tag: None,
            keterangan: Self::default_keterangan(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pengaturan {
    /// Decimals of every percentage (rounded half-up). 0 prints 94%, 1 prints 93,6%.
    #[serde(default)]
    pub desimal_persen: u32,
    /// Paper size of the PDF.
    #[serde(default)]
    pub kertas: Kertas,
    /// Template text still to be replaced, besides renja init's "(Ganti teks ini.)": a final
    /// build refuses a plan that still holds any of it; drafts and previews build.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teks_templat: Vec<String>,
    /// Print the predikat of each Tabel 2.1 rate as a last column in the PDF too (the reference
    /// has no such column; the exports always carry it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub predikat_di_pdf: bool,
    /// Body text size in points: 12 (the produk-hukum convention) or 11.
    #[serde(default)]
    pub ukuran_huruf: UkuranHuruf,
    /// Time zone of the previews' "dicetak" stamp. Without it: the province's, when the pemda
    /// is a province, else WIB.
    #[serde(default)]
    pub zona_waktu: Option<ZonaWaktu>,
    /// The layout of Tabel 4.1: the classic T-C.33 or the 17-column SIPD-RI table.
    #[serde(default, skip_serializing_if = "TabelBab4::is_default")]
    pub tabel_bab_4: TabelBab4,
    /// How Tabel 2.1 rates a program (and a kegiatan with sub-kegiatan): the mean of its
    /// children's rates (the reference's rule, the default) or its own indicator's 7/6.
    #[serde(default, skip_serializing_if = "TingkatInduk::is_default")]
    pub tingkat_induk: TingkatInduk,
}

/// The mark `renja init` puts in every text the planner has to write.
pub const TEKS_TEMPLAT_INIT: &str = "(Ganti teks ini.)";

impl Default for Pengaturan {
    fn default() -> Self {
        Pengaturan {
            desimal_persen: 0,
            kertas: Kertas::A4,
            teks_templat: Vec::new(),
            predikat_di_pdf: false,
            ukuran_huruf: UkuranHuruf::default(),
            zona_waktu: None,
            tabel_bab_4: TabelBab4::default(),
            tingkat_induk: TingkatInduk::default(),
        }
    }
}

/// Indonesia's time zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum ZonaWaktu {
    /// UTC+7: Sumatra, Java, West and Central Kalimantan.
    #[serde(rename = "WIB")]
    Wib,
    /// UTC+8: Bali, Nusa Tenggara, South, East and North Kalimantan, Sulawesi.
    #[serde(rename = "WITA")]
    Wita,
    /// UTC+9: Maluku and Papua.
    #[serde(rename = "WIT")]
    Wit,
}

impl ZonaWaktu {
    pub fn jam_dari_utc(self) -> i64 {
        match self {
            ZonaWaktu::Wib => 7,
            ZonaWaktu::Wita => 8,
            ZonaWaktu::Wit => 9,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ZonaWaktu::Wib => "WIB",
            ZonaWaktu::Wita => "WITA",
            ZonaWaktu::Wit => "WIT",
        }
    }

    /// The plan's zone: `pengaturan.zona_waktu`, else the province's when the pemda is a
    /// province ("Provinsi Bali"), else WIB (a kabupaten or kota does not name its province).
    pub fn of(plan: &Plan) -> ZonaWaktu {
        if let Some(zona) = plan.pengaturan.zona_waktu {
            return zona;
        }
        let pemda = plan.identitas.pemda.to_lowercase();
        let Some(provinsi) = pemda.trim().strip_prefix("provinsi ") else { return ZonaWaktu::Wib };
        const WITA: [&str; 7] = [
            "bali",
            "nusa tenggara",
            "kalimantan selatan",
            "kalimantan timur",
            "kalimantan utara",
            "sulawesi",
            "gorontalo",
        ];
        if provinsi.starts_with("maluku") || provinsi.starts_with("papua") {
            ZonaWaktu::Wit
        } else if WITA.iter().any(|p| provinsi.starts_with(p)) {
            ZonaWaktu::Wita
        } else {
            ZonaWaktu::Wib
        }
    }
}

#[cfg(test)]
mod zona_tests {
    use super::ZonaWaktu;

    fn zona(pemda: &str, setting: Option<ZonaWaktu>) -> ZonaWaktu {
        let mut plan: super::Plan = serde_json::from_str(include_str!("../plan.json")).expect("the flagship parses");
        plan.identitas.pemda = pemda.to_owned();
        plan.pengaturan.zona_waktu = setting;
        ZonaWaktu::of(&plan)
    }

    #[test]
    fn the_time_zone_comes_from_the_setting_or_the_province() {
        assert_eq!(zona("Kabupaten Malang", None), ZonaWaktu::Wib);
        assert_eq!(zona("Provinsi Bali", None), ZonaWaktu::Wita);
        assert_eq!(zona("Provinsi Sulawesi Selatan", None), ZonaWaktu::Wita);
        assert_eq!(zona("Provinsi Papua Barat Daya", None), ZonaWaktu::Wit);
        assert_eq!(zona("Provinsi Kalimantan Barat", None), ZonaWaktu::Wib);
        assert_eq!(zona("Kota Makassar", Some(ZonaWaktu::Wita)), ZonaWaktu::Wita);
    }
}

/// Body text size: 12 pt, or 11 pt where a plan asks for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(try_from = "u8", into = "u8")]
#[schemars(extend("enum" = [11, 12]))]
pub enum UkuranHuruf {
    Sebelas,
    #[default]
    DuaBelas,
}

impl TryFrom<u8> for UkuranHuruf {
    type Error = String;

    fn try_from(points: u8) -> Result<Self, Self::Error> {
        match points {
            11 => Ok(UkuranHuruf::Sebelas),
            12 => Ok(UkuranHuruf::DuaBelas),
            _ => Err(format!("ukuran huruf {points} pt tidak didukung; pilih 11 atau 12")),
        }
    }
}

impl From<UkuranHuruf> for u8 {
    fn from(size: UkuranHuruf) -> u8 {
        match size {
            UkuranHuruf::Sebelas => 11,
            UkuranHuruf::DuaBelas => 12,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum TingkatInduk {
    /// Column 8 of a parent row is the mean of its children's column 8.
    #[default]
    #[serde(rename = "rata_rata_anak")]
    RataRataAnak,
    /// Column 8 of a parent row is its own indicator's column 7 / column 6.
    #[serde(rename = "indikator_sendiri")]
    IndikatorSendiri,
}

impl TingkatInduk {
    fn is_default(&self) -> bool {
        *self == TingkatInduk::default()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum TabelBab4 {
    /// Permendagri 86/2017 T-C.33: kode, program/kegiatan, indikator, lokasi, target, pagu,
    /// sumber dana, catatan.
    #[default]
    #[serde(rename = "t-c.33")]
    TC33,
    /// The 17 columns of the SIPD-RI Renja report (TA 2024 on).
    #[serde(rename = "sipd-ri")]
    SipdRi,
}

impl TabelBab4 {
    fn is_default(&self) -> bool {
        *self == TabelBab4::default()
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Kertas {
    #[default]
    A4,
    /// Folio, 215 × 330 mm.
    F4,
}

// ---------------------------------------------------------------------------------------------
// Narrative

/// One numbered section: its prose, and the prose that follows its table or figure.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bagian {
    /// Overrides the standard section title of Permendagri 86/2017.
    #[serde(default)]
    pub judul: Option<Teks>,
    #[serde(default)]
    pub isi: Prosa,
    /// Prose after the section's table, figure or generated list.
    #[serde(default)]
    pub isi_lanjutan: Prosa,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab1 {
    #[serde(default)]
    pub judul: Option<Teks>,
    /// 1.1; the figure "Keterkaitan antar dokumen perencanaan" stands between isi and isi_lanjutan.
    pub latar_belakang: Bagian,
    pub landasan_hukum: Bagian,
    pub maksud_tujuan: Bagian,
    /// 1.4; the outline itself is generated from the document's own headings.
    #[serde(default)]
    pub sistematika: Bagian,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab2 {
    #[serde(default)]
    pub judul: Option<Teks>,
    /// 2.1, around Tabel 2.1.
    pub evaluasi: Bagian,
    /// 2.2, around Tabel 2.2.
    pub kinerja_pelayanan: Bagian,
    /// 2.3.
    pub isu_penting: Bagian,
    /// 2.4, around Tabel 2.3.
    pub review_rkpd: Bagian,
    /// 2.5, around Tabel 2.4.
    pub usulan_masyarakat: Bagian,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab3 {
    #[serde(default)]
    pub judul: Option<Teks>,
    /// 3.1.
    pub telaahan_kebijakan: Bagian,
    /// 3.2, the introduction before 3.2.1.
    #[serde(default)]
    pub tujuan_sasaran: Bagian,
    /// 3.2.1.
    pub tujuan: Bagian,
    /// 3.2.2.
    pub sasaran: Bagian,
    /// 3.3; the lists 3.3.1 Program and 3.3.2 Kegiatan are generated from `rencana`,
    /// Tabel 3.1 follows isi_lanjutan.
    pub program_kegiatan: Bagian,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab4 {
    #[serde(default)]
    pub judul: Option<Teks>,
    /// Before Tabel 4.1.
    #[serde(default)]
    pub isi: Prosa,
    /// After Tabel 4.1.
    #[serde(default)]
    pub isi_lanjutan: Prosa,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab5 {
    #[serde(default)]
    pub judul: Option<Teks>,
    pub isi: Prosa,
    /// The closing formula before the signature, e.g. "Demikian untuk dilaksanakan.".
    #[serde(default)]
    pub penutup: Option<String>,
}

/// Narrative text: Markdown subset plus `{{ nama }}` placeholders (see [`crate::prose`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Prosa(pub String);

/// A one-line phrase with `{{ nama }}` placeholders and no Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Teks(pub String);

// ---------------------------------------------------------------------------------------------
// Tabel 2.1

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluasi {
    /// e.g. "Fungsi Penunjang Urusan Pemerintahan".
    pub jenis_urusan: String,
    /// e.g. "Fungsi Lainnya".
    pub urusan: String,
    pub program: Vec<ProgramEvaluasi>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramEvaluasi {
    /// The program of `rencana` this row evaluates: its name and indicator are taken from there
    /// where left out. A past program not in this year's plan carries its own name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nama: String,
    pub indikator: IndikatorEvaluasi,
    pub kegiatan: Vec<KegiatanEvaluasi>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KegiatanEvaluasi {
    /// The kegiatan of `rencana` this row evaluates (as for a program).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nama: String,
    pub indikator: IndikatorEvaluasi,
    /// Its sub-kegiatan (Permendagri 90/2019), each evaluated on its own keluaran; the
    /// kegiatan's rate is then the mean of theirs (or its own, `pengaturan.tingkat_induk`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_kegiatan: Vec<SubKegiatanEvaluasi>,
}

/// A sub-kegiatan row of Tabel 2.1.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubKegiatanEvaluasi {
    /// The sub-kegiatan of `rencana` this row evaluates (as for a program).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nama: String,
    pub indikator: IndikatorEvaluasi,
}

/// One indicator of Tabel 2.1 with its source columns (4, 5, 6, 7, 9).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndikatorEvaluasi {
    /// Column 3, without the "Outcome :"/"Output :" prefix; left out, the indicator of the
    /// node the row's `kode` names.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub uraian: String,
    /// Unit of every value of the row, e.g. "Buah", "%"; left out, the node's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub satuan: String,
    /// Cumulative indicators add up over the years (10 = 5+7+9); the others are levels whose
    /// column 10 is the latest value. Unset, a level-like satuan ([`SATUAN_TINGKAT`]: %,
    /// persen, indeks, rasio…) means false, anything else true.
    #[serde(default)]
    pub kumulatif: Option<bool>,
    #[serde(default)]
    pub polaritas: Polaritas,
    /// Column 4: target at the end of the Renstra period.
    #[serde(default)]
    pub target_renstra: Option<Nilai>,
    /// Column 5: realisation up to n-3.
    #[serde(default)]
    pub realisasi_sd_n3: Option<Nilai>,
    /// Column 6: target of the Renja n-2.
    #[serde(default)]
    pub target_n2: Option<Nilai>,
    /// Column 7: realisation of the Renja n-2.
    #[serde(default)]
    pub realisasi_n2: Option<Nilai>,
    /// Column 9: target of the Renja n-1 (tahun berjalan).
    #[serde(default)]
    pub target_n1: Option<Nilai>,
    /// Why a value of the row is missing, e.g. "tidak dilaksanakan"; printed in the row. A row
    /// without realisasi n-2 needs one to appear in a final document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keterangan: Option<String>,
}

impl IndikatorEvaluasi {
    pub fn is_kumulatif(&self) -> bool {
        self.kumulatif.unwrap_or(sifat_satuan(&self.satuan) != SifatSatuan::Tingkat)
    }

    /// The reason the plan gives for a missing value, if it gives one.
    pub fn alasan(&self) -> Option<&str> {
        self.keterangan.as_deref().map(str::trim).filter(|k| !k.is_empty())
    }
}

/// Words of a satuan that name a level, not a count: an indicator in such a unit is not
/// cumulative unless its `kumulatif` says so. Matched against each word of the satuan,
/// ignoring case ("Indeks Kepuasan", "Nilai SAKIP", "% (persen)").
pub const SATUAN_TINGKAT: [&str; 11] =
    ["%", "persen", "prosentase", "indeks", "rasio", "nilai", "skor", "predikat", "opini", "peringkat", "tingkat"];

/// Words of a satuan that name a count of things or of work: cumulative unless `kumulatif`
/// says otherwise. A satuan with neither kind of word leaves the nature unknown; `check` then
/// asks for `kumulatif`.
pub const SATUAN_JUMLAH: [&str; 60] = [
    "dokumen",
    "buah",
    "unit",
    "orang",
    "jenis",
    "kegiatan",
    "laporan",
    "kali",
    "paket",
    "lokasi",
    "desa",
    "kelurahan",
    "kecamatan",
    "sekolah",
    "rumah",
    "km",
    "meter",
    "m",
    "m2",
    "ha",
    "hektar",
    "ton",
    "kg",
    "liter",
    "ekor",
    "lembaga",
    "kelompok",
    "naskah",
    "perda",
    "perkada",
    "rekomendasi",
    "surat",
    "berkas",
    "bulan",
    "hari",
    "jam",
    "pertemuan",
    "peserta",
    "sertifikat",
    "izin",
    "aplikasi",
    "sistem",
    "layanan",
    "kasus",
    "set",
    "eksemplar",
    "judul",
    "mou",
    "pks",
    "ks",
    "ob",
    "hok",
    "kk",
    "jiwa",
    "pasien",
    "kajian",
    "produk",
    "regulasi",
    "perjanjian",
    "dokumentasi",
];

/// Whether a satuan names a level, a count, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SifatSatuan {
    Tingkat,
    Jumlah,
    TidakDiketahui,
}

pub fn sifat_satuan(satuan: &str) -> SifatSatuan {
    let lower = satuan.to_lowercase();
    if lower.contains('%') {
        return SifatSatuan::Tingkat;
    }
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| SATUAN_TINGKAT.contains(w)) {
        SifatSatuan::Tingkat
    } else if words.iter().any(|w| SATUAN_JUMLAH.contains(w)) {
        SifatSatuan::Jumlah
    } else {
        SifatSatuan::TidakDiketahui
    }
}

/// Positive: higher is better (rate = realisasi/target). Negative: lower is better
/// (rate = target/realisasi), e.g. a stunting prevalence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Polaritas {
    #[default]
    Positif,
    Negatif,
}

// ---------------------------------------------------------------------------------------------
// Tabel 2.2

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KinerjaPelayanan {
    /// "Indikator Kinerja Utama" rows.
    #[serde(default)]
    pub indikator_utama: Vec<BarisKinerja>,
    /// "Indikator Program dan Kegiatan" rows: each program with its kegiatan.
    #[serde(default)]
    pub program: Vec<BarisKinerja>,
}

/// One row of Tabel 2.2.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BarisKinerja {
    /// A program or kegiatan row may name its node of `rencana`, whose indicator it then
    /// takes where `indikator` is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indikator: String,
    #[serde(default)]
    pub spm: String,
    #[serde(default)]
    pub ikk: String,
    /// One line of values per unit, e.g. "5%" and below it "47 Dokumen Kerja Sama".
    pub nilai: Vec<NilaiKinerja>,
    #[serde(default)]
    pub catatan: String,
    /// A program row's kegiatan (only under `program`).
    #[serde(default)]
    pub kegiatan: Vec<BarisKinerja>,
}

/// Target Renstra n-2…n+1, realisasi n-2 and n-1, proyeksi n and n+1, in one unit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NilaiKinerja {
    pub satuan: String,
    /// Target Renstra for n-2, n-1, n, n+1; null prints "-".
    pub target: [Option<Nilai>; 4],
    /// Realisasi for n-2, n-1.
    pub realisasi: [Option<Nilai>; 2],
    /// Proyeksi for n, n+1.
    pub proyeksi: [Option<Nilai>; 2],
}

// ---------------------------------------------------------------------------------------------
// Tabel 2.4

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UsulanMasyarakat {
    pub program_kegiatan: String,
    #[serde(default)]
    pub lokasi: String,
    #[serde(default)]
    pub indikator: String,
    #[serde(default)]
    pub volume: String,
    #[serde(default)]
    pub catatan: String,
}

// ---------------------------------------------------------------------------------------------
// The plan of year n: Tabel 3.1, 4.1 and 2.3

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rencana {
    /// Heading rows above the programs: urusan and bidang urusan, each with its kode.
    pub urusan: Vec<Urusan>,
    pub program: Vec<Program>,
    /// The ceiling of the Perangkat Daerah in the RKPD, if stated; the total pagu may not exceed it.
    #[serde(default)]
    pub pagu_batas: Option<Rupiah>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Urusan {
    pub kode: String,
    pub nama: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub kode: String,
    pub nama: String,
    /// Outcome indicator, without the "Outcome :" prefix.
    pub indikator: String,
    pub satuan: String,
    pub target: Nilai,
    /// Target of the prakiraan maju n+1 (Tabel 3.1).
    #[serde(default)]
    pub target_maju: Option<Nilai>,
    #[serde(default)]
    pub lokasi: String,
    #[serde(default)]
    pub sumber_dana: String,
    #[serde(default)]
    pub catatan: String,
    /// Further capaian program (outcome) indicators, each printed on its own line.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capaian: Vec<crate::sipd::Indikator>,
    pub kegiatan: Vec<Kegiatan>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kegiatan {
    pub kode: String,
    pub nama: String,
    /// Output indicator, without the "Output :" prefix.
    pub indikator: String,
    pub satuan: String,
    pub target: Nilai,
    pub lokasi: String,
    // Pagu indikatif, only where the kegiatan has no `sub_kegiatan` (then it is their sum). A
    // plain comment: the schema's description of a pagu stays Rupiah's, for load errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagu: Option<Rupiah>,
    #[serde(default)]
    pub sumber_dana: String,
    /// Prakiraan maju n+1.
    #[serde(default)]
    pub target_maju: Option<Nilai>,
    #[serde(default)]
    pub pagu_maju: Option<Rupiah>,
    /// Catatan penting, e.g. "Kegiatan yang Responsif Gender".
    #[serde(default)]
    pub catatan: String,
    /// Left half of Tabel 2.3: the same kegiatan in the Rancangan Awal RKPD.
    #[serde(default)]
    pub rkpd: Option<KegiatanRkpd>,
    /// Right half of Tabel 2.3, where the needs analysis states something other than this plan.
    /// `check` warns when its target or pagu disagree with the plan (Tabel 4.1).
    #[serde(default)]
    pub hasil_analisis: Option<HasilAnalisis>,
    /// Further keluaran (output) indicators, after the one above.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keluaran: Vec<crate::sipd::Indikator>,
    /// Hasil (outcome) indicators of the kegiatan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hasil: Vec<crate::sipd::Indikator>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kelompok_sasaran: String,
    /// The sub-unit responsible; defaults to the Perangkat Daerah.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub penanggung_jawab: String,
    /// The sub-kegiatan (Permendagri 90/2019); their pagu add up to the kegiatan's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_kegiatan: Vec<crate::sipd::SubKegiatan>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KegiatanRkpd {
    /// Pagu indikatif in the Rancangan Awal RKPD.
    pub pagu: Rupiah,
    /// Defaults to the plan's lokasi.
    #[serde(default)]
    pub lokasi: Option<String>,
    /// Defaults to the plan's target.
    #[serde(default)]
    pub target: Option<Nilai>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HasilAnalisis {
    #[serde(default)]
    pub lokasi: Option<String>,
    #[serde(default)]
    pub target: Option<Nilai>,
    #[serde(default)]
    pub pagu: Option<Rupiah>,
}

// ---------------------------------------------------------------------------------------------
// Lampiran

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tujuan {
    pub uraian: String,
    pub sasaran: Vec<Sasaran>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sasaran {
    pub uraian: String,
    pub program: Vec<ProgramPohon>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramPohon {
    /// The program of `rencana`, whose name and indicator are taken where left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub nama: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indikator: String,
    #[serde(default)]
    pub rumus: Option<Rumus>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndikatorKinerjaUtama {
    pub indikator: String,
    pub rumus: Rumus,
}

/// A ratio indicator: pembilang / penyebut × 100%.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rumus {
    pub pembilang: String,
    pub penyebut: String,
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// An amount in whole rupiah. Written as a JSON integer or a string of digits, never with
/// separators; loaded exactly into a [`Decimal`]. Negative or fractional strings load, so that
/// `check` can report them together with every other problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rupiah(pub Decimal);

impl Serialize for Rupiah {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_angka(self.0, s)
    }
}

/// A number as the plan writes it: a JSON number where that keeps it exactly as written
/// (`5067000`, `80.5`), else a decimal string (`"80.50"`, 30 digits), which loads the same.
fn serialize_angka<S: serde::Serializer>(value: Decimal, s: S) -> Result<S::Ok, S::Error> {
    let text = value.to_string();
    if value.scale() == 0
        && let Ok(whole) = text.parse::<i64>()
    {
        return s.serialize_i64(whole);
    }
    match text.parse::<f64>() {
        Ok(float) if float.is_finite() && float.to_string() == text => s.serialize_f64(float),
        _ => s.serialize_str(&text),
    }
}

/// A target or realisation value: a JSON number or a decimal string ("80.5"), loaded exactly
/// into a [`Decimal`], in its indicator's `satuan`. Where a source states the unit of one value,
/// write `{ "nilai": 2, "satuan": "Unit" }`; `check` then verifies it matches the indicator's.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Nilai {
    pub angka: Decimal,
    pub satuan: Option<String>,
}

impl Nilai {
    pub fn new(angka: Decimal) -> Self {
        Nilai { angka, satuan: None }
    }
}

impl Serialize for Nilai {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        /// The value alone, as [`serialize_angka`] writes it.
        struct Angka(Decimal);
        impl Serialize for Angka {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                serialize_angka(self.0, s)
            }
        }
        match &self.satuan {
            None => serialize_angka(self.angka, s),
            Some(satuan) => {
                let mut st = s.serialize_struct("Nilai", 2)?;
                st.serialize_field("nilai", &Angka(self.angka))?;
                st.serialize_field("satuan", satuan)?;
                st.end()
            }
        }
    }
}

impl JsonSchema for Rupiah {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rupiah".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Rupiah bulat: angka JSON atau string angka, tanpa pemisah ribuan (mis. 1073384000).",
            "anyOf": [{ "type": "integer" }, { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" }]
        })
    }
}

impl JsonSchema for Nilai {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Nilai".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Nilai dalam satuan indikatornya: angka (mis. 80.5), string angka, atau { nilai, satuan }.",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" },
                {
                    "type": "object",
                    "properties": {
                        "nilai": { "anyOf": [{ "type": "number" }, { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" }] },
                        "satuan": { "type": "string" }
                    },
                    "required": ["nilai"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl JsonSchema for Tanggal {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Tanggal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Tanggal YYYY-MM-DD, mis. 2018-11-30.",
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

/// The JSON Schema of plan.json, for editors that validate and autocomplete while typing.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Plan)).unwrap_or_default()
}

/// A calendar date written YYYY-MM-DD.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub struct Tanggal {
    pub tahun: i32,
    pub bulan: u8,
    pub hari: u8,
}

impl From<Tanggal> for String {
    fn from(t: Tanggal) -> String {
        format!("{:04}-{:02}-{:02}", t.tahun, t.bulan, t.hari)
    }
}

impl<'de> Deserialize<'de> for Tanggal {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        parse_tanggal(&text).ok_or_else(|| {
            de::Error::custom(format!("tanggal tidak valid: \"{text}\"; tulis YYYY-MM-DD, mis. \"2018-11-30\""))
        })
    }
}

fn parse_tanggal(text: &str) -> Option<Tanggal> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    // Digits only: `str::parse` would take "+123" as a year.
    if ![y, m, d].iter().all(|part| part.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let tanggal = Tanggal { tahun: y.parse().ok()?, bulan: m.parse().ok()?, hari: d.parse().ok()? };
    let leap = tanggal.tahun % 4 == 0 && (tanggal.tahun % 100 != 0 || tanggal.tahun % 400 == 0);
    let days = match tanggal.bulan {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&tanggal.hari).then_some(tanggal)
}

/// Years far outside any calendar are refused at load, so that n-3 … n+1 can never overflow;
/// `check` judges the plausible range.
fn tahun_terbatas<'de, D: Deserializer<'de>>(d: D) -> Result<i32, D::Error> {
    let tahun = i32::deserialize(d)?;
    if tahun.unsigned_abs() > 1_000_000 {
        return Err(de::Error::custom(format!("tahun {tahun} tidak wajar; tulis tahun rencana (n), mis. 2019")));
    }
    Ok(tahun)
}

/// How a decimal string must look: an optional minus, digits, optionally a point and digits.
fn plain_decimal(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let ok = !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    Decimal::from_str_exact(text).ok()
}

struct NumberVisitor {
    what: &'static str,
    whole: bool,
}

impl NumberVisitor {
    fn hint(&self) -> &'static str {
        if self.whole {
            "tulis rupiah sebagai bilangan bulat tanpa pemisah ribuan, desimal, atau eksponen, mis. 1073384000"
        } else {
            "tulis angka saja dengan titik desimal, mis. 80.5; satuannya ditulis di kolom \"satuan\""
        }
    }
}

impl Visitor<'_> for NumberVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} (angka JSON atau string angka)", self.what)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // serde_json hands integers that fit 64 bits to visit_u64/visit_i64; a float here was
        // written with a point or an exponent, or is too large.
        if self.whole {
            return Err(E::custom(format!(
                "{} harus bilangan bulat rupiah, ditemukan {v}; {}",
                self.what,
                self.hint()
            )));
        }
        // Rust prints the shortest decimal that round-trips, i.e. the literal as typed.
        plain_decimal(&v.to_string())
            .ok_or_else(|| E::custom(format!("{} di luar jangkauan, ditemukan {v}; {}", self.what, self.hint())))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        plain_decimal(v.trim()).ok_or_else(|| E::custom(format!("{} tidak valid: \"{v}\"; {}", self.what, self.hint())))
    }
}

impl<'de> Deserialize<'de> for Rupiah {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor { what: "rupiah", whole: true }).map(Rupiah)
    }
}

/// A bare number inside `{ "nilai": …, "satuan": … }`.
struct Angka(Decimal);

impl<'de> Deserialize<'de> for Angka {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor { what: "nilai", whole: false }).map(Angka)
    }
}

struct NilaiVisitor;

impl<'de> Visitor<'de> for NilaiVisitor {
    type Value = Nilai;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("nilai (angka JSON, string angka, atau { \"nilai\": angka, \"satuan\": teks })")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Nilai, E> {
        Ok(Nilai::new(Decimal::from(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Nilai, E> {
        Ok(Nilai::new(Decimal::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Nilai, E> {
        NumberVisitor { what: "nilai", whole: false }.visit_f64(v).map(Nilai::new)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Nilai, E> {
        NumberVisitor { what: "nilai", whole: false }.visit_str(v).map(Nilai::new)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Nilai, A::Error> {
        let (mut angka, mut satuan) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "nilai" => angka = Some(map.next_value::<Angka>()?.0),
                "satuan" => satuan = Some(map.next_value::<String>()?),
                other => return Err(de::Error::unknown_field(other, &["nilai", "satuan"])),
            }
        }
        let angka = angka.ok_or_else(|| de::Error::missing_field("nilai"))?;
        Ok(Nilai { angka, satuan })
    }
}

impl<'de> Deserialize<'de> for Nilai {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NilaiVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// Loading

/// A plan together with where it came from, so later diagnostics can point into the file.
#[derive(Debug, Clone)]
pub struct LoadedPlan {
    pub plan: Plan,
    pub path: PathBuf,
    pub source: String,
    /// SHA-256 of the file's bytes as stored (a byte-order mark included), as `sha256sum`.
    pub sha256: String,
}

/// Why a plan could not be loaded at all.
#[derive(Debug)]
pub enum LoadError {
    /// The file cannot be read (missing, a directory, a device, too large, no permission):
    /// exit code 2.
    Io { path: PathBuf, error: crate::files::InputError },
    /// The file is not a plan: bad encoding, bad JSON, wrong types, unknown or missing keys.
    /// Every type and shape error of the file, in the order they occur in it.
    Invalid { path: PathBuf, source: String, diagnostics: Vec<Diagnostic> },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. } | LoadError::Invalid { path, .. } => path,
        }
    }
}

/// Reads and parses a plan file; `-` reads standard input. Only a regular file (or standard
/// input) of at most [`crate::files::MAX_INPUT_BYTES`] is read.
pub fn load(path: &Path) -> Result<LoadedPlan, LoadError> {
    if crate::files::is_stdin(path) {
        let name = crate::files::stdin_name();
        let bytes = crate::files::read_stdin().map_err(|error| LoadError::Io { path: name.clone(), error })?;
        return parse_bytes(&name, &bytes);
    }
    let bytes = crate::files::read_input(path).map_err(|error| LoadError::Io { path: path.to_owned(), error })?;
    parse_bytes(path, &bytes)
}

/// Parses plan bytes; `path` only names them in diagnostics.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<LoadedPlan, LoadError> {
    let sha256 = crate::output::sha256_hex(bytes);
    // Editors on Windows like to prepend a BOM; it carries no meaning.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let offset = error.valid_up_to();
            let diagnostic = Diagnostic::error("plan.encoding", "berkas bukan teks UTF-8")
                .at(Location::offset(&lossy, offset))
                .expected("teks UTF-8")
                .found(format!("byte 0x{:02X}", bytes[offset]))
                .hint("simpan ulang berkas sebagai UTF-8 (di Excel/Notepad: Save As → Encoding UTF-8)");
            return Err(LoadError::Invalid { path: path.to_owned(), source: lossy, diagnostics: vec![diagnostic] });
        }
    };
    match parse_str(&source) {
        Ok(plan) => Ok(LoadedPlan { plan, path: path.to_owned(), source, sha256 }),
        Err(diagnostics) => Err(LoadError::Invalid { path: path.to_owned(), source, diagnostics }),
    }
}

/// Parses plan text into a [`Plan`], or every located load error: one for a syntax error
/// (the parser cannot go on), all of them for type and shape errors.
pub fn parse_str(source: &str) -> Result<Plan, Vec<Diagnostic>> {
    if source.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("plan.empty", "berkas rencana kosong")
                .at(Location::offset(source, 0))
                .expected("objek JSON { \"identitas\": …, \"rencana\": …, … }")
                .found("berkas kosong")
                .hint("salin plan.json contoh lalu sesuaikan isinya"),
        ]);
    }
    let start = source.len() - source.trim_start().len();
    if source[start..].starts_with('[') {
        return Err(vec![
            Diagnostic::error("plan.tipe", "tipe nilai salah: rencana harus berupa objek, bukan larik")
                .path("$")
                .at(Location::offset(source, start))
                .expected("objek JSON { \"identitas\": …, \"rencana\": …, … }")
                .found("larik [ … ]")
                .hint("seluruh rencana adalah satu objek di antara { dan }; lihat plan.json contoh"),
        ]);
    }
    let mut de = serde_json::Deserializer::from_str(source);
    let plan: Plan = match serde_path_to_error::deserialize(&mut de) {
        Ok(plan) => plan,
        Err(error) => {
            let is_data = error.inner().classify() == serde_json::error::Category::Data;
            let first = crate::diagnostic::from_serde(source, error);
            return Err(if is_data { crate::schema_errors::every_error(source, first) } else { vec![first] });
        }
    };
    de.end().map_err(|error| vec![crate::diagnostic::from_serde_json(source, error, "$".to_owned())])?;
    if let Some(path) = positional_object(source, &plan) {
        let location = crate::diagnostic::Locator::new(source).locate(&path);
        let mut diagnostic = Diagnostic::error("plan.tipe", "tipe nilai salah: larik di tempat objek")
            .path(path)
            .expected("objek { \"kunci\": nilai, … }")
            .found("larik [ … ] (nilai tanpa nama kunci)")
            .hint("tulis setiap nilai dengan nama kuncinya, seperti di plan.json contoh");
        if let Some(location) = location {
            diagnostic = diagnostic.at(location);
        }
        return Err(vec![diagnostic]);
    }
    let mut plan = plan;
    let mut unresolved = crate::rujukan::isi(&mut plan);
    if !unresolved.is_empty() {
        crate::check::locate(&mut unresolved, source);
        return Err(unresolved);
    }
    Ok(plan)
}

/// serde lets a struct be written as an array of its values in field order; a plan never is,
/// since nobody can tell which value is which. The JSON path of the first such array, found by
/// walking the source beside the plan it loaded into.
fn positional_object(source: &str, plan: &Plan) -> Option<String> {
    use serde_json::Value;
    fn walk(written: &Value, loaded: &Value, path: String) -> Option<String> {
        match (written, loaded) {
            (Value::Array(_), Value::Object(_)) => Some(path),
            (Value::Array(written), Value::Array(loaded)) => {
                written.iter().zip(loaded).enumerate().find_map(|(i, (w, l))| walk(w, l, format!("{path}[{i}]")))
            }
            (Value::Object(written), Value::Object(loaded)) => {
                written.iter().find_map(|(key, w)| loaded.get(key).and_then(|l| walk(w, l, format!("{path}.{key}"))))
            }
            _ => None,
        }
    }
    // Two more passes over the plan: small next to checking it, let alone typesetting it.
    let written: Value = serde_json::from_str(source).ok()?;
    let loaded = serde_json::to_value(plan).ok()?;
    walk(&written, &loaded, "$".to_owned())
}

pub(crate) fn path_display(path: &serde_path_to_error::Path) -> String {
    let text = path.to_string();
    if text == "." { "$".to_owned() } else { format!("$.{text}") }
}
