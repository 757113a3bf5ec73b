//! The trend chart drawn on the server as SVG: no script, no external asset.

use crate::index::TrendRow;
use maud::{html, Markup};

const COLOURS: [&str; 4] = ["#8b1a1a", "#2f6db3", "#3c8d40", "#b07a00"];

/// Grouped bars: per bucket, one bar per term, height = plan plus report documents mentioning it.
pub fn trend_chart(rows: &[TrendRow]) -> Markup {
    let mut buckets: Vec<&str> = Vec::new();
    let mut terms: Vec<&str> = Vec::new();
    for r in rows {
        if !buckets.contains(&r.bucket.as_str()) {
            buckets.push(&r.bucket);
        }
        if !terms.contains(&r.term.as_str()) {
            terms.push(&r.term);
        }
    }
    let value = |b: &str, t: &str| {
        rows.iter()
            .find(|r| r.bucket == b && r.term == t)
            .map_or(0, |r| r.plan_documents + r.report_documents)
    };
    let max = rows
        .iter()
        .map(|r| r.plan_documents + r.report_documents)
        .max()
        .unwrap_or(0)
        .max(1);
    let (left, top, plot_h) = (40usize, 20usize, 200usize);
    let bar_w = 18usize;
    let group_w = bar_w * terms.len().max(1) + 14;
    let width = left + group_w * buckets.len().max(1) + 20;
    let height = top + plot_h + 60 + 18 * terms.len();
    let y = |v: usize| top + plot_h - v * plot_h / max;
    html! {
        svg id="trend-chart" xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
            viewBox={ "0 0 " (width) " " (height) } role="img" {
            title { "每组提及这些词语的文档数" }
            line x1=(left) y1=(top + plot_h) x2=(width - 10) y2=(top + plot_h) stroke="#444" {}
            line x1=(left) y1=(top) x2=(left) y2=(top + plot_h) stroke="#444" {}
            text x=(left - 4) y=(top + 4) text-anchor="end" { (max) }
            text x=(left - 4) y=(top + plot_h) text-anchor="end" { "0" }
            @for (bi, b) in buckets.iter().enumerate() {
                @let gx = left + 8 + bi * group_w;
                @for (ti, t) in terms.iter().enumerate() {
                    @let v = value(b, t);
                    rect x=(gx + ti * bar_w) y=(y(v)) width=(bar_w - 2) height=(top + plot_h - y(v))
                        fill=(COLOURS[ti % COLOURS.len()]) data-term=(t) data-bucket=(b) data-value=(v) {
                        title { (b) " · " (t) "：" (v) }
                    }
                }
                text x=(gx) y=(top + plot_h + 16) { (b) }
            }
            @for (ti, t) in terms.iter().enumerate() {
                rect x=(left) y=(top + plot_h + 30 + ti * 18) width="12" height="12" fill=(COLOURS[ti % COLOURS.len()]) {}
                text x=(left + 18) y=(top + plot_h + 41 + ti * 18) { (t) }
            }
        }
    }
}
