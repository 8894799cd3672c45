//! The auditor recognises tables by the templates' own table definitions: every table the
//! crate renders under a built-in template is recognised as that template's table, with the
//! template's column meanings; a table no template knows is kept, as generic; the rules that
//! depend on what a table is read those meanings.

use yusuan::Catalogue;
use yusuan::audit::{Meaning, Recognition, Severity, audit, audit_with_templates};
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Spending, Template, render};

const SEED_TEXT: &str = include_str!("data/disclosures/alashankou_science_bureau_2026.md");
const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

fn seed() -> DepartmentBudget {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn rendered(b: &DepartmentBudget, template: &Template) -> String {
    Disclosure::new(b, template.clone())
        .tables(Rounding::Faithful)
        .iter()
        .map(render::tsv)
        .collect::<Vec<_>>()
        .join("\n")
}

/// (template name, table id) of every table the auditor read, in order.
fn recognised(text: &str) -> Vec<Option<(String, String)>> {
    audit(text, Catalogue::builtin())
        .tables
        .iter()
        .map(|t| match &t.recognised {
            Recognition::Template(m) => Some((m.template.clone(), m.id.clone())),
            Recognition::Generic => None,
        })
        .collect()
}

#[test]
fn every_rendered_table_is_recognised_as_its_templates_table() {
    let b = seed();
    let templates = Template::builtins();
    assert_eq!(templates.len(), Template::builtin_files().count());
    for template in &templates {
        let tables = Disclosure::new(&b, template.clone()).tables(Rounding::Faithful);
        let expected: Vec<Option<(String, String)>> = tables
            .iter()
            .map(|t| Some((template.name.clone(), t.id.clone())))
            .collect();
        assert_eq!(
            recognised(&rendered(&b, template)),
            expected,
            "{}",
            template.name
        );
        // Each table alone, without the rest of its document, is recognised too.
        for t in &tables {
            assert_eq!(
                recognised(&render::tsv(t)),
                [Some((template.name.clone(), t.id.clone()))],
                "{} {}",
                template.name,
                t.title
            );
        }
    }
}

#[test]
fn synthetic_budgets_render_recognisable_and_clean_under_every_template() {
    for seed in 0..4u64 {
        let leaves = synthetic::leaves(60, seed);
        let b = synthetic::builder_from_leaves(&leaves).build().unwrap();
        for template in Template::builtins() {
            let text = rendered(&b, &template);
            let report = audit(&text, Catalogue::builtin());
            let ids: Vec<String> = Disclosure::new(&b, template.clone())
                .tables(Rounding::Faithful)
                .into_iter()
                .map(|t| t.id)
                .collect();
            let read: Vec<String> = report
                .tables
                .iter()
                .map(|t| {
                    t.recognised
                        .template()
                        .map_or("generic".into(), |m| m.id.clone())
                })
                .collect();
            assert_eq!(read, ids, "{} seed {seed}", template.name);
            let bad: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.severity != Severity::Info)
                .collect();
            assert!(bad.is_empty(), "{} seed {seed}: {bad:#?}", template.name);
        }
    }
}

#[test]
fn a_table_no_template_knows_is_kept_as_generic() {
    let own = "## 部门培训经费明细表\n\
               单位：万元\n\
               序号\t培训项目\t金额\n\
               1\t业务培训\t3.00\n\
               2\t安全培训\t1.00\n\
               合计\t\t4.00\n";
    let text = format!("{}\n{own}", rendered(&seed(), &Template::xinjiang_2026()));
    let report = audit(&text, Catalogue::builtin());
    assert_eq!(report.tables.len(), 13);
    let last = report.tables.last().unwrap();
    assert_eq!(last.place, "部门培训经费明细表");
    assert_eq!(last.recognised, Recognition::Generic);
    assert_eq!(last.recognised.describe(), "generic");
    // the twelve before it are still the template's
    assert!(
        report.tables[..12]
            .iter()
            .all(|t| t.recognised.template().is_some())
    );
    // A table shaped like a template's but headed otherwise is generic as well.
    let renamed = text.replace("项目名称\t合计\t资金来源", "支出事项\t金额\t资金渠道");
    assert_ne!(renamed, text);
    let report = audit(&renamed, Catalogue::builtin());
    let entrusted = report
        .tables
        .iter()
        .find(|t| t.place == "财政拨款委托业务费支出情况表")
        .unwrap();
    assert_eq!(entrusted.recognised, Recognition::Generic);
}

#[test]
fn the_seed_is_read_as_the_xinjiang_template_with_its_column_meanings() {
    let report = audit(SEED_TEXT, Catalogue::builtin());
    let xinjiang = Template::xinjiang_2026();
    let ids: Vec<&str> = xinjiang
        .tables
        .iter()
        .map(|t| t.id.as_deref().unwrap())
        .collect();
    let read: Vec<&str> = report
        .tables
        .iter()
        .filter_map(|t| t.recognised.template())
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(read, ids);
    // The 绩效目标表 are no table of the template: generic, and still read.
    assert_eq!(
        report
            .tables
            .iter()
            .filter(|t| t.recognised == Recognition::Generic)
            .count(),
        6
    );
    // 表6 一般公共预算基本支出情况表: 科目代码 | | 科目名称 | 合计 | 人员经费 | 公用经费
    let basic = report.tables.get(5).unwrap().recognised.template().unwrap();
    assert_eq!(basic.title, "一般公共预算基本支出情况表");
    let columns: Vec<(usize, &str)> = basic
        .columns
        .iter()
        .map(|c| (c.position, c.header.as_str()))
        .collect();
    assert_eq!(columns, [(3, "合计"), (4, "人员经费"), (5, "公用经费")]);
    assert_eq!(basic.columns[0].meaning, Meaning::TotalOf(vec![4, 5]));
    let Meaning::Lines(personnel) = &basic.columns[1].meaning else {
        panic!("{:?}", basic.columns[1]);
    };
    assert_eq!(personnel.spending, Some(vec![Spending::Personnel]));
    // and the JSON report says the same
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["tables"][5]["recognised"]["kind"], "template");
    assert_eq!(
        json["tables"][5]["recognised"]["id"],
        "general_budget_basic"
    );
    assert_eq!(json["tables"][12]["recognised"]["kind"], "generic");
}

#[test]
fn a_fixed_row_that_does_not_add_up_is_found() {
    // 表10: 公务用车购置及运行维护费（小计） 0.21 → 0.31, over 购置 (blank) + 运行维护 0.21
    let planted = SEED_TEXT.replace(
        "<b>公务用车购置及运行维护费（小计）</b>\t<b>0.21</b>\t<b>0.21</b>",
        "<b>公务用车购置及运行维护费（小计）</b>\t<b>0.31</b>\t<b>0.21</b>",
    );
    assert_ne!(planted, SEED_TEXT);
    let report = audit(&planted, Catalogue::builtin());
    let errors: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    // the 小计 row against its two rows, the 总计 row against its three, and the 小计 row's
    // 合计 against its funding columns
    let rules: Vec<(&str, Option<&str>)> =
        errors.iter().map(|f| (f.rule, f.row.as_deref())).collect();
    assert!(
        rules.contains(&("table.row_total", Some("公务用车购置及运行维护费（小计）"))),
        "{errors:#?}"
    );
    assert!(
        rules.contains(&("table.row_total", Some("总计"))),
        "{errors:#?}"
    );
    assert!(
        rules.contains(&("table.row_sum", Some("公务用车购置及运行维护费（小计）"))),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .all(|f| f.tables == ["财政拨款“三公”经费支出情况表"])
    );
    let subtotal = errors
        .iter()
        .find(|f| f.rule == "table.row_total" && f.column.as_deref() == Some("合计"))
        .unwrap();
    assert_eq!(subtotal.difference.unwrap().to_string(), "0.10");
}

#[test]
fn a_two_sided_summary_is_footed_on_both_sides() {
    // 表1: 1. 一般公共预算拨款 92.62 → 92.72 breaks 一、本年收入 = 1 + … + 5
    let planted = SEED_TEXT.replace(
        "<b>1. 一般公共预算拨款</b>\t<b>92.62</b>",
        "<b>1. 一般公共预算拨款</b>\t<b>92.72</b>",
    );
    assert_ne!(planted, SEED_TEXT);
    let rows: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| (f.rule, f.row.unwrap_or_default()))
        .collect();
    assert!(
        rows.contains(&("table.row_total", "1.一般公共预算拨款".into())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("table.row_total", "一、本年收入".into())),
        "{rows:?}"
    );
    // 206 科学技术支出 95.62 → 94.62 on the right: 支出总计 no longer foots
    let planted = SEED_TEXT.replace("206 科学技术支出\t95.62", "206 科学技术支出\t94.62");
    assert_ne!(planted, SEED_TEXT);
    let f: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule == "table.total")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].tables, ["部门收支总体情况表"]);
    assert_eq!(f[0].difference.unwrap().to_string(), "1.00");
}

#[test]
fn three_public_items_are_compared_with_the_basic_lines_across_units() {
    // Under the Shanghai template the "三公" table is in 万元 and the 基本支出 table in 元:
    // the template says so, and the two are compared in 元.
    let b = seed();
    let text = rendered(&b, &Template::shanghai_9());
    assert!(
        audit(&text, Catalogue::builtin())
            .findings
            .iter()
            .all(|f| f.rule != "cross.three_public")
    );
    // The seed's 30217 公务接待费 is 0.05 万元 (500.00 元) in both tables; print 0.01 in the
    // "三公" table (and keep its total row footing).
    let three = text
        .lines()
        .skip_while(|l| !l.contains("“三公”经费和机关运行经费预算表"))
        .find(|l| l.split('\t').count() == 7 && l.contains("0.05"))
        .unwrap()
        .to_string();
    let cells: Vec<&str> = three.split('\t').collect();
    assert_eq!(cells[2], "0.05");
    let mut changed: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
    changed[2] = "0.01".into();
    changed[0] = "0.22".into();
    let planted = text.replace(&three, &changed.join("\t"));
    let f: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule == "cross.three_public")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        (
            f[0].stated.unwrap().to_string(),
            f[0].computed.unwrap().to_string()
        ),
        ("100.00".into(), "500.00".into())
    );
    assert_eq!(
        f[0].tables,
        [
            "部门“三公”经费和机关运行经费预算表",
            "部门一般公共预算基本支出部门预算经济分类预算表"
        ]
    );
}

#[test]
fn a_users_template_is_recognised_when_given() {
    // A template the built-ins do not know: the Xinjiang one with its "三公" table retitled and
    // its first header cell worded otherwise.
    let toml = include_str!("../src/disclosure/templates/xinjiang_2026.toml")
        .replace(
            "name = \"新疆 2026 (12 tables)\"",
            "name = \"某市 (12 tables)\"",
        )
        .replace("“三公”经费支出内容", "“三公”经费项目");
    let mine = Template::from_toml("mine.toml", &toml).unwrap();
    let text = rendered(&seed(), &mine);
    let place = "财政拨款“三公”经费支出情况表";
    let three = |report: &yusuan::audit::Report| {
        report
            .tables
            .iter()
            .find(|t| t.place == place)
            .unwrap()
            .recognised
            .clone()
    };
    // The built-ins see a 三公 table headed otherwise: one header cell disagrees, so it is
    // still 新疆's, with one cell short; the user's template knows it cell for cell.
    let builtin = three(&audit(&text, Catalogue::builtin()));
    let builtin = builtin.template().unwrap();
    assert_eq!(builtin.template, "新疆 2026 (12 tables)");
    assert_eq!(builtin.agreement.0 + 1, builtin.agreement.1);
    let theirs = audit_with_templates(&text, Catalogue::builtin(), std::slice::from_ref(&mine));
    let m = three(&theirs);
    let m = m.template().unwrap();
    assert_eq!(
        (m.template.as_str(), m.id.as_str()),
        ("某市 (12 tables)", "three_public")
    );
    assert_eq!(m.agreement.0, m.agreement.1);
    assert!(theirs.findings.iter().all(|f| f.severity == Severity::Info));
    // Given both, every table goes to the user's template: it fits the 三公 table better and
    // ties elsewhere, where the template that fits more of the document's tables wins.
    let mut both = Template::builtins();
    both.push(mine);
    let report = audit_with_templates(&text, Catalogue::builtin(), &both);
    assert!(report.tables.iter().all(|t| {
        t.recognised
            .template()
            .is_some_and(|m| m.template == "某市 (12 tables)")
    }));
}

#[test]
fn a_published_three_public_table_in_wan_yuan_is_checked_against_its_yuan_lines() {
    // 万里街道 2025: the "三公" table prints 公务接待费 1.35 (万元), the 基本支出 table 30217
    // 公务接待费 13,500 (元). The grids state no unit; the template says which is which.
    let street = include_str!("data/disclosures/03_shanghai_putuo_wanli_street_2025_dept.grid.txt");
    let line = "302 | 17 | 公务接待费 | 13,500 | 0 | 13,500";
    assert!(street.contains(line));
    assert!(street.contains("37.91 | 0 | 1.35 | 36.56 | 15 | 21.56 | 464.64"));
    let report = audit(street, Catalogue::builtin());
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule != "cross.three_public")
    );
    let ids: Vec<&str> = report
        .tables
        .iter()
        .filter_map(|t| t.recognised.template())
        .map(|m| m.id.as_str())
        .collect();
    assert!(ids.contains(&"three_public_and_organ_running"), "{ids:?}");
    assert!(ids.contains(&"general_budget_basic"), "{ids:?}");
    // A basic line larger than the whole "三公" item cannot be.
    let planted = street.replace(line, "302 | 17 | 公务接待费 | 93,500 | 0 | 93,500");
    let f: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule == "cross.three_public")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].stated.unwrap().to_string(), "13500.00");
    assert_eq!(f[0].computed.unwrap().to_string(), "93500");
    assert_eq!(f[0].tables, ["page 29 table 1", "page 27 table 1"]);
}

#[test]
fn a_department_row_that_does_not_add_up_its_projects_is_found() {
    // 表11 委托业务费: the department row 18.50 = 7.00 + 1.50 + 9.00 + 1.00; print 18.60
    let from = "<b>阿拉山口市科学技术局</b>\t<b>18.50</b>\t<b>18.50</b>";
    assert_eq!(SEED_TEXT.matches(from).count(), 1);
    let planted = SEED_TEXT.replace(
        from,
        "<b>阿拉山口市科学技术局</b>\t<b>18.60</b>\t<b>18.60</b>",
    );
    let errors: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    // rule by rule (the registry's order), per column (合计, 一般公共预算): the department
    // row over its projects, the 总计 row against the department row
    let rules: Vec<(&str, &str)> = errors
        .iter()
        .map(|f| (f.rule, f.column.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        rules,
        [
            ("table.subtotal", "合计"),
            ("table.subtotal", "一般公共预算"),
            ("table.total", "合计"),
            ("table.total", "一般公共预算"),
        ],
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .all(|f| f.tables == ["财政拨款委托业务费支出情况表"]
                && f.difference.unwrap().abs().to_string() == "0.10")
    );
}
