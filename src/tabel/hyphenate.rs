//! Where an Indonesian word may be hyphenated, by the syllable rules of PUEBI (Pedoman Umum
//! Ejaan Bahasa Indonesia): Typst's hyphenation has no Indonesian patterns, and the 17 columns
//! of the SIPD-RI table at 8 pt leave some columns narrower than a long word
//! ("Penyelenggaraan"). The table's Typst projection carries each long word's hyphenated form,
//! which the template puts in only where the word is wider than its column; the model, the
//! exports and every word that fits keep the plain text.

/// A soft hyphen: invisible unless a line breaks there, then printed as "-".
pub const TANDA_PENGGAL: char = '\u{ad}';

/// Letters kept together at a word's start and end, as TeX's `lefthyphenmin`/`righthyphenmin`.
const MIN_AWAL: usize = 2;
const MIN_AKHIR: usize = 3;
/// Shorter words are never hyphenated.
const MIN_KATA: usize = 7;

/// `teks` with a soft hyphen at every syllable break of each long, plain word. Words with
/// digits, capitals after the first letter (acronyms, codes) or other signs stay whole.
pub fn sisipkan(teks: &str) -> String {
    let mut out = String::with_capacity(teks.len() + teks.len() / 4);
    let mut kata = String::new();
    for c in teks.chars() {
        if c.is_alphabetic() {
            kata.push(c);
        } else {
            out.push_str(&penggal_kata(&kata));
            kata.clear();
            out.push(c);
        }
    }
    out.push_str(&penggal_kata(&kata));
    out
}

/// `teks` cut around its hyphenable words: plain text at even places, a hyphenable word at odd
/// ones, so that joined they give `teks` back. Empty when `teks` has no hyphenable word.
pub fn potong(teks: &str) -> Vec<String> {
    let mut potongan = vec![String::new()];
    let mut kata = String::new();
    let mut ada = false;
    let mut tutup_kata = |kata: &mut String, potongan: &mut Vec<String>| {
        if penggal_kata(kata).len() > kata.len() {
            potongan.push(std::mem::take(kata));
            potongan.push(String::new());
            ada = true;
        } else if let Some(polos) = potongan.last_mut() {
            polos.push_str(kata);
            kata.clear();
        }
    };
    for c in teks.chars() {
        if c.is_alphabetic() {
            kata.push(c);
        } else {
            tutup_kata(&mut kata, &mut potongan);
            if let Some(polos) = potongan.last_mut() {
                polos.push(c);
            }
        }
    }
    tutup_kata(&mut kata, &mut potongan);
    if ada { potongan } else { Vec::new() }
}

/// One word with its soft hyphens.
fn penggal_kata(kata: &str) -> String {
    let huruf: Vec<char> = kata.chars().collect();
    let polos = huruf.len() >= MIN_KATA
        && huruf.iter().all(|c| c.is_ascii_alphabetic())
        && huruf.iter().skip(1).all(|c| c.is_ascii_lowercase());
    if !polos {
        return kata.to_owned();
    }
    let titik = titik_penggal(&huruf);
    let mut out = String::with_capacity(kata.len() + titik.len() * 2);
    for (i, c) in huruf.iter().enumerate() {
        if titik.contains(&i) {
            out.push(TANDA_PENGGAL);
        }
        out.push(*c);
    }
    out
}

fn vokal(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The diphthongs of PUEBI, one syllable nucleus: "pan-tai", "ker-bau", "sur-vei", "am-boi".
fn diftong(a: char, b: char) -> bool {
    matches!((a.to_ascii_lowercase(), b.to_ascii_lowercase()), ('a', 'i') | ('a', 'u') | ('e', 'i') | ('o', 'i'))
}

/// Consonant pairs written for one sound, never split: "nga-nga", "nya-nyi", "akh-ir", "sya-rat".
fn gugus(a: char, b: char) -> bool {
    matches!((a.to_ascii_lowercase(), b.to_ascii_lowercase()), ('n', 'g') | ('n', 'y') | ('k', 'h') | ('s', 'y'))
}

/// Indices (into `huruf`) before which a syllable starts, within the word's kept ends.
fn titik_penggal(huruf: &[char]) -> Vec<usize> {
    // Sound units: a digraph is one consonant.
    let mut unit: Vec<(usize, bool)> = Vec::new(); // (start index, is a vowel)
    let mut i = 0;
    while i < huruf.len() {
        let v = vokal(huruf[i]);
        unit.push((i, v));
        i += if !v && i + 1 < huruf.len() && gugus(huruf[i], huruf[i + 1]) { 2 } else { 1 };
    }
    let mut titik = Vec::new();
    let inti: Vec<usize> = (0..unit.len()).filter(|&u| unit[u].1).collect();
    for pasangan in inti.windows(2) {
        let (a, b) = (pasangan[0], pasangan[1]);
        let konsonan = b - a - 1;
        let mulai = match konsonan {
            // Two vowels meet: a new syllable, unless they form a diphthong.
            0 => {
                if diftong(huruf[unit[a].0], huruf[unit[b].0]) {
                    continue;
                }
                unit[b].0
            }
            // V-CV: "ma-kan".
            1 => unit[a + 1].0,
            // VC-CV: "ban-tu", "leng-ga"; with three, VC-CCV: "in-fra", "ben-trok".
            _ => unit[a + 2].0,
        };
        if mulai >= MIN_AWAL && huruf.len() - mulai >= MIN_AKHIR {
            titik.push(mulai);
        }
    }
    titik
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suku(kata: &str) -> String {
        sisipkan(kata).replace(TANDA_PENGGAL, "-")
    }

    #[test]
    fn syllables_follow_puebi() {
        assert_eq!(suku("Penyelenggaraan"), "Pe-nye-leng-ga-raan");
        assert_eq!(suku("berpenghasilan"), "ber-peng-ha-si-lan");
        assert_eq!(suku("Sambungan"), "Sam-bu-ngan");
        assert_eq!(suku("diselenggarakan"), "di-se-leng-ga-ra-kan");
        assert_eq!(suku("Keuangan"), "Ke-u-a-ngan");
        assert_eq!(suku("Infrastruktur"), "In-fras-truk-tur");
        assert_eq!(suku("pantai"), "pantai"); // short
        // "ai" is one nucleus; the last break would leave two letters.
        assert_eq!(suku("perdamaian"), "per-da-maian");
        assert_eq!(suku("masyarakat"), "ma-sya-ra-kat");
        assert_eq!(suku("Pengembangan"), "Pe-ngem-ba-ngan");
    }

    #[test]
    fn ends_acronyms_and_codes_stay_whole() {
        // Two letters at least before the first break, three after the last.
        assert_eq!(suku("aparatur"), "apa-ra-tur");
        assert_eq!(suku("Kabupaten Temanggung"), "Ka-bu-pa-ten Te-mang-gung");
        assert_eq!(suku("APBD"), "APBD");
        assert_eq!(suku("BAPPERIDA"), "BAPPERIDA");
        assert_eq!(suku("1.03.01.2.01.0001"), "1.03.01.2.01.0001");
        assert_eq!(suku("e-KTP"), "e-KTP");
        // Two consonants between vowels split between them, as PUEBI's "Ap-ril".
        assert_eq!(suku("Sub Kegiatan/ Program"), "Sub Ke-gi-a-tan/ Prog-ram");
    }

    #[test]
    fn cut_pieces_join_to_the_text_and_alternate_plain_and_long_words() {
        let teks = "Jumlah dokumen perencanaan (SAKIP), 12 Dokumen";
        let potongan = potong(teks);
        assert_eq!(potongan.concat(), teks);
        assert_eq!(potongan, ["Jumlah ", "dokumen", " ", "perencanaan", " (SAKIP), 12 ", "Dokumen", ""]);
        assert!(potong("Rp 1.000 ABC").is_empty());
    }

    #[test]
    fn removing_the_marks_gives_the_text_back() {
        let teks = "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah (DAU) 4.500 Sambungan Rumah";
        assert_eq!(sisipkan(teks).replace(TANDA_PENGGAL, ""), teks);
    }
}
