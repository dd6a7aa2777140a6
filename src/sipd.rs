//! The Renja since SIPD (Permendagri 90/2019): sub-kegiatan under kegiatan, several indicators
//! per node, funding sources with amounts, several locations, priority labels, and the code
//! shapes of each nomenclature era.
//!
//! The types here hang under [`crate::plan::Kegiatan`]; a plan without `sub_kegiatan` is the
//! 2019 (Permendagri 86/2017) plan it always was.

use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, IntoDeserializer, Visitor};
use serde::{Deserialize, Serialize};

use crate::check::{not_blank, rupiah, under, unit};
use crate::compute::Computed;
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::plan::{Nilai, Plan, Rupiah};

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

/// One indicator of a program, kegiatan or sub-kegiatan, with what the SIPD-RI table prints of
/// it (columns 4–8 and 15).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indikator {
    /// The tolok ukur, without its "Output :"/"Outcome :" prefix.
    pub uraian: String,
    pub satuan: String,
    /// Target of year n.
    #[serde(default)]
    pub target: Option<Nilai>,
    /// Target of the prakiraan maju n+1.
    #[serde(default)]
    pub target_maju: Option<Nilai>,
    /// Target at the end of the Renstra period (SIPD-RI column 5).
    #[serde(default)]
    pub target_renstra: Option<Nilai>,
    /// Realisation of the Renja n-2 (SIPD-RI column 6).
    #[serde(default)]
    pub realisasi_n2: Option<Nilai>,
    /// Estimated achievement of the Renja n-1 (SIPD-RI column 7).
    #[serde(default)]
    pub prakiraan_n1: Option<Nilai>,
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
    pub nama: String,
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
    pub nasional: String,
    #[serde(default)]
    pub provinsi: String,
    #[serde(default)]
    pub daerah: String,
}

/// The lowest level of the plan: where the money is.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubKegiatan {
    pub kode: String,
    pub nama: String,
    /// Keluaran (output) indicators: one or a list.
    pub indikator: SatuAtauBanyak<Indikator>,
    /// One location or a list, e.g. ["Kec. Batu", "Kec. Bumiaji"] or "Semua Kecamatan".
    #[serde(default)]
    pub lokasi: SatuAtauBanyak<String>,
    #[serde(default)]
    pub sumber_dana: SumberDana,
    #[serde(default)]
    pub kelompok_sasaran: String,
    /// The sub-unit responsible (UPTD, bidang, puskesmas…); defaults to the Perangkat Daerah.
    #[serde(default)]
    pub penanggung_jawab: String,
    /// e.g. "Januari–Desember".
    #[serde(default)]
    pub waktu_pelaksanaan: String,
    #[serde(default)]
    pub prioritas: Prioritas,
    // Pagu indikatif of year n, required (a sub-kegiatan is always the lowest level), and the
    // prakiraan maju n+1. Plain comments: the schema's description of a pagu stays Rupiah's.
    #[serde(default)]
    pub pagu: Option<Rupiah>,
    #[serde(default)]
    pub pagu_maju: Option<Rupiah>,
    #[serde(default)]
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

/// The level of a node in the 90/2019 code tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tingkat {
    Program,
    Kegiatan,
    SubKegiatan,
}

impl Tingkat {
    pub fn label(self) -> &'static str {
        match self {
            Tingkat::Program => "program",
            Tingkat::Kegiatan => "kegiatan",
            Tingkat::SubKegiatan => "sub kegiatan",
        }
    }

    /// Digits of each segment: `X.XX.XX.N.NN.NNNN`.
    fn widths(self, tahun: i32) -> &'static [usize] {
        match self {
            Tingkat::Program => &[1, 2, 2],
            Tingkat::Kegiatan => &[1, 2, 2, 1, 2],
            Tingkat::SubKegiatan if tahun >= 2024 => &[1, 2, 2, 1, 2, 4],
            Tingkat::SubKegiatan => &[1, 2, 2, 1, 2, 2],
        }
    }

    /// The shape as written in the rules, e.g. "X.XX.XX.N.NN.NNNN".
    pub fn shape(self, tahun: i32) -> String {
        self.widths(tahun)
            .iter()
            .enumerate()
            .map(|(i, &w)| if i < 3 { "X".repeat(w) } else { "N".repeat(w) })
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// Why a 90/2019 code is wrong, and the code it should be when that can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KodeSalah {
    pub perbaikan: Option<String>,
}

/// Checks a 90/2019 code against its level's shape. A shared program's `X.XX` is accepted.
/// Segments that are numbers of the wrong width are corrected by padding (or trimming leading
/// zeros); a wrong number of segments or letters cannot be corrected.
pub fn periksa_kode(kode: &str, tingkat: Tingkat, tahun: i32) -> Result<(), KodeSalah> {
    let widths = tingkat.widths(tahun);
    let parts: Vec<&str> = kode.trim().split('.').collect();
    if parts.len() != widths.len() {
        return Err(KodeSalah { perbaikan: None });
    }
    let shared = parts[0] == "X" && parts[1] == "XX";
    let mut fixed = Vec::with_capacity(parts.len());
    let mut ok = true;
    for (i, (part, &w)) in parts.iter().zip(widths).enumerate() {
        if shared && i < 2 {
            fixed.push((*part).to_owned());
            continue;
        }
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KodeSalah { perbaikan: None });
        }
        if part.len() != w {
            ok = false;
            let digits = part.trim_start_matches('0');
            if digits.len() > w {
                return Err(KodeSalah { perbaikan: None });
            }
            fixed.push(format!("{digits:0>w$}"));
        } else {
            fixed.push((*part).to_owned());
        }
    }
    if ok { Ok(()) } else { Err(KodeSalah { perbaikan: Some(fixed.join(".")) }) }
}

/// The bidang urusan (`5.01`) that replaces a shared program's `X.XX`: `identitas.kode_bidang`,
/// else the first urusan heading written as `N.NN`.
pub fn kode_bidang(plan: &Plan) -> Option<String> {
    plan.identitas
        .kode_bidang
        .clone()
        .or_else(|| plan.rencana.urusan.iter().map(|u| u.kode.trim()).find(|k| periksa_bidang(k)).map(str::to_owned))
}

/// A bidang urusan code: `X.XX`.
pub fn periksa_bidang(kode: &str) -> bool {
    matches!(kode.split_once('.'), Some((u, b)) if u.len() == 1 && b.len() == 2
        && u.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()))
}

/// A code as printed: `X.XX` replaced by the Perangkat Daerah's own bidang.
pub fn kode_cetak(kode: &str, bidang: Option<&str>) -> String {
    match (kode.trim().strip_prefix("X.XX."), bidang) {
        (Some(rest), Some(bidang)) => format!("{bidang}.{rest}"),
        _ => kode.to_owned(),
    }
}

/// The rules of the three-level plan: pagu only on the lowest level, funding sources that add
/// up, sub-kegiatan under their kegiatan, indicators filled, and 90/2019 code shapes.
pub fn periksa(plan: &Plan, computed: &Computed) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let era = Nomenklatur::of(plan);
    let tahun = plan.identitas.tahun;
    if let Some(bidang) = &plan.identitas.kode_bidang
        && !periksa_bidang(bidang)
    {
        out.push(
            Diagnostic::error("kode.bidang", "kode bidang urusan tidak valid")
                .path("$.identitas.kode_bidang")
                .expected("X.XX, mis. 1.02")
                .found(format!("\"{bidang}\"")),
        );
    }
    let bidang = kode_bidang(plan);
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for (i, program) in plan.rencana.program.iter().enumerate() {
        let base = format!("$.rencana.program[{i}]");
        if program.kode.trim().starts_with("X.XX.") && bidang.is_none() {
            out.push(
                Diagnostic::error(
                    "kode.bidang_kosong",
                    format!("program bersama {} tanpa bidang urusan", program.kode),
                )
                .path(format!("{base}.kode"))
                .expected("identitas.kode_bidang, atau urusan X.XX di rencana.urusan")
                .found("tidak ada")
                .hint("tulis identitas.kode_bidang, mis. \"1.02\", agar X.XX diganti bidang perangkat daerah"),
            );
        }
        if era == Nomenklatur::P90_2019 {
            kode_bentuk(&format!("{base}.kode"), &program.kode, Tingkat::Program, tahun, &mut out);
        }
        for (c, ind) in program.capaian.iter().enumerate() {
            indikator(&format!("{base}.capaian[{c}]"), ind, &mut out);
        }
        for (j, kegiatan) in program.kegiatan.iter().enumerate() {
            let path = format!("{base}.kegiatan[{j}]");
            if era == Nomenklatur::P90_2019 {
                kode_bentuk(&format!("{path}.kode"), &kegiatan.kode, Tingkat::Kegiatan, tahun, &mut out);
            }
            for (list, name) in [(&kegiatan.keluaran, "keluaran"), (&kegiatan.hasil, "hasil")] {
                for (c, ind) in list.iter().enumerate() {
                    indikator(&format!("{path}.{name}[{c}]"), ind, &mut out);
                }
            }
            let total = computed.kegiatan[i][j];
            if kegiatan.sub_kegiatan.is_empty() {
                if kegiatan.pagu.is_none() {
                    out.push(
                        Diagnostic::error("pagu.kosong", format!("kegiatan {} tanpa pagu", kegiatan.kode))
                            .path(path.clone())
                            .expected("pagu pada tingkat terendah: pagu kegiatan, atau sub_kegiatan dengan pagunya")
                            .found("tidak ada pagu dan tidak ada sub_kegiatan")
                            .hint("tulis \"pagu\" kegiatan ini, atau rinci ke sub_kegiatan"),
                    );
                }
                continue;
            }
            for (field, typed, sum) in
                [("pagu", kegiatan.pagu, Some(total.pagu)), ("pagu_maju", kegiatan.pagu_maju, total.pagu_maju)]
            {
                if let Some(typed) = typed {
                    out.push(
                        Diagnostic::error(
                            "pagu.bertingkat",
                            format!("{field} ditulis pada kegiatan {} yang memiliki sub kegiatan", kegiatan.kode),
                        )
                        .path(format!("{path}.{field}"))
                        .expected(format!(
                            "tanpa {field}: nilainya jumlah sub kegiatannya ({})",
                            sum.map_or_else(|| "-".to_owned(), format::rupiah)
                        ))
                        .found(format::rupiah(typed.0))
                        .hint(format!("hapus {field} kegiatan; pagu hanya ditulis pada sub kegiatan")),
                    );
                }
            }
            let some_maju = kegiatan.sub_kegiatan.iter().any(|s| s.pagu_maju.is_some());
            for (k, sub) in kegiatan.sub_kegiatan.iter().enumerate() {
                let path = format!("{path}.sub_kegiatan[{k}]");
                sub_kegiatan(&path, sub, &kegiatan.kode, some_maju, &mut out);
                if era == Nomenklatur::P90_2019 {
                    kode_bentuk(&format!("{path}.kode"), &sub.kode, Tingkat::SubKegiatan, tahun, &mut out);
                }
                let key = kode_cetak(&sub.kode, bidang.as_deref()).trim().to_owned();
                if let Some(first) = seen.get(&key) {
                    out.push(
                        Diagnostic::error("kode.duplikat", format!("kode {key} dipakai lebih dari sekali"))
                            .path(format!("{path}.kode"))
                            .expected("kode yang unik")
                            .found(format!("{key}, sudah dipakai di {first}"))
                            .hint("setiap sub kegiatan perlu kode sendiri"),
                    );
                } else {
                    seen.insert(key, format!("{path}.kode"));
                }
            }
        }
    }
    out
}

fn sub_kegiatan(path: &str, sub: &SubKegiatan, kode_kegiatan: &str, some_maju: bool, out: &mut Vec<Diagnostic>) {
    not_blank(&format!("{path}.nama"), &sub.nama, out);
    if !under(&sub.kode, kode_kegiatan) {
        out.push(
            Diagnostic::error(
                "kode.di_luar_kegiatan",
                format!("kode sub kegiatan {} tidak berada di bawah kegiatannya", sub.kode),
            )
            .path(format!("{path}.kode"))
            .expected(format!("kode berawalan {kode_kegiatan}."))
            .found(sub.kode.clone())
            .hint(format!("pindahkan sub kegiatan ke kegiatan yang benar atau ubah kodenya menjadi {kode_kegiatan}.…")),
        );
    }
    if sub.indikator.is_empty() {
        out.push(
            Diagnostic::error("indikator.kosong", format!("sub kegiatan {} tanpa indikator", sub.kode))
                .path(format!("{path}.indikator"))
                .expected("sedikitnya satu indikator keluaran { uraian, satuan, target }")
                .found("[]"),
        );
    }
    for (c, ind) in sub.indikator.iter().enumerate() {
        let at =
            if sub.indikator.0.len() == 1 { format!("{path}.indikator") } else { format!("{path}.indikator[{c}]") };
        indikator(&at, ind, out);
    }
    match sub.pagu {
        None => out.push(
            Diagnostic::error("pagu.kosong", format!("sub kegiatan {} tanpa pagu", sub.kode))
                .path(path.to_owned())
                .expected("pagu indikatif sub kegiatan (rupiah bulat)")
                .found("tidak ada")
                .hint("tulis \"pagu\"; pagu kegiatan dan program dijumlah dari sub kegiatan"),
        ),
        Some(pagu) => {
            rupiah(&format!("{path}.pagu"), pagu, out);
            if let SumberDana::Rincian(list) = &sub.sumber_dana {
                let total = list.iter().fold(rust_decimal::Decimal::ZERO, |a, d| a.saturating_add(d.pagu.0));
                for (d, dana) in list.iter().enumerate() {
                    rupiah(&format!("{path}.sumber_dana[{d}].pagu"), dana.pagu, out);
                    not_blank(&format!("{path}.sumber_dana[{d}].nama"), &dana.nama, out);
                }
                if total != pagu.0 {
                    let (lebih, selisih) =
                        if total > pagu.0 { ("lebih", total - pagu.0) } else { ("kurang", pagu.0 - total) };
                    out.push(
                        Diagnostic::error(
                            "dana.tidak_sama",
                            format!("jumlah sumber dana sub kegiatan {} tidak sama dengan pagunya", sub.kode),
                        )
                        .path(format!("{path}.sumber_dana"))
                        .expected(format!("jumlah {} (pagu)", format::rupiah(pagu.0)))
                        .found(format!("{} ({lebih} {})", format::rupiah(total), format::rupiah(selisih)))
                        .hint("sesuaikan pagu tiap sumber dana atau pagu sub kegiatan"),
                    );
                }
            }
        }
    }
    match sub.pagu_maju {
        Some(maju) => rupiah(&format!("{path}.pagu_maju"), maju, out),
        None if some_maju => out.push(
            Diagnostic::warning("pagu.maju_kosong", "pagu prakiraan maju sub kegiatan kosong")
                .path(path.to_owned())
                .expected("pagu_maju, seperti sub kegiatan lain di kegiatan ini")
                .found("tidak ada")
                .hint("jumlah prakiraan maju kegiatan hanya menjumlah sub kegiatan yang mengisinya"),
        ),
        None => {}
    }
}

fn indikator(path: &str, ind: &Indikator, out: &mut Vec<Diagnostic>) {
    not_blank(&format!("{path}.uraian"), &ind.uraian, out);
    let values = [
        ("target", &ind.target),
        ("target_maju", &ind.target_maju),
        ("target_renstra", &ind.target_renstra),
        ("realisasi_n2", &ind.realisasi_n2),
        ("prakiraan_n1", &ind.prakiraan_n1),
    ];
    for (name, value) in values {
        if let Some(value) = value {
            unit(&format!("{path}.{name}"), value, &ind.satuan, out);
        }
    }
}

fn kode_bentuk(path: &str, kode: &str, tingkat: Tingkat, tahun: i32, out: &mut Vec<Diagnostic>) {
    let Err(salah) = periksa_kode(kode, tingkat, tahun) else { return };
    let shape = tingkat.shape(tahun);
    let hint = match &salah.perbaikan {
        Some(fixed) => format!("tulis {fixed}"),
        None => format!("kode {} menurut Permendagri 90/2019 berbentuk {shape}", tingkat.label()),
    };
    out.push(
        Diagnostic::error("kode.bentuk", format!("kode {} {kode} tidak sesuai bentuk {shape}", tingkat.label()))
            .path(path)
            .expected(format!("{shape} (Permendagri 90/2019, TA {tahun})"))
            .found(kode.to_owned())
            .hint(hint),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_and_corrected_by_era() {
        assert_eq!(periksa_kode("1.02.02.2.01.0001", Tingkat::SubKegiatan, 2027), Ok(()));
        assert_eq!(
            periksa_kode("1.02.02.2.01.1", Tingkat::SubKegiatan, 2027),
            Err(KodeSalah { perbaikan: Some("1.02.02.2.01.0001".into()) })
        );
        assert_eq!(periksa_kode("1.02.02.2.01.01", Tingkat::SubKegiatan, 2023), Ok(()));
        assert_eq!(
            periksa_kode("1.02.02.2.01.0001", Tingkat::SubKegiatan, 2023),
            Err(KodeSalah { perbaikan: Some("1.02.02.2.01.01".into()) })
        );
        assert_eq!(periksa_kode("X.XX.01", Tingkat::Program, 2027), Ok(()));
        assert_eq!(periksa_kode("1.2.2", Tingkat::Program, 2027), Err(KodeSalah { perbaikan: Some("1.02.02".into()) }));
        assert_eq!(periksa_kode("1.02.02.2", Tingkat::Kegiatan, 2027), Err(KodeSalah { perbaikan: None }));
        assert_eq!(periksa_kode("1.02.0a.2.01", Tingkat::Kegiatan, 2027), Err(KodeSalah { perbaikan: None }));
        assert_eq!(Tingkat::SubKegiatan.shape(2027), "X.XX.XX.N.NN.NNNN");
    }

    #[test]
    fn shared_codes_take_the_bidang() {
        assert_eq!(kode_cetak("X.XX.01.2.01.0001", Some("1.02")), "1.02.01.2.01.0001");
        assert_eq!(kode_cetak("1.02.02", Some("1.02")), "1.02.02");
        assert_eq!(kode_cetak("X.XX.01", None), "X.XX.01");
        assert!(periksa_bidang("5.01") && !periksa_bidang("5") && !periksa_bidang("5.01.02"));
    }

    #[test]
    fn one_or_many_loads_both() {
        let one: SatuAtauBanyak<String> = serde_json::from_str("\"Kec. Batu\"").unwrap();
        let many: SatuAtauBanyak<String> = serde_json::from_str("[\"a\", \"b\"]").unwrap();
        assert_eq!((one.0.len(), many.0.len()), (1, 2));
        let dana: SumberDana = serde_json::from_str("[{\"nama\": \"DAU\", \"pagu\": 5}]").unwrap();
        assert_eq!(dana.nama(), ["DAU"]);
    }
}
