//! Checks a template read from TOML beyond its shape: ids, widths, placeholders.

use std::collections::HashSet;

use toml::Spanned;

use super::build::CLASSES;
use super::narrative::known;
use super::template::{
    Body, BodyKind, CodeStyle, Column, Filter, NarrativeSpec, ParagraphSpec, RowSpec, TableSpec,
    Template, TemplateError, TemplateErrorKind,
};
use super::text::Text;

/// The scope of a comparison phrase: `{amount}` and `{rate}`.
const CHANGE: &str = "<change>";

struct Check<'a> {
    file: &'a str,
    text: &'a str,
    /// The narrative's own sums, by name.
    sums: HashSet<&'a str>,
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
            if !known(&name, &scope) && !self.sum_named(&name) {
                return Err(self.err(
                    Some(t.span().start),
                    field,
                    format!("unknown placeholder `{}`", name.trim_start_matches("<<")),
                ));
            }
        }
        Ok(())
    }

    /// Whether a placeholder is one of a sum's: `x`, `x_share`, `x_change` (and the parts of
    /// the comparison, `x_change.amount` …).
    fn sum_named(&self, name: &str) -> bool {
        let change = match name.rsplit_once('.') {
            Some((b, "prior" | "current" | "amount" | "rate" | "direction")) => {
                return b
                    .strip_suffix("_change")
                    .is_some_and(|s| self.sums.contains(s));
            }
            _ => name.strip_suffix("_change"),
        };
        let sum = change
            .or_else(|| name.strip_suffix("_share"))
            .unwrap_or(name);
        self.sums.contains(sum)
    }

    fn condition(&self, c: &Spanned<String>, lists: &[String]) -> Result<(), TemplateError> {
        let name = c.get_ref().trim().trim_start_matches('!').trim();
        if known(name, lists) || self.sum_named(name) {
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
    let sums = t
        .narrative
        .iter()
        .flat_map(|n| n.sums.keys().map(String::as_str))
        .collect();
    let c = Check { file, text, sums };
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
            for phrase in [&w.increase, &w.decrease, &w.flat]
                .into_iter()
                .chain(w.from_zero.as_ref())
            {
                c.words(phrase, "narrative.change", &[CHANGE.to_string()])?;
            }
        }
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

/// Sums: no name shadows a placeholder, `share_of` names a sum.
fn sums_ok(c: &Check<'_>, n: &NarrativeSpec) -> Result<(), TemplateError> {
    for (name, sum) in &n.sums {
        let taken = [
            name.clone(),
            format!("{name}_share"),
            format!("{name}_change"),
        ]
        .iter()
        .any(|x| known(x, &[]));
        if taken {
            let at = c.text.find(&format!("\n{name} =")).map(|i| i + 1);
            return Err(c.err(
                at,
                "narrative.sums",
                format!("sum `{name}` shadows a placeholder of the same name"),
            ));
        }
        if let Some(of) = &sum.share_of {
            if !n.sums.contains_key(of.get_ref()) {
                return Err(c.err(
                    Some(of.span().start),
                    "share_of",
                    format!("`{}` names no sum", of.get_ref()),
                ));
            }
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
        BodyKind::PerProject | BodyKind::PerCarryOver | BodyKind::Procurement => 1,
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
    for col in &body.columns {
        column_ok(c, col, &columns)?;
    }
    let rows: HashSet<&str> = body
        .rows
        .iter()
        .chain(body.footer.iter().map(|f| &f.left))
        .filter_map(|r| r.id.as_deref())
        .collect();
    for r in body.rows.iter().chain(body.footer.iter().map(|f| &f.left)) {
        row_ok(c, r, &rows)?;
    }
    if let Some(total) = &body.total {
        c.refs(&total.of, &rows, "of")?;
    }
    two_sided_ok(c, body)?;
    procurement_ok(c, table)?;
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

/// A two-sided table's right rows: `total_of` names right rows or `classes`; the 类 label
/// uses only its four placeholders.
fn two_sided_ok(c: &Check<'_>, body: &Body) -> Result<(), TemplateError> {
    let right: Vec<&RowSpec> = body
        .right_head
        .iter()
        .chain(&body.right_tail)
        .chain(body.footer.iter().map(|f| &f.right))
        .collect();
    let mut ids: HashSet<&str> = right.iter().filter_map(|r| r.id.as_deref()).collect();
    ids.insert(CLASSES);
    for r in &right {
        row_ok(c, r, &ids)?;
    }
    if let Some(total) = &body.total {
        c.refs(&total.right_of, &ids, "right_of")?;
    }
    if let Some(label) = &body.class_label {
        let parsed = Text::try_parse(label.get_ref())
            .map_err(|m| c.err(Some(label.span().start), "class_label", m))?;
        if let Some((n, _)) = parsed
            .names()
            .into_iter()
            .find(|(n, _)| !matches!(n.as_str(), "code" | "name" | "n" | "cn"))
        {
            return Err(c.err(
                Some(label.span().start),
                "class_label",
                format!("unknown placeholder `{n}`; use {{code}}, {{name}}, {{n}} or {{cn}}"),
            ));
        }
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

fn column_ok(c: &Check<'_>, col: &Column, ids: &HashSet<&str>) -> Result<(), TemplateError> {
    let given = usize::from(col.lines.is_some())
        + usize::from(col.total_of.is_some())
        + usize::from(col.blank);
    if given > 1 {
        let at = col
            .total_of
            .as_ref()
            .and_then(|o| o.first())
            .map(|s| s.span().start);
        return Err(c.err(
            at,
            "columns",
            "a column gives more than one of `lines`, `total_of` and `blank`",
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
