//! A sheet as a grid of cells with its merged areas, read from an HTML table (rowspan/colspan)
//! or from a workbook (merged ranges), so the report reader sees both alike.

use std::io::Cursor;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use rust_decimal::Decimal;
use scraper::{ElementRef, Html, Node, Selector};

/// The most cells the tables of one HTML file may spread into, together (rowspan and colspan
/// included), so a hostile `colspan="1000" rowspan="65534"`, once or in ten tables, cannot
/// exhaust memory.
pub const SEL_MAKS: usize = 4_000_000;

/// The deepest tables may nest in an HTML file (a report has one level; a layout table around
/// it a second). Deeper nesting is refused before the document is laid out.
pub const TABEL_BERSARANG_MAKS: usize = 16;

#[derive(Debug, Clone, Default)]
pub(crate) struct SelSumber {
    /// The text, lines separated by `\n`, each with single spaces; empty for a covered cell.
    pub teks: String,
    /// A typed number (a numeric workbook cell), read as it is stored.
    pub angka: Option<Decimal>,
    /// For a cell covered by a merged area: the area's first cell (row, column).
    pub asal: Option<(usize, usize)>,
}

/// One sheet (or HTML table): rows of cells, and where its first cell lies for A1 names.
#[derive(Debug, Clone)]
pub(crate) struct LembarSumber {
    pub nama: String,
    pub baris: Vec<Vec<SelSumber>>,
    /// Absolute row and column of `baris[0][0]` (a workbook's used range may start lower).
    pub awal: (usize, usize),
    /// The number of columns of the widest row.
    lebar: usize,
}

impl LembarSumber {
    fn new(nama: String, baris: Vec<Vec<SelSumber>>, awal: (usize, usize)) -> Self {
        let lebar = baris.iter().map(Vec::len).max().unwrap_or(0);
        LembarSumber { nama, baris, awal, lebar }
    }

    pub(crate) fn lebar(&self) -> usize {
        self.lebar
    }

    fn sel(&self, r: usize, c: usize) -> Option<&SelSumber> {
        self.baris.get(r).and_then(|row| row.get(c))
    }

    /// The text a cell shows as data: a covered cell shows nothing.
    pub(crate) fn teks(&self, r: usize, c: usize) -> &str {
        self.sel(r, c).filter(|s| s.asal.is_none()).map_or("", |s| s.teks.as_str())
    }

    /// The typed number of a cell, if the workbook stored one.
    pub(crate) fn angka(&self, r: usize, c: usize) -> Option<Decimal> {
        self.sel(r, c).filter(|s| s.asal.is_none()).and_then(|s| s.angka)
    }

    /// The text a header cell shows: a covered cell shows its merged area's text.
    pub(crate) fn teks_judul(&self, r: usize, c: usize) -> &str {
        match self.sel(r, c) {
            Some(SelSumber { asal: Some((ar, ac)), .. }) => self.sel(*ar, *ac).map_or("", |s| s.teks.as_str()),
            Some(s) => &s.teks,
            None => "",
        }
    }

    /// `Sheet!C12` for a cell of the grid.
    pub(crate) fn alamat(&self, r: usize, c: usize) -> String {
        format!("{}!{}", self.nama, a1(self.awal.0 + r, self.awal.1 + c))
    }

    pub(crate) fn kosong(&self) -> bool {
        self.baris.iter().flatten().all(|s| s.teks.is_empty() && s.angka.is_none())
    }
}

/// A1 name of a zero-based cell: (11, 2) → `C12`.
pub(crate) fn a1(r: usize, c: usize) -> String {
    let mut letters = Vec::new();
    let mut n = c + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), r + 1)
}

/// Places cells with their spans into a grid, as a browser lays out a table.
struct Penyusun {
    baris: Vec<Vec<SelSumber>>,
    terisi: std::collections::HashSet<(usize, usize)>,
    /// Cells laid out so far in the whole file (the tables before this one included).
    jumlah: usize,
}

impl Penyusun {
    fn new(jumlah: usize) -> Self {
        Penyusun { baris: Vec::new(), terisi: Default::default(), jumlah }
    }

    fn ensure(&mut self, r: usize, c: usize) {
        if self.baris.len() <= r {
            self.baris.resize_with(r + 1, Vec::new);
        }
        if self.baris[r].len() <= c {
            self.baris[r].resize_with(c + 1, SelSumber::default);
        }
    }

    /// Puts a cell at the first free column of row `r` from `c`; returns the column after it,
    /// or None when the table grew past [`SEL_MAKS`].
    fn taruh(&mut self, r: usize, mut c: usize, teks: String, rowspan: usize, colspan: usize) -> Option<usize> {
        while self.terisi.contains(&(r, c)) {
            c += 1;
        }
        self.jumlah += rowspan * colspan;
        if self.jumlah > SEL_MAKS {
            return None;
        }
        for dr in 0..rowspan {
            for dc in 0..colspan {
                let (rr, cc) = (r + dr, c + dc);
                self.ensure(rr, cc);
                self.terisi.insert((rr, cc));
                if (dr, dc) != (0, 0) {
                    self.baris[rr][cc].asal = Some((r, c));
                }
            }
        }
        self.baris[r][c].teks = teks;
        Some(c + colspan)
    }
}

/// Every table of an HTML document, each as a sheet named `Tabel` (`Tabel2`, … after the
/// first), and the document's text outside tables (titles such as "TAHUN ANGGARAN 2023").
pub(crate) fn dari_html(isi: &[u8]) -> Result<(Vec<LembarSumber>, String), String> {
    let text = teks_html(isi);
    let text = text.trim_start_matches('\u{feff}');
    if let Some((depth, line)) = sarang_terdalam(text) {
        return Err(format!(
            "tabel bersarang {depth} tingkat di baris {line}, lebih dari {TABEL_BERSARANG_MAKS} tingkat yang diterima"
        ));
    }
    let doc = Html::parse_document(text);
    let table = Selector::parse("table").expect("a valid selector");
    let tr = Selector::parse("tr").expect("a valid selector");
    let mut lembar = Vec::new();
    let mut jumlah = 0;
    for (t, tabel) in doc.select(&table).enumerate() {
        let mut penyusun = Penyusun::new(jumlah);
        let rows = tabel.select(&tr).filter(|row| tabel_terdekat(*row).is_some_and(|own| own.id() == tabel.id()));
        for (r, row) in rows.enumerate() {
            penyusun.ensure(r, 0);
            let mut c = 0;
            for cell in row.child_elements().filter(|e| matches!(e.value().name(), "td" | "th")) {
                let span = |name: &str, max: usize| {
                    cell.value()
                        .attr(name)
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .filter(|&n| n >= 1)
                        .map_or(1, |n| n.min(max))
                };
                let (rowspan, colspan) = (span("rowspan", 65_534), span("colspan", 1_000));
                c = penyusun.taruh(r, c, teks_sel(cell), rowspan, colspan).ok_or_else(|| {
                    format!(
                        "tabel ke-{} baris {}: tabel-tabel berkas ini melebihi {SEL_MAKS} sel (rowspan dan colspan dihitung)",
                        t + 1,
                        r + 1
                    )
                })?;
            }
        }
        jumlah = penyusun.jumlah;
        let nama = if t == 0 { "Tabel".to_owned() } else { format!("Tabel{}", t + 1) };
        lembar.push(LembarSumber::new(nama, penyusun.baris, (0, 0)));
    }
    // Titles stand above the table: the text before the first one, in document order.
    let mut luar = String::new();
    for node in doc.root_element().descendants() {
        match node.value() {
            Node::Element(e) if e.name() == "table" => break,
            Node::Text(t)
                if !node
                    .parent()
                    .and_then(|p| p.value().as_element())
                    .is_some_and(|e| matches!(e.name(), "script" | "style")) =>
            {
                luar.push_str(t);
                luar.push('\n');
            }
            _ => {}
        }
    }
    Ok((lembar, luar))
}

/// The text of an HTML file: by its byte-order mark, as UTF-8 when it is, else in the charset
/// its `<meta>` names, else windows-1252 (what a spreadsheet's "save as web page" writes).
fn teks_html(isi: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(isi) {
        return encoding.decode_without_bom_handling(&isi[bom..]).0;
    }
    if let Ok(text) = std::str::from_utf8(isi) {
        return text.into();
    }
    let head = String::from_utf8_lossy(&isi[..isi.len().min(4096)]).to_ascii_lowercase();
    let named = head.find("charset=").and_then(|i| {
        let label: String = head[i + "charset=".len()..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        encoding_rs::Encoding::for_label(label.as_bytes())
    });
    named.unwrap_or(encoding_rs::WINDOWS_1252).decode_without_bom_handling(isi).0
}

/// The deepest nesting of `<table>` elements, with the line where it passes
/// [`TABEL_BERSARANG_MAKS`], found in one pass over the text (a browser's layout of deeply
/// nested tables costs quadratic time).
fn sarang_terdalam(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'<') {
        let at = i + p;
        let rest = &bytes[at + 1..];
        let (close, name) = match rest.first() {
            Some(b'/') => (true, &rest[1..]),
            _ => (false, rest),
        };
        if name.len() >= 5
            && name[..5].eq_ignore_ascii_case(b"table")
            && name.get(5).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            if close {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                if depth > TABEL_BERSARANG_MAKS {
                    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                    return Some((depth, line));
                }
            }
        }
        i = at + 1;
    }
    None
}

fn tabel_terdekat(row: ElementRef<'_>) -> Option<ElementRef<'_>> {
    row.ancestors().filter_map(ElementRef::wrap).find(|e| e.value().name() == "table")
}

/// A cell's text: `<br>` and block elements break lines, whitespace collapses within a line.
fn teks_sel(cell: ElementRef<'_>) -> String {
    let mut raw = String::new();
    for node in cell.descendants().skip(1) {
        match node.value() {
            Node::Text(t) => raw.push_str(t),
            Node::Element(e) if matches!(e.name(), "br" | "p" | "div" | "li" | "tr") => raw.push('\n'),
            _ => {}
        }
    }
    baris_rapi(&raw)
}

/// Lines trimmed, inner whitespace single, empty lines dropped.
pub(crate) fn baris_rapi(raw: &str) -> String {
    raw.split('\n').map(super::rapikan).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Every sheet of a workbook (xlsx, xls, xlsb, ods), with its merged areas.
pub(crate) fn dari_buku(isi: &[u8]) -> Result<Vec<LembarSumber>, String> {
    let persen = crate::import::batas::sel_persen(isi);
    let mut buku = open_workbook_auto_from_rs(Cursor::new(isi)).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for nama in buku.sheet_names() {
        let range = buku.worksheet_range(&nama).map_err(|e| e.to_string())?;
        let gabungan = match &mut buku {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&nama).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&nama).unwrap_or_default(),
            _ => Vec::new(),
        };
        let (r0, c0) = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let persen = persen.get(&nama);
        let mut baris: Vec<Vec<SelSumber>> = range
            .rows()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, data)| {
                        let (teks, angka) = isi_sel(data);
                        let cell = ((r0 + r) as u32, (c0 + c) as u32);
                        match (angka, persen.is_some_and(|p| p.contains(&cell))) {
                            // A percent-formatted number (1 shown as 100%): the percent it shows,
                            // with its satuan, as the report's text cells write it.
                            (Some(n), true) => {
                                let shown = (n * Decimal::ONE_HUNDRED).normalize().to_string().replace('.', ",");
                                SelSumber { teks: format!("{shown} %"), angka: None, asal: None }
                            }
                            _ => SelSumber { teks, angka, asal: None },
                        }
                    })
                    .collect()
            })
            .collect();
        for area in gabungan {
            let (sr, sc) = (area.start.0 as usize, area.start.1 as usize);
            let (er, ec) = (area.end.0 as usize, area.end.1 as usize);
            if sr < r0 || sc < c0 {
                continue;
            }
            for r in sr..=er {
                for c in sc..=ec {
                    if (r, c) == (sr, sc) {
                        continue;
                    }
                    if let Some(sel) = baris.get_mut(r - r0).and_then(|row| row.get_mut(c - c0)) {
                        sel.asal = Some((sr - r0, sc - c0));
                    }
                }
            }
        }
        out.push(LembarSumber::new(nama, baris, (r0, c0)));
    }
    Ok(out)
}

fn isi_sel(data: &Data) -> (String, Option<Decimal>) {
    match data {
        Data::Empty => (String::new(), None),
        Data::String(s) => (baris_rapi(s), None),
        Data::Int(i) => (i.to_string(), Some(Decimal::from(*i))),
        // The shortest text that reads back as the stored double: what the cell shows.
        Data::Float(f) => {
            let text = f.to_string();
            let n = Decimal::from_str_exact(&text).ok();
            (text, n)
        }
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).to_owned(), None),
        other => (other.to_string(), None),
    }
}

/// Whether a workbook has a sheet whose first rows hold the report's header (for
/// [`super::kenali`]).
pub(crate) fn buku_berjudul_laporan(isi: &[u8]) -> bool {
    crate::import::batas::periksa_buku(isi).is_ok()
        && dari_buku(isi).is_ok_and(|lembar| lembar.iter().any(|l| super::report::cari_judul(l).is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 2), "C12");
        assert_eq!(a1(0, 26), "AA1");
    }

    #[test]
    fn spans_are_laid_out_as_a_browser_does() {
        let html = br#"<table><tr><td rowspan="2">No</td><td colspan="2">Capaian</td></tr>
            <tr><td>Target</td><td>Pagu<br>(Rp)</td></tr></table>"#;
        let (lembar, _) = dari_html(html).unwrap();
        let l = &lembar[0];
        assert_eq!((l.teks(1, 1), l.teks(1, 2)), ("Target", "Pagu\n(Rp)"));
        assert_eq!((l.teks(1, 0), l.teks_judul(1, 0), l.teks_judul(0, 2)), ("", "No", "Capaian"));
        assert_eq!(l.baris[0][2].asal, Some((0, 1)));
    }
}
