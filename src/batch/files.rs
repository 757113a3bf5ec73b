//! What batch writes besides the tables: unpaired unit-years (their JSON, and the tasks a plan
//! without its report still owes), removing pages gone from the input, and the worker count a
//! run may use.

use super::{Group, TaskRow, UnitResult, NO_REPORT};
use crate::segment::Segmenter;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Worker threads per core beyond which more only cost memory (`--jobs 1000` used 6 GB).
pub const MAX_JOBS_PER_CORE: usize = 4;

/// The worker threads a run uses for `--jobs N` (0: one per core), at most
/// `MAX_JOBS_PER_CORE` per core, and a note when `N` was lowered.
pub fn clamp_jobs(jobs: usize) -> (usize, Option<String>) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = MAX_JOBS_PER_CORE * cores;
    if jobs > max {
        let note = format!("--jobs {jobs} is more than {MAX_JOBS_PER_CORE} per core; using {max}");
        (max, Some(note))
    } else {
        (jobs, None)
    }
}

pub(super) fn unpaired_json(r: &UnitResult) -> String {
    let v = serde_json::json!({
        "unit": r.unit,
        "year": r.year,
        "status": r.status,
        "plans": r.plan_paths.iter().zip(&r.plan_titles)
            .map(|(p, t)| serde_json::json!({"path": p, "title": t})).collect::<Vec<_>>(),
        "report": r.report_path.as_ref().map(|p| serde_json::json!({"path": p, "title": r.report_title})),
    });
    let mut s = serde_json::to_string(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// Unit pages left by an earlier run for unit-years no longer in the input would read as current;
/// only luoshi's own `.html`/`.json` pages under `units/` are removed, and under `--year` only
/// pages of those years (a run for 2023 leaves the 2022 pages as they are).
pub(super) fn remove_stale_pages(
    out_dir: &Path,
    files: &[(PathBuf, std::borrow::Cow<[u8]>)],
    years: Option<(i32, i32)>,
) {
    let current: std::collections::HashSet<&Path> =
        files.iter().map(|(p, _)| p.as_path()).collect();
    let Ok(entries) = std::fs::read_dir(out_dir.join("units")) else {
        return;
    };
    let in_years = |name: &Path| {
        let Some((a, b)) = years else { return true };
        let stem = name.file_stem().map(|s| s.to_string_lossy().into_owned());
        let year = stem
            .as_deref()
            .and_then(|s| s.rsplit_once('-'))
            .and_then(|(_, y)| y.parse::<i32>().ok());
        year.is_some_and(|y| (a..=b).contains(&y))
    };
    for e in entries.flatten() {
        let name = PathBuf::from("units").join(e.file_name());
        let ours = name.extension().is_some_and(|x| x == "html" || x == "json");
        if ours && !current.contains(name.as_path()) && in_years(&name) {
            // A page that cannot be removed only stays stale; the run itself succeeded.
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The tasks of a unit-year's plans when no report came: listed (ids as `gap` gives them) with
/// the status `NO_REPORT`, their deadlines and responsible parties, nothing judged.
pub(super) fn owed_tasks(g: &Group, seg: &Arc<Segmenter>) -> Vec<TaskRow> {
    let several = g.plans.len() > 1;
    let mut rows = Vec::new();
    for (k, d) in g.plans.iter().enumerate() {
        for t in crate::analyze((*d).clone(), seg).tasks {
            rows.push(TaskRow {
                id: if several {
                    format!("d{}.{}", k + 1, t.id)
                } else {
                    t.id.clone()
                },
                path: t.path.clone(),
                title: t.title.clone(),
                status: NO_REPORT.to_string(),
                score: 0.0,
                flags: String::new(),
                quote: String::new(),
                keywords: t.keywords.clone(),
                text_hash: crate::reviews::text_hash(&t.text),
                deadline: t.deadlines.join("；"),
                responsible: t.responsible.join("；"),
            });
        }
    }
    rows
}
