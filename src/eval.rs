//! `luoshi eval`: the gap analysis measured against gold labels, exactly as CONVENTIONS.md fixes it.

use crate::align::{Evidence, Flag, GapReport, Model, Status};
use crate::error::{Error, Result};
use crate::{Analyzed, Segmenter};
use serde::Serialize;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// One gold row: a plan clause and whether (and where) the report followed it through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldRow {
    pub task_id: String,
    pub head: String,
    /// `yes`, `partial` or `no`.
    pub label: String,
    pub quote: String,
}

/// Counts behind the figures, so pairs add up to an overall (micro) result.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Counts {
    /// Every gold row's verdict, unmatched rows included (as wrong).
    pub verdicts: Verdicts,
    pub unmatched: usize,
    pub evidence_rows: usize,
    pub evidence_hits: usize,
    /// The rows among these judged by their item's roll-up, because their head spans two or more
    /// commitments: one status for a whole item, so they show how much of the figures the
    /// granularity costs rather than the decision.
    pub rolled_up: Verdicts,
    /// The rows among these whose commitment is flagged [`Flag::Uncertain`]: how much less often
    /// a call in doubt is right is what the flag is worth to a reviewer.
    pub in_doubt: Verdicts,
}

/// How gold rows and luoshi's statuses agree: the tally the whole, the rolled-up part and the calls
/// in doubt each keep.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Verdicts {
    pub rows: usize,
    pub tp_missing: usize,
    pub fp_missing: usize,
    pub fn_missing: usize,
    pub correct3: usize,
    pub correct2: usize,
}

impl Verdicts {
    /// Counts one row: whether gold and luoshi call it missing, and whether the three-way labels agree.
    fn record(&mut self, gold_missing: bool, pred_missing: bool, agree: bool) {
        self.rows += 1;
        self.tp_missing += usize::from(gold_missing && pred_missing);
        self.fp_missing += usize::from(!gold_missing && pred_missing);
        self.fn_missing += usize::from(gold_missing && !pred_missing);
        self.correct2 += usize::from(gold_missing == pred_missing);
        self.correct3 += usize::from(agree);
    }

    /// Counts a row no task or commitment holds: wrong on every measure.
    fn record_unmatched(&mut self, gold_missing: bool) {
        self.rows += 1;
        self.fn_missing += usize::from(gold_missing);
    }

    fn plus(self, o: Verdicts) -> Verdicts {
        Verdicts {
            rows: self.rows + o.rows,
            tp_missing: self.tp_missing + o.tp_missing,
            fp_missing: self.fp_missing + o.fp_missing,
            fn_missing: self.fn_missing + o.fn_missing,
            correct3: self.correct3 + o.correct3,
            correct2: self.correct2 + o.correct2,
        }
    }

    fn minus(self, o: Verdicts) -> Verdicts {
        Verdicts {
            rows: self.rows - o.rows,
            tp_missing: self.tp_missing - o.tp_missing,
            fp_missing: self.fp_missing - o.fp_missing,
            fn_missing: self.fn_missing - o.fn_missing,
            correct3: self.correct3 - o.correct3,
            correct2: self.correct2 - o.correct2,
        }
    }
}

impl Counts {
    /// The counts split into rows judged by a commitment and rows judged by an item's roll-up
    /// (evidence and unmatched stay with the first).
    pub fn by_judgement(&self) -> (Counts, Counts) {
        let items = Counts {
            verdicts: self.rolled_up,
            ..Counts::default()
        };
        let commitments = Counts {
            verdicts: self.verdicts.minus(self.rolled_up),
            rolled_up: Verdicts::default(),
            in_doubt: Verdicts::default(),
            ..*self
        };
        (commitments, items)
    }

    /// The rows a commitment judges split into calls flagged uncertain and the others, so the
    /// flag's worth reads as two sets of figures.
    pub fn by_doubt(&self) -> (Counts, Counts) {
        let (commitments, _) = self.by_judgement();
        let doubt = Counts {
            verdicts: self.in_doubt,
            ..Counts::default()
        };
        let others = Counts {
            verdicts: commitments.verdicts.minus(self.in_doubt),
            ..Counts::default()
        };
        (doubt, others)
    }
}

/// Figures for one pair or overall.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub name: String,
    pub precision_missing: f64,
    pub recall_missing: f64,
    pub f1_missing: f64,
    pub acc3: f64,
    pub acc2: f64,
    pub evidence_at3: f64,
    pub unmatched: usize,
    pub rows: usize,
}

fn nfkc_nows(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// Reads a gold.csv (`task_id,task_text_head,followed_through,evidence_quote`) in UTF-8 or the
/// GBK that Excel and WPS save on Chinese Windows; a label may be written as luoshi shows statuses
/// (已落实, 部分落实, 未见落实). A label that is none of them is an error naming its line, never a
/// row counted under a guess.
pub fn read_gold(path: &Path) -> Result<Vec<GoldRow>> {
    // Read through the loader's bounded reader: a gold sheet is no bigger than a document.
    let bytes = crate::load::read_bytes(path)?;
    let text = crate::load::decode::decode_text(&bytes)
        .map_err(|r| Error::input(path, format!("cannot read gold labels ({r})")))?
        .text;
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    // Columns by their header names when the header has them all (a sheet whose columns were
    // moved or added to), else in the order CONVENTIONS.md gives.
    let header = rdr
        .headers()
        .map_err(|e| Error::input(path, format!("malformed gold header ({e})")))?
        .clone();
    let named: Option<Vec<usize>> = GOLD_COLUMNS
        .iter()
        .map(|name| header.iter().position(|h| h.trim() == *name))
        .collect();
    let columns = named.unwrap_or_else(|| (0..GOLD_COLUMNS.len()).collect());
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| Error::input(path, format!("malformed gold row ({e})")))?;
        let get = |i: usize| rec.get(columns[i]).unwrap_or("").to_string();
        let line = rec.position().map_or(0, |p| p.line());
        let written = get(2);
        let label = gold_label(&written).ok_or_else(|| {
            Error::input(
                path,
                format!(
                    "line {line}: followed_through {:?} is not yes, partial or no (已落实, 部分落实, 未见落实)",
                    written.trim()
                ),
            )
        })?;
        if nfkc_nows(&get(1)).is_empty() {
            return Err(Error::input(
                path,
                format!("line {line}: task_text_head is empty (it names the plan clause the label is for)"),
            ));
        }
        rows.push(GoldRow {
            task_id: get(0),
            head: get(1),
            label: label.to_string(),
            quote: get(3),
        });
    }
    Ok(rows)
}

/// The columns of a gold.csv, in their order.
const GOLD_COLUMNS: [&str; 4] = [
    "task_id",
    "task_text_head",
    "followed_through",
    "evidence_quote",
];

/// The gold label (`yes`, `partial`, `no`) a followed_through cell names, in English any case or
/// in luoshi's own Chinese status words.
fn gold_label(written: &str) -> Option<&'static str> {
    match written.trim().to_ascii_lowercase().as_str() {
        "yes" | "done" | "已落实" | "是" => Some("yes"),
        "partial" | "部分落实" | "部分" => Some("partial"),
        "no" | "missing" | "未见落实" | "未落实" | "否" => Some("no"),
        _ => None,
    }
}

/// What luoshi said of the clause a gold row names.
#[derive(Debug, Clone, Copy)]
pub struct Judgement<'a> {
    pub status: Status,
    pub score: f64,
    pub evidence: &'a [Evidence],
    /// The decision's features when the row names a commitment (a task rolls several up).
    pub features: Option<&'a [f64]>,
    /// Why the status needs a second look: the commitment's own flags, or the item's.
    pub flags: &'a [Flag],
}

/// A gap report's commitments, then its tasks, each with its normalised text, made once per
/// report: a gold row names the first one holding the first 18 characters of its head.
pub struct Clauses<'a> {
    items: Vec<(String, Judgement<'a>)>,
}

impl<'a> Clauses<'a> {
    /// Normalises every commitment and task text of `report` once.
    pub fn of(report: &'a GapReport) -> Clauses<'a> {
        let commitments = report.tasks.iter().flat_map(|t| &t.commitments).map(|c| {
            let j = Judgement {
                status: c.status,
                score: c.score,
                evidence: &c.evidence,
                features: Some(&c.features),
                flags: &c.flags,
            };
            (nfkc_nows(&c.text), j)
        });
        let tasks = report.tasks.iter().map(|t| {
            let j = Judgement {
                status: t.status,
                score: t.score,
                evidence: &t.evidence,
                features: None,
                flags: &t.flags,
            };
            (nfkc_nows(&t.text), j)
        });
        Clauses {
            items: commitments.chain(tasks).collect(),
        }
    }

    /// The clause a gold row's head names, or `None` when it matches nothing.
    pub fn find(&self, head: &str) -> Option<Judgement<'a>> {
        let key: String = nfkc_nows(head).chars().take(18).collect();
        self.items
            .iter()
            .find(|(text, _)| text.contains(&key))
            .map(|(_, j)| *j)
    }
}

/// Whether a gold quote is found among luoshi's top-3 quotes (CONVENTIONS.md rule 5).
pub fn evidence_hit(gold_quote: &str, quotes: &[String]) -> bool {
    let g = nfkc_nows(gold_quote);
    let head: String = g.chars().take(20).collect();
    quotes.iter().take(3).any(|q| {
        let q = nfkc_nows(q);
        if q.chars().count() > 300 {
            return false;
        }
        q.contains(&head) || (q.chars().count() >= 8 && g.contains(&q))
    })
}

/// Scores one pair's output against its gold rows.
pub fn count(report: &GapReport, gold: &[GoldRow]) -> Counts {
    let clauses = Clauses::of(report);
    let mut c = Counts::default();
    for row in gold {
        let gold_missing = row.label == "no";
        let Some(Judgement {
            status,
            evidence,
            features,
            flags,
            ..
        }) = clauses.find(&row.head)
        else {
            c.unmatched += 1;
            c.verdicts.record_unmatched(gold_missing);
            continue;
        };
        let pred_missing = status == Status::Missing;
        let agree = matches!(
            (row.label.as_str(), status),
            ("yes", Status::Done) | ("partial", Status::Partial) | ("no", Status::Missing)
        );
        c.verdicts.record(gold_missing, pred_missing, agree);
        if features.is_none() {
            c.rolled_up.record(gold_missing, pred_missing, agree);
        } else if flags.contains(&Flag::Uncertain) {
            c.in_doubt.record(gold_missing, pred_missing, agree);
        }
        if (row.label == "yes" || row.label == "partial") && !row.quote.trim().is_empty() {
            c.evidence_rows += 1;
            let quotes: Vec<String> = evidence.iter().take(3).map(|e| e.quote.clone()).collect();
            if evidence_hit(&row.quote, &quotes) {
                c.evidence_hits += 1;
            }
        }
    }
    c
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Turns counts into the reported figures.
pub fn figures(name: &str, c: &Counts) -> Figures {
    let v = &c.verdicts;
    let p = ratio(v.tp_missing, v.tp_missing + v.fp_missing);
    let r = ratio(v.tp_missing, v.tp_missing + v.fn_missing);
    Figures {
        name: name.to_string(),
        precision_missing: p,
        recall_missing: r,
        f1_missing: if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        },
        acc3: ratio(v.correct3, v.rows),
        acc2: ratio(v.correct2, v.rows),
        evidence_at3: ratio(c.evidence_hits, c.evidence_rows),
        unmatched: c.unmatched,
        rows: v.rows,
    }
}

/// Adds counts of several pairs (micro average over rows).
pub fn add(a: &Counts, b: &Counts) -> Counts {
    Counts {
        verdicts: a.verdicts.plus(b.verdicts),
        unmatched: a.unmatched + b.unmatched,
        evidence_rows: a.evidence_rows + b.evidence_rows,
        evidence_hits: a.evidence_hits + b.evidence_hits,
        rolled_up: a.rolled_up.plus(b.rolled_up),
        in_doubt: a.in_doubt.plus(b.in_doubt),
    }
}

/// A pair folder's files: the plan and the report in any format luoshi reads (`plan.txt`,
/// `plan.docx`, `report.pdf`…), and the gold labels if there are any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairFiles {
    pub dir: PathBuf,
    pub plan: PathBuf,
    pub report: PathBuf,
    pub gold: Option<PathBuf>,
}

/// How deep below the folder given to `eval` pair folders are looked for (`DIR/<body>/<pair>/`).
pub const PAIR_DEPTH: usize = 3;

/// Pair folders under `dir` (sorted, up to [`PAIR_DEPTH`] folders down, a pair's own subfolders
/// not searched): every folder holding a plan and a report file, and an error for every folder
/// whose gold labels have no plan or report beside them (or more than one).
pub fn pair_dirs(dir: &Path) -> Result<(Vec<PairFiles>, Vec<Error>)> {
    let (mut pairs, mut errors) = (Vec::new(), Vec::new());
    let mut stack = vec![(dir.to_path_buf(), 0usize)];
    while let Some((at, depth)) = stack.pop() {
        let rd = std::fs::read_dir(&at)
            .map_err(|e| Error::input(&at, format!("cannot read folder ({e})")));
        let rd = match (rd, depth) {
            (Ok(rd), _) => rd,
            (Err(e), 0) => return Err(e),
            (Err(e), _) => {
                errors.push(e);
                continue;
            }
        };
        let dirs: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_dir()
                    && !p
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        for d in dirs {
            match pair_in(&d) {
                Ok(Some(files)) => pairs.push(files),
                Ok(None) if depth + 1 < PAIR_DEPTH => stack.push((d, depth + 1)),
                Ok(None) => {}
                Err(e) => errors.push(e),
            }
        }
    }
    pairs.sort_by(|a, b| a.dir.cmp(&b.dir));
    Ok((pairs, errors))
}

/// The pair a folder holds: its plan and report files, none when it holds neither, an error when
/// gold labels stand there without them or when two files could be its plan (or its report).
pub fn pair_in(d: &Path) -> Result<Option<PairFiles>> {
    let gold = Some(d.join("gold.csv")).filter(|g| g.is_file());
    let files: Vec<PathBuf> = std::fs::read_dir(d)
        .map_err(|e| Error::input(d, format!("cannot read folder ({e})")))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    match (
        side_file(d, &files, "plan")?,
        side_file(d, &files, "report")?,
    ) {
        (Some(plan), Some(report)) => Ok(Some(PairFiles {
            dir: d.to_path_buf(),
            plan,
            report,
            gold,
        })),
        (plan, report) if gold.is_some() => {
            let lacking: Vec<&str> = [("plan", plan), ("report", report)]
                .into_iter()
                .filter(|(_, f)| f.is_none())
                .map(|(stem, _)| stem)
                .collect();
            Err(Error::input(
                d,
                format!(
                    "gold.csv has no {} beside it ({}.txt, or .docx, .doc, .pdf…): pair not measured",
                    lacking.join(" and "),
                    lacking.join(".txt / ")
                ),
            ))
        }
        _ => Ok(None),
    }
}

/// The one file of a pair folder named `stem` in any case and format: the text when there are
/// several and one of them is the text (`plan.txt` beside `plan.docx`), an error when the choice
/// would be a guess.
fn side_file(dir: &Path, files: &[PathBuf], stem: &str) -> Result<Option<PathBuf>> {
    let mut found: Vec<PathBuf> = files
        .iter()
        .filter(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .is_some_and(|s| s.eq_ignore_ascii_case(stem))
        })
        .cloned()
        .collect();
    found.sort();
    let is_txt = |p: &&PathBuf| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
    };
    let texts: Vec<&PathBuf> = found.iter().filter(is_txt).collect();
    match (found.len(), texts.as_slice()) {
        (0, _) => Ok(None),
        (1, _) => Ok(found.pop()),
        (_, [one]) => Ok(Some((*one).clone())),
        _ => Err(Error::input(
            dir,
            format!(
                "several {stem} files ({}): keep one",
                found
                    .iter()
                    .filter_map(|p| p.file_name().and_then(|n| n.to_str()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// The status a gold label names.
pub fn gold_status(label: &str) -> Option<Status> {
    match label {
        "yes" => Some(Status::Done),
        "partial" => Some(Status::Partial),
        "no" => Some(Status::Missing),
        _ => None,
    }
}

/// Feature rows with their gold status: every gold row that names a commitment.
pub fn labelled_rows(report: &GapReport, gold: &[GoldRow]) -> Vec<(Vec<f64>, Status)> {
    let clauses = Clauses::of(report);
    gold.iter()
        .filter_map(|row| {
            let status = gold_status(&row.label)?;
            let features = clauses.find(&row.head)?.features?;
            Some((features.to_vec(), status))
        })
        .collect()
}

/// A labelled pair as eval reads it: the plan's documents, the report, the gold rows.
pub struct LabelledPair {
    pub name: String,
    pub plans: Vec<Analyzed>,
    pub report: Analyzed,
    pub gold: Vec<GoldRow>,
}

/// Loads every pair under `dir` that has gold labels (through the same loader as `gap`); the
/// names of folders without `gold.csv` come back beside them, and a pair that fails to load is an
/// error naming its file.
pub fn load_pairs(
    dir: &Path,
    seg: &Segmenter,
) -> Result<(Vec<LabelledPair>, Vec<String>, Vec<Error>)> {
    let (found, mut failed) = pair_dirs(dir)?;
    let (mut pairs, mut skipped) = (Vec::new(), Vec::new());
    for files in found {
        // The folder's path below `dir` (hailar_2016, or 海拉尔/2016 when pairs sit in bodies).
        let name = files
            .dir
            .strip_prefix(dir)
            .unwrap_or(&files.dir)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let Some(gold) = files.gold else {
            skipped.push(name);
            continue;
        };
        let loaded = crate::load_pair(&files.plan, &files.report, seg)
            .and_then(|(plans, report)| Ok((plans, report, read_gold(&gold)?)));
        match loaded {
            Ok((plans, report, gold)) => pairs.push(LabelledPair {
                name,
                plans,
                report,
                gold,
            }),
            Err(e) => failed.push(e),
        }
    }
    Ok((pairs, skipped, failed))
}

/// Each pair's gap report under `model` (what `gap` prints for it).
pub fn gap_reports(pairs: &[LabelledPair], seg: &Segmenter, model: &Model) -> Vec<GapReport> {
    pairs
        .iter()
        .map(|p| {
            let refs: Vec<&Analyzed> = p.plans.iter().collect();
            crate::gap_with(&refs, &p.report, seg, model)
        })
        .collect()
}

/// Fits the decision on every labelled commitment of `reports` (paired with `pairs`' gold rows).
pub fn fit(pairs: &[LabelledPair], reports: &[GapReport], alpha: f64) -> Result<Model> {
    let rows: Vec<(Vec<f64>, Status)> = pairs
        .iter()
        .zip(reports)
        .flat_map(|(p, r)| labelled_rows(r, &p.gold))
        .collect();
    Model::fit(&rows, alpha).map_err(Error::Model)
}

/// Leave-one-pair-out: for each pair, the model fitted on all the others, and the counts it
/// scores on the pair left out (in `pairs` order).
pub fn cross_validate(
    pairs: &[LabelledPair],
    seg: &Segmenter,
    alpha: f64,
) -> Result<Vec<(Counts, Model)>> {
    cross_validate_by(pairs, seg, alpha, |p| p.name.clone())
}

/// The body a pair's folder states: the folder above it when pairs sit in bodies' folders
/// (海拉尔/2016 → 海拉尔), else its name up to the last `_` (hailar_2016 → hailar), so leaving a
/// body out scores its pairs on a model that never saw that body's writing.
pub fn body_of(pair: &LabelledPair) -> String {
    pair.name
        .rsplit_once('/')
        .or_else(|| pair.name.rsplit_once('_'))
        .map_or(pair.name.as_str(), |(body, _)| body)
        .to_string()
}

/// Cross-validation by group: each pair is scored by the model fitted on every pair of another
/// group (`group` = the pair itself for leave-one-pair-out, [`body_of`] for leave-one-body-out).
pub fn cross_validate_by(
    pairs: &[LabelledPair],
    seg: &Segmenter,
    alpha: f64,
    group: impl Fn(&LabelledPair) -> String,
) -> Result<Vec<(Counts, Model)>> {
    // Features do not depend on the model: one pass gives every pair's rows.
    let reports = gap_reports(pairs, seg, crate::align::model::shipped());
    let groups: Vec<String> = pairs.iter().map(&group).collect();
    // One fit per group left out: the pairs of a body share it.
    let mut fitted: std::collections::HashMap<&str, Model> = Default::default();
    let mut out = Vec::new();
    for k in 0..pairs.len() {
        if !fitted.contains_key(groups[k].as_str()) {
            let rows: Vec<(Vec<f64>, Status)> = (0..pairs.len())
                .filter(|&i| groups[i] != groups[k])
                .flat_map(|i| labelled_rows(&reports[i], &pairs[i].gold))
                .collect();
            let model = Model::fit(&rows, alpha).map_err(Error::Model)?;
            fitted.insert(&groups[k], model);
        }
        let model = &fitted[groups[k].as_str()];
        let held_out = gap_reports(std::slice::from_ref(&pairs[k]), seg, model);
        out.push((count(&held_out[0], &pairs[k].gold), model.clone()));
    }
    Ok(out)
}
