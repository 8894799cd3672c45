//! Checks a template read from TOML beyond its shape: ids, widths, placeholders.

use std::collections::HashSet;

use toml::Spanned;

use super::build::code_width;
use super::narrative::known;
use super::template::{
    BlockSpec, Body, BodyKind, CodeStyle, Column, Filter, NarrativeSpec, ParagraphSpec,
    PriorFigure, RowSpec, TableSpec, Template, TemplateError, TemplateErrorKind,
};
use super::text::Text;

/// The scope of a comparison phrase: `{amount}` and `{rate}`.
const CHANGE: &str = "<change>";

pub(crate) struct Check<'a> {
    file: &'a str,
    text: &'a str,
    /// The placeholders the template defines itself (its sums and their comparisons).
    defined: Vec<String>,
}

impl Check<'_> {
    pub(crate) fn err(
        &self,
        offset: Option<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> TemplateError {
        TemplateError::at(
            TemplateErrorKind::Invalid,
            self.file,
            self.text,
            offset,
            Some(field.to_string()),
            message,
        )
    }

    /// `total_of` entries must name an id of `ids`.
    fn refs(
        &self,
        of: &[Spanned<String>],
        ids: &HashSet<&str>,
        field: &str,
    ) -> Result<(), TemplateError> {
        for id in of {
            if !ids.contains(id.get_ref().as_str()) {
                return Err(self.err(
                    Some(id.span().start),
                    field,
                    format!(
                        "`{}` names no {}",
                        id.get_ref(),
                        if field == "of" {
                            "row"
                        } else {
                            "column or row"
                        }
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A narrative text: well-formed, every placeholder known.
    fn words(
        &self,
        t: &Spanned<String>,
        field: &str,
        lists: &[String],
    ) -> Result<(), TemplateError> {
        let parsed =
            Text::try_parse(t.get_ref()).map_err(|m| self.err(Some(t.span().start), field, m))?;
        for (name, inner) in parsed.names() {
            if lists.iter().any(|l| l == CHANGE) && matches!(name.as_str(), "amount" | "rate") {
                continue;
            }
            let mut scope = lists.to_vec();
            scope.extend(inner);
            if !self.known(&name, &scope) {
                return Err(self.err(
                    Some(t.span().start),
                    field,
                    format!("unknown placeholder `{}`", name.trim_start_matches("<<")),
                ));
            }
        }
        Ok(())
    }

    /// Whether a placeholder is built in or defined by the template.
    fn known(&self, name: &str, lists: &[String]) -> bool {
        known(name, lists)
            || self.defined.iter().any(|d| d == name)
            || name.rsplit_once('.').is_some_and(|(base, part)| {
                matches!(part, "prior" | "current" | "amount" | "rate" | "direction")
                    && self.defined.iter().any(|d| d == base)
            })
    }

    fn condition(&self, c: &Spanned<String>, lists: &[String]) -> Result<(), TemplateError> {
        let name = c.get_ref().trim().trim_start_matches('!').trim();
        if self.known(name, lists) {
            Ok(())
        } else {
            Err(self.err(
                Some(c.span().start),
                "when",
                format!("unknown condition `{name}`"),
            ))
        }
    }
}

pub(crate) fn validate(t: &Template, file: &str, text: &str) -> Result<(), TemplateError> {
    let defined = t
        .narrative
        .iter()
        .flat_map(|n| n.sums.keys())
        .flat_map(|k| [k.clone(), format!("{k}_share"), format!("{k}_change")])
        .collect();
    let c = Check {
        file,
        text,
        defined,
    };
    for table in &t.tables {
        table_ok(&c, table)?;
    }
    for table in &t.target_tables {
        target_table_ok(&c, table)?;
    }
    if let Some(n) = &t.narrative {
        if !n.change.contains_key("default") {
            return Err(c.err(
                None,
                "narrative.change",
                "a `default` comparison style is required",
            ));
        }
        for w in n.change.values() {
            for phrase in [&w.increase, &w.decrease, &w.flat]
                .into_iter()
                .chain(w.from_zero.as_ref())
            {
                c.words(phrase, "narrative.change", &[CHANGE.to_string()])?;
            }
        }
        labels_ok(&c, &n.labels)?;
        sums_ok(&c, n)?;
        for s in &n.sections {
            c.words(&s.title, "title", &[])?;
            if let Some(w) = &s.when {
                c.condition(w, &[])?;
            }
            paragraphs_ok(&c, &s.paragraphs, &mut Vec::new())?;
        }
    }
    Ok(())
}

fn paragraphs_ok(
    c: &Check<'_>,
    ps: &[ParagraphSpec],
    lists: &mut Vec<String>,
) -> Result<(), TemplateError> {
    for p in ps {
        let pushed = if let Some(each) = &p.each {
            if !known(&format!("<<{}", each.get_ref()), lists) {
                return Err(c.err(
                    Some(each.span().start),
                    "each",
                    format!("unknown list `{}`", each.get_ref()),
                ));
            }
            lists.push(each.get_ref().clone());
            true
        } else {
            false
        };
        if let Some(w) = &p.when {
            c.condition(w, lists)?;
        }
        if let Some(t) = &p.text {
            c.words(t, "text", lists)?;
        }
        paragraphs_ok(c, &p.paragraphs, lists)?;
        if pushed {
            lists.pop();
        }
    }
    Ok(())
}

/// The columns a body prints before its money columns.
fn label_width(body: &Body) -> usize {
    let codes = |levels: usize| code_width(body.codes, levels);
    match body.kind {
        BodyKind::FunctionalTree => codes(3) + 1,
        BodyKind::EconomicTree => codes(2) + 1,
        BodyKind::EconomicPairs => 2 * (codes(2) + 1),
        BodyKind::ProjectList => codes(3) + 2,
        BodyKind::TwoSided => 3,
        BodyKind::Matrix => usize::from(body.label_column),
        BodyKind::PerProject => 1 + usize::from(body.unit_column),
        BodyKind::PerCarryOver | BodyKind::PerUnit => 1,
        BodyKind::Procurement => 1 + usize::from(body.codes != CodeStyle::Omitted),
        BodyKind::DetailRows => super::build::detail_label_width(body),
        BodyKind::DepartmentTargets | BodyKind::ProjectTargets => 0,
    }
}

fn table_ok(c: &Check<'_>, table: &TableSpec) -> Result<(), TemplateError> {
    let body = &table.body;
    let columns: HashSet<&str> = body
        .columns
        .iter()
        .filter_map(|c| c.id.as_deref())
        .collect();
    let compared: HashSet<&str> = body
        .columns
        .iter()
        .filter(|c| c.change_of.is_some() || c.rate_of.is_some())
        .filter_map(|c| c.id.as_deref())
        .collect();
    for col in &body.columns {
        column_ok(c, col, &columns)?;
        compared_ok(c, col, &columns, &compared)?;
    }
    let rows: HashSet<&str> = body.rows.iter().filter_map(|r| r.id.as_deref()).collect();
    for r in &body.rows {
        row_ok(c, r, &rows)?;
    }
    procurement_ok(c, table)?;
    if body.kind == BodyKind::TwoSided {
        blocks_ok(c, body)?;
    } else {
        if !body.blocks.is_empty() {
            return Err(c.err(
                None,
                "block",
                format!("「{}」: only a two_sided table has blocks", table.title),
            ));
        }
        if let Some(total) = &body.total {
            c.refs(&total.of, &rows, "of")?;
        }
    }
    let targets = matches!(
        body.kind,
        BodyKind::DepartmentTargets | BodyKind::ProjectTargets
    );
    if targets {
        super::targets::validate::layout_ok(c, table)?;
    }
    let width = label_width(body) + body.columns.len();
    if !targets {
        if let Some(bad) = table.header.get_ref().iter().find(|r| r.len() != width) {
            return Err(c.err(
                Some(table.header.span().start),
                "header",
                format!(
                    "「{}」: a header row has {} cells, the body prints {width} columns",
                    table.title,
                    bad.len()
                ),
            ));
        }
    }
    for (note, field) in [(&table.empty_note, "empty_note"), (&table.note, "note")] {
        if let Some(note) = note {
            placeholders_ok(c, note.get_ref(), Some(note.span().start), field, true)?;
        }
    }
    super::build::listed_ok(body).map_err(|(at, m)| c.err(at, "listed", m))?;
    if body.kind == BodyKind::ProjectTargets && !body.one_table {
        project_title_ok(c, &table.title)
    } else {
        placeholders_ok(c, &table.title, None, "title", false)
    }
}

/// A project target table's title (one table per project) names only `{name}`, `{year}` and
/// `{project}` (the project's name as the target prints it).
fn project_title_ok(c: &Check<'_>, text: &str) -> Result<(), TemplateError> {
    let parsed = Text::try_parse(text).map_err(|m| c.err(None, "title", m))?;
    match parsed
        .names()
        .into_iter()
        .find(|(n, _)| !matches!(n.as_str(), "name" | "year" | "project"))
    {
        Some((n, _)) => Err(c.err(
            None,
            "title",
            format!(
                "unknown placeholder `{n}`; a project target table's title names {{name}}, {{year}} or {{project}}"
            ),
        )),
        None => Ok(()),
    }
}

/// A table's title or note names only `{name}`, `{year}` (and, in a note, `{title}`).
fn placeholders_ok(
    c: &Check<'_>,
    text: &str,
    offset: Option<usize>,
    field: &str,
    title: bool,
) -> Result<(), TemplateError> {
    let parsed = Text::try_parse(text).map_err(|m| c.err(offset, field, m))?;
    let allowed = |n: &str| matches!(n, "name" | "year") || (title && n == "title");
    if let Some((n, _)) = parsed.names().into_iter().find(|(n, _)| !allowed(n)) {
        let expected = if title {
            "{name}, {year} or {title}"
        } else {
            "{name} or {year}"
        };
        return Err(c.err(
            offset,
            field,
            format!("unknown placeholder `{n}`; use {expected}"),
        ));
    }
    Ok(())
}

fn column_ok(c: &Check<'_>, col: &Column, ids: &HashSet<&str>) -> Result<(), TemplateError> {
    // `lines` with `prior` names the sources of a prior-year income (checked below)
    let given = usize::from(col.lines.is_some() && col.prior.is_none())
        + usize::from(col.total_of.is_some())
        + usize::from(col.blank)
        + usize::from(col.detail.is_some())
        + usize::from(col.prior.is_some())
        + usize::from(col.change_of.is_some())
        + usize::from(col.rate_of.is_some());
    if given > 1 {
        let at = [&col.total_of, &col.change_of, &col.rate_of]
            .into_iter()
            .find_map(|o| o.as_ref().and_then(|o| o.first()))
            .map(|s| s.span().start);
        return Err(c.err(
            at,
            "columns",
            "a column gives more than one of `lines`, `total_of`, `blank`, `detail`, `prior`, \
             `change_of` and `rate_of`",
        ));
    }
    if let Some(of) = &col.total_of {
        c.refs(of, ids, "total_of")?;
        if let Some(me) = &col.id {
            if let Some(s) = of.iter().find(|s| s.get_ref() == me) {
                return Err(c.err(
                    Some(s.span().start),
                    "total_of",
                    format!("column `{me}` totals itself"),
                ));
            }
        }
    }
    Ok(())
}

/// `change_of` / `rate_of` name two money columns; `total_of` adds no change or rate; `lines`
/// beside `prior` only for `income`, and only funding conditions.
fn compared_ok(
    c: &Check<'_>,
    col: &Column,
    ids: &HashSet<&str>,
    compared: &HashSet<&str>,
) -> Result<(), TemplateError> {
    for (field, of) in [("change_of", &col.change_of), ("rate_of", &col.rate_of)] {
        let Some(of) = of else { continue };
        c.refs(of, ids, field)?;
        if of.len() != 2 {
            let at = of.first().map(|s| s.span().start);
            return Err(c.err(
                at,
                field,
                format!("names {} columns; give two: [current, prior]", of.len()),
            ));
        }
        if let Some(s) = of.iter().find(|s| compared.contains(s.get_ref().as_str())) {
            return Err(c.err(
                Some(s.span().start),
                field,
                format!("`{}` is itself a change or rate", s.get_ref()),
            ));
        }
    }
    if let Some(s) = col
        .total_of
        .iter()
        .flatten()
        .find(|s| compared.contains(s.get_ref().as_str()))
    {
        return Err(c.err(
            Some(s.span().start),
            "total_of",
            format!(
                "`{}` is a change or rate and cannot be added up",
                s.get_ref()
            ),
        ));
    }
    if let (Some(figure), Some(f)) = (&col.prior, &col.lines) {
        let (at, figure) = (figure.span().start, *figure.get_ref());
        let funding_only = f.spending.is_none()
            && f.economic.is_none()
            && f.functional.is_none()
            && f.organ.is_none();
        if figure != PriorFigure::Income || !funding_only {
            return Err(c.err(
                Some(at),
                "prior",
                format!(
                    "a `prior = \"{}\"` column takes no `lines`; only `income` does, with \
                     funding conditions (source, group, fund, fiscal, carry_over)",
                    serde_plain_name(figure)
                ),
            ));
        }
    }
    Ok(())
}

/// The serde name of a prior-year figure.
fn serde_plain_name(figure: PriorFigure) -> String {
    toml::Value::try_from(figure)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn row_ok(c: &Check<'_>, r: &RowSpec, ids: &HashSet<&str>) -> Result<(), TemplateError> {
    if let Some(of) = &r.total_of {
        c.refs(of, ids, "total_of")?;
        if r.lines.is_some() {
            let at = of.first().map(|s| s.span().start);
            return Err(c.err(
                at,
                "rows",
                format!("row 「{}」 gives both `lines` and `total_of`", r.label),
            ));
        }
    }
    Ok(())
}

/// A two-sided table: its rows are in blocks, and every id a row or the total names is a row
/// of its side (in any block).
fn blocks_ok(c: &Check<'_>, body: &Body) -> Result<(), TemplateError> {
    if !body.rows.is_empty() || body.blocks.is_empty() {
        return Err(c.err(
            None,
            "block",
            "a two_sided table lists its rows in [[table.body.block]] (`left` and `right`), not in `rows`",
        ));
    }
    let ids = |side: fn(&BlockSpec) -> &Vec<RowSpec>| -> HashSet<&str> {
        body.blocks
            .iter()
            .flat_map(side)
            .filter_map(|r| r.id.as_deref())
            .collect()
    };
    let left = ids(|b| &b.left);
    let right = ids(|b| &b.right);
    for b in &body.blocks {
        for r in &b.left {
            row_ok(c, r, &left)?;
        }
        for r in &b.right {
            row_ok(c, r, &right)?;
            if r.classes.is_some() {
                class_label_ok(c, &r.label)?;
            }
            if r.classes.is_some() && (r.lines.is_some() || r.total_of.is_some()) {
                return Err(c.err(
                    r.total_of.as_ref().and_then(|o| o.first()).map(|s| s.span().start),
                    "classes",
                    format!(
                        "right row 「{}」 stands for the 类 (`classes`) and gives `lines` or `total_of` too",
                        r.label
                    ),
                ));
            }
        }
    }
    if let Some(total) = &body.total {
        c.refs(&total.of, &left, "of")?;
        c.refs(&total.right_of, &right, "right_of")?;
    }
    Ok(())
}

/// A procurement table's `lines` columns take the category's amount: they give no condition.
fn procurement_ok(c: &Check<'_>, table: &TableSpec) -> Result<(), TemplateError> {
    if table.body.kind != BodyKind::Procurement {
        return Ok(());
    }
    let conditioned = table
        .body
        .columns
        .iter()
        .any(|col| col.lines.as_ref().is_some_and(|f| *f != Filter::default()));
    if conditioned {
        return Err(c.err(
            Some(table.header.span().start),
            "lines",
            format!(
                "「{}」: a procurement column adds up a category's amount (`lines = {{}}`); the \
                 budget's procurement has no split by funding or line",
                table.title
            ),
        ));
    }
    Ok(())
}

/// A classes row's label words each 类 with `{code}`, `{name}`, `{n}` and `{cn}` only.
fn class_label_ok(c: &Check<'_>, label: &str) -> Result<(), TemplateError> {
    let at = c.text.find(label).filter(|_| !label.is_empty());
    let parsed = Text::try_parse(label).map_err(|m| c.err(at, "label", m))?;
    let unknown = parsed
        .names()
        .into_iter()
        .find(|(n, _)| !matches!(n.as_str(), "code" | "name" | "n" | "cn"));
    match unknown {
        Some((n, _)) => Err(c.err(
            at,
            "label",
            format!(
                "unknown placeholder `{n}` in a classes row's label; use {{code}}, {{name}}, {{n}} or {{cn}}"
            ),
        )),
        None => Ok(()),
    }
}

/// Sums: `share_of` names a sum; a sum compared with the prior year's income asks only about
/// funding (prior-year income is known by source only).
fn sums_ok(c: &Check<'_>, n: &NarrativeSpec) -> Result<(), TemplateError> {
    for (name, sum) in &n.sums {
        if let Some(of) = &sum.share_of {
            if !n.sums.contains_key(of.get_ref()) {
                return Err(c.err(
                    Some(of.span().start),
                    "share_of",
                    format!("`{}` names no sum", of.get_ref()),
                ));
            }
        }
        if sum.prior == Some(PriorFigure::Income) && !sum.lines.is_about_funding() {
            let at = c.text.find(&format!("\n{name} =")).map(|i| i + 1);
            return Err(c.err(
                at,
                "prior",
                format!(
                    "sum `{name}` compares with the prior year's income, known by funding source \
                     only: its lines may name only source, group, fund, fiscal or carry_over"
                ),
            ));
        }
    }
    Ok(())
}

/// Every key of a label set names a funding source or a fund group (a misspelt key would
/// otherwise never print).
fn labels_ok(
    c: &Check<'_>,
    sets: &std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
) -> Result<(), TemplateError> {
    let known: HashSet<&str> = super::narrative::label_keys().collect();
    for (set, labels) in sets {
        if let Some(key) = labels.keys().find(|k| !known.contains(k.as_str())) {
            // the key's line, when the set is written as a `[narrative.labels.SET]` table
            let offset = c
                .text
                .find(&format!("[narrative.labels.{set}]"))
                .and_then(|at| {
                    let rest = c.text.get(at..)?;
                    rest.find(&format!("\n{key}")).map(|k| at + k + 1)
                });
            return Err(c.err(
                offset,
                key,
                format!(
                    "label set `{set}` names `{key}`, neither a funding source nor a fund group"
                ),
            ));
        }
    }
    Ok(())
}

/// A `[[target_table]]`: a 绩效目标表 body, checked like any table.
fn target_table_ok(c: &Check<'_>, table: &TableSpec) -> Result<(), TemplateError> {
    if !table.body.kind.is_targets() {
        return Err(c.err(
            Some(table.header.span().start),
            "kind",
            format!(
                "「{}」: a target_table's body.kind is department_targets or project_targets",
                table.title
            ),
        ));
    }
    table_ok(c, table)
}
