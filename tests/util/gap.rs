//! Running the gap analysis in tests: on ../shared/pairs, on documents made from text, and
//! finding a commitment or a target check in the result.

use super::load_docs;
use super::shared;
use luoshi::align::GapReport;
use luoshi::{analyze, Analyzed, Kind, Segmenter};

pub fn analyzed_gap(plans: &[Analyzed], report: &Analyzed) -> GapReport {
    let refs: Vec<&Analyzed> = plans.iter().collect();
    luoshi::gap(&refs, report, &Segmenter::shared())
}

/// A document of the given kind made of the given text, loaded as the loader would load a file.
pub fn doc_from_text(text: &str, kind: Kind) -> Analyzed {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.txt");
    std::fs::write(&path, text).unwrap();
    let mut d = load_docs(&path).remove(0);
    d.meta.kind = kind;
    analyze(d, &Segmenter::shared())
}

/// A report made of the given text.
pub fn report_from_text(text: &str) -> Analyzed {
    doc_from_text(text, Kind::Report)
}

/// A plan made of the given text.
pub fn plan_from_text(text: &str) -> Analyzed {
    doc_from_text(text, Kind::Plan)
}

/// `gap` on one of ../shared/pairs (a body's plan for a year and its review of that year).
pub fn pair_gap(name: &str) -> GapReport {
    let dir = shared().join("pairs").join(name);
    luoshi::gap_files(
        &dir.join("plan.txt"),
        &dir.join("report.txt"),
        &Segmenter::shared(),
    )
    .unwrap()
}

/// `gap` on a pair kept in the repository's `checks/` folders (`pairs`, `other_bodies`:
/// machine-labelled, never fitted on).
pub fn checks_gap(folder: &str, name: &str) -> GapReport {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("checks")
        .join(folder)
        .join(name);
    luoshi::gap_files(
        &dir.join("plan.txt"),
        &dir.join("report.txt"),
        &Segmenter::shared(),
    )
    .unwrap()
}

/// The plan and the review of a pair kept in `checks/pairs`, as text (for tests that edit them).
pub fn checks_texts(name: &str) -> (String, String) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("checks/pairs")
        .join(name);
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
    (read("plan.txt"), read("report.txt"))
}

/// The figure read for a target (None when no sentence gave one).
pub fn read_of(check: &luoshi::align::TargetCheck) -> Option<f64> {
    check.reported.as_ref().map(|r| r.value)
}

/// A commitment's target check for the target of `value`, and the figure read for it.
pub fn target_of(
    c: &luoshi::align::CommitmentResult,
    value: f64,
) -> (&luoshi::align::TargetCheck, Option<f64>) {
    let check = c
        .targets
        .iter()
        .find(|t| t.target.value == value)
        .unwrap_or_else(|| panic!("no target of {value} in {c:?}"));
    (check, read_of(check))
}

/// The sc_2016 labelled pair (government work plan and its year's review): real text with many
/// quantitative targets.
pub fn sc_2016() -> GapReport {
    pair_gap("sc_2016")
}

/// The figure read for the first target whose action names `action` (None when none was read).
pub fn figure_read_for(g: &GapReport, action: &str) -> Option<f64> {
    target_checks(g)
        .find(|c| c.target.action.contains(action))
        .unwrap_or_else(|| panic!("no target {action}"))
        .reported
        .as_ref()
        .map(|r| r.value)
}

/// Every target check of a gap report, in plan order.
pub fn target_checks(g: &GapReport) -> impl Iterator<Item = &luoshi::align::TargetCheck> {
    g.tasks
        .iter()
        .flat_map(|t| &t.commitments)
        .flat_map(|c| &c.targets)
}

pub fn commitment<'a>(g: &'a GapReport, head: &str) -> &'a luoshi::align::CommitmentResult {
    g.tasks
        .iter()
        .flat_map(|t| &t.commitments)
        .find(|c| c.text.contains(head))
        .unwrap_or_else(|| panic!("no commitment holds {head}"))
}

/// The sc_2015 pair with one sentence of the plan or the report rewritten.
pub fn sc_2015_with(plan_edit: (&str, &str), report_edit: (&str, &str)) -> GapReport {
    pair_with("sc_2015", plan_edit, report_edit)
}

/// A labelled pair with one passage of the plan and one of the report rewritten.
pub fn pair_with(name: &str, plan_edit: (&str, &str), report_edit: (&str, &str)) -> GapReport {
    let dir = shared().join("pairs").join(name);
    let plan = std::fs::read_to_string(dir.join("plan.txt")).unwrap();
    let report = std::fs::read_to_string(dir.join("report.txt")).unwrap();
    assert!(plan.contains(plan_edit.0) && report.contains(report_edit.0));
    let tmp = tempfile::tempdir().unwrap();
    let (p, r) = (tmp.path().join("plan.txt"), tmp.path().join("report.txt"));
    std::fs::write(&p, plan.replace(plan_edit.0, plan_edit.1)).unwrap();
    std::fs::write(&r, report.replace(report_edit.0, report_edit.1)).unwrap();
    luoshi::gap_files(&p, &r, &Segmenter::shared()).unwrap()
}
