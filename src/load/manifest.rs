//! `manifest.csv` (path,unit,year,kind,title): metadata for the paths it lists, never the list of files.

use crate::doc::Kind;
use crate::error::Warning;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a manifest says about one file; empty cells leave the field to inference.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestRow {
    pub unit: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<Kind>,
    pub title: Option<String>,
}

type Rows = HashMap<PathBuf, ManifestRow>;

/// Years a manifest may give; anything else (`-5`, `99999`) is a typo, warned about and ignored.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Finds and parses the manifest.csv files above input files, once each, safely across threads.
#[derive(Debug, Default)]
pub struct ManifestCache {
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Rows>>>>,
    /// What the manifests read so far had wrong (an unreadable file, a year like 99999).
    warnings: Mutex<Vec<Warning>>,
}

impl ManifestCache {
    /// The manifest row for `file`, from the nearest manifest.csv in its ancestor folders that lists it.
    pub fn lookup(&self, file: &Path) -> Option<ManifestRow> {
        let abs = std::path::absolute(file).ok()?;
        for dir in abs.ancestors().skip(1) {
            if let Some(rows) = self.rows_in(dir) {
                let rel = abs.strip_prefix(dir).ok()?;
                if let Some(r) = rows.get(rel) {
                    return Some(r.clone());
                }
            }
        }
        None
    }

    /// The warnings of the manifests read so far, each once (the cache forgets them).
    pub fn take_warnings(&self) -> Vec<Warning> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn rows_in(&self, dir: &Path) -> Option<Arc<Rows>> {
        let mut map = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
        map.entry(dir.to_path_buf())
            .or_insert_with(|| {
                let path = dir.join("manifest.csv");
                path.is_file().then(|| {
                    let mut warnings = Vec::new();
                    let rows = parse_manifest(&path, &mut warnings);
                    self.warnings
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .append(&mut warnings);
                    Arc::new(rows)
                })
            })
            .clone()
    }
}

fn parse_manifest(path: &Path, warnings: &mut Vec<Warning>) -> Rows {
    let mut rows = Rows::new();
    let Ok(bytes) = std::fs::read(path) else {
        warnings.push(Warning::about(path, "cannot read manifest"));
        return rows;
    };
    let text =
        String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)).into_owned();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => return rows,
    };
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(pc), uc, yc, kc, tc) = (
        col("path"),
        col("unit"),
        col("year"),
        col("kind"),
        col("title"),
    ) else {
        warnings.push(Warning::about(path, "manifest has no path column"));
        return rows;
    };
    for rec in reader.records().flatten() {
        let get = |c: Option<usize>| {
            c.and_then(|i| rec.get(i))
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let Some(p) = get(Some(pc)) else { continue };
        let year = get(yc).and_then(|y| {
            let ok = y.parse::<i32>().ok().filter(|n| PLAUSIBLE_YEARS.contains(n));
            if ok.is_none() {
                warnings.push(Warning {
                    path: path.parent().unwrap_or(Path::new("")).join(&p),
                    unit: get(uc).unwrap_or_default(),
                    year: None,
                    message: format!(
                        "manifest year '{y}' is not a year between {} and {}; ignored, the year is inferred",
                        PLAUSIBLE_YEARS.start(),
                        PLAUSIBLE_YEARS.end()
                    ),
                });
            }
            ok
        });
        rows.insert(
            PathBuf::from(&p),
            ManifestRow {
                unit: get(uc),
                year,
                kind: get(kc).and_then(|k| Kind::parse(&k)),
                title: get(tc),
            },
        );
    }
    rows
}
