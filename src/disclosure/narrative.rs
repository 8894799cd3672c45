//! 情况说明: the narrative, generated from the budget under a template's wording.
//!
//! The template's sections are texts with placeholders (see the [module docs](super)); this
//! module computes the values they name from the budget's views. Every amount, share and
//! change is computed; reasons and descriptions are texts the budget carries, by key, and are
//! reached as `{text.<key>}`:
//!
//! | key | text |
//! |---|---|
//! | `reason.income.<source>` | why an income source changed (`<source>` is its serde name, e.g. `general_budget_own`); also the item's `{reason}` in `income` |
//! | `reason.basic`, `reason.project` | why 基本支出 / 项目支出 changed |
//! | `reason.general_budget_basic`, `reason.general_budget_project` | the same for 一般公共预算当年拨款 |
//! | `reason.fiscal` | why 财政拨款 changed |
//! | `reason.item.<code>` | why a 项's 一般公共预算当年拨款 changed (the item's `{reason}` in `general_items`) |
//! | `use.item.<code>` | what a 项's money is used for (the item's `{use}`) |
//! | `reason.three_public.<abroad/vehicles/vehicle_purchase/vehicle_operation/reception>` | why a "三公" item changed |
//! | `reason.organ_running` | why 机关运行经费 changed |
//! | `use.general_budget` | what 一般公共预算支出 is mainly used for |
//! | `entrusted.<project key>` | what a project's 委托业务费 is used for (the item's `{purpose}`) |
//!
//! A missing text has no value: an optional segment `[[ … ]]` around it is left out.
//!
//! The placeholders every template may use are listed in [`GLOBALS`] and, per list, in
//! [`LISTS`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::{Amount, Direction};
use crate::budget::{BasicKind, Comparison, DepartmentBudget, Line, SpendingKind, VehicleKind};
use crate::classification::{Catalogue, Code, FunctionalCode, Level};
use crate::funding::{FundType, FundingGroup, FundingSource};

use super::build::chinese_number;
use super::template::{ChangeWording, NarrativeSpec, ParagraphSpec, SectionSpec};
use super::text::{Lookup, Text};

/// One section of the narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Section {
    /// 标题, e.g. `二、关于……收入预算情况说明`.
    pub title: String,
    /// The paragraphs.
    pub paragraphs: Vec<String>,
}

impl core::fmt::Display for Section {
    /// The title, then each paragraph on its own line.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.title)?;
        for p in &self.paragraphs {
            write!(f, "\n{p}")?;
        }
        Ok(())
    }
}

/// The global placeholders: (name, what it is).
pub const GLOBALS: &[(&str, &str)] = &[
    ("name", "部门名称"),
    ("year", "预算年度"),
    ("prior_year", "上年"),
    ("total", "收支总预算"),
    ("total_change", "收支总预算比上年 (上年收入合计)"),
    ("basic", "基本支出"),
    ("basic_share", "基本支出占比 (%)"),
    ("basic_change", "基本支出比上年"),
    ("project", "项目支出"),
    ("project_share", "项目支出占比 (%)"),
    ("project_change", "项目支出比上年"),
    ("fiscal", "财政拨款 (本年, 三本预算)"),
    ("fiscal_change", "财政拨款比上年 (收入上年数)"),
    ("general", "一般公共预算拨款 (本年)"),
    ("general_change", "一般公共预算拨款比上年"),
    ("government_fund", "政府性基金预算拨款 (本年)"),
    ("government_fund_change", "政府性基金预算拨款比上年"),
    ("government_fund_all", "政府性基金预算拨款 (含结转)"),
    ("state_capital", "国有资本经营预算拨款 (本年)"),
    ("state_capital_change", "国有资本经营预算拨款比上年"),
    ("state_capital_all", "国有资本经营预算拨款 (含结转)"),
    ("only_general", "财政拨款全部为一般公共预算 (条件)"),
    ("general_all", "一般公共预算拨款 (含结转)"),
    ("general_all_change", "其比上年 (上年收入, 同一资金性质)"),
    (
        "government_fund_all_change",
        "政府性基金预算拨款 (含结转) 比上年",
    ),
    (
        "state_capital_all_change",
        "国有资本经营预算拨款 (含结转) 比上年",
    ),
    (
        "expenditure_change",
        "支出合计比上年 (上年基本支出 + 项目支出)",
    ),
    ("service_income_change", "事业收入比上年"),
    ("other_income_change", "其他收入比上年"),
    ("service_income", "事业收入"),
    ("business_income", "事业单位经营收入"),
    (
        "other_income",
        "其他收入 (非财政拨款、非事业、非经营、非结转)",
    ),
    ("gb_total", "一般公共预算当年拨款"),
    ("gb_basic", "一般公共预算当年拨款基本支出"),
    ("gb_basic_change", "其比上年"),
    ("gb_project", "一般公共预算当年拨款项目支出"),
    ("gb_project_change", "其比上年"),
    ("gb_all_basic", "一般公共预算基本支出 (含结转)"),
    ("gb_all_basic_change", "其比上年 (上年一般公共预算基本支出)"),
    ("gb_all_project", "一般公共预算项目支出 (含结转)"),
    (
        "gb_all_project_change",
        "其比上年 (上年一般公共预算项目支出)",
    ),
    ("gb_personnel", "人员经费"),
    ("gb_operating", "公用经费"),
    ("tp_total", "“三公”经费"),
    ("tp_total_change", "其比上年"),
    ("tp_abroad", "因公出国（境）费"),
    ("tp_abroad_change", "其比上年"),
    ("tp_vehicles", "公务用车购置及运行费"),
    ("tp_vehicles_change", "其比上年"),
    ("tp_vehicle_purchase", "公务用车购置费"),
    ("tp_vehicle_purchase_change", "其比上年"),
    ("tp_vehicle_operation", "公务用车运行费"),
    ("tp_vehicle_operation_change", "其比上年"),
    ("tp_reception", "公务接待费"),
    ("tp_reception_change", "其比上年"),
    ("entrusted_total", "委托业务费"),
    ("carry_total", "上年结转结余"),
    ("carry_fiscal", "财政拨款结转"),
    ("carry_other", "非财政拨款结转结余"),
    ("organ_running", "机关运行经费"),
    ("organ_running_change", "其比上年"),
    ("procurement", "有政府采购预算 (条件)"),
    ("procurement_total", "政府采购预算"),
    ("procurement_goods", "货物"),
    ("procurement_works", "工程"),
    ("procurement_services", "服务"),
    ("procurement_sme", "面向中小企业预留"),
    ("procurement_small_micro", "其中小微企业"),
    ("assets", "有国有资产数据 (条件)"),
    ("asset_year", "资产截至年度"),
    ("building_area", "房屋面积 (平方米)"),
    ("building_value", "房屋价值"),
    ("vehicle_count", "车辆数"),
    ("vehicle_value", "车辆价值"),
    ("furniture_value", "办公家具价值"),
    ("other_assets_value", "其他资产价值"),
    ("equipment_over_500k", "50 万元以上设备台数"),
    ("equipment_over_1m", "100 万元以上设备台数"),
    ("planned_vehicles", "计划购置车辆数"),
    ("planned_equipment_over_500k", "计划购置 50 万元以上设备"),
    ("planned_equipment_over_1m", "计划购置 100 万元以上设备"),
    ("performance", "有绩效目标 (条件)"),
    ("performance_department_targets", "部门整体绩效目标个数"),
    ("performance_department_amount", "部门整体绩效目标金额"),
    ("performance_projects", "项目绩效目标个数"),
    ("performance_fiscal_projects", "财政拨款项目金额"),
    ("performance_other_projects", "非财政拨款项目金额"),
    ("performance_project_amount", "项目绩效目标金额"),
];

/// The lists and the placeholders of their items; every item also has `{n}` (1, 2, …),
/// `{cn}` (一, 二, …) and the condition `only` (the list's one item). `class_items` is a list
/// within each `general_classes` item: that 类's `general_items`.
pub const LISTS: &[(&str, &[&str])] = &[
    ("income_groups", &["label"]),
    ("classes", &["label"]),
    ("classes_main_first", &["label", "amount"]),
    (
        "income_by_fund",
        &["key", "label", "amount", "share", "change"],
    ),
    ("income", &["label", "amount", "share", "change", "reason"]),
    ("income_unused", &["label"]),
    (
        "income_carry",
        &["label", "amount", "share", "change", "reason"],
    ),
    (
        "general_classes",
        &["label", "amount", "share", "class_items"],
    ),
    (
        "class_items",
        &[
            "class", "section", "item", "code", "amount", "change", "reason", "use",
        ],
    ),
    (
        "general_items",
        &[
            "class", "section", "item", "code", "amount", "change", "reason", "use",
        ],
    ),
    (
        "fiscal_items",
        &["class", "section", "item", "code", "amount", "use"],
    ),
    ("personnel_items", &["label"]),
    ("operating_items", &["label"]),
    (
        "projects",
        &[
            "name",
            "policy_basis",
            "amount",
            "executing_unit",
            "allocation",
            "period",
            "details",
        ],
    ),
    ("details", &["label", "text"]),
    ("entrusted", &["project", "amount", "purpose"]),
    ("carry_overs", &["notice", "amount", "purpose"]),
    ("vehicle_kinds", &["label", "count", "value"]),
];

/// A placeholder's value.
#[derive(Debug, Clone)]
enum Value {
    Text(String),
    Money(Amount),
    Percent(Decimal),
    Count(u64),
    Change(Comparison),
    /// A label looked up by key in the template's label sets, else the fallback.
    Label {
        key: String,
        fallback: String,
    },
}

/// Named values and lists: the budget's, or one list item's.
#[derive(Debug, Default, Clone)]
struct Scope {
    values: BTreeMap<String, Value>,
    lists: BTreeMap<String, Vec<Scope>>,
}

impl Scope {
    fn set(&mut self, name: &str, v: Value) -> &mut Self {
        self.values.insert(name.to_string(), v);
        self
    }
    fn money(&mut self, name: &str, a: Amount) -> &mut Self {
        self.set(name, Value::Money(a))
    }
    fn text(&mut self, name: &str, t: impl Into<String>) -> &mut Self {
        self.set(name, Value::Text(t.into()))
    }
    fn change(&mut self, name: &str, c: Option<Comparison>) -> &mut Self {
        if let Some(c) = c {
            self.set(name, Value::Change(c));
        }
        self
    }
    fn maybe_text(&mut self, name: &str, t: Option<&str>) -> &mut Self {
        if let Some(t) = t.filter(|t| !t.is_empty()) {
            self.text(name, t);
        }
        self
    }
    fn flag(&mut self, name: &str, on: bool) -> &mut Self {
        if on {
            self.text(name, "是");
        }
        self
    }
    fn list(&mut self, name: &str, items: Vec<Scope>) -> &mut Self {
        let only = items.len() == 1;
        let items = items
            .into_iter()
            .enumerate()
            .map(|(i, mut s)| {
                s.set("n", Value::Count(i as u64 + 1));
                s.text("cn", chinese_number(i + 1));
                s.flag("only", only);
                s
            })
            .collect();
        self.lists.insert(name.to_string(), items);
        self
    }
}

fn item() -> Scope {
    Scope::default()
}

/// The wording and the budget's texts, shared by every lookup.
struct Wording<'a> {
    spec: &'a NarrativeSpec,
    texts: &'a BTreeMap<String, String>,
}

impl Wording<'_> {
    fn money(&self, a: Amount) -> String {
        if a.is_zero() {
            if let Some(z) = &self.spec.zero {
                return z.clone();
            }
        }
        self.number(a.round_in(self.spec.unit, 2))
    }

    /// A printed number: without sign, trailing zeros dropped when the template says so,
    /// thousands separated when it says so.
    fn number(&self, d: Decimal) -> String {
        let d = if self.spec.trim_zeros {
            d.abs().normalize()
        } else {
            d.abs()
        };
        let s = d.to_string();
        if self.spec.thousands {
            crate::amount::group_thousands(&s)
        } else {
            s
        }
    }

    /// A label by key: from the named set, else the `default` set, else `fallback`.
    fn label(&self, key: &str, fallback: &str, set: Option<&str>) -> String {
        let sets = &self.spec.labels;
        set.and_then(|s| sets.get(s))
            .and_then(|m| m.get(key))
            .or_else(|| sets.get("default").and_then(|m| m.get(key)))
            .cloned()
            .unwrap_or_else(|| fallback.to_string())
    }

    fn rate(&self, c: &Comparison, style: &ChangeWording) -> String {
        let dp = style.rate_decimals;
        match c.growth() {
            Some(r) => r.percent(dp).map_or_else(String::new, |p| self.number(p)),
            None if c.current.is_zero() => self.number(Decimal::new(0, dp)),
            None => style.rate_from_zero.clone(),
        }
    }
}

/// A stack of scopes, innermost last, under a wording.
struct View<'a> {
    wording: &'a Wording<'a>,
    scopes: Vec<&'a Scope>,
}

impl<'a> View<'a> {
    fn find(&self, name: &str) -> Option<&'a Value> {
        self.scopes.iter().rev().find_map(|s| s.values.get(name))
    }

    fn list(&self, name: &str) -> Option<&'a Vec<Scope>> {
        self.scopes.iter().rev().find_map(|s| s.lists.get(name))
    }

    fn show(&self, v: &Value, part: Option<&str>, style: Option<&str>) -> Option<String> {
        let w = self.wording;
        match (v, part) {
            (Value::Text(t), None) => Some(t.clone()),
            (Value::Label { key, fallback }, None) => Some(w.label(key, fallback, style)),
            (Value::Money(a), None) => Some(w.money(*a)),
            (Value::Percent(p), None) => Some(w.number(*p)),
            (Value::Count(n), None) => Some(n.to_string()),
            (Value::Change(c), None) => self.phrase(c, style.unwrap_or("default")),
            (Value::Change(c), Some("prior")) => Some(w.money(c.prior)),
            (Value::Change(c), Some("current")) => Some(w.money(c.current)),
            (Value::Change(c), Some("amount")) => Some(w.money(c.change().magnitude())),
            (Value::Change(c), Some("rate")) => {
                let style = w.spec.change.get(style.unwrap_or("default"))?;
                Some(w.rate(c, style))
            }
            (Value::Change(c), Some("direction")) => Some(
                match c.direction() {
                    Direction::Increase => "增加",
                    Direction::Decrease => "减少",
                    Direction::Flat => "持平",
                }
                .to_string(),
            ),
            _ => None,
        }
    }

    /// The comparison phrase in a named style.
    fn phrase(&self, c: &Comparison, style: &str) -> Option<String> {
        let w = self.wording;
        let wording = w.spec.change.get(style)?;
        let text = match c.direction() {
            Direction::Increase if c.prior.is_zero() => {
                wording.from_zero.as_ref().unwrap_or(&wording.increase)
            }
            Direction::Increase => &wording.increase,
            Direction::Decrease => &wording.decrease,
            Direction::Flat => &wording.flat,
        };
        let mut scope = Scope::default();
        scope
            .text("amount", w.money(c.change().magnitude()))
            .text("rate", w.rate(c, wording));
        let mut scopes = self.scopes.clone();
        scopes.push(&scope);
        let view = View { wording: w, scopes };
        Some(Text::parse(text.get_ref()).render(&view))
    }
}

impl Lookup for View<'_> {
    fn value(&self, name: &str, style: Option<&str>) -> Option<String> {
        if let Some(key) = name.strip_prefix("text.") {
            return self
                .wording
                .texts
                .get(key)
                .filter(|t| !t.is_empty())
                .cloned();
        }
        if let Some(v) = self.find(name) {
            return self.show(v, None, style);
        }
        let (base, part) = name.rsplit_once('.')?;
        self.find(base)
            .and_then(|v| self.show(v, Some(part), style))
    }

    fn items(&self, list: &str) -> Option<Vec<Box<dyn Lookup + '_>>> {
        let items = self.list(list)?;
        Some(
            items
                .iter()
                .map(|s| {
                    let mut scopes = self.scopes.clone();
                    scopes.push(s);
                    Box::new(View {
                        wording: self.wording,
                        scopes,
                    }) as Box<dyn Lookup>
                })
                .collect(),
        )
    }
}

impl View<'_> {
    /// Whether a `when` condition holds: `name` or `!name`.
    fn holds(&self, cond: &str) -> bool {
        let (negate, name) = match cond.trim().strip_prefix('!') {
            Some(n) => (true, n.trim()),
            None => (false, cond.trim()),
        };
        let present = if let Some(l) = self.list(name) {
            !l.is_empty()
        } else if let Some(key) = name.strip_prefix("text.") {
            self.wording.texts.get(key).is_some_and(|t| !t.is_empty())
        } else {
            match self.find(name) {
                Some(Value::Text(t)) => !t.is_empty(),
                Some(Value::Money(a)) => !a.is_zero(),
                Some(Value::Percent(p)) => !p.is_zero(),
                Some(Value::Count(n)) => *n > 0,
                Some(Value::Change(_) | Value::Label { .. }) => true,
                None => false,
            }
        };
        present != negate
    }

    fn paragraphs(&self, specs: &[ParagraphSpec], out: &mut Vec<String>) {
        for p in specs {
            match &p.each {
                // with `each`, `when` is checked per item
                Some(list) => {
                    for s in self.list(list.get_ref()).map(Vec::as_slice).unwrap_or(&[]) {
                        let mut scopes = self.scopes.clone();
                        scopes.push(s);
                        let view = View {
                            wording: self.wording,
                            scopes,
                        };
                        view.one(p, out);
                    }
                }
                None => self.one(p, out),
            }
        }
    }

    fn one(&self, p: &ParagraphSpec, out: &mut Vec<String>) {
        if p.when.as_ref().is_some_and(|c| !self.holds(c.get_ref())) {
            return;
        }
        if let Some(t) = &p.text {
            out.push(Text::parse(t.get_ref()).render(self));
        }
        self.paragraphs(&p.paragraphs, out);
    }

    fn section(&self, s: &SectionSpec) -> Option<Section> {
        if s.when.as_ref().is_some_and(|c| !self.holds(c.get_ref())) {
            return None;
        }
        let mut paragraphs = Vec::new();
        self.paragraphs(&s.paragraphs, &mut paragraphs);
        Some(Section {
            title: Text::parse(s.title.get_ref()).render(self),
            paragraphs,
        })
    }
}

/// The narrative of a budget under a template's narrative spec.
pub(crate) fn narrative(
    budget: &DepartmentBudget,
    catalogue: &Catalogue,
    spec: &NarrativeSpec,
) -> Vec<Section> {
    let scope = facts(budget, catalogue, spec);
    let wording = Wording {
        spec,
        texts: budget.narrative_texts(),
    };
    let view = View {
        wording: &wording,
        scopes: vec![&scope],
    };
    spec.sections
        .iter()
        .filter_map(|s| view.section(s))
        .collect()
}

fn share(part: Amount, whole: Amount) -> Value {
    Value::Percent(
        part.share_of(whole)
            .and_then(|r| r.percent(2))
            .unwrap_or(Decimal::new(0, 2)),
    )
}

fn is_general(l: &Line) -> bool {
    matches!(
        l.source(),
        FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
    )
}

/// Every value and list the placeholders may name.
fn facts(b: &DepartmentBudget, catalogue: &Catalogue, spec: &NarrativeSpec) -> Scope {
    let mut s = Scope::default();
    let d = b.department();
    s.text("name", d.name.clone())
        .text("year", d.year.to_string())
        .text("prior_year", d.year.saturating_sub(1).to_string())
        .money("total", b.total());
    income_facts(b, catalogue, &mut s);
    spending_facts(b, catalogue, &mut s);
    general_facts(b, catalogue, &mut s);
    three_public_facts(b, &mut s);
    other_facts(b, &mut s);
    carry_inclusive_facts(b, catalogue, &mut s);
    // last: a sum the template defines replaces a built-in of its name
    template_sums(b, spec, &mut s);
    s
}

/// The sums the template defines (`[narrative.sums]`), and their comparisons.
fn template_sums(b: &DepartmentBudget, spec: &NarrativeSpec, s: &mut Scope) {
    let amounts: BTreeMap<&str, Amount> = spec
        .sums
        .iter()
        .map(|(name, sum)| (name.as_str(), b.sum_where(|l| sum.lines.matches(b, l))))
        .collect();
    for (name, sum) in &spec.sums {
        let current = amounts.get(name.as_str()).copied().unwrap_or(Amount::ZERO);
        let base = sum
            .share_of
            .as_ref()
            .and_then(|of| amounts.get(of.get_ref().as_str()).copied())
            .unwrap_or_else(|| b.total());
        let prior = sum.prior.and_then(|p| p.of_sum(b, &sum.lines));
        s.money(name, current)
            .set(&format!("{name}_share"), share(current, base))
            .change(
                &format!("{name}_change"),
                prior.map(|prior| Comparison { current, prior }),
            );
    }
}

/// An income group of a template that counts 上年结转 in its fund type's income: a fund type
/// (with its carry-over) or a non-fiscal source.
struct FundGroup {
    key: &'static str,
    name: &'static str,
    holds: fn(FundingSource) -> bool,
}

/// The keys a template's label sets (`[narrative.labels.SET]`) may name: every funding source
/// by its serde name, and the fund groups of `income_by_fund`.
pub fn label_keys() -> impl Iterator<Item = &'static str> {
    use strum::IntoEnumIterator;
    FundingSource::iter()
        .map(FundingSource::key)
        .chain(FUND_GROUPS.iter().map(|g| g.key))
}

const FUND_GROUPS: [FundGroup; 9] = [
    FundGroup {
        key: "general_public_budget",
        name: "一般公共预算",
        holds: |s| s.fund_type() == Some(FundType::GeneralPublicBudget),
    },
    FundGroup {
        key: "government_fund",
        name: "政府性基金预算",
        holds: |s| s.fund_type() == Some(FundType::GovernmentFund),
    },
    FundGroup {
        key: "state_capital",
        name: "国有资本经营预算",
        holds: |s| s.fund_type() == Some(FundType::StateCapital),
    },
    FundGroup {
        key: "fiscal_special_account",
        name: "财政专户管理资金",
        holds: |s| s == FundingSource::FiscalSpecialAccount,
    },
    FundGroup {
        key: "service_revenue",
        name: "事业收入",
        holds: |s| s == FundingSource::ServiceRevenue,
    },
    FundGroup {
        key: "superior_subsidy",
        name: "上级补助收入",
        holds: |s| s == FundingSource::SuperiorSubsidy,
    },
    FundGroup {
        key: "subordinate_remittance",
        name: "附属单位上缴收入",
        holds: |s| s == FundingSource::SubordinateRemittance,
    },
    FundGroup {
        key: "business_revenue",
        name: "事业单位经营收入",
        holds: |s| s == FundingSource::BusinessRevenue,
    },
    FundGroup {
        key: "other_income",
        name: "其他收入",
        holds: |s| {
            matches!(
                s,
                FundingSource::OtherIncome | FundingSource::NonFiscalCarryOver
            )
        },
    },
];

/// The figures of a template that counts 上年结转 in its fund type's income ("结转金额已纳入
/// 相应性质的资金收入中"): each fund type with its carry-over, compared with the prior year's
/// income of the same fund type; totals compared with the prior year's.
fn carry_inclusive_facts(b: &DepartmentBudget, catalogue: &Catalogue, s: &mut Scope) {
    let p = b.prior_year();
    let compared = !p.income.is_empty();
    let prior_income = |keep: &dyn Fn(FundingSource) -> bool| {
        Amount::checked_sum(
            p.income
                .iter()
                .filter(|(src, _)| keep(**src))
                .map(|(_, a)| *a),
        )
        .unwrap_or(Amount::MAX)
    };
    let cmp = |current: Amount, keep: &dyn Fn(FundingSource) -> bool| {
        compared.then(|| Comparison {
            current,
            prior: prior_income(keep),
        })
    };
    let now = |keep: fn(FundingSource) -> bool| b.sum_where(|l| keep(l.source()));
    let [general, fund, capital, _, service, ..] = &FUND_GROUPS;
    let total = b.total();
    s.money("general_all", now(general.holds))
        .change(
            "general_all_change",
            cmp(now(general.holds), &general.holds),
        )
        .change(
            "government_fund_all_change",
            cmp(now(fund.holds), &fund.holds),
        )
        .change(
            "state_capital_all_change",
            cmp(now(capital.holds), &capital.holds),
        )
        .change(
            "expenditure_change",
            p.basic.zip(p.project).map(|(basic, project)| Comparison {
                current: total,
                prior: basic.checked_add(project).unwrap_or(Amount::MAX),
            }),
        )
        .change(
            "service_income_change",
            cmp(now(service.holds), &service.holds),
        );
    // 其他收入 as the `other_income` placeholder counts it: every non-fiscal source but 事业收入
    // and 经营收入, carry-over left out
    let other_now = |src: FundingSource| {
        !src.is_fiscal()
            && !src.is_carry_over()
            && !matches!(
                src,
                FundingSource::ServiceRevenue | FundingSource::BusinessRevenue
            )
    };
    s.change("other_income_change", cmp(now(other_now), &other_now));
    let g = b.kind_totals_where(|l| (general.holds)(l.source()));
    s.money("gb_all_basic", g.basic())
        .change(
            "gb_all_basic_change",
            p.general_budget_basic.map(|prior| Comparison {
                current: g.basic(),
                prior,
            }),
        )
        .money("gb_all_project", g.project)
        .change(
            "gb_all_project_change",
            p.general_budget_project.map(|prior| Comparison {
                current: g.project,
                prior,
            }),
        );
    let groups = FUND_GROUPS
        .iter()
        .filter_map(|grp| {
            let amount = now(grp.holds);
            (!amount.is_zero()).then(|| {
                let mut i = item();
                i.text("key", grp.key)
                    .set(
                        "label",
                        Value::Label {
                            key: grp.key.to_string(),
                            fallback: grp.name.to_string(),
                        },
                    )
                    .money("amount", amount)
                    .set("share", share(amount, total))
                    .change("change", cmp(amount, &grp.holds));
                i
            })
        })
        .collect();
    s.list("income_by_fund", groups);
    let mut classes: Vec<(FunctionalCode, Amount)> = b
        .by_functional(Level::Class, |_| true)
        .into_iter()
        .map(|(c, t)| (c, t.total()))
        .filter(|(_, a)| !a.is_zero())
        .collect();
    // the 类 with the most money first (the first of equals), the others in code order
    if let Some(main) = classes
        .iter()
        .enumerate()
        .max_by(|(i, (_, a)), (j, (_, b))| a.cmp(b).then(j.cmp(i)))
        .map(|(i, _)| i)
    {
        let top = classes.remove(main);
        classes.insert(0, top);
    }
    let classes = classes
        .into_iter()
        .map(|(c, a)| {
            let mut i = item();
            i.text("label", name_of(catalogue, c)).money("amount", a);
            i
        })
        .collect();
    s.list("classes_main_first", classes);
}

fn name_of<C: Code>(catalogue: &Catalogue, code: C) -> String {
    catalogue.name(code).unwrap_or_default().to_string()
}

fn labels(names: impl IntoIterator<Item = String>) -> Vec<Scope> {
    names
        .into_iter()
        .map(|l| {
            let mut i = item();
            i.text("label", l);
            i
        })
        .collect()
}

/// A line predicate.
type Keep<'a> = &'a dyn Fn(&Line) -> bool;

fn income_facts(b: &DepartmentBudget, catalogue: &Catalogue, s: &mut Scope) {
    use FundingSource::*;
    let total = b.total();
    let texts = b.narrative_texts();
    let has = |f: &dyn Fn(&Line) -> bool| !b.sum_where(f).is_zero();
    let groups: [(&str, Keep<'_>); 7] = [
        ("一般公共预算", &is_general),
        ("政府性基金预算", &|l: &Line| {
            matches!(l.source(), GovernmentFundOwn | GovernmentFundTransfer)
        }),
        ("国有资本经营预算", &|l: &Line| {
            matches!(l.source(), StateCapitalOwn | StateCapitalTransfer)
        }),
        ("财政专户管理资金", &|l: &Line| {
            l.source() == FiscalSpecialAccount
        }),
        ("单位资金", &|l: &Line| {
            l.source().group() == FundingGroup::UnitFunds
        }),
        ("财政拨款结转结余", &|l: &Line| {
            l.source().group() == FundingGroup::FiscalCarryOver
        }),
        ("非财政拨款结转结余", &|l: &Line| {
            l.source() == NonFiscalCarryOver
        }),
    ];
    s.list(
        "income_groups",
        labels(
            groups
                .iter()
                .filter(|(_, f)| has(*f))
                .map(|(l, _)| l.to_string()),
        ),
    );
    s.list(
        "classes",
        labels(
            b.by_functional(Level::Class, |_| true)
                .keys()
                .map(|c| name_of(catalogue, *c)),
        ),
    );
    // a source's {label}: its label in the template's label sets, else its Chinese name
    let label = |src: FundingSource| Value::Label {
        key: src.key().to_string(),
        fallback: src.name().to_string(),
    };
    let yoy = b.year_on_year();
    let income_item = |src: FundingSource, c: &Comparison| {
        let mut i = item();
        i.set("label", label(src))
            .money("amount", c.current)
            .set("share", share(c.current, total))
            .change("change", Some(*c))
            .maybe_text(
                "reason",
                texts
                    .get(&format!("reason.income.{}", src.key()))
                    .map(String::as_str),
            );
        i
    };
    let (carry, current): (Vec<_>, Vec<_>) = yoy
        .income
        .iter()
        .filter(|(_, c)| !c.current.is_zero())
        .partition(|(src, _)| src.is_carry_over());
    s.list(
        "income",
        current
            .iter()
            .map(|(src, c)| income_item(*src, c))
            .collect(),
    );
    s.list(
        "income_carry",
        carry.iter().map(|(src, c)| income_item(*src, c)).collect(),
    );
    let appropriations = [
        GeneralBudgetOwn,
        GeneralBudgetTransfer,
        GovernmentFundOwn,
        GovernmentFundTransfer,
        StateCapitalOwn,
        StateCapitalTransfer,
    ];
    s.list(
        "income_unused",
        appropriations
            .iter()
            .filter(|src| b.source_total(**src).is_zero())
            .map(|src| {
                let mut i = item();
                i.set("label", label(*src));
                i
            })
            .collect(),
    );
    appropriation_facts(b, s);
}

/// 财政拨款 by budget, this year's, compared with the prior year's income by source; the
/// unit's own income.
fn appropriation_facts(b: &DepartmentBudget, s: &mut Scope) {
    use FundingSource::*;
    let compared = !b.prior_year().income.is_empty();
    let of = |keep: &dyn Fn(FundingSource) -> bool| {
        let now = b.sum_where(|l| keep(l.source()));
        let prior = Amount::checked_sum(
            b.prior_year()
                .income
                .iter()
                .filter(|(src, _)| keep(**src))
                .map(|(_, a)| *a),
        )
        .unwrap_or(Amount::MAX);
        (
            now,
            compared.then_some(Comparison {
                current: now,
                prior,
            }),
        )
    };
    let fund =
        |f: FundType| move |src: FundingSource| src.fund_type() == Some(f) && !src.is_carry_over();
    let (_, total_c) = of(&|_| true);
    s.change("total_change", total_c);
    let (fiscal, fiscal_c) = of(&|src| src.fund_type().is_some() && !src.is_carry_over());
    let (general, general_c) = of(&fund(FundType::GeneralPublicBudget));
    let (gf, gf_c) = of(&fund(FundType::GovernmentFund));
    let (sc, sc_c) = of(&fund(FundType::StateCapital));
    s.money("fiscal", fiscal)
        .change("fiscal_change", fiscal_c)
        .money("general", general)
        .change("general_change", general_c)
        .money("government_fund", gf)
        .change("government_fund_change", gf_c)
        .money("state_capital", sc)
        .change("state_capital_change", sc_c)
        .money(
            "government_fund_all",
            b.fund_type_total(FundType::GovernmentFund, true),
        )
        .money(
            "state_capital_all",
            b.fund_type_total(FundType::StateCapital, true),
        )
        .flag("only_general", general == fiscal)
        .money("service_income", b.source_total(ServiceRevenue))
        .money("business_income", b.source_total(BusinessRevenue))
        .money(
            "other_income",
            b.sum_where(|l| {
                let src = l.source();
                !src.is_fiscal()
                    && !src.is_carry_over()
                    && !matches!(src, ServiceRevenue | BusinessRevenue)
            }),
        );
}

fn spending_facts(b: &DepartmentBudget, catalogue: &Catalogue, s: &mut Scope) {
    let total = b.total();
    let k = b.kind_totals();
    let yoy = b.year_on_year();
    s.money("basic", k.basic())
        .set("basic_share", share(k.basic(), total))
        .change("basic_change", yoy.basic)
        .money("project", k.project)
        .set("project_share", share(k.project, total))
        .change("project_change", yoy.project);
    let names = |kind: BasicKind| {
        let mut codes: Vec<_> = b
            .lines()
            .iter()
            .filter(|l| is_general(l) && l.kind() == SpendingKind::Basic(kind))
            .map(|l| l.economic())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        labels(codes.into_iter().map(|c| name_of(catalogue, c)))
    };
    s.list("personnel_items", names(BasicKind::Personnel));
    s.list("operating_items", names(BasicKind::Operating));
}

fn path_item(
    catalogue: &Catalogue,
    code: FunctionalCode,
    amount: Amount,
    texts: &BTreeMap<String, String>,
) -> Scope {
    let mut i = item();
    i.text("class", name_of(catalogue, code.class()))
        .text(
            "section",
            name_of(catalogue, code.section().unwrap_or(code)),
        )
        .text("item", name_of(catalogue, code))
        .text("code", code.to_string())
        .money("amount", amount)
        .maybe_text(
            "use",
            texts.get(&format!("use.item.{code}")).map(String::as_str),
        );
    i
}

/// 一般公共预算当年拨款 by 项, compared with the prior year when the budget gives it by 项.
fn general_items(b: &DepartmentBudget, catalogue: &Catalogue) -> Vec<(FunctionalCode, Scope)> {
    let yoy = b.year_on_year();
    let texts = b.narrative_texts();
    if yoy.general_budget_by_item.is_empty() {
        return b
            .by_functional(Level::Item, is_general)
            .into_iter()
            .map(|(c, t)| (c, path_item(catalogue, c, t.total(), texts)))
            .collect();
    }
    yoy.general_budget_by_item
        .iter()
        .map(|(code, c)| {
            let mut i = path_item(catalogue, *code, c.current, texts);
            i.change("change", Some(*c)).maybe_text(
                "reason",
                texts
                    .get(&format!("reason.item.{code}"))
                    .map(String::as_str),
            );
            (*code, i)
        })
        .collect()
}

fn general_facts(b: &DepartmentBudget, catalogue: &Catalogue, s: &mut Scope) {
    let g = b.general_budget_current();
    let yoy = b.year_on_year();
    let texts = b.narrative_texts();
    s.money("gb_total", g.total())
        .money("gb_basic", g.basic())
        .change("gb_basic_change", yoy.general_budget_basic)
        .money("gb_project", g.project)
        .change("gb_project_change", yoy.general_budget_project)
        .money("gb_personnel", g.personnel)
        .money("gb_operating", g.operating);
    let items = general_items(b, catalogue);
    let classes = b
        .by_functional(Level::Class, is_general)
        .iter()
        .map(|(c, t)| {
            let mut i = item();
            i.text("label", name_of(catalogue, *c))
                .money("amount", t.total())
                .set("share", share(t.total(), g.total()))
                .list(
                    "class_items",
                    items
                        .iter()
                        .filter(|(code, _)| code.class() == *c)
                        .map(|(_, i)| i.clone())
                        .collect(),
                );
            i
        })
        .collect();
    s.list("general_classes", classes);
    s.list("general_items", items.into_iter().map(|(_, i)| i).collect());
    let fiscal_items = b
        .by_functional(Level::Item, |l| {
            l.source().fund_type().is_some() && !l.source().is_carry_over()
        })
        .into_iter()
        .map(|(c, t)| path_item(catalogue, c, t.total(), texts))
        .collect();
    s.list("fiscal_items", fiscal_items);
    let projects = b
        .project_totals_where(is_general)
        .iter()
        .filter(|(_, a)| !a.is_zero())
        .filter_map(|(id, amount)| {
            let p = b.project(*id)?;
            let mut i = item();
            i.text("name", p.name.clone())
                .text("policy_basis", p.policy_basis.clone())
                .money("amount", *amount)
                .text("executing_unit", p.executing_unit.clone())
                .text("allocation", p.allocation.clone());
            if let (Some(start), Some(end)) = (p.start, p.end) {
                i.text(
                    "period",
                    format!("{}-{}", start.to_chinese(), end.to_chinese()),
                );
            }
            let details = p
                .details
                .iter()
                .map(|(label, text)| {
                    let mut d = item();
                    d.text("label", label.clone()).text("text", text.clone());
                    d
                })
                .collect();
            i.list("details", details);
            Some(i)
        })
        .collect();
    s.list("projects", projects);
}

fn three_public_facts(b: &DepartmentBudget, s: &mut Scope) {
    let t = b.three_public();
    let prior = b.year_on_year().three_public.map(|(_, p)| p);
    let cmp = |now: Amount, pick: &dyn Fn(&crate::budget::ThreePublic) -> Amount| {
        prior.as_ref().map(|p| Comparison {
            current: now,
            prior: pick(p),
        })
    };
    let total = t.total().unwrap_or(Amount::MAX);
    let vehicles = t.vehicles().unwrap_or(Amount::MAX);
    s.money("tp_total", total)
        .change(
            "tp_total_change",
            cmp(total, &|p| p.total().unwrap_or(Amount::MAX)),
        )
        .money("tp_abroad", t.abroad)
        .change("tp_abroad_change", cmp(t.abroad, &|p| p.abroad))
        .money("tp_vehicles", vehicles)
        .change(
            "tp_vehicles_change",
            cmp(vehicles, &|p| p.vehicles().unwrap_or(Amount::MAX)),
        )
        .money("tp_vehicle_purchase", t.vehicle_purchase)
        .change(
            "tp_vehicle_purchase_change",
            cmp(t.vehicle_purchase, &|p| p.vehicle_purchase),
        )
        .money("tp_vehicle_operation", t.vehicle_operation)
        .change(
            "tp_vehicle_operation_change",
            cmp(t.vehicle_operation, &|p| p.vehicle_operation),
        )
        .money("tp_reception", t.reception)
        .change("tp_reception_change", cmp(t.reception, &|p| p.reception));
}

fn other_facts(b: &DepartmentBudget, s: &mut Scope) {
    let texts = b.narrative_texts();
    let entrusted = b
        .entrusted_business()
        .iter()
        .map(|(project, amount)| {
            let p = project.and_then(|id| b.project(id));
            let key = p.map_or_else(
                || "entrusted.basic".to_string(),
                |p| format!("entrusted.{}", p.key),
            );
            let mut i = item();
            i.maybe_text("project", p.map(|p| p.name.as_str()))
                .money("amount", *amount)
                .maybe_text("purpose", texts.get(&key).map(String::as_str));
            i
        })
        .collect();
    s.money("entrusted_total", b.entrusted_business_total())
        .list("entrusted", entrusted);
    let carry_overs = b
        .carry_overs()
        .map(|(id, c)| {
            let mut i = item();
            i.text("notice", c.notice.clone())
                .money("amount", b.sum_where(|l| l.carry_over() == Some(id)))
                .text("purpose", c.purpose.clone());
            i
        })
        .collect();
    s.money("carry_total", b.carry_over_total())
        .money(
            "carry_fiscal",
            b.sum_where(|l| l.source().is_carry_over() && l.source().is_fiscal()),
        )
        .money(
            "carry_other",
            b.sum_where(|l| l.source() == FundingSource::NonFiscalCarryOver),
        )
        .list("carry_overs", carry_overs)
        .money("organ_running", b.organ_running())
        .change("organ_running_change", b.year_on_year().organ_running);
    if let Some(p) = b.procurement() {
        s.flag("procurement", true)
            .money("procurement_total", p.total().unwrap_or(Amount::MAX))
            .money("procurement_goods", p.goods)
            .money("procurement_works", p.works)
            .money("procurement_services", p.services)
            .money("procurement_sme", p.sme_reserved)
            .money("procurement_small_micro", p.small_micro_reserved);
    }
    asset_facts(b, s);
    performance_facts(b, s);
}

fn asset_facts(b: &DepartmentBudget, s: &mut Scope) {
    let Some(a) = b.assets() else { return };
    let kinds = [
        VehicleKind::General,
        VehicleKind::LawEnforcement,
        VehicleKind::Other,
    ]
    .iter()
    .map(|k| {
        let (n, v) =
            a.vehicles
                .iter()
                .filter(|v| v.kind == *k)
                .fold((0u32, Amount::ZERO), |(n, v), h| {
                    (
                        n.saturating_add(h.count),
                        v.checked_add(h.value).unwrap_or(Amount::MAX),
                    )
                });
        let mut i = item();
        i.text("label", k.to_string())
            .set("count", Value::Count(u64::from(n)))
            .money("value", v);
        i
    })
    .collect();
    s.flag("assets", true)
        .text(
            "asset_year",
            b.department().year.saturating_sub(1).to_string(),
        )
        .text("building_area", a.building_area_m2.to_string())
        .money("building_value", a.building_value)
        .set("vehicle_count", Value::Count(u64::from(a.vehicle_count())))
        .money("vehicle_value", a.vehicle_value().unwrap_or(Amount::MAX))
        .list("vehicle_kinds", kinds)
        .money("furniture_value", a.furniture_value)
        .money("other_assets_value", a.other_value)
        .set(
            "equipment_over_500k",
            Value::Count(u64::from(a.equipment_over_500k)),
        )
        .set(
            "equipment_over_1m",
            Value::Count(u64::from(a.equipment_over_1m)),
        )
        .set(
            "planned_vehicles",
            Value::Count(u64::from(a.planned_vehicle_purchases)),
        )
        .set(
            "planned_equipment_over_500k",
            Value::Count(u64::from(a.planned_equipment_over_500k)),
        )
        .set(
            "planned_equipment_over_1m",
            Value::Count(u64::from(a.planned_equipment_over_1m)),
        );
}

fn performance_facts(b: &DepartmentBudget, s: &mut Scope) {
    let Some(perf) = b.performance() else { return };
    let fiscal = Amount::checked_sum(perf.projects.iter().map(|t| t.fiscal)).unwrap_or(Amount::MAX);
    let other = Amount::checked_sum(perf.projects.iter().map(|t| t.other)).unwrap_or(Amount::MAX);
    s.flag("performance", true)
        .set(
            "performance_department_targets",
            Value::Count(u64::from(perf.department.is_some())),
        )
        .money(
            "performance_department_amount",
            perf.department
                .as_ref()
                .and_then(|d| d.total())
                .unwrap_or(Amount::ZERO),
        )
        .set(
            "performance_projects",
            Value::Count(perf.projects.len() as u64),
        )
        .money("performance_fiscal_projects", fiscal)
        .money("performance_other_projects", other)
        .money(
            "performance_project_amount",
            fiscal.checked_add(other).unwrap_or(Amount::MAX),
        );
}

/// Whether `name` is a placeholder a text inside `lists` may use.
pub(crate) fn known(name: &str, lists: &[String]) -> bool {
    if name.starts_with("text.") {
        return true;
    }
    if let Some(list) = name.strip_prefix("<<") {
        return LISTS.iter().any(|(l, _)| *l == list);
    }
    let base = |n: &str| {
        GLOBALS.iter().any(|(g, _)| *g == n)
            || LISTS.iter().any(|(l, _)| *l == n)
            || (!lists.is_empty() && matches!(n, "n" | "cn" | "only"))
            || lists.iter().any(|l| {
                LISTS
                    .iter()
                    .any(|(ln, fields)| ln == l && fields.contains(&n))
            })
    };
    base(name)
        || name.rsplit_once('.').is_some_and(|(b, part)| {
            matches!(part, "prior" | "current" | "amount" | "rate" | "direction") && base(b)
        })
}
