//! `luoshi ingest PATH...`: one row per document found.

use super::{print_errors, resolve_format, stdout, write_rows, Context, FormatArg};
use luoshi::report::{write_json, Format, Rows};
use serde::Serialize;
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

#[derive(Serialize)]
struct Row<'a> {
    path: String,
    index: usize,
    unit: &'a str,
    year: Option<i32>,
    kind: &'a str,
    title: &'a str,
    encoding: &'a str,
    characters: usize,
    paragraphs: usize,
    /// Where unit, year and kind came from (manifest, folder, file_name, title, signature, default).
    sources: Sources,
}

#[derive(Serialize)]
struct Sources {
    unit: &'static str,
    year: &'static str,
    kind: &'static str,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    let loaded = luoshi::load::load_paths(&args.paths);
    ctx.print_warnings(&loaded.warnings);
    let rows: Vec<Row> = loaded
        .docs
        .iter()
        .map(|d| Row {
            path: d.id(),
            index: d.index,
            unit: &d.meta.unit,
            year: d.meta.year,
            kind: d.meta.kind.as_str(),
            title: &d.meta.title,
            encoding: &d.encoding,
            characters: d.char_count(),
            paragraphs: d.paragraphs.len(),
            sources: Sources {
                unit: d.meta.sources.unit.as_str(),
                year: d.meta.sources.year.as_str(),
                kind: d.meta.sources.kind.as_str(),
            },
        })
        .collect();
    let mut out = stdout();
    match resolve_format(args.format) {
        Format::Json => write_json(&mut out, &rows)?,
        f => {
            let mut t = Rows::new(&[
                "path",
                "unit",
                "year",
                "kind",
                "title",
                "encoding",
                "characters",
                "paragraphs",
                "sources",
            ]);
            for r in &rows {
                t.rows.push(vec![
                    r.path.clone(),
                    r.unit.to_string(),
                    r.year.map(|y| y.to_string()).unwrap_or_default(),
                    r.kind.to_string(),
                    r.title.to_string(),
                    r.encoding.to_string(),
                    r.characters.to_string(),
                    r.paragraphs.to_string(),
                    format!(
                        "unit:{} year:{} kind:{}",
                        r.sources.unit, r.sources.year, r.sources.kind
                    ),
                ]);
            }
            write_rows(&mut out, &t, f, ctx.width)?;
        }
    }
    out.flush()?;
    Ok(print_errors(&loaded.errors))
}
