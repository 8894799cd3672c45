#!/usr/bin/env python3
"""Writes schema/budget.schema.json, the JSON Schema of yusuan's budget JSON.

The schema is the one description of the format: docs/budget-json.md is generated from it by
`tests/json_reference.rs` (run with YUSUAN_BLESS=1 to rewrite), and that test checks the schema
against the crate's serde types by behaviour (every example budget valid; every field the crate
writes listed; unknown fields rejected by both; required fields required by both).

Run: python3 tools/schema/budget_schema.py > schema/budget.schema.json
"""
import json

FUNDING = [
    ("general_budget_own", "一般公共预算（本级）"),
    ("general_budget_transfer", "上级一般公共预算安排的转移支付"),
    ("government_fund_own", "政府性基金预算（本级）"),
    ("government_fund_transfer", "上级政府性基金安排的转移支付"),
    ("state_capital_own", "国有资本经营预算（本级）"),
    ("state_capital_transfer", "上级国有资本经营预算安排的转移支付"),
    ("fiscal_special_account", "财政专户管理资金"),
    ("service_revenue", "事业收入"),
    ("business_revenue", "事业单位经营收入"),
    ("superior_subsidy", "上级补助收入"),
    ("subordinate_remittance", "附属单位上缴收入"),
    ("other_income", "其他收入"),
    ("general_budget_carry_over", "财政拨款结转（一般公共预算）"),
    ("government_fund_carry_over", "财政拨款结转（政府性基金预算）"),
    ("state_capital_carry_over", "财政拨款结转（国有资本经营预算）"),
    ("non_fiscal_carry_over", "非财政拨款结转结余"),
]
FUND_TYPE = [("general_public_budget", "一般公共预算"), ("government_fund", "政府性基金预算"),
             ("state_capital", "国有资本经营预算")]
UNIT_KIND = [("administrative", "行政单位"), ("civil_servant_managed", "参照公务员法管理事业单位"),
             ("public_institution", "事业单位")]
PROJECT_CATEGORY = [("other_operating", "其他运转类"), ("specific_purpose", "特定目标类")]
VEHICLE_KIND = [("general", "一般公务用车"), ("law_enforcement", "执法执勤用车"),
                ("special_purpose", "特种专业技术用车"), ("other", "其他车辆")]
BASIC_KIND = [("personnel", "人员经费"), ("operating", "公用经费")]
OUTPUT = [("quantity", "数量指标"), ("quality", "质量指标"), ("timeliness", "时效指标"),
          ("cost", "成本指标")]
BENEFIT = [("economic", "经济效益指标"), ("social", "社会效益指标"), ("ecological", "生态效益指标"),
           ("sustainability", "可持续影响指标")]
COST = [("economic", "经济成本指标"), ("social", "社会成本指标"), ("ecological", "生态环境成本指标")]
SATISFACTION = [("service_recipients", "服务对象满意度指标")]


def enum(title, pairs, description):
    return {
        "title": title,
        "description": description + " Keys and names: "
        + "; ".join(f"`{k}` {zh}" for k, zh in pairs) + ".",
        "type": "string",
        "enum": [k for k, _ in pairs],
    }


def ref(name, title=None, description=None, examples=None):
    s = {"$ref": f"#/$defs/{name}"}
    if title:
        s["title"] = title
    if description:
        s["description"] = description
    if examples is not None:
        s["examples"] = examples
    return s


def obj(title, description, props, required=(), examples=None):
    s = {
        "title": title,
        "description": description,
        "type": "object",
        "properties": props,
        "additionalProperties": False,
    }
    if required:
        s["required"] = list(required)
    if examples is not None:
        s["examples"] = examples
    return s


def text(title, description, examples=None):
    s = {"title": title, "description": description, "type": "string"}
    if examples is not None:
        s["examples"] = examples
    return s


def count(title, description):
    return {"title": title, "description": description, "type": "integer", "minimum": 0,
            "maximum": 4294967295}


def amount(title, description, examples=("130000.00",)):
    return ref("amount", title, description, list(examples))


DEFS = {
    "amount": {
        "title": "金额（元）",
        "description": "An amount in 元 as a canonical decimal string: ASCII digits, no sign, "
        "separators, spaces or leading zeros, at most two decimals; at most "
        "999999999999999999.99. Printed forms (`1,234.50`, 万元) are rejected: convert to 元.",
        "type": "string",
        "pattern": "^(0|[1-9][0-9]{0,17})(\\.[0-9]{1,2})?$",
        "examples": ["130000.00", "0.5", "12"],
    },
    "decimal": {
        "title": "数值",
        "description": "A decimal number as a string (weights, rates, scores).",
        "type": "string",
        "pattern": "^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$",
        "examples": ["90", "10", "2.5"],
    },
    "functional_code": {
        "title": "支出功能分类科目编码（项）",
        "description": "A 7-digit 支出功能分类 项 code listed in the budget's catalogue edition.",
        "type": "string",
        "pattern": "^[0-9]{7}$",
        "examples": ["2060702"],
    },
    "economic_code": {
        "title": "部门预算支出经济分类科目编码（款）",
        "description": "A 5-digit 部门预算支出经济分类 款 code listed in the catalogue edition.",
        "type": "string",
        "pattern": "^[0-9]{5}$",
        "examples": ["30227"],
    },
    "economic_class": {
        "title": "部门预算支出经济分类科目编码（类）",
        "description": "A 3-digit 部门预算支出经济分类 类 code.",
        "type": "string",
        "pattern": "^[0-9]{3}$",
        "examples": ["302"],
    },
    "date": {
        "title": "日期",
        "description": "A calendar day written YYYY-MM-DD.",
        "type": "string",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        "examples": ["2026-01-01"],
    },
    "funding_source": enum("资金来源", FUNDING, "The funding source of a line or a figure."),
    "fund_type": enum("资金性质", FUND_TYPE, "Which of the three budgets."),
    "unit_kind": enum("单位性质", UNIT_KIND, "The kind of a budget unit."),
    "basic_kind": enum("基本支出类别", BASIC_KIND, "人员经费 or 公用经费."),
    "by_source": {
        "title": "按资金来源",
        "description": "Amounts by funding source: keys are funding-source keys.",
        "type": "object",
        "propertyNames": {"enum": [k for k, _ in FUNDING]},
        "additionalProperties": {"$ref": "#/$defs/amount"},
        "examples": [{"general_budget_own": "696200.00"}],
    },
    "three_public": obj(
        "\"三公\"经费", "The four \"三公\" figures, each defaulting to 0.",
        {
            "abroad": amount("因公出国（境）费用", "Economic 款 30212.", ["0.00"]),
            "reception": amount("公务接待费", "Economic 款 30217.", ["5000.00"]),
            "vehicle_purchase": amount("公务用车购置费", "Economic 款 31013 / 30913.", ["0.00"]),
            "vehicle_operation": amount("公务用车运行维护费", "Economic 款 30231.", ["1000.00"]),
        },
    ),
    "category": {
        "title": "一级指标 / 二级指标",
        "description": "The indicator's first level as the key, its second level as the value.",
        "oneOf": [
            obj("产出指标", "产出指标 with its 二级指标.",
                {"output": enum("产出指标的二级指标", OUTPUT, "Second level.")}, ["output"]),
            obj("效益指标", "效益指标 with its 二级指标.",
                {"benefit": enum("效益指标的二级指标", BENEFIT, "Second level.")}, ["benefit"]),
            obj("成本指标", "成本指标 with its 二级指标.",
                {"cost": enum("成本指标的二级指标", COST, "Second level.")}, ["cost"]),
            obj("满意度指标", "满意度指标 with its 二级指标.",
                {"satisfaction": enum("满意度指标的二级指标", SATISFACTION, "Second level.")},
                ["satisfaction"]),
            obj("履职效能", "履职效能 (部门整体 targets) with an output-like 二级指标.",
                {"duty_performance": enum("履职效能的二级指标", OUTPUT, "Second level.")},
                ["duty_performance"]),
        ],
        "examples": [{"output": "quantity"}],
    },
    "indicator": obj(
        "绩效指标", "One third-level performance indicator.",
        {
            "category": ref("category", "一级/二级指标", "The indicator's levels."),
            "printed_levels": {
                "title": "印制的一级/二级指标名",
                "description": "The level names as the document prints them, when they differ "
                "from the standard names.",
                "type": "array",
                "prefixItems": [{"type": "string"}, {"type": "string"}],
                "items": False, "minItems": 2, "maxItems": 2,
                "examples": [["产出指标", "数量指标"]],
            },
            "name": text("三级指标", "The indicator's name.", ["科普活动次数"]),
            "target": text("指标值", "The target as printed; read as a comparison with a number "
                           "and unit, a date, or text.", ["≥12次"]),
            "basis": text("指标值确定依据", "Why this target.", ["历年完成情况"]),
            "prior": text("上年指标值", "Last year's value as printed, or 新增项目.", ["10次"]),
            "weight": ref("decimal", "权重（分值）", "The indicator's weight.", ["20"]),
            "scoring": {
                "title": "评（扣）分标准",
                "description": "`completion_ratio` (按照完成比例赋分), `satisfaction` (满意度赋分) "
                "or {\"other\": text}.",
                "oneOf": [
                    {"type": "string", "enum": ["completion_ratio", "satisfaction"]},
                    obj("其他评分标准", "Another rule as printed.",
                        {"other": {"type": "string"}}, ["other"]),
                ],
                "examples": ["completion_ratio"],
            },
            "evidence": text("佐证资料", "Evidence for the result.", ["活动记录"]),
        },
        ["category", "name", "target", "weight"],
    ),
}

LINE = obj(
    "预算明细行", "One leaf line: (unit, 功能分类 项, 经济分类 款, 支出类型, 资金来源) → 金额.",
    {
        "unit": text("单位", "The subordinate unit's `name` (from `units`); absent for the "
                     "department itself.", ["阿拉山口市科技馆"]),
        "functional": ref("functional_code", "支出功能分类科目（项）", "The line's 项."),
        "economic": ref("economic_code", "部门预算支出经济分类科目（款）", "The line's 款."),
        "kind": {
            "title": "支出类型",
            "description": "`personnel` (人员经费), `operating` (公用经费) or `project` (项目支出; "
            "then `project` names the project).",
            "type": "string", "enum": ["personnel", "operating", "project"],
            "examples": ["project"],
        },
        "project": text("项目", "The project's `key` (from `projects`), for kind `project` "
                        "only.", ["P1"]),
        "source": ref("funding_source", "资金来源", "Where the money comes from."),
        "carry_over": text("上年结转项目", "The carry-over item's `key` (from `carry_overs`) "
                           "the line draws on.", ["C1"]),
        "amount": amount("金额", "The line's amount in 元.", ["90000.00"]),
    },
    ["functional", "economic", "kind", "source", "amount"],
)

PROJECT = obj(
    "项目", "A project that 项目支出 lines name.",
    {
        "key": text("项目键", "A key unique within the budget, named by lines.", ["P1"]),
        "name": text("项目名称", "The project's name.", ["科普活动经费"]),
        "category": enum("项目类别", PROJECT_CATEGORY, "How the project is managed."),
        "policy_basis": text("立项依据", "The policy basis.", ["《科学技术普及法》"]),
        "executing_unit": text("项目承担单位", "Who carries the project out.", ["阿拉山口市科学技术局"]),
        "start": ref("date", "资金执行时间（起）", "First day."),
        "end": ref("date", "资金执行时间（止）", "Last day.", ["2026-12-31"]),
        "allocation": text("资金分配情况", "How the money is allocated.", ["用于科普活动"]),
        "details": {
            "title": "其他说明",
            "description": "Further labelled statements the narrative prints, as [label, text] "
            "pairs.",
            "type": "array",
            "items": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "string"}],
                      "items": False, "minItems": 2, "maxItems": 2},
            "examples": [[["补贴标准", "每人每月 200 元"]]],
        },
    },
    ["key", "name"],
)

CARRY_OVER = obj(
    "上年结转结余项目", "Money carried over from last year, as the notice that granted it.",
    {
        "key": text("结转项目键", "A key unique within the budget, named by lines.", ["C1"]),
        "notice": text("来源文件", "The notice the money was granted by.", ["阿财预〔2025〕12号"]),
        "fund": {
            "title": "结转资金性质",
            "description": "{\"fiscal\": fund type} for 财政拨款结转, or `non_fiscal` for "
            "非财政拨款结转结余.",
            "oneOf": [
                {"type": "string", "enum": ["non_fiscal"]},
                obj("财政拨款结转", "财政拨款结转 of one budget.",
                    {"fiscal": ref("fund_type")}, ["fiscal"]),
            ],
            "examples": [{"fiscal": "general_public_budget"}],
        },
        "use": {
            "title": "结转用途",
            "description": "{\"basic\": `personnel` | `operating`} for 基本支出, or `project`.",
            "oneOf": [
                {"type": "string", "enum": ["project"]},
                obj("基本支出", "基本支出 of one kind.", {"basic": ref("basic_kind")}, ["basic"]),
            ],
            "examples": ["project"],
        },
        "amount": amount("金额", "The declared amount; the lines drawing on the item add up to "
                         "it.", ["20000.00"]),
        "purpose": text("主要用于", "What it is spent on.", ["科普活动"]),
    },
    ["key", "notice", "fund", "use", "amount"],
)

PRIOR = obj(
    "上年预算数", "The prior year's figures the narrative compares against; each optional, "
    "those given must agree among themselves.",
    {
        "income": ref("by_source", "上年收入", "Income by funding source."),
        "basic": amount("上年基本支出", "All funding.", ["865800.00"]),
        "project": amount("上年项目支出", "All funding.", ["180700.00"]),
        "personnel": amount("上年人员经费", "All funding."),
        "operating": amount("上年公用经费", "All funding."),
        "general_budget_basic": amount("上年一般公共预算基本支出", "一般公共预算当年拨款."),
        "general_budget_project": amount("上年一般公共预算项目支出", "一般公共预算当年拨款."),
        "general_budget_by_item": {
            "title": "上年一般公共预算支出（按项）",
            "description": "一般公共预算当年拨款 by functional 项: keys are 7-digit codes.",
            "type": "object",
            "propertyNames": {"pattern": "^[0-9]{7}$"},
            "additionalProperties": {"$ref": "#/$defs/amount"},
            "examples": [{"2060702": "90000.00"}],
        },
        "three_public": ref("three_public", "上年财政拨款\"三公\"经费", "The four figures."),
        "organ_running": amount("上年机关运行经费", "机关运行经费.", ["68500.00"]),
    },
)

PROCUREMENT = obj(
    "政府采购预算", "The government procurement budget.",
    {
        "goods": amount("货物", "Goods.", ["20000.00"]),
        "works": amount("工程", "Works.", ["0.00"]),
        "services": amount("服务", "Services.", ["50000.00"]),
        "stated_total": amount("政府采购预算合计", "The total as declared; must equal goods + "
                               "works + services.", ["70000.00"]),
        "sme_reserved": amount("面向中小企业预留", "Reserved for SMEs.", ["70000.00"]),
        "small_micro_reserved": amount("其中：小微企业预留", "Of which small and micro.",
                                       ["50000.00"]),
    },
)

ASSETS = obj(
    "国有资产占用使用情况", "State assets at the end of the prior year.",
    {
        "building_area_m2": text("房屋面积（平方米）", "As printed.", ["0.00"]),
        "building_value": amount("房屋价值", "Value of buildings."),
        "vehicles": {
            "title": "车辆", "description": "Vehicles by kind.", "type": "array",
            "items": obj("车辆类别持有", "Vehicles of one kind.", {
                "kind": enum("车辆类别", VEHICLE_KIND, "The kind."),
                "count": count("辆", "How many."),
                "value": amount("价值", "Their value.", ["150000.00"]),
            }, ["kind", "count", "value"]),
        },
        "furniture_value": amount("办公家具价值", "Office furniture."),
        "other_value": amount("其他资产价值", "Other assets."),
        "equipment_over_500k": count("单价 50 万元以上大型设备（台）", "Held."),
        "equipment_over_1m": count("单价 100 万元以上大型设备（台）", "Held."),
        "planned_vehicle_purchases": count("本年安排购置车辆（辆）", "Planned this year."),
        "planned_equipment_over_500k": count("本年安排购置单价 50 万元以上大型设备（台）",
                                             "Planned this year."),
        "planned_equipment_over_1m": count("本年安排购置单价 100 万元以上大型设备（台）",
                                           "Planned this year."),
    },
)

PERFORMANCE = obj(
    "绩效目标", "部门整体 and project performance targets.",
    {
        "profile": obj("权重口径", "What indicator weights add up to, and the grade floors.", {
            "indicators_total": ref("decimal", "指标权重合计", "90 where 预算执行率 holds 10.",
                                    ["90"]),
            "execution_rate": ref("decimal", "预算执行率权重", "10, or 0.", ["10"]),
            "grade_floors": {
                "title": "等级下限", "description": "Lowest scores for 优, 良, 中.",
                "type": "array", "items": {"$ref": "#/$defs/decimal"},
                "minItems": 3, "maxItems": 3, "examples": [["90", "80", "60"]],
            },
        }, ["indicators_total", "execution_rate", "grade_floors"]),
        "department": obj("部门整体绩效目标表", "The whole department's targets.", {
            "department": text("部门名称", "As printed.", ["阿拉山口市科学技术局"]),
            "contact": text("联系人", "Contact person."),
            "phone": text("联系电话", "Phone."),
            "goals": text("年度总体目标", "The year's goals."),
            "fiscal_higher": amount("上级财政拨款", "Funds from the level above."),
            "fiscal_own": amount("本级财政拨款", "Own funds."),
            "other": amount("其他资金", "Other funds."),
            "indicators": {"title": "绩效指标", "description": "The indicators.",
                           "type": "array", "items": {"$ref": "#/$defs/indicator"}},
        }, ["department", "goals", "fiscal_higher", "fiscal_own", "other", "indicators"]),
        "projects": {
            "title": "项目支出绩效目标表", "description": "One per project.", "type": "array",
            "items": obj("项目支出绩效目标", "One project's targets.", {
                "project": text("项目键", "The project's `key` (from `projects`).", ["P1"]),
                "printed_name": text("项目名称", "As printed in the table."),
                "unit": text("实施单位", "Who carries it out."),
                "person_responsible": text("项目负责人", "Person responsible."),
                "total": amount("资金总额", "All funds."),
                "fiscal": amount("财政拨款", "Fiscal funds."),
                "other": amount("其他资金", "Other funds."),
                "goal": text("年度目标", "The year's goal."),
                "indicators": {"title": "绩效指标", "description": "The indicators.",
                               "type": "array", "items": {"$ref": "#/$defs/indicator"}},
            }, ["project", "printed_name", "total", "fiscal", "other", "goal", "indicators"]),
        },
    },
)

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://github.com/yusuan/yusuan/schema/budget.schema.json",
    "title": "部门预算 (yusuan budget JSON)",
    "description": "A department's budget as leaf lines in 元 with what the disclosure needs "
    "besides (projects, carry-over items, control figures, prior-year figures, procurement, "
    "assets, performance targets, narrative texts). A file valid under this schema may still "
    "break a budget rule (sums, catalogue codes, references); the crate checks those when it "
    "builds the budget.",
    "type": "object",
    "additionalProperties": False,
    "required": ["department", "lines"],
    "properties": {
        "catalogue": text("目录版本", "The catalogue edition the codes are checked against; "
                          "absent means the built-in edition.", ["2026"]),
        "department": obj("部门", "The department whose budget this is.", {
            "name": text("部门名称", "The department's name.", ["阿拉山口市科学技术局"]),
            "year": {"title": "预算年度", "description": "The budget year.", "type": "integer",
                     "minimum": 0, "maximum": 65535, "examples": [2026]},
            "unit_kind": ref("unit_kind", "单位性质", "The department's own kind."),
            "functions": {"title": "主要职能", "description": "One entry per numbered function.",
                          "type": "array", "items": {"type": "string"},
                          "examples": [["贯彻执行国家科技工作方针政策"]]},
            "organization": text("机构设置", "The organisation text."),
        }, ["name", "year", "unit_kind"]),
        "units": {"title": "下属单位", "description": "Subordinate budget units; names unique.",
                  "type": "array", "items": obj("下属单位", "One unit.", {
                      "name": text("单位名称", "Unique within the budget; lines name it.",
                                   ["阿拉山口市科技馆"]),
                      "unit_kind": ref("unit_kind", "单位性质", "The unit's kind."),
                  }, ["name", "unit_kind"])},
        "projects": {"title": "项目", "description": "Projects; keys unique.", "type": "array",
                     "items": PROJECT},
        "carry_overs": {"title": "上年结转结余", "description": "Carry-over items; keys unique.",
                        "type": "array", "items": CARRY_OVER},
        "lines": {"title": "预算明细行", "description": "The leaf lines; every figure of the "
                  "disclosure is a sum of them.", "type": "array", "items": LINE},
        "control_figures": ref("by_source", "预算控制数", "The finance bureau's control figures "
                               "by funding source; the lines of each source add up to its figure."),
        "prior_year": PRIOR,
        "procurement": PROCUREMENT,
        "assets": ASSETS,
        "operating_classes": {
            "title": "公用经费经济分类", "description": "Economic 类 (besides 302) counted as "
            "公用经费 by the department's template.", "type": "array",
            "items": {"$ref": "#/$defs/economic_class"}, "examples": [["310"]]},
        "personnel_classes": {
            "title": "人员经费经济分类", "description": "Economic 类 (besides 301 and 303) whose 款 "
            "the department's template counts as 人员经费 (Xi'an: 302's 30239 其他交通费用).",
            "type": "array", "items": {"$ref": "#/$defs/economic_class"}, "examples": [["302"]]},
        "performance": PERFORMANCE,
        "narrative": {
            "title": "情况说明文字", "description": "Texts the narrative prints that are data "
            "(reasons, uses, judgements), by dotted key such as `reason.income` or "
            "`use.item.2080502`.", "type": "object",
            "additionalProperties": {"type": "string"},
            "examples": [{"reason.basic": "人员调整"}],
        },
    },
    "$defs": DEFS,
}

if __name__ == "__main__":
    print(json.dumps(SCHEMA, ensure_ascii=False, indent=2))
