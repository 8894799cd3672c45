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

use arrow_array::builder::{Decimal128Builder, StringDictionaryBuilder, UInt16Builder};
use arrow_array::types::Int32Type;
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::errors::ParquetError;
use strum::IntoEnumIterator;

use crate::budget::DepartmentBudget;

use super::columns::Column;
use super::write::{Cells, facts};

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

/// One column being built.
enum Builder {
    Year(UInt16Builder),
    Amount(Decimal128Builder),
    Text(StringDictionaryBuilder<Int32Type>),
}

impl Builder {
    fn new(column: Column, capacity: usize) -> Result<Builder, ArrowError> {
        Ok(match column {
            Column::Year => Builder::Year(UInt16Builder::with_capacity(capacity)),
            Column::Amount => Builder::Amount(
                Decimal128Builder::with_capacity(capacity)
                    .with_precision_and_scale(AMOUNT_PRECISION, AMOUNT_SCALE)?,
            ),
            _ => Builder::Text(StringDictionaryBuilder::new()),
        })
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Year(b) => Arc::new(b.finish()),
            Builder::Amount(b) => Arc::new(b.finish()),
            Builder::Text(b) => Arc::new(b.finish()),
        }
    }
}

/// The facts of `budget` as one Arrow record batch, one row per leaf line in line order.
///
/// # Errors
/// [`ArrowError`] only if a dictionary outgrows 32-bit keys.
pub fn record_batch(budget: &DepartmentBudget) -> Result<RecordBatch, ArrowError> {
    let n = budget.lines().len();
    let mut builders = Column::iter()
        .map(|c| Builder::new(c, n))
        .collect::<Result<Vec<_>, _>>()?;
    let catalogue = budget.catalogue();
    let mut cells = Cells::new();
    for fact in facts(budget) {
        cells.fill(&fact, catalogue);
        for (builder, cell) in builders.iter_mut().zip(cells.0.iter()) {
            match builder {
                Builder::Year(b) => b.append_value(fact.year),
                // An amount is at most 10^20 - 1 分, well inside i128.
                Builder::Amount(b) => b.append_value(fact.amount.fen() as i128),
                Builder::Text(b) if cell.is_empty() => b.append_null(),
                Builder::Text(b) => {
                    b.append(cell.as_str())?;
                }
            }
        }
    }
    let columns = builders.iter_mut().map(Builder::finish).collect();
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
