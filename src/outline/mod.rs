//! Stage 4: the outline tree of a 公文 from its numbering markers.
//!
//! Never fails: any text gives an outline (perhaps of plain paragraphs only).

pub mod marker;

use crate::doc::{Doc, Span};
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
    /// First node of a closing appendix (附注, 名词解释): notes, not part of the plan's items.
    pub appendix: Option<usize>,
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
    let mut appendix = None;
    // A title that itself carries a heading marker (an excerpt starting at "二、…") ranks its
    // style first, so later "三、" headings are its siblings, not children of inline "第三，".
    if let Some(title) = doc.title_paragraph.and_then(|t| doc.paragraphs.get(t)) {
        if let Some(m) = marker::line_marker(title.span.of(&doc.text)) {
            style_levels.push(m.style);
        }
    }
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        if Some(pi) == doc.title_paragraph {
            continue;
        }
        let line = p.span.of(&doc.text);
        // A closing 附注 / 名词解释 starts a list of its own: its 1、2、 entries must not nest
        // under the last item (which would turn that item's paragraphs into headings).
        if appendix.is_none() && marker::is_appendix_heading(line) {
            appendix = Some(nodes.len());
            stack.clear();
        }
        let node = match marker::line_marker(line) {
            Some(m) => {
                let level = match style_levels.iter().position(|s| *s == m.style) {
                    Some(l) => l + 1,
                    // 一是 lists are the lowest level of a 公文: a heading style first met
                    // after one (a preamble's 一是…二是… lines, then （一）) still ranks above it.
                    None => {
                        let at = match style_levels.iter().position(|s| *s == Style::Shi) {
                            Some(shi) if m.style != Style::Shi => shi,
                            _ => style_levels.len(),
                        };
                        style_levels.insert(at, m.style);
                        at + 1
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
    Outline { nodes, appendix }
}

#[cfg(test)]
pub(crate) mod tests;
