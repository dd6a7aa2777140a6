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
    spek[0].pdf = lebar_kode(plan, crate::tabel::ukuran_teks(spek.len()), 1.9);
    let (kepala, tinggi) = kepala(&[&top, &bottom], spek.len());
    let kolom = kolom(&spek, &kepala, tinggi);
    const INDIKATOR: usize = 2;
    const TARGET: usize = 4;
    const PAGU: usize = 5;
    const TARGET_MAJU: usize = 8;
    const PAGU_MAJU: usize = 9;
    let isi = |g: &Garis, sel: &mut [Sel]| {
        sel[INDIKATOR] = Sel::teks(&g.uraian);
        sel[TARGET] = Sel::nilai(g.target);
        if maju {
            sel[TARGET_MAJU] = Sel::nilai(g.target_maju);
        }
    };
    let bidang = crate::kode::kode_bidang(plan);
    let kode = |k: &str| crate::kode::kode_cetak(k, bidang.as_deref());
    let n = kolom.len();
    let mut baris: Vec<Baris> = Vec::new();
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    for (program, hitungan) in plan.rencana.program.iter().zip(&computed.program) {
        let (pagu, pagu_kegiatan) = (&hitungan.pagu, &hitungan.kegiatan);
        let kode_program = kode(&program.kode);
        for u in headings.before(&kode_program) {
            let mut sel = vec![Sel::kosong(); n];
            sel[0] = Sel::teks(&u.kode);
            sel[1] = Sel::teks(u.nama.to_uppercase());
            baris.push(Baris::new(JenisBaris::Urusan, sel).kunci(&u.kode));
        }
        let mut sel = vec![
            Sel::teks(&kode_program),
            Sel::teks(&program.nama),
            Sel::kosong(),
            Sel::teks(&program.lokasi),
            Sel::kosong(),
            Sel::kosong(),
            Sel::teks(&program.sumber_dana),
            Sel::teks(&program.catatan),
        ];
        if maju {
            sel.extend([Sel::kosong(), Sel::kosong()]);
        }
        let p = push_node(
            &mut baris,
            JenisBaris::Program,
            &kode_program,
            &garis(Tingkat::Program, &program.indikator),
            sel,
            isi,
        );
        program_rows.push(p);
        let mut kegiatan_rows = Vec::new();
        for (k, pk) in program.kegiatan.iter().zip(pagu_kegiatan) {
            let kode_kegiatan = kode(&k.kode);
            let mut sel = vec![
                Sel::teks(&kode_kegiatan),
                Sel::teks(&k.nama),
                Sel::kosong(),
                Sel::teks(&k.lokasi),
                Sel::kosong(),
                Sel::rupiah(pk.pagu),
                Sel::teks(&k.sumber_dana),
                Sel::teks(&k.catatan),
            ];
            if maju {
                sel.extend([Sel::kosong(), k.pagu_maju.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0))]);
            }
            let at = push_node(
                &mut baris,
                JenisBaris::Kegiatan,
                &kode_kegiatan,
                &garis(Tingkat::Kegiatan, &k.indikator),
                sel,
                isi,
            );
            kegiatan_rows.push(at);
            let mut sub_rows = Vec::new();
            for s in &k.sub_kegiatan {
                let kode_sub = kode(&s.kode);
                let mut sel = vec![
                    Sel::teks(&kode_sub),
                    Sel::teks(&s.nama),
                    Sel::kosong(),
                    Sel::teks(baris_daftar(s.lokasi.iter().map(String::as_str))),
                    Sel::kosong(),
                    s.pagu.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                    Sel::teks(baris_daftar(s.sumber_dana.nama())),
                    Sel::teks(&s.catatan),
                ];
                if maju {
                    sel.extend([Sel::kosong(), s.pagu_maju.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0))]);
                }
                sub_rows.push(push_node(
                    &mut baris,
                    JenisBaris::SubKegiatan,
                    &kode_sub,
                    &garis(Tingkat::SubKegiatan, &s.indikator),
                    sel,
                    isi,
                ));
            }
            if !sub_rows.is_empty() {
                // The kegiatan's pagu is the sum of its sub-kegiatan's, live in the workbook.
                baris[at].sel[PAGU] =
                    Sel::turunan(Isi::Rupiah(pk.pagu), Rumus::Total { baris: sub_rows.clone(), opsional: false });
                if maju {
                    baris[at].sel[PAGU_MAJU] = Sel::turunan(
                        pk.pagu_maju.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
                        Rumus::Total { baris: sub_rows, opsional: true },
                    );
                }
            }
        }
        baris[p].sel[PAGU] =
            Sel::turunan(Isi::Rupiah(pagu.pagu), Rumus::Total { baris: kegiatan_rows.clone(), opsional: false });
        if maju {
            baris[p].sel[PAGU_MAJU] = Sel::turunan(
                pagu.pagu_maju.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
                Rumus::Total { baris: kegiatan_rows, opsional: true },
            );
        }
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks("JUMLAH");
    jumlah[PAGU] =
        Sel::turunan(Isi::Rupiah(computed.jumlah.pagu), Rumus::Total { baris: program_rows.clone(), opsional: false });
    if maju {
        jumlah[PAGU_MAJU] = Sel::turunan(
            computed.jumlah.pagu_maju.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
            Rumus::Total { baris: program_rows, opsional: true },
        );
    }
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
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
