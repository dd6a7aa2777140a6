//! Tabel 2.4: the review of the proposals of the community.

use super::*;

pub(super) fn tabel_2_4(plan: &Plan) -> Tabel {
    let (kepala, tinggi) = kepala(
        &[&[
            ("No", 1, 1),
            ("Program/Kegiatan", 1, 1),
            ("Lokasi", 1, 1),
            ("Indikator Kinerja", 1, 1),
            ("Volume", 1, 1),
            ("Catatan", 1, 1),
        ]],
        6,
    );
    let kolom = kolom(
        &[
            Spek::no(cm(0.8)),
            Spek::teks("program_kegiatan", fr(6.0), 40.0),
            Spek::teks("lokasi", fr(3.5), 22.0),
            Spek::teks("indikator", fr(6.0), 40.0),
            Spek::teks("volume", fr(2.5), 14.0).rata(Rata::Kanan),
            Spek::teks("catatan", fr(4.5), 30.0),
        ],
        &kepala,
        tinggi,
    );
    let baris = if plan.usulan_masyarakat.is_empty() {
        vec![Baris::judul(JenisBaris::Nihil, "NIHIL".into(), kolom.len())]
    } else {
        plan.usulan_masyarakat
            .iter()
            .enumerate()
            .map(|(i, u)| {
                Baris::new(
                    JenisBaris::Kegiatan,
                    vec![
                        Sel::teks((i + 1).to_string()),
                        Sel::teks(&u.program_kegiatan),
                        Sel::teks(&u.lokasi),
                        Sel::teks(&u.indikator),
                        Sel::teks(&u.volume),
                        Sel::teks(&u.catatan),
                    ],
                )
                .kunci(&u.program_kegiatan)
            })
            .collect()
    };
    Tabel {
        nomor: NomorTabel::T2_4,
        judul: vec![format!("Penelaahan Usulan Program dan Kegiatan Masyarakat Tahun {}", plan.identitas.tahun)],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}
