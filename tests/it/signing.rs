//! The `--ttd elektronik` build is signable: a real PAdES signer (pyHanko) signs it in a field at
//! the box `NAME.ttd.json` gives, and the signature validates, covers the whole file, and leaves
//! the PDF/A identification in place. `.ci/run` installs pyHanko into `target/venv-pyhanko`.
//! `renja verify` then confirms the signed file against its plan, catches a changed byte inside
//! the signed revision and reports an update appended after the signature; poppler's `pdfsig`
//! reads the same signature.

use std::path::{Path, PathBuf};

use crate::support::{flagship_path, qpdf_check, renja, root, stderr};

/// The virtual environment `.ci/run` makes (`RENJA_PYHANKO_VENV` overrides).
fn venv_python() -> PathBuf {
    let venv = std::env::var_os("RENJA_PYHANKO_VENV").map_or_else(|| root().join("target/venv-pyhanko"), PathBuf::from);
    venv.join("bin/python")
}

#[test]
fn an_electronic_build_signs_and_validates_with_pyhanko() {
    let python = venv_python();
    if !python.exists() {
        // CI must run it: there, a missing signer is a failure, not a skip.
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{} missing in CI (see .ci/run)", python.display());
        eprintln!("skipped: no pyHanko virtual environment at {}", python.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("renja.pdf");
    let output =
        renja().arg("build").arg(flagship_path()).arg("-o").arg(&out).args(["--ttd", "elektronik"]).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let signed = dir.path().join("renja.ditandatangani.pdf");
    let result = std::process::Command::new(&python)
        .arg(root().join("tests/sign/sign_and_validate.py"))
        .arg(&out)
        .arg(renja::output::ttd_path(&out))
        .arg(&signed)
        .output()
        .unwrap();
    let (text, err) = (String::from_utf8_lossy(&result.stdout), String::from_utf8_lossy(&result.stderr));
    assert!(result.status.success(), "pyHanko failed:\n{text}\n{err}");
    assert!(text.contains("cakupan: seluruh berkas"), "{text}");
    // The signed file is the original plus an incremental update: the signed bytes are ours.
    let original = std::fs::read(&out).unwrap();
    let signed_bytes = std::fs::read(&signed).unwrap();
    assert!(signed_bytes.starts_with(&original));
    qpdf_check(&out);
    qpdf_check(&signed);

    // poppler reads the same signature: its field, its signer, the whole document signed, and
    // an intact signature (the self-signed certificate is, rightly, not trusted). pdfsig exits 0
    // either way, so its words are what is checked.
    let pdfsig =
        std::process::Command::new("pdfsig").arg(&signed).output().expect("pdfsig (poppler-utils) is required");
    let text = String::from_utf8_lossy(&pdfsig.stdout);
    for line in [
        "Signature #1:",
        "- Signature Field Name: TandaTangan",
        "- Signer Certificate Common Name: Penanda Tangan Uji renja",
        "- Total document signed",
        "- Signature Validation: Signature is Valid.",
    ] {
        assert!(text.lines().any(|l| l.trim() == line), "pdfsig lacks {line:?}:\n{text}");
    }
    assert!(!text.contains("Signature #2"), "{text}");

    // verify: the signed revision is the build of the plan, the signature named, nothing after.
    let output = renja().arg("verify").arg(&signed).arg("--plan").arg(flagship_path()).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert_eq!(text.lines().next(), Some("dokumen: final (tanpa tanda air draf, menurut metadata PDF)"), "{text}");
    // The byte range, computed here from the file: the signed bytes are all but the `<…>` gap.
    let gap_start = find(&signed_bytes, b"/Contents <", original.len()).unwrap() + b"/Contents ".len();
    let gap_end = gap_start + signed_bytes[gap_start..].iter().position(|&b| b == b'>').unwrap() + 1;
    let range = format!("[0 {gap_start} {gap_end} {}]", signed_bytes.len() - gap_end);
    let signature = text.lines().find(|l| l.contains("tanda tangan 1 di medan")).unwrap_or_else(|| panic!("{text}"));
    for part in [
        "cocok: tanda tangan 1 di medan \"TandaTangan\", penanda tangan \"Penanda Tangan Uji renja\"",
        &format!("rentang byte {range}"),
        "mencakup seluruh berkas sampai revisinya",
        "message digest CMS sama dengan hash bagian yang ditandatangani",
    ] {
        assert!(signature.contains(part), "{part:?} missing: {signature}");
    }
    assert!(text.contains("cocok: tidak ada apa pun setelah tanda tangan terakhir"), "{text}");
    assert!(text.contains("identik byte demi byte dengan revisi pertama PDF ini"), "{text}");
    assert!(text.contains("BSrE") && text.contains("pdfsig"), "{text}");

    // The build's sidecars gone: the rebuild takes the plan's paper, either signing mode and
    // the PDF's own draft mark, and still finds the signed revision identical.
    let away = dir.path().join("pendamping");
    std::fs::create_dir(&away).unwrap();
    for sidecar in [renja::output::ttd_path(&out), renja::output::checksum_path(&out)] {
        std::fs::rename(&sidecar, away.join(sidecar.file_name().unwrap())).unwrap();
    }
    let output = renja().arg("verify").arg(&signed).arg("--plan").arg(flagship_path()).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("catatan: berkas pendamping build (.pdf.sha256, .ttd.json) tidak ditemukan"), "{text}");
    assert!(text.contains("identik byte demi byte dengan revisi pertama PDF ini"), "{text}");

    // One byte changed inside the signed revision: the digest and the rebuild both disagree.
    let tampered = dir.path().join("diubah.pdf");
    let mut bytes = signed_bytes.clone();
    bytes[original.len() / 2] ^= 0x01;
    std::fs::write(&tampered, &bytes).unwrap();
    let output = renja().arg("verify").arg(&tampered).arg("--plan").arg(flagship_path()).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("message digest CMS BERBEDA"), "{text}");
    assert!(text.contains(&format!("berbeda mulai byte ke-{}", original.len() / 2)), "{text}");

    // An update appended after the signature (the catalog's language changed): reported, exit 1.
    let updated = dir.path().join("diperbarui.pdf");
    append_update(&python, &signed, &updated);
    let output = renja().arg("verify").arg(&updated).arg("--plan").arg(flagship_path()).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(output.status.code(), Some(1), "{text}");
    let after = format!(
        "setelah tanda tangan terakhir (byte ke-{}) menyusul 1 pembaruan bukan tanda tangan",
        signed_bytes.len()
    );
    assert!(text.contains(&after), "{after}\n{text}");
    assert!(signature_still_intact(&text), "{text}");
}

/// The signature itself still checks out after an appended update: the update is what fails.
fn signature_still_intact(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("cocok: tanda tangan 1") && l.contains("message digest CMS sama"))
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack[from..].windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// pyHanko appends an incremental update that is no signature: the catalog's /Lang set.
fn append_update(python: &Path, from: &Path, to: &Path) {
    let script = "import sys\n\
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter\n\
        from pyhanko.pdf_utils import generic\n\
        with open(sys.argv[1], 'rb') as f:\n\
        \x20   w = IncrementalPdfFileWriter(f)\n\
        \x20   w.root['/Lang'] = generic.TextStringObject('en-US')\n\
        \x20   w.update_root()\n\
        \x20   with open(sys.argv[2], 'wb') as out:\n\
        \x20       w.write(out)\n";
    let result = std::process::Command::new(python).arg("-c").arg(script).arg(from).arg(to).output().unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
}
