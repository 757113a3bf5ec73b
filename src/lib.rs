//! luoshi (落实, "follow-through") reads Chinese Party-building and governance plans and reports and
//! tells what each plan promised, where the matching report shows it was done, and what has no
//! reported follow-through.
//!
//! The pipeline, one module per stage: [`load`] (files → decoded text, documents split) →
//! [`normalize`] (full-width folding, residue removal, paragraphs) → [`segment`] (jieba-rs with the
//! domain dictionaries) → [`outline`] (公文 numbering tree) → `extract` (tasks, commitments,
//! targets; report roles, figures, placeholders) → [`index`] (tantivy passages) and `align`
//! (report evidence per plan task, statuses) → [`report`] (table, JSON, CSV, Markdown, HTML, xlsx).
//! `batch` runs the same stages over a whole department in parallel.

pub mod doc;
pub mod error;
pub mod extract;
pub mod index;
pub mod load;
pub mod normalize;
pub mod outline;
pub mod report;
pub mod segment;

pub use doc::{Doc, Kind, Meta, Span};
pub use error::{Error, Result};
pub use segment::Segmenter;
