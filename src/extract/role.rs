//! Report roles: which paragraphs are achievements (evidence), shortcomings, next steps or preamble.
//!
//! Numbered headings set the role of everything below them until the next heading of the same or a
//! higher level; an unnumbered paragraph that opens a new part (仍存在一些问题…, 下步工作，将…) switches
//! the role of the rest of the report; below a heading that names both shortcomings and next steps
//! (存在的问题和下一步打算) each paragraph is decided by its own opening.

use crate::doc::{Doc, Span};
use crate::outline::marker::{self, Style};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The part of a report a passage belongs to; only achievements are evidence that a task was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Achievement,
    Shortcoming,
    NextSteps,
    Preamble,
}

impl Role {
    /// The JSON/CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Achievement => "achievement",
            Role::Shortcoming => "shortcoming",
            Role::NextSteps => "next_steps",
            Role::Preamble => "preamble",
        }
    }
}

/// What a section heading announces; `Mixed` sections are decided paragraph by paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sect {
    Plain(Role),
    Mixed,
}

/// Heading words announcing shortcomings (存在的问题, 问题和不足, 差距); not bare 问题 (问题导向, 问题整改).
static HEAD_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"存在.{0,6}(问题|不足|差距|短板|困难|薄弱)|(问题|困难|矛盾)(和|与|及|、)(不足|差距|困难|挑战|短板)|不足(之处|和|与|及|$)|^(主要)?(问题|不足|差距)$|工作中的(问题|不足)|^问题",
    )
    .expect("head short regex")
});

/// Heading words announcing next steps (下一步打算, 今后工作, 明年工作安排).
static HEAD_NEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"下一步|下步|下阶段|下一阶段|打算|今后|明年|来年|新的一年|设想|展望|工作(计划|安排|重点)$|(努力|改进|整改)方向")
        .expect("head next regex")
});

/// A heading that ends in 思路 (工作思路, 思路和举措) announces plans, unless the 思路 is something
/// the year changed (创新宏观调控思路和方式, 创新工作思路 report work done).
static HEAD_IDEAS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"思路(和|与|及)?(打算|举措|措施|重点|目标|安排)?$").expect("head ideas regex")
});
static IDEAS_CHANGED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"创新|拓宽|拓展|转变|理清|厘清|开阔|完善|改进").expect("ideas regex")
});

/// A later sentence of a review paragraph that turns to the problems (…要在今后的实践中继续坚持。
/// 同时，我们清醒认识到，前进道路上还有不少困难和问题。主要是：…).
static TURN_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:同时[，,]?)?(?:我们)?(?:也)?(?:要)?清醒(?:地)?(?:认识|看到|意识)")
        .expect("turn short regex")
});

/// Where a paragraph read as the year's work (`role` achievement) turns to its problems: the byte
/// offset of the sentence after the first that says so (清醒认识到…), from which it is shortcomings.
pub fn shortcomings_from(text: &str, role: Role) -> Option<usize> {
    if role != Role::Achievement {
        return None;
    }
    super::sentence::sentence_spans(text)
        .into_iter()
        .skip(1)
        .find(|&(s, e)| TURN_SHORT.is_match(text[s..e].trim_start()))
        .map(|(s, _)| s)
}

/// A first sentence that opens a shortcomings part (我们也清醒地看到…, 仍存在一些问题, 还存在不少困难).
static OPEN_SHORT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"清醒(地)?(认识|看到|意识)|(更|也|还)要看到[^。，]{0,12}(困难|问题|挑战|不足|差距)|存在(着)?(一些|不少|一定的?|的|诸多|许多|较多)?.{0,8}(问题|不足|差距|短板|困难|薄弱环节|风险)|(还|仍|仍然|也还|依然)(存在|有)(一些|不少|一定|诸多)?.{0,10}(问题|不足|差距|短板|困难)|问题和不足|不足之处|差距和不足|(还|仍)(不够|有待)",
    )
    .expect("open short regex")
});

/// Next-step cues that mark a paragraph wherever they stand in its first sentence.
static NEXT_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"下一步|下步|下一阶段|下阶段|明年|来年|新的一年|新的一年里")
        .expect("next strong regex")
});

/// Next-step cues that only count at the opening clause (今后…, 将继续…).
static NEXT_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(今后|展望|未来|我们将|将继续|将进一步|要继续)|将(继续|进一步|持续|坚持|着力|以)")
        .expect("next open regex")
});

/// A year named in a heading (2018年…, 对2018年…).
static HEAD_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d{4})年").expect("heading year regex"));

/// Heading words of a year's plan (总体要求, 政策取向, 主要任务, 建议), beside a named year.
static HEAD_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"总体要求|政策取向|主要任务|重点任务|目标任务|预期目标|工作(安排|部署|建议|思路|要点)|的建议|打算|计划")
        .expect("heading plan regex")
});

/// A paragraph opening with a year (2023年，…).
static YEAR_OPEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})年").expect("year open regex"));

/// A preamble's closing formula (现将…汇报如下).
static PREAMBLE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(汇报|报告|总结|说明)如下|如下[：:。]?$|^(今年以来|一年来|\d{4}年以来)")
        .expect("preamble regex")
});

/// The text up to the first sentence end (。！？；：), at most `max` characters.
fn first_sentence(text: &str, max: usize) -> &str {
    let mut end = text.len();
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n >= max || matches!(c, '。' | '！' | '？' | '；' | '：' | '!' | '?' | ';' | ':') {
            end = i;
            break;
        }
    }
    &text[..end]
}

/// The opening clause, up to the first comma or sentence end.
fn first_clause(text: &str) -> &str {
    let s = first_sentence(text, 60);
    match s.find(['，', ',']) {
        Some(i) => &s[..i],
        None => s,
    }
}

/// Whether the opening announces next steps: a strong cue in the first sentence, a weak one at the
/// opening clause, or a later year than the report's with a future verb.
fn opens_next(text: &str, year: Option<i32>) -> bool {
    let sentence = first_sentence(text, 120);
    if NEXT_STRONG.is_match(sentence) || NEXT_OPEN.is_match(first_clause(text)) {
        return true;
    }
    if let Some(y) = opening_year(text) {
        let future_verb =
            sentence.contains('将') || sentence.contains("计划") || sentence.contains("要");
        return match year {
            Some(doc_year) => y > doc_year && future_verb,
            None => sentence.contains("将继续") || sentence.contains("将进一步"),
        };
    }
    false
}

/// The year a text opens with (2023年，…).
fn opening_year(text: &str) -> Option<i32> {
    YEAR_OPEN
        .captures(text)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok())
}

/// Verbs that act on problems (整改存在的问题, 针对巡察反馈存在的问题): in the same clause before the
/// problem, they report work done, not a shortcoming admitted.
const REMEDY: [&str; 10] = [
    "整改", "解决", "查摆", "查找", "梳理", "纠正", "针对", "聚焦", "破解", "化解",
];

/// Whether the first sentence announces shortcomings, other than as the object of a remedy.
fn opens_short(text: &str) -> bool {
    let mut sentence = first_sentence(text, 120);
    // A short saying before it (安不忘危，兴不忘忧。我们清醒认识到…) does not hide the opening.
    if sentence.chars().count() < 12 {
        let rest = &text[sentence.len()..];
        let stop = rest.chars().next().map_or(0, char::len_utf8);
        let next = first_sentence(&rest[stop..], 120);
        sentence = &text[..sentence.len() + stop + next.len()];
    }
    OPEN_SHORT.find_iter(sentence).any(|m| {
        let before = &sentence[..m.start()];
        let clause = before.rfind(['，', ',']).map_or(before, |i| &before[i..]);
        !REMEDY.iter().any(|v| clause.contains(v))
    })
}

/// The first year of a five-year plan a heading names (“十五五”时期主要目标任务 → 2026), so a
/// five-year review's next plan period reads as its plan part, not as more achievements.
fn five_year_start(title: &str) -> Option<i32> {
    static FIVE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"十([一二三四五六七八九])五[”\x22]?(?:时期|规划)").expect("five-year regex")
    });
    let digit = FIVE_YEAR.captures(title)?.get(1)?.as_str();
    let n = crate::outline::marker::chinese_number(digit)? as i32;
    // 十一五 began in 2006; each plan five years after the one before.
    Some(2006 + 5 * (n - 1))
}

/// What a heading title announces, if anything.
fn heading_sect(title: &str, year: Option<i32>) -> Option<Sect> {
    let short = HEAD_SHORT.is_match(title);
    // A heading naming a later year (二、2018年经济社会发展总体要求, 三、对2018年政府工作的建议)
    // opens the plan part; with the report's year unknown, its plan words say so.
    let named = HEAD_YEAR
        .captures(title)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse::<i32>().ok())
        .or_else(|| five_year_start(title));
    let later_year = match (named, year) {
        (Some(y), Some(d)) => y > d,
        (Some(_), None) => HEAD_PLAN.is_match(title),
        _ => false,
    };
    let ideas = HEAD_IDEAS.is_match(title) && !IDEAS_CHANGED.is_match(title);
    let next = HEAD_NEXT.is_match(title) || ideas || later_year;
    match (short, next) {
        (true, true) => Some(Sect::Mixed),
        (true, false) => Some(Sect::Plain(Role::Shortcoming)),
        (false, true) => Some(Sect::Plain(Role::NextSteps)),
        (false, false) => None,
    }
}

/// Decides one paragraph below a mixed heading by its opening; `prev` when the opening says nothing.
fn decide_mixed(text: &str, year: Option<i32>, prev: Role) -> Role {
    let opening = first_clause(text);
    if NEXT_OPEN.is_match(opening) || NEXT_STRONG.is_match(opening) {
        return Role::NextSteps;
    }
    if opens_short(text) {
        return Role::Shortcoming;
    }
    if opens_next(text, year) {
        return Role::NextSteps;
    }
    prev
}

/// The title of a heading paragraph: its text after the marker, up to the first sentence end.
fn heading_title(text: &str, marker_len: usize) -> &str {
    let rest = text.get(marker_len..).unwrap_or("");
    first_sentence(rest, 40)
}

/// The role of every paragraph of a report, in order (same length as `doc.paragraphs`).
pub fn paragraph_roles(doc: &Doc) -> Vec<Role> {
    let year = doc.meta.year;
    let texts: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|p| p.span.of(&doc.text))
        .collect();
    // Numbered headings: outline lines, not wrapped sentences.
    let markers: Vec<Option<marker::Marker>> =
        texts.iter().map(|t| marker::line_marker(t)).collect();
    let mut styles: Vec<Style> = Vec::new();
    let mut stack: Vec<(usize, Sect)> = Vec::new();
    // A numbered first line (一、2018年工作回顾) is both the title and the first section: the text
    // below it is inside the outline, not a preamble.
    if let Some(t) = doc.title_paragraph {
        if let (Some(x), Some(Some(m))) = (texts.get(t), markers.get(t)) {
            styles.push(m.style);
            let own = heading_sect(heading_title(x, m.len), year);
            stack.push((0, own.unwrap_or(Sect::Plain(Role::Achievement))));
        }
    }
    // The outline starts at the first numbered line, the title included.
    let first_heading = markers.iter().position(Option::is_some);
    let first_body = (0..texts.len()).find(|i| Some(*i) != doc.title_paragraph);

    let mut base = Sect::Plain(Role::Achievement);
    let mut transitioned = false;
    let mut mixed_prev = Role::Shortcoming;
    let mut roles = Vec::with_capacity(texts.len());

    for (i, text) in texts.iter().enumerate() {
        if Some(i) == doc.title_paragraph {
            roles.push(Role::Preamble);
            continue;
        }
        // Only an opening that says what follows (…汇报如下, 今年以来…) is preamble; the year's
        // overview a review opens with before its first heading (过去一年，…——经济运行…) is
        // achievement, as it is when the review has no heading at all.
        let before_outline = first_heading.is_none_or(|h| i < h)
            && Some(i) == first_body
            && PREAMBLE_CUE.is_match(text);
        if before_outline {
            roles.push(Role::Preamble);
            continue;
        }
        if let Some(m) = &markers[i] {
            let level = match styles.iter().position(|s| *s == m.style) {
                Some(l) => l,
                None => {
                    styles.push(m.style);
                    styles.len() - 1
                }
            };
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let title = heading_title(text, m.len);
            let own = heading_sect(title, year);
            let parent = match stack.last() {
                Some((_, s)) => *s,
                // A top-level heading without cue words continues a switched part only when it
                // restarts the numbering (the part's own enumeration); otherwise it is a new section.
                None if transitioned && m.number == 1 => base,
                None => {
                    if level == 0 {
                        base = Sect::Plain(Role::Achievement);
                        transitioned = false;
                    }
                    base
                }
            };
            let sect = own.unwrap_or(parent);
            let role = match (own, sect) {
                (Some(Sect::Mixed), _) => {
                    mixed_prev = Role::Shortcoming;
                    Role::Shortcoming
                }
                (_, Sect::Mixed) => {
                    mixed_prev = decide_mixed(&text[m.len.min(text.len())..], year, mixed_prev);
                    mixed_prev
                }
                (_, Sect::Plain(r)) => r,
            };
            stack.push((level, sect));
            roles.push(role);
            continue;
        }
        let current = stack.last().map_or(base, |(_, s)| *s);
        let role = match current {
            Sect::Mixed => {
                mixed_prev = decide_mixed(text, year, mixed_prev);
                mixed_prev
            }
            Sect::Plain(r) => {
                let switched = if opens_next(text, year) && r != Role::NextSteps {
                    Some(Role::NextSteps)
                } else if opens_short(text) && r == Role::Achievement {
                    Some(Role::Shortcoming)
                } else {
                    None
                };
                match switched {
                    Some(new) => {
                        base = Sect::Plain(new);
                        transitioned = true;
                        stack.clear();
                        new
                    }
                    // The paragraph is the year's work up to its turn ([`shortcomings_from`]); the
                    // paragraphs after it go on with the problems.
                    None if shortcomings_from(text, r).is_some() => {
                        base = Sect::Plain(Role::Shortcoming);
                        transitioned = true;
                        stack.clear();
                        r
                    }
                    None => r,
                }
            }
        };
        roles.push(role);
    }
    roles
}

/// Words of a text that looks back on work done (一年来, 已完成, 取得…).
const LOOKING_BACK: [&str; 10] = [
    "一年来",
    "已完成",
    "取得",
    "完成了",
    "圆满",
    "今年以来",
    "过去一年",
    "累计",
    "共开展",
    "共组织",
];

/// Words of a text that plans work ahead (下一步, 将, 要, 力争…).
const LOOKING_AHEAD: [&str; 8] = ["下一步", "将", "要", "计划", "力争", "确保", "推动", "今后"];

/// How much a text looks back rather than ahead: looking-back words per looking-ahead word.
/// Over the shipped corpus and the nine labelled pairs plans score 0.00–0.06 and government work
/// reports 0.50–2.33, but a Party-building report can score as low as a plan (seed 003: 0.04).
pub fn retrospection(text: &str) -> f64 {
    let count = |words: &[&str]| words.iter().map(|w| text.matches(w).count()).sum::<usize>();
    count(&LOOKING_BACK) as f64 / count(&LOOKING_AHEAD).max(1) as f64
}

/// Whether a plan and a report look exchanged: the "plan" looks back (retrospection at least
/// `SWAP_PLAN_MIN`, never reached by a plan of the corpus or the pairs) and the "report" looks
/// back less than a quarter as much. A guess to warn about, never acted on.
pub fn looks_swapped(plan: &str, report: &str) -> bool {
    let (p, r) = (retrospection(plan), retrospection(report));
    p >= SWAP_PLAN_MIN && r * 4.0 < p
}

/// The retrospection from which a plan reads as a report (plans of the corpus: at most 0.06).
pub const SWAP_PLAN_MIN: f64 = 0.3;

/// The role of the paragraph holding `span` (by its start), so figures and quotes inherit it.
pub fn role_of_span(doc: &Doc, roles: &[Role], span: Span) -> Role {
    let idx = doc
        .paragraphs
        .partition_point(|p| p.span.end < span.start)
        .min(doc.paragraphs.len().saturating_sub(1));
    let role = roles.get(idx).copied().unwrap_or(Role::Achievement);
    let turned = |p: &crate::doc::Paragraph| {
        shortcomings_from(p.span.of(&doc.text), role)
            .is_some_and(|o| span.start >= p.span.start + o)
    };
    if doc.paragraphs.get(idx).is_some_and(turned) {
        return Role::Shortcoming;
    }
    role
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::doc::{Kind, Meta};
    use crate::normalize::normalize;

    /// A report document built from lines, the first being the title when `titled`.
    pub(crate) fn report(lines: &[&str], year: Option<i32>, titled: bool) -> Doc {
        let n = normalize(&lines.join("\n"));
        Doc {
            path: "t.txt".into(),
            index: 0,
            meta: Meta {
                unit: String::new(),
                year,
                kind: Kind::Report,
                title: String::new(),
                sources: Default::default(),
            },
            encoding: "UTF-8".into(),
            original: None,
            text: n.text,
            paragraphs: n.paragraphs,
            title_paragraph: titled.then_some(0),
            hash: String::new(),
        }
    }

    fn roles(lines: &[&str], year: Option<i32>) -> Vec<&'static str> {
        let d = report(lines, year, true);
        paragraph_roles(&d).into_iter().map(Role::as_str).collect()
    }

    #[test]
    fn preamble_achievement_shortcoming_next_steps_from_seed_002() {
        let r = roles(
            &[
                "2023年全面从严治党工作情况汇报",
                "今年以来，在党委的坚强领导下，本人坚持以习近平新时代中国特色社会主义思想为指导。现将有关工作情况汇报如下。",
                "一、坚定党委统领，固化政治建党",
                "（1）增强理论武装。坚决落实“第一议题”制度，组织机关集体学习多少次。",
                "（2）严明政治纪律。积极发挥“少数人”牵头引领作用。",
                "经查摆检视，发现在履行全面从严治党“一岗双责”方面仍存在一些问题，主要表现在以下几个方面：",
                "（1）责任落实还有空档。对新形势下管党治党责任认识还不够深刻。",
                "（2）廉政建设还有风险。个人在履职上认识还不够到位。",
                "下步工作，将以学习贯彻党的XX大精神为主线，不断提高管党治党工作水平。",
                "一是坚定不移强化政治建设。持续深入学习贯彻党的XX大精神。",
                "二是坚定不移落实主体责任。更加突出党员领导干部带头表率作用。",
            ],
            Some(2023),
        );
        assert_eq!(
            r,
            [
                "preamble",
                "preamble",
                "achievement",
                "achievement",
                "achievement",
                "shortcoming",
                "shortcoming",
                "shortcoming",
                "next_steps",
                "next_steps",
                "next_steps"
            ]
        );
    }

    #[test]
    fn the_next_five_year_plan_after_a_review_is_next_steps() {
        // 河南省 2026 report (河南日报): the review of 十四五 and 2025, its problems, then the
        // goals of 十五五, which no longer say what was done.
        let lines = [
            "河南省政府工作报告",
            "一、“十四五”时期和2025年工作回顾",
            "综合实力稳步提升。生产总值6.66万亿元，财政总收入7019亿元。",
            "我们也清醒认识到，发展中还存在不少矛盾和问题：经济运行中不确定因素较多。",
            "二、“十五五”时期主要目标任务",
            "“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期。",
        ];
        for year in [Some(2025), None] {
            assert_eq!(
                roles(&lines, year),
                [
                    "preamble",
                    "achievement",
                    "achievement",
                    "shortcoming",
                    "next_steps",
                    "next_steps"
                ],
                "{year:?}"
            );
        }
    }

    #[test]
    fn mixed_heading_decides_each_paragraph_seed_003() {
        let r = roles(
            &[
                "2022年党组贯彻落实党风廉政建设责任制情况报告",
                "一、主要工作开展情况",
                "（一）强化政治担当，坚决扛起管党治党责任。年内，专题研究全面从严治党工作2次。",
                "二、存在的问题和下一步打算",
                "经过一年的努力，****党组较好地落实了全面从严治党责任，但以更高更严的标准看，具体工作中也还存在一定差距，需要在今后的工作中努力加以改进。",
                "2023年，**党组将继续以习近平新时代中国特色社会主义思想为指导，坚定不移推进全面从严治党。",
            ],
            Some(2022),
        );
        assert_eq!(
            r,
            [
                "preamble",
                "achievement",
                "achievement",
                "shortcoming",
                "shortcoming",
                "next_steps"
            ]
        );
    }

    #[test]
    fn government_review_is_achievement_until_it_sees_problems() {
        let r = roles(
            &[
                "一、2018年工作回顾",
                "过去的一年，在区委的坚强领导下，区政府团结带领全区各族人民，圆满完成全年目标任务。",
                "（一）三大攻坚战强力突破。扎实推进防范化解重大风险，全年累计化解政府债务12.43亿元。",
                "各位代表！这些成绩的取得，是区委科学决策的结果。",
                "同时，我们也清醒地看到我区经济社会发展中还存在一些困难和问题。",
            ],
            Some(2018),
        );
        // The first line is numbered, so it is a heading here, not a preamble.
        assert_eq!(
            r,
            [
                "preamble",
                "achievement",
                "achievement",
                "achievement",
                "shortcoming"
            ]
        );
        let d = report(
            &[
                "一、2018年工作回顾",
                "过去的一年，区政府圆满完成全年目标任务。",
                "在看到成绩的同时，我们也清醒地看到，发展中还存在一些问题。",
            ],
            Some(2018),
            false,
        );
        let r: Vec<_> = paragraph_roles(&d).into_iter().map(Role::as_str).collect();
        assert_eq!(r, ["achievement", "achievement", "shortcoming"]);
    }

    #[test]
    fn problems_put_right_are_work_done_not_a_shortcoming() {
        // From 海拉尔区's 2015 report (its review of 2014), not a labelled pair.
        let r = roles(
            &[
                "一、2014年工作回顾",
                "（五）政府自身建设进一步加强",
                "深入开展党的群众路线教育实践活动，扎实推进“大引领”行动，认真整改存在的问题，政风明显好转，政府会议和发文数量分别减少15.2%和20.3%。",
                "针对巡察反馈存在的问题，逐项整改到位。",
                "在看到成绩的同时，我们也清醒地认识到当前存在的诸多困难和问题：县域经济实力不强。",
            ],
            Some(2014),
        );
        assert_eq!(
            r,
            [
                "preamble",
                "achievement",
                "achievement",
                "achievement",
                "shortcoming"
            ]
        );
    }

    #[test]
    fn ideas_changed_are_work_done_and_ideas_ahead_are_plans() {
        // The heading line is from the State Council's 2014 report (its review of 2013), not a
        // labelled pair.
        let r = roles(
            &[
                "一、2013年工作回顾",
                "一是着力深化改革开放，激发市场活力和内生动力。",
                "二是创新宏观调控思路和方式，确保经济运行处于合理区间。面对跌宕起伏的经济形势，我们保持定力。",
                "去年财政赤字控制在预算范围内，广义货币M2增长13.6%，符合调控要求。",
                "二、下一步工作思路",
                "继续深化理论武装。",
            ],
            Some(2013),
        );
        assert_eq!(
            r,
            [
                "preamble",
                "achievement",
                "achievement",
                "achievement",
                "next_steps",
                "next_steps"
            ]
        );
    }

    #[test]
    fn headings_with_their_own_words() {
        let r = roles(
            &[
                "2023年工作总结",
                "一、主要工作",
                "坚持问题导向，整改问题多少项。",
                "二、存在的不足",
                "学习不够深入。",
                "三、2024年工作打算",
                "（一）加强学习",
                "继续深化理论武装。",
            ],
            Some(2023),
        );
        assert_eq!(
            r,
            [
                "preamble",
                "achievement",
                "achievement",
                "shortcoming",
                "shortcoming",
                "next_steps",
                "next_steps",
                "next_steps"
            ]
        );
    }

    #[test]
    fn a_five_year_review_is_achievement_then_shortcoming_then_next_steps() {
        // The shape of a term-end government work report (2018): five years reviewed, the
        // problems admitted, then the new year's plan — with or without the report's year known.
        let lines = [
            "政府工作报告",
            "一、过去五年工作回顾",
            "本届政府任期的五年，是我国发展进程中极不平凡的五年。我们全面完成“十二五”规划，“十三五”规划顺利实施。",
            "五年来，我们坚持稳中求进工作总基调，经济实力跃上新台阶。国内生产总值从54万亿元增加到82.7万亿元，年均增长7.1%。",
            "2013年以来，城镇新增就业6600万人以上，13亿多人口的大国实现了比较充分就业。",
            "（一）创新和完善宏观调控，经济保持中高速增长。我们不搞“大水漫灌”式强刺激，实施积极的财政政策和稳健的货币政策。",
            "（二）坚定推进改革开放，发展动力不断增强。五年来累计取消下放国务院部门行政审批事项618项。",
            "在肯定成绩的同时，我们清醒看到，我国发展不平衡不充分问题仍然突出，经济增长内生动力还不够强。",
            "二、2018年经济社会发展总体要求和政策取向",
            "今年发展的主要预期目标是：国内生产总值增长6.5%左右。",
            "三、对2018年政府工作的建议",
            "（一）坚决打好三大攻坚战。要推动重大风险防范化解取得明显进展。",
        ];
        let expected = [
            "preamble",
            "achievement",
            "achievement",
            "achievement",
            "achievement",
            "achievement",
            "achievement",
            "shortcoming",
            "next_steps",
            "next_steps",
            "next_steps",
            "next_steps",
        ];
        assert_eq!(roles(&lines, Some(2017)), expected);
        assert_eq!(roles(&lines, None), expected);
    }

    #[test]
    fn a_saying_before_the_admission_does_not_hide_it() {
        // The State Council's 2018 report (its five-year review), not a labelled pair.
        let r = roles(
            &[
                "一、过去五年工作回顾",
                "过去五年，中国特色大国外交全面推进。",
                "安不忘危，兴不忘忧。我们清醒认识到，我国仍处于并将长期处于社会主义初级阶段，发展不平衡不充分的一些突出问题尚未解决。",
            ],
            None,
        );
        assert_eq!(r, ["preamble", "achievement", "shortcoming"]);
    }

    #[test]
    fn a_review_paragraph_that_turns_to_its_problems_holds_them_from_the_turn() {
        // The State Council's 2014 report (checks/pairs/sc_2013), its closing paragraph: the
        // year's lessons first, then its problems, which are no evidence of any task.
        let lines = [
            "一、2013年工作回顾",
            "五是改进社会治理方式，保持社会和谐稳定。加强安全生产和市场监管。",
            "过去一年政府工作中行之有效的思路和做法，要在今后的实践中继续坚持、不断探索与完善。同时，我们清醒认识到，前进道路上还有不少困难和问题。主要是：经济稳中向好基础还不牢固。一些地区大气、水、土壤等污染严重，节能减排任务艰巨。",
            "腐败问题易发多发，公职人员中不廉不勤现象仍然存在。",
        ];
        assert_eq!(
            roles(&lines, Some(2013)),
            ["preamble", "achievement", "achievement", "shortcoming"]
        );
        let d = report(&lines, Some(2013), true);
        let of_paragraphs = paragraph_roles(&d);
        let at = |needle: &str| {
            let start = d.text.find(needle).unwrap_or_else(|| panic!("{needle}"));
            role_of_span(&d, &of_paragraphs, Span::new(start, start + needle.len()))
        };
        assert_eq!(at("行之有效的思路和做法"), Role::Achievement);
        assert_eq!(at("一些地区大气、水、土壤等污染严重"), Role::Shortcoming);
        // The State Council's 2015 report (checks/pairs/sc_2014) admits them in its first sentence.
        let r = roles(
            &[
                "一、2014年工作回顾",
                "过去一年，我国经济社会发展取得新成就。",
                "我们既要看到成绩，更要看到前进中的困难和挑战。投资增长乏力，新的消费热点不多。",
            ],
            Some(2014),
        );
        assert_eq!(r, ["preamble", "achievement", "shortcoming"]);
    }

    #[test]
    fn role_of_span_finds_the_paragraph() {
        let d = report(&["标题报告", "一、成绩", "做了工作。"], None, true);
        let roles = paragraph_roles(&d);
        let p = d.paragraphs[2].span;
        assert_eq!(
            role_of_span(&d, &roles, Span::new(p.start + 3, p.end)),
            Role::Achievement
        );
        assert_eq!(role_of_span(&d, &[], p), Role::Achievement);
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        let d = report(&[""], None, false);
        assert!(paragraph_roles(&d).is_empty());
        let d = report(&["（", "一、", "下一步"], Some(1), false);
        assert_eq!(paragraph_roles(&d).len(), d.paragraphs.len());
    }
}
