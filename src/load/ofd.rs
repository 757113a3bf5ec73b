//! OFD (GB/T 33190, the national format for official documents: a zip of XML) to text. The text
//! is in each page's `Content.xml` as `TextObject`s (a `Boundary` box, a font `Size`) holding
//! `TextCode`s (`X`/`Y` offsets in the box, the characters). Pages are read in the order
//! `Document.xml` lists them; on a page, text is put in reading order (top to bottom, then left to
//! right) and laid out lines are joined back into paragraphs: a line starts a paragraph when it is
//! indented (公文 indent every paragraph two characters) or follows a line that ended short of the
//! right margin. An outline marker at a line's start is not enough: a wrapped line can begin with
//! 二是 as well.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Read};

/// The most decompressed bytes read from the parts of one OFD file (zip bombs), as for .docx.
pub const MAX_OFD_BYTES: u64 = 64 * 1024 * 1024;

/// The most pages read from one OFD file.
pub const MAX_PAGES: usize = 10_000;

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Reads one part, bounded by what is left of `budget`; a missing part is `Ok(None)`.
fn part(zip: &mut Archive, name: &str, budget: &mut u64) -> Result<Option<String>, String> {
    let name = name.trim_start_matches('/');
    let Ok(entry) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut raw = Vec::new();
    entry
        .take(*budget + 1)
        .read_to_end(&mut raw)
        .map_err(|e| format!("corrupt OFD: cannot read {name} ({e})"))?;
    if raw.len() as u64 > *budget {
        return Err(format!(
            "too large: OFD content expands beyond {} MiB (a zip bomb?)",
            MAX_OFD_BYTES / (1024 * 1024)
        ));
    }
    *budget -= raw.len() as u64;
    String::from_utf8(raw)
        .map(Some)
        .map_err(|_| format!("corrupt OFD: {name} is not UTF-8"))
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .map(|a| a.value.to_string())
}

/// The local name of an element (`ofd:TextCode` → `TextCode`).
fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// The text of every element named `element` in `xml`, with `attribute`'s value.
fn elements_with(xml: &str, element: &str, attribute: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if local(&e) == element => {
                current = Some((attr(&e, attribute).unwrap_or_default(), String::new()));
            }
            Ok(Event::Empty(e)) if local(&e) == element => {
                out.push((attr(&e, attribute).unwrap_or_default(), String::new()));
            }
            Ok(Event::Text(t)) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(t.xml10_content().trim());
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == element => {
                out.extend(current.take());
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// One run of characters on a page, in the page's millimetres.
#[derive(Debug, Clone)]
struct Run {
    x: f64,
    y: f64,
    /// The right edge of the enclosing TextObject's box, where the run's text ends.
    right: f64,
    size: f64,
    text: String,
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// The runs of one page's content, with their absolute positions.
fn page_runs(xml: &str) -> Result<Vec<Run>, String> {
    let mut reader = Reader::from_str(xml);
    let mut runs = Vec::new();
    // The enclosing TextObject's origin, right edge and font size, and the TextCode being read.
    let mut object: Option<(f64, f64, f64, f64)> = None;
    let mut code: Option<Run> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(&e).as_str() {
                "TextObject" => {
                    let b = numbers(&attr(&e, "Boundary").unwrap_or_default());
                    let size = attr(&e, "Size").and_then(|s| s.parse().ok()).unwrap_or(3.5);
                    let x = b.first().copied().unwrap_or(0.0);
                    object = Some((
                        x,
                        b.get(1).copied().unwrap_or(0.0),
                        x + b.get(2).copied().unwrap_or(0.0),
                        size,
                    ));
                }
                "TextCode" => {
                    let (ox, oy, right, size) = object.unwrap_or((0.0, 0.0, 0.0, 3.5));
                    let n = |k: &str| attr(&e, k).and_then(|v| v.parse::<f64>().ok());
                    code = Some(Run {
                        x: ox + n("X").unwrap_or(0.0),
                        y: oy + n("Y").unwrap_or(0.0),
                        right,
                        size,
                        text: String::new(),
                    });
                }
                _ => {}
            },
            Ok(Event::Text(t)) => {
                if let Some(c) = code.as_mut() {
                    c.text.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                if let Some(c) = code.as_mut() {
                    if let Ok(Some(ch)) = r.resolve_char_ref() {
                        c.text.push(ch);
                    } else {
                        c.text
                            .push_str(super::docx::predefined_entity(r.xml10_content().as_ref()));
                    }
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                "TextCode" => runs.extend(code.take().filter(|c| !c.text.is_empty())),
                "TextObject" => object = None,
                _ => {}
            },
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("corrupt OFD: malformed page content ({e})")),
            _ => {}
        }
    }
    Ok(runs)
}

/// One laid-out line: where it starts and ends, its font size and its text.
struct Line {
    x: f64,
    end: f64,
    size: f64,
    text: String,
}

/// Runs grouped into lines (same baseline within a third of the font size), top to bottom, each
/// line's runs left to right.
fn lines(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut out: Vec<(f64, Vec<Run>)> = Vec::new();
    for r in runs {
        match out.last_mut() {
            Some((y, line)) if (r.y - *y).abs() <= r.size / 3.0 => line.push(r),
            _ => out.push((r.y, vec![r])),
        }
    }
    out.into_iter()
        .map(|(_, mut rs)| {
            rs.sort_by(|a, b| a.x.total_cmp(&b.x));
            // The box's edge, or for a box without a width an estimate: CJK one em, others half.
            let last = rs
                .iter()
                .map(|r| {
                    if r.right > r.x {
                        r.right
                    } else {
                        r.x + width(&r.text, r.size)
                    }
                })
                .fold(0.0, f64::max);
            Line {
                x: rs.first().map_or(0.0, |r| r.x),
                end: last,
                size: rs.first().map_or(3.5, |r| r.size),
                text: rs.iter().map(|r| r.text.as_str()).collect(),
            }
        })
        .collect()
}

/// The width a text takes at a font size: CJK and full-width characters one em, others half.
fn width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { size / 2.0 } else { size })
        .sum()
}

/// Joins the lines of a page into paragraphs (one per output line). `prev_short` carries over
/// from the page before, so a paragraph running on to the next page stays one.
fn paragraphs(lines: &[Line], out: &mut String, prev_short: &mut bool) {
    let left = lines.iter().map(|l| l.x).fold(f64::INFINITY, f64::min);
    let right = lines.iter().map(|l| l.end).fold(0.0, f64::max);
    for l in lines {
        let indented = l.x > left + l.size / 2.0;
        let starts = indented || *prev_short;
        if starts && !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&l.text);
        *prev_short = l.end < right - l.size;
    }
}

/// The text of an OFD file: its pages' paragraphs, in order. An error names what was wrong.
pub fn ofd_text(bytes: &[u8], _stem: &str) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| "not an OFD (zip) file".to_string())?;
    let mut budget = MAX_OFD_BYTES;
    let root = part(&mut zip, "OFD.xml", &mut budget)?.ok_or("corrupt OFD: OFD.xml is missing")?;
    let doc_root = elements_with(&root, "DocRoot", "")
        .into_iter()
        .next()
        .map(|(_, t)| t)
        .filter(|t| !t.is_empty())
        .ok_or("corrupt OFD: OFD.xml names no DocRoot")?;
    let doc_xml = part(&mut zip, &doc_root, &mut budget)?
        .ok_or_else(|| format!("corrupt OFD: {doc_root} is missing"))?;
    let base = doc_root
        .trim_start_matches('/')
        .rsplit_once('/')
        .map_or(String::new(), |(d, _)| format!("{d}/"));
    let pages = elements_with(&doc_xml, "Page", "BaseLoc");
    if pages.is_empty() {
        return Err("corrupt OFD: Document.xml lists no pages".into());
    }
    let mut out = String::new();
    let mut prev_short = true;
    for (loc, _) in pages.into_iter().take(MAX_PAGES) {
        let path = if loc.starts_with('/') {
            loc.clone()
        } else {
            format!("{base}{loc}")
        };
        let Some(xml) = part(&mut zip, &path, &mut budget)? else {
            return Err(format!("corrupt OFD: page {path} is missing"));
        };
        paragraphs(&lines(page_runs(&xml)?), &mut out, &mut prev_short);
    }
    out.push('\n');
    if out.trim().is_empty() {
        return Err("OFD has no text (scanned images only?)".into());
    }
    Ok(out)
}
