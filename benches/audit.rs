//! Auditing every disclosure of `tests/data/disclosures` (the shared set), read from memory.
//!
//! Run: `cargo bench --bench audit`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use yusuan::Catalogue;
use yusuan::audit::audit;

fn bench(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/disclosures");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.to_string_lossy().ends_with(".grid.txt") || p.extension().is_some_and(|e| e == "md")
        })
        .filter(|p| {
            !p.to_string_lossy().ends_with("README.md")
                && !p.to_string_lossy().ends_with("PROVENANCE.md")
        })
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    texts.sort();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("audit");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("all_shared_disclosures", |b| {
        b.iter(|| {
            black_box(
                texts
                    .iter()
                    .map(|t| audit(t, Catalogue::builtin()).findings.len())
                    .sum::<usize>(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
