//! Tabel 2.2: the performance of the service (IKU, program and kegiatan indicators).

use super::*;

pub(super) fn tabel_2_2(plan: &Plan) -> Tabel {
    let id = &plan.identitas;
    let years = [-2, -1, 0, 1].map(|d| tahun(id, d)).map(|y| y.to_string());
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("No.", 2, 1),
                ("Indikator", 2, 1),
                ("SPM/ Standar Nasional", 2, 1),
                ("IKK", 2, 1),
                ("Target Renstra PD Tahun ke-", 1, 4),
                ("Realisasi Capaian Tahun ke-", 1, 2),
                ("Proyeksi Tahun ke-", 1, 2),
                ("Catatan Analisis", 2, 1),
            ],
            &[
                (&years[0], 1, 1),
                (&years[1], 1, 1),
                (&years[2], 1, 1),
                (&years[3], 1, 1),
                (&years[0], 1, 1),
                (&years[1], 1, 1),
                (&years[2], 1, 1),
                (&years[3], 1, 1),
            ],
        ],
        13,
    );
    let kolom = kolom(
        &[
            Spek::no(cm(0.8)).gabung(),
            Spek::teks("indikator", fr(5.0), 36.0).gabung(),
            Spek::teks("spm", fr(1.5), 11.0).gabung(),
            Spek::teks("ikk", fr(1.2), 9.0).gabung(),
            Spek::angka("target_n2", fr(1.8), 11.0),
            Spek::angka("target_n1", fr(1.8), 11.0),
            Spek::angka("target_n", fr(1.8), 11.0),
            Spek::angka("target_maju", fr(1.8), 11.0),
            Spek::angka("realisasi_n2", fr(1.8), 11.0),
            Spek::angka("realisasi_n1", fr(1.8), 11.0),
            Spek::angka("proyeksi_n", fr(1.8), 11.0),
            Spek::angka("proyeksi_maju", fr(1.8), 11.0),
            Spek::teks("catatan", fr(3.1), 26.0).gabung(),
        ],
        &kepala,
        tinggi,
    );
    let n = kolom.len();
    let lines = |jenis: JenisBaris, no: String, kunci: String, row: &BarisKinerja, out: &mut Vec<Baris>| {
        let mut first = true;
        let mut push = |line: Option<&plan::NilaiKinerja>| {
            // A row without any line has nothing to show; a line without a year's value lacks it.
            let v = |pick: fn(&plan::NilaiKinerja) -> Option<&plan::Nilai>| match line {
                Some(line) => Sel::nilai(pick(line)),
                None => Sel::kosong(),
            };
            let mut b = Baris::new(
                jenis,
                vec![
                    Sel::teks(no.clone()),
                    Sel::teks(&row.indikator),
                    Sel::teks(&row.spm),
                    Sel::teks(&row.ikk),
                    v(|l| l.target[0].as_ref()),
                    v(|l| l.target[1].as_ref()),
                    v(|l| l.target[2].as_ref()),
                    v(|l| l.target[3].as_ref()),
                    v(|l| l.realisasi[0].as_ref()),
                    v(|l| l.realisasi[1].as_ref()),
                    v(|l| l.proyeksi[0].as_ref()),
                    v(|l| l.proyeksi[1].as_ref()),
                    Sel::teks(&row.catatan),
                ],
            );
            b.satuan = line.map(|l| l.satuan.clone());
            b.kunci = Some(kunci.clone());
            b.lanjutan = !first;
            first = false;
            out.push(b);
        };
        if row.nilai.is_empty() {
            push(None);
        }
        for line in &row.nilai {
            push(Some(line));
        }
    };
    let kp = &plan.kinerja_pelayanan;
    let mut baris = Vec::new();
    if !kp.indikator_utama.is_empty() {
        baris.push(Baris::judul(JenisBaris::Kelompok, "Indikator Kinerja Utama".into(), n));
        for (i, row) in kp.indikator_utama.iter().enumerate() {
            lines(JenisBaris::Kegiatan, (i + 1).to_string(), format!("IKU / {}", row.indikator), row, &mut baris);
        }
    }
    if !kp.program.is_empty() {
        baris.push(Baris::judul(JenisBaris::Kelompok, "Indikator Program dan Kegiatan".into(), n));
        for (i, program) in kp.program.iter().enumerate() {
            lines(JenisBaris::Program, format::romawi(i + 1), program.indikator.clone(), program, &mut baris);
            for (j, kegiatan) in program.kegiatan.iter().enumerate() {
                let kunci = format!("{} / {}", program.indikator, kegiatan.indikator);
                lines(JenisBaris::Kegiatan, (j + 1).to_string(), kunci, kegiatan, &mut baris);
            }
        }
    }
    Tabel {
        nomor: NomorTabel::T2_2,
        judul: vec![format!("Pencapaian Kinerja Pelayanan {}", id.perangkat_daerah), id.pemda.clone()],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}
