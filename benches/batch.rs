//! End-to-end department benchmark: a synthetic department of 1,020 units × 2 years (≥ 4,000
//! documents), `batch::run` with the index update, a cached re-run, and jieba alone for scale.
//! Prints wall times, input MB/s and peak RSS; asserts the counts it reports.

mod common;

use luoshi::batch::{self, Config};
use luoshi::synth;
use rayon::prelude::*;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

const UNITS: usize = 1020;
const JOBS: usize = 2;

/// The run's time per phase (load, pairs, index, write) on one line.
fn print_phases(o: &batch::Outcome) {
    let phases: Vec<String> = o
        .timings
        .iter()
        .map(|(p, t)| format!("{p} {t:.2} s"))
        .collect();
    println!("  phases: {}", phases.join(", "));
}

fn main() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dept = tmp.path().join("dept");
    let seg = luoshi::Segmenter::shared();
    let t = Instant::now();
    let w = synth::synth(
        &synth::Config {
            units: UNITS,
            years: 2022..=2023,
            seed: 42,
            out: dept.clone(),
        },
        &seg,
    )
    .expect("synth");
    println!(
        "synth: {} documents, {:.1} MB in {:.2} s",
        w.documents,
        w.bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    assert!(w.documents >= 4000, "{} documents", w.documents);

    let cfg = Config {
        dir: dept.clone(),
        out: tmp.path().join("out"),
        jobs: JOBS,
        index: Some(tmp.path().join("index")),
        ..Default::default()
    };
    let stop = AtomicBool::new(false);
    let t = Instant::now();
    let o = batch::run(&cfg, &|_| {}, &stop).expect("batch");
    let first = t.elapsed().as_secs_f64();
    assert_eq!(o.documents, w.documents);
    assert_eq!(o.units.len(), UNITS * 2);
    assert!(o.errors.is_empty(), "{:?}", o.errors);
    let mb = o.bytes as f64 / 1e6;
    println!(
        "batch (cold, {JOBS} threads, index included): {} documents, {:.1} MB, {} unit-years in {:.2} s = {:.2} MB/s, {:.0} docs/s",
        o.documents,
        mb,
        o.units.len(),
        first,
        mb / first,
        o.documents as f64 / first
    );
    print_phases(&o);
    println!("peak RSS after cold run: {:.0} MB", common::peak_rss_mb());

    let t = Instant::now();
    let o2 = batch::run(&cfg, &|_| {}, &stop).expect("batch re-run");
    let rerun = t.elapsed().as_secs_f64();
    assert_eq!(o2.cached, o2.units.len());
    println!(
        "batch re-run (unchanged, all {} unit-years cached): {:.2} s = {:.0}% of the cold run",
        o2.cached,
        rerun,
        rerun / first * 100.0
    );
    print_phases(&o2);
    // Each outcome holds every unit page; the whole-process peak should be one run's, not three.
    drop((o, o2));

    let no_index = Config {
        out: tmp.path().join("out-no-index"),
        index: None,
        ..cfg.clone()
    };
    let t = Instant::now();
    let o3 = batch::run(&no_index, &|_| {}, &stop).expect("batch without index");
    let cold_no_index = t.elapsed().as_secs_f64();
    assert_eq!(o3.cached, 0);
    println!(
        "batch (cold, {JOBS} threads, without the index): {:.2} s = {:.2} MB/s",
        cold_no_index,
        mb / cold_no_index
    );

    let loaded = luoshi::load::load_paths(&[dept]);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(JOBS)
        .build()
        .expect("pool");
    let t = Instant::now();
    let words: usize =
        pool.install(|| loaded.docs.par_iter().map(|d| seg.cut(&d.text).len()).sum());
    let cut = t.elapsed().as_secs_f64();
    println!(
        "jieba alone ({JOBS} threads, same documents): {words} words in {cut:.2} s = {:.2} MB/s",
        mb / cut
    );
    println!("peak RSS (whole process): {:.0} MB", common::peak_rss_mb());
}
