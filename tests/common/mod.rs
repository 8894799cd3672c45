//! Helpers shared by the integration tests: the seed disclosure's text and the `.grid.txt` page tables.

#![allow(dead_code)] // each test crate uses a different subset

/// The seed disclosure, as published (see `tests/data/disclosures/PROVENANCE.md`).
pub const SEED_TEXT: &str = include_str!("../data/disclosures/alashankou_science_bureau_2026.md");

/// The text of 表 `n` in the seed: from its `表 n` line to the next table or the narrative.
pub fn seed_table(n: u32) -> &'static str {
    let start = SEED_TEXT
        .find(&format!("\n表 {n}\n"))
        .unwrap_or_else(|| panic!("表 {n} not found"))
        + 1;
    let rest = &SEED_TEXT[start..];
    let end = rest[4..].find("\n表 ").map_or(rest.len(), |e| e + 4);
    let end = end.min(rest.find("### 第三部分").unwrap_or(rest.len()));
    &rest[..end]
}

/// The tab-separated lines of a block, as printed (`<b>` markup kept).
pub fn tab_lines(block: &str) -> Vec<String> {
    block
        .lines()
        .filter(|l| l.contains('\t'))
        .map(str::to_string)
        .collect()
}

/// The tab-separated rows of a block: cells trimmed, `<b>` removed.
pub fn tab_rows(block: &str) -> Vec<Vec<String>> {
    tab_lines(block)
        .iter()
        .map(|l| {
            l.replace("<b>", "")
                .replace("</b>", "")
                .split('\t')
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// Text with whitespace (PDF line wrapping) removed and half-width parentheses made full-width,
/// for comparing printed names and sentences.
pub fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            other => other,
        })
        .collect()
}

/// The ruled tables printed on `page` of a `.grid.txt` text, each its rows of trimmed cells.
pub fn page_tables(grid: &str, page: u32) -> Vec<Vec<Vec<String>>> {
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut inside = false;
    for line in grid.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            inside = rest.split(' ').next() == Some(&page.to_string());
            if inside {
                tables.push(Vec::new());
            }
        } else if inside && !line.starts_with('#') && !line.trim().is_empty() {
            let row = line.split('|').map(|c| c.trim().to_string()).collect();
            tables.last_mut().expect("a table").push(row);
        }
    }
    assert!(!tables.is_empty(), "no table on page {page}");
    tables
}
