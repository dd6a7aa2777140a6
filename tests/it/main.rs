//! renja's integration tests: one binary, a module per concern.

mod cli;
mod engine;
mod pdf;
mod support;
mod ttd;
