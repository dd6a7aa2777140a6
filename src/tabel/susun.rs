//! The six tables of a Renja, built from the plan and its computed figures: the only place
//! their captions, header grids, columns (kind, alignment, widths, column numbers) and rows are
//! written down.

use rust_decimal::Decimal;

use super::{Baris, Isi, JenisBaris, JenisKolom, Kepala, Kolom, Lebar, NomorTabel, Rata, Rumus, Sel, Tabel};
use crate::compute::{self, BarisEvaluasi, Computed, Rasio};
use crate::format;
use crate::plan::{self, BarisKinerja, IndikatorEvaluasi, Nilai, Plan, Polaritas, TabelBab4};
use crate::sipd::{self, Indikator, SubKegiatan};

fn isi_rasio(rasio: Rasio) -> Isi {
    match rasio {
        Rasio::Nilai(v) => Isi::Persen(v),
        Rasio::TakTerdefinisi => Isi::TakTerdefinisi,
        Rasio::TidakBerlaku => Isi::Kosong,
    }
}

/// Builds the header grid from rows of (text, rowspan, colspan), placing each cell in the
/// first free position like an HTML table (and like Typst's table, which receives them in
/// this order).
pub(super) fn kepala(rows: &[&[(&str, usize, usize)]], lebar: usize) -> (Vec<Kepala>, usize) {
    let tinggi = rows.len();
    let mut taken = vec![vec![false; lebar]; tinggi];
    let mut out = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut c = 0;
        for &(teks, rs, cs) in *row {
            while taken[r][c] {
                c += 1;
            }
            for line in taken.iter_mut().skip(r).take(rs) {
                for cell in line.iter_mut().skip(c).take(cs) {
                    *cell = true;
                }
            }
            out.push(Kepala { baris: r, kolom: c, tinggi: rs, lebar: cs, teks: teks.to_owned() });
            c += cs;
        }
    }
    (out, tinggi)
}

/// The one-line header of each column: its own header cell, under its group's when it has one.
pub(super) fn judul_kolom(kepala: &[Kepala], tinggi: usize, c: usize) -> String {
    let mut parts: Vec<&str> = kepala
        .iter()
        .filter(|k| (k.kolom..k.kolom + k.lebar).contains(&c))
        .map(|k| (k.baris, k.teks.as_str()))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    if tinggi == 1 || parts.len() == 1 {
        return parts.pop().unwrap_or_default().to_owned();
    }
    let leaf = parts.pop().unwrap_or_default();
    let group = parts.join(" / ");
    // A year under "Tahun ke-" reads as one phrase.
    if leaf.parse::<i32>().is_ok() { format!("{group} {leaf}") } else { format!("{group} / {leaf}") }
}

/// A column as written in a table's definition below.
struct Spek {
    kunci: &'static str,
    nomor: &'static str,
    jenis: JenisKolom,
    rata: Rata,
    pdf: Lebar,
    xlsx: f64,
    gabung: bool,
    di_pdf: bool,
}

impl Spek {
    /// A text column, left-aligned.
    const fn teks(kunci: &'static str, pdf: Lebar, xlsx: f64) -> Spek {
        Spek { kunci, nomor: "", jenis: JenisKolom::Teks, rata: Rata::Kiri, pdf, xlsx, gabung: false, di_pdf: true }
    }

    /// A column of figures, right-aligned.
    const fn angka(kunci: &'static str, pdf: Lebar, xlsx: f64) -> Spek {
        Spek { kunci, nomor: "", jenis: JenisKolom::Angka, rata: Rata::Kanan, pdf, xlsx, gabung: false, di_pdf: true }
    }

    /// The row number column ("No."), centred.
    const fn no(pdf: Lebar) -> Spek {
        Spek::teks("no", pdf, 5.0).rata(Rata::Tengah)
    }

    /// The column number row's label when it states a rule, e.g. "8 = (7/6)".
    const fn nomor(mut self, nomor: &'static str) -> Spek {
        self.nomor = nomor;
        self
    }

    const fn rata(mut self, rata: Rata) -> Spek {
        self.rata = rata;
        self
    }

    /// Whether the PDF prints the column (every column does, but the export-only predikat).
    const fn di_pdf(mut self, di_pdf: bool) -> Spek {
        self.di_pdf = di_pdf;
        self
    }

    const fn gabung(mut self) -> Spek {
        self.gabung = true;
        self
    }
}

const fn cm(v: f64) -> Lebar {
    Lebar::Cm(v)
}

const fn fr(v: f64) -> Lebar {
    Lebar::Fr(v)
}

fn kolom(spek: &[Spek], kepala: &[Kepala], tinggi: usize) -> Vec<Kolom> {
    spek.iter()
        .enumerate()
        .map(|(c, s)| Kolom {
            kunci: s.kunci,
            judul: judul_kolom(kepala, tinggi, c),
            nomor: if s.nomor.is_empty() { (c + 1).to_string() } else { s.nomor.to_owned() },
            jenis: s.jenis,
            rata: s.rata,
            lebar_pdf: s.pdf,
            lebar_xlsx: s.xlsx,
            gabung: s.gabung,
            di_pdf: s.di_pdf,
        })
        .collect()
}

/// The width a Kode column needs for the plan's longest code at `pt` points: codes never wrap
/// (a break inside `1.03.01.2.01.0001` would misread), so the column grows to hold them. Glyph
/// advances of Liberation Sans (regular and bold alike): digits 0.556 em, "." 0.278 em.
fn lebar_kode(plan: &Plan, pt: f64, paling_sempit: f64) -> Lebar {
    let kode = plan.rencana.program.iter().flat_map(|p| {
        std::iter::once(p.kode.as_str()).chain(
            p.kegiatan
                .iter()
                .flat_map(|k| std::iter::once(k.kode.as_str()).chain(k.sub_kegiatan.iter().map(|s| s.kode.as_str()))),
        )
    });
    let em = kode
        .map(|k| {
            k.chars()
                .map(|c| {
                    if c == '.' {
                        0.278
                    } else if c.is_ascii_digit() {
                        0.556
                    } else {
                        0.667
                    }
                })
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    // Points to centimetres, plus the cell's padding (3 pt a side, 0.21 cm) and a little air;
    // rounded up to half millimetres.
    let cm = em * pt / 72.0 * 2.54 + 0.25;
    Lebar::Cm((cm.max(paling_sempit) * 20.0).ceil() / 20.0)
}

/// Year n + `d` (saturating: `check` rejects implausible years, but a forced export still runs).
fn tahun(id: &plan::Identitas, d: i32) -> i32 {
    id.tahun.saturating_add(d)
}

/// Every table of the plan, in document order: 2.1, 2.2, 2.3, 2.4, 3.1, 4.1.
pub fn semua(plan: &Plan, computed: &Computed) -> Vec<Tabel> {
    vec![
        tabel_2_1(plan, computed),
        tabel_2_2(plan),
        tabel_2_3(plan, computed),
        tabel_2_4(plan),
        tabel_rencana(plan, computed, true),
        match plan.pengaturan.tabel_bab_4 {
            TabelBab4::TC33 => tabel_rencana(plan, computed, false),
            TabelBab4::SipdRi => tabel_sipd_ri(plan, computed),
        },
    ]
}

// Tabel 2.1's columns, 0-based (column "4" of the reference is index 3).
const K4: usize = 3;
const K5: usize = 4;
const K6: usize = 5;
const K7: usize = 6;
const K8: usize = 7;
const K9: usize = 8;
const K10: usize = 9;

fn tabel_2_1(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let (n1, n2, n3) = (tahun(id, -1), tahun(id, -2), tahun(id, -3));
    let t = [
        format!("Target Capaian Kinerja Renstra PD Tahun {} (akhir periode Renstra PD)", id.periode_renstra.akhir),
        format!("Realisasi Target Kinerja Hasil Program dan Keluaran Kegiatan s/d Tahun {n3}"),
        format!("Target & Realisasi Kinerja Program dan Keluaran Kegiatan Tahun {n2}"),
        format!("Target Program dan Kegiatan Renja PD Tahun Berjalan (Tahun {n1})"),
        format!("Perkiraan Realisasi Capaian Target Renstra Program/ Kegiatan s/d Tahun {n1} (Tahun Berjalan)"),
        format!("Target Renja PD Tahun {n2}"),
        format!("Realisasi Renja PD Tahun {n2}"),
        format!("Realisasi Capaian Program dan Kegiatan s/d Tahun {n1}"),
    ];
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("No.", 2, 1),
                ("Urusan/Bidang Urusan Pemerintah Daerah/ Program/Kegiatan", 2, 1),
                ("Indikator Kinerja Program (outcomes)/ Kegiatan (output)", 2, 1),
                (&t[0], 2, 1),
                (&t[1], 2, 1),
                (&t[2], 1, 3),
                (&t[3], 2, 1),
                (&t[4], 1, 2),
                ("Predikat", 2, 1),
            ],
            &[
                (&t[5], 1, 1),
                (&t[6], 1, 1),
                ("Tingkat Realisasi (%)", 1, 1),
                (&t[7], 1, 1),
                ("Tingkat Capaian Realisasi Target Renstra (%)", 1, 1),
            ],
        ],
        12,
    );
    let kolom = kolom(
        &[
            Spek::no(cm(0.8)),
            Spek::teks("program_kegiatan", fr(3.6), 28.0),
            Spek::teks("indikator", fr(4.2), 32.0),
            Spek::angka("target_renstra", fr(1.9), 13.0),
            Spek::angka("realisasi_sd_n3", fr(1.9), 13.0),
            Spek::angka("target_n2", fr(1.7), 11.0),
            Spek::angka("realisasi_n2", fr(1.7), 11.0),
            Spek::angka("tingkat_realisasi", fr(1.35), 11.0).nomor("8 = (7/6)"),
            Spek::angka("target_n1", fr(1.8), 12.0),
            Spek::angka("realisasi_sd_n1", fr(2.0), 13.0).nomor("10 = (5+7+9)"),
            Spek::angka("capaian_renstra", fr(1.5), 12.0).nomor("11 = (10/4)"),
            // Computed for the exports; the PDF prints it only when the plan asks.
            Spek::teks("predikat", fr(1.5), 14.0).nomor("12 = predikat (8)").di_pdf(plan.pengaturan.predikat_di_pdf),
        ],
        &kepala,
        tinggi,
    );
    let ev = &plan.evaluasi;
    let n = kolom.len();
    let mut baris = vec![
        Baris::judul(JenisBaris::Kelompok, format!("Jenis Urusan : {}", ev.jenis_urusan), n),
        Baris::judul(JenisBaris::Kelompok, format!("Urusan : {}", ev.urusan), n),
    ];
    for (i, (program, hasil)) in ev.program.iter().zip(&computed.evaluasi).enumerate() {
        let p = baris.len();
        let mut row = baris_evaluasi(
            JenisBaris::Program,
            format::romawi(i + 1),
            &program.nama,
            "Outcome",
            &program.indikator,
            &hasil.program,
        );
        // A program's rate is the mean of its kegiatan's rates, not its own 7/6.
        let kegiatan = p + 1..p + 1 + program.kegiatan.len();
        row.sel[K8] = Sel::turunan(isi_rasio(hasil.program.tingkat_realisasi), Rumus::RataRata(kegiatan));
        baris.push(row.kunci(&program.nama));
        for (j, (kegiatan, h)) in program.kegiatan.iter().zip(&hasil.kegiatan).enumerate() {
            baris.push(
                baris_evaluasi(
                    JenisBaris::Kegiatan,
                    (j + 1).to_string(),
                    &kegiatan.nama,
                    "Output",
                    &kegiatan.indikator,
                    h,
                )
                .kunci(format!("{} / {}", program.nama, kegiatan.nama)),
            );
        }
    }
    Tabel {
        nomor: NomorTabel::T2_1,
        judul: vec![
            format!(
                "Rekapitulasi Hasil Evaluasi Hasil Pelaksanaan Renja dan Pencapaian Renstra s/d Tahun {}",
                tahun(id, -1)
            ),
            format!("{} {}", id.perangkat_daerah, id.pemda),
        ],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: std::iter::once(
            "Tingkat realisasi (kolom 8) baris program adalah rata-rata tingkat realisasi kegiatan di bawahnya, \
             bukan kolom 7 dibagi kolom 6 baris program itu."
                .to_owned(),
        )
        .chain(di_luar_rata_rata(computed))
        .chain([format!(
            "Kolom 10 indikator yang tidak kumulatif (misalnya persentase) adalah nilai terakhirnya (target \
                 tahun {n1}, atau realisasi terakhir bila belum ada), bukan jumlah kolom 5, 7 dan 9; kolom 11 \
                 tidak berlaku baginya."
        )])
        .collect(),
    }
}

/// The footnote naming the kegiatan a program's mean leaves out (no realisation, or a zero
/// target), e.g. "I.3, II.1"; none when every rate is defined.
fn di_luar_rata_rata(computed: &Computed) -> Option<String> {
    let rows: Vec<String> = computed
        .evaluasi
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.di_luar_rata_rata.iter().map(move |j| format!("{}.{}", format::romawi(i + 1), j + 1)))
        .collect();
    (!rows.is_empty()).then(|| {
        format!(
            "Rata-rata program tidak memuat kegiatan yang tingkat realisasinya tidak dapat dihitung (tanpa realisasi \
             atau dengan target nol): {}.",
            rows.join(", ")
        )
    })
}

fn baris_evaluasi(
    jenis: JenisBaris,
    no: String,
    nama: &str,
    prefix: &str,
    ind: &IndikatorEvaluasi,
    hasil: &BarisEvaluasi,
) -> Baris {
    // Positive polarity: realisasi/target; negative (lower is better): target/realisasi.
    let rasio = |realisasi: usize, target: usize| match ind.polaritas {
        Polaritas::Positif => Rumus::Rasio { pembilang: realisasi, penyebut: target },
        Polaritas::Negatif => Rumus::Rasio { pembilang: target, penyebut: realisasi },
    };
    let realisasi_sd_n1 = hasil.realisasi_sd_n1.map_or(Isi::TakTerdefinisi, Isi::Angka);
    let (k10, k11) = if ind.is_kumulatif() {
        (
            Sel::turunan(realisasi_sd_n1, Rumus::Jumlah(vec![K5, K7, K9])),
            Sel::turunan(isi_rasio(hasil.capaian_renstra), rasio(K10, K4)),
        )
    } else {
        (Sel::turunan(realisasi_sd_n1, Rumus::Terakhir(vec![K9, K7, K5])), Sel::kosong())
    };
    Baris::new(
        jenis,
        vec![
            Sel::teks(no),
            Sel::teks(nama),
            Sel::teks(format!("{prefix} : {}", ind.uraian)),
            Sel::nilai(ind.target_renstra.as_ref()),
            Sel::nilai(ind.realisasi_sd_n3.as_ref()),
            Sel::nilai(ind.target_n2.as_ref()),
            // A missing realisation shows why it is missing, where the plan says so.
            match (&ind.realisasi_n2, &ind.keterangan) {
                (None, Some(keterangan)) => Sel::teks(keterangan),
                (realisasi, _) => Sel::nilai(realisasi.as_ref()),
            },
            Sel::turunan(isi_rasio(hasil.tingkat_realisasi), rasio(K7, K6)),
            Sel::nilai(ind.target_n1.as_ref()),
            k10,
            k11,
            Sel::turunan(
                hasil.predikat.map_or(Isi::TakTerdefinisi, |p| Isi::Teks(p.label().to_owned())),
                Rumus::Predikat { rasio: K8 },
            ),
        ],
    )
    .satuan(&ind.satuan)
}

fn tabel_2_2(plan: &Plan) -> Tabel {
    let id = &plan.identitas;
    let years = [-2, -1, 0, 1].map(|d| tahun(id, d)).map(|y| y.to_string());
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("No.", 2, 1),
                ("Indikator", 2, 1),
                ("SPM/ Standar Nasional", 2, 1),
                ("IKK", 2, 1),
                ("Target Renstra PD Tahun ke-", 1, 4),
                ("Realisasi Capaian Tahun ke-", 1, 2),
                ("Proyeksi Tahun ke-", 1, 2),
                ("Catatan Analisis", 2, 1),
            ],
            &[
                (&years[0], 1, 1),
                (&years[1], 1, 1),
                (&years[2], 1, 1),
                (&years[3], 1, 1),
                (&years[0], 1, 1),
                (&years[1], 1, 1),
                (&years[2], 1, 1),
                (&years[3], 1, 1),
            ],
        ],
        13,
    );
    let kolom = kolom(
        &[
            Spek::no(cm(0.8)).gabung(),
            Spek::teks("indikator", fr(5.0), 36.0).gabung(),
            Spek::teks("spm", fr(1.5), 11.0).gabung(),
            Spek::teks("ikk", fr(1.2), 9.0).gabung(),
            Spek::angka("target_n2", fr(1.8), 11.0),
            Spek::angka("target_n1", fr(1.8), 11.0),
            Spek::angka("target_n", fr(1.8), 11.0),
            Spek::angka("target_maju", fr(1.8), 11.0),
            Spek::angka("realisasi_n2", fr(1.8), 11.0),
            Spek::angka("realisasi_n1", fr(1.8), 11.0),
            Spek::angka("proyeksi_n", fr(1.8), 11.0),
            Spek::angka("proyeksi_maju", fr(1.8), 11.0),
            Spek::teks("catatan", fr(3.1), 26.0).gabung(),
        ],
        &kepala,
        tinggi,
    );
    let n = kolom.len();
    let lines = |jenis: JenisBaris, no: String, kunci: String, row: &BarisKinerja, out: &mut Vec<Baris>| {
        let mut first = true;
        let mut push = |line: Option<&plan::NilaiKinerja>| {
            // A row without any line has nothing to show; a line without a year's value lacks it.
            let v = |pick: fn(&plan::NilaiKinerja) -> Option<&plan::Nilai>| match line {
                Some(line) => Sel::nilai(pick(line)),
                None => Sel::kosong(),
            };
            let mut b = Baris::new(
                jenis,
                vec![
                    Sel::teks(no.clone()),
                    Sel::teks(&row.indikator),
                    Sel::teks(&row.spm),
                    Sel::teks(&row.ikk),
                    v(|l| l.target[0].as_ref()),
                    v(|l| l.target[1].as_ref()),
                    v(|l| l.target[2].as_ref()),
                    v(|l| l.target[3].as_ref()),
                    v(|l| l.realisasi[0].as_ref()),
                    v(|l| l.realisasi[1].as_ref()),
                    v(|l| l.proyeksi[0].as_ref()),
                    v(|l| l.proyeksi[1].as_ref()),
                    Sel::teks(&row.catatan),
                ],
            );
            b.satuan = line.map(|l| l.satuan.clone());
            b.kunci = Some(kunci.clone());
            b.lanjutan = !first;
            first = false;
            out.push(b);
        };
        if row.nilai.is_empty() {
            push(None);
        }
        for line in &row.nilai {
            push(Some(line));
        }
    };
    let kp = &plan.kinerja_pelayanan;
    let mut baris = Vec::new();
    if !kp.indikator_utama.is_empty() {
        baris.push(Baris::judul(JenisBaris::Kelompok, "Indikator Kinerja Utama".into(), n));
        for (i, row) in kp.indikator_utama.iter().enumerate() {
            lines(JenisBaris::Kegiatan, (i + 1).to_string(), format!("IKU / {}", row.indikator), row, &mut baris);
        }
    }
    if !kp.program.is_empty() {
        baris.push(Baris::judul(JenisBaris::Kelompok, "Indikator Program dan Kegiatan".into(), n));
        for (i, program) in kp.program.iter().enumerate() {
            lines(JenisBaris::Program, format::romawi(i + 1), program.indikator.clone(), program, &mut baris);
            for (j, kegiatan) in program.kegiatan.iter().enumerate() {
                let kunci = format!("{} / {}", program.indikator, kegiatan.indikator);
                lines(JenisBaris::Kegiatan, (j + 1).to_string(), kunci, kegiatan, &mut baris);
            }
        }
    }
    Tabel {
        nomor: NomorTabel::T2_2,
        judul: vec![format!("Pencapaian Kinerja Pelayanan {}", id.perangkat_daerah), id.pemda.clone()],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}

/// Emits each urusan heading once, right before the first program under it (as the PDF does).
struct UrusanHeadings<'p> {
    pending: Vec<&'p plan::Urusan>,
}

impl<'p> UrusanHeadings<'p> {
    fn new(plan: &'p Plan) -> Self {
        UrusanHeadings { pending: plan.rencana.urusan.iter().collect() }
    }

    fn before(&mut self, kode: &str) -> Vec<&'p plan::Urusan> {
        let (now, later): (Vec<_>, Vec<_>) = self
            .pending
            .iter()
            .partition(|u| kode.strip_prefix(u.kode.as_str()).is_some_and(|rest| rest.starts_with('.')));
        self.pending = later;
        now
    }
}

fn tabel_2_3(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let analisis = format!("Hasil Analisis Kebutuhan {}", id.tahun);
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("NO", 2, 1),
                ("Rancangan Awal Rencana Kerja Perangkat Daerah", 1, 5),
                (&analisis, 1, 5),
                ("Catatan Penting", 2, 1),
            ],
            &[
                ("Program/ Kegiatan", 1, 1),
                ("Lokasi", 1, 1),
                ("Indikator Kinerja", 1, 1),
                ("Target Capaian Kinerja", 1, 1),
                ("Pagu Indikatif (Rp.)", 1, 1),
                ("Program/ Kegiatan", 1, 1),
                ("Lokasi", 1, 1),
                ("Indikator Kinerja", 1, 1),
                ("Target Capaian Kinerja", 1, 1),
                ("Kebutuhan Dana (Rp.)", 1, 1),
            ],
        ],
        12,
    );
    let kolom = kolom(
        &[
            // Every column but the needs-analysis indicator and target spans a sub-kegiatan's
            // indicator lines.
            Spek::no(cm(0.7)).gabung(),
            // Widths in the PDF: a pagu of hundreds of billions and the longest single words of
            // the lokasi and catatan columns fit at the table's 8 pt.
            Spek::teks("program_kegiatan_rkpd", fr(2.6), 24.0).gabung(),
            Spek::teks("lokasi_rkpd", fr(1.9), 14.0).gabung(),
            Spek::teks("indikator_rkpd", fr(2.6), 26.0).gabung(),
            Spek::angka("target_rkpd", fr(1.4), 12.0).gabung(),
            Spek::angka("pagu_rkpd", fr(2.3), 15.0).gabung(),
            Spek::teks("program_kegiatan_analisis", fr(2.6), 24.0).gabung(),
            Spek::teks("lokasi_analisis", fr(1.9), 14.0).gabung(),
            Spek::teks("indikator_analisis", fr(2.6), 26.0),
            Spek::angka("target_analisis", fr(1.4), 12.0),
            Spek::angka("pagu_analisis", fr(2.3), 15.0).gabung(),
            Spek::teks("catatan", fr(2.2), 16.0).gabung(),
        ],
        &kepala,
        tinggi,
    );
    const PAGU_RKPD: usize = 5;
    const INDIKATOR_ANALISIS: usize = 8;
    const TARGET_ANALISIS: usize = 9;
    const PAGU_ANALISIS: usize = 10;
    let n = kolom.len();
    let mut baris: Vec<Baris> = Vec::new();
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    let bidang = sipd::kode_bidang(plan);
    for (i, (program, pagu)) in plan.rencana.program.iter().zip(&computed.program).enumerate() {
        let before = headings.before(&sipd::kode_cetak(&program.kode, bidang.as_deref()));
        if !before.is_empty() {
            for u in before {
                let label = if u.kode.contains('.') { "URUSAN" } else { "JENIS URUSAN" };
                baris.push(Baris::judul(JenisBaris::Kelompok, format!("{label} : {}", u.nama), n));
            }
            baris.push(Baris::judul(JenisBaris::Kelompok, format!("PERANGKAT DAERAH : {}", id.perangkat_daerah), n));
        }
        let p = baris.len();
        program_rows.push(p);
        baris.push(
            Baris::new(
                JenisBaris::Program,
                vec![
                    Sel::teks((i + 1).to_string()),
                    Sel::teks(&program.nama),
                    Sel::teks(""),
                    Sel::teks(&program.indikator),
                    Sel::nilai(Some(&program.target)),
                    Sel::kosong(),
                    Sel::teks(&program.nama),
                    Sel::teks(""),
                    Sel::teks(&program.indikator),
                    Sel::nilai(Some(&program.target)),
                    Sel::kosong(),
                    Sel::teks(&program.catatan),
                ],
            )
            .satuan(&program.satuan)
            .kunci(sipd::kode_cetak(&program.kode, bidang.as_deref())),
        );
        let mut kegiatan_rows = Vec::new();
        for (j, (k, pk)) in program.kegiatan.iter().zip(&computed.kegiatan[i]).enumerate() {
            kegiatan_rows.push(baris.len());
            let indikator = format!("Output : {}", k.indikator);
            let analisis = k.hasil_analisis.clone().unwrap_or_default();
            let (rkpd_lokasi, rkpd_target, rkpd_pagu) = match &k.rkpd {
                Some(r) => (
                    Sel::teks(r.lokasi.clone().unwrap_or_else(|| k.lokasi.clone())),
                    Sel::nilai(Some(r.target.as_ref().unwrap_or(&k.target))),
                    Sel::rupiah(r.pagu.0),
                ),
                None => (Sel::kosong(), Sel::kosong(), Sel::tidak_ada()),
            };
            baris.push(
                Baris::new(
                    JenisBaris::Kegiatan,
                    vec![
                        Sel::teks((j + 1).to_string()),
                        Sel::teks(&k.nama),
                        rkpd_lokasi,
                        Sel::teks(&indikator),
                        rkpd_target,
                        rkpd_pagu,
                        Sel::teks(&k.nama),
                        Sel::teks(analisis.lokasi.unwrap_or_else(|| k.lokasi.clone())),
                        Sel::teks(indikator),
                        Sel::nilai(Some(compute::target_analisis(k))),
                        Sel::rupiah(compute::pagu_analisis(k, pk.pagu)),
                        Sel::teks(&k.catatan),
                    ],
                )
                .satuan(&k.satuan)
                .kunci(sipd::kode_cetak(&k.kode, bidang.as_deref())),
            );
            let at = baris.len() - 1;
            let mut sub_rows = Vec::new();
            for (l, s) in k.sub_kegiatan.iter().enumerate() {
                let sel = vec![
                    Sel::teks(format!("{}.{}", j + 1, l + 1)),
                    Sel::teks(&s.nama),
                    Sel::kosong(),
                    Sel::kosong(),
                    Sel::kosong(),
                    Sel::kosong(),
                    Sel::teks(&s.nama),
                    Sel::teks(baris_daftar(s.lokasi.iter().map(String::as_str))),
                    Sel::kosong(),
                    Sel::kosong(),
                    s.pagu.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                    Sel::teks(&s.catatan),
                ];
                // One line per keluaran indicator, on the needs-analysis side.
                let isi = |g: &Garis, sel: &mut [Sel]| {
                    sel[INDIKATOR_ANALISIS] = Sel::teks(&g.uraian);
                    sel[TARGET_ANALISIS] = Sel::nilai(g.target);
                };
                let kode_sub = sipd::kode_cetak(&s.kode, bidang.as_deref());
                sub_rows.push(push_node(&mut baris, JenisBaris::SubKegiatan, &kode_sub, &garis_sub(s), sel, isi));
            }
            // Without its own needs-analysis pagu, a kegiatan's is the sum of its sub-kegiatan.
            let own = k.hasil_analisis.as_ref().is_some_and(|h| h.pagu.is_some());
            if !sub_rows.is_empty() && !own {
                baris[at].sel[PAGU_ANALISIS] =
                    Sel::turunan(Isi::Rupiah(pk.pagu), Rumus::Total { baris: sub_rows, opsional: false });
            }
        }
        let total = |isi: Decimal| {
            Sel::turunan(Isi::Rupiah(isi), Rumus::Total { baris: kegiatan_rows.clone(), opsional: false })
        };
        // No kegiatan with an RKPD pagu: the total prints "-" like its rows, not 0.
        baris[p].sel[PAGU_RKPD] = Sel::turunan(
            pagu.pagu_rkpd.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
            Rumus::Total { baris: kegiatan_rows.clone(), opsional: true },
        );
        baris[p].sel[PAGU_ANALISIS] = total(pagu.pagu_analisis);
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks("JUMLAH DANA");
    jumlah[PAGU_RKPD] = Sel::turunan(
        computed.jumlah.pagu_rkpd.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
        Rumus::Total { baris: program_rows.clone(), opsional: true },
    );
    jumlah[PAGU_ANALISIS] =
        Sel::turunan(Isi::Rupiah(computed.jumlah.pagu_analisis), Rumus::Total { baris: program_rows, opsional: false });
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
    Tabel {
        nomor: NomorTabel::T2_3,
        judul: vec![format!("Review Terhadap Rancangan Awal RKPD Tahun {}", id.tahun), id.pemda.clone()],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}

fn tabel_2_4(plan: &Plan) -> Tabel {
    let (kepala, tinggi) = kepala(
        &[&[
            ("No", 1, 1),
            ("Program/Kegiatan", 1, 1),
            ("Lokasi", 1, 1),
            ("Indikator Kinerja", 1, 1),
            ("Volume", 1, 1),
            ("Catatan", 1, 1),
        ]],
        6,
    );
    let kolom = kolom(
        &[
            Spek::no(cm(0.8)),
            Spek::teks("program_kegiatan", fr(6.0), 40.0),
            Spek::teks("lokasi", fr(3.5), 22.0),
            Spek::teks("indikator", fr(6.0), 40.0),
            Spek::teks("volume", fr(2.5), 14.0).rata(Rata::Kanan),
            Spek::teks("catatan", fr(4.5), 30.0),
        ],
        &kepala,
        tinggi,
    );
    let baris = if plan.usulan_masyarakat.is_empty() {
        vec![Baris::judul(JenisBaris::Nihil, "NIHIL".into(), kolom.len())]
    } else {
        plan.usulan_masyarakat
            .iter()
            .enumerate()
            .map(|(i, u)| {
                Baris::new(
                    JenisBaris::Kegiatan,
                    vec![
                        Sel::teks((i + 1).to_string()),
                        Sel::teks(&u.program_kegiatan),
                        Sel::teks(&u.lokasi),
                        Sel::teks(&u.indikator),
                        Sel::teks(&u.volume),
                        Sel::teks(&u.catatan),
                    ],
                )
                .kunci(&u.program_kegiatan)
            })
            .collect()
    };
    Tabel {
        nomor: NomorTabel::T2_4,
        judul: vec![format!("Penelaahan Usulan Program dan Kegiatan Masyarakat Tahun {}", plan.identitas.tahun)],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}

/// One indicator line of a node: the first carries the node's kode, name and money, the others
/// are continuation lines (`Baris::lanjutan`) holding only their indicator.
struct Garis<'p> {
    uraian: String,
    satuan: &'p str,
    target: Option<&'p Nilai>,
    target_maju: Option<&'p Nilai>,
    target_renstra: Option<&'p Nilai>,
    realisasi_n2: Option<&'p Nilai>,
    prakiraan_n1: Option<&'p Nilai>,
}

impl<'p> Garis<'p> {
    fn utama(awalan: &str, uraian: &str, satuan: &'p str, target: &'p Nilai, maju: Option<&'p Nilai>) -> Garis<'p> {
        Garis {
            uraian: format!("{awalan} : {uraian}"),
            satuan,
            target: Some(target),
            target_maju: maju,
            target_renstra: None,
            realisasi_n2: None,
            prakiraan_n1: None,
        }
    }

    fn dari(awalan: &str, i: &'p Indikator) -> Garis<'p> {
        Garis {
            uraian: format!("{awalan} : {}", i.uraian),
            satuan: &i.satuan,
            target: i.target.as_ref(),
            target_maju: i.target_maju.as_ref(),
            target_renstra: i.target_renstra.as_ref(),
            realisasi_n2: i.realisasi_n2.as_ref(),
            prakiraan_n1: i.prakiraan_n1.as_ref(),
        }
    }
}

fn garis_program(p: &plan::Program) -> Vec<Garis<'_>> {
    let mut out = vec![Garis::utama("Outcome", &p.indikator, &p.satuan, &p.target, p.target_maju.as_ref())];
    out.extend(p.capaian.iter().map(|i| Garis::dari("Outcome", i)));
    out
}

fn garis_kegiatan(k: &plan::Kegiatan) -> Vec<Garis<'_>> {
    let mut out = vec![Garis::utama("Output", &k.indikator, &k.satuan, &k.target, k.target_maju.as_ref())];
    out.extend(k.keluaran.iter().map(|i| Garis::dari("Output", i)));
    out.extend(k.hasil.iter().map(|i| Garis::dari("Outcome", i)));
    out
}

fn garis_sub(s: &SubKegiatan) -> Vec<Garis<'_>> {
    s.indikator.iter().map(|i| Garis::dari("Output", i)).collect()
}

/// Pushes a node's rows: `first` holds every cell of its first line; each further indicator
/// becomes a continuation line whose indicator cells come from `isi` and the rest stay empty.
/// Returns the index of the first line.
fn push_node(
    baris: &mut Vec<Baris>,
    jenis: JenisBaris,
    kunci: &str,
    garis: &[Garis],
    first: Vec<Sel>,
    isi: impl Fn(&Garis, &mut [Sel]),
) -> usize {
    let at = baris.len();
    let n = first.len();
    for (g, line) in garis.iter().enumerate() {
        let mut sel = if g == 0 { first.clone() } else { vec![Sel::kosong(); n] };
        isi(line, &mut sel);
        let mut row = Baris::new(jenis, sel).satuan(line.satuan);
        if g == 0 {
            row = row.kunci(kunci);
        } else {
            row.lanjutan = true;
        }
        baris.push(row);
    }
    if garis.is_empty() {
        baris.push(Baris::new(jenis, first).kunci(kunci));
    }
    at
}

/// Printed lines of a list: one per item.
fn baris_daftar<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().filter(|t| !t.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

/// Tabel 3.1 (with prakiraan maju) and Tabel 4.1 (without): the same rows.
fn tabel_rencana(plan: &Plan, computed: &Computed, maju: bool) -> Tabel {
    let id = &plan.identitas;
    let tiga = plan.rencana.program.iter().any(|p| p.kegiatan.iter().any(|k| !k.sub_kegiatan.is_empty()));
    let rencana = format!("Rencana Tahun {}", id.tahun);
    let prakiraan = format!("Prakiraan Maju Rencana Tahun {}", tahun(id, 1));
    let (nama_kolom, indikator_kolom) = if tiga {
        (
            "Urusan/Bidang Urusan/ Program/Kegiatan/ Sub Kegiatan",
            "Indikator Kinerja Program (Outcome), Kegiatan dan Sub Kegiatan (Output)",
        )
    } else {
        ("Urusan/Bidang Urusan/ Program/Kegiatan", "Indikator Kinerja Program (Outcome) dan Kegiatan (Output)")
    };
    let mut top: Vec<(&str, usize, usize)> =
        vec![("KODE", 2, 1), (nama_kolom, 2, 1), (indikator_kolom, 2, 1), (&rencana, 1, 4), ("Catatan Penting", 2, 1)];
    let mut bottom: Vec<(&str, usize, usize)> = vec![
        ("Lokasi", 1, 1),
        ("Target Capaian Kinerja", 1, 1),
        ("Kebutuhan Dana/ Pagu Indikatif", 1, 1),
        ("Sumber Dana", 1, 1),
    ];
    // Tabel 4.1 gives the two prakiraan maju columns' room to the text columns; a pagu of
    // hundreds of billions in bold fits its column at the table's 9 pt.
    let w = |tiga_satu: f64, empat_satu: f64| fr(if maju { tiga_satu } else { empat_satu });
    let mut spek = vec![
        // Sized below, once the number of columns (and so the text size) is known.
        Spek::teks("kode", cm(1.9), 12.0).gabung(),
        Spek::teks("program_kegiatan", w(4.2, 5.2), if maju { 32.0 } else { 36.0 }).gabung(),
        Spek::teks("indikator", w(4.5, 5.8), if maju { 36.0 } else { 40.0 }),
        Spek::teks("lokasi", w(2.6, 3.0), 18.0).gabung(),
        Spek::angka("target", w(1.7, 2.0), 12.0),
        Spek::angka("pagu", w(2.6, 2.6), 15.0).gabung(),
        Spek::teks("sumber_dana", w(1.3, 1.5), 10.0).rata(Rata::Tengah).gabung(),
        Spek::teks("catatan", w(2.1, 3.0), 16.0).gabung(),
    ];
    if maju {
        top.push((&prakiraan, 1, 2));
        bottom.extend([("Target Capaian Kinerja", 1, 1), ("Pagu Indikatif", 1, 1)]);
        spek.extend([Spek::angka("target_maju", fr(1.7), 12.0), Spek::angka("pagu_maju", fr(2.6), 15.0).gabung()]);
    }
    spek[0].pdf = lebar_kode(plan, super::ukuran_teks(spek.len()), 1.9);
    let (kepala, tinggi) = kepala(&[&top, &bottom], spek.len());
    let kolom = kolom(&spek, &kepala, tinggi);
    const INDIKATOR: usize = 2;
    const TARGET: usize = 4;
    const PAGU: usize = 5;
    const TARGET_MAJU: usize = 8;
    const PAGU_MAJU: usize = 9;
    let isi = |g: &Garis, sel: &mut [Sel]| {
        sel[INDIKATOR] = Sel::teks(&g.uraian);
        sel[TARGET] = Sel::nilai(g.target);
        if maju {
            sel[TARGET_MAJU] = Sel::nilai(g.target_maju);
        }
    };
    let bidang = sipd::kode_bidang(plan);
    let kode = |k: &str| sipd::kode_cetak(k, bidang.as_deref());
    let n = kolom.len();
    let mut baris: Vec<Baris> = Vec::new();
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    for ((program, pagu), pagu_kegiatan) in plan.rencana.program.iter().zip(&computed.program).zip(&computed.kegiatan) {
        let kode_program = kode(&program.kode);
        for u in headings.before(&kode_program) {
            let mut sel = vec![Sel::kosong(); n];
            sel[0] = Sel::teks(&u.kode);
            sel[1] = Sel::teks(u.nama.to_uppercase());
            baris.push(Baris::new(JenisBaris::Urusan, sel).kunci(&u.kode));
        }
        let mut sel = vec![
            Sel::teks(&kode_program),
            Sel::teks(&program.nama),
            Sel::kosong(),
            Sel::teks(&program.lokasi),
            Sel::kosong(),
            Sel::kosong(),
            Sel::teks(&program.sumber_dana),
            Sel::teks(&program.catatan),
        ];
        if maju {
            sel.extend([Sel::kosong(), Sel::kosong()]);
        }
        let p = push_node(&mut baris, JenisBaris::Program, &kode_program, &garis_program(program), sel, isi);
        program_rows.push(p);
        let mut kegiatan_rows = Vec::new();
        for (k, pk) in program.kegiatan.iter().zip(pagu_kegiatan) {
            let kode_kegiatan = kode(&k.kode);
            let mut sel = vec![
                Sel::teks(&kode_kegiatan),
                Sel::teks(&k.nama),
                Sel::kosong(),
                Sel::teks(&k.lokasi),
                Sel::kosong(),
                Sel::rupiah(pk.pagu),
                Sel::teks(&k.sumber_dana),
                Sel::teks(&k.catatan),
            ];
            if maju {
                sel.extend([Sel::kosong(), k.pagu_maju.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0))]);
            }
            let at = push_node(&mut baris, JenisBaris::Kegiatan, &kode_kegiatan, &garis_kegiatan(k), sel, isi);
            kegiatan_rows.push(at);
            let mut sub_rows = Vec::new();
            for s in &k.sub_kegiatan {
                let kode_sub = kode(&s.kode);
                let mut sel = vec![
                    Sel::teks(&kode_sub),
                    Sel::teks(&s.nama),
                    Sel::kosong(),
                    Sel::teks(baris_daftar(s.lokasi.iter().map(String::as_str))),
                    Sel::kosong(),
                    s.pagu.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                    Sel::teks(baris_daftar(s.sumber_dana.nama())),
                    Sel::teks(&s.catatan),
                ];
                if maju {
                    sel.extend([Sel::kosong(), s.pagu_maju.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0))]);
                }
                sub_rows.push(push_node(&mut baris, JenisBaris::SubKegiatan, &kode_sub, &garis_sub(s), sel, isi));
            }
            if !sub_rows.is_empty() {
                // The kegiatan's pagu is the sum of its sub-kegiatan's, live in the workbook.
                baris[at].sel[PAGU] =
                    Sel::turunan(Isi::Rupiah(pk.pagu), Rumus::Total { baris: sub_rows.clone(), opsional: false });
                if maju {
                    baris[at].sel[PAGU_MAJU] = Sel::turunan(
                        pk.pagu_maju.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
                        Rumus::Total { baris: sub_rows, opsional: true },
                    );
                }
            }
        }
        baris[p].sel[PAGU] =
            Sel::turunan(Isi::Rupiah(pagu.pagu), Rumus::Total { baris: kegiatan_rows.clone(), opsional: false });
        if maju {
            baris[p].sel[PAGU_MAJU] = Sel::turunan(
                pagu.pagu_maju.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
                Rumus::Total { baris: kegiatan_rows, opsional: true },
            );
        }
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks("JUMLAH");
    jumlah[PAGU] =
        Sel::turunan(Isi::Rupiah(computed.jumlah.pagu), Rumus::Total { baris: program_rows.clone(), opsional: false });
    if maju {
        jumlah[PAGU_MAJU] = Sel::turunan(
            computed.jumlah.pagu_maju.map_or(Isi::TakTerdefinisi, Isi::Rupiah),
            Rumus::Total { baris: program_rows, opsional: true },
        );
    }
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
    let pd = format!("{} {}", id.perangkat_daerah, id.pemda);
    let (nomor, judul) = if maju {
        (
            NomorTabel::T3_1,
            vec![
                format!(
                    "Rumusan Rencana Program dan Kegiatan Tahun {} dan Prakiraan Maju Tahun {}",
                    id.tahun,
                    tahun(id, 1)
                ),
                pd,
            ],
        )
    } else {
        (NomorTabel::T4_1, vec![format!("Rumusan Rencana Kerja dan Pendanaan Tahun {}", id.tahun), pd])
    };
    Tabel {
        nomor,
        judul,
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}
/// Tabel 4.1 in the 17 columns of the SIPD-RI Renja report (TA 2024 on), as Bappeda verifies
/// Bab IV: three header rows, then urusan and bidang headings, programs, kegiatan and
/// sub-kegiatan, one line per indicator, and "Jumlah" last.
fn tabel_sipd_ri(plan: &Plan, computed: &Computed) -> Tabel {
    let id = &plan.identitas;
    let tahun_n = format!("Capaian Kinerja dan Kerangka Pendanaan (Tahun {})", id.tahun);
    let realisasi = format!("Realisasi Capaian Renja PD Tahun {}", tahun(id, -2));
    let prakiraan = format!("Prakiraan Capaian Target Renja PD Tahun {}", tahun(id, -1));
    let maju = format!("Prakiraan Maju Rencana Tahun {}", tahun(id, 1));
    let (kepala, tinggi) = kepala(
        &[
            &[
                ("No", 3, 1),
                ("Kode", 3, 1),
                ("Urusan/ Bidang Urusan/ Program/ Kegiatan/ Sub Kegiatan", 3, 1),
                ("Indikator Program/ Kegiatan/ Sub Kegiatan", 3, 1),
                ("Target Akhir Periode Renstra PD", 3, 1),
                (&realisasi, 3, 1),
                (&prakiraan, 3, 1),
                (&tahun_n, 1, 6),
                ("Kelompok Sasaran", 3, 1),
                (&maju, 1, 2),
                ("Perangkat Daerah Penanggung Jawab", 3, 1),
            ],
            &[
                ("Target", 2, 1),
                ("Pagu Indikatif (Rp)", 2, 1),
                ("Lokasi", 2, 1),
                ("Sumber Dana", 2, 1),
                ("Prioritas", 1, 2),
                ("Target", 2, 1),
                ("Pagu Indikatif (Rp)", 2, 1),
            ],
            &[("Nasional", 1, 1), ("Daerah", 1, 1)],
        ],
        17,
    );
    let mut spek = vec![
        Spek::no(cm(0.6)).gabung(),
        // Sized below, once the number of columns (and so the text size) is known.
        Spek::teks("kode", cm(2.0), 16.0).gabung(),
        Spek::teks("nama", fr(2.4), 30.0).gabung(),
        Spek::teks("indikator", fr(2.6), 30.0),
        Spek::angka("target_renstra", fr(1.5), 10.0),
        Spek::angka("realisasi_n2", fr(1.5), 10.0),
        Spek::angka("prakiraan_n1", fr(1.5), 10.0),
        Spek::angka("target", fr(1.5), 10.0),
        Spek::angka("pagu", fr(2.2), 15.0).gabung(),
        Spek::teks("lokasi", fr(2.1), 16.0).gabung(),
        Spek::teks("sumber_dana", fr(1.3), 14.0).gabung(),
        Spek::teks("prioritas_nasional", fr(1.8), 14.0).gabung(),
        Spek::teks("prioritas_daerah", fr(2.1), 14.0).gabung(),
        Spek::teks("kelompok_sasaran", fr(1.5), 14.0).gabung(),
        Spek::angka("target_maju", fr(1.5), 10.0),
        Spek::angka("pagu_maju", fr(2.2), 15.0).gabung(),
        Spek::teks("penanggung_jawab", fr(1.8), 16.0).gabung(),
    ];
    spek[1].pdf = lebar_kode(plan, super::ukuran_teks(spek.len()), 2.0);
    let kolom = kolom(&spek, &kepala, tinggi);
    const INDIKATOR: usize = 3;
    const PAGU: usize = 8;
    const PAGU_MAJU: usize = 15;
    let n = kolom.len();
    let isi = |g: &Garis, sel: &mut [Sel]| {
        sel[INDIKATOR] = Sel::teks(&g.uraian);
        sel[4] = Sel::nilai(g.target_renstra);
        sel[5] = Sel::nilai(g.realisasi_n2);
        sel[6] = Sel::nilai(g.prakiraan_n1);
        sel[7] = Sel::nilai(g.target);
        sel[14] = Sel::nilai(g.target_maju);
    };
    // The cells of one node's first line, its indicators' filled in by `isi`.
    let cells = |no: String,
                 kode: &str,
                 nama: &str,
                 pagu: Sel,
                 lokasi: String,
                 dana: String,
                 rest: [String; 3],
                 pagu_maju: Sel,
                 pj: &str| {
        let mut sel = vec![Sel::kosong(); n];
        sel[0] = Sel::teks(no);
        sel[1] = Sel::teks(kode);
        sel[2] = Sel::teks(nama);
        sel[PAGU] = pagu;
        sel[9] = Sel::teks(lokasi);
        sel[10] = Sel::teks(dana);
        let [nasional, daerah, sasaran] = rest;
        sel[11] = Sel::teks(nasional);
        sel[12] = Sel::teks(daerah);
        sel[13] = Sel::teks(sasaran);
        sel[PAGU_MAJU] = pagu_maju;
        sel[16] = Sel::teks(pj);
        sel
    };
    let pd = &id.perangkat_daerah;
    let or_pd = |pj: &'_ str| if pj.trim().is_empty() { pd.clone() } else { pj.to_owned() };
    let bidang = sipd::kode_bidang(plan);
    let kode = |k: &str| sipd::kode_cetak(k, bidang.as_deref());
    let total_maju = |v: Option<Decimal>, rows: Vec<usize>| {
        Sel::turunan(v.map_or(Isi::TakTerdefinisi, Isi::Rupiah), Rumus::Total { baris: rows, opsional: true })
    };
    let mut baris: Vec<Baris> = Vec::new();
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    let mut nomor = 0;
    let mut next = || {
        nomor += 1;
        nomor.to_string()
    };
    for ((program, pagu), pagu_kegiatan) in plan.rencana.program.iter().zip(&computed.program).zip(&computed.kegiatan) {
        let kode_program = kode(&program.kode);
        for u in headings.before(&kode_program) {
            baris.push(
                Baris::judul(JenisBaris::Kelompok, format!("{} {}", u.kode, u.nama.to_uppercase()), n).kunci(&u.kode),
            );
        }
        let sel = cells(
            next(),
            &kode_program,
            &program.nama,
            Sel::kosong(),
            program.lokasi.clone(),
            program.sumber_dana.clone(),
            Default::default(),
            Sel::kosong(),
            pd,
        );
        let p = push_node(&mut baris, JenisBaris::Program, &kode_program, &garis_program(program), sel, isi);
        program_rows.push(p);
        let mut kegiatan_rows = Vec::new();
        for (k, pk) in program.kegiatan.iter().zip(pagu_kegiatan) {
            let kode_kegiatan = kode(&k.kode);
            let sel = cells(
                next(),
                &kode_kegiatan,
                &k.nama,
                Sel::rupiah(pk.pagu),
                k.lokasi.clone(),
                k.sumber_dana.clone(),
                [String::new(), String::new(), k.kelompok_sasaran.clone()],
                k.pagu_maju.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                &or_pd(&k.penanggung_jawab),
            );
            let at = push_node(&mut baris, JenisBaris::Kegiatan, &kode_kegiatan, &garis_kegiatan(k), sel, isi);
            kegiatan_rows.push(at);
            let mut sub_rows = Vec::new();
            for s in &k.sub_kegiatan {
                let kode_sub = kode(&s.kode);
                let sasaran =
                    if s.kelompok_sasaran.trim().is_empty() { &k.kelompok_sasaran } else { &s.kelompok_sasaran };
                let pj = if s.penanggung_jawab.trim().is_empty() {
                    or_pd(&k.penanggung_jawab)
                } else {
                    s.penanggung_jawab.clone()
                };
                let sel = cells(
                    next(),
                    &kode_sub,
                    &s.nama,
                    s.pagu.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                    baris_daftar(s.lokasi.iter().map(String::as_str)),
                    baris_daftar(s.sumber_dana.nama()),
                    [s.prioritas.nasional.clone(), s.prioritas.daerah.clone(), sasaran.clone()],
                    s.pagu_maju.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0)),
                    &pj,
                );
                sub_rows.push(push_node(&mut baris, JenisBaris::SubKegiatan, &kode_sub, &garis_sub(s), sel, isi));
            }
            if !sub_rows.is_empty() {
                baris[at].sel[PAGU] =
                    Sel::turunan(Isi::Rupiah(pk.pagu), Rumus::Total { baris: sub_rows.clone(), opsional: false });
                baris[at].sel[PAGU_MAJU] = total_maju(pk.pagu_maju, sub_rows);
            }
        }
        baris[p].sel[PAGU] =
            Sel::turunan(Isi::Rupiah(pagu.pagu), Rumus::Total { baris: kegiatan_rows.clone(), opsional: false });
        baris[p].sel[PAGU_MAJU] = total_maju(pagu.pagu_maju, kegiatan_rows);
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks("Jumlah");
    jumlah[PAGU] =
        Sel::turunan(Isi::Rupiah(computed.jumlah.pagu), Rumus::Total { baris: program_rows.clone(), opsional: false });
    jumlah[PAGU_MAJU] = total_maju(computed.jumlah.pagu_maju, program_rows);
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
    Tabel {
        nomor: NomorTabel::T4_1,
        judul: vec![
            format!("Rumusan Rencana Kerja dan Pendanaan Tahun {}", id.tahun),
            format!("{} {}", id.perangkat_daerah, id.pemda),
        ],
        kepala,
        tinggi_kepala: tinggi,
        kolom,
        baris,
        desimal_persen: plan.pengaturan.desimal_persen,
        datar: true,
        catatan: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_cells_flow_around_row_spans() {
        let (cells, tinggi) = kepala(&[&[("a", 2, 1), ("b", 1, 2), ("c", 2, 1)], &[("d", 1, 1), ("e", 1, 1)]], 4);
        assert_eq!(tinggi, 2);
        let at: Vec<_> = cells.iter().map(|k| (k.teks.as_str(), k.baris, k.kolom)).collect();
        assert_eq!(at, [("a", 0, 0), ("b", 0, 1), ("c", 0, 3), ("d", 1, 1), ("e", 1, 2)]);
        assert_eq!(judul_kolom(&cells, tinggi, 2), "b / e");
        assert_eq!(judul_kolom(&cells, tinggi, 3), "c");
    }
}
