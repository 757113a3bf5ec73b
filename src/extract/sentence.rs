//! Sentence boundaries (。！？；) outside quotes and brackets: the unit of commitments and evidence quotes.

/// Byte ranges of the pieces of `text` between delimiters that stand outside quotes and brackets
/// (a line break always ends a piece); empty pieces are dropped.
pub fn split_outside_quotes(text: &str, is_delim: impl Fn(char) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, ch) in text.char_indices() {
        match ch {
            '“' | '《' | '（' | '(' => depth += 1,
            '”' | '》' | '）' | ')' => depth = (depth - 1).max(0),
            _ if ch == '\n' || (depth == 0 && is_delim(ch)) => {
                if i > start {
                    out.push((start, i));
                }
                depth = 0;
                start = i + ch.len_utf8();
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out.retain(|&(s, e)| !text[s..e].trim().is_empty());
    out
}

/// What ends a sentence (and a commitment), so every stage cuts and trims at the same marks.
pub const SENTENCE_STOPS: [char; 7] = ['。', '；', ';', '！', '？', '!', '?'];

/// Byte ranges of the sentences of `text`, terminal punctuation excluded, empty ones dropped.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    split_outside_quotes(text, |c| SENTENCE_STOPS.contains(&c))
}

/// Like [`sentence_spans`], but each span keeps its terminal punctuation (for verbatim quotes).
pub fn sentence_spans_with_stop(text: &str) -> Vec<(usize, usize)> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| match text[e..].chars().next() {
            Some(c) if SENTENCE_STOPS.contains(&c) => (s, e + c.len_utf8()),
            _ => (s, e),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_do_not_end_sentences() {
        let t = "开展“走好第一方阵；我为二十大作贡献”活动。完成16个项目；建成2所学校";
        let s: Vec<&str> = sentence_spans(t)
            .into_iter()
            .map(|(a, b)| &t[a..b])
            .collect();
        assert_eq!(
            s,
            vec![
                "开展“走好第一方阵；我为二十大作贡献”活动",
                "完成16个项目",
                "建成2所学校"
            ]
        );
        let s: Vec<&str> = sentence_spans_with_stop(t)
            .into_iter()
            .map(|(a, b)| &t[a..b])
            .collect();
        assert_eq!(s[1], "完成16个项目；");
    }
}
