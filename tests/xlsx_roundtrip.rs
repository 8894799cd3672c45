//! Workbooks (feature `xlsx`): every built-in template's workbook, read back with calamine,
//! gives exactly the rendered cells (values, blanks, merged header texts), notes, titles and
//! units, under both rounding modes; the read-back workbook audits as the rendered text does;
//! the seed's workbook holds every published cell of 表1–表12 and the six 绩效目标表; an amount
//! typed wrong in a workbook is found by auditing it.

#![cfg(feature = "xlsx")]

use yusuan::audit::{Finding, Severity, audit};
use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Disclosure, Rounding, Table, Template, render};
use yusuan::xlsx::{PublishedWorkbook, read_workbook, workbook};

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

mod common;

const SEED_JSON: &str = include_str!("../examples/data/alashankou_2026.json");

fn seed() -> DepartmentBudget {
    serde_json::from_str(SEED_JSON).unwrap()
}

fn synthetic_budget() -> DepartmentBudget {
    synthetic::builder_from_leaves(&synthetic::leaves(300, 7))
        .build()
        .unwrap()
}

/// Every printed row of a rendered table, as the grids have them: info rows, header rows (a
/// merged cell's text once, the cells it covers empty), body rows.
fn rendered_rows(t: &Table) -> Vec<Vec<String>> {
    let cells = |r: &yusuan::disclosure::Row| r.cells.iter().map(|c| t.shown(c)).collect();
    t.info
        .iter()
        .map(cells)
        .chain(t.header.iter().cloned())
        .chain(t.rows.iter().map(cells))
        .collect()
}

/// The tables of a disclosure as the workbook holds them: numbered, then the 绩效目标表.
fn all_tables(d: &Disclosure<'_>, rounding: Rounding) -> Vec<Table> {
    d.tables(rounding)
        .into_iter()
        .chain(d.target_tables(rounding))
        .collect()
}

/// Compares every table of the workbook with the rendered tables; returns the cells compared.
fn assert_reads_back(name: &str, tables: &[Table], book: &PublishedWorkbook) -> usize {
    assert_eq!(book.tables.len(), tables.len(), "{name}: tables");
    assert_eq!(book.notes.len(), tables.len(), "{name}: notes");
    let mut cells = 0;
    for ((t, raw), notes) in tables.iter().zip(&book.tables).zip(&book.notes) {
        let at = format!("{name} / {}", raw.place);
        assert_eq!(raw.title.as_deref(), Some(t.title.as_str()), "{at}: title");
        assert_eq!(raw.unit, Some(t.unit.to_string()), "{at}: unit");
        let ours = rendered_rows(t);
        let theirs = &raw.rows;
        assert_eq!(theirs.len(), ours.len(), "{at}: rows");
        for (i, (a, b)) in ours.iter().zip(theirs).enumerate() {
            assert_eq!(a, b, "{at}: row {}", i + 1);
            cells += a.len();
        }
        assert_eq!(
            notes,
            &t.note.iter().cloned().collect::<Vec<_>>(),
            "{at}: note"
        );
    }
    cells
}

#[test]
fn every_builtin_templates_workbook_reads_back_as_rendered() {
    let b = synthetic_budget();
    let mut total = 0;
    for template in Template::builtins() {
        let d = Disclosure::new(&b, template.clone());
        for rounding in [Rounding::Faithful, Rounding::Footing] {
            let bytes = workbook(&d, rounding).unwrap();
            let book = read_workbook(&bytes).unwrap();
            let tables = all_tables(&d, rounding);
            total += assert_reads_back(&template.name, &tables, &book);
            // the narrative on its own sheet, every paragraph a line
            let narrative: Vec<String> = d
                .narrative()
                .iter()
                .flat_map(|s| std::iter::once(s.title.clone()).chain(s.paragraphs.clone()))
                .collect();
            assert_eq!(book.texts.len(), 1, "{}", template.name);
            assert_eq!(book.texts[0].sheet, "情况说明");
            assert_eq!(book.texts[0].lines, narrative, "{}", template.name);
        }
    }
    println!("built-in templates: {total} cells read back as rendered");
}

#[test]
fn the_seeds_workbook_reads_back_as_rendered() {
    let b = seed();
    let d = Disclosure::new(&b, Template::xinjiang_2026());
    for rounding in [Rounding::Faithful, Rounding::Footing] {
        let book = read_workbook(&workbook(&d, rounding).unwrap()).unwrap();
        let tables = all_tables(&d, rounding);
        assert_eq!(tables.len(), 12 + 6);
        let cells = assert_reads_back("seed", &tables, &book);
        println!("seed ({rounding:?}): {cells} cells read back as rendered");
    }
}

/// A finding as compared between two audits.
fn key(f: &Finding) -> String {
    format!(
        "{} {:?} {:?} {:?} {:?} {:?}",
        f.rule, f.severity, f.row, f.column, f.stated, f.computed
    )
}

/// Findings the auditor reports on the Jiangsu template's own wording (see
/// tests/template_format.rs, AUDITOR_MISREADINGS): (template, rule, phrase the row starts with).
const MISREADINGS: &[(&str, &str, &str)] = &[
    ("江苏 (13 tables)", "narrative.table", "支出预算"),
    ("江苏 (13 tables)", "narrative.table", "人员经费"),
    ("江苏 (13 tables)", "narrative.table", "公用经费"),
];

/// The rendered text the auditor reads: each table in the seed's layout, then the narrative.
fn rendered_text(d: &Disclosure<'_>) -> String {
    let tables: Vec<String> = d
        .tables(Rounding::Faithful)
        .iter()
        .chain(&d.target_tables(Rounding::Faithful))
        .map(render::tsv)
        .collect();
    let narrative: Vec<String> = d
        .narrative()
        .iter()
        .flat_map(|s| std::iter::once(s.title.clone()).chain(s.paragraphs.clone()))
        .collect();
    format!("{}\n{}", tables.join("\n"), narrative.join("\n"))
}

fn errors_and_warnings(text: &str) -> Vec<Finding> {
    audit(text, yusuan::Catalogue::builtin())
        .findings
        .into_iter()
        .filter(|f| f.severity != Severity::Info)
        .collect()
}

#[test]
fn every_workbook_read_back_audits_clean() {
    let synthetic = synthetic_budget();
    let seed = seed();
    let mut cases: Vec<(String, Disclosure<'_>)> = Template::builtins()
        .into_iter()
        .map(|t| (t.name.clone(), Disclosure::new(&synthetic, t)))
        .collect();
    cases.push((
        "seed".to_string(),
        Disclosure::new(&seed, Template::xinjiang_2026()),
    ));
    for (name, d) in &cases {
        let bytes = workbook(d, Rounding::Faithful).unwrap();
        let book = read_workbook(&bytes).unwrap();
        let report = audit(&book.document(), yusuan::Catalogue::builtin());
        assert_eq!(
            report.tables.len(),
            book.tables.len(),
            "{name}: tables audited"
        );
        let ours: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
            .collect();
        let misread = |f: &Finding| {
            MISREADINGS.iter().any(|(t, rule, phrase)| {
                t == name
                    && f.rule == *rule
                    && f.row.as_deref().is_some_and(|r| r.starts_with(phrase))
            })
        };
        let bad: Vec<_> = ours.iter().filter(|f| !misread(f)).collect();
        assert!(bad.is_empty(), "{name}: {bad:#?}");
        // and the workbook audits exactly as the rendered text does
        let direct: Vec<String> = errors_and_warnings(&rendered_text(d))
            .iter()
            .map(key)
            .collect();
        let from_book: Vec<String> = ours.iter().map(|f| key(f)).collect();
        assert_eq!(from_book, direct, "{name}");
    }
}

/// Names the seed prints differently from the catalogue (see tests/disclosure_codes.rs).
const NAME_DIFFERENCES: &[(&str, &str)] = &[("技术研究与开发", "技术与开发")];

/// A cell as compared with the published text: spaces from PDF line wrapping removed, the
/// catalogue's names in the seed's wording.
fn squeeze(cell: &str) -> String {
    let mut c: String = cell.chars().filter(|ch| !ch.is_whitespace()).collect();
    for (ours, theirs) in NAME_DIFFERENCES {
        if c == *ours {
            c = theirs.to_string();
        }
    }
    c
}

fn squeezed(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| squeeze(c)).collect())
        .collect()
}

/// The published 绩效目标表 blocks: the 部门整体 table, then the five 项目支出 tables.
fn published_target_blocks() -> Vec<&'static str> {
    let text = common::SEED_TEXT;
    let start = text.find("## 部门整体绩效目标表").unwrap();
    let projects = text.find("## 项目支出绩效目标表").unwrap();
    let end = text.find("### (五) 其他需说明的事项").unwrap();
    let mut blocks = vec![&text[start..projects]];
    blocks.extend(text[projects..end].split("## 项目支出绩效目标表").skip(1));
    blocks
}

#[test]
fn the_seeds_workbook_holds_every_published_cell() {
    let b = seed();
    let d = Disclosure::new(&b, Template::xinjiang_2026());
    let book = read_workbook(&workbook(&d, Rounding::Faithful).unwrap()).unwrap();
    assert_eq!(book.tables.len(), 18);
    let mut published_blocks: Vec<Vec<Vec<String>>> = (1..=12)
        .map(|n| common::tab_rows(common::seed_table(n)))
        .collect();
    published_blocks.extend(
        published_target_blocks()
            .iter()
            .map(|b| common::tab_rows(b)),
    );
    let (mut cells, mut filled) = (0, 0);
    for (i, (raw, published)) in book.tables.iter().zip(&published_blocks).enumerate() {
        let mut ours = squeezed(&raw.rows);
        let mut theirs = squeezed(published);
        // 表11 lists its projects in an order the budget does not record: compare as sets.
        if i == 10 {
            ours.sort();
            theirs.sort();
        }
        assert_eq!(ours.len(), theirs.len(), "{}: rows", raw.place);
        for (r, (a, p)) in ours.iter().zip(&theirs).enumerate() {
            assert_eq!(a, p, "{} row {}", raw.place, r + 1);
            cells += p.len();
            filled += p.iter().filter(|c| !c.is_empty()).count();
        }
        // the sheet names the table as published
        if i < 12 {
            assert_eq!(
                raw.place,
                format!("表{} {}", i + 1, raw.title.as_deref().unwrap())
            );
            assert!(common::SEED_TEXT.contains(&format!("\n表 {}\n", i + 1)));
        }
    }
    let published: usize = published_blocks
        .iter()
        .map(|b| b.iter().map(Vec::len).sum::<usize>())
        .sum();
    assert_eq!(cells, published);
    println!(
        "seed workbook: {cells}/{published} published cells equal ({filled} non-empty), 12 tables and 6 绩效目标表"
    );
}

/// A bureau's workbook with one amount typed wrong: the audit of the workbook finds it, in the
/// table, row and column where it was typed, with the amount its parts add up to.
#[test]
fn a_workbook_edited_by_hand_is_caught_before_publication() {
    use yusuan::disclosure::Cell;
    let b = seed();
    let d = Disclosure::new(&b, Template::xinjiang_2026());
    let mut tables = d.tables(Rounding::Faithful);
    // 表3 部门支出总体情况表, row 206 科学技术支出, column 合计: published 95.62; typed 95.72
    let t3 = &mut tables[2];
    assert_eq!(t3.rows[0].cells[3].text(), "科学技术支出");
    let cell = &mut t3.rows[0].cells[4];
    assert_eq!(cell.text(), "95.62");
    if let Cell::Money { shown, .. } = cell {
        *shown = Some("95.72".parse().unwrap());
    }
    let bytes = yusuan::xlsx::tables_workbook(
        &tables,
        &d.narrative(),
        &d.target_tables(Rounding::Faithful),
    )
    .unwrap();
    let report = yusuan::xlsx::audit_workbook(&bytes, yusuan::Catalogue::builtin()).unwrap();
    let errors: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    assert!(!errors.is_empty());
    for f in &errors {
        println!(
            "{} {:?} {:?} stated {:?} computed {:?}",
            f.rule, f.row, f.column, f.stated, f.computed
        );
    }
    let stated = Some("95.72".parse().unwrap());
    assert!(
        errors
            .iter()
            .all(|f| f.tables.iter().any(|t| t.contains("部门支出总体情况表"))),
        "{errors:#?}"
    );
    // 206 against its 款 (68.62 + 9.00 + 4.00 + 14.00) and against 基本 + 项目 (68.62 + 27.00)
    let on_206: Vec<_> = errors
        .iter()
        .filter(|f| f.row.as_deref().is_some_and(|r| r.starts_with("206")) && f.stated == stated)
        .collect();
    assert!(!on_206.is_empty(), "{errors:#?}");
    assert!(
        on_206
            .iter()
            .all(|f| f.computed == Some("95.62".parse().unwrap())),
        "{on_206:#?}"
    );
}
