//! Rows to an .xlsx workbook (rust_xlsxwriter): frozen header, autofilter, status cells coloured,
//! columns as wide as their content (a CJK character counts two), long text wrapped, rates as
//! numbers shown as percentages.
//! The creation date is fixed so the same rows give the same bytes on every run.

use super::Rows;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError,
};

/// One sheet to write: its name, its rows, which column holds a status to colour, which are
/// numbers, which are percentages (cells `55.3` or `55.3%`, stored as 0.553) and which wrap.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub rows: &'a Rows,
    pub status_column: Option<usize>,
    pub number_columns: &'a [usize],
    pub percent_columns: &'a [usize],
    pub wrap_columns: &'a [usize],
}

/// The widest a wrapped column grows (in Excel's character units); its text wraps beyond.
const WRAP_WIDTH: f64 = 50.0;
/// The widest any other column grows.
const MAX_WIDTH: f64 = 40.0;

/// A column's width from its content: the widest line of header or cell by display width
/// (a CJK character takes two units), plus room for the filter button, within the caps.
fn column_width(rows: &Rows, c: usize, wrap: bool) -> f64 {
    use unicode_width::UnicodeWidthStr;
    let widest = std::iter::once(&rows.headers)
        .chain(&rows.rows)
        .filter_map(|r| r.get(c))
        .flat_map(|cell| cell.lines())
        .map(|l| l.width())
        .max()
        .unwrap_or(0);
    (widest as f64 + 3.0).clamp(6.0, if wrap { WRAP_WIDTH } else { MAX_WIDTH })
}

/// Cell colour of a status column: a task's status or a unit-year's pairing status.
/// Either spelling (machine or Chinese) of a status gets the same colour.
fn status_color(s: &str) -> Option<u32> {
    use crate::vocab::{word, Lang, CHECKED, NO_PLAN, NO_REPORT, NO_TASKS};
    let is = |m: &str| s == m || s == word(m, Lang::Zh);
    Some(if is("done") {
        0xC8E6C9
    } else if is("partial") {
        0xFFE0B2
    } else if ["missing", NO_REPORT, NO_PLAN, NO_TASKS]
        .into_iter()
        .any(is)
    {
        0xFFCDD2
    } else if is(CHECKED) {
        0xE3F2FD
    } else {
        return None;
    })
}

/// Excel's limit on the characters of one cell; longer text makes the whole workbook fail.
pub const MAX_CELL_CHARS: usize = 32_767;

/// What replaces the end of a cut cell, so a reader sees the text goes on (in tasks.csv).
pub const CUT_MARK: &str = "…[已截断]";

/// A cell's text within Excel's limit: longer text is cut and ends with `CUT_MARK`.
pub fn fit_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    // Excel counts UTF-16 units; a text of few enough bytes is within the limit whatever it holds.
    if cell.len() <= MAX_CELL_CHARS || cell.encode_utf16().count() <= MAX_CELL_CHARS {
        return cell.into();
    }
    let room = MAX_CELL_CHARS - CUT_MARK.encode_utf16().count();
    let mut units = 0;
    let mut cut: String = cell
        .chars()
        .take_while(|c| {
            units += c.len_utf16();
            units <= room
        })
        .collect();
    cut.push_str(CUT_MARK);
    cut.into()
}

/// Renders sheets into workbook bytes, ready for an atomic write.
pub fn workbook_bytes(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 1)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("luoshi"),
    );
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xEEEEEE));
    let percent = Format::new().set_num_format("0.0%");
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name)?;
        for (c, h) in sheet.rows.headers.iter().enumerate() {
            let wrap = sheet.wrap_columns.contains(&c);
            ws.write_string_with_format(0, c as u16, h, &header)?;
            ws.set_column_width(c as u16, column_width(sheet.rows, c, wrap))?;
        }
        for (r, row) in sheet.rows.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                let fitted = fit_cell(cell);
                let cell: &str = &fitted;
                if sheet.percent_columns.contains(&c) {
                    if let Ok(p) = cell.trim_end_matches('%').parse::<f64>() {
                        ws.write_number_with_format(r, col, p / 100.0, &percent)?;
                        continue;
                    }
                }
                let number = sheet
                    .number_columns
                    .contains(&c)
                    .then(|| cell.parse::<f64>().ok())
                    .flatten();
                if let Some(n) = number {
                    ws.write_number(r, col, n)?;
                    continue;
                }
                let mut f = Format::new().set_align(FormatAlign::Top);
                if let Some(rgb) = (sheet.status_column == Some(c))
                    .then(|| status_color(cell))
                    .flatten()
                {
                    f = f.set_background_color(Color::RGB(rgb));
                }
                if sheet.wrap_columns.contains(&c) {
                    f = f.set_text_wrap();
                }
                ws.write_string_with_format(r, col, cell, &f)?;
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_col = sheet.rows.headers.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, sheet.rows.rows.len() as u32, last_col)?;
    }
    wb.save_to_buffer()
}
