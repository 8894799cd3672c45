//! The auditor: the seed audits with only its 表6 尾差; planted errors are found where they were
//! planted; a disclosure the crate renders audits clean; no file of the shared set panics.

use proptest::prelude::*;
use yusuan::Catalogue;
use yusuan::audit::{Severity, audit};
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Template, render};

const SEED_TEXT: &str = include_str!("data/disclosures/alashankou_science_bureau_2026.md");
const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

#[test]
fn the_seed_has_only_its_table6_tail() {
    let report = audit(SEED_TEXT, Catalogue::builtin());
    assert_eq!(report.count(Severity::Error), 0, "{:#?}", report.findings);
    assert_eq!(report.count(Severity::Warning), 0, "{:#?}", report.findings);
    // The seed prints 20604 as 技术与开发, an alias of 技术研究与开发: one lint per table row.
    let alias_rows = SEED_TEXT
        .lines()
        .filter(|l| l.trim_start_matches("<b>").starts_with("206") && l.contains("技术与开发"))
        .count();
    assert_eq!(alias_rows, 4);
    let (aliases, tails): (Vec<_>, Vec<_>) =
        report.findings.iter().partition(|f| f.rule == "code.alias");
    assert_eq!(aliases.len(), alias_rows, "{aliases:#?}");
    for f in &aliases {
        assert_eq!(f.severity, Severity::Info);
        assert_eq!(f.row.as_deref(), Some("20604 技术与开发"));
        assert!(f.message.contains("技术研究与开发"), "{}", f.message);
    }
    assert_eq!(report.count(Severity::Info), 2 + alias_rows);
    for f in &tails {
        assert_eq!(f.rule, "table.subtotal");
        assert_eq!(f.tables, ["一般公共预算基本支出情况表"]);
        assert_eq!(f.row.as_deref(), Some("302 商品和服务支出"));
        assert_eq!(
            (
                f.stated.unwrap().to_string(),
                f.computed.unwrap().to_string(),
                f.difference.unwrap().to_string()
            ),
            ("3.80".into(), "3.79".into(), "0.01".into())
        );
    }
    let columns: Vec<_> = tails.iter().map(|f| f.column.clone().unwrap()).collect();
    assert_eq!(columns, ["合计", "公用经费"]);
    assert!(report.tables.len() >= 12);
}

#[test]
fn a_changed_cell_is_found_at_its_place() {
    // 表3: 2060702 科普活动 项目支出 13.00 → 12.00
    let planted = SEED_TEXT.replace(
        "206\t07\t02\t科普活动\t13.00\t\t13.00",
        "206\t07\t02\t科普活动\t13.00\t\t12.00",
    );
    assert_ne!(planted, SEED_TEXT);
    let report = audit(&planted, Catalogue::builtin());
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    // the 款 20607 no longer adds up in that column, and the row's 合计 ≠ 基本 + 项目
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(errors.iter().all(|f| f.tables == ["部门支出总体情况表"]));
    assert!(errors.iter().any(|f| f.rule == "table.subtotal"
        && f.row.as_deref() == Some("20607 科学技术普及")
        && f.column.as_deref() == Some("项目支出")));
    assert!(
        errors
            .iter()
            .any(|f| f.rule == "table.row_sum" && f.row.as_deref() == Some("2060702"))
    );
    let json = serde_json::to_value(errors[0]).unwrap();
    for key in [
        "rule",
        "severity",
        "tables",
        "row",
        "column",
        "stated",
        "computed",
        "difference",
        "message",
    ] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert!(errors[0].render(true).starts_with("[error] table."));
    assert!(errors[0].render(false).starts_with("[错误] table."));
}

#[test]
fn a_dropped_row_and_an_unbalanced_summary_are_found() {
    let dropped = SEED_TEXT.replace("206\t07\t99\t其他科学技术普及支出\t1.00\t\t1.00\n", "");
    let report = audit(&dropped, Catalogue::builtin());
    assert!(
        report.findings.iter().any(
            |f| f.severity == Severity::Error && f.row.as_deref() == Some("20607 科学技术普及")
        )
    );
    let unbalanced = SEED_TEXT.replace(
        "<b>支出总计</b>\t<b>95.62</b>",
        "<b>支出总计</b>\t<b>96.62</b>",
    );
    let report = audit(&unbalanced, Catalogue::builtin());
    let f: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "summary.balance")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].difference.unwrap().to_string(), "-1.00");
}

fn rendered(b: &DepartmentBudget, template: Template) -> String {
    Disclosure::new(b, template)
        .tables(Rounding::Faithful)
        .iter()
        .map(render::tsv)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn what_the_crate_renders_audits_clean() {
    let b: DepartmentBudget = serde_json::from_str(SEED_JSON).unwrap();
    for profile in [Template::xinjiang_2026(), Template::shanghai_9()] {
        let report = audit(&rendered(&b, profile), Catalogue::builtin());
        assert!(
            report.findings.iter().all(|f| f.severity == Severity::Info),
            "{:#?}",
            report.findings
        );
    }
}

#[test]
fn every_shared_disclosure_audits_without_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/disclosures");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".grid.txt")
            || path.extension().is_some_and(|e| e == "md")
        {
            let report = audit(
                &std::fs::read_to_string(&path).unwrap(),
                Catalogue::builtin(),
            );
            if path.to_string_lossy().ends_with(".grid.txt") {
                assert!(!report.tables.is_empty(), "{}", path.display());
            }
            read += 1;
        }
    }
    assert!(read >= 24);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Change one printed amount of a rendered disclosure: the auditor reports an error in
    /// that table.
    #[test]
    fn a_planted_cell_error_is_always_found(
        leaves in prop::collection::vec((0u8..10, any::<u16>(), 0u8..8, 10_000u64..=100_000_000), 3..40),
        pick in any::<prop::sample::Index>(),
        bump in 1u32..500,
    ) {
        let b = synthetic::builder_from_leaves(&leaves).build().unwrap();
        let text = rendered(&b, Template::xinjiang_2026());
        // Candidate cells: amounts on code rows of the functional and economic tables.
        let lines: Vec<&str> = text.lines().collect();
        let candidates: Vec<(usize, usize)> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.split('\t').next().is_some_and(|c| c.replace("<b>", "").replace("</b>", "").len() == 3 && c.chars().any(|x| x.is_ascii_digit())))
            .flat_map(|(i, l)| {
                l.split('\t')
                    .enumerate()
                    .filter(|(_, c)| c.replace("<b>", "").replace("</b>", "").contains('.'))
                    .map(move |(j, _)| (i, j))
                    .collect::<Vec<_>>()
            })
            .collect();
        prop_assume!(!candidates.is_empty());
        let (row, col) = candidates[pick.index(candidates.len())];
        let mut cells: Vec<String> = lines[row].split('\t').map(str::to_string).collect();
        let old = cells[col].replace("<b>", "").replace("</b>", "");
        let value: rust_decimal::Decimal = old.parse().unwrap();
        let new = value + rust_decimal::Decimal::new(i64::from(bump), 0);
        cells[col] = cells[col].replace(&old, &new.to_string());
        let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        changed[row] = cells.join("\t");
        let report = audit(&changed.join("\n"), Catalogue::builtin());
        prop_assert!(report.count(Severity::Error) >= 1, "no error for a change at line {} col {}:\n{}", row, col, changed[row]);
    }
}

#[test]
fn narrative_direction_and_rate_errors_are_found() {
    let direction = SEED_TEXT.replace(
        "比上年预算减少 20.96 万元，下降 23.14%",
        "比上年预算减少 20.96 万元，增长 23.14%",
    );
    assert_ne!(direction, SEED_TEXT);
    let f: Vec<_> = audit(&direction, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("narrative"))
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "narrative.direction");
    let rate = SEED_TEXT.replace(
        "比上年预算减少 20.96 万元，下降 23.14%",
        "比上年预算减少 20.96 万元，下降 22.14%",
    );
    let f: Vec<_> = audit(&rate, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule.starts_with("narrative"))
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (f[0].rule, f[0].computed.unwrap().to_string()),
        ("narrative.rate", "23.14".to_string())
    );
    // The seed's own narrative holds together.
    assert!(
        audit(SEED_TEXT, Catalogue::builtin())
            .findings
            .iter()
            .all(|f| !f.rule.starts_with("narrative"))
    );
}

#[test]
fn a_generated_narrative_audits_clean() {
    let b: DepartmentBudget = serde_json::from_str(SEED_JSON).unwrap();
    let text: String = Disclosure::new(&b, Template::xinjiang_2026())
        .narrative()
        .iter()
        .flat_map(|s| std::iter::once(s.title.clone()).chain(s.paragraphs.iter().cloned()))
        .collect::<Vec<_>>()
        .join("\n");
    let report = audit(&text, Catalogue::builtin());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    // and a flipped direction word in it is caught
    let flipped = text.replacen("下降 23.14%", "增长 23.14%", 1);
    assert_ne!(flipped, text);
    assert!(
        audit(&flipped, Catalogue::builtin())
            .findings
            .iter()
            .any(|f| f.rule == "narrative.direction")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_auditor_never_panics(s in "\\PC{0,400}", cuts in prop::collection::vec((any::<prop::sample::Index>(), "\\PC{0,3}"), 0..6)) {
        let _ = audit(&s, Catalogue::builtin());
        // and on damaged copies of a real document
        let mut text: Vec<char> = SEED_TEXT.chars().collect();
        for (at, insert) in cuts {
            let i = at.index(text.len());
            text.splice(i..(i + 1).min(text.len()), insert.chars());
        }
        let text: String = text.into_iter().collect();
        let report = audit(&text, Catalogue::builtin());
        for f in &report.findings {
            prop_assert!(!f.message.is_empty() && !f.message_en.is_empty());
        }
    }
}

#[test]
fn summary_totals_are_checked_against_the_other_tables() {
    let planted = SEED_TEXT.replace(
        "<b>收入总计</b>\t<b>95.62</b>\t<b>支出总计</b>\t<b>95.62</b>",
        "<b>收入总计</b>\t<b>96.62</b>\t<b>支出总计</b>\t<b>96.62</b>",
    );
    assert_ne!(planted, SEED_TEXT);
    let report = audit(&planted, Catalogue::builtin());
    let cross: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("cross."))
        .collect();
    assert_eq!(cross.len(), 2, "{cross:#?}");
    for f in &cross {
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(f.tables.len(), 2);
        assert_eq!(f.tables[0], "部门收支总体情况表");
        assert!(f.message_en.contains("cannot be told which side is wrong"));
        assert_eq!(f.difference.unwrap().to_string(), "1.00");
    }
    let other: Vec<_> = cross.iter().map(|f| f.tables[1].as_str()).collect();
    assert_eq!(other, ["部门支出总体情况表", "部门收入总体情况表"]);
    assert!(
        audit(SEED_TEXT, Catalogue::builtin())
            .findings
            .iter()
            .all(|f| !f.rule.starts_with("cross."))
    );
}

#[test]
fn an_empty_table_without_its_explanation_is_reported() {
    let note = "阿拉山口市科学技术局 2026 年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出情况表为空表。";
    assert_eq!(SEED_TEXT.matches(note).count(), 2);
    let removed = SEED_TEXT.replace(note, "");
    let report = audit(&removed, Catalogue::builtin());
    let f: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "table.empty_without_note")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].tables, ["政府性基金预算支出情况表"]);
    assert!(
        audit(SEED_TEXT, Catalogue::builtin())
            .findings
            .iter()
            .all(|f| f.rule != "table.empty_without_note")
    );
}

#[test]
fn the_shared_misprints_are_flagged() {
    let welfare =
        include_str!("data/disclosures/10_shanghai_putuo_welfare_home_2024_unit.grid.txt");
    let report = audit(welfare, Catalogue::builtin());
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.rule == "table.code")
            .count(),
        2
    ); // 类 printed "7"
    let street = include_str!("data/disclosures/02_shanghai_putuo_wanli_street_2024_dept.grid.txt");
    let rows: Vec<_> = audit(street, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule == "table.code")
        .filter_map(|f| f.row)
        .collect();
    assert_eq!(rows, ["30102 津贴补贴", "30107 绩效工资"]);
    // Putuo justice 2026: 行政运行 carries its 款's 项目支出 (64,840,547.00) in two tables
    let justice = include_str!("data/disclosures/09_shanghai_putuo_justice_2026_unit.grid.txt");
    let errors: Vec<_> = audit(justice, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 4);
    assert!(
        errors
            .iter()
            .all(|f| f.difference.unwrap().abs().to_string() == "64840547.00")
    );
}

#[test]
fn a_wrong_share_in_the_narrative_is_found() {
    let planted = SEED_TEXT.replace("69.62 万元，占 72.81%", "69.62 万元，占 71.81%");
    assert_ne!(planted, SEED_TEXT);
    let f: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule == "narrative.share")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (
            f[0].stated.unwrap().to_string(),
            f[0].computed.unwrap().to_string()
        ),
        ("71.81".into(), "72.81".into())
    );
    assert!(
        audit(SEED_TEXT, Catalogue::builtin())
            .findings
            .iter()
            .all(|f| f.rule != "narrative.share")
    );
}

#[test]
fn target_weights_are_summed_per_block() {
    // The seed's six target tables (the department's and five projects') each sum to 90
    // (预算执行率 holds the other 10).
    assert!(
        audit(SEED_TEXT, Catalogue::builtin())
            .findings
            .iter()
            .all(|f| f.rule != "performance.weights")
    );
    let planted = SEED_TEXT.replacen(
        "\t≥5000 册\t2025 年科技局重点工作计划\t20",
        "\t≥5000 册\t2025 年科技局重点工作计划\t25",
        1,
    );
    assert_ne!(planted, SEED_TEXT);
    let f: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule == "performance.weights")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    // 10 + 20 + 20 + 20 + 25 in the 部门整体绩效目标表
    assert_eq!(
        (
            f[0].severity,
            f[0].stated.unwrap().to_string(),
            f[0].row.as_deref()
        ),
        (Severity::Error, "95".to_string(), Some("部门整体绩效目标"))
    );
}

#[test]
fn general_budget_basic_totals_are_compared_across_tables() {
    // 表6's 总计 row: 68.62 → 68.72 (the rows no longer foot either)
    let planted = SEED_TEXT.replace(
        "\t\t<b>总计</b>\t<b>68.62</b>\t<b>64.82</b>\t<b>3.80</b>",
        "\t\t<b>总计</b>\t<b>68.72</b>\t<b>64.82</b>\t<b>3.80</b>",
    );
    assert_ne!(planted, SEED_TEXT);
    let report = audit(&planted, Catalogue::builtin());
    let f: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "cross.general_budget_basic")
        .collect();
    assert_eq!(f.len(), 1, "{:#?}", report.findings);
    assert_eq!(
        f[0].tables,
        ["一般公共预算支出情况表", "一般公共预算基本支出情况表"]
    );
    assert_eq!(f[0].difference.unwrap().to_string(), "-0.10");
}

#[test]
fn narrative_amounts_are_checked_against_the_tables() {
    let cases = [
        (
            "部门收入预算 95.62 万元",
            "部门收入预算 95.26 万元",
            "部门收支总体情况表",
        ),
        (
            "基本支出 68.62 万元，占 71.76%",
            "基本支出 68.52 万元，占 71.76%",
            "部门支出总体情况表",
        ),
        (
            "人员经费 64.82 万元",
            "人员经费 64.28 万元",
            "一般公共预算基本支出情况表",
        ),
    ];
    for (from, to, table) in cases {
        let planted = SEED_TEXT.replacen(from, to, 1);
        assert_ne!(planted, SEED_TEXT, "{from}");
        let f: Vec<_> = audit(&planted, Catalogue::builtin())
            .findings
            .into_iter()
            .filter(|f| f.rule == "narrative.table")
            .collect();
        assert_eq!(f.len(), 1, "{from}: {f:#?}");
        assert_eq!(f[0].tables, ["情况说明", table]);
    }
    assert!(
        audit(SEED_TEXT, Catalogue::builtin())
            .findings
            .iter()
            .all(|f| f.rule != "narrative.table")
    );
}

#[test]
fn fiscal_income_never_exceeds_total_income() {
    let planted = SEED_TEXT.replace(
        "<b>收入总计</b>\t<b>92.62</b>\t<b>支出总计</b>\t<b>92.62</b>\t<b>92.62</b>",
        "<b>收入总计</b>\t<b>97.62</b>\t<b>支出总计</b>\t<b>97.62</b>\t<b>92.62</b>",
    );
    assert_ne!(planted, SEED_TEXT);
    let f: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule == "cross.fiscal_within_total")
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].tables,
        ["财政拨款收支预算总体情况表", "部门收支总体情况表"]
    );
}
