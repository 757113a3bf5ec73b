//! Inputs as offices have them (issue 20): warnings for every guess (warnings.csv), missing paths,
//! year arguments, `--year` runs that leave other years alone, metadata from file names.

mod util;

use serde_json::Value;
use std::path::Path;
use util::*;

/// warnings.csv as rows (BOM checked and stripped).
fn warning_rows(out: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(out.join("warnings.csv")).expect("warnings.csv written");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "warnings.csv starts with a BOM"
    );
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(headers, ["file", "unit", "year", "warning"]);
    r.records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn guesses_are_warned_about_on_stderr_and_in_warnings_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    let corpus = root().join("corpus");
    // A unit-year with two reports: the 2015 report and a copy of it under another name.
    let y2015 = dept.join("国务院/2015");
    std::fs::create_dir_all(&y2015).unwrap();
    for f in ["plan.txt", "report.txt"] {
        std::fs::copy(corpus.join("国务院/2015").join(f), y2015.join(f)).unwrap();
    }
    std::fs::copy(
        corpus.join("国务院/2015/report.txt"),
        y2015.join("report2.txt"),
    )
    .unwrap();
    // A plan and report exchanged: the 2016 report saved as plan.txt and the plan as report.txt.
    let y2016 = dept.join("海拉尔区人民政府/2016");
    std::fs::create_dir_all(&y2016).unwrap();
    let from = corpus.join("海拉尔区人民政府/2016");
    std::fs::copy(from.join("report.txt"), y2016.join("plan.txt")).unwrap();
    std::fs::copy(from.join("plan.txt"), y2016.join("report.txt")).unwrap();
    // A file naming no year anywhere: the 2018 report without its title line.
    let report_2018 =
        std::fs::read_to_string(corpus.join("海拉尔区人民政府/2018/report.txt")).unwrap();
    let body: String = report_2018.lines().skip(1).collect::<Vec<_>>().join("\n");
    std::fs::create_dir_all(dept.join("收文")).unwrap();
    std::fs::write(dept.join("收文/工作回顾.txt"), format!("工作回顾\n{body}")).unwrap();
    // Files whose name and first line say neither plan nor report: the same review under 材料.txt
    // (its wording says review), and one paragraph of it (投资1100万元新建…, no phrase either way).
    std::fs::write(dept.join("收文/材料.txt"), &body).unwrap();
    let paragraph = report_2018.lines().nth(3).unwrap();
    assert!(
        paragraph.starts_with("（二）城市建管水平有效提升"),
        "{paragraph}"
    );
    std::fs::write(dept.join("收文/摘录.txt"), paragraph).unwrap();
    // A manifest year that is a typo.
    std::fs::write(
        dept.join("manifest.csv"),
        "path,unit,year,kind,title\n国务院/2015/plan.txt,,99999,,\n",
    )
    .unwrap();

    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    let rows = warning_rows(&tmp.path().join("out"));
    let has = |file_end: &str, words: &str| {
        rows.iter()
            .any(|r| r[0].ends_with(file_end) && r[3].contains(words))
    };
    assert!(
        has("国务院/2015/report2.txt", "second report for 国务院 2015"),
        "{rows:?}"
    );
    assert!(
        has("海拉尔区人民政府/2016/report.txt", "look swapped"),
        "{rows:?}"
    );
    assert!(
        has(
            "收文/工作回顾.txt",
            "year (filed under no year) could not be determined"
        ),
        "{rows:?}"
    );
    assert!(
        has("国务院/2015/plan.txt", "manifest year '99999'"),
        "{rows:?}"
    );
    assert!(
        has("收文/材料.txt", "kind guessed as report from its wording"),
        "{rows:?}"
    );
    assert!(
        has(
            "收文/摘录.txt",
            "kind could not be determined: no manifest row, file name or title says plan or report"
        ),
        "{rows:?}"
    );
    // Every other kind came from a name or title: no other guess is reported.
    let kind_guesses: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[3].contains("kind could not") || r[3].contains("kind guessed"))
        .collect();
    assert_eq!(kind_guesses.len(), 2, "{rows:?}");
    // The swapped pair is the only one: the real 2015 pair is not taken for swapped.
    assert_eq!(
        rows.iter()
            .filter(|r| r[3].contains("look swapped"))
            .count(),
        1,
        "{rows:?}"
    );
    // Unit and year columns are filled where known.
    let second = rows.iter().find(|r| r[0].ends_with("report2.txt")).unwrap();
    assert_eq!((second[1].as_str(), second[2].as_str()), ("国务院", "2015"));
    // Every row is also a `warning:` line on stderr.
    for r in &rows {
        assert!(
            err.lines()
                .any(|l| l.starts_with("warning: ") && l.contains(&r[3])),
            "{r:?} not on stderr:\n{err}"
        );
    }
}

#[test]
fn a_missing_input_fails_before_outputs_or_index_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "nowhere", "--out", "out", "--index", "idx"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(stderr(&o), "error: nowhere: no such file or folder\n");
    assert!(!tmp.path().join("out").exists() && !tmp.path().join("idx").exists());
    let o = luoshi(tmp.path(), &["index", "nowhere", "--index", "idx"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("error: nowhere: no such file or folder"));
    assert!(!tmp.path().join("idx").exists());
}

#[test]
fn year_arguments_are_parsed_one_way() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["batch", "dept", "--out", "out", "--year", "22"],
        vec!["search", "廉政", "--year", "22"],
        vec!["trend", "廉政", "--year", "22"],
        vec!["synth", "--units", "1", "--years", "22", "--out", "s"],
    ] {
        let o = luoshi(tmp.path(), &args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("a four-digit year is expected"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_batch_for_one_year_leaves_other_years_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    copy_dir(&root().join("corpus"), &dept);
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page_2022 = tmp.path().join("out/units/某市直单位党组-2022.html");
    let page_2015 = tmp.path().join("out/units/国务院-2015.html");
    assert!(page_2022.is_file() && page_2015.is_file());
    let before = std::fs::read(&page_2015).unwrap();
    let o = luoshi(
        tmp.path(),
        &[
            "batch", "dept", "--out", "out", "--index", "idx", "--year", "2023", "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(page_2022.is_file(), "the 2022 unit page stays");
    assert_eq!(
        std::fs::read(&page_2015).unwrap(),
        before,
        "the 2015 page is untouched"
    );
    // The index still holds the 2022 and 2015 documents.
    for (query, year) in [("党风廉政建设责任制", "2022"), ("工作回顾", "2015")] {
        let o = luoshi(
            tmp.path(),
            &[
                "search", query, "--year", year, "--index", "idx", "--format", "json",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert!(v["count"].as_u64().unwrap() > 0, "{query} in {year}: {v}");
    }
    // A unit filter that matches nothing names the nearest units.
    let o = luoshi(
        tmp.path(),
        &[
            "search",
            "廉政",
            "--unit",
            "海拉尔区政府",
            "--index",
            "idx",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains(
            "--unit '海拉尔区政府' matches no unit in the index; nearest: 海拉尔区人民政府"
        ),
        "{err}"
    );
}

/// The corpus files under names as offices give them, every one in one flat folder: the name
/// states unit and year (before or after the year), the content says what kind.
const FLAT_NAMES: [(&str, &str); 19] = [
    (
        "民政局/2023/000_694202b0fff9a47c.txt",
        "民政局2023年全面从严治党和党风廉政建设工作计划.txt",
    ),
    (
        "团市委机关/2023/001_55235fddb402de6a.txt",
        "团市委机关2023年度全面从严治党和党风廉政建设工作计划.txt",
    ),
    (
        "市直机关党组/2023/002_b657f9cf63a3437d.txt",
        "市直机关党组2023年全面从严治党工作情况汇报.txt",
    ),
    (
        "市直机关党组/2023/004_6191e73f1c3e00fc.txt",
        "市直机关党组2023年度任务清单及责任清单.txt",
    ),
    (
        "某市直单位党组/2022/003_a63353f37c2cae0e.txt",
        "2022年度某市直单位党组贯彻落实党风廉政建设责任制情况报告.txt",
    ),
    (
        "海拉尔区人民政府/2013/plan.txt",
        "海拉尔区人民政府2013年工作安排.txt",
    ),
    (
        "海拉尔区人民政府/2013/report.txt",
        "海拉尔区人民政府2013年工作回顾.txt",
    ),
    (
        "海拉尔区人民政府/2016/plan.txt",
        "海拉尔区人民政府2016年工作安排.txt",
    ),
    (
        "海拉尔区人民政府/2016/report.txt",
        "海拉尔区人民政府2016年工作回顾.txt",
    ),
    (
        "海拉尔区人民政府/2017/plan.txt",
        "海拉尔区人民政府2017年工作安排.txt",
    ),
    (
        "海拉尔区人民政府/2017/report.txt",
        "海拉尔区人民政府2017年工作回顾.txt",
    ),
    (
        "海拉尔区人民政府/2018/plan.txt",
        "海拉尔区人民政府2018年工作安排.txt",
    ),
    (
        "海拉尔区人民政府/2018/report.txt",
        "海拉尔区人民政府2018年工作回顾.txt",
    ),
    ("国务院/2009/plan.txt", "国务院2009年工作部署.txt"),
    ("国务院/2009/report.txt", "国务院2009年工作回顾.txt"),
    ("国务院/2015/plan.txt", "国务院2015年工作部署.txt"),
    ("国务院/2015/report.txt", "国务院2015年工作回顾.txt"),
    ("国务院/2016/plan.txt", "国务院2016年重点工作.txt"),
    ("国务院/2016/report.txt", "国务院2016年工作回顾.txt"),
];

/// (file name, unit, year, kind) per document as `ingest --format json` lists them.
fn ingested(dir: &Path, arg: &str) -> Vec<(String, String, i64, String)> {
    let o = luoshi(dir, &["ingest", arg, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["unit"].as_str().unwrap().to_string(),
                d["year"].as_i64().unwrap_or(0),
                d["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_flat_folder_of_office_file_names_gives_the_manifest_metadata_and_pairs() {
    let tmp = tempfile::tempdir().unwrap();
    let flat = tmp.path().join("收文");
    std::fs::create_dir_all(&flat).unwrap();
    let corpus = root().join("corpus");
    let mut rename = std::collections::HashMap::new();
    for (from, to) in FLAT_NAMES {
        std::fs::copy(corpus.join(from), flat.join(to)).unwrap();
        rename.insert(to.to_string(), from.to_string());
    }
    let want = ingested(&root(), "corpus");
    let mut got: Vec<(String, String, i64, String)> = ingested(tmp.path(), "收文")
        .into_iter()
        .map(|(p, u, y, k)| {
            let (name, part) = match p.rsplit_once('#') {
                Some((n, i)) => (n.to_string(), format!("#{i}")),
                None => (p.clone(), String::new()),
            };
            let name = name.rsplit('/').next().unwrap().to_string();
            (format!("corpus/{}{part}", rename[&name]), u, y, k)
        })
        .collect();
    got.sort();
    assert_eq!(
        got, want,
        "same units, years and kinds as corpus/manifest.csv"
    );
    // Where each field came from is shown.
    let o = luoshi(tmp.path(), &["ingest", "收文", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let first = &v[0];
    assert_eq!(first["sources"]["unit"], "file_name", "{first}");
    assert_eq!(first["sources"]["year"], "file_name", "{first}");
    // And batch pairs each unit's plan with its own report, as in the corpus.
    let pairs = |dept: &str, dir: &Path| {
        let o = luoshi(
            dir,
            &["batch", dept, "--out", "out", "--index", "idx", "--quiet"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(dir.join("out/summary.csv")).unwrap();
        let mut r = csv::Reader::from_reader(&bytes[3..]);
        let mut rows: Vec<String> = r
            .records()
            .map(|x| {
                let x = x.unwrap();
                // unit, year, tasks, done, partial, missing and the unit-year's status
                [0, 1, 4, 5, 6, 7, 11].map(|i| &x[i]).join("|")
            })
            .collect();
        rows.sort();
        rows
    };
    let corpus_copy = tempfile::tempdir().unwrap();
    copy_dir(&corpus, &corpus_copy.path().join("dept"));
    assert_eq!(pairs("收文", tmp.path()), pairs("dept", corpus_copy.path()));
}

#[test]
fn gap_warns_when_plan_and_report_look_swapped() {
    let dir = root().join("corpus/海拉尔区人民政府/2016");
    let (plan, report) = (dir.join("plan.txt"), dir.join("report.txt"));
    let run = |p: &Path, r: &Path| {
        let o = gap_of(p, r, "json", &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stderr(&o)
    };
    assert!(!run(&plan, &report).contains("look swapped"));
    let err = run(&report, &plan);
    assert!(
        err.lines()
            .any(|l| l.starts_with("warning: ") && l.contains("plan and report look swapped")),
        "{err}"
    );
}

#[test]
fn unit_and_year_come_from_the_title_and_the_signature_when_the_name_is_silent() {
    let tmp = tempfile::tempdir().unwrap();
    let flat = tmp.path().join("收文");
    std::fs::create_dir_all(&flat).unwrap();
    // The seed 003 report under a name that says nothing, signed at its end as offices sign.
    let body = std::fs::read_to_string(seed("003")).unwrap();
    std::fs::write(
        flat.join("材料一.txt"),
        format!("{body}\n某市直单位党组\n2023年1月20日\n"),
    )
    .unwrap();
    // The seed 000 plan with its unit in the title line.
    let plan = std::fs::read_to_string(seed("000")).unwrap();
    std::fs::write(flat.join("材料二.txt"), format!("民政局{plan}")).unwrap();
    let o = luoshi(tmp.path(), &["ingest", "收文", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let (signed, titled) = (&v[0], &v[1]);
    assert_eq!(signed["unit"], "某市直单位党组", "{signed}");
    assert_eq!(signed["sources"]["unit"], "signature");
    // The title line names 2022 before the 落款's date (January 2023 signs 2022 as well).
    assert_eq!(
        (signed["year"].as_i64(), &signed["sources"]["year"]),
        (Some(2022), &Value::from("title"))
    );
    assert_eq!(signed["kind"], "report");
    assert_eq!(
        (titled["unit"].as_str(), titled["year"].as_i64()),
        (Some("民政局"), Some(2023))
    );
    assert_eq!(titled["sources"]["unit"], "title");
    assert!(
        stderr(&o).contains("unit '某市直单位党组' taken from the 落款"),
        "{}",
        stderr(&o)
    );
}
