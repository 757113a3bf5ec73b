//! What an office reads from `luoshi batch corpus`: one honest 落实率 (done ÷ tasks) everywhere,
//! Chinese-first tables and a workbook that reads without widening a column.

mod util;

use calamine::{open_workbook, open_workbook_auto, Data, Reader, Xlsx};
use std::path::{Path, PathBuf};
use util::*;

/// Runs batch on a copy of the shipped corpus with `extra` arguments; returns the output folder.
fn batch_corpus(tmp: &Path, extra: &[&str]) -> PathBuf {
    let dept = tmp.join("dept");
    if !dept.exists() {
        copy_dir(&root().join("corpus"), &dept);
    }
    let mut args = vec!["batch", "dept", "--out", "out", "--index", "idx", "--quiet"];
    args.extend_from_slice(extra);
    let o = luoshi(tmp, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    tmp.join("out")
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

/// The figure shown in a page's count box labelled exactly `label`.
fn boxed(page: &str, label: &str) -> String {
    let at = page
        .find(&format!(">{label}<b>"))
        .unwrap_or_else(|| panic!("no {label} box"));
    let rest = &page[at + label.len() + 4..];
    rest[..rest.find("</b>").unwrap()].to_string()
}

fn pct(n: usize, d: usize) -> String {
    format!("{:.1}%", n as f64 * 100.0 / d as f64)
}

#[test]
fn the_rate_is_done_over_tasks_in_every_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = batch_corpus(tmp.path(), &["--lang", "en"]);
    let (h, rows) = read_csv(&out.join("summary.csv"));
    let (tasks, done, partial) = (col(&h, "tasks"), col(&h, "done"), col(&h, "partial"));
    let (rate, share) = (col(&h, "coverage"), col(&h, "partial_share"));
    let mut book = open_workbook_auto(out.join("summary.xlsx")).unwrap();
    let sheet = book.worksheet_range("summary").unwrap();
    let (mut all_tasks, mut all_done, mut all_partial) = (0, 0, 0);
    let mut compared = 0;
    for (i, r) in rows.iter().enumerate() {
        if r[tasks].is_empty() {
            continue;
        }
        let n = |c: usize| r[c].parse::<usize>().unwrap();
        let (t, d, p) = (n(tasks), n(done), n(partial));
        all_tasks += t;
        all_done += d;
        all_partial += p;
        if t == 0 {
            continue;
        }
        compared += 1;
        let want = d as f64 / t as f64;
        assert_eq!(r[rate], format!("{:.1}", want * 100.0), "{r:?}");
        assert_eq!(
            r[share],
            format!("{:.1}", p as f64 * 100.0 / t as f64),
            "{r:?}"
        );
        // The workbook stores the fraction itself, shown as a percentage.
        match sheet.get((i + 1, rate)) {
            Some(Data::Float(x)) => assert!((x - want).abs() < 0.0006, "{x} vs {want}"),
            other => panic!("coverage cell of {r:?} is {other:?}"),
        }
        let stem = format!("{}-{}", r[0], r[1]);
        let page = std::fs::read_to_string(out.join(format!("units/{stem}.html"))).unwrap();
        assert_eq!(boxed(&page, "落实率"), pct(d, t), "{stem}");
        assert_eq!(boxed(&page, "部分落实率"), pct(p, t), "{stem}");
        assert!(
            page.contains("落实率 = 已落实任务数 ÷ 计划任务数"),
            "{stem}"
        );
    }
    assert!(compared >= 8, "{compared} compared unit-years");
    // Partial tasks are not folded in: the corpus has far fewer done than done + partial.
    assert!(all_done < all_done + all_partial && all_partial > 0);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(boxed(&index, "总体落实率"), pct(all_done, all_tasks));
    assert_eq!(boxed(&index, "部分落实率"), pct(all_partial, all_tasks));
    assert!(index.contains("落实率 = 已落实任务数 ÷ 计划任务数"));
    // 市直机关党组 2023 reads 0 % when none of its tasks is done, whatever its partial ones.
    let szj = rows
        .iter()
        .find(|r| r[0] == "市直机关党组" && r[1] == "2023")
        .unwrap();
    if szj[done] == "0" {
        assert_eq!(szj[rate], "0.0");
    }
}

/// The text cells of one row of a sheet.
fn sheet_row(range: &calamine::Range<Data>, r: usize) -> Vec<String> {
    (0..range.width())
        .map(|c| range.get((r, c)).map(|d| d.to_string()).unwrap_or_default())
        .collect()
}

#[test]
fn the_workbook_reads_in_chinese_with_every_unit_year_and_percentages() {
    let tmp = tempfile::tempdir().unwrap();
    let out = batch_corpus(tmp.path(), &[]);
    let mut book: Xlsx<_> = open_workbook(out.join("summary.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["汇总", "任务明细", "无法读取的文件"]);
    let summary = book.worksheet_range("汇总").unwrap();
    let head = sheet_row(&summary, 0);
    assert_eq!(
        head[..14],
        [
            "单位",
            "年度",
            "计划",
            "报告",
            "任务数",
            "已落实",
            "部分落实",
            "未见落实",
            "落实率",
            "部分落实率",
            "数字未填写",
            "目标未达成",
            "把握不大",
            "状态"
        ]
    );
    let (csv_head, csv_rows) = read_csv(&out.join("summary.csv"));
    assert_eq!(
        csv_head, head,
        "summary.csv and the sheet share their columns"
    );
    // Rates are fractions shown with a percent format: 0.553 reads 55.3%.
    let styles = book.worksheet_style("汇总").unwrap();
    let rate = col(&head, "落实率");
    let mut rates = 0;
    for r in 1..summary.height() {
        if let Some(Data::Float(x)) = summary.get((r, rate)) {
            assert!((0.0..=1.0).contains(x), "{x}");
            let fmt = styles.get((r as u32, rate as u32)).unwrap();
            assert_eq!(fmt.number_format.as_ref().unwrap().format_code, "0.0%");
            rates += 1;
        }
    }
    assert!(rates >= 8, "{rates} rates");
    // summary.csv spells the same rate as a percentage a spreadsheet reads as a number.
    assert!(csv_rows.iter().any(|r| r[rate].ends_with('%')));

    let tasks = book.worksheet_range("任务明细").unwrap();
    let head = sheet_row(&tasks, 0);
    for h in [
        "任务",
        "状态",
        "提示",
        "证据摘录",
        "时限",
        "责任单位/责任人",
        "复核状态",
        "复核意见",
    ] {
        assert!(head.iter().any(|x| x == h), "{h} in {head:?}");
    }
    let (tcsv_head, _) = read_csv(&out.join("tasks.csv"));
    assert_eq!(tcsv_head, head);
    let rows: Vec<Vec<String>> = (1..tasks.height()).map(|r| sheet_row(&tasks, r)).collect();
    let (status, flags) = (col(&head, "状态"), col(&head, "提示"));
    let (deadline, who) = (col(&head, "时限"), col(&head, "责任单位/责任人"));
    // Every unit-year of the summary has rows, those without a report included.
    for s in &csv_rows {
        assert!(
            rows.iter().any(|r| r[0] == s[0] && r[1] == s[1]),
            "{} {} has no task row",
            s[0],
            s[1]
        );
    }
    let of = |u: &str, y: &str| {
        rows.iter()
            .find(|r| r[0] == u && r[1] == y)
            .unwrap_or_else(|| panic!("{u} {y}"))[status]
            .clone()
    };
    assert_eq!(of("民政局", "2023"), "未提交报告");
    // A plan without its report still lists every task it set, each owed a report, unscored.
    let owed: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[0] == "民政局" && r[1] == "2023")
        .collect();
    assert!(owed.len() >= 5, "{owed:?}");
    let score = col(&head, "得分");
    for r in &owed {
        assert_eq!(r[status], "未提交报告");
        assert!(
            !r[col(&head, "编号")].is_empty() && r[score].is_empty(),
            "{r:?}"
        );
    }
    let page = std::fs::read_to_string(out.join("units/民政局-2023.html")).unwrap();
    assert!(page.contains(&format!("计划中的任务（{}项，均待报告）", owed.len())));
    assert_eq!(of("某市直单位党组", "2022"), "无计划");
    let words = [
        "已落实",
        "部分落实",
        "未见落实",
        "未提交报告",
        "无计划",
        "未发现任务",
    ];
    assert!(rows.iter().all(|r| words.contains(&r[status].as_str())));
    let flag_words = [
        "目标未达成",
        "数字未填写",
        "仅见于下一步打算",
        "报告自认不足",
        "把握不大",
    ];
    let flagged: Vec<&String> = rows
        .iter()
        .map(|r| &r[flags])
        .filter(|f| !f.is_empty())
        .collect();
    assert!(!flagged.is_empty());
    for f in flagged {
        assert!(f.split('、').all(|w| flag_words.contains(&w)), "{f}");
    }
    // Extraction's deadlines and responsible parties reach the register.
    assert!(rows
        .iter()
        .any(|r| r[deadline].contains("前") || r[deadline].contains("月")));
    assert!(rows.iter().any(|r| !r[who].is_empty()));
    // Titles and quotes wrap inside their column rather than running across the sheet.
    let styles = book.worksheet_style("任务明细").unwrap();
    for c in [col(&head, "任务"), col(&head, "证据摘录")] {
        let st = styles.get((1, c as u32)).unwrap();
        assert!(
            st.alignment.as_ref().is_some_and(|a| a.wrap_text),
            "column {c}"
        );
    }
}

#[test]
fn lang_en_restores_the_english_tables() {
    let tmp = tempfile::tempdir().unwrap();
    let out = batch_corpus(tmp.path(), &["--lang", "en"]);
    let (h, rows) = read_csv(&out.join("summary.csv"));
    assert_eq!(h[..4], ["unit", "year", "plans", "report"]);
    let st = col(&h, "status");
    assert!(rows.iter().any(|r| r[st] == "report not submitted"));
    assert!(rows.iter().all(|r| !r[col(&h, "coverage")].contains('%')));
    let (h, rows) = read_csv(&out.join("tasks.csv"));
    for name in [
        "title",
        "status",
        "flags",
        "quote",
        "deadline",
        "responsible",
        "reviewed_status",
        "review_note",
    ] {
        col(&h, name);
    }
    let st = col(&h, "status");
    assert!(rows.iter().any(|r| r[st] == "missing"));
    assert!(rows.iter().all(|r| !r[col(&h, "flags")].contains('、')));
    let (h, _) = read_csv(&out.join("errors.csv"));
    assert_eq!(h, ["file", "reason"]);
    let book = open_workbook_auto(out.join("summary.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["summary", "tasks", "errors"]);
}

/// Every line's display width (a CJK character counts two) is at most `width`.
fn assert_fits(text: &str, width: usize, what: &str) {
    use unicode_width::UnicodeWidthStr;
    assert!(text.lines().count() > 3, "{what}: {text}");
    for l in text.lines() {
        assert!(
            l.width() <= width,
            "{what} at {width}: {} columns: {l}",
            l.width()
        );
    }
}

#[test]
fn terminal_tables_fit_80_and_120_columns() {
    let dir = root().join("corpus/海拉尔区人民政府/2018");
    let tmp = tempfile::tempdir().unwrap();
    let idx = tmp.path().join("idx");
    let o = luoshi(
        &root(),
        &[
            "index",
            "corpus",
            "--index",
            idx.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for width in [80, 120] {
        let w = width.to_string();
        let gap = luoshi(
            &dir,
            &[
                "gap",
                "--plan",
                "plan.txt",
                "--report",
                "report.txt",
                "--width",
                &w,
            ],
        );
        assert_eq!(gap.status.code(), Some(0), "{}", stderr(&gap));
        let text = stdout(&gap);
        assert_fits(&text, width, "gap");
        // Flags read as words, statuses too.
        assert!(
            text.contains("目标未达成") && text.contains("部分落实"),
            "{text}"
        );
        assert!(!text.contains("target_unmet") && !text.contains('✅'));
        let ingest = luoshi(&root(), &["ingest", "corpus", "--width", &w]);
        assert_fits(&stdout(&ingest), width, "ingest");
        // Table columns are named in Chinese with the English beside; CSV keeps the machine names.
        // (A narrow column wraps its header: the English may sit on the next line.)
        let head = stdout(&ingest)
            .lines()
            .take(2)
            .collect::<Vec<_>>()
            .join("\n");
        assert!(head.contains("单位") && head.contains("unit"), "{head}");
        let extract = luoshi(&dir, &["extract", "plan.txt", "--width", &w]);
        assert_fits(&stdout(&extract), width, "extract");
        let search = luoshi(
            &root(),
            &[
                "search",
                "党风廉政",
                "--index",
                idx.to_str().unwrap(),
                "--width",
                &w,
            ],
        );
        assert_eq!(search.status.code(), Some(0), "{}", stderr(&search));
        assert_fits(&stdout(&search), width, "search");
    }
    // Without --width, piped output follows COLUMNS.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(["gap", "--plan", "plan.txt", "--report", "report.txt"])
        .current_dir(&dir)
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    assert_fits(&stdout(&o), 60, "gap with COLUMNS=60");
}

/// The text a reader sees: tags (and their attributes, such as tooltips) removed.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The heading of the card anchored `anchor` on a page.
fn card<'a>(page: &'a str, anchor: &str) -> &'a str {
    let at = page
        .find(&format!("id=\"{anchor}\""))
        .unwrap_or_else(|| panic!("no card {anchor}"));
    let start = page[..at].rfind("<div").unwrap();
    &page[start..at + page[at..].find("</h3>").unwrap()]
}

#[test]
fn pages_navigate_explain_and_print() {
    let tmp = tempfile::tempdir().unwrap();
    let out = batch_corpus(tmp.path(), &[]);
    let (h, rows) = read_csv(&out.join("summary.csv"));
    let missing_col = col(&h, "未见落实");
    let mut compared = 0;
    for r in &rows {
        let stem = format!("{}-{}", r[0], r[1]);
        let page = std::fs::read_to_string(out.join(format!("units/{stem}.html"))).unwrap();
        assert!(
            page.contains("href=\"../index.html\""),
            "{stem}: no way back"
        );
        // A printed page keeps its colours, never splits a card, and names unit and year.
        assert!(page.contains("@media print") && page.contains("print-color-adjust:exact"));
        assert!(page.contains(".card,") && page.contains("break-inside:avoid"));
        let head_at = page.find("class=\"print-head\"").expect("print header");
        let head_end = head_at + page[head_at..].find("</div>").unwrap();
        let head = visible_text(&page[head_at..head_end]);
        assert!(
            head.contains(&r[0]) && head.contains(&r[1]),
            "{stem}: {head}"
        );
        // Marks that need an emoji or symbol font are gone; statuses are words on badges.
        for mark in ['✅', '✓', '◐', '✗', '☒'] {
            assert!(!page.contains(mark), "{stem} has {mark}");
        }
        let text = visible_text(&page);
        assert!(!text.contains('¶'), "{stem} shows a ¶ path");
        if r[missing_col].is_empty() {
            continue;
        }
        compared += 1;
        // Internal ids stay in tooltips; the reader sees 第k项.
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join(format!("units/{stem}.json"))).unwrap())
                .unwrap();
        for t in json["tasks"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap();
            assert!(!page.contains(&format!(">{id}<")), "{stem} shows id {id}");
        }
        // The contents count by status and link each card without follow-through.
        let toc_at = page.find("<nav class=\"toc\">").expect("contents");
        let toc = &page[toc_at..toc_at + page[toc_at..].find("</nav>").unwrap()];
        assert!(
            visible_text(toc).contains(&format!("未见落实 {}", r[missing_col])),
            "{stem}: {}",
            visible_text(toc)
        );
        let links: Vec<&str> = toc
            .split("href=\"#task-")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(links.len().to_string(), r[missing_col], "{stem}");
        for k in links {
            assert!(
                card(&page, &format!("task-{k}")).contains(">未见落实</span>"),
                "{stem} #{k}"
            );
        }
    }
    assert!(compared >= 8);

    // The department page groups tasks without follow-through by distinctive terms, by unit.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    let units: std::collections::BTreeSet<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    let table_at = index.find("多个单位未见落实的任务").unwrap();
    let table = &index[table_at..table_at + index[table_at..].find("</table>").unwrap()];
    let groups: Vec<&str> = table.split("<tr><td class=\"u\"><b>").skip(1).collect();
    assert!(groups.len() >= 3, "{table}");
    for g in groups {
        let term = &g[..g.find("</b>").unwrap()];
        assert!(!["建设", "发展", "政府", "工作"].contains(&term), "{term}");
        assert!(!term.chars().any(|c| c.is_ascii_digit()), "{term}");
        let cells: Vec<String> = g
            .split("<td")
            .skip(1)
            .map(|c| visible_text(&c[c.find('>').unwrap() + 1..]))
            .collect();
        let n: usize = cells[0].parse().unwrap();
        let named: Vec<&str> = cells[1].split('、').collect();
        assert_eq!(n, named.len(), "{term}: counted by unit");
        assert!(
            n >= 2 && named.iter().all(|u| units.contains(u)),
            "{term}: {named:?}"
        );
        // Each example links to a card without follow-through on its unit page.
        for link in g
            .split("<a href=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
        {
            let (file, anchor) = link.split_once('#').unwrap();
            // Links are percent-encoded; decode the unit name back.
            let file = percent_decode(file);
            let page = std::fs::read_to_string(out.join(file)).unwrap();
            assert!(card(&page, anchor).contains(">未见落实</span>"), "{link}");
        }
    }
}

#[test]
fn help_reads_in_chinese_first_with_english_beside() {
    let top = stdout(&luoshi(&root(), &["--help"]));
    let first = top.lines().next().unwrap();
    assert!(
        first.starts_with("luoshi（落实）：") && first.contains(" / what each plan"),
        "{first}"
    );
    for (cmd, zh, en) in [
        ("batch", "输出文件夹", "Output folder"),
        ("gap", "用来核对的年终报告", "The year-end report"),
        ("search", "显示条数", "Results to show"),
    ] {
        let help = stdout(&luoshi(&root(), &[cmd, "--help"]));
        let line = help
            .lines()
            .find(|l| l.contains(zh))
            .unwrap_or_else(|| panic!("{cmd}: {help}"));
        assert!(line.find(zh) < line.find(en), "{cmd}: {line}");
    }
    // Every subcommand's one-line description starts in Chinese.
    let commands = top
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("Options:")
        .next()
        .unwrap();
    for l in commands
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains("help"))
    {
        let desc = l.trim_start().split_once(' ').unwrap().1.trim_start();
        assert!(!desc.chars().next().unwrap().is_ascii(), "{l}");
    }
}

/// Column widths of one sheet of an xlsx (1-based column → width), read from its XML.
fn column_widths(xlsx: &Path, sheet: usize) -> std::collections::BTreeMap<usize, f64> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name(&format!("xl/worksheets/sheet{sheet}.xml"))
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let attr = |tag: &str, name: &str| -> String {
        let at = tag.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        tag[at..at + tag[at..].find('"').unwrap()].to_string()
    };
    // Neighbouring columns of equal width share one `<col min max>`.
    xml.split("<col ")
        .skip(1)
        .flat_map(|tag| {
            let tag = format!(" {}", &tag[..tag.find("/>").unwrap()]);
            let min: usize = attr(&tag, "min").parse().unwrap();
            let max: usize = attr(&tag, "max").parse().unwrap();
            let width: f64 = attr(&tag, "width").parse().unwrap();
            (min..=max).map(move |c| (c, width))
        })
        .collect()
}

#[test]
fn workbook_columns_are_sized_to_their_content() {
    let tmp = tempfile::tempdir().unwrap();
    let out = batch_corpus(tmp.path(), &[]);
    // 汇总: 单位 fits 海拉尔区人民政府 (8 characters, 16 columns wide); 年度 stays narrow.
    let summary = column_widths(&out.join("summary.xlsx"), 1);
    assert!(summary[&1] >= 16.0 && summary[&1] <= 30.0, "{summary:?}");
    assert!(summary[&2] <= 10.0, "{summary:?}");
    // 任务明细: the task title grows to the wrap width, the status to its words only.
    let tasks = column_widths(&out.join("summary.xlsx"), 2);
    assert!(tasks[&5] >= 45.0, "{tasks:?}");
    assert!(tasks[&6] >= 10.0 && tasks[&6] <= 16.0, "{tasks:?}");
}
