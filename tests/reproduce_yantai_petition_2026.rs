//! 烟台市信访局 2026 年部门预算 (Shandong template) rebuilt from
//! `examples/data/yantai_petition_2026.json`: the budget's views — sums of its leaf lines by
//! functional 项, economic 款 with its 政府 款, spending kind, project, "三公", 机关运行经费,
//! procurement — against the figures printed in
//! `tests/data/disclosures/14_yantai_petition_bureau_2026_dept` (.grid.txt for the tables, .txt
//! for the narrative).
//!
//! Rows are recognised by their printed codes, never by a hard-coded figure: each row of 表5
//! (functional, by 人员/公用/项目) and of 表6 (economic, by 人员/公用) is compared with the sum of
//! the lines under its code. See `examples/data/yantai_petition_2026.md` for the choices behind
//! the lines and the published rows the budget cannot match.

use yusuan::budget::{DepartmentBudget, Line, SpendingKind};
use yusuan::classification::MappingBasis;
use yusuan::{Amount, Unit};

const JSON: &str = include_str!("../examples/data/yantai_petition_2026.json");
const GRID: &str = include_str!("data/disclosures/14_yantai_petition_bureau_2026_dept.grid.txt");
const TEXT: &str = include_str!("data/disclosures/14_yantai_petition_bureau_2026_dept.txt");

fn budget() -> DepartmentBudget {
    serde_json::from_str(JSON).expect("the Yantai budget builds")
}

fn wan(a: Amount) -> String {
    a.display_in(Unit::WanYuan).to_string()
}

fn printed(s: &str) -> String {
    if s.is_empty() {
        return "0.00".into();
    }
    wan(Amount::parse_in(s, Unit::WanYuan).unwrap_or_else(|e| panic!("{s:?}: {e}")))
}

/// The rows of the tables printed on `pages`, trimmed.
fn rows(pages: &[u32]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in GRID.lines() {
        if let Some(rest) = line.strip_prefix("===== [page ") {
            inside = pages
                .iter()
                .any(|p| rest.starts_with(&format!("{p} table 1:")));
        } else if inside && !line.starts_with('#') {
            out.push(line.split('|').map(|c| c.trim().to_string()).collect());
        }
    }
    out
}

fn is_code(s: &str) -> bool {
    !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit())
}

fn sum(b: &DepartmentBudget, keep: impl Fn(&Line) -> bool) -> Amount {
    b.sum_where(keep)
}

/// 表5 一般公共预算支出情况表 (pages 13–14, regular columns on page 13): every 类/款/项 row's
/// 合计, 基本 小计, 人员, 公用 and 项目 against the lines under its code. The codes print only
/// their own level (a 款 row `40`), so the full code is rebuilt from the rows above.
#[test]
fn every_functional_row_of_the_general_budget_table() {
    let b = budget();
    let (mut class, mut section) = (String::new(), String::new());
    let (mut checked, mut withheld) = (0, Vec::new());
    for r in rows(&[13]).iter().skip(3).filter(|r| r.len() == 9) {
        let code = match (r[0].as_str(), r[1].as_str(), r[2].as_str()) {
            (c, "", "") if is_code(c) => {
                class = c.to_string();
                class.clone()
            }
            ("", k, "") if is_code(k) => {
                section = format!("{class}{k}");
                section.clone()
            }
            ("", "", x) if is_code(x) => format!("{section}{x}"),
            _ => continue,
        };
        let under = |l: &Line| l.functional().to_string().starts_with(&code);
        let kind = |k: fn(SpendingKind) -> bool| sum(&b, |l| under(l) && k(l.kind()));
        let got = [
            wan(sum(&b, under)),
            wan(kind(|k| k.is_basic())),
            wan(kind(|k| k == SpendingKind::PERSONNEL)),
            wan(kind(|k| k == SpendingKind::OPERATING)),
            wan(kind(|k| k.project().is_some())),
        ];
        let want: Vec<String> = r[4..9].iter().map(|c| printed(c)).collect();
        assert_eq!(got.to_vec(), want, "表5 {code} {}", r[3]);
        checked += 1;
        // a 款 whose printed 项 do not add up to it: the withheld 项 (2014004 信访业务)
        if code.len() == 5 {
            let items = sum(&b, |l| under(l) && l.functional().to_string() != "2014004");
            if wan(items) != want[0] {
                withheld.push(code.clone());
            }
        }
    }
    assert_eq!(checked, 19);
    assert_eq!(withheld, ["20140"]);
}

/// 表6 一般公共预算基本支出情况表 (pages 15–16, regular columns): every (部门 款, 政府 款) row
/// against the lines of that 部门 款 whose unit kind maps it to that 政府 款.
#[test]
fn every_economic_row_of_the_basic_table() {
    let b = budget();
    let basis = |l: &Line| match l.unit() {
        None => b.department().unit_kind.mapping_basis(),
        Some(u) => b.unit(u).expect("unit").unit_kind.mapping_basis(),
    };
    let mut checked = 0;
    for r in rows(&[15, 16]).iter().skip(2) {
        if !is_code(&r[0]) || !is_code(&r[3]) {
            continue;
        }
        let (dept, gov) = (format!("{}{}", r[0], r[1]), format!("{}{}", r[3], r[4]));
        let row = |l: &Line| {
            l.kind().is_basic()
                && l.economic().to_string().starts_with(&dept)
                && l.economic()
                    .government_code(basis(l))
                    .is_some_and(|g| g.to_string().starts_with(&gov))
        };
        let got = [
            wan(sum(&b, row)),
            wan(sum(&b, |l| row(l) && l.kind() == SpendingKind::PERSONNEL)),
            wan(sum(&b, |l| row(l) && l.kind() == SpendingKind::OPERATING)),
        ];
        let want: Vec<String> = r[6..9].iter().map(|c| printed(c)).collect();
        assert_eq!(got.to_vec(), want, "表6 {dept}/{gov} {}", r[2]);
        checked += 1;
    }
    // 21 rows on page 15 below 合计, 22 on page 16
    assert_eq!(checked, 43);
    // the 事业单位's 301 and 302 are reported under 505
    assert!(b.lines().iter().any(|l| l.unit().is_some()
        && b.unit(l.unit().unwrap()).unwrap().unit_kind.mapping_basis()
            == MappingBasis::PublicInstitution));
}

/// The totals, "三公", 机关运行经费, projects and procurement, as printed in 表1, 表5, 表7, 表11
/// and the narrative.
#[test]
fn totals_three_public_organ_running_projects_and_procurement() {
    let b = budget();
    let k = b.kind_totals();
    assert_eq!(wan(b.total()), "1717.85");
    assert_eq!(wan(k.personnel), "1088.89");
    assert_eq!(wan(k.operating), "103.96");
    assert_eq!(wan(k.project), "525.00");
    assert_eq!(wan(k.basic()), "1192.85");
    let t = b.three_public();
    assert_eq!(
        [
            t.abroad,
            t.vehicle_purchase,
            t.vehicle_operation,
            t.reception
        ]
        .map(wan),
        ["0.00", "0.00", "15.00", "2.00"]
    );
    assert!(
        GRID.contains("22.00 |  | 20.00 |  | 20.00 | 2.00 | 17.00 |  | 15.00 |  | 15.00 | 2.00")
    );
    assert_eq!(wan(b.organ_running()), "74.52");
    assert!(TEXT.contains("2026年本部门机关运行经费安排74.52万元"));
    let projects: Vec<(String, String)> = b
        .project_totals()
        .into_iter()
        .map(|(id, a)| (b.project(id).unwrap().name.clone(), wan(a)))
        .collect();
    for (name, amount) in &projects[..3] {
        let category = if name == "实施公车统管费用" {
            "其他运转类"
        } else {
            "特定目标类"
        };
        let row = format!("{name} | {category} | {amount} | {amount} | {amount}");
        assert!(GRID.contains(&row), "{row}");
    }
    // the withheld projects: 525.00 less the three printed
    assert_eq!(projects[3].1, "290.00");
    let p = b.procurement().expect("procurement");
    assert_eq!(
        [p.goods, p.works, p.services].map(wan),
        ["1.56", "0.00", "70.33"]
    );
    assert!(TEXT.contains("2026年政府采购预算71.89万元，其中：政府采购货物预算1.56万元，政"));
}

/// A profile whose indicators add up to 0 (the template prints no weights) takes indicators
/// weighted 0; a weight under it is an error.
#[test]
fn unweighted_indicators_validate_under_a_zero_profile_only() {
    let mut v: serde_json::Value = serde_json::from_str(JSON).unwrap();
    v["performance"]["projects"][0]["indicators"][0]["weight"] = "10".into();
    let err = serde_json::from_value::<DepartmentBudget>(v.clone()).unwrap_err();
    assert!(err.to_string().contains("add up to 10"), "{err}");
    v["performance"]["projects"][0]["indicators"][0]["weight"] = "0".into();
    v["performance"]["profile"]["indicators_total"] = "100".into();
    let err = serde_json::from_value::<DepartmentBudget>(v).unwrap_err();
    assert!(err.to_string().contains("weights are positive"), "{err}");
}
