//! 情况说明: the narrative, generated from the budget. Every amount, share and change is
//! computed; the reasons and descriptions are texts the budget carries, by key:
//!
//! | key | text |
//! |---|---|
//! | `reason.income.<source>` | why an income source changed (`<source>` is its serde name, e.g. `general_budget_own`) |
//! | `reason.basic`, `reason.project` | why 基本支出 / 项目支出 changed |
//! | `reason.general_budget_basic`, `reason.general_budget_project` | the same for 一般公共预算当年拨款 |
//! | `reason.item.<code>` | why a 项's 一般公共预算当年拨款 changed |
//! | `reason.three_public.<abroad/vehicle_purchase/vehicle_operation/reception>` | why a "三公" item changed |
//! | `reason.organ_running` | why 机关运行经费 changed |
//! | `use.general_budget` | what 一般公共预算支出 is mainly used for |
//! | `entrusted.<project key>` | what a project's 委托业务费 is used for |
//!
//! A missing reason is simply left out of its sentence.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::amount::{Amount, Unit};
use crate::budget::{BasicKind, Comparison, DepartmentBudget, Line, SpendingKind, VehicleKind};
use crate::classification::{Catalogue, FunctionalCode, Level};
use crate::funding::{FundType, FundingSource};

use super::Profile;

/// One section of the narrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// 标题, e.g. `二、关于……收入预算情况说明`.
    pub title: String,
    /// The paragraphs.
    pub paragraphs: Vec<String>,
}

fn wan(a: Amount) -> String {
    a.display_in(Unit::WanYuan).to_string()
}

/// A percentage without sign and with thousands separators, as the seed prints `4,185.71`.
fn pct(d: Decimal) -> String {
    crate::amount::group_thousands(&d.abs().to_string())
}

fn share(part: Amount, whole: Amount) -> String {
    part.share_of(whole)
        .and_then(|r| r.percent(2))
        .map_or_else(|| "0.00".to_string(), pct)
}

const NUMERALS: [&str; 13] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
];

struct Writer<'a> {
    budget: &'a DepartmentBudget,
    profile: &'a Profile,
    catalogue: &'a Catalogue,
}

impl Writer<'_> {
    fn text(&self, key: &str) -> Option<&str> {
        self.budget
            .narrative_texts()
            .get(key)
            .map(String::as_str)
            .filter(|t| !t.is_empty())
    }

    /// "比上年预算减少 20.96 万元，下降 23.14%" (spaced) or the seed's unspaced form.
    fn change(&self, c: &Comparison, spaced: bool) -> String {
        let sp = if spaced { " " } else { "" };
        let dir = c.direction();
        let (word, rate_word) = match dir {
            crate::amount::Direction::Flat if self.profile.flat_as_increase => ("增加", "增长"),
            crate::amount::Direction::Flat => ("持平", ""),
            _ => (
                if dir == crate::amount::Direction::Increase {
                    "增加"
                } else {
                    "减少"
                },
                dir.rate_word(),
            ),
        };
        if word == "持平" {
            return "与上年预算持平".to_string();
        }
        let rate = match c.growth() {
            Some(r) => format!("{}%", r.percent(2).map_or_else(String::new, pct)),
            None if c.current.is_zero() => "0.00%".to_string(),
            None => self.profile.growth_from_zero.to_string(),
        };
        format!(
            "{word}{sp}{}{sp}万元，{rate_word}{sp}{rate}",
            wan(c.change().magnitude())
        )
    }

    fn reason(&self, key: &str) -> String {
        self.text(key)
            .map_or_else(String::new, |r| format!("，{r}"))
    }

    fn sections(&self) -> Vec<Section> {
        let b = self.budget;
        let d = b.department();
        let (name, year) = (&d.name, d.year);
        let total = b.total();
        let yoy = b.year_on_year();
        let mut out = Vec::new();
        let mut section = |title: String, paragraphs: Vec<String>| {
            let n = NUMERALS.get(out.len()).copied().unwrap_or("");
            out.push(Section {
                title: format!("{n}、{title}"),
                paragraphs,
            });
        };

        // 一、总体说明
        let mut groups: Vec<&str> = Vec::new();
        let has = |f: &dyn Fn(&Line) -> bool| !b.sum_where(f).is_zero();
        for (label, f) in [
            (
                "一般公共预算",
                &(|l: &Line| {
                    matches!(
                        l.source(),
                        FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
                    )
                }) as &dyn Fn(&Line) -> bool,
            ),
            ("政府性基金预算", &|l: &Line| {
                matches!(
                    l.source(),
                    FundingSource::GovernmentFundOwn | FundingSource::GovernmentFundTransfer
                )
            }),
            ("国有资本经营预算", &|l: &Line| {
                matches!(
                    l.source(),
                    FundingSource::StateCapitalOwn | FundingSource::StateCapitalTransfer
                )
            }),
            ("财政专户管理资金", &|l: &Line| {
                l.source() == FundingSource::FiscalSpecialAccount
            }),
            ("单位资金", &|l: &Line| {
                l.source().group() == crate::funding::FundingGroup::UnitFunds
            }),
            ("财政拨款结转结余", &|l: &Line| {
                l.source().group() == crate::funding::FundingGroup::FiscalCarryOver
            }),
            ("非财政拨款结转结余", &|l: &Line| {
                l.source() == FundingSource::NonFiscalCarryOver
            }),
        ] {
            if has(f) {
                groups.push(label);
            }
        }
        let classes: Vec<String> = b
            .by_functional(Level::Class, |_| true)
            .keys()
            .map(|c| self.catalogue.name(*c).unwrap_or_default().to_string())
            .collect();
        section(
            format!("关于{name} {year} 年收支预算情况总体说明"),
            vec![
                format!(
                    "按照全口径预算的原则，{name} {year} 年所有收入和支出均纳入部门预算管理。收支总预算 {} 万元。",
                    wan(total)
                ),
                format!("收入预算包括：{}。", groups.join("、")),
                format!("支出预算包括：{}。", classes.join("、")),
            ],
        );

        // 二、收入
        let mut p = vec![format!("{name}部门收入预算 {} 万元，其中：", wan(total))];
        let income_label = |s: FundingSource| match s {
            FundingSource::GeneralBudgetOwn => "一般公共预算",
            FundingSource::GeneralBudgetTransfer => "上级一般公共预算安排的转移支付资金",
            FundingSource::GovernmentFundOwn => "政府性基金预算",
            FundingSource::GovernmentFundTransfer => "上级政府性基金安排的转移支付资金",
            FundingSource::StateCapitalOwn => "国有资本经营预算",
            FundingSource::StateCapitalTransfer => "上级国有资本经营预算安排的转移支付资金",
            FundingSource::GeneralBudgetCarryOver
            | FundingSource::GovernmentFundCarryOver
            | FundingSource::StateCapitalCarryOver => "财政拨款结转",
            _ => "",
        };
        let always = [
            FundingSource::GeneralBudgetOwn,
            FundingSource::GeneralBudgetTransfer,
            FundingSource::GovernmentFundOwn,
            FundingSource::GovernmentFundTransfer,
            FundingSource::StateCapitalOwn,
            FundingSource::StateCapitalTransfer,
        ];
        for (source, c) in &yoy.income {
            let label = match income_label(*source) {
                "" => source.name(),
                l => l,
            };
            if c.current.is_zero() {
                continue;
            }
            let key = source.key();
            p.push(format!(
                "{label} {} 万元，占 {}%，比上年预算{}{}。",
                wan(c.current),
                share(c.current, total),
                self.change(c, true),
                self.reason(&format!("reason.income.{key}"))
            ));
        }
        for source in always {
            if b.source_total(source).is_zero() {
                p.push(format!("{}未安排。", income_label(source)));
            }
        }
        // Keep the seed's order: the unused 财政拨款 sources sit between the used ones and the
        // carry-over.
        let carry_first = p.iter().position(|x| x.starts_with("财政拨款结转"));
        if let Some(i) = carry_first {
            let carry = p.remove(i);
            p.push(carry);
        }
        section(format!("关于{name} {year} 年收入预算情况说明"), p);

        // 三、支出
        let k = b.kind_totals();
        let mut p = vec![format!(
            "{name} {year} 年支出预算 {} 万元，其中：",
            wan(total)
        )];
        for (label, amount, c, key) in [
            ("基本支出", k.basic(), yoy.basic, "reason.basic"),
            ("项目支出", k.project, yoy.project, "reason.project"),
        ] {
            let change = c.map_or_else(String::new, |c| {
                format!("，比上年预算{}{}", self.change(&c, true), self.reason(key))
            });
            p.push(format!(
                "{label} {} 万元，占 {}%{change}。",
                wan(amount),
                share(amount, total)
            ));
        }
        section(format!("关于{name} {year} 年支出预算情况说明"), p);

        // 四、财政拨款
        let with_carry = self.profile.fiscal_summary_includes_carry_over;
        let fiscal = |f: FundType| b.fund_type_total(f, with_carry);
        let fiscal_total = Amount::checked_sum(
            [
                FundType::GeneralPublicBudget,
                FundType::GovernmentFund,
                FundType::StateCapital,
            ]
            .map(fiscal),
        )
        .unwrap_or(Amount::MAX);
        let general = fiscal(FundType::GeneralPublicBudget);
        let mut p = vec![format!(
            "{year} 年财政拨款收支总预算 {} 万元。",
            wan(fiscal_total)
        )];
        if general == fiscal_total {
            p.push(
                "收入全部为一般公共预算拨款，无政府性基金预算拨款和国有资本经营预算。".to_string(),
            );
        }
        p.push(format!(
            "收入预算包括：一般公共预算拨款 {} 万元。",
            wan(general)
        ));
        let keep_general = |l: &Line| {
            l.source().fund_type() == Some(FundType::GeneralPublicBudget)
                && (with_carry || !l.source().is_carry_over())
        };
        let uses: Vec<String> = b
            .by_functional(Level::Class, keep_general)
            .iter()
            .map(|(c, t)| {
                format!(
                    "{} {} 万元",
                    self.catalogue.name(*c).unwrap_or_default(),
                    wan(t.total())
                )
            })
            .collect();
        let use_text = self
            .text("use.general_budget")
            .map_or_else(String::new, |t| format!("，{t}"));
        p.push(format!(
            "一般公共预算支出包括：{}{use_text}。",
            uses.join("、")
        ));
        section(
            format!("关于{name} {year} 年财政拨款收支预算情况的总体说明"),
            p,
        );

        // 五、一般公共预算当年拨款
        let g = b.general_budget_current();
        let mut p = vec![
            "（一）一般公共预算当年拨款规模变化情况".to_string(),
            format!(
                "{name} {year} 年一般公共预算拨款合计 {} 万元，其中：",
                wan(g.total())
            ),
        ];
        for (label, amount, c, key) in [
            (
                "基本支出",
                g.basic(),
                yoy.general_budget_basic,
                "reason.general_budget_basic",
            ),
            (
                "项目支出",
                g.project,
                yoy.general_budget_project,
                "reason.general_budget_project",
            ),
        ] {
            let change = c.map_or_else(String::new, |c| {
                format!("，比上年预算{}{}", self.change(&c, true), self.reason(key))
            });
            p.push(format!("{label} {} 万元{change}。", wan(amount)));
        }
        p.push("（二）一般公共预算当年拨款结构情况，其中：".to_string());
        let is_general = |l: &Line| {
            matches!(
                l.source(),
                FundingSource::GeneralBudgetOwn | FundingSource::GeneralBudgetTransfer
            )
        };
        for (i, (c, t)) in b.by_functional(Level::Class, is_general).iter().enumerate() {
            p.push(format!(
                "{}. {}（类）{} 万元，占 {}%。",
                i + 1,
                self.catalogue.name(*c).unwrap_or_default(),
                wan(t.total()),
                share(t.total(), g.total())
            ));
        }
        p.push("（三）一般公共预算当年拨款具体使用情况".to_string());
        let items: Vec<(FunctionalCode, Comparison)> = if yoy.general_budget_by_item.is_empty() {
            b.by_functional(Level::Item, is_general)
                .into_iter()
                .map(|(c, t)| {
                    (
                        c,
                        Comparison {
                            current: t.total(),
                            prior: Amount::ZERO,
                        },
                    )
                })
                .collect()
        } else {
            yoy.general_budget_by_item.clone()
        };
        for (i, (code, c)) in items.iter().enumerate() {
            let path: String = [code.class(), code.section().unwrap_or(*code), *code]
                .iter()
                .zip(["类", "款", "项"])
                .map(|(c, l)| format!("{}（{l}）", self.catalogue.name(*c).unwrap_or_default()))
                .collect();
            let change = if yoy.general_budget_by_item.is_empty() {
                String::new()
            } else {
                format!(
                    "，比上年预算{}{}",
                    self.change(c, true),
                    self.reason(&format!("reason.item.{code}"))
                )
            };
            p.push(format!(
                "{}. {path}：{year} 年预算数为 {} 万元{change}。",
                i + 1,
                wan(c.current)
            ));
        }
        section(
            format!("关于{name} {year} 年一般公共预算当年拨款情况说明"),
            p,
        );

        // 六、基本支出
        let names = |kind: BasicKind| {
            let mut codes: Vec<_> = b
                .lines()
                .iter()
                .filter(|l| is_general(l) && l.kind() == SpendingKind::Basic(kind))
                .map(|l| l.economic())
                .collect();
            codes.sort_unstable();
            codes.dedup();
            codes
                .iter()
                .map(|c| self.catalogue.name(*c).unwrap_or_default().to_string())
                .collect::<Vec<_>>()
                .join("、")
        };
        section(
            format!("关于{name} {year} 年一般公共预算基本支出情况说明"),
            vec![
                format!(
                    "{name} {year} 年一般公共预算基本支出 {} 万元，其中：人员经费 {} 万元，主要包括：{}。",
                    wan(g.basic()),
                    wan(g.personnel),
                    names(BasicKind::Personnel)
                ),
                format!(
                    "公用经费 {} 万元，主要包括：{}。",
                    wan(g.operating),
                    names(BasicKind::Operating)
                ),
            ],
        );

        // 七、项目支出
        let mut p = Vec::new();
        let totals = b.project_totals_where(is_general);
        let mut n = 0;
        for (id, amount) in totals.iter().filter(|(_, a)| !a.is_zero()) {
            let Some(project) = b.project(*id) else {
                continue;
            };
            let label = NUMERALS.get(n).copied().unwrap_or("");
            n += 1;
            p.push(format!("（{label}）项目名称：{}", project.name));
            p.push(format!("设立的政策依据：{}", project.policy_basis));
            p.push(format!("预算安排规模：{} 万元", wan(*amount)));
            p.push(format!("项目承担单位：{}", project.executing_unit));
            p.push(format!("资金分配情况：{}", project.allocation));
            if let (Some(s), Some(e)) = (project.start, project.end) {
                p.push(format!(
                    "资金执行时间：{}-{}。",
                    s.to_chinese(),
                    e.to_chinese()
                ));
            }
            for (label, text) in &project.details {
                p.push(format!("{label}：{text}"));
            }
        }
        section(
            format!("关于{name} {year} 年一般公共预算项目支出情况说明"),
            p,
        );

        // 八、九、empty or not
        for (fund, what, table) in [
            (
                FundType::GovernmentFund,
                "政府性基金预算拨款",
                "政府性基金预算支出情况表",
            ),
            (
                FundType::StateCapital,
                "国有资本经营预算拨款",
                "国有资本经营预算支出情况表",
            ),
        ] {
            let amount = b.fund_type_total(fund, true);
            let text = if amount.is_zero() {
                format!("{name} {year} 年没有使用{what}安排的支出，{table}为空表。")
            } else {
                format!("{name} {year} 年{what}安排的支出 {} 万元。", wan(amount))
            };
            section(format!("关于{name} {year} 年{what}情况说明"), vec![text]);
        }

        // 十、三公
        let t = b.three_public();
        let mut p = vec![format!(
            "{name} {year} 年财政拨款“三公”经费数为 {} 万元，其中：因公出国（境）费用 {} 万元，公务用车购置 {} 万元，公务用车运行维护费 {} 万元，公务接待费 {} 万元。",
            wan(t.total().unwrap_or(Amount::MAX)),
            wan(t.abroad),
            wan(t.vehicle_purchase),
            wan(t.vehicle_operation),
            wan(t.reception)
        )];
        if let Some((now, prior)) = yoy.three_public {
            let cmp = |a: Amount, b: Amount| Comparison {
                current: a,
                prior: b,
            };
            let whole = cmp(
                now.total().unwrap_or(Amount::MAX),
                prior.total().unwrap_or(Amount::MAX),
            );
            let parts: Vec<String> = [
                ("因公出国（境）费用", now.abroad, prior.abroad, "abroad"),
                (
                    "公务用车购置",
                    now.vehicle_purchase,
                    prior.vehicle_purchase,
                    "vehicle_purchase",
                ),
                (
                    "公务用车运行维护费",
                    now.vehicle_operation,
                    prior.vehicle_operation,
                    "vehicle_operation",
                ),
                ("公务接待费", now.reception, prior.reception, "reception"),
            ]
            .iter()
            .map(|(label, a, b, key)| {
                format!(
                    "{label}{}{}",
                    self.change(&cmp(*a, *b), false),
                    self.reason(&format!("reason.three_public.{key}"))
                )
            })
            .collect();
            p.push(format!(
                "{year}年财政拨款“三公”经费预算比上年预算{}，其中：{}。",
                self.change(&whole, false),
                parts.join("；")
            ));
        }
        section(
            format!("关于{name} {year} 年财政拨款“三公”经费预算情况说明"),
            p,
        );

        // 十一、委托业务费
        let mut p = vec![format!(
            "{name}{year}年委托业务费{}万元，其中：",
            wan(b.entrusted_business_total())
        )];
        for (i, (project, amount)) in b.entrusted_business().iter().enumerate() {
            let (label, key) = match project.and_then(|id| b.project(id)) {
                Some(pr) => (pr.name.clone(), format!("entrusted.{}", pr.key)),
                None => ("基本支出".to_string(), "entrusted.basic".to_string()),
            };
            let purpose = self
                .text(&key)
                .map_or_else(String::new, |t| format!("，主要用于：{t}"));
            p.push(format!(
                "{}. {label}委托业务费{}万元{purpose}",
                i + 1,
                wan(*amount)
            ));
        }
        section(
            format!("关于{name}{year}年财政拨款委托业务费支出情况说明"),
            p,
        );

        // 十二、上年结转结余
        let fiscal_carry = b.sum_where(|l| l.source().is_carry_over() && l.source().is_fiscal());
        let other_carry = b.sum_where(|l| l.source() == FundingSource::NonFiscalCarryOver);
        let mut p = vec![format!(
            "{name}{year}年上年结转结余{}万元，包括：财政拨款{}万元，非财政拨款{}万元，其中：",
            wan(b.carry_over_total()),
            wan(fiscal_carry),
            wan(other_carry)
        )];
        for (i, (id, item)) in b.carry_overs().enumerate() {
            let amount = b.sum_where(|l| l.carry_over() == Some(id));
            p.push(format!(
                "{}. {}结转 {} 万元，主要用于：{}",
                i + 1,
                item.notice,
                wan(amount),
                item.purpose
            ));
        }
        section(format!("关于{name}{year}年上年结转结余预算情况说明"), p);

        // 十三、其他
        let mut p = vec!["（一）单位运行经费情况".to_string()];
        let organ = b.organ_running_cost();
        let change = yoy.organ_running.map_or_else(String::new, |c| {
            format!(
                "，比上年预算{}{}",
                self.change(&c, true),
                self.reason("reason.organ_running")
            )
        });
        p.push(format!(
            "{name} {year} 年的机关运行经费财政拨款预算 {} 万元{change}。",
            wan(organ)
        ));
        if let Some(pr) = b.procurement() {
            p.push("（二）政府采购情况".to_string());
            p.push(format!(
                "{year} 年，{name}政府采购预算 {} 万元，其中：政府采购货物预算 {} 万元，政府采购工程预算 {} 万元，政府采购服务预算 {} 万元。",
                wan(pr.total().unwrap_or(Amount::MAX)),
                wan(pr.goods),
                wan(pr.works),
                wan(pr.services)
            ));
            p.push(format!(
                "{year} 年，{name}面向中小企业预留政府采购项目预算金额 {} 万元，其中：小微企业预留政府采购项目预算金额 {} 万元。",
                wan(pr.sme_reserved),
                wan(pr.small_micro_reserved)
            ));
        }
        if let Some(a) = b.assets() {
            p.push("（三）国有资产占用使用情况".to_string());
            p.push(format!(
                "截至 {} 年底，{name}占用使用国有资产总体情况为：",
                year.saturating_sub(1)
            ));
            p.push(format!(
                "1. 房屋 {} 平方米，价值 {} 万元。",
                a.building_area_m2,
                wan(a.building_value)
            ));
            let of = |k: VehicleKind| {
                a.vehicles
                    .iter()
                    .filter(|v| v.kind == k)
                    .fold((0u32, Amount::ZERO), |(n, v), h| {
                        (
                            n.saturating_add(h.count),
                            v.checked_add(h.value).unwrap_or(Amount::MAX),
                        )
                    })
            };
            let kinds: Vec<String> = [
                VehicleKind::General,
                VehicleKind::LawEnforcement,
                VehicleKind::Other,
            ]
            .iter()
            .map(|k| {
                let (n, v) = of(*k);
                format!("{k} {n} 辆，价值 {} 万元", wan(v))
            })
            .collect();
            p.push(format!(
                "2. 车辆 {} 辆，价值 {} 万元；其中：{}。",
                a.vehicle_count(),
                wan(a.vehicle_value().unwrap_or(Amount::MAX)),
                kinds.join("；")
            ));
            p.push(format!("3. 办公家具价值 {} 万元。", wan(a.furniture_value)));
            p.push(format!("4. 其他资产价值 {} 万元。", wan(a.other_value)));
            p.push(format!(
                "部门价值单价 50 万元以上大型设备 {} 台，部门价值单价 100 万元以上大型设备 {} 台。",
                a.equipment_over_500k, a.equipment_over_1m
            ));
            let vehicles = if a.planned_vehicle_purchases == 0 {
                "未安排购置车辆经费".to_string()
            } else {
                format!("安排购置车辆 {} 辆", a.planned_vehicle_purchases)
            };
            p.push(format!(
                "{year} 年部门预算{vehicles}，安排购置单价 50 万元以上大型设备 {} 台，部门单价 100 万元以上大型设备 {} 台。",
                a.planned_equipment_over_500k, a.planned_equipment_over_1m
            ));
        }
        if let Some(perf) = b.performance() {
            p.push("（四）预算绩效情况".to_string());
            let fiscal_projects: Amount =
                Amount::checked_sum(perf.projects.iter().map(|t| t.fiscal)).unwrap_or(Amount::MAX);
            let other_projects: Amount =
                Amount::checked_sum(perf.projects.iter().map(|t| t.other)).unwrap_or(Amount::MAX);
            p.push(format!(
                "{year} 年，本部门预算绩效管理整体预算绩效目标 {} 个，涉及预算金额 {} 万元；当年预算安排项目共 {} 个，其中：财政拨款项目涉及预算金额 {} 万元；非财政拨款项目涉及预算金额 {} 万元。",
                usize::from(perf.department.is_some()),
                wan(perf.department.as_ref().and_then(|d| d.total()).unwrap_or(Amount::ZERO)),
                perf.projects.len(),
                wan(fiscal_projects),
                wan(other_projects)
            ));
        }
        section("其他重要事项的情况说明".to_string(), p);
        out
    }
}

/// The narrative (情况说明) of a budget under a profile.
pub fn narrative(budget: &DepartmentBudget, profile: &Profile) -> Vec<Section> {
    Writer {
        budget,
        profile,
        catalogue: budget.catalogue(),
    }
    .sections()
}
