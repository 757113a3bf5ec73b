//! The gap report as one self-contained HTML page (inline CSS, no scripts, no external assets) for
//! readers who will never open JSON. All text goes through `html::escape` / `html::mark`.

use super::gap::{flag_label, missing_tasks, status_label};
use super::html::{escape, mark};
use crate::align::{unfilled_ranges, Evidence, GapReport, Status, TargetCheck, TaskResult};
use crate::extract::Role;
use crate::vocab::{done_rate, flag_hint, partial_share, percent, RATE_NOTE};
use std::fmt::Write as _;

/// Shared look of every page luoshi writes: cards, status colours, labels.
pub const CSS: &str = r#"
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;margin:0;background:#f4f5f7;color:#222;line-height:1.7}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:28px;margin:0 0 8px}
h2{font-size:20px;margin:28px 0 12px;border-left:5px solid #b22;padding-left:10px}
.docs{background:#fff;border-radius:8px;padding:12px 18px;margin-bottom:16px}
.docs div{margin:2px 0}.docs .k{color:#666;display:inline-block;width:4.5em}
.path{color:#888;font-size:12px}
.bar{display:flex;height:34px;border-radius:6px;overflow:hidden;margin:8px 0 4px;background:#ddd}
.bar span{display:flex;align-items:center;justify-content:center;color:#fff;font-size:14px;white-space:nowrap;overflow:hidden}
.nums{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.num{background:#fff;border-radius:8px;padding:8px 16px;min-width:7em}
.num b{display:block;font-size:24px}
.done{background:#2e7d32}.partial{background:#e08a00}.missing{background:#c62828}
.card{background:#fff;border-radius:8px;margin:12px 0;padding:12px 18px;border-left:8px solid #999}
.card.s-done{border-left-color:#2e7d32}.card.s-partial{border-left-color:#e08a00}.card.s-missing{border-left-color:#c62828;background:#fff7f7}
.card h3{margin:0 0 6px;font-size:17px}
.badge{display:inline-block;color:#fff;border-radius:4px;padding:0 8px;margin-right:8px;font-size:14px}
.id{color:#888;font-size:13px;margin-right:6px}
.text{color:#444;font-size:14px;margin:4px 0 8px}
.flag{display:inline-block;border:1px solid #c62828;color:#c62828;border-radius:4px;padding:0 6px;margin:0 6px 4px 0;font-size:13px}
.ev{border-top:1px dashed #ddd;padding:6px 0;font-size:15px}
.ev .role{display:inline-block;background:#eef;color:#335;border-radius:4px;padding:0 6px;margin-right:6px;font-size:12px}
.ev .role.r-next_steps,.ev .role.r-shortcoming{background:#fde8e8;color:#922}
.closest summary{cursor:pointer;color:#666;font-size:14px;padding:4px 0}
@media print{details.closest>*{display:block}}
mark{background:#fff176;padding:0 1px}
.unfilled{background:#c62828;color:#fff;border-radius:3px;padding:0 3px;font-weight:bold}
.targets{font-size:14px;margin:4px 0}
.targets td{padding:2px 10px 2px 0;vertical-align:top}
.none{color:#999}
table.list{border-collapse:collapse;background:#fff;width:100%}
table.list th,table.list td{border-bottom:1px solid #e3e3e3;padding:6px 8px;text-align:left;font-size:14px}
table.list th{background:#fafafa;white-space:nowrap}
table.list td.n,table.list td.u{white-space:nowrap}
a{color:#1456a0}
ul.missing-list li{margin:3px 0}
.note{color:#666;font-size:13px}
nav.top{margin:0 0 10px;font-size:14px}
nav.toc{background:#fff;border-radius:8px;padding:10px 18px;margin:12px 0;font-size:14px}
nav.toc ol{margin:4px 0 0;padding-left:1.6em}
.badge.met{background:#2e7d32}.badge.unmet{background:#c62828}
.print-head{display:none}
@page{size:A4;margin:14mm 12mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{background:#fff}
main{max-width:none;padding:0}
nav.top,nav.toc ol{display:none}
.print-head{display:flex;justify-content:space-between;gap:12px;border-bottom:1px solid #888;font-size:12px;padding-bottom:4px;margin-bottom:8px}
.card,.num,.docs,table.list tr{break-inside:avoid}
h2,h3{break-after:avoid}
a{color:inherit;text-decoration:none}
}
"#;

/// The page `gap --format html` writes: header, summary, contents, one card per task, the
/// tasks without follow-through.
pub fn gap_html(g: &GapReport) -> String {
    page(g, false)
}

/// A unit page of a department's output (`OUT/units/`): the same page with a link back to the
/// department page and the unit and year in its title.
pub fn unit_page(g: &GapReport) -> String {
    page(g, true)
}

fn page(g: &GapReport, in_department: bool) -> String {
    let year = year_label(g.plan.year);
    let mut s = if in_department {
        let mut s = page_head(&format!("落实情况分析 · {} {year}", g.plan.unit));
        s.push_str(BACK_LINK);
        s
    } else {
        page_head("落实情况分析")
    };
    s.push_str(&print_head(&g.plan.unit, &year));
    let _ = write!(s, "<h1>落实情况分析</h1>");
    doc_lines(&mut s, g);
    summary_block(&mut s, g);
    contents(&mut s, g);
    let _ = write!(s, "<h2 id=\"tasks\">逐项任务</h2>");
    for (k, t) in g.tasks.iter().enumerate() {
        task_card(&mut s, k + 1, t);
    }
    missing_block(&mut s, g);
    s.push_str(PAGE_FOOT);
    s
}

/// The link from a unit page back to the department page, hidden in print.
pub const BACK_LINK: &str =
    "<nav class=\"top\"><a href=\"../index.html\">← 返回总览（全部单位）</a></nav>\n";

/// A year as a reader writes it; unknown years say so.
pub fn year_label(y: Option<i32>) -> String {
    y.map_or("未注明年份".to_string(), |y| format!("{y}年"))
}

/// The header a printed page carries: unit, year, and a line for the date it was checked
/// (left to fill in by hand: the page itself never changes with the day it is written).
pub fn print_head(unit: &str, year: &str) -> String {
    format!(
        "<div class=\"print-head\"><span>单位：{}</span><span>年度：{}</span><span>核查日期：　　　年　　月　　日</span></div>\n",
        escape(unit),
        escape(year)
    )
}

/// A short table of contents: counts by status, then a link to each card without follow-through.
fn contents(s: &mut String, g: &GapReport) {
    let m = &g.summary;
    let _ = write!(
        s,
        "<nav class=\"toc\"><b>本页目录</b>　<a href=\"#tasks\">逐项任务</a>：<span class=\"badge done\">已落实 {}</span><span class=\"badge partial\">部分落实 {}</span><span class=\"badge missing\">未见落实 {}</span>　<a href=\"#missing\">未见落实的任务</a>",
        m.done, m.partial, m.missing
    );
    let missing: Vec<(usize, &TaskResult)> = g
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.status == Status::Missing)
        .map(|(k, t)| (k + 1, t))
        .collect();
    if !missing.is_empty() {
        let _ = write!(s, "<ol>");
        for (k, t) in missing {
            let _ = write!(
                s,
                "<li><a href=\"#task-{k}\">第{k}项</a> {}</li>",
                escape(&t.title)
            );
        }
        let _ = write!(s, "</ol>");
    }
    let _ = writeln!(s, "</nav>");
}

/// Opens a page with its title and the shared stylesheet.
pub fn page_head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body><main>\n",
        escape(title)
    )
}

/// Closes a page opened with [`page_head`].
pub const PAGE_FOOT: &str =
    "<p class=\"note\">由 luoshi 生成。状态依据报告“主要成绩”部分的文字判断，仅供核查参考。</p>\n</main></body></html>\n";

fn doc_lines(s: &mut String, g: &GapReport) {
    let _ = writeln!(
        s,
        "<div class=\"docs\"><div><span class=\"k\">计划</span>{} · {} <span class=\"path\">{}</span></div><div><span class=\"k\">报告</span>{} · {} <span class=\"path\">{}</span></div></div>",
        escape(&g.plan.unit),
        escape(&g.plan.title),
        escape(&g.plan.path),
        escape(&g.report.unit),
        escape(&g.report.title),
        escape(&g.report.path),
    );
}

/// The coloured bar and the counts; shared with the department index.
pub fn status_bar(done: usize, partial: usize, missing: usize) -> String {
    let total = (done + partial + missing).max(1) as f64;
    let mut s = String::from("<div class=\"bar\">");
    for (n, class, label) in [
        (done, "done", "已落实"),
        (partial, "partial", "部分落实"),
        (missing, "missing", "未见落实"),
    ] {
        if n > 0 {
            let share = n as f64 * 100.0 / total;
            // A narrow segment shows only its count; the label is in the tooltip.
            let text = if share >= 12.0 {
                format!("{label} {n}")
            } else {
                n.to_string()
            };
            let _ = write!(
                s,
                "<span class=\"{class}\" style=\"width:{share:.2}%\" title=\"{label} {n}\">{text}</span>"
            );
        }
    }
    s.push_str("</div>");
    s
}

fn summary_block(s: &mut String, g: &GapReport) {
    let m = &g.summary;
    let _ = write!(
        s,
        "<h2>总体情况</h2>{}",
        status_bar(m.done, m.partial, m.missing)
    );
    let _ = write!(s, "<div class=\"nums\">");
    for (label, value) in [
        ("计划任务", m.tasks.to_string()),
        ("已落实", m.done.to_string()),
        ("部分落实", m.partial.to_string()),
        ("未见落实", m.missing.to_string()),
        ("落实率", percent(done_rate(m.done, m.tasks))),
        ("部分落实率", percent(partial_share(m.partial, m.tasks))),
        ("数字未填写", m.unfilled_figures.to_string()),
        ("目标未达成", m.unmet_targets.to_string()),
        ("把握不大", m.uncertain.to_string()),
    ] {
        num_box(s, label, &value);
    }
    let _ = writeln!(s, "</div>{}", rate_note());
    if let Some(note) = super::gap::party_note(g) {
        let _ = writeln!(s, "<p class=\"note party-note\">注：{}</p>", escape(note));
    }
}

/// One figure in the row of counts; the rates carry their definition as a tooltip.
pub fn num_box(s: &mut String, label: &str, value: &str) {
    let tip = if label.contains("落实率") {
        format!(" title=\"{}\"", escape(RATE_NOTE))
    } else {
        String::new()
    };
    let _ = write!(
        s,
        "<div class=\"num\"{tip}>{}<b>{}</b></div>",
        escape(label),
        escape(value)
    );
}

/// The footnote defining 落实率, under every figure of it.
pub fn rate_note() -> String {
    format!("<p class=\"note rate-note\">注：{}</p>", escape(RATE_NOTE))
}

fn missing_block(s: &mut String, g: &GapReport) {
    let missing = missing_tasks(g);
    let _ = write!(
        s,
        "<h2 id=\"missing\">未见落实的任务（{}项）</h2>",
        missing.len()
    );
    if missing.is_empty() {
        let _ = write!(s, "<p class=\"none\">无。</p>");
        return;
    }
    let _ = write!(s, "<ul class=\"missing-list\">");
    for (k, t) in g.tasks.iter().enumerate() {
        if t.status == Status::Missing {
            let _ = write!(
                s,
                "<li><a class=\"id\" href=\"#task-{}\">第{}项</a>{}</li>",
                k + 1,
                k + 1,
                escape(&t.title)
            );
        }
    }
    let _ = writeln!(s, "</ul>");
}

fn status_class(st: Status) -> &'static str {
    st.as_str()
}

fn role_label(r: Role) -> &'static str {
    crate::vocab::word(r.as_str(), crate::vocab::Lang::Zh)
}

/// One task's card, anchored `task-<k>` (k-th task of the plan) for the contents; the internal
/// id (`d1.t3`, the one tasks.csv and JSON use) is kept in a tooltip.
fn task_card(s: &mut String, k: usize, t: &TaskResult) {
    let _ = write!(
        s,
        "<div class=\"card s-{}\" id=\"task-{k}\"><h3><span class=\"badge {}\">{}</span><span class=\"id\" title=\"编号 {}（tasks.csv 与 JSON 中的编号）\">第{k}项</span>{}</h3>",
        status_class(t.status),
        status_class(t.status),
        status_label(t.status),
        escape(&t.id),
        escape(&t.title)
    );
    for f in &t.flags {
        let _ = write!(
            s,
            "<span class=\"flag\" title=\"{}\">{}</span>",
            escape(flag_hint(*f)),
            escape(flag_label(*f))
        );
    }
    let _ = write!(s, "<div class=\"text\">{}</div>", escape(&t.text));
    targets_block(s, &t.targets);
    if t.evidence.is_empty() {
        let _ = write!(s, "<div class=\"ev none\">报告中未找到对应内容。</div>");
    } else if t.status == Status::Missing {
        // Collapsed, so it is not read as proof; open, it lets a reviewer confirm the call.
        let _ = write!(
            s,
            "<details class=\"closest\"><summary>最接近的原文（{} 句，不足以证明已落实）</summary>",
            t.evidence.len().min(3)
        );
        for e in t.evidence.iter().take(3) {
            evidence_line(s, e);
        }
        let _ = write!(s, "</details>");
    } else {
        for e in t.evidence.iter().take(3) {
            evidence_line(s, e);
        }
    }
    let _ = writeln!(s, "</div>");
}

fn targets_block(s: &mut String, targets: &[TargetCheck]) {
    if targets.is_empty() {
        return;
    }
    let _ = write!(s, "<table class=\"targets\">");
    for t in targets {
        let (got, verdict) = match (&t.reported, t.met) {
            (Some(r), Some(true)) => (escape(&r.span), "<span class=\"badge met\">达成</span>"),
            (Some(r), Some(false)) => {
                (escape(&r.span), "<span class=\"badge unmet\">未达成</span>")
            }
            (Some(r), None) => (escape(&r.span), ""),
            (None, _) => ("<span class=\"none\">报告未给出数字</span>".to_string(), ""),
        };
        let _ = write!(
            s,
            "<tr><td>目标：{}</td><td>报告：{}</td><td>{}</td></tr>",
            escape(&t.target.span),
            got,
            verdict
        );
    }
    let _ = write!(s, "</table>");
}

/// A quote with matched terms in `<mark>` and each unfilled figure (多少次, *次) boxed in red.
fn quote_html(quote: &str, terms: &[(usize, usize)]) -> String {
    let holes = unfilled_ranges(quote);
    if holes.is_empty() {
        return mark(quote, terms);
    }
    let chars: Vec<char> = quote.chars().collect();
    let mut out = String::new();
    let mut pos = 0;
    let piece = |from: usize, to: usize| -> String {
        let text: String = chars[from..to].iter().collect();
        let shifted: Vec<(usize, usize)> = terms
            .iter()
            .filter(|&&(a, b)| b > from && a < to)
            .map(|&(a, b)| (a.max(from) - from, b.min(to) - from))
            .collect();
        mark(&text, &shifted)
    };
    for (a, b) in holes {
        let (a, b) = (a.min(chars.len()), b.min(chars.len()));
        if a < pos {
            continue;
        }
        out.push_str(&piece(pos, a));
        let hole: String = chars[a..b].iter().collect();
        let _ = write!(
            out,
            "<span class=\"unfilled\" title=\"数字未填写\">{}</span>",
            escape(&hole)
        );
        pos = b;
    }
    out.push_str(&piece(pos, chars.len()));
    out
}

fn evidence_line(s: &mut String, e: &Evidence) {
    let _ = write!(
        s,
        "<div class=\"ev\"><span class=\"role r-{}\">{}</span>{} <span class=\"path\">{}</span></div>",
        e.role.as_str(),
        role_label(e.role),
        quote_html(&e.quote, &e.terms),
        escape(&crate::vocab::place(&e.path))
    );
}

#[cfg(test)]
mod tests {
    #[test]
    fn unfilled_figures_are_boxed_and_terms_marked() {
        let h = super::quote_html("开展学习*次，谈心谈话<多少>次", &[(0, 2), (6, 10)]);
        assert!(h.starts_with("<mark>开展</mark>学习<span class=\"unfilled\""));
        assert!(h.contains("&lt;"));
        assert!(!h.contains("<多"));
    }
}
