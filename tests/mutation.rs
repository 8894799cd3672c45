//! Mutation testing on stable, within CI's time budget: the shipped samples (budget JSON, catalogue
//! TSV, templates, disclosure texts and grids, printed cells) mutated at random (spans deleted,
//! duplicated, swapped, truncated; digits, CJK, full-width characters, JSON and grid punctuation,
//! a byte-order mark or invalid UTF-8 inserted) and fed to the parsers through the fuzz targets'
//! entry points (`fuzz/src/lib.rs`): no panic, every error message non-empty, and the round-trip
//! promises those entry points check.
//!
//! Deterministic: case `n` of a sample set always makes the same input. A failure names the case
//! and writes the input to `target/mutation-failures/`; keep it under
//! `tests/data/fuzz_regressions/<target>/`. `YUSUAN_MUTATION_SCALE=10` runs ten times as many
//! cases (locally, not in CI).

#[path = "../fuzz/src/lib.rs"]
mod entry;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// splitmix64: small, seedable, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// What gets inserted: digits and numbers that break parsers, CJK and full-width forms the
/// printed documents use, and the punctuation of JSON, TSV, TOML and the grids.
const TOKENS: &[&str] = &[
    "0",
    "7",
    "9",
    "00",
    "123",
    "-",
    ".",
    ",",
    "1,234.50",
    "0.001",
    "1e5",
    "NaN",
    "99999999999999999999999999999",
    "79228162514264337593543950336",
    "０",
    "１２３",
    "．",
    "，",
    "－",
    "％",
    "≥",
    "万元",
    "元",
    "合计",
    "总计",
    "一般公共预算",
    "中",
    "\u{3000}",
    "\u{feff}",
    "\u{200b}",
    "\t",
    " | ",
    "\n",
    "\r\n",
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ":",
    "=",
    "#",
    "null",
    "\"\"",
    "[[table]]",
    "===== [page 1 table 1: 3 rows x 3 cols] =====\n",
    "201",
    "2010101",
    "30101",
    "501",
];

/// Moves `pos` back to the start of a UTF-8 character (a no-op on other bytes).
fn boundary(v: &[u8], mut pos: usize) -> usize {
    while pos > 0 && pos < v.len() && (v[pos] & 0xC0) == 0x80 {
        pos -= 1;
    }
    pos.min(v.len())
}

fn span(rng: &mut Rng, v: &[u8]) -> (usize, usize) {
    let start = boundary(v, rng.below(v.len() + 1));
    let longest = if rng.below(4) == 0 { 256 } else { 16 };
    let len = 1 + rng.below(longest);
    let end = boundary(v, (start + len).min(v.len()));
    (start, end.max(start))
}

/// One to four mutations of `input`.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(9) {
            0 => {
                let (a, b) = span(rng, &v);
                v.drain(a..b);
            }
            1 => {
                let (a, b) = span(rng, &v);
                let copy = v[a..b].to_vec();
                let at = boundary(&v, rng.below(v.len() + 1));
                v.splice(at..at, copy);
            }
            2 => {
                // Swap two spans: cut one out and put it elsewhere.
                let (a, b) = span(rng, &v);
                let cut: Vec<u8> = v.drain(a..b).collect();
                let at = boundary(&v, rng.below(v.len() + 1));
                v.splice(at..at, cut);
            }
            3 | 4 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = boundary(&v, rng.below(v.len() + 1));
                v.splice(at..at, token.iter().copied());
            }
            5 => {
                let at = boundary(&v, rng.below(v.len() + 1));
                v.truncate(at);
            }
            6 => {
                // The next ASCII digit becomes another digit, or its full-width form.
                let from = rng.below(v.len() + 1);
                if let Some(i) = v.iter().skip(from).position(u8::is_ascii_digit) {
                    let i = from + i;
                    let d = b'0' + rng.below(10) as u8;
                    if rng.below(3) == 0 {
                        let wide = char::from_u32(0xFF10 + u32::from(d - b'0')).unwrap_or('０');
                        v.splice(i..=i, wide.to_string().into_bytes());
                    } else {
                        v[i] = d;
                    }
                }
            }
            7 => {
                // A stray byte: invalid UTF-8 or a control character.
                let bytes = [0xFF, 0xC3, 0x80, 0x00, 0x1B, 0x7F];
                let at = rng.below(v.len() + 1);
                v.insert(at, bytes[rng.below(bytes.len())]);
            }
            _ => {
                // Repeat a span many times (long numbers, deep nesting, huge tables).
                let (a, b) = span(rng, &v);
                let copy = v[a..b].to_vec();
                let times = 2 + rng.below(30);
                let at = b;
                v.splice(at..at, copy.repeat(times));
            }
        }
    }
    v
}

/// Values a JSON leaf may become: wrong types, bad amounts (full-width, grouped, negative,
/// three decimals, floats, huge), empty and control-character names, unknown codes and sources.
fn json_replacements() -> Vec<serde_json::Value> {
    use serde_json::json;
    vec![
        json!(""),
        json!("0"),
        json!("0.00"),
        json!("-1.00"),
        json!("1.234"),
        json!("1e5"),
        json!("１２３４．５０"),
        json!("1,234.50"),
        json!("999999999999999999.99"),
        json!("1000000000000000000.00"),
        json!("\u{0007}示例"),
        json!("2010199"),
        json!("30199"),
        json!("9999999"),
        json!("general_budget_own"),
        json!("project"),
        json!(1234.5),
        json!(-1),
        json!(4_294_967_296u64),
        json!(null),
        json!(true),
        json!([]),
        json!({}),
    ]
}

/// Every node's JSON pointer.
fn pointers(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                pointers(
                    x,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

/// One to three structural mutations of a JSON document: a leaf replaced (by a bad value or
/// another node), a string's text mutated, a member or element removed, an element duplicated
/// (two lines with the same leaf key).
fn mutate_json(rng: &mut Rng, doc: &serde_json::Value) -> Vec<u8> {
    let mut doc = doc.clone();
    let replacements = json_replacements();
    for _ in 0..1 + rng.below(3) {
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let target = all[rng.below(all.len())].clone();
        let (parent, last) = target.rsplit_once('/').unwrap_or(("", ""));
        match rng.below(8) {
            5 | 6 => {
                // The same field from elsewhere (another line's source, code or amount): the
                // document stays readable and the rules have to catch it.
                let same: Vec<&String> = all
                    .iter()
                    .filter(|p| p.rsplit_once('/').is_some_and(|(_, l)| l == last))
                    .collect();
                if let Some(other) = same.get(rng.below(same.len())) {
                    let value = doc.pointer(other).cloned().unwrap_or_default();
                    if let Some(node) = doc.pointer_mut(&target) {
                        *node = value;
                    }
                }
            }
            7 => {
                // Another valid amount: off by a cent, zero, the largest, or random.
                if let Some(serde_json::Value::String(s)) = doc.pointer_mut(&target) {
                    if let Ok(a) = s.parse::<yusuan::Amount>() {
                        let fen = match rng.below(4) {
                            0 => a.fen().saturating_add(1),
                            1 => 0,
                            2 => yusuan::Amount::MAX.fen(),
                            _ => u128::from(rng.next() % 10_000_000_000),
                        };
                        if let Some(b) = yusuan::Amount::from_fen_u128(fen) {
                            *s = b.to_string();
                        }
                    }
                }
            }
            0 => {
                let other = all[rng.below(all.len())].clone();
                let value = doc.pointer(&other).cloned().unwrap_or_default();
                if let Some(node) = doc.pointer_mut(&target) {
                    *node = value;
                }
            }
            1 => {
                if let Some(node) = doc.pointer_mut(&target) {
                    *node = replacements[rng.below(replacements.len())].clone();
                }
            }
            2 => {
                if let Some(serde_json::Value::String(s)) = doc.pointer_mut(&target) {
                    let bytes = mutate(rng, s.as_bytes());
                    *s = String::from_utf8_lossy(&bytes).into_owned();
                }
            }
            3 => match doc.pointer_mut(parent) {
                Some(serde_json::Value::Object(m)) => {
                    m.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(serde_json::Value::Array(a)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < a.len() {
                            a.remove(i);
                        }
                    }
                }
                _ => {}
            },
            _ => {
                if let Some(serde_json::Value::Array(a)) = doc.pointer_mut(parent) {
                    if let Some(x) = last.parse::<usize>().ok().and_then(|i| a.get(i)).cloned() {
                        a.push(x);
                    }
                }
            }
        }
    }
    serde_json::to_vec_pretty(&doc).unwrap_or_default()
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn scale() -> usize {
    std::env::var("YUSUAN_MUTATION_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

/// Runs `cases` mutations of the samples (round-robin) through `target`; fails with every case
/// that panicked.
fn run(name: &str, target: fn(&[u8]), samples: &[Vec<u8>], cases: usize) {
    run_observed(name, target, samples, cases, mutate, |_| {});
}

/// [`run`], showing each input to `observe` first.
fn run_observed(
    name: &str,
    target: fn(&[u8]),
    samples: &[Vec<u8>],
    cases: usize,
    mutator: impl Fn(&mut Rng, &[u8]) -> Vec<u8>,
    mut observe: impl FnMut(&[u8]),
) {
    assert!(!samples.is_empty(), "{name}: no samples");
    let cases = cases * scale();
    let started = Instant::now();
    let mut failures = Vec::new();
    for case in 0..cases {
        let seed = (case as u64)
            ^ name
                .bytes()
                .fold(0u64, |h, b| h.wrapping_mul(31) ^ u64::from(b));
        let mut rng = Rng::new(seed);
        let input = mutator(&mut rng, &samples[case % samples.len()]);
        observe(&input);
        if let Err(e) = catch_unwind(AssertUnwindSafe(|| target(&input))) {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let dir = root().join("target/mutation-failures");
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{name}-{case}"));
            let _ = std::fs::write(&file, &input);
            failures.push(format!("case {case} ({}): {msg}", file.display()));
        }
    }
    eprintln!(
        "mutation {name}: {cases} cases over {} samples in {:.1} s",
        samples.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{name}: {} of {cases} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

/// Pieces of at most `size` bytes of a text, cut at line ends.
fn pieces(text: &str, size: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut piece = String::new();
    for line in text.split_inclusive('\n') {
        if piece.len() + line.len() > size && !piece.is_empty() {
            out.push(std::mem::take(&mut piece).into_bytes());
        }
        piece.push_str(line);
    }
    if !piece.is_empty() {
        out.push(piece.into_bytes());
    }
    out
}

#[test]
fn mutated_budget_json() {
    let mut samples: Vec<Vec<u8>> = files("examples/data", "json")
        .iter()
        .map(|p| read(p))
        .collect();
    samples.extend(
        files("examples/data/invalid", "json")
            .iter()
            .map(|p| read(p)),
    );
    // How deep the mutants get: unreadable, readable but rejected by the rules, or built.
    let (mut unreadable, mut rejected, mut built) = (0, 0, 0);
    let docs: Vec<serde_json::Value> = samples
        .iter()
        .filter_map(|s| serde_json::from_slice(s).ok())
        .collect();
    // A third of the cases mutate bytes, the rest the document's structure (through
    // serde_json::Value).
    let mutator = |rng: &mut Rng, sample: &[u8]| {
        if rng.below(3) == 0 {
            mutate(rng, sample)
        } else {
            let doc = &docs[rng.below(docs.len())];
            mutate_json(rng, doc)
        }
    };
    run_observed(
        "budget_json",
        entry::budget_json,
        &samples,
        250,
        mutator,
        |input| match yusuan::budget::read_json(input).map(|b| b.build().is_ok()) {
            Err(_) => unreadable += 1,
            Ok(false) => rejected += 1,
            Ok(true) => built += 1,
        },
    );
    eprintln!("mutation budget_json: {unreadable} unreadable, {rejected} rejected, {built} built");
    assert!(
        rejected > 0 && built > 0,
        "the mutants never reach the rules or the views"
    );
}

#[test]
fn mutated_catalogue_tsv() {
    let text =
        String::from_utf8(read(&root().join("src/classification/data/2026.tsv"))).expect("UTF-8");
    // The header, then one 类 at a time: each piece is a valid edition before mutation.
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
    let (header, rows) = lines.split_first().expect("a header");
    let mut samples: Vec<Vec<u8>> = Vec::new();
    let mut class = String::new();
    let mut piece = String::new();
    for row in rows {
        let code = row.split('\t').next().unwrap_or("");
        if code.len() == 3 && code != class {
            if !piece.is_empty() {
                samples.push(format!("{header}\n{piece}").into_bytes());
            }
            class = code.to_string();
            piece.clear();
        }
        piece.push_str(row);
        piece.push('\n');
    }
    samples.push(format!("{header}\n{piece}").into_bytes());
    assert!(samples.len() > 30, "{} classes", samples.len());
    run("catalogue_tsv", entry::catalogue_tsv, &samples, 800);
}

#[test]
fn mutated_templates() {
    let mut samples: Vec<Vec<u8>> = files("src/disclosure/templates", "toml")
        .iter()
        .map(|p| read(p))
        .collect();
    samples.extend(
        files("tests/data/templates", "toml")
            .iter()
            .map(|p| read(p)),
    );
    run("template", entry::template, &samples, 150);
}

#[test]
fn mutated_disclosures() {
    let mut paths = files("tests/data/disclosures", "txt");
    paths.push(root().join("tests/data/disclosures/alashankou_science_bureau_2026.md"));
    let samples: Vec<Vec<u8>> = paths
        .iter()
        .flat_map(|p| pieces(&String::from_utf8(read(p)).expect("UTF-8"), 6_000))
        .collect();
    run("audit", entry::audit, &samples, 600);
}

/// Printed cells: amounts, codes, labels and performance values, each through every parser of
/// single values.
#[test]
fn mutated_cells() {
    let text = String::from_utf8(read(
        &root().join("tests/data/disclosures/alashankou_science_bureau_2026.md"),
    ))
    .expect("UTF-8");
    let mut cells: Vec<Vec<u8>> = text
        .lines()
        .flat_map(|l| l.split('\t'))
        .map(|c| c.trim().replace("<b>", "").replace("</b>", ""))
        .filter(|c| !c.is_empty() && c.len() <= 64)
        .map(String::into_bytes)
        .collect();
    cells.sort();
    cells.dedup();
    assert!(cells.len() > 300, "{} cells", cells.len());
    run("amount", entry::amount, &cells, 3000);
    run("codes", entry::codes, &cells, 3000);
    run("vocabulary", entry::vocabulary, &cells, 1500);
    run("performance", entry::performance, &cells, 3000);
}
