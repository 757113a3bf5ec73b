//! `.docx` to text: the paragraphs of word/document.xml, one line each. No other module knows the format.

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
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == "w:t" => in_text = true,
            Ok(Event::End(e)) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:p" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                "w:tab" => out.push('\t'),
                "w:br" => out.push('\n'),
                "w:p" => out.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => {
                out.push_str(&t.xml10_content());
            }
            Ok(Event::GeneralRef(r)) if in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    out.push(c);
                    continue;
                }
                out.push_str(predefined_entity(r.xml10_content().as_ref()));
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
