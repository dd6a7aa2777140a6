//! renja's integration tests: one binary, a module per concern.

mod bad;
mod batch;
mod browser;
mod cli;
mod diff;
mod diff_properties;
mod drafts;
mod engine;
mod golden;
mod impor;
mod impor_sipd;
mod impor_sipd_utuh;
mod layers;
mod messages;
mod pdf;
mod pretty;
mod properties;
mod safety;
mod serve;
mod signing;
mod sipd;
mod support;
mod tables;
mod tahun_depan;
mod tata_letak;
mod ttd;
