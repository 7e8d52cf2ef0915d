//! The seed's four 项目支出绩效自评表 (衡山县商务和粮食局, 2022), entered as printed — including
//! their inconsistencies (a blank total row, sub-rows that do not add up, a target written in
//! the actual column, claimed scores below what the rules give). They serve as built-in examples
//! and as the engine's reference cases: with the claimed scores the totals are 88, 87, 80, 89.

mod department;

pub use department::{department_sample, DEPARTMENT_SAMPLE_ID};

use crate::model::{
    Evaluation, FundRow, FundTable, Indicator, Level1Weights, Level2, OverallGoal, SignOff,
};

/// One built-in example.
pub struct Sample {
    /// Stable key, also the id prefix of the evaluation it creates.
    pub key: &'static str,
    pub title: &'static str,
    build: fn() -> Evaluation,
}

impl Sample {
    /// The evaluation, with the sample's own id (callers re-id it if it is already used).
    pub fn build(&self) -> Evaluation {
        (self.build)()
    }
}

pub const SAMPLES: [Sample; 4] = [
    Sample {
        key: "sample-sheling",
        title: "社零工作经费",
        build: sheling,
    },
    Sample {
        key: "sample-zhaoshang",
        title: "招商引资",
        build: zhaoshang,
    },
    Sample {
        key: "sample-chubeiliang",
        title: "县级储备粮、临储粮经费",
        build: chubeiliang,
    },
    Sample {
        key: "sample-guanbi",
        title: "企业关闭破产补助经费",
        build: guanbi,
    },
];

pub fn sample(key: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.key == key)
}

const DEPARTMENT: &str = "衡山县商务和粮食局";
const HEAD: &str = "杨群";

fn row(initial: &str, annual: &str, executed: &str) -> FundRow {
    FundRow {
        initial_budget: initial.into(),
        annual_budget: annual.into(),
        executed: executed.into(),
    }
}

/// Indicator rows of a form: (二级, 三级 name, target, actual, weight, claimed, reason).
type Line = (
    Level2,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

fn indicators(id: &str, lines: &[Line]) -> Vec<Indicator> {
    lines
        .iter()
        .enumerate()
        .map(
            |(i, &(level2, name, target, actual, weight, claimed, reason))| Indicator {
                id: format!("{id}-r{i}"),
                level2,
                name: name.into(),
                target: target.into(),
                actual: actual.into(),
                weight: weight.into(),
                claimed: claimed.into(),
                reason: reason.into(),
                ..Indicator::default()
            },
        )
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn form(
    id: &str,
    project: &str,
    department: &str,
    unit: &str,
    funds: FundTable,
    goal: (&str, &str),
    lines: &[Line],
    preparer: &str,
    phone: &str,
    total: &str,
) -> Evaluation {
    Evaluation {
        id: id.into(),
        template: Default::default(),
        project_name: project.into(),
        department: department.into(),
        implementing_unit: unit.into(),
        year: "2022".into(),
        funds,
        level1_weights: Level1Weights::default(),
        goal: OverallGoal {
            expected: goal.0.into(),
            achieved: goal.1.into(),
        },
        indicators: indicators(id, lines),
        sign_off: SignOff {
            preparer: preparer.into(),
            date: "2023年8月".into(),
            phone: phone.into(),
            head: HEAD.into(),
        },
        claimed_total: total.into(),
        claimed_grade: String::new(),
        note: String::new(),
        review: Default::default(),
        updated_at: 0,
        created_at: 0,
    }
}

fn sheling() -> Evaluation {
    use Level2::*;
    let goal = "全县完成社会消费品零售总额53.46亿元，同比增长12%，新增限上企业30（8个大个体）家。";
    let done = "1-12月全县完成社零总额50.29亿元，同比增长2.5%，新增限上企业2家。";
    form(
        "sample-sheling",
        "社零工作经费",
        DEPARTMENT,
        "市场运行秩序股",
        FundTable {
            // as printed: the total row has only 年初预算数; 全年预算数/执行数 are blank
            total: row("39", "", ""),
            current_year: row("33", "30", "30"),
            carried_over: row("", "", ""),
            other: row("6", "18.92", "18.92"),
            weight: "10".into(),
            claimed: "8".into(),
            reason: String::new(),
            claimed_rate: "100%".into(),
            ..FundTable::default()
        },
        (goal, done),
        &[
            (Quantity, "", goal, done, "50", "45", "退出企业同期基数较大。已申请退出企全年累计带基数较大，将在一定程度上会导致全县社零增速缓慢。"),
            (
                Economic,
                "",
                "以扩大销费规模，改善有效供给，激发居民销费热情为目标，持续开展促消费活动，进一步释放我县消费潜力，推动消费市场增长，逐步形成衡山特色促消费活动品牌，为衡阳建设区域消费中心贡献我们衡山应有的新的力量。",
                "我县按照“政府支持、平台补贴、厂商让利、惠及市民”的原则，开展“梦想星光夜市”“惠购衡山 乐享生活——家电下乡促消费”等一系列促消费活动，加快推进“五兴六强”新衡山建设，努力打造消费增长点，初步统计8月20日“梦想星光”夜市活动10天时间里吸引近百户商家参与，到访人数约6一7万人次，发放美食消费券一万余张；11月10日至13日“惠购衡山 乐享生活——家电下乡促消费”活动共售出电器产品500余台，客流量达0.4万人次，累计实现销售额约260余万元。",
                "30",
                "25",
                "",
            ),
            (ServiceSatisfaction, "企业满意度", "满意", "", "10", "10", ""),
        ],
        "旷水源",
        "13975424090",
        "88",
    )
}

fn zhaoshang() -> Evaluation {
    use Level2::*;
    form(
        "sample-zhaoshang",
        "招商引资",
        DEPARTMENT,
        "衡山县投资促进事务中心",
        FundTable {
            total: row("400", "119.34", "119.34"),
            current_year: row("400", "119.34", "119.34"),
            carried_over: row("", "", ""),
            other: row("", "", ""),
            weight: "10".into(),
            claimed: "7".into(),
            reason: String::new(),
            claimed_rate: "100%".into(),
            ..FundTable::default()
        },
        (
            "引进总投资过千万项目20个，其中总投资过亿项目5个",
            "引进总投资过千万项目21个，其中总投资过亿项目4个",
        ),
        &[
            (
                Quantity,
                "引进总投资过千万项目",
                "20个",
                "21个",
                "20",
                "20",
                "",
            ),
            (Quantity, "其中总投资过亿项目", "5个", "4个", "10", "5", ""),
            (
                Cost,
                "引进总投资过千万项目投资总额",
                "100000万元",
                "154500万元",
                "10",
                "10",
                "",
            ),
            (
                Cost,
                "其中总投资过亿项目投资总额",
                "50000万元",
                "121000万元",
                "10",
                "10",
                "",
            ),
            (Ecological, "环保评审合格", "100%", "100%", "30", "25", ""),
            (
                ServiceSatisfaction,
                "客商及企业满意度",
                "100%",
                "100%",
                "10",
                "10",
                "",
            ),
        ],
        "彭智岳",
        "13467758247",
        "87",
    )
}

fn chubeiliang() -> Evaluation {
    use Level2::*;
    const STOCK: &str = "5000吨稻谷、500吨成品粮、50吨食用植物油15000吨临储粮储备到位率";
    form(
        "sample-chubeiliang",
        "县级储备粮、临储粮经费",
        DEPARTMENT,
        "衡山黄花坪粮食收储有限公司",
        FundTable {
            // as printed: the sub-rows' 全年预算数 add up to 848.59, not 666.59
            total: row("2000", "666.59", "666.59"),
            current_year: row("2000", "646.26", "646.26"),
            carried_over: row("", "", ""),
            other: row("", "202.33", "202.33"),
            weight: "10".into(),
            claimed: "6".into(),
            reason: String::new(),
            claimed_rate: "100%".into(),
            ..FundTable::default()
        },
        (
            "确保县级储备粮油正常运转",
            "落实了5000吨县级储备粮、500吨成品粮、50吨食用植物油的储备规模，库存真实、数量准确",
        ),
        &[
            (Quantity, STOCK, "100%", "100%", "10", "8", ""),
            (Quantity, "库存数量真实率", "100%", "100%", "5", "5", ""),
            (Quality, STOCK, "100%", "100%", "10", "9", ""),
            (Quality, "库存数量真实率", "100%", "100%", "5", "5", ""),
            (
                Timeliness,
                "县级储备粮贷款付息及时率",
                "100%",
                "100%",
                "5",
                "5",
                "",
            ),
            (
                Timeliness,
                "县级储备粮应急保障率",
                "100%",
                "100%",
                "5",
                "5",
                "",
            ),
            (
                Cost,
                "国家政策性粮收购价格执行率",
                "100%",
                "100%",
                "5",
                "3",
                "",
            ),
            (
                Cost,
                "县级储备粮库存成本核算率",
                "100%",
                "100%",
                "5",
                "3",
                "",
            ),
            (Economic, "利息费用保障率", "100%", "100%", "5", "5", ""),
            (
                Economic,
                "政策性挂账利息补贴保障率",
                "100%",
                "100%",
                "5",
                "2",
                "",
            ),
            (
                Ecological,
                "低温、低氧、低剂量科学保粮率",
                "100%",
                "100%",
                "5",
                "4",
                "",
            ),
            (
                Ecological,
                "食品安全指标达标率",
                "100%",
                "100%",
                "5",
                "4",
                "",
            ),
            (
                Sustainable,
                "粮食储备设备维护及安全性",
                "100%",
                "100%",
                "10",
                "7",
                "",
            ),
            (
                ServiceSatisfaction,
                "因粮食市场波动引起的粮食安全事件发生数",
                "0起",
                "0起",
                "5",
                "5",
                "",
            ),
            (
                ServiceSatisfaction,
                "市民满意度调査",
                "≥90%",
                "100%",
                "5",
                "4",
                "",
            ),
        ],
        "向齐",
        "15873406193",
        "80",
    )
}

fn guanbi() -> Evaluation {
    use Level2::*;
    form(
        "sample-guanbi",
        "企业关闭破产补助经费",
        // as printed: 主管部门 and 实施单位 are blank on this form
        "",
        "",
        FundTable {
            total: row("52.75", "50.82", "50.82"),
            current_year: row("52.75", "50.82", "50.82"),
            carried_over: row("", "", ""),
            other: row("", "", ""),
            weight: "10".into(),
            claimed: "9".into(),
            reason: String::new(),
            claimed_rate: "100%".into(),
            ..FundTable::default()
        },
        (
            "解决改制企业遗留问题，维护社会稳定。",
            "全面完成各项工作任务",
        ),
        &[
            (Quantity, "改制企业法人安置", "6人", "6人", "30", "28", ""),
            // as printed: "到位率" stands in the 年度指标值 column, "100%" in 实际完成值
            (
                Quality,
                "改制法人工资年度按月发放",
                "到位率",
                "100%",
                "20",
                "17",
                "",
            ),
            (Sustainable, "维护社会稳定", "100%", "100%", "30", "25", ""),
            (
                ServiceSatisfaction,
                "遗留问题处理",
                "100%",
                "100%",
                "10",
                "10",
                "",
            ),
        ],
        "颜佳美",
        "13170344519",
        "89",
    )
}
