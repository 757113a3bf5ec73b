//! Report roles: which paragraphs are achievements (evidence), shortcomings, next steps or preamble.

use crate::doc::Doc;
use serde::{Deserialize, Serialize};

/// The part of a report a passage belongs to; only achievements are evidence that a task was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Achievement,
    Shortcoming,
    NextSteps,
    Preamble,
}

impl Role {
    /// The JSON/CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Achievement => "achievement",
            Role::Shortcoming => "shortcoming",
            Role::NextSteps => "next_steps",
            Role::Preamble => "preamble",
        }
    }
}

/// The role of every paragraph of a report, in order (same length as `doc.paragraphs`).
///
/// STUB: everything after the title is an achievement; the report-extraction work replaces this.
pub fn paragraph_roles(doc: &Doc) -> Vec<Role> {
    (0..doc.paragraphs.len())
        .map(|i| {
            if Some(i) == doc.title_paragraph {
                Role::Preamble
            } else {
                Role::Achievement
            }
        })
        .collect()
}
