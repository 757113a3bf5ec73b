//! Stage 5: what a document states — plan tasks with commitments and targets, report roles,
//! figures and placeholders. Knows nothing of tantivy.

pub mod passage;
pub mod period;
pub mod plan;
pub mod report;
pub mod role;
pub mod sentence;
pub mod target;

use crate::doc::Span;
use serde::{Deserialize, Serialize};

pub use role::Role;

/// How a target compares, spelled `>=`, `<=`, `=` in JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = "=")]
    Exactly,
}

impl Comparator {
    /// The JSON/CSV spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::AtLeast => ">=",
            Comparator::AtMost => "<=",
            Comparator::Exactly => "=",
        }
    }
}

/// A quantitative promise: `{period, comparator, value, unit, action, span}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Normalised period: 每月, 每季度, 每半年, 每年, 全年, 年内, 七一前后 …
    pub period: String,
    pub comparator: Comparator,
    pub value: f64,
    pub unit: String,
    /// What is counted (学习, 研讨, 谈心谈话, 警示教育 …).
    pub action: String,
    /// The verbatim clause the target was read from.
    pub span: Span,
}

/// A figure a report states (专题研究…2次, 廉政谈话60余人次).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub value: f64,
    pub unit: String,
    /// 余/近/多/约: the figure is approximate.
    pub approx: bool,
    /// The action the figure counts, read from the words before it.
    pub action: String,
    pub span: Span,
    pub role: Role,
}

/// Whether a placeholder stands for a missing number (多少次, *次) or missing text (什么).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceholderKind {
    Number,
    Text,
}

/// An unfilled template field: the unit never wrote the figure or the words in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placeholder {
    pub kind: PlaceholderKind,
    pub span: Span,
    pub role: Role,
}

/// A name the source masked (*****党组, 党的XX大, 区XX局): not a gap, listed once per occurrence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MaskedName {
    pub span: Span,
}
