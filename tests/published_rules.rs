//! The rules added with the typed document (issue 11): each finds an error planted in the
//! seed (or a shared document), at its place, with the printed numbers; the unplanted
//! documents give no such finding. Expected values are the printed ones.

use yusuan::Catalogue;
use yusuan::audit::{Finding, PublishedDocument, Severity, audit, audit_document};

const SEED: &str = include_str!("data/disclosures/alashankou_science_bureau_2026.md");

fn planted(from: &str, to: &str) -> String {
    assert_eq!(SEED.matches(from).count(), 1, "{from:?} must occur once");
    SEED.replacen(from, to, 1)
}

fn of(text: &str, rule: &str) -> Vec<Finding> {
    audit(text, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn numbers(f: &Finding) -> (String, String) {
    (
        f.stated.map(|d| d.to_string()).unwrap_or_default(),
        f.computed.map(|d| d.to_string()).unwrap_or_default(),
    )
}

#[test]
fn the_seed_ties_its_targets_and_narrative_items_to_its_tables() {
    for rule in [
        "performance.total",
        "performance.split",
        "performance.project_funds",
        "performance.weights",
        "narrative.item",
        "unit.slip",
        "code.two_names",
        "code.two_codes",
    ] {
        assert!(of(SEED, rule).is_empty(), "{rule}: {:#?}", of(SEED, rule));
    }
    // the targets were read: the department's 资金总额 and five projects' funds
    let doc = PublishedDocument::from_text(SEED);
    let whole: Vec<_> = doc.targets.iter().filter(|b| b.whole).collect();
    assert_eq!(whole.len(), 1);
    assert_eq!(
        whole[0].funds.map(|d| d.to_string()).as_deref(),
        Some("95.62")
    );
    let projects = doc.targets.iter().filter(|b| !b.whole && b.funds.is_some());
    assert_eq!(projects.count(), 5);
}

#[test]
fn a_wrong_department_total_in_the_targets_is_found() {
    // 部门整体绩效目标表 合计 95.62 = the 收支总表's 收入总计 95.62
    let text = planted("\t\t合计：\t\t95.62\t", "\t\t合计：\t\t96.62\t");
    let f = of(&text, "performance.total");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(numbers(&f[0]), ("96.62".into(), "95.62".into()));
}

#[test]
fn a_projects_funds_that_differ_from_its_row_are_found() {
    // 2021 年基层科普行动计划资金: 7.00 in its target table and in the project tables
    let text = planted("年度预算总额\t7.00\t", "年度预算总额\t7.50\t");
    let f = of(&text, "performance.project_funds");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(
        f[0].row.as_deref(),
        Some("2021年基层科普行动计划资金 资金总额")
    );
    assert_eq!(numbers(&f[0]).0, "7.50");
    assert_eq!(numbers(&f[0]).1, "7.00");
}

#[test]
fn weights_are_summed_per_project() {
    // the 2021 project's weights 20 + 20 + 15 + 10 + 15 + 10 = 90; print 25 for the second
    let from = "开展各种科普活动场次\t≥5 次\t计划标准\t5 次\t20\t";
    let text = SEED.replacen(from, "开展各种科普活动场次\t≥5 次\t计划标准\t5 次\t25\t", 1);
    assert_ne!(text, SEED);
    let f = of(&text, "performance.weights");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].row.as_deref(), Some("2021年基层科普行动计划资金"));
    assert_eq!(
        (f[0].severity, numbers(&f[0]).0),
        (Severity::Error, "95".into())
    );
}

#[test]
fn a_narrative_item_amount_is_tied_to_its_table_row() {
    // 科学技术支出（类）科学技术普及（款）科普活动（项）: 11.00 万元 in the narrative and in the
    // 一般公共预算支出表 (the 支出总表 prints 13.00 with other funds); the finding names the
    // nearer table amount
    let from = "科普活动（项）：2026 年预算数为 11.00 万元";
    let text = planted(from, "科普活动（项）：2026 年预算数为 11.50 万元");
    let f = of(&text, "narrative.item");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(
        f[0].row.as_deref().unwrap().starts_with("2060702 "),
        "{:?}",
        f[0].row
    );
    assert_eq!(numbers(&f[0]), ("11.50".into(), "11.00".into()));
}

#[test]
fn a_wan_yuan_amount_written_as_yuan_is_a_unit_slip() {
    let from = "科普活动（项）：2026 年预算数为 11.00 万元";
    let text = planted(from, "科普活动（项）：2026 年预算数为 11.00 元");
    assert!(of(&text, "narrative.item").is_empty());
    let f = of(&text, "unit.slip");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(numbers(&f[0]), ("11.00".into(), "11.00".into()));
}

#[test]
fn a_name_only_table_is_checked_by_the_codes_of_its_names() {
    // Hangzhou's 财政拨款支出表 prints names only: 科学技术支出 28.00 over 技术研究与开发 28.00
    let text = include_str!("data/disclosures/20_hangzhou_meteorological_2026_dept.grid.txt");
    let from = "科学技术支出 | 28.00 |  |  | 28.00 |  |  | ";
    assert_eq!(text.matches(from).count(), 1);
    let planted = text.replacen(from, "科学技术支出 | 29.00 |  |  | 28.00 |  |  | ", 1);
    let errors: Vec<_> = audit(&planted, Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error && f.rule == "table.subtotal")
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0].row.as_deref(), Some("206 科学技术支出"));
    assert_eq!(numbers(&errors[0]), ("29.00".into(), "28.00".into()));
}

const TWO_TABLES: &str = "## 支出表\n单位：万元\n科目编码\t科目名称\t合计\n\
    201\t一般公共服务支出\t10.00\n20101\t人大事务\t6.00\n20102\t政协事务\t4.00\n合计\t\t10.00\n\n\
    ## 财政拨款支出表\n单位：万元\n科目编码\t科目名称\t合计\n\
    201\t一般公共服务\t10.00\n20101\t人大事务\t6.00\n20102\t人大事务\t4.00\n合计\t\t10.00\n";

#[test]
fn one_code_with_two_names_and_two_codes_with_one_name_are_found() {
    let names = of(TWO_TABLES, "code.two_names");
    // 201 is printed 一般公共服务支出 and 一般公共服务 (a cut form: not reported); 20102 as
    // 政协事务 and 人大事务
    assert_eq!(names.len(), 1, "{names:#?}");
    assert_eq!(names[0].row.as_deref(), Some("20102"));
    let codes = of(TWO_TABLES, "code.two_codes");
    assert_eq!(codes.len(), 1, "{codes:#?}");
    assert_eq!(codes[0].row.as_deref(), Some("人大事务"));
    assert!(codes[0].message.contains("20101") && codes[0].message.contains("20102"));
}

#[test]
fn comparisons_on_another_base_are_reported() {
    let text = "收入预算 100.00 万元，比上年预算增加 10.00 万元，增长 11.11%。\
                支出预算 100.00 万元，比上年预算增加 10.00 万元，增长 11.11%。\
                基本支出 60.00 万元，比上年执行数增加 6.00 万元，增长 11.11%。";
    let f = of(text, "narrative.base");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].row.as_deref().unwrap().contains("比上年执行数"));
}

#[test]
fn a_cell_with_28_decimals_is_kept_as_unreadable_not_a_panic() {
    let text = format!(
        "## 支出表\n单位：万元\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t10.00\n\
         20101\t人大事务\t0.{}\n合计\t\t10.00\n",
        "1".repeat(28)
    );
    let f = of(&text, "table.unreadable_cell");
    assert_eq!(f.len(), 1, "{f:#?}");
    let doc = PublishedDocument::from_text(&text);
    let report = audit_document(&doc, Catalogue::builtin());
    // the unreadable cell is left out, not read as 0: 201's 10.00 is not compared with 0
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error),
        "{:#?}",
        report.findings
    );
}

#[test]
fn page_tables_from_a_pdf_reader_are_joined_and_read_as_one_document() {
    use yusuan::audit::read::RawTable;
    let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    let header = row(&["科目编码", "科目名称", "合计"]);
    // a functional table continued on page 2 with its header printed again
    let page1 = RawTable {
        title: None,
        place: "page 1 table 1".into(),
        rows: vec![
            header.clone(),
            row(&["201", "一般公共服务支出", "10.00"]),
            row(&["20101", "人大事务", "6.00"]),
        ],
        unit: Some("万元".into()),
        after_heading: false,
    };
    let page2 = RawTable {
        title: None,
        place: "page 2 table 1".into(),
        rows: vec![
            header,
            row(&["20102", "政协事务", "4.00"]),
            row(&["合计", "", "10.00"]),
        ],
        unit: None,
        after_heading: false,
    };
    let doc = PublishedDocument::from_parts("一般公共服务支出 10.00 万元。", vec![page1, page2]);
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(doc.tables[0].raw.rows.len(), 5);
    assert_eq!(doc.narrative.sentences.len(), 1);
    let report = audit_document(&doc, Catalogue::builtin());
    assert_eq!(report.count(Severity::Error), 0, "{:#?}", report.findings);
    // 20102 changed to 5.00: 201 no longer adds up, found in the joined table
    let mut planted = doc.tables[0].raw.clone();
    planted.rows[3][2] = "5.00".into();
    let doc = PublishedDocument::from_parts("", vec![planted]);
    let report = audit_document(&doc, Catalogue::builtin());
    let f: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "table.subtotal")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(numbers(f[0]), ("10.00".into(), "11.00".into()));
}
