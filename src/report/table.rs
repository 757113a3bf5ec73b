//! Plain-text tables for terminals (comfy-table): fitted to a width the caller gives, the widest
//! text columns wrapped by display width (a CJK character takes two cells).

use super::Rows;
use comfy_table::{presets, ContentArrangement, Table};
use std::io::Write;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The width tables fit when neither a terminal, `--width` nor `COLUMNS` says otherwise.
pub const DEFAULT_WIDTH: usize = 120;

/// The narrowest width luoshi fits a table into; narrower requests are raised to this.
pub const MIN_WIDTH: usize = 40;

/// Longest cell shown before it is cut with "…" (the full text is in JSON/CSV): a whole
/// paragraph wrapped into a table cell would bury the rows around it.
const MAX_CELL: usize = 240;

/// A cell on one logical line, cut at `MAX_CELL` display columns.
fn clip(s: &str) -> String {
    let flat = s.replace(['\n', '\r', '\t'], " ");
    if flat.width() <= MAX_CELL {
        return flat;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in flat.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw > MAX_CELL - 1 {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// Writes `rows` as a table no line of which is wider than `width` display columns.
pub fn write_table(out: &mut dyn Write, rows: &Rows, width: usize) -> std::io::Result<()> {
    let mut t = Table::new();
    t.load_preset(presets::ASCII_NO_BORDERS)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.max(MIN_WIDTH).min(u16::MAX as usize) as u16)
        .set_header(rows.headers.iter().map(|h| clip(h)));
    for r in &rows.rows {
        t.add_row(r.iter().map(|c| clip(c)));
    }
    // Lines start at the left margin, as `grep '^name'` and readers expect.
    if let Some(first) = t.column_mut(0) {
        first.set_padding((0, 1));
    }
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Display width of a line, ANSI colour sequences (`ESC [ … m`) counted as nothing.
fn visible_width(s: &str) -> usize {
    let mut w = 0;
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\x1b') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, c) => w += c.width().unwrap_or(0),
        }
    }
    w
}

/// Breaks a line into pieces of at most `width` display columns (ANSI sequences kept and not
/// counted), for free text such as search snippets printed under an indent.
pub fn wrap(s: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = vec![String::new()];
    let mut w = 0;
    let mut in_escape = false;
    for c in s.chars() {
        let cw = if in_escape || c == '\x1b' {
            in_escape = !(in_escape && c == 'm');
            0
        } else {
            c.width().unwrap_or(0)
        };
        if w + cw > width {
            lines.push(String::new());
            w = 0;
        }
        w += cw;
        lines.last_mut().expect("one line at least").push(c);
    }
    debug_assert!(lines.iter().all(|l| visible_width(l) <= width));
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_text_wraps_within_the_width() {
        let mut rows = Rows::new(&["编号", "任务"]);
        rows.rows.push(vec![
            "t1".into(),
            "严格落实中央八项规定精神，持续纠治形式主义、官僚主义，".repeat(4),
        ]);
        for width in [40, 80] {
            let mut buf = Vec::new();
            write_table(&mut buf, &rows, width).unwrap();
            let text = String::from_utf8(buf).unwrap();
            assert!(text.lines().count() > 4, "{text}");
            for l in text.lines() {
                assert!(l.width() <= width, "{} > {width}: {l}", l.width());
            }
        }
    }

    #[test]
    fn wrapping_skips_colour_codes() {
        let s = format!("\x1b[1;31m{}\x1b[0m尾", "落实".repeat(10));
        let lines = wrap(&s, 10);
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(lines.iter().all(|l| visible_width(l) <= 10));
        assert_eq!(lines.concat(), s);
    }
}
