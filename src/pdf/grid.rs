//! A table's cells as rows of strings: one row per distinct cell top, one column per distinct
//! cell left side; a merged cell gives its text once, in its top-left slot, and leaves the slots
//! it covers empty.

use super::geom::{Glyph, Pt, Rect};
use super::text::cell_text;

/// The rows of a table, and the box around it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Grid {
    pub bbox: Rect,
    pub rows: Vec<Vec<String>>,
}

/// Fills the cells with the glyphs whose centre lies in them.
pub(crate) fn fill(cells: &[Rect], glyphs: &[Glyph]) -> Option<Grid> {
    let bbox = super::ruling::bounds(cells)?;
    let mut tops: Vec<Pt> = cells.iter().map(|c| c.top).collect();
    let mut lefts: Vec<Pt> = cells.iter().map(|c| c.x0).collect();
    tops.sort_unstable();
    tops.dedup();
    lefts.sort_unstable();
    lefts.dedup();
    let mut held: Vec<Vec<&Glyph>> = vec![Vec::new(); cells.len()];
    for g in glyphs.iter().filter(|g| bbox.holds(g.cx(), g.cy())) {
        if let Some(i) = cells.iter().position(|c| c.holds(g.cx(), g.cy())) {
            if let Some(slot) = held.get_mut(i) {
                slot.push(g);
            }
        }
    }
    let mut rows = vec![vec![String::new(); lefts.len()]; tops.len()];
    for (cell, glyphs) in cells.iter().zip(held) {
        let (Ok(r), Ok(c)) = (tops.binary_search(&cell.top), lefts.binary_search(&cell.x0)) else {
            continue;
        };
        if let Some(slot) = rows.get_mut(r).and_then(|row| row.get_mut(c)) {
            *slot = cell_text(glyphs);
        }
    }
    Some(Grid { bbox, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merged_header_is_given_once() {
        let cells = [
            Rect {
                x0: 0,
                top: 0,
                x1: 200,
                bottom: 100,
            },
            Rect {
                x0: 0,
                top: 100,
                x1: 100,
                bottom: 200,
            },
            Rect {
                x0: 100,
                top: 100,
                x1: 200,
                bottom: 200,
            },
        ];
        let g = |ch, x, y| Glyph {
            ch,
            rect: Rect {
                x0: x,
                top: y,
                x1: x + 20,
                bottom: y + 20,
            },
            size: 20,
        };
        let grid = fill(
            &cells,
            &[g('收', 90, 40), g('甲', 10, 140), g('乙', 150, 140)],
        )
        .unwrap();
        assert_eq!(
            grid.rows,
            vec![
                vec!["收".to_string(), String::new()],
                vec!["甲".into(), "乙".into()]
            ]
        );
    }
}
