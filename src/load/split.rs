//! One file, several documents: `（-）` separators and a second title line followed by a restart at 一、.

use crate::normalize::Normalized;
use crate::outline::marker::{self, Style};

/// Words that make a short unpunctuated line a document title.
const TITLE_WORDS: [&str; 12] = [
    "计划",
    "要点",
    "方案",
    "清单",
    "报告",
    "汇报",
    "总结",
    "安排",
    "部署",
    "回顾",
    "重点工作",
    "意见",
];

/// A line that reads as a document title: short, unnumbered, unpunctuated, naming a kind of document.
pub fn is_title_line(line: &str) -> bool {
    let n = line.chars().count();
    (4..=60).contains(&n)
        && !line.contains('。')
        && !line.ends_with(['；', '：', '，', ';', ':', ','])
        && TITLE_WORDS.iter().any(|w| line.contains(w))
}

fn is_count_note(line: &str) -> bool {
    // "(2篇)" under a file title says how many documents follow.
    let t = line.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）'));
    t.ends_with('篇') && t.chars().count() <= 4
}

/// Paragraph ranges, one per document held in the file, in order.
pub fn split_documents(n: &Normalized) -> Vec<std::ops::Range<usize>> {
    let lines: Vec<&str> = n.paragraphs.iter().map(|p| p.span.of(&n.text)).collect();
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (end of previous doc, start of next doc)
    let mut seen_item = false;
    for (i, line) in lines.iter().enumerate() {
        if marker::is_separator(line) {
            cuts.push((i, i + 1));
            seen_item = false;
            continue;
        }
        if let Some(m) = marker::line_marker(line) {
            let _ = m;
            seen_item = true;
            continue;
        }
        if seen_item && is_title_line(line) && restarts_after(&lines, i + 1) {
            cuts.push((i, i));
            seen_item = false;
        }
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    for (end, next) in cuts {
        if end > start {
            ranges.push(start..end);
        }
        start = next;
    }
    if start < lines.len() {
        ranges.push(start..lines.len());
    }
    // A leading block of only a file title and "(2篇)" is the container's header, not a document.
    if ranges.len() > 1 {
        let first = &ranges[0];
        if lines[first.clone()]
            .iter()
            .all(|l| is_title_line(l) || is_count_note(l))
        {
            ranges.remove(0);
        }
    }
    if ranges.is_empty() {
        ranges.push(0..lines.len());
    }
    ranges
}

fn restarts_after(lines: &[&str], from: usize) -> bool {
    lines
        .iter()
        .skip(from)
        .take(3)
        .filter_map(|l| marker::line_marker(l))
        .any(|m| m.style == Style::Chinese && m.number == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;

    #[test]
    fn a_second_title_with_a_restart_starts_a_document() {
        let n = normalize("甲单位2023年工作计划\n一、学习\n1.每月学习。\n乙单位2023年责任清单\n说明。\n一、责任\n1.谈心谈话。\n");
        let r = split_documents(&n);
        assert_eq!(r, vec![0..3, 3..7]);
    }

    #[test]
    fn separator_and_container_header() {
        let n = normalize("清单及责任清单\n(2篇)\n（-）\n任务清单\n一、甲\n第一，乙。\n责任清单\n一、丙\n1.丁。\n");
        let r = split_documents(&n);
        assert_eq!(r, vec![3..6, 6..9]);
    }

    #[test]
    fn a_plain_plan_is_one_document() {
        let n = normalize("2023年工作计划\n一、目标\n二、任务\n（一）学习。\n");
        assert_eq!(split_documents(&n), vec![0..4]);
    }
}
