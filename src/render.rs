//! From a plan and its computed figures to Typst source, through minijinja templates.
//!
//! The templates are ours; plan text is never a template. Every value a template prints with
//! `{{ … }}` becomes a Typst *literal* (a string in quotes, an array, a dictionary): the Typst
//! library in `templates/renja.typ` lays them out, so plan text is always data and never markup.
//! Prose arrives already parsed into blocks (see [`crate::prose`]), as data too.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

use crate::compute::{BarisEvaluasi, Computed, Rasio};
use crate::format;
use crate::plan::{Bagian, IndikatorEvaluasi, Kertas, Nilai, Plan, Tahap, Teks, Ttd};
use crate::prose::{self, Block, Facts};

/// The built-in templates, embedded so the binary needs no files at run time.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("main.typ.j2", include_str!("../templates/main.typ.j2")),
    ("bab_1.typ.j2", include_str!("../templates/bab_1.typ.j2")),
    ("bab_2.typ.j2", include_str!("../templates/bab_2.typ.j2")),
    ("bab_3.typ.j2", include_str!("../templates/bab_3.typ.j2")),
    ("bab_4.typ.j2", include_str!("../templates/bab_4.typ.j2")),
    ("bab_5.typ.j2", include_str!("../templates/bab_5.typ.j2")),
    ("lampiran.typ.j2", include_str!("../templates/lampiran.typ.j2")),
    ("perubahan.typ.j2", include_str!("../templates/perubahan.typ.j2")),
];

/// The Typst library the generated source imports; layout lives there.
pub const TYPST_LIBRARY: (&str, &str) = ("renja.typ", include_str!("../templates/renja.typ"));

/// Choices of a rendering beyond the plan.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A diagonal watermark on every page ("DRAF", "RANCANGAN AKHIR"); None for a final document.
    pub tanda_air: Option<String>,
    /// Only one part of the document, for a preview.
    pub pratinjau: Option<Pratinjau>,
    /// "dicetak <tanggal jam>" in the footer of a preview.
    pub dicetak: Option<String>,
}

/// The part of the document a preview shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "jenis", content = "nomor", rename_all = "snake_case")]
pub enum Pratinjau {
    /// A chapter, "1" … "5".
    Bab(String),
    /// A table, "2.1" … "4.1".
    Tabel(String),
    Lampiran,
}

/// The tables a preview can show.
pub const TABEL: [&str; 6] = ["2.1", "2.2", "2.3", "2.4", "3.1", "4.1"];

/// Generated Typst sources: the main file and the library, by virtual path.
#[derive(Debug, Clone)]
pub struct TypstSources {
    pub files: Vec<(String, String)>,
}

impl TypstSources {
    pub fn main(&self) -> &str {
        &self.files[0].1
    }
}

/// A template error, located in its template file.
#[derive(Debug)]
pub struct RenderError {
    pub template: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "templat {}:{}: {}", self.template, line, self.message),
            None => write!(f, "templat {}: {}", self.template, self.message),
        }
    }
}

impl std::error::Error for RenderError {}

impl From<minijinja::Error> for RenderError {
    fn from(error: minijinja::Error) -> Self {
        let mut message = error.detail().map_or_else(|| error.kind().to_string(), str::to_owned);
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            let _ = write!(message, " ({cause})");
            source = cause.source();
        }
        if message.contains("template not found") || message.contains("non-existing template") {
            message.push_str("; hanya templat bawaan dan berkas di dalam direktori --templates yang dapat disertakan");
        }
        RenderError { template: error.name().unwrap_or("?").to_owned(), line: error.line(), message }
    }
}

/// Renders plans with the built-in templates, or with a directory of overrides.
pub struct Renderer {
    env: Environment<'static>,
    library: String,
}

impl Renderer {
    /// The built-in templates.
    pub fn new() -> Self {
        Renderer::with_overrides(None).expect("built-in templates are valid")
    }

    /// Templates from `dir` replace the built-in ones of the same name; includes reach only
    /// files inside `dir` or the built-in set.
    pub fn with_overrides(dir: Option<&Path>) -> Result<Self, RenderError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(|out, _state, value| {
            let mut text = String::new();
            typst_literal(value, &mut text)?;
            out.write_str(&text).map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "output"))
        });
        let overrides = dir.map(Path::to_path_buf);
        let mut library = TYPST_LIBRARY.1.to_owned();
        if let Some(dir) = &overrides
            && let Some(text) = read_override(dir, TYPST_LIBRARY.0)?
        {
            library = text;
        }
        let dir_for_loader: Option<PathBuf> = overrides;
        env.set_loader(move |name| {
            if let Some(dir) = &dir_for_loader
                && let Some(text) = read_override(dir, name)
                    .map_err(|e| minijinja::Error::new(minijinja::ErrorKind::TemplateNotFound, e.message))?
            {
                return Ok(Some(text));
            }
            Ok(BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned()))
        });
        Ok(Renderer { env, library })
    }

    /// Renders the whole document.
    pub fn render(&self, plan: &Plan, computed: &Computed) -> Result<TypstSources, RenderError> {
        self.render_with(plan, computed, &RenderOptions::default())
    }

    /// Renders the whole document, with a watermark if asked.
    pub fn render_with(
        &self,
        plan: &Plan,
        computed: &Computed,
        options: &RenderOptions,
    ) -> Result<TypstSources, RenderError> {
        let mut context = Context::build(plan, computed);
        context.meta.tanda_air = options.tanda_air.clone();
        context.meta.dicetak = options.dicetak.clone();
        context.pratinjau = options.pratinjau.clone();
        let template = self.env.get_template("main.typ.j2")?;
        let main = template.render(Value::from(minijinja::value::Serde(&context)))?;
        Ok(TypstSources {
            files: vec![("main.typ".to_owned(), main), (TYPST_LIBRARY.0.to_owned(), self.library.clone())],
        })
    }
}

impl Renderer {
    /// Renders one named template (built-in or overridden) with any serialisable context, e.g.
    /// a "Daftar Perubahan" appendix; the result imports the same Typst library.
    pub fn render_template<C: Serialize>(&self, name: &str, context: &C) -> Result<TypstSources, RenderError> {
        let template = self.env.get_template(name)?;
        let main = template.render(Value::from(minijinja::value::Serde(context)))?;
        Ok(TypstSources {
            files: vec![("main.typ".to_owned(), main), (TYPST_LIBRARY.0.to_owned(), self.library.clone())],
        })
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Renderer::new()
    }
}

/// Reads `dir/name` if it exists, refusing names that would leave `dir`.
fn read_override(dir: &Path, name: &str) -> Result<Option<String>, RenderError> {
    let safe = !name.is_empty() && Path::new(name).components().all(|c| matches!(c, std::path::Component::Normal(_)));
    if !safe {
        return Err(RenderError {
            template: name.to_owned(),
            line: None,
            message: "hanya berkas di dalam direktori templat yang boleh disertakan".to_owned(),
        });
    }
    let path = dir.join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => {
            Err(RenderError { template: name.to_owned(), line: None, message: format!("tidak dapat dibaca ({e})") })
        }
    }
}

/// Writes a template value as a Typst literal.
fn typst_literal(value: &Value, out: &mut String) -> Result<(), minijinja::Error> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            // Numbers in the context are counts and years; print them as Typst integers/floats.
            let text = value.to_string();
            if text.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'.') {
                out.push_str(&text);
            } else {
                typst_string(&text, out);
            }
        }
        ValueKind::String | ValueKind::Plain | ValueKind::Bytes | ValueKind::Invalid => {
            typst_string(value.as_str().unwrap_or(&value.to_string()), out)
        }
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                typst_literal(&item, out)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            out.push('(');
            let mut empty = true;
            for key in value.try_iter()? {
                empty = false;
                typst_string(&key.to_string(), out);
                out.push_str(": ");
                typst_literal(&value.get_item(&key)?, out)?;
                out.push_str(", ");
            }
            if empty {
                out.push(':');
            }
            out.push(')');
        }
        // Kinds minijinja may add later: print their text, quoted, which is always safe.
        _ => typst_string(&value.to_string(), out),
    }
    Ok(())
}

/// A Typst string literal: only `\` and `"` are special inside, plus control characters.
pub fn typst_string(text: &str, out: &mut String) {
    out.reserve(text.len() + 2);
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

// ---------------------------------------------------------------------------------------------
// The template context: every figure already formatted, every text already data.

#[derive(Debug, Serialize)]
struct Context {
    meta: Meta,
    tahun: Tahun,
    identitas: Identitas,
    lampiran: Lampiran,
    judul_dokumen: Vec<String>,
    bab: BTreeMap<&'static str, Bab>,
    sistematika: Vec<SistematikaBab>,
    daftar_program: Vec<String>,
    daftar_kegiatan: Vec<String>,
    tabel: BTreeMap<&'static str, Tabel>,
    penutup: Penutup,
    pohon_kinerja: Vec<PohonTujuan>,
    iku: Vec<Iku>,
    pratinjau: Option<Pratinjau>,
}

#[derive(Debug, Serialize)]
struct Meta {
    judul: String,
    penulis: String,
    subjek: String,
    kata_kunci: Vec<String>,
    kertas: &'static str,
    tahap: String,
    tanda_air: Option<String>,
    /// The footer statement of an electronically signed document.
    keterangan_ttd: Option<String>,
    dicetak: Option<String>,
}

#[derive(Debug, Serialize)]
struct Tahun {
    n: i32,
    n1: i32,
    n2: i32,
    n3: i32,
    maju: i32,
    renstra_awal: i32,
    renstra_akhir: i32,
}

#[derive(Debug, Serialize)]
struct Identitas {
    pemda: String,
    perangkat_daerah: String,
    kepala_daerah: String,
}

#[derive(Debug, Serialize)]
struct Lampiran {
    jenis: String,
    nomor: String,
    tanggal: Option<String>,
    tentang: String,
}

#[derive(Debug, Serialize)]
struct Bab {
    nomor: String,
    judul: String,
    bagian: BTreeMap<&'static str, Section>,
}

#[derive(Debug, Serialize)]
struct Section {
    nomor: String,
    judul: String,
    isi: Vec<Block>,
    isi_lanjutan: Vec<Block>,
}

#[derive(Debug, Serialize)]
struct SistematikaBab {
    bab: String,
    judul: String,
    bagian: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Tabel {
    nomor: String,
    judul: Vec<String>,
    baris: Vec<Baris>,
}

#[derive(Debug, Serialize)]
struct Baris {
    /// "kelompok" (a heading spanning the table), "program", "kegiatan", "jumlah", "nihil".
    jenis: &'static str,
    sel: Vec<String>,
}

impl Baris {
    fn new(jenis: &'static str, sel: Vec<String>) -> Self {
        Baris { jenis, sel }
    }
}

#[derive(Debug, Serialize)]
struct Penutup {
    kalimat: Option<String>,
    tempat_tanggal: Option<String>,
    jabatan: String,
    nama: String,
    pangkat: Option<String>,
    nip: Option<String>,
    ttd: TandaTangan,
}

#[derive(Debug, Serialize)]
struct TandaTangan {
    elektronik: bool,
    lebar_mm: u32,
    tinggi_mm: u32,
    tag: Option<String>,
}

#[derive(Debug, Serialize)]
struct PohonTujuan {
    uraian: String,
    sasaran: Vec<PohonSasaran>,
}

#[derive(Debug, Serialize)]
struct PohonSasaran {
    uraian: String,
    program: Vec<PohonProgram>,
}

#[derive(Debug, Serialize)]
struct PohonProgram {
    nama: String,
    indikator: String,
    rumus: Option<Rumus>,
}

#[derive(Debug, Serialize)]
struct Rumus {
    pembilang: String,
    penyebut: String,
}

#[derive(Debug, Serialize)]
struct Iku {
    indikator: String,
    rumus: Rumus,
}

/// Standard section titles of Permendagri 86/2017 (Renja Perangkat Daerah).
const BAB_JUDUL: [&str; 5] = [
    "Pendahuluan",
    "Hasil Evaluasi Renja Perangkat Daerah Tahun Lalu",
    "Tujuan dan Sasaran Perangkat Daerah",
    "Rencana Kerja dan Pendanaan Perangkat Daerah",
    "Penutup",
];

impl Context {
    fn build(plan: &Plan, computed: &Computed) -> Context {
        let facts = Facts::of(plan, computed);
        let id = &plan.identitas;
        let desimal = plan.pengaturan.desimal_persen;
        let teks = |t: &Teks| facts.fill(&t.0).unwrap_or_else(|_| t.0.clone());
        let prosa = |text: &str| prose::parse(text, &facts).unwrap_or_else(|_| vec![]);

        let section = |nomor: &str, default: &str, b: &Bagian| Section {
            nomor: nomor.to_owned(),
            judul: b.judul.as_ref().map_or_else(|| default.to_owned(), teks),
            isi: prosa(&b.isi.0),
            isi_lanjutan: prosa(&b.isi_lanjutan.0),
        };
        let bab_judul = |i: usize, judul: &Option<Teks>| judul.as_ref().map_or_else(|| BAB_JUDUL[i].to_owned(), teks);

        let mut bab = BTreeMap::new();
        let b1 = &plan.bab_1;
        bab.insert(
            "1",
            Bab {
                nomor: "I".into(),
                judul: bab_judul(0, &b1.judul),
                bagian: BTreeMap::from([
                    ("latar_belakang", section("1.1", "Latar Belakang", &b1.latar_belakang)),
                    ("landasan_hukum", section("1.2", "Landasan Hukum", &b1.landasan_hukum)),
                    ("maksud_tujuan", section("1.3", "Maksud dan Tujuan", &b1.maksud_tujuan)),
                    ("sistematika", section("1.4", "Sistematika Penulisan", &b1.sistematika)),
                ]),
            },
        );
        let b2 = &plan.bab_2;
        bab.insert(
            "2",
            Bab {
                nomor: "II".into(),
                judul: bab_judul(1, &b2.judul),
                bagian: BTreeMap::from([
                    (
                        "evaluasi",
                        section(
                            "2.1",
                            "Evaluasi Pelaksanaan Renja Perangkat Daerah Tahun Lalu dan Capaian Renstra Perangkat Daerah",
                            &b2.evaluasi,
                        ),
                    ),
                    ("kinerja_pelayanan", section("2.2", "Analisis Kinerja Pelayanan Perangkat Daerah", &b2.kinerja_pelayanan)),
                    (
                        "isu_penting",
                        section("2.3", "Isu-isu Penting Penyelenggaraan Tugas dan Fungsi Perangkat Daerah", &b2.isu_penting),
                    ),
                    ("review_rkpd", section("2.4", "Review terhadap Rancangan Awal RKPD", &b2.review_rkpd)),
                    (
                        "usulan_masyarakat",
                        section("2.5", "Penelaahan Usulan Program dan Kegiatan Masyarakat", &b2.usulan_masyarakat),
                    ),
                ]),
            },
        );
        let b3 = &plan.bab_3;
        bab.insert(
            "3",
            Bab {
                nomor: "III".into(),
                judul: bab_judul(2, &b3.judul),
                bagian: BTreeMap::from([
                    (
                        "telaahan_kebijakan",
                        section("3.1", "Telaahan terhadap Kebijakan Nasional", &b3.telaahan_kebijakan),
                    ),
                    ("tujuan_sasaran", section("3.2", "Tujuan dan Sasaran Renja Perangkat Daerah", &b3.tujuan_sasaran)),
                    ("tujuan", section("3.2.1", "Tujuan", &b3.tujuan)),
                    ("sasaran", section("3.2.2", "Sasaran", &b3.sasaran)),
                    ("program_kegiatan", section("3.3", "Program dan Kegiatan", &b3.program_kegiatan)),
                ]),
            },
        );
        let b4 = Section {
            nomor: String::new(),
            judul: String::new(),
            isi: prosa(&plan.bab_4.isi.0),
            isi_lanjutan: prosa(&plan.bab_4.isi_lanjutan.0),
        };
        bab.insert(
            "4",
            Bab { nomor: "IV".into(), judul: bab_judul(3, &plan.bab_4.judul), bagian: BTreeMap::from([("isi", b4)]) },
        );
        let b5 =
            Section { nomor: String::new(), judul: String::new(), isi: prosa(&plan.bab_5.isi.0), isi_lanjutan: vec![] };
        bab.insert(
            "5",
            Bab { nomor: "V".into(), judul: bab_judul(4, &plan.bab_5.judul), bagian: BTreeMap::from([("isi", b5)]) },
        );

        // The outline of 1.4 is the document's own headings, so it can never disagree with them.
        let order: [(&str, &[&str]); 5] = [
            ("1", &["latar_belakang", "landasan_hukum", "maksud_tujuan", "sistematika"]),
            ("2", &["evaluasi", "kinerja_pelayanan", "isu_penting", "review_rkpd", "usulan_masyarakat"]),
            ("3", &["telaahan_kebijakan", "tujuan_sasaran", "program_kegiatan"]),
            ("4", &[]),
            ("5", &[]),
        ];
        let sistematika = order
            .iter()
            .map(|(key, parts)| {
                let b = &bab[key];
                SistematikaBab {
                    bab: format!("Bab {}", b.nomor),
                    judul: b.judul.to_uppercase(),
                    bagian: parts.iter().map(|p| format!("{} {}", b.bagian[p].nomor, b.bagian[p].judul)).collect(),
                }
            })
            .collect();

        let pd_pemda = format!("{} {}", id.perangkat_daerah, id.pemda);
        let tahap = match id.tahap {
            Tahap::Final => String::new(),
            other => other.label().to_owned(),
        };
        let judul = format!("Rencana Kerja {} Tahun {}", pd_pemda, id.tahun);
        let mut tabel = BTreeMap::new();
        tabel.insert("2.1", tabel_2_1(plan, computed, desimal));
        tabel.insert("2.2", tabel_2_2(plan));
        tabel.insert("2.3", tabel_2_3(plan, computed));
        tabel.insert("2.4", tabel_2_4(plan));
        tabel.insert("3.1", tabel_rencana(plan, computed, true));
        tabel.insert("4.1", tabel_rencana(plan, computed, false));

        let ttd = &plan.penandatangan;
        Context {
            meta: Meta {
                judul: judul.clone(),
                penulis: id.perangkat_daerah.clone(),
                subjek: format!("Lampiran {} Nomor {}", plan.keputusan.jenis, plan.keputusan.nomor),
                kata_kunci: vec![
                    "Renja".into(),
                    "Rencana Kerja Perangkat Daerah".into(),
                    id.perangkat_daerah.clone(),
                    id.pemda.clone(),
                    id.tahun.to_string(),
                ],
                kertas: match plan.pengaturan.kertas {
                    Kertas::A4 => "a4",
                    Kertas::F4 => "f4",
                },
                tahap,
                tanda_air: None,
                dicetak: None,
                keterangan_ttd: (ttd.ttd == Ttd::Elektronik).then(|| ttd.ttd_elektronik.keterangan.clone()),
            },
            tahun: Tahun {
                n: id.tahun,
                n1: id.tahun - 1,
                n2: id.tahun - 2,
                n3: id.tahun - 3,
                maju: id.tahun + 1,
                renstra_awal: id.periode_renstra.awal,
                renstra_akhir: id.periode_renstra.akhir,
            },
            identitas: Identitas {
                pemda: id.pemda.clone(),
                perangkat_daerah: id.perangkat_daerah.clone(),
                kepala_daerah: id.kepala_daerah.clone(),
            },
            lampiran: Lampiran {
                jenis: plan.keputusan.jenis.clone(),
                nomor: plan.keputusan.nomor.clone(),
                tanggal: plan.keputusan.tanggal.map(|t| format::tanggal(t.tahun, t.bulan, t.hari)),
                tentang: teks(&plan.keputusan.tentang),
            },
            judul_dokumen: vec![
                "Rencana Kerja".into(),
                id.perangkat_daerah.clone(),
                format!("{} Tahun {}", id.pemda, id.tahun),
            ],
            bab,
            sistematika,
            daftar_program: plan.rencana.program.iter().map(|p| p.nama.clone()).collect(),
            daftar_kegiatan: plan
                .rencana
                .program
                .iter()
                .flat_map(|p| p.kegiatan.iter().map(|k| k.nama.clone()))
                .collect(),
            tabel,
            penutup: Penutup {
                kalimat: plan.bab_5.penutup.clone(),
                tempat_tanggal: match (&ttd.tempat, ttd.tanggal) {
                    (Some(tempat), Some(t)) => Some(format!("{tempat}, {}", format::tanggal(t.tahun, t.bulan, t.hari))),
                    (Some(tempat), None) => Some(format!("{tempat},")),
                    (None, Some(t)) => Some(format::tanggal(t.tahun, t.bulan, t.hari)),
                    (None, None) => None,
                },
                jabatan: ttd.jabatan.clone(),
                nama: ttd.nama.clone(),
                pangkat: ttd.pangkat.clone(),
                nip: ttd.nip.clone(),
                ttd: TandaTangan {
                    elektronik: ttd.ttd == Ttd::Elektronik,
                    lebar_mm: ttd.ttd_elektronik.lebar_mm,
                    tinggi_mm: ttd.ttd_elektronik.tinggi_mm,
                    tag: ttd.ttd_elektronik.tag.clone(),
                },
            },
            pohon_kinerja: plan
                .pohon_kinerja
                .iter()
                .map(|t| PohonTujuan {
                    uraian: t.uraian.clone(),
                    sasaran: t
                        .sasaran
                        .iter()
                        .map(|s| PohonSasaran {
                            uraian: s.uraian.clone(),
                            program: s
                                .program
                                .iter()
                                .map(|p| PohonProgram {
                                    nama: p.nama.clone(),
                                    indikator: p.indikator.clone(),
                                    rumus: p.rumus.as_ref().map(|r| Rumus {
                                        pembilang: r.pembilang.clone(),
                                        penyebut: r.penyebut.clone(),
                                    }),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            iku: plan
                .indikator_kinerja_utama
                .iter()
                .map(|i| Iku {
                    indikator: i.indikator.clone(),
                    rumus: Rumus { pembilang: i.rumus.pembilang.clone(), penyebut: i.rumus.penyebut.clone() },
                })
                .collect(),
            pratinjau: None,
        }
    }
}

fn value(v: &Option<Nilai>, satuan: &str) -> String {
    v.as_ref().map_or_else(|| "-".to_owned(), |n| format::nilai(n.angka, satuan))
}

fn rate(r: Rasio, desimal: u32) -> String {
    match r {
        Rasio::Nilai(v) => format::persen(v, desimal),
        Rasio::TakTerdefinisi => "-".to_owned(),
        Rasio::TidakBerlaku => String::new(),
    }
}

fn evaluasi_cells(
    no: String,
    nama: &str,
    prefix: &str,
    ind: &IndikatorEvaluasi,
    hasil: &BarisEvaluasi,
    desimal: u32,
) -> Vec<String> {
    let s = ind.satuan.as_str();
    vec![
        no,
        nama.to_owned(),
        format!("{prefix} : {}", ind.uraian),
        value(&ind.target_renstra, s),
        value(&ind.realisasi_sd_n3, s),
        value(&ind.target_n2, s),
        value(&ind.realisasi_n2, s),
        rate(hasil.tingkat_realisasi, desimal),
        value(&ind.target_n1, s),
        hasil.realisasi_sd_n1.map_or_else(|| "-".to_owned(), |v| format::nilai(v, s)),
        rate(hasil.capaian_renstra, desimal),
    ]
}

fn tabel_2_1(plan: &Plan, computed: &Computed, desimal: u32) -> Tabel {
    let id = &plan.identitas;
    let ev = &plan.evaluasi;
    let mut baris = vec![
        Baris::new("kelompok", vec![format!("Jenis Urusan : {}", ev.jenis_urusan)]),
        Baris::new("kelompok", vec![format!("Urusan : {}", ev.urusan)]),
    ];
    for (i, (program, hasil)) in ev.program.iter().zip(&computed.evaluasi).enumerate() {
        baris.push(Baris::new(
            "program",
            evaluasi_cells(
                format::romawi(i + 1),
                &program.nama,
                "Outcome",
                &program.indikator,
                &hasil.program,
                desimal,
            ),
        ));
        for (j, (kegiatan, h)) in program.kegiatan.iter().zip(&hasil.kegiatan).enumerate() {
            baris.push(Baris::new(
                "kegiatan",
                evaluasi_cells((j + 1).to_string(), &kegiatan.nama, "Output", &kegiatan.indikator, h, desimal),
            ));
        }
    }
    Tabel {
        nomor: "2.1".into(),
        judul: vec![
            format!(
                "Rekapitulasi Hasil Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra s/d Tahun {}",
                id.tahun - 1
            ),
            format!("{} {}", id.perangkat_daerah, id.pemda),
        ],
        baris,
    }
}

fn tabel_2_2(plan: &Plan) -> Tabel {
    let id = &plan.identitas;
    let kp = &plan.kinerja_pelayanan;
    let cells = |no: String, row: &crate::plan::BarisKinerja| {
        let lines = |pick: &dyn Fn(&crate::plan::NilaiKinerja) -> &Option<Nilai>| {
            row.nilai.iter().map(|line| value(pick(line), &line.satuan)).collect::<Vec<_>>().join("\n")
        };
        vec![
            no,
            row.indikator.clone(),
            row.spm.clone(),
            row.ikk.clone(),
            lines(&|l| &l.target[0]),
            lines(&|l| &l.target[1]),
            lines(&|l| &l.target[2]),
            lines(&|l| &l.target[3]),
            lines(&|l| &l.realisasi[0]),
            lines(&|l| &l.realisasi[1]),
            lines(&|l| &l.proyeksi[0]),
            lines(&|l| &l.proyeksi[1]),
            row.catatan.clone(),
        ]
    };
    let mut baris = Vec::new();
    if !kp.indikator_utama.is_empty() {
        baris.push(Baris::new("kelompok", vec!["Indikator Kinerja Utama".into()]));
        for (i, row) in kp.indikator_utama.iter().enumerate() {
            baris.push(Baris::new("kegiatan", cells((i + 1).to_string(), row)));
        }
    }
    if !kp.program.is_empty() {
        baris.push(Baris::new("kelompok", vec!["Indikator Program dan Kegiatan".into()]));
        for (i, program) in kp.program.iter().enumerate() {
            baris.push(Baris::new("program", cells(format::romawi(i + 1), program)));
            for (j, kegiatan) in program.kegiatan.iter().enumerate() {
                baris.push(Baris::new("kegiatan", cells((j + 1).to_string(), kegiatan)));
            }
        }
    }
    Tabel {
        nomor: "2.2".into(),
        judul: vec![format!("Pencapaian Kinerja Pelayanan {}", id.perangkat_daerah), id.pemda.clone()],
        baris,
    }
}

/// Emits each urusan heading once, right before the first program under it, so a plan that
/// spans two bidang urusan shows each group under its own heading.
struct UrusanHeadings<'p> {
    pending: Vec<&'p crate::plan::Urusan>,
}

impl<'p> UrusanHeadings<'p> {
    fn new(plan: &'p Plan) -> Self {
        UrusanHeadings { pending: plan.rencana.urusan.iter().collect() }
    }

    fn before(&mut self, kode: &str) -> Vec<&'p crate::plan::Urusan> {
        let (now, later): (Vec<_>, Vec<_>) = self
            .pending
            .iter()
            .partition(|u| kode.strip_prefix(u.kode.as_str()).is_some_and(|rest| rest.starts_with('.')));
        self.pending = later;
        now
    }
}

fn urusan_label(kode: &str) -> &'static str {
    if kode.contains('.') { "URUSAN" } else { "JENIS URUSAN" }
}

fn tabel_2_3(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let mut baris: Vec<Baris> = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    for (i, (program, pagu)) in plan.rencana.program.iter().zip(&computed.program).enumerate() {
        let before = headings.before(&program.kode);
        if !before.is_empty() {
            for u in before {
                baris.push(Baris::new("kelompok", vec![format!("{} : {}", urusan_label(&u.kode), u.nama)]));
            }
            baris.push(Baris::new("kelompok", vec![format!("PERANGKAT DAERAH : {}", id.perangkat_daerah)]));
        }
        baris.push(Baris::new(
            "program",
            vec![
                (i + 1).to_string(),
                program.nama.clone(),
                String::new(),
                program.indikator.clone(),
                format::nilai(program.target.angka, &program.satuan),
                format::rupiah(pagu.pagu_rkpd),
                program.nama.clone(),
                String::new(),
                program.indikator.clone(),
                format::nilai(program.target.angka, &program.satuan),
                format::rupiah(pagu.pagu_analisis),
                program.catatan.clone(),
            ],
        ));
        for (j, k) in program.kegiatan.iter().enumerate() {
            let indikator = format!("Output : {}", k.indikator);
            let analisis = k.hasil_analisis.clone().unwrap_or_default();
            let (rkpd_lokasi, rkpd_target, rkpd_pagu) = match &k.rkpd {
                Some(r) => (
                    r.lokasi.clone().unwrap_or_else(|| k.lokasi.clone()),
                    format::nilai(r.target.as_ref().unwrap_or(&k.target).angka, &k.satuan),
                    format::rupiah(r.pagu.0),
                ),
                None => (String::new(), String::new(), "-".to_owned()),
            };
            baris.push(Baris::new(
                "kegiatan",
                vec![
                    (j + 1).to_string(),
                    k.nama.clone(),
                    rkpd_lokasi,
                    indikator.clone(),
                    rkpd_target,
                    rkpd_pagu,
                    k.nama.clone(),
                    analisis.lokasi.unwrap_or_else(|| k.lokasi.clone()),
                    indikator,
                    format::nilai(crate::compute::target_analisis(k).angka, &k.satuan),
                    format::rupiah(crate::compute::pagu_analisis(k)),
                    k.catatan.clone(),
                ],
            ));
        }
    }
    baris.push(Baris::new(
        "jumlah",
        vec![
            "JUMLAH DANA".into(),
            format::rupiah(computed.jumlah.pagu_rkpd),
            format::rupiah(computed.jumlah.pagu_analisis),
        ],
    ));
    Tabel {
        nomor: "2.3".into(),
        judul: vec![format!("Review Terhadap Rancangan Awal RKPD Tahun {}", id.tahun), id.pemda.clone()],
        baris,
    }
}

fn tabel_2_4(plan: &Plan) -> Tabel {
    let baris = if plan.usulan_masyarakat.is_empty() {
        vec![Baris::new("nihil", vec!["NIHIL".into()])]
    } else {
        plan.usulan_masyarakat
            .iter()
            .enumerate()
            .map(|(i, u)| {
                Baris::new(
                    "kegiatan",
                    vec![
                        (i + 1).to_string(),
                        u.program_kegiatan.clone(),
                        u.lokasi.clone(),
                        u.indikator.clone(),
                        u.volume.clone(),
                        u.catatan.clone(),
                    ],
                )
            })
            .collect()
    };
    Tabel {
        nomor: "2.4".into(),
        judul: vec![format!("Penelaahan Usulan Program dan Kegiatan Masyarakat Tahun {}", plan.identitas.tahun)],
        baris,
    }
}

/// Tabel 3.1 (with prakiraan maju) and Tabel 4.1 (without): the same rows.
fn tabel_rencana(plan: &Plan, computed: &Computed, maju: bool) -> Tabel {
    let id = &plan.identitas;
    let mut baris: Vec<Baris> = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    let optional_rupiah = |v: Option<rust_decimal::Decimal>| v.map_or_else(|| "-".to_owned(), format::rupiah);
    for (program, pagu) in plan.rencana.program.iter().zip(&computed.program) {
        for u in headings.before(&program.kode) {
            baris.push(Baris::new("urusan", vec![u.kode.clone(), u.nama.to_uppercase()]));
        }
        let mut sel = vec![
            program.kode.clone(),
            program.nama.clone(),
            format!("Outcome : {}", program.indikator),
            program.lokasi.clone(),
            format::nilai(program.target.angka, &program.satuan),
            format::rupiah(pagu.pagu),
            program.sumber_dana.clone(),
            program.catatan.clone(),
        ];
        if maju {
            sel.push(value(&program.target_maju, &program.satuan));
            sel.push(optional_rupiah(pagu.pagu_maju));
        }
        baris.push(Baris::new("program", sel));
        for k in &program.kegiatan {
            let mut sel = vec![
                k.kode.clone(),
                k.nama.clone(),
                format!("Output : {}", k.indikator),
                k.lokasi.clone(),
                format::nilai(k.target.angka, &k.satuan),
                format::rupiah(k.pagu.0),
                k.sumber_dana.clone(),
                k.catatan.clone(),
            ];
            if maju {
                sel.push(value(&k.target_maju, &k.satuan));
                sel.push(optional_rupiah(k.pagu_maju.map(|p| p.0)));
            }
            baris.push(Baris::new("kegiatan", sel));
        }
    }
    let mut jumlah = vec!["JUMLAH".into(), format::rupiah(computed.jumlah.pagu)];
    if maju {
        jumlah.push(optional_rupiah(computed.jumlah.pagu_maju));
    }
    baris.push(Baris::new("jumlah", jumlah));
    let pd = format!("{} {}", id.perangkat_daerah, id.pemda);
    let (nomor, judul) = if maju {
        (
            "3.1",
            vec![
                format!(
                    "Rumusan Rencana Program dan Kegiatan Tahun {} dan Prakiraan Maju Tahun {}",
                    id.tahun,
                    id.tahun + 1
                ),
                pd,
            ],
        )
    } else {
        ("4.1", vec![format!("Rumusan Rencana Kerja dan Pendanaan Tahun {}", id.tahun), pd])
    };
    Tabel { nomor: nomor.into(), judul, baris }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_become_inert_typst_literals() {
        let mut out = String::new();
        typst_string("#read(\"/etc/passwd\") \\ \n {{ x }}", &mut out);
        assert_eq!(out, r##""#read(\"/etc/passwd\") \\ \n {{ x }}""##);
    }

    #[test]
    fn values_map_to_typst_data() {
        let mut out = String::new();
        let value = Value::from_serialize_compat(&serde_json::json!({"a": [1, "x"], "b": null, "c": {}}));
        typst_literal(&value, &mut out).unwrap();
        assert_eq!(out, r#"("a": (1, "x", ), "b": none, "c": (:), )"#);
    }

    trait Compat {
        fn from_serialize_compat<T: Serialize>(v: &T) -> Value;
    }

    impl Compat for Value {
        fn from_serialize_compat<T: Serialize>(v: &T) -> Value {
            Value::from(minijinja::value::Serde(v))
        }
    }
}
