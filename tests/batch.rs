//! `luoshi batch`: the shipped corpus (with a planted corrupt file) and a synthetic department.

mod util;

use calamine::{open_workbook_auto, Reader};
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;
use util::*;

fn status_of<'a>(rows: &'a [Vec<String>], unit: &str, year: &str) -> &'a Vec<String> {
    rows.iter()
        .find(|r| r[0] == unit && r[1] == year)
        .unwrap_or_else(|| panic!("no summary row for {unit} {year}"))
}

#[test]
fn the_corpus_gives_every_output_pairs_units_and_reports_a_corrupt_docx() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    copy_dir(&root().join("corpus"), &dept);
    std::fs::write(dept.join("民政局/2023/broken.docx"), b"this is not a zip").unwrap();
    let args = ["batch", "dept", "--out", "out", "--index", "idx", "--quiet"];
    let o = luoshi(tmp.path(), &args);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: dept/民政局/2023/broken.docx: "),
        "{}",
        stderr(&o)
    );
    let out = tmp.path().join("out");
    for f in [
        "summary.csv",
        "summary.xlsx",
        "tasks.csv",
        "errors.csv",
        "warnings.csv",
        "index.html",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // The department page tells its reader where the guesses are listed.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("warnings.csv"),
        "index.html never names warnings.csv"
    );
    let (_, errors) = read_csv(&out.join("errors.csv"));
    assert_eq!(errors.len(), 1);
    assert!(errors[0][0].ends_with("broken.docx"), "{errors:?}");

    let (header, rows) = read_csv(&out.join("summary.csv"));
    let status = header.iter().position(|h| h == "状态").unwrap();
    assert_eq!(header.last().unwrap(), "复核后未见落实");
    assert_eq!(rows.len(), 11, "one row per unit-year: {rows:?}");
    let st = |u, y| status_of(&rows, u, y)[status].clone();
    assert_eq!(st("民政局", "2023"), "未提交报告");
    assert_eq!(st("某市直单位党组", "2022"), "无计划");
    assert_eq!(st("市直机关党组", "2023"), "已比对");
    let szj = status_of(&rows, "市直机关党组", "2023");
    assert!(
        szj[2].contains("重点任务清单") && szj[2].contains("责任清单"),
        "{szj:?}"
    );
    assert_eq!(szj[3], "2023年全面从严治党工作情况汇报");
    for (u, y) in [("国务院", "2009"), ("海拉尔区人民政府", "2018")] {
        assert_eq!(st(u, y), "已比对");
    }
    for r in &rows {
        let stem = format!("{}-{}", r[0], r[1]);
        assert!(
            out.join(format!("units/{stem}.html")).is_file(),
            "{stem}.html"
        );
        assert!(
            out.join(format!("units/{stem}.json")).is_file(),
            "{stem}.json"
        );
    }
    let page = std::fs::read_to_string(out.join("units/民政局-2023.html")).unwrap();
    assert!(page.contains("未提交报告"));
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("units/市直机关党组-2023.html") && !index.contains("<script"));

    let (task_header, tasks) = read_csv(&out.join("tasks.csv"));
    // summary.csv's 把握不大 counts a unit-year's tasks whose 提示 holds it in tasks.csv.
    let tcol = |name: &str| task_header.iter().position(|h| h == name).unwrap();
    let (tu, ty, tf) = (tcol("单位"), tcol("年度"), tcol("提示"));
    let doubt = header.iter().position(|h| h == "把握不大").unwrap();
    let mut doubtful = 0;
    for r in rows.iter().filter(|r| !r[doubt].is_empty()) {
        let n = tasks
            .iter()
            .filter(|t| {
                t[tu] == r[0] && t[ty] == r[1] && t[tf].split('、').any(|w| w == "把握不大")
            })
            .count();
        assert_eq!(r[doubt].parse::<usize>().unwrap(), n, "{r:?}");
        doubtful += n;
    }
    assert!(doubtful > 0);
    assert!(
        index.contains(">把握不大</th>"),
        "the department page counts them too"
    );
    let mut wb = open_workbook_auto(out.join("summary.xlsx")).expect("a valid xlsx");
    assert_eq!(wb.sheet_names(), ["汇总", "任务明细", "无法读取的文件"]);
    let summary = wb.worksheet_range("汇总").unwrap();
    assert_eq!(summary.height(), rows.len() + 1);
    let sheet = wb.worksheet_range("任务明细").unwrap();
    assert_eq!(sheet.height(), tasks.len() + 1);
    let failed = wb.worksheet_range("无法读取的文件").unwrap();
    assert_eq!(failed.height(), 2, "the corrupt docx");

    // An unchanged re-run rewrites identical files (from the cache).
    let before = outputs(&out);
    let o2 = luoshi(tmp.path(), &args);
    assert_eq!(o2.status.code(), Some(2));
    assert_eq!(before, outputs(&out), "re-run changed an output");
    assert!(tmp.path().join("idx").is_dir(), "the index was updated");

    // A re-run that would write the same outputs leaves them alone, but restores a missing one.
    std::fs::remove_file(out.join("units/国务院-2009.html")).unwrap();
    let o2b = luoshi(tmp.path(), &args);
    assert_eq!(o2b.status.code(), Some(2));
    assert_eq!(before, outputs(&out), "a deleted page was not restored");

    // A unit no longer submitted loses its pages instead of keeping stale ones.
    std::fs::remove_dir_all(dept.join("民政局")).unwrap();
    let o3 = luoshi(tmp.path(), &["batch", "dept", "--out", "out", "--quiet"]);
    assert_eq!(o3.status.code(), Some(0), "{}", stderr(&o3));
    assert!(!out.join("units/民政局-2023.html").exists());
    assert!(!out.join("units/民政局-2023.json").exists());
    assert!(out.join("units/市直机关党组-2023.html").is_file());
    let (_, rows) = read_csv(&out.join("summary.csv"));
    assert_eq!(rows.len(), 10);
}

#[test]
fn a_synthetic_department_is_paired_by_unit_and_year() {
    let tmp = tempfile::tempdir().unwrap();
    let o = luoshi(
        tmp.path(),
        &[
            "synth",
            "--units",
            "4",
            "--years",
            "2022..2023",
            "--seed",
            "3",
            "--out",
            "dept",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dept = tmp.path().join("dept");
    assert!(dept.join(".synth-truth.csv").is_file());
    let mut expected = BTreeMap::new();
    for unit in std::fs::read_dir(&dept).unwrap() {
        let unit = unit.unwrap().path();
        if !unit.is_dir() {
            continue;
        }
        for year in std::fs::read_dir(&unit).unwrap() {
            let year = year.unwrap().path();
            let status = if year.join("report.txt").is_file() {
                "已比对"
            } else {
                "未提交报告"
            };
            let key = (
                unit.file_name().unwrap().to_str().unwrap().to_string(),
                year.file_name().unwrap().to_str().unwrap().to_string(),
            );
            expected.insert(key, status.to_string());
        }
    }
    assert_eq!(expected.len(), 8);
    let o = luoshi(
        tmp.path(),
        &[
            "batch", "dept", "--out", "out", "--index", "idx", "--jobs", "2", "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (header, rows) = read_csv(&tmp.path().join("out/summary.csv"));
    let status = header.iter().position(|h| h == "状态").unwrap();
    let got: BTreeMap<(String, String), String> = rows
        .iter()
        .map(|r| ((r[0].clone(), r[1].clone()), r[status].clone()))
        .collect();
    assert_eq!(got, expected);
    let (_, errors) = read_csv(&tmp.path().join("out/errors.csv"));
    assert!(errors.is_empty(), "{errors:?}");
    let (_, truth) = read_csv(&dept.join(".synth-truth.csv"));
    let (_, tasks) = read_csv(&tmp.path().join("out/tasks.csv"));
    // Rows with an id are tasks; a unit-year without a report has one row and no id.
    let tasks: Vec<_> = tasks.into_iter().filter(|t| !t[2].is_empty()).collect();
    assert!(
        tasks.len() >= truth.len(),
        "every synthetic task is found: {} < {}",
        tasks.len(),
        truth.len()
    );
}

#[test]
fn outputs_inside_the_department_folder_are_not_read_back() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    copy_dir(&root().join("corpus/民政局"), &dept.join("民政局"));
    let args = [
        "batch", "dept", "--out", "dept/out", "--index", "dept/idx", "--quiet",
    ];
    for _ in 0..2 {
        let o = luoshi(tmp.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let (_, rows) = read_csv(&dept.join("out/summary.csv"));
    assert_eq!(rows.len(), 1, "{rows:?}");
}

#[test]
fn a_repaired_dictionary_line_is_reported_by_batch_too() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &root().join("corpus/民政局"),
        &tmp.path().join("dept/民政局"),
    );
    std::fs::write(tmp.path().join("mine.dict"), "谈心谈话会\n").unwrap();
    let o = luoshi(
        tmp.path(),
        &[
            "batch",
            "dept",
            "--out",
            "out",
            "--index",
            "idx",
            "--dict",
            "mine.dict",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("mine.dict line 1: '谈心谈话会' has no frequency"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn synth_is_deterministic_for_a_seed() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        let o = luoshi(
            d.path(),
            &[
                "synth", "--units", "3", "--years", "2023", "--seed", "9", "--out", "s", "--quiet",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(outputs(&a.path().join("s")), outputs(&b.path().join("s")));
}

#[test]
fn a_stop_request_writes_no_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    let cfg = luoshi::batch::Config {
        dir: root().join("corpus"),
        out: tmp.path().join("out"),
        jobs: 1,
        ..Default::default()
    };
    let stop = AtomicBool::new(true);
    let o = luoshi::batch::run(&cfg, &|_| {}, &stop).unwrap();
    assert!(o.interrupted);
    assert!(!tmp.path().join("out/summary.csv").exists());
}

#[test]
fn a_reviewers_verdict_shows_beside_the_machines_on_the_next_run_and_goes_stale_with_the_text() {
    use luoshi::reviews::{text_hash, Review, Store};
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    copy_dir(&root().join("corpus"), &dept);
    let args = ["batch", "dept", "--out", "out", "--quiet"];
    let o = luoshi(tmp.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = tmp.path().join("out");
    let (header, rows) = read_csv(&out.join("tasks.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    // Two tasks of one compared unit-year: one reviewed on its current text, one on other words.
    let first = rows.iter().find(|r| r[col("状态")] == "未见落实").unwrap();
    let (unit, year) = (first[0].clone(), first[1].clone());
    let mine: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[0] == unit && r[1] == year)
        .collect();
    assert!(mine.len() >= 2);
    let page: serde_json::Value = serde_json::from_slice(
        &std::fs::read(
            files_under(&out.join("units"))
                .into_iter()
                .find(|p| {
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    name.ends_with(&format!("{year}.json")) && {
                        let v: serde_json::Value =
                            serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
                        v["plan"]["unit"] == unit.as_str()
                    }
                })
                .expect("the unit-year's JSON"),
        )
        .unwrap(),
    )
    .unwrap();
    let text_of = |id: &str| {
        page["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let store = Store::open(&out.join("reviews.sqlite")).unwrap();
    let review = |id: &str, text: &str, status: &str, note: &str| Review {
        unit: unit.clone(),
        year: year.parse().ok(),
        task_id: id.to_string(),
        text_hash: text_hash(text),
        task_text: text.to_string(),
        machine_status: "missing".into(),
        status: status.into(),
        note: note.into(),
        updated: 1,
    };
    let (a, b) = (mine[0][col("编号")].clone(), mine[1][col("编号")].clone());
    let a_machine = mine[0][col("状态")].clone();
    store
        .save(&review(&a, &text_of(&a), "done", "见会议记录"))
        .unwrap();
    store
        .save(&review(&b, "另一段文字", "partial", ""))
        .unwrap();
    drop(store);
    let o = luoshi(tmp.path(), &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let (header, rows) = read_csv(&out.join("tasks.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |id: &str| {
        rows.iter()
            .find(|r| r[0] == unit && r[1] == year && r[col("编号")] == id)
            .unwrap()
            .clone()
    };
    let (ra, rb) = (row(&a), row(&b));
    assert_eq!(ra[col("复核状态")], "已落实");
    assert_eq!(ra[col("复核意见")], "见会议记录");
    assert_eq!(
        ra[col("状态")],
        mine[0][col("状态")],
        "the machine's status stays"
    );
    assert_eq!(rb[col("复核状态")], "部分落实 (已过期)");
    // The summary counts the one current review and applies it.
    let (header, rows) = read_csv(&out.join("summary.csv"));
    let s = status_of(&rows, &unit, &year);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(s[col("已复核")], "1");
    let machine_done: usize = s[col("已落实")].parse().unwrap();
    let after_done: usize = s[col("复核后已落实")].parse().unwrap();
    let was_done = usize::from(a_machine == "已落实");
    assert_eq!(after_done, machine_done + 1 - was_done);
}
