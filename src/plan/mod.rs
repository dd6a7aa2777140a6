//! The plan: everything a Renja is made of, as typed in `plan.json`.
//!
//! A plan holds source data only. Every derived column, total, count and rate is computed by
//! [`crate::compute`]; nothing in here is ever a sum or a ratio typed by hand.
//!
//! Text comes in three kinds, and the type says which:
//! - [`String`]: plain text, printed exactly as written (names, indicators, lokasi, catatan…);
//! - [`Prosa`]: a chapter's narrative, a small Markdown subset plus `{{ nama }}` placeholders;
//! - [`Teks`]: a one-line title or phrase that may hold placeholders but no Markdown.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod angka;
mod evaluasi;
mod rencana;

pub use angka::*;
pub use evaluasi::*;
pub use rencana::*;

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
    pub nomenklatur: Option<Nomenklatur>,
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

/// The JSON Schema of plan.json, for editors that validate and autocomplete while typing.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Plan)).unwrap_or_default()
}

#[cfg(test)]
mod zona_tests {
    use super::ZonaWaktu;

    fn zona(pemda: &str, setting: Option<ZonaWaktu>) -> ZonaWaktu {
        let mut plan: super::Plan = serde_json::from_str(include_str!("../../plan.json")).expect("the flagship parses");
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
    pub rumus: Option<RumusIndikator>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndikatorKinerjaUtama {
    pub indikator: String,
    pub rumus: RumusIndikator,
}

/// A ratio indicator: pembilang / penyebut × 100%.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RumusIndikator {
    pub pembilang: String,
    pub penyebut: String,
}
