use super::*;

fn parts(text: &str) -> Vec<&str> {
    commitment_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

#[test]
fn inline_enumerations_become_whole_parts() {
    let t = "认真履行党支部职责。一是加强党员教育。坚持把教育作为首要任务。二是严格发展党员。严格执行程序。";
    assert_eq!(
        parts(t),
        vec![
            "认真履行党支部职责",
            "一是加强党员教育。坚持把教育作为首要任务",
            "二是严格发展党员。严格执行程序"
        ]
    );
}

#[test]
fn sentences_and_semicolons_split() {
    let t = "加快污水处理厂提标改造；推进“三清”工作，拆除违章建筑。完成16个老旧小区整治";
    assert_eq!(
        parts(t),
        vec![
            "加快污水处理厂提标改造",
            "推进“三清”工作，拆除违章建筑",
            "完成16个老旧小区整治"
        ]
    );
}

#[test]
fn bundled_deliverables_are_cut_at_clauses() {
    // A short opening leads into its deliverable, a purpose clause stays with the one before,
    // short clauses at the end stay together.
    let t = "加快交通基础设施建设，启动东城污水处理厂二期扩容提标改造工程，新建城区公共停车场和新能源汽车充电桩各一批，不断提升群众出行便利程度。继续推进农贸市场改造，年内建成标准化菜市场12个。";
    assert_eq!(
        parts(t),
        vec![
            "加快交通基础设施建设，启动东城污水处理厂二期扩容提标改造工程",
            "新建城区公共停车场和新能源汽车充电桩各一批，不断提升群众出行便利程度",
            "继续推进农贸市场改造，年内建成标准化菜市场12个"
        ]
    );
    // 确保… names a deliverable of its own (确保…项目开工建设), not the purpose of the clause before.
    let t = "加快教育、卫生、社区、文体等公共公益服务项目建设，确保自治区冰上运动中心、桃李中学等项目开工建设，完成街道办事处、社区组建。";
    assert_eq!(
        parts(t),
        vec![
            "加快教育、卫生、社区、文体等公共公益服务项目建设",
            "确保自治区冰上运动中心、桃李中学等项目开工建设",
            "完成街道办事处、社区组建"
        ]
    );
    // 将/把 leaves the verb to the next clause.
    let t = "二是将城区所有公办幼儿园的保育费减免范围，从低保家庭扩大到全部困难家庭。";
    assert_eq!(
        parts(t),
        vec!["二是将城区所有公办幼儿园的保育费减免范围，从低保家庭扩大到全部困难家庭"]
    );
    // A lead-in stops at a sentence end, except an enumerated part's heading.
    let t = "一是改善人居环境。推进垃圾分类。新建城区公共停车场和新能源汽车充电桩各一批。";
    assert_eq!(
        parts(t),
        vec![
            "一是改善人居环境。推进垃圾分类",
            "新建城区公共停车场和新能源汽车充电桩各一批"
        ]
    );
    // A first sentence ending on ；is one of the part's deliverables, not its heading (sc_2009's and
    // hailar_2012's plans): the report may name one without the other.
    let t = "四是抓紧完善鼓励服务贸易的政策措施；大力发展国际服务外包。";
    assert_eq!(
        parts(t),
        vec!["四是抓紧完善鼓励服务贸易的政策措施", "大力发展国际服务外包"]
    );
    let t = "二是实施行政中心东移工程，启动党政办公大楼建设；加快推进红星美凯龙城市商贸综合体、冰上运动场馆等项目建设。";
    assert_eq!(
        parts(t),
        vec![
            "二是实施行政中心东移工程，启动党政办公大楼建设",
            "加快推进红星美凯龙城市商贸综合体、冰上运动场馆等项目建设"
        ]
    );
}

#[test]
fn enumerators_inside_a_sentence_start_parts() {
    let t = "主要用于减税降费，一是全面实施营改增，确保税负只减不增；二是取消违规收费。";
    assert_eq!(
        parts(t),
        vec![
            "主要用于减税降费",
            "一是全面实施营改增，确保税负只减不增",
            "二是取消违规收费"
        ]
    );
}

#[test]
fn a_part_of_a_target_list_written_with_semicolons_is_cut_per_figure() {
    // sc_2006's plan: the targets are ；-parts of one sentence, and 城镇登记失业率 is a promise of its
    // own that the report's 城镇新增就业1184万人 does not answer. The lead-in before the colon,
    // figure-free clauses and all, is no commitment.
    let t = "综合考虑各种因素，2006年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右，单位国内生产总值能耗降低4%左右；居民消费价格总水平涨幅控制在3%；城镇新增就业900万人，城镇登记失业率控制在4.6%；国际收支基本平衡。";
    let got = parts(t);
    assert!(got.contains(&"城镇新增就业900万人"), "{got:?}");
    assert!(
        got.iter()
            .any(|p| p.starts_with("城镇登记失业率控制在4.6%")),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|p| p.contains("综合考虑各种因素")),
        "{got:?}"
    );
    // Figures in ；-parts of a sentence that names no target are deliverables, cut as such
    // (hailar_2015's 投资10.6亿元，加快推进伊敏河景观改造… stays one commitment), and so is a
    // deficit with its change (sc_2015).
    let t = "投资10.6亿元，加快推进伊敏河景观改造、626小河沿岸环境整治，完成景观改造26万平方米、沿河5.3公里道路的建设任务；做好城市西出口生态景观建设和东出口沿线绿化，启动新北出口综合改造。";
    let got = parts(t);
    assert!(
        got.iter()
            .any(|p| p.starts_with("投资10.6亿元，加快推进伊敏河景观改造")),
        "{got:?}"
    );
    let t = "其中，中央财政赤字1.12万亿元，增加1700亿元；地方财政赤字5000亿元，增加1000亿元。";
    let got = parts(t);
    assert!(
        got.iter()
            .any(|p| p.contains("中央财政赤字1.12万亿元，增加1700亿元")),
        "{got:?}"
    );
}

#[test]
fn a_target_written_with_its_qualifier_is_one_commitment_without_the_lead_in() {
    // sc_2009's plan: the report answers 国内生产总值增长8%左右，经济结构进一步优化 as one target.
    let t = "今年国民经济和社会发展的主要预期目标是：国内生产总值增长8%左右，经济结构进一步优化；城镇新增就业900万人以上，城镇登记失业率4.6%以内；城乡居民收入稳定增长；居民消费价格总水平涨幅4%左右；国际收支状况继续改善。";
    let got = parts(t);
    assert!(
        got.iter()
            .any(|p| p.starts_with("国内生产总值增长8%左右，经济结构进一步优化")),
        "{got:?}"
    );
    assert!(!got.iter().any(|p| p.contains("预期目标是")), "{got:?}");
    // sc_2008's: a condition (在…的基础上) leads into the figure.
    let t = "今年国民经济和社会发展的预期目标是：在优化结构、提高效益、降低消耗、保护环境的基础上，国内生产总值增长8%左右；居民消费价格总水平涨幅控制在4.8%左右；城镇新增就业1000万人，城镇登记失业率控制在4.5%左右；国际收支状况有所改善。";
    let got = parts(t);
    assert!(
        got.iter().any(|p| p.starts_with(
            "在优化结构、提高效益、降低消耗、保护环境的基础上，国内生产总值增长8%左右"
        )),
        "{got:?}"
    );
    // 广东's 2022 plan: a clause before the figure is a target of its own.
    let t = "主要预期目标是：地区生产总值增长5.5%左右；规模以上工业增加值增长5.5%；居民人均可支配收入增长与经济增长基本同步，居民消费价格涨幅3%；粮食产量1268万吨以上。";
    let got = parts(t);
    assert!(
        got.contains(&"居民人均可支配收入增长与经济增长基本同步"),
        "{got:?}"
    );
    assert!(
        got.iter().any(|p| p.starts_with("居民消费价格涨幅3%")),
        "{got:?}"
    );
}

#[test]
fn a_list_of_targets_is_one_commitment_per_figure() {
    let t = "今年发展的主要预期目标是：国内生产总值增长6.5%－7%，居民消费价格涨幅3%左右，进出口回稳向好，国际收支基本平衡，城镇登记失业率4.5%以内。";
    assert_eq!(
        parts(t),
        vec![
            "国内生产总值增长6.5%－7%",
            "居民消费价格涨幅3%左右",
            "进出口回稳向好，国际收支基本平衡",
            "城镇登记失业率4.5%以内"
        ]
    );
}

#[test]
fn a_figure_that_restates_the_one_before_stays_with_it() {
    // sc_2015: the increment restates the deficit; the rate is a figure of its own.
    let t = "今年拟安排财政赤字1.62万亿元，比去年增加2700亿元，赤字率从去年的2.1%提高到2.3%。";
    assert_eq!(
        parts(t),
        vec![
            "今年拟安排财政赤字1.62万亿元，比去年增加2700亿元",
            "赤字率从去年的2.1%提高到2.3%"
        ]
    );
    // sc_2011: a part (其中…) belongs to the whole before it.
    let t = "今年拟安排财政赤字9000亿元，其中中央财政赤字7000亿元，继续代地方发债2000亿元并纳入地方预算，赤字规模比上年预算减少1500亿元，赤字率下降到2%左右。";
    let got = parts(t);
    assert!(
        got.contains(&"今年拟安排财政赤字9000亿元，其中中央财政赤字7000亿元"),
        "{got:?}"
    );
}

#[test]
fn general_requirements_are_not_tasks() {
    assert!(is_general("以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大精神，压紧压实管党治党责任。"));
    assert!(is_general(
        "今年政府工作的总体要求是：深入贯彻落实党的十八大精神。"
    ));
    assert!(!is_general(
        "今年经济社会发展主要预期目标是：地区生产总值增长6%左右。"
    ));
    assert!(!is_general(
        "过去一年，国防和军队建设取得显著成效。新的一年，要推进改革。"
    ));
}

#[test]
fn deadlines_and_responsible_parties() {
    assert_eq!(
        deadlines("每半年向局党组书面报告一次，年底前完成，6月底前上报"),
        vec!["每半年", "年底前", "6月底前"]
    );
    assert_eq!(
        responsible("局党组书记、局长负责对党组班子成员进行廉政谈话"),
        vec!["局党组书记", "局长", "党组", "班子成员"]
    );
}
