//! The one walk over the plan tree that every table printing it shares: urusan headings,
//! programs, kegiatan and sub-kegiatan, one line per indicator, the pagu totals, and the JUMLAH
//! row. A table differs from another only by its columns (which keys it has) and by the few
//! choices of [`Susunan`]; every cell is set by its column's key, never by position.

use super::*;
use crate::plan::{Kegiatan, Program, SubKegiatan, Urusan};

/// The choices a plan-tree table makes beyond its columns.
pub(super) struct Susunan {
    /// An urusan heading row of its own (T-C.33: kode, then the name across the table); None
    /// where urusan and bidang headings fill the columns and carry the pagu subtotals of the
    /// programs under them, as SIPD-RI prints them.
    pub judul_urusan: Option<fn(&Urusan, usize) -> Baris>,
    /// The label of the total row, in the first column.
    pub label_jumlah: &'static str,
}

/// What a node prints outside its indicator lines, each under the key of its column.
struct IsiSimpul<'p> {
    jenis: JenisBaris,
    kode: String,
    nama: &'p str,
    lokasi: String,
    sumber_dana: String,
    catatan: &'p str,
    kelompok_sasaran: &'p str,
    penanggung_jawab: String,
    prioritas_nasional: &'p str,
    prioritas_daerah: &'p str,
    pagu: Sel,
    pagu_maju: Sel,
}

impl IsiSimpul<'_> {
    fn sel(&self, kunci: &str, nomor: usize) -> Sel {
        match kunci {
            "no" => Sel::teks(nomor.to_string()),
            "kode" => Sel::teks(&self.kode),
            "nama" | "program_kegiatan" => Sel::teks(self.nama),
            "lokasi" => Sel::teks(&self.lokasi),
            "sumber_dana" => Sel::teks(&self.sumber_dana),
            "catatan" => Sel::teks(self.catatan),
            "kelompok_sasaran" => Sel::teks(self.kelompok_sasaran),
            "penanggung_jawab" => Sel::teks(&self.penanggung_jawab),
            "prioritas_nasional" => Sel::teks(self.prioritas_nasional),
            "prioritas_daerah" => Sel::teks(self.prioritas_daerah),
            "pagu" => self.pagu.clone(),
            "pagu_maju" => self.pagu_maju.clone(),
            _ => Sel::kosong(),
        }
    }
}

/// An indicator's cell under the key of its column; None for a column that is not the
/// indicator's.
fn sel_garis(g: &Garis, kunci: &str) -> Option<Sel> {
    Some(match kunci {
        "indikator" => Sel::teks(&g.uraian),
        "target" => Sel::nilai(g.target),
        "target_maju" => Sel::nilai(g.target_maju),
        "target_renstra" => Sel::nilai(g.target_renstra),
        "realisasi_n2" => Sel::nilai(g.realisasi_n2),
        "prakiraan_n1" => Sel::nilai(g.prakiraan_n1),
        _ => return None,
    })
}

fn rupiah_atau_tidak_ada(pagu: Option<plan::Rupiah>) -> Sel {
    pagu.map_or_else(Sel::tidak_ada, |p| Sel::rupiah(p.0))
}

/// A total over `rows`: of year n (every row has one), or of n+1 (`opsional`: rows may lack it).
fn total(value: Option<Decimal>, rows: Vec<usize>, opsional: bool) -> Sel {
    Sel::turunan(value.map_or(Isi::TakTerdefinisi, Isi::Rupiah), Rumus::Total { baris: rows, opsional })
}

/// The rows of the plan tree under `kolom`, with the JUMLAH row last.
pub(super) fn baris_pohon(plan: &Plan, computed: &Computed, kolom: &[Kolom], susunan: &Susunan) -> Vec<Baris> {
    let n = kolom.len();
    let pd = &plan.identitas.perangkat_daerah;
    let or_pd = |pj: &str| if pj.trim().is_empty() { pd.clone() } else { pj.to_owned() };
    let bidang = crate::kode::kode_bidang(plan);
    let kode = |k: &str| crate::kode::kode_cetak(k, bidang.as_deref());
    let ke = |kunci: &str| kolom.iter().position(|k| k.kunci == kunci);
    let (pagu_col, maju_col) = (ke("pagu"), ke("pagu_maju"));
    let mut nomor = 0;
    let mut baris: Vec<Baris> = Vec::new();
    // Pushes a node: its first line with every column, further indicators on lines of their own.
    let mut push = |baris: &mut Vec<Baris>, simpul: IsiSimpul, tingkat: Tingkat, indikator: &[Indikator]| -> usize {
        nomor += 1;
        let first = kolom.iter().map(|k| simpul.sel(k.kunci, nomor)).collect();
        let isi = |g: &Garis, sel: &mut [Sel]| {
            for (c, k) in kolom.iter().enumerate() {
                if let Some(cell) = sel_garis(g, k.kunci) {
                    sel[c] = cell;
                }
            }
        };
        push_node(baris, simpul.jenis, &simpul.kode, &garis(tingkat, indikator), first, isi)
    };
    let mut program_rows = Vec::new();
    let mut headings = UrusanHeadings::new(plan);
    // Each urusan heading with a subtotal: its row and its index in `rencana.urusan`.
    let mut subtotal: Vec<(usize, usize)> = Vec::new();
    for (program, hitungan) in plan.rencana.program.iter().zip(&computed.program) {
        let kode_program = kode(&program.kode);
        for u in headings.before(&kode_program) {
            if let Some(judul) = susunan.judul_urusan {
                baris.push(judul(u, n));
            } else {
                let mut sel = vec![Sel::kosong(); n];
                for (c, k) in kolom.iter().enumerate() {
                    sel[c] = match k.kunci {
                        "kode" => Sel::teks(&u.kode),
                        "nama" | "program_kegiatan" => Sel::teks(u.nama.to_uppercase()),
                        _ => Sel::kosong(),
                    };
                }
                let index = plan.rencana.urusan.iter().position(|x| std::ptr::eq(x, u)).unwrap_or_default();
                subtotal.push((baris.len(), index));
                baris.push(Baris::new(JenisBaris::Bidang, sel).kunci(&u.kode));
            }
        }
        let p = push(&mut baris, simpul_program(program, kode_program, pd), Tingkat::Program, &program.indikator);
        program_rows.push(p);
        let mut kegiatan_rows = Vec::new();
        for (k, pk) in program.kegiatan.iter().zip(&hitungan.kegiatan) {
            let simpul = simpul_kegiatan(k, kode(&k.kode), pk.pagu, or_pd(&k.penanggung_jawab));
            let at = push(&mut baris, simpul, Tingkat::Kegiatan, &k.indikator);
            kegiatan_rows.push(at);
            let mut sub_rows = Vec::new();
            for s in &k.sub_kegiatan {
                let pj = if s.penanggung_jawab.trim().is_empty() {
                    or_pd(&k.penanggung_jawab)
                } else {
                    s.penanggung_jawab.clone()
                };
                let simpul = simpul_sub(s, k, kode(&s.kode), pj);
                sub_rows.push(push(&mut baris, simpul, Tingkat::SubKegiatan, &s.indikator));
            }
            if !sub_rows.is_empty() {
                // The kegiatan's pagu is the sum of its sub-kegiatan's, live in the workbook.
                if let Some(c) = pagu_col {
                    baris[at].sel[c] = total(Some(pk.pagu), sub_rows.clone(), false);
                }
                if let Some(c) = maju_col {
                    baris[at].sel[c] = total(pk.pagu_maju, sub_rows, true);
                }
            }
        }
        if let Some(c) = pagu_col {
            baris[p].sel[c] = total(Some(hitungan.pagu.pagu), kegiatan_rows.clone(), false);
        }
        if let Some(c) = maju_col {
            baris[p].sel[c] = total(hitungan.pagu.pagu_maju, kegiatan_rows, true);
        }
    }
    // An urusan's subtotal: the engine's sum of its programs' totals, live in the workbook too.
    for (at, index) in subtotal {
        let Some(hitungan) = computed.urusan.get(index) else { continue };
        let rows: Vec<usize> = hitungan.program.iter().filter_map(|&i| program_rows.get(i).copied()).collect();
        if let Some(c) = pagu_col {
            baris[at].sel[c] = total(Some(hitungan.pagu), rows.clone(), false);
        }
        if let Some(c) = maju_col {
            baris[at].sel[c] = total(hitungan.pagu_maju, rows, true);
        }
    }
    let mut jumlah = vec![Sel::kosong(); n];
    jumlah[0] = Sel::teks(susunan.label_jumlah);
    if let Some(c) = pagu_col {
        jumlah[c] = total(Some(computed.jumlah.pagu), program_rows.clone(), false);
    }
    if let Some(c) = maju_col {
        jumlah[c] = total(computed.jumlah.pagu_maju, program_rows, true);
    }
    baris.push(Baris::new(JenisBaris::Jumlah, jumlah));
    baris
}

fn simpul_program<'p>(program: &'p Program, kode: String, pd: &str) -> IsiSimpul<'p> {
    IsiSimpul {
        jenis: JenisBaris::Program,
        kode,
        nama: &program.nama,
        lokasi: program.lokasi.clone(),
        sumber_dana: program.sumber_dana.clone(),
        catatan: &program.catatan,
        kelompok_sasaran: "",
        penanggung_jawab: pd.to_owned(),
        prioritas_nasional: "",
        prioritas_daerah: "",
        // The totals are set once the program's kegiatan are in.
        pagu: Sel::kosong(),
        pagu_maju: Sel::kosong(),
    }
}

fn simpul_kegiatan(k: &Kegiatan, kode: String, pagu: Decimal, penanggung_jawab: String) -> IsiSimpul<'_> {
    IsiSimpul {
        jenis: JenisBaris::Kegiatan,
        kode,
        nama: &k.nama,
        lokasi: k.lokasi.clone(),
        sumber_dana: k.sumber_dana.clone(),
        catatan: &k.catatan,
        kelompok_sasaran: &k.kelompok_sasaran,
        penanggung_jawab,
        prioritas_nasional: "",
        prioritas_daerah: "",
        pagu: Sel::rupiah(pagu),
        pagu_maju: rupiah_atau_tidak_ada(k.pagu_maju),
    }
}

fn simpul_sub<'p>(s: &'p SubKegiatan, k: &'p Kegiatan, kode: String, penanggung_jawab: String) -> IsiSimpul<'p> {
    IsiSimpul {
        jenis: JenisBaris::SubKegiatan,
        kode,
        nama: &s.nama,
        lokasi: baris_daftar(s.lokasi.iter().map(String::as_str)),
        sumber_dana: baris_daftar(s.sumber_dana.nama()),
        catatan: &s.catatan,
        kelompok_sasaran: if s.kelompok_sasaran.trim().is_empty() { &k.kelompok_sasaran } else { &s.kelompok_sasaran },
        penanggung_jawab,
        prioritas_nasional: &s.prioritas.nasional,
        prioritas_daerah: &s.prioritas.daerah,
        pagu: rupiah_atau_tidak_ada(s.pagu),
        pagu_maju: rupiah_atau_tidak_ada(s.pagu_maju),
    }
}
