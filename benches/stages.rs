//! The stages of a build, one by one (`cargo bench`, or `cargo bench -- flagship` for one plan):
//!
//! - `load+check`: parse plan.json with located errors, compute (the rules need the figures),
//!   check every rule and locate each diagnostic;
//! - `compute`: the derived figures alone;
//! - `render`: minijinja templates → Typst source;
//! - `compile`: Typst layout, with its memo cache emptied before every run (a cold compile, as
//!   in a fresh `renja build` process);
//! - `pdf`: PDF/A-2b export of the laid-out document.
//!
//! For the flagship plan.json and for synthetic plans of about 300 and 3,000 table rows made by
//! the same generator as `cargo run --example synth`.

#[path = "../examples/synth/generator.rs"]
mod generator;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use renja::check;
use renja::compute::compute;
use renja::document::document_date;
use renja::load::LoadedPlan;
use renja::render::Renderer;
use renja::typeset::RenjaWorld;

struct Case {
    name: String,
    /// The plan file's bytes, as `renja build` reads them.
    bytes: Vec<u8>,
    large: bool,
}

fn cases() -> Vec<Case> {
    let flagship = Path::new(env!("CARGO_MANIFEST_DIR")).join("plan.json");
    let mut cases = vec![Case {
        name: "flagship".to_owned(),
        bytes: std::fs::read(&flagship).expect("plan.json is readable"),
        large: false,
    }];
    for rows in [300, 3000] {
        let (program, kegiatan) = generator::shape_for_rows(rows);
        let plan = generator::generate(generator::Options { program, kegiatan, seed: 1 });
        let counted = generator::table_rows(&plan);
        cases.push(Case {
            name: format!("synth-{counted}-baris"),
            bytes: serde_json::to_vec_pretty(&plan).expect("JSON"),
            large: rows > 1000,
        });
    }
    cases
}

fn load(bytes: &[u8]) -> LoadedPlan {
    renja::load::parse_bytes(Path::new("plan.json"), bytes).unwrap_or_else(|e| panic!("plan does not load: {e:?}"))
}

fn stages(c: &mut Criterion) {
    let renderer = Renderer::new();
    for case in cases() {
        let loaded = load(&case.bytes);
        let computed = compute(&loaded.plan);
        let sources = renderer.render(&loaded.plan, &computed).expect("renders");
        let world = RenjaWorld::new(&sources, document_date(&loaded, None));
        let document = world.compile().expect("compiles");

        let mut group = c.benchmark_group(&case.name);
        if case.large {
            group.sample_size(10).measurement_time(Duration::from_secs(30)).warm_up_time(Duration::from_secs(1));
        } else {
            group.sample_size(20).measurement_time(Duration::from_secs(8));
        }
        group.bench_function("load+check", |b| {
            b.iter(|| {
                let loaded = load(black_box(&case.bytes));
                let computed = compute(&loaded.plan);
                let mut diagnostics = check::check(&loaded.plan, &computed);
                renja::diagnostic::locate(&mut diagnostics, &loaded.source);
                assert!(!diagnostics.iter().any(|d| d.is_error()));
                diagnostics
            })
        });
        group.bench_function("compute", |b| b.iter(|| compute(black_box(&loaded.plan))));
        group.bench_function("render", |b| b.iter(|| renderer.render(black_box(&loaded.plan), &computed).unwrap()));
        group.bench_function("compile", |b| {
            b.iter_batched(|| typst::comemo::evict(0), |()| world.compile().unwrap(), BatchSize::PerIteration)
        });
        group.bench_function("pdf", |b| b.iter(|| world.pdf(black_box(&document)).unwrap()));
        group.finish();
        typst::comemo::evict(0);
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
