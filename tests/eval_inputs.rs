//! `luoshi eval` on what an office gives it: pairs as Word files, labels saved from a spreadsheet
//! (GBK, Chinese status words, moved columns), pairs filed in bodies' folders — and an error, never
//! a silent zero or a guessed label, when something is missing or stray.

mod util;

use util::*;

/// `luoshi eval DIR --quiet`: its table, once the run has succeeded.
fn table_of(dir: &str) -> String {
    let o = luoshi(&root(), &["eval", dir, "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

/// A pair's figures in an eval table (everything after its name).
fn pair_row(table: &str, name: &str) -> String {
    let line = table
        .lines()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("no {name} in\n{table}"));
    line.split_once('|').unwrap().1.to_string()
}

#[test]
fn a_pair_given_as_word_files_is_measured_like_its_text_and_labels_alone_are_an_error() {
    // An office's labelled pairs are as often Word files as text: the plan of sc_2016 written into
    // a .docx (one paragraph per line) gives the same figures as plan.txt. A folder with gold.csv
    // but no report beside it is named in an error, and the other pair is still measured.
    let tmp = tempfile::tempdir().unwrap();
    let from = shared().join("pairs").join("sc_2016");
    let plan = std::fs::read_to_string(from.join("plan.txt")).unwrap();
    let lines: Vec<&str> = plan.lines().filter(|l| !l.trim().is_empty()).collect();
    for (name, word) in [("as_text", false), ("as_word", true)] {
        let to = tmp.path().join(name);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["report.txt", "gold.csv"] {
            std::fs::copy(from.join(f), to.join(f)).unwrap();
        }
        if word {
            std::fs::write(to.join("plan.docx"), make_docx(&lines)).unwrap();
        } else {
            std::fs::copy(from.join("plan.txt"), to.join("plan.txt")).unwrap();
        }
    }
    let orphan = tmp.path().join("labels_only");
    std::fs::create_dir_all(&orphan).unwrap();
    std::fs::copy(from.join("gold.csv"), orphan.join("gold.csv")).unwrap();
    std::fs::copy(from.join("plan.txt"), orphan.join("plan.txt")).unwrap();

    let o = luoshi(&root(), &["eval", tmp.path().to_str().unwrap()]);
    // Exit 2: some inputs failed, the rest were measured (CONVENTIONS.md).
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.lines().any(|l| l.starts_with("error: ")
            && l.contains("labels_only")
            && l.contains("no report beside it")),
        "{err}"
    );
    let out = stdout(&o);
    assert_eq!(
        pair_row(&out, "as_word"),
        pair_row(&out, "as_text"),
        "{out}"
    );
    assert!(!out.contains("labels_only"), "{out}");
}

#[test]
fn labels_saved_from_a_spreadsheet_count_the_same_and_stray_rows_are_refused() {
    // A reviewer labels in WPS or Excel and saves CSV on Chinese Windows: GBK bytes, the labels
    // written as luoshi shows them (已落实, 部分落实, 未见落实), columns moved or added. sc_2016's
    // gold so written gives the same figures as the original; a label that is none of them is an
    // error naming its line.
    let tmp = tempfile::tempdir().unwrap();
    let from = shared().join("pairs").join("sc_2016");
    let gold = std::fs::read_to_string(from.join("gold.csv")).unwrap();
    let mut rdr = csv::ReaderBuilder::new().from_reader(gold.as_bytes());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(rdr.headers().unwrap()).unwrap();
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let zh = match &rec[2] {
            "yes" => "已落实",
            "partial" => "部分落实",
            "no" => "未见落实",
            other => panic!("unexpected label {other}"),
        };
        w.write_record([&rec[0], &rec[1], zh, &rec[3]]).unwrap();
        n += 1;
    }
    let zh_csv = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&zh_csv);
    assert!(!unmappable);
    // The same labels with the columns moved and one added, as a sheet gets edited.
    let mut rdr = csv::ReaderBuilder::new().from_reader(gold.as_bytes());
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "followed_through",
        "备注",
        "evidence_quote",
        "task_id",
        "task_text_head",
    ])
    .unwrap();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        w.write_record([&rec[2], "", &rec[3], &rec[0], &rec[1]])
            .unwrap();
    }
    let moved = w.into_inner().unwrap();
    for (name, bytes) in [
        ("original", gold.as_bytes().to_vec()),
        ("gbk", gbk.to_vec()),
        ("moved", moved),
    ] {
        let to = tmp.path().join("ok").join(name);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["plan.txt", "report.txt"] {
            std::fs::copy(from.join(f), to.join(f)).unwrap();
        }
        std::fs::write(to.join("gold.csv"), bytes).unwrap();
    }
    let out = table_of(tmp.path().join("ok").to_str().unwrap());
    let row = |name: &str| pair_row(&out, name);
    assert_eq!(row("gbk"), row("original"), "{out}");
    assert_eq!(row("moved"), row("original"), "{out}");
    assert!(row("gbk").contains(&format!(" {n} ")), "{n} rows: {out}");

    let bad = tmp.path().join("bad").join("sc_2016");
    std::fs::create_dir_all(&bad).unwrap();
    for f in ["plan.txt", "report.txt"] {
        std::fs::copy(from.join(f), bad.join(f)).unwrap();
    }
    let mut lines: Vec<String> = gold.lines().map(str::to_string).collect();
    lines[3] = lines[3]
        .replacen(",yes,", ",maybe,", 1)
        .replacen(",no,", ",maybe,", 1);
    lines[3] = lines[3].replacen(",partial,", ",maybe,", 1);
    assert!(lines[3].contains(",maybe,"), "{}", lines[3]);
    std::fs::write(bad.join("gold.csv"), lines.join("\n")).unwrap();
    let o = luoshi(&root(), &["eval", tmp.path().join("bad").to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("gold.csv") && err.contains("line 4") && err.contains("\"maybe\""),
        "{err}"
    );

    // A row whose head was left blank would name the first clause of the plan: refused too.
    let mut lines: Vec<String> = gold.lines().map(str::to_string).collect();
    let (id, rest) = lines[5].split_once(',').unwrap();
    let rest = rest.strip_prefix('"').map_or_else(
        || rest.split_once(',').unwrap().1.to_string(),
        |q| q.split_once("\",").unwrap().1.to_string(),
    );
    lines[5] = format!("{id},,{rest}");
    std::fs::write(bad.join("gold.csv"), lines.join("\n")).unwrap();
    let o = luoshi(&root(), &["eval", tmp.path().join("bad").to_str().unwrap()]);
    assert_ne!(o.status.code(), Some(0), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("line 6") && err.contains("task_text_head is empty"),
        "{err}"
    );
}

#[test]
fn pairs_kept_in_bodies_folders_are_found_and_no_pairs_is_an_error_not_zeros() {
    // DIR/<body>/<pair>/: two 海拉尔 and one State Council pair filed by body. They are measured
    // under their paths, and leaving a body out groups them by the folder above. A folder holding
    // no pair, or the pair folder itself given, is an error saying so (exit 2), never a table of
    // zeros that reads as a measurement.
    let tmp = tempfile::tempdir().unwrap();
    for (body, pair) in [
        ("海拉尔", "hailar_2016"),
        ("海拉尔", "hailar_2017"),
        ("国务院", "sc_2016"),
    ] {
        let to = tmp.path().join(body).join(pair);
        std::fs::create_dir_all(&to).unwrap();
        for f in ["plan.txt", "report.txt", "gold.csv"] {
            std::fs::copy(shared().join("pairs").join(pair).join(f), to.join(f)).unwrap();
        }
    }
    let dir = tmp.path().to_str().unwrap();
    let out = table_of(dir);
    assert!(
        out.lines()
            .last()
            .is_some_and(|l| l.starts_with("overall: ") && l.ends_with("unmatched=0")),
        "{out}"
    );
    for name in ["海拉尔/hailar_2016", "海拉尔/hailar_2017", "国务院/sc_2016"] {
        assert!(out.lines().any(|l| l.starts_with(name)), "{name}: {out}");
    }
    let o = luoshi(
        &root(),
        &["eval", dir, "--cv", "--leave-out", "body", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).lines().last().unwrap().starts_with("cv_body: "));

    let empty = tempfile::tempdir().unwrap();
    let o = luoshi(&root(), &["eval", empty.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("no labelled pairs found"),
        "{}",
        stderr(&o)
    );
    assert!(!stdout(&o).contains("overall:"), "{}", stdout(&o));
    let one = tmp.path().join("国务院").join("sc_2016");
    let o = luoshi(&root(), &["eval", one.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("this folder is one pair"),
        "{}",
        stderr(&o)
    );
}
