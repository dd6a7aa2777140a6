//! The "Daftar Perubahan" appendix: the rows as a [`Tabel`], laid out through
//! `perubahan.typ.j2` by the same Typst `tabel(t)` that draws every table of a Renja.

use super::*;
use crate::tabel::typst::TabelTypst;
use crate::tabel::{Baris, Isi, JenisBaris, JenisKolom, Kepala, Kolom, Lebar, NomorTabel, Rata, Sel, Tabel};

/// The template of the appendix (built in, or from a `--templates` directory).
pub const TEMPLATE: &str = "perubahan.typ.j2";

#[derive(Debug, Serialize)]
struct AppendixContext {
    meta: crate::render::Meta,
    judul: Vec<String>,
    keterangan: Vec<String>,
    tabel: TabelTypst,
}

fn revisi(plan: &Plan) -> String {
    let id = &plan.identitas;
    let tahap = match id.tahap {
        Tahap::Final => String::new(),
        t => format!("{} ", t.label()),
    };
    format!("{tahap}Renja Tahun {}, lampiran {} Nomor {}", id.tahun, plan.keputusan.jenis, plan.keputusan.nomor)
}

/// The appendix's columns: (key, header, kind, alignment, width in the PDF, in the workbook).
const KOLOM: [(&str, &str, JenisKolom, Rata, Lebar, f64); 6] = [
    ("kode", "Kode", JenisKolom::Teks, Rata::Kiri, Lebar::Cm(2.4), 14.0),
    ("program_kegiatan", "Program/Kegiatan", JenisKolom::Teks, Rata::Kiri, Lebar::Fr(5.0), 36.0),
    ("uraian", "Uraian Perubahan", JenisKolom::Teks, Rata::Kiri, Lebar::Fr(5.0), 34.0),
    ("semula", "Semula", JenisKolom::Teks, Rata::Kiri, Lebar::Fr(3.6), 30.0),
    ("menjadi", "Menjadi", JenisKolom::Teks, Rata::Kiri, Lebar::Fr(3.6), 30.0),
    ("selisih", "Selisih", JenisKolom::Angka, Rata::Kanan, Lebar::Fr(2.2), 16.0),
];

fn teks(text: impl Into<String>) -> Sel {
    Sel { isi: Isi::Teks(text.into()), rumus: None }
}

/// The "Daftar Perubahan" as a table of six columns: Kode | Program/Kegiatan | Uraian
/// Perubahan | Semula | Menjadi | Selisih. A heading row spans the table; a further row of
/// the same program or kegiatan keeps its kode (the table may continue on the next page) but
/// not its name; a changed passage of prose shows its words marked `[-…-]` and `{+…+}`.
pub fn appendix_table(perubahan: &Perubahan) -> Tabel {
    let n = KOLOM.len();
    let kolom = KOLOM
        .iter()
        .enumerate()
        .map(|(i, &(kunci, judul, jenis, rata, lebar_pdf, lebar_xlsx))| Kolom {
            kunci,
            judul: judul.to_owned(),
            nomor: (i + 1).to_string(),
            jenis,
            rata,
            lebar_pdf,
            lebar_xlsx,
            gabung: false,
            di_pdf: true,
        })
        .collect();
    let kepala = KOLOM
        .iter()
        .enumerate()
        .map(|(i, k)| Kepala { baris: 0, kolom: i, tinggi: 1, lebar: 1, teks: k.1.to_owned() })
        .collect();
    let judul_baris = |text: String| {
        let mut sel = vec![Sel { isi: Isi::Kosong, rumus: None }; n];
        sel[0] = teks(text);
        sel
    };
    let baris = perubahan
        .rows()
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let (jenis, sel) = match r.jenis {
                RowKind::Heading => (JenisBaris::Kelompok, judul_baris(r.nama)),
                RowKind::Nothing => (JenisBaris::Nihil, judul_baris(r.uraian.to_uppercase())),
                RowKind::Strong | RowKind::Plain => {
                    let nama = if r.lanjutan { String::new() } else { r.nama };
                    let jenis = if r.jenis == RowKind::Strong { JenisBaris::Program } else { JenisBaris::Kegiatan };
                    let cells = [r.kode, nama, r.uraian, r.semula, r.menjadi, r.selisih];
                    (jenis, cells.into_iter().map(teks).collect())
                }
            };
            // Keys only need to be unique: the appendix is never compared.
            Baris { jenis, sel, satuan: None, lanjutan: false, kunci: Some(i.to_string()) }
        })
        .collect();
    Tabel {
        nomor: NomorTabel::Perubahan,
        judul: Vec::new(),
        kepala,
        tinggi_kepala: 1,
        kolom,
        baris,
        desimal_persen: 0,
        datar: true,
        catatan: Vec::new(),
    }
}

/// The Typst sources of the "Daftar Perubahan" appendix.
pub fn render_appendix(
    perubahan: &Perubahan,
    lama: &Plan,
    baru: &Plan,
    renderer: &Renderer,
) -> Result<TypstSources, RenderError> {
    let id = &baru.identitas;
    let pd = format!("{} {}", id.perangkat_daerah, id.pemda);
    let context = AppendixContext {
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
        tabel: TabelTypst::of(&appendix_table(perubahan)),
    };
    renderer.render_template(TEMPLATE, &context)
}

/// The laid-out and exported appendix.
pub struct AppendixPdf {
    pub pdf: Vec<u8>,
    pub document: PagedDocument,
    pub sources: TypstSources,
}

/// Lays out and exports the "Daftar Perubahan" as PDF/A-2b, dated like a build of the new plan.
pub fn appendix_pdf(
    perubahan: &Perubahan,
    lama: &LoadedPlan,
    baru: &LoadedPlan,
    renderer: &Renderer,
    source_date_epoch: Option<i64>,
) -> Result<AppendixPdf, BuildError> {
    let sources = render_appendix(perubahan, &lama.plan, &baru.plan, renderer).map_err(BuildError::Render)?;
    let (document, pdf) = crate::document::typeset_sources(&sources, document_date(baru, source_date_epoch))?;
    Ok(AppendixPdf { pdf, document, sources })
}
