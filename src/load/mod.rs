//! Loading a plan: bytes → text → [`Plan`], every shape error at once ([`schema`]), then the
//! names a plan may type by kode filled in ([`resolve`]). Nothing here checks a rule or computes
//! a figure: that is [`crate::check`] and [`crate::compute`], one layer up.

pub mod resolve;
pub mod schema;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Location};
use crate::plan::Plan;

/// A plan together with where it came from, so later diagnostics can point into the file.
#[derive(Debug, Clone)]
pub struct LoadedPlan {
    pub plan: Plan,
    pub path: PathBuf,
    pub source: String,
    /// SHA-256 of the file's bytes as stored (a byte-order mark included), as `sha256sum`.
    pub sha256: String,
}

/// Why a plan could not be loaded at all.
#[derive(Debug)]
pub enum LoadError {
    /// The file cannot be read (missing, a directory, a device, too large, no permission):
    /// exit code 2.
    Io { path: PathBuf, error: crate::files::InputError },
    /// The file is not a plan: bad encoding, bad JSON, wrong types, unknown or missing keys.
    /// Every type and shape error of the file, in the order they occur in it.
    Invalid { path: PathBuf, source: String, diagnostics: Vec<Diagnostic> },
}

impl LoadError {
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Io { path, .. } | LoadError::Invalid { path, .. } => path,
        }
    }
}

/// Reads and parses a plan file; `-` reads standard input. Only a regular file (or standard
/// input) of at most [`crate::files::MAX_INPUT_BYTES`] is read.
pub fn load(path: &Path) -> Result<LoadedPlan, LoadError> {
    if crate::files::is_stdin(path) {
        let name = crate::files::stdin_name();
        let bytes = crate::files::read_stdin().map_err(|error| LoadError::Io { path: name.clone(), error })?;
        return parse_bytes(&name, &bytes);
    }
    let bytes = crate::files::read_input(path).map_err(|error| LoadError::Io { path: path.to_owned(), error })?;
    parse_bytes(path, &bytes)
}

/// Parses plan bytes; `path` only names them in diagnostics.
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<LoadedPlan, LoadError> {
    let sha256 = crate::files::sha256_hex(bytes);
    // Editors on Windows like to prepend a BOM; it carries no meaning.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(error) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let offset = error.valid_up_to();
            let diagnostic = Diagnostic::error("plan.encoding", "berkas bukan teks UTF-8")
                .at(Location::offset(&lossy, offset))
                .expected("teks UTF-8")
                .found(format!("byte 0x{:02X}", bytes[offset]))
                .hint("simpan ulang berkas sebagai UTF-8 (di Excel/Notepad: Save As → Encoding UTF-8)");
            return Err(LoadError::Invalid { path: path.to_owned(), source: lossy, diagnostics: vec![diagnostic] });
        }
    };
    match parse_str(&source) {
        Ok(plan) => Ok(LoadedPlan { plan, path: path.to_owned(), source, sha256 }),
        Err(diagnostics) => Err(LoadError::Invalid { path: path.to_owned(), source, diagnostics }),
    }
}

/// Parses plan text into a [`Plan`], or every located load error: one for a syntax error
/// (the parser cannot go on), all of them for type and shape errors.
pub fn parse_str(source: &str) -> Result<Plan, Vec<Diagnostic>> {
    if source.trim().is_empty() {
        return Err(vec![
            Diagnostic::error("plan.empty", "berkas rencana kosong")
                .at(Location::offset(source, 0))
                .expected("objek JSON { \"identitas\": …, \"rencana\": …, … }")
                .found("berkas kosong")
                .hint("salin plan.json contoh lalu sesuaikan isinya"),
        ]);
    }
    let start = source.len() - source.trim_start().len();
    if source[start..].starts_with('[') {
        return Err(vec![
            Diagnostic::error("plan.tipe", "tipe nilai salah: rencana harus berupa objek, bukan larik")
                .path("$")
                .at(Location::offset(source, start))
                .expected("objek JSON { \"identitas\": …, \"rencana\": …, … }")
                .found("larik [ … ]")
                .hint("seluruh rencana adalah satu objek di antara { dan }; lihat plan.json contoh"),
        ]);
    }
    let mut de = serde_json::Deserializer::from_str(source);
    let plan: Plan = match serde_path_to_error::deserialize(&mut de) {
        Ok(plan) => plan,
        Err(error) => {
            let is_data = error.inner().classify() == serde_json::error::Category::Data;
            let mut first = crate::diagnostic::from_serde(source, error);
            // A node in the 2019 shape is checked once it is read whole, when the parser already
            // stands past it: point at the end of the object the path names, as serde does for a
            // missing key.
            if first.code == "plan.kunci_hilang"
                && let Some(path) = first.path.as_deref().filter(|p| *p != "$")
                && let Some(object) = crate::diagnostic::Locator::new(source).range(path)
                && first.location.is_some_and(|at| at.range.0 > object.end)
            {
                first.location = Some(Location::offset(source, object.end.saturating_sub(1)));
            }
            return Err(if is_data { schema::every_error(source, first) } else { vec![first] });
        }
    };
    de.end().map_err(|error| vec![crate::diagnostic::from_serde_json(source, error, "$".to_owned())])?;
    if let Some(path) = positional_object(source, &plan) {
        let location = crate::diagnostic::Locator::new(source).locate(&path);
        let mut diagnostic = Diagnostic::error("plan.tipe", "tipe nilai salah: larik di tempat objek")
            .path(path)
            .expected("objek { \"kunci\": nilai, … }")
            .found("larik [ … ] (nilai tanpa nama kunci)")
            .hint("tulis setiap nilai dengan nama kuncinya, seperti di plan.json contoh");
        if let Some(location) = location {
            diagnostic = diagnostic.at(location);
        }
        return Err(vec![diagnostic]);
    }
    let mut plan = plan;
    let mut unresolved = resolve::isi(&mut plan);
    if !unresolved.is_empty() {
        crate::diagnostic::locate(&mut unresolved, source);
        return Err(unresolved);
    }
    Ok(plan)
}

/// serde lets a struct be written as an array of its values in field order; a plan never is,
/// since nobody can tell which value is which. The JSON path of the first such array, found by
/// walking the source beside the plan it loaded into.
fn positional_object(source: &str, plan: &Plan) -> Option<String> {
    use serde_json::Value;
    fn walk(written: &Value, loaded: &Value, path: String) -> Option<String> {
        match (written, loaded) {
            (Value::Array(_), Value::Object(_)) => Some(path),
            (Value::Array(written), Value::Array(loaded)) => {
                written.iter().zip(loaded).enumerate().find_map(|(i, (w, l))| walk(w, l, format!("{path}[{i}]")))
            }
            (Value::Object(written), Value::Object(loaded)) => {
                written.iter().find_map(|(key, w)| loaded.get(key).and_then(|l| walk(w, l, format!("{path}.{key}"))))
            }
            _ => None,
        }
    }
    // Two more passes over the plan: small next to checking it, let alone typesetting it.
    let written: Value = serde_json::from_str(source).ok()?;
    let loaded = serde_json::to_value(plan).ok()?;
    walk(&written, &loaded, "$".to_owned())
}
