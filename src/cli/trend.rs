//! `luoshi trend TERM...`: per year (unit, kind), documents and units mentioning each term.

use super::search::{filters, open};
use super::{resolve_format, stdout, write_rows, Context, FormatArg};
use luoshi::index::{TrendBy, DEFAULT_DIR};
use luoshi::report::{write_json, Format, Rows};
use luoshi::Error;
use std::io::Write;
use std::path::PathBuf;

/// Trend breakdown flag values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ByArg {
    Year,
    Unit,
    Kind,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 词语（每个参数一个词、几个词或 "带引号的短语"）/ Terms (query syntax: a word, several words, or a "quoted phrase" per argument).
    #[arg(required = true)]
    pub terms: Vec<String>,
    #[arg(long, value_enum, default_value = "year")]
    pub by: ByArg,
    /// 只看这些单位（可重复）/ Only these units (repeatable).
    #[arg(long = "unit", value_name = "UNIT")]
    pub units: Vec<String>,
    /// 年度（2022）或范围（2020..2023）/ A year (2022) or a range (2020..2023).
    #[arg(long, value_name = "Y|Y1..Y2")]
    pub year: Option<String>,
    /// 输出格式（默认表格）/ Output format (default: table).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// 索引文件夹 / Index folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DIR)]
    pub index: PathBuf,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    if matches!(args.format, Some(FormatArg::Md | FormatArg::Html)) {
        return Err(Error::Usage("trend prints table, json or csv".into()).into());
    }
    let filters = filters(&args.units, args.year.as_deref(), &[])?;
    for t in &args.terms {
        luoshi::index::query::parse(t)?;
    }
    let by = match args.by {
        ByArg::Year => TrendBy::Year,
        ByArg::Unit => TrendBy::Unit,
        ByArg::Kind => TrendBy::Kind,
    };
    let ix = open(ctx, &args.index)?;
    let rows = ix.trend(&args.terms, by, &filters)?;
    super::search::warn_unknown_units(ctx, &ix, &filters.units)?;
    let mut out = stdout();
    match resolve_format(args.format) {
        Format::Json => write_json(&mut out, &rows)?,
        f => {
            let by_name = match args.by {
                ByArg::Year => "year",
                ByArg::Unit => "unit",
                ByArg::Kind => "kind",
            };
            let mut t = Rows::new(&[
                by_name,
                "term",
                "plan_documents",
                "plan_units",
                "report_documents",
                "report_units",
            ]);
            for r in &rows {
                t.rows.push(vec![
                    r.bucket.clone(),
                    r.term.clone(),
                    r.plan_documents.to_string(),
                    r.plan_units.to_string(),
                    r.report_documents.to_string(),
                    r.report_units.to_string(),
                ]);
            }
            write_rows(&mut out, &t, f, ctx.width)?;
        }
    }
    out.flush()?;
    Ok(0)
}
