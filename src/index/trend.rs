//! Trends: for each year (or unit, or kind), how many documents and units mention each term,
//! plans (plan, task list, responsibility list) apart from reports.

use super::query::{self, Filters};
use super::LuoshiIndex;
use crate::doc::Kind;
use crate::error::Result;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a trend is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrendBy {
    Year,
    Unit,
    Kind,
}

/// One bucket × term: documents and distinct units mentioning the term, plan-like vs report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendRow {
    /// The year, unit or kind (`unknown` for a document without a year).
    pub bucket: String,
    pub term: String,
    pub plan_documents: usize,
    pub plan_units: usize,
    pub report_documents: usize,
    pub report_units: usize,
}

#[derive(Default)]
struct Acc {
    plan_docs: usize,
    plan_units: BTreeSet<String>,
    report_docs: usize,
    report_units: BTreeSet<String>,
}

impl LuoshiIndex {
    /// Counts, per bucket and term, the documents and units that mention the term (query syntax).
    pub fn trend(&self, terms: &[String], by: TrendBy, filters: &Filters) -> Result<Vec<TrendRow>> {
        let parsed = terms
            .iter()
            .map(|t| query::parse(t))
            .collect::<Result<Vec<_>>>()?;
        // Buckets sort numerically for years, by name otherwise.
        let mut acc: BTreeMap<(i64, String), BTreeMap<usize, Acc>> = BTreeMap::new();
        for (ti, q) in parsed.iter().enumerate() {
            for m in self.doc_matches(q, filters)? {
                let key = match by {
                    TrendBy::Year => match m.year {
                        Some(y) => (y, y.to_string()),
                        None => (i64::MAX, "unknown".to_string()),
                    },
                    TrendBy::Unit => (0, m.unit.clone()),
                    TrendBy::Kind => (0, m.kind.clone()),
                };
                let a = acc.entry(key).or_default().entry(ti).or_default();
                let plan_like = Kind::parse(&m.kind).is_none_or(Kind::is_plan_like);
                if plan_like {
                    a.plan_docs += 1;
                    a.plan_units.insert(m.unit);
                } else {
                    a.report_docs += 1;
                    a.report_units.insert(m.unit);
                }
            }
        }
        let mut rows = Vec::new();
        for ((_, bucket), per_term) in acc {
            for (ti, term) in terms.iter().enumerate() {
                let a = per_term.get(&ti);
                rows.push(TrendRow {
                    bucket: bucket.clone(),
                    term: term.clone(),
                    plan_documents: a.map_or(0, |a| a.plan_docs),
                    plan_units: a.map_or(0, |a| a.plan_units.len()),
                    report_documents: a.map_or(0, |a| a.report_docs),
                    report_units: a.map_or(0, |a| a.report_units.len()),
                });
            }
        }
        Ok(rows)
    }
}
