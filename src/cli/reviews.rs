//! `luoshi reviews export DIR`: reviewers' labels as `luoshi eval` pairs.

use super::Context;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// 把未过期的复核意见写成 DIR/<单位>-<年度>/plan.txt、report.txt、gold.csv / Write DIR/<unit>-<year>/plan.txt, report.txt and gold.csv from the reviews that are not stale.
    Export {
        /// 样本写入的文件夹 / Folder to write the pairs to.
        dir: PathBuf,
        /// The batch output folder holding reviews.sqlite.
        #[arg(long, value_name = "OUT", default_value = "out")]
        out: PathBuf,
    },
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    match args.action {
        Action::Export { dir, out } => {
            let seg = ctx.segmenter()?;
            let stats = luoshi::serve::export::export(&out, &dir, &seg)?;
            if !ctx.quiet {
                eprintln!(
                    "exported {} pairs, {} labelled tasks ({} stale reviews left out) to {}",
                    stats.pairs,
                    stats.rows,
                    stats.stale,
                    dir.display()
                );
            }
            Ok(0)
        }
    }
}
