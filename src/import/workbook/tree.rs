//! The sheet Rencana: the plan tree, read node by node (a node is its rows with one Tingkat and
//! Kode), with every total compared and never imported.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use super::{LembarBacaan, Letak, SelBacaan, desimal};
use crate::diagnostic::Diagnostic;
use crate::plan::{self, Rupiah};
use crate::plan::{Dana, Indikator, JenisIndikator, Prioritas, SatuAtauBanyak, SubKegiatan, SumberDana, Tingkat};
use crate::workbook::layout;

/// Columns of the sheet Rencana that belong to a node (its first row), not to an indicator.
const KOLOM_SIMPUL: [&str; 13] = [
    "nama",
    "lokasi",
    "sumber_dana",
    "pagu_dana",
    "pagu",
    "pagu_maju",
    "prioritas_nasional",
    "prioritas_provinsi",
    "prioritas_daerah",
    "kelompok_sasaran",
    "penanggung_jawab",
    "waktu_pelaksanaan",
    "catatan",
];

const KOLOM_INDIKATOR: [&str; 8] = [
    "jenis_indikator",
    "indikator",
    "satuan",
    "target",
    "target_maju",
    "target_renstra",
    "realisasi_n2",
    "prakiraan_n1",
];

/// The node columns a level may fill (besides its indicators).
fn kolom_tingkat(tingkat: &str) -> &'static [&'static str] {
    match tingkat {
        layout::URUSAN => &["nama"],
        layout::PROGRAM => &["nama", "lokasi", "sumber_dana", "catatan", "pagu", "pagu_maju"],
        layout::KEGIATAN => {
            &["nama", "lokasi", "sumber_dana", "catatan", "kelompok_sasaran", "penanggung_jawab", "pagu", "pagu_maju"]
        }
        layout::SUB_KEGIATAN => &KOLOM_SIMPUL,
        _ => &["nama", "pagu", "pagu_maju"],
    }
}

/// One node of the sheet Rencana: its level, kode, and rows.
struct Blok {
    tingkat: String,
    kode: String,
    rows: Vec<u32>,
}

/// A total cell's formula result, to compare with the rows it stands for.
/// The node a total stands for: a program, a kegiatan (with sub-kegiatan), or all programs.
type SimpulBuku = Option<(usize, Option<usize>)>;

struct Total {
    sel: String,
    hasil: Option<Decimal>,
}

pub(super) fn rencana(
    l: &LembarBacaan,
    letak: &mut Letak,
    galat: &mut Vec<Diagnostic>,
) -> (plan::Rencana, HashSet<String>) {
    let errors_before = galat.len();
    let mut blok: Vec<Blok> = Vec::new();
    let tingkat_boleh = [layout::URUSAN, layout::PROGRAM, layout::KEGIATAN, layout::SUB_KEGIATAN, layout::JUMLAH];
    for &r in &l.baris {
        let Some(tingkat) = l.pilihan(r, "tingkat", &tingkat_boleh, galat) else { continue };
        let kode = l.teks(r, "kode", galat).trim().to_owned();
        if tingkat.is_empty() && kode.is_empty() {
            match blok.last_mut() {
                Some(b) => b.rows.push(r),
                None => galat.push(
                    l.galat("impor.lanjutan", "baris lanjutan tanpa simpul di atasnya", r, "tingkat")
                        .expected("baris urusan, program, kegiatan atau sub kegiatan dengan kodenya di atas baris ini")
                        .found("Tingkat dan Kode kosong di baris data pertama")
                        .hint("isi Tingkat dan Kode baris ini"),
                ),
            }
            continue;
        }
        if tingkat.is_empty() {
            galat.push(
                l.galat("impor.tingkat", "tingkat baris kosong", r, "tingkat")
                    .expected(format!("salah satu dari: {}", tingkat_boleh.join(", ")))
                    .found(format!("sel kosong di baris berkode {kode}"))
                    .hint("pilih tingkat dari daftar tarik-turun"),
            );
            continue;
        }
        if kode.is_empty() && tingkat != layout::JUMLAH {
            galat.push(
                l.galat("impor.kode", format!("kode {tingkat} kosong"), r, "kode")
                    .expected("kode, mis. 1.03.02.2.01")
                    .found("sel kosong")
                    .hint("setiap baris simpul memuat kodenya; baris lanjutan mengosongkan Tingkat dan Kode"),
            );
            continue;
        }
        // A sub-kegiatan row that names itself again starts another row of the same code (SIPD's
        // one sub-kegiatan at two places or by two sub-units); a row without a name continues.
        let lagi = tingkat == layout::SUB_KEGIATAN && !l.teks(r, "nama", galat).trim().is_empty();
        match blok.last_mut() {
            Some(b) if b.tingkat == tingkat && b.kode == kode && tingkat != layout::JUMLAH && !lagi => b.rows.push(r),
            _ => blok.push(Blok { tingkat, kode, rows: vec![r] }),
        }
    }

    let kode_kegiatan = blok.iter().filter(|b| b.tingkat == layout::KEGIATAN).map(|b| b.kode.clone()).collect();
    // A kode names one node: a second block with it is a duplicate, however far below.
    // A sub-kegiatan code twice under the same kegiatan block is two rows (check warns).
    let mut seen: HashMap<&str, (u32, Option<usize>)> = HashMap::new();
    let mut dup = vec![false; blok.len()];
    let mut kegiatan_terakhir: Option<usize> = None;
    for (i, b) in blok.iter().enumerate() {
        if b.tingkat == layout::JUMLAH {
            continue;
        }
        if b.tingkat == layout::KEGIATAN {
            kegiatan_terakhir = Some(i);
        } else if b.tingkat != layout::SUB_KEGIATAN {
            kegiatan_terakhir = None;
        }
        let induk = (b.tingkat == layout::SUB_KEGIATAN).then_some(kegiatan_terakhir).flatten();
        match seen.get(b.kode.as_str()) {
            Some(&(_, Some(parent))) if b.tingkat == layout::SUB_KEGIATAN && induk == Some(parent) => {}
            Some(&(first, _)) => {
                dup[i] = true;
                galat.push(
                    l.galat(
                        "impor.kode_ganda",
                        format!("kode {} dipakai lebih dari sekali", b.kode),
                        b.rows[0],
                        "kode",
                    )
                    .expected("setiap kode sekali saja (baris lanjutan berada tepat di bawah simpulnya)")
                    .found(format!("{} juga di {}", b.kode, l.letak(first, "kode")))
                    .hint("perbaiki salah satu kode, atau pindahkan baris ini tepat di bawah simpul aslinya"),
                );
            }
            None => {
                seen.insert(&b.kode, (b.rows[0], induk));
            }
        }
    }

    let mut rencana = plan::Rencana { urusan: Vec::new(), program: Vec::new(), pagu_batas: None };
    // Totals read from the sheet: (program, kegiatan or None, pagu column?) → cell.
    let mut total_pagu: Vec<(SimpulBuku, &str, Total)> = Vec::new();
    // Kegiatan pagu typed as numbers, to refuse where the kegiatan has sub-kegiatan.
    let mut pagu_kegiatan: HashMap<(usize, usize), Vec<(&str, u32)>> = HashMap::new();
    for (b, is_dup) in blok.iter().zip(dup) {
        if is_dup {
            continue;
        }
        let first = b.rows[0];
        sel_simpul(l, b, galat);
        match b.tingkat.as_str() {
            layout::URUSAN => {
                let path = format!("$.rencana.urusan[{}]", rencana.urusan.len());
                letak.catat(&path, l.letak(first, "kode"));
                letak.catat(&format!("{path}.kode"), l.letak(first, "kode"));
                letak.catat(&format!("{path}.nama"), l.letak(first, "nama"));
                tidak_berindikator(l, b, galat);
                rencana.urusan.push(plan::Urusan { kode: b.kode.clone(), nama: l.teks(first, "nama", galat) });
            }
            layout::PROGRAM => {
                let i = rencana.program.len();
                let path = format!("$.rencana.program[{i}]");
                let indikator = indikator_simpul(l, b, Tingkat::Program, &path, letak, galat);
                for kunci in ["pagu", "pagu_maju"] {
                    if let Some(total) = total(l, first, kunci, layout::PROGRAM, &b.kode, galat) {
                        total_pagu.push((Some((i, None)), kunci, total));
                    }
                }
                catat_simpul(letak, l, first, &path, &["kode", "nama", "lokasi", "sumber_dana", "catatan"]);
                rencana.program.push(plan::Program {
                    kode: b.kode.clone(),
                    nama: l.teks(first, "nama", galat),
                    indikator,
                    lokasi: l.teks(first, "lokasi", galat),
                    sumber_dana: l.teks(first, "sumber_dana", galat),
                    catatan: l.teks(first, "catatan", galat),
                    kegiatan: Vec::new(),
                });
            }
            layout::KEGIATAN => {
                let Some(i) = rencana.program.len().checked_sub(1) else {
                    galat.push(
                        l.galat("impor.induk", format!("kegiatan {} tanpa program di atasnya", b.kode), first, "kode")
                            .expected("baris program di atas kegiatannya")
                            .found("tidak ada baris program di atas baris ini")
                            .hint("tambahkan baris program (Tingkat \"program\") di atas kegiatan ini"),
                    );
                    continue;
                };
                let j = rencana.program[i].kegiatan.len();
                let path = format!("$.rencana.program[{i}].kegiatan[{j}]");
                let indikator = indikator_simpul(l, b, Tingkat::Kegiatan, &path, letak, galat);
                let mut pagu = None;
                let mut pagu_maju = None;
                for kunci in ["pagu", "pagu_maju"] {
                    match l.sel(first, kunci) {
                        SelBacaan::Rumus { hasil, .. } => total_pagu.push((
                            Some((i, Some(j))),
                            kunci,
                            Total { sel: l.letak(first, kunci), hasil: hasil.and_then(desimal) },
                        )),
                        sel if sel.kosong() => {}
                        _ => {
                            let value = l.rupiah(first, kunci, galat);
                            pagu_kegiatan.entry((i, j)).or_default().push((kunci, first));
                            if kunci == "pagu" { pagu = value } else { pagu_maju = value }
                        }
                    }
                }
                catat_simpul(
                    letak,
                    l,
                    first,
                    &path,
                    &[
                        "kode",
                        "nama",
                        "lokasi",
                        "sumber_dana",
                        "catatan",
                        "kelompok_sasaran",
                        "penanggung_jawab",
                        "pagu",
                        "pagu_maju",
                    ],
                );
                rencana.program[i].kegiatan.push(plan::Kegiatan {
                    kode: b.kode.clone(),
                    nama: l.teks(first, "nama", galat),
                    indikator,
                    lokasi: l.teks(first, "lokasi", galat),
                    pagu,
                    sumber_dana: l.teks(first, "sumber_dana", galat),
                    pagu_maju,
                    catatan: l.teks(first, "catatan", galat),
                    rkpd: None,
                    hasil_analisis: None,
                    kelompok_sasaran: l.teks(first, "kelompok_sasaran", galat),
                    penanggung_jawab: l.teks(first, "penanggung_jawab", galat),
                    sub_kegiatan: Vec::new(),
                });
            }
            layout::SUB_KEGIATAN => {
                let induk = b.kode.rsplit_once('.').map_or("", |(head, _)| head);
                let current = rencana.program.last().and_then(|p| p.kegiatan.last()).map(|k| k.kode.as_str());
                if current != Some(induk) {
                    let found = match current {
                        Some(k) => format!("di bawah kegiatan {k}"),
                        None => "tidak ada baris kegiatan di atasnya".to_owned(),
                    };
                    galat.push(
                        l.galat("impor.induk", format!("kegiatan induk sub kegiatan {} tidak ada", b.kode), first, "kode")
                            .expected(format!("baris kegiatan {induk} tepat di atas sub kegiatannya"))
                            .found(found)
                            .hint(format!(
                                "tambahkan baris kegiatan {induk} (Tingkat \"kegiatan\") di atas sub kegiatan ini, atau perbaiki kodenya"
                            )),
                    );
                    continue;
                }
                let i = rencana.program.len() - 1;
                let j = rencana.program[i].kegiatan.len() - 1;
                let k = rencana.program[i].kegiatan[j].sub_kegiatan.len();
                let path = format!("$.rencana.program[{i}].kegiatan[{j}].sub_kegiatan[{k}]");
                let sub = sub_kegiatan(l, b, &path, letak, galat);
                rencana.program[i].kegiatan[j].sub_kegiatan.push(sub);
            }
            _ => {
                tidak_berindikator(l, b, galat);
                for kunci in ["pagu", "pagu_maju"] {
                    if let Some(total) = total(l, first, kunci, layout::JUMLAH, "", galat) {
                        total_pagu.push((None, kunci, total));
                    }
                }
            }
        }
    }

    // Pagu is typed only on the lowest level.
    for ((i, j), cells) in &pagu_kegiatan {
        let k = &mut rencana.program[*i].kegiatan[*j];
        if k.sub_kegiatan.is_empty() {
            continue;
        }
        for (kunci, row) in cells {
            galat.push(
                l.galat(
                    "impor.pagu_induk",
                    format!("pagu ditulis pada kegiatan {} yang memiliki sub kegiatan", k.kode),
                    *row,
                    kunci,
                )
                .expected("rumus jumlah atau sel kosong: pagu kegiatan adalah jumlah pagu sub kegiatannya")
                .found(l.sel(*row, kunci).ditemukan())
                .hint("tulis pagu pada sub kegiatannya; kosongkan sel ini atau kembalikan rumus jumlahnya"),
            );
        }
        k.pagu = None;
        k.pagu_maju = None;
    }
    // Totals are never imported, but one that disagrees with its rows means a row is missing
    // from the formula or was typed over: say so. Rows that could not be read make any sum
    // meaningless, so totals are compared only over a sheet read without error.
    // A kegiatan's own pagu as a formula whose value the file does not hold (written by a
    // program that never calculated it): named as such at its cell, not taken as no pagu.
    for (node, _, total) in &total_pagu {
        if total.hasil.is_none()
            && let Some((i, Some(j))) = *node
            && rencana.program[i].kegiatan[j].sub_kegiatan.is_empty()
        {
            galat.push(
                Diagnostic::error("impor.rumus_tanpa_nilai", "rumus pagu tanpa nilai tersimpan")
                    .path(total.sel.clone())
                    .expected("rupiah sebagai angka, atau rumus yang hasilnya tersimpan di buku kerja")
                    .found("rumus yang hasil hitungannya tidak tersimpan (buku kerja belum dihitung ulang)")
                    .hint(
                        "buka buku kerja di Excel atau LibreOffice lalu simpan ulang agar hasil rumus tersimpan, atau \
                         ketik angkanya",
                    ),
            );
        }
    }
    let readable = galat.len() == errors_before;
    for (node, kunci, total) in total_pagu.into_iter().filter(|_| readable) {
        let Some(shown) = total.hasil else { continue };
        let pagu = |k: &plan::Kegiatan| {
            let p = crate::compute::pagu_kegiatan(k);
            if kunci == "pagu" { p.pagu } else { p.pagu_maju.unwrap_or_default() }
        };
        let (sum, what) = match node {
            Some((i, Some(j))) => {
                let k = &rencana.program[i].kegiatan[j];
                if k.sub_kegiatan.is_empty() {
                    // A formula on a kegiatan without sub-kegiatan is its own figure.
                    let value = Some(Rupiah(shown));
                    if kunci == "pagu" {
                        rencana.program[i].kegiatan[j].pagu = value
                    } else {
                        rencana.program[i].kegiatan[j].pagu_maju = value
                    }
                    continue;
                }
                (pagu(k), format!("sub kegiatan {}", k.kode))
            }
            Some((i, None)) => (
                rencana.program[i].kegiatan.iter().map(pagu).sum(),
                format!("kegiatan program {}", rencana.program[i].kode),
            ),
            None => (rencana.program.iter().flat_map(|p| &p.kegiatan).map(pagu).sum(), "semua program".to_owned()),
        };
        if sum != shown {
            galat.push(
                Diagnostic::error("impor.jumlah", format!("jumlah pada sel ini tidak sama dengan jumlah {what}"))
                    .path(total.sel)
                    .expected(format!("{} (jumlah barisnya)", crate::format::rupiah(sum)))
                    .found(crate::format::rupiah(shown))
                    .hint(
                        "rumus jumlah tidak mencakup semua barisnya; perluas rumusnya, atau kosongkan sel ini (jumlah tidak diimpor, renja menghitungnya sendiri)",
                    ),
            );
        }
    }
    (rencana, kode_kegiatan)
}

/// A total cell of a program or the JUMLAH row: a formula (compared later), or empty. A typed
/// figure there is an error: such a node has no pagu of its own.
fn total(
    l: &LembarBacaan,
    row: u32,
    kunci: &str,
    tingkat: &str,
    kode: &str,
    galat: &mut Vec<Diagnostic>,
) -> Option<Total> {
    match l.sel(row, kunci) {
        SelBacaan::Rumus { hasil, .. } => Some(Total { sel: l.letak(row, kunci), hasil: hasil.and_then(desimal) }),
        sel if sel.kosong() => None,
        sel => {
            let what = if tingkat == layout::JUMLAH { "baris jumlah".to_owned() } else { format!("{tingkat} {kode}") };
            galat.push(
                l.galat("impor.pagu_induk", format!("pagu ditulis pada {what}"), row, kunci)
                    .expected("rumus jumlah atau sel kosong: pagu program adalah jumlah pagu kegiatannya")
                    .found(sel.ditemukan())
                    .hint("tulis pagu pada kegiatan (atau sub kegiatan); kosongkan sel ini atau kembalikan rumus jumlahnya"),
            );
            None
        }
    }
}

/// Node columns a level does not have, and node columns on a continuation row that differ from
/// the node's first row, are errors.
fn sel_simpul(l: &LembarBacaan, b: &Blok, galat: &mut Vec<Diagnostic>) {
    let boleh = kolom_tingkat(&b.tingkat);
    let first = b.rows[0];
    for kunci in KOLOM_SIMPUL {
        if b.tingkat == layout::SUB_KEGIATAN && ["sumber_dana", "pagu_dana"].contains(&kunci) {
            continue;
        }
        for (n, &r) in b.rows.iter().enumerate() {
            let sel = l.sel(r, kunci);
            if sel.kosong() {
                continue;
            }
            if !boleh.contains(&kunci) {
                let label = if b.tingkat == layout::JUMLAH { "baris jumlah".to_owned() } else { b.tingkat.clone() };
                galat.push(
                    l.galat(
                        "impor.kolom_tingkat",
                        format!("kolom \"{}\" tidak berlaku untuk {label}", l.judul(kunci)),
                        r,
                        kunci,
                    )
                    .expected("sel kosong")
                    .found(sel.ditemukan())
                    .hint(format!("kolom ini diisi pada: {}", tingkat_kolom(kunci))),
                );
            } else if n > 0 && sel != l.sel(first, kunci) {
                galat.push(
                    l.galat(
                        "impor.lanjutan",
                        format!("baris lanjutan {} {} mengisi kolom simpulnya", b.tingkat, b.kode),
                        r,
                        kunci,
                    )
                    .expected(format!(
                        "sel kosong (kolom \"{}\" diisi di baris pertama simpul, {})",
                        l.judul(kunci),
                        l.letak(first, kunci)
                    ))
                    .found(sel.ditemukan())
                    .hint("pindahkan isinya ke baris pertama simpul, atau beri baris ini Tingkat dan Kode simpul lain"),
                );
            }
        }
    }
}

/// The levels a node column belongs to, for a hint.
fn tingkat_kolom(kunci: &str) -> String {
    [layout::URUSAN, layout::PROGRAM, layout::KEGIATAN, layout::SUB_KEGIATAN]
        .iter()
        .filter(|t| kolom_tingkat(t).contains(&kunci))
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Urusan and JUMLAH rows carry no indicator.
fn tidak_berindikator(l: &LembarBacaan, b: &Blok, galat: &mut Vec<Diagnostic>) {
    for &r in &b.rows {
        for kunci in KOLOM_INDIKATOR {
            let sel = l.sel(r, kunci);
            if !sel.kosong() {
                galat.push(
                    l.galat(
                        "impor.kolom_tingkat",
                        format!("kolom \"{}\" tidak berlaku untuk {}", l.judul(kunci), b.tingkat),
                        r,
                        kunci,
                    )
                    .expected("sel kosong")
                    .found(sel.ditemukan())
                    .hint("indikator ditulis pada program, kegiatan dan sub kegiatan"),
                );
            }
        }
    }
}

/// The indicators of a node on level `tingkat`, one per row with any indicator cell filled, in
/// row order, each located at its cells. An empty Jenis takes the level's own kind.
fn indikator_simpul(
    l: &LembarBacaan,
    b: &Blok,
    tingkat: Tingkat,
    path: &str,
    letak: &mut Letak,
    galat: &mut Vec<Diagnostic>,
) -> Vec<Indikator> {
    let boleh: &[&str] = match tingkat {
        Tingkat::Program => &[layout::CAPAIAN],
        Tingkat::Kegiatan => &[layout::KELUARAN, layout::HASIL],
        Tingkat::SubKegiatan => &[layout::KELUARAN],
    };
    let mut out = Vec::new();
    for &r in &b.rows {
        if KOLOM_INDIKATOR.iter().all(|k| l.sel(r, k).kosong()) {
            continue;
        }
        let Some(jenis) = l.pilihan(r, "jenis_indikator", boleh, galat) else { continue };
        let jenis = match jenis.as_str() {
            layout::CAPAIAN => JenisIndikator::Capaian,
            layout::HASIL => JenisIndikator::Hasil,
            _ => JenisIndikator::Keluaran,
        };
        let ind = Indikator {
            uraian: l.teks(r, "indikator", galat),
            satuan: l.teks(r, "satuan", galat),
            target: l.nilai(r, "target", galat),
            target_maju: l.nilai(r, "target_maju", galat),
            target_renstra: l.nilai(r, "target_renstra", galat),
            realisasi_n2: l.nilai(r, "realisasi_n2", galat),
            prakiraan_n1: l.nilai(r, "prakiraan_n1", galat),
            jenis: (jenis != JenisIndikator::bawaan(tingkat)).then_some(jenis),
            ..Indikator::default()
        };
        catat_indikator(letak, l, r, &ind.jalur(path, out.len(), ""));
        out.push(ind);
    }
    out
}

const KOLOM_INDIKATOR_JSON: [(&str, &str); 7] = [
    ("uraian", "indikator"),
    ("satuan", "satuan"),
    ("target", "target"),
    ("target_maju", "target_maju"),
    ("target_renstra", "target_renstra"),
    ("realisasi_n2", "realisasi_n2"),
    ("prakiraan_n1", "prakiraan_n1"),
];

fn catat_indikator(letak: &mut Letak, l: &LembarBacaan, row: u32, path: &str) {
    letak.catat(path, l.letak(row, "indikator"));
    for (json, kunci) in KOLOM_INDIKATOR_JSON {
        letak.catat(&format!("{path}.{json}"), l.letak(row, kunci));
    }
}

fn catat_simpul(letak: &mut Letak, l: &LembarBacaan, row: u32, path: &str, kolom: &[&str]) {
    letak.catat(path, l.letak(row, "kode"));
    for kunci in kolom {
        letak.catat(&format!("{path}.{kunci}"), l.letak(row, kunci));
    }
}

fn sub_kegiatan(l: &LembarBacaan, b: &Blok, path: &str, letak: &mut Letak, galat: &mut Vec<Diagnostic>) -> SubKegiatan {
    let first = b.rows[0];
    let indikator = indikator_simpul(l, b, Tingkat::SubKegiatan, path, letak, galat);
    // Funding: one name, or one source per row with its amount.
    let mut dana: Vec<(u32, String, Option<Rupiah>)> = Vec::new();
    for &r in &b.rows {
        let nama = l.teks(r, "sumber_dana", galat);
        let pagu = l.rupiah(r, "pagu_dana", galat);
        if !nama.trim().is_empty() || !l.sel(r, "pagu_dana").kosong() {
            dana.push((r, nama, pagu));
        }
    }
    // A finding on the amounts (their sum against the pagu) points at the amount column.
    let berpagu = dana.iter().find(|(r, _, _)| !l.sel(*r, "pagu_dana").kosong());
    let kolom = if berpagu.is_some() { "pagu_dana" } else { "sumber_dana" };
    letak.catat(&format!("{path}.sumber_dana"), l.letak(berpagu.map_or(first, |(r, _, _)| *r), kolom));
    let sumber_dana = if dana.iter().all(|(r, _, _)| l.sel(*r, "pagu_dana").kosong()) {
        match dana.as_slice() {
            [] => SumberDana::Teks(String::new()),
            [(_, nama, _)] => SumberDana::Teks(nama.clone()),
            [_, (r, _, _), ..] => {
                galat.push(
                    l.galat(
                        "impor.dana",
                        format!("sub kegiatan {} memiliki beberapa sumber dana tanpa pagunya", b.kode),
                        *r,
                        "pagu_dana",
                    )
                    .expected("pagu setiap sumber dana (jumlahnya sama dengan pagu sub kegiatan)")
                    .found("sel kosong")
                    .hint("isi Pagu Sumber Dana di setiap baris sumber dana, atau tulis satu sumber dana saja"),
                );
                SumberDana::Teks(String::new())
            }
        }
    } else {
        let mut list = Vec::new();
        for (d, (r, nama, pagu)) in dana.into_iter().enumerate() {
            letak.catat(&format!("{path}.sumber_dana[{d}]"), l.letak(r, "sumber_dana"));
            letak.catat(&format!("{path}.sumber_dana[{d}].nama"), l.letak(r, "sumber_dana"));
            letak.catat(&format!("{path}.sumber_dana[{d}].pagu"), l.letak(r, "pagu_dana"));
            if nama.trim().is_empty() {
                galat.push(
                    l.galat("impor.dana", format!("sumber dana sub kegiatan {} tanpa nama", b.kode), r, "sumber_dana")
                        .expected("nama sumber dana, mis. DAU")
                        .found("sel kosong di samping pagunya")
                        .hint("tulis nama sumber dananya"),
                );
            }
            match pagu {
                Some(pagu) => list.push(Dana { nama, pagu }),
                None if l.sel(r, "pagu_dana").kosong() => galat.push(
                    l.galat(
                        "impor.dana",
                        format!("sumber dana {nama} sub kegiatan {} tanpa pagu", b.kode),
                        r,
                        "pagu_dana",
                    )
                    .expected("pagu sumber dana, seperti sumber dana lain sub kegiatan ini")
                    .found("sel kosong")
                    .hint("isi pagunya; bila sumber dana ditulis per baris, semuanya berpagu"),
                ),
                None => {}
            }
        }
        // One source carries the whole pagu: a pagu edited in its one cell moves the source's
        // amount too (the sheet's amount was last year's pagu, or a copy of it).
        if let [one] = list.as_mut_slice()
            && let Some(pagu) = l.rupiah(first, "pagu", &mut Vec::new())
            && pagu != one.pagu
        {
            one.pagu = pagu;
        }
        SumberDana::Rincian(list)
    };
    let lokasi = l.teks(first, "lokasi", galat);
    let lokasi: Vec<String> = lokasi.split('\n').filter(|x| !x.trim().is_empty()).map(str::to_owned).collect();
    catat_simpul(
        letak,
        l,
        first,
        path,
        &[
            "kode",
            "nama",
            "lokasi",
            "pagu",
            "pagu_maju",
            "kelompok_sasaran",
            "penanggung_jawab",
            "waktu_pelaksanaan",
            "catatan",
        ],
    );
    for (json, kunci) in
        [("nasional", "prioritas_nasional"), ("provinsi", "prioritas_provinsi"), ("daerah", "prioritas_daerah")]
    {
        letak.catat(&format!("{path}.prioritas.{json}"), l.letak(first, kunci));
    }
    for kunci in ["pagu", "pagu_maju"] {
        if let SelBacaan::Rumus { rumus, .. } = l.sel(first, kunci) {
            galat.push(
                l.galat("impor.rumus", format!("pagu sub kegiatan {} berupa rumus", b.kode), first, kunci)
                    .expected("pagu sebagai angka")
                    .found(format!("rumus ={rumus}"))
                    .hint("salin lalu tempel sebagai nilai (Paste Special → Values)"),
            );
        }
    }
    SubKegiatan {
        kode: b.kode.clone(),
        nama: l.teks(first, "nama", galat),
        indikator,
        lokasi: SatuAtauBanyak(lokasi),
        sumber_dana,
        kelompok_sasaran: l.teks(first, "kelompok_sasaran", galat),
        penanggung_jawab: l.teks(first, "penanggung_jawab", galat),
        waktu_pelaksanaan: l.teks(first, "waktu_pelaksanaan", galat),
        prioritas: Prioritas {
            nasional: l.teks(first, "prioritas_nasional", galat),
            provinsi: l.teks(first, "prioritas_provinsi", galat),
            daerah: l.teks(first, "prioritas_daerah", galat),
        },
        pagu: match l.sel(first, "pagu") {
            SelBacaan::Rumus { .. } => None,
            _ => l.rupiah(first, "pagu", galat),
        },
        pagu_maju: match l.sel(first, "pagu_maju") {
            SelBacaan::Rumus { .. } => None,
            _ => l.rupiah(first, "pagu_maju", galat),
        },
        catatan: l.teks(first, "catatan", galat),
    }
}
