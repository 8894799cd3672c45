//! Template files: the built-ins load; a user's file loads and renders; malformed files are
//! reported by file, line and field.

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, TemplateErrorKind, render};

const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

fn dir(sub: &str) -> String {
    format!("{}/{sub}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_builtin_template_loads() {
    for file in Template::builtin_files() {
        let t = Template::from_path(dir(&format!("src/disclosure/templates/{file}")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!t.tables.is_empty(), "{file}");
    }
    assert_eq!(
        Template::builtins().len(),
        Template::builtin_files().count()
    );
    assert_eq!(Template::xinjiang_2026().tables.len(), 12);
    assert_eq!(Template::shanghai_9().tables.len(), 9);
}

#[test]
fn a_users_template_renders() {
    let t = Template::from_path(dir("tests/data/templates/two_tables.toml")).unwrap();
    let b: DepartmentBudget = serde_json::from_str(SEED_JSON).unwrap();
    let d = Disclosure::new(&b, t);
    let tables = d.tables(Rounding::Faithful);
    assert_eq!(tables.len(), 2);
    // whole codes; totals from the seed's 表3 (95.62 万元 = 合计, 68.62 基本, 27.00 项目)
    let spending = render::body_lines(&tables[0]);
    assert!(
        spending.contains(&"2060702\t科普活动\t130,000.00\t0.00\t130,000.00".to_string()),
        "{spending:#?}"
    );
    assert_eq!(
        spending.last().unwrap(),
        "合计\t\t956,200.00\t686,200.00\t270,000.00"
    );
    // the seed's 表10: 三公 0.26 万元 = 接待 0.05 + 运行 0.21
    assert_eq!(render::body_lines(&tables[1]), ["0.26\t0.00\t0.05\t0.21"]);
    let narrative = d.narrative();
    assert_eq!(narrative[0].title, "2026年预算说明");
    assert_eq!(
        narrative[0].paragraphs,
        ["阿拉山口市科学技术局收支预算95.62万元，减少17.96万元。"]
    );
}

/// Each malformed file: (name, text, line, field, words of the message).
const MALFORMED: &[(&str, &str, usize, &str, &str)] = &[
    (
        "misspelt_key.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\nthousand = true\n",
        4,
        "thousand",
        "unknown field",
    ),
    (
        "bad_unit.toml",
        "name = \"x\"\n[format]\nunit = \"千元\"\n",
        3,
        "unit",
        "unknown unit",
    ),
    (
        "unknown_source.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\n[[table]]\ntitle = \"t\"\nheader = [[\"a\", \"b\"]]\n[table.body]\nkind = \"per_project\"\ncolumns = [\n  { lines = { source = [\"general_budget\"] } },\n]\n",
        10,
        "source",
        "unknown variant",
    ),
    (
        "dangling_total.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\n[[table]]\ntitle = \"t\"\nheader = [[\"a\", \"b\", \"c\"]]\n[table.body]\nkind = \"per_project\"\ncolumns = [\n  { id = \"total\", total_of = [\"basic\"] },\n  { id = \"project\", lines = { spending = [\"project\"] } },\n]\n",
        10,
        "total_of",
        "`basic` names no column",
    ),
    (
        "unknown_placeholder.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\n[[table]]\ntitle = \"t\"\nheader = [[\"a\", \"b\"]]\n[table.body]\nkind = \"per_project\"\ncolumns = [{ lines = {} }]\n[narrative]\nunit = \"万元\"\n[narrative.change.default]\nincrease = \"增加\"\ndecrease = \"减少\"\nflat = \"持平\"\n[[narrative.section]]\ntitle = \"说明\"\n[[narrative.section.paragraph]]\ntext = \"收支预算{totl}万元。\"\n",
        19,
        "text",
        "unknown placeholder `totl`",
    ),
];

#[test]
fn malformed_templates_name_file_line_and_field() {
    for (file, text, line, field, words) in MALFORMED {
        let e = Template::from_toml(file, text).expect_err(file);
        assert_eq!(e.file, *file);
        assert_eq!(e.line, Some(*line), "{file}: {e}");
        assert_eq!(e.field.as_deref(), Some(*field), "{file}: {e}");
        assert!(e.message.contains(words), "{file}: {e}");
        assert!(e.to_string().starts_with(&format!("{file}:{line}:")), "{e}");
    }
    // a header narrower than the body, and a file that is not there
    let narrow = MALFORMED[3]
        .1
        .replace("[[\"a\", \"b\", \"c\"]]", "[[\"a\", \"b\"]]")
        .replace("\"basic\"", "\"project\"");
    let e = Template::from_toml("narrow.toml", &narrow).unwrap_err();
    assert_eq!(
        (e.kind, e.line, e.field.as_deref()),
        (TemplateErrorKind::Invalid, Some(6), Some("header"))
    );
    let e = Template::from_path(dir("tests/data/templates/none.toml")).unwrap_err();
    assert_eq!(e.kind, TemplateErrorKind::Io);
}

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

/// Findings the auditor reports on a template's own wording because it misreads it, not
/// because the rendered document is inconsistent: (template name, rule, the phrase the finding's
/// row starts with, why). Each must still be reported (so that a fixed auditor removes it here).
const AUDITOR_MISREADINGS: &[(&str, &str, &str, &str)] = &[
    // 江苏 六 states 财政拨款's 人员经费 and 公用经费 before 八 states 一般公共预算's; the
    // auditor compares the first it finds with 一般公共预算基本支出表 (the synthetic budget has
    // government-fund and carried-over basic spending, so they differ).
    (
        "江苏 (13 tables)",
        "narrative.table",
        "人员经费",
        "财政拨款's read as 一般公共预算's",
    ),
    (
        "江苏 (13 tables)",
        "narrative.table",
        "公用经费",
        "财政拨款's read as 一般公共预算's",
    ),
];

#[test]
fn every_builtin_renders_a_synthetic_budget_that_audits_clean() {
    use yusuan::audit::{Severity, audit};
    let b = synthetic::builder_from_leaves(&synthetic::leaves(300, 7))
        .build()
        .unwrap();
    for t in Template::builtins() {
        let d = Disclosure::new(&b, t.clone());
        let tables: Vec<String> = d
            .tables(Rounding::Faithful)
            .iter()
            .map(render::tsv)
            .collect();
        assert_eq!(tables.len(), t.tables.len());
        let narrative: Vec<String> = d
            .narrative()
            .iter()
            .flat_map(|s| std::iter::once(s.title.clone()).chain(s.paragraphs.iter().cloned()))
            .collect();
        assert!(!narrative.is_empty(), "{}", t.name);
        let report = audit(
            &format!("{}\n{}", tables.join("\n"), narrative.join("\n")),
            yusuan::Catalogue::builtin(),
        );
        let misread = |f: &yusuan::audit::Finding| {
            AUDITOR_MISREADINGS.iter().any(|(name, rule, phrase, _)| {
                *name == t.name
                    && f.rule == *rule
                    && f.row.as_deref().is_some_and(|r| r.starts_with(phrase))
            })
        };
        let bad: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info && !misread(f))
            .collect();
        assert!(bad.is_empty(), "{}: {bad:#?}", t.name);
        for (name, rule, phrase, why) in AUDITOR_MISREADINGS {
            if *name == t.name {
                assert!(
                    report.findings.iter().any(|f| f.rule == *rule
                        && f.row.as_deref().is_some_and(|r| r.starts_with(phrase))),
                    "{name}: the auditor no longer misreads {phrase} ({why}); drop it from the list"
                );
            }
        }
    }
}

/// The checks of the two-sided, procurement and narrative-sum options: (name, text, line,
/// field, words of the message). (A sum named like a built-in placeholder is no error: it
/// replaces the built-in, as Guangdong's `organ_running` does.)
const MALFORMED_OPTIONS: &[(&str, &str, usize, &str, &str)] = &[
    (
        "dangling_right_of.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\n[[table]]\ntitle = \"t\"\nheader = [[\"a\", \"b\", \"c\", \"d\"]]\n[table.body]\nkind = \"two_sided\"\ncolumns = [{ lines = {} }]\ntotal = { label = \"合计\", right_of = [\"nowhere\"] }\n[[table.body.block]]\nright = [{ id = \"classes\", classes = \"all\" }]\n",
        10,
        "right_of",
        "`nowhere` names no",
    ),
    (
        "class_label.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\n[[table]]\ntitle = \"t\"\nheader = [[\"a\", \"b\", \"c\", \"d\"]]\n[table.body]\nkind = \"two_sided\"\ncolumns = [{ lines = {} }]\n[[table.body.block]]\nright = [{ classes = \"all\", label = \"{label}\" }]\n",
        11,
        "label",
        "unknown placeholder `label`",
    ),
    (
        "procurement_by_fund.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\n[[table]]\ntitle = \"t\"\nheader = [[\"a\", \"b\"]]\n[table.body]\nkind = \"procurement\"\ncolumns = [{ lines = { fund = [\"government_fund\"] } }]\n",
        6,
        "lines",
        "no split by funding",
    ),
    (
        "prior_income_by_economic.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\n[[table]]\ntitle = \"t\"\nheader = [[\"a\", \"b\"]]\n[table.body]\nkind = \"per_project\"\ncolumns = [{ lines = {} }]\n[narrative]\nunit = \"万元\"\n[narrative.change.default]\nincrease = \"增加\"\ndecrease = \"减少\"\nflat = \"持平\"\n[narrative.sums]\ntravel = { lines = { economic = [\"30211\"] }, prior = \"income\" }\n[[narrative.section]]\ntitle = \"说明\"\n",
        17,
        "prior",
        "known by funding source",
    ),
    (
        "share_of_nothing.toml",
        "name = \"x\"\n[format]\nunit = \"元\"\n[[table]]\ntitle = \"t\"\nheader = [[\"a\", \"b\"]]\n[table.body]\nkind = \"per_project\"\ncolumns = [{ lines = {} }]\n[narrative]\nunit = \"万元\"\n[narrative.change.default]\nincrease = \"增加\"\ndecrease = \"减少\"\nflat = \"持平\"\n[narrative.sums]\npart = { lines = {}, prior = \"income\", share_of = \"whole\" }\n[[narrative.section]]\ntitle = \"说明\"\n[[narrative.section.paragraph]]\ntext = \"{part}，占{part_share}%[[，{part_change}]]\"\n",
        17,
        "share_of",
        "`whole` names no sum",
    ),
];

#[test]
fn two_sided_procurement_and_sum_options_are_checked() {
    for (file, text, line, field, words) in MALFORMED_OPTIONS {
        let e = Template::from_toml(file, text).expect_err(file);
        assert_eq!(e.kind, TemplateErrorKind::Invalid, "{file}: {e}");
        assert_eq!(e.line, Some(*line), "{file}: {e}");
        assert_eq!(e.field.as_deref(), Some(*field), "{file}: {e}");
        assert!(e.message.contains(words), "{file}: {e}");
    }
    // the last file without its fault reads, and its sum's placeholders are known: over the
    // seed, all of 收支总预算 95.62 万元 (100%), against the prior year's income by source
    // (90.58 一般财力 + 14.00 上级转移支付 + 0.07 结转 = 104.65): 9.03 less
    let fixed = MALFORMED_OPTIONS[4]
        .1
        .replace(", share_of = \"whole\"", "")
        .replace("decrease = \"减少\"", "decrease = \"减少{amount}\"");
    let t = Template::from_toml("sum.toml", &fixed).unwrap_or_else(|e| panic!("{e}"));
    let b: DepartmentBudget = serde_json::from_str(SEED_JSON).unwrap();
    let narrative = Disclosure::new(&b, t).narrative();
    assert_eq!(narrative[0].paragraphs, ["95.62，占100.00%，减少9.03"]);
}
