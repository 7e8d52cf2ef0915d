//! The words ziping's own Excel and Word exports print where a form has no printed field for
//! what ziping keeps: a score left to the rules, a kind or tier chosen by hand, the printed claims
//! of an imported form, its note. The office module writes them and the recogniser reads them
//! back, so an exported form imports as the form it was.

/// The line at the foot of every exported form. Its computed cells (执行率, 小计, 总分, 等级)
/// are the sheet's formulas, not printed claims: a form under this line takes its claims from
/// the [`PRINTED`] row only.
use crate::model::Review;
use crate::rules::Grade;
use rust_decimal::Decimal;

pub const EXPORT_MARK: &str = "注：本表由绩效自评（ziping）导出";

/// After a score the clerk left to the rules (`45.00（按规则）`): read back as left blank.
pub const BY_RULE: &str = "（按规则）";

/// After a score typed on an indicator that does not apply (`5（不计分）`): read back as typed.
pub const NOT_COUNTED: &str = "（不计分）";

/// The row of the printed claims an imported form carried: `执行率：100%；总分：88；等级：良`.
pub const PRINTED: &str = "原表所印";
pub const PRINTED_RATE: &str = "执行率";
pub const PRINTED_TOTAL: &str = "总分";
pub const PRINTED_GRADE: &str = "等级";

/// The row of the form's 备注.
pub const NOTE: &str = "备注";

/// The column of kinds chosen by hand (正向, 反向, 等于, 定性, 不适用): taken exactly.
pub const KIND_COLUMN: &str = "指标类型（手动设定）";

/// The column of the tiers of qualitative indicators (达成年度指标 …).
pub const TIER_COLUMN: &str = "定性档次";

/// The subtotal row of each 一级指标.
pub const SUBTOTAL: &str = "小计";

/// A score cell as the clerk typed it: a rule's score marked [`BY_RULE`] was not typed, a score
/// marked [`NOT_COUNTED`] was.
pub fn typed_score(cell: &str) -> String {
    let t = cell.trim();
    if t.ends_with(BY_RULE) {
        return String::new();
    }
    t.strip_suffix(NOT_COUNTED).unwrap_or(t).trim().to_string()
}

/// The printed claims of a [`PRINTED`] row: (执行率, 总分, 等级), each as printed.
pub fn printed_claims(text: &str) -> (String, String, String) {
    let mut out = (String::new(), String::new(), String::new());
    for part in text.split(['；', ';', '\n']) {
        let Some((label, value)) = part.split_once(['：', ':']) else {
            continue;
        };
        let value = value.trim().to_string();
        match label.trim() {
            PRINTED_RATE => out.0 = value,
            PRINTED_TOTAL => out.1 = value,
            PRINTED_GRADE => out.2 = value,
            _ => {}
        }
    }
    out
}

/// The [`PRINTED`] row's text for the claims (empty when there are none).
pub fn printed_text(rate: &str, total: &str, grade: &str) -> String {
    [
        (PRINTED_RATE, rate),
        (PRINTED_TOTAL, total),
        (PRINTED_GRADE, grade),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}：{}", v.trim()))
    .collect::<Vec<_>>()
    .join("；")
}

/// The row naming a form's template (ziping's exports of a form whose template is not the MOF
/// 2020 form): the template's name, read back by name.
pub const TEMPLATE: &str = "表样";

/// The template a [`TEMPLATE`] row names.
pub fn template_named(text: &str) -> Option<crate::model::TemplateId> {
    let t = text.trim();
    crate::model::TemplateId::ALL.into_iter().find(|id| {
        let tpl = crate::templates::template(*id);
        t == tpl.name_zh || t == id.key()
    })
}

/// The row of the finance bureau's 复核 (ziping's exports of a reviewed form).
pub const REVIEW: &str = "复核";

/// The indicator table's 复核 columns. A column headed 复核分 or 复核意见 in any form is read into
/// the row's review.
pub const REVIEW_SCORE_COLUMN: &str = "复核分";
pub const REVIEW_OPINION_COLUMN: &str = "复核意见";

/// The lines of the [`REVIEW`] row, each `label：value`. Opinions may run over several lines
/// and hold any punctuation, so a line that does not start with one of these labels continues
/// the field before it.
const FUND_SCORE: &str = "预算执行率复核分";
const FUND_OPINION: &str = "预算执行率复核意见";
const OPINION: &str = "复核意见";
const REVIEWER: &str = "复核人";
const DATE: &str = "复核日期";
const DONE: &str = "已复核";
/// The review's computed total and grade: printed for the reader, not read back.
const TOTAL: &str = "复核总分";
const LABELS: [&str; 7] = [
    FUND_SCORE,
    FUND_OPINION,
    OPINION,
    REVIEWER,
    DATE,
    DONE,
    TOTAL,
];

/// The [`REVIEW`] row's text: what the review holds, then (when given) its computed total and
/// grade.
pub fn review_text(r: &Review, totals: Option<(Decimal, Grade)>) -> String {
    let mut lines = Vec::new();
    for (label, value) in [
        (FUND_SCORE, r.fund.score.trim()),
        (FUND_OPINION, r.fund.opinion.trim()),
        (OPINION, r.opinion.trim()),
        (REVIEWER, r.reviewer.trim()),
        (DATE, r.date.trim()),
    ] {
        if !value.is_empty() {
            lines.push(format!("{label}：{value}"));
        }
    }
    if r.done {
        lines.push(format!("{DONE}：是"));
    }
    if let Some((total, grade)) = totals {
        lines.push(format!(
            "{TOTAL}：{}（{}）",
            total.round_dp(2),
            grade.name_zh()
        ));
    }
    lines.join("\n")
}

/// The review a [`REVIEW`] row holds (its computed total is left to the rules).
pub fn review_from_text(text: &str) -> Review {
    let mut r = Review::default();
    let mut current: Option<&str> = None;
    for line in text.split('\n') {
        // the label as one of ours (a 'static str), and the rest of the line
        let labelled = line
            .split_once(['：', ':'])
            .and_then(|(l, v)| LABELS.into_iter().find(|k| *k == l.trim()).map(|k| (k, v)));
        let (label, value) = match labelled {
            Some((l, v)) => {
                current = Some(l);
                (l, v.trim().to_string())
            }
            None => match current {
                Some(l) => (l, format!("\n{}", line.trim_end())),
                None => continue,
            },
        };
        let field = match label {
            FUND_SCORE => &mut r.fund.score,
            FUND_OPINION => &mut r.fund.opinion,
            OPINION => &mut r.opinion,
            REVIEWER => &mut r.reviewer,
            DATE => &mut r.date,
            DONE => {
                r.done = r.done || matches!(value.trim(), "是" | "√" | "✓" | "已复核");
                continue;
            }
            _ => continue,
        };
        field.push_str(&value);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_back_as_typed() {
        assert_eq!(typed_score("45.00（按规则）"), "");
        assert_eq!(typed_score("5（不计分）"), "5");
        assert_eq!(typed_score(" 8 "), "8");
    }

    #[test]
    fn printed_claims_round_trip() {
        let t = printed_text("100%", "88", "");
        assert_eq!(t, "执行率：100%；总分：88");
        assert_eq!(
            printed_claims(&t),
            ("100%".into(), "88".into(), String::new())
        );
        assert_eq!(
            printed_claims(&printed_text("", "９０.5", "良")),
            (String::new(), "９０.5".into(), "良".into())
        );
        assert_eq!(printed_text("", "", ""), "");
    }

    #[test]
    fn review_round_trips_through_its_row() {
        let mut r = Review::default();
        r.fund.score = "9".into();
        r.fund.opinion = "执行率按全年预算数计".into();
        r.opinion = "偏差原因未写；满意度无依据：\n建议补充问卷".into();
        r.reviewer = "王五".into();
        r.date = "2023-04-10".into();
        r.done = true;
        let t = review_text(&r, Some((Decimal::new(8800, 2), Grade::Good)));
        assert!(t.ends_with("复核总分：88.00（良）"), "{t}");
        assert_eq!(review_from_text(&t), r);
        // only what is there; nothing at all reads as no review
        assert_eq!(review_from_text(""), Review::default());
        let only = Review {
            reviewer: "王五".into(),
            ..Review::default()
        };
        assert_eq!(review_text(&only, None), "复核人：王五");
        assert_eq!(review_from_text("复核人: 王五"), only);
    }
}
