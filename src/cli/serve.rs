//! `renja serve [PLAN] [--port N]`: the plan in a browser, on 127.0.0.1 only.

use std::io::Write;
use std::path::PathBuf;

use super::{Format, exit};
use crate::serve::{ServeError, ServeOptions, editor::OpenError};

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Berkas rencana yang disunting (setiap perubahan yang diterima langsung disimpan ke sini).
    #[arg(default_value_os_t = super::default_plan())]
    pub plan: PathBuf,
    /// Port di 127.0.0.1 (0: port bebas mana pun).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
}

pub fn run(args: ServeArgs) -> Result<u8, super::Galat> {
    if crate::files::is_stdin(&args.plan) {
        return Err(super::Galat::new("renja serve menyunting sebuah berkas, bukan masukan standar")
            .saran("sebutkan berkas rencananya, mis. renja serve plan.json")
            .kode(exit::TIDAK_TERBACA));
    }
    let options = ServeOptions { plan: args.plan.clone(), port: args.port };
    let ready = |address: &str| {
        // The first line of standard output is the address, for a person and for scripts.
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{address}");
        let _ = out.flush();
        eprintln!(
            "menyunting {} — buka alamat di atas di peramban; hanya dapat dibuka dari komputer ini (Ctrl-C untuk berhenti)",
            args.plan.display()
        );
    };
    match crate::serve::run(&options, ready) {
        Ok(()) => Ok(exit::OK),
        Err(ServeError::Open(OpenError::Load(error))) => Err(super::load_failure(&error, Format::Teks)),
        Err(ServeError::Io(reason)) => Err(super::Galat::new(format!("server tidak dapat dijalankan ({reason})"))
            .saran("pilih port lain dengan --port, atau --port 0 untuk port bebas")),
    }
}
