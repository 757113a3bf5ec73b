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
pub mod provenance;
pub mod report;
pub mod reviews;
pub mod segment;
pub mod serve;
pub mod synth;
pub mod unit_year;
pub mod vocab;
pub mod years;

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
    gap_with(plans, report, seg, align::model::shipped())
}

/// [`gap`] under a decision model of one's own (refitted with `luoshi eval DIR --fit`).
pub fn gap_with(
    plans: &[&Analyzed],
    report: &Analyzed,
    seg: &Segmenter,
    model: &align::Model,
) -> align::GapReport {
    let (first, tasks) = gap_inputs(plans, report);
    let prepared = align::prepare(first, &tasks, &report.doc, &report.outline, seg);
    let mut report_out = align::judge_all(&prepared, &report.doc, model);
    if plans.len() > 1 {
        report_out.plan.title = plans
            .iter()
            .map(|a| a.doc.meta.title.as_str())
            .collect::<Vec<_>>()
            .join(" / ");
    }
    let plan_docs: Vec<&Doc> = plans.iter().map(|a| &a.doc).collect();
    restore_original(&mut report_out, &plan_docs, &report.doc);
    report_out
}

/// The same text in the file's own characters, when `doc` was folded from Traditional and `s` is
/// a verbatim part of it (folding keeps byte offsets, so the same bytes of the original hold it).
fn original_of(s: &str, doc: &Doc) -> Option<String> {
    let original = doc.original.as_ref()?;
    let at = doc.text.find(s)?;
    original.get(at..at + s.len()).map(str::to_string)
}

/// Quotes, task texts and titles of a gap report shown in the characters the documents were
/// written in: the analysis read Traditional documents folded to Simplified (`load::fold`).
fn restore_original(g: &mut align::GapReport, plans: &[&Doc], report: &Doc) {
    if report.original.is_none() && plans.iter().all(|d| d.original.is_none()) {
        return;
    }
    let from_plans = |s: &mut String| {
        if let Some(o) = plans.iter().find_map(|d| original_of(s, d)) {
            *s = o;
        }
    };
    let from_report = |s: &mut String| {
        if let Some(o) = original_of(s, report) {
            *s = o;
        }
    };
    from_report(&mut g.report.title);
    from_plans(&mut g.plan.title);
    for t in &mut g.tasks {
        from_plans(&mut t.text);
        from_plans(&mut t.title);
        t.evidence
            .iter_mut()
            .for_each(|e| from_report(&mut e.quote));
        for c in &mut t.commitments {
            from_plans(&mut c.text);
            c.evidence
                .iter_mut()
                .for_each(|e| from_report(&mut e.quote));
        }
    }
}

/// The plan document and the tasks `gap` aligns, so calibration prepares exactly what `gap`
/// judges: one plan's tasks as they are, several plans' under ids prefixed `d1.`, `d2.`.
pub fn gap_inputs<'a>(
    plans: &[&'a Analyzed],
    report: &'a Analyzed,
) -> (&'a Doc, std::borrow::Cow<'a, [extract::plan::Task]>) {
    let first = plans.first().map(|a| &a.doc).unwrap_or(&report.doc);
    if let [one] = plans {
        return (first, std::borrow::Cow::Borrowed(one.tasks.as_slice()));
    }
    let mut tasks = Vec::new();
    for (k, p) in plans.iter().enumerate() {
        for t in &p.tasks {
            let mut t = t.clone();
            t.id = format!("d{}.{}", k + 1, t.id);
            for c in &mut t.commitments {
                c.id = format!("d{}.{}", k + 1, c.id);
            }
            tasks.push(t);
        }
    }
    (first, std::borrow::Cow::Owned(tasks))
}

/// A warning when the plans and the report of a pair look exchanged (`extract::role::looks_swapped`),
/// for `gap` and `batch` alike: the comparison still runs as the files were given.
pub fn swap_warning(plans: &[&Doc], report: &Doc) -> Option<error::Warning> {
    let plan_text: String = plans.iter().map(|d| d.text.as_str()).collect();
    crate::extract::role::looks_swapped(&plan_text, &report.text).then(|| {
        error::Warning {
            path: report.path.clone(),
            unit: report.meta.unit.clone(),
            year: report.meta.year,
            message:
            format!(
                "plan and report look swapped: the plan {} reviews past work (一年来, 已完成, 取得…) and this report plans ahead (下一步, 将, 要…); compared as given",
                plans.first().map(|d| d.id()).unwrap_or_default()
            ),
        }
    })
}

/// Loads a plan file and a report file and compares them: the `gap` command's whole job.
pub fn gap_files(plan: &Path, report: &Path, seg: &Segmenter) -> Result<align::GapReport> {
    let (plans, report) = load_pair(plan, report, seg)?;
    let refs: Vec<&Analyzed> = plans.iter().collect();
    Ok(gap(&refs, &report, seg))
}

/// The plan-like documents of a plan file and the report of a report file, analysed once. A plan
/// file the loader took for something else is still compared as the plan the user said it is.
pub fn load_pair(plan: &Path, report: &Path, seg: &Segmenter) -> Result<(Vec<Analyzed>, Analyzed)> {
    let manifests = load::manifest::ManifestCache::default();
    let mut plan_docs = load::load_file(plan, &manifests)?;
    if !plan_docs.iter().any(|d| d.meta.kind.is_plan_like()) {
        for d in &mut plan_docs {
            d.meta.kind = Kind::Plan;
        }
    }
    let mut plans: Vec<Analyzed> = plan_docs
        .into_iter()
        .filter(|d| d.meta.kind.is_plan_like())
        .map(|d| analyze(d, seg))
        .collect();
    if plans.iter().all(|a| a.tasks.is_empty()) {
        for a in &mut plans {
            a.doc.meta.kind = Kind::Plan;
        }
    }
    let mut report_docs = load::load_file(report, &manifests)?;
    let ri = report_docs
        .iter()
        .position(|d| d.meta.kind == Kind::Report)
        .unwrap_or(0);
    let report = analyze(report_docs.swap_remove(ri), seg);
    Ok((plans, report))
}
