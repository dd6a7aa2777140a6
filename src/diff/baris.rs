//! The rows a reader sees: one per changed field, for the terminal table and the appendix.

use super::*;

// Rows: what the table on the terminal and the PDF appendix both show

/// How a row is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JenisBaris {
    /// A heading spanning the table.
    Kelompok,
    Program,
    Kegiatan,
    /// A JUMLAH row.
    Jumlah,
    /// The one row of a comparison without changes.
    Nihil,
}

/// One row of the "Daftar Perubahan": Kode | Program/Kegiatan | Uraian | Semula | Menjadi | Selisih.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baris {
    pub jenis: JenisBaris,
    pub kode: String,
    pub nama: String,
    pub uraian: String,
    pub semula: String,
    pub menjadi: String,
    pub selisih: String,
    /// A further row of the same program, kegiatan or section (kode and nama as above).
    pub lanjutan: bool,
    pub status: Option<Status>,
    /// A changed passage of prose; `semula`/`menjadi` then hold it as plain text with the
    /// changed words marked `[-…-]` and `{+…+}`.
    pub potongan: Option<Potongan>,
}

/// Words of a changed passage shown at most (the JSON keeps them all).
pub(super) const POTONGAN_MAKS: usize = 40;

pub(super) fn singkat(text: &str) -> String {
    let w: Vec<&str> = text.split_whitespace().collect();
    if w.len() <= POTONGAN_MAKS {
        return w.join(" ");
    }
    let half = POTONGAN_MAKS / 2;
    format!("{} … {}", w[..half].join(" "), w[w.len() - half..].join(" "))
}

impl Potongan {
    /// The passage shown: both sides cut to a readable length.
    pub fn singkat(&self) -> Potongan {
        Potongan { semula: singkat(&self.semula), menjadi: singkat(&self.menjadi), ..self.clone() }
    }

    /// "… konteks [-lama-] konteks …" (`baru` false) or "… konteks {+baru+} konteks …".
    pub fn tandai(&self, baru: bool) -> String {
        let changed = if baru { &self.menjadi } else { &self.semula };
        let mark = if changed.is_empty() {
            String::new()
        } else if baru {
            format!("{{+{changed}+}}")
        } else {
            format!("[-{changed}-]")
        };
        [self.sebelum.as_str(), mark.as_str(), self.sesudah.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub(super) fn isi(value: &Option<String>) -> String {
    value.clone().unwrap_or_else(|| "-".to_owned())
}

/// Texts up to this many characters are shown whole; longer prose by its word counts.
pub(super) const TEKS_PENDEK: usize = 160;

impl Perubahan {
    /// The rows of the "Daftar Perubahan", grouped under headings.
    pub fn rows(&self) -> Vec<Baris> {
        let mut rows = Vec::new();
        let row = |jenis, kode: &str, nama: &str, uraian: &str| Baris {
            jenis,
            kode: kode.to_owned(),
            nama: nama.to_owned(),
            uraian: uraian.to_owned(),
            semula: String::new(),
            menjadi: String::new(),
            selisih: String::new(),
            lanjutan: false,
            status: None,
            potongan: None,
        };
        let with = |mut r: Baris, b: &Bidang| {
            r.semula = isi(&b.semula);
            r.menjadi = isi(&b.menjadi);
            r.selisih = b.selisih.clone().unwrap_or_default();
            r
        };
        if self.is_empty() {
            rows.push(row(JenisBaris::Nihil, "", "", "Tidak ada perubahan"));
            return rows;
        }
        if !self.identitas.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Identitas, keputusan dan penandatangan", ""));
            for b in &self.identitas {
                rows.push(with(row(JenisBaris::Kegiatan, "", "", &b.label), b));
            }
        }
        if !self.program.is_empty() || !self.jumlah.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Program dan kegiatan (Tabel 2.3, 3.1 dan 4.1)", ""));
            for p in &self.program {
                butir_rows(&mut rows, JenisBaris::Program, &p.program, &p.jumlah, "Program");
                for k in &p.kegiatan {
                    butir_rows(&mut rows, JenisBaris::Kegiatan, k, &[], "Kegiatan");
                }
            }
            for b in &self.jumlah {
                rows.push(with(row(JenisBaris::Jumlah, "", "JUMLAH", &b.label), b));
            }
        }
        if !self.evaluasi.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Evaluasi Renja tahun lalu (Tabel 2.1)", ""));
            for p in &self.evaluasi {
                butir_rows(&mut rows, JenisBaris::Program, &p.program, &[], "Program");
                for k in &p.kegiatan {
                    butir_rows(&mut rows, JenisBaris::Kegiatan, k, &[], "Kegiatan");
                }
            }
        }
        if !self.prosa.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Narasi", ""));
            for p in &self.prosa {
                let kosong = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
                let uraian = match (kosong(&p.semula), kosong(&p.menjadi)) {
                    (true, _) => format!("{} ditambahkan", p.label),
                    (_, true) => format!("{} dihapus", p.label),
                    _ => format!("{}: {} kata dihapus, {} kata ditambah", p.label, p.kata_dihapus, p.kata_ditambah),
                };
                let mut r = row(JenisBaris::Kegiatan, &p.nomor, &p.bagian, &uraian);
                r.status = Some(Status::Diubah);
                let pendek = |t: &Option<String>| t.as_ref().is_none_or(|t| t.chars().count() <= TEKS_PENDEK);
                if pendek(&p.semula) && pendek(&p.menjadi) {
                    let teks = |t: &Option<String>| if kosong(t) { "-".to_owned() } else { isi(t) };
                    r.semula = teks(&p.semula);
                    r.menjadi = teks(&p.menjadi);
                } else {
                    let kata = |n: usize| format!("{} kata", format::angka(Decimal::from(n)));
                    r.semula = kata(p.kata_semula);
                    r.menjadi = kata(p.kata_menjadi);
                    let delta = i64::try_from(p.kata_menjadi).unwrap_or(0) - i64::try_from(p.kata_semula).unwrap_or(0);
                    r.selisih = match delta {
                        0 => String::new(),
                        d if d > 0 => format!("+{d} kata"),
                        d => format!("{d} kata"),
                    };
                }
                rows.push(r);
                for potongan in p.potongan.iter().flatten() {
                    let shown = potongan.singkat();
                    let mut r = row(JenisBaris::Kegiatan, &p.nomor, &p.bagian, "");
                    r.lanjutan = true;
                    r.status = Some(Status::Diubah);
                    r.semula = shown.tandai(false);
                    r.menjadi = shown.tandai(true);
                    r.potongan = Some(shown);
                    rows.push(r);
                }
            }
        }
        if !self.lainnya.is_empty() {
            rows.push(row(JenisBaris::Kelompok, "", "Tabel dan lampiran lainnya", ""));
            for l in &self.lainnya {
                rows.push(with(row(JenisBaris::Kegiatan, &l.bagian, &l.nama, &l.bidang.label), &l.bidang));
            }
        }
        rows
    }
}

/// The rows of one program or kegiatan: one per changed field, or one for a row added or
/// removed (with its pagu, where it has one).
pub(super) fn butir_rows(rows: &mut Vec<Baris>, jenis: JenisBaris, b: &Butir, jumlah: &[Bidang], apa: &str) {
    let base = Baris {
        jenis,
        kode: b.kode.clone(),
        nama: b.nama.clone(),
        uraian: String::new(),
        semula: String::new(),
        menjadi: String::new(),
        selisih: String::new(),
        lanjutan: false,
        status: Some(b.status),
        potongan: None,
    };
    let fill = |mut r: Baris, f: &Bidang| {
        r.semula = isi(&f.semula);
        r.menjadi = isi(&f.menjadi);
        r.selisih = f.selisih.clone().unwrap_or_default();
        r
    };
    match b.status {
        Status::Ditambah | Status::Dihapus => {
            let verb = if b.status == Status::Ditambah { "ditambahkan" } else { "dihapus" };
            let mut r = Baris { uraian: format!("{apa} {verb}"), ..base };
            // The program's total, or the kegiatan's pagu.
            if let Some(pagu) = b.bidang.iter().chain(jumlah).find(|f| f.kunci == "pagu") {
                r = fill(r, pagu);
            }
            rows.push(r);
        }
        Status::Diubah | Status::Tetap => {
            let fields: Vec<&Bidang> = b.bidang.iter().chain(jumlah).collect();
            if fields.is_empty() {
                rows.push(Baris { uraian: format!("Perubahan pada {}", apa_bawahan(apa)), ..base.clone() });
            }
            for (i, f) in fields.into_iter().enumerate() {
                rows.push(fill(Baris { uraian: f.label.clone(), lanjutan: i > 0, ..base.clone() }, f));
            }
        }
    }
}

pub(super) fn apa_bawahan(apa: &str) -> &'static str {
    if apa == "Program" { "kegiatan" } else { "rincian" }
}
