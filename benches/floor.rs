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
//! cargo bench --bench floor -- gen 1000000 F [C] # writes a budget's JSON to F (and its lines
//!                                              # as CSV to C, its control figures to C.control.json)
//! cargo bench --bench floor -- job F           # read → build → seven views of F, timed
//! cargo bench --bench floor -- job-stream F    # the same, F read through a 64 KiB buffer
//! cargo bench --bench floor -- render 100000   # every table of the 新疆 2026 profile
//! cargo bench --bench floor -- many 8          # 8 budgets of 10⁵ lines: build_many vs one by one
//! ```
//!
//! `job` is the process to measure peak memory with: `/usr/bin/time -v target/release/deps/floor-* job F`.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use yusuan::budget::{DepartmentBudget, DepartmentBudgetBuilder, read_json};
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
            if let Some(csv) = args.get(3) {
                write_flat(&budget, csv);
            }
            println!(
                "{} lines, total {} 元",
                budget.lines().len(),
                budget.total()
            );
        }
        Some("job") => job(args.get(1).expect("job FILE"), false),
        Some("job-stream") => job(args.get(1).expect("job-stream FILE"), true),
        Some("render") => {
            let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(100_000);
            render(n);
        }
        Some("many") => {
            let n = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(8);
            many(n);
        }
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
/// With `stream`, the file is read through a buffer rather than whole (less memory, slower).
fn job(path: &str, stream: bool) {
    let t = Instant::now();
    let (read, builder) = if stream {
        let file = std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path).unwrap());
        time(|| serde_json::from_reader::<_, DepartmentBudgetBuilder>(file).unwrap())
    } else {
        let bytes = std::fs::read(path).unwrap();
        time(|| read_json(&bytes).unwrap())
    };
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

/// Every table of the 新疆 2026 profile from a budget of about `n` lines, best of 5.
fn render(n: usize) {
    use yusuan::disclosure::{Disclosure, Rounding, Template, render};
    let budget = builder_of(n).build().unwrap();
    let mut best = [Duration::MAX; 2];
    for _ in 0..5 {
        for (slot, rounding) in best.iter_mut().zip([Rounding::Faithful, Rounding::Footing]) {
            let (d, _) = time(|| {
                let tables = Disclosure::new(&budget, Template::xinjiang_2026()).tables(rounding);
                black_box(tables.iter().map(|t| render::tsv(t).len()).sum::<usize>())
            });
            *slot = (*slot).min(d);
        }
    }
    println!(
        "render {} lines: all tables faithful {:.1} ms, footing {:.1} ms (best of 5)",
        budget.lines().len(),
        best[0].as_secs_f64() * 1e3,
        best[1].as_secs_f64() * 1e3
    );
}

/// `n` budgets of 10⁵ lines built with `build_many` and one by one, and their consolidation.
fn many(n: usize) {
    use yusuan::budget::{build_many, consolidate_by_functional};
    let builders: Vec<_> = (0..n)
        .map(|i| synthetic::builder_from_leaves(&synthetic::leaves(100_000, i as u64)))
        .collect();
    let copy = builders.clone();
    let (one, _) = time(|| {
        for b in copy {
            black_box(b.build().unwrap().total());
        }
    });
    let copy = builders.clone();
    let (par, budgets) = time(|| build_many(copy));
    let budgets: Vec<_> = budgets.into_iter().map(Result::unwrap).collect();
    let (cons, c) = time(|| {
        consolidate_by_functional(&budgets, Level::Item)
            .unwrap()
            .len()
    });
    println!(
        "{n} budgets: build one by one {:.1} ms, build_many {:.1} ms ({:.2}x), consolidate {} 项 {:.1} ms (rayon: {})",
        one.as_secs_f64() * 1e3,
        par.as_secs_f64() * 1e3,
        one.as_secs_f64() / par.as_secs_f64(),
        c,
        cons.as_secs_f64() * 1e3,
        cfg!(feature = "rayon")
    );
}

/// The serde name of a unit enum value (`general_budget_own`).
fn name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// The budget's lines as flat CSV (one row per line, references by key, amounts as written in
/// the JSON) and its control figures as JSON beside it: the other engines' copy of the data.
fn write_flat(budget: &DepartmentBudget, path: &str) {
    use std::fmt::Write as _;
    use yusuan::budget::{BasicKind, SpendingKind};
    let mut out = String::from("functional,economic,kind,project,source,carry_over,amount\n");
    for l in budget.lines() {
        let (kind, project) = match l.kind() {
            SpendingKind::Basic(BasicKind::Personnel) => ("personnel", ""),
            SpendingKind::Basic(BasicKind::Operating) => ("operating", ""),
            SpendingKind::Project(p) => ("project", budget.project(p).unwrap().key.as_str()),
        };
        let carry = l
            .carry_over()
            .map_or("", |c| budget.carry_over(c).unwrap().key.as_str());
        writeln!(
            out,
            "{},{},{kind},{project},{},{carry},{}",
            l.functional(),
            l.economic(),
            name(&l.source()),
            l.amount()
        )
        .unwrap();
    }
    std::fs::write(path, out).unwrap();
    let control: std::collections::BTreeMap<String, String> = budget
        .control_figures()
        .iter()
        .map(|(s, a)| (name(s), a.to_string()))
        .collect();
    let side = serde_json::json!({
        "control_figures": control,
        "total": budget.total().to_string(),
        "lines": budget.lines().len(),
    });
    std::fs::write(format!("{path}.control.json"), side.to_string()).unwrap();
}
