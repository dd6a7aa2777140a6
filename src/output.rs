//! Writing results to disk without ever leaving a partial or truncated file.
//!
//! Every output goes to a temporary file in the target directory and is renamed over the
//! destination only when complete: a failed or interrupted build leaves the previous file
//! exactly as it was.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// Why an output could not be written.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub reason: String,
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "gagal menulis `{}` ({})", self.path.display(), self.reason)
    }
}

impl std::error::Error for WriteError {}

/// The directory a path lives in ("." for a bare file name).
fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Temporary files being written right now, removed if the user interrupts (Ctrl-C), since an
/// interrupted process runs no destructors.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// On Ctrl-C (or SIGTERM), removes the temporary files in flight and exits with 130: an
/// interrupted build leaves neither a partial output nor a stray temporary file.
pub fn remove_partial_files_on_interrupt() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(pending) = PENDING.lock() {
            for path in pending.iter() {
                let _ = std::fs::remove_file(path);
            }
        }
        eprintln!("\ndibatalkan; tidak ada berkas yang ditulis sebagian");
        std::process::exit(130);
    });
}

fn track(path: &Path, pending: bool) {
    if let Ok(mut list) = PENDING.lock() {
        if pending {
            list.push(path.to_owned());
        } else {
            list.retain(|p| p != path);
        }
    }
}

/// Writes `bytes` to `path` atomically (temporary file in the same directory, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    prepare(path, bytes)?
        .persist(path)
        .map_err(|e| WriteError { path: path.to_owned(), reason: e.error.to_string() })?;
    Ok(())
}

/// A complete, synced temporary file beside `path`, ready to be renamed over it.
fn prepare(path: &Path, bytes: &[u8]) -> Result<Pending, WriteError> {
    let error = |reason: String| WriteError { path: path.to_owned(), reason };
    let dir = parent(path);
    if !dir.is_dir() {
        return Err(error(format!("direktori `{}` tidak ada", dir.display())));
    }
    if path.is_dir() {
        return Err(error("path keluaran adalah sebuah direktori".to_owned()));
    }
    let file = tempfile::Builder::new()
        .prefix(".renja-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| error(format!("tidak dapat membuat berkas sementara: {}", crate::cli::io_reason(&e))))?;
    track(file.path(), true);
    let mut pending = Pending(Some(file));
    fill(pending.0.as_mut().map(|f| f as &mut tempfile::NamedTempFile), path, bytes).map_err(error)?;
    Ok(pending)
}

/// A temporary file under way: tracked for Ctrl-C, removed if dropped before `persist`.
struct Pending(Option<tempfile::NamedTempFile>);

impl Pending {
    fn persist(mut self, path: &Path) -> Result<(), tempfile::PersistError> {
        let file = self.0.take().expect("a pending file persists once");
        let temporary = file.path().to_owned();
        let result = file.persist(path).map(|_| ());
        track(&temporary, false);
        result
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(file) = &self.0 {
            track(file.path(), false);
        }
    }
}

fn fill(file: Option<&mut tempfile::NamedTempFile>, path: &Path, bytes: &[u8]) -> Result<(), String> {
    let Some(file) = file else { return Ok(()) };
    file.write_all(bytes).map_err(|e| e.to_string())?;
    // Temporary files are private (0600); an output is an ordinary file others may read.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        file.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(|e| e.to_string())?;
    }
    file.as_file().sync_all().map_err(|e| e.to_string())
}

/// The hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::typeset::hex(&Sha256::digest(bytes))
}

/// `NAME.pdf.sha256` beside `NAME.pdf`.
pub fn checksum_path(pdf: &Path) -> PathBuf {
    let mut name = pdf.as_os_str().to_owned();
    name.push(".sha256");
    PathBuf::from(name)
}

/// The sidecar line in `sha256sum` format: "<hex>  <file name>\n".
pub fn checksum_line(pdf: &Path, bytes: &[u8]) -> String {
    let name = pdf.file_name().map_or_else(|| pdf.display().to_string(), |n| n.to_string_lossy().into_owned());
    format!("{}  {}\n", sha256_hex(bytes), name)
}

/// `NAME.ttd.json` beside `NAME.pdf`.
pub fn ttd_path(pdf: &Path) -> PathBuf {
    pdf.with_extension("ttd.json")
}

/// The placement sidecar for the signing step: where each signature goes, and what was signed.
#[derive(Debug, serde::Serialize)]
pub struct TtdManifest {
    pub pdf: String,
    pub pdf_sha256: String,
    pub rencana_sha256: String,
    pub renja_versi: &'static str,
    #[serde(rename = "final")]
    pub final_: bool,
    pub satuan: &'static str,
    pub asal_koordinat: &'static str,
    pub tanda_tangan: Vec<crate::typeset::KotakTtd>,
}

impl TtdManifest {
    pub fn new(pdf_path: &Path, built: &crate::document::Built, plan_bytes: &[u8]) -> Self {
        TtdManifest {
            pdf: pdf_path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            pdf_sha256: sha256_hex(&built.pdf),
            rencana_sha256: sha256_hex(plan_bytes),
            renja_versi: env!("CARGO_PKG_VERSION"),
            final_: built.final_,
            satuan: "pt",
            asal_koordinat: "kiri bawah halaman",
            tanda_tangan: built.ttd.clone(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Writes several files as one: every temporary file is written and synced before any is renamed
/// into place, so a failure (a directory in the way, a name too long, a full disk) changes none
/// of them.
pub fn write_set(files: &[(&Path, &[u8])]) -> Result<(), WriteError> {
    let mut ready = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        ready.push((*path, prepare(path, bytes)?));
    }
    for (path, file) in ready {
        file.persist(path).map_err(|e| WriteError { path: path.to_owned(), reason: e.error.to_string() })?;
    }
    Ok(())
}

/// Writes the PDF and its checksum sidecar as one set.
pub fn write_pdf(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_set(&[(path, bytes), (&checksum_path(path), checksum_line(path, bytes).as_bytes())])
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
    fn checksum_sidecar_is_sha256sum_format() {
        let line = checksum_line(Path::new("out/renja.pdf"), b"abc");
        assert_eq!(line, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  renja.pdf\n");
        assert_eq!(checksum_path(Path::new("a/b.pdf")), PathBuf::from("a/b.pdf.sha256"));
    }
}
