//! What `luoshi extract` prints: a document's outline, tasks, sections, figures and placeholders,
//! with spans as character offsets into the normalised text.

use crate::align::TargetView;
use crate::doc::{CharMap, Span};
use crate::extract::report::ReportFacts;
use crate::extract::role::Role;
use crate::outline::Outline;
use crate::Analyzed;
use serde_json::{json, Value};

fn span_json(text: &str, cmap: &CharMap, s: Span) -> Value {
    json!({"text": s.of(text), "start": cmap.char_at(s.start), "end": cmap.char_at(s.end)})
}

fn outline_json(a: &Analyzed, cmap: &CharMap, i: usize) -> Value {
    let o: &Outline = &a.outline;
    let n = &o.nodes[i];
    json!({
        "path": n.path,
        "marker": n.marker,
        "level": n.level,
        "title": n.title,
        "start": cmap.char_at(n.span.start),
        "end": cmap.char_at(n.span.end),
        "children": n.children.iter().map(|&c| outline_json(a, cmap, c)).collect::<Vec<_>>(),
    })
}

/// The extraction of one analysed document as the JSON object CONVENTIONS.md describes.
pub fn extraction_json(a: &Analyzed, facts: Option<&ReportFacts>) -> Value {
    let d = &a.doc;
    let text = &d.text;
    let cmap = CharMap::new(text);
    let roles: Vec<Role> = match facts {
        Some(f) => f.roles.clone(),
        None => Vec::new(),
    };
    let sections: Vec<Value> = a
        .outline
        .nodes
        .iter()
        .filter(|n| n.is_numbered())
        .map(|n| {
            json!({
                "path": n.path,
                "title": n.title,
                "role": roles.get(n.paragraph).map(|r| r.as_str()),
            })
        })
        .collect();
    let tasks: Vec<Value> = a
        .tasks
        .iter()
        .map(|t| {
            let target_json = |tg: &crate::extract::Target| {
                let v = TargetView::of(tg, text, 0);
                json!({"period": v.period, "comparator": v.comparator, "value": v.value, "unit": v.unit,
                       "action": v.action, "span": v.span,
                       "start": cmap.char_at(tg.span.start), "end": cmap.char_at(tg.span.end)})
            };
            json!({
                "id": t.id,
                "path": t.path,
                "title": t.title,
                "text": t.text,
                "start": cmap.char_at(t.span.start),
                "end": cmap.char_at(t.span.end),
                "keywords": t.keywords,
                "commitments": t.commitments.iter().map(|c| json!({
                    "id": c.id,
                    "text": c.text,
                    "start": cmap.char_at(c.span.start),
                    "end": cmap.char_at(c.span.end),
                    "targets": c.targets.iter().map(target_json).collect::<Vec<_>>(),
                    "deadlines": c.deadlines,
                    "responsible": c.responsible,
                })).collect::<Vec<_>>(),
                "targets": t.targets.iter().map(target_json).collect::<Vec<_>>(),
                "deadlines": t.deadlines,
                "responsible": t.responsible,
            })
        })
        .collect();
    let (figures, placeholders, masked): (Vec<Value>, Vec<Value>, Vec<Value>) = match facts {
        Some(f) => (
            f.figures
                .iter()
                .map(|g| {
                    json!({"value": g.value, "unit": g.unit, "approx": g.approx, "action": g.action,
                           "span": span_json(text, &cmap, g.span), "section_role": g.role.as_str()})
                })
                .collect(),
            f.placeholders
                .iter()
                .map(|p| {
                    json!({"kind": p.kind, "span": span_json(text, &cmap, p.span), "section_role": p.role.as_str()})
                })
                .collect(),
            f.masked_names.iter().map(|m| span_json(text, &cmap, m.span)).collect(),
        ),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    let mut v = json!({
        "path": d.id(),
        "unit": d.meta.unit,
        "year": d.meta.year,
        "kind": d.meta.kind.as_str(),
        "title": d.meta.title,
        "outline": a.outline.roots().map(|i| outline_json(a, &cmap, i)).collect::<Vec<_>>(),
        "tasks": tasks,
        "sections": sections,
        "figures": figures,
        "placeholders": placeholders,
        "masked_names": masked,
    });
    if let Some(original) = &d.original {
        show_original(&mut v, text, original);
    }
    v
}

/// Every text of the document in the JSON shown in the characters it was written in: a
/// Traditional document is read folded to Simplified with the same byte offsets
/// (`load::fold`), so the same bytes of the original hold each verbatim string.
fn show_original(v: &mut Value, folded: &str, original: &str) {
    match v {
        Value::String(s) if !s.is_ascii() => {
            if let Some(o) = folded
                .find(s.as_str())
                .and_then(|at| original.get(at..at + s.len()))
            {
                *s = o.to_string();
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|x| show_original(x, folded, original)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|x| show_original(x, folded, original)),
        _ => {}
    }
}

/// Roles of a plan's paragraphs are not report roles; only reports get sections with roles.
pub fn report_facts_for(a: &Analyzed, seg: &crate::Segmenter) -> Option<ReportFacts> {
    (a.doc.meta.kind == crate::Kind::Report)
        .then(|| crate::extract::report::extract_report(&a.doc, seg))
}
