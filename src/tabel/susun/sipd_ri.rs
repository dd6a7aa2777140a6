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
    spek[1].pdf = lebar_kode(plan, crate::tabel::ukuran_teks(spek.len()), 2.0);
    let kolom = kolom(&spek, &kepala, tinggi);
    const INDIKATOR: usize = 3;
    const PAGU: usize = 8;
    const PAGU_MAJU: usize = 15;
    let n = kolom.len();
    let isi = |g: &Garis, sel: &mut [Sel]| {
        sel[INDIKATOR] = Sel::teks(&g.uraian);
        sel[4] = Sel::nilai(g.target_renstra);
        sel[5] = Sel::nilai(g.realisasi_n2);
        sel[6] = Sel::nilai(g.prakiraan_n1);
        sel[7] = Sel::nilai(g.target);
        sel[14] = Sel::nilai(g.target_maju);
    };
    // The cells of one node's first line, its indicators' filled in by `isi`.
    let cells = |no: String,
                 kode: &str,
                 nama: &str,
                 pagu: Sel,
                 lokasi: String,
                 dana: String,
                 rest: [String; 3],
                 pagu_maju: Sel,
                 pj: &str| {
        let mut sel = vec![Sel::kosong(); n];
        sel[0] = Sel::teks(no);
        sel[1] = Sel::teks(kode);
        sel[2] = Sel::teks(nama);
        sel[PAGU] = pagu;
        sel[9] = Sel::teks(lokasi);
        sel[10] = Sel::teks(dana);
        let [nasional, daerah, sasaran] = rest;
        sel[11] = Sel::teks(nasional);
        sel[12] = Sel::teks(daerah);
        sel[13] = Sel::teks(sasaran);
        sel[PAGU_MAJU] = pagu_maju;
        sel[16] = Sel::teks(pj);
        sel
    };
    let pd = &id.perangkat_daerah;
    let or_pd = |pj: &'_ str| if pj.trim().is_empty() { pd.clone() } else { pj.to_owned() };
    let bidang = crate::kode::kode_bidang(plan);
    let kode = |k: &str| crate::kode::kode_cetak(k, bidang.as_deref());
    let total_maju = |v: Option<Decimal>, rows: Vec<usize>| {
        Sel::turunan(v.map_or(Isi::TakTerdefinisi, Isi::Rupiah), Rumus::Total { baris: rows, opsional: true })
    };
    let mut baris: Vec<Baris> = Vec::new();
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    let mut nomor = 0;
    let mut next = || {
        nomor += 1;
        nomor.to_string()
    };
    for (program, hitungan) in plan.rencana.program.iter().zip(&computed.program) {
        let (pagu, pagu_kegiatan) = (&hitungan.pagu, &hitungan.kegiatan);
        let kode_program = kode(&program.kode);
        for u in headings.before(&kode_program) {
            baris.push(
                Baris::judul(JenisBaris::Kelompok, format!("{} {}", u.kode, u.nama.to_uppercase()), n).kunci(&u.kode),
            );
        }
        let sel = cells(
            next(),
            &kode_program,
            &program.nama,
            Sel::kosong(),
            program.lokasi.clone(),
            program.sumber_dana.clone(),
            Default::default(),
            Sel::kosong(),
            pd,
        );
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
            let sel = cells(
                next(),
                &kode_kegiatan,
                &k.nama,
                Sel::rupiah(pk.pagu),
                k.lokasi.clone(),
                k.sumber_dana.clone(),
                [String::new(), String::new(), k.kelompok_sasaran.clone()],
                k.pagu_maju.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                &or_pd(&k.penanggung_jawab),
            );
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
                let sasaran =
                    if s.kelompok_sasaran.trim().is_empty() { &k.kelompok_sasaran } else { &s.kelompok_sasaran };
                let pj = if s.penanggung_jawab.trim().is_empty() {
                    or_pd(&k.penanggung_jawab)
                } else {
                    s.penanggung_jawab.clone()
                };
                let sel = cells(
                    next(),
                    &kode_sub,
                    &s.nama,
                    s.pagu.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                    baris_daftar(s.lokasi.iter().map(String::as_str)),
                    baris_daftar(s.sumber_dana.nama()),
                    [s.prioritas.nasional.clone(), s.prioritas.daerah.clone(), sasaran.clone()],
                    s.pagu_maju.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                    &pj,
                );
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
                baris[at].sel[PAGU] =
                    Sel::turunan(Isi::Rupiah(pk.pagu), Rumus::Total { baris: sub_rows.clone(), opsional: false });
                baris[at].sel[PAGU_MAJU] = total_maju(pk.pagu_maju, sub_rows);
            }
        }
        baris[p].sel[PAGU] =
            Sel::turunan(Isi::Rupiah(pagu.pagu), Rumus::Total { baris: kegiatan_rows.clone(), opsional: false });
        baris[p].sel[PAGU_MAJU] = total_maju(pagu.pagu_maju, kegiatan_rows);
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks("Jumlah");
    jumlah[PAGU] =
        Sel::turunan(Isi::Rupiah(computed.jumlah.pagu), Rumus::Total { baris: program_rows.clone(), opsional: false });
    jumlah[PAGU_MAJU] = total_maju(computed.jumlah.pagu_maju, program_rows);
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
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
