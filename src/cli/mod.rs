//! The command line: clap definitions and dispatch. Only cli/ knows clap, anyhow and exit codes.

mod batch;
mod eval;
mod extract;
mod gap;
mod index;
mod ingest;
mod progress;
mod reviews;
mod search;
mod segment;
mod serve;
mod synth;
mod trend;

use clap::{Parser, Subcommand, ValueEnum};
use luoshi::report::Format;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// luoshi（落实）：每份计划承诺了什么，报告在哪里说明已落实，哪些没有下文 / what each plan promised, where the report shows it was done, and what was not.
#[derive(Debug, Parser)]
#[command(
    name = "luoshi",
    version,
    propagate_version = true,
    after_help = "常用 / The two commands:\n  luoshi batch 部门文件夹 --out 输出文件夹      整个部门：汇总表、Excel 台账、网页 / a whole department\n  luoshi gap --plan 计划.docx --report 报告.docx   一份计划对一份报告 / one plan against one report"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// 不显示进度条和提示（错误照常显示）/ Silence progress bars and notes (never errors).
    #[arg(long, global = true)]
    pub quiet: bool,
    /// 追加自定义分词词典（每行：词 词频 词性）/ Add your own jieba dictionary (word freq tag per line) on top of dictionaries/user.dict.
    #[arg(long = "dict", global = true, value_name = "PATH")]
    pub dicts: Vec<PathBuf>,
    /// 表格宽度（列数；默认为终端宽度、COLUMNS 或 120）/ Table width in columns (default: the terminal, COLUMNS, or 120).
    #[arg(long, global = true, value_name = "N")]
    pub width: Option<usize>,
}

/// Output format flag values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
    Csv,
    Md,
    Html,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Md => Format::Md,
            FormatArg::Html => Format::Html,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 列出文件中的文档及其单位、年度、类型和编码 / List the documents found in files and folders, with metadata and encoding.
    Ingest(ingest::Args),
    /// 显示文档的分词结果 / Print a document's words as the domain-aware segmenter cuts them.
    Segment(segment::Args),
    /// 显示计划的层次、任务、承诺和目标，报告的段落角色、数字和空缺 / Show the outline, tasks, commitments and targets of plans; roles, figures and placeholders of reports.
    Extract(extract::Args),
    /// 核对一份计划与一份报告：每项任务已落实、部分落实还是未见落实，附证据 / Which plan tasks a report shows as done, partly done or not at all, with evidence.
    Gap(gap::Args),
    /// 整个部门：每个单位的计划与同年度报告逐一核对，输出汇总表、网页和 Excel 台账 / A whole department: pair every unit's plans with its report, write tables, pages and a workbook.
    Batch(batch::Args),
    /// 生成合成部门数据（计划、报告、真值），用于规模与稳健性测试 / Write a synthetic department (plans, reports, ground truth) for scale and robustness tests.
    Synth(synth::Args),
    /// 用标注样本评测落实分析 / Measure the gap analysis against gold labels in a folder of plan/report pairs.
    Eval(eval::Args),
    /// 为检索建立段落索引（增量：未变的文件跳过）/ Index documents' passages for search (incremental: unchanged files are skipped).
    Index(index::Args),
    /// 检索已索引的段落：词语、OR、"精确短语"、-排除词；可按单位、年度、类型筛选 / Search the indexed passages: words, OR, "exact phrases", -excluded; filters by unit, year, kind.
    Search(search::Args),
    /// 按年度（单位、类型）统计提到各词语的计划、报告和单位数 / Per year (unit, kind): how many plans and reports, and units, mention each term.
    Trend(trend::Args),
    /// 在浏览器中检索、浏览单位与趋势并复核任务（JSON 接口在 /api/）/ Browse search, documents, units and trends in a browser; review tasks (JSON API under /api/).
    Serve(serve::Args),
    /// 复核意见：导出为 `luoshi eval` 可用的标注样本 / Reviewers' confirmations and overrides: export them as labelled pairs for `luoshi eval`.
    Reviews(reviews::Args),
}

/// Runs a parsed command line; the exit code says whether every input was processed.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let ctx = Context {
        quiet: cli.quiet,
        dicts: cli.dicts,
        width: table_width(cli.width),
    };
    let failed = match cli.command {
        Command::Ingest(a) => ingest::run(&ctx, a)?,
        Command::Segment(a) => segment::run(&ctx, a)?,
        Command::Eval(a) => eval::run(&ctx, a)?,
        Command::Extract(a) => extract::run(&ctx, a)?,
        Command::Gap(a) => gap::run(&ctx, a)?,
        Command::Synth(a) => synth::run(&ctx, a)?,
        Command::Batch(a) => return batch::run(&ctx, a),
        Command::Index(a) => index::run(&ctx, a)?,
        Command::Search(a) => search::run(&ctx, a)?,
        Command::Trend(a) => trend::run(&ctx, a)?,
        Command::Serve(a) => serve::run(&ctx, a)?,
        Command::Reviews(a) => reviews::run(&ctx, a)?,
    };
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Flags every subcommand shares.
pub struct Context {
    pub quiet: bool,
    pub dicts: Vec<PathBuf>,
    /// The width terminal tables fit into.
    pub width: usize,
}

/// The width tables fit: `--width`, else the terminal's when stdout is one, else `COLUMNS`,
/// else `report::table::DEFAULT_WIDTH`.
fn table_width(flag: Option<usize>) -> usize {
    use std::io::IsTerminal;
    let terminal = || {
        std::io::stdout()
            .is_terminal()
            .then(|| console::Term::stdout().size_checked())
            .flatten()
            .map(|(_, cols)| cols as usize)
    };
    let columns = || std::env::var("COLUMNS").ok()?.trim().parse::<usize>().ok();
    flag.or_else(terminal)
        .or_else(columns)
        .filter(|w| *w > 0)
        .unwrap_or(luoshi::report::table::DEFAULT_WIDTH)
}

impl Context {
    /// A segmenter with the embedded dictionaries plus `--dict`, warnings shown unless quiet.
    pub fn segmenter(&self) -> anyhow::Result<std::sync::Arc<luoshi::Segmenter>> {
        let seg = luoshi::Segmenter::for_dicts(&self.dicts)?;
        self.print_warnings(&seg.warnings);
        Ok(seg)
    }

    /// Shows what was guessed or repaired (`warning: …` lines), unless quiet.
    pub fn print_warnings<W: std::fmt::Display>(&self, warnings: &[W]) {
        if !self.quiet {
            for w in warnings {
                eprintln!("warning: {w}");
            }
        }
    }
}

/// Default format: a table on a terminal, otherwise as asked.
pub fn resolve_format(f: Option<FormatArg>) -> Format {
    f.map(Format::from).unwrap_or(Format::Table)
}

/// Prints one line per failed input and returns how many there were.
pub fn print_errors(errors: &[luoshi::Error]) -> usize {
    for e in errors {
        eprintln!("error: {e}");
    }
    errors.len()
}

/// Maps an error to its message and exit code: usage errors 1, a closed pipe 0, anything else 2.
pub fn report_error(e: &anyhow::Error) -> ExitCode {
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        if io.kind() == std::io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
    }
    if let Some(luoshi::Error::Usage(msg)) = e.downcast_ref::<luoshi::Error>() {
        eprintln!("error: {msg}");
        return ExitCode::from(1);
    }
    // luoshi's own errors already name their cause; the chain would print it twice.
    match e.downcast_ref::<luoshi::Error>() {
        Some(own) => eprintln!("error: {own}"),
        None => eprintln!("error: {e:#}"),
    }
    ExitCode::from(2)
}

/// Stdout, buffered; callers write through it and errors (closed pipe) propagate.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// Writes rows in the chosen tabular format, a table fitted to `width` columns. CSV keeps its
/// machine headers (scripts read them); a table names its columns in Chinese with the English
/// beside.
pub fn write_rows(
    out: &mut dyn Write,
    rows: &luoshi::report::Rows,
    format: Format,
    width: usize,
) -> std::io::Result<()> {
    match format {
        Format::Csv => luoshi::report::write_csv(out, rows, luoshi::report::CsvTarget::Stdout),
        _ => {
            let mut shown = rows.clone();
            for h in &mut shown.headers {
                if let Some((_, zh)) = TABLE_HEADERS.iter().find(|(en, _)| en == h) {
                    *h = format!("{zh} {h}");
                }
            }
            luoshi::report::table::write_table(out, &shown, width)
        }
    }
}

/// Chinese names of the columns `ingest`, `extract` and `trend` tables show.
const TABLE_HEADERS: [(&str, &str); 17] = [
    ("path", "文件"),
    ("unit", "单位"),
    ("year", "年度"),
    ("kind", "类型"),
    ("title", "标题"),
    ("encoding", "编码"),
    ("characters", "字数"),
    ("paragraphs", "段落数"),
    ("item", "条目"),
    ("outline_path", "所在章节"),
    ("title_or_span", "标题或原文"),
    ("details", "详情"),
    ("term", "词语"),
    ("plan_documents", "计划文件数"),
    ("plan_units", "计划单位数"),
    ("report_documents", "报告文件数"),
    ("report_units", "报告单位数"),
];
