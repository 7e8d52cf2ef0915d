//! The scoring rules that differ from one template to another, as data the engine reads.
//! RULES.md states the MOF 2020 rules (R1–R6); docs/TEMPLATES.md states each template's
//! departures from them, with sources. Everything not named here is the same for every template.

use rust_decimal::Decimal;

/// How a 反向 (≤, <) indicator scores when the actual value exceeds the target T (A > T > 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reverse {
    /// W × (1 − (A − T) / T), 0 from A ≥ 2T (RULES.md R3: MOF 2020).
    Deduction,
    /// W × T / A (the 湖北 2020 form's note; also printed by 江西 forms).
    Ratio,
}

/// The rules of one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    /// The 预算执行率 分值 used when the form leaves it blank (and proposed for a new form);
    /// `None` where the form scores execution among its indicators (预算完成率 under 部门管理)
    /// and its fund table has no score of its own.
    pub execution_weight: Option<Decimal>,
    pub reverse: Reverse,
    /// The 定性 bands: 达成 [upper %, 100 %], 部分达成 [lower %, upper %), 未达成 [0, lower %).
    pub band_upper: i64,
    pub band_lower: i64,
    /// Whether an actual at 120 % of a 正向 target or more is flagged (R3: 10号 says to deduct
    /// for the deviation; forms whose notes say nothing of it do not flag it).
    pub flag_over_achievement: bool,
    /// A department form (财预〔2013〕53号's common ratios): a bare target of 预算调整率, 结转结余率,
    /// a 控制率 or a 变动率 is 反向, and a 变动率 or 增长率 may be negative. Project forms keep
    /// RULES.md R3 as written.
    pub common_ratios: bool,
}

impl Scheme {
    /// RULES.md as written: 财预〔2020〕10号.
    pub const MOF_2020: Scheme = Scheme {
        execution_weight: Some(Decimal::TEN),
        reverse: Reverse::Deduction,
        band_upper: 80,
        band_lower: 60,
        flag_over_achievement: true,
        common_ratios: false,
    };

    /// 湖北 2020 (docs/TEMPLATES.md): 预算执行情况 20 分 (20 × 执行率), 反向 W × T / A, 定性
    /// bands 80 / 50, no over-achievement rule.
    pub const HUBEI_2020: Scheme = Scheme {
        execution_weight: Some(Decimal::from_parts(20, 0, 0, false, 0)),
        reverse: Reverse::Ratio,
        band_upper: 80,
        band_lower: 50,
        flag_over_achievement: false,
        common_ratios: false,
    };

    /// 重庆 部门整体绩效自评表 (docs/TEMPLATES.md T7): 执行率 × 执行率权重 (10); each row's
    /// 得分系数 is the completion ratio capped at 100 % — A / T, or T / A for a 反向 row — and its
    /// score 系数 × 权重; 定性 bands as RULES.md; no over-achievement rule (the coefficient stops at
    /// 100 %).
    pub const CHONGQING: Scheme = Scheme {
        execution_weight: Some(Decimal::TEN),
        reverse: Reverse::Ratio,
        band_upper: 80,
        band_lower: 60,
        flag_over_achievement: false,
        common_ratios: true,
    };

    /// The department-wide form grouped 部门决策 / 部门管理 / 部门绩效: RULES.md's rules, but no
    /// execution score in the fund table (预算完成率 and the other 预算执行 ratios are rows).
    pub const DEPARTMENT_FRAMEWORK: Scheme = Scheme {
        execution_weight: None,
        common_ratios: true,
        ..Scheme::MOF_2020
    };

    /// The department-wide form of most provinces: RULES.md's rules, with the common ratios of
    /// department forms.
    pub const DEPARTMENT: Scheme = Scheme {
        common_ratios: true,
        ..Scheme::MOF_2020
    };
}

impl Default for Scheme {
    fn default() -> Self {
        Scheme::MOF_2020
    }
}
