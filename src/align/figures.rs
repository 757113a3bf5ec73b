//! A report figure against a plan target: which figure of an evidence sentence answers the
//! target's indicator, and whether it meets the target once periods and 左右 are allowed for.

use super::*;
use crate::extract::target::{periods_per_year, quantities, Quantity};
use crate::extract::Comparator;
use crate::segment::{canonical_spelling, is_word_char, word_bigrams};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The report's figure for a target: a quantity of the same unit in the evidence sentence whose
/// words before it name the target's indicator (and whose nearest measure is the target's), the
/// one whose own words (since the figure before it) name it best — in 利润下降2.3%转为增长8.5%，
/// 单位国内生产总值能耗下降5% the target 能耗下降3.4% is read from 5%, and 国内生产总值增长 is not.
pub(super) fn reported_figure(
    t: &Target,
    target: &TargetWords,
    quote: &str,
    spans_years: bool,
) -> Option<((usize, usize), Reported)> {
    let increment = t.unit != "%" && states_increment(target.before);
    let indicator = indicator_name(&t.action);
    let all = quantities(quote);
    let lists = figure_lists(quote, &all);
    let named_after = names_after(quote, &all);
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
        // An increment (比上年增加167亿元) is answered by an increment, an amount by an amount.
        if t.unit != "%" && states_increment(&quote[..q.start]) != increment {
            continue;
        }
        if t.unit.ends_with('元') && money_of_another_line(t, target, quote, q) {
            continue;
        }
        // In a list whose figures come before their names (26公里供水、117公里供热), the name after
        // a figure is its indicator; elsewhere the words before it.
        let named = match named_after[i] {
            Some(name) => names_indicator(t, &indicator, name),
            None => {
                (names_indicator(t, &indicator, &quote[..q.start])
                    && measure_agrees(&t.action, &quote[..list_start]))
                    || ((counts_things(&q.unit) || funds_after(&q.unit, &quote[q.end..]))
                        && names_indicator(t, &indicator, counted_noun(&quote[q.end..])))
            }
        };
        if !named {
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
        let shared = match named_after[i] {
            Some(name) => (
                shared_bigrams(&t.action, name),
                shared_bigrams(&t.action, name),
            ),
            None if counts_things(&q.unit) => {
                // A count names what it counts after its unit (3条主干道路完工，9条次干道路开工建设:
                // 主干道路 is the 3's), within its own clause.
                let clause = &own_words[clause_start(own_words)..];
                let named = format!("{clause}{}", counted_noun(&quote[q.end..]));
                (
                    shared_bigrams(&t.action, &named),
                    shared_bigrams(&t.action, &quote[part_start..q.start]),
                )
            }
            None => (
                shared_bigrams(&t.action, own_words),
                shared_bigrams(&t.action, &quote[part_start..q.start]),
            ),
        };
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

/// The marks that end a clause of a sentence.
const CLAUSE_ENDS: [char; 5] = ['，', ',', '；', ';', '。'];

/// Where the last clause of `before` starts (at the mark before it; 0 when it has none).
fn clause_start(before: &str) -> usize {
    before.rfind(CLAUSE_ENDS).unwrap_or(0)
}

/// Whether a report's money figure belongs to another line than the target's: the plan gives the
/// money a purpose the report's sentence does not name (安排832亿元，…支持卫生事业改革和发展 against
/// 安排384亿元救灾款); the report names a budget line or purpose the target's commitment does not
/// (安排社会保障资金2906亿元 for 农机具购置补贴…拟安排资金130亿元; 用于“三农”的投入 for 为加快社会保障…);
/// or the target is money for a project the report's clause does not name.
fn money_of_another_line(t: &Target, target: &TargetWords, quote: &str, q: &Quantity) -> bool {
    target
        .purpose
        .is_some_and(|what| shared_bigrams(what, quote) == 0)
        || funded_line(&quote[clause_start(&quote[..q.start])..q.start])
            .is_some_and(|line| shared_bigrams(line, target.text) == 0)
        || report_purpose(quote, q).is_some_and(|what| {
            target.purpose.is_none()
                && shared_bigrams(what, target.text) == 0
                && shared_bigrams(what, &t.action) == 0
        })
        || (bare_money(&t.action) && !names_project(target.text, quote, q))
}

/// Whether a target's action is money and nothing else (投资2.5亿元, 完成投资): what it is spent on
/// is named elsewhere in its commitment.
fn bare_money(action: &str) -> bool {
    static BARE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:年内|全年|今年|年度|计划|累计|共|完成|总)*(?:投资|投入|资金)(?:总额|额)?$")
            .expect("bare money regex")
    });
    BARE.is_match(action)
}

/// Whether the clause holding a report's figure names what the commitment spends its money on: a
/// character pair they share beyond the words every project uses (投资4.17亿元实施生态环境类重点
/// 项目 is not the money of 投资2.5亿元,实施俄罗斯风情精品街项目).
fn names_project(commitment: &str, quote: &str, q: &Quantity) -> bool {
    const GENERIC: [&str; 22] = [
        "投资", "投入", "资金", "完成", "实施", "项目", "工程", "建设", "重点", "开工", "启动",
        "推进", "加快", "全年", "年内", "累计", "扩建", "改造", "新建", "续建", "工作", "任务",
    ];
    let end = quote[q.end..]
        .find(CLAUSE_ENDS)
        .map_or(quote.len(), |i| q.end + i);
    let clause = &quote[clause_start(&quote[..q.start])..end];
    let chars: Vec<char> = commitment.chars().filter(|c| is_word_char(*c)).collect();
    // Characters inside a generic word or a figure name nothing of the project's own.
    let mut generic: Vec<bool> = chars
        .iter()
        .map(|c| c.is_ascii_digit() || "亿万千元".contains(*c))
        .collect();
    for word in GENERIC {
        let w: Vec<char> = word.chars().collect();
        for i in 0..chars.len().saturating_sub(w.len() - 1) {
            if chars[i..i + w.len()] == w[..] {
                generic[i..i + w.len()].iter_mut().for_each(|g| *g = true);
            }
        }
    }
    (0..chars.len().saturating_sub(1)).any(|i| {
        !generic[i]
            && !generic[i + 1]
            && clause.contains(&chars[i..i + 2].iter().collect::<String>())
    })
}

/// Whether a unit counts things (条, 座, 个…) whose name may follow it, rather than measuring.
fn counts_things(unit: &str) -> bool {
    const COUNTERS: [&str; 18] = [
        "条", "座", "个", "所", "项", "件", "家", "户", "套", "栋", "处", "台", "辆", "间", "部",
        "批", "名", "棵",
    ];
    COUNTERS.contains(&unit)
}

/// Whether an amount of money is named by the fund written after it (安排200亿元技改专项资金,
/// 发行3000亿元国债), as a count is by the thing after its unit.
fn funds_after(unit: &str, after: &str) -> bool {
    static FUND: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[^，,。；;、：:]{0,8}?(?:资金|经费|国债|债券|基金)").expect("fund regex")
    });
    unit.ends_with('元') && FUND.is_match(after)
}

/// The words right after a count's unit, up to the clause's end (次干道路开工建设 in 9条次干道路开工
/// 建设，).
fn counted_noun(after: &str) -> &str {
    let end = after
        .char_indices()
        .take(12)
        .find(|(_, c)| "，,。；;、：:".contains(*c))
        .map_or_else(
            || after.char_indices().nth(12).map_or(after.len(), |(i, _)| i),
            |(i, _)| i,
        );
    &after[..end]
}

/// For each figure, its name when it stands in a list whose figures come first (实施了中心城区26公里
/// 供水、117公里供热、20公里燃气管网铺设: 供水, 供热, 燃气管网铺设): a figure followed by a short name
/// and 、 before the next figure, or following such a figure's 、.
fn names_after<'a>(quote: &'a str, all: &[Quantity]) -> Vec<Option<&'a str>> {
    let name_of = |after: &'a str| {
        let end = after
            .char_indices()
            .find(|(_, c)| {
                "，,。；;、：:（(".contains(*c) || c.is_ascii_digit() || ('０'..='９').contains(c)
            })
            .map_or(after.len(), |(i, _)| i);
        let name = &after[..end];
        (1..=10).contains(&name.chars().count()).then_some(name)
    };
    let mut out: Vec<Option<&str>> = Vec::with_capacity(all.len());
    for (i, q) in all.iter().enumerate() {
        let after = quote.get(q.end..).unwrap_or("");
        let leads = all.get(i + 1).is_some_and(|next| {
            quote
                .get(q.end..next.start)
                .and_then(|between| between.strip_suffix('、'))
                .is_some_and(|name| name_of(name).is_some_and(|n| n.len() == name.len()))
        });
        let follows = i > 0
            && out[i - 1].is_some()
            && quote
                .get(all[i - 1].end..q.start)
                .is_some_and(|w| w.ends_with('、'));
        out.push(if leads || follows {
            name_of(after)
        } else {
            None
        });
    }
    out
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
    // Each pair spelled in a buffer on the stack: this runs for every figure of every candidate.
    let mut buf = [0u8; 8];
    word_bigrams(a)
        .filter(|&(x, y)| {
            let n = x.encode_utf8(&mut buf).len();
            let m = y.encode_utf8(&mut buf[n..]).len();
            std::str::from_utf8(&buf[..n + m]).is_ok_and(|pair| b.contains(pair))
        })
        .count()
}

/// A target's indicator as its figure's words would name it: what the plan says it will do about
/// the figure (确保, 力争, 拟安排) and a trailing 的…任务 are no part of it — 今年中央财政拟安排
/// “三农”投入 is named by 中央财政用于“三农”的支出. Read once per target and sentence.
fn indicator_name(action: &str) -> Cow<'_, str> {
    static INTENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:今年|全年)(?:计划|预计)?|^(?:计划|预计|的)|确保|力争|(?:拟|将)?安排|的?(?:任务|工作)$")
            .expect("intent regex")
    });
    let name = INTENT.replace_all(action, "");
    if name.chars().filter(|c| is_word_char(*c)).count() >= 2 {
        name
    } else {
        Cow::Borrowed(action)
    }
}

/// Whether the words before a reported figure name the target's indicator: most of the target's
/// action (地区生产总值增长) occurs in the evidence before the figure, so the figure is its measure.
/// A two-character action (公厕) must occur whole. `action` is the target's [`indicator_name`].
fn names_indicator(t: &Target, action: &str, before: &str) -> bool {
    let total = action.chars().filter(|c| is_word_char(*c)).count();
    let enough = |shared: usize| total >= 2 && shared * 2 >= total.saturating_sub(1);
    // Synonyms count as the same name (能耗强度 is 单位国内生产总值能耗): compared in their
    // canonical spelling, scaled back to the action's own length — only when the words as
    // written fall short, since each figure of each candidate sentence passes here.
    let named = enough(shared_bigrams(action, before))
        || {
            let (a, b) = (canonical_spelling(action), canonical_spelling(before));
            let n = a.chars().filter(|c| is_word_char(*c)).count();
            enough(shared_bigrams(&a, &b) * total / n.max(1))
        }
        || same_tail(action, before);
    if !named {
        return false;
    }
    // The central budget (中央财政) is not a local one (地方财政), nor the reverse.
    let clause = &before[clause_start(before)..];
    let level = |w: &str| (w.contains("中央"), w.contains("地方"));
    if matches!(
        (level(&t.action), level(clause)),
        ((true, false), (false, true)) | ((false, true), (true, false))
    ) {
        return false;
    }
    // A budget line (安排补贴资金1230亿元) is answered by the same line, not by 安排就业专项资金.
    if t.unit.ends_with('元')
        && funded_line(&t.action).is_some_and(|x| shared_bigrams(x, before) == 0)
    {
        return false;
    }
    // Exports alone (外贸出口增长8%) are not trade (外贸进出口增长5%左右).
    // …nor is an export figure in a sentence that named trade before it (跨境电商进出口总额…，
    // “新三样”产品出口分别增长229%).
    let clause = &before[clause_start(before)..];
    if t.action.contains("进出口")
        && (!before.contains("进出口") || (clause.contains("出口") && !clause.contains("进出口")))
    {
        return false;
    }
    // The words before the measure name the indicator (高新技术产业 in 高新技术产业增加值增长): a
    // figure sharing only the measure (服务业增加值增长3.3%) is another indicator's.
    static MEASURE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:增加值|营业收入|主营业务收入|收入|总额|总值|产值|排放量|排放|总量|增长|下降|提高|降低|增加|减少|达到|完成|分别|要|将|拟|力争)+$")
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

/// Whether the figure follows the same three characters the target's own figure follows (下岗失业
/// 人员和困难人员再就业2100人 and 实现再就业2529人): the measure is named right where it is read.
fn same_tail(action: &str, before: &str) -> bool {
    // A change (增长, 下降…) is no name: 工业投资增长12% does not answer 固定资产投资增长8%.
    let tail = |s: &str| -> Vec<char> {
        let mut t: Vec<char> = measure_stem(s)
            .chars()
            .rev()
            .take_while(|c| is_word_char(*c))
            .take(3)
            .collect();
        t.reverse();
        t
    };
    let a = tail(action);
    a.len() == 3 && a == tail(before)
}

/// The words before a figure without what states the figure (增长, 达到, 控制在, 同比, 累计…): what
/// is left ends on the name of what is measured.
fn measure_stem(before: &str) -> Cow<'_, str> {
    static FIGURE_VERBS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:增长|下降|上涨|涨幅|降幅|增幅|提高|降低|减少|增加|达到|达|为|了|完成|实现|同比|比上年末|比上年|比去年|累计|分别|约|超过|突破|到|至|控制在|控制|保持在|回落|在|以上|年均|平均值|均值|平均|按?可比(?:口径|价格?)(?:计算)?|同口径)+$")
            .expect("figure verbs regex")
    });
    FIGURE_VERBS.replace(before, "")
}

/// Whether the words right before a figure compare it with an earlier period (比上年增加167亿元,
/// 同比多18万人, or a clause of the verb alone after the amount: 农村危房改造366万户，增加100万户): the
/// figure is then a change, which an amount (安排423亿元, 改造432万户) does not answer.
fn states_increment(before: &str) -> bool {
    static INCREMENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:(?:(?:比|较)(?:上年末|上年同期|上年|去年|前年|\d{4}年)|同比)(?:增加|增长|多|提高|减少|下降|降低|增|减)|(?:^|[，,；;])(?:增加|增长|减少|下降))了?(?:约|近|超过|逾)?$")
            .expect("increment regex")
    });
    INCREMENT.is_match(before.trim_end())
}

/// What a budget allocation funds, from its action (安排补贴资金 → 补贴): `None` when the action
/// names no allocation or nothing after it but the money itself.
fn funded_line(action: &str) -> Option<&str> {
    static LINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:安排|投入|拨付|下达)(?P<what>.+?)(?:专项资金|资金|经费|款)?$")
            .expect("budget line regex")
    });
    LINE.captures(action)
        .and_then(|c| c.name("what"))
        .map(|m| m.as_str())
        .filter(|w| w.chars().filter(|c| is_word_char(*c)).count() >= 2)
}

/// Whether the measure written right before a figure (能耗 in 单位国内生产总值能耗下降5%, once
/// 下降 is stripped) is one the target's action names: a figure belongs to the nearest noun before
/// its verb, and 国内生产总值增长 is not answered by a fall in 能耗. Where only verbs stand before
/// the figure (…，增长6.7%), the clause before decides.
fn measure_agrees(action: &str, before: &str) -> bool {
    let stem = measure_stem(before);
    let tail: Vec<char> = stem
        .chars()
        .rev()
        .take_while(|c| is_word_char(*c))
        .collect();
    if tail.len() < 2 {
        return true;
    }
    let last_two: String = [tail[1], tail[0]].iter().collect();
    // 额/量 only say "the amount of" (投资额 is 投资's figure, 排放量 排放's), and so do 面积 and
    // 人数 (节水灌溉面积 is 节水灌溉's figure).
    let amount_of = || {
        let before_measure = |n: usize| {
            tail.len() >= n + 2
                && action.contains(&[tail[n + 1], tail[n]].iter().collect::<String>())
        };
        ("额量".contains(tail[0]) && before_measure(1))
            || (["面积", "人数"].contains(&last_two.as_str()) && before_measure(2))
    };
    // Budget language reports spending as 投入 or 支出 alike (安排“三农”支出5625亿元, 用于“三农”的投入5955亿元).
    let spending = |w: &str| w == "投入" || w == "支出";
    action.contains(&last_two)
        || amount_of()
        || (spending(&last_two) && (action.contains("投入") || action.contains("支出")))
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

/// What a target's own commitment says around its figure, read once per target.
pub(super) struct TargetWords<'a> {
    /// The words of the target's clause before its figure (比上年增加 in 比上年增加167亿元).
    before: &'a str,
    /// What its money is for, when its sentence says so (为加快社会保障体系建设，…安排2762亿元 or
    /// …，支持卫生事业改革和发展).
    purpose: Option<&'a str>,
    /// The commitment's whole text.
    text: &'a str,
}

/// Reads [`TargetWords`] for a target of the commitment `text` (which starts at `base`).
pub(super) fn target_words<'a>(t: &Target, text: &'a str, base: usize) -> TargetWords<'a> {
    let (start, end) = t.span.within(base);
    let own = text.get(start..end).unwrap_or("");
    let before = quantities(own)
        .last()
        .map_or(own, |q| own.get(..q.start).unwrap_or(own));
    let purpose = t.unit.ends_with('元').then(|| {
        let lead = text.get(..start).unwrap_or("");
        let lead = lead.rfind(['。', '；', ';', '！', '？']).map_or(lead, |i| {
            &lead[i + lead[i..].chars().next().map_or(1, char::len_utf8)..]
        });
        purpose_after(text.get(end..).unwrap_or("")).or_else(|| purpose_lead(lead))
    });
    TargetWords {
        before,
        purpose: purpose.flatten(),
        text,
    }
}

/// What a report's money is for, when the part of the sentence holding the figure says so (中央财政
/// 用于“三农”的投入5955亿元，比上年增加1637亿元 → “三农”的投入; 安排423亿元资金，支持十大重点节能工程 →
/// 十大重点节能工程): 用于 / 支持 / 投向 between the part's start and the end of the clause after it.
fn report_purpose<'a>(quote: &'a str, q: &Quantity) -> Option<&'a str> {
    static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:用于|支持|投向)(?P<what>[^，,。；;！？0-9０-９]{2,30})")
            .expect("purpose regex")
    });
    let start = quote[..q.start].rfind(['；', ';', '。']).unwrap_or(0);
    let after = &quote[q.end..];
    let first = after
        .find(['，', ',', '；', ';', '。'])
        .unwrap_or(after.len());
    let next = after
        .get(first..)
        .and_then(|rest| {
            rest.char_indices()
                .skip(1)
                .find(|(_, c)| "，,；;。".contains(*c))
                .map(|(i, _)| first + i)
        })
        .unwrap_or(after.len());
    PURPOSE
        .captures(&quote[start..q.end + next])
        .and_then(|c| c.name("what"))
        .map(|m| m.as_str())
}

/// What a sentence opening on 为…， (为加快社会保障体系建设，) spends its money on.
fn purpose_lead(lead: &str) -> Option<&str> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^为(?P<what>[^，,。；;！？]{2,30})[，,]").expect("purpose lead regex")
    });
    LEAD.captures(lead)
        .and_then(|c| c.name("what"))
        .map(|m| m.as_str())
}

/// What the money of a target is for, in the rest of its sentence (…，支持卫生事业改革和发展 →
/// 卫生事业改革和发展): `None` when no 用于 / 支持 / 投向 follows before the sentence ends.
fn purpose_after(after: &str) -> Option<&str> {
    static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[^。；;！？]*?(?:用于|支持|投向)(?P<what>[^，,。；;！？]{2,30})")
            .expect("purpose regex")
    });
    PURPOSE
        .captures(after)
        .and_then(|c| c.name("what"))
        .map(|m| m.as_str())
}

/// The tolerance a target's own words allow: [`ABOUT_TOLERANCE`] when 左右 follows its figure.
pub(super) fn tolerance_of(t: &Target, text: &str, base: usize) -> f64 {
    let (start, end) = t.span.within(base);
    let own = text.get(start..end).unwrap_or("");
    let after = text.get(end..).unwrap_or("");
    if own.contains("左右") || after.starts_with("左右") {
        ABOUT_TOLERANCE
    } else {
        0.0
    }
}

/// [`target_met`] allowing the figure to fall short by `tolerance` of the target (a share).
pub(super) fn met_within(t: &Target, r: &Reported, tolerance: f64) -> bool {
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
