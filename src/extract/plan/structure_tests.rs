use super::*;

#[test]
fn a_framing_paragraph_that_names_a_deliverable_is_not_general() {
    let t = "今年是“十二五”收官之年，我们要在完成“十二五”经济社会发展目标任务的同时，以改革的精神、创新的理念和科学的方法，做好“十三五”规划纲要编制工作，谋划好未来五年的发展蓝图。";
    assert!(!is_general(t));
    assert!(is_general(
        "今年是全面贯彻党的十七大精神的第一年，改革发展任务繁重而艰巨，做好政府工作意义重大。"
    ));
}

#[test]
fn a_commitment_that_ends_its_sentence_keeps_its_stop() {
    // sc_2008's plan: the list of expected targets, one commitment per semicolon part.
    let raw = "二、2008年工作总体部署\n（一）预期目标\n1.今年国民经济和社会发展的预期目标是：在优化结构、提高效益、降低消耗、保护环境的基础上，国内生产总值增长8%左右；居民消费价格总水平涨幅控制在4.8%左右；城镇新增就业1000万人，城镇登记失业率控制在4.5%左右；国际收支状况有所改善。\n";
    let tasks = tasks_of(raw);
    let texts: Vec<&str> = tasks
        .iter()
        .flat_map(|t| &t.commitments)
        .map(|c| c.text.as_str())
        .collect();
    assert!(
        texts.contains(&"居民消费价格总水平涨幅控制在4.8%左右；"),
        "{texts:?}"
    );
    assert!(texts.contains(&"国际收支状况有所改善。"), "{texts:?}");
    // The stop stays out of what is judged: the target's figure is still read.
    let price = tasks
        .iter()
        .flat_map(|t| &t.commitments)
        .find(|c| c.text.starts_with("居民消费价格"))
        .expect("price commitment");
    assert_eq!(price.targets.len(), 1, "{:?}", price.targets);
}

#[test]
fn a_short_opening_sentence_is_its_items_heading_and_a_promise_of_its_own() {
    // The State Council's 2011 plan (checks/pairs/sc_2011): both labellings of that pair label such
    // an opening (实施稳健的货币政策) as a row of its own, as the people did in sc_2009
    // (加快地方政府机构改革).
    let raw = "三、2011年的工作\n继续实施积极的财政政策。保持适当的财政赤字和国债规模。今年拟安排财政赤字9000亿元，其中中央财政赤字7000亿元。\n实施稳健的货币政策。保持合理的社会融资规模，广义货币增长目标为16%。\n";
    let tasks = tasks_of(raw);
    let monetary = tasks
        .iter()
        .find(|t| t.text.starts_with("实施稳健的货币政策"))
        .unwrap_or_else(|| panic!("{tasks:?}"));
    assert_eq!(monetary.title, "实施稳健的货币政策", "{monetary:?}");
    let texts: Vec<&str> = monetary
        .commitments
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(texts.first(), Some(&"实施稳健的货币政策。"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.contains("广义货币增长目标为16%")),
        "{texts:?}"
    );
    let fiscal = tasks
        .iter()
        .find(|t| t.text.starts_with("继续实施积极的财政政策"))
        .unwrap_or_else(|| panic!("{tasks:?}"));
    assert_eq!(
        fiscal.commitments.first().map(|c| c.text.as_str()),
        Some("继续实施积极的财政政策。")
    );
}

/// The tasks of a plan given as text, through the outline as every command reads it.
fn tasks_of(raw: &str) -> Vec<Task> {
    let doc = crate::outline::tests::doc_of(raw);
    let outline = crate::outline::parse(&doc);
    plan_tasks(&doc, &outline, &crate::Segmenter::shared())
}

fn task_texts(raw: &str) -> Vec<String> {
    tasks_of(raw).into_iter().map(|t| t.text).collect()
}

#[test]
fn a_heading_that_carries_its_body_on_its_line_gives_its_clauses_as_tasks() {
    let raw = "2015年工作安排\n一、加强作风建设\n（一）深入推进党风廉政建设。党风廉政建设是政治任务。要认真落实“两个责任”，严格执行中央八项规定精神，全年开展廉政谈话2次。\n（二）健全制度。\n1.修订议事规则。\n2.完善督办机制。\n";
    let tasks = task_texts(raw);
    let inline = tasks
        .iter()
        .find(|t| t.contains("深入推进党风廉政建设"))
        .unwrap_or_else(|| panic!("{tasks:?}"));
    assert!(inline.contains("严格执行中央八项规定精神"), "{inline}");
    assert!(
        tasks.iter().any(|t| t.contains("修订议事规则")),
        "{tasks:?}"
    );
}

#[test]
fn a_closing_glossary_is_not_tasks_and_keeps_the_paragraphs_above_as_tasks() {
    let raw = "2016年工作要点\n一、推进重点项目\n加快建设东山污水处理厂，年内建成投入使用。\n完成50公里供热管网改造。\n附注：\n1、供热管网：指城市集中供热的输配管道。\n2、东山组团：指城区东部新区。\n";
    let tasks = task_texts(raw);
    assert!(
        tasks.iter().any(|t| t.contains("东山污水处理厂")),
        "{tasks:?}"
    );
    assert!(
        tasks.iter().any(|t| t.contains("供热管网改造")),
        "{tasks:?}"
    );
    assert!(!tasks.iter().any(|t| t.contains("指城")), "{tasks:?}");
}

#[test]
fn a_paragraph_promising_the_years_work_in_a_section_intro_is_a_task() {
    // The shape of the State Council's 总体部署: the policy stance has no figure, but it is
    // the year's promise; the paragraph announcing the list below is not.
    let raw = "二、2017年工作总体部署\n今年发展的主要预期目标是：国内生产总值增长6.5%左右。\n今年要继续实施积极的财政政策和稳健的货币政策，在区间调控基础上加强定向调控、相机调控。\n综合考虑各方面情况，要继续推进结构性减税，进一步提高政策的针对性。\n综合分析国内外形势，我们要做好应对更加复杂严峻局面的充分准备。\n做好今年政府工作，要把握好以下几点。一是贯彻稳中求进工作总基调。\n今年要重点做好八个方面工作。\n三、2017年重点工作任务\n（一）深入推进“三去一降一补”。\n1.扎实有效去产能。\n2.因城施策去库存。\n";
    let tasks = task_texts(raw);
    assert!(
        tasks
            .iter()
            .any(|t| t.contains("积极的财政政策和稳健的货币政策")),
        "{tasks:?}"
    );
    assert!(
        !tasks.iter().any(|t| t.contains("八个方面工作")),
        "{tasks:?}"
    );
    assert!(!tasks.iter().any(|t| t.contains("充分准备")), "{tasks:?}");
}

#[test]
fn a_closing_call_on_the_audience_is_not_a_task_but_work_before_one_is() {
    // sc_2015's closing paragraph, and the State Council 2011 plan's 民族 paragraph (not a
    // labelled pair), which ends with a call but promises work before it.
    let raw = "三、2015年重点工作\n（一）推动经济转型升级\n加快发展服务业。\n巩固和发展各民族大团结，是国家长治久安、繁荣昌盛的根本保证，是各族人民的根本利益所在。要坚持和完善民族区域自治制度，全面落实中央支持少数民族和民族地区发展的政策措施。让我们团结奋进，共同谱写中华民族繁荣发展的历史新篇章！\n时代赋予中国发展兴盛的历史机遇。让我们紧密团结在以习近平同志为总书记的党中央周围，高举中国特色社会主义伟大旗帜，凝神聚力，开拓创新，努力完成今年经济社会发展目标任务，作出新的更大贡献！\n";
    let tasks = task_texts(raw);
    assert!(
        tasks.iter().any(|t| t.contains("民族区域自治制度")),
        "{tasks:?}"
    );
    assert!(!tasks.iter().any(|t| t.contains("历史机遇")), "{tasks:?}");
}

#[test]
fn a_framing_opening_does_not_hide_a_deliverable_in_a_later_sentence() {
    // The closing paragraphs of the State Council's 2014 plan (not a labelled pair).
    let raw = "三、2014年重点工作
（一）推动经济转型升级
加快发展服务业。
各位代表！
今年是和平共处五项原则提出六十周年。中国人民热爱和平、渴望发展，我国现代化建设需要和平稳定的国际环境。全面推进周边外交，巩固睦邻友好，深化互利合作。办好亚太经合组织领导人非正式会议。
各位代表！
人民赋予重托，奋斗创造未来。让我们紧密团结在以习近平同志为总书记的党中央周围，为全面建成小康社会而努力奋斗！
";
    let tasks = task_texts(raw);
    assert!(
        tasks.iter().any(|t| t.contains("办好亚太经合组织")),
        "{tasks:?}"
    );
}

#[test]
fn an_address_to_the_deputies_frames_unless_it_states_the_governments_own_duties() {
    // 广东省's 2024 plan (not a labelled pair) puts the government's own duties in a paragraph
    // opening on the deputies; the closings of 海拉尔区's plans only call on them.
    let duties = "各位代表！新征程、新使命，对政府治理体系和治理能力提出了新要求。我们要坚持全面从严治党永远在路上，全面加强政府自身建设，努力建设人民满意的政府。坚持依法行政、依法履职。扎实推进地方机构改革工作，确保如期高质量完成。有序开展第五次全国经济普查，全面准确摸清广东经济“家底”。";
    assert!(!is_general(duties));
    for closing in [
        "各位代表，当前我区正处于深化改革、转型发展的关键时期，让我们在市委、市政府和区委的坚强领导下，紧紧依靠全区各族人民，为建设美丽幸福海拉尔而努力奋斗！",
        "各位代表，站在“十三五”伟大征程新起点，我们深感责任重大、使命光荣。让我们在区委的坚强领导下，以更加坚定的决心，更加务实的作风，为全面建成小康社会而努力奋斗！",
        "各位代表！奋进新征程、走好赶考路，对政府工作提出了新的更高要求。",
    ] {
        assert!(is_general(closing), "{closing}");
    }
}

#[test]
fn a_shi_line_with_sentences_below_is_a_task_of_its_own() {
    // sc_2009's plan written one sentence a line: 五是努力扩大进口 is what the plan promises
    // (a gold row starts there), not a heading whose words are only a title.
    let raw = "三、２００９年主要任务\n（五）坚持对外开放基本国策\n四是抓紧完善鼓励服务贸易的政策措施；\n大力发展国际服务外包。\n五是努力扩大进口。\n重点引进先进技术装备，增加关键零部件元器件、重要能源资源和原材料进口。\n";
    let texts = task_texts(raw);
    assert!(texts.iter().any(|t| t == "五是努力扩大进口。"), "{texts:?}");
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("四是抓紧完善鼓励服务贸易")),
        "{texts:?}"
    );
    // What follows stays a task too.
    assert!(
        texts.iter().any(|t| t.starts_with("重点引进先进技术装备")),
        "{texts:?}"
    );
}

#[test]
fn paragraphs_before_the_one_that_leads_into_a_list_are_tasks() {
    // 浙江省's 2026 plan (浙江日报): （九） states three paragraphs of work, then leads into its list of
    // 民生实事. Those three are tasks; the lead-in and the State Council's principles are not.
    let raw = "三、2026年重点工作\n（九）着力促进高质量发展和高水平安全良性互动\n防范化解重点领域风险。健全地方金融风险防控“天罗地网”工作体系，稳妥有序化解中小金融机构风险，深入推进涉众金融领域风险排查整治，严厉打击非法金融活动。\n加强和创新社会治理。以坚持和发展新时代“枫桥经验”为引领，迭代完善“141”基层治理体系，强化县级社会治理中心（综治中心）牵引枢纽作用，提升社会矛盾纠纷预防化解能力。\n狠抓平安建设。打好安全生产治本攻坚三年行动收官战，聚焦高层建筑、道路交通、涉海涉渔等重点领域常态化开展隐患排查整治，扎实做好防汛防台抗旱、森林防火、地质灾害防御等工作。\n各位代表！今年我们要坚持和完善为民办实事长效机制，突出群众有感、普遍受益，突出尽力而为、量力而行，继续认真办好十方面民生实事，坚决做到言必信、行必果。\n1.医疗卫生方面。全省30万以上参保孕产妇产前检查、住院分娩等政策范围内生育费用“零自付”。\n2.养老帮困方面。提高城乡居民基本养老保险缴费补贴标准、鼓励多缴多得。\n";
    let texts = task_texts(raw);
    for head in [
        "防范化解重点领域风险",
        "加强和创新社会治理",
        "狠抓平安建设",
        "1.医疗卫生方面",
    ] {
        assert!(
            texts.iter().any(|t| t.starts_with(head)),
            "{head}: {texts:?}"
        );
    }
    assert!(
        !texts.iter().any(|t| t.starts_with("各位代表")),
        "{texts:?}"
    );
    // sc_2006 and sc_2008: the principles a plan's opening sets out frame it.
    assert!(is_general(
        "通观全局，做好今年政府工作必须把握好以下原则：一是稳定政策，适度微调。继续搞好宏观调控，保持宏观经济政策的连续性和稳定性。"
    ));
    assert!(is_general(
        "2006年是实施“十一五”规划的第一年，改革发展稳定的任务十分繁重。做好政府工作的基本思路是：以邓小平理论和“三个代表”重要思想为指导，全面落实科学发展观。"
    ));
}

#[test]
fn a_paragraph_citing_figures_as_facts_is_no_task() {
    // 广东省's 2025 plan (its situation paragraph, cut) and the State Council's 2011 plan
    // (checks/pairs/sc_2011): figures of what is, or of last year, promise nothing; the year's
    // expected targets beside them do.
    let raw = "二、2025年工作安排\n根据省委十三届六次全会暨省委经济工作会议部署，今年经济社会发展的主要预期目标是：地区生产总值增长5%左右，城镇新增就业110万人以上。\n今年改革发展稳定任务十分繁重，我们要看到动力与压力同在、机遇与挑战并存。结构优主要是我省产业体系完备、创新能力较强，拥有8个万亿元级产业集群，新质生产力稳步发展，这些是广东产业向上突围的优势所在。\n2011年，是“十二五”开局之年，做好今年的工作对于完成“十二五”各项目标任务至关重要。过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%，居民消费价格涨幅控制在3.3%，城镇新增就业1168万人，国际收支状况有所改善。\n重点抓好以下方面：\n（一）推动大湾区市场一体化建设。深入实施“湾区通”工程。\n";
    let tasks = task_texts(raw);
    assert!(
        tasks.iter().any(|t| t.contains("主要预期目标是")),
        "{tasks:?}"
    );
    assert!(
        !tasks.iter().any(|t| t.contains("万亿元级产业集群")),
        "{tasks:?}"
    );
    assert!(!tasks.iter().any(|t| t.contains("10.3%")), "{tasks:?}");
    // Work stated with its figures stays a task without a word of promise (新建…所, 改造…公里).
    let raw =
        "二、2024年工作安排\n新建中小学5所，改造城区道路10公里。\n（一）推动产业发展。建设项目。\n";
    let tasks = task_texts(raw);
    assert!(
        tasks.iter().any(|t| t.contains("新建中小学5所")),
        "{tasks:?}"
    );
}

#[test]
fn a_plans_explanations_and_convictions_are_not_promises() {
    // The State Council's 2009 plan (../shared/pairs/sc_2009) explains its growth target and its
    // hope of meeting it in the targets' own paragraph; the 2008 plan closes on a conviction and
    // an outcome foretold, the 2017 plan on a promise with its foretold effect.
    let raw = "二、２００９年工作总体部署\n今年国民经济和社会发展的主要预期目标是：国内生产总值增长８％左右，经济结构进一步优化；城镇新增就业９００万人以上，城镇登记失业率４．６％以内；城乡居民收入稳定增长；居民消费价格总水平涨幅４％左右；国际收支状况继续改善。这里要着重说明，提出８％左右的国内生产总值增长目标，综合考虑了发展的需要和可能。在我们这样一个１３亿人口的发展中国家，要扩大城乡就业，增加居民收入，维护社会稳定，就必须保持一定的经济增长速度。只要政策对头，措施得当，落实有力，就有可能实现这一目标。\n（二）做好港澳工作\n全力支持香港、澳门特别行政区政府依法施政。对符合条件的困难企业，只要提出申请，就给予贷款贴息。我们坚信，香港、澳门同胞一定能够克服面临的困难，开创更加美好的明天！我们要认真落实侨务政策，保障海外侨胞和归侨侨眷合法权益，充分发挥他们的独特优势和重要作用，海内外中华儿女的凝聚力和向心力必将不断增强。海内外中华儿女共同奋斗，一定能够完成祖国统一大业！\n";
    let commitments: Vec<String> = tasks_of(raw)
        .into_iter()
        .flat_map(|t| t.commitments)
        .map(|c| c.text)
        .collect();
    for explanation in [
        "这里要着重说明",
        "只要政策对头",
        "我们坚信",
        "一定能够完成祖国统一大业",
    ] {
        assert!(
            !commitments.iter().any(|c| c.contains(explanation)),
            "{explanation}: {commitments:?}"
        );
    }
    for promise in [
        "国内生产总值增长8%左右",
        "全力支持香港、澳门特别行政区政府依法施政",
        "只要提出申请，就给予贷款贴息",
        "我们要认真落实侨务政策",
    ] {
        assert!(
            commitments.iter().any(|c| c.contains(promise)),
            "{promise}: {commitments:?}"
        );
    }
}
