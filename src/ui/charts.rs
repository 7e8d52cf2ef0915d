//! Inline SVG charts (no JS chart library). Black-and-white safe: the claimed score is solid
//! black, the rules' score is hatched, the weight is an outline; every bar carries its figures.

use crate::charts::{length, score_bars, ScoreBar};
#[cfg(feature = "full")]
use crate::charts::{project_bars, ProjectBar};
use crate::i18n::{t, tf};
#[cfg(feature = "full")]
use crate::rules::num::fmt_pct;
use crate::rules::{num::fmt2, Assessment};
#[cfg(feature = "full")]
use crate::summary::SummaryRow;
use leptos::prelude::*;
#[cfg(feature = "full")]
use rust_decimal::Decimal;

const LABEL_W: u32 = 130;
const BAR_W: u32 = 260;
const ROW_H: u32 = 30;

fn hatch_defs(id: &'static str) -> impl IntoView {
    view! {
        <defs>
            <pattern id=id patternUnits="userSpaceOnUse" width="5" height="5">
                <path d="M0,5 L5,0" stroke="#000" stroke-width="1"></path>
            </pattern>
        </defs>
    }
}

/// Bar `i` of a chart, drawn once while the chart has that many bars: its figures follow the
/// bar's own memo, so a keystroke that changes one score sets that bar's widths and text only
/// (redrawing every bar set all their attributes again: 80 % of a keystroke's DOM work on a
/// form of 200 indicators).
fn bar_of<B: Clone + PartialEq + Send + Sync + 'static>(
    bars: Memo<Vec<B>>,
    i: usize,
) -> Memo<Option<B>> {
    Memo::new(move |_| bars.with(|b| b.get(i).cloned()))
}

/// One figure of a bar, as the attribute or text that shows it.
fn figure<B: Send + Sync + 'static>(
    bar: Memo<Option<B>>,
    f: fn(&B) -> String,
) -> impl Fn() -> String + Send + Sync + Copy + 'static {
    move || bar.with(|b| b.as_ref().map(f).unwrap_or_default())
}

fn score_bar(bars: Memo<Vec<ScoreBar>>, i: usize) -> impl IntoView {
    let bar = bar_of(bars, i);
    let of = |f| figure(bar, f);
    let y = i as u32 * ROW_H;
    let x0 = LABEL_W;
    view! {
        <g class="bar">
            <text x=of(|b| if b.nested { "16" } else { "0" }.into()) y=y + 17 font-size="12">{of(|b| t(&b.label).to_string())}</text>
            <rect x=x0 y=y + 4 width=of(|b| length(b.weight, b.weight, BAR_W).to_string()) height="22" fill="none" stroke="#000" stroke-width="1"></rect>
            <rect x=x0 y=y + 5 width=of(|b| length(b.claimed, b.weight, BAR_W).to_string()) height="10" fill="#000"></rect>
            <rect x=x0 y=y + 15 width=of(|b| length(b.rule, b.weight, BAR_W).to_string()) height="10" fill="url(#hatch-score)" stroke="#000" stroke-width="0.5"></rect>
            <text x=x0 + BAR_W + 8 y=y + 17 font-size="11">
                {of(|b| tf("自评 {} · 规则 {} / {}", &[&fmt2(b.claimed), &fmt2(b.rule), &fmt2(b.weight)]))}
            </text>
        </g>
    }
}

/// The execution rate's bar: 100 % is the full width.
#[cfg(feature = "full")]
fn rate_length(b: &ProjectBar) -> Decimal {
    let hundred = Decimal::ONE_HUNDRED;
    let pct = b.rate.and_then(|r| r.checked_mul(hundred));
    length(pct.unwrap_or(Decimal::ZERO), hundred, BAR_W)
}

#[cfg(feature = "full")]
fn project_bar(bars: Memo<Vec<ProjectBar>>, i: usize) -> impl IntoView {
    let bar = bar_of(bars, i);
    let of = |f| figure(bar, f);
    let y = i as u32 * ROW_H;
    view! {
        <g class="bar" data-id=of(|b| b.id.clone())>
            <text x="0" y=y + 17 font-size="12">
                <title>{of(|b| b.label.clone())}</title>
                {of(|b| b.label.chars().take(9).collect())}
            </text>
            <rect x=LABEL_W y=y + 4 width=BAR_W height="22" fill="none" stroke="#999" stroke-width="0.5"></rect>
            <rect x=LABEL_W y=y + 5 width=of(|b| length(b.total, Decimal::ONE_HUNDRED, BAR_W).to_string()) height="10" fill="#000"></rect>
            <rect x=LABEL_W y=y + 15 width=of(|b| rate_length(b).to_string()) height="10" fill="url(#hatch-summary)" stroke="#000" stroke-width="0.5"></rect>
            <text x=LABEL_W + BAR_W + 8 y=y + 17 font-size="11">
                {of(|b| tf("总分 {} · 执行率 {}", &[&fmt2(b.total), &b.rate.map(fmt_pct).unwrap_or_else(|| "—".into())]))}
            </text>
        </g>
    }
}

/// Claimed vs rule score against the weight, per 一级/二级 group of one evaluation.
#[component]
pub fn ScoreChart(assessment: Memo<Assessment>) -> impl IntoView {
    let bars = Memo::new(move |_| assessment.with(score_bars));
    let count = Memo::new(move |_| bars.with(Vec::len));
    let height = move || bars.with(|b| b.len() as u32 * ROW_H + 28);
    let total_w = LABEL_W + BAR_W + 150;
    view! {
        <figure class="chart score-chart">
            <svg
                role="img"
                aria-label=t("各级指标自评得分与规则得分对比")
                width=total_w
                height=height
                viewBox=move || format!("0 0 {total_w} {}", height())
            >
                {hatch_defs("hatch-score")}
                {move || (0..count.get()).map(|i| score_bar(bars, i)).collect_view()}
                <g transform=move || format!("translate(0,{})", height() - 20)>
                    <rect x=LABEL_W y="4" width="14" height="10" fill="#000"></rect>
                    <text x=LABEL_W + 18 y="13" font-size="11">{t("自评得分")}</text>
                    <rect x=LABEL_W + 90 y="4" width="14" height="10" fill="url(#hatch-score)" stroke="#000" stroke-width="0.5"></rect>
                    <text x=LABEL_W + 108 y="13" font-size="11">{t("规则得分")}</text>
                    <rect x=LABEL_W + 180 y="4" width="14" height="10" fill="none" stroke="#000"></rect>
                    <text x=LABEL_W + 198 y="13" font-size="11">{t("分值")}</text>
                </g>
            </svg>
        </figure>
    }
}

/// Total score and execution rate per project of a summary (the full edition's pages).
#[cfg(feature = "full")]
#[component]
pub fn SummaryChart(rows: Memo<Vec<SummaryRow>>) -> impl IntoView {
    let bars = Memo::new(move |_| rows.with(|r| project_bars(r)));
    let count = Memo::new(move |_| bars.with(Vec::len));
    let height = move || bars.with(|b| b.len() as u32 * ROW_H + 28);
    let total_w = LABEL_W + BAR_W + 170;
    view! {
        <figure class="chart summary-chart">
            <svg
                role="img"
                aria-label=t("各项目总分与预算执行率")
                width=total_w
                height=height
                viewBox=move || format!("0 0 {total_w} {}", height())
            >
                {hatch_defs("hatch-summary")}
                {move || (0..count.get()).map(|i| project_bar(bars, i)).collect_view()}
                <g transform=move || format!("translate(0,{})", height() - 20)>
                    <rect x=LABEL_W y="4" width="14" height="10" fill="#000"></rect>
                    <text x=LABEL_W + 18 y="13" font-size="11">{t("总分（满分100）")}</text>
                    <rect x=LABEL_W + 130 y="4" width="14" height="10" fill="url(#hatch-summary)" stroke="#000" stroke-width="0.5"></rect>
                    <text x=LABEL_W + 148 y="13" font-size="11">{t("预算执行率（满100%）")}</text>
                </g>
            </svg>
        </figure>
    }
}
