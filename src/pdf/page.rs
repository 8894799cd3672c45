//! One page read: its lines, its narrative (lines outside tables, page numbers dropped) and its
//! tables with the title and unit printed above each.

use super::geom::{Glyph, PageContent, Pt};
use super::grid::{Grid, fill};
use super::ruling;
use super::text::{TextLine, lines};
use crate::audit::read::RawTable;

/// What one page holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PageRead {
    pub lines: Vec<String>,
    pub narrative: Vec<String>,
    pub tables: Vec<RawTable>,
}

/// Reads tables and text from a page's content; `number` is the 1-based page number.
pub(crate) fn read(content: &PageContent, number: usize) -> PageRead {
    let edges = ruling::edges(content);
    let groups = ruling::tables(ruling::cells(&edges), &content.glyphs);
    let grids: Vec<Grid> = groups
        .iter()
        .filter_map(|cells| fill(cells, &content.glyphs))
        .collect();
    let all = lines(&content.glyphs);
    let outside: Vec<&Glyph> = content
        .glyphs
        .iter()
        .filter(|g| !grids.iter().any(|t| t.bbox.holds(g.cx(), g.cy())))
        .collect();
    let narrative_lines = lines(outside.iter().copied());
    let mut tables = Vec::with_capacity(grids.len());
    let mut above_from: Pt = 0;
    for (k, grid) in grids.iter().enumerate() {
        let above: Vec<&TextLine> = narrative_lines
            .iter()
            .filter(|l| l.rect.bottom <= grid.bbox.top + grid.bbox.height().min(200) / 2)
            .filter(|l| l.rect.top >= above_from)
            .filter(|l| l.rect.x1 > grid.bbox.x0 && l.rect.x0 < grid.bbox.x1)
            .collect();
        above_from = grid.bbox.bottom;
        let title = title(&above);
        tables.push(RawTable {
            after_heading: title.as_deref().is_some_and(|t| !t.contains('续')),
            title,
            place: format!("page {number} table {}", k + 1),
            rows: grid.rows.clone(),
            unit: unit(&above),
        });
    }
    let height = content.height;
    PageRead {
        lines: all.iter().map(|l| l.text.clone()).collect(),
        narrative: narrative_lines
            .iter()
            .filter(|l| !is_page_number(l, height))
            .map(|l| l.text.clone())
            .collect(),
        tables,
    }
}

fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '|')
        .collect()
}

/// The unit stated above a table (`单位：万元`, `金额单位：元`), nearest first.
fn unit(above: &[&TextLine]) -> Option<String> {
    above.iter().rev().find_map(|l| {
        l.text.split(" | ").find_map(|part| {
            let s = squeeze(part);
            let at = s
                .find("单位：")
                .map(|i| i + "单位：".len())
                .or_else(|| s.find("单位:").map(|i| i + 1 + "单位".len()))?;
            let u = s
                .get(at..)?
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')']);
            (u.contains('元') && u.chars().count() <= 6).then(|| u.to_string())
        })
    })
}

/// The heading above a table: the nearest line naming a table (`…表`), not a unit or unit-name
/// line.
fn title(above: &[&TextLine]) -> Option<String> {
    above.iter().rev().find_map(|l| {
        let s = squeeze(&l.text);
        let is_meta = s.contains("单位：") || s.contains("单位:") || s.starts_with("单位");
        let names_table = s.contains('表') && s.chars().count() <= 40;
        (!is_meta && names_table).then(|| l.text.replace(" | ", " ").trim().to_string())
    })
}

/// A page number or running page mark in the top or bottom margin ("3", "- 3 -", "第3页").
fn is_page_number(l: &TextLine, page_height: Pt) -> bool {
    let s = squeeze(&l.text);
    let marks = s
        .chars()
        .all(|c| c.is_ascii_digit() || "-—－–第页共/".contains(c));
    let in_margin = l.rect.bottom < page_height / 10 || l.rect.top > page_height - page_height / 8;
    marks && s.chars().any(|c| c.is_ascii_digit()) && in_margin
}

/// The rectangle of a text line, for tests.
#[cfg(test)]
fn line(text: &str, top: Pt) -> TextLine {
    TextLine {
        rect: super::geom::Rect {
            x0: 0,
            top,
            x1: 1000,
            bottom: top + 100,
        },
        text: text.into(),
        size: 100,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_and_title_come_from_the_lines_above() {
        let a = line("收入总体情况表", 0);
        let b = line("部门（单位）：烟台市信访局 | 单位：万元", 200);
        let above = [&a, &b];
        assert_eq!(unit(&above).as_deref(), Some("万元"));
        assert_eq!(title(&above).as_deref(), Some("收入总体情况表"));
    }

    #[test]
    fn page_numbers_only_in_the_margins() {
        assert!(is_page_number(&line("- 3 -", 9_500), 10_000));
        assert!(!is_page_number(&line("2026", 5_000), 10_000));
    }
}
