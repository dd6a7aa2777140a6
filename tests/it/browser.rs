//! `renja serve` in a real browser: headless Chromium driven through chromedriver by Python
//! selenium (`tests/browser/editor.py`, in the virtual environment `.ci/run` makes). A planner's
//! two first moves: raise a pagu by typing, and mistype a kode. The saved plan and the JUMLAH
//! shown move by exactly the amount typed, the kode's error appears beside it, and the browser's
//! console stays free of errors. Screenshots go to `target/serve-*.png`.

use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::serve::Server;
use crate::support::{flagship_path, root};

/// The virtual environment with selenium (`RENJA_SELENIUM_VENV` overrides).
fn venv_python() -> PathBuf {
    let venv =
        std::env::var_os("RENJA_SELENIUM_VENV").map_or_else(|| root().join("target/venv-selenium"), PathBuf::from);
    venv.join("bin/python")
}

fn tool(variable: &str, default: &str) -> PathBuf {
    std::env::var_os(variable).map_or_else(|| PathBuf::from(default), PathBuf::from)
}

#[test]
fn a_planner_edits_in_chromium_and_sees_the_saved_amount_and_the_located_error() {
    let python = venv_python();
    let chromium = tool("RENJA_CHROMIUM", "/usr/bin/chromium");
    let chromedriver = tool("RENJA_CHROMEDRIVER", "/usr/bin/chromedriver");
    let missing: Vec<String> =
        [&python, &chromium, &chromedriver].iter().filter(|p| !p.exists()).map(|p| p.display().to_string()).collect();
    if !missing.is_empty() {
        // CI must run it: there, a missing browser is a failure, not a skip.
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{missing:?} missing in CI (see .ci/run)");
        eprintln!("skipped: no browser test environment ({})", missing.join(", "));
        return;
    }
    // The input workbook of the flagship as the planner will have it after typing: the first
    // kegiatan's pagu raised by 1.000.000. Uploaded last, it must leave that pagu as typed.
    let made = tempfile::tempdir().unwrap();
    let mut value: serde_json::Value = serde_json::from_slice(&std::fs::read(flagship_path()).unwrap()).unwrap();
    let raised = crate::serve::pagu(&flagship_path(), 0, 0) + Decimal::from(1_000_000);
    value["rencana"]["program"][0]["kegiatan"][0]["pagu"] = raised.to_string().parse().unwrap();
    std::fs::write(made.path().join("isian.json"), value.to_string()).unwrap();
    let workbook = made.path().join("isian.xlsx");
    let output = crate::support::renja()
        .current_dir(made.path())
        .args(["workbook", "isian.json", "-o", "isian.xlsx"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", crate::support::stderr(&output));
    let server = Server::start(&flagship_path());
    let before = crate::serve::pagu(&server.plan, 0, 0);
    let shots = root().join("target");
    let home = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(&python)
        .arg(root().join("tests/browser/editor.py"))
        .arg(&server.address)
        .arg(&shots)
        .arg(&workbook)
        .env("HOME", home.path())
        .env("SE_OFFLINE", "true")
        .env("RENJA_CHROMIUM", &chromium)
        .env("RENJA_CHROMEDRIVER", &chromedriver)
        .output()
        .unwrap();
    let (out, err) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "editor.py failed:\n{out}\n{err}");
    let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"));
    eprintln!("browser: {report}");
    let decimal = |key: &str| -> Decimal { report[key].as_str().unwrap().parse().unwrap() };
    let shown = |key: &str| renja::format::parse_angka(report[key].as_str().unwrap()).unwrap();
    let delta = Decimal::from(1_000_000);
    // The input showed the saved pagu as the document prints it; the planner typed it + 1.000.000.
    assert_eq!(shown("pagu_tampil_sebelum"), before);
    assert_eq!(shown("pagu_diketik"), before + delta);
    // The file holds exactly that, and the JUMLAH shown moved by exactly that amount.
    assert_eq!(crate::serve::pagu(&server.plan, 0, 0), before + delta);
    assert_eq!(decimal("jumlah_sesudah") - decimal("jumlah_sebelum"), delta);
    assert_eq!(shown("jumlah_tampil_sesudah") - shown("jumlah_tampil_sebelum"), delta);
    assert_eq!(report["tersimpan"], true);
    assert!(report["pratinjau_halaman"].as_u64().unwrap() > 0, "the preview shows pages");
    // Three changes in quick succession: the last one typed is the one saved (the upload at
    // the end then brought the workbook's values back: the backups hold each version).
    let maju = report["pagu_maju_diketik"].as_array().unwrap();
    let backups = renja::serve::editor::backup_dir(&server.plan);
    let typed_last = (1..=renja::serve::editor::BACKUPS).any(|n| {
        let kept = std::fs::read(backups.join(format!("{n}.json"))).unwrap_or_default();
        let kept: serde_json::Value = serde_json::from_slice(&kept).unwrap_or_default();
        &kept["rencana"]["program"][0]["kegiatan"][0]["pagu_maju"] == maju.last().unwrap()
    });
    assert!(typed_last, "the last pagu_maju typed was saved");
    // The malformed kode: an alert inside its field's block, naming the rule and the value.
    let codes: Vec<&str> = report["kode_alert_kode"].as_array().unwrap().iter().filter_map(|c| c.as_str()).collect();
    assert!(codes.contains(&"kode.format"), "{report}");
    assert_eq!(report["tautan_ke_kolom"], true, "the finding's link shows its field");
    let alerts = report["peringatan_kode"].to_string();
    assert!(alerts.contains("kode tidak valid") && alerts.contains("4.5.x.1"), "{alerts}");
    // No console error, not even an image of a preview replaced while it loaded.
    assert_eq!(report["konsol"], serde_json::json!([]), "browser console errors");
    // Tabel 2.4 as a grid: a row added by its button, its lokasi typed in its cell and saved.
    assert_eq!(report["baris_baru_tersimpan"], true, "{report}");
    assert_eq!(report["lokasi_tampil"], "Kec. Kepanjen");
    assert_eq!(report["sel_dalam_kisi"], true);
    let header = report["judul_kolom"].to_string();
    assert!(header.contains("Lokasi") && header.contains("Program/kegiatan"), "{header}");
    assert_eq!(report["daftar_kode"], "kode-program", "Tabel 2.1's kode offers the plan's program codes");
    // The upload went through renja import and was saved (the saved row is the workbook's).
    let imported = report["impor_pesan"].as_str().unwrap();
    assert!(imported.contains("isian.xlsx diimpor"), "{imported}");
    assert!(
        std::fs::read_to_string(backups.join("1.json")).unwrap().contains("Kec. Kepanjen"),
        "backup 1 is the plan before the upload"
    );
    for shot in ["serve-pagu.png", "serve-kode.png", "serve-kisi.png", "serve-tabel-2-1.png", "serve-impor.png"] {
        assert!(std::fs::metadata(shots.join(shot)).unwrap().len() > 10_000, "{shot} was taken");
    }
}
