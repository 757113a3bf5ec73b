//! Snippets: about 80 characters of whole sentences around the best match, with highlights as
//! character ranges (the text itself carries no markup).

/// Target snippet length in characters.
pub const SNIPPET_CHARS: usize = 80;
/// A single sentence longer than this is cropped around its first match.
const LONG_SENTENCE: usize = 120;

/// A snippet and the character ranges of its matches, merged where they touch or overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// Byte ranges of every occurrence of any term (ASCII case ignored), merged.
fn match_ranges(text: &str, terms: &[String]) -> Vec<(usize, usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for (ti, t) in terms.iter().enumerate() {
        let t = t.to_ascii_lowercase();
        if t.is_empty() {
            continue;
        }
        for (i, _) in lower.match_indices(t.as_str()) {
            out.push((i, i + t.len(), ti));
        }
    }
    out.sort();
    out
}

fn merge(mut r: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    r.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in r {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Sentence byte ranges, each ending after 。！？； or a line break.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '！' | '？' | '；' | '\n') {
            let end = i + c.len_utf8();
            out.push((start, end));
            start = end;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

fn chars_in(text: &str, (s, e): (usize, usize)) -> usize {
    text[s..e].chars().count()
}

/// Byte offset `n` characters after `from` (or the end).
fn advance(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| from + i)
}

/// Byte offset `n` characters before `from` (or the start).
fn retreat(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
        .min(from)
}

/// Cuts the snippet of `text` for `terms`: the sentence holding most distinct terms, grown by
/// neighbouring sentences while it stays within about 80 characters.
pub fn snippet(text: &str, terms: &[String]) -> Snippet {
    let matches = match_ranges(text, terms);
    let sents = sentences(text);
    if sents.is_empty() {
        return Snippet {
            text: String::new(),
            highlights: Vec::new(),
        };
    }
    let score = |&(s, e): &(usize, usize)| {
        let mut seen: Vec<usize> = matches
            .iter()
            .filter(|m| m.0 >= s && m.1 <= e)
            .map(|m| m.2)
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    let mut best = 0;
    let mut best_score = 0;
    for (i, s) in sents.iter().enumerate() {
        let sc = score(s);
        if sc > best_score {
            best = i;
            best_score = sc;
        }
    }
    let (mut lo, mut hi) = (best, best);
    let mut len = chars_in(text, sents[best]);
    loop {
        let mut grew = false;
        if hi + 1 < sents.len() {
            let n = chars_in(text, sents[hi + 1]);
            if len + n <= SNIPPET_CHARS {
                hi += 1;
                len += n;
                grew = true;
            }
        }
        if lo > 0 {
            let n = chars_in(text, sents[lo - 1]);
            if len + n <= SNIPPET_CHARS {
                lo -= 1;
                len += n;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let (mut start, mut end) = (sents[lo].0, sents[hi].1);
    if len > LONG_SENTENCE {
        // One long sentence: a window around its first match.
        let first = matches
            .iter()
            .find(|m| m.0 >= start && m.1 <= end)
            .map_or(start, |m| m.0);
        let s = retreat(text, first, SNIPPET_CHARS / 4).max(start);
        start = s;
        end = advance(text, s, SNIPPET_CHARS).min(end);
    }
    let highlights = merge(
        matches
            .iter()
            .filter(|m| m.0 < end && m.1 > start)
            .map(|m| (m.0.max(start), m.1.min(end)))
            .collect(),
    );
    let body = &text[start..end];
    let trimmed_start = body.len() - body.trim_start().len();
    let body_trim = body.trim();
    let base = start + trimmed_start;
    let to_char = |b: usize| {
        text[base..b.clamp(base, base + body_trim.len())]
            .chars()
            .count()
    };
    Snippet {
        text: body_trim.to_string(),
        highlights: highlights
            .into_iter()
            .map(|(s, e)| (to_char(s), to_char(e)))
            .filter(|(s, e)| s < e)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_at_sentences_and_merges_highlights() {
        let text = format!(
            "{}。严格落实三会一课制度。{}。",
            "甲".repeat(70),
            "乙".repeat(70)
        );
        let s = snippet(&text, &["三会一课".into(), "制度".into(), "会一".into()]);
        assert_eq!(s.text, "严格落实三会一课制度。");
        assert_eq!(s.highlights, vec![(4, 10)]);
    }

    #[test]
    fn long_sentences_are_cropped_around_the_match() {
        let text = format!("{}廉政{}", "甲".repeat(200), "乙".repeat(200));
        let s = snippet(&text, &["廉政".into()]);
        assert_eq!(s.text.chars().count(), SNIPPET_CHARS);
        let (a, b) = s.highlights[0];
        let chars: Vec<char> = s.text.chars().collect();
        assert_eq!(chars[a..b].iter().collect::<String>(), "廉政");
    }
}
