//! Writing results to disk without ever leaving a partial or truncated file.
//!
//! Every output goes to a temporary file in the target directory and is renamed over the
//! destination only when complete: a failed or interrupted build leaves the previous file
//! exactly as it was. A set of files (a PDF and its sidecars) is written under a lock beside the
//! output, so concurrent builds to one output replace the whole set one after the other; the
//! sidecars are renamed first and the PDF last, and each sidecar names the PDF's SHA-256, so a
//! reader after a hard kill sees the old set, the new set, or a mismatch `renja verify` reports.
//!
//! A character device or FIFO (or `-`, standard output) is never replaced: it receives the
//! bytes directly, without sidecars. Anything else that is not a regular file is refused.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::files::{io_hint, io_reason, parent};

/// Why an output could not be written.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub reason: String,
    pub hint: Option<String>,
}

impl WriteError {
    fn new(path: &Path, reason: impl Into<String>) -> Self {
        WriteError { path: path.to_owned(), reason: reason.into(), hint: None }
    }

    /// An operating-system error on `path`, phrased in Indonesian with a hint.
    pub fn io(path: &Path, error: &std::io::Error) -> Self {
        WriteError { path: path.to_owned(), reason: io_reason(error), hint: Some(io_hint(path, error)) }
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "gagal menulis `{}` ({})", self.path.display(), self.reason)
    }
}

impl std::error::Error for WriteError {}

/// How an output was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Every file of the set replaced atomically.
    Set,
    /// The first file was a device, FIFO or standard output: its bytes went there directly and
    /// the other files of the set (sidecars) were not written.
    Stream,
}

/// What is at an output path now.
enum Target {
    /// Nothing, or a regular file: replaced atomically.
    File,
    /// Standard output, a character device or a FIFO: written to, never replaced.
    Stream,
}

/// The path that stands for standard output.
fn is_stdout(path: &Path) -> bool {
    path == Path::new(crate::files::STDIN)
}

fn target(path: &Path) -> Result<Target, WriteError> {
    if is_stdout(path) {
        return Ok(Target::Stream);
    }
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::File),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => return Err(WriteError::io(path, &e)),
        // A dangling link or an unreadable directory: let the write itself report it.
        Err(_) => return Ok(Target::File),
    };
    let file_type = metadata.file_type();
    if file_type.is_file() {
        return Ok(Target::File);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_char_device() || file_type.is_fifo() {
            return Ok(Target::Stream);
        }
        if file_type.is_block_device() || file_type.is_socket() {
            return Err(WriteError::new(path, "path keluaran adalah perangkat blok atau soket, bukan berkas biasa")
                .hint("pilih nama berkas biasa, mis. -o renja.pdf"));
        }
    }
    if file_type.is_dir() {
        return Err(WriteError::new(path, "path keluaran adalah sebuah direktori")
            .hint("sebutkan nama berkas di dalam direktori itu, mis. -o DIR/renja.pdf"));
    }
    Err(WriteError::new(path, "path keluaran bukan berkas biasa").hint("pilih nama berkas biasa, mis. -o renja.pdf"))
}

/// Writes bytes straight into a device, FIFO or standard output.
fn write_stream(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let result = if is_stdout(path) {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes).and_then(|()| out.flush())
    } else {
        std::fs::OpenOptions::new().write(true).open(path).and_then(|mut file| file.write_all(bytes))
    };
    result.map_err(|e| WriteError::io(path, &e))
}

/// Temporary and lock files of this process, removed if the user interrupts (Ctrl-C, SIGTERM),
/// since an interrupted process runs no destructors. Held while a temporary file is created and
/// while a set is renamed, so the interrupt handler never misses a file nor splits a set.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// On Ctrl-C or SIGTERM, removes the temporary files in flight and exits with 130: an
/// interrupted build leaves neither a partial output nor a stray temporary file.
pub fn remove_partial_files_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        // Keeping the guard until `exit` stops every other thread from creating or renaming.
        let pending = PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for path in pending.iter() {
            let _ = std::fs::remove_file(path);
        }
        eprintln!("\ndibatalkan; tidak ada berkas yang ditulis sebagian");
        std::process::exit(130);
    });
}

fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn untrack(list: &mut Vec<PathBuf>, path: &Path) {
    if let Some(at) = list.iter().position(|p| p == path) {
        list.swap_remove(at);
    }
}

/// Writes `bytes` to `path` atomically (temporary file in the same directory, then rename), or
/// straight into a device, FIFO or standard output.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_set(&[(path, bytes)]).map(|_| ())
}

/// A complete, synced temporary file beside `path`, ready to be renamed over it.
fn prepare(path: &Path, bytes: &[u8]) -> Result<Pending, WriteError> {
    let dir = directory_of(path)?;
    let file = {
        let mut list = pending();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".renja-").suffix(".tmp");
        // An output is an ordinary file others may read: 0644 less the umask, as a new file
        // made by any other program (temporary files are otherwise private, 0600).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let file = builder.tempfile_in(dir).map_err(|e| {
            let mut error = WriteError::io(path, &e);
            error.reason = format!("tidak dapat membuat berkas sementara: {}", error.reason);
            error
        })?;
        list.push(file.path().to_owned());
        file
    };
    let mut pending = Pending(Some(file));
    if let Some(file) = pending.0.as_mut() {
        file.write_all(bytes).and_then(|()| file.as_file().sync_all()).map_err(|e| WriteError::io(path, &e))?;
    }
    Ok(pending)
}

/// The directory an output goes into, which must exist: renja never creates it.
fn directory_of(path: &Path) -> Result<&Path, WriteError> {
    let dir = parent(path);
    if !dir.is_dir() {
        return Err(WriteError::new(path, format!("direktori `{}` tidak ada", dir.display()))
            .hint("buat direktorinya dulu, atau pilih path lain"));
    }
    Ok(dir)
}

/// A temporary file under way: tracked for Ctrl-C, removed if dropped before it is renamed.
struct Pending(Option<tempfile::NamedTempFile>);

impl Pending {
    /// Renames the file into place; the caller holds the `PENDING` guard.
    fn persist(mut self, path: &Path, list: &mut Vec<PathBuf>) -> Result<(), WriteError> {
        let file = self.0.take().expect("a pending file persists once");
        let temporary = file.path().to_owned();
        let result = file.persist(path).map(|_| ()).map_err(|e| WriteError::io(path, &e.error));
        untrack(list, &temporary);
        result
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(file) = self.0.take() {
            let mut list = pending();
            let temporary = file.path().to_owned();
            drop(file);
            untrack(&mut list, &temporary);
        }
    }
}

/// A lock beside an output (`.NAME.renja-lock`), held while its set is replaced; removed after.
struct OutputLock {
    path: PathBuf,
    _file: std::fs::File,
}

impl OutputLock {
    fn acquire(output: &Path) -> Result<OutputLock, WriteError> {
        let name = output.file_name().map_or_else(|| "renja".into(), |n| n.to_string_lossy().into_owned());
        let path = directory_of(output)?.join(format!(".{name}.renja-lock"));
        // Errors name the output: the lock file is renja's business, not the user's.
        loop {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(|e| WriteError::io(output, &e))?;
            file.lock().map_err(|e| WriteError::io(output, &e))?;
            // The previous holder removes the lock file when done: if ours is no longer the
            // file at that path, we locked an orphan and must start over.
            if same_inode(&file, &path) {
                pending().push(path.clone());
                return Ok(OutputLock { path, _file: file });
            }
        }
    }
}

#[cfg(unix)]
fn same_inode(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_inode(_file: &std::fs::File, _path: &Path) -> bool {
    true
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiting process notices and re-creates it.
        let mut list = pending();
        let _ = std::fs::remove_file(&self.path);
        untrack(&mut list, &self.path);
    }
}

/// `NAME.pdf.sha256` beside `NAME.pdf`.
pub fn checksum_path(pdf: &Path) -> PathBuf {
    let mut name = pdf.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

/// The sidecar line in `sha256sum` format: "<hex>  <file name>\n".
pub fn checksum_line(pdf: &Path, bytes: &[u8]) -> String {
    checksum_line_of(pdf, &crate::files::sha256_hex(bytes))
}

/// [`checksum_line`] of a PDF whose SHA-256 (`sha256`, in hex) is already known.
pub fn checksum_line_of(pdf: &Path, sha256: &str) -> String {
    format!("{sha256}  {}\n", file_name(pdf))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// `NAME.ttd.json` beside `NAME.pdf`.
pub fn ttd_path(pdf: &Path) -> PathBuf {
    pdf.with_extension("ttd.json")
}

/// The choices a build made beyond the plan, recorded so `renja verify` can rebuild the same
/// bytes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BuildRecord {
    pub kertas: crate::plan::Kertas,
    pub ttd: crate::plan::Ttd,
    /// The watermark of a draft, `null` for a final document.
    pub tanda_air: Option<String>,
    /// Built with `--paksa` (a plan with errors, marked as not final).
    pub paksa: bool,
    /// SOURCE_DATE_EPOCH given to the build, if any.
    pub source_date_epoch: Option<i64>,
    /// Built with the built-in templates (`false`: with `--templates`).
    pub templat_bawaan: bool,
}

/// The placement sidecar for the signing step: where each signature goes, and what was signed.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct TtdManifest {
    pub pdf: String,
    pub pdf_sha256: String,
    /// SHA-256 of the plan file's bytes as stored (a byte-order mark included), as `sha256sum`.
    pub rencana_sha256: String,
    pub renja_versi: String,
    #[serde(rename = "final")]
    pub final_: bool,
    pub satuan: String,
    pub asal_koordinat: String,
    pub tanda_tangan: Vec<crate::typeset::KotakTtd>,
    pub opsi: BuildRecord,
}

impl TtdManifest {
    pub fn new(
        pdf_path: &Path,
        built: &crate::document::Built,
        plan: &crate::load::LoadedPlan,
        opsi: BuildRecord,
    ) -> Self {
        TtdManifest {
            pdf: file_name(pdf_path),
            pdf_sha256: crate::files::sha256_hex(&built.pdf),
            rencana_sha256: plan.sha256.clone(),
            renja_versi: env!("CARGO_PKG_VERSION").to_owned(),
            final_: built.final_,
            satuan: "pt".to_owned(),
            asal_koordinat: "kiri bawah halaman".to_owned(),
            tanda_tangan: built.ttd.clone(),
            opsi,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Writes several files as one. The first is the main output (the PDF): if it is a device, FIFO
/// or `-`, only its bytes are written, straight there. Otherwise, under the output's lock, every
/// temporary file is written and synced before any is renamed into place, so a failure (a
/// directory in the way, a name too long, a full disk) changes none of them; the main output
/// is renamed last.
pub fn write_set(files: &[(&Path, &[u8])]) -> Result<Written, WriteError> {
    let Some(((main, main_bytes), sidecars)) = files.split_first() else { return Ok(Written::Set) };
    if let Target::Stream = target(main)? {
        write_stream(main, main_bytes)?;
        return Ok(Written::Stream);
    }
    for (path, _) in sidecars {
        if let Target::Stream = target(path)? {
            return Err(WriteError::new(path, "berkas pendamping ini adalah perangkat atau FIFO, bukan berkas biasa")
                .hint("pindahkan perangkat itu atau pilih nama keluaran lain"));
        }
    }
    let _lock = if sidecars.is_empty() { None } else { Some(OutputLock::acquire(main)?) };
    let mut ready = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        ready.push((*path, prepare(path, bytes)?));
    }
    hold_for_test("RENJA_TEST_HOLD_WRITTEN");
    let mut remaining = ready.into_iter();
    let mut main_file = remaining.next();
    // The guard keeps an interrupt from splitting the set; it is released before any file left
    // over after a failure is dropped (and removed), since that takes the guard too.
    let mut list = pending();
    let mut outcome = Ok(Written::Set);
    for (path, file) in remaining.by_ref() {
        if let Err(error) = file.persist(path, &mut list) {
            outcome = Err(error);
            break;
        }
    }
    if outcome.is_ok() {
        hold_for_test("RENJA_TEST_HOLD_RENAMING");
    }
    if outcome.is_ok()
        && let Some((path, file)) = main_file.take()
    {
        outcome = file.persist(path, &mut list).map(|()| Written::Set);
    }
    drop(list);
    outcome
}

/// A test hook, inert unless the environment variable `variable` names a file: renja creates
/// that file and waits (a minute at most, then goes on), so that a test can signal the process
/// at exactly this point of `write_set`: `RENJA_TEST_HOLD_WRITTEN` with every temporary file
/// written and none renamed, `RENJA_TEST_HOLD_RENAMING` with the sidecars renamed and the main
/// output not yet.
fn hold_for_test(variable: &str) {
    if let Some(marker) = std::env::var_os(variable) {
        let _ = std::fs::write(marker, b"");
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

/// Writes the PDF and its checksum sidecar as one set.
pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<Written, WriteError> {
    write_set(&[(path, bytes), (&checksum_path(path), checksum_line(path, bytes).as_bytes())])
}

/// The note printed when the main output was a device, FIFO or standard output.
pub fn stream_note(path: &Path) -> String {
    format!(
        "catatan: `{}` bukan berkas biasa; PDF dikirim langsung ke sana tanpa berkas pendamping (.sha256, .ttd.json)",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_write_leaves_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.pdf");
        write_atomic(&target, b"first").unwrap();
        let missing = dir.path().join("no/such/dir/out.pdf");
        assert!(write_atomic(&missing, b"x").unwrap_err().reason.contains("tidak ada"));
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        write_atomic(&target, b"second").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second");
        // No temporary file is left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_set_leaves_no_lock_file_and_replaces_every_file() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        for bytes in [b"one".as_slice(), b"two"] {
            assert_eq!(write_pdf(&pdf, bytes).unwrap(), Written::Set);
            assert_eq!(std::fs::read(&pdf).unwrap(), bytes);
            assert_eq!(std::fs::read_to_string(checksum_path(&pdf)).unwrap(), checksum_line(&pdf, bytes));
        }
        let mut names: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["a.pdf", "a.pdf.sha256"]);
    }

    #[test]
    fn concurrent_sets_to_one_output_never_mix() {
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join("a.pdf");
        std::thread::scope(|scope| {
            for writer in 0..6u8 {
                let pdf = &pdf;
                scope.spawn(move || {
                    for round in 0..25u8 {
                        let bytes = [writer, round].repeat(4096);
                        write_pdf(pdf, &bytes).unwrap();
                        // Whatever set is there now is a whole one: read under the lock, as
                        // `renja verify` would see it between builds.
                        let (now, sidecar) = {
                            let _lock = OutputLock::acquire(pdf).unwrap();
                            (std::fs::read(pdf).unwrap(), std::fs::read_to_string(checksum_path(pdf)).unwrap())
                        };
                        assert_eq!(sidecar, checksum_line(pdf, &now), "writer {writer} round {round}");
                    }
                });
            }
        });
        let mut names: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["a.pdf", "a.pdf.sha256"]);
    }

    #[test]
    fn checksum_sidecar_is_sha256sum_format() {
        let line = checksum_line(Path::new("out/renja.pdf"), b"abc");
        assert_eq!(line, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  renja.pdf\n");
        assert_eq!(checksum_path(Path::new("a/b.pdf")), PathBuf::from("a/b.pdf.sha256"));
    }
}
