//! Walking JSON: identity, decree, signer and settings, prose (named by the outline) and the
//! parts of a plan no table prints (the Lampiran).

use super::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Kunci(String),
    Indeks(usize),
}

pub(super) fn path_text(segs: &[Seg]) -> String {
    let mut out = String::from("$");
    for seg in segs {
        match seg {
            Seg::Kunci(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Indeks(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A leaf that differs: a scalar, or a whole object or array present on one side only.
pub(super) struct Leaf<'a> {
    pub(super) segs: Vec<Seg>,
    pub(super) lama: Option<&'a Value>,
    pub(super) baru: Option<&'a Value>,
    /// The name of the row it belongs to.
    pub(super) nama: String,
    /// A row that moved: its place (from 0) in the old list and in the new one.
    pub(super) urutan: Option<(usize, usize)>,
}

/// The name that identifies an object row (its indikator, nama, uraian…).
pub(super) fn nama_baris(value: Option<&Value>) -> Option<String> {
    let object = value?.as_object()?;
    ["nama", "indikator", "uraian", "program_kegiatan", "pembilang"]
        .iter()
        .find_map(|k| object.get(*k).and_then(Value::as_str).filter(|s| !s.trim().is_empty()))
        .map(str::to_owned)
}

/// Every leaf where `lama` and `baru` differ. Null and absent are the same. Arrays of rows
/// that name themselves (an indikator, nama, uraian…) are matched by that name, so a moved
/// row is one "Urutan" change rather than changed figures; other arrays compare position by
/// position.
pub(super) fn walk<'a>(
    segs: &mut Vec<Seg>,
    lama: Option<&'a Value>,
    baru: Option<&'a Value>,
    nama: &str,
    out: &mut Vec<Leaf<'a>>,
) {
    let lama = lama.filter(|v| !v.is_null());
    let baru = baru.filter(|v| !v.is_null());
    if lama == baru {
        return;
    }
    let nama = nama_baris(baru).or_else(|| nama_baris(lama)).unwrap_or_else(|| nama.to_owned());
    match (lama, baru) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
            for key in keys {
                segs.push(Seg::Kunci(key.clone()));
                walk(segs, a.get(key), b.get(key), &nama, out);
                segs.pop();
            }
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) => {
            let names = |rows: &[Value]| -> Option<Vec<String>> {
                rows.iter().map(|row| nama_baris(Some(row)).map(|n| nama_longgar(&n))).collect()
            };
            let pairs = match (names(a), names(b)) {
                (Some(na), Some(nb)) => pair_rows(&na, &nb, &positions(a.len()), &positions(b.len())),
                _ => (0..a.len().max(b.len()))
                    .map(|i| Pair { lama: (i < a.len()).then_some(i), baru: (i < b.len()).then_some(i), pindah: false })
                    .collect(),
            };
            for p in pairs {
                segs.push(Seg::Indeks(p.baru.or(p.lama).unwrap_or_default()));
                let (old, new) = (p.lama.and_then(|i| a.get(i)), p.baru.and_then(|j| b.get(j)));
                if let (true, Some(i), Some(j)) = (p.pindah, p.lama, p.baru) {
                    let nama = nama_baris(new).unwrap_or_else(|| nama.clone());
                    out.push(Leaf { segs: segs.clone(), lama: old, baru: new, nama, urutan: Some((i, j)) });
                }
                walk(segs, old, new, &nama, out);
                segs.pop();
            }
        }
        _ => out.push(Leaf { segs: segs.clone(), lama, baru, nama, urutan: None }),
    }
}

/// A JSON value as a reader would want to see it.
pub(super) fn tampil(value: Option<&Value>) -> Option<String> {
    let value = value?;
    Some(match value {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => if *b { "ya" } else { "tidak" }.to_owned(),
        Value::Array(items) => format!("{} butir", items.len()),
        Value::Object(o) => match (o.get("nilai"), o.get("satuan").and_then(Value::as_str)) {
            (Some(n), Some(satuan)) => format!("{} {satuan}", tampil(Some(n)).unwrap_or_default()),
            _ => nama_baris(Some(value)).unwrap_or_else(|| {
                let text = value.to_string();
                if text.chars().count() > 80 {
                    format!("{}…", text.chars().take(80).collect::<String>())
                } else {
                    text
                }
            }),
        },
    })
}

/// Labels of the identity fields, in the order a reader meets them.
pub(super) const LABEL_IDENTITAS: &[(&str, &str)] = &[
    ("identitas.pemda", "Pemerintah daerah"),
    ("identitas.kepala_daerah", "Kepala daerah"),
    ("identitas.perangkat_daerah", "Perangkat daerah"),
    ("identitas.tahun", "Tahun rencana"),
    ("identitas.tahap", "Tahap"),
    ("identitas.periode_renstra.awal", "Awal periode Renstra"),
    ("identitas.periode_renstra.akhir", "Akhir periode Renstra"),
    ("keputusan.jenis", "Jenis keputusan"),
    ("keputusan.nomor", "Nomor keputusan"),
    ("keputusan.tanggal", "Tanggal keputusan"),
    ("keputusan.tentang", "Tentang"),
    ("penandatangan.jabatan", "Jabatan penanda tangan"),
    ("penandatangan.nama", "Nama penanda tangan"),
    ("penandatangan.pangkat", "Pangkat penanda tangan"),
    ("penandatangan.nip", "NIP penanda tangan"),
    ("penandatangan.tempat", "Tempat penandatanganan"),
    ("penandatangan.tanggal", "Tanggal penandatanganan"),
    ("penandatangan.ttd", "Cara penandatanganan"),
    ("penandatangan.ttd_elektronik.lebar_mm", "Lebar kotak tanda tangan elektronik (mm)"),
    ("penandatangan.ttd_elektronik.tinggi_mm", "Tinggi kotak tanda tangan elektronik (mm)"),
    ("penandatangan.ttd_elektronik.tag", "Tag tanda tangan elektronik"),
    ("penandatangan.ttd_elektronik.keterangan", "Keterangan tanda tangan elektronik"),
    ("pengaturan.desimal_persen", "Desimal persentase"),
    ("pengaturan.kertas", "Ukuran kertas"),
];

pub(super) fn compare_identitas(lama: &Value, baru: &Value) -> Vec<Bidang> {
    let mut leaves = Vec::new();
    walk(&mut Vec::new(), Some(lama), Some(baru), "", &mut leaves);
    let mut out: Vec<(usize, Bidang)> = leaves
        .into_iter()
        .map(|leaf| {
            let path = path_text(&leaf.segs);
            let kunci = path.trim_start_matches("$.").to_owned();
            let found = LABEL_IDENTITAS.iter().position(|(k, _)| *k == kunci);
            let label = found.map_or(kunci.as_str(), |i| LABEL_IDENTITAS[i].1).to_owned();
            let show = |v: Option<&Value>| {
                if kunci == "identitas.tahap" {
                    v.cloned().and_then(|v| serde_json::from_value::<Tahap>(v).ok()).map(|t| match t {
                        Tahap::Final => "Final".to_owned(),
                        t => t.label().to_owned(),
                    })
                } else {
                    tampil(v)
                }
            };
            let b =
                Bidang { semula: show(leaf.lama), menjadi: show(leaf.baru), ..Bidang::new(&kunci, &label, Some(path)) };
            (found.unwrap_or(usize::MAX), b)
        })
        .collect();
    out.sort_by_key(|(order, _)| *order);
    out.into_iter().map(|(_, b)| b).collect()
}

/// Every chapter and section of the outline in document order: (dotted path, number as
/// printed, standard title).
pub(super) fn bagian_dokumen() -> Vec<(String, String, &'static str)> {
    let mut out = Vec::new();
    for bab in crate::kerangka::DOKUMEN {
        out.push((bab.kunci.to_owned(), format!("BAB {}", bab.romawi()), bab.judul_baku));
        for bagian in bab.bagian {
            if let Some(kunci) = bagian.kunci {
                out.push((format!("{}.{kunci}", bab.kunci), bagian.nomor.to_owned(), bagian.judul_baku));
            }
        }
    }
    out
}

pub(super) fn label_prosa(kunci: &str) -> String {
    match kunci {
        "isi" => "Isi".to_owned(),
        "isi_lanjutan" => "Isi lanjutan".to_owned(),
        "judul" => "Judul".to_owned(),
        "penutup" => "Kalimat penutup".to_owned(),
        other => manusiawi(other),
    }
}

pub(super) fn compare_prosa(lama: &Value, baru: &Value, options: Options) -> Vec<ProsaBerubah> {
    let bagian = bagian_dokumen();
    let mut leaves = Vec::new();
    walk(&mut Vec::new(), Some(lama), Some(baru), "", &mut leaves);
    let mut out: Vec<((usize, usize), ProsaBerubah)> = leaves
        .into_iter()
        .map(|leaf| {
            let path = path_text(&leaf.segs);
            let dotted = path.trim_start_matches("$.");
            // The section: the longest known prefix; the field: what follows it.
            let (order, (prefix, nomor, standar)) = bagian
                .iter()
                .enumerate()
                .filter(|(_, (p, _, _))| dotted.strip_prefix(p.as_str()).is_some_and(|rest| rest.starts_with('.')))
                .max_by_key(|(_, (p, _, _))| p.len())
                .map_or((usize::MAX, ("", "", "")), |(i, (p, n, j))| (i, (p.as_str(), n.as_str(), *j)));
            let kunci = dotted.strip_prefix(prefix).unwrap_or(dotted).trim_start_matches('.').to_owned();
            // A title override in the new plan (else the old one) names the section as printed.
            let judul_path: Vec<&str> = prefix.split('.').chain(["judul"]).collect();
            let judul = [baru, lama]
                .iter()
                .find_map(|v| {
                    judul_path.iter().try_fold(*v, |v, k| v.get(k)).and_then(Value::as_str).map(str::to_owned)
                })
                .filter(|_| !prefix.is_empty())
                .unwrap_or_else(|| standar.to_owned());
            let (mut semula, mut menjadi) = (tampil(leaf.lama), tampil(leaf.baru));
            // Narrative shows as the PDF prints it: no Markdown markers (`*istilah*`).
            if kunci == "isi" || kunci == "isi_lanjutan" {
                (semula, menjadi) = (semula.map(sebagai_cetak), menjadi.map(sebagai_cetak));
            }
            let kata = beda_kata(semula.as_deref().unwrap_or(""), menjadi.as_deref().unwrap_or(""), options.kata);
            let field_order = ["judul", "isi", "isi_lanjutan", "penutup"].iter().position(|k| *k == kunci);
            let prosa = ProsaBerubah {
                path,
                nomor: nomor.to_owned(),
                bagian: judul,
                label: label_prosa(&kunci),
                kunci,
                kata_semula: semula.as_deref().map_or(0, |t| t.split_whitespace().count()),
                kata_menjadi: menjadi.as_deref().map_or(0, |t| t.split_whitespace().count()),
                semula,
                menjadi,
                kata_dihapus: kata.dihapus,
                kata_ditambah: kata.ditambah,
                potongan: kata.potongan,
            };
            ((order, field_order.unwrap_or(usize::MAX)), prosa)
        })
        .collect();
    // In the order of the document, not of the JSON keys.
    out.sort_by_key(|(order, _)| *order);
    out.into_iter().map(|(_, p)| p).collect()
}

/// Prose as the PDF prints it: emphasis markers gone, paragraphs and list items one a line
/// (placeholders stay as written, `{{ tahun }}`).
fn sebagai_cetak(text: String) -> String {
    let parsed = crate::prose::parse(&text, &crate::prose::Facts::default());
    crate::prose::plain_text(&parsed.blocks).trim_end().to_owned()
}

/// "program_kegiatan" → "Program kegiatan".
pub(super) fn manusiawi(key: &str) -> String {
    let text = key.replace('_', " ");
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

pub(super) fn label_lain(akar: &str, rel: &[Seg]) -> String {
    let field = |k: &str| match k {
        "pembilang" => "Pembilang rumus".to_owned(),
        "penyebut" => "Penyebut rumus".to_owned(),
        other => manusiawi(other),
    };
    match rel {
        [.., Seg::Indeks(i)] => format!("Baris ke-{}", i + 1),
        [.., Seg::Kunci(k)] => field(k),
        [] => manusiawi(akar.rsplit('.').next().unwrap_or(akar)),
    }
}

pub(super) fn compare_lain(bagian: &str, akar: &[Seg], lama: &Value, baru: &Value, out: &mut Vec<LainBerubah>) {
    let mut leaves = Vec::new();
    let mut segs = akar.to_vec();
    walk(&mut segs, Some(lama), Some(baru), "", &mut leaves);
    let root = match akar.first() {
        Some(Seg::Kunci(k)) => k.as_str(),
        _ => "",
    };
    for leaf in leaves {
        let rel = &leaf.segs[akar.len()..];
        let label = label_lain(root, rel);
        let path = path_text(&leaf.segs);
        if let Some((i, j)) = leaf.urutan {
            out.push(LainBerubah { bagian: bagian.to_owned(), nama: leaf.nama, bidang: urutan(Some(path), i, j) });
            continue;
        }
        let kunci = path.trim_start_matches("$.").to_owned();
        out.push(LainBerubah {
            bagian: bagian.to_owned(),
            nama: leaf.nama,
            bidang: Bidang {
                semula: tampil(leaf.lama),
                menjadi: tampil(leaf.baru),
                ..Bidang::new(&kunci, &label, Some(path))
            },
        });
    }
}
