//! Changing a form's template: what moves where, shown before it happens. Nothing typed is
//! dropped: rows and columns the new form does not print stay in the form (and stay shown while
//! they hold something); the only values that change are defaults the clerk never changed (the
//! execution weight, the 一级 weights), and the scores the new rules give.

use super::{template, Column};
use crate::model::{Evaluation, Level1, TemplateId};
use crate::rules::{assess, num::fmt2, RuleScore};

/// One line of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SwitchNote {
    pub zh: String,
    pub en: String,
}

impl SwitchNote {
    fn new(zh: impl Into<String>, en: impl Into<String>) -> SwitchNote {
        SwitchNote {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// A template change, ready to confirm: the form as it will be and what changes.
#[derive(Debug, Clone, PartialEq)]
pub struct Switch {
    pub form: Evaluation,
    pub notes: Vec<SwitchNote>,
}

/// The form under template `to`, and what that changes.
pub fn preview_switch(e: &Evaluation, to: TemplateId) -> Switch {
    let from = template(e.template);
    let into = template(to);
    let mut form = e.clone();
    form.template = to;
    let mut notes = Vec::new();
    if from.id == into.id {
        return Switch { form, notes };
    }
    // defaults the clerk never changed follow the template
    let weight = e.funds.weight.trim();
    if (weight.is_empty() || weight == from.execution_weight()) && into.execution_weight() != weight
    {
        form.funds.weight = into.execution_weight();
        let shown = |s: &str, none_zh: &'static str| {
            if s.is_empty() {
                none_zh.to_string()
            } else {
                s.to_string()
            }
        };
        notes.push(SwitchNote::new(
            format!(
                "预算执行率分值：{} → {}",
                shown(weight, "（未填）"),
                shown(&form.funds.weight, "（不设，执行率作为指标计分）")
            ),
            format!(
                "execution weight: {} → {}",
                shown(weight, "(blank)"),
                shown(
                    &form.funds.weight,
                    "(none: execution is scored as an indicator)"
                )
            ),
        ));
    }
    let old_l1 = from.level1_weights();
    let new_l1 = into.level1_weights();
    if e.level1_weights == old_l1 && old_l1 != new_l1 {
        form.level1_weights = new_l1;
        for l in Level1::ALL {
            let (a, b) = (e.level1_weights.get(l), form.level1_weights.get(l));
            if a != b {
                let shown = |s: &str| {
                    if s.is_empty() {
                        "（不设）".to_string()
                    } else {
                        s.to_string()
                    }
                };
                notes.push(SwitchNote::new(
                    format!("{}分值：{} → {}", l.name_zh(), shown(a), shown(b)),
                    format!("“{}” weight: {} → {}", l.name_zh(), shown(a), shown(b)),
                ));
            }
        }
    }
    // what the form prints differently; the content stays
    for kind in crate::model::FundRowKind::ALL {
        let printed = |t: &super::Template| t.funds.rows.contains(&kind);
        let (was, will) = (from.fund_label(kind), into.fund_label(kind));
        if !printed(from) && printed(into) {
            notes.push(SwitchNote::new(
                format!("资金表增加“{will}”行"),
                format!("the fund table gains the row “{will}”"),
            ));
        }
        if printed(from) && !printed(into) {
            let zh = if e.funds.row(kind).is_blank() {
                format!("资金表“{was}”行不再列出（本行未填）")
            } else {
                format!("资金表“{was}”行不在新表样中，但已填内容保留并继续显示")
            };
            notes.push(SwitchNote::new(
                zh,
                format!("fund row “{was}” is not on the new form (anything typed is kept)"),
            ));
        }
        if printed(from) && printed(into) && was != will {
            notes.push(SwitchNote::new(
                format!("资金表“{was}”行改称“{will}”"),
                format!("fund row “{was}” is called “{will}”"),
            ));
        }
    }
    if from.funds.initial_budget.is_some() != into.funds.initial_budget.is_some() {
        notes.push(if into.funds.initial_budget.is_some() {
            SwitchNote::new(
                "资金表增加“年初预算数”栏",
                "the fund table gains the column “年初预算数”",
            )
        } else if from.shows_initial_budget(e) && into.shows_initial_budget(e) {
            SwitchNote::new(
                "新表样没有“年初预算数”栏，但已填的年初预算数保留并继续显示",
                "the new form has no column “年初预算数”; the amounts typed there are kept and shown",
            )
        } else {
            SwitchNote::new(
                "资金表不再列出“年初预算数”栏（未填）",
                "the fund table drops the blank column “年初预算数”",
            )
        });
    }
    // the 一级 groups: rows of a group the new form does not print stay, under their group
    let (old_groups, new_groups) = (from.level1_groups(e), into.level1_groups(&form));
    for l in &new_groups {
        let printed = into.indicators.level1.iter().any(|(x, _)| x == l);
        if !printed {
            notes.push(SwitchNote::new(
                format!("“{}”不在新表样中，其下指标保留并继续显示", l.name_zh()),
                format!(
                    "“{}” is not on the new form; its rows are kept and shown",
                    l.name_zh()
                ),
            ));
        } else if !old_groups.contains(l) {
            notes.push(SwitchNote::new(
                format!("增加一级指标“{}”", l.name_zh()),
                format!("the form gains the level-1 group “{}”", l.name_zh()),
            ));
        }
    }
    if from.indicators.flat != into.indicators.flat {
        notes.push(if into.indicators.flat {
            SwitchNote::new(
                "指标不再分一级、二级列出，按原顺序列为一表",
                "the indicators are listed as one table, without level-1 and level-2 columns",
            )
        } else {
            SwitchNote::new(
                "指标按一级、二级指标分组列出",
                "the indicators are grouped by level-1 and level-2 indicators",
            )
        });
    }
    // the target in one column or several: one text behind them either way
    let target_parts = [Column::Operator, Column::Unit, Column::Target];
    let split = |t: &super::Template| {
        (
            t.indicators.has(Column::Operator),
            t.indicators.has(Column::Unit),
        )
    };
    if split(from) != split(into) {
        let cells: Vec<&str> = into
            .indicators
            .columns
            .iter()
            .filter(|c| target_parts.contains(c))
            .map(|c| into.indicators.label(*c))
            .collect();
        notes.push(if cells.len() > 1 {
            SwitchNote::new(
                format!(
                    "年度指标值分为“{}”{}栏显示，所填内容不变",
                    cells.join("｜"),
                    if cells.len() == 2 { "两" } else { "三" }
                ),
                format!(
                    "the target is shown in {} columns (“{}”); what was typed is unchanged",
                    cells.len(),
                    cells.join(" | ")
                ),
            )
        } else {
            SwitchNote::new(
                "指标性质、指标值、度量单位合为一栏“年度指标值”显示，所填内容不变",
                "the target columns are shown as one; what was typed is unchanged",
            )
        });
    }
    // the indicator table's other columns: gained, dropped (what they held stays), or renamed
    let (old_cols, new_cols) = (from.columns(e), into.columns(&form));
    let (old_cols, new_cols): (Vec<Column>, Vec<Column>) = if split(from) != split(into) {
        let other = |c: &&Column| !target_parts.contains(c);
        (
            old_cols.iter().filter(other).copied().collect(),
            new_cols.iter().filter(other).copied().collect(),
        )
    } else {
        (old_cols, new_cols)
    };
    for c in &new_cols {
        let label = into.indicators.label(*c);
        if !old_cols.contains(c) {
            notes.push(SwitchNote::new(
                format!("指标表增加“{label}”栏"),
                format!("the indicator table gains the column “{label}”"),
            ));
        } else if from.indicators.label(*c) != label {
            let was = from.indicators.label(*c);
            notes.push(SwitchNote::new(
                format!("“{was}”栏改称“{label}”"),
                format!("the column “{was}” is called “{label}”"),
            ));
        }
    }
    for c in &old_cols {
        if !new_cols.contains(c) {
            let label = from.indicators.label(*c);
            notes.push(SwitchNote::new(
                format!("指标表不再列出“{label}”栏，所填内容不变"),
                format!(
                    "the indicator table drops the column “{label}”; what was typed is unchanged"
                ),
            ));
        }
    }
    let (a, b) = (from.scheme, into.scheme);
    if a.reverse != b.reverse {
        notes.push(SwitchNote::new(
            match b.reverse {
                crate::rules::Reverse::Ratio => "反向指标超出目标时：分值×目标值÷实际值",
                crate::rules::Reverse::Deduction => {
                    "反向指标超出目标时：分值×(1−(实际值−目标值)÷目标值)，达到目标值2倍得0分"
                }
            },
            match b.reverse {
                crate::rules::Reverse::Ratio => "reverse indicators over target: W × T / A",
                crate::rules::Reverse::Deduction => {
                    "reverse indicators over target: W × (1 − (A − T) / T), 0 from 2T"
                }
            },
        ));
    }
    if (a.band_upper, a.band_lower) != (b.band_upper, b.band_lower) {
        notes.push(SwitchNote::new(
            format!(
                "定性指标档次区间：{}%／{}% → {}%／{}%",
                a.band_upper, a.band_lower, b.band_upper, b.band_lower
            ),
            format!(
                "qualitative bands: {} % / {} % → {} % / {} %",
                a.band_upper, a.band_lower, b.band_upper, b.band_lower
            ),
        ));
    }
    if a.flag_over_achievement != b.flag_over_achievement {
        notes.push(if b.flag_over_achievement {
            SwitchNote::new(
                "超额完成（实际值达目标值120%以上）将提示并要求说明原因",
                "over-achievement (120 % of target or more) is flagged and needs a reason",
            )
        } else {
            SwitchNote::new(
                "新表样不设超额完成提示",
                "the new form does not flag over-achievement",
            )
        });
    }
    // the scores the rules give, row by row, and the total
    let (before, after) = (assess(e), assess(&form));
    for (i, row) in e.indicators.iter().enumerate() {
        let (x, y) = (&before.indicators[i].rule, &after.indicators[i].rule);
        if x == y {
            continue;
        }
        let name = if row.name.trim().is_empty() {
            format!("第{}行", i + 1)
        } else {
            row.name.trim().to_string()
        };
        let shown = |r: &RuleScore| match r {
            RuleScore::Exact(d) => fmt2(*d),
            RuleScore::Band {
                low,
                high,
                high_inclusive,
            } => format!(
                "[{}, {}{}",
                fmt2(*low),
                fmt2(*high),
                if *high_inclusive { "]" } else { ")" }
            ),
            _ => "—".to_string(),
        };
        notes.push(SwitchNote::new(
            format!("{name}：规则得分 {} → {}", shown(x), shown(y)),
            format!("“{name}”: rule score {} → {}", shown(x), shown(y)),
        ));
    }
    if before.execution.rule_score != after.execution.rule_score {
        let shown = |d: Option<rust_decimal::Decimal>| d.map(fmt2).unwrap_or_else(|| "—".into());
        notes.push(SwitchNote::new(
            format!(
                "预算执行率规则得分：{} → {}",
                shown(before.execution.rule_score),
                shown(after.execution.rule_score)
            ),
            format!(
                "execution rule score: {} → {}",
                shown(before.execution.rule_score),
                shown(after.execution.rule_score)
            ),
        ));
    }
    if (before.total, before.grade) != (after.total, after.grade) {
        notes.push(SwitchNote::new(
            format!(
                "总分：{}（{}）→ {}（{}）",
                fmt2(before.total),
                before.grade.name_zh(),
                fmt2(after.total),
                after.grade.name_zh()
            ),
            format!(
                "total: {} ({}) → {} ({})",
                fmt2(before.total),
                before.grade.name_en(),
                fmt2(after.total),
                after.grade.name_en()
            ),
        ));
    }
    Switch { form, notes }
}
