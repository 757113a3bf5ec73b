//! The terms of a plan commitment, how rare each is, and how much of them a report sentence contains.

use crate::segment::{is_word_char, is_wordlike, word_bigrams, Segmenter};
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
    /// Sentences (ascending, distinct) holding each pair of adjacent characters, and how often
    /// each holds it (BM25's term frequency).
    postings: HashMap<(char, char), (Vec<u32>, Vec<u16>)>,
    /// BM25's length normalisation per sentence, k1·(1 − b + b·len/avg) over word-character
    /// bigrams (k1 1.2, b 0.75).
    norms: Vec<f64>,
}

impl<'a> SentenceIndex<'a> {
    /// Indexes `texts` (each a report sentence or passage).
    pub fn new(texts: Vec<&'a str>) -> SentenceIndex<'a> {
        let mut postings: HashMap<(char, char), (Vec<u32>, Vec<u16>)> = HashMap::default();
        for (u, t) in texts.iter().enumerate() {
            let u = u as u32;
            let mut prev: Option<char> = None;
            for c in t.chars() {
                if let Some(p) = prev {
                    let (list, n) = postings.entry((p, c)).or_default();
                    if list.last() != Some(&u) {
                        list.push(u);
                        n.push(1);
                    } else if let Some(last) = n.last_mut() {
                        *last = last.saturating_add(1);
                    }
                }
                prev = Some(c);
            }
        }
        let lengths: Vec<f64> = texts
            .iter()
            .map(|t| {
                t.chars()
                    .filter(|c| is_word_char(*c))
                    .count()
                    .saturating_sub(1) as f64
            })
            .collect();
        let avg = (lengths.iter().sum::<f64>() / lengths.len().max(1) as f64).max(1.0);
        let norms = lengths
            .iter()
            .map(|l| 1.2 * (0.25 + 0.75 * l / avg))
            .collect();
        SentenceIndex {
            texts,
            postings,
            norms,
        }
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
                Some((l, _)) => lists.push(l),
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
                for &u in self
                    .postings
                    .get(&(w[0], w[1]))
                    .into_iter()
                    .flat_map(|p| &p.0)
                {
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
    /// Sentences holding a dictionary part of `term` (环卫 of 环卫工人, 管网 of 主管网 is not one),
    /// credited by the share of the term's characters the part spells.
    /// `units_of` keeps each part's sentences across terms (建设 is a part of many).
    pub fn part_credits(
        &self,
        term: &str,
        seg: &Segmenter,
        units_of: &mut HashMap<String, Vec<usize>>,
    ) -> Vec<(usize, f64)> {
        let n = term.chars().count();
        let mut out: HashMap<usize, f64> = HashMap::default();
        if n < 3 {
            return Vec::new();
        }
        for part in seg.dictionary_parts(term) {
            if seg.is_stopword(part) {
                continue;
            }
            let c = part.chars().count() as f64 / n as f64;
            if !units_of.contains_key(part) {
                units_of.insert(part.to_string(), self.containing(part));
            }
            for &u in &units_of[part] {
                let e = out.entry(u).or_insert(0.0);
                *e = e.max(c);
            }
        }
        out.into_iter().collect()
    }

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

    /// Every sentence sharing a character bigram (word characters) with `text`, by sentence: the
    /// share of `text`'s distinct bigrams it holds (a paraphrase can share a four-character core
    /// without sharing a jieba word) and its Okapi BM25 over those bigrams (k1 1.2, b 0.75), a
    /// retrieval order independent of jieba's words.
    pub fn bigram_matches(&self, text: &str) -> Vec<BigramMatch> {
        let mut grams: Vec<(char, char)> = word_bigrams(text).collect();
        grams.sort_unstable();
        grams.dedup();
        if grams.is_empty() {
            return Vec::new();
        }
        let n = self.texts.len() as f64;
        let mut acc: HashMap<u32, (u32, f64)> = HashMap::default();
        for g in &grams {
            let Some((list, counts)) = self.postings.get(g) else {
                continue;
            };
            let df = list.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for (&u, &tf) in list.iter().zip(counts) {
                let tf = tf as f64;
                let e = acc.entry(u).or_default();
                e.0 += 1;
                e.1 += idf * tf * 2.2 / (tf + self.norms[u as usize]);
            }
        }
        let total = grams.len() as f64;
        let mut out: Vec<BigramMatch> = acc
            .into_iter()
            .map(|(u, (hits, bm25))| BigramMatch {
                unit: u as usize,
                share: hits as f64 / total,
                bm25,
            })
            .collect();
        out.sort_by_key(|b| b.unit);
        out
    }
}

/// One sentence's character-bigram overlap with a commitment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BigramMatch {
    pub unit: usize,
    /// Share of the commitment's distinct bigrams the sentence holds.
    pub share: f64,
    /// The sentence's BM25 against the commitment's bigrams.
    pub bm25: f64,
}
