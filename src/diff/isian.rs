//! Field by field: the typed parts of a plan (Tabel 2.3, 3.1 and 4.1 by kode; Tabel 2.1 by name).

use super::*;

/// A field's value, typed enough to print and subtract.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Isi<'a> {
    Teks(Option<String>),
    /// A value and the satuan of its indicator.
    Nilai(Option<&'a Nilai>, &'a str),
    Rupiah(Option<Decimal>),
}

pub(super) struct Isian<'a> {
    pub(super) kunci: String,
    pub(super) label: String,
    pub(super) isi: Isi<'a>,
}

pub(super) fn isian<'a>(kunci: impl Into<String>, label: impl Into<String>, isi: Isi<'a>) -> Isian<'a> {
    Isian { kunci: kunci.into(), label: label.into(), isi }
}

pub(super) fn teks(text: &str) -> Isi<'static> {
    Isi::Teks(Some(text.to_owned()))
}

pub(super) fn teks_opsional(text: Option<&String>) -> Isi<'static> {
    Isi::Teks(text.cloned())
}

impl Bidang {
    pub(super) fn new(kunci: &str, label: &str, path: String) -> Bidang {
        Bidang {
            kunci: kunci.to_owned(),
            label: label.to_owned(),
            path,
            semula: None,
            menjadi: None,
            selisih: None,
            angka: None,
            turunan: false,
        }
    }
}

/// The change of one field, if any.
pub(super) fn bandingkan_isi(kunci: &str, label: &str, path: String, lama: &Isi, baru: &Isi) -> Option<Bidang> {
    let same = match (lama, baru) {
        // A value compares by itself: a new satuan of its indicator is that field's change.
        (Isi::Nilai(x, _), Isi::Nilai(y, _)) => x == y,
        _ => lama == baru,
    };
    if same {
        return None;
    }
    let mut b = Bidang::new(kunci, label, path);
    match (lama, baru) {
        (Isi::Teks(x), Isi::Teks(y)) => {
            b.semula = x.clone();
            b.menjadi = y.clone();
        }
        (Isi::Nilai(x, sx), Isi::Nilai(y, sy)) => {
            let satuan = |n: &Nilai, s: &'_ str| n.satuan.clone().unwrap_or_else(|| s.to_owned());
            b.semula = x.map(|n| format::nilai(n.angka, &satuan(n, sx)));
            b.menjadi = y.map(|n| format::nilai(n.angka, &satuan(n, sy)));
            let selisih = match (x, y) {
                (Some(x), Some(y)) if satuan(x, sx).trim() == satuan(y, sy).trim() => y.angka.checked_sub(x.angka),
                _ => None,
            };
            b.selisih = selisih
                .filter(|d| !d.is_zero())
                .map(|d| nilai_bertanda(d, &y.map_or_else(String::new, |n| satuan(n, sy))));
            b.angka = Some(Angka {
                semula: x.map(|n| n.angka.normalize()),
                menjadi: y.map(|n| n.angka.normalize()),
                selisih: selisih.map(|d| d.normalize()),
            });
        }
        (Isi::Rupiah(x), Isi::Rupiah(y)) => return Some(rupiah(kunci, label, b.path, *x, *y, false)),
        _ => {
            b.semula = Some(format!("{lama:?}"));
            b.menjadi = Some(format!("{baru:?}"));
        }
    }
    Some(b)
}

/// An amount before and after; a missing amount counts as zero in the difference.
pub(super) fn rupiah(
    kunci: &str,
    label: &str,
    path: String,
    lama: Option<Decimal>,
    baru: Option<Decimal>,
    turunan: bool,
) -> Bidang {
    let selisih = baru.unwrap_or_default().checked_sub(lama.unwrap_or_default());
    Bidang {
        semula: lama.map(format::rupiah),
        menjadi: baru.map(format::rupiah),
        selisih: selisih.filter(|d| !d.is_zero()).map(bertanda),
        angka: Some(Angka {
            semula: lama.map(|d| d.normalize()),
            menjadi: baru.map(|d| d.normalize()),
            selisih: selisih.map(|d| d.normalize()),
        }),
        turunan,
        ..Bidang::new(kunci, label, path)
    }
}

/// "+100.000" / "-100.000".
pub fn bertanda(d: Decimal) -> String {
    if d.is_sign_positive() && !d.is_zero() { format!("+{}", format::angka(d)) } else { format::angka(d) }
}

pub(super) fn nilai_bertanda(d: Decimal, satuan: &str) -> String {
    let text = format::nilai(d, satuan);
    if d.is_sign_positive() && !d.is_zero() { format!("+{text}") } else { text }
}

/// The fields of two versions of one row, matched by key: a field only one side has (a further
/// indicator) is compared against nothing.
pub(super) fn bandingkan_isian(base: &str, lama: &[Isian], baru: &[Isian]) -> Vec<Bidang> {
    fn kosong<'a>(isi: &Isi<'a>) -> Isi<'a> {
        match isi {
            Isi::Teks(_) => Isi::Teks(None),
            Isi::Nilai(_, s) => Isi::Nilai(None, s),
            Isi::Rupiah(_) => Isi::Rupiah(None),
        }
    }
    let mut out: Vec<Bidang> = baru
        .iter()
        .filter_map(|b| {
            let a = lama.iter().find(|a| a.kunci == b.kunci).map_or_else(|| kosong(&b.isi), |a| a.isi.clone());
            bandingkan_isi(&b.kunci, &b.label, format!("{base}.{}", b.kunci), &a, &b.isi)
        })
        .collect();
    out.extend(
        lama.iter()
            .filter(|a| !baru.iter().any(|b| b.kunci == a.kunci))
            .filter_map(|a| bandingkan_isi(&a.kunci, &a.label, format!("{base}.{}", a.kunci), &a.isi, &kosong(&a.isi))),
    );
    out
}

pub(super) fn urutan(path: &str, lama: usize, baru: usize) -> Bidang {
    Bidang {
        semula: Some(format!("ke-{}", lama + 1)),
        menjadi: Some(format!("ke-{}", baru + 1)),
        ..Bidang::new("urutan", "Urutan", path.to_owned())
    }
}

// --- Rencana: Tabel 2.3, 3.1, 4.1 --------------------------------------------------------------

/// A node's indicators, field by field. The first keeps the keys a node always had
/// (`indikator`, `satuan`, `target`, `target_maju`); a further one is `indikator[1].target`, ….
fn isian_indikator_simpul<'a>(list: &'a [Indikator], tingkat: Tingkat, tahun: i32) -> Vec<Isian<'a>> {
    let mut out = Vec::new();
    for (c, i) in list.iter().enumerate() {
        let f = |nama: &str, label: String| {
            if c == 0 {
                (if nama == "uraian" { "indikator".to_owned() } else { nama.to_owned() }, label)
            } else {
                (format!("indikator[{c}].{nama}"), format!("Indikator ke-{}: {label}", c + 1))
            }
        };
        let s = i.satuan.as_str();
        let mut push = |nama: &str, label: String, isi: Isi<'a>| {
            let (k, l) = f(nama, label);
            out.push(Isian { kunci: k, label: l, isi })
        };
        push("uraian", format!("Indikator kinerja ({})", i.jenis(tingkat).awalan().to_lowercase()), teks(&i.uraian));
        push("satuan", "Satuan".to_owned(), teks(&i.satuan));
        push("target", format!("Target {tahun}"), Isi::Nilai(i.target.as_ref(), s));
        push("target_maju", format!("Target prakiraan maju {}", tahun + 1), Isi::Nilai(i.target_maju.as_ref(), s));
        push("target_renstra", "Target Renstra".to_owned(), Isi::Nilai(i.target_renstra.as_ref(), s));
        push("realisasi_n2", format!("Realisasi {}", tahun - 2), Isi::Nilai(i.realisasi_n2.as_ref(), s));
        push("prakiraan_n1", format!("Prakiraan capaian {}", tahun - 1), Isi::Nilai(i.prakiraan_n1.as_ref(), s));
    }
    out
}

pub(super) fn isian_program(p: &Program, tahun: i32) -> Vec<Isian<'_>> {
    let Program { kode, nama, indikator, lokasi, sumber_dana, catatan, kegiatan: _ } = p;
    let mut out = vec![isian("kode", "Kode", teks(kode)), isian("nama", "Nama program", teks(nama))];
    out.extend(isian_indikator_simpul(indikator, Tingkat::Program, tahun));
    out.extend([
        isian("lokasi", "Lokasi", teks(lokasi)),
        isian("sumber_dana", "Sumber dana", teks(sumber_dana)),
        isian("catatan", "Catatan penting", teks(catatan)),
    ]);
    out
}

pub(super) fn isian_kegiatan(k: &Kegiatan, tahun: i32) -> Vec<Isian<'_>> {
    let Kegiatan {
        kode,
        nama,
        indikator,
        lokasi,
        pagu: _,
        sumber_dana,
        pagu_maju,
        catatan,
        rkpd,
        hasil_analisis,
        kelompok_sasaran,
        penanggung_jawab,
        // Compared row by row, matched by kode.
        sub_kegiatan: _,
    } = k;
    let satuan = &k.indikator_utama().satuan;
    let (rkpd_pagu, rkpd_lokasi, rkpd_target) = match rkpd {
        Some(KegiatanRkpd { pagu, lokasi, target }) => (Some(pagu.0), lokasi.as_ref(), target.as_ref()),
        None => (None, None, None),
    };
    let (analisis_lokasi, analisis_target, analisis_pagu) = match hasil_analisis {
        Some(HasilAnalisis { lokasi, target, pagu }) => (lokasi.as_ref(), target.as_ref(), pagu.map(|p| p.0)),
        None => (None, None, None),
    };
    let mut out = vec![isian("kode", "Kode", teks(kode)), isian("nama", "Nama kegiatan", teks(nama))];
    out.extend(isian_indikator_simpul(indikator, Tingkat::Kegiatan, tahun));
    out.extend([
        isian("lokasi", "Lokasi", teks(lokasi)),
        isian("pagu", format!("Pagu indikatif {tahun}"), Isi::Rupiah(Some(crate::compute::pagu_kegiatan(k).pagu))),
        isian("sumber_dana", "Sumber dana", teks(sumber_dana)),
        isian("pagu_maju", format!("Pagu prakiraan maju {}", tahun + 1), Isi::Rupiah(pagu_maju.map(|p| p.0))),
        isian("catatan", "Catatan penting", teks(catatan)),
        isian("kelompok_sasaran", "Kelompok sasaran", teks(kelompok_sasaran)),
        isian("penanggung_jawab", "Perangkat daerah penanggung jawab", teks(penanggung_jawab)),
        isian("rkpd.pagu", "Pagu Rancangan Awal RKPD", Isi::Rupiah(rkpd_pagu)),
        isian("rkpd.lokasi", "Lokasi Rancangan Awal RKPD", teks_opsional(rkpd_lokasi)),
        isian("rkpd.target", "Target Rancangan Awal RKPD", Isi::Nilai(rkpd_target, satuan)),
        isian("hasil_analisis.lokasi", "Lokasi hasil analisis kebutuhan", teks_opsional(analisis_lokasi)),
        isian("hasil_analisis.target", "Target hasil analisis kebutuhan", Isi::Nilai(analisis_target, satuan)),
        isian("hasil_analisis.pagu", "Kebutuhan dana hasil analisis", Isi::Rupiah(analisis_pagu)),
    ]);
    out
}

/// Picks one total of a program.
pub(super) type Pilih = fn(&PaguProgram) -> Option<Decimal>;

/// The totals of Tabel 2.3, 3.1 and 4.1 that moved (`jumlah` labels the JUMLAH row).
pub(super) fn bandingkan_pagu(
    path: &str,
    lama: Option<&PaguProgram>,
    baru: Option<&PaguProgram>,
    tahun: i32,
    jumlah: bool,
) -> Vec<Bidang> {
    let awal = if jumlah { "JUMLAH" } else { "Jumlah" };
    let rows: [(&str, String, Pilih); 4] = [
        ("pagu", format!("{awal} pagu {tahun}"), |p| Some(p.pagu)),
        ("pagu_maju", format!("{awal} pagu prakiraan maju {}", tahun + 1), |p| p.pagu_maju),
        ("pagu_rkpd", format!("{awal} pagu RKPD (Tabel 2.3)"), |p| p.pagu_rkpd),
        ("pagu_analisis", format!("{awal} kebutuhan dana (Tabel 2.3)"), |p| Some(p.pagu_analisis)),
    ];
    rows.into_iter()
        .filter_map(|(kunci, label, pick)| {
            let (a, b) = (lama.and_then(pick), baru.and_then(pick));
            (a != b).then(|| rupiah(kunci, &label, path.to_owned(), a, b, true))
        })
        .collect()
}

pub(super) fn compare_rencana(lama: &Plan, baru: &Plan, cl: &Computed, cb: &Computed, out: &mut Perubahan) {
    let (
        Rencana { urusan: _, program: pl, pagu_batas: batas_lama },
        Rencana { urusan: _, program: pb, pagu_batas: batas_baru },
    ) = (&lama.rencana, &baru.rencana);
    let (tl, tb) = (lama.identitas.tahun, baru.identitas.tahun);
    let kode = |ps: &[Program]| ps.iter().map(|p| p.kode.trim().to_owned()).collect::<Vec<_>>();
    let nama = |ps: &[Program]| ps.iter().map(|p| p.nama.trim().to_owned()).collect::<Vec<_>>();
    for pasangan in pasangkan(&kode(pl), &kode(pb), &nama(pl), &nama(pb)) {
        let berubah = match (pasangan.lama, pasangan.baru) {
            (Some(i), Some(j)) => {
                let path = format!("$.rencana.program[{j}]");
                let mut bidang = bandingkan_isian(&path, &isian_program(&pl[i], tl), &isian_program(&pb[j], tb));
                if pasangan.pindah {
                    bidang.push(urutan(&path, i, j));
                }
                let kegiatan = compare_kegiatan(&pl[i], &pb[j], (i, j), tl, tb);
                let jumlah = bandingkan_pagu(
                    &path,
                    cl.program.get(i).map(|p| &p.pagu),
                    cb.program.get(j).map(|p| &p.pagu),
                    tb,
                    false,
                );
                let status = if bidang.is_empty() { Status::Tetap } else { Status::Diubah };
                (!bidang.is_empty() || !kegiatan.is_empty() || !jumlah.is_empty()).then(|| ProgramBerubah {
                    program: Butir { kode: pb[j].kode.clone(), nama: pb[j].nama.clone(), status, path, bidang },
                    jumlah,
                    kegiatan,
                })
            }
            (None, Some(j)) => {
                let path = format!("$.rencana.program[{j}]");
                let kegiatan = pb[j]
                    .kegiatan
                    .iter()
                    .enumerate()
                    .map(|(jj, k)| kegiatan_sepihak(k, format!("{path}.kegiatan[{jj}]"), Status::Ditambah, tb))
                    .collect();
                Some(ProgramBerubah {
                    jumlah: bandingkan_pagu(&path, None, cb.program.get(j).map(|p| &p.pagu), tb, false),
                    program: Butir {
                        kode: pb[j].kode.clone(),
                        nama: pb[j].nama.clone(),
                        status: Status::Ditambah,
                        path,
                        bidang: vec![],
                    },
                    kegiatan,
                })
            }
            (Some(i), None) => {
                let path = format!("$.rencana.program[{i}]");
                let kegiatan = pl[i]
                    .kegiatan
                    .iter()
                    .enumerate()
                    .map(|(ii, k)| kegiatan_sepihak(k, format!("{path}.kegiatan[{ii}]"), Status::Dihapus, tl))
                    .collect();
                Some(ProgramBerubah {
                    jumlah: bandingkan_pagu(&path, cl.program.get(i).map(|p| &p.pagu), None, tb, false),
                    program: Butir {
                        kode: pl[i].kode.clone(),
                        nama: pl[i].nama.clone(),
                        status: Status::Dihapus,
                        path,
                        bidang: vec![],
                    },
                    kegiatan,
                })
            }
            (None, None) => None,
        };
        out.program.extend(berubah);
    }
    out.jumlah = bandingkan_pagu("$.rencana", Some(&cl.jumlah), Some(&cb.jumlah), tb, true);
    if batas_lama.map(|p| p.0) != batas_baru.map(|p| p.0) {
        out.lainnya.push(LainBerubah {
            bagian: "Rencana".to_owned(),
            nama: String::new(),
            bidang: rupiah(
                "rencana.pagu_batas",
                "Pagu batas (RKPD)",
                "$.rencana.pagu_batas".to_owned(),
                batas_lama.map(|p| p.0),
                batas_baru.map(|p| p.0),
                false,
            ),
        });
    }
}

/// A kegiatan that exists on one side only, shown with its pagu.
pub(super) fn kegiatan_sepihak(k: &Kegiatan, path: String, status: Status, tahun: i32) -> Butir {
    let label = format!("Pagu indikatif {tahun}");
    let pagu = match status {
        Status::Ditambah => {
            rupiah("pagu", &label, format!("{path}.pagu"), None, Some(crate::compute::pagu_kegiatan(k).pagu), false)
        }
        _ => rupiah("pagu", &label, format!("{path}.pagu"), Some(crate::compute::pagu_kegiatan(k).pagu), None, false),
    };
    Butir { kode: k.kode.clone(), nama: k.nama.clone(), status, path, bidang: vec![pagu] }
}

/// The kegiatan of a program present in both plans, at index `i` in the old and `j` in the new.
pub(super) fn compare_kegiatan(lama: &Program, baru: &Program, (i, j): (usize, usize), tl: i32, tb: i32) -> Vec<Butir> {
    let (kl, kb) = (&lama.kegiatan, &baru.kegiatan);
    let kode = |ks: &[Kegiatan]| ks.iter().map(|k| k.kode.trim().to_owned()).collect::<Vec<_>>();
    let nama = |ks: &[Kegiatan]| ks.iter().map(|k| k.nama.trim().to_owned()).collect::<Vec<_>>();
    let program_path = format!("$.rencana.program[{j}]");
    let old_path = format!("$.rencana.program[{i}]");
    let mut out = Vec::new();
    for pasangan in pasangkan(&kode(kl), &kode(kb), &nama(kl), &nama(kb)) {
        match (pasangan.lama, pasangan.baru) {
            (Some(ii), Some(jj)) => {
                let path = format!("{program_path}.kegiatan[{jj}]");
                let mut bidang = bandingkan_isian(&path, &isian_kegiatan(&kl[ii], tl), &isian_kegiatan(&kb[jj], tb));
                if pasangan.pindah {
                    bidang.push(urutan(&path, ii, jj));
                }
                let subs = compare_sub_kegiatan(&kl[ii], &kb[jj], &format!("{old_path}.kegiatan[{ii}]"), &path, tl, tb);
                if !bidang.is_empty() {
                    out.push(Butir {
                        kode: kb[jj].kode.clone(),
                        nama: kb[jj].nama.clone(),
                        status: Status::Diubah,
                        path,
                        bidang,
                    });
                }
                out.extend(subs);
            }
            (None, Some(jj)) => {
                out.push(kegiatan_sepihak(&kb[jj], format!("{program_path}.kegiatan[{jj}]"), Status::Ditambah, tb))
            }
            (Some(ii), None) => {
                // The old path: the kegiatan is gone from the new plan.
                out.push(kegiatan_sepihak(&kl[ii], format!("{old_path}.kegiatan[{ii}]"), Status::Dihapus, tl))
            }
            (None, None) => {}
        }
    }
    out
}

/// The sub-kegiatan of a kegiatan present in both plans, matched by kode (then by name).
fn compare_sub_kegiatan(lama: &Kegiatan, baru: &Kegiatan, old_path: &str, path: &str, tl: i32, tb: i32) -> Vec<Butir> {
    let (sl, sb) = (&lama.sub_kegiatan, &baru.sub_kegiatan);
    let kode = |ss: &[SubKegiatan]| ss.iter().map(|s| s.kode.trim().to_owned()).collect::<Vec<_>>();
    let nama = |ss: &[SubKegiatan]| ss.iter().map(|s| s.nama.trim().to_owned()).collect::<Vec<_>>();
    let sepihak = |s: &SubKegiatan, path: String, status: Status, tahun: i32| {
        let label = format!("Pagu indikatif {tahun}");
        let pagu = s.pagu.map(|p| p.0);
        let (a, b) = if status == Status::Ditambah { (None, pagu) } else { (pagu, None) };
        let bidang = vec![rupiah("pagu", &label, format!("{path}.pagu"), a, b, false)];
        Butir { kode: s.kode.clone(), nama: s.nama.clone(), status, path, bidang }
    };
    let mut out = Vec::new();
    for pasangan in pasangkan(&kode(sl), &kode(sb), &nama(sl), &nama(sb)) {
        match (pasangan.lama, pasangan.baru) {
            (Some(i), Some(j)) => {
                let at = format!("{path}.sub_kegiatan[{j}]");
                let mut bidang =
                    bandingkan_isian(&at, &isian_sub_kegiatan(&sl[i], tl), &isian_sub_kegiatan(&sb[j], tb));
                if pasangan.pindah {
                    bidang.push(urutan(&at, i, j));
                }
                if !bidang.is_empty() {
                    out.push(Butir {
                        kode: sb[j].kode.clone(),
                        nama: sb[j].nama.clone(),
                        status: Status::Diubah,
                        path: at,
                        bidang,
                    });
                }
            }
            (None, Some(j)) => out.push(sepihak(&sb[j], format!("{path}.sub_kegiatan[{j}]"), Status::Ditambah, tb)),
            (Some(i), None) => out.push(sepihak(&sl[i], format!("{old_path}.sub_kegiatan[{i}]"), Status::Dihapus, tl)),
            (None, None) => {}
        }
    }
    out
}

pub(super) fn isian_sub_kegiatan(s: &SubKegiatan, tahun: i32) -> Vec<Isian<'_>> {
    let SubKegiatan {
        kode,
        nama,
        indikator,
        lokasi,
        sumber_dana,
        kelompok_sasaran,
        penanggung_jawab,
        waktu_pelaksanaan,
        prioritas,
        pagu,
        pagu_maju,
        catatan,
    } = s;
    let dana = match sumber_dana {
        crate::plan::SumberDana::Teks(t) => t.clone(),
        crate::plan::SumberDana::Rincian(list) => {
            list.iter().map(|d| format!("{} {}", d.nama, format::rupiah(d.pagu.0))).collect::<Vec<_>>().join("; ")
        }
    };
    let prioritas =
        [("nasional", &prioritas.nasional), ("provinsi", &prioritas.provinsi), ("daerah", &prioritas.daerah)]
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join("; ");
    let mut out = vec![isian("kode", "Kode", teks(kode)), isian("nama", "Nama sub kegiatan", teks(nama))];
    out.extend(isian_indikator_simpul(indikator, Tingkat::SubKegiatan, tahun));
    out.extend([
        isian("lokasi", "Lokasi", Isi::Teks(Some(lokasi.0.join("; ")))),
        isian("sumber_dana", "Sumber dana", Isi::Teks(Some(dana))),
        isian("kelompok_sasaran", "Kelompok sasaran", teks(kelompok_sasaran)),
        isian("penanggung_jawab", "Perangkat daerah penanggung jawab", teks(penanggung_jawab)),
        isian("waktu_pelaksanaan", "Waktu pelaksanaan", teks(waktu_pelaksanaan)),
        isian("prioritas", "Prioritas", Isi::Teks(Some(prioritas))),
        isian("pagu", format!("Pagu indikatif {tahun}"), Isi::Rupiah(pagu.map(|p| p.0))),
        isian("pagu_maju", format!("Pagu prakiraan maju {}", tahun + 1), Isi::Rupiah(pagu_maju.map(|p| p.0))),
        isian("catatan", "Catatan penting", teks(catatan)),
    ]);
    out
}

// --- Evaluasi: Tabel 2.1 ----------------------------------------------------------------------

/// Years that label Tabel 2.1's columns.
#[derive(Clone, Copy)]
pub(super) struct Tahun {
    pub(super) n: i32,
    pub(super) renstra_akhir: i32,
}

pub(super) fn isian_indikator(ind: &IndikatorEvaluasi, t: Tahun) -> Vec<Isian<'_>> {
    let IndikatorEvaluasi {
        uraian,
        satuan,
        kumulatif,
        polaritas,
        target_renstra,
        realisasi_sd_n3,
        target_n2,
        realisasi_n2,
        target_n1,
        keterangan,
    } = ind;
    let kumulatif = kumulatif.map(|k| if k { "ya" } else { "tidak" }.to_owned());
    let polaritas = match polaritas {
        Polaritas::Positif => "positif",
        Polaritas::Negatif => "negatif",
    };
    let n = t.n;
    vec![
        isian("indikator.uraian", "Indikator", teks(uraian)),
        isian("indikator.satuan", "Satuan", teks(satuan)),
        isian("indikator.kumulatif", "Kumulatif", Isi::Teks(kumulatif)),
        isian("indikator.polaritas", "Polaritas", teks(polaritas)),
        isian(
            "indikator.target_renstra",
            format!("Target Renstra {} (kolom 4)", t.renstra_akhir),
            Isi::Nilai(target_renstra.as_ref(), satuan),
        ),
        isian(
            "indikator.realisasi_sd_n3",
            format!("Realisasi s/d {} (kolom 5)", n - 3),
            Isi::Nilai(realisasi_sd_n3.as_ref(), satuan),
        ),
        isian("indikator.target_n2", format!("Target {} (kolom 6)", n - 2), Isi::Nilai(target_n2.as_ref(), satuan)),
        isian(
            "indikator.realisasi_n2",
            format!("Realisasi {} (kolom 7)", n - 2),
            Isi::Nilai(realisasi_n2.as_ref(), satuan),
        ),
        isian("indikator.target_n1", format!("Target {} (kolom 9)", n - 1), Isi::Nilai(target_n1.as_ref(), satuan)),
        isian("indikator.keterangan", "Keterangan", Isi::Teks(keterangan.clone())),
    ]
}

/// One side of a Tabel 2.1 row's derived columns.
pub(super) struct Turunan<'a> {
    pub(super) hasil: &'a BarisEvaluasi,
    pub(super) satuan: &'a str,
    pub(super) desimal: u32,
}

pub(super) fn cetak_rasio(r: Rasio, desimal: u32) -> Option<String> {
    match r {
        Rasio::Nilai(v) => Some(format::persen(v, desimal)),
        Rasio::TakTerdefinisi => Some("-".to_owned()),
        Rasio::TidakBerlaku => None,
    }
}

/// Columns 8, 10 and 11 whose printed value moved.
pub(super) fn bandingkan_turunan(path: &str, a: &Turunan, b: &Turunan, t: Tahun) -> Vec<Bidang> {
    let mut out = Vec::new();
    let rasio = |kunci: &str, label: String, x: Rasio, y: Rasio, out: &mut Vec<Bidang>| {
        let (sx, sy) = (cetak_rasio(x, a.desimal), cetak_rasio(y, b.desimal));
        if sx == sy {
            return;
        }
        let desimal = a.desimal.max(b.desimal);
        let selisih = match (x, y) {
            (Rasio::Nilai(x), Rasio::Nilai(y)) => {
                format::bulatkan(y, b.desimal).checked_sub(format::bulatkan(x, a.desimal))
            }
            _ => None,
        };
        out.push(Bidang {
            semula: sx,
            menjadi: sy,
            selisih: selisih.filter(|d| !d.is_zero()).map(|d| {
                let text = format::persen(d, desimal);
                if d.is_sign_positive() { format!("+{text}") } else { text }
            }),
            // Exact rates; the printed difference above is that of the rounded ones.
            angka: Some(Angka {
                semula: x.nilai(),
                menjadi: y.nilai(),
                selisih: x.nilai().zip(y.nilai()).and_then(|(x, y)| y.checked_sub(x)),
            }),
            turunan: true,
            ..Bidang::new(kunci, &label, path.to_owned())
        });
    };
    rasio(
        "kolom_8",
        format!("Tingkat realisasi {} (kolom 8)", t.n - 2),
        a.hasil.tingkat_realisasi,
        b.hasil.tingkat_realisasi,
        &mut out,
    );
    let (x, y) = (a.hasil.realisasi_sd_n1, b.hasil.realisasi_sd_n1);
    let cetak = |v: Option<Decimal>, satuan: &str| v.map_or_else(|| "-".to_owned(), |v| format::nilai(v, satuan));
    let (sx, sy) = (cetak(x, a.satuan), cetak(y, b.satuan));
    if sx != sy {
        let selisih = match (x, y) {
            (Some(x), Some(y)) if a.satuan.trim() == b.satuan.trim() => y.checked_sub(x),
            _ => None,
        };
        out.push(Bidang {
            semula: Some(sx),
            menjadi: Some(sy),
            selisih: selisih.filter(|d| !d.is_zero()).map(|d| nilai_bertanda(d, b.satuan)),
            angka: Some(Angka { semula: x, menjadi: y, selisih }),
            turunan: true,
            ..Bidang::new("kolom_10", &format!("Realisasi capaian s/d {} (kolom 10)", t.n - 1), path.to_owned())
        });
    }
    rasio(
        "kolom_11",
        "Tingkat capaian target Renstra (kolom 11)".to_owned(),
        a.hasil.capaian_renstra,
        b.hasil.capaian_renstra,
        &mut out,
    );
    out
}

pub(super) fn compare_evaluasi(lama: &Plan, baru: &Plan, cl: &Computed, cb: &Computed, out: &mut Perubahan) {
    let (el, eb) = (&lama.evaluasi.program, &baru.evaluasi.program);
    let t = Tahun { n: baru.identitas.tahun, renstra_akhir: baru.identitas.periode_renstra.akhir };
    let tl = Tahun { n: lama.identitas.tahun, renstra_akhir: lama.identitas.periode_renstra.akhir };
    let (dl, db) = (lama.pengaturan.desimal_persen, baru.pengaturan.desimal_persen);
    let nama = |ps: &[ProgramEvaluasi]| ps.iter().map(|p| nama_longgar(&p.nama)).collect::<Vec<_>>();
    for pasangan in pasangkan(&nama(el), &nama(eb), &positions(el.len()), &positions(eb.len())) {
        let berubah = match (pasangan.lama, pasangan.baru) {
            (Some(i), Some(j)) => {
                let ProgramEvaluasi { nama: nama_lama, indikator: ind_lama, kegiatan: _, kode: _ } = &el[i];
                let ProgramEvaluasi { nama: nama_baru, indikator: ind_baru, kegiatan: _, kode: _ } = &eb[j];
                let path = format!("$.evaluasi.program[{j}]");
                let mut bidang: Vec<Bidang> =
                    bandingkan_isi("nama", "Nama program", format!("{path}.nama"), &teks(nama_lama), &teks(nama_baru))
                        .into_iter()
                        .collect();
                bidang.extend(bandingkan_isian(&path, &isian_indikator(ind_lama, tl), &isian_indikator(ind_baru, t)));
                if pasangan.pindah {
                    bidang.push(urutan(&path, i, j));
                }
                let status = if bidang.is_empty() { Status::Tetap } else { Status::Diubah };
                if let (Some(hl), Some(hb)) = (cl.evaluasi.get(i), cb.evaluasi.get(j)) {
                    bidang.extend(bandingkan_turunan(
                        &path,
                        &Turunan { hasil: &hl.program, satuan: &ind_lama.satuan, desimal: dl },
                        &Turunan { hasil: &hb.program, satuan: &ind_baru.satuan, desimal: db },
                        t,
                    ));
                }
                let kegiatan = compare_kegiatan_evaluasi(
                    (&el[i], cl.evaluasi.get(i), dl, tl),
                    (&eb[j], cb.evaluasi.get(j), db, t),
                    (i, j),
                );
                (!bidang.is_empty() || !kegiatan.is_empty()).then(|| EvaluasiBerubah {
                    program: Butir { kode: format::romawi(j + 1), nama: nama_baru.clone(), status, path, bidang },
                    kegiatan,
                })
            }
            (None, Some(j)) => Some(evaluasi_sepihak(&eb[j], j, Status::Ditambah)),
            (Some(i), None) => Some(evaluasi_sepihak(&el[i], i, Status::Dihapus)),
            (None, None) => None,
        };
        out.evaluasi.extend(berubah);
    }
}

pub(super) fn evaluasi_sepihak(p: &ProgramEvaluasi, i: usize, status: Status) -> EvaluasiBerubah {
    let path = format!("$.evaluasi.program[{i}]");
    let nomor = format::romawi(i + 1);
    EvaluasiBerubah {
        kegiatan: p
            .kegiatan
            .iter()
            .enumerate()
            .map(|(ii, k)| Butir {
                kode: format!("{nomor}.{}", ii + 1),
                nama: k.nama.clone(),
                status,
                path: format!("{path}.kegiatan[{ii}]"),
                bidang: vec![],
            })
            .collect(),
        program: Butir { kode: nomor, nama: p.nama.clone(), status, path, bidang: vec![] },
    }
}

pub(super) type SisiEvaluasi<'a> = (&'a ProgramEvaluasi, Option<&'a crate::compute::HitunganEvaluasi>, u32, Tahun);

/// The kegiatan rows of a Tabel 2.1 program present in both plans, at `i` in the old and `j` in
/// the new; a removed row keeps its old path and number.
pub(super) fn compare_kegiatan_evaluasi(lama: SisiEvaluasi, baru: SisiEvaluasi, (i, j): (usize, usize)) -> Vec<Butir> {
    let (pl, hl, dl, tl) = lama;
    let (pb, hb, db, t) = baru;
    let (kl, kb) = (&pl.kegiatan, &pb.kegiatan);
    let nama = |ks: &[KegiatanEvaluasi]| ks.iter().map(|k| nama_longgar(&k.nama)).collect::<Vec<_>>();
    let program_path = format!("$.evaluasi.program[{j}]");
    let nomor = format::romawi(j + 1);
    let (old_path, old_nomor) = (format!("$.evaluasi.program[{i}]"), format::romawi(i + 1));
    let mut out = Vec::new();
    for pasangan in pasangkan(&nama(kl), &nama(kb), &positions(kl.len()), &positions(kb.len())) {
        match (pasangan.lama, pasangan.baru) {
            (Some(ii), Some(jj)) => {
                let KegiatanEvaluasi { nama: nama_lama, indikator: ind_lama, kode: _, sub_kegiatan: sub_lama } =
                    &kl[ii];
                let KegiatanEvaluasi { nama: nama_baru, indikator: ind_baru, kode: _, sub_kegiatan: sub_baru } =
                    &kb[jj];
                let path = format!("{program_path}.kegiatan[{jj}]");
                let mut bidang: Vec<Bidang> =
                    bandingkan_isi("nama", "Nama kegiatan", format!("{path}.nama"), &teks(nama_lama), &teks(nama_baru))
                        .into_iter()
                        .collect();
                bidang.extend(bandingkan_isian(&path, &isian_indikator(ind_lama, tl), &isian_indikator(ind_baru, t)));
                if pasangan.pindah {
                    bidang.push(urutan(&path, ii, jj));
                }
                let status = if bidang.is_empty() { Status::Tetap } else { Status::Diubah };
                if let (Some(a), Some(b)) = (hl.and_then(|h| h.kegiatan.get(ii)), hb.and_then(|h| h.kegiatan.get(jj))) {
                    bidang.extend(bandingkan_turunan(
                        &path,
                        &Turunan { hasil: a, satuan: &ind_lama.satuan, desimal: dl },
                        &Turunan { hasil: b, satuan: &ind_baru.satuan, desimal: db },
                        t,
                    ));
                }
                let sub = compare_sub_evaluasi(
                    (sub_lama, hl.and_then(|h| h.sub_kegiatan.get(ii)), dl, tl),
                    (sub_baru, hb.and_then(|h| h.sub_kegiatan.get(jj)), db, t),
                    (&format!("{old_path}.kegiatan[{ii}]"), &format!("{old_nomor}.{}", ii + 1)),
                    (&path, &format!("{nomor}.{}", jj + 1)),
                );
                if !bidang.is_empty() {
                    out.push(Butir {
                        kode: format!("{nomor}.{}", jj + 1),
                        nama: nama_baru.clone(),
                        status,
                        path,
                        bidang,
                    });
                }
                out.extend(sub);
            }
            (None, Some(jj)) => out.push(Butir {
                kode: format!("{nomor}.{}", jj + 1),
                nama: kb[jj].nama.clone(),
                status: Status::Ditambah,
                path: format!("{program_path}.kegiatan[{jj}]"),
                bidang: vec![],
            }),
            (Some(ii), None) => out.push(Butir {
                kode: format!("{old_nomor}.{}", ii + 1),
                nama: kl[ii].nama.clone(),
                status: Status::Dihapus,
                path: format!("{old_path}.kegiatan[{ii}]"),
                bidang: vec![],
            }),
            (None, None) => {}
        }
    }
    out
}

type SisiSub<'a> = (&'a [SubKegiatanEvaluasi], Option<&'a Vec<crate::compute::BarisEvaluasi>>, u32, Tahun);

/// The sub-kegiatan rows of a Tabel 2.1 kegiatan present in both plans; `lama` and `baru` name
/// the kegiatan (path, number) in each plan.
fn compare_sub_evaluasi(
    (sl, hl, dl, tl): SisiSub,
    (sb, hb, db, t): SisiSub,
    (old_path, old_nomor): (&str, &str),
    (path_kegiatan, nomor): (&str, &str),
) -> Vec<Butir> {
    let nama = |ss: &[SubKegiatanEvaluasi]| ss.iter().map(|s| nama_longgar(&s.nama)).collect::<Vec<_>>();
    let mut out = Vec::new();
    for pasangan in pasangkan(&nama(sl), &nama(sb), &positions(sl.len()), &positions(sb.len())) {
        match (pasangan.lama, pasangan.baru) {
            (Some(a), Some(b)) => {
                let SubKegiatanEvaluasi { nama: nama_lama, indikator: ind_lama, kode: _ } = &sl[a];
                let SubKegiatanEvaluasi { nama: nama_baru, indikator: ind_baru, kode: _ } = &sb[b];
                let path = format!("{path_kegiatan}.sub_kegiatan[{b}]");
                let mut bidang: Vec<Bidang> = bandingkan_isi(
                    "nama",
                    "Nama sub kegiatan",
                    format!("{path}.nama"),
                    &teks(nama_lama),
                    &teks(nama_baru),
                )
                .into_iter()
                .collect();
                bidang.extend(bandingkan_isian(&path, &isian_indikator(ind_lama, tl), &isian_indikator(ind_baru, t)));
                if pasangan.pindah {
                    bidang.push(urutan(&path, a, b));
                }
                let status = if bidang.is_empty() { Status::Tetap } else { Status::Diubah };
                if let (Some(x), Some(y)) = (hl.and_then(|h| h.get(a)), hb.and_then(|h| h.get(b))) {
                    bidang.extend(bandingkan_turunan(
                        &path,
                        &Turunan { hasil: x, satuan: &ind_lama.satuan, desimal: dl },
                        &Turunan { hasil: y, satuan: &ind_baru.satuan, desimal: db },
                        t,
                    ));
                }
                if !bidang.is_empty() {
                    out.push(Butir {
                        kode: format!("{nomor}.{}", b + 1),
                        nama: nama_baru.clone(),
                        status,
                        path,
                        bidang,
                    });
                }
            }
            (None, Some(b)) => out.push(Butir {
                kode: format!("{nomor}.{}", b + 1),
                nama: sb[b].nama.clone(),
                status: Status::Ditambah,
                path: format!("{path_kegiatan}.sub_kegiatan[{b}]"),
                bidang: vec![],
            }),
            (Some(a), None) => out.push(Butir {
                kode: format!("{old_nomor}.{}", a + 1),
                nama: sl[a].nama.clone(),
                status: Status::Dihapus,
                path: format!("{old_path}.sub_kegiatan[{a}]"),
                bidang: vec![],
            }),
            (None, None) => {}
        }
    }
    out
}
