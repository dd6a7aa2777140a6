//! Tabel 2.1: the evaluation of the Renja n-2 and of the Renstra up to n-1.

use super::*;

// Tabel 2.1's columns, 0-based (column "4" of the reference is index 3).
const K4: usize = 3;
const K5: usize = 4;
const K6: usize = 5;
const K7: usize = 6;
const K8: usize = 7;
const K9: usize = 8;
const K10: usize = 9;

pub(super) fn tabel_2_1(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let (n1, n2, n3) = (tahun(id, -1), tahun(id, -2), tahun(id, -3));
    let t = [
        format!("Target Capaian Kinerja Renstra PD Tahun {} (akhir periode Renstra PD)", id.periode_renstra.akhir),
        format!("Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun {n3}"),
        format!("Target & Realisasi Kinerja Program dan Keluaran Kegiatan Tahun {n2}"),
        format!("Target Program dan Kegiatan Renja PD Tahun Berjalan (Tahun {n1})"),
        format!("Perkiraan Realisasi Capaian Target Renstra Program/ Kegiatan s/d Tahun {n1} (Tahun Berjalan)"),
        format!("Target Renja PD Tahun {n2}"),
        format!("Realisasi Renja PD Tahun {n2}"),
        format!("Realisasi Capaian Program dan Kegiatan s/d Tahun {n1}"),
    ];
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("No.", 2, 1),
                ("Urusan/Bidang Urusan Pemerintah Daerah/ Program/Kegiatan", 2, 1),
                ("Indikator Kinerja Program (outcomes)/ Kegiatan (output)", 2, 1),
                (&t[0], 2, 1),
                (&t[1], 2, 1),
                (&t[2], 1, 3),
                (&t[3], 2, 1),
                (&t[4], 1, 2),
                ("Predikat", 2, 1),
            ],
            &[
                (&t[5], 1, 1),
                (&t[6], 1, 1),
                ("Tingkat Realisasi (%)", 1, 1),
                (&t[7], 1, 1),
                ("Tingkat Capaian Realisasi Target Renstra (%)", 1, 1),
            ],
        ],
        12,
    );
    let kolom = kolom(
        &[
            Spek::no(cm(0.8)),
            Spek::teks("program_kegiatan", fr(3.6), 28.0),
            Spek::teks("indikator", fr(4.2), 32.0),
            Spek::angka("target_renstra", fr(1.9), 13.0),
            Spek::angka("realisasi_sd_n3", fr(1.9), 13.0),
            Spek::angka("target_n2", fr(1.7), 11.0),
            Spek::angka("realisasi_n2", fr(1.7), 11.0),
            Spek::angka("tingkat_realisasi", fr(1.35), 11.0).nomor("8 = (7/6)"),
            Spek::angka("target_n1", fr(1.8), 12.0),
            Spek::angka("realisasi_sd_n1", fr(2.0), 13.0).nomor("10 = (5+7+9)"),
            Spek::angka("capaian_renstra", fr(1.5), 12.0).nomor("11 = (10/4)"),
            // Computed for the exports; the PDF prints it only when the plan asks.
            Spek::teks("predikat", fr(1.5), 14.0).nomor("12 = predikat (8)").di_pdf(plan.pengaturan.predikat_di_pdf),
        ],
        &kepala,
        tinggi,
    );
    let ev = &plan.evaluasi;
    let n = kolom.len();
    let mut baris = vec![
        Baris::judul(JenisBaris::Kelompok, format!("Jenis Urusan : {}", ev.jenis_urusan), n).kunci("jenis_urusan"),
    ];
    // One line per urusan or bidang the Perangkat Daerah serves.
    baris.extend(
        ev.urusan.iter().map(|u| Baris::judul(JenisBaris::Kelompok, format!("Urusan : {u}"), n).kunci("urusan")),
    );
    let rata_rata = plan.pengaturan.tingkat_induk == TingkatInduk::RataRataAnak;
    for (i, (program, hasil)) in ev.program.iter().zip(&computed.evaluasi).enumerate() {
        let p = baris.len();
        baris.push(
            baris_evaluasi(
                JenisBaris::Program,
                format::romawi(i + 1),
                &program.nama,
                "Outcome",
                &program.indikator,
                &hasil.program,
            )
            .kunci(&program.nama),
        );
        let mut baris_kegiatan = Vec::with_capacity(program.kegiatan.len());
        for (j, (kegiatan, h)) in program.kegiatan.iter().zip(&hasil.kegiatan).enumerate() {
            let k = baris.len();
            baris_kegiatan.push(k);
            let kunci = format!("{} / {}", program.nama, kegiatan.nama);
            baris.push(
                baris_evaluasi(
                    JenisBaris::Kegiatan,
                    (j + 1).to_string(),
                    &kegiatan.nama,
                    "Output",
                    &kegiatan.indikator,
                    &h.baris,
                )
                .kunci(&kunci),
            );
            for (l, (sub, hs)) in kegiatan.sub_kegiatan.iter().zip(&h.sub_kegiatan).enumerate() {
                baris.push(
                    baris_evaluasi(
                        JenisBaris::SubKegiatan,
                        format!("{}.{}", j + 1, l + 1),
                        &sub.nama,
                        "Output",
                        &sub.indikator,
                        hs,
                    )
                    .kunci(format!("{kunci} / {}", sub.nama)),
                );
            }
            // A kegiatan with sub-kegiatan is rated, under the default rule, by their mean.
            if rata_rata && !kegiatan.sub_kegiatan.is_empty() {
                let anak = (k + 1..baris.len()).collect();
                baris[k].sel[K8] = Sel::turunan(isi_rasio(h.baris.tingkat_realisasi), Rumus::RataRata(anak));
            }
        }
        // A program's rate is the mean of its kegiatan's rates, not its own 7/6 (default rule).
        if rata_rata {
            baris[p].sel[K8] =
                Sel::turunan(isi_rasio(hasil.program.tingkat_realisasi), Rumus::RataRata(baris_kegiatan));
        }
    }
    let ada_sub = ev.program.iter().flat_map(|p| &p.kegiatan).any(|k| !k.sub_kegiatan.is_empty());
    let aturan = match (rata_rata, ada_sub) {
        (true, false) => "Tingkat realisasi (kolom 8) baris program adalah rata-rata tingkat realisasi kegiatan di \
                          bawahnya, bukan kolom 7 dibagi kolom 6 baris program itu."
            .to_owned(),
        (true, true) => "Tingkat realisasi (kolom 8) baris program adalah rata-rata tingkat realisasi kegiatan di \
                         bawahnya, dan baris kegiatan yang memiliki sub kegiatan adalah rata-rata tingkat realisasi \
                         sub kegiatannya; bukan kolom 7 dibagi kolom 6 baris itu sendiri."
            .to_owned(),
        (false, _) => "Tingkat realisasi (kolom 8) setiap baris, termasuk baris program, adalah kolom 7 dibagi \
                       kolom 6 indikatornya sendiri."
            .to_owned(),
    };
    Tabel {
        nomor: NomorTabel::T2_1,
        judul: vec![
            format!(
                "Rekapitulasi Hasil Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra s/d Tahun {}",
                tahun(id, -1)
            ),
            format!("{} {}", id.perangkat_daerah, id.pemda),
        ],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: std::iter::once(aturan)
            .chain(di_luar_rata_rata(computed))
            .chain([format!(
                "Kolom 10 indikator yang tidak kumulatif (misalnya persentase) adalah nilai terakhirnya (target \
                 tahun {n1}, atau realisasi terakhir bila belum ada), bukan jumlah kolom 5, 7 dan 9; kolom 11 \
                 tidak berlaku baginya."
            )])
            .collect(),
    }
}

/// The footnote naming the rows a mean leaves out (no realisation, or a zero target), e.g.
/// "I.3, II.1, I.2.1"; none when every rate is defined.
fn di_luar_rata_rata(computed: &Computed) -> Option<String> {
    let rows: Vec<String> = computed
        .evaluasi
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            let nomor = format::romawi(i + 1);
            p.di_luar_rata_rata.iter().map(move |j| format!("{nomor}.{}", j + 1)).chain(
                p.sub_di_luar_rata_rata
                    .iter()
                    .map(move |(j, l)| format!("{}.{}.{}", format::romawi(i + 1), j + 1, l + 1)),
            )
        })
        .collect();
    let ada_sub = computed.evaluasi.iter().any(|p| !p.sub_di_luar_rata_rata.is_empty());
    (!rows.is_empty()).then(|| {
        let apa = if ada_sub { "Rata-rata tidak memuat baris" } else { "Rata-rata program tidak memuat kegiatan" };
        format!(
            "{apa} yang tingkat realisasinya tidak dapat dihitung (tanpa realisasi atau dengan target nol): {}.",
            rows.join(", ")
        )
    })
}

fn baris_evaluasi(
    jenis: JenisBaris,
    no: String,
    nama: &str,
    prefix: &str,
    ind: &IndikatorEvaluasi,
    hasil: &BarisEvaluasi,
) -> Baris {
    // Positive polarity: realisasi/target; negative (lower is better): target/realisasi.
    let rasio = |realisasi: usize, target: usize| match ind.polaritas {
        Polaritas::Positif => Rumus::Rasio { pembilang: realisasi, penyebut: target },
        Polaritas::Negatif => Rumus::Rasio { pembilang: target, penyebut: realisasi },
    };
    let realisasi_sd_n1 = hasil.realisasi_sd_n1.map_or(Isi::TakTerdefinisi, Isi::Angka);
    let (k10, k11) = if ind.is_kumulatif() {
        (
            Sel::turunan(realisasi_sd_n1, Rumus::Jumlah(vec![K5, K7, K9])),
            Sel::turunan(isi_rasio(hasil.capaian_renstra), rasio(K10, K4)),
        )
    } else {
        (Sel::turunan(realisasi_sd_n1, Rumus::Terakhir(vec![K9, K7, K5])), Sel::kosong())
    };
    Baris::new(
        jenis,
        vec![
            Sel::teks(no),
            Sel::teks(nama),
            Sel::teks(format!("{prefix} : {}", ind.uraian)),
            Sel::nilai(ind.target_renstra.as_ref()),
            Sel::nilai(ind.realisasi_sd_n3.as_ref()),
            Sel::nilai(ind.target_n2.as_ref()),
            // A missing realisation shows why it is missing, where the plan says so.
            match (&ind.realisasi_n2, &ind.keterangan) {
                (None, Some(keterangan)) => Sel::teks(keterangan),
                (realisasi, _) => Sel::nilai(realisasi.as_ref()),
            },
            Sel::turunan(isi_rasio(hasil.tingkat_realisasi), rasio(K7, K6)),
            Sel::nilai(ind.target_n1.as_ref()),
            k10,
            k11,
            Sel::turunan(
                hasil.predikat.map_or(Isi::TakTerdefinisi, |p| Isi::Teks(p.label().to_owned())),
                Rumus::Predikat { rasio: K8 },
            ),
        ],
    )
    .satuan(&ind.satuan)
}
