//! Every table as one JSON document.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::{Baris, Isi, Kolom, Tabel};
use crate::plan::Plan;

#[derive(Serialize)]
struct DokumenJson<'a> {
    renja_versi: &'static str,
    pemda: &'a str,
    perangkat_daerah: &'a str,
    tahun: i32,
    #[serde(rename = "final")]
    final_: bool,
    desimal_persen: u32,
    tabel: Vec<TabelJson<'a>>,
}

#[derive(Serialize)]
struct TabelJson<'a> {
    nomor: &'a str,
    judul: &'a [String],
    kolom: Vec<KolomJson<'a>>,
    baris: Vec<BarisJson<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    catatan: &'a [String],
}

#[derive(Serialize)]
struct KolomJson<'a> {
    kunci: &'a str,
    judul: &'a str,
    nomor: &'a str,
    /// Whether the column holds derived figures (a formula in the workbook).
    turunan: bool,
}

struct BarisJson<'a> {
    baris: &'a Baris,
    kolom: &'a [Kolom],
}

impl Serialize for BarisJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.baris;
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("jenis", &b.jenis)?;
        if let Some(satuan) = &b.satuan {
            map.serialize_entry("satuan", satuan)?;
        }
        if b.lanjutan {
            map.serialize_entry("lanjutan", &true)?;
        }
        map.serialize_entry("sel", &SelJson(self))?;
        map.end()
    }
}

/// The cells of a row as an object in column order.
struct SelJson<'a>(&'a BarisJson<'a>);

impl Serialize for SelJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.kolom.len()))?;
        for (k, sel) in self.0.kolom.iter().zip(&self.0.baris.sel) {
            let value: Option<String> = match &sel.isi {
                Isi::Kosong | Isi::TidakAda => None,
                Isi::Teks(t) => Some(t.clone()),
                Isi::Angka(v) | Isi::Rupiah(v) | Isi::Persen(v) => Some(v.normalize().to_string()),
                Isi::TakTerdefinisi => Some("-".to_owned()),
            };
            map.serialize_entry(k.kunci, &value)?;
        }
        map.end()
    }
}

/// Every table as one JSON document (pretty-printed, ending in a newline).
pub fn json(plan: &Plan, tabel: &[Tabel], final_: bool) -> String {
    let id = &plan.identitas;
    let doc = DokumenJson {
        renja_versi: env!("CARGO_PKG_VERSION"),
        pemda: &id.pemda,
        perangkat_daerah: &id.perangkat_daerah,
        tahun: id.tahun,
        final_,
        desimal_persen: plan.pengaturan.desimal_persen,
        tabel: tabel
            .iter()
            .map(|t| TabelJson {
                nomor: t.nomor.as_str(),
                judul: &t.judul,
                kolom: t
                    .kolom
                    .iter()
                    .enumerate()
                    .map(|(c, k)| KolomJson {
                        kunci: k.kunci,
                        judul: &k.judul,
                        nomor: &k.nomor,
                        turunan: t.baris.iter().any(|b| b.sel[c].rumus.is_some()),
                    })
                    .collect(),
                baris: t.baris.iter().map(|b| BarisJson { baris: b, kolom: &t.kolom }).collect(),
                catatan: &t.catatan,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
