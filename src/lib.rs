//! luoshi (落实, "follow-through") reads Chinese Party-building and governance plans and reports and
//! tells what each plan promised, where the matching report shows it was done, and what has no
//! reported follow-through.
//!
//! The pipeline, one module per stage: [`load`] (files → decoded text, documents split) →
//! [`normalize`] (full-width folding, residue removal, paragraphs) → [`segment`] (jieba-rs with the
//! domain dictionaries) → [`outline`] (公文 numbering tree) → `extract` (tasks, commitments,
//! targets; report roles, figures, placeholders) → [`index`] (tantivy passages) and `align`
//! (report evidence per plan task, statuses) → [`report`] (table, JSON, CSV, Markdown, HTML, xlsx).
//! `batch` runs the same stages over a whole department in parallel.

pub mod align;
pub mod batch;
pub mod doc;
pub mod error;
pub mod eval;
pub mod extract;
pub mod index;
pub mod load;
pub mod normalize;
pub mod outline;
pub mod report;
pub mod segment;
pub mod synth;

pub use doc::{Doc, Kind, Meta, Span};
pub use error::{Error, Result};
pub use segment::Segmenter;

use std::path::Path;

/// A document with what extraction found in it: the unit every later stage reuses.
#[derive(Debug, Clone)]
pub struct Analyzed {
    pub doc: Doc,
    pub outline: outline::Outline,
    /// Plan tasks (empty for reports).
    pub tasks: Vec<extract::plan::Task>,
}

/// Runs outline parsing and extraction once for a document.
pub fn analyze(doc: Doc, seg: &Segmenter) -> Analyzed {
    let outline = outline::parse(&doc);
    let tasks = if doc.meta.kind.is_plan_like() {
        extract::plan::plan_tasks(&doc, &outline, seg)
    } else {
        Vec::new()
    };
    Analyzed {
        doc,
        outline,
        tasks,
    }
}

/// The gap analysis of one or more plan-like documents (one file may hold two) against a report.
pub fn gap(plans: &[&Analyzed], report: &Analyzed, seg: &Segmenter) -> align::GapReport {
    let first = plans.first().map(|a| &a.doc).unwrap_or(&report.doc);
    let mut tasks = Vec::new();
    for (k, p) in plans.iter().enumerate() {
        for t in &p.tasks {
            let mut t = t.clone();
            if plans.len() > 1 {
                let old = t.id.clone();
                t.id = format!("d{}.{old}", k + 1);
                for c in &mut t.commitments {
                    c.id = format!("d{}.{}", k + 1, c.id);
                }
            }
            tasks.push(t);
        }
    }
    let mut report_out = align::align(first, &tasks, &report.doc, &report.outline, seg);
    if plans.len() > 1 {
        report_out.plan.title = plans
            .iter()
            .map(|a| a.doc.meta.title.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
    }
    report_out
}

/// Loads a plan file and a report file and compares them: the `gap` command's whole job.
pub fn gap_files(plan: &Path, report: &Path, seg: &Segmenter) -> Result<align::GapReport> {
    let manifests = load::manifest::ManifestCache::default();
    let plan_docs: Vec<Analyzed> = load::load_file(plan, &manifests)?
        .into_iter()
        .map(|d| analyze(d, seg))
        .collect();
    let mut report_docs = load::load_file(report, &manifests)?;
    let ri = report_docs
        .iter()
        .position(|d| d.meta.kind == Kind::Report)
        .unwrap_or(0);
    let report_doc = analyze(report_docs.swap_remove(ri), seg);
    let mut plans: Vec<&Analyzed> = plan_docs
        .iter()
        .filter(|a| a.doc.meta.kind.is_plan_like())
        .collect();
    if plans.is_empty() {
        // A file the loader took for a report is still compared as the plan the user said it is.
        plans = plan_docs.iter().collect();
    }
    if plans.iter().all(|a| a.tasks.is_empty()) {
        let reanalyzed: Vec<Analyzed> = plans
            .iter()
            .map(|a| {
                let mut d = a.doc.clone();
                d.meta.kind = Kind::Plan;
                analyze(d, seg)
            })
            .collect();
        let refs: Vec<&Analyzed> = reanalyzed.iter().collect();
        return Ok(gap(&refs, &report_doc, seg));
    }
    Ok(gap(&plans, &report_doc, seg))
}
