//! Validation of a well-formed plan: every rule, every problem, in one run.
//!
//! Each rule yields [`Diagnostic`]s with the JSON path of the offending value; [`locate`] adds
//! line:column from the plan text. Errors stop a final build; warnings are listed.

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::compute::{BarisEvaluasi, Computed, Rasio};
use crate::diagnostic::Diagnostic;
use crate::fonts;
use crate::format;
use crate::plan::{IndikatorEvaluasi, Nilai, Plan, Rupiah, SifatSatuan, TEKS_TEMPLAT_INIT, Tingkat, sifat_satuan};
use crate::prose::{self, Facts};

/// Larger than any regional budget: an amount above it is a typo (extra zeros).
const PAGU_WAJAR: i64 = 1_000_000_000_000_000;
/// Plain text beyond this many characters is a pasted document, not a table cell.
const TEKS_MAKS: usize = 20_000;

mod skeleton;
mod tree;

/// Checks a plan; `computed` must be `compute(plan)`.
pub fn check(plan: &Plan, computed: &Computed) -> Vec<Diagnostic> {
    let facts = Facts::of(plan, computed);
    let mut out = Vec::new();
    identitas(plan, &mut out);
    narrative(plan, &facts, &mut out);
    evaluasi(plan, computed, &mut out);
    kinerja_pelayanan(plan, &mut out);
    rencana(plan, computed, &mut out);
    out.extend(tree::periksa(plan, computed));
    let texts = strings(plan);
    text_lengths(&texts, &mut out);
    printable(&texts, &mut out);
    signing_tag(plan, &texts, &mut out);
    hidden_controls(&texts, &mut out);
    word_lengths(&texts, &mut out);
    name_lengths(plan, &mut out);
    dates(plan, &mut out);
    renstra_period(plan, &mut out);
    signature_box(plan, &mut out);
    teks_templat(plan, &texts, &mut out);
    skeleton::nilai_contoh(&texts, &mut out);
    skeleton::nomor_keputusan(&plan.keputusan.nomor, &mut out);
    tanggal_dokumen(plan, &mut out);
    out
}

/// Whether `text` names `tahun` as a number of its own (not inside a longer figure or a code).
pub fn tahun_harfiah(text: &str, tahun: i32) -> bool {
    !crate::prose::posisi_tahun(text, tahun).is_empty()
}

fn identitas(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let id = &plan.identitas;
    if let Some(asal) = id.tahun_asal {
        for (path, text, _) in crate::kerangka::narrative_fields(plan) {
            if tahun_harfiah(text, asal) {
                out.push(
                    Diagnostic::warning(
                        "teks.tahun_asal",
                        format!("tahun {asal} (tahun rencana asal) ditulis harfiah"),
                    )
                    .path(path)
                    .expected(format!("tahun rencana ini ({}) atau tahun yang diturunkan darinya", id.tahun))
                    .found(asal.to_string())
                    .hint(format!(
                        "tulis {{{{ tahun_n1 }}}} (= {asal}) atau {{{{ tahun }}}} agar ikut bergeser; setelah narasi \
                             diperbarui, hapus identitas.tahun_asal"
                    )),
                );
            }
        }
    }
    if !(1945..=2200).contains(&id.tahun) {
        out.push(
            Diagnostic::error("tahun.tidak_wajar", format!("tahun rencana {} tidak wajar", id.tahun))
                .path("$.identitas.tahun")
                .expected("tahun antara 1945 dan 2200")
                .found(id.tahun.to_string())
                .hint("tulis tahun rencana (n), mis. 2019"),
        );
    }
    let periode = id.periode_renstra;
    if periode.awal > periode.akhir {
        out.push(
            Diagnostic::error("renstra.periode", "periode Renstra terbalik")
                .path("$.identitas.periode_renstra")
                .expected("awal ≤ akhir")
                .found(format!("{}–{}", periode.awal, periode.akhir)),
        );
    } else if !(periode.awal..=periode.akhir).contains(&id.tahun) {
        out.push(
            Diagnostic::warning("renstra.di_luar_periode", "tahun rencana di luar periode Renstra")
                .path("$.identitas.tahun")
                .expected(format!("tahun dalam {}–{}", periode.awal, periode.akhir))
                .found(id.tahun.to_string())
                .hint("periksa identitas.tahun dan identitas.periode_renstra"),
        );
    }
    if plan.pengaturan.desimal_persen > 4 {
        out.push(
            Diagnostic::error("pengaturan.desimal", "terlalu banyak desimal persen")
                .path("$.pengaturan.desimal_persen")
                .expected("0 sampai 4")
                .found(plan.pengaturan.desimal_persen.to_string()),
        );
    }
    let required = [
        ("$.identitas.pemda", &id.pemda),
        ("$.identitas.kepala_daerah", &id.kepala_daerah),
        ("$.identitas.perangkat_daerah", &id.perangkat_daerah),
        ("$.penandatangan.jabatan", &plan.penandatangan.jabatan),
        ("$.penandatangan.nama", &plan.penandatangan.nama),
        ("$.keputusan.jenis", &plan.keputusan.jenis),
    ];
    for (path, value) in required {
        not_blank(path, value, out);
    }
}

pub(crate) fn not_blank(path: &str, value: &str, out: &mut Vec<Diagnostic>) {
    if value.trim().is_empty() {
        out.push(
            Diagnostic::error("teks.kosong", "teks wajib diisi")
                .path(path)
                .expected("teks yang tidak kosong")
                .found(format!("\"{value}\""))
                .hint("isi teks ini; bagian ini dicetak di dokumen dan tidak boleh kosong"),
        );
    }
}

fn narrative(plan: &Plan, facts: &Facts, out: &mut Vec<Diagnostic>) {
    for (path, text, is_prose) in crate::kerangka::narrative_fields(plan) {
        let unknown =
            if is_prose { prose::parse(text, facts).unknown } else { facts.fill(text).err().unwrap_or_default() };
        for u in unknown {
            let hint = match &u.suggestion {
                Some(s) => format!("mungkin maksudnya {{{{ {s} }}}}? daftar nama ada di README (Placeholder)"),
                None => "hanya nama dari daftar placeholder di README yang boleh di antara {{ }}; \
                         ekspresi, filter dan tag tidak dijalankan"
                    .to_owned(),
            };
            out.push(
                Diagnostic::error("prosa.placeholder", format!("placeholder tidak dikenal {{{{ {} }}}}", u.name))
                    .path(path.clone())
                    .expected("nama fakta terhitung, mis. {{ jumlah_program }}")
                    .found(text[u.range.clone()].to_owned())
                    .hint(hint),
            );
        }
    }
}

fn evaluasi(plan: &Plan, computed: &Computed, out: &mut Vec<Diagnostic>) {
    if plan.evaluasi.program.is_empty() {
        out.push(
            Diagnostic::warning("evaluasi.kosong", "Tabel 2.1 tidak berisi program")
                .path("$.evaluasi.program")
                .hint("isi evaluasi program dan kegiatan tahun n-2 dari Renja sebelumnya"),
        );
    }
    for (i, (program, hasil)) in plan.evaluasi.program.iter().zip(&computed.evaluasi).enumerate() {
        let base = format!("$.evaluasi.program[{i}]");
        not_blank(&format!("{base}.nama"), &program.nama, out);
        if program.kegiatan.is_empty() {
            out.push(
                Diagnostic::warning("evaluasi.program_tanpa_kegiatan", "program di Tabel 2.1 tanpa kegiatan")
                    .path(format!("{base}.kegiatan"))
                    .found(program.nama.clone())
                    .hint("tingkat realisasi program adalah rata-rata kegiatannya; tambahkan kegiatannya"),
            );
        }
        indikator_evaluasi(&format!("{base}.indikator"), &program.indikator, hasil.program.capaian_renstra, None, out);
        sifat_indikator(&format!("{base}.indikator"), &program.indikator, &hasil.program, out);
        realisasi_kosong(&format!("{base}.indikator"), &program.indikator, plan.identitas.tahun, out);
        for (j, (kegiatan, baris)) in program.kegiatan.iter().zip(&hasil.kegiatan).enumerate() {
            let path = format!("{base}.kegiatan[{j}]");
            baris_anak(&path, &kegiatan.nama, &kegiatan.indikator, &baris.baris, plan.identitas.tahun, out);
            for (l, (sub, baris)) in kegiatan.sub_kegiatan.iter().zip(&baris.sub_kegiatan).enumerate() {
                let path = format!("{path}.sub_kegiatan[{l}]");
                baris_anak(&path, &sub.nama, &sub.indikator, baris, plan.identitas.tahun, out);
            }
        }
    }
}

/// A kegiatan or sub-kegiatan row of Tabel 2.1: its name, its indicator's figures and nature,
/// and a missing realisation.
fn baris_anak(
    path: &str,
    nama: &str,
    indikator: &IndikatorEvaluasi,
    baris: &BarisEvaluasi,
    tahun: i32,
    out: &mut Vec<Diagnostic>,
) {
    not_blank(&format!("{path}.nama"), nama, out);
    let jalur = format!("{path}.indikator");
    indikator_evaluasi(&jalur, indikator, baris.capaian_renstra, Some(baris.tingkat_realisasi), out);
    sifat_indikator(&jalur, indikator, baris, out);
    realisasi_kosong(&jalur, indikator, tahun, out);
}

fn indikator_evaluasi(
    path: &str,
    indikator: &IndikatorEvaluasi,
    capaian_renstra: Rasio,
    tingkat_realisasi: Option<Rasio>,
    out: &mut Vec<Diagnostic>,
) {
    let columns = [
        ("target_renstra", &indikator.target_renstra),
        ("realisasi_sd_n3", &indikator.realisasi_sd_n3),
        ("target_n2", &indikator.target_n2),
        ("realisasi_n2", &indikator.realisasi_n2),
        ("target_n1", &indikator.target_n1),
    ];
    for (name, value) in columns {
        if let Some(value) = value {
            unit(&format!("{path}.{name}"), value, &indikator.satuan, out);
        }
    }
    let ratio_hint = "isi target (dan realisasi) dengan angka bukan nol; rasio tanpa penyebut dicetak \"-\"";
    // A missing realisasi n-2 has its own diagnostic (`realisasi_kosong`); this one is about
    // the denominator.
    if tingkat_realisasi == Some(Rasio::TakTerdefinisi) && indikator.realisasi_n2.is_some() {
        let (column, denominator) = match indikator.polaritas {
            crate::plan::Polaritas::Positif => ("target_n2", &indikator.target_n2),
            crate::plan::Polaritas::Negatif if indikator.target_n2.is_none() => ("target_n2", &indikator.target_n2),
            crate::plan::Polaritas::Negatif => ("realisasi_n2", &indikator.realisasi_n2),
        };
        out.push(
            Diagnostic::warning("rasio.tak_terdefinisi", "tingkat realisasi (kolom 8) tidak dapat dihitung")
                .path(format!("{path}.{column}"))
                .expected("penyebut bukan nol")
                .found(describe(denominator))
                .hint(ratio_hint),
        );
    }
    if capaian_renstra == Rasio::TakTerdefinisi {
        out.push(
            Diagnostic::warning("rasio.tak_terdefinisi", "tingkat capaian Renstra (kolom 11) tidak dapat dihitung")
                .path(format!("{path}.target_renstra"))
                .expected("target akhir Renstra bukan nol")
                .found(describe(&indikator.target_renstra))
                .hint(ratio_hint),
        );
    }
}

/// Whether an indicator adds up over the years cannot always be told from its unit; where the
/// plan is silent, say which rule applied. A level-like unit summed over the years is suspect
/// when the sum runs far past the Renstra target.
fn sifat_indikator(path: &str, indikator: &IndikatorEvaluasi, baris: &BarisEvaluasi, out: &mut Vec<Diagnostic>) {
    let sifat = sifat_satuan(&indikator.satuan);
    if indikator.kumulatif.is_none() && sifat == SifatSatuan::TidakDiketahui {
        out.push(
            Diagnostic::warning(
                "indikator.sifat",
                "sifat indikator tidak dapat dipastikan dari satuannya; dianggap kumulatif (kolom 10 = 5 + 7 + 9)",
            )
            .path(format!("{path}.satuan"))
            .expected("\"kumulatif\": true atau false di indikator ini")
            .found(format!("satuan \"{}\" tanpa \"kumulatif\"", indikator.satuan))
            .hint(
                "tulis \"kumulatif\": true bila nilainya dijumlah antartahun (dokumen, orang, kegiatan…), false bila \
                 berupa tingkat (persen, indeks, rasio, nilai…); daftar satuan tingkat ada di README",
            ),
        );
    }
    let far = |col10: Decimal, col4: Decimal| col4 > Decimal::ZERO && col10 > col4 * Decimal::new(15, 1);
    if indikator.is_kumulatif()
        && sifat == SifatSatuan::Tingkat
        && let (Some(col10), Some(col4)) = (baris.realisasi_sd_n1, indikator.target_renstra.as_ref().map(|n| n.angka))
        && far(col10, col4)
    {
        out.push(
            Diagnostic::warning(
                "indikator.kumulatif_tingkat",
                "indikator kumulatif bersatuan tingkat: realisasi s/d n-1 (kolom 10) jauh melebihi target akhir Renstra (kolom 4)",
            )
            .path(format!("{path}.kumulatif"))
            .expected(format!("kolom 10 sekitar kolom 4 ({})", format::nilai(col4, &indikator.satuan)))
            .found(format!("{} (jumlah kolom 5 + 7 + 9)", format::nilai(col10, &indikator.satuan)))
            .hint("satuan tingkat (persen, indeks, rasio…) biasanya tidak dijumlah antartahun; tulis \"kumulatif\": false bila kolom 10 adalah nilai terakhir"),
        );
    }
}

/// A row without realisasi n-2 has no column 8 and is left out of its program's mean: a final
/// document needs the reason, printed in the row (`keterangan`).
fn realisasi_kosong(path: &str, indikator: &IndikatorEvaluasi, tahun: i32, out: &mut Vec<Diagnostic>) {
    if indikator.realisasi_n2.is_some() || indikator.alasan().is_some() {
        return;
    }
    out.push(
        Diagnostic::error("realisasi.kosong", format!("realisasi {} (kolom 7) tidak diisi", tahun - 2))
            .final_only()
            .path(format!("{path}.realisasi_n2"))
            .expected(format!("realisasi tahun {} (n-2), atau keterangan mengapa tidak ada", tahun - 2))
            .found("realisasi kosong, tanpa keterangan")
            .hint(
                "isi realisasi_n2; bila memang tidak ada (mis. kegiatan tidak dilaksanakan), tulis alasannya di \
                 \"keterangan\" indikator ini: dicetak di barisnya, dan baris itu tidak ikut rata-rata program",
            ),
    );
}

fn describe(value: &Option<Nilai>) -> String {
    value.as_ref().map_or_else(|| "kosong".to_owned(), |v| format::angka(v.angka))
}

/// Digits far past any sensible precision come from a spreadsheet's float arithmetic; the
/// value prints rounded (see [`format::angka`]), and the planner should write what was meant.
fn float_noise(path: &str, value: &Nilai, satuan: &str, out: &mut Vec<Diagnostic>) {
    if value.angka.scale() <= format::DESIMAL_MAKS {
        return;
    }
    out.push(
        Diagnostic::warning(
            "nilai.desimal",
            format!("nilai dengan {} desimal; dicetak dibulatkan: {}", value.angka.scale(), format::nilai(value.angka, satuan)),
        )
        .path(path)
        .expected(format!("paling banyak {} desimal", format::DESIMAL_MAKS))
        .found(value.angka.to_string())
        .hint("tulis nilai dengan desimal yang dimaksud, mis. 86.67; angka salinan lembar kerja sering membawa sisa pembulatan"),
    );
}

/// A value that states its own unit must state its indicator's.
pub(crate) fn unit(path: &str, value: &Nilai, satuan: &str, out: &mut Vec<Diagnostic>) {
    float_noise(path, value, satuan, out);
    if let Some(own) = &value.satuan
        && !own.trim().eq_ignore_ascii_case(satuan.trim())
    {
        out.push(
            Diagnostic::error("satuan.berbeda", "satuan nilai berbeda dengan satuan indikatornya")
                .path(path)
                .expected(format!("satuan \"{satuan}\""))
                .found(format!("\"{own}\""))
                .hint(
                    "target dan realisasi harus dalam satuan yang sama agar dapat dibandingkan; konversikan nilainya",
                ),
        );
    }
}

fn kinerja_pelayanan(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let kp = &plan.kinerja_pelayanan;
    let groups = [("indikator_utama", &kp.indikator_utama, false), ("program", &kp.program, true)];
    for (group, rows, may_nest) in groups {
        for (i, row) in rows.iter().enumerate() {
            let base = format!("$.kinerja_pelayanan.{group}[{i}]");
            let nested = row.kegiatan.iter().enumerate().map(|(j, k)| (format!("{base}.kegiatan[{j}]"), k));
            for (path, row) in std::iter::once((base.clone(), row)).chain(nested) {
                not_blank(&format!("{path}.indikator"), &row.indikator, out);
                if row.nilai.is_empty() {
                    out.push(
                        Diagnostic::error("kinerja.nilai_kosong", "baris Tabel 2.2 tanpa nilai")
                            .path(format!("{path}.nilai"))
                            .expected(
                                "sedikitnya satu baris nilai { \"satuan\", \"target\", \"realisasi\", \"proyeksi\" }",
                            )
                            .found("[]"),
                    );
                }
                for (k, line) in row.nilai.iter().enumerate() {
                    let values = line.target.iter().chain(&line.realisasi).chain(&line.proyeksi).flatten();
                    for value in values {
                        unit(&format!("{path}.nilai[{k}]"), value, &line.satuan, out);
                    }
                }
                let nests = path != base || !may_nest;
                if nests && !row.kegiatan.is_empty() {
                    out.push(
                        Diagnostic::error("kinerja.bersarang", "kegiatan hanya boleh di bawah baris program")
                            .path(format!("{path}.kegiatan"))
                            .hint("pindahkan baris ini ke kinerja_pelayanan.program[…].kegiatan"),
                    );
                }
            }
        }
    }
}

fn rencana(plan: &Plan, computed: &Computed, out: &mut Vec<Diagnostic>) {
    let rencana = &plan.rencana;
    if rencana.program.is_empty() {
        out.push(
            Diagnostic::error("rencana.kosong", "rencana tidak berisi program")
                .path("$.rencana.program")
                .expected("sedikitnya satu program dengan kegiatannya")
                .found("[]"),
        );
    }
    let mut seen_codes: HashMap<String, String> = HashMap::new();
    let mut duplicate = |path: &str, value: &str, out: &mut Vec<Diagnostic>| {
        kode_format(path, value, out);
        let key = value.trim().to_owned();
        if let Some(first) = seen_codes.get(&key) {
            out.push(
                Diagnostic::error("kode.duplikat", format!("kode {key} dipakai lebih dari sekali"))
                    .path(path)
                    .expected("kode yang unik")
                    .found(format!("{key}, sudah dipakai di {first}"))
                    .hint("setiap urusan, program dan kegiatan perlu kode sendiri"),
            );
        } else {
            seen_codes.insert(key, path.to_owned());
        }
    };
    let bidang = crate::kode::kode_bidang(plan);
    for (i, urusan) in rencana.urusan.iter().enumerate() {
        duplicate(&format!("$.rencana.urusan[{i}].kode"), &urusan.kode, out);
    }
    for (i, program) in rencana.program.iter().enumerate() {
        let base = format!("$.rencana.program[{i}]");
        duplicate(&format!("{base}.kode"), &program.kode, out);
        not_blank(&format!("{base}.nama"), &program.nama, out);
        tree::indikator_simpul(&base, Tingkat::Program, &program.kode, &program.indikator, out);
        let kode_program = crate::kode::kode_cetak(&program.kode, bidang.as_deref());
        if !rencana.urusan.is_empty() && !rencana.urusan.iter().any(|u| under(&kode_program, &u.kode)) {
            out.push(
                Diagnostic::error(
                    "kode.di_luar_urusan",
                    format!("kode program {} tidak berada di bawah urusan mana pun", program.kode),
                )
                .path(format!("{base}.kode"))
                .expected(format!(
                    "kode berawalan salah satu dari: {}",
                    rencana.urusan.iter().map(|u| format!("{}.", u.kode)).collect::<Vec<_>>().join(", ")
                ))
                .found(program.kode.clone())
                .hint("perbaiki kode program atau tambahkan urusan/bidang urusannya di rencana.urusan"),
            );
        }
        if program.kegiatan.is_empty() {
            out.push(
                Diagnostic::error(
                    "program.tanpa_kegiatan",
                    format!("program \"{}\" tidak memiliki kegiatan", program.nama),
                )
                .path(format!("{base}.kegiatan"))
                .expected("sedikitnya satu kegiatan; pagu program adalah jumlah pagu kegiatannya")
                .found("[]")
                .hint("tambahkan kegiatannya, atau hapus program ini"),
            );
        }
        let some_maju = program.kegiatan.iter().any(|k| k.pagu_maju.is_some());
        // Tabel 2.3's JUMLAH DANA adds the RKPD side of every kegiatan of the plan.
        let some_rkpd = plan.rencana.program.iter().flat_map(|p| &p.kegiatan).any(|k| k.rkpd.is_some());
        for (j, kegiatan) in program.kegiatan.iter().enumerate() {
            let path = format!("{base}.kegiatan[{j}]");
            duplicate(&format!("{path}.kode"), &kegiatan.kode, out);
            not_blank(&format!("{path}.nama"), &kegiatan.nama, out);
            tree::indikator_simpul(&path, Tingkat::Kegiatan, &kegiatan.kode, &kegiatan.indikator, out);
            let utama = kegiatan.indikator_utama();
            if !under(&kegiatan.kode, &program.kode) {
                out.push(
                    Diagnostic::error(
                        "kode.di_luar_program",
                        format!("kode kegiatan {} tidak berada di bawah programnya", kegiatan.kode),
                    )
                    .path(format!("{path}.kode"))
                    .expected(format!("kode berawalan {}.", program.kode))
                    .found(kegiatan.kode.clone())
                    .hint(format!(
                        "pindahkan kegiatan ke program yang benar atau ubah kodenya menjadi {}.…",
                        program.kode
                    )),
                );
            }
            let pagu_kegiatan = computed.program[i].kegiatan[j].pagu;
            if let Some(pagu) = kegiatan.pagu {
                rupiah(&format!("{path}.pagu"), pagu, out);
            }
            match kegiatan.pagu_maju {
                Some(maju) => rupiah(&format!("{path}.pagu_maju"), maju, out),
                None if some_maju && kegiatan.sub_kegiatan.is_empty() => out.push(
                    Diagnostic::warning("pagu.maju_kosong", "pagu prakiraan maju kegiatan kosong")
                        .path(path.clone())
                        .expected("pagu_maju, seperti kegiatan lain di program ini")
                        .found("tidak ada")
                        .hint("jumlah prakiraan maju program hanya menjumlah kegiatan yang mengisinya"),
                ),
                None => {}
            }
            if kegiatan.rkpd.is_none() && some_rkpd {
                out.push(
                    Diagnostic::warning("rkpd.kosong", "pagu Rancangan Awal RKPD kegiatan ini kosong (Tabel 2.3)")
                        .path(path.clone())
                        .expected("rkpd.pagu, seperti kegiatan lain di rencana ini")
                        .found("tidak ada")
                        .hint("jumlah program dan JUMLAH DANA Tabel 2.3 hanya menjumlah kegiatan yang mengisinya"),
                );
            }
            if let Some(rkpd) = &kegiatan.rkpd {
                rupiah(&format!("{path}.rkpd.pagu"), rkpd.pagu, out);
                if let Some(t) = &rkpd.target {
                    unit(&format!("{path}.rkpd.target"), t, &utama.satuan, out);
                }
            }
            if let Some(analisis) = &kegiatan.hasil_analisis {
                if let Some(pagu) = analisis.pagu {
                    rupiah(&format!("{path}.hasil_analisis.pagu"), pagu, out);
                    if pagu.0 != pagu_kegiatan {
                        out.push(
                            Diagnostic::warning("analisis.berbeda", "Tabel 2.3 dan Tabel 4.1 tidak sepakat tentang pagu kegiatan")
                                .path(format!("{path}.hasil_analisis.pagu"))
                                .expected(format!("{} (pagu di Tabel 4.1)", format::rupiah(pagu_kegiatan)))
                                .found(format::rupiah(pagu.0))
                                .hint("hasil analisis kebutuhan seharusnya sama dengan rencana; hapus hasil_analisis.pagu atau perbaiki pagu"),
                        );
                    }
                }
                if let Some(t) = &analisis.target {
                    unit(&format!("{path}.hasil_analisis.target"), t, &utama.satuan, out);
                    if let Some(target) = &utama.target
                        && t.angka != target.angka
                    {
                        out.push(
                            Diagnostic::warning("analisis.berbeda", "Tabel 2.3 dan Tabel 4.1 tidak sepakat tentang target kegiatan")
                                .path(format!("{path}.hasil_analisis.target"))
                                .expected(format!("{} (target di Tabel 4.1)", format::nilai(target.angka, &utama.satuan)))
                                .found(format::nilai(t.angka, &utama.satuan))
                                .hint("hasil analisis kebutuhan seharusnya sama dengan rencana; hapus hasil_analisis.target atau perbaiki target"),
                        );
                    }
                }
            }
        }
    }
    if let Some(batas) = rencana.pagu_batas {
        rupiah("$.rencana.pagu_batas", batas, out);
        if computed.jumlah.pagu > batas.0 {
            out.push(
                Diagnostic::error("pagu.melebihi_batas", "jumlah pagu melebihi pagu indikatif RKPD")
                    .path("$.rencana.pagu_batas")
                    .expected(format!("jumlah pagu ≤ {}", format::rupiah(batas.0)))
                    .found(format!(
                        "{} (lebih {})",
                        format::rupiah(computed.jumlah.pagu),
                        format::rupiah(computed.jumlah.pagu - batas.0)
                    ))
                    .hint("kurangi pagu kegiatan atau sesuaikan pagu_batas dengan RKPD terbaru"),
            );
        }
    }
}

/// Whether `kode` lies strictly under `parent` ("4.5.1.1" under "4.5.1").
pub(crate) fn under(kode: &str, parent: &str) -> bool {
    kode.trim().strip_prefix(parent.trim()).is_some_and(|rest| rest.len() > 1 && rest.starts_with('.'))
}

fn kode_format(path: &str, kode: &str, out: &mut Vec<Diagnostic>) {
    // A shared program (`X.XX.01`) takes the Perangkat Daerah's bidang when printed.
    let own = kode.trim().strip_prefix("X.XX.").unwrap_or(kode);
    let ok = !own.trim().is_empty()
        && own.trim().split('.').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        out.push(
            Diagnostic::error("kode.format", "kode tidak valid")
                .path(path)
                .expected("angka yang dipisah titik, mis. 4.5.1 atau 1.02.02.2.01")
                .found(format!("\"{kode}\""))
                .hint("hapus spasi dan huruf dari kode"),
        );
    }
}

pub(crate) fn target(level: &str, path: &str, value: &Nilai, satuan: &str, out: &mut Vec<Diagnostic>) {
    unit(path, value, satuan, out);
    if value.angka.is_zero() {
        out.push(
            Diagnostic::warning("target.nol", format!("target {level} bernilai 0"))
                .path(path)
                .expected("target kinerja lebih dari 0")
                .found("0")
                .hint("kegiatan tanpa target tidak dapat dievaluasi tahun depan; isi target kinerjanya"),
        );
    } else if value.angka.is_sign_negative() {
        out.push(
            Diagnostic::error("target.negatif", format!("target {level} negatif"))
                .path(path)
                .expected("target ≥ 0")
                .found(format::angka(value.angka)),
        );
    }
}

pub(crate) fn rupiah(path: &str, value: Rupiah, out: &mut Vec<Diagnostic>) {
    let amount = value.0;
    if amount.is_sign_negative() && !amount.is_zero() {
        out.push(
            Diagnostic::error("pagu.negatif", "pagu negatif")
                .path(path)
                .expected("rupiah ≥ 0")
                .found(format::rupiah(amount))
                .hint("pagu indikatif tidak boleh negatif; periksa tanda minus"),
        );
    }
    if !amount.fract().is_zero() {
        out.push(
            Diagnostic::error("pagu.pecahan", "pagu tidak bulat")
                .path(path)
                .expected("rupiah bulat tanpa sen")
                .found(format::angka(amount))
                .hint("bulatkan pagu ke rupiah penuh"),
        );
    }
    if amount.abs() >= Decimal::from(PAGU_WAJAR) {
        out.push(
            Diagnostic::error("pagu.tidak_wajar", "pagu terlalu besar")
                .path(path)
                .expected(format!("kurang dari {} (satu kuadriliun)", format::rupiah(Decimal::from(PAGU_WAJAR))))
                .found(format::rupiah(amount))
                .hint("periksa kelebihan angka nol"),
        );
    }
}

/// Plain text of a cell large enough to swamp a table is almost surely a paste accident.
fn text_lengths(texts: &[(String, String)], out: &mut Vec<Diagnostic>) {
    for (path, text) in texts {
        let length = text.chars().count();
        if length > TEKS_MAKS {
            out.push(
                Diagnostic::error("teks.terlalu_panjang", "teks terlalu panjang")
                    .path(path)
                    .expected(format!("paling banyak {} karakter", format::angka(Decimal::from(TEKS_MAKS))))
                    .found(format!("{} karakter", format::angka(Decimal::from(length)))),
            );
        }
    }
}

/// A character no vendored font has cannot be printed: Typst would leave a hole, which PDF/A
/// forbids, and the build would fail far from the field that holds it. Emoji and non-Latin
/// scripts pasted from chat or a web page are the usual cause. The document prints some texts
/// in capitals (titles, the signer's name), so a character's capital must be printable too.
/// A combining mark: one that capitals of precomposed letters (Greek with diacritics) expand
/// into, and that the fonts cannot stack on the capital.
fn combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn printable(texts: &[(String, String)], out: &mut Vec<Diagnostic>) {
    const SHOWN: usize = 5;
    let unprintable = |c: char| !fonts::needs_no_glyph(c) && !fonts::has_glyph(c);
    for (path, text) in texts {
        let mut missing: Vec<char> = Vec::new();
        // Printable ASCII (most of any text) is printable in capitals too.
        for c in text.chars().filter(|&c| {
            (!c.is_ascii() || c.is_ascii_control())
                && (unprintable(c) || c.to_uppercase().any(|u| unprintable(u) || (u != c && combining(u))))
        }) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            continue;
        }
        let mut found: Vec<String> =
            missing.iter().take(SHOWN).map(|c| format!("'{c}' (U+{:04X})", *c as u32)).collect();
        if missing.len() > SHOWN {
            found.push(format!("dan {} lainnya", missing.len() - SHOWN));
        }
        out.push(
            Diagnostic::error("teks.karakter_tidak_tersedia", "karakter yang tidak dapat dicetak dengan huruf dokumen")
                .path(path)
                .expected("huruf, angka dan tanda baca yang dimuat TeX Gyre Bonum atau Liberation Sans")
                .found(found.join(", "))
                .hint("hapus atau ganti karakter itu (mis. emoji atau aksara non-Latin); PDF/A tidak mengizinkan glyph kosong"),
        );
    }
}

/// The tag that tells a signing service where the signature goes must be findable in one
/// place only: a visible sequence without spaces that no other text of the plan contains.
fn signing_tag(plan: &Plan, texts: &[(String, String)], out: &mut Vec<Diagnostic>) {
    const TAG_PATH: &str = "$.penandatangan.ttd_elektronik.tag";
    let Some(tag) = &plan.penandatangan.ttd_elektronik.tag else { return };
    if tag.trim().is_empty() || tag.chars().any(char::is_whitespace) {
        out.push(
            Diagnostic::error("ttd.tag", "tag tanda tangan harus berupa karakter tanpa spasi")
                .path(TAG_PATH)
                .expected("mis. \"^\" atau \"#ttd#\"")
                .found(format!("\"{tag}\"")),
        );
        return;
    }
    for (at, text) in texts.iter().filter(|(at, _)| at != TAG_PATH) {
        if text.contains(tag.as_str()) {
            out.push(
                Diagnostic::error("ttd.tag", format!("tag tanda tangan \"{tag}\" juga muncul di teks lain"))
                    .path(at)
                    .expected("tag yang hanya muncul di kotak tanda tangan")
                    .found(format!("\"{}\"", text.chars().take(60).collect::<String>()))
                    .hint("pilih tag lain, mis. \"^\" atau \"#ttd#\", agar layanan tanda tangan menemukan satu tempat saja"),
            );
        }
    }
}

/// Characters that change how text is displayed without being seen: bidirectional overrides,
/// embeddings, isolates and marks, and zero-width characters. A name stored as
/// "H. \u{202E}ANSERK ARDNER" prints as "H. RENDRA KRESNA": what is signed would not be what is
/// stored, so no field may hold them.
pub fn is_hidden_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'
            | '\u{FEFF}'
    )
}

/// Text as a reader would see it printed: reordered by the Unicode bidirectional algorithm,
/// without the invisible characters.
fn as_displayed(text: &str) -> String {
    let info = unicode_bidi::BidiInfo::new(text, None);
    let mut shown = String::new();
    for paragraph in &info.paragraphs {
        shown.push_str(&info.reorder_line(paragraph, paragraph.range.clone()));
    }
    shown.chars().filter(|c| !is_hidden_control(*c)).collect()
}

/// Text with every invisible character written as its code point, as it is stored.
fn as_stored(text: &str) -> String {
    text.chars().map(|c| if is_hidden_control(c) { format!("<U+{:04X}>", c as u32) } else { c.to_string() }).collect()
}

fn hidden_controls(texts: &[(String, String)], out: &mut Vec<Diagnostic>) {
    const SHOWN: usize = 120;
    for (path, text) in texts.iter().filter(|(_, text)| text.chars().any(is_hidden_control)) {
        let cut = |t: String| -> String {
            if t.chars().count() > SHOWN { format!("{}…", t.chars().take(SHOWN).collect::<String>()) } else { t }
        };
        out.push(
            Diagnostic::error("teks.karakter_tersembunyi", "karakter kendali arah atau karakter tanpa lebar di dalam teks")
                .path(path)
                .expected("teks tanpa karakter tersembunyi (U+202A–202E, U+2066–2069, U+200B–200F, U+2060, U+061C, U+FEFF)")
                .found(format!("tercetak \"{}\", tersimpan \"{}\"", cut(as_displayed(text)), cut(as_stored(text))))
                .hint("ketik ulang teks itu (jangan ditempel dari dokumen lain); yang ditandatangani harus sama dengan yang tersimpan"),
        );
    }
}

/// A run of text without whitespace longer than this is no word but a paste accident; past
/// 16,383 characters Typst cannot even write it into a PDF/A string.
const KATA_MAKS: usize = 1_000;

fn word_lengths(texts: &[(String, String)], out: &mut Vec<Diagnostic>) {
    for (path, text) in texts {
        let Some(longest) = text.split_whitespace().map(|word| word.chars().count()).max() else { continue };
        if longest > KATA_MAKS {
            out.push(
                Diagnostic::error("teks.kata_terlalu_panjang", "kata tanpa spasi terlalu panjang")
                    .path(path)
                    .expected(format!("paling banyak {} karakter tanpa spasi", format::angka(Decimal::from(KATA_MAKS))))
                    .found(format!("{} karakter tanpa spasi", format::angka(Decimal::from(longest))))
                    .hint("pisahkan teks itu dengan spasi; teks sepanjang itu tanpa spasi biasanya salah tempel"),
            );
        }
    }
}

/// Names printed in the PDF's metadata too (title, author, subject, keywords), where PDF/A
/// allows at most 32,767 bytes a string (UTF-16: 16,383 characters); the title joins two of
/// them. A name longer than this is a paste accident anyway.
const NAMA_MAKS: usize = 1_000;

fn name_lengths(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let id = &plan.identitas;
    let names = [
        ("$.identitas.pemda", &id.pemda),
        ("$.identitas.kepala_daerah", &id.kepala_daerah),
        ("$.identitas.perangkat_daerah", &id.perangkat_daerah),
        ("$.keputusan.jenis", &plan.keputusan.jenis),
        ("$.keputusan.nomor", &plan.keputusan.nomor),
        ("$.penandatangan.jabatan", &plan.penandatangan.jabatan),
        ("$.penandatangan.nama", &plan.penandatangan.nama),
    ];
    for (path, name) in names {
        let length = name.chars().count();
        if length > NAMA_MAKS {
            out.push(
                Diagnostic::error("teks.nama_terlalu_panjang", "nama terlalu panjang")
                    .path(path)
                    .expected(format!("paling banyak {} karakter", format::angka(Decimal::from(NAMA_MAKS))))
                    .found(format!("{} karakter", format::angka(Decimal::from(length))))
                    .hint("nama ini juga menjadi judul dan penulis di metadata PDF/A; tulis nama resminya saja"),
            );
        }
    }
}

/// The years a date of a Renja may have: the Republic's, and a long planning horizon.
const TAHUN_WAJAR: std::ops::RangeInclusive<i32> = 1945..=2100;

fn dates(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let dates =
        [("$.keputusan.tanggal", plan.keputusan.tanggal), ("$.penandatangan.tanggal", plan.penandatangan.tanggal)];
    for (path, tanggal) in dates {
        let Some(tanggal) = tanggal else { continue };
        if !TAHUN_WAJAR.contains(&tanggal.tahun) {
            out.push(
                Diagnostic::error("tanggal.tidak_wajar", format!("tahun tanggal {} tidak wajar", tanggal.tahun))
                    .path(path)
                    .expected(format!("tahun {} sampai {}", TAHUN_WAJAR.start(), TAHUN_WAJAR.end()))
                    .found(String::from(tanggal))
                    .hint("tulis tanggal lengkap dengan tahun empat angka, mis. \"2018-11-30\""),
            );
        }
    }
}

/// A Renstra covers five years (Permendagri 86/2017); ten is generous for a transition.
const PERIODE_MAKS: i32 = 10;

fn renstra_period(plan: &Plan, out: &mut Vec<Diagnostic>) {
    const PATH: &str = "$.identitas.periode_renstra";
    let periode = plan.identitas.periode_renstra;
    let found = format!("{}–{}", periode.awal, periode.akhir);
    if !TAHUN_WAJAR.contains(&periode.awal) || !TAHUN_WAJAR.contains(&periode.akhir) {
        out.push(
            Diagnostic::error("renstra.tidak_wajar", "tahun periode Renstra tidak wajar")
                .path(PATH)
                .expected(format!("tahun {} sampai {}", TAHUN_WAJAR.start(), TAHUN_WAJAR.end()))
                .found(found)
                .hint("tulis tahun awal dan akhir Renstra, mis. { \"awal\": 2016, \"akhir\": 2021 }"),
        );
    } else if periode.akhir - periode.awal > PERIODE_MAKS {
        out.push(
            Diagnostic::error("renstra.terlalu_panjang", "periode Renstra terlalu panjang")
                .path(PATH)
                .expected(format!("paling lama {PERIODE_MAKS} tahun (Renstra lazimnya lima tahun)"))
                .found(format!("{found} ({} tahun)", periode.akhir - periode.awal))
                .hint("periksa tahun awal dan akhir Renstra"),
        );
    }
}

/// The e-signature box sits in the 7.5 cm signature block; a signing service needs room for a
/// visible signature or a QR code.
const TTD_LEBAR_MM: std::ops::RangeInclusive<u32> = 20..=75;
const TTD_TINGGI_MM: std::ops::RangeInclusive<u32> = 10..=100;

fn signature_box(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let ttd = &plan.penandatangan.ttd_elektronik;
    let sizes = [
        ("$.penandatangan.ttd_elektronik.lebar_mm", ttd.lebar_mm, TTD_LEBAR_MM, "lebar"),
        ("$.penandatangan.ttd_elektronik.tinggi_mm", ttd.tinggi_mm, TTD_TINGGI_MM, "tinggi"),
    ];
    for (path, size, range, what) in sizes {
        if !range.contains(&size) {
            out.push(
                Diagnostic::error("ttd.ukuran_kotak", format!("{what} kotak tanda tangan elektronik tidak wajar"))
                    .path(path)
                    .expected(format!("{} sampai {} mm", range.start(), range.end()))
                    .found(format!("{size} mm"))
                    .hint("kotak harus muat di blok tanda tangan (lebar 75 mm) dan cukup besar untuk tanda tangan atau kode QR; bawaan 50 × 25 mm"),
            );
        }
    }
}

/// Text `renja init` wrote for the planner to replace, or that the plan marks as template text,
/// may not reach a final document; each occurrence is reported.
fn teks_templat(plan: &Plan, texts: &[(String, String)], out: &mut Vec<Diagnostic>) {
    let marks: Vec<&str> = std::iter::once(TEKS_TEMPLAT_INIT)
        .chain(plan.pengaturan.teks_templat.iter().map(String::as_str).filter(|m| !m.trim().is_empty()))
        .collect();
    let mut found: Vec<(&str, usize, &str, &str)> = Vec::new();
    for (path, text) in texts.iter().filter(|(path, _)| !path.starts_with("$.pengaturan.teks_templat")) {
        for mark in &marks {
            found.extend(text.match_indices(mark).map(|(at, _)| (path.as_str(), at, text.as_str(), *mark)));
        }
    }
    // In the plan's order of fields, not the order they were collected in.
    found.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
    for (path, at, text, mark) in found {
        let before: String = text[..at].chars().rev().take(50).collect::<Vec<_>>().into_iter().rev().collect();
        let ellipsis = if before.len() < at { "…" } else { "" };
        out.push(
            Diagnostic::error("teks.templat", "teks templat belum diganti")
                .final_only()
                .path(path)
                .expected("isi rencana yang sebenarnya")
                .found(format!("\"{ellipsis}{before}{mark}\""))
                .hint(
                    "ganti seluruh kalimat contoh ini dengan isi rencana; draf (--draf) dan pratinjau tetap dapat \
                     disusun, dokumen final tidak",
                ),
        );
    }
}

/// A Renja for year n is decreed and signed in n-1 (or early in n, for a Renja Perubahan); a
/// date outside those two years is almost surely a copy of last year's plan.
fn tanggal_dokumen(plan: &Plan, out: &mut Vec<Diagnostic>) {
    let n = plan.identitas.tahun;
    let dates = [
        ("$.keputusan.tanggal", "tanggal keputusan", plan.keputusan.tanggal),
        ("$.penandatangan.tanggal", "tanggal penandatanganan", plan.penandatangan.tanggal),
    ];
    for (path, what, tanggal) in dates {
        let Some(tanggal) = tanggal else { continue };
        if tanggal.tahun == n - 1 || tanggal.tahun == n {
            continue;
        }
        out.push(
            Diagnostic::warning("tanggal.di_luar_tahun", format!("{what} di luar tahun {}–{n}", n - 1))
                .path(path)
                .expected(format!("tanggal pada tahun {} atau {n} (Renja tahun {n})", n - 1))
                .found(String::from(tanggal))
                .hint("periksa tanggal ini dan identitas.tahun; rencana salinan tahun lalu sering membawa tanggal lamanya"),
        );
    }
}

/// Every string of a plan with its JSON path.
fn strings(plan: &Plan) -> Vec<(String, String)> {
    let Ok(value) = serde_json::to_value(plan) else { return Vec::new() };
    let mut found = Vec::new();
    let mut stack = vec![("$".to_owned(), &value)];
    while let Some((path, value)) = stack.pop() {
        match value {
            serde_json::Value::String(text) => found.push((path, text.clone())),
            serde_json::Value::Array(items) => {
                stack.extend(items.iter().enumerate().map(|(i, v)| (format!("{path}[{i}]"), v)))
            }
            serde_json::Value::Object(map) => stack.extend(map.iter().map(|(k, v)| (format!("{path}.{k}"), v))),
            _ => {}
        }
    }
    found
}
