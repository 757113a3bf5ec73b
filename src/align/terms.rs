//! The terms of a plan commitment, how rare each is, and how much of them a report sentence contains.

use crate::segment::{is_word_char, is_wordlike, Segmenter};
use rustc_hash::FxHashMap as HashMap;

/// Content terms of a text: jieba words that are not stop words, at least two characters, each with
/// a factor by part of speech — the objects a task names (nouns, names, projects) prove more than
/// the verbs every task uses (推进, 实施, 加强).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermSet {
    pub words: Vec<String>,
    pub pos_factor: Vec<f64>,
    /// (word index, byte offset) of every occurrence in text order, so clauses can pick their
    /// words without cutting the text again.
    pub occurrences: Vec<(usize, usize)>,
}

/// How much a part of speech says about what was promised.
pub fn pos_factor(tag: &str) -> f64 {
    match tag {
        "v" | "vd" | "ad" | "a" | "d" | "c" | "p" | "f" | "r" | "q" | "u" => 0.35,
        "vn" | "an" => 0.7,
        _ => 1.0,
    }
}

impl TermSet {
    /// Cuts `text` and keeps its distinct content words in order, with every occurrence.
    pub fn of(text: &str, seg: &Segmenter) -> TermSet {
        let mut set = TermSet::default();
        let mut offset = 0;
        for (w, tag) in seg.tag(text) {
            let at = offset;
            offset += w.len();
            if !is_wordlike(w) || seg.is_stopword(w) || w.chars().count() < 2 {
                continue;
            }
            if w.chars().all(|c| c.is_ascii_digit() || c == '.') {
                continue;
            }
            set.add(w, at, pos_factor(tag));
        }
        // A figure the plan names (4000户, 30座) is as specific as a project name: a report that
        // repeats it is talking about the same deliverable.
        for q in crate::extract::target::quantities(text) {
            if q.unit == "%" || q.value < 2.0 {
                continue;
            }
            let figure =
                text[q.num_start..q.end].trim_end_matches(['以', '上', '内', '下', '左', '右']);
            if figure.chars().count() < 2 {
                continue;
            }
            set.add(figure, q.num_start, 1.0);
        }
        set.occurrences.sort_by_key(|&(_, at)| at);
        set
    }

    /// Records an occurrence of `word` at byte `at`; a new word also takes its factor.
    fn add(&mut self, word: &str, at: usize, factor: f64) {
        match self.words.iter().position(|x| x == word) {
            Some(i) => self.occurrences.push((i, at)),
            None => {
                self.occurrences.push((self.words.len(), at));
                self.words.push(word.to_string());
                self.pos_factor.push(factor);
            }
        }
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
    let mut idf = HashMap::default();
    // Every distinct term against every text was a tenth of the gap analysis: the bigram index
    // answers the same containment from the few texts that hold the term's bigrams.
    let index = SentenceIndex::new(texts.to_vec());
    for t in terms {
        if idf.contains_key(t) {
            continue;
        }
        let df = index.containing(t).len() as f64;
        idf.insert(t.clone(), ((n + 1.0) / (df + 1.0)).ln() + 0.1);
    }
    Weights { idf, n }
}

/// The report's sentences indexed by character bigram, so a term's credit in every sentence comes
/// from the few sentences holding its bigrams rather than from searching all of them: alignment
/// asks this for every distinct plan term, and a linear scan made it the batch's largest cost.
#[derive(Debug)]
pub struct SentenceIndex<'a> {
    texts: Vec<&'a str>,
    /// Sentences (ascending, distinct) holding each pair of adjacent characters.
    postings: HashMap<(char, char), Vec<u32>>,
}

impl<'a> SentenceIndex<'a> {
    /// Indexes `texts` (each a report sentence or passage).
    pub fn new(texts: Vec<&'a str>) -> SentenceIndex<'a> {
        let mut postings: HashMap<(char, char), Vec<u32>> = HashMap::default();
        for (u, t) in texts.iter().enumerate() {
            let u = u as u32;
            let mut prev: Option<char> = None;
            for c in t.chars() {
                if let Some(p) = prev {
                    let list = postings.entry((p, c)).or_default();
                    if list.last() != Some(&u) {
                        list.push(u);
                    }
                }
                prev = Some(c);
            }
        }
        SentenceIndex { texts, postings }
    }

    /// How many sentences there are.
    pub fn len(&self) -> usize {
        self.texts.len()
    }

    /// Whether there are no sentences.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// Sentences containing `s` (ascending): those holding all its bigrams, confirmed by search.
    fn containing(&self, s: &str) -> Vec<usize> {
        let chars: Vec<char> = s.chars().collect();
        if chars.len() < 2 {
            return (0..self.texts.len())
                .filter(|&u| self.texts[u].contains(s))
                .collect();
        }
        let mut lists: Vec<&Vec<u32>> = Vec::new();
        for w in chars.windows(2) {
            match self.postings.get(&(w[0], w[1])) {
                Some(l) => lists.push(l),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|l| l.len());
        lists[0]
            .iter()
            .filter(|u| lists[1..].iter().all(|l| l.binary_search(u).is_ok()))
            .map(|&u| u as usize)
            .filter(|&u| self.texts[u].contains(s))
            .collect()
    }

    /// How much of `term` each sentence holds, for every sentence where it is above zero, in
    /// sentence order: 1 for the term or a synonym, 0.6 × the share of its bigrams when that share
    /// is at least 0.6 (terms of three or more characters).
    pub fn credits(&self, term: &str, seg: &Segmenter) -> Vec<(usize, f64)> {
        let mut out: HashMap<usize, f64> = HashMap::default();
        for u in self.containing(term) {
            out.insert(u, 1.0);
        }
        if let Some(group) = seg.synonyms(term) {
            for s in group {
                for u in self.containing(s) {
                    out.insert(u, 1.0);
                }
            }
        }
        let chars: Vec<char> = term.chars().collect();
        if chars.len() >= 3 {
            let total = (chars.len() - 1) as f64;
            let mut hits: HashMap<u32, usize> = HashMap::default();
            for w in chars.windows(2) {
                for &u in self.postings.get(&(w[0], w[1])).into_iter().flatten() {
                    *hits.entry(u).or_default() += 1;
                }
            }
            for (u, n) in hits {
                let share = n as f64 / total;
                if share >= 0.6 {
                    out.entry(u as usize).or_insert(0.6 * share);
                }
            }
        }
        let mut v: Vec<(usize, f64)> = out.into_iter().collect();
        v.sort_by_key(|&(u, _)| u);
        v
    }
}

impl SentenceIndex<'_> {
    /// Sentences that spell out `short` (营业税改征增值税 for 营改增), when `short` could be an
    /// abbreviation; a scan of every sentence, so only asked for terms no sentence holds as written.
    pub fn spelling_out(&self, short: &str) -> Vec<usize> {
        if !super::abbrev::could_abbreviate(short) {
            return Vec::new();
        }
        (0..self.texts.len())
            .filter(|&u| !super::abbrev::expansions(short, self.texts[u]).is_empty())
            .collect()
    }

    /// Share of `text`'s distinct character bigrams (word characters only) each sentence holds, for
    /// every sentence holding any, by sentence: a paraphrase can share a four-character core
    /// without sharing a jieba word.
    pub fn bigram_shares(&self, text: &str) -> Vec<(usize, f64)> {
        let chars: Vec<char> = text.chars().filter(|c| is_word_char(*c)).collect();
        let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        grams.sort_unstable();
        grams.dedup();
        if grams.is_empty() {
            return Vec::new();
        }
        let mut hits: HashMap<u32, usize> = HashMap::default();
        for g in &grams {
            for &u in self.postings.get(g).into_iter().flatten() {
                *hits.entry(u).or_default() += 1;
            }
        }
        let total = grams.len() as f64;
        let mut out: Vec<(usize, f64)> = hits
            .into_iter()
            .map(|(u, n)| (u as usize, n as f64 / total))
            .collect();
        out.sort_by_key(|&(u, _)| u);
        out
    }
}
