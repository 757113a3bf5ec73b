//! Aligned plain-text tables for terminals; column widths count CJK characters as two cells.

use super::Rows;
use std::io::Write;
use unicode_width::UnicodeWidthStr;

/// Longest cell shown before it is cut with "…" (full text is in JSON/CSV).
const MAX_CELL: usize = 60;

fn clip(s: &str) -> String {
    if s.width() <= MAX_CELL {
        return s.replace('\n', " ");
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw > MAX_CELL - 1 {
            break;
        }
        w += cw;
        out.push(if c == '\n' { ' ' } else { c });
    }
    out.push('…');
    out
}

/// Writes `rows` as an aligned table.
pub fn write_table(out: &mut dyn Write, rows: &Rows) -> std::io::Result<()> {
    let cells: Vec<Vec<String>> = std::iter::once(&rows.headers)
        .chain(rows.rows.iter())
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let ncol = rows.headers.len();
    let mut widths = vec![0usize; ncol];
    for r in &cells {
        for (i, c) in r.iter().enumerate().take(ncol) {
            widths[i] = widths[i].max(c.width());
        }
    }
    for r in &cells {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate().take(ncol) {
            line.push_str(c);
            if i + 1 < ncol {
                line.push_str(&" ".repeat(widths[i] - c.width() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
