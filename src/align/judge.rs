//! Turning candidate evidence into statuses: the learned decision per commitment, the flags and
//! target checks beside it, and the roll-up from commitments to plan items.

use super::features::{self, Facts};
use super::model::{self, Model};
use super::score::{candidates, nearest_ignoring_action, Judged, Match, Prepared};
use super::*;
use crate::extract::target::{periods_per_year, quantities, Quantity};
use crate::extract::Comparator;
use crate::segment::{canonical_spelling, is_word_char};
use regex::Regex;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Evidence words that report progress short of completion (推进中, 开工, 基本完成).
static PROGRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"进展顺利|正在|开工|启动|基本完成|部分|试营业|试运行|前期工作|筹备|初步|阶段性|取得突破|主体封顶|推进中|有序推进|稳步推进")
        .expect("progress regex")
});

/// Verbs of a promise to start or to keep working on something, which progress fulfils.
static UNDER_WAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"启动|开工|推进|推动|谋划|筹备|前期|探索|试点").expect("under-way regex")
});

/// Verbs of a promise to finish something, which progress alone does not fulfil.
static COMPLETION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"建成|完成|竣工|投入使用|投用|营业|运营|交付|全覆盖|实现")
        .expect("completion regex")
});

/// A project's milestones in order — preparation, start, under way, finished, in use — so a
/// promise of 投入使用 is not kept by 主体完工, nor 开工 by 完成核准.
const MILESTONES: [&str; 5] = [
    "核准|立项|前期工作|前期手续|规划设计|选址|签约|招商|筹备|谋划",
    "开工|动工|启动|开建|进场",
    "主体完工|主体工程完工|主体封顶|基本完工|基本建成|基本完成|在建|进展顺利|顺利推进|加快建设|正在|有序推进|稳步推进|推进中",
    "完工|竣工|建成|通车|落成",
    "投入使用|投入运营|投用|投产|运营|营业|开业|交付",
];

/// The furthest milestone a text names, if any. Longer words are tried first at each place, so
/// 主体完工 counts as under way and not as finished.
fn milestone(text: &str) -> Option<usize> {
    static STAGE_OF: LazyLock<FxHashMap<&str, usize>> = LazyLock::new(|| {
        let mut stage_of = FxHashMap::default();
        for (stage, words) in MILESTONES.iter().enumerate() {
            for w in words.split('|') {
                stage_of.insert(w, stage);
            }
        }
        stage_of
    });
    static ANY: LazyLock<Regex> = LazyLock::new(|| {
        let mut words: Vec<&str> = STAGE_OF.keys().copied().collect();
        words.sort_by_key(|w| (std::cmp::Reverse(w.chars().count()), *w));
        Regex::new(&words.join("|")).expect("milestones regex")
    });
    ANY.find_iter(text)
        .filter_map(|m| STAGE_OF.get(m.as_str()).copied())
        .max()
}

/// Whether a commitment promises a finished result rather than a start or continued effort.
fn promises_completion(text: &str) -> bool {
    COMPLETION.is_match(text) || !UNDER_WAY.is_match(text)
}

/// Unfilled figures inside an evidence quote (多少次, 几次, *次).
pub(crate) static UNFILLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"多少|几[次个项人场名期篇方]|[*＊]+(?:余)?[次名期个人篇项场件]")
        .expect("unfilled regex")
});

/// Aligns a plan's tasks with a report: statuses, flags, target checks and evidence for each.
pub fn align(
    plan: &Doc,
    tasks: &[Task],
    report: &Doc,
    report_outline: &Outline,
    seg: &Segmenter,
) -> GapReport {
    judge_all(
        &prepare(plan, tasks, report, report_outline, seg),
        report,
        model::shipped(),
    )
}

/// Judges every task of a prepared comparison with `model`.
pub fn judge_all(p: &Prepared, report: &Doc, model: &Model) -> GapReport {
    let th = &THRESHOLDS;
    let roles: Vec<Role> = p.units.iter().map(|u| u.role).collect();
    let all: Vec<Vec<Vec<Match>>> = p
        .judged
        .iter()
        .map(|items| items.iter().map(|j| candidates(j, &p.units, th)).collect())
        .collect();
    // The two best scores on every sentence, with the task holding each: a sentence another
    // task's clause fits better is weaker evidence for this one.
    let mut top2: Vec<[(f64, usize); 2]> = vec![[(0.0, usize::MAX); 2]; p.units.len()];
    for (ti, items) in all.iter().enumerate() {
        for m in items.iter().flatten() {
            let slot = &mut top2[m.unit];
            if m.score > slot[0].0 {
                if slot[0].1 != ti {
                    slot[1] = slot[0];
                }
                slot[0] = (m.score, ti);
            } else if m.score > slot[1].0 && slot[0].1 != ti {
                slot[1] = (m.score, ti);
            }
        }
    }
    let rival = |unit: usize, ti: usize| {
        let s = top2[unit];
        if s[0].1 != ti {
            s[0].0
        } else {
            s[1].0
        }
    };
    let mut results = Vec::new();
    for (ti, task) in p.tasks.iter().enumerate() {
        let mut commitments = Vec::new();
        for (j, matches) in p.judged[ti].iter().zip(&all[ti]) {
            // The item's heading competes for report sentences (it names what the item is
            // about) but is no commitment of its own.
            if j.id.ends_with(".title") {
                continue;
            }
            // A counted promise (每月通报…) whose action no report sentence names has no
            // candidate: it stays `missing`, and the closest sentences are shown all the same so
            // a reviewer sees what came nearest.
            if matches.is_empty() {
                let nearest = nearest_ignoring_action(j, &p.units, th);
                if !nearest.is_empty() {
                    let none = vec![None; j.targets.len()];
                    let c = judge(j, &nearest, &roles, 0.0, p, report, model, none, false);
                    commitments.push(c);
                    continue;
                }
            }
            let best = matches.iter().find(|m| roles[m.unit] == Role::Achievement);
            let r = best.map_or(0.0, |m| rival(m.unit, ti));
            let (ordered, figures) = figure_first(j, matches, &roles, p, report);
            commitments.push(judge(
                j, &ordered, &roles, r, p, report, model, figures, true,
            ));
        }
        results.push(roll_up(task, commitments));
    }
    let summary = summarize(&results);
    GapReport {
        plan: p.plan.clone(),
        report: p.report_ref.clone(),
        summary,
        tasks: results,
    }
}

/// The sentence as shown: a paragraph's short opening sentence (加强基础设施建设。, at most a
/// heading's length) is a run-in heading that proves nothing alone, so it is shown with the
/// sentence that follows it in its paragraph. Evidence@3 (statuses unchanged): CV 0.897 → 0.901,
/// check pairs 0.860 → 0.865, 广东 0.932 (unchanged); 14 characters: 0.899 / 0.864; 10: unchanged.
fn with_run_in<'u>(units: &'u [Unit], u: usize, report: &Doc) -> Cow<'u, Unit> {
    let this = &units[u];
    let opens = u == 0 || units[u - 1].path != this.path;
    let short = |x: &Unit| x.span.of(&report.text).chars().count();
    match units.get(u + 1).filter(|n| n.path == this.path) {
        Some(next)
            if opens
                && short(this) <= crate::extract::plan::HEADING_MAX_CHARS
                && short(this) + short(next) <= super::MAX_QUOTE_CHARS =>
        {
            Cow::Owned(Unit {
                span: crate::doc::Span::new(this.span.start, next.span.end),
                role: this.role,
                path: this.path.clone(),
                spans_years: this.spans_years,
            })
        }
        _ => Cow::Borrowed(this),
    }
}

/// A sentence crediting the leadership for the year's work: the review's frame, not its work.
static FRAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"领导下|正确领导|坚强领导|的结果").expect("frame regex"));

/// A target's reported figure and the report sentence it was read from, if any.
type Figure = Option<(usize, Reported)>;

/// The candidates in the order the decision reads them, and each target's figure. A sentence
/// whose figure meets a target outranks closer wording whose figures meet none: the decision and
/// the first evidence read it (居民消费价格上涨2%, not M2…低于13%左右的预期目标).
fn figure_first<'m>(
    j: &Judged,
    matches: &'m [Match],
    roles: &[Role],
    p: &Prepared,
    report: &Doc,
) -> (Cow<'m, [Match]>, Vec<Figure>) {
    let ach: Vec<&Match> = matches
        .iter()
        .filter(|m| roles[m.unit] == Role::Achievement)
        .collect();
    let figures = target_figures(j, &ach[..ach.len().min(3)], p, report);
    let meeting: Vec<usize> = j
        .targets
        .iter()
        .zip(&figures)
        .filter_map(|(t, f)| f.as_ref().map(|(u, r)| (t, u, r)))
        .filter(|(t, _, r)| met_within(t, r, tolerance_of(t, &j.text, j.base)))
        .map(|(_, u, _)| *u)
        .collect();
    // Only a sentence that scores at all stands first: a figure in a sentence sharing none of the
    // commitment's words (外贸出口增长8% for 外贸进出口) proves nothing by itself.
    let scoring = |u: &usize| ach.iter().any(|m| m.unit == *u && m.score > 0.0);
    let promoted = meeting.iter().copied().find(scoring);
    let ordered = match (ach.first(), promoted) {
        (Some(best), Some(unit)) if !meeting.contains(&best.unit) => {
            let mut reordered = matches.to_vec();
            if let Some(k) = reordered.iter().position(|m| m.unit == unit) {
                let m = reordered.remove(k);
                reordered.insert(0, m);
            }
            Cow::Owned(reordered)
        }
        _ => Cow::Borrowed(matches),
    };
    (ordered, figures)
}

/// Each target's figure and the sentence it was read from: the sentence among `top` whose own
/// words name the indicator best, ties going to the better match. A five-year review's totals and averages answer a year's
/// target only when the commitment itself spans years.
fn target_figures(j: &Judged, top: &[&Match], p: &Prepared, report: &Doc) -> Vec<Figure> {
    let period_target = period::names_several_years(&j.text);
    j.targets
        .iter()
        .map(|t| {
            let mut best: Option<((usize, usize), usize, Reported)> = None;
            for m in top {
                let unit = &p.units[m.unit];
                let spans = unit.spans_years && !period_target;
                if let Some((named, r)) = reported_figure(t, unit.span.of(&report.text), spans) {
                    if best.as_ref().is_none_or(|(b, _, _)| named > *b) {
                        best = Some((named, m.unit, r));
                    }
                }
            }
            best.map(|(_, unit, r)| (unit, r))
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn judge(
    j: &Judged,
    matches: &[Match],
    roles: &[Role],
    rival: f64,
    p: &Prepared,
    report: &Doc,
    model: &Model,
    figures: Vec<Figure>,
    proof_possible: bool,
) -> CommitmentResult {
    let th = &THRESHOLDS;
    let (units, cmap) = (&p.units, &p.cmap);
    let (id, text, base, targets) = (&j.id, &j.text, j.base, &j.targets);
    let best_in = |role: Role| matches.iter().find(|m| roles[m.unit] == role);
    let best_a = best_in(Role::Achievement);
    let best_n = best_in(Role::NextSteps);
    let best_s = best_in(Role::Shortcoming);
    let quote = |unit: usize| units[unit].span.of(&report.text);
    let ach: Vec<&Match> = matches
        .iter()
        .filter(|m| roles[m.unit] == Role::Achievement)
        .collect();
    // Each target's figure, read once: from the first evidence sentence (best first) stating one.
    // A five-year review's totals and averages answer a year's target only when the commitment
    // itself spans years.
    let met = targets
        .iter()
        .zip(&figures)
        .filter(|(t, f)| {
            f.as_ref().is_some_and(|(u, r)| {
                best_a.is_some_and(|b| b.unit == *u)
                    && met_within(t, r, tolerance_of(t, text, base))
            })
        })
        .count();
    let unmet = targets.iter().zip(&figures).any(|(t, f)| {
        f.as_ref()
            .is_some_and(|(_, r)| !met_within(t, r, tolerance_of(t, text, base)))
    });
    // The clauses of the best evidence that name the commitment by its own words (not its
    // heading's context words): progress and milestones are read from them.
    let own_words: Vec<String> = best_a.map_or_else(Vec::new, |b| {
        b.matched
            .iter()
            .filter(|t| !j.context_terms.contains(t))
            .cloned()
            .collect()
    });
    let own_clauses: Vec<&str> = best_a.map_or_else(Vec::new, |b| {
        progress_clauses(quote(b.unit), &own_words).collect()
    });
    // Progress short of completion in the best evidence — when the plan promised completion: a
    // promise to start or to push on (启动, 开工, 推进) is kept by progress, and a progress word
    // the plan itself used (启动…) is what was promised, not a shortfall.
    let progress = promises_completion(text)
        && own_clauses
            .iter()
            .any(|c| PROGRESS.find_iter(c).any(|m| !text.contains(m.as_str())));
    // A project's milestone short of the promised one (确保…年内投入运营 against 主体工程完工,
    // 完成核准并开工建设 against 完成项目核准).
    let short_of_milestone = milestone(text).is_some_and(|promised| {
        own_clauses
            .iter()
            .filter_map(|c| milestone(c))
            .max()
            .is_some_and(|reached| reached < promised)
    });
    // The closest sentences whatever the status: for a missing commitment they show a reviewer
    // what came nearest and why it was not enough.
    // The sentence the decision read comes first, so a reviewer checks what proves the status;
    // the other two follow the order fused with BM25 (finds more of the evidence people quote).
    let mut shown: Vec<&Match> = super::score::shown_order(&ach);
    if let Some(b) = best_a {
        shown.retain(|m| m.unit != b.unit);
        shown.insert(0, b);
    }
    // Read from what the reviewer is shown, so the flag and the quotes agree.
    let unfilled = shown
        .iter()
        .take(3)
        .any(|m| UNFILLED.is_match(quote(m.unit)));
    let facts = Facts {
        has_target: !targets.is_empty(),
        targets_met: if targets.is_empty() {
            0.0
        } else {
            met as f64 / targets.len() as f64
        },
        target_unmet: unmet,
        progress,
        unfilled,
        rival,
        chars: text.chars().count(),
        terms: j.term_count(),
        other_place: best_a.is_some_and(|b| p.places[b.unit].iter().any(|w| !text.contains(w))),
    };
    let x = features::row(matches, roles, &facts);
    let (mut status, _) = model.decide(&x);
    // Candidates that cannot prove the commitment (none names the action it counts) are shown,
    // never believed.
    if !proof_possible {
        status = Status::Missing;
    }
    // Done needs a sentence that scores at all: overlap in bigrams and shared words alone (a
    // report that reuses the plan's phrasing elsewhere) is no follow-through. Kept by CV:
    // f1_missing 0.746 → 0.750, acc3 0.650 → 0.655 (as partial instead: no change).
    if status == Status::Done && best_a.is_none_or(|m| m.score <= 0.0) {
        status = Status::Missing;
    }
    let mut flags = Vec::new();
    if status == Status::Missing && best_n.is_some_and(|m| m.score >= th.partial) {
        flags.push(Flag::OnlyNextSteps);
    }
    if best_s.is_some_and(|m| m.score >= th.partial) {
        flags.push(Flag::AdmittedShortfall);
    }
    // An unfilled figure in the evidence never proves a task done.
    if unfilled && status != Status::Missing {
        flags.push(Flag::FigureUnfilled);
        if status == Status::Done {
            status = Status::Partial;
        }
    }
    // A promise the plan left as a template (不少于X次, **次) names no figure to check: said, not
    // dropped. Only a letter or mask counts: in a plan 多少 and 什么 are indirect questions
    // (让人民知道政府花了多少钱，办了什么事).
    let (fields, _) = crate::extract::report::unfilled_in(text);
    if fields.iter().any(|(kind, span)| {
        *kind == crate::extract::PlaceholderKind::Number
            && span.of(text).contains(['X', 'x', 'Ｘ', 'ｘ', '*', '＊'])
    }) {
        flags.push(Flag::PlanFigureUnfilled);
    }
    let mut checks = Vec::new();
    for (t, figure) in targets.iter().zip(figures) {
        let reported = figure.map(|(_, r)| r);
        let met = reported
            .as_ref()
            .map(|r| met_within(t, r, tolerance_of(t, text, base)));
        if met == Some(false) && status != Status::Missing {
            flags.push(Flag::TargetUnmet);
            // As for an item: a figure short of its target never shows the commitment done.
            if status == Status::Done {
                status = Status::Partial;
            }
        }
        checks.push(TargetCheck {
            target: TargetView::of(t, text, base),
            reported,
            met,
        });
    }
    // The model weighs progress words; a named milestone short of the promised one is decided
    // here, so a finished result is never shown for a project the report has only brought to an
    // earlier stage.
    if short_of_milestone && status == Status::Done {
        status = Status::Partial;
        flags.push(Flag::MilestoneNotReached);
    }
    // A figure promised for the year and evidenced only by a passage spanning several years (五年
    // 易地扶贫搬迁830万人 for 完成易地扶贫搬迁340万人): the year's own figure is not given.
    if status != Status::Missing
        && !checks.is_empty()
        && checks.iter().all(|c| c.reported.is_none())
        && best_a.is_some_and(|b| units[b.unit].spans_years)
        && !period::names_several_years(text)
    {
        flags.push(Flag::YearFigureNotGiven);
        if status == Status::Done {
            status = Status::Partial;
        }
    }
    flags.sort();
    flags.dedup();
    // Nothing proves a missing commitment, so a sentence that credits the leadership (在…领导下,
    // 这是…的结果) is no nearer to its work than the sentences after it.
    if status == Status::Missing {
        shown.sort_by_key(|m| FRAME.is_match(quote(m.unit)));
    }
    shown.truncate(3);
    let mut evidence: Vec<Evidence> = shown
        .iter()
        .map(|m| {
            evidence_of(
                report,
                cmap,
                &with_run_in(units, m.unit, report),
                &m.matched,
                m.score,
            )
        })
        .collect();
    if evidence.is_empty() {
        for m in [best_n, best_s].into_iter().flatten() {
            evidence.push(evidence_of(
                report,
                cmap,
                &units[m.unit],
                &m.matched,
                m.score,
            ));
        }
    }
    let why = model.strongest(&x, status, 3);
    CommitmentResult {
        id: id.to_string(),
        text: text.to_string(),
        status,
        score: best_a.map_or(0.0, |m| (m.score * 1000.0).round() / 1000.0),
        flags,
        targets: checks,
        evidence,
        why,
        features: x,
    }
}

/// The clauses of an evidence sentence that speak of the commitment: those naming one of its
/// matched terms (all of them when none is named verbatim). 主干道已基本完成…，完成16个老旧小区
/// 整治 is not partial progress on the 老旧小区 commitment.
fn progress_clauses<'a>(quote: &'a str, matched: &'a [String]) -> impl Iterator<Item = &'a str> {
    let clauses: Vec<&str> = quote.split(['，', '；', '。', ',', ';']).collect();
    let named = clauses
        .iter()
        .any(|c| matched.iter().any(|t| c.contains(t.as_str())));
    clauses
        .into_iter()
        .filter(move |c| !named || matched.iter().any(|t| c.contains(t.as_str())))
}

/// The report's figure for a target: a quantity of the same unit in the evidence sentence whose
/// words before it name the target's indicator (and whose nearest measure is the target's), the
/// one whose own words (since the figure before it) name it best — in 利润下降2.3%转为增长8.5%，
/// 单位国内生产总值能耗下降5% the target 能耗下降3.4% is read from 5%, and 国内生产总值增长 is not.
fn reported_figure(
    t: &Target,
    quote: &str,
    spans_years: bool,
) -> Option<((usize, usize), Reported)> {
    let all = quantities(quote);
    let lists = figure_lists(quote, &all);
    let mut best: Option<((usize, usize), &Quantity)> = None;
    let mut previous_end = 0;
    for (i, q) in all.iter().enumerate() {
        let own_words = quote.get(previous_end.min(q.start)..q.start).unwrap_or("");
        previous_end = q.end;
        // Where the list of figures this one belongs to starts (分别下降9.66%和13.14%: at 9.66).
        let (first, len) = lists[i];
        let list_start = all[first].start;
        if len > 1
            && listed_indicator(&t.action, &quote[..list_start], len)
                .is_some_and(|k| k != i - first)
        {
            continue;
        }
        if !(q.unit == t.unit || (q.unit.ends_with(&t.unit) && t.unit.chars().count() == 1)) {
            continue;
        }
        if period::figure_spans_years(quote, q.start, spans_years) {
            continue;
        }
        if !names_indicator(t, &quote[..q.start])
            || !measure_agrees(&t.action, &quote[..list_start])
        {
            continue;
        }
        // A share (比重达到25%) is not answered by a rate of growth (增长13%), nor the reverse.
        if t.unit == "%"
            && matches!(
                (percent_kind(&t.action), percent_kind(&quote[..list_start])),
                (Some(a), Some(b)) if a != b
            )
        {
            continue;
        }
        // Ties go to the figure whose own part of the sentence (since the last ；) names the
        // indicator best: in 城镇居民…同比增长10.4%；农民人均纯收入达到21618元，同比增长13.6%
        // 农民人均纯收入增长 is read from 13.6%.
        let part_start = quote[..q.start].rfind(['；', ';', '。']).unwrap_or(0);
        let shared = (
            shared_bigrams(&t.action, own_words),
            shared_bigrams(&t.action, &quote[part_start..q.start]),
        );
        if best.is_none_or(|(b, _)| shared > b) {
            best = Some((shared, q));
        }
    }
    best.map(|(named, q)| {
        (
            named,
            Reported {
                value: q.value,
                unit: q.unit.clone(),
                span: quote[q.start..q.end].to_string(),
            },
        )
    })
}

/// For each figure, the first figure of the list it stands in and the list's length: figures joined
/// only by 和/及/与/、 (增长8.4%和11.4%) form one list.
fn figure_lists(quote: &str, all: &[Quantity]) -> Vec<(usize, usize)> {
    let mut firsts: Vec<usize> = Vec::with_capacity(all.len());
    let mut lengths = vec![0; all.len()];
    for (i, q) in all.iter().enumerate() {
        let joined = i > 0
            && quote.get(all[i - 1].end..q.start).is_some_and(|w| {
                w.chars()
                    .all(|c| c.is_whitespace() || "和及与、".contains(c))
            });
        let first = if joined { firsts[i - 1] } else { i };
        firsts.push(first);
        lengths[first] += 1;
    }
    firsts.into_iter().map(|f| (f, lengths[f])).collect()
}

/// Which of the indicators named before a list of `n` figures (城镇居民人均可支配收入和农村居民人均
/// 纯收入实际增长8.4%和11.4%) is the target's, when exactly `n` are named: the figure at that
/// place answers it. `None` when the names do not pair up or none fits best.
fn listed_indicator(action: &str, before: &str, n: usize) -> Option<usize> {
    let start = before
        .rfind(['，', ',', '；', ';', '。', '：', ':'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let names: Vec<&str> = before[start..].split(['和', '及', '与', '、']).collect();
    if names.len() != n {
        return None;
    }
    // 城镇和农村居民人均可支配收入: a short name shares the noun the last one ends with.
    let last: Vec<char> = names[n - 1].chars().collect();
    let fit: Vec<usize> = names
        .iter()
        .map(|w| {
            let len = w.chars().count();
            if len <= 4 && last.len() > len + 2 {
                let whole: String = w.chars().chain(last[len..].iter().copied()).collect();
                shared_bigrams(action, &whole)
            } else {
                shared_bigrams(action, w)
            }
        })
        .collect();
    let top = *fit.iter().max()?;
    let mut at = fit.iter().enumerate().filter(|(_, f)| **f == top);
    match (at.next(), at.next()) {
        (Some((k, _)), None) if top > 0 => Some(k),
        _ => None,
    }
}

/// How many of `a`'s character bigrams occur in `b`.
fn shared_bigrams(a: &str, b: &str) -> usize {
    let chars: Vec<char> = a.chars().filter(|c| is_word_char(*c)).collect();
    chars
        .windows(2)
        .filter(|w| b.contains(&w.iter().collect::<String>()))
        .count()
}

/// Whether the words before a reported figure name the target's indicator: most of the target's
/// action (地区生产总值增长) occurs in the evidence before the figure, so the figure is its measure.
/// A two-character action (公厕) must occur whole.
fn names_indicator(t: &Target, before: &str) -> bool {
    let total = t.action.chars().filter(|c| is_word_char(*c)).count();
    let enough = |shared: usize| total >= 2 && shared * 2 >= total.saturating_sub(1);
    // Synonyms count as the same name (能耗强度 is 单位国内生产总值能耗): compared in their
    // canonical spelling, scaled back to the action's own length — only when the words as
    // written fall short, since each figure of each candidate sentence passes here.
    let named = enough(shared_bigrams(&t.action, before)) || {
        let (a, b) = (canonical_spelling(&t.action), canonical_spelling(before));
        let n = a.chars().filter(|c| is_word_char(*c)).count();
        enough(shared_bigrams(&a, &b) * total / n.max(1))
    };
    if !named {
        return false;
    }
    // Exports alone (外贸出口增长8%) are not trade (外贸进出口增长5%左右).
    if t.action.contains("进出口") && !before.contains("进出口") {
        return false;
    }
    // The words before the measure name the indicator (高新技术产业 in 高新技术产业增加值增长): a
    // figure sharing only the measure (服务业增加值增长3.3%) is another indicator's.
    static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:增加值|营业收入|主营业务收入|收入|总额|总值|产值|增长|下降|提高|降低|增加|减少|达到|完成)+$")
            .expect("measure regex")
    });
    let head = MEASURE.replace(&t.action, "");
    let head_bigrams = head
        .chars()
        .filter(|c| is_word_char(*c))
        .count()
        .saturating_sub(1);
    // (With nothing stripped the head is the action, and the test above already shares a pair.)
    head_bigrams == 0 || shared_bigrams(&head, before) >= 1
}

/// Whether the measure written right before a figure (能耗 in 单位国内生产总值能耗下降5%, once
/// 下降 is stripped) is one the target's action names: a figure belongs to the nearest noun before
/// its verb, and 国内生产总值增长 is not answered by a fall in 能耗. Where only verbs stand before
/// the figure (…，增长6.7%), the clause before decides.
fn measure_agrees(action: &str, before: &str) -> bool {
    static VERBS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:增长|下降|上涨|涨幅|降幅|增幅|提高|降低|减少|增加|达到|达|为|了|完成|实现|同比|比上年末|比上年|比去年|累计|分别|约|超过|突破|到|至|控制在|保持在|在|以上|年均|平均值|均值|平均)+$")
            .expect("verbs regex")
    });
    let stem = VERBS.replace(before, "");
    let tail: Vec<char> = stem
        .chars()
        .rev()
        .take_while(|c| is_word_char(*c))
        .collect();
    if tail.len() < 2 {
        return true;
    }
    let last_two: String = [tail[1], tail[0]].iter().collect();
    // 额/量 only say "the amount of" (投资额 is 投资's figure, 排放量 排放's).
    let amount_of = || {
        tail.len() >= 3
            && "额量".contains(tail[0])
            && action.contains(&[tail[2], tail[1]].iter().collect::<String>())
    };
    action.contains(&last_two) || amount_of()
}

/// What a percentage measures, from the words before it: a change (增长13%, 增速, 下降5.6%) or a
/// share of a whole (比重25%, 占比, 覆盖率); `None` when they do not say.
fn percent_kind(before: &str) -> Option<bool> {
    static LINK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:达到|达|为|了|到|至|超过|突破|保持在|控制在|提高到|提升到|不低于|不少于|不超过|低于|高于|在|约|分别)+$")
            .expect("percent link regex")
    });
    static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:增长|下降|上涨|增加|提高|降低|减少|回落|增速|增幅|涨幅|降幅|增长率|下降率)$",
        )
        .expect("change regex")
    });
    static SHARE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:比重|占比|比例|份额|覆盖率)$").expect("share regex"));
    let stem = LINK.replace(before.trim_end(), "");
    if CHANGE.is_match(&stem) {
        Some(true)
    } else if SHARE.is_match(&stem) {
        Some(false)
    } else {
        None
    }
}

/// Whether a reported yearly figure meets a target once periods are converted (每月 ≥ 1 → 12 a year).
pub fn target_met(t: &Target, r: &Reported) -> bool {
    met_within(t, r, 0.0)
}

/// How far short a 左右 ("about") target may fall and still be met: 5 % of the target value
/// (8%左右 is met by 7.6%, not 7.5%; 13%左右 not by 11.3%; a ceiling of 3%左右 holds up to 3.15%).
pub const ABOUT_TOLERANCE: f64 = 0.05;

/// The tolerance a target's own words allow: [`ABOUT_TOLERANCE`] when 左右 follows its figure.
fn tolerance_of(t: &Target, text: &str, base: usize) -> f64 {
    let (start, end) = (
        t.span.start.saturating_sub(base),
        t.span.end.saturating_sub(base),
    );
    let own = text.get(start..end).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    if own.contains("左右") || after.starts_with("左右") {
        ABOUT_TOLERANCE
    } else {
        0.0
    }
}

/// [`target_met`] allowing the figure to fall short by `tolerance` of the target (a share).
fn met_within(t: &Target, r: &Reported, tolerance: f64) -> bool {
    let per_year = periods_per_year(&t.period).unwrap_or(1.0);
    let needed = if t.unit == "%" {
        t.value
    } else {
        t.value * per_year
    };
    let scale = |u: &str| {
        if u.starts_with('万') && !u.starts_with("万亿") {
            10000.0
        } else {
            1.0
        }
    };
    let got = r.value * scale(&r.unit) / scale(&t.unit);
    match t.comparator {
        Comparator::AtMost => got <= needed * (1.0001 + tolerance),
        _ => got >= needed * (0.9999 - tolerance),
    }
}

/// Rolls commitments up into the item's status: done when most of it followed through and little
/// of it has no trace, missing only when none of it has, partial otherwise. (Calling an item
/// missing because its heading found no evidence and half its commitments none either agreed with
/// the gold rows' own roll-up for 125 of 252 items; without that rule, for 178; CV F1 0.769 → 0.770.)
fn roll_up(task: &Task, commitments: Vec<CommitmentResult>) -> TaskResult {
    let n = commitments.len();
    let done = commitments
        .iter()
        .filter(|c| c.status == Status::Done)
        .count();
    let missing = commitments
        .iter()
        .filter(|c| c.status == Status::Missing)
        .count();
    let partial = n - done - missing;
    // Most of the item followed through and little of it without any trace: done.
    let followed = (done as f64 + 0.5 * partial as f64) / n.max(1) as f64;
    let status = if n > 0 && followed >= 0.75 && missing * 4 <= n {
        Status::Done
    } else if missing == n {
        Status::Missing
    } else {
        Status::Partial
    };
    let mut flags: Vec<Flag> = commitments
        .iter()
        .flat_map(|c| c.flags.iter().copied())
        .collect();
    flags.sort();
    flags.dedup();
    if status != Status::Missing {
        flags.retain(|f| *f != Flag::OnlyNextSteps);
    }
    // An item whose evidence leaves a figure unfilled or a target unmet is not shown to be done.
    let status = if status == Status::Done
        && flags
            .iter()
            .any(|f| matches!(f, Flag::FigureUnfilled | Flag::TargetUnmet))
    {
        Status::Partial
    } else {
        status
    };
    let evidence = item_evidence(&commitments);
    let score = commitments.iter().map(|c| c.score).sum::<f64>() / n.max(1) as f64;
    TaskResult {
        id: task.id.clone(),
        path: task.path.clone(),
        title: task.title.clone(),
        text: task.text.clone(),
        status,
        score: (score * 1000.0).round() / 1000.0,
        flags,
        targets: commitments
            .iter()
            .flat_map(|c| c.targets.iter().cloned())
            .collect(),
        evidence,
        commitments,
    }
}

/// The item's evidence: each followed-through commitment's deciding sentence in the plan's order,
/// then each one's next, so a reviewer sees proof for as many of the item's promises as fit in
/// three and reads it in the order the plan makes them. Missing commitments' nearest sentences
/// are shown only when nothing in the item followed through. Kept by CV: evidence@3 0.872 → 0.885.
fn item_evidence(commitments: &[CommitmentResult]) -> Vec<Evidence> {
    let followed: Vec<&CommitmentResult> = commitments
        .iter()
        .filter(|c| c.status != Status::Missing)
        .collect();
    let shown: Vec<&CommitmentResult> = if followed.is_empty() {
        commitments.iter().collect()
    } else {
        followed
    };
    let mut evidence: Vec<Evidence> = Vec::new();
    let by_rank = (0..3).flat_map(|rank| shown.iter().filter_map(move |c| c.evidence.get(rank)));
    for e in by_rank {
        if evidence.iter().all(|x| x.start != e.start) {
            evidence.push(e.clone());
        }
        if evidence.len() == 3 {
            break;
        }
    }
    evidence
}

fn summarize(tasks: &[TaskResult]) -> Summary {
    let count = |s: Status| tasks.iter().filter(|t| t.status == s).count();
    let (done, partial, missing) = (
        count(Status::Done),
        count(Status::Partial),
        count(Status::Missing),
    );
    let n = tasks.len();
    Summary {
        tasks: n,
        done,
        partial,
        missing,
        coverage: if n == 0 {
            0.0
        } else {
            (done as f64 * 1000.0 / n as f64).round() / 10.0
        },
        unfilled_figures: tasks
            .iter()
            .filter(|t| t.flags.contains(&Flag::FigureUnfilled))
            .count(),
        unmet_targets: tasks
            .iter()
            .filter(|t| t.flags.contains(&Flag::TargetUnmet))
            .count(),
    }
}
