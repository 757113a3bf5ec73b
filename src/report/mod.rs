//! Plain rows to bytes: table, JSON, CSV (and per-command Markdown, HTML, xlsx). The only place that
//! writes BOMs and escapes HTML.

pub mod batch_html;
pub mod batch_tables;
pub mod extraction;
pub mod gap;
pub mod gap_html;
pub mod html;
pub mod table;
pub mod xlsx;

use serde::Serialize;
use std::io::Write;

/// Output formats shared by every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Csv,
    Md,
    Html,
}

impl Format {
    /// Parses `--format`.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "table" => Format::Table,
            "json" => Format::Json,
            "csv" => Format::Csv,
            "md" | "markdown" => Format::Md,
            "html" => Format::Html,
            _ => return None,
        })
    }
}

/// A table of strings: the common shape of tabular output.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rows {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Rows {
    /// A table with these column names and no rows yet.
    pub fn new(headers: &[&str]) -> Rows {
        Rows {
            headers: headers.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

/// Which byte-order mark rule applies: files on disk get one (Excel/WPS need it), stdout none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTarget {
    Stdout,
    File,
}

/// Writes CSV, with a UTF-8 BOM when it goes to a file.
pub fn write_csv(out: &mut dyn Write, rows: &Rows, target: CsvTarget) -> std::io::Result<()> {
    if target == CsvTarget::File {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::Writer::from_writer(out);
    for r in std::iter::once(&rows.headers).chain(&rows.rows) {
        for c in r {
            w.write_field(csv_cell(c).as_bytes())?;
        }
        w.write_record(None::<&[u8]>)?;
    }
    w.flush()?;
    Ok(())
}

/// A cell as written to CSV: text a spreadsheet would evaluate as a formula (starting with `=`,
/// `+`, `-`, `@`, tab or CR, OWASP's rule) gets a leading `'`; plain numbers such as `-3` stay.
pub fn csv_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Writes exactly one JSON value, pretty-printed, followed by a newline.
pub fn write_json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Writes a file atomically: a temp name in the same folder, then rename, so no reader sees half a file.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    // An unchanged output is left alone: re-runs stay cheap and file times keep their meaning.
    if std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
    {
        return Ok(());
    }
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Writes a file atomically from a writer callback, for content too large to build in memory first.
pub fn write_atomic_with(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let tmp = temp_path(path);
    let written = (|| {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        write(&mut w)?;
        drop(w.into_inner().map_err(|e| e.into_error())?);
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        // A failed write leaves no orphan temporary behind.
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The temporary name a file is written under before it is renamed into place.
fn temp_path(path: &std::path::Path) -> std::path::PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    path.with_file_name(format!(".{name}.tmp{}", std::process::id()))
}

/// Writes `bytes` to the temporary beside `path` and returns it, leaving `path` alone until the
/// caller renames it: a set of files is written in full first, then switched in together. None
/// when `path` already holds exactly these bytes.
pub fn write_staged(
    path: &std::path::Path,
    bytes: &[u8],
) -> std::io::Result<Option<std::path::PathBuf>> {
    if std::fs::metadata(path).is_ok_and(|m| m.len() == bytes.len() as u64)
        && std::fs::read(path).is_ok_and(|old| old == bytes)
    {
        return Ok(None);
    }
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let tmp = temp_path(path);
    std::fs::write(&tmp, bytes)
        .map(|()| Some(tmp.clone()))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// Removes temporaries (`.<name>.tmp<pid>`) that a killed luoshi left in `dir`: only those of
/// processes no longer running, so a concurrent run's files are never touched. Where running
/// processes cannot be listed (no `/proc`), nothing is removed.
pub fn remove_stale_temporaries(dir: &std::path::Path) {
    let proc = std::path::Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        let pid = name
            .rsplit_once(".tmp")
            .filter(|_| name.starts_with('.'))
            .map(|(_, pid)| pid)
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if let Some(pid) = pid {
            if pid != std::process::id().to_string() && !proc.join(pid).exists() {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
}

/// Renders rows as CSV bytes for a file (with BOM).
pub fn csv_file_bytes(rows: &Rows) -> Vec<u8> {
    let mut buf = Vec::new();
    write_csv(&mut buf, rows, CsvTarget::File).expect("writing to memory");
    buf
}
