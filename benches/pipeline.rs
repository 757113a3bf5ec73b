//! Throughput of segmentation and extraction on the five seeds concatenated 200 times, and a check
//! that extraction work grows linearly with input length (time per MB at 1×, 2×, 4× the input).
//!
//! Run with `cargo bench --bench pipeline`. Prints figures; asserts the counts it measured.

use luoshi::doc::{Doc, Kind, Meta};
use luoshi::normalize::normalize;
use luoshi::{analyze, Segmenter};
use std::path::PathBuf;
use std::time::Instant;

fn seeds_text() -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [
        "民政局/2023",
        "团市委机关/2023",
        "市直机关党组/2023",
        "某市直单位党组/2022",
    ] {
        for e in std::fs::read_dir(root.join("corpus").join(dir)).expect("corpus") {
            files.push(e.expect("entry").path());
        }
    }
    files.sort();
    files
        .iter()
        .map(|f| std::fs::read_to_string(f).expect("seed"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn doc_from(raw: &str, kind: Kind) -> Doc {
    let n = normalize(raw);
    Doc {
        path: "bench.txt".into(),
        index: 0,
        meta: Meta {
            unit: "bench".into(),
            year: Some(2023),
            kind,
            title: String::new(),
            sources: Default::default(),
        },
        encoding: "UTF-8".into(),
        original: None,
        paragraphs: n.paragraphs,
        text: n.text,
        title_paragraph: None,
        hash: String::new(),
    }
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn main() {
    let seg = Segmenter::shared();
    let one = seeds_text();
    let big = one.repeat(200);
    println!("input: five seeds × 200 = {:.1} MB", mb(big.len()));

    // Segmentation alone (what `luoshi segment` does per paragraph).
    let t = Instant::now();
    let mut tokens = 0usize;
    for line in big.lines() {
        tokens += seg.cut(line).len();
    }
    let secs = t.elapsed().as_secs_f64();
    assert!(tokens > 1_000_000);
    println!(
        "segment: {tokens} tokens in {secs:.2} s = {:.1} MB/s",
        mb(big.len()) / secs
    );

    // Extraction: normalise, outline, tasks with commitments and targets, report facts.
    let t = Instant::now();
    let plan = analyze(doc_from(&big, Kind::Plan), &seg);
    let facts = luoshi::extract::report::extract_report(&doc_from(&big, Kind::Report), &seg);
    let secs = t.elapsed().as_secs_f64();
    assert!(!plan.tasks.is_empty() && !facts.placeholders.is_empty());
    println!(
        "extract: {} tasks, {} placeholders in {secs:.2} s = {:.1} MB/s",
        plan.tasks.len(),
        facts.placeholders.len(),
        mb(big.len()) / secs
    );

    // Linearity: seconds per MB should stay flat as the input doubles.
    for k in [25usize, 50, 100] {
        let text = one.repeat(k);
        let t = Instant::now();
        let a = analyze(doc_from(&text, Kind::Plan), &seg);
        let secs = t.elapsed().as_secs_f64();
        assert!(!a.tasks.is_empty());
        println!(
            "linearity: {k:>3}× = {:.2} MB in {secs:.3} s, {:.3} s/MB",
            mb(text.len()),
            secs / mb(text.len())
        );
    }
}
