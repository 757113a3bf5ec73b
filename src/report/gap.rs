//! The gap report as a terminal table, CSV rows and Markdown (HTML is in `gap_html.rs`).

use super::Rows;
use crate::align::{GapReport, Status, TaskResult};
use crate::vocab::{done_rate, flags_words, partial_share, percent, word, Lang, RATE_NOTE};
use std::fmt::Write as _;
use std::io::Write;

/// The status mark readers scan for: ✅ done, ◐ partial, ✗ missing.
pub fn status_mark(s: Status) -> &'static str {
    match s {
        Status::Done => "✅",
        Status::Partial => "◐",
        Status::Missing => "✗",
    }
}

pub use crate::vocab::{flag_label, flags_joined, status_label};

/// The quote that best evidences a task (first evidence, already sorted by score), or "" for a task
/// without follow-through (its closest passage is in JSON and HTML, marked as such, not in a table cell
/// that reads as proof).
pub fn best_quote(t: &TaskResult) -> &str {
    if t.status == Status::Missing {
        return "";
    }
    t.evidence.first().map(|e| e.quote.as_str()).unwrap_or("")
}

/// Tasks with no reported follow-through, in plan order.
pub fn missing_tasks(g: &GapReport) -> Vec<&TaskResult> {
    g.tasks
        .iter()
        .filter(|t| t.status == Status::Missing)
        .collect()
}

/// One CSV row per task: id, place, title, status, score, flags, best quote; Chinese headers and
/// words, or the machine spellings under `--lang en`.
pub fn gap_rows(g: &GapReport, lang: Lang) -> Rows {
    let mut rows = match lang {
        Lang::Zh => Rows::new(&[
            "编号",
            "所在章节",
            "任务",
            "状态",
            "得分",
            "提示",
            "证据摘录",
        ]),
        Lang::En => Rows::new(&["id", "path", "title", "status", "score", "flags", "quote"]),
    };
    for t in &g.tasks {
        rows.rows.push(vec![
            t.id.clone(),
            match lang {
                Lang::Zh => crate::vocab::place(&t.path),
                Lang::En => t.path.clone(),
            },
            t.title.clone(),
            word(t.status.as_str(), lang).to_string(),
            format!("{}", t.score),
            flags_words(&flags_joined(&t.flags), lang),
            best_quote(t).to_string(),
        ]);
    }
    rows
}

/// Writes the terminal view within `width` columns: the two documents, one row per task (status
/// and flags as words, the best evidence), then the counts and the tasks without follow-through.
pub fn write_gap_table(
    out: &mut dyn Write,
    g: &GapReport,
    width: usize,
    lang: Lang,
) -> std::io::Result<()> {
    let wrapped = |out: &mut dyn Write, text: &str| {
        for line in super::table::wrap(text, width) {
            writeln!(out, "{line}")?;
        }
        std::io::Result::Ok(())
    };
    wrapped(
        out,
        &format!("计划 plan:   {} ({})", g.plan.title, g.plan.path),
    )?;
    wrapped(
        out,
        &format!("报告 report: {} ({})", g.report.title, g.report.path),
    )?;
    writeln!(out)?;
    let mut rows = Rows::new(&["状态", "编号", "任务", "最佳证据", "提示"]);
    for t in &g.tasks {
        rows.rows.push(vec![
            status_label(t.status).to_string(),
            t.id.clone(),
            t.title.clone(),
            best_quote(t).to_string(),
            t.flags
                .iter()
                .map(|f| flag_label(*f))
                .collect::<Vec<_>>()
                .join("、"),
        ]);
    }
    super::table::write_table(out, &rows, width)?;
    writeln!(out)?;
    wrapped(out, &summary_line(g, lang))?;
    let missing = missing_tasks(g);
    if !missing.is_empty() {
        writeln!(
            out,
            "{}",
            lang.pick("未见落实的任务：", "no follow-through:")
        )?;
        for t in missing {
            wrapped(out, &format!("  {} {}", t.id, t.title))?;
        }
    }
    Ok(())
}

/// One line of counts: tasks, done, partial, missing, 落实率 (done ÷ tasks) and 部分落实率.
pub fn summary_line(g: &GapReport, lang: Lang) -> String {
    let s = &g.summary;
    let (rate, share) = (
        percent(done_rate(s.done, s.tasks)),
        percent(partial_share(s.partial, s.tasks)),
    );
    match lang {
        Lang::Zh => format!(
            "共 {} 项任务：已落实 {}，部分落实 {}，未见落实 {}；落实率 {rate}（已落实 ÷ 任务数），部分落实率 {share}；数字未填写 {} 处；目标未达成 {} 项；把握不大 {} 项",
            s.tasks, s.done, s.partial, s.missing, s.unfilled_figures, s.unmet_targets, s.uncertain
        ),
        Lang::En => format!(
            "{} tasks: {} done, {} partial, {} missing; coverage {rate} (done ÷ tasks), partial share {share}; unfilled figures {}; unmet targets {}; uncertain {}",
            s.tasks, s.done, s.partial, s.missing, s.unfilled_figures, s.unmet_targets, s.uncertain
        ),
    }
}

/// Escapes a table cell for Markdown: pipes and line breaks would break the row, and `<`, `>`,
/// `&` would pass raw HTML through to whoever renders it.
fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The gap report as a Markdown document (a GitHub-style table and a summary).
pub fn gap_markdown(g: &GapReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# 落实情况分析\n");
    let _ = writeln!(s, "- 计划：{}（`{}`）", md_cell(&g.plan.title), g.plan.path);
    let _ = writeln!(
        s,
        "- 报告：{}（`{}`）\n",
        md_cell(&g.report.title),
        g.report.path
    );
    let _ = writeln!(s, "| 状态 | 编号 | 任务 | 最佳证据 | 提示 |");
    let _ = writeln!(s, "|---|---|---|---|---|");
    for t in &g.tasks {
        let flags: Vec<&str> = t.flags.iter().map(|f| flag_label(*f)).collect();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            status_mark(t.status),
            md_cell(&t.id),
            md_cell(&t.title),
            md_cell(best_quote(t)),
            md_cell(&flags.join("、"))
        );
    }
    let sm = &g.summary;
    let _ = writeln!(s, "\n## 汇总\n");
    let _ = writeln!(
        s,
        "共 {} 项任务：✅ 已落实 {}，◐ 部分落实 {}，✗ 未见落实 {}；落实率 {}，部分落实率 {}；数字未填写 {} 处；目标未达成 {} 项；把握不大 {} 项。\n\n注：{}",
        sm.tasks,
        sm.done,
        sm.partial,
        sm.missing,
        percent(done_rate(sm.done, sm.tasks)),
        percent(partial_share(sm.partial, sm.tasks)),
        sm.unfilled_figures,
        sm.unmet_targets,
        sm.uncertain,
        RATE_NOTE
    );
    if let Some(note) = party_note(g) {
        let _ = writeln!(s, "\n注：{note}");
    }
    let missing = missing_tasks(g);
    if !missing.is_empty() {
        let _ = writeln!(s, "\n### 未见落实的任务\n");
        for t in missing {
            let _ = writeln!(s, "- {} {}", md_cell(&t.id), md_cell(&t.title));
        }
    }
    s
}

/// The note said beside the counts of a Party-building comparison with tasks called missing (its
/// plan or report title names such work): how to read 未见落实 there.
pub fn party_note(g: &GapReport) -> Option<&'static str> {
    let party = crate::vocab::reads_as_party_building(&g.plan.title)
        || crate::vocab::reads_as_party_building(&g.report.title);
    (party && g.summary.missing > 0).then_some(crate::vocab::PARTY_NOTE)
}
