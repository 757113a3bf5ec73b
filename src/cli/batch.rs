//! `luoshi batch DIR --out OUT`: every unit's plans against its report, department outputs in OUT.

use super::progress::Bar;
use super::{print_errors, Context};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 部门文件夹（`<单位>/<年度>/<文件>`，manifest.csv 可选）/ The department folder (`<unit>/<year>/<files>`, manifest.csv optional).
    pub dir: PathBuf,
    /// 输出文件夹 / Output folder.
    #[arg(long)]
    pub out: PathBuf,
    /// 同时更新的检索索引 / Search index updated in the same pass.
    #[arg(long, value_name = "DIR", default_value = luoshi::index::DEFAULT_DIR)]
    pub index: PathBuf,
    /// 工作线程数（默认每核一个）/ Worker threads (default: one per core).
    #[arg(long, default_value_t = 0)]
    pub jobs: usize,
    /// 只处理这一年度（2023）或区间（2022..2023），其他年度的页面与索引保持不变 / Only this year (2023) or range (2022..2023); other years' pages and index entries stay.
    #[arg(long)]
    pub year: Option<String>,
    /// 表头与状态用语：zh（中文，默认）或 en / Table headers and status words: zh (default) or en.
    #[arg(long, default_value = "zh", value_parser = ["zh", "en"])]
    pub lang: String,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        // Without a handler Ctrl-C still ends the run; atomic writes keep files whole either way.
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let years = args
        .year
        .as_deref()
        .map(|y| luoshi::years::parse_range("--year", y))
        .transpose()?;
    let cfg = luoshi::batch::Config {
        dir: args.dir,
        out: args.out,
        years,
        jobs: args.jobs,
        dicts: ctx.dicts.clone(),
        index: Some(args.index),
        lang: luoshi::vocab::Lang::parse(&args.lang).unwrap_or_default(),
    };
    let bar = Bar::new(ctx.quiet);
    let outcome = luoshi::batch::run(&cfg, &|p| bar.tick(p), &stop);
    bar.finish();
    let outcome = outcome?;
    ctx.print_warnings(&outcome.input_warnings);
    ctx.print_warnings(&outcome.warnings);
    let failed = print_errors(&outcome.errors);
    if outcome.interrupted {
        if outcome.complete {
            eprintln!(
                "interrupted while writing: the outputs were finished first and are complete"
            );
        } else {
            eprintln!("interrupted: no outputs written, index not updated (finished pairs are cached for the next run)");
        }
        return Ok(ExitCode::from(130));
    }
    if !ctx.quiet {
        let checked = outcome
            .units
            .iter()
            .filter(|u| u.status == luoshi::batch::CHECKED)
            .count();
        eprintln!(
            "{} documents in {} files; {} unit-years ({} compared, {} from cache); {} failed; outputs in {}",
            outcome.documents,
            outcome.files,
            outcome.units.len(),
            checked,
            outcome.cached,
            failed,
            cfg.out.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
