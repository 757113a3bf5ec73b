//! `luoshi eval DIR`: the gap analysis measured on folders of labelled plan/report pairs.

use super::{resolve_format, stdout, Context, FormatArg};
use luoshi::eval::{self, Counts, Figures};
use luoshi::report::{write_json, Format, Rows};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A folder of pairs: DIR/<pair>/plan.txt, report.txt, gold.csv.
    pub dir: PathBuf,
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// Search the threshold grid on these pairs and print the best settings (how THRESHOLDS was chosen).
    #[arg(long)]
    pub calibrate: bool,
    /// Also print every gold row with luoshi's status, score and best quote (stderr).
    #[arg(long)]
    pub explain: bool,
}

#[derive(Serialize)]
struct Output {
    pairs: Vec<Figures>,
    overall: Figures,
    skipped: Vec<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    let seg = ctx.segmenter()?;
    if args.calibrate {
        return calibrate(&args, &seg);
    }
    let mut failed = 0;
    let mut pairs = Vec::new();
    let mut skipped = Vec::new();
    let mut total = Counts::default();
    for (dir, has_gold) in eval::pair_dirs(&args.dir)? {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if !has_gold {
            if !ctx.quiet {
                eprintln!("note: {}: no gold.csv, skipped", dir.display());
            }
            skipped.push(name);
            continue;
        }
        let result = luoshi::gap_files(&dir.join("plan.txt"), &dir.join("report.txt"), &seg)
            .and_then(|g| Ok((g, eval::read_gold(&dir.join("gold.csv"))?)));
        let (gap, gold) = match result {
            Ok(x) => x,
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
                continue;
            }
        };
        let c = eval::count(&gap, &gold);
        let clauses = eval::Clauses::of(&gap);
        if args.explain {
            for row in &gold {
                let got = clauses.find(&row.head);
                let best_quote = got
                    .and_then(|g| g.evidence.first())
                    .map_or(String::new(), |e| e.quote.chars().take(60).collect());
                eprintln!(
                    "{name}\t{}\t{}\t{}\t{}\t{}\t{}",
                    row.task_id,
                    row.label,
                    got.map_or("-", |g| g.status.as_str()),
                    got.map_or(0.0, |g| g.score),
                    row.head.chars().take(24).collect::<String>(),
                    best_quote
                );
            }
        }
        if c.unmatched > 0 && !ctx.quiet {
            for row in &gold {
                if clauses.find(&row.head).is_none() {
                    eprintln!(
                        "note: {name}: gold row {} matches no task: {}",
                        row.task_id, row.head
                    );
                }
            }
        }
        total = eval::add(&total, &c);
        pairs.push(eval::figures(&name, &c));
    }
    let overall = eval::figures("overall", &total);
    let mut out = stdout();
    match resolve_format(args.format) {
        Format::Json => write_json(
            &mut out,
            &Output {
                pairs,
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
            for f in &pairs {
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
            luoshi::report::table::write_table(&mut out, &t)?;
            writeln!(
                out,
                "overall: f1_missing={:.2} acc3={:.2} acc2={:.2} evidence@3={:.2} unmatched={}",
                overall.f1_missing,
                overall.acc3,
                overall.acc2,
                overall.evidence_at3,
                overall.unmatched
            )?;
        }
    }
    out.flush()?;
    Ok(failed)
}

fn calibrate(args: &Args, seg: &luoshi::Segmenter) -> anyhow::Result<usize> {
    let mut pairs = Vec::new();
    for (dir, has_gold) in eval::pair_dirs(&args.dir)? {
        if !has_gold {
            continue;
        }
        // Loaded exactly as `eval` (through `gap_files`) loads them, so the grid judges what eval measures.
        let (plan, report) =
            luoshi::load_pair(&dir.join("plan.txt"), &dir.join("report.txt"), seg)?;
        pairs.push((plan, report, eval::read_gold(&dir.join("gold.csv"))?));
    }
    let inputs: Vec<_> = pairs
        .iter()
        .map(|(plan, report, gold)| {
            let refs: Vec<&luoshi::Analyzed> = plan.iter().collect();
            let (first, tasks) = luoshi::gap_inputs(&refs, report);
            (first, tasks, report, gold)
        })
        .collect();
    let prepared: Vec<_> = inputs
        .iter()
        .map(|(first, tasks, report, gold)| {
            (
                luoshi::align::prepare(first, tasks, &report.doc, &report.outline, seg),
                report,
                gold,
            )
        })
        .collect();
    let mut best: Vec<(f64, String)> = Vec::new();
    for done in [0.5, 0.6, 0.7, 0.8] {
        for partial in [0.3, 0.35, 0.4, 0.45, 0.5] {
            if partial >= done {
                continue;
            }
            for cap in [12.0, 16.0, 24.0] {
                for unnamed_object in [0.6, 0.7, 0.8, 0.9, 1.0] {
                    let min_peak = 1.0;
                    for min_mass in [4.0, 5.0, 6.0] {
                        let th = luoshi::align::Thresholds {
                            done,
                            partial,
                            min_peak,
                            cap,
                            min_mass,
                            unnamed_object,
                        };
                        let mut total = Counts::default();
                        for (p, report, gold) in &prepared {
                            let g = luoshi::align::judge_all(p, &report.doc, &th);
                            total = eval::add(&total, &eval::count(&g, gold));
                        }
                        let f = eval::figures("grid", &total);
                        best.push((
                            f.acc3 + f.f1_missing,
                            format!(
                                "done={done} partial={partial} cap={cap} unnamed_object={unnamed_object} min_mass={min_mass}: f1_missing={:.3} acc3={:.3} acc2={:.3} evidence@3={:.3}",
                                f.f1_missing, f.acc3, f.acc2, f.evidence_at3
                            ),
                        ));
                    }
                }
            }
        }
    }
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = stdout();
    for (_, line) in best.iter().take(15) {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(0)
}
