//! Which report passages speak of several years at once (a five-year review: 过去五年, “十一五”时期,
//! 五年来…), so that their totals and averages are not read as one year's figures.

use regex::Regex;
use std::sync::LazyLock;

/// Words that put what follows in a span of years (五年来, 这五年, “十二五”时期, 2013年以来, 年均).
static SEVERAL_YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:这|过去的?|近)?[两三四五六七八九十]年(?:来|间|中|里|累计|共)|(?:这|过去的?|近)[两三四五六七八九十]年|[“\x22]?十[一二三四五六七八九]五[”\x22]?(?:时期|期间|以来)|的[两三四五六七八九十]年(?:[。，,；;]|$)|\d{4}年以来|\d{4}\s*[—–\-－至到]\s*\d{4}年|年均")
        .expect("several years regex")
});

/// Words that name one year (去年, 2017年, 同比, 比上年): a figure beside them is that year's.
static ONE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"去年|今年|全年|过去一年|一年来|同比|比上年|上年|\d{4}年(?:[^以—–\-－至到\d]|$)")
        .expect("one year regex")
});

/// Whether a text speaks of several years at all (a plan's 五年累计…, 年均增长…).
pub fn names_several_years(text: &str) -> bool {
    SEVERAL_YEARS.is_match(text)
}

/// Whether a report's title or section heading reviews several years and names no single one
/// (一、过去五年工作回顾, “十一五”时期…的回顾; not “十二五”时期和2015年工作回顾).
pub fn heading_spans_years(title: &str) -> bool {
    SEVERAL_YEARS.is_match(title) && !ONE_YEAR.is_match(title)
}

/// Whether a paragraph opens on a span of years (——这五年，…; 五年来，…; “十二五”期间，…).
pub fn paragraph_spans_years(text: &str) -> bool {
    let opening: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || "—－-".contains(c))
        .chars()
        .take_while(|c| !"，,。；;：:".contains(*c))
        .take(16)
        .collect();
    heading_spans_years(&opening)
}

/// Whether a paragraph opens the review of the year just ended inside a longer review (各位代表，刚刚
/// 过去的2022年，…; 2022年是…的一年; 一年来，…; 过去一年，…): what follows it is that year's, until a
/// span opens again.
pub fn paragraph_opens_the_last_year(text: &str) -> bool {
    static LAST_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:各位代表[，,！!])?(?:刚刚过去的\d{4}年|\d{4}年是|过去的?一年|一年来|去年)")
            .expect("last year regex")
    });
    LAST_YEAR.is_match(text.trim_start())
}

/// Whether the figure at byte `at` of a report sentence is a total or average over several years:
/// its own clause says so (年均增长11.2%), or the sentence before it (五年共实施…，累计完成…196亿元)
/// or the passage does (`passage_spans_years`) and the sentence names no single year.
pub fn figure_spans_years(sentence: &str, at: usize, passage_spans_years: bool) -> bool {
    let before = sentence.get(..at).unwrap_or("");
    let clause = &before[before.rfind(['，', ',', '；', ';', '。']).unwrap_or(0)..];
    if SEVERAL_YEARS.is_match(clause) {
        return true;
    }
    (passage_spans_years || SEVERAL_YEARS.is_match(before)) && !ONE_YEAR.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_year_reviews_and_single_years() {
        // Headings of the State Council's 2011, 2013 and 2018 reports and of 海拉尔's 2016 report.
        assert!(heading_spans_years("“十一五”时期国民经济和社会发展的回顾"));
        assert!(heading_spans_years("过去五年工作回顾"));
        assert!(!heading_spans_years("“十二五”时期和2015年工作回顾"));
        assert!(!heading_spans_years("2017年工作回顾"));
        assert!(paragraph_spans_years(
            "——这五年，各项社会事业加快发展、人民生活明显改善。"
        ));
        assert!(paragraph_spans_years("五年来，经济实力跃上新台阶。"));
        // 河南省's 2026 report.
        assert!(paragraph_spans_years(
            "过去的五年极不寻常。在省委坚强领导下"
        ));
        assert!(!paragraph_spans_years("2015年，地区生产总值达到287.9亿元"));
        assert!(!paragraph_spans_years("过去一年，我们坚持稳中求进。"));
        // 广东省's and 河北省's 2023/2026 reports (not labelled pairs).
        assert!(paragraph_spans_years(
            "这是经济实力持续提升的五年。地区生产总值从11.37万亿元提高到14.58万亿元。"
        ));
        assert!(paragraph_opens_the_last_year(
            "各位代表，刚刚过去的2022年，是本届政府的收官之年。"
        ));
        assert!(paragraph_opens_the_last_year(
            "一年来，我们主要做了以下工作："
        ));
        // 广东省's 2023 report: its five-year review, then the year.
        assert!(paragraph_opens_the_last_year(
            "2022年是党和国家历史上极为重要的一年，是本届省政府的收官之年。"
        ));
        assert!(!paragraph_opens_the_last_year(
            "各位代表！过去五年，我们经受了各种风险挑战的考验。"
        ));
    }

    #[test]
    fn a_figure_over_several_years_is_not_the_years_figure() {
        let s = "国内生产总值达到39.8万亿元，年均增长11.2%，财政收入从3.16万亿元增加到8.31万亿元。";
        let at = |f: &str| s.find(f).unwrap();
        assert!(figure_spans_years(s, at("11.2%"), false));
        assert!(!figure_spans_years(s, at("39.8万亿元"), false));
        assert!(figure_spans_years(s, at("39.8万亿元"), true));
        let y = "国内生产总值增长6.9%，居民收入增长7.3%，增速均比上年有所加快。";
        assert!(!figure_spans_years(y, y.find("6.9%").unwrap(), true));
        let f = "五年共实施重点工业项目141个，累计完成工业固定资产投资196亿元。";
        assert!(figure_spans_years(f, f.find("196").unwrap(), false));
        let t = "财政投入从2006年的18亿元增加到2010年的306亿元。";
        assert!(!figure_spans_years(t, t.find("306").unwrap(), true));
    }
}
