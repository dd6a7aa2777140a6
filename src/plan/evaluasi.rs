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
    #[schemars(title = "Jenis urusan", description = "Mis. \"Fungsi Penunjang Urusan Pemerintahan\".")]
    pub jenis_urusan: String,
    /// The urusan and bidang urusan lines above the programs, one or a list (a Perangkat Daerah
    /// may serve several bidang), e.g. "Fungsi Lainnya" or ["1.03 Pekerjaan Umum …", "1.04 …"].
    #[schemars(
        title = "Urusan",
        description = "Baris urusan dan bidang urusan di atas program, satu atau larik, mis. \"Fungsi Lainnya\"."
    )]
    pub urusan: SatuAtauBanyak<String>,
    #[schemars(title = "Program")]
    pub program: Vec<ProgramEvaluasi>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramEvaluasi {
    /// The program of `rencana` this row evaluates: its name and indicator are taken from there
    /// where left out. A past program not in this year's plan carries its own name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Kode program",
        description = "Program dari rencana yang dievaluasi baris ini: nama dan indikatornya diambil dari sana bila dikosongkan. Program masa lalu yang tidak ada di rencana tahun ini menulis namanya sendiri."
    )]
    #[schemars(extend("x-rujukan" = true))]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(title = "Nama program")]
    pub nama: String,
    #[schemars(title = "Indikator")]
    pub indikator: IndikatorEvaluasi,
    #[schemars(title = "Kegiatan")]
    pub kegiatan: Vec<KegiatanEvaluasi>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KegiatanEvaluasi {
    /// The kegiatan of `rencana` this row evaluates (as for a program).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Kode kegiatan",
        description = "Kegiatan dari rencana yang dievaluasi baris ini (seperti pada program)."
    )]
    #[schemars(extend("x-rujukan" = true))]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(title = "Nama kegiatan")]
    pub nama: String,
    #[schemars(title = "Indikator")]
    pub indikator: IndikatorEvaluasi,
    /// Its sub-kegiatan (Permendagri 90/2019), each evaluated on its own keluaran; the
    /// kegiatan's rate is then the mean of theirs (or its own, `pengaturan.tingkat_induk`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        title = "Sub kegiatan",
        description = "Sub kegiatannya (Permendagri 90/2019), masing-masing dinilai atas keluarannya; capaian kegiatan lalu rata-rata capaian mereka."
    )]
    pub sub_kegiatan: Vec<SubKegiatanEvaluasi>,
}

/// A sub-kegiatan row of Tabel 2.1.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubKegiatanEvaluasi {
    /// The sub-kegiatan of `rencana` this row evaluates (as for a program).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Kode sub kegiatan",
        description = "Sub kegiatan dari rencana yang dievaluasi baris ini (seperti pada program)."
    )]
    #[schemars(extend("x-rujukan" = true))]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(title = "Nama sub kegiatan")]
    pub nama: String,
    #[schemars(title = "Indikator")]
    pub indikator: IndikatorEvaluasi,
}

/// One indicator of Tabel 2.1 with its source columns (4, 5, 6, 7, 9).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// The order a planner reads the keys in (the table's columns): the editor's grid follows it.
#[schemars(extend("x-urutan" = ["uraian", "satuan", "target_renstra", "realisasi_sd_n3", "target_n2", "realisasi_n2", "target_n1", "keterangan", "kumulatif", "polaritas"]))]
pub struct IndikatorEvaluasi {
    /// Column 3, without the "Outcome :"/"Output :" prefix; left out, the indicator of the
    /// node the row's `kode` names.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(
        title = "Indikator (kolom 3)",
        description = "Tanpa awalan \"Outcome :\"/\"Output :\"; bila dikosongkan, indikator simpul yang ditunjuk kode baris."
    )]
    pub uraian: String,
    /// Unit of every value of the row, e.g. "Buah", "%"; left out, the node's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(
        title = "Satuan",
        description = "Satuan semua nilai baris, mis. \"Buah\", \"%\"; bila dikosongkan, satuan simpulnya."
    )]
    pub satuan: String,
    /// Cumulative indicators add up over the years (10 = 5+7+9); the others are levels whose
    /// column 10 is the latest value. Unset, a level-like satuan ([`SATUAN_TINGKAT`]: %,
    /// persen, indeks, rasio…) means false, anything else true.
    #[serde(default)]
    #[schemars(
        title = "Kumulatif",
        description = "Indikator kumulatif dijumlah antartahun (10 = 5+7+9); yang lain berupa tingkat, kolom 10-nya nilai terakhir."
    )]
    pub kumulatif: Option<bool>,
    #[serde(default)]
    #[schemars(
        title = "Polaritas",
        description = "Positif: makin tinggi makin baik; negatif: makin rendah makin baik."
    )]
    pub polaritas: Polaritas,
    /// Column 4: target at the end of the Renstra period.
    #[serde(default)]
    #[schemars(title = "Target Renstra (kolom 4)", description = "Target akhir periode Renstra.")]
    pub target_renstra: Option<Nilai>,
    /// Column 5: realisation up to n-3.
    #[serde(default)]
    #[schemars(title = "Realisasi s.d. n-3 (kolom 5)", description = "Kolom 5: realisasi sampai dengan tahun n-3.")]
    pub realisasi_sd_n3: Option<Nilai>,
    /// Column 6: target of the Renja n-2.
    #[serde(default)]
    #[schemars(title = "Target Renja n-2 (kolom 6)", description = "Kolom 6: target Renja n-2.")]
    pub target_n2: Option<Nilai>,
    /// Column 7: realisation of the Renja n-2.
    #[serde(default)]
    #[schemars(title = "Realisasi Renja n-2 (kolom 7)", description = "Kolom 7: realisasi Renja n-2.")]
    pub realisasi_n2: Option<Nilai>,
    /// Column 9: target of the Renja n-1 (tahun berjalan).
    #[serde(default)]
    #[schemars(title = "Target Renja n-1 (kolom 9)", description = "Target Renja tahun berjalan.")]
    pub target_n1: Option<Nilai>,
    /// Why a value of the row is missing, e.g. "tidak dilaksanakan"; printed in the row. A row
    /// without realisasi n-2 needs one to appear in a final document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Keterangan",
        description = "Alasan suatu nilai baris kosong, mis. \"tidak dilaksanakan\"; baris tanpa realisasi n-2 memerlukannya agar masuk dokumen final."
    )]
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
    #[schemars(title = "Indikator kinerja utama", description = "Baris \"Indikator Kinerja Utama\".")]
    pub indikator_utama: Vec<BarisKinerja>,
    /// "Indikator Program dan Kegiatan" rows: each program with its kegiatan.
    #[serde(default)]
    #[schemars(
        title = "Indikator program dan kegiatan",
        description = "Baris \"Indikator Program dan Kegiatan\": tiap program dengan kegiatannya."
    )]
    pub program: Vec<BarisKinerja>,
}

/// One row of Tabel 2.2.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BarisKinerja {
    /// A program or kegiatan row may name its node of `rencana`, whose indicator it then
    /// takes where `indikator` is left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Kode",
        description = "Program atau kegiatan dari rencana; indikatornya diambil dari sana bila indikator dikosongkan."
    )]
    #[schemars(extend("x-rujukan" = true))]
    pub kode: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(title = "Indikator")]
    pub indikator: String,
    #[serde(default)]
    #[schemars(title = "Target SPM")]
    pub spm: String,
    #[serde(default)]
    #[schemars(title = "Target IKK")]
    pub ikk: String,
    /// One line of values per unit, e.g. "5%" and below it "47 Dokumen Kerja Sama".
    #[schemars(title = "Nilai", description = "Satu baris nilai per satuan.")]
    pub nilai: Vec<NilaiKinerja>,
    #[serde(default)]
    #[schemars(title = "Catatan")]
    pub catatan: String,
    /// A program row's kegiatan (only under `program`).
    #[serde(default)]
    #[schemars(title = "Kegiatan", description = "Kegiatan baris program (hanya di bawah program).")]
    pub kegiatan: Vec<BarisKinerja>,
}

/// Target Renstra n-2…n+1, realisasi n-2 and n-1, proyeksi n and n+1, in one unit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NilaiKinerja {
    #[schemars(title = "Satuan")]
    pub satuan: String,
    /// Target Renstra for n-2, n-1, n, n+1; null prints "-".
    #[schemars(
        title = "Target Renstra",
        description = "Target Renstra tahun n-2, n-1, n, n+1; kosong dicetak \"-\".",
        extend("x-kolom" = ["n-2", "n-1", "n", "n+1"])
    )]
    pub target: [Option<Nilai>; 4],
    /// Realisasi for n-2, n-1.
    #[schemars(title = "Realisasi", description = "Realisasi tahun n-2 dan n-1.", extend("x-kolom" = ["n-2", "n-1"]))]
    pub realisasi: [Option<Nilai>; 2],
    /// Proyeksi for n, n+1.
    #[schemars(title = "Proyeksi", description = "Proyeksi tahun n dan n+1.", extend("x-kolom" = ["n", "n+1"]))]
    pub proyeksi: [Option<Nilai>; 2],
}

// ---------------------------------------------------------------------------------------------
// Tabel 2.4

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// The order a planner reads the keys in (the table's columns): the editor's grid follows it.
#[schemars(extend("x-urutan" = ["program_kegiatan", "lokasi", "indikator", "volume", "catatan"]))]
pub struct UsulanMasyarakat {
    #[schemars(title = "Program/kegiatan")]
    pub program_kegiatan: String,
    #[serde(default)]
    #[schemars(title = "Lokasi")]
    pub lokasi: String,
    #[serde(default)]
    #[schemars(title = "Indikator kinerja")]
    pub indikator: String,
    #[serde(default)]
    #[schemars(title = "Besaran/volume")]
    pub volume: String,
    #[serde(default)]
    #[schemars(title = "Catatan")]
    pub catatan: String,
}

// ---------------------------------------------------------------------------------------------
