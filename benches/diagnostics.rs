//! `renja check` on plans with many diagnostics (`cargo bench --bench diagnostics`): load,
//! check, locate and render every diagnostic as text, for 10,000 and 100,000 warnings, on a
//! pretty-printed plan and on one written on a single line. Each warning is a kegiatan with a
//! target of 0 (`target.nol`), so the plan grows with its warnings; the cost must grow linearly.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use renja::check;
use renja::compute::compute;
use renja::diagnostic::render_all;
use serde_json::{Value, json};

/// The flagship with program 1 holding `warnings` kegiatan of target 0.
fn plan_with_warnings(warnings: usize, one_line: bool) -> Vec<u8> {
    let flagship = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("plan.json")).unwrap();
    let mut plan: Value = serde_json::from_str(&flagship).unwrap();
    let program = &mut plan["rencana"]["program"][0];
    let kode = program["kode"].as_str().unwrap().to_owned();
    let template = program["kegiatan"][1].clone();
    let kegiatan: Vec<Value> = (1..=warnings)
        .map(|i| {
            let mut k = template.clone();
            k["kode"] = json!(format!("{kode}.{i}"));
            k["target"] = json!(0);
            k.as_object_mut().unwrap().remove("hasil_analisis");
            k
        })
        .collect();
    program["kegiatan"] = Value::Array(kegiatan);
    if one_line { serde_json::to_vec(&plan) } else { serde_json::to_vec_pretty(&plan) }.unwrap()
}

/// Everything `renja check` does but print.
fn check_and_render(bytes: &[u8]) -> (usize, usize) {
    let loaded = renja::load::parse_bytes(Path::new("plan.json"), bytes).unwrap_or_else(|e| panic!("{e:?}"));
    let computed = compute(&loaded.plan);
    let mut diagnostics = check::check(&loaded.plan, &computed);
    renja::diagnostic::locate(&mut diagnostics, &loaded.source);
    let text = render_all(&diagnostics, Path::new("plan.json"), &loaded.source, false);
    (diagnostics.len(), text.len())
}

fn diagnostics(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    for warnings in [10_000, 100_000] {
        for one_line in [false, true] {
            let bytes = plan_with_warnings(warnings, one_line);
            let (count, _) = check_and_render(&bytes);
            assert!(count >= warnings, "{count} diagnostics for {warnings} warnings");
            let name = format!("{warnings}-peringatan{}", if one_line { "-satu-baris" } else { "" });
            group.bench_function(name, |b| b.iter(|| check_and_render(black_box(&bytes))));
        }
    }
    group.finish();
}

criterion_group!(benches, diagnostics);
criterion_main!(benches);
