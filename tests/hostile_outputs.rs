//! What luoshi writes when inputs or the machine misbehave (issue 18): CSV and xlsx cells, page
//! names and links, failed and interrupted writes, locked and unfinished indexes, huge limits and
//! queries, and a long fault test that kills runs (`-- --ignored`).

mod util;

use std::path::{Path, PathBuf};
use util::*;

// 8. No CSV cell starts a spreadsheet formula.

#[test]
fn csv_cells_never_start_a_formula() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    let dir = add_unit(&dept, "=1+2单位");
    add_unit(&dept, "@SUM(A1)局");
    // A task title starting with a formula character, in the plan's own words.
    let (plan, _) = pair_texts_2018();
    let plan = plan.replacen("\n打好防范化解", "\n-2+3打好防范化解", 1);
    std::fs::write(dir.join("plan.txt"), &plan).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in ["summary.csv", "tasks.csv"] {
        let text = std::fs::read_to_string(tmp.path().join("out").join(f)).unwrap();
        assert!(text.contains("'=1+2单位"), "{f}: {text}");
        assert!(text.contains("'@SUM(A1)局"), "{f}: {text}");
        assert!(!formula_cell(&text), "{f} has a formula cell");
    }
    let tasks = std::fs::read_to_string(tmp.path().join("out/tasks.csv")).unwrap();
    assert!(tasks.contains("'-2+3打好防范化解"), "{tasks}");
    let o = luoshi(
        &dir,
        &[
            "gap",
            "--plan",
            "plan.txt",
            "--report",
            "report.txt",
            "--format",
            "csv",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("'-2+3打好防范化解"), "{}", stdout(&o));
    assert!(!formula_cell(&stdout(&o)));
}

/// Whether any cell of a CSV text starts with a character a spreadsheet evaluates.
fn formula_cell(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .any(|c| c.parse::<f64>().is_err() && c.starts_with(['=', '+', '-', '@', '\t', '\r']))
}

// 4. An oversized cell is cut in the workbook; one output that fails never cancels the others.

#[test]
fn an_oversized_cell_is_cut_and_every_output_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    add_unit(&dept, "海拉尔区人民政府");
    let (_, report) = pair_texts_2018();
    let one_line: String = report.lines().collect();
    let title = one_line.repeat(40_000 / one_line.chars().count() + 1);
    let mut m = csv::Writer::from_path(dept.join("manifest.csv")).unwrap();
    m.write_record(["path", "unit", "year", "kind", "title"])
        .unwrap();
    m.write_record([
        "海拉尔区人民政府/2018/report.txt",
        "海拉尔区人民政府",
        "2018",
        "report",
        &title,
    ])
    .unwrap();
    m.flush().unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = tmp.path().join("out");
    for f in ["summary.csv", "tasks.csv", "errors.csv", "index.html"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    // The CSV keeps the whole title; the workbook cuts it visibly at Excel's limit.
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(summary.contains(&title));
    use calamine::{open_workbook_auto, Reader};
    let mut wb = open_workbook_auto(out.join("summary.xlsx")).expect("a valid xlsx");
    let sheet = wb.worksheet_range("汇总").unwrap();
    let cell = sheet.get_value((1, 3)).unwrap().to_string();
    assert!(cell.ends_with(luoshi::report::xlsx::CUT_MARK), "{cell:.40}");
    assert!(cell.encode_utf16().count() <= 32_767);
    assert!(title.starts_with(cell.trim_end_matches(luoshi::report::xlsx::CUT_MARK)));
}

#[test]
fn an_output_that_cannot_be_written_is_reported_and_the_rest_written() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    add_unit(&dept, "海拉尔区人民政府");
    // A folder where summary.xlsx should go: that one file cannot be replaced.
    std::fs::create_dir_all(tmp.path().join("out/summary.xlsx/x")).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: out/summary.xlsx: "), "{err}");
    let out = tmp.path().join("out");
    for f in [
        "summary.csv",
        "tasks.csv",
        "errors.csv",
        "index.html",
        "units/海拉尔区人民政府-2018.html",
        "units/海拉尔区人民政府-2018.json",
    ] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
}

// 6 and 13. Unit names make safe, unique, short file names and links that work.

/// The `href`s of index.html's unit table that point at unit pages (the table of common gaps
/// links to task cards on the same pages as well).
fn unit_links(index: &str) -> Vec<String> {
    index
        .split("<td class=\"u\"><a href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with("units/"))
        .map(str::to_string)
        .collect()
}

#[test]
fn unit_names_give_unique_short_pages_with_working_links() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    let long = "呼伦贝尔市海拉尔区人民政府办公室机关党委纪检监察室".repeat(4); // 96 characters, 288 bytes
    let long = &long[..long.char_indices().nth(80).unwrap().0];
    let names = ["a<b", "a>b", "a#b c?d%", long, "海拉尔区人民政府"];
    for n in names {
        add_unit(&dept, n);
    }
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = tmp.path().join("out");
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let links = unit_links(&index);
    assert_eq!(links.len(), names.len(), "{links:?}");
    assert!(links.contains(&"units/海拉尔区人民政府-2018.html".to_string()));
    let mut pages = Vec::new();
    for l in &links {
        assert!(!l.contains([' ', '#', '?']), "{l}");
        let file = out.join(percent_decode(&l.replace("&amp;", "&")));
        assert!(file.is_file(), "{l} links to nothing");
        assert!(file.file_name().unwrap().len() <= 200, "{l}");
        pages.push(std::fs::read_to_string(&file).unwrap());
    }
    // Each page is its own unit's, under the full name (the last name is also in the texts).
    for n in &names[..4] {
        let n = luoshi::report::html::escape(n);
        assert_eq!(pages.iter().filter(|p| p.contains(&n)).count(), 1, "{n}");
    }
    let pages = std::fs::read_dir(out.join("units")).unwrap().count();
    assert_eq!(pages, 2 * names.len(), "one page and one JSON per unit");
    assert!(index.contains(&luoshi::report::html::escape(long)));
}

// 7. A huge --limit is clamped to the index; an overlong query is a usage error.

#[test]
fn search_clamps_a_huge_limit_and_refuses_overlong_queries() {
    let tmp = tempfile::tempdir().unwrap();
    add_unit(&tmp.path().join("dept"), "海拉尔区人民政府");
    let o = luoshi(tmp.path(), &["index", "dept", "--index", "idx", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for limit in ["18446744073709551615", "4294967296000"] {
        let o = luoshi(
            tmp.path(),
            &[
                "search",
                "文明城市",
                "--index",
                "idx",
                "--limit",
                limit,
                "--format",
                "json",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let n = v["results"].as_array().unwrap().len();
        assert!(n > 0 && n as u64 == v["count"].as_u64().unwrap(), "{v}");
    }
    let (_, report) = pair_texts_2018();
    let long: String = report
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(10_000)
        .collect();
    let words: Vec<&str> = ["文明城市", "小康社会", "攻坚战"]
        .iter()
        .copied()
        .cycle()
        .take(40)
        .collect();
    for (q, reason) in [(long, "query too long"), (words.join(" "), "at most")] {
        let o = luoshi(tmp.path(), &["search", &q, "--index", "idx"]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(
            stderr(&o).starts_with("error: ") && stderr(&o).contains(reason),
            "{}",
            stderr(&o)
        );
        assert_eq!(stderr(&o).lines().count(), 1);
    }
}

// 11. --jobs is clamped to a few threads per core, with a note.

#[test]
fn a_huge_jobs_count_is_clamped_with_a_note() {
    let tmp = tempfile::tempdir().unwrap();
    add_unit(&tmp.path().join("dept"), "海拉尔区人民政府");
    let o = luoshi(
        tmp.path(),
        &[
            "batch", "dept", "--out", "out", "--index", "idx", "--jobs", "5000",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cores = std::thread::available_parallelism().unwrap().get();
    let note = format!(
        "warning: --jobs 5000 is more than {} per core; using {}",
        luoshi::batch::MAX_JOBS_PER_CORE,
        luoshi::batch::MAX_JOBS_PER_CORE * cores
    );
    assert!(stderr(&o).contains(&note), "{}", stderr(&o));
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    assert!(summary.contains("海拉尔区人民政府,2018"));
}

// 5. A locked index is found before any work, not after every pair was computed.

#[test]
fn a_locked_index_fails_fast() {
    let tmp = tempfile::tempdir().unwrap();
    add_unit(&tmp.path().join("dept"), "海拉尔区人民政府");
    let o = luoshi(tmp.path(), &["index", "dept", "--index", "idx", "--quiet"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let held =
        luoshi::index::Indexer::open(&tmp.path().join("idx"), luoshi::Segmenter::shared(), 1)
            .unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stderr(&o).trim(),
        "error: idx: index is locked by another luoshi process"
    );
    // Nothing was computed: no cached pair, no half-written outputs.
    assert!(!tmp.path().join("out/.cache/results.bin").exists());
    assert!(!tmp.path().join("out/summary.csv").exists());
    drop(held);
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

// 14. Smaller faults.

#[test]
fn searching_an_index_whose_first_build_was_killed_says_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    // Opened for writing and dropped without a commit: what a killed first build leaves.
    let held =
        luoshi::index::Indexer::open(&tmp.path().join("idx"), luoshi::Segmenter::shared(), 1)
            .unwrap();
    drop(held);
    assert!(tmp.path().join("idx/meta.json").is_file());
    let o = luoshi(tmp.path(), &["search", "文明城市", "--index", "idx"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("run `luoshi index"), "{}", stderr(&o));
}

#[test]
fn an_unwritable_page_reason_is_printed_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (plan, report) = pair_texts_2018();
    std::fs::write(tmp.path().join("plan.txt"), plan).unwrap();
    std::fs::write(tmp.path().join("report.txt"), report).unwrap();
    let long = format!("{}.html", "页".repeat(100)); // 300 bytes: too long for one name
    let o = luoshi(
        tmp.path(),
        &[
            "gap",
            "--plan",
            "plan.txt",
            "--report",
            "report.txt",
            "--format",
            "html",
            "--out",
            &long,
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(err.matches("too long").count(), 1, "{err}");
}

#[test]
fn markdown_escapes_html_in_plan_text() {
    let tmp = tempfile::tempdir().unwrap();
    let (plan, report) = pair_texts_2018();
    let plan = plan.replacen("\n打好精准脱贫", "\n<script>x</script>打好精准脱贫", 1);
    std::fs::write(tmp.path().join("plan.txt"), plan).unwrap();
    std::fs::write(tmp.path().join("report.txt"), report).unwrap();
    let o = luoshi(
        tmp.path(),
        &[
            "gap",
            "--plan",
            "plan.txt",
            "--report",
            "report.txt",
            "--format",
            "md",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.contains("&lt;script&gt;x&lt;/script&gt;打好精准脱贫"),
        "{md}"
    );
    assert!(!md.contains("<script>"));
}

// 9 (part). Temporaries a killed run left behind are removed by the next run.

#[test]
fn temporaries_of_a_killed_run_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    add_unit(&tmp.path().join("dept"), "海拉尔区人民政府");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("units")).unwrap();
    // Process ids never exceed 4,194,304 on Linux: these writers are surely gone.
    let stale = [
        out.join(".summary.csv.tmp9999999"),
        out.join("units/.x-2018.html.tmp9999998"),
    ];
    for f in &stale {
        std::fs::write(f, "half a file").unwrap();
    }
    let keep = out.join("units/notes.tmp1");
    std::fs::write(&keep, "not luoshi's").unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in &stale {
        assert!(!f.exists(), "{} left", f.display());
    }
    assert!(keep.exists());
}

// 10. Ctrl-C: before writing, nothing is committed or written; while writing, the set completes.

/// A batch run that is asked to stop (Ctrl-C) as soon as it reaches `stage`.
fn run_stopped_at(
    cfg: &luoshi::batch::Config,
    stage: luoshi::batch::Stage,
) -> luoshi::batch::Outcome {
    use std::sync::atomic::{AtomicBool, Ordering};
    let stop = AtomicBool::new(false);
    luoshi::batch::run(
        cfg,
        &|p: luoshi::batch::Progress| {
            if p.stage == stage {
                stop.store(true, Ordering::SeqCst)
            }
        },
        &stop,
    )
    .unwrap()
}

#[test]
fn a_stop_during_the_index_phase_commits_nothing_and_writes_nothing() {
    use luoshi::batch::{Config, Stage};
    use std::sync::atomic::AtomicBool;
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    add_unit(&dept, "海拉尔区人民政府");
    let cfg = Config {
        dir: dept.clone(),
        out: tmp.path().join("out"),
        index: Some(tmp.path().join("idx")),
        jobs: 1,
        ..Default::default()
    };
    let never = AtomicBool::new(false);
    let first = luoshi::batch::run(&cfg, &|_| {}, &never).unwrap();
    assert!(!first.interrupted && first.complete);
    let summary_before = std::fs::read(tmp.path().join("out/summary.csv")).unwrap();
    // A second unit arrives; Ctrl-C comes while it is being indexed.
    let new_unit = dept.join("民政局/2023");
    std::fs::create_dir_all(&new_unit).unwrap();
    std::fs::copy(
        root().join("corpus/民政局/2023/000_694202b0fff9a47c.txt"),
        new_unit.join("plan.txt"),
    )
    .unwrap();
    let o = run_stopped_at(&cfg, Stage::Index);
    assert!(o.interrupted && !o.complete);
    assert_eq!(
        std::fs::read(tmp.path().join("out/summary.csv")).unwrap(),
        summary_before
    );
    let ix = luoshi::index::LuoshiIndex::open(&tmp.path().join("idx"), luoshi::Segmenter::shared())
        .unwrap();
    let only_new = luoshi::index::Filters {
        units: vec!["民政局".into()],
        ..Default::default()
    };
    assert_eq!(ix.search("党风廉政建设", &only_new, 5).unwrap().count, 0);
    // The stop request during writing finishes the whole set.
    let o = run_stopped_at(&cfg, Stage::Writing);
    assert!(o.interrupted && o.complete);
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    assert!(summary.contains("民政局,2023"), "{summary}");
    assert!(tmp.path().join("out/units/民政局-2023.html").is_file());
    assert!(tmp
        .path()
        .join("out/units/海拉尔区人民政府-2018.html")
        .is_file());
    let ix = luoshi::index::LuoshiIndex::open(&tmp.path().join("idx"), luoshi::Segmenter::shared())
        .unwrap();
    assert!(ix.search("党风廉政建设", &only_new, 5).unwrap().count > 0);
}

#[test]
fn a_failed_gap_out_leaves_no_temporary_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let (plan, report) = pair_texts_2018();
    std::fs::write(tmp.path().join("plan.txt"), plan).unwrap();
    std::fs::write(tmp.path().join("report.txt"), report).unwrap();
    std::fs::create_dir_all(tmp.path().join("page.html/inside")).unwrap();
    let o = luoshi(
        tmp.path(),
        &[
            "gap",
            "--plan",
            "plan.txt",
            "--report",
            "report.txt",
            "--out",
            "page.html",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("error: page.html: "),
        "{}",
        stderr(&o)
    );
    let left: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_plan_without_tasks_is_not_reported_as_checked() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = add_unit(&tmp.path().join("dept"), "海拉尔区人民政府");
    // The plan's framing alone: its two opening paragraphs (2018年是…之年, 总体要求是…), no task.
    // (The third, 今年工作的主要任务是：…加快推进…改造升级, is one: a plan without numbered
    // items states its tasks in plain paragraphs.)
    let (plan, _) = pair_texts_2018();
    let preamble: Vec<&str> = plan.lines().skip(1).take(2).collect();
    std::fs::write(dir.join("plan.txt"), preamble.join("\n")).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    let row = summary.lines().nth(1).unwrap();
    assert!(row.starts_with("海拉尔区人民政府,2018,"), "{row}");
    assert!(row.contains(",未发现任务,"), "{row}");
}

// Fault test (long; run with `cargo test --test hostile_outputs -- --ignored`): `batch` and `index`
// killed with SIGKILL and SIGINT at 20 pseudo-random moments each. After each kill the index
// opens and answers as before the run or as after it, and the next run completes and equals an
// uninterrupted run.

/// Passages matching a query in the index at `dir`, or None when it cannot be opened.
fn hits(dir: &Path) -> Option<usize> {
    let ix = luoshi::index::LuoshiIndex::open(dir, luoshi::Segmenter::shared()).ok()?;
    Some(
        ix.search("党风廉政建设", &Default::default(), 5)
            .ok()?
            .count,
    )
}

#[cfg(unix)]
#[test]
#[ignore]
fn killed_runs_leave_a_usable_index_and_the_next_run_completes() {
    let tmp = tempfile::tempdir().unwrap();
    let root_dir = tmp.path();
    let o = luoshi(
        root_dir,
        &[
            "synth",
            "--units",
            "6",
            "--years",
            "2022..2023",
            "--seed",
            "4",
            "--out",
            "dept",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let args = ["batch", "dept", "--out", "out", "--index", "idx", "--quiet"];
    // The reference: an uninterrupted run over the whole department.
    let o = luoshi(root_dir, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reference = outputs(&root_dir.join("out"));
    let after = hits(&root_dir.join("idx")).unwrap();
    let mut rng = 0x18u64;
    let mut kills = 0;
    for round in 0..80 {
        let command = if round % 4 < 2 { "batch" } else { "index" };
        let signal = if round % 2 == 0 { "-KILL" } else { "-INT" };
        // Start from a fresh state each time: no outputs, no index.
        for d in ["out", "idx"] {
            let _ = std::fs::remove_dir_all(root_dir.join(d));
        }
        let before = hits(&root_dir.join("idx"));
        let run_args: Vec<&str> = if command == "batch" {
            args.to_vec()
        } else {
            vec!["index", "dept", "--index", "idx", "--quiet"]
        };
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_luoshi"))
            .args(&run_args)
            .current_dir(root_dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        rng = rng
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        std::thread::sleep(std::time::Duration::from_millis((rng >> 33) % 1500));
        let killed = child.try_wait().unwrap().is_none();
        let _ = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let _ = child.wait();
        kills += usize::from(killed);
        let now = hits(&root_dir.join("idx"));
        assert!(
            now == before || now == Some(after) || (before.is_none() && now.is_none()),
            "round {round}: index answers {now:?}, before {before:?}, after {after}"
        );
        let o = luoshi(root_dir, &args);
        assert_eq!(o.status.code(), Some(0), "round {round}: {}", stderr(&o));
        assert_eq!(outputs(&root_dir.join("out")), reference, "round {round}");
        assert_eq!(hits(&root_dir.join("idx")), Some(after), "round {round}");
    }
    eprintln!("killed mid-run {kills} of 80 times");
    assert!(kills >= 40, "only {kills} kills landed mid-run");
}

// 9. A run that dies while writing leaves the previous complete set, and the next run completes.

#[test]
fn a_run_dying_while_writing_leaves_the_previous_set() {
    use luoshi::batch::{Config, Progress, Stage};
    use std::sync::atomic::AtomicBool;
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    add_unit(&dept, "海拉尔区人民政府");
    let out = tmp.path().join("out");
    let cfg = Config {
        dir: dept.clone(),
        out: out.clone(),
        jobs: 2,
        ..Default::default()
    };
    let never = AtomicBool::new(false);
    luoshi::batch::run(&cfg, &|_| {}, &never).unwrap();
    let finished = |dir: &Path| -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
        outputs(dir)
            .into_iter()
            .filter(|(p, _)| !p.to_string_lossy().contains(".tmp"))
            .collect()
    };
    let previous = finished(&out);
    let new_unit = dept.join("民政局/2023");
    std::fs::create_dir_all(&new_unit).unwrap();
    std::fs::copy(
        root().join("corpus/民政局/2023/000_694202b0fff9a47c.txt"),
        new_unit.join("plan.txt"),
    )
    .unwrap();
    // The process dies half way through writing (a panic stands in for SIGKILL).
    let died = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        luoshi::batch::run(
            &cfg,
            &|p: Progress| {
                if p.stage == Stage::Writing && p.done == p.total / 2 {
                    panic!("killed while writing");
                }
            },
            &never,
        )
    }));
    assert!(died.is_err());
    assert_eq!(
        finished(&out),
        previous,
        "a mixed set after dying while writing"
    );
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--quiet", "--index", "idx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(summary.contains("民政局,2023"), "{summary}");
    assert!(out.join("units/民政局-2023.html").is_file());
}
