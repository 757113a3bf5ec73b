//! What batch writes besides the tables: unit page names, the pages of unpaired unit-years as
//! JSON, removing pages gone from the input, and the worker count a run may use.

use super::UnitResult;
use crate::load;
use std::path::{Path, PathBuf};

/// The most bytes of a unit's name kept in its page's file name (file systems allow 255 per
/// name, and the temporary name adds a prefix and suffix).
const MAX_STEM_UNIT_BYTES: usize = 120;

impl UnitResult {
    /// The file stem of the unit's page: `<unit>-<year>`, safe on every file system. A name that
    /// had to be changed (characters replaced, or cut to `MAX_STEM_UNIT_BYTES`) gets a hash of
    /// the full name, so units that sanitise alike (`a<b`, `a>b`) keep pages of their own.
    pub fn page_stem(&self) -> String {
        let mut unit: String = self
            .unit
            .chars()
            .map(|c| {
                if c.is_control() || "/\\:*?\"<>|".contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        if unit.starts_with('.') || unit.is_empty() {
            unit.insert(0, '_');
        }
        if unit != self.unit || unit.len() > MAX_STEM_UNIT_BYTES {
            let mut cut = MAX_STEM_UNIT_BYTES.min(unit.len());
            while !unit.is_char_boundary(cut) {
                cut -= 1;
            }
            unit.truncate(cut);
            unit.push('-');
            unit.push_str(&load::content_hash(self.unit.as_bytes())[..8]);
        }
        let year = self
            .year
            .map_or("未注明年份".to_string(), |y| y.to_string());
        format!("{unit}-{year}")
    }
}

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
