//! Server-rendered pages: search, document view, trend, login. maud escapes every string it
//! interpolates, so document text can never become markup.

use super::api::{self, all, first, pairs, SearchParams};
use super::{data, State};
use crate::error::Error;
use axum::extract::{RawQuery, State as St};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};
use std::collections::HashMap;
use std::sync::Arc;

pub use super::units::{department, save_review, store_review, unit};

const CSS: &str = include_str!("style.css");

/// `GET /style.css`: the one stylesheet, embedded in the binary.
pub async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response()
}

/// A status, flag, role or document kind as the reader sees it: Chinese (links, classes and data
/// attributes keep the machine spelling); any other value as it is.
pub fn zh(machine: &str) -> &str {
    crate::vocab::word(machine, crate::vocab::Lang::Zh)
}

/// A link with query parameters, percent-encoded.
pub fn url(path: &str, params: &[(&str, &str)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        if !v.is_empty() {
            s.append_pair(k, v);
        }
    }
    let q = s.finish();
    if q.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{q}")
    }
}

/// The path of a unit page (`/units/<unit>/<year>`), segments percent-encoded.
pub fn unit_href(unit: &str, year: Option<i64>) -> String {
    // byte_serialize writes a space as `+`, which a path does not decode; a literal `+` is `%2B`.
    let enc = |s: &str| {
        form_urlencoded::byte_serialize(s.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    };
    let year = year.map_or("未注明年份".to_string(), |y| y.to_string());
    format!("/units/{}/{}", enc(unit), enc(&year))
}

/// Every page: title, navigation, body.
pub fn layout(title: &str, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="zh-CN" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · luoshi" }
                    link rel="stylesheet" href="/style.css";
                }
                body {
                    nav {
                        a href="/" { "搜索" } " "
                        a href="/units" { "单位" } " "
                        a href="/trend" { "趋势" }
                    }
                    main { h1 { (title) } (body) }
                }
            }
        }
        .into_string(),
    )
}

/// An error page with a status that says whose fault it was.
pub fn error_page(e: &Error) -> Response {
    let status = match e {
        Error::Usage(m) if m.contains("no such") => StatusCode::NOT_FOUND,
        Error::Usage(_) => StatusCode::BAD_REQUEST,
        Error::Index(_) => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    (
        status,
        layout("出错了", html! { p.error { (e.to_string()) } }),
    )
        .into_response()
}

/// Text cut into plain and marked pieces by character ranges.
pub fn marked(text: &str, ranges: &[(usize, usize)], class: &str) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut pos = 0;
    for &(s, e) in ranges {
        let (s, e) = (s.min(chars.len()).max(pos), e.min(chars.len()));
        if s >= e {
            continue;
        }
        pieces.push((chars[pos..s].iter().collect(), false));
        pieces.push((chars[s..e].iter().collect(), true));
        pos = e;
    }
    pieces.push((chars[pos..].iter().collect(), false));
    html! {
        @for (t, m) in &pieces {
            @if *m { mark class=(class) { (t) } } @else { (t) }
        }
    }
}

/// `GET /?q=…`: the search form, facets as links with counts, results linking to documents.
pub async fn search(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    let params = match SearchParams::from_pairs(&p) {
        Ok(x) => x,
        Err(e) => return error_page(&e),
    };
    let results = if params.q.trim().is_empty() {
        None
    } else {
        Some(api::run_search(state, params.clone()).await)
    };
    let year = params.year.clone().unwrap_or_default();
    let unit = params.units.first().cloned().unwrap_or_default();
    let kind = params.kinds.first().cloned().unwrap_or_default();
    let facet = |key: &str, value: &str| {
        let mut v = vec![
            ("q", params.q.as_str()),
            ("year", &year),
            ("unit", &unit),
            ("kind", &kind),
        ];
        for x in v.iter_mut() {
            if x.0 == key {
                x.1 = value;
            }
        }
        url("/", &v)
    };
    let body = html! {
        form.search method="get" action="/" {
            input type="search" name="q" value=(params.q) placeholder="谈心谈话 \"三会一课\" -党课" autofocus;
            @if !year.is_empty() { input type="hidden" name="year" value=(year); }
            @if !unit.is_empty() { input type="hidden" name="unit" value=(unit); }
            @if !kind.is_empty() { input type="hidden" name="kind" value=(kind); }
            button type="submit" { "搜索" }
        }
        @if !(year.is_empty() && unit.is_empty() && kind.is_empty()) {
            p.filters {
                "筛选："
                @if !year.is_empty() { a.chip href=(facet("year", "")) { "年份 " (year) " ✕" } " " }
                @if !unit.is_empty() { a.chip href=(facet("unit", "")) { "单位 " (unit) " ✕" } " " }
                @if !kind.is_empty() { a.chip href=(facet("kind", "")) { "类型 " (zh(&kind)) " ✕" } }
            }
        }
        @match &results {
            None => p { "输入词语、\"短语\"、OR、-排除词。" },
            Some(Err(e)) => p.error { (e.to_string()) },
            Some(Ok(res)) => {
                p.count { "共 " span id="count" { (res.count) } " 个段落" }
                div.facets {
                    @for (key, label, counts) in [("year", "年份", &res.facets.year), ("unit", "单位", &res.facets.unit), ("kind", "类型", &res.facets.kind)] {
                        div.facet data-facet=(key) {
                            b { (label) } " "
                            @for (v, n) in counts {
                                a href=(facet(key, v)) { (if key == "kind" { zh(v) } else { v.as_str() }) " (" (n) ")" } " "
                            }
                        }
                    }
                }
                ol.results {
                    @for h in &res.results {
                        li {
                            a.title href={ (url("/doc", &[("path", &h.path), ("at", &h.outline_path)])) "#at" } { (h.title) }
                            div.meta { (h.unit) " · " (h.year.map(|y| y.to_string()).unwrap_or_default()) " · " (zh(&h.kind)) " · " (h.outline_path) }
                            div.snippet { (marked(&h.snippet, &h.highlights, "hl")) }
                        }
                    }
                }
            }
        }
    };
    layout("搜索", body).into_response()
}

/// `GET /doc?path=ID&at=OUTLINE_PATH`: the normalised document with its outline as a tree; plan
/// tasks with their latest status, report sections with roles and unfilled figures marked.
pub async fn document(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    let id = first(&p, "path").unwrap_or("").to_string();
    let at = first(&p, "at").unwrap_or("").to_string();
    let r = tokio::task::spawn_blocking(move || document_page(&state, &id, &at)).await;
    match r {
        Ok(Ok(page)) => page.into_response(),
        Ok(Err(e)) => error_page(&e),
        Err(e) => error_page(&Error::Usage(e.to_string())),
    }
}

fn document_page(state: &State, id: &str, at: &str) -> Result<Html<String>, Error> {
    let a = api::checked_document(state, id)?;
    let facts = crate::report::extraction::report_facts_for(&a, state.segmenter());
    let doc = &a.doc;
    let unit_file = data::unit_of_document(&state.cfg.out, id);
    // Latest batch status per task outline path (plans), reviewed status first.
    let mut status_at: HashMap<String, (String, String)> = HashMap::new();
    if let Some(u) = &unit_file {
        let reviewed = state
            .reviews
            .as_ref()
            .and_then(|s| s.for_unit(&u.row.unit, u.row.year).ok())
            .unwrap_or_default();
        if let Some(tasks) = u.json.get("tasks").and_then(|t| t.as_array()) {
            for t in tasks {
                let get = |k: &str| t.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
                let mut status = get("status");
                if let Some(r) = reviewed.iter().find(|r| r.task_id == get("id")) {
                    if !r.view(&get("text")).stale {
                        status = r.status.clone();
                    }
                }
                status_at.insert(get("path"), (get("id"), status));
            }
        }
    }
    let plan_like = doc.meta.kind.is_plan_like();
    let is_plan_doc = unit_file
        .as_ref()
        .and_then(|u| u.json.get("plan"))
        .and_then(|p| p.get("path"))
        .and_then(|p| p.as_str())
        == Some(id);
    let roles = facts.as_ref().map(|f| f.roles.clone()).unwrap_or_default();
    let placeholders: Vec<crate::Span> = facts
        .as_ref()
        .map(|f| f.placeholders.iter().map(|p| p.span).collect())
        .unwrap_or_default();
    let text = &doc.text;
    let node = |i: usize| -> Markup {
        render_node(
            &a,
            i,
            at,
            &roles,
            &placeholders,
            &status_at,
            is_plan_doc,
            None,
        )
    };
    let body = html! {
        p.meta {
            (doc.meta.unit) " · " (doc.meta.year.map(|y| y.to_string()).unwrap_or_default()) " · " (zh(doc.meta.kind.as_str()))
            " · " code { (id) }
            @if let Some(u) = &unit_file { " · " a href=(unit_href(&u.row.unit, u.row.year)) { "单位页" } }
        }
        @if plan_like && !a.tasks.is_empty() { p { "计划任务 " (a.tasks.len()) " 项" } }
        @if !placeholders.is_empty() { p.warn { "未填写的数字 " (placeholders.len()) " 处（已标出）" } }
        @if text.is_empty() { p { "（空文档）" } }
        div.outline {
            @for i in a.outline.roots() { (node(i)) }
        }
    };
    // The title in the document's own characters, as its paragraphs are shown.
    let title = doc
        .original
        .as_deref()
        .zip(text.find(&doc.meta.title))
        .and_then(|(o, at)| o.get(at..at + doc.meta.title.len()))
        .unwrap_or(&doc.meta.title);
    Ok(layout(title, body))
}

#[allow(clippy::too_many_arguments)]
fn render_node(
    a: &crate::Analyzed,
    i: usize,
    at: &str,
    roles: &[crate::extract::role::Role],
    placeholders: &[crate::Span],
    status_at: &HashMap<String, (String, String)>,
    show_status: bool,
    inherited: Option<crate::extract::role::Role>,
) -> Markup {
    let n = &a.outline.nodes[i];
    let folded = n.span.of(&a.doc.text);
    // A document read folded from Traditional shows its own characters: the original holds the
    // same bytes at the same offsets (`load::fold`), so marks placed on the folded text still fit.
    let text = a
        .doc
        .original
        .as_deref()
        .and_then(|o| o.get(n.span.start..n.span.end))
        .filter(|o| o.chars().count() == folded.chars().count())
        .unwrap_or(folded);
    // Placeholder spans inside this paragraph, as character ranges into it.
    let ranges: Vec<(usize, usize)> = placeholders
        .iter()
        .filter(|s| s.start >= n.span.start && s.end <= n.span.end)
        .map(|s| {
            let c = |b: usize| a.doc.text[n.span.start..b].chars().count();
            (c(s.start), c(s.end))
        })
        .collect();
    // A heading shows its section's role; a paragraph shows its own only where it differs from the
    // section it sits in (下一步打算 read inside a 存在的问题和下一步打算 section).
    let own = roles.get(n.paragraph).copied();
    let role = own
        .filter(|r| n.is_numbered() || Some(*r) != inherited)
        .map(|r| r.as_str());
    let status = if show_status {
        status_at.get(&n.path)
    } else {
        None
    };
    let id = if !at.is_empty() && n.path == at {
        "at".to_string()
    } else {
        format!("n{i}")
    };
    let line = html! {
        span.path { (n.path) } " "
        @if let Some(r) = role { span class={ "role " (r) } { (zh(r)) } " " }
        @if let Some((tid, st)) = status { span class={ "status " (st) } data-status=(st) title=(tid) { (zh(st)) } " " }
        (marked(text, &ranges, "ph"))
    };
    html! {
        @if n.children.is_empty() {
            p.node id=(id) { (line) }
        } @else {
            details.node id=(id) open {
                summary { (line) }
                @for &c in &n.children { (render_node(a, c, at, roles, placeholders, status_at, show_status, own.or(inherited))) }
            }
        }
    }
}

/// `GET /trend?term=…&by=year|unit|kind`: mentions per bucket, drawn as an SVG bar chart.
pub async fn trend(St(state): St<Arc<State>>, RawQuery(q): RawQuery) -> Response {
    let p = pairs(q.as_deref());
    let terms = all(&p, "term");
    let by = first(&p, "by").unwrap_or("year").to_string();
    let rows = if terms.is_empty() {
        None
    } else {
        Some(api::run_trend(state, &p).await)
    };
    let terms_text = terms.join(" ");
    let body = html! {
        form method="get" action="/trend" {
            @for i in 0..2 {
                input type="text" name="term" value=(terms.get(i).map(String::as_str).unwrap_or("")) placeholder="词语";
                " "
            }
            select name="by" {
                @for (v, l) in [("year", "按年份"), ("unit", "按单位"), ("kind", "按类型")] {
                    option value=(v) selected[by == v] { (l) }
                }
            }
            button type="submit" { "画图" }
        }
        @match &rows {
            None => p { "输入一个或两个词语，看它们每年在多少份计划和报告中出现。" },
            Some(Err(e)) => p.error { (e.to_string()) },
            Some(Ok(rows)) => {
                (super::svg::trend_chart(rows))
                table {
                    thead { tr { th { "分组" } th { "词语" } th { "计划文档" } th { "计划单位" } th { "报告文档" } th { "报告单位" } } }
                    tbody {
                        @for r in rows {
                            tr { td { (r.bucket) } td { (r.term) } td.n { (r.plan_documents) } td.n { (r.plan_units) } td.n { (r.report_documents) } td.n { (r.report_units) } }
                        }
                    }
                }
                p { a href=(url("/", &[("q", &terms_text)])) { "搜索这些词" } }
            }
        }
    };
    layout("趋势", body).into_response()
}

/// The login form (with a note when the last token was wrong).
pub fn login_page(wrong: bool) -> String {
    layout(
        "登录",
        html! {
            @if wrong { p.error { "令牌不对。" } }
            form method="post" action="/login" {
                input type="password" name="token" placeholder="访问令牌" autofocus;
                button type="submit" { "登录" }
            }
        },
    )
    .0
}
