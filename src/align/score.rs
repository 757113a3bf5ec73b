//! Scoring commitments against report sentences and turning scores into statuses. Every threshold
//! lives in [`THRESHOLDS`], calibrated on the development pairs (see ARCHITECTURE.md).

use super::terms::{idf_weights, SentenceIndex, TermSet};
use super::*;
use crate::extract::plan::ELABORATION;
use crate::extract::target::{periods_per_year, quantities, Quantity};
use crate::extract::Comparator;
use crate::segment::is_word_char;
use regex::Regex;
use std::sync::LazyLock;

/// The thresholds that turn match scores into statuses, in one place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Weighted share of a commitment's terms an achievement sentence must hold for `done`.
    pub done: f64,
    /// The share below which there is no follow-through (`missing`).
    pub partial: f64,
    /// Minimum weight of the rarest matched term: one shared distinctive word, not only common ones.
    pub min_peak: f64,
    /// Weight of terms that counts as full coverage: a long commitment is evidenced by its
    /// distinctive core, not by every word it uses.
    pub cap: f64,
    /// Factor on a clause's coverage when the evidence does not name the clause's object.
    pub unnamed_object: f64,
    /// Matched term weight a sentence needs at least, so two common words never make evidence.
    pub min_mass: f64,
}

/// Calibrated on hailar_2018 and sc_2016 together (grid search over done/partial/cap/
/// unnamed_object/min_mass maximising 3-way accuracy + F1 of `missing`; see ARCHITECTURE.md, "Gap
/// thresholds"). Re-run after commitments were cut into deliverable clauses
/// ([`crate::extract::plan::deliverable_pieces`]): the top of the grid is done=0.6 partial=0.4
/// cap=16 unnamed_object=0.9 min_mass=5 (F1 0.835, acc3 0.742, evidence@3 0.893; still the top
/// after the target-figure and progress-word rules, at acc3 0.798); the previous
/// choice (partial 0.45, unnamed_object 1.0) fell to F1 0.80, acc3 0.72 on the cut clauses.
/// min_peak (not in the grid) was checked once at 1, 2, 3 on the cut clauses: 1 and 2 score the
/// same, 3 is worse.
pub const THRESHOLDS: Thresholds = Thresholds {
    done: 0.6,
    partial: 0.4,
    min_peak: 1.0,
    cap: 16.0,
    min_mass: 5.0,
    unnamed_object: 0.9,
};

/// jieba IDF at which a word counts as ordinary; rarer words weigh more, commoner less.
const GENERAL_IDF_PIVOT: f64 = 9.0;

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

/// Whether a commitment promises a finished result rather than a start or continued effort.
fn promises_completion(text: &str) -> bool {
    COMPLETION.is_match(text) || !UNDER_WAY.is_match(text)
}

/// Unfilled figures inside an evidence quote (多少次, 几次, *次).
pub(crate) static UNFILLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"多少|几[次个项人场名期篇方]|[*＊]+(?:余)?[次名期个人篇项场件]")
        .expect("unfilled regex")
});

/// A match of one commitment against one report sentence.
#[derive(Debug, Clone)]
struct Match {
    unit: usize,
    score: f64,
    matched: Vec<String>,
}

/// One judged clause with its terms (heaviest first) and their credit in every report sentence.
pub struct Judged {
    id: String,
    text: String,
    base: usize,
    targets: Vec<Target>,
    /// (term, weight), heaviest first.
    terms: Vec<(String, f64)>,
    /// Per unit: (term index, credit) for terms the unit holds.
    credits: Vec<Vec<(usize, f64)>>,
    /// Term indices of each comma clause: a long sentence bundles deliverables, and evidence for
    /// one of them is evidence for the commitment.
    clauses: Vec<Vec<usize>>,
    /// Each clause's last content term — in Chinese usually the object a clause promises
    /// (…进行廉政谈话); evidence that does not name it counts for less.
    keys: Vec<usize>,
    /// Per unit: whether it names what the clause's quantitative targets count (谈心谈话, 学习) —
    /// evidence of a counted promise must name the action counted.
    action_named: Vec<bool>,
    /// Every content-word occurrence (word, byte offset) in text order.
    occurrences: Vec<(String, usize)>,
}

/// Everything threshold-independent about a plan/report comparison, computed once.
pub struct Prepared<'t> {
    plan: DocRef,
    report_ref: DocRef,
    units: Vec<Unit>,
    cmap: CharMap,
    judged: Vec<Vec<Judged>>,
    tasks: &'t [Task],
}

/// Segments, weighs and matches once, so statuses can be judged under any thresholds.
pub fn prepare<'t>(
    plan: &Doc,
    tasks: &'t [Task],
    report: &Doc,
    report_outline: &Outline,
    seg: &Segmenter,
) -> Prepared<'t> {
    let units = report_units(report, report_outline);
    // What is judged: each commitment, or the whole task when it has none.
    let mut judged: Vec<Vec<Judged>> = tasks
        .iter()
        .map(|t| {
            let mut items: Vec<(String, String, usize, Vec<Target>)> = if t.commitments.is_empty() {
                vec![(
                    format!("{}.c0", t.id),
                    t.text.clone(),
                    t.span.start,
                    t.targets.clone(),
                )]
            } else {
                t.commitments
                    .iter()
                    .map(|c| {
                        (
                            c.id.clone(),
                            c.text.clone(),
                            c.span.start,
                            c.targets.clone(),
                        )
                    })
                    .collect()
            };
            // The item's heading (经常开展谈心谈话) is judged too: it names what the item is about.
            if is_heading(t) {
                items.push((
                    format!("{}.title", t.id),
                    t.title.clone(),
                    t.span.start,
                    Vec::new(),
                ));
            }
            items
                .into_iter()
                .map(|(id, text, base, targets)| {
                    let ts = TermSet::of(&text, seg);
                    let occurrences: Vec<(String, usize)> = ts
                        .occurrences
                        .iter()
                        .map(|&(i, at)| (ts.words[i].clone(), at))
                        .collect();
                    let terms = ts.words.into_iter().zip(ts.pos_factor).collect();
                    Judged {
                        id,
                        text,
                        base,
                        targets,
                        terms,
                        credits: Vec::new(),
                        clauses: Vec::new(),
                        keys: Vec::new(),
                        action_named: Vec::new(),
                        occurrences,
                    }
                })
                .collect()
        })
        .collect();
    let sentences = SentenceIndex::new(units.iter().map(|u| u.span.of(&report.text)).collect());
    // Rarity across the plan's own clauses: a term every task uses (全面从严治党) proves nothing, a
    // term only this clause uses (its project, its object) is what the report must name.
    let texts: Vec<&str> = judged.iter().flatten().map(|j| j.text.as_str()).collect();
    let weights = idf_weights(
        judged
            .iter()
            .flatten()
            .flat_map(|j| j.terms.iter().map(|t| &t.0)),
        &texts,
    );
    let mut general_idf: rustc_hash::FxHashMap<String, f64> = Default::default();
    // A term's credit in every report sentence, computed once however many clauses use it.
    let mut term_credits: rustc_hash::FxHashMap<String, Vec<(usize, f64)>> = Default::default();
    for j in judged.iter_mut().flatten() {
        for t in &mut j.terms {
            // t.1 holds the part-of-speech factor until here; general-language rarity (jieba's IDF)
            // keeps words such as 机制, 问题, 发展 from passing for a task's own object.
            let general = *general_idf
                .entry(t.0.clone())
                .or_insert_with(|| seg.idf(&t.0));
            t.1 *= weights.of(&t.0) * (general / GENERAL_IDF_PIVOT).clamp(0.3, 1.5);
        }
        j.terms.sort_by(|a, b| b.1.total_cmp(&a.1));
        let index_of = |w: &String| j.terms.iter().position(|t| &t.0 == w);
        let mut clauses = Vec::new();
        let mut keys = Vec::new();
        for (a, b) in crate::extract::target::clauses(&j.text) {
            // A clause that states a purpose or an effect (着力解决…, 不断提升…, 用…武装头脑) is no
            // deliverable of its own: evidence for it alone is not evidence for the commitment.
            if a > 0
                && ELABORATION
                    .iter()
                    .any(|w| j.text[a..b].trim_start().starts_with(w))
                && quantities(&j.text[a..b]).is_empty()
            {
                continue;
            }
            let mut words: Vec<&String> = Vec::new();
            for (w, at) in &j.occurrences {
                if (a..b).contains(at) && !words.contains(&w) {
                    words.push(w);
                }
            }
            let idx: Vec<usize> = words.iter().filter_map(|w| index_of(w)).collect();
            if let Some(k) = j
                .occurrences
                .iter()
                .rev()
                .find(|(_, at)| (a..b).contains(at))
                .and_then(|(w, _)| index_of(w))
            {
                keys.push(k);
                clauses.push(idx);
            }
        }
        j.clauses = clauses;
        j.keys = keys;
        let action_keys: Vec<String> = j
            .targets
            .iter()
            .filter(|t| crate::extract::target::COUNT_UNITS.contains(&t.unit.as_str()))
            .filter_map(|t| TermSet::of(&t.action, seg).words.pop())
            .collect();
        let mut named = vec![action_keys.is_empty(); sentences.len()];
        for k in &action_keys {
            for (u, c) in sentences.credits(k, seg) {
                named[u] |= c >= 0.6;
            }
        }
        j.action_named = named;
        let mut credits: Vec<Vec<(usize, f64)>> = vec![Vec::new(); sentences.len()];
        for (i, (t, _)) in j.terms.iter().enumerate() {
            let per_unit = term_credits
                .entry(t.clone())
                .or_insert_with(|| sentences.credits(t, seg));
            for &(u, c) in per_unit.iter() {
                credits[u].push((i, c));
            }
        }
        j.credits = credits;
    }
    Prepared {
        plan: DocRef::of(plan),
        report_ref: DocRef::of(report),
        cmap: CharMap::new(&report.text),
        units,
        judged,
        tasks,
    }
}

fn score_of(j: &Judged, unit: usize, th: &Thresholds) -> (f64, Vec<String>) {
    let credit_of = |i: usize| {
        j.credits[unit]
            .iter()
            .find(|(k, _)| *k == i)
            .map_or(0.0, |(_, c)| *c)
    };
    let coverage = |idx: &mut dyn Iterator<Item = usize>| -> f64 {
        let (mut total, mut got, mut peak) = (0.0f64, 0.0f64, 0.0f64);
        for i in idx {
            let w = j.terms[i].1;
            let c = credit_of(i);
            total += w;
            got += w * c;
            peak = peak.max(w * c);
        }
        if total <= 0.0 || peak < th.min_peak || got < th.min_mass.min(total * 0.999) {
            0.0
        } else {
            (got / total.min(th.cap)).min(1.0)
        }
    };
    let key_factor = |k: usize| {
        if credit_of(k) >= 0.6 {
            1.0
        } else {
            th.unnamed_object
        }
    };
    let whole = coverage(&mut (0..j.terms.len()))
        * j.keys
            .iter()
            .map(|&k| key_factor(k))
            .fold(th.unnamed_object, f64::max);
    let best_clause = j
        .clauses
        .iter()
        .zip(&j.keys)
        .map(|(c, &k)| coverage(&mut c.iter().copied()) * key_factor(k))
        .fold(0.0, f64::max);
    let matched = j.credits[unit]
        .iter()
        .filter(|(_, c)| *c >= 1.0)
        .map(|(i, _)| j.terms[*i].0.clone())
        .collect();
    (whole.max(best_clause), matched)
}

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
        &THRESHOLDS,
    )
}

/// Judges every task of a prepared comparison under thresholds `th`.
pub fn judge_all(p: &Prepared, report: &Doc, th: &Thresholds) -> GapReport {
    let mut results = Vec::new();
    for (ti, task) in p.tasks.iter().enumerate() {
        let mut commitments = Vec::new();
        let mut heading: Option<CommitmentResult> = None;
        for j in &p.judged[ti] {
            let mut matches: Vec<Match> = (0..p.units.len())
                .filter(|&u| !j.credits[u].is_empty())
                .filter(|&u| j.action_named[u])
                .map(|u| {
                    let (score, matched) = score_of(j, u, th);
                    Match {
                        unit: u,
                        score,
                        matched,
                    }
                })
                .filter(|m| m.score > 0.0)
                .collect();
            matches.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.unit.cmp(&b.unit)));
            let result = judge(j, &matches, &p.units, report, &p.cmap, th);
            if j.id.ends_with(".title") {
                heading = Some(result);
            } else {
                commitments.push(result);
            }
        }
        results.push(roll_up(task, commitments, heading.as_ref()));
    }
    let summary = summarize(&results);
    GapReport {
        plan: p.plan.clone(),
        report: p.report_ref.clone(),
        summary,
        tasks: results,
    }
}

fn best_in<'a>(matches: &'a [Match], units: &[Unit], role: Role) -> Option<&'a Match> {
    matches.iter().find(|m| units[m.unit].role == role)
}

fn judge(
    j: &Judged,
    matches: &[Match],
    units: &[Unit],
    report: &Doc,
    cmap: &CharMap,
    th: &Thresholds,
) -> CommitmentResult {
    let (id, text, base, targets) = (&j.id, &j.text, j.base, &j.targets);
    let best_a = best_in(matches, units, Role::Achievement);
    let best_n = best_in(matches, units, Role::NextSteps);
    let best_s = best_in(matches, units, Role::Shortcoming);
    let sa = best_a.map_or(0.0, |m| m.score);
    let mut flags = Vec::new();
    let mut status = if sa >= th.done {
        Status::Done
    } else if sa >= th.partial {
        Status::Partial
    } else {
        Status::Missing
    };
    let quote = |unit: usize| units[unit].span.of(&report.text);
    let top: Vec<&Match> = matches
        .iter()
        .filter(|m| units[m.unit].role == Role::Achievement && m.score >= th.partial * 0.5)
        .take(3)
        .collect();
    // Each target's figure, read once: from the first evidence sentence (best first) stating one.
    let figures: Vec<Option<(usize, Reported)>> = targets
        .iter()
        .map(|t| {
            top.iter()
                .find_map(|m| reported_figure(t, quote(m.unit)).map(|r| (m.unit, r)))
        })
        .collect();
    // A quantitative promise whose indicator the best evidence names with a figure that meets it
    // is followed through, however few of the plan's other words the sentence repeats.
    if status == Status::Partial && !targets.is_empty() {
        if let Some(b) = best_a {
            let all_met = targets.iter().zip(&figures).all(|(t, f)| {
                f.as_ref().is_some_and(|(u, r)| {
                    *u == b.unit && target_met(t, r) && names_indicator(t, quote(b.unit), r)
                })
            });
            if all_met {
                status = Status::Done;
            }
        }
    }
    if status == Status::Missing && best_n.is_some_and(|m| m.score >= th.partial) {
        flags.push(Flag::OnlyNextSteps);
    }
    if best_s.is_some_and(|m| m.score >= th.partial) {
        flags.push(Flag::AdmittedShortfall);
    }
    // Progress short of completion in the best evidence makes `done` only `partial` — when the
    // plan promised completion: a promise to start or to push on (启动, 开工, 推进) is kept by progress.
    if status == Status::Done && promises_completion(text) {
        if let Some(b) = best_a {
            // A progress word the plan itself used (启动…) is what was promised, not a shortfall.
            if progress_clauses(quote(b.unit), &b.matched)
                .any(|c| PROGRESS.find_iter(c).any(|m| !text.contains(m.as_str())))
            {
                status = Status::Partial;
            }
        }
    }
    // Unfilled figures in the evidence.
    if top.iter().any(|m| UNFILLED.is_match(quote(m.unit))) && status != Status::Missing {
        flags.push(Flag::FigureUnfilled);
        if status == Status::Done {
            status = Status::Partial;
        }
    }
    // Quantitative targets against the figures in the evidence.
    let mut checks = Vec::new();
    for (t, figure) in targets.iter().zip(figures) {
        let reported = figure.map(|(_, r)| r);
        let met = reported.as_ref().map(|r| target_met(t, r));
        if met == Some(false) {
            flags.push(Flag::TargetUnmet);
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
    if status == Status::Done
        && !targets.is_empty()
        && checks.iter().all(|c| c.reported.is_none())
        && targets.iter().any(|t| t.unit != "%")
    {
        // A quantitative promise with no figure reported is not shown to be met.
        status = Status::Partial;
    }
    flags.sort();
    flags.dedup();
    let mut evidence: Vec<Evidence> = top
        .iter()
        .map(|m| evidence_of(report, cmap, &units[m.unit], &m.matched, m.score))
        .collect();
    if evidence.is_empty() {
        for m in [best_n, best_s].into_iter().flatten() {
            if m.score >= th.partial {
                evidence.push(evidence_of(
                    report,
                    cmap,
                    &units[m.unit],
                    &m.matched,
                    m.score,
                ));
            }
        }
    }
    CommitmentResult {
        id: id.to_string(),
        text: text.to_string(),
        status,
        score: (sa * 1000.0).round() / 1000.0,
        flags,
        targets: checks,
        evidence,
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

/// The report's figure for a target: a quantity of the same unit in the evidence sentence, the one
/// whose own words (since the figure before it) best name the target's indicator — in 利润下降2.3%
///转为增长8.5%，单位国内生产总值能耗下降5% the target 能耗下降3.4% is read from 5%, not the first %.
fn reported_figure(t: &Target, quote: &str) -> Option<Reported> {
    let all = quantities(quote);
    let mut best: Option<(usize, &Quantity)> = None;
    let mut previous_end = 0;
    for q in &all {
        let own_words = quote.get(previous_end.min(q.start)..q.start).unwrap_or("");
        previous_end = q.end;
        if !(q.unit == t.unit || (q.unit.ends_with(&t.unit) && t.unit.chars().count() == 1)) {
            continue;
        }
        let shared = shared_bigrams(&t.action, own_words);
        if best.is_none_or(|(b, _)| shared > b) {
            best = Some((shared, q));
        }
    }
    best.map(|(_, q)| Reported {
        value: q.value,
        unit: q.unit.clone(),
        span: quote[q.start..q.end].to_string(),
    })
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
fn names_indicator(t: &Target, quote: &str, r: &Reported) -> bool {
    let total = t.action.chars().filter(|c| is_word_char(*c)).count();
    let before = quote.find(&r.span).map_or(quote, |at| &quote[..at]);
    total >= 3 && shared_bigrams(&t.action, before) * 2 >= total.saturating_sub(1)
}

/// Whether a reported yearly figure meets a target once periods are converted (每月 ≥ 1 → 12 a year).
pub fn target_met(t: &Target, r: &Reported) -> bool {
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
        Comparator::AtMost => got <= needed * 1.0001,
        _ => got >= needed * 0.9999,
    }
}

/// Whether a task has a short heading of its own (旗帜鲜明讲政治, 经常开展谈心谈话).
fn is_heading(t: &Task) -> bool {
    let n = t.title.chars().count();
    (4..=crate::extract::plan::HEADING_MAX_CHARS).contains(&n) && t.text.chars().count() > n + 10
}

/// Rolls commitments up into the item's status. When the item's own heading finds no evidence and
/// most of its commitments have none either, what follow-through there is belongs to other items.
fn roll_up(
    task: &Task,
    commitments: Vec<CommitmentResult>,
    heading: Option<&CommitmentResult>,
) -> TaskResult {
    let n = commitments.len();
    let done = commitments
        .iter()
        .filter(|c| c.status == Status::Done)
        .count();
    let missing = commitments
        .iter()
        .filter(|c| c.status == Status::Missing)
        .count();
    let heading_missing = heading.is_some_and(|h| h.status == Status::Missing);
    let partial = n - done - missing;
    // Most of the item followed through and little of it without any trace: done.
    let followed = (done as f64 + 0.5 * partial as f64) / n.max(1) as f64;
    let status = if n > 0 && followed >= 0.75 && missing * 4 <= n {
        Status::Done
    } else if missing == n || (heading_missing && done * 2 < n && missing * 2 >= n) {
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
    let mut evidence: Vec<Evidence> = commitments
        .iter()
        .flat_map(|c| c.evidence.iter().cloned())
        .collect();
    evidence.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.start.cmp(&b.start)));
    evidence.dedup_by(|a, b| a.start == b.start);
    evidence.truncate(3);
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
            ((done + partial) as f64 * 1000.0 / n as f64).round() / 10.0
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
