//! 预算公开文件 (PDF): the published PDF read once into pages of text lines and tables.
//!
//! Behind the cargo feature `pdf`. The PDF is parsed with the pure-Rust `pdf_oxide` crate (its
//! characters with their positions and its vector paths); the tables are built here from the
//! ruling lines, the way PyMuPDF's `find_tables` does: lines and rectangle sides are snapped
//! and joined, their crossings give cells, cells that touch form a table, and every cell takes
//! the characters whose centre lies in it. A merged cell gives its text once, in its top-left
//! slot. Rotated pages (`/Rotate 90`) are read as displayed.
//!
//! Tables continued over pages are not joined here: each page's tables are
//! [`RawTable`]s with `place` = `page N table K`, which the auditor joins.
//!
//! ```no_run
//! # fn main() -> Result<(), yusuan::pdf::PdfError> {
//! let doc = yusuan::pdf::PdfDocument::read("budget.pdf")?;
//! for table in doc.tables() {
//!     println!("{} {:?}: {} rows", table.place, table.title, table.rows.len());
//! }
//! # Ok(())
//! # }
//! ```

mod geom;
mod grid;
mod page;
mod ruling;
mod source;
mod text;

use crate::audit::read::RawTable;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Why a PDF could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The file could not be read from disk.
    #[error("{file}: cannot read the file: {source}")]
    Io {
        /// The file.
        file: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The bytes are not a PDF the parser can open.
    #[error("{file}: not a readable PDF: {message}")]
    Open {
        /// The file (`<bytes>` when read from memory).
        file: String,
        /// What the parser said.
        message: String,
        /// The parser's error, where it gave one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// One page could not be read.
    #[error("{file}, page {page}: {message}")]
    Page {
        /// The file (`<bytes>` when read from memory).
        file: String,
        /// The 1-based page number.
        page: usize,
        /// What the parser said.
        message: String,
        /// The parser's error, where it gave one.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

/// One page of a published PDF.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfPage {
    number: usize,
    part: usize,
    lines: Vec<String>,
    narrative: Vec<String>,
    tables: Vec<RawTable>,
}

impl PdfPage {
    /// The page number, from 1, within its part.
    pub fn number(&self) -> usize {
        self.number
    }

    /// The part of a document published in several files (0 for the first file).
    pub fn part(&self) -> usize {
        self.part
    }

    /// Every text line of the page in reading order, table cells included; runs of text far
    /// apart on one line are joined with ` | `.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The lines outside the page's tables, page numbers left out.
    pub fn narrative(&self) -> &[String] {
        &self.narrative
    }

    /// The ruled tables of the page, top to bottom.
    pub fn tables(&self) -> &[RawTable] {
        &self.tables
    }
}

/// 预算公开文件: a published budget PDF, read into pages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PdfDocument {
    pages: Vec<PdfPage>,
}

impl PdfDocument {
    /// Reads the PDF at `path`.
    pub fn read(path: impl AsRef<Path>) -> Result<PdfDocument, PdfError> {
        let path = path.as_ref();
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| PdfError::Io {
            file: file.clone(),
            source,
        })?;
        read_bytes(bytes, &file)
    }

    /// Reads a PDF held in memory.
    pub fn from_bytes(bytes: &[u8]) -> Result<PdfDocument, PdfError> {
        read_bytes(bytes.to_vec(), "<bytes>")
    }

    /// One document from the files it was published in (e.g. 情况说明 and 报表), in order. Pages
    /// keep their numbers within their part; tables of parts after the first are placed as
    /// `part 2 page N table K`.
    pub fn from_parts(parts: impl IntoIterator<Item = PdfDocument>) -> PdfDocument {
        let mut pages = Vec::new();
        for (i, part) in parts.into_iter().enumerate() {
            for mut page in part.pages {
                page.part = i;
                if i > 0 {
                    for t in &mut page.tables {
                        t.place = format!("part {} {}", i + 1, t.place);
                    }
                }
                pages.push(page);
            }
        }
        PdfDocument { pages }
    }

    /// The pages, in order.
    pub fn pages(&self) -> &[PdfPage] {
        &self.pages
    }

    /// The narrative: every line outside the tables, page by page, one per line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in self.pages.iter().flat_map(|p| p.narrative.iter()) {
            out.push_str(line);
            out.push('\n');
        }
        out
    }

    /// Every table of every page, in order (tables continued over pages are not joined).
    ///
    /// A table under the same title as the table before it (a title repeated on the next page)
    /// is not marked as starting after a heading, so the auditor can join it as a continuation.
    pub fn tables(&self) -> Vec<RawTable> {
        let mut out: Vec<RawTable> = Vec::new();
        for mut t in self.pages.iter().flat_map(|p| p.tables.iter().cloned()) {
            let squeeze = |s: &Option<String>| -> Option<String> {
                s.as_ref()
                    .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect())
            };
            if t.after_heading
                && out
                    .last()
                    .is_some_and(|prev| squeeze(&prev.title) == squeeze(&t.title))
            {
                t.after_heading = false;
            }
            out.push(t);
        }
        out
    }

    /// The document as the auditor's typed document: its narrative and its page tables,
    /// joined over pages and read once ([`PublishedDocument::from_parts`]).
    ///
    /// [`PublishedDocument::from_parts`]: crate::audit::PublishedDocument::from_parts
    #[must_use]
    pub fn to_document(&self) -> crate::audit::PublishedDocument {
        crate::audit::PublishedDocument::from_parts(&self.text(), self.tables())
    }
}

fn boxed(e: pdf_oxide::error::Error) -> Option<Box<dyn std::error::Error + Send + Sync>> {
    Some(Box::new(e))
}

const PANICKED: &str = "the PDF parser failed on this input";

fn read_bytes(bytes: Vec<u8>, file: &str) -> Result<PdfDocument, PdfError> {
    let open = |message: String, source| PdfError::Open {
        file: file.to_string(),
        message,
        source,
    };
    let opened = catch_unwind(AssertUnwindSafe(|| {
        let doc = pdf_oxide::document::PdfDocument::from_bytes(bytes)?;
        let n = doc.page_count()?;
        Ok::<_, pdf_oxide::error::Error>((doc, n))
    }));
    let (mut doc, count) = match opened {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return Err(open(e.to_string(), boxed(e))),
        Err(_) => return Err(open(PANICKED.to_string(), None)),
    };
    let mut pages = Vec::with_capacity(count.min(10_000));
    for index in 0..count {
        let number = index + 1;
        let page_error = |message: String, source| PdfError::Page {
            file: file.to_string(),
            page: number,
            message,
            source,
        };
        let read = catch_unwind(AssertUnwindSafe(|| {
            source::load_page(&mut doc, index).map(|content| page::read(&content, number))
        }));
        let read = match read {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => return Err(page_error(e.to_string(), boxed(e))),
            Err(_) => return Err(page_error(PANICKED.to_string(), None)),
        };
        pages.push(PdfPage {
            number,
            part: 0,
            lines: read.lines,
            narrative: read.narrative,
            tables: read.tables,
        });
    }
    Ok(PdfDocument { pages })
}
