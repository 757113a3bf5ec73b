//! Stage 4: the outline tree of a 公文 from its numbering markers, and the passages it cuts a document into.

pub mod marker;

use crate::doc::{Doc, Kind, Span};
use crate::extract::role::{self, Role};

/// A unit of search and evidence: one outline leaf (or paragraph where there is no outline).
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Outline path such as `二、/（一）/1.`; empty for unnumbered text.
    pub path: String,
    /// Title of the innermost numbered section holding the passage.
    pub section_title: String,
    /// Report role; `None` for plans.
    pub role: Option<Role>,
    /// Byte range in `Doc.text`.
    pub span: Span,
}

/// The passages of a document in order.
///
/// STUB: one passage per paragraph; the outline work replaces this with outline leaves.
pub fn passages(doc: &Doc) -> Vec<Passage> {
    let roles = (doc.meta.kind == Kind::Report).then(|| role::paragraph_roles(doc));
    doc.paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != doc.title_paragraph)
        .map(|(i, p)| Passage {
            path: String::new(),
            section_title: String::new(),
            role: roles.as_ref().map(|r| r[i]),
            span: p.span,
        })
        .collect()
}
