//! `renja next-year`: the flagship moved one year on, figures checked against the 2019 plan's
//! own numbers (read from plan.json here, not from the engine).

use serde_json::Value;

use crate::support::{flagship_path, renja, stderr};

fn next_year() -> (tempfile::TempDir, Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("n.json");
    let output = renja().arg("next-year").arg(flagship_path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let plan: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    (dir, plan, stderr(&output))
}

#[test]
fn the_year_moves_on_and_what_remains_to_fill_is_listed() {
    let (dir, plan, err) = next_year();
    assert_eq!(plan["identitas"]["tahun"], 2020);
    assert_eq!(plan["identitas"]["tahap"], "rancangan_awal");
    assert!(plan["keputusan"].get("tanggal").is_none_or(Value::is_null));
    // The list names each hole by its path and the year it is about.
    assert!(err.contains("$.evaluasi.program[1].kegiatan[0].indikator.realisasi_n2: realisasi Tahun 2018"), "{err}");
    assert!(err.contains("$.rencana.program[0].kegiatan[0].pagu_maju: pagu prakiraan maju Tahun 2021"), "{err}");
    assert!(err.contains("$.keputusan.nomor"), "{err}");

    // The result loads and checks (errors or warnings, never unreadable)…
    let path = dir.path().join("n.json");
    let check = renja().arg("check").arg(&path).output().unwrap();
    assert!(matches!(check.status.code(), Some(0 | 1)), "{}", stderr(&check));
    // …and a forced build says which year it is.
    let out = dir.path().join("n.pdf");
    let build = renja().arg("build").arg(&path).arg("-o").arg(&out).arg("--paksa").output().unwrap();
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let text = lopdf::Document::load(&out).unwrap();
    let text = text.extract_text(&[1]).unwrap_or_default();
    assert!(text.contains("Tahun 2020") || text.contains("TAHUN 2020"), "{text}");
}

#[test]
fn figures_move_one_year_exactly() {
    let old: Value = serde_json::from_str(&std::fs::read_to_string(flagship_path()).unwrap()).unwrap();
    let (_dir, new, _) = next_year();
    // Tabel 2.1, a cumulative kegiatan: column 5 absorbs the old realisation of n-2 (none + 2),
    // target n-2 ← old target n-1, realisation n-2 is empty, target n-1 ← the old plan's
    // target of year n for the same kegiatan (matched by name).
    let ev = |plan: &Value| plan["evaluasi"]["program"][1]["kegiatan"][0]["indikator"].clone();
    let (a, b) = (ev(&old), ev(&new));
    assert!(a["realisasi_sd_n3"].is_null() && a["realisasi_n2"] == 2);
    assert_eq!(b["realisasi_sd_n3"], 2);
    assert_eq!(b["target_n2"], a["target_n1"]);
    assert!(b.get("realisasi_n2").is_none_or(Value::is_null));
    // The plan: pagu and target of year n are the old prakiraan maju (5.067.000 → 6.776.000).
    let k = |plan: &Value| plan["rencana"]["program"][0]["kegiatan"][0].clone();
    assert_eq!((k(&old)["pagu"].clone(), k(&old)["pagu_maju"].clone()), (5_067_000.into(), 6_776_000.into()));
    assert_eq!(k(&new)["pagu"], 6_776_000);
    assert_eq!(k(&new)["indikator"][0]["target"], 1350, "written in today's shape: indikator is a list");
    assert!(k(&new).get("pagu_maju").is_none_or(Value::is_null));
    // Tabel 2.2: every series one column left, the last one empty.
    let line = |plan: &Value| plan["kinerja_pelayanan"]["program"][0]["nilai"][0].clone();
    let (a, b) = (line(&old), line(&new));
    assert_eq!(b["target"][0], a["target"][1]);
    assert_eq!(b["target"][2], a["target"][3]);
    assert!(b["target"][3].is_null() && b["realisasi"][1].is_null() && b["proyeksi"][1].is_null());
    // The total of the new year is the old prakiraan maju of every kegiatan.
    let total = |plan: &Value, key: &str| -> i64 {
        plan["rencana"]["program"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["kegiatan"].as_array().unwrap())
            .map(|k| k[key].as_i64().unwrap_or(0))
            .sum()
    };
    assert_eq!(total(&new, "pagu"), total(&old, "pagu_maju"));
    assert_eq!(total(&new, "pagu"), 1_435_410_925);
}

#[test]
fn next_year_never_overwrites_this_years_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::copy(flagship_path(), &plan).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let output = renja().arg("next-year").arg(&plan).arg("-o").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("sama dengan rencana tahun ini"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&plan).unwrap(), before);
    // Without -o it writes beside the plan, named by the new year.
    let output = renja().arg("next-year").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(dir.path().join("plan-2020.json").exists());
}

/// Each literal mention of the old year in the narrative: listed by `next-year`, and warned by
/// `check` on the result at the same paths (`identitas.tahun_asal` remembers the old year).
#[test]
fn literal_old_years_are_listed_and_warned_at_the_same_paths() {
    let (dir, plan, err) = next_year();
    assert_eq!(plan["identitas"]["tahun_asal"], 2019);
    let listed: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("ditulis harfiah"))
        .filter_map(|l| l.trim().strip_prefix("- ")?.split(':').next())
        .collect();
    assert!(!listed.is_empty(), "{err}");
    let check = renja().arg("check").arg(dir.path().join("n.json")).arg("--format").arg("json").output().unwrap();
    let report: Value = serde_json::from_slice(&check.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&check)));
    let warned: Vec<&str> = report["diagnostik"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["kode"] == "teks.tahun_asal")
        .map(|d| d["jalur"].as_str().unwrap())
        .collect();
    assert_eq!(warned, listed);
}
