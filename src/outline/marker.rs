//! The numbering grammar of Chinese official documents (公文): one enum, one recogniser.

use regex::Regex;
use std::sync::LazyLock;

/// A numbering style; nesting is decided by the order styles first appear in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// 一、 (also 一． or 一.)
    Chinese,
    /// （一）
    ParenChinese,
    /// 1. 1． 1、
    Arabic,
    /// （1） (1)
    ParenArabic,
    /// ①
    Circled,
    /// 一是 (also 一要 inline)
    Shi,
    /// 第一， 第一条
    Ordinal,
}

/// A numbering marker found at the start of a line (or inside a paragraph for 一是).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    /// The item's number (1-based), so restarts and sequences can be checked.
    pub number: u32,
    /// The marker as written, e.g. `（一）` or `第一，`.
    pub text: String,
    /// Byte length of the marker in the line.
    pub len: usize,
}

const CN: &str = "[一二三四五六七八九十百零〇两]";

static LINE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?P<cn>{CN}{{1,4}})[、.．]|[（(](?P<pcn>{CN}{{1,4}})[）)]|(?P<ar>\d{{1,3}})(?:[.．](?:[^0-9]|$)|、)|[（(](?P<par>\d{{1,3}})[）)]|(?P<circ>[①-⑳])|(?P<shi>[一二三四五六七八九十]{{1,3}})是|第(?P<ord>[一二三四五六七八九十]{{1,3}})(?:[，,、：:]|条))"
    ))
    .expect("marker regex")
});

static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[（(][-—－―一二三四五六七八九十]?[-—－―][）)]$").expect("sep regex")
});

/// Recognises the numbering marker at the start of `line`, if any.
pub fn line_marker(line: &str) -> Option<Marker> {
    let caps = LINE_MARKER.captures(line)?;
    let whole = caps.get(0)?;
    let (style, num, mut len) = if let Some(m) = caps.name("cn") {
        // 一、 or 一． (a Chinese numeral takes no decimals: 一.2015年工作回顾 is a heading).
        (Style::Chinese, m.as_str(), whole.end())
    } else if let Some(m) = caps.name("pcn") {
        (Style::ParenChinese, m.as_str(), whole.end())
    } else if let Some(m) = caps.name("ar") {
        // The look-ahead character after "1." is not part of the marker.
        let after = &line[m.end()..];
        let sep = after.chars().next().map_or(0, char::len_utf8);
        (Style::Arabic, m.as_str(), m.end() + sep)
    } else if let Some(m) = caps.name("par") {
        (Style::ParenArabic, m.as_str(), whole.end())
    } else if let Some(m) = caps.name("circ") {
        let c = m.as_str().chars().next()?;
        let n = c as u32 - '①' as u32 + 1;
        return Some(Marker {
            style: Style::Circled,
            number: n,
            text: m.as_str().to_string(),
            len: m.end(),
        });
    } else if let Some(m) = caps.name("shi") {
        (Style::Shi, m.as_str(), whole.end())
    } else {
        let m = caps.name("ord")?;
        (Style::Ordinal, m.as_str(), whole.end())
    };
    let number = parse_number(num)?;
    if number == 0 {
        return None;
    }
    len = len.min(line.len());
    Some(Marker {
        style,
        number,
        text: line[..len].to_string(),
        len,
    })
}

/// A `（-）` line that separates two documents held in one file.
pub fn is_separator(line: &str) -> bool {
    SEPARATOR.is_match(line.trim())
}

/// Whether a line starts with any numbering marker (used to refuse joining wrapped lines into it).
pub fn starts_with_marker(line: &str) -> bool {
    line_marker(line).is_some() || is_separator(line)
}

/// Parses Arabic digits or Chinese numerals (一 to 九十九, 两, 百, 零/〇).
pub fn parse_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    chinese_number(s)
}

/// Converts a Chinese numeral such as 十二, 二十, 九十九, 一百零五 or 两 to its value.
pub fn chinese_number(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let digit = |c: char| -> Option<u32> {
        Some(match c {
            '零' | '〇' => 0,
            '一' => 1,
            '二' | '两' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => return None,
        })
    };
    let mut total = 0u32;
    let mut current: Option<u32> = None;
    for c in s.chars() {
        match c {
            '十' => {
                total += current.unwrap_or(1) * 10;
                current = None;
            }
            '百' => {
                total += current.unwrap_or(1) * 100;
                current = None;
            }
            '千' => {
                total += current.unwrap_or(1) * 1000;
                current = None;
            }
            '万' => {
                total = (total + current.unwrap_or(0)).max(1) * 10000;
                current = None;
            }
            _ => {
                let d = digit(c)?;
                current = Some(current.map_or(d, |p| p * 10 + d));
            }
        }
    }
    Some(total + current.unwrap_or(0))
}

/// Whether a line opens a closing appendix of notes (附注：, 名词解释, 注释：): what follows
/// explains terms, it promises nothing.
pub fn is_appendix_heading(line: &str) -> bool {
    static APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:附注|注释|名词解释)[:：]?\s*(?:$|[0-9０-９]|[（(][一1])")
            .expect("appendix regex")
    });
    APPENDIX.is_match(line.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(line: &str) -> Option<(Style, u32, String)> {
        line_marker(line).map(|m| (m.style, m.number, m.text))
    }

    #[test]
    fn every_numbering_style_is_recognised() {
        assert_eq!(
            style("一、工作目标"),
            Some((Style::Chinese, 1, "一、".into()))
        );
        assert_eq!(
            style("二．主要任务"),
            Some((Style::Chinese, 2, "二．".into()))
        );
        assert_eq!(
            style("三.保障措施"),
            Some((Style::Chinese, 3, "三.".into()))
        );
        assert_eq!(
            style("一.2015年工作回顾"),
            Some((Style::Chinese, 1, "一.".into()))
        );
        assert_eq!(
            style("（三）以狠抓落实为关键"),
            Some((Style::ParenChinese, 3, "（三）".into()))
        );
        assert_eq!(
            style("(二)加强"),
            Some((Style::ParenChinese, 2, "(二)".into()))
        );
        assert_eq!(
            style("1.全面加强政治建设"),
            Some((Style::Arabic, 1, "1.".into()))
        );
        assert_eq!(
            style("12．深刻领悟"),
            Some((Style::Arabic, 12, "12．".into()))
        );
        assert_eq!(style("3、严格执行"), Some((Style::Arabic, 3, "3、".into())));
        assert_eq!(
            style("（25）狠抓"),
            Some((Style::ParenArabic, 25, "（25）".into()))
        );
        assert_eq!(
            style("(4)营造"),
            Some((Style::ParenArabic, 4, "(4)".into()))
        );
        assert_eq!(style("③强化"), Some((Style::Circled, 3, "③".into())));
        assert_eq!(
            style("三是高要求践行监督执纪"),
            Some((Style::Shi, 3, "三是".into()))
        );
        assert_eq!(
            style("第九，集中开展"),
            Some((Style::Ordinal, 9, "第九，".into()))
        );
        assert_eq!(
            style("第十二条 党组"),
            Some((Style::Ordinal, 12, "第十二条".into()))
        );
    }

    #[test]
    fn numbers_that_are_not_markers() {
        assert_eq!(style("2023年全面从严治党"), None);
        assert_eq!(style("1.5亿元投资"), None);
        assert_eq!(style("今年以来"), None);
        assert!(is_separator("（-）"));
        assert!(!is_separator("（一）加强"));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("一"), Some(1));
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("九十九"), Some(99));
        assert_eq!(chinese_number("两"), Some(2));
        assert_eq!(chinese_number("一百零五"), Some(105));
        assert_eq!(chinese_number("三万"), Some(30000));
        assert_eq!(chinese_number("x"), None);
    }
}
