//! The results cache, `OUT/.cache/results.bin`: one file of every unit-year's result, page and
//! page JSON by key, so an unchanged re-run parses rather than computes. Reading it is in
//! batch.rs, the only module that uses rayon.

use super::UnitResult;
use crate::error::Error;
use crate::report;
use std::path::Path;

/// The cache file under `OUT/.cache/`. Per unit-year: a header line `key<TAB>byte lengths of the
/// result's JSON, page and page JSON`, then those three byte runs. One file rather than one per
/// unit-year (creating thousands of small files was a large share of a cold run); pages stored raw
/// rather than as escaped JSON strings (parsing them was most of an unchanged re-run).
pub(super) const CACHE_FILE: &str = "results.bin";

/// One cache entry as byte runs of the file: key, result JSON, page, page JSON.
pub(super) type CacheEntry<'a> = (&'a str, &'a [u8], &'a [u8], &'a [u8]);

/// Writes this run's results (and only them) to the cache file, atomically.
pub(super) fn write_cache<'a>(
    path: &Path,
    entries: impl Iterator<
        Item = (
            &'a String,
            &'a Option<std::result::Result<UnitResult, Error>>,
        ),
    >,
) -> std::io::Result<()> {
    report::write_atomic_with(path, |w| {
        for (key, r) in entries {
            if let Some(Ok(r)) = r {
                let meta = serde_json::to_vec(r).map_err(std::io::Error::other)?;
                let header = format!(
                    "{key}\t{}\t{}\t{}\n",
                    meta.len(),
                    r.html.len(),
                    r.json.len()
                );
                w.write_all(header.as_bytes())?;
                w.write_all(&meta)?;
                w.write_all(r.html.as_bytes())?;
                w.write_all(r.json.as_bytes())?;
            }
        }
        Ok(())
    })?;
    // Earlier versions kept other cache files here.
    if let Some(Ok(old)) = path.parent().map(std::fs::read_dir) {
        for e in old.flatten() {
            if e.file_name() != CACHE_FILE && e.file_name() != report::batch_html::OUTPUTS_FILE {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(())
}
