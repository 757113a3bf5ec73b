//! The "X is the only module that …" invariants of ARCHITECTURE.md, checked over the source tree.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn files_mentioning(needle: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut hits: Vec<String> = files
        .iter()
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
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    for f in files {
        let lines = std::fs::read_to_string(&f).unwrap().lines().count();
        assert!(lines <= 850, "{} has {lines} lines", f.display());
    }
}
