//! What a cached result and the written outputs depend on, as keys: the documents, the
//! dictionaries and every source file of the analysis and its rendering. A key that left out a
//! file (the decision once lived in one file, now in five) would serve stale statuses after an
//! upgrade, so a test holds the list to the files on disk.

use super::Group;
use crate::error::Error;
use crate::load;
use std::path::PathBuf;

/// Bump when cached results would no longer match what this version computes.
const CACHE_VERSION: u32 = 1;

/// `(path under src/, contents)` of each listed file.
macro_rules! sources {
    ($($path:literal),* $(,)?) => {
        [$(($path, include_str!(concat!("../", $path)))),*]
    };
}

/// The code and data a unit-year's result depends on: any edit recomputes it.
const ANALYSIS_SOURCES: [(&str, &str); 44] = sources![
    "align/abbrev.rs",
    "align/features.rs",
    "align/gap_model.json",
    "align/judge.rs",
    "align/mod.rs",
    "align/model.rs",
    "align/score.rs",
    "align/terms.rs",
    "batch.rs",
    "batch/cache.rs",
    "batch/files.rs",
    "batch/keys.rs",
    "batch/warnings.rs",
    "doc.rs",
    "error.rs",
    "extract/mod.rs",
    "extract/passage.rs",
    "extract/period.rs",
    "extract/plan.rs",
    "extract/report.rs",
    "extract/role.rs",
    "extract/sentence.rs",
    "extract/target.rs",
    "lib.rs",
    "load/decode.rs",
    "load/docx.rs",
    "load/fold.rs",
    "load/manifest.rs",
    "load/meta.rs",
    "load/mod.rs",
    "load/ofd.rs",
    "load/pdf.rs",
    "load/split.rs",
    "load/walk.rs",
    "load/word97.rs",
    "load/xlsx.rs",
    "normalize.rs",
    "outline/marker.rs",
    "outline/mod.rs",
    "reviews.rs",
    "segment.rs",
    "unit_year.rs",
    "vocab.rs",
    "years.rs",
];

/// The code that renders pages and the department tables: an edit means writing them again.
const OUTPUT_SOURCES: [(&str, &str); 9] = sources![
    "report/batch_html.rs",
    "report/batch_tables.rs",
    "report/extraction.rs",
    "report/gap.rs",
    "report/gap_html.rs",
    "report/html.rs",
    "report/mod.rs",
    "report/table.rs",
    "report/xlsx.rs",
];

/// Everything the outputs depend on: each unit-year's cache key (documents, dictionaries,
/// analysis code), the errors, and the rendering code.
pub(super) fn outputs_signature(keys: &[String], errors: &[Error]) -> String {
    let mut s = format!("v{CACHE_VERSION}|{}\n", env!("CARGO_PKG_VERSION"));
    for (_, src) in OUTPUT_SOURCES {
        s.push_str(&load::content_hash(src.as_bytes()));
        s.push('\n');
    }
    for k in keys {
        s.push_str(k);
        s.push('\n');
    }
    for e in errors {
        s.push_str(&e.to_string());
        s.push('\n');
    }
    load::content_hash(s.as_bytes())
}

/// Identifies what results depend on besides the documents: dictionaries (embedded and `--dict`)
/// and code, the rendering of each unit's page included.
pub(super) fn dict_key(dicts: &[PathBuf]) -> String {
    let mut bytes = Vec::new();
    for s in [
        crate::segment::USER_DICT,
        crate::segment::STOPWORDS,
        crate::segment::SYNONYMS,
    ]
    .into_iter()
    .chain(ANALYSIS_SOURCES.iter().map(|(_, src)| *src))
    .chain(OUTPUT_SOURCES.iter().map(|(_, src)| *src))
    {
        bytes.extend_from_slice(s.as_bytes());
    }
    for d in dicts {
        bytes.extend_from_slice(d.display().to_string().as_bytes());
        bytes.extend(std::fs::read(d).unwrap_or_default());
    }
    load::content_hash(&bytes)
}

/// The cache key of a unit-year: its documents' ids, metadata and content hashes.
pub(super) fn pair_key(dict_key: &str, g: &Group) -> String {
    let mut s = format!("v{CACHE_VERSION}|{}|{dict_key}", env!("CARGO_PKG_VERSION"));
    for d in g.plans.iter().chain(&g.reports) {
        let m = &d.meta;
        s.push_str(&format!(
            "\n{}|{}|{}|{:?}|{}|{}",
            d.id(),
            d.hash,
            m.unit,
            m.year,
            m.kind.as_str(),
            m.title
        ));
    }
    load::content_hash(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Source files that no batch result depends on: the commands, the server, the search
    /// index, the synthetic corpus, evaluation and tests.
    fn outside_batch(rel: &str) -> bool {
        rel == "main.rs"
            || rel == "synth.rs"
            || rel == "eval.rs"
            || rel.ends_with("tests.rs")
            || ["cli/", "serve/", "index/"]
                .iter()
                .any(|d| rel.starts_with(d))
    }

    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, root, out);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "json") {
                let rel = p
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(rel);
            }
        }
    }

    #[test]
    fn the_keys_cover_every_source_file_a_result_depends_on() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut on_disk = Vec::new();
        walk(&src, &src, &mut on_disk);
        let mut needed: Vec<String> = on_disk.into_iter().filter(|f| !outside_batch(f)).collect();
        needed.sort();
        let mut listed: Vec<String> = super::ANALYSIS_SOURCES
            .iter()
            .chain(&super::OUTPUT_SOURCES)
            .map(|(p, _)| p.to_string())
            .collect();
        listed.sort();
        assert_eq!(listed, needed);
        assert!(needed.contains(&"align/judge.rs".to_string()));
        assert!(needed.contains(&"align/gap_model.json".to_string()));
    }
}
