//! The seed's department-wide data (衡山县商务和粮食局, 2022, section 一 and 二), entered as printed —
//! including its unit slips ("9.81元", "0万万元", "31.26万元元").

use crate::model::{BudgetFinal, DepartmentEvaluation};

fn bf(budget: &str, final_amount: &str) -> BudgetFinal {
    BudgetFinal {
        budget: budget.into(),
        final_amount: final_amount.into(),
    }
}

pub const DEPARTMENT_SAMPLE_ID: &str = "sample-dept-hengshan";

pub fn department_sample() -> DepartmentEvaluation {
    DepartmentEvaluation {
        id: DEPARTMENT_SAMPLE_ID.into(),
        department: "衡山县商务和粮食局".into(),
        year: "2022".into(),
        profile: "衡山县商务和粮食局为县政府组成机构，内设11个股室、3个副科级事业单位（衡山县投资促进事务中心、衡山县粮食和物资储备中心、衡山县市场服务中心），行政编制12人、全额事业编制44人，经费自理事业编制7人。机关运行独立的部门预算、核算、决算财政财务体系，全额拨款一级预算行政管理，执行政府会计制度，会计机构改革归并单位。".into(),
        // 行政编制12人、全额事业编制44人、经费自理事业编制7人; 在职43人、离退休87人、其他17人
        staff_authorized: "63".into(),
        staff_actual: "43".into(),
        staff_retired: "87".into(),
        staff_other: "17".into(),
        income: bf("684.34", "2695.59"),
        expenditure: bf("684.34", "2669.35"),
        basic: bf("578.38", "915.76"),
        project: bf("105.96", "1753.59"),
        accounts_note: "年初预算只针对部门日常支出未含部门重点项目支出。".into(),
        abroad: bf("0", "0万万元"),
        vehicles: bf("11", "4.64"),
        reception: bf("12", "5.17"),
        three_public_total: bf("23", "9.81元"),
        procurement_goods: "31.26万元元".into(),
        procurement_works: "22.89".into(),
        procurement_services: "0".into(),
        procurement_total: "54.15".into(),
        procurement_planned: String::new(),
        assets_total: "9273.2".into(),
        liabilities_total: "8882.31".into(),
        net_assets: "390.89".into(),
        fixed_assets_original: "612.09".into(),
        assets_in_use: "612.09".into(),
        performance_summary: "今年以来，在县委、县政府的正确领导下，县商粮局积极发挥商务工作职能，强化自身建设，助力经济社会发展，较好完成了各项工作任务。招商引资稳步推进（截至11月实际使用内资68.07亿元，同比增长20.49%）；三外工作有喜有忧；消费活力持续激发（1-11月社会消费品零售总额45.85亿元，增长2.6%）；市场运行保持平稳；市场体系不断完善。".into(),
        problems_and_measures: "招商重点项目建设还需加强。一是调度督查力度不够强，应加大督查调度力度，确保完成年初制定目标任务。二是项目谋划质量不够高，应积极谋划一批补短板强弱项的重特大项目。三是要素保障不够到位，应加大要素保障力度，及早介入，前瞻性帮助项目解决问题。".into(),
        other_notes: "1、基于财政预算的控制和平衡及年度决算本级预算结转指标财政上收，年初部门预算支出和年度实际工作经费需求存在一些差异，年度预算整体调整额度和收支决算功能分类调整额度较大。建议：县财政牵头统一制订全县财务内部控制制度范本。\n2、受衡山县地域和经济基础限制，“社零”总额量小、新增限上企业培育入库难度大，招商引资落地企业发展普遍滞后，“三外”基础薄弱。".into(),
        updated_at: 0,
        created_at: 0,
    }
}
