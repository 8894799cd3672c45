//! The Guangdong template (`src/disclosure/templates/guangdong_12.toml`) renders 广州市信访局 2026
//! (`examples/data/guangzhou_petition_2026.json`) into the document's twelve tables, cell for
//! cell, and into its 情况说明 sections 一 to 四, word for word.
//!
//! Every money cell of every published table is read from the document's ruled tables
//! (`tests/data/disclosures/21_guangzhou_petition_bureau_2026_dept.grid.txt`), parsed with
//! `Amount::parse_in`, and compared with the rendered cell in the same row and column. Rows are
//! paired by their printed labels (codes, names, the 绩效目标 text), not by position; a published
//! row the template does not render leaves its cells unmatched, each with its reason.

use yusuan::amount::{Amount, Unit};
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Cell, Disclosure, Rounding, Table, Template, render};

const JSON: &str = include_str!("../examples/data/guangzhou_petition_2026.json");
const GRID: &str = include_str!("data/disclosures/21_guangzhou_petition_bureau_2026_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/21_guangzhou_petition_bureau_2026_dept.txt");

/// Why the department rows of 表2 and 表11 are not rendered.
const PER_UNIT: &str = "waits for the per-unit body (a row per unit under 合计): the template \
    renders 合计 (表2) and 合计 with the 类 rows (表11), not the 广州市信访局 row";

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Guangzhou budget builds")
}

fn tables() -> Vec<Table> {
    Disclosure::new(&budget(), Template::guangdong_12()).tables(Rounding::Faithful)
}

/// Text without whitespace (PDF line wrapping: "一般公共预 算").
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A printed money figure: every amount of the document's tables has two decimals.
fn is_money(cell: &str) -> bool {
    cell.contains('.') && Amount::parse_in(cell, Unit::WanYuan).is_ok()
}

/// The pages each table is printed on (the `表N` heading opens its first page; 表1, 4, 6 and 12
/// continue on the next page with their header repeated).
const PAGES: [(u32, &[u32]); 12] = [
    (1, &[5, 6]),
    (2, &[7]),
    (3, &[8]),
    (4, &[9, 10]),
    (5, &[11]),
    (6, &[12, 13]),
    (7, &[14]),
    (8, &[15]),
    (9, &[16]),
    (10, &[17]),
    (11, &[18]),
    (12, &[19, 20]),
];

/// One published table: its header rows and its body rows, cells squeezed.
struct Published {
    header: Vec<Vec<String>>,
    rows: Vec<Vec<String>>,
}

/// The ruled tables on `pages`, merged (the repeated headers dropped).
fn published(pages: &[u32]) -> Published {
    let mut per_page: Vec<Vec<Vec<String>>> = Vec::new();
    let mut take = false;
    for line in GRID.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            let page: u32 = rest.split(' ').next().unwrap().parse().unwrap();
            take = pages.contains(&page);
            if take {
                per_page.push(Vec::new());
            }
        } else if take && !line.trim().is_empty() {
            per_page
                .last_mut()
                .unwrap()
                .push(line.split('|').map(squeeze).collect());
        }
    }
    assert_eq!(per_page.len(), pages.len(), "one table per page {pages:?}");
    let mut out = Published {
        header: Vec::new(),
        rows: Vec::new(),
    };
    for rows in per_page {
        let body = rows
            .iter()
            .position(|r| r.iter().any(|c| is_money(c)))
            .unwrap_or(rows.len());
        if out.header.is_empty() {
            out.header = rows[..body].to_vec();
        } else {
            assert_eq!(out.header, rows[..body], "repeated header {pages:?}");
        }
        out.rows.extend(rows[body..].iter().cloned());
    }
    out
}

/// The text of page `n` of the document.
fn page(n: u32) -> &'static str {
    let marker = format!("===== [page {n}] =====");
    let start = TEXT.find(&marker).unwrap() + marker.len();
    let end = TEXT[start..]
        .find("===== [page")
        .map_or(TEXT.len(), |e| start + e);
    &TEXT[start..end]
}

/// A row's labels: its text cells, squeezed, with `#` where a money cell stands.
fn key_of_published(row: &[String]) -> Vec<String> {
    row.iter()
        .map(|c| if is_money(c) { "#".into() } else { c.clone() })
        .collect()
}

fn key_of_rendered(table: &Table, row: &yusuan::disclosure::Row) -> Vec<String> {
    row.cells
        .iter()
        .map(|c| match c {
            Cell::Money { .. } => "#".into(),
            Cell::Text(_) => squeeze(&table.shown(c)),
        })
        .collect()
}

/// Matched / published money cells of one table, the unmatched ones named with their reason.
#[derive(Debug)]
struct Tally {
    number: u32,
    published: usize,
    matched: usize,
    /// Matched cells whose column or row the model cannot fill: the template prints them 0.00
    /// through a filter that holds for no line, as the document prints them.
    structural: usize,
    unmatched: Vec<String>,
}

/// Rows and columns the template fills with a filter that holds for no line (see the template's
/// header comment): (table, row label or "", column header or "").
const STRUCTURAL: &[(u32, &str, &str)] = &[
    (1, "二十四、对附属单位补助支出", ""),
    (1, "二十五、上缴上级支出", ""),
    (1, "结转结余下年", ""),
    (2, "", "教育收费"),
    (3, "", "事业单位经营支出"),
    (3, "", "对附属单位补助支出"),
    (3, "", "上缴上级支出"),
    (4, "二十七、结转下年", ""),
];

/// Whether the money cell at `col` of a published row is one of the structural zeros: in a
/// listed column, or the first money cell after a listed row label.
fn structural(number: u32, header: &[Vec<String>], row: &[String], col: usize) -> bool {
    STRUCTURAL.iter().any(|(t, label, column)| {
        *t == number
            && if column.is_empty() {
                col > 0 && row[col - 1] == *label
            } else {
                header
                    .iter()
                    .any(|h| h.get(col).is_some_and(|c| c == column))
            }
    })
}

/// Compares table `number` with its published grid.
fn compare(table: &Table) -> Tally {
    let pages = PAGES.iter().find(|(n, _)| *n == table.number).unwrap().1;
    let published = published(pages);
    // the title is printed under its 表N heading, and the header as the template has it
    let first = page(pages[0]);
    assert!(first.contains(&format!("表{}\n{}\n", table.number, table.title)));
    let header: Vec<Vec<String>> = table
        .header
        .iter()
        .map(|r| r.iter().map(|c| squeeze(c)).collect())
        .collect();
    assert_eq!(header, published.header, "表{} header", table.number);
    if let Some(note) = &table.note {
        let text: String = pages.iter().map(|p| squeeze(page(*p))).collect();
        assert!(text.contains(&squeeze(note)), "表{}: {note}", table.number);
    }
    let mut tally = Tally {
        number: table.number,
        published: 0,
        matched: 0,
        structural: 0,
        unmatched: Vec::new(),
    };
    let mut cursor = 0;
    for row in &published.rows {
        let key = key_of_published(row);
        let found = (cursor..table.rows.len())
            .find(|i| key_of_rendered(table, &table.rows[*i]) == key)
            .inspect(|i| cursor = i + 1);
        for (col, text) in row.iter().enumerate().filter(|(_, c)| is_money(c)) {
            tally.published += 1;
            let what = format!("表{} {} [{col}] {text}", table.number, row[0]);
            let Some(i) = found else {
                tally.unmatched.push(format!("{what}: {PER_UNIT}"));
                continue;
            };
            let cell = &table.rows[i].cells[col];
            let printed = Amount::parse_in(text, Unit::WanYuan).unwrap();
            match cell {
                Cell::Money {
                    shown: Some(shown), ..
                } if *shown == printed.round_in(Unit::WanYuan, 2) && table.shown(cell) == *text => {
                    tally.matched += 1;
                    if structural(table.number, &published.header, row, col) {
                        tally.structural += 1;
                    }
                }
                other => tally
                    .unmatched
                    .push(format!("{what}: rendered {:?}", table.shown(other))),
            }
        }
    }
    // every rendered row is a published row (found in order above)
    let rendered_keys: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| key_of_rendered(table, r))
        .collect();
    for key in &rendered_keys {
        assert!(
            published.rows.iter().any(|r| key_of_published(r) == *key),
            "表{}: rendered row {key:?} is not published",
            table.number
        );
    }
    tally
}

fn tallies() -> Vec<Tally> {
    tables().iter().map(compare).collect()
}

/// (table, matched, published, structural zeros among the matched).
const EXPECTED: [(u32, usize, usize, usize); 12] = [
    (1, 41, 41, 3),
    (2, 12, 24, 1),
    (3, 108, 108, 54),
    (4, 34, 34, 1),
    (5, 54, 54, 0),
    (6, 36, 36, 0),
    (7, 21, 21, 0),
    (8, 28, 28, 0),
    (9, 3, 3, 0),
    (10, 3, 3, 0),
    (11, 35, 42, 0),
    (12, 77, 77, 0),
];

#[test]
fn every_published_money_cell_against_the_rendered_table() {
    let tallies = tallies();
    for t in &tallies {
        println!(
            "表{}: {}/{} ({} structural zeros)",
            t.number, t.matched, t.published, t.structural
        );
        for u in &t.unmatched {
            println!("  unmatched {u}");
        }
    }
    let got: Vec<(u32, usize, usize, usize)> = tallies
        .iter()
        .map(|t| (t.number, t.matched, t.published, t.structural))
        .collect();
    assert_eq!(got, EXPECTED);
    // the only unmatched cells are the department rows of 表2 and 表11
    for t in &tallies {
        for u in &t.unmatched {
            assert!(u.contains("广州市信访局") && u.ends_with(PER_UNIT), "{u}");
        }
    }
    let (matched, published) = tallies
        .iter()
        .fold((0, 0), |(m, p), t| (m + t.matched, p + t.published));
    println!("all tables: {matched}/{published}");
    assert_eq!((matched, published), (452, 471));
}

#[test]
fn every_table_of_the_document_in_order() {
    let tables = tables();
    assert_eq!(tables.len(), 12);
    // the 目录 lists the twelve titles in order
    let contents = page(2);
    let numerals = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ];
    for (t, n) in tables.iter().zip(numerals) {
        assert!(
            contents.contains(&format!("{n}、{}\n", t.title)),
            "{}",
            t.title
        );
    }
    // 表9 and 表10 are empty and say so; the others print 注：无。 or their own note
    for t in &tables {
        assert!(t.note.is_some(), "表{}", t.number);
    }
    assert_eq!(tables[8].note.as_deref(), Some("注：本表本年无发生额。"));
    assert_eq!(tables[9].note.as_deref(), Some("注：本表本年无发生额。"));
}

#[test]
fn the_administrative_cost_row_is_guangdongs_list_of_economic_items() {
    // 情况说明 三 and 名词解释 九 list the 经济科目 of 行政经费（机关运行经费）; 表8 prints 444.39.
    let b = budget();
    let tables = tables();
    let t8 = &tables[7];
    assert_eq!(t8.rows[0].cells[0].text(), "行政经费");
    assert_eq!(t8.shown(&t8.rows[0].cells[1]), "444.39");
    // it is not the model's 机关运行经费 (公用经费 of 行政 and 参公 units, 275.01)
    assert_eq!(
        b.organ_running().round_in(Unit::WanYuan, 2).to_string(),
        "275.01"
    );
}

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

/// Digits, separators and decimal points replaced by `#`, runs collapsed: a text up to figures.
fn without_figures(s: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in s.chars() {
        let digit = c.is_ascii_digit() || (in_number && matches!(c, '.' | ','));
        if digit && !in_number {
            out.push('#');
        } else if !digit {
            out.push(c);
        }
        in_number = digit;
    }
    out
}

#[test]
fn every_generated_paragraph_is_in_the_published_narrative() {
    let b = budget();
    let sections = Disclosure::new(&b, Template::guangdong_12()).narrative();
    let text = body_text();
    let narrative = &text[text.find("第三部分2026年部门预算情况说明").unwrap()..];
    let titles: Vec<&str> = sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "一、部门预算收支增减变化情况",
            "二、“三公”经费安排情况",
            "三、机关运行经费安排情况",
            "四、政府采购情况",
        ]
    );
    let mut paragraphs = 0;
    for s in &sections {
        assert!(narrative.contains(&squeeze(&s.title)), "{}", s.title);
        for p in &s.paragraphs {
            // up to figures, and with the figures too: the amounts, changes and rates
            // (4.8万元, 下降17.2%, 下降5%) are the published ones
            assert!(
                without_figures(narrative).contains(&without_figures(&squeeze(p))),
                "not in the document up to figures: {p}"
            );
            assert!(narrative.contains(&squeeze(p)), "figures differ: {p}");
            paragraphs += 1;
        }
    }
    assert_eq!(paragraphs, 4);
    // Left out for want of data in the model: 五 (the assets' date and total), 六 (the prior
    // year's 委托业务费), 七 (重点项目 and text-only 绩效目标).
    for left_out in [
        "五、国有资产占有使用情况",
        "六、委托业务费安排情况",
        "七、重点项目预算绩效目标情况",
    ] {
        assert!(narrative.contains(left_out));
        assert!(!titles.contains(&left_out));
    }
}

#[test]
fn the_rendered_document_audits_clean() {
    use yusuan::audit::{Severity, audit};
    let b = budget();
    let d = Disclosure::new(&b, Template::guangdong_12());
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
}

// ---------------------------------------------------------------------------------------------
// The format options the Guangdong template brought, each on the seed budget (阿拉山口市科学技术局
// 2026), whose figures are the seed document's (tests/data/disclosures/
// alashankou_science_bureau_2026.md).

const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

const OPTIONS: &str = r#"
name = "options"
[format]
unit = "万元"
thousands = true
blank_zero = false

[[table]]
title = "基本支出按类"
note = "注：无。"
header = [["类", "合计"]]
[table.body]
kind = "economic_tree"
depth = 1
codes = "none"
lines = { source = ["general_budget_own", "general_budget_transfer"], spending = ["basic"] }
total = { label = "合计", top = true }
columns = [{ lines = {} }]

[[table]]
title = "基本支出按款"
header = [["科目", "合计"]]
[table.body]
kind = "economic_tree"
codes = "bracketed"
lines = { source = ["general_budget_own", "general_budget_transfer"], spending = ["basic"] }
total = { label = "合计", top = true }
columns = [{ lines = {} }]

[[table]]
title = "收支"
header = [["收入", "", "支出", ""]]
[table.body]
kind = "two_sided"
columns = [{ lines = {} }]
total = { label = "收入总计", right_label = "支出总计", of = ["year", "carry"], right_of = ["spending", "next"] }
[[table.body.block]]
left = [{ id = "year", label = "本年收入", lines = { carry_over = false } }]
right = [
  { id = "science", label = "一、科学技术支出", lines = { functional = ["206"] } },
  { id = "remit", label = "二、上缴上级支出", lines = { source = [] } },
]
[[table.body.block]]
left = [{ id = "carry", label = "上年结转结余", lines = { carry_over = true } }]
right = [
  { id = "spending", label = "本年支出合计", total_of = ["science", "remit"] },
  { id = "next", label = "结转下年", lines = { source = [] } },
]

[[table]]
title = "项目"
header = [["项目", "金额", "资金来源"]]
[table.body]
kind = "per_project"
lines = { spending = ["project"] }
columns = [{ lines = {} }, { detail = "资金来源" }]

[narrative]
unit = "万元"
trim_zeros = true
[narrative.change.default]
increase = "增加{amount}万元，增长{rate}%"
decrease = "减少{amount}万元，下降{rate}%"
flat = "持平"
rate_decimals = 1
[narrative.sums.organ_operating]
lines = { spending = ["operating"], organ = true, fund = ["general_public_budget"] }
prior = "organ_running"
[[narrative.section]]
title = "说明"
[[narrative.section.paragraph]]
text = "机关运行经费{organ_operating}万元，{organ_operating_change}；收支{total}万元，{total_change}。"
"#;

fn body(t: &Table) -> Vec<String> {
    render::body_lines(t)
}

#[test]
fn format_options_render_the_seed_budget() {
    let seed: DepartmentBudget = serde_json::from_str(SEED_JSON).unwrap();
    let template = Template::from_toml("options.toml", OPTIONS).unwrap_or_else(|e| panic!("{e}"));
    let d = Disclosure::new(&seed, template);
    let t = d.tables(Rounding::Faithful);
    // 表6's 类 and 总计: 60.02 + 3.80 + 4.80 = 68.62; the total first, names without codes
    assert_eq!(
        body(&t[0]),
        [
            "合计\t68.62",
            "工资福利支出\t60.02",
            "商品和服务支出\t3.80",
            "对个人和家庭的补助\t4.80"
        ]
    );
    assert_eq!(t[0].note.as_deref(), Some("注：无。"));
    // codes in brackets before the name
    assert_eq!(
        &body(&t[1])[..3],
        [
            "合计\t68.62",
            "[301]工资福利支出\t60.02",
            "[30101]基本工资\t6.71"
        ]
    );
    // 表1: 本年收入 92.62 + 上年结转结余 3.00 = 95.62, all of it 206 科学技术支出
    assert_eq!(
        body(&t[2]),
        [
            "本年收入\t92.62\t一、科学技术支出\t95.62",
            "\t\t二、上缴上级支出\t0.00",
            "上年结转结余\t3.00\t本年支出合计\t95.62",
            "\t\t结转下年\t0.00",
            "收入总计\t95.62\t支出总计\t95.62",
        ]
    );
    // 表7's 2026 年新疆人才发展基金 9.00 and its 资金来源 (情况说明 七)
    assert!(
        body(&t[3]).contains(
            &"2026 年新疆人才发展基金\t9.00\t资金来源为州财政局拨付至山口本级财政局。".to_string()
        ),
        "{:#?}",
        body(&t[3])
    );
    // 机关运行经费 3.80, 比上年预算减少 3.05, 下降 44.53% (情况说明 十三); 收支 95.62 against the
    // prior year's income 90.58 + 14.00 + 0.07 = 104.65 (情况说明 二): 减少 9.03, 下降 8.63%;
    // one decimal and no trailing zeros
    assert_eq!(
        d.narrative()[0].paragraphs,
        ["机关运行经费3.8万元，减少3.05万元，下降44.5%；收支95.62万元，减少9.03万元，下降8.6%。"]
    );
}

#[test]
fn malformed_options_name_line_and_field() {
    // a total's right_of naming no right row
    let bad = OPTIONS.replace(
        "right_of = [\"spending\", \"next\"]",
        "right_of = [\"spending\", \"later\"]",
    );
    let e = Template::from_toml("right_of.toml", &bad).unwrap_err();
    let line = bad.lines().position(|l| l.contains("\"later\"")).unwrap() + 1;
    assert_eq!((e.line, e.field.as_deref()), (Some(line), Some("right_of")));
    assert!(e.message.contains("`later` names no"), "{e}");
    // a column that is both a detail and a sum
    let bad = OPTIONS.replace(
        "{ detail = \"资金来源\" }",
        "{ detail = \"资金来源\", lines = {} }",
    );
    let e = Template::from_toml("detail.toml", &bad).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("columns"), "{e}");
    // a placeholder of a sum the template does not define
    let bad = OPTIONS.replace("{organ_operating_change}", "{organ_change}");
    let e = Template::from_toml("sum.toml", &bad).unwrap_err();
    assert!(
        e.message.contains("unknown placeholder `organ_change`"),
        "{e}"
    );
}
