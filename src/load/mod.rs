//! Stage 1: files and folders to documents — walking, decoding, manifests, metadata, splitting.
//!
//! The only module that reads input bytes.

pub mod decode;
pub mod docx;
pub mod manifest;
pub mod split;
pub mod walk;

pub use walk::{is_document_name, name_text, walk, Walked};

use crate::doc::{Doc, Kind, Meta, Paragraph, Span};
use crate::error::{Error, Result};
use crate::normalize::{self, Normalized};
use crate::outline::marker;
use manifest::ManifestCache;
use regex::Regex;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Everything a command was given, walked: documents found and inputs that failed.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Doc>,
    pub errors: Vec<Error>,
    /// What was guessed or skipped on the way (`<path>: <what>`), for `warning:` lines.
    pub warnings: Vec<String>,
}

/// Loads every document below `paths`; one bad file never stops the others.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let Walked {
        files,
        mut errors,
        warnings,
    } = walk(paths, &[]);
    let manifests = ManifestCache::default();
    let mut docs = Vec::new();
    for f in &files {
        match load_file(f, &manifests) {
            Ok(mut d) => docs.append(&mut d),
            Err(e) => errors.push(e),
        }
    }
    Loaded {
        docs,
        errors,
        warnings,
    }
}

/// The largest input file read (text or .docx): bigger files are refused, not read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The most characters one file's text may hold (about 100 times the longest real report):
/// segmenting a longer text costs gigabytes, so it is refused as too large.
pub const MAX_DOC_CHARS: usize = 5_000_000;

/// Reads the bytes of a file (or stdin for `-`), refusing more than `MAX_FILE_BYTES`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::new();
    let read = if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::input(path, format!("cannot read standard input ({e})")))
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut buf))
            .map_err(|e| Error::input(path, format!("cannot read file ({})", io_reason(&e))))
    };
    read?;
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::input(
            path,
            format!(
                "too large: more than {} MiB",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(buf)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Content hash used by caches and the incremental index.
pub fn content_hash(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

/// Decodes bytes by format: .docx by its zip structure, everything else as text.
pub fn decode_bytes(path: &Path, bytes: &[u8]) -> Result<decode::Decoded> {
    let is_docx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if is_docx {
        if bytes.is_empty() {
            return Err(Error::input(path, "empty file"));
        }
        let text = docx::docx_text(bytes).map_err(|r| Error::input(path, r))?;
        return Ok(decode::Decoded {
            text,
            encoding: "docx",
        });
    }
    decode::decode_text(bytes).map_err(|r| Error::input(path, r))
}

/// Loads one file into its documents (two when the file holds two).
pub fn load_file(path: &Path, manifests: &ManifestCache) -> Result<Vec<Doc>> {
    let bytes = read_bytes(path)?;
    load_bytes(path, &bytes, manifests)
}

/// Loads documents from bytes already in memory, named by `path` (embedded texts, synthetic data).
pub fn load_bytes(path: &Path, bytes: &[u8], manifests: &ManifestCache) -> Result<Vec<Doc>> {
    let decoded = decode_bytes(path, bytes)?;
    // Cheap test first: a text of fewer bytes than the limit cannot hold more characters.
    if decoded.text.len() > MAX_DOC_CHARS && decoded.text.chars().count() > MAX_DOC_CHARS {
        return Err(Error::input(
            path,
            format!("too large: more than {MAX_DOC_CHARS} characters of text"),
        ));
    }
    let hash = content_hash(bytes);
    let normalized = normalize::normalize(&decoded.text);
    if normalized.paragraphs.is_empty() {
        return Err(Error::input(
            path,
            "empty file (no text after normalisation)",
        ));
    }
    let row = manifests.lookup(path);
    let ranges = split::split_documents(&normalized);
    let several = ranges.len() > 1;
    let mut docs = Vec::new();
    for (index, range) in ranges.into_iter().enumerate() {
        let (text, paragraphs) = slice_paragraphs(&normalized, range);
        let first = paragraphs.first().map(|p| p.span.of(&text)).unwrap_or("");
        let title_paragraph = split::is_title_line(first).then_some(0);
        let own_title = title_paragraph.map(|_| strip_marker(first).to_string());
        let m = row.as_ref();
        // A file of several documents takes kind and title from each document's own title line.
        let title = match (m.and_then(|r| r.title.clone()), &own_title) {
            (Some(t), _) if !several => t,
            (_, Some(t)) => t.clone(),
            (Some(t), None) => t,
            (None, None) => file_stem(path),
        };
        let kind = m
            .and_then(|r| if several { None } else { r.kind })
            .or_else(|| kind_from_title(&title))
            .or_else(|| kind_from_file_name(path))
            .unwrap_or(Kind::Plan);
        let year = m
            .and_then(|r| r.year)
            .or_else(|| year_in(&title))
            .or_else(|| year_in_path(path));
        let unit = m
            .and_then(|r| r.unit.clone())
            .unwrap_or_else(|| unit_from_path(path));
        docs.push(Doc {
            path: path.to_path_buf(),
            index,
            meta: Meta {
                unit,
                year,
                kind,
                title,
            },
            encoding: decoded.encoding.to_string(),
            text,
            paragraphs,
            title_paragraph,
            hash: hash.clone(),
        });
    }
    Ok(docs)
}

/// One document's text and paragraphs cut out of a normalised file (its paragraphs `range`), joined
/// by newlines with spans rebased: how the loader, and tests building documents, make a `Doc`.
pub fn slice_paragraphs(n: &Normalized, range: std::ops::Range<usize>) -> (String, Vec<Paragraph>) {
    let mut text = String::new();
    let mut paragraphs = Vec::new();
    for p in &n.paragraphs[range] {
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        text.push_str(p.span.of(&n.text));
        paragraphs.push(Paragraph {
            span: Span::new(start, text.len()),
            ..p.clone()
        });
    }
    (text, paragraphs)
}

fn strip_marker(line: &str) -> &str {
    match marker::line_marker(line) {
        Some(m) => &line[m.len..],
        None => line,
    }
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| name_text(s).0.into_owned())
        .unwrap_or_default()
}

/// Kind from the words of a title (清单 → task list or responsibility list; 报告/汇报/总结 → report; 计划/要点/方案 → plan).
pub fn kind_from_title(title: &str) -> Option<Kind> {
    if title.contains("清单") {
        return Some(
            if title.contains("责任清单") || title.ends_with("责任清单") {
                Kind::Responsibility
            } else {
                Kind::Tasklist
            },
        );
    }
    if ["汇报", "总结", "回顾", "情况报告", "述职"]
        .iter()
        .any(|w| title.contains(w))
    {
        return Some(Kind::Report);
    }
    if [
        "计划",
        "要点",
        "方案",
        "安排",
        "部署",
        "重点工作",
        "主要任务",
    ]
    .iter()
    .any(|w| title.contains(w))
    {
        return Some(Kind::Plan);
    }
    if title.contains("报告") {
        return Some(Kind::Report);
    }
    None
}

/// Kind from a file name such as plan.txt, report.docx or 工作总结.txt.
pub fn kind_from_file_name(path: &Path) -> Option<Kind> {
    let stem = file_stem(path).to_lowercase();
    if stem.contains("report") || stem.contains("review") {
        return Some(Kind::Report);
    }
    if stem.contains("tasklist") || stem.contains("tasks") {
        return Some(Kind::Tasklist);
    }
    if stem.contains("responsib") {
        return Some(Kind::Responsibility);
    }
    if stem.contains("plan") {
        return Some(Kind::Plan);
    }
    kind_from_title(&stem)
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d\d)\s*年").expect("year regex"));
static YEAR_DIR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)(?:年)?$").expect("year dir regex"));

/// The first year named in a text (2023年).
pub fn year_in(text: &str) -> Option<i32> {
    YEAR.captures(text)?.get(1)?.as_str().parse().ok()
}

fn year_in_path(path: &Path) -> Option<i32> {
    path.components().rev().find_map(|c| {
        let s = name_text(c.as_os_str()).0;
        YEAR_DIR
            .captures(&s)
            .and_then(|c| c[1].parse().ok())
            .or_else(|| year_in(&s))
    })
}

/// The unit is the nearest folder that is not a year folder.
fn unit_from_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // A name that is not UTF-8 is read as GB18030 (the walk warns), never skipped for the
    // parent folder: that would merge two units.
    abs.parent()
        .into_iter()
        .flat_map(|p| p.ancestors())
        .filter_map(|a| a.file_name().map(|n| name_text(n).0.into_owned()))
        .find(|n| !YEAR_DIR.is_match(n) && !n.is_empty() && n != ".")
        .unwrap_or_else(|| "未注明单位".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_titles() {
        assert_eq!(
            kind_from_title("2023年全面从严治党和党风廉政建设工作计划"),
            Some(Kind::Plan)
        );
        assert_eq!(
            kind_from_title("2023年度落实全面从严治党重点任务清单"),
            Some(Kind::Tasklist)
        );
        assert_eq!(
            kind_from_title("2023年履行全面从严治党重要领导责任清单"),
            Some(Kind::Responsibility)
        );
        assert_eq!(
            kind_from_title("2023年全面从严治党工作情况汇报"),
            Some(Kind::Report)
        );
        assert_eq!(
            kind_from_title("2022年党组贯彻落实党风廉政建设责任制情况报告"),
            Some(Kind::Report)
        );
        assert_eq!(kind_from_title("2013年工作安排"), Some(Kind::Plan));
        assert_eq!(kind_from_title("2013年工作回顾"), Some(Kind::Report));
    }

    #[test]
    fn metadata_from_paths() {
        let p = Path::new("corpus/民政局/2023/plan.txt");
        assert_eq!(unit_from_path(p), "民政局");
        assert_eq!(year_in_path(p), Some(2023));
        assert_eq!(kind_from_file_name(p), Some(Kind::Plan));
        assert_eq!(year_in("２０２３年"), None);
        assert_eq!(year_in("2009年工作回顾"), Some(2009));
    }
}
