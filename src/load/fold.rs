//! Traditional Chinese folded to Simplified, character for character, so that segmentation,
//! indexing, extraction and matching see one script while quotes and snippets keep the original.
//!
//! OpenCC's Traditional→Simplified conversion (`ferrous-opencc`, Apache-2.0, its phrase tables
//! included: 乾隆 stays 乾隆) runs line by line; a line whose conversion would move a byte offset
//! (a character converted to one of another UTF-8 length, or a phrase of another length) is
//! folded character by character instead, and a character that cannot be folded in place is
//! kept. So the folded text has exactly the original's byte offsets, and every `Span` points into
//! both. Text that does not look Traditional is never converted.

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The converter, built on first use (a Simplified-only run never builds it).
static T2S: LazyLock<Option<OpenCC>> =
    LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok());

/// Every CJK character OpenCC folds to a different one of the same UTF-8 length: the fallback for
/// a line whose conversion would move an offset. Built once, from the converter itself, only
/// when such a line is met.
static CHARS: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    let Some(cc) = T2S.as_ref() else {
        return HashMap::new();
    };
    let all: Vec<char> = ('\u{3400}'..='\u{4DBF}')
        .chain('\u{4E00}'..='\u{9FFF}')
        .chain('\u{F900}'..='\u{FAFF}')
        .collect();
    let joined: String = all.iter().flat_map(|&c| [c, '\n']).collect();
    let converted = cc.convert(&joined);
    let mut map = HashMap::new();
    for (&t, s) in all.iter().zip(converted.split('\n')) {
        let mut cs = s.chars();
        if let (Some(s), None) = (cs.next(), cs.next()) {
            if s != t && s.len_utf8() == t.len_utf8() {
                map.insert(t, s);
            }
        }
    }
    map
});

/// Very common Traditional-only characters (們, 這, 國, 會, 黨, 說, 於 …): a text holding none of
/// them is taken as Simplified without building `CHARS`, so Simplified-only runs never pay for it.
const COMMON_TRADITIONAL: &str = "們個來這為說時對會國學發現過經動進產與關實業點問題從區無頭開長見門處當樣邊機員體黨務導議認設記請讀責質車農達還選際難電風養義應該錢領權價單幾層歷辦聯總爭戰構創據環變傳專術組織級結計劃強統謝談話於幹標準確規範廣東節檢紀監頭條";

static COMMON: LazyLock<std::collections::HashSet<char>> =
    LazyLock::new(|| COMMON_TRADITIONAL.chars().collect());

/// The share of Han characters that change from which a text is folded: Simplified text holds a
/// few such characters by chance (乾, 於 in names), Traditional text one in five or more (seed 003
/// in Traditional: 1,109 of 3,139 characters).
pub const TRADITIONAL_SHARE: f64 = 0.02;

/// Whether a text holds a common Traditional-only character: the cheap test that spares
/// Simplified text any conversion (one set look-up per character).
fn has_common_traditional(text: &str) -> bool {
    text.chars().any(|c| COMMON.contains(&c))
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// One line converted by OpenCC when that keeps every byte offset, else character by character
/// (a character whose Simplified form has another UTF-8 length is kept).
fn fold_line(cc: &OpenCC, line: &str, out: &mut String) {
    let converted = cc.convert(line);
    let aligned = converted.len() == line.len()
        && converted.chars().count() == line.chars().count()
        && converted
            .chars()
            .zip(line.chars())
            .all(|(a, b)| a.len_utf8() == b.len_utf8());
    if aligned {
        out.push_str(&converted);
    } else {
        out.extend(line.chars().map(|c| CHARS.get(&c).copied().unwrap_or(c)));
    }
}

/// The text folded to Simplified with every byte offset kept, or None when it does not look
/// Traditional (then it is used as it is): it must hold a common Traditional-only character and
/// at least `TRADITIONAL_SHARE` of its Han characters must change.
pub fn fold(text: &str) -> Option<String> {
    if !has_common_traditional(text) {
        return None;
    }
    let cc = T2S.as_ref()?;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        fold_line(cc, line, &mut out);
    }
    if out.len() != text.len() {
        return None;
    }
    let (mut han, mut changed) = (0usize, 0usize);
    for (a, b) in text.chars().zip(out.chars()) {
        if is_han(a) {
            han += 1;
            changed += usize::from(a != b);
        }
    }
    (changed > 0 && changed as f64 >= TRADITIONAL_SHARE * han as f64).then_some(out)
}

/// A query folded the same way when it holds a common Traditional-only character (談心談話 →
/// 谈心谈话); any other query is used as it is, without building anything.
pub fn fold_query(text: &str) -> std::borrow::Cow<'_, str> {
    match T2S.as_ref().filter(|_| has_common_traditional(text)) {
        Some(cc) => {
            let mut out = String::with_capacity(text.len());
            fold_line(cc, text, &mut out);
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_text_folds_in_place_and_simplified_is_left_alone() {
        let t = "堅持開展談心談話，每季度不少於1次。\n乾隆年間";
        let s = fold(t).expect("looks traditional");
        assert_eq!(s.len(), t.len());
        assert!(s.starts_with("坚持开展谈心谈话，每季度不少于1次。"), "{s}");
        assert!(s.ends_with("乾隆年间"), "OpenCC's phrases keep 乾隆: {s}");
        assert_eq!(fold("坚持开展谈心谈话，每季度不少于1次。"), None);
        assert_eq!(fold_query("談心談話"), "谈心谈话");
        assert_eq!(fold_query("谈心谈话"), "谈心谈话");
    }

    #[test]
    fn the_common_characters_are_all_traditional_only() {
        for c in COMMON_TRADITIONAL.chars() {
            assert!(CHARS.contains_key(&c), "{c} is not folded by OpenCC");
        }
    }
}
