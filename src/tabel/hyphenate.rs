//! Where an Indonesian word may be broken at a line's end, as KBBI and PUEBI (Pedoman Umum Ejaan
//! Bahasa Indonesia) break it: the 17 columns of the SIPD-RI table at 8 pt can leave a column
//! narrower than a long word ("Penyelenggaraan"), and Typst knows no Indonesian.
//!
//! The rules, in order:
//! 1. **Morphemes first.** A word is read as prefixes + root + suffixes: the prefixes me-, mem-,
//!    men-, meng-, meny-, pe-, pem-, pen-, peng-, peny-, ber-, ter-, per-, di-, ke-, se- (two
//!    of them at most, "di|per|…", "ke|ber|…"), the combining forms infra-, ultra-, intra-,
//!    supra-, inter-, multi-, trans-, antar-, pasca-, pra-, swa-, the suffixes -an, -kan, -i and
//!    the particles -nya, -lah, -kah, so the confixes ke-…-an, pe(N)-…-an and per-…-an too
//!    ("ke|wenang|an", "sambung|an", "pem|bangun|an"). A reading is kept only if its root has
//!    two syllables at least and starts as an Indonesian root can; of the readings kept, the one
//!    with most affixes wins ("-an" after ke-, pe- and per-, "-kan" after the others:
//!    "ke|duduk|an", "di|laksana|kan"). Where the nasal of meng-/meny-/peng-/peny- melts into
//!    a root's first sound, KBBI breaks after the syllable the nasal opens: "penye|lenggara|an",
//!    "penge|lola|an". The loanword endings -asi, -itas and -isme mark a boundary at the
//!    syllable they start ("Infor|masi", "Kapa|sitas"). A few roots that only look suffixed
//!    ("jembatan", "kawasan") or prefixed ("persentase") are listed.
//! 2. **Then syllables, by PUEBI, within each morpheme**: V-CV ("ma-kan"), VC-CV ("ban-tu"),
//!    three consonants or more split after the first ("in-fra", "struk-tur"), two vowels apart
//!    unless a diphthong (ai, au, ei, oi); ng, ny, kh and sy are one consonant ("nga-nga",
//!    "ma-sya-ra-kat"), and a consonant followed by r or l starts its syllable together ("pro-gram",
//!    "se-kre-ta-ri-at"). So "in-fra|struk-tur", never "Infras-truktur", and "ke|we-nang|an",
//!    never "Kewena-ngan".
//! 3. **Names, acronyms, codes and units stay whole.** A capitalised word may be broken only at
//!    a morpheme boundary, and only when its reading holds a suffix, a particle or a prefix that
//!    names rarely carry (meN- and peN- with their nasal, ber-, ter-, per-, infra-, …):
//!    "Penye|lenggara|an" breaks, "Temanggung", "Kabupaten", "Ngadirejo", "Selopampang" (se-
//!    alone) and "Pemerintah" (pe- alone) do not. A place name that is itself a word with -an
//!    ("Kandangan", "Kwadungan") reads as one and may be broken there, as KBBI would break the
//!    common word. A word right after a figure and one space is its unit and is treated as a
//!    name ("12 Dokumen" whole, "4.500 Sambung|an"). Words with a capital after their first
//!    letter (PUPR, SKPD, e-KTP), with a digit or another sign (codes such as 1.03.01), or
//!    shorter than seven letters are never broken. Only a column too narrow for these rules
//!    relaxes them ([`Aturan`]).
//! 4. **Two letters at least** stay on either side of a morpheme boundary ("Sambung-/an"), and
//!    two before and three after a syllable break.
//!
//! Which point a line uses is decided where the line's width is known ([`super::width::penggal`]:
//! one point per word, a morpheme boundary preferred when it is not much worse).
//!
//! **No hyphenation crate.** Typst's own (`hypher`) has no Indonesian; the `hyphenation` crate
//! embeds TeX's `hyph-id` patterns (inhyph.tex, 1997, under the GPL-2, which this MIT/Apache
//! crate cannot embed), which are syllable patterns with a handful of ber-/ter-/-an hints: they
//! know no confix, no melted nasal and no name, so they give exactly the "Kewena-ngan" and
//! "Te-mang-gung" this module exists to avoid.

/// A soft hyphen: invisible unless a line breaks there, then printed as "-".
pub const TANDA_PENGGAL: char = '\u{ad}';

/// Which words may be broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aturan {
    /// By the rules above: capitalised words and units after a figure at morphemes only.
    Ketat,
    /// For a column narrower than [`Aturan::Ketat`] allows, where the page cannot hold the
    /// table otherwise: a unit at its syllables too ("12 Doku-/men"); names still whole.
    Longgar,
    /// The last resort, narrower still: every plain word at its syllables, names too (acronyms
    /// and codes still whole), rather than text running over the column's edge.
    Darurat,
}

/// Letters kept before the first break.
const MIN_AWAL: usize = 2;
/// Letters kept after a morpheme boundary ("an") and after a syllable break.
const MIN_AKHIR_MORFEM: usize = 2;
const MIN_AKHIR_SUKU: usize = 3;
/// Shorter words are never broken.
const MIN_KATA: usize = 7;

/// What kind of boundary a break point is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JenisTitik {
    /// Between a prefix, a root, a suffix or a particle (or where KBBI puts it for a melted
    /// nasal or a loanword ending).
    Morfem,
    /// Between two syllables of one morpheme.
    Suku,
}

/// A place where a word may be broken: before the byte `posisi` of the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Titik {
    pub posisi: usize,
    pub jenis: JenisTitik,
}

/// Where `kata` (one run of letters) may be broken, in order; empty for a word kept whole
/// (short, capitalised without an affix boundary, an acronym, non-ASCII letters).
pub fn titik(kata: &str, aturan: Aturan) -> Vec<Titik> {
    titik_di(kata, aturan, false)
}

/// [`titik`] of a word that is a unit after a figure when `satuan`: by [`Aturan::Ketat`]
/// broken only at a morpheme boundary, as a name ("4.500 Sambung-/an", "12 Dokumen" whole).
fn titik_di(kata: &str, aturan: Aturan, satuan: bool) -> Vec<Titik> {
    let b = kata.as_bytes();
    if b.len() < MIN_KATA || !b.iter().all(u8::is_ascii_alphabetic) || !b[1..].iter().all(u8::is_ascii_lowercase) {
        return Vec::new();
    }
    let kapital = match aturan {
        Aturan::Ketat => b[0].is_ascii_uppercase() || satuan,
        Aturan::Longgar => b[0].is_ascii_uppercase() && !satuan,
        Aturan::Darurat => false,
    };
    let w = kata.to_ascii_lowercase().into_bytes();
    let urai = urai(&w);
    if kapital && !urai.kuat {
        return Vec::new();
    }
    let mut batas = vec![0];
    batas.extend(&urai.batas);
    batas.push(w.len());
    let mut out: Vec<Titik> = Vec::new();
    for (i, bagian) in batas.windows(2).enumerate() {
        let (a, z) = (bagian[0], bagian[1]);
        if i > 0 {
            out.push(Titik { posisi: a, jenis: JenisTitik::Morfem });
        }
        let suku: Vec<usize> = suku(&w[a..z]).into_iter().map(|p| a + p).collect();
        let lebur = urai.lebur.filter(|&k| a <= k && k < z).and_then(|k| suku.iter().copied().find(|&p| p >= k));
        let serap = urai.serap.filter(|&s| a < s && s <= z).and_then(|s| suku.iter().copied().rfind(|&p| p <= s));
        for p in suku {
            let jenis = if Some(p) == lebur || Some(p) == serap { JenisTitik::Morfem } else { JenisTitik::Suku };
            out.push(Titik { posisi: p, jenis });
        }
    }
    out.retain(|t| {
        let akhir = if t.jenis == JenisTitik::Morfem { MIN_AKHIR_MORFEM } else { MIN_AKHIR_SUKU };
        t.posisi >= MIN_AWAL && w.len() - t.posisi >= akhir && (!kapital || t.jenis == JenisTitik::Morfem)
    });
    out
}

/// `teks` cut as narrow as `aturan` lets a column be ([`super::width`]): by [`Aturan::Ketat`]
/// each breakable word once, with a soft hyphen, where its wider piece is narrowest (a morpheme
/// boundary on a tie), so that a column at least as wide as the widest piece sets every word
/// in two pieces at most; by the other rules at every point it may be broken. Every other word
/// is left as it is.
pub fn sisipkan(teks: &str, aturan: Aturan) -> String {
    let mut out = String::with_capacity(teks.len() + teks.len() / 4);
    for p in potong(teks, aturan) {
        let n = p.teks.len();
        let titik: Vec<usize> = match aturan {
            Aturan::Ketat => p
                .titik
                .iter()
                .min_by_key(|t| ((t.posisi + 1).max(n - t.posisi), t.jenis == JenisTitik::Suku))
                .map(|t| t.posisi)
                .into_iter()
                .collect(),
            Aturan::Longgar | Aturan::Darurat => p.titik.iter().map(|t| t.posisi).collect(),
        };
        let mut awal = 0;
        for t in titik {
            out.push_str(&p.teks[awal..t]);
            out.push(TANDA_PENGGAL);
            awal = t;
        }
        out.push_str(&p.teks[awal..]);
    }
    out
}

/// A piece of a text: a breakable word with its break points, or text that is not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PotonganKata {
    pub teks: String,
    /// Empty for text that is not broken.
    pub titik: Vec<Titik>,
}

/// `teks` cut into breakable words and the text between, which joined give `teks` back. A
/// word standing right after a figure and one space is its unit ("12 Dokumen", "146,2 km").
pub fn potong(teks: &str, aturan: Aturan) -> Vec<PotonganKata> {
    let mut out: Vec<PotonganKata> = Vec::new();
    let mut tambah = |bagian: &str, titik: Vec<Titik>| match out.last_mut() {
        Some(polos) if titik.is_empty() && polos.titik.is_empty() => polos.teks.push_str(bagian),
        _ => out.push(PotonganKata { teks: bagian.to_owned(), titik }),
    };
    let mut awal = 0;
    let mut huruf: Option<bool> = None;
    let mut satuan = false;
    let mut tutup = |bagian: &str, kata: bool, satuan: bool| {
        tambah(bagian, if kata { titik_di(bagian, aturan, satuan) } else { Vec::new() });
    };
    for (i, c) in teks.char_indices() {
        let h = c.is_alphabetic();
        if let Some(x) = huruf.filter(|&x| x != h) {
            let bagian = &teks[awal..i];
            tutup(bagian, x, satuan);
            if !x {
                let mut c = bagian.chars().rev();
                satuan = matches!(c.next(), Some(' ' | '\u{a0}')) && c.next().is_some_and(|d| d.is_ascii_digit());
            }
            awal = i;
        }
        huruf = Some(h);
    }
    if let Some(x) = huruf {
        tutup(&teks[awal..], x, satuan);
    }
    out
}

// --- Reading a word: prefixes, root, suffixes ---------------------------------------------------

/// A word's reading into morphemes (over its lowercase letters).
#[derive(Debug, Default)]
struct Urai {
    /// Where a prefix ends or a suffix or particle starts: the parts between are syllabified
    /// on their own.
    batas: Vec<usize>,
    /// A prefix whose nasal melted into the root ends here: the first syllable break at or
    /// after it is a morpheme boundary ("penye|lenggara").
    lebur: Option<usize>,
    /// A loanword ending starts here: the last syllable break at or before it is a morpheme
    /// boundary ("infor|masi").
    serap: Option<usize>,
    /// Enough to break a capitalised word: a suffix, a particle or a prefix other than the
    /// short di-, ke-, se-, me-, pe-, pra-, swa-, antar-, pasca-.
    kuat: bool,
}

/// Roots ending as if suffixed ("jembat|an" would be wrong): left unread.
const BUKAN_AKHIRAN: [&str; 9] =
    ["jembatan", "kawasan", "selatan", "halaman", "pedoman", "delapan", "sembilan", "lautan", "haluan"];

fn vokal(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// One prefix found at the start of what is left of a word.
#[derive(Debug, Clone, Copy)]
struct Awalan {
    panjang: usize,
    kuat: bool,
    lebur: bool,
    /// ke-, pe(N)-, per-, se-: nouns, whose suffix is -an rather than -kan.
    nomina: bool,
    /// A second prefix (per-, ber-, ter-) may follow.
    lapis: bool,
}

/// Words that only look prefixed ("per|sentase" would be wrong): no prefix is read off them.
const BUKAN_AWALAN: [&str; 6] = ["persen", "pertama", "perkara", "permata", "pertiwi", "sekolah"];

/// The prefixes `w` may start with.
fn awalan(w: &[u8]) -> Vec<Awalan> {
    if BUKAN_AWALAN.iter().any(|b| w.starts_with(b.as_bytes())) {
        return Vec::new();
    }
    let c = |i: usize| w.get(i).copied().unwrap_or(b' ');
    let mulai = |p: &str| w.starts_with(p.as_bytes());
    let konsonan = |x: u8| x.is_ascii_lowercase() && !vokal(x);
    let mut out = Vec::new();
    let mut tambah = |panjang, kuat, lebur, nomina, lapis| out.push(Awalan { panjang, kuat, lebur, nomina, lapis });
    for (me, nomina) in [("me", false), ("pe", true)] {
        let m = me.as_bytes()[0];
        if !mulai(me) {
            continue;
        }
        match (c(2), c(3), c(4)) {
            (b'n', b'g', x) if vokal(x) => tambah(4, true, true, nomina, false),
            (b'n', b'g', b'g' | b'h' | b'k') => tambah(4, true, false, nomina, false),
            (b'n', b'y', x) if vokal(x) => tambah(4, true, true, nomina, false),
            (b'm', b'b' | b'f' | b'v' | b'p', _) => tambah(3, true, false, nomina, true),
            (b'n', b'c' | b'd' | b'j' | b't' | b'z' | b's', _) => tambah(3, true, false, nomina, false),
            (b'n', x, _) if x != b'g' && x != b'y' => tambah(2, false, false, nomina, true),
            (b'l' | b'm' | b'w' | b'y', _, _) => tambah(2, false, false, nomina, true),
            // per- before r (pe|rencana|an), me- before r (me|rasa|kan).
            (b'r', _, _) => tambah(2, m == b'p', false, nomina, true),
            _ => {}
        }
    }
    for (p, nomina) in [("ber", false), ("ter", false), ("per", true)] {
        if mulai(p) && konsonan(c(3)) && c(3) != b'r' {
            tambah(3, true, false, nomina, false);
        }
        // ber-/ter- before r: be|renang, te|rekam.
        if mulai(&p[..2]) && p != "per" && c(2) == b'r' {
            tambah(2, true, false, nomina, false);
        }
    }
    for (p, nomina) in [("di", false), ("ke", true), ("se", true)] {
        if mulai(p) {
            tambah(2, false, false, nomina, true);
        }
    }
    for p in ["infra", "ultra", "intra", "supra", "inter", "multi", "trans"] {
        if mulai(p) {
            tambah(5, true, false, false, false);
        }
    }
    for p in ["antar", "pasca", "pra", "swa"] {
        if mulai(p) {
            tambah(p.len(), false, false, false, false);
        }
    }
    out
}

/// The second prefix after di-, ke-, se-, me(m)-, pe(m)-: per-, ber-, ter- ("di|per|…",
/// "ke|ber|…", "mem|per|…", "pem|ber|…").
fn awalan_kedua(w: &[u8]) -> Option<usize> {
    let c3 = w.get(3).copied()?;
    (["per", "ber", "ter"].iter().any(|p| w.starts_with(p.as_bytes())) && !vokal(c3) && c3 != b'r').then_some(3)
}

/// The number of syllables of `w`.
fn jumlah_suku(w: &[u8]) -> usize {
    if w.iter().any(|&c| vokal(c)) { suku(w).len() + 1 } else { 0 }
}

/// Whether `w` starts as an Indonesian root can, once a prefix is taken off: a vowel, or one
/// consonant (ng, ny, kh, sy counted as one), a consonant and r or l, or s and a stop, then a
/// vowel.
fn awal_akar(w: &[u8]) -> bool {
    let v = |i: usize| w.get(i).is_some_and(|&c| vokal(c));
    let c = |i: usize| w.get(i).copied().unwrap_or(b' ');
    if v(0) {
        return true;
    }
    if w.len() >= 2 && gugus(c(0), c(1)) {
        return v(2);
    }
    v(1) || (matches!(c(1), b'r' | b'l') && v(2))
        || (c(0) == b's' && matches!(c(1), b't' | b'p' | b'k') && (v(2) || (c(2) == b'r' && v(3))))
}

/// A suffix reading: where the root ends, the boundaries of the suffix and particle, and the
/// suffix.
#[derive(Debug, Clone)]
struct Akhiran {
    akhir_akar: usize,
    batas: Vec<usize>,
    jenis: &'static str,
    serap: Option<usize>,
}

/// The suffix readings of `w`, the unsuffixed one first.
fn akhiran(w: &[u8]) -> Vec<Akhiran> {
    let mut ujung: Vec<(usize, Vec<usize>)> = vec![(w.len(), Vec::new())];
    for (p, min) in [("nya", 2), ("lah", 3), ("kah", 3)] {
        if w.ends_with(p.as_bytes()) && jumlah_suku(&w[..w.len() - 3]) >= min {
            ujung.push((w.len() - 3, vec![w.len() - 3]));
        }
    }
    let mut out = Vec::new();
    for (r, partikel) in ujung {
        let kata = &w[..r];
        let jenis_partikel = if partikel.is_empty() { "" } else { "partikel" };
        out.push(Akhiran { akhir_akar: r, batas: partikel.clone(), jenis: jenis_partikel, serap: None });
        if BUKAN_AKHIRAN.iter().any(|b| kata.ends_with(b.as_bytes())) {
            continue;
        }
        let mut tambah = |panjang: usize, jenis: &'static str| {
            let mut batas = vec![r - panjang];
            batas.extend(&partikel);
            out.push(Akhiran { akhir_akar: r - panjang, batas, jenis, serap: None });
        };
        // A root ends in a consonant other than w and y before -an and -kan ("relawan" is one word).
        let akar_akhir = |panjang: usize| kata.len() > panjang && !matches!(kata[r - panjang - 1], b'w' | b'y');
        if kata.ends_with(b"kan") && akar_akhir(3) {
            tambah(3, "kan");
        }
        if kata.ends_with(b"an") && akar_akhir(2) {
            tambah(2, "an");
        }
        if kata.ends_with(b"i") && r >= 2 && !vokal(kata[r - 2]) {
            tambah(1, "i");
        }
        for serapan in ["asi", "itas", "isme"] {
            if kata.ends_with(serapan.as_bytes()) {
                let s = r - serapan.len();
                out.push(Akhiran { akhir_akar: s, batas: partikel.clone(), jenis: "serapan", serap: Some(s) });
            }
        }
    }
    out
}

/// The reading of `w` with most affixes whose root is a plausible root.
fn urai(w: &[u8]) -> Urai {
    let mut rantai: Vec<Vec<Awalan>> = vec![Vec::new()];
    for a in awalan(w) {
        rantai.push(vec![a]);
        if a.lapis
            && let Some(n) = awalan_kedua(&w[a.panjang..])
        {
            rantai.push(vec![a, Awalan { panjang: n, kuat: true, lebur: false, nomina: a.nomina, lapis: false }]);
        }
    }
    let mut terbaik: Option<((usize, bool, bool), Urai)> = None;
    for akh in akhiran(w) {
        for r in &rantai {
            let mulai_akar: usize = r.iter().map(|a| a.panjang).sum();
            if mulai_akar >= akh.akhir_akar {
                continue;
            }
            let akar = &w[mulai_akar..akh.akhir_akar];
            if jumlah_suku(akar) < 2 || (!r.is_empty() && !awal_akar(akar)) {
                continue;
            }
            // -i follows verbal prefixes only (me(N)-, di-, ber-, per-): "meng|awas|i".
            if akh.jenis == "i" && r.first().is_none_or(|a| a.nomina) {
                continue;
            }
            let nomina = r.first().is_some_and(|a| a.nomina);
            let cocok = match akh.jenis {
                "an" => nomina,
                "kan" => !nomina,
                _ => true,
            };
            let imbuhan = r.len() + akh.batas.len() + usize::from(akh.serap.is_some());
            let skor = (imbuhan, cocok, r.iter().all(|a| !a.lebur));
            if terbaik.as_ref().is_some_and(|(s, _)| *s >= skor) {
                continue;
            }
            let mut batas = Vec::new();
            let mut posisi = 0;
            let mut lebur = None;
            for a in r {
                posisi += a.panjang;
                if a.lebur {
                    lebur = Some(posisi);
                } else {
                    batas.push(posisi);
                }
            }
            batas.extend(&akh.batas);
            let kuat = !akh.batas.is_empty() || akh.serap.is_some() || r.iter().any(|a| a.kuat);
            terbaik = Some((skor, Urai { batas, lebur, serap: akh.serap, kuat }));
        }
    }
    terbaik.map(|(_, u)| u).unwrap_or_default()
}

// --- Syllables (PUEBI) ----------------------------------------------------------------------------

/// The diphthongs of PUEBI, one syllable nucleus: "pan-tai", "ker-bau", "sur-vei", "am-boi".
fn diftong(a: u8, b: u8) -> bool {
    matches!((a, b), (b'a', b'i') | (b'a', b'u') | (b'e', b'i') | (b'o', b'i'))
}

/// Consonant pairs written for one sound, never split: "nga-nga", "nya-nyi", "akh-ir", "sya-rat".
fn gugus(a: u8, b: u8) -> bool {
    matches!((a, b), (b'n', b'g') | (b'n', b'y') | (b'k', b'h') | (b's', b'y'))
}

/// A consonant and r or l that start a syllable together: "pro-gram", "se-kre-ta-ri-at".
fn rangkap(a: u8, b: u8) -> bool {
    matches!(a, b'p' | b'b' | b't' | b'd' | b'k' | b'g' | b'f') && matches!(b, b'r' | b'l')
}

/// Indices of `w` (lowercase letters of one morpheme) before which a syllable starts.
fn suku(w: &[u8]) -> Vec<usize> {
    // Sound units: a digraph is one consonant.
    let mut unit: Vec<(usize, bool)> = Vec::new(); // (start index, is a vowel)
    let mut i = 0;
    while i < w.len() {
        let v = vokal(w[i]);
        unit.push((i, v));
        i += if !v && i + 1 < w.len() && gugus(w[i], w[i + 1]) { 2 } else { 1 };
    }
    let inti: Vec<usize> = (0..unit.len()).filter(|&u| unit[u].1).collect();
    let mut out = Vec::new();
    for pasangan in inti.windows(2) {
        let (a, b) = (pasangan[0], pasangan[1]);
        let mulai = match b - a - 1 {
            // Two vowels meet: a new syllable, unless they form a diphthong, which a consonant
            // closing the syllable undoes ("pan-tai", "sau-da-ra", but "ka-it", "ba-ik").
            0 if diftong(w[unit[a].0], w[unit[b].0])
                && unit.get(b + 1).is_none_or(|&(_, v)| v || unit.get(b + 2).is_some_and(|u| u.1)) =>
            {
                continue;
            }
            0 => unit[b].0,
            // V-CV: "ma-kan".
            1 => unit[a + 1].0,
            // VC-CV: "ban-tu", "leng-ga"; a consonant and r or l together: "pro-gram".
            2 if rangkap(w[unit[a + 1].0], w[unit[a + 2].0]) && unit[a + 2].0 == unit[a + 1].0 + 1 => unit[a + 1].0,
            // VC-CCV with three or more: "in-fra", "in-stru-men", "bang-krut".
            _ => unit[a + 2].0,
        };
        out.push(mulai);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word with "|" at its morpheme boundaries and "-" at its syllable breaks.
    fn tanda(kata: &str) -> String {
        let titik = titik(kata, Aturan::Ketat);
        let mut out = String::new();
        for (i, c) in kata.char_indices() {
            if let Some(t) = titik.iter().find(|t| t.posisi == i) {
                out.push(if t.jenis == JenisTitik::Morfem { '|' } else { '-' });
            }
            out.push(c);
        }
        out
    }

    /// Break points worked out by hand from KBBI's syllabification (which separates affixes:
    /// ke·we·nang·an, sam·bung·an, pem·ba·ngun·an, pe·nye·leng·ga·ra·an) and the module's
    /// rules: "|" a morpheme boundary, "-" a syllable break; two letters kept at the start,
    /// three after a syllable break and two after a morpheme boundary; a capitalised word only
    /// at its morpheme boundaries.
    const KBBI: &[(&str, &str)] = &[
        // Suffixes and confixes.
        ("kewenangan", "ke|we-nang|an"),
        ("Kewenangan", "Ke|wenang|an"),
        ("sambungan", "sam-bung|an"),
        ("Sambungan", "Sambung|an"),
        ("keuangan", "ke|u-ang|an"),
        ("pembangunan", "pem|ba-ngun|an"),
        ("Pembangunan", "Pem|bangun|an"),
        ("pemerintahan", "pe|me-rin-tah|an"),
        ("kecamatan", "ke|ca-mat|an"),
        ("ketahanan", "ke|ta-han|an"),
        ("pinjaman", "pin-jam|an"),
        ("pemanfaatan", "pe|man-fa-at|an"),
        ("genangan", "ge-nang|an"),
        ("lingkungan", "ling-kung|an"),
        ("tunjangannya", "tun-jang|an|nya"),
        ("penganggaran", "pe-ngang|gar|an"),
        ("kebijakan", "ke|bi-jak|an"),
        ("kedudukan", "ke|du-duk|an"),
        ("dilaksanakan", "di|lak-sa-na|kan"),
        ("pelaksanaan", "pe|lak-sa-na|an"),
        ("perkotaan", "per|ko-ta|an"),
        ("perencanaan", "pe|ren-ca-na|an"),
        ("keberlanjutan", "ke|ber|lan-jut|an"),
        ("pemberdayaan", "pem|ber|da-ya|an"),
        ("berkaitan", "ber|ka-it|an"),
        ("kesesuaian", "ke|se-su-ai|an"),
        ("kendaraan", "ken-da-ra|an"),
        // A melted nasal: the break after the syllable it opens.
        ("penyelenggaraan", "pe-nye|leng-ga-ra|an"),
        ("Penyelenggaraan", "Penye|lenggara|an"),
        ("pengelolaan", "pe-nge|lo-la|an"),
        ("pengembangan", "pe-ngem|bang|an"),
        ("penyediaan", "pe-nye|di-a|an"),
        ("meningkatkan", "me|ning-kat|kan"),
        ("mengawasi", "me-nga|wasi"),
        // Clusters and combining forms.
        ("infrastruktur", "in-fra|struk-tur"),
        ("Infrastruktur", "Infra|struktur"),
        ("instruksi", "in-struksi"),
        ("program", "pro-gram"),
        ("administrasi", "ad-mi-nis|trasi"),
        ("masyarakat", "ma-sya-ra-kat"),
        ("transportasi", "trans|por-tasi"),
        ("prasarana", "pra|sa-rana"),
        // Loanword endings.
        ("Informasi", "Infor|masi"),
        ("Kapasitas", "Kapa|sitas"),
        ("Rehabilitasi", "Rehabili|tasi"),
        // Roots that only look suffixed.
        ("jembatan", "jem-ba-tan"),
        ("kawasan", "ka-wa-san"),
        ("relawan", "re-la-wan"),
        ("persentase", "per-sen-tase"),
        ("Persentase", "Persentase"),
        // Names, acronyms, units: whole.
        ("Temanggung", "Temanggung"),
        ("Kabupaten", "Kabupaten"),
        ("Ngadirejo", "Ngadirejo"),
        ("Candiroto", "Candiroto"),
        ("Selopampang", "Selopampang"),
        ("Tlogomulyo", "Tlogomulyo"),
        ("Pemerintah", "Pemerintah"),
        ("Kandangan", "Kandang|an"),
        ("BAPPERIDA", "BAPPERIDA"),
        ("Sekretariat", "Sekretariat"),
        ("perdamaian", "per|da-mai|an"),
        ("pantai", "pantai"),
    ];

    #[test]
    fn words_break_at_morphemes_then_syllables_as_kbbi() {
        let salah: Vec<String> = KBBI
            .iter()
            .filter(|(kata, harap)| tanda(kata) != *harap)
            .map(|(kata, harap)| format!("{kata}: {} (diharapkan {harap})", tanda(kata)))
            .collect();
        assert!(salah.is_empty(), "{}", salah.join("\n"));
    }

    #[test]
    fn a_column_is_as_narrow_as_one_break_a_word_allows_by_the_strict_rules() {
        let ketat = |teks: &str| sisipkan(teks, Aturan::Ketat).replace(TANDA_PENGGAL, "-");
        // "Penye|lenggara|an": "Penye-" and "lenggaraan" (10 letters) against "Penyelenggara-".
        assert_eq!(ketat("Penyelenggaraan"), "Penye-lenggaraan");
        // "pe-nye|leng-ga-ra|an": "penyeleng-" (10) and "penye-"/"lenggaraan" (10) tie: the
        // morpheme. "ke|we-nang|an": "kewe-" (5) and "nangan" (6) beat "ke-"/"wenangan" (8).
        assert_eq!(ketat("penyelenggaraan"), "penye-lenggaraan");
        assert_eq!(ketat("kewenangan"), "kewe-nangan");
        assert_eq!(ketat("Kabupaten Temanggung"), "Kabupaten Temanggung");
        let teks = "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah (DAU) 4.500 Sambungan Rumah";
        assert_eq!(ketat(teks), "Penye-diaan Jasa Penunjang Urusan Pe-merintahan Daerah (DAU) 4.500 Sambung-an Rumah");
        assert_eq!(sisipkan(teks, Aturan::Ketat).replace(TANDA_PENGGAL, ""), teks);
        // Where the page leaves no other way, every break point: units at their syllables too,
        // then names.
        let longgar = |teks: &str| sisipkan(teks, Aturan::Longgar).replace(TANDA_PENGGAL, "-");
        assert_eq!(longgar("Penyelenggaraan"), "Penye-lenggara-an");
        assert_eq!(longgar("Kabupaten Temanggung"), "Kabupaten Temanggung");
        assert_eq!(longgar("12\u{a0}Dokumen PUPR"), "12\u{a0}Do-ku-men PUPR");
        let darurat = |teks: &str| sisipkan(teks, Aturan::Darurat).replace(TANDA_PENGGAL, "-");
        assert_eq!(darurat("Kabupaten Temanggung"), "Ka-bu-pa-ten Te-mang-gung");
        assert_eq!(darurat("12\u{a0}Dokumen PUPR"), "12\u{a0}Do-ku-men PUPR");
    }

    #[test]
    fn a_unit_after_a_figure_an_acronym_and_a_code_stay_whole() {
        let ketat = |teks: &str| sisipkan(teks, Aturan::Ketat);
        assert_eq!(ketat("12\u{a0}Dokumen"), "12\u{a0}Dokumen");
        assert_eq!(ketat("12 dokumen"), "12 dokumen");
        assert_eq!(ketat("APBD e-KTP 1.03.01.2.01.0001"), "APBD e-KTP 1.03.01.2.01.0001");
        assert_eq!(sisipkan("APBD e-KTP 1.03.01.2.01.0001", Aturan::Darurat), "APBD e-KTP 1.03.01.2.01.0001");
        assert!(titik("PUPRnya", Aturan::Darurat).is_empty());
        assert!(titik("Pengélolaan", Aturan::Ketat).is_empty());
    }

    #[test]
    fn pieces_join_to_the_text_and_carry_their_break_points() {
        let teks = "Jumlah dokumen perencanaan (SAKIP), 12 Dokumen pembangunan";
        let potongan = potong(teks, Aturan::Ketat);
        assert_eq!(potongan.iter().map(|p| p.teks.as_str()).collect::<String>(), teks);
        let kata: Vec<&str> = potongan.iter().filter(|p| !p.titik.is_empty()).map(|p| p.teks.as_str()).collect();
        assert_eq!(kata, ["dokumen", "perencanaan", "pembangunan"]);
        assert!(potong("Rp 1.000 ABC Kabupaten", Aturan::Ketat).iter().all(|p| p.titik.is_empty()));
        // A unit is a name: broken only at a morpheme boundary.
        assert_eq!(sisipkan("4.500\u{a0}Sambungan", Aturan::Ketat), "4.500\u{a0}Sambung\u{ad}an");
    }
}
