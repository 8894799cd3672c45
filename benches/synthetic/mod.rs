//! Synthetic department budgets that are valid by construction, made from "leaves"
//! `(kind selector, code selector, source selector, 分)`. Shared by the benches and by the
//! property tests (`#[path]`-included), so both exercise the same shapes.

#![allow(dead_code)]

use std::collections::BTreeMap;

use yusuan::amount::Amount;
use yusuan::budget::{
    BasicKind, CarryOverFund, CarryOverItem, CarryOverUse, Department, DepartmentBudget,
    DepartmentBudgetBuilder, Line, Project, SpendingKind, UnitKind,
};
use yusuan::classification::{Catalogue, EconomicCode, FunctionalCode, Level};
use yusuan::{FundType, FundingSource};

/// One leaf: which kind (0–9: personnel, operating or project), which codes, which source, 分.
pub type Leaf = (u8, u16, u8, u64);

const SOURCES: [FundingSource; 8] = [
    FundingSource::GeneralBudgetOwn,
    FundingSource::GeneralBudgetOwn,
    FundingSource::GeneralBudgetTransfer,
    FundingSource::GovernmentFundOwn,
    FundingSource::ServiceRevenue,
    FundingSource::OtherIncome,
    FundingSource::FiscalSpecialAccount,
    FundingSource::GeneralBudgetCarryOver,
];

struct Codes {
    items: Vec<FunctionalCode>,
    personnel: Vec<EconomicCode>,
    operating: Vec<EconomicCode>,
    any: Vec<EconomicCode>,
}

fn codes() -> Codes {
    let c = Catalogue::builtin();
    let items = c
        .entries_of::<FunctionalCode>()
        .map(|(x, _)| x)
        .filter(|x| x.level() == Level::Item)
        .collect();
    let sections: Vec<EconomicCode> = c
        .entries_of::<EconomicCode>()
        .map(|(x, _)| x)
        .filter(|x| x.level() == Level::Section)
        .collect();
    let of = |classes: &[u32]| -> Vec<EconomicCode> {
        sections
            .iter()
            .copied()
            .filter(|x| classes.contains(&x.class().as_u32()))
            .collect()
    };
    Codes {
        items,
        personnel: of(&[301, 303]),
        operating: of(&[302]),
        any: sections.clone(),
    }
}

fn pick<T: Copy>(v: &[T], i: u16) -> T {
    v[i as usize % v.len()]
}

/// A valid budget builder from leaves: projects, carry-over items and control figures are
/// derived so that every invariant holds.
pub fn builder_from_leaves(leaves: &[Leaf]) -> DepartmentBudgetBuilder {
    let codes = codes();
    let mut b =
        DepartmentBudget::builder(Department::new("合成部门", 2026, UnitKind::Administrative));
    let project_lines = leaves.iter().filter(|l| l.0 % 10 >= 6).count();
    let n_projects = (project_lines / 8).max(1);
    let projects: Vec<_> = (0..n_projects)
        .map(|i| b.project(Project::new(format!("P{i}"), format!("项目 {i}"))))
        .collect();
    let carry_keys = [
        ("C-personnel", CarryOverUse::Basic(BasicKind::Personnel)),
        ("C-operating", CarryOverUse::Basic(BasicKind::Operating)),
        ("C-project", CarryOverUse::Project),
    ];
    let carry_ids: Vec<_> = carry_keys
        .iter()
        .enumerate()
        .map(|(slot, (key, usage))| {
            b.carry_over(CarryOverItem {
                key: key.to_string(),
                notice: format!("关于下达结转资金的通知 {slot}"),
                fund: CarryOverFund::Fiscal(FundType::GeneralPublicBudget),
                usage: *usage,
                amount: Amount::ZERO, // set below, from the lines drawing on it
                purpose: String::new(),
            })
        })
        .collect();
    let mut carry_sums = [0u64; 3];
    let mut lines = Vec::with_capacity(leaves.len());
    let mut next_project = 0usize;
    for &(k, code, s, fen) in leaves {
        let (kind, economic, slot) = match k % 10 {
            0..=3 => (SpendingKind::PERSONNEL, pick(&codes.personnel, code), 0),
            4..=5 => (SpendingKind::OPERATING, pick(&codes.operating, code), 1),
            _ => {
                // Every project gets a line before any gets a second.
                let p = projects[next_project % n_projects];
                next_project += 1;
                (SpendingKind::Project(p), pick(&codes.any, code / 3), 2)
            }
        };
        let source = SOURCES[s as usize % SOURCES.len()];
        let amount = Amount::from_fen(fen);
        let mut line = Line::new(pick(&codes.items, code), economic, kind, source, amount);
        if source.is_carry_over() {
            carry_sums[slot] += fen;
            line = line.with_carry_over(carry_ids[slot]);
        }
        lines.push(line);
    }
    for (item, fen) in b.carry_overs_mut().iter_mut().zip(carry_sums) {
        item.amount = Amount::from_fen(fen);
    }
    let mut control: BTreeMap<FundingSource, u128> = BTreeMap::new();
    for l in &lines {
        if !l.source().is_carry_over() {
            *control.entry(l.source()).or_default() += l.amount().fen();
        }
    }
    for (s, fen) in control {
        b.control_figure(s, Amount::from_fen_u128(fen).unwrap());
    }
    b.lines(lines);
    // Random leaves can repeat a leaf key: one leaf, listed twice, merged explicitly.
    b.merge_duplicate_lines();
    // Projects that got no line (possible only when there are no project leaves) are dropped.
    if project_lines == 0 {
        b.projects_mut().clear();
    }
    b
}

/// `n` pseudo-random leaves (a fixed linear congruential generator, so runs are comparable).
pub fn leaves(n: usize, seed: u64) -> Vec<Leaf> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = x >> 16;
            (
                (r % 10) as u8,
                ((r >> 8) % 65_521) as u16,
                ((r >> 24) % 8) as u8,
                1 + (r >> 32) % 100_000_000,
            )
        })
        .collect()
}
