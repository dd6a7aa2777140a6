//! Every derived figure of a Renja, computed exactly with [`Decimal`].
//!
//! Nothing here fails: a ratio without a usable denominator is [`Rasio::TakTerdefinisi`] (shown
//! as "-" and reported by `check`), never 0% or 100%. Sums saturate instead of overflowing;
//! `check` rejects amounts large enough to get there.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::plan::{IndikatorEvaluasi, Kegiatan, Nilai, Plan, Polaritas, Program, TingkatInduk};

/// A rate in percent, unrounded (rounding happens only when it is printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "persen", rename_all = "snake_case")]
pub enum Rasio {
    Nilai(Decimal),
    /// A zero or missing denominator (or numerator): printed "-", reported by `check`.
    TakTerdefinisi,
    /// The column does not apply to this row (column 11 of a non-cumulative indicator).
    TidakBerlaku,
}

impl Rasio {
    pub fn nilai(self) -> Option<Decimal> {
        match self {
            Rasio::Nilai(value) => Some(value),
            _ => None,
        }
    }

    /// `numerator / denominator × 100`, or undefined.
    pub fn of(numerator: Option<Decimal>, denominator: Option<Decimal>) -> Rasio {
        let (Some(n), Some(d)) = (numerator, denominator) else { return Rasio::TakTerdefinisi };
        if d.is_zero() {
            return Rasio::TakTerdefinisi;
        }
        n.checked_div(d).and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED)).map_or(Rasio::TakTerdefinisi, Rasio::Nilai)
    }

    /// A performance rate honouring polarity: realisation over target when higher is better,
    /// target over realisation when lower is better.
    pub fn kinerja(realisasi: Option<Decimal>, target: Option<Decimal>, polaritas: Polaritas) -> Rasio {
        match polaritas {
            Polaritas::Positif => Rasio::of(realisasi, target),
            Polaritas::Negatif => Rasio::of(target, realisasi),
        }
    }
}

/// The predikat band of a rate, after the Permendagri 86/2017 evaluation scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Predikat {
    SangatRendah,
    Rendah,
    Sedang,
    Tinggi,
    SangatTinggi,
}

impl Predikat {
    pub fn of(persen: Decimal) -> Predikat {
        if persen <= Decimal::from(50) {
            Predikat::SangatRendah
        } else if persen <= Decimal::from(65) {
            Predikat::Rendah
        } else if persen <= Decimal::from(75) {
            Predikat::Sedang
        } else if persen <= Decimal::from(90) {
            Predikat::Tinggi
        } else {
            Predikat::SangatTinggi
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Predikat::SangatRendah => "Sangat Rendah",
            Predikat::Rendah => "Rendah",
            Predikat::Sedang => "Sedang",
            Predikat::Tinggi => "Tinggi",
            Predikat::SangatTinggi => "Sangat Tinggi",
        }
    }
}

/// Columns 8, 10 and 11 of one Tabel 2.1 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BarisEvaluasi {
    /// Column 8: tingkat realisasi of n-2.
    pub tingkat_realisasi: Rasio,
    pub predikat: Option<Predikat>,
    /// Column 10: realisation up to n-1 (5+7+9, or the latest value of a level indicator).
    pub realisasi_sd_n1: Option<Decimal>,
    /// Column 11: tingkat capaian of the Renstra target (10/4).
    pub capaian_renstra: Rasio,
}

/// The figures of one program of Tabel 2.1, as a tree that mirrors `evaluasi`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HitunganEvaluasi {
    pub program: BarisEvaluasi,
    pub kegiatan: Vec<HitunganKegiatanEvaluasi>,
    /// Kegiatan (indices) left out of the program's mean because their column 8 is undefined,
    /// most often for want of a realisasi n-2; Tabel 2.1 says so under the table.
    pub di_luar_rata_rata: Vec<usize>,
    /// The same for sub-kegiatan left out of their kegiatan's mean: (kegiatan, sub-kegiatan).
    pub sub_di_luar_rata_rata: Vec<(usize, usize)>,
}

/// The figures of one kegiatan row of Tabel 2.1 and of its sub-kegiatan rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HitunganKegiatanEvaluasi {
    pub baris: BarisEvaluasi,
    pub sub_kegiatan: Vec<BarisEvaluasi>,
}

/// The pagu of one program, each a sum over its kegiatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PaguProgram {
    /// Tabel 3.1 and 4.1, year n.
    pub pagu: Decimal,
    /// Tabel 3.1, prakiraan maju n+1; None when no kegiatan states one.
    pub pagu_maju: Option<Decimal>,
    /// Tabel 2.3 left: Rancangan Awal RKPD.
    /// None when no kegiatan states one: the total then prints "-", not 0.
    pub pagu_rkpd: Option<Decimal>,
    /// Tabel 2.3 right: hasil analisis kebutuhan.
    pub pagu_analisis: Decimal,
}

/// The pagu of one kegiatan: its own, or the sum over its sub-kegiatan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PaguKegiatan {
    pub pagu: Decimal,
    /// None when neither the kegiatan nor any of its sub-kegiatan states one.
    pub pagu_maju: Option<Decimal>,
}

/// The figures of one program of `rencana`: its totals, and each of its kegiatan's pagu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HitunganProgram {
    pub pagu: PaguProgram,
    pub kegiatan: Vec<PaguKegiatan>,
}

/// The totals of one urusan or bidang heading, and which programs (indices) they add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HitunganUrusan {
    pub program: Vec<usize>,
    pub pagu: Decimal,
    /// None when no program under it states one.
    pub pagu_maju: Option<Decimal>,
}

/// Every derived figure of a plan, as a tree that mirrors it: `program[i].kegiatan[j]` is the
/// kegiatan at `$.rencana.program[i].kegiatan[j]`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Computed {
    pub evaluasi: Vec<HitunganEvaluasi>,
    pub program: Vec<HitunganProgram>,
    /// Per urusan heading of `rencana.urusan`, in its order: the totals of the programs under it
    /// (by printed code), which the SIPD-RI Tabel 4.1 prints on the heading.
    pub urusan: Vec<HitunganUrusan>,
    pub jumlah_sub_kegiatan: usize,
    /// JUMLAH of each pagu column.
    pub jumlah: PaguProgram,
    pub jumlah_program: usize,
    pub jumlah_kegiatan: usize,
    pub jumlah_program_evaluasi: usize,
    pub jumlah_kegiatan_evaluasi: usize,
}

impl Computed {
    /// "4 program, 17 kegiatan", with ", 53 sub kegiatan" when the plan has any: the counts
    /// every command's summary line states.
    pub fn jumlah_tingkat(&self) -> String {
        let mut text = format!("{} program, {} kegiatan", self.jumlah_program, self.jumlah_kegiatan);
        if self.jumlah_sub_kegiatan > 0 {
            text.push_str(&format!(", {} sub kegiatan", self.jumlah_sub_kegiatan));
        }
        text
    }
}

/// Computes every derived figure of a plan.
pub fn compute(plan: &Plan) -> Computed {
    let evaluasi = plan.evaluasi.program.iter().map(|p| evaluate_program(p, plan.pengaturan.tingkat_induk)).collect();
    let program: Vec<HitunganProgram> = plan
        .rencana
        .program
        .iter()
        .map(|p| {
            let kegiatan: Vec<PaguKegiatan> = p.kegiatan.iter().map(pagu_kegiatan).collect();
            HitunganProgram { pagu: pagu_program(p, &kegiatan), kegiatan }
        })
        .collect();
    let jumlah = PaguProgram {
        pagu: sum(program.iter().map(|p| p.pagu.pagu)),
        pagu_maju: sum_present(program.iter().map(|p| p.pagu.pagu_maju)),
        pagu_rkpd: sum_present(program.iter().map(|p| p.pagu.pagu_rkpd)),
        pagu_analisis: sum(program.iter().map(|p| p.pagu.pagu_analisis)),
    };
    Computed {
        evaluasi,
        urusan: hitung_urusan(plan, &program),
        program,
        jumlah_sub_kegiatan: plan.rencana.program.iter().flat_map(|p| &p.kegiatan).map(|k| k.sub_kegiatan.len()).sum(),
        jumlah,
        jumlah_program: plan.rencana.program.len(),
        jumlah_kegiatan: plan.rencana.program.iter().map(|p| p.kegiatan.len()).sum(),
        jumlah_program_evaluasi: plan.evaluasi.program.len(),
        jumlah_kegiatan_evaluasi: plan.evaluasi.program.iter().map(|p| p.kegiatan.len()).sum(),
    }
}

/// Each urusan heading's totals over the programs whose printed code lies under its code.
fn hitung_urusan(plan: &Plan, program: &[HitunganProgram]) -> Vec<HitunganUrusan> {
    let bidang = crate::kode::kode_bidang(plan);
    let kode: Vec<String> =
        plan.rencana.program.iter().map(|p| crate::kode::kode_cetak(&p.kode, bidang.as_deref())).collect();
    plan.rencana
        .urusan
        .iter()
        .map(|u| {
            let under: Vec<usize> = (0..kode.len())
                .filter(|&i| kode[i].strip_prefix(u.kode.as_str()).is_some_and(|rest| rest.starts_with('.')))
                .collect();
            HitunganUrusan {
                pagu: sum(under.iter().map(|&i| program[i].pagu.pagu)),
                pagu_maju: sum_present(under.iter().map(|&i| program[i].pagu.pagu_maju)),
                program: under,
            }
        })
        .collect()
}

fn angka(nilai: &Option<Nilai>) -> Option<Decimal> {
    nilai.as_ref().map(|n| n.angka)
}

/// Columns 8, 10, 11 of a kegiatan, or of a program from its own indicator.
pub fn evaluate(indikator: &IndikatorEvaluasi) -> BarisEvaluasi {
    let tingkat_realisasi =
        Rasio::kinerja(angka(&indikator.realisasi_n2), angka(&indikator.target_n2), indikator.polaritas);
    let (realisasi_sd_n1, capaian_renstra) = if indikator.is_kumulatif() {
        // A missing year adds nothing (printed "-" in its own column); all missing means none.
        let parts = [&indikator.realisasi_sd_n3, &indikator.realisasi_n2, &indikator.target_n1];
        let total = sum_present(parts.iter().map(|n| angka(n)));
        (total, Rasio::kinerja(total, angka(&indikator.target_renstra), indikator.polaritas))
    } else {
        // A level (a percentage, a prevalence): the latest known value stands for the period.
        let latest =
            angka(&indikator.target_n1).or(angka(&indikator.realisasi_n2)).or(angka(&indikator.realisasi_sd_n3));
        (latest, Rasio::TidakBerlaku)
    };
    BarisEvaluasi {
        tingkat_realisasi,
        predikat: tingkat_realisasi.nilai().map(Predikat::of),
        realisasi_sd_n1,
        capaian_renstra,
    }
}

fn evaluate_program(program: &crate::plan::ProgramEvaluasi, aturan: TingkatInduk) -> HitunganEvaluasi {
    let mut sub_di_luar_rata_rata = Vec::new();
    let kegiatan: Vec<HitunganKegiatanEvaluasi> = program
        .kegiatan
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let sub_kegiatan: Vec<BarisEvaluasi> = k.sub_kegiatan.iter().map(|s| evaluate(&s.indikator)).collect();
            let mut baris = evaluate(&k.indikator);
            if !sub_kegiatan.is_empty() && aturan == TingkatInduk::RataRataAnak {
                sub_di_luar_rata_rata.extend(tidak_terdefinisi(&sub_kegiatan).into_iter().map(|j| (i, j)));
                rata_rata_anak(&mut baris, &sub_kegiatan);
            }
            HitunganKegiatanEvaluasi { baris, sub_kegiatan }
        })
        .collect();
    let mut row = evaluate(&program.indikator);
    let di_luar_rata_rata = match aturan {
        TingkatInduk::RataRataAnak => {
            let rows: Vec<BarisEvaluasi> = kegiatan.iter().map(|k| k.baris).collect();
            rata_rata_anak(&mut row, &rows);
            tidak_terdefinisi(&rows)
        }
        TingkatInduk::IndikatorSendiri => Vec::new(),
    };
    HitunganEvaluasi { program: row, kegiatan, di_luar_rata_rata, sub_di_luar_rata_rata }
}

/// A parent's tingkat realisasi as the mean of its children's rates (those that are defined).
fn rata_rata_anak(row: &mut BarisEvaluasi, anak: &[BarisEvaluasi]) {
    let rates: Vec<Decimal> = anak.iter().filter_map(|k| k.tingkat_realisasi.nilai()).collect();
    row.tingkat_realisasi = if rates.is_empty() {
        Rasio::TakTerdefinisi
    } else {
        sum(rates.iter().copied()).checked_div(Decimal::from(rates.len())).map_or(Rasio::TakTerdefinisi, Rasio::Nilai)
    };
    row.predikat = row.tingkat_realisasi.nilai().map(Predikat::of);
}

/// The children (indices) a mean leaves out: their column 8 is undefined.
fn tidak_terdefinisi(anak: &[BarisEvaluasi]) -> Vec<usize> {
    anak.iter().enumerate().filter(|(_, k)| k.tingkat_realisasi.nilai().is_none()).map(|(i, _)| i).collect()
}

/// A kegiatan's pagu: the sum over its sub-kegiatan when it has them, else its own (a missing
/// pagu adds nothing here; `check` reports it).
pub fn pagu_kegiatan(kegiatan: &Kegiatan) -> PaguKegiatan {
    if kegiatan.sub_kegiatan.is_empty() {
        PaguKegiatan { pagu: kegiatan.pagu.map_or(Decimal::ZERO, |p| p.0), pagu_maju: kegiatan.pagu_maju.map(|p| p.0) }
    } else {
        PaguKegiatan {
            pagu: sum(kegiatan.sub_kegiatan.iter().filter_map(|s| s.pagu).map(|p| p.0)),
            pagu_maju: sum_present(kegiatan.sub_kegiatan.iter().map(|s| s.pagu_maju.map(|p| p.0))),
        }
    }
}

fn pagu_program(program: &Program, kegiatan: &[PaguKegiatan]) -> PaguProgram {
    PaguProgram {
        pagu: sum(kegiatan.iter().map(|k| k.pagu)),
        pagu_maju: sum_present(kegiatan.iter().map(|k| k.pagu_maju)),
        pagu_rkpd: sum_present(program.kegiatan.iter().map(|k| k.rkpd.as_ref().map(|r| r.pagu.0))),
        pagu_analisis: sum(program.kegiatan.iter().zip(kegiatan).map(|(k, p)| pagu_analisis(k, p.pagu))),
    }
}

/// The pagu Tabel 2.3 shows as the needs analysis of a kegiatan whose plan pagu is `pagu`.
pub fn pagu_analisis(kegiatan: &Kegiatan, pagu: Decimal) -> Decimal {
    kegiatan.hasil_analisis.as_ref().and_then(|h| h.pagu).map_or(pagu, |p| p.0)
}

/// The target Tabel 2.3 shows as the needs analysis of a kegiatan.
pub fn target_analisis(kegiatan: &Kegiatan) -> Option<&Nilai> {
    kegiatan.hasil_analisis.as_ref().and_then(|h| h.target.as_ref()).or(kegiatan.indikator_utama().target.as_ref())
}

fn sum(values: impl Iterator<Item = Decimal>) -> Decimal {
    values.fold(Decimal::ZERO, Decimal::saturating_add)
}

/// The sum of the values present, or None when none is.
fn sum_present(values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    values.flatten().fold(None, |acc, v| Some(acc.unwrap_or(Decimal::ZERO).saturating_add(v)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    fn indikator(values: [Option<&str>; 5], kumulatif: bool, polaritas: Polaritas) -> IndikatorEvaluasi {
        let n = |v: Option<&str>| v.map(|t| Nilai::new(d(t)));
        IndikatorEvaluasi {
            uraian: "x".into(),
            satuan: "Buah".into(),
            kumulatif: Some(kumulatif),
            polaritas,
            target_renstra: n(values[0]),
            realisasi_sd_n3: n(values[1]),
            target_n2: n(values[2]),
            realisasi_n2: n(values[3]),
            target_n1: n(values[4]),
            keterangan: None,
        }
    }

    #[test]
    fn cumulative_row_adds_years_and_divides_by_renstra() {
        let row = evaluate(&indikator(
            [Some("7875"), Some("1215"), Some("1275"), Some("1200"), Some("1300")],
            true,
            Polaritas::Positif,
        ));
        assert_eq!(row.realisasi_sd_n1, Some(d("3715")));
        assert_eq!(crate::format::persen(row.tingkat_realisasi.nilai().unwrap(), 0), "94%");
        assert_eq!(crate::format::persen(row.capaian_renstra.nilai().unwrap(), 0), "47%");
        assert_eq!(row.predikat, Some(Predikat::SangatTinggi));
    }

    #[test]
    fn missing_year_adds_nothing_but_zero_target_is_undefined() {
        let row = evaluate(&indikator([Some("5"), None, Some("2"), Some("2"), Some("2")], true, Polaritas::Positif));
        assert_eq!(row.realisasi_sd_n1, Some(d("4")));
        let row = evaluate(&indikator([Some("0"), None, Some("0"), Some("2"), None], true, Polaritas::Positif));
        assert_eq!(row.tingkat_realisasi, Rasio::TakTerdefinisi);
        assert_eq!(row.capaian_renstra, Rasio::TakTerdefinisi);
        assert_eq!(row.predikat, None);
    }

    #[test]
    fn negative_polarity_inverts_the_ratio() {
        // Stunting: target 20%, realised 16% is better than target: 20/16 = 125%.
        let row =
            evaluate(&indikator([Some("14"), None, Some("20"), Some("16"), Some("18")], false, Polaritas::Negatif));
        assert_eq!(row.tingkat_realisasi, Rasio::Nilai(d("125")));
        assert_eq!(row.realisasi_sd_n1, Some(d("18")));
        assert_eq!(row.capaian_renstra, Rasio::TidakBerlaku);
        let row = evaluate(&indikator([Some("14"), None, Some("20"), Some("0"), None], false, Polaritas::Negatif));
        assert_eq!(row.tingkat_realisasi, Rasio::TakTerdefinisi);
    }

    #[test]
    fn predikat_bands_have_inclusive_upper_bounds() {
        assert_eq!(Predikat::of(d("50")), Predikat::SangatRendah);
        assert_eq!(Predikat::of(d("50.01")), Predikat::Rendah);
        assert_eq!(Predikat::of(d("65")), Predikat::Rendah);
        assert_eq!(Predikat::of(d("75")), Predikat::Sedang);
        assert_eq!(Predikat::of(d("90")), Predikat::Tinggi);
        assert_eq!(Predikat::of(d("90.0001")), Predikat::SangatTinggi);
    }

    #[test]
    fn huge_ratios_do_not_panic() {
        assert_eq!(Rasio::of(Some(Decimal::MAX), Some(d("0.0000001"))), Rasio::TakTerdefinisi);
    }
}
