//! `yusuan::pdf` never panics, whatever the bytes: random bytes, truncated PDFs and published
//! PDFs with bytes flipped, inserted or removed all give a document or a `PdfError`.

#![cfg(feature = "pdf")]

use std::error::Error;
use yusuan::pdf::{PdfDocument, PdfError};

/// A small deterministic generator (xorshift64*), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap()
    }
}

fn sample() -> Vec<u8> {
    // The smallest published PDF of the set keeps the run short.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf");
    let mut pdfs: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    pdfs.sort_by_key(|p| std::fs::metadata(p).unwrap().len());
    std::fs::read(&pdfs[0]).unwrap()
}

fn mutate(bytes: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(out.len());
        match rng.below(4) {
            0 => out[at] = u8::try_from(rng.below(256)).unwrap(),
            1 => out.insert(at, b"0 1()<>[]/R obj stream\n"[rng.below(22)]),
            2 => {
                out.remove(at);
            }
            _ => {
                // Digits are the likeliest to break offsets, lengths and object numbers.
                out[at] = b'0' + u8::try_from(rng.below(10)).unwrap();
            }
        }
    }
    out
}

#[test]
fn garbage_is_an_error_with_the_file_in_its_message() {
    for bytes in [
        &b""[..],
        b"%PDF-1.7",
        b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>",
        b"hello",
    ] {
        match PdfDocument::from_bytes(bytes) {
            Err(e @ PdfError::Open { .. }) => {
                assert!(e.to_string().starts_with("<bytes>"), "{e}");
                let _ = e.source();
            }
            Err(e) => panic!("unexpected error kind: {e}"),
            Ok(d) => assert!(d.tables().is_empty()),
        }
    }
    let missing = PdfDocument::read("no/such/file.pdf").unwrap_err();
    assert!(matches!(missing, PdfError::Io { .. }));
    assert!(missing.to_string().contains("no/such/file.pdf"));
    assert!(missing.source().is_some());
}

#[test]
fn truncated_and_mutated_pdfs_never_panic() {
    let original = sample();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut read = 0;
    for cut in [10, 100, 1_000, original.len() / 2, original.len() - 10] {
        read += usize::from(PdfDocument::from_bytes(&original[..cut]).is_ok());
    }
    let rounds = 120;
    for _ in 0..rounds {
        let bytes = mutate(&original, &mut rng);
        read += usize::from(PdfDocument::from_bytes(&bytes).is_ok());
    }
    for _ in 0..20 {
        let n = rng.below(4096);
        let bytes: Vec<u8> = (0..n)
            .map(|_| u8::try_from(rng.below(256)).unwrap())
            .collect();
        read += usize::from(PdfDocument::from_bytes(&bytes).is_ok());
    }
    // Most single-byte changes leave a readable PDF; the point is that none panicked.
    assert!(
        read > rounds / 4,
        "only {read} of {rounds} mutated PDFs were read"
    );
}
