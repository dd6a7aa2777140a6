//! The evaluation of the past (Tabel 2.1), the service indicators (Tabel 2.2) and the
//! community proposals (Tabel 2.4).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Nilai, SatuAtauBanyak};

// ---------------------------------------------------------------------------------------------
// Tabel 2.1

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluasi {
    /// e.g. "Fungsi Penunjang Urusan Pemerintahan".
    pub jenis_urusan: String,
    /// The urusan and bidang urusan lines above the programs, one or a list (a Perangkat Daerah
    /// may serve several bidang), e.g. "Fungsi Lainnya" or ["1.03 Pekerjaan Umum …", "1.04 …"].
    pub urusan: SatuAtauBanyak<String>,
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
