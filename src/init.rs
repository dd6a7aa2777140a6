//! The skeleton plan `renja init` writes (and a new plan from an import starts from): every
//! chapter with a sentence of guidance, one program with one kegiatan.

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
