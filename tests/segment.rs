//! Segmentation over the real texts: every domain term is one token wherever it occurs.

mod util;

use luoshi::segment::{user_dict_words, Segmenter};
use std::collections::HashSet;
use util::*;

/// Dictionary terms that also occur inside a phrase of other words (组织力 in 国务院组织力量研究).
const NOT_THE_TERM: [(&str, &str); 1] = [("组织力", "组织力量")];

#[test]
fn every_user_dictionary_term_is_one_token_at_each_occurrence() {
    let seg = Segmenter::shared();
    let words = user_dict_words();
    assert!(words.len() >= 300, "user.dict has {} terms", words.len());
    let dict: HashSet<&str> = words.iter().copied().collect();
    let mut files = seeds();
    files.extend(pair_texts());
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut conflicts = 0;
    for f in files {
        for d in load_docs(&f) {
            let tokens = seg.cut(&d.text);
            let spans: HashSet<(usize, usize)> = tokens.iter().map(|t| (t.start, t.end)).collect();
            for w in &words {
                for (start, _) in d.text.match_indices(w) {
                    let end = start + w.len();
                    checked += 1;
                    if spans.contains(&(start, end)) {
                        continue;
                    }
                    // A longer word may cover it (党风廉政建设 covers 廉政建设, 问责制 covers 问责).
                    let covered = tokens
                        .iter()
                        .any(|t| t.start <= start && end <= t.end && t.end - t.start > w.len());
                    // Where the term is only a substring of a longer phrase, splitting it is right.
                    let substring = NOT_THE_TERM
                        .iter()
                        .any(|(term, phrase)| term == w && d.text[start..].starts_with(phrase));
                    if substring {
                        continue;
                    }
                    // Two domain terms overlapping (理论学习中心组|学习 vs 中心组学习): only one can be a token.
                    let conflict = tokens.iter().any(|t| {
                        t.start < end
                            && start < t.end
                            && !(t.start <= start && end <= t.end)
                            && dict.contains(t.word)
                    });
                    if conflict {
                        conflicts += 1;
                    }
                    if !covered && !conflict {
                        let ctx: String =
                            d.text[start.saturating_sub(9)..].chars().take(10).collect();
                        let cut: Vec<&str> = tokens
                            .iter()
                            .filter(|t| t.end > start.saturating_sub(6) && t.start < end + 6)
                            .map(|t| t.word)
                            .collect();
                        failures.push(format!("{w} in {}: …{ctx}… cut as {cut:?}", f.display()));
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "only {checked} occurrences checked");
    assert!(
        conflicts * 50 < checked,
        "{conflicts} of {checked} occurrences lost to overlapping terms"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} occurrences split:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn core_terms_are_not_hidden_by_generic_tails() {
    let seg = Segmenter::shared();
    let text = std::fs::read_to_string(seed("004")).unwrap();
    let tokens: Vec<&str> = seg.cut(&text).into_iter().map(|t| t.word).collect();
    assert!(text.contains("严格执行中央八项规定") || text.contains("中央八项规定精神"));
    assert!(tokens.contains(&"中央八项规定"));
    for hidden in ["中央八项规定精神", "谈心谈话制度", "主题党日活动"] {
        assert!(!tokens.contains(&hidden), "{hidden} is a token");
    }
}

#[test]
fn segment_command_prints_tokens_of_the_loaded_document() {
    let o = luoshi(&root(), &["segment", seed("001").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.lines().next().unwrap().contains("全面从严治党"));
    assert!(out.split_whitespace().any(|w| w == "党风廉政建设"));
}

#[test]
fn a_user_dictionary_adds_words_on_top() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("mine.dict");
    std::fs::write(&dict, "团市委机关 3000 n\n高质量开展\n").unwrap();
    let o = luoshi(
        &root(),
        &[
            "segment",
            "--dict",
            dict.to_str().unwrap(),
            seed("001").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("mine.dict line 2"), "{}", stderr(&o));
    assert!(stdout(&o).split_whitespace().any(|w| w == "高质量开展"));
}

#[test]
fn a_words_dictionary_parts_are_the_pieces_search_mode_adds() {
    // What the evidence order credits when a report holds only part of a plan's word
    // (环卫 of 环卫工人, 出口 of 出口路): the same pieces jieba's search mode yields, for every
    // word of the nine pairs' plans.
    let seg = Segmenter::shared();
    assert!(seg.dictionary_parts("环卫工人").contains(&"环卫"));
    assert!(seg.dictionary_parts("出口路").contains(&"出口"));
    assert!(seg.dictionary_parts("环卫").is_empty());
    let mut checked = 0;
    for text in pair_texts()
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
    {
        for t in seg.cut(&text) {
            let n = t.word.chars().count();
            // Search mode also splits Latin compounds at their connectors (PM2.5 → PM2); the
            // evidence order only looks into Chinese words.
            if n < 3
                || !t
                    .word
                    .chars()
                    .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            {
                continue;
            }
            let mut search: Vec<&str> = seg
                .cut_for_search(t.word)
                .into_iter()
                .map(|p| p.word)
                .filter(|w| (2..n).contains(&w.chars().count()))
                .collect();
            let mut parts = seg.dictionary_parts(t.word);
            search.sort_unstable();
            search.dedup();
            parts.sort_unstable();
            parts.dedup();
            assert_eq!(parts, search, "{}", t.word);
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
}
