//! Unit, year and kind of a document, and where each came from: a manifest row, the
//! `<unit>/<year>/` folders, the file name (`民政局2023年工作要点.docx`), the title line, the 落款
//! (signing unit and date at the end), in that order, and for kind last the body's wording; the
//! first that says wins.

use super::manifest::ManifestRow;
use super::walk::name_text;
use crate::doc::{Doc, Kind, Source, Sources};
use crate::error::Warning;
use regex::Regex;
use std::path::Path;
use std::sync::LazyLock;

/// The unit of a document nothing names.
pub const UNKNOWN_UNIT: &str = "未注明单位";

/// What inference found for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inferred {
    pub unit: String,
    pub year: Option<i32>,
    pub kind: Kind,
    pub sources: Sources,
}

/// Infers a document's metadata. `several`: the file holds more than one document, so kind
/// comes from each one's own title first; `title` is the document's title (or the file stem);
/// `body` its text after the title line; `tail` its last paragraphs, where the 落款 stands.
pub fn infer(
    path: &Path,
    row: Option<&ManifestRow>,
    several: bool,
    title: &str,
    body: &str,
    tail: &[&str],
) -> Inferred {
    let stem = file_stem(path);
    let mut name = NameMeta::of(&stem);
    name.year = name.year.or_else(|| year_in_name(&stem));
    let own = NameMeta::of(title);
    let sig = signature(tail);
    let folder_year = year_folder(path);
    let (year, year_src) = first([
        (row.and_then(|r| r.year), Source::Manifest),
        (folder_year, Source::Folder),
        (name.year, Source::FileName),
        (own.year, Source::Title),
        (sig.as_ref().and_then(|s| s.year), Source::Signature),
        (year_in_path(path), Source::Folder),
    ]);
    let unit_folder = folder_year.and_then(|_| unit_above_year(path));
    let (unit, unit_src) = first([
        (row.and_then(|r| r.unit.clone()), Source::Manifest),
        (unit_folder, Source::Folder),
        (name.unit, Source::FileName),
        (own.unit, Source::Title),
        (sig.and_then(|s| s.unit), Source::Signature),
        (nearest_folder(path), Source::Folder),
    ]);
    let manifest_kind = row.and_then(|r| if several { None } else { r.kind });
    let (mut kind, mut kind_src) = if several {
        first([
            (kind_from_title(title), Source::Title),
            (kind_from_file_name(path), Source::FileName),
        ])
    } else {
        first([
            (manifest_kind, Source::Manifest),
            (kind_from_file_name(path), Source::FileName),
            (kind_from_title(title), Source::Title),
        ])
    };
    // Read only when nothing named the kind: a pass over the whole body.
    if kind.is_none() {
        if let Some(k) = kind_from_wording(body) {
            (kind, kind_src) = (Some(k), Source::Wording);
        }
    }
    Inferred {
        unit: unit.unwrap_or_else(|| UNKNOWN_UNIT.to_string()),
        year,
        kind: kind.unwrap_or(Kind::Plan),
        sources: Sources {
            unit: unit_src,
            year: year_src,
            kind: kind_src,
        },
    }
}

/// What was guessed about a document's metadata: a unit or year nothing named, or one read
/// from the file name, title or 落款 rather than a manifest or the folders.
pub fn doc_warnings(d: &Doc) -> Vec<Warning> {
    let (m, s) = (&d.meta, d.meta.sources);
    let mut said = Vec::new();
    let mut missing = Vec::new();
    match s.unit {
        Source::Default => missing.push(format!("unit (filed under {UNKNOWN_UNIT})")),
        Source::FileName | Source::Title | Source::Signature => said.push(format!(
            "unit '{}' taken from the {}",
            m.unit,
            words(s.unit)
        )),
        Source::Manifest | Source::Folder | Source::Wording => {}
    }
    match (s.year, m.year) {
        (Source::Default, _) | (_, None) => missing.push("year (filed under no year)".to_string()),
        (Source::FileName | Source::Title | Source::Signature, Some(y)) => {
            said.push(format!("year {y} taken from the {}", words(s.year)))
        }
        _ => {}
    }
    let mut out = Vec::new();
    let warn = |message: String| Warning {
        path: d.path.clone(),
        unit: m.unit.clone(),
        year: m.year,
        message,
    };
    if !missing.is_empty() {
        out.push(warn(format!(
            "{} could not be determined: no manifest row, <unit>/<year>/ folder, file name, title or 落款 states it",
            missing.join(" and ")
        )));
    }
    if !said.is_empty() {
        out.push(warn(said.join("; ")));
    }
    // Kind decides which side of a comparison a document stands on: a silent default could
    // compare a report as if it were a second plan.
    if s.kind == Source::Wording {
        out.push(warn(format!(
            "kind guessed as {} from its wording (review phrases such as 一年来, 同比, 开展了 against plan phrases such as 力争, 确保, 要加强): no manifest row, file name or title says plan or report",
            m.kind.as_str()
        )));
    }
    if s.kind == Source::Default {
        out.push(warn(format!(
            "kind could not be determined: no manifest row, file name or title says plan or report (…工作计划, …工作总结); treated as a {}",
            m.kind.as_str()
        )));
    }
    out
}

fn words(s: Source) -> &'static str {
    match s {
        Source::FileName => "file name",
        Source::Title => "title line",
        Source::Signature => "落款 (signature and date)",
        _ => s.as_str(),
    }
}

/// The first candidate that holds a value, with its source; `Source::Default` when none does.
fn first<T, const N: usize>(candidates: [(Option<T>, Source); N]) -> (Option<T>, Source) {
    for (v, s) in candidates {
        if v.is_some() {
            return (v, s);
        }
    }
    (None, Source::Default)
}

pub(super) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| name_text(s).0.into_owned())
        .unwrap_or_default()
}

/// Unit and year a name or title states.
#[derive(Debug, Default, PartialEq, Eq)]
struct NameMeta {
    unit: Option<String>,
    year: Option<i32>,
}

/// A unit named before the year: `民政局2023年工作要点`, `中共XX区委办公室关于2023年…`.
static UNIT_BEFORE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:中共)?(\p{Han}[\p{Han}\p{Latin}\d（）()]{1,29}?)(?:关于)?(?:19|20)\d\d\s*年")
        .expect("unit-before-year regex")
});

/// A unit named after the year: `2023年度XX党组落实全面从严治党主体责任情况报告`.
static UNIT_AFTER_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:19|20)\d\d\s*年度?(?:中共)?([\p{Han}\p{Latin}]{2,30}?(?:党组|党委|党工委|党总支|党支部))",
    )
    .expect("unit-after-year regex")
});

/// Words that show a prefix or suffix is a document's subject, not a unit's name.
const NOT_A_UNIT: [&str; 12] = [
    "落实", "贯彻", "全面", "工作", "关于", "情况", "报告", "计划", "要点", "年度", "开展", "推进",
];

/// Endings of unit names (局, 委员会, 党组, 人民政府 …), for the prefix and the 落款.
const UNIT_ENDINGS: [&str; 20] = [
    "局", "委", "办", "厅", "部", "院", "会", "中心", "处", "室", "所", "站", "党组", "党委",
    "支部", "政府", "机关", "公司", "街道", "镇",
];

fn plausible_unit(s: &str) -> bool {
    !NOT_A_UNIT.iter().any(|w| s.contains(w)) && s.chars().count() >= 2
}

impl NameMeta {
    fn of(text: &str) -> NameMeta {
        let text = text.trim();
        // 2018抓基层党建工作述职报告: a title may open on the year without 年.
        let year =
            year_in(text).or_else(|| LEADING_YEAR.captures(text).and_then(|c| c[1].parse().ok()));
        let before = UNIT_BEFORE_YEAR
            .captures(text)
            .map(|c| c[1].to_string())
            .filter(|u| plausible_unit(u) && UNIT_ENDINGS.iter().any(|e| u.ends_with(e)));
        let after = || {
            UNIT_AFTER_YEAR
                .captures(text)
                .map(|c| c[1].to_string())
                .filter(|u| plausible_unit(u.trim_end_matches(['党', '组', '委'])))
        };
        NameMeta {
            unit: before.or_else(after),
            year,
        }
    }
}

/// The 落款 of a document: a line naming the signing unit and a date line below it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Signature {
    unit: Option<String>,
    year: Option<i32>,
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?$").expect("date regex")
});

/// The 落款 in the last paragraphs: a date line (`2024年1月15日`), the line above it if it is a
/// unit's name. A date early in the next year (January–March) signs the year before: that is when
/// year-end reports are written. None without a date line.
fn signature(tail: &[&str]) -> Option<Signature> {
    let at = tail
        .iter()
        .rposition(|l| DATE_LINE.is_match(l.trim()))
        .filter(|&i| i + 3 >= tail.len())?;
    let c = DATE_LINE.captures(tail[at].trim())?;
    let (y, m): (i32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
    let unit = at
        .checked_sub(1)
        .map(|i| tail[i].trim().to_string())
        .filter(|u| {
            u.chars().count() <= 30
                && !u.contains(['。', '，', '；', '：'])
                && plausible_unit(u)
                && UNIT_ENDINGS.iter().any(|e| u.ends_with(e))
        });
    Some(Signature {
        unit,
        year: Some(if m <= 3 { y - 1 } else { y }),
    })
}

/// Kind from the words of a title (清单 → task list or responsibility list; 报告/汇报/总结 → report; 计划/要点/方案 → plan).
pub fn kind_from_title(title: &str) -> Option<Kind> {
    if title.contains("清单") {
        return Some(
            if title.contains("责任清单") || title.ends_with("责任清单") {
                Kind::Responsibility
            } else {
                Kind::Tasklist
            },
        );
    }
    if ["汇报", "总结", "回顾", "情况报告", "述职"]
        .iter()
        .any(|w| title.contains(w))
    {
        return Some(Kind::Report);
    }
    if [
        "计划",
        "要点",
        "方案",
        "安排",
        "部署",
        "重点工作",
        "主要任务",
        "台账",
    ]
    .iter()
    .any(|w| title.contains(w))
    {
        return Some(Kind::Plan);
    }
    if title.contains("报告") {
        return Some(Kind::Report);
    }
    None
}

/// Phrases of a review: what was done (开展了, 共召开, 同比, 一年来) or a template's unfilled count.
static REVIEW_WORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"一年来|今年以来|年以来|过去一年|全年共|共(?:计)?(?:召开|开展|组织|举办|完成|发放|慰问|培训|查处|处理|约谈|谈话|检查|发展|走访|收到|受理)|累计|同比|比上年|已(?:经)?(?:完成|建成|开展|召开|制定|出台|落实|实现)|取得了|(?:开展|召开|组织|举办|完成|制定|出台|印发|落实|建立|修订|举行|参加|深化|推进|加强|实现|达到|建成|提高)了|[XxＸｘ*＊]+(?:次|名|人|个|篇|期)|多少",
    )
    .expect("review wording regex")
});

/// Phrases of a plan: what is to be done (力争, 确保, 今年要, 要加强, 将继续, 到2025年).
static PLAN_WORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"力争|确保|务必|年内|今年(?:要|将|计划)|要(?:认真|切实|进一步|继续|全面|深入|加强|坚持|推进|抓好|做好|着力|加快|强化|严格)|将(?:继续|进一步|全面|深入|加强|推进)|到20\d\d年",
    )
    .expect("plan wording regex")
});

/// Kind from the body's wording, when no manifest, file name or title says it: a review when
/// review phrases (一年来, 同比, 开展了) outnumber plan phrases (力争, 确保, 要加强) and there are
/// at least three, a plan the other way round, otherwise none. On 63 plans and reviews (the nine
/// pairs, ten more of the same bodies, four provincial ones, the seeds, Party-building excerpts;
/// the words were chosen on them) it names 52, all rightly, and leaves 11 short excerpts open.
pub fn kind_from_wording(body: &str) -> Option<Kind> {
    let review = REVIEW_WORDING.find_iter(body).count();
    let plan = PLAN_WORDING.find_iter(body).count();
    if review >= 3 && review > plan {
        Some(Kind::Report)
    } else if plan >= 3 && plan > review {
        Some(Kind::Plan)
    } else {
        None
    }
}

/// Kind from a file name such as plan.txt, report.docx or 工作总结.txt.
pub fn kind_from_file_name(path: &Path) -> Option<Kind> {
    let stem = file_stem(path).to_lowercase();
    if stem.contains("report") || stem.contains("review") {
        return Some(Kind::Report);
    }
    if stem.contains("tasklist") || stem.contains("tasks") {
        return Some(Kind::Tasklist);
    }
    if stem.contains("responsib") {
        return Some(Kind::Responsibility);
    }
    if stem.contains("plan") {
        return Some(Kind::Plan);
    }
    kind_from_title(&stem)
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)\s*年").expect("year regex"));
static LEADING_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)\p{Han}").expect("leading year regex"));
static YEAR_DIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)(?:年)?$").expect("year dir regex"));

/// The first year named in a text (2023年).
pub fn year_in(text: &str) -> Option<i32> {
    YEAR.captures(text)?.get(1)?.as_str().parse().ok()
}

/// A year standing alone between separators in a file name (`民政局_2023_工作计划`,
/// `2023-工作总结`, `总结（2023）`), when it is the only one: two (`2021-2025规划`) name a span,
/// digits or Latin letters beside it make it part of something else (`20231215`, `V2023`), and a
/// date (`2024-01-15`) is when the file was written.
fn year_in_name(name: &str) -> Option<i32> {
    let joined = |c: Option<char>| {
        c.is_some_and(|c| c.is_ascii_alphanumeric() || ('０'..='９').contains(&c))
    };
    let mut years = FOUR_DIGITS.find_iter(name).filter_map(|y| {
        let before = name[..y.start()].chars().next_back();
        let mut after = name[y.end()..].chars();
        let next = after.next();
        // A date (2023.12.30, 2024-01-15) says when a file was written, not the year it is about.
        let date = matches!(next, Some('.' | '-' | '/' | '．' | '－' | '／'))
            && after.next().is_some_and(|c| c.is_ascii_digit());
        if joined(before) || joined(next) || date {
            None
        } else {
            y.as_str().parse::<i32>().ok()
        }
    });
    let first = years.next()?;
    (years.all(|y| y == first) && !YEAR_SPAN.is_match(name)).then_some(first)
}

static YEAR_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:19|20)\d\d\s*[-—–~～至到－]\s*(?:19|20)\d\d").expect("year span regex")
});

static FOUR_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19|20)\d\d").expect("four digits regex"));

/// The year of the folder a file sits in, when that folder is a year (`…/2023/plan.txt`).
fn year_folder(path: &Path) -> Option<i32> {
    let parent = path.parent()?.file_name()?;
    YEAR_DIR.captures(&name_text(parent).0)?[1].parse().ok()
}

/// A year anywhere in the path's folders (`2023年材料/…`), the last resort.
pub(super) fn year_in_path(path: &Path) -> Option<i32> {
    path.parent()?.components().rev().find_map(|c| {
        let s = name_text(c.as_os_str()).0;
        YEAR_DIR
            .captures(&s)
            .and_then(|c| c[1].parse().ok())
            .or_else(|| year_in(&s))
    })
}

/// The folder above a year folder: the unit of `<unit>/<year>/file`.
fn unit_above_year(path: &Path) -> Option<String> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let name = abs.parent()?.parent()?.file_name()?;
    let n = name_text(name).0.into_owned();
    (!YEAR_DIR.is_match(&n) && !n.is_empty()).then_some(n)
}

/// The nearest folder that is not a year folder: the unit when nothing else names one.
fn nearest_folder(path: &Path) -> Option<String> {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // A name that is not UTF-8 is read as GB18030 (the walk warns), never skipped for the
    // parent folder: that would merge two units.
    abs.parent()
        .into_iter()
        .flat_map(|p| p.ancestors())
        .filter_map(|a| a.file_name().map(|n| name_text(n).0.into_owned()))
        .find(|n| !YEAR_DIR.is_match(n) && !n.is_empty() && n != ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_titles() {
        assert_eq!(
            kind_from_title("2023年全面从严治党和党风廉政建设工作计划"),
            Some(Kind::Plan)
        );
        assert_eq!(
            kind_from_title("2023年度落实全面从严治党重点任务清单"),
            Some(Kind::Tasklist)
        );
        assert_eq!(
            kind_from_title("2023年履行全面从严治党重要领导责任清单"),
            Some(Kind::Responsibility)
        );
        assert_eq!(
            kind_from_title("2023年全面从严治党工作情况汇报"),
            Some(Kind::Report)
        );
        assert_eq!(
            kind_from_title("2022年党组贯彻落实党风廉政建设责任制情况报告"),
            Some(Kind::Report)
        );
        assert_eq!(kind_from_title("2013年工作安排"), Some(Kind::Plan));
        assert_eq!(kind_from_title("2013年工作回顾"), Some(Kind::Report));
    }

    #[test]
    fn metadata_from_paths() {
        let p = Path::new("corpus/民政局/2023/plan.txt");
        assert_eq!(unit_above_year(p).as_deref(), Some("民政局"));
        assert_eq!(year_folder(p), Some(2023));
        assert_eq!(kind_from_file_name(p), Some(Kind::Plan));
        assert_eq!(year_in("２０２３年"), None);
        assert_eq!(year_in("2009年工作回顾"), Some(2009));
        let i = infer(p, None, false, "2022年工作计划", "", &[]);
        assert_eq!((i.unit.as_str(), i.year), ("民政局", Some(2023)));
        assert_eq!(i.sources.unit, Source::Folder);
    }

    #[test]
    fn units_and_years_from_file_names() {
        // Titles that open on the year without 年 (a 述职报告 and a 政协 report found online).
        assert_eq!(NameMeta::of("2018抓基层党建工作述职报告").year, Some(2018));
        assert_eq!(
            NameMeta::of("2023政协机关党组理论学习中心组年度工作报告").year,
            Some(2023)
        );
        assert_eq!(NameMeta::of("20231215会议纪要").year, None);
        // A year between separators in a file name; not a date, a version or a span.
        assert_eq!(year_in_name("民政局_2023_工作计划"), Some(2023));
        assert_eq!(year_in_name("sc_2011"), Some(2011));
        assert_eq!(year_in_name("工作总结（2023）"), Some(2023));
        assert_eq!(year_in_name("2023.12.30 总结"), None);
        assert_eq!(year_in_name("2024-01-15_总结_2023"), Some(2023));
        assert_eq!(year_in_name("20231215会议纪要"), None);
        assert_eq!(year_in_name("V2023版"), None);
        assert_eq!(year_in_name("2021-2025规划"), None);
        assert_eq!(year_in_name("2021—2025 规划"), None);
        assert_eq!(year_in_name("2021 - 2025"), None);
        let i = infer(
            Path::new("dept/sc_2011/sc_2011_计划.txt"),
            None,
            false,
            "三、今年的工作",
            "",
            &[],
        );
        assert_eq!((i.year, i.sources.year), (Some(2011), Source::FileName));
        let m = NameMeta::of("民政局2023年工作要点");
        assert_eq!((m.unit.as_deref(), m.year), (Some("民政局"), Some(2023)));
        let m = NameMeta::of("2023年度XX党组落实全面从严治党主体责任情况报告");
        assert_eq!((m.unit.as_deref(), m.year), (Some("XX党组"), Some(2023)));
        let m = NameMeta::of("中共海拉尔区委办公室关于2022年工作的总结");
        assert_eq!(m.unit.as_deref(), Some("海拉尔区委办公室"));
        // A subject before the year is not a unit, nor a verb phrase after it.
        assert_eq!(NameMeta::of("关于2023年工作要点").unit, None);
        assert_eq!(
            NameMeta::of("2022年党组贯彻落实党风廉政建设责任制情况报告").unit,
            None
        );
        assert_eq!(
            NameMeta::of("2023年度落实全面从严治党重点任务清单").unit,
            None
        );
        let i = infer(
            Path::new("收文/民政局2023年全面从严治党工作计划.docx"),
            None,
            false,
            "全面从严治党工作计划",
            "",
            &[],
        );
        assert_eq!(
            (i.unit.as_str(), i.year, i.kind),
            ("民政局", Some(2023), Kind::Plan)
        );
        assert_eq!(i.sources.unit, Source::FileName);
    }

    #[test]
    fn the_wording_tells_a_review_from_a_plan() {
        let read = |rel: &str| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared")
                .join(rel);
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        };
        // The nine pairs without their heading lines: each plan reads as a plan, each review as
        // a review.
        for pair in [
            "hailar_2013",
            "hailar_2016",
            "hailar_2017",
            "hailar_2018",
            "sc_2006",
            "sc_2008",
            "sc_2009",
            "sc_2015",
            "sc_2016",
        ] {
            for (file, kind) in [("plan.txt", Kind::Plan), ("report.txt", Kind::Report)] {
                let text = read(&format!("pairs/{pair}/{file}"));
                let body: Vec<&str> = text.lines().skip(1).collect();
                assert_eq!(
                    kind_from_wording(&body.join("\n")),
                    Some(kind),
                    "{pair}/{file}"
                );
            }
        }
        // One paragraph of facts without a phrase either way stays open.
        let review = read("pairs/hailar_2018/report.txt");
        let facts = review
            .lines()
            .find(|l| l.contains("城市建管水平有效提升"))
            .unwrap();
        assert_eq!(kind_from_wording(facts), None);
    }

    #[test]
    fn the_signature_names_unit_and_year() {
        let s = signature(&["……特此报告。", "市民政局党组", "2024年1月15日"]).unwrap();
        assert_eq!(
            (s.unit.as_deref(), s.year),
            (Some("市民政局党组"), Some(2023))
        );
        let s = signature(&["市民政局", "2023年6月30日"]).unwrap();
        assert_eq!(s.year, Some(2023));
        // A date in the body is no signature.
        assert_eq!(
            signature(&["2023年6月30日", "正文", "正文", "正文", "正文"]),
            None
        );
        let i = infer(
            Path::new("收文/工作总结.txt"),
            None,
            false,
            "工作总结",
            "",
            &["特此报告。", "市民政局党组", "2024年1月15日"],
        );
        assert_eq!((i.unit.as_str(), i.year), ("市民政局党组", Some(2023)));
        assert_eq!(
            (i.sources.unit, i.sources.year),
            (Source::Signature, Source::Signature)
        );
    }
}
