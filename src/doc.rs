//! Plain data shared by every stage: one normalised document and its metadata.

use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// What a document is, because plans are checked against reports and not the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Plan,
    Tasklist,
    Responsibility,
    Report,
}

impl Kind {
    /// The spelling used in JSON, CSV and manifests.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Plan => "plan",
            Kind::Tasklist => "tasklist",
            Kind::Responsibility => "responsibility",
            Kind::Report => "report",
        }
    }

    /// Parses the manifest / command-line spelling.
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "plan" => Some(Kind::Plan),
            "tasklist" => Some(Kind::Tasklist),
            "responsibility" => Some(Kind::Responsibility),
            "report" => Some(Kind::Report),
            _ => None,
        }
    }

    /// Plans, task lists and responsibility lists all promise work a report should show.
    pub fn is_plan_like(self) -> bool {
        !matches!(self, Kind::Report)
    }
}

/// A byte range into `Doc::text`; every stage points into the same text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The text the span covers.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// The span's offsets within a piece of text that starts at byte `base` of the same document
    /// (a commitment's text, whose targets keep document offsets).
    pub fn within(&self, base: usize) -> (usize, usize) {
        (
            self.start.saturating_sub(base),
            self.end.saturating_sub(base),
        )
    }

    /// Whether `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// One paragraph of the normalised text and where it came from in the source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// Byte range in `Doc::text`.
    pub span: Span,
    /// 1-based line in the decoded source file, so a quote can be found in the original.
    pub source_line: usize,
    /// Byte offset of that line in the decoded source text.
    pub source_offset: usize,
}

/// Who, when and what: the metadata every filter and pairing uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub unit: String,
    pub year: Option<i32>,
    pub kind: Kind,
    pub title: String,
    /// Where unit, year and kind came from, so `ingest` can show it and guesses can be warned about.
    #[serde(skip)]
    pub sources: Sources,
}

/// Where one metadata field was found, in the order the loader looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// A manifest.csv row.
    Manifest,
    /// The folders: `<unit>/<year>/`, or for the unit the nearest folder when nothing else says.
    Folder,
    /// The file name (`民政局2023年工作要点.docx`).
    FileName,
    /// The document's title line.
    Title,
    /// The 落款 at the end: the signing unit and the date.
    Signature,
    /// The wording of the body (kind only): review phrases (一年来, 同比, 开展了) against plan
    /// phrases (力争, 确保, 要加强).
    Wording,
    /// Nothing said it: a default (未注明单位, no year, plan).
    #[default]
    Default,
}

impl Source {
    /// The spelling `ingest` shows.
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Manifest => "manifest",
            Source::Folder => "folder",
            Source::FileName => "file_name",
            Source::Title => "title",
            Source::Signature => "signature",
            Source::Wording => "wording",
            Source::Default => "default",
        }
    }
}

/// The source of each metadata field of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Sources {
    pub unit: Source,
    pub year: Source,
    pub kind: Source,
}

/// One normalised document: the unit every later stage works on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Doc {
    /// Source file.
    pub path: PathBuf,
    /// Position of this document within its file (0 unless the file holds several).
    pub index: usize,
    pub meta: Meta,
    /// Encoding the source was decoded from (`UTF-8`, `GB18030`, `UTF-16LE`, `docx`).
    pub encoding: String,
    /// Normalised text: paragraphs joined by `\n` (folded to Simplified when the file is Traditional).
    pub text: String,
    /// The normalised text in the file's own characters when `text` was folded from Traditional
    /// (`load::fold`): same byte offsets, so every span reads the original for quotes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    pub paragraphs: Vec<Paragraph>,
    /// Index of the paragraph that is the title line, if the document has one.
    pub title_paragraph: Option<usize>,
    /// Content hash of the source file, for caches and incremental indexing.
    pub hash: String,
}

impl Doc {
    /// A stable id: the path, plus `#n` for the second and later documents of a file.
    pub fn id(&self) -> String {
        if self.index == 0 {
            self.path.display().to_string()
        } else {
            format!("{}#{}", self.path.display(), self.index)
        }
    }

    /// Number of characters (Unicode scalar values) of the normalised text.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }

    /// Text of paragraph `i`.
    pub fn paragraph_text(&self, i: usize) -> &str {
        self.paragraphs[i].span.of(&self.text)
    }
}

/// Converts byte offsets to character offsets, which is what JSON consumers index by.
pub fn char_offset(text: &str, byte: usize) -> usize {
    let b = byte.min(text.len());
    text[..b].chars().count()
}

/// Byte → character offset conversion for one text, in O(log n) per lookup.
#[derive(Debug, Clone)]
pub struct CharMap {
    starts: Vec<usize>,
}

impl CharMap {
    /// Indexes the character boundaries of `text`.
    pub fn new(text: &str) -> CharMap {
        CharMap {
            starts: text.char_indices().map(|(i, _)| i).collect(),
        }
    }

    /// The character offset of byte offset `byte` (the end of the text maps to the character count).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) | Err(i) => i,
        }
    }
}
