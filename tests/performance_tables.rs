//! The seed's six 绩效目标表 (one 部门整体, five 项目支出) rendered from the budget's targets under
//! the Xinjiang template, compared cell by cell with the published tables; the money cells are
//! checked against sums of the budget's lines computed here. Then the layout options other
//! templates use (order, one table for all projects, split target values) and malformed target
//! tables.

use yusuan::Unit;
use yusuan::amount::Amount;
use yusuan::budget::{DepartmentBudget, DepartmentBudgetBuilder, Line};
use yusuan::disclosure::{Cell, Disclosure, Rounding, Table, Template, TemplateErrorKind, render};
use yusuan::performance::TargetValue;

mod common;

use common::{SEED_TEXT, tab_lines, tab_rows};
const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");
const XINJIANG: &str = include_str!("../src/disclosure/templates/xinjiang_2026.toml");

fn budget() -> DepartmentBudget {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn wan(a: Amount) -> String {
    a.display_in(Unit::WanYuan).to_string()
}

/// The published blocks: the 部门整体 table, then the five 项目支出 tables, in printed order.
fn published_blocks() -> Vec<&'static str> {
    let start = SEED_TEXT.find("## 部门整体绩效目标表").unwrap();
    let projects = SEED_TEXT.find("## 项目支出绩效目标表").unwrap();
    let end = SEED_TEXT.find("### (五) 其他需说明的事项").unwrap();
    let mut blocks = vec![&SEED_TEXT[start..projects]];
    blocks.extend(
        SEED_TEXT[projects..end]
            .split("## 项目支出绩效目标表")
            .skip(1),
    );
    blocks
}

/// Every printed row of a rendered table, in order: info rows, header rows, indicator rows.
fn rendered_rows(t: &Table) -> Vec<Vec<String>> {
    let cells = |r: &yusuan::disclosure::Row| r.cells.iter().map(|c| t.shown(c)).collect();
    t.info
        .iter()
        .map(cells)
        .chain(t.header.iter().cloned())
        .chain(t.rows.iter().map(cells))
        .collect()
}

fn targets(b: &DepartmentBudget) -> Vec<Table> {
    Disclosure::new(b, Template::xinjiang_2026()).target_tables(Rounding::Faithful)
}

#[test]
fn the_six_seed_target_tables_match_every_published_cell() {
    let b = budget();
    let tables = targets(&b);
    let blocks = published_blocks();
    assert_eq!((tables.len(), blocks.len()), (6, 6));
    assert_eq!(tables[0].title, "部门整体绩效目标表");
    assert!(tables[1..].iter().all(|t| t.title == "项目支出绩效目标表"));
    let (mut cells, mut filled, mut matched) = (0, 0, 0);
    for (t, block) in tables.iter().zip(&blocks) {
        let ours = rendered_rows(t);
        let theirs = tab_rows(block);
        assert_eq!(ours.len(), theirs.len(), "{}: rows", t.title);
        for (i, (a, p)) in ours.iter().zip(&theirs).enumerate() {
            assert_eq!(a.len(), p.len(), "{} row {i}: width", t.title);
            for (x, y) in a.iter().zip(p) {
                cells += 1;
                filled += usize::from(!y.is_empty());
                if x == y {
                    matched += 1;
                } else {
                    panic!("{} row {i}: rendered {x:?}, published {y:?}", t.title);
                }
            }
        }
    }
    // 部门整体: 8 info rows, the header and 5 indicators, 6 columns (84 cells); each project:
    // 4 info rows, the header and 6 indicators, 9 columns (99 cells): 579 in all
    let published: usize = blocks
        .iter()
        .map(|b| tab_rows(b).iter().map(Vec::len).sum::<usize>())
        .sum();
    assert_eq!(cells, published);
    assert_eq!(matched, published);
    assert_eq!(published, 84 + 5 * 99);
    // the 资金 cells: 4 in the 部门整体 table, 3 per project
    let money = tables
        .iter()
        .flat_map(|t| t.info.iter().flat_map(|r| &r.cells))
        .filter(|c| matches!(c, Cell::Money { .. }))
        .count();
    assert_eq!(money, 4 + 5 * 3);
    println!(
        "绩效目标表: {matched}/{published} cells match ({filled} printed non-empty, {money} money)"
    );
}

#[test]
fn bold_labels_and_plain_values_print_as_published() {
    let b = budget();
    for (t, block) in targets(&b).iter().zip(published_blocks()) {
        let raw = tab_lines(block);
        let info = render::info_lines(t);
        let trim = |s: &str| s.split('\t').map(str::trim).collect::<Vec<_>>().join("\t");
        for (ours, theirs) in info.iter().zip(&raw) {
            assert_eq!(trim(ours), trim(theirs), "{}", t.title);
        }
        // the column header prints bold in the seed, every cell
        let header = &raw[info.len()];
        let expected: Vec<String> = t.header[0].iter().map(|h| format!("<b>{h}</b>")).collect();
        assert_eq!(trim(header), expected.join("\t"));
        // indicator rows are plain
        for (ours, theirs) in render::body_lines(t).iter().zip(&raw[info.len() + 1..]) {
            assert_eq!(trim(ours), trim(theirs), "{}", t.title);
        }
    }
}

fn money_at(t: &Table, row: usize, col: usize) -> Amount {
    match &t.info[row].cells[col] {
        Cell::Money { exact, .. } => *exact,
        other => panic!("{} info[{row}][{col}] is not money: {other:?}", t.title),
    }
}

/// The 资金 cells are sums of the budget's lines: computed here from the lines and compared
/// with both the table's exact amounts and the published cells.
#[test]
fn money_cells_are_sums_of_the_budgets_lines() {
    let b = budget();
    let tables = targets(&b);
    let published: Vec<Vec<Vec<String>>> = published_blocks().iter().map(|x| tab_rows(x)).collect();

    let d = &tables[0];
    let own = |l: &Line| {
        matches!(
            l.source(),
            yusuan::FundingSource::GeneralBudgetOwn
                | yusuan::FundingSource::GovernmentFundOwn
                | yusuan::FundingSource::StateCapitalOwn
        )
    };
    let higher = b.sum_where(|l| l.source().is_fiscal() && !own(l));
    let expected = [
        (4, higher),
        (5, b.sum_where(own)),
        (6, b.sum_where(|l| !l.source().is_fiscal())),
        (7, b.total()),
    ];
    for (row, amount) in expected {
        assert_eq!(money_at(d, row, 4), amount, "部门整体 row {row}");
        let printed = &published[0][row][4];
        // the seed prints a zero 其他 as "0"
        if amount.is_zero() {
            assert_eq!(printed, "0");
        } else {
            assert_eq!(*printed, wan(amount));
        }
    }
    assert_eq!(published[0][4][4], "26.00"); // 23.00 transfers + 3.00 结转

    let p = b.performance().unwrap();
    for (k, (t, target)) in tables[1..].iter().zip(&p.projects).enumerate() {
        let (id, _) = b.projects().find(|(_, x)| x.key == target.project).unwrap();
        let mine = |l: &Line| l.kind().project() == Some(id);
        let total = b.sum_where(mine);
        let fiscal = b.sum_where(|l| mine(l) && l.source().is_fiscal());
        let other = total.checked_sub(fiscal).unwrap();
        assert_eq!(total, b.project_total(id));
        let row = &published[k + 1][2];
        for (col, amount) in [(3, total), (5, fiscal), (7, other)] {
            assert_eq!(money_at(t, 2, col), amount, "{}", target.printed_name);
            assert_eq!(row[col], wan(amount), "{}", target.printed_name);
        }
    }
}

#[test]
fn project_tables_follow_the_budgets_target_order_or_the_project_list() {
    let b = budget();
    let keys: Vec<&str> = b
        .performance()
        .unwrap()
        .projects
        .iter()
        .map(|t| t.project.as_str())
        .collect();
    let names = |tables: &[Table]| -> Vec<String> {
        tables[1..]
            .iter()
            .map(|t| t.info[1].cells[2].text())
            .collect()
    };
    // default: the targets' order, which is the published order
    let printed: Vec<String> = published_blocks()[1..]
        .iter()
        .map(|x| tab_rows(x)[1][2].clone())
        .collect();
    assert_eq!(names(&targets(&b)), printed);
    // `order = "projects"`: the budget's project list
    let text = XINJIANG.replace(
        "kind = \"project_targets\"\n",
        "kind = \"project_targets\"\norder = \"projects\"\n",
    );
    let t = Template::from_toml("ordered.toml", &text).unwrap();
    let tables = Disclosure::new(&b, t).target_tables(Rounding::Faithful);
    let mut listed: Vec<(usize, &str)> = keys
        .iter()
        .map(|k| (b.projects().position(|(_, p)| p.key == *k).unwrap(), *k))
        .collect();
    listed.sort();
    let p = b.performance().unwrap();
    let expected: Vec<String> = listed
        .iter()
        .map(|(_, k)| {
            p.projects
                .iter()
                .find(|t| t.project == *k)
                .unwrap()
                .printed_name
                .clone()
        })
        .collect();
    assert_eq!(names(&tables), expected);
    assert_ne!(
        expected, printed,
        "the seed lists its targets out of project order"
    );
}

/// A template that lists every project in one table, with the project's name and money on its
/// first row and the target value split into sign, number and unit (as some templates print).
const ONE_TABLE: &str = r#"
name = "one table"
table = []
[format]
unit = "万元"
[[target_table]]
title = "项目支出绩效目标表"
number = 13
header = [["项目名称", "项目总额", "财政拨款", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]]
[target_table.body]
kind = "project_targets"
one_table = true
zero = "0.00"
info = [[{ text = "部门名称", bold = true }, "{department}", "", "", "", "", "", "", ""]]
indicators = [
  { text = "{project_key} {project_name}" },
  { lines = {} },
  { lines = { fiscal = true } },
  { field = "first_level" },
  { field = "second_level" },
  { field = "third_level" },
  { field = "target_sign" },
  { field = "target_number" },
  { field = "target_unit" },
]
"#;

#[test]
fn one_table_for_all_projects_with_split_target_values() {
    let b = budget();
    let t = Template::from_toml("one.toml", ONE_TABLE).unwrap();
    let tables = Disclosure::new(&b, t).target_tables(Rounding::Faithful);
    assert_eq!(tables.len(), 1);
    let t = &tables[0];
    assert_eq!(t.number, 13);
    assert_eq!(t.info[0].cells[1].text(), b.department().name);
    let p = b.performance().unwrap();
    let count: usize = p.projects.iter().map(|x| x.indicators.len()).sum();
    assert_eq!(t.rows.len(), count);
    let mut row = 0;
    for target in &p.projects {
        let (id, project) = b.projects().find(|(_, x)| x.key == target.project).unwrap();
        let first = &t.rows[row];
        assert_eq!(
            first.cells[0].text(),
            format!("{} {}", project.key, project.name)
        );
        assert_eq!(first.cells[1].text(), wan(b.project_total(id)));
        // levels print as the source printed them; where the source merged a cell (printed
        // blank), this template, which does not merge, repeats the text above
        let mut levels = (String::new(), String::new());
        for (k, ind) in target.indicators.iter().enumerate() {
            let r = &t.rows[row + k];
            if k > 0 {
                assert!(r.cells[..3].iter().all(|c| c.text().is_empty()));
            }
            let (first, second) = ind.printed_levels.clone().unwrap();
            if !first.is_empty() {
                levels.0 = first;
            }
            if !second.is_empty() {
                levels.1 = second;
            }
            assert!(!levels.0.is_empty() && !levels.1.is_empty());
            assert_eq!((r.cells[3].text(), r.cells[4].text()), levels);
            let (sign, number, unit) = match ind.target.value() {
                TargetValue::Quantitative {
                    comparator,
                    value,
                    unit,
                } => (comparator.to_string(), value.to_string(), unit.clone()),
                TargetValue::Date(d) => ("定性".into(), d.to_chinese(), String::new()),
                TargetValue::Qualitative(q) => ("定性".into(), q.clone(), String::new()),
            };
            assert_eq!(
                (r.cells[6].text(), r.cells[7].text(), r.cells[8].text()),
                (sign, number, unit)
            );
        }
        row += target.indicators.len();
    }
    // 印刷折页数量 "5000 张" has no sign: ＝ 5000 张
    assert_eq!(
        (
            t.rows[0].cells[6].text(),
            t.rows[0].cells[7].text(),
            t.rows[0].cells[8].text()
        ),
        ("＝".to_string(), "5000".to_string(), "张".to_string())
    );
    // every renderer prints it
    assert!(render::tsv(t).starts_with("表 13\n"));
    assert!(render::markdown(t).contains("**部门名称** 阿拉山口市科学技术局"));
    assert!(render::csv(t).starts_with("部门名称,阿拉山口市科学技术局,"));
    assert!(render::text(t).contains("部门名称  阿拉山口市科学技术局"));
}

#[test]
fn canonical_levels_merge_where_the_template_says() {
    // Without printed levels, a merged 一级/二级 column prints each level once.
    let mut builder: DepartmentBudgetBuilder = serde_json::from_str(SEED_JSON).unwrap();
    let perf = builder.performance_mut().as_mut().unwrap();
    for t in &mut perf.projects {
        for i in &mut t.indicators {
            i.printed_levels = None;
        }
    }
    if let Some(d) = perf.department.as_mut() {
        for i in &mut d.indicators {
            i.printed_levels = None;
        }
    }
    let b = builder.build().unwrap();
    let tables = targets(&b);
    let first: Vec<String> = tables[1].rows.iter().map(|r| r.cells[0].text()).collect();
    let second: Vec<String> = tables[1].rows.iter().map(|r| r.cells[1].text()).collect();
    assert_eq!(first, ["产出指标", "", "", "", "", "满意度指标"]);
    assert_eq!(
        second,
        [
            "数量指标",
            "",
            "质量指标",
            "",
            "时效指标",
            "服务对象满意度指标"
        ]
    );
    // the 部门整体 table merges 一级 only, as published
    let dept: Vec<(String, String)> = tables[0]
        .rows
        .iter()
        .map(|r| (r.cells[0].text(), r.cells[1].text()))
        .collect();
    assert_eq!(dept[0], ("履职效能".to_string(), "数量指标".to_string()));
    assert!(
        dept[1..]
            .iter()
            .all(|(a, b)| a.is_empty() && b == "数量指标")
    );
}

#[test]
fn a_budget_without_targets_gives_empty_tables_with_their_note() {
    let mut builder: DepartmentBudgetBuilder = serde_json::from_str(SEED_JSON).unwrap();
    *builder.performance_mut() = None;
    let b = builder.build().unwrap();
    let text = XINJIANG.replace(
        "id = \"project_targets\"\n",
        "id = \"project_targets\"\nempty_note = \"{name}{year}年没有项目支出绩效目标。\"\n",
    );
    let t = Template::from_toml("notes.toml", &text).unwrap();
    let tables = Disclosure::new(&b, t).target_tables(Rounding::Faithful);
    assert_eq!(tables.len(), 2);
    assert!(
        tables
            .iter()
            .all(|t| t.rows.is_empty() && t.info.is_empty())
    );
    assert_eq!(tables[0].note, None);
    assert_eq!(
        tables[1].note.as_deref(),
        Some("阿拉山口市科学技术局2026年没有项目支出绩效目标。")
    );
}

#[test]
fn target_tables_among_the_numbered_tables_expand_per_project() {
    let b = budget();
    // the same two specs moved into the numbered list, as 表13 and 表14
    let text = XINJIANG
        .replace("[[target_table]]", "[[table]]")
        .replace("[target_table.body]", "[table.body]");
    let t = Template::from_toml("numbered.toml", &text).unwrap();
    assert_eq!(t.tables.len(), 14);
    let tables = Disclosure::new(&b, t).tables(Rounding::Faithful);
    assert_eq!(tables.len(), 12 + 1 + 5);
    let numbers: Vec<u32> = tables[12..].iter().map(|t| t.number).collect();
    assert_eq!(numbers, [13, 14, 14, 14, 14, 14]);
    // the Xinjiang template keeps its twelve numbered tables
    assert_eq!(Template::xinjiang_2026().tables.len(), 12);
    assert_eq!(Template::xinjiang_2026().target_tables.len(), 2);
}

/// Malformed target tables: (name, the Xinjiang template with one change, field, words).
#[test]
fn malformed_target_tables_name_line_and_field() {
    let cases: [(&str, &str, &str, &str, &str); 5] = [
        (
            "unknown_field.toml",
            "{ field = \"prior\" }",
            "{ field = \"prior_year\" }",
            "field",
            "unknown variant `prior_year`",
        ),
        (
            "unknown_placeholder.toml",
            "\"{person_responsible}\"",
            "\"{person}\"",
            "info",
            "unknown placeholder `person`",
        ),
        (
            "narrow_info.toml",
            "[{ text = \"预算单位\", bold = true }, \"\", \"{unit}\", \"\", \"\", \"\", \"\", \"\", \"\"]",
            "[{ text = \"预算单位\", bold = true }, \"\", \"{unit}\"]",
            "info",
            "an info row has 3 cells, the table prints 9 columns",
        ),
        (
            "bad_zero.toml",
            "zero = \"0.00\"",
            "zero = \"-\"",
            "zero",
            "expected a zero",
        ),
        (
            "unknown_cell_key.toml",
            "{ text = \"项目负责人\", bold = true }",
            "{ text = \"项目负责人\", bolt = true }",
            "bolt",
            "unknown field `bolt`",
        ),
    ];
    for (file, from, to, field, words) in cases {
        assert!(XINJIANG.contains(from), "{file}");
        let text = XINJIANG.replacen(from, to, 1);
        let line = XINJIANG[..XINJIANG.find(from).unwrap()]
            .matches('\n')
            .count()
            + 1;
        let e = Template::from_toml(file, &text).expect_err(file);
        assert!(e.message.contains(words), "{file}: {e}");
        assert_eq!(e.field.as_deref(), Some(field), "{file}: {e}");
        assert_eq!(e.line, Some(line), "{file}: {e}");
        assert!(e.to_string().starts_with(&format!("{file}:{line}:")), "{e}");
        assert!(
            matches!(
                e.kind,
                TemplateErrorKind::Format | TemplateErrorKind::Invalid
            ),
            "{e}"
        );
    }
    // a money table among the target tables
    let text = XINJIANG.replacen("kind = \"department_targets\"", "kind = \"matrix\"", 1);
    let e = Template::from_toml("kind.toml", &text).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("kind"), "{e}");
}

/// The example in the format documentation (src/disclosure/mod.rs) is a valid template that
/// renders the seed's five project targets.
#[test]
fn the_documented_example_loads_and_renders() {
    let docs = include_str!("../src/disclosure/mod.rs");
    let start = docs.find("//! [[target_table]]").unwrap();
    let end = start + docs[start..].find("//! ```").unwrap();
    let example: String = docs[start..end]
        .lines()
        .map(|l| l.trim_start_matches("//!").strip_prefix(' ').unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let text = format!("name = \"doc\"\ntable = []\n[format]\nunit = \"万元\"\n{example}\n");
    let t = Template::from_toml("doc.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    let b = budget();
    let tables = Disclosure::new(&b, t).target_tables(Rounding::Faithful);
    let p = b.performance().unwrap();
    assert_eq!(tables.len(), p.projects.len());
    for (t, target) in tables.iter().zip(&p.projects) {
        let (id, _) = b.projects().find(|(_, x)| x.key == target.project).unwrap();
        assert_eq!(t.info[0].cells[1].text(), target.printed_name);
        assert_eq!(t.info[0].cells[4].text(), b.department().name);
        assert_eq!(t.info[1].cells[2].text(), wan(b.project_total(id)));
        assert_eq!(t.info[2].cells[1].text(), target.goal);
        assert_eq!(t.rows.len(), target.indicators.len());
        for (r, ind) in t.rows.iter().zip(&target.indicators) {
            assert_eq!(r.cells[2].text(), ind.name);
            assert_eq!(r.cells[5].text(), ind.weight.to_string());
        }
    }
}

/// What the crate renders, target tables included, audits clean.
#[test]
fn rendered_target_tables_audit_clean() {
    use yusuan::audit::{Severity, audit};
    let b = budget();
    let d = Disclosure::new(&b, Template::xinjiang_2026());
    let text: Vec<String> = d
        .tables(Rounding::Faithful)
        .iter()
        .chain(&d.target_tables(Rounding::Faithful))
        .map(render::tsv)
        .collect();
    let report = audit(&text.join("\n"), yusuan::Catalogue::builtin());
    let bad: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
}
