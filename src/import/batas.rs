//! Limits of what an imported workbook may make renja allocate, checked from the zip's own
//! directory and from the cells' addresses in the sheet XML before calamine reads a cell:
//! calamine lays a sheet out as one dense grid from its first to its last used cell, so a single
//! value typed at `XFD1048576` would ask for 17 billion cells.

use std::io::Read;

use crate::diagnostic::Diagnostic;

/// The most bytes the parts of an `.xlsx` may decompress to, together.
pub const BUKU_BAIT_MAKS: u64 = 256 * 1024 * 1024;

/// The most cells the used range of one sheet may span (from its first to its last used row
/// and column), as for an HTML table.
pub const SEL_LEMBAR_MAKS: u64 = 4_000_000;

/// Checks an `.xlsx` (any zip) against [`BUKU_BAIT_MAKS`] and [`SEL_LEMBAR_MAKS`]; `Ok` for
/// anything that is not a zip (calamine's own errors then speak). The error is located at the
/// sheet's farthest cell, or names the part that is too large.
pub fn periksa_buku(isi: &[u8]) -> Result<(), Vec<Diagnostic>> {
    if !isi.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(isi)) else { return Ok(()) };
    let mut total: u64 = 0;
    let mut sheets = Vec::new();
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else { continue };
        total = total.saturating_add(entry.size());
        let Ok(name) = entry.name().map(std::borrow::Cow::into_owned) else { continue };
        if total > BUKU_BAIT_MAKS {
            return Err(vec![terlalu_besar(&name, total)]);
        }
        if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
            sheets.push(name);
        }
    }
    let names = nama_lembar(&mut zip);
    for part in sheets {
        let Ok(entry) = zip.by_name(&part) else { continue };
        // The declared size was bounded above; the read is bounded too, should it lie.
        let mut xml = Vec::new();
        if entry.take(BUKU_BAIT_MAKS + 1).read_to_end(&mut xml).is_err() {
            continue;
        }
        if xml.len() as u64 > BUKU_BAIT_MAKS {
            return Err(vec![terlalu_besar(&part, xml.len() as u64)]);
        }
        let lembar = names.iter().find(|(_, target)| part.ends_with(target.as_str())).map_or_else(
            || part.trim_start_matches("xl/worksheets/").trim_end_matches(".xml").to_owned(),
            |(name, _)| name.clone(),
        );
        if let Some(((r0, c0), (r1, c1))) = rentang(&xml) {
            let area = (r1 - r0 + 1).saturating_mul(c1 - c0 + 1);
            if area > SEL_LEMBAR_MAKS {
                let jauh = crate::import::sipd_ri::alamat_sel(r1 as usize, c1 as usize);
                let dekat = crate::import::sipd_ri::alamat_sel(r0 as usize, c0 as usize);
                return Err(vec![
                    Diagnostic::error(
                        "sumber.terlalu_besar",
                        format!("lembar {lembar} terlalu luas: sel terisi dari {dekat} sampai {jauh}"),
                    )
                    .path(format!("{lembar}!{jauh}"))
                    .expected(format!(
                        "rentang terisi paling banyak {SEL_LEMBAR_MAKS} sel (mis. 4.000 baris × 1.000 kolom)"
                    ))
                    .found(format!("{} baris × {} kolom = {area} sel", r1 - r0 + 1, c1 - c0 + 1))
                    .hint(format!(
                        "hapus isi sel {lembar}!{jauh} (dan sel lain jauh di luar tabel), simpan, lalu impor lagi"
                    )),
                ]);
            }
        }
    }
    Ok(())
}

/// The cells of each sheet (by name) whose number format is a percent (`0%`, `0.00%`, or a
/// custom format with `%`): a spreadsheet stores 100 % there as the number 1, which calamine
/// hands over without its format. Empty where the workbook cannot be read this way.
pub(crate) fn sel_persen(isi: &[u8]) -> std::collections::HashMap<String, std::collections::HashSet<(u32, u32)>> {
    let mut out = std::collections::HashMap::new();
    if !isi.starts_with(b"PK\x03\x04") || periksa_buku(isi).is_err() {
        return out;
    }
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(isi)) else { return out };
    let mut styles = String::new();
    if let Ok(entry) = zip.by_name("xl/styles.xml") {
        let _ = entry.take(BUKU_BAIT_MAKS).read_to_string(&mut styles);
    }
    let persen = gaya_persen(&styles);
    if persen.is_empty() {
        return out;
    }
    for (name, target) in nama_lembar(&mut zip) {
        let mut xml = Vec::new();
        let Ok(entry) = zip.by_name(&format!("xl/{target}")) else { continue };
        if entry.take(BUKU_BAIT_MAKS).read_to_end(&mut xml).is_err() {
            continue;
        }
        let mut cells = std::collections::HashSet::new();
        let mut i = 0;
        while let Some(found) = memchr_c(&xml[i..]) {
            let start = i + found;
            let Some(end) = xml[start..].iter().position(|&b| b == b'>').map(|e| start + e) else { break };
            let tag = String::from_utf8_lossy(&xml[start + 2..end]).into_owned();
            i = end + 1;
            let style = atribut(tag.trim_end_matches('/'), "s").and_then(|s| s.parse::<usize>().ok());
            if let (Some(style), Some(r)) = (style, atribut(tag.trim_end_matches('/'), "r"))
                && persen.contains(&style)
                && let Some((row, col)) = sel_a1(r.as_bytes())
            {
                cells.insert((row as u32, col as u32));
            }
        }
        if !cells.is_empty() {
            out.insert(name, cells);
        }
    }
    out
}

/// The indexes of `cellXfs` whose number format shows a percent: built-in 9 and 10, or a custom
/// `numFmt` whose code holds `%` outside quotes.
fn gaya_persen(styles: &str) -> std::collections::HashSet<usize> {
    let mut custom = std::collections::HashSet::new();
    for tag in styles.split("<numFmt ").skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        if let (Some(id), Some(code)) = (atribut(tag, "numFmtId"), atribut(tag, "formatCode")) {
            let code = code.replace("&quot;", "\"");
            let bare: String = code.split('"').step_by(2).collect();
            if bare.replace("\\%", "").contains('%') {
                custom.insert(id);
            }
        }
    }
    let Some(xfs) = styles.split("<cellXfs").nth(1).and_then(|s| s.split("</cellXfs>").next()) else {
        return Default::default();
    };
    xfs.split("<xf ")
        .skip(1)
        .enumerate()
        .filter_map(|(i, tag)| {
            let tag = tag.split('>').next().unwrap_or("");
            let id = atribut(tag, "numFmtId").unwrap_or_else(|| "0".to_owned());
            (id == "9" || id == "10" || custom.contains(&id)).then_some(i)
        })
        .collect()
}

fn terlalu_besar(part: &str, bytes: u64) -> Diagnostic {
    Diagnostic::error("sumber.terlalu_besar", "buku kerja terlalu besar setelah diekstrak")
        .path(part.to_owned())
        .expected(format!("isi buku kerja paling banyak {} MB setelah diekstrak", BUKU_BAIT_MAKS / (1024 * 1024)))
        .found(format!("sedikitnya {} MB (bagian {part})", bytes / (1024 * 1024)))
        .hint("buka berkasnya di aplikasi lembar kerja, hapus isi di luar tabel laporan, lalu simpan ulang")
}

/// Sheet names with the part each is stored in (`("Renja", "worksheets/sheet1.xml")`), from
/// `xl/workbook.xml` and its relationships; empty where they cannot be read.
fn nama_lembar<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Vec<(String, String)> {
    let mut read = |name: &str| -> String {
        let mut s = String::new();
        if let Ok(entry) = zip.by_name(name) {
            let _ = entry.take(16 * 1024 * 1024).read_to_string(&mut s);
        }
        s
    };
    let workbook = read("xl/workbook.xml");
    let rels = read("xl/_rels/workbook.xml.rels");
    let mut out = Vec::new();
    for tag in workbook.split("<sheet ").skip(1) {
        let tag = tag.split('>').next().unwrap_or("");
        let (Some(name), Some(id)) = (atribut(tag, "name"), atribut(tag, "r:id")) else { continue };
        let target = rels.split("<Relationship ").skip(1).find_map(|rel| {
            let rel = rel.split('>').next().unwrap_or("");
            (atribut(rel, "Id").as_deref() == Some(id.as_str())).then(|| atribut(rel, "Target")).flatten()
        });
        if let Some(target) = target {
            let name = name.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
            out.push((name, target.trim_start_matches('/').trim_start_matches("xl/").to_owned()));
        }
    }
    out
}

fn atribut(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let padded = format!(" {tag}");
    let at = padded.find(&key)? + key.len();
    Some(padded[at..].split('"').next()?.to_owned())
}

/// The rows and columns (zero-based) of the first and last cell that holds something: every
/// `<c r="…">` element that is not empty (`<c r="…" s="1"/>` holds only a style, as a formatted
/// blank, and calamine leaves it out).
fn rentang(xml: &[u8]) -> Option<((u64, u64), (u64, u64))> {
    let mut bounds: Option<((u64, u64), (u64, u64))> = None;
    let mut i = 0;
    while let Some(found) = memchr_c(&xml[i..]) {
        let start = i + found;
        let end = match xml[start..].iter().position(|&b| b == b'>') {
            Some(e) => start + e,
            None => break,
        };
        let tag = &xml[start..end];
        i = end + 1;
        if tag.ends_with(b"/") {
            continue;
        }
        let Some(r) = find(tag, b" r=\"").map(|p| p + 4) else { continue };
        let Some(len) = tag[r..].iter().position(|&b| b == b'"') else { continue };
        let Some((row, col)) = sel_a1(&tag[r..r + len]) else { continue };
        bounds = Some(match bounds {
            None => ((row, col), (row, col)),
            Some(((r0, c0), (r1, c1))) => ((r0.min(row), c0.min(col)), (r1.max(row), c1.max(col))),
        });
    }
    bounds
}

/// The next `<c ` or `<c>` element (not `<col`, `<cols`, `<cfRule`).
fn memchr_c(xml: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = find(&xml[from..], b"<c") {
        let at = from + p;
        match xml.get(at + 2) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'>') => return Some(at),
            _ => from = at + 2,
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `XFD1048576` → (1048575, 16383).
fn sel_a1(a1: &[u8]) -> Option<(u64, u64)> {
    let letters = a1.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 || letters == a1.len() {
        return None;
    }
    let mut col: u64 = 0;
    for b in &a1[..letters] {
        col = col * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u64 = std::str::from_utf8(&a1[letters..]).ok()?.parse().ok()?;
    (row >= 1).then(|| (row - 1, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_and_ranges_are_read_from_the_sheet_xml() {
        assert_eq!(sel_a1(b"XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(sel_a1(b"C12"), Some((11, 2)));
        let xml = br#"<sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="Z9" s="1"/></row>
            <row r="40"><c r="D40"><v>1</v></c></row><cols><col min="1"/></cols></sheetData>"#;
        assert_eq!(rentang(xml), Some(((1, 1), (39, 3))));
    }

    #[test]
    fn percent_styles_are_told_from_the_number_formats() {
        let styles = r#"<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/>
            <numFmt numFmtId="165" formatCode="&quot;%&quot;0"/></numFmts>
            <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/>
            <xf numFmtId="164"><alignment wrapText="1"/></xf><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs>"#;
        let mut found: Vec<usize> = gaya_persen(styles).into_iter().collect();
        found.sort_unstable();
        assert_eq!(found, [1, 2, 4]);
    }
}
