//! Aligning two lists of rows: by key, then by an alternative key, with moved rows marked.

use super::*;

/// One row of an alignment of two lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Pair {
    pub(super) lama: Option<usize>,
    pub(super) baru: Option<usize>,
    /// A matched row whose place among the others changed.
    pub(super) pindah: bool,
}

/// Aligns two lists: rows match by `kunci` first, then what is left by `alt`. The result is in
/// the new list's order, each removed row where it stood in the old one.
pub(super) fn pair_rows(
    kunci_lama: &[String],
    kunci_baru: &[String],
    alt_lama: &[String],
    alt_baru: &[String],
) -> Vec<Pair> {
    let mut pair: Vec<Option<usize>> = vec![None; kunci_baru.len()];
    let mut taken = vec![false; kunci_lama.len()];
    for (old_keys, new_keys) in [(kunci_lama, kunci_baru), (alt_lama, alt_baru)] {
        let mut index: HashMap<&str, VecDeque<usize>> = HashMap::new();
        for (i, key) in old_keys.iter().enumerate().filter(|(i, _)| !taken[*i]) {
            index.entry(key.as_str()).or_default().push_back(i);
        }
        for (j, key) in new_keys.iter().enumerate() {
            if pair[j].is_none()
                && let Some(i) = index.get_mut(key.as_str()).and_then(VecDeque::pop_front)
            {
                pair[j] = Some(i);
                taken[i] = true;
            }
        }
    }
    // The matched rows outside a longest common subsequence of both orders have moved.
    let new_order: Vec<usize> = pair.iter().flatten().copied().collect();
    let mut old_order = new_order.clone();
    old_order.sort_unstable();
    let mut moved = vec![false; kunci_lama.len()];
    for op in similar::capture_diff_slices(Algorithm::Myers, &old_order, &new_order) {
        if let DiffOp::Insert { new_index, new_len, .. } | DiffOp::Replace { new_index, new_len, .. } = op {
            for &i in &new_order[new_index..new_index + new_len] {
                moved[i] = true;
            }
        }
    }
    let mut out = Vec::with_capacity(kunci_lama.len().max(kunci_baru.len()));
    let mut cursor = 0;
    let flush_until = |end: usize, cursor: &mut usize, out: &mut Vec<Pair>| {
        while *cursor < end {
            if !taken[*cursor] {
                out.push(Pair { lama: Some(*cursor), baru: None, pindah: false });
            }
            *cursor += 1;
        }
    };
    for (j, p) in pair.iter().enumerate() {
        let anchored = p.filter(|i| !moved[*i]);
        if let Some(i) = anchored {
            flush_until(i, &mut cursor, &mut out);
        }
        out.push(Pair { lama: *p, baru: Some(j), pindah: p.is_some_and(|i| moved[i]) });
        if let Some(i) = anchored {
            // The rows removed right after this one follow it.
            cursor = cursor.max(i + 1);
            let next = (cursor..kunci_lama.len()).find(|&k| taken[k]).unwrap_or(kunci_lama.len());
            flush_until(next, &mut cursor, &mut out);
        }
    }
    flush_until(kunci_lama.len(), &mut cursor, &mut out);
    out
}

/// Names compared loosely: case and runs of whitespace do not count.
pub(super) fn nama_longgar(nama: &str) -> String {
    nama.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

pub(super) fn positions(n: usize) -> Vec<String> {
    (0..n).map(|i| i.to_string()).collect()
}
