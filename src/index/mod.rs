//! Stage 6: the tantivy passage index — the only module that imports tantivy.
//!
//! Every passage (`extract::passage::passages`) is one tantivy document with two analyses of its text: jieba
//! words in search mode and character bigrams with real positions (exact text, and recall for words
//! a longer dictionary word hides). Indexing is incremental by content hash and commits once.

pub mod analyzer;
pub mod query;
pub mod search;
pub mod snippet;
pub mod trend;
mod word_query;

use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::segment::Segmenter;
use analyzer::{BigramTokenizer, WordTokenizer, BIGRAMS, WORDS};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::directory::error::LockError;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, TantivyError, Term};

pub use query::{parse_year_range, Filters};
pub use search::{Facets, Hit, SearchResults};
pub use trend::{TrendBy, TrendRow};

/// Where `index`, `search` and `trend` keep the index unless `--index` says otherwise.
pub const DEFAULT_DIR: &str = "luoshi-index";

/// Bumped when the schema or the analyzers change, so an old index is rebuilt rather than misread.
const SCHEMA_VERSION: u32 = 3;

/// The dictionaries and the code an index's passages were analysed with.
fn analysis_key(seg: &Segmenter) -> String {
    format!("{}|{}", seg.dict_hash(), crate::provenance::code_hash())
}

/// What the commit payload records, so a later run knows whether the index still fits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
struct Payload {
    schema: u32,
    dict_hash: String,
}

/// The fields of a passage document, looked up once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub doc_id: Field,
    pub path: Field,
    pub unit: Field,
    pub year: Field,
    pub kind: Field,
    pub outline_path: Field,
    pub section_title: Field,
    pub role: Field,
    pub text: Field,
    pub bigrams: Field,
    pub title: Field,
    pub hash: Field,
    /// A passage's place in its document, so equal-score hits come back in reading order.
    pub seq: Field,
    /// The passage in the file's own characters when the document was folded from Traditional:
    /// stored only, for snippets (the indexed `text` is the folded one, with the same offsets).
    pub original: Field,
}

fn build_schema() -> Schema {
    let mut b = Schema::builder();
    let keyword = STRING | STORED | FAST;
    b.add_text_field("doc_id", keyword.clone());
    b.add_text_field("path", STORED);
    b.add_text_field("unit", keyword.clone());
    b.add_i64_field("year", INDEXED | STORED | FAST);
    b.add_text_field("kind", keyword.clone());
    b.add_text_field("outline_path", STORED);
    b.add_text_field("section_title", STORED);
    b.add_text_field("role", STRING | STORED);
    let words = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            // Words are matched one by one (phrases go to the bigram field), so their positions
            // would be written for nothing: about a tenth of indexing time.
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    b.add_text_field("text", words);
    let bigrams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(BIGRAMS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field("bigrams", bigrams);
    b.add_text_field("title", STORED);
    b.add_text_field("hash", keyword);
    b.add_u64_field("seq", STORED);
    b.add_text_field("original", STORED);
    b.build()
}

fn fields(schema: &Schema) -> Result<Fields> {
    let f = |name: &str| {
        schema
            .get_field(name)
            .map_err(|_| Error::Index(format!("index has no field '{name}'")))
    };
    Ok(Fields {
        doc_id: f("doc_id")?,
        path: f("path")?,
        unit: f("unit")?,
        year: f("year")?,
        kind: f("kind")?,
        outline_path: f("outline_path")?,
        section_title: f("section_title")?,
        role: f("role")?,
        text: f("text")?,
        bigrams: f("bigrams")?,
        title: f("title")?,
        hash: f("hash")?,
        seq: f("seq")?,
        original: f("original")?,
    })
}

/// Turns a tantivy error into one plain line naming the index.
pub(crate) fn index_error(dir: &Path, e: TantivyError) -> Error {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => Error::Index(format!(
            "{}: index is locked by another luoshi process",
            dir.display()
        )),
        other => Error::Index(format!(
            "{}: index is corrupt or unreadable ({})",
            dir.display(),
            other.to_string().replace('\n', " ")
        )),
    }
}

/// Fails fast when another process holds the index's write lock, so a long run does not compute
/// everything and then find it cannot store it. A missing index is fine (it will be created).
pub fn check_unlocked(dir: &Path) -> Result<()> {
    if !dir.join("meta.json").is_file() {
        return Ok(());
    }
    let index = Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?;
    let probe: IndexWriter = index
        .writer_with_num_threads(1, 15_000_000)
        .map_err(|e| index_error(dir, e))?;
    drop(probe);
    Ok(())
}

/// An open passage index with its analyzers registered on the shared segmenter.
pub struct LuoshiIndex {
    dir: PathBuf,
    index: Index,
    fields: Fields,
    seg: Arc<Segmenter>,
    reader: Option<IndexReader>,
    payload: Option<Payload>,
}

impl std::fmt::Debug for LuoshiIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LuoshiIndex")
            .field("dir", &self.dir)
            .finish_non_exhaustive()
    }
}

fn read_payload(index: &Index) -> Option<Payload> {
    let meta = index.load_metas().ok()?;
    serde_json::from_str(meta.payload.as_deref()?).ok()
}

impl LuoshiIndex {
    /// Opens an existing index for searching; a missing or corrupt index is an `Error::Index`.
    pub fn open(dir: &Path, seg: Arc<Segmenter>) -> Result<LuoshiIndex> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::Index(format!(
                "{}: no index here (run `luoshi index PATH... --index {}` first)",
                dir.display(),
                dir.display()
            )));
        }
        let index = Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?;
        let payload = read_payload(&index);
        if payload.is_none() {
            // Created but never committed: the first build was killed before its end.
            return Err(Error::Index(format!(
                "{}: index was never completed (its first build was interrupted); run `luoshi index PATH... --index {}` again",
                dir.display(),
                dir.display()
            )));
        }
        if payload.as_ref().is_some_and(|p| p.schema != SCHEMA_VERSION) {
            return Err(Error::Index(format!(
                "{}: index was built by another luoshi version; run `luoshi index` again",
                dir.display()
            )));
        }
        let mut li = LuoshiIndex::assemble(dir, index, seg, payload)?;
        let reader = li
            .index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| index_error(dir, e))?;
        li.reader = Some(reader);
        Ok(li)
    }

    /// Opens the index for writing, creating it (or rebuilding it when its schema is outdated).
    fn open_for_writing(dir: &Path, seg: Arc<Segmenter>) -> Result<LuoshiIndex> {
        let schema = build_schema();
        std::fs::create_dir_all(dir).map_err(|e| {
            Error::Index(format!(
                "{}: cannot create index folder ({e})",
                dir.display()
            ))
        })?;
        let mut index = None;
        if dir.join("meta.json").is_file() {
            let existing = Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?;
            let payload = read_payload(&existing);
            // A fresh index has no payload until its first commit; that is not an old layout.
            let current = payload.as_ref().is_none_or(|p| p.schema == SCHEMA_VERSION);
            if current && existing.schema() == schema {
                index = Some((existing, payload));
            } else {
                // Never wipe an index another process is writing: take its lock first.
                let probe: IndexWriter = existing
                    .writer_with_num_threads(1, 15_000_000)
                    .map_err(|e| index_error(dir, e))?;
                drop(probe);
                drop(existing);
                // An index of an older layout is rebuilt from scratch.
                std::fs::remove_dir_all(dir)
                    .and_then(|_| std::fs::create_dir_all(dir))
                    .map_err(|e| {
                        Error::Index(format!("{}: cannot rebuild index ({e})", dir.display()))
                    })?;
            }
        }
        let (index, payload) = match index {
            Some(existing) => existing,
            None => (
                Index::create_in_dir(dir, schema).map_err(|e| index_error(dir, e))?,
                None,
            ),
        };
        LuoshiIndex::assemble(dir, index, seg, payload)
    }

    /// Wraps an opened tantivy index: its fields, its commit payload and luoshi's analyzers.
    fn assemble(
        dir: &Path,
        index: Index,
        seg: Arc<Segmenter>,
        payload: Option<Payload>,
    ) -> Result<LuoshiIndex> {
        let fields = fields(&index.schema())?;
        let mut li = LuoshiIndex {
            dir: dir.to_path_buf(),
            index,
            fields,
            seg,
            reader: None,
            payload,
        };
        li.register();
        Ok(li)
    }

    fn register(&mut self) {
        let t = self.index.tokenizers();
        t.register(WORDS, WordTokenizer::new(self.seg.clone()));
        t.register(BIGRAMS, BigramTokenizer);
    }

    /// Whether the index was built with other dictionaries than the segmenter's (its words would
    /// differ) or by another luoshi (its passages, roles and outline paths would).
    pub fn analysis_changed(&self) -> bool {
        self.payload
            .as_ref()
            .is_none_or(|p| p.dict_hash != analysis_key(&self.seg))
    }

    /// Where the index lives.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn searcher(&self) -> tantivy::Searcher {
        match &self.reader {
            Some(r) => r.searcher(),
            None => unreachable!("searcher() on an index opened for writing"),
        }
    }

    pub(crate) fn segmenter(&self) -> &Segmenter {
        &self.seg
    }

    /// Whether a document id is in the index (serve shows only documents it knows).
    pub fn contains_document(&self, id: &str) -> Result<bool> {
        Ok(self.stored_documents()?.contains_key(id))
    }

    /// The unit names of the indexed documents, sorted: what a `--unit` filter can match, and
    /// what to suggest when it matches none.
    pub fn units(&self) -> Result<Vec<String>> {
        let searcher = self.searcher();
        let mut out = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            let Some(units) = seg
                .fast_fields()
                .str("unit")
                .map_err(|e| index_error(&self.dir, e))?
            else {
                continue;
            };
            let ords: HashSet<u64> = seg
                .doc_ids_alive()
                .filter_map(|d| units.ords().first(d))
                .collect();
            for o in ords {
                let mut name = String::new();
                if units.ord_to_str(o, &mut name).is_ok() {
                    out.insert(name);
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    /// Every document in the index with its content hash (document id → hash).
    fn stored_documents(&self) -> Result<HashMap<String, String>> {
        let reader = self.index.reader().map_err(|e| index_error(&self.dir, e))?;
        let searcher = reader.searcher();
        let mut out = HashMap::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let ids = ff.str("doc_id").map_err(|e| index_error(&self.dir, e))?;
            let hashes = ff.str("hash").map_err(|e| index_error(&self.dir, e))?;
            let (Some(ids), Some(hashes)) = (ids, hashes) else {
                continue;
            };
            let mut pairs = HashSet::new();
            for d in seg.doc_ids_alive() {
                if let (Some(i), Some(h)) = (ids.ords().first(d), hashes.ords().first(d)) {
                    pairs.insert((i, h));
                }
            }
            for (i, h) in pairs {
                let (mut id, mut hash) = (String::new(), String::new());
                if ids.ord_to_str(i, &mut id).is_ok() && hashes.ord_to_str(h, &mut hash).is_ok() {
                    out.insert(id, hash);
                }
            }
        }
        Ok(out)
    }
}

/// What one indexing run did, in documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    pub indexed: usize,
    pub skipped: usize,
    pub removed: usize,
    pub passages: usize,
}

/// How an indexing run treats documents already in the index.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Remove indexed documents that are not among the given ones (the inputs are the whole collection).
    pub remove_missing: bool,
    /// Files that failed to load this time: their old passages are kept rather than removed.
    pub keep_paths: Vec<PathBuf>,
    /// Indexing threads (0: tantivy's choice, one per core up to 8).
    pub threads: usize,
}

impl IndexOptions {
    /// Options for indexing a whole collection, where files that failed to load this time (`errors`)
    /// keep their old passages.
    pub fn keeping_failed(errors: &[Error]) -> IndexOptions {
        let keep_paths = errors
            .iter()
            .filter_map(|e| match e {
                Error::Input { path, .. } => Some(path.clone()),
                _ => None,
            })
            .collect();
        IndexOptions {
            keep_paths,
            ..IndexOptions::default()
        }
    }
}

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            remove_missing: true,
            keep_paths: Vec::new(),
            threads: 0,
        }
    }
}

/// A document's passages made ready for the index (outline parsed, fields filled), so the caller
/// can prepare many documents in parallel while the writer's threads cut and write postings.
#[derive(Default)]
pub struct PreparedDoc {
    passages: Vec<TantivyDocument>,
}

/// Turns documents into prepared passages with the index's fields; cheap to clone and safe to
/// share across threads.
#[derive(Clone)]
pub struct Preparer {
    fields: Fields,
}

impl Preparer {
    /// Turns every passage of `doc` into an index document.
    pub fn prepare(&self, doc: &Doc) -> PreparedDoc {
        let f = self.fields;
        let id = doc.id();
        let path = doc.path.display().to_string();
        // A folded document's title is shown in its own characters (same bytes of the original).
        let shown_title = match (&doc.original, doc.text.find(&doc.meta.title)) {
            (Some(o), Some(at)) => o
                .get(at..at + doc.meta.title.len())
                .unwrap_or(&doc.meta.title)
                .to_string(),
            _ => doc.meta.title.clone(),
        };
        let passages = crate::extract::passage::passages(doc)
            .iter()
            .enumerate()
            .map(|(seq, p)| {
                let text = p.span.of(&doc.text);
                let mut d = TantivyDocument::new();
                d.add_u64(f.seq, seq as u64);
                d.add_text(f.doc_id, &id);
                d.add_text(f.path, &path);
                d.add_text(f.unit, &doc.meta.unit);
                if let Some(y) = doc.meta.year {
                    d.add_i64(f.year, i64::from(y));
                }
                d.add_text(f.kind, doc.meta.kind.as_str());
                d.add_text(f.outline_path, &p.path);
                d.add_text(f.section_title, &p.section_title);
                if let Some(r) = p.role {
                    d.add_text(f.role, r.as_str());
                }
                // Plain text, cut by the registered analyzers in the writer's threads: tantivy
                // 0.27 round-trips pre-tokenized text through JSON, which made indexing 3× slower
                // than cutting again (benches/search.rs, 2,000 documents: 10.8 vs 3.4 MB/s).
                d.add_text(f.text, text);
                d.add_text(f.bigrams, text);
                d.add_text(f.title, &shown_title);
                d.add_text(f.hash, &doc.hash);
                if let Some(o) = &doc.original {
                    d.add_text(f.original, p.span.of(o));
                }
                d
            })
            .collect();
        PreparedDoc { passages }
    }
}

/// An open writer: add documents, then `commit` once, so a crash leaves the last commit usable.
pub struct Indexer {
    li: LuoshiIndex,
    writer: IndexWriter,
    existing: HashMap<String, String>,
    seen: HashSet<String>,
    stats: IndexStats,
}

impl Indexer {
    /// Opens (or creates) the index at `dir` for writing; fails if another process holds its lock.
    pub fn open(dir: &Path, seg: Arc<Segmenter>, threads: usize) -> Result<Indexer> {
        let li = LuoshiIndex::open_for_writing(dir, seg)?;
        let threads = if threads == 0 {
            std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1)
                .min(8)
        } else {
            threads
        };
        let writer = li
            .index
            .writer_with_num_threads(threads, threads * 64_000_000)
            .map_err(|e| index_error(dir, e))?;
        let mut existing = li.stored_documents()?;
        if li.analysis_changed() && !existing.is_empty() {
            // Other dictionaries cut other words, other code reads other passages: every
            // passage is re-analysed.
            writer
                .delete_all_documents()
                .map_err(|e| index_error(dir, e))?;
            existing.clear();
        }
        Ok(Indexer {
            li,
            writer,
            existing,
            seen: HashSet::new(),
            stats: IndexStats::default(),
        })
    }

    /// Whether `doc` is already indexed with the same content.
    pub fn is_current(&self, doc: &Doc) -> bool {
        self.existing.get(&doc.id()) == Some(&doc.hash)
    }

    /// What turns documents into passages ready for this index; share it across threads.
    pub fn preparer(&self) -> Preparer {
        Preparer {
            fields: self.li.fields,
        }
    }

    /// Adds passages prepared by `preparer()`; an unchanged document
    /// is only counted as skipped, whatever was prepared for it.
    pub fn add_prepared(&mut self, doc: &Doc, prepared: PreparedDoc) -> Result<()> {
        let id = doc.id();
        if self.existing.get(&id) == Some(&doc.hash) {
            self.stats.skipped += 1;
            self.seen.insert(id);
            return Ok(());
        }
        self.seen.insert(id.clone());
        if self.existing.contains_key(&id) {
            self.writer
                .delete_term(Term::from_field_text(self.li.fields.doc_id, &id));
        }
        let n = prepared.passages.len();
        for d in prepared.passages {
            self.writer
                .add_document(d)
                .map_err(|e| index_error(&self.li.dir, e))?;
        }
        self.stats.indexed += 1;
        self.stats.passages += n;
        Ok(())
    }

    /// Removes indexed documents not added in this run, except those from `keep_paths`.
    pub fn remove_unseen(&mut self, keep_paths: &[PathBuf]) {
        let keep: HashSet<String> = keep_paths.iter().map(|p| p.display().to_string()).collect();
        let f = self.li.fields;
        let mut gone: Vec<&String> = self
            .existing
            .keys()
            .filter(|id| !self.seen.contains(*id))
            .filter(|id| {
                let path = id.rsplit_once('#').map_or(id.as_str(), |(p, _)| p);
                !keep.contains(path) && !keep.contains(id.as_str())
            })
            .collect();
        gone.sort();
        for id in gone {
            self.writer.delete_term(Term::from_field_text(f.doc_id, id));
            self.stats.removed += 1;
        }
    }

    /// Commits everything in one step and records the dictionaries the words were cut with.
    pub fn commit(mut self) -> Result<IndexStats> {
        if self.stats.indexed == 0 && self.stats.removed == 0 && !self.li.analysis_changed() {
            // Nothing to record: the last commit stands, and an unchanged re-run stays cheap.
            return Ok(self.stats);
        }
        let payload = Payload {
            schema: SCHEMA_VERSION,
            dict_hash: analysis_key(&self.li.seg),
        };
        let payload = serde_json::to_string(&payload).unwrap_or_default();
        let dir = self.li.dir.clone();
        let mut prepared = self
            .writer
            .prepare_commit()
            .map_err(|e| index_error(&dir, e))?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(|e| index_error(&dir, e))?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| index_error(&dir, e))?;
        Ok(self.stats)
    }
}
