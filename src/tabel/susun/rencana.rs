//! Tabel 3.1 and the T-C.33 Tabel 4.1: programs, kegiatan and sub-kegiatan of year n (and n+1), one line per indicator.

use super::*;

/// Tabel 3.1 (with prakiraan maju) and Tabel 4.1 (without): the same rows.
pub(super) fn tabel_rencana(plan: &Plan, computed: &Computed, maju: bool) -> Tabel {
    let id = &plan.identitas;
    let tiga = plan.rencana.program.iter().any(|p| p.kegiatan.iter().any(|k| !k.sub_kegiatan.is_empty()));
    let rencana = format!("Rencana Tahun {}", id.tahun);
    let prakiraan = format!("Prakiraan Maju Rencana Tahun {}", tahun(id, 1));
    let (nama_kolom, indikator_kolom) = if tiga {
        (
            "Urusan/Bidang Urusan/ Program/Kegiatan/ Sub Kegiatan",
            "Indikator Kinerja Program (Outcome), Kegiatan dan Sub Kegiatan (Output)",
        )
    } else {
        ("Urusan/Bidang Urusan/ Program/Kegiatan", "Indikator Kinerja Program (Outcome) dan Kegiatan (Output)")
    };
    let mut top: Vec<(&str, usize, usize)> =
        vec![("KODE", 2, 1), (nama_kolom, 2, 1), (indikator_kolom, 2, 1), (&rencana, 1, 4), ("Catatan Penting", 2, 1)];
    let mut bottom: Vec<(&str, usize, usize)> = vec![
        ("Lokasi", 1, 1),
        ("Target Capaian Kinerja", 1, 1),
        ("Kebutuhan Dana/ Pagu Indikatif", 1, 1),
        ("Sumber Dana", 1, 1),
    ];
    // Tabel 4.1 gives the two prakiraan maju columns' room to the text columns; a pagu of
    // hundreds of billions in bold fits its column at the table's 9 pt.
    let w = |tiga_satu: f64, empat_satu: f64| fr(if maju { tiga_satu } else { empat_satu });
    let mut spek = vec![
        // Sized below, once the number of columns (and so the text size) is known.
        Spek::teks("kode", cm(1.9), 12.0).gabung(),
        Spek::teks("program_kegiatan", w(4.2, 5.2), if maju { 32.0 } else { 36.0 }).gabung(),
        Spek::teks("indikator", w(4.5, 5.8), if maju { 36.0 } else { 40.0 }),
        Spek::teks("lokasi", w(2.6, 3.0), 18.0).gabung(),
        Spek::angka("target", w(1.7, 2.0), 12.0),
        Spek::angka("pagu", w(2.6, 2.6), 15.0).gabung(),
        Spek::teks("sumber_dana", w(1.3, 1.5), 10.0).rata(Rata::Tengah).gabung(),
        Spek::teks("catatan", w(2.1, 3.0), 16.0).gabung(),
    ];
    if maju {
        top.push((&prakiraan, 1, 2));
        bottom.extend([("Target Capaian Kinerja", 1, 1), ("Pagu Indikatif", 1, 1)]);
        spek.extend([Spek::angka("target_maju", fr(1.7), 12.0), Spek::angka("pagu_maju", fr(2.6), 15.0).gabung()]);
    }
    spek[0].pdf = lebar_kode(plan, crate::tabel::ukuran_teks(spek.len(), plan.pengaturan.kertas), 1.9);
    let (kepala, tinggi) = kepala(&[&top, &bottom], spek.len());
    let kolom = kolom(&spek, &kepala, tinggi);
    let susunan = Susunan {
        judul_urusan: Some(|u, n| {
            let mut sel = vec![Sel::kosong(); n];
            sel[0] = Sel::teks(&u.kode);
            sel[1] = Sel::teks(u.nama.to_uppercase());
            Baris::new(JenisBaris::Urusan, sel).kunci(&u.kode)
        }),
        label_jumlah: "JUMLAH",
    };
    let baris = baris_pohon(plan, computed, &kolom, &susunan);
    let pd = format!("{} {}", id.perangkat_daerah, id.pemda);
    let (nomor, judul) = if maju {
        (
            NomorTabel::T3_1,
            vec![
                format!(
                    "Rumusan Rencana Program dan Kegiatan Tahun {} dan Prakiraan Maju Tahun {}",
                    id.tahun,
                    tahun(id, 1)
                ),
                pd,
            ],
        )
    } else {
        (NomorTabel::T4_1, vec![format!("Rumusan Rencana Kerja dan Pendanaan Tahun {}", id.tahun), pd])
    };
    Tabel {
        nomor,
        judul,
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}
