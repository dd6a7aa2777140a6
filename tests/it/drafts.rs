//! Drafts: preview, watch, init and schema.

use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::time::Duration;

use assert_cmd::Command;

use crate::support::{example_path, flagship_path, root};

fn renja() -> Command {
    let mut cmd = Command::cargo_bin("renja").unwrap();
    cmd.env("NO_COLOR", "1").env("RUST_BACKTRACE", "0");
    cmd
}

fn pdf_text(path: &Path) -> String {
    let doc = lopdf::Document::load(path).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_default()
}

#[test]
fn preview_of_a_chapter_holds_only_that_chapter_and_the_watermark() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.pdf");
    let output = renja().arg("preview").arg(flagship_path()).args(["--bab", "II", "-o"]).arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let pdf = lopdf::Document::load(&out).unwrap();
    let pages = pdf.get_pages().len();
    assert!(pages > 5, "Bab II spans its tables: {pages} pages");
    // Each page carries the plan's stage as a watermark and the print time.
    for number in 1..=pages as u32 {
        let text = pdf.extract_text(&[number]).unwrap_or_default();
        assert!(
            text.contains("RANCANGAN AKHIR") || text.replace(char::is_whitespace, "").contains("RANCANGANAKHIR"),
            "page {number}"
        );
        assert!(text.contains("dicetak"), "page {number}");
    }
    let text = pdf_text(&out);
    assert!(text.contains("BAB II"));
    // What the other parts print (the decree block's TENTANG, Bab I's and Bab IV's titles) is
    // in the whole document but not in this preview.
    let whole = lopdf::Document::load_mem(&crate::support::FLAGSHIP_PDF.pdf).unwrap();
    let whole = whole.extract_text(&whole.get_pages().keys().copied().collect::<Vec<_>>()).unwrap_or_default();
    for other in ["TENTANG", "PENDAHULUAN", "BAB IV", "POHON"] {
        assert!(whole.contains(other), "{other} is printed somewhere in the whole document");
        assert!(!text.contains(other), "{other} leaked into the preview of Bab II");
    }
}

#[test]
fn preview_writes_one_png_per_page_and_never_the_final_name() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    std::fs::copy(flagship_path(), &plan).unwrap();
    let png = dir.path().join("png");
    let output =
        renja().arg("preview").arg(&plan).args(["--tabel", "2.1", "--ppi", "30", "--png"]).arg(&png).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let mut names: Vec<_> =
        std::fs::read_dir(&png).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["halaman-01.png", "halaman-02.png", "halaman-03.png"]);
    assert!(std::fs::read(png.join("halaman-01.png")).unwrap().starts_with(b"\x89PNG"));
    // The default PDF name of a preview differs from the final document's.
    let output = renja().arg("preview").arg(&plan).arg("--lampiran").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(dir.path().join("plan.pratinjau-lampiran.pdf").exists());
    assert!(!dir.path().join("plan.pdf").exists());
}

#[test]
fn init_writes_a_skeleton_of_either_era() {
    for (nomenklatur, sub_kegiatan) in [("86/2017", false), ("90/2019", true)] {
        let dir = tempfile::tempdir().unwrap();
        let output = renja().args(["init", "--nomenklatur", nomenklatur]).arg(dir.path()).output().unwrap();
        assert_eq!(output.status.code(), Some(0));
        let plan = dir.path().join("plan.json");
        let text = std::fs::read_to_string(&plan).unwrap();
        assert!(text.contains(&format!("\"nomenklatur\": \"{nomenklatur}\"")), "{text}");
        assert_eq!(text.contains("\"sub_kegiatan\""), sub_kegiatan, "{nomenklatur}");
        assert_eq!(text.contains("\"sipd-ri\""), sub_kegiatan, "{nomenklatur}");
        // Only the template text and the example values stand between the skeleton and a final
        // build.
        let marks = text.matches("(Ganti teks ini.)").count();
        let output = renja().arg("check").arg(&plan).output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(err.matches("galat[teks.templat]").count(), marks, "{nomenklatur}: {err}");
        let contoh = err.matches("galat[teks.contoh]").count();
        assert!(contoh > 0, "{nomenklatur}: {err}");
        assert!(err.contains(&format!("{} galat, 0 peringatan", marks + contoh)), "{nomenklatur}: {err}");
        let output = renja().arg("build").arg(&plan).arg("--draf").output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{nomenklatur}: {}", String::from_utf8_lossy(&output.stderr));
    }
}

#[test]
fn init_writes_a_plan_that_builds_as_a_draft_but_never_as_final() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("renja-baru");
    let output = renja().arg("init").arg(&target).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(target.join("plan.schema.json").exists());
    let plan = target.join("plan.json");
    let marks = renja::init::SKELETON.matches("(Ganti teks ini.)").count();
    // Every piece of template text is an error of its own, located in the plan.
    let output = renja().arg("check").arg(&plan).output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert_eq!(err.matches("galat[teks.templat]: teks templat belum diganti").count(), marks, "{err}");
    // And so is each of the skeleton's example values (identity, decree, signer, example rows).
    let contoh = err.matches("galat[teks.contoh]").count();
    assert!(err.contains(&format!("{} galat, 0 peringatan", marks + contoh)), "{err}");
    assert!(err.contains("plan.json:30:7") && err.contains("di: $.bab_1.latar_belakang.isi"), "{err}");
    // A final build refuses it and writes nothing.
    let output = renja().arg("build").arg(&plan).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!target.join("plan.pdf").exists());
    // A draft builds, the template text shown as warnings.
    let output = renja().arg("build").arg(&plan).arg("--draf").output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert_eq!(err.matches("peringatan[teks.templat]").count(), marks, "{err}");
    assert!(target.join("plan.pdf").exists());
    // A second init never overwrites the plan, and suggests a sensible name.
    let before = std::fs::read(&plan).unwrap();
    let output = renja().arg("init").arg(&target).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("mis. renja init renja-baru\n"));
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[test]
fn schema_is_current_validates_every_plan_and_rejects_a_broken_one() {
    let output = renja().arg("schema").output().unwrap();
    let printed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let committed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("plan.schema.json")).unwrap()).unwrap();
    assert_eq!(printed, committed, "plan.schema.json is stale: run `renja schema -o plan.schema.json`");
    let validator = jsonschema::validator_for(&printed).unwrap();
    let skeleton: serde_json::Value = serde_json::from_str(renja::init::SKELETON).unwrap();
    for (name, plan) in [
        ("plan.json", serde_json::from_str(&std::fs::read_to_string(flagship_path()).unwrap()).unwrap()),
        ("example", serde_json::from_str(&std::fs::read_to_string(example_path()).unwrap()).unwrap()),
        ("init", skeleton),
        ("init 90/2019", serde_json::from_str(&renja::init::skeleton(Some("90/2019"))).unwrap()),
        (
            "sipd example",
            serde_json::from_str(
                &std::fs::read_to_string(root().join("examples/dinas-pupr-kabupaten-temanggung-2027.json")).unwrap(),
            )
            .unwrap(),
        ),
    ] {
        let errors: Vec<String> =
            validator.iter_errors(&plan).map(|e| format!("{} at {}", e, e.instance_path)).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let mut broken = crate::support::flagship_json();
    broken["identitas"]["tahun"] = serde_json::json!("2019");
    broken["rencana"]["program"][0]["kegiatan"][0]["pagu"] = serde_json::json!("5.067.000");
    broken["identitas"]["perangkat_dearah"] = serde_json::json!("x");
    assert_eq!(validator.iter_errors(&broken).count(), 3);
}

/// The lines `renja watch` prints on standard error, as they come.
struct WatchLog(std::sync::mpsc::Receiver<String>);

impl WatchLog {
    fn of(child: &mut std::process::Child) -> WatchLog {
        let stderr = child.stderr.take().unwrap();
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        WatchLog(receive)
    }

    /// The next line holding one of `outcomes`, skipping others (diagnostics, warnings). The
    /// deadline only keeps a broken watcher from hanging the suite; nothing is timed.
    fn next(&self, outcomes: &[&str]) -> String {
        loop {
            let line = self.0.recv_timeout(Duration::from_secs(120)).expect("watch printed nothing more");
            if outcomes.iter().any(|o| line.contains(o)) {
                return line;
            }
        }
    }
}

/// Replaces the plan in one rename, so that the watcher sees one change, never a half file.
fn save(plan: &Path, text: &str) {
    let staged = plan.with_file_name("simpan.tmp");
    std::fs::write(&staged, text).unwrap();
    std::fs::rename(&staged, plan).unwrap();
}

#[test]
fn watch_rebuilds_on_save_and_survives_a_broken_plan() {
    const REBUILT: &str = "disusun ulang";
    const FAILED: &str = "gagal; PDF terakhir";
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let out = dir.path().join("plan.pdf");
    let original = std::fs::read_to_string(flagship_path()).unwrap();
    std::fs::write(&plan, &original).unwrap();
    let mut child = KillOnDrop(
        Process::new(assert_cmd::cargo::cargo_bin("renja"))
            .arg("watch")
            .arg(&plan)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let log = WatchLog::of(&mut child.0);
    let read = |p: &Path| std::fs::read(p).unwrap();
    // Each save below is one change, answered by exactly one line: rebuilt, or failed.
    let line = log.next(&[REBUILT, FAILED]);
    assert!(line.contains(REBUILT), "first build: {line}");
    let first = read(&out);
    assert!(pdf_text(&out).contains("5.067.000"));

    // One number changes: the PDF follows.
    save(&plan, &original.replacen("\"pagu\": 5067000", "\"pagu\": 5167000", 1));
    let line = log.next(&[REBUILT, FAILED]);
    assert!(line.contains(REBUILT), "rebuild after save: {line}");
    let second = read(&out);
    assert_ne!(second, first);
    assert!(pdf_text(&out).contains("5.167.000"));

    // A broken plan: the last good PDF stays, the watcher stays alive.
    save(&plan, &original[..original.len() / 2]);
    let line = log.next(&[REBUILT, FAILED]);
    assert!(line.contains(FAILED), "a broken plan: {line}");
    assert_eq!(read(&out), second, "a broken plan must not touch the last good PDF");
    assert!(child.0.try_wait().unwrap().is_none(), "watch exited on a broken plan");

    // Fixed again: rebuilt to the original content.
    save(&plan, &original);
    let line = log.next(&[REBUILT, FAILED]);
    assert!(line.contains(REBUILT), "rebuild after the fix: {line}");
    assert_eq!(read(&out), first);
}

/// A child process that is killed when the test ends, also when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_preview_is_numbered_like_the_whole_document() {
    use renja::document::{BuildOptions, build};
    use renja::render::{Pratinjau, Renderer};

    let whole = renja::typeset::page_texts(&crate::support::FLAGSHIP_PDF.document);
    let start = whole.iter().position(|t| t.contains("BAB III\n")).expect("BAB III in the flagship") + 1;
    let options = BuildOptions {
        pratinjau: Some(Pratinjau::Bab("3".into())),
        tanda_air: Some("DRAF".into()),
        dicetak: Some("2 Desember 2026 12:00 WIB".into()),
        paksa: true,
        ..Default::default()
    };
    let built = build(&crate::support::FLAGSHIP.0, &options, &Renderer::new()).unwrap();
    let texts = renja::typeset::page_texts(&built.document);
    for (i, text) in texts.iter().enumerate() {
        let number = (start + i).to_string();
        assert!(
            text.lines().any(|line| line.trim() == number),
            "preview page {} is not numbered {number}:\n{text}",
            i + 1
        );
    }
    assert!(texts.len() >= 3, "Bab III previewed on {} page(s)", texts.len());
}

/// A draft stays visibly a draft: a watermark made only of invisible characters is refused,
/// and `verify` states in its first line, from the PDF's own metadata, whether it is a draft.
#[test]
fn an_invisible_watermark_is_refused_and_verify_says_draft_or_final() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("renja.pdf");
    for invisible in ["\u{200B}", "\u{2060}", "\u{00AD}", " \u{200B} ", "\u{FEFF}\u{200D}"] {
        let output =
            renja().arg("build").arg(flagship_path()).arg("-o").arg(&out).args(["--draf", invisible]).output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{invisible:?}: {err}");
        assert!(err.contains("--draf: teks tanda air tidak memuat huruf atau angka yang terlihat"), "{err}");
        let code = format!("U+{:04X}", u32::from(invisible.trim().chars().next().unwrap()));
        assert!(err.contains(&code), "{code} not named: {err}");
        assert!(!out.exists(), "{invisible:?} wrote a PDF");
    }
    // A visible draft: the first line of verify says draft, with its text.
    let output =
        renja().arg("build").arg(flagship_path()).arg("-o").arg(&out).args(["--draf", "Uji Draf"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    crate::support::qpdf_check(&out);
    let output = renja().arg("verify").arg(&out).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(
        text.lines().next(),
        Some("dokumen: draf, bertanda air \"Uji Draf\" (menurut metadata PDF); bukan dokumen final"),
        "{text}"
    );
    // Without --plan it says what it could not establish.
    assert!(
        text.contains("catatan: tanpa --plan: dapat dipastikan hanya bahwa PDF cocok dengan berkas pendampingnya"),
        "{text}"
    );
    assert!(text.contains("TIDAK dipastikan bahwa PDF disusun dari rencana tertentu"), "{text}");
    assert!(text.contains("sumbernya belum dipastikan (tambahkan --plan PLAN)"), "{text}");
    // The final build of the same plan: its first line says final.
    let output = renja().arg("build").arg(flagship_path()).arg("-o").arg(&out).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    let output = renja().arg("verify").arg(&out).arg("--plan").arg(flagship_path()).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(text.lines().next(), Some("dokumen: final (tanpa tanda air draf, menurut metadata PDF)"), "{text}");
}

/// `renja init`, every "(Ganti teks ini.)" paragraph replaced by real sentences: a final build
/// still refuses, naming each example value the skeleton wrote at its path; a draft builds.
#[test]
fn the_skeletons_example_values_never_reach_a_final_document() {
    let dir = tempfile::tempdir().unwrap();
    let output = renja().arg("init").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let plan = dir.path().join("plan.json");
    let text = std::fs::read_to_string(&plan).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    replace_marked(&mut value);
    std::fs::write(&plan, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    assert!(!std::fs::read_to_string(&plan).unwrap().contains("(Ganti teks ini.)"));

    let output = renja().arg("build").arg(&plan).output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!dir.path().join("plan.pdf").exists());
    assert_eq!(err.matches("galat[teks.templat]").count(), 0, "{err}");
    for (path, shown) in [
        ("$.identitas.pemda", "Kabupaten Contoh"),
        ("$.identitas.kepala_daerah", "Bupati Contoh"),
        ("$.keputusan.jenis", "Keputusan Bupati Contoh"),
        ("$.keputusan.nomor", "000/     /KEP/2026"),
        ("$.penandatangan.jabatan", "Bupati Contoh"),
        ("$.penandatangan.nama", "NAMA KEPALA DAERAH"),
        ("$.evaluasi.urusan", "Urusan Pemerintahan Bidang Contoh"),
        ("$.pohon_kinerja[0].uraian", "Tuliskan tujuan Perangkat Daerah."),
    ] {
        let at = err.find(&format!("= di: {path}\n")).unwrap_or_else(|| panic!("{path} not reported:\n{err}"));
        let block = &err[err[..at].rfind("galat[").unwrap()..at];
        assert!(block.starts_with("galat[teks.contoh]") && block.contains(shown), "{path}: {block}");
    }
    // A draft still builds, listing them as warnings.
    let output = renja().arg("build").arg(&plan).arg("--draf").output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{err}");
    assert!(err.contains("peringatan[teks.contoh]"), "{err}");
}

/// Every string holding "(Ganti teks ini.)" becomes a sentence of a real plan.
fn replace_marked(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) if text.contains("(Ganti teks ini.)") => {
            *text = "Renja disusun berdasarkan hasil evaluasi pelaksanaan tahun lalu.".to_owned();
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(replace_marked),
        serde_json::Value::Object(map) => map.values_mut().for_each(replace_marked),
        _ => {}
    }
}
