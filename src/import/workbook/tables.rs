//! The sheets Tabel 2.1, 2.2, 2.3 and 2.4.

use std::collections::{HashMap, HashSet};

use super::{LembarBacaan, Letak};
use crate::diagnostic::Diagnostic;
use crate::plan;
use crate::workbook::layout;

pub(super) fn evaluasi(l: &LembarBacaan, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> plan::Evaluasi {
    let boleh = [layout::JENIS_URUSAN, layout::URUSAN, layout::PROGRAM, layout::KEGIATAN, layout::SUB_KEGIATAN];
    let mut jenis_urusan: Option<(u32, String)> = None;
    let mut urusan: Vec<String> = Vec::new();
    let mut program: Vec<plan::ProgramEvaluasi> = Vec::new();
    for &r in &l.baris {
        let Some(tingkat) = l.pilihan(r, "tingkat", &boleh, galat) else { continue };
        let nama = l.teks(r, "nama", galat);
        let kode = kode(l, r, galat);
        match tingkat.as_str() {
            layout::URUSAN => {
                // A Perangkat Daerah may serve several bidang: one line each, in order.
                letak.catat(&format!("$.evaluasi.urusan[{}]", urusan.len()), l.letak(r, "nama"));
                if urusan.is_empty() {
                    letak.catat("$.evaluasi.urusan", l.letak(r, "nama"));
                }
                urusan.push(nama);
            }
            layout::JENIS_URUSAN => {
                if let Some((first, _)) = &jenis_urusan {
                    galat.push(
                        l.galat("impor.ganda", format!("baris {tingkat} lebih dari satu"), r, "tingkat")
                            .expected(format!("satu baris {tingkat}"))
                            .found(format!("juga di {}", l.letak(*first, "tingkat")))
                            .hint("Tabel 2.1 memuat satu jenis urusan; hapus baris ini"),
                    );
                } else {
                    letak.catat("$.evaluasi.jenis_urusan", l.letak(r, "nama"));
                    jenis_urusan = Some((r, nama));
                }
            }
            layout::PROGRAM => {
                let path = format!("$.evaluasi.program[{}]", program.len());
                let indikator = indikator_evaluasi(l, r, &path, letak, galat);
                program.push(plan::ProgramEvaluasi { kode, nama, indikator, kegiatan: Vec::new() });
            }
            layout::KEGIATAN => {
                let Some(p) = program.last() else {
                    galat.push(
                        l.galat("impor.induk", "kegiatan Tabel 2.1 tanpa program di atasnya", r, "tingkat")
                            .expected("baris program di atas kegiatannya")
                            .found(format!("kegiatan \"{nama}\" sebelum baris program mana pun"))
                            .hint("tambahkan baris program (Tingkat \"program\") di atasnya"),
                    );
                    continue;
                };
                let path = format!("$.evaluasi.program[{}].kegiatan[{}]", program.len() - 1, p.kegiatan.len());
                let indikator = indikator_evaluasi(l, r, &path, letak, galat);
                let p = program.last_mut().expect("checked above");
                p.kegiatan.push(plan::KegiatanEvaluasi { kode, nama, indikator, sub_kegiatan: Vec::new() });
            }
            layout::SUB_KEGIATAN => {
                let Some((i, p)) = program.iter_mut().enumerate().next_back() else {
                    galat.push(
                        l.galat("impor.induk", "sub kegiatan Tabel 2.1 tanpa kegiatan di atasnya", r, "tingkat")
                            .expected("baris kegiatan di atas sub kegiatannya")
                            .found(format!("sub kegiatan \"{nama}\" sebelum baris program mana pun"))
                            .hint("tambahkan baris program dan kegiatan di atasnya"),
                    );
                    continue;
                };
                let j = p.kegiatan.len();
                let Some(k) = p.kegiatan.last_mut() else {
                    galat.push(
                        l.galat("impor.induk", "sub kegiatan Tabel 2.1 tanpa kegiatan di atasnya", r, "tingkat")
                            .expected("baris kegiatan di atas sub kegiatannya")
                            .found(format!("sub kegiatan \"{nama}\" langsung di bawah program \"{}\"", p.nama))
                            .hint("tambahkan baris kegiatan (Tingkat \"kegiatan\") di atasnya"),
                    );
                    continue;
                };
                let path =
                    format!("$.evaluasi.program[{i}].kegiatan[{}].sub_kegiatan[{}]", j - 1, k.sub_kegiatan.len());
                let indikator = indikator_evaluasi(l, r, &path, letak, galat);
                k.sub_kegiatan.push(plan::SubKegiatanEvaluasi { kode, nama, indikator });
            }
            _ => galat.push(
                l.galat("impor.tingkat", "tingkat baris kosong", r, "tingkat")
                    .expected(format!("salah satu dari: {}", boleh.join(", ")))
                    .found("sel kosong")
                    .hint("pilih tingkat dari daftar tarik-turun"),
            ),
        }
    }
    let first_row = l.baris.first().copied().unwrap_or(layout::BARIS_DATA);
    let mut wajib = |slot: Option<(u32, String)>, tingkat: &str| match slot {
        Some((_, nama)) => nama,
        None => {
            galat.push(
                l.galat("impor.tabel_2_1", format!("baris {tingkat} Tabel 2.1 tidak ada"), first_row, "tingkat")
                    .expected(format!("satu baris bertingkat \"{tingkat}\" dengan namanya"))
                    .found("tidak ada")
                    .hint("tambahkan barisnya di atas program pertama"),
            );
            String::new()
        }
    };
    let jenis_urusan = wajib(jenis_urusan, layout::JENIS_URUSAN);
    if urusan.is_empty() {
        wajib(None, layout::URUSAN);
    }
    plan::Evaluasi { jenis_urusan, urusan: plan::SatuAtauBanyak(urusan), program }
}

/// The optional kode of a Tabel 2.1 or 2.2 row naming a node of the plan tree.
fn kode(l: &LembarBacaan, r: u32, galat: &mut Vec<Diagnostic>) -> Option<String> {
    let kode = l.teks(r, "kode", galat).trim().to_owned();
    (!kode.is_empty()).then_some(kode)
}

fn indikator_evaluasi(
    l: &LembarBacaan,
    r: u32,
    path: &str,
    letak: &mut Letak,
    galat: &mut Vec<Diagnostic>,
) -> plan::IndikatorEvaluasi {
    letak.catat(path, l.letak(r, "nama"));
    letak.catat(&format!("{path}.kode"), l.letak(r, "kode"));
    letak.catat(&format!("{path}.nama"), l.letak(r, "nama"));
    letak.catat(&format!("{path}.indikator"), l.letak(r, "indikator"));
    for (json, kunci) in [
        ("uraian", "indikator"),
        ("satuan", "satuan"),
        ("kumulatif", "kumulatif"),
        ("polaritas", "polaritas"),
        ("target_renstra", "target_renstra"),
        ("realisasi_sd_n3", "realisasi_sd_n3"),
        ("target_n2", "target_n2"),
        ("realisasi_n2", "realisasi_n2"),
        ("target_n1", "target_n1"),
        ("keterangan", "keterangan"),
    ] {
        letak.catat(&format!("{path}.indikator.{json}"), l.letak(r, kunci));
    }
    let kumulatif = match l.pilihan(r, "kumulatif", &[layout::YA, layout::TIDAK], galat).as_deref() {
        Some(layout::YA) => Some(true),
        Some(layout::TIDAK) => Some(false),
        _ => None,
    };
    let polaritas = match l.pilihan(r, "polaritas", &["positif", "negatif"], galat).as_deref() {
        Some("negatif") => plan::Polaritas::Negatif,
        _ => plan::Polaritas::Positif,
    };
    let keterangan = l.teks(r, "keterangan", galat);
    plan::IndikatorEvaluasi {
        uraian: l.teks(r, "indikator", galat),
        satuan: l.teks(r, "satuan", galat),
        kumulatif,
        polaritas,
        target_renstra: l.nilai(r, "target_renstra", galat),
        realisasi_sd_n3: l.nilai(r, "realisasi_sd_n3", galat),
        target_n2: l.nilai(r, "target_n2", galat),
        realisasi_n2: l.nilai(r, "realisasi_n2", galat),
        target_n1: l.nilai(r, "target_n1", galat),
        keterangan: (!keterangan.is_empty()).then_some(keterangan),
    }
}

/// Where the last Tabel 2.2 row went, so that a continuation line joins it.
#[derive(Clone, Copy)]
enum Terakhir {
    Iku(usize),
    Program(usize),
    Kegiatan(usize, usize),
}

pub(super) fn kinerja(l: &LembarBacaan, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> plan::KinerjaPelayanan {
    let mut out = plan::KinerjaPelayanan { indikator_utama: Vec::new(), program: Vec::new() };
    let mut last: Option<Terakhir> = None;
    const ANGKA: [&str; 8] = [
        "target_n2",
        "target_n1",
        "target_n",
        "target_maju",
        "realisasi_n2",
        "realisasi_n1",
        "proyeksi_n",
        "proyeksi_maju",
    ];
    for &r in &l.baris {
        let Some(kelompok) = l.pilihan(r, "kelompok", &[layout::IKU, layout::PROGRAM, layout::KEGIATAN], galat) else {
            continue;
        };
        let indikator = l.teks(r, "indikator", galat);
        let kode = kode(l, r, galat);
        let lanjutan = kelompok.is_empty() && indikator.trim().is_empty() && kode.is_none();
        let target = if lanjutan {
            for kunci in ["spm", "ikk", "catatan"] {
                let sel = l.sel(r, kunci);
                if !sel.kosong() {
                    galat.push(
                        l.galat("impor.lanjutan", "baris nilai lanjutan mengisi kolom indikatornya", r, kunci)
                            .expected("sel kosong: baris lanjutan hanya memuat satuan dan nilai")
                            .found(sel.ditemukan())
                            .hint("tulis isinya di baris indikator di atasnya"),
                    );
                }
            }
            match last {
                Some(t) => t,
                None => {
                    galat.push(
                        l.galat("impor.lanjutan", "baris nilai lanjutan tanpa indikator di atasnya", r, "kelompok")
                            .expected("baris indikator (Kelompok dan Indikator terisi) di atasnya")
                            .found("Kelompok dan Indikator kosong di baris data pertama")
                            .hint("isi Kelompok dan Indikator baris ini"),
                    );
                    continue;
                }
            }
        } else {
            let row = plan::BarisKinerja {
                kode,
                indikator,
                spm: l.teks(r, "spm", galat),
                ikk: l.teks(r, "ikk", galat),
                nilai: Vec::new(),
                catatan: l.teks(r, "catatan", galat),
                kegiatan: Vec::new(),
            };
            let t = match kelompok.as_str() {
                layout::IKU => {
                    out.indikator_utama.push(row);
                    Terakhir::Iku(out.indikator_utama.len() - 1)
                }
                layout::PROGRAM => {
                    out.program.push(row);
                    Terakhir::Program(out.program.len() - 1)
                }
                layout::KEGIATAN => match out.program.len().checked_sub(1) {
                    Some(i) => {
                        out.program[i].kegiatan.push(row);
                        Terakhir::Kegiatan(i, out.program[i].kegiatan.len() - 1)
                    }
                    None => {
                        galat.push(
                            l.galat("impor.induk", "kegiatan Tabel 2.2 tanpa program di atasnya", r, "kelompok")
                                .expected("baris program di atas kegiatannya")
                                .found(format!("kegiatan \"{}\" sebelum baris program mana pun", row.indikator))
                                .hint("tambahkan baris program (Kelompok \"program\") di atasnya"),
                        );
                        continue;
                    }
                },
                _ => {
                    galat.push(
                        l.galat("impor.tingkat", "kelompok baris kosong", r, "kelompok")
                            .expected(
                                "iku, program atau kegiatan; kosong hanya bersama Indikator kosong (baris lanjutan)",
                            )
                            .found(format!("indikator \"{}\" tanpa kelompok", row.indikator))
                            .hint("pilih kelompok dari daftar tarik-turun"),
                    );
                    continue;
                }
            };
            let path = path_kinerja(t);
            letak.catat(&path, l.letak(r, "indikator"));
            for kunci in ["kode", "indikator", "spm", "ikk", "catatan"] {
                letak.catat(&format!("{path}.{kunci}"), l.letak(r, kunci));
            }
            last = Some(t);
            t
        };
        let has_line = !l.sel(r, "satuan").kosong() || ANGKA.iter().any(|k| !l.sel(r, k).kosong());
        if !has_line {
            continue;
        }
        let v = |kunci: &str, galat: &mut Vec<Diagnostic>| l.nilai(r, kunci, galat);
        let line = plan::NilaiKinerja {
            satuan: l.teks(r, "satuan", galat),
            target: [v("target_n2", galat), v("target_n1", galat), v("target_n", galat), v("target_maju", galat)],
            realisasi: [v("realisasi_n2", galat), v("realisasi_n1", galat)],
            proyeksi: [v("proyeksi_n", galat), v("proyeksi_maju", galat)],
        };
        let row = match target {
            Terakhir::Iku(i) => &mut out.indikator_utama[i],
            Terakhir::Program(i) => &mut out.program[i],
            Terakhir::Kegiatan(i, j) => &mut out.program[i].kegiatan[j],
        };
        let lpath = format!("{}.nilai[{}]", path_kinerja(target), row.nilai.len());
        letak.catat(&lpath, l.letak(r, "satuan"));
        letak.catat(&format!("{lpath}.satuan"), l.letak(r, "satuan"));
        for (json, kunci) in [
            ("target[0]", "target_n2"),
            ("target[1]", "target_n1"),
            ("target[2]", "target_n"),
            ("target[3]", "target_maju"),
            ("realisasi[0]", "realisasi_n2"),
            ("realisasi[1]", "realisasi_n1"),
            ("proyeksi[0]", "proyeksi_n"),
            ("proyeksi[1]", "proyeksi_maju"),
        ] {
            letak.catat(&format!("{lpath}.{json}"), l.letak(r, kunci));
        }
        row.nilai.push(line);
    }
    out
}

fn path_kinerja(t: Terakhir) -> String {
    match t {
        Terakhir::Iku(i) => format!("$.kinerja_pelayanan.indikator_utama[{i}]"),
        Terakhir::Program(i) => format!("$.kinerja_pelayanan.program[{i}]"),
        Terakhir::Kegiatan(i, j) => format!("$.kinerja_pelayanan.program[{i}].kegiatan[{j}]"),
    }
}

pub(super) fn tabel_2_3(
    l: &LembarBacaan,
    rencana: &mut plan::Rencana,
    kode_kegiatan: &HashSet<String>,
    letak: &mut Letak,
    galat: &mut Vec<Diagnostic>,
) {
    let mut seen: HashMap<String, u32> = HashMap::new();
    for &r in &l.baris {
        let kode = l.teks(r, "kode", galat).trim().to_owned();
        let found = rencana
            .program
            .iter()
            .enumerate()
            .find_map(|(i, p)| p.kegiatan.iter().position(|k| k.kode == kode).map(|j| (i, j)));
        let Some((i, j)) = found else {
            if kode_kegiatan.contains(&kode) {
                // Refused on the sheet Rencana, and reported there.
                continue;
            }
            galat.push(
                l.galat("impor.kode_rkpd", format!("kegiatan {kode} tidak ada di lembar Rencana"), r, "kode")
                    .expected("kode kegiatan yang ada di lembar Rencana")
                    .found(if kode.is_empty() { "sel kosong".to_owned() } else { kode.clone() })
                    .hint("perbaiki kodenya, atau tambahkan kegiatan itu di lembar Rencana"),
            );
            continue;
        };
        if let Some(first) = seen.insert(kode.clone(), r) {
            galat.push(
                l.galat(
                    "impor.kode_ganda",
                    format!("kegiatan {kode} ditulis lebih dari sekali di Tabel 2.3"),
                    r,
                    "kode",
                )
                .expected("satu baris per kegiatan")
                .found(format!("{kode} juga di {}", l.letak(first, "kode")))
                .hint("gabungkan kedua baris"),
            );
            continue;
        }
        let path = format!("$.rencana.program[{i}].kegiatan[{j}]");
        for (json, kunci) in [
            ("rkpd", "rkpd_pagu"),
            ("rkpd.pagu", "rkpd_pagu"),
            ("rkpd.lokasi", "rkpd_lokasi"),
            ("rkpd.target", "rkpd_target"),
            ("hasil_analisis", "analisis_pagu"),
            ("hasil_analisis.pagu", "analisis_pagu"),
            ("hasil_analisis.lokasi", "analisis_lokasi"),
            ("hasil_analisis.target", "analisis_target"),
        ] {
            letak.catat(&format!("{path}.{json}"), l.letak(r, kunci));
        }
        let opsional = |kunci: &str, galat: &mut Vec<Diagnostic>| {
            let text = l.teks(r, kunci, galat);
            (!l.sel(r, kunci).kosong()).then_some(text)
        };
        let kegiatan = &mut rencana.program[i].kegiatan[j];
        let lokasi = opsional("rkpd_lokasi", galat);
        let target = l.nilai(r, "rkpd_target", galat);
        match l.rupiah(r, "rkpd_pagu", galat) {
            Some(pagu) => kegiatan.rkpd = Some(plan::KegiatanRkpd { pagu, lokasi, target }),
            None if l.sel(r, "rkpd_pagu").kosong() && (lokasi.is_some() || target.is_some()) => galat.push(
                l.galat("impor.rkpd", format!("pagu RKPD kegiatan {kode} kosong"), r, "rkpd_pagu")
                    .expected("pagu indikatif Rancangan Awal RKPD, karena lokasi atau target RKPD diisi")
                    .found("sel kosong")
                    .hint("isi pagunya, atau kosongkan lokasi dan target RKPD bila kegiatan ini tidak ada di RKPD"),
            ),
            None => {}
        }
        let analisis = plan::HasilAnalisis {
            lokasi: opsional("analisis_lokasi", galat),
            target: l.nilai(r, "analisis_target", galat),
            pagu: l.rupiah(r, "analisis_pagu", galat),
        };
        if analisis.lokasi.is_some() || analisis.target.is_some() || analisis.pagu.is_some() {
            kegiatan.hasil_analisis = Some(analisis);
        }
    }
}

pub(super) fn usulan(l: &LembarBacaan, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> Vec<plan::UsulanMasyarakat> {
    // The row number alone (a numbered empty form) is no usulan.
    let isi: Vec<u32> = l
        .baris
        .iter()
        .copied()
        .filter(|&r| l.kolom.iter().any(|k| k.kunci != "no" && !l.sel(r, k.kunci).kosong()))
        .collect();
    isi.iter()
        .enumerate()
        .map(|(i, &r)| {
            let path = format!("$.usulan_masyarakat[{i}]");
            letak.catat(&path, l.letak(r, "program_kegiatan"));
            for k in layout::KOLOM_USULAN {
                letak.catat(&format!("{path}.{}", k.kunci), l.letak(r, k.kunci));
            }
            plan::UsulanMasyarakat {
                program_kegiatan: l.teks(r, "program_kegiatan", galat),
                lokasi: l.teks(r, "lokasi", galat),
                indikator: l.teks(r, "indikator", galat),
                volume: l.teks(r, "volume", galat),
                catatan: l.teks(r, "catatan", galat),
            }
        })
        .collect()
}
