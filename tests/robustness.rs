//! No input panics any stage: arbitrary and adversarial text through normalise, split, outline,
//! extraction and gap alignment.

use luoshi::doc::{Doc, Kind, Meta};
use luoshi::normalize::normalize;
use luoshi::{analyze, Segmenter};
use proptest::prelude::*;

fn doc_of(raw: &str, kind: Kind) -> Vec<Doc> {
    let n = normalize(raw);
    luoshi::load::split::split_documents(&n)
        .into_iter()
        .map(|r| {
            let (text, paragraphs) = luoshi::load::slice_paragraphs(&n, r);
            Doc {
                path: "prop.txt".into(),
                index: 0,
                meta: Meta {
                    unit: "u".into(),
                    year: Some(2023),
                    kind,
                    title: String::new(),
                    sources: Default::default(),
                },
                encoding: "UTF-8".into(),
                original: None,
                text,
                paragraphs,
                title_paragraph: None,
                hash: String::new(),
            }
        })
        .collect()
}

fn run_all(raw: &str) {
    let seg = Segmenter::shared();
    let reports: Vec<luoshi::Analyzed> = doc_of(raw, Kind::Report)
        .into_iter()
        .map(|d| analyze(d, &seg))
        .collect();
    for plan in doc_of(raw, Kind::Plan) {
        let p = analyze(plan, &seg);
        for t in &p.tasks {
            assert!(p.doc.text.get(t.span.start..t.span.end).is_some());
            for c in &t.commitments {
                assert_eq!(&p.doc.text[c.span.start..c.span.end], c.text);
            }
        }
        for r in &reports {
            let facts = luoshi::extract::report::extract_report(&r.doc, &seg);
            for ph in &facts.placeholders {
                assert!(r.doc.text.get(ph.span.start..ph.span.end).is_some());
            }
            let g = luoshi::gap(&[&p], r, &seg);
            for t in &g.tasks {
                for e in &t.evidence {
                    assert!(e.quote.chars().count() <= luoshi::align::MAX_QUOTE_CHARS);
                }
            }
        }
    }
}

/// Pieces real documents are made of, so random text hits the parser's paths.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("一、".to_string()),
        Just("（一）".to_string()),
        Just("1.".to_string()),
        Just("（1）".to_string()),
        Just("①".to_string()),
        Just("一是".to_string()),
        Just("第一，".to_string()),
        Just("（-）".to_string()),
        Just("\n".to_string()),
        Just("。".to_string()),
        Just("，".to_string()),
        Just("每月学习不少于1次".to_string()),
        Just("多少次".to_string()),
        Just("*****党组".to_string()),
        Just("存在的问题".to_string()),
        Just("下一步打算".to_string()),
        Just("2023年工作计划".to_string()),
        Just("“七一”前后".to_string()),
        "\\PC{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,400}") {
        run_all(&s);
    }

    #[test]
    fn document_shaped_text_never_panics(parts in proptest::collection::vec(fragment(), 0..120)) {
        run_all(&parts.concat());
    }
}

#[test]
fn adversarial_inputs_never_panic() {
    let long_line = "全年至少开展1次警示教育，".repeat(8_000); // ~100k characters on one line
    run_all(&long_line);
    let nested: String = (1..=200)
        .map(|i| {
            format!(
                "{}、（{}）{}.（{}）①一是第一，内容。\n",
                i % 10 + 1,
                i,
                i,
                i
            )
        })
        .collect();
    run_all(&nested);
    run_all(&"一、\n（一）\n1.\n（1）\n①\n".repeat(500));
    run_all("（-）\n（-）\n（-）");
    run_all("\u{0}\u{feff}\u{3000}\r\n\r\n");
}
