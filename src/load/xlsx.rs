//! `.xlsx` task lists (台账): the sheet whose header row names a task column (任务, 工作任务,
//! 重点任务 …) becomes a plan whose rows are numbered tasks, with 责任单位 and 时限 kept in each
//! task's text so extraction finds them. The only module that knows calamine.

use calamine::{Data, Reader, Xlsx};
use std::io::Read;

/// The most bytes a task list's parts may declare decompressed (zip bombs), as for .docx.
pub const MAX_XLSX_BYTES: u64 = 64 * 1024 * 1024;

/// The most rows read from one task list (a real 台账 holds tens to hundreds).
pub const MAX_ROWS: usize = 20_000;

/// Header words of the task column, the number column, the responsible party and the deadline.
const TASK: [&str; 6] = [
    "任务",
    "工作任务",
    "重点任务",
    "任务内容",
    "具体任务",
    "工作内容",
];
const NUMBER: [&str; 2] = ["序号", "编号"];
const RESPONSIBLE: [&str; 5] = ["责任单位", "牵头单位", "责任部门", "责任人", "责任领导"];
const DEADLINE: [&str; 4] = ["时限", "完成时限", "完成时间", "时间节点"];

/// The text of a task list: a title line (the cells above the header, or the sheet's name), then
/// one `n. 任务（责任单位：…；时限：…）` paragraph per row. An error names what was wrong.
pub fn xlsx_text(bytes: &[u8], stem: &str) -> Result<String, String> {
    check_sizes(bytes)?;
    let mut book = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not an xlsx workbook ({e})"))?;
    for name in book.sheet_names() {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let rows: Vec<Vec<String>> = range
            .rows()
            .take(MAX_ROWS)
            .map(|r| r.iter().map(cell).collect())
            .collect();
        if let Some(text) = task_list(&rows, if stem.is_empty() { &name } else { stem }) {
            return Ok(text);
        }
    }
    Err("no sheet with a task column (任务, 工作任务, 重点任务 …) in its header".into())
}

fn cell(d: &Data) -> String {
    squeeze(&d.to_string())
}

/// A cell's text on one line: its runs of blanks and line breaks as one space.
pub(super) fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Refuses a workbook whose parts declare more than `MAX_XLSX_BYTES` decompressed in all.
fn check_sizes(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| "not an xlsx (zip) file".to_string())?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| format!("corrupt xlsx ({e})"))?;
        total = total.saturating_add(entry.size());
        // A part that lies about its size is caught by reading at most the limit.
        let read = std::io::copy(&mut entry.take(MAX_XLSX_BYTES + 1), &mut std::io::sink())
            .map_err(|e| format!("corrupt xlsx ({e})"))?;
        if total > MAX_XLSX_BYTES || read > MAX_XLSX_BYTES {
            return Err(format!(
                "too large: xlsx content over {} MiB decompressed",
                MAX_XLSX_BYTES / (1024 * 1024)
            ));
        }
    }
    Ok(())
}

fn column(header: &[String], words: &[&str]) -> Option<usize> {
    // An exact header first (任务), then one that contains the word (主要任务及措施).
    header
        .iter()
        .position(|h| words.contains(&h.as_str()))
        .or_else(|| {
            header
                .iter()
                .position(|h| words.iter().any(|w| h.contains(w)))
        })
}

/// The plan text of one sheet's (or one .docx table's) rows, if a header row names a task column.
pub(super) fn task_list(rows: &[Vec<String>], fallback_title: &str) -> Option<String> {
    let (at, task) = rows
        .iter()
        .enumerate()
        .take(10)
        .find_map(|(i, r)| column(r, &TASK).map(|c| (i, c)))?;
    let header = &rows[at];
    let number = column(header, &NUMBER).filter(|&c| c != task);
    let who = column(header, &RESPONSIBLE).filter(|&c| c != task);
    let when = column(header, &DEADLINE).filter(|&c| c != task);
    let above: Vec<&str> = rows[..at]
        .iter()
        .flat_map(|r| r.iter().map(String::as_str))
        .filter(|c| !c.is_empty())
        .collect();
    let title = if above.is_empty() {
        fallback_title.to_string()
    } else {
        above.join("")
    };
    let mut text = title;
    let mut n = 0;
    for r in &rows[at + 1..] {
        let Some(t) = r.get(task).filter(|t| !t.is_empty()) else {
            continue;
        };
        n += 1;
        let label = number
            .and_then(|c| r.get(c))
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
            .cloned()
            .unwrap_or_else(|| n.to_string());
        text.push('\n');
        text.push_str(&format!("{label}.{t}"));
        let mut extra = Vec::new();
        for (c, name) in [(who, "责任单位"), (when, "时限")] {
            if let Some(v) = c.and_then(|c| r.get(c)).filter(|v| !v.is_empty()) {
                extra.push(format!("{name}：{v}"));
            }
        }
        if !extra.is_empty() {
            text.push_str(&format!("（{}）", extra.join("；")));
        }
    }
    (n > 0).then_some(text)
}
