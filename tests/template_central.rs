//! The central template (中央部门, 部门公开表1–9) held to 国家信访局 2026 年度部门预算: every
//! title, unit and header cell as published; the prior-year, change and rate columns of its
//! 一般公共预算支出表 on the seed budget, whose prior-year figures its narrative gives; what it
//! renders audits clean; and the published document audits as before.

use rust_decimal::Decimal;
use yusuan::Catalogue;
use yusuan::amount::{Amount, Unit};
use yusuan::audit::{Severity, audit};
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Cell, Disclosure, Rounding, Table, Template, render};

const TEXT: &str =
    include_str!("data/disclosures/13_central_national_public_complaints_bureau_2026_dept.txt");
const GRID: &str = include_str!(
    "data/disclosures/13_central_national_public_complaints_bureau_2026_dept.grid.txt"
);
const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");
const SEED_TEXT: &str = include_str!("data/disclosures/alashankou_science_bureau_2026.md");

/// Where each published table's ruled grid starts, and how many header rows it has (read off
/// the .grid.txt: the rows above the first row of figures).
const GRIDS: [(u32, &str, usize); 9] = [
    (1, "page 5 table 1", 2),
    (2, "page 6 table 1", 2),
    (3, "page 7 table 1", 1),
    (4, "page 9 table 1", 2),
    (5, "page 10 table 1", 3),
    (6, "page 12 table 1", 2),
    (7, "page 14 table 1", 2),
    (8, "page 15 table 1", 2),
    (9, "page 16 table 1", 3),
];

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn seed() -> DepartmentBudget {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn tables_of(b: &DepartmentBudget) -> Vec<Table> {
    Disclosure::new(b, Template::central_9()).tables(Rounding::Faithful)
}

/// (title, unit) of 部门公开表N, from the published text: the two lines after `部门公开表N`,
/// page breaks and page numbers skipped.
fn published_title(n: u32) -> (String, String) {
    let marker = format!("部门公开表{n}");
    let mut lines = TEXT
        .lines()
        .map(str::trim)
        .skip_while(|l| *l != marker)
        .skip(1)
        .filter(|l| !l.starts_with("=====") && !l.chars().all(|c| c.is_ascii_digit()));
    let title = lines.next().unwrap().to_string();
    let unit = lines.next().unwrap();
    let unit = unit
        .strip_prefix("单位")
        .unwrap()
        .trim_start_matches(['：', ':'])
        .to_string();
    (title, unit)
}

/// The header rows of a published grid, each cell without the line breaks the PDF put in it.
fn published_header(at: &str, rows: usize) -> Vec<Vec<String>> {
    let start = GRID
        .lines()
        .position(|l| l.starts_with(&format!("===== [{at}:")))
        .unwrap();
    GRID.lines()
        .skip(start + 1)
        .take(rows)
        .map(|l| l.split(" | ").map(squeeze).collect())
        .collect()
}

#[test]
fn titles_units_and_headers_are_the_published_ones() {
    let tables = tables_of(&seed());
    assert_eq!(tables.len(), 9);
    for (n, at, rows) in GRIDS {
        let t = &tables[n as usize - 1];
        assert_eq!(t.number, n);
        let (title, unit) = published_title(n);
        assert_eq!(t.title, title, "表{n}");
        assert_eq!(unit, "万元", "表{n}");
        assert_eq!(t.unit, Unit::parse(&unit).unwrap(), "表{n}");
        let header: Vec<Vec<String>> = t
            .header
            .iter()
            .map(|r| r.iter().map(|c| squeeze(c)).collect())
            .collect();
        assert_eq!(header, published_header(at, rows), "表{n}");
    }
}

#[test]
fn empty_notes_are_the_published_ones() {
    // 国家信访局 has neither 政府性基金 nor 国有资本经营 appropriations: 表7 and 表8 print their
    // notes. Render a budget under its name to compare the wording: the published sentence,
    // then "，本表为空表" (which today's auditor needs to see the table explained; see the
    // template's header comment).
    let json = SEED_JSON.replace("阿拉山口市科学技术局", "国家信访局");
    let b: DepartmentBudget = serde_json::from_str(&json).unwrap();
    let tables = tables_of(&b);
    let published: Vec<String> = TEXT
        .lines()
        .filter(|l| l.starts_with("（注："))
        .map(squeeze)
        .collect();
    assert_eq!(published.len(), 2);
    for (n, published) in [7usize, 8].into_iter().zip(published) {
        let note = squeeze(&tables[n - 1].note.clone().unwrap());
        let sentence = published.trim_end_matches("。）");
        assert_eq!(note, format!("{sentence}，本表为空表。）"), "表{n}");
    }
}

/// The seed's 项 comparisons from its narrative: (项 name, 本年, change, rate) in 万元 and %,
/// e.g. `行政运行（项）：2026 年预算数为 68.62 万元，比上年预算减少 17.96 万元，下降 20.74%`.
fn seed_item_comparisons() -> Vec<(String, String, String, String)> {
    SEED_TEXT
        .lines()
        .filter(|l| l.contains("（项）：2026 年预算数为"))
        .map(|l| {
            let name = l
                .split("（款）")
                .nth(1)
                .unwrap()
                .split("（项）")
                .next()
                .unwrap();
            let rest = l.split("预算数为 ").nth(1).unwrap();
            let amount = rest.split(' ').next().unwrap();
            let decrease = rest.contains("比上年预算减少");
            let change = rest
                .split(if decrease { "减少 " } else { "增加 " })
                .nth(1)
                .unwrap()
                .split(' ')
                .next()
                .unwrap();
            let rate = rest
                .split(if decrease { "下降 " } else { "增长 " })
                .nth(1)
                .unwrap()
                .split('%')
                .next()
                .unwrap();
            let sign = if decrease { "-" } else { "" };
            (
                name.to_string(),
                amount.to_string(),
                format!("{sign}{change}"),
                format!("{sign}{rate}%"),
            )
        })
        .collect()
}

fn row_of<'a>(t: &'a Table, name: &str) -> &'a [Cell] {
    &t.rows
        .iter()
        .find(|r| r.cells[1].text() == name)
        .unwrap_or_else(|| panic!("no row {name}"))
        .cells
}

#[test]
fn general_budget_table_prints_the_seeds_prior_year_figures_and_changes() {
    let tables = tables_of(&seed());
    let t = &tables[4];
    let items = seed_item_comparisons();
    assert_eq!(items.len(), 5);
    for (name, amount, change, rate) in &items {
        let cells = row_of(t, name);
        let shown: Vec<String> = cells.iter().map(|c| t.shown(c)).collect();
        // 小计 | 增减额: as the narrative states them
        assert_eq!(&shown[4], amount, "{name}");
        assert_eq!(&shown[8], change, "{name}");
        // the prior figure is 本年 less the change; a rate only over a prior figure not zero
        let prior = dec(amount) - dec(change);
        if prior.is_zero() {
            assert_eq!(shown[2], "", "{name}");
            assert_eq!(shown[9], "", "{name}");
        } else {
            assert_eq!(dec(&shown[2]), prior, "{name}");
            assert_eq!(&shown[9], rate, "{name}");
        }
        // the model does not mark 中央基建投资: those columns stay blank
        for k in [3, 7, 10, 11] {
            assert_eq!(shown[k], "", "{name} column {k}");
        }
    }
    // the 类 and the total add the 项 up: 2025 一般公共预算当年拨款 104.58 万元 (本级 90.58 +
    // 上级转移支付 14.00, the seed narrative's 69.62 + 20.96 and 23.00 − 9.00)
    let total = t.rows.last().unwrap();
    let shown: Vec<String> = total.cells.iter().map(|c| t.shown(c)).collect();
    assert_eq!(shown[0], "合计");
    assert_eq!(
        dec(&shown[2]),
        dec("69.62") + dec("20.96") + dec("23.00") - dec("9.00")
    );
    assert_eq!(shown[4], "92.62");
    assert_eq!(shown[8], "-11.96");
    assert_eq!(shown[9], "-11.44%");
}

fn dec(s: &str) -> Decimal {
    s.replace(',', "").parse().unwrap()
}

#[test]
fn items_only_the_prior_year_had_get_rows_of_their_own() {
    // The seed with a 2025 项 it no longer has: 2101101 行政单位医疗, 1.00 万元 (the prior-year
    // figures stay consistent: 本级 +1.00, 基本支出 +1.00).
    let json = SEED_JSON
        .replace(
            "\"2060101\": \"865800.00\"",
            "\"2060101\": \"865800.00\", \"2101101\": \"10000.00\"",
        )
        .replace(
            "\"general_budget_own\": \"905800.00\"",
            "\"general_budget_own\": \"915800.00\"",
        )
        .replace("\"basic\": \"865800.00\"", "\"basic\": \"875800.00\"")
        .replace(
            "\"general_budget_basic\": \"865800.00\"",
            "\"general_budget_basic\": \"875800.00\"",
        );
    assert_ne!(json, SEED_JSON);
    let b: DepartmentBudget = serde_json::from_str(&json).unwrap();
    let tables = tables_of(&b);
    let t = &tables[4];
    let lines = render::body_lines(t);
    for expected in [
        "210\t卫生健康支出\t1.00\t\t\t\t\t\t-1.00\t-100.00%\t\t",
        "21011\t行政事业单位医疗\t1.00\t\t\t\t\t\t-1.00\t-100.00%\t\t",
        "2101101\t行政单位医疗\t1.00\t\t\t\t\t\t-1.00\t-100.00%\t\t",
        "合计\t\t105.58\t\t92.62\t68.62\t24.00\t\t-12.96\t-12.28%\t\t",
    ] {
        assert!(lines.contains(&expected.to_string()), "{lines:#?}");
    }
    // the other tables know nothing of it
    assert!(
        !render::body_lines(&tables[2])
            .iter()
            .any(|l| l.starts_with("210"))
    );
}

#[test]
fn without_prior_year_figures_the_prior_columns_stay_blank() {
    let mut v: serde_json::Value = serde_json::from_str(SEED_JSON).unwrap();
    v.as_object_mut().unwrap().remove("prior_year");
    let b: DepartmentBudget = serde_json::from_value(v).unwrap();
    let t = &tables_of(&b)[4];
    for r in &t.rows {
        for k in [2, 8, 9] {
            assert_eq!(t.shown(&r.cells[k]), "", "{:?}", r.cells[1]);
        }
        assert_ne!(t.shown(&r.cells[4]), "");
    }
}

fn audit_clean(b: &DepartmentBudget, what: &str) {
    let d = Disclosure::new(b, Template::central_9());
    for rounding in [Rounding::Faithful, Rounding::Footing] {
        let tables: Vec<String> = d.tables(rounding).iter().map(render::tsv).collect();
        let narrative: Vec<String> = d
            .narrative()
            .iter()
            .flat_map(|s| std::iter::once(s.title.clone()).chain(s.paragraphs.iter().cloned()))
            .collect();
        assert!(!narrative.is_empty());
        let text = format!("{}\n{}", tables.join("\n"), narrative.join("\n"));
        let report = audit(&text, Catalogue::builtin());
        assert_eq!(report.tables.len(), 9, "{what}: {:#?}", report.tables);
        let bad: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .collect();
        assert!(bad.is_empty(), "{what} ({rounding:?}): {bad:#?}");
    }
}

#[test]
fn the_seed_renders_and_audits_clean() {
    audit_clean(&seed(), "seed");
}

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

#[test]
fn a_synthetic_budget_with_prior_year_figures_renders_and_audits_clean() {
    let mut builder = synthetic::builder_from_leaves(&synthetic::leaves(300, 11));
    let current = builder.clone().build().unwrap();
    // prior-year 一般公共预算当年拨款 by 项: each current 项 at 90 %, and one 项 the budget no
    // longer has; the totals stay consistent
    let mut by_item = std::collections::BTreeMap::new();
    for l in current.lines() {
        use yusuan::funding::FundingSource::{GeneralBudgetOwn, GeneralBudgetTransfer};
        if matches!(l.source(), GeneralBudgetOwn | GeneralBudgetTransfer) {
            let slot = by_item.entry(l.functional()).or_insert(Amount::ZERO);
            *slot = slot.checked_add(l.amount()).unwrap();
        }
    }
    let gone: yusuan::classification::FunctionalCode = "2101101".parse().unwrap();
    assert!(!by_item.contains_key(&gone));
    let mut prior_items = std::collections::BTreeMap::new();
    let mut sum = Amount::ZERO;
    for (code, a) in by_item
        .iter()
        .chain([(&gone, &Amount::new(12345.into()).unwrap())])
    {
        let p = Amount::new((a.as_decimal() * Decimal::new(9, 1)).round_dp(2)).unwrap();
        sum = sum.checked_add(p).unwrap();
        prior_items.insert(*code, p);
    }
    {
        let p = builder.prior_year_mut();
        p.general_budget_by_item = prior_items;
        p.income
            .insert(yusuan::funding::FundingSource::GeneralBudgetOwn, sum);
    }
    let b = builder.build().unwrap();
    let t = &tables_of(&b)[4];
    let lines = render::body_lines(t);
    assert!(
        lines.iter().any(|l| l.starts_with("2101101\t")),
        "{lines:#?}"
    );
    let total = t.rows.last().unwrap();
    assert_eq!(
        dec(&t.shown(&total.cells[2])),
        sum.round_in(Unit::WanYuan, 2)
    );
    audit_clean(&b, "synthetic");
}

#[test]
fn the_published_document_audits_as_before() {
    // The ruled tables: rounding tails only (表5's 执行数 and 增减 subtotals, within a cent).
    let report = audit(GRID, Catalogue::builtin());
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    assert!(report.count(Severity::Info) > 0);
    // The text: one error, the publication's — 委托业务费 1,391.68 万元, up 333.83 万元 from
    // 1,057.85, is a 31.56 % rise, not the 31.35 % printed.
    let report = audit(TEXT, Catalogue::builtin());
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert_eq!(bad.len(), 1, "{bad:#?}");
    assert_eq!(bad[0].severity, Severity::Error);
    assert_eq!(bad[0].rule, "narrative.rate");
    assert!(bad[0].message.contains("31.56"), "{bad:#?}");
}

/// A user's template printing the seed's prior-year figures held for the whole budget: the
/// "三公" total, 机关运行经费 and 一般公共预算（本级） income in a matrix, and 基本支出 in a
/// functional tree (its total row only).
const PRIOR_TOML: &str = r#"
name = "上年对比"
[format]
unit = "万元"
thousands = true

[[table]]
title = "对比"
header = [["项目", "本年", "上年", "增减额", "增减率"]]
[table.body]
kind = "matrix"
rows = [
  { label = "三公" },
]
columns = [
  { id = "now", lines = { fiscal = true, economic = ["30212", "30217", "30231", "31013", "30913"] } },
  { id = "prior", prior = "three_public" },
  { change_of = ["now", "prior"] },
  { rate_of = ["now", "prior"] },
]

[[table]]
title = "机关运行经费"
header = [["本年", "上年", "增减额", "增减率"]]
[table.body]
kind = "matrix"
label_column = false
rows = [{}]
columns = [
  { id = "now", lines = { spending = ["operating"], fund = ["general_public_budget"], organ = true } },
  { id = "prior", prior = "organ_running" },
  { change_of = ["now", "prior"] },
  { rate_of = ["now", "prior"] },
]

[[table]]
title = "一般公共预算（本级）"
header = [["本年", "上年", "增减额", "增减率"]]
[table.body]
kind = "matrix"
label_column = false
rows = [{}]
columns = [
  { id = "now", lines = { source = ["general_budget_own"] } },
  { id = "prior", prior = "income", lines = { source = ["general_budget_own"] } },
  { change_of = ["now", "prior"] },
  { rate_of = ["now", "prior"] },
]

[[table]]
title = "基本支出"
header = [["科目编码", "科目名称", "本年", "上年", "增减额"]]
[table.body]
kind = "functional_tree"
codes = "whole"
total = { label = "合计", at = "first" }
columns = [
  { id = "now", lines = { spending = ["basic"] } },
  { id = "prior", prior = "basic" },
  { change_of = ["now", "prior"] },
]
"#;

#[test]
fn prior_figures_held_for_the_whole_budget_print_in_matrices_and_total_rows() {
    let t = Template::from_toml("prior.toml", PRIOR_TOML).unwrap();
    let b = seed();
    let tables = Disclosure::new(&b, t).tables(Rounding::Faithful);
    let narrative = squeeze(SEED_TEXT);
    // each comparison as the seed's narrative words it: 比上年预算减少 X 万元，下降 Y%
    let said = |change: &str, rate: &str| {
        let phrase = format!(
            "比上年预算减少{}万元，下降{}",
            change.trim_start_matches('-'),
            rate.trim_start_matches('-')
        );
        assert!(change.starts_with('-'), "{change}");
        assert!(narrative.contains(&phrase), "{phrase}");
    };
    let cells = |t: &Table, row: usize| -> Vec<String> {
        t.rows[row].cells.iter().map(|c| t.shown(c)).collect()
    };
    let three = cells(&tables[0], 0);
    assert_eq!(three[..3], ["三公", "0.26", "0.60"]);
    said(&three[3], &three[4]);
    let organ = cells(&tables[1], 0);
    assert_eq!(organ[0], "3.80");
    said(&organ[2], &organ[3]);
    let own = cells(&tables[2], 0);
    assert_eq!(own[0], "69.62");
    said(&own[2], &own[3]);
    // a tree: the figure and its change on the total row; the rows above it blank
    let basic = &tables[3];
    for r in 0..basic.rows.len() - 1 {
        let row = cells(basic, r);
        assert_eq!(row[3..], ["", ""], "{row:?}");
    }
    let total = cells(basic, basic.rows.len() - 1);
    assert_eq!(total[2], "68.62");
    assert!(narrative.contains(&format!(
        "基本支出68.62万元，比上年预算减少{}万元",
        total[4].trim_start_matches('-')
    )));
}

/// Malformed uses of the new columns: (what, replaced text, replacement, line, field, words).
const BAD_COLUMNS: &[(&str, &str, &str, usize, &str, &str)] = &[
    (
        "a change of one column",
        "{ change_of = [\"now\", \"prior\"] },",
        "{ change_of = [\"now\"] },",
        18,
        "change_of",
        "give two",
    ),
    (
        "a rate naming no column",
        "{ rate_of = [\"now\", \"prior\"] },",
        "{ rate_of = [\"now\", \"last\"] },",
        19,
        "rate_of",
        "`last` names no column",
    ),
    (
        "a prior figure with lines",
        "{ id = \"prior\", prior = \"organ_running\" }",
        "{ id = \"prior\", prior = \"organ_running\", lines = { organ = true } }",
        31,
        "prior",
        "takes no `lines`",
    ),
    (
        "an unknown figure",
        "prior = \"three_public\"",
        "prior = \"three_publics\"",
        17,
        "prior",
        "unknown variant",
    ),
];

#[test]
fn malformed_prior_and_change_columns_name_line_and_field() {
    for (what, from, to, line, field, words) in BAD_COLUMNS {
        assert!(PRIOR_TOML.contains(from), "{what}");
        let text = PRIOR_TOML.replacen(from, to, 1);
        let e = Template::from_toml("bad.toml", &text).expect_err(what);
        assert_eq!(e.field.as_deref(), Some(*field), "{what}: {e}");
        assert!(e.message.contains(words), "{what}: {e}");
        assert_eq!(e.line, Some(*line), "{what}: {e}");
    }
    // a total of a change adds up signed text: refused
    let text = PRIOR_TOML.replacen(
        "{ change_of = [\"now\", \"prior\"] },",
        "{ id = \"d\", change_of = [\"now\", \"prior\"] },\n  { total_of = [\"now\", \"d\"] },",
        1,
    );
    let header = "header = [[\"项目\", \"本年\", \"上年\", \"增减额\", \"增减率\"]]";
    let text = text.replacen(
        header,
        "header = [[\"项目\", \"本年\", \"上年\", \"增减额\", \"合计\", \"增减率\"]]",
        1,
    );
    let e = Template::from_toml("bad.toml", &text).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("total_of"), "{e}");
    assert!(e.message.contains("cannot be added up"), "{e}");
}

/// Text up to figures: whitespace out, every number (with separators, decimals, a sign, a
/// percent) replaced by `#`, and a 项's "N.类（类）款（款）项（项）" by `#类款项`.
fn wording(text: &str) -> String {
    let squeezed = squeeze(text);
    let mut out = String::new();
    let mut in_number = false;
    for c in squeezed.chars() {
        let digit = c.is_ascii_digit() || (in_number && matches!(c, ',' | '.'));
        if digit {
            if !in_number {
                out.push('#');
            }
        } else {
            out.push(c);
        }
        in_number = digit;
    }
    // "#一般公共服务支出（类）信访事务（款）行政运行（项）" → "#类款项"
    let mut rest = out.as_str();
    let mut done = String::new();
    while let Some(i) = rest.find("（项）") {
        let head = &rest[..i];
        match head.rfind('#').filter(|s| head[*s..].contains("（类）")) {
            Some(s) => {
                done.push_str(&head[..s]);
                done.push_str("#类款项");
            }
            None => done.push_str(&rest[..i + "（项）".len()]),
        }
        rest = &rest[i + "（项）".len()..];
    }
    done.push_str(rest);
    done
}

/// The wording before a paragraph's first comparison, list or full stop.
fn opening(paragraph: &str) -> &str {
    let mut end = paragraph.len();
    for cut in ["，比", "，较", "，与", "。"] {
        if let Some(i) = paragraph.find(cut) {
            end = end.min(i);
        }
    }
    if let Some(i) = paragraph.find("主要包括：") {
        end = end.min(i + "主要包括：".len());
    }
    &paragraph[..end]
}

#[test]
fn the_narrative_is_worded_as_published() {
    // The seed under 国家信访局's name, without its reasons: its figures and directions are
    // its own, so each paragraph is compared up to its first comparison, and each comparison
    // phrase on its own.
    let mut v: serde_json::Value =
        serde_json::from_str(&SEED_JSON.replace("阿拉山口市科学技术局", "国家信访局")).unwrap();
    v.as_object_mut().unwrap().remove("narrative");
    let b: DepartmentBudget = serde_json::from_value(v).unwrap();
    let sections = Disclosure::new(&b, Template::central_9()).narrative();
    let published = wording(TEXT);
    let mut compared = 0;
    for s in &sections {
        assert!(published.contains(&wording(&s.title)), "{}", s.title);
        for p in &s.paragraphs {
            let w = wording(p);
            let open = opening(&w);
            assert!(published.contains(open), "{open}\n  in {p}");
            compared += 1;
        }
    }
    assert_eq!(compared, 18);
    // every comparison phrase the published text uses, with the template's wording
    let t = Template::central_9();
    let styles = &t.narrative.as_ref().unwrap().change;
    let phrase = |style: &str, which: &str| {
        let w = &styles[style];
        let text = match which {
            "increase" => w.increase.get_ref(),
            "decrease" => w.decrease.get_ref(),
            _ => w.flat.get_ref(),
        };
        wording(
            &text
                .replace("{prior_year}", "2025")
                .replace("{amount}", "1.00")
                .replace("{rate}", "1.00"),
        )
    };
    for (style, which) in [
        ("default", "increase"),
        ("default", "decrease"),
        ("default", "flat"),
        ("budget", "increase"),
        ("three_public", "flat"),
    ] {
        let p = phrase(style, which);
        assert!(published.contains(&p), "{style} {which}: {p}");
    }
}

/// The right side of a two-sided table: (label, shown amount) of every row with a label.
fn right_side(t: &Table) -> Vec<(String, String)> {
    t.rows
        .iter()
        .filter(|r| !r.cells[2].text().is_empty())
        .map(|r| (r.cells[2].text().to_string(), t.shown(&r.cells[3])))
        .collect()
}

/// The published right sides (page 5 and page 9 of the grid): 表1 closes its 类 with
/// 本年支出合计 and 结转下年 before 支出总计; 表4 opens with 一、本年支出, numbers the 类
/// （一）（二）… below it and closes with 二、结转下年. On the seed, 本年支出合计 / 一、本年支出
/// equal 支出总计 and 结转下年 is blank; 表4's 一、本年支出 is the seed's 财政拨款 of this year
/// (92.62 万元, its published 表四) with its 财政拨款结转 (3.00 万元, its published 表一).
#[test]
fn summaries_print_the_published_right_side_rows() {
    let tables = tables_of(&seed());
    let t1: Vec<String> = right_side(&tables[0]).into_iter().map(|(l, _)| l).collect();
    let n = t1.len();
    assert!(n >= 4, "{t1:?}");
    assert!(t1[0].starts_with("一、"), "{t1:?}");
    assert_eq!(t1[n - 3..], ["本年支出合计", "结转下年", "支出总计"]);
    let sides = right_side(&tables[0]);
    assert_eq!(sides[n - 3].1, sides[n - 1].1);
    assert_eq!(sides[n - 2].1, "");

    let t4 = right_side(&tables[3]);
    let labels: Vec<&str> = t4.iter().map(|(l, _)| l.as_str()).collect();
    let m = labels.len();
    assert_eq!(labels[0], "一、本年支出");
    assert!(labels[1].starts_with("（一）"), "{labels:?}");
    assert_eq!(labels[m - 2..], ["二、结转下年", "支出总计"]);
    assert_eq!(t4[0].1, t4[m - 1].1);
    assert_eq!(dec(&t4[0].1), dec("92.62") + dec("3.00"));
    assert_eq!(t4[m - 2].1, "");
}
