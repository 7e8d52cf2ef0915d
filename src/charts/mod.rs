//! Chart data for the inline SVG charts: which bars, their values and their lengths. Pure, so
//! the figures a chart shows are tested natively; the UI only draws them.

use crate::rules::{num, Assessment};
use crate::summary::SummaryRow;
use rust_decimal::Decimal;

/// One group of one evaluation: its weight, the score that counts and the rules' score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreBar {
    pub label: String,
    /// A 二级 group under the 一级 above it.
    pub nested: bool,
    pub weight: Decimal,
    pub claimed: Decimal,
    pub rule: Decimal,
}

/// Bars for 预算执行率, each 一级指标 and its 二级 groups that carry weight.
pub fn score_bars(a: &Assessment) -> Vec<ScoreBar> {
    let mut bars = vec![ScoreBar {
        label: "预算执行率".into(),
        nested: false,
        weight: a.execution.weight,
        claimed: a.execution.used,
        rule: a.execution.rule_score.unwrap_or(a.execution.used),
    }];
    for l in &a.level1 {
        bars.push(ScoreBar {
            label: l.level1.name_zh().into(),
            nested: false,
            weight: l.totals.weight,
            claimed: l.totals.used,
            rule: l.totals.rule,
        });
        for (g, t) in &l.groups {
            if t.weight > Decimal::ZERO {
                bars.push(ScoreBar {
                    label: g.name_zh().into(),
                    nested: true,
                    weight: t.weight,
                    claimed: t.used,
                    rule: t.rule,
                });
            }
        }
    }
    bars
}

/// Length of `value` on an axis where `max` spans `span` units, clamped to [0, span], one decimal.
pub fn length(value: Decimal, max: Decimal, span: u32) -> Decimal {
    let span = Decimal::from(span);
    if max <= Decimal::ZERO || value <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    num::mul(value, span)
        .and_then(|x| num::div(x, max))
        .map(|x| x.min(span).round_dp(1))
        .unwrap_or(span)
}

/// One project in the summary chart: total score (of 100) and execution rate.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectBar {
    pub id: String,
    pub label: String,
    pub total: Decimal,
    pub rate: Option<Decimal>,
}

pub fn project_bars(rows: &[SummaryRow]) -> Vec<ProjectBar> {
    rows.iter()
        .map(|r| ProjectBar {
            id: r.id.clone(),
            label: if r.project_name.trim().is_empty() {
                "（未命名项目）".into()
            } else {
                r.project_name.trim().into()
            },
            total: r.total,
            rate: r.rate,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::assess;
    use crate::samples::sample;

    fn d(s: &str) -> Decimal {
        s.parse().expect("literal")
    }

    #[test]
    fn zhaoshang_bars_show_claimed_against_rule_and_weight() {
        let e = sample("sample-zhaoshang").expect("sample").build();
        let bars = score_bars(&assess(&e));
        let labels: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "预算执行率",
                "产出指标",
                "数量指标",
                "成本指标",
                "效益指标",
                "生态效益指标",
                "满意度指标",
                "服务对象满意度指标"
            ]
        );
        assert_eq!(
            (bars[0].weight, bars[0].claimed, bars[0].rule),
            (d("10"), d("7"), d("10"))
        );
        assert_eq!(
            (bars[2].weight, bars[2].claimed, bars[2].rule),
            (d("30"), d("25"), d("28"))
        );
        assert_eq!(
            (bars[5].weight, bars[5].claimed, bars[5].rule),
            (d("30"), d("25"), d("30"))
        );
        assert!(bars[2].nested && !bars[1].nested);
    }

    #[test]
    fn lengths_are_scaled_and_clamped() {
        assert_eq!(length(d("25"), d("50"), 200), d("100"));
        assert_eq!(length(d("1"), d("3"), 100), d("33.3"));
        assert_eq!(length(d("120"), d("100"), 100), d("100"));
        assert_eq!(length(d("-5"), d("100"), 100), d("0"));
        assert_eq!(length(d("5"), d("0"), 100), d("0"));
        assert_eq!(length(Decimal::MAX, d("0.0001"), 100), d("100"));
    }
}
