//! The per-unit body kind (`per_unit`), the 单位名称 column of per-project tables
//! (`unit_column`), totals printed first (`top`) and the checks of the new template fields,
//! on 杭州市气象局 2026 (a department with one subordinate unit). Expected amounts are summed
//! here from the budget's lines, independently of the table builders.

use yusuan::budget::{DepartmentBudget, Line};
use yusuan::disclosure::{Disclosure, Rounding, Table, Template, TemplateErrorKind};
use yusuan::{Amount, Unit};

const JSON: &str = include_str!("../examples/data/hangzhou_meteorological_2026.json");
const CENTRE: &str = "杭州市气象服务中心（杭州市预警信息发布中心）";

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Hangzhou budget builds")
}

/// One table from a template holding only `table` (TOML of one `[[table]]`).
fn render(table: &str, rounding: Rounding) -> Table {
    let toml = format!("name = \"t\"\n[format]\nunit = \"万元\"\nthousands = true\n{table}");
    let t = Template::from_toml("t.toml", &toml).unwrap_or_else(|e| panic!("{e}"));
    let b = budget();
    Disclosure::new(&b, t).tables(rounding).remove(0)
}

/// Rows as (label cells joined by `|`, money cells as printed).
fn rows(t: &Table, labels: usize) -> Vec<(String, Vec<String>)> {
    t.rows
        .iter()
        .map(|r| {
            let l: Vec<String> = r.cells[..labels].iter().map(|c| t.shown(c)).collect();
            let m = r.cells[labels..].iter().map(|c| t.shown(c)).collect();
            (l.join("|"), m)
        })
        .collect()
}

/// The exact sum of the lines of a unit (`None`: the department's own) within `keep`, in 万元.
fn sum(b: &DepartmentBudget, unit: Option<&str>, keep: impl Fn(&Line) -> bool) -> String {
    let name = |l: &Line| l.unit().and_then(|u| b.unit(u)).map(|u| u.name.as_str());
    let a = b
        .lines()
        .iter()
        .filter(|l| unit.is_none_or(|u| name(l) == Some(u)) && keep(l))
        .filter(|l| unit.is_some() || name(l).is_none())
        .fold(Amount::ZERO, |s, l| s.checked_add(l.amount()).unwrap());
    if a.is_zero() {
        String::new()
    } else {
        a.display_in(Unit::WanYuan).to_string()
    }
}

const INCOME_BY_UNIT: &str = r#"
[[table]]
title = "{year}年收入 by 单位"
header = [["单位名称", "总计", "一般公共预算", "其他收入"]]
[table.body]
kind = "per_unit"
department_row = true
total = { label = "合计", at = "first", top = true }
columns = [
  { id = "total", total_of = ["general", "other"] },
  { id = "general", lines = { source = ["general_budget_own"] } },
  { id = "other", lines = { source = ["other_income"] } },
]
"#;

#[test]
fn per_unit_lists_the_total_the_department_its_own_lines_and_each_unit() {
    let b = budget();
    let t = render(INCOME_BY_UNIT, Rounding::Faithful);
    assert_eq!(t.title, "2026年收入 by 单位");
    let general = |l: &Line| format!("{:?}", l.source()) == "GeneralBudgetOwn";
    let other = |l: &Line| format!("{:?}", l.source()) == "OtherIncome";
    let all_general = b
        .lines()
        .iter()
        .filter(|l| general(l))
        .fold(Amount::ZERO, |s, l| s.checked_add(l.amount()).unwrap());
    let got = rows(&t, 1);
    let labels: Vec<&str> = got.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["合计", "杭州市气象局", "杭州市气象局", CENTRE]);
    // 合计 and the department as a whole: every line (表2 prints 5,876.67 | 5,753.07 | 123.61)
    assert_eq!(
        got[0].1,
        ["5,876.67", "5,753.07", "123.61"].map(String::from)
    );
    assert_eq!(got[1].1, got[0].1);
    assert_eq!(
        got[0].1[1].replace(',', ""),
        all_general.display_in(Unit::WanYuan).to_string()
    );
    // 本级 and the centre: their own lines, rounded each on its own
    for (row, unit) in [(2, None), (3, Some(CENTRE))] {
        assert_eq!(got[row].1[1].replace(',', ""), sum(&b, unit, general));
        assert_eq!(got[row].1[2].replace(',', ""), sum(&b, unit, other));
    }
    // printed as 表2: 4,916.13 and 836.93 (which add to 5,753.06: a tail difference)
    assert_eq!(got[2].1[1], "4,916.13");
    assert_eq!(got[3].1[1], "836.93");
}

#[test]
fn a_total_printed_first_still_foots_in_footing_mode() {
    let t = render(INCOME_BY_UNIT, Rounding::Footing);
    let got = rows(&t, 1);
    for col in 0..3 {
        let parse = |s: &str| Amount::parse_in(s, Unit::WanYuan).unwrap_or(Amount::ZERO);
        let parts = parse(&got[2].1[col])
            .checked_add(parse(&got[3].1[col]))
            .unwrap();
        assert_eq!(parse(&got[0].1[col]), parts, "column {col}");
        assert_eq!(got[1].1[col], got[0].1[col]);
    }
}

fn retirement(nonzero_only: bool) -> String {
    format!(
        r#"
[[table]]
title = "离休费 by 单位"
header = [["单位名称", "离休费", "退休费"]]
[table.body]
kind = "per_unit"
nonzero_only = {nonzero_only}
total = {{ label = "合计" }}
columns = [
  {{ lines = {{ economic = ["30301"] }} }},
  {{ lines = {{ economic = ["30302"] }} }},
]
"#
    )
}

#[test]
fn nonzero_only_leaves_out_a_unit_without_money() {
    let b = budget();
    let retired = |l: &Line| matches!(l.economic().to_string().as_str(), "30301" | "30302");
    // the centre has no 离退休 lines (they are 行政单位离退休, the 本级's)
    assert_eq!(sum(&b, Some(CENTRE), retired), "");
    let own = sum(&b, None, retired);
    assert!(!own.is_empty());

    let all = rows(&render(&retirement(false), Rounding::Faithful), 1);
    let labels: Vec<&str> = all.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["杭州市气象局", CENTRE, "合计"]);
    assert_eq!(all[1].1, ["", ""]);
    // 表6 prints 离休费 101.29 and 退休费 83.25
    assert_eq!(all[0].1, ["101.29", "83.25"]);
    assert_eq!(all[2].1, all[0].1);

    let some = rows(&render(&retirement(true), Rounding::Faithful), 1);
    let labels: Vec<&str> = some.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(labels, ["杭州市气象局", "合计"]);
}

#[test]
fn per_project_with_a_unit_column_names_each_projects_unit() {
    let b = budget();
    let t = render(
        r#"
[[table]]
title = "项目"
header = [["单位名称", "项目名称", "金额"]]
[table.body]
kind = "per_project"
unit_column = true
lines = { spending = ["project"] }
total = { label = "合计", at = "name", top = true }
columns = [{ lines = {} }]
"#,
        Rounding::Faithful,
    );
    let got = rows(&t, 2);
    assert_eq!(got[0].0, "|合计");
    // each project under the unit the budget says executes it (表10: 1,097.02, 887.90, 146.69)
    let expected: Vec<(String, Vec<String>)> = b
        .projects()
        .zip(["1,097.02", "887.90", "146.69"])
        .map(|((_, p), amount)| {
            (
                format!("{}|{}", p.executing_unit, p.name),
                vec![amount.to_string()],
            )
        })
        .collect();
    assert_eq!(got[1..], expected[..]);
    assert_eq!(got[0].1, ["2,131.61"]);
}

#[test]
fn the_new_fields_are_checked_when_a_template_is_read() {
    let two_sided = |pair: &str, total_of: &str| {
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
total = {{ label = "收入总计", right_label = "支出总计", of = [{total_of}] }}
block = [{{ left = [{{ id = "a", label = "一般公共预算", lines = {{}} }}], right = [{{ classes = "tree" }}] }},
  {{ left = [{pair}], right = [{{ label = "本年支出合计", lines = {{}} }}] }}]
"#
        )
    };
    // a left row of a later block (a pair of totals) may total the rows before it, and the
    // total may name it
    let ok = two_sided(
        r#"{ id = "current", label = "本年收入合计", total_of = ["a"] }"#,
        r#""current""#,
    );
    Template::from_toml("ok.toml", &ok).unwrap_or_else(|e| panic!("{e}"));
    let bad = two_sided(
        r#"{ id = "current", label = "本年收入合计", total_of = ["b"] }"#,
        r#""current""#,
    );
    let e = Template::from_toml("bad.toml", &bad).unwrap_err();
    assert_eq!(
        (e.kind, e.line, e.field.as_deref()),
        (TemplateErrorKind::Invalid, Some(12), Some("total_of")),
        "{e}"
    );
    // a title naming an unknown placeholder
    let title = ok.replace("title = \"收支\"", "title = \"{years}年收支\"");
    let e = Template::from_toml("title.toml", &title).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("title"), "{e}");
    assert!(e.message.contains("years"), "{e}");
    // a unit column widens a per-project table by one label column
    let narrow = r#"name = "t"
[format]
unit = "万元"
[[table]]
title = "项目"
header = [["项目名称", "金额"]]
[table.body]
kind = "per_project"
unit_column = true
columns = [{ lines = {} }]
"#;
    let e = Template::from_toml("narrow.toml", narrow).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("header"), "{e}");
}
