//! The "X is the only module that …" invariants of ARCHITECTURE.md, checked over the source tree.

mod util;

use std::path::Path;

fn files_mentioning(needle: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut hits: Vec<String> = util::files_under(&src)
        .iter()
        .filter(|f| f.extension().is_some_and(|x| x == "rs"))
        .filter(|f| std::fs::read_to_string(f).unwrap().contains(needle))
        .map(|f| f.strip_prefix(&src).unwrap().display().to_string())
        .collect();
    hits.sort();
    hits
}

#[test]
fn only_index_imports_tantivy() {
    assert!(
        files_mentioning("tantivy::")
            .iter()
            .all(|f| f.starts_with("index/")),
        "{:?}",
        files_mentioning("tantivy::")
    );
}

#[test]
fn only_segment_imports_jieba() {
    assert_eq!(files_mentioning("jieba_rs"), vec!["segment.rs"]);
}

#[test]
fn only_batch_uses_rayon() {
    assert_eq!(files_mentioning("rayon::"), vec!["batch.rs"]);
}

#[test]
fn only_load_knows_the_input_formats_crates() {
    for (needle, file) in [
        ("calamine::", "load/xlsx.rs"),
        ("pdf_extract::", "load/pdf.rs"),
        ("cfb::", "load/word97.rs"),
        ("ferrous_opencc::", "load/fold.rs"),
    ] {
        assert_eq!(files_mentioning(needle), vec![file], "{needle}");
    }
}

#[test]
fn only_cli_knows_clap() {
    assert!(
        files_mentioning("clap::")
            .iter()
            .all(|f| f.starts_with("cli/") || f == "main.rs"),
        "{:?}",
        files_mentioning("clap::")
    );
}

#[test]
fn no_source_file_is_a_god_file() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rust = util::files_under(&src)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|x| x == "rs"));
    for f in rust {
        let lines = std::fs::read_to_string(&f).unwrap().lines().count();
        assert!(lines <= 850, "{} has {lines} lines", f.display());
    }
}

#[test]
fn only_serve_knows_axum_tokio_and_maud_and_only_reviews_rusqlite() {
    for needle in ["axum::", "tokio::", "maud::"] {
        let hits = files_mentioning(needle);
        assert!(!hits.is_empty(), "{needle} is used somewhere");
        assert!(
            hits.iter().all(|f| f.starts_with("serve/")),
            "{needle}: {hits:?}"
        );
    }
    // The review store sits below both serve (which writes it) and batch (which reads it back).
    let hits = files_mentioning("rusqlite::");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(hits[0].ends_with("reviews.rs") && !hits[0].starts_with("serve/"));
}

#[test]
fn report_imports_nothing_from_batch() {
    // The formats read the vocabulary and the unit-year results below them, never the pipeline.
    let hits: Vec<String> = files_mentioning("batch::")
        .into_iter()
        .filter(|f| f.starts_with("report/"))
        .collect();
    assert!(hits.is_empty(), "{hits:?}");
}
