//! Narrative fields: a small Markdown subset plus `{{ nama }}` placeholders for computed facts.
//!
//! The subset: paragraphs, ordered and bulleted lists (nested), `*emphasis*` for foreign terms and
//! `**strong**`. Anything else Markdown knows (headings, code, links, HTML…) is kept as its plain
//! text. A placeholder is `{{`, a name from [`Facts`], `}}`; nothing else is evaluated: no tags,
//! filters or expressions, and the text is never run as a template.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::compute::{Computed, Predikat, Rasio};
use crate::format;
use crate::plan::{IndikatorEvaluasi, Nilai, Plan};

/// A parsed prose field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "jenis", rename_all = "snake_case")]
pub enum Block {
    Paragraf { isi: Vec<Inline> },
    Daftar { butir: Vec<Butir> },
}

/// A list item with its printed marker ("1.", "a.", "(1)", "-").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Butir {
    pub penanda: String,
    pub isi: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "jenis", content = "isi", rename_all = "snake_case")]
pub enum Inline {
    Teks(String),
    Miring(Vec<Inline>),
    Tebal(Vec<Inline>),
    BarisBaru,
}

/// A placeholder that names no known fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownPlaceholder {
    pub name: String,
    /// Byte range of `{{ … }}` within the field's text.
    pub range: Range<usize>,
    pub suggestion: Option<String>,
}

/// The facts a placeholder can name, already formatted for print.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    values: BTreeMap<String, String>,
}

impl Facts {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.values.insert(name.into(), value.into());
    }

    /// Every fact of a plan. The fixed names are documented in the README; the numbered ones
    /// follow Tabel 2.1 (program N, kegiatan M of program N, both from 1).
    pub fn of(plan: &Plan, computed: &Computed) -> Facts {
        let id = &plan.identitas;
        let desimal = plan.pengaturan.desimal_persen;
        let mut facts = Facts::default();
        facts.insert("tahun", id.tahun.to_string());
        facts.insert("tahun_n1", (id.tahun - 1).to_string());
        facts.insert("tahun_n2", (id.tahun - 2).to_string());
        facts.insert("tahun_n3", (id.tahun - 3).to_string());
        facts.insert("tahun_maju", (id.tahun + 1).to_string());
        facts.insert("periode_renstra", format!("{}-{}", id.periode_renstra.awal, id.periode_renstra.akhir));
        facts.insert("pemda", id.pemda.clone());
        facts.insert("perangkat_daerah", id.perangkat_daerah.clone());
        facts.insert("kepala_daerah", id.kepala_daerah.clone());
        let counts = [
            ("jumlah_program", computed.jumlah_program),
            ("jumlah_kegiatan", computed.jumlah_kegiatan),
            ("jumlah_sub_kegiatan", computed.jumlah_sub_kegiatan),
            ("jumlah_program_evaluasi", computed.jumlah_program_evaluasi),
            ("jumlah_kegiatan_evaluasi", computed.jumlah_kegiatan_evaluasi),
        ];
        for (name, count) in counts {
            facts.insert(name, count.to_string());
            facts.insert(format!("{name}_terbilang"), format::terbilang_bulat(count as u64));
        }
        let jumlah = &computed.jumlah;
        facts.insert("total_pagu", format::rupiah(jumlah.pagu));
        facts.insert(
            "total_pagu_terbilang",
            format::terbilang(jumlah.pagu).unwrap_or_else(|| format::rupiah(jumlah.pagu)),
        );
        facts.insert("total_pagu_maju", jumlah.pagu_maju.map_or_else(|| "-".to_owned(), format::rupiah));
        facts.insert("total_pagu_rkpd", jumlah.pagu_rkpd.map_or_else(|| "-".to_owned(), format::rupiah));
        tingkat_facts(plan, computed, &mut facts);
        // The band of a rate, in lower case to sit inside a sentence: "sangat tinggi".
        let predikat = |p: Option<Predikat>| p.map_or_else(|| "-".to_owned(), |p| p.label().to_lowercase());
        let rate = |r: Rasio| r.nilai().map_or_else(|| "-".to_owned(), |v| format::persen(v, desimal));
        let value = |v: &Option<Nilai>, ind: &IndikatorEvaluasi| {
            v.as_ref().map_or_else(|| "-".to_owned(), |n| format::nilai(n.angka, &ind.satuan))
        };
        for (i, (program, hasil)) in plan.evaluasi.program.iter().zip(&computed.evaluasi).enumerate() {
            let n = i + 1;
            facts.insert(format!("tingkat_realisasi_program_{n}"), rate(hasil.program.tingkat_realisasi));
            facts.insert(format!("predikat_program_{n}"), predikat(hasil.program.predikat));
            facts.insert(format!("target_program_{n}"), value(&program.indikator.target_n2, &program.indikator));
            facts.insert(format!("realisasi_program_{n}"), value(&program.indikator.realisasi_n2, &program.indikator));
            for (j, kegiatan) in hasil.kegiatan.iter().enumerate() {
                facts.insert(
                    format!("tingkat_realisasi_kegiatan_{n}_{}", j + 1),
                    rate(kegiatan.baris.tingkat_realisasi),
                );
                facts.insert(format!("predikat_kegiatan_{n}_{}", j + 1), predikat(kegiatan.baris.predikat));
            }
        }
        facts
    }

    /// Replaces every placeholder in a one-line [`crate::plan::Teks`].
    pub fn fill(&self, text: &str) -> Result<String, Vec<UnknownPlaceholder>> {
        let mut out = String::with_capacity(text.len());
        let mut unknown = Vec::new();
        let mut rest = 0;
        for found in placeholders(text) {
            out.push_str(&text[rest..found.range.start]);
            rest = found.range.end;
            match self.get(found.name) {
                Some(value) => out.push_str(value),
                None => unknown.push(self.unknown(found)),
            }
        }
        out.push_str(&text[rest..]);
        if unknown.is_empty() { Ok(out) } else { Err(unknown) }
    }

    fn unknown(&self, found: Placeholder<'_>) -> UnknownPlaceholder {
        let names: Vec<String> = self.values.keys().cloned().collect();
        UnknownPlaceholder {
            name: found.name.to_owned(),
            range: found.range,
            suggestion: crate::diagnostic::suggest(found.name, &names).map(str::to_owned),
        }
    }
}

struct Placeholder<'t> {
    name: &'t str,
    range: Range<usize>,
}

/// Finds `{{ … }}` spans. The inside is trimmed and taken whole as a name: `{{ a + b }}` is the
/// (unknown) name "a + b", never an expression.
fn placeholders(text: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| from + i) {
        let Some(close) = text[open + 2..].find("}}").map(|i| open + 2 + i) else { break };
        found.push(Placeholder { name: text[open + 2..close].trim(), range: open..close + 2 });
        from = close + 2;
    }
    found
}

/// A parsed prose field, and the placeholders in it that name no fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub blocks: Vec<Block>,
    /// Printed as written (`{{ jumlah_progam }}`), so that no draft loses text; `check`
    /// reports each as an error.
    pub unknown: Vec<UnknownPlaceholder>,
}

/// Parses a prose field into blocks, with its known placeholders filled in and the unknown
/// ones kept literally.
pub fn parse(text: &str, facts: &Facts) -> Parsed {
    // Placeholders first, on the raw text, so a fact's value is never read as Markdown and a
    // placeholder's position is the one the planner typed.
    let mut unknown = Vec::new();
    let mut filled = String::with_capacity(text.len());
    let mut rest = 0;
    // Facts go in as private-use sentinels and come back out of the parsed text unchanged.
    let mut values = Vec::new();
    for found in placeholders(text) {
        filled.push_str(&text[rest..found.range.start]);
        rest = found.range.end;
        match facts.get(found.name) {
            Some(value) => {
                filled.push(sentinel(values.len()));
                values.push(value.to_owned());
            }
            None => {
                // As written, and never read as Markdown either.
                filled.push(sentinel(values.len()));
                values.push(text[found.range.clone()].to_owned());
                unknown.push(facts.unknown(found));
            }
        }
    }
    filled.push_str(&text[rest..]);
    let mut builder = Builder { source: &filled, values: &values, stack: vec![Frame::Root(Vec::new())] };
    for (event, range) in Parser::new_ext(&filled, Options::empty()).into_offset_iter() {
        builder.event(event, range);
    }
    Parsed { blocks: builder.finish(), unknown }
}

/// Sentinels live in Unicode's Supplementary Private Use Area-B, which Markdown treats as text.
const SENTINEL_BASE: u32 = 0x10_0000;

fn sentinel(index: usize) -> char {
    char::from_u32(SENTINEL_BASE + index as u32).unwrap_or('\u{FFFD}')
}

fn restore(text: &str, values: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let code = ch as u32;
        match code.checked_sub(SENTINEL_BASE).and_then(|i| values.get(i as usize)) {
            Some(value) => out.push_str(value),
            None => out.push(ch),
        }
    }
    out
}

enum Frame {
    Root(Vec<Block>),
    Paragraph(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    /// A list: ordered start (None for bullets), delimiter, depth, items so far.
    List {
        start: Option<u64>,
        paren: bool,
        items: Vec<Butir>,
    },
    Item(Vec<Block>),
}

struct Builder<'s> {
    source: &'s str,
    values: &'s [String],
    stack: Vec<Frame>,
}

impl Builder<'_> {
    fn list_depth(&self) -> usize {
        self.stack.iter().filter(|f| matches!(f, Frame::List { .. })).count()
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                self.stack.push(Frame::Paragraph(Vec::new()))
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                if let Some(Frame::Paragraph(inlines)) = self.stack.pop() {
                    self.push_block(Block::Paragraf { isi: trim_inlines(inlines) });
                }
            }
            Event::Start(Tag::Emphasis) => self.stack.push(Frame::Emphasis(Vec::new())),
            Event::Start(Tag::Strong) => self.stack.push(Frame::Strong(Vec::new())),
            Event::End(TagEnd::Emphasis) => {
                if let Some(Frame::Emphasis(inlines)) = self.stack.pop() {
                    self.push_inline(Inline::Miring(inlines));
                }
            }
            Event::End(TagEnd::Strong) => {
                if let Some(Frame::Strong(inlines)) = self.stack.pop() {
                    self.push_inline(Inline::Tebal(inlines));
                }
            }
            Event::Start(Tag::List(start)) => {
                self.close_implicit_paragraph();
                // The delimiter ("1." or "1)") is not in the event; read it where the list starts.
                let marker = &self.source[range.start..];
                let paren = start.is_some()
                    && marker.trim_start().trim_start_matches(|c: char| c.is_ascii_digit()).starts_with(')');
                self.stack.push(Frame::List { start, paren, items: Vec::new() });
            }
            Event::End(TagEnd::List(_)) => {
                self.close_implicit_paragraph();
                if let Some(Frame::List { items, .. }) = self.stack.pop() {
                    self.push_block(Block::Daftar { butir: items });
                }
            }
            Event::Start(Tag::Item) => self.stack.push(Frame::Item(Vec::new())),
            Event::End(TagEnd::Item) => {
                self.close_implicit_paragraph();
                let Some(Frame::Item(blocks)) = self.stack.pop() else { return };
                let depth = self.list_depth();
                if let Some(Frame::List { start, paren, items }) = self.stack.last_mut() {
                    let number = start.map(|s| s + items.len() as u64);
                    let (penanda, isi) = marker(number, *paren, depth, blocks);
                    items.push(Butir { penanda, isi });
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                let text = restore(&text, self.values);
                self.push_text(&text);
            }
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.push_inline(Inline::BarisBaru),
            // Links and images keep their text; rules and the rest have no text of their own.
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        // Text directly inside a list item (a "tight" list) forms an implicit paragraph.
        if matches!(self.stack.last(), Some(Frame::Item(_) | Frame::Root(_))) {
            self.stack.push(Frame::Paragraph(Vec::new()));
        }
        if let Some(Frame::Paragraph(v) | Frame::Emphasis(v) | Frame::Strong(v)) = self.stack.last_mut() {
            if let Some(Inline::Teks(last)) = v.last_mut() {
                last.push_str(text);
            } else {
                v.push(Inline::Teks(text.to_owned()));
            }
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        if matches!(self.stack.last(), Some(Frame::Item(_) | Frame::Root(_))) {
            self.stack.push(Frame::Paragraph(Vec::new()));
        }
        if let Some(Frame::Paragraph(v) | Frame::Emphasis(v) | Frame::Strong(v)) = self.stack.last_mut() {
            v.push(inline);
        }
    }

    fn push_block(&mut self, block: Block) {
        self.close_implicit_paragraph();
        // pulldown-cmark never opens a block inside an inline frame.
        if let Some(Frame::Root(blocks) | Frame::Item(blocks)) = self.stack.last_mut() {
            blocks.push(block);
        }
    }

    fn close_implicit_paragraph(&mut self) {
        let implicit = matches!(self.stack.last(), Some(Frame::Paragraph(_)))
            && matches!(self.stack.iter().rev().nth(1), Some(Frame::Item(_) | Frame::Root(_)));
        if implicit && let Some(Frame::Paragraph(inlines)) = self.stack.pop() {
            self.push_block(Block::Paragraf { isi: trim_inlines(inlines) });
        }
    }

    fn finish(mut self) -> Vec<Block> {
        // Close anything left open (an unterminated emphasis is kept as text by the parser).
        while self.stack.len() > 1 {
            match self.stack.pop() {
                Some(Frame::Paragraph(inlines) | Frame::Emphasis(inlines) | Frame::Strong(inlines)) => {
                    self.push_block(Block::Paragraf { isi: inlines })
                }
                Some(Frame::Item(blocks)) => blocks.into_iter().for_each(|b| self.push_block(b)),
                Some(Frame::List { items, .. }) => self.push_block(Block::Daftar { butir: items }),
                _ => {}
            }
        }
        match self.stack.pop() {
            Some(Frame::Root(blocks)) => blocks,
            _ => Vec::new(),
        }
    }
}

/// The printed marker of a list item. Ordered lists: "1." at the top level and "a." nested;
/// written with ")" they print "1)" and "(1)". A bullet item that starts with its own label
/// ("a. ", "(1) ", "2) ") uses that label; other bullets print "-".
fn marker(number: Option<u64>, paren: bool, depth: usize, mut blocks: Vec<Block>) -> (String, Vec<Block>) {
    let penanda = match number {
        Some(n) if depth <= 1 && paren => format!("{n})"),
        Some(n) if depth <= 1 => format!("{n}."),
        Some(n) if paren => format!("({n})"),
        Some(n) => format!("{}.", letter(n)),
        None => match take_label(&mut blocks) {
            Some(label) => label,
            None => "-".to_owned(),
        },
    };
    (penanda, blocks)
}

fn letter(n: u64) -> String {
    // a … z, then aa, ab … as spreadsheets do.
    let mut n = n.max(1);
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Takes an explicit label like "a.", "(1)", "2)" off the start of a bullet item.
fn take_label(blocks: &mut [Block]) -> Option<String> {
    let Some(Block::Paragraf { isi }) = blocks.first_mut() else { return None };
    let Some(Inline::Teks(text)) = isi.first_mut() else { return None };
    let (label, rest) = text.split_once(' ')?;
    let core = label.strip_prefix('(').and_then(|l| l.strip_suffix(')')).map(|c| (c, true));
    let core = core.or_else(|| label.strip_suffix('.').or_else(|| label.strip_suffix(')')).map(|c| (c, false)));
    let (core, _) = core?;
    let is_label = (!core.is_empty() && core.len() <= 3 && core.bytes().all(|b| b.is_ascii_digit()))
        || (core.len() == 1 && core.bytes().all(|b| b.is_ascii_lowercase()));
    if !is_label {
        return None;
    }
    let label = label.to_owned();
    *text = rest.trim_start().to_owned();
    Some(label)
}

fn trim_inlines(mut inlines: Vec<Inline>) -> Vec<Inline> {
    if let Some(Inline::Teks(text)) = inlines.first_mut() {
        *text = text.trim_start().to_owned();
    }
    if let Some(Inline::Teks(text)) = inlines.last_mut() {
        *text = text.trim_end().to_owned();
    }
    inlines.retain(|i| !matches!(i, Inline::Teks(t) if t.is_empty()));
    inlines
}

/// The plain text of blocks, for tests and search.
pub fn plain_text(blocks: &[Block]) -> String {
    fn inline(out: &mut String, items: &[Inline]) {
        for item in items {
            match item {
                Inline::Teks(t) => out.push_str(t),
                Inline::Miring(v) | Inline::Tebal(v) => inline(out, v),
                Inline::BarisBaru => out.push('\n'),
            }
        }
    }
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraf { isi } => {
                inline(&mut out, isi);
                out.push('\n');
            }
            Block::Daftar { butir } => {
                for b in butir {
                    out.push_str(&b.penanda);
                    out.push(' ');
                    out.push_str(&plain_text(&b.isi));
                }
            }
        }
    }
    out
}

/// The byte offsets at which `text` names `tahun` as a number of its own: not inside a longer
/// figure, a decimal or a code (`12019`, `1.2019`, `20191`).
pub fn posisi_tahun(text: &str, tahun: i32) -> Vec<usize> {
    let year = tahun.to_string();
    text.match_indices(&year)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + year.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit() || c == '.') && !after.is_some_and(|c| c.is_ascii_digit())
        })
        .map(|(i, _)| i)
        .collect()
}

/// The placeholder that names the year `offset` years from the plan's year, as [`Facts`]
/// defines them: `tahun_n3` … `tahun`, `tahun_maju`.
pub fn nama_tahun_relatif(offset: i32) -> Option<&'static str> {
    match offset {
        -3 => Some("tahun_n3"),
        -2 => Some("tahun_n2"),
        -1 => Some("tahun_n1"),
        0 => Some("tahun"),
        1 => Some("tahun_maju"),
        _ => None,
    }
}

/// One literal year written as a placeholder by [`tahun_relatif`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TahunDiganti {
    pub tahun: i32,
    pub placeholder: &'static str,
}

/// `text`, written for the plan year `tahun_dokumen`, with every literal year from n-3 to n+1
/// written as its placeholder (`2019` → `{{ tahun }}`), so that it follows the plan's year.
/// A year that cites a regulation ("Nomor 44 Tahun 2017"), bounds a period ("2016-2021"), ends
/// a reference number ("050/601/2018") or stands inside a placeholder stays as written.
pub fn tahun_relatif(text: &str, tahun_dokumen: i32) -> (String, Vec<TahunDiganti>) {
    let inside: Vec<Range<usize>> = placeholders(text).into_iter().map(|p| p.range).collect();
    let mut found: Vec<(usize, i32, &'static str)> = Vec::new();
    for offset in -3..=1 {
        let (Some(tahun), Some(name)) = (tahun_dokumen.checked_add(offset), nama_tahun_relatif(offset)) else {
            continue;
        };
        let panjang = tahun.to_string().len();
        for at in posisi_tahun(text, tahun) {
            let end = at + panjang;
            // Part of a reference number ("…/35.07.202/2018"): not a year of the plan.
            let kode = text[..at].ends_with('/') || text[end..].starts_with('/');
            if inside.iter().any(|r| r.contains(&at))
                || kutipan_peraturan(&text[..at])
                || periode(text, at, end)
                || kode
            {
                continue;
            }
            found.push((at, tahun, name));
        }
    }
    found.sort_unstable_by_key(|f| f.0);
    let mut out = String::with_capacity(text.len() + found.len() * 8);
    let mut rest = 0;
    let mut diganti = Vec::with_capacity(found.len());
    for (at, tahun, placeholder) in found {
        out.push_str(&text[rest..at]);
        out.push_str("{{ ");
        out.push_str(placeholder);
        out.push_str(" }}");
        rest = at + tahun.to_string().len();
        diganti.push(TahunDiganti { tahun, placeholder });
    }
    out.push_str(&text[rest..]);
    (out, diganti)
}

/// Whether the text before a year ends as a regulation's citation: "Nomor 44 Tahun ", "No. 5
/// tahun ".
fn kutipan_peraturan(before: &str) -> bool {
    // The last few words only: the cost stays that of the year's neighbourhood.
    let mut from = before.len().saturating_sub(80);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let lower = before[from..].to_lowercase();
    let Some(rest) = lower.trim_end().strip_suffix("tahun") else { return false };
    let rest = rest.trim_end();
    let Some(cut) = rest.rfind(char::is_whitespace) else { return false };
    let head = rest[..cut].trim_end();
    head.ends_with("nomor") || head.ends_with("no.") || head.ends_with("no")
}

/// Whether the year at `at..end` bounds a period of years ("2016-2021", "2016 – 2021").
fn periode(text: &str, at: usize, end: usize) -> bool {
    let dash = |c: char| matches!(c, '-' | '–' | '—' | '/');
    let before = text[..at].trim_end();
    let after = text[end..].trim_start();
    let year_before = before
        .strip_suffix(dash)
        .map(str::trim_end)
        .is_some_and(|b| b.len() >= 4 && b.as_bytes()[b.len() - 4..].iter().all(u8::is_ascii_digit));
    let year_after = after
        .strip_prefix(dash)
        .map(str::trim_start)
        .is_some_and(|a| a.len() >= 4 && a.as_bytes()[..4].iter().all(u8::is_ascii_digit));
    year_before || year_after
}

/// The totals of each level of the plan: `pagu_program_1`, `pagu_kegiatan_1_2` and
/// `pagu_sub_kegiatan_1_2_3` (numbered as the plan lists them), and `jumlah_sub_kegiatan_1_2`.
fn tingkat_facts(plan: &Plan, computed: &Computed, facts: &mut Facts) {
    for (i, (program, pagu)) in plan.rencana.program.iter().zip(computed.program.iter().map(|h| &h.pagu)).enumerate() {
        let n = i + 1;
        facts.insert(format!("pagu_program_{n}"), format::rupiah(pagu.pagu));
        for (j, (kegiatan, pk)) in program.kegiatan.iter().zip(&computed.program[i].kegiatan).enumerate() {
            let m = j + 1;
            facts.insert(format!("pagu_kegiatan_{n}_{m}"), format::rupiah(pk.pagu));
            facts.insert(format!("jumlah_sub_kegiatan_{n}_{m}"), kegiatan.sub_kegiatan.len().to_string());
            for (k, sub) in kegiatan.sub_kegiatan.iter().enumerate() {
                let pagu = sub.pagu.map_or_else(|| "-".to_owned(), |p| format::rupiah(p.0));
                facts.insert(format!("pagu_sub_kegiatan_{n}_{m}_{}", k + 1), pagu);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        let mut facts = Facts::default();
        facts.insert("tahun", "2019");
        facts.insert("jumlah_program", "4");
        facts
    }

    fn para(text: &str) -> Block {
        Block::Paragraf { isi: vec![Inline::Teks(text.to_owned())] }
    }

    #[test]
    fn paragraphs_emphasis_and_placeholders() {
        let blocks =
            parse("Tahun {{ tahun }} ada {{jumlah_program}} program (*Good Governance*).\n\nLagi.", &facts()).blocks;
        assert_eq!(
            blocks,
            vec![
                Block::Paragraf {
                    isi: vec![
                        Inline::Teks("Tahun 2019 ada 4 program (".into()),
                        Inline::Miring(vec![Inline::Teks("Good Governance".into())]),
                        Inline::Teks(").".into()),
                    ]
                },
                para("Lagi."),
            ]
        );
    }

    #[test]
    fn unknown_placeholder_is_located_with_a_suggestion() {
        let parsed = parse("Pada {{ tahn }} dan {{ a + b }}", &facts());
        // Printed as written: a draft loses no text.
        assert_eq!(parsed.blocks, vec![para("Pada {{ tahn }} dan {{ a + b }}")]);
        let err = parsed.unknown;
        assert_eq!(err.len(), 2);
        assert_eq!(err[0].name, "tahn");
        assert_eq!(err[0].range, 5..15);
        assert_eq!(err[0].suggestion.as_deref(), Some("tahun"));
        assert_eq!(err[1].name, "a + b");
    }

    #[test]
    fn list_markers_follow_depth_and_delimiter() {
        let blocks = parse("1) satu\n   1. sub a\n   2. sub b\n2) dua\n\n- a. label\n- biasa", &facts()).blocks;
        let text = plain_text(&blocks);
        assert_eq!(text, "1) satu\na. sub a\nb. sub b\n2) dua\na. label\n- biasa\n");
    }

    #[test]
    fn typst_and_jinja_syntax_stay_text() {
        let text = "#read(\"/etc/hostname\") $y$ @ref #{1+1} {% if %} <l>";
        let blocks = parse(text, &facts()).blocks;
        assert_eq!(blocks, vec![para(text)]);
    }

    #[test]
    fn literal_years_become_relative_except_citations_and_periods() {
        let text = "Renja Tahun 2019 melanjutkan tahun 2018 dan 2016 (menuju 2020), berpedoman pada Peraturan \
                    Bupati Nomor 44 Tahun 2017, Renstra 2016-2021, surat 050/601/2018, kode 12019 dan {{ tahun }}.";
        let (out, diganti) = tahun_relatif(text, 2019);
        assert_eq!(
            out,
            "Renja Tahun {{ tahun }} melanjutkan tahun {{ tahun_n1 }} dan {{ tahun_n3 }} (menuju {{ tahun_maju }}), \
             berpedoman pada Peraturan Bupati Nomor 44 Tahun 2017, Renstra 2016-2021, surat 050/601/2018, kode 12019 \
             dan {{ tahun }}."
        );
        let names: Vec<&str> = diganti.iter().map(|d| d.placeholder).collect();
        assert_eq!(names, ["tahun", "tahun_n1", "tahun_n3", "tahun_maju"]);
        assert_eq!(posisi_tahun("2019, 12019, 1.2019 dan 2019", 2019), [0, 24]);
    }

    #[test]
    fn a_fact_value_is_never_markdown() {
        let mut facts = facts();
        facts.insert("pemda", "*Kota* _Batu_");
        let blocks = parse("di {{ pemda }}", &facts).blocks;
        assert_eq!(blocks, vec![para("di *Kota* _Batu_")]);
    }
}
