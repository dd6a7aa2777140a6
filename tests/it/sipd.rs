//! The SIPD-era model (Permendagri 90/2019): sub-kegiatan, several indicators and funding
//! sources, the SIPD-RI Tabel 4.1, and code shapes by era, on the Temanggung 2027 example.

use std::path::PathBuf;
use std::sync::LazyLock;

use renja::check::check;
use renja::compute::{Computed, compute};
use renja::document::Built;
use renja::load::LoadedPlan;
use rust_decimal::Decimal;
use serde_json::json;

use crate::support::{all_text, build_plan, load, renja, reparse, root, stderr};

fn sipd_path() -> PathBuf {
    root().join("examples/dinas-pupr-kabupaten-temanggung-2027.json")
}

pub static SIPD: LazyLock<(LoadedPlan, Computed)> = LazyLock::new(|| {
    let loaded = load(&sipd_path());
    let computed = compute(&loaded.plan);
    (loaded, computed)
});

pub static SIPD_PDF: LazyLock<Built> = LazyLock::new(|| build_plan(&SIPD.0));

fn sipd_json() -> serde_json::Value {
    serde_json::from_str(&SIPD.0.source).unwrap()
}

fn rp(value: i64) -> Decimal {
    Decimal::from(value)
}

#[test]
fn the_example_is_a_three_level_plan_of_the_required_size() {
    let plan = &SIPD.0.plan;
    let programs = &plan.rencana.program;
    let kegiatan: Vec<_> = programs.iter().flat_map(|p| &p.kegiatan).collect();
    let subs: Vec<_> = kegiatan.iter().flat_map(|k| &k.sub_kegiatan).collect();
    assert!(programs.len() >= 5 && kegiatan.len() >= 15 && subs.len() >= 45);
    assert_eq!((programs.len(), kegiatan.len(), subs.len()), (8, 18, 53));
    assert_eq!(SIPD.1.jumlah_sub_kegiatan, 53);
    assert!(subs.iter().any(|s| s.indikator.len() > 1), "several indicators on a sub-kegiatan");
    assert!(subs.iter().any(|s| s.lokasi.0.len() > 1), "several locations");
    assert!(
        subs.iter().any(|s| matches!(&s.sumber_dana, renja::plan::SumberDana::Rincian(d) if d.len() > 1)),
        "several funding sources"
    );
    assert!(programs.iter().any(|p| p.kode.starts_with("X.XX.")), "a shared program");
    assert!(subs.iter().all(|s| !s.kelompok_sasaran.is_empty() || !s.penanggung_jawab.is_empty()));
    assert!(subs.iter().any(|s| !s.prioritas.nasional.is_empty() && !s.prioritas.daerah.is_empty()));
}

/// Every total of the example, added up by hand from its sub-kegiatan (not by the engine).
#[test]
fn the_example_totals_match_figures_added_up_by_hand() {
    let computed = &SIPD.1;
    let programs: [(i64, i64); 8] = [
        (25_988_250_000, 26_524_500_000),
        (12_969_500_000, 13_630_000_000),
        (5_564_500_000, 5_755_000_000),
        (4_164_000_000, 4_375_000_000),
        (4_112_500_000, 4_325_000_000),
        (50_118_000_000, 52_750_000_000),
        (558_500_000, 590_000_000),
        (1_330_000_000, 1_375_000_000),
    ];
    for (i, (pagu, maju)) in programs.into_iter().enumerate() {
        assert_eq!(computed.program[i].pagu.pagu, rp(pagu), "program {i}");
        assert_eq!(computed.program[i].pagu.pagu_maju, Some(rp(maju)), "program {i} maju");
    }
    // The penunjang program's six kegiatan, and the SDA program's two.
    let penunjang = [175_850_000, 22_283_400_000, 41_050_000, 414_550_000, 1_560_600_000, 1_512_800_000];
    for (j, pagu) in penunjang.into_iter().enumerate() {
        assert_eq!(computed.program[0].kegiatan[j].pagu, rp(pagu), "kegiatan 0.{j}");
    }
    assert_eq!(computed.program[1].kegiatan[0].pagu, rp(2_835_000_000));
    assert_eq!(computed.program[1].kegiatan[1].pagu, rp(10_134_500_000));
    assert_eq!(computed.program[1].kegiatan[1].pagu_maju, Some(rp(10_630_000_000)));
    assert_eq!(computed.jumlah.pagu, rp(104_805_250_000));
    assert_eq!(computed.jumlah.pagu_maju, Some(rp(109_324_500_000)));
    assert_eq!(computed.jumlah.pagu_rkpd, Some(rp(116_388_250_000)));
    assert_eq!(computed.jumlah.pagu_analisis, rp(104_805_250_000));
}

#[test]
fn the_example_checks_clean_and_builds_with_the_sipd_columns() {
    let output = renja().arg("check").arg(sipd_path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stderr(&output)
            .contains("8 program, 18 kegiatan, 53 sub kegiatan, jumlah pagu 104.805.250.000; 0 galat, 0 peringatan"),
        "{}",
        stderr(&output)
    );
    let text = all_text(&SIPD_PDF);
    // Header cells wrap inside their narrow columns: compare with line breaks as spaces.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in ["Sub Kegiatan", "Prioritas", "Kelompok Sasaran", "Penanggung Jawab", "Prakiraan Maju"] {
        assert!(flat.contains(needle), "PDF lacks {needle:?}");
    }
    // The SIPD-RI header groups and the shared program printed with the PD's bidang.
    assert!(flat.contains("Capaian Kinerja dan Kerangka Pendanaan (Tahun 2027)"));
    assert!(flat.contains("Prakiraan Maju Rencana Tahun 2028"));
    assert!(text.contains("1.03.01.2.01.0001"));
    assert!(!text.contains("X.XX"));
    // Placeholders of the new levels.
    assert!(flat.contains("18 (delapan belas) kegiatan dan 53 (lima puluh tiga) sub kegiatan"));
}

#[test]
fn one_more_million_on_a_sub_kegiatan_moves_its_kegiatan_program_and_jumlah() {
    let before = all_text(&SIPD_PDF);
    let mut value = sipd_json();
    // Operasi dan Pemeliharaan Jaringan Irigasi Permukaan, under kegiatan 1.03.02.2.02.
    let sub = &mut value["rencana"]["program"][1]["kegiatan"][1]["sub_kegiatan"][2];
    assert_eq!(sub["kode"], "1.03.02.2.02.0003");
    sub["pagu"] = json!(sub["pagu"].as_u64().unwrap() + 1_000_000);
    let after = all_text(&build_plan(&reparse(&value)));
    // Each moved figure: (before, after, how many times the PDF prints it). The kegiatan and
    // program totals stand in Tabel 2.3 (hasil analisis), 3.1 and 4.1; JUMLAH also in the prose
    // of Bab II and Bab IV, and as the subtotals of urusan 1 and bidang 1.03 heading the SIPD-RI
    // Tabel 4.1 (every program of the example stands under both).
    let moved = [
        ("1.742.500.000", "1.743.500.000", 3, "sub kegiatan"),
        ("10.134.500.000", "10.135.500.000", 3, "kegiatan"),
        ("12.969.500.000", "12.970.500.000", 3, "program"),
        ("104.805.250.000", "104.806.250.000", 7, "JUMLAH"),
    ];
    for (old, new, times, what) in moved {
        assert_eq!(before.matches(old).count(), times, "{what} before");
        assert_eq!(after.matches(old).count(), 0, "{what} still printed unchanged");
        assert_eq!(after.matches(new).count(), times, "{what} after");
    }
}

#[test]
fn an_unpadded_90_2019_code_fails_check_naming_it() {
    let text = std::fs::read_to_string(sipd_path()).unwrap();
    // The sub-kegiatan and its Tabel 2.1 row, which names it by kode.
    assert_eq!(text.matches("\"1.03.02.2.02.0003\"").count(), 2);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, text.replace("\"1.03.02.2.02.0003\"", "\"1.03.02.2.02.3\"")).unwrap();
    let output = renja().arg("check").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("galat[kode.bentuk]: kode sub kegiatan 1.03.02.2.02.3 tidak sesuai bentuk X.XX.XX.N.NN.NNNN"),
        "{err}"
    );
    assert!(err.contains("di: $.rencana.program[1].kegiatan[1].sub_kegiatan[2].kode"), "{err}");
    assert!(err.contains("saran: tulis 1.03.02.2.02.0003"), "{err}");
}

fn errors_of(value: &serde_json::Value) -> Vec<(String, String)> {
    let loaded = reparse(value);
    let computed = compute(&loaded.plan);
    check(&loaded.plan, &computed)
        .into_iter()
        .filter(|d| d.severity == renja::diagnostic::Severity::Error)
        .map(|d| (d.code.to_owned(), d.path.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn pagu_lives_only_on_the_lowest_level() {
    let mut value = sipd_json();
    value["rencana"]["program"][1]["kegiatan"][0]["pagu"] = json!(2_835_000_000u64);
    value["rencana"]["program"][1]["kegiatan"][1]["sub_kegiatan"][0].as_object_mut().unwrap().remove("pagu");
    assert_eq!(
        errors_of(&value),
        [
            ("pagu.bertingkat".to_owned(), "$.rencana.program[1].kegiatan[0].pagu".to_owned()),
            ("pagu.kosong".to_owned(), "$.rencana.program[1].kegiatan[1].sub_kegiatan[0]".to_owned()),
        ]
    );
}

#[test]
fn funding_sources_must_add_up_to_the_pagu() {
    let mut value = sipd_json();
    let sub = &mut value["rencana"]["program"][1]["kegiatan"][0]["sub_kegiatan"][0];
    assert_eq!(sub["sumber_dana"][1]["nama"], "DAK Fisik");
    sub["sumber_dana"][1]["pagu"] = json!(1_400_000_000u64);
    let loaded = reparse(&value);
    let computed = compute(&loaded.plan);
    let found: Vec<_> = check(&loaded.plan, &computed).into_iter().filter(|d| d.code == "dana.tidak_sama").collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path.as_deref(), Some("$.rencana.program[1].kegiatan[0].sub_kegiatan[0].sumber_dana"));
    assert_eq!(found[0].found.as_deref(), Some("2.350.000.000 (kurang 100.000.000)"));
}

#[test]
fn the_2019_era_keeps_free_width_codes_and_the_t_c_33_layout() {
    let (flagship, computed) = &*crate::support::FLAGSHIP;
    assert_eq!(renja::plan::Nomenklatur::of(&flagship.plan), renja::plan::Nomenklatur::P86_2017);
    assert!(check(&flagship.plan, computed).iter().all(|d| d.code != "kode.bentuk"));
    let tabel = renja::tabel::semua(&flagship.plan, computed);
    assert_eq!(tabel[5].kolom.len(), 8, "T-C.33 Tabel 4.1");
    let tabel = renja::tabel::semua(&SIPD.0.plan, &SIPD.1);
    assert_eq!(tabel[5].kolom.len(), 17, "SIPD-RI Tabel 4.1");
}

#[test]
fn diff_matches_sub_kegiatan_by_kode() {
    let mut value = sipd_json();
    let kegiatan = &mut value["rencana"]["program"][1]["kegiatan"][1];
    kegiatan["sub_kegiatan"][2]["pagu"] = json!(1_743_500_000u64);
    // A sub-kegiatan moved to the end is matched by its kode, not by its position.
    let first = kegiatan["sub_kegiatan"].as_array_mut().unwrap().remove(0);
    kegiatan["sub_kegiatan"].as_array_mut().unwrap().push(first);
    let p = renja::diff::compare(&SIPD.0.plan, &reparse(&value).plan, renja::diff::Options::default());
    let t = p.tabel("4.1").expect("Tabel 4.1 changed");
    let row = |kode: &str| {
        t.baris.iter().find(|b| b.kode == kode && b.baris_ke == 1).unwrap_or_else(|| panic!("{kode}: {:#?}", t.baris))
    };
    let pagu = row("1.03.02.2.02.0003").bidang("pagu").unwrap();
    assert_eq!((pagu.semula.as_deref(), pagu.menjadi.as_deref()), (Some("1.742.500.000"), Some("1.743.500.000")));
    assert_eq!(pagu.selisih.as_deref(), Some("+1.000.000"));
    let kegiatan = row("1.03.02.2.02").bidang("pagu").expect("the kegiatan total moved");
    assert_eq!((kegiatan.selisih.as_deref(), kegiatan.turunan), (Some("+1.000.000"), true));
    let moved = row("1.03.02.2.02.0001");
    assert!(moved.bidang.iter().all(|b| b.kunci == "urutan"), "{:#?}", moved.bidang);
    let jumlah = t.baris.iter().find(|b| b.jenis == renja::tabel::JenisBaris::Jumlah).unwrap();
    assert_eq!(jumlah.bidang("pagu").unwrap().selisih.as_deref(), Some("+1.000.000"));
}

#[test]
fn next_year_moves_each_sub_kegiatan_one_year_on() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("2028.json");
    let output = renja().arg("next-year").arg(sipd_path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let plan: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let sub = &plan["rencana"]["program"][1]["kegiatan"][1]["sub_kegiatan"][2];
    assert_eq!(sub["kode"], "1.03.02.2.02.0003");
    // Pagu 2028 ← the 2027 plan's prakiraan maju; target 2028 ← its target_maju, and the old
    // target 2027 becomes the estimate of n-1.
    assert_eq!(sub["pagu"], json!(1_800_000_000u64));
    assert!(sub.get("pagu_maju").is_none_or(serde_json::Value::is_null));
    assert_eq!(sub["indikator"][0]["target"], json!(138));
    assert_eq!(sub["indikator"][0]["prakiraan_n1"], json!(135));
    assert!(plan["rencana"]["program"][1]["kegiatan"][1].get("pagu").is_none_or(serde_json::Value::is_null));
    let err = stderr(&output);
    assert!(
        err.contains("$.rencana.program[1].kegiatan[1].sub_kegiatan[2].pagu_maju: pagu prakiraan maju Tahun 2029"),
        "{err}"
    );
    // The moved plan still checks without errors about pagu levels.
    let check = renja().arg("check").arg(&out).output().unwrap();
    let check_err = stderr(&check);
    assert!(!check_err.contains("pagu.bertingkat") && !check_err.contains("pagu.kosong"), "{check_err}");
}

// --- Names typed once ---------------------------------------------------------------------------

/// The example names its Tabel 2.1, Tabel 2.2 and pohon kinerja rows by kode only: the printed
/// names and indicators are the plan's.
#[test]
fn rows_named_by_kode_take_the_nodes_name_and_indicator() {
    let source = sipd_json();
    let first = &source["evaluasi"]["program"][0];
    // A shared program, named as the plan writes it (`X.XX` is the Perangkat Daerah's bidang).
    assert_eq!(first["kode"], "X.XX.01");
    assert!(first.get("nama").is_none() && first["indikator"].get("uraian").is_none(), "{first}");
    let plan = &SIPD.0.plan;
    let program = &plan.rencana.program[0];
    let evaluasi = &plan.evaluasi.program[0];
    assert_eq!(evaluasi.nama, program.nama);
    assert_eq!(evaluasi.indikator.uraian, program.indikator[0].uraian);
    assert_eq!(evaluasi.indikator.satuan, program.indikator[0].satuan);
    assert_eq!(evaluasi.kegiatan[0].nama, program.kegiatan[0].nama);
    let pohon = &plan.pohon_kinerja[0].sasaran[0].program[0];
    let jalan = plan.rencana.program.iter().find(|p| Some(&p.kode) == pohon.kode.as_ref()).unwrap();
    assert_eq!(
        (pohon.nama.as_str(), pohon.indikator.as_str()),
        (jalan.nama.as_str(), jalan.indikator[0].uraian.as_str())
    );
    assert!(plan.kinerja_pelayanan.program.iter().all(|b| !b.indikator.is_empty()));
    // And the PDF prints the taken name in Tabel 2.1 (its program row, under "Outcome :").
    let text = all_text(&SIPD_PDF);
    let awal: Vec<&str> = program.indikator[0].uraian.split_whitespace().take(2).collect();
    assert!(text.contains(&format!("Outcome : {}", awal.join(" "))), "{text}");
}

fn load_errors(value: &serde_json::Value) -> Vec<renja::diagnostic::Diagnostic> {
    let text = serde_json::to_string_pretty(value).unwrap();
    match renja::load::parse_bytes(std::path::Path::new("plan.json"), text.as_bytes()) {
        Err(renja::load::LoadError::Invalid { diagnostics, .. }) => diagnostics,
        Err(other) => panic!("{other:?}"),
        Ok(_) => panic!("loaded"),
    }
}

#[test]
fn an_unknown_kode_is_located_and_suggests_the_nearest() {
    let mut plan = sipd_json();
    plan["evaluasi"]["program"][0]["kode"] = json!("1.3.02");
    plan["evaluasi"]["program"][1]["kegiatan"][0]["kode"] = json!("1.03.02.2.0");
    // A shared program may also be named as printed.
    plan["evaluasi"]["program"][2]["kode"] = json!("1.03.01");
    plan["evaluasi"]["program"][2]["kegiatan"] = json!([]);
    let found = load_errors(&plan);
    assert_eq!(found.len(), 2, "{found:#?}");
    let program = &found[0];
    assert_eq!(program.code, "rujukan.kode_tidak_dikenal");
    assert_eq!(program.message, "kode program \"1.3.02\" tidak ada di $.rencana");
    assert_eq!(program.path.as_deref(), Some("$.evaluasi.program[0].kode"));
    assert_eq!(program.found.as_deref(), Some("\"1.3.02\""));
    assert_eq!(
        program.hint.as_deref(),
        Some(
            "maksud Anda \"1.03.02\"? Atau tulis \"nama\" baris ini sendiri bila program itu tidak ada di rencana tahun ini"
        )
    );
    assert!(program.location.is_some_and(|l| l.line > 1));
    let kegiatan = &found[1];
    assert_eq!(kegiatan.path.as_deref(), Some("$.evaluasi.program[1].kegiatan[0].kode"));
    // The nearest kegiatan of the row's own program.
    assert!(kegiatan.hint.as_deref().unwrap().starts_with("maksud Anda \"1.03.02.2.01\"?"), "{kegiatan:#?}");

    // Through the CLI: exit 1 (errors), the path and the hint on stderr.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.json");
    std::fs::write(&path, serde_json::to_string_pretty(&plan).unwrap()).unwrap();
    let out = renja().arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("$.evaluasi.program[0].kode") && err.contains("maksud Anda \"1.03.02\"?"), "{err}");
}

#[test]
fn a_past_program_carries_its_own_name_and_a_row_needs_a_name_or_a_kode() {
    // A program of Tabel 2.1 no longer in this year's plan: its kode is unknown, its name its own.
    let mut plan = sipd_json();
    let row = &mut plan["evaluasi"]["program"][0];
    row["kode"] = json!("1.03.09");
    row["nama"] = json!("Program Lama yang Telah Selesai");
    row["indikator"]["uraian"] = json!("Persentase capaian program lama");
    row["indikator"]["satuan"] = json!("%");
    let loaded = reparse(&plan);
    assert_eq!(loaded.plan.evaluasi.program[0].nama, "Program Lama yang Telah Selesai");

    // Neither name nor kode: each missing field named.
    let mut plan = sipd_json();
    plan["evaluasi"]["program"][0].as_object_mut().unwrap().remove("kode");
    plan["pohon_kinerja"][0]["sasaran"][0]["program"][0].as_object_mut().unwrap().remove("kode");
    let found = load_errors(&plan);
    let paths: Vec<_> = found.iter().map(|d| (d.code, d.path.clone().unwrap())).collect();
    assert_eq!(
        paths,
        [
            ("rujukan.tanpa_nama", "$.evaluasi.program[0].nama".to_owned()),
            ("rujukan.tanpa_nama", "$.evaluasi.program[0].indikator.uraian".to_owned()),
            ("rujukan.tanpa_nama", "$.evaluasi.program[0].indikator.satuan".to_owned()),
            ("rujukan.tanpa_nama", "$.pohon_kinerja[0].sasaran[0].program[0].nama".to_owned()),
            ("rujukan.tanpa_nama", "$.pohon_kinerja[0].sasaran[0].program[0].indikator".to_owned()),
        ]
    );
    assert_eq!(found[0].message, "baris tanpa \"nama\" dan tanpa \"kode\"");
}

// --- Tabel 2.1 down to sub-kegiatan ---------------------------------------------------------------

/// Tabel 2.1 of the example evaluates sub-kegiatan; a kegiatan with them is rated by their mean,
/// a program by its kegiatan's, and `pengaturan.tingkat_induk: "indikator_sendiri"` rates each
/// row on its own indicator instead. Figures divided by hand from the example's values.
#[test]
fn tabel_2_1_rates_a_kegiatan_by_its_sub_kegiatan_or_by_its_own_indicator() {
    let text = all_text(&SIPD_PDF);
    // Drainase (program V), kegiatan 1: sub-kegiatan 1.600/1.700 = 94,12%, 2.500/2.600 = 96,15%,
    // 19/20 = 95,00%; their mean 95,09% prints 95,1% (one decimal in this plan) on the kegiatan
    // and, as its only kegiatan, on the program; the kegiatan's own 4.100/4.200 (97,6%) is not used.
    // The page of the first sub-kegiatan of drainase (Tabel 2.1 comes first in the document) and
    // the page before it, where its program and kegiatan rows may stand.
    let pages = renja::typeset::page_texts(&SIPD_PDF.document);
    let at = pages.iter().position(|p| p.contains("Rehabilitasi Saluran")).unwrap();
    let rows: String = pages[at.saturating_sub(1)..=at].join("\n");
    for figure in ["94,1%", "96,2%", "95,0%", "95,1%"] {
        assert!(rows.contains(figure), "{figure} in\n{rows}");
    }
    assert!(
        text.contains("baris kegiatan yang memiliki sub kegiatan adalah rata-rata tingkat realisasi sub kegiatannya")
    );

    let mut plan = sipd_json();
    plan["pengaturan"]["tingkat_induk"] = json!("indikator_sendiri");
    let loaded = reparse(&plan);
    let computed = compute(&loaded.plan);
    let program = loaded.plan.evaluasi.program.iter().position(|p| p.kode.as_deref() == Some("1.03.06")).unwrap();
    let rate = |r: renja::compute::Rasio| r.nilai().unwrap().round_dp(2);
    // 4.100 / 4.200 = 97,62%; the program's own 63,2 / 64 = 98,75%.
    assert_eq!(rate(computed.evaluasi[program].kegiatan[0].baris.tingkat_realisasi), Decimal::new(9762, 2));
    assert_eq!(rate(computed.evaluasi[program].program.tingkat_realisasi), Decimal::new(9875, 2));
    let built = build_plan(&loaded);
    assert!(all_text(&built).contains("termasuk baris program, adalah kolom 7 dibagi kolom 6 indikatornya sendiri"));
}

/// A sub-kegiatan row of Tabel 2.1 names its node by kode; an unknown one suggests the nearest
/// sub-kegiatan of the same kegiatan.
#[test]
fn a_tabel_2_1_sub_kegiatan_row_takes_its_name_from_the_plan() {
    let plan = &SIPD.0.plan;
    let sub = &plan.evaluasi.program[0].kegiatan[0].sub_kegiatan[0];
    let node = &plan.rencana.program[0].kegiatan[0].sub_kegiatan[0];
    assert_eq!(sub.nama, node.nama);
    let mut value = sipd_json();
    value["evaluasi"]["program"][0]["kegiatan"][0]["sub_kegiatan"][0]["kode"] = json!("X.XX.01.2.01.001");
    let found = load_errors(&value);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "kode sub kegiatan \"X.XX.01.2.01.001\" tidak ada di $.rencana");
    assert!(found[0].hint.as_deref().unwrap().starts_with("maksud Anda \"1.03.01.2.01.0001\"?"), "{:#?}", found[0]);
}

#[test]
fn each_urusan_and_bidang_heading_of_the_sipd_table_carries_the_subtotal_of_its_programs() {
    // Program 1.03.12 moved under a second bidang, 1.04: the headings 1, 1.03 and 1.04 each
    // print the pagu of their programs, summed here from the sub-kegiatan of the plan file.
    let mut value = sipd_json();
    value["rencana"]["urusan"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "kode": "1.04", "nama": "Urusan Pemerintahan Bidang Perumahan" }));
    let last = value["rencana"]["program"].as_array().unwrap().len() - 1;
    assert_eq!(value["rencana"]["program"][last]["kode"], "1.03.12");
    // Every place that names the program by kode follows (Tabel 2.1, the pohon kinerja).
    fn rename(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) if s == "1.03.12" => *s = "1.04.12".to_owned(),
            serde_json::Value::Array(a) => a.iter_mut().for_each(rename),
            serde_json::Value::Object(o) => o.values_mut().for_each(rename),
            _ => {}
        }
    }
    rename(&mut value);
    let pagu = |p: &serde_json::Value, key: &str| -> i64 {
        p["kegiatan"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|k| k["sub_kegiatan"].as_array().unwrap())
            .map(|s| s[key].as_i64().unwrap_or(0))
            .sum()
    };
    let programs = value["rencana"]["program"].as_array().unwrap();
    let all: i64 = programs.iter().map(|p| pagu(p, "pagu")).sum();
    let moved = pagu(&programs[last], "pagu");
    let moved_maju = pagu(&programs[last], "pagu_maju");
    let loaded = reparse(&value);
    let tabel = renja::tabel::semua(&loaded.plan, &compute(&loaded.plan));
    let t41 = tabel.iter().find(|t| t.nomor.as_str() == "4.1").unwrap();
    let (kode, pagu_col, maju_col) =
        (t41.kolom_ke("kode").unwrap(), t41.kolom_ke("pagu").unwrap(), t41.kolom_ke("pagu_maju").unwrap());
    let heading = |k: &str| {
        t41.baris.iter().find(|b| b.jenis == renja::tabel::JenisBaris::Bidang && b.sel[kode].teks_isi() == k).unwrap()
    };
    let rp = |n: i64| renja::format::rupiah(Decimal::from(n));
    let shown = |b: &renja::tabel::Baris, c: usize| renja::tabel::cetak::sel(&b.sel[c], None, 0).into_owned();
    assert_eq!(shown(heading("1"), pagu_col), rp(all));
    assert_eq!(shown(heading("1.03"), pagu_col), rp(all - moved));
    assert_eq!(shown(heading("1.04"), pagu_col), rp(moved));
    assert_eq!(shown(heading("1.04"), maju_col), rp(moved_maju));
}

/// Tabel 2.2 of the example has 13 columns: a wide table stands on landscape pages, never
/// squeezed under its sentence on a portrait one, however few its rows.
#[test]
fn a_wide_tabel_2_2_stands_on_a_landscape_page() {
    let pages = renja::typeset::page_texts(&SIPD_PDF.document);
    let at = pages.iter().position(|p| p.lines().any(|l| l.trim() == "Tabel 2.2")).expect("Tabel 2.2 printed");
    let frame = &SIPD_PDF.document.pages()[at].frame;
    assert!(frame.width() > frame.height(), "Tabel 2.2 on a portrait page ({})", at + 1);
}

/// An urusan or bidang heading of the SIPD-RI Tabel 4.1 runs its name over the empty columns up
/// to its pagu (column 9), as SIPD-RI prints it, so that it reads on one or two lines, not in
/// the name column's width alone.
#[test]
fn an_urusan_heading_of_tabel_4_1_runs_over_the_empty_columns_to_its_pagu() {
    let tables = renja::tabel::semua(&SIPD.0.plan, &SIPD.1);
    let t41 = tables.iter().find(|t| t.nomor.as_str() == "4.1").unwrap();
    let t = renja::tabel::typst::TabelTypst::of(t41, renja::plan::Kertas::F4);
    let headings: Vec<_> = t.baris().iter().filter(|b| b.jenis == "bidang").collect();
    assert_eq!(headings.len(), 2, "urusan 1 and bidang 1.03");
    for b in headings {
        // No, kode, then the name over columns 3–8, then the pagu.
        let lebar: Vec<usize> = b.sel.iter().map(|s| s.lebar).collect();
        assert_eq!(&lebar[..3], &[1, 1, 6], "{:?}", b.sel);
        assert!(b.sel[2].teks.starts_with("URUSAN PEMERINTAHAN"), "{:?}", b.sel[2]);
        assert_eq!(b.sel[3].teks, "104.805.250.000");
    }
}
