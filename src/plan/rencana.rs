//! The plan of year n (Tabel 3.1, 4.1 and 2.3): urusan, program, kegiatan and sub-kegiatan
//! (Permendagri 90/2019), each node with its indicators, funding and locations.

use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize};

use super::{Nilai, Plan, Rupiah};

// The plan of year n: Tabel 3.1, 4.1 and 2.3

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rencana {
    /// Heading rows above the programs: urusan and bidang urusan, each with its kode.
    #[schemars(
        title = "Urusan",
        description = "Baris judul di atas program: urusan dan bidang urusan, masing-masing dengan kodenya."
    )]
    pub urusan: Vec<Urusan>,
    #[schemars(title = "Program")]
    pub program: Vec<Program>,
    /// The ceiling of the Perangkat Daerah in the RKPD, if stated; the total pagu may not exceed it.
    #[serde(default)]
    #[schemars(
        title = "Pagu batas",
        description = "Pagu Perangkat Daerah dalam RKPD, bila dinyatakan; jumlah pagu tidak boleh melebihinya."
    )]
    pub pagu_batas: Option<Rupiah>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Urusan {
    #[schemars(title = "Kode")]
    pub kode: String,
    #[schemars(title = "Nama")]
    pub nama: String,
}

/// A program: its capaian (outcome) indicators, and its kegiatan.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(try_from = "ProgramBerkas", into = "ProgramBerkas")]
#[schemars(with = "ProgramBerkas")]
pub struct Program {
    pub kode: String,
    pub nama: String,
    /// Capaian program (outcome) indicators, each printed on its own line.
    pub indikator: Vec<Indikator>,
    pub lokasi: String,
    pub sumber_dana: String,
    pub catatan: String,
    pub kegiatan: Vec<Kegiatan>,
}

/// A kegiatan: its keluaran (output) and hasil (outcome) indicators, money, and sub-kegiatan.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(try_from = "KegiatanBerkas", into = "KegiatanBerkas")]
#[schemars(with = "KegiatanBerkas")]
pub struct Kegiatan {
    pub kode: String,
    pub nama: String,
    /// Keluaran indicators first, then hasil ones (`jenis: "hasil"`), each on its own line.
    pub indikator: Vec<Indikator>,
    pub lokasi: String,
    /// Pagu indikatif, only where the kegiatan has no `sub_kegiatan` (then it is their sum).
    pub pagu: Option<Rupiah>,
    pub sumber_dana: String,
    /// Prakiraan maju n+1.
    pub pagu_maju: Option<Rupiah>,
    /// Catatan penting, e.g. "Kegiatan yang Responsif Gender".
    pub catatan: String,
    /// Left half of Tabel 2.3: the same kegiatan in the Rancangan Awal RKPD.
    pub rkpd: Option<KegiatanRkpd>,
    /// Right half of Tabel 2.3, where the needs analysis states something other than this plan.
    pub hasil_analisis: Option<HasilAnalisis>,
    pub kelompok_sasaran: String,
    /// The sub-unit responsible; defaults to the Perangkat Daerah.
    pub penanggung_jawab: String,
    /// The sub-kegiatan (Permendagri 90/2019); their pagu add up to the kegiatan's.
    pub sub_kegiatan: Vec<SubKegiatan>,
}

/// What a table prints for a node that has no indicator (which `check` reports).
static TANPA_INDIKATOR: Indikator = Indikator {
    uraian: String::new(),
    satuan: String::new(),
    target: None,
    target_maju: None,
    target_renstra: None,
    realisasi_n2: None,
    prakiraan_n1: None,
    jenis: None,
    asal: Asal::Daftar,
};

impl Program {
    /// The first capaian indicator: the one Tabel 2.3 prints.
    pub fn indikator_utama(&self) -> &Indikator {
        self.indikator.first().unwrap_or(&TANPA_INDIKATOR)
    }
}

impl Kegiatan {
    /// The first keluaran indicator: the one Tabel 2.3 and the needs analysis speak of.
    pub fn indikator_utama(&self) -> &Indikator {
        self.indikator.first().unwrap_or(&TANPA_INDIKATOR)
    }
}

/// The level of a node in the plan tree (and in the 90/2019 code list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tingkat {
    Program,
    Kegiatan,
    SubKegiatan,
}

impl Tingkat {
    /// The level as a planner names it: "program", "kegiatan", "sub kegiatan".
    pub fn label(self) -> &'static str {
        match self {
            Tingkat::Program => "program",
            Tingkat::Kegiatan => "kegiatan",
            Tingkat::SubKegiatan => "sub kegiatan",
        }
    }
}

/// What an indicator measures: a program's capaian, a kegiatan's or sub-kegiatan's keluaran, or
/// a kegiatan's hasil.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum JenisIndikator {
    /// Capaian program (outcome).
    Capaian,
    /// Keluaran (output).
    Keluaran,
    /// Hasil kegiatan (outcome).
    Hasil,
}

impl JenisIndikator {
    /// The indicator's kind on a level where none is written: capaian for a program, keluaran
    /// below it.
    pub fn bawaan(tingkat: Tingkat) -> JenisIndikator {
        match tingkat {
            Tingkat::Program => JenisIndikator::Capaian,
            Tingkat::Kegiatan | Tingkat::SubKegiatan => JenisIndikator::Keluaran,
        }
    }

    /// The prefix the tables print before the indicator: "Outcome" or "Output".
    pub fn awalan(self) -> &'static str {
        match self {
            JenisIndikator::Capaian | JenisIndikator::Hasil => "Outcome",
            JenisIndikator::Keluaran => "Output",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The file shapes of a program and a kegiatan: today's (`indikator` a list) and the 2019 one
// (the first indicator inline as `indikator`/`satuan`/`target`/`target_maju`, further ones in
// `capaian`, `keluaran`, `hasil`), which still loads. A plan is always written in today's shape.

/// `indikator` as a file writes it: a text (the 2019 shape), one indicator, or a list.
#[derive(Debug, Clone)]
enum IndikatorBerkas {
    Teks(String),
    Daftar(Vec<Indikator>),
}

impl Serialize for IndikatorBerkas {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            IndikatorBerkas::Teks(t) => t.serialize(s),
            IndikatorBerkas::Daftar(list) => list.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for IndikatorBerkas {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IndikatorBerkas;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("larik indikator { \"uraian\": …, \"satuan\": …, \"target\": … }")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<IndikatorBerkas, E> {
                Ok(IndikatorBerkas::Teks(v.to_owned()))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<IndikatorBerkas, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(IndikatorBerkas::Daftar)
            }

            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<IndikatorBerkas, A::Error> {
                Indikator::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|one| IndikatorBerkas::Daftar(vec![Indikator { asal: Asal::Tunggal, ..one }]))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for IndikatorBerkas {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DaftarIndikator".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let one = generator.subschema_for::<Indikator>();
        json_schema!({
            "description": "Indikator simpul ini: larik indikator (satu objek juga diterima). Bentuk lama (2019): teks indikator pertama, dengan \"satuan\", \"target\" dan \"target_maju\" di sampingnya.",
            "anyOf": [{ "type": "array", "items": one }, one, { "type": "string", "deprecated": true }]
        })
    }
}

/// The first indicator of the 2019 shape, from its inline fields.
fn indikator_lama(
    tingkat: Tingkat,
    indikator: IndikatorBerkas,
    satuan: Option<String>,
    target: Option<Nilai>,
    target_maju: Option<Nilai>,
) -> Result<Vec<Indikator>, String> {
    match indikator {
        IndikatorBerkas::Teks(uraian) => {
            // In serde's own words, so that the load error reads as for any missing key.
            let Some(satuan) = satuan else { return Err("missing field `satuan`".to_owned()) };
            let Some(target) = target else { return Err("missing field `target`".to_owned()) };
            Ok(vec![Indikator {
                uraian,
                satuan,
                target: Some(target),
                target_maju,
                asal: Asal::Sebaris,
                ..Indikator::default()
            }])
        }
        IndikatorBerkas::Daftar(list) => {
            if satuan.is_some() || target.is_some() || target_maju.is_some() {
                return Err(format!(
                    "\"satuan\", \"target\" dan \"target_maju\" {} ditulis di tiap indikator bila \"indikator\" berupa larik",
                    tingkat.label()
                ));
            }
            Ok(list)
        }
    }
}

/// The indicators of a list, with `jenis` written only where it is not the level's own.
fn tulis_indikator(tingkat: Tingkat, list: Vec<Indikator>) -> IndikatorBerkas {
    let bawaan = JenisIndikator::bawaan(tingkat);
    IndikatorBerkas::Daftar(
        list.into_iter()
            .map(|mut i| {
                if i.jenis == Some(bawaan) {
                    i.jenis = None;
                }
                i
            })
            .collect(),
    )
}

/// The 2019 shape's further indicators, each knowing its place.
fn tambahan(list: Vec<Indikator>, daftar: &'static str) -> impl Iterator<Item = Indikator> {
    list.into_iter().enumerate().map(move |(i, ind)| Indikator { asal: Asal::Tambahan(daftar, i), ..ind })
}

fn sudah(list: Vec<Indikator>, jenis: JenisIndikator) -> impl Iterator<Item = Indikator> {
    list.into_iter().map(move |mut i| {
        i.jenis.get_or_insert(jenis);
        i
    })
}

/// A program as a file writes it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Program")]
// The order a planner reads the keys in (the table's columns): the editor's grid follows it.
#[schemars(extend("x-urutan" = ["kode", "nama", "indikator", "satuan", "target", "target_maju", "lokasi", "sumber_dana", "catatan", "capaian", "kegiatan"]))]
struct ProgramBerkas {
    #[schemars(title = "Kode program")]
    kode: String,
    #[schemars(title = "Nama program")]
    nama: String,
    #[schemars(
        title = "Indikator capaian",
        description = "Indikator capaian (outcome) program, masing-masing dicetak di barisnya sendiri."
    )]
    indikator: IndikatorBerkas,
    /// Bentuk lama: satuan indikator pertama.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(title = "Satuan", description = "Bentuk lama: satuan indikator pertama.")]
    satuan: Option<String>,
    /// Bentuk lama: target indikator pertama.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(title = "Target", description = "Bentuk lama: target indikator pertama.")]
    target: Option<Nilai>,
    /// Bentuk lama: target prakiraan maju n+1 indikator pertama.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(title = "Target n+1", description = "Bentuk lama: target prakiraan maju n+1 indikator pertama.")]
    target_maju: Option<Nilai>,
    #[serde(default)]
    #[schemars(title = "Lokasi")]
    lokasi: String,
    #[serde(default)]
    #[schemars(title = "Sumber dana")]
    sumber_dana: String,
    #[serde(default)]
    #[schemars(title = "Catatan")]
    catatan: String,
    /// Bentuk lama: indikator capaian sesudah yang pertama.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(title = "Indikator capaian lain", description = "Bentuk lama: indikator capaian sesudah yang pertama.")]
    capaian: Vec<Indikator>,
    #[schemars(title = "Kegiatan")]
    kegiatan: Vec<Kegiatan>,
}

impl TryFrom<ProgramBerkas> for Program {
    type Error = String;

    fn try_from(p: ProgramBerkas) -> Result<Program, String> {
        let mut indikator = indikator_lama(Tingkat::Program, p.indikator, p.satuan, p.target, p.target_maju)?;
        indikator.extend(tambahan(p.capaian, "capaian"));
        let indikator = sudah(indikator, JenisIndikator::Capaian).collect();
        Ok(Program {
            kode: p.kode,
            nama: p.nama,
            indikator,
            lokasi: p.lokasi,
            sumber_dana: p.sumber_dana,
            catatan: p.catatan,
            kegiatan: p.kegiatan,
        })
    }
}

impl From<Program> for ProgramBerkas {
    fn from(p: Program) -> ProgramBerkas {
        ProgramBerkas {
            kode: p.kode,
            nama: p.nama,
            indikator: tulis_indikator(Tingkat::Program, p.indikator),
            satuan: None,
            target: None,
            target_maju: None,
            lokasi: p.lokasi,
            sumber_dana: p.sumber_dana,
            catatan: p.catatan,
            capaian: Vec::new(),
            kegiatan: p.kegiatan,
        }
    }
}

/// A kegiatan as a file writes it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Kegiatan")]
// The order a planner reads the keys in (the table's columns): the editor's grid follows it.
#[schemars(extend("x-urutan" = ["kode", "nama", "indikator", "satuan", "target", "target_maju", "lokasi", "pagu", "pagu_maju", "sumber_dana", "kelompok_sasaran", "penanggung_jawab", "catatan", "rkpd", "hasil_analisis", "keluaran", "hasil", "sub_kegiatan"]))]
struct KegiatanBerkas {
    #[schemars(title = "Kode kegiatan")]
    kode: String,
    #[schemars(title = "Nama kegiatan")]
    nama: String,
    #[schemars(
        title = "Indikator",
        description = "Indikator keluaran dahulu, lalu hasil (jenis \"hasil\"), masing-masing di barisnya sendiri."
    )]
    indikator: IndikatorBerkas,
    /// Bentuk lama: satuan indikator pertama.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(title = "Satuan", description = "Bentuk lama: satuan indikator pertama.")]
    satuan: Option<String>,
    /// Bentuk lama: target indikator pertama.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(title = "Target", description = "Bentuk lama: target indikator pertama.")]
    target: Option<Nilai>,
    #[schemars(title = "Lokasi")]
    lokasi: String,
    // Pagu indikatif, only where the kegiatan has no `sub_kegiatan` (then it is their sum). A
    // plain comment: the schema's description of a pagu stays Rupiah's, for load errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Pagu indikatif")]
    pagu: Option<Rupiah>,
    #[serde(default)]
    #[schemars(title = "Sumber dana")]
    sumber_dana: String,
    /// Bentuk lama: target prakiraan maju n+1 indikator pertama.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(title = "Target n+1", description = "Bentuk lama: target prakiraan maju n+1 indikator pertama.")]
    target_maju: Option<Nilai>,
    #[serde(default)]
    #[schemars(title = "Pagu prakiraan maju n+1")]
    pagu_maju: Option<Rupiah>,
    /// Catatan penting, e.g. "Kegiatan yang Responsif Gender".
    #[serde(default)]
    #[schemars(title = "Catatan penting", description = "Mis. \"Kegiatan yang Responsif Gender\".")]
    catatan: String,
    /// Left half of Tabel 2.3: the same kegiatan in the Rancangan Awal RKPD.
    #[serde(default)]
    #[schemars(
        title = "Rancangan Awal RKPD (Tabel 2.3)",
        description = "Separuh kiri Tabel 2.3: kegiatan yang sama dalam Rancangan Awal RKPD."
    )]
    rkpd: Option<KegiatanRkpd>,
    /// Right half of Tabel 2.3, where the needs analysis states something other than this plan.
    /// `check` warns when its target or pagu disagree with the plan (Tabel 4.1).
    #[serde(default)]
    #[schemars(
        title = "Hasil analisis kebutuhan (Tabel 2.3)",
        description = "Separuh kanan Tabel 2.3, bila analisis kebutuhan menyatakan lain dari rencana ini; check memperingatkan bila target atau pagunya berbeda dari Tabel 4.1."
    )]
    hasil_analisis: Option<HasilAnalisis>,
    /// Bentuk lama: indikator keluaran sesudah yang pertama.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(
        title = "Indikator keluaran lain",
        description = "Bentuk lama: indikator keluaran sesudah yang pertama."
    )]
    keluaran: Vec<Indikator>,
    /// Bentuk lama: indikator hasil (outcome) kegiatan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("deprecated" = true))]
    #[schemars(title = "Indikator hasil", description = "Bentuk lama: indikator hasil (outcome) kegiatan.")]
    hasil: Vec<Indikator>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(title = "Kelompok sasaran")]
    kelompok_sasaran: String,
    /// The sub-unit responsible; defaults to the Perangkat Daerah.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[schemars(
        title = "Penanggung jawab",
        description = "Sub-unit yang bertanggung jawab; bawaannya Perangkat Daerah."
    )]
    penanggung_jawab: String,
    /// The sub-kegiatan (Permendagri 90/2019); their pagu add up to the kegiatan's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(
        title = "Sub kegiatan",
        description = "Sub kegiatan (Permendagri 90/2019); pagunya dijumlah menjadi pagu kegiatan."
    )]
    sub_kegiatan: Vec<SubKegiatan>,
}

impl TryFrom<KegiatanBerkas> for Kegiatan {
    type Error = String;

    fn try_from(k: KegiatanBerkas) -> Result<Kegiatan, String> {
        let mut indikator = indikator_lama(Tingkat::Kegiatan, k.indikator, k.satuan, k.target, k.target_maju)?;
        indikator.extend(tambahan(k.keluaran, "keluaran"));
        let mut indikator: Vec<Indikator> = sudah(indikator, JenisIndikator::Keluaran).collect();
        indikator.extend(sudah(tambahan(k.hasil, "hasil").collect(), JenisIndikator::Hasil));
        Ok(Kegiatan {
            kode: k.kode,
            nama: k.nama,
            indikator,
            lokasi: k.lokasi,
            pagu: k.pagu,
            sumber_dana: k.sumber_dana,
            pagu_maju: k.pagu_maju,
            catatan: k.catatan,
            rkpd: k.rkpd,
            hasil_analisis: k.hasil_analisis,
            kelompok_sasaran: k.kelompok_sasaran,
            penanggung_jawab: k.penanggung_jawab,
            sub_kegiatan: k.sub_kegiatan,
        })
    }
}

impl From<Kegiatan> for KegiatanBerkas {
    fn from(k: Kegiatan) -> KegiatanBerkas {
        KegiatanBerkas {
            kode: k.kode,
            nama: k.nama,
            indikator: tulis_indikator(Tingkat::Kegiatan, k.indikator),
            satuan: None,
            target: None,
            lokasi: k.lokasi,
            pagu: k.pagu,
            sumber_dana: k.sumber_dana,
            target_maju: None,
            pagu_maju: k.pagu_maju,
            catatan: k.catatan,
            rkpd: k.rkpd,
            hasil_analisis: k.hasil_analisis,
            keluaran: Vec::new(),
            hasil: Vec::new(),
            kelompok_sasaran: k.kelompok_sasaran,
            penanggung_jawab: k.penanggung_jawab,
            sub_kegiatan: k.sub_kegiatan,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KegiatanRkpd {
    /// Pagu indikatif in the Rancangan Awal RKPD.
    #[schemars(title = "Pagu RKPD", description = "Pagu indikatif dalam Rancangan Awal RKPD.")]
    pub pagu: Rupiah,
    /// Defaults to the plan's lokasi.
    #[serde(default)]
    #[schemars(title = "Lokasi RKPD", description = "Bawaannya lokasi rencana.")]
    pub lokasi: Option<String>,
    /// Defaults to the plan's target.
    #[serde(default)]
    #[schemars(title = "Target RKPD", description = "Bawaannya target rencana.")]
    pub target: Option<Nilai>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HasilAnalisis {
    #[serde(default)]
    #[schemars(title = "Lokasi hasil analisis")]
    pub lokasi: Option<String>,
    #[serde(default)]
    #[schemars(title = "Target hasil analisis")]
    pub target: Option<Nilai>,
    #[serde(default)]
    #[schemars(title = "Pagu hasil analisis")]
    pub pagu: Option<Rupiah>,
}

/// One value or a list of them: `"Kec. Batu"` or `["Kec. Batu", "Kec. Junrejo"]`, one indicator
/// object or a list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SatuAtauBanyak<T>(pub Vec<T>);

impl<T> Default for SatuAtauBanyak<T> {
    fn default() -> Self {
        SatuAtauBanyak(Vec::new())
    }
}

impl<T> SatuAtauBanyak<T> {
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for SatuAtauBanyak<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => one.serialize(s),
            many => many.serialize(s),
        }
    }
}

struct SatuAtauBanyakVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for SatuAtauBanyakVisitor<T> {
    type Value = SatuAtauBanyak<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("satu nilai atau larik nilai")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        T::deserialize(v.into_deserializer()).map(|one| SatuAtauBanyak(vec![one]))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element()? {
            out.push(item);
        }
        Ok(SatuAtauBanyak(out))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|one| SatuAtauBanyak(vec![one]))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for SatuAtauBanyak<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SatuAtauBanyakVisitor(PhantomData))
    }
}

/// A sub-kegiatan's indicators: one object or a list of them.
fn satu_atau_banyak<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Indikator>, D::Error> {
    match IndikatorBerkas::deserialize(d)? {
        IndikatorBerkas::Daftar(list) => Ok(list),
        IndikatorBerkas::Teks(_) => Err(de::Error::invalid_type(
            de::Unexpected::Other("teks"),
            &"indikator { \"uraian\": …, \"satuan\": …, \"target\": … } atau lariknya",
        )),
    }
}

impl<T: JsonSchema> JsonSchema for SatuAtauBanyak<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("SatuAtauBanyak_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let one = generator.subschema_for::<T>();
        json_schema!({
            "description": "Satu nilai, atau larik nilai.",
            "anyOf": [one, { "type": "array", "items": one }]
        })
    }
}

/// One indicator of a program, kegiatan or sub-kegiatan, with everything a table prints of it
/// (T-C.33 columns 4–5; SIPD-RI columns 4–8 and 15).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// The order a planner reads the keys in (the table's columns): the editor's grid follows it.
#[schemars(extend("x-urutan" = ["uraian", "satuan", "target", "target_maju", "target_renstra", "realisasi_n2", "prakiraan_n1", "jenis"]))]
pub struct Indikator {
    /// The tolok ukur, without its "Output :"/"Outcome :" prefix.
    #[schemars(title = "Tolok ukur", description = "Tanpa awalan \"Output :\"/\"Outcome :\".")]
    pub uraian: String,
    #[schemars(title = "Satuan")]
    pub satuan: String,
    /// Target of year n.
    #[serde(default)]
    #[schemars(title = "Target n", description = "Target tahun n.")]
    pub target: Option<Nilai>,
    /// Target of the prakiraan maju n+1.
    #[serde(default)]
    #[schemars(title = "Target n+1", description = "Target prakiraan maju n+1.")]
    pub target_maju: Option<Nilai>,
    /// Target at the end of the Renstra period (SIPD-RI column 5).
    #[serde(default)]
    #[schemars(title = "Target Renstra", description = "Target akhir periode Renstra (kolom 5 SIPD-RI).")]
    pub target_renstra: Option<Nilai>,
    /// Realisation of the Renja n-2 (SIPD-RI column 6).
    #[serde(default)]
    #[schemars(title = "Realisasi n-2", description = "Realisasi Renja n-2 (kolom 6 SIPD-RI).")]
    pub realisasi_n2: Option<Nilai>,
    /// Estimated achievement of the Renja n-1 (SIPD-RI column 7).
    #[serde(default)]
    #[schemars(title = "Prakiraan capaian n-1", description = "Prakiraan capaian Renja n-1 (kolom 7 SIPD-RI).")]
    pub prakiraan_n1: Option<Nilai>,
    /// Kind: `capaian` (program), `keluaran` (kegiatan, sub-kegiatan) or `hasil` (kegiatan);
    /// left out, the level's own kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        title = "Jenis",
        description = "capaian (program), keluaran (kegiatan, sub kegiatan) atau hasil (kegiatan); bila dikosongkan, jenis tingkatnya sendiri."
    )]
    pub jenis: Option<JenisIndikator>,
    /// Where the file wrote it (not a key of the file).
    #[serde(skip)]
    pub asal: Asal,
}

/// Where an indicator was written in its node, so that a finding names the very key whatever
/// shape the file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Asal {
    /// `indikator[i]`: today's shape, and every indicator made in memory.
    #[default]
    Daftar,
    /// `indikator` as one object.
    Tunggal,
    /// The 2019 shape's first indicator: `indikator` (its text), `satuan`, `target`, `target_maju`.
    Sebaris,
    /// The 2019 shape's further ones: `capaian[i]`, `keluaran[i]`, `hasil[i]`.
    Tambahan(&'static str, usize),
}

/// Two indicators are equal when they say the same; where the file wrote them does not count.
impl PartialEq for Indikator {
    fn eq(&self, other: &Indikator) -> bool {
        let Indikator {
            uraian,
            satuan,
            target,
            target_maju,
            target_renstra,
            realisasi_n2,
            prakiraan_n1,
            jenis,
            asal: _,
        } = self;
        (uraian, satuan, target, target_maju, target_renstra, realisasi_n2, prakiraan_n1, jenis)
            == (
                &other.uraian,
                &other.satuan,
                &other.target,
                &other.target_maju,
                &other.target_renstra,
                &other.realisasi_n2,
                &other.prakiraan_n1,
                &other.jenis,
            )
    }
}

impl Indikator {
    /// The JSON path of the indicator's `kunci` ("uraian", "satuan", "target", …) under its node
    /// at `node`, where it is the `posisi`-th indicator; `kunci` empty for the indicator itself.
    pub fn jalur(&self, node: &str, posisi: usize, kunci: &str) -> String {
        let dot = if kunci.is_empty() { String::new() } else { format!(".{kunci}") };
        match self.asal {
            Asal::Daftar => format!("{node}.indikator[{posisi}]{dot}"),
            Asal::Tunggal => format!("{node}.indikator{dot}"),
            Asal::Sebaris if kunci.is_empty() || kunci == "uraian" => format!("{node}.indikator"),
            Asal::Sebaris => format!("{node}.{kunci}"),
            Asal::Tambahan(daftar, i) => format!("{node}.{daftar}[{i}]{dot}"),
        }
    }

    /// The indicator's kind on `tingkat`.
    pub fn jenis(&self, tingkat: Tingkat) -> JenisIndikator {
        self.jenis.unwrap_or(JenisIndikator::bawaan(tingkat))
    }
}

/// Where a sub-kegiatan's money comes from: one name, or several sources with their amounts
/// (which must add up to the pagu).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SumberDana {
    Teks(String),
    Rincian(Vec<Dana>),
}

impl Default for SumberDana {
    fn default() -> Self {
        SumberDana::Teks(String::new())
    }
}

impl SumberDana {
    /// The names as printed in a table cell, one per line.
    pub fn nama(&self) -> Vec<&str> {
        match self {
            SumberDana::Teks(t) if t.trim().is_empty() => Vec::new(),
            SumberDana::Teks(t) => vec![t.as_str()],
            SumberDana::Rincian(list) => list.iter().map(|d| d.nama.as_str()).collect(),
        }
    }
}

/// One funding source of a sub-kegiatan, e.g. `{ "nama": "DAK Fisik", "pagu": 350000000 }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dana {
    #[schemars(title = "Sumber dana")]
    pub nama: String,
    #[schemars(title = "Pagu")]
    pub pagu: Rupiah,
}

impl Serialize for SumberDana {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            SumberDana::Teks(t) => t.serialize(s),
            SumberDana::Rincian(list) => list.serialize(s),
        }
    }
}

struct SumberDanaVisitor;

impl<'de> Visitor<'de> for SumberDanaVisitor {
    type Value = SumberDana;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("nama sumber dana, atau larik { \"nama\": …, \"pagu\": … }")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<SumberDana, E> {
        Ok(SumberDana::Teks(v.to_owned()))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<SumberDana, A::Error> {
        let mut out = Vec::new();
        while let Some(item) = seq.next_element()? {
            out.push(item);
        }
        Ok(SumberDana::Rincian(out))
    }
}

impl<'de> Deserialize<'de> for SumberDana {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(SumberDanaVisitor)
    }
}

impl JsonSchema for SumberDana {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "SumberDana".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let dana = generator.subschema_for::<Dana>();
        json_schema!({
            "description": "Nama sumber dana (mis. \"DAU\"), atau larik sumber dana dengan pagunya; jumlahnya harus sama dengan pagu.",
            "anyOf": [{ "type": "string" }, { "type": "array", "items": dana }]
        })
    }
}

/// Priority labels of a sub-kegiatan (SIPD `label_pusat`, `label_prov`, `label_kokab`).
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Prioritas {
    #[serde(default)]
    #[schemars(title = "Prioritas nasional")]
    pub nasional: String,
    #[serde(default)]
    #[schemars(title = "Prioritas provinsi")]
    pub provinsi: String,
    #[serde(default)]
    #[schemars(title = "Prioritas daerah")]
    pub daerah: String,
}

/// The lowest level of the plan: where the money is.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
// The order a planner reads the keys in (the table's columns): the editor's grid follows it.
#[schemars(extend("x-urutan" = ["kode", "nama", "indikator", "lokasi", "pagu", "pagu_maju", "sumber_dana", "waktu_pelaksanaan", "kelompok_sasaran", "penanggung_jawab", "prioritas", "catatan"]))]
pub struct SubKegiatan {
    #[schemars(title = "Kode sub kegiatan")]
    pub kode: String,
    #[schemars(title = "Nama sub kegiatan")]
    pub nama: String,
    /// Keluaran (output) indicators: one or a list.
    #[serde(deserialize_with = "satu_atau_banyak")]
    #[schemars(with = "SatuAtauBanyak<Indikator>")]
    #[schemars(title = "Indikator keluaran", description = "Indikator keluaran (output): satu atau larik.")]
    pub indikator: Vec<Indikator>,
    /// One location or a list, e.g. ["Kec. Batu", "Kec. Bumiaji"] or "Semua Kecamatan".
    #[serde(default)]
    #[schemars(
        title = "Lokasi",
        description = "Satu lokasi atau larik, mis. [\"Kec. Batu\", \"Kec. Bumiaji\"] atau \"Semua Kecamatan\"."
    )]
    pub lokasi: SatuAtauBanyak<String>,
    #[serde(default)]
    #[schemars(title = "Sumber dana")]
    pub sumber_dana: SumberDana,
    #[serde(default)]
    #[schemars(title = "Kelompok sasaran")]
    pub kelompok_sasaran: String,
    /// The sub-unit responsible (UPTD, bidang, puskesmas…); defaults to the Perangkat Daerah.
    #[serde(default)]
    #[schemars(
        title = "Penanggung jawab",
        description = "Sub-unit yang bertanggung jawab (UPTD, bidang, puskesmas…); bawaannya Perangkat Daerah."
    )]
    pub penanggung_jawab: String,
    /// e.g. "Januari–Desember".
    #[serde(default)]
    #[schemars(title = "Waktu pelaksanaan", description = "Mis. \"Januari–Desember\".")]
    pub waktu_pelaksanaan: String,
    #[serde(default)]
    #[schemars(title = "Prioritas")]
    pub prioritas: Prioritas,
    // Pagu indikatif of year n, required (a sub-kegiatan is always the lowest level), and the
    // prakiraan maju n+1. Plain comments: the schema's description of a pagu stays Rupiah's.
    #[serde(default)]
    #[schemars(title = "Pagu indikatif")]
    pub pagu: Option<Rupiah>,
    #[serde(default)]
    #[schemars(title = "Pagu prakiraan maju n+1")]
    pub pagu_maju: Option<Rupiah>,
    #[serde(default)]
    #[schemars(title = "Catatan")]
    pub catatan: String,
}

/// The Permendagri whose code list a plan uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Nomenklatur {
    /// Permendagri 86/2017 (up to TA 2020): free-width codes such as `4.5.1.10`.
    #[serde(rename = "86/2017")]
    P86_2017,
    /// Permendagri 90/2019 (TA 2021 on): `X.XX.XX.N.NN.NNNN`.
    #[serde(rename = "90/2019")]
    P90_2019,
}

impl Nomenklatur {
    /// The era a plan states, or the one its year implies: 90/2019 from TA 2021.
    pub fn of(plan: &Plan) -> Nomenklatur {
        plan.identitas.nomenklatur.unwrap_or(if plan.identitas.tahun >= 2021 {
            Nomenklatur::P90_2019
        } else {
            Nomenklatur::P86_2017
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_or_many_loads_both() {
        let one: SatuAtauBanyak<String> = serde_json::from_str("\"Kec. Batu\"").unwrap();
        let many: SatuAtauBanyak<String> = serde_json::from_str("[\"a\", \"b\"]").unwrap();
        assert_eq!((one.0.len(), many.0.len()), (1, 2));
        let dana: SumberDana = serde_json::from_str("[{\"nama\": \"DAU\", \"pagu\": 5}]").unwrap();
        assert_eq!(dana.nama(), ["DAU"]);
    }
}
