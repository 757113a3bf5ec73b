//! The department's outputs from per-unit results: summary and task tables (CSV, xlsx), the
//! department page, pages for unit-years missing a document, and the error list.

use super::gap_html::{page_head, status_bar, PAGE_FOOT};
use super::html::escape;
use super::{csv_file_bytes, xlsx, Rows};
use crate::error::Error;
use crate::reviews::ByTask;
use crate::unit_year::{TaskRow, UnitResult};
use crate::vocab::{is_missing, Counts, CHECKED, NO_PLAN, NO_REPORT, NO_TASKS};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How many keyword groups the department page lists.
const MAX_GROUPS: usize = 20;

/// One count of a compared unit-year as a table cell; empty for a unit-year not compared.
fn count_cell(c: Option<&Counts>, f: fn(&Counts) -> usize) -> String {
    c.map(|c| f(c).to_string()).unwrap_or_default()
}

/// The status a reviewer gave a task, when the review still applies to its text.
fn reviewed<'r>(reviews: &'r ByTask, u: &UnitResult, t: &TaskRow) -> Option<&'r str> {
    let key = (u.unit.clone(), u.year.map(i64::from), t.id.clone());
    reviews
        .get(&key)
        .filter(|r| r.text_hash == t.text_hash)
        .map(|r| r.status.as_str())
}

/// One row per unit-year, the columns summary.csv and the xlsx share; the machine's counts first,
/// then how many tasks a reviewer has judged and the counts with their verdicts applied.
pub fn summary_rows(units: &[UnitResult], reviews: &ByTask) -> Rows {
    let mut rows = Rows::new(&[
        "unit",
        "year",
        "plans",
        "report",
        "tasks",
        "done",
        "partial",
        "missing",
        "coverage",
        "unfilled_figures",
        "unmet_targets",
        "status",
        "reviewed",
        "done_after_review",
        "partial_after_review",
        "missing_after_review",
    ]);
    for u in units {
        let c = u.counts.as_ref();
        let num = |f| count_cell(c, f);
        let after: Vec<&str> = u
            .tasks
            .iter()
            .map(|t| reviewed(reviews, u, t).unwrap_or(t.status.as_str()))
            .collect();
        let n_reviewed = u
            .tasks
            .iter()
            .filter(|t| reviewed(reviews, u, t).is_some())
            .count();
        let after_count = |s: &str| {
            if c.is_some() {
                after.iter().filter(|x| **x == s).count().to_string()
            } else {
                String::new()
            }
        };
        rows.rows.push(vec![
            u.unit.clone(),
            u.year.map(|y| y.to_string()).unwrap_or_default(),
            u.plan_titles.join(" / "),
            u.report_title.clone().unwrap_or_default(),
            num(|c| c.tasks),
            num(|c| c.done),
            num(|c| c.partial),
            num(|c| c.missing),
            c.map(|c| format!("{:.1}", c.coverage)).unwrap_or_default(),
            num(|c| c.unfilled_figures),
            num(|c| c.unmet_targets),
            u.status.clone(),
            if c.is_some() {
                n_reviewed.to_string()
            } else {
                String::new()
            },
            after_count("done"),
            after_count("partial"),
            after_count("missing"),
        ]);
    }
    rows
}

/// One row per task across all units, with a reviewer's verdict beside the machine's status
/// (`reviewed_status` marked `stale` when the task's text changed since the review).
pub fn task_rows(units: &[UnitResult], reviews: &ByTask) -> Rows {
    let mut rows = Rows::new(&[
        "unit",
        "year",
        "id",
        "path",
        "title",
        "status",
        "score",
        "flags",
        "quote",
        "reviewed_status",
        "review_note",
    ]);
    for u in units {
        for t in &u.tasks {
            let key = (u.unit.clone(), u.year.map(i64::from), t.id.clone());
            let (verdict, note) = match reviews.get(&key) {
                Some(r) if r.text_hash == t.text_hash => (r.status.clone(), r.note.clone()),
                Some(r) => (format!("{} (stale)", r.status), r.note.clone()),
                None => (String::new(), String::new()),
            };
            rows.rows.push(vec![
                u.unit.clone(),
                u.year.map(|y| y.to_string()).unwrap_or_default(),
                t.id.clone(),
                t.path.clone(),
                t.title.clone(),
                t.status.clone(),
                format!("{}", t.score),
                t.flags.clone(),
                t.quote.clone(),
                verdict,
                note,
            ]);
        }
    }
    rows
}

/// errors.csv: one row per failed input, header even when there is none.
pub fn error_rows(errors: &[Error]) -> Rows {
    let mut rows = Rows::new(&["file", "reason"]);
    for e in errors {
        let (file, reason) = match e {
            Error::Input { path, reason } => (path.display().to_string(), reason.clone()),
            other => (String::new(), other.to_string()),
        };
        rows.rows.push(vec![file, reason]);
    }
    rows
}

/// One output file: its path relative to the output folder and its bytes.
pub type OutputFile<'a> = (PathBuf, Cow<'a, [u8]>);

/// Every output file of a run, relative to the output folder, with its bytes; a file that cannot
/// be rendered is left out and returned as an error, never cancelling the others.
pub fn output_files<'a>(
    units: &'a [UnitResult],
    errors: &[Error],
    reviews: &ByTask,
) -> (Vec<OutputFile<'a>>, Vec<Error>) {
    let summary = summary_rows(units, reviews);
    let tasks = task_rows(units, reviews);
    let book = xlsx::workbook_bytes(&[
        xlsx::Sheet {
            name: "summary",
            rows: &summary,
            status_column: Some(11),
            number_columns: &[1, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15],
        },
        xlsx::Sheet {
            name: "tasks",
            rows: &tasks,
            status_column: Some(5),
            number_columns: &[1, 6],
        },
    ]);
    let mut failed = Vec::new();
    let mut files: Vec<OutputFile<'a>> = vec![
        (
            PathBuf::from("summary.csv"),
            csv_file_bytes(&summary).into(),
        ),
        (PathBuf::from("tasks.csv"), csv_file_bytes(&tasks).into()),
    ];
    match book {
        Ok(book) => files.push((PathBuf::from("summary.xlsx"), book.into())),
        Err(e) => failed.push(Error::Output {
            path: PathBuf::from("summary.xlsx"),
            source: std::io::Error::other(e.to_string()),
        }),
    }
    files.push((
        PathBuf::from("errors.csv"),
        csv_file_bytes(&error_rows(errors)).into(),
    ));
    for u in units {
        let stem = u.page_stem();
        files.push((
            PathBuf::from("units").join(format!("{stem}.html")),
            Cow::Borrowed(u.html.as_bytes()),
        ));
        files.push((
            PathBuf::from("units").join(format!("{stem}.json")),
            Cow::Borrowed(u.json.as_bytes()),
        ));
    }
    files.push((
        PathBuf::from("index.html"),
        index_page(units, errors).into_bytes().into(),
    ));
    (files, failed)
}

fn status_zh(s: &str) -> &str {
    match s {
        CHECKED => "已比对",
        NO_REPORT => "未提交报告",
        NO_PLAN => "无计划备案",
        NO_TASKS => "计划中未找到任务",
        other => other,
    }
}

fn year_zh(y: Option<i32>) -> String {
    y.map_or("未注明年份".to_string(), |y| format!("{y}年"))
}

/// A small page for a unit-year that could not be compared, saying which document is missing.
pub fn unpaired_page(u: &UnitResult) -> String {
    let mut s = page_head(&format!("落实情况分析 · {} {}", u.unit, year_zh(u.year)));
    let _ = write!(
        s,
        "<h1>落实情况分析</h1><div class=\"docs\"><div><span class=\"k\">单位</span>{}</div><div><span class=\"k\">年份</span>{}</div></div>",
        escape(&u.unit),
        escape(&year_zh(u.year))
    );
    let missing = if u.status == NO_REPORT {
        "未找到该年度的情况报告（工作总结），无法核对计划任务的落实情况。"
    } else {
        "未找到该年度的工作计划（要点、任务清单或责任清单），无法核对报告对应的任务。"
    };
    let _ = write!(
        s,
        "<div class=\"card s-missing\"><h3><span class=\"badge missing\">{}</span></h3><p>{}</p>",
        escape(status_zh(&u.status)),
        escape(missing)
    );
    let _ = write!(s, "<p>已有文件：</p><ul>");
    for (p, t) in u.plan_paths.iter().zip(&u.plan_titles) {
        let _ = write!(
            s,
            "<li>计划：{} <span class=\"path\">{}</span></li>",
            escape(t),
            escape(p)
        );
    }
    if let (Some(p), Some(t)) = (&u.report_path, &u.report_title) {
        let _ = write!(
            s,
            "<li>报告：{} <span class=\"path\">{}</span></li>",
            escape(t),
            escape(p)
        );
    }
    let _ = write!(
        s,
        "</ul></div><p><a href=\"../index.html\">返回总览</a></p>"
    );
    s.push_str(PAGE_FOOT);
    s
}

/// Units in the department view: compared ones by coverage (lowest first), then the unpaired.
fn sorted(units: &[UnitResult]) -> Vec<&UnitResult> {
    let mut v: Vec<&UnitResult> = units.iter().collect();
    v.sort_by(|a, b| {
        let ca = a.counts.as_ref().map(|c| c.coverage);
        let cb = b.counts.as_ref().map(|c| c.coverage);
        match (ca, cb) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.status.cmp(&b.status),
        }
        .then_with(|| a.unit.cmp(&b.unit))
        .then_with(|| a.year.cmp(&b.year))
    });
    v
}

/// Unit-years and example titles sharing one keyword.
type KeywordGroup<'a> = (BTreeSet<(&'a str, Option<i32>)>, BTreeSet<&'a str>);

/// Tasks without follow-through grouped by a shared keyword: keyword → (unit-years, example titles).
pub fn missing_groups(units: &[UnitResult]) -> Vec<(String, usize, Vec<String>)> {
    let mut groups: BTreeMap<&str, KeywordGroup> = BTreeMap::new();
    for u in units {
        for t in u.tasks.iter().filter(|t| is_missing(&t.status)) {
            for k in t.keywords.iter().take(3) {
                let e = groups.entry(k.as_str()).or_default();
                e.0.insert((u.unit.as_str(), u.year));
                e.1.insert(t.title.as_str());
            }
        }
    }
    let mut v: Vec<(String, usize, Vec<String>)> = groups
        .into_iter()
        .map(|(k, (uy, titles))| {
            (
                k.to_string(),
                uy.len(),
                titles.into_iter().take(3).map(str::to_string).collect(),
            )
        })
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(MAX_GROUPS);
    v
}

/// A task title cut for a list cell (the full text is on the unit page and in tasks.csv).
fn shorten(t: &str) -> String {
    const MAX: usize = 48;
    if t.chars().count() <= MAX {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

/// The department page: totals, units by coverage with links, common gaps, failed files.
pub fn index_page(units: &[UnitResult], errors: &[Error]) -> String {
    let mut s = page_head("落实情况分析 · 总览");
    let checked: Vec<&UnitResult> = units.iter().filter(|u| u.counts.is_some()).collect();
    let (mut done, mut partial, mut missing) = (0, 0, 0);
    for c in checked.iter().filter_map(|u| u.counts.as_ref()) {
        done += c.done;
        partial += c.partial;
        missing += c.missing;
    }
    let total = done + partial + missing;
    let coverage = if total == 0 {
        0.0
    } else {
        (done + partial) as f64 * 100.0 / total as f64
    };
    let count = |st: &str| units.iter().filter(|u| u.status == st).count();
    let _ = write!(s, "<h1>落实情况分析 · 总览</h1>");
    let _ = write!(s, "<div class=\"nums\">");
    for (label, v) in [
        ("单位·年度", units.len().to_string()),
        ("已比对", checked.len().to_string()),
        ("未提交报告", count(NO_REPORT).to_string()),
        ("无计划备案", count(NO_PLAN).to_string()),
        ("计划任务", total.to_string()),
        ("总体落实率", format!("{coverage:.1}%")),
        ("读取失败文件", errors.len().to_string()),
    ] {
        let _ = write!(
            s,
            "<div class=\"num\">{}<b>{}</b></div>",
            escape(label),
            escape(&v)
        );
    }
    let _ = write!(s, "</div>{}", status_bar(done, partial, missing));
    let _ = write!(
        s,
        "<h2>各单位落实情况（按落实率从低到高）</h2><table class=\"list\"><tr><th>单位</th><th>年度</th><th>计划</th><th>报告</th><th>任务</th><th>✓ 已落实</th><th>◐ 部分</th><th>✗ 未见</th><th>落实率</th><th>状态</th></tr>"
    );
    for u in sorted(units) {
        let c = u.counts.as_ref();
        let n = |f| count_cell(c, f);
        let _ = write!(
            s,
            "<tr><td class=\"u\"><a href=\"units/{}.html\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&super::html::url_segment(&u.page_stem())),
            escape(&u.unit),
            escape(&u.year.map(|y| y.to_string()).unwrap_or_default()),
            escape(&u.plan_titles.join(" / ")),
            escape(u.report_title.as_deref().unwrap_or("—")),
            n(|c| c.tasks),
            n(|c| c.done),
            n(|c| c.partial),
            n(|c| c.missing),
            escape(&c.map(|c| format!("{:.1}%", c.coverage)).unwrap_or_default()),
            escape(status_zh(&u.status)),
        );
    }
    let _ = write!(s, "</table>");
    let groups = missing_groups(units);
    let _ = write!(
        s,
        "<h2>多个单位未见落实的任务（按关键词归类）</h2><table class=\"list\"><tr><th>关键词</th><th>单位数</th><th>任务示例</th></tr>"
    );
    if groups.is_empty() {
        let _ = write!(s, "<tr><td colspan=\"3\" class=\"none\">无。</td></tr>");
    }
    for (k, n, titles) in &groups {
        let _ = write!(
            s,
            "<tr><td class=\"u\"><b>{}</b></td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(k),
            n,
            titles
                .iter()
                .map(|t| escape(&shorten(t)))
                .collect::<Vec<_>>()
                .join("<br>")
        );
    }
    let _ = write!(s, "</table>");
    if !errors.is_empty() {
        let _ = write!(
            s,
            "<h2>读取失败的文件</h2><table class=\"list\"><tr><th>文件</th><th>原因</th></tr>"
        );
        for r in &error_rows(errors).rows {
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(&r[0]),
                escape(&r[1])
            );
        }
        let _ = write!(s, "</table>");
    }
    let _ = write!(
        s,
        "<p class=\"note\">同目录下：summary.csv / summary.xlsx（每单位一行）、tasks.csv（每项任务一行）、errors.csv（读取失败的文件）。</p>"
    );
    s.push_str(PAGE_FOOT);
    s
}

/// Where a batch run records what it wrote (under `OUT/.cache/`), so an unchanged re-run can
/// leave the outputs alone.
pub const OUTPUTS_FILE: &str = "outputs.txt";

/// Whether the outputs on disk are the ones the last run wrote for the same signature: every
/// recorded file present with its recorded size.
pub fn outputs_current(out_dir: &Path, signature: &str) -> bool {
    let Ok(text) = std::fs::read_to_string(out_dir.join(".cache").join(OUTPUTS_FILE)) else {
        return false;
    };
    let mut lines = text.lines();
    if lines.next() != Some(signature) {
        return false;
    }
    let mut any = false;
    for line in lines {
        let Some((len, rel)) = line.split_once('\t') else {
            return false;
        };
        let size = std::fs::metadata(out_dir.join(rel)).map(|m| m.len());
        if size.ok().map(|n| n.to_string()).as_deref() != Some(len) {
            return false;
        }
        any = true;
    }
    any
}

/// Records what a run wrote (the signature, then each file's size and path) for `outputs_current`.
pub fn record_outputs(
    out_dir: &Path,
    signature: &str,
    written: &[(PathBuf, u64)],
) -> std::io::Result<()> {
    let mut s = format!("{signature}\n");
    for (rel, len) in written {
        s.push_str(&format!("{len}\t{}\n", rel.display()));
    }
    super::write_atomic(&out_dir.join(".cache").join(OUTPUTS_FILE), s.as_bytes())
}
