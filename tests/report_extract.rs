//! Report extraction on the real seeds and pair reports: gap counts against ../shared/gold, roles.

mod util;

use luoshi::extract::report::{extract_report, ReportFacts};
use luoshi::extract::{PlaceholderKind, Role};
use luoshi::Doc;

fn facts(prefix: &str) -> (Doc, ReportFacts) {
    let doc = util::load_docs(&util::seed(prefix)).remove(0);
    let f = extract_report(&doc, &luoshi::Segmenter::shared());
    (doc, f)
}

/// The role of the first paragraph starting with `head`.
fn role_of_paragraph(doc: &Doc, f: &ReportFacts, head: &str) -> Role {
    let i = (0..doc.paragraphs.len())
        .find(|i| doc.paragraph_text(*i).starts_with(head))
        .unwrap_or_else(|| panic!("no paragraph starting with {head}"));
    f.roles[i]
}

#[test]
fn placeholder_and_masked_name_counts_match_gold() {
    let mut rows = 0;
    for cols in util::gold_tsv("placeholders.tsv") {
        let (file, kind, want): (&str, &str, usize) =
            (&cols[0], &cols[1], cols[2].parse().unwrap());
        let doc = util::load_docs(&util::shared().join("seeds").join(file)).remove(0);
        let f = extract_report(&doc, &luoshi::Segmenter::shared());
        let got = match kind {
            "number" => f
                .placeholders
                .iter()
                .filter(|p| p.kind == PlaceholderKind::Number)
                .count(),
            "text" => f
                .placeholders
                .iter()
                .filter(|p| p.kind == PlaceholderKind::Text)
                .count(),
            "name" => f.masked_names.len(),
            other => panic!("unknown kind {other}"),
        };
        assert_eq!(got, want, "{file} {kind}");
        rows += 1;
    }
    assert!(rows >= 5);
}

#[test]
fn spans_point_into_the_text() {
    for prefix in ["002", "003"] {
        let (doc, f) = facts(prefix);
        assert_eq!(f.roles.len(), doc.paragraphs.len());
        for p in &f.placeholders {
            assert!(doc.text.get(p.span.start..p.span.end).is_some());
        }
        for n in &f.masked_names {
            let s = n.span.of(&doc.text);
            assert!(s.contains('*') || s.contains("XX"), "{s}");
        }
    }
}

#[test]
fn seed_003_mixed_section_is_decided_per_paragraph() {
    let (doc, f) = facts("003");
    assert_eq!(
        role_of_paragraph(&doc, &f, "经过一年的努力"),
        Role::Shortcoming
    );
    assert_eq!(role_of_paragraph(&doc, &f, "2023年"), Role::NextSteps);
    assert_eq!(role_of_paragraph(&doc, &f, "（一）"), Role::Achievement);
    assert_eq!(f.roles[0], Role::Preamble);
    // Reported figures: 专题研究…2次 and 廉政谈话60余人次.
    let talk = f
        .figures
        .iter()
        .find(|x| x.unit == "人次")
        .expect("60余人次");
    assert_eq!(talk.value, 60.0);
    assert!(talk.approx);
    assert!(talk.action.contains("谈话"), "{}", talk.action);
    assert!(f
        .figures
        .iter()
        .any(|x| x.value == 2.0 && x.unit == "次" && x.role == Role::Achievement));
}

#[test]
fn seed_002_parts_in_order() {
    let (doc, f) = facts("002");
    assert_eq!(role_of_paragraph(&doc, &f, "今年以来"), Role::Preamble);
    assert_eq!(role_of_paragraph(&doc, &f, "一、"), Role::Achievement);
    assert_eq!(role_of_paragraph(&doc, &f, "经查摆检视"), Role::Shortcoming);
    assert_eq!(
        role_of_paragraph(&doc, &f, "（1）责任落实"),
        Role::Shortcoming
    );
    assert_eq!(role_of_paragraph(&doc, &f, "下步工作"), Role::NextSteps);
    for head in ["一是", "二是", "三是", "四是"] {
        assert_eq!(role_of_paragraph(&doc, &f, head), Role::NextSteps, "{head}");
    }
    // Every gap of the template sits in the achievements part.
    assert!(f.placeholders.iter().all(|p| p.role == Role::Achievement));
}

#[test]
fn pair_reports_are_mostly_achievements() {
    let reports: Vec<_> = util::pair_texts()
        .into_iter()
        .filter(|p| p.ends_with("report.txt"))
        .collect();
    assert_eq!(reports.len(), 9);
    // Most reviews close on the problems they saw (sc_2009 closes on lessons learnt instead).
    let mut closing_problems = 0;
    for path in reports {
        for doc in util::load_docs(&path) {
            let f = extract_report(&doc, &luoshi::Segmenter::shared());
            let n = f.roles.len();
            let ach = f.roles.iter().filter(|r| **r == Role::Achievement).count();
            // Three quarters at least: sc_2006 closes on six paragraphs of problems out of 34.
            assert!(
                ach * 4 >= n * 3,
                "{}: {ach}/{n} achievement",
                path.display()
            );
            if f.roles.last() == Some(&Role::Shortcoming) {
                closing_problems += 1;
            }
            assert!(f.placeholders.is_empty() && f.masked_names.is_empty());
        }
    }
    assert!(closing_problems >= 6, "{closing_problems}");
}
