//! The passages a document is cut into for search and evidence: one per outline node, with its
//! section title and (for reports) its role. Lives above both the outline and role detection,
//! which it joins.

use super::role::{self, Role};
use crate::doc::{Doc, Kind, Span};
use crate::outline::{parse, Outline};

/// A unit of search and evidence: one outline node's paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Outline path such as `二、/（一）/1.`.
    pub path: String,
    /// Title of the innermost numbered section holding the passage.
    pub section_title: String,
    /// Report role; `None` for plans.
    pub role: Option<Role>,
    /// Byte range in `Doc.text`.
    pub span: Span,
}

/// The passages of a document in order (the title line is not a passage).
pub fn passages(doc: &Doc) -> Vec<Passage> {
    let outline = parse(doc);
    passages_of(doc, &outline)
}

/// Passages from an outline already parsed, so callers that have one do not parse twice.
pub fn passages_of(doc: &Doc, outline: &Outline) -> Vec<Passage> {
    let roles = (doc.meta.kind == Kind::Report).then(|| role::paragraph_roles(doc));
    outline
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| Passage {
            path: n.path.clone(),
            section_title: outline
                .numbered_ancestor(i)
                .map(|a| outline.nodes[a].title.clone())
                .unwrap_or_default(),
            role: roles.as_ref().and_then(|r| r.get(n.paragraph).copied()),
            span: n.span,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::tests::doc_of;

    #[test]
    fn passages_carry_paths_and_section_titles() {
        let d = doc_of("工作计划\n一、主要任务\n（1）旗帜鲜明讲政治。要坚持。\n");
        let ps = passages(&d);
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[1].path, "一、/（1）");
        assert_eq!(ps[1].section_title, "旗帜鲜明讲政治");
        assert_eq!(ps[1].role, None);
    }
}
