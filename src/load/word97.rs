//! Word 97–2003 `.doc` and WPS `.wps` (an OLE compound file holding a `WordDocument` stream) to
//! text: the FIB names the table stream (`0Table`/`1Table`) and where its CLX lies; the CLX's piece
//! table says where each run of the main text is stored, as 8-bit (cp1252) or UTF-16LE. Paragraph
//! marks become line breaks, field codes are dropped and their results kept. The only module that
//! knows the format (`cfb` reads the compound file).

use std::io::{Cursor, Read};

/// The most bytes read from one stream of a .doc file (a corrupt or hostile size field).
pub const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;

/// The FIB's magic number (wIdent) of a Word 97 and later document.
const W_IDENT: u16 = 0xA5EC;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn stream(cf: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, String> {
    let len = cf
        .entry(name)
        .map_err(|_| format!("corrupt .doc: no {name} stream"))?
        .len();
    if len > MAX_STREAM_BYTES {
        return Err(format!(
            "too large: the {name} stream is over {} MiB",
            MAX_STREAM_BYTES / (1024 * 1024)
        ));
    }
    let mut out = Vec::new();
    cf.open_stream(name)
        .and_then(|s| s.take(MAX_STREAM_BYTES).read_to_end(&mut out))
        .map_err(|e| format!("corrupt .doc: cannot read {name} ({e})"))?;
    Ok(out)
}

/// The text of a Word 97 (or WPS) file. An error says what was wrong.
pub fn doc_text(bytes: &[u8], _stem: &str) -> Result<String, String> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|_| "not a Word 97 (.doc/.wps) file: no OLE compound file".to_string())?;
    let word = stream(&mut cf, "WordDocument")?;
    let bad = |what: &str| format!("corrupt .doc: {what}");
    if u16_at(&word, 0) != Some(W_IDENT) {
        return Err("not a Word 97 (.doc/.wps) file: unknown WordDocument header".into());
    }
    let flags = u16_at(&word, 0x0A).ok_or_else(|| bad("short header"))?;
    if flags & 0x0100 != 0 {
        return Err("encrypted .doc (password protected); cannot be read".into());
    }
    let table_name = if flags & 0x0200 != 0 {
        "1Table"
    } else {
        "0Table"
    };
    let table = stream(&mut cf, table_name)?;
    // FibRgLw97.ccpText: characters of the main text; FibRgFcLcb97.fcClx/lcbClx: the piece table.
    let ccp_text = u32_at(&word, 0x4C).ok_or_else(|| bad("short header"))? as usize;
    let fc_clx = u32_at(&word, 0x1A2).ok_or_else(|| bad("short header"))? as usize;
    let lcb_clx = u32_at(&word, 0x1A6).ok_or_else(|| bad("short header"))? as usize;
    let clx = table
        .get(fc_clx..fc_clx.saturating_add(lcb_clx))
        .ok_or_else(|| bad("piece table outside the table stream"))?;
    let pieces = piece_table(clx).ok_or_else(|| bad("malformed piece table"))?;
    let mut raw = String::new();
    let mut left = ccp_text;
    for (cp_len, fc, compressed) in pieces {
        if left == 0 {
            break;
        }
        let n = cp_len.min(left);
        left -= n;
        if compressed {
            let at = (fc & 0x3FFF_FFFF) as usize / 2;
            let b = word
                .get(at..at + n)
                .ok_or_else(|| bad("piece outside the text"))?;
            raw.push_str(&encoding_rs::WINDOWS_1252.decode_without_bom_handling(b).0);
        } else {
            let at = fc as usize;
            let b = word
                .get(at..at + 2 * n)
                .ok_or_else(|| bad("piece outside the text"))?;
            let units: Vec<u16> = b
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            raw.extend(char::decode_utf16(units).map(|c| c.unwrap_or('\u{FFFD}')));
        }
    }
    let text = clean(&raw);
    if text.trim().is_empty() {
        return Err("empty .doc (no text)".into());
    }
    Ok(text)
}

/// The pieces of a CLX: (characters, fc, 8-bit?) in text order. Prc entries (formatting) are
/// skipped; the Pcdt holds the PlcPcd: n+1 character positions then n 8-byte piece descriptors.
fn piece_table(clx: &[u8]) -> Option<Vec<(usize, u32, bool)>> {
    let mut i = 0;
    while *clx.get(i)? == 0x01 {
        let cb = u16_at(clx, i + 1)? as usize;
        i += 3 + cb;
    }
    if *clx.get(i)? != 0x02 {
        return None;
    }
    let lcb = u32_at(clx, i + 1)? as usize;
    let plc = clx.get(i + 5..i + 5 + lcb)?;
    if lcb < 4 || !(lcb - 4).is_multiple_of(12) {
        return None;
    }
    let n = (lcb - 4) / 12;
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let (a, b) = (u32_at(plc, 4 * k)?, u32_at(plc, 4 * (k + 1))?);
        let pcd = 4 * (n + 1) + 8 * k;
        let fc = u32_at(plc, pcd + 2)?;
        out.push((b.checked_sub(a)? as usize, fc, fc & 0x4000_0000 != 0));
    }
    Some(out)
}

/// Word's control characters to plain text: paragraph and line marks, cell marks, page breaks
/// to line breaks; field codes (between 0x13 and 0x14) dropped, their results kept; object
/// anchors and optional hyphens dropped.
fn clean(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    // Nesting of fields whose code (not yet their result) is being read.
    let mut in_code: Vec<bool> = Vec::new();
    for c in raw.chars() {
        match c {
            '\u{13}' => in_code.push(true),
            '\u{14}' => {
                if let Some(last) = in_code.last_mut() {
                    *last = false;
                }
            }
            '\u{15}' => {
                in_code.pop();
            }
            _ if in_code.last() == Some(&true) => {}
            '\r' | '\u{0B}' | '\u{0C}' | '\u{07}' => out.push('\n'),
            '\u{1E}' => out.push('-'),
            '\u{01}' | '\u{08}' | '\u{1F}' => {}
            c => out.push(c),
        }
    }
    out
}
