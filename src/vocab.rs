//! The words people read for statuses and flags, in one place: each has a machine spelling (JSON,
//! `--lang en` tables) and a Chinese one (what an office reads by default). Below both `batch`
//! (which decides a unit-year's status) and `report/` (which prints it), so neither reaches into
//! the other for its words. Also the one definition of 落实率.

use crate::align::{Flag, Status};

/// Which spelling people-facing tables use: Chinese by default, English with `--lang en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Parses `--lang` (`zh` or `en`).
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The Chinese or the English spelling, whichever this language reads.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Status of a unit-year whose plan and report were compared.
pub const CHECKED: &str = "checked";
/// Status of a unit-year with a plan but no report.
pub const NO_REPORT: &str = "report not submitted";
/// Status of a unit-year with a report but no plan.
pub const NO_PLAN: &str = "no plan on file";
/// Status of a unit-year whose plans hold no task luoshi could find: nothing was checked.
pub const NO_TASKS: &str = "no tasks found";

/// Every word pair (machine, Chinese): task statuses, unit-year statuses, flags, report roles and
/// document kinds.
const WORDS: [(&str, &str); 24] = [
    ("done", "已落实"),
    ("partial", "部分落实"),
    ("missing", "未见落实"),
    (CHECKED, "已比对"),
    (NO_REPORT, "未提交报告"),
    (NO_PLAN, "无计划"),
    (NO_TASKS, "未发现任务"),
    ("target_unmet", "目标未达成"),
    ("figure_unfilled", "数字未填写"),
    ("only_next_steps", "仅见于下一步打算"),
    ("admitted_shortfall", "报告自认不足"),
    ("plan_figure_unfilled", "计划数字未填写"),
    ("year_figure_not_given", "仅见多年合计"),
    ("milestone_not_reached", "未到承诺节点"),
    ("uncertain", "把握不大"),
    ("stale", "已过期"),
    ("achievement", "工作成效"),
    ("shortcoming", "存在问题"),
    ("next_steps", "下一步打算"),
    ("preamble", "前言"),
    ("plan", "工作计划"),
    ("tasklist", "任务清单"),
    ("responsibility", "责任清单"),
    ("report", "工作报告"),
];

/// A status or flag word in `lang`: the machine spelling in English, its Chinese otherwise; a
/// word this module does not know is returned as it is.
pub fn word(machine: &str, lang: Lang) -> &str {
    match lang {
        Lang::En => machine,
        Lang::Zh => WORDS
            .iter()
            .find(|(m, _)| *m == machine)
            .map_or(machine, |(_, zh)| zh),
    }
}

/// A task status in Chinese, for pages a non-technical reader opens.
pub fn status_label(s: Status) -> &'static str {
    word(s.as_str(), Lang::Zh)
}

/// A flag in Chinese, so a reviewer sees why a status needs a second look.
pub fn flag_label(f: Flag) -> &'static str {
    word(f.as_str(), Lang::Zh)
}

/// What a flag means, in a sentence a reader sees when pointing at it on a page.
pub fn flag_hint(f: Flag) -> &'static str {
    match f {
        Flag::TargetUnmet => "报告给出的数字未达到计划目标",
        Flag::FigureUnfilled => "报告中的数字留空（如“多少次”“*次”），不能据此认定已落实",
        Flag::OnlyNextSteps => "只在报告的下一步打算中提到，未见已做的工作",
        Flag::AdmittedShortfall => "报告在存在问题部分提到了这项工作",
        Flag::PlanFigureUnfilled => "计划本身的数字未填写（如“不少于X次”），无从核对",
        Flag::YearFigureNotGiven => "报告只给出多年合计，未给出本年度的数字",
        Flag::MilestoneNotReached => "报告所述进度早于计划承诺的节点（如主体完工，计划为投入运营）",
        Flag::Uncertain => {
            "模型对是否落实把握不大（判为未见落实的概率在30%–70%之间），请优先人工核对"
        }
    }
}

/// What a flag spelt as in JSON (`uncertain`) means, for pages that read flags back from JSON.
pub fn hint_of(machine: &str) -> Option<&'static str> {
    Flag::ALL
        .into_iter()
        .find(|f| f.as_str() == machine)
        .map(flag_hint)
}

/// Flags joined by `;` in their machine spelling, as the cache and `--lang en` tables keep them.
pub fn flags_joined(flags: &[Flag]) -> String {
    flags
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// Machine-spelt flags (`a;b`) in `lang`: Chinese ones joined by `、`, English left as they are.
pub fn flags_words(joined: &str, lang: Lang) -> String {
    match lang {
        Lang::En => joined.to_string(),
        Lang::Zh => joined
            .split(';')
            .filter(|f| !f.is_empty())
            .map(|f| word(f, Lang::Zh))
            .collect::<Vec<_>>()
            .join("、"),
    }
}

/// Whether a status string names a task without follow-through.
pub fn is_missing(status: &str) -> bool {
    status == Status::Missing.as_str()
}

/// Counts of a compared unit-year: the gap report's own summary, cached with the unit's outputs.
pub type Counts = crate::align::Summary;

/// 落实率: tasks done ÷ tasks, as a fraction 0..1 (0 when there are no tasks). Partial tasks are
/// not folded in; they have their own share.
pub fn done_rate(done: usize, tasks: usize) -> f64 {
    if tasks == 0 {
        0.0
    } else {
        done as f64 / tasks as f64
    }
}

/// 部分落实率: tasks partly done ÷ tasks, as a fraction 0..1, shown beside 落实率.
pub fn partial_share(partial: usize, tasks: usize) -> f64 {
    done_rate(partial, tasks)
}

/// A fraction as the percentage people read, one decimal: 0.553 → `55.3%`.
pub fn percent(fraction: f64) -> String {
    format!("{:.1}%", fraction * 100.0)
}

/// The one definition of 落实率 every page and the README show beside the figure.
pub const RATE_NOTE: &str =
    "落实率 = 已落实任务数 ÷ 计划任务数；部分落实单列为部分落实率，不计入落实率。";

/// What a Party-building comparison's reader needs beside the counts: the decision was learned on
/// government work reports, and on the Party-building check pair (checks/party_building) it called
/// two thirds of the followed-through tasks missing.
pub const PARTY_NOTE: &str = "党建类报告多用“压紧压实主体责任”一类通用说法、很少复述计划原话：“未见落实”多为报告中没有找到明显对应的文字（在一组党建样本上，实际已落实或部分落实的任务约三分之二被判为未见落实），请展开“最接近的原文”核对后再下结论。";

/// Whether a plan or report title names Party-building work (全面从严治党, 党风廉政, 党建, a 党组's
/// or 党委's 任务清单 or 责任清单), where [`PARTY_NOTE`] applies.
pub fn reads_as_party_building(title: &str) -> bool {
    const WORDS: [&str; 6] = ["从严治党", "党风廉政", "党建", "党组", "党委", "党支部"];
    WORDS.iter().any(|w| title.contains(w))
}

/// An outline path as a reader says it: `三、/¶2` reads `三、 › 第2段` (¶n is the n-th plain
/// paragraph under its heading).
pub fn place(path: &str) -> String {
    path.split('/')
        .map(|seg| match seg.strip_prefix('¶') {
            Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                format!("第{n}段")
            }
            _ => seg.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" › ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_flag_and_status_has_a_chinese_word() {
        for f in Flag::ALL {
            assert_eq!(word(f.as_str(), Lang::Zh), flag_label(f));
            assert_eq!(hint_of(f.as_str()), Some(flag_hint(f)));
        }
        for s in [Status::Done, Status::Partial, Status::Missing] {
            assert_eq!(word(s.as_str(), Lang::Zh), status_label(s));
            assert_eq!(word(s.as_str(), Lang::En), s.as_str());
        }
        assert_eq!(word(NO_REPORT, Lang::Zh), "未提交报告");
        assert_eq!(word(NO_PLAN, Lang::Zh), "无计划");
        assert_eq!(word(NO_TASKS, Lang::Zh), "未发现任务");
        assert_eq!(
            flags_words("target_unmet;only_next_steps", Lang::Zh),
            "目标未达成、仅见于下一步打算"
        );
        assert_eq!(flags_words("", Lang::Zh), "");
    }

    #[test]
    fn paragraph_marks_read_as_words() {
        assert_eq!(place("三、/¶2"), "三、 › 第2段");
        assert_eq!(place("¶14"), "第14段");
        assert_eq!(place("二、/（一）"), "二、 › （一）");
    }

    #[test]
    fn rate_counts_only_done_tasks() {
        // 市直机关党组: 0 done, 3 partial of 5 tasks reads 0 %, not 60 %.
        assert_eq!(done_rate(0, 5), 0.0);
        assert_eq!(percent(partial_share(3, 5)), "60.0%");
        assert_eq!(percent(done_rate(14, 294)), "4.8%");
        assert_eq!(done_rate(0, 0), 0.0);
    }
}
