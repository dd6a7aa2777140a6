//! The `--ttd elektronik` build is signable: a real PAdES signer (pyHanko) signs it in a field at
//! the box `NAME.ttd.json` gives, and the signature validates, covers the whole file, and leaves
//! the PDF/A identification in place. `.ci/run` installs pyHanko into `target/venv-pyhanko`.

use std::path::PathBuf;

use crate::support::{flagship_path, renja, root, stderr};

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
    assert!(std::fs::read(&signed).unwrap().starts_with(&original));
}
