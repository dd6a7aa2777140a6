//! Cell by cell: every table of both revisions ([`crate::tabel::semua`]), rows paired by their
//! [`Baris::kunci`] and cells compared by their [`crate::tabel::Kolom::kunci`] as the PDF prints
//! them ([`cetak`]).

use super::*;
use crate::tabel::{Baris, Isi, JenisBaris, NomorTabel, Tabel, cetak};

impl Bidang {
    pub(super) fn new(kunci: &str, label: &str, path: Option<String>) -> Bidang {
        Bidang {
            kunci: kunci.to_owned(),
            label: label.to_owned(),
            path,
            semula: None,
            menjadi: None,
            selisih: None,
            angka: None,
            turunan: false,
        }
    }
}

/// An amount before and after; a missing amount counts as zero in the difference.
pub(super) fn rupiah(kunci: &str, label: &str, path: String, lama: Option<Decimal>, baru: Option<Decimal>) -> Bidang {
    let selisih = baru.unwrap_or_default().checked_sub(lama.unwrap_or_default());
    Bidang {
        semula: lama.map(format::rupiah),
        menjadi: baru.map(format::rupiah),
        selisih: selisih.filter(|d| !d.is_zero()).map(bertanda),
        angka: Some(Exact {
            semula: lama.map(|d| d.normalize()),
            menjadi: baru.map(|d| d.normalize()),
            selisih: selisih.map(|d| d.normalize()),
        }),
        ..Bidang::new(kunci, label, Some(path))
    }
}

/// "+100.000" / "-100.000".
pub fn bertanda(d: Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() { format!("+{}", format::angka(d)) } else { format::angka(d) }
}

fn nilai_bertanda(d: Decimal, satuan: &str) -> String {
    let text = format::nilai(d, satuan);
    if d.is_sign_positive() && !d.is_zero() { format!("+{text}") } else { text }
}

pub(super) fn urutan(path: Option<String>, lama: usize, baru: usize) -> Bidang {
    Bidang {
        semula: Some(format!("ke-{}", lama + 1)),
        menjadi: Some(format!("ke-{}", baru + 1)),
        ..Bidang::new("urutan", "Urutan", path)
    }
}

/// Columns whose text follows the row's position (the running "No."), not its data: a row
/// added, removed or moved is reported itself, so their renumbering is not.
const KOLOM_URUTAN: &[&str] = &["no"];
/// Columns that name a row for a reader, in order of preference.
const KOLOM_KODE: &[&str] = &["kode", "no"];
const KOLOM_NAMA: &[&str] = &["program_kegiatan", "nama", "program_kegiatan_rkpd", "indikator"];

/// One side of a table: the table, its printed columns, each row's node (the first line of a
/// node with several lines) and parent (the nearest row above of a higher level).
struct Side<'t> {
    tabel: &'t Tabel,
    printed: Vec<usize>,
    node: Vec<usize>,
    parent: Vec<Option<usize>>,
}

/// How deep a row stands: headings and totals, programs, kegiatan, sub-kegiatan.
fn rank(j: JenisBaris) -> usize {
    match j {
        JenisBaris::Kelompok | JenisBaris::Urusan | JenisBaris::Bidang | JenisBaris::Nihil | JenisBaris::Jumlah => 0,
        JenisBaris::Program => 1,
        JenisBaris::Kegiatan => 2,
        JenisBaris::SubKegiatan => 3,
    }
}

impl<'t> Side<'t> {
    fn of(tabel: &'t Tabel) -> Side<'t> {
        let printed = (0..tabel.kolom.len()).filter(|&c| tabel.kolom[c].di_pdf).collect();
        let mut node = Vec::with_capacity(tabel.baris.len());
        let mut parent = Vec::with_capacity(tabel.baris.len());
        let mut last: [Option<usize>; 4] = [None; 4];
        for (i, b) in tabel.baris.iter().enumerate() {
            let first = if b.lanjutan { node.last().copied().unwrap_or(i) } else { i };
            node.push(first);
            parent.push(last[..rank(b.jenis)].iter().flatten().max().copied());
            if !b.lanjutan {
                last[rank(b.jenis)] = Some(i);
            }
        }
        Side { tabel, printed, node, parent }
    }

    fn key(&self, i: usize) -> String {
        self.tabel.baris[i].kunci.clone().unwrap_or_else(|| format!("#{i}"))
    }

    /// The cell as the PDF prints it; "" for a column the table does not have.
    fn text(&self, b: &Baris, kunci: &str) -> Option<String> {
        let c = self.tabel.kolom_ke(kunci).filter(|c| self.printed.contains(c))?;
        Some(cetak::sel(&b.sel[c], b.satuan.as_deref(), self.tabel.desimal_persen).into_owned())
    }

    fn first_text(&self, b: &Baris, keys: &[&str]) -> String {
        keys.iter().filter_map(|k| self.text(b, k)).find(|t| !t.trim().is_empty()).unwrap_or_default()
    }

    /// Kode (or row number) and name of row `i`, read from its node's first line.
    fn ident(&self, i: usize) -> (String, String) {
        let b = &self.tabel.baris[self.node[i]];
        if b.jenis == JenisBaris::Urusan {
            let teks = |c: usize| b.sel.get(c).map(|s| cetak::sel(s, None, 0).into_owned()).unwrap_or_default();
            return (teks(0), teks(1));
        }
        if b.jenis.membentang() {
            let teks = b.sel.iter().map(|s| cetak::sel(s, None, 0)).find(|t| !t.trim().is_empty());
            return (String::new(), teks.map(|t| t.into_owned()).unwrap_or_default());
        }
        (self.first_text(b, KOLOM_KODE), self.first_text(b, KOLOM_NAMA))
    }

    /// The alternative key of row `i`: its level and loose name (a row whose kode changed is
    /// still found by it), a further line by its node's and its position.
    fn alt(&self, i: usize) -> String {
        let (_, nama) = self.ident(i);
        let jenis = self.tabel.baris[i].jenis.label();
        format!("{jenis} {} #{}", nama_longgar(&nama), i - self.node[i] + 1)
    }

    /// Row `i`'s place among its siblings (rows of its level since the row above it), from 0,
    /// and that row (its parent), if any.
    fn place(&self, i: usize) -> (usize, Option<usize>) {
        let jenis = self.tabel.baris[i].jenis;
        let parent = self.parent[i];
        let from = parent.map_or(0, |p| p + 1);
        let ordinal = self.tabel.baris[from..i].iter().filter(|b| !b.lanjutan && b.jenis == jenis).count();
        (ordinal, parent)
    }

    /// "ke-3", or "ke-1 di bawah 4.5.4" when `parent` is shown too.
    fn place_text(&self, i: usize, parent: bool) -> String {
        let (ordinal, up) = self.place(i);
        match up.filter(|_| parent) {
            Some(up) => {
                let (kode, nama) = self.ident(up);
                format!("ke-{} di bawah {}", ordinal + 1, if kode.is_empty() { nama } else { kode })
            }
            None => format!("ke-{}", ordinal + 1),
        }
    }

    /// The label of column `kunci`: its one-line header and its number, e.g. "Target Capaian
    /// Kinerja (kolom 5)".
    fn label(&self, kunci: &str) -> String {
        let Some(k) = self.tabel.kolom.iter().find(|k| k.kunci == kunci) else { return kunci.to_owned() };
        let nomor = k.nomor.split_whitespace().next().unwrap_or_default();
        format!("{} (kolom {nomor})", k.judul)
    }
}

/// The column keys printed by either side, the new table's order first.
fn columns(a: &Side, b: &Side) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = b.printed.iter().map(|&c| b.tabel.kolom[c].kunci).collect();
    for &c in &a.printed {
        let k = a.tabel.kolom[c].kunci;
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// Every table whose printed text differs, in document order.
pub(super) fn compare_tables(lama: &[Tabel], baru: &[Tabel]) -> Vec<TabelBerubah> {
    NomorTabel::SEMUA
        .iter()
        .filter_map(|n| {
            let (a, b) = (lama.iter().find(|t| t.nomor == *n)?, baru.iter().find(|t| t.nomor == *n)?);
            let t = compare_table(&Side::of(a), &Side::of(b));
            (!t.bidang.is_empty() || !t.baris.is_empty()).then_some(t)
        })
        .collect()
}

fn lines(texts: &[String]) -> Option<String> {
    let t = texts.join("\n");
    (!t.trim().is_empty()).then_some(t)
}

fn compare_table(a: &Side, b: &Side) -> TabelBerubah {
    let mut bidang = Vec::new();
    let mut teks = |kunci: &str, label: &str, x: Option<String>, y: Option<String>| {
        if x != y {
            bidang.push(Bidang { semula: x, menjadi: y, ..Bidang::new(kunci, label, None) });
        }
    };
    teks("judul", "Judul tabel", lines(&a.tabel.judul), lines(&b.tabel.judul));
    let kepala = |s: &Side| lines(&s.printed.iter().map(|&c| s.tabel.kolom[c].judul.clone()).collect::<Vec<_>>());
    teks("kepala", "Kepala tabel", kepala(a), kepala(b));
    let nomor = |s: &Side| lines(&s.printed.iter().map(|&c| s.tabel.kolom[c].nomor.clone()).collect::<Vec<_>>());
    teks("nomor_kolom", "Nomor kolom", nomor(a), nomor(b));
    teks("catatan", "Catatan tabel", lines(&a.tabel.catatan), lines(&b.tabel.catatan));

    let keys = |s: &Side| (0..s.tabel.baris.len()).map(|i| s.key(i)).collect::<Vec<_>>();
    let alts = |s: &Side| (0..s.tabel.baris.len()).map(|i| s.alt(i)).collect::<Vec<_>>();
    let kolom = columns(a, b);
    let mut baris = Vec::new();
    let pairs = pair_rows(&keys(a), &keys(b), &alts(a), &alts(b));
    let matched: HashMap<usize, usize> = pairs.iter().filter_map(|p| p.lama.zip(p.baru)).collect();
    for pair in pairs {
        let row = match (pair.lama, pair.baru) {
            (Some(i), Some(j)) => {
                let mut fields = compare_cells(a, i, b, j, &kolom);
                // A row moved with its parent keeps its place under it (the parent's move is
                // reported); one under another parent is reported with it.
                let other_parent = match (a.parent[i], b.parent[j]) {
                    (Some(x), Some(y)) => matched.get(&x) != Some(&y),
                    (x, y) => x.is_some() != y.is_some(),
                };
                if (pair.pindah || other_parent) && !b.tabel.baris[j].lanjutan {
                    let (x, y) = (a.place_text(i, other_parent), b.place_text(j, other_parent));
                    if x != y {
                        fields.push(Bidang {
                            semula: Some(x),
                            menjadi: Some(y),
                            ..Bidang::new("urutan", "Urutan", None)
                        });
                    }
                }
                if fields.is_empty() {
                    continue;
                }
                let status = if fields.iter().all(|f| f.turunan) { Status::Tetap } else { Status::Diubah };
                changed_row(b, j, status, fields)
            }
            (None, Some(j)) => changed_row(b, j, Status::Ditambah, one_side(b, j, &kolom, false)),
            (Some(i), None) => changed_row(a, i, Status::Dihapus, one_side(a, i, &kolom, true)),
            (None, None) => continue,
        };
        baris.push(row);
    }
    TabelBerubah {
        nomor: b.tabel.nomor.as_str().to_owned(),
        judul: b.tabel.judul.first().cloned().unwrap_or_default(),
        bidang,
        baris,
    }
}

fn changed_row(s: &Side, i: usize, status: Status, bidang: Vec<Bidang>) -> BarisBerubah {
    let (kode, nama) = s.ident(i);
    let b = &s.tabel.baris[i];
    BarisBerubah { kunci: s.key(i), jenis: b.jenis, kode, nama, baris_ke: i - s.node[i] + 1, status, bidang }
}

/// The printed cells of a row that stands on one side only (`lama`: the old side).
fn one_side(s: &Side, i: usize, kolom: &[&'static str], lama: bool) -> Vec<Bidang> {
    let b = &s.tabel.baris[i];
    kolom
        .iter()
        .filter(|k| !(b.lanjutan && s.tabel.kolom.iter().any(|c| c.kunci == **k && c.gabung)))
        .filter_map(|k| {
            let text = s.text(b, k).filter(|t| !t.trim().is_empty())?;
            let c = s.tabel.kolom_ke(k)?;
            let mut f = Bidang::new(k, &s.label(k), None);
            f.turunan = b.sel[c].rumus.is_some();
            let exact = b.sel[c].isi.angka().map(|d| d.normalize());
            if lama {
                f.semula = Some(text);
                f.angka = exact.map(|v| Exact { semula: Some(v), menjadi: None, selisih: None });
            } else {
                f.menjadi = Some(text);
                f.angka = exact.map(|v| Exact { semula: None, menjadi: Some(v), selisih: None });
            }
            Some(f)
        })
        .collect()
}

/// The printed cells of a row present on both sides that differ.
fn compare_cells(a: &Side, i: usize, b: &Side, j: usize, kolom: &[&'static str]) -> Vec<Bidang> {
    let (ra, rb) = (&a.tabel.baris[i], &b.tabel.baris[j]);
    let mut out = Vec::new();
    for &k in kolom {
        // A heading's or total's text stands in the first column, whatever its key.
        if KOLOM_URUTAN.contains(&k) && !rb.jenis.membentang() {
            continue;
        }
        // A further line's merged cells repeat its first line's, which reports them.
        let merged = |s: &Side, r: &Baris| r.lanjutan && s.tabel.kolom.iter().any(|c| c.kunci == k && c.gabung);
        let (x, y) = (
            a.text(ra, k).filter(|_| !merged(a, ra)).unwrap_or_default(),
            b.text(rb, k).filter(|_| !merged(b, rb)).unwrap_or_default(),
        );
        if x == y {
            continue;
        }
        let cell = |s: &Side, r: &'_ Baris| s.tabel.kolom_ke(k).map(|c| r.sel[c].clone());
        let (ca, cb) = (cell(a, ra), cell(b, rb));
        let turunan = ca.iter().chain(&cb).any(|c| c.rumus.is_some());
        let shown = |t: String| (!t.is_empty()).then_some(t);
        let mut f = Bidang { semula: shown(x), menjadi: shown(y), turunan, ..Bidang::new(k, &b.label(k), None) };
        let (isi_a, isi_b) = (ca.map(|c| c.isi), cb.map(|c| c.isi));
        let (va, vb) = (isi_a.as_ref().and_then(Isi::angka), isi_b.as_ref().and_then(Isi::angka));
        let satuan = |r: &Baris| r.satuan.clone().unwrap_or_default();
        let selisih = match (&isi_a, &isi_b) {
            (Some(Isi::Rupiah(x)), Some(Isi::Rupiah(y))) => y.checked_sub(*x).filter(|d| !d.is_zero()).map(bertanda),
            (Some(Isi::Angka(x)), Some(Isi::Angka(y))) if satuan(ra).trim() == satuan(rb).trim() => {
                y.checked_sub(*x).filter(|d| !d.is_zero()).map(|d| nilai_bertanda(d, &satuan(rb)))
            }
            (Some(Isi::Persen(x)), Some(Isi::Persen(y))) => {
                let (da, db) = (a.tabel.desimal_persen, b.tabel.desimal_persen);
                let d = format::bulatkan(*y, db).checked_sub(format::bulatkan(*x, da));
                d.filter(|d| !d.is_zero()).map(|d| {
                    let text = format::persen(d, da.max(db));
                    if d.is_sign_positive() { format!("+{text}") } else { text }
                })
            }
            _ => None,
        };
        f.selisih = selisih;
        if va.is_some() || vb.is_some() {
            f.angka = Some(Exact {
                semula: va.map(|d| d.normalize()),
                menjadi: vb.map(|d| d.normalize()),
                selisih: va.zip(vb).and_then(|(x, y)| y.checked_sub(x)).map(|d| d.normalize()),
            });
        }
        out.push(f);
    }
    out
}
