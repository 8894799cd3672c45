//! Foundation benches: parsing amounts and codes, catalogue lookups, checked sums, 尾差调整.
//!
//! Run: `cargo bench --bench foundation`. Compare figures within one run only.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use yusuan::amount::{Amount, Unit, largest_remainder};
use yusuan::classification::{Catalogue, EconomicCode, FunctionalCode};

const N: usize = 10_000;

fn amounts_text() -> Vec<String> {
    (0..N)
        .map(|i| {
            let fen = (i as u64).wrapping_mul(2_654_435_761) % 10_000_000_000;
            let a = Amount::from_fen(fen);
            if i % 2 == 0 {
                a.to_string()
            } else {
                // thousands separators, as tables print
                let s = a.to_string();
                let (int, frac) = s.split_once('.').unwrap();
                let mut g = String::new();
                for (k, ch) in int.chars().enumerate() {
                    if k > 0 && (int.len() - k) % 3 == 0 {
                        g.push(',');
                    }
                    g.push(ch);
                }
                format!("{g}.{frac}")
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = amounts_text();
    let amounts: Vec<Amount> = texts
        .iter()
        .map(|t| Amount::parse_in(t, Unit::Yuan).unwrap())
        .collect();
    let catalogue = Catalogue::builtin();
    let functional: Vec<String> = catalogue
        .entries_of::<FunctionalCode>()
        .map(|(code, _)| code.to_string())
        .cycle()
        .take(N)
        .collect();
    let economic: Vec<EconomicCode> = catalogue
        .entries_of::<EconomicCode>()
        .map(|(code, _)| code)
        .cycle()
        .take(N)
        .collect();

    let mut g = c.benchmark_group("foundation");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("amount_parse_10k", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(Amount::parse_in(black_box(t), Unit::Yuan).ok());
            }
        })
    });
    g.bench_function("amount_checked_sum_10k", |b| {
        b.iter(|| black_box(Amount::checked_sum(black_box(&amounts).iter().copied()).ok()))
    });
    g.bench_function("amount_display_wan_yuan_10k", |b| {
        b.iter(|| {
            for a in &amounts {
                black_box(black_box(a).display_in(Unit::WanYuan));
            }
        })
    });
    g.bench_function("functional_parse_and_check_10k", |b| {
        b.iter(|| {
            for t in &functional {
                black_box(catalogue.functional(black_box(t)).ok());
            }
        })
    });
    g.bench_function("economic_name_lookup_10k", |b| {
        b.iter(|| {
            for code in &economic {
                black_box(catalogue.name(*black_box(code)));
            }
        })
    });
    g.bench_function("largest_remainder_10k", |b| {
        b.iter(|| black_box(largest_remainder(black_box(&amounts), Unit::WanYuan, 2).ok()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
