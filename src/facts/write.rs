//! 写出明细事实: one fact per leaf line, and the CSV of them.

use core::fmt::Write as _;

use strum::{EnumCount, IntoEnumIterator};

use crate::amount::Amount;
use crate::budget::{CarryOverItem, DepartmentBudget, Line, Project, SpendingKind, UnitKind};
use crate::classification::{Catalogue, EconomicCode, FunctionalCode, GovEconomicCode};
use crate::funding::FundingSource;

use super::columns::Column;

/// 明细事实: one leaf line of a budget with every dimension spelled out.
///
/// Codes are the line's (functional 项, economic 款); their 类/款 and names come from the
/// catalogue edition ([`Fact::names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Fact<'a> {
    /// 预算年度.
    pub year: u16,
    /// 部门名称.
    pub department: &'a str,
    /// 单位名称 of a subordinate unit; `None` for the department itself.
    pub unit: Option<&'a str>,
    /// 单位性质 of the unit spending the line.
    pub unit_kind: UnitKind,
    /// 支出功能分类 项.
    pub functional: FunctionalCode,
    /// 部门预算支出经济分类 款.
    pub economic: EconomicCode,
    /// 政府预算支出经济分类 款, where the mapping is known.
    pub gov_economic: Option<GovEconomicCode>,
    /// 支出类型.
    pub kind: SpendingKind,
    /// The project of a 项目支出 line.
    pub project: Option<&'a Project>,
    /// 资金来源.
    pub source: FundingSource,
    /// The carry-over item the line draws on.
    pub carry_over: Option<&'a CarryOverItem>,
    /// 金额 in 元.
    pub amount: Amount,
}

/// The catalogue names of a fact's codes (`None` where the edition names none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FactNames<'c> {
    /// 功能分类 类, 款, 项.
    pub functional: [Option<&'c str>; 3],
    /// 经济分类 类, 款.
    pub economic: [Option<&'c str>; 2],
    /// 政府经济分类 款.
    pub gov_economic: Option<&'c str>,
}

impl Fact<'_> {
    /// 功能分类 类, 款 and 项 codes of the line.
    pub fn functional_levels(&self) -> [FunctionalCode; 3] {
        let f = self.functional;
        [f.class(), f.section().unwrap_or(f), f]
    }

    /// 经济分类 类 and 款 codes of the line.
    pub fn economic_levels(&self) -> [EconomicCode; 2] {
        [self.economic.class(), self.economic]
    }

    /// The names of the fact's codes in `catalogue`.
    pub fn names<'c>(&self, catalogue: &'c Catalogue) -> FactNames<'c> {
        let [fc, fs, fi] = self.functional_levels();
        let [ec, es] = self.economic_levels();
        FactNames {
            functional: [catalogue.name(fc), catalogue.name(fs), catalogue.name(fi)],
            economic: [catalogue.name(ec), catalogue.name(es)],
            gov_economic: self.gov_economic.and_then(|g| catalogue.name(g)),
        }
    }
}

/// The facts of `budget`, one per leaf line, in line order.
pub fn facts(budget: &DepartmentBudget) -> impl Iterator<Item = Fact<'_>> + '_ {
    budget.lines().iter().map(move |l| fact(budget, l))
}

fn fact<'a>(budget: &'a DepartmentBudget, line: &Line) -> Fact<'a> {
    let department = budget.department();
    let unit = line.unit().and_then(|u| budget.unit(u));
    let unit_kind = unit.map_or(department.unit_kind, |u| u.unit_kind);
    Fact {
        year: department.year,
        department: &department.name,
        unit: unit.map(|u| u.name.as_str()),
        unit_kind,
        functional: line.functional(),
        economic: line.economic(),
        gov_economic: line.economic().government_code(unit_kind.mapping_basis()),
        kind: line.kind(),
        project: line.kind().project().and_then(|p| budget.project(p)),
        source: line.source(),
        carry_over: line.carry_over().and_then(|c| budget.carry_over(c)),
        amount: line.amount(),
    }
}

/// The cells of one record, reused from row to row.
pub(crate) struct Cells(pub(crate) [String; Column::COUNT]);

impl Cells {
    /// Empty cells.
    pub(crate) fn new() -> Cells {
        Cells(Default::default())
    }

    /// The cells of `fact`, in [`Column`] order (CSV's text of every column).
    pub(crate) fn fill(&mut self, fact: &Fact<'_>, catalogue: &Catalogue) {
        let names = fact.names(catalogue);
        let [fc, fs, fi] = fact.functional_levels();
        let [ec, es] = fact.economic_levels();
        for (column, cell) in Column::iter().zip(self.0.iter_mut()) {
            cell.clear();
            // Writing into a String cannot fail.
            let _ = match column {
                Column::Year => write!(cell, "{}", fact.year),
                Column::Department => write!(cell, "{}", fact.department),
                Column::Unit => write!(cell, "{}", fact.unit.unwrap_or("")),
                Column::UnitKind => write!(cell, "{}", fact.unit_kind),
                Column::FunctionalClass => write!(cell, "{fc}"),
                Column::FunctionalClassName => write!(cell, "{}", or_empty(names.functional[0])),
                Column::FunctionalSection => write!(cell, "{fs}"),
                Column::FunctionalSectionName => {
                    write!(cell, "{}", or_empty(names.functional[1]))
                }
                Column::FunctionalItem => write!(cell, "{fi}"),
                Column::FunctionalItemName => write!(cell, "{}", or_empty(names.functional[2])),
                Column::EconomicClass => write!(cell, "{ec}"),
                Column::EconomicClassName => write!(cell, "{}", or_empty(names.economic[0])),
                Column::EconomicSection => write!(cell, "{es}"),
                Column::EconomicSectionName => write!(cell, "{}", or_empty(names.economic[1])),
                Column::GovEconomic => match fact.gov_economic {
                    Some(g) => write!(cell, "{g}"),
                    None => Ok(()),
                },
                Column::GovEconomicName => write!(cell, "{}", or_empty(names.gov_economic)),
                Column::Kind => write!(cell, "{}", fact.kind),
                Column::Project => write!(cell, "{}", or_empty(fact.project.map(|p| &*p.key))),
                Column::ProjectName => {
                    write!(cell, "{}", or_empty(fact.project.map(|p| &*p.name)))
                }
                Column::Source => write!(cell, "{}", fact.source),
                Column::FundingGroup => write!(cell, "{}", fact.source.group()),
                Column::FundType => match fact.source.fund_type() {
                    Some(t) => write!(cell, "{t}"),
                    None => Ok(()),
                },
                Column::CarryOver => {
                    write!(cell, "{}", or_empty(fact.carry_over.map(|c| &*c.key)))
                }
                Column::Amount => write!(cell, "{}", fact.amount),
            };
        }
    }
}

fn or_empty(s: Option<&str>) -> &str {
    s.unwrap_or("")
}

/// Writes the facts of `budget` as CSV (RFC 4180: comma-separated, fields quoted where needed,
/// `\n` line ends, UTF-8 without a byte-order mark): the header, then one record per leaf line
/// in line order, every column of [`Column`] in its order. What lines cannot carry goes to the
/// side file ([`super::Side::of`]).
///
/// # Errors
/// What writing to `out` returns.
pub fn write_csv<W: std::io::Write>(budget: &DepartmentBudget, out: W) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(Column::iter().map(Column::header))?;
    let catalogue = budget.catalogue();
    let mut cells = Cells::new();
    for fact in facts(budget) {
        cells.fill(&fact, catalogue);
        w.write_record(&cells.0)?;
    }
    w.flush()
}
