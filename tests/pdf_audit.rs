//! Auditing the published PDF finds what auditing its extracted text pair finds (issue 11): for
//! every shared document, the errors from the PDF (rule, row, stated and computed figures) are
//! the errors from `.txt` + `.grid.txt`, except the differences listed here with their reason.
#![cfg(feature = "pdf")]

use std::collections::BTreeSet;
use std::path::Path;

use yusuan::Catalogue;
use yusuan::audit::{PublishedDocument, Report, Severity, audit_document};
use yusuan::pdf::PdfDocument;

/// An error as comparable across readers: its rule, row and both figures (table names differ:
/// the PDF reader finds titles, the grids have none).
fn errors(report: &Report) -> BTreeSet<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            let row: String = f
                .row
                .clone()
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            format!("{} {row} {:?} {:?}", f.rule, f.stated, f.computed)
        })
        .collect()
}

/// Errors found from the PDF and not from the text pair, with why.
const PDF_ONLY: &[(&str, &str, &str)] = &[(
    "10_",
    "cross.three_public",
    "the PDF's 三公 table is read with 因公出国(境)费 as 0 where the grid leaves the cell out",
)];

#[test]
fn the_pdf_audits_like_its_text_pair() {
    let pdf_dir = Path::new("tests/data/pdf");
    let mut stems: Vec<String> = std::fs::read_dir(pdf_dir)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".pdf").map(str::to_string)
        })
        .filter(|s| !s.ends_with("_B"))
        .collect();
    stems.sort();
    assert_eq!(stems.len(), 23);
    let mut same = 0;
    for stem in &stems {
        let (doc_stem, parts) = match stem.strip_suffix("_A") {
            Some(s) => (
                s.to_string(),
                vec![format!("{s}_A.pdf"), format!("{s}_B.pdf")],
            ),
            None => (stem.clone(), vec![format!("{stem}.pdf")]),
        };
        let read: Vec<PdfDocument> = parts
            .iter()
            .map(|p| PdfDocument::read(pdf_dir.join(p)).unwrap())
            .collect();
        let from_pdf = audit_document(
            &PdfDocument::from_parts(read).to_document(),
            Catalogue::builtin(),
        );
        let txt = Path::new("tests/data/disclosures").join(format!("{doc_stem}.txt"));
        let pair = PublishedDocument::from_path(&txt).unwrap();
        let from_pair = audit_document(&pair, Catalogue::builtin());
        let (p, t) = (errors(&from_pdf), errors(&from_pair));
        let missing: Vec<_> = t.difference(&p).collect();
        assert!(
            missing.is_empty(),
            "{doc_stem}: errors of the text pair not found from the PDF: {missing:?}"
        );
        let extra: Vec<_> = p
            .difference(&t)
            .filter(|e| {
                !PDF_ONLY
                    .iter()
                    .any(|(doc, rule, _)| doc_stem.starts_with(doc) && e.starts_with(rule))
            })
            .collect();
        assert!(
            extra.is_empty(),
            "{doc_stem}: errors found only from the PDF: {extra:?}"
        );
        if p == t {
            same += 1;
        }
    }
    assert!(same >= 22, "{same} of 23 documents give the same errors");
}
