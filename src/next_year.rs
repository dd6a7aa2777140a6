//! Next year's plan from this year's (`renja next-year`): every Renja is last year's moved one
//! year on. What moves is moved exactly; what only the new year can tell is left empty and
//! listed, so that `check` and the planner see the same holes.
//!
//! - `identitas.tahun` + 1, `tahap` back to rancangan awal; the decree's number and dates and
//!   the signing date are cleared.
//! - Tabel 2.1, one year on: column 5 (realisation up to n-3) absorbs the old realisation of
//!   n-2 (added for a cumulative indicator; the latest value for a level), target n-2 ← old
//!   target n-1, target n-1 ← the old plan's target n for the same program or kegiatan (matched
//!   by name), realisation n-2 left empty.
//! - Tabel 2.2: targets n-2 … n+1, realisations n-2 … n-1 and projections n … n+1 move one
//!   column left; the new last column of each is empty.
//! - The plan (Tabel 3.1, 4.1): target and pagu n ← the old prakiraan maju n+1, which is left
//!   empty; where the old plan states no prakiraan maju, the old figure stays and is listed.
//!   Tabel 2.3's RKPD side and needs analysis belong to the new RKPD: cleared. Tabel 2.4 (the
//!   new year's proposals) is emptied.

use rust_decimal::Decimal;

use crate::plan::{BarisKinerja, Indikator, IndikatorEvaluasi, Nilai, Plan, Tahap};

/// Next year's plan and what remains to fill in it.
#[derive(Debug)]
pub struct TahunDepan {
    pub plan: Plan,
    pub isian: Vec<Lubang>,
}

/// One thing the planner has to fill: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lubang {
    pub path: String,
    pub apa: String,
}

/// Moves `plan` one year on.
pub fn dari(plan: &Plan) -> TahunDepan {
    let mut next = plan.clone();
    let mut isian = Vec::new();
    let old_n = plan.identitas.tahun;
    next.identitas.tahun_asal = Some(old_n);
    let n = old_n.saturating_add(1);
    let mut isi = |path: String, apa: String| isian.push(Lubang { path, apa });

    next.identitas.tahun = n;
    next.identitas.tahap = Tahap::RancanganAwal;
    if n > next.identitas.periode_renstra.akhir {
        isi(
            "$.identitas.periode_renstra".into(),
            format!("periode Renstra baru (tahun {n} di luar {})", plan.identitas.periode_renstra.akhir),
        );
    }
    next.keputusan.nomor = kosongkan_nomor(&plan.keputusan.nomor);
    next.keputusan.tanggal = None;
    next.penandatangan.tanggal = None;
    isi("$.keputusan.nomor".into(), "nomor keputusan".into());
    isi("$.keputusan.tanggal".into(), "tanggal keputusan".into());

    // Tabel 2.1: the old plan's targets of year n become the new targets of year n-1.
    let target_rencana = |nama: &str, kegiatan: Option<&str>| -> Option<Nilai> {
        let program = plan.rencana.program.iter().find(|p| sama(&p.nama, nama))?;
        match kegiatan {
            None => program.indikator_utama().target.clone(),
            Some(k) => {
                program.kegiatan.iter().find(|x| sama(&x.nama, k)).and_then(|x| x.indikator_utama().target.clone())
            }
        }
    };
    for (i, program) in next.evaluasi.program.iter_mut().enumerate() {
        let path = format!("$.evaluasi.program[{i}]");
        let target = target_rencana(&program.nama, None);
        geser_evaluasi(&mut program.indikator, target, &format!("{path}.indikator"), n, &mut isi);
        let nama_program = program.nama.clone();
        for (j, kegiatan) in program.kegiatan.iter_mut().enumerate() {
            let target = target_rencana(&nama_program, Some(&kegiatan.nama));
            geser_evaluasi(&mut kegiatan.indikator, target, &format!("{path}.kegiatan[{j}].indikator"), n, &mut isi);
        }
    }

    // Tabel 2.2: every series one year on.
    geser_kinerja(&mut next.kinerja_pelayanan.indikator_utama);
    geser_kinerja(&mut next.kinerja_pelayanan.program);
    isi("$.kinerja_pelayanan".into(), format!("realisasi Tahun {old_n} dan proyeksi Tahun {}", n + 1));

    // The plan: prakiraan maju n+1 becomes year n.
    for (i, program) in next.rencana.program.iter_mut().enumerate() {
        let path = format!("$.rencana.program[{i}]");
        geser_indikator(&mut program.indikator, &path, n, &mut isi);
        for (j, kegiatan) in program.kegiatan.iter_mut().enumerate() {
            let path = format!("{path}.kegiatan[{j}]");
            geser_indikator(&mut kegiatan.indikator, &path, n, &mut isi);
            if kegiatan.sub_kegiatan.is_empty() {
                match kegiatan.pagu_maju.take() {
                    Some(maju) => kegiatan.pagu = Some(maju),
                    None => isi(format!("{path}.pagu"), format!("pagu Tahun {n} (tidak ada prakiraan maju)")),
                }
                isi(format!("{path}.pagu_maju"), format!("pagu prakiraan maju Tahun {}", n + 1));
            }
            // Money and targets live on the sub-kegiatan where there are any.
            for (k, sub) in kegiatan.sub_kegiatan.iter_mut().enumerate() {
                let path = format!("{path}.sub_kegiatan[{k}]");
                let lama = sub.pagu;
                match sub.pagu_maju.take() {
                    Some(maju) => sub.pagu = Some(maju),
                    None => isi(format!("{path}.pagu"), format!("pagu Tahun {n} (tidak ada prakiraan maju)")),
                }
                geser_dana(sub, lama, &path, n, &mut isi);
                isi(format!("{path}.pagu_maju"), format!("pagu prakiraan maju Tahun {}", n + 1));
                geser_indikator(&mut sub.indikator, &path, n, &mut isi);
            }
            if kegiatan.rkpd.take().is_some() {
                isi(format!("{path}.rkpd"), format!("pagu Rancangan Awal RKPD Tahun {n}"));
            }
            kegiatan.hasil_analisis = None;
        }
    }
    if !next.usulan_masyarakat.is_empty() {
        next.usulan_masyarakat.clear();
        isi("$.usulan_masyarakat".into(), format!("usulan masyarakat untuk Tahun {n} (kosong dicetak NIHIL)"));
    }

    // Prose that names the old year literally now names the wrong one.
    for (path, text, _) in crate::kerangka::narrative_fields(&next) {
        if crate::check::tahun_harfiah(text, old_n) {
            isi(path, format!("tahun {old_n} ditulis harfiah; tulis {{{{ tahun_n1 }}}} atau {{{{ tahun }}}}"));
        }
    }
    TahunDepan { plan: next, isian }
}

/// Funding-source amounts move with the pagu: one source takes the new pagu whole; several
/// sources keep their amounts only when the pagu is unchanged, else their names stay and each
/// amount is a hole (last year's amount named), so the plan checks with only the listed holes.
fn geser_dana(
    sub: &mut crate::plan::SubKegiatan,
    lama: Option<crate::plan::Rupiah>,
    path: &str,
    n: i32,
    isi: &mut impl FnMut(String, String),
) {
    let crate::plan::SumberDana::Rincian(list) = &mut sub.sumber_dana else { return };
    match (list.as_mut_slice(), sub.pagu) {
        ([one], Some(pagu)) => one.pagu = pagu,
        (_, Some(pagu)) if Some(pagu) == lama => {}
        (list, _) => {
            let names: Vec<String> = list.iter().map(|d| d.nama.clone()).collect();
            let lalu: Vec<String> =
                list.iter().map(|d| format!("{} {}", d.nama, crate::format::rupiah(d.pagu.0))).collect();
            sub.sumber_dana = crate::plan::SumberDana::Teks(names.join(", "));
            isi(
                format!("{path}.sumber_dana"),
                format!(
                    "pagu tiap sumber dana Tahun {n}, jumlahnya sama dengan pagu (Tahun {}: {})",
                    n - 1,
                    lalu.join("; ")
                ),
            );
        }
    }
}

fn sama(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// A decree number with its serial part blanked: "188.45/ 123 /KEP/…" keeps its shape.
fn kosongkan_nomor(nomor: &str) -> String {
    nomor.chars().map(|c| if c.is_ascii_digit() { ' ' } else { c }).collect::<String>().trim().to_owned()
}

/// One year on for a node's indicators, on every level alike: the target of year n-1 becomes the
/// prakiraan of n-1, the prakiraan maju becomes the target; the realisation of n-2 and the new
/// prakiraan maju are holes to fill (and the target where there was no prakiraan maju).
fn geser_indikator(list: &mut [Indikator], node: &str, n: i32, isi: &mut impl FnMut(String, String)) {
    for (c, indikator) in list.iter_mut().enumerate() {
        indikator.realisasi_n2 = None;
        indikator.prakiraan_n1 = indikator.target.take();
        indikator.target = indikator.target_maju.take();
        if indikator.target.is_none() {
            isi(format!("{node}.indikator[{c}].target"), format!("target Tahun {n} (tidak ada prakiraan maju)"));
        }
    }
    if !list.is_empty() {
        isi(
            format!("{node}.indikator"),
            format!("target prakiraan maju Tahun {} dan realisasi Tahun {}", n + 1, n - 2),
        );
    }
}

fn geser_kinerja(rows: &mut [BarisKinerja]) {
    for row in rows {
        for line in &mut row.nilai {
            geser(&mut line.target);
            geser(&mut line.realisasi);
            geser(&mut line.proyeksi);
        }
        geser_kinerja(&mut row.kegiatan);
    }
}

/// One year on for a series of years: every value moves one place left, the last is empty.
fn geser<const N: usize>(values: &mut [Option<Nilai>; N]) {
    values.rotate_left(1);
    values[N - 1] = None;
}

fn geser_evaluasi(
    ind: &mut IndikatorEvaluasi,
    target_n1: Option<Nilai>,
    path: &str,
    n: i32,
    isi: &mut impl FnMut(String, String),
) {
    let old_realisasi_n2 = ind.realisasi_n2.take();
    ind.realisasi_sd_n3 = if ind.is_kumulatif() {
        match (ind.realisasi_sd_n3.take(), old_realisasi_n2) {
            (Some(a), Some(b)) => Some(Nilai { angka: a.angka.saturating_add(b.angka), satuan: a.satuan }),
            (a, b) => a.or(b),
        }
    } else {
        old_realisasi_n2.or(ind.realisasi_sd_n3.take())
    };
    ind.target_n2 = ind.target_n1.take();
    isi(format!("{path}.realisasi_n2"), format!("realisasi Tahun {}", n - 2));
    match target_n1 {
        Some(target) => ind.target_n1 = Some(target),
        None => isi(format!("{path}.target_n1"), format!("target Tahun {} (tidak ada di rencana lama)", n - 1)),
    }
    if ind.target_renstra.as_ref().is_some_and(|t| t.angka == Decimal::ZERO) {
        isi(format!("{path}.target_renstra"), "target akhir Renstra".into());
    }
}
