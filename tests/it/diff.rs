//! `renja diff`: crafted pairs of revisions of the flagship, compared in-process and by the binary.

use std::path::PathBuf;

use renja::diff::{self, BarisBerubah, Bidang, Options, Perubahan, Status};
use renja::render::Renderer;
use renja::tabel::JenisBaris;
use serde_json::{Value, json};

use crate::support::renja;
use crate::support::{FLAGSHIP, flagship_json, flagship_path, reparse};

/// The flagship with `mutate` applied, written into a fresh directory.
fn revision(mutate: impl FnOnce(&mut Value)) -> (tempfile::TempDir, PathBuf) {
    let mut value = flagship_json();
    mutate(&mut value);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p2.json");
    std::fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    (dir, path)
}

/// The flagship compared in-process with a mutated copy.
fn compare(mutate: impl FnOnce(&mut Value), options: Options) -> Perubahan {
    let mut value = flagship_json();
    mutate(&mut value);
    diff::compare(&FLAGSHIP.0.plan, &reparse(&value).plan, options)
}

fn run(args: &[&str], new: &PathBuf) -> (Option<i32>, String, String) {
    let output = renja().arg("diff").arg(flagship_path()).arg(new).args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn field<'a>(fields: &'a [Bidang], kunci: &str) -> &'a Bidang {
    fields.iter().find(|b| b.kunci == kunci).unwrap_or_else(|| panic!("no {kunci} in {fields:#?}"))
}

/// The changed first line of the node with this kode (or row number) in table `nomor`.
fn row<'a>(p: &'a Perubahan, nomor: &str, kode: &str) -> &'a BarisBerubah {
    let t = p.tabel(nomor).unwrap_or_else(|| panic!("Tabel {nomor} unchanged: {p:#?}"));
    t.baris
        .iter()
        .find(|b| b.kode == kode && b.baris_ke == 1)
        .unwrap_or_else(|| panic!("no row {kode} in Tabel {nomor}: {:#?}", t.baris))
}

/// The changed JUMLAH row of table `nomor`.
fn jumlah<'a>(p: &'a Perubahan, nomor: &str) -> &'a BarisBerubah {
    let t = p.tabel(nomor).unwrap_or_else(|| panic!("Tabel {nomor} unchanged"));
    t.baris.iter().find(|b| b.jenis == JenisBaris::Jumlah).unwrap_or_else(|| panic!("{:#?}", t.baris))
}

fn plus_100_000(v: &mut Value) {
    v["rencana"]["program"][0]["kegiatan"][0]["pagu"] = json!(5_167_000);
}

#[test]
fn identical_plans_exit_zero_even_when_written_differently() {
    // Same data, other spelling: pretty-printed, a pagu as a digit string, a target as 100.0.
    let (_dir, new) = revision(|v| {
        v["rencana"]["program"][0]["kegiatan"][0]["pagu"] = json!("5067000");
        v["rencana"]["program"][0]["target"] = json!(100.0);
        v["kinerja_pelayanan"]["program"][0]["nilai"][0]["target"][0] = json!(100.0);
    });
    let (code, out, err) = run(&[], &new);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("Tidak ada perubahan") && out.contains("mencetak teks yang sama"), "{out}");
    let (code, out, _) = run(&["--format", "json"], &new);
    assert_eq!(code, Some(0));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["identik"], true);
    assert_eq!(report["perubahan"]["tabel"], json!([]));
}

#[test]
fn pagu_change_shows_the_kegiatan_its_program_total_and_the_new_jumlah() {
    let (_dir, new) = revision(plus_100_000);
    let (code, out, err) = run(&[], &new);
    assert_eq!(code, Some(1), "{out}{err}");
    let kegiatan = out.lines().find(|l| l.starts_with("4.5.1.1 ")).unwrap_or_else(|| panic!("{out}"));
    for figure in ["5.067.000", "5.167.000", "+100.000"] {
        assert!(kegiatan.contains(figure), "{kegiatan}");
    }
    let program = out.lines().find(|l| l.starts_with("4.5.1 ")).unwrap_or_else(|| panic!("{out}"));
    assert!(program.contains("346.523.000") && program.contains("346.623.000"), "{program}");
    let ringkasan = out.lines().find(|l| l.starts_with("Ringkasan:")).unwrap_or_else(|| panic!("{out}"));
    for figure in ["JUMLAH pagu", "1.073.384.000", "1.073.484.000", "+100.000", "baris tabel diubah"] {
        assert!(ringkasan.contains(figure), "{ringkasan}");
    }
    assert!(!out.contains('\x1b'), "no colour into a pipe");

    let p = compare(plus_100_000, Options::default());
    for nomor in ["3.1", "4.1"] {
        let k = row(&p, nomor, "4.5.1.1");
        assert_eq!((k.status, k.bidang.len()), (Status::Diubah, 1), "only the pagu: {k:#?}");
        let pagu = field(&k.bidang, "pagu");
        assert_eq!(
            (pagu.semula.as_deref(), pagu.menjadi.as_deref(), pagu.selisih.as_deref(), pagu.turunan),
            (Some("5.067.000"), Some("5.167.000"), Some("+100.000"), false)
        );
        let program = row(&p, nomor, "4.5.1");
        assert_eq!(program.status, Status::Tetap, "only its derived total moved");
        let total = field(&program.bidang, "pagu");
        assert_eq!((total.menjadi.as_deref(), total.turunan), (Some("346.623.000"), true));
        let j = field(&jumlah(&p, nomor).bidang, "pagu");
        assert_eq!(
            (j.semula.as_deref(), j.menjadi.as_deref(), j.selisih.as_deref(), j.turunan),
            (Some("1.073.384.000"), Some("1.073.484.000"), Some("+100.000"), true)
        );
        // Nothing else moved: no prakiraan maju.
        assert!(jumlah(&p, nomor).bidang.iter().all(|b| b.kunci == "pagu"), "{:#?}", jumlah(&p, nomor));
    }
    // Tables that do not print the pagu are untouched.
    for nomor in ["2.1", "2.2", "2.4"] {
        assert!(p.tabel(nomor).is_none(), "Tabel {nomor}: {p:#?}");
    }
}

#[test]
fn a_lower_pagu_has_a_negative_difference() {
    let p = compare(|v| v["rencana"]["program"][3]["kegiatan"][2]["pagu"] = json!(76_481_000), Options::default());
    let b = field(&jumlah(&p, "4.1").bidang, "pagu");
    assert_eq!(b.selisih.as_deref(), Some("-100.000"));
    assert_eq!(b.angka.unwrap().selisih, Some((-100_000).into()));
}

#[test]
fn kegiatan_added_removed_and_renamed_are_matched_by_kode() {
    let p = compare(
        |v| {
            let program = &mut v["rencana"]["program"];
            // Renamed: same kode, new name.
            program[1]["kegiatan"][0]["nama"] = json!("Pengadaan Peralatan dan Perlengkapan Gedung Kantor");
            // Removed: 4.5.2.3.
            program[1]["kegiatan"].as_array_mut().unwrap().remove(2);
            // Added: 4.5.3.2.
            let mut baru = program[2]["kegiatan"][0].clone();
            baru["kode"] = json!("4.5.3.2");
            baru["nama"] = json!("Bimbingan Teknis Kerja Sama Daerah");
            baru["pagu"] = json!(1_000_000);
            program[2]["kegiatan"].as_array_mut().unwrap().push(baru);
        },
        Options::default(),
    );
    let t = p.tabel("4.1").unwrap();
    let kegiatan: Vec<(&str, Status)> = t
        .baris
        .iter()
        .filter(|b| b.jenis == JenisBaris::Kegiatan && b.baris_ke == 1)
        .map(|k| (k.kode.as_str(), k.status))
        .collect();
    assert_eq!(
        kegiatan,
        vec![("4.5.2.1", Status::Diubah), ("4.5.2.3", Status::Dihapus), ("4.5.3.2", Status::Ditambah)]
    );
    let nama = field(&row(&p, "4.1", "4.5.2.1").bidang, "program_kegiatan");
    assert_eq!(nama.semula.as_deref(), Some("Pengadaan Peralatan Gedung Kantor"));
    assert_eq!(nama.menjadi.as_deref(), Some("Pengadaan Peralatan dan Perlengkapan Gedung Kantor"));
    let removed = field(&row(&p, "4.1", "4.5.2.3").bidang, "pagu");
    assert_eq!((removed.semula.as_deref(), removed.menjadi.as_deref()), (Some("28.687.000"), None));
    let added = field(&row(&p, "4.1", "4.5.3.2").bidang, "pagu");
    assert_eq!((added.semula.as_deref(), added.menjadi.as_deref()), (None, Some("1.000.000")));
    // JUMLAH: -28.687.000 + 1.000.000.
    assert_eq!(field(&jumlah(&p, "4.1").bidang, "pagu").selisih.as_deref(), Some("-27.687.000"));

    let rows = p.rows();
    assert!(rows.iter().any(|r| r.kode == "4.5.3.2" && r.uraian == "Kegiatan ditambahkan"), "{rows:#?}");
    assert!(rows.iter().any(|r| r.kode == "4.5.2.3" && r.uraian == "Kegiatan dihapus"), "{rows:#?}");
}

#[test]
fn program_added_and_removed_and_kegiatan_moved() {
    let p = compare(
        |v| {
            let program = v["rencana"]["program"].as_array_mut().unwrap();
            let mut baru = program[2].clone();
            baru["kode"] = json!("4.5.5");
            baru["nama"] = json!("Program Baru");
            baru["kegiatan"][0]["kode"] = json!("4.5.5.1");
            program.remove(2);
            program.push(baru);
            // 4.5.4.3 now comes before 4.5.4.1 and 4.5.4.2.
            let kegiatan = program[2]["kegiatan"].as_array_mut().unwrap();
            let last = kegiatan.pop().unwrap();
            kegiatan.insert(0, last);
        },
        Options::default(),
    );
    let t = p.tabel("4.1").unwrap();
    let programs: Vec<(&str, Status)> = t
        .baris
        .iter()
        .filter(|b| b.jenis == JenisBaris::Program && b.baris_ke == 1)
        .map(|b| (b.kode.as_str(), b.status))
        .collect();
    assert_eq!(programs, vec![("4.5.3", Status::Dihapus), ("4.5.5", Status::Ditambah)]);
    let moved = row(&p, "4.1", "4.5.4.3");
    let urutan = field(&moved.bidang, "urutan");
    assert_eq!(moved.status, Status::Diubah);
    assert_ne!(urutan.semula, urutan.menjadi);
    assert_eq!(field(&row(&p, "4.1", "4.5.5").bidang, "pagu").menjadi.as_deref(), Some("9.048.000"));
    assert!(
        t.baris.iter().all(|b| b.jenis != JenisBaris::Jumlah),
        "the same kegiatan under another program: {:#?}",
        t.baris
    );
}

#[test]
fn targets_indicators_and_other_fields_are_named() {
    let p = compare(
        |v| {
            let k = &mut v["rencana"]["program"][0]["kegiatan"][0];
            k["target"] = json!(1400);
            k["indikator"] = json!("Jumlah registrasi surat masuk dan keluar (digital)");
            k["sumber_dana"] = json!("DAK");
            k["lokasi"] = json!("Kab. Malang");
            k["catatan"] = json!("Kegiatan yang Responsif Gender");
            v["rencana"]["program"][0]["satuan"] = json!("Persen");
        },
        Options::default(),
    );
    let k = row(&p, "4.1", "4.5.1.1");
    let target = field(&k.bidang, "target");
    assert_eq!(
        (target.semula.as_deref(), target.menjadi.as_deref(), target.selisih.as_deref()),
        (Some("1.325 Surat"), Some("1.400 Surat"), Some("+75 Surat"))
    );
    assert_eq!(target.path, None, "a table cell has no JSON path");
    assert!(target.label.contains("(kolom 5)"), "{}", target.label);
    let indikator = field(&k.bidang, "indikator");
    assert_eq!(indikator.semula.as_deref(), Some("Output : Jumlah Registrasi surat masuk dan keluar"));
    for kunci in ["sumber_dana", "lokasi", "catatan"] {
        field(&k.bidang, kunci);
    }
    let program = row(&p, "4.1", "4.5.1");
    assert_eq!(program.status, Status::Diubah);
    // A new satuan shows in the target as printed.
    assert!(field(&program.bidang, "target").menjadi.as_deref().unwrap().ends_with("Persen"), "{program:#?}");
}

#[test]
fn tabel_2_1_derived_columns_that_move_are_listed() {
    let p = compare(
        |v| v["evaluasi"]["program"][0]["kegiatan"][0]["indikator"]["realisasi_n2"] = json!(1275),
        Options::default(),
    );
    assert_eq!(p.tabel.iter().map(|t| t.nomor.as_str()).collect::<Vec<_>>(), ["2.1"]);
    let program = row(&p, "2.1", "I");
    assert_eq!(program.status, Status::Tetap);
    // The program's rate is the mean of its kegiatan's.
    assert!(field(&program.bidang, "tingkat_realisasi").turunan);
    let k = p.tabel("2.1").unwrap().baris.iter().find(|b| b.nama == "Penyediaan Jasa Surat Menyurat").unwrap();
    assert_eq!((k.kode.as_str(), k.status), ("1", Status::Diubah));
    let source = field(&k.bidang, "realisasi_n2");
    assert_eq!((source.semula.as_deref(), source.menjadi.as_deref()), (Some("1.200 Buah"), Some("1.275 Buah")));
    assert!(!source.turunan);
    let col8 = field(&k.bidang, "tingkat_realisasi");
    assert_eq!(
        (col8.semula.as_deref(), col8.menjadi.as_deref(), col8.selisih.as_deref(), col8.turunan),
        (Some("94%"), Some("100%"), Some("+6%"), true)
    );
    let col10 = field(&k.bidang, "realisasi_sd_n1");
    assert_eq!((col10.semula.as_deref(), col10.menjadi.as_deref()), (Some("3.715 Buah"), Some("3.790 Buah")));
    let col11 = field(&k.bidang, "capaian_renstra");
    assert_eq!((col11.semula.as_deref(), col11.menjadi.as_deref()), (Some("47%"), Some("48%")));

    let (_dir, new) =
        revision(|v| v["evaluasi"]["program"][0]["kegiatan"][0]["indikator"]["realisasi_n2"] = json!(1275));
    let (code, out, _) = run(&[], &new);
    assert_eq!(code, Some(1));
    let line = out.lines().find(|l| l.starts_with("1 ") && l.contains("94%")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("100%"), "{line}");
}

#[test]
fn tabel_2_1_rows_match_by_name() {
    let p = compare(
        |v| {
            let kegiatan = v["evaluasi"]["program"][1]["kegiatan"].as_array_mut().unwrap();
            // A case-only change matches by name, loosely; the cell still changed.
            kegiatan[1]["nama"] = json!("PEMELIHARAAN RUTIN /BERKALA KENDARAAN DINAS/ OPERASIONAL");
        },
        Options::default(),
    );
    let t = p.tabel("2.1").unwrap();
    let statuses: Vec<(&str, Status)> = t.baris.iter().map(|k| (k.kode.as_str(), k.status)).collect();
    assert_eq!(statuses, vec![("2", Status::Diubah)]);
    assert_eq!(t.baris[0].bidang.iter().map(|b| b.kunci.as_str()).collect::<Vec<_>>(), ["program_kegiatan"]);
}

fn prose_change(v: &mut Value) {
    let isi =
        v["bab_1"]["latar_belakang"]["isi"].as_str().unwrap().replacen("Tahun 2004 tentang", "Tahun 2005 tentang", 1);
    v["bab_1"]["latar_belakang"]["isi"] = json!(isi);
}

#[test]
fn prose_changes_are_named_by_section_with_a_word_diff_on_request() {
    let p = compare(prose_change, Options::default());
    assert_eq!(p.prosa.len(), 1);
    let prosa = &p.prosa[0];
    assert_eq!(
        (prosa.path.as_str(), prosa.nomor.as_str(), prosa.bagian.as_str(), prosa.kunci.as_str()),
        ("$.bab_1.latar_belakang.isi", "1.1", "Latar Belakang", "isi")
    );
    assert_eq!((prosa.kata_dihapus, prosa.kata_ditambah), (1, 1));
    assert!(prosa.potongan.is_none());

    let (_dir, new) = revision(prose_change);
    let (code, out, _) = run(&[], &new);
    assert_eq!(code, Some(1));
    assert!(out.contains("1.1") && out.contains("Latar Belakang"), "{out}");
    assert!(out.contains("Isi: 1 kata dihapus"), "{out}");
    assert!(!out.contains("[-2004-]"), "no word diff unless asked: {out}");

    let (code, out, _) = run(&["--kata"], &new);
    assert_eq!(code, Some(1));
    assert!(out.contains("[-2004-]") && out.contains("{+2005+}"), "{out}");
    let p = compare(prose_change, Options { kata: true });
    let potongan = &p.prosa[0].potongan.as_ref().unwrap()[0];
    assert!(potongan.sebelum.ends_with("Nomor 25 Tahun"), "context before: {potongan:?}");
    assert!(potongan.sesudah.starts_with("tentang Sistem"), "context after: {potongan:?}");
}

#[test]
fn prose_changes_follow_the_documents_order() {
    let p = compare(
        |v| {
            v["bab_2"]["isu_penting"]["isi"] = json!("Isu baru.");
            v["bab_2"]["kinerja_pelayanan"]["isi_lanjutan"] = json!("Catatan baru.");
            v["bab_2"]["kinerja_pelayanan"]["judul"] = json!("Kinerja Pelayanan");
            v["bab_1"]["judul"] = json!("Pendahuluan Umum");
            prose_change(v);
        },
        Options::default(),
    );
    let order: Vec<(&str, &str)> = p.prosa.iter().map(|p| (p.nomor.as_str(), p.kunci.as_str())).collect();
    assert_eq!(
        order,
        vec![("BAB I", "judul"), ("1.1", "isi"), ("2.2", "judul"), ("2.2", "isi_lanjutan"), ("2.3", "isi")]
    );
    // A section is named by its title as printed: the new override where there is one.
    assert_eq!(p.prosa[2].bagian, "Kinerja Pelayanan");
    assert_eq!(p.prosa[4].bagian, "Isu-Isu Penting Penyelenggaraan Tugas dan Fungsi");
    let rows = p.rows();
    let row = rows.iter().find(|r| r.kode == "2.2" && r.uraian.starts_with("Isi lanjutan")).unwrap();
    assert_eq!((row.semula.as_str(), row.menjadi.as_str()), ("-", "Catatan baru."), "{row:?}");
    assert_eq!(row.uraian, "Isi lanjutan ditambahkan");
}

#[test]
fn identity_decree_and_signer_fields_are_listed() {
    let p = compare(
        |v| {
            v["keputusan"]["nomor"] = json!("188.45/123/KEP/35.07.013/2018");
            v["penandatangan"]["nama"] = json!("Drs. H. SANUSI, M.M.");
            v["identitas"]["tahap"] = json!("perubahan");
            v["penandatangan"]["tanggal"] = json!("2018-12-01");
        },
        Options::default(),
    );
    let kunci: Vec<&str> = p.identitas.iter().map(|b| b.kunci.as_str()).collect();
    assert_eq!(kunci, vec!["identitas.tahap", "keputusan.nomor", "penandatangan.nama", "penandatangan.tanggal"]);
    let tahap = field(&p.identitas, "identitas.tahap");
    assert_eq!((tahap.semula.as_deref(), tahap.menjadi.as_deref()), (Some("Rancangan Akhir"), Some("Perubahan")));
    assert_eq!(field(&p.identitas, "penandatangan.tanggal").semula, None);
}

#[test]
fn other_tables_are_compared_by_their_cells() {
    let p = compare(
        |v| {
            v["kinerja_pelayanan"]["program"][0]["nilai"][0]["realisasi"][0] = json!(6);
            v["usulan_masyarakat"] =
                json!([{ "program_kegiatan": "Fasilitasi kerja sama desa", "lokasi": "Kepanjen" }]);
        },
        Options::default(),
    );
    let t = p.tabel("2.2").unwrap();
    let realisasi = field(&t.baris[0].bidang, "realisasi_n2");
    assert!(realisasi.menjadi.as_deref().unwrap().starts_with('6'), "{realisasi:#?}");
    let t = p.tabel("2.4").unwrap();
    let mut statuses: Vec<(JenisBaris, Status)> = t.baris.iter().map(|b| (b.jenis, b.status)).collect();
    statuses.sort_by_key(|(j, _)| j.label());
    assert_eq!(statuses, vec![(JenisBaris::Kegiatan, Status::Ditambah), (JenisBaris::Nihil, Status::Dihapus)]);
    let added = t.baris.iter().find(|b| b.status == Status::Ditambah).unwrap();
    assert_eq!(field(&added.bidang, "program_kegiatan").menjadi.as_deref(), Some("Fasilitasi kerja sama desa"));
    assert!(p.lainnya.is_empty(), "{:#?}", p.lainnya);
}

#[test]
fn reordered_tabel_2_2_rows_are_a_change_of_order_not_of_figures() {
    let (_dir, new) = revision(|v| {
        let rows = v["kinerja_pelayanan"]["program"].as_array_mut().unwrap();
        rows.reverse();
    });
    let (code, out, err) = run(&["--format", "json"], &new);
    assert_eq!(code, Some(1), "{out}{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    let tabel = report["perubahan"]["tabel"].as_array().unwrap();
    assert_eq!(tabel.len(), 1, "{tabel:#?}");
    assert_eq!(tabel[0]["nomor"], "2.2");
    let moved: Vec<&Value> = tabel[0]["baris"].as_array().unwrap().iter().filter(|b| b["jenis"] == "program").collect();
    // Five program rows reversed: the longest common order keeps one in place, and of the four
    // moved the middle one keeps its place (third): three changes of place, figures unchanged.
    assert_eq!(moved.len(), 3, "{moved:#?}");
    let places: Vec<(&str, &str)> = moved
        .iter()
        .map(|b| (b["bidang"][0]["semula"].as_str().unwrap(), b["bidang"][0]["menjadi"].as_str().unwrap()))
        .collect();
    assert_eq!(places, [("ke-5", "ke-1"), ("ke-4", "ke-2"), ("ke-2", "ke-4")]);
    for change in &moved {
        let bidang = change["bidang"].as_array().unwrap();
        assert_eq!(bidang.len(), 1, "only their place: {change:#}");
        assert_eq!((bidang[0]["kunci"].as_str(), bidang[0]["label"].as_str()), (Some("urutan"), Some("Urutan")));
    }
    let (code, out, _) = run(&[], &new);
    assert_eq!(code, Some(1));
    assert!(out.contains("Urutan") && out.contains("ke-"), "{out}");
}

#[test]
fn json_format_is_stable_and_complete() {
    let (_dir, new) = revision(|v| {
        plus_100_000(v);
        prose_change(v);
    });
    let (code, out, err) = run(&["--format", "json", "--kata"], &new);
    assert_eq!(code, Some(1), "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((report["versi"].as_u64(), report["identik"].as_bool()), (Some(2), Some(false)));
    assert!(report["baru"].as_str().unwrap().ends_with("p2.json"));
    let p = &report["perubahan"];
    assert_eq!(p["ringkasan"]["prosa"], 1);
    let t41 = p["tabel"].as_array().unwrap().iter().find(|t| t["nomor"] == "4.1").unwrap();
    assert!(t41["judul"].as_str().unwrap().starts_with("Rumusan Rencana Kerja dan Pendanaan"));
    let kegiatan = t41["baris"].as_array().unwrap().iter().find(|b| b["kode"] == "4.5.1.1").unwrap();
    assert_eq!(
        (kegiatan["kunci"].as_str(), kegiatan["jenis"].as_str(), kegiatan["status"].as_str()),
        (Some("kegiatan 4.5.1.1"), Some("kegiatan"), Some("diubah"))
    );
    assert_eq!(kegiatan["baris_ke"], 1);
    let pagu = &kegiatan["bidang"][0];
    assert_eq!(pagu["kunci"], "pagu");
    assert_eq!(pagu["path"], Value::Null);
    assert_eq!(pagu["semula"], "5.067.000");
    assert_eq!(pagu["angka"], json!({ "semula": "5067000", "menjadi": "5167000", "selisih": "100000" }));
    assert_eq!(pagu["turunan"], false);
    let jumlah = t41["baris"].as_array().unwrap().iter().find(|b| b["jenis"] == "jumlah").unwrap();
    let total = &jumlah["bidang"][0];
    assert_eq!((total["menjadi"].as_str(), total["selisih"].as_str()), (Some("1.073.484.000"), Some("+100.000")));
    assert_eq!(total["turunan"], true);
    let potongan = &p["prosa"][0]["potongan"][0];
    assert_eq!((potongan["semula"].as_str(), potongan["menjadi"].as_str()), (Some("2004"), Some("2005")));
    for key in ["identitas", "lainnya"] {
        assert_eq!(p[key], json!([]), "{key}");
    }
}

#[test]
fn pdf_appendix_lists_the_changes_in_the_documents_style() {
    let mut value = flagship_json();
    plus_100_000(&mut value);
    prose_change(&mut value);
    value["evaluasi"]["program"][0]["kegiatan"][0]["indikator"]["realisasi_n2"] = json!(1275);
    let baru = reparse(&value);
    let perubahan = diff::compare(&FLAGSHIP.0.plan, &baru.plan, Options { kata: true });
    let built = diff::appendix_pdf(&perubahan, &FLAGSHIP.0, &baru, &Renderer::new(), None).unwrap();
    assert!(built.pdf.starts_with(b"%PDF-"));
    assert!(built.document.pages().iter().all(renja::typeset::is_landscape));
    let text = renja::typeset::page_texts(&built.document).join("\n");
    for expected in [
        "DAFTAR PERUBAHAN",
        "Uraian Perubahan",
        "4.5.1.1",
        "5.167.000",
        "346.623.000",
        "1.073.384.000",
        "1.073.484.000",
        "+100.000",
        "JUMLAH",
        "94%",
        "100%",
        "Latar Belakang",
        "2005",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // Plan text stays literal in the appendix too.
    assert!(built.sources.main().contains("#import \"renja.typ\""));
}

#[test]
fn pdf_of_identical_plans_says_nothing_changed_and_is_written_atomically() {
    let (dir, new) = revision(|_| {});
    let out = dir.path().join("daftar.pdf");
    let output = renja().arg("diff").arg(flagship_path()).arg(&new).arg("--pdf").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(dir.path().join("daftar.pdf.sha256").exists());
    let built = diff::appendix_pdf(&Perubahan::default(), &FLAGSHIP.0, &FLAGSHIP.0, &Renderer::new(), None).unwrap();
    let text = renja::typeset::page_texts(&built.document).join("\n");
    assert!(text.contains("TIDAK ADA PERUBAHAN"), "{text}");
    // The PDF may not replace a plan.
    let output = renja().arg("diff").arg(flagship_path()).arg(&new).arg("--pdf").arg(&new).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn unreadable_or_invalid_new_plan_exits_two_with_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("tidak-ada.json");
    let (code, out, err) = run(&[], &missing);
    assert_eq!(code, Some(2), "{out}");
    assert!(err.contains("tidak dapat dibaca (tidak ditemukan)"), "{err}");

    let broken = dir.path().join("rusak.json");
    std::fs::write(&broken, "{\n  \"identitas\": {\n    \"pemda\": \"x\",\n  }\n}\n").unwrap();
    let (code, _, err) = run(&[], &broken);
    assert_eq!(code, Some(2));
    assert!(err.contains("rusak.json:4:3"), "{err}");
}

#[test]
fn prose_changes_read_as_the_pdf_prints_them() {
    let p = compare(
        |v| {
            v["bab_5"]["isi"] = json!("Renja ini disusun oleh para *programmer* dan **perencana**.\n\n- satu\n- dua");
        },
        Options { kata: true },
    );
    let prosa = p.prosa.iter().find(|p| p.path == "$.bab_5.isi").expect("bab_5.isi changed");
    let menjadi = prosa.menjadi.as_deref().unwrap();
    assert!(menjadi.starts_with("Renja ini disusun oleh para programmer dan perencana."), "{menjadi}");
    assert!(!menjadi.contains('*'), "{menjadi}");
}

#[test]
fn the_appendix_is_a_table_of_the_model_drawn_like_the_others() {
    let p = compare(plus_100_000, Options::default());
    let t = diff::appendix_table(&p);
    let kunci: Vec<&str> = t.kolom.iter().map(|k| k.kunci).collect();
    assert_eq!(kunci, ["kode", "program_kegiatan", "uraian", "semula", "menjadi", "selisih"]);
    let cells = |b: &renja::tabel::Baris| -> Vec<String> {
        b.sel.iter().map(|s| renja::tabel::cetak::sel(s, None, 0).into_owned()).collect()
    };
    // One heading per changed table, then one row per changed cell.
    let headings: Vec<String> =
        t.baris.iter().filter(|b| b.jenis == JenisBaris::Kelompok).map(|b| cells(b)[0].clone()).collect();
    assert!(headings[0].starts_with("Tabel 2.3 "), "{headings:?}");
    assert!(headings[1].starts_with("Tabel 3.1 ") && headings[2].starts_with("Tabel 4.1 "), "{headings:?}");
    assert_eq!(headings.len(), 3, "{headings:?}");
    let kegiatan: Vec<Vec<String>> = t.baris.iter().map(cells).filter(|c| c[0] == "4.5.1.1").collect();
    assert_eq!(kegiatan.len(), 2, "Tabel 3.1 and 4.1: {kegiatan:?}");
    for row in kegiatan {
        assert_eq!(row[1], "Penyediaan Jasa Surat Menyurat");
        assert!(row[2].ends_with("(kolom 6)"), "{row:?}");
        assert_eq!(row[3..], ["5.067.000", "5.167.000", "+100.000"]);
    }
    // The Typst source draws it with the document's one table function, no table of its own.
    let built = renja::diff::render_appendix(&p, &FLAGSHIP.0.plan, &FLAGSHIP.0.plan, &Renderer::new()).unwrap();
    let main = built.main();
    assert!(main.contains("tabel(") && !main.contains("tabel-data"), "{main}");
    let library = &built.files[1].1;
    assert!(!library.contains("tabel-data") && !library.contains("baris-tabel"));
}

#[test]
fn a_heading_row_is_compared_by_its_text() {
    let p = compare(|v| v["evaluasi"]["urusan"] = json!("Urusan Baru"), Options::default());
    let t = p.tabel("2.1").expect("Tabel 2.1 prints the urusan in a heading");
    assert_eq!(t.baris.len(), 1, "{:#?}", t.baris);
    let heading = &t.baris[0];
    assert_eq!(
        (heading.kunci.as_str(), heading.jenis, heading.status),
        ("kelompok urusan", JenisBaris::Kelompok, Status::Diubah)
    );
    let f = &heading.bidang[0];
    assert_eq!(f.menjadi.as_deref(), Some("Urusan : Urusan Baru"));
    assert!(f.semula.as_deref().unwrap().starts_with("Urusan : "), "{f:#?}");
}
