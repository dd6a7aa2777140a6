//! Shared fixtures: the flagship and example plans, built once per test run.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use renja::compute::{Computed, compute};
use renja::document::{BuildOptions, Built, build};
use renja::plan::{self, LoadedPlan};
use renja::render::Renderer;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn flagship_path() -> PathBuf {
    root().join("plan.json")
}

pub fn example_path() -> PathBuf {
    root().join("examples/dinas-kesehatan-kota-batu-2025.json")
}

pub fn load(path: &Path) -> LoadedPlan {
    plan::load(path).unwrap_or_else(|e| panic!("{} does not load: {e:?}", path.display()))
}

pub static FLAGSHIP: LazyLock<(LoadedPlan, Computed)> = LazyLock::new(|| {
    let loaded = load(&flagship_path());
    let computed = compute(&loaded.plan);
    (loaded, computed)
});

pub static EXAMPLE: LazyLock<(LoadedPlan, Computed)> = LazyLock::new(|| {
    let loaded = load(&example_path());
    let computed = compute(&loaded.plan);
    (loaded, computed)
});

/// The flagship PDF, built once for every test that reads it.
pub static FLAGSHIP_PDF: LazyLock<Built> = LazyLock::new(|| build_plan(&FLAGSHIP.0));

pub fn build_plan(loaded: &LoadedPlan) -> Built {
    match build(loaded, &BuildOptions::default(), &Renderer::new()) {
        Ok(built) => built,
        Err(e) => panic!("build failed: {e}\n{e:?}"),
    }
}

/// The flagship plan as JSON, to mutate into a failing fixture.
pub fn flagship_json() -> serde_json::Value {
    serde_json::from_str(&FLAGSHIP.0.source).unwrap()
}

/// Parses a mutated plan.
pub fn reparse(value: &serde_json::Value) -> LoadedPlan {
    let text = serde_json::to_string_pretty(value).unwrap();
    plan::parse_bytes(Path::new("uji.json"), text.as_bytes()).unwrap_or_else(|e| panic!("does not load: {e:?}"))
}

/// All page texts of a built document joined.
pub fn all_text(built: &Built) -> String {
    renja::typeset::page_texts(&built.document).join("\n")
}

/// The `renja` binary with a quiet, reproducible environment.
pub fn renja() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("renja").unwrap();
    cmd.env("RUST_BACKTRACE", "0").env("NO_COLOR", "1").env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// A command's standard error as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Names of the files in a directory, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

/// The seed of the property tests that typeset: fixed, so that CI is reproducible (fonts and
/// Typst meet arbitrary Unicode there, and a rare character is a finding to fix, not a coin
/// toss at landing); `RENJA_PROPTEST_RANDOM=1` explores new cases locally.
pub fn benih_typeset() -> proptest::test_runner::RngSeed {
    if std::env::var_os("RENJA_PROPTEST_RANDOM").is_some() {
        proptest::test_runner::RngSeed::Random
    } else {
        proptest::test_runner::RngSeed::Fixed(20261202)
    }
}

/// `renja ARGS` stopped by the test hook `variable` of `output::write_set` (an environment
/// variable naming a marker file the process creates when it reaches the hook, then waits
/// there). Returns once the process is waiting, with its standard error piped.
#[cfg(unix)]
pub fn spawn_held(args: &[&std::ffi::OsStr], variable: &str, marker: &Path) -> std::process::Child {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("renja"))
        .args(args)
        .env("NO_COLOR", "1")
        .env(variable, marker)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Waiting for an event, not for a time: the marker appears, or the process ended without it.
    while !marker.exists() {
        if let Some(status) = child.try_wait().unwrap() {
            let output = child.wait_with_output().unwrap();
            panic!("renja ended ({status}) before reaching {variable}: {}", stderr(&output));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

/// Sends `signal` (`INT`, `TERM`, `KILL`) to a child process.
#[cfg(unix)]
pub fn signal(child: &std::process::Child, signal: &str) {
    let status =
        std::process::Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
    assert!(status.success(), "kill -{signal} failed");
}

/// The hex SHA-256 of some bytes, computed here rather than by renja.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
