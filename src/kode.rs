//! Permendagri 90/2019 code shapes: the level of a node, the width of each segment, the
//! bidang that replaces a shared program's `X.XX`, and a code as printed.

use crate::plan::{Plan, Tingkat};

impl Tingkat {
    /// Digits of each segment: `X.XX.XX.N.NN.NNNN`.
    fn widths(self, tahun: i32) -> &'static [usize] {
        match self {
            Tingkat::Program => &[1, 2, 2],
            Tingkat::Kegiatan => &[1, 2, 2, 1, 2],
            Tingkat::SubKegiatan if tahun >= 2024 => &[1, 2, 2, 1, 2, 4],
            Tingkat::SubKegiatan => &[1, 2, 2, 1, 2, 2],
        }
    }

    /// The shape as written in the rules, e.g. "X.XX.XX.N.NN.NNNN".
    pub fn shape(self, tahun: i32) -> String {
        self.widths(tahun)
            .iter()
            .enumerate()
            .map(|(i, &w)| if i < 3 { "X".repeat(w) } else { "N".repeat(w) })
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// Why a 90/2019 code is wrong, and the code it should be when that can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KodeSalah {
    pub perbaikan: Option<String>,
}

/// Checks a 90/2019 code against its level's shape. A shared program's `X.XX` is accepted.
/// Segments that are numbers of the wrong width are corrected by padding (or trimming leading
/// zeros); a wrong number of segments or letters cannot be corrected.
pub fn periksa_kode(kode: &str, tingkat: Tingkat, tahun: i32) -> Result<(), KodeSalah> {
    let widths = tingkat.widths(tahun);
    let parts: Vec<&str> = kode.trim().split('.').collect();
    if parts.len() != widths.len() {
        return Err(KodeSalah { perbaikan: None });
    }
    let shared = parts[0] == "X" && parts[1] == "XX";
    let mut fixed = Vec::with_capacity(parts.len());
    let mut ok = true;
    for (i, (part, &w)) in parts.iter().zip(widths).enumerate() {
        if shared && i < 2 {
            fixed.push((*part).to_owned());
            continue;
        }
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KodeSalah { perbaikan: None });
        }
        if part.len() != w {
            ok = false;
            let digits = part.trim_start_matches('0');
            if digits.len() > w {
                return Err(KodeSalah { perbaikan: None });
            }
            fixed.push(format!("{digits:0>w$}"));
        } else {
            fixed.push((*part).to_owned());
        }
    }
    if ok { Ok(()) } else { Err(KodeSalah { perbaikan: Some(fixed.join(".")) }) }
}

/// The bidang urusan (`5.01`) that replaces a shared program's `X.XX`: `identitas.kode_bidang`,
/// else the first urusan heading written as `N.NN`.
pub fn kode_bidang(plan: &Plan) -> Option<String> {
    plan.identitas
        .kode_bidang
        .clone()
        .or_else(|| plan.rencana.urusan.iter().map(|u| u.kode.trim()).find(|k| periksa_bidang(k)).map(str::to_owned))
}

/// A bidang urusan code: `X.XX`.
pub fn periksa_bidang(kode: &str) -> bool {
    matches!(kode.split_once('.'), Some((u, b)) if u.len() == 1 && b.len() == 2
        && u.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit()))
}

/// A code as printed: `X.XX` replaced by the Perangkat Daerah's own bidang.
pub fn kode_cetak(kode: &str, bidang: Option<&str>) -> String {
    match (kode.trim().strip_prefix("X.XX."), bidang) {
        (Some(rest), Some(bidang)) => format!("{bidang}.{rest}"),
        _ => kode.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_checked_and_corrected_by_era() {
        assert_eq!(periksa_kode("1.02.02.2.01.0001", Tingkat::SubKegiatan, 2027), Ok(()));
        assert_eq!(
            periksa_kode("1.02.02.2.01.1", Tingkat::SubKegiatan, 2027),
            Err(KodeSalah { perbaikan: Some("1.02.02.2.01.0001".into()) })
        );
        assert_eq!(periksa_kode("1.02.02.2.01.01", Tingkat::SubKegiatan, 2023), Ok(()));
        assert_eq!(
            periksa_kode("1.02.02.2.01.0001", Tingkat::SubKegiatan, 2023),
            Err(KodeSalah { perbaikan: Some("1.02.02.2.01.01".into()) })
        );
        assert_eq!(periksa_kode("X.XX.01", Tingkat::Program, 2027), Ok(()));
        assert_eq!(periksa_kode("1.2.2", Tingkat::Program, 2027), Err(KodeSalah { perbaikan: Some("1.02.02".into()) }));
        assert_eq!(periksa_kode("1.02.02.2", Tingkat::Kegiatan, 2027), Err(KodeSalah { perbaikan: None }));
        assert_eq!(periksa_kode("1.02.0a.2.01", Tingkat::Kegiatan, 2027), Err(KodeSalah { perbaikan: None }));
        assert_eq!(Tingkat::SubKegiatan.shape(2027), "X.XX.XX.N.NN.NNNN");
    }

    #[test]
    fn shared_codes_take_the_bidang() {
        assert_eq!(kode_cetak("X.XX.01.2.01.0001", Some("1.02")), "1.02.01.2.01.0001");
        assert_eq!(kode_cetak("1.02.02", Some("1.02")), "1.02.02");
        assert_eq!(kode_cetak("X.XX.01", None), "X.XX.01");
        assert!(periksa_bidang("5.01") && !periksa_bidang("5") && !periksa_bidang("5.01.02"));
    }
}
