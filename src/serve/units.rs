//! The department page, unit pages (filtered server-side so links can be shared) and review saving.

use super::api::{first, pairs, unit_rows};
use super::pages::{error_page, layout, unit_href, url, zh};
use super::{auth, data, State};
use crate::error::Error;
use crate::reviews::{text_hash, Review, ReviewForm, ReviewView};
use axum::extract::{Path as UrlPath, RawQuery, State as St};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use maud::html;
use serde_json::Value;
use std::sync::Arc;

/// `GET /units?status=…&unit=…&sort=unit|coverage|missing|uncertain`: every unit-year of the batch
/// output.
pub async fn department(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    let status = first(&p, "status").unwrap_or("").to_string();
    let unit_f = first(&p, "unit").unwrap_or("").to_string();
    let sort = first(&p, "sort").unwrap_or("unit").to_string();
    let s = state.clone();
    let mut rows = tokio::task::spawn_blocking(move || unit_rows(&s))
        .await
        .unwrap_or_default();
    let statuses: Vec<String> = {
        let mut v: Vec<String> = rows.iter().map(|r| r.status.clone()).collect();
        v.sort();
        v.dedup();
        v
    };
    rows.retain(|r| (status.is_empty() || r.status == status) && r.unit.contains(&unit_f));
    match sort.as_str() {
        "coverage" => rows.sort_by(|a, b| {
            a.coverage
                .unwrap_or(f64::INFINITY)
                .total_cmp(&b.coverage.unwrap_or(f64::INFINITY))
        }),
        "missing" => rows.sort_by_key(|r| std::cmp::Reverse(r.missing)),
        "uncertain" => rows.sort_by_key(|r| std::cmp::Reverse(r.uncertain)),
        _ => {}
    }
    let link = |k: &str, v: &str| {
        let mut q = vec![
            ("status", status.as_str()),
            ("unit", &unit_f),
            ("sort", &sort),
        ];
        for x in q.iter_mut() {
            if x.0 == k {
                x.1 = v;
            }
        }
        url("/units", &q)
    };
    let body = html! {
        @if rows.is_empty() && statuses.is_empty() {
            p { "这里还没有批处理结果：先运行 luoshi batch DIR --out " (state.cfg.out.display()) "。" }
        }
        form method="get" action="/units" {
            input type="text" name="unit" value=(unit_f) placeholder="单位名称";
            @if !status.is_empty() { input type="hidden" name="status" value=(status); }
            input type="hidden" name="sort" value=(sort);
            button type="submit" { "筛选" }
        }
        p.filters {
            "状态："
            a href=(link("status", "")) { "全部" } " "
            @for s in &statuses { a href=(link("status", s)) { (zh(s)) } " " }
        }
        table id="units" {
            thead { tr {
                th { a href=(link("sort", "unit")) { "单位" } } th { "年份" } th { "状态" } th { "任务" }
                th { "已落实" } th { "部分落实" } th { a href=(link("sort", "missing")) { "未见落实" } }
                th title=(crate::vocab::RATE_NOTE) { a href=(link("sort", "coverage")) { "落实率" } }
                th title="模型把握不大、应优先人工核对的任务数" { a href=(link("sort", "uncertain")) { "把握不大" } } th { "已复核" }
            } }
            tbody {
                @for r in &rows {
                    tr {
                        td { a href=(unit_href(&r.unit, r.year)) { (r.unit) } }
                        td { (r.year.map(|y| y.to_string()).unwrap_or_default()) }
                        td data-status=(r.status) { (zh(&r.status)) } td.n { (r.tasks) } td.n { (r.done) } td.n { (r.partial) } td.n { (r.missing) }
                        td.n { (r.coverage.map(|c| format!("{c:.1}%")).unwrap_or_default()) }
                        td.n {
                            @if r.uncertain > 0 {
                                a href=(url(&unit_href(&r.unit, r.year), &[("flag", "uncertain")])) { (r.uncertain) }
                            } @else { (r.uncertain) }
                        }
                        td.n { (r.reviewed) }
                    }
                }
            }
        }
    };
    layout("单位", body).into_response()
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

/// `GET /units/{unit}/{year}?status=…&flag=…`: the unit-year's tasks with evidence and review forms.
pub async fn unit(
    St(state): St<Arc<State>>,
    UrlPath((unit, year)): UrlPath<(String, String)>,
    RawQuery(q): RawQuery,
) -> Response {
    let p = pairs(q.as_deref());
    let f_status = first(&p, "status").unwrap_or("").to_string();
    let f_flag = first(&p, "flag").unwrap_or("").to_string();
    let st = state.clone();
    let (u, y) = (unit.clone(), year.clone());
    let v = match tokio::task::spawn_blocking(move || super::api::unit_with_reviews(&st, &u, &y))
        .await
    {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return error_page(&e),
        Err(e) => return error_page(&Error::Usage(e.to_string())),
    };
    let empty = Vec::new();
    let tasks = v.get("tasks").and_then(Value::as_array).unwrap_or(&empty);
    let effective = |t: &Value| -> String {
        match t.get("review") {
            Some(r) if r.get("stale") == Some(&Value::Bool(false)) => s(r, "status").to_string(),
            _ => s(t, "status").to_string(),
        }
    };
    let flags_of = |t: &Value| -> Vec<String> {
        t.get("flags")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|f| f.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut all_flags: Vec<String> = tasks.iter().flat_map(flags_of).collect();
    all_flags.sort();
    all_flags.dedup();
    let shown: Vec<&Value> = tasks
        .iter()
        .filter(|t| f_status.is_empty() || effective(t) == f_status)
        .filter(|t| f_flag.is_empty() || flags_of(t).contains(&f_flag))
        .collect();
    let here = |k: &str, val: &str| {
        let mut q = vec![("status", f_status.as_str()), ("flag", &f_flag)];
        for x in q.iter_mut() {
            if x.0 == k {
                x.1 = val;
            }
        }
        let base = unit_href(&unit, year.parse().ok());
        url(&base, &q)
    };
    let doc_link = |key: &str| -> Option<(String, String)> {
        let d = v.get(key)?;
        Some((s(d, "path").to_string(), s(d, "title").to_string()))
    };
    let title = format!("{unit} {year}");
    let body = html! {
        @if let Some(st) = v.get("status").and_then(Value::as_str) {
            p.warn { (st) }
            @for d in v.get("plans").and_then(Value::as_array).unwrap_or(&empty) {
                p { "计划：" a href=(url("/doc", &[("path", s(d, "path"))])) { (s(d, "title")) } }
            }
            @if let Some(d) = v.get("report").filter(|d| d.is_object()) {
                p { "报告：" a href=(url("/doc", &[("path", s(d, "path"))])) { (s(d, "title")) } }
            }
        }
        @if let Some(sm) = v.get("summary") {
            @for key in ["plan", "report"] {
                @if let Some((path, t)) = doc_link(key) {
                    p { (if key == "plan" { "计划：" } else { "报告：" }) a href=(url("/doc", &[("path", &path)])) { (t) } }
                }
            }
            p.summary {
                "任务 " (sm.get("tasks").cloned().unwrap_or_default()) "，已落实 " (sm.get("done").cloned().unwrap_or_default())
                "，部分落实 " (sm.get("partial").cloned().unwrap_or_default()) "，未见落实 " (sm.get("missing").cloned().unwrap_or_default())
                "，落实率 " (rate(sm))
            }
            p.filters {
                "状态："
                a href=(here("status", "")) { "全部" } " "
                @for st in ["done", "partial", "missing"] { a href=(here("status", st)) { (zh(st)) } " " }
                @if !all_flags.is_empty() {
                    " 标记："
                    a href=(here("flag", "")) { "全部" } " "
                    @for fl in &all_flags { a href=(here("flag", fl)) { (zh(fl)) } " " }
                }
            }
            table id="tasks" {
                thead { tr { th { "任务" } th { "机器判断" } th { "复核" } th { "证据" } } }
                tbody {
                    @for t in &shown {
                        tr id={ "task-" (s(t, "id")) } data-task=(s(t, "id")) {
                            td {
                                span.path { (s(t, "id")) " " (s(t, "path")) } br;
                                (s(t, "text"))
                                @for fl in flags_of(t) { " " span.flag data-flag=(fl) title=[crate::vocab::hint_of(&fl)] { (zh(&fl)) } }
                            }
                            td { span class={ "status " (s(t, "status")) } data-status=(s(t, "status")) { (zh(s(t, "status"))) } br; small { (t.get("score").cloned().unwrap_or_default()) } }
                            td.review {
                                @if let Some(r) = t.get("review") {
                                    div.reviewed {
                                        span class={ "status " (s(r, "status")) } data-status=(s(r, "status")) { (zh(s(r, "status"))) }
                                        " （机器：" (zh(s(r, "machine_status"))) "）"
                                        @if r.get("stale") == Some(&Value::Bool(true)) { " " span.stale { "已过期：计划文本已改动" } }
                                        @if !s(r, "note").is_empty() { div.note { (s(r, "note")) } }
                                    }
                                }
                                @if state.reviews.is_some() {
                                    form method="post" action="/reviews" {
                                        input type="hidden" name="csrf" value=(state.csrf);
                                        input type="hidden" name="unit" value=(unit);
                                        input type="hidden" name="year" value=(year);
                                        input type="hidden" name="task_id" value=(s(t, "id"));
                                        select name="status" {
                                            option value="confirm" { "确认" }
                                            option value="done" { "改为 已落实" }
                                            option value="partial" { "改为 部分落实" }
                                            option value="missing" { "改为 未见落实" }
                                        }
                                        input type="text" name="note" maxlength="500" placeholder="说明";
                                        button type="submit" { "保存" }
                                    }
                                }
                            }
                            td {
                                @for e in t.get("evidence").and_then(Value::as_array).unwrap_or(&empty) {
                                    div.evidence { span.role { (zh(s(e, "role"))) } " " span.path { (s(e, "path")) } " " (s(e, "quote")) }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(&title, body).into_response()
}

/// Validates and stores a review: CSRF token, a known unit-year and task, a known status.
pub async fn store_review(state: Arc<State>, form: ReviewForm) -> Result<ReviewView, Error> {
    if !auth::csrf_ok(&state, &form.csrf) {
        return Err(Error::Usage("missing or wrong csrf token".into()));
    }
    tokio::task::spawn_blocking(move || save_blocking(&state, form))
        .await
        .unwrap_or_else(|e| Err(Error::Usage(e.to_string())))
}

fn save_blocking(state: &State, form: ReviewForm) -> Result<ReviewView, Error> {
    let store = state
        .reviews
        .as_ref()
        .ok_or_else(|| Error::Usage("no batch output folder, so no review store".into()))?;
    let u = data::unit(&state.cfg.out, &form.unit, &form.year)
        .ok_or_else(|| Error::Usage(format!("{} {}: no such unit-year", form.unit, form.year)))?;
    let task = u
        .json
        .get("tasks")
        .and_then(Value::as_array)
        .and_then(|ts| ts.iter().find(|t| s(t, "id") == form.task_id))
        .ok_or_else(|| Error::Usage(format!("{}: no such task", form.task_id)))?;
    let machine = s(task, "status").to_string();
    let status = match form.status.as_str() {
        "confirm" => machine.clone(),
        "done" | "partial" | "missing" => form.status.clone(),
        other => return Err(Error::Usage(format!("unknown status '{other}'"))),
    };
    let text = s(task, "text");
    let review = Review {
        unit: u.row.unit.clone(),
        year: u.row.year,
        task_id: form.task_id.clone(),
        text_hash: text_hash(text),
        task_text: text.to_string(),
        machine_status: machine,
        status,
        note: form.note.trim().chars().take(500).collect(),
        updated: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
    };
    store.save(&review)?;
    Ok(review.view(text))
}

/// `POST /reviews` (the unit page's form): saves, then returns to the task on the unit page.
pub async fn save_review(St(state): St<Arc<State>>, Form(form): Form<ReviewForm>) -> Response {
    let back = format!(
        "{}#task-{}",
        unit_href(&form.unit, form.year.parse().ok()),
        form_urlencoded::byte_serialize(form.task_id.as_bytes()).collect::<String>()
    );
    match store_review(state, form).await {
        Ok(_) => Redirect::to(&back).into_response(),
        Err(e) => error_page(&e),
    }
}

/// 落实率 of a unit page's JSON summary, done ÷ tasks as every batch output shows it.
fn rate(sm: &Value) -> String {
    let n = |k: &str| sm.get(k).and_then(Value::as_u64).unwrap_or(0) as usize;
    crate::vocab::percent(crate::vocab::done_rate(n("done"), n("tasks")))
}
