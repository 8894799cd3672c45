//! 广州市信访局 2026 年部门预算 (Guangdong template) rebuilt from
//! `examples/data/guangzhou_petition_2026.json`.
//!
//! Every money cell of every published table is read from the document's ruled tables
//! (`tests/data/disclosures/21_guangzhou_petition_bureau_2026_dept.grid.txt`), every headline
//! figure of the narrative from its text (`….txt`), and each is compared with the figure the
//! budget's views derive from its leaf lines, rounded 四舍五入 to the printed precision. What a
//! column or row means is read from its printed header or label, not from its position. Cells the
//! model cannot express, or expresses with another definition, are counted as unmatched and named
//! with the reason; each test asserts the matched / published count it achieves and the exact list
//! of unmatched cells (see `examples/data/guangzhou_petition_2026.md`).

use std::str::FromStr;

use rust_decimal::Decimal;
use yusuan::amount::{Amount, Unit};
use yusuan::budget::{Comparison, DepartmentBudget, KindTotals, Line, ProjectId, ThreePublic};
use yusuan::classification::{Catalogue, EconomicCode, FunctionalCode, Level};
use yusuan::funding::{FundType, FundingGroup, FundingSource, IncomeLabel};

const JSON: &str = include_str!("../examples/data/guangzhou_petition_2026.json");
const GRID: &str = include_str!("data/disclosures/21_guangzhou_petition_bureau_2026_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/21_guangzhou_petition_bureau_2026_dept.txt");

/// Why the 行政经费 row and the narrative's 机关运行经费 do not match.
const ORGAN_RUNNING: &str = "model gap: the model's 机关运行经费 is 公用经费 of 行政/参公 units \
    (275.01); Guangdong's 行政经费（机关运行经费） is a list of 经济科目 (办公费 … 信息网络及软件购置更新) \
    over 基本支出 and 项目支出 (186.39 + 258.00 = 444.39)";
const NO_OTHER_SPENDING: &str = "model gap: spending is 基本支出 or 项目支出; the model has no \
    事业单位经营支出, 对附属单位补助支出 or 上缴上级支出 (printed 0.00)";
const NO_NEXT_YEAR: &str =
    "model gap: the model spends all its income; it has no 结转（结余）下年 (printed 0.00)";
const NO_SPECIAL_SPLIT: &str = "model gap: the model has one 财政专户管理资金 source; it does not \
    split 教育收费 from other 专户 money (printed 0.00)";
const NO_FUND_ORGAN: &str = "model gap: the model's 机关运行经费 is a 一般公共预算 figure; it has no \
    政府性基金 / 国有资本经营 行政经费 (printed 0.00)";
const NO_PRIOR_ENTRUSTED: &str =
    "model gap: the model's prior-year figures hold no 委托业务费 (上年 428.93 = 478.20 − 49.27)";

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Guangzhou budget builds")
}

/// Text with whitespace (PDF line wrapping) removed, for comparing printed labels.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A printed 万元 figure.
fn wan(text: &str) -> Amount {
    Amount::parse_in(text, Unit::WanYuan).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// Whether a cell is a printed money figure (every figure of the tables has two decimals).
fn is_money(cell: &str) -> bool {
    cell.contains('.') && Amount::parse_in(cell, Unit::WanYuan).is_ok()
}

// ---------------------------------------------------------------------------------------------
// Reading the published grid.

/// One ruled table of the grid file: its header rows and its data rows, cells squeezed.
struct Grid {
    header: Vec<Vec<String>>,
    rows: Vec<Vec<String>>,
}

/// The ruled tables on `pages` (a table continued over pages repeats its header), merged.
fn grid(pages: &[u32]) -> Grid {
    let mut out = Grid {
        header: Vec::new(),
        rows: Vec::new(),
    };
    let mut page_rows: Vec<Vec<Vec<String>>> = Vec::new();
    let mut take = false;
    for line in GRID.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            let page: u32 = rest.split(' ').next().unwrap().parse().unwrap();
            take = pages.contains(&page);
            if take {
                page_rows.push(Vec::new());
            }
        } else if take && !line.trim().is_empty() {
            let row = line.split('|').map(squeeze).collect();
            page_rows.last_mut().unwrap().push(row);
        }
    }
    assert_eq!(page_rows.len(), pages.len(), "one table per page {pages:?}");
    for rows in page_rows {
        let first_data = rows
            .iter()
            .position(|r| r.iter().any(|c| is_money(c)))
            .unwrap_or(rows.len());
        if out.header.is_empty() {
            out.header = rows[..first_data].to_vec();
        } else {
            assert_eq!(out.header, rows[..first_data], "repeated header {pages:?}");
        }
        out.rows.extend(rows[first_data..].iter().cloned());
    }
    out
}

impl Grid {
    /// Each column's label: the lowest header cell printed in it, or the merged cell above; a
    /// `合计` under a merged group (`财政拨款` / `合计`) is named for the group.
    fn column_labels(&self) -> Vec<String> {
        let width = self.header.iter().map(Vec::len).max().unwrap_or(0);
        (0..width)
            .map(|c| {
                let printed: Vec<&str> = self
                    .header
                    .iter()
                    .filter_map(|r| r.get(c).map(String::as_str))
                    .filter(|s| !s.is_empty())
                    .collect();
                match printed.as_slice() {
                    [] => String::new(),
                    [.., group, "合计"] => format!("{group}合计"),
                    [.., last] => (*last).to_string(),
                }
            })
            .collect()
    }
}

// ---------------------------------------------------------------------------------------------
// Counting matched cells.

/// Matched / published money cells of one table, with the unmatched ones named.
struct Tally {
    table: &'static str,
    published: usize,
    matched: usize,
    unmatched: Vec<(String, String)>,
}

impl Tally {
    fn new(table: &'static str) -> Tally {
        Tally {
            table,
            published: 0,
            matched: 0,
            unmatched: Vec::new(),
        }
    }

    /// A printed 万元 cell against the derived amount, or against a reason the model has none.
    fn amount(&mut self, name: String, printed: &str, derived: Result<Amount, &str>) {
        self.published += 1;
        let printed_value = wan(printed).to_unit(Unit::WanYuan);
        match derived {
            Ok(a) if a.display_in(Unit::WanYuan) == printed_value => self.matched += 1,
            Ok(a) => self.unmatched.push((
                name,
                format!("printed {printed}, derived {}", a.display_in(Unit::WanYuan)),
            )),
            Err(reason) => self.unmatched.push((name, reason.to_string())),
        }
    }

    /// A printed figure (a signed change or a percentage) against the derived one.
    fn figure(&mut self, name: String, printed: Decimal, derived: Result<Decimal, &str>) {
        self.published += 1;
        match derived {
            Ok(d) if d == printed => self.matched += 1,
            Ok(d) => self
                .unmatched
                .push((name, format!("printed {printed}, derived {d}"))),
            Err(reason) => self.unmatched.push((name, reason.to_string())),
        }
    }

    /// Asserts the counts and that the unmatched cells are exactly `expected` (names), each with
    /// a reason; prints the closing line.
    fn assert(&self, matched: usize, published: usize, expected: &[&str]) {
        for (name, reason) in &self.unmatched {
            println!("{} unmatched: {name}: {reason}", self.table);
        }
        println!(
            "{}: {}/{} cells matched",
            self.table, self.matched, self.published
        );
        let names: Vec<&str> = self.unmatched.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, expected, "{}: unmatched cells", self.table);
        assert_eq!(
            (self.matched, self.published),
            (matched, published),
            "{}",
            self.table
        );
    }
}

// ---------------------------------------------------------------------------------------------
// What a column and a row mean, as budget dimensions.

/// Which total of a set of lines a column prints.
#[derive(Clone, Copy)]
enum Part {
    All,
    Basic,
    Project,
}

/// A column: the lines it adds up and which part of them, or why the model has none.
struct Column {
    keep: Box<dyn Fn(&Line) -> bool>,
    part: Part,
}

fn fund_type_of(label: &str) -> Option<FundType> {
    ["一般公共预算", "政府性基金预算", "国有资本经营预算"]
        .contains(&label)
        .then(|| FundType::parse(label).unwrap())
}

/// The meaning of a printed column header.
fn column(label: &str) -> Result<Column, &'static str> {
    let all = |part| Column {
        keep: Box::new(|_| true),
        part,
    };
    let keep = |f: Box<dyn Fn(&Line) -> bool>| Column {
        keep: f,
        part: Part::All,
    };
    // A budget's column is this year's appropriation from it (carry-overs have their own).
    if let Some(t) = fund_type_of(label) {
        return Ok(keep(Box::new(move |l| {
            l.source().fund_type() == Some(t) && !l.source().is_carry_over()
        })));
    }
    Ok(match label {
        "合计" | "总计" | "小计" | "预算" => all(Part::All),
        "基本支出" | "其中：基本支出" => all(Part::Basic),
        "项目支出" => all(Part::Project),
        "财政拨款合计" => keep(Box::new(|l| {
            l.source().group() == FundingGroup::FiscalAppropriation
        })),
        "财政专户拨款" => keep(Box::new(|l| {
            l.source().group() == FundingGroup::FiscalSpecialAccount
        })),
        "其他资金" => keep(Box::new(|l| {
            !matches!(
                l.source().group(),
                FundingGroup::FiscalAppropriation | FundingGroup::FiscalSpecialAccount
            )
        })),
        "上年结转结余" => keep(Box::new(|l| l.source().is_carry_over())),
        "教育收费" | "其他专户收入拨款" => return Err(NO_SPECIAL_SPLIT),
        "事业单位经营支出" | "对附属单位补助支出" | "上缴上级支出" => {
            return Err(NO_OTHER_SPENDING);
        }
        other => match IncomeLabel::parse(other) {
            Ok(IncomeLabel::Source(s)) => keep(Box::new(move |l| l.source() == s)),
            _ => panic!("unexpected column {other:?}"),
        },
    })
}

/// A row: the lines it adds up.
#[derive(Clone, Copy)]
enum Row {
    Total,
    Functional(FunctionalCode),
    Economic(EconomicCode),
    /// The department itself (`None`) or a subordinate unit.
    Unit(Option<yusuan::budget::UnitId>),
    /// One economic 类 of one unit.
    UnitClass(Option<yusuan::budget::UnitId>, EconomicCode),
    Project(ProjectId),
}

/// The totals by kind of the lines of `row` that `keep` accepts, from the budget's views.
fn row_totals(b: &DepartmentBudget, row: Row, keep: &dyn Fn(&Line) -> bool) -> KindTotals {
    match row {
        Row::Total => b.kind_totals_where(keep),
        Row::Functional(c) => b
            .by_functional(c.level(), keep)
            .get(&c)
            .copied()
            .unwrap_or_default(),
        Row::Economic(c) => b
            .by_economic(c.level(), keep)
            .get(&c)
            .copied()
            .unwrap_or_default(),
        Row::Unit(u) => b.kind_totals_where(|l| l.unit() == u && keep(l)),
        Row::UnitClass(u, c) => b
            .by_economic(Level::Class, |l| l.unit() == u && keep(l))
            .get(&c)
            .copied()
            .unwrap_or_default(),
        Row::Project(p) => KindTotals {
            project: b
                .project_totals_where(keep)
                .into_iter()
                .find(|(id, _)| *id == p)
                .map_or(Amount::ZERO, |(_, a)| a),
            ..KindTotals::default()
        },
    }
}

/// The amount a cell at `row` × `col` derives, over the lines the table covers.
fn cell(
    b: &DepartmentBudget,
    table: &dyn Fn(&Line) -> bool,
    row: Row,
    col: &Result<Column, &'static str>,
) -> Result<Amount, &'static str> {
    let col = col.as_ref().map_err(|r| *r)?;
    let t = row_totals(b, row, &|l| table(l) && (col.keep)(l));
    Ok(match col.part {
        Part::All => t.total(),
        Part::Basic => t.basic(),
        Part::Project => t.project,
    })
}

/// A row's code, printed as `[201]一般公共服务支出` or in a 科目编码 column of its own.
fn code_of(row: &[String]) -> Option<String> {
    let first = row.first()?;
    if let Some(rest) = first.strip_prefix('[') {
        return rest.split_once(']').map(|(c, _)| c.to_string());
    }
    (!first.is_empty() && first.bytes().all(|b| b.is_ascii_digit())).then(|| first.clone())
}

/// Checks every money cell of a table whose rows are 合计 and codes (functional or economic).
fn coded_table(
    b: &DepartmentBudget,
    tally: &mut Tally,
    g: &Grid,
    table: &dyn Fn(&Line) -> bool,
    economic: bool,
) {
    let labels = g.column_labels();
    for r in &g.rows {
        let (row, name) = match code_of(r) {
            Some(c) if economic => (Row::Economic(c.parse().unwrap()), c),
            Some(c) => (Row::Functional(c.parse().unwrap()), c),
            None => {
                assert!(r.iter().take(2).any(|c| c == "合计"), "row {r:?}");
                (Row::Total, "合计".to_string())
            }
        };
        for (i, text) in r.iter().enumerate().filter(|(_, c)| is_money(c)) {
            let derived = cell(b, table, row, &column(&labels[i]));
            tally.amount(format!("{name} {}", labels[i]), text, derived);
        }
    }
}

fn general_budget_current(l: &Line) -> bool {
    matches!(
        l.source(),
        FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
    )
}

// ---------------------------------------------------------------------------------------------
// The two-sided summary tables (表1, 表4).

/// The 类 whose catalogue name a 支出 label prints (`一、一般公共服务支出`).
fn functional_class(label: &str) -> Option<FunctionalCode> {
    let name = label.split_once('、').map_or(label, |(_, n)| n);
    Catalogue::builtin()
        .entries_of::<FunctionalCode>()
        .find(|(c, n)| c.level() == Level::Class && *n == name)
        .map(|(c, _)| c)
}

/// A 支出 row of a summary table: a 类 over the lines `spent` accepts, a total, or a gap.
fn expenditure_row(
    b: &DepartmentBudget,
    label: &str,
    spent: &dyn Fn(&Line) -> bool,
) -> Result<Amount, &'static str> {
    if let Some(class) = functional_class(label) {
        return Ok(row_totals(b, Row::Functional(class), spent).total());
    }
    let name = label.split_once('、').map_or(label, |(_, n)| n);
    match name {
        "本年支出合计" | "支出总计" => Ok(b.sum_where(spent)),
        "结转结余下年" | "结转下年" => Err(NO_NEXT_YEAR),
        "对附属单位补助支出" | "上缴上级支出" => Err(NO_OTHER_SPENDING),
        other => panic!("unexpected 支出 row {other:?}"),
    }
}

/// A 收入 row of 表1: a funding source, group or total.
fn income_row(b: &DepartmentBudget, label: &str) -> Amount {
    match IncomeLabel::parse(label).unwrap_or_else(|e| panic!("{e}")) {
        IncomeLabel::Source(s) => b.source_total(s),
        IncomeLabel::FundType(t) => b.fund_type_total(t, false),
        IncomeLabel::Group(g) => b.group_total(g),
        IncomeLabel::CurrentYearTotal => b.current_year_total(),
        IncomeLabel::CarryOverTotal => b.carry_over_total(),
        IncomeLabel::GrandTotal => b.total(),
        other => panic!("unexpected 收入 row {other:?}"),
    }
}

/// Checks both sides of a summary table: `income` reads a 收入 label, `spent` selects the lines
/// the 支出 side covers.
fn summary_table(
    b: &DepartmentBudget,
    tally: &mut Tally,
    g: &Grid,
    income: &dyn Fn(&str) -> Amount,
    spent: &dyn Fn(&Line) -> bool,
) {
    for r in &g.rows {
        if is_money(&r[1]) {
            tally.amount(r[0].clone(), &r[1], Ok(income(&r[0])));
        }
        if is_money(&r[3]) {
            let derived = expenditure_row(b, &r[2], spent);
            tally.amount(r[2].clone(), &r[3], derived);
        }
    }
}

fn table1(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表1 收支总体情况表");
    summary_table(b, &mut t, &grid(&[5, 6]), &|l| income_row(b, l), &|_| true);
    t
}

#[test]
fn table1_summary_of_income_and_expenditure() {
    let b = budget();
    let t = table1(&b);
    t.assert(
        38,
        41,
        &[
            "二十四、对附属单位补助支出",
            "二十五、上缴上级支出",
            "结转结余下年",
        ],
    );
}

fn table4(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表4 财政拨款收支总体情况表");
    let income = |label: &str| match fund_type_of(label.split_once('、').map_or(label, |x| x.1)) {
        // 一般公共预算 here is the fund type (本级 + 上级转移支付), this year's money.
        Some(ft) => b.fund_type_total(ft, false),
        None => match IncomeLabel::parse(label).unwrap() {
            IncomeLabel::CurrentYearTotal => b.group_total(FundingGroup::FiscalAppropriation),
            IncomeLabel::GrandTotal => b.sum_where(|l| l.source().is_fiscal()),
            other => panic!("unexpected 收入 row {other:?}"),
        },
    };
    summary_table(b, &mut t, &grid(&[9, 10]), &income, &|l| {
        l.source().is_fiscal()
    });
    t
}

#[test]
fn table4_summary_of_fiscal_appropriations() {
    let b = budget();
    let t = table4(&b);
    t.assert(33, 34, &["二十七、结转下年"]);
}

// ---------------------------------------------------------------------------------------------
// Tables by functional or economic code.

fn table3(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表3 本年支出总体情况表");
    coded_table(b, &mut t, &grid(&[8]), &|_| true, false);
    t
}

#[test]
fn table3_expenditure_by_functional_code() {
    let g = grid(&[8]);
    let expected: Vec<String> = g
        .rows
        .iter()
        .flat_map(|r| {
            let name = code_of(r).unwrap_or_else(|| "合计".into());
            ["事业单位经营支出", "对附属单位补助支出", "上缴上级支出"]
                .map(|c| format!("{name} {c}"))
        })
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    table3(&budget()).assert(54, 108, &expected);
}

fn table5(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表5 一般公共预算支出情况表");
    coded_table(b, &mut t, &grid(&[11]), &general_budget_current, false);
    t
}

#[test]
fn table5_general_budget_by_functional_code() {
    let b = budget();
    let t = table5(&b);
    t.assert(54, 54, &[]);
}

fn table6(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表6 一般公共预算基本支出情况表");
    let table = |l: &Line| general_budget_current(l) && l.kind().is_basic();
    coded_table(b, &mut t, &grid(&[12, 13]), &table, true);
    t
}

#[test]
fn table6_general_budget_basic_by_economic_code() {
    let b = budget();
    let t = table6(&b);
    t.assert(36, 36, &[]);
}

fn table7(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表7 一般公共预算项目支出情况表");
    let table = |l: &Line| general_budget_current(l) && !l.kind().is_basic();
    coded_table(b, &mut t, &grid(&[14]), &table, true);
    t
}

#[test]
fn table7_general_budget_projects_by_economic_code() {
    let b = budget();
    let t = table7(&b);
    t.assert(21, 21, &[]);
}

fn tables9_and_10(b: &DepartmentBudget) -> Vec<Tally> {
    let mut out = Vec::new();
    for (page, name, fund) in [
        (16, "表9 政府性基金预算支出情况表", FundType::GovernmentFund),
        (
            17,
            "表10 国有资本经营预算支出情况表",
            FundType::StateCapital,
        ),
    ] {
        let mut t = Tally::new(name);
        let table = move |l: &Line| l.source().fund_type() == Some(fund);
        coded_table(b, &mut t, &grid(&[page]), &table, false);
        out.push(t);
    }
    out
}

#[test]
fn table9_and_table10_fund_budgets_are_empty() {
    for t in tables9_and_10(&budget()) {
        t.assert(3, 3, &[]);
    }
}

// ---------------------------------------------------------------------------------------------
// 表8: 行政经费 and 三公.

/// The 三公 economic 款 a 表8 row adds up, and the matching figure of the view.
type ThreePublicRow = (&'static [u32], fn(&ThreePublic) -> Amount);

/// The 三公 economic 款 of a 表8 row label, and the matching figure of the view.
fn three_public_row(label: &str) -> Option<ThreePublicRow> {
    let row: ThreePublicRow = if label.contains("三公") {
        (&[30212, 30217, 30231, 31013, 30913], |t| t.total().unwrap())
    } else if label.contains("因公出国") {
        (&[30212], |t| t.abroad)
    } else if label.contains("购置及运行维护") {
        (&[31013, 30913, 30231], |t| t.vehicles().unwrap())
    } else if label.contains("购置费") {
        (&[31013, 30913], |t| t.vehicle_purchase)
    } else if label.contains("运行维护费") {
        (&[30231], |t| t.vehicle_operation)
    } else if label.contains("接待") {
        (&[30217], |t| t.reception)
    } else {
        return None;
    };
    Some(row)
}

fn table8(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表8 行政经费及“三公”经费预算表");
    let g = grid(&[15]);
    let labels = g.column_labels();
    for r in &g.rows {
        for (i, text) in r.iter().enumerate().filter(|(_, c)| is_money(c)) {
            let fund = fund_type_of(&labels[i]);
            let derived = match (three_public_row(&r[0]), fund) {
                // 合计: the view over all 财政拨款.
                (Some((_, figure)), None) => Ok(figure(&b.three_public())),
                // One budget's column: the same 款 over that budget's lines.
                (Some((codes, _)), Some(ft)) => Ok(b.sum_where(|l| {
                    l.source().fund_type() == Some(ft) && codes.contains(&l.economic().as_u32())
                })),
                (None, None | Some(FundType::GeneralPublicBudget)) if r[0] == "行政经费" => {
                    Ok(b.organ_running())
                }
                (None, _) if r[0] == "行政经费" => Err(NO_FUND_ORGAN),
                (None, _) => panic!("unexpected row {r:?}"),
            };
            t.amount(format!("{} {}", r[0], labels[i]), text, derived);
        }
    }
    t
}

#[test]
fn table8_administrative_costs_and_three_public() {
    let b = budget();
    let t = table8(&b);
    t.assert(
        24,
        28,
        &[
            "行政经费 合计",
            "行政经费 一般公共预算",
            "行政经费 政府性基金预算",
            "行政经费 国有资本经营预算",
        ],
    );
    let organ = t
        .unmatched
        .iter()
        .take(2)
        .all(|(_, r)| r.contains("444.39"));
    assert!(organ, "the 行政经费 cells differ as documented");
    println!("表8 行政经费: {ORGAN_RUNNING}");
    // Under the document's own definition the lines do give the printed figure.
    let g = grid(&[15]);
    let row = g.rows.iter().find(|r| r[0] == "行政经费").unwrap();
    assert_eq!(
        guangdong_administrative_costs(&b).display_in(Unit::WanYuan),
        wan(&row[1]).to_unit(Unit::WanYuan)
    );
}

/// 行政经费（机关运行经费） as the document defines it (情况说明 三, 名词解释 九): the 一般公共预算
/// money of the listed 经济科目, 基本支出 and 项目支出 alike. Not a model view (see
/// `ORGAN_RUNNING`); computed here to show the lines hold the printed figure.
fn guangdong_administrative_costs(b: &DepartmentBudget) -> Amount {
    // 办公费 印刷费 水费 电费 邮电费 取暖费 物业管理费 差旅费 因公出国（境）费用 维修（护）费 租赁费
    // 会议费 培训费 公务接待费 专用材料费 被装购置费 公务用车运行维护费 其他交通费用 医疗费补助
    // 办公设备购置 专用设备购置 信息网络及软件购置更新 公务用车购置 其他交通工具购置.
    const CODES: [u32; 24] = [
        30201, 30202, 30205, 30206, 30207, 30208, 30209, 30211, 30212, 30213, 30214, 30215, 30216,
        30217, 30218, 30224, 30231, 30239, 30307, 31002, 31003, 31007, 31013, 31019,
    ];
    b.sum_where(|l| {
        l.source().fund_type() == Some(FundType::GeneralPublicBudget)
            && CODES.contains(&l.economic().as_u32())
    })
}

// ---------------------------------------------------------------------------------------------
// Per unit and per project (表2, 表11, 表12, 重点项目).

/// A row naming the department (`广州市信访局`, `广州市信访局（本级）`); it has no subordinate units.
fn unit_row(b: &DepartmentBudget, name: &str) -> Option<Row> {
    (name.trim_end_matches("（本级）") == b.department().name).then_some(Row::Unit(None))
}

/// The row a label of 表2 / 表11 / 表12 names: 合计, a unit, an economic 类 of the unit above,
/// or a project.
fn named_row(b: &DepartmentBudget, label: &str, unit: Option<Row>) -> Row {
    if label == "合计" {
        return Row::Total;
    }
    if let Some(u) = unit_row(b, label) {
        return u;
    }
    let class = Catalogue::builtin()
        .entries_of::<EconomicCode>()
        .find(|(c, n)| c.level() == Level::Class && *n == label);
    if let (Some((c, _)), Some(Row::Unit(u))) = (class, unit) {
        return Row::UnitClass(u, c);
    }
    b.projects()
        .find(|(_, p)| squeeze(&p.name) == label)
        .map(|(id, _)| Row::Project(id))
        .unwrap_or_else(|| panic!("no row {label:?}"))
}

/// Checks a table whose rows are named (合计, units, classes, projects) over the lines `table`
/// accepts.
fn named_table(b: &DepartmentBudget, tally: &mut Tally, g: &Grid, table: &dyn Fn(&Line) -> bool) {
    let labels = g.column_labels();
    let mut unit = None;
    for r in &g.rows {
        let row = named_row(b, &r[0], unit);
        if let Row::Unit(_) = row {
            unit = Some(row);
        }
        for (i, text) in r.iter().enumerate().filter(|(_, c)| is_money(c)) {
            let derived = cell(b, table, row, &column(&labels[i]));
            tally.amount(format!("{} {}", r[0], labels[i]), text, derived);
        }
    }
}

fn table2(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表2 收入总体情况表");
    named_table(b, &mut t, &grid(&[7]), &|_| true);
    t
}

#[test]
fn table2_income_by_unit_and_source() {
    let b = budget();
    let t = table2(&b);
    t.assert(
        20,
        24,
        &[
            "合计 教育收费",
            "合计 其他专户收入拨款",
            "广州市信访局 教育收费",
            "广州市信访局 其他专户收入拨款",
        ],
    );
}

fn table11(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表11 部门预算基本支出预算表");
    named_table(b, &mut t, &grid(&[18]), &|l| l.kind().is_basic());
    t
}

#[test]
fn table11_basic_spending_by_unit_class_and_source() {
    let b = budget();
    let t = table11(&b);
    t.assert(42, 42, &[]);
}

fn table12(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("表12 部门预算项目支出及其他支出预算表");
    let g = grid(&[19, 20]);
    named_table(b, &mut t, &g, &|l| !l.kind().is_basic());
    t
}

#[test]
fn table12_projects_by_unit_and_source() {
    let b = budget();
    let t = table12(&b);
    t.assert(77, 77, &[]);
    let g = grid(&[19, 20]);
    // The 绩效目标 column: each project's printed goal is the one the budget keeps.
    let goal_col = g
        .column_labels()
        .iter()
        .position(|l| l == "绩效目标")
        .unwrap();
    let mut goals = 0;
    for r in g.rows.iter().filter(|r| !r[goal_col].is_empty()) {
        let (_, p) = b
            .projects()
            .find(|(_, p)| squeeze(&p.name) == r[0])
            .unwrap();
        let kept = p.details.iter().find(|(k, _)| k == "绩效目标").unwrap();
        assert_eq!(squeeze(&kept.1), r[goal_col], "{}", p.name);
        goals += 1;
    }
    assert_eq!(goals, 9);
}

fn key_project(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("重点项目绩效目标表");
    let g = grid(&[23]);
    for r in &g.rows {
        let Row::Project(p) = named_row(b, &r[0], None) else {
            panic!("{r:?}")
        };
        t.amount(r[0].clone(), &r[1], Ok(b.project_total(p)));
    }
    t
}

#[test]
fn key_project_performance_table() {
    let b = budget();
    let t = key_project(&b);
    t.assert(1, 1, &[]);
}

// ---------------------------------------------------------------------------------------------
// The narrative's headline figures (情况说明).

/// The document's text without its header comments, page markers and page numbers, squeezed.
fn body_text() -> String {
    let body: Vec<&str> = TEXT
        .lines()
        .filter(|l| {
            let l = l.trim();
            !(l.starts_with('#')
                || l.starts_with("===== [page")
                || (l.starts_with("- ") && l.ends_with(" -")))
        })
        .collect();
    squeeze(&body.concat())
}

/// Reads the narrative's figures in order: each `next(anchor)` finds `anchor` after the previous
/// figure and returns the number printed right after it.
struct Narrative {
    text: String,
    pos: usize,
}

impl Narrative {
    fn new(from: &str) -> Narrative {
        let text = body_text();
        let pos = text.find(from).unwrap_or_else(|| panic!("{from}"));
        Narrative { text, pos }
    }

    fn next(&mut self, anchor: &str) -> String {
        let start = self.pos
            + self.text[self.pos..]
                .find(anchor)
                .unwrap_or_else(|| panic!("{anchor} after {}", self.pos))
            + anchor.len();
        let number: String = self.text[start..]
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
            .collect();
        assert!(!number.is_empty(), "no figure after {anchor}");
        self.pos = start + number.len();
        number
    }
}

/// A printed figure after `word`: negative after `减少` / `下降`.
fn signed(word: &str, magnitude: Decimal) -> Decimal {
    if word.contains("减少") || word.contains("下降") {
        -magnitude
    } else {
        magnitude
    }
}

/// A printed change in 万元 after `word`, signed.
fn printed_change(word: &str, text: &str) -> Decimal {
    signed(word, wan(text).to_unit(Unit::WanYuan))
}

/// A printed percentage after `word`, signed.
fn printed_rate(word: &str, text: &str) -> Decimal {
    signed(word, Decimal::from_str(text).unwrap())
}

/// A comparison's change in 万元, rounded as printed.
fn change(c: &Comparison) -> Decimal {
    c.change().round_in(Unit::WanYuan, 2)
}

/// A comparison's rate in percent with one decimal; 0 when both years are 0 (`增长0%`).
fn rate(c: &Comparison) -> Decimal {
    c.growth().map_or(Decimal::ZERO, |r| r.percent(1).unwrap())
}

/// Checks the amount, change and rate printed after three anchors against a comparison.
fn compare(
    n: &mut Narrative,
    t: &mut Tally,
    what: &str,
    [amount, up_down, rate_word]: [&str; 3],
    c: Result<Comparison, &str>,
) {
    let printed = n.next(amount);
    t.amount(format!("{what} 本年"), &printed, c.map(|c| c.current));
    let printed = n.next(up_down);
    let derived = c.map(|c| change(&c));
    t.figure(
        format!("{what} 增减"),
        printed_change(up_down, &printed),
        derived,
    );
    let printed = n.next(rate_word);
    let derived = c.map(|c| rate(&c));
    t.figure(
        format!("{what} 增减率"),
        printed_rate(rate_word, &printed),
        derived,
    );
}

fn three_public_comparisons(b: &DepartmentBudget) -> [Comparison; 5] {
    let (now, prior) = b.year_on_year().three_public.expect("prior 三公 declared");
    let cmp = |f: fn(&ThreePublic) -> Amount| Comparison {
        current: f(&now),
        prior: f(&prior),
    };
    [
        cmp(|t| t.total().unwrap()),
        cmp(|t| t.abroad),
        cmp(|t| t.vehicle_purchase),
        cmp(|t| t.vehicle_operation),
        cmp(|t| t.reception),
    ]
}

/// Sections 一 and 二: income, expenditure and 三公 against the prior year.
fn narrative_changes(b: &DepartmentBudget, t: &mut Tally) {
    let mut n = Narrative::new("一、部门预算收支增减变化情况");
    let prior: Amount = Amount::checked_sum(b.prior_year().income.values().copied()).unwrap();
    let income = Comparison {
        current: b.total(),
        prior,
    };
    compare(
        &mut n,
        t,
        "收入预算",
        ["收入预算", "比上年增加", "增长"],
        Ok(income),
    );
    // 收入总计 = 支出总计 in both years.
    compare(
        &mut n,
        t,
        "支出预算",
        ["；支出预算", "比上年增加", "增长"],
        Ok(income),
    );
    let mut n = Narrative::new("二、“三公”经费安排情况");
    let [total, abroad, purchase, operation, reception] = three_public_comparisons(b);
    compare(
        &mut n,
        t,
        "三公",
        ["安排“三公”经费", "比上年减少", "下降"],
        Ok(total),
    );
    compare(
        &mut n,
        t,
        "因公出国（境）费",
        ["因公出国（境）费", "比上年增加", "增长"],
        Ok(abroad),
    );
    let vehicles = Comparison {
        current: purchase.current.checked_add(operation.current).unwrap(),
        prior: purchase.prior.checked_add(operation.prior).unwrap(),
    };
    let amount = n.next("公务用车购置及运行维护费");
    t.amount(
        "公务用车购置及运行维护费 本年".into(),
        &amount,
        Ok(vehicles.current),
    );
    for (what, c, word) in [
        ("公务用车购置费", purchase, "比上年增加"),
        ("公务用车运行维护费", operation, "比上年减少"),
    ] {
        let amount = n.next(what);
        t.amount(format!("{what} 本年"), &amount, Ok(c.current));
        let printed = n.next(word);
        t.figure(
            format!("{what} 增减"),
            printed_change(word, &printed),
            Ok(change(&c)),
        );
    }
    let printed = n.next("比上年减少");
    let value = printed_change("比上年减少", &printed);
    t.figure(
        "公务用车购置及运行维护费 增减".into(),
        value,
        Ok(change(&vehicles)),
    );
    let printed = n.next("下降");
    let value = printed_rate("下降", &printed);
    t.figure(
        "公务用车购置及运行维护费 增减率".into(),
        value,
        Ok(rate(&vehicles)),
    );
    compare(
        &mut n,
        t,
        "公务接待费",
        ["公务接待费", "比上年增加", "增长"],
        Ok(reception),
    );
}

/// Sections 三 to 六: 机关运行经费, 政府采购, 国有资产, 委托业务费.
fn narrative_other_matters(b: &DepartmentBudget, t: &mut Tally) {
    let mut n = Narrative::new("三、机关运行经费安排情况");
    let organ = b
        .year_on_year()
        .organ_running
        .expect("prior 机关运行经费 declared");
    compare(
        &mut n,
        t,
        "机关运行经费",
        ["本部门机关运行经费安排", "比上年减少", "下降"],
        Ok(organ),
    );
    let p = b.procurement().expect("procurement declared");
    let mut n = Narrative::new("四、政府采购情况");
    for (anchor, a) in [
        ("政府采购安排", p.total().unwrap()),
        ("货物类采购预算", p.goods),
        ("工程类采购预算", p.works),
        ("服务类采购预算", p.services),
    ] {
        let printed = n.next(anchor);
        t.amount(anchor.to_string(), &printed, Ok(a));
    }
    let mut n = Narrative::new("五、国有资产占有使用情况");
    let assets = b.assets().expect("assets declared");
    let fixed = Amount::checked_sum([
        assets.building_value,
        assets.vehicle_value().unwrap(),
        assets.furniture_value,
        assets.other_value,
    ]);
    t.amount(
        "固定资产金额".into(),
        &n.next("固定资产金额"),
        Ok(fixed.unwrap()),
    );
    // 拟购置固定资产: the year's 资本性支出 (310), basic and project.
    let capital = b.by_economic(Level::Class, |_| true)[&"310".parse().unwrap()].total();
    t.amount(
        "拟购置固定资产".into(),
        &n.next("拟购置固定资产"),
        Ok(capital),
    );
    let mut n = Narrative::new("六、委托业务费安排情况");
    let printed = n.next("一般公共预算安排委托业务费");
    t.amount(
        "委托业务费 本年".into(),
        &printed,
        Ok(b.entrusted_business_total()),
    );
    let printed = printed_change("比上年增加", &n.next("比上年增加"));
    t.figure("委托业务费 增减".into(), printed, Err(NO_PRIOR_ENTRUSTED));
    let printed = printed_rate("增长", &n.next("增长"));
    t.figure("委托业务费 增减率".into(), printed, Err(NO_PRIOR_ENTRUSTED));
}

fn narrative(b: &DepartmentBudget) -> Tally {
    let mut t = Tally::new("情况说明");
    narrative_changes(b, &mut t);
    narrative_other_matters(b, &mut t);
    t
}

#[test]
fn narrative_headline_figures() {
    let b = budget();
    let t = narrative(&b);
    t.assert(
        29,
        34,
        &[
            "机关运行经费 本年",
            "机关运行经费 增减",
            "机关运行经费 增减率",
            "委托业务费 增减",
            "委托业务费 增减率",
        ],
    );
    println!("情况说明 机关运行经费: {ORGAN_RUNNING}");
    // With the document's definition, the printed change and rate follow from the lines.
    let guangdong = Comparison {
        current: guangdong_administrative_costs(&b),
        prior: b.prior_year().organ_running.unwrap(),
    };
    let mut n = Narrative::new("三、机关运行经费安排情况");
    let mut g = Tally::new("情况说明 机关运行经费 (document's definition)");
    let anchors = ["本部门机关运行经费安排", "比上年减少", "下降"];
    compare(&mut n, &mut g, "机关运行经费", anchors, Ok(guangdong));
    g.assert(3, 3, &[]);
}

#[test]
fn narrative_facts_that_are_not_money() {
    let b = budget();
    let text = body_text();
    let a = b.assets().unwrap();
    assert!(text.contains(&format!("房屋{}平方米", group(&a.building_area_m2))));
    assert!(text.contains(&format!("车辆{}辆", a.vehicle_count())));
    assert!(text.contains(&format!("以上的设备{}台", a.equipment_over_1m)));
    for sentence in b.department().organization.split_inclusive('。') {
        assert!(text.contains(&squeeze(sentence)), "{sentence}");
    }
    for f in &b.department().functions {
        assert!(text.contains(&squeeze(f)), "{f}");
    }
}

/// `8268.74` → `8,268.74`, as the narrative prints areas.
fn group(number: &str) -> String {
    yusuan::amount::group_thousands(number)
}

/// The closing note: matched / published money cells of the whole document, tables and
/// narrative.
#[test]
fn closing_note_matched_over_published() {
    let b = budget();
    let mut tables = vec![table1(&b), table2(&b), table3(&b), table4(&b)];
    tables.extend([table5(&b), table6(&b), table7(&b), table8(&b)]);
    tables.extend(tables9_and_10(&b));
    tables.extend([table11(&b), table12(&b), key_project(&b)]);
    let sum = |ts: &[Tally]| {
        ts.iter()
            .fold((0, 0), |(m, p), t| (m + t.matched, p + t.published))
    };
    for t in &tables {
        println!("{}: {}/{}", t.table, t.matched, t.published);
    }
    let (matched, published) = sum(&tables);
    let narrative = narrative(&b);
    println!(
        "tables: {matched}/{published}; 情况说明: {}/{}",
        narrative.matched, narrative.published
    );
    assert_eq!((matched, published), (406, 472));
    assert_eq!((narrative.matched, narrative.published), (29, 34));
}
