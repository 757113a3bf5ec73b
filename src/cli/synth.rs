//! `luoshi synth --units N --years A..B --seed S --out DIR`: a synthetic department.

use super::Context;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 单位数 / Number of units.
    #[arg(long, default_value_t = 10)]
    pub units: usize,
    /// 年度，如 `2021..2023`（含两端）或单一年度 / Years, as `2021..2023` (inclusive) or one year.
    #[arg(long, default_value = "2022..2023")]
    pub years: String,
    /// 随机种子：相同种子生成相同文件 / PRNG seed: the same seed gives the same files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// 输出文件夹（`<单位>/<年度>/plan.txt、report.txt` 与 `.synth-truth.csv`）/ Output folder (`<unit>/<year>/plan.txt, report.txt` and `.synth-truth.csv`).
    #[arg(long)]
    pub out: PathBuf,
}

/// Parses `2021..2023`, `2021..=2023` or `2022` into an inclusive range.
pub fn parse_years(s: &str) -> Result<std::ops::RangeInclusive<i32>, luoshi::Error> {
    let bad = || {
        luoshi::Error::Usage(format!(
            "--years: expected a range like 2021..2023, got '{s}'"
        ))
    };
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (a.trim(), b.trim().trim_start_matches('=')),
        None => (s.trim(), s.trim()),
    };
    let a: i32 = a.parse().map_err(|_| bad())?;
    let b: i32 = b.parse().map_err(|_| bad())?;
    if a > b || b - a > 100 {
        return Err(bad());
    }
    Ok(a..=b)
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    let years = parse_years(&args.years)?;
    let seg = ctx.segmenter()?;
    let cfg = luoshi::synth::Config {
        units: args.units,
        years,
        seed: args.seed,
        out: args.out,
    };
    let w = luoshi::synth::synth(&cfg, &seg)?;
    if !ctx.quiet {
        eprintln!(
            "wrote {} documents ({} bytes) and {} truth rows to {}",
            w.documents,
            w.bytes,
            w.truth_rows,
            cfg.out.display()
        );
    }
    Ok(0)
}
