//! Policy abbreviations met in one text and spelt out in the other (营改增 ↔ 营业税改征增值税,
//! 农牧民 ↔ 农村牧区居民): a short form whose characters occur in order, close together, inside
//! one clause of the other text, none of its two-character starts or ends written out. Known pairs also sit in `dictionaries/synonyms.txt`;
//! this catches the ones no list has.

use crate::segment::Segmenter;

/// Shortest and longest abbreviation, in characters: two-character words are too often ordinary.
const SHORT_CHARS: std::ops::RangeInclusive<usize> = 3..=4;

/// How far a spelt-out form may stretch, per character of the short form.
const SPAN_PER_CHAR: usize = 3;

/// Whether `word` could be an abbreviation: three or four Han characters.
pub fn could_abbreviate(word: &str) -> bool {
    let n = word.chars().count();
    SHORT_CHARS.contains(&n) && word.chars().all(is_han)
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Byte ranges in `text` that spell `short` out: its characters in order, the first and last
/// character of the range being the first and last of `short`, at least two characters longer
/// than `short`, no longer than three characters per character of it, and within one clause
/// (only Han characters and 、 between).
pub fn expansions(short: &str, text: &str) -> Vec<(usize, usize)> {
    let want: Vec<char> = short.chars().collect();
    // Cheap refusals first: this runs for every short form against every clause.
    if want.len() < 2 || !want.iter().all(|&c| text.contains(c)) {
        return Vec::new();
    }
    let max = want.len() * SPAN_PER_CHAR;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(want[0]) {
        let start = from + found;
        let mut k = 1;
        let mut stop = None;
        for (n, (at, c)) in text[start..].char_indices().enumerate().skip(1) {
            if n >= max || (!is_han(c) && c != '、') {
                break;
            }
            if c == want[k] {
                k += 1;
                if k == want.len() {
                    stop = Some((n + 1, start + at + c.len_utf8()));
                    break;
                }
            }
        }
        match stop {
            Some((chars, end))
                if chars >= want.len() + 2 && !is_insertion(&want, &text[start..end]) =>
            {
                out.push((start, end));
                from = end;
            }
            _ => from = start + want[0].len_utf8(),
        }
    }
    out
}

/// Whether the span only inserts words into the short form (深化…改革, 贫困…生, 示范…区): it
/// holds a two-character-or-longer start or end of the short form as written, so the short form is
/// an ordinary compound, not an abbreviation whose every part stands for a longer word.
fn is_insertion(short: &[char], span: &str) -> bool {
    (2..short.len()).any(|k| {
        let head: String = short[..k].iter().collect();
        let tail: String = short[short.len() - k..].iter().collect();
        span.contains(&head) || span.contains(&tail)
    })
}

/// The words of `text` that could abbreviate something: three- or four-character Han words that
/// are not stop words, each once.
pub fn short_forms(text: &str, seg: &Segmenter) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in seg.cut(text) {
        if could_abbreviate(t.word) && !seg.is_stopword(t.word) && !out.iter().any(|w| w == t.word)
        {
            out.push(t.word.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_form_is_found_spelt_out_in_one_clause() {
        let t = "全面推开营业税改征增值税试点，";
        let e = expansions("营改增", t);
        assert_eq!(e.len(), 1);
        assert_eq!(&t[e[0].0..e[0].1], "营业税改征增");
        assert_eq!(expansions("农牧民", "农村牧区常住居民").len(), 1);
        // Conservative: a written-out two-character end (企业) makes 外资企业 a compound.
        assert!(expansions("外资企业", "外商投资企业").is_empty());
        // A compound with words inserted is no abbreviation.
        assert!(expansions("深化改革", "深化文化体制改革").is_empty());
        assert!(expansions("示范区", "示范旗市区").is_empty());
        // Not across a clause, not the word itself, not stretched too far.
        assert!(expansions("营改增", "营业税，改征增值税").is_empty());
        assert!(expansions("营改增", "推进营改增").is_empty());
        assert!(expansions("营改增", "营业税收入大幅提高，改革").is_empty());
    }
}
