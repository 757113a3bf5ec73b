//! The two analyzers of the passage text: jieba words (search mode) and character bigrams.
//!
//! Both are thin tantivy tokenizers over plain functions, so queries are cut exactly as the text was.

use crate::segment::{is_word_char, is_wordlike, Segmenter};
use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name under which the word analyzer is registered in the index.
pub const WORDS: &str = "luoshi_words";
/// Name under which the bigram analyzer is registered in the index.
pub const BIGRAMS: &str = "luoshi_bigrams";

/// One analysed token: its term text, its position and its byte range in the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub text: String,
    pub position: usize,
    pub start: usize,
    pub end: usize,
}

/// Appends `word` lower-cased; lower-cases only when it has upper-case letters, so the common CJK
/// path is a plain copy.
fn push_lower(out: &mut String, word: &str) {
    let upper = |c: char| {
        c.is_ascii_uppercase()
            || (!c.is_ascii() && !matches!(c, '\u{4E00}'..='\u{9FFF}') && c.is_uppercase())
    };
    if word.chars().any(upper) {
        out.push_str(&word.to_lowercase());
    } else {
        out.push_str(word);
    }
}

/// The search-mode words of `text` (党风廉政建设 also yields 廉政), without punctuation or stop words.
///
/// A word's position is its byte offset, so sub-words share their parent's neighbourhood and the
/// distance between two words is the same wherever the same text occurs.
pub fn word_tokens(seg: &Segmenter, text: &str) -> Vec<Tok> {
    let mut stream = WordStream::new(seg, text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(tok_of(stream.token()));
    }
    out
}

fn tok_of(t: &Token) -> Tok {
    Tok {
        text: t.text.clone(),
        position: t.position,
        start: t.offset_from,
        end: t.offset_to,
    }
}

/// Term text of one query word in the word field.
pub fn word_term(word: &str) -> String {
    let mut s = String::with_capacity(word.len());
    push_lower(&mut s, word);
    s
}

/// Whether the bigram field sees a character: letters and digits.
fn indexable(c: char) -> bool {
    is_word_char(c)
}

/// The lower-case form the bigram field keeps of an indexable character.
fn fold(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// Overlapping character bigrams at increasing positions (a one-character text yields itself).
/// The bigram field sees letters and digits, lower-cased, punctuation and spaces skipped, so any
/// substring of a passage yields a contiguous run of the passage's bigrams.
pub fn bigram_tokens(text: &str) -> Vec<Tok> {
    let mut stream = BigramStream::new(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(tok_of(stream.token()));
    }
    out
}

/// Number of characters the bigram field sees in `text`.
pub fn indexable_len(text: &str) -> usize {
    text.chars().filter(|&c| indexable(c)).count()
}

/// Bigrams produced one at a time into a single reused token: no allocation per bigram.
pub struct BigramStream<'a> {
    chars: std::str::CharIndices<'a>,
    prev: Option<(char, usize, usize)>,
    token: Token,
    /// Whether any token was produced, so a one-character text still yields itself once.
    produced: bool,
}

impl<'a> BigramStream<'a> {
    fn new(text: &'a str) -> BigramStream<'a> {
        BigramStream {
            chars: text.char_indices(),
            prev: None,
            token: Token::default(),
            produced: false,
        }
    }

    fn set(&mut self, text: &[char], from: usize, to: usize, position: usize) {
        self.token.text.clear();
        self.token.text.extend(text);
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.token.position_length = 1;
        self.produced = true;
    }
}

impl TokenStream for BigramStream<'_> {
    fn advance(&mut self) -> bool {
        for (i, c) in self.chars.by_ref() {
            if !indexable(c) {
                continue;
            }
            let (c, s, e) = (fold(c), i, i + c.len_utf8());
            let prev = self.prev.replace((c, s, e));
            if let Some((p, ps, _)) = prev {
                let position = if self.produced {
                    self.token.position + 1
                } else {
                    0
                };
                self.set(&[p, c], ps, e, position);
                return true;
            }
        }
        match self.prev {
            // A text with one indexable character: the character itself.
            Some((c, s, e)) if !self.produced => {
                self.set(&[c], s, e, 0);
                true
            }
            _ => false,
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Search-mode words produced one at a time into a single reused token.
pub struct WordStream<'a> {
    seg: &'a Segmenter,
    words: std::vec::IntoIter<crate::segment::Token<'a>>,
    token: Token,
}

impl<'a> WordStream<'a> {
    fn new(seg: &'a Segmenter, text: &'a str) -> WordStream<'a> {
        WordStream {
            seg,
            words: seg.cut_for_search(text).into_iter(),
            token: Token::default(),
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        for t in self.words.by_ref() {
            if !is_wordlike(t.word) || self.seg.is_stopword(t.word) {
                continue;
            }
            self.token.text.clear();
            push_lower(&mut self.token.text, t.word);
            self.token.offset_from = t.start;
            self.token.offset_to = t.end;
            self.token.position = t.start;
            self.token.position_length = 1;
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// The word analyzer; every clone tantivy makes shares the one segmenter.
#[derive(Clone)]
pub struct WordTokenizer {
    seg: Arc<Segmenter>,
}

impl WordTokenizer {
    /// A tokenizer over the shared segmenter (same dictionaries as `luoshi segment`).
    pub fn new(seg: Arc<Segmenter>) -> WordTokenizer {
        WordTokenizer { seg }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        WordStream::new(&self.seg, text)
    }
}

/// The bigram analyzer: exact-text matching with real positions (tantivy's n-grams sit at position 0).
#[derive(Clone, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = BigramStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> BigramStream<'a> {
        BigramStream::new(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_skip_punctuation_and_keep_positions() {
        let t: Vec<(String, usize)> = bigram_tokens("从严，治党A")
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect();
        assert_eq!(
            t,
            vec![
                ("从严".to_string(), 0),
                ("严治".to_string(), 1),
                ("治党".to_string(), 2),
                ("党a".to_string(), 3)
            ]
        );
        assert_eq!(bigram_tokens("党").len(), 1);
        assert!(bigram_tokens("，。").is_empty());
    }

    #[test]
    fn search_mode_words_include_sub_words_without_stop_words() {
        let seg = Segmenter::shared();
        let w: Vec<String> = word_tokens(&seg, "加强党风廉政建设的ABC")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert!(w.contains(&"廉政".to_string()), "{w:?}");
        assert!(w.contains(&"abc".to_string()), "{w:?}");
        assert!(!w.contains(&"的".to_string()), "{w:?}");
    }
}
