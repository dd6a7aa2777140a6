//! renja: a Rencana Kerja Perangkat Daerah (Permendagri 86/2017) from one `plan.json` to a
//! signature-ready PDF.
//!
//! Data flows one way: [`plan`] (load) → [`compute`] (derived figures) and [`check`] (rules) →
//! [`render`] (minijinja → Typst source) → [`typeset`] (Typst → PDF). [`cli`] is a thin shell.

pub mod check;
pub mod cli;
pub mod compute;
pub mod diagnostic;
pub mod diff;
pub mod document;
pub mod fonts;
pub mod format;
pub mod output;
pub mod plan;
pub mod prose;
pub mod render;
pub mod tables;
pub mod typeset;
