//! `luoshi segment FILE|-`: the words of a document, loaded exactly as `ingest` loads it.

use super::{print_errors, resolve_format, stdout, Context, FormatArg};
use luoshi::report::{write_json, Format};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 文件，或 - 表示标准输入 / A file, or - for standard input.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 输出格式（默认表格）/ Output format (default: table).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
}

#[derive(Serialize)]
struct Segmented {
    path: String,
    tokens: Vec<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    let seg = ctx.segmenter()?;
    let loaded = luoshi::load::load_paths(&args.paths);
    ctx.print_warnings(&loaded.warnings);
    let mut out = stdout();
    let json = resolve_format(args.format) == Format::Json;
    let mut all = Vec::new();
    for d in &loaded.docs {
        let mut tokens = Vec::new();
        for p in &d.paragraphs {
            let para = p.span.of(&d.text);
            let words: Vec<&str> = seg
                .cut(para)
                .into_iter()
                .map(|t| t.word)
                .filter(|w| !w.trim().is_empty())
                .collect();
            if json {
                tokens.extend(words.iter().map(|w| w.to_string()));
            } else {
                writeln!(out, "{}", words.join(" "))?;
            }
        }
        if json {
            all.push(Segmented {
                path: d.id(),
                tokens,
            });
        }
    }
    if json {
        write_json(&mut out, &all)?;
    }
    out.flush()?;
    Ok(print_errors(&loaded.errors))
}
