//! The template keys that several template families brought under different names, after
//! their unification into one key each: two-sided tables in blocks (Guangdong's listed right
//! side and footer, Zhejiang's tree, extra right rows and pairs, Chongqing's blocks), label
//! sets (Chongqing's `labels` and the former `source_labels`) and comparison decimals per style.
//! Expected figures are the seed document's (tests/data/disclosures/
//! alashankou_science_bureau_2026.md).

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, TemplateErrorKind, render};

const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

fn seed() -> DepartmentBudget {
    serde_json::from_str(SEED_JSON).unwrap()
}

/// A template of one two-sided table; `body` follows `[table.body]`.
fn two_sided(body: &str) -> String {
    format!(
        r#"name = "t"
[format]
unit = "万元"
[[table]]
title = "收支"
header = [["收入", "", "支出", ""]]
[table.body]
kind = "two_sided"
columns = [{{ lines = {{}} }}]
{body}"#
    )
}

#[test]
fn one_block_model_covers_rows_beside_a_tree_extra_right_rows_and_pairs_of_totals() {
    // Zhejiang's 表4 shape: a right row before and after the 类/款/项 tree, then a block of
    // totals side by side; the seed's 95.62 万元 is all 206 科学技术支出.
    let text = two_sided(
        r#"total = { label = "收入总计", right_label = "支出总计", of = ["year", "carry"] }
[[table.body.block]]
left = [{ id = "year", label = "本年收入", lines = { carry_over = false } }]
right = [
  { label = "一、本年支出合计", lines = {} },
  { id = "classes", classes = "tree" },
  { label = "二、年终结转结余", lines = { source = [] } },
]
[[table.body.block]]
left = [{ id = "carry", label = "上年结转结余", lines = { carry_over = true } }]
right = [{ label = "本年支出合计", total_of = ["classes"] }]
"#,
    );
    let t = Template::from_toml("tree.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    let b = seed();
    let table = &Disclosure::new(&b, t).tables(Rounding::Faithful)[0];
    let lines = render::body_lines(table);
    assert_eq!(lines[0], "本年收入\t92.62\t一、本年支出合计\t95.62");
    assert_eq!(lines[1], "\t\t科学技术支出\t95.62");
    let last_right = lines
        .iter()
        .position(|l| l.contains("二、年终结转结余"))
        .unwrap();
    assert_eq!(
        lines[last_right + 1],
        "上年结转结余\t3.00\t本年支出合计\t95.62"
    );
    // the right total adds up the 类 rows only (not the 款 and 项 under them)
    assert_eq!(lines.last().unwrap(), "收入总计\t95.62\t支出总计\t95.62");
}

#[test]
fn a_two_sided_table_without_blocks_is_an_error() {
    let text = two_sided(
        r#"rows = [{ id = "a", label = "收入", lines = {} }]
"#,
    );
    let e = Template::from_toml("rows.toml", &text).unwrap_err();
    assert_eq!(
        (e.kind, e.field.as_deref()),
        (TemplateErrorKind::Invalid, Some("block")),
        "{e}"
    );
}

#[test]
fn blocks_in_a_table_that_is_not_two_sided_are_an_error() {
    let text = two_sided(
        r#"[[table.body.block]]
left = [{ id = "a", label = "收入", lines = {} }]
"#,
    )
    .replace("kind = \"two_sided\"", "kind = \"matrix\"");
    let e = Template::from_toml("matrix.toml", &text).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("block"), "{e}");
    assert!(e.message.contains("only a two_sided table"), "{e}");
}

#[test]
fn a_classes_row_that_also_sums_is_an_error_at_its_line() {
    let text = two_sided(
        r#"[[table.body.block]]
left = [{ id = "a", label = "收入", lines = {} }]
right = [{ id = "b", label = "支出", lines = {} },
  { id = "classes", classes = "all", total_of = ["b"] }]
"#,
    );
    let e = Template::from_toml("classes.toml", &text).unwrap_err();
    let line = text.lines().position(|l| l.contains("\"all\"")).unwrap() + 1;
    assert_eq!(
        (e.line, e.field.as_deref()),
        (Some(line), Some("classes")),
        "{e}"
    );
}

const LABELS: &str = r#"name = "labels"
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
[narrative.change.default]
increase = "增加{amount}万元，增长{rate}%"
decrease = "减少{amount}万元，下降{rate}%"
flat = "持平"
rate_decimals = 1
[narrative.change.two]
increase = "增长{rate}%"
decrease = "下降{rate}%"
flat = "持平"
[narrative.labels.default]
general_budget_own = "一般财力"
[narrative.labels.short]
general_budget_own = "本级"
[[narrative.section]]
title = "收入"
[[narrative.section.paragraph]]
text = "<<income|{label}/{label:short}{amount}万元|、>>；{total_change}，{total_change:two}"
"#;

#[test]
fn label_sets_name_funding_sources_and_rates_take_their_styles_decimals() {
    let t = Template::from_toml("labels.toml", LABELS).unwrap_or_else(|e| panic!("{e}"));
    let sections = Disclosure::new(&seed(), t).narrative();
    // 表1: 其中：一般财力 69.62 (上级转移支付 23.00 keeps its Chinese name in both sets); 情况说明
    // 二: 收支 95.62 against the prior year's income 90.58 + 14.00 + 0.07 = 104.65: 减少 9.03,
    // 下降 8.63% (one decimal in the default style: 8.6; two in `two`: 8.63)
    let p = &sections[0].paragraphs[0];
    assert!(
        p.starts_with("一般财力/本级69.62万元、上级一般公共预算安排的转移支付/上级一般公共预算安排的转移支付23.00万元；"),
        "{p}"
    );
    assert!(p.ends_with("；减少9.03万元，下降8.6%，下降8.63%"), "{p}");
}

#[test]
fn a_label_key_naming_no_source_or_group_is_an_error_at_its_line() {
    let bad = LABELS.replace("general_budget_own = \"本级\"", "general_budget = \"本级\"");
    let e = Template::from_toml("labels.toml", &bad).unwrap_err();
    let line = bad
        .lines()
        .position(|l| l.starts_with("general_budget ="))
        .unwrap()
        + 1;
    assert_eq!(
        (e.kind, e.line, e.field.as_deref()),
        (
            TemplateErrorKind::Invalid,
            Some(line),
            Some("general_budget")
        ),
        "{e}"
    );
    assert!(e.message.contains("`short`"), "{e}");
}
