//! 列式明细事实: the flat facts as Arrow record batches and Parquet files (feature `parquet`).
//!
//! The columns are those of the CSV ([`Column`], same names, same order), typed for query
//! engines: `year` is `UInt16`, `amount` is `Decimal128(20, 2)` in 元 (exact: [`Amount::MAX`]
//! has 20 digits), and every other column is a dictionary-encoded string (`Dictionary(Int32,
//! Utf8)`), null where the CSV cell is empty (the department's own lines have a null `unit`,
//! 基本支出 lines a null `project`). Codes stay text (`"2060101"`), as printed.
//!
//! [`write_parquet`] writes one budget or many into one Parquet file (a province, a year): the
//! rows of each budget in line order, budgets in the order given; the `department` and `year`
//! columns tell them apart. Any Parquet reader (the `parquet` crate, DataFusion, DuckDB, Spark,
//! polars) reads it unchanged.
//!
//! ```
//! use yusuan::budget::DepartmentBudget;
//! use yusuan::facts::columnar;
//!
//! let budget: DepartmentBudget =
//!     serde_json::from_str(include_str!("../../examples/data/alashankou_2026.json"))?;
//! let batch = columnar::record_batch(&budget)?;
//! assert_eq!(batch.num_rows(), budget.lines().len());
//! assert_eq!(batch.schema().field(23).name(), "amount");
//! let mut file = Vec::new();
//! columnar::write_parquet([&budget], &mut file)?;
//! assert!(file.starts_with(b"PAR1"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Amount::MAX`]: crate::Amount::MAX

use std::sync::Arc;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use arrow_array::builder::{Decimal128Builder, UInt16Builder};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, DictionaryArray, Int32Array, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::errors::ParquetError;
use strum::IntoEnumIterator;

use crate::budget::{DepartmentBudget, Line, SpendingKind};

use super::columns::Column;
use super::write::{Cells, Fact, facts};

/// Precision of the `amount` column: 20 digits, [`Amount::MAX`](crate::Amount::MAX) in 分.
pub const AMOUNT_PRECISION: u8 = 20;
/// Scale of the `amount` column: 2 decimals (分).
pub const AMOUNT_SCALE: i8 = 2;

/// The Arrow data type of a column.
fn data_type(column: Column) -> DataType {
    match column {
        Column::Year => DataType::UInt16,
        Column::Amount => DataType::Decimal128(AMOUNT_PRECISION, AMOUNT_SCALE),
        _ => DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
    }
}

/// The Arrow schema of the facts: one field per [`Column`], named by its header.
pub fn schema() -> SchemaRef {
    let fields: Vec<Field> = Column::iter()
        .map(|c| {
            let nullable = !matches!(c, Column::Year | Column::Amount);
            Field::new(c.header(), data_type(c), nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// The distinct strings of one dictionary column, and each row's key into them.
#[derive(Default)]
struct Dict {
    values: Vec<String>,
    index: HashMap<String, i32>,
    keys: Vec<Option<i32>>,
}

impl Dict {
    /// The key of `text` (added when new); `None` (null) for an empty cell.
    fn key_of(&mut self, text: &str) -> Result<Option<i32>, ArrowError> {
        if text.is_empty() {
            return Ok(None);
        }
        if let Some(k) = self.index.get(text) {
            return Ok(Some(*k));
        }
        let k =
            i32::try_from(self.values.len()).map_err(|_| ArrowError::DictionaryKeyOverflowError)?;
        self.values.push(text.to_string());
        self.index.insert(text.to_string(), k);
        Ok(Some(k))
    }

    fn finish(self) -> Result<ArrayRef, ArrowError> {
        let keys = Int32Array::from(self.keys);
        let values: ArrayRef = Arc::new(StringArray::from(self.values));
        Ok(Arc::new(DictionaryArray::<Int32Type>::try_new(
            keys, values,
        )?))
    }
}

/// Columns whose text depends on one dimension of a line only (its functional code, its
/// economic code and unit kind, its unit, …): each distinct value of the dimension is
/// formatted once, and its rows share the dictionary keys.
struct Group {
    columns: &'static [Column],
    cache: HashMap<u64, Vec<Option<i32>>, BuildHasherDefault<DimensionHasher>>,
}

/// A multiplicative hash for the dimension numbers (small integers and codes): the cache is
/// looked up eight times a row, where SipHash would cost more than the rest of the row.
#[derive(Default)]
struct DimensionHasher(u64);

impl Hasher for DimensionHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// The dimension each group of columns depends on, as a number.
fn dimension(group: usize, fact: &Fact<'_>, line: &Line) -> u64 {
    let unit = line.unit().map_or(0, |u| u.index() as u64 + 1);
    match group {
        0 => u64::from(fact.functional.as_u32()),
        1 => u64::from(fact.economic.as_u32()),
        2 => (u64::from(fact.economic.as_u32()) << 8) | fact.unit_kind as u64,
        3 => unit,
        4 => match line.kind() {
            SpendingKind::Basic(b) => b as u64,
            SpendingKind::Project(p) => p.index() as u64 + 2,
        },
        5 => fact.source as u64,
        6 => line.carry_over().map_or(0, |c| c.index() as u64 + 1),
        _ => 0,
    }
}

const GROUPS: [&[Column]; 8] = [
    &[
        Column::FunctionalClass,
        Column::FunctionalClassName,
        Column::FunctionalSection,
        Column::FunctionalSectionName,
        Column::FunctionalItem,
        Column::FunctionalItemName,
    ],
    &[
        Column::EconomicClass,
        Column::EconomicClassName,
        Column::EconomicSection,
        Column::EconomicSectionName,
    ],
    &[Column::GovEconomic, Column::GovEconomicName],
    &[Column::Unit, Column::UnitKind],
    &[Column::Kind, Column::Project, Column::ProjectName],
    &[Column::Source, Column::FundingGroup, Column::FundType],
    &[Column::CarryOver],
    &[Column::Department],
];

/// The facts of `budget` as one Arrow record batch, one row per leaf line in line order.
///
/// # Errors
/// [`ArrowError`] only if a dictionary outgrows 32-bit keys.
pub fn record_batch(budget: &DepartmentBudget) -> Result<RecordBatch, ArrowError> {
    let n = budget.lines().len();
    let mut dicts: Vec<Dict> = Column::iter().map(|_| Dict::default()).collect();
    for d in &mut dicts {
        d.keys.reserve(n);
    }
    let mut groups: Vec<Group> = GROUPS
        .iter()
        .map(|&columns| Group {
            columns,
            cache: HashMap::default(),
        })
        .collect();
    let mut years = UInt16Builder::with_capacity(n);
    let mut amounts = Decimal128Builder::with_capacity(n)
        .with_precision_and_scale(AMOUNT_PRECISION, AMOUNT_SCALE)?;
    let catalogue = budget.catalogue();
    let mut cells = Cells::new();
    for (fact, line) in facts(budget).zip(budget.lines()) {
        years.append_value(fact.year);
        // An amount is at most 10^20 - 1 分, well inside i128.
        amounts.append_value(fact.amount.fen() as i128);
        let mut filled = false;
        for (g, group) in groups.iter_mut().enumerate() {
            let dim = dimension(g, &fact, line);
            let keys = match group.cache.get(&dim) {
                Some(keys) => keys,
                None => {
                    if !filled {
                        cells.fill(&fact, catalogue);
                        filled = true;
                    }
                    let keys = group
                        .columns
                        .iter()
                        .map(|&c| {
                            let text = cells.0.get(c as usize).map_or("", String::as_str);
                            dicts
                                .get_mut(c as usize)
                                .map_or(Ok(None), |d| d.key_of(text))
                        })
                        .collect::<Result<Vec<_>, _>>()?;
                    group.cache.entry(dim).or_insert(keys)
                }
            };
            for (&c, &k) in group.columns.iter().zip(keys.iter()) {
                if let Some(d) = dicts.get_mut(c as usize) {
                    d.keys.push(k);
                }
            }
        }
    }
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(dicts.len());
    for (c, d) in Column::iter().zip(dicts) {
        columns.push(match c {
            Column::Year => Arc::new(years.finish()),
            Column::Amount => Arc::new(amounts.finish()),
            _ => d.finish()?,
        });
    }
    RecordBatch::try_new(schema(), columns)
}

/// Writes the facts of `budgets` into one Parquet file: each budget's rows in line order, the
/// budgets in the order given.
///
/// # Errors
/// [`ParquetError`] when writing to `out` fails (or a dictionary outgrows 32-bit keys).
pub fn write_parquet<'a, I, W>(budgets: I, out: W) -> Result<(), ParquetError>
where
    I: IntoIterator<Item = &'a DepartmentBudget>,
    W: std::io::Write + Send,
{
    let mut writer = ArrowWriter::try_new(out, schema(), None)?;
    for budget in budgets {
        writer.write(&record_batch(budget)?)?;
    }
    writer.close()?;
    Ok(())
}
