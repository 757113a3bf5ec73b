//! `luoshi eval DIR`: the gap analysis measured on folders of labelled plan/report pairs,
//! cross-validated (`--cv`) and refitted (`--fit`).

use super::{resolve_format, stdout, Context, FormatArg};
use luoshi::align::{model, Model};
use luoshi::eval::{self, Counts, Figures, LabelledPair};
use luoshi::report::{write_json, Format, Rows};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 标注样本文件夹：DIR/<样本>/（或 DIR/<机关>/<样本>/）plan.*、report.*（txt、docx、doc、pdf…）、gold.csv / A folder of pairs: DIR/<pair>/ (or DIR/<body>/<pair>/) plan.*, report.* (txt, docx, doc, pdf…), gold.csv.
    pub dir: PathBuf,
    /// 输出格式（默认表格）/ Output format (default: table).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// 留一交叉验证：每个样本由其余样本拟合的模型评分 / Leave-one-pair-out cross-validation: each pair scored by a model fitted on all the others.
    #[arg(long)]
    pub cv: bool,
    /// 交叉验证每次留出：pair（一个样本，默认）或 body（同一机关的全部样本，名称中最后一个 _ 之前的部分）/ What --cv leaves out each time: one pair (default) or a whole body (every pair whose folder name shares the part before its last `_`), the last line then reading `cv_body:`.
    #[arg(long, value_enum, default_value = "pair", requires = "cv")]
    pub leave_out: LeaveOut,
    /// 用全部标注样本拟合判定模型，权重写入 FILE / Fit the decision on every labelled pair and write its weights to FILE (deterministic).
    #[arg(long, value_name = "FILE")]
    pub fit: Option<PathBuf>,
    /// 用此权重文件代替内置模型 / Judge with this weights file instead of the shipped one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// --fit 与 --cv 的 L2 惩罚系数 / L2 penalty for --fit and --cv (the shipped model's was chosen by --cv over 0.1, 1, 10).
    #[arg(long, value_name = "A", default_value_t = model::ALPHA, value_parser = positive)]
    pub alpha: f64,
    /// 另在 stderr 列出每条标注及 luoshi 的判定、得分、主要特征与证据 / Also print every gold row with luoshi's status, score, strongest features and best quote (stderr).
    #[arg(long)]
    pub explain: bool,
}

/// What one fold of `--cv` leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LeaveOut {
    /// One pair (leave-one-pair-out, the headline figure).
    Pair,
    /// Every pair of one body: how the decision carries to a body it never saw.
    Body,
}

/// A penalty must be a positive finite number (the fit diverges or means nothing otherwise).
fn positive(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(a) if a.is_finite() && a > 0.0 => Ok(a),
        _ => Err(format!("{s:?} is not a positive number")),
    }
}

#[derive(Serialize)]
struct Output {
    pairs: Vec<Figures>,
    overall: Figures,
    skipped: Vec<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    let seg = ctx.segmenter()?;
    let (pairs, skipped, failed) = eval::load_pairs(&args.dir, &seg)?;
    for e in &failed {
        eprintln!("error: {e}");
    }
    if !ctx.quiet {
        for name in &skipped {
            eprintln!("note: {name}: no gold.csv, skipped");
        }
    }
    if pairs.is_empty() {
        // Figures over no rows would read as a measurement of zero.
        let itself = eval::pair_in(&args.dir).ok().flatten().is_some();
        return Err(luoshi::Error::input(
            &args.dir,
            if itself {
                "this folder is one pair: give the folder that holds it (luoshi eval DIR reads DIR/<pair>/)".to_string()
            } else {
                format!(
                    "no labelled pairs found: a pair is a folder holding plan.* and report.* beside gold.csv, up to {} folders down",
                    eval::PAIR_DEPTH
                )
            },
        )
        .into());
    }
    if let Some(path) = &args.fit {
        let reports = eval::gap_reports(&pairs, &seg, model::shipped());
        let fitted = eval::fit(&pairs, &reports, args.alpha)?;
        luoshi::report::write_atomic(path, fitted.to_json().as_bytes()).map_err(|source| {
            luoshi::Error::Output {
                path: path.clone(),
                source,
            }
        })?;
        if !ctx.quiet {
            eprintln!(
                "fitted on {} labelled rows of {} pairs: {}",
                fitted.rows,
                pairs.len(),
                path.display()
            );
        }
        return Ok(failed.len());
    }
    let (counts, prefix) = if args.cv {
        let (folds, prefix) = match args.leave_out {
            LeaveOut::Pair => (eval::cross_validate(&pairs, &seg, args.alpha)?, "cv"),
            LeaveOut::Body => {
                let bodies: std::collections::BTreeSet<String> =
                    pairs.iter().map(eval::body_of).collect();
                if bodies.len() < 2 {
                    return Err(luoshi::Error::Usage(format!(
                        "{}: --leave-out body needs pairs of at least two bodies (folder names such as hailar_2016, sc_2009); found {}",
                        args.dir.display(),
                        bodies.into_iter().collect::<Vec<_>>().join(", ")
                    ))
                    .into());
                }
                let folds = eval::cross_validate_by(&pairs, &seg, args.alpha, eval::body_of)?;
                (folds, "cv_body")
            }
        };
        (folds.into_iter().map(|(c, _)| c).collect(), prefix)
    } else {
        let custom = args.model.as_deref().map(Model::from_file).transpose()?;
        let model = custom.as_ref().unwrap_or_else(|| model::shipped());
        let reports = eval::gap_reports(&pairs, &seg, model);
        if args.explain {
            explain(&pairs, &reports);
        }
        let counts: Vec<Counts> = pairs
            .iter()
            .zip(&reports)
            .map(|(p, r)| eval::count(r, &p.gold))
            .collect();
        if !ctx.quiet {
            unmatched_notes(&pairs, &reports);
        }
        (counts, "overall")
    };
    if !ctx.quiet {
        granularity_note(&counts, prefix);
        doubt_note(&counts, prefix);
    }
    print(&pairs, &counts, prefix, skipped, args.format, ctx.width)?;
    Ok(failed.len())
}

fn print(
    pairs: &[LabelledPair],
    counts: &[Counts],
    prefix: &str,
    skipped: Vec<String>,
    format: Option<FormatArg>,
    width: usize,
) -> anyhow::Result<()> {
    let figures: Vec<Figures> = pairs
        .iter()
        .zip(counts)
        .map(|(p, c)| eval::figures(&p.name, c))
        .collect();
    let total = counts
        .iter()
        .fold(Counts::default(), |a, c| eval::add(&a, c));
    let overall = eval::figures(prefix, &total);
    let mut out = stdout();
    match resolve_format(format) {
        Format::Json => write_json(
            &mut out,
            &Output {
                pairs: figures,
                overall,
                skipped,
            },
        )?,
        _ => {
            let mut t = Rows::new(&[
                "pair",
                "rows",
                "p_missing",
                "r_missing",
                "f1_missing",
                "acc3",
                "acc2",
                "evidence@3",
                "unmatched",
            ]);
            for f in &figures {
                t.rows.push(vec![
                    f.name.clone(),
                    f.rows.to_string(),
                    format!("{:.2}", f.precision_missing),
                    format!("{:.2}", f.recall_missing),
                    format!("{:.2}", f.f1_missing),
                    format!("{:.2}", f.acc3),
                    format!("{:.2}", f.acc2),
                    format!("{:.2}", f.evidence_at3),
                    f.unmatched.to_string(),
                ]);
            }
            luoshi::report::table::write_table(&mut out, &t, width)?;
            writeln!(
                out,
                "{prefix}: f1_missing={:.3} acc3={:.3} acc2={:.3} evidence@3={:.3} unmatched={}",
                overall.f1_missing,
                overall.acc3,
                overall.acc2,
                overall.evidence_at3,
                overall.unmatched
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Every gold row beside luoshi's status, score, the features that decided it, its whole feature
/// row (comma-separated, in the weights file's order: empty for a row judged by its item's roll-up,
/// so the rows `--fit` learns from can be refitted elsewhere) and the best quote.
fn explain(pairs: &[LabelledPair], reports: &[luoshi::align::GapReport]) {
    for (p, r) in pairs.iter().zip(reports) {
        let clauses = eval::Clauses::of(r);
        let why: std::collections::HashMap<&str, (String, String)> = r
            .tasks
            .iter()
            .flat_map(|t| &t.commitments)
            .map(|c| {
                let w: Vec<String> = c
                    .why
                    .iter()
                    .map(|x| format!("{}={}({:+.2})", x.feature, x.value, x.weight))
                    .collect();
                let row: Vec<String> = c.features.iter().map(|v| format!("{v:.4}")).collect();
                (c.text.as_str(), (w.join(" "), row.join(",")))
            })
            .collect();
        for row in &p.gold {
            let got = clauses.find(&row.head);
            let best_quote = got
                .and_then(|g| g.evidence.first())
                .map_or(String::new(), |e| e.quote.chars().take(60).collect());
            let (reasons, features) = r
                .tasks
                .iter()
                .flat_map(|t| &t.commitments)
                .find(|c| got.is_some_and(|g| std::ptr::eq(g.evidence, c.evidence.as_slice())))
                .and_then(|c| why.get(c.text.as_str()))
                .cloned()
                .unwrap_or_default();
            eprintln!(
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                p.name,
                row.task_id,
                row.label,
                got.map_or("-", |g| g.status.as_str()),
                got.map_or(0.0, |g| g.score),
                row.head.chars().take(24).collect::<String>(),
                reasons,
                features,
                best_quote
            );
        }
    }
}

/// How the figures split between rows judged by a commitment and rows whose head spans several
/// commitments, judged by their item's one status: the second part is a cost of granularity that
/// no better decision removes.
fn granularity_note(counts: &[Counts], prefix: &str) {
    let total = counts
        .iter()
        .fold(Counts::default(), |a, c| eval::add(&a, c));
    let (commitments, items) = total.by_judgement();
    if items.verdicts.rows == 0 {
        return;
    }
    let (c, i) = (
        eval::figures(prefix, &commitments),
        eval::figures(prefix, &items),
    );
    let unmatched = match total.unmatched {
        0 => String::new(),
        n => format!(", {n} of them unmatched"),
    };
    eprintln!(
        "note: {prefix}: {} of {} rows are judged by a commitment (f1_missing={:.3} acc3={:.3}{unmatched}); {} name several commitments and are judged by their item's roll-up (f1_missing={:.3} acc3={:.3})",
        c.rows, total.verdicts.rows, c.f1_missing, c.acc3, i.rows, i.f1_missing, i.acc3
    );
}

/// How often the calls flagged uncertain are right on followed-or-not, against the other calls a
/// commitment makes: the flag is worth a reviewer's time only if the first is clearly lower.
fn doubt_note(counts: &[Counts], prefix: &str) {
    let total = counts
        .iter()
        .fold(Counts::default(), |a, c| eval::add(&a, c));
    let (doubt, others) = total.by_doubt();
    let (d, o) = (
        eval::figures(prefix, &doubt),
        eval::figures(prefix, &others),
    );
    eprintln!(
        "note: {prefix}: {} of {} rows judged by a commitment are flagged uncertain (把握不大): followed-or-not right {:.3} of the time, against {:.3} for the other {}",
        d.rows,
        d.rows + o.rows,
        d.acc2,
        o.acc2,
        o.rows,
    );
}

/// A note for every gold row that names no task or commitment.
fn unmatched_notes(pairs: &[LabelledPair], reports: &[luoshi::align::GapReport]) {
    for (p, r) in pairs.iter().zip(reports) {
        let clauses = eval::Clauses::of(r);
        for row in &p.gold {
            if clauses.find(&row.head).is_none() {
                eprintln!(
                    "note: {}: gold row {} matches no task: {}",
                    p.name, row.task_id, row.head
                );
            }
        }
    }
}
