//! The department's outputs from per-unit results: summary and task tables (CSV, xlsx), the
//! department page, pages for unit-years missing a document, and the error list.

use super::batch_tables::{count_cell, error_rows};
use super::gap_html::{
    num_box, page_head, print_head, rate_note, status_bar, year_label, BACK_LINK, PAGE_FOOT,
};
use super::html::escape;
use crate::error::Error;
use crate::unit_year::UnitResult;
use crate::vocab::{done_rate, is_missing, partial_share, percent, word, Lang, NO_REPORT};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// How many keyword groups the department page lists.
const MAX_GROUPS: usize = 20;

/// A small page for a unit-year that could not be compared, saying which document is missing.
pub fn unpaired_page(u: &UnitResult) -> String {
    let mut s = page_head(&format!("落实情况分析 · {} {}", u.unit, year_label(u.year)));
    s.push_str(BACK_LINK);
    s.push_str(&print_head(&u.unit, &year_label(u.year)));
    let _ = write!(
        s,
        "<h1>落实情况分析</h1><div class=\"docs\"><div><span class=\"k\">单位</span>{}</div><div><span class=\"k\">年份</span>{}</div></div>",
        escape(&u.unit),
        escape(&year_label(u.year))
    );
    let missing = if u.status == NO_REPORT {
        "未找到该年度的情况报告（工作总结），无法核对计划任务的落实情况。"
    } else {
        "未找到该年度的工作计划（要点、任务清单或责任清单），无法核对报告对应的任务。"
    };
    let _ = write!(
        s,
        "<div class=\"card s-missing\"><h3><span class=\"badge missing\">{}</span></h3><p>{}</p>",
        escape(word(&u.status, Lang::Zh)),
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
    let _ = write!(s, "</ul></div>");
    if !u.tasks.is_empty() {
        let _ = write!(
            s,
            "<h2>计划中的任务（{}项，均待报告）</h2><table class=\"list\"><tr><th>序号</th><th>任务</th><th>时限</th><th>责任单位/责任人</th></tr>",
            u.tasks.len()
        );
        for (k, t) in u.tasks.iter().enumerate() {
            let _ = write!(
                s,
                "<tr><td class=\"n\" title=\"编号 {}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&t.id),
                k + 1,
                escape(&t.title),
                escape(&t.deadline),
                escape(&t.responsible)
            );
        }
        let _ = write!(s, "</table>");
    }
    let _ = write!(s, "<p><a href=\"../index.html\">返回总览</a></p>");
    s.push_str(PAGE_FOOT);
    s
}

/// Units in the department view: compared ones by coverage (lowest first), then the unpaired.
fn sorted(units: &[UnitResult]) -> Vec<&UnitResult> {
    let mut v: Vec<&UnitResult> = units.iter().collect();
    v.sort_by(|a, b| {
        let rate = |u: &UnitResult| {
            u.counts.as_ref().map(|c| {
                (
                    done_rate(c.done, c.tasks),
                    partial_share(c.partial, c.tasks),
                )
            })
        };
        let (ca, cb) = (rate(a), rate(b));
        match (ca, cb) {
            (Some(x), Some(y)) => x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.status.cmp(&b.status),
        }
        .then_with(|| a.unit.cmp(&b.unit))
        .then_with(|| a.year.cmp(&b.year))
    });
    v
}

/// Words too common in plans to say what a group of tasks is about (建设, 发展, 政府 …).
const GENERIC_TERMS: [&str; 64] = [
    "建设",
    "发展",
    "政府",
    "工作",
    "加强",
    "推进",
    "推动",
    "全面",
    "坚持",
    "提高",
    "提升",
    "促进",
    "加快",
    "完善",
    "实施",
    "开展",
    "落实",
    "深化",
    "强化",
    "重点",
    "今年",
    "我们",
    "进一步",
    "不断",
    "积极",
    "努力",
    "扎实",
    "持续",
    "社会",
    "经济",
    "水平",
    "能力",
    "体系",
    "机制",
    "服务",
    "管理",
    "建立",
    "健全",
    "做好",
    "抓好",
    "聚焦",
    "发力",
    "全力",
    "大力",
    "切实",
    "着力",
    "有效",
    "继续",
    "更加",
    "主要",
    "总体",
    "要求",
    "目标",
    "任务",
    "领域",
    "方面",
    "问题",
    "质量",
    "工程",
    "全区",
    "全市",
    "全省",
    "全国",
    "各级",
];

/// Whether a keyword can name a group: two or more characters, no digits or Latin letters, not
/// a generic plan word, not part of a unit's own name (海拉尔 in 海拉尔区人民政府).
fn distinctive(term: &str, unit_names: &[&str]) -> bool {
    term.chars().count() >= 2
        && term.chars().all(|c| !c.is_ascii() && !c.is_numeric())
        && !GENERIC_TERMS.contains(&term)
        && !unit_names.iter().any(|u| u.contains(term))
}

/// Whether a task title is a task rather than a lead-in (今年政府工作的总体要求是：…) or a fragment.
fn real_task(title: &str) -> bool {
    let t = title.trim();
    t.chars().filter(|c| !c.is_ascii()).count() >= 4
        && !t.ends_with(['：', ':'])
        && !["总体要求", "指导思想", "基本思路"]
            .iter()
            .any(|w| t.contains(w))
}

/// Tasks without follow-through that several units share a distinctive term for.
pub struct MissingGroup {
    pub term: String,
    /// The units (not unit-years) with such a task, in name order.
    pub units: Vec<String>,
    /// Up to three example titles with the unit page and card they link to.
    pub examples: Vec<(String, String)>,
}

/// Groups of tasks without follow-through by a shared distinctive keyword, counted by unit,
/// most units first; only groups spanning two or more units.
pub fn missing_groups(units: &[UnitResult]) -> Vec<MissingGroup> {
    type Found<'a> = (BTreeSet<&'a str>, BTreeMap<&'a str, String>);
    let names: Vec<&str> = units.iter().map(|u| u.unit.as_str()).collect();
    let mut groups: BTreeMap<&str, Found> = BTreeMap::new();
    for u in units {
        let page = super::html::url_segment(&u.page_stem());
        for (k, t) in u.tasks.iter().enumerate() {
            if !is_missing(&t.status) || !real_task(&t.title) {
                continue;
            }
            let terms = t.keywords.iter().filter(|k| distinctive(k, &names)).take(3);
            for term in terms {
                let e = groups.entry(term.as_str()).or_default();
                e.0.insert(u.unit.as_str());
                e.1.entry(t.title.as_str())
                    .or_insert_with(|| format!("units/{page}.html#task-{}", k + 1));
            }
        }
    }
    let mut v: Vec<(usize, MissingGroup)> = groups
        .into_iter()
        .filter(|(_, (us, _))| us.len() >= 2)
        .map(|(term, (us, titles))| {
            let n = titles.len();
            let group = MissingGroup {
                term: term.to_string(),
                units: us.into_iter().map(str::to_string).collect(),
                examples: titles
                    .into_iter()
                    .take(3)
                    .map(|(t, link)| (t.to_string(), link))
                    .collect(),
            };
            (n, group)
        })
        .collect();
    v.sort_by(|a, b| {
        (b.1.units.len(), b.0)
            .cmp(&(a.1.units.len(), a.0))
            .then_with(|| a.1.term.cmp(&b.1.term))
    });
    v.into_iter().take(MAX_GROUPS).map(|(_, g)| g).collect()
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
    let years: BTreeSet<i32> = units.iter().filter_map(|u| u.year).collect();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}—{b}年"),
        (Some(a), _) => format!("{a}年"),
        _ => String::new(),
    };
    s.push_str(&print_head("全部单位", &span));
    let checked: Vec<&UnitResult> = units.iter().filter(|u| u.counts.is_some()).collect();
    let (mut done, mut partial, mut missing) = (0, 0, 0);
    for c in checked.iter().filter_map(|u| u.counts.as_ref()) {
        done += c.done;
        partial += c.partial;
        missing += c.missing;
    }
    let total = done + partial + missing;

    let count = |st: &str| units.iter().filter(|u| u.status == st).count();
    let _ = write!(s, "<h1>落实情况分析 · 总览</h1>");
    let _ = write!(s, "<div class=\"nums\">");
    for (label, v) in [
        ("单位·年度", units.len().to_string()),
        ("已比对", checked.len().to_string()),
        ("未提交报告", count(NO_REPORT).to_string()),
        ("无计划", count(crate::vocab::NO_PLAN).to_string()),
        ("计划任务", total.to_string()),
        ("总体落实率", percent(done_rate(done, total))),
        ("部分落实率", percent(partial_share(partial, total))),
        ("读取失败文件", errors.len().to_string()),
    ] {
        num_box(&mut s, label, &v);
    }
    let _ = write!(
        s,
        "</div>{}{}",
        status_bar(done, partial, missing),
        rate_note()
    );
    let _ = write!(
        s,
        "<h2>各单位落实情况（按落实率从低到高）</h2><table class=\"list\"><tr><th>单位</th><th>年度</th><th>计划</th><th>报告</th><th>任务</th><th>已落实</th><th>部分落实</th><th>未见落实</th><th title=\"{}\">落实率</th><th>部分落实率</th><th title=\"{}\">把握不大</th><th>状态</th></tr>",
        escape(crate::vocab::RATE_NOTE),
        escape(crate::vocab::flag_hint(crate::align::Flag::Uncertain))
    );
    for u in sorted(units) {
        let c = u.counts.as_ref();
        let n = |f| count_cell(c, f);
        let _ = write!(
            s,
            "<tr><td class=\"u\"><a href=\"units/{}.html\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&super::html::url_segment(&u.page_stem())),
            escape(&u.unit),
            escape(&u.year.map(|y| y.to_string()).unwrap_or_default()),
            escape(&u.plan_titles.join(" / ")),
            escape(u.report_title.as_deref().unwrap_or("—")),
            n(|c| c.tasks),
            n(|c| c.done),
            n(|c| c.partial),
            n(|c| c.missing),
            escape(
                &c.map(|c| percent(done_rate(c.done, c.tasks)))
                    .unwrap_or_default()
            ),
            escape(
                &c.map(|c| percent(partial_share(c.partial, c.tasks)))
                    .unwrap_or_default()
            ),
            n(|c| c.uncertain),
            escape(word(&u.status, Lang::Zh)),
        );
    }
    let _ = write!(s, "</table>");
    let groups = missing_groups(units);
    let _ = write!(
        s,
        "<h2>多个单位未见落实的任务（按关键词归类，计单位数）</h2><table class=\"list\"><tr><th>关键词</th><th>单位数</th><th>单位</th><th>任务示例</th></tr>"
    );
    if groups.is_empty() {
        let _ = write!(s, "<tr><td colspan=\"4\" class=\"none\">无。</td></tr>");
    }
    for g in &groups {
        let examples: Vec<String> = g
            .examples
            .iter()
            .map(|(t, link)| format!("<a href=\"{}\">{}</a>", escape(link), escape(&shorten(t))))
            .collect();
        let _ = write!(
            s,
            "<tr><td class=\"u\"><b>{}</b></td><td class=\"n\">{}</td><td>{}</td><td>{}</td></tr>",
            escape(&g.term),
            g.units.len(),
            escape(&g.units.join("、")),
            examples.join("<br>")
        );
    }
    let _ = write!(s, "</table>");
    if !errors.is_empty() {
        let _ = write!(
            s,
            "<h2>读取失败的文件</h2><table class=\"list\"><tr><th>文件</th><th>原因</th></tr>"
        );
        for r in &error_rows(errors, Lang::Zh).rows {
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
        "<p class=\"note\">同目录下：summary.csv / summary.xlsx（每单位一行）、tasks.csv（每项任务一行）、errors.csv（读取失败的文件）、warnings.csv（luoshi 推测或略过的内容：重复报告、由文件名推断的年度等，请核对）。</p>"
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
