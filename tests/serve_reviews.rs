//! Reviews through `luoshi serve`: CSRF, persistence across a restart and a batch re-run, stale
//! reviews when the plan text changes, concurrent saves, and `luoshi reviews export`.

mod serve_util;
mod util;

use serde_json::json;
use serve_util::{enc, Server};
use std::path::Path;
use util::*;

/// A department of two units of the corpus (国务院 2009, 海拉尔区人民政府 2013), batch-processed.
fn department() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for (unit, year) in [("国务院", "2009"), ("海拉尔区人民政府", "2013")] {
        copy_dir(
            &root().join("corpus").join(unit).join(year),
            &tmp.path().join("dept").join(unit).join(year),
        );
    }
    batch(tmp.path());
    tmp
}

fn batch(dir: &Path) {
    let o = luoshi(
        dir,
        &["batch", "dept", "--out", "out", "--index", "idx", "--quiet"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

fn start(dir: &Path) -> Server {
    Server::start(dir, &["--index", "idx", "--out", "out", "--quiet"])
}

/// The CSRF token of the unit page's review forms.
fn csrf(s: &Server, unit: &str, year: &str) -> String {
    let page = s.get(&format!("/units/{}/{year}", enc(unit))).text();
    let at = page.find("name=\"csrf\" value=\"").expect("a review form") + 19;
    page[at..at + 64].to_string()
}

fn task(s: &Server, unit: &str, year: &str, id: &str) -> serde_json::Value {
    let v = s.get(&format!("/api/units/{}/{year}", enc(unit))).json();
    v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no task {id}"))
        .clone()
}

#[test]
fn an_override_needs_the_csrf_token_and_survives_restart_and_rerun() {
    let tmp = department();
    let dir = tmp.path().to_path_buf();
    let s = start(&dir);
    let unit = "国务院";
    let machine = task(&s, unit, "2009", "t1")["status"]
        .as_str()
        .unwrap()
        .to_string();
    let other = if machine == "missing" {
        "done"
    } else {
        "missing"
    };
    let form = |token: &str| {
        vec![
            ("csrf", token.to_string()),
            ("unit", unit.to_string()),
            ("year", "2009".to_string()),
            ("task_id", "t1".to_string()),
            ("status", other.to_string()),
            ("note", "报告第三部分有<b>说明</b>".to_string()),
        ]
    };
    let as_refs = |f: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { f.clone() };
    let post = |f: Vec<(&str, String)>| {
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
        s.post_form("/reviews", &pairs, &[])
    };
    let refused = post(as_refs(&form("0".repeat(64).as_str())));
    assert_eq!(refused.status, 400, "{}", refused.text());
    assert!(task(&s, unit, "2009", "t1").get("review").is_none());
    let token = csrf(&s, unit, "2009");
    let saved = post(form(&token));
    assert_eq!(saved.status, 303, "{}", saved.text());
    assert!(saved.header("location").unwrap().ends_with("#task-t1"));
    let check = |s: &Server| {
        let t = task(s, unit, "2009", "t1");
        assert_eq!(t["status"], machine.as_str(), "the machine's status stays");
        assert_eq!(t["review"]["status"], other);
        assert_eq!(t["review"]["machine_status"], machine.as_str());
        assert_eq!(t["review"]["stale"], false);
        let page = s.get(&format!("/units/{}/2009", enc(unit))).text();
        assert!(
            page.contains("报告第三部分有&lt;b&gt;说明&lt;/b&gt;"),
            "note shown as text"
        );
        let listed = s
            .get(&format!("/api/reviews?unit={}&year=2009", enc(unit)))
            .json();
        assert_eq!(listed.as_array().unwrap().len(), 1);
        let units = s.get("/api/units").json();
        let row = units
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit"] == unit)
            .unwrap()
            .clone();
        assert_eq!(row["reviewed"], 1);
    };
    check(&s);
    assert_eq!(s.interrupt(), Some(0));
    batch(&dir);
    let s = start(&dir);
    check(&s);
}

#[test]
fn a_changed_plan_text_marks_its_old_review_stale() {
    let tmp = department();
    let dir = tmp.path().to_path_buf();
    let s = start(&dir);
    let unit = "海拉尔区人民政府";
    let t1 = task(&s, unit, "2013", "t1");
    let t2 = task(&s, unit, "2013", "t2");
    let token = csrf(&s, unit, "2013");
    for id in ["t1", "t2"] {
        let r = s.post_json(
            "/api/reviews",
            &json!({"csrf": token, "unit": unit, "year": "2013", "task_id": id, "status": "confirm"}),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.json()["stale"], false);
    }
    drop(s);
    // Reword task 1 of the plan only; task 2 keeps its text.
    let plan = dir.join("dept").join(unit).join("2013/plan.txt");
    let text = std::fs::read_to_string(&plan).unwrap();
    let head: String = t1["text"].as_str().unwrap().chars().take(12).collect();
    assert!(
        text.contains(&head),
        "task 1 text not found in the plan file"
    );
    std::fs::write(&plan, text.replacen(&head, &format!("{head}（修订）"), 1)).unwrap();
    batch(&dir);
    let s = start(&dir);
    let new_t1 = task(&s, unit, "2013", "t1");
    assert_ne!(new_t1["text"], t1["text"]);
    assert_eq!(new_t1["review"]["stale"], true);
    let new_t2 = task(&s, unit, "2013", "t2");
    assert_eq!(new_t2["text"], t2["text"]);
    assert_eq!(new_t2["review"]["stale"], false);
    let page = s.get(&format!("/units/{}/2013", enc(unit))).text();
    assert_eq!(page.matches("class=\"stale\"").count(), 1);
}

#[test]
fn sixteen_concurrent_saves_lose_none() {
    let tmp = department();
    let dir = tmp.path().to_path_buf();
    let s = start(&dir);
    let unit = "国务院";
    let token = csrf(&s, unit, "2009");
    let ids: Vec<String> = s.get(&format!("/api/units/{}/2009", enc(unit))).json()["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .take(16)
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 16);
    std::thread::scope(|sc| {
        for (i, id) in ids.iter().enumerate() {
            let (s, token) = (&s, &token);
            sc.spawn(move || {
                let status = ["done", "partial", "missing"][i % 3];
                let r = s.post_json(
                    "/api/reviews",
                    &json!({"csrf": token, "unit": unit, "year": "2009", "task_id": id,
                            "status": status, "note": format!("审核 {i}")}),
                );
                assert_eq!(r.status, 200, "{}", r.text());
            });
        }
    });
    let all = s.get("/api/reviews").json();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 16);
    for (i, id) in ids.iter().enumerate() {
        let r = all.iter().find(|r| r["task_id"] == id.as_str()).unwrap();
        assert_eq!(r["status"], ["done", "partial", "missing"][i % 3]);
        assert_eq!(r["note"], format!("审核 {i}"));
    }
}

#[test]
fn reviews_export_writes_pairs_that_eval_reads() {
    let tmp = department();
    let dir = tmp.path().to_path_buf();
    let s = start(&dir);
    let unit = "国务院";
    let token = csrf(&s, unit, "2009");
    let tasks = s.get(&format!("/api/units/{}/2009", enc(unit))).json()["tasks"].clone();
    for (i, t) in tasks.as_array().unwrap().iter().take(6).enumerate() {
        let status = ["done", "partial", "missing"][i % 3];
        let r = s.post_json(
            "/api/reviews",
            &json!({"csrf": token, "unit": unit, "year": "2009", "task_id": t["id"], "status": status}),
        );
        assert_eq!(r.status, 200, "{}", r.text());
    }
    drop(s);
    let o = luoshi(&dir, &["reviews", "export", "exported", "--out", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let pair = dir.join("exported").join("国务院-2009");
    let gold = std::fs::read_to_string(pair.join("gold.csv")).unwrap();
    let rows: Vec<&str> = gold.lines().skip(1).collect();
    assert_eq!(rows.len(), 6, "{gold}");
    assert!(
        rows[0].starts_with("t1,") && rows[0].contains(",yes,"),
        "{}",
        rows[0]
    );
    assert!(rows[2].contains(",no,"), "{}", rows[2]);
    let e = luoshi(&dir, &["eval", "exported", "--format", "json"]);
    assert_eq!(e.status.code(), Some(0), "{}", stderr(&e));
    let v: serde_json::Value = serde_json::from_str(&stdout(&e)).unwrap();
    assert_eq!(v["overall"]["unmatched"], 0, "{}", stdout(&e));
    let none = luoshi(&dir, &["reviews", "export", "x", "--out", "nowhere"]);
    assert_eq!(none.status.code(), Some(1), "{}", stderr(&none));
}
