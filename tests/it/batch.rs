//! `renja build a.json b.json dir/`: many plans in one process; one plan's failure is reported
//! and leaves the others (and its own earlier PDF) alone.

use crate::support::flagship_path;
use crate::support::{renja, stderr};

#[test]
fn a_batch_builds_the_good_plans_and_reports_the_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("opd");
    std::fs::create_dir(&plans).unwrap();
    let flagship = std::fs::read_to_string(flagship_path()).unwrap();
    std::fs::write(plans.join("a.json"), &flagship).unwrap();
    // A plan named on its own beside a directory, and listed twice: built once.
    let b = dir.path().join("b.json");
    std::fs::write(&b, &flagship).unwrap();
    let bad = flagship.replacen("\"kode\": \"4.5.1.1\"", "\"kode\": \"4.5.9.1\"", 1);
    assert_ne!(bad, flagship);
    std::fs::write(plans.join("rusak.json"), &bad).unwrap();
    let earlier = b"%PDF-1.7 versi sebelumnya".to_vec();
    std::fs::write(plans.join("rusak.pdf"), &earlier).unwrap();
    // Neither a schema nor a signing sidecar is a plan.
    std::fs::write(plans.join("plan.schema.json"), "{}").unwrap();
    std::fs::write(plans.join("lama.ttd.json"), "{}").unwrap();

    let output = renja().arg("build").arg(&plans).arg(&b).arg(&b).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    for pdf in [plans.join("a.pdf"), dir.path().join("b.pdf")] {
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}\n{err}", pdf.display()));
        assert!(bytes.starts_with(b"%PDF-"), "{}", pdf.display());
        let sidecar = std::fs::read_to_string(renja::output::checksum_path(&pdf)).unwrap();
        assert_eq!(sidecar, renja::output::checksum_line(&pdf, &bytes));
    }
    // The same plan gives the same bytes, built side by side in one process.
    assert_eq!(std::fs::read(plans.join("a.pdf")).unwrap(), std::fs::read(dir.path().join("b.pdf")).unwrap());
    assert_eq!(std::fs::read(plans.join("rusak.pdf")).unwrap(), earlier);
    assert!(!plans.join("rusak.pdf.sha256").exists());
    assert!(!plans.join("plan.schema.pdf").exists() && !plans.join("lama.ttd.pdf").exists());
    // The failure is located in its own file, and summarised.
    assert!(err.contains("kode kegiatan 4.5.9.1 tidak berada di bawah programnya"), "{err}");
    assert!(err.contains("rusak.json:"), "{err}");
    assert!(err.contains("rusak.pdf` tidak diubah"), "{err}");
    assert_eq!(err.matches("halaman,").count(), 2, "{err}");
    let last = err.lines().last().unwrap_or_default();
    assert!(last.starts_with("2 berhasil, 1 gagal ("), "{err}");
    assert!(err.contains("gagal: `") && err.contains("rusak.json`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn output_is_refused_for_more_than_one_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("satu.pdf");
    let output = renja().arg("build").arg(flagship_path()).arg(flagship_path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("-o hanya dapat dipakai untuk satu rencana"), "{}", stderr(&output));
    assert!(!out.exists());
}

#[test]
fn a_directory_without_plans_builds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.schema.json"), "{}").unwrap();
    let output = renja().arg("build").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("tidak berisi rencana"), "{err}");
    assert!(err.contains("tidak ada rencana (*.json) untuk disusun"), "{err}");
}

#[test]
fn one_thread_builds_the_plans_one_after_another() {
    // Regression: with plans as rayon tasks, a thread waiting inside Typst picked up the next
    // plan and built it on top of the unfinished one, so builds nested and finished out of
    // order (and every unfinished one stayed in memory). One thread must finish them in turn.
    let dir = tempfile::tempdir().unwrap();
    let flagship = std::fs::read_to_string(flagship_path()).unwrap();
    let names = ["a", "b", "c", "d"];
    for name in names {
        std::fs::write(dir.path().join(format!("{name}.json")), &flagship).unwrap();
    }
    let output = renja().env("RAYON_NUM_THREADS", "1").arg("build").arg(dir.path()).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    let finished: Vec<String> = err
        .lines()
        .filter(|line| line.contains(".pdf: "))
        .filter_map(|line| line.split(" → ").next())
        .filter_map(|plan| std::path::Path::new(plan).file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    assert_eq!(finished, names, "{err}");
}
