//! The rows a reader sees: one per changed field, for the terminal table and the appendix.

use super::*;

// Rows: what the table on the terminal and the PDF appendix both show

/// How a row is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A heading spanning the table (a table, the narrative…).
    Heading,
    /// A row of a heading, urusan, program or total: set bold.
    Strong,
    /// Any other row.
    Plain,
    /// The one row of a comparison without changes.
    Nothing,
}

/// One row of the "Daftar Perubahan": Kode | Program/Kegiatan | Uraian | Semula | Menjadi | Selisih.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub jenis: RowKind,
    pub kode: String,
    pub nama: String,
    pub uraian: String,
    pub semula: String,
    pub menjadi: String,
    pub selisih: String,
    /// Semula and menjadi are figures (they stand right in the terminal).
    pub angka: bool,
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
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::new();
        let row = |jenis, kode: &str, nama: &str, uraian: &str| Row {
            jenis,
            kode: kode.to_owned(),
            nama: nama.to_owned(),
            uraian: uraian.to_owned(),
            semula: String::new(),
            menjadi: String::new(),
            selisih: String::new(),
            angka: false,
            lanjutan: false,
            status: None,
            potongan: None,
        };
        if self.is_empty() {
            rows.push(row(RowKind::Nothing, "", "", "Tidak ada perubahan"));
            return rows;
        }
        if !self.identitas.is_empty() {
            rows.push(row(RowKind::Heading, "", "Identitas, keputusan dan penandatangan", ""));
            for b in &self.identitas {
                rows.push(with(row(RowKind::Plain, "", "", &b.label), b));
            }
        }
        for t in &self.tabel {
            let judul = if t.judul.is_empty() {
                format!("Tabel {}", t.nomor)
            } else {
                format!("Tabel {} {}", t.nomor, t.judul)
            };
            rows.push(row(RowKind::Heading, "", &judul, ""));
            for b in &t.bidang {
                rows.push(with(row(RowKind::Plain, "", "", &b.label), b));
            }
            for b in &t.baris {
                table_rows(&mut rows, b);
            }
        }
        if !self.prosa.is_empty() {
            rows.push(row(RowKind::Heading, "", "Narasi", ""));
            for p in &self.prosa {
                let kosong = |t: &Option<String>| t.as_deref().is_none_or(|t| t.trim().is_empty());
                let uraian = match (kosong(&p.semula), kosong(&p.menjadi)) {
                    (true, _) => format!("{} ditambahkan", p.label),
                    (_, true) => format!("{} dihapus", p.label),
                    _ => format!("{}: {} kata dihapus, {} kata ditambah", p.label, p.kata_dihapus, p.kata_ditambah),
                };
                let mut r = row(RowKind::Plain, &p.nomor, &p.bagian, &uraian);
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
                    r.angka = true;
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
                    let mut r = row(RowKind::Plain, &p.nomor, &p.bagian, "");
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
            rows.push(row(RowKind::Heading, "", "Lampiran dan lainnya", ""));
            for l in &self.lainnya {
                rows.push(with(row(RowKind::Plain, &l.bagian, &l.nama, &l.bidang.label), &l.bidang));
            }
        }
        rows
    }
}

fn with(mut r: Row, b: &Bidang) -> Row {
    r.semula = isi(&b.semula);
    r.menjadi = isi(&b.menjadi);
    r.selisih = b.selisih.clone().unwrap_or_default();
    r.angka = b.angka.is_some();
    r
}

/// What a reader calls a table row of this level.
fn apa(jenis: JenisBaris) -> &'static str {
    match jenis {
        JenisBaris::Kelompok => "Judul kelompok",
        JenisBaris::Urusan => "Urusan",
        JenisBaris::Bidang => "Urusan/bidang",
        JenisBaris::Program => "Program",
        JenisBaris::Kegiatan => "Kegiatan",
        JenisBaris::SubKegiatan => "Sub kegiatan",
        JenisBaris::Jumlah => "Baris jumlah",
        JenisBaris::Nihil => "Baris nihil",
    }
}

/// The rows of one changed table row: one per changed cell, or one for a row added or removed
/// (with its pagu, where it has one).
fn table_rows(rows: &mut Vec<Row>, b: &BarisBerubah) {
    let jenis = match b.jenis {
        JenisBaris::Kegiatan | JenisBaris::SubKegiatan => RowKind::Plain,
        _ => RowKind::Strong,
    };
    let base = Row {
        jenis,
        kode: b.kode.clone(),
        nama: b.nama.clone(),
        uraian: String::new(),
        semula: String::new(),
        menjadi: String::new(),
        selisih: String::new(),
        angka: false,
        lanjutan: false,
        status: Some(b.status),
        potongan: None,
    };
    // A further line of a node: which one.
    let ke = |label: &str| if b.baris_ke > 1 { format!("{label}, baris ke-{}", b.baris_ke) } else { label.to_owned() };
    match b.status {
        Status::Ditambah | Status::Dihapus => {
            let verb = if b.status == Status::Ditambah { "ditambahkan" } else { "dihapus" };
            let mut r = Row { uraian: ke(&format!("{} {verb}", apa(b.jenis))), ..base };
            if let Some(pagu) = b.bidang("pagu") {
                r = with(r, pagu);
            }
            rows.push(r);
        }
        Status::Diubah | Status::Tetap => {
            for (i, f) in b.bidang.iter().enumerate() {
                rows.push(with(Row { uraian: ke(&f.label), lanjutan: i > 0, ..base.clone() }, f));
            }
        }
    }
}
