//! `luoshi reviews export DIR`: each reviewed unit-year as an eval pair (plan.txt, report.txt,
//! gold.csv), so an office's own corrections can refit the gap model with `luoshi eval DIR`.

use super::{data, reviews};
use crate::error::{Error, Result};
use serde_json::Value;
use std::path::Path;

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportStats {
    pub pairs: usize,
    pub rows: usize,
    /// Reviews left out because their task text changed since.
    pub stale: usize,
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Writes one pair folder per unit-year that has reviews still matching its task text.
pub fn export(out: &Path, dir: &Path, seg: &crate::Segmenter) -> Result<ExportStats> {
    let db = out.join("reviews.sqlite");
    if !db.is_file() {
        return Err(Error::Usage(format!(
            "{}: no reviews here (reviews are saved by `luoshi serve --out {}`)",
            db.display(),
            out.display()
        )));
    }
    let store = reviews::Store::open(&db)?;
    let all = store.all()?;
    let mut stats = ExportStats::default();
    for u in data::units(out) {
        let mine: Vec<&reviews::Review> = all
            .iter()
            .filter(|r| r.unit == u.row.unit && r.year == u.row.year)
            .collect();
        let tasks = u.json.get("tasks").and_then(Value::as_array);
        let (Some(tasks), false) = (tasks, mine.is_empty()) else {
            continue;
        };
        let mut w = csv::Writer::from_writer(Vec::new());
        let header = [
            "task_id",
            "task_text_head",
            "followed_through",
            "evidence_quote",
        ];
        w.write_record(header)
            .map_err(|e| Error::Usage(e.to_string()))?;
        let mut rows = 0;
        for t in tasks {
            let id = t.get("id").and_then(Value::as_str).unwrap_or("");
            let text = t.get("text").and_then(Value::as_str).unwrap_or("");
            let Some(r) = mine.iter().find(|r| r.task_id == id) else {
                continue;
            };
            if r.view(text).stale {
                stats.stale += 1;
                continue;
            }
            let label = reviews::gold_label(&r.status);
            let quote = if label == "no" {
                ""
            } else {
                t.get("evidence")
                    .and_then(Value::as_array)
                    .and_then(|e| e.first())
                    .and_then(|e| e.get("quote"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
            };
            let head: String = text.chars().take(40).collect();
            w.write_record([id, head.as_str(), label, quote])
                .map_err(|e| Error::Usage(e.to_string()))?;
            rows += 1;
        }
        if rows == 0 {
            continue;
        }
        let name = format!(
            "{}-{}",
            safe(&u.row.unit),
            u.row
                .year
                .map_or("未注明年份".to_string(), |y| y.to_string())
        );
        let pair = dir.join(name);
        std::fs::create_dir_all(&pair).map_err(|e| io(&pair, e))?;
        for (key, file) in [("plan", "plan.txt"), ("report", "report.txt")] {
            let id = u
                .json
                .get(key)
                .and_then(|d| d.get("path"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let a = data::load_document(id, seg)?;
            let p = pair.join(file);
            crate::report::write_atomic(&p, a.doc.text.as_bytes()).map_err(|e| io(&p, e))?;
        }
        let gold = w.into_inner().map_err(|e| Error::Usage(e.to_string()))?;
        let p = pair.join("gold.csv");
        crate::report::write_atomic(&p, &gold).map_err(|e| io(&p, e))?;
        stats.pairs += 1;
        stats.rows += rows;
    }
    Ok(stats)
}
