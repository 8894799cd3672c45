//! 重庆市气象局 2026 年部门预算 (disclosure 19, the Chongqing 12-table template) rebuilt from
//! `examples/data/chongqing_meteorological_2026.json`: every money cell of every published table
//! is read from the ruled-table extraction `19_chongqing_meteorological_2026_dept.grid.txt`, and
//! every headline figure of the narrative from the whole text `….txt`, and compared with the
//! figure the budget's views derive from its leaf lines, rounded 四舍五入 to the printed 万元.
//!
//! Each table's test asserts how many printed cells match and names every cell that cannot,
//! with the reason (all are model gaps; see `examples/data/chongqing_meteorological_2026.md`).
//! Blank cells are checked too: where the document prints nothing, the budget must derive zero.
//! `cargo test --test reproduce_chongqing_meteorological_2026 -- --nocapture summary` prints
//! the tally per table.

use std::collections::BTreeMap;

use yusuan::Unit;
use yusuan::amount::{Amount, Direction};
use yusuan::budget::{DepartmentBudget, KindTotals, Line, VehicleKind};
use yusuan::classification::{Catalogue, EconomicCode, FunctionalCode, Level};
use yusuan::funding::{FundType, FundingSource, IncomeLabel};

const JSON: &str = include_str!("../examples/data/chongqing_meteorological_2026.json");
const GRID: &str = include_str!("data/disclosures/19_chongqing_meteorological_2026_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/19_chongqing_meteorological_2026_dept.txt");

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Chongqing budget builds")
}

// ---------------------------------------------------------------------------------------------
// Reading the published document
// ---------------------------------------------------------------------------------------------

/// A table row as extracted: cells trimmed, empty cells kept.
type Row = Vec<String>;

/// `一`…`十二` as a number.
fn chinese_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        ['十', d] => digit(*d).map(|d| 10 + d),
        [d] => digit(*d),
        _ => None,
    }
}

/// Which 表 each page of the document belongs to, read from the whole text: a page whose first
/// line is `表N` starts table N; a page without one continues the table before it.
fn table_of_page() -> BTreeMap<u32, u32> {
    let mut out = BTreeMap::new();
    let mut current = None;
    let mut lines = TEXT.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(page) = line
            .strip_prefix("===== [page ")
            .and_then(|r| r.strip_suffix("] ====="))
        else {
            continue;
        };
        let page: u32 = page.parse().unwrap();
        if let Some(n) = lines
            .peek()
            .and_then(|l| l.trim().strip_prefix('表'))
            .and_then(chinese_numeral)
        {
            current = Some(n);
        }
        if let Some(n) = current {
            out.insert(page, n);
        }
    }
    out
}

/// The rows of 表 `n` in the grid file, all its pages in order (repeated headers included).
fn table(n: u32) -> Vec<Row> {
    let pages = table_of_page();
    let mut rows = Vec::new();
    let mut inside = false;
    for line in GRID.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            let page: u32 = rest.split(' ').next().unwrap().parse().unwrap();
            inside = pages.get(&page) == Some(&n);
            continue;
        }
        if inside && !line.trim().is_empty() && !line.starts_with('#') {
            rows.push(line.split(" | ").map(|c| c.trim().to_string()).collect());
        }
    }
    assert!(!rows.is_empty(), "表{n} not found in the grid file");
    rows
}

/// Text with whitespace (PDF line wrapping) removed.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A printed cell read in 万元.
fn wan(text: &str) -> Amount {
    Amount::parse_in(text, Unit::WanYuan).unwrap_or_else(|e| panic!("{e}"))
}

/// A label without its numbering: `一、`, `(一)`, `（一）`.
fn strip_numbering(label: &str) -> &str {
    let label = label.trim();
    if let Some(rest) = label.strip_prefix('(').or_else(|| label.strip_prefix('（')) {
        if let Some(i) = rest.find([')', '）']) {
            return &rest[i + rest[i..].chars().next().unwrap().len_utf8()..];
        }
    }
    match label.split_once('、') {
        Some((num, rest)) if chinese_numeral(num).is_some() => rest,
        _ => label,
    }
}

/// The functional 类 a printed name (`一、社会保障和就业支出`) stands for, from the catalogue.
fn class_named(label: &str) -> FunctionalCode {
    let name = squeeze(strip_numbering(label));
    Catalogue::builtin()
        .entries_of::<FunctionalCode>()
        .find(|(c, n)| c.level() == Level::Class && squeeze(n) == name)
        .map(|(c, _)| c)
        .unwrap_or_else(|| panic!("no functional 类 named {label:?}"))
}

// ---------------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------------

/// What a column or row of a table adds up.
type Filter = Box<dyn Fn(&Line) -> bool>;

/// A figure the budget derives, or why the model cannot derive it.
type Derived = Result<Amount, &'static str>;

/// Matched / published cells of one table, and the cells that do not match.
#[derive(Default, Debug)]
struct Tally {
    published: usize,
    matched: usize,
    blanks: usize,
    unmatched: Vec<String>,
}

impl Tally {
    /// Compares one printed cell (blank or an amount in 万元) with the derived figure.
    fn cell(&mut self, what: &str, printed: &str, derived: Derived) {
        if printed.is_empty() {
            match derived {
                Ok(a) if !a.display_in(Unit::WanYuan).is_zero() => self.unmatched.push(format!(
                    "{what}: printed blank, budget {}",
                    a.display_in(Unit::WanYuan)
                )),
                Ok(_) => self.blanks += 1,
                Err(_) => {}
            }
            return;
        }
        self.published += 1;
        match derived {
            Ok(a) if a.display_in(Unit::WanYuan) == wan(printed).to_unit(Unit::WanYuan) => {
                self.matched += 1;
            }
            Ok(a) => self.unmatched.push(format!(
                "{what}: printed {printed}, budget {}",
                a.display_in(Unit::WanYuan)
            )),
            Err(reason) => self
                .unmatched
                .push(format!("{what}: printed {printed} — {reason}")),
        }
    }

    /// The names of the unmatched cells (the part before `:`).
    fn unmatched_names(&self) -> Vec<&str> {
        self.unmatched
            .iter()
            .map(|u| u.split(": ").next().unwrap())
            .collect()
    }

    /// Asserts the counts and the unmatched cells of a table.
    fn assert(&self, table: &str, matched: usize, published: usize, gaps: &[&str]) {
        assert_eq!(
            self.unmatched_names(),
            gaps,
            "{table}: unmatched cells {:#?}",
            self.unmatched
        );
        assert_eq!(
            (self.matched, self.published),
            (matched, published),
            "{table}: {self:#?}"
        );
    }
}

/// The funding a column header of an income table stands for. In this template a fund type's
/// column (`一般公共预算拨款收入`) includes that fund's 上年结转: "结转金额已纳入相应性质的资金
/// 收入中进行反映" (情况说明 二).
fn income_filter(header: &str) -> Filter {
    match IncomeLabel::parse(header) {
        Ok(IncomeLabel::Source(s)) => Box::new(move |l: &Line| l.source() == s),
        Ok(IncomeLabel::FundType(t)) => Box::new(move |l: &Line| l.source().fund_type() == Some(t)),
        _ if matches!(squeeze(header).as_str(), "总计" | "合计") => Box::new(|_: &Line| true),
        other => panic!("income column {header:?} read as {other:?}"),
    }
}

/// The part of a [`KindTotals`] a column header of a spending table stands for.
fn kind_part(header: &str) -> fn(&KindTotals) -> Amount {
    match squeeze(header).as_str() {
        "总计" | "合计" => KindTotals::total,
        "小计" | "基本支出" => KindTotals::basic,
        "人员经费" => |k| k.personnel,
        "公用经费" => |k| k.operating,
        "项目支出" => |k| k.project,
        other => panic!("spending column {other:?}"),
    }
}

/// A money column of a table: its index, name, the lines it adds up and which part it shows.
struct Column {
    index: usize,
    name: String,
    keep: Filter,
    part: fn(&KindTotals) -> Amount,
}

/// Whether a row is a data row (合计 or a code), not a (repeated) header.
fn is_data_row(row: &Row) -> bool {
    let first = row.first().map_or("", String::as_str);
    first == "合计" || (first.len() >= 3 && first.bytes().all(|b| b.is_ascii_digit()))
}

/// The header text of column `index`: the last non-empty header cell above the first data row.
fn header(rows: &[Row], index: usize) -> String {
    rows.iter()
        .take_while(|r| !is_data_row(r))
        .filter_map(|r| r.get(index).filter(|c| !c.is_empty()))
        .last()
        .cloned()
        .unwrap_or_else(|| panic!("column {index} has no header"))
}

/// Columns `from..to` of a spending table whose lines are those `keep` accepts.
fn spending_columns(rows: &[Row], from: usize, to: usize, keep: fn(&Line) -> bool) -> Vec<Column> {
    (from..to)
        .map(|index| {
            let name = header(rows, index);
            Column {
                index,
                part: kind_part(&name),
                name,
                keep: Box::new(keep),
            }
        })
        .collect()
}

/// The code system of a tree table's rows.
#[derive(Clone, Copy)]
enum Tree {
    Functional,
    Economic,
}

/// The figure of one code row (or the 合计 row) of a tree table, over the lines `keep` accepts.
fn tree_figure(
    b: &DepartmentBudget,
    tree: Tree,
    code: &str,
    keep: &Filter,
    part: fn(&KindTotals) -> Amount,
) -> Derived {
    let keep = |l: &Line| keep(l);
    if code == "合计" {
        return Ok(part(&b.kind_totals_where(keep)));
    }
    let totals = match tree {
        Tree::Functional => {
            let c: FunctionalCode = code.parse().unwrap();
            b.by_functional(c.level(), keep).get(&c).copied()
        }
        Tree::Economic if code.len() == 7 => {
            return Err("a local 7-digit economic sub-item; lines are kept at 款");
        }
        Tree::Economic => {
            let c: EconomicCode = code.parse().unwrap();
            b.by_economic(c.level(), keep).get(&c).copied()
        }
    };
    Ok(part(&totals.unwrap_or_default()))
}

/// Compares every money cell of a table whose rows are a code tree (类/款/项 or 类/款) under a
/// 合计 row.
fn tree_table(b: &DepartmentBudget, rows: &[Row], tree: Tree, columns: &[Column]) -> Tally {
    let mut t = Tally::default();
    for row in rows.iter().filter(|r| is_data_row(r)) {
        let code = row[0].as_str();
        let label = if code == "合计" {
            "合计".to_string()
        } else {
            format!("{code} {}", row[1])
        };
        for col in columns {
            t.cell(
                &format!("{label} / {}", squeeze(&col.name)),
                row.get(col.index).map_or("", String::as_str),
                tree_figure(b, tree, code, &col.keep, col.part),
            );
        }
    }
    t
}

fn general_budget(l: &Line) -> bool {
    l.source().fund_type() == Some(FundType::GeneralPublicBudget)
}

fn government_fund(l: &Line) -> bool {
    l.source().fund_type() == Some(FundType::GovernmentFund)
}

// ---------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------

/// 表一 部门收支总体情况表: income by source group (fund types with their carry-over) on the
/// left, spending by 类 on the right.
fn table_1(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::default();
    for row in table(1).iter().skip(2) {
        let (left, right) = (&row[0], &row[2]);
        if left == "合计" {
            t.cell("合计 (收入)", &row[1], Ok(b.total()));
        } else if !left.is_empty() {
            let keep = income_filter(strip_numbering(left));
            t.cell(left, &row[1], Ok(b.sum_where(|l| keep(l))));
        }
        if right == "合计" {
            t.cell("合计 (支出)", &row[3], Ok(b.total()));
        } else if !right.is_empty() {
            let class = class_named(right);
            t.cell(
                right,
                &row[3],
                Ok(b.sum_where(|l| l.functional().class() == class)),
            );
        }
    }
    t
}

/// 表二 部门收入总体情况表: functional tree × funding source.
fn table_2(b: &DepartmentBudget) -> Tally {
    let rows = table(2);
    let columns: Vec<Column> = (2..12)
        .map(|index| {
            let name = header(&rows, index);
            Column {
                index,
                keep: income_filter(&name),
                name,
                part: KindTotals::total,
            }
        })
        .collect();
    tree_table(b, &rows, Tree::Functional, &columns)
}

/// 表三 部门支出总体情况表: functional tree × 基本/项目, all funding.
fn table_3(b: &DepartmentBudget) -> Tally {
    let rows = table(3);
    let columns = spending_columns(&rows, 2, 5, |_| true);
    tree_table(b, &rows, Tree::Functional, &columns)
}

/// 表四 财政拨款收支总体情况表: 财政拨款 income (this year's by fund, then 上年结转 by fund) on
/// the left; spending by 类 × fund on the right.
fn table_4(b: &DepartmentBudget) -> Tally {
    let rows = table(4);
    let mut t = Tally::default();
    let fund_columns: Vec<(usize, Option<FundType>)> = (3..7)
        .map(|i| {
            let h = squeeze(&rows[1][i]);
            (i, (h != "合计").then(|| FundType::parse(&h).unwrap()))
        })
        .collect();
    let mut carry_over_section = false;
    for row in rows.iter().skip(2) {
        table_4_left(b, row, &mut carry_over_section, &mut t);
        let right = row[2].as_str();
        if right.is_empty() {
            continue;
        }
        for &(i, fund) in &fund_columns {
            let in_column = |l: &Line| match fund {
                Some(f) => l.source().fund_type() == Some(f),
                None => l.source().is_fiscal(),
            };
            let what = format!("{right} / {}", squeeze(&rows[1][i]));
            let derived = match squeeze(strip_numbering(right)).as_str() {
                // A budget spends what it has: nothing is carried to next year.
                "结转下年" => Ok(Amount::ZERO),
                "本年支出" | "支出合计" => Ok(b.sum_where(in_column)),
                _ => {
                    let class = class_named(right);
                    Ok(b.sum_where(|l| in_column(l) && l.functional().class() == class))
                }
            };
            t.cell(&what, &row[i], derived);
        }
    }
    t
}

/// The income side of one row of 表四.
fn table_4_left(b: &DepartmentBudget, row: &Row, carry_over_section: &mut bool, t: &mut Tally) {
    let left = row[0].as_str();
    if left.is_empty() {
        return;
    }
    let fiscal =
        |carry: bool| move |l: &Line| l.source().is_fiscal() && l.source().is_carry_over() == carry;
    let derived = match squeeze(strip_numbering(left)).as_str() {
        "本年收入" => b.sum_where(fiscal(false)),
        "上年结转" => {
            *carry_over_section = true;
            b.sum_where(fiscal(true))
        }
        "收入合计" => b.sum_where(|l| l.source().is_fiscal()),
        label => {
            let fund = FundType::parse(label).unwrap();
            let carry = *carry_over_section;
            b.sum_where(|l| {
                l.source().fund_type() == Some(fund) && l.source().is_carry_over() == carry
            })
        }
    };
    t.cell(left, &row[1], Ok(derived));
}

/// 表五 一般公共预算支出情况表: functional tree × 人员/公用/项目, general public budget (with its
/// carry-over).
fn table_5(b: &DepartmentBudget) -> Tally {
    let rows = table(5);
    let columns = spending_columns(&rows, 2, 7, general_budget);
    tree_table(b, &rows, Tree::Functional, &columns)
}

/// 表六 一般公共预算基本支出情况表: economic tree × 人员/公用.
fn table_6(b: &DepartmentBudget) -> Tally {
    let rows = table(6);
    let columns = spending_columns(&rows, 2, 5, |l| general_budget(l) && l.kind().is_basic());
    tree_table(b, &rows, Tree::Economic, &columns)
}

/// 表七 政府性基金预算支出情况表: functional tree × 基本/项目.
fn table_7(b: &DepartmentBudget) -> Tally {
    let rows = table(7);
    let columns = spending_columns(&rows, 2, 5, government_fund);
    tree_table(b, &rows, Tree::Functional, &columns)
}

/// 表八 财政拨款"三公"经费支出情况表: one row under a two-row header.
fn table_8(b: &DepartmentBudget) -> Tally {
    let rows = table(8);
    let tp = b.three_public();
    let names = [
        (0, 0, "合计", tp.total()),
        (1, 0, "因公出国(境)费", Some(tp.abroad)),
        (2, 1, "小计", tp.vehicles()),
        (3, 1, "公务用车购置费", Some(tp.vehicle_purchase)),
        (4, 1, "公务用车运行费", Some(tp.vehicle_operation)),
        (5, 0, "公务接待费", Some(tp.reception)),
    ];
    let mut t = Tally::default();
    for (i, header_row, name, derived) in names {
        assert_eq!(rows[header_row][i], name, "表八 column {i}");
        t.cell(name, &rows[2][i], Ok(derived.unwrap()));
    }
    t
}

/// 表九 政府采购预算明细表: 合计, 货物, 服务 × 总计 and funding source.
fn table_9(b: &DepartmentBudget) -> Tally {
    let rows = table(9);
    let p = b.procurement().copied().unwrap_or_default();
    let mut t = Tally::default();
    for row in rows.iter().skip(1) {
        let name = if row[0] == "合计" {
            "合计"
        } else {
            row[1].as_str()
        };
        let derived = match name {
            "合计" => p.total().unwrap(),
            "货物" => p.goods,
            "工程" => p.works,
            "服务" => p.services,
            other => panic!("表九 row {other:?}"),
        };
        t.cell(&format!("{name} / 总计"), &row[2], Ok(derived));
        for (i, cell) in row.iter().enumerate().skip(3) {
            let source = squeeze(&rows[0][i]);
            t.cell(
                &format!("{name} / {source}"),
                cell,
                Err("the model's 政府采购 has no split by funding source"),
            );
        }
    }
    t
}

/// 表十二 市级一般性项目绩效目标表: each 一级项目's 当年财政拨款预算金额.
fn table_12(b: &DepartmentBudget) -> Tally {
    let rows = table(12);
    assert_eq!(squeeze(&rows[0][2]), "当年财政拨款预算金额");
    let this_year_fiscal = |l: &Line| l.source().is_fiscal() && !l.source().is_carry_over();
    let mut t = Tally::default();
    for row in rows
        .iter()
        .filter(|r| r[0].bytes().all(|c| c.is_ascii_digit()) && !r[0].is_empty())
    {
        let (id, _) = b
            .projects()
            .find(|(_, p)| p.name == row[1])
            .unwrap_or_else(|| panic!("no project named {:?}", row[1]));
        let total = b.sum_where(|l| l.kind().project() == Some(id) && this_year_fiscal(l));
        t.cell(
            &format!("{} / 当年财政拨款预算金额", row[1]),
            &row[2],
            Ok(total),
        );
    }
    t
}

#[test]
fn table_1_overall_income_and_spending() {
    table_1(&budget()).assert("表一", 12, 12, &[]);
}

#[test]
fn table_2_income_by_functional_item_and_source() {
    table_2(&budget()).assert("表二", 76, 76, &[]);
}

#[test]
fn table_3_spending_by_functional_item() {
    table_3(&budget()).assert("表三", 61, 61, &[]);
}

#[test]
fn table_4_fiscal_income_and_spending() {
    table_4(&budget()).assert("表四", 24, 24, &[]);
}

#[test]
fn table_5_general_budget_spending() {
    table_5(&budget()).assert("表五", 75, 75, &[]);
}

#[test]
fn table_6_general_budget_basic_spending_by_economic_class() {
    // The local 7-digit sub-items of 30102 津贴补贴 and 30103 奖金 (总计 and 人员经费 columns):
    // a line is kept at 款, so only their 款 rows (which match) can be derived.
    let sub_items = [
        "3010201 规范性津补贴",
        "3010202 其他津补贴",
        "3010301 公务员基础绩效奖",
        "3010302 公务员年度考核奖",
        "3010303 年终一次性奖金",
    ];
    let gaps: Vec<String> = sub_items
        .iter()
        .flat_map(|s| [format!("{s} / 总计"), format!("{s} / 人员经费")])
        .collect();
    let gaps: Vec<&str> = gaps.iter().map(String::as_str).collect();
    table_6(&budget()).assert("表六", 61, 71, &gaps);
}

#[test]
fn table_7_government_fund_spending() {
    table_7(&budget()).assert("表七", 8, 8, &[]);
}

#[test]
fn table_8_three_public() {
    table_8(&budget()).assert("表八", 4, 4, &[]);
}

#[test]
fn table_9_procurement() {
    // The funding-source columns: the model's 政府采购 is goods / works / services only.
    table_9(&budget()).assert(
        "表九",
        3,
        7,
        &[
            "合计 / 事业收入",
            "合计 / 其他收入",
            "货物 / 事业收入",
            "服务 / 其他收入",
        ],
    );
}

#[test]
fn table_12_project_targets_funds() {
    table_12(&budget()).assert("表十二", 1, 1, &[]);
}

// ---------------------------------------------------------------------------------------------
// The narrative (情况说明)
// ---------------------------------------------------------------------------------------------

/// An amount printed in the narrative as `N万元`, with the two characters before it (the
/// direction word of a change: 增加 / 减少) and the text after `万元`.
#[derive(Debug)]
struct Printed {
    before: String,
    number: String,
    after: String,
}

/// The amounts printed as `N万元` after the only occurrence of `anchor` in the whitespace-free
/// text, in order.
fn amounts_after(anchor: &str) -> Vec<Printed> {
    let text: Vec<char> = squeeze(TEXT).chars().collect();
    let anchor: Vec<char> = anchor.chars().collect();
    let starts: Vec<usize> = (0..text.len())
        .filter(|&i| text[i..].starts_with(&anchor))
        .collect();
    assert_eq!(starts.len(), 1, "anchor {anchor:?} must occur once");
    let number_char = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
    let mut out = Vec::new();
    let mut i = starts[0] + anchor.len();
    while i < text.len() {
        if !text[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < text.len() && number_char(text[i]) {
            i += 1;
        }
        let number: String = text[start..i].iter().collect();
        let number = number.trim_end_matches([',', '.']).to_string();
        if text[i..].starts_with(&['万', '元']) {
            out.push(Printed {
                before: text[start.saturating_sub(2)..start].iter().collect(),
                number,
                after: text[i + 2..(i + 8).min(text.len())].iter().collect(),
            });
        }
    }
    out
}

/// A line of the whole text, by its 1-based number (for figures the extraction garbled).
fn text_line(n: usize) -> &'static str {
    TEXT.lines().nth(n - 1).unwrap()
}

impl Tally {
    /// Compares a printed change (`增加 552.5 万元`) with `current − prior`: its size and word.
    fn change(&mut self, what: &str, p: &Printed, current: Amount, prior: Derived) {
        let word = match p.before.as_str() {
            "增加" => Direction::Increase,
            "减少" => Direction::Decrease,
            other => panic!("{what}: {other:?} before {} is not a change", p.number),
        };
        let derived = prior.map(|prior| current.change_from(prior));
        match derived {
            Ok(c) if c.direction() != word => {
                self.published += 1;
                self.unmatched.push(format!(
                    "{what}: printed {}{}, budget {} {}",
                    p.before,
                    p.number,
                    c.direction(),
                    c.magnitude().display_in(Unit::WanYuan)
                ));
            }
            _ => self.cell(what, &p.number, derived.map(|c| c.magnitude())),
        }
    }

    /// Checks a printed `N万元,与上年持平`: the figure, and that it did not change.
    fn flat(&mut self, what: &str, p: &Printed, current: Amount, prior: Amount) {
        assert!(p.after.starts_with(",与上年持平"), "{what}: {p:?}");
        self.cell(what, &p.number, Ok(current));
        let change = current.change_from(prior);
        self.published += 1;
        if change.direction() == Direction::Flat {
            self.matched += 1;
        } else {
            self.unmatched
                .push(format!("{what} 与上年持平: budget {}", change.direction()));
        }
    }
}

/// The prior-year income of the sources `keep` accepts.
fn prior_income(b: &DepartmentBudget, keep: impl Fn(FundingSource) -> bool) -> Amount {
    let p = b.prior_year();
    Amount::checked_sum(p.income.iter().filter(|(s, _)| keep(**s)).map(|(_, a)| *a)).unwrap()
}

/// 二（一）收入预算 and 二（二）支出预算.
fn narrative_totals(b: &DepartmentBudget, t: &mut Tally) {
    let a = amounts_after("(一)收入预算:2026年年初预算数");
    let fund = |f: FundType| b.fund_type_total(f, true);
    let in_fund = |f: FundType| move |s: FundingSource| s.fund_type() == Some(f);
    let source = |s: FundingSource| b.source_total(s);
    let prior_of = |s: FundingSource| prior_income(b, |x| x == s);
    t.cell("收入预算 年初预算数", &a[0].number, Ok(b.total()));
    t.cell(
        "收入 一般公共预算拨款",
        &a[1].number,
        Ok(fund(FundType::GeneralPublicBudget)),
    );
    t.cell(
        "收入 政府性基金预算拨款",
        &a[2].number,
        Ok(fund(FundType::GovernmentFund)),
    );
    t.cell(
        "收入 事业收入资金",
        &a[3].number,
        Ok(source(FundingSource::ServiceRevenue)),
    );
    t.cell(
        "收入 其他收入资金",
        &a[4].number,
        Ok(source(FundingSource::OtherIncome)),
    );
    t.change(
        "收入 比上年",
        &a[5],
        b.total(),
        Ok(prior_income(b, |_| true)),
    );
    for (what, p, f) in [
        (
            "一般公共预算拨款 比上年",
            &a[6],
            FundType::GeneralPublicBudget,
        ),
        ("政府性基金预算资金 比上年", &a[7], FundType::GovernmentFund),
    ] {
        t.change(what, p, fund(f), Ok(prior_income(b, in_fund(f))));
    }
    for (what, p, s) in [
        ("事业收入资金 比上年", &a[8], FundingSource::ServiceRevenue),
        ("其他收入资金 比上年", &a[9], FundingSource::OtherIncome),
    ] {
        t.change(what, p, source(s), Ok(prior_of(s)));
    }
    // 情况说明 二（二）'s first clause is two text objects printed over each other (line 33:
    // "2026年4,770.62万年初预算数1 | 3,873.36万元,其中:自然资源海洋气象等支出1 | 元"); it reads
    // "年初预算数14,770.62万元,其中:自然资源海洋气象等支出13,873.36万元".
    let garbled = text_line(33);
    assert!(garbled.contains("4,770.62万年初预算数1") && garbled.contains("3,873.36万元"));
    t.cell("支出预算 年初预算数", "14,770.62", Ok(b.total()));
    let class = |name: &str| {
        let c = class_named(name);
        Ok(b.sum_where(|l| l.functional().class() == c))
    };
    t.cell(
        "支出 自然资源海洋气象等支出",
        "13,873.36",
        class("自然资源海洋气象等支出"),
    );
    let a = amounts_after("元,社会保障和就业支出");
    t.cell(
        "支出 社会保障和就业支出",
        &a[0].number,
        class("社会保障和就业支出"),
    );
    t.cell("支出 卫生健康支出", &a[1].number, class("卫生健康支出"));
    t.cell("支出 农林水支出", &a[2].number, class("农林水支出"));
    t.cell("支出 住房保障支出", &a[3].number, class("住房保障支出"));
    t.cell(
        "支出 灾害防治及应急管理支出",
        &a[4].number,
        class("灾害防治及应急管理支出"),
    );
    let p = b.prior_year();
    let prior_spending = p
        .basic
        .zip(p.project)
        .map(|(x, y)| x.checked_add(y).unwrap());
    t.change(
        "支出 比上年",
        &a[5],
        b.total(),
        prior_spending.ok_or("no prior 基本/项目支出"),
    );
    let k = b.kind_totals();
    t.change(
        "基本支出 比上年",
        &a[6],
        k.basic(),
        p.basic.ok_or("no prior 基本支出"),
    );
    t.change(
        "项目支出 比上年",
        &a[7],
        k.project,
        p.project.ok_or("no prior 项目支出"),
    );
}

/// 三、财政拨款情况说明. Its 一般公共预算 figures include that budget's 上年结转, as every table of
/// this template does.
fn narrative_fiscal(b: &DepartmentBudget, t: &mut Tally) {
    let a = amounts_after("2026年一般公共预算财政拨款收入");
    let p = b.prior_year();
    let g = b.kind_totals_where(general_budget);
    let prior_basic = p
        .general_budget_basic
        .ok_or("no prior 一般公共预算 基本支出");
    let prior_project = p
        .general_budget_project
        .ok_or("no prior 一般公共预算 项目支出");
    let prior_total = prior_basic.and_then(|x| prior_project.map(|y| x.checked_add(y).unwrap()));
    t.cell(
        "一般公共预算财政拨款收入",
        &a[0].number,
        Ok(b.fund_type_total(FundType::GeneralPublicBudget, true)),
    );
    t.cell("一般公共预算财政拨款支出", &a[1].number, Ok(g.total()));
    t.change(
        "一般公共预算财政拨款支出 比上年",
        &a[2],
        g.total(),
        prior_total,
    );
    t.cell("一般公共预算 基本支出", &a[3].number, Ok(g.basic()));
    t.change(
        "一般公共预算 基本支出 比上年",
        &a[4],
        g.basic(),
        prior_basic,
    );
    let gap = "PriorYear holds 人员/公用经费 of all funding; the narrative compares 一般公共预算's";
    t.change("一般公共预算 人员经费 比上年", &a[5], g.personnel, Err(gap));
    t.change("一般公共预算 公用经费 比上年", &a[6], g.operating, Err(gap));
    t.cell("一般公共预算 项目支出", &a[7].number, Ok(g.project));
    t.change(
        "一般公共预算 项目支出 比上年",
        &a[8],
        g.project,
        prior_project,
    );
    // Line 45 prints two text objects over each other: "收入579.89万79.89万元,政府性基金预算
    // 支出5 | 元" reads "收入579.89万元,政府性基金预算支出579.89万元".
    assert!(text_line(45).contains("财政拨款收入579.89万79.89万元,政府性基金预算支出5 | 元"));
    let gf = b.kind_totals_where(government_fund);
    t.cell(
        "政府性基金预算财政拨款收入",
        "579.89",
        Ok(b.fund_type_total(FundType::GovernmentFund, true)),
    );
    t.cell("政府性基金预算支出", "579.89", Ok(gf.total()));
    let a = amounts_after("水资源保障工程建设,比2025年增加");
    let in_gf = |s: FundingSource| s.fund_type() == Some(FundType::GovernmentFund);
    t.change(
        "政府性基金预算支出 比上年",
        &a[0],
        gf.total(),
        Ok(prior_income(b, in_gf)),
    );
}

/// 四、"三公"经费情况说明.
fn narrative_three_public(b: &DepartmentBudget, t: &mut Tally) {
    let a = amounts_after("“三公”经费预算");
    let now = b.three_public();
    let prior = b.prior_year().three_public.unwrap_or_default();
    t.cell("三公经费", &a[0].number, Ok(now.total().unwrap()));
    t.change(
        "三公经费 比上年",
        &a[1],
        now.total().unwrap(),
        Ok(prior.total().unwrap()),
    );
    t.cell("因公出国(境)费用", &a[2].number, Ok(now.abroad));
    t.change(
        "因公出国(境)费用 比上年",
        &a[3],
        now.abroad,
        Ok(prior.abroad),
    );
    t.flat("公务接待费", &a[4], now.reception, prior.reception);
    t.cell(
        "公务用车运行维护费",
        &a[5].number,
        Ok(now.vehicle_operation),
    );
    t.change(
        "公务用车运行维护费 比上年",
        &a[6],
        now.vehicle_operation,
        Ok(prior.vehicle_operation),
    );
    t.flat(
        "公务用车购置费",
        &a[7],
        now.vehicle_purchase,
        prior.vehicle_purchase,
    );
}

/// 五、其他重要事项: 机关运行经费, 政府采购, 绩效目标, 委托业务费.
fn narrative_other(b: &DepartmentBudget, t: &mut Tally) {
    let a = amounts_after("一般公共预算财政拨款运行经费");
    let running = b.year_on_year().organ_running.unwrap();
    t.cell("机关运行经费", &a[0].number, Ok(running.current));
    t.change(
        "机关运行经费 比上年",
        &a[1],
        running.current,
        Ok(running.prior),
    );
    // Line 58 prints two text objects over each other: "总额947万7万元:政府采购货物预算4 | 元"
    // reads "总额947万元:政府采购货物预算47万元"; its first `N万元` is that garbled "7".
    assert!(text_line(58).contains("总额947万7万元:政府采购货物预算4 | 元"));
    let p = b.procurement().copied().unwrap_or_default();
    t.cell("政府采购预算总额", "947", Ok(p.total().unwrap()));
    t.cell("政府采购货物预算", "47", Ok(p.goods));
    let a = amounts_after("所属各预算单位政府采购预算总额");
    assert_eq!(a[0].number, "7", "the garbled 货物 figure");
    t.cell("政府采购工程预算", &a[1].number, Ok(p.works));
    t.cell("政府采购服务预算", &a[2].number, Ok(p.services));
    let gap = "the model's 政府采购 has no split by funding source";
    for (i, what) in ["总额", "货物", "工程", "服务"].iter().enumerate() {
        let what = format!("一般公共预算拨款政府采购 {what}");
        t.cell(&what, &a[3 + i].number, Err(gap));
    }
    let a = amounts_after("涉及一般公共预算财政拨款");
    t.cell(
        "绩效目标 一般公共预算项目支出",
        &a[0].number,
        Ok(b.kind_totals_where(general_budget).project),
    );
    let a = amounts_after("委托业务费涉及财拨资金");
    t.cell(
        "委托业务费 财拨资金",
        &a[0].number,
        Ok(b.entrusted_business_total()),
    );
}

fn narrative(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::default();
    narrative_totals(b, &mut t);
    narrative_fiscal(b, &mut t);
    narrative_three_public(b, &mut t);
    narrative_other(b, &mut t);
    t
}

#[test]
fn narrative_headline_figures() {
    narrative(&budget()).assert(
        "情况说明",
        48,
        54,
        &[
            // PriorYear's 人员/公用经费 are of all funding; these changes are 一般公共预算's.
            "一般公共预算 人员经费 比上年",
            "一般公共预算 公用经费 比上年",
            // 政府采购 has no split by funding source.
            "一般公共预算拨款政府采购 总额",
            "一般公共预算拨款政府采购 货物",
            "一般公共预算拨款政府采购 工程",
            "一般公共预算拨款政府采购 服务",
        ],
    );
}

/// 五（四）国有资产占有使用情况: vehicles held and to be bought (counts, not money).
#[test]
fn narrative_vehicles() {
    let b = budget();
    let assets = b.assets().expect("assets are declared");
    let count = |anchor: &str| -> u32 {
        let text = squeeze(TEXT);
        let start = text.find(anchor).unwrap_or_else(|| panic!("{anchor:?}")) + anchor.len();
        let digits: String = text[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        digits.parse().unwrap()
    };
    let held = |kind: VehicleKind| {
        assets
            .vehicles
            .iter()
            .filter(|v| v.kind == kind)
            .map(|v| v.count)
            .sum::<u32>()
    };
    assert_eq!(assets.vehicle_count(), count("所属各预算单位共有车辆"));
    // 机要通信用车 has no kind of its own in the model: it is held as 其他车辆.
    assert_eq!(held(VehicleKind::Other), count("其中机要通信用车"));
    assert_eq!(held(VehicleKind::SpecialPurpose), count("特种专业技术用车"));
    assert_eq!(
        assets.planned_vehicle_purchases,
        count("2026年一般公共预算安排购置车辆")
    );
}

/// Prints matched / published cells per table (`-- --nocapture summary`) and checks the totals.
#[test]
fn summary() {
    let b = budget();
    let tallies = [
        ("表一 部门收支总体情况表", table_1(&b)),
        ("表二 部门收入总体情况表", table_2(&b)),
        ("表三 部门支出总体情况表", table_3(&b)),
        ("表四 财政拨款收支总体情况表", table_4(&b)),
        ("表五 一般公共预算支出情况表", table_5(&b)),
        ("表六 一般公共预算基本支出情况表", table_6(&b)),
        ("表七 政府性基金预算支出情况表", table_7(&b)),
        ("表八 财政拨款“三公”经费支出情况表", table_8(&b)),
        ("表九 政府采购预算明细表", table_9(&b)),
        ("表十二 市级一般性项目绩效目标表", table_12(&b)),
        ("情况说明 (narrative figures)", narrative(&b)),
    ];
    let (mut matched, mut published) = (0, 0);
    for (name, t) in &tallies {
        println!(
            "{name}: {}/{} (blank cells checked: {})",
            t.matched, t.published, t.blanks
        );
        for u in &t.unmatched {
            println!("    unmatched {u}");
        }
        if !name.starts_with("情况说明") {
            matched += t.matched;
            published += t.published;
        }
    }
    println!("tables: {matched}/{published}");
    assert_eq!((matched, published), (325, 339));
}
