//! The two analyzers of the passage text: jieba words (search mode) and character bigrams.
//!
//! Both are thin tantivy tokenizers over plain functions, so queries are cut exactly as the text was.

use crate::segment::{is_wordlike, Segmenter};
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

/// Lower-cases Latin letters only when there are some, to keep the common CJK path allocation-light.
fn lower(word: &str) -> String {
    if word.chars().any(char::is_uppercase) {
        word.to_lowercase()
    } else {
        word.to_string()
    }
}

/// The search-mode words of `text` (党风廉政建设 also yields 廉政), without punctuation or stop words.
///
/// A word's position is its byte offset, so sub-words share their parent's neighbourhood and the
/// distance between two words is the same wherever the same text occurs.
pub fn word_tokens(seg: &Segmenter, text: &str) -> Vec<Tok> {
    seg.cut_for_search(text)
        .into_iter()
        .filter(|t| is_wordlike(t.word) && !seg.is_stopword(t.word))
        .map(|t| Tok {
            text: lower(t.word),
            position: t.start,
            start: t.start,
            end: t.end,
        })
        .collect()
}

/// Term text of one query word in the word field.
pub fn word_term(word: &str) -> String {
    lower(word)
}

/// The characters the bigram field sees: letters and digits, lower-cased, punctuation and spaces
/// skipped, so any substring of a passage yields a contiguous run of the passage's bigrams.
fn indexable_chars(text: &str) -> Vec<(char, usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 3 + 1);
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            let c = if c.is_uppercase() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                c
            };
            out.push((c, i, i + c.len_utf8()));
        }
    }
    out
}

/// Overlapping character bigrams at increasing positions (a one-character text yields itself).
pub fn bigram_tokens(text: &str) -> Vec<Tok> {
    let chars = indexable_chars(text);
    if chars.len() == 1 {
        let (c, s, e) = chars[0];
        return vec![Tok {
            text: c.to_string(),
            position: 0,
            start: s,
            end: e,
        }];
    }
    chars
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let mut s = String::with_capacity(8);
            s.push(w[0].0);
            s.push(w[1].0);
            Tok {
                text: s,
                position: i,
                start: w[0].1,
                end: w[1].2,
            }
        })
        .collect()
}

/// Number of characters the bigram field sees in `text`.
pub fn indexable_len(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphanumeric()).count()
}

/// A token stream over tokens computed up front.
pub struct VecStream {
    tokens: Vec<Token>,
    next: usize,
}

impl VecStream {
    fn new(toks: Vec<Tok>) -> VecStream {
        VecStream {
            tokens: toks.into_iter().map(to_tantivy).collect(),
            next: 0,
        }
    }
}

fn to_tantivy(t: Tok) -> Token {
    Token {
        offset_from: t.start,
        offset_to: t.end,
        position: t.position,
        text: t.text,
        position_length: 1,
    }
}

/// Converts analysed tokens for tantivy's pre-tokenized input.
pub fn to_tantivy_tokens(toks: Vec<Tok>) -> Vec<Token> {
    toks.into_iter().map(to_tantivy).collect()
}

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
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
    type TokenStream<'a> = VecStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        VecStream::new(word_tokens(&self.seg, text))
    }
}

/// The bigram analyzer: exact-text matching with real positions (tantivy's n-grams sit at position 0).
#[derive(Clone, Default)]
pub struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = VecStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        VecStream::new(bigram_tokens(text))
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
