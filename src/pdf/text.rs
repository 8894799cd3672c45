//! Text lines from glyphs: glyphs on one visual row, left to right, with a space where a gap
//! is wider than a third of the font size and ` | ` where it is wider than two characters.

use super::geom::{Glyph, Pt, Rect};

/// One visual row of text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextLine {
    pub rect: Rect,
    pub text: String,
    /// The largest font size on the row.
    pub size: Pt,
}

/// Glyphs drawn twice at (almost) the same place, as some producers do for bold text or
/// overlapping text objects, are kept once.
fn duplicate(a: &Glyph, b: &Glyph) -> bool {
    a.ch == b.ch
        && (a.rect.x0 - b.rect.x0).abs() * 4 < a.size.max(1)
        && (a.cy() - b.cy()).abs() * 4 < a.size.max(1)
}

/// Groups glyphs into rows: sorted by vertical centre, a glyph joins the row when its centre lies
/// within the row's band.
pub(crate) fn rows<'a>(glyphs: impl IntoIterator<Item = &'a Glyph>) -> Vec<Vec<&'a Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.into_iter().filter(|g| !g.is_blank()).collect();
    sorted.sort_by_key(|g| (g.cy(), g.rect.x0));
    let mut rows: Vec<(Rect, Vec<&Glyph>)> = Vec::new();
    for g in sorted {
        match rows.last_mut() {
            Some((band, row)) if g.cy() >= band.top && g.cy() < band.bottom => {
                *band = band.union(&g.rect);
                row.push(g);
            }
            _ => rows.push((g.rect, vec![g])),
        }
    }
    rows.into_iter()
        .map(|(_, mut row)| {
            row.sort_by_key(|g| (g.rect.x0, g.cy()));
            let mut kept: Vec<&Glyph> = Vec::with_capacity(row.len());
            for g in row {
                if !kept.iter().rev().take(4).any(|k| duplicate(k, g)) {
                    kept.push(g);
                }
            }
            kept
        })
        .collect()
}

/// The text of one row; `separate` puts ` | ` between far-apart runs (page text), otherwise
/// they get a space (cell text).
pub(crate) fn join(row: &[&Glyph], separate: bool) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in row {
        if let Some(p) = prev {
            let gap = g.rect.x0 - p.rect.x1;
            let size = p.size.max(g.size);
            if separate && gap > 2 * size {
                out.push_str(" | ");
            } else if gap * 3 > size
                && (p.ch.is_ascii_alphanumeric() || g.ch.is_ascii_alphanumeric())
            {
                out.push(' ');
            }
        }
        out.push(g.ch);
        prev = Some(g);
    }
    out
}

/// The page's lines in reading order (top to bottom).
pub(crate) fn lines<'a>(glyphs: impl IntoIterator<Item = &'a Glyph>) -> Vec<TextLine> {
    rows(glyphs)
        .into_iter()
        .filter_map(|row| {
            let first = row.first()?;
            let rect = row.iter().fold(first.rect, |acc, g| acc.union(&g.rect));
            let size = row.iter().map(|g| g.size).max().unwrap_or(0);
            Some(TextLine {
                rect,
                text: join(&row, true),
                size,
            })
        })
        .collect()
}

/// The text of a table cell: its rows joined, with a space only between Latin letters or digits.
pub(crate) fn cell_text<'a>(glyphs: impl IntoIterator<Item = &'a Glyph>) -> String {
    let mut out = String::new();
    for row in rows(glyphs) {
        let t = join(&row, false);
        let joins_words = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && t.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if joins_words {
            out.push(' ');
        }
        out.push_str(&t);
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(ch: char, x: Pt, y: Pt) -> Glyph {
        Glyph {
            ch,
            rect: Rect {
                x0: x,
                top: y,
                x1: x + 1000,
                bottom: y + 1000,
            },
            size: 1000,
        }
    }

    #[test]
    fn rows_are_read_top_down_left_to_right_and_far_runs_separated() {
        let gs = [
            g('乙', 1000, 100),
            g('甲', 0, 0),
            g('丙', 5000, 50),
            g('丁', 0, 2000),
        ];
        let l = lines(&gs);
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].text, "甲乙 | 丙");
        assert_eq!(l[1].text, "丁");
    }

    #[test]
    fn doubled_glyphs_are_kept_once_and_wrapped_cells_joined() {
        let gs = [g('预', 0, 0), g('预', 10, 10), g('算', 0, 1500)];
        assert_eq!(cell_text(&gs), "预算");
    }
}
