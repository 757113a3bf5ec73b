//! Stage 4: the outline tree of a 公文 from its numbering markers, and the passages it cuts a document into.
//!
//! Never fails: any text gives an outline (perhaps of plain paragraphs only).

pub mod marker;

use crate::doc::{Doc, Kind, Span};
use crate::extract::role::{self, Role};
use marker::Style;

/// One paragraph of the document placed in the tree: a numbered item, or a plain paragraph under one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The numbering marker as written (`（一）`, `第一，`); empty for a plain paragraph.
    pub marker: String,
    pub style: Option<Style>,
    /// 1-based depth in the tree.
    pub level: usize,
    /// Outline path such as `二、/（一）/1./（1）`; a plain paragraph adds `¶n` (its position under its parent).
    pub path: String,
    /// Text up to the first 。 (or the whole of a short heading), without the marker.
    pub title: String,
    /// The whole paragraph, marker included.
    pub span: Span,
    /// The paragraph after its marker.
    pub body: Span,
    /// Index of the paragraph in `Doc.paragraphs`.
    pub paragraph: usize,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

impl Node {
    /// Whether this node carries a numbering marker.
    pub fn is_numbered(&self) -> bool {
        self.style.is_some()
    }
}

/// The tree of a document, as an arena in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub nodes: Vec<Node>,
}

impl Outline {
    /// Nodes without a parent, in order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].parent.is_none())
    }

    /// Whether any child of `i` is numbered.
    pub fn has_numbered_children(&self, i: usize) -> bool {
        self.nodes[i]
            .children
            .iter()
            .any(|&c| self.nodes[c].is_numbered())
    }

    /// The nearest numbered node at or above `i`.
    pub fn numbered_ancestor(&self, mut i: usize) -> Option<usize> {
        loop {
            if self.nodes[i].is_numbered() {
                return Some(i);
            }
            i = self.nodes[i].parent?;
        }
    }
}

/// An item's title: its text up to the first 。 (or the whole of a short heading).
pub fn title_of(body: &str) -> String {
    let end = body.find('。').unwrap_or(body.len());
    body[..end].trim().to_string()
}

/// Parses the outline of a document. Work is linear in the number of paragraphs times the depth.
pub fn parse(doc: &Doc) -> Outline {
    let mut nodes: Vec<Node> = Vec::new();
    // Levels by order of first appearance of each style.
    let mut style_levels: Vec<Style> = Vec::new();
    // Stack of numbered node indices.
    let mut stack: Vec<usize> = Vec::new();
    // Plain paragraphs so far under each node (and at the root), numbering the next one ¶n.
    let mut plain_under: Vec<usize> = Vec::new();
    let mut plain_at_root = 0;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        if Some(pi) == doc.title_paragraph {
            continue;
        }
        let line = p.span.of(&doc.text);
        let node = match marker::line_marker(line) {
            Some(m) => {
                let level = match style_levels.iter().position(|s| *s == m.style) {
                    Some(l) => l + 1,
                    None => {
                        style_levels.push(m.style);
                        style_levels.len()
                    }
                };
                while let Some(&top) = stack.last() {
                    if nodes[top].level >= level {
                        stack.pop();
                    } else {
                        break;
                    }
                }
                let parent = stack.last().copied();
                let path = match parent {
                    Some(pp) => format!("{}/{}", nodes[pp].path, m.text),
                    None => m.text.clone(),
                };
                let body = Span::new(p.span.start + m.len, p.span.end);
                Node {
                    marker: m.text,
                    style: Some(m.style),
                    level,
                    path,
                    title: title_of(body.of(&doc.text)),
                    span: p.span,
                    body,
                    paragraph: pi,
                    parent,
                    children: Vec::new(),
                }
            }
            None => {
                let parent = stack.last().copied();
                let count = match parent {
                    Some(par) => &mut plain_under[par],
                    None => &mut plain_at_root,
                };
                *count += 1;
                let position = *count;
                let path = match parent {
                    Some(par) => format!("{}/¶{position}", nodes[par].path),
                    None => format!("¶{position}"),
                };
                Node {
                    marker: String::new(),
                    style: None,
                    level: parent.map_or(1, |par| nodes[par].level + 1),
                    path,
                    title: title_of(line),
                    span: p.span,
                    body: p.span,
                    paragraph: pi,
                    parent,
                    children: Vec::new(),
                }
            }
        };
        let idx = nodes.len();
        if let Some(par) = node.parent {
            nodes[par].children.push(idx);
        }
        // Only numbered items open a level that later paragraphs can sit under.
        if node.is_numbered() {
            stack.push(idx);
        }
        nodes.push(node);
        plain_under.push(0);
    }
    Outline { nodes }
}

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
mod tests;
