//! Stage 7: report evidence for every plan task and commitment, and the status it earns.
//!
//! Pure and deterministic: plan tasks and report sentences in, statuses with evidence out.

pub mod abbrev;
pub mod features;
pub mod figures;
pub mod judge;
pub mod model;
pub mod score;
pub mod terms;

use crate::doc::{CharMap, Doc, Span};
use crate::extract::period;
use crate::extract::plan::Task;
use crate::extract::role::{paragraph_roles, Role};
use crate::extract::sentence::sentence_spans_with_stop;
use crate::extract::Target;
use crate::outline::Outline;
use crate::segment::Segmenter;
use serde::Serialize;

pub use figures::target_met;
pub use judge::{align, judge_all};
pub use model::{Contribution, Model};
pub use score::{prepare, Prepared, Thresholds, THRESHOLDS};

/// Character ranges of unfilled figures (多少次, *次) in a quote, so pages can point at each one.
pub fn unfilled_ranges(quote: &str) -> Vec<(usize, usize)> {
    judge::UNFILLED
        .find_iter(quote)
        .map(|m| {
            let s = crate::doc::char_offset(quote, m.start());
            (s, s + m.as_str().chars().count())
        })
        .collect()
}

/// Longest evidence quote in characters.
pub const MAX_QUOTE_CHARS: usize = 200;

/// Whether the report shows a task was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    Partial,
    Missing,
}

impl Status {
    /// JSON/CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::Partial => "partial",
            Status::Missing => "missing",
        }
    }
}

/// Why a status needs a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    TargetUnmet,
    FigureUnfilled,
    OnlyNextSteps,
    AdmittedShortfall,
    /// The plan itself left the figure unfilled (不少于X次): nothing to check the report against.
    PlanFigureUnfilled,
    /// The year's figure is not given: only a passage spanning several years speaks of it.
    YearFigureNotGiven,
    /// The report names an earlier milestone of the project than the plan promised (主体完工 for
    /// 投入运营).
    MilestoneNotReached,
    /// The learned decision could go either way on whether the promise was followed through
    /// (see [`model::IN_DOUBT`]): the call a reviewer should check first.
    Uncertain,
}

impl Flag {
    /// Every flag, so a word table or a page can cover them all.
    pub const ALL: [Flag; 8] = [
        Flag::TargetUnmet,
        Flag::FigureUnfilled,
        Flag::OnlyNextSteps,
        Flag::AdmittedShortfall,
        Flag::PlanFigureUnfilled,
        Flag::YearFigureNotGiven,
        Flag::MilestoneNotReached,
        Flag::Uncertain,
    ];

    /// JSON/CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::TargetUnmet => "target_unmet",
            Flag::FigureUnfilled => "figure_unfilled",
            Flag::OnlyNextSteps => "only_next_steps",
            Flag::AdmittedShortfall => "admitted_shortfall",
            Flag::PlanFigureUnfilled => "plan_figure_unfilled",
            Flag::YearFigureNotGiven => "year_figure_not_given",
            Flag::MilestoneNotReached => "milestone_not_reached",
            Flag::Uncertain => "uncertain",
        }
    }
}

/// One report sentence that evidences a task, with the matched terms.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Outline path of the report passage.
    pub path: String,
    pub role: Role,
    /// Verbatim report text, whole sentences, at most 200 characters.
    pub quote: String,
    pub score: f64,
    /// Matched terms as character ranges within `quote`.
    pub terms: Vec<(usize, usize)>,
    /// Character offsets of the quote in the report's normalised text.
    pub start: usize,
    pub end: usize,
}

/// What the report says against one quantitative target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reported {
    pub value: f64,
    pub unit: String,
    /// The report's wording of the figure.
    pub span: String,
}

/// A plan target and the report's figure for it, if any.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetCheck {
    #[serde(flatten)]
    pub target: TargetView,
    pub reported: Option<Reported>,
    pub met: Option<bool>,
}

/// A target as shown in gap output (span as text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetView {
    pub period: String,
    pub comparator: &'static str,
    pub value: f64,
    pub unit: String,
    pub action: String,
    pub span: String,
}

impl TargetView {
    /// Renders a target read from `text`, which starts at byte `base` of its document.
    pub fn of(t: &Target, text: &str, base: usize) -> TargetView {
        let (s, e) = t.span.within(base);
        let span = text.get(s..e).unwrap_or(text).to_string();
        TargetView {
            period: t.period.clone(),
            comparator: t.comparator.as_str(),
            value: t.value,
            unit: t.unit.clone(),
            action: t.action.clone(),
            span,
        }
    }
}

/// The judgement on one commitment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitmentResult {
    pub id: String,
    pub text: String,
    pub status: Status,
    pub score: f64,
    pub flags: Vec<Flag>,
    pub targets: Vec<TargetCheck>,
    /// Top three candidate sentences, best first, whatever the status.
    pub evidence: Vec<Evidence>,
    /// The features that weighed most in the decision, strongest first.
    pub why: Vec<Contribution>,
    /// The decision's input row (see [`features::FEATURES`]), kept for eval and fitting.
    #[serde(skip)]
    pub features: Vec<f64>,
}

/// The judgement on one task, rolled up from its commitments.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TaskResult {
    pub id: String,
    pub path: String,
    pub title: String,
    pub text: String,
    pub status: Status,
    pub score: f64,
    pub flags: Vec<Flag>,
    pub targets: Vec<TargetCheck>,
    pub evidence: Vec<Evidence>,
    pub commitments: Vec<CommitmentResult>,
}

/// Counts by status and the share of tasks done.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Summary {
    pub tasks: usize,
    pub done: usize,
    pub partial: usize,
    pub missing: usize,
    /// 落实率: done / tasks, in percent — partial follow-through is `partial`, never folded in,
    /// so the JSON agrees with every table and page (README, "落实率").
    pub coverage: f64,
    pub unfilled_figures: usize,
    pub unmet_targets: usize,
    /// Tasks flagged `uncertain`: how many calls of this report a reviewer should check first.
    #[serde(default)]
    pub uncertain: usize,
}

/// Who and what a side of the comparison is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocRef {
    pub path: String,
    pub unit: String,
    pub year: Option<i32>,
    pub kind: &'static str,
    pub title: String,
}

impl DocRef {
    /// The reference shown in output for a document.
    pub fn of(d: &Doc) -> DocRef {
        DocRef {
            path: d.id(),
            unit: d.meta.unit.clone(),
            year: d.meta.year,
            kind: d.meta.kind.as_str(),
            title: d.meta.title.clone(),
        }
    }
}

/// The whole gap analysis of one plan against one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapReport {
    pub plan: DocRef,
    pub report: DocRef,
    pub summary: Summary,
    pub tasks: Vec<TaskResult>,
}

/// A report sentence that may serve as evidence.
#[derive(Debug, Clone)]
pub struct Unit {
    pub span: Span,
    pub role: Role,
    pub path: String,
    /// The passage reviews several years (五年来…, under 过去五年工作回顾): its figures are a
    /// period's, not the plan year's, unless its sentence names one year.
    pub spans_years: bool,
}

/// A sentence thanking the audience: 表示诚挚的感谢, 致以崇高的敬意.
static THANKS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"表示[^，。！]{0,6}(?:感谢|谢意)|致以[^，。！]{0,6}敬意")
        .expect("thanks regex")
});

static LEAD_INTO_LIST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:如下|以下(?:几(?:个)?方面|工作)?|下列|主要有|具体是)[：:]$")
        .expect("lead-into-list regex")
});

/// A lesson drawn from the year or the five years (主要是：必须坚持党委领导…, 一是必须坚持科学发展):
/// what must be done from now on, not work reported.
static LESSON: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:[^。]*(?:体会|经验|启示|认识|主要是|归结起来)[^。，]{0,6}[：:])?(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]?)?必须",
    )
    .expect("lesson regex")
});

/// Report sentences with their roles and outline paths; sentences longer than a quote are cut at commas.
pub fn report_units(report: &Doc, outline: &Outline) -> Vec<Unit> {
    let roles = paragraph_roles(report);
    let title_spans_years = report
        .title_paragraph
        .and_then(|t| report.paragraphs.get(t))
        .is_some_and(|p| period::heading_spans_years(p.span.of(&report.text)));
    // Whether a node, or a heading above it, reviews several years.
    let mut spans_years: Vec<bool> = Vec::with_capacity(outline.nodes.len());
    let mut last_year_part = false;
    let mut span_part = false;
    let mut out = Vec::new();
    for node in &outline.nodes {
        let role = roles
            .get(node.paragraph)
            .copied()
            .unwrap_or(Role::Achievement);
        let body = node.span;
        let text = body.of(&report.text);
        let inherited = node
            .parent
            .and_then(|p| spans_years.get(p).copied())
            .unwrap_or(title_spans_years);
        let own = if node.is_numbered() {
            period::heading_spans_years(&node.title)
        } else {
            period::paragraph_spans_years(node.body.of(&report.text))
        };
        // A five-year review that goes on to the year just ended (各位代表，刚刚过去的2022年…) speaks
        // of that year until a span opens again (各位代表！过去五年，…).
        let opens_last_year = !node.is_numbered() && period::paragraph_opens_the_last_year(text);
        if own || !inherited {
            last_year_part = false;
        } else if opens_last_year {
            last_year_part = true;
        }
        // A paragraph opening on a span (过去的五年极不寻常。) goes on in the paragraphs after it
        // (综合实力稳步提升。生产总值6.66万亿元…) until the year just ended or a heading comes.
        if node.is_numbered() || opens_last_year {
            span_part = false;
        } else if own {
            span_part = true;
        }
        let node_spans_years = own || span_part || (inherited && !last_year_part);
        spans_years.push(inherited || own);
        // A review paragraph that turns to its problems midway (…同时，我们清醒认识到…) holds
        // shortcomings from there on.
        let turn = crate::extract::role::shortcomings_from(text, role);
        for (k, (s, e)) in sentence_spans_with_stop(text).into_iter().enumerate() {
            let role = if turn.is_some_and(|o| s >= o) {
                Role::Shortcoming
            } else {
                role
            };
            // The title sentence of a numbered section summarises; it is not evidence of a task.
            if k == 0 && node.is_numbered() && text[s..e].chars().count() <= 30 {
                continue;
            }
            // Thanks to the audience (向全国各族人民，向各民主党派…表示诚挚感谢) names the bodies
            // a plan promises to consult, and reports nothing.
            if THANKS.is_match(&text[s..e]) {
                continue;
            }
            // A line that announces what follows (3月份各支部积极开展支部活动，具体情况如下：)
            // reports nothing itself.
            if LEAD_INTO_LIST.is_match(text[s..e].trim_end()) {
                continue;
            }
            if LESSON.is_match(text[s..e].trim_start()) {
                continue;
            }
            for (cs, ce) in cut_long(&text[s..e]) {
                let span = Span::new(body.start + s + cs, body.start + s + ce);
                out.push(Unit {
                    span,
                    role,
                    path: node.path.clone(),
                    spans_years: node_spans_years,
                });
            }
        }
    }
    out
}

/// Cuts a sentence longer than a quote into pieces at commas, each at most [`MAX_QUOTE_CHARS`].
fn cut_long(s: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    if chars.len() <= MAX_QUOTE_CHARS {
        return vec![(0, s.len())];
    }
    let mut out = Vec::new();
    let mut start_ci = 0;
    while start_ci < chars.len() {
        let limit = (start_ci + MAX_QUOTE_CHARS).min(chars.len());
        let mut end_ci = limit;
        if limit < chars.len() {
            if let Some(k) = (start_ci + 1..limit)
                .rev()
                .find(|&k| matches!(chars[k - 1].1, '，' | ','))
            {
                end_ci = k;
            }
        }
        let sb = chars[start_ci].0;
        let eb = if end_ci < chars.len() {
            chars[end_ci].0
        } else {
            s.len()
        };
        out.push((sb, eb));
        start_ci = end_ci;
    }
    out
}

/// Renders evidence for a unit: the quote, its score and where its matched terms sit.
pub fn evidence_of(
    report: &Doc,
    cmap: &CharMap,
    unit: &Unit,
    matched: &[String],
    score: f64,
) -> Evidence {
    let quote = unit.span.of(&report.text).to_string();
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for t in matched {
        for (b, _) in quote.match_indices(t.as_str()) {
            let s = crate::doc::char_offset(&quote, b);
            ranges.push((s, s + t.chars().count()));
        }
    }
    ranges.sort_unstable();
    ranges.dedup();
    Evidence {
        path: unit.path.clone(),
        role: unit.role,
        quote,
        score: (score * 1000.0).round() / 1000.0,
        terms: ranges,
        start: cmap.char_at(unit.span.start),
        end: cmap.char_at(unit.span.end),
    }
}
