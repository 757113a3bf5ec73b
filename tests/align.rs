//! Gap analysis on real text: unfilled figures, next-steps-only matches, and reports built from the
//! plan itself with some paragraphs removed.

mod util;

use luoshi::align::{Flag, GapReport, Status};
use luoshi::{analyze, Analyzed, Segmenter};
use util::gap::*;
use util::*;

/// Seed 004 (task list and responsibility list) against seed 002 (the template report).
fn tasklist_004_against_report_002() -> GapReport {
    let seg = Segmenter::shared();
    let plans: Vec<Analyzed> = load_docs(&seed("004"))
        .into_iter()
        .map(|d| analyze(d, &seg))
        .collect();
    let report = analyze(load_docs(&seed("002")).remove(0), &seg);
    analyzed_gap(&plans, &report)
}

#[test]
fn unfilled_figures_in_the_evidence_are_flagged() {
    let g = tasklist_004_against_report_002();
    let flagged: Vec<&luoshi::align::TaskResult> = g
        .tasks
        .iter()
        .filter(|t| t.flags.contains(&Flag::FigureUnfilled))
        .collect();
    assert!(!flagged.is_empty(), "no task flagged figure_unfilled");
    for t in &flagged {
        assert!(
            t.commitments
                .iter()
                .any(|c| c.flags.contains(&Flag::FigureUnfilled)
                    && c.evidence.iter().any(|e| e.quote.contains("多少")
                        || e.quote.contains('几')
                        || e.quote.contains('*'))),
            "{} flagged without a placeholder in its evidence",
            t.id
        );
    }
    // Every commitment whose top evidence holds 多少 is flagged.
    for t in &g.tasks {
        for c in &t.commitments {
            if c.status != Status::Missing && c.evidence.iter().any(|e| e.quote.contains("多少次"))
            {
                assert!(
                    c.flags.contains(&Flag::FigureUnfilled),
                    "{} evidence has 多少次 but no flag",
                    c.id
                );
            }
        }
    }
}

#[test]
fn an_unfilled_figure_keeps_a_counted_promise_from_done_but_not_one_that_counts_nothing() {
    // The template report 002 leaves every count as 多少次. A promise with a count to check
    // (党支部委员…每年开展不少于1次谈心谈话, against 全年开展谈心谈话多少次) is at most partial; one that
    // asks for no figure (高质量开展“三会一课”、主题党日…, against 严格落实三会一课、主题党日…会议多少次)
    // can be done — both flagged figure_unfilled.
    let g = tasklist_004_against_report_002();
    let commitments: Vec<&luoshi::align::CommitmentResult> =
        g.tasks.iter().flat_map(|t| &t.commitments).collect();
    let flagged: Vec<_> = commitments
        .iter()
        .filter(|c| c.flags.contains(&Flag::FigureUnfilled))
        .collect();
    assert!(
        flagged
            .iter()
            .all(|c| c.targets.is_empty() || c.status != Status::Done),
        "a counted promise done on 多少次"
    );
    let counted = commitments
        .iter()
        .find(|c| c.text.contains("每年开展不少于1次谈心谈话"))
        .expect("the 谈心谈话 promise");
    assert!(!counted.targets.is_empty(), "{counted:?}");
    assert_eq!(counted.status, Status::Partial, "{counted:?}");
    assert!(counted.flags.contains(&Flag::FigureUnfilled));
    let uncounted = commitments
        .iter()
        .find(|c| c.text.starts_with("高质量开展“三会一课”"))
        .expect("the 三会一课 promise");
    assert!(uncounted.targets.is_empty(), "{uncounted:?}");
    assert_eq!(uncounted.status, Status::Done, "{uncounted:?}");
    assert!(uncounted.flags.contains(&Flag::FigureUnfilled));
    // An item is not done while one of its counted promises waits for its figure.
    for t in &g.tasks {
        if t.commitments
            .iter()
            .any(|c| c.flags.contains(&Flag::FigureUnfilled) && !c.targets.is_empty())
        {
            assert_ne!(t.status, Status::Done, "{}", t.id);
        }
    }
}

#[test]
fn a_figure_the_plan_left_unfilled_is_flagged_not_dropped() {
    // Seed 004's task list with one figure left as a template letter (不少于X次谈心谈话), against
    // the template report 002: that promise, and only it, says its plan figure is unfilled.
    let text = std::fs::read_to_string(seed("004")).unwrap();
    let filled = "每年开展不少于1次谈心谈话";
    assert!(text.contains(filled));
    let report = || report_from_text(&std::fs::read_to_string(seed("002")).unwrap());
    let flagged = |plan_text: &str| -> Vec<String> {
        let g = analyzed_gap(&[plan_from_text(plan_text)], &report());
        g.tasks
            .iter()
            .flat_map(|t| &t.commitments)
            .filter(|c| c.flags.contains(&Flag::PlanFigureUnfilled))
            .map(|c| c.text.clone())
            .collect()
    };
    assert!(flagged(&text).is_empty(), "{:?}", flagged(&text));
    let template = flagged(&text.replace(filled, "每年开展不少于X次谈心谈话"));
    assert_eq!(template.len(), 1, "{template:?}");
    assert!(template[0].contains("不少于X次谈心谈话"), "{template:?}");
}

#[test]
fn nothing_is_done_on_evidence_that_sits_only_in_next_steps() {
    let seg = Segmenter::shared();
    let g = tasklist_004_against_report_002();
    for t in &g.tasks {
        for c in &t.commitments {
            if c.status == Status::Done {
                assert!(
                    c.evidence
                        .iter()
                        .any(|e| e.role == luoshi::extract::Role::Achievement),
                    "{} is done without achievement evidence",
                    c.id
                );
            }
            assert!(
                c.evidence
                    .iter()
                    .all(|e| e.role == luoshi::extract::Role::Achievement)
                    || c.status == Status::Missing
            );
        }
    }
    // A report whose only matching text is a next-steps paragraph gets only_next_steps, not done.
    let plan = vec![analyze(load_docs(&seed("004")).remove(0), &seg)];
    let talk = "党支部委员之间、党支部委员与党员之间、党员与党员之间每年开展不少于1次谈心谈话。";
    let r = report_from_text(&format!(
        "2023年工作总结\n一、主要工作\n（一）组织开展主题党日活动，机关各支部开展主题党日。\n二、下一步打算\n{talk}\n"
    ));
    let g = analyzed_gap(&plan, &r);
    let t = g
        .tasks
        .iter()
        .find(|t| t.text.contains("经常开展谈心谈话"))
        .unwrap();
    let c = t
        .commitments
        .iter()
        .find(|c| c.text.contains("每年开展不少于1次谈心谈话"))
        .unwrap();
    assert_eq!(c.status, Status::Missing, "{c:?}");
    assert!(c.flags.contains(&Flag::OnlyNextSteps), "{:?}", c.flags);
}

#[test]
fn a_report_that_is_the_plan_without_the_talk_paragraphs_misses_exactly_those_tasks() {
    let seg = Segmenter::shared();
    let mut checked = 0;
    let mut missing_talk = 0;
    for prefix in ["000", "004"] {
        for plan_doc in load_docs(&seed(prefix)) {
            let lines: Vec<&str> = plan_doc.text.lines().collect();
            let kept: Vec<&str> = lines
                .iter()
                .copied()
                .filter(|l| !l.contains("谈心谈话"))
                .collect();
            if kept.len() == lines.len() {
                continue;
            }
            let mut report_text = String::from("工作总结\n一、主要工作\n");
            for l in kept.iter().skip(1) {
                report_text.push_str(l);
                report_text.push('\n');
            }
            let r = report_from_text(&report_text);
            let plan = vec![analyze(plan_doc.clone(), &seg)];
            let g = analyzed_gap(&plan, &r);
            let missing: Vec<&str> = g
                .tasks
                .iter()
                .filter(|t| t.status == Status::Missing)
                .map(|t| t.id.as_str())
                .collect();
            let talk: Vec<&str> = g
                .tasks
                .iter()
                .filter(|t| t.text.contains("谈心谈话"))
                .map(|t| t.id.as_str())
                .collect();
            assert!(!talk.is_empty());
            // Only 谈心谈话 tasks are missing, and none of them is shown done. One may be partial:
            // seed 004's 第五，经常开展谈心谈话 also promises 老党员、困难党员和因公牺牲党员家庭的关怀
            // 慰问, which another item of the plan (so of this report) states again.
            assert!(
                missing.iter().all(|m| talk.contains(m)),
                "{prefix}#{}: missing tasks {missing:?} are not all 谈心谈话 tasks {talk:?}",
                plan_doc.index
            );
            for t in g.tasks.iter().filter(|t| t.text.contains("谈心谈话")) {
                assert_ne!(t.status, Status::Done, "{}", t.text);
            }
            missing_talk += missing.len();
            // The talk commitments themselves have no evidence left.
            for t in g.tasks.iter().filter(|t| t.text.contains("谈心谈话")) {
                for c in t.commitments.iter().filter(|c| c.text.contains("谈心谈话")) {
                    assert_eq!(c.status, Status::Missing, "{}", c.text);
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked >= 2,
        "only {checked} plans hold 谈心谈话 paragraphs"
    );
    assert!(missing_talk > 0, "no 谈心谈话 task is missing");
}

/// A report's sentences as the index tests feed them (cut at 。 and line ends).
fn sentences_of(report: &str) -> Vec<&str> {
    report
        .split(['。', '\n'])
        .filter(|s| !s.trim().is_empty())
        .collect()
}

/// The definition `SentenceIndex::credits` must agree with, one sentence at a time: 1 for the term
/// or a synonym, a share for most of its bigrams.
fn credit(term: &str, text: &str, seg: &Segmenter) -> f64 {
    if text.contains(term) {
        return 1.0;
    }
    if let Some(group) = seg.synonyms(term) {
        if group.iter().any(|s| text.contains(s.as_str())) {
            return 1.0;
        }
    }
    let chars: Vec<char> = term.chars().collect();
    if chars.len() < 3 {
        return 0.0;
    }
    let bigrams: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    let hit = bigrams.iter().filter(|b| text.contains(b.as_str())).count() as f64;
    let share = hit / bigrams.len() as f64;
    if share >= 0.6 {
        0.6 * share
    } else {
        0.0
    }
}

#[test]
fn sentence_index_gives_the_same_credits_as_searching_every_sentence() {
    use luoshi::align::terms::{SentenceIndex, TermSet};
    let seg = Segmenter::shared();
    let report = std::fs::read_to_string(seed("003")).unwrap();
    let sentences = sentences_of(&report);
    let index = SentenceIndex::new(sentences.clone());
    let plan = std::fs::read_to_string(seed("000")).unwrap();
    let mut terms = TermSet::of(&plan, &seg).words;
    // Synonyms, partial bigram matches and one-character terms take the other paths.
    terms.extend(["中心组学习", "廉政建设主体", "量子计算机", "党", "2022"].map(String::from));
    let mut nonzero = 0;
    for t in &terms {
        let expected: Vec<(usize, f64)> = sentences
            .iter()
            .enumerate()
            .map(|(u, s)| (u, credit(t, s, &seg)))
            .filter(|&(_, c)| c > 0.0)
            .collect();
        assert_eq!(index.credits(t, &seg), expected, "{t}");
        nonzero += usize::from(!expected.is_empty());
    }
    assert!(
        nonzero > 50,
        "only {nonzero} of {} terms occur",
        terms.len()
    );
}

/// BM25 over character bigrams, computed sentence by sentence from its definition (k1 1.2, b 0.75;
/// bigrams of word characters, term frequency counted in the sentence as written).
fn bm25_naive(query: &str, sentences: &[&str], u: usize) -> f64 {
    use luoshi::segment::is_word_char;
    let grams = |s: &str| -> Vec<(char, char)> {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let qc: Vec<char> = query.chars().filter(|c| is_word_char(*c)).collect();
    let mut q: Vec<(char, char)> = qc.windows(2).map(|w| (w[0], w[1])).collect();
    q.sort_unstable();
    q.dedup();
    let len = |s: &str| {
        s.chars()
            .filter(|c| is_word_char(*c))
            .count()
            .saturating_sub(1) as f64
    };
    let n = sentences.len() as f64;
    let avg = sentences.iter().map(|s| len(s)).sum::<f64>() / n;
    let mut score = 0.0;
    for g in &q {
        let df = sentences.iter().filter(|s| grams(s).contains(g)).count() as f64;
        let tf = grams(sentences[u]).iter().filter(|x| *x == g).count() as f64;
        if tf > 0.0 {
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            score += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len(sentences[u]) / avg));
        }
    }
    score
}

#[test]
fn sentence_index_bm25_agrees_with_its_definition_on_every_sentence() {
    use luoshi::align::terms::SentenceIndex;
    let report = std::fs::read_to_string(seed("003")).unwrap();
    let sentences = sentences_of(&report);
    let index = SentenceIndex::new(sentences.clone());
    let plan = std::fs::read_to_string(seed("000")).unwrap();
    let queries: Vec<&str> = plan
        .split('。')
        .filter(|s| s.chars().count() > 8)
        .take(40)
        .collect();
    let mut scored = 0;
    for q in queries {
        let got = index.bigram_matches(q);
        for (u, _) in sentences.iter().enumerate() {
            let expected = bm25_naive(q, &sentences, u);
            let have = got.iter().find(|m| m.unit == u).map_or(0.0, |m| m.bm25);
            assert!(
                (have - expected).abs() < 1e-9,
                "{q} / {}: {have} vs {expected}",
                sentences[u]
            );
            scored += usize::from(expected > 0.0);
        }
    }
    assert!(scored > 100, "only {scored} sentence scores above zero");
}

#[test]
fn the_first_evidence_is_the_sentence_the_status_was_read_from() {
    // Evidence after the first is ordered with BM25 as well; the first stays the decision's own
    // (for a missing commitment a sentence crediting the leadership goes last, whatever it scored).
    let g = sc_2016();
    let mut checked = 0;
    for c in g.tasks.iter().flat_map(|t| &t.commitments) {
        let frame_may_move = c.status == Status::Missing;
        if let Some(e) = c
            .evidence
            .first()
            .filter(|e| e.role == luoshi::extract::Role::Achievement)
        {
            if frame_may_move && e.score != c.score {
                assert!(e.score < c.score, "{}", c.text);
                continue;
            }
            assert_eq!(e.score, c.score, "{}", c.text);
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn an_item_shows_the_proof_of_its_followed_through_promises_in_plan_order() {
    let pairs = [pair_gap("hailar_2013"), sc_2016()];
    let mut checked = 0;
    for t in pairs
        .iter()
        .flat_map(|g| &g.tasks)
        .filter(|t| t.status != Status::Missing)
    {
        // Each followed-through commitment's deciding sentence, in the plan's order, up to three.
        let mut expected: Vec<usize> = Vec::new();
        for c in t.commitments.iter().filter(|c| c.status != Status::Missing) {
            if let Some(e) = c.evidence.first() {
                if expected.len() < 3 && !expected.contains(&e.start) {
                    expected.push(e.start);
                }
            }
        }
        let shown: Vec<usize> = t.evidence.iter().map(|e| e.start).collect();
        assert_eq!(shown[..expected.len()], expected[..], "{}", t.text);
        checked += usize::from(expected.len() > 1);
    }
    assert!(checked > 10, "{checked}");
    // The GDP item of hailar_2013: its first promise's proof is shown though other clauses of the
    // item score higher (the gold quote for 地区生产总值增长20%，达到282亿元).
    let gdp = pairs[0]
        .tasks
        .iter()
        .find(|t| t.text.contains("地区生产总值增长20%"))
        .unwrap();
    assert!(
        gdp.evidence
            .iter()
            .any(|e| e.quote.contains("全年地区生产总值完成253.7亿元")),
        "{:?}",
        gdp.evidence.iter().map(|e| &e.quote).collect::<Vec<_>>()
    );
}

#[test]
fn progress_words_count_only_in_the_clauses_that_name_the_commitment() {
    use luoshi::align::features::FEATURES;
    use luoshi::align::model;
    let progress = FEATURES.iter().position(|f| *f == "progress").unwrap();
    let g = sc_2016();
    // 部署启动…科技创新重大项目，…，新设6个国家自主创新示范区: 启动 belongs to another clause.
    let c = commitment(&g, "再建设一批国家自主创新示范区");
    assert_eq!(c.status, Status::Done, "{c:?}");
    assert_eq!(c.features[progress], 0.0, "{c:?}");
    // 部分试营业 in the clause that names the commitment is progress short of 营业, and it moves
    // the learned decision away from done (whether it tips it is the model's call on all the
    // other evidence, so the test checks the direction, not the verdict).
    let h = pair_gap("hailar_2018");
    let c = commitment(&h, "红星美凯龙综合体年内营业");
    assert!(c.evidence[0].quote.contains("部分试营业"), "{c:?}");
    assert_eq!(c.features[progress], 1.0, "{c:?}");
    assert_ne!(c.status, Status::Missing, "{c:?}");
    let mut without = c.features.clone();
    without[progress] = 0.0;
    let m = model::shipped();
    let done = |x: &[f64]| m.probabilities(x)[0];
    assert!(
        done(&c.features) < done(&without),
        "progress does not lower P(done): {} vs {}",
        done(&c.features),
        done(&without)
    );
    // A promise to start (启动…项目) is kept by a project under way (主体封顶).
    let c = commitment(&h, "启动东山组团社区卫生服务中心");
    assert_eq!(c.status, Status::Done, "{c:?}");
    assert!(c.evidence[0].quote.contains("主体封顶"), "{c:?}");
    assert_eq!(c.features[progress], 0.0, "{c:?}");
}

#[test]
fn an_abbreviation_evidences_its_full_form_and_the_reverse() {
    // The plan's 营改增 against a report that writes it out: the dictionaries' form, and a wording
    // no list holds (营业税改为征收增值税), which only the in-order recogniser can pair.
    for full in ["营业税改征增值税", "营业税改为征收增值税"] {
        let g = sc_2015_with(
            ("营改增", "营改增"),
            (
                "营改增稳步实施，资源税从价计征范围扩大",
                &format!("{full}稳步实施"),
            ),
        );
        let c = commitment(&g, "力争全面完成");
        // One clause of three is evidenced: the best sentence, scored, whatever the status.
        assert!(c.evidence[0].quote.contains(full), "{full}: {c:?}");
        assert!(c.score > 0.0, "{full}: {c:?}");
    }
    // The plan writes it out, the report abbreviates. (The report's other clause, on 资源税, is
    // dropped both ways so the abbreviation is the only link.)
    for full in ["营业税改征增值税", "营业税改为征收增值税"] {
        let g = sc_2015_with(
            ("“营改增”", full),
            ("营改增稳步实施，资源税从价计征范围扩大", "营改增稳步实施"),
        );
        let c = commitment(&g, "力争全面完成");
        assert!(
            c.evidence[0].quote.contains("营改增稳步实施"),
            "{full}: {c:?}"
        );
        assert!(c.score > 0.0, "{full}: {c:?}");
    }
}

#[test]
fn thanks_to_the_audience_is_never_evidence() {
    // sc_2016's review ends 向香港特别行政区同胞、澳门特别行政区同胞…表示诚挚感谢！, which names
    // what the plan's 港澳 paragraph promises and reports none of it.
    let g = sc_2016();
    for head in [
        "全力支持香港、澳门特别行政区行政长官和政府依法施政",
        "接受人民政协的民主监督",
    ] {
        let c = commitment(&g, head);
        assert!(
            c.evidence.iter().all(|e| !e.quote.contains("感谢")),
            "{head}: {:#?}",
            c.evidence
        );
        assert_ne!(c.status, luoshi::align::Status::Done, "{head}");
    }
}

#[test]
fn evidence_about_another_place_is_marked_as_such() {
    // 浙江省's 2026 plan against its review of 2025 (浙江日报; not a labelled pair): 杭州综保区成功扩区
    // is the closest sentence to 推动舟山港综保区扩区, but about another port's zone.
    let column = luoshi::align::features::FEATURES
        .iter()
        .position(|f| *f == "other_place")
        .expect("feature");
    let plan = plan_from_text(
        "二、2026年重点工作\n（四）扩大高水平对外开放。加快推进大宗商品资源配置枢纽“三基地两中心”建设，推动舟山港综保区扩区，打造大宗商品期现一体化场外市场。\n",
    );
    let other_place = |report: &str| {
        let g = analyzed_gap(std::slice::from_ref(&plan), &report_from_text(report));
        let c = commitment(&g, "推动舟山港综保区扩区");
        c.features[column]
    };
    assert_eq!(
        other_place("一、2025年工作回顾\n自贸试验区提升战略扎实推进，衢州综保区封关运作，杭州综保区成功扩区。\n"),
        1.0
    );
    assert_eq!(
        other_place("一、2025年工作回顾\n自贸试验区提升战略扎实推进，舟山港综保区成功扩区。\n"),
        0.0
    );
}

#[test]
fn a_line_that_announces_a_list_is_never_evidence() {
    // sc_2009 and sc_2015: 一年来，我们主要做了以下工作： was shown as the nearest sentence of
    // commitments; it reports nothing itself.
    for name in ["sc_2009", "sc_2015"] {
        let g = pair_gap(name);
        let shown: Vec<&str> = g
            .tasks
            .iter()
            .flat_map(|t| &t.commitments)
            .flat_map(|c| &c.evidence)
            .map(|e| e.quote.as_str())
            .filter(|q| q.ends_with("以下工作："))
            .collect();
        assert!(shown.is_empty(), "{name}: {shown:?}");
    }
}

#[test]
fn a_lesson_the_review_draws_is_never_evidence() {
    // sc_2009's review closes its year with 有以下几点体会：必须坚持…。必须坚持…: what must be done
    // from now on, not work done. It had been the best evidence of seven commitments it does not
    // report, six of them judged done (坚持走和平发展道路… by 必须坚持统筹国内国际两个大局…).
    let g = pair_gap("sc_2009");
    let report = std::fs::read_to_string(util::shared().join("pairs/sc_2009/report.txt")).unwrap();
    assert!(report.contains("有以下几点体会：必须坚持"));
    let lessons: Vec<(&str, &str)> = g
        .tasks
        .iter()
        .flat_map(|t| &t.commitments)
        .flat_map(|c| {
            c.evidence
                .iter()
                .map(move |e| (c.text.as_str(), e.quote.as_str()))
        })
        .filter(|(_, q)| q.starts_with("必须") || q.contains("体会：必须"))
        .collect();
    assert!(lessons.is_empty(), "{lessons:?}");
}

#[test]
fn a_common_short_name_in_the_report_evidences_the_full_name_in_the_plan() {
    // dictionaries/synonyms.txt: 公租房 is 公共租赁住房 in any government report.
    let plan = plan_from_text(
        "二、2020年工作安排\n（一）保障和改善民生。新建公共租赁住房500套，提高基本医疗保险财政补助标准。\n（二）推进城市建设。改造老旧管网20公里。\n",
    );
    let report = report_from_text(
        "一、2020年工作回顾\n民生保障有力。建成公租房520套，医保财政补助标准提高到每人每年550元。城市建设加快推进，改造老旧管网22公里。\n",
    );
    let g = analyzed_gap(&[plan], &report);
    let c = commitment(&g, "新建公共租赁住房");
    assert!(c.score > 0.0, "{c:#?}");
    let e = c.evidence.first().unwrap_or_else(|| panic!("{c:#?}"));
    // The words of the quote that matched the commitment's terms.
    let chars: Vec<char> = e.quote.chars().collect();
    let matched: Vec<String> = e
        .terms
        .iter()
        .map(|&(a, b)| chars[a..b].iter().collect())
        .collect();
    assert!(
        matched.iter().any(|m| m == "公租房"),
        "公租房 not matched: {matched:?} in {}",
        e.quote
    );
}

#[test]
fn a_project_brought_only_to_an_earlier_milestone_is_not_done() {
    // 海拉尔区's 2014 plan against its review of 2014 (checks/pairs/hailar_2014): 确保红星美凯龙主力店
    // 年内投入运营 against 红星美凯龙主力店主体工程完工 — the building is finished in shell, not
    // open. The same review saying it opened shows it done.
    let (plan, shell) = checks_texts("hailar_2014");
    let plan = plan_from_text(&plan);
    assert!(shell.contains("红星美凯龙主力店主体工程完工"));
    let opened = shell.replace("主力店主体工程完工", "主力店建成并投入运营");
    let judged = |report: &str| {
        let g = analyzed_gap(std::slice::from_ref(&plan), &report_from_text(report));
        let c = commitment(&g, "确保红星美凯龙主力店年内投入运营").clone();
        (c.status, c.flags.contains(&Flag::MilestoneNotReached))
    };
    assert_eq!(judged(&shell), (Status::Partial, true));
    assert_eq!(judged(&opened), (Status::Done, false));
}

#[test]
fn a_counted_promise_whose_action_no_sentence_names_still_shows_what_came_nearest() {
    // hailar_2017: 重点工作…要实时跟进、每月通报… counts a monthly report (每月 = 1 次 of 通报); no
    // sentence of the review names 通报, so none can prove it — it is missing, and the reviewer
    // still sees the three nearest sentences (CONVENTIONS: whatever the status).
    let g = pair_gap("hailar_2017");
    let c = commitment(&g, "每月通报");
    assert_eq!(c.status, Status::Missing);
    assert_eq!(c.evidence.len(), 3, "{c:#?}");
}

#[test]
fn a_word_the_report_holds_only_in_part_still_brings_its_sentence_forward() {
    // hailar_2013: 完成西出口路建设 (jieba: 西 出口路) — the review writes 西出口道路 (西 出口 道路),
    // so only 出口, a dictionary part of the plan's 出口路, is shared. The sentence that reports it
    // (…投资1.4亿元的西出口道路工程进展顺利) is among the three shown; the status is untouched.
    let g = pair_gap("hailar_2013");
    let c = commitment(&g, "完成西出口路建设");
    assert!(
        c.evidence
            .iter()
            .take(3)
            .any(|e| e.quote.contains("西出口道路")),
        "{:#?}",
        c.evidence
    );
}

#[test]
fn the_reviews_thanks_to_its_leaders_are_shown_last() {
    // hailar_2016: nothing in the review proves 全力完成今年8008户改造任务, and among its nearest
    // sentences was 这是市委、市政府坚强领导、关怀支持的结果 — the review's frame, not its work.
    // In every missing commitment such a sentence follows the others; in one done or partial, it
    // follows the others after the sentence the status was read from.
    let frame = |q: &str| {
        ["领导下", "正确领导", "坚强领导", "的结果"]
            .iter()
            .any(|w| q.contains(w))
    };
    let g = pair_gap("hailar_2016");
    for c in g.tasks.iter().flat_map(|t| &t.commitments) {
        let fixed = usize::from(c.status != Status::Missing).min(c.evidence.len());
        if let Some(k) = c.evidence[fixed..]
            .iter()
            .position(|e| frame(&e.quote))
            .map(|k| k + fixed)
        {
            assert!(
                c.evidence[k..].iter().all(|e| frame(&e.quote)),
                "{}: {:#?}",
                c.text,
                c.evidence
            );
        }
    }
    let c = commitment(&g, "全力完成今年8008户改造任务");
    assert_eq!(c.evidence.len(), 3, "{c:#?}");
    assert!(
        c.evidence.iter().all(|e| !frame(&e.quote)),
        "{:#?}",
        c.evidence
    );
}

#[test]
fn a_run_in_heading_is_shown_with_the_sentence_it_heads() {
    // sc_2008: the review heads a paragraph with ——改革开放深入推进。 and goes on 财税、金融、价格、
    // 行政管理等重点领域和关键环节的改革取得新突破. The heading alone proves nothing; shown, it
    // carries the sentence after it. A longer sentence is shown alone.
    let g = pair_gap("sc_2008");
    let c = commitment(&g, "全面推进集体林权制度改革");
    let e = c
        .evidence
        .iter()
        .find(|e| e.quote.starts_with("——改革开放深入推进。"))
        .unwrap_or_else(|| panic!("{:#?}", c.evidence));
    assert!(e.quote.contains("关键环节的改革取得新突破"), "{}", e.quote);
    for e in g
        .tasks
        .iter()
        .flat_map(|t| &t.commitments)
        .flat_map(|c| &c.evidence)
    {
        if let Some((first, _)) = e.quote.split_once('。') {
            if !e.quote.ends_with(&format!("{first}。")) {
                assert!(first.chars().count() < 20, "{}", e.quote);
            }
        }
    }
}

#[test]
fn a_light_clause_among_several_is_no_deliverable_of_its_own() {
    // The State Council's 2010 plan against its review (checks/pairs/sc_2010): 要多渠道增加全国社会
    // 保障基金，加强监管，实现保值增值. 加强监管 names no object of its own; a sentence about
    // 国有资产监管体制改革 must not evidence the fund (it had score 1.0 on that clause alone).
    let (plan, review) = checks_texts("sc_2010");
    let plan = plan_from_text(&plan);
    let fund = "全国社会保障基金积累7810亿元，比五年前增加5800多亿元。";
    assert!(review.contains(fund) && review.contains("国有资产监管体制改革取得积极进展"));
    let judged = |report: &str| {
        let g = analyzed_gap(std::slice::from_ref(&plan), &report_from_text(report));
        commitment(&g, "要多渠道增加全国社会保障基金").clone()
    };
    let c = judged(&review);
    assert_eq!(c.status, Status::Done, "{c:#?}");
    assert!(c.evidence[0].quote.contains("全国社会保障基金"), "{c:#?}");
    let without = judged(&review.replace(fund, ""));
    assert_eq!(without.status, Status::Missing, "{without:#?}");
    assert!(
        without.evidence.iter().all(|e| e.score < 0.4),
        "{:#?}",
        without.evidence
    );
}

#[test]
fn a_sentence_listing_other_works_tells_less_of_a_commitment_than_one_clause_about_it() {
    // sc_2009: the plan's 加快推动港珠澳大桥、港深机场铁路、广深港高速铁路等基础设施建设 shares
    // 基础设施建设, 铁路, 高速 with a review sentence listing the year's railways, motorways and
    // airports clause by clause (gold: no) — words scattered over other works, not its own.
    let dir = shared().join("pairs").join("sc_2009");
    let plan = std::fs::read_to_string(dir.join("plan.txt")).unwrap();
    let review = std::fs::read_to_string(dir.join("report.txt")).unwrap();
    let promise = "加快推动港珠澳大桥、港深机场铁路、广深港高速铁路等基础设施建设。";
    assert!(plan.contains(promise));
    let at = review
        .find("大力加强基础设施建设，新建铁路投入运营")
        .unwrap();
    let listing = &review[at..at + review[at..].find('；').unwrap()];
    assert_eq!(listing.matches('，').count(), 4, "{listing}");
    let focus = luoshi::align::features::focus;
    let scattered = focus(promise, listing);
    assert!(scattered > 0.0 && scattered < 0.4, "{scattered}");
    // The same words told in one clause count whole; a sentence sharing nothing counts nothing.
    assert!(
        focus(
            promise,
            &format!("{}，{listing}", promise.trim_end_matches('。'))
        ) > 0.95
    );
    assert_eq!(focus(promise, "粮食产量实现“十二连增”。"), 0.0);
}

#[test]
fn a_call_in_doubt_is_flagged_and_an_item_only_when_that_call_could_turn_it() {
    // Under CV on the nine pairs a quarter of the commitments fall in the model's band of doubt,
    // and those are right on followed-or-not far less often (eval's note). A commitment there
    // carries the flag; its item does only when that one call, turned the other way, would change
    // the item's status — always for an item of one commitment, rarely for an item of twenty.
    let g = pair_gap("sc_2009");
    let commitments: Vec<_> = g.tasks.iter().flat_map(|t| &t.commitments).collect();
    let doubtful = commitments
        .iter()
        .filter(|c| c.flags.contains(&Flag::Uncertain))
        .count();
    assert!(
        doubtful * 10 >= commitments.len() && doubtful * 2 <= commitments.len(),
        "{doubtful} of {} commitments in doubt",
        commitments.len()
    );
    let mut held_back = 0;
    for t in &g.tasks {
        let any = t
            .commitments
            .iter()
            .any(|c| c.flags.contains(&Flag::Uncertain));
        let flagged = t.flags.contains(&Flag::Uncertain);
        assert!(any || !flagged, "{} is flagged with no call in doubt", t.id);
        if t.commitments.len() == 1 {
            assert_eq!(
                flagged, any,
                "{}: one commitment, its doubt is the item's",
                t.id
            );
        }
        held_back += usize::from(any && !flagged);
    }
    assert!(
        held_back > 0,
        "every item holding a doubtful call was flagged"
    );
    // The summary (gap's count line, summary.csv's 把握不大) counts the items flagged.
    let items = g
        .tasks
        .iter()
        .filter(|t| t.flags.contains(&Flag::Uncertain))
        .count();
    assert!(items > 0);
    assert_eq!(g.summary.uncertain, items);
}
