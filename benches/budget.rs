//! Build + validate, serialize and deserialize synthetic budgets of 10³ … 10⁶ lines.
//!
//! Run: `cargo bench --bench budget`. Report figures as time per line and ratios within one run.

use std::hint::black_box;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use yusuan::budget::{DepartmentBudget, DepartmentBudgetBuilder};

mod synthetic;

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("budget");
    g.sample_size(10);
    for n in SIZES {
        let builder = synthetic::builder_from_leaves(&synthetic::leaves(n, 7));
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(
            BenchmarkId::new("build_validate", n),
            &builder,
            |b, builder| {
                b.iter_batched(
                    || builder.clone(),
                    |builder| black_box(builder.build().map(|b| b.total()).ok()),
                    BatchSize::LargeInput,
                )
            },
        );
        let budget = builder.clone().build().unwrap();
        g.bench_with_input(BenchmarkId::new("views", n), &budget, |b, budget| {
            b.iter(|| {
                black_box((
                    budget.by_source(),
                    budget.kind_totals(),
                    budget.three_public(),
                    budget.entrusted_business_total(),
                ))
            })
        });
        g.bench_with_input(
            BenchmarkId::new("serialize_json", n),
            &budget,
            |b, budget| b.iter(|| black_box(serde_json::to_vec(budget).unwrap().len())),
        );
        let json = serde_json::to_vec(&budget).unwrap();
        g.bench_with_input(
            BenchmarkId::new("deserialize_build_json", n),
            &json,
            |b, json| {
                b.iter(|| {
                    black_box(
                        serde_json::from_slice::<DepartmentBudget>(json)
                            .unwrap()
                            .total(),
                    )
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("deserialize_builder_json", n),
            &json,
            |b, json| {
                b.iter(|| {
                    black_box(serde_json::from_slice::<DepartmentBudgetBuilder>(json).unwrap())
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
