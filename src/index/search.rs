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

/// One matching document: its unit, year and kind, and how many of its passages matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocMatch {
    pub doc_id: String,
    pub unit: String,
    pub year: Option<i64>,
    pub kind: String,
    pub passages: usize,
}

/// Collects, per matching document, its metadata from fast fields (O(1) per passage).
pub(crate) struct DocMatches;

pub(crate) struct SegmentDocMatches {
    ids: Option<StrColumn>,
    units: Option<StrColumn>,
    kinds: Option<StrColumn>,
    years: Option<Column<i64>>,
    counts: Vec<u32>,
    meta: Vec<(Option<u64>, Option<u64>, Option<i64>)>,
}

impl Collector for DocMatches {
    type Fruit = Vec<DocMatch>;
    type Child = SegmentDocMatches;

    fn for_segment(&self, _: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<Self::Child> {
        let ff = seg.fast_fields();
        let ids = ff.str("doc_id")?;
        let n = ids.as_ref().map_or(0, |c| c.num_terms());
        Ok(SegmentDocMatches {
            ids,
            units: ff.str("unit")?,
            kinds: ff.str("kind")?,
            years: ff.i64("year").ok(),
            counts: vec![0; n],
            meta: vec![(None, None, None); n],
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<DocMatch>>) -> tantivy::Result<Vec<DocMatch>> {
        let mut by_id: HashMap<String, DocMatch> = HashMap::new();
        for m in fruits.into_iter().flatten() {
            match by_id.get_mut(&m.doc_id) {
                Some(e) => e.passages += m.passages,
                None => {
                    by_id.insert(m.doc_id.clone(), m);
                }
            }
        }
        let mut out: Vec<DocMatch> = by_id.into_values().collect();
        out.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
        Ok(out)
    }
}

impl SegmentCollector for SegmentDocMatches {
    type Fruit = Vec<DocMatch>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(ord) = self.ids.as_ref().and_then(|c| c.ords().first(doc)) else {
            return;
        };
        let i = ord as usize;
        if self.counts[i] == 0 {
            self.meta[i] = (
                self.units.as_ref().and_then(|c| c.ords().first(doc)),
                self.kinds.as_ref().and_then(|c| c.ords().first(doc)),
                self.years.as_ref().and_then(|c| c.first(doc)),
            );
        }
        self.counts[i] += 1;
    }

    fn harvest(self) -> Vec<DocMatch> {
        let name = |col: &Option<StrColumn>, ord: Option<u64>| {
            let mut s = String::new();
            if let (Some(c), Some(o)) = (col, ord) {
                let _ = c.ord_to_str(o, &mut s);
            }
            s
        };
        let mut out = Vec::new();
        for (i, &n) in self.counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let (u, k, y) = self.meta[i];
            out.push(DocMatch {
                doc_id: name(&self.ids, Some(i as u64)),
                unit: name(&self.units, u),
                kind: name(&self.kinds, k),
                year: y,
                passages: n as usize,
            });
        }
        out
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
        let top = TopDocs::with_limit(limit.max(1)).order_by_score();
        let (top, docs) = searcher
            .search(&*tq, &(top, DocMatches))
            .map_err(|e| index_error(&self.dir, e))?;
        let mut facets = Facets::default();
        let mut count = 0;
        for d in &docs {
            count += d.passages;
            *facets.unit.entry(d.unit.clone()).or_default() += d.passages;
            let year = d
                .year
                .map_or_else(|| "unknown".to_string(), |y| y.to_string());
            *facets.year.entry(year).or_default() += d.passages;
            *facets.kind.entry(d.kind.clone()).or_default() += d.passages;
        }
        let terms = query::highlight_terms(seg, &q);
        let f = self.fields;
        let mut results = Vec::new();
        for (score, addr) in top.into_iter().take(limit) {
            let d: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&self.dir, e))?;
            let text = stored_str(&d, f.text);
            let snip = snippet(&text, &terms);
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
