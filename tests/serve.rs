//! `luoshi serve` over a batch of the shipped corpus plus a hostile unit: the JSON API against
//! the CLI's own JSON, pages, escaping, the token gate and Ctrl-C.

mod serve_util;
mod util;

use serve_util::{enc, Server};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use util::*;

/// A unit name, title and task text a hostile .docx could carry.
pub const HOSTILE_UNIT: &str = "局<script>alert(1)<\"><img src=x onerror=alert(1)>";

/// Writes a hostile plan and report (.docx) for one unit-year under `dept`.
pub fn plant_hostile(dept: &Path) {
    let dir = dept.join(HOSTILE_UNIT).join("2023");
    std::fs::create_dir_all(&dir).unwrap();
    let plan = make_docx(&[
        "<script>alert(1)</script>2023年党建工作计划",
        "一、\"><img src=x onerror=alert(1)>加强理论学习<script>alert(2)</script>",
        "每月开展谈心谈话不少于1次，组织党员集中学习<script>alert(3)</script>。",
        "二、加强作风建设",
        "全年开展廉政教育不少于2次。",
    ]);
    let report = make_docx(&[
        "2023年党建工作总结<script>alert(4)</script>",
        "一、主要成绩",
        "全年开展谈心谈话12次，组织党员集中学习\"><img src=x onerror=alert(5)>共10次。",
        "开展廉政教育3次。",
        "二、存在问题",
        "学习深度不够。",
    ]);
    std::fs::write(dir.join("plan.docx"), plan).unwrap();
    std::fs::write(dir.join("report.docx"), report).unwrap();
}

/// A batch of corpus/ plus the hostile unit, run once for this test binary: (folder, kept alive).
fn fixture() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap().keep();
        let dept = tmp.join("dept");
        copy_dir(&root().join("corpus"), &dept);
        plant_hostile(&dept);
        let o = luoshi(
            &tmp,
            &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        tmp
    })
}

fn server() -> Server {
    Server::start(fixture(), &["--index", "idx", "--out", "out", "--quiet"])
}

#[test]
fn a_public_address_without_a_token_is_refused_in_one_line() {
    let dir = fixture();
    let o = luoshi(
        dir,
        &[
            "serve",
            "--addr",
            "0.0.0.0:0",
            "--out",
            "out",
            "--index",
            "idx",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--token") && err.contains("0.0.0.0"), "{err}");
    let o = luoshi(dir, &["serve", "--addr", "localhost"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn the_banner_says_loopback_and_ctrl_c_stops_cleanly() {
    let s = server();
    assert!(s.banner.contains("loopback only"), "{}", s.banner);
    assert!(s.addr.starts_with("127.0.0.1:"), "{}", s.addr);
    assert_eq!(s.get("/api/units").status, 200);
    assert_eq!(s.interrupt(), Some(0));
}

#[test]
fn api_search_prints_exactly_what_the_cli_prints() {
    let s = server();
    for (q, extra, cli_extra) in [
        ("谈心谈话", "&year=2023", vec!["--year", "2023"]),
        (
            "党风廉政 -党课",
            "&kind=plan&limit=5",
            vec!["--kind", "plan", "--limit", "5"],
        ),
        (
            "\"三会一课\" OR 主题党日",
            "&unit=市直机关党组",
            vec!["--unit", "市直机关党组"],
        ),
    ] {
        let api = s.get(&format!("/api/search?q={}{extra}", enc(q)));
        assert_eq!(api.status, 200, "{}", api.text());
        let mut args = vec!["search", q, "--format", "json", "--index", "idx"];
        args.extend(cli_extra);
        let cli = luoshi(fixture(), &args);
        assert_eq!(cli.status.code(), Some(0), "{}", stderr(&cli));
        assert_eq!(api.text(), stdout(&cli), "query {q}");
        assert!(
            api.json()["count"].as_u64().unwrap() > 0,
            "query {q} found nothing"
        );
    }
    let bad = s.get(&format!("/api/search?q={}", enc("\"unbalanced")));
    assert_eq!(bad.status, 400);
    assert!(
        bad.json()["error"].as_str().unwrap().contains("quote"),
        "{}",
        bad.text()
    );
    assert_eq!(s.get("/api/search?q=x&kind=poem").status, 400);
}

#[test]
fn api_units_and_unit_json_are_the_batch_output() {
    let s = server();
    let units = s.get("/api/units").json();
    let rows = units.as_array().unwrap();
    let summary = std::fs::read_to_string(fixture().join("out/summary.csv")).unwrap();
    assert_eq!(rows.len(), summary.lines().count() - 1);
    let gw = rows
        .iter()
        .find(|r| r["unit"] == "国务院" && r["year"] == 2009)
        .unwrap();
    assert_eq!(gw["status"], "checked");
    let file: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture().join("out/units/国务院-2009.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(gw["tasks"], file["summary"]["tasks"]);
    let api = s.get(&format!("/api/units/{}/2009", enc("国务院")));
    assert_eq!(api.status, 200);
    assert_eq!(
        api.json()["tasks"].as_array().unwrap().len(),
        file["tasks"].as_array().unwrap().len()
    );
    assert_eq!(api.json()["summary"], file["summary"]);
    assert_eq!(
        s.get(&format!("/api/units/{}/1999", enc("国务院"))).status,
        404
    );
}

#[test]
fn api_documents_is_extract_json_and_serves_no_other_file() {
    let s = server();
    let path = "dept/国务院/2009/report.txt";
    let api = s.get(&format!("/api/documents?path={}", enc(path)));
    assert_eq!(api.status, 200, "{}", api.text());
    let cli = luoshi(fixture(), &["extract", path, "--format", "json"]);
    let cli: serde_json::Value = serde_json::from_str(&stdout(&cli)).unwrap();
    assert_eq!(api.json(), cli[0]);
    for p in ["/etc/passwd", "../../Cargo.toml", "out/summary.csv", ""] {
        let r = s.get(&format!("/api/documents?path={}", enc(p)));
        assert_eq!(r.status, 404, "{p}: {}", r.text());
        let r = s.get(&format!("/doc?path={}", enc(p)));
        assert_eq!(r.status, 404, "{p}");
    }
}

#[test]
fn api_trend_is_trend_json() {
    let s = server();
    let api = s.get(&format!(
        "/api/trend?term={}&term={}",
        enc("谈心谈话"),
        enc("廉政")
    ));
    assert_eq!(api.status, 200, "{}", api.text());
    let cli = luoshi(
        fixture(),
        &[
            "trend",
            "谈心谈话",
            "廉政",
            "--format",
            "json",
            "--index",
            "idx",
        ],
    );
    assert_eq!(api.text(), stdout(&cli));
    assert_eq!(s.get("/api/trend").status, 400);
}

/// The first `href` after `marker` in a page, entities decoded.
fn href_after(page: &str, marker: &str) -> String {
    let at = page
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker} in page"));
    let rest = &page[at..];
    let h = rest.find("href=\"").unwrap() + 6;
    let end = rest[h..].find('"').unwrap();
    rest[h..h + end].replace("&amp;", "&")
}

#[test]
fn the_search_page_has_facets_highlights_and_leads_to_the_passage() {
    let s = server();
    let page = s.get(&format!("/?q={}", enc("谈心谈话"))).text();
    assert!(
        page.contains("<mark class=\"hl\">谈心谈话</mark>"),
        "{page}"
    );
    assert!(page.contains("data-facet=\"year\""));
    // Document kinds read in Chinese; the facet links keep the machine spelling.
    let kind_link = href_after(&page, "data-facet=\"kind\"");
    assert!(kind_link.contains("kind="), "{kind_link}");
    assert!(
        page.contains(">工作报告 (") && !page.contains(">report ("),
        "{page}"
    );
    let year_link = href_after(&page, "data-facet=\"year\"");
    assert!(year_link.contains("year="), "{year_link}");
    let filtered = s.get(&year_link).text();
    let year = year_link
        .split("year=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let results = &filtered[filtered.find("<ol class=\"results\">").unwrap()..];
    assert!(results.matches("<li>").count() > 0);
    assert!(results.matches(&format!(" · {year} · ")).count() == results.matches("<li>").count());
    let doc_link = href_after(results, "<li>");
    assert!(doc_link.starts_with("/doc?path="), "{doc_link}");
    let doc = s.get(doc_link.split('#').next().unwrap());
    assert_eq!(doc.status, 200);
    let doc = doc.text();
    assert!(doc.contains("id=\"at\""), "the passage is not marked");
    // A report's paragraph read as 下一步打算 inside its 存在的问题和下一步打算 section says so; the
    // paragraph read as the section's own role does not repeat it.
    let api = s
        .get(&format!("/api/units/{}/2022", enc("某市直单位党组")))
        .json();
    let report = api["report"]["path"].as_str().unwrap();
    let page = s.get(&format!("/doc?path={}", enc(report))).text();
    let section = &page[page.find("二、存在的问题和下一步打算").unwrap()..];
    assert!(
        section.contains("<span class=\"role next_steps\">下一步打算</span>"),
        "{section}"
    );
    assert_eq!(
        section.matches("<span class=\"role shortcoming\">").count(),
        0,
        "the section's own role is shown once, on its heading"
    );
    assert!(doc.contains("谈心谈话"));
}

#[test]
fn department_unit_and_trend_pages_are_served_live() {
    let s = server();
    let dept = s.get("/units?sort=coverage").text();
    // Statuses read in Chinese; the filter links keep the machine spelling.
    assert!(dept.contains("国务院") && dept.contains(">未提交报告<"));
    assert!(!dept.contains(">report not submitted<"));
    // Sorted by the calls in doubt, the first count links to that unit-year's flagged tasks only.
    let by_doubt = s.get("/units?sort=uncertain").text();
    let table = &by_doubt[by_doubt.find("<tbody>").unwrap()..];
    let at = table.find("flag=uncertain").unwrap();
    let queue = table[table[..at].rfind("href=\"").unwrap() + 6..at + "flag=uncertain".len()]
        .replace("&amp;", "&");
    let count: usize = table[at..]
        .split(['>', '<'])
        .nth(1)
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count after {queue}"));
    assert!(count > 0);
    let flagged = s.get(&queue).text();
    assert_eq!(flagged.matches("data-task=").count(), count, "{queue}");
    assert_eq!(
        flagged
            .matches("data-flag=\"uncertain\" title=\"模型对是否落实把握不大")
            .count(),
        count
    );
    let only = s
        .get(&format!("/units?status={}", enc("report not submitted")))
        .text();
    assert!(
        only.contains("民政局") && !only.contains(">国务院<"),
        "filter by status"
    );
    let unit = s.get(&format!("/units/{}/2015", enc("国务院"))).text();
    assert!(unit.contains("id=\"tasks\"") && unit.contains("name=\"csrf\""));
    let missing = s
        .get(&format!("/units/{}/2015?status=missing", enc("国务院")))
        .text();
    let rows = missing.matches("data-task=").count();
    assert!(rows > 0 && rows < unit.matches("data-task=").count());
    assert_eq!(
        missing
            .matches("<span class=\"status missing\" data-status=\"missing\">未见落实</span>")
            .count(),
        rows
    );
    let trend = s
        .get(&format!("/trend?term={}&by=year", enc("改革")))
        .text();
    assert!(trend.contains("<svg id=\"trend-chart\""), "{trend}");
    assert!(trend.contains("data-bucket=\"2009\""));
    assert!(
        !trend.contains("http://") || trend.matches("http://").count() == 1,
        "only the svg namespace"
    );
}

#[test]
fn hostile_names_titles_and_tasks_render_as_text_everywhere() {
    let s = server();
    let unit_url = format!("/units/{}/2023", enc(HOSTILE_UNIT));
    let api = s.get(&format!("/api/units/{}/2023", enc(HOSTILE_UNIT)));
    assert_eq!(
        api.status,
        200,
        "the hostile unit was not batch-processed: {}",
        api.text()
    );
    let plan_path = api.json()["plan"]["path"].as_str().unwrap().to_string();
    assert!(api.json()["tasks"].as_array().unwrap().len() >= 2);
    let pages = [
        "/units".to_string(),
        unit_url.clone(),
        format!("/doc?path={}", enc(&plan_path)),
        format!("/?q={}", enc("集中学习")),
        format!("/?q={}&unit={}", enc("谈心谈话"), enc(HOSTILE_UNIT)),
        format!("/trend?term={}&by=unit", enc("谈心谈话")),
    ];
    for p in &pages {
        let r = s.get(p);
        assert_eq!(r.status, 200, "{p}");
        let body = r.text();
        assert!(
            body.contains("&lt;script&gt;") || body.contains("&lt;img"),
            "{p}: hostile text not shown"
        );
        assert!(
            !body.contains("<script"),
            "{p}: a script element came from a document"
        );
        assert!(
            !body.contains("<img"),
            "{p}: an img element came from a document"
        );
        // Escaped text may say onerror; no tag may carry it (maud escapes < > " in attributes too).
        for tag in body
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap())
        {
            // The tag with its quoted attribute values removed: only names and markup remain.
            let bare: String = tag.split('"').step_by(2).collect();
            assert!(
                !bare.contains("onerror"),
                "{p}: attribute from a document in <{tag}>"
            );
        }
    }
}

#[test]
fn a_token_gates_every_request_and_the_login_sets_a_cookie() {
    let dir = fixture();
    std::fs::write(dir.join("token.txt"), "s3cret-token-123\n").unwrap();
    let s = Server::start(
        dir,
        &["--index", "idx", "--out", "out", "--token", "token.txt"],
    );
    assert!(s.banner.contains("token required"), "{}", s.banner);
    assert_eq!(s.get("/api/units").status, 401);
    let page = s.get("/");
    assert_eq!(page.status, 303);
    assert_eq!(page.header("location"), Some("/login"));
    assert_eq!(
        s.post_form("/login", &[("token", "wrong-token-xx")], &[])
            .status,
        401
    );
    let ok = s.post_form("/login", &[("token", "s3cret-token-123")], &[]);
    let cookie = ok
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    assert!(ok.header("set-cookie").unwrap().contains("HttpOnly"));
    assert_eq!(s.get_with("/api/units", &[("Cookie", &cookie)]).status, 200);
    assert_eq!(
        s.get_with(
            "/api/units",
            &[("Authorization", "Bearer s3cret-token-123")]
        )
        .status,
        200
    );
    std::fs::write(dir.join("short.txt"), "abc\n").unwrap();
    let o = luoshi(
        dir,
        &["serve", "--addr", "127.0.0.1:0", "--token", "short.txt"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn a_traditional_document_is_shown_in_its_own_characters() {
    // The Traditional copy of seed 003 (tests/fixtures, made with OpenCC s2t), indexed and served.
    let tmp = tempfile::tempdir().unwrap();
    let unit = tmp.path().join("dept/某单位/2023");
    std::fs::create_dir_all(&unit).unwrap();
    std::fs::copy(
        root().join("tests/fixtures/003_traditional.txt"),
        unit.join("report.txt"),
    )
    .unwrap();
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = Server::start(tmp.path(), &["--index", "idx", "--out", "out", "--quiet"]);
    let page = s.get(&format!("/doc?path={}", enc("dept/某单位/2023/report.txt")));
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains('黨'), "the page shows the folded text");
    let leak: Vec<&str> = html.lines().filter(|l| l.contains('党')).collect();
    assert!(
        leak.is_empty(),
        "a folded character leaked into the page: {leak:?}"
    );
}
