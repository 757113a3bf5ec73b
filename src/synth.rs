//! Synthetic departments for scale and robustness tests: plans built from the seed plans' tasks and
//! vocabulary, reports restating a known subset of them, ground truth in one dotfile.
//!
//! Quality is measured on real pairs (`luoshi eval`); synthetic data only exercises volume, layout
//! variety (numbering styles, GB18030 files, unfilled figures) and pairing. Deterministic per seed.

use crate::error::{Error, Result};
use crate::load::{self, manifest::ManifestCache};
use crate::report::{csv_file_bytes, write_atomic, Rows};
use crate::segment::Segmenter;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

/// The seed plans whose tasks fill synthetic plans, embedded so the binary needs no corpus.
const SEEDS: [(&str, &str); 3] = [
    (
        "民政局/000.txt",
        include_str!("../corpus/民政局/2023/000_694202b0fff9a47c.txt"),
    ),
    (
        "市直机关党组/004.txt",
        include_str!("../corpus/市直机关党组/2023/004_6191e73f1c3e00fc.txt"),
    ),
    (
        "团市委机关/001.txt",
        include_str!("../corpus/团市委机关/2023/001_55235fddb402de6a.txt"),
    ),
];

/// Hand-written tasks with quantitative targets, so targets and figures are exercised too.
const TARGET_TASKS: [(&str, &str); 4] = [
    (
        "落实“三会一课”制度",
        "每月召开支部委员会1次，每季度讲党课1次，确保党内政治生活规范开展。",
    ),
    (
        "开展谈心谈话",
        "班子成员每半年与分管部门负责人开展谈心谈话不少于1次，及时掌握思想动态。",
    ),
    (
        "加强警示教育",
        "全年开展警示教育不少于2次，组织观看警示教育片，以案促改、以案促治。",
    ),
    (
        "组织理论学习",
        "党组理论学习中心组全年集中学习不少于12次，每次确定一个专题开展研讨。",
    ),
];

const BUREAUS: [&str; 24] = [
    "民政局",
    "财政局",
    "教育局",
    "司法局",
    "审计局",
    "统计局",
    "水利局",
    "商务局",
    "文旅局",
    "卫健委",
    "人社局",
    "住建局",
    "交通局",
    "农业农村局",
    "自然资源局",
    "生态环境局",
    "应急管理局",
    "市场监管局",
    "医保局",
    "信访局",
    "档案馆",
    "机关事务局",
    "退役军人事务局",
    "林业局",
];

const SECTIONS: [&str; 8] = [
    "加强政治建设，筑牢思想根基",
    "强化理论武装，坚定理想信念",
    "夯实基层基础，提升组织力",
    "深化作风建设，持续纠治“四风”",
    "严明纪律规矩，强化监督执纪",
    "压实主体责任，推动责任落实",
    "加强廉政教育，筑牢拒腐防线",
    "完善制度机制，提升治理效能",
];

const PROBLEMS: [&str; 6] = [
    "理论学习的系统性和深入性还不够，学用结合不够紧密",
    "党风廉政建设压力传导还存在层层递减的现象",
    "个别党员干部纪律意识不强，落实制度不够严格",
    "基层党支部建设还有薄弱环节，组织生活质量有待提升",
    "监督检查的精准性不够，发现问题的能力有待加强",
    "作风建设常态长效机制还不够健全",
];

const FIGURES: [&str; 6] = [
    "全年组织集中学习{}次",
    "开展专题研讨{}次",
    "开展谈心谈话{}人次",
    "召开专题会议{}次",
    "组织警示教育{}次",
    "开展监督检查{}次",
];

const REWORD: [(&str, &str); 8] = [
    ("开展", "举办"),
    ("加强", "强化"),
    ("推进", "推动"),
    ("认真", "扎实"),
    ("严格", "从严"),
    ("不断", "持续"),
    ("要", ""),
    ("坚持", "始终坚持"),
];

const CN: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// What to synthesise: how many units, which years, which seed, where.
#[derive(Debug, Clone)]
pub struct Config {
    pub units: usize,
    pub years: RangeInclusive<i32>,
    pub seed: u64,
    pub out: PathBuf,
}

/// What was written, so callers can report volume.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub documents: usize,
    pub bytes: u64,
    pub truth_rows: usize,
}

/// splitmix64: a tiny, well-mixed PRNG so output depends on the seed alone.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// One task the generator can place in a plan: a short title and its body sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolTask {
    pub title: String,
    pub body: String,
}

/// Extracts the seed plans' tasks with luoshi's own extraction, plus the hand-written target tasks.
pub fn task_pool(seg: &Segmenter) -> Vec<PoolTask> {
    let manifests = ManifestCache::default();
    let mut pool = Vec::new();
    for (name, text) in SEEDS {
        let docs =
            load::load_bytes(Path::new(name), text.as_bytes(), &manifests).unwrap_or_default();
        for d in docs {
            let mut d = d;
            if d.meta.kind == crate::Kind::Report {
                d.meta.kind = crate::Kind::Plan;
            }
            for t in crate::analyze(d, seg).tasks {
                if let Some(p) = pool_task(&t.title, &t.text) {
                    pool.push(p);
                }
            }
        }
    }
    for (title, body) in TARGET_TASKS {
        pool.push(PoolTask {
            title: title.into(),
            body: body.into(),
        });
    }
    pool.sort_by(|a, b| a.title.cmp(&b.title));
    pool.dedup_by(|a, b| a.title == b.title);
    pool
}

/// A usable task: a title of 4–30 characters and a body after it ending in a full stop.
fn pool_task(title: &str, text: &str) -> Option<PoolTask> {
    let title = title.trim().trim_end_matches(['。', '：', ':', '；']);
    let n = title.chars().count();
    if !(4..=30).contains(&n) || title.contains(['*', '…', 'X', 'x']) {
        return None;
    }
    let at = text.find(title)? + title.len();
    let body: String = text[at..]
        .trim_start_matches(['。', '：', ':', '；', '，', ' '])
        .replace('\n', "");
    let body: String = body.chars().take(220).collect();
    let cut = body.rfind('。').map(|i| i + '。'.len_utf8())?;
    let body = body[..cut].to_string();
    (body.chars().count() >= 20).then_some(PoolTask {
        title: title.to_string(),
        body,
    })
}

fn unit_name(i: usize) -> String {
    match BUREAUS.get(i) {
        Some(b) => (*b).to_string(),
        None => format!("第{}党支部", i + 1 - BUREAUS.len()),
    }
}

fn cn(n: usize) -> &'static str {
    CN.get(n).copied().unwrap_or("十")
}

/// The marker of the n-th (0-based) task in a numbering style.
fn task_marker(style: usize, n: usize) -> String {
    match style {
        0 => format!("（{}）", cn(n)),
        1 => format!("{}.", n + 1),
        2 => format!("（{}）", n + 1),
        3 => format!("{}是", cn(n)),
        _ => format!("第{}，", cn(n)),
    }
}

fn reword(rng: &mut Rng, s: &str) -> String {
    let mut out = s.to_string();
    for (from, to) in REWORD {
        if rng.chance(0.5) {
            out = out.replacen(from, to, 1);
        }
    }
    out
}

/// The first sentence of a body, reworded, as a report would restate it.
fn restate(rng: &mut Rng, body: &str) -> String {
    let first = body.split_inclusive('。').next().unwrap_or(body);
    let first = first.trim_end_matches('。');
    reword(rng, first)
}

fn figure(rng: &mut Rng, unfilled: bool) -> String {
    let t = FIGURES[rng.below(FIGURES.len())];
    let n = if unfilled {
        if rng.chance(0.5) {
            "*".to_string()
        } else {
            "多少".to_string()
        }
    } else {
        (2 + rng.below(23)).to_string()
    };
    t.replacen("{}", &n, 1)
}

/// One unit-year: the plan text, the report text (None: not submitted) and the truth per task.
struct UnitYear {
    plan: String,
    report: Option<String>,
    truth: Vec<(String, bool)>,
}

fn unit_year(rng: &mut Rng, pool: &[PoolTask], unit: &str, year: i32) -> UnitYear {
    let ntasks = (8 + rng.below(7)).min(pool.len());
    let mut picks: Vec<usize> = (0..pool.len()).collect();
    for i in 0..ntasks {
        let j = i + rng.below(picks.len() - i);
        picks.swap(i, j);
    }
    let tasks: Vec<&PoolTask> = picks[..ntasks].iter().map(|&i| &pool[i]).collect();
    let style = rng.below(5);
    let nsections = 2 + rng.below(3);
    let mut plan = format!(
        "{year}年{unit}全面从严治党和党风廉政建设工作计划\n\n为深入贯彻落实全面从严治党要求，压实管党治党政治责任，结合{unit}工作实际，制定本计划。\n一、总体要求\n以习近平新时代中国特色社会主义思想为指导，坚持以党的政治建设为统领，一体推进不敢腐、不能腐、不想腐，为各项工作提供坚强保障。\n"
    );
    let per = ntasks.div_ceil(nsections);
    let offset = rng.below(SECTIONS.len());
    for (k, chunk) in tasks.chunks(per.max(1)).enumerate() {
        // A step coprime with the list length keeps the sections of one plan distinct.
        let section = SECTIONS[(offset + 3 * k) % SECTIONS.len()];
        plan.push_str(&format!("{}、{section}\n", cn(k + 1)));
        for (n, t) in chunk.iter().enumerate() {
            plan.push_str(&format!(
                "{}{}。{}\n",
                task_marker(style, n),
                t.title,
                t.body
            ));
        }
    }
    let follow_rate = 0.5 + rng.below(46) as f64 / 100.0;
    let followed: Vec<bool> = tasks.iter().map(|_| rng.chance(follow_rate)).collect();
    let truth = tasks
        .iter()
        .zip(&followed)
        .map(|(t, f)| (t.title.clone(), *f))
        .collect();
    if rng.chance(0.03) {
        return UnitYear {
            plan,
            report: None,
            truth,
        };
    }
    let mut report = format!(
        "{year}年{unit}全面从严治党工作情况报告\n\n{year}年，在上级党组织的坚强领导下，{unit}坚持以习近平新时代中国特色社会主义思想为指导，认真履行全面从严治党主体责任，各项工作取得新成效。现将有关情况报告如下：\n一、主要工作开展情况\n"
    );
    let rstyle = rng.below(3);
    let mut n = 0;
    for (t, f) in tasks.iter().zip(&followed) {
        if !f {
            continue;
        }
        let title = reword(rng, &t.title);
        let mut line = format!(
            "{}{}。{}",
            task_marker(rstyle, n),
            title,
            restate(rng, &t.body)
        );
        if rng.chance(0.5) {
            let unfilled = rng.chance(0.15);
            line.push('，');
            line.push_str(&figure(rng, unfilled));
        }
        line.push_str("。\n");
        report.push_str(&line);
        n += 1;
    }
    let missing: Vec<&&PoolTask> = tasks
        .iter()
        .zip(&followed)
        .filter(|(_, f)| !**f)
        .map(|(t, _)| t)
        .collect();
    report.push_str("二、存在的问题\n");
    let mut problems: Vec<String> = (0..2 + rng.below(2))
        .map(|_| PROBLEMS[rng.below(PROBLEMS.len())].to_string())
        .collect();
    if let Some(t) = missing.first() {
        if rng.chance(0.3) {
            problems.push(format!("{}工作推进不够到位", t.title));
        }
    }
    problems.dedup();
    report.push_str(&enumerate_inline(&problems));
    report.push_str("\n三、下一步打算\n");
    let mut next: Vec<String> = missing
        .iter()
        .filter(|_| rng.chance(0.5))
        .map(|t| format!("{}，确保各项要求落到实处", t.title))
        .collect();
    next.push("持续压实全面从严治党主体责任，推动党风廉政建设向纵深发展".into());
    report.push_str(&enumerate_inline(&next));
    report.push('\n');
    UnitYear {
        plan,
        report: Some(report),
        truth,
    }
}

/// 一是…；二是…。 as reports write lists inside one paragraph.
fn enumerate_inline(items: &[String]) -> String {
    let parts: Vec<String> = items
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}是{s}", cn(i)))
        .collect();
    format!("{}。", parts.join("；"))
}

/// UTF-8 for most files, GB18030 for about one in ten, as real departments deliver them.
fn encode(rng: &mut Rng, text: &str) -> Vec<u8> {
    if rng.chance(0.1) {
        encoding_rs::GB18030.encode(text).0.into_owned()
    } else {
        text.as_bytes().to_vec()
    }
}

/// Writes `DIR/<unit>/<year>/plan.txt, report.txt` and `DIR/.synth-truth.csv`.
pub fn synth(cfg: &Config, seg: &Segmenter) -> Result<Written> {
    let pool = task_pool(seg);
    if pool.len() < 8 {
        return Err(Error::Usage("too few seed tasks to synthesise from".into()));
    }
    let mut truth = Rows::new(&["unit", "year", "task_title", "followed_through"]);
    let mut written = Written::default();
    for u in 0..cfg.units {
        let unit = unit_name(u);
        for year in cfg.years.clone() {
            let mut rng =
                Rng::new(cfg.seed ^ ((u as u64) << 20) ^ (year as u64).wrapping_mul(0x9E37));
            rng.next_u64();
            let uy = unit_year(&mut rng, &pool, &unit, year);
            let dir = cfg.out.join(&unit).join(year.to_string());
            let mut files = vec![("plan.txt", uy.plan)];
            if let Some(r) = uy.report {
                files.push(("report.txt", r));
                for (title, f) in &uy.truth {
                    truth.rows.push(vec![
                        unit.clone(),
                        year.to_string(),
                        title.clone(),
                        if *f { "yes" } else { "no" }.to_string(),
                    ]);
                }
            }
            for (name, text) in files {
                let bytes = encode(&mut rng, &text);
                let path = dir.join(name);
                write_atomic(&path, &bytes).map_err(|source| Error::Output { path, source })?;
                written.documents += 1;
                written.bytes += bytes.len() as u64;
            }
        }
    }
    written.truth_rows = truth.rows.len();
    let path = cfg.out.join(".synth-truth.csv");
    write_atomic(&path, &csv_file_bytes(&truth))
        .map_err(|source| Error::Output { path, source })?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_deterministic_and_spread() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let xs: Vec<usize> = (0..100).map(|_| a.below(10)).collect();
        let ys: Vec<usize> = (0..100).map(|_| b.below(10)).collect();
        assert_eq!(xs, ys);
        assert!((0..10).all(|k| xs.contains(&k)));
    }

    #[test]
    fn markers_cover_the_styles() {
        let m: Vec<String> = (0..5).map(|s| task_marker(s, 1)).collect();
        assert_eq!(m, ["（二）", "2.", "（2）", "二是", "第二，"]);
        assert_eq!(unit_name(0), "民政局");
        assert_eq!(unit_name(BUREAUS.len()), "第1党支部");
    }

    #[test]
    fn pool_tasks_need_a_body() {
        assert!(pool_task("旗帜鲜明讲政治", "（1）旗帜鲜明讲政治。要坚持把政治建设摆在首位，教育引导广大党员干部始终树牢“四个意识”。").is_some());
        assert!(pool_task("短", "短。").is_none());
    }
}
