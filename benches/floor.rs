//! The hot paths against the physical floor, as ratios from one interleaved run.
//!
//! The floor is the least work any engine does for a grouping: summing one `i64` of 分 per line
//! into a `std::collections::HashMap` keyed by `(功能分类 u32, 经济分类 u16)`, read from a flat
//! `Vec` of 16-byte rows. Against it, on the same synthetic budget:
//!
//! - `views`: the seven views (by source, by kind, by functional 类/款/项, by economic 类/款),
//! - `read_json`: [`read_json`] of the budget's JSON (MB/s),
//! - `read_build`: [`read_json`] then `build` (every rule checked),
//! - `build`: `build` of a clone of the builder,
//! - `read_skim`: serde_json reading the same JSON into `IgnoredAny` (its parsing floor).
//!
//! ```text
//! cargo bench --bench floor                   # 10⁶ lines, 5 interleaved rounds
//! cargo bench --bench floor -- 100000 9        # lines, rounds
//! cargo bench --bench floor -- gen 1000000 F   # writes a budget's JSON to F
//! cargo bench --bench floor -- job F           # read → build → seven views of F, timed
//! ```
//!
//! `job` is the process to measure peak memory with: `/usr/bin/time -v target/release/deps/floor-* job F`.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use yusuan::budget::{DepartmentBudget, read_json};
use yusuan::classification::Level;

mod synthetic;

/// The seven views of the compare job; returns a checksum of what they computed.
fn seven_views(b: &DepartmentBudget) -> usize {
    let mut n = b.by_source().len();
    n += usize::from(!b.kind_totals().total().is_zero());
    for level in [Level::Class, Level::Section, Level::Item] {
        n += b.by_functional(level, |_| true).len();
    }
    for level in [Level::Class, Level::Section] {
        n += b.by_economic(level, |_| true).len();
    }
    n
}

fn floor(rows: &[(u32, u16, i64)]) -> usize {
    let mut m: HashMap<(u32, u16), i64> = HashMap::new();
    for &(f, e, fen) in rows {
        *m.entry((f, e)).or_default() += fen;
    }
    m.len()
}

fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let t = Instant::now();
    let out = f();
    (t.elapsed(), out)
}

fn args() -> Vec<String> {
    std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect()
}

fn main() {
    let args = args();
    match args.first().map(String::as_str) {
        Some("gen") => {
            let n: usize = args
                .get(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(1_000_000);
            let path = args.get(2).expect("gen N FILE");
            let budget = builder_of(n).build().unwrap();
            std::fs::write(path, serde_json::to_vec(&budget).unwrap()).unwrap();
            println!(
                "{} lines, total {} 元",
                budget.lines().len(),
                budget.total()
            );
        }
        Some("job") => job(args.get(1).expect("job FILE")),
        _ => {
            let n = args
                .first()
                .and_then(|s| s.parse().ok())
                .unwrap_or(1_000_000);
            let rounds = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(5);
            ratios(n, rounds);
        }
    }
}

/// read → build → seven views of one file, each timed, as the compare script runs it.
fn job(path: &str) {
    let t = Instant::now();
    let bytes = std::fs::read(path).unwrap();
    let (read, builder) = time(|| read_json(&bytes).unwrap());
    drop(bytes);
    let (build, budget) = time(|| builder.build().unwrap());
    let (views, n) = time(|| seven_views(&budget));
    let total = t.elapsed();
    println!(
        "yusuan job: {} lines; read {:.1} ms, build {:.1} ms, views {:.1} ms, total {:.1} ms (checksum {n}, total {} 元)",
        budget.lines().len(),
        read.as_secs_f64() * 1e3,
        build.as_secs_f64() * 1e3,
        views.as_secs_f64() * 1e3,
        total.as_secs_f64() * 1e3,
        budget.total(),
    );
}

/// A synthetic builder of about `n` lines (random leaves that repeat a leaf are merged, so more
/// leaves are drawn than lines wanted).
fn builder_of(n: usize) -> yusuan::budget::DepartmentBudgetBuilder {
    let mut leaves = n;
    loop {
        let b = synthetic::builder_from_leaves(&synthetic::leaves(leaves, 7));
        if b.lines_so_far().len() >= n * 99 / 100 || leaves > 8 * n {
            return b;
        }
        leaves = leaves * n / b.lines_so_far().len().max(1) + n / 20;
    }
}

fn ratios(n: usize, rounds: usize) {
    let builder = builder_of(n);
    let budget = builder.clone().build().unwrap();
    let lines = budget.lines().len();
    let rows: Vec<(u32, u16, i64)> = budget
        .lines()
        .iter()
        .map(|l| {
            (
                l.functional().as_u32(),
                l.economic().as_u32() as u16,
                l.amount().fen() as i64,
            )
        })
        .collect();
    let json = serde_json::to_vec(&budget).unwrap();
    let names = [
        "floor",
        "views",
        "read_json",
        "read_build",
        "build",
        "read_skim",
    ];
    let mut best = [Duration::MAX; 6];
    for _ in 0..rounds {
        let runs: [Duration; 6] = [
            time(|| black_box(floor(&rows))).0,
            time(|| black_box(seven_views(&budget))).0,
            time(|| black_box(read_json(&json).unwrap())).0,
            time(|| black_box(read_json(&json).unwrap().build().unwrap().total())).0,
            {
                let b = builder.clone();
                time(|| black_box(b.build().unwrap().total())).0
            },
            // serde_json's own floor: the document checked as JSON and dropped.
            time(|| black_box(serde_json::from_slice::<serde::de::IgnoredAny>(&json).unwrap())).0,
        ];
        for (b, r) in best.iter_mut().zip(runs) {
            *b = (*b).min(r);
        }
    }
    let mb = json.len() as f64 / 1e6;
    println!(
        "{lines} lines, JSON {mb:.1} MB ({:.0} B/line); best of {rounds} interleaved rounds",
        json.len() as f64 / lines as f64
    );
    for (name, d) in names.iter().zip(best) {
        let s = d.as_secs_f64();
        println!(
            "{name:>10}: {:8.2} ms {:7.1} ns/line {:6.2}x floor{}",
            s * 1e3,
            s * 1e9 / lines as f64,
            s / best[0].as_secs_f64(),
            if name.starts_with("read") {
                format!(" {:6.0} MB/s", mb / s)
            } else {
                String::new()
            }
        );
    }
}
