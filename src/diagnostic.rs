//! Located problems in a plan: what, where (JSON path and line:column), expected, found, hint.
//!
//! Loading stops at the first syntax or type error (serde cannot go on); `check` gathers every
//! rule violation of a well-formed plan in one run. Both speak this one type, so the CLI prints
//! them alike and `--format json` serialises them alike.

use std::fmt;
use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};
use serde::Serialize;

/// Serialised in Indonesian like every key of `check --format json` (documented in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Severity {
    #[serde(rename = "peringatan")]
    Warning,
    #[serde(rename = "galat")]
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "galat",
            Severity::Warning => "peringatan",
        })
    }
}

/// A point in the plan text. Lines and columns are 1-based, columns count characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Location {
    #[serde(rename = "baris")]
    pub line: usize,
    #[serde(rename = "kolom")]
    pub column: usize,
    /// Byte range in the source, for underlining.
    #[serde(skip)]
    pub range: (usize, usize),
}

impl Location {
    /// The location of a byte offset (clamped to the text and to a char boundary).
    pub fn offset(source: &str, offset: usize) -> Location {
        Location::range(source, offset, offset)
    }

    pub fn range(source: &str, start: usize, end: usize) -> Location {
        let mut start = start.min(source.len());
        while !source.is_char_boundary(start) {
            start -= 1;
        }
        let end = end.clamp(start, source.len());
        let before = &source[..start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = source[line_start..start].chars().count() + 1;
        Location { line, column, range: (start, end) }
    }

    /// From serde_json's 1-based line and column (column counts bytes).
    pub fn line_column(source: &str, line: usize, column: usize) -> Location {
        let line_start: usize = source.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        Location::offset(source, line_start + column.saturating_sub(1))
    }
}

/// One problem. Its JSON keys are Indonesian and stable (README, "Keluaran JSON `check`").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    #[serde(rename = "tingkat")]
    pub severity: Severity,
    /// A stable identifier of the rule, e.g. `kode.duplikat`.
    #[serde(rename = "kode")]
    pub code: &'static str,
    #[serde(rename = "pesan")]
    pub message: String,
    /// JSON path of the offending value, `$.rencana.program[0].kegiatan[2].pagu`.
    #[serde(rename = "jalur", skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(rename = "lokasi", skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(rename = "diharapkan", skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    #[serde(rename = "ditemukan", skip_serializing_if = "Option::is_none")]
    pub found: Option<String>,
    #[serde(rename = "saran", skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// An error that only stops a final document: drafts and previews still build, with the
    /// error shown as a warning (template text, a missing realisation without a reason).
    #[serde(rename = "hanya_dokumen_final", skip_serializing_if = "std::ops::Not::not")]
    pub final_only: bool,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, code, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            path: None,
            location: None,
            expected: None,
            found: None,
            hint: None,
            final_only: false,
        }
    }

    /// Marks an error as one that stops only a final document (see [`Diagnostic::final_only`]).
    pub fn final_only(mut self) -> Self {
        self.final_only = true;
        self
    }

    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    pub fn found(mut self, text: impl Into<String>) -> Self {
        self.found = Some(text.into());
        self
    }

    pub fn hint(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Prints the diagnostic with the offending line underlined, like rustc or typst. The cost
    /// is that of the lines shown, never of the whole plan: `check` renders thousands.
    pub fn render(&self, file: &Path, source: &str, color: bool) -> String {
        let name = file.display().to_string();
        let mut notes = Vec::new();
        if let Some(path) = &self.path {
            notes.push(format!("di: {path}"));
        }
        if let Some(expected) = &self.expected {
            notes.push(format!("diharapkan: {expected}"));
        }
        if let Some(found) = &self.found {
            notes.push(format!("ditemukan: {found}"));
        }
        if let Some(hint) = &self.hint {
            notes.push(format!("saran: {hint}"));
        }
        let base = match self.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let mut diagnostic = base.with_code(self.code).with_message(&self.message).with_notes(notes);
        let mut files = Excerpt::empty(&name);
        if let Some(location) = self.location {
            let (excerpt, range) = Excerpt::around(&name, source, location);
            files = excerpt;
            diagnostic = diagnostic.with_labels(vec![Label::primary((), range)]);
        } else {
            // No position: name the file so the reader knows which plan is meant.
            diagnostic.message = format!("{}: {}", name, diagnostic.message);
        }
        let config = Config::default();
        let mut out = Vec::new();
        let result = if color {
            let mut writer = term::termcolor::Ansi::new(&mut out);
            term::emit_to_write_style(&mut writer, &config, &files, &diagnostic)
        } else {
            let mut writer = term::termcolor::NoColor::new(&mut out);
            term::emit_to_write_style(&mut writer, &config, &files, &diagnostic)
        };
        match result {
            // codespan names the severity in English; the header is the first thing it writes.
            Ok(()) => {
                let text = String::from_utf8_lossy(&out);
                let (english, indonesian) = match self.severity {
                    Severity::Error => ("error[", "galat["),
                    Severity::Warning => ("warning[", "peringatan["),
                };
                text.replacen(english, indonesian, 1)
            }
            // The label lies outside the file: fall back to the plain one-line form.
            Err(_) => format!("{}[{}]: {}\n", self.severity, self.code, self),
        }
    }
}

/// Renders many diagnostics of one plan, in order, into one text.
pub fn render_all(diagnostics: &[Diagnostic], file: &Path, source: &str, color: bool) -> String {
    diagnostics.iter().map(|d| d.render(file, source, color)).collect()
}

/// The part of a plan a diagnostic shows, as codespan's source: the label's lines, numbered as
/// in the plan, and on a long line only a window of [`Excerpt::SHOWN`] characters on either
/// side of the label's start, cut with an ellipsis (a plan written by a program is one line of
/// megabytes; prose paragraphs are single JSON lines of thousands of characters).
struct Excerpt<'a> {
    name: &'a str,
    text: String,
    /// Line number (0-based) of the excerpt's first line in the plan.
    first_line: usize,
    /// Column (1-based, characters) in the plan of the first character after `prefix` bytes.
    first_column: usize,
    /// Bytes of the "… " that stands for the cut start of the first line.
    prefix: usize,
    line_starts: Vec<usize>,
}

impl<'a> Excerpt<'a> {
    /// Characters shown on either side of a label's start on a long line.
    const SHOWN: usize = 80;
    /// A label over several lines up to this many bytes is shown whole.
    const WHOLE_LABEL: usize = 4000;

    fn empty(name: &'a str) -> Self {
        Excerpt { name, text: String::new(), first_line: 0, first_column: 1, prefix: 0, line_starts: vec![0] }
    }

    /// The excerpt for a location of `source`, and the label's range within the excerpt.
    fn around(name: &'a str, source: &str, location: Location) -> (Self, std::ops::Range<usize>) {
        let (start, end) = location.range;
        let start = floor_boundary(source, start.min(source.len()));
        let end = floor_boundary(source, end.clamp(start, source.len()));
        // Back to the line's start, or SHOWN characters before the label, whichever is nearer.
        let back = floor_boundary(source, start.saturating_sub(4 * Self::SHOWN));
        let before = &source[back..start];
        let (text_start, cut_before) = match before.rfind('\n') {
            Some(i) => (back + i + 1, false),
            None if back == 0 => (0, false),
            None => (before.char_indices().rev().nth(Self::SHOWN - 1).map_or(back, |(i, _)| back + i), true),
        };
        let multi_line = end - start <= Self::WHOLE_LABEL && source[start..end].contains('\n');
        let (text_end, cut_after) =
            if multi_line { line_end(source, end, Self::SHOWN) } else { line_end(source, start, Self::SHOWN) };
        let label_end = end.min(text_end);
        let prefix = if cut_before { "… " } else { "" };
        let mut text = String::with_capacity(prefix.len() + text_end - text_start + 4);
        text.push_str(prefix);
        text.push_str(&source[text_start..text_end]);
        if cut_after {
            text.push_str(" …");
        }
        let shift = |offset: usize| offset - text_start + prefix.len();
        let first_column = location.column.saturating_sub(source[text_start..start].chars().count()).max(1);
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let excerpt = Excerpt {
            name,
            text,
            first_line: location.line.saturating_sub(1),
            first_column,
            prefix: prefix.len(),
            line_starts,
        };
        (excerpt, shift(start)..shift(label_end))
    }
}

/// The end of the line holding `from`, looking at most `limit` characters ahead: the offset of
/// the newline or of the end of the text, or the cut point and `true`.
fn line_end(source: &str, from: usize, limit: usize) -> (usize, bool) {
    for (count, (i, c)) in source[from..].char_indices().enumerate() {
        if c == '\n' {
            return (from + i, false);
        }
        if count == limit {
            return (from + i, true);
        }
    }
    (source.len(), false)
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.line_starts.partition_point(|&line_start| line_start <= byte_index).saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, FilesError> {
        Ok(self.first_line + line_index + 1)
    }

    fn column_number(&'a self, (): (), line_index: usize, byte_index: usize) -> Result<usize, FilesError> {
        let range = self.line_range((), line_index)?;
        let byte_index = floor_boundary(&self.text, byte_index.clamp(range.start, range.end));
        if line_index == 0 {
            let shown = byte_index.max(self.prefix);
            Ok(self.first_column + self.text[self.prefix..shown].chars().count())
        } else {
            Ok(self.text[range.start..byte_index].chars().count() + 1)
        }
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<std::ops::Range<usize>, FilesError> {
        let start = *self
            .line_starts
            .get(line_index)
            .ok_or(FilesError::LineTooLarge { given: line_index, max: self.line_starts.len() - 1 })?;
        let end = self.line_starts.get(line_index + 1).copied().unwrap_or(self.text.len());
        Ok(start..end)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if let Some(location) = self.location {
            write!(f, "{}:{}: ", location.line, location.column)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(path) = &self.path {
            write!(f, " (di {path})")?;
        }
        Ok(())
    }
}

/// Turns a serde_json error, with the path where it happened, into a located diagnostic.
pub(crate) fn from_serde(source: &str, error: serde_path_to_error::Error<serde_json::Error>) -> Diagnostic {
    let path = path_display(error.path());
    from_serde_json(source, error.into_inner(), path)
}

/// Turns a serde_json error at a known JSON path into a located diagnostic.
pub(crate) fn from_serde_json(source: &str, inner: serde_json::Error, path: String) -> Diagnostic {
    let location = Location::line_column(source, inner.line(), inner.column());
    let raw = inner.to_string();
    // serde_json appends " at line L column C"; we print the location ourselves.
    let message = raw.rsplit_once(" at line ").map_or(raw.as_str(), |(m, _)| m).to_owned();
    let found = found_near(source, location.range.0);
    use serde_json::error::Category;
    if inner.classify() == Category::Syntax
        && let Some(start) = comment_near(source, location.range.0)
    {
        let (end, _) = line_end(source, start, 60);
        return Diagnostic::error("plan.komentar", "komentar tidak diizinkan di JSON")
            .at(Location::range(source, start, end))
            .expected("hanya data JSON; JSON tidak mengenal komentar")
            .found(source[start..end].trim_end().to_owned())
            .hint(
                "hapus komentar ini; keterangan untuk pembaca dapat ditulis di kolom teks seperti \"catatan\" \
                 atau \"keterangan\"",
            );
    }
    let diagnostic = match inner.classify() {
        Category::Io => Diagnostic::error("plan.io", message),
        Category::Eof => {
            Diagnostic::error("plan.sintaks", "JSON terpotong: berkas berakhir sebelum semua kurung ditutup")
                .expected("lanjutan JSON dan penutup `}` atau `]`")
                .found("akhir berkas")
                .hint("periksa apakah berkas tersimpan utuh; setiap `{` dan `[` perlu pasangan penutupnya")
        }
        Category::Syntax => syntax(message, found),
        Category::Data => data(message, found, &path),
    };
    let diagnostic = diagnostic.at(location);
    if inner.classify() == Category::Data { diagnostic.path(path) } else { diagnostic }
}

/// Where a `//` or `/*` comment starts at, or just before, where the JSON parser stopped.
fn comment_near(source: &str, offset: usize) -> Option<usize> {
    let from = floor_boundary(source, offset.saturating_sub(1));
    let to = floor_boundary(source, (offset + 1).min(source.len()));
    (from..=to)
        .find(|&i| source.is_char_boundary(i) && (source[i..].starts_with("//") || source[i..].starts_with("/*")))
}

fn syntax(message: String, found: String) -> Diagnostic {
    let (text, hint) = if message.starts_with("trailing comma") {
        ("koma berlebih sebelum penutup", "hapus koma setelah elemen terakhir; JSON tidak mengizinkan koma di akhir")
    } else if message.starts_with("trailing characters") {
        (
            "ada teks lagi setelah objek rencana selesai",
            "berkas hanya boleh berisi satu objek JSON; hapus sisa teks atau kurung berlebih",
        )
    } else if message.starts_with("key must be a string") {
        ("nama kunci harus dalam tanda kutip ganda", "tulis kunci sebagai \"nama\": nilai")
    } else if message.starts_with("control character") {
        ("karakter kontrol (mis. baris baru) di dalam string", "tulis baris baru di dalam teks sebagai \\n")
    } else if message.starts_with("invalid escape") {
        ("urutan escape tidak valid di dalam string", "garis miring terbalik ditulis ganda: \\\\")
    } else if message.starts_with("expected") || message.starts_with("EOF") {
        ("JSON tidak valid", "periksa koma, titik dua, dan tanda kutip di sekitar posisi ini")
    } else {
        ("JSON tidak valid", "periksa sintaks JSON di sekitar posisi ini")
    };
    Diagnostic::error("plan.sintaks", format!("{text} ({message})")).found(found).hint(hint)
}

fn data(message: String, found: String, path: &str) -> Diagnostic {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates = candidates_in(expected);
        let hint = match suggest(name, &candidates) {
            Some(best) => format!("mungkin maksudnya \"{best}\"?"),
            None => "hapus kunci ini; kunci yang dikenal tercantum di atas".to_owned(),
        };
        return Diagnostic::error("plan.kunci_tak_dikenal", format!("kunci tidak dikenal \"{name}\""))
            .expected(if candidates.is_empty() { "tidak ada kunci lain".to_owned() } else { candidates.join(", ") })
            .found(format!("\"{name}\""))
            .hint(hint);
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error("plan.kunci_ganda", format!("kunci \"{name}\" ditulis dua kali"))
            .expected(format!("kunci \"{name}\" sekali saja di objek {path}"))
            .found(found)
            .hint("hapus salah satunya; renja tidak menebak mana yang benar");
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return Diagnostic::error("plan.kunci_hilang", format!("kunci wajib \"{name}\" tidak ada"))
            .expected(format!("kunci \"{name}\" di objek {path}"))
            .found("objek tanpa kunci itu")
            .hint(format!("tambahkan \"{name}\": … ke objek ini"));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "nilai lain"));
        return Diagnostic::error("plan.tipe", format!("tipe nilai salah: {}", indonesian_type(got)))
            .expected(indonesian_type(expected))
            .found(found)
            .hint(type_hint(expected));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let candidates = candidates_in(expected);
        let hint = match suggest(name, &candidates) {
            Some(best) => format!("mungkin maksudnya \"{best}\"?"),
            None => format!("pilih salah satu: {}", candidates.join(", ")),
        };
        return Diagnostic::error("plan.pilihan", format!("pilihan tidak dikenal \"{name}\""))
            .expected(candidates.join(", "))
            .found(format!("\"{name}\""))
            .hint(hint);
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        return Diagnostic::error("plan.panjang", format!("jumlah elemen salah: {rest}"))
            .found(found)
            .hint("isi setiap tahun; tulis null untuk nilai yang tidak ada (dicetak \"-\")");
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return Diagnostic::error("plan.nilai", format!("nilai tidak valid: {got}"))
            .expected(expected.to_owned())
            .found(found)
            .hint("periksa nilai ini terhadap contoh di README");
    }
    // Our own messages (rupiah, nilai, tanggal) already say what and how, separated by "; ".
    let (text, hint) = message.split_once("; ").unwrap_or((message.as_str(), ""));
    let diagnostic = Diagnostic::error("plan.nilai", text.to_owned()).found(found);
    if hint.is_empty() { diagnostic } else { diagnostic.hint(hint.to_owned()) }
}

fn indonesian_type(text: &str) -> String {
    const WORDS: [(&str, &str); 14] = [
        ("a string", "string"),
        ("integer", "bilangan bulat"),
        ("floating point", "bilangan desimal"),
        ("a sequence", "larik [ … ]"),
        ("sequence", "larik [ … ]"),
        ("a map", "objek { … }"),
        ("map", "objek { … }"),
        ("a boolean", "true/false"),
        ("boolean", "true/false"),
        ("struct ", "objek "),
        ("unit value", "null"),
        ("an array of length", "larik berisi"),
        ("i32", "bilangan bulat"),
        ("u32", "bilangan bulat tak negatif"),
    ];
    WORDS.iter().fold(text.replace("variant identifier", "nama pilihan"), |acc, (en, id)| acc.replace(en, id))
}

fn type_hint(expected: &str) -> String {
    if expected.contains("rupiah") {
        "tulis rupiah sebagai angka bulat tanpa titik ribuan, mis. 1073384000".to_owned()
    } else if expected.contains("nilai") {
        "tulis angka saja, mis. 80.5; satuan ditulis di kolom \"satuan\"".to_owned()
    } else if expected.contains("string") {
        "teks ditulis di antara tanda kutip ganda, mis. \"Bag. Adm Kerja Sama\"".to_owned()
    } else if expected.contains("sequence") || expected.contains("array") {
        "daftar ditulis di antara [ dan ], dipisahkan koma".to_owned()
    } else if expected.contains("struct") || expected.contains("map") {
        "objek ditulis di antara { dan } berisi pasangan \"kunci\": nilai".to_owned()
    } else if expected.contains("i32") || expected.contains("integer") || expected.contains("u32") {
        "tulis bilangan bulat tanpa tanda kutip, mis. 2019".to_owned()
    } else {
        "sesuaikan nilai dengan tipe yang diharapkan".to_owned()
    }
}

/// Picks the backticked names out of serde's "expected one of `a`, `b`".
fn candidates_in(text: &str) -> Vec<String> {
    text.split('`').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The closest known name, if it is close enough to be a likely typo.
pub fn suggest<'a>(name: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.as_str())
}

/// A short quote of the text at a position, for "ditemukan": its line, or on a long line a
/// window around the position.
fn found_near(source: &str, offset: usize) -> String {
    const SHOWN: usize = 40;
    let offset = floor_boundary(source, offset.min(source.len()));
    let back = floor_boundary(source, offset.saturating_sub(4 * SHOWN));
    let before = &source[back..offset];
    let (start, cut_before) = match before.rfind('\n') {
        Some(i) => (back + i + 1, false),
        None if back == 0 => (0, false),
        None => (before.char_indices().rev().nth(SHOWN - 1).map_or(back, |(i, _)| back + i), true),
    };
    let (end, cut_after) = line_end(source, offset, SHOWN);
    let line = source[start..end].trim();
    if line.is_empty() {
        return "akhir baris".to_owned();
    }
    format!("{}{line}{}", if cut_before { "…" } else { "" }, if cut_after { "…" } else { "" })
}

/// Line starts and character counts of a text, computed once, so that locating thousands of
/// diagnostics costs a lookup each instead of a scan of the whole plan.
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// Characters before each multiple of [`LineIndex::BLOCK`] bytes.
    chars_before_block: Vec<usize>,
}

impl LineIndex {
    const BLOCK: usize = 1024;

    pub fn new(source: &str) -> Self {
        let line_starts = std::iter::once(0).chain(line_starts_after_first(source)).collect();
        let mut chars_before_block = Vec::with_capacity(source.len() / Self::BLOCK + 1);
        let mut chars = 0;
        for block in source.as_bytes().chunks(Self::BLOCK) {
            chars_before_block.push(chars);
            chars += block.iter().filter(|&&b| !is_continuation(b)).count();
        }
        chars_before_block.push(chars);
        LineIndex { line_starts, chars_before_block }
    }

    fn chars_before(&self, source: &str, offset: usize) -> usize {
        let block = offset / Self::BLOCK;
        let from = block * Self::BLOCK;
        self.chars_before_block[block]
            + source.as_bytes()[from..offset].iter().filter(|&&b| !is_continuation(b)).count()
    }

    /// The location of a byte range (clamped to the text and to char boundaries).
    pub fn location(&self, source: &str, start: usize, end: usize) -> Location {
        let start = floor_boundary(source, start.min(source.len()));
        let end = end.clamp(start, source.len());
        let line = self.line_starts.partition_point(|&s| s <= start);
        let line_start = self.line_starts[line - 1];
        let column = self.chars_before(source, start) - self.chars_before(source, line_start) + 1;
        Location { line, column, range: (start, end) }
    }
}

fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

fn line_starts_after_first(source: &str) -> impl Iterator<Item = usize> + '_ {
    source.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1)
}

/// Finds the text position of a JSON path like `$.rencana.program[0].kegiatan[2].pagu`, so that
/// rule violations found after loading point into the file too.
pub struct Locator<'a> {
    source: &'a str,
    root: Option<jsonc_parser::ast::Value<'a>>,
    /// Built on the first lookup: a clean plan needs none.
    lines: std::cell::OnceCell<LineIndex>,
}

impl<'a> Locator<'a> {
    pub fn new(source: &'a str) -> Self {
        let root =
            jsonc_parser::parse_to_ast(source, &Default::default(), &Default::default()).ok().and_then(|r| r.value);
        Locator { source, root, lines: std::cell::OnceCell::new() }
    }

    fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.source))
    }

    /// The byte range of the deepest value along `path` that exists: a property's key and
    /// value, or an array element.
    pub fn range(&self, path: &str) -> Option<std::ops::Range<usize>> {
        use jsonc_parser::ast::Value;
        use jsonc_parser::common::Ranged;
        let mut node = self.root.as_ref()?;
        let mut range = node.range();
        for segment in segments(path).0 {
            let next = match (node, segment) {
                (Value::Object(object), Segment::Key(key)) => object.get(key).map(|p| {
                    range = p.range;
                    &p.value
                }),
                (Value::Array(array), Segment::Index(i)) => array.elements.get(i),
                _ => None,
            };
            match next {
                Some(value) => {
                    node = value;
                    if !matches!(segment, Segment::Key(_)) {
                        range = value.range();
                    }
                }
                None => break,
            }
        }
        Some(range.start..range.end)
    }

    /// The location of the deepest value along `path` that exists.
    pub fn locate(&self, path: &str) -> Option<Location> {
        let range = self.range(path)?;
        // Underline the key and value of a property, or just the element; at most one line.
        let start = range.start;
        // Looking only so far ahead keeps locating a value inside a huge one-line plan cheap.
        let ahead = floor_boundary(self.source, range.end.min(start + 8192));
        let end = self.source[start..ahead].find('\n').map_or(range.end, |i| start + i);
        Some(self.lines().location(self.source, start, end))
    }
}

/// One step of a JSON path as `check` writes it (`$.rencana.program[0].pagu`): a key or an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Segment<'p> {
    Key(&'p str),
    Index(usize),
}

/// A JSON path's keys and indices, as far as they read; the flag says whether the whole path
/// read (a locator goes as deep as it can, an edit needs the whole path).
pub(crate) fn segments(path: &str) -> (Vec<Segment<'_>>, bool) {
    let mut out = Vec::new();
    let Some(mut rest) = path.strip_prefix('$') else { return (out, false) };
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return (out, false);
            }
            out.push(Segment::Key(&after[..end]));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(close) = after.find(']') else { return (out, false) };
            let Ok(index) = after[..close].parse() else { return (out, false) };
            out.push(Segment::Index(index));
            rest = &after[close + 1..];
        } else {
            return (out, false);
        }
    }
    (out, true)
}

/// Adds line:column to every diagnostic that has a path.
pub fn locate(diagnostics: &mut [Diagnostic], source: &str) {
    if diagnostics.iter().all(|d| d.location.is_some() || d.path.is_none()) {
        return;
    }
    let locator = Locator::new(source);
    for diagnostic in diagnostics.iter_mut().filter(|d| d.location.is_none()) {
        if let Some(path) = &diagnostic.path {
            diagnostic.location = locator.locate(path);
        }
    }
}

/// A serde path as `check` prints JSON paths: `$` for the root, `$.a.b[0]` below it.
pub fn path_display(path: &serde_path_to_error::Path) -> String {
    let text = path.to_string();
    if text == "." { "$".to_owned() } else { format!("$.{text}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_nested_values() {
        let source = "{\n  \"a\": [\n    {\"b\": 1},\n    {\"b\": 2}\n  ]\n}";
        let locator = Locator::new(source);
        let location = locator.locate("$.a[1].b").unwrap();
        assert_eq!((location.line, location.column), (4, 6));
        // A missing tail stops at the deepest existing value.
        let location = locator.locate("$.a[1].zzz").unwrap();
        assert_eq!((location.line, location.column), (4, 5));
    }

    #[test]
    fn suggests_close_names_only() {
        let names = vec!["nama".to_owned(), "kode".to_owned(), "indikator".to_owned()];
        assert_eq!(suggest("nmaa", &names), Some("nama"));
        assert_eq!(suggest("indikatr", &names), Some("indikator"));
        assert_eq!(suggest("zzzzzz", &names), None);
    }

    #[test]
    fn line_columns_count_characters() {
        let source = "ab\n\u{e9}\u{e9}x";
        let location = Location::offset(source, source.find('x').unwrap());
        assert_eq!((location.line, location.column), (2, 3));
    }

    #[test]
    fn a_long_line_is_shown_cut_with_its_real_number() {
        let long: String = "é".repeat(5000);
        let source = format!("{{\n  \"a\": 1,\n  \"b\": 2,\n  \"isi\": \"{long}\"\n}}\n");
        let location = Locator::new(&source).locate("$.isi").unwrap();
        let rendered =
            Diagnostic::error("x.y", "pesan").path("$.isi").at(location).render(Path::new("plan.json"), &source, false);
        assert!(rendered.contains("plan.json:4:3"), "{rendered}");
        assert!(rendered.contains("4 │   \"isi\": \"éé") && rendered.contains(" …"), "{rendered}");
        assert!(rendered.chars().count() < 600, "{rendered}");
    }

    #[test]
    fn short_and_multi_line_labels_are_shown_whole() {
        let source = "{\n  \"a\": {\n    \"b\": 1\n  },\n  \"c\": 2\n}";
        let locator = Locator::new(source);
        let rendered = Diagnostic::error("x.y", "pesan").at(locator.locate("$.c").unwrap()).render(
            Path::new("p.json"),
            source,
            false,
        );
        assert!(rendered.contains("p.json:5:3") && rendered.contains("5 │   \"c\": 2"), "{rendered}");
        assert!(!rendered.contains('…'), "{rendered}");
        // A label over lines 2–4 (the object `a`): numbered as in the plan.
        let (start, end) = (source.find("\"a\"").unwrap(), source.find('}').unwrap() + 1);
        let location = Location { line: 2, column: 3, range: (start, end) };
        let rendered = Diagnostic::error("x.y", "pesan").at(location).render(Path::new("p.json"), source, false);
        assert!(rendered.contains("p.json:2:3") && rendered.contains("2 │") && rendered.contains("4 │"), "{rendered}");
    }

    #[test]
    fn a_range_past_the_end_does_not_panic() {
        let source = "{\"a\": \"é\"}";
        let location = Location { line: 1, column: 1, range: (9, 400) };
        let rendered = Diagnostic::error("x.y", "pesan").at(location).render(Path::new("p.json"), source, false);
        assert!(rendered.contains("pesan"), "{rendered}");
    }
}
