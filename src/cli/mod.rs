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

/// luoshi (落实): what each plan promised, where the report shows it was done, and what was not.
#[derive(Debug, Parser)]
#[command(name = "luoshi", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Silence progress bars and notes (never errors).
    #[arg(long, global = true)]
    pub quiet: bool,
    /// Add your own jieba dictionary (word freq tag per line) on top of dictionaries/user.dict.
    #[arg(long = "dict", global = true, value_name = "PATH")]
    pub dicts: Vec<PathBuf>,
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
    /// List the documents found in files and folders, with metadata and encoding.
    Ingest(ingest::Args),
    /// Print a document's words as the domain-aware segmenter cuts them.
    Segment(segment::Args),
    /// Show the outline, tasks, commitments and targets of plans; roles, figures and placeholders of reports.
    Extract(extract::Args),
    /// Which plan tasks a report shows as done, partly done or not at all, with evidence.
    Gap(gap::Args),
    /// A whole department: pair every unit's plans with its report, write tables, pages and a workbook.
    Batch(batch::Args),
    /// Write a synthetic department (plans, reports, ground truth) for scale and robustness tests.
    Synth(synth::Args),
    /// Measure the gap analysis against gold labels in a folder of plan/report pairs.
    Eval(eval::Args),
    /// Index documents' passages for search (incremental: unchanged files are skipped).
    Index(index::Args),
    /// Search the indexed passages: words, OR, "exact phrases", -excluded; filters by unit, year, kind.
    Search(search::Args),
    /// Per year (unit, kind): how many plans and reports, and units, mention each term.
    Trend(trend::Args),
    /// Browse search, documents, units and trends in a browser; review tasks (JSON API under /api/).
    Serve(serve::Args),
    /// Reviewers' confirmations and overrides: export them as labelled pairs for `luoshi eval`.
    Reviews(reviews::Args),
}

/// Runs a parsed command line; the exit code says whether every input was processed.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let ctx = Context {
        quiet: cli.quiet,
        dicts: cli.dicts,
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

/// Writes rows in the chosen tabular format.
pub fn write_rows(
    out: &mut dyn Write,
    rows: &luoshi::report::Rows,
    format: Format,
) -> std::io::Result<()> {
    match format {
        Format::Csv => luoshi::report::write_csv(out, rows, luoshi::report::CsvTarget::Stdout),
        _ => luoshi::report::table::write_table(out, rows),
    }
}
