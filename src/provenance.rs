//! Which code a stored result came from: the batch results cache and the search index record a
//! hash of every source file (and the fitted weights) their contents depend on, so a new luoshi
//! recomputes them instead of serving what the old one found. A list that left out a file (the
//! decision once lived in one file, now in five) would keep stale statuses, so a test holds it to
//! the files on disk.

use std::sync::OnceLock;

/// `(path under src/, contents)` of each listed file.
macro_rules! sources {
    ($($path:literal),* $(,)?) => {
        [$(($path, include_str!($path))),*]
    };
}

/// The code and data a stored result (a unit-year's gap analysis, an indexed passage) depends on:
/// any edit recomputes it.
const ANALYSIS_SOURCES: [(&str, &str); 53] = sources![
    "align/abbrev.rs",
    "align/features.rs",
    "align/figures.rs",
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
    "index/analyzer.rs",
    "index/mod.rs",
    "index/query.rs",
    "index/search.rs",
    "index/snippet.rs",
    "index/trend.rs",
    "index/word_query.rs",
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
    "provenance.rs",
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

/// One hash of every listed file: stored beside cached results and in the index's payload.
pub fn code_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let mut bytes = Vec::new();
        for (path, src) in ANALYSIS_SOURCES.iter().chain(&OUTPUT_SOURCES) {
            bytes.extend_from_slice(path.as_bytes());
            bytes.extend_from_slice(src.as_bytes());
        }
        crate::load::content_hash(&bytes)
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// Source files that no stored result depends on: the commands, the server, the synthetic
    /// corpus, evaluation and tests.
    fn outside_stored_results(rel: &str) -> bool {
        rel == "main.rs"
            || rel == "synth.rs"
            || rel == "eval.rs"
            || rel.ends_with("tests.rs")
            || ["cli/", "serve/"].iter().any(|d| rel.starts_with(d))
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
    fn the_hash_covers_every_source_file_a_stored_result_depends_on() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut on_disk = Vec::new();
        walk(&src, &src, &mut on_disk);
        let mut needed: Vec<String> = on_disk
            .into_iter()
            .filter(|f| !outside_stored_results(f))
            .collect();
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
