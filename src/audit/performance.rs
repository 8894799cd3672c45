//! 绩效目标: the performance targets of a document against themselves (the weights of each
//! block) and against the budget tables.

use rust_decimal::Decimal;

use super::document::{CellValue, PublishedDocument, TargetBlock};
use super::{Finding, Report, Severity};

/// How findings name a block: the project's name, or 部门整体.
fn block_label(b: &TargetBlock) -> String {
    match (&b.project, b.whole) {
        (Some(p), _) => p.clone(),
        (None, true) => "部门整体绩效目标".to_string(),
        (None, false) => "项目绩效目标".to_string(),
    }
}

/// performance.weights: each block's weights add up to 100, or to 90 with 预算执行率 scored
/// apart (10). A sum under 90 may be a block whose rows the reader could not all join: a
/// warning. A weight that cannot be read leaves the sum unchecked, and is said so.
pub(super) fn weights(document: &PublishedDocument, report: &mut Report) {
    for b in &document.targets {
        let mut sum = Decimal::ZERO;
        let mut unreadable = 0usize;
        let mut counted = 0usize;
        for w in &b.weights {
            match w.value {
                CellValue::Number { value, .. } => {
                    sum = sum.saturating_add(value);
                    counted += 1;
                }
                CellValue::Unreadable => unreadable += 1,
                _ => {}
            }
        }
        if counted + unreadable < 2 {
            continue;
        }
        let label = block_label(b);
        if unreadable > 0 {
            report.findings.push(Finding {
                rule: "performance.weights",
                severity: Severity::Info,
                tables: b.tables.clone(),
                row: Some(label.clone()),
                column: None,
                stated: None,
                computed: Some(sum),
                difference: None,
                message: format!(
                    "{label}：{unreadable} 个指标权重无法读取（如两个数印在一格），权重合计未作核对"
                ),
                message_en: format!(
                    "{label}: {unreadable} indicator weight(s) cannot be read (e.g. two numbers in one cell), so the weights were not summed"
                ),
            });
            continue;
        }
        let ninety = Decimal::from(90);
        let hundred = Decimal::from(100);
        if sum == ninety || (sum == hundred && !b.execution_apart) {
            continue;
        }
        let severity = if sum < ninety {
            Severity::Warning
        } else {
            Severity::Error
        };
        let expected = if b.execution_apart || sum < hundred {
            ninety
        } else {
            hundred
        };
        report.findings.push(Finding {
            rule: "performance.weights",
            severity,
            tables: b.tables.clone(),
            row: Some(label.clone()),
            column: None,
            stated: Some(sum),
            computed: Some(expected),
            difference: Some(sum.saturating_sub(expected)),
            message: format!("{label}：指标权重合计 {sum}，既非 100，也非 90（另计预算执行率 10）"),
            message_en: format!(
                "{label}: indicator weights add up to {sum}: neither 100 nor 90 (with 预算执行率 worth 10)"
            ),
        });
    }
}
