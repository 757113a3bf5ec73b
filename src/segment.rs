//! Stage 3: jieba-rs with the domain dictionaries; the only module that imports jieba.

use crate::error::{Error, Result};
use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, TfIdf};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, OnceLock, RwLock};

/// The domain user dictionary, embedded so luoshi works from any directory.
pub const USER_DICT: &str = include_str!("../dictionaries/user.dict");
/// Words that carry no content for search or alignment.
pub const STOPWORDS: &str = include_str!("../dictionaries/stopwords.txt");
/// Groups of equivalent terms (one group per line).
pub const SYNONYMS: &str = include_str!("../dictionaries/synonyms.txt");

/// A word of the text with its byte range, so every later stage can cut quotes from the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: &'a str,
    pub start: usize,
    pub end: usize,
}

impl<'a> From<jieba_rs::Token<'a>> for Token<'a> {
    fn from(t: jieba_rs::Token<'a>) -> Token<'a> {
        Token {
            word: t.word,
            start: t.byte_start,
            end: t.byte_end,
        }
    }
}

/// The groups of `dictionaries/synonyms.txt`, canonical form first.
fn synonym_lines() -> impl Iterator<Item = Vec<String>> {
    SYNONYMS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            line.split([' ', '\t', ',', '，'])
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<String>>()
        })
        .filter(|g| g.len() >= 2)
}

/// `text` with every synonym written in its group's canonical form (能耗强度 → 单位国内生产总值能耗),
/// longest first, so two texts can be compared by their characters whatever names they use.
pub fn canonical_spelling(text: &str) -> std::borrow::Cow<'_, str> {
    static CANON: LazyLock<(regex::Regex, HashMap<String, String>)> = LazyLock::new(|| {
        let mut canon = HashMap::new();
        for group in synonym_lines() {
            // The canonical form maps to itself, so a longer canonical word is consumed whole
            // (单位国内生产总值能耗 keeps its 生产总值).
            for w in &group {
                canon.entry(w.clone()).or_insert_with(|| group[0].clone());
            }
        }
        let mut words: Vec<&String> = canon.keys().collect();
        words.sort_by_key(|w| (std::cmp::Reverse(w.chars().count()), w.as_str()));
        let alternation: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        let re = regex::Regex::new(&alternation.join("|")).expect("synonym regex");
        (re, canon)
    });
    let (re, canon) = &*CANON;
    re.replace_all(text, |c: &regex::Captures| canon[&c[0]].clone())
}

/// One jieba with the domain dictionaries plus stop words and synonyms; build once and share.
pub struct Segmenter {
    jieba: Arc<Jieba>,
    tfidf: TfIdf,
    /// Hashed with rustc-hash (already built by jieba-rs and tantivy): every indexed word is
    /// looked up, and SipHash made the lookup cost as much as cutting the word.
    stopwords: rustc_hash::FxHashSet<String>,
    synonym_groups: Vec<Vec<String>>,
    synonym_of: HashMap<String, usize>,
    dict_hash: String,
    /// IDF per word, remembered: asking jieba means running its keyword extractor on the word.
    idf_cache: RwLock<HashMap<String, f64>>,
    /// Dictionary lines that had to be repaired, for the user to fix.
    pub warnings: Vec<String>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("dict_hash", &self.dict_hash)
            .finish_non_exhaustive()
    }
}

/// Parses a jieba-format dictionary, adding each entry; a line without a frequency is repaired with
/// `suggest_freq` (jieba-rs would read it as 0 and ignore it) and reported.
fn add_dictionary(jieba: &mut Jieba, name: &str, text: &str, warnings: &mut Vec<String>) {
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split_whitespace();
        let Some(word) = parts.next() else { continue };
        let second = parts.next();
        let (freq, tag) = match second.map(str::parse::<usize>) {
            Some(Ok(f)) if f > 0 => (f, parts.next()),
            _ => {
                let f = jieba.suggest_freq(word).max(1000);
                warnings.push(format!(
                    "{name} line {}: '{word}' has no frequency; added with suggested frequency {f}",
                    i + 1
                ));
                (f, second.filter(|s| s.parse::<usize>().is_err()))
            }
        };
        jieba.add_word(word, Some(freq), tag);
    }
}

/// The user dictionary's words, so tests and tools can check each is kept whole.
pub fn user_dict_words() -> Vec<&'static str> {
    USER_DICT
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .collect()
}

impl Segmenter {
    /// Builds a segmenter from the embedded dictionaries plus the user's own `extra` dictionaries.
    pub fn new(extra: &[PathBuf]) -> Result<Segmenter> {
        let mut jieba = Jieba::new();
        let mut warnings = Vec::new();
        let mut hasher = Sha256::new();
        hasher.update(USER_DICT.as_bytes());
        hasher.update(STOPWORDS.as_bytes());
        hasher.update(SYNONYMS.as_bytes());
        add_dictionary(
            &mut jieba,
            "dictionaries/user.dict",
            USER_DICT,
            &mut warnings,
        );
        for path in extra {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::input(path, format!("cannot read dictionary ({e})")))?;
            hasher.update(text.as_bytes());
            add_dictionary(
                &mut jieba,
                &path.display().to_string(),
                &text,
                &mut warnings,
            );
        }
        let stopwords: rustc_hash::FxHashSet<String> = STOPWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        let mut synonym_groups = Vec::new();
        let mut synonym_of = HashMap::new();
        for group in synonym_lines() {
            for w in &group {
                synonym_of.entry(w.clone()).or_insert(synonym_groups.len());
            }
            synonym_groups.push(group);
        }
        let config = KeywordExtractConfig::builder()
            .set_stop_words(stopwords.iter().cloned().collect())
            .min_keyword_length(2)
            .build();
        let mut tfidf = TfIdf::default();
        *tfidf.config_mut() = config;
        let digest = hasher.finalize();
        Ok(Segmenter {
            jieba: Arc::new(jieba),
            tfidf,
            stopwords,
            synonym_groups,
            synonym_of,
            dict_hash: digest.iter().take(8).map(|b| format!("{b:02x}")).collect(),
            idf_cache: RwLock::new(HashMap::new()),
            warnings,
        })
    }

    /// The segmenter for the user's `extra` dictionaries: the process-wide one when there are none.
    pub fn for_dicts(extra: &[PathBuf]) -> Result<Arc<Segmenter>> {
        if extra.is_empty() {
            Ok(Segmenter::shared())
        } else {
            Segmenter::new(extra).map(Arc::new)
        }
    }

    /// The process-wide segmenter with the embedded dictionaries (building one costs ~0.15 s and ~25 MB).
    pub fn shared() -> Arc<Segmenter> {
        static SHARED: OnceLock<Arc<Segmenter>> = OnceLock::new();
        SHARED
            .get_or_init(|| Arc::new(Segmenter::new(&[]).expect("embedded dictionaries load")))
            .clone()
    }

    /// Identifies the dictionaries, so an index built with other ones is rebuilt.
    pub fn dict_hash(&self) -> &str {
        &self.dict_hash
    }

    /// Cuts text into words (jieba default mode with HMM), punctuation included.
    pub fn cut<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(Token::from)
            .collect()
    }

    /// The two- and three-character dictionary words inside a longer word (环卫 in 环卫工人) — the
    /// pieces search mode would add — found by looking each up instead of cutting again.
    pub fn dictionary_parts<'a>(&self, word: &'a str) -> Vec<&'a str> {
        let at: Vec<usize> = word
            .char_indices()
            .map(|(i, _)| i)
            .chain([word.len()])
            .collect();
        let n = at.len() - 1;
        let mut out = Vec::new();
        for len in 2..=3.min(n.saturating_sub(1)) {
            for i in 0..=n - len {
                let part = &word[at[i]..at[i + len]];
                if self.jieba.has_word(part) {
                    out.push(part);
                }
            }
        }
        out
    }

    /// Cuts in search mode: long words also yield their dictionary sub-words (党风廉政建设 → 廉政).
    pub fn cut_for_search<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.jieba
            .cut_for_search(text, true)
            .into_iter()
            .map(Token::from)
            .collect()
    }

    /// Words with their part-of-speech tags (jieba's tag set; user-dictionary words carry their own tag).
    pub fn tag<'a>(&'a self, text: &'a str) -> Vec<(&'a str, &'a str)> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|t| (t.word, t.tag))
            .collect()
    }

    /// Content words only: no punctuation, no whitespace, no stop words.
    pub fn content_words<'a>(&self, text: &'a str) -> Vec<Token<'a>> {
        self.cut(text)
            .into_iter()
            .filter(|t| is_wordlike(t.word) && !self.is_stopword(t.word))
            .collect()
    }

    /// Whether a word carries no content.
    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// The synonym group of `word` (including itself), if it has one.
    pub fn synonyms(&self, word: &str) -> Option<&[String]> {
        self.synonym_of
            .get(word)
            .map(|&i| self.synonym_groups[i].as_slice())
    }

    /// Every synonym group, for expanding queries and matching plan terms to report terms.
    pub fn synonym_groups(&self) -> &[Vec<String>] {
        &self.synonym_groups
    }

    /// How rare a word is in general Chinese text (jieba's IDF table; the median for unknown words,
    /// which includes most domain terms).
    pub fn idf(&self, word: &str) -> f64 {
        if let Some(&v) = self
            .idf_cache
            .read()
            .ok()
            .and_then(|c| c.get(word).copied())
            .as_ref()
        {
            return v;
        }
        // A one-word text's TF-IDF weight is the word's IDF when jieba keeps it whole.
        let v = self
            .tfidf
            .extract_keywords(&self.jieba, word, 1, vec![])
            .into_iter()
            .find(|k| k.keyword == word)
            .map_or(11.7, |k| k.weight);
        if let Ok(mut c) = self.idf_cache.write() {
            c.insert(word.to_string(), v);
        }
        v
    }

    /// The text's top keywords by TF-IDF (jieba's IDF table, the domain stop words).
    pub fn keywords(&self, text: &str, k: usize) -> Vec<String> {
        self.tfidf
            .extract_keywords(&self.jieba, text, k, vec![])
            .into_iter()
            .map(|k| k.keyword)
            .collect()
    }
}

/// A token that is a word: it holds a letter, digit or CJK character.
pub fn is_wordlike(word: &str) -> bool {
    word.chars().any(is_word_char)
}

/// Consecutive pairs of a text's word characters, punctuation and blanks skipped: the unit of the
/// character-bigram overlap every stage of the gap analysis compares texts by.
pub fn word_bigrams(text: &str) -> impl Iterator<Item = (char, char)> + '_ {
    let mut prev = None;
    text.chars()
        .filter(|c| is_word_char(*c))
        .filter_map(move |c| prev.replace(c).map(|p| (p, c)))
}

/// `char::is_alphanumeric`, with the characters of Chinese text (Han, ASCII, CJK and general
/// punctuation) answered without the general Unicode tables, which cost a tenth of indexing time.
pub fn is_word_char(c: char) -> bool {
    match c {
        '\u{4E00}'..='\u{9FFF}' => true,
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // General punctuation (“” … —) and CJK punctuation (、。《》【】) except 〆〇 and 々.
        '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' => false,
        // Full-width punctuation: ！（），．：；？ and the like; full-width letters and digits fall through.
        '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_are_spelt_canonically_longest_first() {
        assert_eq!(
            canonical_spelling("能耗强度下降3.1%"),
            "单位国内生产总值能耗下降3.1%"
        );
        // A canonical word keeps its parts (生产总值 is a synonym of 国内生产总值).
        assert_eq!(
            canonical_spelling("单位国内生产总值能耗下降5.6%"),
            "单位国内生产总值能耗下降5.6%"
        );
        assert_eq!(
            canonical_spelling("地区生产总值增长7%"),
            "国内生产总值增长7%"
        );
    }

    fn words(s: &str) -> Vec<String> {
        Segmenter::shared()
            .cut(s)
            .into_iter()
            .map(|t| t.word.to_string())
            .collect()
    }

    #[test]
    fn domain_terms_stay_whole_and_core_terms_are_not_hidden() {
        let w = words("严格执行中央八项规定精神，落实三会一课和谈心谈话制度");
        for t in ["中央八项规定", "三会一课", "谈心谈话"] {
            assert!(w.iter().any(|x| x == t), "{t} not a token in {w:?}");
        }
    }

    #[test]
    fn word_chars_are_exactly_the_alphanumeric_ones() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn tokens_point_into_the_text() {
        let s = "全年至少开展１次警示教育";
        for t in Segmenter::shared().cut(s) {
            assert_eq!(&s[t.start..t.end], t.word);
        }
    }

    #[test]
    fn a_dictionary_line_without_frequency_is_repaired_and_reported() {
        let mut j = Jieba::new();
        let mut warnings = Vec::new();
        add_dictionary(&mut j, "test.dict", "# c\n廉政谈话提醒\n", &mut warnings);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("test.dict line 2"));
        assert!(j
            .cut("开展廉政谈话提醒", false)
            .iter()
            .any(|t| t.word == "廉政谈话提醒"));
    }
}
