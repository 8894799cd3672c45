//! The Zhejiang template (`src/disclosure/templates/zhejiang_11.toml`) renders 杭州市气象局 2026
//! (`examples/data/hangzhou_meteorological_2026.json`) into the eleven published tables of
//! `tests/data/disclosures/20_hangzhou_meteorological_2026_dept`, cell for cell.
//!
//! Each rendered table is laid over the published grid of its page, row by row: every label
//! must read as printed (PDF wrapping removed), every printed money cell must equal the rendered
//! one (both parsed with `Amount::parse_in` in 万元), and every blank published cell must render
//! blank or zero. The tally of matched / published money cells per table is asserted, and every
//! unmatched cell is named with its reason. The narrative the template generates is compared
//! with the published text up to figures.

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Cell, Disclosure, Rounding, Table, Template};
use yusuan::{Amount, Unit};

mod common;
use common::squeeze;

const JSON: &str = include_str!("../examples/data/hangzhou_meteorological_2026.json");
const GRID: &str = include_str!("data/disclosures/20_hangzhou_meteorological_2026_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/20_hangzhou_meteorological_2026_dept.txt");

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Hangzhou budget builds")
}

fn tables() -> Vec<Table> {
    Disclosure::new(&budget(), Template::zhejiang_11()).tables(Rounding::Faithful)
}

/// The ruled table printed on `page`: its rows of trimmed cells.
fn grid(page: u32) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut inside = false;
    for line in GRID.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            inside = rest.split(' ').next() == Some(&page.to_string());
        } else if inside && !line.starts_with('#') && !line.trim().is_empty() {
            rows.push(line.split('|').map(|c| c.trim().to_string()).collect());
        }
    }
    assert!(!rows.is_empty(), "no table on page {page}");
    rows
}

/// The published data rows: after the `**` column-number row, or after `header` rows.
fn data_rows(rows: &[Vec<String>], header: usize) -> &[Vec<String>] {
    let start = rows
        .iter()
        .position(|r| r.iter().take(2).any(|c| c == "**"))
        .map_or(header, |i| i + 1);
    &rows[start..]
}

fn parse(text: &str, what: &str) -> Amount {
    Amount::parse_in(text, Unit::WanYuan).unwrap_or_else(|e| panic!("{what}: {text:?}: {e}"))
}

/// Matched / published money cells of one table, and what did not match.
#[derive(Default)]
struct Tally {
    published: usize,
    matched: usize,
    blank: usize,
    unmatched: Vec<String>,
}

/// Lays table `t` over the grid printed on `page`. `money` names the published columns that
/// hold amounts where the template renders no row (a body kind not rendered yet), and `gap`
/// says why.
fn compare(t: &Table, page: u32, money: &[usize], gap: &str) -> Tally {
    let printed = grid(page);
    let rows = data_rows(&printed, t.header.len());
    let mut tally = Tally::default();
    for (i, published) in rows.iter().enumerate() {
        let rendered = t.rows.get(i);
        for (k, p) in published.iter().enumerate() {
            let at = format!("表{} row {} col {k}", t.number, i + 1);
            match rendered.and_then(|r| r.cells.get(k)) {
                Some(Cell::Money { exact, shown }) => {
                    if p.is_empty() {
                        assert!(exact.is_zero(), "{at}: blank, rendered {shown:?}");
                        tally.blank += 1;
                        continue;
                    }
                    tally.published += 1;
                    let want = parse(p, &at);
                    let got = shown.map(|d| parse(&d.to_string(), &at));
                    if got == Some(want) {
                        tally.matched += 1;
                    } else {
                        tally
                            .unmatched
                            .push(format!("{at}: printed {p}, rendered {shown:?}"));
                    }
                }
                Some(Cell::Text(r)) => {
                    if r.is_empty() && !p.is_empty() && Amount::parse_in(p, Unit::WanYuan).is_ok() {
                        // an amount under a column the template prints blank
                        tally.published += 1;
                        tally
                            .unmatched
                            .push(format!("{at}: printed {p}, rendered blank"));
                    } else {
                        assert_eq!(squeeze(r), squeeze(p), "{at}: label");
                    }
                }
                None if money.contains(&k) && !p.is_empty() => {
                    tally.published += 1;
                    tally.unmatched.push(format!("{at}: printed {p}; {gap}"));
                }
                None => assert!(
                    p.is_empty() || rendered.is_none(),
                    "{at}: printed {p:?} beyond the rendered row"
                ),
            }
        }
    }
    if !t.rows.is_empty() {
        assert_eq!(t.rows.len(), rows.len(), "表{}: rows", t.number);
    }
    tally
}

/// Each table: its page, the published money columns where no row renders, and why.
const PAGES: [(u32, &[usize], &str); 11] = [
    (15, &[], ""),
    (16, &[], ""),
    (17, &[], ""),
    (18, &[], ""),
    (19, &[], ""),
    (20, &[], ""),
    (21, &[], ""),
    (22, &[], ""),
    (23, &[], ""),
    (24, &[], ""),
    (25, &[], ""),
];

/// Matched / published money cells per table, counted on the published document: every
/// non-blank amount of its grid.
const EXPECTED: [(usize, usize); 11] = [
    (24, 24),
    (16, 16),
    (47, 47),
    (22, 22),
    (61, 61),
    (81, 81),
    (12, 12),
    (0, 0),
    (0, 0),
    (11, 11),
    (3, 3),
];

#[test]
fn every_money_cell_of_every_table_matches_the_publication() {
    let tables = tables();
    assert_eq!(tables.len(), 11);
    let (mut matched, mut published) = (0, 0);
    for ((t, (page, money, gap)), expected) in tables.iter().zip(PAGES).zip(EXPECTED) {
        let tally = compare(t, page, money, gap);
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
    eprintln!("杭州市气象局 2026: {matched}/{published} money cells");
    assert_eq!((matched, published), (277, 277));
}

#[test]
fn the_project_targets_table_prints_each_projects_unit_amount_and_goal() {
    let t = &tables()[10];
    let tally = compare(t, 25, &[], "");
    assert!(tally.unmatched.is_empty(), "{:#?}", tally.unmatched);
    // 表11's 金额 of 气象业务建设, 气象设施维护及科普 and 专业系统维护及科普, as printed
    let amounts: Vec<String> = t.rows.iter().map(|r| t.shown(&r.cells[2])).collect();
    assert_eq!(amounts, ["1,097.02", "887.90", "146.69"]);
}

#[test]
fn titles_headers_and_notes_are_as_published() {
    let tables = tables();
    for t in &tables {
        let title = format!("表{}：{}", t.number, t.title);
        assert!(TEXT.contains(&title), "{title}");
    }
    // headers as the grid prints them (表8/表9's grids are mangled by the extractor)
    for (t, (page, _, _)) in tables.iter().zip(PAGES) {
        if matches!(t.number, 8 | 9) {
            continue;
        }
        let printed = grid(page);
        for (h, p) in t.header.iter().zip(&printed) {
            let h: Vec<String> = h.iter().map(|c| squeeze(c)).collect();
            let p: Vec<String> = p.iter().map(|c| squeeze(c)).collect();
            assert_eq!(h, p, "表{} header", t.number);
        }
    }
    let notes: Vec<(u32, &str)> = tables
        .iter()
        .filter_map(|t| t.note.as_deref().map(|n| (t.number, n)))
        .collect();
    assert_eq!(notes.len(), 4, "{notes:#?}");
    for (n, note) in notes {
        assert!(TEXT.contains(note), "表{n}: {note}");
    }
    // 表8 and 表9 are empty: only their 合计 row, without amounts
    for t in &tables[7..9] {
        assert_eq!(t.rows.len(), 1);
        assert!(t.rows[0].cells.iter().skip(1).all(|c| c.text().is_empty()));
    }
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
    let narrative = Disclosure::new(&budget(), Template::zhejiang_11()).narrative();
    // the text without page markers and page numbers
    let body: String = TEXT
        .lines()
        .filter(|l| !l.starts_with("=====") && !l.starts_with('#'))
        .filter(|l| l.trim().parse::<u32>().is_err())
        .collect();
    let exact = squeeze(&body);
    let published = figures_out(&body);
    let mut paragraphs = 0;
    let mut same_figures = 0;
    for s in &narrative {
        assert!(exact.contains(&squeeze(&s.title)), "title {}", s.title);
        for p in &s.paragraphs {
            assert!(published.contains(&figures_out(p)), "{p}");
            paragraphs += 1;
            same_figures += usize::from(exact.contains(&squeeze(p)));
        }
    }
    eprintln!("{paragraphs} paragraphs, {same_figures} with the published figures too");
    assert_eq!(narrative.len(), 6);
    assert_eq!((paragraphs, same_figures), (17, 17));
}
