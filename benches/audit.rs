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
    // One table of 10,000 and of 100,000 项 rows under a template's header: reading,
    // recognition and every rule stay linear in the rows (the two times differ tenfold).
    let mut g = c.benchmark_group("audit_big_table");
    g.sample_size(10);
    for n in [10_000, 100_000] {
        let big = big_table(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_function(format!("functional_tree_{n}_rows"), |b| {
            b.iter(|| black_box(audit(&big, Catalogue::builtin()).findings.len()))
        });
    }
    g.finish();
}

/// A 支出总表 grid (the Shanghai header) with `n` 项 rows under their 类 and 款.
fn big_table(n: usize) -> String {
    let mut s = String::from("===== [page 1 table 1: big] =====\n");
    s.push_str("项目 |  |  |  | 支出预算 |  | \n");
    s.push_str("功能分类科目编码 |  |  | 功能分类科目名称 | 合计 | 基本支出 | 项目支出\n");
    s.push_str("类 | 款 | 项 |  |  |  | \n");
    let mut rows = 0;
    'classes: for class in 201..=299 {
        s.push_str(&format!(
            "{class} |  |  | 类 | 1,980.00 | 990.00 | 990.00\n"
        ));
        for section in 1..=99 {
            s.push_str(&format!(
                "{class} | {section:02} |  | 款 | 20.00 | 10.00 | 10.00\n"
            ));
            for item in 1..=10 {
                s.push_str(&format!(
                    "{class} | {section:02} | {item:02} | 项 | 2.00 | 1.00 | 1.00\n"
                ));
                rows += 1;
                if rows >= n {
                    break 'classes;
                }
            }
        }
    }
    s.push_str("合计 |  |  |  | 1.00 | 1.00 | 0.00\n");
    s
}

criterion_group!(benches, bench);
criterion_main!(benches);
