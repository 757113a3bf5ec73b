//! The department's tables (summary.csv, tasks.csv, errors.csv and the three sheets of
//! summary.xlsx) and the list of every file a run writes. Headers and status words are Chinese
//! unless `--lang en` asks for the machine spellings.

use super::batch_html::index_page;
use super::{csv_file_bytes, xlsx, Rows};
use crate::error::Error;
use crate::reviews::ByTask;
use crate::unit_year::{TaskRow, UnitResult};
use crate::vocab::{done_rate, flags_words, partial_share, word, Counts, Lang};
use std::borrow::Cow;
use std::path::PathBuf;

/// One count of a compared unit-year as a table cell; empty for a unit-year not compared.
pub(super) fn count_cell(c: Option<&Counts>, f: fn(&Counts) -> usize) -> String {
    c.map(|c| f(c).to_string()).unwrap_or_default()
}

/// A rate (fraction 0..1) as a CSV cell, percent with one decimal: `4.8%` in Chinese (Excel and
/// WPS read it as a percentage), `4.8` under `--lang en` as before.
fn rate_cell(fraction: f64, lang: Lang) -> String {
    let n = format!("{:.1}", fraction * 100.0);
    match lang {
        Lang::Zh => n + "%",
        Lang::En => n,
    }
}

/// The status a reviewer gave a task, when the review still applies to its text.
fn reviewed<'r>(reviews: &'r ByTask, u: &UnitResult, t: &TaskRow) -> Option<&'r str> {
    let key = (u.unit.clone(), u.year.map(i64::from), t.id.clone());
    reviews
        .get(&key)
        .filter(|r| r.text_hash == t.text_hash)
        .map(|r| r.status.as_str())
}

/// Column names in both spellings, (Chinese, English), so each table states its columns once.
type Columns = [(&'static str, &'static str)];

fn headers(cols: &Columns, lang: Lang) -> Rows {
    let names: Vec<&str> = cols.iter().map(|(zh, en)| lang.pick(zh, en)).collect();
    Rows::new(&names)
}

const SUMMARY_COLUMNS: [(&str, &str); 18] = [
    ("单位", "unit"),
    ("年度", "year"),
    ("计划", "plans"),
    ("报告", "report"),
    ("任务数", "tasks"),
    ("已落实", "done"),
    ("部分落实", "partial"),
    ("未见落实", "missing"),
    ("落实率", "coverage"),
    ("部分落实率", "partial_share"),
    ("数字未填写", "unfilled_figures"),
    ("目标未达成", "unmet_targets"),
    ("把握不大", "uncertain"),
    ("状态", "status"),
    ("已复核", "reviewed"),
    ("复核后已落实", "done_after_review"),
    ("复核后部分落实", "partial_after_review"),
    ("复核后未见落实", "missing_after_review"),
];

/// One row per unit-year, the columns summary.csv and the xlsx share; the machine's counts first,
/// then how many tasks a reviewer has judged and the counts with their verdicts applied.
pub fn summary_rows(units: &[UnitResult], reviews: &ByTask, lang: Lang) -> Rows {
    let mut rows = headers(&SUMMARY_COLUMNS, lang);
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
            c.map(|c| rate_cell(done_rate(c.done, c.tasks), lang))
                .unwrap_or_default(),
            c.map(|c| rate_cell(partial_share(c.partial, c.tasks), lang))
                .unwrap_or_default(),
            num(|c| c.unfilled_figures),
            num(|c| c.unmet_targets),
            num(|c| c.uncertain),
            word(&u.status, lang).to_string(),
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

const TASK_COLUMNS: [(&str, &str); 15] = [
    ("单位", "unit"),
    ("年度", "year"),
    ("编号", "id"),
    ("所在章节", "path"),
    ("任务", "title"),
    ("状态", "status"),
    ("得分", "score"),
    ("提示", "flags"),
    ("证据摘录", "quote"),
    ("时限", "deadline"),
    ("责任单位/责任人", "responsible"),
    ("复核状态", "reviewed_status"),
    ("复核意见", "review_note"),
    ("计划文件", "plan_file"),
    ("报告文件", "report_file"),
];

/// One row per task across all units, with a reviewer's verdict beside the machine's status
/// (`reviewed_status` marked stale when the task's text changed since the review). A unit-year
/// with no task to list (no report, no plan, no task found) still gets one row naming its
/// status, so the sheet is a register of every unit-year.
pub fn task_rows(units: &[UnitResult], reviews: &ByTask, lang: Lang) -> Rows {
    let mut rows = headers(&TASK_COLUMNS, lang);
    for u in units {
        let year = u.year.map(|y| y.to_string()).unwrap_or_default();
        let plans = u.plan_paths.join(" / ");
        let report = u.report_path.clone().unwrap_or_default();
        if u.tasks.is_empty() {
            let mut row = vec![String::new(); TASK_COLUMNS.len()];
            row[0] = u.unit.clone();
            row[1] = year.clone();
            row[4] = u.plan_titles.join(" / ");
            row[5] = word(&u.status, lang).to_string();
            row[13] = plans.clone();
            row[14] = report.clone();
            rows.rows.push(row);
        }
        for t in &u.tasks {
            let key = (u.unit.clone(), u.year.map(i64::from), t.id.clone());
            let (verdict, note) = match reviews.get(&key) {
                Some(r) if r.text_hash == t.text_hash => {
                    (word(&r.status, lang).to_string(), r.note.clone())
                }
                Some(r) => (
                    format!("{} ({})", word(&r.status, lang), word("stale", lang)),
                    r.note.clone(),
                ),
                None => (String::new(), String::new()),
            };
            rows.rows.push(vec![
                u.unit.clone(),
                year.clone(),
                t.id.clone(),
                match lang {
                    Lang::Zh => crate::vocab::place(&t.path),
                    Lang::En => t.path.clone(),
                },
                t.title.clone(),
                word(&t.status, lang).to_string(),
                // A task owed a report was never judged: no score to show.
                if t.status == crate::vocab::NO_REPORT {
                    String::new()
                } else {
                    format!("{}", t.score)
                },
                flags_words(&t.flags, lang),
                t.quote.clone(),
                t.deadline.clone(),
                t.responsible.clone(),
                verdict,
                note,
                plans.clone(),
                report.clone(),
            ]);
        }
    }
    rows
}

/// errors.csv: one row per failed input, header even when there is none.
pub fn error_rows(errors: &[Error], lang: Lang) -> Rows {
    let mut rows = headers(&[("文件", "file"), ("原因", "reason")], lang);
    for e in errors {
        let (file, reason) = match e {
            Error::Input { path, reason } => (path.display().to_string(), reason.clone()),
            other => (String::new(), other.to_string()),
        };
        rows.rows.push(vec![file, reason]);
    }
    rows
}

/// The workbook: 汇总, 任务明细 and 无法读取的文件 (summary, tasks, errors under `--lang en`).
fn workbook(summary: &Rows, tasks: &Rows, errors: &Rows, lang: Lang) -> Result<Vec<u8>, Error> {
    xlsx::workbook_bytes(&[
        xlsx::Sheet {
            name: lang.pick("汇总", "summary"),
            rows: summary,
            status_column: Some(13),
            number_columns: &[1, 4, 5, 6, 7, 10, 11, 12, 14, 15, 16, 17],
            percent_columns: &[8, 9],
            wrap_columns: &[2, 3],
        },
        xlsx::Sheet {
            name: lang.pick("任务明细", "tasks"),
            rows: tasks,
            status_column: Some(5),
            number_columns: &[1, 6],
            percent_columns: &[],
            wrap_columns: &[3, 4, 8, 10, 12],
        },
        xlsx::Sheet {
            name: lang.pick("无法读取的文件", "errors"),
            rows: errors,
            status_column: None,
            number_columns: &[],
            percent_columns: &[],
            wrap_columns: &[0, 1],
        },
    ])
    .map_err(|e| Error::Output {
        path: PathBuf::from("summary.xlsx"),
        source: std::io::Error::other(e.to_string()),
    })
}

/// One output file: its path relative to the output folder and its bytes.
pub type OutputFile<'a> = (PathBuf, Cow<'a, [u8]>);

/// Every output file of a run, relative to the output folder, with its bytes; a file that cannot
/// be rendered is left out and returned as an error, never cancelling the others.
pub fn output_files<'a>(
    units: &'a [UnitResult],
    errors: &[Error],
    reviews: &ByTask,
    lang: Lang,
) -> (Vec<OutputFile<'a>>, Vec<Error>) {
    let summary = summary_rows(units, reviews, lang);
    let tasks = task_rows(units, reviews, lang);
    let error_table = error_rows(errors, lang);
    let mut failed = Vec::new();
    let mut files: Vec<OutputFile<'a>> = vec![
        (
            PathBuf::from("summary.csv"),
            csv_file_bytes(&summary).into(),
        ),
        (PathBuf::from("tasks.csv"), csv_file_bytes(&tasks).into()),
    ];
    match workbook(&summary, &tasks, &error_table, lang) {
        Ok(book) => files.push((PathBuf::from("summary.xlsx"), book.into())),
        Err(e) => failed.push(e),
    }
    files.push((
        PathBuf::from("errors.csv"),
        csv_file_bytes(&error_table).into(),
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
