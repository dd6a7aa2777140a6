//! `renja diff OLD NEW [--format teks|json] [--kata] [--pdf OUT]`: what changed between two
//! revisions of a plan, as the document prints it. Exit 0 when both print the same text, 1 when
//! different, 2 when a plan cannot be read or the output cannot be produced (like `diff`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::files::same_file;

use super::Format;
use crate::diff::{self, Perubahan, Row, RowKind, Status};
use crate::output;
use crate::render::Renderer;

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Kode keluar: 0 kedua revisi mencetak teks yang sama, 1 berbeda, 2 rencana tidak terbaca atau keluaran gagal."
)]
pub struct Args {
    /// Revisi lama.
    pub old: PathBuf,
    /// Revisi baru.
    pub new: PathBuf,
    /// Bentuk keluaran (json: struktur tetap, lihat dokumentasi modul renja::diff).
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Tampilkan juga bagian narasi yang berubah, kata demi kata.
    #[arg(long)]
    pub kata: bool,
    /// Tulis juga "Daftar Perubahan" sebagai PDF, lampiran Renja Perubahan.
    #[arg(long, value_name = "OUT")]
    pub pdf: Option<PathBuf>,
    /// Direktori templat pengganti (mis. perubahan.typ.j2, renja.typ).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Tanggal PDF bila rencana baru tidak memuat tanggal (detik Unix).
    #[arg(long, env = "SOURCE_DATE_EPOCH", hide_env_values = true)]
    pub source_date_epoch: Option<i64>,
}

/// Exit codes of `renja diff`, after diff(1).
mod exit {
    pub const SAMA: u8 = 0;
    pub const BERBEDA: u8 = 1;
    pub const GAGAL: u8 = super::super::exit::TIDAK_TERBACA;
}

/// `renja diff --format json`: see the module documentation of [`crate::diff`].
#[derive(serde::Serialize)]
struct Laporan<'a> {
    versi: u32,
    lama: String,
    baru: String,
    identik: bool,
    perubahan: &'a Perubahan,
}

pub fn run(args: Args) -> Result<u8, super::Galat> {
    // Both files are read first, so that both problems are reported in one run.
    let lama = super::load_or_report(&args.old, args.format);
    let baru = super::load_or_report(&args.new, args.format);
    let (lama, baru) = match (lama, baru) {
        (Ok(lama), Ok(baru)) => (lama, baru),
        (lama, baru) => {
            for galat in [lama.err(), baru.err()].into_iter().flatten() {
                eprint!("{}", galat.render());
            }
            return Err(super::Galat::dilaporkan(exit::GAGAL));
        }
    };
    if let Some(out) = &args.pdf
        && (same_file(out, &args.old) || same_file(out, &args.new))
    {
        return Err(super::Galat::new(format!("berkas PDF `{}` sama dengan salah satu berkas rencana", out.display()))
            .saran("pilih nama lain, mis. --pdf daftar-perubahan.pdf")
            .kode(exit::GAGAL));
    }
    let perubahan = diff::compare(&lama.plan, &baru.plan, diff::Options { kata: args.kata });
    let printed = match args.format {
        Format::Json => {
            let laporan = Laporan {
                versi: diff::VERSI_JSON,
                lama: args.old.display().to_string(),
                baru: args.new.display().to_string(),
                identik: perubahan.is_empty(),
                perubahan: &perubahan,
            };
            let mut text = serde_json::to_string_pretty(&laporan).unwrap_or_default();
            text.push('\n');
            std::io::stdout().write_all(text.as_bytes())
        }
        Format::Teks => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            std::io::stdout().write_all(teks(&perubahan, &args.old, &args.new, color).as_bytes())
        }
    };
    // A closed pipe (`renja diff a b | head`) is not a failure of the comparison.
    if let Err(error) = printed
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(super::Galat::new(format!("keluaran tidak dapat ditulis ({})", crate::files::io_reason(&error)))
            .kode(exit::GAGAL));
    }
    if let Some(out) = &args.pdf {
        let renderer = Renderer::with_overrides(args.templates.as_deref())
            .map_err(|error| super::Galat::from(error).kode(exit::GAGAL))?;
        let built =
            diff::appendix_pdf(&perubahan, &lama, &baru, &renderer, args.source_date_epoch).map_err(|error| {
                let mut galat = super::build_failure(&error).kode(exit::GAGAL);
                galat.pesan.push_str(&format!("; `{}` tidak diubah", out.display()));
                galat
            })?;
        let written =
            output::write_pdf(out, &built.pdf).map_err(|error| super::Galat::from(error).kode(exit::GAGAL))?;
        if written == output::Written::Stream {
            eprintln!("{}", output::stream_note(out));
        }
        eprintln!("Daftar Perubahan → {}: {} halaman", out.display(), built.document.pages().len());
    }
    Ok(if perubahan.is_empty() { exit::SAMA } else { exit::BERBEDA })
}

// ---------------------------------------------------------------------------------------------
// The aligned table

const HEADER: [&str; 6] = ["Kode", "Program/Kegiatan", "Uraian perubahan", "Semula", "Menjadi", "Selisih"];
/// The widest each column may grow before its text wraps.
const MAKS: [usize; 6] = [12, 36, 34, 30, 30, 16];

const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const RESET: &str = "\x1b[0m";

/// The whole human report: a title, the table, a summary.
fn teks(perubahan: &Perubahan, lama: &Path, baru: &Path, color: bool) -> String {
    let paint = |code: &str, text: &str| if color { format!("{code}{text}{RESET}") } else { text.to_owned() };
    if perubahan.is_empty() {
        return format!(
            "Tidak ada perubahan: `{}` dan `{}` mencetak teks yang sama.\n",
            lama.display(),
            baru.display()
        );
    }
    let mut out = paint(BOLD, &format!("Perubahan dari `{}` ke `{}`", lama.display(), baru.display()));
    out.push_str("\n\n");
    out.push_str(&tabel(&perubahan.rows(), color));
    out.push('\n');
    out.push_str(&ringkasan(perubahan));
    out.push('\n');
    out
}

/// A further row of the same program or kegiatan repeats its kode (so every line can be found
/// by it) but not its name.
fn cells(row: &Row) -> [String; 6] {
    let nama = if row.lanjutan { String::new() } else { row.nama.clone() };
    [row.kode.clone(), nama, row.uraian.clone(), row.semula.clone(), row.menjadi.clone(), row.selisih.clone()]
}

fn tabel(rows: &[Row], color: bool) -> String {
    let width = |s: &str| s.chars().count();
    let mut widths: [usize; 6] = HEADER.map(width);
    for row in rows.iter().filter(|r| !matches!(r.jenis, RowKind::Heading | RowKind::Nothing)) {
        for (i, cell) in cells(row).iter().enumerate() {
            widths[i] = widths[i].max(width(cell).min(MAKS[i]));
        }
    }
    let total: usize = widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
    let mut out = String::new();
    let line = |texts: [&str; 6], styles: [Option<&str>; 6], right: [bool; 6]| {
        let wrapped: Vec<Vec<String>> = texts.iter().enumerate().map(|(i, t)| wrap(t, widths[i])).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let mut text = String::new();
        for l in 0..height {
            let mut parts = Vec::new();
            for (i, lines) in wrapped.iter().enumerate() {
                let cell = lines.get(l).map_or("", String::as_str);
                let pad = " ".repeat(widths[i].saturating_sub(width(cell)));
                let styled = match styles[i] {
                    Some(code) if color && !cell.is_empty() => format!("{code}{cell}{RESET}"),
                    _ => cell.to_owned(),
                };
                parts.push(if right[i] { format!("{pad}{styled}") } else { format!("{styled}{pad}") });
            }
            text.push_str(parts.join("  ").trim_end());
            text.push('\n');
        }
        text
    };
    let plain = [None; 6];
    let bold = [Some(BOLD); 6];
    out.push_str(&line(HEADER, if color { bold } else { plain }, [false, false, false, false, false, true]));
    out.push_str(&"─".repeat(total));
    out.push('\n');
    for row in rows {
        match row.jenis {
            RowKind::Heading => {
                out.push('\n');
                let title = row.nama.to_uppercase();
                out.push_str(&if color { format!("{BOLD}{title}{RESET}") } else { title });
                out.push('\n');
            }
            RowKind::Nothing => {
                out.push_str(&row.uraian);
                out.push('\n');
            }
            _ => {
                let texts = cells(row);
                let status = match row.status {
                    Some(Status::Ditambah) => Some(GREEN),
                    Some(Status::Dihapus) => Some(RED),
                    _ => None,
                };
                let selisih = match row.selisih.chars().next() {
                    Some('+') => Some(GREEN),
                    Some('-') => Some(RED),
                    _ => None,
                };
                let strong = (row.jenis == RowKind::Strong).then_some(BOLD);
                let styles = [
                    status.or(strong),
                    status.or(strong),
                    None,
                    row.potongan.as_ref().map(|_| RED),
                    row.potongan.as_ref().map(|_| GREEN),
                    selisih,
                ];
                // Figures (a field with exact figures) stand right, text left.
                let right = [false, false, false, row.angka, row.angka, true];
                out.push_str(&line(texts.each_ref().map(String::as_str), styles, right));
            }
        }
    }
    out
}

/// Word-wraps a cell to `width` characters; a word longer than that is cut.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let last = lines.last_mut().expect("never empty");
            let used = last.chars().count();
            let needed = word.len() + usize::from(used > 0);
            if used + needed <= width {
                if used > 0 {
                    last.push(' ');
                }
                last.extend(word.iter());
                break;
            }
            if used == 0 {
                // Longer than the column: cut it.
                let rest = word.split_off(width.max(1));
                last.extend(word.iter());
                word = rest;
                lines.push(String::new());
                continue;
            }
            lines.push(String::new());
        }
    }
    lines
}

/// "3 baris tabel diubah; JUMLAH pagu: 1.073.384.000 → 1.073.484.000 (+100.000)".
fn ringkasan(perubahan: &Perubahan) -> String {
    let r = &perubahan.ringkasan;
    let mut parts = Vec::new();
    let counts = [
        (r.baris_ditambah, "baris tabel ditambahkan"),
        (r.baris_dihapus, "baris tabel dihapus"),
        (r.baris_diubah, "baris tabel diubah"),
        (r.prosa, "bagian narasi diubah"),
        (r.identitas, "isian identitas/keputusan/penandatangan diubah"),
        (r.lainnya, "isian lampiran/lainnya diubah"),
    ];
    for (n, what) in counts {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    // The total of Tabel 4.1 (the plan's pagu), when it moved.
    let jumlah =
        perubahan.tabel("4.1").into_iter().flat_map(|t| &t.baris).find(|b| b.jenis == crate::tabel::JenisBaris::Jumlah);
    if let Some(pagu) = jumlah.and_then(|b| b.bidang("pagu")) {
        parts.push(format!(
            "{} pagu: {} → {}{}",
            jumlah.map_or("", |b| b.nama.as_str()),
            pagu.semula.as_deref().unwrap_or("-"),
            pagu.menjadi.as_deref().unwrap_or("-"),
            pagu.selisih.as_ref().map_or_else(String::new, |s| format!(" ({s})"))
        ));
    }
    if parts.is_empty() {
        parts.push("perubahan pada judul, kepala atau catatan tabel, atau angka turunan".to_owned());
    }
    format!("Ringkasan: {}.", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_cuts_long_ones() {
        assert_eq!(wrap("satu dua tiga", 8), vec!["satu dua", "tiga"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
    }
}
