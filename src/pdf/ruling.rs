//! Ruled tables: edges from the page's lines and rectangles, snapped and joined, their
//! intersections, the cells those describe, and groups of cells that touch (one table each).
//! This is the "lines" strategy of pdfplumber / PyMuPDF's `find_tables`.

use super::geom::{Glyph, POINT, PageContent, Pt, Rect};
use std::collections::{BTreeMap, HashMap};

/// Lines closer than this are one line; shorter pieces closer than this join.
const SNAP: Pt = 3 * POINT;
/// Lines shorter than this are no ruling.
const MIN_LENGTH: Pt = 3 * POINT;
/// How far a line may stop short of another and still cross it.
const MEET: Pt = 3 * POINT;

/// A horizontal (`vertical == false`) or vertical ruling line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edge {
    pub vertical: bool,
    /// y of a horizontal line, x of a vertical one.
    pub pos: Pt,
    /// Where it starts and ends along its own direction.
    pub start: Pt,
    pub end: Pt,
}

impl Edge {
    fn from_points(a: (Pt, Pt), b: (Pt, Pt)) -> Option<Edge> {
        let (dx, dy) = ((a.0 - b.0).abs(), (a.1 - b.1).abs());
        if dy == 0 && dx > 0 {
            Some(Edge {
                vertical: false,
                pos: a.1,
                start: a.0.min(b.0),
                end: a.0.max(b.0),
            })
        } else if dx <= SNAP && dy > 0 {
            Some(Edge {
                vertical: true,
                pos: a.0.min(b.0),
                start: a.1.min(b.1),
                end: a.1.max(b.1),
            })
        } else {
            None
        }
    }

    fn len(&self) -> Pt {
        self.end - self.start
    }
}

/// Every ruling edge of the page: lines, rectangle sides (a thin rectangle is one line along its
/// middle), and the border of each group of touching drawings that holds text.
pub(crate) fn edges(page: &PageContent) -> Vec<Edge> {
    let mut out = Vec::new();
    let mut push = |a: (Pt, Pt), b: (Pt, Pt)| {
        if let Some(e) = Edge::from_points(a, b) {
            out.push(e);
        }
    };
    for s in &page.segments {
        push(s.a, s.b);
    }
    for r in &page.rects {
        let (w, h) = (r.width(), r.height());
        if w <= MIN_LENGTH && w < h {
            let x = r.x0 + w / 2;
            push((x, r.top), (x, r.bottom));
        } else if h <= MIN_LENGTH && h < w {
            let y = r.top + h / 2;
            push((r.x0, y), (r.x1, y));
        } else {
            rect_border(r, &mut push);
        }
    }
    for r in drawing_groups(&page.path_boxes, &page.glyphs) {
        rect_border(&r, &mut push);
    }
    let page_box = Rect {
        x0: 0,
        top: 0,
        x1: page.width,
        bottom: page.height,
    };
    clip(merge(out), &page_box)
}

fn rect_border(r: &Rect, push: &mut impl FnMut((Pt, Pt), (Pt, Pt))) {
    push((r.x0, r.top), (r.x1, r.top));
    push((r.x0, r.bottom), (r.x1, r.bottom));
    push((r.x0, r.top), (r.x0, r.bottom));
    push((r.x1, r.top), (r.x1, r.bottom));
}

fn clip(edges: Vec<Edge>, page: &Rect) -> Vec<Edge> {
    edges
        .into_iter()
        .filter_map(|mut e| {
            let (lo, hi, across_lo, across_hi) = if e.vertical {
                (page.top, page.bottom, page.x0, page.x1)
            } else {
                (page.x0, page.x1, page.top, page.bottom)
            };
            if e.pos < across_lo || e.pos > across_hi {
                return None;
            }
            e.start = e.start.max(lo);
            e.end = e.end.min(hi);
            (e.len() >= MIN_LENGTH).then_some(e)
        })
        .collect()
}

/// The bounding boxes of groups of drawings that touch (within [`SNAP`]) and wholly hold at least
/// one character: a table drawn without its outer border still gets one.
fn drawing_groups(boxes: &[Rect], glyphs: &[Glyph]) -> Vec<Rect> {
    let mut rest: Vec<Rect> = boxes.to_vec();
    rest.sort_by_key(|r| (r.bottom, r.x0));
    rest.dedup();
    let mut groups = Vec::new();
    while !rest.is_empty() {
        let mut group = rest.swap_remove(0);
        loop {
            let before = rest.len();
            rest.retain(|r| {
                if group.near(r, SNAP) {
                    group = group.union(r);
                    false
                } else {
                    true
                }
            });
            if rest.len() == before {
                break;
            }
        }
        if glyphs.iter().any(|g| group.contains(&g.rect)) {
            groups.push(group);
        }
    }
    groups
}

/// Snaps lines within [`SNAP`] of one another to their mean position, then joins collinear pieces
/// whose gap is at most [`SNAP`], then drops what is shorter than [`MIN_LENGTH`].
fn merge(edges: Vec<Edge>) -> Vec<Edge> {
    let mut out = Vec::new();
    for vertical in [false, true] {
        let mut group: Vec<Edge> = edges
            .iter()
            .filter(|e| e.vertical == vertical)
            .copied()
            .collect();
        snap(&mut group);
        let mut by_pos: BTreeMap<Pt, Vec<Edge>> = BTreeMap::new();
        for e in group {
            by_pos.entry(e.pos).or_default().push(e);
        }
        for (_, mut line) in by_pos {
            line.sort_by_key(|e| e.start);
            let mut joined: Vec<Edge> = Vec::new();
            for e in line {
                match joined.last_mut() {
                    Some(last) if e.start <= last.end + SNAP => last.end = last.end.max(e.end),
                    _ => joined.push(e),
                }
            }
            out.extend(joined.into_iter().filter(|e| e.len() >= MIN_LENGTH));
        }
    }
    out
}

/// Clusters the distinct positions (each within [`SNAP`] of the previous one) and moves every
/// edge of a cluster to the cluster's mean.
fn snap(edges: &mut [Edge]) {
    let mut positions: Vec<Pt> = edges.iter().map(|e| e.pos).collect();
    positions.sort_unstable();
    positions.dedup();
    let mut mean_of: HashMap<Pt, Pt> = HashMap::new();
    let mut cluster: Vec<Pt> = Vec::new();
    let mut flush = |cluster: &mut Vec<Pt>| {
        let sum: i64 = cluster.iter().map(|&p| i64::from(p)).sum();
        let n = i64::try_from(cluster.len()).unwrap_or(1).max(1);
        let mean = Pt::try_from(sum / n).unwrap_or(0);
        for &p in cluster.iter() {
            mean_of.insert(p, mean);
        }
        cluster.clear();
    };
    for p in positions {
        if cluster.last().is_some_and(|&last| p > last + SNAP) {
            flush(&mut cluster);
        }
        cluster.push(p);
    }
    flush(&mut cluster);
    for e in edges.iter_mut() {
        if let Some(&m) = mean_of.get(&e.pos) {
            e.pos = m;
        }
    }
}

/// A crossing of a vertical and a horizontal edge, with the edges through it.
#[derive(Debug, Default)]
struct Crossing {
    v: Vec<usize>,
    h: Vec<usize>,
}

fn shares(a: &[usize], b: &[usize]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// The cells the edges draw: for each crossing, the smallest rectangle whose four corners are
/// crossings joined by edges.
pub(crate) fn cells(edges: &[Edge]) -> Vec<Rect> {
    let (v, h): (Vec<&Edge>, Vec<&Edge>) = edges.iter().partition(|e| e.vertical);
    let mut points: BTreeMap<(Pt, Pt), Crossing> = BTreeMap::new();
    for (vi, ve) in v.iter().enumerate() {
        for (hi, he) in h.iter().enumerate() {
            if ve.start <= he.pos + MEET
                && ve.end >= he.pos - MEET
                && ve.pos >= he.start - MEET
                && ve.pos <= he.end + MEET
            {
                let c = points.entry((ve.pos, he.pos)).or_default();
                c.v.push(vi);
                c.h.push(hi);
            }
        }
    }
    // Points on each vertical line (by x) and each horizontal line (by y), in order.
    let mut columns: BTreeMap<Pt, Vec<Pt>> = BTreeMap::new();
    let mut rows: BTreeMap<Pt, Vec<Pt>> = BTreeMap::new();
    for &(x, y) in points.keys() {
        columns.entry(x).or_default().push(y);
        rows.entry(y).or_default().push(x);
    }
    let mut out = Vec::new();
    for (&(x, y), here) in &points {
        if let Some(cell) = smallest_cell((x, y), here, &points, &columns, &rows) {
            out.push(cell);
        }
    }
    out
}

fn smallest_cell(
    (x, y): (Pt, Pt),
    here: &Crossing,
    points: &BTreeMap<(Pt, Pt), Crossing>,
    columns: &BTreeMap<Pt, Vec<Pt>>,
    rows: &BTreeMap<Pt, Vec<Pt>>,
) -> Option<Rect> {
    let below = columns.get(&x)?.iter().filter(|&&by| by > y);
    let right: Vec<Pt> = rows
        .get(&y)?
        .iter()
        .filter(|&&rx| rx > x)
        .copied()
        .collect();
    for &by in below {
        let Some(b) = points.get(&(x, by)) else {
            continue;
        };
        if !shares(&here.v, &b.v) {
            continue;
        }
        for &rx in &right {
            let Some(r) = points.get(&(rx, y)) else {
                continue;
            };
            if !shares(&here.h, &r.h) {
                continue;
            }
            if let Some(corner) = points.get(&(rx, by)) {
                if shares(&corner.v, &r.v) && shares(&corner.h, &b.h) {
                    return Some(Rect {
                        x0: x,
                        top: y,
                        x1: rx,
                        bottom: by,
                    });
                }
            }
        }
    }
    None
}

/// Groups cells that share a corner; keeps groups with at least two distinct left and right
/// sides that hold a visible character; orders them top to bottom, then left to right.
pub(crate) fn tables(cells: Vec<Rect>, glyphs: &[Glyph]) -> Vec<Vec<Rect>> {
    let n = cells.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            let grand = parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = parent.get_mut(i) {
                *slot = grand;
            }
            i = p;
        }
        i
    }
    let mut corner_owner: HashMap<(Pt, Pt), usize> = HashMap::new();
    for (i, c) in cells.iter().enumerate() {
        for corner in [
            (c.x0, c.top),
            (c.x0, c.bottom),
            (c.x1, c.top),
            (c.x1, c.bottom),
        ] {
            match corner_owner.get(&corner) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if let Some(slot) = parent.get_mut(a) {
                        *slot = b;
                    }
                }
                None => {
                    corner_owner.insert(corner, i);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<Rect>> = BTreeMap::new();
    for (i, c) in cells.into_iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(c);
    }
    let mut out: Vec<Vec<Rect>> = groups
        .into_values()
        .filter(|g| {
            let mut lefts: Vec<Pt> = g.iter().map(|c| c.x0).collect();
            let mut rights: Vec<Pt> = g.iter().map(|c| c.x1).collect();
            lefts.sort_unstable();
            lefts.dedup();
            rights.sort_unstable();
            rights.dedup();
            let bbox = bounds(g);
            lefts.len() >= 2
                && rights.len() >= 2
                && bbox.is_some_and(|b| {
                    glyphs
                        .iter()
                        .any(|gl| !gl.is_blank() && gl.rect.overlaps(&b))
                })
        })
        .collect();
    out.sort_by_key(|g| g.iter().map(|c| (c.top, c.x0)).min());
    out
}

/// The box around the cells.
pub(crate) fn bounds(cells: &[Rect]) -> Option<Rect> {
    let first = cells.first()?;
    Some(cells.iter().fold(*first, |acc, c| acc.union(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hline(y: Pt, x0: Pt, x1: Pt) -> Edge {
        Edge {
            vertical: false,
            pos: y,
            start: x0,
            end: x1,
        }
    }
    fn vline(x: Pt, y0: Pt, y1: Pt) -> Edge {
        Edge {
            vertical: true,
            pos: x,
            start: y0,
            end: y1,
        }
    }

    #[test]
    fn a_two_by_two_grid_has_four_cells_in_one_table() {
        let k = POINT * 10;
        let mut e = vec![];
        for i in 0..3 {
            e.push(hline(i * k, 0, 2 * k));
            e.push(vline(i * k, 0, 2 * k));
        }
        let c = cells(&merge(e));
        assert_eq!(c.len(), 4);
        let g = Glyph {
            ch: '1',
            rect: Rect {
                x0: 100,
                top: 100,
                x1: 200,
                bottom: 200,
            },
            size: 100,
        };
        assert_eq!(tables(c, &[g]).len(), 1);
    }

    #[test]
    fn close_lines_snap_and_pieces_join() {
        let e = merge(vec![
            hline(1000, 0, 500),
            hline(1100, 700, 1500),
            vline(0, 0, 100),
        ]);
        let h: Vec<&Edge> = e.iter().filter(|e| !e.vertical).collect();
        assert_eq!(h.len(), 1);
        assert_eq!((h[0].pos, h[0].start, h[0].end), (1050, 0, 1500));
        // the 1-point vertical line is too short
        assert_eq!(e.len(), 1);
    }
}
