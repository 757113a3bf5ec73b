//! What `batch` wrote, read back: the unit-year JSON files under `OUT/units/` and the documents
//! they name (the only files `serve` opens besides the index and its review store).

use crate::error::{Error, Result};
use serde::Serialize;
use serde_json::Value;
use std::path::Path;

/// One unit-year as the department page and `/api/units` list it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitRow {
    pub unit: String,
    pub year: Option<i64>,
    /// `checked`, `report not submitted` or `no plan on file`, as batch wrote it.
    pub status: String,
    pub tasks: u64,
    pub done: u64,
    pub partial: u64,
    pub missing: u64,
    pub coverage: Option<f64>,
    /// Tasks flagged `uncertain`: the calls to check first.
    pub uncertain: u64,
    /// Tasks a reviewer confirmed or overrode.
    pub reviewed: usize,
}

/// A unit-year's batch JSON with where it came from.
pub struct UnitFile {
    pub row: UnitRow,
    pub json: Value,
    pub raw: String,
}

fn unit_and_year(v: &Value) -> (String, Option<i64>) {
    let src = v.get("plan").unwrap_or(v);
    (
        src.get("unit")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        src.get("year").and_then(Value::as_i64),
    )
}

fn row_of(v: &Value) -> UnitRow {
    let (unit, year) = unit_and_year(v);
    let s = v.get("summary");
    let n = |k: &str| {
        s.and_then(|s| s.get(k))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    UnitRow {
        unit,
        year,
        status: v
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("checked")
            .to_string(),
        tasks: n("tasks"),
        done: n("done"),
        partial: n("partial"),
        missing: n("missing"),
        // 落实率 as every batch output defines it: done ÷ tasks, in percent.
        coverage: s
            .map(|_| crate::vocab::done_rate(n("done") as usize, n("tasks") as usize) * 100.0),
        uncertain: n("uncertain"),
        reviewed: 0,
    }
}

/// Every unit-year batch wrote, sorted by unit and year; an unreadable file is skipped with its name kept out.
pub fn units(out: &Path) -> Vec<UnitFile> {
    let Ok(rd) = std::fs::read_dir(out.join("units")) else {
        return Vec::new();
    };
    let mut files: Vec<UnitFile> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter_map(|p| {
            let raw = std::fs::read_to_string(&p).ok()?;
            let json: Value = serde_json::from_str(&raw).ok()?;
            Some(UnitFile {
                row: row_of(&json),
                json,
                raw,
            })
        })
        .collect();
    files.sort_by(|a, b| (&a.row.unit, a.row.year).cmp(&(&b.row.unit, b.row.year)));
    files
}

/// The batch JSON of one unit-year (`year` is a number or `未注明年份`).
pub fn unit(out: &Path, unit: &str, year: &str) -> Option<UnitFile> {
    let year: Option<i64> = year.parse().ok();
    units(out)
        .into_iter()
        .find(|u| u.row.unit == unit && u.row.year == year)
}

/// Paths of the documents a unit file names (plans and report).
pub fn document_paths(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for key in ["plan", "report"] {
        match v.get(key) {
            Some(Value::Object(o)) => {
                if let Some(p) = o.get("path").and_then(Value::as_str) {
                    out.push(p.to_string());
                }
            }
            Some(Value::Array(a)) => out.extend(
                a.iter()
                    .filter_map(|o| o.get("path").and_then(Value::as_str).map(str::to_string)),
            ),
            _ => {}
        }
    }
    if let Some(Value::Array(a)) = v.get("plans") {
        out.extend(
            a.iter()
                .filter_map(|o| o.get("path").and_then(Value::as_str).map(str::to_string)),
        );
    }
    out
}

/// The unit file that names this document, if any: it decides whether the document may be shown.
pub fn unit_of_document(out: &Path, id: &str) -> Option<UnitFile> {
    units(out)
        .into_iter()
        .find(|u| document_paths(&u.json).iter().any(|p| p == id))
}

/// Loads and analyses the document with this id (`path` or `path#n`), as `extract` does.
pub fn load_document(id: &str, seg: &crate::Segmenter) -> Result<crate::Analyzed> {
    let path = match id.rsplit_once('#') {
        Some((p, n)) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => p,
        _ => id,
    };
    let docs = crate::load::load_file(
        Path::new(path),
        &crate::load::manifest::ManifestCache::default(),
    )?;
    let doc = docs
        .into_iter()
        .find(|d| d.id() == id)
        .ok_or_else(|| Error::Usage(format!("{id}: no such document")))?;
    Ok(crate::analyze(doc, seg))
}
