//! renja: a Rencana Kerja Perangkat Daerah (Permendagri 86/2017) from one `plan.json` to a
//! signature-ready PDF.
//!
//! Data flows one way: [`plan`] (load) → [`compute`] (derived figures) and [`check`] (rules) →
//! [`tabel`] (every table as a model) and [`kerangka`] (the outline as data) → [`render`]
//! (minijinja → Typst source) → [`typeset`] (Typst → PDF); the tables also go to xlsx, CSV and
//! JSON, and [`diff`] compares two plans through the same model. [`document`] runs the pipeline.
//! [`isian`] writes the input workbook of a plan's tables; [`impor`] reads it (and other
//! sources) back into a plan.

pub mod check;
pub mod cli;
pub mod compute;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod docx;
pub mod files;
pub mod fonts;
pub mod format;
pub mod import;
pub mod init;
pub mod kerangka;
pub mod kode;
pub mod load;
pub mod next_year;
pub mod output;
pub mod plan;
pub mod prose;
pub mod render;
pub mod serve;
pub mod tabel;
pub mod tanggal;
pub mod typeset;
pub mod verify;
pub mod workbook;
