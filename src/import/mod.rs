//! `renja import`: a plan's tables from another source. This module recognises the source,
//! hands it to its reader, joins the tables with a plan (`--into`) or with the skeleton of
//! `renja init`, and admits the result only if `check` does.
//!
//! Readers produce a [`TabelImpor`] (a [`plan::Rencana`] at least) and a [`Letak`], the cell or
//! place each JSON path came from, so that `check`'s findings point into the source.

pub mod sipd_ri;
pub mod workbook;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::diagnostic::Diagnostic;
use crate::plan::Nomenklatur;
use crate::plan::{self, Periode, Plan};
use crate::workbook::layout;

/// The tables a source supplies. `None` leaves the base plan's table as it is.
#[derive(Debug, Clone)]
pub struct TabelImpor {
    pub rencana: plan::Rencana,
    pub evaluasi: Option<plan::Evaluasi>,
    pub kinerja_pelayanan: Option<plan::KinerjaPelayanan>,
    pub usulan_masyarakat: Option<Vec<plan::UsulanMasyarakat>>,
}

/// The facts a source states about the plan it belongs to.
#[derive(Debug, Clone, Default)]
pub struct IdentitasBacaan {
    pub tahun: Option<i32>,
    pub nomenklatur: Option<Nomenklatur>,
    pub renstra_awal: Option<i32>,
    pub renstra_akhir: Option<i32>,
    pub pagu_batas: Option<Decimal>,
    /// Where each fact was read (label of [`layout::ISIAN_IDENTITAS`] → `Identitas!B3`).
    pub sel: HashMap<&'static str, String>,
    /// The Perangkat Daerah as the source names it (SIPD-RI), for a new plan.
    pub perangkat_daerah: Option<String>,
    /// The source holds no Renstra period (SIPD-RI): a new plan takes the skeleton's, around
    /// the source's year, and says so.
    pub tanpa_renstra: bool,
}

/// Where each imported value came from: JSON path → place in the source (`Rencana!O12`).
#[derive(Debug, Clone, Default)]
pub struct Letak(HashMap<String, String>);

impl Letak {
    pub fn catat(&mut self, json: &str, tempat: String) {
        self.0.entry(json.to_owned()).or_insert(tempat);
    }

    /// The place of a JSON path, or of its nearest recorded ancestor.
    pub fn cari(&self, json: &str) -> Option<&str> {
        let mut path = json;
        loop {
            if let Some(tempat) = self.0.get(path) {
                return Some(tempat);
            }
            let cut = path.rfind(['.', '['])?;
            path = &path[..cut];
        }
    }

    /// Points a diagnostic about the imported plan at its source: `Rencana!O12 ($.rencana…)`.
    pub fn tempatkan(&self, diagnostic: &mut Diagnostic) {
        diagnostic.location = None;
        if let Some(json) = &diagnostic.path
            && let Some(tempat) = self.cari(json)
        {
            diagnostic.path = Some(format!("{tempat} ({json})"));
        }
    }
}

/// What the imported tables join.
#[derive(Debug, Clone)]
pub enum Dasar {
    /// `--into PLAN`: the plan, whose narrative and settings stay as they are.
    Rencana(Box<Plan>),
    /// A new plan from `renja init`'s skeleton, with these facts.
    Kerangka { tahun: i32, nomenklatur: Option<Nomenklatur>, periode: Periode },
}

/// The skeleton `renja init` writes, for the given year, code list and Renstra period.
pub fn kerangka(tahun: i32, nomenklatur: Option<Nomenklatur>, periode: Periode) -> Plan {
    let era = nomenklatur.map(|n| match n {
        Nomenklatur::P86_2017 => "86/2017",
        Nomenklatur::P90_2019 => "90/2019",
    });
    let mut plan = crate::load::parse_str(&crate::init::skeleton(era)).expect("renja init's skeleton is a valid plan");
    plan.identitas.tahun = tahun;
    plan.identitas.periode_renstra = periode;
    if Nomenklatur::of(&plan) == Nomenklatur::P90_2019 {
        plan.pengaturan.tabel_bab_4 = plan::TabelBab4::SipdRi;
    }
    plan
}

/// A plan whose tables are those imported: with [`Dasar::Rencana`] a copy of that plan with its
/// tables replaced, narrative and settings untouched; with [`Dasar::Kerangka`] the skeleton of
/// `renja init` with them. Tables the source does not supply (`None`) stay the base's.
pub fn gabung_rencana(dasar: Dasar, tabel: TabelImpor) -> Plan {
    let mut plan = match dasar {
        Dasar::Rencana(plan) => *plan,
        Dasar::Kerangka { tahun, nomenklatur, periode } => kerangka(tahun, nomenklatur, periode),
    };
    plan.rencana = tabel.rencana;
    if let Some(evaluasi) = tabel.evaluasi {
        plan.evaluasi = evaluasi;
    }
    if let Some(kinerja) = tabel.kinerja_pelayanan {
        plan.kinerja_pelayanan = kinerja;
    }
    if let Some(usulan) = tabel.usulan_masyarakat {
        plan.usulan_masyarakat = usulan;
    }
    plan
}

/// The sources `renja import` understands, as the error for any other names them.
pub const SUMBER_DIKENALI: &str = "buku kerja isian renja (.xlsx dari `renja workbook`), laporan Renja \
                                   SIPD-RI (.xls, atau disimpan ulang sebagai .xlsx), atau JSON sub kegiatan SIPD-RI";

/// A source read by its reader.
#[derive(Debug)]
pub struct Bacaan {
    pub tabel: TabelImpor,
    pub identitas: IdentitasBacaan,
    pub letak: Letak,
    /// The reader's own warnings, shown with `check`'s.
    pub peringatan: Vec<Diagnostic>,
    /// Read from SIPD-RI, which holds no RKPD side, catatan or pagu ceiling: with `--into`
    /// those are carried over from the plan, node by node.
    pub dari_sipd: bool,
}

/// Recognises the source and reads it: the one place where a reader is chosen.
pub fn baca(bytes: &[u8]) -> Result<Bacaan, Vec<Diagnostic>> {
    if workbook::kenali(bytes) {
        let b = workbook::baca(bytes)?;
        return Ok(Bacaan {
            tabel: b.tabel,
            identitas: b.identitas,
            letak: b.letak,
            peringatan: Vec::new(),
            dari_sipd: false,
        });
    }
    // The SIPD-RI Renja report (HTML saved as .xls, or re-saved as .xlsx) and the SIPD-RI
    // `sub_bl` JSON export: the plan tree only, so `gabung_rencana` keeps the base plan's other
    // tables.
    let nama = std::path::Path::new("sumber");
    if crate::import::sipd_ri::kenali(nama, bytes).is_some() {
        let s = crate::import::sipd_ri::baca(nama, bytes)?;
        let mut letak = Letak::default();
        for (json, tempat) in s.letak {
            letak.catat(&json, tempat);
        }
        let mut sel = HashMap::new();
        sel.insert(layout::ISIAN_TAHUN, "tahun anggaran sumber SIPD-RI".to_owned());
        let identitas = IdentitasBacaan {
            sel,
            tahun: s.identitas.tahun,
            // SIPD-RI is 90/2019 by its year (TA 2021 on): a plan that leaves it to the year matches.
            nomenklatur: None,
            perangkat_daerah: s.identitas.perangkat_daerah,
            tanpa_renstra: true,
            ..IdentitasBacaan::default()
        };
        let tabel = TabelImpor { rencana: s.rencana, evaluasi: None, kinerja_pelayanan: None, usulan_masyarakat: None };
        return Ok(Bacaan { tabel, identitas, letak, peringatan: s.peringatan, dari_sipd: true });
    }
    Err(vec![tidak_dikenali(bytes)])
}

fn tidak_dikenali(bytes: &[u8]) -> Diagnostic {
    let found = if bytes.starts_with(b"PK\x03\x04") {
        "buku kerja atau arsip zip tanpa lembar \"Petunjuk\" dan \"Rencana\"".to_owned()
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        "buku kerja Excel 97-2003 (.xls)".to_owned()
    } else if bytes.iter().take(512).all(|b| !b.is_ascii_control() || b.is_ascii_whitespace()) {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(60)]).into_owned();
        let head: String = text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(30).collect();
        format!("teks yang diawali \"{head}\"")
    } else {
        "berkas biner lain".to_owned()
    };
    Diagnostic::error("impor.sumber", "sumber impor tidak dikenali")
        .expected(SUMBER_DIKENALI)
        .found(found)
        .hint("buat buku kerjanya dengan renja workbook plan.json -o isian.xlsx (atau --kosong), isi, lalu impor")
}

/// A finished import: the plan, its text as it will be written, and what `check` said.
#[derive(Debug)]
pub struct Hasil {
    pub plan: Plan,
    pub teks: String,
    /// Warnings, and errors that only stop a final document (template text), pointed at the
    /// source where they concern it.
    pub catatan: Vec<Diagnostic>,
}

/// Reads a source and joins its tables with `into` (else a new skeleton). Every problem is
/// returned at once; the result is admitted only when `check` finds no error that would stop a
/// draft.
pub fn impor(bytes: &[u8], into: Option<&Plan>) -> Result<Hasil, Vec<Diagnostic>> {
    let mut bacaan = baca(bytes)?;
    if bacaan.dari_sipd
        && let Some(plan) = into
    {
        crate::import::sipd_ri::bawa_yang_tidak_ada_di_sipd(&mut bacaan.tabel.rencana, plan);
    }
    let mut catatan = bacaan.peringatan;
    let dasar = dasar(&bacaan.identitas, into, &mut catatan)?;
    let baru = matches!(dasar, Dasar::Kerangka { .. });
    let mut plan = gabung_rencana(dasar, bacaan.tabel);
    if baru && let Some(pd) = bacaan.identitas.perangkat_daerah {
        plan.identitas.perangkat_daerah = pd;
    }
    let mut hasil = selesaikan(plan, &bacaan.letak)?;
    catatan.append(&mut hasil.catatan);
    hasil.catatan = catatan;
    Ok(hasil)
}

/// The base plan: `into`, whose year, code list and Renstra period the source must share, or
/// the skeleton with the source's.
fn dasar(id: &IdentitasBacaan, into: Option<&Plan>, catatan: &mut Vec<Diagnostic>) -> Result<Dasar, Vec<Diagnostic>> {
    let mut galat = Vec::new();
    let tempat = |label: &str| id.sel.get(label).cloned().unwrap_or_else(|| layout::IDENTITAS.to_owned());
    let era = |n: Option<Nomenklatur>| match n {
        None => "kosong (menurut tahun)",
        Some(Nomenklatur::P86_2017) => "86/2017",
        Some(Nomenklatur::P90_2019) => "90/2019",
    };
    match into {
        Some(plan) => {
            let pid = &plan.identitas;
            let pairs = [
                (layout::ISIAN_TAHUN, id.tahun, pid.tahun),
                (layout::ISIAN_RENSTRA_AWAL, id.renstra_awal, pid.periode_renstra.awal),
                (layout::ISIAN_RENSTRA_AKHIR, id.renstra_akhir, pid.periode_renstra.akhir),
            ];
            for (label, ours, theirs) in pairs {
                if let Some(ours) = ours
                    && ours != theirs
                {
                    galat.push(
                        Diagnostic::error("impor.identitas", format!("{label} di sumber berbeda dengan rencana tujuan"))
                            .path(tempat(label))
                            .expected(format!("{theirs}, seperti rencana tujuan (--into)"))
                            .found(ours.to_string())
                            .hint("impor ke rencana tahun yang sama; untuk tahun berikutnya buat dulu rencananya dengan renja next-year"),
                    );
                }
            }
            if id.nomenklatur.is_some() && id.nomenklatur != pid.nomenklatur {
                galat.push(
                    Diagnostic::error("impor.identitas", "nomenklatur di sumber berbeda dengan rencana tujuan")
                        .path(tempat(layout::ISIAN_NOMENKLATUR))
                        .expected(format!("{}, seperti rencana tujuan (--into)", era(pid.nomenklatur)))
                        .found(era(id.nomenklatur))
                        .hint("samakan sel ini dengan identitas.nomenklatur rencana, atau kosongkan"),
                );
            }
            if galat.is_empty() { Ok(Dasar::Rencana(Box::new(plan.clone()))) } else { Err(galat) }
        }
        None => {
            let mut wajib = |label: &str, value: Option<i32>| {
                if value.is_none() {
                    galat.push(
                        Diagnostic::error("impor.identitas", format!("{label} kosong"))
                            .path(tempat(label))
                            .expected("tahun, karena rencana baru disusun dari buku kerja (tanpa --into)")
                            .found("sel kosong")
                            .hint("isi sel ini, atau impor ke rencana yang ada dengan --into plan.json"),
                    );
                }
                value.unwrap_or_default()
            };
            let tahun = wajib(layout::ISIAN_TAHUN, id.tahun);
            // SIPD-RI holds no Renstra period: the skeleton's (two years either side), said.
            let (renstra_awal, renstra_akhir) = match (id.tanpa_renstra, id.tahun) {
                (true, Some(tahun)) => {
                    catatan.push(
                        Diagnostic::warning("impor.periode_renstra", "periode Renstra tidak ada di sumber SIPD-RI")
                            .path("$.identitas.periode_renstra")
                            .expected("periode Renstra perangkat daerah")
                            .found(format!("diisi {}-{} seperti kerangka renja init", tahun - 2, tahun + 2))
                            .hint("sesuaikan identitas.periode_renstra, atau impor ke rencana yang ada dengan --into plan.json"),
                    );
                    (Some(tahun - 2), Some(tahun + 2))
                }
                _ => (id.renstra_awal, id.renstra_akhir),
            };
            let awal = wajib(layout::ISIAN_RENSTRA_AWAL, renstra_awal);
            let akhir = wajib(layout::ISIAN_RENSTRA_AKHIR, renstra_akhir);
            if galat.is_empty() {
                Ok(Dasar::Kerangka { tahun, nomenklatur: id.nomenklatur, periode: Periode { awal, akhir } })
            } else {
                Err(galat)
            }
        }
    }
}

/// The plan's text, reloaded exactly as `renja check` will load it, then checked. Errors
/// other than final-only ones refuse the import.
pub fn selesaikan(plan: Plan, letak: &Letak) -> Result<Hasil, Vec<Diagnostic>> {
    let mut teks = serde_json::to_string_pretty(&plan).map_err(|error| {
        vec![Diagnostic::error("impor.json", format!("rencana tidak dapat ditulis sebagai JSON ({error})"))]
    })?;
    teks.push('\n');
    let plan = crate::load::parse_str(&teks).map_err(|mut diagnostics| {
        for d in &mut diagnostics {
            letak.tempatkan(d);
        }
        diagnostics
    })?;
    let computed = crate::compute::compute(&plan);
    let mut diagnostics = crate::check::check(&plan, &computed);
    for d in &mut diagnostics {
        letak.tempatkan(d);
    }
    if diagnostics.iter().any(|d| d.is_error() && !d.final_only) {
        return Err(diagnostics);
    }
    Ok(Hasil { plan, teks, catatan: diagnostics })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_placed_at_its_nearest_recorded_ancestor() {
        let mut letak = Letak::default();
        letak.catat("$.rencana.program[0]", "Rencana!B5".into());
        letak.catat("$.rencana.program[0].kegiatan[1].pagu", "Rencana!O9".into());
        assert_eq!(letak.cari("$.rencana.program[0].kegiatan[1].pagu"), Some("Rencana!O9"));
        assert_eq!(letak.cari("$.rencana.program[0].kegiatan[1].nama"), Some("Rencana!B5"));
        assert_eq!(letak.cari("$.bab_1.latar_belakang.isi"), None);
        let mut d = Diagnostic::error("x", "y").path("$.rencana.program[0].kegiatan[1].pagu");
        letak.tempatkan(&mut d);
        assert_eq!(d.path.as_deref(), Some("Rencana!O9 ($.rencana.program[0].kegiatan[1].pagu)"));
    }

    #[test]
    fn the_skeleton_of_every_era_takes_the_sources_facts() {
        for era in [None, Some(Nomenklatur::P86_2017), Some(Nomenklatur::P90_2019)] {
            let plan = kerangka(2019, era, Periode { awal: 2016, akhir: 2021 });
            assert_eq!(plan.identitas.tahun, 2019);
            assert_eq!(plan.identitas.nomenklatur, era);
            assert_eq!(plan.identitas.periode_renstra.akhir, 2021);
            let sipd = era == Some(Nomenklatur::P90_2019);
            assert_eq!(plan.pengaturan.tabel_bab_4 == plan::TabelBab4::SipdRi, sipd, "{era:?}");
        }
    }

    #[test]
    fn an_unknown_source_names_what_is_understood() {
        let error = baca(b"kode;nama\n1.03;PUPR\n").unwrap_err();
        assert_eq!(error.len(), 1);
        assert_eq!(error[0].message, "sumber impor tidak dikenali");
        assert_eq!(error[0].expected.as_deref(), Some(SUMBER_DIKENALI));
        assert_eq!(error[0].found.as_deref(), Some("teks yang diawali \"kode;nama 1.03;PUPR\""));
    }
}
