//! Checks a template read from TOML beyond its shape: ids, widths, placeholders.

use std::collections::HashSet;

use toml::Spanned;

use super::narrative::known;
use super::template::{
    Body, BodyKind, CodeStyle, Column, ParagraphSpec, PriorFigure, RowSpec, TableSpec, Template,
    TemplateError, TemplateErrorKind,
};
use super::text::Text;

/// The scope of a comparison phrase: `{amount}` and `{rate}`.
const CHANGE: &str = "<change>";

struct Check<'a> {
    file: &'a str,
    text: &'a str,
}

impl Check<'_> {
    fn err(&self, offset: Option<usize>, field: &str, message: impl Into<String>) -> TemplateError {
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
            if !known(&name, &scope) {
                return Err(self.err(
                    Some(t.span().start),
                    field,
                    format!("unknown placeholder `{}`", name.trim_start_matches("<<")),
                ));
            }
        }
        Ok(())
    }

    fn condition(&self, c: &Spanned<String>, lists: &[String]) -> Result<(), TemplateError> {
        let name = c.get_ref().trim().trim_start_matches('!').trim();
        if known(name, lists) {
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
    let c = Check { file, text };
    for table in &t.tables {
        table_ok(&c, table)?;
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
            for phrase in [&w.increase, &w.decrease, &w.flat] {
                c.words(phrase, "narrative.change", &[CHANGE.to_string()])?;
            }
        }
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
    let codes = |levels: usize| match body.codes {
        CodeStyle::Split => levels,
        CodeStyle::Whole => 1,
    };
    match body.kind {
        BodyKind::FunctionalTree => codes(3) + 1,
        BodyKind::EconomicTree => codes(2) + 1,
        BodyKind::ProjectList => codes(3) + 2,
        BodyKind::TwoSided => 3,
        BodyKind::Matrix => usize::from(body.label_column),
        BodyKind::PerProject | BodyKind::PerCarryOver => 1,
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
    if let Some(total) = &body.total {
        c.refs(&total.of, &rows, "of")?;
    }
    let targets = matches!(
        body.kind,
        BodyKind::DepartmentTargets | BodyKind::ProjectTargets
    );
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
    if let Some(note) = &table.empty_note {
        let parsed = Text::try_parse(note.get_ref())
            .map_err(|m| c.err(Some(note.span().start), "empty_note", m))?;
        if let Some((n, _)) = parsed
            .names()
            .into_iter()
            .find(|(n, _)| !matches!(n.as_str(), "name" | "year" | "title"))
        {
            return Err(c.err(
                Some(note.span().start),
                "empty_note",
                format!("unknown placeholder `{n}`; use {{name}}, {{year}} or {{title}}"),
            ));
        }
    }
    Ok(())
}

fn column_ok(c: &Check<'_>, col: &Column, ids: &HashSet<&str>) -> Result<(), TemplateError> {
    // `lines` with `prior` names the sources of a prior-year income (checked below)
    let given = usize::from(col.lines.is_some() && col.prior.is_none())
        + usize::from(col.total_of.is_some())
        + usize::from(col.blank)
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
            "a column gives more than one of `lines`, `total_of`, `blank`, `prior`, \
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
