//! `renja schema`: the JSON Schema of plan.json, so editors validate and autocomplete.

use std::path::PathBuf;

use super::exit;

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Tulis ke berkas ini alih-alih ke keluaran standar.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// The schema as pretty JSON text with a final newline.
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&crate::plan::json_schema()).unwrap_or_default();
    text.push('\n');
    text
}

pub fn run(args: SchemaArgs) -> Result<u8, super::Galat> {
    match args.output {
        Some(path) => {
            crate::output::write_atomic(&path, text().as_bytes())?;
        }
        None => print!("{}", text()),
    }
    Ok(exit::OK)
}
