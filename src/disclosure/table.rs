//! The typed table view and the rounding engine behind it.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::amount::{Amount, Unit, largest_remainder};

/// 舍入方式: how exact amounts become printed cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Each printed cell is its exact amount rounded 四舍五入, as the seed prints (a subtotal can
    /// differ from the sum of its printed parts: 表6's 3.80 over rows printing 3.79).
    #[default]
    Faithful,
    /// 尾差调整: leaf cells are rounded by largest remainder within each column group, and every
    /// subtotal and total is the sum of its printed parts, so every printed total foots.
    Footing,
}

/// One cell of a table body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// Text: a code, a name, a label (may be empty).
    Text(String),
    /// Money: the exact amount and what is printed (`None` where the profile prints a blank).
    Money {
        /// The exact amount in 元.
        exact: Amount,
        /// The printed value in the table's unit.
        #[serde(
            serialize_with = "crate::serde_decimal::serialize_option",
            deserialize_with = "crate::serde_decimal::deserialize_option"
        )]
        shown: Option<Decimal>,
    },
}

impl Cell {
    /// The printed text of the cell.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Money { shown, .. } => shown.map(|d| d.to_string()).unwrap_or_default(),
        }
    }
}

/// A body row: cells, and whether the row (or which cells) print bold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The cells, one per column.
    pub cells: Vec<Cell>,
    /// Per cell: printed bold (subtotal and total rows).
    pub bold: Vec<bool>,
}

/// 公开表: one disclosure table, computed from a budget. It cannot be inconsistent with the
/// budget: every money cell is a sum of lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The table's id in its template (e.g. `income_summary`); empty when the template gives
    /// none.
    pub id: String,
    /// Its number in the template (表 N).
    pub number: u32,
    /// 标题.
    pub title: String,
    /// 编制部门.
    pub department: String,
    /// 单位.
    pub unit: Unit,
    /// 信息栏: labelled rows a form-like table (a 绩效目标表) prints above its header (项目名称,
    /// 资金, 年度目标 …); empty for the money tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub info: Vec<Row>,
    /// Header rows; a merged cell prints once and the cells it covers are empty.
    pub header: Vec<Vec<String>>,
    /// Body rows, total rows included.
    pub rows: Vec<Row>,
    /// The explanation printed under an empty table (空表说明).
    pub note: Option<String>,
    /// Whether amounts print with thousands separators (`31,214,205.80`).
    pub thousands: bool,
}

impl Table {
    /// The printed text of a cell in this table (thousands separators where the profile uses
    /// them).
    #[must_use]
    pub fn shown(&self, cell: &Cell) -> String {
        let t = cell.text();
        match cell {
            Cell::Money { .. } if self.thousands => crate::amount::group_thousands(&t),
            _ => t,
        }
    }

    /// The number of columns.
    pub fn width(&self) -> usize {
        self.header.first().map_or(0, Vec::len)
    }
}

impl core::fmt::Display for Table {
    /// The table as aligned text ([`render::text`](super::render::text)): title, 编制部门 and
    /// unit line, header, body and note.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&super::render::text(self))
    }
}

impl core::fmt::Display for Cell {
    /// The printed text ([`Cell::text`]; no thousands separators, which are the table's).
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.text())
    }
}

/// The scale of a footed zero.
const DP_ZERO: u32 = 2;

/// A cell's position: (row, column).
type CellAt = (usize, usize);

/// A money cell before rounding: a leaf in a footing group, or a sum of other cells.
#[derive(Debug, Clone)]
pub(crate) enum Proto {
    Text(String),
    Leaf {
        exact: Amount,
        group: u32,
    },
    Sum(Vec<(usize, usize)>),
    /// 增减额: the printed value of the first cell less that of the second.
    Change(CellAt, CellAt),
    /// 增减率: that change over the second cell's printed value, in percent.
    Rate(CellAt, CellAt),
}

/// Rows of proto cells, resolved into a table body under a rounding mode.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    pub(crate) rows: Vec<(Vec<Proto>, Vec<bool>)>,
    /// Whether changes print with thousands separators (as the table's amounts do).
    pub(crate) thousands: bool,
    /// Money cells that print a zero as `0.00` even where the table blanks zeros (a total row
    /// marked `show_zero`).
    pub(crate) zero_shown: std::collections::HashSet<CellAt>,
}

/// The decimals of a printed rate (`-60.86%`).
const RATE_DP: u32 = 2;

impl Grid {
    /// Adds a row whose cells are all bold or all plain; returns its index.
    pub(crate) fn push(&mut self, cells: Vec<Proto>, bold: bool) -> usize {
        let flags = vec![bold; cells.len()];
        self.push_cells(cells, flags)
    }

    /// Adds a row with a bold flag per cell; returns its index.
    pub(crate) fn push_cells(&mut self, cells: Vec<Proto>, bold: Vec<bool>) -> usize {
        self.rows.push((cells, bold));
        self.rows.len() - 1
    }

    /// Marks every cell of `row` to print a zero as `0.00` (see [`Grid::zero_shown`]).
    pub(crate) fn show_zero_row(&mut self, row: usize) {
        let width = self.rows.get(row).map_or(0, |(cells, _)| cells.len());
        self.zero_shown.extend((0..width).map(|k| (row, k)));
    }

    /// Moves the last row (a total) to the top, every sum still naming the cells it adds up.
    pub(crate) fn last_to_top(&mut self) {
        let n = self.rows.len();
        if n < 2 {
            return;
        }
        let moved = |r: usize| if r + 1 == n { 0 } else { r + 1 };
        self.zero_shown = self
            .zero_shown
            .iter()
            .map(|&(r, k)| (moved(r), k))
            .collect();
        for (cells, _) in &mut self.rows {
            for cell in cells {
                if let Proto::Sum(refs) = cell {
                    refs.iter_mut().for_each(|(r, _)| *r = moved(*r));
                }
            }
        }
        self.rows.rotate_right(1);
    }

    /// The exact amount of a cell, memoised: sums share their subtrees (a 类 row sums its 款
    /// rows, the total sums the 类 rows), so each cell is computed once.
    fn exact(&self, at: CellAt, depth: usize, memo: &mut HashMap<CellAt, Amount>) -> Amount {
        if let Some(a) = memo.get(&at) {
            return *a;
        }
        let a = match self.rows.get(at.0).and_then(|(r, _)| r.get(at.1)) {
            Some(Proto::Leaf { exact, .. }) => *exact,
            Some(Proto::Sum(refs)) if depth < 64 => {
                let mut sum = Amount::ZERO;
                for r in refs {
                    sum = sum
                        .checked_add(self.exact(*r, depth + 1, memo))
                        .unwrap_or(Amount::MAX);
                }
                sum
            }
            _ => Amount::ZERO,
        };
        memo.insert(at, a);
        a
    }

    /// The printed value of a cell in footing mode: rounded leaves, sums of printed parts.
    fn footed(
        &self,
        at: CellAt,
        leaves: &HashMap<CellAt, Decimal>,
        depth: usize,
        memo: &mut HashMap<CellAt, Decimal>,
    ) -> Decimal {
        if let Some(d) = memo.get(&at) {
            return *d;
        }
        let d = match self.rows.get(at.0).and_then(|(r, _)| r.get(at.1)) {
            Some(Proto::Leaf { .. }) => {
                leaves.get(&at).copied().unwrap_or(Decimal::new(0, DP_ZERO))
            }
            Some(Proto::Sum(refs)) if depth < 64 => {
                let mut sum = Decimal::new(0, DP_ZERO);
                for r in refs {
                    sum = sum.saturating_add(self.footed(*r, leaves, depth + 1, memo));
                }
                sum
            }
            _ => Decimal::new(0, DP_ZERO),
        };
        memo.insert(at, d);
        d
    }

    /// The printed value of a money cell and whether its exact amount is zero; `None` for a
    /// text cell.
    fn printed(
        &self,
        at: CellAt,
        unit: Unit,
        dp: u32,
        rounding: Rounding,
        leaves: &HashMap<CellAt, Decimal>,
        memo: &mut HashMap<CellAt, Amount>,
    ) -> Option<(Decimal, bool)> {
        match self.rows.get(at.0).and_then(|(r, _)| r.get(at.1)) {
            Some(Proto::Leaf { .. } | Proto::Sum(_)) => {
                let exact = self.exact(at, 0, memo);
                let shown = match rounding {
                    Rounding::Faithful => exact.round_in(unit, dp),
                    Rounding::Footing => self.footed(at, leaves, 0, &mut HashMap::new()),
                };
                Some((shown, exact.is_zero()))
            }
            _ => None,
        }
    }

    /// The text of a change (`-20,442.30`) or rate (`-60.86%`) between two printed values: blank
    /// when either is not a money cell or both are zero (nothing to compare), and a rate is
    /// blank over a prior value of zero.
    fn compared(
        &self,
        current: Option<(Decimal, bool)>,
        prior: Option<(Decimal, bool)>,
        dp: u32,
        rate: bool,
    ) -> String {
        let (Some((a, a_zero)), Some((b, b_zero))) = (current, prior) else {
            return String::new();
        };
        if a_zero && b_zero {
            return String::new();
        }
        let Some(change) = a.checked_sub(b) else {
            return String::new();
        };
        if !rate {
            let t = format!("{:.*}", dp as usize, change);
            return if self.thousands {
                crate::amount::group_thousands(&t)
            } else {
                t
            };
        }
        change
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|c| c.checked_div(b))
            .map(|r| {
                let r = r.round_dp_with_strategy(
                    RATE_DP,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                format!("{:.*}%", RATE_DP as usize, r)
            })
            .unwrap_or_default()
    }

    /// Resolves every cell to `dp` decimals of `unit`; zeros print blank when `blank_zero`.
    pub(crate) fn resolve(
        &self,
        unit: Unit,
        dp: u32,
        rounding: Rounding,
        blank_zero: bool,
    ) -> Vec<Row> {
        let mut leaves = HashMap::new();
        let mut exact_memo = HashMap::new();
        let mut footed_memo = HashMap::new();
        if rounding == Rounding::Footing {
            let mut groups: std::collections::BTreeMap<u32, Vec<(CellAt, Amount)>> =
                std::collections::BTreeMap::new();
            for (i, (row, _)) in self.rows.iter().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    if let Proto::Leaf { exact, group } = cell {
                        groups.entry(*group).or_default().push(((i, j), *exact));
                    }
                }
            }
            for members in groups.values() {
                let parts: Vec<Amount> = members.iter().map(|(_, a)| *a).collect();
                if let Ok(shown) = largest_remainder(&parts, unit, dp) {
                    for ((at, _), s) in members.iter().zip(shown) {
                        leaves.insert(*at, s);
                    }
                }
            }
        }
        self.rows
            .iter()
            .enumerate()
            .map(|(i, (row, bold))| {
                let cells: Vec<Cell> = row
                    .iter()
                    .enumerate()
                    .map(|(j, p)| match p {
                        Proto::Text(t) => Cell::Text(t.clone()),
                        Proto::Change(a, b) | Proto::Rate(a, b) => {
                            let rate = matches!(p, Proto::Rate(..));
                            let mut printed =
                                |at| self.printed(at, unit, dp, rounding, &leaves, &mut exact_memo);
                            let (a, b) = (printed(*a), printed(*b));
                            Cell::Text(self.compared(a, b, dp, rate))
                        }
                        _ => {
                            let exact = self.exact((i, j), 0, &mut exact_memo);
                            let shown = match rounding {
                                Rounding::Faithful => exact.round_in(unit, dp),
                                Rounding::Footing => {
                                    self.footed((i, j), &leaves, 0, &mut footed_memo)
                                }
                            };
                            let blank = blank_zero
                                && shown.is_zero()
                                && exact.is_zero()
                                && !self.zero_shown.contains(&(i, j));
                            Cell::Money {
                                exact,
                                shown: (!blank).then_some(shown),
                            }
                        }
                    })
                    .collect();
                let bold = cells
                    .iter()
                    .enumerate()
                    .map(|(k, c)| bold.get(k).copied().unwrap_or(false) && !c.text().is_empty())
                    .collect();
                Row { cells, bold }
            })
            .collect()
    }
}
