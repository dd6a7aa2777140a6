//! A synthetic plan of any size, for benchmarks and scale tests:
//!
//! ```sh
//! cargo run --release --example synth -- --program 48 --kegiatan 9 --seed 1 -o besar.json
//! cargo run --release --example synth -- --baris 3000 -o besar.json   # ~3,000 table rows
//! ```
//!
//! N programs × M kegiatan with Indonesian prose and table data, the same bytes for the same
//! seed, and always valid (`renja check` exits 0). The table rows (Tabel 2.1, 2.2, 2.3, 3.1 and
//! 4.1) are printed on stderr.

#[path = "synth/generator.rs"]
mod generator;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "pemakaian: synth [--program N] [--kegiatan M] [--baris R] [--seed S] [-o BERKAS.json]
  --program N    jumlah program (bawaan 4)
  --kegiatan M   jumlah kegiatan per program (bawaan 5, paling banyak 99)
  --baris R      alih-alih N dan M: sekitar R baris tabel (M = 9)
  --seed S       benih bilangan acak (bawaan 1)
  --sub-kegiatan K  rencana era SIPD-RI (Permendagri 90/2019, tahun 2027): K sub kegiatan per
                 kegiatan, pagu pada sub kegiatan, Tabel 4.1 17 kolom
  -o BERKAS      berkas keluaran (bawaan: stdout)";

fn main() -> ExitCode {
    let mut options = generator::Options { program: 4, kegiatan: 5, seed: 1 };
    let mut output: Option<PathBuf> = None;
    let mut sub_kegiatan: Option<usize> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value =
            |name: &str| -> Result<String, String> { args.next().ok_or_else(|| format!("{name} memerlukan nilai")) };
        let number = |text: String| text.parse::<u64>().map_err(|_| format!("bukan bilangan: {text}"));
        let parsed: Result<(), String> = match arg.as_str() {
            "--program" => value("--program").and_then(number).map(|n| options.program = n as usize),
            "--kegiatan" => value("--kegiatan").and_then(number).map(|n| options.kegiatan = n as usize),
            "--baris" => value("--baris").and_then(number).map(|n| {
                (options.program, options.kegiatan) = generator::shape_for_rows(n as usize);
            }),
            "--seed" => value("--seed").and_then(number).map(|n| options.seed = n),
            "--sub-kegiatan" => value("--sub-kegiatan").and_then(number).map(|n| sub_kegiatan = Some(n as usize)),
            "-o" | "--output" => value("-o").map(|path| output = Some(PathBuf::from(path))),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => Err(format!("argumen tidak dikenal: {other}")),
        };
        if let Err(message) = parsed {
            eprintln!("galat: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    if options.program == 0 || options.kegiatan == 0 || options.kegiatan > 99 {
        eprintln!("galat: perlu sedikitnya 1 program dan 1 sampai 99 kegiatan per program");
        return ExitCode::from(2);
    }
    let mut plan = generator::generate(options);
    if let Some(k) = sub_kegiatan {
        generator::sipd_era(&mut plan, k, options.seed);
    }
    let text = serde_json::to_string_pretty(&plan).expect("a JSON value serialises") + "\n";
    let written = match &output {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            print!("{text}");
            Ok(())
        }
    };
    if let Err(message) = written {
        eprintln!("galat: {message}");
        return ExitCode::FAILURE;
    }
    eprintln!(
        "{} program × {} kegiatan, benih {}: {} baris tabel, {} KB",
        options.program,
        options.kegiatan,
        options.seed,
        generator::table_rows(&plan),
        text.len() / 1024
    );
    ExitCode::SUCCESS
}
