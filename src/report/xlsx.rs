//! Rows to an .xlsx workbook (rust_xlsxwriter): frozen header, autofilter, status cells coloured.
//! The creation date is fixed so the same rows give the same bytes on every run.

use super::Rows;
use rust_xlsxwriter::{Color, DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

/// One sheet to write: its name, its rows, which column holds a status to colour, which are numbers.
pub struct Sheet<'a> {
    pub name: &'a str,
    pub rows: &'a Rows,
    pub status_column: Option<usize>,
    pub number_columns: &'a [usize],
}

/// Cell colour of a status column: a task's status or a unit-year's pairing status.
fn status_color(s: &str) -> Option<u32> {
    use crate::vocab::{CHECKED, NO_PLAN, NO_REPORT, NO_TASKS};
    Some(match s {
        "done" => 0xC8E6C9,
        "partial" => 0xFFE0B2,
        "missing" | NO_REPORT | NO_PLAN | NO_TASKS => 0xFFCDD2,
        CHECKED => 0xE3F2FD,
        _ => return None,
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
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name)?;
        for (c, h) in sheet.rows.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header)?;
            ws.set_column_width(c as u16, if c < 2 { 14 } else { 18 })?;
        }
        for (r, row) in sheet.rows.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                let fitted = fit_cell(cell);
                let cell: &str = &fitted;
                let number = sheet
                    .number_columns
                    .contains(&c)
                    .then(|| cell.parse::<f64>().ok())
                    .flatten();
                let color = (sheet.status_column == Some(c))
                    .then(|| status_color(cell))
                    .flatten();
                match (number, color) {
                    (Some(n), _) => {
                        ws.write_number(r, col, n)?;
                    }
                    (None, Some(rgb)) => {
                        let f = Format::new().set_background_color(Color::RGB(rgb));
                        ws.write_string_with_format(r, col, cell, &f)?;
                    }
                    (None, None) => {
                        ws.write_string(r, col, cell)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_col = sheet.rows.headers.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, sheet.rows.rows.len() as u32, last_col)?;
    }
    wb.save_to_buffer()
}
