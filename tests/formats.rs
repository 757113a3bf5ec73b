//! Inputs as offices have them (issue 20), formats and scripts: Traditional Chinese read as
//! Simplified with the original shown; .xlsx task lists, OFD, Word 97/WPS and PDF each giving the
//! seeds' paragraphs or their 82 gold tasks; scans and corrupt files one error line each.

mod util;

use serde_json::Value;
use std::path::Path;
use util::*;

/// Seed 003 in Traditional characters: `tests/fixtures/003_traditional.txt`, made with OpenCC's
/// s2t configuration (Python `opencc` 1.4.2: `opencc.OpenCC('s2t').convert(text)`), 1,109 of its
/// 3,139 characters changed, every one in place.
fn traditional_003() -> std::path::PathBuf {
    root().join("tests/fixtures/003_traditional.txt")
}

#[test]
fn gap_on_a_traditional_report_gives_the_same_statuses_and_quotes_the_original() {
    let plan = seed("000");
    let run = |report: &Path| {
        let o = gap_of(&plan, report, "json", &[]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_str::<Value>(&stdout(&o)).unwrap()
    };
    let (simplified, traditional) = (run(&seed("003")), run(&traditional_003()));
    let tasks = |v: &Value| v["tasks"].as_array().unwrap().clone();
    let (a, b) = (tasks(&simplified), tasks(&traditional));
    assert!(a.len() > 10);
    assert_eq!(a.len(), b.len());
    let original: Vec<char> = std::fs::read_to_string(traditional_003())
        .unwrap()
        .chars()
        .collect();
    let mut quoted = 0;
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x["status"], y["status"], "{}", x["id"]);
        assert_eq!(
            x["evidence"].as_array().unwrap().len(),
            y["evidence"].as_array().unwrap().len()
        );
        for (ex, ey) in x["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .zip(y["evidence"].as_array().unwrap())
        {
            assert_eq!((&ex["start"], &ex["end"]), (&ey["start"], &ey["end"]));
            // The quote is the Traditional file's own text, not the folded one.
            let q = ey["quote"].as_str().unwrap();
            assert_ne!(
                q,
                ex["quote"].as_str().unwrap(),
                "a quote of 3 sentences has Traditional characters"
            );
            let joined: String = original.iter().collect();
            assert!(joined.contains(q), "{q}");
            quoted += 1;
        }
    }
    assert!(quoted > 10, "{quoted} quotes compared");
}

#[test]
fn extract_shows_a_traditional_document_in_its_own_characters() {
    let o = luoshi(
        &root(),
        &[
            "extract",
            traditional_003().to_str().unwrap(),
            "--format",
            "json",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    // 黨 (党) opens the report's sections; the analysis read it folded, the JSON shows it as written.
    assert!(out.contains('黨'), "{}", &out[..out.len().min(600)]);
    assert!(
        !out.contains('党'),
        "a folded character leaked into the JSON"
    );
}

#[test]
fn traditional_and_simplified_queries_find_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, file) in [("s", seed("003")), ("t", traditional_003())] {
        std::fs::create_dir_all(tmp.path().join(name)).unwrap();
        std::fs::copy(&file, tmp.path().join(name).join("report.txt")).unwrap();
        let o = luoshi(
            tmp.path(),
            &["index", name, "--index", &format!("idx-{name}"), "--quiet"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let hits = |idx: &str, q: &str| {
        let o = luoshi(
            tmp.path(),
            &["search", q, "--index", idx, "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["outline_path"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let want = hits("idx-s", "谈心谈话");
    assert!(!want.is_empty());
    for (idx, q) in [
        ("idx-s", "談心談話"),
        ("idx-t", "谈心谈话"),
        ("idx-t", "談心談話"),
    ] {
        assert_eq!(hits(idx, q), want, "{q} in {idx}");
    }
    // Snippets show the file's own characters.
    let o = luoshi(
        tmp.path(),
        &["search", "谈心谈话", "--index", "idx-t", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let snippet = v["results"][0]["snippet"].as_str().unwrap();
    assert!(snippet.contains("談心談話"), "{snippet}");
    assert!(
        v["results"][0]["title"].as_str().unwrap().contains("黨組"),
        "{v}"
    );
    let many = hits("idx-s", "党风廉政建设 责任制");
    assert_eq!(hits("idx-t", "黨風廉政建設 責任制"), many);
}

#[test]
fn traditional_comparators_read_as_the_simplified_ones() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("計劃.txt"),
        "2023年黨建工作計劃\n一、加強思想建設\n（一）堅持開展談心談話，每季度不少於1次。\n（二）黨組理論學習中心組全年集中學習不少於12次。\n",
    )
    .unwrap();
    let o = luoshi(tmp.path(), &["extract", "計劃.txt", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let v: Value = serde_json::from_str(&out).unwrap();
    let text = v.to_string();
    assert!(text.contains("\"comparator\":\">=\""), "{out}");
    assert!(text.contains("\"value\":12"), "{out}");
}

/// The 22 numbered items of seed 004's responsibility list.
fn seed_004_items() -> Vec<String> {
    std::fs::read_to_string(seed("004"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            let (n, rest) = l.split_once('.')?;
            (n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
                .then(|| rest.trim().to_string())
        })
        .collect()
}

#[test]
fn an_xlsx_task_list_is_a_plan_whose_rows_are_tasks() {
    let items = seed_004_items();
    assert_eq!(items.len(), 22);
    let title = "2023年履行全面从严治党重要领导责任清单";
    // The 台账 made here with rust_xlsxwriter: a title row, a header row 序号/任务/责任单位/时限,
    // one row per item; and the same list as text, the way the loader writes each row.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, title).unwrap();
    for (c, h) in ["序号", "任务", "责任单位", "时限"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let mut text = title.to_string();
    for (i, item) in items.iter().enumerate() {
        let r = i as u32 + 2;
        sheet.write_number(r, 0, (i + 1) as f64).unwrap();
        sheet.write_string(r, 1, item).unwrap();
        sheet.write_string(r, 2, "机关党委").unwrap();
        sheet.write_string(r, 3, "年底前").unwrap();
        text.push_str(&format!(
            "\n{}.{item}（责任单位：机关党委；时限：年底前）",
            i + 1
        ));
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("台账.xlsx"), book.save_to_buffer().unwrap()).unwrap();
    std::fs::write(tmp.path().join("台账.txt"), &text).unwrap();
    let (x, t) = (
        load_docs(&tmp.path().join("台账.xlsx")),
        load_docs(&tmp.path().join("台账.txt")),
    );
    assert_eq!(x.len(), 1);
    assert_eq!(x[0].text, t[0].text, "same normalised paragraphs");
    assert_eq!(
        x[0].meta.kind,
        luoshi::Kind::Plan,
        "a 台账 by its file name"
    );
    let tasks = |f: &str| {
        let o = luoshi(tmp.path(), &["extract", f, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        v[0]["tasks"].clone()
    };
    let from_xlsx = tasks("台账.xlsx");
    assert_eq!(from_xlsx.as_array().unwrap().len(), 22, "{from_xlsx}");
    assert_eq!(from_xlsx, tasks("台账.txt"));
    assert!(from_xlsx.to_string().contains("年底前"));
    // A corrupt workbook is one clear error.
    std::fs::write(tmp.path().join("坏.xlsx"), b"PK\x03\x04 not really").unwrap();
    let o = luoshi(tmp.path(), &["ingest", "坏.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: 坏.xlsx: "), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
}

#[test]
fn a_docx_responsibility_list_table_is_a_plan_whose_rows_are_tasks() {
    // Seed 004's 22 items as Word keeps a 责任清单: the title as a paragraph, then a table
    // 序号/任务/责任单位/时限. Its tasks are those of the same list as text, responsible party and
    // deadline included; a table whose header names no task keeps its cells as lines.
    let items = seed_004_items();
    let title = "2023年履行全面从严治党重要领导责任清单";
    let mut rows = vec![["序号", "任务", "责任单位", "时限"]
        .map(String::from)
        .to_vec()];
    let mut text = title.to_string();
    for (i, item) in items.iter().enumerate() {
        rows.push(vec![
            (i + 1).to_string(),
            item.clone(),
            "机关党委".into(),
            "年底前".into(),
        ]);
        text.push_str(&format!(
            "\n{}.{item}（责任单位：机关党委；时限：年底前）",
            i + 1
        ));
    }
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("责任清单.docx"),
        make_docx_with_table(&[title], &rows),
    )
    .unwrap();
    std::fs::write(tmp.path().join("责任清单.txt"), &text).unwrap();
    let tasks = |f: &str| {
        let o = luoshi(tmp.path(), &["extract", f, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        v[0]["tasks"].clone()
    };
    let from_docx = tasks("责任清单.docx");
    assert_eq!(from_docx.as_array().unwrap().len(), 22, "{from_docx}");
    assert_eq!(from_docx, tasks("责任清单.txt"));
    assert!(from_docx.to_string().contains("机关党委"));
    // Any other table: each cell a line, as before.
    let people = vec![
        vec!["姓名".to_string(), "职务".to_string()],
        vec!["王小明".to_string(), "党支部书记".to_string()],
    ];
    std::fs::write(
        tmp.path().join("名单.docx"),
        make_docx_with_table(&["党支部委员名单"], &people),
    )
    .unwrap();
    let docs = load_docs(&tmp.path().join("名单.docx"));
    let lines: Vec<&str> = docs[0].text.lines().collect();
    assert_eq!(
        lines,
        ["党支部委员名单", "姓名", "职务", "王小明", "党支部书记"]
    );
}

/// Plan tasks by (seed file name, document index).
type SeedTasks = std::collections::HashMap<(String, usize), Vec<luoshi::extract::plan::Task>>;

/// How many of the 82 gold tasks (shared/gold/tasks.tsv) are found at their place with their title.
fn gold_found(tasks: &SeedTasks) -> usize {
    let gold = gold_tsv("tasks.tsv");
    assert_eq!(gold.len(), 82);
    gold.iter()
        .filter(|row| {
            let key = (row[0].clone(), row[1].parse::<usize>().unwrap());
            let no = row[2].parse::<usize>().unwrap();
            tasks
                .get(&key)
                .and_then(|t| t.get(no - 1))
                .is_some_and(|t| t.path == row[3] && t.title.starts_with(row[4].as_str()))
        })
        .count()
}

/// The plan tasks of the seeds in another format: `converted(seed)` names the converted file.
fn seed_tasks_from(converted: impl Fn(&Path) -> std::path::PathBuf) -> SeedTasks {
    let seg = luoshi::Segmenter::shared();
    let mut tasks = SeedTasks::new();
    for s in seeds() {
        let name = s.file_name().unwrap().to_str().unwrap().to_string();
        for d in load_docs(&converted(&s)) {
            if d.meta.kind.is_plan_like() {
                tasks.insert((name.clone(), d.index), luoshi::analyze(d, &seg).tasks);
            }
        }
    }
    tasks
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An OFD laid out as a typesetter lays out a 公文: A4 pages of 36 lines, 30 characters of 5 mm
/// per line from a 25 mm margin, every paragraph's first line indented two characters, one
/// `TextObject` per laid-out line (each with one `TextCode`), pages listed in Document.xml.
fn make_ofd(paragraphs: &[String]) -> Vec<u8> {
    const PER_LINE: usize = 30;
    let mut lines: Vec<(f64, String)> = Vec::new();
    for p in paragraphs {
        let chars: Vec<char> = p.chars().collect();
        let mut at = 0;
        let mut first = true;
        while at < chars.len() {
            let room = if first { PER_LINE - 2 } else { PER_LINE };
            let end = (at + room).min(chars.len());
            let x = if first { 35.0 } else { 25.0 };
            lines.push((x, chars[at..end].iter().collect()));
            at = end;
            first = false;
        }
    }
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let ns = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";
    z.start_file("OFD.xml", opts).unwrap();
    std::io::Write::write_all(
        &mut z,
        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:OFD {ns} Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>").as_bytes(),
    )
    .unwrap();
    let pages: Vec<&[(f64, String)]> = lines.chunks(36).collect();
    let mut doc = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Document {ns}><ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>");
    for i in 0..pages.len() {
        doc.push_str(&format!(
            "<ofd:Page ID=\"{}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>",
            i + 2
        ));
    }
    doc.push_str("</ofd:Pages></ofd:Document>");
    z.start_file("Doc_0/Document.xml", opts).unwrap();
    std::io::Write::write_all(&mut z, doc.as_bytes()).unwrap();
    for (i, page) in pages.iter().enumerate() {
        let mut xml = format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ofd:Page {ns}><ofd:Content><ofd:Layer ID=\"1\">");
        for (j, (x, text)) in page.iter().enumerate() {
            let y = 30.0 + 7.0 * j as f64;
            let w = 5.0 * text.chars().count() as f64;
            xml.push_str(&format!(
                "<ofd:TextObject ID=\"{}\" Boundary=\"{x} {y} {w} 7\" Font=\"1\" Size=\"5\"><ofd:TextCode X=\"0\" Y=\"5\">{}</ofd:TextCode></ofd:TextObject>",
                100 + j,
                xml_escape(text)
            ));
        }
        xml.push_str("</ofd:Layer></ofd:Content></ofd:Page>");
        z.start_file(format!("Doc_0/Pages/Page_{i}/Content.xml"), opts)
            .unwrap();
        std::io::Write::write_all(&mut z, xml.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The normalised paragraphs of a file, as the loader cuts them.
fn normalised_paragraphs(path: &Path) -> Vec<String> {
    let decoded = luoshi::load::decode_bytes(path, &std::fs::read(path).unwrap()).unwrap();
    let n = luoshi::normalize::normalize(&decoded.text);
    n.paragraphs
        .iter()
        .map(|p| p.span.of(&n.text).to_string())
        .collect()
}

#[test]
fn an_ofd_of_each_seed_gives_the_seed_s_documents_and_tasks() {
    let tmp = tempfile::tempdir().unwrap();
    let mut tasks = SeedTasks::new();
    for s in seeds() {
        let ofd = tmp
            .path()
            .join(s.with_extension("ofd").file_name().unwrap());
        std::fs::write(&ofd, make_ofd(&normalised_paragraphs(&s))).unwrap();
        let (from_ofd, from_text) = (load_docs(&ofd), load_docs(&s));
        assert_eq!(from_ofd.len(), from_text.len(), "{}", s.display());
        for (a, b) in from_ofd.iter().zip(&from_text) {
            assert_eq!(
                a.text,
                b.text,
                "{}: same normalised paragraphs",
                s.display()
            );
            assert_eq!(a.meta.kind, b.meta.kind);
        }
        let seg = luoshi::Segmenter::shared();
        let name = s.file_name().unwrap().to_str().unwrap().to_string();
        for d in from_ofd.into_iter().filter(|d| d.meta.kind.is_plan_like()) {
            tasks.insert((name.clone(), d.index), luoshi::analyze(d, &seg).tasks);
        }
    }
    // The gold tasks of the seeds, read from their OFD forms: each at its place, with its title.
    assert_eq!(
        gold_found(&tasks),
        82,
        "gold tasks recovered from the OFD seeds"
    );
    // A corrupt OFD is one error line while the rest of a batch runs.
    let dept = tmp.path().join("dept/民政局/2023");
    std::fs::create_dir_all(&dept).unwrap();
    std::fs::copy(seed("000"), dept.join("plan.txt")).unwrap();
    std::fs::write(dept.join("report.ofd"), b"PK\x03\x04 broken").unwrap();
    let err = batch_with_one_bad_file(tmp.path());
    assert!(err.contains("report.ofd: not an OFD (zip) file"), "{err}");
    assert!(tmp.path().join("out/units/民政局-2023.html").is_file());
}

/// The seeds as Word 97 files, shipped in tests/fixtures/doc/ (14–26 KB each), made with
/// LibreOffice 7.4.7.2: `soffice --headless --infilter="Text (encoded):UTF8,,," --convert-to doc
/// <seed>.txt`.
fn seed_doc(seed: &Path) -> std::path::PathBuf {
    root()
        .join("tests/fixtures/doc")
        .join(seed.with_extension("doc").file_name().unwrap())
}

#[test]
fn word_97_seeds_give_the_seed_s_paragraphs_and_the_82_gold_tasks() {
    for s in seeds() {
        let (from_doc, from_text) = (load_docs(&seed_doc(&s)), load_docs(&s));
        assert_eq!(from_doc.len(), from_text.len(), "{}", s.display());
        for (a, b) in from_doc.iter().zip(&from_text) {
            assert_eq!(
                a.text,
                b.text,
                "{}: same normalised paragraphs",
                s.display()
            );
        }
    }
    assert_eq!(gold_found(&seed_tasks_from(seed_doc)), 82);
    // WPS writes the same compound file under .wps; a corrupt .doc is one error in a batch.
    let tmp = tempfile::tempdir().unwrap();
    let dept = tmp.path().join("dept/某市直单位党组/2022");
    std::fs::create_dir_all(&dept).unwrap();
    std::fs::copy(seed_doc(&seed("003")), dept.join("report.wps")).unwrap();
    let mut broken = std::fs::read(seed_doc(&seed("000"))).unwrap();
    broken.truncate(3000);
    std::fs::write(dept.join("plan.doc"), broken).unwrap();
    let err = batch_with_one_bad_file(tmp.path());
    assert!(err.contains("plan.doc: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let summary = std::fs::read_to_string(tmp.path().join("out/summary.csv")).unwrap();
    assert!(
        summary.contains("某市直单位党组"),
        "the .wps report was read: {summary}"
    );
}

/// Runs LibreOffice to convert `files` into `dir` as `format`; None when it is not installed
/// (outside CI only: .ci/run installs it, and under CI=true its absence fails the test).
fn soffice(format: &str, files: &[std::path::PathBuf], dir: &Path) -> Option<()> {
    let run = std::process::Command::new("soffice")
        .args([
            "--headless",
            "--infilter=Text (encoded):UTF8,,,",
            "--convert-to",
            format,
            "--outdir",
        ])
        .arg(dir)
        .args(files)
        .output();
    match run {
        Ok(o) if o.status.success() => Some(()),
        other => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "soffice is needed under CI (.ci/run installs libreoffice-writer-nogui): {other:?}"
            );
            eprintln!("soffice not available; PDF conversion not checked");
            None
        }
    }
}

/// A one-page PDF whose page shows only a grey box (a stand-in for a scanned image): no text.
fn image_only_pdf() -> Vec<u8> {
    let content = "0.5 g 50 50 500 700 re f";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        pdf.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

#[test]
fn pdf_seeds_give_the_82_gold_tasks_and_a_scan_says_it_has_no_text() {
    let tmp = tempfile::tempdir().unwrap();
    // The seeds as PDF, made here by LibreOffice from their text (150–290 KB each, so not shipped).
    if soffice("pdf", &seeds(), tmp.path()).is_some() {
        let pdf = |s: &Path| {
            tmp.path()
                .join(s.with_extension("pdf").file_name().unwrap())
        };
        assert_eq!(
            gold_found(&seed_tasks_from(pdf)),
            82,
            "gold tasks from the PDF seeds"
        );
        // The PDF of seed 003 is the same report: same kind, unit-free title, year.
        let d = &load_docs(&pdf(&seed("003")))[0];
        assert_eq!(
            (d.meta.kind, d.meta.year),
            (luoshi::Kind::Report, Some(2022))
        );
    }
    let dept = tmp.path().join("dept/民政局/2023");
    std::fs::create_dir_all(&dept).unwrap();
    std::fs::copy(seed("000"), dept.join("plan.txt")).unwrap();
    std::fs::write(dept.join("report.pdf"), image_only_pdf()).unwrap();
    std::fs::write(
        dept.join("broken.pdf"),
        b"%PDF-1.4\n1 0 obj << /Type /Catalog",
    )
    .unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        err.contains("report.pdf: PDF has no text layer (scanned?)"),
        "{err}"
    );
    assert!(err.contains("broken.pdf: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(tmp.path().join("out/units/民政局-2023.html").is_file());
}

#[test]
fn a_pdf_bomb_is_refused_before_it_is_read() {
    // One stream of 300 MiB of zeros, deflated to about 300 KB: the page content of a tiny PDF.
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..300 {
        std::io::Write::write_all(&mut z, &zeros).unwrap();
    }
    let packed = z.finish().unwrap();
    let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Length ".to_vec();
    pdf.extend_from_slice(format!("{} /Filter /FlateDecode >>\nstream\n", packed.len()).as_bytes());
    pdf.extend_from_slice(&packed);
    pdf.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("bomb.pdf"), pdf).unwrap();
    let o = luoshi(tmp.path(), &["ingest", "bomb.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: bomb.pdf: too large: PDF streams expand beyond 256 MiB (a PDF bomb?)\n"
    );
}

/// Runs `batch` over `dir/dept` holding one unreadable file: exit 2 and exactly one `error:`
/// line; returns stderr for the caller to check the line names its file.
fn batch_with_one_bad_file(dir: &Path) -> String {
    let o = luoshi(
        dir,
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error: ")).count(),
        1,
        "{err}"
    );
    err
}
