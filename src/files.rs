//! Reading input files safely, and saying what went wrong with a file in Indonesian.
//!
//! Every input (a plan, a template) is checked before it is opened: only a regular file of at
//! most [`MAX_INPUT_BYTES`] is read, so a FIFO never blocks and `/dev/zero` never fills memory.
//! Operating-system errors are phrased here once, for every command and for [`crate::output`].

use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

/// The largest input read: a plan of 10,000 kegiatan is about 6 MB; anything past this limit is
/// not a plan or a template but a mistake (a disk image, a video, `/dev/zero`).
pub const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The path that stands for standard input.
pub const STDIN: &str = "-";

/// Why an input file could not be read.
#[derive(Debug)]
pub enum InputError {
    /// The operating system refused (missing, no permission, …).
    Io(std::io::Error),
    /// A directory, device, FIFO or socket where a file was expected.
    NotRegular(&'static str),
    /// Larger than [`MAX_INPUT_BYTES`].
    TooLarge(u64),
}

impl InputError {
    /// What went wrong, in Indonesian, for "… tidak dapat dibaca (REASON)".
    pub fn reason(&self) -> String {
        match self {
            InputError::Io(error) => io_reason(error),
            InputError::NotRegular(kind) => format!("bukan berkas biasa, melainkan {kind}"),
            InputError::TooLarge(size) => format!(
                "berkas {} MB, melebihi batas {} MB",
                size.div_ceil(1024 * 1024),
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        }
    }

    /// What to do about it.
    pub fn hint(&self, path: &Path) -> String {
        match self {
            InputError::Io(error) => io_hint(path, error),
            InputError::NotRegular(_) => {
                "sebutkan sebuah berkas biasa; untuk membaca dari pipa atau masukan standar, pakai `-`".to_owned()
            }
            InputError::TooLarge(_) => {
                "periksa path-nya: rencana dan templat jauh lebih kecil dari batas itu".to_owned()
            }
        }
    }

    /// Whether the file could not be opened at all (exit code 2), as opposed to being unfit.
    pub fn is_io(&self) -> bool {
        matches!(self, InputError::Io(_))
    }
}

/// A file type in words, for a message.
fn describe(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "sebuah FIFO (pipa bernama)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "sebuah perangkat";
        }
        if file_type.is_socket() {
            return "sebuah soket";
        }
    }
    if file_type.is_dir() { "sebuah direktori" } else { "berkas jenis khusus" }
}

/// Reads a regular file of at most [`MAX_INPUT_BYTES`], checking its type before opening it.
pub fn read_input(path: &Path) -> Result<Vec<u8>, InputError> {
    let metadata = std::fs::metadata(path).map_err(InputError::Io)?;
    if !metadata.is_file() {
        return Err(InputError::NotRegular(describe(&metadata.file_type())));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(InputError::Io)?;
    read_limited(file)
}

/// Reads standard input, up to [`MAX_INPUT_BYTES`].
pub fn read_stdin() -> Result<Vec<u8>, InputError> {
    read_limited(std::io::stdin().lock())
}

/// Reads at most the limit; a source that grows past it (a file being appended to, a pipe) is
/// refused rather than read to the end.
fn read_limited(source: impl Read) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    source.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes).map_err(InputError::Io)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The Linux error number of "too many levels of symbolic links" (no stable `ErrorKind` yet).
const ELOOP: i32 = 40;

/// An operating-system error in Indonesian, without the English text of the OS.
pub fn io_reason(error: &std::io::Error) -> String {
    let reason = match error.kind() {
        ErrorKind::NotFound => "tidak ditemukan",
        ErrorKind::PermissionDenied => "akses ditolak",
        ErrorKind::IsADirectory => "itu sebuah direktori",
        ErrorKind::NotADirectory => "salah satu bagian path-nya bukan direktori",
        ErrorKind::AlreadyExists => "sudah ada",
        ErrorKind::StorageFull => "disk penuh",
        ErrorKind::QuotaExceeded => "kuota disk habis",
        ErrorKind::ReadOnlyFilesystem => "sistem berkasnya hanya dapat dibaca",
        ErrorKind::FileTooLarge => "berkas terlalu besar untuk sistem berkas",
        ErrorKind::InvalidFilename => "nama berkas terlalu panjang atau tidak sah",
        ErrorKind::OutOfMemory => "memori tidak cukup",
        ErrorKind::ResourceBusy => "sedang dipakai proses lain",
        ErrorKind::CrossesDevices => "tidak dapat dipindahkan antarperangkat",
        ErrorKind::DirectoryNotEmpty => "direktori tidak kosong",
        ErrorKind::Interrupted => "terputus",
        ErrorKind::UnexpectedEof => "berakhir sebelum waktunya",
        ErrorKind::InvalidData => "isinya tidak sah",
        ErrorKind::Unsupported => "tidak didukung oleh sistem berkas ini",
        ErrorKind::TimedOut => "waktu habis",
        ErrorKind::TooManyLinks => "terlalu banyak tautan",
        _ if error.raw_os_error() == Some(ELOOP) => "tautan simbolik berputar atau terlalu dalam",
        _ => {
            return match error.raw_os_error() {
                Some(code) => format!("galat sistem operasi nomor {code}"),
                None => "galat masukan/keluaran".to_owned(),
            };
        }
    };
    reason.to_owned()
}

/// What the user can do about an operating-system error on `path`.
pub fn io_hint(path: &Path, error: &std::io::Error) -> String {
    match error.kind() {
        ErrorKind::NotFound if path == Path::new("plan.json") => {
            "jalankan dari direktori yang berisi plan.json, atau sebutkan berkasnya: renja check PATH".to_owned()
        }
        ErrorKind::NotFound => "periksa ejaan path-nya".to_owned(),
        ErrorKind::PermissionDenied => "periksa izin berkas dan direktorinya (ls -l)".to_owned(),
        ErrorKind::IsADirectory => "sebutkan sebuah berkas di dalam direktori itu".to_owned(),
        ErrorKind::NotADirectory => "periksa path-nya: ada berkas di tempat sebuah direktori".to_owned(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
            "kosongkan ruang disk lalu ulangi; berkas yang sudah ada tidak diubah".to_owned()
        }
        ErrorKind::ReadOnlyFilesystem => "tulis ke direktori lain yang dapat ditulisi, mis. -o ~/renja.pdf".to_owned(),
        ErrorKind::InvalidFilename => "pakai nama berkas yang lebih pendek".to_owned(),
        ErrorKind::OutOfMemory => "tutup aplikasi lain yang memakai banyak memori, lalu ulangi".to_owned(),
        ErrorKind::AlreadyExists => "hapus berkas itu atau pilih nama lain".to_owned(),
        ErrorKind::ResourceBusy | ErrorKind::Interrupted | ErrorKind::TimedOut => "ulangi sebentar lagi".to_owned(),
        _ if error.raw_os_error() == Some(ELOOP) => "periksa tautan simbolik pada path itu (ls -l)".to_owned(),
        _ => "periksa path dan perangkat penyimpanannya, lalu ulangi".to_owned(),
    }
}

/// Whether two paths name the same file (also when spelled differently). `-` (standard input
/// or output) is never the same file as anything.
pub fn same_file(a: &Path, b: &Path) -> bool {
    if is_stdin(a) || is_stdin(b) {
        return false;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The directory a path lives in ("." for a bare file name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `path` as given, or `-` for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new(STDIN)
}

/// A display name for standard input in messages and diagnostics.
pub fn stdin_name() -> PathBuf {
    PathBuf::from("<stdin>")
}

/// Lowercase hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of `bytes` in lowercase hexadecimal, as `sha256sum` prints it.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_are_phrased_in_indonesian() {
        let full = std::io::Error::from_raw_os_error(28);
        assert_eq!(io_reason(&full), "disk penuh");
        assert!(io_hint(Path::new("x.pdf"), &full).contains("kosongkan ruang disk"));
        assert_eq!(io_reason(&std::io::Error::from_raw_os_error(30)), "sistem berkasnya hanya dapat dibaca");
        assert_eq!(io_reason(&std::io::Error::from_raw_os_error(17)), "sudah ada");
        assert_eq!(io_reason(&std::io::Error::from_raw_os_error(40)), "tautan simbolik berputar atau terlalu dalam");
        let memory = std::io::Error::from(ErrorKind::OutOfMemory);
        assert!(!io_hint(Path::new("x"), &memory).contains("izin"));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_directories_are_refused_before_reading() {
        assert!(matches!(read_input(Path::new("/dev/zero")), Err(InputError::NotRegular("sebuah perangkat"))));
        assert!(matches!(read_input(Path::new("/")), Err(InputError::NotRegular("sebuah direktori"))));
    }
}
