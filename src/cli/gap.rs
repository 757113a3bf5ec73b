//! `luoshi gap --plan FILE --report FILE`: which plan tasks the report shows as done.

use super::{stdout, Context, FormatArg};
use luoshi::report::{self, gap as g, Format};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 工作计划（或任务清单、责任清单）/ The plan (or task list / responsibility list).
    #[arg(long)]
    pub plan: PathBuf,
    /// 用来核对的年终报告（工作总结）/ The year-end report to check it against.
    #[arg(long)]
    pub report: PathBuf,
    /// 输出格式（默认表格）/ Output format (default: table).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// 表头与状态用语：zh（中文，默认）或 en / Table and CSV headers and status words: zh (default) or en.
    #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
    pub lang: String,
    /// 写入此文件而非标准输出 / Write to this file (atomically) instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    let seg = ctx.segmenter()?;
    let (plans, report_a) = luoshi::load_pair(&args.plan, &args.report, &seg)?;
    let plan_docs: Vec<&luoshi::Doc> = plans.iter().map(|a| &a.doc).collect();
    let swapped: Vec<luoshi::error::Warning> = luoshi::swap_warning(&plan_docs, &report_a.doc)
        .into_iter()
        .collect();
    ctx.print_warnings(&swapped);
    let refs: Vec<&luoshi::Analyzed> = plans.iter().collect();
    let gap = luoshi::gap(&refs, &report_a, &seg);
    let format = args
        .format
        .map(Format::from)
        .or_else(|| args.out.as_deref().and_then(format_of_extension))
        .unwrap_or(Format::Table);
    let to_file = args.out.is_some();
    let lang = luoshi::vocab::Lang::parse(&args.lang).unwrap_or_default();
    let bytes = render(&gap, format, to_file, ctx.width, lang)?;
    match &args.out {
        Some(path) => {
            report::write_atomic(path, &bytes).map_err(|source| luoshi::Error::Output {
                path: path.clone(),
                source,
            })?
        }
        None => {
            let mut out = stdout();
            out.write_all(&bytes)?;
            out.flush()?;
        }
    }
    Ok(0)
}

/// `--out report.html` implies `--format html` when no format is given.
fn format_of_extension(p: &std::path::Path) -> Option<Format> {
    Format::parse(&p.extension()?.to_str()?.to_ascii_lowercase())
}

fn render(
    gap: &luoshi::align::GapReport,
    format: Format,
    to_file: bool,
    width: usize,
    lang: luoshi::vocab::Lang,
) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match format {
        Format::Json => report::write_json(&mut buf, gap)?,
        Format::Csv if to_file => buf = report::csv_file_bytes(&g::gap_rows(gap, lang)),
        Format::Csv => {
            report::write_csv(&mut buf, &g::gap_rows(gap, lang), report::CsvTarget::Stdout)?
        }
        Format::Md => buf = g::gap_markdown(gap).into_bytes(),
        Format::Html => buf = report::gap_html::gap_html(gap).into_bytes(),
        Format::Table => g::write_gap_table(&mut buf, gap, width, lang)?,
    }
    Ok(buf)
}
