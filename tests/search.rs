//! `luoshi index`, `search` and `trend` over the shipped corpus.

mod util;

use luoshi::batch::index_documents;
use luoshi::index::{Filters, IndexOptions, LuoshiIndex, SearchResults};
use luoshi::{Doc, Segmenter};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;
use util::{copy_dir, luoshi, root, stderr, stdout};

/// The corpus, its passages (document id, text) and one index of it, built once per test binary.
struct Fixture {
    dir: PathBuf,
    index: LuoshiIndex,
    passages: Vec<(String, String)>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.keep().join("index");
        let loaded = luoshi::load::load_paths(&[root().join("corpus")]);
        assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
        let stats = index_documents(
            &dir,
            &loaded.docs,
            Segmenter::shared(),
            &IndexOptions::default(),
            &|_, _| {},
        )
        .unwrap();
        assert_eq!(stats.indexed, 20);
        let passages = loaded.docs.iter().flat_map(passages_of).collect();
        Fixture {
            index: LuoshiIndex::open(&dir, Segmenter::shared()).unwrap(),
            dir,
            passages,
        }
    })
}

fn passages_of(d: &Doc) -> Vec<(String, String)> {
    luoshi::extract::passage::passages(d)
        .into_iter()
        .map(|p| (d.id(), p.span.of(&d.text).to_string()))
        .collect()
}

fn search(q: &str) -> SearchResults {
    fixture()
        .index
        .search(q, &Filters::default(), 100_000)
        .unwrap()
}

fn hits(q: &str) -> BTreeSet<(String, String)> {
    search(q)
        .results
        .into_iter()
        .map(|h| (h.path, h.text))
        .collect()
}

/// Letters and digits only: what exact-text matching compares.
fn alnum(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Passages whose text contains any of `terms` (punctuation aside).
fn containing(terms: &[&str]) -> BTreeSet<(String, String)> {
    fixture()
        .passages
        .iter()
        .filter(|(_, t)| terms.iter().any(|w| alnum(t).contains(&alnum(w))))
        .cloned()
        .collect()
}

fn index_arg() -> String {
    fixture().dir.display().to_string()
}

#[test]
fn any_quoted_substring_finds_its_passage() {
    let f = fixture();
    // xorshift64: deterministic, no dependency.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut cases = 0;
    while cases < 64 {
        let (id, text) = &f.passages[(next() % f.passages.len() as u64) as usize];
        let chars: Vec<char> = text.chars().collect();
        if chars.len() < 4 {
            continue;
        }
        let len = 4 + (next() % 9) as usize;
        let len = len.min(chars.len());
        let start = (next() % (chars.len() - len + 1) as u64) as usize;
        let sub: String = chars[start..start + len].iter().collect();
        if sub.contains(['"', '“', '”']) || alnum(&sub).is_empty() {
            continue;
        }
        cases += 1;
        let found = hits(&format!("\"{sub}\""));
        assert!(
            found.contains(&(id.clone(), text.clone())),
            "\"{sub}\" did not find its passage in {id}"
        );
    }
}

#[test]
fn a_word_hidden_inside_a_dictionary_word_is_found() {
    let found = hits("从严治党");
    let expected = containing(&["全面从严治党"]);
    assert!(!expected.is_empty());
    assert!(expected.is_subset(&found));
}

#[test]
fn domain_terms_find_exactly_the_passages_that_contain_them() {
    let expected = containing(&["三会一课"]);
    assert!(!expected.is_empty());
    assert_eq!(hits("三会一课"), expected);
    let expected = containing(&["中央八项规定"]);
    assert!(!expected.is_empty());
    assert_eq!(hits("\"中央八项规定\""), expected);
}

#[test]
fn search_mode_words_find_compounds() {
    let expected = containing(&["党风廉政建设"]);
    assert!(!expected.is_empty());
    assert!(expected.is_subset(&hits("廉政")));
}

#[test]
fn a_synonym_query_finds_both_forms() {
    let found = hits("提醒谈话");
    for form in ["提醒谈话", "谈话提醒"] {
        let with = containing(&[form]);
        assert!(!with.is_empty(), "{form} not in corpus");
        assert!(with.is_subset(&found), "{form} passages missing");
    }
    assert_eq!(
        found,
        containing(&["提醒谈话", "谈话提醒", "约谈提醒", "约谈"])
    );
}

#[test]
fn phrases_require_adjacent_text_and_words_do_not() {
    assert!(search("全面治党").count > 0);
    assert_eq!(search("\"全面治党\"").count, 0);
    // Excluding a compound keeps only passages without it.
    for (_, text) in hits("廉政 -党风廉政建设") {
        assert!(text.contains("廉政") && !text.contains("党风廉政建设"));
    }
    let either = hits("三会一课 OR 谈心谈话");
    assert!(hits("三会一课").is_subset(&either));
    assert!(hits("谈心谈话").is_subset(&either));
}

#[test]
fn unknown_words_find_nothing_even_when_their_bigrams_occur() {
    assert!(!containing(&["计算"]).is_empty());
    assert_eq!(search("量子计算机").count, 0);
}

#[test]
fn filters_by_year_and_kind() {
    let dir = index_arg();
    let o = luoshi(
        &root(),
        &[
            "search", "党", "--year", "2022", "--kind", "report", "--format", "json", "--index",
            &dir,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let results = v["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(r["path"]
            .as_str()
            .unwrap()
            .contains("某市直单位党组/2022/003_"));
        assert_eq!(r["kind"], "report");
        assert_eq!(r["year"], 2022);
    }
    assert_eq!(v["facets"]["year"].as_object().unwrap().len(), 1);
    assert_eq!(v["facets"]["kind"]["report"], v["count"]);
}

#[test]
fn json_has_the_documented_shape() {
    let dir = index_arg();
    let o = luoshi(
        &root(),
        &[
            "search",
            "三会一课",
            "--format",
            "json",
            "--limit",
            "3",
            "--index",
            &dir,
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keys: BTreeSet<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(keys, BTreeSet::from(["count", "facets", "results"]));
    assert_eq!(v["results"].as_array().unwrap().len(), 3);
    let r = &v["results"][0];
    let keys: BTreeSet<&str> = r.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    assert_eq!(
        keys,
        BTreeSet::from([
            "unit",
            "year",
            "kind",
            "path",
            "outline_path",
            "title",
            "snippet",
            "highlights",
            "score"
        ])
    );
    let snippet: Vec<char> = r["snippet"].as_str().unwrap().chars().collect();
    assert!(snippet.len() <= 130);
    let hl = r["highlights"][0].as_array().unwrap();
    let (s, e) = (
        hl[0].as_u64().unwrap() as usize,
        hl[1].as_u64().unwrap() as usize,
    );
    assert_eq!(snippet[s..e].iter().collect::<String>(), "三会一课");
    // Not a terminal: no ANSI in the table either.
    let o = luoshi(&root(), &["search", "三会一课", "--index", &dir]);
    assert!(!stdout(&o).contains('\x1b'));
    assert!(stdout(&o).starts_with("9 段 passages"), "{}", stdout(&o));
}

#[test]
fn trend_counts_documents_and_units_by_year() {
    let dir = index_arg();
    let o = luoshi(
        &root(),
        &["trend", "三会一课", "--format", "json", "--index", &dir],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let row = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["bucket"] == "2022")
        .unwrap();
    assert_eq!(row["report_documents"], 1);
    assert_eq!(row["plan_documents"], 0);
}

#[test]
fn reindexing_is_incremental_and_removes_gone_files() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("corpus"), &tmp.path().join("corpus"));
    let o = luoshi(tmp.path(), &["index", "corpus"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("indexed 20, skipped 0 unchanged, removed 0"));
    let o = luoshi(tmp.path(), &["index", "corpus"]);
    assert_eq!(
        stderr(&o).trim(),
        "indexed 0, skipped 20 unchanged, removed 0"
    );
    // A changed file replaces its passages; a removed file's passages go.
    let changed = tmp.path().join("corpus/国务院/2009/plan.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\n开展量子计算机专题学习。\n");
    std::fs::write(&changed, text).unwrap();
    std::fs::remove_file(
        tmp.path()
            .join("corpus/某市直单位党组/2022/003_a63353f37c2cae0e.txt"),
    )
    .unwrap();
    let o = luoshi(tmp.path(), &["index", "corpus"]);
    assert_eq!(
        stderr(&o).trim(),
        "indexed 1, skipped 18 unchanged, removed 1"
    );
    let o = luoshi(tmp.path(), &["search", "量子计算机", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["count"], 1);
    let o = luoshi(
        tmp.path(),
        &["search", "党", "--year", "2022", "--format", "json"],
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["count"], 0);
    // Other dictionaries re-index everything.
    std::fs::write(tmp.path().join("extra.dict"), "量子计算机 3000 n\n").unwrap();
    let o = luoshi(tmp.path(), &["--dict", "extra.dict", "index", "corpus"]);
    assert_eq!(
        stderr(&o).trim(),
        "indexed 19, skipped 0 unchanged, removed 0"
    );
}

#[test]
fn input_errors_exit_2_while_the_rest_is_indexed() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("corpus/国务院"), &tmp.path().join("docs"));
    std::fs::write(tmp.path().join("docs/empty.txt"), "").unwrap();
    let o = luoshi(tmp.path(), &["index", "docs", "--index", "ix"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: docs/empty.txt: empty file"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("indexed 6, skipped 0 unchanged, removed 0"));
}

#[test]
fn a_second_writer_is_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ix");
    let _held = luoshi::index::Indexer::open(&dir, Segmenter::shared(), 1).unwrap();
    let o = luoshi(
        tmp.path(),
        &[
            "index",
            root().join("corpus/国务院").to_str().unwrap(),
            "--index",
            "ix",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("index is locked by another luoshi process"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn malformed_queries_exit_1_and_a_missing_index_exits_2() {
    let dir = index_arg();
    for args in [
        vec!["search", "\"三会一课", "--index", &dir],
        vec!["search", "廉政", "--kind", "memo", "--index", &dir],
        vec!["search", "廉政", "--year", "20x2", "--index", &dir],
    ] {
        let o = luoshi(&root(), &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
        assert!(stderr(&o).starts_with("error: "));
    }
    let tmp = tempfile::tempdir().unwrap();
    let o = luoshi(tmp.path(), &["search", "廉政"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no index"), "{}", stderr(&o));
    // A corrupt index: meta.json that is not an index.
    std::fs::create_dir_all(tmp.path().join("luoshi-index")).unwrap();
    std::fs::write(tmp.path().join("luoshi-index/meta.json"), "{ nonsense").unwrap();
    let o = luoshi(tmp.path(), &["search", "廉政"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(!stderr(&o).contains("panicked"));
}

#[test]
fn equal_scores_come_back_by_path_and_passage_order_whatever_the_build_order() {
    // Two units filed the same plan word for word: every passage of one ties with the other's.
    let tmp = tempfile::tempdir().unwrap();
    let seed = std::fs::read(root().join("corpus/民政局/2023/000_694202b0fff9a47c.txt")).unwrap();
    for unit in ["甲单位", "乙单位"] {
        let d = tmp.path().join("dept").join(unit).join("2023");
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("plan.txt"), &seed).unwrap();
    }
    let loaded = luoshi::load::load_paths(&[tmp.path().join("dept")]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    assert_eq!(loaded.docs.len(), 2);
    let order = |docs: Vec<Doc>, name: &str| {
        let dir = tmp.path().join(name);
        let one_thread = IndexOptions {
            threads: 1,
            ..IndexOptions::default()
        };
        index_documents(&dir, &docs, Segmenter::shared(), &one_thread, &|_, _| {}).unwrap();
        let index = LuoshiIndex::open(&dir, Segmenter::shared()).unwrap();
        let r = index.search("民主生活会", &Filters::default(), 3).unwrap();
        r.results
            .iter()
            .map(|h| (h.score, h.path.clone(), h.outline_path.clone()))
            .collect::<Vec<_>>()
    };
    let mut reversed = loaded.docs.clone();
    reversed.reverse();
    let a = order(loaded.docs.clone(), "forward");
    let b = order(reversed, "backward");
    assert_eq!(a.len(), 3, "{a:?}");
    assert_eq!(a, b, "two builds of the same documents answer alike");
    // Within a score, the first unit's path comes first.
    for w in a.windows(2) {
        assert!(
            w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 <= w[1].1),
            "{w:?}"
        );
    }
    assert!(a.iter().any(|h| h.1.contains("乙单位")), "{a:?}");
}
