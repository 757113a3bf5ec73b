//! `luoshi gap`: every format on a shipped plan and report, `--out`, and a bad input.

mod util;

use serde_json::Value;
use std::path::PathBuf;
use util::*;

fn corpus_file(unit_year: &str, prefix: &str) -> PathBuf {
    first_with_prefix(&root().join("corpus").join(unit_year), prefix)
}

/// `luoshi gap` on plan 000 and report 003 of the corpus in `format`, with further arguments.
fn gap_with(format: &str, extra: &[&str]) -> std::process::Output {
    let plan = corpus_file("民政局/2023", "000");
    let report = corpus_file("某市直单位党组/2022", "003");
    gap_of(&plan, &report, format, extra)
}

fn gap(format: &str) -> std::process::Output {
    gap_with(format, &["--quiet"])
}

#[test]
fn json_has_the_schema_fields() {
    let o = gap("json");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).expect("one JSON value");
    for side in ["plan", "report"] {
        for k in ["path", "unit", "year", "title", "kind"] {
            assert!(v[side].get(k).is_some(), "{side}.{k} missing");
        }
    }
    for k in ["tasks", "done", "partial", "missing", "coverage"] {
        assert!(v["summary"][k].is_number(), "summary.{k}");
    }
    // coverage is the 落实率 every table shows: done ÷ tasks, partial never folded in.
    let s = &v["summary"];
    let (done, n) = (s["done"].as_f64().unwrap(), s["tasks"].as_f64().unwrap());
    let expected = (done * 1000.0 / n).round() / 10.0;
    assert_eq!(s["coverage"].as_f64(), Some(expected), "{s}");
    assert!(s["partial"].as_f64().unwrap() > 0.0, "{s}");
    let tasks = v["tasks"].as_array().unwrap();
    assert!(tasks.len() > 10);
    for k in [
        "id",
        "path",
        "title",
        "text",
        "status",
        "score",
        "flags",
        "targets",
        "evidence",
        "commitments",
    ] {
        assert!(tasks[0].get(k).is_some(), "tasks[].{k} missing");
    }
    let ev = tasks
        .iter()
        .flat_map(|t| t["evidence"].as_array().unwrap())
        .next()
        .expect("some evidence");
    for k in ["path", "role", "quote", "score", "terms", "start", "end"] {
        assert!(ev.get(k).is_some(), "evidence.{k} missing");
    }
}

#[test]
fn every_other_format_is_non_empty() {
    for f in ["table", "md", "csv", "html"] {
        let o = gap(f);
        assert_eq!(o.status.code(), Some(0), "{f}: {}", stderr(&o));
        assert!(!o.stdout.is_empty(), "{f} output empty");
    }
    let csv = stdout(&gap("csv"));
    assert!(
        csv.starts_with("编号,所在章节,任务,状态,得分,提示,证据摘录"),
        "Chinese headers, no BOM on stdout"
    );
    let en = stdout(&gap_with("csv", &["--quiet", "--lang", "en"]));
    assert!(
        en.starts_with("id,path,title,status,score,flags,quote"),
        "{en}"
    );
    assert!(!en.contains("未见落实") && en.contains(",missing,"), "{en}");
    assert!(csv.contains(",未见落实,") && !csv.contains(",missing,"));
    let md = stdout(&gap("md"));
    assert!(md.contains("| 状态 |") && md.contains("落实率"));
}

#[test]
fn html_is_self_contained_and_marks_terms() {
    let html = stdout(&gap("html"));
    assert!(html.contains("<title>落实情况分析</title>"));
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("<mark>"));
    assert!(!html.contains("src=\"http") && !html.contains("<link"));
    assert!(
        html.contains("数字未填写"),
        "the unfilled figures of 003 are shown"
    );
}

#[test]
fn out_writes_a_file_and_csv_files_get_a_bom() {
    let dir = tempfile::tempdir().unwrap();
    for (name, format) in [("gap.html", "html"), ("gap.csv", "csv")] {
        let out = dir.path().join(name);
        let o = gap_with(format, &["--out", out.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(o.stdout.is_empty());
        let bytes = std::fs::read(&out).unwrap();
        assert!(!bytes.is_empty());
        assert_eq!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            format == "csv",
            "{name}"
        );
    }
}

#[test]
fn an_unreadable_input_is_named_and_exits_2() {
    let report = corpus_file("某市直单位党组/2022", "003");
    let o = luoshi(
        &root(),
        &[
            "gap",
            "--plan",
            "no/such/plan.txt",
            "--report",
            report.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: no/such/plan.txt: "),
        "{}",
        stderr(&o)
    );
}

/// `luoshi gap` on one labelled pair of ../shared/pairs in `format`.
fn pair_gap_in(pair: &str, format: &str) -> std::process::Output {
    let dir = shared().join("pairs").join(pair);
    gap_of(
        &dir.join("plan.txt"),
        &dir.join("report.txt"),
        format,
        &["--quiet"],
    )
}

#[test]
fn a_missing_task_shows_its_closest_sentences_collapsed_and_never_as_table_evidence() {
    let o = pair_gap_in("hailar_2018", "json");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let tasks = v["tasks"].as_array().unwrap();
    let missing: Vec<&Value> = tasks.iter().filter(|t| t["status"] == "missing").collect();
    assert!(missing.len() >= 3, "{} missing", missing.len());
    // Every missing commitment still lists up to three nearest report sentences, each scored.
    let mut with_candidates = 0;
    for t in &missing {
        for c in t["commitments"].as_array().unwrap() {
            let ev = c["evidence"].as_array().unwrap();
            assert!(ev.len() <= 3);
            for e in ev {
                assert!(
                    e["score"].is_number() && e["quote"].as_str().is_some_and(|q| !q.is_empty())
                );
            }
            with_candidates += usize::from(!ev.is_empty());
        }
    }
    assert!(with_candidates > 0);
    // The page folds them under 最接近的原文, one fold per missing task that has candidates.
    let html = stdout(&pair_gap_in("hailar_2018", "html"));
    let folds = html
        .matches("<details class=\"closest\"><summary>最接近的原文")
        .count();
    let expected = missing
        .iter()
        .filter(|t| !t["evidence"].as_array().unwrap().is_empty())
        .count();
    assert!(expected > 0);
    assert_eq!(folds, expected);
    // The CSV gives evidence for done and partial tasks only.
    let csv = stdout(&pair_gap_in("hailar_2018", "csv"));
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (status, evidence) = (col("状态"), col("证据摘录"));
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        rows += 1;
        if &rec[status] == "未见落实" {
            assert_eq!(&rec[evidence], "", "{rec:?}");
        }
    }
    assert_eq!(rows, tasks.len());
}

#[test]
fn the_page_says_what_each_flag_means_where_it_is_shown() {
    // A reader pointing at 把握不大 (or any flag) on a task card learns why the status needs a
    // second look; the JSON keeps the machine spelling.
    let json: Value = serde_json::from_str(&stdout(&pair_gap_in("sc_2009", "json"))).unwrap();
    let flagged = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            t["flags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f == "uncertain")
        })
        .count();
    assert!(flagged > 0);
    let html = stdout(&pair_gap_in("sc_2009", "html"));
    let shown = html
        .matches("<span class=\"flag\" title=\"模型对是否落实把握不大")
        .count();
    assert_eq!(shown, flagged);
    assert!(
        !html.contains("<span class=\"flag\">"),
        "a flag without its meaning"
    );
}

#[test]
fn a_party_building_page_says_how_to_read_its_missing_tasks_and_a_government_page_does_not() {
    // On the Party-building check pair (清单 against a 全面从严治党 情况汇报) two thirds of the
    // followed-through rows are called missing: its page says what 未见落实 means there. A
    // government work report's page does not carry the note.
    let dir = root().join("checks/party_building/shizhi_2023");
    let o = gap_of(
        &dir.join("plan.txt"),
        &dir.join("report.txt"),
        "html",
        &["--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let party = stdout(&o);
    assert_eq!(party.matches("class=\"note party-note\"").count(), 1);
    assert!(party.contains("未见落实”多为报告中没有找到明显对应的文字"));
    let government = stdout(&pair_gap_in("sc_2009", "html"));
    assert!(!government.contains("party-note"));
    // The Markdown summary says it too.
    let md = stdout(&gap_of(
        &dir.join("plan.txt"),
        &dir.join("report.txt"),
        "md",
        &["--quiet"],
    ));
    assert!(md.contains("注：党建类报告"), "{md}");
    assert!(!stdout(&pair_gap_in("sc_2009", "md")).contains("党建类报告"));
}
