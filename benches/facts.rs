//! Flat facts: write a synthetic budget's leaf lines as CSV, and read them back through the
//! builder (parse, check derived columns, build and validate), at 10³ … 10⁶ lines.
//!
//! With `--features parquet`, also the Arrow record batch and the Parquet file of the same
//! budgets.
//!
//! Run: `cargo bench --bench facts [--features parquet]`. Report figures as time per line
//! within one run.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use yusuan::facts::{self, Reader, Side};

mod synthetic;

const SIZES: [usize; 4] = [1_000, 10_000, 100_000, 1_000_000];

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("facts");
    g.sample_size(10);
    for n in SIZES {
        let budget = synthetic::builder_from_leaves(&synthetic::leaves(n, 7))
            .build()
            .unwrap();
        let side = Side::of(&budget);
        let mut csv = Vec::new();
        facts::write_csv(&budget, &mut csv).unwrap();
        g.throughput(Throughput::Elements(budget.lines().len() as u64));
        g.bench_with_input(BenchmarkId::new("write_csv", n), &budget, |b, budget| {
            b.iter(|| {
                let mut out = Vec::with_capacity(csv.len());
                facts::write_csv(budget, &mut out).unwrap();
                black_box(out.len())
            })
        });
        g.bench_with_input(BenchmarkId::new("read_csv_build", n), &csv, |b, csv| {
            b.iter(|| {
                let budget = Reader::new().side(side.clone()).read_csv(&csv[..]).unwrap();
                black_box(budget.total())
            })
        });
        #[cfg(feature = "parquet")]
        columnar(&mut g, n, &budget);
    }
    g.finish();
}

#[cfg(feature = "parquet")]
fn columnar(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    n: usize,
    budget: &yusuan::budget::DepartmentBudget,
) {
    use yusuan::facts::columnar;
    g.bench_with_input(BenchmarkId::new("record_batch", n), budget, |b, budget| {
        b.iter(|| black_box(columnar::record_batch(budget).unwrap().num_rows()))
    });
    g.bench_with_input(BenchmarkId::new("write_parquet", n), budget, |b, budget| {
        b.iter(|| {
            let mut out = Vec::new();
            columnar::write_parquet([budget], &mut out).unwrap();
            black_box(out.len())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
