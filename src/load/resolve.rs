//! Names typed once: a row of Tabel 2.1 (`evaluasi`, down to sub-kegiatan), of Tabel 2.2 (`kinerja_pelayanan.program`)
//! or of the pohon kinerja (`pohon_kinerja`) may name a node of `rencana` by its `kode` and
//! leave out its name and indicator, which are then the node's. Resolved right after loading,
//! so every table, check, export and diff sees the names as printed.

use crate::diagnostic::Diagnostic;
use crate::plan::{Indikator, IndikatorEvaluasi, Plan, Tingkat};

/// What a row can take from the node it names.
pub(crate) struct Simpul {
    kode: String,
    pub(crate) nama: String,
    pub(crate) indikator: String,
    pub(crate) satuan: String,
}

impl Simpul {
    /// A node of any level, named by its first indicator.
    fn of(kode: &str, nama: &str, indikator: &[Indikator]) -> Simpul {
        let first = indikator.first();
        Simpul {
            kode: kode.to_owned(),
            nama: nama.to_owned(),
            indikator: first.map(|i| i.uraian.clone()).unwrap_or_default(),
            satuan: first.map(|i| i.satuan.clone()).unwrap_or_default(),
        }
    }
}

/// The nodes of `rencana` a row may name, looked up by kode as printed (also used by the
/// workbook, which leaves to a kode what the kode gives).
pub(crate) struct Pohon {
    program: Vec<(Simpul, Vec<Simpul>)>,
    /// Every sub-kegiatan with the kode of its kegiatan.
    sub: Vec<(String, Simpul)>,
    /// The Perangkat Daerah's bidang, so a shared program may be named `X.XX.01` or `1.03.01`.
    bidang: Option<String>,
}

impl Pohon {
    pub(crate) fn of(plan: &Plan) -> Pohon {
        let program = plan
            .rencana
            .program
            .iter()
            .map(|p| {
                (
                    Simpul::of(&p.kode, &p.nama, &p.indikator),
                    p.kegiatan.iter().map(|k| Simpul::of(&k.kode, &k.nama, &k.indikator)).collect(),
                )
            })
            .collect();
        let sub = plan
            .rencana
            .program
            .iter()
            .flat_map(|p| &p.kegiatan)
            .flat_map(|k| {
                k.sub_kegiatan.iter().map(move |s| (k.kode.clone(), Simpul::of(&s.kode, &s.nama, &s.indikator)))
            })
            .collect();
        Pohon { program, sub, bidang: crate::kode::kode_bidang(plan) }
    }

    /// A kode as printed (`X.XX` resolved), the form two codes are compared in.
    fn cetak(&self, kode: &str) -> String {
        crate::kode::kode_cetak(kode, self.bidang.as_deref())
    }

    /// The node of that level with that kode.
    pub(crate) fn cari(&self, tingkat: Tingkat, kode: &str) -> Option<&Simpul> {
        match tingkat {
            Tingkat::Program => self.program(kode).map(|(p, _)| p),
            Tingkat::Kegiatan => self.kegiatan(kode),
            Tingkat::SubKegiatan => self.sub_kegiatan(kode),
        }
    }

    fn program(&self, kode: &str) -> Option<&(Simpul, Vec<Simpul>)> {
        let kode = self.cetak(kode);
        self.program.iter().find(|(p, _)| self.cetak(&p.kode) == kode)
    }

    fn kegiatan(&self, kode: &str) -> Option<&Simpul> {
        let kode = self.cetak(kode);
        self.program.iter().flat_map(|(_, k)| k).find(|k| self.cetak(&k.kode) == kode)
    }

    fn sub_kegiatan(&self, kode: &str) -> Option<&Simpul> {
        let kode = self.cetak(kode);
        self.sub.iter().map(|(_, s)| s).find(|s| self.cetak(&s.kode) == kode)
    }

    fn kode_sub(&self, kegiatan: Option<&str>) -> Vec<String> {
        self.sub
            .iter()
            .filter(|(k, _)| kegiatan.is_none_or(|kode| self.cetak(k) == self.cetak(kode)))
            .map(|(_, s)| self.cetak(&s.kode))
            .collect()
    }

    fn kode_program(&self) -> Vec<String> {
        self.program.iter().map(|(p, _)| self.cetak(&p.kode)).collect()
    }

    fn kode_kegiatan(&self, program: Option<&str>) -> Vec<String> {
        self.program
            .iter()
            .filter(|(p, _)| program.is_none_or(|kode| self.cetak(&p.kode) == self.cetak(kode)))
            .flat_map(|(_, k)| k.iter().map(|k| self.cetak(&k.kode)))
            .collect()
    }
}

/// Fills every name and indicator a row leaves to its `kode`; the errors: a kode that names no
/// node (unless, in Tabel 2.1, the row carries its own name: a past program), and a row with
/// neither name nor kode.
pub fn isi(plan: &mut Plan) -> Vec<Diagnostic> {
    let pohon = Pohon::of(plan);
    let mut galat = Vec::new();

    for (i, p) in plan.evaluasi.program.iter_mut().enumerate() {
        let jalur = format!("$.evaluasi.program[{i}]");
        let simpul = cari(&pohon, Tingkat::Program, p.kode.as_deref(), None, !p.nama.is_empty(), &jalur, &mut galat);
        isi_baris(&mut p.nama, &mut p.indikator, simpul, p.kode.is_some(), &jalur, &mut galat);
        let induk = p.kode.clone().filter(|k| pohon.program(k).is_some());
        for (j, k) in p.kegiatan.iter_mut().enumerate() {
            let jalur = format!("{jalur}.kegiatan[{j}]");
            let simpul = cari(
                &pohon,
                Tingkat::Kegiatan,
                k.kode.as_deref(),
                induk.as_deref(),
                !k.nama.is_empty(),
                &jalur,
                &mut galat,
            );
            isi_baris(&mut k.nama, &mut k.indikator, simpul, k.kode.is_some(), &jalur, &mut galat);
            let induk = k.kode.clone().filter(|kode| pohon.kegiatan(kode).is_some());
            for (l, s) in k.sub_kegiatan.iter_mut().enumerate() {
                let jalur = format!("{jalur}.sub_kegiatan[{l}]");
                let simpul = cari(
                    &pohon,
                    Tingkat::SubKegiatan,
                    s.kode.as_deref(),
                    induk.as_deref(),
                    !s.nama.is_empty(),
                    &jalur,
                    &mut galat,
                );
                isi_baris(&mut s.nama, &mut s.indikator, simpul, s.kode.is_some(), &jalur, &mut galat);
            }
        }
    }

    for (i, p) in plan.kinerja_pelayanan.program.iter_mut().enumerate() {
        let jalur = format!("$.kinerja_pelayanan.program[{i}]");
        let simpul = cari(&pohon, Tingkat::Program, p.kode.as_deref(), None, false, &jalur, &mut galat);
        isi_indikator(&mut p.indikator, simpul, p.kode.is_some(), &jalur, &mut galat);
        let induk = p.kode.clone().filter(|k| pohon.program(k).is_some());
        for (j, k) in p.kegiatan.iter_mut().enumerate() {
            let jalur = format!("{jalur}.kegiatan[{j}]");
            let simpul =
                cari(&pohon, Tingkat::Kegiatan, k.kode.as_deref(), induk.as_deref(), false, &jalur, &mut galat);
            isi_indikator(&mut k.indikator, simpul, k.kode.is_some(), &jalur, &mut galat);
        }
    }

    for (t, tujuan) in plan.pohon_kinerja.iter_mut().enumerate() {
        for (s, sasaran) in tujuan.sasaran.iter_mut().enumerate() {
            for (i, p) in sasaran.program.iter_mut().enumerate() {
                let jalur = format!("$.pohon_kinerja[{t}].sasaran[{s}].program[{i}]");
                let simpul = cari(&pohon, Tingkat::Program, p.kode.as_deref(), None, false, &jalur, &mut galat);
                if let Some(simpul) = simpul {
                    if p.nama.is_empty() {
                        p.nama = simpul.nama.clone();
                    }
                    if p.indikator.is_empty() {
                        p.indikator = simpul.indikator.clone();
                    }
                } else if p.kode.is_none() {
                    for (kosong, kunci) in [(p.nama.is_empty(), "nama"), (p.indikator.is_empty(), "indikator")] {
                        if kosong {
                            galat.push(tanpa_kode(&jalur, kunci));
                        }
                    }
                }
            }
        }
    }
    galat
}

/// The node a row's kode names. An unknown kode is an error, except on a row that carries its
/// own name (`boleh_lampau`: a past program of Tabel 2.1).
fn cari<'a>(
    pohon: &'a Pohon,
    tingkat: Tingkat,
    kode: Option<&str>,
    induk: Option<&str>,
    boleh_lampau: bool,
    jalur: &str,
    galat: &mut Vec<Diagnostic>,
) -> Option<&'a Simpul> {
    let kode = kode?;
    let simpul = pohon.cari(tingkat, kode);
    if simpul.is_none() && !boleh_lampau {
        let calon = match tingkat {
            Tingkat::Program => pohon.kode_program(),
            Tingkat::Kegiatan => {
                let dalam_induk = pohon.kode_kegiatan(induk);
                if dalam_induk.is_empty() { pohon.kode_kegiatan(None) } else { dalam_induk }
            }
            Tingkat::SubKegiatan => {
                let dalam_induk = pohon.kode_sub(induk);
                if dalam_induk.is_empty() { pohon.kode_sub(None) } else { dalam_induk }
            }
        };
        let saran = match kode_terdekat(kode, &calon) {
            Some(dekat) => format!(
                "maksud Anda \"{dekat}\"? Atau tulis \"nama\" baris ini sendiri bila {} itu tidak ada di rencana tahun ini",
                tingkat.label()
            ),
            None if calon.is_empty() => {
                format!("rencana tidak memuat {} apa pun; tulis \"nama\" baris ini sendiri", tingkat.label())
            }
            None => format!("kode {} di rencana: {}", tingkat.label(), ringkas(&calon)),
        };
        galat.push(
            Diagnostic::error(
                "rujukan.kode_tidak_dikenal",
                format!("kode {} \"{kode}\" tidak ada di $.rencana", tingkat.label()),
            )
            .path(format!("{jalur}.kode"))
            .expected(format!("kode sebuah {} di $.rencana", tingkat.label()))
            .found(format!("\"{kode}\""))
            .hint(saran),
        );
    }
    simpul
}

/// The code nearest to a mistyped one, by edits (a dropped zero, a swapped digit), if close:
/// a code is digits and dots, where a name-similarity measure ranks badly.
fn kode_terdekat<'a>(kode: &str, calon: &'a [String]) -> Option<&'a str> {
    let batas = (kode.chars().count() / 3).max(2);
    calon
        .iter()
        .map(|c| (strsim::levenshtein(kode, c), c))
        .filter(|(jarak, _)| *jarak <= batas)
        .min_by_key(|(jarak, _)| *jarak)
        .map(|(_, c)| c.as_str())
}

fn ringkas(kode: &[String]) -> String {
    const PALING_BANYAK: usize = 8;
    let mut teks = kode.iter().take(PALING_BANYAK).map(String::as_str).collect::<Vec<_>>().join(", ");
    if kode.len() > PALING_BANYAK {
        teks.push_str(&format!(", … ({} kode)", kode.len()));
    }
    teks
}

fn tanpa_kode(jalur: &str, kunci: &str) -> Diagnostic {
    Diagnostic::error("rujukan.tanpa_nama", format!("baris tanpa \"{kunci}\" dan tanpa \"kode\""))
        .path(format!("{jalur}.{kunci}"))
        .expected(format!("\"{kunci}\" baris ini, atau \"kode\" program/kegiatan di $.rencana yang memberinya"))
        .found("keduanya tidak ada")
        .hint("tulis \"kode\": \"…\" agar nama dan indikator diambil dari rencana, atau tulis sendiri")
}

/// A Tabel 2.1 row: its name, and its indicator's uraian and satuan, from the node where left
/// out; without a node, each must be written.
fn isi_baris(
    nama: &mut String,
    indikator: &mut IndikatorEvaluasi,
    simpul: Option<&Simpul>,
    ada_kode: bool,
    jalur: &str,
    galat: &mut Vec<Diagnostic>,
) {
    match simpul {
        Some(simpul) => {
            if nama.is_empty() {
                nama.clone_from(&simpul.nama);
            }
            if indikator.uraian.is_empty() {
                indikator.uraian.clone_from(&simpul.indikator);
            }
            if indikator.satuan.is_empty() {
                indikator.satuan.clone_from(&simpul.satuan);
            }
        }
        // An unknown kode without a name is reported by `cari`; a past program carries its own.
        None if ada_kode && nama.is_empty() => {}
        None => {
            if nama.is_empty() {
                galat.push(tanpa_kode(jalur, "nama"));
            }
            if indikator.uraian.is_empty() {
                galat.push(tanpa_kode(&format!("{jalur}.indikator"), "uraian"));
            }
            if indikator.satuan.is_empty() {
                galat.push(tanpa_kode(&format!("{jalur}.indikator"), "satuan"));
            }
        }
    }
}

/// A Tabel 2.2 row: its indicator from the node where left out.
fn isi_indikator(
    indikator: &mut String,
    simpul: Option<&Simpul>,
    ada_kode: bool,
    jalur: &str,
    galat: &mut Vec<Diagnostic>,
) {
    match simpul {
        Some(simpul) if indikator.is_empty() => indikator.clone_from(&simpul.indikator),
        None if !ada_kode && indikator.is_empty() => galat.push(tanpa_kode(jalur, "indikator")),
        _ => {}
    }
}
