//! Columnar facts: the example budgets and synthetic ones written into one Parquet file, read
//! back with the `parquet` crate's own reader, and grouped independently (by department and
//! source, 功能分类 类, 经济分类 类, 支出类型): every sum equals the budgets' views to the 分.

#![cfg(feature = "parquet")]

use std::collections::BTreeMap;

use arrow_array::cast::AsArray;
use arrow_array::types::{Decimal128Type, Int32Type, UInt16Type};
use arrow_array::{Array, ArrayAccessor, RecordBatch, StringArray};
use arrow_schema::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use yusuan::budget::DepartmentBudget;
use yusuan::classification::Level;
use yusuan::facts::columnar;

#[path = "../benches/synthetic/mod.rs"]
mod synthetic;

const EXAMPLES: [&str; 7] = [
    include_str!("../examples/data/alashankou_2026.json"),
    include_str!("../examples/data/chongqing_meteorological_2026.json"),
    include_str!("../examples/data/county_congress_office_2026.json"),
    include_str!("../examples/data/guangzhou_petition_2026.json"),
    include_str!("../examples/data/hangzhou_meteorological_2026.json"),
    include_str!("../examples/data/shanghai_putuo_welfare_home_2024.json"),
    include_str!("../examples/data/wuxi_petition_2025.json"),
];

fn budgets() -> Vec<DepartmentBudget> {
    let mut out: Vec<DepartmentBudget> = EXAMPLES
        .iter()
        .map(|j| serde_json::from_str(j).unwrap())
        .collect();
    for (i, n) in [(1, 50), (2, 3_000), (3, 40_000)] {
        let mut b = synthetic::builder_from_leaves(&synthetic::leaves(n, i));
        b.department_mut().name = format!("合成部门 {i}");
        out.push(b.build().map_err(|r| r.to_string()).unwrap());
    }
    out
}

/// (department, key) → 分, from a view of each budget.
type Sums = BTreeMap<(String, String), i128>;

fn add(sums: &mut Sums, department: &str, key: String, fen: i128) {
    *sums.entry((department.to_string(), key)).or_default() += fen;
}

/// A dictionary column's value at `row` (`None` when null).
fn text(batch: &RecordBatch, column: &str, row: usize) -> Option<String> {
    let array = batch.column_by_name(column).unwrap();
    let dict = array.as_dictionary::<Int32Type>();
    let values = dict.downcast_dict::<StringArray>().unwrap();
    dict.is_valid(row).then(|| values.value(row).to_string())
}

#[test]
fn parquet_read_back_gives_the_views_totals_to_the_fen() {
    let budgets = budgets();
    let path = std::env::temp_dir().join(format!("yusuan_facts_{}.parquet", std::process::id()));
    let file = std::fs::File::create(&path).unwrap();
    columnar::write_parquet(&budgets, file).unwrap();

    // Read back with the parquet crate, and group the rows.
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&path).unwrap())
        .unwrap()
        .build()
        .unwrap();
    let mut read: [Sums; 5] = Default::default();
    let mut rows = 0;
    for batch in reader {
        let batch = batch.unwrap();
        let schema = batch.schema();
        assert_eq!(
            schema.field_with_name("amount").unwrap().data_type(),
            &DataType::Decimal128(20, 2)
        );
        assert!(matches!(
            schema
                .field_with_name("functional_item")
                .unwrap()
                .data_type(),
            DataType::Dictionary(..)
        ));
        let amounts = batch
            .column_by_name("amount")
            .unwrap()
            .as_primitive::<Decimal128Type>();
        let years = batch
            .column_by_name("year")
            .unwrap()
            .as_primitive::<UInt16Type>();
        for row in 0..batch.num_rows() {
            let department = format!(
                "{} {}",
                years.value(row),
                text(&batch, "department", row).unwrap()
            );
            let fen = amounts.value(row);
            let keys = [
                String::new(),
                text(&batch, "source", row).unwrap(),
                text(&batch, "functional_class", row).unwrap(),
                text(&batch, "economic_class", row).unwrap(),
                text(&batch, "kind", row).unwrap(),
            ];
            for (sums, key) in read.iter_mut().zip(keys) {
                add(sums, &department, key, fen);
            }
        }
        rows += batch.num_rows();
    }
    std::fs::remove_file(&path).unwrap();
    assert_eq!(rows, budgets.iter().map(|b| b.lines().len()).sum::<usize>());

    // The same sums from the budgets' views.
    let mut views: [Sums; 5] = Default::default();
    for b in &budgets {
        let d = format!("{} {}", b.department().year, b.department().name);
        let fen = |a: yusuan::Amount| a.fen() as i128;
        add(&mut views[0], &d, String::new(), fen(b.total()));
        for (s, a) in b.by_source() {
            add(&mut views[1], &d, s.to_string(), fen(a));
        }
        for (c, t) in b.by_functional(Level::Class, |_| true) {
            add(&mut views[2], &d, c.to_string(), fen(t.total()));
        }
        for (c, t) in b.by_economic(Level::Class, |_| true) {
            add(&mut views[3], &d, c.to_string(), fen(t.total()));
        }
        let k = b.kind_totals();
        for (name, a) in [
            ("人员经费", k.personnel),
            ("公用经费", k.operating),
            ("项目支出", k.project),
        ] {
            if b.lines().iter().any(|l| l.kind().to_string() == name) {
                add(&mut views[4], &d, name.to_string(), fen(a));
            }
        }
    }
    for (i, (r, v)) in read.iter().zip(&views).enumerate() {
        assert_eq!(r, v, "grouping {i}");
    }
    assert_eq!(views[0].len(), 10);
}

#[test]
fn a_record_batch_keeps_nulls_where_the_csv_is_empty() {
    let budget: DepartmentBudget = serde_json::from_str(EXAMPLES[1]).unwrap();
    let batch = columnar::record_batch(&budget).unwrap();
    let unit = batch.column_by_name("unit").unwrap();
    let own = budget.lines().iter().filter(|l| l.unit().is_none()).count();
    assert_eq!(unit.null_count(), own);
    let project = batch.column_by_name("project").unwrap();
    let basic = budget
        .lines()
        .iter()
        .filter(|l| l.kind().is_basic())
        .count();
    assert_eq!(project.null_count(), basic);
    assert_eq!(batch.num_columns(), 24);
}

#[test]
fn every_cell_of_a_record_batch_is_the_csv_cell() {
    // The batch shares dictionary keys between rows of one code, unit, project or source; the
    // CSV writes every row's cells in full. They must agree cell by cell.
    for budget in budgets() {
        let mut csv = Vec::new();
        yusuan::facts::write_csv(&budget, &mut csv).unwrap();
        let mut reader = csv::Reader::from_reader(&csv[..]);
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let batch = columnar::record_batch(&budget).unwrap();
        let years = batch.column(0).as_primitive::<UInt16Type>();
        let amounts = batch
            .column_by_name("amount")
            .unwrap()
            .as_primitive::<Decimal128Type>();
        for (row, record) in reader.records().enumerate() {
            let record = record.unwrap();
            for (i, name) in header.iter().enumerate() {
                let got = match name.as_str() {
                    "year" => years.value(row).to_string(),
                    "amount" => {
                        let fen = amounts.value(row);
                        format!("{}.{:02}", fen / 100, fen % 100)
                    }
                    _ => text(&batch, name, row).unwrap_or_default(),
                };
                assert_eq!(
                    got,
                    record[i],
                    "{} row {row} column {name}",
                    budget.department().name
                );
            }
        }
    }
}
