//! Stage 2: decoded text to one normalised text with paragraph boundaries and a map back to the source.

use crate::doc::{Paragraph, Span};
use crate::outline::marker;
use regex::Regex;
use std::sync::LazyLock;
use unicode_width::UnicodeWidthStr;

/// Scraping residue such as `##paidbegin##` left by the sites documents are copied from.
static RESIDUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"##[A-Za-z_][A-Za-z0-9_]*##").expect("residue regex"));

/// Page furniture a printed page leaves in its text (— 3 —, －12－ folded to -12-, 第3页, 第 3 页 共
/// 10 页, 3/10): never a paragraph.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-—–―─]+\s*\d{1,4}\s*[-—–―─]+|第\s*\d{1,4}\s*页(?:\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$")
        .expect("page number regex")
});

/// A line shorter than this (in characters) without closing punctuation is a heading, never a wrapped line.
const WRAP_MIN_CHARS: usize = 40;

/// The normalised text of one file before it is split into documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    pub paragraphs: Vec<Paragraph>,
}

/// Folds full-width digits and Latin letters to half-width (jieba would split `６０` per character),
/// keeping Chinese punctuation （）“”，。 as written.
pub fn fold_width(line: &str) -> String {
    line.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '％' | '．' | '＋' | '－' | '／' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '\u{a0}' => ' ',
            _ => c,
        })
        .collect()
}

/// Cleans one source line: residue removed, width folded, indentation and trailing blanks trimmed,
/// and the blanks Chinese does not write dropped.
pub fn clean_line(line: &str) -> String {
    let line = line.trim_end_matches(['\r', '\n']);
    let without = RESIDUE.replace_all(line, "");
    let folded = fold_width(&without);
    let trimmed =
        folded.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}');
    drop_inner_blanks(trimmed)
}

/// Drops the blanks a copied or justified page leaves inside Chinese text: next to Chinese
/// punctuation (（六） 更加, 使用， 67栋), between a Han character and a Latin letter or digit
/// (营业执照 1239户, 2016 年), and between letter-spaced single characters (各 位 代 表). A blank
/// between two words of Han characters (王小明 李红) or two Latin ones (PM 2.5) stays.
fn drop_inner_blanks(line: &str) -> String {
    let blank = |c: char| c.is_whitespace() || c == '\u{3000}';
    if !line.contains(blank) {
        return line.to_string();
    }
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let chars: Vec<char> = line.chars().collect();
    // A Han character standing alone between blanks, the line's ends or non-Han characters.
    let single = |k: usize| {
        han(chars[k]) && (k == 0 || !han(chars[k - 1])) && chars.get(k + 1).is_none_or(|&c| !han(c))
    };
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !blank(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && blank(chars[i]) {
            i += 1;
        }
        let (Some(before), Some(&after)) = (start.checked_sub(1), chars.get(i)) else {
            continue;
        };
        let a = chars[before];
        let keep = if a.is_ascii() && after.is_ascii() {
            true
        } else if han(a) && han(after) {
            !(single(before) && single(i))
        } else {
            // Chinese punctuation on either side, or Han beside Latin.
            false
        };
        if keep {
            out.extend(&chars[start..i]);
        }
    }
    out
}

/// Characters no paragraph starts with: they continue the sentence of the line before.
const CONTINUING: [char; 16] = [
    '，', '、', '；', '：', '。', '！', '？', '”', '’', '）', '」', '』', '】', ',', ';', '!',
];

/// Characters no paragraph ends with: a quote or bracket opened here closes on the next line.
const OPENING: [char; 6] = ['“', '‘', '（', '「', '『', '【'];

fn ends_open(line: &str) -> bool {
    !matches!(
        line.chars().last(),
        Some(
            '。' | '！'
                | '？'
                | '；'
                | '：'
                | '…'
                | '”'
                | '’'
                | '）'
                | ')'
                | '」'
                | '』'
                | '】'
                | '!'
                | '?'
                | ';'
                | ':'
                | '.'
        )
    )
}

/// Lines a file was hard-wrapped at (公文 printed 28 characters a line, then saved as text): the
/// length in characters and in display width (Han two, ASCII one) that most lines share, when
/// enough of them share it that the file cannot be one paragraph a line. `None` for ordinary text.
fn hard_wrap(raw: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim_start_matches([' ', '\u{3000}', '\t']).is_empty())
        .collect();
    let mode = |measure: &dyn Fn(&str) -> usize, slack: usize| -> Option<(usize, usize)> {
        let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
        for l in &lines {
            *counts.entry(measure(l)).or_default() += 1;
        }
        // The longest length shared by most lines, with the lines just short of it (a Han
        // character that did not fit) counted in.
        counts
            .keys()
            .map(|&w| {
                let near = counts
                    .range(w.saturating_sub(slack)..=w)
                    .map(|(_, n)| n)
                    .sum();
                (w, near)
            })
            .max_by_key(|&(w, near)| (near, w))
    };
    let chars = |l: &str| l.chars().count();
    let (c, c_lines) = mode(&chars, 1)?;
    // Laid-out width: Han, full-width and (in Chinese text) ambiguous characters two, ASCII one.
    let (w, w_lines) = mode(&UnicodeWidthStr::width_cjk, 2)?;
    let shared = c_lines.max(w_lines);
    (c >= WRAP_SHORTEST && shared >= WRAP_LINES && shared * 10 >= lines.len() * 3).then_some((c, w))
}

/// A hard wrap is at least this many characters wide: shorter shared lengths are headings.
const WRAP_SHORTEST: usize = 16;

/// A hard wrap shows on at least this many lines.
const WRAP_LINES: usize = 6;

/// Whether a raw line opens indented (　　 or spaces), the way a paragraph starts in a wrapped file.
fn indented(line: &str) -> bool {
    line.starts_with([' ', '\u{3000}', '\t'])
}

/// Normalises decoded text: one paragraph per non-empty line, wrapped lines joined back.
pub fn normalize(raw: &str) -> Normalized {
    let mut text = String::with_capacity(raw.len());
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut offset = 0usize;
    let mut prev_open = false;
    let wrap = hard_wrap(raw);
    let mut prev_full = false;
    let (mut blank, mut page_break) = (false, false);
    let mut last_number: std::collections::HashMap<marker::Style, u32> = Default::default();
    for (i, line) in raw.split_inclusive('\n').enumerate() {
        let line_start = offset;
        offset += line.len();
        let cleaned = clean_line(line);
        if cleaned.is_empty() {
            blank = true;
            continue;
        }
        // A page number is no paragraph, and the text runs on across the page it ends.
        if PAGE_NUMBER.is_match(&cleaned) {
            page_break = true;
            continue;
        }
        // A blank line ends a paragraph, unless it only frames a page number.
        if blank && !page_break {
            prev_open = false;
            prev_full = false;
        }
        (blank, page_break) = (false, false);
        // A line can never open on a comma or a closing quote: the scraper broke it out of the
        // sentence before (…开启\n全面建设…新征程\n，我们将…; 做到“\n两个维护\n”，…).
        let continues = !paragraphs.is_empty() && cleaned.starts_with(CONTINUING);
        let joins = (prev_open || continues) && !marker::starts_with_marker(&cleaned);
        // In a hard-wrapped file a line that does not open indented goes on from a full one,
        // also when the wrap put an inline enumerator (三是, 第二，) first. A heading's marker
        // (（一）, 1.) still starts a paragraph when it opens a list or follows the last of its
        // style; 三、铭之肺腑 after …我们要念之再 does not.
        let marker = marker::line_marker(&cleaned);
        let joins = joins
            || (prev_full
                && !indented(line)
                && marker.as_ref().is_none_or(|m| {
                    matches!(m.style, marker::Style::Shi | marker::Style::Ordinal)
                        || !(m.number == 1
                            || (m.number > 1 && last_number.get(&m.style) == Some(&(m.number - 1))))
                }));
        if !joins {
            if let Some(m) = &marker {
                last_number.insert(m.style, m.number);
            }
        }
        if joins {
            text.push_str(&cleaned);
            if let Some(p) = paragraphs.last_mut() {
                p.span.end = text.len();
            }
        } else {
            if !text.is_empty() {
                text.push('\n');
            }
            let start = text.len();
            text.push_str(&cleaned);
            paragraphs.push(Paragraph {
                span: Span::new(start, text.len()),
                source_line: i + 1,
                source_offset: line_start,
            });
        }
        let last = paragraphs.last().map(|p| p.span.of(&text)).unwrap_or("");
        // A numbered line without closing punctuation is a heading unless it is far too long for one.
        let n = last.chars().count();
        let heading = marker::starts_with_marker(last) && n < 2 * WRAP_MIN_CHARS;
        prev_open = (ends_open(last) && n >= WRAP_MIN_CHARS && !heading) || last.ends_with(OPENING);
        // A line that fills the wrap's width (less one Han character) runs on.
        prev_full = wrap.is_some_and(|(chars, width)| {
            let l = line.trim_end();
            l.chars().count() + 1 >= chars || l.width_cjk() + 2 >= width
        });
    }
    Normalized { text, paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residue_and_indentation_go_width_folds() {
        let n = normalize("　　##paidbegin##市直属机关作为６０％以上\r\n\n　　二、主要任务\n");
        assert_eq!(n.text, "市直属机关作为60%以上\n二、主要任务");
        assert_eq!(n.paragraphs.len(), 2);
        assert_eq!(n.paragraphs[1].source_line, 3);
    }

    #[test]
    fn wrapped_lines_join_but_not_into_markers_or_after_headings() {
        let long = "坚持把政治建设摆在首位，教育引导广大党员干部始终树牢四个意识，坚定四个自信，以党的旗帜为旗帜";
        let n = normalize(&format!(
            "{long}\n以党的方向为方向。\n二、主要任务\n（一）以政治建设为统领\n"
        ));
        assert_eq!(n.paragraphs.len(), 3);
        assert_eq!(
            n.paragraphs[0].span.of(&n.text),
            format!("{long}以党的方向为方向。")
        );
        let n = normalize(&format!("{long}\n（2）严肃党内政治生活。\n"));
        assert_eq!(n.paragraphs.len(), 2);
    }

    #[test]
    fn a_line_opening_on_a_comma_or_closing_a_quote_continues_the_sentence_before() {
        // 河北省's 2021 plan as scraped (not a labelled pair): phrases broken onto lines of their own.
        let n = normalize(
            "全面建设社会主义现代化新征程\n，我们将忠诚履职、负重奋进，持续加强政府自身建设，不断提\n高把握新发展阶段的政治能力。我们要增强“四个意识”，做到“\n两个维护\n”，始终坚持以习近平新时代中国特色社会主义思想武装头脑。\n二、主要任务\n",
        );
        assert_eq!(
            n.paragraphs
                .iter()
                .map(|p| p.span.of(&n.text))
                .collect::<Vec<_>>(),
            [
                "全面建设社会主义现代化新征程，我们将忠诚履职、负重奋进，持续加强政府自身建设，不断提高把握新发展阶段的政治能力。我们要增强“四个意识”，做到“两个维护”，始终坚持以习近平新时代中国特色社会主义思想武装头脑。",
                "二、主要任务",
            ]
        );
    }

    fn pair_text(pair: &str, file: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/pairs")
            .join(pair)
            .join(file);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    #[test]
    fn a_hard_wrapped_file_is_joined_back_into_its_paragraphs() {
        // sc_2016's plan around its （六） item, each paragraph indented 　　 and broken every 37
        // characters: the wrap puts 三、铭之肺腑 at a line's start, which continues the sentence;
        // （七） and the other paragraphs start where they did.
        let text = pair_text("sc_2016", "plan.txt");
        let lines: Vec<&str> = text.lines().skip(33).take(13).collect();
        let wrapped: String = lines
            .iter()
            .flat_map(|l| {
                let chars: Vec<char> = "\u{3000}\u{3000}".chars().chain(l.chars()).collect();
                chars
                    .chunks(37)
                    .map(|c| c.iter().collect::<String>() + "\n")
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(wrapped.contains("\n三、铭之肺腑"));
        let n = normalize(&wrapped);
        let paras: Vec<&str> = n.paragraphs.iter().map(|p| p.span.of(&n.text)).collect();
        assert_eq!(paras, lines);
    }

    #[test]
    fn a_page_number_is_dropped_and_the_paragraph_runs_on_across_it() {
        let n = normalize(
            "加强生态安全屏障建设。健全生态保护补偿机制。停止天然林商业性采伐，实行新一轮草原生态\n\n— 7 —\n\n保护补助奖励政策。\n第8页 共10页\n\n二、主要任务\n",
        );
        let paras: Vec<&str> = n.paragraphs.iter().map(|p| p.span.of(&n.text)).collect();
        assert_eq!(
            paras,
            [
                "加强生态安全屏障建设。健全生态保护补偿机制。停止天然林商业性采伐，实行新一轮草原生态保护补助奖励政策。",
                "二、主要任务",
            ]
        );
        // Without a page number between, a blank line still ends the paragraph.
        let n = normalize("实行新一轮草原生态保护补助奖励政策，继续治理荒漠化、石漠化和水土流失\n\n推进地下水超采区综合治理试点。\n");
        assert_eq!(n.paragraphs.len(), 2);
    }

    #[test]
    fn blanks_chinese_does_not_write_are_dropped_and_word_separators_kept() {
        // Spacing met in the pairs and seeds (使用， 67栋, 营业执照 1239户, （六） 更加) and on
        // justified or copied pages (各 位 代 表, 2016 年).
        assert_eq!(
            clean_line("　　民广场投入使用， 67栋沿街楼体亮化"),
            "民广场投入使用，67栋沿街楼体亮化"
        );
        assert_eq!(
            clean_line("“三证合一”营业执照 1239户"),
            "“三证合一”营业执照1239户"
        );
        assert_eq!(
            clean_line("（六） 更加注重社会建设"),
            "（六）更加注重社会建设"
        );
        assert_eq!(clean_line("各 位 代 表："), "各位代表：");
        assert_eq!(clean_line("2016 年重点工作"), "2016年重点工作");
        // Words of Han characters and Latin words keep their separator.
        assert_eq!(clean_line("责任人：王小明 李红"), "责任人：王小明 李红");
        assert_eq!(
            clean_line("细颗粒物（PM 2.5）浓度"),
            "细颗粒物（PM 2.5）浓度"
        );
    }

    #[test]
    fn one_paragraph_a_line_is_never_taken_for_a_hard_wrap() {
        for pair in ["sc_2016", "hailar_2018"] {
            for f in ["plan.txt", "report.txt"] {
                assert_eq!(hard_wrap(&pair_text(pair, f)), None, "{pair}/{f}");
            }
        }
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        let once = normalize("　２０２３年工作计划\n　　一、工作目标\n");
        assert_eq!(normalize(&once.text).text, once.text);
    }
}
