//! Search benchmark (harness = false): index ≥ 10,000 documents made from the shipped corpus with
//! varied unit and year, then run ≥ 1,000 mixed queries. Prints indexing MB/s and docs/s, index
//! size, peak RSS and query latency p50/p99. Run with `cargo bench --bench search`.

mod common;

use luoshi::index::{Filters, IndexOptions, LuoshiIndex};
use luoshi::{Doc, Kind, Segmenter};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DOCS: usize = 10_000;
const QUERIES: usize = 1_200;

fn dir_size(p: &Path) -> u64 {
    std::fs::read_dir(p)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| {
                    let p = e.path();
                    if p.is_dir() {
                        dir_size(&p)
                    } else {
                        e.metadata().map(|m| m.len()).unwrap_or(0)
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Copy `i` of the corpus: same text, its own path, unit and year.
fn variant(base: &Doc, i: usize) -> Doc {
    let mut d = base.clone();
    let unit = format!("单位{:03}", i % 250);
    let year = 2013 + (i / 250 % 12) as i32;
    d.path = PathBuf::from(format!("bench/{unit}/{year}/{i:05}.txt"));
    d.index = 0;
    d.hash = format!("{}-{i}", base.hash);
    d.meta.unit = unit;
    d.meta.year = Some(year);
    d
}

/// xorshift64, so the query mix is the same every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

/// Indexes the corpus copies as `luoshi index` would (all documents loaded, then indexed through
/// `batch::index_documents`) and prints indexing speed and index size.
fn index(base: &[Doc], seg: &std::sync::Arc<Segmenter>, dir: &Path) {
    // LUOSHI_BENCH_DOCS shrinks the corpus for profiling; the reported figures use the default.
    let n = std::env::var("LUOSHI_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DOCS);
    // Documents are made a chunk at a time, as a department too large to hold would be read.
    let bytes = std::cell::Cell::new(0usize);
    let chunks = (0..n).step_by(64).map(|s| {
        let chunk: Vec<Doc> = (s..(s + 64).min(n))
            .map(|i| variant(&base[i % base.len()], i))
            .collect();
        bytes.set(bytes.get() + chunk.iter().map(|d| d.text.len()).sum::<usize>());
        chunk
    });
    let start = Instant::now();
    let stats = luoshi::batch::index_chunks(
        dir,
        chunks,
        n,
        seg.clone(),
        &IndexOptions::default(),
        &|_, _| {},
    )
    .expect("index");
    let bytes = bytes.get();
    let secs = start.elapsed().as_secs_f64();
    let mb = bytes as f64 / 1e6;
    println!(
        "indexing: {} documents, {} passages, {:.1} MB of text in {:.2} s: {:.1} MB/s, {:.0} docs/s",
        stats.indexed,
        stats.passages,
        mb,
        secs,
        mb / secs,
        stats.indexed as f64 / secs
    );
    println!("index size on disk: {:.1} MB", dir_size(dir) as f64 / 1e6);
}

/// The writer's own floor: a bare tantivy index with only the two analysed fields (no stored or
/// filter field, no outline, no merge), fed the same passages. What luoshi adds is the gap to this.
fn writer_floor(base: &[Doc], seg: &std::sync::Arc<Segmenter>, dir: &Path) {
    use luoshi::index::analyzer::{BigramTokenizer, WordTokenizer, BIGRAMS, WORDS};
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
    let analysed = |tokenizer: &str, record| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(record),
        )
    };
    let mut b = Schema::builder();
    let words = b.add_text_field("text", analysed(WORDS, IndexRecordOption::WithFreqs));
    let bigrams = b.add_text_field(
        "bigrams",
        analysed(BIGRAMS, IndexRecordOption::WithFreqsAndPositions),
    );
    std::fs::create_dir_all(dir).expect("floor dir");
    let index = tantivy::Index::create_in_dir(dir, b.build()).expect("floor index");
    index
        .tokenizers()
        .register(WORDS, WordTokenizer::new(seg.clone()));
    index.tokenizers().register(BIGRAMS, BigramTokenizer);
    let passages: Vec<&str> = base
        .iter()
        .flat_map(|d| {
            luoshi::extract::passage::passages(d)
                .into_iter()
                .map(|p| p.span.of(&d.text))
        })
        .collect();
    // About 75 MB: enough for several flushed segments, as in the real run.
    let per_copy: usize = passages.iter().map(|p| p.len()).sum();
    let copies = (75_000_000 / per_copy.max(1)).max(1);
    let mut writer: tantivy::IndexWriter = index
        .writer_with_num_threads(2, 128_000_000)
        .expect("floor writer");
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let start = Instant::now();
    for _ in 0..copies {
        for p in &passages {
            let mut d = tantivy::TantivyDocument::new();
            d.add_text(words, *p);
            d.add_text(bigrams, *p);
            writer.add_document(d).expect("floor add");
        }
    }
    writer.commit().expect("floor commit");
    let secs = start.elapsed().as_secs_f64();
    let mb = (per_copy * copies) as f64 / 1e6;
    println!(
        "tantivy writer floor (words + bigrams fields only, 2 threads, no merging): {mb:.1} MB in {secs:.2} s = {:.1} MB/s",
        mb / secs
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let loaded = luoshi::load::load_paths(&[root.join("corpus")]);
    let base = loaded.docs;
    assert!(!base.is_empty(), "corpus/ not found");
    let seg = Segmenter::shared();
    let tmp = tempfile::tempdir().expect("tempdir");
    // LUOSHI_BENCH_INDEX keeps the index in a folder of one's choice, and an index already there
    // is queried without being rebuilt (for profiling the queries alone).
    let dir = std::env::var_os("LUOSHI_BENCH_INDEX")
        .map_or_else(|| tmp.path().join("index"), PathBuf::from);
    let reuse = dir.join("meta.json").is_file();

    // The analyzers alone, one thread: the ceiling tokenization sets on indexing speed.
    let t = Instant::now();
    let mut n = 0usize;
    let mut tok_bytes = 0usize;
    for _ in 0..5 {
        for d in &base {
            n += luoshi::index::analyzer::word_tokens(&seg, &d.text).len();
            tok_bytes += d.text.len();
        }
    }
    let words_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    for _ in 0..5 {
        for d in &base {
            n += luoshi::index::analyzer::bigram_tokens(&d.text).len();
        }
    }
    let bigrams_s = t.elapsed().as_secs_f64();
    println!(
        "analyzers, one thread: words {:.1} MB/s, bigrams {:.1} MB/s ({n} tokens)",
        tok_bytes as f64 / 1e6 / words_s,
        tok_bytes as f64 / 1e6 / bigrams_s
    );

    // Indexing: documents are made one at a time, as a batch run would hand them over.
    if !reuse {
        index(&base, &seg, &dir);
    }

    // Queries: terms, synonyms, phrases cut from passages, exclusions, OR, filters.
    let li = LuoshiIndex::open(&dir, seg.clone()).expect("open for search");
    let terms = [
        "三会一课",
        "廉政",
        "从严治党",
        "主体责任",
        "谈心谈话",
        "中心组学习",
        "警示教育",
        "民主生活会",
        "量子计算机",
        "营商环境",
        "脱贫攻坚",
        "中央八项规定",
        "巡察整改",
        "党风廉政建设 主体责任",
        "廉政 -党风廉政建设",
        "三会一课 OR 主题党日",
        "国内生产总值",
        "意识形态",
    ];
    let texts: Vec<&str> = base.iter().map(|d| d.text.as_str()).collect();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut times = Vec::with_capacity(QUERIES);
    let (mut word_times, mut phrase_times) = (Vec::new(), Vec::new());
    let mut total_hits = 0usize;
    for n in 0..QUERIES {
        let q = if n % 3 == 2 {
            // A quoted phrase of 4–10 characters from a random document.
            let chars: Vec<char> = texts[rng.below(texts.len())].chars().collect();
            let len = 4 + rng.below(7);
            let s = rng.below(chars.len().saturating_sub(len).max(1));
            let sub: String = chars[s..(s + len).min(chars.len())]
                .iter()
                .filter(|c| !matches!(c, '"' | '“' | '”'))
                .collect();
            format!("\"{sub}\"")
        } else {
            terms[rng.below(terms.len())].to_string()
        };
        let mut filters = Filters::default();
        match n % 4 {
            1 => {
                let y = 2013 + rng.below(12) as i32;
                filters.years = Some((y, y + rng.below(3) as i32));
            }
            2 => filters.units = vec![format!("单位{:03}", rng.below(250))],
            3 => filters.kinds = vec![if n % 8 == 3 { Kind::Report } else { Kind::Plan }],
            _ => {}
        }
        let t = Instant::now();
        let res = li.search(&q, &filters, 20).expect("search");
        let dt = t.elapsed();
        times.push(dt);
        if q.starts_with('"') {
            phrase_times.push(dt);
        } else {
            word_times.push(dt);
        }
        if std::env::var_os("LUOSHI_BENCH_SLOW").is_some() && dt.as_micros() > 5000 {
            println!(
                "slow: {q} {filters:?} {} ms, {} matches",
                dt.as_millis(),
                res.count
            );
        }
        total_hits += res.count;
    }
    times.sort();
    println!(
        "queries: {} (terms, phrases, exclusions, OR; year/unit/kind filters), {} matching passages in all",
        times.len(),
        total_hits
    );
    println!(
        "query latency: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        percentile(&times, 0.50).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times.last().map_or(0.0, |d| d.as_secs_f64() * 1e3)
    );
    for (name, mut ts) in [
        ("word queries", word_times),
        ("quoted phrases", phrase_times),
    ] {
        ts.sort();
        println!(
            "  {name} ({}): p50 {:.3} ms, p99 {:.3} ms",
            ts.len(),
            percentile(&ts, 0.50).as_secs_f64() * 1e3,
            percentile(&ts, 0.99).as_secs_f64() * 1e3
        );
    }
    println!("peak RSS: {:.0} MB", common::peak_rss_mb());
    // Last, so its memory does not count in the peak above.
    if !reuse {
        writer_floor(&base, &seg, &tmp.path().join("floor"));
    }
}
