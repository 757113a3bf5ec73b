use super::*;
use crate::doc::{Doc, Meta};
use crate::normalize::normalize;

/// A document from raw lines, loaded as the loader would (first line a title if it reads as one).
pub(crate) fn doc_of(raw: &str) -> Doc {
    let n = normalize(raw);
    let first = n
        .paragraphs
        .first()
        .map(|p| p.span.of(&n.text))
        .unwrap_or("");
    let title_paragraph = crate::load::split::is_title_line(first).then_some(0);
    Doc {
        path: "test.txt".into(),
        index: 0,
        meta: Meta {
            unit: "测试".into(),
            year: Some(2023),
            kind: crate::doc::Kind::Plan,
            title: first.to_string(),
            sources: Default::default(),
        },
        encoding: "UTF-8".into(),
        original: None,
        text: n.text.clone(),
        paragraphs: n.paragraphs.clone(),
        title_paragraph,
        hash: String::new(),
    }
}

fn paths(raw: &str) -> Vec<String> {
    let d = doc_of(raw);
    parse(&d).nodes.iter().map(|n| n.path.clone()).collect()
}

#[test]
fn styles_nest_by_first_appearance() {
    let p = paths("2023年工作计划\n一、主要任务\n（一）政治建设\n1.加强政治建设\n（1）旗帜鲜明讲政治。要坚持。\n（2）严肃党内政治生活。\n2.思想建设\n（3）推进。\n（二）党风廉政\n（4）持续深化。\n二、保障措施\n（一）加强领导。\n");
    assert_eq!(
        p,
        vec![
            "一、",
            "一、/（一）",
            "一、/（一）/1.",
            "一、/（一）/1./（1）",
            "一、/（一）/1./（2）",
            "一、/（一）/2.",
            "一、/（一）/2./（3）",
            "一、/（二）",
            "一、/（二）/（4）",
            "二、",
            "二、/（一）",
        ]
    );
}

#[test]
fn a_style_seen_first_is_level_one_whatever_it_is() {
    let p = paths("2016年工作安排\n（一）狠抓投资。\n一是准确把握政策。\n二是创新招商。\n（二）调整结构。\n一是发展服务业。\n");
    assert_eq!(
        p,
        vec![
            "（一）",
            "（一）/一是",
            "（一）/二是",
            "（二）",
            "（二）/一是"
        ]
    );
}

#[test]
fn plain_paragraphs_sit_under_the_item_before_them() {
    let d = doc_of("2018年工作安排\n今年是开局之年。\n（一）在打好攻坚战上发力。总述。\n打好防范化解重大风险攻坚战。严格控制债务增量。\n打好精准脱贫攻坚战。\n");
    let o = parse(&d);
    let p: Vec<&str> = o.nodes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(p, vec!["¶1", "（一）", "（一）/¶1", "（一）/¶2"]);
    assert_eq!(o.nodes[2].title, "打好防范化解重大风险攻坚战");
    assert_eq!(o.nodes[1].title, "在打好攻坚战上发力");
}

#[test]
fn ordinal_and_circled_items_and_titles() {
    let d = doc_of("重点任务清单\n一、党组重点工作任务清单\n第一，党组要认真贯彻落实《条例》。落实主体责任。\n第二，深化创建。\n①每月学习\n②每季度研讨\n");
    let o = parse(&d);
    let p: Vec<&str> = o.nodes.iter().map(|n| n.path.as_str()).collect();
    assert_eq!(
        p,
        vec![
            "一、",
            "一、/第一，",
            "一、/第二，",
            "一、/第二，/①",
            "一、/第二，/②"
        ]
    );
    assert_eq!(o.nodes[1].title, "党组要认真贯彻落实《条例》");
    assert_eq!(o.nodes[0].title, "党组重点工作任务清单");
}

#[test]
fn numbering_restarts_per_section() {
    let p = paths("工作计划\n一、甲\n1.子一。\n2.子二。\n二、乙\n1.子一。\n");
    assert_eq!(p, vec!["一、", "一、/1.", "一、/2.", "二、", "二、/1."]);
}

#[test]
fn an_excerpt_titled_by_a_numbered_heading_keeps_later_headings_above_inline_ordinals() {
    // sc_2015's plan is an excerpt starting at "二、2015年工作总体部署" (read as the title);
    // its "第三，" paragraph must not swallow the "三、" to "六、" headings that follow.
    let p = paths("二、2015年工作总体部署\n今年要把握好以下三点。\n第一，稳定政策。要加力增效。\n第三，培育新动力。\n今年是收官之年，要做好规划编制工作。\n三、把改革开放扎实推向纵深\n改革开放是推动发展的制胜法宝。\n四、协调推动经济稳定增长\n");
    assert_eq!(
        p,
        [
            "¶1",
            "第一，",
            "第三，",
            "第三，/¶1",
            "三、",
            "三、/¶1",
            "四、"
        ]
    );
}

#[test]
fn a_preamble_written_one_shi_a_line_does_not_swallow_the_headings_after_it() {
    // sc_2009's plan written one sentence a line: 二是…四是 open lines of the principles before
    // 三、 and （一）; those headings are the plan's sections, never items of 四是.
    let p = paths(
        "二、２００９年工作总体部署\n做好今年政府工作，必须把握好以下原则：一是保增长、扩内需。\n二是调结构、上水平。\n坚持把推进经济结构调整和自主创新作为转变发展方式的主攻方向。\n四是重民生、促和谐。\n越是困难的时候，越要关注民生，越要促进社会和谐稳定。\n三、２００９年主要任务\n（一）加强和改善宏观调控，保持经济平稳较快发展\n实施积极的财政政策。\n一是大幅度增加政府支出。\n（二）积极扩大国内需求特别是消费需求\n",
    );
    assert!(p.contains(&"三、".to_string()), "{p:?}");
    assert!(p.contains(&"三、/（一）".to_string()), "{p:?}");
    assert!(p.contains(&"三、/（一）/一是".to_string()), "{p:?}");
    assert!(p.contains(&"三、/（二）".to_string()), "{p:?}");
}
