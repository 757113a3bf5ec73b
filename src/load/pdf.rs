//! PDF to text through `pdf-extract` (MIT): the text layer in content order, one line per laid-out
//! line, and wrapped lines joined back into paragraphs (`join_wrapped`). A PDF without a text layer
//! (a scan) is an error that says so. The only module that knows the format.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

/// The most bytes a PDF's zlib streams may expand to, in all (a PDF bomb is refused before the
/// reader, which inflates every stream in full, sees it). Larger than for .docx: flate images count.
pub const MAX_PDF_INFLATED_BYTES: u64 = 256 * 1024 * 1024;

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Inflates every `stream … endstream` that is zlib data, counting bytes and keeping none, and
/// refuses the file once they pass `MAX_PDF_INFLATED_BYTES`. Streams of other encodings count 0.
fn check_inflated_size(bytes: &[u8]) -> Result<(), String> {
    use std::io::Read;
    let mut total = 0u64;
    let mut at = 0;
    let mut buf = vec![0u8; 64 * 1024];
    while let Some(p) = find(&bytes[at..], b"stream") {
        let key = at + p;
        at = key + 6;
        if key >= 3 && &bytes[key - 3..key] == b"end" {
            continue;
        }
        let mut start = at;
        if bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let end = find(&bytes[start..], b"endstream").map_or(bytes.len(), |e| start + e);
        let mut z = flate2::read::ZlibDecoder::new(&bytes[start..end]);
        while let Ok(n) = z.read(&mut buf) {
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > MAX_PDF_INFLATED_BYTES {
                return Err(format!(
                    "too large: PDF streams expand beyond {} MiB (a PDF bomb?)",
                    MAX_PDF_INFLATED_BYTES / (1024 * 1024)
                ));
            }
        }
        at = end;
    }
    Ok(())
}

thread_local! {
    /// Set while this thread reads a PDF, so a panic inside the reader prints nothing.
    static READING: Cell<bool> = const { Cell::new(false) };
}

/// Wraps the process's panic hook once so that a panic inside `pdf-extract` (it has panicked on
/// malformed files) is silent: it becomes this file's one `error:` line instead.
fn quiet_panics_while_reading() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !READING.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// The text of a PDF's text layer. An error names what was wrong.
pub fn pdf_text(bytes: &[u8], _stem: &str) -> Result<String, String> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err("not a PDF file".into());
    }
    check_inflated_size(bytes)?;
    quiet_panics_while_reading();
    READING.with(|r| r.set(true));
    let read = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    }));
    READING.with(|r| r.set(false));
    let text = match read {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => return Err(format!("corrupt PDF ({e})")),
        Err(_) => return Err("corrupt PDF (its structure could not be read)".into()),
    };
    if !text.chars().any(|c| c.is_alphanumeric()) {
        return Err("PDF has no text layer (scanned?)".into());
    }
    Ok(join_wrapped(&text))
}

/// Removes the spaces the extractor puts where a line switches between a CJK and a Latin font
/// (`党中央 XX 委`, `2023 年`): one space between a Han or full-width character and an ASCII letter
/// or digit. Chinese text does not space these; the PDF only drew them as two runs.
fn font_switch_spaces(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let wide = |c: char| !c.is_ascii() && !c.is_whitespace();
    let narrow = |c: char| c.is_ascii_alphanumeric();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && i > 0 && i + 1 < chars.len() {
            let (a, b) = (chars[i - 1], chars[i + 1]);
            if (wide(a) && narrow(b)) || (narrow(a) && wide(b)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A line's width in half-em units: CJK and full-width characters two, others one.
fn width(line: &str) -> usize {
    line.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// The share of the full line width from which a line counts as full, so that it wrapped.
const FULL_LINE: f64 = 0.9;

/// Joins laid-out lines back into paragraphs: a line continues the one before when that one is
/// full (at least `FULL_LINE` of the width most lines reach: the 80th percentile), unless it opens
/// with an outline marker. Blank lines (page breaks) do not end a paragraph that ran on.
fn join_wrapped(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| font_switch_spaces(l.trim())).collect();
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| width(l))
        .collect();
    widths.sort_unstable();
    let full = widths
        .get(widths.len() * 4 / 5)
        .map_or(usize::MAX, |&w| (w as f64 * FULL_LINE) as usize);
    let mut out = String::with_capacity(text.len());
    let mut prev_full = false;
    for l in lines.iter().map(String::as_str).filter(|l| !l.is_empty()) {
        let continues = prev_full && !crate::outline::marker::starts_with_marker(l);
        if !continues && !out.is_empty() {
            out.push('\n');
        }
        out.push_str(l);
        prev_full = width(l) >= full;
    }
    out.push('\n');
    out
}
