//! `luoshi ingest` and the loader on the shipped corpus, on other encodings, on .docx and on bad files.

mod util;

use luoshi::load;
use luoshi::Kind;
use serde_json::Value;
use std::path::PathBuf;
use util::*;

#[test]
fn the_shipped_corpus_lists_twenty_documents_with_their_metadata() {
    let o = luoshi(&root(), &["ingest", "corpus", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let docs = v.as_array().unwrap();
    assert_eq!(docs.len(), 20);
    let find = |suffix: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().unwrap().ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix} not listed"))
    };
    let check = |suffix: &str, unit: &str, year: i64, kind: &str| {
        let d = find(suffix);
        assert_eq!(d["unit"], unit, "{suffix}");
        assert_eq!(d["year"], year, "{suffix}");
        assert_eq!(d["kind"], kind, "{suffix}");
    };
    check("000_694202b0fff9a47c.txt", "民政局", 2023, "plan");
    check("001_55235fddb402de6a.txt", "团市委机关", 2023, "plan");
    check("002_b657f9cf63a3437d.txt", "市直机关党组", 2023, "report");
    check("003_a63353f37c2cae0e.txt", "某市直单位党组", 2022, "report");
    check("004_6191e73f1c3e00fc.txt", "市直机关党组", 2023, "tasklist");
    check(
        "004_6191e73f1c3e00fc.txt#1",
        "市直机关党组",
        2023,
        "responsibility",
    );
    assert_eq!(
        find("004_6191e73f1c3e00fc.txt#1")["title"],
        "2023年履行全面从严治党重要领导责任清单"
    );
    for (unit, years) in [
        ("海拉尔区人民政府", [2013, 2016, 2017, 2018].as_slice()),
        ("国务院", &[2009, 2015, 2016]),
    ] {
        for y in years {
            check(&format!("{unit}/{y}/plan.txt"), unit, *y as i64, "plan");
            check(&format!("{unit}/{y}/report.txt"), unit, *y as i64, "report");
        }
    }
}

#[test]
fn metadata_is_inferred_without_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    let unit = dir.path().join("海拉尔区人民政府/2016");
    std::fs::create_dir_all(&unit).unwrap();
    for f in ["plan.txt", "report.txt"] {
        std::fs::copy(shared().join("pairs/hailar_2016").join(f), unit.join(f)).unwrap();
    }
    std::fs::copy(seed("004"), dir.path().join("004.txt")).unwrap();
    std::fs::write(dir.path().join("README.md"), "not a document").unwrap();
    std::fs::write(dir.path().join(".hidden"), "not a document").unwrap();
    let loaded = load::load_paths(&[dir.path().to_path_buf()]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let kinds: Vec<(Kind, Option<i32>, &str)> = loaded
        .docs
        .iter()
        .map(|d| (d.meta.kind, d.meta.year, d.meta.unit.as_str()))
        .collect();
    let tmp_unit = dir.path().file_name().unwrap().to_str().unwrap();
    assert_eq!(
        kinds,
        vec![
            (Kind::Tasklist, Some(2023), tmp_unit),
            (Kind::Responsibility, Some(2023), tmp_unit),
            (Kind::Plan, Some(2016), "海拉尔区人民政府"),
            (Kind::Report, Some(2016), "海拉尔区人民政府"),
        ]
    );
}

fn normalised_text(path: &std::path::Path) -> Vec<String> {
    load_docs(path).into_iter().map(|d| d.text).collect()
}

#[test]
fn gbk_and_docx_copies_give_the_same_normalised_text() {
    let dir = tempfile::tempdir().unwrap();
    for prefix in ["000", "004"] {
        let src = seed(prefix);
        let utf8 = std::fs::read_to_string(&src).unwrap();
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&utf8);
        assert!(!unmappable);
        let gbk_path = dir.path().join(format!("{prefix}-gbk.txt"));
        std::fs::write(&gbk_path, &gbk).unwrap();
        let lines: Vec<&str> = utf8.lines().collect();
        let docx_path = dir.path().join(format!("{prefix}.docx"));
        std::fs::write(&docx_path, make_docx(&lines)).unwrap();
        let original = normalised_text(&src);
        assert_eq!(
            normalised_text(&gbk_path),
            original,
            "GB18030 copy of {prefix}"
        );
        assert_eq!(
            normalised_text(&docx_path),
            original,
            "docx copy of {prefix}"
        );
        let docs = load_docs(&gbk_path);
        assert_eq!(docs[0].encoding, "gb18030");
    }
}

#[test]
fn residue_markers_are_gone_and_normalising_joins_nothing_in_shipped_texts() {
    let mut files: Vec<PathBuf> = seeds();
    files.extend(pair_texts());
    for f in files {
        let raw = std::fs::read_to_string(&f).unwrap();
        let docs = load_docs(&f);
        let mut paragraphs = 0;
        for d in &docs {
            assert!(!d.text.contains("##"), "{} keeps residue", f.display());
            assert!(
                !d.text.contains('\u{3000}'.to_string().as_str())
                    || d.text.lines().all(|l| !l.starts_with('\u{3000}'))
            );
            paragraphs += d.paragraphs.len();
            for p in &d.paragraphs {
                let line = raw.lines().nth(p.source_line - 1).unwrap();
                let cleaned = luoshi::normalize::clean_line(line);
                assert_eq!(
                    p.span.of(&d.text),
                    cleaned,
                    "{}:{} was joined",
                    f.display(),
                    p.source_line
                );
            }
        }
        let nonblank = raw
            .lines()
            .map(luoshi::normalize::clean_line)
            .filter(|l| !l.is_empty())
            .count();
        // 004 drops its container header ("…清单及领导责任清单", "(2篇)") and the （-） separator.
        let dropped = if f.to_str().unwrap().contains("004_") {
            3
        } else {
            0
        };
        assert_eq!(paragraphs + dropped, nonblank, "{}", f.display());
    }
}

#[test]
fn bad_files_get_clear_errors_and_the_others_still_load() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(seed("001"), d.join("good.txt")).unwrap();
    std::fs::write(
        d.join("corrupt.docx"),
        b"PK\x03\x04 this is not really a zip",
    )
    .unwrap();
    std::fs::write(d.join("notzip.docx"), "纯文本，不是docx").unwrap();
    std::fs::write(
        d.join("binary.bin"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 4, 5, 0, 0],
    )
    .unwrap();
    std::fs::write(d.join("empty.txt"), b"").unwrap();
    std::fs::write(
        d.join("invalid.txt"),
        [0xFFu8, 0xFE, 0xFD, 0x80, 0x81, 0xFF, 0xC0, 0x80, 0xFF, 0xFF],
    )
    .unwrap();
    std::fs::write(
        d.join("old.doc"),
        [0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
    )
    .unwrap();
    let o = luoshi(d, &["ingest", ".", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.contains("good.txt"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    let err = stderr(&o);
    for (file, reason) in [
        ("corrupt.docx", "not a docx (zip) file"),
        ("notzip.docx", "not a docx (zip) file"),
        ("binary.bin", "binary"),
        ("empty.txt", "empty file"),
        ("invalid.txt", "invalid"),
        ("old.doc", ".doc"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no error for {file}:\n{err}"));
        assert!(line.starts_with("error: "), "{line}");
        assert!(line.contains(reason), "{file}: {line}");
    }
    assert!(!err.contains("panicked"));
}

#[test]
fn usage_errors_exit_one_and_help_exits_zero() {
    assert_eq!(
        luoshi(&root(), &["ingest", "--nope", "x"]).status.code(),
        Some(1)
    );
    assert_eq!(luoshi(&root(), &["ingest"]).status.code(), Some(1));
    assert_eq!(luoshi(&root(), &["--help"]).status.code(), Some(0));
    assert_eq!(luoshi(&root(), &["--version"]).status.code(), Some(0));
}
