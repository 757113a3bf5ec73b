//! What a batch run guessed or ignored, beyond the loader's own warnings: a unit-year with a second
//! report or a second plan of one kind, a plan and report that look swapped; and `warnings.csv`.

use super::Group;
use crate::doc::Doc;
use crate::error::Warning;
use crate::report::{self, Rows};

/// The output file that lists every warning of a run, beside errors.csv.
pub const FILE: &str = "warnings.csv";

fn year_text(year: Option<i32>) -> String {
    year.map_or("(no year)".to_string(), |y| y.to_string())
}

fn about(d: &Doc, message: String) -> Warning {
    Warning {
        path: d.path.clone(),
        unit: d.meta.unit.clone(),
        year: d.meta.year,
        message,
    }
}

/// Warnings about how a unit-year's documents were used: only the first report (by path) is
/// compared, every further one is named; plans of one kind are compared together as one plan.
pub(super) fn group_warnings(unit: &str, year: Option<i32>, g: &Group) -> Vec<Warning> {
    let mut out = Vec::new();
    if let Some(first) = g.reports.first() {
        for d in g.reports.iter().skip(1) {
            out.push(about(
                d,
                format!(
                    "second report for {unit} {}; not compared (only {} is)",
                    year_text(year),
                    first.id()
                ),
            ));
        }
    }
    for (i, d) in g.plans.iter().enumerate() {
        if let Some(earlier) = g.plans[..i].iter().find(|p| p.meta.kind == d.meta.kind) {
            out.push(about(
                d,
                format!(
                    "second {} for {unit} {}; its tasks are compared together with {}'s",
                    d.meta.kind.as_str(),
                    year_text(year),
                    earlier.id()
                ),
            ));
        }
    }
    out
}

/// warnings.csv: one row per warning (file, unit, year, warning), header even when there is none;
/// with a BOM and formula-like cells escaped as every CSV file luoshi writes.
pub(super) fn csv_bytes(warnings: &[Warning]) -> Vec<u8> {
    let mut rows = Rows::new(&["file", "unit", "year", "warning"]);
    for w in warnings {
        rows.rows.push(vec![
            w.path.display().to_string(),
            w.unit.clone(),
            w.year.map(|y| y.to_string()).unwrap_or_default(),
            w.message.clone(),
        ]);
    }
    report::csv_file_bytes(&rows)
}
