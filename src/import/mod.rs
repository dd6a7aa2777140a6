//! `renja import`: a plan's tables from another source. This module recognises the source,
//! hands it to its reader, joins the tables with a plan (`--into`) or with the skeleton of
//! `renja init`, and admits the result only if `check` does.
//!
//! Readers produce a [`TabelImpor`] (a [`plan::Rencana`] at least) and a [`Letak`], the cell or
//! place each JSON path came from, so that `check`'s findings point into the source.

pub mod docx;
pub mod limits;
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
    /// The regional government as the source names it ("Provinsi Jawa Tengah"), for a new plan.
    pub pemda: Option<String>,
    /// The Perangkat Daerah's bidang urusan as the source tells it (`1.03`), and its unit code.
    pub kode_bidang: Option<String>,
    pub kode_unit: Option<String>,
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
    /// The reader's own findings, shown with `check`'s: warnings, and the errors of a source
    /// whose tree could still be read.
    pub peringatan: Vec<Diagnostic>,
    /// Read from SIPD-RI, which holds no RKPD side, catatan or pagu ceiling: with `--into`
    /// those are carried over from the plan, node by node.
    pub dari_sipd: bool,
}

/// Recognises the source and reads it: the one place where a reader is chosen.
pub fn baca(bytes: &[u8]) -> Result<Bacaan, Vec<Diagnostic>> {
    limits::periksa_buku(bytes)?;
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
        let s = crate::import::sipd_ri::baca_lengkap(nama, bytes)?;
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
            pemda: s.identitas.pemda,
            kode_bidang: s.identitas.kode_bidang,
            kode_unit: s.identitas.kode_unit,
            tanpa_renstra: true,
            ..IdentitasBacaan::default()
        };
        let tabel = TabelImpor { rencana: s.rencana, evaluasi: None, kinerja_pelayanan: None, usulan_masyarakat: None };
        // Errors that left the tree readable travel with it, so that `check`'s findings on the
        // tree are reported in the same run.
        let peringatan = if s.galat.is_empty() { s.peringatan } else { s.galat };
        return Ok(Bacaan { tabel, identitas, letak, peringatan, dari_sipd: true });
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

/// How [`impor_dengan`] treats what it finds.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpsiImpor {
    /// Write the plan even with errors (`import --paksa`), each marked in the plan so that only
    /// a draft builds from it.
    pub paksa: bool,
    /// Accept a source of another Perangkat Daerah than `into`'s (`--unit-berbeda`).
    pub unit_berbeda: bool,
}

/// The mark `import --paksa` writes (in `pengaturan.teks_templat`, and in front of each
/// problem it notes in the plan): template text, so `check` refuses a final document until
/// every note is resolved and removed, while a draft builds.
pub const TANDA_GALAT_IMPOR: &str = "GALAT IMPOR:";

/// Reads a source and joins its tables with `into` (else a new skeleton). Every problem is
/// returned at once; the result is admitted only when `check` finds no error that would stop a
/// draft.
pub fn impor(bytes: &[u8], into: Option<&Plan>) -> Result<Hasil, Vec<Diagnostic>> {
    impor_dengan(bytes, into, OpsiImpor::default())
}

/// [`impor`] with its options. The source's own problems and `check`'s findings on the joined
/// plan come together, in one run; with [`OpsiImpor::paksa`] a plan with errors is returned
/// too, marked ([`TANDA_GALAT_IMPOR`]) so that only a draft builds from it.
pub fn impor_dengan(bytes: &[u8], into: Option<&Plan>, opsi: OpsiImpor) -> Result<Hasil, Vec<Diagnostic>> {
    let mut bacaan = baca(bytes)?;
    if bacaan.dari_sipd
        && let Some(plan) = into
    {
        crate::import::sipd_ri::bawa_yang_tidak_ada_di_sipd(&mut bacaan.tabel.rencana, plan);
    }
    let mut catatan = bacaan.peringatan;
    let unit = match into {
        Some(plan) if !opsi.unit_berbeda => unit_lain(&bacaan.identitas, plan),
        _ => Vec::new(),
    };
    let dasar = match dasar(&bacaan.identitas, into, &mut catatan) {
        Ok(dasar) => dasar,
        Err(mut galat) => {
            catatan.append(&mut galat);
            catatan.extend(unit);
            return Err(catatan);
        }
    };
    catatan.extend(unit);
    let baru = matches!(dasar, Dasar::Kerangka { .. });
    let mut plan = gabung_rencana(dasar, bacaan.tabel);
    if baru {
        let id = &bacaan.identitas;
        if let Some(pd) = &id.perangkat_daerah {
            plan.identitas.perangkat_daerah.clone_from(pd);
        }
        if let Some(pemda) = &id.pemda {
            plan.identitas.kepala_daerah = kepala_daerah(pemda);
            plan.identitas.pemda.clone_from(pemda);
        }
        if id.kode_bidang.is_some() && bacaan.dari_sipd {
            plan.identitas.kode_bidang.clone_from(&id.kode_bidang);
        }
    }
    let sumber_bergalat = catatan.iter().any(Diagnostic::is_error);
    if opsi.paksa && sumber_bergalat {
        tandai(&mut plan, &catatan);
    }
    let mut hasil = match selesaikan_dengan(plan, &bacaan.letak, opsi.paksa) {
        Ok(hasil) => hasil,
        Err(check) => {
            catatan.extend(tanpa_gema(check, &catatan));
            return Err(catatan);
        }
    };
    let check = std::mem::take(&mut hasil.catatan);
    catatan.extend(tanpa_gema(check, &catatan));
    if sumber_bergalat && !opsi.paksa {
        return Err(catatan);
    }
    hasil.catatan = catatan;
    Ok(hasil)
}

/// `check`'s findings without those that repeat a source problem at the same place (a pagu
/// cell holding text is reported once, not again as a sub-kegiatan without pagu), nor a
/// repeated code the reader already named.
fn tanpa_gema(check: Vec<Diagnostic>, sumber: &[Diagnostic]) -> Vec<Diagnostic> {
    let places: Vec<String> =
        sumber.iter().filter(|d| d.is_error()).filter_map(|d| d.path.as_ref().map(|p| format!("{p} ("))).collect();
    // A code the source repeats is named by the reader at its rows; check's own warning on the
    // plan would say it again.
    let twice = |d: &Diagnostic| d.message.split(" tercantum dua kali").next().unwrap_or("").to_owned();
    let ganda: Vec<String> = sumber.iter().filter(|d| d.code == "kode.ganda").map(twice).collect();
    check
        .into_iter()
        .filter(|d| !d.path.as_ref().is_some_and(|p| places.iter().any(|place| p.starts_with(place.as_str()))))
        .filter(|d| d.code != "kode.ganda" || !ganda.contains(&twice(d)))
        .collect()
}

/// "Gubernur Jawa Tengah" for "Provinsi Jawa Tengah", "Bupati …" for a kabupaten, "Wali Kota …"
/// for a kota.
fn kepala_daerah(pemda: &str) -> String {
    let (jenis, nama) = pemda.split_once(' ').unwrap_or(("", pemda));
    let jabatan = match jenis.to_lowercase().as_str() {
        "provinsi" => "Gubernur",
        "kota" => "Wali Kota",
        _ => "Bupati",
    };
    format!("{jabatan} {nama}")
}

/// A source of another Perangkat Daerah than the plan `--into` names: its name or its bidang
/// differs. Both are named.
fn unit_lain(id: &IdentitasBacaan, plan: &Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let bersih = |t: &str| crate::import::sipd_ri::rapikan(t).to_lowercase();
    let own = &plan.identitas.perangkat_daerah;
    // A plan still on the skeleton's identity names no unit yet.
    let kerangka = crate::load::parse_str(&crate::init::skeleton(None)).map(|p| p.identitas.perangkat_daerah);
    if kerangka.as_ref().is_ok_and(|k| bersih(k) == bersih(own)) || own.trim().is_empty() {
        return out;
    }
    if let Some(pd) = &id.perangkat_daerah
        && !own.contains(crate::plan::TEKS_TEMPLAT_INIT)
        && bersih(own) != bersih(pd)
    {
        out.push(
            Diagnostic::error("impor.unit_lain", "sumber milik perangkat daerah lain")
                .path("$.identitas.perangkat_daerah")
                .expected(format!("\"{own}\" (rencana tujuan --into)"))
                .found(format!("\"{pd}\" (sumber)"))
                .hint("impor laporan perangkat daerah ini; bila namanya hanya ditulis lain, tambahkan --unit-berbeda"),
        );
    }
    let bidang_plan = crate::kode::kode_bidang(plan);
    if let (Some(theirs), Some(ours)) = (&id.kode_bidang, &bidang_plan)
        && theirs != ours
    {
        let unit = id.kode_unit.as_deref().map(|k| format!(", kode unit {k}")).unwrap_or_default();
        out.push(
            Diagnostic::error("impor.unit_lain", "sumber milik bidang urusan lain")
                .path("$.identitas.kode_bidang")
                .expected(format!("bidang {ours} (rencana tujuan --into)"))
                .found(format!("bidang {theirs} (sumber{unit})"))
                .hint("impor laporan perangkat daerah ini; bila memang dimaksud, tambahkan --unit-berbeda"),
        );
    }
    out
}

/// Marks a plan written with errors (`import --paksa`): each error noted, with
/// [`TANDA_GALAT_IMPOR`] in front, in the `catatan` of the node it concerns (else of the first
/// program), and the mark made template text, so only a draft builds until every note is gone.
fn tandai(plan: &mut Plan, temuan: &[Diagnostic]) {
    let mark = TANDA_GALAT_IMPOR.to_owned();
    if !plan.pengaturan.teks_templat.contains(&mark) {
        plan.pengaturan.teks_templat.push(mark);
    }
    for d in temuan.iter().filter(|d| d.is_error()) {
        let at = d.path.as_deref().unwrap_or("");
        let found = d.found.as_deref().map(|f| format!(" ({f})")).unwrap_or_default();
        let note = format!("{TANDA_GALAT_IMPOR} {}{found} di {at}", d.message);
        let Some(program) = plan.rencana.program.first_mut() else { continue };
        let catatan = &mut program.catatan;
        if !catatan.is_empty() {
            catatan.push_str("; ");
        }
        catatan.push_str(&note);
    }
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
    selesaikan_dengan(plan, letak, false)
}

/// [`selesaikan`]; with `paksa`, a plan with errors is admitted too (its findings in
/// [`Hasil::catatan`]).
fn selesaikan_dengan(plan: Plan, letak: &Letak, paksa: bool) -> Result<Hasil, Vec<Diagnostic>> {
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
    if !paksa && diagnostics.iter().any(|d| d.is_error() && !d.final_only) {
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
