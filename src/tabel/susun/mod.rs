//! The six tables of a Renja, built from the plan and its computed figures: the only place
//! their captions, header grids, columns (kind, alignment, widths, column numbers) and rows are
//! written down.

mod evaluasi;
mod kinerja;
mod pohon;
mod rencana;
mod rkpd;
mod sipd_ri;
mod usulan;

use evaluasi::tabel_2_1;
use kinerja::tabel_2_2;
use pohon::{Susunan, baris_pohon};
use rencana::tabel_rencana;
use rkpd::tabel_2_3;
use sipd_ri::tabel_sipd_ri;
use usulan::tabel_2_4;

use rust_decimal::Decimal;

use super::{Baris, Isi, JenisBaris, JenisKolom, Kepala, Kolom, Lebar, NomorTabel, Rata, Rumus, Sel, Tabel};
use crate::compute::{self, BarisEvaluasi, Computed, Rasio};
use crate::format;
use crate::plan::{self, BarisKinerja, IndikatorEvaluasi, Nilai, Plan, Polaritas, TabelBab4, TingkatInduk};
use crate::plan::{Indikator, Tingkat};

fn isi_rasio(rasio: Rasio) -> Isi {
    match rasio {
        Rasio::Nilai(v) => Isi::Persen(v),
        Rasio::TakTerdefinisi => Isi::TakTerdefinisi,
        Rasio::TidakBerlaku => Isi::Kosong,
    }
}

/// Builds the header grid from rows of (text, rowspan, colspan), placing each cell in the
/// first free position like an HTML table (and like Typst's table, which receives them in
/// this order).
pub(super) fn kepala(rows: &[&[(&str, usize, usize)]], lebar: usize) -> (Vec<Kepala>, usize) {
    let tinggi = rows.len();
    let mut taken = vec![vec![false; lebar]; tinggi];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for &(teks, rs, cs) in *row {
            while taken[r][c] {
                c += 1;
            }
            for line in taken.iter_mut().skip(r).take(rs) {
                for cell in line.iter_mut().skip(c).take(cs) {
                    *cell = true;
                }
            }
            out.push(Kepala { baris: r, kolom: c, tinggi: rs, lebar: cs, teks: teks.to_owned() });
            c += cs;
        }
    }
    (out, tinggi)
}

/// The one-line header of each column: its own header cell, under its group's when it has one.
pub(super) fn judul_kolom(kepala: &[Kepala], tinggi: usize, c: usize) -> String {
    let mut parts: Vec<&str> = kepala
        .iter()
        .filter(|k| (k.kolom..k.kolom + k.lebar).contains(&c))
        .map(|k| (k.baris, k.teks.as_str()))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    if tinggi == 1 || parts.len() == 1 {
        return parts.pop().unwrap_or_default().to_owned();
    }
    let leaf = parts.pop().unwrap_or_default();
    let group = parts.join(" / ");
    // A year under "Tahun ke-" reads as one phrase.
    if leaf.parse::<i32>().is_ok() { format!("{group} {leaf}") } else { format!("{group} / {leaf}") }
}

/// A column as written in a table's definition below.
struct Spek {
    kunci: &'static str,
    nomor: &'static str,
    jenis: JenisKolom,
    rata: Rata,
    pdf: Lebar,
    xlsx: f64,
    gabung: bool,
    di_pdf: bool,
}

impl Spek {
    /// A text column, left-aligned.
    const fn teks(kunci: &'static str, pdf: Lebar, xlsx: f64) -> Spek {
        Spek { kunci, nomor: "", jenis: JenisKolom::Teks, rata: Rata::Kiri, pdf, xlsx, gabung: false, di_pdf: true }
    }

    /// A column of figures, right-aligned.
    const fn angka(kunci: &'static str, pdf: Lebar, xlsx: f64) -> Spek {
        Spek { kunci, nomor: "", jenis: JenisKolom::Angka, rata: Rata::Kanan, pdf, xlsx, gabung: false, di_pdf: true }
    }

    /// The row number column ("No."), centred.
    const fn no(pdf: Lebar) -> Spek {
        Spek::teks("no", pdf, 5.0).rata(Rata::Tengah)
    }

    /// The column number row's label when it states a rule, e.g. "8 = (7/6)".
    const fn nomor(mut self, nomor: &'static str) -> Spek {
        self.nomor = nomor;
        self
    }

    const fn rata(mut self, rata: Rata) -> Spek {
        self.rata = rata;
        self
    }

    /// Whether the PDF prints the column (every column does, but the export-only predikat).
    const fn di_pdf(mut self, di_pdf: bool) -> Spek {
        self.di_pdf = di_pdf;
        self
    }

    const fn gabung(mut self) -> Spek {
        self.gabung = true;
        self
    }
}

const fn cm(v: f64) -> Lebar {
    Lebar::Cm(v)
}

const fn fr(v: f64) -> Lebar {
    Lebar::Fr(v)
}

fn kolom(spek: &[Spek], kepala: &[Kepala], tinggi: usize) -> Vec<Kolom> {
    spek.iter()
        .enumerate()
        .map(|(c, s)| Kolom {
            kunci: s.kunci,
            judul: judul_kolom(kepala, tinggi, c),
            nomor: if s.nomor.is_empty() { (c + 1).to_string() } else { s.nomor.to_owned() },
            jenis: s.jenis,
            rata: s.rata,
            lebar_pdf: s.pdf,
            lebar_xlsx: s.xlsx,
            gabung: s.gabung,
            di_pdf: s.di_pdf,
        })
        .collect()
}

/// The width a Kode column needs for the plan's longest code at `pt` points: codes never wrap
/// (a break inside `1.03.01.2.01.0001` would misread), so the column grows to hold them, set
/// bold (program rows) or regular, as measured in the table face ([`crate::fonts`]).
fn lebar_kode(plan: &Plan, pt: f64, paling_sempit: f64) -> Lebar {
    let kode = plan.rencana.program.iter().flat_map(|p| {
        std::iter::once(p.kode.as_str()).chain(
            p.kegiatan
                .iter()
                .flat_map(|k| std::iter::once(k.kode.as_str()).chain(k.sub_kegiatan.iter().map(|s| s.kode.as_str()))),
        )
    });
    let em = kode
        .map(|k| crate::fonts::lebar_em_sans(k, true).max(crate::fonts::lebar_em_sans(k, false)))
        .fold(0.0, f64::max);
    // Points to centimetres, plus the cell's padding (both sides) and a little air; rounded up
    // to half millimetres.
    let cm = (em * pt + 2.0 * super::width::inset_x(pt)) / super::width::CM + 0.04;
    Lebar::Cm((cm.max(paling_sempit) * 20.0).ceil() / 20.0)
}

/// Year n + `d` (saturating: `check` rejects implausible years, but a forced export still runs).
fn tahun(id: &plan::Identitas, d: i32) -> i32 {
    id.tahun.saturating_add(d)
}

/// Every table of the plan, in document order: 2.1, 2.2, 2.3, 2.4, 3.1, 4.1.
pub fn semua(plan: &Plan, computed: &Computed) -> Vec<Tabel> {
    let mut tabel = vec![
        tabel_2_1(plan, computed),
        tabel_2_2(plan),
        tabel_2_3(plan, computed),
        tabel_2_4(plan),
        tabel_rencana(plan, computed, true),
        match plan.pengaturan.tabel_bab_4 {
            TabelBab4::TC33 => tabel_rencana(plan, computed, false),
            TabelBab4::SipdRi => tabel_sipd_ri(plan, computed),
        },
    ];
    for t in &mut tabel {
        t.beri_kunci();
    }
    tabel
}

/// Emits each urusan heading once, right before the first program under it (as the PDF does).
struct UrusanHeadings<'p> {
    pending: Vec<&'p plan::Urusan>,
}

impl<'p> UrusanHeadings<'p> {
    fn new(plan: &'p Plan) -> Self {
        UrusanHeadings { pending: plan.rencana.urusan.iter().collect() }
    }

    fn before(&mut self, kode: &str) -> Vec<&'p plan::Urusan> {
        let (now, later): (Vec<_>, Vec<_>) = self
            .pending
            .iter()
            .partition(|u| kode.strip_prefix(u.kode.as_str()).is_some_and(|rest| rest.starts_with('.')));
        self.pending = later;
        now
    }
}

/// One indicator line of a node: the first carries the node's kode, name and money, the others
/// are continuation lines (`Baris::lanjutan`) holding only their indicator.
struct Garis<'p> {
    uraian: String,
    satuan: &'p str,
    target: Option<&'p Nilai>,
    target_maju: Option<&'p Nilai>,
    target_renstra: Option<&'p Nilai>,
    realisasi_n2: Option<&'p Nilai>,
    prakiraan_n1: Option<&'p Nilai>,
}

impl<'p> Garis<'p> {
    fn dari(tingkat: Tingkat, i: &'p Indikator) -> Garis<'p> {
        Garis {
            uraian: format!("{} : {}", i.jenis(tingkat).awalan(), i.uraian),
            satuan: &i.satuan,
            target: i.target.as_ref(),
            target_maju: i.target_maju.as_ref(),
            target_renstra: i.target_renstra.as_ref(),
            realisasi_n2: i.realisasi_n2.as_ref(),
            prakiraan_n1: i.prakiraan_n1.as_ref(),
        }
    }
}

/// A node's indicator lines, in the order the node lists them.
fn garis(tingkat: Tingkat, indikator: &[Indikator]) -> Vec<Garis<'_>> {
    indikator.iter().map(|i| Garis::dari(tingkat, i)).collect()
}

/// Pushes a node's rows: `first` holds every cell of its first line; each further indicator
/// becomes a continuation line whose indicator cells come from `isi` and the rest stay empty.
/// Returns the index of the first line.
fn push_node(
    baris: &mut Vec<Baris>,
    jenis: JenisBaris,
    kunci: &str,
    garis: &[Garis],
    first: Vec<Sel>,
    isi: impl Fn(&Garis, &mut [Sel]),
) -> usize {
    let at = baris.len();
    let n = first.len();
    for (g, line) in garis.iter().enumerate() {
        let mut sel = if g == 0 { first.clone() } else { vec![Sel::kosong(); n] };
        isi(line, &mut sel);
        let mut row = Baris::new(jenis, sel).satuan(line.satuan);
        if g == 0 {
            row = row.kunci(kunci);
        } else {
            row.lanjutan = true;
        }
        baris.push(row);
    }
    if garis.is_empty() {
        baris.push(Baris::new(jenis, first).kunci(kunci));
    }
    at
}

/// Printed lines of a list: one per item.
fn baris_daftar<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().filter(|t| !t.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_cells_flow_around_row_spans() {
        let (cells, tinggi) = kepala(&[&[("a", 2, 1), ("b", 1, 2), ("c", 2, 1)], &[("d", 1, 1), ("e", 1, 1)]], 4);
        assert_eq!(tinggi, 2);
        let at: Vec<_> = cells.iter().map(|k| (k.teks.as_str(), k.baris, k.kolom)).collect();
        assert_eq!(at, [("a", 0, 0), ("b", 0, 1), ("c", 0, 3), ("d", 1, 1), ("e", 1, 2)]);
        assert_eq!(judul_kolom(&cells, tinggi, 2), "b / e");
        assert_eq!(judul_kolom(&cells, tinggi, 3), "c");
    }
}
