//! Indonesian number formatting: `1.073.384.000`, `94%`, `93,6%`, `1.215 Buah`, and terbilang
//! (amounts in words).

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimals beyond this many are float noise (a spreadsheet's 86.66666666666667), not what a
/// planner meant: such a value prints rounded to this many, and `check` warns.
pub const DESIMAL_MAKS: u32 = 4;

/// Groups thousands with '.' and uses ',' as the decimal separator: 1073384000 → "1.073.384.000",
/// 80.5 → "80,5". A value keeps the decimals the plan wrote ("80.50" prints "80,50"), up to
/// [`DESIMAL_MAKS`]; beyond that it is rounded half-up and its trailing zeros dropped.
pub fn angka(value: Decimal) -> String {
    let normalized = if value.scale() > DESIMAL_MAKS { bulatkan(value, DESIMAL_MAKS).normalize() } else { value };
    let text = normalized.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    if normalized.is_sign_negative() && !normalized.is_zero() {
        out.push('-');
    }
    group_thousands(int, &mut out);
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

fn group_thousands(digits: &str, out: &mut String) {
    let first = digits.len() % 3;
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (i + 3 - first).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
}

/// Rounds half away from zero ("half-up" as taught in school and used by Excel's ROUND).
pub fn bulatkan(value: Decimal, desimal: u32) -> Decimal {
    value.round_dp_with_strategy(desimal, RoundingStrategy::MidpointAwayFromZero)
}

/// A rate already in percent (94.117…) rounded half-up to `desimal` places: "94%", "93,6%".
/// The number of decimals is fixed so a column of rates lines up.
pub fn persen(value: Decimal, desimal: u32) -> String {
    let rounded = bulatkan(value, desimal);
    let mut text = angka_tetap(rounded, desimal);
    text.push('%');
    text
}

/// Like [`angka`] but always with exactly `desimal` decimals.
fn angka_tetap(value: Decimal, desimal: u32) -> String {
    let mut fixed = value;
    fixed.rescale(desimal);
    let text = fixed.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if fixed.is_sign_negative() && !fixed.is_zero() {
        out.push('-');
    }
    group_thousands(int, &mut out);
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A value with its unit: "1.215 Buah"; a percentage unit sticks to the number: "100%".
pub fn nilai(value: Decimal, satuan: &str) -> String {
    let satuan = satuan.trim();
    match satuan {
        "" => angka(value),
        "%" => format!("{}%", angka(value)),
        _ => format!("{} {}", angka(value), satuan),
    }
}

/// Rupiah amounts are printed like any number: "1.073.384.000".
pub fn rupiah(value: Decimal) -> String {
    angka(value)
}

/// Reads back what [`angka`] writes ("1.073.384.000", "-80,5"). None for anything else.
pub fn parse_angka(text: &str) -> Option<Decimal> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (int, frac) = match body.split_once(',') {
        Some((int, frac)) if !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) => (int, Some(frac)),
        Some(_) => return None,
        None => (body, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let well_grouped = !groups[0].is_empty()
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !well_grouped || (groups[0].len() > 1 && groups[0].starts_with('0')) {
        return None;
    }
    let mut plain = String::with_capacity(text.len());
    if negative {
        plain.push('-');
    }
    plain.extend(groups);
    if let Some(frac) = frac {
        plain.push('.');
        plain.push_str(frac);
    }
    Decimal::from_str_exact(&plain).ok()
}

const SATUAN: [&str; 12] =
    ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"];

/// Scale words for each power of a thousand, from 10^3 up.
const SKALA: [&str; 5] = ["ribu", "juta", "miliar", "triliun", "kuadriliun"];

/// An amount in Indonesian words: 1073384000 → "satu miliar tujuh puluh tiga juta tiga ratus
/// delapan puluh empat ribu". Fractions are read digit by digit after "koma". None when the
/// integer part has no name (10^18 and above).
pub fn terbilang(value: Decimal) -> Option<String> {
    let value = value.normalize();
    let mut words = Vec::new();
    if value.is_sign_negative() && !value.is_zero() {
        words.push("minus".to_owned());
    }
    let abs = value.abs();
    let int = abs.trunc();
    let int: u128 = int.to_string().parse().ok()?;
    if int >= 1_000_000_000_000_000_000 {
        return None;
    }
    if int == 0 {
        words.push("nol".to_owned());
    } else {
        words.push(bulat(int));
    }
    let frac = abs.fract();
    if !frac.is_zero() {
        words.push("koma".to_owned());
        let digits = frac.to_string();
        for d in digits.trim_start_matches("0.").bytes() {
            words.push(SATUAN[usize::from(d - b'0')].to_owned());
        }
    }
    Some(words.join(" "))
}

/// A count in words for prose: 4 → "empat", 17 → "tujuh belas".
pub fn terbilang_bulat(n: u64) -> String {
    if n == 0 { "nol".to_owned() } else { bulat(u128::from(n)) }
}

fn bulat(n: u128) -> String {
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push((rest % 1000) as u16);
        rest /= 1000;
    }
    let mut parts = Vec::new();
    for (scale, &group) in groups.iter().enumerate().rev() {
        if group == 0 {
            continue;
        }
        if scale == 1 && group == 1 {
            parts.push("seribu".to_owned());
            continue;
        }
        parts.push(ratusan(group));
        if scale > 0 {
            parts.push(SKALA[scale - 1].to_owned());
        }
    }
    parts.join(" ")
}

fn ratusan(n: u16) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut parts = Vec::new();
    match hundreds {
        0 => {}
        1 => parts.push("seratus".to_owned()),
        h => parts.push(format!("{} ratus", SATUAN[usize::from(h)])),
    }
    match rest {
        0 => {}
        1..=11 => parts.push(SATUAN[usize::from(rest)].to_owned()),
        12..=19 => parts.push(format!("{} belas", SATUAN[usize::from(rest - 10)])),
        _ => {
            parts.push(format!("{} puluh", SATUAN[usize::from(rest / 10)]));
            if rest % 10 > 0 {
                parts.push(SATUAN[usize::from(rest % 10)].to_owned());
            }
        }
    }
    parts.join(" ")
}

/// Roman numerals for program rows (I, II, III, IV…).
pub fn romawi(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// The Indonesian month names, January first.
pub const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// A date as the document prints it ("2 Desember 2026").
pub fn tanggal(tahun: i32, bulan: u8, hari: u8) -> String {
    let nama = BULAN.get(usize::from(bulan).wrapping_sub(1)).copied().unwrap_or("?");
    format!("{hari} {nama} {tahun}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    #[test]
    fn groups_thousands_the_indonesian_way() {
        assert_eq!(angka(d("1073384000")), "1.073.384.000");
        assert_eq!(angka(d("1435410925")), "1.435.410.925");
        assert_eq!(angka(d("999")), "999");
        assert_eq!(angka(d("1000")), "1.000");
        assert_eq!(angka(d("0")), "0");
        assert_eq!(angka(d("80.5")), "80,5");
        // The decimals the plan wrote, up to DESIMAL_MAKS; float noise beyond is rounded away.
        assert_eq!(angka(d("80.50")), "80,50");
        assert_eq!(angka(d("86.66666666666667")), "86,6667");
        assert_eq!(angka(d("0.30000000000000004")), "0,3");
        assert_eq!(angka(d("-1215")), "-1.215");
        assert_eq!(angka(d("1000000000000000")), "1.000.000.000.000.000");
    }

    #[test]
    fn percentages_round_half_up() {
        assert_eq!(persen(d("94.1176"), 0), "94%");
        assert_eq!(persen(d("137.5"), 0), "138%");
        assert_eq!(persen(d("0.5"), 0), "1%");
        assert_eq!(persen(d("2.5"), 0), "3%");
        assert_eq!(persen(d("-2.5"), 0), "-3%");
        assert_eq!(persen(d("93.55"), 1), "93,6%");
        assert_eq!(persen(d("93.549"), 1), "93,5%");
        assert_eq!(persen(d("100"), 1), "100,0%");
        assert_eq!(persen(d("0"), 0), "0%");
        assert_eq!(persen(d("1234.5"), 0), "1.235%");
    }

    #[test]
    fn values_carry_their_unit() {
        assert_eq!(nilai(d("1215"), "Buah"), "1.215 Buah");
        assert_eq!(nilai(d("100"), "%"), "100%");
        assert_eq!(nilai(d("27840"), " HOK "), "27.840 HOK");
        assert_eq!(nilai(d("12"), ""), "12");
    }

    #[test]
    fn terbilang_reads_amounts() {
        assert_eq!(
            terbilang(d("1073384000")).unwrap(),
            "satu miliar tujuh puluh tiga juta tiga ratus delapan puluh empat ribu"
        );
        assert_eq!(
            terbilang(d("1435410925")).unwrap(),
            "satu miliar empat ratus tiga puluh lima juta empat ratus sepuluh ribu sembilan ratus dua puluh lima"
        );
        assert_eq!(terbilang(d("0")).unwrap(), "nol");
        assert_eq!(terbilang(d("1000")).unwrap(), "seribu");
        assert_eq!(terbilang(d("1100")).unwrap(), "seribu seratus");
        assert_eq!(terbilang(d("11")).unwrap(), "sebelas");
        assert_eq!(terbilang(d("19")).unwrap(), "sembilan belas");
        assert_eq!(terbilang(d("1000000")).unwrap(), "satu juta");
        assert_eq!(terbilang(d("1001000")).unwrap(), "satu juta seribu");
        assert_eq!(terbilang(d("1000000000000000")).unwrap(), "satu kuadriliun");
        assert_eq!(terbilang(d("-12.5")).unwrap(), "minus dua belas koma lima");
        assert_eq!(terbilang(d("1000000000000000000")), None);
        assert_eq!(terbilang_bulat(17), "tujuh belas");
        assert_eq!(terbilang_bulat(4), "empat");
    }

    #[test]
    fn parse_reads_back_what_format_writes() {
        for text in ["1.073.384.000", "0", "-80,5", "999", "1.000"] {
            assert_eq!(angka(parse_angka(text).unwrap()), text);
        }
        for bad in ["1,2,3", "1.07", "01", "", "1.000,", "80 %", "1.0000"] {
            assert_eq!(parse_angka(bad), None, "{bad}");
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(romawi(1), "I");
        assert_eq!(romawi(4), "IV");
        assert_eq!(romawi(9), "IX");
        assert_eq!(romawi(14), "XIV");
    }
}
