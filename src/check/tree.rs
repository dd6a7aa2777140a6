//! The rules of the plan tree: pagu only on the lowest level, funding sources that add up,
//! sub-kegiatan under their kegiatan, indicators filled, and 90/2019 code shapes.

use super::{not_blank, rupiah, under, unit};
use crate::compute::Computed;
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::kode::{kode_bidang, kode_cetak, periksa_bidang, periksa_kode};
use crate::plan::{Indikator, Nomenklatur, Plan, SubKegiatan, SumberDana, Tingkat};

pub fn periksa(plan: &Plan, computed: &Computed) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let era = Nomenklatur::of(plan);
    let tahun = plan.identitas.tahun;
    if let Some(bidang) = &plan.identitas.kode_bidang
        && !periksa_bidang(bidang)
    {
        out.push(
            Diagnostic::error("kode.bidang", "kode bidang urusan tidak valid")
                .path("$.identitas.kode_bidang")
                .expected("X.XX, mis. 1.02")
                .found(format!("\"{bidang}\"")),
        );
    }
    let bidang = kode_bidang(plan);
    let mut seen: std::collections::HashMap<String, (String, (usize, usize))> = std::collections::HashMap::new();
    for (i, program) in plan.rencana.program.iter().enumerate() {
        let base = format!("$.rencana.program[{i}]");
        if program.kode.trim().starts_with("X.XX.") && bidang.is_none() {
            out.push(
                Diagnostic::error(
                    "kode.bidang_kosong",
                    format!("program bersama {} tanpa bidang urusan", program.kode),
                )
                .path(format!("{base}.kode"))
                .expected("identitas.kode_bidang, atau urusan X.XX di rencana.urusan")
                .found("tidak ada")
                .hint("tulis identitas.kode_bidang, mis. \"1.02\", agar X.XX diganti bidang perangkat daerah"),
            );
        }
        if era == Nomenklatur::P90_2019 {
            kode_bentuk(&format!("{base}.kode"), &program.kode, Tingkat::Program, tahun, &mut out);
        }
        for (j, kegiatan) in program.kegiatan.iter().enumerate() {
            let path = format!("{base}.kegiatan[{j}]");
            if era == Nomenklatur::P90_2019 {
                kode_bentuk(&format!("{path}.kode"), &kegiatan.kode, Tingkat::Kegiatan, tahun, &mut out);
            }
            let total = computed.program[i].kegiatan[j];
            if kegiatan.sub_kegiatan.is_empty() {
                if kegiatan.pagu.is_none() {
                    out.push(
                        Diagnostic::error("pagu.kosong", format!("kegiatan {} tanpa pagu", kegiatan.kode))
                            .path(path.clone())
                            .expected("pagu pada tingkat terendah: pagu kegiatan, atau sub_kegiatan dengan pagunya")
                            .found("tidak ada pagu dan tidak ada sub_kegiatan")
                            .hint("tulis \"pagu\" kegiatan ini, atau rinci ke sub_kegiatan"),
                    );
                }
                continue;
            }
            for (field, typed, sum) in
                [("pagu", kegiatan.pagu, Some(total.pagu)), ("pagu_maju", kegiatan.pagu_maju, total.pagu_maju)]
            {
                if let Some(typed) = typed {
                    out.push(
                        Diagnostic::error(
                            "pagu.bertingkat",
                            format!("{field} ditulis pada kegiatan {} yang memiliki sub kegiatan", kegiatan.kode),
                        )
                        .path(format!("{path}.{field}"))
                        .expected(format!(
                            "tanpa {field}: nilainya jumlah sub kegiatannya ({})",
                            sum.map_or_else(|| "-".to_owned(), format::rupiah)
                        ))
                        .found(format::rupiah(typed.0))
                        .hint(format!("hapus {field} kegiatan; pagu hanya ditulis pada sub kegiatan")),
                    );
                }
            }
            let some_maju = kegiatan.sub_kegiatan.iter().any(|s| s.pagu_maju.is_some());
            for (k, sub) in kegiatan.sub_kegiatan.iter().enumerate() {
                let path = format!("{path}.sub_kegiatan[{k}]");
                sub_kegiatan(&path, sub, &kegiatan.kode, some_maju, &mut out);
                if era == Nomenklatur::P90_2019 {
                    kode_bentuk(&format!("{path}.kode"), &sub.kode, Tingkat::SubKegiatan, tahun, &mut out);
                }
                let key = kode_cetak(&sub.kode, bidang.as_deref()).trim().to_owned();
                match seen.get(&key) {
                    // The same sub-kegiatan at two places or by two sub-units, as SIPD holds it:
                    // two rows of one kegiatan, both carrying money, both summed.
                    Some((first, (pi, kj))) if (*pi, *kj) == (i, j) => out.push(
                        Diagnostic::warning(
                            "kode.ganda",
                            format!("sub kegiatan {key} tercantum dua kali di kegiatan {}", kegiatan.kode),
                        )
                        .path(format!("{path}.kode"))
                        .expected("satu baris untuk setiap kode, kecuali dilaksanakan di beberapa lokasi atau sub unit")
                        .found(format!("{key} di {first} dan di {path}.kode"))
                        .hint(
                            "keduanya dicetak dan dijumlah dalam pagu kegiatan; bedakan lokasi atau penanggung jawabnya bila sama",
                        ),
                    ),
                    Some((first, _)) => out.push(
                        Diagnostic::error("kode.duplikat", format!("kode {key} dipakai lebih dari sekali"))
                            .path(format!("{path}.kode"))
                            .expected("kode sub kegiatan yang unik di luar kegiatannya sendiri")
                            .found(format!("{key}, sudah dipakai di {first}"))
                            .hint("periksa kode kegiatan kedua baris; sub kegiatan berada di bawah kegiatan kodenya"),
                    ),
                    None => {
                        seen.insert(key, (format!("{path}.kode"), (i, j)));
                    }
                }
            }
        }
    }
    out
}

fn sub_kegiatan(path: &str, sub: &SubKegiatan, kode_kegiatan: &str, some_maju: bool, out: &mut Vec<Diagnostic>) {
    not_blank(&format!("{path}.nama"), &sub.nama, out);
    if !under(&sub.kode, kode_kegiatan) {
        out.push(
            Diagnostic::error(
                "kode.di_luar_kegiatan",
                format!("kode sub kegiatan {} tidak berada di bawah kegiatannya", sub.kode),
            )
            .path(format!("{path}.kode"))
            .expected(format!("kode berawalan {kode_kegiatan}."))
            .found(sub.kode.clone())
            .hint(format!("pindahkan sub kegiatan ke kegiatan yang benar atau ubah kodenya menjadi {kode_kegiatan}.…")),
        );
    }
    indikator_simpul(path, Tingkat::SubKegiatan, &sub.kode, &sub.indikator, out);
    match sub.pagu {
        None => out.push(
            Diagnostic::error("pagu.kosong", format!("sub kegiatan {} tanpa pagu", sub.kode))
                .path(path.to_owned())
                .expected("pagu indikatif sub kegiatan (rupiah bulat)")
                .found("tidak ada")
                .hint("tulis \"pagu\"; pagu kegiatan dan program dijumlah dari sub kegiatan"),
        ),
        Some(pagu) => {
            rupiah(&format!("{path}.pagu"), pagu, out);
            if let SumberDana::Rincian(list) = &sub.sumber_dana {
                let total = list.iter().fold(rust_decimal::Decimal::ZERO, |a, d| a.saturating_add(d.pagu.0));
                for (d, dana) in list.iter().enumerate() {
                    rupiah(&format!("{path}.sumber_dana[{d}].pagu"), dana.pagu, out);
                    not_blank(&format!("{path}.sumber_dana[{d}].nama"), &dana.nama, out);
                }
                if total != pagu.0 {
                    let (lebih, selisih) =
                        if total > pagu.0 { ("lebih", total - pagu.0) } else { ("kurang", pagu.0 - total) };
                    out.push(
                        Diagnostic::error(
                            "dana.tidak_sama",
                            format!("jumlah sumber dana sub kegiatan {} tidak sama dengan pagunya", sub.kode),
                        )
                        .path(format!("{path}.sumber_dana"))
                        .expected(format!("jumlah {} (pagu)", format::rupiah(pagu.0)))
                        .found(format!("{} ({lebih} {})", format::rupiah(total), format::rupiah(selisih)))
                        .hint("sesuaikan pagu tiap sumber dana atau pagu sub kegiatan"),
                    );
                }
            }
        }
    }
    match sub.pagu_maju {
        Some(maju) => rupiah(&format!("{path}.pagu_maju"), maju, out),
        None if some_maju => out.push(
            Diagnostic::warning("pagu.maju_kosong", "pagu prakiraan maju sub kegiatan kosong")
                .path(path.to_owned())
                .expected("pagu_maju, seperti sub kegiatan lain di kegiatan ini")
                .found("tidak ada")
                .hint("jumlah prakiraan maju kegiatan hanya menjumlah sub kegiatan yang mengisinya"),
        ),
        None => {}
    }
}

/// The indicators of one node, whatever its level: at least one; each with its text, a target
/// that is a plausible figure, and every value in the indicator's satuan.
pub(super) fn indikator_simpul(
    node: &str,
    tingkat: Tingkat,
    kode: &str,
    list: &[Indikator],
    out: &mut Vec<Diagnostic>,
) {
    if list.is_empty() {
        out.push(
            Diagnostic::error("indikator.kosong", format!("{} {kode} tanpa indikator", tingkat.label()))
                .path(format!("{node}.indikator"))
                .expected("sedikitnya satu indikator { uraian, satuan, target }")
                .found("[]"),
        );
    }
    for (c, ind) in list.iter().enumerate() {
        not_blank(&ind.jalur(node, c, "uraian"), &ind.uraian, out);
        match &ind.target {
            Some(target) => super::target(tingkat.label(), &ind.jalur(node, c, "target"), target, &ind.satuan, out),
            None => out.push(
                Diagnostic::warning("target.kosong", format!("indikator {} {kode} tanpa target", tingkat.label()))
                    .path(ind.jalur(node, c, ""))
                    .expected("target tahun rencana")
                    .found("tidak ada")
                    .hint("Tabel 3.1 dan 4.1 mencetak \"-\" untuk target yang kosong; isi targetnya"),
            ),
        }
        let values = [
            ("target_maju", &ind.target_maju),
            ("target_renstra", &ind.target_renstra),
            ("realisasi_n2", &ind.realisasi_n2),
            ("prakiraan_n1", &ind.prakiraan_n1),
        ];
        for (name, value) in values {
            if let Some(value) = value {
                unit(&ind.jalur(node, c, name), value, &ind.satuan, out);
            }
        }
    }
}

fn kode_bentuk(path: &str, kode: &str, tingkat: Tingkat, tahun: i32, out: &mut Vec<Diagnostic>) {
    let Err(salah) = periksa_kode(kode, tingkat, tahun) else { return };
    let shape = tingkat.shape(tahun);
    let hint = match &salah.perbaikan {
        Some(fixed) => format!("tulis {fixed}"),
        None => format!("kode {} menurut Permendagri 90/2019 berbentuk {shape}", tingkat.label()),
    };
    out.push(
        Diagnostic::error("kode.bentuk", format!("kode {} {kode} tidak sesuai bentuk {shape}", tingkat.label()))
            .path(path)
            .expected(format!("{shape} (Permendagri 90/2019, TA {tahun})"))
            .found(kode.to_owned())
            .hint(hint),
    );
}
