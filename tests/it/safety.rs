//! Keamanan dan keandalan: the template sandbox, outputs that are not regular files, the output
//! set under interruption and concurrency, `renja verify`, and inputs that are not plain files.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::support::{Dir, FLAGSHIP_PLAN, flagship_path, listing, renja, stderr};

/// The text of a file outside the templates directory that must never reach a PDF.
const SECRET: &str = "RAHASIA-DI-LUAR-DIREKTORI-TEMPLAT";

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every PDF under `dir`, recursively.
fn pdfs(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() && !path.is_symlink() {
            found.extend(pdfs(&path));
        } else if path.extension().is_some_and(|e| e == "pdf") {
            found.push(path);
        }
    }
    found
}

/// A scratch directory holding `templat/` and, beside it, `luar/` with the secret.
fn sandbox() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templat");
    let outside = dir.path().join("luar");
    std::fs::create_dir(&templates).unwrap();
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("rahasia.txt"), SECRET).unwrap();
    std::fs::write(outside.join("lampiran.typ.j2"), format!("#pagebreak()\n= {SECRET}\n")).unwrap();
    (dir, templates, outside)
}

fn build_with(templates: &Path, out: &Path) -> Output {
    let output = renja()
        .arg("build")
        .arg(flagship_path())
        .arg("-o")
        .arg(out)
        .arg("--templates")
        .arg(templates)
        .output()
        .unwrap();
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
    output
}

/// The build fails, names the escape, and no PDF anywhere holds the secret.
fn assert_refused(output: &Output, scratch: &Path, what: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(1), "{what}: {err}");
    assert!(err.contains("di luar direktori --templates"), "{what}: {err}");
    assert!(!err.contains(SECRET), "{what}: the secret reached the message: {err}");
    for pdf in pdfs(scratch) {
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(!bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()), "{what}: {} holds it", pdf.display());
    }
    assert!(pdfs(scratch).is_empty(), "{what}: a PDF was written");
}

#[cfg(unix)]
#[test]
fn templates_cannot_escape_their_directory_through_a_symlinked_subdirectory() {
    let (dir, templates, outside) = sandbox();
    std::os::unix::fs::symlink(&outside, templates.join("sub")).unwrap();
    std::fs::write(templates.join("lampiran.typ.j2"), "#pagebreak()\n{% include \"sub/rahasia.txt\" %}\n").unwrap();
    let output = build_with(&templates, &dir.path().join("out.pdf"));
    assert_refused(&output, dir.path(), "symlinked subdirectory");
    // Located: the template and the line of the include.
    assert!(stderr(&output).contains("lampiran.typ.j2:2"), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn templates_cannot_escape_their_directory_through_a_symlinked_file() {
    let (dir, templates, outside) = sandbox();
    std::os::unix::fs::symlink(outside.join("lampiran.typ.j2"), templates.join("lampiran.typ.j2")).unwrap();
    let output = build_with(&templates, &dir.path().join("out.pdf"));
    assert_refused(&output, dir.path(), "symlinked template");
    assert!(stderr(&output).contains("lampiran.typ.j2` menunjuk ke"), "{}", stderr(&output));
}

#[cfg(unix)]
#[test]
fn the_typst_library_cannot_be_a_symlink_out_of_the_templates_directory() {
    let (dir, templates, outside) = sandbox();
    std::fs::write(outside.join("renja.typ"), renja::render::TYPST_LIBRARY.1).unwrap();
    std::os::unix::fs::symlink(outside.join("renja.typ"), templates.join("renja.typ")).unwrap();
    let output = build_with(&templates, &dir.path().join("out.pdf"));
    assert_refused(&output, dir.path(), "symlinked library");
}

#[cfg(unix)]
#[test]
fn a_symlink_that_stays_inside_the_templates_directory_is_fine() {
    let (dir, templates, _outside) = sandbox();
    std::fs::create_dir(templates.join("bagian")).unwrap();
    std::fs::write(templates.join("bagian/lampiran-asli.typ.j2"), "#pagebreak()\n= Lampiran Pemda\n").unwrap();
    std::os::unix::fs::symlink("bagian/lampiran-asli.typ.j2", templates.join("lampiran.typ.j2")).unwrap();
    let out = dir.path().join("out.pdf");
    let output = build_with(&templates, &out);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The linked template is the one used: the Lampiran is its page, not the built-in one.
    let pdf = lopdf::Document::load(&out).unwrap();
    let last = pdf.get_pages().len() as u32;
    let text = pdf.extract_text(&[last]).unwrap();
    assert!(text.contains("Lampiran Pemda") && !text.contains("POHON"), "{text}");
    assert_eq!(listing(dir.path()), ["luar", "out.pdf", "out.pdf.sha256", "out.ttd.json", "templat"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_as_a_template_is_refused_without_blocking() {
    let (dir, templates, _outside) = sandbox();
    let status = std::process::Command::new("mkfifo").arg(templates.join("lampiran.typ.j2")).status().unwrap();
    assert!(status.success());
    let output = build_with(&templates, &dir.path().join("out.pdf"));
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("bukan berkas biasa, melainkan sebuah FIFO"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Outputs that are not regular files

#[cfg(unix)]
#[test]
fn a_character_device_receives_the_pdf_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let device = dir.path().join("null");
    // A private copy of /dev/null (character device 1:3); creating one needs CAP_MKNOD.
    let made = std::process::Command::new("mknod").arg(&device).args(["c", "1", "3"]).output().unwrap();
    if !made.status.success() {
        eprintln!("skipped: mknod is not permitted here ({})", String::from_utf8_lossy(&made.stderr).trim());
        return;
    }
    let output = renja().arg("build").arg(flagship_path()).arg("-o").arg(&device).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(std::fs::metadata(&device).unwrap().file_type().is_char_device(), "the device was replaced");
    assert!(err.contains("bukan berkas biasa; PDF dikirim langsung ke sana tanpa berkas pendamping"), "{err}");
    assert_eq!(listing(dir.path()), ["null"], "sidecars or temporary files were written beside the device");
    for args in [&["schema", "-o"][..], &["tables", "--format", "json", "-o"]] {
        let mut command = renja();
        if args[0] == "tables" {
            command.arg("tables").arg(flagship_path()).args(&args[1..]);
        } else {
            command.args(args);
        }
        let output = command.arg(&device).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {}", stderr(&output));
        assert!(std::fs::metadata(&device).unwrap().file_type().is_char_device(), "{args:?} replaced the device");
    }
    assert_eq!(listing(dir.path()), ["null"]);
}

#[cfg(unix)]
#[test]
fn a_fifo_receives_the_pdf_directly() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipa");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            std::fs::File::open(&fifo).unwrap().read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let output = renja().arg("build").arg(flagship_path()).arg("-o").arg(&fifo).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let bytes = reader.join().unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"));
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(listing(dir.path()), ["pipa"]);
}

#[test]
fn a_dash_writes_the_pdf_to_standard_output_and_reads_the_plan_from_standard_input() {
    let plan = std::fs::read(flagship_path()).unwrap();
    let output = renja().args(["build", "-", "-o", "-"]).write_stdin(plan).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(output.stdout.starts_with(b"%PDF-"), "stdout is not a PDF");
    assert!(stderr(&output).contains("tanpa berkas pendamping"), "{}", stderr(&output));
    let checked = renja().args(["check", "-"]).write_stdin(std::fs::read(flagship_path()).unwrap()).output().unwrap();
    assert_eq!(checked.status.code(), Some(0), "{}", stderr(&checked));
    assert!(stderr(&checked).contains("<stdin>: 4 program"), "{}", stderr(&checked));
}

#[cfg(unix)]
#[test]
fn a_new_output_gets_a_normal_mode_not_the_old_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // What this process's umask makes of a new ordinary file (0666 less umask).
    let probe = dir.path().join("probe");
    std::fs::write(&probe, b"").unwrap();
    let ordinary = std::fs::metadata(&probe).unwrap().permissions().mode() & 0o777;
    let out = dir.path().join("out.pdf");
    std::fs::write(&out, b"versi lama").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o666)).unwrap();
    let output = renja().arg("build").arg(flagship_path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for path in [out.clone(), renja::output::checksum_path(&out), renja::output::ttd_path(&out)] {
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644 & ordinary, "{}: mode {mode:o}", path.display());
    }
}

// ---------------------------------------------------------------------------------------------
// The output set and `renja verify`

fn build(plan: &Path, out: &Path) -> Output {
    let output = renja().arg("build").arg(plan).arg("-o").arg(out).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    crate::support::qpdf_check(out);
    output
}

#[test]
fn verify_confirms_a_build_and_catches_one_changed_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("renja.pdf");
    let plan = dir.path().join("plan.json");
    std::fs::copy(flagship_path(), &plan).unwrap();
    build(&plan, &out);

    let output = renja().arg("verify").arg(&out).arg("--plan").arg(&plan).output().unwrap();
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(text.contains("identik byte demi byte"), "{text}");
    assert!(text.contains("hasil: `"), "{text}");

    // One byte of the PDF changed, the sidecars left as they were.
    let mut bytes = std::fs::read(&out).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&out, &bytes).unwrap();
    let output = renja().arg("verify").arg(&out).arg("--plan").arg(&plan).output().unwrap();
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("TIDAK COCOK: `") && text.contains(".sha256` mencatat SHA-256"), "{text}");
    assert!(text.contains("berbeda mulai byte ke-"), "{text}");

    // A plan that is not the source.
    let mut other = std::fs::read_to_string(&plan).unwrap();
    other = other.replacen("\"nama\"", "\"nama\" ", 1);
    std::fs::write(&plan, other).unwrap();
    let output = renja().arg("verify").arg(&out).arg("--plan").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    assert!(stdout(&output).contains("yang tercatat"), "{}", stdout(&output));

    // No PDF at all.
    let output = renja().arg("verify").arg(dir.path().join("tidak-ada.pdf")).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("tidak ditemukan"), "{}", stderr(&output));
}

#[test]
fn verify_rebuilds_with_the_recorded_options() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("draf.pdf");
    let output = renja()
        .arg("build")
        .arg(flagship_path())
        .arg("-o")
        .arg(&out)
        .args(["--kertas", "f4", "--ttd", "elektronik", "--draf", "UJI"])
        .env("SOURCE_DATE_EPOCH", "1543536000")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(renja::output::ttd_path(&out)).unwrap()).unwrap();
    assert_eq!(record["opsi"]["kertas"], "f4");
    assert_eq!(record["opsi"]["ttd"], "elektronik");
    assert_eq!(record["opsi"]["tanda_air"], "UJI");
    let output = renja().arg("verify").arg(&out).arg("--plan").arg(flagship_path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn the_plan_checksum_is_of_the_files_bytes_with_its_bom() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("bom.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(std::fs::read(flagship_path()).unwrap());
    std::fs::write(&plan, &bytes).unwrap();
    let out = dir.path().join("bom.pdf");
    build(&plan, &out);
    let record: serde_json::Value =
        serde_json::from_slice(&std::fs::read(renja::output::ttd_path(&out)).unwrap()).unwrap();
    assert_eq!(record["rencana_sha256"], renja::files::sha256_hex(&bytes));
}

/// Two builds of different plans to one output at once: afterwards the set is one build's.
#[test]
fn concurrent_builds_to_one_output_leave_one_consistent_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("renja.pdf");
    let other = dir.path().join("lain.json");
    let text = std::fs::read_to_string(flagship_path()).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["bab_5"]["isi"] = serde_json::Value::from("Rencana lain untuk uji bersamaan.");
    std::fs::write(&other, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    for round in 0..2 {
        let spawn = |plan: &Path| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("renja"))
                .arg("build")
                .arg(plan)
                .arg("-o")
                .arg(&out)
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut a, mut b) = (spawn(&flagship_path()), spawn(&other));
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success(), "round {round}");
        let output = renja().arg("verify").arg(&out).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "round {round}: {}", stdout(&output));
        assert_eq!(listing(dir.path()), ["lain.json", "renja.pdf", "renja.pdf.sha256", "renja.ttd.json"]);
    }
}

/// A directory holding `lain.json`, a plan whose PDF differs from the flagship's.
#[cfg(unix)]
fn other_plan() -> Dir {
    let mut value = crate::support::flagship_json();
    value["bab_5"]["isi"] = serde_json::Value::from("Rencana lain untuk uji penghentian.");
    let plans = Dir::new();
    plans.create("lain.json", serde_json::to_string_pretty(&value).unwrap());
    plans
}

#[cfg(unix)]
const THE_SET: [&str; 3] = ["renja.pdf", "renja.pdf.sha256", "renja.ttd.json"];

/// SIGTERM, like Ctrl-C, while a new set is half written (temporary files written, none
/// renamed): the earlier set stays whole and verified, and no temporary file or lock is left.
#[cfg(unix)]
#[test]
fn a_terminated_build_leaves_the_earlier_set_and_no_temporary_file() {
    let dir = Dir::new();
    dir.renja(["build", FLAGSHIP_PLAN, "-o", "renja.pdf"]).exits(0);
    let before = THE_SET.map(|name| dir.read(name));
    let plans = other_plan();
    let other = plans.join("lain.json");
    let held = dir.renja_held(["build", other.to_str().unwrap(), "-o", "renja.pdf"], "RENJA_TEST_HOLD_WRITTEN");
    assert!(dir.listing().iter().any(|n| n.ends_with(".tmp")), "{:?}", dir.listing());
    held.signal("TERM").exits(130).says("dibatalkan");
    assert_eq!(dir.listing(), THE_SET);
    assert!(THE_SET.map(|name| dir.read(name)) == before, "the earlier set changed");
    dir.renja(["verify", "renja.pdf"]).exits(0);
}

// ---------------------------------------------------------------------------------------------
// Inputs that are not plain files

#[cfg(unix)]
#[test]
fn a_fifo_as_a_plan_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.json");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let output = renja().arg("check").arg(&fifo).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("bukan berkas biasa, melainkan sebuah FIFO (pipa bernama)"), "{err}");
    assert!(err.contains("pakai `-`"), "{err}");
}

#[test]
fn a_plan_over_the_size_limit_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("besar.json");
    // Sparse: no disk is used, and renja must not read it to find out.
    std::fs::File::create(&plan).unwrap().set_len(renja::files::MAX_INPUT_BYTES + 1).unwrap();
    let output = renja().arg("check").arg(&plan).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("melebihi batas 64 MB"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_device_as_a_plan_is_refused() {
    let output = renja().args(["check", "/dev/zero"]).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("bukan berkas biasa, melainkan sebuah perangkat"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// `check` clean ⇒ `build` succeeds

mod check_clean_builds {
    use proptest::prelude::*;
    use proptest::test_runner::Config;
    use serde_json::Value;

    use crate::support::{flagship_json, reparse};

    /// A clean case typesets a whole document (about half a second); the others only check.
    fn typesetting() -> Config {
        Config {
            cases: 40,
            max_shrink_iters: 16,
            failure_persistence: None,
            rng_seed: crate::support::benih_typeset(),
            ..Config::default()
        }
    }

    /// A name: usually short and ordinary, sometimes any Unicode, sometimes very long.
    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            12 => "[A-Z][a-z]{2,12}( [A-Z][a-z]{2,12}){0,4}",
            1 => any::<String>().prop_map(|s| s.chars().take(30).collect::<String>()),
            1 => (0usize..2_000).prop_map(|n| "Dinas ".chars().cycle().take(n).collect::<String>()),
            1 => (15_000usize..20_000).prop_map(|n| "Badan ".chars().cycle().take(n).collect::<String>()),
        ]
    }

    fn date() -> impl Strategy<Value = Value> {
        prop_oneof![
            Just(Value::Null),
            (1900i32..2200, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| Value::from(format!("{y:04}-{m:02}-{d:02}"))),
        ]
    }

    /// A kegiatan name: ordinary, or one long word without spaces (Typst cannot write a word
    /// of 16,384 characters or more into a PDF/A string).
    fn kegiatan_name() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => "[A-Z][a-z]{2,12}( [a-z]{2,12}){0,8}",
            1 => (900usize..20_000).prop_map(|n| "B".repeat(n)),
        ]
    }

    #[derive(Debug)]
    struct Mutation {
        kegiatan: String,
        perangkat_daerah: String,
        pemda: String,
        nama: String,
        lebar_mm: u32,
        tinggi_mm: u32,
        awal: i32,
        panjang: i32,
        tahun: i32,
        elektronik: bool,
        f4: bool,
        tanggal: Value,
    }

    fn mutation() -> impl Strategy<Value = Mutation> {
        (
            (name(), name(), name(), kegiatan_name()),
            (prop_oneof![6 => 20u32..=75, 1 => 0u32..400], prop_oneof![6 => 10u32..=100, 1 => 0u32..400]),
            (
                prop_oneof![6 => 2010i32..2030, 1 => 1900i32..2200],
                prop_oneof![6 => 0i32..=10, 1 => -2i32..30],
                prop_oneof![6 => 2016i32..2022, 1 => 1900i32..2250],
            ),
            (any::<bool>(), any::<bool>(), date()),
        )
            .prop_map(
                |(
                    (perangkat_daerah, pemda, nama, kegiatan),
                    (lebar_mm, tinggi_mm),
                    (awal, panjang, tahun),
                    (elektronik, f4, tanggal),
                )| {
                    Mutation {
                        kegiatan,
                        perangkat_daerah,
                        pemda,
                        nama,
                        lebar_mm,
                        tinggi_mm,
                        awal,
                        panjang,
                        tahun,
                        elektronik,
                        f4,
                        tanggal,
                    }
                },
            )
    }

    fn apply(m: &Mutation) -> Value {
        let mut plan = flagship_json();
        plan["rencana"]["program"][0]["kegiatan"][0]["nama"] = Value::from(m.kegiatan.as_str());
        plan["identitas"]["perangkat_daerah"] = Value::from(m.perangkat_daerah.as_str());
        plan["identitas"]["pemda"] = Value::from(m.pemda.as_str());
        plan["identitas"]["tahun"] = Value::from(m.tahun);
        // The flagship's free-width codes belong to Permendagri 86/2017, whatever the year.
        plan["identitas"]["nomenklatur"] = Value::from("86/2017");
        plan["identitas"]["periode_renstra"] = serde_json::json!({ "awal": m.awal, "akhir": m.awal + m.panjang });
        plan["penandatangan"]["nama"] = Value::from(m.nama.as_str());
        plan["penandatangan"]["ttd"] = Value::from(if m.elektronik { "elektronik" } else { "basah" });
        plan["penandatangan"]["ttd_elektronik"] =
            serde_json::json!({ "lebar_mm": m.lebar_mm, "tinggi_mm": m.tinggi_mm });
        if !m.tanggal.is_null() {
            plan["penandatangan"]["tanggal"] = m.tanggal.clone();
        }
        plan["pengaturan"]["kertas"] = Value::from(if m.f4 { "f4" } else { "a4" });
        plan
    }

    /// What `check` passes, `build` builds: no Typst error (a PDF/A string limit, a box off
    /// the page) is left for the build to find. Plans with errors are generated too, and must
    /// be refused by `check`; at least one generated plan must be clean and built.
    #[test]
    fn a_plan_that_checks_clean_builds() {
        let built = std::cell::Cell::new(0usize);
        let mut runner = proptest::test_runner::TestRunner::new(typesetting());
        let result = runner.run(&mutation(), |m| {
            let loaded = reparse(&apply(&m));
            let computed = renja::compute::compute(&loaded.plan);
            let diagnostics = renja::check::check(&loaded.plan, &computed);
            if diagnostics.iter().any(|d| d.is_error()) {
                return Ok(());
            }
            let result = renja::document::build(
                &loaded,
                &renja::document::BuildOptions::default(),
                &renja::render::Renderer::new(),
            );
            prop_assert!(
                result.is_ok(),
                "checks clean but does not build: {}",
                result.err().map(|e| e.to_string()).unwrap_or_default()
            );
            built.set(built.get() + 1);
            Ok(())
        });
        if let Err(failure) = result {
            panic!("{failure}");
        }
        assert!(built.get() >= 1, "no generated plan checked clean");
    }
}

// ---------------------------------------------------------------------------------------------
// Operating-system errors in Indonesian

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_in_indonesian() {
    // /dev/full: every write fails with "No space left on device".
    let output = renja().arg("build").arg(flagship_path()).args(["-o", "/dev/full"]).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("galat: gagal menulis `/dev/full` (disk penuh)"), "{err}");
    assert!(err.contains("saran: kosongkan ruang disk"), "{err}");
    assert!(!err.contains("os error") && !err.contains("No space left"), "{err}");
}

#[test]
fn a_directory_as_a_plan_gets_a_fitting_hint() {
    let dir = tempfile::tempdir().unwrap();
    let output = renja().arg("check").arg(dir.path()).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{err}");
    assert!(err.contains("bukan berkas biasa, melainkan sebuah direktori"), "{err}");
    assert!(!err.contains("periksa izin berkas"), "{err}");
}

#[test]
fn a_forced_build_with_an_unprintable_character_points_at_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("emoji.json");
    let mut value = crate::support::flagship_json();
    value["rencana"]["program"][0]["kegiatan"][0]["nama"] = serde_json::Value::from("Rapat 🙂 koordinasi");
    std::fs::write(&plan, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let output =
        renja().arg("build").arg(&plan).arg("--paksa").arg("-o").arg(dir.path().join("x.pdf")).output().unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("[teks.karakter_tidak_tersedia]") && err.contains("di: $.rencana.program[0].kegiatan[0].nama"),
        "{err}"
    );
    assert!(err.contains("teks \"🙂\" tidak dapat dicetak dengan huruf dokumen"), "{err}");
    assert_eq!(err.matches("tidak dapat dicetak dengan huruf dokumen (tidak ada glyph-nya)").count(), 1, "{err}");
    assert!(!err.contains("could not be displayed") && !err.contains("try using"), "{err}");
}

/// A hard kill (no handler runs) leaves whole files: the old set, the new set, or sidecars
/// renamed before the PDF, which `renja verify` reports as a mismatch. Killed at the two points
/// of `write_set` where it matters: before any rename, and between the sidecars and the PDF.
#[cfg(unix)]
#[test]
fn a_killed_build_leaves_whole_files_and_any_mismatch_is_detected() {
    let dir = Dir::new();
    let plans = other_plan();
    let other = plans.join("lain.json");
    let build_other = ["build", other.to_str().unwrap(), "-o", "renja.pdf"];
    dir.renja(["build", FLAGSHIP_PLAN, "-o", "renja.pdf"]).exits(0);
    let old_set = THE_SET.map(|name| dir.read(name));

    // Before any rename: the old set, whole and verified; the temporary files stay (no handler
    // runs on SIGKILL) but are named as renja's own.
    dir.renja_held(build_other, "RENJA_TEST_HOLD_WRITTEN").signal("KILL");
    assert!(THE_SET.map(|name| dir.read(name)) == old_set, "a kill before the renames changed the set");
    dir.renja(["verify", "renja.pdf"]).exits(0);
    let strays: Vec<_> = dir.listing().into_iter().filter(|n| !THE_SET.contains(&n.as_str())).collect();
    assert!(!strays.is_empty() && strays.iter().all(|n| n.starts_with(".renja")), "{strays:?}");
    for stray in strays {
        std::fs::remove_file(dir.join(&stray)).unwrap();
    }

    // Sidecars renamed, PDF not yet: the PDF is the old one, whole, and `verify` names the
    // mismatch with the checksum the new sidecar records.
    dir.renja_held(build_other, "RENJA_TEST_HOLD_RENAMING").signal("KILL");
    let pdf = dir.read("renja.pdf");
    assert!(pdf == old_set[0], "the PDF was replaced");
    let sidecar = String::from_utf8(dir.read("renja.pdf.sha256")).unwrap();
    assert!(!sidecar.starts_with(&crate::support::sha256(&pdf)), "the sidecar is still the old one: {sidecar}");
    dir.renja(["verify", "renja.pdf"]).exits(1).prints(&format!("PDF ini {}", crate::support::sha256(&pdf)));
}
