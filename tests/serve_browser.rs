//! `luoshi serve` in headless Chromium through WebDriver: search with a year facet, a result to
//! its passage, a unit page, an override with a note that survives a reload and shows in the API,
//! and a hostile unit whose `<script>` and `onerror` text creates no element and fires no alert.
//! Screenshots go to target/tmp/screenshots/. Without a browser this test says so, and fails
//! under CI=true.

mod serve_util;
mod util;

use serve_util::webdriver::{browser_or_skip, Browser};
use serve_util::{enc, Server};
use std::path::{Path, PathBuf};
use util::*;

const HOSTILE_UNIT: &str = "局<script>alert(1)<\"><img src=x onerror=alert(1)>";

fn plant_hostile(dept: &Path) {
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
    ]);
    std::fs::write(dir.join("plan.docx"), plan).unwrap();
    std::fs::write(dir.join("report.docx"), report).unwrap();
}

fn shots() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots")
}

#[test]
fn a_reviewer_searches_drills_down_and_overrides_in_a_real_browser() {
    let Some((chromium, driver)) = browser_or_skip("serve_browser") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&root().join("corpus"), &tmp.path().join("dept"));
    plant_hostile(&tmp.path().join("dept"));
    let o = luoshi(
        tmp.path(),
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let s = Server::start(tmp.path(), &["--index", "idx", "--out", "out", "--quiet"]);
    let base = format!("http://{}", s.addr);
    let b = Browser::start(&chromium, &driver);

    // Search page: type the query, submit, pick a year facet.
    b.goto(&format!("{base}/"));
    let q = b.find("input[name=q]");
    b.type_text(&q, "谈心谈话");
    b.click(&b.find("form.search button"));
    let url = b.url_when(|u| u.contains("q="));
    assert!(url.contains("q="), "{url}");
    let count: u64 = b
        .js("return +document.getElementById('count').textContent")
        .as_u64()
        .unwrap();
    assert!(count > 0);
    b.screenshot(&shots().join("1-search.png"));
    b.click(&b.find("div.facet[data-facet=year] a"));
    let url = b.url_when(|u| u.contains("year="));
    assert!(url.contains("year="), "{url}");
    let year = b.js("return new URL(location.href).searchParams.get('year')");
    let year = year.as_str().unwrap().to_string();
    let metas =
        b.js("return [...document.querySelectorAll('ol.results .meta')].map(m => m.textContent)");
    let metas = metas.as_array().unwrap();
    assert!(!metas.is_empty());
    assert!(
        metas
            .iter()
            .all(|m| m.as_str().unwrap().contains(&format!(" · {year} · "))),
        "{metas:?}"
    );
    let marks = b.js("return document.querySelectorAll('ol.results mark.hl').length");
    assert!(marks.as_u64().unwrap() > 0);
    b.screenshot(&shots().join("2-search-year-facet.png"));

    // Follow the first result to the document view at its passage.
    b.click(&b.find("ol.results li a.title"));
    let url = b.url_when(|u| u.contains("/doc?path="));
    assert!(url.contains("/doc?path="), "{url}");
    let at = b.js("const e = document.getElementById('at'); return e ? e.textContent : null");
    assert!(
        at.as_str().is_some_and(|t| !t.is_empty()),
        "no passage marked"
    );
    b.screenshot(&shots().join("3-document.png"));

    // Department page, then the unit page of 国务院 2009 by its link.
    b.click(&b.find("nav a[href='/units']"));
    let href = b.js(
        "return [...document.querySelectorAll('#units tr')].filter(r => r.cells[0] && r.cells[0].textContent === '国务院' && r.cells[1].textContent === '2009').map(r => r.querySelector('a').getAttribute('href'))[0]",
    );
    let href = href.as_str().expect("a link to 国务院 2009").to_string();
    b.click(&b.find(&format!("#units a[href='{href}']")));
    let url = b.url_when(|u| u.ends_with(&href));
    assert!(url.ends_with(&href), "{url}");

    // Override the first task with a note.
    let machine =
        b.js("return document.querySelector('#tasks tr[data-task=t1] .status').dataset.status");
    let machine = machine.as_str().unwrap().to_string();
    let other = if machine == "missing" {
        "done"
    } else {
        "missing"
    };
    b.js(&format!(
        "document.querySelector('#tasks tr[data-task=t1] select[name=status]').value = '{other}'; return 0"
    ));
    let note = b.find("#tasks tr[data-task=t1] input[name=note]");
    b.type_text(&note, "复核：报告另有说明");
    b.click(&b.find("#tasks tr[data-task=t1] form button"));
    b.refresh();
    let reviewed = b.js(
        "const r = document.querySelector('#tasks tr[data-task=t1] .reviewed'); return r ? r.textContent : null",
    );
    let reviewed = reviewed
        .as_str()
        .expect("the override is shown after a reload")
        .to_string();
    // The reviewer reads statuses in Chinese.
    let zh = |m: &str| luoshi::vocab::word(m, luoshi::vocab::Lang::Zh).to_string();
    assert!(
        reviewed.contains(&zh(other)) && reviewed.contains("复核：报告另有说明"),
        "{reviewed}"
    );
    assert!(
        reviewed.contains(&format!("机器：{}", zh(&machine))),
        "{reviewed}"
    );
    b.js("document.querySelector('#tasks tr[data-task=t1]').scrollIntoView(); return 0");
    b.screenshot(&shots().join("4-unit-override.png"));
    let api = s.get(&format!("/api/units/{}/2009", enc("国务院"))).json();
    let t1 = api["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "t1")
        .unwrap()
        .clone();
    assert_eq!(t1["review"]["status"], other);
    assert_eq!(t1["review"]["note"], "复核：报告另有说明");

    // The hostile unit: its names show as text, nothing from them runs or becomes an element.
    let hostile_unit = format!("{base}/units/{}/2023", enc(HOSTILE_UNIT));
    let plan_path = s
        .get(&format!("/api/units/{}/2023", enc(HOSTILE_UNIT)))
        .json()["plan"]["path"]
        .as_str()
        .unwrap()
        .to_string();
    for (i, url) in [
        format!("{base}/units"),
        hostile_unit,
        format!("{base}/doc?path={}", enc(&plan_path)),
        format!("{base}/?q={}", enc("集中学习")),
    ]
    .iter()
    .enumerate()
    {
        b.goto(url);
        assert_eq!(b.alert(), None, "{url}: an alert fired");
        let created = b.js("return document.querySelectorAll('script, img, [onerror]').length");
        assert_eq!(
            created.as_u64(),
            Some(0),
            "{url}: an element came from a document"
        );
        let text = b.js("return document.body.innerText");
        let text = text.as_str().unwrap();
        assert!(
            text.contains("<script>") || text.contains("onerror=alert"),
            "{url}: hostile text not shown"
        );
        b.screenshot(&shots().join(format!("5-hostile-{i}.png")));
    }
}
