//! The Shanghai template (`Template::shanghai_9()`) renders 上海市普陀区社会福利院 2024
//! (`examples/data/shanghai_putuo_welfare_home_2024.json`) into the nine tables of its published
//! unit budget (`tests/data/disclosures/10_shanghai_putuo_welfare_home_2024_unit`), and every
//! printed money cell of every table is compared with the rendered one.
//!
//! Printed values are read from the document's ruled tables (the `.grid.txt` rendering) and
//! parsed with `Amount::parse_in` (元 with thousands separators; the "三公" table in 万元).
//! Rows are paired by their printed labels (codes and names; the ordinal prefix of the
//! two-sided summary tables dropped), columns by their header position. The tally of matched /
//! published money cells per table is asserted, and every unmatched cell is named with its
//! reason (the known gaps of `examples/data/README.md`).

use yusuan::budget::DepartmentBudget;
use yusuan::disclosure::{Cell, Disclosure, Rounding, Row, Table, Template};
use yusuan::{Amount, Unit};

mod common;
use common::squeeze;

const JSON: &str = include_str!("../examples/data/shanghai_putuo_welfare_home_2024.json");
const GRID: &str =
    include_str!("data/disclosures/10_shanghai_putuo_welfare_home_2024_unit.grid.txt");
const TEXT: &str = include_str!("data/disclosures/10_shanghai_putuo_welfare_home_2024_unit.txt");

/// The text of page `n` of the document.
fn page_text(n: u32) -> &'static str {
    let marker = format!("===== [page {n}] =====");
    let start = TEXT.find(&marker).expect("page") + marker.len();
    let end = TEXT[start..]
        .find("===== [page")
        .map_or(TEXT.len(), |e| start + e);
    &TEXT[start..end]
}

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Putuo welfare home budget builds")
}

fn tables() -> Vec<Table> {
    Disclosure::new(&budget(), Template::shanghai_9()).tables(Rounding::Faithful)
}

/// A label without its ordinal prefix ("一、", "1、", "1."), under the name the document
/// gives the same 类 elsewhere: its 表1 and 表4 print 210 under the older name
/// 医疗卫生与计划生育支出, its 表2, 3 and 5 as 卫生健康支出; its 表8 prints 30108 under the
/// older name 机关事业单位基本养老保险费 (code and amount as the national 30108).
fn label(s: &str) -> String {
    let s = squeeze(s);
    let ordinal = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let prefix: String = s.chars().take_while(|&c| ordinal(c)).collect();
    let rest = &s[prefix.len()..];
    let bare = match rest.chars().next() {
        Some(sep @ ('、' | '.' | '．')) if !prefix.is_empty() => &rest[sep.len_utf8()..],
        _ => s.as_str(),
    };
    match bare {
        "医疗卫生与计划生育支出" => "卫生健康支出".to_string(),
        "机关事业单位基本养老保险费" => "机关事业单位基本养老保险缴费".to_string(),
        other => other.to_string(),
    }
}

/// The rows of the ruled table printed on `page`, cells trimmed.
fn grid(page: u32) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut inside = false;
    for line in GRID.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            inside = rest.split(' ').next() == Some(&page.to_string());
        } else if inside && !line.trim().is_empty() {
            rows.push(line.split('|').map(|c| c.trim().to_string()).collect());
        }
    }
    assert!(!rows.is_empty(), "no table on page {page}");
    rows
}

/// A row's key: its label columns `key`, joined; the row's first cell where those are blank
/// (合计, 收入总计).
fn key(cells: &[String], key: &[usize]) -> String {
    let k: String = key
        .iter()
        .map(|&i| label(cells.get(i).map_or("", String::as_str)))
        .collect::<Vec<_>>()
        .join("|");
    if k.chars().all(|c| c == '|') {
        cells.first().map_or(String::new(), |c| label(c))
    } else {
        k
    }
}

fn rendered_key(t: &Table, row: &Row, cols: &[usize]) -> String {
    let cells: Vec<String> = row.cells.iter().map(|c| t.shown(c)).collect();
    key(&cells, cols)
}

/// One side of a table: the label columns rows are paired by (the same index in the published
/// and the rendered table), and each published money column with the rendered column under
/// the same header, or `None` with the reason the template prints no such column.
struct Part {
    key: &'static [usize],
    cols: &'static [(usize, Result<usize, &'static str>)],
}

/// One published table: its page, its header rows, its unit, and its parts.
struct Spec {
    page: u32,
    header: usize,
    unit: Unit,
    parts: &'static [Part],
    /// Why a rendered cell differs from the printed one, or a printed row is not rendered, by
    /// the row's key.
    gaps: &'static [(&'static str, &'static str)],
}

/// Matched / published money cells of one table, and what did not match.
#[derive(Default)]
struct Tally {
    published: usize,
    matched: usize,
    unmatched: Vec<String>,
}

fn parse(text: &str, unit: Unit, what: &str) -> Amount {
    Amount::parse_in(text, unit).unwrap_or_else(|e| panic!("{what}: {text:?}: {e}"))
}

/// The amount a rendered cell prints (a blank money cell prints nothing: zero), or `None` for
/// a text cell.
fn rendered_amount(t: &Table, cell: &Cell, what: &str) -> Option<Amount> {
    match cell {
        Cell::Money { shown: Some(d), .. } => Some(parse(&d.to_string(), t.unit, what)),
        Cell::Money { exact, shown: None } => {
            assert!(exact.is_zero(), "{what}: blank over {exact:?}");
            Some(Amount::ZERO)
        }
        Cell::Text(_) => None,
    }
}

fn compare_part(t: &Table, spec: &Spec, part: &Part, published: &[Vec<String>], tally: &mut Tally) {
    for (i, p) in published.iter().enumerate() {
        let k = key(p, part.key);
        // a part without label columns (the "三公" table's one row) pairs rows by position
        let rendered = if part.key.is_empty() {
            t.rows.get(i)
        } else {
            t.rows
                .iter()
                .find(|r| !k.is_empty() && rendered_key(t, r, part.key) == k)
        };
        for &(pc, rc) in part.cols {
            let printed = p.get(pc).map_or("", String::as_str);
            let at = format!("表{} row {} «{k}» col {pc}", t.number, i + 1);
            let cell = match (rendered, rc) {
                (Some(r), Ok(rc)) => r.cells.get(rc),
                _ => None,
            };
            if printed.is_empty() {
                if let Some(c) = cell {
                    let got = rendered_amount(t, c, &at);
                    assert!(
                        got.is_none_or(|a| a.is_zero()),
                        "{at}: blank, rendered {c:?}"
                    );
                }
                continue;
            }
            tally.published += 1;
            let want = parse(printed, spec.unit, &at);
            let reason = match (rendered, rc, cell) {
                (None, _, _) => format!("row not rendered; {}", gap(spec, &k)),
                (_, Err(why), _) => why.to_string(),
                (_, _, None) => "no rendered cell".to_string(),
                (_, _, Some(c)) => match rendered_amount(t, c, &at) {
                    Some(got) if got == want => {
                        tally.matched += 1;
                        continue;
                    }
                    Some(_) => format!("rendered {}; {}", t.shown(c), gap(spec, &k)),
                    None => format!("rendered as text {:?}; {}", t.shown(c), gap(spec, &k)),
                },
            };
            tally
                .unmatched
                .push(format!("{at}: printed {printed}, {reason}"));
        }
    }
}

/// The known reason row `key` of `spec` differs from the publication.
fn gap(spec: &Spec, key: &str) -> &'static str {
    spec.gaps
        .iter()
        .find(|(k, _)| *k == key)
        .map_or("no known gap", |(_, why)| why)
}

fn compare(t: &Table, spec: &Spec) -> Tally {
    let printed = grid(spec.page);
    let body = &printed[spec.header..];
    let mut tally = Tally::default();
    for part in spec.parts {
        compare_part(t, spec, part, body, &mut tally);
    }
    tally
}

/// The functional tables (表2, 3, 5, 6, 7) pair rows by 款, 项 and 名称 (the 类 column is left
/// out of the key: the extractor reads 210 as "7" on pages 9 and 11).
const FUNCTIONAL_KEY: &[usize] = &[1, 2, 3];

const BASIC_SPLIT: &str = "the template's 表1 prints one 预算数 column for 本年支出; the \
    document splits it into 基本支出 (人员经费, 公用经费) and 项目支出";

/// 表8's rows the template cannot pair: the document's 部门经济分类 is Shanghai's own, and the
/// budget states its 302 and 303 rows in the national catalogue (examples/data/README.md).
const ECONOMIC_GAPS: &[(&str, &str)] = &[
    (
        "咨询费",
        "Shanghai's 30202; the budget puts it in 30299 其他商品和服务支出",
    ),
    (
        "办公设备购置费",
        "Shanghai's 30206 (电费 nationally); the budget puts it in 30299 其他商品和服务支出",
    ),
    (
        "车辆运行费",
        "Shanghai's 30210; the budget states it as the national 30231, rendered \
         公务用车运行维护费 with the same amount",
    ),
    (
        "事业单位离退休人员福利费",
        "Shanghai's 30211 (差旅费 nationally); the budget puts it in 30299 其他商品和服务支出",
    ),
    (
        "机关事业单位退休人员活动费",
        "Shanghai's 30212 (因公出国（境）费用 nationally); the budget puts it in 30299 \
         其他商品和服务支出",
    ),
    (
        "其他商品和服务支出",
        "the rendered 30299 also holds 咨询费, 办公设备购置费, 事业单位离退休人员福利费 and \
         机关事业单位退休人员活动费",
    ),
    (
        "离退休人员经费",
        "Shanghai's name for 303; rendered under the national 对个人和家庭的补助 with the same \
         amount",
    ),
    (
        "退休费",
        "the budget states it on 30301, rendered under the national name 离休费 with the same \
         amount (the national 退休费 is 30302)",
    ),
];

/// 表3, 5, 6 and 7: 合计, 基本支出, 项目支出 under the same header positions.
const FUNCTIONAL: &[Part] = &[Part {
    key: FUNCTIONAL_KEY,
    cols: &[(4, Ok(4)), (5, Ok(5)), (6, Ok(6))],
}];

const SPECS: [Spec; 9] = [
    Spec {
        page: 7,
        header: 4,
        unit: Unit::Yuan,
        parts: &[
            Part {
                key: &[0],
                cols: &[(1, Ok(1))],
            },
            Part {
                key: &[2],
                cols: &[
                    (3, Ok(3)),
                    (4, Err(BASIC_SPLIT)),
                    (5, Err(BASIC_SPLIT)),
                    (6, Err(BASIC_SPLIT)),
                ],
            },
        ],
        gaps: &[],
    },
    Spec {
        page: 8,
        header: 3,
        unit: Unit::Yuan,
        parts: &[Part {
            key: FUNCTIONAL_KEY,
            cols: &[(4, Ok(4)), (5, Ok(5)), (6, Ok(6)), (7, Ok(7)), (8, Ok(8))],
        }],
        gaps: &[],
    },
    Spec {
        page: 9,
        header: 3,
        unit: Unit::Yuan,
        parts: FUNCTIONAL,
        gaps: &[],
    },
    Spec {
        page: 10,
        header: 7,
        unit: Unit::Yuan,
        parts: &[
            Part {
                key: &[0],
                cols: &[(1, Ok(1))],
            },
            Part {
                key: &[2],
                cols: &[(3, Ok(3)), (4, Ok(4)), (5, Ok(5)), (6, Ok(6))],
            },
        ],
        gaps: &[],
    },
    Spec {
        page: 11,
        header: 3,
        unit: Unit::Yuan,
        parts: FUNCTIONAL,
        gaps: &[],
    },
    Spec {
        page: 12,
        header: 3,
        unit: Unit::Yuan,
        parts: FUNCTIONAL,
        gaps: &[],
    },
    Spec {
        page: 13,
        header: 3,
        unit: Unit::Yuan,
        parts: FUNCTIONAL,
        gaps: &[],
    },
    Spec {
        page: 14,
        header: 3,
        unit: Unit::Yuan,
        parts: &[Part {
            key: &[2],
            cols: &[(3, Ok(3)), (4, Ok(4)), (5, Ok(5))],
        }],
        gaps: ECONOMIC_GAPS,
    },
    Spec {
        page: 15,
        header: 3,
        unit: Unit::WanYuan,
        parts: &[Part {
            key: &[],
            cols: &[
                (0, Ok(0)),
                (1, Ok(1)),
                (2, Ok(2)),
                (3, Ok(3)),
                (4, Ok(4)),
                (5, Ok(5)),
                (6, Ok(6)),
            ],
        }],
        gaps: &[],
    },
];

/// Matched / published money cells per table, counted on the published document.
const EXPECTED: [(usize, usize); 9] = [
    (8, 16),
    (34, 34),
    (34, 34),
    (10, 10),
    (30, 30),
    (0, 0),
    (0, 0),
    (39, 55),
    (6, 6),
];

#[test]
fn every_money_cell_of_every_table_matches_the_publication() {
    let tables = tables();
    assert_eq!(tables.len(), 9);
    let (mut matched, mut published) = (0, 0);
    for ((t, spec), expected) in tables.iter().zip(&SPECS).zip(EXPECTED) {
        // the unit the cells are parsed in is the one printed above the table, and the template's
        let printed_unit = match spec.unit {
            Unit::WanYuan => "单位:万元",
            _ => "单位：元",
        };
        assert!(
            page_text(spec.page).contains(printed_unit),
            "表{}",
            t.number
        );
        assert_eq!(t.unit, spec.unit, "表{} unit", t.number);
        let tally = compare(t, spec);
        eprintln!(
            "表{} {}: {}/{} printed money cells matched",
            t.number, t.title, tally.matched, tally.published
        );
        for u in &tally.unmatched {
            eprintln!("  unmatched: {u}");
            assert!(!u.contains("no known gap"), "{u}");
        }
        assert_eq!(
            (tally.matched, tally.published),
            expected,
            "{:#?}",
            tally.unmatched
        );
        matched += tally.matched;
        published += tally.published;
    }
    eprintln!("上海市普陀区社会福利院 2024: {matched}/{published} money cells");
    assert_eq!((matched, published), (161, 185));
}

/// The printed amount (合计 column) of 表8's row `name`, read from the published grid.
fn printed_economic(name: &str) -> Amount {
    let row = grid(14)
        .into_iter()
        .find(|r| r.get(2).is_some_and(|c| squeeze(c) == name))
        .unwrap_or_else(|| panic!("表8 prints no {name}"));
    parse(&row[3], Unit::Yuan, name)
}

/// The rendered amount (合计 column) of 表8's row `name`.
fn rendered_economic(name: &str) -> Amount {
    let t = &tables()[7];
    let row = t
        .rows
        .iter()
        .find(|r| r.cells.get(2).is_some_and(|c| t.shown(c) == name))
        .unwrap_or_else(|| panic!("表8 renders no {name}"));
    rendered_amount(t, &row.cells[3], name).expect("a money cell")
}

#[test]
fn the_unpaired_economic_rows_hold_the_printed_amounts_under_national_codes() {
    // 30299 holds the printed 其他商品和服务支出 and the four Shanghai rows without a national 款
    let printed = [
        "其他商品和服务支出",
        "咨询费",
        "办公设备购置费",
        "事业单位离退休人员福利费",
        "机关事业单位退休人员活动费",
    ]
    .into_iter()
    .map(printed_economic)
    .try_fold(Amount::ZERO, Amount::checked_add)
    .expect("no overflow");
    assert_eq!(rendered_economic("其他商品和服务支出"), printed);
    assert_eq!(
        rendered_economic("公务用车运行维护费"),
        printed_economic("车辆运行费")
    );
    assert_eq!(
        rendered_economic("对个人和家庭的补助"),
        printed_economic("离退休人员经费")
    );
    assert_eq!(rendered_economic("离休费"), printed_economic("退休费"));
}
