//! Tabel 4.1 in the 17 columns of the SIPD-RI Renja report.

use super::*;

/// Tabel 4.1 in the 17 columns of the SIPD-RI Renja report (TA 2024 on), as Bappeda verifies
/// Bab IV: three header rows, then urusan and bidang headings, programs, kegiatan and
/// sub-kegiatan, one line per indicator, and "Jumlah" last.
pub(super) fn tabel_sipd_ri(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let tahun_n = format!("Capaian Kinerja dan Kerangka Pendanaan (Tahun {})", id.tahun);
    let realisasi = format!("Realisasi Capaian Renja PD Tahun {}", tahun(id, -2));
    let prakiraan = format!("Prakiraan Capaian Target Renja PD Tahun {}", tahun(id, -1));
    let maju = format!("Prakiraan Maju Rencana Tahun {}", tahun(id, 1));
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("No", 3, 1),
                ("Kode", 3, 1),
                ("Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan", 3, 1),
                ("Indikator Program/ Kegiatan/ Sub Kegiatan", 3, 1),
                ("Target Akhir Periode Renstra PD", 3, 1),
                (&realisasi, 3, 1),
                (&prakiraan, 3, 1),
                (&tahun_n, 1, 6),
                ("Kelompok Sasaran", 3, 1),
                (&maju, 1, 2),
                ("Perangkat Daerah Penanggung Jawab", 3, 1),
            ],
            &[
                ("Target", 2, 1),
                ("Pagu Indikatif (Rp)", 2, 1),
                ("Lokasi", 2, 1),
                ("Sumber Dana", 2, 1),
                ("Prioritas", 1, 2),
                ("Target", 2, 1),
                ("Pagu Indikatif (Rp)", 2, 1),
            ],
            &[("Nasional", 1, 1), ("Daerah", 1, 1)],
        ],
        17,
    );
    let mut spek = vec![
        Spek::no(cm(0.6)).gabung(),
        // Sized below, once the number of columns (and so the text size) is known.
        Spek::teks("kode", cm(2.0), 16.0).gabung(),
        Spek::teks("nama", fr(2.4), 30.0).gabung(),
        Spek::teks("indikator", fr(2.6), 30.0),
        Spek::angka("target_renstra", fr(1.5), 10.0),
        Spek::angka("realisasi_n2", fr(1.5), 10.0),
        Spek::angka("prakiraan_n1", fr(1.5), 10.0),
        Spek::angka("target", fr(1.5), 10.0),
        Spek::angka("pagu", fr(2.2), 15.0).gabung(),
        Spek::teks("lokasi", fr(2.1), 16.0).gabung(),
        Spek::teks("sumber_dana", fr(1.3), 14.0).gabung(),
        Spek::teks("prioritas_nasional", fr(1.8), 14.0).gabung(),
        Spek::teks("prioritas_daerah", fr(2.1), 14.0).gabung(),
        Spek::teks("kelompok_sasaran", fr(1.5), 14.0).gabung(),
        Spek::angka("target_maju", fr(1.5), 10.0),
        Spek::angka("pagu_maju", fr(2.2), 15.0).gabung(),
        Spek::teks("penanggung_jawab", fr(1.8), 16.0).gabung(),
    ];
    spek[1].pdf = lebar_kode(plan, crate::tabel::ukuran_teks(spek.len(), plan.pengaturan.kertas), 2.0);
    let kolom = kolom(&spek, &kepala, tinggi);
    let susunan = Susunan { judul_urusan: None, label_jumlah: "Jumlah" };
    let baris = baris_pohon(plan, computed, &kolom, &susunan);
    Tabel {
        nomor: NomorTabel::T4_1,
        judul: vec![
            format!("Rumusan Rencana Kerja dan Pendanaan Tahun {}", id.tahun),
            format!("{} {}", id.perangkat_daerah, id.pemda),
        ],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}
