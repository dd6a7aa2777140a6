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
    #[schemars(title = "Skema", description = "Alamat skema JSON untuk penyunting; tidak dibaca renja.")]
    pub schema: Option<String>,
    #[schemars(title = "Identitas")]
    pub identitas: Identitas,
    #[schemars(title = "Keputusan")]
    pub keputusan: Keputusan,
    #[schemars(title = "Penandatangan")]
    pub penandatangan: Penandatangan,
    #[serde(default)]
    #[schemars(title = "Pengaturan")]
    pub pengaturan: Pengaturan,
    #[schemars(title = "Bab I")]
    pub bab_1: Bab1,
    #[schemars(title = "Bab II")]
    pub bab_2: Bab2,
    #[schemars(title = "Bab III")]
    pub bab_3: Bab3,
    #[schemars(title = "Bab IV")]
    pub bab_4: Bab4,
    #[schemars(title = "Bab V")]
    pub bab_5: Bab5,
    /// Tabel 2.1: evaluation of the Renja of n-2 and of the Renstra up to n-1.
    #[schemars(
        title = "Evaluasi Renja (Tabel 2.1)",
        description = "Evaluasi pelaksanaan Renja tahun n-2 dan capaian Renstra s.d. tahun n-1."
    )]
    pub evaluasi: Evaluasi,
    /// Tabel 2.2: kinerja pelayanan.
    #[schemars(
        title = "Kinerja pelayanan (Tabel 2.2)",
        description = "Tabel 2.2: kinerja pelayanan Perangkat Daerah."
    )]
    pub kinerja_pelayanan: KinerjaPelayanan,
    /// Tabel 2.4: usulan program dan kegiatan masyarakat; empty means NIHIL.
    #[serde(default)]
    #[schemars(
        title = "Usulan masyarakat (Tabel 2.4)",
        description = "Usulan program dan kegiatan dari para pemangku kepentingan; kosong dicetak NIHIL."
    )]
    pub usulan_masyarakat: Vec<UsulanMasyarakat>,
    /// The program/kegiatan plan of year n: Tabel 3.1, 4.1 and the right half of Tabel 2.3.
    #[schemars(
        title = "Rencana program dan kegiatan",
        description = "Rencana tahun n: Tabel 3.1, Tabel 4.1 dan separuh kanan Tabel 2.3."
    )]
    pub rencana: Rencana,
    /// Lampiran 1: tujuan → sasaran → program → indikator.
    #[schemars(title = "Pohon kinerja (Lampiran 1)", description = "Tujuan → sasaran → program → indikator.")]
    pub pohon_kinerja: Vec<Tujuan>,
    /// Lampiran 2: Indikator Kinerja Utama with their formulas.
    #[serde(default)]
    #[schemars(
        title = "Indikator kinerja utama (Lampiran 2)",
        description = "Indikator Kinerja Utama beserta rumusnya."
    )]
    pub indikator_kinerja_utama: Vec<IndikatorKinerjaUtama>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identitas {
    /// e.g. "Kabupaten Malang".
    #[schemars(title = "Pemerintah daerah", description = "Mis. \"Kabupaten Malang\".")]
    pub pemda: String,
    /// e.g. "Bupati Malang": the head of the region whose decree this document is appended to.
    #[schemars(
        title = "Kepala daerah",
        description = "Mis. \"Bupati Malang\": kepala daerah yang keputusannya dilampiri dokumen ini."
    )]
    pub kepala_daerah: String,
    /// e.g. "Bagian Administrasi Kerja Sama Sekretariat Daerah".
    #[schemars(
        title = "Perangkat Daerah",
        description = "Mis. \"Bagian Administrasi Kerja Sama Sekretariat Daerah\"."
    )]
    pub perangkat_daerah: String,
    /// Tahun rencana, n. Every n-1, n-2, n-3 and n+1 label derives from it.
    #[serde(deserialize_with = "tahun_terbatas")]
    #[schemars(
        title = "Tahun rencana (n)",
        description = "Semua label n-1, n-2, n-3 dan n+1 diturunkan dari tahun ini."
    )]
    pub tahun: i32,
    #[schemars(title = "Tahap dokumen")]
    pub tahap: Tahap,
    /// The Renstra period, e.g. 2016–2021; Tabel 2.1 column 4 is its end-of-period target.
    #[schemars(
        title = "Periode Renstra",
        description = "Mis. 2016–2021; kolom 4 Tabel 2.1 adalah target akhir periode ini."
    )]
    pub periode_renstra: Periode,
    /// "86/2017" or "90/2019": the code list the plan uses. When absent: 90/2019 from TA 2021.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Nomenklatur",
        description = "\"86/2017\" atau \"90/2019\": daftar kode yang dipakai rencana. Bila kosong: 90/2019 mulai TA 2021."
    )]
    pub nomenklatur: Option<Nomenklatur>,
    /// The Perangkat Daerah's own bidang urusan, e.g. "1.02": replaces `X.XX` in shared
    /// programs. When absent: the first urusan heading written `X.XX`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Kode bidang urusan",
        description = "Bidang urusan Perangkat Daerah sendiri, mis. \"1.02\": pengganti X.XX pada program penunjang."
    )]
    pub kode_bidang: Option<String>,
    /// The year of the plan this one was rolled on from (`renja next-year` writes it): `check`
    /// warns at each literal mention of that year in the narrative until the field is removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Tahun asal",
        description = "Tahun rencana yang menjadi asal rencana ini (ditulis renja next-year); check memperingatkan tiap penyebutan tahun itu di narasi sampai kolom ini dihapus."
    )]
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
    #[schemars(title = "Tahun awal")]
    pub awal: i32,
    #[schemars(title = "Tahun akhir")]
    pub akhir: i32,
}

/// The decree this document is the LAMPIRAN of.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Keputusan {
    /// e.g. "Keputusan Bupati Malang".
    #[schemars(title = "Jenis keputusan", description = "Mis. \"Keputusan Bupati Malang\".")]
    pub jenis: String,
    /// The number exactly as registered, blanks kept: "188.45/ /KEP/35.07.013/2018".
    #[schemars(
        title = "Nomor keputusan",
        description = "Nomor persis seperti teregistrasi, termasuk bagian yang masih kosong: \"188.45/ /KEP/35.07.013/2018\"."
    )]
    pub nomor: String,
    /// Date of the decree (YYYY-MM-DD), if already known.
    #[serde(default)]
    #[schemars(title = "Tanggal keputusan", description = "Tanggal keputusan (TTTT-BB-HH), bila sudah diketahui.")]
    pub tanggal: Option<Tanggal>,
    /// What the decree is about; may use placeholders such as `{{ tahun }}`.
    #[schemars(title = "Tentang", description = "Pokok keputusan; boleh memakai penanda seperti {{ tahun }}.")]
    pub tentang: Teks,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penandatangan {
    /// e.g. "Bupati Malang".
    #[schemars(title = "Jabatan", description = "Mis. \"Bupati Malang\".")]
    pub jabatan: String,
    #[schemars(title = "Nama")]
    pub nama: String,
    #[serde(default)]
    #[schemars(title = "Pangkat")]
    pub pangkat: Option<String>,
    #[serde(default)]
    #[schemars(title = "NIP")]
    pub nip: Option<String>,
    /// Place of signing, e.g. "Kepanjen".
    #[serde(default)]
    #[schemars(title = "Tempat", description = "Tempat penandatanganan, mis. \"Kepanjen\".")]
    pub tempat: Option<String>,
    /// Date of signing (YYYY-MM-DD).
    #[serde(default)]
    #[schemars(title = "Tanggal", description = "Tanggal penandatanganan (TTTT-BB-HH).")]
    pub tanggal: Option<Tanggal>,
    /// How the appendix is signed: by hand and stamp, or electronically (BSrE).
    #[serde(default)]
    #[schemars(title = "Cara tanda tangan", description = "Basah (tinta dan cap) atau elektronik (BSrE).")]
    pub ttd: Ttd,
    /// The reserved box and statement of an electronic signature.
    #[serde(default)]
    #[schemars(
        title = "Tanda tangan elektronik",
        description = "Kotak yang disediakan dan pernyataan tanda tangan elektronik."
    )]
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
    #[schemars(title = "Lebar kotak (mm)", description = "Lebar kotak tanda tangan elektronik, dalam milimeter.")]
    pub lebar_mm: u32,
    /// Height of the reserved box, in millimetres.
    #[serde(default = "TtdElektronik::default_tinggi")]
    #[schemars(title = "Tinggi kotak (mm)", description = "Tinggi kotak tanda tangan elektronik, dalam milimeter.")]
    pub tinggi_mm: u32,
    /// A character placed in the box for tag-based placement (e.g. "^"); it may occur nowhere
    /// else in the document.
    #[serde(default)]
    #[schemars(
        title = "Tag penempatan",
        description = "Karakter di dalam kotak untuk penempatan tanda tangan berbasis tag (mis. \"^\"); tidak boleh muncul di bagian lain dokumen."
    )]
    pub tag: Option<String>,
    /// The statement e-signed documents carry in their footer.
    #[serde(default = "TtdElektronik::default_keterangan")]
    #[schemars(
        title = "Keterangan",
        description = "Pernyataan yang dicetak di kaki setiap halaman dokumen bertanda tangan elektronik."
    )]
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
    #[schemars(
        title = "Desimal persentase",
        description = "Jumlah desimal setiap persentase (dibulatkan setengah ke atas): 0 mencetak 94%, 1 mencetak 93,6%."
    )]
    pub desimal_persen: u32,
    /// Paper size of the PDF.
    #[serde(default)]
    #[schemars(title = "Ukuran kertas", description = "Ukuran kertas PDF.")]
    pub kertas: Kertas,
    /// Template text still to be replaced, besides renja init's "(Ganti teks ini.)": a final
    /// build refuses a plan that still holds any of it; drafts and previews build.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        title = "Teks templat",
        description = "Teks templat yang masih harus diganti, selain \"(Ganti teks ini.)\" dari renja init: build final menolak rencana yang masih memuatnya."
    )]
    pub teks_templat: Vec<String>,
    /// Print the predikat of each Tabel 2.1 rate as a last column in the PDF too (the reference
    /// has no such column; the exports always carry it).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(
        title = "Predikat di PDF",
        description = "Cetak predikat tiap capaian Tabel 2.1 sebagai kolom terakhir di PDF juga."
    )]
    pub predikat_di_pdf: bool,
    /// Body text size in points: 12 (the produk-hukum convention) or 11.
    #[serde(default)]
    #[schemars(
        title = "Ukuran huruf",
        description = "Ukuran huruf isi dalam poin: 12 (kelaziman produk hukum) atau 11."
    )]
    pub ukuran_huruf: UkuranHuruf,
    /// Time zone of the previews' "dicetak" stamp. Without it: the province's, when the pemda
    /// is a province, else WIB.
    #[serde(default)]
    #[schemars(
        title = "Zona waktu",
        description = "Zona waktu cap \"dicetak\" pada pratinjau. Bila kosong: zona provinsi bila pemda provinsi, selain itu WIB."
    )]
    pub zona_waktu: Option<ZonaWaktu>,
    /// The layout of Tabel 4.1: the classic T-C.33 or the 17-column SIPD-RI table.
    #[serde(default, skip_serializing_if = "TabelBab4::is_default")]
    #[schemars(title = "Bentuk Tabel 4.1", description = "T-C.33 klasik atau tabel SIPD-RI 17 kolom.")]
    pub tabel_bab_4: TabelBab4,
    /// How Tabel 2.1 rates a program (and a kegiatan with sub-kegiatan): the mean of its
    /// children's rates (the reference's rule, the default) or its own indicator's 7/6.
    #[serde(default, skip_serializing_if = "TingkatInduk::is_default")]
    #[schemars(
        title = "Capaian induk",
        description = "Cara Tabel 2.1 menilai program (dan kegiatan bersub-kegiatan): rata-rata capaian anaknya (bawaan) atau 7/6 indikatornya sendiri."
    )]
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
    #[schemars(title = "Judul", description = "Mengganti judul baku subbab menurut Permendagri 86/2017.")]
    pub judul: Option<Teks>,
    #[serde(default)]
    #[schemars(title = "Isi")]
    pub isi: Prosa,
    /// Prose after the section's table, figure or generated list.
    #[serde(default)]
    #[schemars(title = "Isi lanjutan", description = "Narasi sesudah tabel, gambar atau daftar subbab ini.")]
    pub isi_lanjutan: Prosa,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab1 {
    #[serde(default)]
    #[schemars(title = "Judul bab", description = "Mengganti judul baku bab menurut Permendagri 86/2017.")]
    pub judul: Option<Teks>,
    /// 1.1; the figure "Keterkaitan antar dokumen perencanaan" stands between isi and isi_lanjutan.
    #[schemars(
        title = "1.1 Latar belakang",
        description = "Gambar \"Keterkaitan antar dokumen perencanaan\" berada di antara isi dan isi lanjutan."
    )]
    pub latar_belakang: Bagian,
    #[schemars(title = "1.2 Landasan hukum")]
    pub landasan_hukum: Bagian,
    #[schemars(title = "1.3 Maksud dan tujuan")]
    pub maksud_tujuan: Bagian,
    /// 1.4; the outline itself is generated from the document's own headings.
    #[serde(default)]
    #[schemars(
        title = "1.4 Sistematika",
        description = "Daftar sistematika disusun dari judul-judul dokumen sendiri."
    )]
    pub sistematika: Bagian,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab2 {
    #[serde(default)]
    #[schemars(title = "Judul bab", description = "Mengganti judul baku bab menurut Permendagri 86/2017.")]
    pub judul: Option<Teks>,
    /// 2.1, around Tabel 2.1.
    #[schemars(title = "2.1 Evaluasi pelaksanaan Renja", description = "Narasi di sekitar Tabel 2.1.")]
    pub evaluasi: Bagian,
    /// 2.2, around Tabel 2.2.
    #[schemars(title = "2.2 Kinerja pelayanan", description = "Narasi di sekitar Tabel 2.2.")]
    pub kinerja_pelayanan: Bagian,
    /// 2.3.
    #[schemars(title = "2.3 Isu-isu penting", description = "Subbab 2.3.")]
    pub isu_penting: Bagian,
    /// 2.4, around Tabel 2.3.
    #[schemars(title = "2.4 Review Rancangan Awal RKPD", description = "Narasi di sekitar Tabel 2.3.")]
    pub review_rkpd: Bagian,
    /// 2.5, around Tabel 2.4.
    #[schemars(title = "2.5 Usulan masyarakat", description = "Narasi di sekitar Tabel 2.4.")]
    pub usulan_masyarakat: Bagian,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab3 {
    #[serde(default)]
    #[schemars(title = "Judul bab", description = "Mengganti judul baku bab menurut Permendagri 86/2017.")]
    pub judul: Option<Teks>,
    /// 3.1.
    #[schemars(title = "3.1 Telaahan kebijakan nasional", description = "Subbab 3.1.")]
    pub telaahan_kebijakan: Bagian,
    /// 3.2, the introduction before 3.2.1.
    #[serde(default)]
    #[schemars(title = "3.2 Tujuan dan sasaran", description = "Pengantar sebelum 3.2.1.")]
    pub tujuan_sasaran: Bagian,
    /// 3.2.1.
    #[schemars(title = "3.2.1 Tujuan", description = "Subbab 3.2.1.")]
    pub tujuan: Bagian,
    /// 3.2.2.
    #[schemars(title = "3.2.2 Sasaran", description = "Subbab 3.2.2.")]
    pub sasaran: Bagian,
    /// 3.3; the lists 3.3.1 Program and 3.3.2 Kegiatan are generated from `rencana`,
    /// Tabel 3.1 follows isi_lanjutan.
    #[schemars(
        title = "3.3 Program dan kegiatan",
        description = "Daftar 3.3.1 Program dan 3.3.2 Kegiatan disusun dari rencana; Tabel 3.1 menyusul isi lanjutan."
    )]
    pub program_kegiatan: Bagian,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab4 {
    #[serde(default)]
    #[schemars(title = "Judul bab", description = "Mengganti judul baku bab menurut Permendagri 86/2017.")]
    pub judul: Option<Teks>,
    /// Before Tabel 4.1.
    #[serde(default)]
    #[schemars(title = "Isi", description = "Narasi sebelum Tabel 4.1.")]
    pub isi: Prosa,
    /// After Tabel 4.1.
    #[serde(default)]
    #[schemars(title = "Isi lanjutan", description = "Narasi sesudah Tabel 4.1.")]
    pub isi_lanjutan: Prosa,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bab5 {
    #[serde(default)]
    #[schemars(title = "Judul bab", description = "Mengganti judul baku bab menurut Permendagri 86/2017.")]
    pub judul: Option<Teks>,
    #[schemars(title = "Isi")]
    pub isi: Prosa,
    /// The closing formula before the signature, e.g. "Demikian untuk dilaksanakan.".
    #[serde(default)]
    #[schemars(
        title = "Penutup",
        description = "Kalimat penutup sebelum tanda tangan, mis. \"Demikian untuk dilaksanakan.\"."
    )]
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
    #[schemars(title = "Tujuan")]
    pub uraian: String,
    #[schemars(title = "Sasaran")]
    pub sasaran: Vec<Sasaran>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sasaran {
    #[schemars(title = "Sasaran")]
    pub uraian: String,
    #[schemars(title = "Program")]
    pub program: Vec<ProgramPohon>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramPohon {
    /// The program of `rencana`, whose name and indicator are taken where left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Kode program",
        description = "Program dari rencana; nama dan indikatornya diambil dari sana bila dikosongkan."
    )]
    #[schemars(extend("x-rujukan" = true))]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(title = "Nama program")]
    pub nama: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(title = "Indikator")]
    pub indikator: String,
    #[serde(default)]
    #[schemars(title = "Rumus")]
    pub rumus: Option<RumusIndikator>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndikatorKinerjaUtama {
    #[schemars(title = "Indikator")]
    pub indikator: String,
    #[schemars(title = "Rumus")]
    pub rumus: RumusIndikator,
}

/// A ratio indicator: pembilang / penyebut × 100%.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RumusIndikator {
    #[schemars(title = "Pembilang")]
    pub pembilang: String,
    #[schemars(title = "Penyebut")]
    pub penyebut: String,
}
