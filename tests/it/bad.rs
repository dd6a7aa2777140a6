//! The bad-input corpus under `tests/bad/`: every case's exit code and located messages, no
//! panic anywhere, and a refused build that leaves earlier outputs byte-identical.
//!
//! Each case is a directory `tests/bad/NN-short-name/` holding `expected.txt` and one of:
//! - `generate.txt`: a recipe applied to the current flagship `plan.json` (so no case goes stale
//!   when the flagship changes), one instruction a line, `#` starts a comment:
//!   - on the plan's data: `kegiatan N` (program 1 gets copies of its second kegiatan, with
//!     fresh kode, until the plan holds N kegiatan), `set $.json.path JSON` (replace or add a
//!     value), `remove $.json.path`, `rename $.json.path NEW_KEY`, `append $.json.path "TEXT"`
//!     (to a string), `long-text $.json.path CHARS` (a text of that many characters),
//!     `suffix-text "TEXT"` (appended to every plain-text value: not prose, titles, units, kode
//!     or choices);
//!   - then the plan is written as JSON (pretty, or on one line after `one-line`), and these
//!     work on its text: `raw-replace "OLD" "NEW"` (the first OLD, which must occur),
//!     `raw-replace-bytes "OLD" HEX` (NEW as raw bytes, e.g. not UTF-8), `raw-truncate-after
//!     "TEXT"` (cut after the first TEXT), `raw-append "TEXT"`, `raw-prepend "TEXT"`, `raw-crlf`;
//! - `plan.json`: a plan file as is, for what no recipe can say (an empty file, whitespace, a
//!   10,000-deep nesting);
//! - neither: the plan path does not exist.
//!
//! `expected.txt` is `exit: N` on its first line, then one substring of stderr per line.
//! `build` runs for the cases that check clean (a valid plan must build) and for the few listed
//! in [`BUILD_REFUSALS`]: every other refusal takes the same path through `document::prepare`,
//! which those prove leaves earlier outputs alone.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

use crate::support::{flagship_json, flagship_path, listing, root};
use crate::support::{renja, stderr};

/// What an earlier build left in the output directory; a refused build may not touch it.
const EARLIER_PDF: &[u8] = b"%PDF-1.7\n% an earlier build that a failed build must leave alone\n%%EOF\n";

/// Raw English error text of the OS, Typst or serde, which must never reach the user.
const ENGLISH: &[&str] = &[
    "os error",
    "No such file",
    "Permission denied",
    "No space left",
    "Read-only file system",
    "File exists",
    "Is a directory",
    "error:",
    "failed to",
    "PDF/A-2b error",
    "invalid type",
    "missing field",
    "unknown field",
];

/// The English error phrases in a command's output.
fn english(text: &str) -> Vec<&'static str> {
    ENGLISH.iter().copied().filter(|phrase| text.contains(phrase)).collect()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

struct Case {
    name: String,
    dir: PathBuf,
    exit: i32,
    expected: Vec<String>,
}

/// Refusals whose `build` runs too, one per way a build is refused: a load error, a rule
/// error, an unreadable plan path.
const BUILD_REFUSALS: [&str; 3] = ["16-tahun-as-string", "47-duplicate-kode", "69-missing-plan-file"];

impl Case {
    /// Whether `build` runs: for a plan that checks clean (unless it is a huge one, whose
    /// typesetting is not what this corpus is about), and for the listed refusals.
    fn builds(&self) -> bool {
        if self.exit != 0 {
            return BUILD_REFUSALS.contains(&self.name.as_str());
        }
        let recipe = std::fs::read_to_string(self.dir.join("generate.txt")).unwrap_or_default();
        !recipe.lines().any(|l| l.starts_with("kegiatan ") || l.starts_with("long-text "))
    }

    /// The plan path to give renja: the committed plan, a generated one inside `scratch`, or a
    /// path that does not exist.
    fn plan(&self, scratch: &Path) -> PathBuf {
        let recipe = self.dir.join("generate.txt");
        if recipe.exists() {
            let dir = scratch.join(&self.name);
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join("plan.json");
            std::fs::write(&path, generate(&std::fs::read_to_string(recipe).unwrap())).unwrap();
            path
        } else {
            self.dir.join("plan.json")
        }
    }
}

fn cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/bad"))
        .expect("tests/bad exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(dir.join("expected.txt"))
                .unwrap_or_else(|e| panic!("{name}: expected.txt unreadable: {e}"));
            let mut lines = text.lines();
            let exit = lines
                .next()
                .and_then(|l| l.strip_prefix("exit: "))
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or_else(|| panic!("{name}: expected.txt must start with `exit: N`"));
            let expected = lines.filter(|l| !l.trim().is_empty()).map(str::to_owned).collect();
            Case { name, dir, exit, expected }
        })
        .collect()
}

/// Keys whose strings `suffix-text` leaves alone: prose and titles (with placeholders), units,
/// kode, choices and the signing tag, whose rules are not what a suffix tests.
const NOT_PLAIN_TEXT: [&str; 10] =
    ["isi", "isi_lanjutan", "judul", "tentang", "satuan", "kode", "tahap", "kertas", "tag", "$schema"];

/// Appends `suffix` to every plain-text string under `value`.
fn suffix_text(value: &mut Value, suffix: &str) {
    match value {
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if item.is_string() && NOT_PLAIN_TEXT.contains(&key.as_str()) {
                    continue;
                }
                suffix_text(item, suffix);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| suffix_text(item, suffix)),
        Value::String(text) => text.push_str(suffix),
        _ => {}
    }
}

/// The JSON strings of a recipe line's arguments.
fn strings(line: &str, args: &str) -> Vec<String> {
    serde_json::Deserializer::from_str(args)
        .into_iter::<String>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{line}: arguments must be JSON strings: {e}"))
}

fn replace_first(text: &[u8], old: &[u8], new: &[u8], line: &str) -> Vec<u8> {
    let at = text.windows(old.len()).position(|w| w == old).unwrap_or_else(|| panic!("{line}: text not found"));
    [&text[..at], new, &text[at + old.len()..]].concat()
}

/// Applies a `generate.txt` recipe to the flagship and returns the plan file's bytes.
fn generate(recipe: &str) -> Vec<u8> {
    let mut plan = flagship_json();
    let mut text: Option<Vec<u8>> = None;
    let mut one_line = false;
    for line in recipe.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (op, args) = line.split_once(' ').unwrap_or((line, ""));
        if op.starts_with("raw-") && text.is_none() {
            let written = if one_line { serde_json::to_string(&plan) } else { serde_json::to_string_pretty(&plan) };
            text = Some(written.unwrap().into_bytes());
        }
        assert!(op.starts_with("raw-") || text.is_none(), "{line}: data instructions come before raw- ones");
        let mut words = args.splitn(2, ' ').filter(|w| !w.is_empty());
        match (op, words.next(), words.next()) {
            ("kegiatan", Some(n), None) => {
                let n: usize = n.parse().expect("kegiatan N");
                let programs = plan["rencana"]["program"].as_array_mut().unwrap();
                let others: usize = programs[1..].iter().map(|p| p["kegiatan"].as_array().unwrap().len()).sum();
                let kode = programs[0]["kode"].as_str().unwrap().to_owned();
                let template = programs[0]["kegiatan"][1].clone();
                let kegiatan = (1..=n - others)
                    .map(|i| {
                        let mut k = template.clone();
                        k["kode"] = Value::String(format!("{kode}.{i}"));
                        k
                    })
                    .collect();
                programs[0]["kegiatan"] = Value::Array(kegiatan);
            }
            ("set", Some(path), Some(json)) => {
                let value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{line}: {e}"));
                let (parent, key) = path.rsplit_once('.').filter(|(_, k)| !k.contains('[')).unwrap_or(("", ""));
                match at(&mut plan, path, false) {
                    Some(slot) => *slot = value,
                    // A new key of an existing object.
                    None if !key.is_empty() => {
                        at(&mut plan, parent, true).unwrap().as_object_mut().unwrap().insert(key.to_owned(), value);
                    }
                    None => panic!("{line}: no value at {path}"),
                }
            }
            ("remove", Some(path), None) => {
                let (parent, last) = path.rsplit_once(['.', '[']).unwrap_or_else(|| panic!("{line}"));
                match at(&mut plan, parent, true).unwrap() {
                    Value::Object(map) => assert!(map.remove(last).is_some(), "{line}: no such key"),
                    Value::Array(items) => {
                        items.remove(last.trim_end_matches(']').parse::<usize>().unwrap());
                    }
                    _ => panic!("{line}: not in an object or array"),
                }
            }
            ("rename", Some(path), Some(key)) => {
                let (parent, old) = path.rsplit_once('.').unwrap_or_else(|| panic!("{line}"));
                let map = at(&mut plan, parent, true).unwrap().as_object_mut().unwrap();
                let value = map.remove(old).unwrap_or_else(|| panic!("{line}: no such key"));
                map.insert(key.to_owned(), value);
            }
            ("append", Some(path), Some(_)) => {
                let tail = strings(line, args.strip_prefix(path).unwrap()).remove(0);
                let slot = at(&mut plan, path, true).unwrap();
                *slot = Value::String(format!("{}{tail}", slot.as_str().expect("append to a string")));
            }
            ("long-text", Some(path), Some(chars)) => {
                let chars: usize = chars.parse().expect("long-text PATH CHARS");
                let long: String = "Kantor Bagian Administrasi Kerja Sama. ".chars().cycle().take(chars).collect();
                *at(&mut plan, path, true).unwrap() = Value::String(long);
            }
            ("suffix-text", Some(_), _) => suffix_text(&mut plan, &strings(line, args)[0]),
            ("one-line", None, None) => one_line = true,
            ("raw-replace", Some(_), Some(_)) => {
                let [old, new] = <[String; 2]>::try_from(strings(line, args)).expect("raw-replace OLD NEW");
                text = Some(replace_first(text.as_deref().unwrap(), old.as_bytes(), new.as_bytes(), line));
            }
            ("raw-replace-bytes", Some(_), Some(hex)) => {
                let old = strings(line, args.strip_suffix(hex).unwrap()).remove(0);
                let new: Vec<u8> = (0..hex.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("raw-replace-bytes OLD HEX"))
                    .collect();
                text = Some(replace_first(text.as_deref().unwrap(), old.as_bytes(), &new, line));
            }
            ("raw-truncate-after", Some(_), _) => {
                let mark = strings(line, args).remove(0);
                let bytes = text.take().unwrap();
                let at = bytes.windows(mark.len()).position(|w| w == mark.as_bytes()).expect("text not found");
                text = Some(bytes[..at + mark.len()].to_vec());
            }
            ("raw-append", Some(_), _) => text.as_mut().unwrap().extend(strings(line, args).remove(0).into_bytes()),
            ("raw-prepend", Some(_), _) => {
                let mut bytes = strings(line, args).remove(0).into_bytes();
                bytes.extend(text.take().unwrap());
                text = Some(bytes);
            }
            ("raw-crlf", None, None) => {
                let bytes = text.take().unwrap();
                text = Some(String::from_utf8(bytes).unwrap().replace('\n', "\r\n").into_bytes());
            }
            _ => panic!("unknown recipe line {line:?}"),
        }
    }
    text.unwrap_or_else(|| {
        let written = if one_line { serde_json::to_string(&plan) } else { serde_json::to_string_pretty(&plan) };
        written.unwrap().into_bytes()
    })
}

/// The value at a JSON path such as `$.rencana.program[0].kegiatan[2].pagu`; `None` when it
/// does not exist and `must` is false.
fn at<'v>(plan: &'v mut Value, path: &str, must: bool) -> Option<&'v mut Value> {
    let pointer: String = path
        .strip_prefix('$')
        .unwrap_or(path)
        .chars()
        .filter(|c| *c != ']')
        .map(|c| if c == '.' || c == '[' { '/' } else { c })
        .collect();
    let found = plan.pointer_mut(&pointer);
    assert!(found.is_some() || !must, "no value at {path}");
    found
}

/// Runs one case: `check`, then (for a failing case, or a small valid one) `build` over an
/// earlier output. Returns every problem found.
fn run_case(case: &Case, scratch: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let plan = case.plan(scratch);

    let output = renja().arg("check").arg(&plan).output().unwrap();
    let (err, out) = (stderr(&output), stdout(&output));
    if output.status.code() != Some(case.exit) {
        problems.push(format!("check exited {:?}, expected {}", output.status.code(), case.exit));
    }
    if err.contains("panicked") || out.contains("panicked") {
        problems.push("check panicked".to_owned());
    }
    if !english(&err).is_empty() {
        problems.push(format!("check printed English error text {:?}", english(&err)));
    }
    for needle in &case.expected {
        if !err.contains(needle.as_str()) {
            problems.push(format!("check stderr lacks {needle:?}"));
        }
    }
    if !problems.is_empty() {
        // Enough of stderr to see what came instead (long lines cut).
        let excerpt: Vec<String> = err.lines().take(14).map(|l| l.chars().take(160).collect()).collect();
        problems.push(format!("check stderr was:\n      {}", excerpt.join("\n      ")));
    }

    if !case.builds() {
        return problems;
    }
    let dir = scratch.join(format!("{}-out", case.name));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("out.pdf");
    let sidecar = dir.join("out.pdf.sha256");
    let earlier_sidecar = renja::output::checksum_line(&pdf, EARLIER_PDF);
    std::fs::write(&pdf, EARLIER_PDF).unwrap();
    std::fs::write(&sidecar, &earlier_sidecar).unwrap();
    let output = renja().arg("build").arg(&plan).arg("-o").arg(&pdf).output().unwrap();
    let (err, out) = (stderr(&output), stdout(&output));
    if err.contains("panicked") || out.contains("panicked") {
        problems.push(format!("build panicked: {}", err.lines().find(|l| l.contains("panicked")).unwrap_or("")));
    }
    if !english(&err).is_empty() {
        problems.push(format!("build printed English error text {:?}", english(&err)));
    }
    let stray: Vec<String> =
        listing(&dir).into_iter().filter(|n| n.starts_with(".renja-") || n.ends_with(".tmp")).collect();
    if !stray.is_empty() {
        problems.push(format!("build left temporary files {stray:?}"));
    }
    if case.exit == 0 {
        let bytes = std::fs::read(&pdf).unwrap();
        if output.status.code() != Some(0) {
            let excerpt: Vec<&str> = err.lines().rev().take(8).collect();
            problems.push(format!("build of a valid plan exited {:?}: {excerpt:?}", output.status.code()));
        } else if !bytes.starts_with(b"%PDF-") || bytes == EARLIER_PDF {
            problems.push("build exited 0 but wrote no new PDF".to_owned());
        } else if std::fs::read_to_string(&sidecar).unwrap() != renja::output::checksum_line(&pdf, &bytes) {
            problems.push("build exited 0 but the sha256 sidecar does not match the PDF".to_owned());
        }
    } else {
        if output.status.code() != Some(case.exit) {
            problems.push(format!("build exited {:?}, expected {}", output.status.code(), case.exit));
        }
        if std::fs::read(&pdf).unwrap() != EARLIER_PDF {
            problems.push("refused build changed the earlier out.pdf".to_owned());
        }
        if std::fs::read_to_string(&sidecar).unwrap() != earlier_sidecar {
            problems.push("refused build changed the earlier out.pdf.sha256".to_owned());
        }
        let names = listing(&dir);
        if names != ["out.pdf", "out.pdf.sha256"] {
            problems.push(format!("refused build left {names:?} in the output directory"));
        }
        // The build reports the same first problem as check.
        if let Some(first) = case.expected.first()
            && !err.contains(first.as_str())
        {
            problems.push(format!("build stderr lacks {first:?}"));
        }
    }
    problems
}

#[test]
fn every_bad_case_is_reported_as_expected_and_never_damages_outputs() {
    let cases = cases();
    assert!(cases.len() >= 40, "only {} cases in tests/bad", cases.len());
    for name in BUILD_REFUSALS {
        assert!(cases.iter().any(|c| c.name == name && c.exit != 0), "{name} is not a refused case");
    }
    let scratch = tempfile::tempdir().unwrap();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    // Two workers: CI has two cores, and each case is a separate process.
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while let Some(case) = cases.get(next.fetch_add(1, Ordering::SeqCst)) {
                    let problems = run_case(case, scratch.path());
                    if !problems.is_empty() {
                        failures.lock().unwrap().push(format!("{}:\n    {}", case.name, problems.join("\n    ")));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    assert!(
        failures.is_empty(),
        "{} of {} bad cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// A copy of the flagship in a fresh directory, and the output path inside `sub` of it.
fn flagship_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::copy(flagship_path(), &plan).unwrap();
    (dir, plan)
}

#[test]
fn build_into_a_missing_directory_creates_nothing() {
    let (dir, plan) = flagship_copy();
    let before = listing(dir.path());
    let out = dir.path().join("belum/ada/renja.pdf");
    let output = renja().arg("build").arg(&plan).arg("-o").arg(&out).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("tidak ada"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(listing(dir.path()), before, "the missing directory was created or a file was left");
    assert_eq!(std::fs::read(&plan).unwrap(), std::fs::read(flagship_path()).unwrap());
}

#[cfg(unix)]
#[test]
fn build_into_a_read_only_directory_creates_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, plan) = flagship_copy();
    let locked = dir.path().join("terkunci");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root (and CAP_DAC_OVERRIDE) ignores permissions: then there is nothing to test.
    let probe = locked.join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: this user can write into a 0o555 directory (root?)");
        return;
    }
    let out = locked.join("renja.pdf");
    let output = renja().arg("build").arg(&plan).arg("-o").arg(&out).output().unwrap();
    let err = stderr(&output);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("akses ditolak"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(listing(&locked).is_empty(), "files appeared in the read-only directory: {:?}", listing(&locked));
}

#[test]
fn build_onto_the_plan_itself_changes_nothing() {
    let (dir, plan) = flagship_copy();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let before = listing(dir.path());
    let bytes = std::fs::read(&plan).unwrap();
    // The same path, and the same file spelled differently.
    for out in [plan.clone(), dir.path().join("sub/../plan.json"), dir.path().join("./plan.json")] {
        let output = renja().arg("build").arg(&plan).arg("-o").arg(&out).output().unwrap();
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "-o {}: {err}", out.display());
        assert!(err.contains("sama dengan berkas rencana"), "-o {}: {err}", out.display());
        assert_eq!(std::fs::read(&plan).unwrap(), bytes, "-o {} changed the plan", out.display());
        assert_eq!(listing(dir.path()), before, "-o {} created files", out.display());
    }
}
