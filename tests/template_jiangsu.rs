//! The Jiangsu template (`src/disclosure/templates/jiangsu_13.toml`) renders the rebuilt
//! 无锡市信访局 2025 budget (`examples/data/wuxi_petition_2025.json`) into the thirteen tables
//! and the 情况说明 the department published (`tests/data/disclosures/15_wuxi_petition_bureau_
//! 2025_dept`).
//!
//! Every money cell of every published table is compared with the rendered cell in the same
//! row (found by its codes and labels) and column: a printed figure is parsed with
//! `Amount::parse_in(text, Unit::WanYuan)` and must equal the rendered figure; a blank cell
//! must render blank or zero. A published cell the template does not render is counted as
//! published, not matched, and named with its reason. `cargo test --test template_jiangsu --
//! --nocapture` prints every table's count and each unmatched cell.

use rust_decimal::Decimal;
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Cell, Disclosure, Rounding, Table, Template};
use yusuan::{Amount, Unit};

mod common;
use common::squeeze;

const JSON: &str = include_str!("../examples/data/wuxi_petition_2025.json");
const GRID: &str = include_str!("data/disclosures/15_wuxi_petition_bureau_2025_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/15_wuxi_petition_bureau_2025_dept.txt");

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Wuxi budget builds")
}

fn rendered() -> Vec<Table> {
    Disclosure::new(&budget(), Template::jiangsu_13()).tables(Rounding::Faithful)
}

// ---------------------------------------------------------------------------------------------
// The published tables.

/// The body rows of the ruled table on `page` of the grid file, after `skip` header rows.
fn grid(page: u32, skip: usize) -> Vec<Vec<String>> {
    let marker = format!("===== [page {page} table 1:");
    let start = GRID.find(&marker).unwrap_or_else(|| panic!("page {page}"));
    GRID[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("====="))
        .filter(|l| !l.trim().is_empty())
        .skip(skip)
        .map(|l| l.split(" | ").map(|c| c.trim().to_string()).collect())
        .collect()
}

/// A row the grid extractor missed (the first row of a continuation page), read from the
/// `.txt` page: code and name, then its figures placed in `cols` of a row `width` wide (the
/// columns the same row of 公开07表 fills; `.txt` drops blank cells).
fn text_row(page: u32, code: &str, cols: &[usize], width: usize) -> Vec<String> {
    let marker = format!("===== [page {page}] =====");
    let start = TEXT.find(&marker).unwrap_or_else(|| panic!("page {page}"));
    let line = TEXT[start..]
        .lines()
        .find(|l| l.starts_with(&format!("{code} | ")))
        .unwrap_or_else(|| panic!("{code} on page {page}"));
    let cells: Vec<&str> = line.split(" | ").collect();
    assert_eq!(cells.len(), 2 + cols.len(), "{line}");
    let mut row = vec![String::new(); width];
    row[0] = cells[0].to_string();
    row[1] = cells[1].to_string();
    for (&c, v) in cols.iter().zip(&cells[2..]) {
        row[c] = v.to_string();
    }
    row
}

/// A published money column: its position, the rendered column it is compared with (`Err`:
/// not rendered, and why), its name, and the label column that must be non-empty for the cell
/// to exist (the two sides of a summary table end at different rows).
struct Money {
    published: usize,
    rendered: Result<usize, &'static str>,
    name: &'static str,
    under: Option<usize>,
}

fn col(published: usize, rendered: usize, name: &'static str) -> Money {
    Money {
        published,
        rendered: Ok(rendered),
        name,
        under: None,
    }
}

/// One published table and how it lines up with the rendered one.
struct Spec {
    /// 公开NN表.
    number: u32,
    /// Its published body rows.
    rows: Vec<Vec<String>>,
    /// The label columns that identify a published row, and the rendered table's.
    keys: (&'static [usize], &'static [usize]),
    money: Vec<Money>,
    /// Why a published row may have no rendered row (`None`: every row must be rendered).
    rows_not_rendered: Option<&'static str>,
}

/// The rows a table's labels identify.
fn key(cells: &[String], cols: &[usize]) -> String {
    squeeze(
        &cols
            .iter()
            .map(|c| cells.get(*c).map_or("", String::as_str))
            .collect::<String>(),
    )
}

fn rendered_key(t: &Table, row: usize, cols: &[usize]) -> String {
    let cells: Vec<String> = t.rows[row].cells.iter().map(Cell::text).collect();
    key(&cells, cols)
}

/// A printed 万元 figure; `None` for a blank cell.
fn printed(text: &str) -> Option<Decimal> {
    let text = text.trim();
    (!text.is_empty()).then(|| {
        Amount::parse_in(text, Unit::WanYuan)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .to_unit(Unit::WanYuan)
    })
}

/// Matched / published cells of one table, with the cells not matched.
struct Tally {
    published: usize,
    matched: usize,
    not_rendered: Vec<(&'static str, String)>,
    mismatches: Vec<String>,
}

fn compare(spec: &Spec, t: &Table) -> Tally {
    let mut tally = Tally {
        published: 0,
        matched: 0,
        not_rendered: Vec::new(),
        mismatches: Vec::new(),
    };
    let (pub_keys, our_keys) = spec.keys;
    let mut used = vec![false; t.rows.len()];
    for row in &spec.rows {
        let k = key(row, pub_keys);
        let ours = (0..t.rows.len()).find(|&r| !used[r] && rendered_key(t, r, our_keys) == k);
        if let Some(r) = ours {
            used[r] = true;
        } else {
            assert!(
                spec.rows_not_rendered.is_some(),
                "公开{:02}表: published row {k:?} is not rendered",
                spec.number
            );
        }
        for m in &spec.money {
            if m.under.is_some_and(|u| row[u].is_empty()) {
                continue;
            }
            tally.published += 1;
            let cell = row.get(m.published).map_or("", String::as_str);
            let label = format!("{k} {} [{cell}]", m.name);
            let (r, c) = match (ours, m.rendered) {
                (None, _) => {
                    let why = spec.rows_not_rendered.unwrap_or_default();
                    tally.not_rendered.push((why, label));
                    continue;
                }
                (Some(_), Err(why)) => {
                    tally.not_rendered.push((why, label));
                    continue;
                }
                (Some(r), Ok(c)) => (r, c),
            };
            let shown = match &t.rows[r].cells[c] {
                Cell::Money { shown, .. } => *shown,
                Cell::Text(s) if s.is_empty() => None,
                Cell::Text(s) => panic!("公开{:02}表 {label}: rendered text {s:?}", spec.number),
            };
            let same = match (printed(cell), shown) {
                (None, None) => true,
                (None, Some(d)) | (Some(d), None) => d.is_zero(),
                (Some(p), Some(d)) => p == d,
            };
            if same {
                tally.matched += 1;
            } else {
                tally
                    .mismatches
                    .push(format!("{label}: rendered {shown:?}"));
            }
        }
    }
    let extra: Vec<String> = (0..t.rows.len())
        .filter(|r| !used[*r])
        .map(|r| rendered_key(t, r, our_keys))
        .collect();
    assert!(
        extra.is_empty(),
        "公开{:02}表: rendered rows the document does not print: {extra:?}",
        spec.number
    );
    tally
}

/// Money columns 2.. of a coded table, compared one for one.
fn same_columns(names: &[&'static str]) -> Vec<Money> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| col(i + 2, i + 2, n))
        .collect()
}

const FUNCTIONAL_KINDS: [&str; 5] = ["合计", "基本支出小计", "人员经费", "公用经费", "项目支出"];
const ECONOMIC_KINDS: [&str; 3] = ["合计", "人员经费", "公用经费"];

const PER_UNIT: &str = "the rows of the department (113) and each unit (113001 本级, 113002 \
     无锡市人民来访接待中心) wait for per-unit rows; the template prints the 合计 row";
const PROCUREMENT_ROWS: &str = "per-unit and per-item procurement rows (单位, 专项名称, 经济科目, \
     采购品目, 组织形式): the budget's procurement holds 货物/工程/服务 totals only";
const PROCUREMENT_FUNDING: &str = "资金来源 columns (一般公共预算资金, 政府性基金, 其他资金, \
     上年结转和结余资金): the budget's procurement has no split by funding, so the template \
     leaves them out";

/// Both sides of 收支总表 and 财政拨款收支总表: left amount under a left label, right under a
/// right label.
fn two_sided_money() -> Vec<Money> {
    vec![
        Money {
            under: Some(0),
            ..col(1, 1, "收入预算数")
        },
        Money {
            under: Some(2),
            ..col(3, 3, "支出预算数")
        },
    ]
}

fn specs() -> Vec<Spec> {
    let coded: (&[usize], &[usize]) = (&[0, 1], &[0, 1]);
    let mut t3 = grid(12, 1);
    t3.push(text_row(13, "2210203", &[2, 3], 8));
    let mut t5 = grid(16, 2);
    t5.push(text_row(17, "2210203", &[2, 3, 4], 7));
    let mut t4 = grid(14, 2);
    t4.extend(grid(15, 0));
    let mut t13_money: Vec<Money> = [
        (5, "一般公共预算资金"),
        (6, "政府性基金"),
        (7, "其他资金"),
        (8, "上年结转和结余资金"),
    ]
    .into_iter()
    .map(|(p, name)| Money {
        published: p,
        rendered: Err(PROCUREMENT_FUNDING),
        name,
        under: None,
    })
    .collect();
    t13_money.push(col(9, 5, "总计"));
    let t2_names = [
        "合计",
        "本年收入小计",
        "一般公共预算",
        "政府性基金预算",
        "国有资本经营预算",
        "财政专户管理资金",
        "事业收入",
        "事业单位经营收入",
        "上级补助收入",
        "附属单位上缴收入",
        "其他收入",
        "上年结转结余小计",
        "结转一般公共预算",
        "结转政府性基金预算",
        "结转国有资本经营预算",
        "结转财政专户管理资金",
        "结转单位资金",
    ];
    vec![
        Spec {
            number: 1,
            rows: grid(10, 2),
            keys: (&[0, 2], &[0, 2]),
            money: two_sided_money(),
            rows_not_rendered: None,
        },
        Spec {
            number: 2,
            rows: grid(11, 5),
            keys: coded,
            money: same_columns(&t2_names),
            rows_not_rendered: Some(PER_UNIT),
        },
        Spec {
            number: 3,
            rows: t3,
            keys: coded,
            money: same_columns(&[
                "合计",
                "基本支出",
                "项目支出",
                "事业单位经营支出",
                "上缴上级支出",
                "对附属单位补助支出",
            ]),
            rows_not_rendered: None,
        },
        Spec {
            number: 4,
            rows: t4,
            keys: (&[0, 2], &[0, 2]),
            money: two_sided_money(),
            rows_not_rendered: None,
        },
        Spec {
            number: 5,
            rows: t5,
            keys: coded,
            money: same_columns(&FUNCTIONAL_KINDS),
            rows_not_rendered: None,
        },
        Spec {
            number: 6,
            rows: grid(18, 2),
            keys: coded,
            money: same_columns(&ECONOMIC_KINDS),
            rows_not_rendered: None,
        },
        Spec {
            number: 7,
            rows: grid(19, 2),
            keys: coded,
            money: same_columns(&FUNCTIONAL_KINDS),
            rows_not_rendered: None,
        },
        Spec {
            number: 8,
            rows: grid(20, 2),
            keys: coded,
            money: same_columns(&ECONOMIC_KINDS),
            rows_not_rendered: None,
        },
        Spec {
            number: 9,
            rows: grid(21, 2),
            keys: (&[], &[]),
            money: [
                "“三公”经费合计",
                "因公出国（境）费",
                "公务用车购置及运行维护费小计",
                "公务用车购置费",
                "公务用车运行维护费",
                "公务接待费",
                "会议费",
                "培训费",
            ]
            .into_iter()
            .enumerate()
            .map(|(i, n)| col(i, i, n))
            .collect(),
            rows_not_rendered: None,
        },
        // The grid splits the merged 本年政府性基金预算支出 header into an extra column (4).
        Spec {
            number: 10,
            rows: grid(22, 1),
            keys: coded,
            money: vec![
                col(2, 2, "合计"),
                col(3, 3, "基本支出"),
                col(5, 4, "项目支出"),
            ],
            rows_not_rendered: None,
        },
        // The grid draws 功能分类科目编码 over two columns (0, 1); 科目名称 is column 2.
        Spec {
            number: 11,
            rows: grid(23, 4),
            keys: (&[0, 1, 2], &[0, 1]),
            money: vec![
                col(3, 2, "本年支出合计"),
                col(4, 3, "基本支出"),
                col(5, 4, "项目支出"),
            ],
            rows_not_rendered: None,
        },
        Spec {
            number: 12,
            rows: grid(24, 1),
            keys: coded,
            money: same_columns(&["机关运行经费支出"]),
            rows_not_rendered: None,
        },
        Spec {
            number: 13,
            rows: grid(25, 5),
            keys: (&[0, 1, 2, 3, 4], &[0, 1, 2, 3, 4]),
            money: t13_money,
            rows_not_rendered: Some(PROCUREMENT_ROWS),
        },
    ]
}

/// (公开NN表, matched, published): what this reproduction reaches.
const EXPECTED: [(u32, usize, usize); 13] = [
    (1, 45, 45),
    (2, 17, 68),
    (3, 114, 114),
    (4, 42, 42),
    (5, 95, 95),
    (6, 66, 66),
    (7, 95, 95),
    (8, 66, 66),
    (9, 8, 8),
    (10, 3, 3),
    (11, 3, 3),
    (12, 9, 9),
    (13, 2, 25),
];

#[test]
fn every_money_cell_of_every_table_matches_the_published_document() {
    let tables = rendered();
    assert_eq!(tables.len(), 13);
    let (mut matched, mut published) = (0, 0);
    for (spec, (number, want_matched, want_published)) in specs().iter().zip(EXPECTED) {
        assert_eq!(spec.number, number);
        let t = &tables[number as usize - 1];
        let tally = compare(spec, t);
        println!(
            "公开{number:02}表 {}: {}/{} cells matched",
            t.title, tally.matched, tally.published
        );
        let mut reasons: Vec<&str> = tally.not_rendered.iter().map(|(w, _)| *w).collect();
        reasons.dedup();
        for why in reasons {
            let cells: Vec<&str> = tally
                .not_rendered
                .iter()
                .filter(|(w, _)| *w == why)
                .map(|(_, c)| c.as_str())
                .collect();
            println!(
                "  not rendered ({} cells): {why}\n    {}",
                cells.len(),
                cells.join("; ")
            );
        }
        assert!(
            tally.mismatches.is_empty(),
            "公开{number:02}表: {:#?}",
            tally.mismatches
        );
        assert_eq!(
            (tally.matched, tally.published, tally.not_rendered.len()),
            (want_matched, want_published, want_published - want_matched),
            "公开{number:02}表"
        );
        matched += tally.matched;
        published += tally.published;
    }
    println!("13 tables: {matched}/{published} cells matched");
    assert_eq!((matched, published), (565, 639));
}

/// Every line of the budget is a whole multiple of 0.01 万元, so footing (尾差调整) prints what
/// faithful rounding prints: the 合计 rows moved to the top still add up their rows.
#[test]
fn footing_prints_the_same_tables() {
    let b = budget();
    let d = Disclosure::new(&b, Template::jiangsu_13());
    let text = |r: Rounding| -> Vec<Vec<String>> {
        d.tables(r)
            .iter()
            .flat_map(|t| {
                t.rows
                    .iter()
                    .map(|row| row.cells.iter().map(Cell::text).collect())
            })
            .collect()
    };
    assert_eq!(text(Rounding::Footing), text(Rounding::Faithful));
}

/// The cells the model cannot hold and the template prints empty by construction: they are
/// empty whatever the budget, and the document prints them blank.
#[test]
fn columns_empty_by_construction_are_blank_in_the_document() {
    let tables = rendered();
    let specs = specs();
    // 公开03表's 事业单位经营支出, 上缴上级支出, 对附属单位补助支出 (columns 5–7)
    let t3 = &specs[2];
    for row in &t3.rows {
        for c in 5..8 {
            assert_eq!(row[c], "", "{row:?}");
        }
    }
    for row in &tables[2].rows {
        for c in 5..8 {
            assert_eq!(row.cells[c].text(), "");
        }
    }
    // 公开01表's 年终结转结余 and 公开04表's 二、年终结转结余: blank in the document and nil by
    // construction
    for (t, label) in [(0, "年终结转结余"), (3, "二、年终结转结余")] {
        let row = tables[t]
            .rows
            .iter()
            .find(|r| r.cells[2].text() == label)
            .unwrap_or_else(|| panic!("{label}"));
        assert_eq!(row.cells[3].text(), "");
        let published = specs[t]
            .rows
            .iter()
            .find(|r| r[2] == label)
            .unwrap_or_else(|| panic!("{label}"));
        assert_eq!(published[3], "");
    }
}

#[test]
fn titles_are_the_documents() {
    for t in rendered() {
        let heading = format!("公开{:02} 表\n{}\n", t.number, t.title);
        assert!(TEXT.contains(&heading), "{heading}");
    }
}

/// 公开10表 and 公开11表 are empty and print the document's notes.
#[test]
fn empty_tables_print_the_documents_notes() {
    let tables = rendered();
    for t in &tables[9..11] {
        let note = t.note.as_deref().expect("an empty table's note");
        assert!(TEXT.contains(note), "{note}");
    }
    assert!(tables.iter().filter(|t| t.note.is_some()).count() == 2);
}

// ---------------------------------------------------------------------------------------------
// 第三部分 部门预算情况说明.

/// The published 情况说明: page markers, page numbers and running heads dropped, no whitespace.
fn published_narrative() -> String {
    let start = TEXT.rfind("第三部分 2025 年度部门预算情况说明").unwrap();
    let end = TEXT.rfind("第四部分 名词解释").unwrap();
    let text: String = TEXT[start..end]
        .lines()
        .filter(|l| {
            !l.starts_with("=====")
                && !l.starts_with("- ")
                && !l.starts_with("无锡市信访局2025 年度部门预算公开")
        })
        .collect();
    squeeze(&text)
}

/// Text with every figure (digits with `,` and `.`) as `#`.
fn masked(text: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in squeeze(text).chars() {
        if c.is_ascii_digit() || (in_number && (c == ',' || c == '.')) {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

#[test]
fn every_narrative_paragraph_is_the_published_text() {
    let sections = Disclosure::new(&budget(), Template::jiangsu_13()).narrative();
    let published = published_narrative();
    let masked_published = masked(&published);
    let paragraphs: Vec<&String> = sections.iter().flat_map(|s| &s.paragraphs).collect();
    let mut not_even_masked = Vec::new();
    let mut other_figures = Vec::new();
    for p in &paragraphs {
        if !masked_published.contains(&masked(p)) {
            not_even_masked.push(p.to_string());
        } else if !published.contains(&squeeze(p)) {
            other_figures.push(p.to_string());
        }
    }
    assert!(
        not_even_masked.is_empty(),
        "{} of {} paragraphs are not in the document up to figures:\n{}",
        not_even_masked.len(),
        paragraphs.len(),
        not_even_masked.join("\n")
    );
    // Every figure is the document's too: each paragraph occurs word for word.
    assert!(
        other_figures.is_empty(),
        "paragraphs whose figures differ:\n{}",
        other_figures.join("\n")
    );
    for s in &sections {
        assert!(published.contains(&squeeze(&s.title)), "title {}", s.title);
    }
    // 一 16, 二 16, 三 6, 四 1, 五 1 + 1 + 4 类 + 9 项, 六 3, 七 1, 八 3, 九 6, 十 1, 十一 1,
    // 十二 1, 十三 1
    assert_eq!(sections.len(), 13);
    assert_eq!(paragraphs.len(), 71);
}
