//! The skeleton plan `renja init` writes (and a new plan from an import starts from): every
//! chapter with a sentence of guidance, one program with one kegiatan.

use std::sync::LazyLock;

/// The skeleton: every chapter with a sentence of guidance, one program with one kegiatan.
pub const SKELETON: &str = include_str!("../templates/init/plan.json");

/// The skeleton. With a stated era it says so in `identitas.nomenklatur`; under 90/2019 the
/// kegiatan's pagu moves onto a sub-kegiatan and Tabel 4.1 takes the SIPD-RI layout. Edited as
/// text so that the skeleton keeps its order and its guidance.
pub fn skeleton(nomenklatur: Option<&str>) -> String {
    let Some(era) = nomenklatur else { return SKELETON.to_owned() };
    let mut text = SKELETON.replacen(
        "    \"tahap\": \"rancangan_awal\",\n",
        &format!("    \"tahap\": \"rancangan_awal\",\n    \"nomenklatur\": \"{era}\",\n"),
        1,
    );
    if era == "90/2019" {
        text =
            text.replacen("    \"kertas\": \"a4\"\n", "    \"kertas\": \"a4\",\n    \"tabel_bab_4\": \"sipd-ri\"\n", 1);
        text = text.replacen(KEGIATAN_86, KEGIATAN_90, 1);
    }
    text
}

/// The kegiatan's money in the skeleton, and the same money on its one sub-kegiatan.
const KEGIATAN_86: &str = r#"            "lokasi": "Kabupaten Contoh",
            "pagu": 1000000000,
            "pagu_maju": 1050000000,
            "sumber_dana": "DAU",
"#;
const KEGIATAN_90: &str = r#"            "lokasi": "Kabupaten Contoh",
            "sub_kegiatan": [
              {
                "kode": "1.01.01.2.02.0001",
                "nama": "Penyediaan Gaji dan Tunjangan ASN",
                "indikator": [
                  {
                    "uraian": "Jumlah bulan pemenuhan gaji dan tunjangan ASN",
                    "satuan": "Bulan",
                    "target": 12,
                    "target_maju": 12
                  }
                ],
                "lokasi": "Kabupaten Contoh",
                "sumber_dana": "DAU",
                "kelompok_sasaran": "Aparatur Sipil Negara",
                "penanggung_jawab": "Sekretariat",
                "waktu_pelaksanaan": "Januari-Desember",
                "pagu": 1000000000,
                "pagu_maju": 1050000000
              }
            ],
"#;

/// Keys whose strings in the skeleton are settings, codes or units, never example text.
const KUNCI_BUKAN_CONTOH: &[&str] =
    &["$schema", "tahap", "ttd", "kertas", "nomenklatur", "tabel_bab_4", "satuan", "kode", "tentang"];

/// The strings of the skeleton that are real planning values a final document may keep: the
/// official nomenclature (Permendagri 90/2019 names of urusan, program, kegiatan and
/// sub-kegiatan), standard phrasing, and plausible real entries.
const NILAI_NYATA: &[&str] = &[
    "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "Administrasi Keuangan Perangkat Daerah",
    "Penyediaan Gaji dan Tunjangan ASN",
    "Sistematika penulisan Renja adalah sebagai berikut:",
    "Pada tahun {{ tahun }} {{ perangkat_daerah }} melaksanakan {{ jumlah_program }} program dan {{ jumlah_kegiatan }} kegiatan sebagai berikut:",
    "Rincian program dan kegiatan tersaji pada **Tabel 3.1** berikut:",
    "Demikian untuk dilaksanakan.",
    "DAU",
    "Aparatur Sipil Negara",
    "Sekretariat",
    "Januari-Desember",
];

/// The skeleton's example values: every string leaf of the skeleton (of either era) that is
/// neither a setting, code or unit, nor a real planning value ([`NILAI_NYATA`]), nor a
/// paragraph already marked "(Ganti teks ini.)". Derived from the skeleton itself, so what
/// `init` writes and what `check` refuses in a final document cannot drift apart.
pub fn contoh() -> &'static [String] {
    static CONTOH: LazyLock<Vec<String>> = LazyLock::new(|| {
        let mut found = Vec::new();
        for text in [skeleton(None), skeleton(Some("90/2019"))] {
            let value: serde_json::Value = serde_json::from_str(&text).expect("the skeleton is JSON");
            string_leaves(&value, None, &mut found);
        }
        found.retain(|s| !s.contains(crate::plan::TEKS_TEMPLAT_INIT) && !NILAI_NYATA.contains(&s.as_str()));
        found.sort();
        found.dedup();
        found
    });
    &CONTOH
}

fn string_leaves(value: &serde_json::Value, key: Option<&str>, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) if !key.is_some_and(|k| KUNCI_BUKAN_CONTOH.contains(&k)) => {
            out.push(text.trim().to_owned())
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| string_leaves(v, key, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| string_leaves(v, Some(k), out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The list holds what the issue names and nothing the official nomenclature gives.
    #[test]
    fn the_example_values_are_the_skeletons_invented_strings() {
        let contoh = contoh();
        for value in [
            "Kabupaten Contoh",
            "Bupati Contoh",
            "Dinas Contoh",
            "Keputusan Bupati Contoh",
            "000/     /KEP/2026",
            "NAMA KEPALA DAERAH",
            "Urusan Pemerintahan Bidang Contoh",
            "Tuliskan tujuan Perangkat Daerah.",
            "Jumlah bulan pemenuhan gaji dan tunjangan ASN",
        ] {
            assert!(contoh.iter().any(|c| c == value), "{value} missing from {contoh:?}");
        }
        for real in NILAI_NYATA.iter().chain(["%", "basah", "1.01.01", "rancangan_awal"].iter()) {
            assert!(!contoh.iter().any(|c| c == real), "{real} listed as an example value");
        }
        assert!(contoh.iter().all(|c| !c.contains("(Ganti teks ini.)")));
        // Every real value listed is still in the skeleton: the list cannot go stale.
        let both = format!("{}{}", skeleton(None), skeleton(Some("90/2019")));
        for real in NILAI_NYATA {
            assert!(both.contains(&serde_json::to_string(real).unwrap()), "{real} is no longer in the skeleton");
        }
    }
}
