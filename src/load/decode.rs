//! Bytes to text: BOM, UTF-8, GB18030/GBK and UTF-16 detection, and the refusals for what is not text.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// Decoded text and the name of the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes a plain-text file, or says in plain words why it is not one.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some(reason) = sniff_unsupported(bytes) {
        return Err(reason);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!("invalid {} byte sequence", enc.name()));
        }
        return finish(text.into_owned(), name_of(enc));
    }
    if bytes.contains(&0) {
        return Err("binary content (NUL bytes), not a text file".into());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return finish(s.to_owned(), "UTF-8");
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    // GB18030 is a superset of GBK and GB2312: decode Chinese guesses with it.
    let enc = if guess == encoding_rs::GBK || guess == GB18030 {
        GB18030
    } else {
        guess
    };
    if enc != GB18030 && enc != encoding_rs::BIG5 {
        return Err(format!(
            "invalid bytes: not UTF-8, GB18030/GBK or UTF-16 text (looks like {})",
            enc.name()
        ));
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("invalid bytes: not UTF-8, GB18030/GBK or UTF-16 text".into());
    }
    finish(text.into_owned(), name_of(enc))
}

fn name_of(enc: &'static Encoding) -> &'static str {
    if enc == UTF_8 {
        "UTF-8"
    } else if enc == UTF_16LE {
        "UTF-16LE"
    } else if enc == UTF_16BE {
        "UTF-16BE"
    } else {
        enc.name()
    }
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded, String> {
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    if text
        .chars()
        .any(|c| matches!(c, '\u{fffe}' | '\u{ffff}' | '\u{fffd}'))
    {
        return Err(format!("invalid bytes: not valid {encoding} text"));
    }
    let control = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if control * 20 > text.chars().count().max(1) {
        return Err("binary content (control characters), not a text file".into());
    }
    Ok(Decoded { text, encoding })
}

/// Recognises formats by their magic bytes so the error can say what the file is.
fn sniff_unsupported(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"%PDF") {
        return Some("PDF files are not supported yet; save it as .docx or text".into());
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some("legacy .doc/OLE file is not supported; save it as .docx".into());
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some("a zip archive that is not a .docx document".into());
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some("RTF files are not supported; save it as .docx or text".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_bytes_decode_as_gb18030() {
        let (bytes, _, _) =
            GB18030.encode("2023年全面从严治党和党风廉政建设工作计划\n一、工作目标");
        let d = decode_text(&bytes).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert!(d.text.starts_with("2023年全面从严治党"));
    }

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "谈心谈话".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).unwrap().text, "谈心谈话");
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(decode_text(b"").unwrap_err(), "empty file");
        assert!(decode_text(b"%PDF-1.4 ...").unwrap_err().contains("PDF"));
        assert!(decode_text(&[0u8, 1, 2, 3, 0, 0])
            .unwrap_err()
            .contains("binary"));
        assert!(decode_text(&[0xFF, 0xFF, 0x80, 0x81, 0xFE, 0x90])
            .unwrap_err()
            .contains("invalid"));
    }
}
