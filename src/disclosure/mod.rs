//! 部门预算公开: the disclosure tables and narrative of a budget, under a template read from data.
//!
//! A [`Template`] describes one published template family: its tables in order (number, title,
//! unit, decimals, separators, header rows, row structure and what every money column means as
//! a budget dimension), the note printed under an empty table, the narrative (情况说明) as texts
//! with named placeholders, the wording conventions of year-on-year comparisons, and the
//! performance weight profile. Templates are TOML files; the built-ins live in
//! `src/disclosure/templates/` and are embedded with `include_str!` ([`Template::builtins`]);
//! users load their own with [`Template::from_toml`] or [`Template::from_path`]. Nothing in the
//! code depends on a template's name: adding a template is adding a file.
//!
//! [`Disclosure::tables`] turns a [`DepartmentBudget`] into the tables of a template, under a
//! [`Rounding`] mode: faithful (each printed cell rounded 四舍五入 from its exact amount, as
//! published tables do) or footing (尾差调整, every printed total equal to the sum of its printed
//! parts). Tables are views: they cannot fail, and every money cell is a sum of the budget's
//! lines. [`render`] prints them as text, Markdown, CSV and the seed's tab-separated layout;
//! [`Table`] serializes to JSON. [`Disclosure::narrative`] writes the 情况说明.
//!
//! ```
//! use yusuan::budget::DepartmentBudget;
//! use yusuan::disclosure::{Disclosure, Rounding, Template};
//! let budget: DepartmentBudget =
//!     serde_json::from_str(include_str!("../../examples/data/alashankou_2026.json"))?;
//! let tables = Disclosure::new(&budget, Template::xinjiang_2026()).tables(Rounding::Faithful);
//! assert_eq!(tables.len(), 12);
//! let basic = tables
//!     .iter()
//!     .find(|t| t.id == "general_budget_basic")
//!     .ok_or("no 基本支出 table")?;
//! let total = basic.rows.last().ok_or("no total row")?;
//! assert_eq!(total.cells[3].text(), "68.62");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The template file format
//!
//! TOML was chosen because templates are edited by hand (by finance staff as much as by
//! programmers): it has comments, needs no quoting of keys, reads well with Chinese text, and
//! its parser reports the byte span of every error, so a malformed file is reported by file,
//! line and field ([`TemplateError`]). Unknown keys are errors, so a misspelt key never passes
//! silently.
//!
//! ```toml
//! name = "示例 (2 tables)"            # the template's name
//! description = "where it comes from"
//!
//! [format]                            # defaults for every table
//! unit = "万元"                        # "元" or "万元"
//! decimals = 2                        # 6 for Beijing's 万元
//! thousands = false                   # 31,214,205.80
//! blank_zero = true                   # a zero prints as an empty cell
//!
//! [performance]                       # the weight profile of the 绩效目标表 (optional)
//! indicators_total = "90"
//! execution_rate = "10"
//! grade_floors = ["90", "80", "60"]
//!
//! [[table]]                           # one per table, in published order
//! id = "expenditure_summary"          # optional; what tests and auditors call it
//! title = "部门支出总体情况表"           # may name {year} and {name}: "{year}年市级部门…"
//! # number = 3                        # defaults to the table's position
//! # unit / decimals / thousands / blank_zero override [format] for this table
//! header = [                          # rows as printed; "" = a cell a merged cell covers
//!   ["科目", "", "", "支出预算", "", "", ""],
//!   ["科目代码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
//!   ["类", "款", "项", "", "", "", ""],
//! ]
//! empty_note = "{name} {year} 年没有安排的支出，{title}为空表。"   # printed when all amounts are 0
//! # note = "注：无。"                  # printed otherwise (always, without an empty_note)
//! [table.body]
//! kind = "functional_tree"            # the row structure, see below
//! codes = "split"                     # 类 | 款 | 项 columns, "whole" (2060702), "bracketed"
//!                                     # ([2060702]科普活动 in one cell), "hyphenated"
//!                                     # (2060702-科普活动), "split_own" (split, each row
//!                                     # its own level only) or "none" (names only)
//! lines = {}                          # which budget lines the table covers (a filter)
//! bold_subtotals = true               # 类 and 款 rows bold
//! total = { label = "总计", at = "name", bold = true }   # at = "name" or "first"
//!                                     # top = true prints the total above the other rows
//! columns = [                         # the money columns, by meaning, never by position
//!   { id = "total", total_of = ["basic", "project"] },
//!   { id = "basic", lines = { spending = ["basic"] } },
//!   { id = "project", lines = { spending = ["project"] } },
//! ]
//! ```
//!
//! **Row structures** (`body.kind`): `functional_tree` (类/款/项 rows of the kept lines, then the
//! total), `economic_tree` (economic 类/款), `project_list` (a department row, then 类/款/项 with
//! a row per project), `two_sided` (the 收支总表 layout, in blocks: see below), `matrix` (fixed
//! `rows` by `columns`, e.g. the "三公" table; `label_column = false` for a table without one),
//! `per_project` (a department row when `department_row`, a row per project with money and
//! `basic_label` for 基本支出, the total; `unit_column = true` adds a 单位名称 column and makes
//! the rows per unit and project), `per_carry_over` (a row per carry-over item), `per_unit`
//! (the department as a whole when `department_row`, then its own lines — 本级, under the
//! department's name — and each subordinate unit in the budget's order, by `columns`;
//! `nonzero_only = true` leaves out a unit whose money columns are all zero; the total),
//! `procurement` (政府采购: `rows` with `code`, `label` and `procurement = "goods" | "works" |
//! "services"`, by `columns`; `codes = "none"` prints no code column; the budget's
//! procurement has no funding split, so a money column is `lines = {}` (the category's
//! amount, any condition is an error), `total_of` or `blank`; no rows when the budget has no
//! procurement), `department_targets` and `project_targets` (the 绩效目标表, see below).
//! `depth = 1` makes an `economic_tree` print its 类 rows only (Guangdong's
//! 部门预算基本支出预算表). `detail_rows` (明细行) prints one row per combination of its `keys`
//! among the kept lines — `functional` (the 项), `government_economic` (the 政府经济分类 款 the
//! line's 部门 款 maps to for its unit's kind, blank where none is known) and `economic` (the
//! 部门 款) — in code order, each key printed by `codes`, then the total; `unit_blocks = true`
//! repeats the rows per budget unit (the department's own lines, then each unit in order)
//! without a row naming the unit (Beijing's 支出总表 keys by all three, its 基本支出表 by the
//! two economic ones, its 一般公共预算支出表 by the 项 in unit blocks). `codes = "hyphenated"`
//! prints `2010501-行政运行` in one cell. A `classes = "all"` row may list `optional_classes`
//! (`["209", "227"]`): 类 listed only when the table's lines have money in them.
//!
//! `listed = ["301", "30101", …]` makes an `economic_tree` print the
//! form's list of codes, each with money or not (Fujian's 表八 and 表九 list every 类 and 款):
//! listing only 类 prints a row per 类 with all its lines; listing 款 too prints each 类 with its
//! listed 款 and any 款 with money the list lacks, in code order; a 类 with money the list lacks
//! prints after the listed ones, so the total is always every kept line.
//!
//! Zeros print blank where a table says `blank_zero`; `show_zero = true` on the `total` (or on a
//! two-sided table's or a matrix's row) prints that row's zeros as `0.00` all the same (Fujian
//! prints `合计 | 2249.92 | … | 0.00` over blank zeros, and `结转下年支出 | 0.00`).
//!
//! `economic_pairs` is an economic tree that prints each 部门预算支出经济分类 类/款 beside the
//! 政府预算支出经济分类 类/款 it is reported under (`301 | 01 | 基本工资 | 501 | 01 |
//! 工资奖金津补贴`), by the kind of the unit spending the line (机关 or 事业单位,
//! [`crate::classification::EconomicCode::government_code`]): rows grouped by (部门 类, 政府 类),
//! 301/501 before 301/505, each group a subtotal over its (部门 款, 政府 款) rows; a 款 whose 政府
//! 款 is unknown for its unit kind prints blank 政府 cells. Its label columns are the 部门 side's
//! then the 政府 side's (`codes` as for the other trees: `split` gives 类 | 款 | 名称 twice).
//! `codes = "split_own"` prints split code columns with only the row's own level filled (a 类
//! row `201`, a 款 row `40`, a 项 row `01`), as 山东's coded tables do.
//!
//! A table's `title` may name `{year}` and `{name}`. `empty_note` is printed under the table
//! when every amount in it is zero; `note` otherwise, or always when the table has no
//! `empty_note`.
//!
//! A **`two_sided`** table is laid out in blocks, `[[table.body.block]]`: each block prints its
//! `left` rows (income: a `label` and one amount, `lines` or `total_of` left rows of any block,
//! `bold`, `only_if_nonzero`) beside its `right` rows (spending, by `columns`: a `label` with
//! `lines` under each column's filter, or `total_of` right rows of any block), as high as its
//! longer side, then `block_gap` blank rows. A right row `{ id = …, classes = LIST }` stands for
//! the 类: `"all"` every 类 of the catalogue as `206 科学技术支出`, `"with_money_numbered"` the
//! 类 with money as `一、科学技术支出`, `"with_money_paren_numbered"` as `(一)科学技术支出`,
//! `"tree"` every 类, 款 and 项 with money by name; a `label` on the row words each listed 类
//! otherwise (`label = "（{cn}）{name}"`, with `{code}`, `{name}`, `{n}` and `{cn}` its number
//! among those listed: Jiangsu numbers all thirty); its id names its 类 rows (重庆 表四's
//! `一、本年支出` is `total_of` them). A form that prints a fixed list (Guangdong's, with
//! 上缴上级支出 among the 类) lists it as right rows with `functional` filters. A row the model
//! cannot fill but the form prints (结转下年) takes a filter that holds for no line,
//! `{ source = [] }`. The `total` gives `label` and `of` (the left rows it adds up),
//! `right_label` and `right_of` (the right rows; the 类 rows when left out). Rows before or
//! after the 类 (`一、本年支出合计`), a fixed right side, pairs of totals side by side
//! (`本年收入合计 | 本年支出合计`) and blank rows between blocks are all blocks:
//!
//! ```toml
//! [table.body]
//! kind = "two_sided"
//! columns = [{ id = "amount", lines = {} }]
//! total = { label = "收入总计", right_label = "支出总计", of = ["income", "carry"], right_of = ["spending", "next_year"] }
//! [[table.body.block]]                # 收入 rows beside the 类
//! left = [
//!   { id = "general", label = "一、一般公共预算", lines = { fund = ["general_public_budget"] } },
//!   { id = "special", label = "二、财政专户管理资金", lines = { source = ["fiscal_special_account"] } },
//! ]
//! right = [
//!   { label = "一、本年支出合计", lines = {} },
//!   { id = "classes", classes = "tree" },
//! ]
//! [[table.body.block]]                # then the totals side by side
//! left = [
//!   { id = "income", label = "本年收入合计", total_of = ["general", "special"] },
//!   { id = "carry", label = "上年结转结余", lines = { carry_over = true } },
//! ]
//! right = [
//!   { id = "spending", label = "本年支出合计", total_of = ["classes"] },
//!   { id = "next_year", label = "结转结余下年", lines = { source = [] } },
//! ]
//! ```
//!
//! **Money columns** are one of `{ lines = FILTER }` (the lines the column adds up),
//! `{ total_of = [ids] }` (other columns of the same row), `{ blank = true }`, or one of the
//! year-on-year columns below; a `per_project` table may also have a text column
//! `{ detail = "绩效目标" }`, each project's `details` entry of that label. A column or row the
//! model cannot fill but the form prints as 0.00 (上缴上级支出) takes a filter that holds for no
//! line, `{ source = [] }`. A **filter**
//! holds for a line when every condition it gives holds (an empty list holds for none):
//! `source` (serde names of [`crate::funding::FundingSource`]: `general_budget_own`, …),
//! `group` (`fiscal_appropriation`, `unit_funds`, …), `fund` (`general_public_budget`,
//! `government_fund`, `state_capital`), `fiscal` (bool), `carry_over` (bool), `spending`
//! (`basic`, `personnel`, `operating`, `project`), `economic` and `functional` (codes or code
//! prefixes as strings: `"302"` holds for 30201…), `organ` (lines of 行政/参公 units).
//!
//! **Year-on-year columns** print the budget's prior-year figures
//! ([`crate::budget::PriorYear`]) beside this year's, and what changed:
//!
//! ```toml
//! columns = [
//!   { id = "prior", prior = "general_budget_by_item" },   # 上年执行数 / 上年预算数
//!   { id = "total", total_of = ["basic", "project"] },
//!   { id = "basic", lines = { spending = ["basic"] } },
//!   { id = "project", lines = { spending = ["project"] } },
//!   { id = "change", change_of = ["total", "prior"] },     # 增减额: total − prior
//!   { id = "rate", rate_of = ["total", "prior"] },         # 增减(%): -60.86%
//! ]
//! ```
//!
//! `prior` names a figure ([`PriorFigure`]): `income` (with `lines` giving only funding
//! conditions — `source`, `group`, `fund`, `fiscal`, `carry_over` — the prior income of those
//! sources), `basic`, `project`, `personnel`, `operating`, `general_budget_basic`,
//! `general_budget_project`, `general_budget_by_item`, `three_public`, `three_public_abroad`,
//! `three_public_reception`, `three_public_vehicles`, `three_public_vehicle_purchase`,
//! `three_public_vehicle_operation`, `organ_running`. The model holds
//! `general_budget_by_item` per functional 项: a `functional_tree` prints it on each 项 row,
//! adds it up on the 款, 类 and total rows, and gives the 项 only the prior year had a row of
//! their own (the table's `functional` filter applies); in other tables it prints as one
//! figure. Every other figure is one amount for the whole budget: it prints in the total row
//! (and a department row), in every row of a `matrix`, and **blank in the rows between**, since
//! the model has no breakdown of it (the prior year's 类/款/项 of 基本支出, the prior figures of
//! economic codes, of projects and of the 类 in a summary). A figure the budget does not give
//! prints blank everywhere. Which prior year a template calls it (上年执行数 or 上年预算数) is the
//! template's wording: the column prints what the budget holds.
//!
//! `change_of = [current, prior]` prints the printed current less the printed prior (signed,
//! `-20,442.30`, the table's decimals and separators), so a row reads true as printed; it is
//! blank when both are zero or either is not a money column. `rate_of` prints that change over
//! the printed prior in percent to two decimals (`1009.71%`, `-100.00%`), blank over a prior
//! of zero. Both print as text cells ([`Cell::Text`]), since money cells hold non-negative
//! amounts; a `total_of` cannot add them up. Header cells may name `{year}` and `{prior_year}`
//! (`"{prior_year}年执行数"`).
//!
//! **The narrative** is a list of sections, each a `title` and `paragraph`s:
//!
//! ```toml
//! [narrative]
//! unit = "万元"
//! thousands = true
//! # zero = "0"                         # what a zero amount prints as
//! # trim_zeros = true                  # 4.8万元, 388万元, 下降5% for 4.80, 388.00, 5.00
//! [narrative.change.default]           # the comparison phrase; more styles may be named
//! increase = "比上年预算增加 {amount} 万元，增长 {rate}%"
//! decrease = "比上年预算减少 {amount} 万元，下降 {rate}%"
//! flat = "与上年预算持平"
//! rate_from_zero = "100.00"            # {rate} when the prior figure is 0
//! # from_zero = "增加{amount}万元（去年预算数为0万元，无法计算增减比率）"  # growth from 0
//! # rate_decimals = 1                  # decimals of {rate} in this style (2 by default)
//! [narrative.sums.organ_running]       # a sum the template defines, by a filter
//! lines = { organ = true, economic = ["30201", "30202"] }
//! prior = "organ_running"              # {organ_running_change}: against this prior figure
//! [narrative.labels.default]           # label sets: an item's {label} by its key
//! general_budget_own = "一般公共预算"    # a funding source (the items of `income`)
//! government_fund = "政府性基金预算拨款" # a fund group (the items of `income_by_fund`)
//! [narrative.labels.change]            # {label:change}; falls back to `default`
//! government_fund = "政府性基金预算资金"
//!
//! [[narrative.section]]
//! title = "二、关于{name} {year} 年收入预算情况说明"
//! [[narrative.section.paragraph]]
//! text = "{name}部门收入预算 {total} 万元，其中："
//! [[narrative.section.paragraph]]
//! each = "income"                      # once per item of a list
//! text = "{label} {amount} 万元，占 {share}%，{change}[[，{reason}]]。"
//! [[narrative.section.paragraph]]
//! when = "!government_fund_all"        # only when the amount is zero
//! text = "没有政府性基金预算拨款。"
//! ```
//!
//! In a text, `{name}` prints a value ([`narrative::GLOBALS`], the fields of the list item in
//! scope ([`narrative::LISTS`]), `{n}`/`{cn}` the item's number, `{text.<key>}` a text the
//! budget carries); a comparison prints its phrase in the `default` style, `{x:style}` in a
//! named one, and `{x.prior}`, `{x.amount}`, `{x.rate}`, `{x.direction}` its parts. `[[ … ]]`
//! is printed only when every placeholder directly in it has a value (a reason the budget
//! does not give, a comparison without a prior figure), and `<<list|item text|separator>>`
//! joins a list inline. `when` holds for an amount not zero, a text not empty, a list not
//! empty or a comparison present (and, in a list, `only` for the list's one item); `!name` is
//! its opposite. Lists may nest: each `general_classes` item has its `class_items` (that 类's
//! `general_items`). Every placeholder is checked when
//! the template is read. The items of `income`, `income_carry` and `income_unused` (funding
//! sources, keyed by serde name) and of `income_by_fund` (each fund type with its carry-over,
//! then each non-fiscal source, as templates that count 上年结转 in its fund type's income
//! print them; keyed `general_public_budget`, `government_fund`, `state_capital` or by source)
//! print as `{label}` the label of their key in `[narrative.labels.default]`, as
//! `{label:set}` the one in `[narrative.labels.set]` (else `default`), else their Chinese
//! name ([`narrative::label_keys`]; a key naming neither is an error).
//!
//! `[narrative.sums.NAME]` defines `{NAME}`, the sum of the lines its filter keeps, and
//! `{NAME_share}`, its share in percent of 收支总预算 (or of the sum `share_of` names), and
//! `{NAME_change}`, its comparison with the budget's prior-year figure `prior` ([`PriorFigure`]:
//! `income` — the prior year's income of the sources the filter keeps, so the filter may ask
//! only about funding —, `basic`, `project`, `personnel`, `operating`, `general_budget_basic`,
//! `general_budget_project`, `three_public`, `organ_running`). A sum named like a built-in
//! placeholder replaces it: Guangdong defines its own 行政经费（机关运行经费） as `organ_running`.
//!
//! **Performance target tables** (绩效目标表) are forms rendered from the budget's targets
//! ([`crate::performance`]): labelled `info` rows on top, the `header`, then one row per
//! indicator. A template lists them as `[[target_table]]` when it prints them outside its
//! numbered tables (unnumbered unless they give a `number`; the seed prints them under 情况说明
//! (四)), or as `[[table]]` among the numbered ones; [`Disclosure::target_tables`] and
//! [`Disclosure::tables`] render them. `kind = "department_targets"` gives the 部门整体 table;
//! `kind = "project_targets"` one table per project target, in the budget's target order
//! (`order = "projects"`: the project list's), or every project in one table with
//! `one_table = true`. A budget without such targets gives one table with the header and the
//! `empty_note`. The title of a table per project may name `{project}`, the project's name as
//! its target prints it (Fujian's `{project}项目绩效目标表`).
//!
//! ```toml
//! [[target_table]]
//! id = "project_targets"
//! title = "项目支出绩效目标表"
//! header = [["一级指标", "二级指标", "三级指标", "指标值", "上年完成值", "分值权重", "评分规则"]]
//! [target_table.body]
//! kind = "project_targets"
//! zero = "0.00"                       # a zero amount prints "0.00" ("0", or "" for a blank)
//! info = [                            # rows above the header, as wide as it
//!   [{ text = "项目名称", bold = true }, "{project}", "", { text = "主管部门", bold = true }, "{department}", "", ""],
//!   [{ text = "项目资金(万元)", bold = true }, "年度预算总额", { lines = {} },
//!    "其中：财政拨款", { lines = { fiscal = true } }, "其他资金", { lines = { fiscal = false } }],
//!   [{ text = "年度目标", bold = true }, "{goal}", "", "", "", "", ""],
//! ]
//! indicators = [                      # one column per header cell: a field, never a position
//!   { field = "first_level", merge = true },
//!   { field = "second_level", merge = true },
//!   { field = "third_level" },
//!   { field = "target" },
//!   { field = "prior" },
//!   { field = "weight" },             # leave out for a template without weights
//!   { field = "scoring" },
//! ]
//! ```
//!
//! An **info cell** is a text with placeholders ([`TARGET_PLACEHOLDERS`]: `{project}` the
//! project's name as the target table prints it, `{project_name}` and `{project_key}` as the
//! project list has them, `{department}` the department (as the 部门整体 target prints it),
//! `{unit}` the 预算单位/实施单位, `{executing_unit}`, `{person_responsible}`, `{contact}`,
//! `{phone}`, `{goal}` the 年度/项目总体目标, `{year}`, `{budget_department}`), a table
//! `{ text = …, bold = true }`, or money `{ lines = FILTER }`: the sum of the target's lines
//! (the project's, or all the department's for the 部门整体 table) within the filter and the
//! body's `lines`, never a figure copied from the target. An **indicator column** is
//! `{ field = F }` with F one of [`IndicatorField`]: `first_level`, `second_level` (as the
//! budget records them printed, else the canonical names), `third_level`, `target` (指标值 as
//! printed), `target_sign` (`≥`, `＝` …, `定性`), `target_number`, `target_unit` (度量单位),
//! `basis`, `prior` (上年完成值/上年指标值), `weight`, `scoring`, `evidence`; `merge = true`
//! prints a value equal to the one above blank (a merged cell). With `one_table`, a column may
//! also be `{ text = "{project}" }` or `{ lines = FILTER }`, printed on each project's first
//! row. Widths, fields and placeholders are checked when the template is read.
//!
//! **Adding a family** is adding a file under `src/disclosure/templates/` (and its line in
//! `BUILTIN` in `template.rs`), or shipping the file and loading it with
//! [`Template::from_path`].

mod build;
pub mod narrative;
mod prior;
pub mod render;
mod table;
mod targets;
mod template;
mod text;
mod validate;

pub use narrative::Section;
pub use table::{Cell, Rounding, Row, Table};
pub use targets::{IndicatorField, InfoCell, TARGET_PLACEHOLDERS, TargetColumn};
pub use template::{
    BlockSpec, Body, BodyKind, ChangeWording, ClassList, CodeStyle, Column, DetailKey, Filter,
    Format, LabelAt, NarrativeSpec, ParagraphSpec, PriorFigure, ProcurementItem, RowSpec,
    SectionSpec, Spending, SumSpec, TableSpec, TargetOrder, Template, TemplateError,
    TemplateErrorKind, TotalSpec,
};

use crate::budget::DepartmentBudget;

/// A budget and the template it is published under.
#[derive(Debug, Clone)]
pub struct Disclosure<'a> {
    budget: &'a DepartmentBudget,
    template: Template,
}

impl<'a> Disclosure<'a> {
    /// The disclosure of `budget` under `template`.
    #[must_use]
    pub fn new(budget: &'a DepartmentBudget, template: Template) -> Disclosure<'a> {
        Disclosure { budget, template }
    }

    /// The template.
    #[must_use]
    pub fn template(&self) -> &Template {
        &self.template
    }

    /// The narrative (情况说明); empty when the template has none.
    #[must_use]
    pub fn narrative(&self) -> Vec<Section> {
        let catalogue = self.budget.catalogue();
        self.template
            .narrative
            .as_ref()
            .map(|spec| narrative::narrative(self.budget, catalogue, spec))
            .unwrap_or_default()
    }

    /// Every table of the template, in order. A 绩效目标表 among them gives one table per
    /// target (see [`Disclosure::targets`]).
    #[must_use]
    pub fn tables(&self, rounding: Rounding) -> Vec<Table> {
        self.template
            .tables
            .iter()
            .enumerate()
            .flat_map(|(i, spec)| self.tables_of(spec, i, rounding))
            .collect()
    }

    /// The tables of one spec of the numbered list: one, or one per target for a 绩效目标表.
    fn tables_of(&self, spec: &TableSpec, position: usize, rounding: Rounding) -> Vec<Table> {
        if spec.body.kind.is_targets() {
            self.targets(spec, number_at(spec, position), rounding)
        } else {
            vec![self.table(spec, position, rounding)]
        }
    }

    /// The 绩效目标表 the template prints outside its numbered tables (`[[target_table]]`), in
    /// order: the 部门整体 table, then one table per project target, as the template lists them.
    /// Unnumbered (number 0) unless a spec gives its number.
    ///
    /// ```
    /// use yusuan::budget::DepartmentBudget;
    /// use yusuan::disclosure::{Disclosure, Rounding, Template};
    /// let budget: DepartmentBudget =
    ///     serde_json::from_str(include_str!("../../examples/data/alashankou_2026.json"))?;
    /// let targets = Disclosure::new(&budget, Template::xinjiang_2026()).target_tables(Rounding::Faithful);
    /// assert_eq!(targets.len(), 6); // 部门整体 and five projects
    /// let p = &targets[1];
    /// assert_eq!(p.title, "项目支出绩效目标表");
    /// assert_eq!(p.info[2].cells[3].text(), "7.00"); // 年度预算总额, from the project's lines
    /// assert_eq!(p.rows[0].cells[2].text(), "印刷折页数量"); // 三级指标
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn target_tables(&self, rounding: Rounding) -> Vec<Table> {
        self.template
            .target_tables
            .iter()
            .flat_map(|spec| self.targets(spec, spec.number.unwrap_or(0), rounding))
            .collect()
    }

    /// The tables of one 绩效目标表 spec, numbered `number`: the 部门整体 table, or one table per
    /// project target (all in one with `one_table`). When the budget has no such target, one
    /// table with the header only and the spec's empty note.
    #[must_use]
    pub fn targets(&self, spec: &TableSpec, number: u32, rounding: Rounding) -> Vec<Table> {
        let at = targets::Placement {
            number,
            format: spec.format(self.template.format),
            rounding,
        };
        targets::tables(self.budget, spec, &at)
    }

    /// One table; `position` is its 0-based place in the template (its number by default). For
    /// a 绩效目标表, the first of [`Disclosure::targets`].
    #[must_use]
    pub fn table(&self, spec: &TableSpec, position: usize, rounding: Rounding) -> Table {
        if spec.body.kind.is_targets() {
            let mut all = self.targets(spec, number_at(spec, position), rounding);
            if !all.is_empty() {
                return all.swap_remove(0);
            }
        }
        let b = self.budget;
        let catalogue = self.budget.catalogue();
        let format = spec.format(self.template.format);
        let mut grid = build::body(b, catalogue, &spec.body);
        grid.thousands = format.thousands;
        let mut rows = grid.resolve(format.unit, format.decimals, rounding, format.blank_zero);
        let empty = rows.iter().all(|r| {
            r.cells.iter().all(|c| match c {
                Cell::Money { exact, .. } => exact.is_zero(),
                Cell::Text(_) => true,
            })
        });
        // Empty tables print only their total row, without amounts (and in plain type).
        if empty && spec.empty_note.is_some() {
            for r in &mut rows {
                r.bold.iter_mut().for_each(|x| *x = false);
            }
        }
        Table {
            id: spec.id.clone().unwrap_or_default(),
            number: spec
                .number
                .unwrap_or_else(|| u32::try_from(position + 1).unwrap_or(u32::MAX)),
            title: spec.printed_title(b),
            department: b.department().name.clone(),
            unit: format.unit,
            info: Vec::new(),
            header: header_text(spec.header.get_ref(), b.department().year),
            rows,
            note: spec.printed_note(b, empty),
            thousands: format.thousands,
        }
    }
}

/// A numbered table's number: the one its spec gives, else its 1-based position.
fn number_at(spec: &TableSpec, position: usize) -> u32 {
    spec.number
        .unwrap_or_else(|| u32::try_from(position + 1).unwrap_or(u32::MAX))
}

/// Header cells as printed: `{year}` is the budget's year, `{prior_year}` the year before
/// (`2026年预算数`, `2025年执行数`).
fn header_text(header: &[Vec<String>], year: u16) -> Vec<Vec<String>> {
    let prior = year.saturating_sub(1).to_string();
    let year = year.to_string();
    header
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| c.replace("{prior_year}", &prior).replace("{year}", &year))
                .collect()
        })
        .collect()
}
