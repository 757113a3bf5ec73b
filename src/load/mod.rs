//! Stage 1: files and folders to documents — walking, decoding, manifests, metadata, splitting.
//!
//! The only module that reads input bytes.

pub mod decode;
pub mod docx;
pub mod fold;
pub mod manifest;
pub mod meta;
pub mod ofd;
pub mod pdf;
pub mod split;
pub mod walk;
pub mod word97;
pub mod xlsx;

pub use meta::{kind_from_file_name, kind_from_title, year_in, UNKNOWN_UNIT};
pub use walk::{is_document_name, name_text, walk, Walked};

use crate::doc::{Doc, Meta, Paragraph, Span};
use crate::error::{Error, Result, Warning};
use crate::normalize::{self, Normalized};
use crate::outline::marker;
use manifest::ManifestCache;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Everything a command was given, walked: documents found and inputs that failed.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Doc>,
    pub errors: Vec<Error>,
    /// What was guessed or skipped on the way, for `warning:` lines and warnings.csv.
    pub warnings: Vec<Warning>,
}

/// Loads every document below `paths`; one bad file never stops the others.
pub fn load_paths(paths: &[PathBuf]) -> Loaded {
    let Walked {
        files,
        mut errors,
        mut warnings,
    } = walk(paths, &[]);
    let manifests = ManifestCache::default();
    let mut docs = Vec::new();
    for f in &files {
        match load_file(f, &manifests) {
            Ok(mut d) => docs.append(&mut d),
            Err(e) => errors.push(e),
        }
    }
    warnings.extend(manifests.take_warnings());
    warnings.extend(docs.iter().flat_map(meta::doc_warnings));
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

/// Reads the text out of one binary format (bytes and file stem), or says why it cannot.
type FormatReader = fn(&[u8], &str) -> std::result::Result<String, String>;

/// Decodes bytes by format (.docx, .xlsx, .ofd, .pdf, .doc/.wps by their extension), everything
/// else as text.
pub fn decode_bytes(path: &Path, bytes: &[u8]) -> Result<decode::Decoded> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let reader: Option<(FormatReader, &str)> = match ext.as_str() {
        "docx" => Some((|b, _| docx::docx_text(b), "docx")),
        "xlsx" => Some((xlsx::xlsx_text, "xlsx")),
        "ofd" => Some((ofd::ofd_text, "ofd")),
        "pdf" => Some((pdf::pdf_text, "pdf")),
        "doc" | "wps" => Some((word97::doc_text, "doc")),
        _ => None,
    };
    match reader {
        Some((read, encoding)) => {
            if bytes.is_empty() {
                return Err(Error::input(path, "empty file"));
            }
            let text = read(bytes, &meta::file_stem(path)).map_err(|r| Error::input(path, r))?;
            Ok(decode::Decoded { text, encoding })
        }
        None => decode::decode_text(bytes).map_err(|r| Error::input(path, r)),
    }
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
    let mut normalized = normalize::normalize(&decoded.text);
    // Traditional text is read folded to Simplified; the original keeps the same byte offsets.
    let original = fold::fold(&normalized.text).map(|f| std::mem::replace(&mut normalized.text, f));
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
        let original = original.as_ref().map(|o| {
            let mut paragraphs = Vec::new();
            for p in &normalized.paragraphs[range.clone()] {
                paragraphs.push(p.span.of(o));
            }
            paragraphs.join("\n")
        });
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
            (None, None) => meta::file_stem(path),
        };
        let tail: Vec<&str> = paragraphs
            .iter()
            .rev()
            .take(4)
            .rev()
            .map(|p| p.span.of(&text))
            .collect();
        let body = paragraphs
            .get(usize::from(title_paragraph.is_some()))
            .map_or("", |p| &text[p.span.start..]);
        let found = meta::infer(path, m, several, &title, body, &tail);
        docs.push(Doc {
            path: path.to_path_buf(),
            index,
            meta: Meta {
                unit: found.unit,
                year: found.year,
                kind: found.kind,
                title,
                sources: found.sources,
            },
            encoding: decoded.encoding.to_string(),
            original,
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
