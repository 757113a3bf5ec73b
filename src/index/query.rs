//! The query language: words (all must match), `OR`, "quoted exact text", -excluded, and filters.
//!
//! Every query word matches a passage through its word token or through the phrase of its
//! character bigrams — never through single bigrams OR-ed together — and through the same for each
//! of its synonyms.

use super::analyzer::{bigram_tokens, indexable_len, word_term};
use super::word_query::WordOrPhrase;
use super::Fields;
use crate::doc::Kind;
use crate::error::{Error, Result};
use crate::segment::{is_wordlike, Segmenter};
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    RegexQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

/// One element of a query as the user wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Unquoted text: cut into words, each of which must match.
    Words(String),
    /// Quoted text: must occur verbatim (punctuation and spaces aside).
    Exact(String),
}

/// A parsed query: every group must match (a group is items joined by OR); no excluded item may.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    pub groups: Vec<Vec<Item>>,
    pub excluded: Vec<Item>,
}

/// Which passages a search or trend looks at: units, a year range and kinds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub units: Vec<String>,
    pub years: Option<(i32, i32)>,
    pub kinds: Vec<Kind>,
}

/// Parses `2022` or `2020..2023` (a malformed value is a usage error).
pub fn parse_year_range(s: &str) -> Result<(i32, i32)> {
    crate::years::parse_range("--year", s)
}

/// The longest query accepted, in characters: a 10,000-character query took seconds and
/// gigabytes, and no one types more than a few dozen.
pub const MAX_QUERY_CHARS: usize = 256;

/// The most words, phrases and exclusions one query may hold.
pub const MAX_QUERY_ITEMS: usize = 32;

/// Parses the query text; an unbalanced quote, a dangling OR or minus, or a query beyond
/// `MAX_QUERY_CHARS` or `MAX_QUERY_ITEMS` is a usage error.
pub fn parse(text: &str) -> Result<ParsedQuery> {
    let n = text.chars().count();
    if n > MAX_QUERY_CHARS {
        return Err(Error::Usage(format!(
            "query too long: {n} characters (at most {MAX_QUERY_CHARS})"
        )));
    }
    // A Traditional query is read folded to Simplified, as Traditional documents are.
    let text = crate::load::fold::fold_query(text).replace(['“', '”'], "\"");
    if text.matches('"').count() % 2 == 1 {
        return Err(Error::Usage(format!(
            "unbalanced quote in query '{text}' (close every \" you open)"
        )));
    }
    // Tokens: (negated, item) or OR.
    enum Tok {
        Or,
        Item(bool, Item),
    }
    let mut toks = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut negated = false;
        if c == '-' {
            negated = true;
            chars.next();
        }
        if chars.peek() == Some(&'"') {
            chars.next();
            let mut s = String::new();
            for c in chars.by_ref() {
                if c == '"' {
                    break;
                }
                s.push(c);
            }
            toks.push(Tok::Item(negated, Item::Exact(s.trim().to_string())));
            continue;
        }
        let mut s = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '"' {
                break;
            }
            s.push(c);
            chars.next();
        }
        if s.is_empty() {
            if negated {
                return Err(Error::Usage(
                    "'-' must be followed by a word or a quoted phrase".into(),
                ));
            }
            continue;
        }
        if s == "OR" && !negated {
            toks.push(Tok::Or);
        } else {
            toks.push(Tok::Item(negated, Item::Words(s)));
        }
    }
    let mut q = ParsedQuery::default();
    let mut pending_or = false;
    for t in toks {
        match t {
            Tok::Or => {
                if pending_or || q.groups.is_empty() {
                    return Err(Error::Usage("OR needs a word on each side".into()));
                }
                pending_or = true;
            }
            Tok::Item(true, item) => {
                if pending_or {
                    return Err(Error::Usage("OR cannot join an excluded (-) word".into()));
                }
                q.excluded.push(item);
            }
            Tok::Item(false, item) => {
                if pending_or {
                    if let Some(g) = q.groups.last_mut() {
                        g.push(item);
                    }
                    pending_or = false;
                } else {
                    q.groups.push(vec![item]);
                }
            }
        }
    }
    if pending_or {
        return Err(Error::Usage("OR needs a word on each side".into()));
    }
    if q.groups.is_empty() && q.excluded.is_empty() {
        return Err(Error::Usage("empty query".into()));
    }
    let items = q.groups.iter().map(Vec::len).sum::<usize>() + q.excluded.len();
    if items > MAX_QUERY_ITEMS {
        return Err(Error::Usage(format!(
            "query has {items} words or phrases (at most {MAX_QUERY_ITEMS})"
        )));
    }
    Ok(q)
}

/// The words of unquoted text: the whole text when it is a known synonym, otherwise its content words.
pub fn query_words(seg: &Segmenter, text: &str) -> Vec<String> {
    if seg.synonyms(text).is_some() {
        return vec![text.to_string()];
    }
    seg.cut(text)
        .into_iter()
        .filter(|t| is_wordlike(t.word) && !seg.is_stopword(t.word))
        .map(|t| t.word.to_string())
        .collect()
}

/// A word and its synonyms, the word first.
pub fn with_synonyms(seg: &Segmenter, word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    if let Some(g) = seg.synonyms(word) {
        out.extend(g.iter().filter(|w| *w != word).cloned());
    }
    out
}

/// The bigram terms (with phrase offsets) of `text`; None when it has fewer than two indexable
/// characters.
pub(crate) fn bigram_terms(fields: &Fields, text: &str) -> Option<Vec<(usize, Term)>> {
    if indexable_len(text) < 2 {
        return None;
    }
    let terms: Vec<(usize, Term)> = bigram_tokens(text)
        .into_iter()
        .map(|t| (t.position, Term::from_field_text(fields.bigrams, &t.text)))
        .collect();
    (!terms.is_empty()).then_some(terms)
}

/// The bigram terms that pin down `text` exactly for a phrase query: every other bigram plus the
/// last covers every character, half the postings to intersect with the same exactness.
pub(crate) fn exact_terms(fields: &Fields, text: &str) -> Option<Vec<(usize, Term)>> {
    let terms = bigram_terms(fields, text)?;
    let n = terms.len();
    Some(
        terms
            .into_iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0 || *i == n - 1)
            .map(|(_, t)| t)
            .collect(),
    )
}

/// Passages whose bigram stream contains `text`'s as a phrase: verbatim text, punctuation aside.
pub(crate) fn exact(fields: &Fields, text: &str) -> Box<dyn Query> {
    match exact_terms(fields, text) {
        Some(mut terms) if terms.len() == 1 => Box::new(TermQuery::new(
            terms.remove(0).1,
            IndexRecordOption::WithFreqs,
        )),
        Some(terms) => Box::new(PhraseQuery::new_with_offset(terms)),
        None => {
            let toks = bigram_tokens(text);
            let Some(t) = toks.first() else {
                return Box::new(EmptyQuery);
            };
            // One character: any bigram that starts or ends with it (or a one-character passage).
            let c = regex_escape(&t.text);
            match RegexQuery::from_pattern(&format!("{c}.?|.{c}"), fields.bigrams) {
                Ok(q) => Box::new(q),
                Err(_) => Box::new(EmptyQuery),
            }
        }
    }
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special
                .then_some('\\')
                .into_iter()
                .chain(std::iter::once(c))
        })
        .collect()
}

/// One query word: its word token or its bigram phrase, for the word and each synonym.
fn word_clause(seg: &Segmenter, fields: &Fields, word: &str) -> Box<dyn Query> {
    let forms = with_synonyms(seg, word);
    let terms: Vec<String> = forms.iter().map(|w| word_term(w)).collect();
    let mut should: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (w, lower) in forms.iter().zip(&terms) {
        let token = TermQuery::new(
            Term::from_field_text(fields.text, lower),
            IndexRecordOption::WithFreqs,
        );
        // A form holding another form's text (全面从严治党主体责任 holds 主体责任) matches only
        // where that one does: its token still ranks, its phrase would add nothing.
        let covered = terms
            .iter()
            .any(|o| !o.is_empty() && o.len() < lower.len() && lower.contains(o.as_str()));
        if covered {
            should.push((Occur::Should, Box::new(token)));
            continue;
        }
        match bigram_terms(fields, w) {
            // The bigram phrase only decides whether the word occurs (hidden in a longer word), and
            // is checked only where the token is absent; the token carries the ranking.
            Some(bigrams) => should.push((
                Occur::Should,
                Box::new(WordOrPhrase {
                    word: token,
                    bigrams,
                }),
            )),
            None => {
                should.push((Occur::Should, Box::new(token)));
                should.push((
                    Occur::Should,
                    Box::new(ConstScoreQuery::new(exact(fields, w), 1.0)),
                ));
            }
        }
    }
    if should.len() == 1 {
        // No synonyms: the clause itself, so an intersection can seek in it instead of a union
        // enumerating every passage that holds a common word.
        return should.remove(0).1;
    }
    Box::new(BooleanQuery::new(should))
}

fn item_query(seg: &Segmenter, fields: &Fields, item: &Item) -> Box<dyn Query> {
    match item {
        Item::Exact(t) => exact(fields, t),
        Item::Words(t) => {
            let words = query_words(seg, t);
            if words.is_empty() {
                // Only stop words or punctuation: take the text literally.
                return exact(fields, t);
            }
            if words.len() == 1 {
                return word_clause(seg, fields, &words[0]);
            }
            Box::new(BooleanQuery::new(
                words
                    .iter()
                    .map(|w| (Occur::Must, word_clause(seg, fields, w)))
                    .collect(),
            ))
        }
    }
}

fn filter_queries(fields: &Fields, f: &Filters) -> Vec<(Occur, Box<dyn Query>)> {
    let mut out: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let any_of = |field, values: Vec<String>| -> Box<dyn Query> {
        Box::new(BooleanQuery::new(
            values
                .into_iter()
                .map(|v| {
                    (
                        Occur::Should,
                        Box::new(TermQuery::new(
                            Term::from_field_text(field, &v),
                            IndexRecordOption::Basic,
                        )) as Box<dyn Query>,
                    )
                })
                .collect(),
        ))
    };
    if !f.units.is_empty() {
        out.push((Occur::Must, any_of(fields.unit, f.units.clone())));
    }
    if !f.kinds.is_empty() {
        let kinds = f.kinds.iter().map(|k| k.as_str().to_string()).collect();
        out.push((Occur::Must, any_of(fields.kind, kinds)));
    }
    if let Some((a, b)) = f.years {
        out.push((
            Occur::Must,
            Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_i64(fields.year, i64::from(a))),
                Bound::Included(Term::from_field_i64(fields.year, i64::from(b))),
            )),
        ));
    }
    out
}

/// The tantivy query for a parsed query under filters.
pub(crate) fn build(
    seg: &Segmenter,
    fields: &Fields,
    q: &ParsedQuery,
    filters: &Filters,
) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for g in &q.groups {
        let sub: Box<dyn Query> = if g.len() == 1 {
            item_query(seg, fields, &g[0])
        } else {
            Box::new(BooleanQuery::new(
                g.iter()
                    .map(|i| (Occur::Should, item_query(seg, fields, i)))
                    .collect(),
            ))
        };
        clauses.push((Occur::Must, sub));
    }
    let filters = filter_queries(fields, filters);
    if clauses.is_empty() {
        clauses.push((Occur::Must, Box::new(AllQuery)));
    }
    for (occur, f) in filters {
        // Filters restrict without scoring.
        clauses.push((occur, Box::new(ConstScoreQuery::new(f, 0.0))));
    }
    for e in &q.excluded {
        clauses.push((Occur::MustNot, item_query(seg, fields, e)));
    }
    Box::new(BooleanQuery::new(clauses))
}

/// The strings to highlight for a query: every positive word, its synonyms, and every exact text.
pub fn highlight_terms(seg: &Segmenter, q: &ParsedQuery) -> Vec<String> {
    let mut out = Vec::new();
    for item in q.groups.iter().flatten() {
        match item {
            Item::Exact(t) => out.push(t.clone()),
            Item::Words(t) => {
                let words = query_words(seg, t);
                if words.is_empty() {
                    out.push(t.clone());
                }
                for w in words {
                    out.extend(with_synonyms(seg, &w));
                }
            }
        }
    }
    out.retain(|t| !t.is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_words_phrases_exclusions_and_or() {
        let q = parse(r#"廉政 "三会一课" -党课 a OR b"#).unwrap();
        assert_eq!(
            q.groups,
            vec![
                vec![Item::Words("廉政".into())],
                vec![Item::Exact("三会一课".into())],
                vec![Item::Words("a".into()), Item::Words("b".into())],
            ]
        );
        assert_eq!(q.excluded, vec![Item::Words("党课".into())]);
    }

    #[test]
    fn malformed_queries_are_usage_errors() {
        for bad in [r#""三会一课"#, "OR 廉政", "廉政 OR", "", "-"] {
            assert!(matches!(parse(bad), Err(Error::Usage(_))), "{bad}");
        }
    }

    #[test]
    fn year_ranges() {
        assert_eq!(parse_year_range("2022").unwrap(), (2022, 2022));
        assert_eq!(parse_year_range("2020..2023").unwrap(), (2020, 2023));
        assert!(parse_year_range("2023..2020").is_err());
        assert!(parse_year_range("x").is_err());
    }
}
