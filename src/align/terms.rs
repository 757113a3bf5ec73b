//! The terms of a plan commitment, how rare each is, and how much of them a report sentence contains.

use crate::segment::{is_wordlike, Segmenter};
use std::collections::HashMap;

/// Content terms of a text: jieba words that are not stop words, at least two characters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermSet {
    pub words: Vec<String>,
}

impl TermSet {
    /// Cuts `text` and keeps its distinct content words in order.
    pub fn of(text: &str, seg: &Segmenter) -> TermSet {
        let mut words: Vec<String> = Vec::new();
        for t in seg.cut(text) {
            let w = t.word;
            if !is_wordlike(w) || seg.is_stopword(w) || w.chars().count() < 2 {
                continue;
            }
            if w.chars().all(|c| c.is_ascii_digit() || c == '.') {
                continue;
            }
            if !words.iter().any(|x| x == w) {
                words.push(w.to_string());
            }
        }
        TermSet { words }
    }
}

/// Term weights: inverse document frequency over the plan's commitments and the report's sentences,
/// so boilerplate that every task shares (全面从严治党, 二十大精神) weighs little.
#[derive(Debug, Clone, Default)]
pub struct Weights {
    idf: HashMap<String, f64>,
    n: f64,
}

impl Weights {
    /// Weight of a term (terms never seen count as rare).
    pub fn of(&self, term: &str) -> f64 {
        self.idf
            .get(term)
            .copied()
            .unwrap_or_else(|| (self.n + 1.0).ln() + 1.0)
    }
}

/// Builds IDF weights for `terms` by containment in `texts` (plan commitments and report sentences).
pub fn idf_weights<'a>(terms: impl IntoIterator<Item = &'a String>, texts: &[&str]) -> Weights {
    let n = texts.len() as f64;
    let mut idf = HashMap::new();
    for t in terms {
        if idf.contains_key(t) {
            continue;
        }
        let df = texts.iter().filter(|x| x.contains(t.as_str())).count() as f64;
        idf.insert(t.clone(), ((n + 1.0) / (df + 1.0)).ln() + 0.1);
    }
    Weights { idf, n }
}

/// How much of `term` a text contains: 1 for the term or a synonym, a share for most of its bigrams.
pub fn credit(term: &str, text: &str, seg: &Segmenter) -> f64 {
    if text.contains(term) {
        return 1.0;
    }
    if let Some(group) = seg.synonyms(term) {
        if group.iter().any(|s| text.contains(s.as_str())) {
            return 1.0;
        }
    }
    let chars: Vec<char> = term.chars().collect();
    if chars.len() < 3 {
        return 0.0;
    }
    let bigrams: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    let hit = bigrams.iter().filter(|b| text.contains(b.as_str())).count() as f64;
    let share = hit / bigrams.len() as f64;
    if share >= 0.6 {
        0.6 * share
    } else {
        0.0
    }
}
