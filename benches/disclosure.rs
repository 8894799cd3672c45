//! Rendering every table of the 新疆 2026 profile from synthetic budgets, faithful and footing.
//!
//! Run: `cargo bench --bench disclosure`.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

mod synthetic;

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("disclosure");
    g.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        let budget = synthetic::builder_from_leaves(&synthetic::leaves(n, 11))
            .build()
            .unwrap();
        g.throughput(Throughput::Elements(n as u64));
        for (name, rounding) in [
            ("faithful", Rounding::Faithful),
            ("footing", Rounding::Footing),
        ] {
            g.bench_with_input(
                BenchmarkId::new(format!("all_tables_{name}"), n),
                &budget,
                |b, budget| {
                    b.iter(|| {
                        let tables =
                            Disclosure::new(budget, Template::xinjiang_2026()).tables(rounding);
                        black_box(tables.iter().map(|t| render::tsv(t).len()).sum::<usize>())
                    })
                },
            );
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
