//! `luoshi search QUERY`: ranked passages with snippets, count and facets first.

use super::{resolve_format, stdout, Context, FormatArg};
use luoshi::index::{parse_year_range, Filters, LuoshiIndex, SearchResults, DEFAULT_DIR};
use luoshi::report::table::wrap;
use luoshi::report::{write_csv, write_json, CsvTarget, Format, Rows};
use luoshi::{Error, Kind};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// 检索词（全部须出现）、OR、"精确短语"、-排除词；整个查询加引号（`'廉政 -党课'`），以减号开头时放在 `--` 之后 /
    /// Words (all must match), OR, "exact phrases", -excluded words; quote the whole query
    /// (`'廉政 -党课'`) or put it after `--` when it starts with a minus.
    #[arg(required = true)]
    pub query: Vec<String>,
    /// 只看这些单位（可重复）/ Only these units (repeatable).
    #[arg(long = "unit", value_name = "UNIT")]
    pub units: Vec<String>,
    /// 年度（2022）或范围（2020..2023）/ A year (2022) or a range (2020..2023).
    #[arg(long, value_name = "Y|Y1..Y2")]
    pub year: Option<String>,
    /// 文档类型 plan、tasklist、responsibility 或 report（可重复）/ plan, tasklist, responsibility or report (repeatable).
    #[arg(long = "kind", value_name = "KIND")]
    pub kinds: Vec<String>,
    /// 显示条数 / Results to show.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// 输出格式（默认表格）/ Output format (default: table).
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// 索引文件夹 / Index folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DIR)]
    pub index: PathBuf,
}

/// Filters from the flags; a bad year or kind is a usage error.
pub fn filters(units: &[String], year: Option<&str>, kinds: &[String]) -> anyhow::Result<Filters> {
    let kinds = kinds
        .iter()
        .map(|k| {
            Kind::parse(k).ok_or_else(|| {
                Error::Usage(format!(
                    "unknown --kind '{k}' (expected plan, tasklist, responsibility or report)"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Filters {
        units: units.to_vec(),
        years: year.map(parse_year_range).transpose()?,
        kinds,
    })
}

/// Opens the index, warning when it was built with other dictionaries or by another luoshi.
pub fn open(ctx: &Context, dir: &std::path::Path) -> anyhow::Result<LuoshiIndex> {
    let seg = ctx.segmenter()?;
    let ix = LuoshiIndex::open(dir, seg)?;
    if ix.analysis_changed() && !ctx.quiet {
        eprintln!(
            "warning: {}: index was built with other dictionaries or by another luoshi; run `luoshi index` again",
            dir.display()
        );
    }
    Ok(ix)
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<usize> {
    if matches!(args.format, Some(FormatArg::Md | FormatArg::Html)) {
        return Err(Error::Usage("search prints table, json or csv".into()).into());
    }
    let filters = filters(&args.units, args.year.as_deref(), &args.kinds)?;
    let text = args.query.join(" ");
    // Parse before opening the index, so a malformed query is a usage error either way.
    luoshi::index::query::parse(&text)?;
    let ix = open(ctx, &args.index)?;
    let res = ix.search(&text, &filters, args.limit)?;
    warn_unknown_units(ctx, &ix, &filters.units)?;
    let mut out = stdout();
    match resolve_format(args.format) {
        Format::Json => write_json(&mut out, &res)?,
        Format::Csv => write_csv(&mut out, &csv_rows(&res), CsvTarget::Stdout)?,
        _ => write_table(&mut out, &res, std::io::stdout().is_terminal(), ctx.width)?,
    }
    out.flush()?;
    Ok(0)
}

/// A `--unit` that names no indexed unit matches nothing: say so, with the nearest names.
pub fn warn_unknown_units(ctx: &Context, ix: &LuoshiIndex, asked: &[String]) -> anyhow::Result<()> {
    if asked.is_empty() || ctx.quiet {
        return Ok(());
    }
    let known = ix.units()?;
    for u in asked.iter().filter(|u| !known.contains(u)) {
        let near = nearest_names(u, &known, 5);
        let near = if near.is_empty() {
            "no unit names are similar".to_string()
        } else {
            format!("nearest: {}", near.join(", "))
        };
        eprintln!("warning: --unit '{u}' matches no unit in the index; {near}");
    }
    Ok(())
}

/// The `n` names most like `asked`: names containing it (or contained in it) first, then by the
/// share of characters in common (Dice over characters); names with nothing in common are left out.
pub fn nearest_names(asked: &str, names: &[String], n: usize) -> Vec<String> {
    let a: Vec<char> = asked.chars().collect();
    let mut scored: Vec<(f64, &String)> = names
        .iter()
        .filter_map(|name| {
            let b: Vec<char> = name.chars().collect();
            let common = a.iter().filter(|c| b.contains(c)).count();
            let dice = 2.0 * common as f64 / (a.len() + b.len()).max(1) as f64;
            let inside = name.contains(asked) || asked.contains(name.as_str());
            let score = dice + if inside { 1.0 } else { 0.0 };
            (common > 0).then_some((score, name))
        })
        .collect();
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    scored.into_iter().take(n).map(|(_, s)| s.clone()).collect()
}

fn csv_rows(res: &SearchResults) -> Rows {
    let mut t = Rows::new(&[
        "unit",
        "year",
        "kind",
        "path",
        "outline_path",
        "title",
        "snippet",
        "highlights",
        "score",
    ]);
    for h in &res.results {
        let hl: Vec<String> = h
            .highlights
            .iter()
            .map(|(s, e)| format!("{s}-{e}"))
            .collect();
        t.rows.push(vec![
            h.unit.clone(),
            h.year.map(|y| y.to_string()).unwrap_or_default(),
            h.kind.clone(),
            h.path.clone(),
            h.outline_path.clone(),
            h.title.clone(),
            h.snippet.clone(),
            hl.join(" "),
            format!("{:.3}", h.score),
        ]);
    }
    t
}

fn facet_line(name: &str, counts: &BTreeMap<String, usize>) -> String {
    let parts: Vec<String> = counts.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!("{name}: {}", parts.join(", "))
}

/// The snippet with highlights in bold when `ansi`, plain otherwise.
fn render(snippet: &str, highlights: &[(usize, usize)], ansi: bool) -> String {
    if !ansi {
        return snippet.to_string();
    }
    let mut out = String::new();
    let mut hl = highlights.iter().peekable();
    let mut open = false;
    for (i, c) in snippet.chars().enumerate() {
        if let Some(&&(s, e)) = hl.peek() {
            if i == s && !open {
                out.push_str("\x1b[1m");
                open = true;
            }
            if i == e && open {
                out.push_str("\x1b[0m");
                open = false;
                hl.next();
                if let Some(&&(s2, _)) = hl.peek() {
                    if s2 == i {
                        out.push_str("\x1b[1m");
                        open = true;
                    }
                }
            }
        }
        out.push(c);
    }
    if open {
        out.push_str("\x1b[0m");
    }
    out
}

/// Search results for a reader: the counts and facets, then each passage under its unit, year,
/// kind and title, every line wrapped to `width` display columns.
fn write_table(
    out: &mut dyn Write,
    res: &SearchResults,
    ansi: bool,
    width: usize,
) -> std::io::Result<()> {
    let wrapped = |out: &mut dyn Write, first: &str, indent: &str, text: &str| {
        let room = width.saturating_sub(indent.width()).max(8);
        for (k, line) in wrap(text, room).into_iter().enumerate() {
            writeln!(out, "{}{line}", if k == 0 { first } else { indent })?;
        }
        std::io::Result::Ok(())
    };
    let head = format!(
        "{} 段 passages | {} | {} | {}",
        res.count,
        facet_line("单位 unit", &res.facets.unit),
        facet_line("年度 year", &res.facets.year),
        facet_line("类型 kind", &res.facets.kind)
    );
    wrapped(out, "", "", &head)?;
    for (i, h) in res.results.iter().enumerate() {
        let year = h.year.map(|y| y.to_string()).unwrap_or_default();
        writeln!(out)?;
        let first = format!("{:>3}. ", i + 1);
        let line = format!(
            "{:.2}  {}  {}  {}  {}",
            h.score, h.unit, year, h.kind, h.title
        );
        wrapped(out, &first, "     ", &line)?;
        let outline = if h.outline_path.is_empty() {
            String::new()
        } else {
            format!("  {}", h.outline_path)
        };
        wrapped(out, "     ", "     ", &format!("{}{}", h.path, outline))?;
        wrapped(
            out,
            "     ",
            "     ",
            &render(&h.snippet, &h.highlights, ansi),
        )?;
    }
    Ok(())
}
