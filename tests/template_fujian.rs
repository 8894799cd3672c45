//! The Fujian template (`src/disclosure/templates/fujian_10.toml`) renders 福州市民政局（本级）
//! 2026 (`examples/data/fuzhou_civil_affairs_2026.json`) into the ten published tables of
//! `tests/data/disclosures/23_fuzhou_civil_affairs_2026_unit`, cell for cell, and into its
//! project target tables.
//!
//! Each rendered table is laid over the published grid of its pages, row by row: every label
//! must read as printed (PDF wrapping removed), every printed money cell must equal the rendered
//! one (both parsed with `Amount::parse_in` in 万元), and every blank published cell must render
//! blank. The tally of matched / published money cells per table is asserted, and every
//! unmatched cell is named with its reason. The narrative the template generates is compared
//! with the published text up to figures.

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Cell, Disclosure, Rounding, Table, Template};
use yusuan::{Amount, Unit};

mod common;
use common::squeeze;

const JSON: &str = include_str!("../examples/data/fuzhou_civil_affairs_2026.json");
const GRID: &str = include_str!("data/disclosures/23_fuzhou_civil_affairs_2026_unit.grid.txt");
const TEXT: &str = include_str!("data/disclosures/23_fuzhou_civil_affairs_2026_unit.txt");

/// The unit's name as its tables print it: 表二's 单位名称 and the target tables' 主管部门 drop
/// the "(本级)" that the cover, the unit list and the narrative print.
const SHORT_NAME: &str = "福州市民政局";

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Fuzhou budget builds")
}

fn template() -> Template {
    Template::builtin("fujian_10.toml").expect("the Fujian template is built in")
}

fn disclosure(b: &DepartmentBudget) -> Disclosure<'_> {
    Disclosure::new(b, template())
}

/// The ruled tables printed on `page`, each its rows of trimmed cells.
fn grids(page: u32) -> Vec<Vec<Vec<String>>> {
    common::page_tables(GRID, page)
}

/// The published data rows of a table printed over `pages`: the first page's rows after its
/// `header` rows, then the rows of the pages it continues on (printed without a header).
fn published_rows(pages: &[u32], header: usize) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let g = grids(*page).swap_remove(0);
        rows.extend(g.into_iter().skip(if i == 0 { header } else { 0 }));
    }
    rows
}

fn parse(text: &str, what: &str) -> Amount {
    Amount::parse_in(text, Unit::WanYuan).unwrap_or_else(|e| panic!("{what}: {text:?}: {e}"))
}

/// A rendered label against a printed one: equal once PDF wrapping and bracket widths are
/// removed, or the unit's name where the tables print it short.
fn same_label(rendered: &str, printed: &str, name: &str) -> bool {
    squeeze(rendered) == squeeze(printed) || (rendered == name && squeeze(printed) == SHORT_NAME)
}

/// Matched / published money cells of one table, and what did not match.
#[derive(Default)]
struct Tally {
    published: usize,
    matched: usize,
    blank: usize,
    unmatched: Vec<String>,
}

impl Tally {
    fn money(
        &mut self,
        at: &str,
        printed: &str,
        exact: &Amount,
        shown: &Option<rust_decimal::Decimal>,
    ) {
        if printed.is_empty() {
            assert!(
                shown.is_none() && exact.is_zero(),
                "{at}: blank, rendered {shown:?}"
            );
            self.blank += 1;
            return;
        }
        self.published += 1;
        let want = parse(printed, at);
        let got = shown.map(|d| parse(&d.to_string(), at));
        if got == Some(want) {
            self.matched += 1;
        } else {
            self.unmatched
                .push(format!("{at}: printed {printed}, rendered {shown:?}"));
        }
    }
}

/// Lays table `t` over its published rows.
fn compare(t: &Table, pages: &[u32]) -> Tally {
    let rows = published_rows(pages, t.header.len());
    let mut tally = Tally::default();
    assert_eq!(t.rows.len(), rows.len(), "表{}: rows", t.number);
    for (i, (published, rendered)) in rows.iter().zip(&t.rows).enumerate() {
        for (k, p) in published.iter().enumerate() {
            let at = format!("表{} row {} col {k}", t.number, i + 1);
            match rendered.cells.get(k) {
                Some(Cell::Money { exact, shown }) => tally.money(&at, p, exact, shown),
                Some(Cell::Text(r)) => {
                    assert!(
                        same_label(r, p, &t.department),
                        "{at}: label {r:?}, printed {p:?}"
                    );
                }
                None => assert!(p.is_empty(), "{at}: printed {p:?} beyond the rendered row"),
            }
        }
    }
    tally
}

/// Each table's pages.
const PAGES: [&[u32]; 10] = [
    &[12],
    &[13],
    &[14],
    &[15],
    &[16],
    &[17],
    &[18],
    &[19],
    &[20, 21, 22],
    &[23],
];

/// Matched / published money cells per table, counted on the published document: every
/// non-blank amount of its grid (0.00 in the 合计 rows included).
const EXPECTED: [(usize, usize); 10] = [
    (11, 11),
    (15, 15),
    (41, 41),
    (7, 7),
    (32, 32),
    (9, 9),
    (3, 3),
    (5, 5),
    (23, 23),
    (6, 6),
];

#[test]
fn every_money_cell_of_the_ten_tables_matches_the_publication() {
    let b = budget();
    let tables = disclosure(&b).tables(Rounding::Faithful);
    assert_eq!(tables.len(), 10);
    let (mut matched, mut published) = (0, 0);
    for ((t, pages), expected) in tables.iter().zip(PAGES).zip(EXPECTED) {
        let tally = compare(t, pages);
        eprintln!(
            "表{} {}: {}/{} printed money cells matched, {} blank cells blank",
            t.number, t.title, tally.matched, tally.published, tally.blank
        );
        for u in &tally.unmatched {
            eprintln!("  unmatched: {u}");
        }
        assert_eq!(
            (tally.matched, tally.published),
            expected,
            "{:#?}",
            tally.unmatched
        );
        matched += tally.matched;
        published += tally.published;
    }
    eprintln!("福州市民政局(本级) 2026: {matched}/{published} money cells");
    assert_eq!((matched, published), (152, 152));
}

#[test]
fn titles_headers_and_notes_are_as_published() {
    let b = budget();
    let tables = disclosure(&b).tables(Rounding::Faithful);
    let text = squeeze(TEXT);
    const NUMBERS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    for (t, n) in tables.iter().zip(NUMBERS) {
        // the heading 一、收支预算总表 and the title 2026 年度收支预算总表 under it
        let stem = t.title.trim_start_matches("2026年度");
        let heading = squeeze(&format!("{n}、{stem}\n{}", t.title));
        assert!(text.contains(&heading), "{heading}");
        assert_eq!(t.unit, Unit::WanYuan);
    }
    for (t, pages) in tables.iter().zip(PAGES) {
        let printed = grids(pages[0]).swap_remove(0);
        for (h, p) in t.header.iter().zip(&printed) {
            let h: Vec<String> = h.iter().map(|c| squeeze(c)).collect();
            let p: Vec<String> = p.iter().map(|c| squeeze(c)).collect();
            assert_eq!(h, p, "表{} header", t.number);
        }
    }
    // 表七 is empty: its 合计 row of 0.00 and the note under it
    let empty: Vec<(u32, &str)> = tables
        .iter()
        .filter_map(|t| t.note.as_deref().map(|n| (t.number, n)))
        .collect();
    assert_eq!(empty.len(), 1, "{empty:#?}");
    assert_eq!(empty[0].0, 7);
    assert!(text.contains(&squeeze(empty[0].1)), "{}", empty[0].1);
    assert_eq!(tables[6].rows.len(), 1);
    assert_eq!(tables[6].rows[0].cells[2].text(), "0.00");
}

/// The published project target tables: (page, project name as printed, its grid).
fn published_targets() -> Vec<(u32, String, Vec<Vec<String>>)> {
    let mut out = Vec::new();
    for page in 28..=52 {
        for g in grids(page) {
            if let Some(name) = g
                .iter()
                .find(|r| squeeze(&r[0]) == "项目名称")
                .map(|r| squeeze(&r[1]))
            {
                out.push((page, name, g));
            }
        }
    }
    out
}

#[test]
fn the_project_target_tables_match_the_units_own_projects() {
    let b = budget();
    let rendered = disclosure(&b).target_tables(Rounding::Faithful);
    assert_eq!(rendered.len(), 9);
    let text = squeeze(TEXT);
    for t in &rendered {
        assert!(text.contains(&squeeze(&t.title)), "{}", t.title);
    }
    let mut tally = Tally::default();
    let published = published_targets();
    assert_eq!(published.len(), 25); // 24 projects, e福州 printed twice (pages 28 and 52)
    for (page, name, grid) in &published {
        let table = rendered
            .iter()
            .find(|t| squeeze(&t.info[0].cells[1].text()) == *name);
        for row in grid {
            let label = squeeze(&row[1]);
            if !matches!(label.as_str(), "资金总额" | "财政拨款" | "其他资金") {
                continue;
            }
            let printed = row
                .iter()
                .skip(2)
                .find(|c| !c.is_empty())
                .map_or("", String::as_str);
            let at = format!("p{page} {name} {label}");
            let Some(t) = table else {
                tally.published += 1;
                tally.unmatched.push(format!(
                    "{at}: printed {printed}; not in the unit's budget (a transfer the bureau manages, budgeted elsewhere)"
                ));
                continue;
            };
            let info = t
                .info
                .iter()
                .find(|r| r.cells[1].text() == label)
                .unwrap_or_else(|| panic!("{at}: no info row"));
            match &info.cells[3] {
                Cell::Money { exact, shown } => tally.money(&at, printed, exact, shown),
                other => panic!("{at}: {other:?}"),
            }
        }
        if let Some(t) = table {
            // page 28's table is ruled in two grids: the 年度目标 row opens the second
            let goal = grids(*page)
                .into_iter()
                .flatten()
                .find(|r| squeeze(&r[0]) == "年度目标")
                .expect("年度目标");
            assert_eq!(
                squeeze(&t.info[5].cells[1].text()),
                squeeze(&goal[1]),
                "p{page} goal"
            );
            assert_eq!(t.info[1].cells[4].text(), SHORT_NAME, "p{page} 实施单位");
        }
    }
    eprintln!(
        "项目支出绩效目标表: {}/{} printed money cells matched",
        tally.matched, tally.published
    );
    for u in &tally.unmatched {
        eprintln!("  unmatched: {u}");
    }
    // the nine projects of the unit's 项目支出 (ten tables) match; fifteen tables (45 cells)
    // are of transfers outside the unit's budget, a model gap
    assert_eq!(
        (tally.matched, tally.published),
        (30, 75),
        "{:#?}",
        tally.unmatched
    );
}

/// Replaces each figure (digits, separators, decimal point) with `#`.
fn figures_out(s: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in squeeze(s).chars() {
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
    out
}

#[test]
fn every_narrative_paragraph_occurs_in_the_published_text() {
    let b = budget();
    let narrative = disclosure(&b).narrative();
    // the text without page markers and page numbers
    let body: String = TEXT
        .lines()
        .filter(|l| !l.starts_with("=====") && !l.starts_with('#'))
        .filter(|l| l.trim().parse::<u32>().is_err())
        .collect();
    let exact = squeeze(&body);
    let published = figures_out(&body);
    let mut paragraphs = 0;
    let mut same_figures = Vec::new();
    for s in &narrative {
        assert!(exact.contains(&squeeze(&s.title)), "title {}", s.title);
        for p in &s.paragraphs {
            assert!(published.contains(&figures_out(p)), "{p}");
            paragraphs += 1;
            if exact.contains(&squeeze(p)) {
                same_figures.push(p);
            } else {
                eprintln!("up to figures only: {p}");
            }
        }
    }
    eprintln!(
        "{paragraphs} paragraphs, {} with the published figures too",
        same_figures.len()
    );
    assert_eq!(narrative.len(), 8);
    // 八(二) and 八(四) print 156.5, 4.5, 0, 152 and 277 without trailing zeros: up to figures
    assert_eq!((paragraphs, same_figures.len()), (30, 28));
}

/// A small template with one listed economic tree (the options this family added).
fn listed_template(body_kind: &str, listed: &str, title: &str) -> String {
    format!(
        "name = \"listed\"\n[format]\nunit = \"万元\"\n[[table]]\ntitle = \"t\"\n\
         header = [[\"科目编码\", \"科目名称\", \"预算数\", \"其他\"]]\n[table.body]\n\
         kind = \"{body_kind}\"\ncodes = \"whole\"\nlines = {{ spending = [\"basic\"] }}\n\
         total = {{ label = \"合计\", at = \"first\", top = true, show_zero = true }}\n\
         columns = [{{ lines = {{}} }}, {{ lines = {{ source = [] }} }}]\nlisted = [{listed}]\n\
         [[target_table]]\ntitle = \"{title}\"\nheader = [[\"三级指标\", \"指标值\"]]\n\
         [target_table.body]\nkind = \"project_targets\"\n\
         indicators = [{{ field = \"third_level\" }}, {{ field = \"target\" }}]\n"
    )
}

#[test]
fn a_listed_economic_tree_prints_the_forms_codes_and_every_line() {
    let b = budget();
    let toml = listed_template(
        "economic_tree",
        "\"302\", \"30201\", \"30202\"",
        "{project}绩效表",
    );
    let t = Template::from_toml("listed.toml", &toml).expect("the template reads");
    let d = Disclosure::new(&b, t);
    let table = &d.tables(Rounding::Faithful)[0];
    let codes: Vec<String> = table.rows.iter().map(|r| r.cells[0].text()).collect();
    // the listed 302 with its listed 款 (30202 without money) and the 款 with money the list
    // lacks, in code order; then 301 and 303, which have money and are not listed
    assert_eq!(
        codes[..11],
        [
            "合计", "302", "30201", "30202", "30212", "30217", "30228", "30231", "30239", "30299",
            "301"
        ]
    );
    assert_eq!(codes.last().map(String::as_str), Some("30399"));
    let amount = |code: &str, col: usize| {
        let row = table
            .rows
            .iter()
            .find(|r| r.cells[0].text() == code)
            .expect(code);
        row.cells[col].text()
    };
    // 表九's figures; the total is every basic line (1,451.64)
    assert_eq!(amount("合计", 2), "1451.64");
    assert_eq!(amount("302", 2), "109.35");
    assert_eq!(amount("30201", 2), "1.77");
    assert_eq!(amount("30202", 2), "");
    // show_zero: the 合计 row prints its zero as 0.00, the other rows blank
    assert_eq!(amount("合计", 3), "0.00");
    assert_eq!(amount("302", 3), "");
    // {project} in a project target table's title
    let targets = d.target_tables(Rounding::Faithful);
    assert_eq!(targets[0].title, "e福州留守困境儿童关爱帮扶专栏绩效表");
}

#[test]
fn listed_codes_and_project_titles_are_checked_when_a_template_is_read() {
    let cases = [
        (
            listed_template("functional_tree", "\"302\"", "t"),
            "listed",
            "economic_tree",
        ),
        (
            listed_template("economic_tree", "\"3x2\"", "t"),
            "listed",
            "not an economic",
        ),
        (
            listed_template("economic_tree", "\"302\"", "{goal}表"),
            "title",
            "{project}",
        ),
    ];
    for (toml, field, words) in cases {
        let e = Template::from_toml("bad.toml", &toml).expect_err("a malformed template");
        assert_eq!(e.file, "bad.toml");
        assert_eq!(e.field.as_deref(), Some(field), "{e}");
        if field == "listed" {
            assert_eq!(e.line, Some(13), "{e}"); // the line of `listed = […]`
        }
        assert!(e.message.contains(words), "{e}");
    }
}
