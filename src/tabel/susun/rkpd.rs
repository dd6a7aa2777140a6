//! Tabel 2.3: the review of the Rancangan Awal RKPD against the needs analysis.

use super::*;

pub(super) fn tabel_2_3(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let analisis = format!("Hasil Analisis Kebutuhan {}", id.tahun);
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("NO", 2, 1),
                ("Rancangan Awal Rencana Kerja Perangkat Daerah", 1, 5),
                (&analisis, 1, 5),
                ("Catatan Penting", 2, 1),
            ],
            &[
                ("Program/ Kegiatan", 1, 1),
                ("Lokasi", 1, 1),
                ("Indikator Kinerja", 1, 1),
                ("Target Capaian Kinerja", 1, 1),
                ("Pagu Indikatif (Rp.)", 1, 1),
                ("Program/ Kegiatan", 1, 1),
                ("Lokasi", 1, 1),
                ("Indikator Kinerja", 1, 1),
                ("Target Capaian Kinerja", 1, 1),
                ("Kebutuhan Dana (Rp.)", 1, 1),
            ],
        ],
        12,
    );
    let kolom = kolom(
        &[
            // Every column but the needs-analysis indicator and target spans a sub-kegiatan's
            // indicator lines.
            Spek::no(cm(0.7)).gabung(),
            // Widths in the PDF: a pagu of hundreds of billions and the longest single words of
            // the lokasi and catatan columns fit at the table's 8 pt.
            Spek::teks("program_kegiatan_rkpd", fr(2.6), 24.0).gabung(),
            Spek::teks("lokasi_rkpd", fr(1.9), 14.0).gabung(),
            Spek::teks("indikator_rkpd", fr(2.6), 26.0).gabung(),
            Spek::angka("target_rkpd", fr(1.4), 12.0).gabung(),
            Spek::angka("pagu_rkpd", fr(2.3), 15.0).gabung(),
            Spek::teks("program_kegiatan_analisis", fr(2.6), 24.0).gabung(),
            Spek::teks("lokasi_analisis", fr(1.9), 14.0).gabung(),
            Spek::teks("indikator_analisis", fr(2.6), 26.0),
            Spek::angka("target_analisis", fr(1.4), 12.0),
            Spek::angka("pagu_analisis", fr(2.3), 15.0).gabung(),
            Spek::teks("catatan", fr(2.2), 16.0).gabung(),
        ],
        &kepala,
        tinggi,
    );
    const PAGU_RKPD: usize = 5;
    const INDIKATOR_ANALISIS: usize = 8;
    const TARGET_ANALISIS: usize = 9;
    const PAGU_ANALISIS: usize = 10;
    let n = kolom.len();
    let mut baris: Vec<Baris> = Vec::new();
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    let bidang = crate::kode::kode_bidang(plan);
    for (i, (program, pagu)) in plan.rencana.program.iter().zip(computed.program.iter().map(|h| &h.pagu)).enumerate() {
        let before = headings.before(&crate::kode::kode_cetak(&program.kode, bidang.as_deref()));
        if !before.is_empty() {
            for u in before {
                let label = if u.kode.contains('.') { "URUSAN" } else { "JENIS URUSAN" };
                baris.push(Baris::judul(JenisBaris::Kelompok, format!("{label} : {}", u.nama), n).kunci(&u.kode));
            }
            baris.push(
                Baris::judul(JenisBaris::Kelompok, format!("PERANGKAT DAERAH : {}", id.perangkat_daerah), n)
                    .kunci("perangkat_daerah"),
            );
        }
        let p = baris.len();
        program_rows.push(p);
        let utama = program.indikator_utama();
        baris.push(
            Baris::new(
                JenisBaris::Program,
                vec![
                    Sel::teks((i + 1).to_string()),
                    Sel::teks(&program.nama),
                    Sel::teks(""),
                    Sel::teks(&utama.uraian),
                    Sel::nilai(utama.target.as_ref()),
                    Sel::kosong(),
                    Sel::teks(&program.nama),
                    Sel::teks(""),
                    Sel::teks(&utama.uraian),
                    Sel::nilai(utama.target.as_ref()),
                    Sel::kosong(),
                    Sel::teks(&program.catatan),
                ],
            )
            .satuan(&utama.satuan)
            .kunci(crate::kode::kode_cetak(&program.kode, bidang.as_deref())),
        );
        let mut kegiatan_rows = Vec::new();
        for (j, (k, pk)) in program.kegiatan.iter().zip(&computed.program[i].kegiatan).enumerate() {
            kegiatan_rows.push(baris.len());
            let utama = k.indikator_utama();
            let indikator = format!("Output : {}", utama.uraian);
            let analisis = k.hasil_analisis.clone().unwrap_or_default();
            let (rkpd_lokasi, rkpd_target, rkpd_pagu) = match &k.rkpd {
                Some(r) => (
                    Sel::teks(r.lokasi.clone().unwrap_or_else(|| k.lokasi.clone())),
                    Sel::nilai(r.target.as_ref().or(utama.target.as_ref())),
                    Sel::rupiah(r.pagu.0),
                ),
                None => (Sel::kosong(), Sel::kosong(), Sel::tidak_ada()),
            };
            baris.push(
                Baris::new(
                    JenisBaris::Kegiatan,
                    vec![
                        Sel::teks((j + 1).to_string()),
                        Sel::teks(&k.nama),
                        rkpd_lokasi,
                        Sel::teks(&indikator),
                        rkpd_target,
                        rkpd_pagu,
                        Sel::teks(&k.nama),
                        Sel::teks(analisis.lokasi.unwrap_or_else(|| k.lokasi.clone())),
                        Sel::teks(indikator),
                        Sel::nilai(compute::target_analisis(k)),
                        Sel::rupiah(compute::pagu_analisis(k, pk.pagu)),
                        Sel::teks(&k.catatan),
                    ],
                )
                .satuan(&utama.satuan)
                .kunci(crate::kode::kode_cetak(&k.kode, bidang.as_deref())),
            );
            let at = baris.len() - 1;
            let mut sub_rows = Vec::new();
            for (l, s) in k.sub_kegiatan.iter().enumerate() {
                let sel = vec![
                    Sel::teks(format!("{}.{}", j + 1, l + 1)),
                    Sel::teks(&s.nama),
                    Sel::kosong(),
                    Sel::kosong(),
                    Sel::kosong(),
                    Sel::kosong(),
                    Sel::teks(&s.nama),
                    Sel::teks(baris_daftar(s.lokasi.iter().map(String::as_str))),
                    Sel::kosong(),
                    Sel::kosong(),
                    s.pagu.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                    Sel::teks(&s.catatan),
                ];
                // One line per keluaran indicator, on the needs-analysis side.
                let isi = |g: &Garis, sel: &mut [Sel]| {
                    sel[INDIKATOR_ANALISIS] = Sel::teks(&g.uraian);
                    sel[TARGET_ANALISIS] = Sel::nilai(g.target);
                };
                let kode_sub = crate::kode::kode_cetak(&s.kode, bidang.as_deref());
                sub_rows.push(push_node(
                    &mut baris,
                    JenisBaris::SubKegiatan,
                    &kode_sub,
                    &garis(Tingkat::SubKegiatan, &s.indikator),
                    sel,
                    isi,
                ));
            }
            // Without its own needs-analysis pagu, a kegiatan's is the sum of its sub-kegiatan.
            let own = k.hasil_analisis.as_ref().is_some_and(|h| h.pagu.is_some());
            if !sub_rows.is_empty() && !own {
                baris[at].sel[PAGU_ANALISIS] =
                    Sel::turunan(Isi::Rupiah(pk.pagu), Rumus::Total { baris: sub_rows, opsional: false });
            }
        }
        let total = |isi: Decimal| {
            Sel::turunan(Isi::Rupiah(isi), Rumus::Total { baris: kegiatan_rows.clone(), opsional: false })
        };
        // No kegiatan with an RKPD pagu: the total prints "-" like its rows, not 0.
        baris[p].sel[PAGU_RKPD] = Sel::turunan(
            pagu.pagu_rkpd.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
            Rumus::Total { baris: kegiatan_rows.clone(), opsional: true },
        );
        baris[p].sel[PAGU_ANALISIS] = total(pagu.pagu_analisis);
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks("JUMLAH DANA");
    jumlah[PAGU_RKPD] = Sel::turunan(
        computed.jumlah.pagu_rkpd.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
        Rumus::Total { baris: program_rows.clone(), opsional: true },
    );
    jumlah[PAGU_ANALISIS] =
        Sel::turunan(Isi::Rupiah(computed.jumlah.pagu_analisis), Rumus::Total { baris: program_rows, opsional: false });
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
    Tabel {
        nomor: NomorTabel::T2_3,
        judul: vec![format!("Review Terhadap Rancangan Awal RKPD Tahun {}", id.tahun), id.pemda.clone()],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}
