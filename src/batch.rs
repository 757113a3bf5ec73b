//! A whole department in one pass: load every file in parallel, pair each unit's plans with its
//! report of the same year, run the gap analysis once per pair, write the department's outputs.
//!
//! The only module that uses rayon. Results per unit-year are cached in `OUT/.cache/results.bin`
//! by the content hashes of their documents, so an unchanged re-run segments nothing and, when the
//! outputs on disk are the last run's, writes nothing either.

use crate::doc::Doc;
use crate::error::{Error, Result, Warning};
use crate::load::{self, manifest::ManifestCache};
use crate::report::{self, gap as g};
use crate::segment::Segmenter;
pub use crate::unit_year::{TaskRow, UnitResult};
pub use crate::vocab::{is_missing, Counts, CHECKED, NO_PLAN, NO_REPORT, NO_TASKS};
use crate::Analyzed;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

mod cache;
mod files;
mod keys;
mod warnings;
use cache::{write_cache, CacheEntry, CACHE_FILE};
pub use files::{clamp_jobs, MAX_JOBS_PER_CORE};
use files::{owed_tasks, remove_stale_pages, unpaired_json};
use keys::{dict_key, outputs_signature, pair_key};

/// What `batch` was asked to do, free of command-line types.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub dir: PathBuf,
    pub out: PathBuf,
    /// Only documents of these years (inclusive); other years' pages and index entries stay.
    pub years: Option<(i32, i32)>,
    /// Worker threads (0: one per core).
    pub jobs: usize,
    /// Extra jieba dictionaries on top of the embedded ones.
    pub dicts: Vec<PathBuf>,
    /// Search index to update in the same pass (None: leave the index alone).
    pub index: Option<PathBuf>,
    /// Spelling of the tables' headers and status words (Chinese unless `--lang en`).
    pub lang: crate::vocab::Lang,
}

/// Which part of the run a progress report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Documents,
    Pairs,
    Index,
    Writing,
}

/// One progress tick for the caller's progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub stage: Stage,
    pub done: usize,
    pub total: usize,
}

/// What a run did: counts for the caller, errors to print, whether Ctrl-C cut it short.
#[derive(Debug, Default)]
pub struct Outcome {
    pub files: usize,
    pub documents: usize,
    pub bytes: u64,
    pub units: Vec<UnitResult>,
    pub errors: Vec<Error>,
    /// Unit-years served from the cache rather than computed.
    pub cached: usize,
    pub interrupted: bool,
    /// Whether the outputs were written (or found current): true also when Ctrl-C came during
    /// the write phase, which finishes the set rather than leaving half of it.
    pub complete: bool,
    /// What the index update did, when one was asked for.
    pub index: Option<crate::index::IndexStats>,
    /// Wall seconds per phase (load, pairs, index, write), for benchmarks and `--verbose` users.
    pub timings: Vec<(&'static str, f64)>,
    /// Dictionary lines that had to be repaired (empty when nothing needed segmenting), and
    /// notes on the run itself (`--jobs` lowered).
    pub warnings: Vec<String>,
    /// What was guessed or ignored about the inputs (walk, manifests, metadata, pairing), each
    /// also a row of warnings.csv.
    pub input_warnings: Vec<Warning>,
}

/// Documents of one unit-year, by kind (borrowed from the loaded documents).
#[derive(Default)]
struct Group<'a> {
    plans: Vec<&'a Doc>,
    reports: Vec<&'a Doc>,
}

/// The segmenter, built on first use: an unchanged re-run may never need it.
struct LazySeg<'a> {
    dicts: &'a [PathBuf],
    cell: OnceLock<std::result::Result<Arc<Segmenter>, String>>,
}

impl LazySeg<'_> {
    fn get(&self) -> Result<Arc<Segmenter>> {
        self.cell
            .get_or_init(|| Segmenter::for_dicts(self.dicts).map_err(|e| e.to_string()))
            .clone()
            .map_err(Error::Usage)
    }

    /// Dictionary lines the segmenter had to repair, if it was built at all.
    fn warnings(&self) -> Vec<String> {
        match self.cell.get() {
            Some(Ok(seg)) => seg.warnings.clone(),
            _ => Vec::new(),
        }
    }
}

/// Runs the whole department; stops taking new pairs once `stop` is set and then writes nothing.
pub fn run(
    cfg: &Config,
    progress: &(dyn Fn(Progress) + Sync),
    stop: &AtomicBool,
) -> Result<Outcome> {
    let (jobs, note) = clamp_jobs(cfg.jobs);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads ({e})")))?;
    let mut out = pool.install(|| run_in_pool(cfg, progress, stop))?;
    out.warnings.extend(note);
    Ok(out)
}

fn run_in_pool(
    cfg: &Config,
    progress: &(dyn Fn(Progress) + Sync),
    stop: &AtomicBool,
) -> Result<Outcome> {
    let mut out = Outcome::default();
    let mut clock = std::time::Instant::now();
    let mut lap = |out: &mut Outcome, phase: &'static str| {
        out.timings.push((phase, clock.elapsed().as_secs_f64()));
        clock = std::time::Instant::now();
    };
    // A department folder that is not there fails before OUT or the index is created.
    if !cfg.dir.exists() {
        return Err(Error::input(&cfg.dir, "no such file or folder"));
    }
    if let Some(dir) = &cfg.index {
        crate::index::check_unlocked(dir)?;
    }
    // Outputs and the index may sit inside the department folder; they are never documents.
    let own: Vec<PathBuf> = std::iter::once(&cfg.out)
        .chain(cfg.index.as_ref())
        .filter_map(|p| p.canonicalize().ok())
        .collect();
    let walked = load::walk(std::slice::from_ref(&cfg.dir), &own);
    let files = walked.files;
    out.errors.extend(walked.errors);
    out.input_warnings = walked.warnings;
    out.files = files.len();
    let (docs, load_errors, bytes, load_warnings) = load_all(&files, progress);
    out.errors.extend(load_errors);
    out.bytes = bytes;
    out.input_warnings.extend(load_warnings);
    let in_years = |d: &Doc| {
        cfg.years
            .is_none_or(|(a, b)| d.meta.year.is_some_and(|y| (a..=b).contains(&y)))
    };
    // Documents of other years keep their index entries: `--year` updates one year only.
    let (docs, other_years): (Vec<Doc>, Vec<Doc>) = docs.into_iter().partition(in_years);
    let other_years: Vec<PathBuf> = other_years.into_iter().map(|d| d.path).collect();
    out.documents = docs.len();
    lap(&mut out, "load");
    let seg = LazySeg {
        dicts: &cfg.dicts,
        cell: OnceLock::new(),
    };
    let dict_key = dict_key(&cfg.dicts);
    let groups = group(&docs);
    for ((unit, year), g) in &groups {
        out.input_warnings
            .extend(warnings::group_warnings(unit, *year, g));
    }
    let total = groups.len();
    let done = AtomicUsize::new(0);
    let cached = AtomicUsize::new(0);
    let cache_path = cfg.out.join(".cache").join(CACHE_FILE);
    let cache = std::sync::Mutex::new(read_cache(&cache_path));
    let keys: Vec<String> = groups.iter().map(|(_, g)| pair_key(&dict_key, g)).collect();
    let results: Vec<Option<std::result::Result<UnitResult, Error>>> = groups
        .par_iter()
        .zip(keys.par_iter())
        .map(|(((unit, year), grp), key)| {
            if stop.load(Ordering::SeqCst) {
                return None;
            }
            let hit = cache.lock().ok().and_then(|mut c| c.remove(key));
            let r = match hit {
                Some(r) => {
                    cached.fetch_add(1, Ordering::Relaxed);
                    Ok(r)
                }
                None => compute_guarded(unit, *year, grp, &seg),
            };
            let n = done.fetch_add(1, Ordering::SeqCst) + 1;
            progress(Progress {
                stage: Stage::Pairs,
                done: n,
                total,
            });
            Some(r)
        })
        .collect();
    out.cached = cached.load(Ordering::Relaxed);
    out.warnings = seg.warnings();
    if stop.load(Ordering::SeqCst) {
        out.interrupted = true;
        return Ok(out);
    }
    // Rewritten only when something was computed or an old entry is gone: an unchanged re-run
    // leaves it alone. A cache that cannot be written only costs time on the next run.
    let stale = cache.lock().map_or(true, |c| !c.is_empty());
    if out.cached < results.len() || stale || !cache_path.is_file() {
        let _ = write_cache(&cache_path, keys.iter().zip(&results));
    }
    for r in results.into_iter().flatten() {
        match r {
            Ok(u) => {
                out.input_warnings.extend(u.warnings.iter().cloned());
                out.units.push(u)
            }
            Err(e) => out.errors.push(e),
        }
    }
    lap(&mut out, "pairs");
    // An index taken by another process meanwhile costs the index update, not the outputs.
    let mut index_failed = None;
    if let Some(dir) = &cfg.index {
        match update_index(dir, &docs, &other_years, &seg, &out.errors, progress, stop) {
            Ok(stats) => out.index = stats,
            Err(e) => index_failed = Some(e),
        }
        out.warnings = seg.warnings();
        lap(&mut out, "index");
    }
    // Ctrl-C before the write phase: the index keeps its last commit and no output is touched.
    // Once writing has begun it finishes (a half-written set would be worse), then reports.
    if stop.load(Ordering::SeqCst) {
        out.interrupted = true;
        return Ok(out);
    }
    // Reviewers' verdicts from `luoshi serve`, shown beside the machine's in tasks.csv, the
    // summary and the xlsx; a changed review rewrites the outputs like a changed document.
    let (reviews, review_error) = crate::reviews::current(&cfg.out.join(crate::reviews::FILE));
    out.errors.extend(review_error);
    let mut review_keys: Vec<String> = reviews
        .values()
        .map(|r| {
            format!(
                "{}|{:?}|{}|{}|{}|{}",
                r.unit, r.year, r.task_id, r.text_hash, r.status, r.note
            )
        })
        .collect();
    review_keys.sort();
    review_keys.push(format!("lang={:?}", cfg.lang));
    let warning_keys = out.input_warnings.iter().map(|w| format!("{w}|{}", w.unit));
    let signature = outputs_signature(
        &[keys.clone(), review_keys, warning_keys.collect()].concat(),
        &out.errors,
    );
    if !report::batch_html::outputs_current(&cfg.out, &signature) {
        let (written, failed) =
            write_outputs(&cfg.out, &out, &reviews, cfg.lang, cfg.years, progress);
        // Without the record the next run only writes again; it never skips wrongly.
        if failed.is_empty() {
            let _ = report::batch_html::record_outputs(&cfg.out, &signature, &written);
        }
        out.errors.extend(failed);
    }
    if let Some(e) = index_failed {
        out.errors.push(e);
    }
    out.interrupted = stop.load(Ordering::SeqCst);
    out.complete = true;
    lap(&mut out, "write");
    Ok(out)
}

/// Loads every file in parallel with one manifest cache; outcomes come back in path order, with
/// what the manifests and the metadata inference had to guess.
fn load_all(
    files: &[PathBuf],
    progress: &(dyn Fn(Progress) + Sync),
) -> (Vec<Doc>, Vec<Error>, u64, Vec<Warning>) {
    let manifests = ManifestCache::default();
    let done = AtomicUsize::new(0);
    let outcomes: Vec<(Result<Vec<Doc>>, u64)> = files
        .par_iter()
        .map(|f| {
            let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
            let r = catch_unwind(AssertUnwindSafe(|| load::load_file(f, &manifests)))
                .unwrap_or_else(|_| {
                    Err(Error::input(
                        f,
                        "internal error while reading (please report)",
                    ))
                });
            let n = done.fetch_add(1, Ordering::SeqCst) + 1;
            progress(Progress {
                stage: Stage::Documents,
                done: n,
                total: files.len(),
            });
            (r, size)
        })
        .collect();
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let mut bytes = 0;
    for (r, size) in outcomes {
        bytes += size;
        match r {
            Ok(mut d) => docs.append(&mut d),
            Err(e) => errors.push(e),
        }
    }
    let mut warnings = manifests.take_warnings();
    warnings.extend(docs.iter().flat_map(load::meta::doc_warnings));
    (docs, errors, bytes, warnings)
}

/// Groups documents by (unit, year), each group's documents in path order.
fn group(docs: &[Doc]) -> Vec<((String, Option<i32>), Group<'_>)> {
    let mut map: BTreeMap<(String, Option<i32>), Group> = BTreeMap::new();
    for d in docs {
        let g = map.entry((d.meta.unit.clone(), d.meta.year)).or_default();
        if d.meta.kind.is_plan_like() {
            g.plans.push(d);
        } else {
            g.reports.push(d);
        }
    }
    map.into_iter().collect()
}

/// Cached results by key; a missing, unreadable or partly corrupt cache only means recomputing.
pub(super) fn read_cache(path: &Path) -> std::collections::HashMap<String, UnitResult> {
    let Ok(bytes) = std::fs::read(path) else {
        return std::collections::HashMap::new();
    };
    // Split into entries first (cheap), then parse the small JSON parts in parallel.
    let mut entries: Vec<CacheEntry> = Vec::new();
    let mut at = 0;
    while let Some(nl) = bytes[at..].iter().position(|&b| b == b'\n') {
        let Ok(header) = std::str::from_utf8(&bytes[at..at + nl]) else {
            break;
        };
        let mut parts = header.split('\t');
        let key = parts.next().unwrap_or_default();
        let lens: Vec<usize> = parts.filter_map(|p| p.parse().ok()).collect();
        let [a, b, c] = lens[..] else { break };
        let start = at + nl + 1;
        let Some(end) = start.checked_add(a + b + c).filter(|&e| e <= bytes.len()) else {
            break;
        };
        entries.push((
            key,
            &bytes[start..start + a],
            &bytes[start + a..start + a + b],
            &bytes[start + a + b..end],
        ));
        at = end;
    }
    entries
        .par_iter()
        .filter_map(|&(key, meta, html, json)| {
            let mut r: UnitResult = serde_json::from_slice(meta).ok()?;
            r.html = String::from_utf8(html.to_vec()).ok()?;
            r.json = String::from_utf8(json.to_vec()).ok()?;
            Some((key.to_string(), r))
        })
        .collect()
}

/// Computes a unit-year; a panic inside the analysis becomes an error row, never an abort.
fn compute_guarded(
    unit: &str,
    year: Option<i32>,
    g: &Group,
    seg: &LazySeg,
) -> std::result::Result<UnitResult, Error> {
    let first = g
        .plans
        .first()
        .or(g.reports.first())
        .map(|d| d.path.clone())
        .unwrap_or_default();
    catch_unwind(AssertUnwindSafe(|| compute(unit, year, g, seg))).unwrap_or_else(|_| {
        Err(Error::input(
            first,
            "internal error while analysing (please report)",
        ))
    })
}

fn compute(unit: &str, year: Option<i32>, g: &Group, seg: &LazySeg) -> Result<UnitResult> {
    let mut r = UnitResult {
        unit: unit.to_string(),
        year,
        status: String::new(),
        plan_titles: g.plans.iter().map(|d| d.meta.title.clone()).collect(),
        plan_paths: g.plans.iter().map(|d| d.id()).collect(),
        report_title: g.reports.first().map(|d| d.meta.title.clone()),
        report_path: g.reports.first().map(|d| d.id()),
        other_reports: g.reports.iter().skip(1).map(|d| d.id()).collect(),
        warnings: Vec::new(),
        counts: None,
        tasks: Vec::new(),
        html: String::new(),
        json: String::new(),
    };
    let report_doc = match (g.plans.is_empty(), g.reports.first()) {
        (false, Some(rep)) => rep,
        (plans_empty, _) => {
            r.status = if plans_empty { NO_PLAN } else { NO_REPORT }.to_string();
            if !plans_empty {
                // The plan's tasks still belong in the register, each owed a report.
                r.tasks = owed_tasks(g, &seg.get()?);
            }
            r.html = report::batch_html::unpaired_page(&r);
            r.json = unpaired_json(&r);
            return Ok(r);
        }
    };
    r.warnings.extend(crate::swap_warning(&g.plans, report_doc));
    let seg = seg.get()?;
    let plans: Vec<Analyzed> = g
        .plans
        .iter()
        .map(|d| crate::analyze((*d).clone(), &seg))
        .collect();
    let report_a = crate::analyze((*report_doc).clone(), &seg);
    let refs: Vec<&Analyzed> = plans.iter().collect();
    let gap = crate::gap(&refs, &report_a, &seg);
    r.status = if gap.summary.tasks == 0 {
        NO_TASKS
    } else {
        CHECKED
    }
    .to_string();
    r.counts = Some(gap.summary.clone());
    // `gap` judges every plan task once, in plan order: each result sits beside its task.
    let plan_tasks = plans.iter().flat_map(|p| &p.tasks);
    r.tasks = gap
        .tasks
        .iter()
        .zip(plan_tasks)
        .map(|(t, planned)| TaskRow {
            id: t.id.clone(),
            path: t.path.clone(),
            title: t.title.clone(),
            status: t.status.as_str().to_string(),
            score: t.score,
            flags: crate::vocab::flags_joined(&t.flags),
            quote: g::best_quote(t).to_string(),
            keywords: planned.keywords.clone(),
            text_hash: crate::reviews::text_hash(&t.text),
            deadline: planned.deadlines.join("；"),
            responsible: planned.responsible.join("；"),
        })
        .collect();
    r.html = report::gap_html::unit_page(&gap);
    // Compact: a department's unit pages are read by programs, and indentation made them 60%
    // larger (127 MB for 1,986 synthetic pairs) and slower to write twice (cache and page).
    r.json = serde_json::to_string(&gap).map_err(|e| Error::Usage(e.to_string()))? + "\n";
    Ok(r)
}

/// Updates the search index with the documents already loaded, in the same pass.
fn update_index(
    dir: &Path,
    docs: &[Doc],
    other_years: &[PathBuf],
    seg: &LazySeg,
    errors: &[Error],
    progress: &(dyn Fn(Progress) + Sync),
    stop: &AtomicBool,
) -> Result<Option<crate::index::IndexStats>> {
    let mut opts = crate::index::IndexOptions {
        threads: rayon::current_num_threads(),
        ..crate::index::IndexOptions::keeping_failed(errors)
    };
    opts.keep_paths.extend_from_slice(other_years);
    let tick = |done, total| {
        progress(Progress {
            stage: Stage::Index,
            done,
            total,
        })
    };
    let chunks = docs
        .chunks(INDEX_CHUNK)
        .map(|c| c.iter().collect::<Vec<&Doc>>());
    index_chunks_until(dir, chunks, docs.len(), seg.get()?, &opts, &tick, stop)
}

/// Documents prepared for the index per parallel step: enough to keep every core busy, few
/// enough that their prepared passages stay a small part of memory.
const INDEX_CHUNK: usize = 64;

/// Indexes already-loaded documents into `dir` in one commit: changed documents are prepared in
/// parallel (outline, fields) and cut once by the writer's threads; unchanged ones are skipped.
/// `progress(done, total)` after each document. The `index` command and `batch` both index here.
pub fn index_documents(
    dir: &Path,
    docs: &[Doc],
    seg: Arc<Segmenter>,
    opts: &crate::index::IndexOptions,
    progress: &dyn Fn(usize, usize),
) -> Result<crate::index::IndexStats> {
    let chunks = docs
        .chunks(INDEX_CHUNK)
        .map(|c| c.iter().collect::<Vec<&Doc>>());
    index_chunks(dir, chunks, docs.len(), seg, opts, progress)
}

/// Like `index_documents` for documents made a chunk at a time (a caller that never holds them
/// all, such as the search benchmark): memory stays at one chunk of text plus the writer's budget.
pub fn index_chunks<D: std::borrow::Borrow<Doc> + Sync>(
    dir: &Path,
    chunks: impl Iterator<Item = Vec<D>>,
    total: usize,
    seg: Arc<Segmenter>,
    opts: &crate::index::IndexOptions,
    progress: &dyn Fn(usize, usize),
) -> Result<crate::index::IndexStats> {
    let never = AtomicBool::new(false);
    let stats = index_chunks_until(dir, chunks, total, seg, opts, progress, &never)?;
    Ok(stats.unwrap_or_default())
}

/// `index_chunks` that gives up without committing once `stop` is set (None): the index keeps
/// its last commit.
fn index_chunks_until<D: std::borrow::Borrow<Doc> + Sync>(
    dir: &Path,
    chunks: impl Iterator<Item = Vec<D>>,
    total: usize,
    seg: Arc<Segmenter>,
    opts: &crate::index::IndexOptions,
    progress: &dyn Fn(usize, usize),
    stop: &AtomicBool,
) -> Result<Option<crate::index::IndexStats>> {
    let mut ix = crate::index::Indexer::open(dir, seg, opts.threads)?;
    let preparer = ix.preparer();
    let mut done = 0;
    for chunk in chunks {
        if stop.load(Ordering::SeqCst) {
            return Ok(None);
        }
        let prepared: Vec<crate::index::PreparedDoc> = chunk
            .par_iter()
            .map(|d| {
                let d = d.borrow();
                if ix.is_current(d) {
                    crate::index::PreparedDoc::default()
                } else {
                    preparer.prepare(d)
                }
            })
            .collect();
        for (d, p) in chunk.iter().zip(prepared) {
            ix.add_prepared(d.borrow(), p)?;
            done += 1;
            progress(done, total);
        }
    }
    if opts.remove_missing {
        ix.remove_unseen(&opts.keep_paths);
    }
    if stop.load(Ordering::SeqCst) {
        return Ok(None);
    }
    ix.commit().map(Some)
}

/// Writes every output file; returns each written one's path (relative to `out_dir`) and size,
/// and the files that could not be rendered or written (one failure never cancels the others).
fn write_outputs(
    out_dir: &Path,
    o: &Outcome,
    reviews: &crate::reviews::ByTask,
    lang: crate::vocab::Lang,
    years: Option<(i32, i32)>,
    progress: &(dyn Fn(Progress) + Sync),
) -> (Vec<(PathBuf, u64)>, Vec<Error>) {
    for d in ["", "units", ".cache"] {
        report::remove_stale_temporaries(&out_dir.join(d));
    }
    let (mut files, mut failed) =
        report::batch_tables::output_files(&o.units, &o.errors, reviews, lang);
    let warnings_csv = warnings::csv_bytes(&o.input_warnings);
    files.push((PathBuf::from(warnings::FILE), warnings_csv.into()));
    for e in &mut failed {
        if let Error::Output { path, .. } = e {
            *path = out_dir.join(&*path);
        }
    }
    // A run killed from here on leaves no record, so the next run writes every file again.
    let _ = std::fs::remove_file(
        out_dir
            .join(".cache")
            .join(report::batch_html::OUTPUTS_FILE),
    );
    let total = files.len();
    let done = AtomicUsize::new(0);
    // Every changed file is written in full under its temporary name first (in parallel:
    // thousands of small pages keep the disk queue full), then all are renamed in one quick
    // pass, so the old and the new set are mixed only for the moment of the renames.
    let staged: Vec<std::result::Result<Option<PathBuf>, Error>> = files
        .par_iter()
        .map(|(rel, bytes)| {
            let path = out_dir.join(rel);
            let r =
                report::write_staged(&path, bytes).map_err(|source| Error::Output { path, source });
            progress(Progress {
                stage: Stage::Writing,
                done: done.fetch_add(1, Ordering::SeqCst) + 1,
                total,
            });
            r
        })
        .collect();
    let mut written = Vec::new();
    for ((rel, bytes), r) in files.iter().zip(staged) {
        let path = out_dir.join(rel);
        let switched = match r {
            Ok(None) => Ok(()),
            Ok(Some(tmp)) => std::fs::rename(&tmp, &path).inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            }),
            Err(e) => {
                failed.push(e);
                continue;
            }
        };
        match switched {
            Ok(()) => written.push((rel.clone(), bytes.len() as u64)),
            Err(source) => failed.push(Error::Output { path, source }),
        }
    }
    remove_stale_pages(out_dir, &files, years);
    (written, failed)
}
