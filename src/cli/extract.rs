//! `luoshi extract FILE...`: outline, tasks and targets of plans; roles, figures and placeholders of reports.

use super::{print_errors, resolve_format, stdout, write_rows, Context, FormatArg};
use luoshi::report::extraction::{extraction_json, report_facts_for};
use luoshi::report::{write_json, Format, Rows};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 文件或文件夹（递归读取）/ Files and folders (walked recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 输出格式（默认表格）/ Output format (default: table).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    let seg = ctx.segmenter()?;
    let loaded = luoshi::load::load_paths(&args.paths);
    ctx.print_warnings(&loaded.warnings);
    let analyzed: Vec<(
        luoshi::Analyzed,
        Option<luoshi::extract::report::ReportFacts>,
    )> = loaded
        .docs
        .into_iter()
        .map(|d| {
            let a = luoshi::analyze(d, &seg);
            let f = report_facts_for(&a, &seg);
            (a, f)
        })
        .collect();
    let mut out = stdout();
    match resolve_format(args.format) {
        Format::Json => {
            let v: Vec<serde_json::Value> = analyzed
                .iter()
                .map(|(a, f)| extraction_json(a, f.as_ref()))
                .collect();
            write_json(&mut out, &v)?;
        }
        f => {
            let mut t = Rows::new(&[
                "path",
                "kind",
                "item",
                "outline_path",
                "title_or_span",
                "details",
            ]);
            for (a, facts) in &analyzed {
                let id = a.doc.id();
                for task in &a.tasks {
                    let targets: Vec<String> = task
                        .targets
                        .iter()
                        .map(|tg| {
                            format!(
                                "{}{}{}{}",
                                tg.period,
                                tg.comparator.as_str(),
                                tg.value,
                                tg.unit
                            )
                        })
                        .collect();
                    t.rows.push(vec![
                        id.clone(),
                        "task".into(),
                        task.id.clone(),
                        task.path.clone(),
                        task.title.clone(),
                        format!(
                            "commitments={} targets=[{}]",
                            task.commitments.len(),
                            targets.join("; ")
                        ),
                    ]);
                }
                if let Some(facts) = facts {
                    for g in &facts.figures {
                        t.rows.push(vec![
                            id.clone(),
                            "figure".into(),
                            format!("{}{}", g.value, g.unit),
                            String::new(),
                            g.span.of(&a.doc.text).to_string(),
                            format!(
                                "action={} role={}{}",
                                g.action,
                                g.role.as_str(),
                                if g.approx { " approx" } else { "" }
                            ),
                        ]);
                    }
                    for p in &facts.placeholders {
                        t.rows.push(vec![
                            id.clone(),
                            "placeholder".into(),
                            format!("{:?}", p.kind).to_lowercase(),
                            String::new(),
                            p.span.of(&a.doc.text).to_string(),
                            format!("role={}", p.role.as_str()),
                        ]);
                    }
                    for m in &facts.masked_names {
                        t.rows.push(vec![
                            id.clone(),
                            "masked_name".into(),
                            String::new(),
                            String::new(),
                            m.span.of(&a.doc.text).to_string(),
                            String::new(),
                        ]);
                    }
                }
            }
            write_rows(&mut out, &t, f, ctx.width)?;
        }
    }
    out.flush()?;
    Ok(print_errors(&loaded.errors))
}
