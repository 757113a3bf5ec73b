//! What the department outputs know about one unit-year: its documents, counts, task rows and
//! rendered page. Made by `batch`, read by `report/`; it sits below both so the formats never
//! reach up into the pipeline.

use crate::load;
use crate::vocab::Counts;
use serde::{Deserialize, Serialize};

/// A task of one unit-year as the department tables list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskRow {
    pub id: String,
    pub path: String,
    pub title: String,
    pub status: String,
    pub score: f64,
    pub flags: String,
    pub quote: String,
    /// Extraction's keywords, for grouping tasks without follow-through across units.
    pub keywords: Vec<String>,
    /// Hash of the task's text, so a reviewer's verdict on other words shows as stale.
    #[serde(default)]
    pub text_hash: String,
    /// Deadlines the plan sets for the task (年底前, 6月底前), joined by `；`.
    #[serde(default)]
    pub deadline: String,
    /// Who the plan makes responsible (责任单位/责任人), joined by `；`.
    #[serde(default)]
    pub responsible: String,
}

/// Everything the outputs need about one unit-year; what the cache stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    pub unit: String,
    pub year: Option<i32>,
    pub status: String,
    pub plan_titles: Vec<String>,
    pub plan_paths: Vec<String>,
    pub report_title: Option<String>,
    pub report_path: Option<String>,
    /// Further reports of the same unit-year, listed but not compared.
    pub other_reports: Vec<String>,
    /// What was guessed about this unit-year's documents (plan and report look swapped).
    #[serde(default)]
    pub warnings: Vec<crate::error::Warning>,
    pub counts: Option<Counts>,
    pub tasks: Vec<TaskRow>,
    /// The unit page and its JSON, rendered once (kept raw in the cache, beside the rest).
    #[serde(skip)]
    pub html: String,
    #[serde(skip)]
    pub json: String,
}

/// The most bytes of a unit's name kept in its page's file name (file systems allow 255 per
/// name, and the temporary name adds a prefix and suffix).
const MAX_STEM_UNIT_BYTES: usize = 120;

impl UnitResult {
    /// The file stem of the unit's page: `<unit>-<year>`, safe on every file system. A name that
    /// had to be changed (characters replaced, or cut to `MAX_STEM_UNIT_BYTES`) gets a hash of
    /// the full name, so units that sanitise alike (`a<b`, `a>b`) keep pages of their own.
    pub fn page_stem(&self) -> String {
        let mut unit: String = self
            .unit
            .chars()
            .map(|c| {
                if c.is_control() || "/\\:*?\"<>|".contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        if unit.starts_with('.') || unit.is_empty() {
            unit.insert(0, '_');
        }
        if unit != self.unit || unit.len() > MAX_STEM_UNIT_BYTES {
            let mut cut = MAX_STEM_UNIT_BYTES.min(unit.len());
            while !unit.is_char_boundary(cut) {
                cut -= 1;
            }
            unit.truncate(cut);
            unit.push('-');
            unit.push_str(&load::content_hash(self.unit.as_bytes())[..8]);
        }
        let year = self
            .year
            .map_or("未注明年份".to_string(), |y| y.to_string());
        format!("{unit}-{year}")
    }
}
