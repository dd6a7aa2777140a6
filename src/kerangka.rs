//! The outline of a Renja Perangkat Daerah (Permendagri 86/2017) as data: chapters, their
//! sections with numbers and standard titles, and what stands in each section besides its prose
//! (a table, the figure, the generated Sistematika or lists, the signature).
//!
//! Every stage walks [`DOKUMEN`] instead of listing sections itself: `render` lays the document
//! out from it (and derives 1.4 Sistematika and `preview --bab` from it), `check` finds every
//! narrative field through it, and `diff` names sections by it. A new outline is a new
//! declaration, not new code.

use serde::Serialize;

use crate::plan::{Plan, Prosa, Teks};

/// What a section shows besides its prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sisipan {
    /// The figure "Keterkaitan antar dokumen perencanaan" with its title.
    GambarKeterkaitan,
    /// 1.4: the outline of the document, generated from this declaration.
    Sistematika,
    Tabel(NomorTabel),
    /// A numbered sub-section listing every program of the plan (3.3.1).
    DaftarProgram {
        nomor: &'static str,
        judul: &'static str,
    },
    /// A numbered sub-section listing every kegiatan of the plan (3.3.2).
    DaftarKegiatan {
        nomor: &'static str,
        judul: &'static str,
    },
    /// The closing formula and the signature block.
    TandaTangan,
}

/// A section's own text in the plan.
#[derive(Debug, Clone, Copy)]
pub struct IsiBagian<'p> {
    /// A title that replaces the standard one.
    pub judul: Option<&'p Teks>,
    pub isi: &'p Prosa,
    /// Prose after the section's insertions; None where the plan has no such field.
    pub isi_lanjutan: Option<&'p Prosa>,
}

impl<'p> IsiBagian<'p> {
    fn dari(bagian: &'p crate::plan::Bagian) -> IsiBagian<'p> {
        IsiBagian { judul: bagian.judul.as_ref(), isi: &bagian.isi, isi_lanjutan: Some(&bagian.isi_lanjutan) }
    }
}

/// One section of a chapter.
#[derive(Debug)]
pub struct Subbab {
    /// Its key under the chapter in plan.json ("latar_belakang"); None for a chapter whose prose
    /// stands directly under it (Bab IV, Bab V).
    pub kunci: Option<&'static str>,
    /// "1.1"; empty for an unnumbered chapter body.
    pub nomor: &'static str,
    /// The title when the plan gives none.
    pub judul_baku: &'static str,
    /// 2 for a section listed in 1.4 Sistematika, 3 for a sub-section.
    pub tingkat: u8,
    /// Between `isi` and `isi_lanjutan`.
    pub sisipan: &'static [Sisipan],
    /// After `isi_lanjutan`.
    pub penutup: &'static [Sisipan],
    pub isian: for<'p> fn(&'p Plan) -> IsiBagian<'p>,
}

/// One chapter.
#[derive(Debug)]
pub struct Bab {
    /// Its key in plan.json ("bab_1").
    pub kunci: &'static str,
    /// 1 … 5.
    pub angka: u8,
    /// The title when the plan gives none.
    pub judul_baku: &'static str,
    pub judul: for<'p> fn(&'p Plan) -> Option<&'p Teks>,
    pub bagian: &'static [Subbab],
}

impl Bab {
    /// "I" … "V".
    pub fn romawi(&self) -> String {
        crate::format::romawi(usize::from(self.angka))
    }

    /// `$.bab_1`, the JSON path of the chapter.
    pub fn path(&self) -> String {
        format!("$.{}", self.kunci)
    }
}

impl Subbab {
    /// `$.bab_1.latar_belakang`, the JSON path of the section's fields.
    pub fn path(&self, bab: &Bab) -> String {
        match self.kunci {
            Some(kunci) => format!("$.{}.{kunci}", bab.kunci),
            None => bab.path(),
        }
    }
}

const fn bagian(
    kunci: &'static str,
    nomor: &'static str,
    judul_baku: &'static str,
    isian: for<'p> fn(&'p Plan) -> IsiBagian<'p>,
) -> Subbab {
    Subbab { kunci: Some(kunci), nomor, judul_baku, tingkat: 2, sisipan: &[], penutup: &[], isian }
}

const fn sub(mut b: Subbab) -> Subbab {
    b.tingkat = 3;
    b
}

const fn sisipan(mut b: Subbab, sisipan: &'static [Sisipan]) -> Subbab {
    b.sisipan = sisipan;
    b
}

/// The Renja of Permendagri 86/2017, chapter by chapter, in the order printed.
pub const DOKUMEN: &[Bab] = &[
    Bab {
        kunci: "bab_1",
        angka: 1,
        judul_baku: "Pendahuluan",
        judul: |p| p.bab_1.judul.as_ref(),
        bagian: &[
            sisipan(
                bagian("latar_belakang", "1.1", "Latar Belakang", |p| IsiBagian::dari(&p.bab_1.latar_belakang)),
                &[Sisipan::GambarKeterkaitan],
            ),
            bagian("landasan_hukum", "1.2", "Landasan Hukum", |p| IsiBagian::dari(&p.bab_1.landasan_hukum)),
            bagian("maksud_tujuan", "1.3", "Maksud dan Tujuan", |p| IsiBagian::dari(&p.bab_1.maksud_tujuan)),
            sisipan(
                bagian("sistematika", "1.4", "Sistematika Penulisan", |p| IsiBagian::dari(&p.bab_1.sistematika)),
                &[Sisipan::Sistematika],
            ),
        ],
    },
    Bab {
        kunci: "bab_2",
        angka: 2,
        judul_baku: "Hasil Evaluasi Renja Perangkat Daerah Tahun Lalu",
        judul: |p| p.bab_2.judul.as_ref(),
        bagian: &[
            sisipan(
                bagian(
                    "evaluasi",
                    "2.1",
                    "Evaluasi Pelaksanaan Renja Perangkat Daerah Tahun Lalu dan Capaian Renstra Perangkat Daerah",
                    |p| IsiBagian::dari(&p.bab_2.evaluasi),
                ),
                &[Sisipan::Tabel(NomorTabel::T2_1)],
            ),
            sisipan(
                bagian("kinerja_pelayanan", "2.2", "Analisis Kinerja Pelayanan Perangkat Daerah", |p| {
                    IsiBagian::dari(&p.bab_2.kinerja_pelayanan)
                }),
                &[Sisipan::Tabel(NomorTabel::T2_2)],
            ),
            bagian("isu_penting", "2.3", "Isu-isu Penting Penyelenggaraan Tugas dan Fungsi Perangkat Daerah", |p| {
                IsiBagian::dari(&p.bab_2.isu_penting)
            }),
            sisipan(
                bagian("review_rkpd", "2.4", "Review terhadap Rancangan Awal RKPD", |p| {
                    IsiBagian::dari(&p.bab_2.review_rkpd)
                }),
                &[Sisipan::Tabel(NomorTabel::T2_3)],
            ),
            sisipan(
                bagian("usulan_masyarakat", "2.5", "Penelaahan Usulan Program dan Kegiatan Masyarakat", |p| {
                    IsiBagian::dari(&p.bab_2.usulan_masyarakat)
                }),
                &[Sisipan::Tabel(NomorTabel::T2_4)],
            ),
        ],
    },
    Bab {
        kunci: "bab_3",
        angka: 3,
        judul_baku: "Tujuan dan Sasaran Perangkat Daerah",
        judul: |p| p.bab_3.judul.as_ref(),
        bagian: &[
            bagian("telaahan_kebijakan", "3.1", "Telaahan terhadap Kebijakan Nasional", |p| {
                IsiBagian::dari(&p.bab_3.telaahan_kebijakan)
            }),
            bagian("tujuan_sasaran", "3.2", "Tujuan dan Sasaran Renja Perangkat Daerah", |p| {
                IsiBagian::dari(&p.bab_3.tujuan_sasaran)
            }),
            sub(bagian("tujuan", "3.2.1", "Tujuan", |p| IsiBagian::dari(&p.bab_3.tujuan))),
            sub(bagian("sasaran", "3.2.2", "Sasaran", |p| IsiBagian::dari(&p.bab_3.sasaran))),
            Subbab {
                penutup: &[Sisipan::Tabel(NomorTabel::T3_1)],
                ..sisipan(
                    bagian("program_kegiatan", "3.3", "Program dan Kegiatan", |p| {
                        IsiBagian::dari(&p.bab_3.program_kegiatan)
                    }),
                    &[
                        Sisipan::DaftarProgram { nomor: "3.3.1", judul: "Program" },
                        Sisipan::DaftarKegiatan { nomor: "3.3.2", judul: "Kegiatan" },
                    ],
                )
            },
        ],
    },
    Bab {
        kunci: "bab_4",
        angka: 4,
        judul_baku: "Rencana Kerja dan Pendanaan Perangkat Daerah",
        judul: |p| p.bab_4.judul.as_ref(),
        bagian: &[Subbab {
            kunci: None,
            nomor: "",
            judul_baku: "",
            tingkat: 2,
            sisipan: &[Sisipan::Tabel(NomorTabel::T4_1)],
            penutup: &[],
            isian: |p| IsiBagian { judul: None, isi: &p.bab_4.isi, isi_lanjutan: Some(&p.bab_4.isi_lanjutan) },
        }],
    },
    Bab {
        kunci: "bab_5",
        angka: 5,
        judul_baku: "Penutup",
        judul: |p| p.bab_5.judul.as_ref(),
        bagian: &[Subbab {
            kunci: None,
            nomor: "",
            judul_baku: "",
            tingkat: 2,
            sisipan: &[],
            penutup: &[Sisipan::TandaTangan],
            isian: |p| IsiBagian { judul: None, isi: &p.bab_5.isi, isi_lanjutan: None },
        }],
    },
];

/// The chapter numbered `angka` (1 … 5).
pub fn bab(angka: u8) -> Option<&'static Bab> {
    DOKUMEN.iter().find(|b| b.angka == angka)
}

/// Every narrative field of the plan, in document order: `(path, text, is_prose)` where prose
/// takes the Markdown subset and a title only placeholders.
pub fn narrative_fields(plan: &Plan) -> Vec<(String, &str, bool)> {
    let mut fields: Vec<(String, &str, bool)> = vec![("$.keputusan.tentang".into(), &plan.keputusan.tentang.0, false)];
    for bab in DOKUMEN {
        if let Some(judul) = (bab.judul)(plan) {
            fields.push((format!("{}.judul", bab.path()), &judul.0, false));
        }
        for bagian in bab.bagian {
            let path = bagian.path(bab);
            let isian = (bagian.isian)(plan);
            if let Some(judul) = isian.judul {
                fields.push((format!("{path}.judul"), &judul.0, false));
            }
            fields.push((format!("{path}.isi"), &isian.isi.0, true));
            if let Some(lanjutan) = isian.isi_lanjutan {
                fields.push((format!("{path}.isi_lanjutan"), &lanjutan.0, true));
            }
        }
    }
    fields
}

/// The tables of a Renja, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NomorTabel {
    T2_1,
    T2_2,
    T2_3,
    T2_4,
    T3_1,
    T4_1,
    /// Not a table of the Renja: the "Daftar Perubahan" appendix of `renja diff --pdf`, drawn
    /// by the same function, without a numbered caption. Not in [`NomorTabel::SEMUA`].
    Perubahan,
}

impl NomorTabel {
    pub const SEMUA: [NomorTabel; 6] =
        [NomorTabel::T2_1, NomorTabel::T2_2, NomorTabel::T2_3, NomorTabel::T2_4, NomorTabel::T3_1, NomorTabel::T4_1];

    /// Their numbers as printed after "Tabel", in the same order.
    pub const TEKS: [&'static str; 6] = ["2.1", "2.2", "2.3", "2.4", "3.1", "4.1"];

    /// "2.1", as printed after "Tabel"; empty for the uncaptioned [`NomorTabel::Perubahan`].
    pub fn as_str(self) -> &'static str {
        match self {
            NomorTabel::Perubahan => "",
            n => NomorTabel::TEKS[n as usize],
        }
    }

    pub fn parse(text: &str) -> Option<NomorTabel> {
        NomorTabel::SEMUA.into_iter().find(|n| n.as_str() == text.trim())
    }
}

impl std::fmt::Display for NomorTabel {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for NomorTabel {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Bab1, Bab2, Bab3, Bab4, Bab5};

    /// A section added to the plan types fails to compile here until it has its place in
    /// [`DOKUMEN`] (and then this test tells whether it was declared).
    #[test]
    fn every_section_of_the_plan_is_in_the_outline() {
        let declared = |bab: &str| -> Vec<&str> {
            DOKUMEN.iter().find(|b| b.kunci == bab).unwrap().bagian.iter().filter_map(|b| b.kunci).collect()
        };
        let bab_1 = |b: &Bab1| {
            let Bab1 { judul: _, latar_belakang: _, landasan_hukum: _, maksud_tujuan: _, sistematika: _ } = b;
            ["latar_belakang", "landasan_hukum", "maksud_tujuan", "sistematika"]
        };
        let bab_2 = |b: &Bab2| {
            let Bab2 {
                judul: _,
                evaluasi: _,
                kinerja_pelayanan: _,
                isu_penting: _,
                review_rkpd: _,
                usulan_masyarakat: _,
            } = b;
            ["evaluasi", "kinerja_pelayanan", "isu_penting", "review_rkpd", "usulan_masyarakat"]
        };
        let bab_3 = |b: &Bab3| {
            let Bab3 { judul: _, telaahan_kebijakan: _, tujuan_sasaran: _, tujuan: _, sasaran: _, program_kegiatan: _ } =
                b;
            ["telaahan_kebijakan", "tujuan_sasaran", "tujuan", "sasaran", "program_kegiatan"]
        };
        let _ = |b: &Bab4| {
            let Bab4 { judul: _, isi: _, isi_lanjutan: _ } = b;
        };
        let _ = |b: &Bab5| {
            let Bab5 { judul: _, isi: _, penutup: _ } = b;
        };
        let loaded = crate::load::parse_bytes(std::path::Path::new("plan.json"), include_bytes!("../plan.json"))
            .expect("the flagship loads");
        let plan = &loaded.plan;
        assert_eq!(declared("bab_1"), bab_1(&plan.bab_1));
        assert_eq!(declared("bab_2"), bab_2(&plan.bab_2));
        assert_eq!(declared("bab_3"), bab_3(&plan.bab_3));
        assert!(declared("bab_4").is_empty() && declared("bab_5").is_empty());
    }

    #[test]
    fn every_table_has_exactly_one_place() {
        let placed: Vec<NomorTabel> = DOKUMEN
            .iter()
            .flat_map(|b| b.bagian)
            .flat_map(|s| s.sisipan.iter().chain(s.penutup))
            .filter_map(|s| match s {
                Sisipan::Tabel(n) => Some(*n),
                _ => None,
            })
            .collect();
        assert_eq!(placed, NomorTabel::SEMUA);
    }
}
