//! The PDF parser's side: pages of `pdf_oxide` turned into [`PageContent`] in display
//! coordinates (page rotation applied, y top-down).

use super::geom::{Glyph, POINT, PageContent, Pt, Rect, Segment, centi};
use pdf_oxide::document::PdfDocument as OxideDocument;
use pdf_oxide::elements::PathOperation;
use pdf_oxide::object::Object;

/// How a page's own coordinates map to the displayed page.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Lower-left corner of the media box.
    x0: Pt,
    y0: Pt,
    /// Unrotated width and height.
    w: Pt,
    h: Pt,
    /// `/Rotate`, normalised to 0, 90, 180 or 270.
    rotate: i64,
}

impl Frame {
    /// A point of the page's user space (already in [`Pt`]) on the displayed page, top-down.
    fn map(&self, x: Pt, y: Pt) -> (Pt, Pt) {
        let (x, y) = (x - self.x0, y - self.y0);
        match self.rotate {
            90 => (y, x),
            180 => (self.w - x, y),
            270 => (self.h - y, self.w - x),
            _ => (x, self.h - y),
        }
    }

    fn display_size(&self) -> (Pt, Pt) {
        if self.rotate == 90 || self.rotate == 270 {
            (self.h, self.w)
        } else {
            (self.w, self.h)
        }
    }

    fn map_rect(&self, a: (Pt, Pt), b: (Pt, Pt)) -> Rect {
        Rect::spanning(self.map(a.0, a.1), self.map(b.0, b.1))
    }
}

fn number(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r as f32),
        _ => None,
    }
}

fn frame(doc: &mut OxideDocument, index: usize) -> Frame {
    let (mut x0, mut y0, mut x1, mut y1) = (0.0f32, 0.0f32, 595.0f32, 842.0f32);
    if let Ok(b) = doc.get_page_media_box(index) {
        (x0, y0, x1, y1) = b;
    }
    let rotate = doc
        .get_page_for_debug(index)
        .ok()
        .and_then(|p| p.as_dict().and_then(|d| d.get("Rotate").and_then(number)))
        .map_or(0, |r| r as i64);
    let (a, b, c, d) = (centi(x0), centi(y0), centi(x1), centi(y1));
    Frame {
        x0: a.min(c),
        y0: b.min(d),
        w: (c - a).abs(),
        h: (d - b).abs(),
        rotate: rotate.rem_euclid(360),
    }
}

/// Reads one page (0-based) of an open document.
pub(crate) fn load_page(
    doc: &mut OxideDocument,
    index: usize,
) -> Result<PageContent, pdf_oxide::error::Error> {
    let frame = frame(doc, index);
    let chars = doc.extract_chars(index)?;
    let glyphs = chars.iter().filter_map(|c| glyph(&frame, c)).collect();
    let paths = doc.extract_paths(index)?;
    let mut content = PageContent {
        glyphs,
        ..PageContent::default()
    };
    (content.width, content.height) = frame.display_size();
    for p in &paths {
        add_path(&frame, p, &mut content);
    }
    Ok(content)
}

/// The character's box on the displayed page: ascent 0.85, descent 0.15 of the font size, its
/// advance along the text direction (the font size where the parser gives none).
fn glyph(frame: &Frame, c: &pdf_oxide::layout::TextChar) -> Option<Glyph> {
    let size = centi(c.font_size).abs().max(POINT);
    let (ox, oy) = (centi(c.origin_x), centi(c.origin_y));
    let mut adv = centi(c.advance_width).abs();
    if adv == 0 {
        adv = centi(c.bbox.width).abs().max(centi(c.bbox.height).abs());
    }
    if adv == 0 || adv > 4 * size {
        adv = if c.char.is_ascii() { size / 2 } else { size };
    }
    let (up, down) = (size * 85 / 100, size * 15 / 100);
    let rotation = centi(c.rotation_degrees).rem_euclid(36_000);
    // Text direction and "up" in the page's user space (y upward).
    let (a, b) = match rotation {
        4_500..=13_499 => ((ox - up, oy), (ox + down, oy + adv)),
        13_500..=22_499 => ((ox - adv, oy - up), (ox, oy + down)),
        22_500..=31_499 => ((ox - down, oy - adv), (ox + up, oy)),
        _ => ((ox, oy - down), (ox + adv, oy + up)),
    };
    Some(Glyph {
        ch: c.char,
        rect: frame.map_rect(a, b),
        size,
    })
}

fn add_path(frame: &Frame, p: &pdf_oxide::elements::PathContent, content: &mut PageContent) {
    let b = &p.bbox;
    content.path_boxes.push(frame.map_rect(
        (centi(b.x), centi(b.y)),
        (centi(b.x) + centi(b.width), centi(b.y) + centi(b.height)),
    ));
    let mut current: Option<(Pt, Pt)> = None;
    let mut start: Option<(Pt, Pt)> = None;
    for op in &p.operations {
        match *op {
            PathOperation::MoveTo(x, y) => {
                let q = frame.map(centi(x), centi(y));
                current = Some(q);
                start = Some(q);
            }
            PathOperation::LineTo(x, y) => {
                let q = frame.map(centi(x), centi(y));
                if let Some(a) = current {
                    content.segments.push(Segment { a, b: q });
                }
                current = Some(q);
            }
            PathOperation::CurveTo(_, _, _, _, x, y) => {
                current = Some(frame.map(centi(x), centi(y)));
            }
            PathOperation::Rectangle(x, y, w, h) => {
                let (x, y) = (centi(x), centi(y));
                content
                    .rects
                    .push(frame.map_rect((x, y), (x + centi(w), y + centi(h))));
                current = Some(frame.map(x, y));
                start = current;
            }
            PathOperation::ClosePath => {
                if let (Some(a), Some(s)) = (current, start) {
                    if a != s {
                        content.segments.push(Segment { a, b: s });
                    }
                }
                current = start;
            }
        }
    }
}
