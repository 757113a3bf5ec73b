//! `/api/…`: the same JSON the CLI prints (`search`, `trend`, `extract`), the batch unit files,
//! and reviews.

use super::{data, reviews, State};
use crate::error::Error;
use crate::index::{parse_year_range, Filters, TrendBy};
use crate::Kind;
use axum::extract::{Path as UrlPath, RawQuery, State as St};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// Query-string pairs in order; repeated keys (`unit=a&unit=b`) are kept.
pub fn pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// The first value of a key.
pub fn first<'a>(p: &'a [(String, String)], key: &str) -> Option<&'a str> {
    p.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
}

/// Every non-empty value of a key.
pub fn all(p: &[(String, String)], key: &str) -> Vec<String> {
    p.iter()
        .filter(|(k, v)| k == key && !v.is_empty())
        .map(|(_, v)| v.clone())
        .collect()
}

/// A search as `luoshi search` takes it on the command line.
#[derive(Debug, Clone, Default)]
pub struct SearchParams {
    pub q: String,
    pub units: Vec<String>,
    pub year: Option<String>,
    pub kinds: Vec<String>,
    pub limit: usize,
}

impl SearchParams {
    /// From `q`, `unit`, `year`, `kind`, `limit` (20 when absent, as on the command line).
    pub fn from_pairs(p: &[(String, String)]) -> Result<SearchParams, Error> {
        let limit = match first(p, "limit") {
            Some(l) if !l.is_empty() => l
                .parse()
                .map_err(|_| Error::Usage(format!("bad limit '{l}'")))?,
            _ => 20,
        };
        Ok(SearchParams {
            q: first(p, "q").unwrap_or("").to_string(),
            units: all(p, "unit"),
            year: first(p, "year")
                .filter(|y| !y.is_empty())
                .map(str::to_string),
            kinds: all(p, "kind"),
            limit: limit.min(1000),
        })
    }

    /// The filters `luoshi search` builds from the same flags.
    pub fn filters(&self) -> Result<Filters, Error> {
        let kinds = self
            .kinds
            .iter()
            .map(|k| {
                Kind::parse(k).ok_or_else(|| {
                    Error::Usage(format!(
                        "unknown kind '{k}' (expected plan, tasklist, responsibility or report)"
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Filters {
            units: self.units.clone(),
            years: self.year.as_deref().map(parse_year_range).transpose()?,
            kinds,
        })
    }
}

/// Runs a search on a blocking thread (tantivy and jieba are synchronous).
pub async fn run_search(
    state: Arc<State>,
    params: SearchParams,
) -> Result<crate::index::SearchResults, Error> {
    let _slot = state.index_slots.acquire().await;
    let st = state.clone();
    tokio::task::spawn_blocking(move || {
        let state = st;
        let filters = params.filters()?;
        crate::index::query::parse(&params.q)?;
        state.index()?.search(&params.q, &filters, params.limit)
    })
    .await
    .unwrap_or_else(|e| Err(Error::Usage(format!("search failed ({e})"))))
}

/// An error as `{"error": "..."}` with a status that says whose fault it was.
pub fn error_response(e: &Error) -> Response {
    let status = match e {
        Error::Usage(m) if m.contains("no such") => StatusCode::NOT_FOUND,
        Error::Usage(_) => StatusCode::BAD_REQUEST,
        Error::Index(_) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let body = serde_json::json!({ "error": e.to_string() }).to_string() + "\n";
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Pretty JSON exactly as the CLI's `write_json` prints it.
pub fn json_response<T: serde::Serialize + ?Sized>(v: &T) -> Response {
    let mut buf = Vec::new();
    match crate::report::write_json(&mut buf, v) {
        Ok(()) => ([(header::CONTENT_TYPE, "application/json")], buf).into_response(),
        Err(e) => error_response(&Error::Usage(e.to_string())),
    }
}

/// `GET /api/search?q=…&unit=…&year=…&kind=…&limit=…`: what `luoshi search --format json` prints.
pub async fn search(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    let params = match SearchParams::from_pairs(&p) {
        Ok(p) => p,
        Err(e) => return error_response(&e),
    };
    match run_search(state, params).await {
        Ok(res) => json_response(&res),
        Err(e) => error_response(&e),
    }
}

/// `GET /api/units`: every unit-year of the batch output with its counts and reviewed tasks.
pub async fn units(St(state): St<Arc<State>>) -> Response {
    let s = state.clone();
    let rows = tokio::task::spawn_blocking(move || unit_rows(&s))
        .await
        .unwrap_or_default();
    json_response(&rows)
}

/// The department's rows with the number of reviews each unit-year has.
pub fn unit_rows(state: &State) -> Vec<data::UnitRow> {
    let counts = state
        .reviews
        .as_ref()
        .and_then(|r| r.counts().ok())
        .unwrap_or_default();
    data::units(&state.cfg.out)
        .into_iter()
        .map(|u| {
            let mut row = u.row;
            row.reviewed = counts
                .get(&(row.unit.clone(), row.year))
                .copied()
                .unwrap_or(0);
            row
        })
        .collect()
}

/// `GET /api/units/{unit}/{year}`: the batch unit JSON; reviewed tasks gain a `review` object
/// beside the machine's `status`.
pub async fn unit(
    St(state): St<Arc<State>>,
    UrlPath((unit, year)): UrlPath<(String, String)>,
) -> Response {
    let r = tokio::task::spawn_blocking(move || unit_with_reviews(&state, &unit, &year)).await;
    match r {
        Ok(Ok(v)) => json_response(&v),
        Ok(Err(e)) => error_response(&e),
        Err(e) => error_response(&Error::Usage(e.to_string())),
    }
}

/// A unit's batch JSON with its reviews attached to the tasks they concern.
pub fn unit_with_reviews(
    state: &State,
    unit: &str,
    year: &str,
) -> Result<serde_json::Value, Error> {
    let u = data::unit(&state.cfg.out, unit, year).ok_or_else(|| {
        Error::Usage(format!(
            "{unit} {year}: no such unit-year in the batch output"
        ))
    })?;
    let mut v = u.json;
    if let Some(store) = &state.reviews {
        let found = store.for_unit(unit, u.row.year)?;
        if let Some(tasks) = v.get_mut("tasks").and_then(|t| t.as_array_mut()) {
            for t in tasks {
                let id = t
                    .get("id")
                    .and_then(|x| x.as_str())
                    .unwrap_or("")
                    .to_string();
                let text = t.get("text").and_then(|x| x.as_str()).unwrap_or("");
                if let Some(r) = found.iter().find(|r| r.task_id == id) {
                    let view = r.view(text);
                    t["review"] = serde_json::to_value(view).unwrap_or_default();
                }
            }
        }
    }
    Ok(v)
}

/// `GET /api/tasks?unit=…&year=…&status=…`: every task of the batch output in one list (unit,
/// year, id, path, text, the machine's status and score, flags, and the review when there is one);
/// `status` filters on the reviewed status where a review is not stale.
pub async fn tasks(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    let r = tokio::task::spawn_blocking(move || all_tasks(&state, &p)).await;
    match r {
        Ok(Ok(v)) => json_response(&v),
        Ok(Err(e)) => error_response(&e),
        Err(e) => error_response(&Error::Usage(e.to_string())),
    }
}

fn all_tasks(state: &State, p: &[(String, String)]) -> Result<Vec<serde_json::Value>, Error> {
    let unit = first(p, "unit").filter(|u| !u.is_empty());
    let year = first(p, "year").filter(|y| !y.is_empty());
    let status = first(p, "status").filter(|s| !s.is_empty());
    let mut out = Vec::new();
    for u in data::units(&state.cfg.out) {
        let year_s = u
            .row
            .year
            .map_or("未注明年份".to_string(), |y| y.to_string());
        if unit.is_some_and(|x| x != u.row.unit) || year.is_some_and(|y| y != year_s) {
            continue;
        }
        let v = unit_with_reviews(state, &u.row.unit, &year_s)?;
        for t in v
            .get("tasks")
            .and_then(|t| t.as_array())
            .into_iter()
            .flatten()
        {
            let effective = match t.get("review") {
                Some(r) if r["stale"] == false => &r["status"],
                _ => &t["status"],
            };
            if status.is_some_and(|s| effective != s) {
                continue;
            }
            out.push(serde_json::json!({
                "unit": u.row.unit, "year": u.row.year, "id": t["id"], "path": t["path"],
                "text": t["text"], "status": t["status"], "score": t["score"], "flags": t["flags"],
                "review": t.get("review"),
            }));
        }
    }
    Ok(out)
}

/// `GET /api/documents?path=ID`: what `luoshi extract --format json` prints for that document.
pub async fn document(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    let id = first(&p, "path").unwrap_or("").to_string();
    let r = tokio::task::spawn_blocking(move || {
        let a = checked_document(&state, &id)?;
        let facts = crate::report::extraction::report_facts_for(&a, state.segmenter());
        Ok::<_, Error>(crate::report::extraction::extraction_json(
            &a,
            facts.as_ref(),
        ))
    })
    .await;
    match r {
        Ok(Ok(v)) => json_response(&v),
        Ok(Err(e)) => error_response(&e),
        Err(e) => error_response(&Error::Usage(e.to_string())),
    }
}

/// Loads a document only if the index or the batch output names it: no other file is served.
pub fn checked_document(state: &State, id: &str) -> Result<crate::Analyzed, Error> {
    let known = data::unit_of_document(&state.cfg.out, id).is_some()
        || state
            .index()
            .and_then(|ix| ix.contains_document(id))
            .unwrap_or(false);
    if !known || id.is_empty() {
        return Err(Error::Usage(format!(
            "{id}: no such document in the index or the batch output"
        )));
    }
    data::load_document(id, state.segmenter())
}

/// `GET /api/trend?term=…&by=year|unit|kind&unit=…&year=…`: what `luoshi trend --format json` prints.
pub async fn trend(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    match run_trend(state, &p).await {
        Ok(rows) => json_response(&rows),
        Err(e) => error_response(&e),
    }
}

/// The trend rows for the terms and filters of a query string.
pub async fn run_trend(
    state: Arc<State>,
    p: &[(String, String)],
) -> Result<Vec<crate::index::TrendRow>, Error> {
    let terms = all(p, "term");
    let by = match first(p, "by").unwrap_or("year") {
        "year" | "" => TrendBy::Year,
        "unit" => TrendBy::Unit,
        "kind" => TrendBy::Kind,
        other => {
            return Err(Error::Usage(format!(
                "unknown by '{other}' (year, unit or kind)"
            )))
        }
    };
    let params = SearchParams {
        units: all(p, "unit"),
        year: first(p, "year")
            .filter(|y| !y.is_empty())
            .map(str::to_string),
        ..SearchParams::default()
    };
    if terms.is_empty() {
        return Err(Error::Usage("give at least one term".into()));
    }
    let _slot = state.index_slots.acquire().await;
    let st = state.clone();
    tokio::task::spawn_blocking(move || {
        let state = st;
        let filters = params.filters()?;
        for t in &terms {
            crate::index::query::parse(t)?;
        }
        state.index()?.trend(&terms, by, &filters)
    })
    .await
    .unwrap_or_else(|e| Err(Error::Usage(format!("trend failed ({e})"))))
}

/// `GET /api/reviews?unit=…&year=…`: every review (of one unit-year when asked).
pub async fn reviews(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    let Some(store) = state.reviews.as_ref() else {
        return json_response(&Vec::<reviews::Review>::new());
    };
    let unit = first(&p, "unit").map(str::to_string);
    let year = first(&p, "year").and_then(|y| y.parse::<i64>().ok());
    let r = match unit {
        Some(u) => store.for_unit(&u, year),
        None => store.all(),
    };
    match r {
        Ok(v) => json_response(&v),
        Err(e) => error_response(&e),
    }
}

/// `POST /api/reviews` (JSON body with `csrf`): saves a review as the unit page's form does.
pub async fn save_review(
    St(state): St<Arc<State>>,
    axum::Json(form): axum::Json<reviews::ReviewForm>,
) -> Response {
    match super::pages::store_review(state, form).await {
        Ok(r) => json_response(&r),
        Err(e) => error_response(&e),
    }
}
