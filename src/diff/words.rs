//! Word diffs of prose.

use super::*;

pub(super) struct BedaKata {
    pub(super) dihapus: usize,
    pub(super) ditambah: usize,
    pub(super) potongan: Option<Vec<Potongan>>,
}

/// Words of context kept around a changed passage.
pub(super) const KONTEKS: usize = 6;
/// Unchanged runs shorter than this (in words) join the changes on both sides of them.
pub(super) const SAMBUNG: usize = 3;

pub(super) fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

pub(super) fn rapikan(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How long one word diff may search for the smallest difference: past it, the diff settles
/// for a coarser (still correct) one, so a field of megabytes compares in linear time.
const BATAS_WAKTU: std::time::Duration = std::time::Duration::from_millis(200);

/// Counts the words removed and added, and (if asked) the changed passages with context.
pub(super) fn beda_kata(lama: &str, baru: &str, potongan: bool) -> BedaKata {
    let diff = TextDiff::configure().timeout(BATAS_WAKTU).diff_words(lama, baru);
    // Runs: alternately unchanged text (both sides) and changed text (old side, new side).
    #[derive(Default)]
    struct Run {
        sama: bool,
        lama: String,
        baru: String,
    }
    let mut runs: Vec<Run> = Vec::new();
    let (mut dihapus, mut ditambah) = (0, 0);
    for change in diff.iter_all_changes() {
        let text = change.value();
        let sama = change.tag() == ChangeTag::Equal;
        if runs.last().is_none_or(|r| r.sama != sama) {
            runs.push(Run { sama, ..Run::default() });
        }
        let run = runs.last_mut().expect("just pushed");
        match change.tag() {
            ChangeTag::Equal => {
                run.lama.push_str(text);
                run.baru.push_str(text);
            }
            ChangeTag::Delete => {
                dihapus += words(text);
                run.lama.push_str(text);
            }
            ChangeTag::Insert => {
                ditambah += words(text);
                run.baru.push_str(text);
            }
        }
    }
    if !potongan {
        return BedaKata { dihapus, ditambah, potongan: None };
    }
    // A short unchanged run between two changes joins them into one passage.
    let mut merged: Vec<Run> = Vec::new();
    let count = runs.len();
    for (i, run) in runs.into_iter().enumerate() {
        let between = i > 0 && i + 1 < count;
        if run.sama && between && words(&run.lama) < SAMBUNG
            || !run.sama && merged.last().is_some_and(|r: &Run| !r.sama)
        {
            let last = merged.last_mut().expect("a change precedes");
            last.lama.push_str(&run.lama);
            last.baru.push_str(&run.baru);
        } else {
            merged.push(run);
        }
    }
    let mut out = Vec::new();
    for (i, run) in merged.iter().enumerate().filter(|(_, r)| !r.sama) {
        let sebelum = i.checked_sub(1).and_then(|p| merged.get(p)).map_or_else(String::new, |r| {
            let w: Vec<&str> = r.lama.split_whitespace().collect();
            let tail = w[w.len().saturating_sub(KONTEKS)..].join(" ");
            if w.len() > KONTEKS { format!("… {tail}") } else { tail }
        });
        let sesudah = merged.get(i + 1).map_or_else(String::new, |r| {
            let w: Vec<&str> = r.lama.split_whitespace().collect();
            let head = w[..w.len().min(KONTEKS)].join(" ");
            if w.len() > KONTEKS { format!("{head} …") } else { head }
        });
        out.push(Potongan { sebelum, semula: rapikan(&run.lama), menjadi: rapikan(&run.baru), sesudah });
    }
    BedaKata { dihapus, ditambah, potongan: Some(out) }
}
