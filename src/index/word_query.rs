//! One query word: its word token, or its character bigrams as a phrase — checked only where the
//! word token is absent.
//!
//! A passage holding the word token also holds the word's text, so the bigram phrase matches
//! wherever the token does; as a plain union of the two, every match paid for the phrase's position
//! check, the costliest part of a query. Here the token's postings answer first and the phrase is
//! verified only for passages the token misses (the word hidden inside a longer word, or across a
//! word boundary). Matches and scores are those of the union: the token's BM25 plus a constant 1.0
//! for the phrase.

use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Score a passage gets for holding the word's text (what `ConstScoreQuery(phrase, 1.0)` gave).
const PHRASE_SCORE: Score = 1.0;

/// The word token (word field) or the bigram phrase (bigram field, terms at their offsets).
#[derive(Clone, Debug)]
pub(crate) struct WordOrPhrase {
    pub word: TermQuery,
    /// Every bigram term of the word with its position in the phrase (all of them, not a
    /// covering subset: the rarest decides how many passages need their positions read).
    pub bigrams: Vec<(usize, Term)>,
}

impl Query for WordOrPhrase {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(WordOrPhraseWeight {
            word: self.word.weight(scoring)?,
            bigrams: self.bigrams.clone(),
        }))
    }
}

struct WordOrPhraseWeight {
    word: Box<dyn Weight>,
    bigrams: Vec<(usize, Term)>,
}

impl Weight for WordOrPhraseWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let word = self.word.scorer(reader, boost)?;
        let mut bigrams = Vec::with_capacity(self.bigrams.len());
        if let Some((_, first)) = self.bigrams.first() {
            let inverted = reader.inverted_index(first.field())?;
            for (offset, term) in &self.bigrams {
                match inverted.read_postings(term, IndexRecordOption::WithFreqsAndPositions)? {
                    Some(p) => bigrams.push((*offset as u32, p)),
                    None => {
                        // A bigram absent from this segment: the phrase cannot match here.
                        bigrams.clear();
                        break;
                    }
                }
            }
        }
        // The rarest bigram first: it drives the intersection and starts the position check, so
        // candidates are few however common the word's other bigrams are.
        bigrams.sort_by_key(|(_, p)| p.doc_freq());
        Ok(Box::new(WordOrPhraseScorer::new(word, bigrams, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "word token or bigram phrase",
            scorer.score(),
        ))
    }
}

struct WordOrPhraseScorer {
    word: Box<dyn Scorer>,
    /// Bigram postings with their offsets in the phrase; empty when the phrase cannot match.
    bigrams: Vec<(u32, SegmentPostings)>,
    /// The next passage holding every bigram (positions not yet checked), or TERMINATED.
    candidate: DocId,
    doc: DocId,
    phrase_score: Score,
    positions: Vec<u32>,
    other: Vec<u32>,
}

impl WordOrPhraseScorer {
    fn new(word: Box<dyn Scorer>, bigrams: Vec<(u32, SegmentPostings)>, boost: Score) -> Self {
        let mut s = WordOrPhraseScorer {
            word,
            bigrams,
            candidate: TERMINATED,
            doc: TERMINATED,
            phrase_score: PHRASE_SCORE * boost,
            positions: Vec::new(),
            other: Vec::new(),
        };
        s.candidate = s.align();
        s.find();
        s
    }

    /// Moves every bigram posting to the first passage at or after the current one they all hold.
    fn align(&mut self) -> DocId {
        let Some(mut target) = self.bigrams.iter().map(|(_, p)| p.doc()).max() else {
            return TERMINATED;
        };
        'outer: loop {
            if target == TERMINATED {
                return TERMINATED;
            }
            for (_, p) in &mut self.bigrams {
                let d = if p.doc() < target {
                    p.seek(target)
                } else {
                    p.doc()
                };
                if d > target {
                    target = d;
                    continue 'outer;
                }
            }
            return target;
        }
    }

    fn next_candidate(&mut self) {
        if let Some((_, p)) = self.bigrams.first_mut() {
            p.advance();
        }
        self.candidate = self.align();
    }

    /// Whether the candidate passage holds the bigrams at consecutive phrase offsets.
    fn verify(&mut self) -> bool {
        if self.bigrams.len() < 2 {
            return true;
        }
        // Phrase starts implied by the first bigram's positions, kept while every other agrees.
        let (first_offset, first) = &mut self.bigrams[0];
        let first_offset = *first_offset;
        self.positions.clear();
        first.positions(&mut self.positions);
        self.positions.retain(|&p| p >= first_offset);
        for p in &mut self.positions {
            *p -= first_offset;
        }
        for i in 1..self.bigrams.len() {
            let (offset, p) = &mut self.bigrams[i];
            let offset = *offset;
            self.other.clear();
            p.positions(&mut self.other);
            let other = &self.other;
            self.positions
                .retain(|&s| other.binary_search(&(s + offset)).is_ok());
            if self.positions.is_empty() {
                return false;
            }
        }
        true
    }

    /// Settles on the first passage, from the current postings on, that matches either way.
    fn find(&mut self) {
        loop {
            let w = self.word.doc();
            let c = self.candidate;
            if w == TERMINATED && c == TERMINATED {
                self.doc = TERMINATED;
                return;
            }
            if w <= c {
                self.doc = w;
                return;
            }
            if self.verify() {
                self.doc = c;
                return;
            }
            self.next_candidate();
        }
    }
}

impl DocSet for WordOrPhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.word.doc() == self.doc {
            self.word.advance();
        }
        if self.candidate == self.doc {
            self.next_candidate();
        }
        self.find();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if self.word.doc() < target {
            self.word.seek(target);
        }
        if self.candidate < target {
            if let Some((_, p)) = self.bigrams.first_mut() {
                p.seek(target);
            }
            self.candidate = self.align();
        }
        self.find();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        let phrase = self.bigrams.first().map_or(0, |(_, p)| p.size_hint());
        self.word.size_hint().saturating_add(phrase)
    }
}

impl Scorer for WordOrPhraseScorer {
    fn score(&mut self) -> Score {
        if self.word.doc() == self.doc {
            // The token implies the text: the union gave both scores.
            self.word.score() + self.phrase_score
        } else {
            self.phrase_score
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{query, IndexOptions, LuoshiIndex};
    use crate::segment::Segmenter;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur};

    /// The union this query replaces: word token OR bigram phrase, each scored on its own.
    fn union(li: &LuoshiIndex, word: &str) -> Box<dyn Query> {
        let token = TermQuery::new(
            Term::from_field_text(li.fields.text, word),
            IndexRecordOption::WithFreqs,
        );
        Box::new(BooleanQuery::new(vec![
            (Occur::Should, Box::new(token) as Box<dyn Query>),
            (
                Occur::Should,
                Box::new(ConstScoreQuery::new(query::exact(&li.fields, word), 1.0)),
            ),
        ]))
    }

    #[test]
    fn matches_and_scores_equal_the_union_of_token_and_phrase() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let docs = crate::load::load_paths(&[root.join("corpus")]).docs;
        let seg = Segmenter::shared();
        let dir = tempfile::tempdir().unwrap();
        let opts = IndexOptions {
            threads: 1,
            ..IndexOptions::default()
        };
        crate::batch::index_documents(dir.path(), &docs, seg.clone(), &opts, &|_, _| {}).unwrap();
        let li = LuoshiIndex::open(dir.path(), seg).unwrap();
        let searcher = li.searcher();
        // Whole tokens, words hidden inside longer ones, words across boundaries, absent words.
        let words = [
            "三会一课",
            "从严治党",
            "廉政",
            "主体责任",
            "谈心谈话",
            "中央八项规定",
            "建设主体",
            "量子计算机",
            "警示教育",
            "落实",
            "工作",
            "党风廉政建设",
        ];
        let mut hidden = 0;
        for w in words {
            let mine = WordOrPhrase {
                word: TermQuery::new(
                    Term::from_field_text(li.fields.text, w),
                    IndexRecordOption::WithFreqs,
                ),
                bigrams: query::bigram_terms(&li.fields, w).unwrap(),
            };
            let top = TopDocs::with_limit(100_000).order_by_score();
            let mut a = searcher.search(&mine, &top).unwrap();
            let mut b = searcher.search(&*union(&li, w), &top).unwrap();
            let key = |v: &mut Vec<(Score, tantivy::DocAddress)>| {
                v.sort_by_key(|(_, d)| *d);
                v.iter()
                    .map(|(s, d)| ((s * 1000.0).round() as i64, *d))
                    .collect::<Vec<_>>()
            };
            assert_eq!(key(&mut a), key(&mut b), "{w}");
            hidden += a.iter().filter(|(s, _)| *s == PHRASE_SCORE).count();
        }
        assert!(hidden > 0, "no word was found only through its bigrams");
    }
}
