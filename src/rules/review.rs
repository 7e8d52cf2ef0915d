//! 复核: the finance bureau re-scores a form. A 复核分 typed for a row or for the
//! fund score takes the place of the self-assessed 得分 there; where none is typed the
//! self-assessed score stands. The 复核总分 and 复核等级 are those of the form so scored, by the
//! same rules (R1–R5: the same bounds, rescaling for not-applicable rows, grade bands). A 复核分
//! the rules refuse as a score (not a number, negative, over the weight) is an error on the 复核分
//! itself.

use super::{assess, Diagnostic, Field, Grade, IndicatorField, Level};
use crate::model::Evaluation;
use rust_decimal::Decimal;
use serde::Serialize;

/// What the review gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewResult {
    /// 复核总分
    pub total: Decimal,
    /// 复核等级
    pub grade: Grade,
    /// Scores the reviewer typed (rows and the fund score).
    pub scores: usize,
    /// 已复核
    pub done: bool,
}

/// The form as the reviewer scores it: each typed 复核分 in the place of the 得分, without the
/// review itself (and without printed claims, which are the department's).
pub fn reviewed_form(e: &Evaluation) -> Evaluation {
    let mut r = e.clone();
    if !e.review.fund.score.trim().is_empty() {
        r.funds.claimed = e.review.fund.score.clone();
    }
    for row in &mut r.indicators {
        if !row.review.score.trim().is_empty() {
            row.claimed = std::mem::take(&mut row.review.score);
        }
        row.review = Default::default();
    }
    r.review = Default::default();
    r.claimed_total.clear();
    r.claimed_grade.clear();
    r.funds.claimed_rate.clear();
    r
}

/// The review's totals, and its errors into `out` (under the rule that refuses the score). None when nothing is reviewed.
pub(super) fn assess_review(e: &Evaluation, out: &mut Vec<Diagnostic>) -> Option<ReviewResult> {
    if !e.has_review() {
        return None;
    }
    let form = reviewed_form(e);
    let a = assess(&form);
    let typed_row = |id: &str| {
        e.indicator(id)
            .is_some_and(|i| !i.review.score.trim().is_empty())
    };
    let fund_typed = !e.review.fund.score.trim().is_empty();
    for d in a
        .diagnostics
        .into_iter()
        .filter(|d| d.level == Level::Error)
    {
        let field = match &d.field {
            Field::Indicator(id, IndicatorField::Claimed) if typed_row(id) => {
                Field::Indicator(id.clone(), IndicatorField::ReviewScore)
            }
            Field::FundClaimed if fund_typed => Field::FundReview,
            _ => continue,
        };
        out.push(Diagnostic {
            field,
            zh: format!("复核分：{}", d.zh),
            en: format!("review score: {}", d.en),
            ..d
        });
    }
    let scores = usize::from(fund_typed)
        + e.indicators
            .iter()
            .filter(|i| !i.review.score.trim().is_empty())
            .count();
    Some(ReviewResult {
        total: a.total,
        grade: a.grade,
        scores,
        done: e.review.done,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::parse_export;
    use crate::samples::SAMPLES;

    fn d(s: &str) -> Decimal {
        s.parse().expect("literal")
    }

    /// 招商引资 as the county's reviewer left it (tests/fixtures/v2/reviewed.json).
    fn reviewed() -> Evaluation {
        let env = parse_export(include_bytes!("../../tests/fixtures/v2/reviewed.json")).unwrap();
        env.evaluations
            .into_iter()
            .find(|e| e.id == "sample-zhaoshang")
            .unwrap()
    }

    #[test]
    fn a_form_without_review_has_none() {
        for s in SAMPLES {
            assert_eq!(assess(&s.build()).review, None);
        }
    }

    #[test]
    fn review_scores_take_the_place_of_the_claimed_ones_where_typed() {
        let e = reviewed();
        let a = assess(&e);
        // self-assessed 87; the fund score 7 → 10, 投资总额 10 → 8: 87 + 3 − 2
        assert_eq!(a.total, d("87"));
        let r = a.review.unwrap();
        assert_eq!(
            (r.total, r.grade, r.scores, r.done),
            (d("88"), Grade::Good, 2, true)
        );
        // the department's own figures do not move
        assert_eq!(a.rule_total, d("98"));
    }

    #[test]
    fn a_review_can_change_the_grade() {
        let mut e = reviewed();
        for row in &mut e.indicators {
            row.review.score = "0".into();
        }
        let r = assess(&e).review.unwrap();
        assert_eq!((r.total, r.grade), (d("10"), Grade::Poor));
        // an opinion alone is a review that keeps the self-assessed scores
        let mut e = SAMPLES[1].build();
        e.review.opinion = "同意自评结果".into();
        let r = assess(&e).review.unwrap();
        assert_eq!((r.total, r.grade, r.scores), (d("87"), Grade::Good, 0));
    }

    #[test]
    fn a_review_score_the_rules_refuse_is_an_error_on_the_review_score() {
        let mut e = reviewed();
        let id = e.indicators[0].id.clone();
        e.indicators[0].review.score = "25".into(); // weight 20
        e.review.fund.score = "十分".into();
        let a = assess(&e);
        let on = |f: Field| {
            a.diagnostics_for(&f)
                .filter(|d| d.level == Level::Error)
                .count()
        };
        assert_eq!(
            on(Field::Indicator(id.clone(), IndicatorField::ReviewScore)),
            1
        );
        assert_eq!(on(Field::FundReview), 1);
        assert_eq!(on(Field::Indicator(id.clone(), IndicatorField::Claimed)), 0);
        assert!(a
            .diagnostics_for(&Field::Indicator(id, IndicatorField::ReviewScore))
            .all(|d| d.zh.starts_with("复核分：") && d.en.starts_with("review score: ")));
    }

    #[test]
    fn next_years_copy_carries_no_review() {
        let e = reviewed().next_year_copy("n".into(), 1);
        assert!(!e.has_review());
        assert_eq!(assess(&e).review, None);
    }
}
