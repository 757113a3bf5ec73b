//! Shared helpers for the integration tests: paths to the corpus and ../shared, running the binary.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub mod gap;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// ../shared beside the checkout.
pub fn shared() -> PathBuf {
    root().join("../shared")
}

/// One of the five seed files, by its three-digit prefix.
pub fn seed(prefix: &str) -> PathBuf {
    first_with_prefix(&shared().join("seeds"), prefix)
}

/// The first file (in name order) of `dir` whose name starts with `prefix`.
pub fn first_with_prefix(dir: &Path, prefix: &str) -> PathBuf {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
        .into_iter()
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix}* in {}", dir.display()))
}

/// The documents of one file, loaded as every command loads them.
pub fn load_docs(path: &Path) -> Vec<luoshi::Doc> {
    luoshi::load::load_file(path, &luoshi::load::manifest::ManifestCache::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The rows of a gold table in ../shared/gold (header skipped), split at tabs.
pub fn gold_tsv(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(shared().join("gold").join(name)).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Every file below `dir`, in path order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// Every seed file, sorted.
pub fn seeds() -> Vec<PathBuf> {
    ["000", "001", "002", "003", "004"]
        .iter()
        .map(|p| seed(p))
        .collect()
}

/// Every pair text (plan.txt and report.txt of the seven pairs), sorted.
pub fn pair_texts() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(shared().join("pairs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for d in dirs {
        out.push(d.join("plan.txt"));
        out.push(d.join("report.txt"));
    }
    out
}

/// Runs the luoshi binary with `args` in `dir`.
pub fn luoshi(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_luoshi"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run luoshi")
}

/// Stdout as a string.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Stderr as a string.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A minimal .docx whose word/document.xml body is `body`.
fn docx_of(body: &str) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default();
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#).unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        z.write_all(
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
            )
            .as_bytes(),
        )
        .unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// Text escaped for XML.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Builds a minimal .docx holding `paragraphs`, as Word would store them.
pub fn make_docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut body = String::new();
    for p in paragraphs {
        // Split each paragraph into two runs, as Word often does.
        let mid = p
            .char_indices()
            .nth(p.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        body.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:t>{}</w:t></w:r></w:p>",
            xml_escape(&p[..mid]),
            xml_escape(&p[mid..])
        ));
    }
    docx_of(&body)
}

/// Builds a minimal .docx holding `paragraphs` and then a table of `rows` (the first its header),
/// each cell one paragraph, as Word stores a 责任清单.
pub fn make_docx_with_table(paragraphs: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut body = String::new();
    for p in paragraphs {
        body.push_str(&format!(
            "<w:p><w:r><w:t>{}</w:t></w:r></w:p>",
            xml_escape(p)
        ));
    }
    body.push_str("<w:tbl><w:tblPr/>");
    for row in rows {
        body.push_str("<w:tr>");
        for cell in row {
            body.push_str(&format!(
                "<w:tc><w:tcPr/><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
                xml_escape(cell)
            ));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl><w:p/>");
    docx_of(&body)
}

/// Copies a folder tree, so tests can change a department without touching corpus/.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// The Hailar 2018 plan and report, the corpus's smallest compared pair.
pub fn pair_texts_2018() -> (String, String) {
    let dir = root().join("corpus/海拉尔区人民政府/2018");
    (
        std::fs::read_to_string(dir.join("plan.txt")).unwrap(),
        std::fs::read_to_string(dir.join("report.txt")).unwrap(),
    )
}

/// Writes the 2018 pair as unit `unit` of department `dept`.
pub fn add_unit(dept: &Path, unit: &str) -> PathBuf {
    let (plan, report) = pair_texts_2018();
    let dir = dept.join(unit).join("2018");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan.txt"), plan).unwrap();
    std::fs::write(dir.join("report.txt"), report).unwrap();
    dir
}

/// A .docx whose word/document.xml is `xml_bytes` long: real paragraphs repeated, compressed
/// about a thousandfold, as a zip bomb is.
pub fn docx_bomb(xml_bytes: usize) -> Vec<u8> {
    let (plan, _) = pair_texts_2018();
    let mut para = String::new();
    for line in plan.lines().filter(|l| !l.trim().is_empty()) {
        para.push_str(&format!("<w:p><w:r><w:t>{line}</w:t></w:r></w:p>"));
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    use std::io::Write;
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

pub fn manifests() -> luoshi::load::manifest::ManifestCache {
    luoshi::load::manifest::ManifestCache::default()
}

/// Every output file of a batch run (the cache aside) with its bytes, to compare runs.
pub fn outputs(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .filter(|p| !p.strip_prefix(dir).unwrap().starts_with(".cache"))
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// Reads a CSV written to disk: checks the BOM, returns header and rows.
pub fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "{} has no UTF-8 BOM",
        path.display()
    );
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// Undoes `%XX` escapes (the links' percent-encoding).
pub fn percent_decode(s: &str) -> String {
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

/// `luoshi gap` on a plan and a report in `format`, with further arguments.
pub fn gap_of(
    plan: &std::path::Path,
    report: &std::path::Path,
    format: &str,
    extra: &[&str],
) -> std::process::Output {
    let mut args = vec![
        "gap",
        "--plan",
        plan.to_str().unwrap(),
        "--report",
        report.to_str().unwrap(),
        "--format",
        format,
    ];
    args.extend_from_slice(extra);
    luoshi(&root(), &args)
}
