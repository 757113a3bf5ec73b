//! What a hostile or careless department can send (issue 18): every fault found when luoshi was
//! attacked, reproduced on real text, with what luoshi must do instead.

mod util;

use std::io::Write;
use std::path::{Path, PathBuf};
use util::*;

/// The Hailar 2018 plan and report, the corpus's smallest compared pair.
fn pair_texts_2018() -> (String, String) {
    let dir = root().join("corpus/海拉尔区人民政府/2018");
    (
        std::fs::read_to_string(dir.join("plan.txt")).unwrap(),
        std::fs::read_to_string(dir.join("report.txt")).unwrap(),
    )
}

/// Writes the 2018 pair as unit `unit` of department `dept`.
fn add_unit(dept: &Path, unit: &str) -> PathBuf {
    let (plan, report) = pair_texts_2018();
    let dir = dept.join(unit).join("2018");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan.txt"), plan).unwrap();
    std::fs::write(dir.join("report.txt"), report).unwrap();
    dir
}

/// A .docx whose word/document.xml is `xml_bytes` long: real paragraphs repeated, compressed
/// about a thousandfold, as a zip bomb is.
fn docx_bomb(xml_bytes: usize) -> Vec<u8> {
    let (plan, _) = pair_texts_2018();
    let mut para = String::new();
    for line in plan.lines().filter(|l| !l.trim().is_empty()) {
        para.push_str(&format!("<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default();
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#).unwrap();
    let mut written = 0;
    while written < xml_bytes {
        z.write_all(para.as_bytes()).unwrap();
        written += para.len();
    }
    z.write_all(b"</w:body></w:document>").unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

fn manifests() -> luoshi::load::manifest::ManifestCache {
    luoshi::load::manifest::ManifestCache::default()
}

// 1. Zip bombs and oversized documents are refused by name, and the batch goes on.

#[test]
fn a_docx_bomb_is_refused_as_too_large() {
    let tmp = tempfile::tempdir().unwrap();
    let bytes = docx_bomb(70 * 1024 * 1024);
    assert!(bytes.len() < 2 * 1024 * 1024, "{} bytes", bytes.len());
    let path = tmp.path().join("bomb.docx");
    std::fs::write(&path, &bytes).unwrap();
    let err = luoshi::load::load_file(&path, &manifests()).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
    // The same structure below the limit is an ordinary document.
    std::fs::write(&path, docx_bomb(200_000)).unwrap();
    let docs = luoshi::load::load_file(&path, &manifests()).unwrap();
    assert!(docs[0].text.contains("在打好“三大攻坚战”上聚焦发力"));
}

#[test]
fn a_text_beyond_the_character_limit_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let (plan, _) = pair_texts_2018();
    let n = luoshi::load::MAX_DOC_CHARS / plan.chars().count() + 1;
    let path = tmp.path().join("plan.txt");
    std::fs::write(&path, plan.repeat(n)).unwrap();
    let err = luoshi::load::load_file(&path, &manifests()).unwrap_err();
    assert!(err.to_string().contains("too large"), "{err}");
}

#[test]
fn a_batch_with_a_bomb_processes_every_other_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    add_unit(&dept, "海拉尔区人民政府");
    let bad = add_unit(&dept, "民政局");
    std::fs::write(bad.join("bomb.docx"), docx_bomb(70 * 1024 * 1024)).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error: dept/民政局/2018/bomb.docx: too large"),
        "{}",
        stderr(&o)
    );
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    assert!(summary.contains("海拉尔区人民政府,2018"), "{summary}");
    assert!(summary.contains("民政局,2018"), "{summary}");
}

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
    let sheet = wb.worksheet_range("summary").unwrap();
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

/// The `href`s of index.html that point at unit pages.
fn unit_links(index: &str) -> Vec<String> {
    index
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with("units/"))
        .map(str::to_string)
        .collect()
}

/// Undoes `%XX` escapes (the links' percent-encoding).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
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

// 12. Earlier outputs and indexes inside the department are not read back as units.

#[test]
fn earlier_outputs_inside_the_department_are_skipped() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dd");
    add_unit(&dept, "海拉尔区人民政府");
    let first = [
        "batch", "dd", "--out", "dd/out", "--index", "dd/idx", "--quiet",
    ];
    let o = luoshi(tmp.path(), &first);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = luoshi(
        tmp.path(),
        &["batch", "dd", "--out", "dd/out2", "--index", "dd/idx2"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = std::fs::read_to_string(dept.join("out2/summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 2, "{summary}");
    let err = stderr(&o);
    for d in ["dd/out", "dd/idx"] {
        assert!(
            err.contains(&format!("warning: {d}: holds luoshi outputs")),
            "{err}"
        );
    }
    let errors = std::fs::read_to_string(dept.join("out2/errors.csv")).unwrap();
    assert_eq!(errors.lines().count(), 1, "{errors}");
}

// 2. A symbolic link loop is reported once and never followed.

#[cfg(unix)]
#[test]
fn symlink_loops_are_reported_once_and_not_followed() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    let dir = add_unit(&dept, "海拉尔区人民政府");
    std::os::unix::fs::symlink("..", dir.join("loop")).unwrap();
    std::os::unix::fs::symlink("../..", dir.join("loop2")).unwrap();
    // A second name for a real folder elsewhere is read once, under its first name.
    std::os::unix::fs::symlink("海拉尔区人民政府", dept.join("别名")).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(
        errors,
        [
            "error: dept/海拉尔区人民政府/2018/loop: symbolic link loop (leads back to a folder above it); not followed",
            "error: dept/海拉尔区人民政府/2018/loop2: symbolic link loop (leads back to a folder above it); not followed",
        ],
        "{err}"
    );
    assert!(
        err.contains("warning: dept/别名: symbolic link to a folder inside the walked folder"),
        "{err}"
    );
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    assert_eq!(summary.lines().count(), 2, "{summary}");
    let errors = std::fs::read_to_string(tmp.path().join("out/errors.csv")).unwrap();
    assert_eq!(errors.lines().count(), 3, "{errors}");
}

// 3. Folder names that are not UTF-8 are read as GB18030, never merged into the parent.

#[cfg(unix)]
#[test]
fn gbk_folder_names_stay_separate_units() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    for name in ["民政局", "团市委机关"] {
        let (gbk, _, _) = encoding_rs::GBK.encode(name);
        let real = add_unit(&dept, name).parent().unwrap().to_path_buf();
        let os = std::ffi::OsStr::from_bytes(&gbk);
        std::fs::rename(&real, dept.join(os)).unwrap();
    }
    // A name no encoding reads is still its own unit, and said so.
    let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe\x80unit");
    let real = add_unit(&dept, "x").parent().unwrap().to_path_buf();
    std::fs::rename(&real, dept.join(bad)).unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    let units: Vec<&str> = summary
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(units.len(), 3, "{summary}");
    assert!(
        units.contains(&"民政局") && units.contains(&"团市委机关"),
        "{units:?}"
    );
    assert!(units.iter().any(|u| u.ends_with("unit")), "{units:?}");
    let err = stderr(&o);
    assert!(
        err.contains("name is not UTF-8; read as GB18030 '民政局'"),
        "{err}"
    );
    assert!(err.contains("name is neither UTF-8 nor GB18030"), "{err}");
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
fn a_newline_in_a_file_name_keeps_the_error_on_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bad\nname.docx"), b"not a zip").unwrap();
    let o = luoshi(tmp.path(), &["ingest", "bad\nname.docx"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        "error: bad\\nname.docx: not a docx (zip) file\n"
    );
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

#[test]
fn implausible_manifest_years_are_warned_about_and_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept");
    add_unit(&dept, "海拉尔区人民政府");
    std::fs::write(
        dept.join("manifest.csv"),
        "path,unit,year,kind,title\n海拉尔区人民政府/2018/plan.txt,,-5,,\n海拉尔区人民政府/2018/report.txt,,99999,,\n",
    )
    .unwrap();
    let o = luoshi(tmp.path(), &["ingest", "dept", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("year '-5' is not a year between 1900 and 2100"),
        "{err}"
    );
    assert!(err.contains("year '99999'"), "{err}");
    let rows = stdout(&o);
    assert_eq!(rows.matches(",2018,").count(), 2, "{rows}");
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

// A department with about 5% bad files: every good unit processed, every bad file listed once.

#[cfg(unix)]
#[test]
fn a_five_percent_corrupt_department_is_processed_around_its_bad_files() {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let o = luoshi(
        tmp.path(),
        &[
            "synth",
            "--units",
            "30",
            "--years",
            "2022..2023",
            "--seed",
            "7",
            "--out",
            "dept",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let dept = tmp.path().join("dept");
    let mut units: Vec<PathBuf> = std::fs::read_dir(&dept)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    units.sort();
    // One unit's folder gets a GBK name, as a Windows zip stores it.
    let gbk_name = units[0].file_name().unwrap().to_str().unwrap().to_string();
    let (gbk, _, _) = encoding_rs::GBK.encode(&gbk_name);
    let renamed = dept.join(std::ffi::OsStr::from_bytes(&gbk));
    std::fs::rename(&units[0], &renamed).unwrap();
    let mut expected = std::collections::BTreeSet::new();
    for u in std::fs::read_dir(&dept).unwrap() {
        let u = u.unwrap().path();
        if u.is_dir() {
            let name = luoshi::load::name_text(u.file_name().unwrap())
                .0
                .into_owned();
            for y in std::fs::read_dir(&u).unwrap() {
                let y = y.unwrap().path();
                expected.insert(format!(
                    "{name},{}",
                    y.file_name().unwrap().to_str().unwrap()
                ));
            }
        }
    }
    let good_files = files_under(&dept).len() - 1; // .synth-truth.csv
                                                   // The bad files, planted in good units' year folders, and the reason each must give.
    let (plan, _) = pair_texts_2018();
    let docx = make_docx(&plan.lines().collect::<Vec<_>>());
    let mut undecodable = b"\xEF\xBB\xBF".to_vec();
    undecodable.extend_from_slice(plan.as_bytes());
    undecodable.insert(200, 0xFF);
    let year_dir = |i: usize| {
        let u = &units[i];
        std::fs::read_dir(u)
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path()
    };
    let bad: Vec<(PathBuf, Vec<u8>, &str)> = vec![
        (
            year_dir(1).join("truncated.docx"),
            docx[..docx.len() / 2].to_vec(),
            "not a docx (zip) file",
        ),
        (
            year_dir(2).join("bomb.docx"),
            docx_bomb(70 * 1024 * 1024),
            "too large",
        ),
        (
            year_dir(3).join("scan.txt"),
            [b"\x89PNG\r\n\x1a\n\0\0".as_slice(), &[7; 200]].concat(),
            "binary content",
        ),
        (year_dir(4).join("empty.txt"), Vec::new(), "empty file"),
        (year_dir(5).join("broken.txt"), undecodable, "invalid UTF-8"),
    ];
    for (p, bytes, _) in &bad {
        std::fs::write(p, bytes).unwrap();
    }
    let locked = year_dir(6).join("locked.txt");
    std::fs::copy(year_dir(6).join("plan.txt"), &locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let unreadable = std::fs::read(&locked).is_err(); // root reads it anyway
    let loop_link = year_dir(7).join("loop");
    std::os::unix::fs::symlink("..", &loop_link).unwrap();
    let n_bad = bad.len() + 2;
    assert!(
        n_bad * 100 / (good_files + n_bad) <= 6,
        "{n_bad} of {good_files}"
    );

    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let out = tmp.path().join("out");
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let got: std::collections::BTreeSet<String> = summary
        .lines()
        .skip(1)
        .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(got, expected, "every good unit-year, no invented unit");
    let errors = std::fs::read_to_string(out.join("errors.csv")).unwrap();
    let rows: Vec<&str> = errors.lines().skip(1).collect();
    let rel = |p: &Path| p.strip_prefix(tmp.path()).unwrap().display().to_string();
    for (p, _, reason) in &bad {
        let mine: Vec<&&str> = rows.iter().filter(|r| r.starts_with(&rel(p))).collect();
        assert_eq!(mine.len(), 1, "{}: {errors}", rel(p));
        assert!(mine[0].contains(reason), "{}: {errors}", mine[0]);
    }
    let loops = rows
        .iter()
        .filter(|r| r.starts_with(&rel(&loop_link)))
        .count();
    assert_eq!(loops, 1, "{errors}");
    assert!(rows
        .iter()
        .all(|r| r.contains("too large") || !r.contains("internal error")));
    let expected_rows = bad.len() + 1 + usize::from(unreadable);
    assert_eq!(rows.len(), expected_rows, "{errors}");
    if unreadable {
        assert!(errors.contains("permission denied"), "{errors}");
    }
    // Every failure is one `error:` line on stderr as well.
    let err_lines = stderr(&o)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count();
    assert_eq!(err_lines, expected_rows, "{}", stderr(&o));
}

// 10. Ctrl-C: before writing, nothing is committed or written; while writing, the set completes.

#[test]
fn a_stop_during_the_index_phase_commits_nothing_and_writes_nothing() {
    use luoshi::batch::{Config, Progress, Stage};
    use std::sync::atomic::{AtomicBool, Ordering};
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
    let stop = AtomicBool::new(false);
    let o = luoshi::batch::run(
        &cfg,
        &|p: Progress| {
            if p.stage == Stage::Index {
                stop.store(true, Ordering::SeqCst)
            }
        },
        &stop,
    )
    .unwrap();
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
    let stop = AtomicBool::new(false);
    let o = luoshi::batch::run(
        &cfg,
        &|p: Progress| {
            if p.stage == Stage::Writing {
                stop.store(true, Ordering::SeqCst)
            }
        },
        &stop,
    )
    .unwrap();
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
