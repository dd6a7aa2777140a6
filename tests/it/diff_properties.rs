//! `renja diff` against the typeset documents: whenever two revisions print different page
//! texts, `diff` reports a change and names the row. Random leaves of the flagship, Batu and
//! Temanggung are mutated from a fixed seed (`RENJA_PROPTEST_RANDOM=1`: a random seed and more
//! cases); every mutated plan that still loads is typeset in-process through one reused Typst
//! world, beside the unchanged plan, and its page texts compared.

use std::path::Path;

use renja::compute::compute;
use renja::diff::{self, Options, Perubahan};
use renja::document::document_date;
use renja::load::LoadedPlan;
use renja::render::{RenderOptions, Renderer};
use renja::typeset::RenjaWorld;
use serde_json::{Value, json};

use crate::support::{example_path, flagship_path, load, root};

fn temanggung_path() -> std::path::PathBuf {
    root().join("examples/dinas-pupr-kabupaten-temanggung-2027.json")
}

/// A small deterministic generator (splitmix64): the same seed gives the same cases everywhere.
struct Acak(u64);

impl Acak {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }
}

/// Typesets plans with one world, as `watch` does; every build carries the same watermark, so
/// that a plan `check` would refuse prints like any other.
struct Penata {
    world: Option<RenjaWorld>,
    renderer: Renderer,
}

impl Penata {
    fn new() -> Penata {
        Penata { world: None, renderer: Renderer::new() }
    }

    /// The page texts of a plan; None when it cannot be rendered or laid out.
    fn texts(&mut self, loaded: &LoadedPlan) -> Option<Vec<String>> {
        let computed = compute(&loaded.plan);
        let options = RenderOptions { tanda_air: Some("UJI".to_owned()), ..RenderOptions::default() };
        let sources = self.renderer.render_with(&loaded.plan, &computed, &options).ok()?;
        let date = document_date(loaded, None);
        let world = match self.world.take() {
            Some(mut world) if world.date() == date => {
                world.update(&sources);
                world
            }
            _ => RenjaWorld::new(&sources, date),
        };
        let world = self.world.insert(world);
        let document = world.compile().ok()?;
        Some(renja::typeset::page_texts(&document))
    }
}

fn parse(value: &Value) -> Option<LoadedPlan> {
    let text = serde_json::to_string_pretty(value).ok()?;
    renja::load::parse_bytes(Path::new("uji.json"), text.as_bytes()).ok()
}

/// JSON pointers of every leaf (and every array element) under the parts of a plan its tables
/// print.
fn leaves(value: &Value) -> Vec<String> {
    fn walk(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(o) => {
                for (k, v) in o {
                    walk(v, format!("{at}/{k}"), out);
                }
            }
            Value::Array(a) => {
                for (i, v) in a.iter().enumerate() {
                    // An element itself: removed or repeated.
                    out.push(format!("{at}/{i}"));
                    walk(v, format!("{at}/{i}"), out);
                }
            }
            _ => out.push(at),
        }
    }
    let mut out = Vec::new();
    for part in ["rencana", "evaluasi", "kinerja_pelayanan", "usulan_masyarakat"] {
        if let Some(v) = value.get(part) {
            walk(v, format!("/{part}"), &mut out);
        }
    }
    out
}

/// Mutates the value at `pointer` (a leaf: another string or number; an array element: removed
/// or repeated); false when nothing could be done.
fn mutate(value: &mut Value, pointer: &str, acak: &mut Acak) -> bool {
    let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    if let (Ok(i), Some(Value::Array(a))) = (last.parse::<usize>(), value.pointer_mut(parent))
        && !a[i].is_number()
        && !a[i].is_string()
    {
        if acak.below(2) == 0 {
            a.remove(i);
        } else {
            let copy = a[i].clone();
            a.insert(i, copy);
        }
        return true;
    }
    let Some(leaf) = value.pointer_mut(pointer) else { return false };
    *leaf = match leaf.clone() {
        Value::String(s) => match acak.below(3) {
            0 => json!(format!("{s} Baru")),
            1 => json!(""),
            _ => json!(format!("Teks {}", acak.below(1000))),
        },
        Value::Number(n) => {
            let d = n.as_f64().unwrap_or(0.0);
            match acak.below(3) {
                0 => json!(acak.below(1000)),
                1 => json!(0),
                _ if d.fract() == 0.0 && d.abs() < 1e15 => json!(n.as_i64().unwrap_or(0).saturating_add(1)),
                _ => json!(1),
            }
        }
        Value::Bool(b) => json!(!b),
        Value::Null => json!(1),
        _ => return false,
    };
    true
}

/// Every kode, name or indicator of the objects on the way to `pointer` (itself included), in
/// `value`.
fn names_on_path(value: &Value, pointer: &str, out: &mut Vec<String>) {
    let segs: Vec<&str> = pointer.split('/').skip(1).collect();
    for n in 0..=segs.len() {
        let at: String = segs[..n].iter().map(|s| format!("/{s}")).collect();
        if let Some(o) = value.pointer(&at).and_then(Value::as_object) {
            for k in ["kode", "nama", "indikator", "program_kegiatan", "uraian"] {
                if let Some(t) = o.get(k).and_then(Value::as_str).filter(|t| !t.trim().is_empty()) {
                    out.push(t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase());
                }
            }
        }
    }
}

/// Whether some changed table row (or Lampiran entry) is one of the rows named by `names`.
fn names_the_row(p: &Perubahan, names: &[String]) -> bool {
    let loose = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let hit = |t: &str| {
        let t = loose(t);
        !t.is_empty() && names.iter().any(|n| t == *n || t.ends_with(&format!(": {n}")) || n.ends_with(&t))
    };
    p.tabel.iter().flat_map(|t| &t.baris).any(|b| {
        hit(&b.kode)
            || hit(&b.nama)
            || b.bidang.iter().any(|f| [&f.semula, &f.menjadi].iter().any(|v| v.as_deref().is_some_and(hit)))
    }) || p.tabel.iter().any(|t| !t.bidang.is_empty())
}

struct Tally {
    cases: usize,
    loaded: usize,
    printed_differently: usize,
    reported_while_same: usize,
}

/// Runs `n` random single-leaf mutations of the plan at `path`; panics on the first whose page
/// texts differ while `diff` is silent or names no row of the mutation.
fn explore(path: &Path, n: usize, acak: &mut Acak, penata: &mut Penata) -> Tally {
    let original = load(path);
    let value: Value = serde_json::from_str(&original.source).unwrap();
    let before = penata.texts(&original).expect("the plan typesets");
    let candidates = leaves(&value);
    let mut tally = Tally { cases: 0, loaded: 0, printed_differently: 0, reported_while_same: 0 };
    while tally.cases < n {
        let pointer = &candidates[acak.below(candidates.len())];
        let mut changed = value.clone();
        if !mutate(&mut changed, pointer, acak) {
            continue;
        }
        tally.cases += 1;
        let Some(loaded) = parse(&changed) else { continue };
        tally.loaded += 1;
        let Some(after) = penata.texts(&loaded) else { continue };
        let p = diff::compare(&original.plan, &loaded.plan, Options::default());
        if before == after {
            tally.reported_while_same += usize::from(!p.is_empty());
            continue;
        }
        tally.printed_differently += 1;
        assert!(!p.is_empty(), "{}: {pointer} changes the page texts, diff reports nothing", path.display());
        // Named in the file, or resolved by kode on loading (a Tabel 2.1 row may give only its kode).
        let mut names = Vec::new();
        for v in [
            &value,
            &changed,
            &serde_json::to_value(&original.plan).unwrap(),
            &serde_json::to_value(&loaded.plan).unwrap(),
        ] {
            names_on_path(v, pointer, &mut names);
        }
        assert!(names_the_row(&p, &names), "{}: {pointer}: no changed row named {names:?}:\n{p:#?}", path.display());
    }
    tally
}

#[test]
fn every_leaf_edit_that_changes_the_pdf_is_reported_with_its_row() {
    let random = std::env::var_os("RENJA_PROPTEST_RANDOM").is_some();
    let seed = if random {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        u64::try_from(now.as_nanos() % u128::from(u64::MAX)).unwrap_or(1)
    } else {
        20_261_207
    };
    // 40 cases in the test profile (about 30 s on two cores), most on Temanggung, the plan with
    // three levels and several indicators per node.
    let scale = if random { 5 } else { 1 };
    eprintln!("benih {seed}");
    let mut acak = Acak(seed);
    let mut penata = Penata::new();
    for (path, cases) in [(flagship_path(), 10), (example_path(), 10), (temanggung_path(), 20)] {
        let t = explore(&path, cases * scale, &mut acak, &mut penata);
        eprintln!(
            "{}: {} mutasi, {} termuat, {} mengubah teks halaman (semuanya dilaporkan), {} dilaporkan tanpa \
             mengubah teks",
            path.display(),
            t.cases,
            t.loaded,
            t.printed_differently,
            t.reported_while_same
        );
        assert!(t.printed_differently > 0, "{}: no case changed the PDF; the sample tests nothing", path.display());
    }
}

/// The seven Temanggung edits of issue 20 that changed Tabel 4.1 and went unreported.
#[test]
fn the_seven_temanggung_edits_are_reported_in_tabel_4_1() {
    let original = load(&temanggung_path());
    let value: Value = serde_json::from_str(&original.source).unwrap();
    let sub = "/rencana/program/1/kegiatan/0/sub_kegiatan/0/indikator";
    let edits: [(&str, &str, &str); 7] = [
        ("/rencana/program/1/kegiatan/0/hasil/0/target", "1.03.02.2.01", "target"),
        ("/rencana/program/1/capaian/0/target", "1.03.02", "target"),
        ("/rencana/program/1/kegiatan/0/kelompok_sasaran", "1.03.02.2.01", "kelompok_sasaran"),
        ("/rencana/program/1/kegiatan/1/keluaran/0/satuan", "1.03.02.2.02", "target"),
        (&format!("{sub}/target_renstra"), "1.03.02.2.01.0008", "target_renstra"),
        (&format!("{sub}/realisasi_n2"), "1.03.02.2.01.0008", "realisasi_n2"),
        (&format!("{sub}/prakiraan_n1"), "1.03.02.2.01.0008", "prakiraan_n1"),
    ];
    let mut penata = Penata::new();
    let before = penata.texts(&original).unwrap();
    for (pointer, kode, kolom) in edits {
        let mut changed = value.clone();
        let leaf = changed.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}"));
        *leaf = match leaf {
            Value::String(s) => json!(format!("{s} Baru")),
            Value::Number(n) => json!(n.as_f64().unwrap() + 7.0),
            other => panic!("{pointer}: {other}"),
        };
        let loaded = parse(&changed).unwrap();
        assert_ne!(penata.texts(&loaded).unwrap(), before, "{pointer} changes the PDF");
        let p = diff::compare(&original.plan, &loaded.plan, Options::default());
        let t = p.tabel("4.1").unwrap_or_else(|| panic!("{pointer}: Tabel 4.1 unchanged: {p:#?}"));
        let row = t
            .baris
            .iter()
            .find(|b| b.kode == kode && b.bidang(kolom).is_some())
            .unwrap_or_else(|| panic!("{pointer}: no {kolom} of {kode}: {:#?}", t.baris));
        let f = row.bidang(kolom).unwrap();
        assert_ne!(f.semula, f.menjadi, "{pointer}");
    }
}
