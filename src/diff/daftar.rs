//! The "Daftar Perubahan" appendix: the rows laid out as a PDF through `perubahan.typ.j2`.

use super::*;

// The PDF appendix

/// The template of the appendix (built in, or from a `--templates` directory).
pub const TEMPLATE: &str = "perubahan.typ.j2";

#[derive(Debug, Serialize)]
pub(super) struct KonteksDaftar {
    pub(super) meta: crate::render::Meta,
    pub(super) judul: Vec<String>,
    pub(super) keterangan: Vec<String>,
    pub(super) baris: Vec<BarisDaftar>,
}

/// A row as `tabel-data` in renja.typ takes it: its kind and its cells.
#[derive(Debug, Serialize)]
pub(super) struct BarisDaftar {
    pub(super) jenis: JenisBaris,
    pub(super) status: Option<Status>,
    pub(super) sel: Vec<Sel>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
pub(super) enum Sel {
    Teks(String),
    /// A changed passage, laid out with the changed words struck through or underlined.
    Potongan {
        sebelum: String,
        ubah: String,
        sesudah: String,
        jenis: &'static str,
    },
}

pub(super) fn revisi(plan: &Plan) -> String {
    let id = &plan.identitas;
    let tahap = match id.tahap {
        Tahap::Final => String::new(),
        t => format!("{} ", t.label()),
    };
    format!("{tahap}Renja Tahun {}, lampiran {} Nomor {}", id.tahun, plan.keputusan.jenis, plan.keputusan.nomor)
}

/// The Typst sources of the "Daftar Perubahan" appendix.
pub fn render_daftar(
    perubahan: &Perubahan,
    lama: &Plan,
    baru: &Plan,
    renderer: &Renderer,
) -> Result<TypstSources, RenderError> {
    let id = &baru.identitas;
    let pd = format!("{} {}", id.perangkat_daerah, id.pemda);
    let baris = perubahan
        .rows()
        .into_iter()
        .map(|r| {
            let sel = match r.jenis {
                JenisBaris::Kelompok | JenisBaris::Nihil => {
                    vec![Sel::Teks(if r.jenis == JenisBaris::Nihil { r.uraian.to_uppercase() } else { r.nama })]
                }
                JenisBaris::Jumlah => {
                    vec![
                        Sel::Teks(r.nama),
                        Sel::Teks(r.uraian),
                        Sel::Teks(r.semula),
                        Sel::Teks(r.menjadi),
                        Sel::Teks(r.selisih),
                    ]
                }
                JenisBaris::Program | JenisBaris::Kegiatan => {
                    // A further row of the same program or kegiatan keeps its kode (the table may
                    // continue on the next page) but not its name.
                    let nama = if r.lanjutan { String::new() } else { r.nama };
                    let kode = r.kode;
                    let (semula, menjadi) = match &r.potongan {
                        Some(p) => (
                            Sel::Potongan {
                                sebelum: p.sebelum.clone(),
                                ubah: p.semula.clone(),
                                sesudah: p.sesudah.clone(),
                                jenis: "hapus",
                            },
                            Sel::Potongan {
                                sebelum: p.sebelum.clone(),
                                ubah: p.menjadi.clone(),
                                sesudah: p.sesudah.clone(),
                                jenis: "tambah",
                            },
                        ),
                        None => (Sel::Teks(r.semula), Sel::Teks(r.menjadi)),
                    };
                    vec![Sel::Teks(kode), Sel::Teks(nama), Sel::Teks(r.uraian), semula, menjadi, Sel::Teks(r.selisih)]
                }
            };
            BarisDaftar { jenis: r.jenis, status: r.status, sel }
        })
        .collect();
    let context = KonteksDaftar {
        meta: crate::render::Meta::of(
            baru,
            format!("Daftar Perubahan Rencana Kerja {pd} Tahun {}", id.tahun),
            format!("Daftar perubahan antara dua revisi Renja: {} dan {}", revisi(lama), revisi(baru)),
            "Daftar Perubahan",
        ),
        judul: vec![
            "Daftar Perubahan".into(),
            format!("Rencana Kerja {}", id.perangkat_daerah),
            format!("{} Tahun {}", id.pemda, id.tahun),
        ],
        keterangan: vec![format!("Semula : {}", revisi(lama)), format!("Menjadi : {}", revisi(baru))],
        baris,
    };
    renderer.render_template(TEMPLATE, &context)
}

/// The laid-out and exported appendix.
pub struct DaftarPdf {
    pub pdf: Vec<u8>,
    pub document: PagedDocument,
    pub sources: TypstSources,
}

/// Lays out and exports the "Daftar Perubahan" as PDF/A-2b, dated like a build of the new plan.
pub fn daftar_pdf(
    perubahan: &Perubahan,
    lama: &LoadedPlan,
    baru: &LoadedPlan,
    renderer: &Renderer,
    source_date_epoch: Option<i64>,
) -> Result<DaftarPdf, BuildError> {
    let sources = render_daftar(perubahan, &lama.plan, &baru.plan, renderer).map_err(BuildError::Render)?;
    let (document, pdf) = crate::document::typeset_sources(&sources, document_date(baru, source_date_epoch))?;
    Ok(DaftarPdf { pdf, document, sources })
}
