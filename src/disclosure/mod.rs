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
//! title = "部门支出总体情况表"
//! # number = 3                        # defaults to the table's position
//! # unit / decimals / thousands / blank_zero override [format] for this table
//! header = [                          # rows as printed; "" = a cell a merged cell covers
//!   ["科目", "", "", "支出预算", "", "", ""],
//!   ["科目代码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
//!   ["类", "款", "项", "", "", "", ""],
//! ]
//! empty_note = "{name} {year} 年没有安排的支出，{title}为空表。"   # printed when all amounts are 0
//! [table.body]
//! kind = "functional_tree"            # the row structure, see below
//! codes = "split"                     # 类 | 款 | 项 columns, or "whole" (2060702)
//! lines = {}                          # which budget lines the table covers (a filter)
//! bold_subtotals = true               # 类 and 款 rows bold
//! total = { label = "总计", at = "name", bold = true }   # at = "name" or "first"
//! columns = [                         # the money columns, by meaning, never by position
//!   { id = "total", total_of = ["basic", "project"] },
//!   { id = "basic", lines = { spending = ["basic"] } },
//!   { id = "project", lines = { spending = ["project"] } },
//! ]
//! ```
//!
//! **Row structures** (`body.kind`): `functional_tree` (类/款/项 rows of the kept lines, then the
//! total), `economic_tree` (economic 类/款), `project_list` (a department row, then 类/款/项 with
//! a row per project), `two_sided` (the 收支总表 layout: `rows` on the left — each a label with
//! `lines` or `total_of` other rows' ids, `bold`, `only_if_nonzero` — and the 类 on the right
//! with `columns`; `classes = "all"` lists every 类 of the catalogue as `206 科学技术支出`,
//! `"with_money_numbered"` the 类 with money as `一、科学技术支出`; `total` gives `label`,
//! `right_label` and `of`, the left rows it adds up), `matrix` (fixed `rows` by `columns`, e.g.
//! the "三公" table; `label_column = false` for a table without one), `per_project` (a
//! department row when `department_row`, a row per project with money and `basic_label` for
//! 基本支出, the total), `per_carry_over` (a row per carry-over item), `department_targets`
//! and `project_targets` (the 绩效目标表, reserved).
//!
//! **Money columns** are one of `{ lines = FILTER }` (the lines the column adds up),
//! `{ total_of = [ids] }` (other columns of the same row), `{ blank = true }`, or one of the
//! year-on-year columns below. A **filter**
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
//! [narrative.change.default]           # the comparison phrase; more styles may be named
//! increase = "比上年预算增加 {amount} 万元，增长 {rate}%"
//! decrease = "比上年预算减少 {amount} 万元，下降 {rate}%"
//! flat = "与上年预算持平"
//! rate_from_zero = "100.00"            # {rate} when the prior figure is 0
//! [narrative.source_labels]
//! general_budget_own = "一般公共预算"
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
//! empty or a comparison present; `!name` is its opposite. Every placeholder is checked when
//! the template is read.
//!
//! **Adding a family** is adding a file under `src/disclosure/templates/` (and its line in
//! `BUILTIN` in `template.rs`), or shipping the file and loading it with
//! [`Template::from_path`].

mod build;
pub mod narrative;
mod prior;
pub mod render;
mod table;
mod template;
mod text;
mod validate;

pub use narrative::Section;
pub use table::{Cell, Rounding, Row, Table};
pub use template::{
    Body, BodyKind, ChangeWording, ClassList, CodeStyle, Column, Filter, Format, LabelAt,
    NarrativeSpec, ParagraphSpec, PriorFigure, RowSpec, SectionSpec, Spending, TableSpec, Template,
    TemplateError, TemplateErrorKind, TotalSpec,
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
    pub fn new(budget: &'a DepartmentBudget, template: Template) -> Disclosure<'a> {
        Disclosure { budget, template }
    }

    /// The template.
    pub fn template(&self) -> &Template {
        &self.template
    }

    /// The narrative (情况说明); empty when the template has none.
    pub fn narrative(&self) -> Vec<Section> {
        let catalogue = self.budget.catalogue();
        self.template
            .narrative
            .as_ref()
            .map(|spec| narrative::narrative(self.budget, catalogue, spec))
            .unwrap_or_default()
    }

    /// Every table of the template, in order.
    pub fn tables(&self, rounding: Rounding) -> Vec<Table> {
        self.template
            .tables
            .iter()
            .enumerate()
            .map(|(i, spec)| self.table(spec, i, rounding))
            .collect()
    }

    /// One table; `position` is its 0-based place in the template (its number by default).
    pub fn table(&self, spec: &TableSpec, position: usize, rounding: Rounding) -> Table {
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
        let note = spec.empty_note.as_ref().filter(|_| empty).map(|n| {
            n.get_ref()
                .replace("{name}", &b.department().name)
                .replace("{year}", &b.department().year.to_string())
                .replace("{title}", &spec.title)
        });
        // Empty tables print only their total row, without amounts (and in plain type).
        if note.is_some() {
            for r in &mut rows {
                r.bold.iter_mut().for_each(|x| *x = false);
            }
        }
        Table {
            id: spec.id.clone().unwrap_or_default(),
            number: spec
                .number
                .unwrap_or_else(|| u32::try_from(position + 1).unwrap_or(u32::MAX)),
            title: spec.title.clone(),
            department: b.department().name.clone(),
            unit: format.unit,
            header: header_text(spec.header.get_ref(), b.department().year),
            rows,
            note,
            thousands: format.thousands,
        }
    }
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
