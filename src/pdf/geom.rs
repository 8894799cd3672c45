//! Page geometry in integer hundredths of a point, top-down (as the page is displayed).
//!
//! Coordinates leave the PDF parser as `f32` once, in [`centi`]; every comparison after that is
//! exact integer arithmetic.

/// A coordinate in hundredths of a point (1/7200 inch), top-down.
pub(crate) type Pt = i32;

/// One point, in [`Pt`] units.
pub(crate) const POINT: Pt = 100;

/// The largest coordinate kept (one hundred thousand points); anything beyond is clamped so that
/// sums of a few coordinates never overflow.
const LIMIT: Pt = 10_000_000;

/// A PDF coordinate (points, `f32`) in hundredths of a point, clamped to ±[`LIMIT`]; NaN is 0.
#[allow(clippy::float_arithmetic)] // the one place where the parser's floats become integers
pub(crate) fn centi(v: f32) -> Pt {
    let scaled = (f64::from(v) * 100.0).round();
    if scaled.is_nan() {
        0
    } else {
        // `as` saturates; the clamp keeps later sums far from i32's range.
        (scaled as i64).clamp(-i64::from(LIMIT), i64::from(LIMIT)) as Pt
    }
}

/// An axis-aligned rectangle, top-down (`top <= bottom`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Rect {
    pub x0: Pt,
    pub top: Pt,
    pub x1: Pt,
    pub bottom: Pt,
}

impl Rect {
    /// The rectangle spanned by two corners, in any order.
    pub fn spanning(a: (Pt, Pt), b: (Pt, Pt)) -> Rect {
        Rect {
            x0: a.0.min(b.0),
            top: a.1.min(b.1),
            x1: a.0.max(b.0),
            bottom: a.1.max(b.1),
        }
    }

    pub fn width(&self) -> Pt {
        self.x1 - self.x0
    }

    pub fn height(&self) -> Pt {
        self.bottom - self.top
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            top: self.top.min(o.top),
            x1: self.x1.max(o.x1),
            bottom: self.bottom.max(o.bottom),
        }
    }

    /// Whether the two touch or overlap once each is grown by `tol` on every side.
    pub fn near(&self, o: &Rect, tol: Pt) -> bool {
        self.x0 - tol <= o.x1
            && o.x0 <= self.x1 + tol
            && self.top - tol <= o.bottom
            && o.top <= self.bottom + tol
    }

    /// Whether `o` lies wholly inside.
    pub fn contains(&self, o: &Rect) -> bool {
        self.x0 <= o.x0 && o.x1 <= self.x1 && self.top <= o.top && o.bottom <= self.bottom
    }

    /// Whether the point lies inside (left and top edges included, right and bottom excluded).
    pub fn holds(&self, x: Pt, y: Pt) -> bool {
        self.x0 <= x && x < self.x1 && self.top <= y && y < self.bottom
    }

    /// Whether the interiors overlap.
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.top < o.bottom && o.top < self.bottom
    }
}

/// One character as drawn, with its box on the displayed page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Glyph {
    pub ch: char,
    pub rect: Rect,
    /// The font size.
    pub size: Pt,
}

impl Glyph {
    pub fn cx(&self) -> Pt {
        self.rect.x0 + self.rect.width() / 2
    }

    pub fn cy(&self) -> Pt {
        self.rect.top + self.rect.height() / 2
    }

    pub fn is_blank(&self) -> bool {
        self.ch.is_whitespace() || self.ch.is_control()
    }
}

/// A straight segment between two points of the displayed page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub a: (Pt, Pt),
    pub b: (Pt, Pt),
}

/// Everything of one page that the table and text builders use, in display coordinates.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageContent {
    pub width: Pt,
    pub height: Pt,
    pub glyphs: Vec<Glyph>,
    /// Straight segments of every path (lines and closed sub-paths).
    pub segments: Vec<Segment>,
    /// Rectangles drawn with `re`.
    pub rects: Vec<Rect>,
    /// The bounding box of every path.
    pub path_boxes: Vec<Rect>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn centi_rounds_and_clamps() {
        assert_eq!(centi(1.005), 100);
        assert_eq!(centi(-2.5), -250);
        assert_eq!(centi(f32::NAN), 0);
        assert_eq!(centi(f32::INFINITY), LIMIT);
        assert_eq!(centi(-1e30), -LIMIT);
    }

    #[test]
    fn rect_relations() {
        let a = Rect::spanning((0, 0), (100, 100));
        let b = Rect::spanning((150, 50), (103, 60));
        assert!(!a.overlaps(&b));
        assert!(a.near(&b, 3));
        assert!(!a.near(&b, 2));
        assert!(a.union(&b).contains(&b));
        assert!(a.holds(0, 0) && !a.holds(100, 50));
    }
}
