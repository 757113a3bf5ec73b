//! `luoshi index PATH... [--index DIR]`: load documents and index their passages incrementally.

use super::{print_errors, Context};
use luoshi::batch::index_documents;
use luoshi::index::{IndexOptions, DEFAULT_DIR};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 文件或文件夹（递归读取）；索引只保留这些文档 / Files and folders (walked recursively); the index is made to hold exactly these documents.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 索引文件夹 / Index folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DIR)]
    pub index: PathBuf,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    // The index is made to hold exactly the given documents: a mistyped path would empty it, so a
    // missing path fails before the index is opened or created.
    let missing: Vec<luoshi::Error> = args
        .paths
        .iter()
        .filter(|p| p.as_os_str() != "-" && !p.exists())
        .map(|p| luoshi::Error::input(p, "no such file or folder"))
        .collect();
    if !missing.is_empty() {
        return Ok(print_errors(&missing));
    }
    let seg = ctx.segmenter()?;
    let loaded = luoshi::load::load_paths(&args.paths);
    ctx.print_warnings(&loaded.warnings);
    let opts = IndexOptions::keeping_failed(&loaded.errors);
    let bar = if ctx.quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(loaded.docs.len() as u64)
    };
    let stats = index_documents(&args.index, &loaded.docs, seg, &opts, &|done, _| {
        bar.set_position(done as u64)
    })?;
    bar.finish_and_clear();
    let failed = print_errors(&loaded.errors);
    if !ctx.quiet {
        eprintln!(
            "indexed {}, skipped {} unchanged, removed {}",
            stats.indexed, stats.skipped, stats.removed
        );
    }
    Ok(failed)
}
