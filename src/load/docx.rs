//! `.docx` to text: the paragraphs of word/document.xml, one line each; a task-list table (责任清单)
//! one numbered line a row. No other module knows the format.

use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// The most decompressed XML read from one docx entry: a zip bomb (1 MB expanding to 1 GiB) is
/// refused at this size instead of exhausting memory.
pub const MAX_XML_BYTES: u64 = 64 * 1024 * 1024;

/// Extracts paragraph text from a .docx file's bytes.
pub fn docx_text(bytes: &[u8]) -> Result<String, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "not a docx (zip) file".to_string())?;
    let mut raw = Vec::new();
    {
        let entry = archive
            .by_name("word/document.xml")
            .map_err(|_| "corrupt docx: word/document.xml is missing".to_string())?;
        let too_large = || {
            format!(
                "too large: word/document.xml expands beyond {} MiB (a zip bomb?)",
                MAX_XML_BYTES / (1024 * 1024)
            )
        };
        // The declared size can lie, so the read itself is bounded too.
        if entry.size() > MAX_XML_BYTES {
            return Err(too_large());
        }
        entry
            .take(MAX_XML_BYTES + 1)
            .read_to_end(&mut raw)
            .map_err(|e| format!("corrupt docx: cannot read word/document.xml ({e})"))?;
        if raw.len() as u64 > MAX_XML_BYTES {
            return Err(too_large());
        }
    }
    let xml = String::from_utf8(raw)
        .map_err(|_| "corrupt docx: word/document.xml is not UTF-8".to_string())?;
    let mut reader = Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut table = Table::default();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match e.name().as_ref() {
                "w:t" => in_text = true,
                "w:tbl" => table.depth += 1,
                "w:tr" if table.depth == 1 => table.row.clear(),
                "w:tc" if table.depth == 1 => table.cell.clear(),
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => table.push_str(&mut out, "\n"),
                "w:tc" if table.depth == 1 => table.row.push(super::xlsx::squeeze(&table.cell)),
                "w:tr" if table.depth == 1 => table.rows.push(std::mem::take(&mut table.row)),
                "w:tbl" => table.end(&mut out),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                "w:tab" => table.push_str(&mut out, "\t"),
                "w:br" | "w:p" => table.push_str(&mut out, "\n"),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                table.push_str(&mut out, &t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    table.push_str(&mut out, c.encode_utf8(&mut [0; 4]));
                    continue;
                }
                table.push_str(&mut out, predefined_entity(r.xml10_content().as_ref()));
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("corrupt docx: malformed document.xml ({e})")),
            _ => {}
        }
    }
    if out.trim().is_empty() {
        return Err("empty file (the docx holds no text)".into());
    }
    Ok(out)
}

/// A table being read: a task list (责任清单 whose header names a task column) becomes one
/// `n.任务（责任单位：…；时限：…）` paragraph per row, as an .xlsx 台账 does; any other table
/// keeps the paragraphs of its cells, one line each.
#[derive(Default)]
struct Table {
    /// Nesting depth: 0 outside any table. A nested table's text belongs to its outer cell.
    depth: usize,
    rows: Vec<Vec<String>>,
    row: Vec<String>,
    cell: String,
    /// The table's text as plain paragraphs, used when it is no task list.
    lines: String,
}

impl Table {
    /// Text goes to the document outside tables, to the cell and the table's lines inside one.
    fn push_str(&mut self, out: &mut String, s: &str) {
        if self.depth == 0 {
            out.push_str(s);
            return;
        }
        self.lines.push_str(s);
        self.cell
            .push_str(if s == "\n" || s == "\t" { " " } else { s });
    }

    /// Closes a table: the outermost writes itself out as a task list or as its lines.
    fn end(&mut self, out: &mut String) {
        self.depth = self.depth.saturating_sub(1);
        if self.depth > 0 {
            return;
        }
        match super::xlsx::task_list(&self.rows, "") {
            Some(list) => {
                out.push_str(list.trim_start_matches('\n'));
                out.push('\n');
            }
            None => out.push_str(&self.lines),
        }
        *self = Table::default();
    }
}

/// The text of one of XML's five predefined entities (`&amp;` …); any other entity reads as
/// nothing, since Word and OFD writers declare none of their own.
pub(super) fn predefined_entity(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}
