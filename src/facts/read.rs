//! 读取明细事实: records (from CSV, or any source of rows of strings) into a validated budget.

use std::collections::HashMap;
use std::sync::Arc;

use strum::{EnumCount, IntoEnumIterator};

use crate::amount::Amount;
use crate::budget::{
    self, BasicKind, BudgetUnit, CarryOverId, Department, DepartmentBudget,
    DepartmentBudgetBuilder, Line, Project, ProjectId, SpendingKind, UnitId, UnitKind,
};
use crate::classification::{
    BUILTIN_EDITION, Catalogue, Code, EconomicCode, FunctionalCode, GovEconomicCode,
};
use crate::funding::{FundType, FundingGroup, FundingSource};

use super::columns::{Column, Role};
use super::error::{HeaderProblem, Located, Location, ReadError, Reason, RowError};
use super::side::Side;

/// 明细事实读取器: reads flat facts into a [`DepartmentBudget`], through the builder.
///
/// Give it the side file (what lines cannot carry) and the catalogue editions the facts may
/// name, then read CSV ([`read_csv`](Self::read_csv)) or any source of records
/// ([`read_records`](Self::read_records)).
///
/// The catalogue edition is the one the side file names (a supplied edition of that label, or
/// the built-in edition for `"2026"`); without a side file or a name, the first supplied
/// edition, else the built-in one.
#[derive(Debug, Clone, Default)]
pub struct Reader {
    side: Option<Side>,
    editions: Vec<Arc<Catalogue>>,
}

impl Reader {
    /// A reader without side file, checking codes against the built-in edition.
    pub fn new() -> Reader {
        Reader::default()
    }

    /// Reads with this side file: its department, units, projects, carry-over items, control
    /// figures and the rest; the rows' `year`, `department` and `unit_kind` are checked against
    /// it.
    pub fn side(mut self, side: Side) -> Reader {
        self.side = Some(side);
        self
    }

    /// Catalogue editions the facts may name (matched by [`Catalogue::edition`]).
    pub fn editions<I: IntoIterator<Item = Arc<Catalogue>>>(mut self, editions: I) -> Reader {
        self.editions.extend(editions);
        self
    }

    /// Reads CSV facts (RFC 4180; a UTF-8 byte-order mark is skipped): a header naming columns
    /// of [`Column`], then one record per leaf line. Every record is read and every rejected
    /// cell reported with its line, column, value and reason; then the budget is built.
    ///
    /// # Errors
    /// [`ReadError`]: I/O, the side file's edition, the header, every rejected cell, or every
    /// budget rule the lines break.
    pub fn read_csv<R: std::io::Read>(self, input: R) -> Result<DepartmentBudget, ReadError> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut record = csv::ByteRecord::new();
        if !csv.read_byte_record(&mut record).map_err(io_error)? {
            return self.read_records::<&str, Vec<&str>, &str, _>(&[], core::iter::empty());
        }
        let header: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let h = if i == 0 {
                    h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h)
                } else {
                    h
                };
                String::from_utf8_lossy(h).into_owned()
            })
            .collect();
        let mut assembly = self.assemble(&header)?;
        while csv.read_byte_record(&mut record).map_err(io_error)? {
            let location = Location::Line(record.position().map_or(0, csv::Position::line));
            // One UTF-8 check for the whole record, then its cells as `&str`.
            record = match csv::StringRecord::from_byte_record(record) {
                Ok(text) => {
                    let cells: Vec<&str> = text.iter().collect();
                    assembly.row(location, &cells);
                    drop(cells);
                    text.into_byte_record()
                }
                Err(e) => {
                    assembly.reject_record(location, Reason::NotUtf8);
                    e.into_byte_record()
                }
            };
        }
        assembly.finish()
    }

    /// Reads facts from any source of records: a header (column names of [`Column`]) and rows
    /// of cells with where each row came from (a file line, or a sheet and row). The CSV reader
    /// and a workbook reader feed this one function.
    ///
    /// ```
    /// use yusuan::facts::{Location, Reader};
    /// let header = ["year", "department", "unit_kind", "functional_item", "economic_section",
    ///               "kind", "source", "amount"];
    /// let rows = [
    ///     ["2026", "示例局", "行政单位", "2060101", "30101", "人员经费", "一般公共预算（本级）", "1000.00"],
    ///     ["2026", "示例局", "行政单位", "2060101", "30201", "公用经费", "一般公共预算（本级）", "200.50"],
    /// ];
    /// let records = rows.iter().enumerate().map(|(i, r)| (Location::Line(i as u64 + 2), r.to_vec()));
    /// let budget = Reader::new().read_records(&header, records)?;
    /// assert_eq!(budget.total().to_string(), "1200.50");
    /// # Ok::<(), yusuan::facts::ReadError>(())
    /// ```
    ///
    /// # Errors
    /// As [`read_csv`](Self::read_csv).
    pub fn read_records<H, R, S, I>(
        self,
        header: &[H],
        rows: I,
    ) -> Result<DepartmentBudget, ReadError>
    where
        H: AsRef<str>,
        R: AsRef<[S]>,
        S: AsRef<str>,
        I: IntoIterator<Item = (Location, R)>,
    {
        let mut assembly = self.assemble(header)?;
        for (location, cells) in rows {
            assembly.row(location, cells.as_ref());
        }
        assembly.finish()
    }

    fn assemble<H: AsRef<str>>(self, header: &[H]) -> Result<Assembly, ReadError> {
        let columns = header_columns(header)?;
        let catalogue = self.catalogue()?;
        let has_side = self.side.is_some();
        if !has_side {
            let missing: Vec<Column> = [Column::Year, Column::Department, Column::UnitKind]
                .into_iter()
                .filter(|c| columns.get(*c as usize).copied().flatten().is_none())
                .collect();
            if !missing.is_empty() {
                return Err(ReadError::NoDepartment { missing });
            }
        }
        Ok(Assembly::new(self.side, catalogue, columns, header.len()))
    }

    fn catalogue(&self) -> Result<Arc<Catalogue>, ReadError> {
        let named = self.side.as_ref().and_then(|s| s.catalogue.as_deref());
        match named {
            Some(name) => match self.editions.iter().find(|c| c.edition() == name) {
                Some(c) => Ok(Arc::clone(c)),
                None if name == BUILTIN_EDITION => Ok(Catalogue::builtin_shared()),
                None => Err(ReadError::Edition {
                    named: name.to_string(),
                }),
            },
            None => Ok(self
                .editions
                .first()
                .map_or_else(Catalogue::builtin_shared, Arc::clone)),
        }
    }
}

fn io_error(e: csv::Error) -> ReadError {
    ReadError::Io(std::io::Error::from(e))
}

/// Where each column is in the header (by [`Column`] as index), or every problem with it.
fn header_columns<H: AsRef<str>>(
    header: &[H],
) -> Result<[Option<usize>; Column::COUNT], ReadError> {
    let mut columns = [None; Column::COUNT];
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        match Column::from_header(name.as_ref().trim()) {
            Some(c) => match columns.get_mut(c as usize) {
                Some(slot @ None) => *slot = Some(i),
                _ => problems.push(HeaderProblem::Duplicate(c)),
            },
            None => problems.push(HeaderProblem::Unknown(name.as_ref().to_string())),
        }
    }
    for c in Column::iter().filter(|c| c.role() == Role::Required) {
        if columns.get(c as usize).copied().flatten().is_none() {
            problems.push(HeaderProblem::Missing(c));
        }
    }
    if problems.is_empty() {
        Ok(columns)
    } else {
        Err(ReadError::Header(problems))
    }
}

/// 支出类型 as a cell names it (the project comes from its own column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KindCell {
    Basic(BasicKind),
    Project,
}

/// Every spelling a cell may use for a vocabulary value: the Chinese name `Display` prints and
/// the ASCII key of the budget JSON.
#[derive(Debug)]
struct Vocab {
    unit_kinds: HashMap<String, UnitKind>,
    kinds: HashMap<String, KindCell>,
    sources: HashMap<String, FundingSource>,
    groups: HashMap<String, FundingGroup>,
    fund_types: HashMap<String, FundType>,
}

impl Vocab {
    fn new() -> Vocab {
        let unit_kinds = UnitKind::iter()
            .flat_map(|k| [(k.to_string(), k), (unit_kind_key(k).to_string(), k)])
            .collect();
        let kinds = [
            (
                "人员经费",
                "personnel",
                KindCell::Basic(BasicKind::Personnel),
            ),
            (
                "公用经费",
                "operating",
                KindCell::Basic(BasicKind::Operating),
            ),
            ("项目支出", "project", KindCell::Project),
        ]
        .into_iter()
        .flat_map(|(zh, key, k)| [(zh.to_string(), k), (key.to_string(), k)])
        .collect();
        let sources = FundingSource::iter()
            .flat_map(|s| [(s.name().to_string(), s), (s.key().to_string(), s)])
            .collect();
        let groups = FundingGroup::iter()
            .flat_map(|g| [(g.to_string(), g), (group_key(g).to_string(), g)])
            .collect();
        let fund_types = FundType::iter()
            .flat_map(|t| [(t.to_string(), t), (fund_type_key(t).to_string(), t)])
            .collect();
        Vocab {
            unit_kinds,
            kinds,
            sources,
            groups,
            fund_types,
        }
    }

    fn source(&self, cell: &str) -> Option<FundingSource> {
        self.sources
            .get(cell)
            .copied()
            .or_else(|| FundingSource::parse(cell).ok())
    }

    fn group(&self, cell: &str) -> Option<FundingGroup> {
        self.groups
            .get(cell)
            .copied()
            .or_else(|| FundingGroup::parse(cell).ok())
    }

    fn fund_type(&self, cell: &str) -> Option<FundType> {
        self.fund_types
            .get(cell)
            .copied()
            .or_else(|| FundType::parse(cell).ok())
    }
}

/// The serde name of a unit kind.
fn unit_kind_key(k: UnitKind) -> &'static str {
    match k {
        UnitKind::Administrative => "administrative",
        UnitKind::CivilServantManaged => "civil_servant_managed",
        UnitKind::PublicInstitution => "public_institution",
    }
}

/// The serde name of a funding group.
fn group_key(g: FundingGroup) -> &'static str {
    match g {
        FundingGroup::FiscalAppropriation => "fiscal_appropriation",
        FundingGroup::FiscalSpecialAccount => "fiscal_special_account",
        FundingGroup::UnitFunds => "unit_funds",
        FundingGroup::FiscalCarryOver => "fiscal_carry_over",
        FundingGroup::NonFiscalCarryOver => "non_fiscal_carry_over",
    }
}

/// The serde name of a fund type.
fn fund_type_key(t: FundType) -> &'static str {
    match t {
        FundType::GeneralPublicBudget => "general_public_budget",
        FundType::GovernmentFund => "government_fund",
        FundType::StateCapital => "state_capital",
    }
}

/// What the rows say about the department when there is no side file.
#[derive(Debug, Default)]
struct RowDepartment {
    name: Option<String>,
    year: Option<u16>,
    kind: Option<UnitKind>,
}

/// The budget being assembled from records: the builder, key maps, each line's record, and
/// every error so far.
#[derive(Debug)]
struct Assembly {
    catalogue: Arc<Catalogue>,
    columns: [Option<usize>; Column::COUNT],
    width: usize,
    vocab: Vocab,
    builder: DepartmentBudgetBuilder,
    /// `None` with a side file (its department is the builder's); else what rows said.
    from_rows: Option<RowDepartment>,
    units: HashMap<String, UnitId>,
    projects: HashMap<String, ProjectId>,
    carry_overs: HashMap<String, CarryOverId>,
    locations: Vec<Location>,
    errors: Vec<RowError>,
}

impl Assembly {
    fn new(
        side: Option<Side>,
        catalogue: Arc<Catalogue>,
        columns: [Option<usize>; Column::COUNT],
        width: usize,
    ) -> Assembly {
        let (builder, from_rows) = match side {
            Some(side) => (builder_of(side), None),
            None => (
                DepartmentBudgetBuilder::new(Department::new("", 0, UnitKind::Administrative)),
                Some(RowDepartment::default()),
            ),
        };
        let mut builder = builder;
        builder.catalogue(Arc::clone(&catalogue));
        let units = first_index(builder.units_mut().iter().map(|u| u.name.clone()), UnitId);
        let projects = first_index(
            builder.projects_mut().iter().map(|p| p.key.clone()),
            ProjectId,
        );
        let carry_overs = first_index(
            builder.carry_overs_mut().iter().map(|c| c.key.clone()),
            CarryOverId,
        );
        Assembly {
            catalogue,
            columns,
            width,
            vocab: Vocab::new(),
            builder,
            from_rows,
            units,
            projects,
            carry_overs,
            locations: Vec::new(),
            errors: Vec::new(),
        }
    }

    fn reject_record(&mut self, location: Location, reason: Reason) {
        self.errors.push(RowError {
            location,
            column: None,
            position: None,
            value: String::new(),
            reason,
        });
    }

    /// Reads one record: a line when every cell is good, else its errors.
    fn row<S: AsRef<str>>(&mut self, location: Location, cells: &[S]) {
        if cells.len() != self.width {
            let found = cells.len();
            let expected = self.width;
            self.reject_record(location, Reason::FieldCount { expected, found });
            return;
        }
        let columns = self.columns;
        let mut row = RowReader {
            location,
            cells,
            columns: &columns,
            errors: Vec::new(),
        };
        let line = self.line(&mut row);
        match line {
            Some(line) if row.errors.is_empty() => {
                self.builder.line(line);
                self.locations.push(row.location);
            }
            _ => self.errors.append(&mut row.errors),
        }
    }

    /// The line a record gives, its errors collected in `row`.
    fn line<S: AsRef<str>>(&mut self, row: &mut RowReader<'_, S>) -> Option<Line> {
        self.department_cells(row);
        let unit = self.unit(row);
        let functional = row.parse(Column::FunctionalItem, FunctionalCode::parse);
        let economic = row.parse(Column::EconomicSection, EconomicCode::parse);
        let kind = self.kind(row);
        let source = row.required(Column::Source).and_then(|cell| {
            let found = self.vocab.source(cell);
            if found.is_none() {
                row.error(
                    Column::Source,
                    cell,
                    Reason::Unknown {
                        vocabulary: "funding source (资金来源)",
                    },
                );
            }
            found
        });
        let carry_over = self.carry_over(row);
        let amount = row.parse(Column::Amount, Amount::parse_canonical);
        if let Some(f) = functional {
            self.check_functional(row, f);
        }
        if let (Some(e), Some((_, kind))) = (economic, unit) {
            self.check_economic(row, e, kind);
        }
        if let Some(s) = source {
            self.check_source(row, s);
        }
        let (unit, _) = unit?;
        let mut line = Line::new(functional?, economic?, kind?, source?, amount?);
        if let Some(u) = unit {
            line = line.with_unit(u);
        }
        if let Some(c) = carry_over? {
            line = line.with_carry_over(c);
        }
        Some(line)
    }

    /// Checks `year` and `department` against the side file or earlier rows.
    fn department_cells<S: AsRef<str>>(&mut self, row: &mut RowReader<'_, S>) {
        let department = self.builder.department_mut();
        if let Some(cell) = row.optional(Column::Year) {
            match cell.parse::<u16>() {
                Err(_) => row.error(Column::Year, cell, Reason::Unknown { vocabulary: "year" }),
                Ok(year) => match &mut self.from_rows {
                    Some(RowDepartment {
                        year: slot @ None, ..
                    }) => *slot = Some(year),
                    Some(RowDepartment {
                        year: Some(known), ..
                    }) => row.agree(Column::Year, cell, year == *known, known),
                    None => row.agree(Column::Year, cell, year == department.year, department.year),
                },
            }
        } else if self.from_rows.is_some() {
            row.missing(Column::Year);
        }
        if let Some(cell) = row.optional(Column::Department) {
            match &mut self.from_rows {
                Some(RowDepartment {
                    name: slot @ None, ..
                }) => *slot = Some(cell.to_string()),
                Some(RowDepartment {
                    name: Some(known), ..
                }) => row.agree(Column::Department, cell, cell == known, known),
                None => row.agree(
                    Column::Department,
                    cell,
                    cell == department.name,
                    &department.name,
                ),
            }
        } else if self.from_rows.is_some() {
            row.missing(Column::Department);
        }
    }

    /// The unit of the line (`None` for the department) and its kind, checking `unit_kind`;
    /// a unit the side file does not list is added.
    fn unit<S: AsRef<str>>(
        &mut self,
        row: &mut RowReader<'_, S>,
    ) -> Option<(Option<UnitId>, UnitKind)> {
        let kind_cell = row.optional(Column::UnitKind);
        let given = match kind_cell {
            Some(cell) => match self.vocab.unit_kinds.get(cell) {
                Some(k) => Some(*k),
                None => {
                    row.error(
                        Column::UnitKind,
                        cell,
                        Reason::Unknown {
                            vocabulary: "unit kind (单位性质)",
                        },
                    );
                    return None;
                }
            },
            None => None,
        };
        let name = row.optional(Column::Unit);
        let known = match name {
            None => match &mut self.from_rows {
                Some(RowDepartment {
                    kind: slot @ None, ..
                }) => {
                    *slot = given;
                    given
                }
                Some(RowDepartment { kind, .. }) => *kind,
                None => Some(self.builder.department_mut().unit_kind),
            },
            Some(name) => match self.units.get(name) {
                Some(id) => self
                    .builder
                    .units_mut()
                    .get(id.index())
                    .map(|u| u.unit_kind),
                None => {
                    let Some(kind) = given else {
                        row.missing(Column::UnitKind);
                        return None;
                    };
                    let id = self.builder.unit(BudgetUnit {
                        name: name.to_string(),
                        unit_kind: kind,
                    });
                    self.units.insert(name.to_string(), id);
                    Some(kind)
                }
            },
        };
        let Some(kind) = known else {
            row.missing(Column::UnitKind);
            return None;
        };
        if let (Some(cell), Some(g)) = (kind_cell, given) {
            row.agree(Column::UnitKind, cell, g == kind, kind);
        }
        let id = name.and_then(|n| self.units.get(n).copied());
        Some((id, kind))
    }

    /// 支出类型 and project: a 项目支出 line names its project (added when the side file does
    /// not list it), a 基本支出 line names none.
    fn kind<S: AsRef<str>>(&mut self, row: &mut RowReader<'_, S>) -> Option<SpendingKind> {
        let cell = row.required(Column::Kind)?;
        let Some(kind) = self.vocab.kinds.get(cell).copied() else {
            row.error(
                Column::Kind,
                cell,
                Reason::Unknown {
                    vocabulary: "spending kind (人员经费, 公用经费, 项目支出)",
                },
            );
            return None;
        };
        let key = row.optional(Column::Project);
        let name = row.optional(Column::ProjectName);
        match kind {
            KindCell::Basic(b) => {
                let why = "a 基本支出 line names no project";
                if let Some(k) = key {
                    row.error(Column::Project, k, Reason::NotAllowed { why });
                }
                if let Some(n) = name {
                    row.error(Column::ProjectName, n, Reason::NotAllowed { why });
                }
                Some(SpendingKind::Basic(b))
            }
            KindCell::Project => {
                let Some(key) = key else {
                    row.missing(Column::Project);
                    return None;
                };
                self.project(row, key, name).map(SpendingKind::Project)
            }
        }
    }

    fn project<S: AsRef<str>>(
        &mut self,
        row: &mut RowReader<'_, S>,
        key: &str,
        name: Option<&str>,
    ) -> Option<ProjectId> {
        if let Some(id) = self.projects.get(key).copied() {
            let known = self
                .builder
                .projects_mut()
                .get(id.index())
                .map(|p| p.name.as_str());
            if let (Some(name), Some(known)) = (name, known) {
                row.agree(Column::ProjectName, name, name == known, known);
            }
            return Some(id);
        }
        let Some(name) = name else {
            row.missing(Column::ProjectName);
            return None;
        };
        let id = self.builder.project(Project::new(key, name));
        self.projects.insert(key.to_string(), id);
        Some(id)
    }

    /// The carry-over item a line draws on: `Some(None)` for none, `None` for an error.
    fn carry_over<S: AsRef<str>>(
        &mut self,
        row: &mut RowReader<'_, S>,
    ) -> Option<Option<CarryOverId>> {
        let Some(key) = row.optional(Column::CarryOver) else {
            return Some(None);
        };
        match self.carry_overs.get(key) {
            Some(id) => Some(Some(*id)),
            None => {
                let what = "carry-over item of the side file";
                row.error(Column::CarryOver, key, Reason::UnknownKey { what });
                None
            }
        }
    }

    fn check_functional<S: AsRef<str>>(&self, row: &mut RowReader<'_, S>, item: FunctionalCode) {
        let levels = [
            (
                Column::FunctionalClass,
                Column::FunctionalClassName,
                Some(item.class()),
            ),
            (
                Column::FunctionalSection,
                Column::FunctionalSectionName,
                item.section(),
            ),
            (
                Column::FunctionalItem,
                Column::FunctionalItemName,
                Some(item),
            ),
        ];
        for (code_column, name_column, code) in levels {
            let Some(code) = code else { continue };
            if code_column != Column::FunctionalItem {
                row.check_code(code_column, code);
            }
            row.check_name(name_column, &self.catalogue, code);
        }
    }

    fn check_economic<S: AsRef<str>>(
        &self,
        row: &mut RowReader<'_, S>,
        section: EconomicCode,
        unit_kind: UnitKind,
    ) {
        row.check_code(Column::EconomicClass, section.class());
        row.check_name(Column::EconomicClassName, &self.catalogue, section.class());
        row.check_name(Column::EconomicSectionName, &self.catalogue, section);
        let mapped = section.government_code(unit_kind.mapping_basis());
        let gov = match (row.optional(Column::GovEconomic), mapped) {
            (_, Some(g)) => {
                row.check_code(Column::GovEconomic, g);
                Some(g)
            }
            // No known mapping: a well-formed code is taken as given (and not kept).
            (Some(_), None) => row.parse(Column::GovEconomic, GovEconomicCode::parse),
            (None, None) => None,
        };
        if let Some(g) = gov {
            row.check_name(Column::GovEconomicName, &self.catalogue, g);
        } else if let Some(cell) = row.optional(Column::GovEconomicName) {
            row.error(
                Column::GovEconomicName,
                cell,
                Reason::Disagrees {
                    expected: String::new(),
                },
            );
        }
    }

    fn check_source<S: AsRef<str>>(&self, row: &mut RowReader<'_, S>, source: FundingSource) {
        if let Some(cell) = row.optional(Column::FundingGroup) {
            let group = source.group();
            row.agree(
                Column::FundingGroup,
                cell,
                self.vocab.group(cell) == Some(group),
                group,
            );
        }
        if let Some(cell) = row.optional(Column::FundType) {
            match source.fund_type() {
                Some(t) => row.agree(
                    Column::FundType,
                    cell,
                    self.vocab.fund_type(cell) == Some(t),
                    t,
                ),
                None => row.error(
                    Column::FundType,
                    cell,
                    Reason::Disagrees {
                        expected: String::new(),
                    },
                ),
            }
        }
    }

    /// The budget, once every record is read.
    fn finish(mut self) -> Result<DepartmentBudget, ReadError> {
        if let Some(rows) = self.from_rows.take() {
            let missing: Vec<Column> = [
                (Column::Year, rows.year.is_none()),
                (Column::Department, rows.name.is_none()),
                (Column::UnitKind, rows.kind.is_none()),
            ]
            .into_iter()
            .filter_map(|(c, m)| m.then_some(c))
            .collect();
            let (Some(name), Some(year), Some(kind)) = (rows.name, rows.year, rows.kind) else {
                if !self.errors.is_empty() {
                    return Err(ReadError::Rows {
                        errors: self.errors,
                        builder: Box::new(self.builder),
                    });
                }
                return Err(ReadError::NoDepartment { missing });
            };
            let department = self.builder.department_mut();
            department.name = name;
            department.year = year;
            department.unit_kind = kind;
        }
        if !self.errors.is_empty() {
            return Err(ReadError::Rows {
                errors: self.errors,
                builder: Box::new(self.builder),
            });
        }
        let locations = self.locations;
        self.builder.build().map_err(|rejected| {
            let violations = rejected
                .violations()
                .iter()
                .map(|v| Located {
                    location: match v.location() {
                        budget::Location::Line { index, .. } => locations.get(*index).cloned(),
                        _ => None,
                    },
                    violation: v.clone(),
                })
                .collect();
            ReadError::Rejected {
                violations,
                builder: Box::new(rejected.into_builder()),
            }
        })
    }
}

/// A builder holding everything of the side file.
fn builder_of(side: Side) -> DepartmentBudgetBuilder {
    let mut b = DepartmentBudgetBuilder::new(side.department);
    for unit in side.units {
        b.unit(unit);
    }
    for project in side.projects {
        b.project(project);
    }
    for item in side.carry_overs {
        b.carry_over(item);
    }
    *b.control_figures_mut() = side.control_figures;
    b.prior_year(side.prior_year);
    *b.procurement_mut() = side.procurement;
    if let Some(assets) = side.assets {
        b.assets(assets);
    }
    for class in side.operating_classes {
        b.allow_operating_class(class);
    }
    for class in side.personnel_classes {
        b.allow_personnel_class(class);
    }
    *b.performance_mut() = side.performance;
    for (key, text) in side.narrative {
        b.narrative_text(key, text);
    }
    b
}

/// Keys to ids, the first of duplicate keys winning (the duplicate is the builder's
/// `budget.duplicate_key` violation).
fn first_index<T, I: Iterator<Item = String>>(keys: I, id: fn(u32) -> T) -> HashMap<String, T> {
    let mut map = HashMap::new();
    for (i, key) in keys.enumerate() {
        if let Ok(i) = u32::try_from(i) {
            map.entry(key).or_insert_with(|| id(i));
        }
    }
    map
}

/// One record being read: its cells by column, and the errors found in it.
struct RowReader<'r, S> {
    location: Location,
    cells: &'r [S],
    columns: &'r [Option<usize>; Column::COUNT],
    errors: Vec<RowError>,
}

impl<'r, S: AsRef<str>> RowReader<'r, S> {
    fn position(&self, column: Column) -> Option<usize> {
        self.columns.get(column as usize).copied().flatten()
    }

    /// The cell of `column`, trimmed; `None` when the header has no such column or the cell is
    /// empty.
    fn optional(&self, column: Column) -> Option<&'r str> {
        let cells: &'r [S] = self.cells;
        self.position(column)
            .and_then(|i| cells.get(i))
            .map(|c| c.as_ref().trim())
            .filter(|c| !c.is_empty())
    }

    /// The cell of a required column; an error when empty.
    fn required(&mut self, column: Column) -> Option<&'r str> {
        let cell = self.optional(column);
        if cell.is_none() {
            self.missing(column);
        }
        cell
    }

    fn parse<T>(&mut self, column: Column, parse: impl Fn(&str) -> crate::Result<T>) -> Option<T> {
        let cell = self.required(column)?;
        match parse(cell) {
            Ok(v) => Some(v),
            Err(e) => {
                self.error(column, cell, Reason::Invalid(e));
                None
            }
        }
    }

    fn error(&mut self, column: Column, value: &str, reason: Reason) {
        self.errors.push(RowError {
            location: self.location.clone(),
            column: Some(column),
            position: self.position(column),
            value: value.to_string(),
            reason,
        });
    }

    fn missing(&mut self, column: Column) {
        self.error(column, "", Reason::Missing);
    }

    /// An error when `agrees` is false: the cell should have said `expected`.
    fn agree(&mut self, column: Column, cell: &str, agrees: bool, expected: impl ToString) {
        if !agrees {
            let expected = expected.to_string();
            self.error(column, cell, Reason::Disagrees { expected });
        }
    }

    /// A derived code cell, when given, must be `code`.
    fn check_code<C: Code>(&mut self, column: Column, code: C) {
        let Some(cell) = self.optional(column) else {
            return;
        };
        let agrees =
            cell.parse::<u32>().ok() == Some(code.value()) && cell.len() == code.level().digits();
        self.agree(column, cell, agrees, code);
    }

    /// A derived name cell, when given, must name `code` in the edition (its name or an alias);
    /// a code the edition does not name is not checked.
    fn check_name<C: Code>(&mut self, column: Column, catalogue: &Catalogue, code: C) {
        let Some(cell) = self.optional(column) else {
            return;
        };
        let Some(name) = catalogue.name(code) else {
            return;
        };
        if name != cell && catalogue.name_match(code, cell).is_none() {
            self.error(
                column,
                cell,
                Reason::Disagrees {
                    expected: name.to_string(),
                },
            );
        }
    }
}
