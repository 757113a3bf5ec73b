//! Report facts: the roles of its paragraphs, the figures it states, the template fields it left
//! unfilled (多少次, *名, 什么荣誉) and the names it masked (*****党组, 党的XX大), which are not gaps.

use crate::doc::{Doc, Span};
use crate::extract::role::{paragraph_roles, role_of_span, Role};
use crate::extract::target::parse_value;
use crate::extract::{Figure, MaskedName, Placeholder, PlaceholderKind};
use crate::segment::Segmenter;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// Everything extraction reads from one report, for `extract` output and the gap analysis.
#[derive(Debug, Clone, Serialize)]
pub struct ReportFacts {
    pub roles: Vec<Role>,
    pub figures: Vec<Figure>,
    pub placeholders: Vec<Placeholder>,
    pub masked_names: Vec<MaskedName>,
}

/// Counting units, longest first so that 人次 wins over 人 and 个百分点 over 个.
const UNITS: &str = "个百分点|百分点|人次|场次|家次|户次|条次|批次|平方公里|平方米|立方米|公里|千米|千瓦时|千瓦|公顷|人（次）|人\\(次\\)|次|场|人|名|篇|期|个|项|件|家|户|元|条|份|批|处|所|轮|套|座|台|辆|张|吨|亩|倍|宗|起|支|栋|间|床|%";

/// Units a mask or 多少 counts with: the number placeholders (近*篇, **余人（次）, 几方面).
const PH_UNITS: &str = "人（次）|人\\(次\\)|人次|场次|方面|次|场|人|名|篇|期|个|项|件|家|户|元|条|份|批|处|所|轮|套|座|台|张|天|万元|亿元|%";

/// A stated figure: optional approximate prefix, a number, an optional 余/多, a magnitude and a unit.
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<pre>近|约|逾|超过|超|上|达)?(?P<num>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千][零〇一二两三四五六七八九十百千万]{{0,4}}|半)(?P<approx>余|多)?(?P<mag>万亿|亿|万|千)?(?P<approx2>余|多)?(?P<unit>{UNITS})(?P<post>左右|以上|多)?"
    ))
    .expect("figure regex")
});

/// A masked run: asterisks (any length), or two or more X / × standing for letters.
static MASK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[*＊]+|(?:X|Ｘ){2,}|×{2,}").expect("mask regex"));

/// One letter in place of a number, bare or in brackets (X, x, Ｘ, [X], 【X】).
static LETTER_FIGURE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\[【［]?[XxＸｘ][\]】］]?").expect("letter figure regex"));

/// A unit right after a mask or 多少 (with optional 余/多/万): the mask stands for a number.
static PH_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:万|亿)?(?:余|多)?(?:{PH_UNITS})")).expect("ph tail regex")
});

/// Organisation words after a mask: the mask hides a name (***党组, 区XX局, 党的XX大).
static ORG_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:党组会议|党组|党委|党工委|党支部|党总支|领导班子|各项工作|各项|机关|单位|委员会|管委会|局|委|大|办|厅|部|处|科|室|中心|公司|县|市|区|镇|乡|村|街道|同志)")
        .expect("org tail regex")
});

/// 几 + unit (几次, 几方面) as a template gap.
static JI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"几(?:{PH_UNITS})")).expect("ji regex"));

/// 少 + unit: the typo 庭审少次 for 多少次, when 少 is not an adverb of a comparison.
static SHAO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"少(?:次|名|篇|期|场)").expect("shao regex"));

/// Words that may stand before a number but are not part of what is counted.
static ACTION_TRIM_END: &[&str] = &[
    "累计达到",
    "累计达",
    "共计",
    "总计",
    "合计",
    "累计",
    "分别",
    "达到",
    "完成",
    "实现",
    "超过",
    "共有",
    "共",
    "达",
    "为",
    "了",
    "约",
    "近",
    "逾",
    "计",
    "有",
    "到",
    "至",
    "已",
    "的",
    "超",
    "上",
];

/// Time and scope words that may open a clause but are not what is counted.
static ACTION_TRIM_START: &[&str] = &[
    "截至目前",
    "截止目前",
    "截至年底",
    "全年共",
    "全年",
    "年内",
    "今年",
    "当年",
    "其中",
    "目前",
    "已经",
    "累计",
    "共",
];

/// Clause boundaries for reading the action before a figure.
fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '；'
            | '：'
            | '、'
            | '！'
            | '？'
            | ','
            | ';'
            | ':'
            | '（'
            | '）'
            | '('
            | ')'
            | '“'
            | '”'
            | '《'
            | '》'
            | '\n'
    ) || c.is_ascii_digit()
}

/// The content words right before a figure in its clause: 2–8 characters (组织集体学习12次 → 组织集体学习).
fn action_before(text: &str, at: usize, seg: &Segmenter) -> String {
    let head = text.get(..at).unwrap_or("");
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| is_clause_break(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut clause = head.get(start..).unwrap_or("");
    loop {
        let before = clause;
        for w in ACTION_TRIM_END {
            if let Some(s) = clause.strip_suffix(w) {
                clause = s;
                break;
            }
        }
        if before == clause {
            break;
        }
    }
    for w in ACTION_TRIM_START {
        if let Some(s) = clause.strip_prefix(w) {
            clause = s;
            break;
        }
    }
    // A long clause keeps its last conjunct (A和B工作 → B工作), then its last eight characters.
    if clause.chars().count() > 8 {
        if let Some(i) = clause.rfind(['和', '与', '及']) {
            let tail = &clause[i + '和'.len_utf8()..];
            if (2..=8).contains(&tail.chars().count()) {
                clause = tail;
            }
        }
    }
    clause = clause.trim();
    if clause.chars().count() > 8 {
        clause = last_words(clause, 8, seg);
    }
    clause.to_string()
}

/// The longest run of whole words (jieba) ending `text` that fits in `max` characters; the last
/// `max` characters when a single word is longer.
fn last_words<'a>(text: &'a str, max: usize, seg: &Segmenter) -> &'a str {
    let words = seg.cut(text);
    let mut start = text.len();
    let mut count = 0;
    for t in words.iter().rev() {
        let n = t.word.chars().count();
        if count + n > max {
            break;
        }
        count += n;
        start = t.start;
    }
    if count >= 2 {
        return text.get(start..).unwrap_or(text);
    }
    // One dictionary term longer than `max` (社会消费品零售总额) is kept whole up to 12 characters.
    let n = text.chars().count();
    let max = if n <= 12 && words.len() == 1 { n } else { max };
    text.char_indices()
        .nth(n.saturating_sub(max))
        .map_or(text, |(i, _)| &text[i..])
}

/// Whether the byte offset `at` lies inside “…” quotes of its paragraph (slogans: “两个维护”).
fn inside_quotes(text: &str, at: usize) -> bool {
    inside_marks(text, at, '“', '”')
}

/// Whether a pair of marks (“…”, 《…》) opened before byte offset `at` in its paragraph is still open there.
fn inside_marks(text: &str, at: usize, open: char, close: char) -> bool {
    let head = text.get(..at).unwrap_or("");
    let line = head.rsplit('\n').next().unwrap_or("");
    line.matches(open).count() > line.matches(close).count()
}

/// The character before byte offset `at`, if any.
fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|h| h.chars().next_back())
}

/// Two characters before byte offset `at`.
fn two_before(text: &str, at: usize) -> String {
    let head = text.get(..at).unwrap_or("");
    let v: Vec<char> = head.chars().rev().take(2).collect();
    v.into_iter().rev().collect()
}

/// The value of a figure's number: Arabic (1.5), Chinese (十二, 两, 百) or 半.
fn figure_value(num: &str) -> Option<f64> {
    // At most five characters and one 万 (the regex and this check), so the u32 numeral parser cannot overflow.
    let arabic = num.starts_with(|c: char| c.is_ascii_digit());
    if !arabic && (num.chars().count() > 5 || num.matches('万').count() > 1) {
        return None;
    }
    parse_value(num)
}

/// The figures a report states, each with its action and role; dates, ordinals and slogans skipped.
pub fn figures(doc: &Doc, roles: &[Role], seg: &Segmenter) -> Vec<Figure> {
    let text = &doc.text;
    let mut out = Vec::new();
    for c in FIGURE.captures_iter(text) {
        let (Some(whole), Some(num)) = (c.get(0), c.name("num")) else {
            continue;
        };
        let n = num.as_str();
        let arabic = n.starts_with(|ch: char| ch.is_ascii_digit());
        let prev = char_before(text, num.start());
        // Part of a longer number, an ordinal (第6次), a fraction (三分之一) or a placeholder (多少万).
        if prev.is_some_and(|p| {
            p.is_ascii_digit()
                || matches!(
                    p,
                    '.' | '第' | '少' | '几' | '*' | '＊' | 'X' | '之' | '前' | '每'
                )
        }) {
            continue;
        }
        if !arabic {
            // Chinese numerals are idiom-prone: 一 alone (一批, 一项目一台账) and quoted slogans are no figures.
            if matches!(n, "一" | "半") && c.name("pre").is_none()
                || inside_quotes(text, num.start())
            {
                continue;
            }
            if n.ends_with('千') && c.name("unit").is_some_and(|u| u.as_str() == "米") {
                continue;
            }
        }
        let Some(value) = figure_value(n) else {
            continue;
        };
        let unit_m = match c.name("unit") {
            Some(u) => u.as_str(),
            None => continue,
        };
        // 十分, 百倍 in idioms: a unit directly followed by the same numeral pattern (一事一表).
        let after = text.get(whole.end()..).unwrap_or("");
        if !arabic && after.starts_with(['一', '二', '两', '三']) {
            continue;
        }
        let mag = c.name("mag").map_or("", |m| m.as_str());
        let unit = format!("{mag}{unit_m}");
        let approx = c.name("approx").is_some()
            || c.name("approx2").is_some()
            || c.name("pre")
                .is_some_and(|p| matches!(p.as_str(), "近" | "约" | "逾" | "超过" | "超" | "上"))
            || c.name("post").is_some();
        let start = c.name("pre").map_or(num.start(), |p| p.start());
        let span = Span::new(start, whole.end());
        out.push(Figure {
            value,
            unit,
            approx,
            action: action_before(text, start, seg),
            span,
            role: role_of_span(doc, roles, span),
        });
    }
    out
}

/// Unfilled number and text fields, and masked names, in text order.
pub fn gaps(doc: &Doc, roles: &[Role]) -> (Vec<Placeholder>, Vec<MaskedName>) {
    let (found, names) = unfilled_in(&doc.text);
    let ph = found
        .into_iter()
        .map(|(kind, span)| Placeholder {
            kind,
            span,
            role: role_of_span(doc, roles, span),
        })
        .collect();
    (ph, names)
}

/// The unfilled fields (kind and byte span) and masked names of any text: a report, or a plan
/// sentence left as a template (全年开展集中学习不少于X次).
pub fn unfilled_in(text: &str) -> (Vec<(PlaceholderKind, Span)>, Vec<MaskedName>) {
    let mut ph: Vec<(PlaceholderKind, Span)> = Vec::new();
    let mut names = Vec::new();
    let push = |kind, start: usize, end: usize, ph: &mut Vec<(PlaceholderKind, Span)>| {
        ph.push((kind, Span::new(start, end)));
    };

    // 多少: always a missing figure in a report, except the adverb 多少有些.
    for (i, _) in text.match_indices("多少") {
        let tail = &text[i + "多少".len()..];
        if tail.starts_with("有些")
            || tail.starts_with("有点")
            || char_before(text, i) == Some('或')
        {
            continue;
        }
        let end = i + "多少".len() + PH_TAIL.find(tail).map_or(0, |m| m.end());
        push(PlaceholderKind::Number, i, end, &mut ph);
    }
    // 几次, 几方面 — but not 以下几个方面, 这几年 or 几乎; 几个方面 is prose (概述几个方面), a
    // template leaves 几方面.
    for m in JI.find_iter(text) {
        let prev2 = two_before(text, m.start());
        let prev = char_before(text, m.start());
        if text[m.start()..].starts_with("几个方面")
            || prev.is_some_and(|p| {
                matches!(
                    p,
                    '这' | '那' | '好' | '前' | '后' | '十' | '数' | '近' | '哪' | '下'
                )
            })
            || matches!(
                prev2.as_str(),
                "以下" | "下列" | "如下" | "最近" | "未来" | "过去"
            )
        {
            continue;
        }
        push(PlaceholderKind::Number, m.start(), m.end(), &mut ph);
    }
    // 庭审少次: 少 straight before a counting unit with no comparison word before it is a lost 多.
    for m in SHAO.find_iter(text) {
        let prev = char_before(text, m.start());
        let is_word = prev.is_none_or(|p| {
            !('\u{4e00}'..='\u{9fff}').contains(&p)
                || matches!(
                    p,
                    '多' | '不'
                        | '较'
                        | '很'
                        | '减'
                        | '缺'
                        | '稀'
                        | '太'
                        | '至'
                        | '最'
                        | '过'
                        | '甚'
                        | '极'
                        | '也'
                        | '更'
                        | '鲜'
                        | '偏'
                        | '量'
                        | '年'
                        | '老'
                        | '青'
                )
        });
        if !is_word {
            push(PlaceholderKind::Number, m.start(), m.end(), &mut ph);
        }
    }
    // A single letter standing for a number (X次, x名, [X]次, 整改X个, 每月X日): a template left
    // unfilled, when a counting or date unit follows and no other letter or digit is beside it.
    for m in LETTER_FIGURE.find_iter(text) {
        let beside =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || "XxＸｘ".contains(c));
        let after = text[m.end()..].chars().next();
        if beside(char_before(text, m.start())) || beside(after) {
            continue;
        }
        // A day or month left as a letter (每月X日, X月X日召开) is a date never written in.
        let tail = &text[m.end()..];
        let date = ["月", "日", "号"].into_iter().find(|d| tail.starts_with(d));
        if let Some(t) = PH_TAIL.find(tail).map(|t| t.end()).or(date.map(str::len)) {
            push(PlaceholderKind::Number, m.start(), m.end() + t, &mut ph);
        }
    }
    // Masks: a number when a unit follows (and not inside 《》), otherwise a name.
    for m in MASK.find_iter(text) {
        let tail = &text[m.end()..];
        let in_title_marks = inside_marks(text, m.start(), '《', '》');
        if let Some(t) = PH_TAIL.find(tail).filter(|_| !in_title_marks) {
            let start = match char_before(text, m.start()) {
                Some(c @ ('近' | '约')) => m.start() - c.len_utf8(),
                _ => m.start(),
            };
            push(PlaceholderKind::Number, start, m.end() + t.end(), &mut ph);
            continue;
        }
        let end = m.end() + ORG_TAIL.find(tail).map_or(0, |t| t.end());
        names.push(MaskedName {
            span: Span::new(m.start(), end),
        });
    }
    // 什么 in a statement (被表彰为什么, 取得了什么荣誉) is words the unit never wrote in.
    for (i, _) in text.match_indices("什么") {
        let tail = &text[i + "什么".len()..];
        let sentence_end = tail
            .find(['。', '！', '？', '?', '；', '\n'])
            .map_or(tail, |e| &tail[e..]);
        let question = sentence_end.starts_with(['？', '?']);
        let prev2 = two_before(text, i);
        if question
            || tail.starts_with(['样', '都', '也', '叫'])
            || matches!(prev2.as_str(), "没有" | "不是" | "算不" | "无论" | "不管")
            || char_before(text, i) == Some('没')
        {
            continue;
        }
        push(PlaceholderKind::Text, i, i + "什么".len(), &mut ph);
    }
    ph.sort_by_key(|(_, span)| (span.start, span.end));
    (ph, names)
}

/// Extracts roles, figures, placeholders and masked names from one report.
pub fn extract_report(doc: &Doc, seg: &Segmenter) -> ReportFacts {
    let roles = paragraph_roles(doc);
    let figures = figures(doc, &roles, seg);
    let (placeholders, masked_names) = gaps(doc, &roles);
    ReportFacts {
        roles,
        figures,
        placeholders,
        masked_names,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(lines: &[&str]) -> Doc {
        crate::extract::role::tests::report(lines, Some(2022), true)
    }

    fn figs(line: &str) -> Vec<(f64, String, bool, String)> {
        let d = report(&["2022年工作报告", "一、主要工作", line]);
        extract_report(&d, &Segmenter::shared())
            .figures
            .into_iter()
            .map(|f| (f.value, f.unit, f.approx, f.action))
            .collect()
    }

    #[test]
    fn figures_with_units_approximation_and_action() {
        let f = figs(
            "年内，专题研究全面从严治党和党风廉政建设工作2次，进行集体、单独廉政谈话60余人次。",
        );
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].0, 2.0);
        assert_eq!(f[0].1, "次");
        assert!(!f[0].2);
        assert_eq!(f[1], (60.0, "人次".into(), true, "单独廉政谈话".into()));
        let f = figs("组织集体学习12次，开展警示教育3场，覆盖党员120人，投入资金1.5亿元。");
        let got: Vec<_> = f
            .iter()
            .map(|x| (x.0, x.1.as_str(), x.3.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (12.0, "次", "组织集体学习"),
                (3.0, "场", "开展警示教育"),
                (120.0, "人", "覆盖党员"),
                (1.5, "亿元", "投入资金")
            ]
        );
    }

    #[test]
    fn chinese_numerals_and_approximate_prefixes() {
        let f =
            figs("召开专题会议两次，开展培训十二期，约30人参加，近百名干部参观，上百名党员观看。");
        let got: Vec<_> = f.iter().map(|x| (x.0, x.1.as_str(), x.2)).collect();
        assert_eq!(
            got,
            [
                (2.0, "次", false),
                (12.0, "期", false),
                (30.0, "人", true),
                (100.0, "名", true),
                (100.0, "名", true)
            ]
        );
        let f = figs("培训时长达30小时左右，完成率98%以上。");
        assert_eq!(f.len(), 1);
        assert!(f[0].2);
    }

    #[test]
    fn dates_ordinals_and_slogans_are_no_figures() {
        assert!(
            figs("2023年7月1日，第6次会议做到“两个维护”，一岗双责，一事一表，一批干部。")
                .is_empty()
        );
        assert!(figs("（1）增强理论武装。三分之一。").is_empty());
    }

    fn gap_kinds(line: &str) -> (Vec<String>, Vec<String>, Vec<String>) {
        let d = report(&["2022年工作报告", "一、主要工作", line]);
        let f = extract_report(&d, &Segmenter::shared());
        let pick = |k| {
            f.placeholders
                .iter()
                .filter(|p| p.kind == k)
                .map(|p| p.span.of(&d.text).to_string())
                .collect::<Vec<_>>()
        };
        let names = f
            .masked_names
            .iter()
            .map(|n| n.span.of(&d.text).to_string())
            .collect();
        (
            pick(PlaceholderKind::Number),
            pick(PlaceholderKind::Text),
            names,
        )
    }

    #[test]
    fn masks_before_units_are_gaps_masks_before_organisations_are_names() {
        let (num, text, names) = gap_kinds(
            "共召开**党组会议*次，参加线上答题**期**余人（次），撰写心得体会近*篇，*领导班子带头，研究制定了《***清廉机关建设工作实施方案》。",
        );
        assert_eq!(num, ["*次", "**期", "**余人（次）", "近*篇"]);
        assert!(text.is_empty());
        assert_eq!(names, ["**党组会议", "*领导班子", "***"]);
        let (num, _, names) = gap_kinds("深入学习贯彻党的XX大精神，区XX局开展活动XX次。");
        assert_eq!(num, ["XX次"]);
        assert_eq!(names, ["XX大", "XX局"]);
    }

    #[test]
    fn unfilled_numbers_and_words() {
        let (num, text, _) = gap_kinds(
            "发现问题几方面多少余项，满意率多少，发放材料多少万余份，组织旁听庭审少次，几次专题报道我委什么先进经验，被表彰为什么、取得了什么荣誉。",
        );
        assert_eq!(
            num,
            ["几方面", "多少余项", "多少", "多少万余份", "少次", "几次"]
        );
        assert_eq!(text, ["什么", "什么", "什么"]);
        // Templates that leave one letter for the figure (a 述职报告 and a 政协 report's 主题教育 part).
        let (num, _, _) = gap_kinds(
            "全年召开党组会议X次，发展党员X名，整改问题[X]个，学习会议x次，集体交流研讨x次，X余次。",
        );
        assert_eq!(num, ["X次", "X名", "[X]个", "x次", "x次", "X余次"]);
        // A template's date left as a letter (主题党日 on 每月X日, a meeting on X月X日).
        let (num, _, _) = gap_kinds("坚持每月X日开展主题党日活动，于X月X日召开组织生活会。");
        assert_eq!(num, ["X日", "X月", "X日"]);
        let (num, _, _) = gap_kinds("开展X射线检查，4x100米接力，PM2.5下降，XL号服装10件。");
        assert!(num.is_empty(), "{num:?}");
        let (num, text, names) = gap_kinds(
            "主要表现在以下几个方面，这几年搞调研少，不少次要问题，为什么？多少有些不足。这里概述几个方面。",
        );
        assert!(num.is_empty(), "{num:?}");
        assert!(text.is_empty());
        assert!(names.is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn any_text_extracts_without_panic(s in "[一二两三十百千万亿九零余多少几次名人什么*X近约第《》“”，。：、（）0-9.%\n ]{0,60}") {
            let d = report(&["2022年工作报告", &s]);
            let f = extract_report(&d, &Segmenter::shared());
            proptest::prop_assert_eq!(f.roles.len(), d.paragraphs.len());
            for p in &f.placeholders {
                proptest::prop_assert!(d.text.get(p.span.start..p.span.end).is_some());
            }
        }
    }

    #[test]
    fn odd_text_never_panics() {
        for line in [
            "*",
            "多少",
            "几",
            "什么",
            "近*",
            "《*",
            "1.",
            "两",
            "第",
            "少次",
            "X",
            "XX",
            "万余份",
            "“多少",
        ] {
            let d = report(&[line]);
            let _ = extract_report(&d, &Segmenter::shared());
            let d = report(&["标题", line, line]);
            let _ = extract_report(&d, &Segmenter::shared());
        }
    }
}
