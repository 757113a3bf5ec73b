//! Reviewers' confirmations and overrides, in `OUT/reviews.sqlite` beside the batch output.
//! Keyed by unit, year and task id; the task text's hash is kept so a review whose plan text
//! changed since is shown as stale instead of silently applying to other words.

use crate::error::{Error, Result};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// The review database's file name inside a batch output folder.
pub const FILE: &str = "reviews.sqlite";

/// Reviews by (unit, year, task id), as a batch run reads them to show beside the machine's statuses.
pub type ByTask = HashMap<(String, Option<i64>, String), Review>;

/// Every review in the database at `path`, keyed by task; nothing (and no file created) when there
/// is no database yet, and the error beside an empty map when it cannot be read, so a batch run
/// still writes its outputs.
pub fn current(path: &Path) -> (ByTask, Option<Error>) {
    if !path.is_file() {
        return (ByTask::new(), None);
    }
    match Store::open(path).and_then(|s| s.all()) {
        Ok(all) => (
            all.into_iter()
                .map(|r| ((r.unit.clone(), r.year, r.task_id.clone()), r))
                .collect(),
            None,
        ),
        Err(e) => (ByTask::new(), Some(e)),
    }
}

/// A stored review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub unit: String,
    pub year: Option<i64>,
    pub task_id: String,
    /// SHA-256 of the task text the reviewer saw.
    pub text_hash: String,
    pub task_text: String,
    /// The machine's status when the review was saved.
    pub machine_status: String,
    /// The reviewer's status: `done`, `partial` or `missing`.
    pub status: String,
    pub note: String,
    /// Seconds since the Unix epoch.
    pub updated: u64,
}

/// A review as shown beside a task: stale when the task's text is no longer what was reviewed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewView {
    pub status: String,
    pub machine_status: String,
    pub note: String,
    pub stale: bool,
    pub updated: u64,
}

impl Review {
    /// How this review applies to a task whose current text is `text`.
    pub fn view(&self, text: &str) -> ReviewView {
        ReviewView {
            status: self.status.clone(),
            machine_status: self.machine_status.clone(),
            note: self.note.clone(),
            stale: self.text_hash != text_hash(text),
            updated: self.updated,
        }
    }
}

/// What a reviewer submits (form fields or JSON); the task's text and machine status are looked
/// up on the server, never taken from the client.
#[derive(Debug, Clone, Deserialize)]
pub struct ReviewForm {
    pub unit: String,
    pub year: String,
    pub task_id: String,
    /// `confirm` (keep the machine's status), `done`, `partial` or `missing`.
    pub status: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub csrf: String,
}

/// SHA-256 of a task text, hex.
pub fn text_hash(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The review database; one connection behind a mutex (SQLite serialises writers anyway).
pub struct Store {
    conn: Mutex<Connection>,
}

fn db_err(path: &Path, e: rusqlite::Error) -> Error {
    Error::Input {
        path: path.to_path_buf(),
        reason: format!("review database: {e}"),
    }
}

fn sql_err(e: rusqlite::Error) -> Error {
    Error::Usage(format!("review database: {e}"))
}

const YEAR_NONE: i64 = 0;

impl Store {
    /// Opens (creating when missing) the review database.
    pub fn open(path: &Path) -> Result<Store> {
        let conn = Connection::open(path).map_err(|e| db_err(path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))
            .map_err(|e| db_err(path, e))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS reviews (
                unit TEXT NOT NULL, year INTEGER NOT NULL, task_id TEXT NOT NULL,
                text_hash TEXT NOT NULL, task_text TEXT NOT NULL, machine_status TEXT NOT NULL,
                status TEXT NOT NULL, note TEXT NOT NULL, updated INTEGER NOT NULL,
                PRIMARY KEY (unit, year, task_id));",
        )
        .map_err(|e| db_err(path, e))?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Saves (or replaces) the review of one task.
    pub fn save(&self, r: &Review) -> Result<()> {
        self.conn()
            .execute(
                "INSERT INTO reviews VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (unit, year, task_id) DO UPDATE SET text_hash = ?4, task_text = ?5,
                 machine_status = ?6, status = ?7, note = ?8, updated = ?9",
                params![
                    r.unit,
                    r.year.unwrap_or(YEAR_NONE),
                    r.task_id,
                    r.text_hash,
                    r.task_text,
                    r.machine_status,
                    r.status,
                    r.note,
                    r.updated as i64
                ],
            )
            .map_err(sql_err)?;
        Ok(())
    }

    fn query(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Review>> {
        let conn = self.conn();
        let mut st = conn.prepare(sql).map_err(sql_err)?;
        let rows = st
            .query_map(args, |row| {
                let year: i64 = row.get(1)?;
                let updated: i64 = row.get(8)?;
                Ok(Review {
                    unit: row.get(0)?,
                    year: (year != YEAR_NONE).then_some(year),
                    task_id: row.get(2)?,
                    text_hash: row.get(3)?,
                    task_text: row.get(4)?,
                    machine_status: row.get(5)?,
                    status: row.get(6)?,
                    note: row.get(7)?,
                    updated: updated.max(0) as u64,
                })
            })
            .map_err(sql_err)?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)
    }

    /// Every review, by unit, year and task id.
    pub fn all(&self) -> Result<Vec<Review>> {
        self.query("SELECT * FROM reviews ORDER BY unit, year, task_id", &[])
    }

    /// The reviews of one unit-year.
    pub fn for_unit(&self, unit: &str, year: Option<i64>) -> Result<Vec<Review>> {
        self.query(
            "SELECT * FROM reviews WHERE unit = ?1 AND year = ?2 ORDER BY task_id",
            &[&unit, &year.unwrap_or(YEAR_NONE)],
        )
    }

    /// The review of one task, if any.
    pub fn get(&self, unit: &str, year: Option<i64>, task_id: &str) -> Result<Option<Review>> {
        Ok(self
            .for_unit(unit, year)?
            .into_iter()
            .find(|r| r.task_id == task_id))
    }

    /// How many reviews each unit-year has.
    pub fn counts(&self) -> Result<HashMap<(String, Option<i64>), usize>> {
        let mut out = HashMap::new();
        for r in self.all()? {
            *out.entry((r.unit, r.year)).or_insert(0) += 1;
        }
        Ok(out)
    }
}

/// Labels as `luoshi eval` reads them in gold.csv.
pub fn gold_label(status: &str) -> &'static str {
    match status {
        "done" => "yes",
        "partial" => "partial",
        _ => "no",
    }
}
