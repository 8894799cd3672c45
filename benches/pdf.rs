//! Reading each published PDF of `tests/data/pdf` into pages, text lines and tables.
//!
//! Run: `cargo bench --features pdf --bench pdf` (median time per PDF; the Python PDF auditor
//! this is compared with takes 1.45 s per PDF).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use yusuan::pdf::PdfDocument;

fn bench(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf");
    let mut pdfs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort();
    let mut g = c.benchmark_group("pdf_read");
    g.sample_size(10);
    for path in &pdfs {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        g.bench_function(&name, |b| {
            b.iter(|| black_box(PdfDocument::from_bytes(&bytes).unwrap().tables().len()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
