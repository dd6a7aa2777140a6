//! The plan being edited: its text as last saved, checked and computed; every change applied
//! to the text at a JSON path, loaded and checked by the library, and saved atomically with a
//! rolling backup, unless the file changed meanwhile.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::edit::{self, EditError};
use crate::compute::{Computed, compute};
use crate::diagnostic::Diagnostic;
use crate::load::{LoadError, LoadedPlan};

/// How many earlier versions of the plan are kept (`NAME.cadangan/1.json` the newest).
pub const BACKUPS: usize = 10;

/// One change the editor asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Set the value at a path to what the planner typed, read as `kind` says.
    Set { path: String, text: String, kind: Kind },
    /// Add a copy of the list element at `path` right after it.
    Duplicate { path: String },
    /// Remove the list element at `path`.
    Remove { path: String },
    /// Turn the single object at `path` into a list of two (it and its copy).
    Grow { path: String },
    /// Move the list element at `path` one place down (`down`) or up.
    Move { path: String, down: bool },
    /// Add `element` (JSON text) as the last element of the list at `path`.
    Append { path: String, element: String },
    /// Add `element` (JSON text) at `path`, a key its object does not have yet.
    Insert { path: String, element: String },
}

/// How a typed text becomes a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A figure: "1.073.384.000", "80,5", "1500" or "80.5"; empty is `null`.
    Angka,
    /// Text as typed.
    Teks,
}

/// What became of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written to the plan file.
    Saved,
    /// Not written: the plan would no longer load (the located errors), or the path is wrong.
    Refused { path: String, text: Option<String>, diagnostics: Vec<Diagnostic> },
    /// Not written: the file changed since the page was shown (another tab, another program).
    Conflict { message: String },
}

/// A plan file open in the editor.
pub struct Editor {
    path: PathBuf,
    loaded: LoadedPlan,
    computed: Computed,
    diagnostics: Vec<Diagnostic>,
}

/// Why the editor cannot go on with a file.
#[derive(Debug)]
pub enum OpenError {
    Load(Box<LoadError>),
}

impl Editor {
    /// Opens a plan that loads (its check may still find errors: those are what the editor is for).
    pub fn open(path: &Path) -> Result<Editor, OpenError> {
        let loaded = crate::load::load(path).map_err(|e| OpenError::Load(Box::new(e)))?;
        Ok(Editor::from_loaded(path, loaded))
    }

    fn from_loaded(path: &Path, loaded: LoadedPlan) -> Editor {
        let computed = compute(&loaded.plan);
        let mut diagnostics = crate::check::check(&loaded.plan, &computed);
        crate::diagnostic::locate(&mut diagnostics, &loaded.source);
        Editor { path: path.to_owned(), loaded, computed, diagnostics }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn loaded(&self) -> &LoadedPlan {
        &self.loaded
    }

    pub fn computed(&self) -> &Computed {
        &self.computed
    }

    /// The findings of the library's check on the saved plan, located in its text.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// SHA-256 of the plan file as last read or written by the editor.
    pub fn version(&self) -> &str {
        &self.loaded.sha256
    }

    /// The plan's text as JSON, for the forms.
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_str(&self.loaded.source).unwrap_or_default()
    }

    /// Reads the file again when another program changed it; the message says so.
    pub fn refresh(&mut self) -> Option<String> {
        let bytes = crate::files::read_input(&self.path).ok()?;
        if crate::files::sha256_hex(&bytes) == self.loaded.sha256 {
            return None;
        }
        match crate::load::parse_bytes(&self.path, &bytes) {
            Ok(loaded) => {
                *self = Editor::from_loaded(&self.path, loaded);
                Some(format!(
                    "berkas `{}` diubah oleh program lain; yang tampil sekarang adalah isi berkas itu",
                    self.path.display()
                ))
            }
            Err(_) => Some(format!(
                "berkas `{}` diubah oleh program lain dan tidak dapat dimuat; perbaiki berkasnya (renja check), lalu muat ulang halaman ini",
                self.path.display()
            )),
        }
    }

    /// Whether the page that showed version `base` of the plan is behind the file: the file
    /// changed on disk, or from another tab.
    fn stale(&mut self, base: &str) -> Option<Outcome> {
        if let Some(message) = self.refresh() {
            return Some(Outcome::Conflict {
                message: format!("{message}; perubahan Anda tidak disimpan, ulangi di sini"),
            });
        }
        (base != self.loaded.sha256).then(|| Outcome::Conflict {
            message: "rencana telah diubah dari tab atau jendela lain; yang tampil sekarang adalah versi tersimpan, perubahan Anda tidak disimpan — ulangi di sini".to_owned(),
        })
    }

    /// Imports a SIPD-RI export or a renja workbook (`bytes`, uploaded from a page that showed
    /// version `base`) into the plan, as `renja import SOURCE --into PLAN` does: the plan's
    /// tables replaced, its narrative and settings kept. Saved (with a backup) only when the
    /// import succeeds; returns the outcome and the import's findings, located in the source.
    pub fn import(&mut self, bytes: &[u8], base: &str) -> (Outcome, Vec<Diagnostic>) {
        if let Some(conflict) = self.stale(base) {
            return (conflict, vec![]);
        }
        let hasil = match crate::import::impor(bytes, Some(&self.loaded.plan)) {
            Ok(hasil) => hasil,
            Err(findings) => {
                let errors = findings.iter().filter(|d| d.is_error() && !d.final_only).count();
                let message = format!("impor gagal: {errors} galat; rencana tidak diubah (lihat temuan impor)");
                return (Outcome::Conflict { message }, findings);
            }
        };
        let loaded = match crate::load::parse_bytes(&self.path, hasil.teks.as_bytes()) {
            Ok(loaded) => loaded,
            Err(LoadError::Invalid { diagnostics, .. }) => {
                let message = "impor gagal: hasilnya tidak dapat dimuat; rencana tidak diubah".to_owned();
                return (Outcome::Conflict { message }, diagnostics);
            }
            Err(LoadError::Io { .. }) => return (unreadable(), vec![]),
        };
        if let Err(error) = self.save(&hasil.teks) {
            let message = format!("impor tidak dapat disimpan: {error}");
            return (Outcome::Conflict { message }, hasil.catatan);
        }
        *self = Editor::from_loaded(&self.path, loaded);
        (Outcome::Saved, hasil.catatan)
    }

    /// Applies a change made on a page that showed version `base` of the plan.
    pub fn apply(&mut self, change: &Change, base: &str) -> Outcome {
        if let Some(conflict) = self.stale(base) {
            return conflict;
        }
        let source = &self.loaded.source;
        let (path, text, edited) = match change {
            Change::Set { path, text, kind } => {
                let value = json_value(text, *kind);
                (path, Some(text.clone()), edit::set(source, path, &value))
            }
            Change::Duplicate { path } => {
                (path, None, split_index(path).and_then(|(l, i)| edit::duplicate(source, l, i)))
            }
            Change::Remove { path } => (path, None, split_index(path).and_then(|(l, i)| edit::remove(source, l, i))),
            Change::Grow { path } => (path, None, edit::grow(source, path)),
            Change::Append { path, element } => (path, None, edit::append(source, path, element)),
            Change::Insert { path, element } => (path, None, edit::insert(source, path, element)),
            Change::Move { path, down } => (
                path,
                None,
                split_index(path).and_then(|(list, i)| match (down, i) {
                    (true, _) => edit::swap(source, list, i),
                    (false, 0) => Err(EditError::NoSuchPath(format!("{list}[-1]"))),
                    (false, _) => edit::swap(source, list, i - 1),
                }),
            ),
        };
        let edited = match edited {
            Ok(edited) => edited,
            Err(error) => {
                let diagnostic = Diagnostic::error("serve.jalur", error.to_string()).path(path.clone());
                return Outcome::Refused { path: path.clone(), text, diagnostics: vec![diagnostic] };
            }
        };
        if edited == *source {
            // The value as it already stands: nothing to write, no backup to rotate.
            return Outcome::Saved;
        }
        let loaded = match crate::load::parse_bytes(&self.path, edited.as_bytes()) {
            Ok(loaded) => loaded,
            Err(LoadError::Invalid { diagnostics, .. }) => {
                return Outcome::Refused { path: path.clone(), text, diagnostics };
            }
            Err(LoadError::Io { .. }) => return unreadable(),
        };
        if let Err(error) = self.save(&edited) {
            let diagnostic = Diagnostic::error("serve.simpan", error.to_string()).path(path.clone());
            let diagnostic = match error.hint {
                Some(hint) => diagnostic.hint(hint),
                None => diagnostic,
            };
            return Outcome::Refused { path: path.clone(), text, diagnostics: vec![diagnostic] };
        }
        *self = Editor::from_loaded(&self.path, loaded);
        Outcome::Saved
    }

    /// Keeps the current file as backup 1 (older ones move up, the oldest drops out), then
    /// writes the new text through the same atomic write as every output of renja.
    fn save(&self, text: &str) -> Result<(), crate::output::WriteError> {
        let dir = backup_dir(&self.path);
        if !dir.is_dir() {
            std::fs::create_dir(&dir).map_err(|e| crate::output::WriteError::io(&dir, &e))?;
        }
        let _ = std::fs::remove_file(dir.join(format!("{BACKUPS}.json")));
        for n in (1..BACKUPS).rev() {
            let from = dir.join(format!("{n}.json"));
            if from.exists() {
                let to = dir.join(format!("{}.json", n + 1));
                std::fs::rename(&from, &to).map_err(|e| crate::output::WriteError::io(&to, &e))?;
            }
        }
        crate::output::write_atomic(&dir.join("1.json"), self.loaded.source.as_bytes())?;
        crate::output::write_atomic(&self.path, text.as_bytes())
    }
}

fn unreadable() -> Outcome {
    // parse_bytes reads no file; an I/O error cannot come from it.
    Outcome::Conflict { message: "rencana tidak dapat dibaca".to_owned() }
}

/// `plan.json` → `plan.json.cadangan/`, where the earlier versions go.
pub fn backup_dir(plan: &Path) -> PathBuf {
    let mut name = plan.file_name().unwrap_or_default().to_os_string();
    name.push(".cadangan");
    plan.with_file_name(name)
}

/// `$.a.b[3]` → (`$.a.b`, 3).
fn split_index(path: &str) -> Result<(&str, usize), EditError> {
    let wrong = || EditError::WrongKind(path.to_owned());
    let body = path.strip_suffix(']').ok_or_else(wrong)?;
    let open = body.rfind('[').ok_or_else(wrong)?;
    let index = body[open + 1..].parse().map_err(|_| wrong())?;
    Ok((&body[..open], index))
}

/// The JSON text of what the planner typed: a figure as a JSON number written exactly (never
/// through a float), text as a JSON string. A figure that does not read as one stays text, so
/// the plan's own loading reports it, located, as a wrong type.
pub fn json_value(text: &str, kind: Kind) -> String {
    let trimmed = text.trim();
    match kind {
        Kind::Angka if trimmed.is_empty() => "null".to_owned(),
        Kind::Angka => match parse_figure(trimmed) {
            Some(value) => value.normalize().to_string(),
            None => serde_json::to_string(trimmed).unwrap_or_default(),
        },
        Kind::Teks => serde_json::to_string(text).unwrap_or_default(),
    }
}

/// "1.073.384.000" and "80,5" as printed by renja, else "1500" or "80.5".
pub fn parse_figure(text: &str) -> Option<Decimal> {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(value) = crate::format::parse_angka(&text) {
        return Some(value);
    }
    let plain = text.strip_prefix('-').unwrap_or(&text);
    let (int, frac) = plain.split_once('.').unwrap_or((plain, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(int) && digits(frac) { text.parse().ok() } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_as_printed_or_plain() {
        assert_eq!(json_value("1.073.384.000", Kind::Angka), "1073384000");
        assert_eq!(json_value(" 80,5 ", Kind::Angka), "80.5");
        assert_eq!(json_value("1500", Kind::Angka), "1500");
        assert_eq!(json_value("80.5", Kind::Angka), "80.5");
        assert_eq!(json_value("-3", Kind::Angka), "-3");
        assert_eq!(json_value("", Kind::Angka), "null");
        assert_eq!(json_value("12 juta", Kind::Angka), "\"12 juta\"");
        assert_eq!(json_value("Bupati \"Malang\"", Kind::Teks), "\"Bupati \\\"Malang\\\"\"");
    }

    #[test]
    fn backups_roll_and_keep_the_last_ten_versions() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.json");
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/plan.json"), &plan).unwrap();
        let mut editor = Editor::open(&plan).map_err(|_| "the flagship loads").unwrap();
        let path = "$.rencana.program[0].kegiatan[0].pagu".to_owned();
        let mut versions = vec![std::fs::read_to_string(&plan).unwrap()];
        for n in 1..=12 {
            let change = Change::Set { path: path.clone(), text: format!("{}", 5_000_000 + n), kind: Kind::Angka };
            let base = editor.version().to_owned();
            assert_eq!(editor.apply(&change, &base), Outcome::Saved);
            versions.push(std::fs::read_to_string(&plan).unwrap());
        }
        let backups = backup_dir(&plan);
        let mut names: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort_by_key(|n| n.trim_end_matches(".json").parse::<usize>().unwrap());
        assert_eq!(names, (1..=BACKUPS).map(|n| format!("{n}.json")).collect::<Vec<_>>());
        // n.json is the version n saves ago.
        for n in 1..=BACKUPS {
            let kept = std::fs::read_to_string(backups.join(format!("{n}.json"))).unwrap();
            assert_eq!(kept, versions[versions.len() - 1 - n], "{n}.json");
        }
        // The same value again writes nothing and rotates nothing.
        let same = Change::Set { path, text: "5000012".into(), kind: Kind::Angka };
        let base = editor.version().to_owned();
        assert_eq!(editor.apply(&same, &base), Outcome::Saved);
        assert_eq!(std::fs::read_to_string(backups.join("1.json")).unwrap(), versions[versions.len() - 2]);
    }

    #[test]
    fn a_file_broken_by_another_program_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let plan = dir.path().join("plan.json");
        std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/plan.json"), &plan).unwrap();
        let mut editor = Editor::open(&plan).map_err(|_| "the flagship loads").unwrap();
        let base = editor.version().to_owned();
        std::fs::write(&plan, "{ \"identitas\": ").unwrap();
        let change = Change::Set { path: "$.identitas.pemda".into(), text: "Kota Batu".into(), kind: Kind::Teks };
        match editor.apply(&change, &base) {
            Outcome::Conflict { message } => assert!(message.contains("tidak dapat dimuat"), "{message}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&plan).unwrap(), "{ \"identitas\": ");
    }

    #[test]
    fn list_paths_split_into_list_and_index() {
        assert_eq!(split_index("$.a.b[3]"), Ok(("$.a.b", 3)));
        assert_eq!(split_index("$.a.b"), Err(EditError::WrongKind("$.a.b".into())));
    }
}
