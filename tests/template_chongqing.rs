//! The Chongqing template (`src/disclosure/templates/chongqing_12.toml`) renders the budget of
//! 重庆市气象局 2026 (`examples/data/chongqing_meteorological_2026.json`) into the document's
//! twelve tables: every money cell the document prints (the ruled-table extraction
//! `tests/data/disclosures/19_chongqing_meteorological_2026_dept.grid.txt`) is compared with
//! the cell the template renders, parsed with `Amount::parse_in` in 万元; a blank published
//! cell must render blank. Each table's matched / published counts are asserted, and every
//! unmatched cell is named with its reason (all are model gaps, none an error of the
//! publication). The narrative's paragraphs are compared with the document's text.
//!
//! `cargo test --test template_chongqing -- --nocapture summary` prints the tally.

use std::collections::BTreeMap;

use yusuan::Unit;
use yusuan::amount::Amount;
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Cell, Disclosure, Rounding, Table, Template, render};

const JSON: &str = include_str!("../examples/data/chongqing_meteorological_2026.json");
const GRID: &str = include_str!("data/disclosures/19_chongqing_meteorological_2026_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/19_chongqing_meteorological_2026_dept.txt");

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Chongqing budget builds")
}

fn rendered() -> Vec<Table> {
    Disclosure::new(&budget(), Template::chongqing_12()).tables(Rounding::Faithful)
}

// ---------------------------------------------------------------------------------------------
// The published document
// ---------------------------------------------------------------------------------------------

/// A published table row: cells trimmed, empty cells kept.
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

/// Which 表 each page belongs to, from the whole text: a page whose first line is `表N` starts
/// table N; a page without one continues the table before it.
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
        if let Some(n) = lines
            .peek()
            .and_then(|l| l.trim().strip_prefix('表'))
            .and_then(chinese_numeral)
        {
            current = Some(n);
        }
        if let Some(n) = current {
            out.insert(page.parse().unwrap(), n);
        }
    }
    out
}

/// The grid rows of 表 `n`, all its pages in order (repeated headers included).
fn published(n: u32) -> Vec<Row> {
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
    rows
}

/// Text without whitespace (the PDF's line wraps).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Names as the catalogue and the document print them: full-width brackets read as ASCII.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| squeeze(s).replace('（', "(").replace('）', ")");
    norm(a) == norm(b)
}

// ---------------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------------

/// Matched / published money cells of one table, and the cells that do not match.
#[derive(Default, Debug)]
struct Tally {
    published: usize,
    matched: usize,
    blanks: usize,
    unmatched: Vec<String>,
}

impl Tally {
    /// One printed cell against the rendered one (`None`: the template renders no such cell,
    /// for `why`).
    fn cell(&mut self, what: &str, printed: &str, ours: Result<String, &str>) {
        let amount = |s: &str| Amount::parse_in(s, Unit::WanYuan).unwrap_or_else(|e| panic!("{e}"));
        let ours_zero = ours
            .as_ref()
            .is_ok_and(|s| s.is_empty() || amount(s).is_zero());
        if printed.is_empty() {
            match &ours {
                Ok(_) if ours_zero => self.blanks += 1,
                Ok(s) => self
                    .unmatched
                    .push(format!("{what}: printed blank, rendered {s}")),
                Err(_) => {}
            }
            return;
        }
        self.published += 1;
        match ours {
            Ok(s) if !s.is_empty() && amount(&s) == amount(printed) => self.matched += 1,
            Ok(s) => self
                .unmatched
                .push(format!("{what}: printed {printed}, rendered {s:?}")),
            Err(why) => self
                .unmatched
                .push(format!("{what}: printed {printed} — {why}")),
        }
    }

    fn names(&self) -> Vec<&str> {
        self.unmatched
            .iter()
            .map(|u| u.split(": ").next().unwrap())
            .collect()
    }

    fn assert(&self, table: &str, matched: usize, published: usize, gaps: &[&str]) {
        assert_eq!(self.names(), gaps, "{table}: {:#?}", self.unmatched);
        assert_eq!(
            (self.matched, self.published),
            (matched, published),
            "{table}: {self:#?}"
        );
    }
}

/// The rendered table numbered `n`.
fn table(tables: &[Table], n: u32) -> &Table {
    tables.iter().find(|t| t.number == n).unwrap()
}

/// The printed text of rendered cell `col` of `row` (with the table's separators).
fn shown(t: &Table, row: &yusuan::disclosure::Row, col: usize) -> String {
    row.cells.get(col).map(|c| t.shown(c)).unwrap_or_default()
}

/// Whether a grid row carries data: the 合计 row, a code, or a 政府采购 item code.
fn is_data_row(row: &Row) -> bool {
    let first = row.first().map_or("", String::as_str);
    first == "合计"
        || (first.len() >= 3 && first.bytes().all(|b| b.is_ascii_digit()))
        || matches!(first, "A" | "B" | "C")
}

/// A table whose rows are keyed by their first cell (a code, 合计, or an item code): every
/// published data row is looked up among the rendered rows and compared column by column from
/// `first_money` on; its name cell (column 1) is checked too.
fn keyed(n: u32, first_money: usize, missing: &dyn Fn(&str) -> &'static str) -> Tally {
    let tables = rendered();
    let t = table(&tables, n);
    let ours: BTreeMap<String, &yusuan::disclosure::Row> =
        t.rows.iter().map(|r| (r.cells[0].text(), r)).collect();
    let mut tally = Tally::default();
    let rows: Vec<Row> = published(n).into_iter().filter(is_data_row).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let key = &row[0];
        let mine = ours.get(key.as_str());
        if let Some(r) = mine {
            let name = r.cells[1].text();
            assert!(
                same_name(&name, &row[1]),
                "表{n} {key}: {name} / {}",
                row[1]
            );
        }
        for (col, printed) in row.iter().enumerate().skip(first_money) {
            let what = format!("表{n} {key} col {col}");
            let value = mine.map(|r| shown(t, r, col)).ok_or_else(|| missing(key));
            tally.cell(&what, printed, value);
        }
    }
    // and the template renders no row the document does not print
    let printed: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    for key in ours.keys() {
        assert!(printed.contains(&key.as_str()), "表{n}: rendered row {key}");
    }
    tally
}

/// A table compared by position: published rows after `skip` header rows against the
/// rendered rows in order, the money columns `money`, labels in the other columns.
fn positional(n: u32, skip: usize, money: &[usize]) -> Tally {
    let tables = rendered();
    let t = table(&tables, n);
    let rows = published(n);
    let body = &rows[skip..];
    assert_eq!(body.len(), t.rows.len(), "表{n}: row count");
    let mut tally = Tally::default();
    for (i, (row, mine)) in body.iter().zip(&t.rows).enumerate() {
        assert_eq!(row.len(), mine.cells.len(), "表{n} row {i}: width");
        for (col, printed) in row.iter().enumerate() {
            let ours = shown(t, mine, col);
            if money.contains(&col) {
                tally.cell(&format!("表{n} row {i} col {col}"), printed, Ok(ours));
            } else {
                assert!(
                    same_name(&ours, printed),
                    "表{n} row {i}: {ours} / {printed}"
                );
            }
        }
    }
    tally
}

fn general_table() -> Tally {
    positional(1, 2, &[1, 3])
}

fn income() -> Tally {
    keyed(2, 2, &|_| "no such row")
}

fn expenditure() -> Tally {
    keyed(3, 2, &|_| "no such row")
}

fn fiscal() -> Tally {
    positional(4, 2, &[1, 3, 4, 5, 6])
}

fn general_budget() -> Tally {
    keyed(5, 2, &|_| "no such row")
}

const SUB_ITEM: &str =
    "a local 7-digit economic sub-item: budget lines are kept at 款 (its 款 row matches)";

fn general_basic() -> Tally {
    keyed(6, 2, &|code| {
        if code.len() == 7 {
            SUB_ITEM
        } else {
            "no such row"
        }
    })
}

fn government_fund() -> Tally {
    keyed(7, 2, &|_| "no such row")
}

fn three_public() -> Tally {
    positional(8, 2, &[0, 1, 2, 3, 4, 5])
}

const NO_SOURCE: &str =
    "the budget's procurement has no funding source (goods / works / services only)";

fn procurement() -> Tally {
    let mut t = keyed(9, 2, &|_| "no such row");
    // the source columns render blank where the document prints an amount: say why
    for u in &mut t.unmatched {
        if u.ends_with("rendered \"\"") {
            *u = format!("{} — {NO_SOURCE}", u.trim_end_matches(", rendered \"\""));
        }
    }
    t
}

/// 表十二: the one money cell (当年财政拨款预算金额 of 气象事务); the template's target tables
/// render no rows (the kinds are reserved) and the budget holds no targets.
fn project_targets() -> Tally {
    let tables = rendered();
    let t = table(&tables, 12);
    assert!(t.rows.is_empty());
    let mut tally = Tally::default();
    for row in published(12).iter().skip(1) {
        if let Some(printed) = row.get(2).filter(|c| !c.is_empty()) {
            tally.cell(
                &format!("表12 {} 当年财政拨款预算金额", row[1]),
                printed,
                Err("performance targets are not held (表十二 prints no indicator categories)"),
            );
        }
    }
    tally
}

// ---------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------

#[test]
fn the_template_has_the_documents_twelve_tables() {
    let tables = rendered();
    assert_eq!(tables.len(), 12);
    for t in &tables {
        let title = format!("表{}", chinese(t.number));
        let at = TEXT.find(&format!("\n{title}\n")).expect(&title);
        let heading = TEXT[at..].lines().nth(2).unwrap();
        assert_eq!(heading, t.title, "{title}");
        assert_eq!(t.unit, Unit::WanYuan);
        // each published header row is the template's, up to line wraps
        let grid = published(t.number);
        for (i, h) in t.header.iter().enumerate() {
            if t.number == 10 || (t.number == 12 && i > 0) {
                continue;
            }
            let printed = &grid[i];
            assert_eq!(h.len(), printed.len(), "{title} header {i}");
            for (a, b) in h.iter().zip(printed) {
                assert!(same_name(a, b), "{title} header {i}: {a} / {b}");
            }
        }
    }
    // 表十一 is empty and says so, as printed
    let note = table(&tables, 11).note.clone().unwrap();
    assert!(TEXT.contains(&note), "{note}");
}

fn chinese(n: u32) -> String {
    let d = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        10 => "十".to_string(),
        11 | 12 => format!("十{}", d[n as usize - 10]),
        _ => d[n as usize].to_string(),
    }
}

#[test]
fn table_1_income_expenditure_summary() {
    general_table().assert("表一", 12, 12, &[]);
}

#[test]
fn table_2_income_summary() {
    income().assert("表二", 76, 76, &[]);
}

#[test]
fn table_3_expenditure_summary() {
    expenditure().assert("表三", 61, 61, &[]);
}

#[test]
fn table_4_fiscal_summary_in_two_blocks() {
    fiscal().assert("表四", 24, 24, &[]);
}

#[test]
fn table_5_general_budget_expenditure() {
    general_budget().assert("表五", 75, 75, &[]);
}

#[test]
fn table_6_general_budget_basic_lists_the_sub_items_it_cannot_render() {
    general_basic().assert(
        "表六",
        61,
        71,
        &[
            "表6 3010201 col 2",
            "表6 3010201 col 3",
            "表6 3010202 col 2",
            "表6 3010202 col 3",
            "表6 3010301 col 2",
            "表6 3010301 col 3",
            "表6 3010302 col 2",
            "表6 3010302 col 3",
            "表6 3010303 col 2",
            "表6 3010303 col 3",
        ],
    );
}

#[test]
fn table_7_government_fund() {
    government_fund().assert("表七", 8, 8, &[]);
}

#[test]
fn table_8_three_public() {
    three_public().assert("表八", 4, 4, &[]);
}

#[test]
fn table_9_procurement_has_no_funding_split() {
    let t = procurement();
    t.assert(
        "表九",
        3,
        7,
        &[
            "表9 合计 col 7",
            "表9 合计 col 11",
            "表9 A col 7",
            "表9 C col 11",
        ],
    );
    assert!(t.unmatched.iter().all(|u| u.ends_with(NO_SOURCE)));
}

#[test]
fn table_12_targets_are_not_held() {
    project_targets().assert("表十二", 0, 1, &["表12 气象事务 当年财政拨款预算金额"]);
}

#[test]
fn summary() {
    let tallies = [
        ("表一 部门收支总体情况表", general_table()),
        ("表二 部门收入总体情况表", income()),
        ("表三 部门支出总体情况表", expenditure()),
        ("表四 财政拨款收支总体情况表", fiscal()),
        ("表五 一般公共预算支出情况表", general_budget()),
        ("表六 一般公共预算基本支出情况表", general_basic()),
        ("表七 政府性基金预算支出情况表", government_fund()),
        ("表八 财政拨款“三公”经费支出情况表", three_public()),
        ("表九 政府采购预算明细表", procurement()),
        ("表十二 市级一般性项目绩效目标表", project_targets()),
    ];
    let (mut matched, mut total) = (0, 0);
    for (name, t) in &tallies {
        println!(
            "{name}: {} / {} (blank cells rendered blank: {})",
            t.matched, t.published, t.blanks
        );
        for u in &t.unmatched {
            println!("    {u}");
        }
        matched += t.matched;
        total += t.published;
    }
    println!("表十 部门整体绩效目标表, 表十一 市级重点专项资金绩效目标表: no money cells");
    println!("all tables: {matched} / {total}");
    assert_eq!((matched, total), (324, 339));
}

#[test]
fn the_tables_render_in_every_format() {
    for t in rendered() {
        let text = render::text(&t);
        let csv = render::csv(&t);
        let md = render::markdown(&t);
        for row in &t.rows {
            for c in &row.cells {
                if let Cell::Money { .. } = c {
                    let s = t.shown(c);
                    assert!(
                        text.contains(&s) && md.contains(&s) && csv.contains(&s),
                        "{s}"
                    );
                }
            }
        }
    }
}

#[test]
fn what_the_template_renders_audits_clean() {
    use yusuan::audit::{Severity, audit};
    let b = budget();
    let d = Disclosure::new(&b, Template::chongqing_12());
    let tables: Vec<String> = d
        .tables(Rounding::Faithful)
        .iter()
        .map(render::tsv)
        .collect();
    let narrative: Vec<String> = d
        .narrative()
        .iter()
        .flat_map(|s| std::iter::once(s.title.clone()).chain(s.paragraphs.iter().cloned()))
        .collect();
    let report = audit(
        &format!("{}\n{}", tables.join("\n"), narrative.join("\n")),
        yusuan::Catalogue::builtin(),
    );
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    // the 住房保障 rows print 56.53 over parts printing 39.70 + 16.82, as the document does:
    // a 尾差 the auditor reports as info
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "table.row_sum" && f.message.contains("56.53"))
    );
}

// ---------------------------------------------------------------------------------------------
// The narrative
// ---------------------------------------------------------------------------------------------

/// Three sentences of the text print two text objects over each other; the reading the
/// figures of the tables confirm (see tests/reproduce_chongqing_meteorological_2026.rs):
/// (as extracted, as read).
const OVERLAID: &[(&str, &str)] = &[
    (
        "2026年4,770.62万年初预算数1 | 3,873.36万元,其中:自然资源海洋气象等支出1 | 元,",
        "2026年年初预算数14,770.62万元,其中:自然资源海洋气象等支出13,873.36万元,",
    ),
    (
        "收入579.89万79.89万元,政府性基金预算支出5 | 元,",
        "收入579.89万元,政府性基金预算支出579.89万元,",
    ),
];

/// Where the document's figures are wrong, and how it prints them: (ours, the document's).
/// 情况说明 四 names the 2026 "三公" budget (13.85, as 表八 prints) "2025年".
const PUBLICATION_ERRORS: &[(&str, &str)] = &[(
    "2026年“三公”经费预算13.85万元",
    "2025年“三公”经费预算13.85万元",
)];

/// The 情况说明 as read: pages joined, whitespace dropped, overlaid sentences read.
fn narrative_text() -> String {
    let end = TEXT.find("六、专业性名词解释").unwrap();
    let mut text: String = TEXT[..end]
        .lines()
        .filter(|l| !l.starts_with("=====") && !l.starts_with('#'))
        .collect();
    for (garbled, read) in OVERLAID {
        assert!(text.contains(garbled), "{garbled}");
        text = text.replace(garbled, read);
    }
    squeeze(&text)
}

#[test]
fn every_paragraph_is_the_published_text_figures_included() {
    let sections = Disclosure::new(&budget(), Template::chongqing_12()).narrative();
    let published = narrative_text();
    let mut paragraphs = 0;
    for s in &sections {
        assert!(published.contains(&squeeze(&s.title)), "title {}", s.title);
        for p in &s.paragraphs {
            let mut ours = squeeze(p);
            for (a, b) in PUBLICATION_ERRORS {
                ours = ours.replace(a, b);
            }
            assert!(published.contains(&ours), "not in the document: {p}");
            paragraphs += 1;
        }
    }
    // 二 (收入, 结转, 支出), 三 (一般公共预算, 政府性基金), 四, 五 (机关运行经费, 绩效, 委托业务费)
    assert_eq!(sections.len(), 4);
    assert_eq!(paragraphs, 9);
}

// ---------------------------------------------------------------------------------------------
// The format features this template brought (general: any template may use them)
// ---------------------------------------------------------------------------------------------

const BLOCKS: &str = r#"name = "blocks"
[format]
unit = "万元"
thousands = true
[[table]]
title = "{year}年财政拨款收支总表"
header = [["收入", "预算数", "支出", "合计"]]
[table.body]
kind = "two_sided"
block_gap = 1
columns = [{ id = "total", lines = {} }]
total = { label = "收入合计", right_label = "支出合计", of = ["now", "carry"], right_of = ["spent"], top = true }
[[table.body.block]]
left = [{ id = "now", label = "一、本年收入", lines = { carry_over = false } }]
right = [
  { id = "spent", label = "一、本年支出", total_of = ["classes"] },
  { id = "classes", classes = "with_money_paren_numbered" },
]
[[table.body.block]]
left = [{ id = "carry", label = "二、上年结转", lines = { carry_over = true } }]
"#;

#[test]
fn blocks_a_top_total_and_a_year_in_the_title() {
    let t = Template::from_toml("blocks.toml", BLOCKS).unwrap();
    let b = budget();
    let table = &Disclosure::new(&b, t).tables(Rounding::Faithful)[0];
    assert_eq!(table.title, "2026年财政拨款收支总表");
    let lines = render::body_lines(table);
    // total first; block 1: 本年收入 beside 本年支出 and the six 类 with money (7 rows) + 1
    // blank; block 2: 上年结转 (1 row) + 1 blank. Figures from the document's 表一 / 表四:
    // 本年收入 = 14,770.62 − 679.89 上年结转; 支出 by 类 as 表一 prints them.
    assert_eq!(lines.len(), 1 + 7 + 1 + 2);
    assert_eq!(lines[0], "收入合计\t14,770.62\t支出合计\t14,770.62");
    assert_eq!(lines[1], "一、本年收入\t14,090.73\t一、本年支出\t14,770.62");
    assert_eq!(lines[2], "\t\t(一)社会保障和就业支出\t120.17");
    assert_eq!(lines[8], "\t\t\t");
    assert_eq!(lines[9], "二、上年结转\t679.89\t\t");
    assert_eq!(lines[10], "\t\t\t");
}

#[test]
fn a_block_total_naming_no_row_is_an_error_at_its_line() {
    let bad = BLOCKS.replace("right_of = [\"spent\"]", "right_of = [\"spending\"]");
    let e = Template::from_toml("bad.toml", &bad).unwrap_err();
    assert_eq!((e.line, e.field.as_deref()), (Some(12), Some("right_of")));
    let bad = BLOCKS.replace("total_of = [\"classes\"]", "total_of = [\"class\"]");
    let e = Template::from_toml("bad.toml", &bad).unwrap_err();
    assert_eq!((e.line, e.field.as_deref()), (Some(16), Some("total_of")));
    // a left row's id is not a right row's
    let bad = BLOCKS.replace("of = [\"now\", \"carry\"]", "of = [\"now\", \"spent\"]");
    assert!(Template::from_toml("bad.toml", &bad).is_err());
}

#[test]
fn a_procurement_table_without_procurement_prints_only_its_note() {
    let mut builder = budget().to_builder();
    *builder.procurement_mut() = None;
    let b = builder.build().unwrap();
    let tables = Disclosure::new(&b, Template::chongqing_12()).tables(Rounding::Faithful);
    let t = tables.iter().find(|t| t.id == "procurement").unwrap();
    assert!(t.rows.is_empty());
    assert_eq!(
        t.note.as_deref(),
        Some("备注:本单位2026年无政府采购预算,故此表无数据。")
    );
}

#[test]
fn label_sets_fall_back_to_default_then_to_the_name() {
    let text = r#"name = "labels"
[format]
unit = "万元"
[[table]]
title = "t"
header = [["a"]]
[table.body]
kind = "matrix"
label_column = false
rows = [{}]
columns = [{ lines = {} }]
[narrative]
unit = "万元"
thousands = true
trim_zeros = true
[narrative.change.default]
increase = "增加{amount}万元"
decrease = "减少{amount}万元"
flat = "持平"
[narrative.labels.default]
general_public_budget = "一般公共预算拨款"
government_fund = "政府性基金预算拨款"
[narrative.labels.short]
government_fund = "基金"
[[narrative.section]]
title = "收入"
[[narrative.section.paragraph]]
text = "<<income_by_fund|{label:short}{amount}万元|、>>"
"#;
    let t = Template::from_toml("labels.toml", text).unwrap();
    let sections = Disclosure::new(&budget(), t).narrative();
    // amounts: the document's 情况说明 二(一) (一般公共预算 with its 100.00 结转)
    assert_eq!(
        sections[0].paragraphs,
        ["一般公共预算拨款12,672.73万元、基金579.89万元、事业收入388万元、其他收入1,130万元"]
    );
}
