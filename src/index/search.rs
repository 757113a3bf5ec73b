//! Running a query: BM25-ranked passages with snippets, the total count and facet counts.

use super::query::{self, Filters};
use super::snippet::snippet;
use super::{index_error, LuoshiIndex};
use crate::doc::Kind;
use crate::error::Result;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tantivy::collector::{Collector, SegmentCollector, TopDocs};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::Value;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument};

/// Counts of matching passages by unit, year and kind (year keys are strings, JSON objects need them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub unit: BTreeMap<String, usize>,
    pub year: BTreeMap<String, usize>,
    pub kind: BTreeMap<String, usize>,
}

/// One ranked passage, in the shape `search --format json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub unit: String,
    pub year: Option<i32>,
    pub kind: String,
    /// Document id: the file path, plus `#n` for a second document in the same file.
    pub path: String,
    pub outline_path: String,
    /// Document title.
    pub title: String,
    pub snippet: String,
    /// Character ranges within `snippet`.
    pub highlights: Vec<(usize, usize)>,
    pub score: f32,
    /// Section title and report role, for callers that group evidence (not printed by `search`).
    #[serde(skip)]
    pub section_title: String,
    #[serde(skip)]
    pub role: Option<String>,
    /// Full passage text (not printed by `search`).
    #[serde(skip)]
    pub text: String,
}

/// Everything a search returns: count and facets over all matches, the top `limit` hits.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct SearchResults {
    pub count: usize,
    pub facets: Facets,
    pub results: Vec<Hit>,
}

/// A document with at least one matching passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocMatch {
    pub doc_id: String,
    pub unit: String,
    pub year: Option<i64>,
    pub kind: String,
}

/// The distinct documents of the matching passages, with their unit, kind and year from fast
/// fields, for `trend`: O(1) per passage, and each document's fields turned into text once per
/// segment. Every passage of a document carries the document's unit, kind and year, so the
/// document decides them. `search` counts facets with `FacetCounter` instead.
pub(crate) struct DocMatches;

/// Unit and kind dictionary ordinals and the year of one document in a segment.
type DocFields = (Option<u64>, Option<u64>, Option<i64>);

pub(crate) struct SegmentDocMatches {
    ids: Option<StrColumn>,
    units: Option<StrColumn>,
    kinds: Option<StrColumn>,
    years: Option<Column<i64>>,
    /// Per document ordinal: its fields, read at its first passage.
    docs: HashMap<Option<u64>, DocFields>,
}

impl Collector for DocMatches {
    type Fruit = Vec<DocMatch>;
    type Child = SegmentDocMatches;

    fn for_segment(&self, _: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<Self::Child> {
        let ff = seg.fast_fields();
        Ok(SegmentDocMatches {
            ids: ff.str("doc_id")?,
            units: ff.str("unit")?,
            kinds: ff.str("kind")?,
            years: ff.i64("year").ok(),
            docs: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<DocMatch>>) -> tantivy::Result<Vec<DocMatch>> {
        // A document's passages may lie in several segments.
        let mut merged: HashMap<String, DocMatch> = HashMap::new();
        for m in fruits.into_iter().flatten() {
            merged.entry(m.doc_id.clone()).or_insert(m);
        }
        let mut out: Vec<DocMatch> = merged.into_values().collect();
        out.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
        Ok(out)
    }
}

impl SegmentCollector for SegmentDocMatches {
    type Fruit = Vec<DocMatch>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let ord = |c: &Option<StrColumn>| c.as_ref().and_then(|c| c.ords().first(doc));
        let (units, kinds, years) = (&self.units, &self.kinds, &self.years);
        self.docs.entry(ord(&self.ids)).or_insert_with(|| {
            (
                ord(units),
                ord(kinds),
                years.as_ref().and_then(|c| c.first(doc)),
            )
        });
    }

    fn harvest(self) -> Vec<DocMatch> {
        fn name(
            col: &Option<StrColumn>,
            ord: Option<u64>,
            cache: &mut HashMap<u64, String>,
        ) -> String {
            let (Some(c), Some(o)) = (col, ord) else {
                return String::new();
            };
            cache
                .entry(o)
                .or_insert_with(|| {
                    let mut s = String::new();
                    let _ = c.ord_to_str(o, &mut s);
                    s
                })
                .clone()
        }
        let (mut ids, mut units, mut kinds) = (HashMap::new(), HashMap::new(), HashMap::new());
        self.docs
            .iter()
            .map(|(&i, &(u, k, y))| DocMatch {
                doc_id: name(&self.ids, i, &mut ids),
                unit: name(&self.units, u, &mut units),
                kind: name(&self.kinds, k, &mut kinds),
                year: y,
            })
            .collect()
    }
}

/// Count and facets of every matching passage for `search`: per segment, counts by dictionary
/// ordinal (three increments per passage), names looked up once per segment; no per-document groups.
struct FacetCounter;

struct SegmentFacetCounter {
    units: Option<StrColumn>,
    kinds: Option<StrColumn>,
    years: Option<Column<i64>>,
    /// Per unit ordinal; the last slot counts passages without a unit.
    unit_counts: Vec<usize>,
    kind_counts: Vec<usize>,
    year_counts: Vec<(Option<i64>, usize)>,
    count: usize,
}

fn ord_slot(col: &Option<StrColumn>, doc: DocId, len: usize) -> usize {
    col.as_ref()
        .and_then(|c| c.ords().first(doc))
        .map_or(len - 1, |o| (o as usize).min(len - 1))
}

impl Collector for FacetCounter {
    type Fruit = (usize, Facets);
    type Child = SegmentFacetCounter;

    fn for_segment(&self, _: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<Self::Child> {
        let ff = seg.fast_fields();
        let units = ff.str("unit")?;
        let kinds = ff.str("kind")?;
        let slots =
            |c: &Option<StrColumn>| c.as_ref().map_or(0, |c| c.dictionary().num_terms()) + 1;
        Ok(SegmentFacetCounter {
            unit_counts: vec![0; slots(&units)],
            kind_counts: vec![0; slots(&kinds)],
            units,
            kinds,
            years: ff.i64("year").ok(),
            year_counts: Vec::new(),
            count: 0,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(usize, Facets)>) -> tantivy::Result<(usize, Facets)> {
        let mut count = 0;
        let mut facets = Facets::default();
        for (n, f) in fruits {
            count += n;
            for (mine, theirs) in [
                (&mut facets.unit, f.unit),
                (&mut facets.year, f.year),
                (&mut facets.kind, f.kind),
            ] {
                for (k, v) in theirs {
                    *mine.entry(k).or_default() += v;
                }
            }
        }
        Ok((count, facets))
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = (usize, Facets);

    fn collect(&mut self, doc: DocId, _: Score) {
        self.count += 1;
        let u = ord_slot(&self.units, doc, self.unit_counts.len());
        self.unit_counts[u] += 1;
        let k = ord_slot(&self.kinds, doc, self.kind_counts.len());
        self.kind_counts[k] += 1;
        let year = self.years.as_ref().and_then(|c| c.first(doc));
        match self.year_counts.iter_mut().find(|(y, _)| *y == year) {
            Some((_, n)) => *n += 1,
            None => self.year_counts.push((year, 1)),
        }
    }

    fn harvest(self) -> (usize, Facets) {
        fn named(col: &Option<StrColumn>, counts: &[usize]) -> BTreeMap<String, usize> {
            let mut out = BTreeMap::new();
            let last = counts.len() - 1;
            if counts[last] > 0 {
                out.insert(String::new(), counts[last]);
            }
            let ords: Vec<u64> = (0..last as u64)
                .filter(|&o| counts[o as usize] > 0)
                .collect();
            if let Some(c) = col {
                // One pass over the dictionary for all ordinals instead of a block lookup each.
                let mut i = 0;
                let _ = c.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                    let name = String::from_utf8_lossy(bytes).into_owned();
                    *out.entry(name).or_default() += counts[ords[i] as usize];
                    i += 1;
                });
            }
            out
        }
        let facets = Facets {
            unit: named(&self.units, &self.unit_counts),
            kind: named(&self.kinds, &self.kind_counts),
            year: self
                .year_counts
                .iter()
                .map(|(y, n)| {
                    (
                        y.map_or_else(|| "unknown".to_string(), |y| y.to_string()),
                        *n,
                    )
                })
                .collect(),
        };
        (self.count, facets)
    }
}

fn stored_str(d: &TantivyDocument, f: tantivy::schema::Field) -> String {
    d.get_first(f)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

impl LuoshiIndex {
    /// Matching documents (with passage counts) for a query under filters.
    pub(crate) fn doc_matches(
        &self,
        q: &query::ParsedQuery,
        filters: &Filters,
    ) -> Result<Vec<DocMatch>> {
        let tq = query::build(self.segmenter(), &self.fields, q, filters);
        self.searcher()
            .search(&*tq, &DocMatches)
            .map_err(|e| index_error(&self.dir, e))
    }

    /// Runs `text` (query syntax in `query::parse`) under `filters`; the best `limit` passages.
    pub fn search(&self, text: &str, filters: &Filters, limit: usize) -> Result<SearchResults> {
        let q = query::parse(text)?;
        let seg = self.segmenter();
        let tq = query::build(seg, &self.fields, &q, filters);
        let searcher = self.searcher();
        // No more hits than passages: a huge --limit must not size a huge heap.
        let total: usize = searcher.num_docs().try_into().unwrap_or(usize::MAX);
        let limit = limit.min(total);
        if limit == 0 {
            let (count, facets) = searcher
                .search(&*tq, &FacetCounter)
                .map_err(|e| index_error(&self.dir, e))?;
            return Ok(SearchResults {
                count,
                facets,
                results: Vec::new(),
            });
        }
        let top = TopDocs::with_limit(limit).order_by_score();
        let (mut top, (count, facets)) = searcher
            .search(&*tq, &(top, FacetCounter))
            .map_err(|e| index_error(&self.dir, e))?;
        // Hits tied with the last one kept may lie beyond the limit, in whatever order segments
        // were built: fetch until the tie is whole, then order ties by document path and
        // passage order, so two builds of the same documents answer alike.
        let mut fetch = limit;
        while top.len() == fetch
            && fetch < total
            && top.last().map(|t| t.0) == top.get(limit - 1).map(|t| t.0)
        {
            fetch = fetch.saturating_mul(2).min(total);
            top = searcher
                .search(&*tq, &TopDocs::with_limit(fetch).order_by_score())
                .map_err(|e| index_error(&self.dir, e))?;
        }
        let f = self.fields;
        let mut keyed = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&self.dir, e))?;
            let seq = d.get_first(f.seq).and_then(|v| v.as_u64()).unwrap_or(0);
            keyed.push((score, stored_str(&d, f.doc_id), seq, d));
        }
        keyed.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| a.1.cmp(&b.1))
                .then(a.2.cmp(&b.2))
        });
        keyed.truncate(limit);
        let terms = query::highlight_terms(seg, &q);
        let mut results = Vec::new();
        for (score, _, _, d) in keyed {
            let text = stored_str(&d, f.text);
            let mut snip = snippet(&text, &terms);
            // A passage folded from Traditional: the same bytes of its original are shown.
            let original = stored_str(&d, f.original);
            if !original.is_empty() {
                if let Some(o) = text
                    .find(&snip.text)
                    .and_then(|at| original.get(at..at + snip.text.len()))
                {
                    snip.text = o.to_string();
                }
            }
            let role = stored_str(&d, f.role);
            results.push(Hit {
                unit: stored_str(&d, f.unit),
                year: d
                    .get_first(f.year)
                    .and_then(|v| v.as_i64())
                    .and_then(|y| i32::try_from(y).ok()),
                kind: Kind::parse(&stored_str(&d, f.kind))
                    .map_or_else(String::new, |k| k.as_str().to_string()),
                path: stored_str(&d, f.doc_id),
                outline_path: stored_str(&d, f.outline_path),
                title: stored_str(&d, f.title),
                snippet: snip.text,
                highlights: snip.highlights,
                score,
                section_title: stored_str(&d, f.section_title),
                role: (!role.is_empty()).then_some(role),
                text,
            });
        }
        Ok(SearchResults {
            count,
            facets,
            results,
        })
    }
}
