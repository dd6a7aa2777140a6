//! Shared fixtures: the flagship and example plans, built once per test run.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use renja::compute::{Computed, compute};
use renja::document::{BuildOptions, Built, build};
use renja::load::LoadedPlan;
use renja::render::Renderer;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The flagship plan's path, as an argument.
pub const FLAGSHIP_PLAN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/plan.json");

pub fn flagship_path() -> PathBuf {
    root().join("plan.json")
}

pub fn example_path() -> PathBuf {
    root().join("examples/dinas-kesehatan-kota-batu-2025.json")
}

pub fn load(path: &Path) -> LoadedPlan {
    renja::load::load(path).unwrap_or_else(|e| panic!("{} does not load: {e:?}", path.display()))
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
        Ok(built) => {
            qpdf_check_bytes(&built.pdf);
            built
        }
        Err(e) => panic!("build failed: {e}\n{e:?}"),
    }
}

/// `qpdf --check` on a PDF the tests built: its syntax, cross-reference table and every stream
/// as an outside reader decodes them. qpdf is required (`.ci/run` installs it): exit 0 and its
/// "no errors" sentence, or the test fails with qpdf's words.
pub fn qpdf_check(pdf: &Path) {
    let output =
        std::process::Command::new("qpdf").arg("--check").arg(pdf).output().unwrap_or_else(|e| {
            panic!("qpdf is required by the tests (apt-get install qpdf; .ci/run installs it): {e}")
        });
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "qpdf --check {}:\n{text}{}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(text.contains("No syntax or stream encoding errors found"), "qpdf --check {}:\n{text}", pdf.display());
}

/// [`qpdf_check`] on bytes built in process.
pub fn qpdf_check_bytes(pdf: &[u8]) {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    qpdf_check(file.path());
}

/// The flagship plan as JSON, to mutate into a failing fixture.
pub fn flagship_json() -> serde_json::Value {
    serde_json::from_str(&FLAGSHIP.0.source).unwrap()
}

/// Parses a mutated plan.
pub fn reparse(value: &serde_json::Value) -> LoadedPlan {
    let text = serde_json::to_string_pretty(value).unwrap();
    renja::load::parse_bytes(Path::new("uji.json"), text.as_bytes()).unwrap_or_else(|e| panic!("does not load: {e:?}"))
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

/// A scratch directory for one test, after ripgrep's `Dir`: files made in it, `renja` run in
/// it (arguments are relative to it), what it holds afterwards.
pub struct Dir {
    temp: tempfile::TempDir,
    /// Marker files of the test hooks, kept out of the listing.
    markers: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { temp: tempfile::tempdir().unwrap(), markers: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// Writes `name` (its directories made first) and returns its path.
    pub fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The names in the directory, hidden ones included, sorted.
    pub fn listing(&self) -> Vec<String> {
        listing(self.path())
    }

    /// `renja ARGS`, run to its end in this directory.
    pub fn renja<I, S>(&self, args: I) -> Ran
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let ran = Ran(renja().current_dir(self.path()).args(args).output().unwrap());
        // Every PDF a successful run leaves here passes qpdf's check.
        if ran.0.status.success() {
            for name in self.listing().iter().filter(|n| n.ends_with(".pdf")) {
                qpdf_check(&self.join(name));
            }
        }
        ran
    }

    /// `renja ARGS` in this directory, stopped by the test hook `variable` of
    /// `output::write_set` (an environment variable naming a marker file that the process
    /// creates when it reaches the hook, then waits there). Returns once the process waits.
    #[cfg(unix)]
    pub fn renja_held<I, S>(&self, args: I, variable: &str) -> Held
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let marker = self.markers.path().join(variable);
        let _ = std::fs::remove_file(&marker);
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("renja"))
            .current_dir(self.path())
            .args(args)
            .env("NO_COLOR", "1")
            .env(variable, &marker)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Waiting for an event, not for a time: the marker appears, or the process ends first.
        while !marker.exists() {
            if let Some(status) = child.try_wait().unwrap() {
                let output = child.wait_with_output().unwrap();
                panic!("renja ended ({status}) before reaching {variable}: {}", stderr(&output));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Held(Some(child))
    }
}

/// A `renja` process waiting at a test hook.
#[cfg(unix)]
pub struct Held(Option<std::process::Child>);

#[cfg(unix)]
impl Held {
    /// Sends `signal` (`INT`, `TERM`, `KILL`) and waits for the process to end.
    pub fn signal(mut self, signal: &str) -> Ran {
        let child = self.0.take().unwrap();
        let status =
            std::process::Command::new("kill").arg(format!("-{signal}")).arg(child.id().to_string()).status().unwrap();
        assert!(status.success(), "kill -{signal} failed");
        Ran(child.wait_with_output().unwrap())
    }
}

#[cfg(unix)]
impl Drop for Held {
    fn drop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// A finished `renja` run, whose assertions show its output when they fail.
pub struct Ran(pub std::process::Output);

impl Ran {
    pub fn stderr(&self) -> String {
        stderr(&self.0)
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    #[track_caller]
    pub fn exits(&self, code: i32) -> &Ran {
        assert_eq!(self.0.status.code(), Some(code), "stderr:\n{}\nstdout:\n{}", self.stderr(), self.stdout());
        self
    }

    /// Standard error holds `text`.
    #[track_caller]
    pub fn says(&self, text: &str) -> &Ran {
        assert!(self.stderr().contains(text), "stderr lacks {text:?}:\n{}", self.stderr());
        self
    }

    /// Standard output holds `text`.
    #[track_caller]
    pub fn prints(&self, text: &str) -> &Ran {
        assert!(self.stdout().contains(text), "stdout lacks {text:?}:\n{}", self.stdout());
        self
    }
}

/// The hex SHA-256 of some bytes, computed here rather than by renja.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
