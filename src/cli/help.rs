//! clap's own words in Indonesian: help headings, defaults, possible values, the help and
//! version flags, and the errors of a wrong command line. Command and option names stay as they
//! are; every help page ends with examples and the exit codes.

use std::ffi::OsString;

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;

/// Exit code of a wrong command line (clap's convention, shared with an unreadable plan).
const SALAH_PAKAI: i32 = 2;

const TEMPLATE: &str = "{before-help}{about-with-newline}\nPenggunaan: {usage}\n\n{all-args}{after-help}";

/// The command line definition with every built-in word in Indonesian.
pub fn command() -> Command {
    localise(Cli::command(), true)
}

/// Parses the command line, printing help, the version, or an Indonesian error and exiting as
/// clap would.
pub fn parse() -> Cli {
    parse_from(std::env::args_os()).unwrap_or_else(|(text, code)| {
        if code == 0 {
            print!("{text}");
        } else {
            eprint!("{text}");
        }
        std::process::exit(code)
    })
}

/// Parses arguments, or gives the text to print and the exit code.
pub fn parse_from(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> Result<Cli, (String, i32)> {
    let mut command = command();
    let matches = command.try_get_matches_from_mut(args).map_err(|error| report(&error))?;
    Cli::from_arg_matches(&matches).map_err(|error| report(&error))
}

fn localise(command: Command, root: bool) -> Command {
    let name = command.get_name().to_owned();
    let mut command = command
        .help_template(TEMPLATE)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_help_heading("Perintah")
        .subcommand_value_name("PERINTAH")
        .mut_args(localise_arg)
        .arg(
            Arg::new("bantuan")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Tampilkan bantuan ini (ringkas dengan -h)")
                .help_heading("Opsi"),
        );
    if root {
        command = command.disable_version_flag(true).arg(
            Arg::new("versi")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Tampilkan versi renja")
                .help_heading("Opsi"),
        );
    }
    // A page with its own epilogue (`tables`, `verify`) keeps it after the examples, and its
    // own exit codes if it lists them.
    let with_own = |own: Option<String>| match own {
        Some(own) => format!("{}\n\n{own}", after_help(&name, root, !own.contains("Kode keluar")).trim_end()),
        None => after_help(&name, root, true),
    };
    let long = command.get_after_long_help().map(|own| with_own(Some(own.to_string())));
    let short = with_own(command.get_after_help().map(ToString::to_string));
    command = command.after_help(short);
    if let Some(long) = long {
        command = command.after_long_help(long);
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for sub in names {
        command = command.mut_subcommand(sub, |s| localise(s, false));
    }
    command
}

fn localise_arg(arg: Arg) -> Arg {
    let heading = if arg.is_positional() { "Argumen" } else { "Opsi" };
    let mut extra = Vec::new();
    let takes_values = arg.get_action().takes_values();
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let own_help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    if takes_values && !defaults.is_empty() && !own_help.contains("[bawaan:") {
        extra.push(format!("[bawaan: {}]", defaults.join(", ")));
    }
    let values: Vec<PossibleValue> = if takes_values {
        arg.get_possible_values().into_iter().filter(|v| !v.is_hide_set()).collect()
    } else {
        vec![]
    };
    if !values.is_empty() {
        extra.push(format!(
            "[pilihan: {}]",
            values.iter().map(|v| v.get_name().to_owned()).collect::<Vec<_>>().join(", ")
        ));
    }
    if let Some(env) = arg.get_env() {
        extra.push(format!("[variabel lingkungan: {}]", env.to_string_lossy()));
    }
    let mut short = own_help.clone();
    for text in &extra {
        short.push(' ');
        short.push_str(text);
    }
    let mut long = arg.get_long_help().map_or_else(|| own_help.clone(), ToString::to_string);
    let explained: Vec<String> =
        values.iter().filter_map(|v| v.get_help().map(|help| format!("  - {}: {help}", v.get_name()))).collect();
    if !explained.is_empty() {
        long.push_str("\n\nPilihan:\n");
        long.push_str(&explained.join("\n"));
        long.push('\n');
    }
    for text in &extra {
        long.push(if explained.is_empty() { ' ' } else { '\n' });
        long.push_str(text);
    }
    let arg = arg.help_heading(heading).hide_env(true).help(short).long_help(long);
    // clap allows hiding these only on arguments that take values.
    if takes_values { arg.hide_default_value(true).hide_possible_values(true) } else { arg }
}

/// Examples and (with `codes`) the exit codes of one help page.
fn after_help(name: &str, root: bool, codes: bool) -> String {
    let contoh: &[&str] = if root {
        &[
            "renja init renja-2027          # kerangka rencana baru",
            "renja check plan.json          # semua galat dan peringatan sekaligus",
            "renja build plan.json -o renja.pdf",
            "renja build --help             # bantuan satu perintah",
        ]
    } else {
        match name {
            "check" => &["renja check", "renja check plan.json --format json"],
            "build" => &[
                "renja build plan.json -o renja-2027.pdf",
                "renja build plan.json --kertas f4 --ttd elektronik",
                "renja build plan.json --draf        # draf bertanda air tahap rencana",
                "renja build plan.json --format docx # dokumen Word untuk penyusunan dan telaah hukum",
                "renja build rencana/                # setiap *.json di direktori itu",
            ],
            "preview" => &["renja preview plan.json --bab II", "renja preview plan.json --tabel 2.1 --png halaman/"],
            "watch" => &["renja watch plan.json", "renja watch plan.json --tabel 4.1"],
            "serve" => {
                &["renja serve plan.json          # lalu buka alamat yang dicetak", "renja serve plan.json --port 8080"]
            }
            "init" => &["renja init renja-2027", "renja init ."],
            "schema" => &["renja schema -o plan.schema.json"],
            "diff" => &["renja diff lama.json baru.json", "renja diff lama.json baru.json --kata --pdf perubahan.pdf"],
            "tables" => &["renja tables plan.json", "renja tables plan.json --format csv -o tabel/"],
            "next-year" => &["renja next-year plan.json", "renja next-year plan.json -o plan-2020.json"],
            "workbook" => &["renja workbook plan.json -o isian.xlsx", "renja workbook --kosong -o isian-kosong.xlsx"],
            "import" => &[
                "renja import isian.xlsx --into plan.json -o plan-baru.json",
                "renja import isian.xlsx -o plan.json      # rencana baru dari kerangka",
                "renja import renja-2019.docx --into plan.json -o plan-narasi.json   # narasi Word tahun lalu",
            ],
            "verify" => &["renja verify renja-2019.pdf", "renja verify renja-2019.pdf --plan plan.json"],
            _ => &[],
        }
    };
    let kode: &[(u8, &str)] = match name {
        "diff" => &[(0, "kedua revisi sama"), (1, "ada perubahan"), (2, "berkas tidak terbaca, atau argumen salah")],
        "schema" | "init" => &[(0, "berhasil"), (1, "berkas tidak dapat ditulis"), (2, "argumen salah")],
        "serve" => &[
            (0, "tidak dipakai: server berjalan sampai dihentikan"),
            (1, "rencana tidak dapat dimuat (galat dicetak beserta lokasinya), atau port tidak dapat dipakai"),
            (2, "berkas rencana tidak terbaca, atau argumen salah"),
            (130, "dihentikan dengan Ctrl-C"),
        ],
        _ => &[
            (0, "berhasil (peringatan saja tidak menggagalkan)"),
            (1, "rencana memiliki galat, atau penyusunan gagal; keluaran lama tidak diubah"),
            (2, "berkas rencana tidak terbaca, atau argumen salah"),
        ],
    };
    let mut text = String::from("Contoh:\n");
    for line in contoh {
        text.push_str(&format!("  {line}\n"));
    }
    if codes {
        text.push_str("\nKode keluar:\n");
        for (code, meaning) in kode {
            text.push_str(&format!("  {code}  {meaning}\n"));
        }
    }
    text
}

/// clap's usage line with its English placeholders in Indonesian.
fn usage_words(text: &str) -> String {
    text.replace("Usage:", "Penggunaan:").replace("[OPTIONS]", "[OPSI]").replace("<COMMAND>", "<PERINTAH>")
}

fn context_text(error: &clap::Error, kind: ContextKind) -> Option<String> {
    match error.get(kind)? {
        ContextValue::String(text) => Some(text.clone()),
        ContextValue::Strings(texts) => Some(texts.join(", ")),
        ContextValue::StyledStr(text) => Some(text.to_string()),
        ContextValue::StyledStrs(texts) => Some(texts.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The text and exit code of a clap error, in Indonesian.
fn report(error: &clap::Error) -> (String, i32) {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => (usage_words(&error.render().to_string()), 0),
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (usage_words(&error.render().to_string()), SALAH_PAKAI),
        _ => (message(error), SALAH_PAKAI),
    }
}

fn message(error: &clap::Error) -> String {
    let get = |kind| context_text(error, kind).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut lines = match error.kind() {
        ErrorKind::InvalidValue if value.is_empty() => vec![format!("galat: '{arg}' memerlukan nilai")],
        ErrorKind::InvalidValue => {
            let mut lines = vec![format!("galat: nilai '{value}' tidak valid untuk '{arg}'")];
            let valid = get(ContextKind::ValidValue);
            if !valid.is_empty() {
                lines.push(format!("  pilihan: {valid}"));
            }
            lines
        }
        ErrorKind::ValueValidation => vec![format!("galat: nilai '{value}' tidak valid untuk '{arg}'")],
        ErrorKind::UnknownArgument => vec![format!("galat: argumen tidak dikenal '{arg}'")],
        ErrorKind::InvalidSubcommand => {
            vec![format!("galat: perintah tidak dikenal '{}'", get(ContextKind::InvalidSubcommand))]
        }
        ErrorKind::MissingRequiredArgument => vec![format!("galat: argumen wajib belum diberikan: {arg}")],
        ErrorKind::MissingSubcommand => vec!["galat: perintah belum diberikan".to_owned()],
        ErrorKind::ArgumentConflict => {
            let prior = get(ContextKind::PriorArg);
            if prior.is_empty() || prior == arg {
                vec![format!("galat: '{arg}' tidak boleh diberikan lebih dari sekali")]
            } else {
                vec![format!("galat: '{arg}' tidak dapat dipakai bersama '{prior}'")]
            }
        }
        ErrorKind::NoEquals => vec![format!("galat: '{arg}' memerlukan tanda '=' sebelum nilainya")],
        ErrorKind::TooManyValues => vec![format!("galat: nilai berlebih '{value}' untuk '{arg}'")],
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            vec![format!("galat: jumlah nilai untuk '{arg}' salah")]
        }
        ErrorKind::InvalidUtf8 => vec!["galat: argumen bukan teks UTF-8".to_owned()],
        _ => vec!["galat: baris perintah tidak valid".to_owned()],
    };
    for kind in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue] {
        let suggestion = get(kind);
        if !suggestion.is_empty() {
            lines.push(format!("  saran: mungkin maksudnya '{suggestion}'?"));
        }
    }
    if let Some(ContextValue::Bool(true)) = error.get(ContextKind::TrailingArg) {
        lines.push(format!("  saran: untuk memberi '{arg}' sebagai nilai, tulis '-- {arg}'"));
    }
    if let Some(usage) = context_text(error, ContextKind::Usage) {
        lines.push(String::new());
        lines.push(usage_words(&usage));
    }
    lines.push(String::new());
    lines.push("Keterangan lebih lanjut: jalankan dengan '--help'.".to_owned());
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(args: &[&str]) -> String {
        match parse_from(args.iter().copied()) {
            Err((text, 0)) => text,
            _ => panic!("{args:?} printed no help"),
        }
    }

    #[test]
    fn help_pages_speak_indonesian_and_show_examples_and_exit_codes() {
        let mut pages = vec![help(&["renja", "--help"]), help(&["renja", "-h"])];
        let names: Vec<String> = command().get_subcommands().map(|s| s.get_name().to_owned()).collect();
        assert!(names.len() >= 8, "{names:?}");
        for sub in &names {
            pages.push(help(&["renja", sub, "--help"]));
            pages.push(help(&["renja", sub, "-h"]));
        }
        for page in &pages {
            for english in [
                "Usage:",
                "Options:",
                "Arguments:",
                "Commands:",
                "Possible values",
                "[default:",
                "[env:",
                "Print help",
                "[OPTIONS]",
            ] {
                assert!(!page.contains(english), "{english:?} in\n{page}");
            }
            assert!(page.contains("Penggunaan: renja") && page.contains("Contoh:\n  renja "), "{page}");
            assert!(page.contains("Kode keluar:") && page.contains(" 0 "), "{page}");
        }
        let build = help(&["renja", "build", "--help"]);
        assert!(build.contains("Opsi:") && build.contains("Argumen:"), "{build}");
        assert!(build.contains("[pilihan: basah, elektronik]"), "{build}");
        assert!(build.contains("  - elektronik: Tanda tangan elektronik (BSrE)"), "{build}");
        assert!(build.contains("[variabel lingkungan: SOURCE_DATE_EPOCH]"), "{build}");
        let check = help(&["renja", "check", "--help"]);
        assert!(check.contains("[bawaan: plan.json]") && check.contains("[bawaan: teks]"), "{check}");
        assert!(help(&["renja", "--help"]).contains("Perintah:\n  check"));
    }

    #[test]
    fn wrong_command_lines_are_explained_in_indonesian() {
        let error = |args: &[&str]| match parse_from(args.iter().copied()) {
            Err((text, code)) => {
                assert_eq!(code, 2, "{text}");
                text
            }
            Ok(_) => panic!("{args:?} parsed"),
        };
        let text = error(&["renja", "build", "--kertas", "a5"]);
        assert!(
            text.starts_with("galat: nilai 'a5' tidak valid untuk '--kertas <KERTAS>'\n  pilihan: a4, f4\n"),
            "{text}"
        );
        let text = error(&["renja", "buld"]);
        assert!(
            text.starts_with("galat: perintah tidak dikenal 'buld'\n  saran: mungkin maksudnya 'build'?"),
            "{text}"
        );
        let text = error(&["renja", "check", "--fromat", "json"]);
        assert!(
            text.contains("argumen tidak dikenal '--fromat'") && text.contains("mungkin maksudnya '--format'?"),
            "{text}"
        );
        assert!(text.contains("\nPenggunaan: renja check --format <FORMAT> [PLAN]\n"), "{text}");
        let text = error(&["renja", "check", "--format", "jsn"]);
        assert!(text.contains("mungkin maksudnya 'json'?"), "{text}");
        let text = error(&["renja", "build", "--source-date-epoch", "kemarin"]);
        assert!(text.starts_with("galat: nilai 'kemarin' tidak valid untuk '--source-date-epoch"), "{text}");
        let text = error(&["renja"]);
        assert!(text.contains("Penggunaan: renja <PERINTAH>") && text.contains("Contoh:"), "{text}");
        for english in ["error:", "tip:", "Usage:", "For more information"] {
            assert!(!text.contains(english), "{english}: {text}");
        }
    }
}
