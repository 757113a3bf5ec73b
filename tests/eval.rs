//! `luoshi eval` over the nine labelled pairs: leave-one-pair-out figures, a deterministic `--fit`,
//! and a report that barely mentions its plan.

mod util;

use serde_json::Value;
use util::*;

/// The value of `key=` on a figures line (`cv: f1_missing=0.753 acc3=…`).
fn figure(line: &str, key: &str) -> f64 {
    line.split_whitespace()
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no {key} in {line}"))
}

/// The note line of `luoshi eval DIR` (stderr) holding `needle`.
fn eval_note(dir: &str, needle: &str) -> String {
    let o = luoshi(&root(), &["eval", dir]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    err.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no note with {needle:?}:\n{err}"))
        .to_string()
}

/// `luoshi eval DIR --quiet` on a folder of check pairs: its table and its `overall:` line, once
/// the run has succeeded and every gold row has found its clause (0 unmatched).
fn eval_overall(dir: &str) -> (String, String) {
    let o = luoshi(&root(), &["eval", dir, "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let last = out.lines().last().unwrap_or_default().to_string();
    assert!(last.starts_with("overall: "), "{last}");
    assert_eq!(figure(&last, "unmatched"), 0.0, "{last}");
    (out, last)
}

/// Every named figure of a figures line at or above its floor.
fn at_least(line: &str, floors: &[(&str, f64)]) {
    for (key, floor) in floors {
        assert!(figure(line, key) >= *floor, "{key} below {floor}: {line}");
    }
}

#[test]
fn cross_validation_scores_every_pair_on_a_model_that_never_saw_it() {
    let pairs = shared().join("pairs");
    let o = luoshi(
        &root(),
        &["eval", pairs.to_str().unwrap(), "--cv", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let names: Vec<String> = std::fs::read_dir(&pairs)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("gold.csv").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 9);
    for n in &names {
        assert!(
            out.lines().any(|l| l.starts_with(n.as_str())),
            "{n} has no line:\n{out}"
        );
    }
    let last = out.lines().last().unwrap();
    assert!(last.starts_with("cv: "), "{last}");
    // Every gold row finds its task; the figures stay above what naive BM25 reaches (0.66 F1 on
    // the first seven pairs) — a floor that catches a broken feature, not the goal.
    assert_eq!(figure(last, "unmatched"), 0.0, "{last}");
    assert!(figure(last, "f1_missing") >= 0.72, "{last}");
    assert!(figure(last, "acc3") >= 0.62, "{last}");
    assert!(figure(last, "evidence@3") >= 0.84, "{last}");

    // Leaving a whole body out (海拉尔's four, then the State Council's five): every pair is
    // scored by a model that never saw its body's writing. A commitment's evidence does not depend
    // on the model (an item's does, through which commitments followed through), so evidence@3
    // stays within a point; statuses do, so some pair's row differs.
    let o = luoshi(
        &root(),
        &[
            "eval",
            pairs.to_str().unwrap(),
            "--cv",
            "--leave-out",
            "body",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let by_body = stdout(&o);
    let last_body = by_body.lines().last().unwrap();
    assert!(last_body.starts_with("cv_body: "), "{last_body}");
    assert!(
        (figure(last_body, "evidence@3") - figure(last, "evidence@3")).abs() <= 0.01,
        "{last_body} against {last}"
    );
    assert_eq!(figure(last_body, "unmatched"), 0.0, "{last_body}");
    let rows = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| names.iter().any(|n| l.starts_with(n.as_str())))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(rows(&by_body).len(), 9, "{by_body}");
    assert_ne!(rows(&by_body), rows(&out));
}

#[test]
fn the_machine_labelled_check_pairs_find_every_row_and_their_evidence() {
    // checks/pairs: nine more pairs (two five-year reviews, a review of 十二五 and its last year, a
    // plan written as 建议) whose rows other annotators chose; the shipped model judges them. Every
    // head finds its commitment, the evidence shown stays within a point of the goal set for unseen
    // pairs (0.85; 0.851 when this was written, a row is 0.0013), and the statuses stay above a
    // naive BM25's 0.55 F1 on the never-shown pairs.
    let (out, last) = eval_overall("checks/pairs");
    assert_eq!(
        out.lines().filter(|l| l.contains(" | ")).count(),
        10,
        "{out}"
    );
    at_least(
        &last,
        &[("evidence@3", 0.84), ("f1_missing", 0.65), ("acc3", 0.58)],
    );
}

#[test]
fn a_body_never_built_on_finds_every_row_and_its_evidence() {
    // checks/other_bodies: four 广东省 pairs (a province; long plans, dense reviews, one five-year
    // review), labelled by machine. Every head finds its commitment and the evidence shown meets the
    // goal for unseen pairs (0.925 when added); the statuses, lower than on the two bodies luoshi
    // was built on (F1 0.603, acc3 0.589 when added), stay above a naive BM25's 0.55 F1.
    let (_, last) = eval_overall("checks/other_bodies");
    at_least(
        &last,
        &[("evidence@3", 0.88), ("f1_missing", 0.57), ("acc3", 0.56)],
    );
}

#[test]
fn the_party_building_pair_finds_every_row_and_beats_calling_everything_missing() {
    // checks/party_building: the genre the users hold (重点任务清单 and 领导责任清单 in one file,
    // against a 全面从严治党 情况汇报 of placeholders), labelled by machine. Every head finds its
    // task in either document of the plan file, and the statuses beat the floor of calling every
    // row missing (54 of 108 rows are `no`: F1 0.667, acc3 0.500; 0.714 / 0.528 when added, 0.714 /
    // 0.583 once an unfilled 多少次 stopped keeping promises that count nothing from done).
    let (_, last) = eval_overall("checks/party_building");
    assert!(
        figure(&last, "f1_missing") > 2.0 * 54.0 / (54.0 + 108.0),
        "{last}"
    );
    assert!(figure(&last, "acc3") > 0.5, "{last}");
    assert!(figure(&last, "evidence@3") >= 0.65, "{last}");
}

#[test]
fn leaving_a_body_out_needs_two_bodies() {
    // Two 海拉尔 pairs only: there is no other body to fit on.
    let tmp = tempfile::tempdir().unwrap();
    for name in ["hailar_2016", "hailar_2017"] {
        let to = tmp.path().join(name);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["plan.txt", "report.txt", "gold.csv"] {
            std::fs::copy(shared().join("pairs").join(name).join(f), to.join(f)).unwrap();
        }
    }
    let o = luoshi(
        &root(),
        &[
            "eval",
            tmp.path().to_str().unwrap(),
            "--cv",
            "--leave-out",
            "body",
            "--quiet",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "a request these pairs cannot serve"
    );
    assert!(
        stderr(&o).contains("--leave-out body needs pairs of at least two bodies")
            && stderr(&o).contains("found hailar"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn fitting_twice_writes_the_same_weights() {
    let pairs = shared().join("pairs");
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for name in ["a.json", "b.json"] {
        let path = dir.path().join(name);
        let o = luoshi(
            &root(),
            &[
                "eval",
                pairs.to_str().unwrap(),
                "--fit",
                path.to_str().unwrap(),
                "--quiet",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        files.push(std::fs::read(&path).unwrap());
    }
    assert_eq!(files[0], files[1]);
    // The file is a model eval can judge with.
    let v: Value = serde_json::from_slice(&files[0]).unwrap();
    assert!(v.is_object());
    let o = luoshi(
        &root(),
        &[
            "eval",
            pairs.to_str().unwrap(),
            "--model",
            dir.path().join("a.json").to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).lines().last().unwrap().starts_with("overall: "));
}

#[test]
fn a_report_that_barely_mentions_its_plan_leaves_nearly_everything_missing() {
    // sc_2016's plan against three real lines of its report (the heading, the opening and the
    // GDP line): follow-through may be claimed on at most 10 % of the tasks they never name.
    let dir = shared().join("pairs").join("sc_2016");
    let report = std::fs::read_to_string(dir.join("report.txt")).unwrap();
    let few: Vec<&str> = report.lines().take(3).collect();
    let tmp = tempfile::tempdir().unwrap();
    let short = tmp.path().join("report.txt");
    std::fs::write(&short, few.join("\n")).unwrap();
    let o = luoshi(
        &root(),
        &[
            "gap",
            "--plan",
            dir.join("plan.txt").to_str().unwrap(),
            "--report",
            short.to_str().unwrap(),
            "--format",
            "json",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let tasks = v["tasks"].as_array().unwrap();
    // The tasks these sentences do name: gold rows whose evidence quote is in them (the GDP line).
    let short_text = few.join("\n");
    let mut gold = csv::Reader::from_path(dir.join("gold.csv")).unwrap();
    let named_heads: Vec<String> = gold
        .records()
        .map(|r| r.unwrap())
        .filter(|r| !r[3].is_empty() && short_text.contains(&r[3]))
        .map(|r| r[1].chars().take(8).collect())
        .collect();
    assert!(!named_heads.is_empty());
    let text = |t: &Value| t["text"].as_str().unwrap().to_string();
    let unnamed: Vec<&Value> = tasks
        .iter()
        .filter(|t| !named_heads.iter().any(|h| text(t).contains(h.as_str())))
        .collect();
    assert!(unnamed.len() >= 30, "{}", unnamed.len());
    let claimed: Vec<String> = unnamed
        .iter()
        .filter(|t| t["status"] != "missing")
        .map(|t| text(t).chars().take(20).collect())
        .collect();
    assert!(
        claimed.len() * 10 <= unnamed.len(),
        "{} of {} tasks the sentences never name are claimed: {claimed:?}",
        claimed.len(),
        unnamed.len()
    );
}

#[test]
fn explain_prints_each_gold_row_with_the_feature_row_the_model_read() {
    // One real pair in a folder of its own; every gold row comes back, and a row judged by a
    // commitment carries the model's whole feature row, whose first column is the score shown.
    let src = shared().join("pairs").join("sc_2016");
    let dir = tempfile::tempdir().unwrap();
    let pair = dir.path().join("sc_2016");
    std::fs::create_dir(&pair).unwrap();
    for f in ["plan.txt", "report.txt", "gold.csv"] {
        std::fs::copy(src.join(f), pair.join(f)).unwrap();
    }
    let o = luoshi(
        &root(),
        &["eval", dir.path().to_str().unwrap(), "--explain", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let model: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("src/align/gap_model.json")).unwrap(),
    )
    .unwrap();
    let width = model["features"].as_array().unwrap().len();
    let gold_rows = csv::Reader::from_path(src.join("gold.csv"))
        .unwrap()
        .records()
        .count();
    let err = stderr(&o);
    let rows: Vec<Vec<&str>> = err
        .lines()
        .filter(|l| l.starts_with("sc_2016\t"))
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), gold_rows, "{err}");
    let mut with_features = 0;
    for r in &rows {
        assert_eq!(r.len(), 9, "{r:?}");
        if r[7].is_empty() {
            continue;
        }
        with_features += 1;
        let x: Vec<f64> = r[7].split(',').map(|v| v.parse().unwrap()).collect();
        assert_eq!(x.len(), width, "{r:?}");
        let score: f64 = r[4].parse().unwrap();
        assert!((x[0] - score).abs() < 0.001, "{r:?}");
    }
    assert!(
        with_features * 10 >= rows.len() * 9,
        "{with_features} of {}",
        rows.len()
    );
}

/// `text` as a copied page spaces it: short lines letter-spaced (各 位 代 表), a blank after each
/// Chinese comma and between digits and Han characters (2016 年).
fn spaced(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let chars: Vec<char> = line.chars().collect();
        let short = chars.len() <= 14 && !line.contains(['，', '。', '；']);
        for (k, &c) in chars.iter().enumerate() {
            out.push(c);
            let next = chars.get(k + 1).copied();
            let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
            let spaced = (short && next.is_some())
                || c == '，'
                || next.is_some_and(|n| {
                    (c.is_ascii_digit() && han(n)) || (han(c) && n.is_ascii_digit())
                });
            if spaced {
                out.push(' ');
            }
        }
        out.push('\n');
    }
    out
}

/// `text` as a printed 公文 saved as plain text: every paragraph indented two full-width spaces
/// (when `indent`) and broken every `width` characters; with `pages`, 22 lines a page and the
/// page's number (－3－, between blank lines) after each.
fn hard_wrapped(text: &str, width: usize, indent: bool, pages: bool) -> String {
    let mut out = String::new();
    let mut lines = 0;
    for line in text.lines().map(|l| l.trim_matches([' ', '\u{3000}'])) {
        if line.is_empty() {
            continue;
        }
        let indented: Vec<char> = if indent { "\u{3000}\u{3000}" } else { "" }
            .chars()
            .chain(line.chars())
            .collect();
        for piece in indented.chunks(width) {
            out.extend(piece);
            out.push('\n');
            lines += 1;
            if pages && lines % 22 == 0 {
                out.push_str(&format!("\n－{}－\n\n", lines / 22));
            }
        }
    }
    out
}

#[test]
fn a_pair_hard_wrapped_or_spaced_is_judged_as_the_pair_it_was_made_from() {
    // sc_2009's plan wraps 三是… onto a line of its own, sc_2016's 三、铭之肺腑: continuations, not
    // items. Wrapped at 28 characters (indented; also with page numbers) and 33 (not), or spaced
    // as a copied page spaces it, the figures stay the original's.
    let pairs = shared().join("pairs");
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    type Shape = fn(&str) -> String;
    let shapes: [(&str, Shape); 5] = [
        ("orig", |t| t.to_string()),
        ("w28", |t| hard_wrapped(t, 28, true, false)),
        ("w33", |t| hard_wrapped(t, 33, false, false)),
        ("w28pages", |t| hard_wrapped(t, 28, true, true)),
        ("spaced", spaced),
    ];
    for (variant, shape) in shapes {
        let root_dir = dir.path().join(variant);
        for name in ["sc_2009", "sc_2016"] {
            let to = root_dir.join(name);
            std::fs::create_dir_all(&to).unwrap();
            std::fs::copy(pairs.join(name).join("gold.csv"), to.join("gold.csv")).unwrap();
            for f in ["plan.txt", "report.txt"] {
                let text = std::fs::read_to_string(pairs.join(name).join(f)).unwrap();
                std::fs::write(to.join(f), shape(&text)).unwrap();
            }
        }
        let o = luoshi(&root(), &["eval", root_dir.to_str().unwrap(), "--quiet"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        lines.push(stdout(&o).lines().last().unwrap().to_string());
    }
    assert_eq!(figure(&lines[0], "unmatched"), 0.0, "{}", lines[0]);
    for (line, (variant, _)) in lines.iter().zip(shapes).skip(1) {
        assert_eq!(line, &lines[0], "{variant}");
    }
}

#[test]
fn a_whole_report_given_as_the_plan_yields_tasks_from_its_plan_part_only() {
    // 海拉尔's 2018 report as a whole: its review of 2017 (hailar_2017's report) before its plan
    // for 2018 (hailar_2018's plan). The review promises nothing; the tasks are the plan's.
    let pairs = shared().join("pairs");
    let review = std::fs::read_to_string(pairs.join("hailar_2017/report.txt")).unwrap();
    let plan = std::fs::read_to_string(pairs.join("hailar_2018/plan.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Named plan.txt: the title alone (…工作报告) would file it as a report.
    let whole = dir.path().join("plan.txt");
    std::fs::write(
        &whole,
        format!("2018年海拉尔区人民政府工作报告\n{review}{plan}"),
    )
    .unwrap();
    let tasks = |path: &std::path::Path| -> Vec<String> {
        let o = luoshi(
            &root(),
            &[
                "extract",
                path.to_str().unwrap(),
                "--format",
                "json",
                "--quiet",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        v[0]["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["text"].as_str().unwrap().to_string())
            .collect()
    };
    let from_whole = tasks(&whole);
    let from_plan = tasks(&pairs.join("hailar_2018/plan.txt"));
    let from_review: Vec<&String> = from_whole
        .iter()
        .filter(|t| review.contains(t.as_str()))
        .collect();
    assert!(from_review.is_empty(), "{from_review:?}");
    assert_eq!(from_whole, from_plan);
}

#[test]
fn a_plan_without_numbered_items_states_its_tasks_in_plain_paragraphs() {
    // hailar_2013's plan with its four （一）…（四） headings taken out: paragraph after paragraph
    // under the title, every gold row still names a task.
    let src = shared().join("pairs").join("hailar_2013");
    let dir = tempfile::tempdir().unwrap();
    let pair = dir.path().join("hailar_2013");
    std::fs::create_dir(&pair).unwrap();
    for f in ["report.txt", "gold.csv"] {
        std::fs::copy(src.join(f), pair.join(f)).unwrap();
    }
    let plan = std::fs::read_to_string(src.join("plan.txt")).unwrap();
    let flat: Vec<&str> = plan
        .lines()
        .filter(|l| !l.trim_start_matches('\u{3000}').starts_with('（'))
        .collect();
    assert_eq!(flat.len() + 4, plan.lines().count());
    std::fs::write(pair.join("plan.txt"), flat.join("\n")).unwrap();
    let o = luoshi(&root(), &["eval", dir.path().to_str().unwrap(), "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let last = stdout(&o).lines().last().unwrap().to_string();
    assert_eq!(figure(&last, "unmatched"), 0.0, "{last}");
}

#[test]
fn a_review_without_its_heading_still_reads_its_opening_overview_as_achievement() {
    // sc_2016's report without its first line (一、2016年工作回顾): it opens on 过去一年…, then the
    // ——经济运行… overview, before its first numbered line (一是…). That overview is the year's
    // achievements, not a preamble: the figures stay those of the report as shipped.
    let src = shared().join("pairs").join("sc_2016");
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for (variant, drop_title) in [("orig", false), ("untitled", true)] {
        let pair = dir.path().join(variant).join("sc_2016");
        std::fs::create_dir_all(&pair).unwrap();
        for f in ["plan.txt", "gold.csv"] {
            std::fs::copy(src.join(f), pair.join(f)).unwrap();
        }
        let report = std::fs::read_to_string(src.join("report.txt")).unwrap();
        let report = if drop_title {
            let (first, rest) = report.split_once('\n').unwrap();
            assert!(first.contains("工作回顾"), "{first}");
            rest.to_string()
        } else {
            report
        };
        std::fs::write(pair.join("report.txt"), report).unwrap();
        let o = luoshi(
            &root(),
            &[
                "eval",
                dir.path().join(variant).to_str().unwrap(),
                "--quiet",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        lines.push(stdout(&o).lines().last().unwrap().to_string());
    }
    assert_eq!(lines[1], lines[0]);
}

#[test]
fn rows_whose_head_spans_commitments_are_counted_apart_as_judged_by_their_item() {
    // sc_2009's targets 居民消费价格总水平涨幅４％左右；国际收支状况继续改善 are two commitments in
    // luoshi and one gold row, so the item's single status judges that row. `eval` says how many
    // rows are judged so and how they fare, apart from the rows a commitment judges.
    let g = util::gap::pair_gap("sc_2009");
    let holding = |words: &str| {
        g.tasks
            .iter()
            .flat_map(|t| &t.commitments)
            .position(|c| c.text.contains(words))
    };
    let (cpi, balance) = (
        holding("居民消费价格总水平涨幅"),
        holding("国际收支状况继续改善"),
    );
    assert!(cpi.is_some() && balance.is_some() && cpi != balance);

    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&shared().join("pairs/sc_2009"), &tmp.path().join("sc_2009"));
    let note = eval_note(
        tmp.path().to_str().unwrap(),
        "judged by their item's roll-up",
    );
    let note = note.as_str();
    let words: Vec<&str> = note.split_whitespace().collect();
    let number = |at: usize| -> usize { words[at].parse().unwrap_or_else(|_| panic!("{note}")) };
    let of = words.iter().position(|w| *w == "of").unwrap();
    let name = words.iter().position(|w| *w == "name").unwrap();
    let (by_commitment, total, by_item) = (number(of - 1), number(of + 1), number(name - 1));
    let rows = std::fs::read_to_string(tmp.path().join("sc_2009/gold.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(total, rows, "{note}");
    assert!(by_item >= 1, "{note}");
    assert_eq!(by_commitment + by_item, total, "{note}");
    // --quiet keeps stderr for errors only.
    let q = luoshi(&root(), &["eval", tmp.path().to_str().unwrap(), "--quiet"]);
    assert!(!stderr(&q).contains("roll-up"), "{}", stderr(&q));
}

#[test]
fn calls_flagged_uncertain_are_right_far_less_often_on_pairs_never_fitted_on() {
    // The flag is worth a reviewer's time only if it finds the shaky calls on text the model never
    // saw: on the machine-labelled check pairs the flagged calls were right on followed-or-not 0.51
    // of the time and the others 0.84 when the flag was added.
    let note = eval_note("checks/pairs", "flagged uncertain");
    let numbers: Vec<f64> = note
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|w| w.trim_end_matches('.').parse().ok())
        .collect();
    // flagged, of rows, flagged right, others right, other rows
    let [flagged, rows, right_flagged, right_others, others] = numbers[..] else {
        panic!("{note}: {numbers:?}");
    };
    assert_eq!(flagged + others, rows, "{note}");
    assert!(flagged >= 0.1 * rows && flagged <= 0.45 * rows, "{note}");
    assert!(right_others - right_flagged >= 0.15, "{note}");
}
