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

/// Parses `2021..2023`, `2021..=2023` or `2022` into an inclusive range (as every command
/// parses years), at most a century long.
pub fn parse_years(s: &str) -> Result<std::ops::RangeInclusive<i32>, luoshi::Error> {
    let (a, b) = luoshi::years::parse_range("--years", s)?;
    if b - a > 100 {
        return Err(luoshi::Error::Usage(format!(
            "bad --years '{s}': more than a century"
        )));
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
