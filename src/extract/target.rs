//! Quantities and periods: plan targets (每月学习不少于1次 → 每月 ≥ 1 次) and the numbers they are made of.

use super::{Comparator, Target};
use crate::doc::Span;
use crate::outline::marker::chinese_number;
use regex::Regex;
use std::sync::LazyLock;

/// Units that count occurrences of an action; Chinese numerals are read only before these.
pub const COUNT_UNITS: [&str; 8] = ["人次", "场次", "次", "场", "篇", "期", "轮", "遍"];

/// Every unit a figure or target may carry, longest first so 万人 wins over 人.
const UNITS: &str = "万亿元|亿元|万元|元|亿人次|万人次|人次|万人|场次|平方公里|平方米|万平方米|亿立方米|万立方米|立方米|公里|万公里|亿千瓦时|万千瓦时|千瓦时|亿千瓦|万千瓦|千瓦|万亩|亩|万套|套|万户|户|万辆|辆|亿吨|万吨|吨|蒸吨|万标箱|标箱|万头|头|亿斤|万斤|班次|万列|列|个百分点|%|次|场|篇|期|轮|遍|个|项|件|家|所|座|条|名|人|批|处|本|部|册|份|台|间|栋|张|课时|学时|天|小时";

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<pre>不少于|不低于|至少|最少|不超过|不多于|最多|不高于|控制在|低于|少于|高于|多于|超过|达到|达)?(?P<num>\d+(?:\.\d+)?|[一二两三四五六七八九十百千万半]+)(?P<approx>余|多)?(?P<unit>{UNITS})(?P<post>以上|以内|以下|左右|及以上|之内)?"
    ))
    .expect("quantity regex")
});

/// The lower number of a range written with one unit (6.5-7%), right before the upper number.
static RANGE_LOW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?)\s*[-－—~～至到]\s*$").expect("range regex"));

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"每一?(?:个)?(?:季度|季|半年|年度|年|月|周|星期)|全年|今年|本年度|年度内|年内|[“\x22]?七一[”\x22]?前后|上半年|下半年")
        .expect("period regex")
});

/// Words after a period word that make it a time point (每年年初), not a recurrence.
const TIME_POINT: [&str; 6] = ["年初", "年底", "年末", "初", "底", "末"];

/// Verbs that make a period-only clause a recurring action (在每月例会开展教育 → 每月 1 次).
const RECURRING_VERBS: [&str; 16] = [
    "开展", "组织", "召开", "举办", "举行", "报告", "学习", "研讨", "讲", "检查", "督查", "分析",
    "研判", "通报", "谈心", "谈话",
];

/// A number with its unit, as written in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
    pub comparator: Comparator,
    pub approx: bool,
    /// Byte range of the whole quantity (comparator words included) in the text searched.
    pub start: usize,
    pub end: usize,
    /// Byte range of the number alone.
    pub num_start: usize,
}

/// Normalises a period to one spelling (今年 / 本年度 → 全年; 每一季度 → 每季度).
pub fn normalize_period(p: &str) -> String {
    let p: String = p
        .chars()
        .filter(|c| !matches!(c, '“' | '”' | '"'))
        .collect();
    match p.as_str() {
        "今年" | "本年度" | "全年" => "全年".into(),
        "年度内" => "年内".into(),
        _ => {
            let p = p.replacen("每一", "每", 1).replace("个", "");
            match p.as_str() {
                "每季" => "每季度".into(),
                "每年度" => "每年".into(),
                "每星期" => "每周".into(),
                _ => p,
            }
        }
    }
}

/// How many times a period fits in a year, so 每月 ≥ 1 次 can be compared with a year's figure.
pub fn periods_per_year(period: &str) -> Option<f64> {
    Some(match period {
        "每月" => 12.0,
        "每季度" => 4.0,
        "每半年" => 2.0,
        "每周" => 52.0,
        "每年" | "全年" | "年内" => 1.0,
        _ => return None,
    })
}

pub(crate) fn parse_value(s: &str) -> Option<f64> {
    if let Ok(v) = s.parse::<f64>() {
        return Some(v);
    }
    if s == "半" {
        return Some(0.5);
    }
    chinese_number(s).map(f64::from)
}

/// 一次 as "in one go", a way of serving rather than a count: 最多跑一次, 一次放行, 一次办结,
/// 一次告知 promise no number of anything.
fn in_one_go(before: Option<char>, after: &str) -> bool {
    const SERVED: [&str; 16] = [
        "放行", "办结", "办好", "办成", "告知", "受理", "审批", "审核", "通过", "到位", "解决",
        "认证", "查验", "申报", "登记", "提交",
    ];
    before == Some('跑') || SERVED.iter().any(|w| after.starts_with(w))
}

/// Whether `start..end` lies inside a short quoted name (“稳外资12条”, “中国制造2025”, “两个200万亩”):
/// a name's number counts nothing.
fn in_quoted_name(text: &str, start: usize, end: usize) -> bool {
    const NAME_MAX_CHARS: usize = 16;
    let open = text[..start]
        .char_indices()
        .rev()
        .take(NAME_MAX_CHARS)
        .take_while(|(_, c)| !"”。；！？\n".contains(*c))
        .any(|(_, c)| c == '“');
    let close = text[end..]
        .chars()
        .take(NAME_MAX_CHARS)
        .take_while(|c| !"“。；！？\n".contains(*c))
        .any(|c| c == '”');
    open && close
}

/// Finds the quantities in a text; Chinese numerals only before counting units and never as ordinals
/// (第十四次党代会, 二次全会).
pub fn quantities(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    for c in QUANTITY.captures_iter(text) {
        let (Some(num), Some(unit)) = (c.name("num"), c.name("unit")) else {
            continue;
        };
        let whole = c.get(0).map_or(num.start()..unit.end(), |m| m.range());
        let is_arabic = num.as_str().starts_with(|ch: char| ch.is_ascii_digit());
        if !is_arabic {
            if !COUNT_UNITS.contains(&unit.as_str()) {
                continue;
            }
            let before = text[..num.start()].chars().next_back();
            let after = &text[unit.end()..];
            // 新一轮 is a new round, not a count of one.
            if before.is_some_and(|b| "第新".contains(b))
                || before.is_some_and(|b| "一二三四五六七八九十百千".contains(b))
                || (unit.as_str() == "期" && is_phase(&text[..num.start()]))
                || ["全会", "党代会", "会议", "大会", "性", "全体"]
                    .iter()
                    .any(|w| after.starts_with(w))
                || (num.as_str() == "一" && unit.as_str() == "次" && in_one_go(before, after))
            {
                continue;
            }
        } else {
            // A digit run glued to more digits or a decimal point is part of a larger number.
            if text[..num.start()].ends_with(|ch: char| ch.is_ascii_digit() || ch == '.') {
                continue;
            }
        }
        if in_quoted_name(text, whole.start, whole.end) {
            continue;
        }
        let Some(value) = parse_value(num.as_str()) else {
            continue;
        };
        // 至少调研指导2次: the comparator may stand a few words before the number.
        let lookback = last_chars(&text[..num.start()], 8);
        let pre = c.name("pre").map(|m| m.as_str()).or_else(|| {
            [
                "不少于",
                "不低于",
                "至少",
                "最少",
                "不超过",
                "不多于",
                "最多",
            ]
            .into_iter()
            .find(|w| lookback.contains(w))
        });
        let post = c.name("post").map(|m| m.as_str());
        let comparator = match (pre, post) {
            (Some("不少于" | "不低于" | "至少" | "最少" | "超过" | "高于" | "多于"), _)
            | (_, Some("以上" | "及以上")) => Comparator::AtLeast,
            (Some("不超过" | "不多于" | "最多" | "不高于" | "控制在" | "低于" | "少于"), _)
            | (_, Some("以内" | "以下" | "之内")) => Comparator::AtMost,
            _ => Comparator::Exactly,
        };
        out.push(Quantity {
            value,
            unit: unit.as_str().to_string(),
            comparator,
            approx: c.name("approx").is_some() || post == Some("左右"),
            start: whole.start,
            end: whole.end,
            num_start: num.start(),
        });
    }
    // 从380元提高至1000元, 由上年的88个增加到317个: the first figure is where it started, not a
    // target or an achievement.
    let starts: Vec<bool> = out
        .windows(2)
        .map(|w| {
            let near = last_chars(&text[..w[0].num_start], 8);
            w[1].unit == w[0].unit
                && (near.contains('从') || near.contains('由'))
                && BASELINE_LINK.is_match(&text[w[0].end..w[1].num_start])
        })
        .collect();
    let mut starts = starts.into_iter();
    out.retain(|_| !starts.next().unwrap_or(false));
    out
}

/// A starting figure and the rise after it, ahead of the figure risen to (从去年的2.1%提高到).
static FROM_BASELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[从由][^，。；、\d]{0,6}\d[\d.]*[^，。；、\d]{0,6}(?:到|至)[^，。；、\d]{0,4}$")
        .expect("from-baseline regex")
});

/// The last `n` characters of `text`, read from its end so a long text costs no more than a short one.
fn last_chars(text: &str, n: usize) -> &str {
    let start = text.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &text[start..]
}

/// What links a starting figure to the one it rises or falls to (提高至, 增加到, 降到).
static BASELINE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^，。；、\d]{0,4}(?:到|至)[^，。；、\d]{0,4}$").expect("baseline regex")
});

/// Splits a sentence into comma clauses, not splitting inside quotes or book-title marks.
pub fn clauses(text: &str) -> Vec<(usize, usize)> {
    super::sentence::split_outside_quotes(text, |c| {
        matches!(c, '，' | '。' | '；' | '：' | ',' | ';' | '！' | '？')
    })
}

fn trim_action(s: &str) -> String {
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    let mut a = s.to_string();
    for tail in ["活动", "工作", "情况"] {
        if a.ends_with(tail) && a.chars().count() > tail.chars().count() + 1 {
            a.truncate(a.len() - tail.len());
        }
    }
    for head in ["开展", "组织", "进行", "累计", "召开", "举办", "完成"] {
        if a.starts_with(head) && a.chars().count() > head.chars().count() + 1 {
            a = a[head.len()..].to_string();
        }
    }
    a.chars()
        .rev()
        .take(20)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

/// The action a quantity counts: the words after its unit, else the words before it — within its
/// own list item (between the figures beside it and any 、), so in 新建蔬菜大棚2000亩、温室500亩
/// the second figure counts 温室, not what follows.
fn action_of(clause: &str, item: (usize, usize), q: &Quantity) -> String {
    let after = clause.get(q.end..item.1.max(q.end)).unwrap_or("");
    let after = trim_action(&after[..after.find('、').unwrap_or(after.len())]);
    if !names_nothing(&after) {
        return after;
    }
    let before = clause.get(item.0.min(q.start)..q.start).unwrap_or("");
    let before = &before[before.rfind('、').map_or(0, |i| i + '、'.len_utf8())..];
    let before = &before[category_after_examples(before)..];
    // 赤字率从去年的2.1%提高到2.3%: the indicator is named before its starting figure.
    let before = FROM_BASELINE
        .find(before)
        .map_or(before, |m| &before[..m.start()]);
    trim_action(&PERIOD.replace_all(before, ""))
}

/// Where the category a list of examples belongs to starts (建华路、根河路等背街巷道10条 counts
/// 背街巷道, not 根河路): after the last 等 that closes examples, else 0.
fn category_after_examples(before: &str) -> usize {
    // 等 inside a word: 平等, 同等, 高等, 何等 … and 等级, 等于, 等待, 等额 ….
    const WORD_BEFORE: &str = "平同相对均初高中次上下何";
    const WORD_AFTER: &str = "级于同待候到额量值效";
    before
        .match_indices('等')
        .filter(|(i, _)| {
            let prev = before[..*i].chars().next_back();
            let next = before[i + '等'.len_utf8()..].chars().next();
            prev.is_some_and(|c| !WORD_BEFORE.contains(c))
                && next.is_some_and(|c| !WORD_AFTER.contains(c))
        })
        .map(|(i, _)| i + '等'.len_utf8())
        .next_back()
        .filter(|&at| before[at..].chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .unwrap_or(0)
}

/// Whether an action is only verbs and linking words (达到, 增长, 和): the clause continues the
/// figure before it (地方财政总收入增长20%，达到24.8亿元) and counts the same thing.
fn names_nothing(action: &str) -> bool {
    static LINKING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:达到|达|增长|增加|提高到|提高|降低到|降低|下降|减少|超过|突破|控制在|保持在|完成|实现|比上年末|比上年|比去年|同比|累计|分别|到|在|为|和|及|或)*$")
            .expect("linking regex")
    });
    action.chars().count() < 2 || LINKING.is_match(action)
}

/// Quantitative targets stated in `text` (one commitment or task); spans are offset by `base`.
pub fn find_targets(text: &str, base: usize) -> Vec<Target> {
    let mut out = Vec::new();
    // A period named at the start of a sentence ("七一"前后，…) governs the clauses after it.
    let mut sentence_period: Option<String> = None;
    // Whether a target was already read in this sentence (a continuation inherits its action).
    let mut in_sentence = false;
    for (cs, ce) in clauses(text) {
        let clause = &text[cs..ce];
        let period_here = PERIOD
            .find_iter(clause)
            .find(|m| !TIME_POINT.iter().any(|t| clause[m.end()..].starts_with(t)))
            .map(|m| (m.start(), normalize_period(m.as_str())));
        if cs > 0 && text[..cs].ends_with(['。', '；', ';']) {
            sentence_period = None;
            in_sentence = false;
        }
        let qs = quantities(clause);
        if qs.is_empty() {
            // A recurring action that names its period but no figure counts once per period.
            if let Some((ps, period)) = &period_here {
                if period.starts_with('每')
                    && RECURRING_VERBS.iter().any(|v| clause[*ps..].contains(v))
                {
                    out.push(Target {
                        period: period.clone(),
                        comparator: Comparator::Exactly,
                        value: 1.0,
                        unit: "次".into(),
                        action: trim_action(&clause[*ps..]),
                        span: Span::new(base + cs + ps, base + ce),
                    });
                }
            }
            if let Some((_, p)) = &period_here {
                if !p.starts_with('每') {
                    sentence_period = Some(p.clone());
                }
            }
            continue;
        }
        let mut previous_end: Option<usize> = None;
        let bounds: Vec<(usize, usize)> = (0..qs.len())
            .map(|i| {
                let from = if i == 0 { 0 } else { qs[i - 1].end };
                let to = qs.get(i + 1).map_or(clause.len(), |n| n.start);
                (from, to)
            })
            .collect();
        for (q, item) in qs.into_iter().zip(bounds) {
            // A range (增长6.5%-7%, 6.5－7%) promises its lower bound: the upper figure is no
            // second target, and a bare lower number takes the place of the upper one.
            let dash = |s: &str| matches!(s.trim(), "-" | "－" | "—" | "~" | "～" | "至" | "到");
            if previous_end.is_some_and(|e| e <= q.start && dash(&clause[e..q.start])) {
                continue;
            }
            previous_end = Some(q.end);
            let mut q = q;
            if let Some(low) = RANGE_LOW
                .captures(&clause[..q.num_start])
                .and_then(|c| c.get(1))
                .and_then(|m| m.as_str().parse::<f64>().ok())
            {
                if low < q.value {
                    q.value = low;
                }
            }
            let action = action_of(clause, item, &q);
            let period = period_here
                .as_ref()
                .filter(|(ps, _)| *ps <= q.start)
                .map(|(_, p)| p.clone())
                .or_else(|| sentence_period.clone())
                .unwrap_or_else(|| "全年".into());
            let span_start = period_here
                .as_ref()
                .filter(|(ps, _)| *ps <= q.start)
                .map_or(0, |(ps, _)| *ps);
            let action = match out.last() {
                Some(last) if in_sentence && names_nothing(&action) => last.action.clone(),
                _ => action,
            };
            // A price rise or an unemployment rate is a ceiling even when the plan only says
            // 3%左右: 居民消费价格涨幅3%左右 is kept by 2% (sc_2016's gold), as 控制在 would say.
            let comparator = match q.comparator {
                Comparator::Exactly if lower_is_better(&action) => Comparator::AtMost,
                c => c,
            };
            out.push(Target {
                period,
                comparator,
                value: q.value,
                unit: q.unit.clone(),
                action,
                span: Span::new(base + cs + span_start, base + ce),
            });
            in_sentence = true;
        }
    }
    out
}

/// Whether 一期/二期 after these words names a phase of a project (散裂中子源二期, 荣乌二期), not
/// a count of sessions (举办读书班三期): sessions are counted after what is held.
fn is_phase(before: &str) -> bool {
    let clause = before
        .rsplit(['，', '。', '；', '、', ',', ';'])
        .next()
        .unwrap_or(before);
    ![
        "班", "培训", "讲座", "论坛", "轮训", "讲堂", "课", "刊", "简报", "举办", "开办",
    ]
    .iter()
    .any(|w| clause.contains(w))
}

/// Whether an indicator is one a plan caps rather than raises: prices' rise, unemployment.
fn lower_is_better(action: &str) -> bool {
    action.contains("失业率")
        || ((action.contains("价格") || action.contains("物价"))
            && (action.contains("涨幅") || action.contains("上涨")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Vec<(String, &'static str, f64, String)> {
        find_targets(text, 0)
            .into_iter()
            .map(|t| (t.period, t.comparator.as_str(), t.value, t.unit))
            .collect()
    }

    #[test]
    fn targets_with_periods_and_comparators() {
        assert_eq!(
            t("每月学习不少于1次，每季度研讨不少于1次，全年累计学习不少于12次。"),
            vec![
                ("每月".into(), ">=", 1.0, "次".into()),
                ("每季度".into(), ">=", 1.0, "次".into()),
                ("全年".into(), ">=", 12.0, "次".into())
            ]
        );
        assert_eq!(
            t("今年60%以上党支部要达到标准"),
            vec![("全年".into(), ">=", 60.0, "%".into())]
        );
        assert_eq!(
            t("每半年向局党组书面报告一次落实情况"),
            vec![("每半年".into(), "=", 1.0, "次".into())]
        );
        assert_eq!(
            t("每年深入联系点至少调研指导2次"),
            vec![("每年".into(), ">=", 2.0, "次".into())]
        );
        assert_eq!(
            t("城镇登记失业率4.5%以内"),
            vec![("全年".into(), "<=", 4.5, "%".into())]
        );
        // The State Council's 2013 targets (not a labelled pair).
        assert_eq!(
            t("城镇登记失业率低于4.6%"),
            vec![("全年".into(), "<=", 4.6, "%".into())]
        );
        assert_eq!(
            t("全年新增就业不低于5000人"),
            vec![("全年".into(), ">=", 5000.0, "人".into())]
        );
    }

    #[test]
    fn prices_and_unemployment_are_capped_and_a_projects_phase_is_no_count() {
        // sc_2016's gold calls 居民消费价格涨幅3%左右 kept by 居民消费价格上涨2%; 广东's 2024 plan
        // (not a labelled pair) has 城镇调查失业率5.5%左右 with no 控制在.
        assert_eq!(
            t("居民消费价格涨幅3%左右"),
            vec![("全年".into(), "<=", 3.0, "%".into())]
        );
        assert_eq!(
            t("城镇调查失业率5.5%左右"),
            vec![("全年".into(), "<=", 5.5, "%".into())]
        );
        assert_eq!(
            t("地区生产总值增长5.5%左右"),
            vec![("全年".into(), "=", 5.5, "%".into())]
        );
        assert!(t("开工建设散裂中子源二期、先进阿秒激光等重大科技基础设施").is_empty());
        assert!(t("推进荣乌二期保定段、京雄二期建设").is_empty());
        assert_eq!(
            t("举办青年干部读书班三期"),
            vec![("全年".into(), "=", 3.0, "期".into())]
        );
    }

    #[test]
    fn a_period_at_the_head_of_a_sentence_governs_its_clauses() {
        let got = t("“七一”前后，围绕“走好第一方阵，我为二十大作贡献”组织1次党支部书记讲专题党课，机关各支部开展1次主题党日活动。");
        assert_eq!(got.len(), 2);
        assert!(got
            .iter()
            .all(|(p, c, v, _)| p == "七一前后" && *c == "=" && *v == 1.0));
    }

    #[test]
    fn recurring_actions_and_time_points() {
        assert_eq!(
            t("在每月办公例会组织全体干部职工开展党纪教育"),
            vec![("每月".into(), "=", 1.0, "次".into())]
        );
        assert!(t("每年年初结合本单位形势制定任务安排").is_empty());
    }

    #[test]
    fn ordinals_and_words_are_not_quantities() {
        assert!(t("全面贯彻二十届中央纪委二次全会精神和省第十四次党代会精神").is_empty());
        assert!(t("增强“四个意识”，落实一岗双责，做好“光荣在党50年”纪念章颁发").is_empty());
        assert!(t("一次性解决").is_empty());
        // sc_2016's plan: a new round of a programme is not a count of one.
        assert!(t("实施新一轮退耕还林还草方案").is_empty());
        // hailar_2018's and 广东 2025's plans: 一次 "in one go" serves, it counts nothing.
        assert!(t("以“最多跑一次”的改革提升效能").is_empty());
        assert!(t("推广“一地两检”、“合作查验、一次放行”和货物“一单两报”等通关模式").is_empty());
        // A count of one stays one.
        assert_eq!(t("每季度开展一次专题学习").len(), 1);
        // 广东 2023's plan: a policy's quoted name holds a number that counts nothing; a figure
        // outside the quotes still counts.
        assert!(t("落实“制造业投资10条”“稳外资12条”和新版外资准入负面清单").is_empty());
        assert_eq!(t("“十四五”期间新建高速公路500公里").len(), 1);
    }

    #[test]
    fn a_starting_figure_is_not_a_target() {
        // sc_2015's plan: the rate rises from last year's 2.1 % to 2.3 %; only 2.3 % is promised.
        assert_eq!(
            t("赤字率从去年的2.1%提高到2.3%"),
            vec![("全年".into(), "=", 2.3, "%".into())]
        );
        // A report's 由上年的88个增加到317个 achieved 317, not 88.
        let q = quantities("城镇居民基本医疗保险试点城市由上年的88个增加到317个");
        assert_eq!(q.iter().map(|q| q.value).collect::<Vec<_>>(), vec![317.0]);
        // Two figures of one unit that are not a rise stay two.
        assert_eq!(t("新建5所学校、改扩建12所学校").len(), 2);
    }

    #[test]
    fn units_of_ports_livestock_freight_and_energy_are_read() {
        // Provincial plans (浙江, 吉林, 河南 2026): container throughput, cattle, freight trains.
        let units: Vec<String> = t("集装箱吞吐量达到4500万标箱，肉牛屠宰加工量突破100万头，中欧班列开行4000班次，新增装机1000万千瓦时")
            .into_iter()
            .map(|x| x.3)
            .collect();
        assert_eq!(units, ["万标箱", "万头", "班次", "万千瓦时"]);
    }

    #[test]
    fn each_list_item_and_continuation_names_its_own_action() {
        let actions = |text: &str| -> Vec<String> {
            find_targets(text, 0)
                .into_iter()
                .map(|t| t.action)
                .collect()
        };
        assert_eq!(
            actions("新建蔬菜大棚2000亩、温室500亩、露地蔬菜种植1.4万亩"),
            ["新建蔬菜大棚", "温室", "露地蔬菜种植"]
        );
        // A clause of verbs only continues the figure before it.
        assert_eq!(
            actions("地方财政总收入增长20%，达到24.8亿元"),
            ["地方财政总收入增长", "地方财政总收入增长"]
        );
        assert_eq!(actions("年内建成20座公厕"), ["公厕"]);
        // Examples closed by 等 name the category that is counted (hailar_2013's plan); 平等 is
        // a word, not a list's end.
        assert_eq!(actions("改造建华路、根河路等背街巷道10条"), ["背街巷道"]);
        assert_eq!(actions("新增平等就业岗位300个"), ["新增平等就业岗位"]);
        // An increment counts what the clause before it counts, not 比去年增加.
        assert_eq!(
            actions("拟安排财政赤字1.62万亿元，比去年增加2700亿元；赤字率从去年的2.1%提高到2.3%。"),
            ["拟安排财政赤字", "拟安排财政赤字", "赤字率"]
        );
        assert_eq!(
            actions("今年广义货币M2预期增长13%左右"),
            ["广义货币M2预期增长"]
        );
    }

    #[test]
    fn actions_name_what_is_counted() {
        let ts = find_targets("全年至少开展1次党员干部警示教育", 0);
        assert_eq!(ts[0].action, "党员干部警示教育");
        let ts = find_targets("每月学习不少于1次", 0);
        assert_eq!(ts[0].action, "学习");
    }
}
